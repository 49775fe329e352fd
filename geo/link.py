"""One facility, one project: group what several documents say about the same facility.

Input: the located projects of every document (one per project and document: a *mention*, id = hash of file
+ name, see geo.build.stable_id). Output: projects (one per facility, with resolved attributes and the files
naming it), the mentions with their project id, and suggested links the rules are not sure of.

Two mentions of different documents are compared on what identifies a facility:

- kind: the same category;
- place: no contradiction: different counties, cities, townships, or named regions (渤中 vs 半岛南) never link;
  a mention placed only at city level links to a county-level one of that city when nothing else contradicts;
  a regional mention (base, offshore zone) links only to another regional one;
- proper name: the *core* of the name (`name_core`: the name minus place names, the owner, phase and unit
  suffixes 一期/二期/3、4号机组/扩建, capacity words 千万千瓦级/500MW, generic words 项目/工程/基地/厂址);
  equal cores link, a core contained in the other links when it covers most of it, otherwise at most a
  suggestion (a short core such as 核电 inside a long one only when both name the same county);
- owner: two different stated owners make at most a suggestion;
- capacity: two stated values of one unit more than 25 % apart, with no phase named, make at most a suggestion.

Grouping is greedy by score (ties by mention ids, so input order does not matter). A project never holds two
mentions of one document (within a document geo.extract already merged what is one), and a merge that would put
two contradicting mentions into one project is not made: both become suggestions.

Project ids: see `project_key` and geo/schema.py. Resolved values: see geo.history.resolve.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from geo.history import normalize_text as _norm
from geo.history import resolve
from geo.model import LocatedProject, Mention

LINK_SCORE = 0.85  # at or above: linked (when nothing contradicts)
SUGGEST_SCORE = 0.55  # at or above (or a strong name with a soft contradiction): a suggested link
WEAK_CONTAINMENT = 0.3  # a short core inside a long one: a suggestion only when both name the same county
CAPACITY_RATIO = 1.25  # stated values further apart than this contradict, unless a phase is named
REGIONAL = ("region", "province")

_BRACKETS = re.compile(r"[(（][^()（）]*[)）]")
_NUM = r"[\d.０-９一二三四五六七八九十百千万亿两]+"
_CAPACITY = re.compile(
    rf"(?:{_NUM}\s*[×xX*]\s*)?{_NUM}\s*(?:万千瓦时|万千瓦|千瓦时|千瓦|兆瓦时|兆瓦|吉瓦|mwh|mw|gw|kwh|kw|万吨/年|"
    rf"万吨|吨/年|亿立方米|万立方米|立方米|万方|方)(?:/{_NUM}\s*(?:兆瓦时|万千瓦时|mwh))?级?"
    r"|[十百千万]+(?:千瓦|吨|方)级|\d+\s*[×xX]\s*\d*[a-z]+",
    re.IGNORECASE,
)
_PHASE = re.compile(
    r"(?:第?[一二三四五六七八九十\d]+(?:期|标段)|[\d一二三四五六七八九十、,，和及至]+号机组|机组|改扩建|扩建|扩能|续建|"
    r"升级改造|改造升级|技术改造|改造|标段)"
)
_GENERIC = re.compile(
    r"(?:重点项目|主体工程|项目|工程|建设|大基地|基地|厂址|场址|示范|试点|国家级|省级|市级|规模化开发|规模化|开发)"
)
_KIND_WORDS = ((re.compile(r"发电"), "电"), (re.compile(r"电(?:站|厂|场)"), "电"))
_OWNER_NOISE = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|分公司|集团|公司|股份|控股)")


def normalize_owner(owner: str | None) -> str:
    """A developer's name as geo.categories.OWNERS writes it (中国石化 -> 中石化, 山东华电 -> 华电), else without
    company words (某某新能源集团有限公司 -> 某某新能源); '' when none."""
    from geo.categories import owner_of

    text = _BRACKETS.sub("", _norm(owner or ""))
    known = owner_of(text)
    if known:
        return known
    text = _OWNER_NOISE.sub("", text)
    return re.sub(r"^(?:山东省?|中国)(?=..)", "", text)


def owners_agree(a: str | None, b: str | None) -> bool:
    """True when either is unknown, or one normalized owner contains the other (华电 / 山东华电)."""
    na, nb = normalize_owner(a), normalize_owner(b)
    return not na or not nb or na in nb or nb in na


# ---------------------------------------------------------------------------------------------------------------
# what identifies a mention


# text -> (surface, place kind, canonical name) of each place named in it
PlaceFinder = Callable[[str], Iterable[tuple[str, str, str]]]


@dataclass(frozen=True)
class Signature:
    """The parts of one mention that identify its facility."""

    mention_id: str
    source: str
    category: str
    core: str
    owner: str  # normalized
    county: str | None
    city: str | None
    township: str | None
    regional: bool
    regions: frozenset[str]  # region / offshore-zone names in the name (渤中, 鲁北盐碱滩涂地)
    phase: bool  # the name names a phase or unit
    capacity: tuple[float, str] | None
    township_named: str | None = None  # the township, when the name itself contains it
    owner_named: bool = False  # the name itself contains the owner


def default_place_finder() -> PlaceFinder:
    """Places named in a text, by the gazetteer of layers/ (geo.gazetteer)."""
    from geo.gazetteer import Gazetteer

    gazetteer = Gazetteer.default()

    def find(text: str) -> list[tuple[str, str, str]]:
        out = []
        for m in gazetteer.find(text):
            best = m.candidates[0] if m.candidates else None
            out.append((m.surface, best.kind if best else "", best.name if best else m.surface))
        return out

    return find


def name_core(name: str, owner: str | None, places: Iterable[str]) -> str:
    """The proper part of a project name: without bracketed notes, capacities, the owner, the given place
    names, phase/unit suffixes and generic words; 发电/电站/电厂 reduced to 电 so the kind reads alike."""
    from geo.categories import strip_owners

    text = _BRACKETS.sub("", _norm(name))
    text = _CAPACITY.sub("", text)
    owner_n = _norm(owner or "")
    place_names = sorted({_norm(p) for p in places if len(p or "") >= 2}, key=len, reverse=True)
    variants = {owner_n, _OWNER_NOISE.sub("", owner_n)}
    # a company named with its city (临沂甲乙热电) is written without it in the plant's name (甲乙热电…)
    variants |= {v[len(p) :] for v in variants for p in place_names if v.startswith(p)}
    for variant in sorted(variants, key=len, reverse=True):
        if len(variant) >= 2 and variant in text:
            text = text.replace(variant, "")
            break
    else:  # `华昆文登抽水蓄能电站` of 华昆抽水蓄能有限公司: the owner's short name leads the name
        lead = next((k for k, (x, y) in enumerate(zip(text, owner_n, strict=False)) if x != y), None)
        lead = min(len(text), len(owner_n)) if lead is None else lead
        if lead >= 2 and not any(p.startswith(text[:lead]) or text.startswith(p) for p in place_names):
            text = text[lead:]  # (a shared place, 滕州市… of 滕州甲乙公司, is not the owner's name)
    text = strip_owners(text)
    for place in place_names:
        text = text.replace(place, "")
    text = re.sub(r"^(?:山东省?|中国|国家(?!级))(?=..)", "", text)
    text = _PHASE.sub("", text)
    text = _GENERIC.sub("", text)
    text = re.sub(r"整[县市区]制?", "整县", text)
    for pattern, repl in _KIND_WORDS:
        text = pattern.sub(repl, text)
    return re.sub(r"[、，,—\-–/+＋]+$|^[、，,—\-–/]+", "", text)


def _short(township: str) -> str:
    return _norm(re.sub(r"(镇|乡|街道|办事处)$", "", township))


def _names_owner(name: str, owner: str | None) -> bool:
    """The name itself carries the owner: as written, or as the developer table reads it (中国华能 = 华能)."""
    from geo.categories import owner_of

    return bool(owner) and (_norm(owner) in _norm(name) or owner_of(_norm(name)) == normalize_owner(owner))


def signature(lp: LocatedProject, find_places: PlaceFinder) -> Signature:
    p, loc = lp.project, lp.location
    found = list(find_places(p.name))
    names = [surface for surface, _, _ in found]
    for unit in (loc.township, loc.county, loc.city):
        if unit:
            names += [unit, re.sub(r"(镇|乡|街道|市|区|县)$", "", unit)]
    cap = p.capacity
    capacity = (float(cap.value), cap.unit) if cap is not None and cap.value and cap.unit else None
    regional = loc.precision in REGIONAL
    return Signature(
        mention_id=lp.id,
        source=p.source,
        category=p.category,
        core=name_core(p.name, p.owner, names),
        owner=normalize_owner(p.owner),
        county=None if regional else loc.county_adcode,
        city=None if regional else loc.city_adcode,
        township=loc.township,
        regional=regional,
        regions=frozenset(canonical for _, kind, canonical in found if kind in ("region", "offshore_zone")),
        phase=bool(_PHASE.search(_norm(p.name))),
        capacity=capacity,
        township_named=loc.township if loc.township and _short(loc.township) in _norm(p.name) else None,
        owner_named=_names_owner(p.name, p.owner),
    )


# ---------------------------------------------------------------------------------------------------------------
# comparing two mentions


@dataclass(frozen=True)
class Comparison:
    score: float  # how alike the names are, 0..1, lowered by soft contradictions
    hard: str | None  # a contradiction that forbids even a suggestion (different places)
    soft: str | None  # a contradiction that turns a link into a suggestion (owner, capacity)
    reason: str  # in words, for the catalog


@lru_cache(maxsize=65536)
def _bigrams(text: str) -> frozenset[str]:
    return frozenset({text[i : i + 2] for i in range(len(text) - 1)} or {text})


_CODE = re.compile(r"[a-z0-9][a-z0-9\-]*[0-9][a-z0-9\-]*|[0-9][a-z0-9\-]*[a-z][a-z0-9\-]*")


@lru_cache(maxsize=65536)
def _codes(core: str) -> frozenset[str]:
    """Code names in a core (19-6 of a gas field, TG5 of a unit): letters and digits mixed, not a year."""
    return frozenset(c for c in _CODE.findall(core) if not re.fullmatch(r"(19|20)\d\d", c))


# Words a name may add to a plant's kind without naming another plant (compared without them): 光伏电站 is a
# 光伏 plant, a 渔光互补 one is a 渔光互补光伏 one, and an onshore wind farm is the default (陆上风电 = 风电).
_SAME_KIND = (
    (re.compile(r"(?<=光伏|蓄能|储能|光热|互补)电$"), ""),
    (re.compile(r"光互补(?!光伏)"), "光互补光伏"),
    (re.compile(r"^陆上"), ""),
)


def _plain_kind(core: str) -> str:
    for pattern, repl in _SAME_KIND:
        core = pattern.sub(repl, core)
    return core


def core_similarity(a: str, b: str) -> tuple[float, str]:
    if not a or not b:
        return 0.0, "名称无专名"
    a, b = _plain_kind(a), _plain_kind(b)
    if a == b:
        return 1.0, f"名称核心相同（{a}）"
    codes_a, codes_b = _codes(a), _codes(b)
    if codes_a and codes_a == codes_b:
        return 0.9, f"名称中的代号相同（{'、'.join(sorted(codes_a))}）"
    short, long = sorted((a, b), key=len)
    ratio = len(short) / len(long)
    if short in long:  # a short core inside a long one (光伏 in 甲乙丙光伏) is weak evidence, see compare
        score = 0.45 + 0.45 * ratio if ratio >= 0.5 else WEAK_CONTAINMENT
        return score, f"名称核心包含（{short} ⊂ {long}）"
    if 2 * ratio / (1 + ratio) < SUGGEST_SCORE / 0.8:  # not even all bigrams of the short one could reach it
        return 0.0, ""
    sa, sb = _bigrams(a), _bigrams(b)
    dice = 2 * len(sa & sb) / (len(sa) + len(sb))
    return 0.8 * dice, f"名称相近（{a} / {b}）"


def is_generic(core: str) -> bool:
    """A core made only of words for a kind of project (风电, 海上风电, 整县屋顶分布式光伏): it names no facility,
    so only a shared county or region can say two mentions are one (geo.categories.RE_GENERIC_PREFIX)."""
    from geo.categories import RE_GENERIC_PREFIX

    return bool(
        RE_GENERIC_PREFIX.fullmatch(core) or (core.endswith("电") and RE_GENERIC_PREFIX.fullmatch(core[:-1]))
    )


def same_place(a: Signature, b: Signature) -> bool:
    """Both name one county (and no different townships), or both are regional with a region in common."""
    if a.regional and b.regional:
        return bool(a.regions & b.regions)
    return bool(a.county) and a.county == b.county


def place_conflict(a: Signature, b: Signature) -> str | None:
    if a.regional != b.regional:
        return "一个为区域性项目，一个有具体地点"
    if a.regions and b.regions and not (a.regions & b.regions):
        return f"不同区域（{'、'.join(sorted(a.regions))} / {'、'.join(sorted(b.regions))}）"
    if a.county and b.county and a.county != b.county:
        return "不同区县"
    if a.city and b.city and a.city != b.city:
        return "不同城市"
    if a.township and b.township and a.township != b.township:
        return "不同乡镇"
    return None


def _without_owners_name(core: str, other: Signature) -> str:
    """`华昆抽水蓄能电` against `抽水蓄能电` of 华昆抽水蓄能有限公司: a core that is the other's with a word of the
    other's owner before it names that owner's plant (the word is the owner's short name, 华昆)."""
    core, own = _plain_kind(core), _plain_kind(other.core)
    lead = core[: len(core) - len(own)]
    if own and core.endswith(own) and len(lead) >= 2 and lead in other.owner:
        return own
    return core


def compare(a: Signature, b: Signature) -> Comparison:
    hard = place_conflict(a, b)
    if hard:
        return Comparison(0.0, hard, None, hard)
    sim, reason = core_similarity(_without_owners_name(a.core, b), _without_owners_name(b.core, a))
    soft = None
    if a.owner and b.owner and not owners_agree(a.owner, b.owner):
        soft = f"业主不同（{a.owner} / {b.owner}）"
    elif a.capacity and b.capacity and a.capacity[1] == b.capacity[1] and not (a.phase or b.phase):
        lo, hi = sorted((a.capacity[0], b.capacity[0]))
        if hi > lo * CAPACITY_RATIO:
            soft = f"规模不同（{a.capacity[0]:g} / {b.capacity[0]:g} {a.capacity[1]}）"
    if (a.county and not b.county) or (b.county and not a.county):
        reason += "；一方仅知到城市"
        sim -= 0.02
    elif sim == WEAK_CONTAINMENT and a.county and a.county == b.county:
        reason += "；同一区县"
        sim = SUGGEST_SCORE + 0.05
    if sim >= LINK_SCORE and is_generic(a.core) and is_generic(b.core) and not same_place(a, b):
        soft = soft or "名称无专名，地点也不能确定为同一处"
    if soft:
        return Comparison(
            min(sim, LINK_SCORE - 0.01) if sim >= LINK_SCORE else 0.0, None, soft, f"{reason}；{soft}"
        )
    return Comparison(sim, None, None, reason)


# ---------------------------------------------------------------------------------------------------------------
# grouping


@dataclass(frozen=True)
class SuggestedLink:
    mention_id: str
    other_mention_id: str
    score: float
    reason: str


@dataclass
class LinkResult:
    projects: list[LocatedProject]  # one per facility, resolved
    mentions: list[Mention]  # every mention, with project_id and link_reason
    suggestions: list[dict]  # rows of suggested_links.csv (see geo.schema.SUGGESTED_LINK_FIELDS)


def _candidate_pairs(sigs: list[Signature]) -> Iterable[tuple[int, int]]:
    """Pairs of mentions of different documents that could be alike: same category, and same city or both
    regional."""
    blocks: dict[tuple[str, str], list[int]] = {}
    for i, s in enumerate(sigs):
        blocks.setdefault((s.category, "R" if s.regional else (s.city or "?")), []).append(i)
    for members in blocks.values():
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                if sigs[i].source != sigs[j].source:
                    yield i, j


def group(sigs: list[Signature]) -> tuple[list[list[int]], dict[int, str], list[SuggestedLink]]:
    """Groups of mention indexes (one facility each), the reason each linked mention joined, suggestions."""
    scored = []
    for i, j in _candidate_pairs(sigs):
        c = compare(sigs[i], sigs[j])
        if c.score >= SUGGEST_SCORE:
            scored.append((c, i, j))
    scored.sort(key=lambda t: (-t[0].score, sigs[t[1]].mention_id, sigs[t[2]].mention_id))
    ambiguous = _ambiguous(sigs, scored)
    parent = list(range(len(sigs)))
    members = {i: [i] for i in range(len(sigs))}
    reasons: dict[int, str] = {}
    suggestions: list[SuggestedLink] = []

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for c, i, j in scored:
        ri, rj = root(i), root(j)
        if ri == rj:
            continue
        if c.soft or c.score < LINK_SCORE:
            suggestions.append(
                SuggestedLink(sigs[i].mention_id, sigs[j].mention_id, round(c.score, 3), c.reason)
            )
            continue
        blocker = ambiguous.get(i) or ambiguous.get(j) or _merge_blocker(sigs, members[ri], members[rj])
        if blocker:
            reason = f"{c.reason}；{blocker}"
            suggestions.append(
                SuggestedLink(sigs[i].mention_id, sigs[j].mention_id, round(c.score, 3), reason)
            )
            continue
        small, big = sorted((ri, rj), key=lambda r: (len(members[r]), r))
        parent[small] = big
        members[big] += members.pop(small)
        reasons[i] = reasons[j] = c.reason
    groups = [sorted(m, key=lambda k: sigs[k].mention_id) for m in members.values()]
    return sorted(groups, key=lambda g: sigs[g[0]].mention_id), reasons, suggestions


def _ambiguous(sigs: list[Signature], scored: list) -> dict[int, str]:
    """Mentions that would link to two mentions which contradict each other (a city-level `X光伏电站` and
    two county-level ones in different counties): which one is meant is for a person to say."""
    partners: dict[int, list[int]] = {}
    for c, i, j in scored:
        if c.score >= LINK_SCORE and not c.soft:
            partners.setdefault(i, []).append(j)
            partners.setdefault(j, []).append(i)
    out = {}
    for i, others in partners.items():
        for x, a in enumerate(others):
            clash = next((b for b in others[x + 1 :] if place_conflict(sigs[a], sigs[b])), None)
            if clash is not None:
                out[i] = f"可能对应多个项目（{place_conflict(sigs[a], sigs[clash])}）"
                break
    return out


def _merge_blocker(sigs: list[Signature], a: list[int], b: list[int]) -> str | None:
    """Why two groups cannot become one project: a shared document, or two mentions that contradict."""
    if {sigs[i].source for i in a} & {sigs[j].source for j in b}:
        return "同一文件已有另一条对应（可能为同一设施的不同部分）"
    for i in a:
        for j in b:
            c = compare(sigs[i], sigs[j])
            if c.hard or c.soft:
                return f"与同组另一条矛盾：{c.hard or c.soft}"
    return None


# ---------------------------------------------------------------------------------------------------------------
# project ids


def project_key(lp: LocatedProject, sigs: list[Signature]) -> str:
    """The facility's canonical key: category | place | owner | core, from the values its documents' *names*
    carry, so that a document which only adds context (a township or developer said around the name) does
    not change it.

    place: the county adcode, plus "/<township>" when a mention's name contains the township; else the city
    adcode; regional projects: the region names in their names joined by "+", or 370000. owner: normalized
    (华电), when a mention's name contains it, else empty. core: the shortest mention core (ties: code-point
    order)."""
    p, loc = lp.project, lp.location
    if loc.precision in REGIONAL or not (loc.county_adcode or loc.city_adcode):
        place = "+".join(sorted(set().union(*(s.regions for s in sigs)))) or "370000"
    elif loc.county_adcode:
        township = loc.township if any(s.township_named == loc.township for s in sigs) else None
        place = loc.county_adcode + (f"/{township}" if township else "")
    else:
        place = loc.city_adcode or "370000"
    owner = normalize_owner(p.owner)
    if not any(s.owner_named and s.owner == owner for s in sigs):
        owner = ""
    cores = [s.core for s in sigs if s.core]
    core = min(cores, key=lambda c: (len(c), c)) if cores else ""
    return "|".join((p.category, place, owner, core))


def key_id(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def assign_project_ids(keys: list[str], min_mentions: list[str]) -> list[str]:
    """sha1 of the key; projects sharing a key: the one holding the smallest mention id keeps the plain hash,
    each other one hashes key + its smallest mention id. Independent of input order."""
    by_key: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        by_key.setdefault(key, []).append(i)
    ids = [""] * len(keys)
    for key, idx in by_key.items():
        idx.sort(key=lambda i: min_mentions[i])
        ids[idx[0]] = key_id(key)
        for i in idx[1:]:
            ids[i] = key_id(f"{key}\x1f{min_mentions[i]}")
    return ids


# ---------------------------------------------------------------------------------------------------------------
# the whole step


def link_mentions(mentions: list[Mention], find_places: PlaceFinder | None = None) -> LinkResult:
    """Group mentions (of any number of documents) into projects; see the module docstring."""
    find_places = find_places or default_place_finder()
    mentions = sorted(mentions, key=lambda m: m.id)
    sigs = [signature(m.located, find_places) for m in mentions]
    groups, reasons, suggested = group(sigs)
    resolved, keys, firsts = [], [], []
    for g in groups:
        located = resolve([mentions[i] for i in g])
        resolved.append(located)
        keys.append(project_key(located, [sigs[i] for i in g]))
        firsts.append(sigs[g[0]].mention_id)
    ids = assign_project_ids(keys, firsts)
    project_of: dict[str, str] = {}
    projects = []
    for g, located, pid in zip(groups, resolved, ids, strict=True):
        located.id = pid
        projects.append(located)
        for i in g:
            project_of[sigs[i].mention_id] = pid
            mentions[i].project_id = pid
            mentions[i].link_reason = reasons.get(i, "仅此一处提及") if len(g) > 1 else "仅此一处提及"
    by_id = {m.id: m for m in mentions}
    rows = _suggestion_rows(suggested, by_id, project_of)
    return LinkResult(projects=projects, mentions=mentions, suggestions=rows)


def _suggestion_rows(suggested: list[SuggestedLink], by_id: dict, project_of: dict) -> list[dict]:
    best: dict[tuple[str, str], dict] = {}
    for s in suggested:
        a, b = by_id[s.mention_id], by_id[s.other_mention_id]
        pa, pb = project_of[a.id], project_of[b.id]
        if pa == pb:
            continue
        if (pa, a.id) > (pb, b.id):
            a, b, pa, pb = b, a, pb, pa
        row = {
            "project_id": pa,
            "other_project_id": pb,
            "name": a.located.project.name,
            "other_name": b.located.project.name,
            "source": a.source,
            "other_source": b.source,
            "mention_id": a.id,
            "other_mention_id": b.id,
            "score": s.score,
            "reason": s.reason,
        }
        kept = best.get((pa, pb))
        if kept is None or row["score"] > kept["score"]:
            best[(pa, pb)] = row
    return sorted(best.values(), key=lambda r: (-r["score"], r["project_id"], r["other_project_id"]))

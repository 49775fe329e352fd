"""Mentions of one project across a document: repeated mentions merged into one project, and capacities a
news item states about a project named before (`该储能电站总装机规模X`).

    merge_projects(projects)              -> one project per facility of the document
    anaphoric_capacities(doc, projects)   -> projects with capacities stated about them after their name
    anaphoric_details(doc, projects, find) -> projects with the place and builder a later `该项目位于…，由…建设`
                                             gives them
"""

from __future__ import annotations

import re
from dataclasses import replace

from geo import categories as cat
from geo.model import Document, Project
from geo.names import RE_BUILT_BY_AFTER, RE_LOCATED_AFTER, RE_PHASE
from geo.parse import sentences
from geo.quantities import RE_QUANTITY, parse_capacity

# `该储能电站总装机规模301兆瓦`, `…，项目安装2台100万千瓦机组`: a clause about a project named before it
RE_ANAPHOR = re.compile(
    r"(?:该|此|这一|这个)?(?P<kind>项目|[\u4e00-\u9fff]{0,4}?(?:电站|风电场|电厂|基地))(?:一期|二期)?(?=[^，。；]{0,8}?"
    r"(?:总装机容量|总装机规模|装机容量|装机规模|建设规模|规划总容量|总容量|总规模|占地|总投资|安装|新建|配置))"
)
RE_STATED_CAPACITY = re.compile(
    r"(?:总装机容量|总装机规模|装机容量|装机规模|建设规模|规划总容量|总容量|总规模|安装|新建|主要建设)(?:为|达到|达|约|共)?\s*"
)
# `项目作为…，主要建设X`, `该项目位于甲区`: a sentence whose subject is the project named before it
RE_SUBJECT_ANAPHOR = re.compile(
    r"(?:该|此|这一|这个)?(?P<kind>项目|电站|工程)(?!名单|清单|库|建成|投产|投运|建设的)"
)
CITY_KINDS = ("city", "province", "region", "offshore_zone")  # not more precise than a named site


def anaphoric_capacities(doc: Document, projects: list[Project]) -> list[Project]:
    """A news item's `该项目/该电站…总装机规模X` gives X to the project named last before it that has no
    capacity of its own (and whose kind agrees with the anaphor's, when it names one)."""
    out = list(projects)
    for offset, sentence in sentences(doc.text, 0, len(doc.text)):
        for clause_at, clause in _clauses(sentence):
            anaphor = RE_ANAPHOR.match(clause) or (
                RE_SUBJECT_ANAPHOR.match(clause) if clause_at == 0 else None
            )
            stated = RE_STATED_CAPACITY.search(sentence, clause_at) if anaphor else None
            capacity = parse_capacity(sentence[stated.end() : stated.end() + 24]) if stated else None
            if capacity is None or capacity.value is None:
                continue
            kind = cat.category_of(anaphor.group("kind"))
            at = {i: _named_at(doc, p) for i, p in enumerate(out)}
            before = [
                i
                for i, p in enumerate(out)
                if at[i] < offset + clause_at and (kind is None or p.category == kind)
            ]
            target = max(before, key=lambda i: at[i], default=None)
            if target is not None and out[target].capacity is None:
                out[target] = replace(out[target], capacity=capacity)
            break
    return out


def anaphoric_details(doc: Document, projects: list[Project], find_places) -> list[Project]:
    """`该项目位于甲区乙街道…，由丙能源有限公司投资建设`: a sentence about the project named before it (its subject
    is 该项目/项目/该电站) says where it is and who builds it; the project named last before it takes the places
    when it has none below the city, and the company when it has no owner.
    `find_places(text)` -> (start, end, surface, kind) of each place in a text."""
    out = list(projects)
    for sentence_at, whole in sentences(doc.text, 0, len(doc.text)):
        clause_at = next((at for at, c in _clauses(whole) if RE_SUBJECT_ANAPHOR.match(c.strip())), None)
        if clause_at is None:
            continue
        offset, sentence = sentence_at + clause_at, whole[clause_at:]  # from the clause the anaphor opens
        anaphor = RE_SUBJECT_ANAPHOR.match(sentence.strip())
        located = RE_LOCATED_AFTER.search(sentence)
        where = located.group("where") if located else ""
        places = [s for _, _, s, kind in find_places(where) if kind not in CITY_KINDS]
        built = RE_BUILT_BY_AFTER.search(sentence)
        if not places and not built:
            continue
        kind = cat.category_of(anaphor.group("kind"))
        at = {i: _named_at(doc, p) for i, p in enumerate(out)}
        before = [i for i, p in enumerate(out) if at[i] < offset and (kind is None or p.category == kind)]
        target = max(before, key=lambda i: at[i], default=None)
        if target is None:
            continue
        project = out[target]
        own = [kind for _, _, _, kind in find_places("".join(project.places)) if kind not in CITY_KINDS]
        if places and not own:
            project = replace(project, places=places + project.places)
        if built and not project.owner:
            project = replace(project, owner=built.group("owner"))
        out[target] = project
    return out


def _named_at(doc: Document, project: Project) -> int:
    """Where the project's name is first written in the text (its first quote's start when the name was
    put together from a list)."""
    found = [doc.text.find(project.name[:6], s.start, s.end + 1) for s in project.spans]
    return min([i for i in found if i >= 0], default=project.spans[0].start)


def _clauses(sentence: str) -> list[tuple[int, str]]:
    """(offset in the sentence, clause) for the clauses between ，；。"""
    out, start = [], 0
    for part in re.split(r"[，,；;。]", sentence):
        out.append((start, part))
        start += len(part) + 1
    return out


def normalized_name(name: str) -> str:
    name = re.sub(r"[\s“”\"'《》（）()]", "", name)
    return re.sub(r"(?:项目|工程|建设)+$", "", name)


def merge_projects(projects: list[Project]) -> list[Project]:
    """One project per plan for every repeated mention: the same normalized name, or a place-and-kind name
    (`日照LNG接收站`, `莒县整县屋顶光伏项目`) that can only mean one project named more fully elsewhere."""
    merged: dict[str, Project] = {}
    for project in projects:
        key = normalized_name(project.name)
        merged[key] = _combine(merged[key], project) if key in merged else project
    out = list(merged.values())
    for generic in [p for p in out if is_place_and_kind(p)]:
        if not any(p is generic for p in out):
            continue  # already merged into another
        fuller = [p for p in out if p is not generic and _same_project(generic, p)]
        if len(fuller) != 1:
            continue
        target = fuller[0]
        at_target, at_generic = _position(out, target), _position(out, generic)
        combined = _combine(target, generic)
        if is_place_and_kind(target) and at_generic < at_target:
            combined = replace(combined, name=generic.name)  # both generic: the first mention names it
        out[at_target] = combined
        del out[at_generic]
    return merge_same_core(out)


# What the longer of two names of one facility may add after the shorter: a phase, its capacity, descriptive
# words, a head noun (`甲电站` / `甲电站一期10MW示范电站项目`).
RE_DESCRIBES_ONLY = re.compile(
    f"{RE_PHASE.pattern}|{RE_QUANTITY.pattern}|{cat.RE_GENERIC_PREFIX.pattern}|{cat.RE_HEAD.pattern}"
)
RE_NAME_MARKS = re.compile(r"[\s“”\"'《》（）()]")
RE_TRAILING_HEAD = re.compile(r"(?:项目|工程)+$")


def merge_same_core(projects: list[Project]) -> list[Project]:
    """Two mentions of one facility in a text (`甲乙能源丙县100MW风电项目` and later `丙县100MW风电项目`, or a
    name repeated with a capacity once and a list title once) are one project: same category, compatible
    owners and capacities, and one name inside the other (`X` and `X一期` too; `X一期` and `X二期` stay two),
    or the same stated capacity at the same first place. The longer name stays."""
    out: list[Project] = []
    for project in projects:
        same = next((i for i, kept in enumerate(out) if _same_core(kept, project)), None)
        if same is None:
            out.append(project)
            continue
        kept = out[same]
        longer, shorter = (kept, project) if len(kept.name) >= len(project.name) else (project, kept)
        out[same] = replace(_combine(longer, shorter), spans=_combine(kept, project).spans)
    return out


def _same_core(a: Project, b: Project) -> bool:
    if a.category != b.category or (a.owner and b.owner and a.owner != b.owner):
        return False
    if a.capacity and b.capacity and a.capacity.value != b.capacity.value:
        return False
    if _names_one_inside_the_other(_bare_name(a), _bare_name(b)):
        return True
    if _without_size(a.name) == _without_size(b.name):
        return (
            True  # `甲30兆瓦光伏项目` / `甲30万兆瓦光伏项目`: one name, its size written twice (once wrongly)
        )
    places_agree = (
        bool(a.places) and a.places[:1] == b.places[:1] and a.places[0] in a.name and a.places[0] in b.name
    )
    same_capacity = a.capacity is not None and b.capacity is not None and a.capacity.value is not None
    return same_capacity and places_agree


RE_SIZE_WORDS = re.compile(r"[\d.]+\s*[万亿]?\s*(?:兆瓦时|兆瓦|千瓦时|千瓦|MWh|MW|GW|kW)")


def _without_size(name: str) -> str:
    return RE_SIZE_WORDS.sub("", RE_NAME_MARKS.sub("", name))


RE_PROVINCE_PREFIX = re.compile(r"^(?:山东省|山东)(?=..)")


def _bare_name(project: Project) -> str:
    """The name without marks, the developer it starts with and the province (`中国环保甲市乙产业园` and
    `山东甲市乙产业园` are both `甲市乙产业园`), when what is left still names the project's place (without
    it, `华能海上风电项目` would be any `…海上风电项目`)."""
    name = RE_NAME_MARKS.sub("", project.name)
    bare = name[len(project.owner) :] if project.owner and name.startswith(project.owner) else name
    bare = RE_PROVINCE_PREFIX.sub("", bare)
    local = [place for place in project.places if place not in ("山东", "山东省")]
    return bare if any(place in bare for place in local) else name


def _names_one_inside_the_other(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    short = RE_TRAILING_HEAD.sub("", short)
    # the longer name may add a developer or place before, a phase or head noun after, nothing else
    # (甲基地 / 甲基地二期工程 are one; 甲基地 / 甲基地铁路专用线工程 are two)
    if len(short) >= 4 and short in long:
        after = long[long.find(short) + len(short) :]
        return not RE_DESCRIBES_ONLY.sub("", after)
    return False


def _position(projects: list[Project], project: Project) -> int:
    return next(i for i, p in enumerate(projects) if p is project)


def _combine(kept: Project, other: Project) -> Project:
    spans = kept.spans + [s for s in other.spans if s.quote not in {k.quote for k in kept.spans}]
    return replace(
        kept,
        spans=spans,
        places=kept.places or other.places,
        owner=kept.owner or other.owner,
        capacity=kept.capacity or other.capacity,
        target_year=kept.target_year or other.target_year,
        responsible_units=list(dict.fromkeys(kept.responsible_units + other.responsible_units)),
        offshore=kept.offshore or other.offshore,
        line_ends=kept.line_ends or other.line_ends,
    )


def kind_words(name: str) -> set[str]:
    return set(cat.RE_KIND_WORD.findall(name))


def is_place_and_kind(project: Project) -> bool:
    """A name made only of its places and words for a kind of project, no proper name or developer."""
    if not project.places or project.owner:
        return False
    rest = project.name
    for place in sorted(project.places, key=len, reverse=True):
        rest = rest.replace(place, "")
    for pattern in (cat.RE_KIND_WORD, cat.RE_HEAD, cat.RE_GENERIC_PREFIX):
        rest = pattern.sub("", rest)
    return not re.sub(r"[\s“”\"'《》（）()]", "", rest)


def _same_project(generic: Project, other: Project) -> bool:
    heads = cat.RE_HEAD.findall(generic.name)
    head = heads[-1] if heads else ""
    return (
        generic.category == other.category
        and kind_words(generic.name) <= kind_words(other.name)
        and (head in ("", "项目", "工程", "试点") or head in other.name)
        and all(any(a.startswith(b) or b.startswith(a) for b in other.places) for a in generic.places)
        # `甲市储能项目` (the city's projects together) is not `甲市乙县储能示范项目`; `甲县抽水蓄能电站` is
        # `乙市（甲县）抽水蓄能电站项目`
        and (
            head not in ("", "项目", "工程")
            or all(any(a.startswith(b) or b.startswith(a) for b in generic.places) for a in other.places)
        )
    )

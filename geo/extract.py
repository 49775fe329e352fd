"""Document tree -> named projects and quantitative targets.

A project is read from a phrase that ends in a head noun (项目, 电站, 基地, 接收站, 管道, 线路 ...), carries a
category keyword (光伏, 抽水蓄能, LNG ...) and is *named*: it contains a place the gazetteer knows, a developer,
or it is an item of a 专栏 box of key projects. General goals (`加快布局建设抽水蓄能`) have no name and are not
projects. Coordinated lists that share one head noun are split and the head restored on each item.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from geo import categories as cat
from geo import names as news_names
from geo.lists import (
    PLACE_LIST_WORDS,
    RE_COUNT_AFTER_HEAD,
    RE_TOWNSHIP_SUFFIX,
    distribute_description,
    head_start,
    is_place,
    is_place_list,
    join_township_list,
    normalize_place_list,
    own_words,
    propagate_county,
    restore_heads,
    sites_sharing_a_kind,
    split_after_count,
    split_and,
    split_lists,
)
from geo.mentions import RE_ANAPHOR, anaphoric_capacities, anaphoric_details, merge_projects
from geo.model import Capacity, Document, Node, Project, SourceSpan, Target
from geo.named import (
    RE_GENERIC,
    city_and_kind_only,
    has_proper_name,
    line_ends,
    specific,
    technology_and_size,
)
from geo.names import RE_PHASE
from geo.parse import RE_ITEM_MARK, section_path, sentences
from geo.quantities import RE_QUANTITY, RE_SIZE_CLASS, parse_capacity, year_of
from geo.targets import extract_targets
from geo.units import (
    PROTECTED_COMMA,
    chain_at,
    document_rules,
    split_units,
    units_for,
    without_parentheses,
)

# A place finder returns (start, end, surface, kind) for every place mention in a text; kinds are the
# gazetteer's (province, city, county, township, functional_area, port, island, landmark, region, offshore_zone).
PlaceFinder = Callable[[str], list[tuple[int, int, str, str]]]
TownshipFinder = Callable[[str, str], list[str]]  # (county surface, remaining text) -> township names found
# (city adcode, text) -> the township whose short name begins the text, when that short name is unique in the city
CityTownshipFinder = Callable[[str, str], list[str]]


@dataclass
class Extraction:
    projects: list[Project]
    targets: list[Target]


@dataclass
class Context:
    doc: Document
    find_places: PlaceFinder
    find_townships: TownshipFinder
    rules: list[tuple[int, list[str]]] = field(default_factory=list)  # (applies from offset, units)
    passage_places: list[str] = field(default_factory=list)  # the one county a news passage is about
    find_city_townships: CityTownshipFinder = lambda city, text: []


RE_LEAD = re.compile(
    r"^(?:加快|加速|推进|推动|全力|大力|积极|配合|稳妥|有序|稳步|着力|重点|持续|适时|研究|谋划|规划|建设|新建|续建|"
    r"开工|建成|投产|实施|打造|开展|支持|鼓励|引导|布局|配套建设|整合新上|新上|启动|争取|完成|依托|围绕|发挥|了|"
    r"做好|深化|探索|培育|加强|抓好|落实|促进|力争|确保|全面|高质量|高标准|谋划建设|规划建设|开工建设|加快建设|"
    r"推进建设|打造形成|形成|建立|创建|扩建|改造|提升|保障|服务|协调|统筹|前期|做优|做强|做大|投运|商运|并网|集约|集聚|发展)+"
)
RE_VERB_AFTER_PLACE = re.compile(r"(?:要|将|正|拟)?(?:加快|谋划|规划)?(?:建设|新建|打造|布局|实施)")
RE_TRAIL = re.compile(
    r"(?:建设|实施|规模化利用|规模化|开发|落地|投产|开工|并网|前期工作|工作|进度|步伐|进程|示范应用|运营|强力推进|加快推进|稳步推进|推进)+$"
)
RE_AT_PLACE = re.compile(
    rf"^在(?P<place>.{{1,30}}?)(?:等(?:{PLACE_LIST_WORDS}|地区|地方|沿海地区)?)?(?=规划|建设|布局|新建|实施|推进|开展|打造|谋划|发展)"
    r"|^以(?P<base>[^，。；、]{2,20}?)为(?:主体|核心|依托|龙头|载体|支撑)的"
)
RE_RELIES_ON = re.compile(r"^(?:积极|充分|主要|通过)?依托[^，。；]+的(?P<what>[^的，。；]+)$")
RE_PHASE_START = re.compile(r"^(?:[一二三四五六七八九十\d]+|首|后续)期")
# `甲乙新能源工程有限公司`: a head noun inside a company's name; `甲基地群`: a group of bases, not one
RE_NOT_A_HEAD_AFTER = re.compile(r"(?:股份)?有限|公司|集团|分公司|群")
RE_LISTED_PLACES = re.compile(f"等(?:{PLACE_LIST_WORDS})")
RE_FOCUS = re.compile(
    r"以(?P<list>[^，。；、\d一二三四五六七八九十]{2,12}(?:、[^，。；、\d一二三四五六七八九十]{2,12})+)(?:[一二三四五六七八九十两\d]+大)?(?:片区|区域|板块|海域)?为重点[，,]\s*"
    r"(?:加快|推进|全力|大力|积极)*(?:打造|建设|推进|发展)(?P<head>[^，。；]{2,30}?(?:基地|项目|工程))"
)
PROVINCE_NAMES = {"山东", "山东省", "全省"}
RE_LABEL = re.compile(r"^\s*(?:\d{1,2}\s*[.．、](?!\d)|[（(]\s*[\d一二三四五六七八九十]{1,3}\s*[）)])\s*")
RE_PROSE = re.compile(r"[，,]|实施|推动|推进|为重点|开展|加快|鼓励|支持|全部|退出|淘汰|^在")
RE_OFFSHORE = re.compile(r"海上|近海|深远海|离岸|桩基式|海洋能|海域")
NAME_MAX = 60


def extract(
    doc: Document,
    find_places: PlaceFinder | None = None,
    find_townships: TownshipFinder | None = None,
    find_city_townships: CityTownshipFinder | None = None,
) -> Extraction:
    """All named projects and quantitative targets of one plan (without `find_city_townships`, a township
    named without its county and 镇 is read only in a news item about its county)."""
    if find_places is None or find_townships is None:
        default_places, default_townships, default_city_townships = gazetteer_finders()
        find_places = find_places or default_places
        find_townships = find_townships or default_townships
        find_city_townships = find_city_townships or default_city_townships
    ctx = Context(doc, find_places, find_townships)
    if find_city_townships is not None:
        ctx.find_city_townships = find_city_townships
    ctx.rules = document_rules(doc.text)
    ctx.passage_places = passage_county(doc, find_places)
    raw: list[Project] = []
    for node in doc.root.walk():
        if node.kind == "box_item":
            raw.extend(projects_from_box_item(ctx, node))
    for start, end in prose_spans(doc.root):
        raw.extend(projects_from_prose(ctx, start, end))
    projects = merge_projects(raw)
    if doc.meta.doc_kind != "plan":
        projects = anaphoric_capacities(doc, projects)
        projects = anaphoric_details(doc, projects, find_places)
    return Extraction(projects=projects, targets=extract_targets(doc))


# ---------------------------------------------------------------- gazetteer adapters


def gazetteer_finders() -> tuple[PlaceFinder, TownshipFinder, CityTownshipFinder]:
    from geo.gazetteer import Gazetteer

    gazetteer = Gazetteer.default()
    by_city: dict[str, dict[str, set[str]]] = {}

    def city_shorts(city: str) -> dict[str, set[str]]:
        if city not in by_city:
            shorts: dict[str, set[str]] = {}
            for county in gazetteer.counties():
                for township in gazetteer.townships_in(county.adcode) if county.city_adcode == city else ():
                    short = township.short_name
                    if len(short) >= 2 and all(p.kind == "township" for p in gazetteer.lookup(short)):
                        shorts.setdefault(short, set()).add(township.name)
            by_city[city] = shorts
        return by_city[city]

    def find_city_townships(city: str, text: str) -> list[str]:
        found = [names for short, names in city_shorts(city).items() if text.startswith(short)]
        return sorted(found[0]) if len(found) == 1 and len(found[0]) == 1 else []

    def find_places(text: str) -> list[tuple[int, int, str, str]]:
        return [(m.start, m.end, m.text, m.candidates[0].kind) for m in gazetteer.find(text) if m.candidates]

    def find_townships(county_surface: str, rest: str) -> list[str]:
        found = []
        for county in gazetteer.lookup(county_surface):
            if county.kind != "county":
                continue
            for township in gazetteer.townships_in(county.adcode):
                short = getattr(township, "short_name", None) or township.name
                if rest.startswith(township.name) or (len(short) >= 2 and rest.startswith(short)):
                    found.append(township.name)
        return found

    return find_places, find_townships, find_city_townships


# ---------------------------------------------------------------- where to look


def prose_spans(root: Node) -> Iterable[tuple[int, int]]:
    """Spans of running text: every heading/clause/paragraph's own text, excluding boxes."""
    for node in root.walk():
        if node.kind in ("heading", "clause", "paragraph"):
            own_end = node.children[0].start if node.children else node.end
            if node.kind == "paragraph":
                own_end = node.end
            yield node.start, own_end


# ---------------------------------------------------------------- phrases -> projects


@dataclass
class Candidate:
    name: str
    places: list[str]
    named: bool
    category: str | None
    line_ends: tuple[str, str] | None = None
    segment: str = ""  # the comma-delimited part of the sentence the name was read from
    owner: str | None = (
        None  # a developer named around the name (`由X投资建设的`) or a company it starts with
    )


PASSAGE_COUNTY_MIN_MENTIONS = 2
RE_AT_PLACE_ONLY = re.compile(r"在(?P<place>[\u4e00-\u9fff]{2,10})")


def passage_county(doc: Document, find_places: PlaceFinder) -> list[str]:
    """A news item, notice or report about one county (every county-level place it names is that county,
    named at least twice) places the projects that name no place of their own there. A plan covers its
    whole region: none."""
    if doc.meta.doc_kind == "plan":
        return []
    surfaces = [surface for _, _, surface, kind in find_places(doc.text) if kind == "county"]
    stems = {re.sub(r"(?<=..)[县区市]$", "", surface) for surface in surfaces}
    if len(stems) != 1 or len(surfaces) < PASSAGE_COUNTY_MIN_MENTIONS:
        return []
    return [max(surfaces, key=len)]


def projects_from_prose(ctx: Context, start: int, end: int) -> list[Project]:
    out = []
    for offset, sentence in sentences(ctx.doc.text, start, end):
        clean = without_parentheses(sentence)
        if cat.ENERGY_KEYWORDS.search(clean):
            out.extend(projects_in_parenthesized_list(ctx, offset, sentence))
        if not (cat.ENERGY_KEYWORDS.search(clean) or cat.RE_KIND_OWNERS.search(clean)) or not (
            cat.RE_HEAD.search(clean) or RE_LISTED_PLACES.search(clean)
        ):
            continue
        candidates = []
        around: list[str] = []  # `在甲区，…`: the place a sentence opens with
        parts = re.split(r"[，,：:；;。！？]", focus_to_list(clean))
        subject = _subject_place(ctx, parts) if ctx.doc.meta.doc_kind != "plan" else None
        for segment in (piece for part in parts for piece in split_after_count(part)):
            at = RE_AT_PLACE_ONLY.fullmatch(segment.strip())
            if at and is_place(at.group("place"), ctx.find_places):
                around.append(at.group("place"))  # `在甲区，乙项目并网`: 乙 is in 甲区
                continue
            builds = bool(RE_BUILDS.search(segment.strip()))  # `推进X建设`, not `谋划打造X` (a goal)
            found = candidates_from_segment(
                ctx, segment, False, sentence=clean, around=around[:1], subject=subject if builds else None
            )
            candidates += [_phase_of_antecedent(c, candidates, out) for c in found]
        candidates = [c for c in candidates if c.named and c.category]
        out.extend(make_project(ctx, c, offset, sentence, candidates) for c in candidates)
    return out


SUBJECT_KINDS = ("county", "functional_area")
BROAD_KINDS = (
    "province",
    "region",
    "offshore_zone",
)  # `黄河流域` in a clause does not make it about two places
RE_BUILDS = re.compile(r"(?:建设|开工|落地|投产)$|^(?:[\u4e00-\u9fff]{0,4}?)(?:开工建设|新建|建成)")


RE_REPORTING = re.compile(r"^[^，。；]{0,12}?(?:指出|强调|表示|要求|提出|认为|说)$")
RE_SETTING = re.compile(
    r"^[^，。；]{0,8}?(?:会上|会议上|仪式上|活动中|同时|此外|另外|近日|日前|目前|今年|去年|近年来|据悉|据了解|\d{1,2}月\d{1,2}日)$"
)


def _subject_place(ctx: Context, parts: list[str]) -> str | None:
    """`他希望甲县抢抓机遇，全力推进乙产业基地建设`: the one county (or zone) a sentence's first clause is about
    (after a reporting clause such as `会议指出`), when that clause names nothing else (no head noun): what the
    sentence then builds without a place is there."""
    said = [p for p in parts if not (RE_REPORTING.match(p.strip()) or RE_SETTING.match(p.strip()))]
    first_segment = said[0] if said else ""
    if cat.RE_HEAD.search(first_segment):
        return None
    places = {surface for _, _, surface, kind in ctx.find_places(first_segment) if kind in SUBJECT_KINDS}
    others = [k for _, _, _, k in ctx.find_places(first_segment) if k not in SUBJECT_KINDS + BROAD_KINDS]
    if not places and not others:
        # `高青要…` in a passage about 高青县: a short name the gazetteer trusts only in a list is that county
        stems = {county: re.sub(r"(?<=..)[县区市]$", "", county) for county in ctx.passage_places}
        places = {stem for stem in stems.values() if first_segment.lstrip().startswith(stem)}
    return places.pop() if len(places) == 1 and not others else None


RE_PARENTHESIZED_LIST = re.compile(r"[(（](?P<items>[^()（）]+、[^()（）]+)[)）]")
RE_NAME_AND_CAPACITY = re.compile(
    r"^(?P<name>[\u4e00-\u9fffA-Za-z]{2,14}?)\s*(?P<capacity>\d+(?:\.\d+)?\s*(?:万千瓦|兆瓦|MW|千瓦|kW|GW))$"
)


def projects_in_parenthesized_list(ctx: Context, offset: int, sentence: str) -> list[Project]:
    """`在建光伏项目3个，总规模100兆瓦（甲乙40兆瓦、丙丁农业光伏20兆瓦、戊己光伏40兆瓦）`: a list in
    parentheses of names each with its capacity, after words saying what kind of project they are. Each is a
    project of that kind (its kind word restored when the name lacks it), with its own capacity."""
    out = []
    for match in RE_PARENTHESIZED_LIST.finditer(sentence):
        items = [RE_NAME_AND_CAPACITY.match(item.strip()) for item in match.group("items").split("、")]
        kind = _kind_word(sentence[: match.start()])
        if kind is None or not all(items) or len(items) < 2:
            continue
        for item in items:
            name = item.group("name")
            if RE_GENERIC.search(name) or cat.RE_GENERIC_PREFIX.fullmatch(name):
                break
            name = name if cat.category_of(name) else name + kind
            category = cat.category_of(cat.strip_owners(name)) or cat.category_of(kind)
            candidate = Candidate(name, _place_surfaces(ctx, name), True, category, segment=item.group(0))
            project = make_project(ctx, candidate, offset, sentence, [candidate])
            out.append(replace(project, capacity=parse_capacity(item.group("capacity"))))
    return out


def _kind_word(text: str) -> str | None:
    """The last word for a kind of energy project in a text (光伏, 风电 ...)."""
    found = [(m.start(), m.group(0)) for _, pattern in cat.RE_CATEGORY[1:-1] for m in pattern.finditer(text)]
    return max(found)[1] if found else None


def focus_to_list(sentence: str) -> str:
    """`以A、B、C三大片区为重点，打造千万千瓦级海上风电基地` names one base per area: rewrite it as
    `A、B、C等海上风电基地` so the list grammar applies (the size class belongs to the whole, not to each)."""
    match = RE_FOCUS.search(sentence)
    if not match:
        return sentence
    head = RE_SIZE_CLASS.sub("", match.group("head"))
    if "、" in head:
        # `以A、B为重点，推进甲、乙等海上风电项目`: the areas and the developers are both named.
        areas = f"{match.group('list')}等{head.rpartition('等')[2]}"
        return (
            sentence[: match.start()]
            + areas
            + "，"
            + sentence[match.start() + len(match.group(0)) - len(head) :]
        )
    return sentence[: match.start()] + f"{match.group('list')}等{head}" + sentence[match.end() :]


def projects_from_box_item(ctx: Context, node: Node) -> list[Project]:
    text = ctx.doc.text[node.start : node.end]
    if "\t" in text.strip():
        return projects_from_table_row(ctx, node, text)
    body = text
    hint = None
    label = re.match(r"^\s*\d{1,2}\s*[.．、]\s*", body)
    if label:
        body = body[label.end() :]
    title_end = re.search(r"[。：:]", body)
    # `3. 抽水蓄能。（1）...`: a category title before the items; an item line `（1）甲项目。` has none.
    if title_end and title_end.start() <= 20 and not RE_ITEM_MARK.search(body[: title_end.start()]):
        title = body[: title_end.start()]
        hint = cat.category_of(title) or cat.box_category(title)
        body = body[title_end.end() :]
    box = _box_of(ctx.doc.root, node)
    box_hint = cat.box_category(box.title) if box else None
    if box and box_hint and box_hint != "heat" and hint is None:
        hint = box_hint
    items = [part for part in RE_ITEM_MARK.split(body) if part.strip()]
    out = []
    for item in items:
        item = item.strip().rstrip("。；;，,")
        if not item:
            continue
        offset = node.start + text.find(item)
        # A box item is normally a bare list of names; one written as a sentence is read like prose.
        is_list = not RE_PROSE.search(item)
        found = []
        for segment in re.split(r"[；;，,]", item):
            found.extend(candidates_from_segment(ctx, segment, in_box=is_list, hint=hint, sentence=item))
        found = [c for c in found if c.named and (c.category or hint)]
        for c in found:
            out.append(make_project(ctx, c, offset, item, found))
    return out


RE_TABLE_HEADER = re.compile(r"序号|项目名称|建设地点|建设内容|建设规模|责任单位|牵头单位|所在地|建设年限")


def projects_from_table_row(ctx: Context, node: Node, text: str) -> list[Project]:
    """A row of a project table (a .docx table, or tab-separated text): `序号 | 名称 | 地点 | 规模 | ...`.
    The name is the first cell with a head noun or a category; the other cells add places and, for a row
    naming one project, its capacity."""
    cells = [cell.strip() for cell in text.split("\t") if cell.strip()]
    if not cells or any(RE_TABLE_HEADER.fullmatch(cell) for cell in cells):
        return []
    name_at = next(
        (i for i, cell in enumerate(cells) if cat.RE_HEAD.search(cell) or cat.category_of(cell)), None
    )
    if name_at is None:
        return []
    box = _box_of(ctx.doc.root, node)
    hint = cat.box_category(box.title) if box else None
    units_at = _units_column(ctx, box)
    row_units = split_units(cells[units_at]) if units_at is not None and units_at < len(cells) else []
    others = [
        cell
        for i, cell in enumerate(cells)
        if i not in (name_at, units_at) and not re.fullmatch(r"[\d.．、]+", cell)
    ]
    found = [
        c for c in candidates_from_segment(ctx, cells[name_at], in_box=True, hint=hint) if c.category or hint
    ]
    out = []
    for c in found:
        # the location column is the explicit place: it comes first
        located = [p for cell in others for p in _place_surfaces(ctx, cell)]
        c = replace(c, places=located + [p for p in c.places if p not in located], named=True)
        project = make_project(ctx, c, node.start + text.find(cells[name_at]), text.strip(), found)
        if project.capacity is None and len(found) == 1:
            capacity = next((cap for cell in others if (cap := parse_capacity(cell))), None)
            project = replace(project, capacity=capacity)
        if row_units:
            units = list(dict.fromkeys(row_units + project.responsible_units))
            project = replace(project, responsible_units=units)
        out.append(project)
    return out


def _units_column(ctx: Context, box: Node | None) -> int | None:
    """The column of a project table's header row that lists responsible units, if any."""
    for row in box.children if box else []:
        cells = [cell.strip() for cell in ctx.doc.text[row.start : row.end].split("\t") if cell.strip()]
        if any(RE_TABLE_HEADER.fullmatch(cell) for cell in cells):
            return next(
                (i for i, cell in enumerate(cells) if re.fullmatch(r"责任单位|牵头单位|责任部门", cell)), None
            )
    return None


def _box_of(root: Node, item: Node) -> Node | None:
    for node in root.walk():
        if node.kind == "box" and item in node.children:
            return node
    return None


def strip_lead(segment: str) -> tuple[str, list[str], list[str]]:
    """Remove leading verbs/adverbs: (phrase, sites, bases). A leading `在X等区县规划` names the sites of the
    projects that follow (one per place); `以X为主体的` names the base the one project stands on."""
    context: list[str] = []
    bases: list[str] = []
    segment = segment.strip()
    for _ in range(3):
        at = RE_AT_PLACE.match(segment)
        if at:
            (context if at.group("place") else bases).append(at.group("place") or at.group("base"))
            segment = segment[at.end() :]
        lead = RE_LEAD.match(segment)
        if lead:
            segment = segment[lead.end() :]
        if not at and not lead:
            break
    return segment, context, bases


def candidates_from_segment(
    ctx: Context,
    segment: str,
    in_box: bool,
    hint: str | None = None,
    sentence: str = "",
    around: list[str] | None = None,
    subject: str | None = None,
) -> list[Candidate]:
    """Projects named in one comma-delimited segment. `around`: the place the sentence opens with (`在甲区，`),
    which places (and names) a project whose own words are specific (a proper name or a size, not a kind);
    `subject`: the county the sentence is about (`甲县抢抓机遇，…`), put before such a name without a place
    or developer of its own (`甲县乙产业基地`)."""
    segment = RE_LABEL.sub("", segment.strip()).strip("“”\"'《》 ")
    if not segment:
        return []
    if not in_box and not (cat.RE_HEAD.search(segment) or "等" in segment or "整县" in segment):
        return []  # running text names a project with a head noun (or lists places before a kind)
    relied_on = RE_RELIES_ON.match(segment)
    if relied_on and not cat.RE_HEAD.search(relied_on.group("what")):
        return []  # `依托甲园区、乙工业园等园区的标准厂房`: what a project uses, not a project
    phrase, context, bases = strip_lead(segment)
    described_as = phrase
    phrase, described = news_names.cut_description(phrase, cat.RE_HEAD)
    # `甲乙智慧能源中心项目纳入…新型储能…项目`: the list it enters says its kind
    entered = news_names.kind_of_list_entered(described_as) if described and phrase else None
    if described and not (cat.category_of(phrase) or entered):
        return []  # `该项目作为…`: describes a project named elsewhere
    untrimmed = phrase
    phrase, built_by = news_names.trim_lead(phrase, lambda text: _name_starts(ctx, text))
    lead_places = _places_in_lead(ctx, untrimmed, phrase)
    if phrase.startswith("的"):
        return []  # `…的一标段`: what follows 的 is a part of something named before it
    phrase = normalize_place_list(ctx.find_places, phrase)
    phrase = join_township_list(
        phrase,
        lambda text: bool(_townships_at(ctx, phrase, text)),
        lambda text: _ends_in_township(ctx, phrase, text),
    )
    if not in_box and (shared := sites_sharing_a_kind(RE_TRAIL.sub("", phrase))):
        return sites_of_a_kind(ctx, *shared, segment)
    phrase = news_names.without_key_projects(phrase)
    heads = [h for h in cat.RE_HEAD.finditer(phrase) if not RE_NOT_A_HEAD_AFTER.match(phrase, h.end())]
    listed = RE_LISTED_PLACES.search(phrase)
    keyword_head = False
    counted = bool(heads) and bool(RE_COUNT_AFTER_HEAD.match(phrase, heads[-1].end()))
    if heads:
        phase = RE_PHASE.match(phrase, heads[-1].end())
        phrase = phrase[: phase.end() if phase else heads[-1].end()]
    elif listed and cat.category_of(phrase[listed.end() :]):
        # `甲、乙等区市整县屋顶分布式光伏`: places listed before a kind of project, without a head noun.
        phrase = phrase[: listed.start()] + "等" + RE_TRAIL.sub("", phrase[listed.end() :])
        keyword_head = True
    elif (county_wide := phrase.find("整县")) > 0 and is_place_list(ctx.find_places, phrase[:county_wide]):
        # `甲区、乙市整县分布式光伏规模化开发`: the national county-wide rooftop programme, one per county.
        phrase = phrase[:county_wide] + RE_TRAIL.sub("", phrase[county_wide:])
        keyword_head = True
    elif not in_box:
        return []
    phrase = RE_TRAIL.sub("", phrase).strip("“”\"'《》、 ")
    if not phrase or len(phrase) > NAME_MAX * 2:
        return []
    phrase = cat.PROTECTED_TERMS.sub(lambda m: m.group(0).replace("、", PROTECTED_COMMA), phrase)
    if not in_box and _one_site_list(ctx, phrase):
        phrase = phrase.replace("、", PROTECTED_COMMA)
    names, developers_listed = _names_in_lists(ctx, phrase, in_box)
    context_places = [p for text in context for p in _place_surfaces(ctx, text)]
    # Places recognised in the whole list (weak short names such as 梁山 count only in a list of places).
    listed_places = _place_surfaces(ctx, phrase) + context_places
    if context_places and len(names) == 1 and not _place_surfaces(ctx, names[0]):
        # `在A、B等地建设储能电站`: one project per listed place.
        names = [place + names[0] for place in context_places]
        context_places = []
    context_places += [p for text in bases for p in _place_surfaces(ctx, text)]
    out = []
    for name in names:
        name = drop_verb_after_place(ctx, name.strip())
        name = _own_unit_word(ctx, RE_LOST_CHARACTER.sub("", name), segment)
        if not in_box:
            name = news_names.split_at_verb(name, cat.RE_HEAD_AT_END)
        if not name or len(name) > NAME_MAX:
            continue
        maker = None if in_box else news_names.industrial_company(name)
        category = (
            cat.category_of(cat.strip_owners(name), sentence)
            or hint
            or cat.category_of_owner(name)
            or entered
            or ("industry" if maker else None)
        )
        owner = cat.owner_of(name) or news_names.company_of(
            name, lambda t: is_place(t, ctx.find_places), lambda t: _name_starts(ctx, t)
        )
        places, townships = _places_after_owner(ctx, name, owner) or _places_in(ctx, name, listed_places)
        owner = owner or built_by or (None if in_box else news_names.builder_after(segment, name))
        if not in_box and not places and not townships:  # `甲项目位于乙县丙镇…`
            where = news_names.location_after(segment, name)
            places = _below_city(ctx, where)
            townships = _township_mentions(ctx, where) if places else []
        if not places and not context_places and around and specific(name):
            places = list(around)
        elif (
            not (places or context_places or owner)
            and subject
            and specific(name)
            and name not in developers_listed
        ):
            name, places = subject + name, [subject]
        all_places = townships + places + [p for p in context_places if p not in places]
        local_places = [p for p in places + context_places if p not in PROVINCE_NAMES]
        named = in_box or bool(local_places or townships) or owner is not None or has_proper_name(name)
        named = named or (counted and len(own_words(name)) >= 2) or technology_and_size(name)
        named = named or name in developers_listed or (entered is not None and _own_name_entered(name))
        named = named or maker is not None
        if not in_box and (
            (RE_GENERIC.search(name) and not (local_places or townships))
            or not (keyword_head or cat.RE_HEAD.search(name))
            or category not in cat.PROSE_CATEGORIES
            or (
                category == "industry"
                and not (places or owner or maker or has_proper_name(name) or name in developers_listed)
            )
            or news_names.is_aggregate(name)
            or news_names.is_superlative(name)
            or (ctx.doc.meta.doc_kind != "plan" and city_and_kind_only(ctx.find_places, name))
        ):
            named = False
        if lead_places and not townships and not _below_city(ctx, "".join(places)):
            # `甲开发区的乙集团光伏项目`: the zone places it (not 乙's city); it does not make a name specific
            all_places = lead_places + all_places
        out.append(Candidate(name, all_places, named, category, line_ends(name, category), segment, owner))
    return out


RE_THIS_PROJECT = re.compile(r"(?:该|此|这一?|这个|本)(?:项目|工程|电站)")


def _own_name_entered(name: str) -> bool:
    """`甲乙智慧能源中心项目纳入…名单`: a project entering a list names itself with words of its own;
    `该项目纳入…` refers to one named before."""
    return not RE_THIS_PROJECT.search(name) and len(own_words(name)) >= 4


def _names_in_lists(ctx: Context, phrase: str, in_box: bool) -> tuple[list[str], set[str]]:
    """The names a phrase lists (shared heads restored), and those of them named by a developer's short name
    before a shared description (`甲、乙整机制造产业园`: the developers make each name specific)."""
    names: list[str] = []
    developers_listed: set[str] = set()
    starts_named = lambda text: _starts_named(ctx, text)  # noqa: E731
    for listed in [phrase] if in_box else split_lists(phrase, starts_named):
        items = [
            part.replace(PROTECTED_COMMA, "、")
            for item in listed.split("、")
            for part in split_and(item, starts_named)
        ]
        distributed = (
            None if in_box else distribute_description(items, lambda t: _names_a_site(ctx, phrase, t))
        )
        if distributed:
            names += distributed
            developers_listed.update(distributed)
        else:
            names += propagate_county(ctx.find_places, restore_heads(items, ctx.find_places))
    return names, developers_listed


def _names_a_site(ctx: Context, phrase: str, text: str) -> bool:
    """The text names a place the gazetteer knows, or begins with a township (short names count) of the
    phrase's county."""
    return bool(ctx.find_places(text)) or bool(_townships_at(ctx, phrase, text))


def sites_of_a_kind(ctx: Context, names: list[str], category: str, segment: str) -> list[Candidate]:
    """`甲工业园、乙冶炼等工业余热供暖`: one project per listed site, of the kind they share."""
    out = []
    for name in names:
        owner = cat.owner_of(name) or news_names.company_of(
            name, lambda t: is_place(t, ctx.find_places), lambda t: _name_starts(ctx, t)
        )
        places = _township_mentions(ctx, name) + _place_surfaces(ctx, name)
        out.append(Candidate(name, places, True, category, None, segment, owner))
    return out


def _phase_of_antecedent(c: Candidate, in_sentence: list[Candidate], before: list[Project]) -> Candidate:
    """`甲乙储能示范电站…，二期300MW调峰电站项目总投资15亿元`: a name that starts with a phase and names no
    place or developer is a phase of the project named just before it (same sentence, else same paragraph):
    that project's proper part is put before it and its category is taken. A bare `一期工程` is a mention of
    that project itself, not one more."""
    if c.named or c.places or not RE_PHASE_START.match(c.name) or RE_PHASE.fullmatch(c.name):
        return c
    named = [(a.name, a.category) for a in in_sentence if a.named and a.category]
    antecedent = named[-1] if named else ((before[-1].name, before[-1].category) if before else None)
    if antecedent is None:
        return c
    name, category = antecedent
    core = name[: head_start(name) or len(name)]
    if not core:
        return c
    return replace(c, name=core + c.name, category=c.category or category, named=True)


# `…光伏规?;_开发`: a character lost in a broken encoding; the half word before it is dropped with it
RE_LOST_CHARACTER = re.compile(r"[\u4e00-\u9fff]?[?\ufffd].*$")
RE_WHOLE_COUNTY_OR_CITY = re.compile(r"整县[（(]市[）)]")


def _own_unit_word(ctx: Context, name: str, segment: str) -> str:
    """`甲、乙等试点县(市)整县(市)屋顶光伏`: a county-level city's programme is 整市 (the text calls it 乙市)."""
    if not RE_WHOLE_COUNTY_OR_CITY.search(segment) or "整县" not in name:
        return name
    place = name[: name.index("整县")]
    text = ctx.doc.text
    if is_place(place, ctx.find_places) and f"{place}市" in text and f"{place}县" not in text:
        return name.replace(f"{place}整县", f"{place}整市", 1)
    return name


def _starts_named(ctx: Context, text: str) -> bool:
    """Whether a text begins with a place, a developer, a company of its own, or a township (short names
    count) of the passage's county or, in news, of its city."""
    if 0 in _name_starts(ctx, text) or _townships_at(ctx, text, text):
        return True
    if ctx.doc.meta.doc_kind != "plan" and ctx.find_city_townships(ctx.doc.meta.region_adcode or "", text):
        return True
    return (
        news_names.company_of(text, lambda t: is_place(t, ctx.find_places), lambda t: _name_starts(ctx, t))
        is not None
    )


def _name_starts(ctx: Context, phrase: str) -> list[int]:
    """Where a place or a known developer begins in a phrase: where a name can begin (also a township's short
    name right after a verb such as 推进, in a passage about its county or, in news, in its city)."""
    starts = [start for start, _, _, _ in ctx.find_places(phrase)]
    starts += [m.start() for m in cat.RE_ANY_OWNER.finditer(phrase)]
    for verb in news_names.RE_VERB_ANYWHERE.finditer(phrase):
        rest = phrase[verb.end() :]
        city = ctx.doc.meta.region_adcode if ctx.doc.meta.doc_kind != "plan" else None
        if _townships_at(ctx, phrase, rest) or (city and ctx.find_city_townships(city, rest)):
            starts.append(verb.end())
    return sorted(set(starts))


def _one_site_list(ctx: Context, phrase: str) -> bool:
    """`甲乙东、丙丁500MW光伏项目`: two sites that are not places the gazetteer knows, before one shared head
    that states one capacity: one project spanning both, not one per site (a list of known places or of
    named developers sharing a head is still split)."""
    parts = phrase.split("、")
    if len(parts) != 2 or not RE_QUANTITY.search(parts[-1]):
        return False
    first = parts[0][_last_name_end(ctx, parts[0]) :]
    return bool(first) and not ctx.find_places(first) and not cat.RE_HEAD.search(first)


def _last_name_end(ctx: Context, text: str) -> int:
    """Where the last place or developer named in `text` ends (0 when there is none)."""
    ends = [end for _, end, _, _ in ctx.find_places(text)]
    ends += [m.end() for m in cat.RE_ANY_OWNER.finditer(text)]
    return max(ends, default=0)


def drop_verb_after_place(ctx: Context, name: str) -> str:
    """`桓台县建设新材料产业园` (from `支持桓台县建设…`) -> `桓台县新材料产业园`."""
    places = ctx.find_places(name)
    if places and places[0][0] == 0:
        verb = RE_VERB_AFTER_PLACE.match(name, places[0][1])
        if verb and cat.RE_HEAD.search(name, verb.end()):
            return name[: verb.start()] + name[verb.end() :]
    return name


def _place_surfaces(ctx: Context, text: str) -> list[str]:
    return [surface for _, _, surface, _ in ctx.find_places(text)]


CITY_KINDS = ("city", "province")


def _below_city(ctx: Context, text: str) -> list[str]:
    return [surface for _, _, surface, kind in ctx.find_places(text) if kind not in CITY_KINDS]


def _places_in_lead(ctx: Context, untrimmed: str, phrase: str) -> list[str]:
    """Places below the city in a modifier cut before a name (`位于甲开发区的`, `甲县的`)."""
    if not untrimmed.endswith(phrase) or len(untrimmed) == len(phrase):
        return []
    lead = untrimmed[: len(untrimmed) - len(phrase)]
    return _below_city(ctx, lead) if lead.endswith("的") else []


def _places_in(ctx: Context, name: str, listed_places: list[str]) -> tuple[list[str], list[str]]:
    """(places, townships) a name names."""
    places = _place_surfaces(ctx, name) or [p for p in listed_places if name.startswith(p)][:1]
    townships = _township_mentions(ctx, name)
    if townships and not places:  # a short township name of the passage's county
        places = list(ctx.passage_places)
    return places, townships


def _places_after_owner(ctx: Context, name: str, owner: str | None) -> tuple[list[str], list[str]] | None:
    """`淄博甲乙新能源有限公司某镇光伏项目`: the place after the developer's name is the project's (the one in
    the company's name is where it is registered). None when nothing after the developer names a place."""
    if not owner or not name.startswith(owner) or len(name) == len(owner):
        return None
    places, townships = _places_in(ctx, name[len(owner) :], [])
    return (places, townships) if places or townships else None


def _township_mentions(ctx: Context, name: str) -> list[str]:
    found: list[str] = []
    places = ctx.find_places(name)
    for _, end, surface, kind in places:
        if kind == "county":
            found.extend(ctx.find_townships(surface, name[end:]))
    if not any(kind in ("county", "township") for _, _, _, kind in places):
        # `张家坡抽水蓄能电站` in a news item about one county: a short township name of that county
        found.extend(t for county in ctx.passage_places for t in ctx.find_townships(county, name))
    if not found and not places and ctx.doc.meta.doc_kind != "plan" and ctx.doc.meta.region_adcode:
        # `甲乙风电项目` in a city's news: 甲乙 a township of the city, its short name unique there, before
        # nothing but a kind of project
        townships = ctx.find_city_townships(ctx.doc.meta.region_adcode, name)
        short = next((RE_TOWNSHIP_SUFFIX.sub("", t) for t in townships), "")
        if townships and name.startswith(short) and not specific(name[len(short) :]):
            found.extend(townships)
    return found


def _counties_of(ctx: Context, phrase: str) -> list[str]:
    """The counties a phrase can name townships of: its own, or the passage's."""
    own = [surface for _, _, surface, kind in ctx.find_places(phrase) if kind == "county"]
    return own or list(ctx.passage_places)


def _townships_at(ctx: Context, phrase: str, text: str) -> list[str]:
    return [t for county in _counties_of(ctx, phrase) for t in ctx.find_townships(county, text)]


def _ends_in_township(ctx: Context, phrase: str, text: str) -> bool:
    """A township (full or short name) of the phrase's county ends the text."""
    for length in range(2, min(len(text), 6) + 1):
        tail = text[-length:]
        if any(RE_TOWNSHIP_SUFFIX.sub("", t) == tail or t == tail for t in _townships_at(ctx, phrase, tail)):
            return True
    return False


def make_project(ctx: Context, c: Candidate, offset: int, quote: str, siblings: list[Candidate]) -> Project:
    doc = ctx.doc
    capacity = parse_capacity(c.name)
    if capacity is None and len(siblings) == 1:
        capacity = _capacity_near(quote, c.segment)
    elif capacity is None and sum(s.segment == c.segment for s in siblings) == 1:
        # `建设甲光伏项目（40万千瓦），推进乙、丙风电项目`: the quantity in a project's own clause is its own.
        capacity = _capacity_near(c.segment, c.segment)
    chain = chain_at(doc.root, offset)
    span = SourceSpan(
        section=section_path(doc.root, offset), quote=quote, start=offset, end=offset + len(quote)
    )
    return Project(
        name=c.name,
        category=c.category or "other",
        source=doc.source,
        doc_title=doc.meta.title,
        region_adcode=doc.meta.region_adcode,
        spans=[span],
        places=c.places or ctx.passage_places,
        owner=cat.owner_of(c.name) or c.owner,
        capacity=capacity,
        target_year=year_of(without_parentheses(quote)),
        responsible_units=units_for(doc.text, ctx.rules, chain, offset),
        offshore=not cat.RE_ONSHORE.search(c.name)
        and (bool(RE_OFFSHORE.search(c.name)) or _in_offshore_zone(ctx, c.name)),
        line_ends=c.line_ends,
        doc_kind=doc.meta.doc_kind,
    )


def _capacity_near(sentence: str, own_segment: str) -> Capacity | None:
    """A capacity stated in the project's own sentence, unless the sentence is a target (达到 ...) or the
    quantity sizes another object named after it (`甲工程建设，配套建设千万千瓦级电源基地`)."""
    if re.search(r"达到|分别|占比|比重|下降|降低|提高", sentence) or RE_ANAPHOR.match(sentence):
        return None  # a target, or `该项目…规划总容量X`: the capacity of a project named before
    for segment in re.split(r"[，,；;：:。]", without_parentheses(sentence)):
        capacity = parse_capacity(segment)
        if capacity is None:
            continue
        after = segment[segment.find(capacity.text) + len(capacity.text) :]
        if segment.strip() == own_segment.strip() or not cat.RE_HEAD.search(after):
            return capacity
        return None
    return None


def _in_offshore_zone(ctx: Context, name: str) -> bool:
    return any(kind == "offshore_zone" for _, _, _, kind in ctx.find_places(name))

"""Document tree -> named projects and quantitative targets.

A project is read from a phrase that ends in a head noun (项目, 电站, 基地, 接收站, 管道, 线路 ...), carries a
category keyword (光伏, 抽水蓄能, LNG ...) and is *named*: it contains a place the gazetteer knows, a developer,
or it is an item of a 专栏 box of key projects. General goals (`加快布局建设抽水蓄能`) have no name and are not
projects. Coordinated lists that share one head noun are split and the head restored on each item.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from geo import categories as cat
from geo import names as news_names
from geo.boxes import projects_from_box_item
from geo.fields import describe_the_one_project, projects_from_fields
from geo.lists import is_place, split_after_count
from geo.mentions import anaphoric_capacities, anaphoric_details, merge_projects
from geo.model import Document, Node, Project, Target
from geo.named import RE_GENERIC
from geo.parse import sentences
from geo.quantities import RE_QUANTITY, RE_SIZE_CLASS, parse_capacity
from geo.segment import (
    RE_LABEL,
    RE_LISTED_PLACES,
    Candidate,
    candidates_from_segment,
    make_project,
    phase_of_antecedent,
)
from geo.segment_places import CityTownshipFinder, Context, PlaceFinder, TownshipFinder, place_surfaces
from geo.targets import extract_targets
from geo.units import document_rules, without_parentheses


@dataclass
class Extraction:
    projects: list[Project]
    targets: list[Target]


RE_FOCUS = re.compile(
    r"以(?P<list>[^，。；、\d一二三四五六七八九十]{2,12}(?:、[^，。；、\d一二三四五六七八九十]{2,12})+)(?:[一二三四五六七八九十两\d]+大)?(?:片区|区域|板块|海域)?为重点[，,]\s*"
    r"(?:加快|推进|全力|大力|积极)*(?:打造|建设|推进|发展)(?P<head>[^，。；]{2,30}?(?:基地|项目|工程))"
)


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
    raw, unnamed, field_spans = projects_from_fields(ctx) if doc.meta.doc_kind != "plan" else ([], [], [])
    for node in doc.root.walk():
        if node.kind == "box_item":
            raw.extend(projects_from_box_item(ctx, node))
    for start, end in prose_spans(doc.root):
        if not any(s <= start < e for s, e in field_spans):  # a block's lines are read as its fields
            raw.extend(projects_from_prose(ctx, start, end))
    projects = describe_the_one_project(ctx, merge_projects(raw), unnamed)
    if doc.meta.doc_kind != "plan":
        projects = anaphoric_capacities(doc, projects)
        projects = anaphoric_details(doc, projects, find_places)
    return Extraction(projects=projects, targets=extract_targets(doc))


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


def prose_spans(root: Node) -> Iterable[tuple[int, int]]:
    """Spans of running text: every heading/clause/paragraph's own text, excluding boxes."""
    for node in root.walk():
        if node.kind in ("heading", "clause", "paragraph"):
            own_end = node.children[0].start if node.children else node.end
            if node.kind == "paragraph":
                own_end = node.end
            yield node.start, own_end


PASSAGE_COUNTY_MIN_MENTIONS = 2


RE_AT_PLACE_ONLY = re.compile(r"在(?P<place>[\u4e00-\u9fff]{2,10})")
# `依托甲、乙、丙采煤沉陷区，建设…`: an opening list of places (and the kind of land there) a project spans
RE_AT_PLACE_LIST = re.compile(
    r"(?:在|依托|利用)(?P<places>[\u4e00-\u9fff]{2,5}(?:[、和及][\u4e00-\u9fff]{2,5})+)"
)
RE_LAND_AFTER_LIST = re.compile(r"(?:等地|等市)?的?(?:采煤沉陷区|沉陷区|盐碱滩涂地|盐碱地|滩涂|沿海|地区)?$")


def opening_places(ctx: Context, segment: str) -> list[str]:
    """The places a sentence's opening segment names alone: `在甲区` -> [甲区], `依托甲、乙采煤沉陷区` -> [甲, 乙]."""
    if (at := RE_AT_PLACE_ONLY.fullmatch(segment)) and is_place(at.group("place"), ctx.find_places):
        return [at.group("place")]
    listed = RE_AT_PLACE_LIST.fullmatch(RE_LAND_AFTER_LIST.sub("", RE_LABEL.sub("", segment)))
    if not listed:
        return []
    parts = re.split(r"[、和及]", listed.group("places"))
    return parts if all(is_place(p, ctx.find_places) for p in parts) else []


def passage_county(doc: Document, find_places: PlaceFinder) -> list[str]:
    """A news item, notice or report about one county (every county-level place it names is that county,
    named at least twice) places the projects that name no place of their own there. A plan covers its
    whole region: none, unless its title is one county's (`甲县碳达峰实施方案`): that county."""
    if doc.meta.doc_kind == "plan":
        title = [(s, kind) for _, _, s, kind in find_places(doc.meta.title or "")]
        return [title[0][0]] if len(title) == 1 and title[0][1] == "county" else []
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
            if opened := opening_places(ctx, segment.strip()):
                around = around or opened  # `在甲区，乙项目并网`: 乙 is in 甲区
                continue
            builds = bool(RE_BUILDS.search(segment.strip()))  # `推进X建设`, not `谋划打造X` (a goal)
            found = candidates_from_segment(
                ctx, segment, False, sentence=clean, around=around, subject=subject if builds else None
            )
            candidates += [phase_of_antecedent(c, candidates, out) for c in found]
        candidates = [c for c in candidates if c.named and c.category]
        projects = [make_project(ctx, c, offset, sentence, candidates) for c in candidates]
        out.extend(shared_by_the_list(clean, candidates, projects))
    return out


RE_RESPECTIVELY = re.compile(r"分别(?:为|是|达到?|约)?")


def shared_by_the_list(sentence: str, candidates: list[Candidate], projects: list[Project]) -> list[Project]:
    """`一是甲镇、乙镇风电项目，装机容量分别为10万千瓦和5万千瓦，由丙公司投资建设；二是…`: the clauses after a list
    (up to ；) give each item its own capacity (`分别为`, in order, as many values as items) and all of them the
    builder a clause starting with 由 names."""
    out = list(projects)
    for clause in re.split(r"[；;。]", sentence):
        listed = [i for i, c in enumerate(candidates) if c.segment.strip() and c.segment.strip() in clause]
        if not listed:
            continue
        first_list = [i for i in listed if candidates[i].segment == candidates[listed[0]].segment]
        for segment in (s.strip() for s in re.split(r"[，,：:]", clause)):
            built = news_names.RE_BUILT_BY_AFTER.match(segment)
            if built:
                owner = cat.owner_of(built.group("owner")) or built.group("owner")
                out = [
                    replace(p, owner=owner) if i in listed and not p.owner else p for i, p in enumerate(out)
                ]
            respectively = RE_RESPECTIVELY.search(segment)
            values = (
                [parse_capacity(m.group(0)) for m in RE_QUANTITY.finditer(segment, respectively.end())]
                if respectively
                else []
            )
            if (
                len(first_list) > 1
                and len(values) == len(first_list)
                and all(out[i].capacity is None for i in first_list)
            ):
                for i, value in zip(first_list, values, strict=True):
                    out[i] = replace(out[i], capacity=value)
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
            candidate = Candidate(name, place_surfaces(ctx, name), True, category, segment=item.group(0))
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

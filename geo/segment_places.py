"""Where the places of a phrase are, for reading project names: the reading context (document, place and
township finders, document-wide rules, the passage's county) and the place questions the name grammar asks
(where a name can begin, which places and townships a name names, whether a list item is a site).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from geo import categories as cat
from geo import names as news_names
from geo.lists import RE_TOWNSHIP_SUFFIX, is_place
from geo.model import Document
from geo.named import RE_VOLTAGE, specific
from geo.quantities import RE_QUANTITY

# A place finder returns (start, end, surface, kind) for every place mention in a text; kinds are the
# gazetteer's (province, city, county, township, functional_area, port, island, landmark, region, offshore_zone).
PlaceFinder = Callable[[str], list[tuple[int, int, str, str]]]
TownshipFinder = Callable[[str, str], list[str]]  # (county surface, remaining text) -> township names found
# (city adcode, text) -> the township whose short name begins the text, when that short name is unique in the city
CityTownshipFinder = Callable[[str, str], list[str]]


@dataclass
class Context:
    doc: Document
    find_places: PlaceFinder
    find_townships: TownshipFinder
    rules: list[tuple[int, list[str]]] = field(default_factory=list)  # (applies from offset, units)
    passage_places: list[str] = field(default_factory=list)  # the one county a news passage is about
    find_city_townships: CityTownshipFinder = lambda city, text: []


RE_VERB_AFTER_PLACE = re.compile(r"(?:要|将|正|拟)?(?:加快|谋划|规划)?(?:建设|新建|打造|布局|实施)")


def names_a_site(ctx: Context, phrase: str, text: str) -> bool:
    """The text names a place the gazetteer knows, or begins with a township (short names count) of the
    phrase's county."""
    return bool(ctx.find_places(text)) or bool(townships_at(ctx, phrase, text))


def starts_named(ctx: Context, text: str) -> bool:
    """Whether a text begins with a place, a developer, a company of its own, or a township (short names
    count) of the passage's county or, in news, of its city."""
    if 0 in name_starts(ctx, text) or townships_at(ctx, text, text):
        return True
    if ctx.doc.meta.doc_kind != "plan" and ctx.find_city_townships(ctx.doc.meta.region_adcode or "", text):
        return True
    return (
        news_names.company_of(text, lambda t: is_place(t, ctx.find_places), lambda t: name_starts(ctx, t))
        is not None
    )


RE_INDUSTRY_WORD = re.compile(news_names.COMPANY_INDUSTRY)


def name_starts(ctx: Context, phrase: str) -> list[int]:
    """Where a place or a known developer begins in a phrase: where a name can begin (also a township's short
    name right after a verb such as 推进 or a company's industry word such as 新能源, in a passage about its
    county or, in news, in its city)."""
    starts = [start for start, _, _, _ in ctx.find_places(phrase)]
    starts += [m.start() for m in cat.RE_ANY_OWNER.finditer(phrase)]
    # after a verb (`推进甲乙…`) or a company's industry word (`丙丁新能源甲乙风电场`): a township may begin
    for verb in (*news_names.RE_VERB_ANYWHERE.finditer(phrase), *RE_INDUSTRY_WORD.finditer(phrase)):
        rest = phrase[verb.end() :]
        city = ctx.doc.meta.region_adcode if ctx.doc.meta.doc_kind != "plan" else None
        if townships_at(ctx, phrase, rest) or (city and ctx.find_city_townships(city, rest)):
            starts.append(verb.end())
    return sorted(set(starts))


def one_site_list(ctx: Context, phrase: str) -> bool:
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


def place_surfaces(ctx: Context, text: str) -> list[str]:
    return [surface for _, _, surface, _ in ctx.find_places(text)]


CITY_KINDS = ("city", "province")


def below_city(ctx: Context, text: str) -> list[str]:
    return [surface for _, _, surface, kind in ctx.find_places(text) if kind not in CITY_KINDS]


def places_in_lead(ctx: Context, untrimmed: str, phrase: str) -> list[str]:
    """Places below the city in a modifier cut before a name (`位于甲开发区的`, `甲县的`)."""
    if not untrimmed.endswith(phrase) or len(untrimmed) == len(phrase):
        return []
    lead = untrimmed[: len(untrimmed) - len(phrase)]
    return below_city(ctx, lead) if lead.endswith("的") else []


def places_in(ctx: Context, name: str, listed_places: list[str]) -> tuple[list[str], list[str]]:
    """(places, townships) a name names."""
    places = place_surfaces(ctx, name) or [p for p in listed_places if name.startswith(p)][:1]
    townships = township_mentions(ctx, name)
    if townships and not places:  # a short township name of the passage's county
        places = list(ctx.passage_places)
    return places, townships


def places_after_owner(ctx: Context, name: str, owner: str | None) -> tuple[list[str], list[str]] | None:
    """`淄博甲乙新能源有限公司某镇光伏项目`: the place after the developer's name is the project's (the one in
    the company's name is where it is registered). None when nothing after the developer names a place, except
    that the province in a developer's name (`山东甲乙集团丙项目`) places nothing: ([], [])."""
    if not owner or not name.startswith(owner) or len(name) == len(owner):
        return None
    places, townships = places_in(ctx, name[len(owner) :], [])
    if places or townships:
        return places, townships
    kinds = {kind for _, _, _, kind in ctx.find_places(name[: len(owner)])}
    return ([], []) if kinds == {"province"} else None


def township_mentions(ctx: Context, name: str) -> list[str]:
    found: list[str] = []
    places = ctx.find_places(name)
    for _, end, surface, kind in places:
        if kind == "county":
            found.extend(ctx.find_townships(surface, name[end:]))
    if not any(kind in ("county", "township") for _, _, _, kind in places):
        # `张家坡抽水蓄能电站` in a news item about one county: a short township name of that county (also
        # after a line's voltage: `110千伏甲乙变电站`)
        bare = RE_VOLTAGE.sub("", name)
        found.extend(t for county in ctx.passage_places for t in ctx.find_townships(county, bare))
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


def townships_at(ctx: Context, phrase: str, text: str) -> list[str]:
    return [t for county in _counties_of(ctx, phrase) for t in ctx.find_townships(county, text)]


def ends_in_township(ctx: Context, phrase: str, text: str) -> bool:
    """A township (full or short name) of the phrase's county ends the text."""
    for length in range(2, min(len(text), 6) + 1):
        tail = text[-length:]
        if any(RE_TOWNSHIP_SUFFIX.sub("", t) == tail or t == tail for t in townships_at(ctx, phrase, tail)):
            return True
    return False


def in_offshore_zone(ctx: Context, name: str) -> bool:
    return any(kind == "offshore_zone" for _, _, _, kind in ctx.find_places(name))

"""Whether a phrase names one facility: a name of its own (a quoted name, a line between two places, a
named plant, a model designation), a technology with its size, or words more specific than a kind.

    has_proper_name(name)                 `“氢进万家”示范工程`, `甲—乙线路`, `甲乙发电厂`, `TG5`, `甲热入乙`
    technology_and_size(name)             `钙钛矿光伏发电113kW示范项目`
    specific(name)                        `甲乙储能项目` yes, `储能项目` no
    city_and_kind_only(find_places, name) `甲市储能项目`: a city's projects together, not one
    line_ends(name, category)             the two places a line or pipeline runs between
"""

from __future__ import annotations

import re

from geo import categories as cat
from geo.lists import PlaceFinder, own_words
from geo.names import RE_SIZE

RE_LINE_ENDS = re.compile(
    r"(?P<a>[\u4e00-\u9fffA-Za-z]{2,12}?)(?:—|－|–|-|至|到)(?P<b>[\u4e00-\u9fffA-Za-z]{2,12}?)(?=输油|输气|天然气|原油|成品油|管道|管线|线路|支线|干线|特高压|长输|[±\d])"
)
RE_VOLTAGE = re.compile(r"^[±\d]+\s*千伏")
RE_GENERIC = re.compile(
    r"一批|若干|一系列|多个|各类|相关|有关|全市|全省|我市|我省|各地|沿海|重点|省内|市内|周边"
)
RE_PROPER_PATTERNS = [
    # `甲乙100MW渔光互补项目`: a name of its own right before the project's capacity
    re.compile(r"^(?P<proper>[\u4e00-\u9fff]{2,6}?)\d+(?:\.\d+)?\s*(?:MW|兆瓦|万千瓦|kW|千瓦|GW)"),
    re.compile(r"^(?P<proper>[\u4e00-\u9fff]{2,4})(?:发电厂|电厂|热电厂|油田|炼厂)"),
    re.compile(
        r"^[±\d]+\s*千伏(?P<proper>[\u4e00-\u9fff]{2,6}?)(?:输变站|变电站|换流站|开关站|线路|线|输变电|变电)(?:工程|项目)?$"
    ),
    re.compile(r"(?P<proper>[A-Z]{1,4}\d+[A-Z\d]*)"),
    # `甲热入乙`, `甲电入乙`: a line named by its two ends' one-character abbreviations
    re.compile(
        r"^(?P<proper>[\u4e00-\u9fff][热电气煤油水]入[\u4e00-\u9fff])(?=长输|输|供|管|线|工程|项目|通道)"
    ),
    # kinds of plant that are few and always named after their site: 沂蒙抽水蓄能电站, 石岛湾核电站
    re.compile(
        r"^(?P<proper>[\u4e00-\u9fff]{2,4}?)(?:抽水蓄能电站|核电站|核电厂|核电基地|LNG接收站|液化天然气接收站)"
    ),
]
# `“氢进万家”科技示范工程`: a quoted name before the head noun; not a plan period or a policy slogan.
RE_QUOTED_NAME = re.compile(r"“([^”]{2,12})”")
RE_QUOTED_SLOGAN = re.compile(r"十[三四五六]五|双碳|双控|三改联动|碳达峰|碳中和|能耗|[+＋]")
RE_GENERIC_PROPER = re.compile(
    r"虚拟|自备|燃煤|燃气|火|低效|小型|大型|现役|退役|关停|集成|预测|新建|配套|区域|城市|企业|园区|独立|共享|"
    r"新增|累计|总|装机|规模|容量|建成|并网|投运|达到|超过|约|共|首期|期|淘汰|退出|压减|替代|整合|关闭|以下|以上|农网|城网|配网|电网|农村|乡村"
)


def has_proper_name(name: str) -> bool:
    """Structural evidence that a name without a known place or developer still names one facility:
    a quoted name (“氢进万家”示范工程), a line between two places (甲—乙线路), a named substation (500千伏某某变电站), a named plant at the
    start of the name (某某发电厂...), or a model designation (TG5)."""
    if RE_LINE_ENDS.search(RE_VOLTAGE.sub("", name)):
        return True
    quoted = RE_QUOTED_NAME.search(name)
    if quoted and not RE_QUOTED_SLOGAN.search(quoted.group(1)):
        return True
    return any(
        (match := pattern.search(name))
        and not RE_GENERIC_PROPER.search(match.group("proper"))
        and not cat.RE_GENERIC_PREFIX.fullmatch(match.group("proper"))
        and not RE_GENERIC.search(match.group("proper"))
        for pattern in RE_PROPER_PATTERNS
    )


RE_TECHNOLOGY_WORDS = re.compile(r"[\u4e00-\u9fff]{2,12}")


def technology_and_size(name: str) -> bool:
    """`钙钛矿光伏发电113kW示范项目`: a kind with words of its own (a technology) right before the
    plant's size names one plant; verbs and amounts (`淘汰30万千瓦以下…`) do not."""
    size = RE_SIZE.search(name)
    before = name[: size.start()] if size else ""
    return (
        bool(RE_TECHNOLOGY_WORDS.fullmatch(before))
        and bool(cat.RE_KIND_WORD.search(before))
        and not cat.RE_HEAD.search(before)
        and not RE_GENERIC_PROPER.search(before)
        and not RE_GENERIC.search(before)
        and len(own_words(before)) >= 2
    )


def specific(name: str) -> bool:
    """More than a kind of project: words before the head noun that are not all generic (`储能项目` is not)."""
    words = cat.RE_HEAD.sub("", name)
    return bool(words) and not cat.RE_GENERIC_PREFIX.fullmatch(words)


def city_and_kind_only(find_places: PlaceFinder, name: str) -> bool:
    """`甲市储能项目` in a news item: a city and a kind of project, the city's projects together."""
    places = find_places(name)
    if not places or any(kind not in ("city", "province") for _, _, _, kind in places):
        return False
    rest = name
    for _, _, surface, _ in places:
        rest = rest.replace(surface, "")
    for pattern in (cat.RE_KIND_WORD, cat.RE_GENERIC_PREFIX):
        rest = pattern.sub("", rest)
    return rest in ("项目", "工程", "")


RE_ABBREVIATED_ENDS = re.compile(r"(?P<a>[\u4e00-\u9fff])[热电气煤油水]入(?P<b>[\u4e00-\u9fff])")
RE_HEAT_LINE = re.compile(r"长输|管网|管线|管道")


def line_ends(name: str, category: str | None) -> tuple[str, str] | None:
    if category not in ("grid", "gas_pipeline", "oil_pipeline", "lng", "heat"):
        return None
    if category == "heat" and not RE_HEAT_LINE.search(name):
        return None
    match = RE_LINE_ENDS.search(RE_VOLTAGE.sub("", name))
    if not match:
        return None
    a = RE_VOLTAGE.sub("", match.group("a"))
    return a, match.group("b")


def abbreviated_ends(name: str, sentence: str, places: list[str]) -> tuple[str, str] | None:
    """`甲县热电长输供热工程（甲热入乙），向乙城区供热`: the ends a `甲热入乙` after (or in) the name abbreviates, each
    the place of the sentence its character is taken from (the first that starts with it, else one holding it)."""
    at = sentence.find(name)
    after = sentence[at + len(name) :] if at >= 0 else ""
    match = RE_ABBREVIATED_ENDS.search(name) or RE_ABBREVIATED_ENDS.match(after.lstrip("（("))
    if not match:
        return None
    ends = []
    for char in (match.group("a"), match.group("b")):
        found = [p for p in places if p.startswith(char)] or [p for p in places if char in p]
        if not found:
            return None
        ends.append(found[0])
    return (ends[0], ends[1]) if ends[0] != ends[1] else None

"""Coordinated lists in project names: a shared head restored on each item, 和/及/与 between full names, and
lists of places that share one predicate.

    restore_heads(items, find_places)    `[甲县A镇, B镇, C镇集中式光伏项目]` -> each + `集中式光伏项目`
    split_and(item, starts_named)        `A原油库和B输油站` -> both
    propagate_county(find_places, names) `某县甲村、乙村…` -> the county prefix on later items
    normalize_place_list(find_places, p) `甲、乙和丙等3个试点县(市)整县(市)…` -> `甲、乙、丙整县…`
    sites_sharing_a_kind(phrase)         `甲工业园、乙冶炼等工业余热供暖` -> `甲工业园工业余热供暖`, …
    split_lists(phrase, starts_named)    `甲、乙X产业园和丙、丁Y等项目` -> the two lists
    distribute_description(items)        `[甲, 乙整机制造产业园]` -> `甲整机制造产业园`, `乙整机制造产业园`
    own_words(item)                      what is left of a name without kind, head and generic words
"""

from __future__ import annotations

import re
from collections.abc import Callable

from geo import categories as cat
from geo.names import RE_PHASE

# (start, end, surface, kind) of every place mention in a text (see geo.segment_places.PlaceFinder)
PlaceFinder = Callable[[str], list[tuple[int, int, str, str]]]

# `甲、乙等县市区`: the word that closes a list of places
PLACE_LIST_WORDS = "县市区|市县区|区县|县区|区市|市县|县市|地"


# `等项目`: 项 here begins the head noun, it is not a counter (`等3项`)
RE_ETC = re.compile(r"等(?:\d+|[一二三四五六七八九十两几]+)?\s*(?:[个座处家批]|项(?!目))?(?=[^等]*$)")


RE_COUNT_HEAD = re.compile(r"^(?:等|(?:\d+|[一二三四五六七八九十两几]+)\s*[个座处项])+")


RE_ACTORS = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:企业|公司|集团|单位|央企|国企|机构|部门|院所|高校)")


RE_COUNT_TAIL = re.compile(r"(?:\d+|[一二三四五六七八九十两几]+)\s*[个座处项]$|等$")


# `甲、乙等沿海地区盐碱滩涂地风光储一体化基地`: the word closing the list is not part of the shared head
RE_LIST_CLOSER = re.compile(
    "^(?:" + "|".join(w for w in PLACE_LIST_WORDS.split("|") if len(w) > 1) + "|沿海地区|地区|地方)"
)


RE_PHASE_AT_END = re.compile(f"(?:{RE_PHASE.pattern})$")


def restore_heads(items: list[str], find_places: PlaceFinder) -> list[tuple[str, bool]]:
    """Restore a list's shared head on each item: (name, whether the head was restored).

    `[甲县A镇, B镇, C镇集中式光伏项目]` -> each + `集中式光伏项目`; `[甲市, 乙市等海上风电基地]` -> each +
    `海上风电基地`; `[甲县, 乙县矿山整治工程]` -> the head after the last item's place."""
    last = items[-1]
    listed = RE_ETC.search(last)
    if listed:
        last_name, head = last[: listed.start()], RE_LIST_CLOSER.sub("", last[listed.end() :])
    else:
        shared_at = head_start(last)
        if len(items) > 1 and all(is_place(i, find_places) for i in items[:-1]):
            # `甲区、乙区采煤沉陷区光伏项目`: after a list of bare places, all that follows the last place is shared.
            places = find_places(last)
            if places and places[0][0] == 0:
                shared_at = places[0][1]
        if shared_at is None or len(items) == 1:
            return [(_drop_count(item), False) for item in items]
        last_name, head = last[:shared_at], last[shared_at:]
    head = RE_COUNT_HEAD.sub("", head)
    if RE_ACTORS.match(head):
        return []  # `鼓励甲、乙等企业参与光伏项目开发`: a list of developers, not of projects
    out = []
    for item in [*items[:-1], last_name]:
        item = RE_COUNT_TAIL.sub("", item).strip()
        if not item:
            continue
        if cat.RE_HEAD_AT_END.search(RE_PHASE_AT_END.sub("", item)) and cat.category_of(item):
            out.append((item, False))
        else:
            out.append((_join_head(item, head), True))
    if not last_name.strip():
        out.append((head, False))
    return out


RE_UNIT_ALTERNATIVE = re.compile(r"(?<=[县市区])[（(][县市区][）)]")


RE_COUNTED_UNITS = re.compile(
    r"等(?:\d+|[一二三四五六七八九十两几]+)个[\u4e00-\u9fff]{0,6}?[县市区]+(?=整县|整市|整区)"
)


def normalize_place_list(find_places: PlaceFinder, phrase: str) -> str:
    """`甲、乙和丙等3个试点县(市)整县(市)屋顶光伏` -> `甲、乙、丙整县屋顶光伏`: a list of places sharing one
    predicate, closed by 和/及/与 and a count of the units, written as the 、-list the list grammar reads."""
    phrase = RE_UNIT_ALTERNATIVE.sub("", phrase)
    counted = RE_COUNTED_UNITS.search(phrase)
    if counted:
        phrase = phrase[: counted.start()] + phrase[counted.end() :]
    for match in reversed(list(RE_AND.finditer(phrase))):
        before = phrase[: match.start()].rpartition("、")[2]
        after = find_places(phrase[match.end() :])
        if "、" in phrase[: match.start()] and is_place(before, find_places) and after and after[0][0] == 0:
            phrase = phrase[: match.start()] + "、" + phrase[match.end() :]
            break
    return phrase


def is_place_list(find_places: PlaceFinder, text: str) -> bool:
    """`甲区、乙市`: nothing but places, separated by 、."""
    covered = sum(end - start for start, end, _, _ in find_places(text))
    return bool(text) and covered + text.count("、") == len(text)


def is_place(text: str, find_places: PlaceFinder) -> bool:
    text = RE_COUNT_TAIL.sub("", text)
    return any(start == 0 and end == len(text) for start, end, _, _ in find_places(text))


def _drop_count(name: str) -> str:
    return re.sub(r"等(?:\d+|[一二三四五六七八九十两几]+)?\s*[个座处项]?(?=[\u4e00-\u9fffA-Z])", "", name)


def head_start(text: str) -> int | None:
    """Where the shared head (category keyword with its modifiers) begins in the last list item."""
    first = None
    stripped = cat.strip_owners(text)
    for _, pattern in cat.RE_CATEGORY:
        match = pattern.search(stripped)
        if match:
            position = text.find(match.group(0))
            if position >= 0 and (first is None or position < first):
                first = position
    if first is None:
        return None
    prefix = text[:first]
    modifiers = cat.RE_HEAD_MODIFIER_TAIL.search(prefix)
    return modifiers.start() if modifiers else first


def _join_head(item: str, head: str) -> str:
    """Append the shared head, overlapping where the item already ends with its beginning (甲市核电 + 核电项目)."""
    for overlap in range(min(len(item), len(head)), 0, -1):
        if item.endswith(head[:overlap]):
            return item + head[overlap:]
    return item + head


RE_AND = re.compile(r"以及|和|及|与|并")


def split_and(item: str, starts_named=lambda text: True) -> list[str]:
    """`A原油库和B输油站`, `A项目全面复工和B项目开工`: split on 和/及/与/以及 when both sides are complete
    projects (a category and a head noun; words after the left one's head are not part of it) and the right
    one begins with a name of its own (`starts_named`; `甲LNG接收站及外输管道` is one project)."""
    for match in RE_AND.finditer(item):
        left, right = item[: match.start()], item[match.end() :]
        if not starts_named(right):
            continue
        heads = list(cat.RE_HEAD.finditer(left))
        if not heads or not cat.category_of(left) or not cat.category_of(right):
            continue
        if not cat.RE_HEAD.search(right):
            continue
        phase = RE_PHASE.match(left, heads[-1].end())
        left_name = left[: phase.end() if phase else heads[-1].end()]
        if len(left) - len(left_name) > 6:
            continue
        return [left_name, *split_and(right, starts_named)]
    return [item]


OWNER_BEFORE_COUNTY_MAX = 4


def propagate_county(find_places: PlaceFinder, names: list[tuple[str, bool]]) -> list[str]:
    """`某县甲村、乙村抽水蓄能电站`: later items that only had the shared head restored, and name no place of their
    own, inherit the first item's county prefix."""
    if len(names) < 2:
        return [name for name, _ in names]
    first_places = find_places(names[0][0])
    # `甲公司某县A镇、B镇…`: a developer's short name (up to OWNER_BEFORE_COUNTY_MAX characters) may precede it
    if not first_places or first_places[0][0] > OWNER_BEFORE_COUNTY_MAX or first_places[0][3] != "county":
        return [name for name, _ in names]
    prefix = names[0][0][: first_places[0][1]]
    # `甲县、乙、丙等…基地`: the first item is a bare county, not 某县甲村
    if names[0][1] and _shared_suffix([name for name, _ in names]) == names[0][0][len(prefix) :]:
        return [name for name, _ in names]
    out = [names[0][0]]
    for name, restored in names[1:]:
        has_place = any(kind != "township" for _, _, _, kind in find_places(name))
        out.append(prefix + name if restored and not has_place else name)
    return out


def _shared_suffix(names: list[str]) -> str:
    n = 0
    while n < min(map(len, names)) and len({name[len(name) - n - 1] for name in names}) == 1:
        n += 1
    return names[0][len(names[0]) - n :]


def own_words(item: str) -> str:
    """The words of a name that are its own: without kind keywords, head nouns, owners and generic
    modifiers (`甲乙石化产业园` -> `甲乙`; `钢铁`, `工业园区`, `重点企业` -> a character or nothing)."""
    rest = cat.RE_HEAD.sub("", cat.strip_owners(item))
    rest = cat.RE_KIND_WORD.sub("", rest)
    rest = RE_SECTOR.sub("", rest)
    return cat.RE_GENERIC_PREFIX.sub("", rest)


# Industries a plan lists as sectors (`钢铁、化工等行业`), not as sites
RE_SECTOR = re.compile(
    r"钢铁|化工|化学|冶炼|冶金|建材|有色|石化|造纸|纺织|煤炭|焦化|水泥|陶瓷|医药|食品|机械|电子"
)


# `甲工业园、乙冶炼等工业余热供暖`: named sites that share one kind of project written without a head noun
RE_SITES_SHARING_KIND = re.compile(r"^(?P<items>[^、等]{2,12}(?:、[^、等]{2,12})+)等(?P<kind>[^、等]{2,20})$")
RE_PLACES_CLOSER = re.compile(f"(?:{PLACE_LIST_WORDS}|地区|地方|沿海)")
RE_NOT_A_KIND = re.compile(r"企业|公司|集团|单位|机构|行业|领域|方式|技术|模式")


def sites_sharing_a_kind(phrase: str) -> tuple[list[str], str] | None:
    """(names, category) when a phrase lists sites, each with words of its own, before an energy kind
    that has no head noun; None otherwise (`光伏、风电等新能源` lists kinds; `甲、乙等发电企业` actors)."""
    match = RE_SITES_SHARING_KIND.match(phrase)
    if not match:
        return None
    kind = match.group("kind")
    if RE_PLACES_CLOSER.match(kind) or RE_COUNT_HEAD.match(kind):
        return None  # `甲、乙等县市区整县光伏`, `甲、乙等5个…`: places listed, read by restore_heads
    category = cat.category_of(kind)
    if cat.RE_HEAD.search(kind) or not cat.ENERGY_KEYWORDS.search(kind) or RE_NOT_A_KIND.search(kind):
        return None
    items = match.group("items").split("、")
    if not category or not all(len(own_words(item)) >= 2 for item in items):
        return None
    return [item + kind for item in items], category


# `甲园、乙园、丙园三大千亿级园区`: a count after the last head noun closes a list of named sites
RE_COUNT_AFTER_HEAD = re.compile(r"(?:\d+|[一二三四五六七八九十两])[大个座处家][\u4e00-\u9fff]{0,8}$")
RE_COUNT_THEN_VERB = re.compile(
    r"(?<=[^\d一二三四五六七八九十两])(?:\d+|[一二三四五六七八九十两])[大个座处家][\u4e00-\u9fff]{0,8}?"
    r"(?=(?:打造|建设|建成|形成|培育)[\u4e00-\u9fff]{2})"
)


def split_after_count(segment: str) -> list[str]:
    """`依托甲园、乙园三大园区打造丙基地` -> the counted list, and `打造丙基地`: a new name after the verb."""
    match = RE_COUNT_THEN_VERB.search(segment)
    if not match or not cat.RE_HEAD.search(segment, 0, match.start()):
        return [segment]
    return [segment[: match.end()], segment[match.end() :]]


RE_TOWNSHIP_SUFFIX = re.compile(r"(?:镇|乡|街道)$")


def join_township_list(phrase: str, is_township_at: Callable[[str], bool], ends_in_township) -> str:
    """`甲县A和B风电项目`, `A、B及C等光伏项目` -> `甲县A、B风电项目`, `A、B、C等光伏项目`: 和/及/与 between two
    townships (short names count) of a county the text is about is a list separator, like 、.
    `is_township_at(text)`: a township begins the text; `ends_in_township(text)`: one ends it."""
    for match in reversed(list(RE_AND.finditer(phrase))):
        before, after = phrase[: match.start()], phrase[match.end() :]
        if ends_in_township(before) and is_township_at(after):
            phrase = before + "、" + after
    return phrase


def split_lists(phrase: str, starts_named=lambda text: True) -> list[str]:
    """`甲、乙整机制造产业园和丙、丁塔筒生产等项目`: 和/及/与 after a 、-list that ends in its head noun, before
    another list (or a name of its own), joins two lists, each with its own shared head."""
    for match in RE_AND.finditer(phrase):
        left, right = phrase[: match.start()], phrase[match.end() :]
        if "、" not in left or not cat.RE_HEAD_AT_END.search(left) or not cat.RE_HEAD.search(right):
            continue
        if "、" in right or starts_named(right):
            return [left, *split_lists(right, starts_named)]
    return [phrase]


# Words that end a company's short name (`甲乙重工`, `丙丁新材料`)
RE_SHORT_COMPANY_END = re.compile(r"重工|精工|新材料|科技|电气|智能|股份|实业|控股|新能源|能源")
SHORT_NAME_MAX = 6


def distribute_description(items: list[str], names_a_site: Callable[[str], bool]) -> list[str] | None:
    """`[甲乙, 丙丁整机制造产业园]` -> `甲乙整机制造产业园`, `丙丁整机制造产业园`: short names of their own (no kind,
    no head noun, no place or township in any item: developers) listed before the last one's description and head share both. The
    last name ends at a company word (重工, 新材料 ...), at a known developer, or after as many characters as
    the name before it. None when the list is not of that form, the description names no kind of facility,
    or the last name runs on past where the head grammar begins the shared part."""
    *earlier, last = items
    if not earlier or any(
        not 2 <= len(item) <= SHORT_NAME_MAX
        or cat.RE_HEAD.search(item)
        or cat.RE_KIND_WORD.search(item)
        or names_a_site(item)
        for item in earlier
    ):
        return None
    known = cat.RE_ANY_OWNER.match(last)
    company = next(
        (m for m in RE_SHORT_COMPANY_END.finditer(last, 0, SHORT_NAME_MAX + 2) if m.end() >= 2), None
    )
    own_end = known.end() if known else company.end() if company else len(earlier[-1])
    etc = RE_ETC.search(last)
    # where the head grammar (restore_heads) would begin the shared part: at 等, else at the kind words
    shared_at = etc.start() if etc else head_start(last) or len(last)
    description = RE_ETC.sub("", last[own_end:])
    if own_end > shared_at or names_a_site(last) or (etc and etc.start() - own_end < 2):
        return None  # (`甲、乙丙等光伏项目`: 乙丙 is one name before 等, the head after it is shared)
    if not cat.RE_HEAD_AT_END.search(description) or not cat.category_of(description):
        return None  # `甲化、乙化改造项目`: ways of doing, not developers before a kind of facility
    if head_start(description) == 1:
        return None  # `甲、乙丙风电项目`: the last name ends right before the kind, it is not cut in two
    if len(cat.RE_HEAD_AT_END.sub("", description)) < 2:
        return None  # `配套、物流产业园`: no description of what is made, only a head noun after the names
    return [item + description for item in earlier] + [last[:own_end] + description]

"""Projects named in one comma-delimited segment of running text or one 专栏 item: the lead words cut, the
name's end found at its head noun, coordinated lists split with their shared head restored, and each name's
category, developer, places and whether it is *named* (see geo.named); then one Project per candidate with its
capacity, quote and responsible units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

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
    split_and,
    split_lists,
)
from geo.mentions import RE_ANAPHOR
from geo.model import Capacity, Project, SourceSpan
from geo.named import (
    RE_GENERIC,
    abbreviated_ends,
    city_and_kind_only,
    has_proper_name,
    line_ends,
    specific,
    technology_and_size,
)
from geo.names import RE_PHASE
from geo.parse import section_path
from geo.quantities import parse_capacity, year_of
from geo.segment_places import (
    Context,
    below_city,
    drop_verb_after_place,
    ends_in_township,
    in_offshore_zone,
    name_starts,
    names_a_site,
    one_site_list,
    place_surfaces,
    places_after_owner,
    places_in,
    places_in_lead,
    starts_named,
    township_mentions,
    townships_at,
)
from geo.units import PROTECTED_COMMA, chain_at, units_for, without_parentheses
from geo.vocab import ENERGY_CATEGORIES

RE_LEAD = re.compile(
    r"^(?:[一二三四五六七八九十]是|其[一二三四五六七八九十]|首先|其次|"  # `一是…；二是…`: the items of a list of points
    r"加快|加速|推进|推动|全力|大力|积极|配合|稳妥|有序|稳步|着力|重点|持续|适时|研究|谋划|规划|建设|新建|续建|"
    r"开工|建成|投产|实施|打造|开展|支持|鼓励|引导|布局|配套建设|整合新上|新上|启动|争取|完成|依托|围绕|发挥|了|"
    r"做好|深化|探索|培育|加强|抓好|落实|促进|力争|确保|全面|高质量|高标准|谋划建设|规划建设|开工建设|加快建设|"
    r"推进建设|打造形成|形成|建立|创建|扩建|改造|提升|保障|服务|协调|统筹|前期|做优|做强|做大|投运|商运|并网|集约|集聚|发展)+"
)


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


RE_BATCH_OF_UNITS = re.compile(r"(?:首批|第[一二三四五六七八九十\d]+批)[^，。；]{0,12}?机组")
RE_LISTED_PLACES = re.compile(f"等(?:{PLACE_LIST_WORDS})")


PROVINCE_NAMES = {"山东", "山东省", "全省"}


RE_LABEL = re.compile(r"^\s*(?:\d{1,2}\s*[.．、](?!\d)|[（(]\s*[\d一二三四五六七八九十]{1,3}\s*[）)])\s*")


RE_OFFSHORE = re.compile(r"海上|近海|深远海|离岸|桩基式|海洋能|海域")


NAME_MAX = 60


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
    phrase, built_by = news_names.trim_lead(phrase, lambda text: name_starts(ctx, text))
    lead_places = places_in_lead(ctx, untrimmed, phrase)
    if phrase.startswith("的"):
        return []  # `…的一标段`: what follows 的 is a part of something named before it
    phrase = normalize_place_list(ctx.find_places, phrase)
    phrase = join_township_list(
        phrase,
        lambda text: bool(townships_at(ctx, phrase, text)),
        lambda text: ends_in_township(ctx, phrase, text),
    )
    if not in_box and (shared := sites_sharing_a_kind(RE_TRAIL.sub("", phrase))):
        return sites_of_a_kind(ctx, *shared, segment)
    phrase = news_names.without_key_projects(phrase)
    heads = [h for h in cat.RE_HEAD.finditer(phrase) if not RE_NOT_A_HEAD_AFTER.match(phrase, h.end())]
    if len(heads) > 1 and heads[-1].group() == "机组" and RE_BATCH_OF_UNITS.match(phrase, heads[-2].end()):
        heads.pop()  # `甲电站首批50万千瓦机组`: the plant's first units are the plant
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
    if not in_box and one_site_list(ctx, phrase):
        phrase = phrase.replace("、", PROTECTED_COMMA)
    names, developers_listed = _names_in_lists(ctx, phrase, in_box)
    context_places = [p for text in context for p in place_surfaces(ctx, text)]
    # Places recognised in the whole list (weak short names such as 梁山 count only in a list of places).
    listed_places = place_surfaces(ctx, phrase) + context_places
    if (
        context_places
        and len(names) == 1
        and not place_surfaces(ctx, names[0])
        and not (_leads_with_own_name(names[0]) and _all_cities(ctx, context_places))
    ):
        # `在A、B等地建设储能电站`: one project per listed place (`在甲市、乙市等地建设鲁东海上光伏基地`, led by a name of
        # its own, is one base spanning the cities).
        names = [place + names[0] for place in context_places]
        context_places = []
    context_places += [p for text in bases for p in place_surfaces(ctx, text)]
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
            name, lambda t: is_place(t, ctx.find_places), lambda t: name_starts(ctx, t)
        )
        places, townships = places_after_owner(ctx, name, owner) or places_in(ctx, name, listed_places)
        owner = owner or built_by or (None if in_box else news_names.builder_after(segment, name))
        if not in_box and not places and not townships:  # `甲项目位于乙县丙镇…`
            where = news_names.location_after(segment, name)
            places = below_city(ctx, where)
            townships = township_mentions(ctx, where) if places else []
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
        if lead_places and not townships and not below_city(ctx, "".join(places)):
            # `甲开发区的乙集团光伏项目`: the zone places it (not 乙's city); it does not make a name specific
            all_places = lead_places + all_places
        elif lead_places and not townships:
            # `位于甲镇的乙县丙项目`: the township in the modifier is more precise than the name's county
            all_places = [p for p in lead_places if RE_TOWNSHIP_SUFFIX.search(p)] + all_places
        ends = line_ends(name, category)
        if ends is None and category in ("heat", "grid", "gas_pipeline", "oil_pipeline"):
            ends = abbreviated_ends(name, sentence, place_surfaces(ctx, sentence))
        out.append(Candidate(name, all_places, named, category, ends, segment, owner))
    return out


def _all_cities(ctx: Context, places: list[str]) -> bool:
    kinds = [kind for place in places for _, _, _, kind in ctx.find_places(place)]
    return len(places) >= 2 and bool(kinds) and all(kind == "city" for kind in kinds)


def _leads_with_own_name(name: str) -> bool:
    """`鲁东海上光伏基地` starts with words of its own; `风光互补基地` (its own word 互补 inside a kind) does not."""
    words = own_words(name)
    return len(words) >= 2 and name.startswith(words[:2])


RE_THIS_PROJECT = re.compile(
    r"(?:该|此|这一?|这个|本|以下|以上|上述|下列|这些|各|拟将)[\u4e00-\u9fff]{0,2}?(?:项目|工程|电站)"
)


def _own_name_entered(name: str) -> bool:
    """`甲乙智慧能源中心项目纳入…名单`: a project entering a list names itself with words of its own;
    `该项目纳入…` refers to one named before."""
    return not RE_THIS_PROJECT.search(name) and len(own_words(name)) >= 4


def _names_in_lists(ctx: Context, phrase: str, in_box: bool) -> tuple[list[str], set[str]]:
    """The names a phrase lists (shared heads restored), and those of them named by a developer's short name
    before a shared description (`甲、乙整机制造产业园`: the developers make each name specific)."""
    names: list[str] = []
    developers_listed: set[str] = set()
    begins_a_name = lambda text: starts_named(ctx, text)  # noqa: E731
    for listed in [phrase] if in_box else split_lists(phrase, begins_a_name):
        items = [
            part.replace(PROTECTED_COMMA, "、")
            for item in listed.split("、")
            for part in split_and(item, begins_a_name)
        ]
        distributed = (
            None if in_box else distribute_description(items, lambda t: names_a_site(ctx, phrase, t))
        )
        if distributed:
            names += distributed
            developers_listed.update(distributed)
        else:
            names += propagate_county(ctx.find_places, restore_heads(items, ctx.find_places))
    return names, developers_listed


def sites_of_a_kind(ctx: Context, names: list[str], category: str, segment: str) -> list[Candidate]:
    """`甲工业园、乙冶炼等工业余热供暖`: one project per listed site, of the kind they share."""
    out = []
    for name in names:
        owner = cat.owner_of(name) or news_names.company_of(
            name, lambda t: is_place(t, ctx.find_places), lambda t: name_starts(ctx, t)
        )
        places = township_mentions(ctx, name) + place_surfaces(ctx, name)
        out.append(Candidate(name, places, True, category, None, segment, owner))
    return out


def phase_of_antecedent(c: Candidate, in_sentence: list[Candidate], before: list[Project]) -> Candidate:
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


def _segment_position(text: str, c: Candidate, offset: int, quote: str) -> int:
    """Where the candidate's own segment starts in its sentence (a task's （甲局负责） follows it), else the
    sentence's start."""
    found = text.find(c.segment, offset, offset + len(quote)) if c.segment else -1
    return found if found >= 0 else offset


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
        places=c.places or passage_places_for(ctx, c.category),
        owner=cat.owner_of(c.name) or c.owner,
        capacity=capacity,
        target_year=year_of(without_parentheses(quote)),
        responsible_units=units_for(
            doc.text, ctx.rules, chain, _segment_position(doc.text, c, offset, quote)
        ),
        offshore=not cat.RE_ONSHORE.search(c.name)
        and (bool(RE_OFFSHORE.search(c.name)) or in_offshore_zone(ctx, c.name)),
        line_ends=c.line_ends,
        doc_kind=doc.meta.doc_kind,
    )


def passage_places_for(ctx: Context, category: str | None) -> list[str]:
    """The county a news item is about places its placeless energy facilities (the county's own news about
    its plants); factories and parks listed by developer are often the city's programme and stay at the
    item's region unless the text places them (measured: dev set county 0.88 -> 0.95, unseen 0.88 -> 0.92)."""
    return list(ctx.passage_places) if (category or "other") in ENERGY_CATEGORIES else []


RE_BATCH = re.compile(r"(?:首批|第[一二三四五六七八九十\d]+批)$")
RE_FEEDSTOCK = re.compile(r"(?:处理|消纳|利用|收储|消耗|掺烧)[\u4e00-\u9fff]{0,6}$")


def _capacity_near(sentence: str, own_segment: str) -> Capacity | None:
    """A capacity stated in the project's own sentence, unless the sentence is a target (达到 ...) or the
    quantity sizes another object named after it (`甲工程建设，配套建设千万千瓦级电源基地`)."""
    if re.search(r"达到|分别|占比|比重|下降|降低|提高", sentence) or RE_ANAPHOR.match(sentence):
        return None  # a target, or `该项目…规划总容量X`: the capacity of a project named before
    for segment in re.split(r"[，,；;：:。]", without_parentheses(sentence)):
        capacity = parse_capacity(segment)
        if capacity is None:
            continue
        before = segment[: segment.find(capacity.text)]
        if RE_FEEDSTOCK.search(before) or RE_BATCH.search(before):
            continue  # `年处理秸秆30万吨`: what the plant takes in; `首批50万千瓦`: its first units, not the plant
        after = segment[segment.find(capacity.text) + len(capacity.text) :]
        if segment.strip() == own_segment.strip() or not cat.RE_HEAD.search(after):
            return capacity
        return None
    return None

"""Where a project's name begins and ends in news and report register, and developers named by company.

A name starts at its place, owner or proper name and ends at its head noun. News writes words around it
that are not part of it: `在`, `由…投资建设的`, `总投资X亿元的`, `作为`, `入选《…》`, `是目前…`, counting and
superlative words (`首座`, `全国最大…——`). `X是Y` / `X作为Y` sentences describe a project, they do not
name a new one.

    trim_lead(phrase)       -> (phrase without the words before its name, developer named in them or None)
    cut_description(phrase) -> (the named part before `是/作为/被/入选 ...`, whether a description was cut)
    company_of(text, ...)   -> a company name (甲乙新能源有限公司, 丙丁集团) at the start of `text`, or None
    builder_after(seg, name)-> the company of `<name>由甲乙热力有限公司建设`, or None
    location_after(seg, name) -> the words after `<name>位于`, or ''
    kind_of_list_entered(p) -> the category of the list in `<name>纳入…新型储能…项目`, or None
    industrial_company(name)-> 甲乙化工 of `甲乙化工丙烯腈项目` (a chemical or materials maker's project), or None
"""

from __future__ import annotations

import re

# Phase and section words that end a name after its head noun (`一期`, `（二期）工程`, `扩建项目`, `济阳段`).
RE_PHASE = re.compile(
    r"[（(]?(?:[一二三四五六七八九十\d]+|首|后续)期(?:工程|项目)?[）)]?|(?:改)?扩建(?:工程|项目)?"
    r"|[\u4e00-\u9fff]{2,4}(?<![阶手])段(?:工程|项目)?"
)

# A company: two to six characters of its own name, then an industry word and/or a legal form.
COMPANY_INDUSTRY = r"(?:新能源|清洁能源|绿能|能源|电力|热电|热力|电气|科技|技术|实业|控股|环保|发展|投资)"
COMPANY_FORM = r"(?:(?:股份)?有限(?:责任)?公司|集团|公司)"
RE_COMPANY = re.compile(
    r"^(?P<own>[\u4e00-\u9fff]{2,6}?)(?:[（(][\u4e00-\u9fff]{2,4}[）)])?"
    rf"(?:{COMPANY_INDUSTRY}{{1,2}}(?:[（(][\u4e00-\u9fff]{{2,4}}[）)])?{COMPANY_FORM}?|{COMPANY_FORM})"
)
# An own name made of these is a description, not a company (`新型能源`, `全市电力`).
RE_NOT_COMPANY = re.compile(
    r"^(?:加快|推进|建设|发展|新型|分布式|集中式|清洁|绿色|大力|积极|全市|全省|我市|本市|区域|地方|传统|可再生|[\u4e00-\u9fff]?新)"
)

# `由甲乙能源投资建设的…`: the developer of the project that follows.
RE_BUILT_BY = re.compile(
    r"^.*?由(?P<owner>[^，。；由]{2,30}?)(?:等企业)?(?:共同|联合|全资|独资)?"
    r"(?:投资|建设|承建|开发|运营|实施|打造)+(?:运营)?的"
)
# `甲新能源有限公司投资建设的乙项目`: the same without 由, where the words before the verb are a company
RE_COMPANY_BUILT = re.compile(
    r"^(?P<owner>[^，。；的]{2,30}?(?:有限公司|股份公司|公司|集团))(?:共同|联合)?"
    r"(?:投资|建设|承建|开发|运营|实施|打造)+(?:运营)?的"
)
# `甲工程由乙热力有限公司建设`: the company after 由 builds the project named before it
RE_BUILT_BY_AFTER = re.compile(
    r"(?:项目|工程)?由(?P<owner>[^，。；由的]{2,30}?(?:有限公司|股份公司|公司|集团))(?:负责)?(?:投资|建设|承建|开发|实施)"
)
# `甲集团斥资新建乙工程`: a company that pays for what it builds
RE_COMPANY_FUNDS = re.compile(
    r"^(?P<owner>[^，。；的]{2,30}?(?:有限公司|股份公司|公司|集团))(?:将|拟|计划)?(?:斥资|出资|投入|投资(?=约?\d))"
    r"(?:约?\d+(?:\.\d+)?[亿万]?元)?(?:新建|建设|兴建|打造|实施)"
)
# A company's legal name before a name that starts at its place: the developer, not part of the name
RE_LEGAL_COMPANY = re.compile(
    r"^(?P<owner>[\u4e00-\u9fff]{2,14}?(?:股份)?有限(?:责任)?公司)(?=[\u4e00-\u9fff]{4})"
)
RE_AGENT_AT_PLACE = re.compile(
    r"^(?P<owner>[^，。；]{2,20}?)在(?P<place>[\u4e00-\u9fff]{2,8}?)(?:投资|开发|建设|布局|打造|实施)+的"
)
RE_LIST_THEN_DE = re.compile(r"、[^、]+等(?:项目|工程)的$")
# `甲乙新能源与丙县签约建设丁项目`: the company that signs with a place to build is the developer
RE_SIGNS_TO_BUILD = re.compile(
    r"^(?P<owner>[^，。；与和]{2,20}?(?:新能源|能源|电力|集团|公司|科技|实业))与[^，。；]{2,12}?签约(?:建设|实施|落地)"
)
# `甲集团将在乙县投资建设丙项目`: the same as a company's plan, without 的
RE_COMPANY_WILL_BUILD_AT = re.compile(
    r"^(?P<owner>[^，。；在]{2,20}?(?:集团|公司))(?:将|拟|计划|正|已|将于)?在(?P<place>[\u4e00-\u9fff]{2,8}?)"
    r"(?:投资|开发|建设|布局|打造|实施|新建)+"
)
# A modifier clause ending in 的 before the name (`总投资26.76亿元的`, `装机规模最大的`, `其投资建设运营的`).
RE_MODIFIER_DE = re.compile(r"^[^，。；“”《》]{1,30}?的(?=[^的]{4,})")
# Verbs and prepositions after which a name begins; the name cannot contain them.
RE_BEFORE_NAME = re.compile(
    r"^.*?(?P<word>(?<!正)在|位于|始于|针对|随着|标志着|这标志着|采访|来到|走进|参观|调研|考察|指着|指著|看到|中标|介绍了|"
    r"签约建设|签约|落户|启动|关于(?:申请)?(?:核准|备案|审批)?|本招标项目|包括|涵盖|其中|还有|另有|将服务|服务于|承接|已引进|引进|共同建设|共建|投资建设|合作建设|携手|助力|围绕|介绍|相当于|——)"
)
VERBS_BEFORE_NAME = r"(?:支持|配合|推进|推动|加快|实施|服务|保障|对接|协调|感谢|祝贺|参观|考察)"
RE_VERB_BEFORE_NAME = re.compile(VERBS_BEFORE_NAME + "$")
RE_VERB_ANYWHERE = re.compile(VERBS_BEFORE_NAME)
# Counting and superlative words: what follows them up to the name is a description (`首个新能源风电场`).
RE_SUPERLATIVE = re.compile(r"首个|首座|首台|首批|又一|第一个|最大|最高|唯一|全国|全省|全市")
BULLETS = "△▲●■◆○◇□☆★·•※→"
# `甲集团权属公司乙能源有限公司`: the developer is the company that builds, not its parent
RE_PARENT_COMPANY = re.compile(r"^.*(?:权属公司|旗下|下属|所属|子公司|控股的)")
RE_LEADING_DATE = re.compile(
    r"^(?:(?:19|20)\d{2}年)?(?:\d{1,2}月)?(?:\d{1,2}日)?(?:上午|下午|晚)?(?:以来|起)?"
)
RE_UNOPENED_CLOSE = re.compile(r"^[^（()）]*[)）](?=[^（()）]*$)")
RE_EVENT_ADVERBS = re.compile(r"(?:集中|正式|成功|顺利|现场|举行|已|将|近日)+$")
# `甲产业基地重点项目`: the key projects of a base are read as the base (a planner names the base)
RE_KEY_PROJECTS_OF = re.compile(r"(基地|园区|新区|产业园|工业园|示范区|起步区|先行区)(?:重点|重大|签约)项目")


def without_key_projects(phrase: str) -> str:
    return RE_KEY_PROJECTS_OF.sub(r"\1", phrase)


RE_AS_PILOT = re.compile(r"^以(?P<name>[^，。；]{4,40}?)为(?:试点|重点|示范|龙头|抓手|引领)")
RE_SPACE_BEFORE_NAME = re.compile(r"^.*[\u4e00-\u9fff）)]\s+(?=[\u4e00-\u9fff])")
RE_STARTS_DESCRIBING = re.compile(r"^(?:为|是|系|属于|作为|由(?!.*?的)|的)")
RE_LEADING_SUPERLATIVE = re.compile(
    r"^(?:全国|全省|全市|省内|国内|我国|国际|世界)?(?:首个|首座|首台|首批|又一个?|第一个|最大的?|唯一的?)+"
)
RE_SIZE = re.compile(r"\d+(?:\.\d+)?\s*(?:MW|GW|kW|兆瓦|万千瓦|千瓦)")
RE_SUPERLATIVE_ONLY = re.compile(r"首个|首座|首台|又一|第一个|最大|最高|唯一")
# `X是Y`, `X作为Y`, `X入选Y`: Y describes X.
RE_DESCRIPTION = re.compile(r"是|作为|由|被(?:列入|评为|纳入|确定为)|入选|列入|纳入|成为|荣获|获评|获批")


# Without a legal form (公司, 集团) a company is only told from a description by what follows it: a capacity,
# a phase, or a place or developer (`甲乙能源150MW…`, `甲乙能源一期…`, `甲乙绿能丙县…`).
RE_AFTER_BARE_COMPANY = re.compile(r"[\d０-９.×]|[一二三四五六七八九十\d]期")


# A count of projects (`7个储能项目`, `两大管道工程`, `已有…`): an aggregate, not one named project.
RE_AGGREGATE = re.compile(
    r"(?<![”\"」\d.\-])(?:\d+|[一二三四五六七八九十两几多]+)\s*(?:个|座|家|批|项|条|大)(?![千万兆瓦])|已有|共有"
)
# A verb inside a name: `甲基地规划建设乙电站` names 甲基地; `…水面建设光伏电站` names what is built.
RE_MID_VERB = re.compile(r"规划建设|开工建设|投资建设|配套建设|建设|新建|建成(?!区)|敷设|铺设|布局")


def is_aggregate(name: str) -> bool:
    return bool(RE_AGGREGATE.search(name))


def is_superlative(name: str) -> bool:
    """`甲市规模最大的风电项目`, `全省首个…项目`: a description of a project, not its name."""
    return bool(RE_SUPERLATIVE_ONLY.search(name))


def split_at_verb(name: str, head_at_end: re.Pattern) -> str:
    """The named part of a name with a verb inside: before the verb when that ends in a head noun (the
    project that builds), else after it (what is built)."""
    match = RE_MID_VERB.search(name, 1)
    if not match:
        return name
    before, after = name[: match.start()], name[match.end() :]
    return before if head_at_end.search(before) else after


def company_of(text: str, is_place, starts_of) -> str | None:
    """The company a name starts with. `is_place(own)` tells a place (`甲县能源…`) from a company's own
    name; `starts_of(text)` gives where places and known developers begin in a text."""
    from geo.categories import ENERGY_KEYWORDS

    match = RE_COMPANY.match(text)
    if not match:
        return None
    own, end = match.group("own"), match.end()
    if RE_NOT_COMPANY.match(own) or ENERGY_KEYWORDS.search(own) or is_place(own):
        return None
    has_form = re.search(f"{COMPANY_FORM}$", match.group(0))
    if not has_form and not (RE_AFTER_BARE_COMPANY.match(text, end) or end in starts_of(text)):
        return None
    return match.group(0)


# `甲乙化工丙烯腈项目`, `丙丁新材料碳酸酯项目`: an industrial company's short name, then its product, then 项目
RE_INDUSTRIAL_COMPANY = re.compile(
    r"^(?P<company>[\u4e00-\u9fff]{2,4}?(?:化工|新材料|化学|重工|钢铁|材料|科技|装备))[\u4e00-\u9fffA-Za-z\d]{2,12}?(?:项目|工程)$"
)


RE_INDUSTRIAL_WORD = re.compile(r"(?:化工|新材料|化学|重工|钢铁|材料|科技|装备)$")


def industrial_company(name: str) -> str | None:
    """The industrial company a project is named by (`甲乙化工丙烯腈项目` -> 甲乙化工), or None."""
    from geo.categories import RE_GENERIC_PREFIX

    match = RE_INDUSTRIAL_COMPANY.match(name)
    if not match or RE_NOT_COMPANY.match(match.group("company")):
        return None
    own = RE_INDUSTRIAL_WORD.sub("", match.group("company"))
    return (
        None if RE_GENERIC_PREFIX.fullmatch(own) else match.group("company")
    )  # `乡村…`, `绿色…`: a description


RE_LOCATED_AFTER = re.compile(r"(?:项目|工程)?(?:位于|坐落于|选址于?|建于|建在)(?P<where>[^，。；]{2,24})")


def location_after(segment: str, name: str) -> str:
    """The words that say where the project named first in a segment is (`甲项目位于乙县丙镇…` -> `乙县丙镇…`)."""
    at = segment.find(name)
    match = RE_LOCATED_AFTER.match(segment, at + len(name)) if at >= 0 else None
    return match.group("where") if match else ""


def builder_after(segment: str, name: str) -> str | None:
    """The company a segment says builds the project it names first (`甲工程由乙热力有限公司建设`), or None."""
    at = segment.find(name)
    match = RE_BUILT_BY_AFTER.match(segment, at + len(name)) if at >= 0 else None
    return RE_PARENT_COMPANY.sub("", match.group("owner")) if match else None


def trim_lead(phrase: str, starts_of) -> tuple[str, str | None]:
    """The phrase from where its name begins, and a developer named in the words cut (`由X投资建设的`).

    `starts_of(text)` gives the positions in a text where a place or a developer begins: after a
    superlative (`首个…`, `全国最大…`) or a verb (`支持配合…`) the name begins at one of them."""
    owner = None
    phrase = RE_LEADING_DATE.sub("", phrase.lstrip(BULLETS))
    phrase = RE_UNOPENED_CLOSE.sub("", phrase)  # `…王某)甲项目`: the end of a byline cut off before it
    focus = RE_AS_PILOT.match(phrase)
    if focus:  # `以甲县储能电站为试点`: the project is the one named between 以 and 为
        phrase = focus.group("name")
    spaced = RE_SPACE_BEFORE_NAME.match(phrase)
    if spaced and len(phrase) - spaced.end() >= 4 and not any(s < spaced.end() for s in starts_of(phrase)):
        phrase = phrase[spaced.end() :]  # `本报讯 甲县…`: a dateline
        phrase = RE_UNOPENED_CLOSE.sub("", phrase)
    built = (
        RE_BUILT_BY.match(phrase)
        or RE_COMPANY_BUILT.match(phrase)
        or RE_COMPANY_FUNDS.match(phrase)
        or RE_SIGNS_TO_BUILD.match(phrase)
    )
    if built:
        owner = RE_PARENT_COMPANY.sub("", built.group("owner"))
        phrase = phrase[built.end() :]
    elif (legal := RE_LEGAL_COMPANY.match(phrase)) and 0 in starts_of(phrase[legal.end() :]):
        owner, phrase = legal.group("owner"), phrase[legal.end() :]  # `甲乙风电有限公司丙县…项目`
    agent = RE_AGENT_AT_PLACE.match(phrase) or RE_COMPANY_WILL_BUILD_AT.match(phrase)
    if agent:  # `甲集团在乙市开发的丙项目` -> `甲集团乙市丙项目`, the name a planner would write
        agent_starts = [s for s in starts_of(phrase) if s < agent.start("place")]
        start = agent_starts[-1] if agent_starts else 0
        phrase = phrase[start : agent.end("owner")] + agent.group("place") + phrase[agent.end() :]
    from geo.categories import RE_HEAD, RE_HEAD_AT_END, category_of

    for pattern in (RE_BEFORE_NAME, RE_MODIFIER_DE):
        cut = pattern.match(phrase)
        # `甲光伏电站在乙街道并网`: a name that ends in its head noun before the word is the name itself
        # (also `甲产业基地重点项目集中签约`: what is signed, launched or settled is named before the word)
        named_before = (
            cut is not None
            and pattern is RE_BEFORE_NAME
            and cut.group("word") in ("在", "位于", "签约", "启动", "落户")
            and RE_HEAD_AT_END.search(RE_EVENT_ADVERBS.sub("", phrase[: cut.start("word")]))
            and category_of(phrase[: cut.start("word")]) is not None  # a name, not `主体工程位于…`
        )
        # `甲项目、乙等项目的原料运输`: a 的 after a list of names modifies what follows, which names nothing
        possessive = (
            pattern is RE_MODIFIER_DE
            and cut is not None
            and RE_LIST_THEN_DE.search(cut.group(0))
            and not RE_HEAD.search(phrase, cut.end())
        )
        if cut and len(phrase) - cut.end() >= 4 and not named_before and not possessive:
            phrase = phrase[cut.end() :]
    if RE_VERB_ANYWHERE.search(phrase):
        for start in reversed(starts_of(phrase)):  # `希望甲市支持配合乙项目`: the name begins after the verb
            if start > 0 and RE_VERB_BEFORE_NAME.search(phrase[:start]):
                phrase = phrase[start:]
                break
    superlative = RE_SUPERLATIVE.search(phrase)
    if superlative:
        later = [s for s in starts_of(phrase) if s >= superlative.end()]
        if later:
            phrase = phrase[later[0] :]
    leading = RE_LEADING_SUPERLATIVE.match(phrase)
    if leading and RE_SIZE.search(phrase, leading.end()):
        phrase = phrase[leading.end() :]  # `全省首个甲型113kW示范项目`: a project of its own size
    return phrase, owner


# `是承接甲项目、乙等项目…的配套工程`: a description that lists full names, each ending in its head, closed by 等
RE_LISTED_FULL_NAMES = re.compile(
    r"(?:承接|服务于?|支撑|保障|配套|对接|连接|衔接|包括|涵盖|带动)(?P<names>(?:[^，。；、的]{2,30}?(?:项目|工程)、)+"
    r"[^，。；、的]{2,30}?等(?:项目|工程))"
)


# `甲项目纳入2023年度新型储能优选项目`: the list a project enters says what kind it is
RE_LIST_ENTERED = re.compile(
    r"(?:纳入|入选|列入|列为|上榜|入围)(?P<list>[^，。；]{2,40}?)(?:项目|名单|清单|目录|库)"
)


def kind_of_list_entered(phrase: str) -> str | None:
    """The category of the list a project is said to enter (`…纳入…新型储能…项目`), or None."""
    from geo.categories import category_of

    match = RE_LIST_ENTERED.search(phrase)
    return category_of(match.group("list")) if match else None


def cut_description(phrase: str, has_head: re.Pattern) -> tuple[str, bool]:
    """`甲县风电项目是推进…的重点项目` -> (`甲县风电项目`, True): a description after a head noun is cut.
    A phrase that starts as a description (`为全省首座…`, `由甲公司与乙公司…`) names nothing: ("", True),
    unless it lists projects by their full names (`是承接甲项目、乙等项目…的工程` -> `甲项目、乙等项目`, False)."""
    if RE_STARTS_DESCRIBING.match(phrase):
        listed = RE_LISTED_FULL_NAMES.search(phrase)
        return (listed.group("names"), False) if listed else ("", True)
    for match in RE_DESCRIPTION.finditer(phrase):
        before = phrase[: match.start()]
        if has_head.search(before):
            return before, True
    return phrase, False

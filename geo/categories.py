"""Keyword grammar for project categories, head nouns and developers.

These are vocabularies of the domain (what a pumped-storage station or an LNG terminal is called), not lists
of projects. Order matters: the first category whose keyword occurs wins, so specific kinds come before the
general ones (抽水蓄能 before 储能, 垃圾焚烧 before 生物质, LNG before 管道).
"""

from __future__ import annotations

import re

CATEGORY_KEYWORDS: list[tuple[str, str]] = [
    ("oil", r"石化产业|炼化一体化|化工原料基地"),
    # (a plant making equipment, `储能逆变器生产项目`, is industry whatever kind of equipment it makes)
    (
        "industry",
        r"装备制造|装备产业|制造基地|制造业|产业园|工业园|产业基地|产业集群|产业链|(?<![氢气油电热])(?:生产|制造)(?:项目|线|基地)",
    ),
    ("ccus", r"二氧化碳捕集|碳捕集|CCUS|CCS|捕集与利用|捕集利用|碳封存|驱油封存"),
    ("pumped_storage", r"抽水蓄能|抽蓄"),
    ("nuclear", r"核电|核能|高温堆|高温气冷|小堆"),
    ("hydrogen", r"制氢|绿氢|氢能|加氢|输氢|储氢|氢气"),
    ("lng", r"LNG|液化天然气|接收站"),
    ("oil_pipeline", r"输油管道|原油管道|成品油管道|输油管线|炼厂支线|原油管线|输油站"),
    (
        "gas_pipeline",
        r"输气管道|天然气管道|燃气管道|天然气管网|输气管线|天然气管线|供气管道|输气干线|入鲁通道",
    ),
    ("waste_energy", r"垃圾焚烧|垃圾发电|垃圾处理发电|餐厨|沼气发电"),
    ("biomass", r"生物质|秸秆发电|农林废弃物"),
    ("storage", r"储能|电化学|储电|压缩空气|飞轮"),
    ("wind", r"风电|风力发电|风机|风能|风储"),
    # 寿光 (a county of 潍坊) before 热电 is no 光热 (solar thermal)
    ("solar", r"光伏|(?<!寿)光热|太阳能|渔光|农光|盐光|牧光|风光|光储"),
    ("gas_power", r"燃气发电|天然气发电|燃机|\d+H|9F|燃气热电|燃气调峰|天然气调峰|天然气分布式"),
    (
        "coal_power",
        r"煤电|燃煤|火电|超超临界|发电厂|电厂|热电机组|发电机组|万千瓦(?:级)?(?:超超临界|超临界|亚临界)?机组"
        # combined heat and power with units of 300 MW and more (`2×66万千瓦热电联产`) burns coal
        r"|\d\s*[×xX]\s*(?:[3-9]\d|1\d\d)(?:\.\d+)?万千瓦[^，。；]{0,8}?热电联产",
    ),
    ("oil", r"原油|炼化|炼油|石化|油库|储油|油田|气田|油气|成品油"),
    ("grid", r"千伏|特高压|输变电|变电站|输变站|换流站|电网|线路|配电网|微电网"),
    ("heat", r"供热|供暖|余热|地热|热电联产|热网|热泵"),
    # a pipe rack between a port and a chemical park carries liquid products (综合管廊 is a city's utility tunnel)
    ("oil_pipeline", r"(?<!综合)管廊"),
    ("gas_pipeline", r"管道|管线|支线|管网"),
]
RE_CATEGORY = [(code, re.compile(pattern)) for code, pattern in CATEGORY_KEYWORDS]
RE_PARK = re.compile(r"产业园|工业园")

# Non-energy categories: used for 专栏 items, whose box titles say what kind of projects they list.
BOX_TITLE_CATEGORIES: list[tuple[str, str]] = [
    ("transport", r"交通|港口|铁路|公路|航运|物流|码头|充电|换电"),
    ("ecology", r"碳汇|生态|林|湿地|海洋牧场|蓝碳"),
    ("circular", r"循环|固废|资源综合利用|(?<!可)再生"),
    ("industry", r"工业|产业|制造|园区|企业"),
    ("heat", r"供热|热力"),
]
RE_BOX_TITLE = [(code, re.compile(pattern)) for code, pattern in BOX_TITLE_CATEGORIES]

# Running text yields energy projects and industrial parks and bases (a park must carry its own place or
# developer there); other kinds are read from 专栏 boxes, whose items are names.
PROSE_CATEGORIES = frozenset(code for code, _ in CATEGORY_KEYWORDS)

ENERGY_KEYWORDS = re.compile("|".join(pattern for code, pattern in CATEGORY_KEYWORDS[1:-1]))

# A name with one of these is the onshore industry or port serving offshore projects (海上风电装备制造产业园),
# not a project at sea.
RE_ONSHORE = re.compile(r"母港|装备|产业园|工业园|产业基地|产业链|制造|研发|运维基地|码头|配套产业|总部")

# Words that end the name of a project (the head noun).
HEAD_NOUNS = (
    "储能电站项目|抽水蓄能电站|风电场|发电项目|项目|工程|电站|发电厂|电厂址|电厂|热电厂|基地|接收站|储备库|储气库|储罐|管道|管线|"
    "支线|干线|线路|变电站|输变站|换流站|码头|厂址|机组|加氢站|示范区|产业园|工业园|大基地|通道|储配库|试点|油库|输油站|储能中心|核心区|起步区|先行区|加注站|加气站|特高压站|开关站|升压站"
)
RE_HEAD = re.compile(HEAD_NOUNS)
RE_HEAD_AT_END = re.compile(f"(?:{HEAD_NOUNS})$")

# Words that say what kind of project a name is: two names of one plan with the same places and kind words
# (`日照LNG接收站`, `日照港LNG接收站及外输管道项目`) may be one project.
RE_KIND_WORD = re.compile(
    "|".join(pattern for _, pattern in CATEGORY_KEYWORDS)
    + r"|整县|屋顶|分布式|集中式|海上|陆上|近海|深远海|漂浮式|桩基式|外输"
)

# Fixed terms whose 、 is not a list separator (碳捕集、利用与封存 is CCUS).
PROTECTED_TERMS = re.compile(
    r"\d+\s*、\s*(?=\d+\s*号)|捕集、利用与?封存|捕集、利用|制、储、输、用|制、储|储、运"
)

# Modifiers that stand between a project's proper name and its category keyword, and belong to the shared head
# when a list shares it (`甲县A、B、C集中式光伏项目`).
HEAD_MODIFIERS = (
    r"(?:\d+|[一二三四五六七八九十两几]+)\s*[个座处]|等|集中式|分布式|分散式|海上|陆上|近海|深远海|整县|屋顶|漂浮式|桩基式|"
    r"大型|大规模|百万千瓦级|千万千瓦级|百万吨级|千万吨级|国家级|省级|示范|智慧|综合|一体化|新型|电化学|"
    r"\d+\s*[×xX]\s*\w+?(?=[\u4e00-\u9fff])|\d+(?:\.\d+)?\s*(?:万千瓦|兆瓦|MW|万吨/年|万吨|千伏)|±?\d+千伏"
)
RE_HEAD_MODIFIER_TAIL = re.compile(rf"(?:{HEAD_MODIFIERS})+$")

# Developers that plans name as owners. A vocabulary of companies, matched at the start of a project name.
OWNERS = [
    ("国家电投", r"国家电投|国电投|国家电力投资"),
    ("国家能源集团", r"国家能源集团|国家能源投资|国家能源(?![局委])"),
    ("华能", r"中国华能|华能"),
    ("大唐", r"中国大唐|大唐"),
    ("华电", r"中国华电|华电"),
    ("中广核", r"中广核|中国广核"),
    ("中核", r"中核集团|中国核电|中核"),
    ("三峡", r"中国三峡|三峡集团|三峡"),
    ("华润", r"华润电力|华润"),
    ("中石化", r"中国石化|中石化"),
    ("中石油", r"中国石油|中石油"),
    ("中海油", r"中国海油|中海油"),
    ("中国中化", r"中国中化|中化集团|中化(?=[\u4e00-\u9fff]{2})"),
    ("国家管网", r"国家管网"),
    ("国家电网", r"国家电网|国网"),
    ("山东能源", r"山东能源集团|山东能源"),
    ("鲁能", r"鲁能"),
    ("京能", r"京能"),
    ("上海电气", r"上海电气"),
    ("东方电气", r"东方电气"),
    ("明阳", r"明阳智能|明阳"),
    ("金风", r"金风科技|金风"),
    ("中节能", r"中节能|中国节能"),
    ("光大", r"光大环境|光大"),
    ("胜利油田", r"胜利油田|胜利石油"),
    ("山东高速", r"山东高速"),
    ("浙能", r"浙能"),
    ("申能", r"申能"),
    ("协鑫", r"协鑫"),
]
RE_OWNERS = [(name, re.compile(pattern)) for name, pattern in OWNERS]

# Plants named after themselves whose owner is a group above: the name stays in the project name (it also
# says what the plant is: 齐鲁石化 is a refinery), so these are not stripped before reading the category.
SUBSIDIARIES = [
    ("中石化", r"齐鲁石化|青岛炼化|济南炼化|胜利炼油"),
    ("山东能源", r"兖矿能源|兖矿|兖州煤业|新汶矿业|淄博矿业|枣庄矿业|临沂矿业|肥城矿业|龙口矿业"),
]
RE_SUBSIDIARIES = [(name, re.compile(pattern)) for name, pattern in SUBSIDIARIES]


RE_PIPELINE_GENERIC = RE_CATEGORY[-1][1]
RE_OIL_CONTEXT = re.compile(r"原油|石油|输油|炼厂|炼化|成品油")
RE_GAS_CONTEXT = re.compile(r"天然气|燃气|输气|LNG")


def category_of(text: str, context: str = "") -> str | None:
    """The category a project name's keywords say, or None. A bare 管道/支线 takes oil or gas from the
    sentence it stands in (`甲乙管道丙县支线 ... 原油输送网络`)."""
    for code, pattern in RE_CATEGORY:
        if match := pattern.search(text):
            if code == "industry" and RE_PARK.fullmatch(match.group(0)):
                # `甲工业园区集中供热改造工程`: the park is where it is built, the words after it say what
                built = category_of(text[match.end() :], context)
                if built and built != "industry":
                    return built
            oil_context = RE_OIL_CONTEXT.search(context) and not RE_GAS_CONTEXT.search(context)
            return "oil_pipeline" if pattern is RE_PIPELINE_GENERIC and oil_context else code
    return None


# Words that describe a kind of project rather than name one: a project whose only words before its
# category keyword are these is a general goal (新型储能电站, 城市燃气管网), not a named project.
RE_GENERIC_PREFIX = re.compile(
    r"(?:城市|城镇|农村|乡村|工业|园区|区域|区域性|新型|大型|中小型|小型|示范|重点|综合|智慧|智能|分布式|集中式|"
    r"电源侧|电网侧|用户侧|负荷侧|电网|企业|公共|居民|建筑|屋顶|农业|渔业|交通|独立|共享|配套|现有|既有|新建|"
    r"骨干|主干|跨区|跨省|区域间|省内|市内|沿海|内陆|陆上|海上|近海|深远海|高效|清洁|低碳|绿色|零碳|近零碳|"
    r"先进|高端|规模化|一体化|多能互补|源网荷储|风光储|风光|大容量|长时|百万千瓦级|千万千瓦级|国家级|省级|"
    r"市级|县级|整县|整县制|试点|应用|开发|利用|改造|升级|直流|交流|特高压|超高压|输变电|天然气|燃气|"
    r"生物质|垃圾|光伏|风电|储能|氢能|核电|煤电|热电|工业副产|可再生能源|新能源|清洁能源|[的和及与、，“”+\s])+"
)


def box_category(title: str) -> str | None:
    for code, pattern in RE_BOX_TITLE:
        if pattern.search(title):
            return code
    return None


def owner_of(text: str) -> str | None:
    best: tuple[int, str] | None = None
    for name, pattern in RE_OWNERS + RE_SUBSIDIARIES:
        match = pattern.search(text)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), name)
    return best[1] if best else None


RE_ANY_OWNER = re.compile("|".join(pattern for _, pattern in OWNERS))

# Developers whose business is one kind of facility: a project of theirs named without a kind word
# (`中海油某某19-6项目`) is of that kind.
OWNER_KINDS = {"中石化": "oil", "中石油": "oil", "中海油": "oil"}


RE_KIND_OWNERS = re.compile("|".join(pattern for name, pattern in OWNERS if name in OWNER_KINDS))


def category_of_owner(name: str) -> str | None:
    """The kind of facility a name's developer builds, when it builds only one kind (see OWNER_KINDS)."""
    return OWNER_KINDS.get(owner_of(name) or "")


def strip_owners(text: str) -> str:
    return RE_ANY_OWNER.sub("", text)

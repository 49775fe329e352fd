"""Annotations of short passages in eval/edge_cases/geo_unseen/, written before any rule they led to: lines between
two places (特高压 直流/交流, 输气/输油管道, 长输供热 甲热入乙), offshore 场址 and bases a province text places in
several cities at once (precision region, never a city made up from the list)."""

from __future__ import annotations

from pathlib import Path

from annotate import Plan, project, write

GEO_UNSEEN = Path(__file__).resolve().parent / "edge_cases" / "geo_unseen"
PROVINCE = ("山东省", "370000")


def plan(stem: str) -> Plan:
    return Plan(stem, "", folder=GEO_UNSEEN)


# g1 山东省: a UHV DC line into the province, a UHV AC line between two cities, two offshore 场址 in one sentence,
# bases placed in several cities, a gas pipeline between two cities.
p = plan("g1_province_lines_offshore")
P = [
    project(
        p,
        "蒙西至山东±800千伏特高压直流输电工程",
        "加快蒙西至山东±800千伏特高压直流输电工程前期工作",
        "grid",
        prec="province",
        alt={"precision": ["region"]},
        aliases=["蒙西至山东特高压直流输电工程"],
        ends=("蒙西", "山东"),
        note="line from 蒙西 (Inner Mongolia) into Shandong; the landing point is not written",
    ),
    project(
        p,
        "1000千伏潍坊—临沂特高压交流输变电工程",
        "建成1000千伏潍坊—临沂特高压交流输变电工程",
        "grid",
        prec="region",
        alt={"precision": ["city"]},
        aliases=["潍坊—临沂特高压交流输变电工程"],
        ends=("潍坊", "临沂"),
        note="line between two cities",
    ),
    project(
        p,
        "半岛南U3场址海上风电项目",
        "加快半岛南U3场址海上风电项目、渤中C2场址海上风电项目建设",
        "wind",
        prec="region",
        off=True,
    ),
    project(
        p,
        "渤中C2场址海上风电项目",
        "加快半岛南U3场址海上风电项目、渤中C2场址海上风电项目建设",
        "wind",
        prec="region",
        off=True,
    ),
    project(
        p,
        "鲁东海上光伏集群",
        "在烟台、威海、日照等地建设鲁东海上光伏集群",
        "solar",
        prec="region",
        off=True,
        note="placed in three cities at once: region, not the first city of the list",
    ),
    project(
        p,
        "鲁南沉陷区光伏储能一体化基地",
        "建设鲁南沉陷区光伏储能一体化基地",
        "solar",
        prec="region",
        alt={"category": ["storage"]},
        note="in the subsidence areas of 济宁, 菏泽, 枣庄: region",
    ),
    project(
        p,
        "烟台—潍坊输气管道",
        "建设烟台—潍坊输气管道",
        "gas_pipeline",
        prec="region",
        alt={"precision": ["city"]},
        ends=("烟台", "潍坊"),
        note="line between two cities",
    ),
]
write(p, PROVINCE, P, [], [])

# g2 烟台: pipeline and line between two counties, 甲热入乙 heat transmission, an offshore 场址 in a city plan.
p = plan("g2_yantai_lines_sea")
P = [
    project(
        p,
        "莱州—龙口输气管道",
        "建设莱州—龙口输气管道",
        "gas_pipeline",
        alt={"county": ["莱州市", "龙口市"], "precision": ["county", "region"]},
        ends=("莱州", "龙口"),
        note="line between two counties",
    ),
    project(
        p,
        "莱阳热电余热长输供热工程",
        "实施莱阳热电余热长输供热工程（莱热入海）",
        "heat",
        alt={"county": ["莱阳市", "海阳市"], "precision": ["county", "region"]},
        aliases=["莱热入海"],
        ends=("莱阳", "海阳"),
        note="heat line from 莱阳 into 海阳 (莱热入海)",
    ),
    project(
        p,
        "芝罘至蓬莱220千伏输电线路工程",
        "建设芝罘至蓬莱220千伏输电线路工程",
        "grid",
        alt={"county": ["芝罘区", "蓬莱区"], "precision": ["county", "region"]},
        ends=("芝罘", "蓬莱"),
        note="line between two districts",
    ),
    project(
        p,
        "半岛北L2场址海上风电项目",
        "加快半岛北L2场址海上风电项目建设",
        "wind",
        prec="region",
        off=True,
    ),
]
write(p, ("烟台市", "370600"), P, [], [])

# g3 聊城: 甲热入乙 with one-character ends, a heat line 甲至乙, an oil pipeline between two counties.
p = plan("g3_liaocheng_heat_oil")
P = [
    project(
        p,
        "茌平热电余热长输供热项目",
        "建设茌平热电余热长输供热项目（茌热入阿）",
        "heat",
        alt={"county": ["茌平区", "东阿县"], "precision": ["county", "region"]},
        aliases=["茌热入阿"],
        ends=("茌平", "东阿"),
        note="heat line from 茌平 into 东阿 (茌热入阿)",
    ),
    project(
        p,
        "冠县至临清长输供热管网工程",
        "建设冠县至临清长输供热管网工程",
        "heat",
        alt={"county": ["冠县", "临清市"], "precision": ["county", "region"]},
        ends=("冠县", "临清"),
        note="line between two counties",
    ),
    project(
        p,
        "茌平—东阿输油管道",
        "推进茌平—东阿输油管道建设",
        "oil_pipeline",
        alt={"county": ["茌平区", "东阿县"], "precision": ["county", "region"]},
        ends=("茌平", "东阿"),
        note="line between two counties",
    ),
]
write(p, ("聊城市", "371500"), P, [], [])

# g4 威海 news: an offshore 场址 with its county's sea area and a developer, a line between two counties.
p = plan("g4_weihai_news_sea")
P = [
    project(
        p,
        "半岛南V2场址海上风电项目",
        "由华能山东公司投资建设的半岛南V2场址海上风电项目近日开工",
        "wind",
        county="乳山市",
        off=True,
        cap="50万千瓦",
        val=500.0,
        unit="MW",
        owner="华能",
        alt={"precision": ["region"], "owner": ["华能山东公司"]},
        status="construction",
        note="乳山市南部海域: the county's sea area",
    ),
    project(
        p,
        "文登—荣成220千伏输电线路工程",
        "文登—荣成220千伏输电线路工程已获核准",
        "grid",
        alt={"county": ["文登区", "荣成市"], "precision": ["county", "region"]},
        ends=("文登", "荣成"),
        status="pre_construction",
        note="line between two counties",
    ),
]
write(p, ("威海市", "371000"), P, [], [])

"""Annotations of the hand-written edge-case plans in eval/edge_cases/ (read by eval/annotate.py)."""

from __future__ import annotations

from pathlib import Path

from annotate import Plan, borderline, project, target, write

EDGE = Path(__file__).resolve().parent / "edge_cases"


def plan(stem: str, t2s: bool = False) -> Plan:
    return Plan(stem, "一、", folder=EDGE, t2s=t2s)


# e1 潍坊: heading variants (１． 2． 3. 1 .), debris, page break inside a sentence and inside the 责任单位
# parenthesis, 专栏 with （n） items on one line, township short names, repeated mentions, 200兆瓦/400兆瓦时.
p = plan("e1_weifang_headings")
R = ("潍坊市", "370700")
P = [
    project(
        p,
        "临朐县抽水蓄能电站",
        "推进临朐县抽水蓄能电站前期工作",
        "pumped_storage",
        county="临朐县",
        aliases=["潍坊（临朐）抽水蓄能电站项目", "潍坊临朐抽水蓄能电站"],
        also=["潍坊（临朐）抽水蓄能电站项目"],
    ),
    project(
        p,
        "寿光市羊口镇盐光互补光伏项目",
        "加快建设寿光市羊口镇盐光互补光伏项目",
        "solar",
        county="寿光市",
        town="羊口镇",
    ),
    project(
        p,
        "昌邑市下营镇滩涂光伏项目",
        "积极推进昌邑市下营镇滩涂光伏项目",
        "solar",
        county="昌邑市",
        town="下营镇",
        also=["（2）昌邑市下营镇滩涂光伏项目"],
    ),
    project(
        p, "临朐县九山农光互补项目", "临朐县九山、寺头农光互补项目", "solar", county="临朐县", town="九山镇"
    ),
    project(
        p, "临朐县寺头农光互补项目", "临朐县九山、寺头农光互补项目", "solar", county="临朐县", town="寺头镇"
    ),
    project(
        p,
        "寿光市200兆瓦/400兆瓦时独立储能电站项目",
        "寿光市200兆瓦/400兆瓦时独立储能电站项目",
        "storage",
        county="寿光市",
        cap="200兆瓦/400兆瓦时",
        val=200.0,
        unit="MW",
        aliases=["寿光市独立储能电站项目"],
    ),
    project(
        p,
        "国家电投昌邑100兆瓦/200兆瓦时储能电站项目",
        "国家电投昌邑100兆瓦/200兆瓦时储能电站项目",
        "storage",
        county="昌邑市",
        cap="100兆瓦/200兆瓦时",
        val=100.0,
        unit="MW",
        owner="国家电投",
        aliases=["国家电投昌邑储能电站项目"],
    ),
]
T = [
    target(p, R, "solar", 6000, "MW", 2025, "全市光伏发电装机达到600万千瓦"),
    target(p, R, "wind", 3000, "MW", 2030, "全市风电、光伏发电装机分别达到300万千瓦和900万千瓦"),
    target(p, R, "solar", 9000, "MW", 2030, "全市风电、光伏发电装机分别达到300万千瓦和900万千瓦"),
]
B = [
    borderline(
        p,
        "寿光市羊口镇化工园区循环化改造",
        "加快寿光市羊口镇化工园区循环化改造",
        "a named park as the object of a programme",
        "circular",
    )
]
write(
    p,
    R,
    P,
    T,
    B,
    notes=[
        "General goals 加快布局建设抽水蓄能 / 推动新型储能应用 are not projects.",
        "Capacity of 200兆瓦/400兆瓦时 is recorded as its power, 200 MW.",
    ],
)

# e2 威海: document-wide rule, offshore wind zones with developers, Chinese numerals, 百万千瓦级, plants in
# three counties sharing a head, repeated mention in another section.
p = plan("e2_weihai_offshore_rule")
R = ("威海市", "371000")
p.rules.append((p.find("1.积极发展海上风电"), ["各区市政府", "各功能区管委会"]))
P = [
    project(
        p,
        "国家电投半岛南三十万千瓦海上风电项目",
        "加快建设国家电投半岛南三十万千瓦海上风电项目",
        "wind",
        prec="region",
        off=True,
        cap="三十万千瓦",
        val=300.0,
        unit="MW",
        owner="国家电投",
        aliases=["国家电投半岛南海上风电项目"],
    ),
    project(
        p, "华能半岛北海上风电项目", "华能半岛北海上风电项目", "wind", prec="region", off=True, owner="华能"
    ),
    project(
        p,
        "乳山百万千瓦级海上光伏基地",
        "打造乳山百万千瓦级海上光伏基地",
        "solar",
        county="乳山市",
        off=True,
        cap="百万千瓦级",
        aliases=["乳山海上光伏基地"],
    ),
    project(
        p, "文登生物质热电联产项目", "推进文登、乳山、荣成生物质热电联产项目", "biomass", county="文登区"
    ),
    project(
        p, "乳山生物质热电联产项目", "推进文登、乳山、荣成生物质热电联产项目", "biomass", county="乳山市"
    ),
    project(
        p, "荣成生物质热电联产项目", "推进文登、乳山、荣成生物质热电联产项目", "biomass", county="荣成市"
    ),
    project(
        p,
        "荣成石岛湾核电项目",
        "全力推进荣成石岛湾核电项目建设",
        "nuclear",
        county="荣成市",
        also=["依托荣成石岛湾核电项目开展核能供热示范"],
        alt={"precision": ["site"]},
    ),
    project(
        p,
        "文登区界石抽水蓄能电站二期项目",
        "加快文登区界石抽水蓄能电站二期项目建设",
        "pumped_storage",
        county="文登区",
        town="界石镇",
    ),
]
T = [
    target(p, R, "wind", 2000, "MW", 2025, "全市海上风电并网装机达到二百万千瓦", label="海上风电"),
    target(p, R, "wind", 5000, "MW", 2030, "全市风电、光伏发电、核电装机分别达到"),
    target(p, R, "solar", 3000, "MW", 2030, "全市风电、光伏发电、核电装机分别达到"),
    target(p, R, "nuclear", 6000, "MW", 2030, "全市风电、光伏发电、核电装机分别达到"),
    target(p, R, "other", 500, "万平方米", 2025, "核能供暖面积达到500万平方米", label="核能供暖面积"),
]
write(
    p,
    R,
    P,
    T,
    [],
    notes=[
        "The rule 各区市政府、各功能区管委会均为责任单位，以下不再列出 applies from clause 二(一)1 on.",
        "荣成石岛湾核电项目 is mentioned in two sections: one project, responsible units of both.",
    ],
)

# e3 青岛: LNG, pipelines and lines between two places, capacities (100万吨/年, 二十亿立方米), traditional script.
p = plan("e3_qingdao_lines_traditional", t2s=True)
R = ("青岛市", "370200")
P = [
    project(
        p,
        "中石化黄岛区董家口LNG接收站三期项目",
        "推进中石化黄岛区董家口LNG接收站三期项目建设",
        "lng",
        county="黄岛区",
        owner="中石化",
        aliases=["董家口LNG接收站三期项目"],
        alt={"precision": ["site"]},
    ),
    project(
        p,
        "黄岛—胶州输气管道",
        "建设黄岛—胶州输气管道",
        "gas_pipeline",
        alt={"county": ["黄岛区", "胶州市"], "precision": ["county"]},
        note="line between two counties",
    ),
    project(
        p,
        "即墨至莱西天然气支线",
        "即墨至莱西天然气支线",
        "gas_pipeline",
        alt={"county": ["即墨区", "莱西市"], "precision": ["county"]},
        note="line between two counties",
    ),
    project(
        p,
        "500千伏胶州—即墨线路工程",
        "配套建设500千伏胶州—即墨线路工程",
        "grid",
        alt={"county": ["胶州市", "即墨区"], "precision": ["county"]},
        note="line between two counties",
    ),
    project(
        p,
        "黄岛区220千伏灵山卫输变电工程",
        "黄岛区220千伏灵山卫输变电工程",
        "grid",
        county="黄岛区",
        town="灵山卫街道",
        aliases=["220千伏灵山卫输变电工程"],
        alt={"precision": ["county", "site"]},
    ),
    project(
        p,
        "青岛炼化100万吨/年二氧化碳捕集利用项目",
        "加快青岛炼化100万吨/年二氧化碳捕集利用项目实施",
        "ccus",
        owner="青岛炼化",
        cap="100万吨/年",
        val=1.0,
        unit="Mt/a",
        aliases=["青岛炼化二氧化碳捕集利用项目"],
        alt={"owner": ["中石化"], "precision": ["site"]},
    ),
    project(
        p,
        "即墨区田横镇海上光伏项目",
        "推进即墨区田横镇海上光伏项目建设",
        "solar",
        county="即墨区",
        town="田横镇",
        off=True,
        cap="五十万千瓦",
        val=500.0,
        unit="MW",
        aliases=["即墨區田橫鎮海上光伏項目"],
    ),
]
T = [
    target(p, R, "gas", 2, "bcm/a", 2025, "全市天然气供应能力达到二十亿立方米"),
    target(p, R, "gas", 3.5, "bcm/a", 2030, "天然气供应能力达到35亿立方米"),
    target(p, R, "lng", 10, "Mt/a", 2030, "LNG年接卸能力达到1000万吨"),
]
write(
    p,
    R,
    P,
    T,
    [],
    notes=[
        "Clause 二(一)4 is in traditional script; names, quotes and units are given in"
        " simplified script, as ingestion (OpenCC) reads it."
    ],
)

# e4 临沂: general goals that are not projects, three townships by short name, HTML in a name, repeated mention.
p = plan("e4_linyi_injection")
R = ("临沂市", "371300")
P = [
    project(
        p,
        "费县薛庄抽水蓄能电站项目",
        "加快费县薛庄抽水蓄能电站项目建设",
        "pumped_storage",
        county="费县",
        town="薛庄镇",
        also=["2.抽水蓄能。费县薛庄抽水蓄能电站项目"],
    ),
    project(
        p,
        "沂水县夏蔚农光互补项目",
        "沂水县夏蔚、泉庄、院东头农光互补项目",
        "solar",
        county="沂水县",
        town="夏蔚镇",
    ),
    project(
        p,
        "沂水县泉庄农光互补项目",
        "沂水县夏蔚、泉庄、院东头农光互补项目",
        "solar",
        county="沂水县",
        town="泉庄镇",
    ),
    project(
        p,
        "沂水县院东头农光互补项目",
        "沂水县夏蔚、泉庄、院东头农光互补项目",
        "solar",
        county="沂水县",
        town="院东头镇",
    ),
    project(
        p,
        "<script>alert(1)</script>光伏项目",
        "<script>alert(1)</script>光伏项目",
        "solar",
        note="HTML in a name: must pass through as plain text and be escaped wherever it is displayed",
    ),
    project(
        p,
        "沂水县200兆瓦/400兆瓦时共享储能电站项目",
        "沂水县200兆瓦/400兆瓦时共享储能电站项目",
        "storage",
        county="沂水县",
        cap="200兆瓦/400兆瓦时",
        val=200.0,
        unit="MW",
        aliases=["沂水县共享储能电站项目"],
    ),
]
T = [
    target(p, R, "storage", 500, "MW", 2025, "新型储能装机达到50万千瓦"),
    target(p, R, "pumped_storage", 1200, "MW", 2025, "抽水蓄能装机达到120万千瓦"),
]
write(
    p,
    R,
    P,
    T,
    [],
    notes=["加快布局建设抽水蓄能，推动新型储能应用，积极发展生物质能: general goals, no projects."],
)

# e5 菏泽: regional base, township project, plants in three counties, 2×9H, a 220 kV line between counties,
# Chinese-numeral target.
p = plan("e5_heze_subsidence")
R = ("菏泽市", "371700")
P = [
    project(
        p,
        "鲁西南采煤沉陷区百万千瓦级“光伏+”基地",
        "加快建设鲁西南采煤沉陷区百万千瓦级“光伏+”基地",
        "solar",
        prec="region",
        cap="百万千瓦级",
        aliases=["鲁西南采煤沉陷区光伏基地"],
    ),
    project(
        p,
        "巨野县龙固镇采煤沉陷区光伏项目",
        "推进巨野县龙固镇采煤沉陷区光伏项目",
        "solar",
        county="巨野县",
        town="龙固镇",
    ),
    project(p, "巨野生物质发电项目", "推进巨野、郓城、单县生物质发电项目", "biomass", county="巨野县"),
    project(p, "郓城生物质发电项目", "推进巨野、郓城、单县生物质发电项目", "biomass", county="郓城县"),
    project(p, "单县生物质发电项目", "推进巨野、郓城、单县生物质发电项目", "biomass", county="单县"),
    project(
        p,
        "华电东明县2×9H燃气热电联产项目",
        "建设华电东明县2×9H燃气热电联产项目",
        "gas_power",
        county="东明县",
        owner="华电",
        cap="2×9H",
        aliases=["华电东明燃气热电联产项目"],
        alt={"category": ["heat"]},
    ),
    project(
        p,
        "220千伏巨野—郓城线路工程",
        "配套建设220千伏巨野—郓城线路工程",
        "grid",
        alt={"county": ["巨野县", "郓城县"], "precision": ["county"]},
        note="line between two counties",
    ),
]
T = [
    target(p, R, "solar", 3500, "MW", 2025, "全市光伏发电装机达到三百五十万千瓦"),
    target(p, R, "biomass", 400, "MW", 2025, "生物质发电装机达到40万千瓦"),
]
write(p, R, P, T, [])

# e6 滨州: a rule that starts in the middle (clause 2), so clause 1 does not get it; nested parentheses in a
# unit name (各县（市、区）政府); an offshore site; a line inside one county; a pipeline from a port.
p = plan("e6_binzhou_rule_position")
R = ("滨州市", "371600")
p.rules.append((p.find("3.完善天然气管网"), ["各县（市、区）政府"]))
P = [
    project(
        p,
        "无棣县埕口盐光互补光伏项目",
        "推进无棣县埕口、马山子盐光互补光伏项目建设",
        "solar",
        county="无棣县",
        town="埕口镇",
    ),
    project(
        p,
        "无棣县马山子盐光互补光伏项目",
        "推进无棣县埕口、马山子盐光互补光伏项目建设",
        "solar",
        county="无棣县",
        town="马山子镇",
    ),
    project(
        p,
        "渤中B2场址海上风电项目",
        "加快建设渤中B2场址海上风电项目",
        "wind",
        prec="region",
        off=True,
        aliases=["渤中B2海上风电项目"],
    ),
    project(
        p,
        "沾化区220千伏富国—滨海线路工程",
        "配套建设沾化区220千伏富国—滨海线路工程",
        "grid",
        county="沾化区",
        aliases=["220千伏富国—滨海线路工程"],
        alt={"precision": ["township"]},
        note="both ends (富国街道, 滨海镇) are in 沾化区",
    ),
    project(
        p,
        "滨州港—博兴天然气输气管道",
        "推进滨州港—博兴天然气输气管道建设",
        "gas_pipeline",
        alt={"county": ["博兴县", "无棣县"], "precision": ["county", "site"]},
        note="滨州港 lies in 无棣县; the text does not say so",
    ),
]
write(
    p,
    R,
    P,
    [],
    [],
    notes=[
        "Rule 以下任务均需各县（市、区）政府负责落实，不再列出 is stated in clause 2 (which lists"
        " the unit itself): clause 1 must not get it, clause 3 must."
    ],
)

# e7 济南: targets (“十四五”期间, 分别达到 with Chinese numerals, an intensity target), a township name that
# exists in two counties (垛庄镇: 章丘区 and 临沂 蒙阴县), 十万吨级 size class, repeated mentions in a 专栏.
p = plan("e7_jinan_targets")
R = ("济南市", "370100")
P = [
    project(
        p,
        "莱芜区茶业口抽水蓄能电站项目",
        "推进莱芜区茶业口抽水蓄能电站项目",
        "pumped_storage",
        county="莱芜区",
        town="茶业口镇",
        also=["1.抽水蓄能。莱芜区茶业口抽水蓄能电站项目"],
    ),
    project(
        p,
        "章丘区垛庄镇农光互补项目",
        "建设章丘区垛庄镇农光互补项目",
        "solar",
        county="章丘区",
        town="垛庄镇",
        also=["（1）章丘区垛庄镇农光互补项目"],
    ),
    project(
        p,
        "济钢集团十万吨级二氧化碳捕集示范项目",
        "建设济钢集团十万吨级二氧化碳捕集示范项目",
        "ccus",
        owner="济钢集团",
        cap="十万吨级",
        aliases=["济钢集团二氧化碳捕集示范项目"],
        alt={"owner": ["济钢"], "precision": ["site"]},
    ),
    project(
        p,
        "章丘—济阳天然气管道",
        "加快章丘—济阳天然气管道建设",
        "gas_pipeline",
        alt={"county": ["章丘区", "济阳区"], "precision": ["county"]},
        note="line between two districts",
    ),
    project(p, "钢城区整区屋顶分布式光伏项目", "钢城区整区屋顶分布式光伏项目", "solar", county="钢城区"),
]
T = [
    target(p, R, "solar", 3000, "MW", 2025, "全市光伏发电装机达到300万千瓦"),
    target(p, R, "wind", 2000, "MW", 2030, "风电、光伏发电、新型储能装机分别达到"),
    target(p, R, "solar", 6000, "MW", 2030, "风电、光伏发电、新型储能装机分别达到"),
    target(p, R, "storage", 1000, "MW", 2030, "风电、光伏发电、新型储能装机分别达到"),
    target(p, R, "other", 15, "%", 2025, "单位地区生产总值能源消耗比2020年下降15%", label="单位GDP能耗下降"),
]
write(p, R, P, T, [])

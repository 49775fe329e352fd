"""Annotations of short news-style passages in eval/edge_cases/unseen/, written after the extraction rules to test
how they generalize (government news, press conference, work report, industry news, plan excerpt)."""

from __future__ import annotations

from pathlib import Path

from annotate import Plan, project, write

UNSEEN = Path(__file__).resolve().parent / "edge_cases" / "unseen"


def plan(stem: str, t2s: bool = False) -> Plan:
    return Plan(stem, "", folder=UNSEEN, t2s=t2s)


# n1 烟台 莱州: page furniture, 150MW, 30台3000千瓦风机 + 总装机容量, township without 镇 in a 和 list.
p = plan("n1_yantai_laizhou_news")
P = [
    project(
        p,
        "莱州市朱桥镇150MW渔光互补光伏项目",
        "莱州市朱桥镇150MW渔光互补光伏项目",
        "solar",
        county="莱州市",
        town="朱桥镇",
        cap="150MW",
        val=150.0,
        unit="MW",
        owner="鲁东海润新能源",
        alt={"owner": [None, "鲁东海润新能源有限公司"]},
        aliases=["莱州市朱桥镇渔光互补光伏项目"],
    ),
    project(
        p,
        "莱州土山风电项目",
        "莱州土山风电项目",
        "wind",
        county="莱州市",
        town="土山镇",
        cap="9万千瓦",
        val=90.0,
        unit="MW",
    ),
    project(
        p,
        "三山岛分散式风电项目",
        "三山岛和夏邱两个分散式风电项目",
        "wind",
        county="莱州市",
        town="三山岛街道",
    ),
    project(
        p, "夏邱分散式风电项目", "三山岛和夏邱两个分散式风电项目", "wind", county="莱州市", town="夏邱镇"
    ),
]
write(p, ("烟台市", "370600"), P, [], [])

# n2 日照: press conference Q/A, 0.8GW shared by two towns, 一期/二期, 2×35万千瓦, 100MW/200MWh.
p = plan("n2_rizhao_press")
P = [
    project(
        p,
        "莒县刘官庄农光互补项目",
        "莒县刘官庄、夏庄农光互补项目",
        "solar",
        county="莒县",
        town="刘官庄镇",
        owner="日照青禾能源集团",
        alt={"owner": [None, "日照青禾能源集团有限公司"]},
    ),
    project(
        p,
        "莒县夏庄农光互补项目",
        "莒县刘官庄、夏庄农光互补项目",
        "solar",
        county="莒县",
        town="夏庄镇",
        owner="日照青禾能源集团",
        alt={"owner": [None, "日照青禾能源集团有限公司"]},
    ),
    project(
        p,
        "华电莒县2×35万千瓦燃气热电联产项目",
        "华电莒县2×35万千瓦燃气热电联产项目",
        "gas_power",
        county="莒县",
        cap="2×35万千瓦",
        val=700.0,
        unit="MW",
        owner="华电",
        aliases=["华电莒县燃气热电联产项目"],
        alt={"category": ["heat"]},
    ),
    project(
        p,
        "岚山区100MW/200MWh共享储能电站",
        "岚山区100MW/200MWh共享储能电站",
        "storage",
        county="岚山区",
        cap="100MW/200MWh",
        val=100.0,
        unit="MW",
        aliases=["岚山区共享储能电站"],
        alt={"owner": [None, "日照港能电力", "日照港能电力有限公司"]},
    ),
]
write(p, ("日照市", "371100"), P, [], [])

# n3 淄博 沂源: Traditional work report with a pinyin gloss, short township names, 和 list of full names.
p = plan("n3_yiyuan_report_traditional", t2s=True)
P = [
    project(
        p,
        "沂源南鲁山风电场二期工程",
        "沂源南鲁山风",
        "wind",
        county="沂源县",
        town="南鲁山镇",
        cap="5万千瓦",
        val=50.0,
        unit="MW",
        aliases=["沂源南鲁山风电场二期"],
    ),
    project(
        p,
        "淄博鲁源新能源有限公司悦庄20兆瓦分布式光伏项目",
        "淄博鲁源新能源有限公司悦庄20兆瓦分布式光伏项目",
        "solar",
        county="沂源县",
        town="悦庄镇",
        cap="20兆瓦",
        val=20.0,
        unit="MW",
        owner="淄博鲁源新能源",
        alt={"owner": [None, "淄博鲁源新能源有限公司"]},
        aliases=["悦庄20兆瓦分布式光伏项目", "悦庄分布式光伏项目"],
    ),
    project(
        p, "张家坡抽水蓄能电站", "张家坡抽水蓄能电站", "pumped_storage", county="沂源县", town="张家坡镇"
    ),
    project(p, "东里镇农光互补项目", "东里镇和中庄镇农光互补项目", "solar", county="沂源县", town="东里镇"),
    project(p, "中庄镇农光互补项目", "东里镇和中庄镇农光互补项目", "solar", county="沂源县", town="中庄镇"),
]
write(p, ("淄博市", "370300"), P, [], [])

# n4 枣庄 滕州: industry news, functional zone, 、…及…等 list after a developer, shared capacity.
p = plan("n4_tengzhou_industry")
P = [
    project(
        p,
        "滕州市200兆瓦/400兆瓦时独立储能电站项目",
        "滕州市200兆瓦/400兆瓦时独立储能电站项目",
        "storage",
        county="滕州市",
        cap="200兆瓦/400兆瓦时",
        val=200.0,
        unit="MW",
        aliases=["滕州市独立储能电站项目"],
        alt={"owner": [None, "枣庄泓远电力", "枣庄泓远电力有限公司"]},
    ),
    project(
        p,
        "中核汇能滕州东郭光伏项目",
        "中核汇能滕州东郭",
        "solar",
        county="滕州市",
        town="东郭镇",
        owner="中核汇能",
    ),
    project(
        p,
        "中核汇能滕州姜屯光伏项目",
        "中核汇能滕州东郭",
        "solar",
        county="滕州市",
        town="姜屯镇",
        owner="中核汇能",
    ),
    project(
        p,
        "中核汇能滕州大坞光伏项目",
        "中核汇能滕州东郭",
        "solar",
        county="滕州市",
        town="大坞镇",
        owner="中核汇能",
    ),
]
write(p, ("枣庄市", "370400"), P, [], [])

# n5 泰安 东平: plan excerpt, 、 list of short towns, landmark, 与 between two projects, group developer.
p = plan("n5_dongping_plan")
P = [
    project(p, "东平县接山风电项目", "东平县接山、大羊风电项目", "wind", county="东平县", town="接山镇"),
    project(p, "东平县大羊风电项目", "东平县接山、大羊风电项目", "wind", county="东平县", town="大羊镇"),
    project(p, "东平湖渔光互补光伏项目", "东平湖渔光互补光伏项目", "solar", county="东平县"),
    project(
        p,
        "泰山岱岳能源集团斑鸠店200MW农光储一体化项目",
        "泰山岱岳能源集团斑鸠店200MW农光储一体化项目",
        "solar",
        county="东平县",
        town="斑鸠店镇",
        cap="200MW",
        val=200.0,
        unit="MW",
        owner="泰山岱岳能源集团",
        alt={"owner": [None]},
        aliases=["泰山岱岳能源集团斑鸠店农光储一体化项目"],
    ),
]
write(p, ("泰安市", "370900"), P, [], [])

# n6 聊城 茌平: Traditional news with a pinyin gloss, township after the name, 一期/二期, short towns in 、 list.
p = plan("n6_chiping_traditional", t2s=True)
P = [
    project(
        p,
        "茌平区100兆瓦渔光互补光伏电站",
        "茌平区100兆瓦渔",
        "solar",
        county="茌平区",
        town="信发街道",
        cap="100兆瓦",
        val=100.0,
        unit="MW",
        aliases=["茌平区渔光互补光伏电站"],
        alt={"owner": [None, "聊城金茌新能源", "聊城金茌新能源有限公司"], "precision": ["county"]},
    ),
    project(p, "博平风电项目", "博平、杜郎口风电项目", "wind", county="茌平区", town="博平镇"),
    project(p, "杜郎口风电项目", "博平、杜郎口风电项目", "wind", county="茌平区", town="杜郎口镇"),
]
write(p, ("聊城市", "371500"), P, [], [])

# n7 东营 利津: news, 乡 township, functional zone with an enterprise developer, 和 list of short towns.
p = plan("n7_lijin_news")
P = [
    project(
        p,
        "利津县刁口乡300MW盐光互补光伏项目",
        "利津县刁口乡300MW盐光互补光伏项目",
        "solar",
        county="利津县",
        town="刁口乡",
        cap="300MW",
        val=300.0,
        unit="MW",
        owner="东营黄河口新能源",
        alt={"owner": [None, "东营黄河口新能源有限公司"]},
        aliases=["利津县刁口乡盐光互补光伏项目"],
    ),
    project(
        p,
        "万华东营50MW分布式光伏项目",
        "万华东营50MW分布式光伏项目",
        "solar",
        county="河口区",
        cap="50MW",
        val=50.0,
        unit="MW",
        owner="万华",
        alt={"owner": [None, "万华东营"]},
        aliases=["万华东营分布式光伏项目"],
        note="东营港经济开发区 lies on the coast of 河口区",
    ),
    project(p, "利津县汀罗风电项目", "利津县汀罗和盐窝风电项目", "wind", county="利津县", town="汀罗镇"),
    project(p, "利津县盐窝风电项目", "利津县汀罗和盐窝风电项目", "wind", county="利津县", town="盐窝镇"),
]
write(p, ("东营市", "370500"), P, [], [])

# n8 德州 乐陵 (written after the fixes above, scored before any further change): press Q/A, 台×千瓦, 及…等 list.
p = plan("n8_leling_press")
P = [
    project(
        p,
        "乐陵市化楼镇风电项目",
        "乐陵市化楼镇风电项目",
        "wind",
        county="乐陵市",
        town="化楼镇",
        cap="12.5万千瓦",
        val=125.0,
        unit="MW",
        alt={"owner": [None, "德州华晟电力", "德州华晟电力有限公司"]},
    ),
    project(
        p, "丁坞集中式光伏项目", "丁坞、朱集及寨头堡等集中式光伏项目", "solar", county="乐陵市", town="丁坞镇"
    ),
    project(
        p, "朱集集中式光伏项目", "丁坞、朱集及寨头堡等集中式光伏项目", "solar", county="乐陵市", town="朱集镇"
    ),
    project(
        p,
        "寨头堡集中式光伏项目",
        "丁坞、朱集及寨头堡等集中式光伏项目",
        "solar",
        county="乐陵市",
        town="寨头堡乡",
    ),
    project(
        p,
        "乐陵市50MW/100MWh储能电站",
        "乐陵市50MW/100MWh储能电站",
        "storage",
        county="乐陵市",
        cap="50MW/100MWh",
        val=50.0,
        unit="MW",
        aliases=["乐陵市储能电站"],
    ),
]
write(p, ("德州市", "371400"), P, [], [])

# n9 菏泽 郓城 (written after the fixes above): work report, short towns, 和 list with a count, 与 between names.
p = plan("n9_yuncheng_report")
P = [
    project(
        p,
        "郓城县侯咽集200兆瓦农光互补项目",
        "郓城县侯咽集200兆瓦农光互补项目",
        "solar",
        county="郓城县",
        town="侯咽集镇",
        cap="200兆瓦",
        val=200.0,
        unit="MW",
        aliases=["郓城县侯咽集农光互补项目"],
    ),
    project(
        p,
        "菏泽鲁西南能源集团张鲁集风电场",
        "菏泽鲁西南能源集团张鲁集风电场",
        "wind",
        county="郓城县",
        town="张鲁集镇",
        cap="15万千瓦",
        val=150.0,
        unit="MW",
        owner="菏泽鲁西南能源集团",
        alt={"owner": [None]},
    ),
    project(
        p, "南赵楼分布式光伏项目", "南赵楼和唐庙两个分布式光伏项目", "solar", county="郓城县", town="南赵楼镇"
    ),
    project(
        p, "唐庙分布式光伏项目", "南赵楼和唐庙两个分布式光伏项目", "solar", county="郓城县", town="唐庙镇"
    ),
    project(p, "郓城县生物质热电联产项目", "郓城县生物质热电联产项目", "biomass", county="郓城县"),
    project(
        p,
        "郓城县100MW/200MWh共享储能电站",
        "郓城县100MW/200MWh共享储能电站",
        "storage",
        county="郓城县",
        cap="100MW/200MWh",
        val=100.0,
        unit="MW",
        aliases=["郓城县共享储能电站"],
    ),
    project(
        p,
        "郓城县张营街道光储充一体化项目",
        "郓城县张营街道光储充一体化项目",
        "solar",
        county="郓城县",
        town="张营街道",
        alt={"category": ["storage"]},
    ),
]
write(p, ("菏泽市", "371700"), P, [], [])

# Written in session 5 before the rules it exercises (reading generalization, issue 14).
# n10 烟台 龙口 (photo caption, debris): 斥资新建 + a list of items each ending 项目 closed by 等项目.
p = plan("n10_longkou_caption")
P = [
    project(
        p,
        "龙口港区原料管廊(二期)工程",
        "斥资新建龙口港区原料管廊(二期)工程",
        "oil_pipeline",
        county="龙口市",
        prec="site",
        owner="烟台港航投资发展集团",
        alt={"owner": [None], "precision": ["county"], "category": ["transport", "industry"]},
        aliases=["龙口港区原料管廊工程"],
    ),
    project(
        p,
        "中国石化高端聚烯烃项目",
        "中国石化高端聚烯烃项目",
        "oil",
        owner="中石化",
        alt={"category": ["industry"]},
    ),
    project(
        p,
        "恒睿新材料丙烷脱氢项目",
        "恒睿新材料丙烷脱氢等项目",
        "industry",
        alt={"owner": [None, "恒睿新材料"], "category": ["oil"]},
    ),
]
write(p, ("烟台市", "370600"), P, [], [])

# n11 日照 莒县 (news): a base named `山东<kind>装备制造<county>产业基地`; distributive lists `甲、乙X产业园和丙、丁Y等项目`.
p = plan("n11_juxian_signing")
P = [
    project(
        p,
        "山东光伏装备制造莒县产业基地",
        "5月16日，山东光伏装备制造莒县产业基地重点项目集中签约仪式举行，",
        "industry",
        county="莒县",
        aliases=["莒县光伏装备制造产业基地"],
    ),
]
for maker in ("阳禾", "润驰"):
    P.append(
        project(
            p,
            f"{maker}组件制造产业园",
            "阳禾、润驰组件制造产业园",
            "industry",
            alt={"owner": [None, maker]},
        )
    )
for maker in ("鑫能新材料", "华科精工"):
    P.append(
        project(
            p,
            f"{maker}支架生产项目",
            "鑫能新材料、华科精工支架生产等项目",
            "industry",
            alt={"owner": [None, maker]},
        )
    )
write(p, ("日照市", "371100"), P, [], [])

# n12 日照 莒县 (speech): the base named by `推进<kind>产业基地建设` with the sentence's county; a town without 镇.
p = plan("n12_juxian_speech")
P = [
    project(
        p,
        "莒县光伏装备制造产业基地",
        "全力推进光伏装备制造产业基地建设",
        "industry",
        county="莒县",
    ),
    project(
        p,
        "莒县招贤200兆瓦渔光互补项目",
        "莒县招贤200兆瓦渔光互补项目",
        "solar",
        county="莒县",
        town="招贤镇",
        cap="200兆瓦",
        val=200.0,
        unit="MW",
        aliases=["莒县招贤渔光互补项目"],
    ),
]
write(p, ("日照市", "371100"), P, [], [])

# n13 潍坊 (notice): a heat line named by its two ends' abbreviations (`甲热入乙`), `X由Y建设` after the name.
p = plan("n13_shouguang_heat")
P = [
    project(
        p,
        "寿热入潍长输供热工程",
        "寿热入潍长输供热工程由潍坊城投热力有限公司建设",
        "heat",
        owner="潍坊城投热力有限公司",
        alt={"owner": [None, "潍坊城投热力"], "county": ["寿光市", "奎文区"]},
        also=["寿热入潍长输供热工程启动仪式"],
    ),
]
write(p, ("潍坊市", "370700"), P, [], [])

# Written later in session 5, after the rules above, before any tuning on them (a second check of generality).
# n14 东营 (news): a pipe rack built `由…公司建设`, a list of full names after 服务, `该项目位于…` and `由…投资建设`.
p = plan("n14_dongying_port_news")
P = [
    project(
        p,
        "东营港区液体化工品管廊工程",
        "东营港区液体化工品管廊工程由东营港城投资发展集团有限公司建设",
        "oil_pipeline",
        county="河口区",
        prec="site",
        owner="东营港城投资发展集团有限公司",
        alt={"owner": [None], "precision": ["county"], "category": ["transport", "industry"]},
    ),
    project(
        p,
        "瑞泽化工丙烯腈项目",
        "瑞泽化工丙烯腈项目",
        "industry",
        alt={"owner": [None, "瑞泽化工"], "category": ["oil"]},
    ),
    project(
        p,
        "鑫海新材料碳酸酯项目",
        "鑫海新材料碳酸酯等项目",
        "industry",
        alt={"owner": [None, "鑫海新材料"], "category": ["oil"]},
    ),
    project(
        p,
        "河口区孤岛100兆瓦渔光互补项目",
        "河口区孤岛100兆瓦渔光互补项目",
        "solar",
        county="河口区",
        town="孤岛镇",
        cap="100兆瓦",
        val=100.0,
        unit="MW",
        owner="东营河海新能源有限公司",
        alt={"owner": [None]},
        aliases=["河口区孤岛渔光互补项目"],
    ),
]
write(p, ("东营市", "370500"), P, [], [])

# n15 枣庄 滕州 (meeting news): a park by `<county>要…，加快推进<kind>产业园建设` after a reporting clause,
# distributive lists of factories (`甲、乙X生产项目和丙、丁Y生产等项目`), a storage station with its township.
p = plan("n15_tengzhou_meeting")
P = [
    project(p, "滕州储能装备制造产业园", "加快推进储能装备制造产业园建设", "industry", county="滕州市"),
]
for maker, product, anchor in (
    ("鲁辰", "电池储能柜", "鲁辰、华宇电池储能柜生产项目"),
    ("华宇", "电池储能柜", "鲁辰、华宇电池储能柜生产项目"),
    ("恒安", "储能逆变器", "恒安、天瑞储能逆变器生产等项目"),
    ("天瑞", "储能逆变器", "恒安、天瑞储能逆变器生产等项目"),
):
    P.append(project(p, f"{maker}{product}生产项目", anchor, "industry", alt={"owner": [None, maker]}))
P.append(
    project(
        p,
        "滕州市官桥50MW/100MWh共享储能电站项目",
        "滕州市官桥50MW/100MWh共享储能电站项目",
        "storage",
        county="滕州市",
        town="官桥镇",
        cap="50MW/100MWh",
        val=50.0,
        unit="MW",
        owner="滕州鲁辰新能源有限公司",
        alt={"owner": [None]},
        aliases=["滕州市官桥共享储能电站项目"],
    )
)
write(p, ("枣庄市", "370400"), P, [], [])

# Written at the end of session 5 after all its rules, before any tuning on them (the final check of generality).
# n16 淄博 高青 (signing news): `甲与乙县签约建设X项目`, `该项目位于…`, a park after `县委书记表示，高青要…`, lists of
# factories by developer, a heat network `由…投资建设的`.
p = plan("n16_gaoqing_signing")
P = [
    project(
        p,
        "唐坊200兆瓦农光互补项目",
        "唐坊200兆瓦农光互补项目",
        "solar",
        county="高青县",
        town="唐坊镇",
        cap="200兆瓦",
        val=200.0,
        unit="MW",
        alt={"owner": [None, "鲁青新能源"]},
        aliases=["高青县唐坊200兆瓦农光互补项目", "鲁青新能源唐坊200兆瓦农光互补项目", "唐坊农光互补项目"],
    ),
    project(p, "高青氢能装备产业园", "加快推进氢能装备产业园建设", "industry", county="高青县"),
]
for maker, product, anchor in (
    ("鑫泰", "光伏支架生产", "鑫泰、华源光伏支架生产项目"),
    ("华源", "光伏支架生产", "鑫泰、华源光伏支架生产项目"),
    ("国润", "电缆制造", "国润、恒通电缆制造等项目"),
    ("恒通", "电缆制造", "国润、恒通电缆制造等项目"),
):
    P.append(
        project(
            p,
            f"{maker}{product}项目",
            anchor,
            "industry",
            alt={"owner": [None, maker], "county": ["高青县"], "precision": ["county"]},
        )
    )
P.append(
    project(
        p,
        "高青县城区长输供热管网工程",
        "高青县城区长输供热管网工程",
        "heat",
        county="高青县",
        owner="淄博高青热力有限公司",
        alt={"owner": [None]},
    )
)
write(p, ("淄博市", "370300"), P, [], [])

# n17 聊城 临清 (county media): 10台5兆瓦风机, `该项目由…投资建设`, a zone's factory `…的甲乙新材料X生产线项目`,
# short townships in a 和 list of two kinds.
p = plan("n17_linqing_news")
P = [
    project(
        p,
        "临清市烟店镇50兆瓦分散式风电项目",
        "临清市烟店镇50兆瓦分散式风电项目",
        "wind",
        county="临清市",
        town="烟店镇",
        cap="50兆瓦",
        val=50.0,
        unit="MW",
        owner="聊城润禾新能源有限公司",
        alt={"owner": [None]},
        aliases=["临清市烟店镇分散式风电项目"],
    ),
    project(
        p,
        "华泰新材料光伏组件生产线项目",
        "华泰新材料光伏组件生产线项目",
        "industry",
        county="临清市",
        alt={"owner": [None, "华泰新材料"]},
    ),
    project(p, "魏湾分布式光伏项目", "魏湾、康庄分布式光伏项目", "solar", county="临清市", town="魏湾镇"),
    project(p, "康庄分布式光伏项目", "魏湾、康庄分布式光伏项目", "solar", county="临清市", town="康庄镇"),
    project(p, "金郝庄储能电站", "金郝庄储能电站", "storage", county="临清市", town="金郝庄镇"),
]
write(p, ("聊城市", "371500"), P, [], [])

# A fourth batch, written after the rules above and before tuning on them.
# n18 菏泽 曹县 (county media): a tour's list of three projects of three kinds closed by 等项目现场, `位于…的甲项目`,
# `共安装风机25台、总装机容量12.5万千瓦`, `由…建设的` a heat retrofit.
p = plan("n18_caoxian_tour")
P = [
    project(
        p,
        "曹县经济开发区鲁西新能源装备产业园",
        "曹县经济开发区鲁西新能源装备产业园",
        "industry",
        county="曹县",
    ),
    project(
        p,
        "青菏街道20兆瓦屋顶分布式光伏项目",
        "青菏街道20兆瓦屋顶分布式光伏项目",
        "solar",
        county="曹县",
        town="青菏街道",
        cap="20兆瓦",
        val=20.0,
        unit="MW",
        aliases=["曹县青菏街道20兆瓦屋顶分布式光伏项目", "青菏街道屋顶分布式光伏项目"],
    ),
    project(
        p,
        "庄寨镇100MW/200MWh储能电站",
        "庄寨镇100MW/200MWh储能电站",
        "storage",
        county="曹县",
        town="庄寨镇",
        cap="100MW/200MWh",
        val=100.0,
        unit="MW",
        aliases=["曹县庄寨镇100MW/200MWh储能电站", "庄寨镇储能电站"],
    ),
    project(
        p,
        "华润曹县二期风电项目",
        "华润曹县二期风电项目",
        "wind",
        county="曹县",
        town="普连集镇",
        cap="12.5万千瓦",
        val=125.0,
        unit="MW",
        owner="华润",
    ),
    project(
        p,
        "曹县城区集中供热改造工程",
        "曹县城区集中供热改造工程",
        "heat",
        county="曹县",
        owner="山东鲁曹热力有限公司",
        alt={"owner": [None]},
    ),
]
write(p, ("菏泽市", "371700"), P, [], [])

# n19 潍坊 高密 (press conference): `一是…；二是…；三是…`, two townships sharing a head with `分别为X和Y`, `由…投资建设`,
# a zone's park and a factory it has brought in, a biomass CHP by its township.
p = plan("n19_gaomi_press")
P = [
    project(
        p,
        "高密市柏城镇风电项目",
        "高密市柏城镇、阚家镇风电项目",
        "wind",
        county="高密市",
        town="柏城镇",
        cap="10万千瓦",
        val=100.0,
        unit="MW",
        owner="国家电投",
    ),
    project(
        p,
        "高密市阚家镇风电项目",
        "高密市柏城镇、阚家镇风电项目",
        "wind",
        county="高密市",
        town="阚家镇",
        cap="5万千瓦",
        val=50.0,
        unit="MW",
        owner="国家电投",
    ),
    project(p, "高密经济开发区零碳产业园", "高密经济开发区零碳产业园", "industry", county="高密市"),
    project(
        p,
        "鲁风科技风机叶片生产线项目",
        "鲁风科技风机叶片生产线等项目",
        "industry",
        county="高密市",
        alt={"owner": [None, "鲁风科技"], "county": [None], "precision": ["city"]},
    ),
    project(
        p, "夏庄镇生物质热电联产项目", "夏庄镇生物质热电联产项目", "biomass", county="高密市", town="夏庄镇"
    ),
]
write(p, ("潍坊市", "370700"), P, [], [])

# A fifth batch, written after the rules above and before tuning on them.
# n20 济宁 (notice): a numbered list of projects, each with its applicant in parentheses; a zone's project.
p = plan("n20_jining_notice")
P = [
    project(
        p,
        "汶上县苑庄镇100MW/200MWh独立储能电站项目",
        "汶上县苑庄镇100MW/200MWh独立储能电站项目",
        "storage",
        county="汶上县",
        town="苑庄镇",
        cap="100MW/200MWh",
        val=100.0,
        unit="MW",
        alt={"owner": [None, "汶上鲁储能源有限公司"]},
        aliases=["汶上县苑庄镇独立储能电站项目"],
    ),
    project(
        p,
        "嘉祥县纸坊镇50MW/100MWh共享储能电站项目",
        "嘉祥县纸坊镇50MW/100MWh共享储能电站项目",
        "storage",
        county="嘉祥县",
        town="纸坊镇",
        cap="50MW/100MWh",
        val=50.0,
        unit="MW",
        alt={"owner": [None, "嘉祥恒源电力有限公司"]},
        aliases=["嘉祥县纸坊镇共享储能电站项目"],
    ),
    project(
        p,
        "济宁高新区压缩空气储能示范项目",
        "济宁高新区压缩空气储能示范项目",
        "storage",
        county="任城区",
        alt={"owner": [None, "济宁华储科技有限公司"], "county": [None], "precision": ["city"]},
    ),
]
write(p, ("济宁市", "370800"), P, [], [])

# n21 日照 五莲 (Traditional work report with pinyin glosses): towns with 镇, 总装机容量 in the next clause, a
# developer before its county.
p = plan("n21_wulian_report_traditional", t2s=True)
P = [
    project(
        p,
        "五莲县汪湖镇风电项目",
        "五莲县汪湖镇",
        "wind",
        county="五莲县",
        town="汪湖镇",
        cap="10万千瓦",
        val=100.0,
        unit="MW",
    ),
    project(p, "叩官镇农光互补光伏项目", "叩官镇农光互补", "solar", county="五莲县", town="叩官镇"),
    project(p, "中至镇抽水蓄能电站", "中至镇抽水蓄能电站", "pumped_storage", county="五莲县", town="中至镇"),
    project(
        p,
        "国电投五莲县20万千瓦光伏项目",
        "国电投五莲县20万千瓦光伏项目",
        "solar",
        county="五莲县",
        cap="20万千瓦",
        val=200.0,
        unit="MW",
        owner="国家电投",
    ),
]
write(p, ("日照市", "371100"), P, [], [])

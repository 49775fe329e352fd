"""Annotations of short plan-register passages in edge_cases/plans_unseen/ (county 碳达峰实施方案/工作方案,
能源发展规划, a 政府工作报告 section; one .docx with a project table, one text as PDF extraction leaves it),
written after the extraction rules to test how they generalize. Real counties and townships, invented projects
and companies."""

from __future__ import annotations

from pathlib import Path

from annotate import Plan, project, target, write

PLANS = Path(__file__).resolve().parent / "edge_cases" / "plans_unseen"


def plan(stem: str, suffix: str = ".txt", pdf: bool = False) -> Plan:
    return Plan(stem, "", folder=PLANS, suffix=suffix, pdf=pdf)


# p1 桓台: a task's own （甲、乙负责）, 分别达到 with 、, 力争, 左右/以上, “十五五”期间 累计分别达到, a 专栏 repeating two.
p = plan("p1_huantai_plan")
R = ("桓台县", "370321")
OWN = ["县发展改革局", "县供电公司"]
P = [
    project(
        p,
        "荆家镇整镇屋顶分布式光伏项目",
        "推进荆家镇、果里镇整镇屋顶分布式光伏项目",
        "solar",
        county="桓台县",
        town="荆家镇",
        units=OWN,
    ),
    project(
        p,
        "果里镇整镇屋顶分布式光伏项目",
        "推进荆家镇、果里镇整镇屋顶分布式光伏项目",
        "solar",
        county="桓台县",
        town="果里镇",
        units=OWN,
    ),
    project(
        p,
        "马桥镇20万千瓦农光互补光伏项目",
        "建设马桥镇20万千瓦农光互补光伏项目",
        "solar",
        county="桓台县",
        town="马桥镇",
        cap="20万千瓦",
        val=200.0,
        unit="MW",
        aliases=["马桥镇农光互补光伏项目"],
        also=["（1）马桥镇20万千瓦农光互补光伏项目"],
        units=["县发展改革局", "马桥镇政府"],
    ),
    project(
        p,
        "桓台县起凤镇生物质热电联产项目",
        "建设桓台县起凤镇生物质热电联产项目",
        "biomass",
        county="桓台县",
        town="起凤镇",
    ),
    project(
        p,
        "唐山镇10万千瓦/20万千瓦时共享储能电站项目",
        "实施唐山镇10万千瓦/20万千瓦时共享储能电站项目",
        "storage",
        county="桓台县",
        town="唐山镇",
        cap="10万千瓦/20万千瓦时",
        val=100.0,
        unit="MW",
        aliases=["唐山镇共享储能电站项目"],
        also=["（1）唐山镇10万千瓦/20万千瓦时共享储能电站项目"],
    ),
    project(
        p,
        "新城镇工业副产氢提纯及加氢站项目",
        "建设新城镇工业副产氢提纯及加氢站项目",
        "hydrogen",
        county="桓台县",
        town="新城镇",
        alt={"owner": ["鲁中瑞祥化工有限公司", "鲁中瑞祥化工"]},
        note="the company supplies the hydrogen (依托…副产氢资源); the text does not say it builds",
    ),
    project(
        p,
        "桓台经济开发区屋顶分布式光伏项目",
        "（2）桓台经济开发区屋顶分布式光伏项目",
        "solar",
        county="桓台县",
    ),
    project(
        p,
        "索镇街道化工园区余热余压综合利用项目",
        "实施索镇街道化工园区余热余压综合利用项目",
        "heat",
        county="桓台县",
        town="索镇街道",
        alt={"category": ["industry"]},
    ),
]
T = [
    target(p, R, "renewable", 600, "MW", 2025, "全县新能源和可再生能源发电装机达到60万千瓦左右"),
    target(p, R, "other", 30, "%", 2025, "占电力总装机比重达到30%以上", label="可再生能源装机占比"),
    target(p, R, "solar", 450, "MW", 2025, "光伏发电、生物质发电装机分别达到45万千瓦"),
    target(p, R, "biomass", 50, "MW", 2025, "光伏发电、生物质发电装机分别达到45万千瓦"),
    target(p, R, "storage", 100, "MW", 2025, "新型储能装机力争达到10万千瓦"),
    target(p, R, "wind", 150, "MW", 2030, "风电、光伏发电装机累计分别达到15万千瓦和80万千瓦"),
    target(p, R, "solar", 800, "MW", 2030, "风电、光伏发电装机累计分别达到15万千瓦和80万千瓦"),
]
write(p, R, P, T, [])

# p2 广饶: a .docx with a project table (项目名称 | 建设地点 | 建设规模 | 建设年限 | 责任单位), targets with 其中 and 以上.
p = plan("p2_guangrao_energy", suffix=".docx")
R = ("广饶县", "370523")
DEV = ["县发展改革局"]
P = [
    project(
        p,
        "大王镇盐碱地渔光互补光伏项目",
        "大王镇盐碱地渔光互补光伏项目",
        "solar",
        county="广饶县",
        town="大王镇",
        cap="20万千瓦",
        val=200.0,
        unit="MW",
        units=DEV,
    ),
    project(
        p,
        "陈官镇风电项目",
        "陈官镇风电项目",
        "wind",
        county="广饶县",
        town="陈官镇",
        cap="10万千瓦",
        val=100.0,
        unit="MW",
        units=[*DEV, "陈官镇政府"],
    ),
    project(
        p,
        "广饶经济开发区天然气分布式能源站项目",
        "广饶经济开发区天然气分布式能源站项目",
        "gas_power",
        county="广饶县",
        cap="1.2万千瓦",
        val=12.0,
        unit="MW",
        units=[*DEV, "广饶经济开发区管委会"],
    ),
    project(
        p,
        "鲁北新源智慧储能电站项目",
        "鲁北新源智慧储能电站项目",
        "storage",
        county="广饶县",
        town="李鹊镇",
        cap="10万千瓦/20万千瓦时",
        val=100.0,
        unit="MW",
        units=DEV,
        alt={"owner": ["鲁北新源"]},
        note="placed by the 建设地点 column",
    ),
    project(
        p,
        "花官镇农林生物质热电联产项目",
        "花官镇农林生物质热电联产项目",
        "biomass",
        county="广饶县",
        town="花官镇",
        cap="3万千瓦",
        val=30.0,
        unit="MW",
        units=[*DEV, "花官镇政府"],
    ),
]
T = [
    target(p, R, "other", 3000, "MW", 2025, "全县电力总装机达到300万千瓦", label="电力总装机"),
    target(p, R, "renewable", 1100, "MW", 2025, "其中可再生能源发电装机110万千瓦"),
    target(p, R, "solar", 900, "MW", 2025, "光伏发电装机达到90万千瓦以上"),
    target(p, R, "wind", 150, "MW", 2025, "风电装机达到15万千瓦"),
    target(p, R, "gas", 0.5, "bcm/a", 2025, "天然气年供应能力达到5亿立方米"),
]
write(p, R, P, T, [])

# p3 海阳: as PDF text extraction leaves it (hard breaks mid-sentence, page numbers, the running header repeated,
# a （责任单位：… list split by a page break).
p = plan("p3_haiyang_pdftext", pdf=True)
R = ("海阳市", "370687")
WIND_UNITS = ["市发展改革局", "国网海阳市供电公司"]
P = [
    project(
        p,
        "辛安镇30万千瓦渔光互补光伏项目",
        "建设辛安镇30万千瓦渔光互补光伏项目",
        "solar",
        county="海阳市",
        town="辛安镇",
        cap="30万千瓦",
        val=300.0,
        unit="MW",
        aliases=["辛安镇渔光互补光伏项目"],
    ),
    project(
        p,
        "郭城镇农光互补光伏项目",
        "推进郭城镇、发城镇农光互补光伏项目",
        "solar",
        county="海阳市",
        town="郭城镇",
    ),
    project(
        p,
        "发城镇农光互补光伏项目",
        "推进郭城镇、发城镇农光互补光伏项目",
        "solar",
        county="海阳市",
        town="发城镇",
    ),
    project(
        p,
        "留格庄镇分散式风电项目",
        "建设留格庄镇、盘石店镇分散式风电项目",
        "wind",
        county="海阳市",
        town="留格庄镇",
    ),
    project(
        p,
        "盘石店镇分散式风电项目",
        "建设留格庄镇、盘石店镇分散式风电项目",
        "wind",
        county="海阳市",
        town="盘石店镇",
    ),
    project(
        p,
        "朱吴镇10万千瓦风电项目",
        "推动朱吴镇10万千瓦风电项目",
        "wind",
        county="海阳市",
        town="朱吴镇",
        cap="10万千瓦",
        val=100.0,
        unit="MW",
        aliases=["朱吴镇风电项目"],
    ),
    project(
        p,
        "行村镇抽水蓄能电站项目",
        "推进行村镇抽水蓄能电站项目",
        "pumped_storage",
        county="海阳市",
        town="行村镇",
    ),
    project(
        p,
        "小纪镇10万千瓦/20万千瓦时独立储能电站项目",
        "建设小纪镇10万千瓦/20万千瓦时独立储能电站项目",
        "storage",
        county="海阳市",
        town="小纪镇",
        cap="10万千瓦/20万千瓦时",
        val=100.0,
        unit="MW",
        aliases=["小纪镇独立储能电站项目"],
    ),
    project(
        p,
        "徐家店镇农林生物质发电项目",
        "建设徐家店镇农林生物质发电项目",
        "biomass",
        county="海阳市",
        town="徐家店镇",
        cap="3万千瓦",
        val=30.0,
        unit="MW",
    ),
]
T = [
    target(p, R, "renewable", 2000, "MW", 2025, "全市可再生能源发电装机力争达到200万千瓦"),
    target(p, R, "solar", 1200, "MW", 2025, "伏发电装机达到120万千瓦"),
    target(p, R, "wind", 500, "MW", 2025, "风电装机达到50万千瓦左右"),
    target(p, R, "storage", 200, "MW", 2025, "储能装机达到20万千瓦"),
    target(p, R, "renewable", 3500, "MW", 2030, "达到350万千瓦以上"),
    target(p, R, "other", 8_000_000, "MWh", 2030, "清洁能源发电量达到80亿千瓦时", label="清洁能源发电量"),
]
write(p, R, P, T, [])

# p4 高唐: a work report's numbered list of key projects (1.甲项目，年内…；), 年内 in a year's work plan, 新增/累计.
p = plan("p4_gaotang_report")
R = ("高唐县", "371526")
P = [
    project(
        p,
        "清平镇150兆瓦风电项目",
        "1.清平镇150兆瓦风电项目",
        "wind",
        county="高唐县",
        town="清平镇",
        cap="150兆瓦",
        val=150.0,
        unit="MW",
        aliases=["清平镇风电项目"],
    ),
    project(
        p,
        "姜店镇农光互补光伏项目",
        "2.姜店镇、杨屯镇农光互补光伏项目",
        "solar",
        county="高唐县",
        town="姜店镇",
    ),
    project(
        p,
        "杨屯镇农光互补光伏项目",
        "2.姜店镇、杨屯镇农光互补光伏项目",
        "solar",
        county="高唐县",
        town="杨屯镇",
    ),
    project(
        p,
        "尹集镇共享储能电站项目",
        "3.尹集镇共享储能电站项目",
        "storage",
        county="高唐县",
        town="尹集镇",
        cap="10万千瓦/20万千瓦时",
        val=100.0,
        unit="MW",
    ),
    project(
        p,
        "高唐县城区生物质清洁供暖项目",
        "4.高唐县城区生物质清洁供暖项目",
        "biomass",
        county="高唐县",
        alt={"category": ["heat"]},
    ),
]
T = [
    target(p, R, "other", 300, "MW", 2024, "力争年内新增新能源装机30万千瓦", label="新增新能源装机"),
    target(p, R, "renewable", 850, "MW", 2024, "累计达到85万千瓦"),
    target(p, R, "solar", 600, "MW", 2025, "全县光伏发电装机达到60万千瓦以上"),
    target(p, R, "other", 35, "%", 2025, "比重达到35%左右", label="可再生能源发电量占比"),
]
write(p, R, P, T, [])

# p5 禹城: 第二章/第三章 headings, （牵头单位：…；配合单位：…）, 万吨标准煤/亿立方米/亿千瓦时, 展望2030年, a project
# of a named company, lines and a pipeline inside the county.
p = plan("p5_yucheng_energy")
R = ("禹城市", "371482")
SOLAR_UNITS = ["市发展和改革局", "市自然资源局", "市农业农村局"]
GRID_UNITS = ["国网禹城市供电公司", "市发展和改革局"]
P = [
    project(
        p,
        "房寺镇盐碱地光伏项目",
        "在房寺镇、辛店镇建设盐碱地光伏项目",
        "solar",
        county="禹城市",
        town="房寺镇",
        units=SOLAR_UNITS,
    ),
    project(
        p,
        "辛店镇盐碱地光伏项目",
        "在房寺镇、辛店镇建设盐碱地光伏项目",
        "solar",
        county="禹城市",
        town="辛店镇",
        units=SOLAR_UNITS,
    ),
    project(
        p,
        "禹城市十里望回族镇农林生物质热电联产项目",
        "推进禹城市十里望回族镇农林生物质热电联产项目",
        "biomass",
        county="禹城市",
        town="十里望回族镇",
        units=["市发展和改革局", "十里望回族镇政府"],
    ),
    project(
        p,
        "禹城高新区2000吨/年绿氢制备项目",
        "建设禹城高新区2000吨/年绿氢制备项目",
        "hydrogen",
        county="禹城市",
        cap="2000吨/年",
        owner="齐润氢能科技有限公司",
        alt={"owner": [None, "齐润氢能"]},
        aliases=["禹城高新区绿氢制备项目"],
        units=["市工业和信息化局"],
    ),
    project(
        p, "500千伏禹城西输变电工程", "建设500千伏禹城西输变电工程", "grid", county="禹城市", units=GRID_UNITS
    ),
    project(
        p,
        "220千伏莒镇变电站",
        "新建220千伏莒镇变电站",
        "grid",
        county="禹城市",
        town="莒镇",
        units=GRID_UNITS,
    ),
    project(
        p,
        "伦镇至梁家镇天然气管道",
        "建设伦镇至梁家镇天然气管道",
        "gas_pipeline",
        county="禹城市",
        units=["市住房和城乡建设局"],
        note="both ends in one county",
    ),
]
T = [
    target(
        p,
        R,
        "other",
        3.2,
        "Mt",
        2025,
        "全市能源消费总量控制在320万吨标准煤左右",
        label="能源消费总量",
    ),
    target(p, R, "other", 45, "%", 2025, "可再生能源发电装机占比达到45%以上", label="可再生能源装机占比"),
    target(p, R, "solar", 700, "MW", 2025, "光伏发电装机达到70万千瓦"),
    target(p, R, "biomass", 60, "MW", 2025, "生物质发电装机达到6万千瓦"),
    target(p, R, "gas", 0.25, "bcm/a", 2025, "天然气消费量达到2.5亿立方米"),
    target(
        p, R, "other", 2_500_000, "MWh", 2025, "可再生能源年发电量达到25亿千瓦时", label="可再生能源发电量"
    ),
    target(p, R, "solar", 1200, "MW", 2030, "光伏发电、风电装机分别达到120万千瓦和30万千瓦左右"),
    target(p, R, "wind", 300, "MW", 2030, "光伏发电、风电装机分别达到120万千瓦和30万千瓦左右"),
]
write(p, R, P, T, [])

# p6 鄄城: a 专栏 written as a tab table (序号 项目名称 建设地点 建设规模 责任单位), the place in its own column,
# a project named by its developer and placed only by that column.
p = plan("p6_juancheng_table")
R = ("鄄城县", "371726")
P = [
    project(
        p,
        "彭楼镇分散式风电项目",
        "建设彭楼镇分散式风电项目",
        "wind",
        county="鄄城县",
        town="彭楼镇",
        cap="5万千瓦",
        val=50.0,
        unit="MW",
        also=["1\t彭楼镇分散式风电项目"],
        units=["县发展改革局", "县自然资源局", "各镇街", "彭楼镇"],
    ),
    project(
        p,
        "鄄城县生物质热电联产项目",
        "鄄城县生物质热电联产项目",
        "biomass",
        county="鄄城县",
        town="古泉街道",
        cap="3万千瓦",
        val=30.0,
        unit="MW",
        units=["县发展改革局"],
        alt={"precision": ["county"]},
    ),
    project(
        p,
        "左营乡200兆瓦农光互补项目",
        "左营乡200兆瓦农光互补项目",
        "solar",
        county="鄄城县",
        town="左营乡",
        cap="200兆瓦",
        val=200.0,
        unit="MW",
        units=["县发展改革局", "左营乡"],
        aliases=["左营乡农光互补项目"],
    ),
    project(
        p,
        "旧城镇储能电站项目",
        "旧城镇储能电站项目",
        "storage",
        county="鄄城县",
        town="旧城镇",
        cap="5万千瓦/10万千瓦时",
        val=50.0,
        unit="MW",
        units=["县发展改革局"],
    ),
    project(
        p,
        "鲁西南瑞丰新能源风电项目",
        "鲁西南瑞丰新能源风电项目",
        "wind",
        county="鄄城县",
        town="董口镇",
        cap="10万千瓦",
        val=100.0,
        unit="MW",
        owner="鲁西南瑞丰新能源",
        alt={"owner": [None, "瑞丰新能源"]},
        units=["县发展改革局", "董口镇"],
        note="placed by the 建设地点 column",
    ),
    project(
        p,
        "临濮镇工业园区集中供热改造工程",
        "实施临濮镇工业园区集中供热改造工程",
        "heat",
        county="鄄城县",
        town="临濮镇",
    ),
]
T = [
    target(p, R, "wind", 400, "MW", 2025, "全县风电、光伏发电装机分别达到40万千瓦和60万千瓦"),
    target(p, R, "solar", 600, "MW", 2025, "全县风电、光伏发电装机分别达到40万千瓦和60万千瓦"),
    target(p, R, "storage", 80, "MW", 2025, "新型储能装机达到8万千瓦左右"),
    target(p, R, "biomass", 60, "MW", 2025, "生物质发电装机累计达到6万千瓦"),
    target(p, R, "renewable", 2000, "MW", 2030, "可再生能源发电装机力争达到200万千瓦以上"),
]
write(p, R, P, T, [])

# A second batch, written after the rules the first six led to and before tuning on it.
# p7 莱阳: a .docx draft (（征求意见稿）), a 附表 with 牵头单位 and 配合单位 columns, a task's （甲牵头，乙、丙配合）.
p = plan("p7_laiyang_draft", suffix=".docx")
R = ("莱阳市", "370682")
SHORE = ["市发展改革局", "市自然资源局", "市海洋发展局"]
P = [
    project(
        p,
        "穴坊镇滩涂光伏项目",
        "建设穴坊镇、羊郡镇滩涂光伏项目",
        "solar",
        county="莱阳市",
        town="穴坊镇",
        units=SHORE,
    ),
    project(
        p,
        "羊郡镇滩涂光伏项目",
        "建设穴坊镇、羊郡镇滩涂光伏项目",
        "solar",
        county="莱阳市",
        town="羊郡镇",
        units=SHORE,
    ),
    project(
        p,
        "团旺镇8万千瓦风电项目",
        "推进团旺镇8万千瓦风电项目",
        "wind",
        county="莱阳市",
        town="团旺镇",
        cap="8万千瓦",
        val=80.0,
        unit="MW",
        aliases=["团旺镇风电项目"],
        also=["1\t团旺镇8万千瓦风电项目"],
        units=["市发展改革局", "团旺镇政府"],
    ),
    project(
        p,
        "照旺庄镇独立储能电站",
        "建设照旺庄镇独立储能电站",
        "storage",
        county="莱阳市",
        town="照旺庄镇",
        cap="5万千瓦/10万千瓦时",
        val=50.0,
        unit="MW",
    ),
    project(
        p,
        "莱阳东方绿源生物质热电联产项目",
        "莱阳东方绿源生物质热电联产项目",
        "biomass",
        county="莱阳市",
        town="沐浴店镇",
        cap="3万千瓦",
        val=30.0,
        unit="MW",
        alt={"owner": ["东方绿源"]},
        units=["市发展改革局", "沐浴店镇政府"],
        note="placed by the 建设地点 column",
    ),
    project(
        p,
        "姜疃镇农光互补光伏项目",
        "姜疃镇农光互补光伏项目",
        "solar",
        county="莱阳市",
        town="姜疃镇",
        cap="10万千瓦",
        val=100.0,
        unit="MW",
        units=["市发展改革局", "姜疃镇政府", "市农业农村局"],
    ),
]
T = [
    target(p, R, "solar", 500, "MW", 2025, "全市光伏发电装机累计达到50万千瓦"),
    target(p, R, "wind", 200, "MW", 2025, "风电装机达到20万千瓦左右"),
    target(p, R, "storage", 150, "MW", 2030, "新型储能装机力争达到15万千瓦"),
    target(p, R, "biomass", 40, "MW", 2030, "生物质发电装机达到4万千瓦"),
]
write(p, R, P, T, [])

# p8 齐河: 第一章 headings, targets joined by ；, a list of （n） works in running text closed by one
# （牵头单位：…；配合单位：…）, lines named by voltage and township, a pipeline inside the county.
p = plan("p8_qihe_energy")
R = ("齐河县", "371425")
NEW = ["县发展改革局", "县自然资源局"]
GRID = ["国网齐河县供电公司"]
P = [
    project(
        p,
        "华店镇采煤沉陷区光伏项目",
        "华店镇、刘桥镇采煤沉陷区光伏项目",
        "solar",
        county="齐河县",
        town="华店镇",
        units=NEW,
    ),
    project(
        p,
        "刘桥镇采煤沉陷区光伏项目",
        "华店镇、刘桥镇采煤沉陷区光伏项目",
        "solar",
        county="齐河县",
        town="刘桥镇",
        units=NEW,
    ),
    project(
        p,
        "潘店镇20万千瓦风电项目",
        "潘店镇20万千瓦风电项目",
        "wind",
        county="齐河县",
        town="潘店镇",
        cap="20万千瓦",
        val=200.0,
        unit="MW",
        aliases=["潘店镇风电项目"],
        units=NEW,
    ),
    project(
        p,
        "齐河经济开发区屋顶分布式光伏项目",
        "齐河经济开发区屋顶分布式光伏项目",
        "solar",
        county="齐河县",
        units=NEW,
    ),
    project(
        p,
        "220千伏焦庙输变电工程",
        "建设220千伏焦庙输变电工程",
        "grid",
        county="齐河县",
        town="焦庙镇",
        units=GRID,
    ),
    project(p, "110千伏祝阿变电站", "110千伏祝阿变电站", "grid", county="齐河县", town="祝阿镇", units=GRID),
    project(
        p,
        "齐河县城区至胡官屯镇天然气管道",
        "建设齐河县城区至胡官屯镇天然气管道",
        "gas_pipeline",
        county="齐河县",
        units=["县住房城乡建设局"],
        note="both ends in one county",
    ),
    project(
        p,
        "晏城街道生物质集中供热项目",
        "实施晏城街道生物质集中供热项目",
        "biomass",
        county="齐河县",
        town="晏城街道",
        alt={"category": ["heat"]},
        units=["县住房城乡建设局"],
    ),
]
T = [
    target(p, R, "renewable", 1200, "MW", 2025, "全县可再生能源发电装机达到120万千瓦"),
    target(p, R, "other", 50, "%", 2025, "占全县电力装机比重达到50%", label="可再生能源装机占比"),
    target(p, R, "solar", 800, "MW", 2025, "光伏发电装机达到80万千瓦"),
    target(p, R, "gas", 0.3, "bcm/a", 2025, "天然气供应能力达到3亿立方米"),
    target(p, R, "storage", 100, "MW", 2025, "累计新增储能装机10万千瓦", optional=True),
]
write(p, R, P, T, [])

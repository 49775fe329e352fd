"""The annotations themselves (read by eval/annotate.py). One block per seed plan."""

from __future__ import annotations

from annotate import Plan, borderline, project, target, write

# ---------------------------------------------------------------------------------------------------------
# 000 日照市碳达峰工作方案
# ---------------------------------------------------------------------------------------------------------
p = Plan("000_1960cbd18c417490", "日照市碳达峰工作方案\n\n为深入贯彻")
R = ("日照市", "371100")
# 各区县政府、各功能区管委均为责任单位，以下不再列出: stated inside clause (一)1's parenthesis, so it covers
# that clause and everything after it (the whole body: nothing with a project comes before it).
p.rules.append((p.find("1. 大力发展新能源"), ["各区县政府", "各功能区管委"]))

P = []
P.append(
    project(
        p, "莒县百万千瓦级光伏基地", "打造莒县百万千瓦级光伏基地", "solar", county="莒县", cap="百万千瓦级"
    )
)
P.append(project(p, "东港区海上光伏项目", "东港区海上光伏项目", "solar", county="东港区", off=True))
P.append(project(p, "东港区渔光互补项目", "东港区、山海天旅游度假区渔光互补项目", "solar", county="东港区"))
P.append(
    project(
        p,
        "山海天旅游度假区渔光互补项目",
        "东港区、山海天旅游度假区渔光互补项目",
        "solar",
        county="东港区",
        aliases=["山海天渔光互补项目"],
        alt={"precision": ["site"]},
        note="山海天旅游度假区 is a functional area inside 东港区, larger than a township",
    )
)
for town, short in (("洛河镇", "洛河"), ("长岭镇", "长岭"), ("库山乡", "库山")):
    P.append(
        project(
            p,
            f"莒县{short}集中式光伏项目",
            "莒县洛河、长岭、库山集中式光伏项目",
            "solar",
            county="莒县",
            town=town,
        )
    )
P.append(
    project(
        p,
        "莒县整县屋顶光伏项目",
        "莒县、岚山区整县屋顶光伏项目",
        "solar",
        county="莒县",
        aliases=["莒县整县屋顶分布式光伏规模化开发试点"],
        also=["岚山区、莒县整县屋顶分布式光伏"],
    )
)
P.append(
    project(
        p,
        "岚山区整县屋顶光伏项目",
        "莒县、岚山区整县屋顶光伏项目",
        "solar",
        county="岚山区",
        aliases=["岚山区整县屋顶分布式光伏规模化开发试点"],
        also=["岚山区、莒县整县屋顶分布式光伏"],
    )
)
P.append(
    project(
        p,
        "日照港LNG接收站及外输管道项目",
        "日照港 LNG 接收站及外输管道项目",
        "lng",
        aliases=["日照港 LNG 接收站及外输管道项目", "日照LNG接收站", "日照 LNG 接收站"],
        also=["推进日照 LNG 接收站建设"],
        alt={"precision": ["site"]},
        note="日照港 has two port areas in two counties; the text does not say which",
    )
)
P.append(
    project(
        p,
        "日照市天然气管道互联互通工程",
        "日照市天然气管道互联互通工程",
        "gas_pipeline",
        aliases=["市级天然气管网互联互通工程"],
        also=["实施市级天然气管网互联互通工程"],
    )
)
P.append(
    project(
        p,
        "日照港—新海石化输油管道",
        "日照港—新海石化输油管道",
        "oil_pipeline",
        alt={"precision": ["site", "county"]},
        note="line between 日照港 and 新海石化; neither end's county is written",
    )
)
P.append(
    project(
        p,
        "五莲县街头抽水蓄能电站项目",
        "五莲县街头、户部抽水蓄能电站项目",
        "pumped_storage",
        county="五莲县",
        town="街头镇",
    )
)
P.append(
    project(
        p,
        "五莲县户部抽水蓄能电站项目",
        "五莲县街头、户部抽水蓄能电站项目",
        "pumped_storage",
        county="五莲县",
        town="户部乡",
    )
)
P.append(
    project(
        p,
        "东港区三庄抽水蓄能电站项目",
        "东港区三庄抽水蓄能电站项目",
        "pumped_storage",
        county="东港区",
        town="三庄镇",
    )
)
P.append(
    project(
        p,
        "华能日照电厂2×9H天然气发电项目",
        "华能日照电厂 2×9H 天然气发电项目",
        "gas_power",
        cap="2×9H",
        owner="华能",
        aliases=["华能日照电厂 2×9H 天然气发电项目", "华能日照电厂天然气发电项目"],
        also=["建设国内领先的 9H 级天然气发电机组"],
        alt={"precision": ["site"]},
        note="2×9H = two 9H-class gas turbines: a size class, no MW value in the text",
    )
)
P.append(
    project(
        p,
        "亚太森博TG5发电项目",
        "亚太森博 TG5 发电项目",
        "biomass",
        owner="亚太森博",
        aliases=["亚太森博 TG5 发电项目"],
        alt={"precision": ["site"]},
        note="listed under 生物质能 (pulp-mill biomass/black-liquor unit); plant location not written",
    )
)
P.append(
    project(
        p,
        "五莲骏达生物质发电项目",
        "五莲骏达生物质发电项目",
        "biomass",
        county="五莲县",
        owner="骏达",
        alt={"owner": [None]},
    )
)
P.append(
    project(
        p,
        "岚山凯迪生物质发电扩建项目",
        "岚山凯迪、莒县大自然、五莲丰禾生物质发电扩建项目",
        "biomass",
        county="岚山区",
        owner="凯迪",
        alt={"owner": [None]},
    )
)
P.append(
    project(
        p,
        "莒县大自然生物质发电扩建项目",
        "岚山凯迪、莒县大自然、五莲丰禾生物质发电扩建项目",
        "biomass",
        county="莒县",
        owner="大自然",
        alt={"owner": [None]},
    )
)
P.append(
    project(
        p,
        "五莲丰禾生物质发电扩建项目",
        "岚山凯迪、莒县大自然、五莲丰禾生物质发电扩建项目",
        "biomass",
        county="五莲县",
        owner="丰禾",
        alt={"owner": [None]},
    )
)
P.append(
    project(
        p,
        "日照光大垃圾焚烧发电扩建项目",
        "日照光大、莒县光大垃圾焚烧发电扩建项目",
        "waste_energy",
        owner="光大",
        alt={"owner": [None]},
    )
)
P.append(
    project(
        p,
        "莒县光大垃圾焚烧发电扩建项目",
        "日照光大、莒县光大垃圾焚烧发电扩建项目",
        "waste_energy",
        county="莒县",
        owner="光大",
        alt={"owner": [None]},
    )
)
P.append(
    project(
        p,
        "中广核莒县电化学储能电站项目",
        "中广核莒县电化学储能电站项目",
        "storage",
        county="莒县",
        owner="中广核",
    )
)
# (二) industry
P.append(project(p, "日照先进钢铁制造基地", "加快日照先进钢铁制造基地建设", "industry"))
P.append(
    project(
        p,
        "山钢日照公司余热供暖项目",
        "推动实施山钢日照公司、日钢集团余热供暖项目建设",
        "heat",
        owner="山钢",
        alt={"owner": ["山钢日照公司", None], "precision": ["site"]},
    )
)
P.append(
    project(
        p,
        "日钢集团余热供暖项目",
        "推动实施山钢日照公司、日钢集团余热供暖项目建设",
        "heat",
        owner="日钢集团",
        alt={"owner": ["日钢", None], "precision": ["site"]},
    )
)
# 专栏 3 transport
P.append(
    project(
        p,
        "坪岚铁路扩能改造工程",
        "(1) 坪岚铁路扩能改造工程",
        "transport",
        also=["加快推进坪岚铁路扩能改造等工程"],
    )
)
P.append(
    project(
        p,
        "日照港岚山港区南作业区铁路工程",
        "日照港岚山港区南作业区铁路工程",
        "transport",
        county="岚山区",
        prec="site",
        alt={"precision": ["county"]},
    )
)
P.append(
    project(
        p,
        "日照港石臼港区南区煤炭进港铁路工程（二期）",
        "日照港石臼港区南区煤炭进港铁路工程",
        "transport",
        county="东港区",
        prec="site",
        aliases=["日照港石臼港区南区煤炭进港铁路工程 (二期)", "日照港石臼港区南区煤炭进港铁路工程"],
        alt={"precision": ["county"]},
    )
)
P.append(
    project(
        p, "日照先进钢铁制造基地集疏铁路专用线工程", "日照先进钢铁制造基地集疏铁路专用线工程", "transport"
    )
)
P.append(
    project(
        p,
        "莒县铁路港智慧物流园铁路专用线工程",
        "莒县铁路港智慧物流园铁路专用线工程",
        "transport",
        county="莒县",
    )
)
P.append(
    project(
        p, "日照至董家口轨道交通", "日照至董家口轨道交通", "transport", note="line from 日照 to 董家口 (青岛)"
    )
)
P.append(
    project(
        p,
        "日照港大宗干散货智慧绿色示范港口",
        "(1) 日照港大宗干散货智慧绿色示范港口建设",
        "transport",
        aliases=["日照港大宗干散货智慧绿色示范港口建设"],
        also=["大力推进日照港大宗干散货智慧绿色示范港口建设", "推进大宗干散货智慧绿色示范港口建设"],
    )
)
P.append(
    project(
        p,
        "日照钢铁精品基地配套矿石码头工程",
        "日照钢铁精品基地配套矿石码头、成品码头工程",
        "transport",
        aliases=["日照钢铁精品基地配套矿石码头、成品码头工程"],
    )
)
P.append(
    project(
        p,
        "日照钢铁精品基地配套成品码头工程",
        "日照钢铁精品基地配套矿石码头、成品码头工程",
        "transport",
        aliases=["日照钢铁精品基地配套矿石码头、成品码头工程"],
    )
)
P.append(project(p, "岚山海发港口服务基地项目", "岚山海发港口服务基地项目", "transport", county="岚山区"))
P.append(
    project(
        p,
        "山东高速（日照）多式联运物流项目",
        "山东高速 (日照) 多式联运物流项目",
        "transport",
        owner="山东高速",
        aliases=["山东高速 (日照) 多式联运物流项目", "山东高速日照多式联运物流项目"],
    )
)
P.append(project(p, "日照中谷多式联运综合物流园", "日照中谷多式联运综合物流园", "transport"))
P.append(
    project(
        p,
        "日照传化交通公路港物流项目",
        "日照传化交通公路港物流项目",
        "transport",
        owner="传化",
        alt={"owner": [None]},
    )
)
P.append(
    project(
        p,
        "三奇普立尔产业园—京东智慧物流仓项目",
        "三奇普立尔产业园—京东智慧物流仓项目",
        "transport",
        owner="京东",
        alt={"owner": [None]},
    )
)
# 专栏 4 ecology
P.append(
    project(
        p,
        "日照水库流域生态保护与产业发展项目",
        "日照水库流域生态保护与产业发展项目",
        "ecology",
        alt={"precision": ["site"]},
    )
)
P.append(
    project(
        p,
        "岚山区山水林田湖草沙一体化保护项目",
        "岚山区山水林田湖草沙一体化保护项目",
        "ecology",
        county="岚山区",
    )
)
P.append(
    project(
        p,
        "莒县沭河国家湿地自然公园试点项目",
        "莒县沭河国家湿地自然公园试点项目",
        "ecology",
        county="莒县",
        aliases=["山东沭河国家湿地自然公园"],
        also=["重点推进山东沭河国家湿地自然公园试点建设"],
    )
)
P.append(project(p, "绣针河流域水质提升工程", "绣针河流域水质提升工程", "ecology"))
P.append(
    project(
        p,
        "日照市沭河流域历史遗留废弃矿山生态修复工程",
        "日照市沭河流域历史遗留废弃矿山生态修复工程",
        "ecology",
    )
)
P.append(project(p, "卧龙山系生态保护工程", "卧龙山系生态保护工程", "ecology", alt={"precision": ["site"]}))
P.append(
    project(
        p,
        "五莲九仙山生态保护和提升工程",
        "五莲九仙山生态保护和提升工程",
        "ecology",
        county="五莲县",
        alt={"precision": ["site"]},
    )
)
P.append(
    project(p, "莒县绿色矿山综合整治示范工程", "莒县、五莲绿色矿山综合整治示范工程", "ecology", county="莒县")
)
P.append(
    project(
        p, "五莲绿色矿山综合整治示范工程", "莒县、五莲绿色矿山综合整治示范工程", "ecology", county="五莲县"
    )
)
P.append(
    project(
        p,
        "山海天全区生态治理工程",
        "山海天全区生态治理工程",
        "ecology",
        county="东港区",
        alt={"precision": ["site"]},
        note="山海天旅游度假区 lies in 东港区",
    )
)
P.append(
    project(p, "太阳湾海岸带保护修复工程", "太阳湾海岸带保护修复工程", "ecology", alt={"precision": ["site"]})
)

T = [
    target(
        p,
        R,
        "other",
        14,
        "%",
        2025,
        "单位地区生产总值能源消耗比 2020 年下降 14% 以上",
        label="单位GDP能耗比2020年下降",
    ),
    target(p, R, "solar", 4000, "MW", 2030, "光伏、生物质发电装机分别达到 400 万千瓦和 50 万千瓦"),
    target(p, R, "biomass", 500, "MW", 2030, "光伏、生物质发电装机分别达到 400 万千瓦和 50 万千瓦"),
    target(
        p, R, "other", 295, "gce/kWh", 2025, "平均供电煤耗降至 295 克标准煤/千瓦时左右", label="煤电供电煤耗"
    ),
    target(p, R, "gas", 2, "bcm/a", 2030, "天然气综合保供能力达到 20 亿立方米"),
    target(p, R, "storage", 500, "MW", 2030, "新型储能设施、抽水蓄能装机规模分别达到 50 万千瓦、100 万千瓦"),
    target(
        p,
        R,
        "pumped_storage",
        1000,
        "MW",
        2030,
        "新型储能设施、抽水蓄能装机规模分别达到 50 万千瓦、100 万千瓦",
    ),
    target(p, R, "other", 300, "MW", 2030, "需求侧响应能力达到 30 万千瓦左右", label="需求侧响应能力"),
    target(p, R, "other", 2, "个", 2030, "创建绿色园区 2 个、绿色工厂 50 个", label="绿色园区"),
    target(p, R, "other", 50, "个", 2030, "创建绿色园区 2 个、绿色工厂 50 个", label="绿色工厂"),
    target(p, R, "other", 40, "Mt/a", 2030, "全市钢铁产能力争达到 4000 万吨", label="钢铁产能"),
    target(p, R, "other", 40, "%", 2025, "装配式建筑面积占比达到 40% 以上", label="新建装配式建筑面积占比"),
    target(p, R, "other", 2000, "万平方米", 2025, "新增绿色建筑2000万平方米", label="新增绿色建筑"),
    target(
        p,
        R,
        "other",
        750,
        "万平方米",
        2025,
        "工业余热新增供暖面积750万平方米以上",
        label="工业余热新增供暖面积",
    ),
    target(
        p, R, "other", 30, "%", 2025, "新建公共机构屋顶光伏覆盖率达到30%", label="新建公共机构屋顶光伏覆盖率"
    ),
    target(
        p,
        R,
        "other",
        70,
        "%",
        2025,
        "港口大宗货物绿色运输方式比例达到70%以上",
        label="港口大宗货物绿色运输比例",
    ),
    target(p, R, "other", 70, "%", 2025, "全市绿色出行比例不低于70%", label="绿色出行比例"),
    target(p, R, "other", 100, "%", 2030, "新能源车辆比例为100%", label="新增更新公交新能源比例"),
    target(
        p,
        R,
        "other",
        80,
        "%",
        2030,
        "出租新能源和清洁能源车辆比例不低于80%",
        label="新增更新出租车清洁能源比例",
    ),
    target(
        p, R, "other", 10, "%", 2030, "碳排放强度比2020年分别降低10%、5%左右", label="营运车辆碳排放强度降低"
    ),
    target(p, R, "other", 5, "%", 2030, "碳排放强度比2020年分别降低10%、5%左右", label="船舶碳排放强度降低"),
    target(p, R, "other", 60, "%", 2025, "新增大宗固废综合利用率达到 60%", label="新增大宗固废综合利用率"),
    target(p, R, "other", 10, "%", 2025, "废纸利用量增长 10%左右", label="废纸利用量增长"),
]
B = [
    borderline(
        p,
        "岚山化工产业园",
        "以岚山化工产业园、莒县海右化工产业园等为重点",
        "named parks, but as the focus of an energy-saving action, not as projects",
        "industry",
    ),
    borderline(
        p,
        "莒县海右化工产业园",
        "以岚山化工产业园、莒县海右化工产业园等为重点",
        "named parks, but as the focus of an energy-saving action, not as projects",
        "industry",
    ),
    borderline(
        p,
        "空海联动物流集散基地",
        "空海联动物流集散基地",
        "专栏 item without a place or proper name",
        "transport",
    ),
    borderline(
        p,
        "岚山区国家大宗固废综合利用示范基地",
        "支持岚山区、五莲县创建国家大宗固废综合利用示范基地",
        "bid for a national designation (创建...示范基地), arguably a programme",
        "circular",
    ),
    borderline(
        p,
        "五莲县国家大宗固废综合利用示范基地",
        "支持岚山区、五莲县创建国家大宗固废综合利用示范基地",
        "bid for a national designation (创建...示范基地), arguably a programme",
        "circular",
    ),
    borderline(
        p,
        "马耳山、五莲山、龙门崮中部山体生态屏障",
        "构建马耳山、五莲山、龙门崮中部山体生态屏障",
        "named mountains, but an ecological-barrier planning concept rather than a project",
        "ecology",
    ),
    borderline(
        p,
        "五莲山重点生态区域保护修复",
        "推进五莲山、卧龙山、日照水库等重点生态区域保护修复",
        "named area in a list whose other members repeat 专栏 4 projects",
        "ecology",
    ),
    borderline(
        p, "日照市碳普惠平台", "建设日照市碳普惠平台", "a software platform, not a physical project", "other"
    ),
    borderline(
        p,
        "日照至河北武安地区铁矿石“公转铁”财政补助试点",
        "开展日照至河北武安地区铁矿石“公转铁”财政补助试点工作",
        "a subsidy pilot between two places, a programme",
        "transport",
    ),
]
write(
    p,
    R,
    P,
    T,
    B,
    notes=[
        "Document-wide rule 各区县政府、各功能区管委均为责任单位，以下不再列出 is inside clause 三(一)1's parenthesis:"
        " it applies from that clause on.",
        "专栏 items carry no clause 责任单位 of their own; they get the document-wide units (plus those of any"
        " running-text mention of the same project).",
        "Line 112 of the file contains an English 'and' inside Chinese text (优化城乡功能布局 and 空间结构).",
    ],
)

# ---------------------------------------------------------------------------------------------------------
# 001 山东省碳达峰实施方案 (reposted with a news lead that repeats body paragraphs)
# ---------------------------------------------------------------------------------------------------------
p = Plan("001_40642d69bb00dfe7", "一、总体要求")
R = ("山东省", "370000")
P = []
P.append(
    project(
        p,
        "鲁北盐碱滩涂地风光储输一体化基地",
        "打造鲁北盐碱滩涂地风光储输一体化基地",
        "solar",
        prec="region",
        alt={"category": ["wind"]},
        note="wind-solar-storage-transmission base across several northern cities",
    )
)
P.append(
    project(
        p,
        "鲁西南采煤沉陷区百万千瓦级“光伏+”基地",
        "鲁西南采煤沉陷区百万千瓦级“光伏+”基地",
        "solar",
        prec="region",
        cap="百万千瓦级",
        aliases=["鲁西南采煤沉陷区百万千瓦级光伏+基地", "鲁西南采煤沉陷区光伏基地"],
    )
)
for zone in ("渤中", "半岛南", "半岛北"):
    P.append(
        project(
            p,
            f"{zone}海上风电基地",
            "以渤中、半岛南、半岛北三大片区为重点",
            "wind",
            prec="region",
            off=True,
            aliases=[f"{zone}片区海上风电基地", f"{zone}海上风电"],
            note="one of the three offshore zones of the 千万千瓦级海上风电基地; the size class is the"
            " whole base's, so the zone has no capacity of its own",
        )
    )
P.append(
    project(
        p,
        "胶东半岛千万千瓦级核电基地",
        "围绕打造胶东半岛千万千瓦级核电基地",
        "nuclear",
        prec="region",
        cap="千万千瓦级",
        aliases=["胶东半岛核电基地"],
    )
)
P.append(
    project(
        p,
        "海阳核电厂址",
        "全力推进海阳、荣成等核电厂址开发",
        "nuclear",
        county="海阳市",
        aliases=["海阳核电"],
        alt={"precision": ["site"]},
    )
)
P.append(
    project(
        p,
        "荣成核电厂址",
        "全力推进海阳、荣成等核电厂址开发",
        "nuclear",
        county="荣成市",
        aliases=["荣成核电"],
        alt={"precision": ["site"]},
    )
)
P.append(
    project(
        p,
        "陇东至山东±800千伏特高压直流输变电工程",
        "加快陇东至山东±800千伏特高压直流输变电工程建设",
        "grid",
        prec="province",
        aliases=["陇东至山东特高压直流输变电工程", "陇东—山东±800千伏特高压直流工程"],
        alt={"precision": ["region"]},
        note="line from 陇东 (Gansu) into Shandong; the landing point is not written",
    )
)
P.append(
    project(
        p,
        "日临钢铁产业基地",
        "加快建设“日临”“莱泰”两大钢铁产业基地",
        "industry",
        prec="region",
        aliases=["“日临”钢铁产业基地"],
        note="日照-临沂",
    )
)
P.append(
    project(
        p,
        "莱泰钢铁产业基地",
        "加快建设“日临”“莱泰”两大钢铁产业基地",
        "industry",
        prec="region",
        aliases=["“莱泰”钢铁产业基地"],
        note="莱芜-泰安",
    )
)
P.append(
    project(
        p,
        "京杭运河黄河以北段复航",
        "推进京杭运河黄河以北段适宜河段复航",
        "transport",
        prec="region",
        aliases=["京杭运河黄河以北段适宜河段复航"],
    )
)
T = [
    target(p, R, "other", 13, "%", 2025, "非化石能源消费比重提高至13%左右", label="非化石能源消费比重"),
    target(
        p, R, "other", 14.5, "%", 2025, "二氧化碳排放分别比2020年下降14.5%、20.5%", label="单位GDP能耗下降"
    ),
    target(
        p,
        R,
        "other",
        20.5,
        "%",
        2025,
        "二氧化碳排放分别比2020年下降14.5%、20.5%",
        label="单位GDP二氧化碳排放下降",
    ),
    target(p, R, "other", 20, "%", 2030, "非化石能源消费占比达到20%左右", label="非化石能源消费比重"),
    target(
        p,
        R,
        "other",
        68,
        "%",
        2030,
        "单位地区生产总值二氧化碳排放比2005年下降68%以上",
        label="单位GDP二氧化碳排放比2005年下降",
    ),
    target(p, R, "solar", 95000, "MW", 2030, "光伏发电、风电、核电、生物质发电装机分别达到"),
    target(p, R, "wind", 45000, "MW", 2030, "光伏发电、风电、核电、生物质发电装机分别达到"),
    target(p, R, "nuclear", 10000, "MW", 2030, "光伏发电、风电、核电、生物质发电装机分别达到"),
    target(p, R, "biomass", 5000, "MW", 2030, "光伏发电、风电、核电、生物质发电装机分别达到"),
    target(
        p, R, "other", 295, "gce/kWh", 2025, "平均供电煤耗降至295克标准煤/千瓦时左右", label="煤电供电煤耗"
    ),
    target(p, R, "gas", 45, "bcm/a", 2030, "天然气综合保供能力达到450亿立方米"),
    target(p, R, "other", 200000000, "MWh", 2030, "接纳省外电量达到2000亿千瓦时", label="接纳省外电量"),
    target(p, R, "other", 35, "%", 2030, "可再生能源电量占比达到35%", label="省外来电可再生能源电量占比"),
    target(p, R, "storage", 10000, "MW", 2030, "新型储能设施、抽水蓄能装机规模均达到1000万千瓦"),
    target(p, R, "pumped_storage", 10000, "MW", 2030, "新型储能设施、抽水蓄能装机规模均达到1000万千瓦"),
    target(p, R, "other", 7500, "MW", 2030, "需求侧响应能力达到750万千瓦左右", label="需求侧响应能力"),
    target(p, R, "other", 70, "%", 2025, "沿海地区钢铁产能占比力争达到70%", label="沿海地区钢铁产能占比"),
    target(
        p, R, "other", 12500, "kWh/t", 2025, "电解铝吨铝电耗争取下降至12500千瓦时左右", label="电解铝吨铝电耗"
    ),
    target(p, R, "other", 5, "亿平方米", 2025, "新增绿色建筑5亿平方米", label="新增绿色建筑"),
    target(p, R, "other", 8, "%", 2025, "城镇建筑可再生能源替代率达到8%", label="城镇建筑可再生能源替代率"),
    target(
        p,
        R,
        "other",
        50,
        "%",
        2025,
        "新建厂房屋顶光伏覆盖率达到50%",
        label="新建公共机构、厂房屋顶光伏覆盖率",
    ),
    target(p, R, "other", 15, "%", 2025, "集装箱铁水联运量年均增长15%以上", label="集装箱铁水联运量年均增长"),
    target(
        p,
        R,
        "other",
        70,
        "%",
        2025,
        "大宗货物绿色运输方式比例达到70%以上",
        label="沿海港口大宗货物绿色运输比例",
    ),
    target(p, R, "other", 70, "%", 2025, "绿色出行创建城市绿色出行比例达到70%以上", label="绿色出行比例"),
    target(p, R, "other", 100, "%", 2030, "新能源车辆比例为100%", label="新增更新公交新能源比例"),
    target(
        p,
        R,
        "other",
        80,
        "%",
        2030,
        "出租新能源和清洁能源车辆比例不低于80%",
        label="新增更新出租车清洁能源比例",
    ),
    target(
        p, R, "other", 10, "%", 2030, "碳排放强度比2020年分别降低10%、5%左右", label="营运车辆碳排放强度降低"
    ),
    target(p, R, "other", 5, "%", 2030, "碳排放强度比2020年分别降低10%、5%左右", label="船舶碳排放强度降低"),
    target(p, R, "other", 200, "Mt", 2030, "大宗固废年利用量达到2亿吨", label="大宗固废年利用量"),
    target(p, R, "other", 50, "Mt", 2030, "再生资源产品利用量达到5000万吨", label="再生资源利用量"),
]
B = [
    borderline(
        p,
        "千万千瓦级风光火储一体化电源基地（陇东）",
        "配套建设千万千瓦级风光火储一体化电源基地",
        "named only as the line's supporting base, outside Shandong",
        "solar",
    ),
    borderline(
        p,
        "第四条特高压直流通道",
        "适时启动第四条特高压直流通道论证建设",
        "no place, only under study",
        "grid",
    ),
    borderline(
        p,
        "“氢进万家”科技示范工程",
        "实施“氢进万家”科技示范工程",
        "a named programme without a place",
        "hydrogen",
    ),
    borderline(
        p,
        "鲁中南山地丘陵区生态屏障",
        "加快鲁中南和鲁东山地丘陵区两大生态屏障建设",
        "regional ecological-barrier concept",
        "ecology",
    ),
    borderline(
        p,
        "鲁东山地丘陵区生态屏障",
        "加快鲁中南和鲁东山地丘陵区两大生态屏障建设",
        "regional ecological-barrier concept",
        "ecology",
    ),
    borderline(
        p,
        "氢燃料电池公交车运行（济南、青岛、潍坊、济宁、聊城、滨州）",
        "在济南、青岛、潍坊、济宁、聊城、滨州等市推进氢燃料电池公交车的运行",
        "deployment programme in six cities, not a facility",
        "transport",
    ),
    borderline(
        p,
        "黄渤海蓝碳监测和评估研究中心",
        "黄渤海蓝碳监测和评估研究中心",
        "a research institution, not a project",
        "ecology",
    ),
]
write(
    p,
    R,
    P,
    T,
    B,
    notes=[
        "The news lead (first paragraphs) repeats body text verbatim, e.g. the 2025 building targets: counted once.",
        "No document-wide responsibility rule; every clause lists its own 责任单位.",
        "The plan names few sites: most of its projects are regional bases and zones (precision region).",
    ],
)

# ---------------------------------------------------------------------------------------------------------
# 002 东营市碳达峰工作方案 (reposted with a news lead that repeats body paragraphs)
# ---------------------------------------------------------------------------------------------------------
p = Plan("002_afad6566bc5c7fb1", "一、总体要求")
R = ("东营市", "370500")
# 以下任务均需各县区政府、市属开发区管委会、省黄三角农高区管委会负责落实，不再列出: stated at the end of clause
# 三(一)1, which already lists the three itself; it applies to every later clause.
p.rules.append((p.find("1．大力发展新能源"), ["各县区政府", "市属开发区管委会", "省黄三角农高区管委会"]))
P = []
P.append(
    project(
        p,
        "鲁北盐碱滩涂地千万千瓦级风光储输一体化基地",
        "加快鲁北盐碱滩涂地千万千瓦级风光储输一体化基地建设",
        "solar",
        prec="region",
        cap="千万千瓦级",
        alt={"category": ["wind"]},
        aliases=["鲁北盐碱滩涂地风光储输一体化基地"],
    )
)
P.append(
    project(
        p,
        "河口区国家级整县制屋顶分布式光伏规模化开发试点",
        "推进河口区国家级整县制屋顶分布式光伏规模化开发试点",
        "solar",
        county="河口区",
        aliases=["河口区整县制屋顶分布式光伏规模化开发试点", "河口区整县屋顶分布式光伏"],
    )
)
P.append(
    project(
        p,
        "渤中海上风电项目",
        "全力推动渤中海上风电项目建设",
        "wind",
        prec="region",
        off=True,
        aliases=["渤中海上风电基地"],
    )
)
P.append(project(p, "“气化东营”工程", "扎实推进“气化东营”工程建设", "gas_pipeline", aliases=["气化东营工程"]))
P.append(
    project(
        p,
        "东营港LNG接收站及外输管道",
        "有序推进东营港LNG接收站及外输管道建设",
        "lng",
        county="河口区",
        prec="site",
        aliases=["东营港LNG接收站"],
        alt={"precision": ["county", "city"], "county": [None]},
        note="东营港 lies in 河口区 (东营港经济开发区)",
    )
)
P.append(
    project(
        p,
        "东营港大型原油码头",
        "推进东营港大型原油码头建设",
        "oil",
        county="河口区",
        prec="site",
        alt={"precision": ["county", "city"], "county": [None], "category": ["transport"]},
    )
)
P.append(
    project(
        p,
        "中海油千万方原油储备基地",
        "发挥中海油千万方原油储备基地",
        "oil",
        owner="中海油",
        cap="千万方",
        alt={"precision": ["site"]},
        note="existing facility named in the plan; 千万方 = 10 million m3,"
        " a volume outside the normalized units",
    )
)
P.append(
    project(
        p,
        "胜利油田东营原油库",
        "胜利油田东营原油库",
        "oil",
        owner="胜利油田",
        alt={"precision": ["site"], "owner": ["中石化", None]},
    )
)
P.append(
    project(
        p,
        "国家管网东营输油站及配套管线",
        "国家管网东营输油站及配套管线",
        "oil_pipeline",
        owner="国家管网",
        alt={"precision": ["site"], "category": ["oil"]},
    )
)
P.append(
    project(
        p,
        "日京管道广饶支线",
        "推进日京管道广饶支线、东营至淄博炼厂支线建设",
        "oil_pipeline",
        county="广饶县",
        note="branch of the 日照—京博 crude pipeline to 广饶",
    )
)
P.append(
    project(
        p,
        "东营至淄博炼厂支线",
        "推进日京管道广饶支线、东营至淄博炼厂支线建设",
        "oil_pipeline",
        alt={"precision": ["region"]},
        note="line from 东营 to a refinery in 淄博",
    )
)
P.append(
    project(
        p,
        "500千伏渤海输变站",
        "配套建设500千伏渤海输变站",
        "grid",
        aliases=["500千伏渤海输变电站", "渤海输变站"],
        alt={"precision": ["site"]},
        note="渤海 is the substation's name, not a place that can be located",
    )
)
P.append(
    project(
        p,
        "220千伏富国—裕民线路",
        "220千伏富国—裕民线路",
        "grid",
        aliases=["富国—裕民线路"],
        alt={"precision": ["site", "township"]},
        note="line between the 富国 and 裕民 substations",
    )
)
P.append(
    project(
        p,
        "中国中化山东化工原料基地",
        "加快推进中国中化山东化工原料基地",
        "oil",
        owner="中国中化",
        alt={"category": ["industry"], "owner": ["中化", None]},
    )
)
P.append(
    project(
        p,
        "利华益高端化工及新材料产业园",
        "利华益高端化工及新材料产业园",
        "industry",
        owner="利华益",
        alt={"category": ["oil"], "owner": [None]},
    )
)
P.append(
    project(
        p,
        "鲁北高端石化产业基地核心区",
        "打造以东营港经济开发区为主体的鲁北高端石化产业基地核心区",
        "oil",
        county="河口区",
        alt={"category": ["industry"], "precision": ["site", "region"], "county": [None]},
        note="core area = 东营港经济开发区 (in 河口区)",
    )
)
P.append(
    project(
        p,
        "东营海上风电装备制造产业园",
        "加快实施东营海上风电装备制造产业园",
        "industry",
        alt={"category": ["wind"]},
    )
)
P.append(
    project(
        p,
        "华东智能网联汽车试验场项目",
        "加快推进华东智能网联汽车试验场项目",
        "industry",
        alt={"category": ["transport"]},
    )
)
P.append(
    project(
        p,
        "东营港区一突堤铁路专用线项目",
        "推进东营港区一突堤铁路专用线项目建设",
        "transport",
        county="河口区",
        prec="site",
        alt={"precision": ["county", "city"], "county": [None]},
    )
)
P.append(
    project(
        p, "利津县国家大宗固废综合利用基地", "依托利津县国家大宗固废综合利用基地", "circular", county="利津县"
    )
)
P.append(
    project(
        p,
        "国家级稀土催化研究院贵金属循环利用项目",
        "支持国家级稀土催化研究院贵金属循环利用项目建设",
        "circular",
        alt={"precision": ["site"]},
    )
)
P.append(
    project(
        p,
        "黄河口国家公园",
        "高质量推进黄河口国家公园建设",
        "ecology",
        prec="city",
        also=["建立以黄河口国家公园为主体的自然保护地体系", "以黄河口国家公园为主体，持续推进"],
        alt={"precision": ["region", "county"], "county": ["垦利区", "河口区"]},
        note="spans 垦利区 and 河口区",
    )
)
P.append(
    project(
        p,
        "胜利发电厂100万吨/年二氧化碳捕集与利用工程",
        "加快胜利发电厂100万吨/年二氧化碳捕集与利用工程实施",
        "ccus",
        cap="100万吨/年",
        val=1.0,
        unit="Mt/a",
        owner=None,
        aliases=["胜利发电厂二氧化碳捕集与利用工程", "胜利发电厂CCUS工程"],
        alt={"precision": ["site"], "owner": ["胜利油田", "中石化"]},
    )
)
P.append(
    project(
        p,
        "黄河三角洲国家级自然保护区南部海洋生态保护修复项目",
        "黄河三角洲国家级自然保护区南部海洋生态保护修复项目",
        "ecology",
        alt={"precision": ["region", "site"]},
    )
)
P.append(
    project(
        p,
        "河口区北部海岸带生态系统保护修复项目",
        "河口区北部海岸带生态系统保护修复项目",
        "ecology",
        county="河口区",
    )
)
T = [
    target(p, R, "other", 13, "%", 2025, "非化石能源消费比重提高至13%左右", label="非化石能源消费比重"),
    target(p, R, "other", 16.2, "%", 2025, "单位地区生产总值能耗比2020年下降16.2%", label="单位GDP能耗下降"),
    target(p, R, "renewable", 25000, "MW", 2030, "可再生能源发电装机规模达到2500万千瓦"),
    target(p, R, "other", 295, "gce/kWh", 2025, "平均供电煤耗降至295克标准煤/千瓦时", label="煤电供电煤耗"),
    target(
        p,
        R,
        "other",
        25,
        "%",
        2025,
        "油气开采二氧化碳排放总量降低25%以上",
        label="油气开采二氧化碳排放总量降低",
    ),
    target(p, R, "other", 45, "%", 2025, "化工企业入园率达到45%", label="化工企业入园率"),
    target(
        p, R, "other", 40, "%", 2025, "全市新开工装配式建筑占新建建筑比例达到40%以上", label="装配式建筑比例"
    ),
    target(
        p, R, "other", 1200, "万平方米", 2025, "“十四五”期间新增绿色建筑1200万平方米", label="新增绿色建筑"
    ),
    target(
        p,
        R,
        "other",
        335,
        "万平方米",
        2025,
        "完成335万平方米以上城区（县城）既有建筑能效提升",
        label="既有建筑能效提升面积",
    ),
    target(
        p,
        R,
        "other",
        70,
        "%",
        2025,
        "东营港大宗货物绿色运输比例达到70%以上",
        label="东营港大宗货物绿色运输比例",
    ),
    target(
        p, R, "other", 100, "%", 2025, "新能源及清洁能源占比达到100%", label="新增更新公交出租车新能源比例"
    ),
    target(p, R, "other", 4, "家", 2025, "完成4家生态工业园区创建", label="生态工业园区"),
    target(p, R, "other", 35, "%", 2025, "全市城市生活垃圾回收利用率达到35%以上", label="生活垃圾回收利用率"),
    target(p, R, "other", 43.5, "%", 2025, "全市大陆自然岸线保有率不低于43.5%", label="大陆自然岸线保有率"),
    target(p, R, "other", 95, "%", 2025, "全市农作物秸秆综合利用率稳定在95%以上", label="秸秆综合利用率"),
    target(p, R, "other", 93, "%", 2025, "畜禽粪污综合利用率稳定在93%以上", label="畜禽粪污综合利用率"),
    target(p, R, "ccus", 3, "Mt/a", 2025, "二氧化碳驱油封存注入能力分别达到300万吨、1000万吨级规模"),
    target(p, R, "ccus", 10, "Mt/a", 2030, "二氧化碳驱油封存注入能力分别达到300万吨、1000万吨级规模"),
]
B = [
    borderline(
        p,
        "“三基地、一示范区”大型集中式光伏发电项目",
        "积极布局建设“三基地、一示范区”大型集中式光伏发电项目",
        "a named set of bases whose places are not written",
        "solar",
    ),
    borderline(
        p,
        "海上漂浮式光伏试点",
        "海上漂浮式光伏试点和桩基式海上光伏项目建设",
        "offshore PV without a place",
        "solar",
    ),
    borderline(
        p,
        "桩基式海上光伏项目",
        "海上漂浮式光伏试点和桩基式海上光伏项目建设",
        "offshore PV without a place",
        "solar",
    ),
    borderline(
        p,
        "胜利油田绿色油田",
        "支持胜利油田开展勘探开发领域绿色低碳技术应用",
        "an enterprise-wide programme (创建绿色油田), not a facility",
        "oil",
    ),
    borderline(
        p,
        "国家绿色循环能源石化产业基地",
        "大力推动国家绿色循环能源石化产业基地建设",
        "a designation-style base without a place",
        "oil",
    ),
    borderline(
        p,
        "百万吨级CCUS全产业链示范基地",
        "打造国内最大的百万吨级CCUS全产业链示范基地",
        "city-wide CCUS base without a place or proper name",
        "ccus",
    ),
    borderline(
        p,
        "黄河三角洲海洋碳汇示范试点",
        "开展黄河三角洲海洋碳汇示范试点",
        "a survey/pilot programme",
        "ecology",
    ),
    borderline(
        p,
        "国家盐碱地综合利用技术创新中心",
        "推进国家盐碱地综合利用技术创新中心等科研机构建设",
        "a research institution",
        "other",
    ),
    borderline(
        p,
        "山东省碳捕集利用与封存重点实验室",
        "加快建设山东省碳捕集利用与封存重点实验室",
        "a laboratory",
        "ccus",
    ),
]
write(
    p,
    R,
    P,
    T,
    B,
    notes=[
        "Document-wide rule (以下任务均需各县区政府、市属开发区管委会、省黄三角农高区管委会负责落实，不再列出) sits in"
        " clause 三(一)1's parenthesis, after that clause's own list; applies to every clause.",
        "The news lead repeats the building and rural paragraphs of 三(四); nothing named in them.",
        "Responsible-unit lists mix departments with bodies outside the city government (省黄河三角洲可持续发展研究院,"
        " 黄河河口管理局, 东营海事局).",
    ],
)

# ---------------------------------------------------------------------------------------------------------
# 003 国家碳达峰试点（烟台）实施方案 (docx conversion: [bookmark: ...] debris, no 专栏)
# ---------------------------------------------------------------------------------------------------------
p = Plan("003_4513322e4e7ef2fd", "一、指导思想")
R = ("烟台市", "370600")
P = []
OWN_ALT = {"owner": [None]}
P.append(
    project(
        p,
        "山东海阳核电项目",
        "积极稳妥推进山东海阳核电、山东招远核电等核电项目建设",
        "nuclear",
        county="海阳市",
        aliases=["山东海阳核电", "海阳核电"],
        alt={"precision": ["site"]},
    )
)
P.append(
    project(
        p,
        "山东招远核电项目",
        "积极稳妥推进山东海阳核电、山东招远核电等核电项目建设",
        "nuclear",
        county="招远市",
        aliases=["山东招远核电", "招远核电"],
        alt={"precision": ["site"]},
    )
)
for zone in ("渤中", "半岛南", "半岛北"):
    P.append(
        project(
            p,
            f"{zone}海上风电基地",
            "以渤中、半岛南、半岛北三大片区为重点",
            "wind",
            prec="region",
            off=True,
            aliases=[f"{zone}片区海上风电基地", f"{zone}海上风电"],
        )
    )
for owner in ("华能", "三峡", "上海电气"):
    P.append(
        project(
            p,
            f"{owner}海上风电项目",
            "推进华能、三峡、上海电气等海上风电项目建设",
            "wind",
            off=True,
            owner=owner,
            alt={"precision": ["region"]},
            note="named by its developer; zone not tied to a developer in the text",
        )
    )
for county, short in (("海阳市", "海阳"), ("牟平区", "牟平"), ("蓬莱区", "蓬莱"), ("龙口市", "龙口")):
    P.append(
        project(
            p,
            f"{short}海上风电基地",
            "加快海阳、牟平、蓬莱、龙口等海上风电基地建设",
            "wind",
            county=county,
            off=True,
        )
    )
P.append(
    project(
        p,
        "中国海上风电国际母港",
        "推进中国海上风电国际母港、中国重装装备出口中心",
        "industry",
        county="蓬莱区",
        aliases=["海上风电国际母港"],
        also=["打造立足烟台、辐射全国、面向世界的中国海上风电国际母港"],
        alt={"category": ["wind", "transport"], "precision": ["city"], "county": [None]},
        note="the second mention (三(八)4) places it in 蓬莱",
    )
)
P.append(project(p, "中国重装装备出口中心", "中国重装装备出口中心", "industry"))
P.append(
    project(p, "北方海上风电智慧运维中心", "北方海上风电智慧运维中心", "industry", alt={"category": ["wind"]})
)
P.append(
    project(
        p, "山东省海上风电研发检测中心", "山东省海上风电研发检测中心", "industry", alt={"category": ["wind"]}
    )
)
for county, short in (("福山区", "福山"), ("莱州市", "莱州"), ("海阳市", "海阳")):
    P.append(
        project(
            p,
            f"{short}整县屋顶分布式光伏",
            "积极推动福山、莱州、海阳等区市整县屋顶分布式光伏建设",
            "solar",
            county=county,
            aliases=[f"{short}整县屋顶分布式光伏项目"],
        )
    )
P.append(
    project(
        p,
        "中石化龙口LNG基地",
        "推进中石化龙口、国家管网南山、西港区3个LNG基地建设",
        "lng",
        county="龙口市",
        owner="中石化",
        aliases=["中石化龙口LNG接收站"],
    )
)
P.append(
    project(
        p,
        "国家管网南山LNG基地",
        "推进中石化龙口、国家管网南山、西港区3个LNG基地建设",
        "lng",
        owner="国家管网",
        aliases=["国家管网南山LNG接收站", "国家管网龙口南山LNG基地"],
        alt={"county": ["龙口市"], "precision": ["county", "site"]},
        note="南山 (龙口) is not an admin name; the text gives no county",
    )
)
P.append(
    project(
        p,
        "西港区LNG基地",
        "推进中石化龙口、国家管网南山、西港区3个LNG基地建设",
        "lng",
        county="龙口市",
        prec="site",
        aliases=["烟台港西港区LNG基地", "西港区LNG接收站"],
        alt={"precision": ["county", "city"], "county": [None]},
        note="烟台港西港区 lies in 龙口市",
    )
)
P.append(
    project(
        p,
        "莱州风光电制绿氢大基地",
        "研究推进莱州风光电制绿氢大基地建设",
        "hydrogen",
        county="莱州市",
        aliases=["莱州绿氢基地"],
    )
)
P.append(
    project(
        p,
        "中兴电力蓬莱一期燃煤电厂项目",
        "加快推进中兴电力蓬莱一期、国家能源蓬莱二期等大型清洁高效燃煤电厂项目建设",
        "coal_power",
        county="蓬莱区",
        owner="中兴电力",
        aliases=["中兴电力蓬莱一期", "中兴电力蓬莱一期项目"],
        alt={"precision": ["site"]},
    )
)
P.append(
    project(
        p,
        "国家能源蓬莱二期燃煤电厂项目",
        "加快推进中兴电力蓬莱一期、国家能源蓬莱二期等大型清洁高效燃煤电厂项目建设",
        "coal_power",
        county="蓬莱区",
        owner="国家能源",
        aliases=["国家能源蓬莱二期", "国家能源蓬莱二期项目"],
        alt={"precision": ["site"], "owner": ["国家能源集团"]},
    )
)
P.append(
    project(
        p,
        "八角电厂“三改联动”改造",
        "积极推动八角电厂等煤电机组节能降碳改造",
        "coal_power",
        aliases=["八角电厂", "八角电厂煤电机组改造"],
        alt={"precision": ["site", "township"]},
        note="八角 is a 街道 of 烟台经济技术开发区; the text names only the plant",
    )
)
for county, short in (("牟平区", "牟平"), ("莱州市", "莱州"), ("海阳市", "海阳")):
    P.append(
        project(
            p,
            f"{short}区域性独立储能中心",
            "在东部（牟平）、西部（莱州）和南部（海阳）三个区域布局电网负荷侧大规模区域性独立储能中心",
            "storage",
            county=county,
            aliases=[f"{short}大规模区域性独立储能中心"],
        )
    )
# (二) industry
P.append(
    project(
        p,
        "万华新材料低碳产业园",
        "推进万华新材料低碳产业园、海阳零碳工业园",
        "industry",
        owner="万华",
        also=["万华新材料低碳产业园三大千亿级园区"],
        alt={"owner": [None], "precision": ["site"]},
    )
)
P.append(project(p, "海阳零碳工业园", "海阳零碳工业园", "industry", county="海阳市"))
P.append(
    project(
        p,
        "东方电子零碳智能产业园",
        "东方电子零碳智能产业园",
        "industry",
        owner="东方电子",
        alt={"owner": [None], "precision": ["site"]},
    )
)
P.append(project(p, "福山新能源汽车产业园", "福山新能源汽车产业园", "industry", county="福山区"))
P.append(project(p, "招远绿色低碳智能制造产业园", "招远绿色低碳智能制造产业园", "industry", county="招远市"))
P.append(
    project(
        p,
        "裕龙石化产业园",
        "依托裕龙石化产业园、烟台化工产业园、万华新材料低碳产业园三大千亿级园区",
        "oil",
        county="龙口市",
        prec="site",
        alt={"category": ["industry"], "precision": ["county", "city"], "county": [None]},
        note="裕龙 = 裕龙岛, in 龙口市",
    )
)
P.append(project(p, "烟台化工产业园", "烟台化工产业园", "industry", alt={"category": ["oil"]}))
P.append(
    project(
        p,
        "黄渤海南岸高端低碳石化产业基地",
        "打造黄渤海南岸高端低碳石化产业基地",
        "oil",
        alt={"category": ["industry"], "precision": ["region"]},
    )
)
P.append(
    project(
        p,
        "裕龙岛炼化一体化石化产业基地",
        "打造裕龙岛炼化一体化石化产业基地",
        "oil",
        county="龙口市",
        prec="site",
        alt={"precision": ["county"]},
    )
)
P.append(
    project(p, "福山生态绿色创新示范基地", "依托福山生态绿色创新示范基地建设", "industry", county="福山区")
)
# (三) buildings, heat
P.append(
    project(
        p,
        "万华工业园工业余热供暖",
        "推动万华工业园、恒邦冶炼等工业余热供暖规模化利用",
        "heat",
        owner="万华",
        aliases=["万华工业园余热供暖项目"],
        alt={"owner": [None], "precision": ["site"]},
    )
)
P.append(
    project(
        p,
        "恒邦冶炼工业余热供暖",
        "推动万华工业园、恒邦冶炼等工业余热供暖规模化利用",
        "heat",
        owner="恒邦",
        aliases=["恒邦冶炼余热供暖项目"],
        alt={"owner": [None, "恒邦冶炼"], "precision": ["site"]},
    )
)
P.append(
    project(
        p,
        "海阳跨区域核能供热工程",
        "加快推进海阳跨区域核能供热工程",
        "heat",
        county="海阳市",
        alt={"category": ["nuclear"]},
    )
)
# (四) transport
P.append(
    project(
        p,
        "烟台机场二期项目",
        "加快推进烟台机场二期项目建设",
        "transport",
        alt={"precision": ["site"], "county": ["蓬莱区"]},
        note="烟台蓬莱国际机场 lies in 蓬莱区; the text says only 烟台",
    )
)
# (五) circular
P.append(
    project(
        p,
        "烟台资源再生加工区国家“城市矿产”示范基地",
        "烟台资源再生加工区国家“城市矿产”示范基地",
        "circular",
        aliases=["烟台资源再生加工区"],
        alt={"precision": ["site"]},
    )
)
P.append(
    project(
        p,
        "“中国金都”尾矿资源化利用示范基地",
        "建立“中国金都”尾矿资源化利用示范基地",
        "circular",
        aliases=["中国金都尾矿资源化利用示范基地"],
        alt={"county": ["莱州市", "招远市"], "precision": ["county", "region"]},
        note="one base, to be sited in 莱州、招远等区市",
    )
)
# (六) carbon sinks
P.append(
    project(
        p,
        "长岛“蓝色粮仓”海洋经济开发区",
        "加快建设长岛“蓝色粮仓”海洋经济开发区",
        "other",
        county="蓬莱区",
        aliases=["长岛蓝色粮仓海洋经济开发区"],
        alt={"category": ["ecology"], "precision": ["site", "region"]},
        note="长岛 merged into 蓬莱区",
    )
)
P.append(
    project(p, "烟台苹果低碳核心示范园", "建设烟台苹果低碳核心示范园", "ecology", alt={"category": ["other"]})
)
# (八) demonstration areas
P.append(
    project(
        p,
        "长岛国际零碳岛",
        "1.建设长岛国际零碳岛",
        "other",
        county="蓬莱区",
        also=["长岛国际零碳岛主导产业"],
        alt={"precision": ["site", "region"]},
    )
)
P.append(
    project(
        p,
        "长岛综试区生态系统保护和修复",
        "实施长岛综试区生态系统保护和修复",
        "ecology",
        county="蓬莱区",
        alt={"precision": ["site", "region"]},
    )
)
P.append(
    project(
        p,
        "丁字湾新型能源创新区",
        "2.建设丁字湾新型能源创新区",
        "other",
        prec="region",
        alt={"county": ["海阳市", "莱阳市"], "precision": ["county", "city"]},
        note="丁字湾 lies between 海阳 and 莱阳 (the two responsible governments)",
    )
)
P.append(
    project(
        p,
        "海阳核电装备制造工业园",
        "集约集聚发展海阳核电装备制造工业园",
        "industry",
        county="海阳市",
        alt={"precision": ["site", "township"]},
    )
)
P.append(project(p, "海阳东方航天港产业园", "海阳东方航天港产业园", "industry", county="海阳市"))
P.append(
    project(
        p,
        "莱阳丁字湾滨海新区",
        "莱阳丁字湾滨海新区",
        "industry",
        county="莱阳市",
        alt={"category": ["other"]},
    )
)
P.append(
    project(
        p,
        "烟台“3060”创新区",
        "3.创建烟台“3060”创新区",
        "other",
        aliases=["“3060”创新区", "烟台3060创新区"],
        alt={"county": ["莱山区"], "precision": ["county"]},
        note="only the responsible unit (莱山区政府) hints at the place",
    )
)
P.append(
    project(
        p,
        "夹河·幸福新城全域绿色低碳发展示范区",
        "5.建设夹河·幸福新城全域绿色低碳发展示范区",
        "other",
        aliases=["夹河幸福新城全域绿色低碳发展示范区", "幸福新城全域绿色低碳发展示范区"],
        alt={"county": ["芝罘区"], "precision": ["county", "township"]},
        note="only the responsible unit (芝罘区政府) hints at the place",
    )
)
T = [
    target(p, R, "other", 15, "%", 2025, "非化石能源消费比重提高到15%左右", label="非化石能源消费比重"),
    target(p, R, "other", 58, "%", 2030, "全市清洁能源装机容量占比达到58%左右", label="清洁能源装机占比"),
    target(p, R, "other", 25, "%", 2030, "非化石能源消费比重达到25%左右", label="非化石能源消费比重"),
    target(p, R, "nuclear", 13000, "MW", 2030, "核电装机容量达到1300万千瓦"),
    target(
        p,
        R,
        "wind",
        3000,
        "MW",
        2025,
        "建成及在建海上风电装机容量达到300万千瓦",
        label="海上风电（建成及在建）",
    ),
    target(
        p,
        R,
        "wind",
        7000,
        "MW",
        2030,
        "建成及在建海上风电装机容量达到700万千瓦",
        label="海上风电（建成及在建）",
    ),
    target(
        p, R, "solar", 9000, "MW", 2025, "建成及在建光伏发电装机容量达到900万千瓦", label="光伏（建成及在建）"
    ),
    target(p, R, "solar", 4100, "MW", 2025, "其中海上410万千瓦", label="其中海上光伏", optional=True),
    target(
        p,
        R,
        "solar",
        18000,
        "MW",
        2030,
        "建成及在建光伏发电装机容量达到1800万千瓦",
        label="光伏（建成及在建）",
    ),
    target(p, R, "lng", 16.5, "Mt/a", 2025, "LNG年接卸能力达到1650万吨"),
    target(p, R, "gas", 23, "bcm/a", 2025, "天然气供应能力达到230亿立方米"),
    target(
        p, R, "other", 295, "gce/kWh", 2025, "平均供电煤耗降至295克标准煤/千瓦时以下", label="煤电供电煤耗"
    ),
    target(p, R, "storage", 800, "MW", 2025, "储能设施装机容量80万千瓦"),
    target(p, R, "storage", 1100, "MW", 2030, "储能设施装机容量达到110万千瓦"),
    target(p, R, "other", 50, "家", 2025, "累计创建省级及以上绿色工厂50家", label="绿色工厂"),
    target(p, R, "other", 5, "家", 2025, "累计创建省级及以上绿色工业园区5家以上", label="绿色工业园区"),
    target(
        p,
        R,
        "other",
        18,
        "%",
        2025,
        "战略性新兴产业增加值占GDP比重达到18%左右",
        label="战略性新兴产业增加值占比",
    ),
    target(p, R, "other", 30, "%", 2025, "实现星级绿色建筑面积占比达到30%", label="星级绿色建筑面积占比"),
    target(p, R, "other", 50, "%", 2030, "到2030年力争达到50%", label="星级绿色建筑面积占比"),
    target(p, R, "other", 8, "%", 2025, "城镇建筑可再生能源替代率达到8%", label="城镇建筑可再生能源替代率"),
    target(p, R, "other", 10, "%", 2030, "到2030年力争达到10%", label="城镇建筑可再生能源替代率"),
    target(p, R, "other", 100, "%", 2030, "城区和县城100%实现清洁取暖", label="清洁取暖率"),
    target(p, R, "other", 90, "%", 2025, "全市主要港口90%以上的集装箱", label="专业化泊位岸电覆盖"),
    target(
        p,
        R,
        "other",
        80,
        "%",
        2025,
        "新增和更新出租车中清洁能源、新能源车辆占比达到80%",
        label="出租车新能源比例",
    ),
    target(p, R, "other", 74, "%", 2025, "绿色出行比例达到74%以上", label="绿色出行比例"),
    target(p, R, "other", 60, "%", 2025, "新增大宗固废综合利用率达到60%", label="新增大宗固废综合利用率"),
    target(p, R, "other", 20, "家", 2025, "建设20家左右绿色低碳领域科创平台", label="科创平台"),
    target(p, R, "other", 80, "%", 2025, "市、县两级党政机关80%以上单位达到创建要求", label="节约型机关"),
]
B = [
    borderline(
        p,
        "千万千瓦级核电示范基地",
        "1.打造千万千瓦级核电示范基地",
        "clause title: a base without a place",
        "nuclear",
    ),
    borderline(
        p, "千万千瓦级风电基地", "2.打造千万千瓦级风电基地", "clause title: a base without a place", "wind"
    ),
    borderline(
        p, "千万千瓦级光伏基地", "3.打造千万千瓦级光伏基地", "clause title: a base without a place", "solar"
    ),
    borderline(
        p,
        "千万吨级LNG基地",
        "4.打造千万吨级LNG基地",
        "clause title: the three named LNG bases together",
        "lng",
    ),
    borderline(
        p,
        "莱州、海阳渔光/盐光/农光综合利用项目示范",
        "充分利用莱州、海阳等区市盐碱滩涂地",
        "types of PV in two counties, no specific project",
        "solar",
    ),
    borderline(
        p,
        "中核集团高温堆大规模制氢",
        "支持中核集团等大型央企在烟探索开展高温堆大规模制氢",
        "exploration by a named developer, no site",
        "hydrogen",
    ),
    borderline(
        p,
        "胶东半岛核能清洁供暖区域一体化",
        "推进胶东半岛核能清洁供暖区域一体化",
        "a regional programme",
        "heat",
    ),
    borderline(
        p,
        "烟台港岸电设施",
        "加快烟台港等港口码头岸电设施建设",
        "a port-wide programme exemplified by 烟台港",
        "transport",
    ),
    borderline(
        p,
        "蓬莱海工研发总装、配套、物流产业园",
        "在蓬莱布局海工研发总装、配套、物流产业园",
        "one park or three (研发总装/配套/物流) is unclear",
        "industry",
    ),
    borderline(
        p,
        "绿色化建材产业园和新型建材研发中心（福山）",
        "构建绿色化建材产业园和新型建材研发中心",
        "parts of the 福山 base, no own name",
        "industry",
    ),
    borderline(
        p,
        "飞龙集团创新研发中心",
        "依托飞龙集团创新研发中心、万华人才中心",
        "existing buildings used as low-energy building demonstrations",
        "other",
    ),
    borderline(
        p,
        "万华人才中心",
        "依托飞龙集团创新研发中心、万华人才中心",
        "existing buildings used as low-energy building demonstrations",
        "other",
    ),
    borderline(
        p,
        "长岛海洋碳汇监测站",
        "以长岛为试点，推动沿海区域建设海洋碳汇监测站",
        "monitoring stations, pilot",
        "ecology",
    ),
    borderline(
        p, "中芬（烟台）数字创新中心", "推动建设中芬（烟台）数字创新中心", "cooperation centre", "other"
    ),
    borderline(
        p, "中丹（烟台）绿色发展合作中心", "中丹（烟台）绿色发展合作中心", "cooperation centre", "other"
    ),
    borderline(
        p,
        "清洁能源高端装备产业园",
        "建设清洁能源高端装备产业园和节能环保产业园",
        "park inside the 3060 创新区, no own name",
        "industry",
    ),
    borderline(
        p,
        "节能环保产业园",
        "建设清洁能源高端装备产业园和节能环保产业园",
        "park inside the 3060 创新区, no own name",
        "industry",
    ),
    borderline(
        p,
        "山东省碳普惠运营分中心（黄渤海新区）",
        "探索在黄渤海新区建设山东省碳普惠运营分中心",
        "an operating office",
        "other",
    ),
]
write(
    p,
    R,
    P,
    T,
    B,
    notes=[
        "No document-wide rule: every clause ends with its own list, usually closed by 有关区市政府、管委 or"
        " 各区市政府、管委 (kept as two units: 有关区市政府 / 管委).",
        "Some responsible units are companies (蓝天集团, 东方电子集团, 山东港口烟台港) and one clause gives only"
        " 海阳市政府、莱阳市政府, others only 莱山区政府 / 蓬莱区政府 / 芝罘区政府: the only hint of the place.",
        "Many [bookmark: _Toc...] / [bookmark: _Hlk...] markers sit at the start of heading lines.",
    ],
)

# ---------------------------------------------------------------------------------------------------------
# 004 淄博市碳达峰工作方案 (reposted with a news lead)
# ---------------------------------------------------------------------------------------------------------
p = Plan("004_04b7c7e4db8a37ee", "一、总体要求")
R = ("淄博市", "370300")
P = [
    project(
        p,
        "齐鲁石化化工区大型高效机组",
        "整合新上齐鲁石化化工区等一批大型高效机组",
        "coal_power",
        county="临淄区",
        prec="site",
        owner="齐鲁石化",
        aliases=["齐鲁石化化工区大型高效煤电机组", "齐鲁石化化工区高效机组"],
        alt={"precision": ["county"], "owner": ["中石化", None]},
        note="齐鲁石化 lies in 临淄区; 煤电机组转型升级 clause",
    ),
    project(
        p,
        "沂源抽水蓄能电站",
        "在沂源等区县规划抽水蓄能电站",
        "pumped_storage",
        county="沂源县",
        aliases=["沂源县抽水蓄能电站"],
    ),
    project(
        p,
        "齐鲁石化转型升级改造项目",
        "积极推进齐鲁石化转型升级改造项目实施",
        "oil",
        county="临淄区",
        prec="site",
        owner="齐鲁石化",
        alt={"precision": ["county"], "owner": ["中石化"]},
    ),
    project(
        p,
        "齐鲁石化碳捕集、利用与封存（CCUS）一体化工程",
        "建设齐鲁石化碳捕集、利用与封存（CCUS）一体化工程等项目",
        "ccus",
        county="临淄区",
        prec="site",
        owner="齐鲁石化",
        aliases=["齐鲁石化CCUS一体化工程", "齐鲁石化碳捕集利用与封存一体化工程"],
        alt={"precision": ["county"], "owner": ["中石化"]},
    ),
]
T = [
    target(p, R, "other", 10, "%", 2025, "非化石能源消费比重提高至10%以上", label="非化石能源消费比重"),
    target(
        p, R, "other", 17.5, "%", 2025, "单位国内生产总值能源消耗比2020年下降17.5%", label="单位GDP能耗下降"
    ),
    target(p, R, "other", 20.5, "%", 2025, "二氧化碳排放较2020年下降20.5%左右", label="二氧化碳排放下降"),
    target(p, R, "other", 20, "%", 2030, "非化石能源消费占比达到20%左右", label="非化石能源消费比重"),
    target(p, R, "solar", 5000, "MW", 2025, "总量达到500万千瓦", label="光伏发电装机总量"),
    target(
        p,
        R,
        "solar",
        4000,
        "MW",
        2025,
        "全市新增光伏发电装机容量400万千瓦以上",
        label="新增光伏发电装机",
        optional=True,
    ),
    target(p, R, "other", 90, "座", 2025, "全市建成或改造综合能源港90座", label="综合能源港"),
    target(
        p, R, "other", 280, "gce/kWh", 2025, "平均供电煤耗降至280克标准煤/千瓦时左右", label="煤电供电煤耗"
    ),
    target(p, R, "gas_power", 800, "MW", 2025, "燃气热电联产机组装机容量达到80万千瓦"),
    target(p, R, "gas", 3, "bcm/a", 2025, "天然气利用量达到30亿立方米"),
    target(p, R, "gas", 4, "bcm/a", 2030, "天然气利用量力争达到40亿立方米"),
    target(p, R, "other", 10, "%", 2025, "消纳比重达到10%", label="可再生能源电力消纳比重"),
    target(p, R, "storage", 1000, "MW", 2025, "新型储能容量达到100万千瓦"),
    target(p, R, "storage", 3000, "MW", 2030, "力争达到300万千瓦"),
    target(p, R, "other", 50, "家", 2025, "新增50家以上国家、省、市级绿色工厂", label="绿色工厂"),
    target(p, R, "other", 30, "%", 2025, "达到标杆水平的产能比例超过30%", label="两高行业标杆水平产能比例"),
    target(
        p,
        R,
        "other",
        500,
        "万平方米",
        2025,
        "全市新增既有建筑节能改造面积500万平方米",
        label="既有建筑节能改造面积",
    ),
    target(p, R, "other", 10, "%", 2025, "全市多式联运货运量年均增长10%", label="多式联运货运量年均增长"),
    target(p, R, "other", 18.5, "Mt", 2025, "运量达到1850万吨", label="多式联运运量"),
    target(p, R, "other", 8, "个", 2025, "建成8个具有多式联运功能的绿色物流园区", label="绿色物流园区"),
    target(p, R, "other", 80, "%", 2025, "新能源巡游出租车新增和更新比例达到80%", label="出租车新能源比例"),
    target(p, R, "other", 100, "%", 2025, "公交车100%实现新能源化", label="公交车新能源化"),
    target(
        p,
        R,
        "other",
        100,
        "%",
        2025,
        "100%新能源化",
        label="公务用车新能源化",
        at_from="加快公共机构用车新能源化",
    ),
    target(p, R, "other", 4, "万个", 2025, "全市新建各类充电桩4万个以上", label="新建充电桩"),
    target(p, R, "other", 20, "Mt", 2030, "大宗固废年利用量达到2000万吨", label="大宗固废年利用量"),
    target(p, R, "other", 100, "%", 2025, "城镇生活垃圾无害化处理率达到100%", label="生活垃圾无害化处理率"),
]
B = [
    borderline(
        p,
        "整县分布式光伏规模化开发建设试点",
        "开展整县分布式光伏规模化开发建设试点示范",
        "no county named",
        "solar",
    ),
    borderline(
        p, "绿色高端化工产业基地", "积极推进建设绿色高端化工产业基地", "no place or proper name", "industry"
    ),
    borderline(
        p,
        "“氢进万家”科技示范工程",
        "推进“氢进万家”科技示范工程",
        "a named programme without a place",
        "hydrogen",
    ),
]
write(
    p,
    R,
    P,
    T,
    B,
    notes=[
        "No document-wide responsibility rule. The one clause in 四(五) uses 〔〕 brackets and defines 各区县政府"
        " as including 高新区、经济开发区、文昌湖省级旅游度假区管委会 (“下同”): a definition, not a rule that adds units.",
        "Only four named projects; most of the plan is policy. 齐鲁石化 (临淄区) appears in three.",
        "Clause 三(一)3 ends with 市住房城乡建设局 followed by a space before the closing parenthesis; 三(二)4 names"
        " 市住房城乡住建局 (sic).",
    ],
)

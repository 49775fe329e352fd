"""Annotations of short notices and progress news in edge_cases/notices_unseen/ (环评受理/审批公示 with labelled
fields, a 核准批复, a 省重点项目名单 excerpt, 开工 and 并网 news, an EPC 招标公告, a 暂缓/终止 notice, and a
province work plan naming three of the same facilities in other words), written before the rules they led to.
Real counties and townships, invented projects and companies. `status` is the stage the document states."""

from __future__ import annotations

from pathlib import Path

from annotate import Plan, borderline, project, write

NOTICES = Path(__file__).resolve().parent / "edge_cases" / "notices_unseen"
PRE, BUILD, RUN = "pre_construction", "construction", "operating"


def plan(stem: str) -> Plan:
    return Plan(stem, "", folder=NOTICES)


# q1 泗水: 环评受理公示, 项目名称/建设单位/建设地点/建设规模 as labelled lines; the township only in 建设地点.
p = plan("q1_sishui_eia_accept")
P = [
    project(
        p,
        "泗源绿能100MW农光互补光伏发电项目",
        "项目名称：泗源绿能100MW农光互补光伏发电项目",
        "solar",
        county="泗水县",
        town="华村镇",
        cap="100MW",
        val=100.0,
        unit="MW",
        owner="济宁泗源绿能开发有限公司",
        alt={"owner": [None, "泗源绿能", "济宁泗源绿能"]},
        aliases=["泗源绿能农光互补光伏发电项目"],
        status=PRE,
    ),
]
write(p, ("济宁市", "370800"), P, [], [])

# q2 沂水: 环评审批公示, two numbered projects each with labelled lines.
p = plan("q2_yishui_eia_approval")
P = [
    project(
        p,
        "蒙山新能源崔家峪风电场工程",
        "一、蒙山新能源崔家峪风电场工程",
        "wind",
        county="沂水县",
        town="崔家峪镇",
        cap="100MW",
        val=100.0,
        unit="MW",
        owner="沂水蒙山新能源有限公司",
        alt={"owner": [None, "蒙山新能源"]},
        status=PRE,
    ),
    project(
        p,
        "富沃热电生物质热电联产项目",
        "二、富沃热电生物质热电联产项目",
        "biomass",
        county="沂水县",
        town="富官庄镇",
        cap="1×30MW",
        val=30.0,
        unit="MW",
        owner="临沂富沃热电有限公司",
        alt={"owner": [None, "富沃热电"]},
        status=PRE,
    ),
]
write(p, ("临沂市", "371300"), P, [], [])

# q3 昌乐: 关于…项目核准的批复, addressed to the company; place and size in numbered paragraphs.
p = plan("q3_changle_approval")
P = [
    project(
        p,
        "昌乐乔官200兆瓦风电项目",
        "同意建设昌乐乔官200兆瓦风电项目",
        "wind",
        county="昌乐县",
        town="乔官镇",
        cap="200兆瓦",
        val=200.0,
        unit="MW",
        owner="山东乔岭风电有限公司",
        alt={"owner": [None, "山东乔岭风电"]},
        aliases=["昌乐乔官风电项目"],
        status=PRE,
    ),
]
write(p, ("潍坊市", "370700"), P, [], [])

# q4 省重点项目名单: tab rows 序号/项目名称/建设地点/建设内容 under 续建项目 and 准备项目.
p = plan("q4_province_key_list")
P = [
    project(
        p,
        "华昆文登抽水蓄能电站",
        "1	华昆文登抽水蓄能电站",
        "pumped_storage",
        county="文登区",
        town="张家产镇",
        cap="120万千瓦",
        val=1200.0,
        unit="MW",
        owner="华昆",
        alt={"owner": [None]},
        status=BUILD,
    ),
    project(
        p,
        "华澜无棣200万千瓦盐光互补光伏项目",
        "2	华澜无棣200万千瓦盐光互补光伏项目",
        "solar",
        county="无棣县",
        town="埕口镇",
        cap="200万千瓦",
        val=2000.0,
        unit="MW",
        owner="华澜",
        alt={"owner": [None]},
        aliases=["华澜无棣盐光互补光伏项目"],
        status=BUILD,
    ),
    project(
        p,
        "梁山韩岗100兆瓦/200兆瓦时共享储能电站",
        "1	梁山韩岗100兆瓦/200兆瓦时共享储能电站",
        "storage",
        county="梁山县",
        town="韩岗镇",
        cap="100兆瓦/200兆瓦时",
        val=100.0,
        unit="MW",
        aliases=["梁山韩岗共享储能电站"],
        status=PRE,
    ),
    project(
        p,
        "鲁泉新能源平原风储一体化项目",
        "2	鲁泉新能源平原风储一体化项目",
        "wind",
        county="平原县",
        town="王凤楼镇",
        cap="15万千瓦",
        val=150.0,
        unit="MW",
        owner="鲁泉新能源",
        alt={"owner": [None]},
        status=PRE,
    ),
]
write(p, ("山东省", "370000"), P, [], [])

# q5 文登: 开工仪式 news with page furniture; the plant's township is where the ceremony is held.
p = plan("q5_wendeng_groundbreaking")
P = [
    project(
        p,
        "华昆文登抽水蓄能电站",
        "华昆文登抽水蓄能电站主体工程开工仪式",
        "pumped_storage",
        county="文登区",
        town="张家产镇",
        cap="120万千瓦",
        val=1200.0,
        unit="MW",
        owner="华昆抽水蓄能有限公司",
        alt={"owner": [None, "华昆"]},
        aliases=["文登抽水蓄能电站"],
        status=BUILD,
    ),
    project(
        p,
        "文登宋村50兆瓦分散式风电项目",
        "文登宋村50兆瓦分散式风电项目",
        "wind",
        county="文登区",
        town="宋村镇",
        cap="50兆瓦",
        val=50.0,
        unit="MW",
        aliases=["文登宋村分散式风电项目"],
        status=BUILD,
    ),
]
write(p, ("威海市", "371000"), P, [], [])

# q6 无棣: 并网发电 news; first units' size vs the plant's planned total; the base it belongs to is described.
p = plan("q6_wudi_grid")
P = [
    project(
        p,
        "华澜新能源无棣埕口盐光互补光伏电站",
        "华澜新能源无棣埕口盐光互补光伏电站首批50万千瓦机组",
        "solar",
        county="无棣县",
        town="埕口镇",
        cap="200万千瓦",
        val=2000.0,
        unit="MW",
        owner="华澜新能源",
        alt={"owner": [None, "华澜"]},
        aliases=["华澜无棣埕口盐光互补光伏电站", "无棣埕口盐光互补光伏电站"],
        status=RUN,
    ),
]
B = [
    borderline(
        p,
        "鲁北盐碱滩涂地风光储输一体化基地",
        "鲁北盐碱滩涂地风光储输一体化基地的重要组成部分",
        "the base is named only to describe the plant (X是Y的组成部分)",
        "solar",
    )
]
write(p, ("滨州市", "371600"), P, [], B)

# q7 昌乐: EPC 招标公告, numbered 1./2.1 sections, place in 2.1 建设地点.
p = plan("q7_changle_epc_tender")
P = [
    project(
        p,
        "昌乐乔官200MW风电项目",
        "本招标项目昌乐乔官200MW风电项目",
        "wind",
        county="昌乐县",
        town="乔官镇",
        cap="200MW",
        val=200.0,
        unit="MW",
        owner="山东乔岭风电有限公司",
        alt={"owner": [None, "山东乔岭风电"]},
        aliases=["昌乐乔官风电项目"],
        status=PRE,
    ),
]
write(p, ("潍坊市", "370700"), P, [], [])

# q8 沂水: 暂缓建设 notice, and a second project 终止建设 in the same notice.
p = plan("q8_yishui_suspend")
P = [
    project(
        p,
        "临沂富沃热电生物质热电联产项目",
        "临沂富沃热电生物质热电联产项目暂缓建设",
        "biomass",
        county="沂水县",
        town="富官庄镇",
        owner="临沂富沃热电",
        alt={"owner": [None, "临沂富沃热电有限公司", "富沃热电"]},
        aliases=["富沃热电生物质热电联产项目"],
        status="shelved",
    ),
    project(
        p,
        "沂水县夏蔚镇50兆瓦农光互补项目",
        "沂水县夏蔚镇50兆瓦农光互补项目",
        "solar",
        county="沂水县",
        town="夏蔚镇",
        cap="50兆瓦",
        val=50.0,
        unit="MW",
        aliases=["沂水县夏蔚镇农光互补项目"],
        status="cancelled",
    ),
]
write(p, ("临沂市", "371300"), P, [], [])

# q9 province work plan: three of the facilities above named shorter; 推动…建成并网 and 推进…开工建设 in a plan are
# aims (under construction, not yet started), not what has happened.
p = plan("q9_province_energy_plan")
P = [
    project(
        p,
        "文登张家产抽水蓄能电站",
        "文登张家产抽水蓄能电站",
        "pumped_storage",
        county="文登区",
        town="张家产镇",
        status=BUILD,
    ),
    project(p, "潍坊抽水蓄能电站", "潍坊抽水蓄能电站", "pumped_storage", status=BUILD),
    project(
        p,
        "无棣埕口盐光互补项目",
        "无棣埕口盐光互补",
        "solar",
        county="无棣县",
        town="埕口镇",
        status=BUILD,
    ),
    project(
        p,
        "沾化冯家渔光互补项目",
        "沾化冯家渔光互补",
        "solar",
        county="沾化区",
        town="冯家镇",
        status=BUILD,
    ),
    project(
        p,
        "鲁北盐碱滩涂地风光储输一体化基地",
        "在鲁北盐碱滩涂地",
        "solar",
        prec="region",
        cap="千万千瓦级",
        alt={"category": ["wind", "other"]},
        aliases=["鲁北盐碱滩涂地千万千瓦级风光储输一体化基地"],
        status=BUILD,
    ),
    project(
        p,
        "昌乐乔官陆上风电项目",
        "昌乐乔官等陆上风电项目",
        "wind",
        county="昌乐县",
        town="乔官镇",
        aliases=["昌乐乔官风电项目"],
        status=PRE,
    ),
]
write(p, ("山东省", "370000"), P, [], [])

# Second batch, written after the rules the first led to (q10-q12).
# q10 高密: 备案信息公示, each project's fields on one line separated by ；.
p = plan("q10_gaomi_filing")
P = [
    project(
        p,
        "润禾新能源高密柏城50MW分布式光伏项目",
        "项目名称：润禾新能源高密柏城50MW分布式光伏项目",
        "solar",
        county="高密市",
        town="柏城镇",
        cap="50MW",
        val=50.0,
        unit="MW",
        owner="高密润禾新能源科技有限公司",
        alt={"owner": [None, "润禾新能源"]},
        aliases=["润禾新能源高密柏城分布式光伏项目"],
        status=PRE,
    ),
    project(
        p,
        "井沟5万千瓦/10万千瓦时独立储能电站项目",
        "项目名称：井沟5万千瓦/10万千瓦时独立储能电站项目",
        "storage",
        county="高密市",
        town="井沟镇",
        cap="5万千瓦/10万千瓦时",
        val=50.0,
        unit="MW",
        owner="潍坊恒储能源有限公司",
        alt={"owner": [None]},
        aliases=["井沟独立储能电站项目"],
        status=PRE,
    ),
]
write(p, ("潍坊市", "370700"), P, [], [])

# q11 泗水: 竣工环境保护验收公示 of q1's plant, named without its size; 建成并投入试运行.
p = plan("q11_sishui_acceptance")
P = [
    project(
        p,
        "泗源绿能农光互补光伏发电项目",
        "项目名称：泗源绿能农光互补光伏发电项目",
        "solar",
        county="泗水县",
        town="华村镇",
        cap="100MW",
        val=100.0,
        unit="MW",
        owner="济宁泗源绿能开发有限公司",
        alt={"owner": [None, "泗源绿能", "济宁泗源绿能"]},
        status=RUN,
    ),
]
write(p, ("济宁市", "370800"), P, [], [])

# q12 沂水: 集中开工 news naming q2's wind farm and a storage plant with its developer.
p = plan("q12_yishui_groundbreaking")
P = [
    project(
        p,
        "蒙山新能源崔家峪风电场工程",
        "蒙山新能源崔家峪风电场工程总装机容量100MW",
        "wind",
        county="沂水县",
        town="崔家峪镇",
        cap="100MW",
        val=100.0,
        unit="MW",
        owner="蒙山新能源",
        alt={"owner": [None]},
        status=BUILD,
    ),
    project(
        p,
        "沂水许家湖20兆瓦/40兆瓦时储能电站",
        "沂水许家湖20兆瓦/40兆瓦时储能电站",
        "storage",
        county="沂水县",
        town="许家湖镇",
        cap="20兆瓦/40兆瓦时",
        val=20.0,
        unit="MW",
        owner="沂蒙储能科技有限公司",
        alt={"owner": [None]},
        aliases=["沂水许家湖储能电站"],
        status=BUILD,
    ),
]
write(p, ("临沂市", "371300"), P, [], [])

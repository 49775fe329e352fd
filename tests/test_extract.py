"""Extraction rules on small hand-written plan texts (place lookup injected) and on the seed plans."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from geo.extract import extract
from geo.parse import parse_document
from geo.quantities import chinese_to_number, parse_capacity, year_of
from geo.units import responsible_units

# A tiny place table for these texts: surface -> kind. Townships are found only after their county.
PLACES = {
    "潍坊市": "city",
    "潍坊": "city",
    "寿光市": "county",
    "寿光": "county",
    "昌邑": "county",
    "临朐县": "county",
    "临朐": "county",
    "诸城": "county",
    "滨海区": "county",
    "半岛北": "offshore_zone",
    "潍坊港": "port",
}
TOWNSHIPS = {"临朐县": ["九山镇", "五井镇", "沂山镇"]}
RE_PLACES = re.compile("|".join(sorted(map(re.escape, PLACES), key=len, reverse=True)))


def find_places(text: str):
    return [(m.start(), m.end(), m.group(0), PLACES[m.group(0)]) for m in RE_PLACES.finditer(text)]


def find_townships(county: str, rest: str):
    full = county if county.endswith("县") else county + "县"
    return [t for t in TOWNSHIPS.get(full, []) if rest.startswith(t) or rest.startswith(t[:-1])]


def region_of(text: str):
    return ("潍坊市", "370700") if "潍坊" in text else None


def run(text: str):
    doc = parse_document(SimpleNamespace(source="t.txt", text=text), region_of=region_of)
    return extract(doc, find_places, find_townships)


def by_name(result):
    return {p.name: p for p in result.projects}


PLAN = """潍坊市碳达峰工作方案

一、主要目标
到2030年，光伏、风电装机分别达到300万千瓦和二百万千瓦。“十四五”期间，天然气综合保供能力达到20亿立方米。

二、重点任务
（一）能源绿色低碳转型行动
1. 大力发展新能源。加快布局建设抽水蓄能，推动新型储能应用。推进寿光、昌邑、诸城等海上风电基地建设。推进华能潍坊港、国家管网滨海区2个LNG接收站建设。（责任单位：市发展改革委、市能源局。各县市区政府均为责任单位，以下不再列出）
2. 推进电网建设。配套建设500千伏泰和输变站、220千伏甲子—乙丑线路等电网工程。加快某某发电厂100万吨/年二氧化碳捕集与利用工程实施。（责任单位：市发展改革委、国网潍坊供电公
司）

专栏 1：能源重点项目
1. 光伏发电。（1）临朐县九山、五井、沂山集中式光伏项目（2）寿光凯旋、昌邑丰源生物质发电扩建项目
2. 储能。寿光200兆瓦/400兆瓦时电化学储能电站项目。
3. 核电。临朐百万千瓦级光伏基地项目（3）昌邑二十万千瓦风电项目

（二）工业领域碳达峰行动
1. 推动工业低碳。加快寿光LNG接收站建设。（责任单位：市工业和信息化局）
"""


@pytest.fixture(scope="module")
def plan():
    return run(PLAN)


def test_general_goals_are_not_projects(plan):
    names = " ".join(by_name(plan))
    assert "抽水蓄能" not in names
    assert "新型储能" not in names


def test_list_with_etc_gets_the_shared_head(plan):
    projects = by_name(plan)
    for county in ("寿光", "昌邑", "诸城"):
        project = projects[f"{county}海上风电基地"]
        assert project.category == "wind"
        assert project.offshore is True
        assert county in project.places


def test_counted_list_restores_head_and_owner(plan):
    projects = by_name(plan)
    assert projects["华能潍坊港LNG接收站"].owner == "华能"
    assert projects["国家管网滨海区LNG接收站"].owner == "国家管网"
    assert projects["国家管网滨海区LNG接收站"].category == "lng"


def test_townships_in_one_county_become_separate_sites(plan):
    projects = by_name(plan)
    for town in ("九山", "五井", "沂山"):
        project = projects[f"临朐县{town}集中式光伏项目"]
        assert project.places[0] == f"{town}镇"
        assert "临朐县" in project.places


def test_plants_in_different_counties_split(plan):
    projects = by_name(plan)
    assert projects["寿光凯旋生物质发电扩建项目"].category == "biomass"
    assert projects["昌邑丰源生物质发电扩建项目"].places == ["昌邑"]


def test_named_grid_lines_and_ccus_without_gazetteer_places(plan):
    projects = by_name(plan)
    line = projects["220千伏甲子—乙丑线路"]
    assert line.category == "grid"
    assert line.line_ends == ("甲子", "乙丑")
    assert projects["500千伏泰和输变站"].category == "grid"
    ccus = projects["某某发电厂100万吨/年二氧化碳捕集与利用工程"]
    assert ccus.category == "ccus"
    assert (ccus.capacity.value, ccus.capacity.unit) == (1.0, "Mt/a")


def test_storage_capacity_power_and_energy(plan):
    storage = by_name(plan)["寿光200兆瓦/400兆瓦时电化学储能电站项目"]
    assert storage.category == "storage"
    assert storage.capacity.text == "200兆瓦/400兆瓦时"
    assert (storage.capacity.value, storage.capacity.unit) == (200.0, "MW")


def test_size_class_is_text_only(plan):
    base = by_name(plan)["临朐百万千瓦级光伏基地项目"]
    assert base.capacity.text == "百万千瓦级"
    assert base.capacity.value is None


def test_responsible_units_across_line_break_and_document_rule(plan):
    projects = by_name(plan)
    first = projects["寿光海上风电基地"].responsible_units
    assert first[:2] == ["市发展改革委", "市能源局"]
    assert "各县市区政府" in first
    grid = projects["500千伏泰和输变站"].responsible_units
    assert "国网潍坊供电公司" in grid  # the parenthesis was split by a line break
    assert "各县市区政府" in grid  # the rule applies to the clauses after it
    assert "市能源局" not in grid


def test_repeated_mentions_merge_into_one_project():
    text = PLAN + "\n（三）交通\n1. 港口。推进华能潍坊港LNG接收站建设。（责任单位：市交通运输局）\n"
    result = run(text)
    matches = [p for p in result.projects if p.name == "华能潍坊港LNG接收站"]
    assert len(matches) == 1
    assert len(matches[0].spans) == 2
    assert "市交通运输局" in matches[0].responsible_units


def test_targets_split_by_fenbie_and_five_year_period(plan):
    rows = {(t.indicator, t.year): (t.value, t.unit) for t in plan.targets}
    assert rows[("solar", 2030)] == (3000.0, "MW")
    assert rows[("wind", 2030)] == (2000.0, "MW")
    assert rows[("gas", 2025)] == (2.0, "bcm/a")
    assert all(t.region == "潍坊市" and t.region_adcode == "370700" for t in plan.targets)


def test_every_project_carries_its_source():
    result = run(PLAN)
    for project in result.projects:
        assert project.source == "t.txt"
        assert project.quote and project.quote in PLAN.replace("公\n司", "公\n司")
        assert project.section


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("400 万千瓦", 4000.0, "MW"),
        ("二十万千瓦", 200.0, "MW"),
        ("1.5GW", 1500.0, "MW"),
        ("2×66万千瓦", 1320.0, "MW"),
        ("2台100万千瓦机组", 2000.0, "MW"),
        ("两台66万千瓦超超临界机组", 1320.0, "MW"),
        ("100万吨/年", 1.0, "Mt/a"),
        ("1650万吨", 16.5, "Mt/a"),
        ("20亿立方米", 2.0, "bcm/a"),
        ("50万千瓦时", 500.0, "MWh"),
        ("百万千瓦级", None, None),
        ("2×9H", None, None),
    ],
)
def test_capacity_normalization(text, value, unit):
    capacity = parse_capacity(text)
    assert (capacity.value, capacity.unit) == (value, unit)


def test_chinese_numerals_and_years():
    assert chinese_to_number("一百五十") == 150
    assert chinese_to_number("十二") == 12
    assert chinese_to_number("三千") == 3000
    assert chinese_to_number("二点五") == 2.5
    assert year_of("“十四五”期间，全市新增") == 2025
    assert year_of("到 2030 年，光伏") == 2030
    assert year_of("2026年各项工程建成后，全县光伏发电能力将达50万千瓦") == 2026
    assert year_of("2023年度储能项目名单公布后") is None  # a date, not a year the text aims at


def test_a_target_stated_for_once_a_years_projects_are_built():
    from geo.targets import targets_in_clause

    text = "2027年全部项目投产后,临清市储能电站一次充放电能力将达60万千瓦时,可满足园区用电"
    year = year_of(text)
    clause = text.split(",")[1]
    assert (year, targets_in_clause(clause, year, [])[0]) == (2027, [("storage", 600.0, "MWh")])


LATER_PLAN = """潍坊市碳达峰工作方案

一、重点任务
（一）能源绿色低碳转型行动
1. 发展光伏。积极推动寿光、昌邑等县市区整县屋顶分布式光伏建设，加快建设一批光伏小镇。加快潍坊LNG接收站建设。（责任单位：市能源局）
2. 发展风电。加快诸城风电项目建设，配套建设百万千瓦级风光储一体化基地。（责任单位：市能源局）

专栏 1：能源重点项目
1. 光伏。（1）临朐县整县屋顶光伏项目（2）潍坊港LNG接收站及外输管道项目
2. 油品储备。国家管网潍坊港千万方原油储备基地项目。

（二）工业领域碳达峰行动
1. 推动化工低碳。打造以滨海区为主体的潍坊高端石化产业基地核心区，推进临朐县整县屋顶分布式光伏规模化开发试点。
（责任单位：市工业和信息化局）
"""


@pytest.fixture(scope="module")
def later_plan():
    return run(LATER_PLAN)


def test_places_listed_before_a_kind_of_project_without_a_head_noun(later_plan):
    projects = by_name(later_plan)
    for county in ("寿光", "昌邑"):
        assert projects[f"{county}整县屋顶分布式光伏"].category == "solar"
    assert not any("光伏小镇" in name for name in projects)


def test_a_place_and_kind_mention_merges_into_the_one_project_it_can_mean(later_plan):
    projects = by_name(later_plan)
    lng = [p for p in projects.values() if p.category == "lng"]
    assert [p.name for p in lng] == ["潍坊港LNG接收站及外输管道项目"]
    assert len(lng[0].spans) == 2
    # both names generic (county + 整县屋顶光伏): the 专栏's name is kept, the prose sentence added as a source
    rooftop = [p for p in projects.values() if "临朐县整县" in p.name]
    assert [p.name for p in rooftop] == ["临朐县整县屋顶光伏项目"]
    assert "市工业和信息化局" in rooftop[0].responsible_units


def test_a_place_and_kind_mention_of_another_kind_of_facility_stays_apart():
    projects = by_name(
        run(
            "潍坊市碳达峰工作方案\n1. 保障油品供应。发挥国家管网潍坊原油库作用。推进潍坊港大型原油码头建设。\n"
        )
    )
    assert {"国家管网潍坊原油库", "潍坊港大型原油码头"} <= set(projects)


def test_box_items_do_not_take_the_units_of_a_clause_after_the_box(later_plan):
    lng = by_name(later_plan)["潍坊港LNG接收站及外输管道项目"]
    assert "市工业和信息化局" not in lng.responsible_units


def test_base_named_with_wei_zhuti_is_a_place_not_part_of_the_name(later_plan):
    base = by_name(later_plan)["潍坊高端石化产业基地核心区"]
    assert base.category == "oil"
    assert "滨海区" in base.places


def test_a_capacity_sizing_another_object_is_not_the_projects(later_plan):
    assert by_name(later_plan)["诸城风电项目"].capacity is None


def test_a_tank_volume_is_text_not_a_gas_flow(later_plan):
    capacity = by_name(later_plan)["国家管网潍坊港千万方原油储备基地项目"].capacity
    assert (capacity.text, capacity.value, capacity.unit) == ("千万方", None, None)


def test_site_named_plants_phases_and_numbered_units():
    result = by_name(
        run(
            "潍坊市碳达峰工作方案\n1. 发展清洁能源。加快推进沂山抽水蓄能电站建成投运，新建抽水蓄能电站。"
            "推进昌邑核电3、4号机组建设，建设潍坊港LNG接收站二期。\n"
        )
    )
    assert result["沂山抽水蓄能电站"].category == "pumped_storage"
    assert result["昌邑核电3、4号机组"].category == "nuclear"
    assert result["潍坊港LNG接收站二期"].places == ["潍坊港"]
    assert set(result) == {"沂山抽水蓄能电站", "昌邑核电3、4号机组", "潍坊港LNG接收站二期"}


def test_real_gazetteer_weak_short_names_listed_as_places_segments_and_subsidiaries():
    text = (
        "济宁市碳达峰工作方案\n1. 发展新能源。在梁山、嘉祥、汶上等县市区布局建设风电项目。"
        "建设日照至濮阳至洛阳原油管道济宁段，推进济宁港梁山港区LNG加注站建设，推进兖矿能源绿氢示范项目。\n"
    )
    doc = parse_document(SimpleNamespace(source="t.txt", text=text))
    projects = {p.name: p for p in extract(doc).projects}
    for county in ("梁山", "嘉祥", "汶上"):  # 梁山 and 嘉祥 are also ordinary words: places only in a list
        assert projects[f"{county}风电项目"].places == [county]
    assert projects["日照至濮阳至洛阳原油管道济宁段"].category == "oil_pipeline"
    assert projects["济宁港梁山港区LNG加注站"].category == "lng"
    assert projects["兖矿能源绿氢示范项目"].owner == "山东能源"


def test_county_wide_rooftop_lists_phase_items_and_own_clause_capacity():
    result = by_name(
        run(
            "潍坊市碳达峰工作方案\n1. 发展清洁能源。推进寿光市、昌邑整县分布式光伏规模化开发，"
            "建设华电潍坊港海上光伏项目（40万千瓦）。"
            "建成1000千伏潍坊特高压站扩建、500千伏诸城—临朐线路工程。推进潍坊港LNG接收站三期、滨海区LNG接收站扩建工程。\n"
        )
    )
    assert {"寿光市整县分布式光伏", "昌邑整县分布式光伏"} <= set(result)
    assert result["华电潍坊港海上光伏项目"].capacity.value == 400.0
    assert "1000千伏潍坊特高压站扩建" in result and "500千伏诸城—临朐线路工程" in result
    assert "潍坊港LNG接收站三期" in result and "滨海区LNG接收站扩建工程" in result


TABLE_PLAN = (
    "潍坊市碳达峰工作方案\n一、重点任务\n专栏2 可再生能源重点项目\n"
    "序号\t项目名称\t建设地点\t建设规模\t责任单位\n"
    "1\t华能潍坊港风电项目\t滨海区\t10万千瓦\t滨海区政府、市能源局\n"
    "2\t九山、五井光伏项目\t临朐县\t各5万千瓦\t临朐县政府\n"
    "二、保障措施\n"
)


def test_project_table_rows_take_place_capacity_and_units_from_their_columns():
    projects = by_name(run(TABLE_PLAN))
    assert set(projects) == {"华能潍坊港风电项目", "九山光伏项目", "五井光伏项目"}  # no header row, no 序号
    wind = projects["华能潍坊港风电项目"]
    assert wind.places[0] == "滨海区" and wind.category == "wind"  # not `circular` from 可再生
    assert (wind.capacity.value, wind.capacity.unit) == (100.0, "MW")
    assert wind.responsible_units == ["滨海区政府", "市能源局"]
    assert projects["九山光伏项目"].places == ["临朐县"]
    assert projects["九山光伏项目"].capacity is None  # `各5万千瓦` is per project of a two-project row


def test_docx_table_in_a_box_reads_as_project_rows(tmp_path):
    import docx

    from geo.ingest import read_plan

    document = docx.Document()
    for line in TABLE_PLAN.split("\n"):
        if "\t" in line:
            continue
        document.add_paragraph(line)
    rows = [line.split("\t") for line in TABLE_PLAN.split("\n") if "\t" in line]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    # the table belongs between the box title and the next heading
    body = document.element.body
    body.remove(table._tbl)
    body.insert(3, table._tbl)
    document.save(tmp_path / "plan.docx")
    plan = read_plan(tmp_path / "plan.docx")
    doc = parse_document(plan, region_of=region_of)
    names = {p.name for p in extract(doc, find_places, find_townships).projects}
    assert names == {"华能潍坊港风电项目", "九山光伏项目", "五井光伏项目"}


def test_box_items_one_per_line_with_full_width_labels():
    projects = by_name(
        run(
            "潍坊市碳达峰工作方案\n三、重点任务\n（一）能源\n１．发展核电。推进核能利用。\n专栏３：重大能源项目\n"
            "（1）华能昌邑核电示范工程。\n（2）临朐抽水蓄能电站（120万千瓦）。\n（二）工业\n"
        )
    )
    assert projects["华能昌邑核电示范工程"].category == "nuclear"
    assert projects["临朐抽水蓄能电站"].capacity.value == 1200.0


def test_a_list_of_developers_is_not_a_list_of_projects():
    projects = by_name(
        run(
            "潍坊市碳达峰工作方案\n1. 发展新能源。鼓励华能、华电等企业参与光伏项目开发。"
            "支持华能、大唐等发电集团建设风电项目。推进华能寿光、大唐昌邑等热电厂改造。\n"
        )
    )
    assert set(projects) == {"华能寿光热电厂", "大唐昌邑热电厂"}


def test_responsible_unit_rule_sentences():
    body = "市发展改革委、市能源局。以下任务均需各县区政府、市属开发区管委会负责落实，不再列出"
    assert responsible_units(body) == ["市发展改革委", "市能源局", "各县区政府", "市属开发区管委会"]


def test_lead_and_cooperating_units_are_all_responsible_without_their_labels():
    text = (
        "潍坊市碳达峰实施方案\n一、重点任务\n推进寿光市光储充一体化项目建设。"
        "（牵头单位：市发展改革委；配合单位：市自然资源局、国网潍坊供电公司）\n"
    )
    (project,) = run(text).projects
    assert project.category == "solar"
    assert project.responsible_units == ["市发展改革委", "市自然资源局", "国网潍坊供电公司"]


def test_seed_and_edge_case_scores_stay_above_the_bar():
    """Regression guard on the annotated evaluation set (tests/eval/): named energy projects and targets."""
    from pathlib import Path

    from geo.eval_gold import load_gold
    from geo.evaluate import evaluate

    root = Path(__file__).resolve().parent / "eval"
    seeds = evaluate(load_gold(root / "gold"), geocode=False)
    edge = evaluate(load_gold(root / "edge_cases"), geocode=False)
    # issue 11: seeds energy P >= 0.95 and R >= 0.97 (county is checked with geocoding by `geo eval`)
    assert seeds["projects"]["energy"]["precision"] >= 0.95
    assert seeds["projects"]["energy"]["recall"] >= 0.97
    assert edge["projects"]["energy"]["precision"] >= 0.95
    assert edge["projects"]["energy"]["recall"] >= 0.97
    assert seeds["targets"]["recall"] >= 0.9
    # news passages written after the rules (edge_cases/unseen): R was 0.68 before the rules they led to
    unseen = evaluate(load_gold(root / "edge_cases" / "unseen"), geocode=False)
    assert unseen["projects"]["energy"]["precision"] >= 0.95
    assert unseen["projects"]["energy"]["recall"] >= 0.95
    # session 5 (n10-n17 add industry parks, factories, pipe racks and heat lines): all projects
    assert unseen["projects"]["all"]["precision"] >= 0.95
    assert unseen["projects"]["all"]["recall"] >= 0.9
    # plan passages written after the rules (edge_cases/plans_unseen): energy R 0.93, units 0.76, targets R 0.78
    # before the rules they led to
    plans = evaluate(load_gold(root / "edge_cases" / "plans_unseen"), geocode=False)
    assert plans["projects"]["energy"]["precision"] >= 0.95
    assert plans["projects"]["energy"]["recall"] >= 0.95
    assert plans["targets"]["precision"] >= 0.95
    assert plans["targets"]["recall"] >= 0.95


def test_industrial_parks_in_running_text_need_their_own_place_or_developer():
    text = (
        "潍坊市碳达峰工作方案\n一、重点任务\n"
        "推进寿光零碳工业园、昌邑海上风电装备制造产业园等绿色工业园区建设。"
        "在诸城布局研发总装、配套、物流产业园，集约集聚发展临朐县绿色建材产业基地等专业化园区。"
        "推动各类产业园区循环化改造。\n"
    )
    projects = by_name(run(text))
    assert set(projects) == {"寿光零碳工业园", "昌邑海上风电装备制造产业园", "临朐县绿色建材产业基地"}
    assert {p.category for p in projects.values()} == {"industry"}
    assert not projects["昌邑海上风电装备制造产业园"].offshore  # the onshore industry serving offshore wind


def test_a_verb_between_the_place_and_the_project_is_not_part_of_the_name():
    text = "潍坊市碳达峰工作方案\n一、重点任务\n支持寿光市建设新材料产业园，鼓励昌邑打造渔光互补光伏基地。\n"
    assert set(by_name(run(text))) == {"寿光市新材料产业园", "昌邑渔光互补光伏基地"}


def test_a_list_of_bare_places_shares_the_head_without_the_word_closing_the_list():
    text = "潍坊市碳达峰工作方案\n一、重点任务\n加快推进寿光、昌邑、滨海等沿海地区盐碱滩涂地风光储一体化基地建设。\n"
    # 滨海 is not in this test's place table: it must not borrow 寿光 as if it were a village of it
    assert set(by_name(run(text))) == {"寿光盐碱滩涂地风光储一体化基地", "昌邑盐碱滩涂地风光储一体化基地"}


def test_site_reservation_and_unnamed_kind_of_units():
    text = (
        "潍坊市碳达峰工作方案\n一、重点任务\n配合推进潍坊核电厂址保护工作。"
        "推动华电潍坊发电有限公司2台100万千瓦机组节能降碳改造，有序淘汰30万千瓦以下落后煤电机组。\n"
    )
    projects = by_name(run(text))
    assert set(projects) == {"潍坊核电厂址", "华电潍坊发电有限公司2台100万千瓦机组"}
    units = projects["华电潍坊发电有限公司2台100万千瓦机组"]
    assert (units.category, units.capacity.value, units.capacity.text) == (
        "coal_power",
        2000.0,
        "2台100万千瓦",
    )


# ---------------------------------------------------------------- news, notices and reports (issue 11)


def news(text: str, source: str = "news.txt"):
    """A made-up news passage, read as ingestion and parsing read it."""
    from geo.ingest_clean import clean_text

    doc = parse_document(SimpleNamespace(source=source, text=clean_text(text)), region_of=region_of)
    return doc, extract(doc, find_places, find_townships)


def test_doc_kind_and_date_of_news_notice_report_and_plan():
    from geo.parse import infer_meta

    kinds = {
        "本报讯（记者 甲乙）2024-05-06 潍坊市某光伏电站并网发电。": ("news", "2024-05-06"),
        "关于公布2023年度储能示范项目的通知\n某储能电站项目入选。": ("notice", None),
        "政府工作报告\n2022年1月20日\n推进寿光光伏电站建设。": ("report", "2022-01-20"),
        "潍坊市碳达峰工作方案\n一、主要目标": ("plan", None),
        # a closing note after the title's last word
        "临朐县碳达峰实施方案（征求意见稿）\n一、主要目标": ("plan", None),
        "潍坊市能源发展规划（2021—2025年）\n一、发展基础": ("plan", None),
    }
    for text, (kind, date) in kinds.items():
        meta = infer_meta(text, region_of)
        assert (meta.doc_kind, meta.date) == (kind, date), text
    _, result = news("本报讯（记者 甲乙）寿光100兆瓦渔光互补光伏电站并网发电。")
    assert [p.doc_kind for p in result.projects] == ["news"]


def test_traditional_news_with_pinyin_glosses_is_cleaned_before_reading():
    doc, result = news("本報訊 壽光(shòu)100兆瓦漁光互補光(guāng)伏電(diàn)站併網發電。")
    assert "(" not in doc.text and "光伏电站" in doc.text
    assert [p.name for p in result.projects] == ["寿光100兆瓦渔光互补光伏电站"]


def test_developer_named_by_company_suffix_is_the_owner():
    _, result = news(
        "甲乙新能源150MW渔光互补项目开工。丙丁集团2×35万千瓦热电联产项目投产。由戊己能源科技有限公司投资建设的寿光储能电站并网。"
    )
    owners = {p.name: p.owner for p in result.projects}
    assert owners["甲乙新能源150MW渔光互补项目"] == "甲乙新能源"
    assert owners["丙丁集团2×35万千瓦热电联产项目"] == "丙丁集团"
    assert owners["寿光储能电站"] == "戊己能源科技有限公司"
    # a description of a kind of plant is not a company
    _, plan = news("潍坊市碳达峰工作方案\n一、重点任务\n积极发展天然气发电示范工程，推进燃气热电示范项目。")
    assert all(p.owner is None for p in plan.projects)


def test_news_words_around_a_name_are_not_part_of_it():
    _, result = news(
        "总投资20亿元的寿光100兆瓦光伏电站正式并网。这标志着潍坊市最大的诸城风电项目进入新阶段。"
        "临朐50MW储能电站是目前全省规模最大的储能项目。该项目作为潍坊市重点储能项目推进。"
    )
    assert sorted(p.name for p in result.projects) == [
        "临朐50MW储能电站",
        "寿光100兆瓦光伏电站",
        "诸城风电项目",
    ]


def test_coordination_with_he_ji_yu_between_full_names():
    _, result = news(
        "寿光100兆瓦光伏电站全面复工和诸城50兆瓦风电项目开工。2023年以临朐储能电站项目为试点推进。"
        "潍坊港LNG接收站及外输管道项目有序推进。"
    )
    assert sorted(p.name for p in result.projects) == [
        "临朐储能电站项目",
        "寿光100兆瓦光伏电站",
        "潍坊港LNG接收站及外输管道项目",
        "诸城50兆瓦风电项目",
    ]


def test_one_facility_mentioned_twice_in_a_text_is_one_project():
    _, result = news(
        "甲乙新能源寿光100兆瓦光伏电站开工。寿光100兆瓦光伏电站全面并网。△诸城风电场二期工程完工。诸城风电场运行良好。"
    )
    projects = sorted(result.projects, key=lambda p: p.name)
    assert [p.name for p in projects] == ["甲乙新能源寿光100兆瓦光伏电站", "诸城风电场二期工程"]
    assert len(projects[0].spans) == 2 and projects[0].owner == "甲乙新能源"
    # a facility of another facility (a base's rail line) is not the same project
    _, result = news("记者获悉，寿光丰源光伏产业基地投产。寿光丰源光伏产业基地铁路专用线工程开工。")
    assert len(result.projects) == 2


def test_places_sharing_one_predicate_give_one_project_each():
    _, result = news(
        "记者获悉，寿光、昌邑和诸城等3个试点县(市)整县(市)屋顶分布式光伏规模化开发示范强力推进。"
    )
    names = sorted(p.name for p in result.projects)
    assert names == [f"{p}整县屋顶分布式光伏规模化开发示范" for p in ("寿光", "昌邑", "诸城")]
    assert sorted(p.places[0] for p in result.projects) == ["寿光", "昌邑", "诸城"]


def test_a_parenthesized_list_of_names_with_capacities_is_one_project_each():
    _, result = news(
        "记者获悉，寿光已并网光伏发电企业3家，总规模70兆瓦（甲乙能源一期10兆瓦、丙丁农业大棚光伏20兆瓦、戊己电源40兆瓦）。"
        "寿光风电装机持续增长。"
    )
    found = {p.name: p.capacity.value for p in result.projects}
    assert found == {"甲乙能源一期光伏": 10.0, "丙丁农业大棚光伏": 20.0, "戊己电源光伏": 40.0}
    # the passage is about one county, named twice: projects that name no place are placed there
    assert all(p.places == ["寿光"] for p in result.projects)


def test_the_passages_county_places_its_energy_plants_not_factories_listed_by_developer():
    _, result = news(
        "记者获悉，昌邑今年新开工项目12个。甲乙200兆瓦渔光互补光伏项目已并网。"
        "市里推动丙丁、戊己整机制造产业园等项目早开工。昌邑将继续做好服务。"
    )
    places = {p.name: (p.category, p.places) for p in result.projects}
    assert places["甲乙200兆瓦渔光互补光伏项目"] == ("solar", ["昌邑"])
    factories = [v for k, v in places.items() if "整机制造产业园" in k]
    assert factories and all(v == ("industry", []) for v in factories)  # the text does not say where


def test_developer_building_at_a_place_is_kept_in_the_name():
    _, result = news("记者获悉，该公司将推动华能在诸城开发的100万千瓦风电项目进入建设阶段。")
    assert [(p.name, p.owner) for p in result.projects] == [("华能诸城100万千瓦风电项目", "华能")]


def test_counts_superlatives_locatives_and_verbs_inside_names():
    _, result = news(
        "记者获悉，目前寿光已有7个储能项目入选。这是诸城规模最大的风电项目。"
        "在昌邑，丰源100MW渔光互补项目正式并网。主要是利用寿光盐田水面建设光伏电站。"
        "临朐风光基地规划建设20万千瓦农光互补光伏电站。"
    )
    names = sorted(p.name for p in result.projects)
    assert names == ["丰源100MW渔光互补项目", "临朐风光基地"]
    assert by_name(result)["丰源100MW渔光互补项目"].places == ["昌邑"]
    # a group of bases is not one project
    _, result = news("记者获悉，在潍坊海上风电基地群中，诸城优势明显。")
    assert result.projects == []


def test_capacities_as_news_writes_them():
    for text, value in {
        "150MW": 150.0,
        "0.8GW": 800.0,
        "2×35万千瓦": 700.0,
        "30台3000千瓦风机": 90.0,
        "总装机容量32万千瓦": 320.0,
        "113kW": 0.113,
    }.items():
        assert parse_capacity(text).value == pytest.approx(value), text


def test_a_capacity_stated_about_the_project_named_before_is_its_own():
    _, result = news(
        "记者获悉，甲乙能源寿光储能电站全面投运。该储能电站总装机规模100兆瓦/200兆瓦时，可调峰。"
        "丙丁集团诸城热电联产项目开工，项目安装2台35万千瓦机组。"
        "该项目占地800亩，规划总容量50MW，主体工程位于临朐风光储一体化基地内。"
    )
    capacities = {p.name: p.capacity.value if p.capacity else None for p in result.projects}
    assert capacities["甲乙能源寿光储能电站"] == 100.0
    assert capacities["丙丁集团诸城热电联产项目"] == 700.0
    assert capacities["临朐风光储一体化基地"] is None  # the 50MW is the project's named before it
    # the city's projects together are not one project
    _, result = news("记者获悉，潍坊市储能项目一次充放电能力将达180万千瓦时。")
    assert result.projects == []


def test_a_phase_named_after_its_project_takes_the_projects_name():
    _, result = news(
        "记者获悉，诸城丰源压缩空气储能示范电站投产，二期200MW调峰电站项目总投资10亿元。一期工程已于去年并网。"
    )
    names = sorted(p.name for p in result.projects)
    assert names == ["诸城丰源二期200MW调峰电站项目", "诸城丰源压缩空气储能示范电站"]
    assert {p.category for p in result.projects} == {"storage"}


SHARED_KIND = """潍坊市碳达峰工作方案

二、重点任务
1.清洁供暖。推动甲乙工业园、丙丁冶炼等工业余热供暖规模化利用。推动钢铁、化工等工业余热供暖。推广光伏、风电等新能源。
2.石化行业。依托甲乙石化产业园、寿光化工产业园两大千亿级园区打造渤海南岸高端石化产业基地。
"""


def test_named_sites_before_a_shared_kind_are_one_project_each():
    projects = by_name(run(SHARED_KIND))
    assert projects["甲乙工业园工业余热供暖"].category == "heat"
    assert projects["丙丁冶炼工业余热供暖"].category == "heat"
    names = " ".join(projects)
    assert "钢铁" not in names  # sectors, not sites
    assert "光伏" not in names  # kinds, not sites


def test_a_count_closes_a_list_of_named_sites():
    projects = by_name(run(SHARED_KIND))
    assert projects["甲乙石化产业园"].category == "oil"
    assert projects["寿光化工产业园"].places == ["寿光"]
    assert not [name for name in projects if "两大" in name or "园区" in name]


def test_a_technology_and_a_size_name_a_plant_after_a_superlative():
    _, result = news(
        "本报讯 寿光某电站并网发电。全省首个甲乙型薄膜光伏发电113kW示范项目也于日前建成投运。"
        "项目安装2台100万千瓦超超临界燃煤发电机组。"
    )
    projects = by_name(result)
    assert projects["甲乙型薄膜光伏发电113kW示范项目"].category == "solar"
    assert not [name for name in projects if "首个" in name or "安装" in name]


def test_a_built_verb_and_a_lost_character_are_not_part_of_names():
    _, result = news("2022年4月，潍坊市建成华能潍坊甲乙光伏电站，总装机容量32万千瓦。")
    assert "华能潍坊甲乙光伏电站" in by_name(result)
    _, result = news(
        "本报讯 寿光、昌邑等2个试点县(市)整县(市)屋顶分布式光伏规?;_开发示范强力推进。昌邑市某镇获评。"
    )
    assert set(by_name(result)) == {"寿光整县屋顶分布式光伏", "昌邑整市屋顶分布式光伏"}


def test_and_between_two_townships_separates_a_list():
    _, result = news("本报讯 临朐县九山和五井风电项目开工建设。")
    assert set(by_name(result)) == {"临朐县九山风电项目", "临朐县五井风电项目"}
    _, result = news("本报讯 临朐县甲乙和丙丁风电项目开工建设。")  # not townships: one name, not split on 和
    assert not [name for name in by_name(result) if name.startswith("丙丁")]


def test_a_developer_before_the_county_is_kept_on_every_listed_township():
    _, result = news("本报讯 中核汇能临朐九山、五井及沂山等光伏项目累计并网规模达到26万千瓦。")
    assert set(by_name(result)) == {
        "中核汇能临朐九山光伏项目",
        "中核汇能临朐五井光伏项目",
        "中核汇能临朐沂山光伏项目",
    }


def test_a_name_ending_in_its_head_before_zai_is_the_name():
    _, result = news(
        "本报讯 近日，临朐县甲乙光伏电站在九山镇正式并网发电。寿光丙丁风电项目正在开展前期工作。"
    )
    assert {"临朐县甲乙光伏电站", "寿光丙丁风电项目"} <= set(by_name(result))


def test_a_short_township_name_is_placed_in_the_passages_county():
    _, result = news("本报讯 临朐县召开发布会。临朐县甲乙光伏电站并网。九山抽水蓄能电站完成预可研审查。")
    assert "九山镇" in by_name(result)["九山抽水蓄能电站"].places


def test_a_project_named_by_a_short_township_of_the_passages_county_is_kept():
    _, result = news(
        "本报讯 临朐县召开发布会。临朐县甲乙光伏电站并网。此外，九山和五井两个分散式风电项目开展前期工作。"
    )
    projects = by_name(result)
    assert {"九山分散式风电项目", "五井分散式风电项目"} <= set(projects)
    assert {"九山镇", "临朐县"} <= set(projects["九山分散式风电项目"].places)


def test_the_place_after_a_developers_name_is_the_projects():
    _, result = news(
        "本报讯 临朐县召开发布会。潍坊甲乙新能源有限公司九山20兆瓦分布式光伏项目投产发电。临朐县推进。"
    )
    project = by_name(result)["潍坊甲乙新能源有限公司九山20兆瓦分布式光伏项目"]
    assert "九山镇" in project.places and "潍坊" not in project.places


def test_a_zone_in_the_modifier_before_a_name_places_it():
    _, result = news("本报讯 位于滨海区的潍坊甲乙50MW分布式光伏项目同步开工。")
    assert by_name(result)["潍坊甲乙50MW分布式光伏项目"].places[0] == "滨海区"


def test_a_company_that_builds_before_a_name_is_its_owner_without_the_word_you():
    _, result = news("本报讯 其中，潍坊甲乙电力有限公司投资建设的临朐县九山风电项目规划安装20台风机。")
    assert by_name(result)["临朐县九山风电项目"].owner == "潍坊甲乙电力有限公司"


def test_a_wind_farm_is_a_head_noun():
    _, result = news("本报讯 一年来，临朐县九山风电场完成30台风机吊装。")
    assert by_name(result)["临朐县九山风电场"].category == "wind"


# ---------------------------------------------------------------- news register, session 5 (issue 14's dev-set misses)


def test_a_description_listing_full_names_names_each_of_them():
    _, result = news(
        "本报讯 该管廊一端连着码头，是承接中石油甲乙烯烃项目、丙丁新材料丁二烯等项目原料输送的配套工程。"
    )
    projects = by_name(result)
    # 等项目: 项 begins the head noun, it is not a counter; the developer says what kind of facility it is
    assert projects["中石油甲乙烯烃项目"].category == "oil"
    assert projects["中石油甲乙烯烃项目"].owner == "中石油"
    assert "丙丁新材料丁二烯目" not in projects  # and an item with nothing of its own to place it is not read
    _, described = news("本报讯 寿光100兆瓦光伏电站是全省规模最大的光伏项目。")
    assert [p.name for p in described.projects] == ["寿光100兆瓦光伏电站"]


def test_the_key_projects_of_a_base_signed_at_an_event_are_the_base():
    _, result = news("本报讯 4月9日，寿光风电装备制造产业基地重点项目集中签约仪式举行。")
    assert [p.name for p in result.projects] == ["寿光风电装备制造产业基地"]
    assert result.projects[0].category == "industry"


def test_developers_listed_before_a_shared_description_each_name_a_plant():
    _, result = news(
        "本报讯 签约后，推动甲乙、丙丁叶片制造产业园和戊己重工、庚辛精工塔筒生产等项目早开工、早投产。"
    )
    assert sorted(p.name for p in result.projects) == [
        "丙丁叶片制造产业园",
        "庚辛精工塔筒生产项目",
        "戊己重工塔筒生产项目",
        "甲乙叶片制造产业园",
    ]
    assert {p.category for p in result.projects} == {"industry"}
    # ways of doing before a head are not developers; townships before a shared head keep the head grammar
    _, ways = news("本报讯 寿光实施全流程清洁化、循环化、低碳化改造项目。")
    assert ways.projects == []
    _, towns = news("本报讯 临朐县九山、五井集中式光伏项目开工。")
    assert sorted(p.name for p in towns.projects) == ["临朐县九山集中式光伏项目", "临朐县五井集中式光伏项目"]


def test_a_base_without_a_place_is_in_the_county_the_sentence_is_about():
    _, result = news("本报讯 他希望诸城抢抓机遇，全力推进风电装备制造产业基地建设，打造新高地。")
    project = by_name(result)["诸城风电装备制造产业基地"]
    assert project.places == ["诸城"] and project.category == "industry"
    _, two = news("本报讯 诸城、昌邑抢抓机遇，全力推进风电装备制造产业基地建设。")
    assert two.projects == []  # two places: the sentence is not about one county


def test_a_news_item_naming_only_counties_of_one_city_is_about_that_city():
    doc = parse_document(
        SimpleNamespace(source="t.txt", text="本报讯 沂水县甲乙200兆瓦风电项目开工，沂水县推进。")
    )
    assert (doc.meta.region_name, doc.meta.region_adcode) == ("临沂市", "371300")
    both = parse_document(SimpleNamespace(source="t.txt", text="本报讯 沂水县、寿光市两个风电项目开工。"))
    assert both.meta.region_adcode == "370000" or both.meta.region_adcode is None


def test_the_company_after_you_builds_the_project_named_before_it():
    _, result = news(
        "本报讯 昌热入潍长输供热工程启动。市住建局介绍了昌热入潍长输供热工程基本情况。"
        "昌热入潍长输供热工程由潍坊甲乙热力有限公司建设，总投资9亿元。"
    )
    assert [(p.name, p.owner) for p in result.projects] == [("昌热入潍长输供热工程", "潍坊甲乙热力有限公司")]
    assert len(result.projects[0].spans) == 3
    # a line named by its ends' abbreviations is a name of its own; without one a heat line is a kind
    _, kind = news("本报讯 长输供热工程启动仪式举行。")
    assert kind.projects == []


def test_the_list_a_project_enters_says_its_kind():
    _, result = news("本报讯 甲乙丙丁智慧能源中心项目纳入山东省2025年度新型储能入库项目名单。")
    assert [(p.name, p.category) for p in result.projects] == [("甲乙丙丁智慧能源中心项目", "storage")]
    _, vague = news("本报讯 该项目纳入山东省2025年度新型储能入库项目名单。")
    assert vague.projects == []  # nothing of its own: the project named elsewhere
    _, listed = news(
        "关于储能入库项目的公示\n经专家评审，拟将以下项目列入2026年度新型储能入库项目，现予以公示："
    )
    assert listed.projects == []  # the projects listed below, not one named


def test_a_sentence_about_the_project_named_before_gives_its_place_and_size():
    _, result = news(
        "本报讯 甲乙丙丁智慧能源中心项目纳入新型储能入库项目名单。"
        "项目作为潍坊市重点项目，主要建设100MW/200MWh储能系统，位于临朐县九山镇以北，预计年内开工。"
    )
    project = by_name(result)["甲乙丙丁智慧能源中心项目"]
    assert project.places[:2] == ["临朐县", "九山镇"] or "临朐县" in project.places
    assert project.capacity is not None and project.capacity.value == 100
    # a project that names its own county keeps it
    _, own = news("本报讯 寿光100兆瓦渔光互补光伏电站开工。该项目位于临朐县九山镇附近。")
    assert by_name(own)["寿光100兆瓦渔光互补光伏电站"].places == ["寿光"]


def test_a_pipe_rack_built_by_a_company_that_pays_for_it():
    _, result = news("本报讯 为服务化工产业发展，潍坊甲乙港务集团斥资新建潍坊港原料管廊(一期)工程。")
    project = by_name(result)["潍坊港原料管廊(一期)工程"]
    assert (project.category, project.owner) == ("oil_pipeline", "潍坊甲乙港务集团")
    assert project.places == ["潍坊港"]
    _, tunnel = news("本报讯 推进寿光城区综合管廊工程建设。")
    assert all(p.category != "oil_pipeline" for p in tunnel.projects)  # a city's utility tunnel
    _, parent = news("本报讯 市投资集团投资建设寿光100兆瓦光伏电站。")
    assert parent.projects[0].owner is None  # investing without an amount: a parent's news, not a builder


def test_a_name_with_its_developer_and_one_with_the_province_are_one_project():
    _, result = news(
        "本报讯 甲乙环保寿光生态循环产业园开工。记者来到山东寿光生态循环产业园采访。"
        "华能海上风电项目与半岛北海上风电项目同步推进。"
    )
    names = sorted(p.name for p in result.projects)
    assert names == sorted(["华能海上风电项目", "半岛北海上风电项目", "甲乙环保寿光生态循环产业园"]), names
    assert len(by_name(result)["甲乙环保寿光生态循环产业园"].spans) == 2


def test_a_township_of_the_city_named_short_before_a_kind_is_the_projects_place():
    from geo.ingest_clean import clean_text

    def find_city_townships(city: str, text: str):  # 九山 and 五井 are unique in 潍坊 (370700) here
        shorts = {"九山": "九山镇", "五井": "五井镇"} if city == "370700" else {}
        return [full for short, full in shorts.items() if text.startswith(short)]

    def read(text: str):
        doc = parse_document(SimpleNamespace(source="n.txt", text=clean_text(text)), region_of=region_of)
        return by_name(extract(doc, find_places, find_townships, find_city_townships))

    projects = read("潍坊日报讯 据悉，九山、五井风电项目已进入风机基础施工阶段。")
    assert projects["九山风电项目"].places == ["九山镇"] and projects["五井风电项目"].places == ["五井镇"]
    # words of its own after the short name: not a township's project; a plan is not read this way
    assert "九山甲乙风电项目" not in read("潍坊日报讯 九山甲乙风电项目开工。")
    plan = "潍坊市碳达峰工作方案\n一、重点任务\n推进九山风电项目建设。"
    assert read(plan) == {}


def test_large_unit_combined_heat_and_power_burns_coal_and_a_relied_on_park_is_not_a_project():
    _, result = news(
        "本报讯 甲乙集团寿光2×66万千瓦热电联产项目开工。诸城2×15万千瓦热电联产项目投产。"
        "昌邑积极响应，启动了诸城36万平方米屋顶光伏发电项目建设。"
    )
    projects = by_name(result)
    assert projects["甲乙集团寿光2×66万千瓦热电联产项目"].category == "coal_power"
    assert projects["诸城2×15万千瓦热电联产项目"].category == "heat"  # small units: a heat plant
    assert "诸城36万平方米屋顶光伏发电项目" in projects  # without the 了 of 启动了
    text = "本报讯 近日，邹平市积极响应，依托邹平经济技术开发区内甲乙新城、丙丁工业园和戊己示范园等园区的标准厂房，建设光伏电站。"
    relied_on = extract(parse_document(SimpleNamespace(source="t.txt", text=text))).projects
    assert not any("工业园" in p.name for p in relied_on)  # the roofs' parks are not projects


def test_factories_of_equipment_listed_by_developer_and_a_park_after_a_reporting_clause():
    _, result = news(
        "本报讯 会议指出，诸城要抢抓机遇，加快推进储能装备制造产业园建设。业内人士表示，昌邑正依托资源禀赋，谋划打造鲁东新能源产业基地。"
        "诸城要建设甲乙光伏产业园。"
        "会上，推动甲乙、丙丁储能逆变器生产等项目尽快落地。"
    )
    projects = by_name(result)
    assert projects["诸城储能装备制造产业园"].places == ["诸城"]
    assert not any("鲁东" in name for name in projects)  # a goal (谋划打造), not a base being built
    assert "诸城甲乙光伏产业园" in projects  # the verbs between a place and what it builds are not the name
    for name in ("甲乙储能逆变器生产项目", "丙丁储能逆变器生产项目"):
        assert projects[name].category == "industry"  # a factory of storage equipment, not a storage plant


def test_a_clause_about_the_project_named_before_gives_its_builder():
    _, result = news(
        "本报讯 同日开工的还有寿光50兆瓦渔光互补项目，该项目位于临朐县九山镇，由潍坊甲乙新能源有限公司投资建设。"
    )
    project = by_name(result)["寿光50兆瓦渔光互补项目"]
    assert project.owner == "潍坊甲乙新能源有限公司" and project.places == ["寿光"]


def test_projects_listed_by_industrial_companies_before_what_they_serve():
    _, result = news(
        "本报讯 潍坊港液体化工品管廊工程开工，建成后将服务甲乙化工丙烯腈项目、丙丁新材料碳酸酯等项目的原料运输。"
    )
    projects = by_name(result)
    assert projects["甲乙化工丙烯腈项目"].category == "industry"
    assert projects["丙丁新材料碳酸酯项目"].category == "industry"
    assert projects["潍坊港液体化工品管廊工程"].category == "oil_pipeline"
    # a modifier ending in 的 before a name is still cut; a company word alone is not a maker's project
    _, modified = news("本报讯 总投资20亿元的寿光100兆瓦光伏电站并网，新型化工材料项目同步推进。")
    assert [p.name for p in modified.projects] == ["寿光100兆瓦光伏电站"]


def test_a_name_before_weiyu_is_placed_there_and_a_size_written_twice_is_one_project():
    _, result = news(
        "本报讯(通讯员 甲乙 丙丁)甲乙能源30兆瓦光伏发电项目首区方阵并网。"
        "总投资3亿元的甲乙能源30万兆瓦光伏发电项目位于临朐县九山镇光伏园区内，由丙丁公司投资建设。"
        "主体工程位于寿光，配套建设储能电站。"
    )
    assert len(result.projects) == 1, [p.name for p in result.projects]
    project = result.projects[0]
    assert not project.name.startswith("丙丁)")  # the end of a byline cut off before the name
    assert {"临朐县", "九山镇"} <= set(project.places) and len(project.spans) == 2
    assert project.capacity is not None and project.capacity.value == 30


def test_a_company_that_will_build_at_a_place_is_kept_in_the_name():
    _, result = news(
        "本报讯 根据协议，甲乙能源集团将在寿光建设200兆瓦渔光互补项目。华能集团将在诸城投资建设风电母港项目。"
    )
    projects = by_name(result)
    assert projects["甲乙能源集团寿光200兆瓦渔光互补项目"].owner == "甲乙能源集团"
    assert projects["华能集团诸城风电母港项目"].places == ["诸城"]


def test_signing_to_build_gives_the_developer_and_short_townships_join_a_list_of_two_kinds():
    _, result = news(
        "本报讯 临朐县集中签约。甲乙新能源与临朐县签约建设九山200兆瓦农光互补项目，临朐县推进。"
        "会上，县委书记表示，临朐要抓住机遇，加快推进氢能装备产业园建设。"
        "今年还将加快推进九山、五井分布式光伏项目和沂山储能电站建设。"
        "推动丙丁、戊己光伏支架生产项目和庚辛、壬癸电缆制造等项目开工，配套、物流产业园同步规划。"
    )
    projects = by_name(result)
    assert projects["九山200兆瓦农光互补项目"].owner == "甲乙新能源"
    assert projects["临朐氢能装备产业园"].category == "industry"  # after the setting and reporting clauses
    for name in ("九山分布式光伏项目", "五井分布式光伏项目", "沂山储能电站"):
        assert name in projects, sorted(projects)
    for name in ("丙丁光伏支架生产项目", "戊己光伏支架生产项目", "庚辛电缆制造项目", "壬癸电缆制造项目"):
        assert projects[name].category == "industry"
    assert not any(name.endswith("物流产业园") for name in projects)  # no description: not developers


def test_the_province_in_a_developers_name_and_in_a_news_title_does_not_place_the_project():
    text = "山东新能源项目建设提速\n本报讯 沂水县推进。山东能源电力集团甲乙2×66万千瓦热电联产项目开工，沂水县推进。"
    doc = parse_document(SimpleNamespace(source="t.txt", text=text))
    assert doc.meta.region_adcode == "371300"  # the news item is about 临沂's county, whatever its title says
    project = next(p for p in extract(doc).projects if "热电联产" in p.name)
    assert "山东" not in project.places and project.owner == "山东能源"
    plan = parse_document(
        SimpleNamespace(source="p.txt", text="山东省碳达峰实施方案\n一、重点任务\n推进沂水县风电项目。")
    )
    assert plan.meta.region_adcode == "370000"  # a plan's title names its issuer


def test_points_of_a_list_with_respective_capacities_their_builder_and_a_township_in_the_modifier():
    _, result = news(
        "本报讯 今年我们重点推进三个项目。一是临朐县九山、五井风电项目，装机容量分别为10万千瓦和5万千瓦，"
        "由国家电投山东分公司投资建设；二是寿光经济开发区零碳产业园，已引进甲乙科技风机叶片生产线等项目；"
        "推进乡村电气化提升工程。"
    )
    projects = by_name(result)
    nine, five = projects["临朐县九山风电项目"], projects["临朐县五井风电项目"]
    assert (nine.capacity.value, five.capacity.value) == (100, 50)  # 分别为, in order
    assert nine.owner == five.owner == "国家电投"  # the 由… clause of their point
    assert projects["甲乙科技风机叶片生产线项目"].category == "industry"
    text = "本报讯 沂水县推进。位于许家湖镇的华电沂水县风电项目并网，沂水县推进。"
    placed = extract(parse_document(SimpleNamespace(source="t.txt", text=text))).projects
    assert "许家湖镇" in placed[0].places  # the township in the modifier, more precise than the name's county
    assert not any(name.startswith(("一是", "二是", "三是")) for name in projects)
    assert not any("电气化" in name for name in projects)  # a description, not a maker's project


def test_a_tasks_own_units_in_parentheses_after_it_are_its_responsible_units():
    text = (
        "潍坊市碳达峰工作方案\n一、重点任务\n"
        "1.发展新能源。推进临朐县九山镇光伏项目（临朐县政府、市能源局负责），"
        "建设临朐县五井镇风电项目（市能源局牵头，市自然资源局、五井镇政府配合）。\n"
        "2.推进储能。建设临朐县沂山镇储能电站项目。（责任单位：市发展改革委）\n"
    )
    projects = by_name(run(text))
    assert projects["临朐县九山镇光伏项目"].responsible_units == ["临朐县政府", "市能源局"]
    assert projects["临朐县五井镇风电项目"].responsible_units == ["市能源局", "市自然资源局", "五井镇政府"]
    assert projects["临朐县沂山镇储能电站项目"].responsible_units == ["市发展改革委"]


def test_a_parenthesis_naming_no_unit_is_not_a_units_list():
    from geo.units import task_units

    assert task_units("建设甲光伏项目（由企业负责）。", 0) == []
    assert task_units("建设甲光伏项目。推进乙风电项目（市能源局负责）", 0) == []  # another sentence's


def test_a_numbered_table_title_opens_a_box_of_project_rows():
    text = TABLE_PLAN.replace("专栏2 可再生能源重点项目", "表2  可再生能源重点项目表")
    result = run(text)
    wind = by_name(result)["华能潍坊港风电项目"]
    assert wind.responsible_units == ["滨海区政府", "市能源局"]  # the table's 责任单位 column
    assert wind.spans[0].section == "一、重点任务 > 表2：可再生能源重点项目表"
    assert set(by_name(result)) == {"华能潍坊港风电项目", "九山光伏项目", "五井光伏项目"}


def test_target_years_go_on_after_a_semicolon_and_in_a_work_reports_year():
    text = (
        "潍坊市碳达峰工作方案\n一、主要目标\n"
        "到2025年，全市电力总装机达到900万千瓦；光伏发电装机达到300万千瓦以上；天然气供应能力达到5亿立方米。"
        "展望2030年，光伏发电、风电装机分别达到500万千瓦和200万千瓦左右。\n"
    )
    rows = {(t.indicator, t.value, t.year) for t in run(text).targets}
    assert {
        ("solar", 3000.0, 2025),
        ("gas", 0.5, 2025),
        ("solar", 5000.0, 2030),
        ("wind", 2000.0, 2030),
    } <= rows
    report = "潍坊市政府工作报告\n二、2024年工作安排\n力争年内新增光伏装机30万千瓦，累计达到120万千瓦。\n"
    assert ("solar", 1200.0, 2024) in {(t.indicator, t.value, t.year) for t in run(report).targets}
    # without a year of work, 年内 sets no year
    assert run("潍坊市碳达峰工作方案\n力争年内光伏装机累计达到120万千瓦。\n").targets == []


def test_a_park_is_where_a_facility_is_built_and_feedstock_is_not_a_capacity():
    from geo.categories import category_of

    assert category_of("甲镇工业园区集中供热改造工程") == "heat"
    assert category_of("乙产业园屋顶分布式光伏项目") == "solar"
    assert category_of("风电装备产业园") == "industry"  # what the park makes, named before it
    text = (
        "潍坊市碳达峰工作方案\n一、重点任务\n"
        "1.发展生物质能。推进临朐县九山镇生物质热电联产项目建设，年处理秸秆30万吨。（责任单位：市能源局）\n"
        "2.发展光伏。建设临朐县五井镇光伏项目，装机容量5万千瓦。（责任单位：市能源局）\n"
    )
    projects = by_name(run(text))
    assert projects["临朐县九山镇生物质热电联产项目"].capacity is None
    assert projects["临朐县五井镇光伏项目"].capacity.value == 50.0


def test_a_county_plan_places_its_townships_named_without_the_county():
    text = "临朐县碳达峰实施方案\n一、重点任务\n1.推进光伏。建设九山镇农光互补光伏项目。（责任单位：县发展改革局）\n"
    solar = by_name(run(text))["九山镇农光互补光伏项目"]
    assert set(solar.places) == {"九山镇", "临朐县"}
    # a city's plan names no county in its title: the township alone is not found after its county
    assert "九山镇农光互补光伏项目" not in by_name(
        run(text.replace("临朐县碳达峰实施方案", "潍坊市碳达峰工作方案"))
    )


def test_a_tables_lead_and_cooperating_unit_columns_are_all_responsible():
    text = (
        "潍坊市碳达峰工作方案\n一、重点任务\n附表1  重点项目清单\n"
        "序号\t项目名称\t建设地点\t建设内容及规模\t牵头单位\t配合单位\n"
        "1\t华能潍坊港风电项目\t滨海区\t装机10万千瓦\t市能源局\t滨海区政府、市自然资源局\n"
        "二、保障措施\n"
    )
    wind = by_name(run(text))["华能潍坊港风电项目"]
    assert wind.responsible_units == ["市能源局", "滨海区政府", "市自然资源局"]
    assert wind.places[0] == "滨海区" and wind.capacity.value == 100.0


def test_a_line_or_substation_named_by_voltage_and_a_township_short_name_in_its_county():
    from geo.named import has_proper_name

    assert has_proper_name("220千伏甲乙输变电工程")
    assert not has_proper_name("500千伏输变电工程") and not has_proper_name("35千伏农网变电工程")
    text = (
        "临朐县碳达峰实施方案\n一、重点任务\n1.加强电网建设。建设220千伏九山输变电工程、110千伏五井变电站。\n"
    )
    projects = by_name(run(text))
    assert "九山镇" in projects["220千伏九山输变电工程"].places
    assert "五井镇" in projects["110千伏五井变电站"].places

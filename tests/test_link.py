"""Cross-document linking (geo.link): one facility, one project, with stable ids.

The plans here are small made-up texts (real county and township names, invented projects)."""

from __future__ import annotations

import csv
import json
import random

import pytest

from geo.build import build_catalog, link_located, locate_projects, merge_duplicates
from geo.history import make_mention, stated_status
from geo.link import core_similarity, link_mentions, name_core
from geo.model import LocatedProject, Location, Project, SourceSpan

CITY_PLAN = """潍坊市碳达峰工作方案
一、重点任务
（一）推进能源绿色低碳转型
1.大力发展光伏。加快建设寿光羊口盐光互补光伏电站项目，推进高密柏城渔光互补光伏项目建设。（责任单位：市发展改革委）
"""

PROVINCE_PLAN = """山东省碳达峰实施方案
一、主要任务
（一）能源绿色低碳转型行动
1.发展光伏。推进寿光市盐光互补光伏电站一期20万千瓦工程建设，谋划高密夏庄农光互补光伏项目。（责任单位：省能源局）
"""

NEWS = """新能源项目捷报 助力碳达峰
2024年5月20日，寿光羊口盐光互补光伏电站项目二期建成并网，二期装机容量50万千瓦。
"""

UNRELATED = """淄博市碳达峰工作方案
一、重点任务
（一）能源转型
1.抽水蓄能。推进沂源县鲁村抽水蓄能电站项目前期工作。（责任单位：市能源局）
"""


@pytest.fixture(scope="module")
def geocoder():
    from geo.geocode import Geocoder

    return Geocoder.default()


def _link(texts: dict, geocoder):
    """The build's pipeline on in-memory plans: extract, merge within a plan, geocode, link."""
    from geo.extract import extract
    from geo.ingest import PlanText
    from geo.parse import parse_document

    docs, projects = [], []
    for source, text in texts.items():
        plan = text if isinstance(text, PlanText) else PlanText(source=source, text=text, encoding="utf-8")
        doc = parse_document(plan)
        docs.append(doc)
        projects += merge_duplicates(extract(doc).projects)
    located, _, _ = locate_projects(projects, geocoder)
    return link_located(located, docs)


def _project_named(result, fragment: str):
    ids = {m.project_id for m in result.mentions if fragment in m.located.project.name}
    assert len(ids) == 1, [(m.located.project.name, m.project_id) for m in result.mentions]
    pid = ids.pop()
    return next(p for p in result.projects if p.id == pid), [
        m for m in result.mentions if m.project_id == pid
    ]


def test_two_plans_naming_one_facility_in_other_words_give_one_project(geocoder):
    result = _link({"a_city.txt": CITY_PLAN, "b_province.txt": PROVINCE_PLAN}, geocoder)
    project, mentions = _project_named(result, "盐光互补")
    assert sorted(m.located.project.name for m in mentions) == [
        "寿光市盐光互补光伏电站一期20万千瓦工程",
        "寿光羊口盐光互补光伏电站项目",
    ]
    assert sorted(project.sources) == ["a_city.txt", "b_province.txt"]
    # the township-level mention gives the place; each mention keeps its own
    assert project.location.township == "羊口镇" and project.location.precision == "township"
    assert {m.located.location.precision for m in mentions} == {"township", "county"}
    assert "定位最精确" in project.resolution


def test_two_facilities_of_one_kind_in_one_county_stay_apart(geocoder):
    result = _link({"a_city.txt": CITY_PLAN, "b_province.txt": PROVINCE_PLAN}, geocoder)
    gaomi = [m for m in result.mentions if "高密" in m.located.project.name]
    assert len(gaomi) == 2 and {m.located.location.county for m in gaomi} == {"高密市"}
    assert gaomi[0].project_id != gaomi[1].project_id
    assert len(result.projects) == 3  # 寿光 (two mentions), 高密 柏城, 高密 夏庄


def test_project_keeps_its_id_when_documents_are_added_removed_or_reordered(geocoder):
    base = _link({"a_city.txt": CITY_PLAN, "b_province.txt": PROVINCE_PLAN}, geocoder)
    ids = {m.located.project.name: m.project_id for m in base.mentions}
    grown = _link(
        {
            "a_city.txt": CITY_PLAN,
            "b_province.txt": PROVINCE_PLAN,
            "c_news.txt": NEWS,
            "d_zibo.txt": UNRELATED,
        },
        geocoder,
    )
    assert {
        n: grown_id
        for n, grown_id in ((m.located.project.name, m.project_id) for m in grown.mentions)
        if n in ids
    } == ids
    shouguang, mentions = _project_named(grown, "盐光互补")
    assert len(mentions) == 3 and shouguang.id == ids["寿光羊口盐光互补光伏电站项目"]
    without_province = _link({"a_city.txt": CITY_PLAN, "c_news.txt": NEWS}, geocoder)
    assert _project_named(without_province, "盐光互补")[0].id == shouguang.id
    shuffled = list(grown.mentions)
    random.Random(3).shuffle(shuffled)
    again = link_mentions([make_mention(m.located, m.doc_kind, m.doc_date) for m in shuffled])
    assert sorted(p.id for p in again.projects) == sorted(p.id for p in grown.projects)


def test_news_gives_the_latest_status_and_the_largest_capacity_wins(geocoder):
    result = _link({"a_city.txt": CITY_PLAN, "b_province.txt": PROVINCE_PLAN, "c_news.txt": NEWS}, geocoder)
    project, mentions = _project_named(result, "盐光互补")
    news = next(m for m in mentions if m.source == "c_news.txt")
    assert news.status == "operating" and news.status_text in ("建成", "并网")
    assert project.status == "operating"
    assert project.project.capacity is not None and project.project.capacity.value == 500
    assert news.doc_date == "2024-05-20"
    assert project.sources[0] == "c_news.txt"  # newest first
    assert "规模：所述最大值" in project.resolution and "进展：最新" in project.resolution


def _lp(pid, source, name, county=None, township=None, owner=None, precision="county", category="solar"):
    project = Project(
        name=name,
        category=category,
        source=source,
        doc_title=source,
        region_adcode=None,
        spans=[SourceSpan("", name, 0, len(name))],
        owner=owner,
    )
    codes = {"寿光市": ("370783", "370700", "潍坊市"), "高密市": ("370785", "370700", "潍坊市")}
    code, city_code, city = codes.get(county, (None, "370700", "潍坊市"))
    loc = Location(
        precision,
        0.0,
        0.0,
        city=city,
        city_adcode=city_code,
        county=county,
        county_adcode=code,
        township=township,
    )
    return make_mention(LocatedProject(pid, project, loc), "plan", None)


def test_owner_contradiction_is_a_suggestion_not_a_link():
    mentions = [
        _lp("m1", "a.txt", "华能寿光盐田光伏项目", "寿光市", owner="华能"),
        _lp("m2", "b.txt", "大唐寿光盐田光伏项目", "寿光市", owner="大唐"),
    ]
    result = link_mentions(mentions)
    assert len(result.projects) == 2
    assert len(result.suggestions) == 1 and "业主不同" in result.suggestions[0]["reason"]


def test_city_level_mention_links_to_county_level_one_unless_counties_differ():
    city_only = _lp("m1", "a.txt", "盐田光伏项目", None, precision="city")
    county = _lp("m2", "b.txt", "寿光盐田光伏项目", "寿光市")
    other_county = _lp("m3", "c.txt", "高密盐田光伏项目", "高密市")
    alone = link_mentions(
        [
            _lp("m1", "a.txt", "盐田光伏项目", None, precision="city"),
            _lp("m2", "b.txt", "寿光盐田光伏项目", "寿光市"),
        ]
    )
    assert len(alone.projects) == 1 and "一方仅知到城市" in alone.mentions[0].link_reason
    result = link_mentions([city_only, county, other_county])
    # the city-level mention could be either county's: it joins neither, both are suggested
    assert len(result.projects) == 3
    assert sorted(
        s["other_name"] if s["name"] == "盐田光伏项目" else s["name"] for s in result.suggestions
    ) == [
        "寿光盐田光伏项目",
        "高密盐田光伏项目",
    ]
    assert all("可能对应多个项目" in s["reason"] for s in result.suggestions)


def test_a_generic_name_in_the_same_county_is_only_suggested():
    generic = _lp("m1", "a.txt", "寿光光伏项目", "寿光市")
    specific = _lp("m2", "b.txt", "寿光北岸滩涂渔光互补光伏电站", "寿光市")
    elsewhere = _lp("m3", "c.txt", "高密北岸滩涂渔光互补光伏电站", "高密市")
    result = link_mentions([generic, specific, elsewhere])
    assert len(result.projects) == 3
    [suggestion] = result.suggestions
    assert {suggestion["mention_id"], suggestion["other_mention_id"]} == {"m1", "m2"}
    assert "同一区县" in suggestion["reason"]


def test_a_name_of_kind_words_only_needs_the_same_county_to_link():
    county = _lp("m1", "a.txt", "寿光40万千瓦风电项目", "寿光市")
    city_only = _lp("m2", "b.txt", "潍坊300兆瓦风电项目", None, owner="华电", precision="city")
    same_county = _lp("m3", "c.txt", "寿光风电场", "寿光市")
    result = link_mentions([county, city_only, same_county])
    assert county.project_id == same_county.project_id != city_only.project_id
    assert any("名称无专名" in s["reason"] for s in result.suggestions)


def test_a_project_never_takes_two_mentions_of_one_document():
    mentions = [
        _lp("m1", "a.txt", "寿光盐田光伏项目", "寿光市"),
        _lp("m2", "b.txt", "寿光盐田一期光伏项目", "寿光市"),
        _lp("m3", "b.txt", "寿光盐田二期光伏项目", "寿光市"),
    ]
    result = link_mentions(mentions)
    assert len({m.project_id for m in mentions}) == 2
    assert any("同一文件" in s["reason"] for s in result.suggestions)


def test_name_core_drops_places_owner_phases_capacity_and_generic_words():
    assert (
        name_core("山东海州核电项目", None, ["海州"]) == name_core("海州核电厂址", None, ["海州"]) == "核电"
    )
    assert name_core("华能甲县海上风电一期500MW工程", "华能", ["甲县"]) == "海上风电"
    assert name_core("乙县3、4号机组扩建项目", None, ["乙县"]) == ""
    assert name_core("甲县国家级整县制屋顶分布式光伏规模化开发试点", None, ["甲县"]) == "整县屋顶分布式光伏"
    assert name_core("甲市整市屋顶分布式光伏项目", None, ["甲市"]) == "整县屋顶分布式光伏"
    assert core_similarity("海上风电", "海上风电")[0] == 1.0
    assert core_similarity("渔光互补光伏", "农光互补光伏")[0] < 0.85


def test_stated_status_reads_the_words_of_the_names_clause():
    assert stated_status("甲县光伏项目建成并网，乙县风电项目开工。", "乙县风电项目") == (
        "construction",
        "开工",
    )
    assert stated_status("甲县光伏项目建成并网，乙县风电项目开工。", "甲县光伏项目")[0] == "operating"
    assert stated_status("谋划布局甲县抽水蓄能电站。", "甲县抽水蓄能电站")[0] == "planned"
    assert stated_status("甲县光伏项目。", "甲县光伏项目") == (None, None)
    assert stated_status("推进甲县抽水蓄能电站前期工作。", "甲县抽水蓄能电站") == ("pre_construction", "前期")
    assert stated_status("甲县规划区光伏项目。", "甲县规划区光伏项目") == (None, None)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("linked")
    seeds = tmp / "plans"
    seeds.mkdir()
    for name, text in (("a_city.txt", CITY_PLAN), ("b_province.txt", PROVINCE_PLAN), ("c_news.txt", NEWS)):
        (seeds / name).write_text(text, encoding="utf-8")
    report = build_catalog(seeds, tmp / "cat")
    return tmp / "cat", report


def test_build_writes_mentions_and_one_feature_per_project(built):
    out, report = built
    features = json.loads((out / "projects.geojson").read_text(encoding="utf-8"))["features"]
    with open(out / "mentions.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(features) == report["counts"]["projects"] == 3
    assert len(rows) == report["counts"]["mentions"] == 5
    by_id = {f["id"]: f["properties"] for f in features}
    assert {r["project_id"] for r in rows} == set(by_id)
    for pid, props in by_id.items():
        assert props["mention_count"] == sum(r["project_id"] == pid for r in rows) == len(props["sources"])
    assert (out / "suggested_links.csv").is_file()

    from geo.catalog import load_catalog
    from geo.catalog_filters import Filters, apply_filters

    catalog = load_catalog(out)
    shouguang = next(p for p in catalog.projects.itertuples() if "盐光互补" in p.name)
    history = catalog.mentions_of(shouguang.id)
    assert history[0]["source"] == "c_news.txt"  # newest first: the only dated document
    assert len(history) == 3
    # filtering by a plan shows every project it names, also where another document gave the shown values
    shown = apply_filters(catalog.projects, Filters(plans=["b_province.txt"]))
    assert len(shown) == 2 and shouguang.id in set(shown["id"])


def test_briefing_table_cites_every_document_naming_a_project(built):
    from geo.catalog import load_catalog
    from geo.report_rows import sources_text, table_columns, table_rows
    from geo.report_select import select

    sel = select(load_catalog(built[0]))
    assert [s["source"] for s in sel.sources] == ["a_city.txt", "b_province.txt", "c_news.txt"]
    assert sources_text(sel).startswith("[1]《潍坊市碳达峰工作方案》、[2]《山东省碳达峰实施方案》")
    headers = [c.header for c in table_columns()]
    rows = {row[1]: dict(zip(headers, row, strict=True)) for row in table_rows(sel)}
    assert len(rows) == 3  # one row per project, however many documents name it
    shouguang = next(v for k, v in rows.items() if "盐光互补" in k)
    assert shouguang["来源"] == "[1][2][3]"
    assert next(v for k, v in rows.items() if "夏庄" in k)["来源"] == "[2]"


def test_a_catalog_built_before_linking_still_loads_with_one_mention_per_project(built, tmp_path):
    import shutil

    from geo.catalog import load_catalog

    old = tmp_path / "old"
    shutil.copytree(built[0], old)
    (old / "mentions.csv").unlink()
    catalog = load_catalog(old)
    assert catalog.mentions is None
    pid = catalog.projects["id"].iloc[0]
    [only] = catalog.mentions_of(pid)
    assert only["project_id"] == pid and only["source"] == catalog.projects["source"].iloc[0]


def test_on_the_seeds_removing_a_plan_renumbers_nothing_else(geocoder):
    from geo import SEEDS_DIR
    from geo.ingest import read_plan

    texts = {p.name: read_plan(p) for p in sorted(SEEDS_DIR.glob("*.txt"))}
    full = _link(texts, geocoder)
    ids = {p.id: set(p.sources) for p in full.projects}
    assert len(ids) == len(full.projects)
    linked = [pid for pid, files in ids.items() if len(files) > 1]
    assert len(linked) >= 4  # the province plan's offshore zones and 海阳 are named by city plans too
    for dropped in texts:
        rest = _link({k: v for k, v in texts.items() if k != dropped}, geocoder)
        kept = {p.id for p in rest.projects}
        assert kept == {pid for pid, files in ids.items() if files - {dropped}}, dropped


def test_link_precision_and_recall_on_the_annotated_seeds_and_devset(geocoder):
    from pathlib import Path

    from geo.eval_gold import DEFAULT_GOLD
    from geo.eval_links import evaluate_links, gold_docs

    seeds = evaluate_links(DEFAULT_GOLD, gold_docs(DEFAULT_GOLD), geocoder)
    assert seeds["gold_pairs"] >= 7
    assert seeds["precision"] >= 0.9 and seeds["recall"] >= 0.9, seeds
    assert seeds["on_gold_projects"]["precision"] >= 0.9 and seeds["on_gold_projects"]["recall"] >= 0.9
    # the unseen news passages: a base named by its province-level title in one, by county and kind in another
    unseen = DEFAULT_GOLD.parent / "edge_cases" / "unseen"
    news = evaluate_links(unseen, gold_docs(unseen), geocoder)
    assert news["gold_pairs"] >= 1 and news["recall_end_to_end"] == 1.0, news["missed_links"]
    assert news["precision"] == 1.0, news["false_links"]
    repo = Path(__file__).resolve().parents[1]
    devset = next((d / "shared" / "devset" for d in repo.parents if (d / "shared" / "devset").is_dir()), None)
    if devset is None:
        pytest.skip("../shared/devset is not beside the repository")
    dev = evaluate_links(devset, gold_docs(devset), geocoder)
    oracle = dev["on_gold_projects"]
    assert oracle["precision"] >= 0.9 and oracle["recall"] >= 0.9, oracle
    assert dev["precision"] >= 0.9, dev["false_links"]
    assert dev["recall_end_to_end"] >= 0.9, dev["missed_links"]  # extraction reads both mentions of each pair


def test_the_app_details_card_lists_every_document_newest_first(built, tmp_path, monkeypatch):
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    from geo.catalog import load_catalog

    catalog = load_catalog(built[0])
    pid = next(p.id for p in catalog.projects.itertuples() if "盐光互补" in p.name)
    monkeypatch.setenv("SDCARBON_CATALOG_DIR", str(built[0]))
    monkeypatch.setenv("SDCARBON_WEB_CACHE", str(tmp_path / "web"))
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "app.py"), default_timeout=60)
    at.query_params["sel"] = pid
    at.run()
    assert not at.exception
    card = next(b for b in (getattr(e.proto, "body", "") for e in at.get("html")) if "sd-details" in b)
    history = card[card.index("sd-history") :]
    assert history.count("<li>") == 3
    news, city, province = (
        history.index(t) for t in ("新能源项目捷报", "潍坊市碳达峰工作方案", "山东省碳达峰实施方案")
    )
    assert news < min(city, province)  # the only dated document comes first
    assert "取值依据" in card

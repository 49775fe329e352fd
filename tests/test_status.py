"""A project's stage (`status`) with the words and the document date it was read from: on made-up sentences,
through a build of made-up documents, and in every export."""

from __future__ import annotations

import json

import pytest

from geo.history import stated_status

PLAN = """甲市碳达峰工作方案
一、重点任务
（一）能源绿色低碳转型
1.发展新能源。加快建设寿光羊口盐光互补光伏电站项目，谋划高密夏庄农光互补光伏项目，推进昌乐县庵上湖抽水蓄能电站项目前期工作，暂缓青州市王府燃煤热电项目。（责任单位：市发展改革委）
2.发展风电。支持潍坊滨海风电项目。
"""

NEWS = """新能源项目捷报
2024年5月20日，寿光羊口盐光互补光伏电站项目建成并网。
"""


@pytest.mark.parametrize(
    ("sentence", "name", "status", "words"),
    [
        ("谋划布局甲县抽水蓄能电站。", "甲县抽水蓄能电站", "planned", "布局"),
        ("储备乙县风电项目。", "乙县风电项目", "planned", "储备"),
        ("推进乙县光伏项目前期工作。", "乙县光伏项目", "pre_construction", "前期"),
        ("乙县风电项目获得核准。", "乙县风电项目", "pre_construction", "核准"),
        ("加快建设丙县储能电站。", "丙县储能电站", "construction", "加快建设"),
        ("丁县生物质电厂建成投运。", "丁县生物质电厂", "operating", "建成"),
        ("戊县光伏项目全容量并网。", "戊县光伏项目", "operating", "并网"),
        ("暂缓己县燃煤电厂建设。", "己县燃煤电厂", "shelved", "暂缓"),
        ("取消庚县煤电项目。", "庚县煤电项目", "cancelled", "取消"),
        ("支持辛县风电项目。", "辛县风电项目", None, None),
    ],
)
def test_stage_words_on_made_up_sentences(sentence, name, status, words):
    assert stated_status(sentence, name) == (status, words)


def test_the_stage_of_another_clause_is_not_taken():
    sentence = "甲县光伏项目建成并网，支持乙县风电项目。"
    assert stated_status(sentence, "乙县风电项目") == (None, None)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from geo.build import build_catalog

    tmp = tmp_path_factory.mktemp("status")
    seeds = tmp / "seeds"
    seeds.mkdir()
    (seeds / "weifang_plan_2023.txt").write_text(PLAN, encoding="utf-8")
    (seeds / "weifang_news_2024.txt").write_text(NEWS, encoding="utf-8")
    out = tmp / "build"
    build_catalog(seeds, out)
    return out


def _by_name(features, part):
    return next(f["properties"] for f in features if part in f["properties"]["name"])


def test_status_words_and_date_in_the_catalog(built):
    features = json.loads((built / "projects.geojson").read_text(encoding="utf-8"))["features"]
    solar = _by_name(features, "羊口")
    # the newest document that states a stage wins: the news item's 建成 over the plan's 加快建设
    assert (solar["status"], solar["status_words"], solar["status_date"]) == (
        "operating",
        "建成",
        "2024-05-20",
    )
    pumped = _by_name(features, "庵上湖")
    assert (pumped["status"], pumped["status_words"]) == ("pre_construction", "前期")
    wind = _by_name(features, "滨海风电")
    assert wind["status"] is None and wind["status_words"] is None and wind["status_date"] is None


def test_every_export_carries_the_status(built):
    from geo.catalog import load_catalog
    from geo.downloads import DOWNLOADS

    catalog = load_catalog(built)
    solar = catalog.projects[catalog.projects["name"].str.contains("羊口")]
    assert solar["status_words"].iloc[0] == "建成"
    for fmt in DOWNLOADS:
        data = fmt.make(solar, catalog)
        assert data, fmt.suffix
        if fmt.suffix in (".geojson", ".csv", ".kml"):
            text = data.decode("utf-8-sig")
            assert "建成" in text and "2024-05-20" in text, fmt.suffix
    assert "status_words" in (built / "projects.csv").read_text(encoding="utf-8-sig").splitlines()[0]

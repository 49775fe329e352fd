"""The evaluation scorer (geo.evaluate) on hand-made predictions, and the gold files' validity."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo import REPO_ROOT, SEEDS_DIR
from geo.cli import UserError
from geo.eval_compare import capacity_equal, name_score, normalize_name, units_equal
from geo.eval_gold import admin_codes, load_gold, validate_gold
from geo.eval_records import Pred, PredTarget
from geo.eval_score import match_projects, score_projects, score_targets

GOLD_DIR = REPO_ROOT / "tests" / "eval" / "gold"
EDGE_DIR = REPO_ROOT / "tests" / "eval" / "edge_cases"
SRC = "plan.txt"


def gold(name, category="solar", **kw):
    entry = {
        "name": name,
        "aliases": [],
        "category": category,
        "energy": category not in ("industry", "transport", "ecology", "circular", "other"),
        "county": None,
        "county_adcode": None,
        "township": None,
        "precision": "city",
        "offshore": False,
        "capacity_text": None,
        "capacity_value": None,
        "capacity_unit": None,
        "owner": None,
        "target_year": None,
        "responsible_units": [],
        "section": "",
        "quote": "",
        "_source": SRC,
    }
    entry.update(kw)
    return entry


def pred(name, category="solar", **kw):
    return Pred(source=SRC, name=name, category=category, **kw)


# --------------------------------------------------------------------------------------------- name matching


def test_normalize_name_strips_spaces_punctuation_and_suffixes():
    assert normalize_name("华能日照电厂 2×9H 天然气发电项目") == "华能日照电厂2×9h天然气发电"
    assert normalize_name("日照港—新海石化输油管道") == "日照港新海石化输油管道"
    assert normalize_name("莒县洛河集中式光伏项目建设") == "莒县洛河集中式光伏"
    assert normalize_name("ＬＮＧ接收站工程") == "lng接收站"  # full-width letters folded


def test_name_score_exact_alias_and_containment():
    g = gold("日照港LNG接收站及外输管道项目", aliases=["日照LNG接收站"])
    assert name_score("日照港 LNG 接收站及外输管道项目", g) == 1.0
    assert name_score("日照LNG接收站", g) == 1.0  # alias
    assert 0.5 < name_score("渤中海上风电", gold("渤中海上风电基地")) < 1.0  # containment, ratio 0.75
    assert name_score("海阳", gold("海阳核电装备制造工业园")) == 0.0  # too short a part
    assert name_score("华能海上风电项目", gold("三峡海上风电项目")) == 0.0


def test_a_closing_bracketed_note_of_a_gold_name_is_an_appositive():
    g = gold("甲乙智慧能源中心项目(丙区储能电站)", "storage")
    assert name_score("甲乙智慧能源中心项目", g) == 1.0
    assert name_score("甲乙智慧能源中心项目(丙区储能电站)", g) == 1.0
    assert name_score("丙区储能电站", g) == 0.0  # the note alone is not the name
    assert name_score("甲港管廊工程", gold("甲港管廊(一期)工程")) < 1.0  # a phase inside the name stays


def test_name_score_keeps_distinguishing_township_and_owner():
    g = gold("五莲县街头抽水蓄能电站项目", "pumped_storage", county="五莲县", township="街头镇")
    assert name_score("五莲县街头抽水蓄能电站", g) == 1.0
    assert name_score("五莲县抽水蓄能电站项目", g) == 0.0  # lost 街头: not this project
    g2 = gold("岚山凯迪生物质发电扩建项目", "biomass", owner="凯迪")
    assert name_score("岚山生物质发电扩建项目", g2) == 0.0


def test_matching_is_one_to_one_and_prefers_the_best_score():
    golds = [
        gold("莒县洛河集中式光伏项目", township="洛河镇"),
        gold("莒县长岭集中式光伏项目", township="长岭镇"),
    ]
    preds = [pred("莒县长岭集中式光伏项目"), pred("洛河集中式光伏"), pred("莒县洛河集中式光伏项目")]
    pairs = match_projects(preds, golds)
    assert sorted((i, j) for i, j, _ in pairs) == [(0, 1), (2, 0)]  # the exact name wins over the partial one


def test_matching_respects_the_source():
    g = gold("东港区海上光伏项目")
    assert match_projects([Pred(source="other.txt", name="东港区海上光伏项目", category="solar")], [g]) == []


# --------------------------------------------------------------------------------------------- project scores


def test_a_missed_project_lowers_recall_to_the_exact_value():
    golds = [gold(f"项目{n}号光伏电站") for n in "甲乙丙丁"]
    preds = [pred(f"项目{n}号光伏电站") for n in "甲乙丙"]  # 丁 missed
    result = score_projects(preds, golds)
    assert result["all"]["recall"] == pytest.approx(0.75)
    assert result["all"]["precision"] == pytest.approx(1.0)
    assert result["all"]["f1"] == pytest.approx(2 * 0.75 / 1.75)
    assert [m["name"] for m in result["misses"]] == ["项目丁号光伏电站"]


def test_false_positive_and_category_blocks():
    golds = [gold("甲光伏电站"), gold("乙风电场", "wind"), gold("丙钢铁基地", "industry")]
    preds = [pred("甲光伏电站"), pred("乙风电场", "solar"), pred("丁储能电站", "storage")]
    result = score_projects(preds, golds)
    # detection ignores the category; precision per category is by the predicted one
    assert result["all"]["matched_gold"] == 2
    assert result["all"]["precision"] == pytest.approx(2 / 3)
    assert result["by_category"]["solar"]["precision"] == pytest.approx(1.0)  # both solar predictions matched
    assert result["by_category"]["wind"]["recall"] == pytest.approx(1.0)
    assert result["by_category"]["storage"]["precision"] == pytest.approx(0.0)
    assert result["by_category"]["industry"]["recall"] == pytest.approx(0.0)
    assert result["energy"]["gold"] == 2 and result["energy"]["matched_gold"] == 2
    assert result["accuracy"]["category"] == {"n": 2, "correct": 1, "accuracy": 0.5}
    assert [fp["name"] for fp in result["false_positives"]] == ["丁储能电站"]


def test_borderline_predictions_count_neither_way():
    golds = [gold("甲光伏电站")]
    borderlines = [{"name": "空海联动物流集散基地", "reason": "no place", "_source": SRC}]
    preds = [pred("甲光伏电站"), pred("空海联动物流集散基地", "transport")]
    result = score_projects(preds, golds, borderlines)
    assert result["all"]["precision"] == 1.0 and result["lenient"] == 1


def test_attribute_accuracy_with_alternatives_and_place_na():
    g = gold(
        "华能日照电厂2×9H天然气发电项目",
        "gas_power",
        owner="华能",
        capacity_text="2×9H",
        precision="city",
        alt_precision=["site"],
        responsible_units=["各区县政府", "各功能区管委"],
    )
    p = pred(
        "华能日照电厂 2×9H 天然气发电项目",
        "gas_power",
        owner="华能集团",
        capacity_text="2×9H",
        responsible_units=["各功能区管委", "各区县政府 "],
    )
    acc = score_projects([p], [g])["accuracy"]
    assert acc["owner"]["accuracy"] == 1.0  # containment 华能 / 华能集团
    assert acc["capacity"]["accuracy"] == 1.0  # size class: both values null, same text
    assert acc["responsible_units"]["accuracy"] == 1.0  # a set, spaces ignored
    assert acc["county"]["n"] == 0  # not geocoded: place accuracy n/a
    p.located, p.precision = True, "site"
    assert score_projects([p], [g])["accuracy"]["precision"]["accuracy"] == 1.0


def test_capacity_equal():
    g = gold("x", capacity_text="100万吨/年", capacity_value=1.0, capacity_unit="Mt/a")
    assert capacity_equal(pred("x", capacity_value=1.005, capacity_unit="Mt/a"), g)
    assert not capacity_equal(pred("x", capacity_value=1.02, capacity_unit="Mt/a"), g)
    assert not capacity_equal(pred("x", capacity_value=1.0, capacity_unit="MW"), g)
    size = gold("y", capacity_text="百万千瓦级")
    assert capacity_equal(pred("y", capacity_text="百万千瓦级"), size)
    assert not capacity_equal(
        pred("y", capacity_text="百万千瓦级", capacity_value=1000.0, capacity_unit="MW"), size
    )


def test_units_equal_normalizes():
    assert units_equal(["市发展改革委", "烟台供电公司等"], ["烟台供电公司", "市发展改革委"])
    assert not units_equal(["市发展改革委"], ["市发展改革委", "各区县政府"])


# --------------------------------------------------------------------------------------------- target scores


def tgt(indicator, value, year, unit="MW", optional=False):
    t = {
        "region": "日照市",
        "region_adcode": "371100",
        "indicator": indicator,
        "value": value,
        "unit": unit,
        "year": year,
        "quote": "",
        "_source": SRC,
    }
    if optional:
        t["optional"] = True
        t["label"] = "x"
    return t


def test_target_scores():
    golds = [tgt("solar", 4000, 2030), tgt("biomass", 500, 2030), tgt("other", 14, 2025, "%", optional=True)]
    preds = [
        PredTarget(SRC, "solar", 4010, "MW", 2030),  # within 1 %
        PredTarget(SRC, "biomass", 500, "MW", 2025),  # wrong year: miss + false positive
        PredTarget(SRC, "renewable", 14, "%", 2025),  # matches the optional gold: neutral
        PredTarget(SRC, "other", 7, "%", 2025),  # unmatched 'other': neutral
    ]
    result = score_targets(preds, golds)
    assert result["recall"] == pytest.approx(0.5)
    assert result["precision"] == pytest.approx(0.5)
    assert result["optional_matched"] == 1
    assert result["ignored_pred"] == 2
    assert [m["indicator"] for m in result["misses"]] == ["biomass"]


# --------------------------------------------------------------------------------------------- gold files


def _gold_files():
    return (
        sorted(GOLD_DIR.glob("*.json"))
        + sorted(EDGE_DIR.glob("*.json"))
        + sorted(EDGE_DIR.glob("unseen/*.json"))
        + sorted(EDGE_DIR.glob("plans_unseen/*.json"))
        + sorted(EDGE_DIR.glob("notices_unseen/*.json"))
    )


@pytest.mark.parametrize("path", _gold_files(), ids=lambda p: p.name)
def test_gold_files_validate(path: Path):
    data = json.loads(path.read_text(encoding="utf-8"))
    assert validate_gold(data, admin_codes()) == []
    plan = (
        (path.parent / data["source"])
        if (path.parent / data["source"]).exists()
        else SEEDS_DIR / data["source"]
    )
    assert plan.exists()
    names = [p["name"] for p in data["projects"]]
    assert len(names) == len(set(names)), "a project listed twice"
    # every township named is one of its county's townships in the shipped layer (when built)
    townships = REPO_ROOT / "layers" / "townships.csv"
    if townships.exists():
        import csv

        with townships.open(encoding="utf-8-sig", newline="") as fh:
            known = {(r["name"], r["county_adcode"]) for r in csv.DictReader(fh)}
        for p in data["projects"]:
            if p["township"]:
                assert (p["township"], p["county_adcode"]) in known, p["name"]


def test_gold_covers_every_seed():
    stems = {p.stem for p in SEEDS_DIR.glob("*.txt")}
    assert stems == {p.stem for p in GOLD_DIR.glob("*.json")}
    assert len(list(EDGE_DIR.glob("*.txt"))) >= 6
    assert {p.stem for p in EDGE_DIR.glob("*.txt")} == {p.stem for p in EDGE_DIR.glob("*.json")}


def test_validate_gold_reports_vocabulary_errors():
    data = json.loads((GOLD_DIR / "004_04b7c7e4db8a37ee.json").read_text(encoding="utf-8"))
    data["projects"][0]["category"] = "coal"
    data["projects"][1]["capacity_unit"] = "GW"
    data["targets"][0]["indicator"] = "intensity"
    problems = validate_gold(data, {"370300"})
    assert any("unknown category 'coal'" in p for p in problems)
    assert any("unknown capacity unit 'GW'" in p for p in problems)
    assert any("unknown indicator 'intensity'" in p for p in problems)
    assert any("not in layers/admin_units.csv" in p for p in problems)  # 370305 not in the given set


def test_load_gold_rejects_a_broken_folder(tmp_path):
    with pytest.raises(UserError, match="not found"):
        load_gold(tmp_path / "missing")
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(UserError, match=r"bad\.json"):
        load_gold(tmp_path)


# ---------------------------------------------------------------------------------------------------------
# the dev set (../shared/devset): real passages of cities outside the seeds, in their own format

from geo import devset  # noqa: E402

# Raised as the reading improves; the targets are P 0.90, R 0.85, county 0.90, capacity 0.90, dup 5.
DEVSET_MIN = {"precision": 0.91, "recall": 0.95, "county": 0.93, "capacity": 0.95}
DEVSET_MAX_DUPLICATES_PER_100 = 3.0


def test_devset_text_fields_are_cleaned_like_ingestion():
    doc = {
        "source": "x.txt",
        "url": "",
        "region": "某市",
        "region_adcode": None,
        "targets": [],
        "projects": [
            {
                "name": "甲乙風(fēng)電項目",
                "category": "wind",
                "county": None,
                "county_adcode": None,
                "township": None,
                "precision": "city",
                "offshore": False,
                "capacity_text": "10萬千瓦",
                "capacity_value": 100,
                "capacity_unit": "MW",
                "owner": "甲乙能源;丙丁電力",
                "responsible_units": [],
                "quote": "甲乙風電項目開工。",
            }
        ],
    }
    project = devset.to_gold(doc)["projects"][0]
    assert project["name"] == "甲乙风电项目"
    assert project["capacity_text"] == "10万千瓦"
    assert (project["owner"], project["alt_owner"]) == ("甲乙能源", ["丙丁电力"])
    assert project["energy"] is True
    assert validate_gold(devset.to_gold(doc)) == []


def test_devset_duplicates_are_unmatched_predictions_of_a_found_facility():
    golds = [gold("甲县风电项目", category="wind", capacity_value=100.0)]
    preds = [
        pred("甲县风电项目", category="wind", capacity_value=100.0),
        pred("在甲县风电项目", category="wind"),  # contains the found name
        pred("乙县光伏项目", category="solar"),  # another facility: a false positive, not a duplicate
    ]
    block = devset._block(preds, golds)
    assert (block["found"], block["pred"], block["duplicates"]) == (1, 3, 1)
    assert block["precision"] == pytest.approx(1 / 3)


def test_devset_meets_its_thresholds():
    folder = devset.default_folder()
    if folder is None:
        pytest.skip("../shared/devset not found beside the repository: dev-set eval not run")
    from geo.evaluate import evaluate

    gold_files = devset.load_devset(folder)
    summary = devset.summarize(evaluate(gold_files), gold_files)["overall"]
    for key, minimum in DEVSET_MIN.items():
        assert summary[key] >= minimum, (
            key,
            summary[key],
            devset.format_summary({"overall": summary, "by_city": {}}),
        )
    assert summary["duplicates_per_100"] <= DEVSET_MAX_DUPLICATES_PER_100

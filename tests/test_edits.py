"""Corrections that last: edits made through geo.review, stored in geo.store, applied by geo.edits when
`python -m geo build` runs again, on a real plan (seeds/000, 日照) and with the store in SQLite and in a real
PostgreSQL server. Also orphaned edits, bad form input and the review queue."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
import shapely

from geo import SEEDS_DIR, review
from geo.build import build_catalog
from geo.catalog import load_catalog
from geo.cli import main
from geo.edits import ORPHANED_FILE, REJECTED_FILE, read_review_file
from geo.layers_read import load_admin
from geo.review import ReviewError
from geo.store import DB_URL_ENV, ConflictError, Store

PLAN = "000_1960cbd18c417490.txt"


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("seeds")
    shutil.copy(SEEDS_DIR / PLAN, folder / PLAN)
    return folder


@pytest.fixture(scope="module")
def baseline(seeds, tmp_path_factory):
    out = tmp_path_factory.mktemp("base") / "build"
    build_catalog(seeds, out)
    return {r["name"]: r for r in load_catalog(out).projects.drop(columns="geometry").to_dict("records")}


@pytest.fixture(scope="module")
def counties():
    return {r.adcode: r.geometry for r in load_admin("counties", "full").itertuples()}


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    url = (
        f"sqlite:///{tmp_path / 'store.sqlite'}"
        if request.param == "sqlite"
        else request.getfixturevalue("pg_url")
    )
    with Store.open(url) as s:
        s.add_editor("王工", "correct horse battery")
        s.add_editor("李工", "another long secret")
    return url


def features(out: Path) -> dict[str, dict]:
    fc = json.loads((out / "projects.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["name"]: f for f in fc["features"]}


def save(url: str, *edits) -> None:
    with Store.open(url) as s:
        for e in edits:
            s.append_edit(e)


def seen(record) -> dict:
    return review.catalog_values(record)


def test_corrections_are_applied_at_build_and_survive_a_command_line_rebuild(
    seeds, baseline, store_url, counties, tmp_path, monkeypatch
):
    plan_text = (seeds / PLAN).read_text(encoding="utf-8")
    confirmed = baseline["莒县洛河集中式光伏项目"]
    moved = baseline["日照港 LNG 接收站及外输管道项目"]  # placed at city level by the reader
    rejected = baseline["成品码头工程"]
    sited = baseline["五莲县街头抽水蓄能电站项目"]
    merged, kept = baseline["莒县绿色矿山综合整治示范工程"], baseline["五莲绿色矿山综合整治示范工程"]
    renamed = baseline["五莲骏达生物质发电项目"]
    assert moved["precision"] == "city"
    wulian = counties["371121"]
    site = shapely.point_on_surface(wulian)
    sentence = next(line for line in plan_text.splitlines() if "氢" in line)
    save(
        store_url,
        review.confirm(confirmed, seen(confirmed), "王工"),
        review.change(moved, seen(moved), "county", "东港区", "王工", "接收站在石臼港区"),
        review.reject(rejected, seen(rejected), "李工", "码头的一部分，不是单独项目"),
        review.set_site(sited, seen(sited), site.x, site.y, "李工"),
        review.merge(merged, seen(merged), kept["id"], "王工", "同一工程"),
        review.change(renamed, seen(renamed), "capacity", "3万千瓦", "王工"),
        review.add_project(
            PLAN,
            plan_text,
            sentence,
            {"name": "日照氢能示范测试项目", "category": "氢能", "county": "莒县"},
            "李工",
        ),
    )

    out = tmp_path / "build"
    report = build_catalog(seeds, out, store_url=store_url)
    got = features(out)
    p = {name: f["properties"] for name, f in got.items()}
    assert p["莒县洛河集中式光伏项目"]["review_status"] == "confirmed"
    assert p["莒县洛河集中式光伏项目"]["edited_fields"] == []
    m = p["日照港 LNG 接收站及外输管道项目"]
    assert (m["review_status"], m["edited_fields"], m["precision"]) == ("edited", ["county"], "county")
    assert (m["county"], m["county_adcode"], m["city"]) == ("东港区", "371102", "日照市")
    assert "王工" in m["location_note"]
    moved_point = shapely.geometry.shape(got["日照港 LNG 接收站及外输管道项目"]["geometry"])
    assert counties["371102"].contains(moved_point)
    assert "成品码头工程" not in p and "莒县绿色矿山综合整治示范工程" not in p
    s = p["五莲县街头抽水蓄能电站项目"]
    assert (s["precision"], s["county_adcode"], s["edited_fields"]) == ("site", "371121", ["site"])
    assert "李工" in s["location_note"] and "人工" in s["location_note"]
    assert got["五莲县街头抽水蓄能电站项目"]["geometry"]["coordinates"] == [
        round(site.x, 6),
        round(site.y, 6),
    ]
    assert p["五莲绿色矿山综合整治示范工程"]["edited_fields"] == ["merged"]
    assert (p["五莲骏达生物质发电项目"]["capacity_value"], p["五莲骏达生物质发电项目"]["capacity_unit"]) == (
        30.0,
        "MW",
    )
    a = p["日照氢能示范测试项目"]
    assert (a["review_status"], a["county"], a["category"], a["quote"]) == (
        "added",
        "莒县",
        "hydrogen",
        sentence,
    )
    assert (p["岚山区整县屋顶光伏项目"]["review_status"], p["岚山区整县屋顶光伏项目"]["edited_fields"]) == (
        "unreviewed",
        [],
    )
    rows = {r["id"]: r for r in read_review_file(out, REJECTED_FILE)}
    assert (
        rows[rejected["id"]]["status"] == "rejected"
        and rows[rejected["id"]]["reason"] == "码头的一部分，不是单独项目"
    )
    assert rows[merged["id"]]["status"] == "merged" and rows[merged["id"]]["merged_into"] == kept["id"]
    assert read_review_file(out, ORPHANED_FILE) == []
    assert report["review"]["by_review_status"] == {
        "added": 1,
        "confirmed": 1,
        "edited": 4,
        "unreviewed": len(baseline) - 7,  # 2 set aside, 6 touched, 1 added
    }
    assert report["counts"]["projects"] == len(baseline) - 2 + 1

    # the same corrections from the command line (the store named by SDCARBON_DB_URL), byte for byte
    monkeypatch.setenv(DB_URL_ENV, store_url)
    cli_out = tmp_path / "cli"
    assert main(["build", "--seeds", str(seeds), "--out", str(cli_out), "--no-progress"]) == 0
    assert (cli_out / "projects.geojson").read_bytes() == (out / "projects.geojson").read_bytes()
    assert main(["build", "--seeds", str(seeds), "--out", str(cli_out), "--no-progress", "--no-edits"]) == 0
    assert "成品码头工程" in features(cli_out)


def test_exports_carry_the_review_columns(seeds, baseline, tmp_path):
    import pyogrio

    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    with Store.open(url) as s:
        s.add_editor("王工", "correct horse battery")
    record = baseline["莒县洛河集中式光伏项目"]
    save(url, review.change(record, seen(record), "name", "莒县洛河镇集中式光伏项目", "王工"))
    out = tmp_path / "build"
    build_catalog(seeds, out, store_url=url)
    layer = pyogrio.read_dataframe(out / "catalog.gpkg", layer="projects")
    row = layer[layer["id"] == record["id"]].iloc[0]
    assert (row["name"], row["review_status"], row["edited_fields"]) == (
        "莒县洛河镇集中式光伏项目",
        "edited",
        "name",
    )
    with open(out / "projects.csv", encoding="utf-8-sig", newline="") as fh:
        by_id = {r["id"]: r for r in csv.DictReader(fh)}
    assert (by_id[record["id"]]["review_status"], by_id[record["id"]]["edited_fields"]) == ("edited", "name")


def test_an_edit_whose_project_or_sentence_disappears_is_listed_as_orphaned_and_comes_back(
    baseline, tmp_path
):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    original = (SEEDS_DIR / PLAN).read_text(encoding="utf-8")
    (seeds / PLAN).write_text(original, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    with Store.open(url) as s:
        s.add_editor("王工", "correct horse battery")
    gone, reworded = baseline["成品码头工程"], baseline["东港区三庄抽水蓄能电站项目"]
    sentence = next(line for line in original.splitlines() if "氢" in line)
    save(
        url,
        review.change(gone, seen(gone), "county", "东港区", "王工"),
        review.confirm(reworded, seen(reworded), "王工"),
        review.add_project(
            PLAN,
            original,
            sentence,
            {"name": "日照氢能示范测试项目", "category": "hydrogen", "county": "莒县"},
            "王工",
        ),
    )
    changed = (
        original.replace("、成品码头工程", "")
        .replace("（2）东港区三庄", "（2）加快东港区三庄")
        .replace(sentence, "")
    )
    (seeds / PLAN).write_text(changed, encoding="utf-8")
    out = tmp_path / "build"
    report = build_catalog(seeds, out, store_url=url)
    orphans = {r["record_id"]: r for r in read_review_file(out, ORPHANED_FILE)}
    assert set(orphans) == {
        gone["id"],
        reworded["id"],
        next(iter(o for o in orphans if o.startswith("add-"))),
    }
    assert (
        "不在目录" in orphans[gone["id"]]["orphaned_because"] and orphans[gone["id"]]["new_value"] == "371102"
    )
    assert "句子已变" in orphans[reworded["id"]]["orphaned_because"]
    assert (
        orphans[reworded["id"]]["editor"] == "王工" and orphans[reworded["id"]]["quote"] == reworded["quote"]
    )
    assert report["review"]["orphaned_edits"] == 3
    assert features(out)["东港区三庄抽水蓄能电站项目"]["properties"]["review_status"] == "unreviewed"
    # the plan restored: every edit applies again (nothing was dropped from the log)
    (seeds / PLAN).write_text(original, encoding="utf-8")
    build_catalog(seeds, out, store_url=url)
    assert read_review_file(out, ORPHANED_FILE) == []
    assert features(out)["成品码头工程"]["properties"]["county"] == "东港区"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "  ", "名称不能为空"),
        ("name", "<script>alert(1)</script>", "< > &"),
        ("county", "火星县", "未知区县"),
        ("county", "市中区", "不唯一"),
        ("capacity", "abc", "无法识别容量"),
        ("category", "magic", "未知类别"),
        ("township", "洛河镇", "不在区县"),  # 洛河 is in 莒县, the record is in 东港区
        ("status", "快建好了", "未知阶段"),
        ("doc_title", "新标题", "不可编辑"),
    ],
)
def test_bad_form_input_gives_a_clear_message(baseline, field, value, message):
    record = baseline["东港区三庄抽水蓄能电站项目"]
    with pytest.raises(ReviewError, match=message):
        review.change(record, seen(record), field, value, "王工")


def test_a_stage_is_given_by_code_or_by_the_map_legend_label_or_one_of_its_words():
    assert [review.status_code(v) for v in ("construction", "在建/开工", "在建", "开工", "operating")] == [
        "construction",
        "construction",
        "construction",
        "construction",
        "operating",
    ]
    assert review.status_code("谋划") == "planned" and review.status_code("") is None
    with pytest.raises(ReviewError, match="可选 规划/谋划、前期/核准"):
        review.status_code("未说明")  # "not stated" is no stage to set


def test_other_bad_input_sites_rejects_merges_and_added_sentences(baseline):
    record = baseline["东港区三庄抽水蓄能电站项目"]
    with pytest.raises(ReviewError, match="不是数字"):
        review.set_site(record, seen(record), "abc", "35", "王工")
    with pytest.raises(ReviewError, match="不在山东省"):
        review.set_site(record, seen(record), 116.4, 39.9, "王工")  # Beijing
    with pytest.raises(ReviewError, match="驳回理由不能为空"):
        review.reject(record, seen(record), "王工", "")
    with pytest.raises(ReviewError, match="并入它自己"):
        review.merge(record, seen(record), record["id"], "王工")
    with pytest.raises(ReviewError, match="句子不在"):
        review.add_project(
            PLAN,
            "一、总体要求",
            "这句话不在规划里。",
            {"name": "x", "category": "solar", "county": "莒县"},
            "王工",
        )


def test_a_county_is_found_by_name_short_name_city_and_name_or_code():
    assert {review.county_code(v) for v in ("五莲县", "五莲", "371121", "日照市五莲县")} == {"371121"}
    assert review.county_code("济南市市中区") == "370103"
    assert review.township_name("洛河", "371122") == "洛河镇"


def test_second_editor_acting_on_what_they_saw_gets_a_conflict_then_sees_the_new_value(baseline, tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    record = baseline["东港区三庄抽水蓄能电站项目"]
    with Store.open(url) as s:
        s.add_editor("王工", "correct horse battery")
        s.add_editor("李工", "another long secret")
        both_saw = review.current_values(record, s.edits())
        s.append_edit(review.change(record, both_saw, "county", "岚山区", "王工"))
        with pytest.raises(ConflictError, match="王工"):
            s.append_edit(review.change(record, both_saw, "county", "五莲县", "李工"))
        now_seen = review.current_values(record, s.edits())
        assert now_seen["county"] == "371103"
        s.append_edit(review.change(record, now_seen, "county", "五莲县", "李工"))
        assert [e.editor for e in s.edits()] == ["王工", "李工"]


def test_review_queue_lists_coarse_unresolved_duplicate_and_new_items(baseline):
    import pandas as pd

    from geo.store import PlanEntry

    frame = pd.DataFrame(list(baseline.values()))
    dup = dict(
        baseline["五莲骏达生物质发电项目"], id="dup000000001", name="五莲骏达生物质发电", source="other.txt"
    )
    frame = pd.concat([frame, pd.DataFrame([dup])], ignore_index=True)
    unresolved = [
        {
            "source": PLAN,
            "project": "某未定位项目",
            "mention": "某地",
            "reason": "地名库中无此地名",
            "placed_as": None,
        }
    ]
    plans = [PlanEntry("other.txt", "0" * 64, 1, "txt", "王工", "2999-01-01T00:00:00+00:00")]
    coarse_id = baseline["日照港 LNG 接收站及外输管道项目"]["id"]
    log = [review.confirm(baseline["日照先进钢铁制造基地"], {}, "王工")]
    items = review.review_queue(frame, unresolved, log, plans)
    kinds = {(i.kind, i.record_id) for i in items}
    assert ("coarse", coarse_id) in kinds
    assert ("coarse", baseline["日照先进钢铁制造基地"]["id"]) not in kinds  # decided already
    assert ("unresolved", None) in kinds
    assert ("duplicate", baseline["五莲骏达生物质发电项目"]["id"]) in kinds
    assert ("new", "dup000000001") in kinds
    assert not any(
        i.kind == "coarse" and i.record_id == baseline["莒县洛河集中式光伏项目"]["id"] for i in items
    )


def test_quote_is_escaped_and_the_name_highlighted():
    html = review.highlight("推进<b>甲</b>光伏项目 & 乙项目建设", "<b>甲</b>光伏项目")
    assert html == "推进<mark>&lt;b&gt;甲&lt;/b&gt;光伏项目</mark> &amp; 乙项目建设"
    assert review.highlight("<img src=x onerror=alert(1)>", "无") == "&lt;img src=x onerror=alert(1)&gt;"


def test_one_form_changing_county_and_township_checks_the_township_in_the_new_county(baseline):
    record = baseline["东港区三庄抽水蓄能电站项目"]
    made = review.changes(record, seen(record), {"township": "洛河", "county": "莒县"}, "王工")
    assert [(e.field, e.old_value, e.new_value) for e in made] == [
        ("county", "371102", "371122"),
        ("township", "三庄镇", "洛河镇"),
    ]
    with pytest.raises(ReviewError, match="不在区县"):
        review.changes(record, seen(record), {"township": "洛河", "name": "新名称"}, "王工")


def test_merge_candidates_put_the_same_name_first_then_the_same_county_and_category(baseline):
    record = baseline["五莲骏达生物质发电项目"]
    twin = dict(record, id="twin00000001", name="五莲骏达生物质发电", source="other.txt")
    ranked = review.merge_candidates(record, [*baseline.values(), twin])
    assert ranked[0]["id"] == "twin00000001"
    assert record["id"] not in {r["id"] for r in ranked}
    same = [r for r in ranked[1:] if r["category"] == record["category"]]
    assert same and all(r["county_adcode"] == "371121" for r in same)
    assert all((r["county_adcode"] or r["city_adcode"]) == "371121" for r in ranked[1:])
    assert len(review.merge_candidates(record, baseline.values(), limit=2)) == 2


def test_a_rejection_and_a_merge_can_be_undone(seeds, baseline, tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    with Store.open(url) as s:
        s.add_editor("王工", "correct horse battery")
    gone, merged, kept = (
        baseline["成品码头工程"],
        baseline["莒县绿色矿山综合整治示范工程"],
        baseline["五莲绿色矿山综合整治示范工程"],
    )
    save(
        url,
        review.reject(gone, seen(gone), "王工", "不是项目"),
        review.merge(merged, seen(merged), kept["id"], "王工"),
    )
    out = tmp_path / "build"
    build_catalog(seeds, out, store_url=url)
    rows = read_review_file(out, REJECTED_FILE)
    assert {r["id"] for r in rows} == {gone["id"], merged["id"]}
    save(url, *(review.restore(r, "王工") for r in rows))
    build_catalog(seeds, out, store_url=url)
    p = {name: f["properties"] for name, f in features(out).items()}
    assert p["成品码头工程"]["review_status"] == "confirmed"
    assert p["莒县绿色矿山综合整治示范工程"]["review_status"] == "unreviewed"
    assert p["五莲绿色矿山综合整治示范工程"]["edited_fields"] == []
    assert read_review_file(out, REJECTED_FILE) == []


def test_a_stage_set_by_a_person_is_in_the_export(seeds, baseline, tmp_path):
    url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    with Store.open(url) as s:
        s.add_editor("王工", "correct horse battery")
    record = baseline["东港区三庄抽水蓄能电站项目"]
    save(url, review.change(record, seen(record), "status", "在建", "王工"))
    out = tmp_path / "build"
    build_catalog(seeds, out, store_url=url)
    p = features(out)["东港区三庄抽水蓄能电站项目"]["properties"]
    assert (p["status"], p["review_status"], p["edited_fields"]) == ("construction", "edited", ["status"])


def test_a_link_the_build_only_suggested_is_a_suspected_duplicate_in_the_queue(baseline):
    import pandas as pd

    record, other = baseline["五莲骏达生物质发电项目"], baseline["五莲丰禾生物质发电扩建项目"]
    link = {
        "project_id": record["id"],
        "other_project_id": other["id"],
        "other_name": other["name"],
        "other_source": other["source"],
        "reason": "名称相近",
    }
    items = review.review_queue(pd.DataFrame(list(baseline.values())), [], [], [], [link])
    [dup] = [i for i in items if i.kind == "duplicate" and i.record_id == record["id"]]
    assert other["id"] in dup.detail and "名称相近" in dup.detail

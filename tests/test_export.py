"""Catalog writers on hand-made located projects: formatting, encodings, GeoPackage round trip."""

from __future__ import annotations

import csv
import json

import pyogrio
import pytest

from geo import export
from geo.build import assign_ids, merge_duplicates, normalized_name, stable_id
from geo.export_shapefile import write_shapefile
from geo.layers_read import load_admin
from geo.model import Capacity, LocatedProject, Location, Project, SourceSpan, Target
from geo.schema import PROJECT_FIELDS, names


def located(name="莒县洛河集中式光伏项目", wkt=None, **loc_kw) -> LocatedProject:
    project = Project(
        name=name,
        category="solar",
        source="000_test.txt",
        doc_title="日照市碳达峰工作方案",
        region_adcode="371100",
        spans=[SourceSpan("三、重点工程 > 专栏 1", "（1）莒县洛河、长岭集中式光伏项目", 120, 140)],
        places=["洛河", "莒县"],
        capacity=Capacity("20万千瓦", 200.0, "MW"),
        target_year=2025,
        responsible_units=["市发展改革委", "国网日照供电公司"],
    )
    loc = Location(
        precision=loc_kw.pop("precision", "township"),
        lon=loc_kw.pop("lon", 118.93676812345678),
        lat=loc_kw.pop("lat", 35.698946),
        city="日照市",
        city_adcode="371100",
        county="莒县",
        county_adcode="371122",
        township="洛河镇",
        wkt=wkt,
        note="仅知到乡镇（莒县洛河镇）：乡镇无坐标，点位为莒县代表点，非项目实际位置",
        **loc_kw,
    )
    return LocatedProject(id=stable_id(project.source, name), project=project, location=loc)


def test_numbers_without_trailing_zeros():
    assert export._num(4000.0) == "4000"
    assert export._num(119.37475) == "119.37475"
    assert export._num(2025) == "2025"
    assert export._num(True) == "true"
    assert export._num(None) == ""


def test_geojson_text_format():
    lp = located()
    text = export.geojson_text([lp, located("岚山区光伏", precision="county")])
    assert text.startswith('{"type":"FeatureCollection","features":[\n') and text.endswith("\n]}\n")
    assert "洛河镇" in text  # not \\u-escaped
    doc = json.loads(text)
    f = doc["features"][0]
    assert f["geometry"] == {"type": "Point", "coordinates": [118.9367681, 35.698946]}
    assert list(f["properties"]) == names(PROJECT_FIELDS)
    assert f["properties"]["responsible_units"] == ["市发展改革委", "国网日照供电公司"]
    assert f["properties"]["capacity_value"] == 200.0 and f["properties"]["capacity_unit"] == "MW"
    assert f["properties"]["category_zh"] == "光伏" and f["properties"]["offshore"] is False
    assert f["id"] == f["properties"]["id"] == lp.id
    assert export.geojson_text([lp]) == export.geojson_text([lp])
    assert json.loads(export.geojson_text([])) == {"type": "FeatureCollection", "features": []}


def test_line_geometry_and_wkt():
    lp = located(wkt="LINESTRING (119.37475 35.405519, 118.936768 35.698946)")
    geom = export.geometry(lp)
    assert geom == {"type": "LineString", "coordinates": [[119.37475, 35.405519], [118.936768, 35.698946]]}
    assert export.wkt_of(geom) == "LINESTRING (119.37475 35.405519, 118.936768 35.698946)"


def test_csv_bom_separator_and_nulls(tmp_path):
    path = tmp_path / "projects.csv"
    export.write_projects_csv(path, [located(), located("五莲光伏", precision="county")])
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    text = raw.decode("utf-8-sig")
    header, first = text.splitlines()[:2]
    assert header.split(",")[-3:] == ["lon", "lat", "wkt"]
    assert "市发展改革委；国网日照供电公司" in first
    assert "POINT (118.9367681 35.698946)" in first
    targets = tmp_path / "targets.csv"
    export.write_targets_csv(
        targets, [Target("日照市", "371100", "solar", 4000.0, "MW", 2030, "x.txt", "到2030年，光伏…")]
    )
    assert (
        targets.read_bytes().decode("utf-8-sig").splitlines()[1]
        == "日照市,371100,solar,4000,MW,2030,x.txt,到2030年，光伏…"
    )


def test_geopackage_round_trip(tmp_path):
    admin = {level: load_admin(level, "full") for level in ("province", "cities", "counties")}
    admin["counties"] = admin["counties"][admin["counties"]["adcode"].str.startswith("3711")]
    line = located("日照港—莒县输油管道", wkt="LINESTRING (119.37475 35.405519, 118.936768 35.698946)")
    path = tmp_path / "catalog.gpkg"
    targets = [
        Target("日照市", "371100", "solar", 4000.0, "MW", 2030, "x.txt", "到2030年，光伏达到400万千瓦")
    ]
    export.write_gpkg(path, [located(), line], targets, admin)
    projects = pyogrio.read_dataframe(path, layer="projects")
    assert list(projects["name"]) == ["莒县洛河集中式光伏项目", "日照港—莒县输油管道"]
    assert projects.loc[0, "responsible_units"] == "市发展改革委；国网日照供电公司"
    assert projects.loc[0, "target_year"] == 2025 and projects.loc[0, "capacity_value"] == 200.0
    assert projects.geometry.geom_type.tolist() == ["Point", "Point"]
    lines = pyogrio.read_dataframe(path, layer="project_lines")
    assert (
        lines.geometry.geom_type.tolist() == ["LineString"] and lines.loc[0, "name"] == "日照港—莒县输油管道"
    )
    t = pyogrio.read_dataframe(path, layer="targets", read_geometry=False)
    assert t.loc[0, "quote"] == "到2030年，光伏达到400万千瓦" and t.loc[0, "value"] == 4000.0
    assert len(pyogrio.read_dataframe(path, layer="counties")) == 4
    assert pyogrio.read_info(path, layer="projects")["crs"] == "EPSG:4326"


def test_ids_stable_and_collisions_resolved():
    assert stable_id("a.txt", "莒县 光伏") == stable_id(
        "a.txt", "莒县光伏"
    )  # whitespace is not part of the name
    assert stable_id("a.txt", "莒县光伏") != stable_id("b.txt", "莒县光伏")
    assert normalized_name("“日照”LNG 接收站") == "日照LNG接收站"
    assert normalized_name("ＬＮＧ") == "LNG"  # NFKC
    ids = assign_ids([("a.txt", "x"), ("a.txt", "y")])
    assert len(set(ids)) == 2 and ids == assign_ids([("a.txt", "x"), ("a.txt", "y")])


def test_id_collision_is_deterministic(monkeypatch):
    import geo.build as build

    real = build.stable_id
    monkeypatch.setattr(build, "stable_id", lambda s, n, salt=0: "same" if salt == 0 else real(s, n, salt))
    ids = build.assign_ids([("b.txt", "乙"), ("a.txt", "甲")])
    assert ids[1] == "same"  # ("a.txt", "甲") sorts first and keeps the plain hash
    assert ids[0] == real("b.txt", "乙", 1)


def test_merge_duplicates_within_a_plan():
    a = located().project
    b = Project(**{**a.__dict__, "name": "莒县洛河集中式光伏项目 ", "spans": [SourceSpan("四", "莒县洛河集中式光伏项目并网", 500, 520)],
                   "responsible_units": ["莒县政府"]})  # fmt: skip
    c = Project(**{**a.__dict__, "source": "other.txt"})
    merged = merge_duplicates([a, b, c])
    assert len(merged) == 2
    assert [s.start for s in merged[0].spans] == [120, 500]
    assert merged[0].responsible_units == ["市发展改革委", "国网日照供电公司", "莒县政府"]


@pytest.mark.parametrize("value", [float("nan"), float("inf")])
def test_non_finite_capacity_is_null(value):
    lp = located()
    lp.project.capacity = Capacity("??", value, "MW")
    rec = export.project_record(lp)
    assert rec["capacity_value"] is None and rec["capacity_unit"] is None
    json.loads(export.geojson_text([lp]))


def test_shapefile_ascii_fields_utf8_and_dictionary(tmp_path):
    lp = located()
    lp.project.spans[0] = SourceSpan("三", "很长的句子" * 40, 0, 200)  # 600 bytes in UTF-8
    line = located("日照港—莒县输油管道", wkt="LINESTRING (119.37475 35.405519, 118.936768 35.698946)")
    write_shapefile(tmp_path / "shp", [lp, line])
    folder = tmp_path / "shp"
    assert (folder / "projects.cpg").read_text().strip().upper() in ("UTF-8", "UTF8")
    info = pyogrio.read_info(folder / "projects.shp")
    assert info["crs"] == "EPSG:4326"
    assert all(f.isascii() and len(f) <= 10 for f in info["fields"])
    shp = pyogrio.read_dataframe(folder / "projects.shp")
    assert shp.loc[0, "name"] == "莒县洛河集中式光伏项目" and shp.loc[0, "township"] == "洛河镇"
    quote = shp.loc[0, "quote"]
    assert quote.endswith("…") and len(quote.encode("utf-8")) <= 254 and quote.startswith("很长的句子")
    assert shp.loc[0, "resp_units"] == "市发展改革委；国网日照供电公司"
    assert len(pyogrio.read_dataframe(folder / "project_lines.shp")) == 1
    fields = (folder / "fields.csv").read_text(encoding="utf-8-sig").splitlines()
    assert fields[0] == "shapefile_field,catalog_field,type,description,note"
    assert any(row.startswith("cnty_code,county_adcode,") for row in fields)
    quote_row = next(row for row in fields if row.startswith("quote,quote,"))
    assert "1 row(s) in this export; whole text in projects_fulltext.csv" in quote_row
    with open(folder / "projects_fulltext.csv", encoding="utf-8-sig", newline="") as fh:
        full = {row["id"]: row for row in csv.DictReader(fh)}
    assert full[lp.id]["quote"] == "很长的句子" * 40  # the whole text, keyed by id
    dbf = (folder / "projects.dbf").read_bytes()
    offshore = dbf.index(b"offshore\0")
    assert dbf[offshore + 11 : offshore + 12] == b"L"  # a logical field, not text

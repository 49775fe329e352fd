"""Every file a GIS analyst or office user opens, opened with their tools: GDAL 3.6's ogrinfo and GeoPackage
validator (Debian 12's, what QGIS 3.22 there uses) and LibreOffice headless, on the catalog built from seeds/.
Also: spreadsheet formula injection (OWASP) neutralized in CSV and XLSX, exact text in GeoJSON and GeoPackage."""

from __future__ import annotations

import csv
import json
import zipfile

import pyogrio
import pytest
from gistools import layers_of, ogrinfo, soffice_to_csv, validate_gpkg

from geo import SEEDS_DIR, export
from geo.build import build_catalog
from geo.catalog import load_catalog
from geo.catalog_export import to_csv_bytes, to_gpkg_bytes
from geo.export_office import workbook_bytes
from geo.model import Capacity, LocatedProject, Location, Project, SourceSpan, Target


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("gis") / "catalog"
    report = build_catalog(SEEDS_DIR, out, progress=False, shapefile=True)
    return out, report


@pytest.fixture(scope="module")
def features(built):
    return json.loads((built[0] / "projects.geojson").read_text(encoding="utf-8"))["features"]


def test_geopackage_is_version_1_2_and_gdal_validator_clean(built):
    path = built[0] / "catalog.gpkg"
    proc = validate_gpkg(path)
    assert proc.returncode == 0 and not proc.stdout.strip() and not proc.stderr.strip(), (
        proc.stdout + proc.stderr
    )
    info = ogrinfo("-so", path, "projects")
    assert "partially supported" not in info.stderr and "Warning" not in info.stderr
    assert "user_version" not in info.stderr
    header = path.read_bytes()[:100]
    assert header[68:72] == b"GPKG" and int.from_bytes(header[60:64], "big") == 10200


def test_geopackage_layers_types_crs_and_chinese(built, features):
    path = built[0] / "catalog.gpkg"
    assert layers_of(path) == {
        "projects": "Point",
        "project_lines": "Line String",
        "province": "Multi Polygon",
        "cities": "Multi Polygon",
        "counties": "Multi Polygon",
        "targets": "None",
        "mentions": "None",
    }
    summary = ogrinfo("-so", path, "projects").stdout
    assert 'ID["EPSG",4326]' in summary and f"Feature Count: {len(features)}" in summary
    for field in ("county_adcode: String", "target_year: Integer (", "offshore: Integer(Boolean)"):
        assert field in summary  # Integer, not Integer64; a logical offshore; adcodes as text
    assert "target_year: Integer (" in ogrinfo("-so", path, "project_lines").stdout
    assert "year: Integer (" in ogrinfo("-so", path, "targets").stdout
    first = features[0]["properties"]
    one = ogrinfo("-q", path, "projects", "-where", f"id = '{first['id']}'").stdout
    assert f"name (String) = {first['name']}" in one and f"quote (String) = {first['quote']}" in one
    assert "name (String) = 山东省" in ogrinfo("-q", path, "province").stdout


def test_csv_read_by_gdal_with_csvt_and_prj(built, features):
    path = built[0] / "projects.csv"
    summary = ogrinfo("-so", "-al", path).stdout
    assert f"Feature Count: {len(features)}" in summary
    assert 'GEOGCRS["WGS 84"' in summary or 'GEOGCS["WGS 84"' in summary  # from projects.prj
    for field in (
        "city_adcode: String",
        "county_adcode: String",
        "capacity_value: Real",
        "target_year: Integer",
    ):
        assert field in summary
    county = next(f["properties"] for f in features if f["properties"]["county_adcode"])
    row = ogrinfo("-q", "-al", path, "-where", f"id = '{county['id']}'").stdout
    assert f"county_adcode (String) = {county['county_adcode']}" in row and county["name"] in row
    targets = ogrinfo("-so", "-al", built[0] / "targets.csv").stdout
    assert "region_adcode: String" in targets and "year: Integer" in targets and "value: Real" in targets


def test_geojson_and_xlsx_read_by_gdal(built, features):
    path = built[0] / "projects.geojson"
    assert layers_of(path) == {"projects": "Unknown"}  # Points and LineStrings in one layer
    summary = ogrinfo("-so", path, "projects").stdout
    assert f"Feature Count: {len(features)}" in summary and 'ID["EPSG",4326]' in summary
    assert "county_adcode: String" in summary and "target_year: Integer (" in summary
    assert f"name (String) = {features[0]['properties']['name']}" in ogrinfo("-q", path, "projects").stdout
    xlsx = built[0] / "projects.xlsx"
    assert list(layers_of(xlsx)) == ["projects", "说明 about", "targets"]
    sheet = ogrinfo("-so", xlsx, "projects").stdout
    assert f"Feature Count: {len(features)}" in sheet
    assert "county_adcode: String" in sheet and "offshore: Integer(Boolean)" in sheet


def test_lines_have_their_own_geojson(built, features):
    lines = [f for f in features if f["geometry"]["type"] == "LineString"]
    assert lines, "the seeds have a line project"
    path = built[0] / "project_lines.geojson"
    assert layers_of(path) == {"project_lines": "Line String"}
    assert f"Feature Count: {len(lines)}" in ogrinfo("-so", "-al", path).stdout
    assert {f["id"] for f in json.loads(path.read_text(encoding="utf-8"))["features"]} == {
        f["id"] for f in lines
    }


def test_shapefile_opened_by_gdal(built, features):
    folder = built[0] / "shapefile"
    assert layers_of(folder / "projects.shp") == {"projects": "Point"}
    summary = ogrinfo("-so", folder / "projects.shp", "projects").stdout
    assert f"Feature Count: {len(features)}" in summary and 'ID["EPSG",4326]' in summary
    assert "cnty_code: String" in summary and "tgt_year: Integer (" in summary
    first = features[0]["properties"]
    assert f"name (String) = {first['name']}" in ogrinfo("-q", folder / "projects.shp", "projects").stdout
    assert layers_of(folder / "project_lines.shp") == {"project_lines": "Line String"}
    long_quotes = [f for f in features if len((f["properties"]["quote"] or "").encode()) > 254]
    notes = (folder / "fields.csv").read_text(encoding="utf-8-sig")
    assert f"{len(long_quotes)} row(s) in this export; whole text in projects_fulltext.csv" in notes


def test_xlsx_opened_by_libreoffice_chinese_and_adcodes_as_text(built, features, tmp_path):
    out = soffice_to_csv(built[0] / "projects.xlsx", tmp_path)
    with open(out, encoding="utf-8", newline="") as fh:
        raw = fh.read()
    rows = list(csv.DictReader(raw.splitlines()))
    assert len(rows) == len(features)
    first = features[0]["properties"]
    assert rows[0]["name"] == first["name"] and rows[0]["quote"] == first["quote"]
    county = next(f["properties"] for f in features if f["properties"]["county_adcode"])
    assert f'"{county["county_adcode"]}"' in raw  # a quoted text cell, not the number 371122 (nor 371122.0)
    assert ".0," not in raw.split("\n")[1].split('"source"')[0]
    capacity = next(f["properties"] for f in features if f["properties"]["capacity_value"])
    assert any(r["capacity_value"] == export._num(capacity["capacity_value"]) for r in rows)


def test_xlsx_sheets_frozen_header_sources_and_build_date(built, features):
    from openpyxl import load_workbook

    wb = load_workbook(built[0] / "projects.xlsx")
    assert wb.sheetnames == ["projects", "说明 about", "targets"]
    ws = wb["projects"]
    assert ws.freeze_panes == "A2" and ws.max_row == len(features) + 1
    header = [c.value for c in ws[1]]
    col = header.index("county_adcode") + 1
    cells = [ws.cell(r, col) for r in range(2, ws.max_row + 1) if ws.cell(r, col).value]
    assert cells and all(c.data_type == "s" and c.number_format == "@" for c in cells)
    year = ws.cell(2, header.index("target_year") + 1)
    assert year.value is None or isinstance(year.value, int)
    about = [[c.value for c in row] for row in wb["说明 about"].iter_rows()]
    assert ["生成时间 built at", built[1]["built_at"]] == about[1][:2]
    titles = {row[1] for row in about if row and row[0] and str(row[0]).endswith(".txt")}
    assert {s["title"] for s in built[1]["sources"]} <= titles


# ---------------------------------------------------------------------- formula injection


HOSTILE = ['=HYPERLINK("http://evil.example","点击")', "+86 0633", "-1+1", "@SUM(A1)", "\tTAB", "'=already"]


def hostile_project(name: str, i: int) -> LocatedProject:
    project = Project(
        name=name,
        category="solar",
        source="x.txt",
        doc_title="=cmd|' /C calc'!A0",
        region_adcode="371100",
        spans=[SourceSpan("一", "-2+3 光伏项目", 0, 5)],
        capacity=Capacity("20万千瓦", 200.0, "MW"),
        responsible_units=["@市发展改革委"],
    )
    loc = Location(precision="county", lon=118.9 + i / 100, lat=35.7, city="日照市", city_adcode="371100")
    return LocatedProject(id=f"id{i}", project=project, location=loc)


def test_formula_cells_neutralized_in_csv_and_xlsx_exact_elsewhere(tmp_path):
    from openpyxl import load_workbook

    located = [hostile_project(name, i) for i, name in enumerate(HOSTILE)]
    export.write_projects_csv(tmp_path / "p.csv", located)
    with open(tmp_path / "p.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["name"] for r in rows] == ["'" + n for n in HOSTILE]
    assert rows[0]["doc_title"].startswith("'=") and rows[0]["quote"] == "'-2+3 光伏项目"
    assert rows[0]["responsible_units"] == "'@市发展改革委"
    assert rows[0]["capacity_value"] == "200" and rows[0]["lon"] == "118.9"  # numbers are not text
    assert [export.from_spreadsheet_safe(r["name"]) for r in rows] == HOSTILE

    geojson = json.loads(export.geojson_text(located))
    assert [f["properties"]["name"] for f in geojson["features"]] == HOSTILE
    export.write_gpkg(tmp_path / "p.gpkg", located, [], _tiny_admin())
    assert list(pyogrio.read_dataframe(tmp_path / "p.gpkg", layer="projects")["name"]) == HOSTILE

    (tmp_path / "p.xlsx").write_bytes(workbook_bytes(located, [], "2026-01-01T00:00:00+00:00", []))
    ws = load_workbook(tmp_path / "p.xlsx")["projects"]
    names = [ws.cell(r, 2) for r in range(2, len(HOSTILE) + 2)]
    assert [c.value for c in names] == HOSTILE  # exact text, as string cells: never a formula
    assert all(c.data_type == "s" for c in names)
    assert [c.quotePrefix for c in names] == [True] * 5 + [False]
    with zipfile.ZipFile(tmp_path / "p.xlsx") as zf:
        assert "<f>" not in zf.read("xl/worksheets/sheet1.xml").decode()


def test_targets_csv_round_trip_keeps_exact_text(tmp_path):
    from geo.catalog_files import targets_frame

    t = Target("日照市", "371100", "solar", 4000.0, "MW", 2030, "x.txt", "=到2030年光伏达到400万千瓦")
    export.write_targets_csv(tmp_path / "targets.csv", [t])
    assert "'=到2030年" in (tmp_path / "targets.csv").read_text(encoding="utf-8-sig")
    assert targets_frame(tmp_path / "targets.csv").loc[0, "quote"] == t.quote


def _tiny_admin():
    import geopandas as gpd
    from shapely.geometry import box

    frame = gpd.GeoDataFrame(
        {"adcode": ["370000"], "name": ["山东省"]}, geometry=[box(114, 34, 123, 39)], crs=4326
    )
    return {"province": frame, "cities": frame, "counties": frame}


# ---------------------------------------------------------------------- app downloads


def test_app_csv_download_is_the_build_csv(built):
    catalog = load_catalog(built[0])
    assert to_csv_bytes(catalog.projects) == (built[0] / "projects.csv").read_bytes()


def test_filtered_geopackage_has_only_the_selection_boundaries_and_targets(built, tmp_path):
    catalog = load_catalog(built[0])
    shown = catalog.projects[catalog.projects["city"] == "日照市"]
    path = tmp_path / "sel.gpkg"
    path.write_bytes(to_gpkg_bytes(shown, catalog.targets))
    assert validate_gpkg(path).returncode == 0
    cities = pyogrio.read_dataframe(path, layer="cities", read_geometry=False)
    counties = pyogrio.read_dataframe(path, layer="counties", read_geometry=False)
    assert list(cities["adcode"]) == ["371100"]
    assert len(counties) and counties["adcode"].str.startswith("3711").all()
    targets = pyogrio.read_dataframe(path, layer="targets", read_geometry=False)
    naming = {f for files in shown["sources"] for f in files}  # the documents naming the selection
    assert set(targets["source"]) == naming & set(catalog.targets["source"])
    assert len(targets) < len(catalog.targets)
    whole = len(to_gpkg_bytes(catalog.projects, catalog.targets))
    assert path.stat().st_size < whole / 2

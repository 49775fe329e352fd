"""The downloads of a selection (geo.downloads: the app's 下载 tab and `python -m geo export`), each opened
with GDAL's ogrinfo as Google Earth / QGIS users would: KML and KMZ with the right count, folders by
category, Chinese names and the balloon; the zipped Shapefile; the XLSX and HTML of a selection."""

from __future__ import annotations

import re
import zipfile

import pytest
from gistools import layers_of, ogrinfo

from geo import SEEDS_DIR
from geo.build import build_catalog
from geo.catalog import load_catalog
from geo.catalog_filters import apply_filters
from geo.cli import main
from geo.downloads import DOWNLOADS, download_for
from geo.report import filters_from_args
from geo.vocab import CATEGORIES, CATEGORY_STYLE


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    out = tmp_path_factory.mktemp("downloads") / "catalog"
    build_catalog(SEEDS_DIR, out, progress=False)
    return load_catalog(out)


@pytest.fixture(scope="module")
def rizhao(catalog):
    return apply_filters(catalog.projects, filters_from_args(catalog, city=["日照"]))


def _feature_counts(path) -> dict[str, int]:
    text = ogrinfo("-so", "-al", path).stdout
    names = re.findall(r"^Layer name: (.+)$", text, re.M)
    counts = [int(n) for n in re.findall(r"^Feature Count: (\d+)$", text, re.M)]
    return dict(zip(names, counts, strict=True))


def test_every_download_is_made_and_named_by_its_suffix(catalog, rizhao):
    magic = {".gpkg": b"SQLite format 3\0", ".xlsx": b"PK", ".kmz": b"PK", ".zip": b"PK", ".kml": b"<?xml"}
    for fmt in DOWNLOADS:
        data = fmt.make(rizhao, catalog)
        assert data.startswith(magic.get(fmt.suffix, b"")), fmt.suffix
        assert download_for(f"x{fmt.suffix.upper()}") is fmt
        assert fmt.label("zh") and fmt.label("en")


def test_kml_read_by_gdal_with_right_count_folders_and_balloon(catalog, rizhao, tmp_path):
    path = tmp_path / "rizhao.kml"
    path.write_bytes(next(f for f in DOWNLOADS if f.suffix == ".kml").make(rizhao, catalog))
    counts = _feature_counts(path)
    assert sum(counts.values()) == len(rizhao)
    by_category = rizhao["category"].value_counts()
    assert counts == {f"{CATEGORIES[c][0]} ({n})": n for c, n in by_category.items()}
    first = rizhao.iloc[0]
    layer = f"{CATEGORIES[first['category']][0]} ({by_category[first['category']]})"
    out = ogrinfo("-q", path, layer).stdout
    assert f"Name (String) = {first['name']}" in out
    assert "类别" in out and "原文" in out and first["quote"] in out  # the balloon
    text = path.read_text(encoding="utf-8")
    solar = CATEGORY_STYLE["solar"]["color"]  # #E6A700 -> KML aabbggrr ff00a7e6
    assert f"<color>ff{solar[5:7]}{solar[3:5]}{solar[1:3]}</color>".lower() in text.lower()


def test_kmz_carries_its_icon_and_reads_like_the_kml(catalog, rizhao, tmp_path):
    path = tmp_path / "rizhao.kmz"
    path.write_bytes(next(f for f in DOWNLOADS if f.suffix == ".kmz").make(rizhao, catalog))
    with zipfile.ZipFile(path) as zf:
        assert zf.namelist() == ["doc.kml", "files/dot.png"]
        hrefs = re.findall(r"<href>(.*?)</href>", zf.read("doc.kml").decode())
    assert hrefs and set(hrefs) == {"files/dot.png"}  # the bundled icon, nothing from the network
    assert sum(_feature_counts(path).values()) == len(rizhao)


def test_shapefile_zip_read_by_gdal(catalog, rizhao, tmp_path):
    path = tmp_path / "rizhao.zip"
    path.write_bytes(next(f for f in DOWNLOADS if f.suffix == ".zip").make(rizhao, catalog))
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
    assert {"projects.shp", "projects.dbf", "projects.cpg", "projects.prj", "fields.csv"} <= names
    assert "projects_fulltext.csv" in names
    shp = f"/vsizip/{path}/projects.shp"
    assert layers_of(shp) == {"projects": "Point"}
    summary = ogrinfo("-so", shp, "projects").stdout
    assert f"Feature Count: {len(rizhao)}" in summary and 'ID["EPSG",4326]' in summary
    assert f"name (String) = {rizhao.iloc[0]['name']}" in ogrinfo("-q", shp, "projects").stdout


def test_export_command_writes_the_selection(catalog, rizhao, tmp_path):
    out = tmp_path / "sel.kml"
    argv = ["export", "--catalog", str(catalog.folder), "--city", "日照", "--out", str(out)]
    assert main(argv) == 0
    assert sum(_feature_counts(out).values()) == len(rizhao)
    xlsx = tmp_path / "sel.xlsx"
    assert main(["export", "--catalog", str(catalog.folder), "--category", "风电", "--out", str(xlsx)]) == 0
    from openpyxl import load_workbook

    wb = load_workbook(xlsx)
    wind = (catalog.projects["category"] == "wind").sum()
    assert wb["projects"].max_row == wind + 1
    plans = {
        r[0].value for r in wb["说明 about"].iter_rows() if r[0].value and str(r[0].value).endswith(".txt")
    }
    wind_sources = catalog.projects.loc[catalog.projects["category"] == "wind", "sources"]
    assert plans == {f for files in wind_sources for f in files}  # every document naming a wind project


def test_export_command_refuses_bad_input_and_writes_nothing(catalog, tmp_path, capsys):
    assert main(["export", "--catalog", str(catalog.folder), "--out", str(tmp_path / "x.doc")]) == 2
    assert "must end in one of .geojson" in capsys.readouterr().err
    argv = ["export", "--catalog", str(catalog.folder), "--city", "菏泽", "--category", "核电"]
    assert main([*argv, "--out", str(tmp_path / "none.kml")]) == 2
    assert "no project matches" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_app_download_page_offers_every_format(catalog, tmp_path, monkeypatch):
    pytest.importorskip("streamlit.testing.v1")
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("SDCARBON_CATALOG_DIR", str(catalog.folder))
    monkeypatch.setenv("SDCARBON_WEB_CACHE", str(tmp_path / "web"))
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=60)
    at.query_params["city"] = "日照市"
    at.run().switch_page("ui/downloads.py").run()
    assert not at.exception
    labels = [b.label for b in at.get("download_button")]
    assert sorted(d.label("zh") for d in DOWNLOADS) == sorted(labels)


def test_kml_is_well_formed_xml_whatever_the_plan_text(catalog):
    import xml.etree.ElementTree as ET

    from geo.catalog_export import to_kml_bytes

    projects = catalog.projects.iloc[:3].copy()
    projects.loc[projects.index[0], "name"] = "<b>]]>&\x0b项目\x01"
    projects.loc[projects.index[1], "quote"] = "]]><script>alert(1)</script>"
    root = ET.fromstring(to_kml_bytes(projects))
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    names = [p.find("k:name", ns).text for p in root.iter("{http://www.opengis.net/kml/2.2}Placemark")]
    assert "<b>]]>&项目" in names  # the text itself, control characters dropped
    balloons = "".join(d.text for d in root.iter("{http://www.opengis.net/kml/2.2}description"))
    assert "<script>" not in balloons and "&lt;script&gt;" in balloons


def test_balloon_names_the_stage_in_chinese(catalog):
    from geo.catalog_export import to_located
    from geo.export import flat_record
    from geo.popups import description

    rec = flat_record(to_located(catalog.projects.iloc[:1])[0])
    assert (
        '<th style="text-align:left;white-space:nowrap;vertical-align:top;padding-right:6px">进展</th><td>在建/开工</td>'
        in description(dict(rec, status="construction"))
    )
    assert "进展" not in description(dict(rec, status=None))

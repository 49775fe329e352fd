"""geo.catalog: loading a catalog folder, filters and their URL form, exports of the filtered set."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from geo.catalog import load_catalog
from geo.catalog_export import to_csv_bytes, to_geojson_bytes, to_gpkg_bytes
from geo.catalog_files import CatalogError
from geo.catalog_filters import Filters, apply_filters
from geo.cli import UserError
from geo.schema import PROJECT_CSV_EXTRA, PROJECT_FIELDS, names

ROOT = Path(__file__).resolve().parent.parent


def _synthetic_module():
    spec = importlib.util.spec_from_file_location(
        "make_synthetic_catalog", ROOT / "scripts/make_synthetic_catalog.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def synth_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("syn")
    _synthetic_module().write(120, out, seed=3, html_name=True)
    return out


@pytest.fixture(scope="module")
def catalog(synth_dir):
    return load_catalog(synth_dir)


def test_load_synthetic_catalog(catalog, synth_dir):
    p = catalog.projects
    assert len(p) == 120
    assert p.crs.to_epsg() == 4326
    assert list(p.columns[: len(PROJECT_FIELDS)]) == names(PROJECT_FIELDS)
    assert all(isinstance(v, list) for v in p["responsible_units"])
    assert str(p["target_year"].dtype) == "Int64"
    assert p["offshore"].dtype == bool
    assert len(catalog.targets) > 0
    assert catalog.built_at
    assert catalog.sources and all(s["source"].startswith("synthetic_plan_") for s in catalog.sources)
    # a plan's count is the projects it names: a project two plans name counts in both
    assert sum(s["projects"] for s in catalog.sources) == p["mention_count"].sum() > 120
    # every synthetic project says so
    names_ = p["name"].tolist()
    assert all("synthetic" in n for n in names_ if not n.startswith("<img"))
    assert all("synthetic" in n for n in p["location_note"])


def test_missing_folder_and_files(tmp_path):
    with pytest.raises(CatalogError, match="does not exist"):
        load_catalog(tmp_path / "nope")
    (tmp_path / "projects.geojson").write_text('{"type":"FeatureCollection","features":[]}', encoding="utf-8")
    with pytest.raises(CatalogError, match=r"targets\.csv is missing"):
        load_catalog(tmp_path)
    assert issubclass(CatalogError, UserError)


def test_corrupt_json_names_the_file(synth_dir, tmp_path):
    for name in ("projects.geojson", "targets.csv", "build_report.json"):
        (tmp_path / name).write_bytes((synth_dir / name).read_bytes())
    (tmp_path / "projects.geojson").write_text(
        '{"type": "FeatureCollection", "features": [', encoding="utf-8"
    )
    with pytest.raises(CatalogError, match=r"projects\.geojson is not valid JSON"):
        load_catalog(tmp_path)
    (tmp_path / "projects.geojson").write_bytes((synth_dir / "projects.geojson").read_bytes())
    (tmp_path / "build_report.json").write_text("{oops", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"build_report\.json is not valid JSON"):
        load_catalog(tmp_path)


def test_missing_columns_named(synth_dir, tmp_path):
    for name in ("targets.csv", "build_report.json"):
        (tmp_path / name).write_bytes((synth_dir / name).read_bytes())
    data = json.loads((synth_dir / "projects.geojson").read_text(encoding="utf-8"))
    for f in data["features"]:
        del f["properties"]["precision"]
        del f["properties"]["quote"]
    (tmp_path / "projects.geojson").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CatalogError, match="precision, quote"):
        load_catalog(tmp_path)
    (tmp_path / "projects.geojson").write_bytes((synth_dir / "projects.geojson").read_bytes())
    (tmp_path / "targets.csv").write_text("region,value\n济南市,1\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="indicator"):
        load_catalog(tmp_path)


def test_empty_catalog_is_valid(tmp_path):
    (tmp_path / "projects.geojson").write_text('{"type":"FeatureCollection","features":[]}', encoding="utf-8")
    (tmp_path / "targets.csv").write_text("region,region_adcode,indicator,value,unit,year,source,quote\n")
    (tmp_path / "build_report.json").write_text("{}")
    cat = load_catalog(tmp_path)
    assert len(cat.projects) == 0
    assert len(apply_filters(cat.projects, Filters(categories=["solar"]))) == 0


def test_filters_from_query_params_warn_and_never_raise(catalog):
    known = catalog.known_values()
    params = {
        "category": ["solar", "no_such_cat"],
        "year": ["2030", "20x0"],
        "cap_min": "abc",
        "cap_max": "500",
        "city": "火星市",
        "precision": "county,exact",
        "plan": "synthetic_plan_00.txt",
        "lang": "en",
        "foo": "1",
    }
    f, warnings = Filters.from_query_params(params, known=known, ignore={"lang"})
    assert f.categories == ["solar"]
    assert f.years == [2030]
    assert f.capacity_min is None and f.capacity_max == 500
    assert f.cities == []
    assert f.precisions == ["county"]
    assert f.plans == ["synthetic_plan_00.txt"]
    text = "\n".join(warnings)
    for bad in ("no_such_cat", "20x0", "abc", "火星市", "exact", "foo"):
        assert bad in text
    assert "lang" not in text
    # garbage of every kind
    for junk in ({"year": ""}, {"cap_min": "nan"}, {"cap_min": "-3"}, {"q": ["a", "b"]}, {"year": ["1e9"]}):
        Filters.from_query_params(junk, known=known)


def test_query_params_round_trip(catalog):
    f = Filters(
        plans=["synthetic_plan_01.txt"],
        categories=["solar", "wind"],
        cities=["济南市"],
        precisions=["county"],
        capacity_min=10,
        capacity_max=2000.5,
        years=[2025, 2030],
        unit_query="发展改革委",
        name_query="合成",
    )
    params = f.to_query_params()
    back, warnings = Filters.from_query_params(params, known=catalog.known_values())
    assert warnings == []
    assert back == f
    assert Filters().to_query_params() == {}


def test_apply_filters(catalog):
    p = catalog.projects
    assert len(apply_filters(p, Filters())) == len(p)
    solar = apply_filters(p, Filters(categories=["solar"]))
    assert len(solar) == (p["category"] == "solar").sum() > 0
    big = apply_filters(p, Filters(capacity_min=500))
    assert len(big) and (big["capacity_value"] >= 500).all() and (big["capacity_unit"] == "MW").all()
    y = apply_filters(p, Filters(years=[2030]))
    assert len(y) and (y["target_year"] == 2030).all()
    u = apply_filters(p, Filters(unit_query="能源局"))
    assert len(u) and all(any("能源局" in x for x in units) for units in u["responsible_units"])
    one_city = p["city"].dropna().iloc[0]
    c = apply_filters(p, Filters(cities=[one_city]))
    assert len(c) and (c["city"] == one_city).all()
    assert len(apply_filters(p, Filters(name_query="<IMG SRC"))) == 1
    assert len(apply_filters(p, Filters(name_query="没有这个项目"))) == 0
    # pure
    before = p.copy()
    apply_filters(p, Filters(categories=["wind"], years=[2025]))
    assert p.equals(before)


def test_exports_keep_schema_and_chinese(catalog, tmp_path):
    sub = apply_filters(catalog.projects, Filters(categories=["solar", "grid", "wind"]))
    gj = json.loads(to_geojson_bytes(sub))
    assert gj["type"] == "FeatureCollection" and "crs" not in gj
    assert len(gj["features"]) == len(sub)
    assert list(gj["features"][0]["properties"]) == names(PROJECT_FIELDS)
    assert isinstance(gj["features"][0]["properties"]["responsible_units"], list)
    csv = to_csv_bytes(sub)
    assert csv.startswith(b"\xef\xbb\xbf")
    header = csv.decode("utf-8-sig").splitlines()[0].split(",")
    assert header == names(PROJECT_FIELDS) + names(PROJECT_CSV_EXTRA)
    gpkg = tmp_path / "x.gpkg"
    gpkg.write_bytes(to_gpkg_bytes(sub, catalog.targets))
    import pyogrio

    layers = [name for name, _ in pyogrio.list_layers(gpkg)]
    assert {"projects", "targets", "counties"} <= set(layers)
    back = pyogrio.read_dataframe(gpkg, layer="projects")
    assert back.crs.to_epsg() == 4326
    assert len(back) == len(sub)
    assert set(back["city"].dropna()) <= set(sub["city"].dropna())
    assert any("市" in c for c in back["city"].dropna())


def test_exports_reproduce_the_build_byte_for_byte(tmp_path):
    """Downloads go through the build's own writers: the whole seeds catalog comes back identical."""
    from geo import SEEDS_DIR
    from geo.build import build_catalog

    out = tmp_path / "seedcat"
    build_catalog(SEEDS_DIR, out)
    cat = load_catalog(out)
    assert len(cat.projects) > 0
    assert to_geojson_bytes(cat.projects) == (out / "projects.geojson").read_bytes()
    assert to_csv_bytes(cat.projects) == (out / "projects.csv").read_bytes()
    some = apply_filters(cat.projects, Filters(categories=[cat.projects["category"].iloc[0]]))
    assert 0 < len(json.loads(to_geojson_bytes(some))["features"]) == len(some)

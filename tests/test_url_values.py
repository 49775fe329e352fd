"""Hostile values in the app's URL (inf, 1e400, nan, huge, negative, empty, 100 kB): a warning naming the value,
never an exception; at the catalog level (Filters.from_query_params) and on the app's page (AppTest). The same
numbers in a catalog's own files (Infinity, 1e400 in projects.geojson or targets.csv) are missing values."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from geo.catalog_filters import Filters

ROOT = Path(__file__).resolve().parent.parent
HOSTILE_NUMBERS = [
    "inf",
    "-inf",
    "Infinity",
    "1e400",
    "-1e400",
    "nan",
    "NaN",
    "9" * 5000,
    "-2030",
    "",
    " ",
    "0x7e6",
]
BIG = "光" * 100_000


@pytest.mark.parametrize("value", HOSTILE_NUMBERS)
def test_hostile_year_and_capacity_are_ignored_with_a_warning(value):
    f, warnings = Filters.from_query_params({"year": value, "cap_min": value, "cap_max": value})
    assert f.years == [] and f.capacity_min is None and f.capacity_max is None
    if value.strip():
        text = "\n".join(warnings)
        assert "year" in text and "cap_min" in text and "cap_max" in text
        assert all(len(w) < 300 for w in warnings)  # 5,000 digits are not echoed back


def test_good_values_still_parse():
    f, warnings = Filters.from_query_params({"year": ["2030", "2025.0", "+2060"], "cap_min": "1e3"})
    assert warnings == [] and f.years == [2030, 2025, 2060] and f.capacity_min == 1000.0


def test_a_capacity_beyond_any_grid_is_not_a_filter():
    f, warnings = Filters.from_query_params({"cap_max": "1e300"})
    assert f.capacity_max is None and "cap_max" in warnings[0]


def test_a_100_kb_search_is_cut_with_a_visible_warning():
    f, warnings = Filters.from_query_params({"q": BIG, "unit": BIG})
    assert len(f.name_query) == 200 and len(f.unit_query) == 200
    assert any("q is 100,000 characters long" in w and "first 200" in w for w in warnings), warnings
    assert any(w.startswith("unit is 100,000 characters") for w in warnings)


def test_huge_unknown_values_are_quoted_short_and_counted():
    many = ",".join(f"城市{i}" for i in range(5000))
    _, warnings = Filters.from_query_params({"city": [BIG, many], BIG: "1"}, known={"cities": ["济南市"]})
    assert len(warnings) == 11 and warnings[-1].startswith("… and ")
    assert all(len(w) < 300 for w in warnings)


def test_view_parameters():
    from geo.urlvalues import parse_view_params

    params = {"tyear": "inf", "lang": BIG, "shade": "1e400", "sel": "nan", "ind": BIG}
    view, warnings = parse_view_params(params, langs=("zh", "en"), shades=("none",), ids=["abc"])
    assert view == {"lang": None, "shade": None, "sel": None, "ind": None, "tyear": None}
    assert len(warnings) == 4 and all(len(w) < 300 for w in warnings)
    view, warnings = parse_view_params({"tyear": "2030", "sel": "abc"}, langs=(), shades=(), ids=["abc"])
    assert view["tyear"] == 2030 and view["sel"] == "abc" and warnings == []


# ---------------------------------------------------------------------- the page


@pytest.fixture(scope="module")
def catalog_dir(tmp_path_factory) -> Path:
    spec = importlib.util.spec_from_file_location("synth", ROOT / "scripts/make_synthetic_catalog.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    out = tmp_path_factory.mktemp("url") / "catalog"
    mod.write(40, out, seed=3)
    return out


@pytest.fixture
def page(catalog_dir, tmp_path, monkeypatch):
    pytest.importorskip("streamlit.testing.v1")
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("SDCARBON_CATALOG_DIR", str(catalog_dir))
    monkeypatch.setenv("SDCARBON_WEB_CACHE", str(tmp_path / "web"))

    def run(**params):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for k, v in params.items():
            at.query_params[k] = v
        return at.run()

    return run


@pytest.mark.parametrize(
    "params",
    [
        {"year": "inf"},
        {"year": "1e400"},
        {"year": "nan", "tyear": "inf", "shade": "target_city"},
        {"year": "9" * 5000, "cap_min": "1e400", "cap_max": "-1"},
        {"year": "-2030", "cap_min": "", "tyear": "-5", "shade": "target_city"},
    ],
    ids=["inf", "1e400", "nan", "huge", "negative-empty"],
)
def test_the_page_warns_instead_of_a_traceback(page, params):
    at = page(**params)
    assert not at.exception, at.exception
    warnings = "\n".join(w.value for w in at.warning)
    assert "ignored" in warnings
    assert at.multiselect(key="f_years").value == []


def test_the_page_says_a_long_search_was_cut(page):
    at = page(q="solar" * 20_000)  # 100 kB (Streamlit itself drops a query string above 512 kB)
    assert not at.exception
    assert any("q is 100,000 characters long" in w.value for w in at.warning)
    assert at.text_input(key="f_name").value == "solar" * 40


# ---------------------------------------------------------------------- numbers in a catalog's own files


def hostile_copy(source: Path, folder: Path) -> Path:
    """A catalog with Infinity, NaN, 1e400 and out-of-range numbers in its files (JSON parsers accept Infinity
    and NaN; 1e400 is a valid JSON number that overflows to inf)."""
    import csv
    import io
    import json

    folder.mkdir(exist_ok=True)
    (folder / "build_report.json").write_bytes((source / "build_report.json").read_bytes())
    doc = json.loads((source / "projects.geojson").read_text(encoding="utf-8"))
    hostile = [("capacity_value", "Infinity"), ("capacity_value", "NaN"), ("target_year", "1e400")]
    hostile += [("target_year", "-5"), ("capacity_value", "-1e400")]
    for i, (feature, (key, _)) in enumerate(zip(doc["features"], hostile, strict=False)):
        feature["properties"][key] = f"@{i}@"
        feature["properties"]["capacity_unit"] = "MW"
    text = json.dumps(doc, ensure_ascii=False)
    for i, (_, value) in enumerate(hostile):
        text = text.replace(f'"@{i}@"', value, 1)
    (folder / "projects.geojson").write_text(text, encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO((source / "targets.csv").read_text(encoding="utf-8-sig"))))
    rows[0]["year"], rows[0]["value"] = "1e400", "inf"
    with open(folder / "targets.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return folder


def test_infinite_and_huge_numbers_in_a_catalog_are_missing_values(catalog_dir, tmp_path):
    from geo.catalog import load_catalog
    from geo.catalog_filters import apply_filters

    cat = load_catalog(hostile_copy(catalog_dir, tmp_path / "hostile"))
    caps, years = cat.projects["capacity_value"], cat.projects["target_year"]
    assert caps[[0, 1, 4]].isna().all() and years[[2, 3]].isna().all()
    assert cat.targets["year"].isna()[0] and cat.targets["value"].isna()[0]
    assert len(apply_filters(cat.projects, Filters(capacity_min=0, years=[2030]))) >= 0


def test_the_page_draws_a_catalog_with_infinite_numbers(catalog_dir, tmp_path, monkeypatch):
    pytest.importorskip("streamlit.testing.v1")
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("SDCARBON_CATALOG_DIR", str(hostile_copy(catalog_dir, tmp_path / "hostile")))
    monkeypatch.setenv("SDCARBON_WEB_CACHE", str(tmp_path / "web"))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception, at.exception
    assert at.error == []

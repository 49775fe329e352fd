"""A user's own county boundary file (GeoPackage, GeoJSON or Shapefile): read, checked and completed from the
bundled admin units, or rejected with a :class:`BoundaryError` that names the file and the problem.

Used by `python -m geo layers --check FILE` and by `python -m geo build --boundaries FILE` (geo.geocode).
"""

from __future__ import annotations

import functools
from pathlib import Path

from geo import LAYERS_DIR
from geo.cli import UserError
from geo.layers_geometry import polygonal, rep_point
from geo.layers_read import COLUMNS, admin_units, load_admin

SHAPEFILE_PARTS = {".dbf": "its attribute table, with the county codes", ".shx": "its shape index"}


class BoundaryError(UserError):
    """A user's boundary file is unusable; the message says which file and what is wrong."""


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
    path = Path(path)
    gdf = _read_boundary_file(path)
    codes = _codes(path, gdf, code_column)
    units = admin_units(layers_dir)
    county_units = units[units["level"] == "county"].set_index("adcode")
    _check_county_codes(path, codes, code_column, units, county_units)
    gdf = gdf.to_crs("EPSG:4326")
    _check_geometries(path, codes, gdf.geometry.values)
    _check_inside_shandong(path, codes, gdf, layers_dir)
    return _completed(path, codes, gdf.geometry.values, county_units, layers_dir)


def short_list(codes, limit: int = 12) -> str:
    """The first ``limit`` codes, comma-separated, and how many more there are."""
    codes = [str(c) for c in codes]
    more = f" (+{len(codes) - limit} more)" if len(codes) > limit else ""
    return ", ".join(codes[:limit]) + more


def clear_region_cache() -> None:
    """Forget the province outline read so far (after a rebuild of the layers)."""
    _shandong_region.cache_clear()


def _read_boundary_file(path: Path):
    """The one polygon layer of the file, with features and a CRS."""
    import geopandas as gpd
    import pyogrio

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
                    f"{path}: {len(layers)} layers ({short_list(n for n, _ in layers)}); "
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
    return gdf


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


def _codes(path: Path, gdf, code_column: str) -> list[str]:
    """The codes of ``code_column``, one per feature, present and unique."""
    if code_column not in gdf.columns:
        cols = [c for c in gdf.columns if c != gdf.geometry.name]
        raise BoundaryError(
            f"{path}: no column {code_column!r} with the county codes; columns are: {short_list(cols)}. "
            "Name the code column with --code-column"
        )
    codes = [_normalize_code(v) for v in gdf[code_column]]
    empty_rows = [i for i, c in enumerate(codes) if c is None]
    if empty_rows:
        raise BoundaryError(
            f"{path}: {len(empty_rows)} feature(s) without a code in {code_column!r} "
            f"(rows {short_list(empty_rows)})"
        )
    seen, dups = set(), []
    for c in codes:
        if c in seen and c not in dups:
            dups.append(c)
        seen.add(c)
    if dups:
        raise BoundaryError(
            f"{path}: codes in {code_column!r} are not unique: {short_list(dups)} occur more than once"
        )
    return codes


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


def _check_county_codes(path: Path, codes: list[str], code_column: str, units, county_units) -> None:
    other_levels = dict(zip(units["adcode"], units["level"], strict=True))
    unknown = [c for c in codes if c not in county_units.index]
    if unknown:
        detail = []
        for c in unknown:
            lvl = other_levels.get(c)
            detail.append(f"{c} (a {lvl} code)" if lvl else c)
        raise BoundaryError(
            f"{path}: {len(unknown)} code(s) in {code_column!r} are not Shandong county-level adcodes: "
            f"{short_list(detail)}"
        )


def _check_geometries(path: Path, codes: list[str], geoms) -> None:
    import shapely

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
            f"{path}: {len(bad)} invalid geometr{'y' if len(bad) == 1 else 'ies'}: {short_list(bad, 8)}"
        )


def _check_inside_shandong(path: Path, codes: list[str], gdf, layers_dir: Path) -> None:
    import shapely

    region = _shandong_region(str(layers_dir))
    outside = []
    for c, g in zip(codes, gdf.geometry.values, strict=True):
        out_share = 1 - shapely.area(shapely.intersection(g, region)) / shapely.area(g)
        if out_share > 0.05:
            outside.append(f"{c} ({out_share:.0%} outside)")
    if outside:
        minx, miny, maxx, maxy = gdf.total_bounds
        hint = ""
        if not (-180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90):
            hint = " (coordinates are not degrees: is the CRS declared correctly?)"
        raise BoundaryError(
            f"{path}: {len(outside)} feature(s) lie outside Shandong{hint}: {short_list(outside, 8)}"
        )


@functools.lru_cache(maxsize=2)
def _shandong_region(layers_dir: str):
    """The province grown by 0.02 degrees (~2 km): official and Amap borders/coastlines differ by up to a
    few hundred metres, so a user's county may stick out a little. Cached (buffering takes ~1 s)."""
    import shapely

    province = load_admin("province", "full", Path(layers_dir)).geometry.values[0]
    region = shapely.buffer(shapely.simplify(province, 0.002), 0.02)
    shapely.prepare(region)
    return region


def _completed(path: Path, codes: list[str], geoms, county_units, layers_dir: Path):
    """The checked features with the bundled units' attributes, in the columns of admin_units + geometry."""
    import geopandas as gpd
    import shapely

    out = gpd.GeoDataFrame(
        {"adcode": codes}, geometry=[polygonal(g) for g in geoms], crs="EPSG:4326"
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

"""The files in ``layers/`` and reading them: the admin units table and the boundaries, in EPSG:4326.

What `python -m geo layers` (:mod:`geo.layers_build`) writes and every other module reads:

- ``admin_units.csv``  one row per unit: adcode, name, short_name, level (province|city|county),
  parent_adcode, rep_lon, rep_lat (a point guaranteed inside the full-resolution polygon);
- ``shandong_admin.gpkg``  full resolution, layers ``province``, ``cities``, ``counties``;
- ``display/{province,cities,counties}.geojson``  simplified for web maps;
- ``manifest.json``, ``README.md``  provenance.

Python API (stable; other modules rely on it): :func:`admin_units` -> DataFrame of admin_units.csv (codes as
str); :func:`load_admin` (level, resolution) -> GeoDataFrame in EPSG:4326.
"""

from __future__ import annotations

import functools
from pathlib import Path

from geo import LAYERS_DIR
from geo.cli import UserError

LEVELS = ("province", "cities", "counties")  # layer names
UNIT_LEVEL = {"province": "province", "cities": "city", "counties": "county"}  # layer -> admin_units level
RESOLUTIONS = ("full", "display")
COLUMNS = ["adcode", "name", "short_name", "level", "parent_adcode", "rep_lon", "rep_lat"]

GPKG_NAME = "shandong_admin.gpkg"
UNITS_NAME = "admin_units.csv"
DISPLAY_DIR = "display"
MANIFEST_NAME = "manifest.json"


def clear_caches() -> None:
    """Forget the tables and boundaries read so far (after a rebuild of the files)."""
    _admin_units_cached.cache_clear()
    _load_admin_cached.cache_clear()


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

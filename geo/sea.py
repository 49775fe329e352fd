"""Making geometry at sea: Shandong's coast per county and deterministic points off it for offshore projects.

sea = Sea(units, province)     # units: adcode -> placebase.Unit (counties, cities, the province)
sea.sea_point(adcode)          # a point at sea off the unit's coast, or None for an inland unit
sea.zone_sea_point(members)    # off a zone's coastal counties
sea.on_land(lon, lat), sea.at_sea(lon, lat)
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from geo.placebase import Unit

NEIGHBOUR_LAND = Path(__file__).resolve().parent / "data" / "neighbour_land.geojson"
# Offshore placement (kilometres): steps seaward from the coast, and the clearance kept from any land.
SEA_STEPS_KM = (20.0, 25.0, 30.0, 40.0, 50.0, 60.0)
SEA_ANGLES_DEG = (0, 15, -15, 30, -30, 45, -45, 60, -60, 75, -75)
SEA_CLEARANCE_KM = 2.0
COAST_PROVINCE_TOL_DEG = 0.005  # coast lies on the province boundary (user boundaries may differ a bit)
COAST_SHARED_TOL_DEG = 0.002  # a boundary vertex this close to another Shandong county is not coast
COAST_NEIGHBOUR_TOL_DEG = 0.01  # ... nor one this close to a neighbouring province's land
KM_PER_DEG_LAT = 110.574
KM_PER_DEG_LON_EQ = 111.320


class Sea:
    """The province's land (its own counties and the neighbouring provinces' land) and its coast."""

    def __init__(self, units: dict[str, Unit], province: Unit, neighbour_land=None):
        import numpy as np
        import shapely

        self.units = units
        self.province = province
        self.county_codes = [c for c, u in units.items() if u.level == "county"]
        self._county_tree = shapely.STRtree(
            np.array([units[c].geom for c in self.county_codes], dtype=object)
        )
        self.neighbour_land = neighbour_land if neighbour_land is not None else load_neighbour_land()
        if self.neighbour_land is not None:
            shapely.prepare(self.neighbour_land)
        self._coast_cache: dict[str, Any] = {}
        self._province_boundary = None
        self._sea_cache: dict[str, tuple[float, float] | None] = {}

    def on_land(self, lon: float, lat: float) -> bool:
        """True when the point is in Shandong (province or any county polygon) or a neighbouring province."""
        import shapely

        pt = shapely.Point(lon, lat)
        if self.province.geom.intersects(pt) or len(self._county_tree.query(pt, predicate="intersects")):
            return True
        return bool(self.neighbour_land is not None and self.neighbour_land.intersects(pt))

    def at_sea(self, lon: float, lat: float, clearance_km: float = SEA_CLEARANCE_KM) -> bool:
        """Not on land and at least ``clearance_km`` from Shandong's land."""
        import shapely

        if self.on_land(lon, lat):
            return False
        pt = shapely.Point(lon, lat)
        deg = clearance_km / KM_PER_DEG_LAT
        return not (
            shapely.dwithin(self.province.geom, pt, deg)
            or len(self._county_tree.query(pt, predicate="dwithin", distance=deg))
        )

    def coast_points(self, adcode: str):
        """(n, 2) array of the unit's boundary vertices that are coast: not shared with another Shandong
        county (outside the unit) and not next to a neighbouring province's land."""
        import numpy as np
        import shapely

        if adcode in self._coast_cache:
            return self._coast_cache[adcode]
        unit = self.units[adcode]
        coords = shapely.get_coordinates(shapely.boundary(unit.geom))
        # only vertices on (or near) the province's outer boundary can be coast
        if self._province_boundary is None:
            self._province_boundary = shapely.boundary(self.province.geom)
            shapely.prepare(self._province_boundary)
        coords = coords[
            shapely.dwithin(self._province_boundary, shapely.points(coords), COAST_PROVINCE_TOL_DEG)
        ]
        pts = shapely.points(coords)
        own = self._members_of(unit)
        ipt, igeom = self._county_tree.query(pts, predicate="dwithin", distance=COAST_SHARED_TOL_DEG)
        other = np.array([self.county_codes[g] not in own for g in igeom], dtype=bool)
        inner = np.zeros(len(pts), dtype=bool)
        inner[ipt[other]] = True
        if self.neighbour_land is not None:
            inner |= shapely.dwithin(self.neighbour_land, pts, COAST_NEIGHBOUR_TOL_DEG)
        result = coords[~inner]
        self._coast_cache[adcode] = result
        return result

    def _members_of(self, unit: Unit) -> set[str]:
        if unit.level == "county":
            return {unit.adcode}
        if unit.level == "city":
            return {c for c in self.county_codes if self.units[c].parent == unit.adcode}
        return set(self.county_codes)

    def sea_point(self, adcode: str) -> tuple[float, float] | None:
        """A point at sea off the unit's coast, deterministic: from the coast vertex nearest the unit's
        representative point, step seaward (away from the representative point) 20 km, then further (up to
        60 km) and at widening angles until the point is off land with 2 km clearance; points whose nearest
        Shandong county belongs to the unit are preferred. None for a unit without coast."""
        if adcode in self._sea_cache:
            return self._sea_cache[adcode]
        import numpy as np

        unit = self.units[adcode]
        coast = self.coast_points(adcode)
        result = None
        if len(coast):
            kx = KM_PER_DEG_LON_EQ * math.cos(math.radians(unit.lat))
            scale = np.array([kx, KM_PER_DEG_LAT])
            vec = (coast - np.array([unit.lon, unit.lat])) * scale
            dist = np.hypot(vec[:, 0], vec[:, 1])
            order = np.argsort(dist, kind="stable")
            own = self._members_of(unit)
            fallback = None
            tried: list[np.ndarray] = []
            for i in order:
                if dist[i] == 0:
                    continue
                if any(np.hypot(*((coast[i] - t) * scale)) < 3.0 for t in tried):
                    continue  # candidate origins at least 3 km apart
                tried.append(coast[i])
                if len(tried) > 12:
                    break
                direction = vec[i] / dist[i]
                for step in SEA_STEPS_KM:
                    for ang in SEA_ANGLES_DEG:
                        r = math.radians(ang)
                        d = np.array(
                            [
                                direction[0] * math.cos(r) - direction[1] * math.sin(r),
                                direction[0] * math.sin(r) + direction[1] * math.cos(r),
                            ]
                        )
                        q = coast[i] + d * step / scale
                        lon, lat = round(float(q[0]), 6), round(float(q[1]), 6)
                        if not self.at_sea(lon, lat):
                            continue
                        if self._nearest_county(lon, lat) in own:
                            result = (lon, lat)
                            break
                        fallback = fallback or (lon, lat)
                    if result:
                        break
                if result:
                    break
            result = result or fallback
        self._sea_cache[adcode] = result
        return result

    def _nearest_county(self, lon: float, lat: float) -> str:
        import shapely

        idx = self._county_tree.query_nearest(shapely.Point(lon, lat))
        return self.county_codes[int(idx[0])]

    def zone_sea_point(self, members: list[str]) -> tuple[float, float] | None:
        """At sea off a zone's coastal units: the centroid of their sea points when that is at sea, else
        the member sea point nearest that centroid."""
        points = [p for p in (self.sea_point(m) for m in members) if p is not None]
        if not points:
            return None
        cx = round(sum(p[0] for p in points) / len(points), 6)
        cy = round(sum(p[1] for p in points) / len(points), 6)
        if self.at_sea(cx, cy):
            return cx, cy
        return min(points, key=lambda p: (p[0] - cx) ** 2 + (p[1] - cy) ** 2)


def load_neighbour_land():
    """Land of Shandong's neighbouring provinces near its borders (see scripts/make_neighbour_land.py)."""
    import shapely
    from shapely.geometry import shape

    if not NEIGHBOUR_LAND.exists():
        return None
    data = json.loads(NEIGHBOUR_LAND.read_text(encoding="utf-8"))
    return shapely.union_all([shape(f["geometry"]) for f in data["features"]])

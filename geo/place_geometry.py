"""Making the geometry of a resolved place: the representative point of the unit it lies in (never an invented
coordinate), a point at sea off its coast for offshore projects, regions and zones, and the note that says so.

    geometry = PlaceGeometry(units, sea)
    geometry.place_location(pick, project, offshore)     -> (Location | None, Unresolved | None)
    geometry.spanning_location(picks, project, offshore) -> the unit several places share
    geometry.no_place(project, offshore, problems)       -> Resolution at the plan's own city (or province)
"""

from __future__ import annotations

from geo import PROVINCE_ADCODE
from geo.model import Location, Project, Unresolved
from geo.placebase import (
    ADMIN_KINDS,
    LEVEL_ZH,
    NOT_AT_SEA_SITE,
    NOT_THE_SITE,
    Pick,
    Resolution,
    Unit,
    area,
    city_code,
    code_within,
    county_code,
    kind_zh,
    label,
    make_problem,
    member_codes,
    rep_point,
)
from geo.sea import Sea


class PlaceGeometry:
    """Locations (points, notes) for resolved places on one set of admin units."""

    def __init__(self, units: dict[str, Unit], sea: Sea):
        self.units = units
        self.sea = sea

    def location(self, unit: Unit, precision: str, lon: float, lat: float, **kw) -> Location:
        city = county = None
        if unit.level == "county":
            county = unit
            city = self.units.get(unit.parent)
        elif unit.level == "city":
            city = unit
        return Location(
            precision=precision,  # type: ignore[arg-type]
            lon=lon,
            lat=lat,
            city=city.name if city else None,
            city_adcode=city.adcode if city else None,
            county=county.name if county else None,
            county_adcode=county.adcode if county else None,
            **kw,
        )

    def place_location(self, pick: Pick, project: Project, offshore: bool):
        place = pick.place
        kind = place.kind
        prec = pick.precision
        if kind == "offshore_zone":
            return self.zone_location(pick, project)
        if prec == "region":
            return self.region_location(pick, project, offshore)
        if prec == "site":
            return self.site_location(pick, project, offshore)
        code = {"province": PROVINCE_ADCODE}.get(prec) or (
            county_code(place) if prec in ("county", "township") else city_code(place)
        )
        if prec == "township" and not county_code(place):
            return None, make_problem(project, pick.mention, f"{place.name}：乡镇缺少所属区县代码")
        unit = self.units.get(code or "")
        if unit is None:
            return None, make_problem(project, pick.mention, f"{label(self.units, place)}：缺少{code}的边界")
        township = place.name if prec == "township" else None
        spanned = [
            self.units[m].name for m in member_codes(place) if not m.endswith("00") and m in self.units
        ]
        if place.kind in ADMIN_KINDS:
            what = ""  # the unit itself: the note names it
        elif prec == "township":
            what = f"{unit.name}{place.name}"
        elif len(spanned) > 1:
            what = f"{place.name}（{kind_zh(place)}）跨{'、'.join(spanned)}"
        else:
            what = f"{place.name}（{kind_zh(place)}）位于{unit.name}"
        if offshore:
            return self.offshore_at(unit, project, pick.mention, what, prec, township)
        if prec == "township":
            note = f"仅知到乡镇（{what}）：乡镇无坐标，{rep_point(unit.name)}"
        elif kind in ADMIN_KINDS:
            former = pick.mention not in (place.name, place.short_name, unit.name, unit.short_name)
            renamed = f"（文中“{pick.mention}”今属{unit.name}）" if former and place.note else ""
            note = f"仅知到{LEVEL_ZH.get(prec, prec)}{renamed}：{rep_point(unit.name)}"
        else:
            note = f"{what}：{rep_point(unit.name)}"
        return self.location(unit, prec, unit.lon, unit.lat, township=township, note=note), None

    def site_location(self, pick: Pick, project: Project, offshore: bool):
        import shapely

        place = pick.place
        lon, lat = float(place.lon), float(place.lat)
        unit = self.units.get(county_code(place) or "")
        if unit is None or not unit.geom.contains(shapely.Point(lon, lat)):
            return self.place_location(Pick(pick.mention, place, "county"), project, offshore)
        note = f"{place.name}：场址坐标取自地名库（来源：{getattr(place, 'source', '') or '未注明'}）"
        return self.location(unit, "site", lon, lat, note=note), None

    def spanning_location(self, group: list[Pick], project: Project, offshore: bool):
        """Several distinct places at the same precision: their common admin unit, or the first one."""
        names = "、".join(label(self.units, p.place) for p in group)
        counties = {county_code(p.place) for p in group}
        cities = {city_code(p.place) for p in group}
        if len(counties) == 1 and None not in counties:
            unit = self.units.get(counties.pop() or "")
            prec = "county"
        elif len(cities) == 1 and None not in cities:
            unit = self.units.get(cities.pop() or "")
            prec = "city"
        else:
            unit = None
            prec = "region"
        if unit is None:
            loc, problem = self.place_location(group[0], project, offshore)
            if loc is not None:
                loc.precision = "region"
                loc.city = loc.city_adcode = loc.county = loc.county_adcode = loc.township = None
                first = label(self.units, group[0].place)
                loc.note = f"涉及{names}，分属不同城市，按{first}定位；" + (loc.note or "")
            return loc, problem
        if offshore:
            return self.offshore_at(unit, project, group[0].mention, f"涉及{names}", prec, None)
        note = f"涉及{names}：{rep_point(unit.name)}"
        return self.location(unit, prec, unit.lon, unit.lat, note=note), None

    def region_location(self, pick: Pick, project: Project, offshore: bool):
        place = pick.place
        members = [m for m in member_codes(place) if m in self.units]
        if not members:
            code = county_code(place) or city_code(place)
            if code and code in self.units:
                members = [code]
        if not members:
            return None, make_problem(project, pick.mention, f"{place.name}：区域未列出所含行政单位")
        member_names = "、".join(self.units[m].name for m in members)
        region = project.region_adcode
        local = [m for m in members if region and region != PROVINCE_ADCODE and code_within(m, region)]
        if local:
            unit = self.units[local[0]] if len(local) == 1 else self.units.get(region) or self.units[local[0]]
            why = f"本方案所在的{unit.name}"
        else:
            unit = max((self.units[m] for m in members), key=area)
            why = f"其中面积最大的{unit.name}"
        if offshore:
            return self.offshore_at(
                unit, project, pick.mention, f"区域{place.name}（{member_names}）", "region", None
            )
        note = f"区域{place.name}涵盖{member_names}：点位取{why}代表点，{NOT_THE_SITE}"
        single_city = {self.units[m].city for m in members}
        loc = self.location(unit, "region", unit.lon, unit.lat, note=note)
        if not local:
            # the point lies in one member; the project belongs to all of them
            loc.county = loc.county_adcode = None
            if len(single_city) != 1:
                loc.city = loc.city_adcode = None
        return loc, None

    def zone_location(self, pick: Pick, project: Project):
        place = pick.place
        members = [m for m in member_codes(place) if m in self.units]
        if not members:
            code = county_code(place) or city_code(place)
            members = [code] if code in self.units else []
        if not members:
            return None, make_problem(project, pick.mention, f"{place.name}：海上片区未列出沿海区县")
        member_names = "、".join(self.units[m].name for m in members)
        zone = f"海上片区{place.name}（{member_names}近海）"
        note = f"海上片区{place.name}：{member_names}近海的示意点位，{NOT_AT_SEA_SITE}"
        # a city plan's project in a zone is placed off the zone's coast in that city (渤中 in 东营's plan)
        region = project.region_adcode
        local = [m for m in members if region and region != PROVINCE_ADCODE and code_within(m, region)]
        point = self.sea.zone_sea_point(local) if local else None
        if point is not None:
            note = f"{zone}：取其中本方案所在城市部分近海的示意点位，{NOT_AT_SEA_SITE}"
            members = local
        else:
            point = self.sea.zone_sea_point(members)
        if point is None:
            return None, make_problem(project, pick.mention, f"{place.name}：所列区县均无海岸线")
        cities = {self.units[m].city for m in members}
        city = self.units.get(cities.pop() or "") if len(cities) == 1 else None
        loc = Location(
            precision="region",
            lon=point[0],
            lat=point[1],
            city=city.name if city else None,
            city_adcode=city.adcode if city else None,
            offshore=True,
            note=note,
        )
        return loc, None

    def offshore_at(self, unit: Unit, project: Project, mention: str, what: str, prec: str, township):
        point = self.sea.sea_point(unit.adcode)
        if point is None:
            return None, make_problem(project, mention, f"海上项目，但{unit.name}无海岸线，无法置于其近海")
        if prec == "township":
            prec = "county"  # the point is off the county's coast; the township keeps its name
        loc = self.location(unit, prec, point[0], point[1], township=township, offshore=True)
        sea = f"海上项目：{unit.name}近海的示意点位，{NOT_AT_SEA_SITE}"
        loc.note = f"{what}；{sea}" if what else sea
        return loc, None

    def no_place(
        self, project: Project, offshore: bool, problems: list[Unresolved] | None = None
    ) -> Resolution:
        """The plan's own region for a project with no usable place: precision `city` (or `province`), and
        an unresolved row saying so. ``problems``: the named places that could not be resolved (unknown)."""
        problems = list(problems or [])
        region = project.region_adcode
        unit = self.units.get(region or "")
        if unit is None:
            reason = "文中未指明地点，且本方案所属地区不明"
            return Resolution(None, problems or [make_problem(project, "", reason)])
        by_plan = f"按本方案所属{'省份' if unit.level == 'province' else '城市'}{unit.name}定位"
        if problems:
            names = "".join(f"“{p.mention}”" for p in problems if p.mention)
            rows = [Unresolved(p.source, p.project, p.mention, f"{p.reason}；已{by_plan}") for p in problems]
            note = f"{names}未能定位：{by_plan}"
        else:
            below = "市以下地点" if unit.level == "city" else "地点（省级方案）"
            rows = [make_problem(project, "", f"文中未指明{below}；已{by_plan}")]
            note = f"文中未指明地点：{by_plan}"
        if offshore:
            loc, problem = self.offshore_at(unit, project, "", note.replace("：", "，"), unit.level, None)
            if loc is None:
                return Resolution(None, [*problems, problem])
            rows = [
                Unresolved(r.source, r.project, r.mention, r.reason + "（海上项目，置于其近海）")
                for r in rows
            ]
            return Resolution(loc, rows)
        loc = self.location(unit, unit.level, unit.lon, unit.lat, note=note)
        return Resolution(loc, rows)

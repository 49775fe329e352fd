"""Place resolution and geometry: a `Project` becomes a `LocatedProject`, or an `Unresolved` row.

Rules (in this order):

1. **Mentions.** The extractor's raw place mentions (`project.places`, most specific first) are looked up in
   the gazetteer. When a project has none, or none of them resolves, the gazetteer's `find` runs over the
   project name; the quoted sentence is used last and only when every place it names agrees on one unit.
2. **Ambiguity.** A name with several candidates is narrowed by the other mentions of the same project (a
   township must lie in the county named next to it), then by the document's own region (a city plan's
   places are first looked for in that city), then county-level units win over townships of the same
   short name. What is still ambiguous is not guessed: it becomes an `Unresolved` row naming the cities.
3. **Precision.** The most precise resolved place wins (`site` < `township` < `county` < `city` <
   `region` < `province`), provided every coarser admin unit mentioned contains it.
4. **Geometry** (never an invented coordinate):
   - counties, cities, the province: the unit's representative point (inside its polygon);
   - townships have no coordinates in any bundled source: the project keeps its township name and
     precision `township` and is placed at its county's representative point (the note says so);
   - functional areas, ports, islands, landmarks: the representative point of the county they lie in;
   - regions (鲁北盐碱滩涂地 ...): precision `region`, at the representative point of the member in the
     plan's own city when there is one, else of the largest member;
   - offshore projects (`project.offshore`, or 海上风电/海上光伏/近海/桩基式 ... in the name): a point at sea
     off the named unit's coast (see :meth:`geo.sea.Sea.sea_point`), `offshore: true`; offshore zones
     (渤中, 半岛南, 半岛北) at sea off their coastal counties, precision `region`;
   - lines (`project.line_ends`): a LineString between the two ends when both resolve, else the end that
     does, with a note;
   - no place named at all: a city plan's project is placed at the city's representative point (precision
     `city`), a province plan's at the province's (precision `province`), and it is also listed as
     unresolved ("文中未指明市以下地点"). A named place that cannot be resolved is not placed.
5. **Notes.** `Location.note` (the catalog's `location_note`) and unresolved reasons are short Chinese
   phrases for map popups and CSV cells: what is known (仅知到区县 ...), where the point is (代表点, 近海的示意点位)
   and that it is not the site; see ``LEVEL_ZH`` below.

The steps live in their own modules: finding mentions (`geo.place_finding`), choosing among candidates
(`geo.place_choice`), making the geometry (`geo.place_geometry`, at sea `geo.sea`); what they share is in
`geo.placebase`. This module puts them together.

Python API::

    geocoder = Geocoder.default()                # bundled layers + gazetteer; or Geocoder.default(Path(FILE))
    geocoder.locate(project)                     # -> LocatedProject (id "") | Unresolved
    geocoder.resolve(project)                    # -> Resolution(location | None, problems: [Unresolved])
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from geo import PROVINCE_ADCODE
from geo import categories as cat
from geo.model import LocatedProject, Location, Project, Unresolved
from geo.place_choice import PlaceChoice
from geo.place_finding import REASON_UNKNOWN_LANDMARK, PlaceFinding
from geo.place_geometry import PlaceGeometry
from geo.placebase import (
    LEVEL_ZH,
    PRECISION_RANK,
    PROVINCE_NAME,
    REASON_OUTSIDE,
    REASON_UNKNOWN,
    Pick,
    Resolution,
    Unit,
    city_code,
    clean_end,
    county_code,
    end_label,
    is_soft,
    make_problem,
    rep_point,
)
from geo.sea import Sea

# Offshore by name (in addition to project.offshore from the extractor) ...
OFFSHORE_WORDS = re.compile(
    r"海上风电|海上光伏|海上风机|近海|深远海|离岸|桩基式|海上升压站|海上油田|海上平台"
)


def is_offshore(project: Project) -> bool:
    """Offshore when the extractor says so or the name says so, unless the name is onshore industry."""
    if cat.RE_ONSHORE.search(project.name):
        return False
    return bool(project.offshore or OFFSHORE_WORDS.search(project.name))


class Geocoder:
    """Resolves project places with a gazetteer and places them on Shandong's full-resolution layers."""

    def __init__(self, gazetteer, counties_gdf, cities_gdf, province_gdf, *, neighbour_land=None, notes=None):
        import shapely

        self.gazetteer = gazetteer
        self.notes: list[str] = list(notes or [])
        self.units: dict[str, Unit] = {}
        for gdf, level in ((province_gdf, "province"), (cities_gdf, "city"), (counties_gdf, "county")):
            for row in gdf.itertuples(index=False):
                self.units[str(row.adcode)] = self._unit(row, level)
        self.province = self.units.get(PROVINCE_ADCODE)
        if self.province is None:
            raise ValueError("province layer lacks 370000")
        shapely.prepare(self.province.geom)
        for u in self.units.values():
            shapely.prepare(u.geom)
        self.sea = Sea(self.units, self.province, neighbour_land)
        self.finding = PlaceFinding(gazetteer, self.units)
        self.choice = PlaceChoice(self.units, self.finding)
        self.geometry = PlaceGeometry(self.units, self.sea)

    @staticmethod
    def _unit(row, level: str) -> Unit:
        import shapely

        geom = row.geometry
        parent = getattr(row, "parent_adcode", "") or ""
        if level == "county" and not parent:
            parent = str(row.adcode)[:4] + "00"
        if level == "city" and not parent:
            parent = PROVINCE_ADCODE
        lon = getattr(row, "rep_lon", None)
        lat = getattr(row, "rep_lat", None)
        ok = lon is not None and lat is not None and not (math.isnan(float(lon)) or math.isnan(float(lat)))
        if not ok or not geom.contains(shapely.Point(float(lon), float(lat))):
            p = shapely.point_on_surface(geom)
            lon, lat = p.x, p.y
        short = str(getattr(row, "short_name", "") or "")
        return Unit(str(row.adcode), str(row.name), level, str(parent), float(lon), float(lat), geom, short)

    @classmethod
    def default(cls, boundaries: Path | None = None, code_column: str = "adcode") -> Geocoder:
        """The bundled layers (layers/shandong_admin.gpkg, full resolution) and gazetteer. With
        ``boundaries``, the user's county file (validated by geo.layers) replaces the bundled counties it
        covers; counties it does not cover keep the bundled boundaries (listed in ``notes``)."""
        import pandas as pd

        from geo.gazetteer import Gazetteer
        from geo.layers_read import load_admin
        from geo.layers_user import load_user_boundaries

        counties = load_admin("counties", "full")
        notes = []
        if boundaries is not None:
            user = load_user_boundaries(boundaries, code_column)
            keep = counties[~counties["adcode"].isin(set(user["adcode"]))]
            counties = pd.concat([user, keep], ignore_index=True).sort_values("adcode", ignore_index=True)
            notes.append(f"county boundaries from {boundaries} ({len(user)} counties)")
            if len(keep):
                notes.append(
                    f"{len(keep)} counties not in {Path(boundaries).name} use the bundled boundaries"
                )
        return cls(
            Gazetteer.default(),
            counties,
            load_admin("cities", "full"),
            load_admin("province", "full"),
            notes=notes,
        )

    def locate(self, project: Project) -> LocatedProject | Unresolved:
        """The project's location (id left empty: the build assigns it) or, if it cannot be placed, why."""
        res = self.resolve(project)
        if res.location is not None:
            return LocatedProject(id="", project=project, location=res.location)
        if res.problems:
            return res.problems[0]
        return Unresolved(project.source, project.name, "", "无法定位")

    def resolve(self, project: Project) -> Resolution:
        res = self._resolve(project)
        coarse = res.location is None or res.location.precision in ("city", "province", "region")
        landmark = self.finding.unknown_landmark(project.name) if coarse else None
        if landmark:
            placed = f"；已按{LEVEL_ZH[res.location.precision]}级定位" if res.location else ""
            reason = f"{REASON_UNKNOWN_LANDMARK}（{landmark}）{placed}"
            res.problems.append(make_problem(project, landmark, reason))
        return res

    def _resolve(self, project: Project) -> Resolution:
        offshore = is_offshore(project)
        problems: list[Unresolved] = []
        named = [m.strip() for m in project.places if m and m.strip()]
        if project.line_ends:
            res = self._resolve_line(project, offshore)
            if res.location is not None:
                return res
            problems += res.problems  # neither end resolved: try the ordinary rules
            ends = {*project.line_ends, *(clean_end(e) for e in project.line_ends)}
            named = [m for m in named if m not in ends]
        picks, probs = self.choice.resolve_mentions([(m, None) for m in named], project)
        problems += probs
        if not picks:
            done = {*named, *(project.line_ends or ()), *(clean_end(e) for e in project.line_ends or ())}
            found = [
                (m.text, list(m.candidates)) for m in self.finding.find(project.name) if m.text not in done
            ]
            picks, probs = self.choice.resolve_mentions(found, project)
            problems += [p for p in probs if not p.reason.startswith(REASON_UNKNOWN)]
        if not picks and not problems and not named:
            picks = self._from_quote(project)
        if all(p.precision in ("city", "province") for p in picks) and self._is_city_plan(project):
            township, probs = self.finding.bare_township(project)
            picks = [township] if township else picks
            problems += probs
        if picks and all(p.precision == "province" for p in picks) and self._is_city_plan(project):
            # `中国中化山东化工原料基地` in a city's plan: the province says nothing the plan's city does not
            res = self.geometry.no_place(project, offshore, problems)
            if res.location is not None and not offshore:
                res.location.note = res.location.note.replace("文中未指明地点", "文中仅提及山东省")
            return res
        if picks:
            loc, probs = self._locate_picks(picks, project, offshore)
            problems += probs
            if loc is not None:
                return Resolution(loc, problems)
        if problems and not all(is_soft(p) for p in problems):
            # outside Shandong, ambiguous across cities, offshore off an inland county: not placed, not guessed
            return Resolution(None, problems)
        # no place named, or only names the gazetteer does not know: the plan's own city (or the province)
        return self.geometry.no_place(project, offshore, problems)

    def _is_city_plan(self, project: Project) -> bool:
        unit = self.units.get(project.region_adcode or "")
        return unit is not None and unit.level == "city"

    def _from_quote(self, project: Project) -> list[Pick]:
        """Places in the quoted sentence before the project's name, used only when they all agree on one county
        (or one city). Places after the name belong to the items listed after it (`实施甲电厂、乙县丙热电等`)."""
        quote = project.quote if project.spans else ""
        at = quote.find(project.name[:4])
        matches = [m for m in self.finding.find(quote) if at < 0 or m.end <= at]
        picks, problems = self.choice.resolve_mentions(
            [(m.text, list(m.candidates)) for m in matches], project
        )
        if problems or not picks:
            return []
        counties = {county_code(p.place) for p in picks}
        cities = {city_code(p.place) for p in picks}
        if len(counties) == 1 and None not in counties:
            code = counties.pop()
            return [Pick(p.mention, p.place, "county") for p in picks if county_code(p.place) == code][:1]
        if len(cities) == 1 and None not in cities:
            best = min(picks, key=lambda p: PRECISION_RANK[p.precision])
            if best.place.kind == "city":
                return [best]
        return []

    def _resolve_line(self, project: Project, offshore: bool) -> Resolution:
        import shapely

        a, b = (clean_end(e) for e in project.line_ends)  # type: ignore[union-attr]
        # the ends are resolved together with the project's other places, which narrow them (沾化区 ... 富国)
        others = [m.strip() for m in project.places if m and m.strip() and m.strip() not in (a, b)]
        picks, probs = self.choice.resolve_mentions(
            [(a, None), (b, None)] + [(m, None) for m in others], project
        )
        by_mention = {p.mention: p for p in picks}
        problems = [p for p in probs if p.mention in (a, b)]
        ends = []
        for end in (a, b):
            loc = None
            if end in by_mention:
                loc, more = self._locate_picks([by_mention[end]], project, False)
                problems += more
            ends.append(loc)
        la, lb = ends
        if la is None and lb is None:
            return Resolution(None, problems)
        if la is None or lb is None:
            got, missing = (la, b) if la is not None else (lb, a)
            outside = any(p.mention == missing and p.reason.startswith(REASON_OUTSIDE) for p in problems)
            why = REASON_OUTSIDE if outside else "未能定位"
            got.note = f"线路另一端“{missing}”{why}，仅显示本端；{got.note or ''}"
            return Resolution(got, problems)
        if (la.lon, la.lat) == (lb.lon, lb.lat):
            if la.township != lb.township:  # two townships of one county: the county is what both share
                la.township = None
                la.precision = "county" if la.county_adcode else la.precision
            la.precision = max(la.precision, lb.precision, key=lambda p: PRECISION_RANK[p])  # type: ignore[assignment]
            unit = la.county or la.city or PROVINCE_NAME
            la.note = f"线路{a}—{b}两端均在{unit}：{rep_point(unit)}"
            return Resolution(la, problems)
        worst = max(la.precision, lb.precision, key=lambda p: PRECISION_RANK[p])
        line = shapely.LineString([(la.lon, la.lat), (lb.lon, lb.lat)])
        same_city = la.city_adcode == lb.city_adcode
        same_county = la.county_adcode == lb.county_adcode and la.county_adcode
        loc = Location(
            precision=worst,  # type: ignore[arg-type]
            lon=la.lon,
            lat=la.lat,
            city=la.city if same_city else None,
            city_adcode=la.city_adcode if same_city else None,
            county=la.county if same_county else None,
            county_adcode=la.county_adcode if same_county else None,
            wkt=line.wkt,
            note=f"线路{end_label(a, la)}—{end_label(b, lb)}：两端代表点间的直线示意，非实际走向",
        )
        return Resolution(loc, problems)

    def _locate_picks(self, picks: list[Pick], project: Project, offshore: bool):
        """The most precise pick consistent with the coarser admin units mentioned, placed."""
        group, problems = self.choice.most_precise(picks, project)
        if not group:
            return None, problems
        if len(group) == 1:
            loc, problem = self.geometry.place_location(group[0], project, offshore)
        else:
            loc, problem = self.geometry.spanning_location(group, project, offshore)
        if problem:
            problems.append(problem)
        return loc, problems

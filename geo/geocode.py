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
     off the named unit's coast (see :meth:`Geocoder.sea_point`), `offshore: true`; offshore zones
     (渤中, 半岛南, 半岛北) at sea off their coastal counties, precision `region`;
   - lines (`project.line_ends`): a LineString between the two ends when both resolve, else the end that
     does, with a note;
   - no place named at all: a city plan's project is placed at the city's representative point (precision
     `city`), a province plan's at the province's (precision `province`), and it is also listed as
     unresolved ("文中未指明市以下地点"). A named place that cannot be resolved is not placed.
5. **Notes.** `Location.note` (the catalog's `location_note`) and unresolved reasons are short Chinese
   phrases for map popups and CSV cells: what is known (仅知到区县 ...), where the point is (代表点, 近海的示意点位)
   and that it is not the site; see ``LEVEL_ZH`` below.

Python API::

    geocoder = Geocoder.default()                # bundled layers + gazetteer; or Geocoder.default(Path(FILE))
    geocoder.locate(project)                     # -> LocatedProject (id "") | Unresolved
    geocoder.resolve(project)                    # -> Resolution(location | None, problems: [Unresolved])
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo import categories as cat
from geo.model import LocatedProject, Location, Project, Unresolved

PRECISION_RANK = {"site": 0, "township": 1, "county": 2, "city": 3, "region": 4, "province": 5}
ADMIN_KINDS = ("province", "city", "county")
PROVINCE_ADCODE = "370000"
PROVINCE_NAME = "山东省"

NEIGHBOUR_LAND = Path(__file__).resolve().parent / "data" / "neighbour_land.geojson"

# Offshore by name (in addition to project.offshore from the extractor) ...
OFFSHORE_WORDS = re.compile(
    r"海上风电|海上光伏|海上风机|近海|深远海|离岸|桩基式|海上升压站|海上油田|海上平台"
)

# Other provincial-level units (GB/T 2260 names and their common short forms): a mention starting with one
# of these is outside Shandong.
OTHER_PROVINCES = (
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建",
    "江西", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南", "西藏", "陕西",
    "甘肃", "青海", "宁夏", "新疆", "台湾", "香港", "澳门",
)  # fmt: skip
# Places outside Shandong that its plans name as the far end of long-distance lines (UHV power lines, gas and oil
# pipelines into the province): name -> where it is. Source: the line names in the national UHV programme
# (锡盟—山东, 榆横—潍坊, 扎鲁特—青州, 上海庙—临沂, 陇东—山东, 银东 = 银川东—青岛) and common regional names.
OUTSIDE_PLACES: dict[str, str] = {
    "陇东": "甘肃省东部",
    "陕北": "陕西省北部",
    "榆横": "陕西省榆林市横山区",
    "锡盟": "内蒙古自治区锡林郭勒盟",
    "锡林郭勒": "内蒙古自治区",
    "扎鲁特": "内蒙古自治区通辽市扎鲁特旗",
    "上海庙": "内蒙古自治区鄂尔多斯市鄂托克前旗",
    "蒙西": "内蒙古自治区西部",
    "晋北": "山西省北部",
    "宁东": "宁夏回族自治区宁东能源化工基地",
    "银东": "宁夏回族自治区银川东",
    "鄂尔多斯": "内蒙古自治区",
    "哈密": "新疆维吾尔自治区",
    "准东": "新疆维吾尔自治区准东地区",
}
TOWNSHIP_SUFFIXES = ("镇", "乡", "街道")
# Offshore placement (kilometres): steps seaward from the coast, and the clearance kept from any land.
SEA_STEPS_KM = (20.0, 25.0, 30.0, 40.0, 50.0, 60.0)
SEA_ANGLES_DEG = (0, 15, -15, 30, -30, 45, -45, 60, -60, 75, -75)
SEA_CLEARANCE_KM = 2.0
COAST_PROVINCE_TOL_DEG = 0.005  # coast lies on the province boundary (user boundaries may differ a bit)
COAST_SHARED_TOL_DEG = 0.002  # a boundary vertex this close to another Shandong county is not coast
COAST_NEIGHBOUR_TOL_DEG = 0.01  # ... nor one this close to a neighbouring province's land
KM_PER_DEG_LAT = 110.574
KM_PER_DEG_LON_EQ = 111.320

# Location notes and unresolved reasons are written in Chinese, the language of the plans and of their readers
# (planners): short phrases for map popups and CSV cells. The data carries this one form; a UI that wants another
# language shows the structured fields (precision, offshore, county ...) instead of translating the note.
LEVEL_ZH = {"township": "乡镇", "county": "区县", "city": "市", "province": "省", "region": "区域"}
KIND_ZH = {
    "functional_area": "功能区",
    "port": "港口",
    "island": "海岛",
    "landmark": "地标",
    "region": "区域",
    "offshore_zone": "海上片区",
    "township": "乡镇",
    "county": "区县",
    "city": "市",
    "province": "省",
}
NOT_THE_SITE = "非项目实际位置"
NOT_AT_SEA_SITE = "非实际场址"
# Unresolved reasons the geocoder tests for (a "soft" problem still lets the project sit at the plan's city).
REASON_UNKNOWN = "地名库中无此地名"
REASON_NAMESAKE = "不在本方案所属地区，文中也未提其所在区县：不采用"
REASON_OUTSIDE = "在山东省外"


@dataclass
class Resolution:
    """What the geocoder made of one project: a location (or None) and every problem worth listing."""

    location: Location | None
    problems: list[Unresolved] = field(default_factory=list)


@dataclass
class _Unit:
    adcode: str
    name: str
    level: str  # province | city | county
    parent: str
    lon: float
    lat: float
    geom: Any
    short_name: str = ""

    @property
    def city(self) -> str | None:
        if self.level == "county":
            return self.parent
        if self.level == "city":
            return self.adcode
        return None


@dataclass
class _Pick:
    """A mention resolved to one gazetteer place."""

    mention: str
    place: Any
    precision: str


# Landmark words a name can carry after a proper name of 2-4 characters (山 is left out: 山东, 泰山 ...).
RE_LANDMARK = re.compile(r"[\u4e00-\u9fff]{2,4}?(?:水库|湖|岛|湾|港区)")
REASON_UNKNOWN_LANDMARK = "地标未收录于地名表"


def is_offshore(project: Project) -> bool:
    """Offshore when the extractor says so or the name says so, unless the name is onshore industry."""
    if cat.RE_ONSHORE.search(project.name):
        return False
    return bool(project.offshore or OFFSHORE_WORDS.search(project.name))


def _outside_shandong(mention: str) -> str | None:
    for name in OTHER_PROVINCES:
        if mention.startswith(name):
            return name
    for name, where in OUTSIDE_PLACES.items():
        if mention.startswith(name):
            return f"{name}，{where}"
    return None


class Geocoder:
    """Resolves project places with a gazetteer and places them on Shandong's full-resolution layers."""

    def __init__(self, gazetteer, counties_gdf, cities_gdf, province_gdf, *, neighbour_land=None, notes=None):
        import numpy as np
        import shapely

        self.gazetteer = gazetteer
        self.notes: list[str] = list(notes or [])
        self.units: dict[str, _Unit] = {}
        for gdf, level in ((province_gdf, "province"), (cities_gdf, "city"), (counties_gdf, "county")):
            for row in gdf.itertuples(index=False):
                self.units[str(row.adcode)] = self._unit(row, level)
        self.province = self.units.get(PROVINCE_ADCODE)
        if self.province is None:
            raise ValueError("province layer lacks 370000")
        self._county_codes = [c for c, u in self.units.items() if u.level == "county"]
        self._county_geoms = np.array([self.units[c].geom for c in self._county_codes], dtype=object)
        self._county_tree = shapely.STRtree(self._county_geoms)
        shapely.prepare(self.province.geom)
        for u in self.units.values():
            shapely.prepare(u.geom)
        self.neighbour_land = neighbour_land if neighbour_land is not None else load_neighbour_land()
        if self.neighbour_land is not None:
            shapely.prepare(self.neighbour_land)
        self._coast_cache: dict[str, Any] = {}
        self._province_boundary = None
        self._sea_cache: dict[str, tuple[float, float] | None] = {}
        self._townships_by_city: dict[str, list[tuple[str, Any]]] = {}

    @staticmethod
    def _unit(row, level: str) -> _Unit:
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
        return _Unit(str(row.adcode), str(row.name), level, str(parent), float(lon), float(lat), geom, short)

    @classmethod
    def default(cls, boundaries: Path | None = None, code_column: str = "adcode") -> Geocoder:
        """The bundled layers (layers/shandong_admin.gpkg, full resolution) and gazetteer. With
        ``boundaries``, the user's county file (validated by geo.layers) replaces the bundled counties it
        covers; counties it does not cover keep the bundled boundaries (listed in ``notes``)."""
        import pandas as pd

        from geo.gazetteer import Gazetteer
        from geo.layers import load_admin, load_user_boundaries

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

    # ------------------------------------------------------------------ public API

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
        landmark = self._unknown_landmark(project.name) if coarse else None
        if landmark:
            placed = f"；已按{LEVEL_ZH[res.location.precision]}级定位" if res.location else ""
            reason = f"{REASON_UNKNOWN_LANDMARK}（{landmark}）{placed}"
            res.problems.append(self._problem(project, landmark, reason))
        return res

    def _unknown_landmark(self, name: str) -> str | None:
        """A reservoir, lake, island, bay or port area named in a project's name that the place table does
        not hold (`甲乙水库光伏电站`): named in unresolved.csv so that a row can be added for it."""
        rest = name
        for match in self._find(name):
            rest = rest.replace(match.text, " ")
        rest = cat.RE_ANY_OWNER.sub(" ", rest)
        found = RE_LANDMARK.search(rest)
        return found.group(0) if found else None

    def _resolve(self, project: Project) -> Resolution:
        offshore = is_offshore(project)
        problems: list[Unresolved] = []
        named = [m.strip() for m in project.places if m and m.strip()]
        if project.line_ends:
            res = self._resolve_line(project, offshore)
            if res.location is not None:
                return res
            problems += res.problems  # neither end resolved: try the ordinary rules
            ends = {*project.line_ends, *(_clean_end(e) for e in project.line_ends)}
            named = [m for m in named if m not in ends]
        picks, probs = self._resolve_mentions([(m, None) for m in named], project)
        problems += probs
        if not picks:
            done = {*named, *(project.line_ends or ()), *(_clean_end(e) for e in project.line_ends or ())}
            found = [(m.text, list(m.candidates)) for m in self._find(project.name) if m.text not in done]
            picks, probs = self._resolve_mentions(found, project)
            problems += [p for p in probs if not p.reason.startswith(REASON_UNKNOWN)]
        if not picks and not problems and not named:
            picks = self._from_quote(project)
        if all(p.precision in ("city", "province") for p in picks) and self._is_city_plan(project):
            township, probs = self._bare_township(project)
            picks = [township] if township else picks
            problems += probs
        if picks and all(p.precision == "province" for p in picks) and self._is_city_plan(project):
            # `中国中化山东化工原料基地` in a city's plan: the province says nothing the plan's city does not
            res = self._no_place(project, offshore, problems)
            if res.location is not None and not offshore:
                res.location.note = res.location.note.replace("文中未指明地点", "文中仅提及山东省")
            return res
        if picks:
            loc, probs = self._locate_picks(picks, project, offshore)
            problems += probs
            if loc is not None:
                return Resolution(loc, problems)
        if problems and not all(_soft(p) for p in problems):
            # outside Shandong, ambiguous across cities, offshore off an inland county: not placed, not guessed
            return Resolution(None, problems)
        # no place named, or only names the gazetteer does not know: the plan's own city (or the province)
        return self._no_place(project, offshore, problems)

    def _bare_township(self, project: Project) -> tuple[_Pick | None, list[Unresolved]]:
        """`华电甲乙200MW光伏项目` in a city's plan, 甲乙 a township of that city named without 镇/乡/街道 right
        after the developer: that township when its short name is unique in the city; an ambiguity reported
        when several share it. A short name that is also a city's or county's (日照街道) is not taken."""
        after_owner = [project.name[m.end() :] for m in cat.RE_ANY_OWNER.finditer(project.name)]
        if not after_owner:
            return None, []
        found: dict[str, list] = {}
        for short, township in self._city_townships(project.region_adcode or ""):
            if any(rest.startswith(short) for rest in after_owner):
                found.setdefault(short, []).append(township)
        if not found:
            return None, []
        short = max(found, key=len)
        if len(found[short]) > 1:
            return None, [self._problem(project, short, self._ambiguity(found[short]))]
        return _Pick(short, found[short][0], "township"), []

    def _city_townships(self, city: str) -> list[tuple[str, Any]]:
        """(short name, township) of every township of a city with a short name of >= 2 characters."""
        if city not in self._townships_by_city:
            pairs = []
            for code, unit in self.units.items():
                if unit.level == "county" and unit.parent == city:
                    for township in self.gazetteer.townships_in(code):
                        short = getattr(township, "short_name", "") or ""
                        admin = any(p.kind != "township" for p in self.gazetteer.lookup(short))
                        if len(short) >= 2 and not admin:
                            pairs.append((short, township))
            self._townships_by_city[city] = pairs
        return self._townships_by_city[city]

    def _is_city_plan(self, project: Project) -> bool:
        unit = self.units.get(project.region_adcode or "")
        return unit is not None and unit.level == "city"

    # ------------------------------------------------------------------ mentions

    def _find(self, text: str) -> list:
        try:
            return list(self.gazetteer.find(text))
        except Exception:  # a gazetteer without find
            return []

    def _candidates(self, mention: str) -> list:
        cands = list(self.gazetteer.lookup(mention))
        if not cands and not mention.endswith(TOWNSHIP_SUFFIXES):
            for suffix in TOWNSHIP_SUFFIXES:
                cands += [p for p in self.gazetteer.lookup(mention + suffix) if p.kind == "township"]
        if not cands:
            # the longest known place inside the mention (`烟台港西港区` inside `烟台港西港区LNG`)
            matches = sorted(self._find(mention), key=lambda m: (-(m.end - m.start), m.start))
            if matches and matches[0].end - matches[0].start >= 2:
                cands = list(matches[0].candidates)
        return _dedupe([c for c in cands if _in_shandong(c)])

    def _resolve_mentions(self, mentions: list[tuple[str, list | None]], project: Project):
        """Each mention -> one place, or a problem. Returns ([_Pick], [Unresolved])."""
        problems: list[Unresolved] = []
        cands: dict[str, list] = {}
        for text, given in mentions:
            text = text.strip()
            if text in cands:
                continue
            other = _outside_shandong(text)
            if other:
                problems.append(self._problem(project, text, f"{REASON_OUTSIDE}（{other}）"))
                continue
            found = (
                _dedupe([c for c in given if _in_shandong(c)])
                if given is not None
                else self._candidates(text)
            )
            if not found:
                problems.append(self._problem(project, text, REASON_UNKNOWN))
                continue
            cands[text] = found
        region = project.region_adcode
        picks: dict[str, Any] = {}
        # pass 1: names with a single candidate after narrowing by region fix the context
        for text, cs in cands.items():
            narrowed = self._narrow(text, cs, region, context=())
            if len(narrowed) == 1:
                picks[text] = narrowed[0]
        context = tuple(self._admin_code(p) for p in picks.values() if p.kind in ADMIN_KINDS)
        # pass 2: the rest, narrowed by the places fixed in pass 1
        for text, cs in cands.items():
            if text in picks:
                continue
            narrowed = self._narrow(text, cs, region, context=context)
            if len(narrowed) == 1:
                picks[text] = narrowed[0]
            else:
                problems.append(self._problem(project, text, self._ambiguity(narrowed)))
        # a bare township name is trusted inside the plan's own region, or next to its county; elsewhere it is
        # more likely a namesake (a substation, a company) than that township
        admin_ctx = [self._admin_code(p) for p in picks.values() if p.kind in ADMIN_KINDS]
        for text, p in list(picks.items()):
            if p.kind != "township" or not region or region == PROVINCE_ADCODE or _within(p, region):
                continue
            if any(a and _within(p, a) for a in admin_ctx):
                continue
            del picks[text]
            county = self.units.get(_county_code(p) or "")
            where = (
                f"{self.units[county.parent].name}{county.name}"
                if county and county.parent in self.units
                else "?"
            )
            problems.append(self._problem(project, text, f"{p.name}（{where}）{REASON_NAMESAKE}"))
        out = [_Pick(text, p, self._precision(p)) for text, p in picks.items()]
        return out, problems

    def _narrow(self, text: str, cs: list, region: str | None, context: tuple) -> list:
        if len(cs) <= 1:
            return cs
        if context:
            inside = [c for c in cs if any(_within(c, a) for a in context if a)]
            if inside:
                cs = inside
        if len(cs) > 1 and region and region != PROVINCE_ADCODE:
            inside = [c for c in cs if _within(c, region)]
            if inside:
                cs = inside
        if len(cs) > 1 and not text.endswith(TOWNSHIP_SUFFIXES):
            admin = [c for c in cs if c.kind in ADMIN_KINDS]
            if admin:
                cs = admin
            # 东营 -> 东营市 and 东营区: a city and its own district share the short name; the city is meant
            cities = [c for c in cs if c.kind == "city"]
            if len(cities) == 1 and all(c is cities[0] or _within(c, cities[0].adcode) for c in cs):
                cs = cities

        # 金乡 -> 金乡县 and 金乡街道 inside it: the county and its own seat share the short name (金乡 ends in 乡)
        counties = [c for c in cs if c.kind == "county"]
        if len(cs) > 1 and len(counties) == 1:
            county = counties[0]
            if all(c is county or (_within(c, county.adcode) and c.name != text) for c in cs):
                cs = counties
        if len(cs) > 1:  # the same unit reached twice (a name and an alias of one place)
            units = {(self._precision(c), self._admin_code(c), c.name) for c in cs}
            if len(units) == 1:
                cs = cs[:1]
        return cs

    def _ambiguity(self, cs: list) -> str:
        cities = []
        for c in cs:
            code = _city_code(c)
            name = self.units[code].name if code in self.units else (code or "?")
            if name not in cities:
                cities.append(name)
        where = "、".join(cities)
        if len(cities) > 1:
            return f"地名有歧义：{len(cs)}处同名地点分属{where}"
        return f"地名有歧义：{where}内有{len(cs)}处同名地点（{'、'.join(self._label(c) for c in cs[:6])}）"

    def _from_quote(self, project: Project) -> list[_Pick]:
        """Places in the quoted sentence before the project's name, used only when they all agree on one county
        (or one city). Places after the name belong to the items listed after it (`实施甲电厂、乙县丙热电等`)."""
        quote = project.quote if project.spans else ""
        at = quote.find(project.name[:4])
        matches = [m for m in self._find(quote) if at < 0 or m.end <= at]
        picks, problems = self._resolve_mentions([(m.text, list(m.candidates)) for m in matches], project)
        if problems or not picks:
            return []
        counties = {_county_code(p.place) for p in picks}
        cities = {_city_code(p.place) for p in picks}
        if len(counties) == 1 and None not in counties:
            code = counties.pop()
            return [_Pick(p.mention, p.place, "county") for p in picks if _county_code(p.place) == code][:1]
        if len(cities) == 1 and None not in cities:
            best = min(picks, key=lambda p: PRECISION_RANK[p.precision])
            if best.place.kind == "city":
                return [best]
        return []

    # ------------------------------------------------------------------ choosing and placing

    def _precision(self, place) -> str:
        kind = place.kind
        if kind in ("province", "city", "county", "township"):
            return kind
        if kind in ("region", "offshore_zone"):
            return "region"
        # a port or park spanning several counties (日照港: 石臼 in 东港区, 岚山 in 岚山区) is known to its city
        counties = {m for m in _members(place) if not m.endswith("00")}
        if len(counties) > 1:
            return "city" if len({m[:4] for m in counties}) == 1 else "region"
        prec = getattr(place, "precision", None) or ""
        if prec == "site" and getattr(place, "lon", None) is None:
            prec = ""  # no coordinates: never a site
        if prec in PRECISION_RANK:
            return prec
        if _county_code(place):
            return "county"
        if _city_code(place):
            return "city"
        return "region" if _members(place) else "province"

    def _admin_code(self, place) -> str | None:
        if place.kind in ADMIN_KINDS:
            return place.adcode
        return _county_code(place) or _city_code(place)

    def _locate_picks(self, picks: list[_Pick], project: Project, offshore: bool):
        """The most precise pick consistent with the coarser admin units mentioned."""
        problems: list[Unresolved] = []
        picks = sorted(picks, key=lambda p: PRECISION_RANK[p.precision])
        coarse_admin = [p for p in picks if p.place.kind in ("county", "city")]
        consistent = []
        for p in picks:
            bad = [
                c
                for c in coarse_admin
                if PRECISION_RANK[c.precision] > PRECISION_RANK[p.precision]
                and not _within(p.place, c.place.adcode)
            ]
            if bad:
                problems.append(
                    self._problem(
                        project, p.mention, f"{self._label(p.place)}不在{bad[0].place.name}境内：不采用"
                    )
                )
            else:
                consistent.append(p)
        if not consistent:
            return None, problems
        rank = PRECISION_RANK[consistent[0].precision]
        group = [p for p in consistent if PRECISION_RANK[p.precision] == rank]
        distinct = {}
        for p in group:
            distinct.setdefault(self._unit_key(p), p)
        group = list(distinct.values())
        if len(group) == 1:
            loc, problem = self._place_location(group[0], project, offshore)
        else:
            loc, problem = self._spanning_location(group, project, offshore)
        if problem:
            problems.append(problem)
        return loc, problems

    def _label(self, place) -> str:
        """A place as a note names it: an admin unit by its name, others with their kind and county."""
        if place.kind in ADMIN_KINDS:
            return place.name
        code = _county_code(place)
        county = self.units[code].name if code in self.units else code
        return (
            f"{place.name}（{_kind_zh(place)}，{county}）" if county else f"{place.name}（{_kind_zh(place)}）"
        )

    def _unit_key(self, pick: _Pick):
        p = pick.place
        if pick.precision in ("township", "region", "site"):
            return (pick.precision, p.name, _county_code(p))
        return (pick.precision, self._admin_code(p))

    def _place_location(self, pick: _Pick, project: Project, offshore: bool):
        place = pick.place
        kind = place.kind
        prec = pick.precision
        if kind == "offshore_zone":
            return self._zone_location(pick, project)
        if prec == "region":
            return self._region_location(pick, project, offshore)
        if prec == "site":
            return self._site_location(pick, project, offshore)
        code = {"province": PROVINCE_ADCODE}.get(prec) or (
            _county_code(place) if prec in ("county", "township") else _city_code(place)
        )
        if prec == "township" and not _county_code(place):
            return None, self._problem(project, pick.mention, f"{place.name}：乡镇缺少所属区县代码")
        unit = self.units.get(code or "")
        if unit is None:
            return None, self._problem(project, pick.mention, f"{self._label(place)}：缺少{code}的边界")
        township = place.name if prec == "township" else None
        spanned = [self.units[m].name for m in _members(place) if not m.endswith("00") and m in self.units]
        if place.kind in ADMIN_KINDS:
            what = ""  # the unit itself: the note names it
        elif prec == "township":
            what = f"{unit.name}{place.name}"
        elif len(spanned) > 1:
            what = f"{place.name}（{_kind_zh(place)}）跨{'、'.join(spanned)}"
        else:
            what = f"{place.name}（{_kind_zh(place)}）位于{unit.name}"
        if offshore:
            return self._offshore_at(unit, project, pick.mention, what, prec, township)
        if prec == "township":
            note = f"仅知到乡镇（{what}）：乡镇无坐标，{_rep_point(unit.name)}"
        elif kind in ADMIN_KINDS:
            former = pick.mention not in (place.name, place.short_name, unit.name, unit.short_name)
            renamed = f"（文中“{pick.mention}”今属{unit.name}）" if former and place.note else ""
            note = f"仅知到{LEVEL_ZH.get(prec, prec)}{renamed}：{_rep_point(unit.name)}"
        else:
            note = f"{what}：{_rep_point(unit.name)}"
        return self._location(unit, prec, unit.lon, unit.lat, township=township, note=note), None

    def _site_location(self, pick: _Pick, project: Project, offshore: bool):
        import shapely

        place = pick.place
        lon, lat = float(place.lon), float(place.lat)
        unit = self.units.get(_county_code(place) or "")
        if unit is None or not unit.geom.contains(shapely.Point(lon, lat)):
            return self._place_location(_Pick(pick.mention, place, "county"), project, offshore)
        note = f"{place.name}：场址坐标取自地名库（来源：{getattr(place, 'source', '') or '未注明'}）"
        return self._location(unit, "site", lon, lat, note=note), None

    def _location(self, unit: _Unit, precision: str, lon: float, lat: float, **kw) -> Location:
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

    def _spanning_location(self, group: list[_Pick], project: Project, offshore: bool):
        """Several distinct places at the same precision: their common admin unit, or the first one."""
        names = "、".join(self._label(p.place) for p in group)
        counties = {_county_code(p.place) for p in group}
        cities = {_city_code(p.place) for p in group}
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
            loc, problem = self._place_location(group[0], project, offshore)
            if loc is not None:
                loc.precision = "region"
                loc.city = loc.city_adcode = loc.county = loc.county_adcode = loc.township = None
                first = self._label(group[0].place)
                loc.note = f"涉及{names}，分属不同城市，按{first}定位；" + (loc.note or "")
            return loc, problem
        if offshore:
            return self._offshore_at(unit, project, group[0].mention, f"涉及{names}", prec, None)
        note = f"涉及{names}：{_rep_point(unit.name)}"
        return self._location(unit, prec, unit.lon, unit.lat, note=note), None

    def _region_location(self, pick: _Pick, project: Project, offshore: bool):
        place = pick.place
        members = [m for m in _members(place) if m in self.units]
        if not members:
            code = _county_code(place) or _city_code(place)
            if code and code in self.units:
                members = [code]
        if not members:
            return None, self._problem(project, pick.mention, f"{place.name}：区域未列出所含行政单位")
        member_names = "、".join(self.units[m].name for m in members)
        region = project.region_adcode
        local = [m for m in members if region and region != PROVINCE_ADCODE and _code_within(m, region)]
        if local:
            unit = self.units[local[0]] if len(local) == 1 else self.units.get(region) or self.units[local[0]]
            why = f"本方案所在的{unit.name}"
        else:
            unit = max((self.units[m] for m in members), key=_area)
            why = f"其中面积最大的{unit.name}"
        if offshore:
            return self._offshore_at(
                unit, project, pick.mention, f"区域{place.name}（{member_names}）", "region", None
            )
        note = f"区域{place.name}涵盖{member_names}：点位取{why}代表点，{NOT_THE_SITE}"
        single_city = {self.units[m].city for m in members}
        loc = self._location(unit, "region", unit.lon, unit.lat, note=note)
        if not local:
            # the point lies in one member; the project belongs to all of them
            loc.county = loc.county_adcode = None
            if len(single_city) != 1:
                loc.city = loc.city_adcode = None
        return loc, None

    def _zone_location(self, pick: _Pick, project: Project):
        place = pick.place
        members = [m for m in _members(place) if m in self.units]
        if not members:
            code = _county_code(place) or _city_code(place)
            members = [code] if code in self.units else []
        if not members:
            return None, self._problem(project, pick.mention, f"{place.name}：海上片区未列出沿海区县")
        member_names = "、".join(self.units[m].name for m in members)
        zone = f"海上片区{place.name}（{member_names}近海）"
        note = f"海上片区{place.name}：{member_names}近海的示意点位，{NOT_AT_SEA_SITE}"
        # a city plan's project in a zone is placed off the zone's coast in that city (渤中 in 东营's plan)
        region = project.region_adcode
        local = [m for m in members if region and region != PROVINCE_ADCODE and _code_within(m, region)]
        point = self.zone_sea_point(local) if local else None
        if point is not None:
            note = f"{zone}：取其中本方案所在城市部分近海的示意点位，{NOT_AT_SEA_SITE}"
            members = local
        else:
            point = self.zone_sea_point(members)
        if point is None:
            return None, self._problem(project, pick.mention, f"{place.name}：所列区县均无海岸线")
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

    def _offshore_at(self, unit: _Unit, project: Project, mention: str, what: str, prec: str, township):
        point = self.sea_point(unit.adcode)
        if point is None:
            return None, self._problem(project, mention, f"海上项目，但{unit.name}无海岸线，无法置于其近海")
        if prec == "township":
            prec = "county"  # the point is off the county's coast; the township keeps its name
        loc = self._location(unit, prec, point[0], point[1], township=township, offshore=True)
        sea = f"海上项目：{unit.name}近海的示意点位，{NOT_AT_SEA_SITE}"
        loc.note = f"{what}；{sea}" if what else sea
        return loc, None

    def _no_place(
        self, project: Project, offshore: bool, problems: list[Unresolved] | None = None
    ) -> Resolution:
        """The plan's own region for a project with no usable place: precision `city` (or `province`), and
        an unresolved row saying so. ``problems``: the named places that could not be resolved (unknown)."""
        problems = list(problems or [])
        region = project.region_adcode
        unit = self.units.get(region or "")
        if unit is None:
            reason = "文中未指明地点，且本方案所属地区不明"
            return Resolution(None, problems or [self._problem(project, "", reason)])
        by_plan = f"按本方案所属{'省份' if unit.level == 'province' else '城市'}{unit.name}定位"
        if problems:
            names = "".join(f"“{p.mention}”" for p in problems if p.mention)
            rows = [Unresolved(p.source, p.project, p.mention, f"{p.reason}；已{by_plan}") for p in problems]
            note = f"{names}未能定位：{by_plan}"
        else:
            below = "市以下地点" if unit.level == "city" else "地点（省级方案）"
            rows = [self._problem(project, "", f"文中未指明{below}；已{by_plan}")]
            note = f"文中未指明地点：{by_plan}"
        if offshore:
            loc, problem = self._offshore_at(unit, project, "", note.replace("：", "，"), unit.level, None)
            if loc is None:
                return Resolution(None, [*problems, problem])
            rows = [
                Unresolved(r.source, r.project, r.mention, r.reason + "（海上项目，置于其近海）")
                for r in rows
            ]
            return Resolution(loc, rows)
        loc = self._location(unit, unit.level, unit.lon, unit.lat, note=note)
        return Resolution(loc, rows)

    def _resolve_line(self, project: Project, offshore: bool) -> Resolution:
        import shapely

        a, b = (_clean_end(e) for e in project.line_ends)  # type: ignore[union-attr]
        # the ends are resolved together with the project's other places, which narrow them (沾化区 ... 富国)
        others = [m.strip() for m in project.places if m and m.strip() and m.strip() not in (a, b)]
        picks, probs = self._resolve_mentions([(a, None), (b, None)] + [(m, None) for m in others], project)
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
            la.note = f"线路{a}—{b}两端均在{unit}：{_rep_point(unit)}"
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
            note=f"线路{_end_label(a, la)}—{_end_label(b, lb)}：两端代表点间的直线示意，非实际走向",
        )
        return Resolution(loc, problems)

    @staticmethod
    def _problem(project: Project, mention: str, reason: str) -> Unresolved:
        return Unresolved(source=project.source, project=project.name, mention=mention, reason=reason)

    # ------------------------------------------------------------------ sea

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
        other = np.array([self._county_codes[g] not in own for g in igeom], dtype=bool)
        inner = np.zeros(len(pts), dtype=bool)
        inner[ipt[other]] = True
        if self.neighbour_land is not None:
            inner |= shapely.dwithin(self.neighbour_land, pts, COAST_NEIGHBOUR_TOL_DEG)
        result = coords[~inner]
        self._coast_cache[adcode] = result
        return result

    def _members_of(self, unit: _Unit) -> set[str]:
        if unit.level == "county":
            return {unit.adcode}
        if unit.level == "city":
            return {c for c in self._county_codes if self.units[c].parent == unit.adcode}
        return set(self._county_codes)

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
        return self._county_codes[int(idx[0])]

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


# ---------------------------------------------------------------------- helpers on gazetteer places


def load_neighbour_land():
    """Land of Shandong's neighbouring provinces near its borders (see scripts/make_neighbour_land.py)."""
    import shapely
    from shapely.geometry import shape

    if not NEIGHBOUR_LAND.exists():
        return None
    data = json.loads(NEIGHBOUR_LAND.read_text(encoding="utf-8"))
    return shapely.union_all([shape(f["geometry"]) for f in data["features"]])


def _soft(problem: Unresolved) -> bool:
    """A problem that still lets the project sit at the plan's own city: the name is simply unknown, or a
    township namesake outside the plan's region."""
    return problem.reason.startswith(REASON_UNKNOWN) or problem.reason.endswith(REASON_NAMESAKE)


def _clean_end(end: str) -> str:
    """A line end as the extractor cut it, without voltage debris: `千伏富国` -> `富国`."""
    end = end.strip()
    return re.sub(r"^(?:[±\d.]*\s*(?:千伏|kV|KV|kv))", "", end).strip() or end


def _members(place) -> list[str]:
    return [str(m) for m in (getattr(place, "member_adcodes", None) or ()) if m]


def _county_code(place) -> str | None:
    code = getattr(place, "county_adcode", None)
    if code:
        return str(code)
    if place.kind == "county":
        return str(place.adcode)
    return None


def _city_code(place) -> str | None:
    code = getattr(place, "city_adcode", None)
    if code:
        return str(code)
    if place.kind == "city":
        return str(place.adcode)
    county = _county_code(place)
    if county:
        return county[:4] + "00"
    members = _members(place)
    cities = {m[:4] + "00" for m in members}
    if len(cities) == 1:
        return cities.pop()
    return None


def _codes(place) -> list[str]:
    codes = [getattr(place, "adcode", None), _county_code(place), _city_code(place), *_members(place)]
    return [str(c) for c in codes if c]


def _in_shandong(place) -> bool:
    codes = _codes(place)
    return not codes or any(c.startswith("37") for c in codes)


def _code_within(code: str, region: str) -> bool:
    """Is admin code ``code`` inside (or equal to) admin region ``region``?"""
    if region == PROVINCE_ADCODE:
        return code.startswith("37")
    if region.endswith("00"):  # a city
        return code[:4] == region[:4]
    return code == region


def _within(place, region: str) -> bool:
    """Does the place lie in admin unit ``region`` (province, city or county code)?"""
    if not region:
        return False
    if place.kind == "province":
        return region == PROVINCE_ADCODE
    primary = str(place.adcode) if place.kind in ADMIN_KINDS else (_county_code(place) or None)
    if primary is None and not _members(place):
        primary = _city_code(place)
    if primary:
        return _code_within(primary, region)
    return any(_code_within(m, region) for m in _members(place))


def _dedupe(cands: list) -> list:
    seen, out = set(), []
    for c in cands:
        key = (c.kind, getattr(c, "adcode", None), c.name, _county_code(c))
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _kind_zh(place) -> str:
    return KIND_ZH.get(place.kind, place.kind.replace("_", " "))


def _end_label(end: str, loc: Location) -> str:
    """A line end with the unit it was placed in, unless the end is that unit's full name (`莒县`)."""
    unit = loc.county or loc.city or PROVINCE_NAME
    return end if unit == end else f"{end}（{unit}）"


def _rep_point(unit_name: str) -> str:
    """The closing phrase of a note for a point at a unit's representative point."""
    return f"点位为{unit_name}代表点，{NOT_THE_SITE}"


def _area(unit: _Unit) -> float:
    return float(unit.geom.area) * math.cos(math.radians(unit.lat))

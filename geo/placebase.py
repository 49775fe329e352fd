"""What the geocoder's steps share: precision levels, the admin units, a resolved pick, problems and notes,
and the codes and containment of gazetteer places."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from geo import PROVINCE_ADCODE
from geo.model import Location, Project, Unresolved

PRECISION_RANK = {"site": 0, "township": 1, "county": 2, "city": 3, "region": 4, "province": 5}
ADMIN_KINDS = ("province", "city", "county")
PROVINCE_NAME = "山东省"

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
class Unit:
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
class Pick:
    """A mention resolved to one gazetteer place."""

    mention: str
    place: Any
    precision: str


def make_problem(project: Project, mention: str, reason: str) -> Unresolved:
    return Unresolved(source=project.source, project=project.name, mention=mention, reason=reason)


def label(units: dict, place) -> str:
    """A place as a note names it: an admin unit by its name, others with their kind and county."""
    if place.kind in ADMIN_KINDS:
        return place.name
    code = county_code(place)
    county = units[code].name if code in units else code
    return f"{place.name}（{kind_zh(place)}，{county}）" if county else f"{place.name}（{kind_zh(place)}）"


def ambiguity(units: dict, cs: list) -> str:
    cities = []
    for c in cs:
        code = city_code(c)
        name = units[code].name if code in units else (code or "?")
        if name not in cities:
            cities.append(name)
    where = "、".join(cities)
    if len(cities) > 1:
        return f"地名有歧义：{len(cs)}处同名地点分属{where}"
    return f"地名有歧义：{where}内有{len(cs)}处同名地点（{'、'.join(label(units, c) for c in cs[:6])}）"


def is_soft(problem: Unresolved) -> bool:
    """A problem that still lets the project sit at the plan's own city: the name is simply unknown, or a
    township namesake outside the plan's region."""
    return problem.reason.startswith(REASON_UNKNOWN) or problem.reason.endswith(REASON_NAMESAKE)


def clean_end(end: str) -> str:
    """A line end as the extractor cut it, without voltage debris: `千伏富国` -> `富国`."""
    end = end.strip()
    return re.sub(r"^(?:[±\d.]*\s*(?:千伏|kV|KV|kv))", "", end).strip() or end


def member_codes(place) -> list[str]:
    return [str(m) for m in (getattr(place, "member_adcodes", None) or ()) if m]


def county_code(place) -> str | None:
    code = getattr(place, "county_adcode", None)
    if code:
        return str(code)
    if place.kind == "county":
        return str(place.adcode)
    return None


def city_code(place) -> str | None:
    code = getattr(place, "city_adcode", None)
    if code:
        return str(code)
    if place.kind == "city":
        return str(place.adcode)
    county = county_code(place)
    if county:
        return county[:4] + "00"
    members = member_codes(place)
    cities = {m[:4] + "00" for m in members}
    if len(cities) == 1:
        return cities.pop()
    return None


def place_codes(place) -> list[str]:
    codes = [getattr(place, "adcode", None), county_code(place), city_code(place), *member_codes(place)]
    return [str(c) for c in codes if c]


def in_shandong(place) -> bool:
    codes = place_codes(place)
    return not codes or any(c.startswith("37") for c in codes)


def code_within(code: str, region: str) -> bool:
    """Is admin code ``code`` inside (or equal to) admin region ``region``?"""
    if region == PROVINCE_ADCODE:
        return code.startswith("37")
    if region.endswith("00"):  # a city
        return code[:4] == region[:4]
    return code == region


def within(place, region: str) -> bool:
    """Does the place lie in admin unit ``region`` (province, city or county code)?"""
    if not region:
        return False
    if place.kind == "province":
        return region == PROVINCE_ADCODE
    primary = str(place.adcode) if place.kind in ADMIN_KINDS else (county_code(place) or None)
    if primary is None and not member_codes(place):
        primary = city_code(place)
    if primary:
        return code_within(primary, region)
    return any(code_within(m, region) for m in member_codes(place))


def dedupe(cands: list) -> list:
    seen, out = set(), []
    for c in cands:
        key = (c.kind, getattr(c, "adcode", None), c.name, county_code(c))
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def kind_zh(place) -> str:
    return KIND_ZH.get(place.kind, place.kind.replace("_", " "))


def end_label(end: str, loc: Location) -> str:
    """A line end with the unit it was placed in, unless the end is that unit's full name (`莒县`)."""
    unit = loc.county or loc.city or PROVINCE_NAME
    return end if unit == end else f"{end}（{unit}）"


def rep_point(unit_name: str) -> str:
    """The closing phrase of a note for a point at a unit's representative point."""
    return f"点位为{unit_name}代表点，{NOT_THE_SITE}"


def area(unit: Unit) -> float:
    return float(unit.geom.area) * math.cos(math.radians(unit.lat))


def precision_of(place) -> str:
    """The precision a resolved place gives a project."""
    kind = place.kind
    if kind in ("province", "city", "county", "township"):
        return kind
    if kind in ("region", "offshore_zone"):
        return "region"
    # a port or park spanning several counties (日照港: 石臼 in 东港区, 岚山 in 岚山区) is known to its city
    counties = {m for m in member_codes(place) if not m.endswith("00")}
    if len(counties) > 1:
        return "city" if len({m[:4] for m in counties}) == 1 else "region"
    prec = getattr(place, "precision", None) or ""
    if prec == "site" and getattr(place, "lon", None) is None:
        prec = ""  # no coordinates: never a site
    if prec in PRECISION_RANK:
        return prec
    if county_code(place):
        return "county"
    if city_code(place):
        return "city"
    return "region" if member_codes(place) else "province"


def admin_code(place) -> str | None:
    if place.kind in ADMIN_KINDS:
        return place.adcode
    return county_code(place) or city_code(place)

"""Gazetteer of Shandong: names -> places (admin units, townships and a small table of named places).

The tables and the Place a row becomes are in geo.gazetteer_tables; the township table is built by
geo.gazetteer_townships. `Gazetteer.default()` loads the committed tables once per process.

Typical use by the geocoder::

    gaz = Gazetteer.default()
    for m in gaz.find("莒县洛河、长岭、库山集中式光伏项目"):
        m.candidates                       # (Place(name='莒县', kind='county', adcode='371122', ...),)
    gaz.townships_in("371122")            # the county's townships, to read 洛河、长岭、库山 after 莒县
    gaz.disambiguate(gaz.lookup("市中区"), "370400")   # -> [枣庄 市中区]

Nothing here touches the network. `find` does not match bare short township names (洛河, 长岭) because they
collide with ordinary words; the caller reads them only right after a county mention, with `townships_in`.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from geo import PROVINCE_ADCODE
from geo.gazetteer_tables import (
    ADMIN_UNITS_CSV,
    FORMER_SHORT,
    FORMER_UNITS,
    KINDS,
    PLACES_CSV,
    TOWNSHIPS_CSV,
    Place,
    read_rows,
)


@dataclass(frozen=True)
class Match:
    """A place name found in a text: `text[start:end] == surface`; `candidates` best first.

    Candidates are ordered: matched by full name before alias/short name; then province, city, county,
    place-table rows, townships."""

    start: int
    end: int
    surface: str
    candidates: tuple[Place, ...]

    @property
    def text(self) -> str:  # alias of `surface`
        return self.surface


# --------------------------------------------------------------------------------------------------------------
# Short names that are also ordinary words: `find` keeps such a match only in a list of places (chained to another
# admin-unit match by 、/，/和/与/及) or before 等县/等区/等市. Chosen from two measurements (see GAZETTEER.md):
# short names that are entries of jionlp's general word dictionary or frequent words of its IDF table
# (平原 idf 6.1, 河口 7.3, 河东 8.1, 泰山 8.3, 牡丹 8.6 ...), and matches on the seed plans (河口: 7 of 7 were
# 黄河口 / 河口海湾, not 河口区). City short names are never weak.
WEAK_SHORT_NAMES: frozenset[str] = frozenset(
    {
        "平原",  # 平原县; "平原地区"
        "河口",  # 河口区; "黄河口", "河口海湾"
        "河东",  # 河东区; "黄河东岸"
        "天桥",  # 天桥区; "过街天桥"
        "牡丹",  # 牡丹区; the flower
        "泰山",  # 泰山区; the mountain
        "梁山",  # 梁山县; the mountain
        "惠民",  # 惠民县; "惠民政策"
        "庆云",  # 庆云县; "庆云" (auspicious cloud)
        "嘉祥",  # 嘉祥县; "嘉祥" (auspicious)
        "沾化",  # 沾化区
        "昌乐",  # 昌乐县
        "阳谷",  # 阳谷县
        "东明",  # 东明县
        "市南",  # 市南区; "全市南部"
        "市北",  # 市北区; "全市北部"
        "高青",  # 高青县; "提高青年"
        "东港",  # 东港区; "广东港"
    }
)
# Township full names that are also generic words (古城镇 "old town", 温泉镇 "spa town"): kept out of `find`,
# still in `lookup` and `townships_in`.
GENERIC_TOWNSHIP_NAMES: frozenset[str] = frozenset(
    {"古城镇", "温泉镇", "新城镇", "老城镇", "码头镇", "口镇", "新市镇"}
)
# A short-name match followed by one of these is not the place: 日照时数 (sunshine hours), 高密度, 海滨城市.
NOT_PLACE_BEFORE: dict[str, tuple[str, ...]] = {
    "日照": ("时", "小时", "资源", "条件", "充足", "强度", "辐射", "率", "数", "量", "丰富", "好"),
    "高密": ("度",),
    "滨城": ("市", "镇"),
    "莱芜": ("荒",),
}

_LIST_SEP = re.compile(r"^[、，,/和与及或\s]{0,2}$")
_ETC_UNITS = re.compile(r"等?(县市区|区县|县区|县市|市县|区市|县|区|市)")

_KIND_RANK = {k: i for i, k in enumerate(KINDS)}
_KIND_RANK.update({"township": 99})
_VIA_RANK = {"name": 0, "alias": 1, "short": 2}


def _split(value: str | None, sep: str = "|") -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(v.strip() for v in str(value).split(sep) if v.strip())


def _none(value) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


def _unit_place(row: dict) -> Place | None:
    """The Place of an admin_units.csv row (province, city or county), None for any other level."""
    level = row["level"]
    if level not in ("province", "city", "county"):
        return None
    code = str(row["adcode"])
    county = code if level == "county" else None
    city = {"city": code, "county": _none(row.get("parent_adcode"))}.get(level)
    return Place(
        row["name"], level, code, county, city, level, (), "admin_units.csv", "", row.get("short_name") or ""
    )


class _NameIndex:
    """name -> {Place: (via rank, kind rank)}, the best rank kept: `lookup` for Gazetteer.lookup, `findable` for
    Gazetteer.find (no bare short township names, no generic township names)."""

    def __init__(self) -> None:
        self.lookup: dict[str, dict[Place, tuple[int, int]]] = defaultdict(dict)
        self.findable: dict[str, dict[Place, tuple[int, int]]] = defaultdict(dict)

    def add(self, name: str, place: Place, via: str, find_ok: bool = True) -> None:
        if not name:
            return
        key = (_VIA_RANK[via], _KIND_RANK.get(place.kind, 50))
        for index in (self.lookup, self.findable) if find_ok else (self.lookup,):
            old = index[name].get(place)
            if old is None or key < old:
                index[name][place] = key

    @staticmethod
    def frozen(index: dict[str, dict[Place, tuple[int, int]]]) -> dict[str, tuple[Place, ...]]:
        """Each name's places, best first: by rank, then code, then name."""

        def order(item):
            p, rank = item
            return (rank, p.adcode or p.county_adcode or p.city_adcode or "~", p.name)

        return {name: tuple(p for p, _ in sorted(d.items(), key=order)) for name, d in index.items()}


class Gazetteer:
    """Names -> places, with all candidates for ambiguous names.

    Build with `Gazetteer.default()` (cached; reads the three tables in `layers/`) or
    `Gazetteer.from_files(admin_csv, townships_csv, places_csv)`."""

    def __init__(self, admin_rows: list[dict], township_rows: list[dict], place_rows: list[dict]):
        self.province: Place | None = None
        self._units: dict[str, Place] = {}
        self._townships_by_county: dict[str, list[Place]] = defaultdict(list)
        self.places: list[Place] = []
        names = _NameIndex()
        self._add_units(admin_rows, names)
        self._add_former_names(names)
        self._add_townships(township_rows, names)
        self._add_places(place_rows, names)
        self._lookup: dict[str, tuple[Place, ...]] = names.frozen(names.lookup)
        self._find: dict[str, tuple[Place, ...]] = names.frozen(names.findable)
        # names findable only in context: short names (not full names, not aliases) listed as weak
        self._weak: set[str] = {
            n for n in self._find if n in WEAK_SHORT_NAMES and all(n != p.name for p in self._find[n])
        }
        # first char -> name lengths, longest first
        lengths: dict[str, set[int]] = defaultdict(set)
        for name in self._find:
            lengths[name[0]].add(len(name))
        self._lengths = {c: tuple(sorted(ls, reverse=True)) for c, ls in lengths.items()}

    def _add_units(self, admin_rows: list[dict], names: _NameIndex) -> None:
        for r in admin_rows:
            p = _unit_place(r)
            if p is None:
                continue
            if p.kind == "province":
                self.province = p
            self._units[p.adcode] = p
            names.add(p.name, p, "name")
            if p.short_name and p.short_name != p.name:
                names.add(p.short_name, p, "short")

    def _add_former_names(self, names: _NameIndex) -> None:
        """Former names as aliases of the units they became ("长岛" -> 蓬莱区 with a note)."""
        former_by_name = {}
        for old_name, _old, new_codes, _year, note in FORMER_UNITS:
            targets = [self._units[c] for c in new_codes if c in self._units]
            former_by_name[old_name] = (targets, note)
            for t in targets:
                if old_name != t.name:
                    names.add(old_name, replace(t, note=note), "alias")
        for short, full in FORMER_SHORT.items():
            targets, note = former_by_name.get(full, ([], ""))
            for t in targets:
                names.add(short, replace(t, note=note), "alias")

    def _add_townships(self, township_rows: list[dict], names: _NameIndex) -> None:
        for r in township_rows:
            county = self._units.get(str(r["county_adcode"]))
            city = str(r.get("city_adcode") or (county.city_adcode if county else "")) or None
            p = Place(
                r["name"],
                "township",
                None,
                str(r["county_adcode"]),
                city,
                "township",
                (),
                r.get("source", ""),
                r.get("note", "") or "",
                r.get("short_name", "") or "",
            )
            self._townships_by_county[p.county_adcode].append(p)
            names.add(p.name, p, "name", find_ok=p.name not in GENERIC_TOWNSHIP_NAMES)
            if p.short_name and p.short_name != p.name:
                names.add(p.short_name, p, "short", find_ok=False)

    def _add_places(self, place_rows: list[dict], names: _NameIndex) -> None:
        for r in place_rows:
            p = Place(
                r["name"],
                r["kind"],
                None,
                _none(r.get("county_adcode")),
                _none(r.get("city_adcode")),
                r["precision"],
                _split(r.get("member_adcodes")),
                r.get("source", ""),
                r.get("note", "") or "",
            )
            self.places.append(p)
            names.add(p.name, p, "name")
            for alias in _split(r.get("aliases")):
                names.add(alias, p, "alias")

    # ---------------------------------------------------------------------------------------------------------
    @classmethod
    def from_files(
        cls,
        admin_csv: str | Path = ADMIN_UNITS_CSV,
        townships_csv: str | Path | None = TOWNSHIPS_CSV,
        places_csv: str | Path | None = PLACES_CSV,
    ) -> Gazetteer:
        def read(path):
            return [] if path is None or not Path(path).exists() else read_rows(path)

        if not Path(admin_csv).exists():
            raise FileNotFoundError(f"{admin_csv} is missing: run `python -m geo layers` first")
        return cls(read(admin_csv), read(townships_csv), read(places_csv))

    @classmethod
    def default(cls) -> Gazetteer:
        """The gazetteer of the committed tables in `layers/` (loaded once per process)."""
        return _default()

    # ---------------------------------------------------------------------------------------------------------
    def lookup(self, name: str) -> list[Place]:
        """Every place called `name` (full name, short name, alias or former name), best match first.

        Ambiguous names return all candidates: 市中区 -> 济南 and 枣庄; 城阳 -> 城阳区 and 莒县 城阳街道;
        高新区 -> every city's 高新区. Unknown names return []."""
        return list(self._lookup.get(name.strip(), ()))

    def __contains__(self, name: str) -> bool:
        return name.strip() in self._lookup

    def names(self) -> list[str]:
        """All names `lookup` knows."""
        return list(self._lookup)

    def find(self, text: str) -> list[Match]:
        """Non-overlapping, leftmost-longest place mentions in `text`.

        Matches full names of every unit and township, short names of cities and counties, former names, and
        the place table's names and aliases. Not bare short township names (use `townships_in` after a county
        mention). Short county names that are ordinary words (WEAK_SHORT_NAMES: 平原, 河口, 东港 ...) are kept
        only in a list of places chained to another admin unit (河口、垦利), before 等县/等区 or before one of
        the county's townships (昌乐乔官); a short name
        followed by a word of NOT_PLACE_BEFORE is skipped (日照时数, 高密度, 海滨城市)."""
        out: list[Match] = []
        weak_flags: list[bool] = []
        index = self._find
        lengths = self._lengths
        not_before = NOT_PLACE_BEFORE
        weak = self._weak
        n = len(text)
        i = 0
        while i < n:
            ls = lengths.get(text[i])
            hit = None
            if ls:
                for L in ls:
                    if i + L > n:
                        continue
                    surface = text[i : i + L]
                    cands = index.get(surface)
                    if cands is None:
                        continue
                    stop = not_before.get(surface)
                    if stop and text.startswith(stop, i + L):
                        continue
                    hit = Match(i, i + L, surface, cands)
                    break
            if hit is None:
                i += 1
                continue
            out.append(hit)
            weak_flags.append(hit.surface in weak)
            i = hit.end
        if not any(weak_flags):
            return out
        return [m for k, m in enumerate(out) if not weak_flags[k] or self._weak_ok(text, out, weak_flags, k)]

    def _weak_ok(self, text: str, matches: list[Match], weak: list[bool], k: int) -> bool:
        m = matches[k]
        if _ETC_UNITS.match(text, m.end) or self._own_township_follows(text, m):
            return True

        def strong_admin(j: int) -> bool:
            return not weak[j] and any(p.is_admin for p in matches[j].candidates)

        # walk the list left and right: a weak name counts when chained (by list separators) to a strong one
        for step in (-1, 1):
            j = k
            while 0 <= j + step < len(matches):
                a, b = (matches[j + step], matches[j]) if step == -1 else (matches[j], matches[j + step])
                if not _LIST_SEP.match(text[a.end : b.start]):
                    break
                j += step
                if strong_admin(j):
                    return True
                if not weak[j]:
                    break
        return False

    def _own_township_follows(self, text: str, m: Match) -> bool:
        """`昌乐乔官…`: a county's weak short name right before one of its townships (short name of two or more
        characters) is that county."""
        for county in (p for p in m.candidates if p.kind == "county"):
            for township in self.townships_in(county.adcode):
                short = township.short_name or township.name
                if len(short) >= 2 and text.startswith(short, m.end):
                    return True
        return False

    # ---------------------------------------------------------------------------------------------------------
    def townships_in(self, county_adcode: str) -> list[Place]:
        """The townships of one county (full name in `name`, 洛河 in `short_name`), sorted by name."""
        return sorted(self._townships_by_county.get(str(county_adcode), ()), key=lambda p: p.name)

    def unit(self, adcode: str) -> Place | None:
        """Province, city or county by GB/T 2260 code."""
        return self._units.get(str(adcode))

    def county(self, adcode: str) -> Place | None:
        p = self._units.get(str(adcode))
        return p if p is not None and p.kind == "county" else None

    def city(self, adcode: str) -> Place | None:
        p = self._units.get(str(adcode))
        return p if p is not None and p.kind == "city" else None

    def counties(self) -> list[Place]:
        return [p for p in self._units.values() if p.kind == "county"]

    def cities(self) -> list[Place]:
        return [p for p in self._units.values() if p.kind == "city"]

    def townships(self) -> list[Place]:
        return [p for ps in self._townships_by_county.values() for p in ps]

    def city_of(self, adcode: str | None) -> str | None:
        """The city code of a city or county code (None for the province or unknown codes)."""
        if not adcode:
            return None
        p = self._units.get(str(adcode))
        if p is None:
            return None
        return p.city_adcode

    def disambiguate(self, candidates: Iterable[Place], region_adcode: str | None) -> list[Place]:
        """Prefer candidates inside the document's region.

        `region_adcode` is the plan's own unit: for the province (370000) or None every candidate is kept; for a
        city, the candidates inside that city (a region or offshore zone counts when one of its members is
        inside); for a county, those in that county, else those in its city. When none is inside, all are
        returned unchanged (the caller decides; nothing is dropped silently). Order is preserved."""
        cands = list(candidates)
        if not region_adcode or str(region_adcode) == PROVINCE_ADCODE or len(cands) <= 1:
            return cands
        region = str(region_adcode)
        unit = self._units.get(region)
        if unit is None:
            return cands
        if unit.kind == "county":
            inside = [p for p in cands if self._in_county(p, region)]
            if inside:
                return inside
            region = unit.city_adcode or region
        inside = [p for p in cands if self._in_city(p, region)]
        return inside or cands

    def _in_city(self, p: Place, city: str) -> bool:
        if p.kind == "province":
            return False
        if p.city_adcode:
            return p.city_adcode == city
        return any(self.city_of(m) == city or m == city for m in p.member_adcodes)

    def _in_county(self, p: Place, county: str) -> bool:
        if p.county_adcode:
            return p.county_adcode == county
        return county in p.member_adcodes


@functools.lru_cache(maxsize=1)
def _default() -> Gazetteer:
    return Gazetteer.from_files()

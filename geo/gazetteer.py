"""Gazetteer of Shandong: admin units, townships and a small table of named places.

Three tables under `layers/`, loaded by `Gazetteer.default()`:

- `admin_units.csv` (built by `python -m geo layers`): the province, 16 cities and 136 county-level units with
  GB/T 2260 codes, full and short names.
- `townships.csv` (built by `write_township_table`, called by the layers command): every Shandong township
  (镇/乡/街道) from jionlp's location dictionary, each mapped to one of the 136 counties.
- `places.csv` (hand-made, one source/note per row): functional areas, ports, islands, landmarks, regional bases
  and offshore wind zones that plans use as places.

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

import csv
import functools
import io
import os
import re
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from geo import LAYERS_DIR

PROVINCE_ADCODE = "370000"

ADMIN_UNITS_CSV = LAYERS_DIR / "admin_units.csv"
TOWNSHIPS_CSV = LAYERS_DIR / "townships.csv"
PLACES_CSV = LAYERS_DIR / "places.csv"

TOWNSHIP_FIELDS = ["name", "short_name", "county_adcode", "county", "city_adcode", "source", "note"]
PLACE_FIELDS = [
    "name",
    "aliases",
    "kind",
    "county_adcode",
    "city_adcode",
    "member_adcodes",
    "precision",
    "source",
    "note",
]
PLACE_KINDS = ("functional_area", "port", "island", "landmark", "region", "offshore_zone")
KINDS = ("province", "city", "county", "township", *PLACE_KINDS)
PLACE_PRECISIONS = ("site", "township", "county", "city", "region")


@dataclass(frozen=True)
class Place:
    """One named place.

    - `kind`: province | city | county | township | functional_area | port | island | landmark | region |
      offshore_zone.
    - `adcode`: the unit's own GB/T 2260 code for province/city/county, else None.
    - `county_adcode` / `city_adcode`: the containing county and city (a county's `county_adcode` is its own
      code; a city's `city_adcode` is its own code). Empty (None) when the place spans several.
    - `precision`: site | township | county | city | region | province: the finest level at which this
      gazetteer locates the place (a place-table row with a county is `county`: the table has no coordinates).
    - `member_adcodes`: for regions the cities or counties spanned; for offshore zones the coastal counties they
      lie off; for zones spanning several counties, those counties.
    - `short_name`: 五莲 for 五莲县, 洛河 for 洛河镇 ('' when none).
    - `note`: remaps and caveats (a former name, a merged county, an uncertain extent).
    """

    name: str
    kind: str
    adcode: str | None
    county_adcode: str | None
    city_adcode: str | None
    precision: str
    member_adcodes: tuple[str, ...] = ()
    source: str = ""
    note: str = ""
    short_name: str = ""

    @property
    def is_admin(self) -> bool:
        return self.kind in ("province", "city", "county")


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
# Former units: old names/codes of Shandong counties and cities, and what they are now. Used to remap the
# township source when it carries an old code, and as lookup aliases ("长岛" -> 蓬莱区 with a note).
# (old name, old code, new codes, year, note). Sources: jionlp's china_location_change.txt (2018 onwards) and the
# State Council approvals of the GB/T 2260 code changes (earlier rows).
FORMER_UNITS: list[tuple[str, str, tuple[str, ...], int, str]] = [
    ("长岛县", "370634", ("370614",), 2020, "长岛县 was merged into 蓬莱区 (with 蓬莱市) in 2020"),
    ("蓬莱市", "370684", ("370614",), 2020, "蓬莱市 became 蓬莱区 (370614, with 长岛县) in 2020"),
    (
        "莱芜市",
        "371200",
        ("370116", "370117"),
        2019,
        "莱芜市 was abolished in 2019: now 济南 莱芜区 and 钢城区",
    ),
    ("莱城区", "371202", ("370116",), 2019, "莱芜市 莱城区 became 济南 莱芜区 in 2019"),
    ("钢城区", "371203", ("370117",), 2019, "莱芜市 钢城区 became 济南 钢城区 (370117) in 2019"),
    ("茌平县", "371523", ("371503",), 2019, "茌平县 became 聊城 茌平区 in 2019"),
    ("济阳县", "370125", ("370115",), 2018, "济阳县 became 济南 济阳区 in 2018"),
    ("邹平县", "371626", ("371681",), 2018, "邹平县 became 邹平市 in 2018"),
    ("即墨市", "370282", ("370215",), 2017, "即墨市 became 青岛 即墨区 in 2017"),
    ("章丘市", "370181", ("370114",), 2016, "章丘市 became 济南 章丘区 in 2016"),
    ("垦利县", "370521", ("370505",), 2016, "垦利县 became 东营 垦利区 in 2016"),
    ("定陶县", "371727", ("371703",), 2016, "定陶县 became 菏泽 定陶区 in 2016"),
    ("沾化县", "371624", ("371603",), 2014, "沾化县 became 滨州 沾化区 in 2014"),
    ("陵县", "371421", ("371403",), 2014, "陵县 became 德州 陵城区 in 2014"),
    ("文登市", "371081", ("371003",), 2014, "文登市 became 威海 文登区 in 2014"),
    ("苍山县", "371324", ("371324",), 2014, "苍山县 was renamed 兰陵县 in 2014"),
    ("兖州市", "370882", ("370812",), 2013, "兖州市 became 济宁 兖州区 in 2013"),
    ("胶南市", "370284", ("370211",), 2012, "胶南市 was merged into 青岛 黄岛区 in 2012"),
    # Counties renamed as cities before the codes in use now; their old names live on in plant names
    # (华电邹县发电厂). No old code: no current source file carries one.
    ("邹县", "", ("370883",), 1992, "邹县 became 邹城市 in 1992"),
    ("掖县", "", ("370683",), 1988, "掖县 became 莱州市 in 1988"),
    ("滕县", "", ("370481",), 1988, "滕县 became 滕州市 in 1988"),
    ("胶县", "", ("370281",), 1987, "胶县 became 胶州市 in 1987"),
    ("黄县", "", ("370681",), 1986, "黄县 became 龙口市 in 1986"),
    ("益都县", "", ("370781",), 1986, "益都县 became 青州市 in 1986"),
]
# Short forms of former names that plans and plant names still use (华电莱城电厂), where no current unit has
# that short form; each maps to the FORMER_UNITS row of that name.
FORMER_SHORT = {"长岛": "长岛县", "胶南": "胶南市", "苍山": "苍山县", "莱城": "莱城区"}

# --------------------------------------------------------------------------------------------------------------
# jionlp's dictionary files the statistical "county-level" development zones of the NBS division code (37xx7x)
# as counties. They are not among the 136 counties: each of their townships is assigned to the county it lies in
# (its legal county in the administrative division). (zone code, township) -> (county code, note).
_Z = "listed under the statistical zone "
JIONLP_ZONE_TOWNSHIPS: dict[tuple[str, str], tuple[str, str]] = {
    # 济南高新技术产业开发区 370171
    ("370171", "孙村街道"): ("370112", _Z + "济南高新区; legally in 历城区"),
    ("370171", "巨野河街道"): ("370112", _Z + "济南高新区; legally in 历城区"),
    ("370171", "遥墙街道"): ("370112", _Z + "济南高新区; legally in 历城区"),
    ("370171", "临港街道"): ("370112", _Z + "济南高新区; legally in 历城区"),
    ("370171", "创新谷街道办事处"): (
        "370112",
        _Z + "济南高新区; set up from 历城区 units, county assignment not verified",
    ),
    ("370171", "章锦街道"): ("370114", _Z + "济南高新区; assigned to 章丘区, not verified"),
    ("370171", "舜华路街道"): ("370102", _Z + "济南高新区; assigned to 历下区, not verified"),
    # 青岛高新技术产业开发区 370271
    ("370271", "河套街道"): ("370214", _Z + "青岛高新区; legally in 城阳区"),
    ("370271", "红岛街道"): ("370214", _Z + "青岛高新区; legally in 城阳区"),
    # 东营经济技术开发区 370571 / 东营港经济开发区 370572: only a placeholder "经济开发区直属乡镇" (dropped)
    # 烟台高新技术产业开发区 370671
    ("370671", "马山街道"): ("370613", _Z + "烟台高新区; assigned to 莱山区 (the zone lies in east 莱山区)"),
    # 烟台经济技术开发区 370672 (烟台黄渤海新区): former 福山区 land
    ("370672", "八角街道"): ("370611", _Z + "烟台经开区; former 福山区 town, assigned to 福山区"),
    ("370672", "古现街道"): ("370611", _Z + "烟台经开区; former 福山区 town, assigned to 福山区"),
    ("370672", "大季家街道"): ("370611", _Z + "烟台经开区; 大季家 moved from 蓬莱 to 福山区 in 2002"),
    ("370672", "福莱山街道"): ("370611", _Z + "烟台经开区; assigned to 福山区, not verified"),
    # 潍坊滨海经济技术开发区 370772
    ("370772", "大家洼街道"): ("370703", _Z + "潍坊滨海经开区; legally in 寒亭区"),
    ("370772", "央子街道"): ("370703", _Z + "潍坊滨海经开区; legally in 寒亭区"),
    # 济宁高新技术产业开发区 370871
    ("370871", "柳行街道"): ("370811", _Z + "济宁高新区; legally in 任城区"),
    ("370871", "洸河街道"): ("370811", _Z + "济宁高新区; legally in 任城区"),
    ("370871", "接庄街道"): ("370811", _Z + "济宁高新区; legally in 任城区"),
    ("370871", "王因街道"): ("370812", _Z + "济宁高新区; former 兖州 town, assigned to 兖州区"),
    ("370871", "黄屯街道"): ("370812", _Z + "济宁高新区; former 兖州 town, assigned to 兖州区"),
    # 威海火炬高技术产业开发区 371071
    ("371071", "初村镇"): ("371002", _Z + "威海火炬高技术产业开发区; legally in 环翠区"),
    ("371071", "怡园街道"): ("371002", _Z + "威海火炬高技术产业开发区; legally in 环翠区"),
    ("371071", "田和街道"): ("371002", _Z + "威海火炬高技术产业开发区; legally in 环翠区"),
    ("371071", "双岛街道筹建处"): (
        "371002",
        _Z + "威海火炬高技术产业开发区 as 双岛街道筹建处 (being set up); assigned to 环翠区",
    ),
    # 威海经济技术开发区 371072
    ("371072", "凤林街道"): ("371002", _Z + "威海经开区; legally in 环翠区"),
    ("371072", "西苑街道"): ("371002", _Z + "威海经开区; legally in 环翠区"),
    ("371072", "皇冠街道"): ("371002", _Z + "威海经开区; legally in 环翠区"),
    ("371072", "崮山镇"): ("371002", _Z + "威海经开区; legally in 环翠区"),
    ("371072", "泊于镇"): ("371002", _Z + "威海经开区; legally in 环翠区"),
    ("371072", "桥头镇"): ("371002", _Z + "威海经开区; legally in 环翠区"),
    # 威海临港经济技术开发区 371073
    ("371073", "草庙子镇"): ("371002", _Z + "威海临港经开区; legally in 环翠区"),
    ("371073", "汪疃镇"): ("371003", _Z + "威海临港经开区; former 文登 town, assigned to 文登区"),
    ("371073", "苘山镇"): (
        "371003",
        _Z + "威海临港经开区; official spelling 蔄山镇; former 文登 town, assigned to 文登区",
    ),
    # 日照经济技术开发区 371171
    ("371171", "北京路街道"): ("371102", _Z + "日照经开区; legally in 东港区"),
    ("371171", "奎山街道"): ("371102", _Z + "日照经开区; legally in 东港区"),
    # 临沂高新技术产业开发区 371371
    ("371371", "罗西街道"): ("371311", _Z + "临沂高新区; transferred from 罗庄区 in 2008, legally in 罗庄区"),
    ("371371", "马厂湖镇"): ("371302", _Z + "临沂高新区; transferred from 兰山区 in 2008, legally in 兰山区"),
    # 临沂经济技术开发区 371372 (east of the 沂河, in 河东区)
    ("371372", "芝麻墩街道"): ("371312", _Z + "临沂经开区; legally in 河东区"),
    ("371372", "梅家埠街道"): ("371312", _Z + "临沂经开区; legally in 河东区"),
    ("371372", "朝阳街道"): (
        "371312",
        _Z + "临沂经开区; assigned to 河东区 (the zone lies in 河东区), not verified",
    ),
    # 临沂临港经济开发区 371373: four former 莒南 towns
    ("371373", "团林镇"): ("371327", _Z + "临沂临港经开区; former 莒南县 town"),
    ("371373", "坪上镇"): ("371327", _Z + "临沂临港经开区; former 莒南县 town"),
    ("371373", "壮岗镇"): ("371327", _Z + "临沂临港经开区; former 莒南县 town"),
    ("371373", "朱芦镇"): ("371327", _Z + "临沂临港经开区; former 莒南县 town"),
    # 德州经济技术开发区 371471 / 德州运河经济开发区 371472
    ("371471", "宋官屯街道"): ("371402", _Z + "德州经开区; legally in 德城区"),
    ("371471", "长河街道"): ("371402", _Z + "德州经开区; legally in 德城区"),
    ("371471", "抬头寺镇"): ("371402", _Z + "德州经开区; legally in 德城区"),
    ("371471", "袁桥镇"): ("371402", _Z + "德州经开区; legally in 德城区"),
    ("371471", "赵虎镇"): ("371402", _Z + "德州经开区; legally in 德城区"),
    ("371472", "运河街道"): ("371402", _Z + "德州运河经开区; legally in 德城区"),
    # 菏泽经济技术开发区 371771 / 菏泽高新技术开发区 371772
    ("371771", "丹阳街道"): ("371702", _Z + "菏泽经开区; legally in 牡丹区"),
    ("371771", "佃户屯街道"): ("371702", _Z + "菏泽经开区; legally in 牡丹区"),
    ("371771", "岳程街道"): ("371702", _Z + "菏泽经开区; legally in 牡丹区"),
    ("371772", "万福街道"): ("371702", _Z + "菏泽高新区; former 牡丹区 unit, assigned to 牡丹区"),
    ("371772", "吕陵镇"): ("371702", _Z + "菏泽高新区; former 牡丹区 town, assigned to 牡丹区"),
}

_TOWNSHIP_SUFFIXES = ("街道办事处", "街道", "镇", "乡")
_JIONLP_SOURCE = "jionlp {version} dictionary/china_location.zip"


def township_short_name(name: str) -> str:
    """洛河镇 -> 洛河, 户部乡 -> 户部, 城阳街道 -> 城阳; the full name when the rest would be < 2 chars."""
    for suffix in _TOWNSHIP_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def _normalize_township(raw: str) -> tuple[str | None, str]:
    """A jionlp township entry -> (township name, note), or (None, reason) when it is not a township."""
    name = raw.strip()
    if name.endswith("街道地区"):  # 东平街道地区 -> 东平街道 (NBS wording)
        return name[: -len("地区")], f"source wording {name}"
    if name.endswith("街道筹建处"):
        return name[: -len("筹建处")], f"source wording {name} (being set up)"
    if name.endswith(_TOWNSHIP_SUFFIXES):
        return name, ""
    return None, "township-level functional unit (development zone, farm, park), not a township"


def _jionlp_dictionary() -> tuple[str, str]:
    """(text of china_location.txt, jionlp version) read from the installed package, without importing it."""
    import importlib.metadata
    import importlib.util

    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("jionlp is not installed: pip install 'jionlp==1.5.31' (the [layers] extra)")
    pkg_dir = Path(next(iter(spec.submodule_search_locations)))
    with zipfile.ZipFile(pkg_dir / "dictionary" / "china_location.zip") as zf:
        text = zf.read("china_location.txt").decode("utf-8")
    return text, importlib.metadata.version("jionlp")


def _parse_jionlp_shandong(text: str) -> dict[tuple[str, str, str], list[str]]:
    """{(county name, county code, city code): [township names]} for 山东省."""
    out: dict[tuple[str, str, str], list[str]] = {}
    in_sd = False
    city_code = None
    county = None
    for line in text.splitlines():
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip("\t"))
        parts = line.strip().split("\t")
        if depth == 0:
            in_sd = len(parts) >= 2 and parts[1] == PROVINCE_ADCODE
            continue
        if not in_sd:
            continue
        if depth == 1:
            city_code = parts[1] if len(parts) >= 2 else None
        elif depth == 2:
            county = (parts[0], parts[1], city_code or "") if len(parts) >= 2 else None
            if county:
                out.setdefault(county, [])
        elif depth == 3 and county:
            out[county].append(parts[0])
    return out


def _admin_rows_from(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _admin_rows(admin_units=None) -> list[dict]:
    """admin_units as a list of dicts (from a DataFrame, a list of dicts, or layers/admin_units.csv)."""
    if admin_units is None:
        if not ADMIN_UNITS_CSV.exists():
            raise FileNotFoundError(f"{ADMIN_UNITS_CSV} is missing: run `python -m geo layers` first")
        return _admin_rows_from(ADMIN_UNITS_CSV)
    if hasattr(admin_units, "to_dict"):
        return [
            {k: ("" if v is None else str(v)) for k, v in r.items()} for r in admin_units.to_dict("records")
        ]
    return [dict(r) for r in admin_units]


def build_township_rows(admin_units=None) -> tuple[list[dict], dict]:
    """Shandong townships from jionlp, each mapped to one of the current counties in `admin_units`.

    Returns (rows with TOWNSHIP_FIELDS, report). The report counts what was read, written, remapped (old county
    code, statistical development zone) and dropped, with the reason for each drop."""
    text, version = _jionlp_dictionary()
    source = _JIONLP_SOURCE.format(version=version)
    admin = _admin_rows(admin_units)
    counties = {r["adcode"]: r for r in admin if r["level"] == "county"}
    by_name = {r["name"]: r for r in counties.values()}
    former = {code: (name, new, note) for name, code, new, _, note in FORMER_UNITS if code}

    report: dict = {
        "source": source,
        "jionlp_counties": 0,
        "jionlp_entries": 0,
        "written": 0,
        "remapped_county_code": [],
        "remapped_from_zone": [],
        "dropped": [],
        "normalized": [],
    }
    rows: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for (cname, ccode, _city), towns in _parse_jionlp_shandong(text).items():
        report["jionlp_counties"] += 1
        zone = ccode not in counties and ccode[4] == "7"  # NBS statistical zone codes 37xx7x
        target = None
        county_note = ""
        if ccode in counties:
            target = ccode
        elif not zone and ccode in former and len(former[ccode][1]) == 1:
            target = former[ccode][1][0]
            county_note = f"source code {ccode} ({cname}): {former[ccode][2]}"
        elif not zone and cname in by_name:
            target = by_name[cname]["adcode"]
            county_note = f"source code {ccode} not current; matched by name {cname} -> {target}"
        for raw in towns:
            report["jionlp_entries"] += 1
            name, norm_note = _normalize_township(raw)
            if name is None:
                report["dropped"].append({"county": f"{cname} {ccode}", "entry": raw, "reason": norm_note})
                continue
            note_parts = []
            if zone:
                hit = JIONLP_ZONE_TOWNSHIPS.get((ccode, raw))
                if hit is None:
                    report["dropped"].append(
                        {
                            "county": f"{cname} {ccode}",
                            "entry": raw,
                            "reason": "listed under a statistical development zone; its county is not known here",
                        }
                    )
                    continue
                county_code, zone_note = hit
                note_parts.append(zone_note)
                report["remapped_from_zone"].append(f"{raw}: {cname} {ccode} -> {county_code}")
            elif target is None:
                report["dropped"].append(
                    {
                        "county": f"{cname} {ccode}",
                        "entry": raw,
                        "reason": "county not among the current units",
                    }
                )
                continue
            else:
                county_code = target
                if county_note:
                    note_parts.append(county_note)
                    report["remapped_county_code"].append(f"{raw}: {ccode} -> {county_code}")
            if county_code not in counties:
                report["dropped"].append(
                    {
                        "county": f"{cname} {ccode}",
                        "entry": raw,
                        "reason": f"mapped county {county_code} unknown",
                    }
                )
                continue
            if name in _FORMER_CHANGDAO_TOWNSHIPS and county_code == "370614":
                note_parts.append("former 长岛县 (merged into 蓬莱区 in 2020)")
            if norm_note:
                note_parts.append(norm_note)
                report["normalized"].append(f"{raw} -> {name}")
            if (name, county_code) in seen:
                report["dropped"].append(
                    {
                        "county": f"{cname} {ccode}",
                        "entry": raw,
                        "reason": "duplicate of a row already written",
                    }
                )
                continue
            seen.add((name, county_code))
            county = counties[county_code]
            rows.append(
                {
                    "name": name,
                    "short_name": township_short_name(name),
                    "county_adcode": county_code,
                    "county": county["name"],
                    "city_adcode": county["parent_adcode"],
                    "source": source,
                    "note": "; ".join(note_parts),
                }
            )
    rows.sort(key=lambda r: (r["county_adcode"], r["name"]))
    report["written"] = len(rows)
    report["counties_with_townships"] = len({r["county_adcode"] for r in rows})
    report["counties_without_townships"] = sorted(set(counties) - {r["county_adcode"] for r in rows})
    return rows, report


# 长岛's townships (the islands); jionlp already files them under 蓬莱区.
_FORMER_CHANGDAO_TOWNSHIPS = frozenset(
    {"南长山街道", "北长山乡", "砣矶镇", "黑山乡", "大钦岛乡", "小钦岛乡", "南隍城乡", "北隍城乡"}
)


def _write_csv_atomic(path: Path, fieldnames: list[str], rows: Iterable[dict]) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=fieldnames, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_township_table(path: str | Path = TOWNSHIPS_CSV, admin_units=None) -> dict:
    """Write `layers/townships.csv` (TOWNSHIP_FIELDS) atomically from jionlp's dictionary; return the report.

    `admin_units` (a DataFrame or list of dicts with adcode, name, level, parent_adcode) defaults to the
    `admin_units.csv` next to `path`, else `layers/admin_units.csv`: call this after the admin layer is written."""
    path = Path(path)
    if admin_units is None and (path.parent / "admin_units.csv").exists():
        admin_units = _admin_rows_from(path.parent / "admin_units.csv")
    rows, report = build_township_rows(admin_units)
    _write_csv_atomic(path, TOWNSHIP_FIELDS, rows)
    report["path"] = str(path)
    return report


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


class Gazetteer:
    """Names -> places, with all candidates for ambiguous names.

    Build with `Gazetteer.default()` (cached; reads the three tables in `layers/`) or
    `Gazetteer.from_files(admin_csv, townships_csv, places_csv)`."""

    def __init__(self, admin_rows: list[dict], township_rows: list[dict], place_rows: list[dict]):
        self.province: Place | None = None
        self._units: dict[str, Place] = {}
        self._townships_by_county: dict[str, list[Place]] = defaultdict(list)
        self.places: list[Place] = []
        # name -> {Place: via}; `_lookup` for lookup(), `_find` for find() (no bare short township names)
        lookup: dict[str, dict[Place, tuple[int, int]]] = defaultdict(dict)
        findable: dict[str, dict[Place, tuple[int, int]]] = defaultdict(dict)

        def add(name: str, place: Place, via: str, find_ok: bool = True) -> None:
            if not name:
                return
            key = (_VIA_RANK[via], _KIND_RANK.get(place.kind, 50))
            for index in (lookup, findable) if find_ok else (lookup,):
                old = index[name].get(place)
                if old is None or key < old:
                    index[name][place] = key

        for r in admin_rows:
            level = r["level"]
            code = str(r["adcode"])
            parent = _none(r.get("parent_adcode"))
            if level == "province":
                p = Place(
                    r["name"],
                    "province",
                    code,
                    None,
                    None,
                    "province",
                    (),
                    "admin_units.csv",
                    "",
                    r.get("short_name") or "",
                )
                self.province = p
            elif level == "city":
                p = Place(
                    r["name"],
                    "city",
                    code,
                    None,
                    code,
                    "city",
                    (),
                    "admin_units.csv",
                    "",
                    r.get("short_name") or "",
                )
            elif level == "county":
                p = Place(
                    r["name"],
                    "county",
                    code,
                    code,
                    parent,
                    "county",
                    (),
                    "admin_units.csv",
                    "",
                    r.get("short_name") or "",
                )
            else:
                continue
            self._units[code] = p
            add(p.name, p, "name")
            if p.short_name and p.short_name != p.name:
                add(p.short_name, p, "short")

        # former names ("长岛" -> 蓬莱区 with a note)
        former_by_name = {}
        for old_name, _old, new_codes, _year, note in FORMER_UNITS:
            targets = [self._units[c] for c in new_codes if c in self._units]
            former_by_name[old_name] = (targets, note)
            for t in targets:
                if old_name != t.name:
                    add(old_name, replace(t, note=note), "alias")
        for short, full in FORMER_SHORT.items():
            targets, note = former_by_name.get(full, ([], ""))
            for t in targets:
                add(short, replace(t, note=note), "alias")

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
            add(p.name, p, "name", find_ok=p.name not in GENERIC_TOWNSHIP_NAMES)
            if p.short_name and p.short_name != p.name:
                add(p.short_name, p, "short", find_ok=False)

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
            add(p.name, p, "name")
            for alias in _split(r.get("aliases")):
                add(alias, p, "alias")

        def order(item):
            p, rank = item
            return (rank, p.adcode or p.county_adcode or p.city_adcode or "~", p.name)

        def freeze(index):
            return {name: tuple(p for p, _ in sorted(d.items(), key=order)) for name, d in index.items()}

        self._lookup: dict[str, tuple[Place, ...]] = freeze(lookup)
        weak = WEAK_SHORT_NAMES
        self._find: dict[str, tuple[Place, ...]] = freeze(findable)
        # names findable only in context: short names (not full names, not aliases) listed as weak
        self._weak: set[str] = {
            n for n in self._find if n in weak and all(n != p.name for p in self._find[n])
        }
        # first char -> name lengths, longest first
        lengths: dict[str, set[int]] = defaultdict(set)
        for name in self._find:
            lengths[name[0]].add(len(name))
        self._lengths = {c: tuple(sorted(ls, reverse=True)) for c, ls in lengths.items()}

    # ---------------------------------------------------------------------------------------------------------
    @classmethod
    def from_files(
        cls,
        admin_csv: str | Path = ADMIN_UNITS_CSV,
        townships_csv: str | Path | None = TOWNSHIPS_CSV,
        places_csv: str | Path | None = PLACES_CSV,
    ) -> Gazetteer:
        def read(path):
            if path is None or not Path(path).exists():
                return []
            with open(path, encoding="utf-8-sig", newline="") as f:
                return list(csv.DictReader(f))

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
        only in a list of places chained to another admin unit (河口、垦利) or before 等县/等区; a short name
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
        if _ETC_UNITS.match(text, m.end):
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


def read_places_csv(path: str | Path = PLACES_CSV) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _csv_text(rows: list[dict], fields: list[str]) -> str:  # used by tests / debugging
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


__all__ = [
    "FORMER_UNITS",
    "PLACE_FIELDS",
    "TOWNSHIP_FIELDS",
    "WEAK_SHORT_NAMES",
    "Gazetteer",
    "Match",
    "Place",
    "build_township_rows",
    "township_short_name",
    "write_township_table",
]

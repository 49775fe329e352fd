"""Build `layers/townships.csv` from jionlp's location dictionary: every Shandong township (镇/乡/街道), each
mapped to one of the 136 current counties, with the remaps and drops reported.

    write_township_table(path) -> report     (called by `python -m geo layers`)
    build_township_rows()      -> (rows, report)
    township_short_name("洛河镇") -> "洛河"
"""

from __future__ import annotations

import csv
import os
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from geo import PROVINCE_ADCODE
from geo.gazetteer_tables import (
    ADMIN_UNITS_CSV,
    FORMER_UNITS,
    TOWNSHIP_FIELDS,
    TOWNSHIPS_CSV,
    read_rows,
)

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


def _admin_rows(admin_units=None) -> list[dict]:
    """admin_units as a list of dicts (from a DataFrame, a list of dicts, or layers/admin_units.csv)."""
    if admin_units is None:
        if not ADMIN_UNITS_CSV.exists():
            raise FileNotFoundError(f"{ADMIN_UNITS_CSV} is missing: run `python -m geo layers` first")
        return read_rows(ADMIN_UNITS_CSV)
    if hasattr(admin_units, "to_dict"):
        return [
            {k: ("" if v is None else str(v)) for k, v in r.items()} for r in admin_units.to_dict("records")
        ]
    return [dict(r) for r in admin_units]


@dataclass(frozen=True)
class _SourceCounty:
    """A county of jionlp's dictionary and where its townships go: `target`, a current county code (None when
    unknown), with `note` saying how it was remapped; a statistical development `zone` maps township by
    township (JIONLP_ZONE_TOWNSHIPS)."""

    name: str
    code: str
    zone: bool
    target: str | None
    note: str

    @property
    def label(self) -> str:
        return f"{self.name} {self.code}"


def _source_county(name: str, code: str, counties: dict, by_name: dict, former: dict) -> _SourceCounty:
    zone = code not in counties and code[4] == "7"  # NBS statistical zone codes 37xx7x
    if code in counties:
        return _SourceCounty(name, code, zone, code, "")
    if not zone and code in former and len(former[code][1]) == 1:
        return _SourceCounty(
            name, code, zone, former[code][1][0], f"source code {code} ({name}): {former[code][2]}"
        )
    if not zone and name in by_name:
        target = by_name[name]["adcode"]
        return _SourceCounty(
            name, code, zone, target, f"source code {code} not current; matched by name {name} -> {target}"
        )
    return _SourceCounty(name, code, zone, None, "")


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
        county = _source_county(cname, ccode, counties, by_name, former)
        for raw in towns:
            report["jionlp_entries"] += 1
            row = _township_row(raw, county, counties, source, seen, report)
            if row is not None:
                rows.append(row)
    rows.sort(key=lambda r: (r["county_adcode"], r["name"]))
    report["written"] = len(rows)
    report["counties_with_townships"] = len({r["county_adcode"] for r in rows})
    report["counties_without_townships"] = sorted(set(counties) - {r["county_adcode"] for r in rows})
    return rows, report


def _township_row(
    raw: str, county: _SourceCounty, counties: dict, source: str, seen: set[tuple[str, str]], report: dict
) -> dict | None:
    """One jionlp entry as a row of townships.csv, or None when it is dropped (the report says why)."""

    def drop(reason: str) -> None:
        report["dropped"].append({"county": county.label, "entry": raw, "reason": reason})

    name, norm_note = _normalize_township(raw)
    if name is None:
        drop(norm_note)
        return None
    note_parts = []
    if county.zone:
        hit = JIONLP_ZONE_TOWNSHIPS.get((county.code, raw))
        if hit is None:
            drop("listed under a statistical development zone; its county is not known here")
            return None
        county_code, zone_note = hit
        note_parts.append(zone_note)
        report["remapped_from_zone"].append(f"{raw}: {county.label} -> {county_code}")
    elif county.target is None:
        drop("county not among the current units")
        return None
    else:
        county_code = county.target
        if county.note:
            note_parts.append(county.note)
            report["remapped_county_code"].append(f"{raw}: {county.code} -> {county_code}")
    if county_code not in counties:
        drop(f"mapped county {county_code} unknown")
        return None
    if name in _FORMER_CHANGDAO_TOWNSHIPS and county_code == "370614":
        note_parts.append("former 长岛县 (merged into 蓬莱区 in 2020)")
    if norm_note:
        note_parts.append(norm_note)
        report["normalized"].append(f"{raw} -> {name}")
    if (name, county_code) in seen:
        drop("duplicate of a row already written")
        return None
    seen.add((name, county_code))
    return {
        "name": name,
        "short_name": township_short_name(name),
        "county_adcode": county_code,
        "county": counties[county_code]["name"],
        "city_adcode": counties[county_code]["parent_adcode"],
        "source": source,
        "note": "; ".join(note_parts),
    }


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
        admin_units = read_rows(path.parent / "admin_units.csv")
    rows, report = build_township_rows(admin_units)
    _write_csv_atomic(path, TOWNSHIP_FIELDS, rows)
    report["path"] = str(path)
    return report

"""The gazetteer's tables: where they are, their columns and kinds, the Place a row becomes, and the former units.

Three tables under `layers/`:

- `admin_units.csv` (built by `python -m geo layers`): the province, 16 cities and 136 county-level units with
  GB/T 2260 codes, full and short names.
- `townships.csv` (built by geo.gazetteer_townships.write_township_table, called by the layers command): every
  Shandong township (镇/乡/街道) from jionlp's location dictionary, each mapped to one of the 136 counties.
- `places.csv` (hand-made, one source/note per row): functional areas, ports, islands, landmarks, regional bases
  and offshore wind zones that plans use as places.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from geo import LAYERS_DIR

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


def read_rows(path: str | Path) -> list[dict]:
    """A table's rows as dicts (UTF-8, with or without BOM)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))

"""Finding place mentions: what the gazetteer holds for a mention or finds in a text, townships named bare after
a developer, landmarks the place table lacks, and places outside Shandong.

    finding = PlaceFinding(gazetteer, units)
    finding.candidates(mention)          -> gazetteer places in Shandong for a mention
    finding.find(text)                   -> the gazetteer's matches in a text
    finding.bare_township(project)       -> (Pick | None, problems)
    finding.unknown_landmark(name)       -> `甲乙水库` when the place table does not hold it
"""

from __future__ import annotations

import re
from typing import Any

from geo import categories as cat
from geo.model import Project, Unresolved
from geo.placebase import (
    Pick,
    Unit,
    ambiguity,
    dedupe,
    in_shandong,
    make_problem,
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
# Landmark words a name can carry after a proper name of 2-4 characters (山 is left out: 山东, 泰山 ...).
RE_LANDMARK = re.compile(r"[\u4e00-\u9fff]{2,4}?(?:水库|湖|岛|湾|港区)")
REASON_UNKNOWN_LANDMARK = "地标未收录于地名表"


def outside_shandong(mention: str) -> str | None:
    for name in OTHER_PROVINCES:
        if mention.startswith(name):
            return name
    for name, where in OUTSIDE_PLACES.items():
        if mention.startswith(name):
            return f"{name}，{where}"
    return None


class PlaceFinding:
    """Mentions -> gazetteer candidates, for one set of admin units."""

    def __init__(self, gazetteer, units: dict[str, Unit]):
        self.gazetteer = gazetteer
        self.units = units
        self._townships_by_city: dict[str, list[tuple[str, Any]]] = {}

    def find(self, text: str) -> list:
        try:
            return list(self.gazetteer.find(text))
        except Exception:  # a gazetteer without find
            return []

    def candidates(self, mention: str) -> list:
        cands = list(self.gazetteer.lookup(mention))
        if not cands and not mention.endswith(TOWNSHIP_SUFFIXES):
            for suffix in TOWNSHIP_SUFFIXES:
                cands += [p for p in self.gazetteer.lookup(mention + suffix) if p.kind == "township"]
        if not cands:
            # the longest known place inside the mention (`烟台港西港区` inside `烟台港西港区LNG`)
            matches = sorted(self.find(mention), key=lambda m: (-(m.end - m.start), m.start))
            if matches and matches[0].end - matches[0].start >= 2:
                cands = list(matches[0].candidates)
        return dedupe([c for c in cands if in_shandong(c)])

    def bare_township(self, project: Project) -> tuple[Pick | None, list[Unresolved]]:
        """`华电甲乙200MW光伏项目` in a city's plan, 甲乙 a township of that city named without 镇/乡/街道 right
        after the developer: that township when its short name is unique in the city; an ambiguity reported
        when several share it. A short name that is also a city's or county's (日照街道) is not taken."""
        after_owner = [project.name[m.end() :] for m in cat.RE_ANY_OWNER.finditer(project.name)]
        if not after_owner:
            return None, []
        found: dict[str, list] = {}
        for short, township in self.city_townships(project.region_adcode or ""):
            if any(rest.startswith(short) for rest in after_owner):
                found.setdefault(short, []).append(township)
        if not found:
            return None, []
        short = max(found, key=len)
        if len(found[short]) > 1:
            return None, [make_problem(project, short, ambiguity(self.units, found[short]))]
        return Pick(short, found[short][0], "township"), []

    def city_townships(self, city: str) -> list[tuple[str, Any]]:
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

    def unknown_landmark(self, name: str) -> str | None:
        """A reservoir, lake, island, bay or port area named in a project's name that the place table does
        not hold (`甲乙水库光伏电站`): named in unresolved.csv so that a row can be added for it."""
        rest = name
        for match in self.find(name):
            rest = rest.replace(match.text, " ")
        rest = cat.RE_ANY_OWNER.sub(" ", rest)
        found = RE_LANDMARK.search(rest)
        return found.group(0) if found else None

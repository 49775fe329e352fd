"""The gold files: reading a folder of them (load_gold), checking one (validate_gold) and finding its plan.

A gold file lists every named project and quantitative target of one plan; see tests/eval/README.md for the
format and the annotation conventions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from geo import REPO_ROOT, SEEDS_DIR
from geo.cli import UserError

DEFAULT_GOLD = REPO_ROOT / "tests" / "eval" / "gold"
PRECISIONS = ("site", "township", "county", "city", "region", "province")
CAPACITY_UNITS = ("MW", "MWh", "Mt/a", "bcm/a")
TARGET_CORE_UNITS = ("MW", "MWh", "Mt/a", "bcm/a", "%")


@dataclass
class GoldFile:
    path: Path
    data: dict

    @property
    def source(self) -> str:
        return self.data["source"]


def load_gold(folder: Path) -> list[GoldFile]:
    if not folder.is_dir():
        raise UserError(f"gold folder not found: {folder}")
    files = sorted(folder.glob("*.json"))
    if not files:
        raise UserError(f"no gold files (*.json) in {folder}")
    out = []
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise UserError(f"cannot read gold file {path}: {exc}") from exc
        problems = validate_gold(data, admin_codes())
        if problems:
            raise UserError(f"invalid gold file {path}: " + "; ".join(problems[:5]))
        out.append(GoldFile(path, data))
    return out


def admin_codes() -> set[str] | None:
    """Adcodes in layers/admin_units.csv, or None when that file is absent."""
    from geo import LAYERS_DIR

    path = LAYERS_DIR / "admin_units.csv"
    if not path.exists():
        return None
    import csv

    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {row["adcode"] for row in csv.DictReader(fh) if row.get("adcode")}


PROJECT_KEYS = (
    "name",
    "category",
    "energy",
    "county",
    "county_adcode",
    "township",
    "precision",
    "offshore",
    "capacity_text",
    "capacity_value",
    "capacity_unit",
    "owner",
    "target_year",
    "responsible_units",
    "section",
    "quote",
)
TARGET_KEYS = ("region", "region_adcode", "indicator", "value", "unit", "year", "quote")


def validate_gold(data: dict, codes: set[str] | None = None) -> list[str]:
    """Problems with one gold document: keys, vocabulary, units, precision levels, adcodes (when `codes`)."""
    problems = [
        f"missing key {key!r}"
        for key in ("source", "region", "region_adcode", "projects", "targets")
        if key not in data
    ]
    if problems:
        return problems
    problems += _code_problems(data["region_adcode"], "region", codes)
    for p in data["projects"]:
        problems += _project_problems(p, codes)
    for t in data["targets"]:
        problems += _target_problems(t, codes)
    for b in data.get("borderline") or []:
        if not b.get("name") or not b.get("reason"):
            problems.append(f"borderline entry without name/reason: {b!r}")
    return problems


def _code_problems(code, where: str, codes: set[str] | None) -> list[str]:
    if code is not None and codes is not None and code not in codes:
        return [f"{where}: adcode {code} not in layers/admin_units.csv"]
    return []


def _project_problems(p: dict, codes: set[str] | None) -> list[str]:
    from geo.vocab import CATEGORIES, ENERGY_CATEGORIES

    where = f"project {p.get('name')!r}"
    problems = [f"{where}: missing {key!r}" for key in PROJECT_KEYS if key not in p]
    for c in [p.get("category"), *(p.get("alt_category") or [])]:
        if c not in CATEGORIES:
            problems.append(f"{where}: unknown category {c!r}")
    if p.get("energy") != (p.get("category") in ENERGY_CATEGORIES):
        problems.append(f"{where}: energy flag does not follow its category")
    for level in [p.get("precision"), *(p.get("alt_precision") or [])]:
        if level not in PRECISIONS:
            problems.append(f"{where}: unknown precision {level!r}")
    if p.get("capacity_unit") is not None and p["capacity_unit"] not in CAPACITY_UNITS:
        problems.append(f"{where}: unknown capacity unit {p['capacity_unit']!r}")
    if (p.get("capacity_value") is None) != (p.get("capacity_unit") is None):
        problems.append(f"{where}: capacity value and unit must be both set or both null")
    if p.get("capacity_value") is not None and not p.get("capacity_text"):
        problems.append(f"{where}: capacity value without capacity_text")
    if (p.get("county") is None) != (p.get("county_adcode") is None):
        problems.append(f"{where}: county and county_adcode must be both set or both null")
    if p.get("township") and not p.get("county"):
        problems.append(f"{where}: township without county")
    if p.get("precision") == "township" and not p.get("township"):
        problems.append(f"{where}: precision township without a township")
    if p.get("precision") == "county" and not p.get("county"):
        problems.append(f"{where}: precision county without a county")
    problems += _code_problems(p.get("county_adcode"), where, codes)
    for code in p.get("alt_county_adcode") or []:
        problems += _code_problems(code, where, codes)
    if not isinstance(p.get("responsible_units"), list):
        problems.append(f"{where}: responsible_units must be a list")
    return problems


def _target_problems(t: dict, codes: set[str] | None) -> list[str]:
    from geo.vocab import TARGET_INDICATORS

    where = f"target {t.get('indicator')} {t.get('value')} {t.get('year')}"
    problems = [f"{where}: missing {key!r}" for key in TARGET_KEYS if key not in t]
    if t.get("indicator") not in TARGET_INDICATORS:
        problems.append(f"{where}: unknown indicator {t.get('indicator')!r}")
    if not t.get("optional") and t.get("unit") not in TARGET_CORE_UNITS:
        problems.append(f"{where}: unit {t.get('unit')!r} not normalized")
    if t.get("indicator") == "other" and not t.get("label"):
        problems.append(f"{where}: indicator other needs a label")
    problems += _code_problems(t.get("region_adcode"), where, codes)
    return problems


def plan_path(gold: GoldFile, plans: Path | None) -> Path:
    for folder in ([plans] if plans else []) + [gold.path.parent, SEEDS_DIR]:
        candidate = folder / gold.source
        if candidate.exists():
            return candidate
    raise UserError(
        f"plan {gold.source} for gold file {gold.path} not found (looked in "
        f"{plans or gold.path.parent} and {SEEDS_DIR})"
    )

"""`python -m geo eval`: score extraction (and, when available, geocoding) against the annotated evaluation set.

The gold files (`tests/eval/gold/*.json` for the five seeds, `tests/eval/edge_cases/*.json` for the hand-written edge cases)
list every named project and quantitative target of a plan; see tests/eval/README.md for the format and the
annotation conventions. This module runs the pipeline on each gold file's plan and compares:

- projects: a predicted project matches a gold one of the same plan when their normalized names match
  (`name_score`); matching is one-to-one, greedy by best score. Predictions that match a gold `borderline`
  entry count neither way. Precision/recall/F1 per category (recall by the gold category, precision by the
  predicted one), for energy categories together and for all.
- attributes, on matched pairs: category, county (adcode), precision level, capacity, responsible units, owner,
  offshore. Place attributes need `geo.geocode`; without it they are reported as n/a.
- targets: a predicted target matches a gold one on indicator, year and value (within 1 %). Gold targets marked
  `optional` (indicators outside the vocabulary, e.g. energy-intensity percentages) are neither required nor,
  when matched, counted against precision; predicted `other` targets that match nothing are not counted either.

The scoring functions are pure and take plain `Pred` / `PredTarget` records, so they can be tested on hand-made
predictions.
"""

from __future__ import annotations

import json
import os
import re
import sys
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

from geo import REPO_ROOT, SEEDS_DIR
from geo.cli import UserError
from geo.eval_links import format_links, link_scores

DEFAULT_GOLD = REPO_ROOT / "tests" / "eval" / "gold"
PRECISIONS = ("site", "township", "county", "city", "region", "province")
CAPACITY_UNITS = ("MW", "MWh", "Mt/a", "bcm/a")
TARGET_CORE_UNITS = ("MW", "MWh", "Mt/a", "bcm/a", "%")
NAME_RATIO = 0.6  # shorter / longer normalized name, when one is an in-order subsequence of the other
VALUE_TOLERANCE = 0.01


def add_arguments(parser) -> None:
    parser.add_argument(
        "--gold",
        type=Path,
        default=DEFAULT_GOLD,
        help="folder of gold JSON files (default tests/eval/gold; tests/eval/edge_cases for the edge cases;"
        " ../shared/devset, in the dev-set format, is recognized and scored by geo.devset)",
    )
    parser.add_argument(
        "--plans",
        type=Path,
        default=None,
        help="folder holding the plans (default: the gold folder if the plan is there, else seeds/)",
    )
    parser.add_argument(
        "--json", type=Path, default=None, metavar="FILE", help="also write the numbers as JSON"
    )
    parser.add_argument(
        "--show-errors", action="store_true", help="list misses, false positives and attribute errors"
    )
    parser.add_argument(
        "--no-geocode", action="store_true", help="skip place resolution (place accuracy n/a)"
    )


# ---------------------------------------------------------------------------------------------------------
# records
# ---------------------------------------------------------------------------------------------------------


@dataclass
class Pred:
    """One predicted project, flattened from geo.model.Project (+ Location when geocoded)."""

    source: str
    name: str
    category: str
    county_adcode: str | None = None
    precision: str | None = None
    capacity_text: str | None = None
    capacity_value: float | None = None
    capacity_unit: str | None = None
    owner: str | None = None
    responsible_units: list[str] = field(default_factory=list)
    offshore: bool = False
    quote: str = ""
    located: bool = False  # False: place attributes unknown (not geocoded)


@dataclass
class PredTarget:
    source: str
    indicator: str
    value: float
    unit: str
    year: int | None
    quote: str = ""


# ---------------------------------------------------------------------------------------------------------
# name matching
# ---------------------------------------------------------------------------------------------------------

_PUNCT = re.compile(r"[\s\"'“”‘’「」『』《》〈〉<>()（）\[\]【】、，,。.·•・:：;；!！?？\-—–－_~～/]+")
_SUFFIXES = ("项目", "工程", "建设")


def normalize_name(name: str) -> str:
    """NFKC, no spaces or punctuation, lower-case, without trailing 项目/工程/建设."""
    s = unicodedata.normalize("NFKC", name or "").lower()
    s = _PUNCT.sub("", s)
    changed = True
    while changed and s:
        changed = False
        for suffix in _SUFFIXES:
            if s.endswith(suffix) and len(s) > len(suffix):
                s = s[: -len(suffix)]
                changed = True
    return s


_RE_CLOSING_NOTE = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _key_tokens(gold: dict) -> list[str]:
    """Parts of a gold name that tell it apart from its siblings and must appear in a matching prediction:
    the township's short name, and the owner when the name contains it."""
    keys: list[str] = []
    name = normalize_name(gold.get("name", ""))
    township = gold.get("township")
    if township:
        short = re.sub(r"(镇|乡|街道|办事处)$", "", township)
        if short and normalize_name(short) in name:
            keys.append(normalize_name(short))
    owner = gold.get("owner")
    if owner and normalize_name(owner) in name:
        keys.append(normalize_name(owner))
    return keys


def name_score(pred_name: str, gold: dict) -> float:
    """Similarity in [0, 1] of a predicted name to a gold project (its name and aliases); 0 = no match.

    Equal normalized names score 1. Otherwise one must be an in-order subsequence of the other (containment
    is the common case) with length ratio >= NAME_RATIO, and the prediction must keep the gold name's
    distinguishing township/owner (so `五莲县抽水蓄能电站` does not match `五莲县街头抽水蓄能电站`).
    """
    p = normalize_name(pred_name)
    if not p:
        return 0.0
    names = [gold.get("name", ""), *list(gold.get("aliases") or [])]
    # a closing bracketed note is an appositive, not part of the name: `甲储能中心项目(乙区储能电站)`
    names += [_RE_CLOSING_NOTE.sub("", n) for n in names if _RE_CLOSING_NOTE.search(n or "")]
    keys = _key_tokens(gold)
    best = 0.0
    for candidate in names:
        g = normalize_name(candidate)
        if not g:
            continue
        if p == g:
            return 1.0
        short, long = (p, g) if len(p) <= len(g) else (g, p)
        ratio = len(short) / len(long)
        if ratio < NAME_RATIO or not _is_subsequence(short, long):
            continue
        if any(k not in p for k in keys):
            continue
        score = 0.5 + 0.49 * ratio  # below an exact match, ordered by how much of the name is shared
        if short in long:
            score += 0.005  # contiguous containment beats a scattered subsequence
        best = max(best, score)
    return best


def match_projects(preds: list[Pred], golds: list[dict]) -> list[tuple[int, int, float]]:
    """One-to-one greedy matching by best score within the same source: (pred index, gold index, score)."""
    pairs: list[tuple[float, int, int]] = []
    for i, pred in enumerate(preds):
        for j, gold in enumerate(golds):
            if pred.source != gold.get("_source"):
                continue
            score = name_score(pred.name, gold)
            if score > 0:
                pairs.append((score, i, j))
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    out: list[tuple[int, int, float]] = []
    for score, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j, score))
    return sorted(out, key=lambda t: t[1])


# ---------------------------------------------------------------------------------------------------------
# attribute comparisons
# ---------------------------------------------------------------------------------------------------------


def normalize_unit_name(unit: str) -> str:
    s = unicodedata.normalize("NFKC", unit or "")
    s = re.sub(r"\s+", "", s)
    s = s.strip("、，,。.；;：:()（）[]【】〔〕")
    s = re.sub(r"等$", "", s)
    return s


def units_equal(pred: list[str], gold: list[str]) -> bool:
    a = {normalize_unit_name(u) for u in pred} - {""}
    b = {normalize_unit_name(u) for u in gold} - {""}
    return a == b


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= VALUE_TOLERANCE * max(abs(b), 1e-9)


def capacity_equal(pred: Pred, gold: dict) -> bool:
    """Value within 1 % and same unit; or, for size classes and texts without a value, both values null and
    the same text (spaces ignored)."""
    g_value = gold.get("capacity_value")
    if g_value is not None:
        return (
            pred.capacity_value is not None
            and pred.capacity_unit == gold.get("capacity_unit")
            and _close(float(pred.capacity_value), float(g_value))
        )
    if pred.capacity_value is not None:
        return False
    g_text = normalize_name(gold.get("capacity_text") or "")
    p_text = normalize_name(pred.capacity_text or "")
    return g_text == p_text


def _has_capacity(pred: Pred, gold: dict) -> bool:
    return bool(
        gold.get("capacity_text")
        or gold.get("capacity_value") is not None
        or pred.capacity_text
        or pred.capacity_value is not None
    )


def _norm_owner(owner: str | None) -> str:
    return normalize_name(owner or "")


def owner_equal(pred: Pred, gold: dict) -> bool:
    accepted = [gold.get("owner"), *list(gold.get("alt_owner") or [])]
    p = _norm_owner(pred.owner)
    for candidate in accepted:
        g = _norm_owner(candidate)
        if p == g or (p and g and (p in g or g in p)):
            return True
    return False


def category_equal(pred: Pred, gold: dict) -> bool:
    return pred.category in [gold.get("category"), *list(gold.get("alt_category") or [])]


def county_equal(pred: Pred, gold: dict) -> bool:
    return pred.county_adcode in [gold.get("county_adcode"), *list(gold.get("alt_county_adcode") or [])]


def precision_equal(pred: Pred, gold: dict) -> bool:
    return pred.precision in [gold.get("precision"), *list(gold.get("alt_precision") or [])]


# ---------------------------------------------------------------------------------------------------------
# scoring
# ---------------------------------------------------------------------------------------------------------


def _prf(tp_p: int, n_pred: int, tp_r: int, n_gold: int) -> dict:
    precision = tp_p / n_pred if n_pred else None
    recall = tp_r / n_gold if n_gold else None
    f1 = (
        (2 * precision * recall / (precision + recall))
        if precision and recall
        else (0.0 if n_pred and n_gold else None)
    )
    return {
        "gold": n_gold,
        "pred": n_pred,
        "matched_gold": tp_r,
        "matched_pred": tp_p,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def score_projects(
    preds: list[Pred],
    golds: list[dict],
    borderlines: list[dict] | None = None,
    energy: frozenset[str] | None = None,
) -> dict:
    """Detection P/R/F1 by category plus attribute accuracy on matched pairs.

    `golds` and `borderlines` are gold entries carrying `_source` (the plan's file name)."""
    from geo.vocab import ENERGY_CATEGORIES

    energy = energy if energy is not None else ENERGY_CATEGORIES
    borderlines = borderlines or []
    matches = match_projects(preds, golds)
    matched_p = {i for i, _, _ in matches}
    matched_g = {j for _, j, _ in matches}
    rest = [k for k in range(len(preds)) if k not in matched_p]
    lenient_pairs = match_projects([preds[k] for k in rest], borderlines)
    lenient = {rest[i] for i, _, _ in lenient_pairs}
    scored = [k for k in range(len(preds)) if k not in lenient]  # predictions that count for precision

    def block(gold_sel, pred_sel) -> dict:
        g_idx = [j for j in range(len(golds)) if gold_sel(golds[j])]
        p_idx = [k for k in scored if pred_sel(preds[k])]
        return _prf(
            sum(1 for k in p_idx if k in matched_p),
            len(p_idx),
            sum(1 for j in g_idx if j in matched_g),
            len(g_idx),
        )

    categories = sorted({g["category"] for g in golds} | {preds[k].category for k in scored})
    by_category = {
        c: block(lambda g, c=c: g["category"] == c, lambda p, c=c: p.category == c) for c in categories
    }
    energy_block = block(lambda g: g["category"] in energy, lambda p: p.category in energy)
    all_block = block(lambda g: True, lambda p: True)
    sources = sorted({g["_source"] for g in golds} | {preds[k].source for k in scored})
    by_source = {s: block(lambda g, s=s: g["_source"] == s, lambda p, s=s: p.source == s) for s in sources}

    checks = {
        "category": (lambda p, g: True, category_equal),
        "county": (lambda p, g: p.located, county_equal),
        "precision": (lambda p, g: p.located, precision_equal),
        "capacity": (_has_capacity, capacity_equal),
        "responsible_units": (
            lambda p, g: True,
            lambda p, g: units_equal(p.responsible_units, g.get("responsible_units") or []),
        ),
        "owner": (lambda p, g: True, owner_equal),
        "offshore": (lambda p, g: True, lambda p, g: bool(p.offshore) == bool(g.get("offshore"))),
    }
    accuracy: dict[str, dict] = {}
    attribute_errors: list[dict] = []
    for key, (applies, equal) in checks.items():
        n = ok = 0
        for i, j, _ in matches:
            p, g = preds[i], golds[j]
            if not applies(p, g):
                continue
            n += 1
            if equal(p, g):
                ok += 1
            else:
                attribute_errors.append(
                    {
                        "source": g["_source"],
                        "gold": g["name"],
                        "pred": p.name,
                        "attribute": key,
                        "expected": _expected(key, g),
                        "got": _got(key, p),
                    }
                )
        accuracy[key] = {"n": n, "correct": ok, "accuracy": (ok / n) if n else None}

    return {
        "by_category": by_category,
        "energy": energy_block,
        "all": all_block,
        "by_source": by_source,
        "accuracy": accuracy,
        "lenient": len(lenient),
        "misses": [
            {"source": golds[j]["_source"], "name": golds[j]["name"], "category": golds[j]["category"]}
            for j in range(len(golds))
            if j not in matched_g
        ],
        "false_positives": [
            {
                "source": preds[k].source,
                "name": preds[k].name,
                "category": preds[k].category,
                "quote": preds[k].quote,
            }
            for k in scored
            if k not in matched_p
        ],
        "matches": [
            {
                "source": golds[j]["_source"],
                "gold": golds[j]["name"],
                "pred": preds[i].name,
                "score": round(s, 3),
            }
            for i, j, s in matches
        ],
        "attribute_errors": attribute_errors,
    }


def _expected(key: str, g: dict):
    if key == "capacity":
        return [g.get("capacity_text"), g.get("capacity_value"), g.get("capacity_unit")]
    if key == "county":
        return [g.get("county_adcode"), *(g.get("alt_county_adcode") or [])]
    if key in ("category", "precision", "owner"):
        return [g.get(key), *(g.get(f"alt_{key}") or [])]
    return g.get(key)


def _got(key: str, p: Pred):
    if key == "capacity":
        return [p.capacity_text, p.capacity_value, p.capacity_unit]
    if key == "county":
        return p.county_adcode
    return getattr(p, key)


def target_matches(pred: PredTarget, gold: dict) -> bool:
    if pred.source != gold.get("_source"):
        return False
    if pred.year != gold.get("year"):
        return False
    if not gold.get("optional") and pred.indicator != gold.get("indicator"):
        return False
    try:
        return _close(float(pred.value), float(gold["value"]))
    except (TypeError, ValueError):
        return False


def score_targets(preds: list[PredTarget], golds: list[dict]) -> dict:
    """Greedy one-to-one: core golds first (exact indicator), then optional ones."""
    order = sorted(range(len(golds)), key=lambda j: bool(golds[j].get("optional")))
    used: set[int] = set()
    pair: dict[int, int] = {}
    for j in order:
        for i, pred in enumerate(preds):
            if i in used:
                continue
            if target_matches(pred, golds[j]):
                used.add(i)
                pair[j] = i
                break
    core = [j for j in range(len(golds)) if not golds[j].get("optional")]
    tp = sum(1 for j in core if j in pair)
    optional_matched = sum(1 for j in pair if golds[j].get("optional"))
    fps = [i for i in range(len(preds)) if i not in used and preds[i].indicator != "other"]
    n_pred = tp + len(fps)
    result = _prf(tp, n_pred, tp, len(core))
    result["optional_gold"] = len(golds) - len(core)
    result["optional_matched"] = optional_matched
    result["ignored_pred"] = len(preds) - n_pred
    indicators = sorted({golds[j]["indicator"] for j in core} | {preds[i].indicator for i in fps})
    result["by_indicator"] = {
        ind: _prf(
            sum(1 for j in core if j in pair and golds[j]["indicator"] == ind),
            sum(1 for j in core if j in pair and golds[j]["indicator"] == ind)
            + sum(1 for i in fps if preds[i].indicator == ind),
            sum(1 for j in core if j in pair and golds[j]["indicator"] == ind),
            sum(1 for j in core if golds[j]["indicator"] == ind),
        )
        for ind in indicators
    }
    result["misses"] = [
        {
            "source": golds[j]["_source"],
            "indicator": golds[j]["indicator"],
            "value": golds[j]["value"],
            "unit": golds[j]["unit"],
            "year": golds[j]["year"],
            "quote": golds[j]["quote"],
        }
        for j in core
        if j not in pair
    ]
    result["false_positives"] = [asdict(preds[i]) for i in fps]
    return result


# ---------------------------------------------------------------------------------------------------------
# gold files
# ---------------------------------------------------------------------------------------------------------


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


def validate_gold(data: dict, codes: set[str] | None = None) -> list[str]:
    """Problems with one gold document: keys, vocabulary, units, precision levels, adcodes (when `codes`)."""
    from geo.vocab import CATEGORIES, ENERGY_CATEGORIES, TARGET_INDICATORS

    problems: list[str] = []
    for key in ("source", "region", "region_adcode", "projects", "targets"):
        if key not in data:
            problems.append(f"missing key {key!r}")
    if problems:
        return problems

    def code_ok(code, where):
        if code is not None and codes is not None and code not in codes:
            problems.append(f"{where}: adcode {code} not in layers/admin_units.csv")

    code_ok(data["region_adcode"], "region")
    for p in data["projects"]:
        where = f"project {p.get('name')!r}"
        for key in (
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
        ):
            if key not in p:
                problems.append(f"{where}: missing {key!r}")
        cats = [p.get("category"), *(p.get("alt_category") or [])]
        for c in cats:
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
        code_ok(p.get("county_adcode"), where)
        for code in p.get("alt_county_adcode") or []:
            code_ok(code, where)
        if not isinstance(p.get("responsible_units"), list):
            problems.append(f"{where}: responsible_units must be a list")
    for t in data["targets"]:
        where = f"target {t.get('indicator')} {t.get('value')} {t.get('year')}"
        for key in ("region", "region_adcode", "indicator", "value", "unit", "year", "quote"):
            if key not in t:
                problems.append(f"{where}: missing {key!r}")
        if t.get("indicator") not in TARGET_INDICATORS:
            problems.append(f"{where}: unknown indicator {t.get('indicator')!r}")
        if not t.get("optional") and t.get("unit") not in TARGET_CORE_UNITS:
            problems.append(f"{where}: unit {t.get('unit')!r} not normalized")
        if t.get("indicator") == "other" and not t.get("label"):
            problems.append(f"{where}: indicator other needs a label")
        code_ok(t.get("region_adcode"), where)
    for b in data.get("borderline") or []:
        if not b.get("name") or not b.get("reason"):
            problems.append(f"borderline entry without name/reason: {b!r}")
    return problems


# ---------------------------------------------------------------------------------------------------------
# running the pipeline
# ---------------------------------------------------------------------------------------------------------


def _plan_path(gold: GoldFile, plans: Path | None) -> Path:
    for folder in ([plans] if plans else []) + [gold.path.parent, SEEDS_DIR]:
        candidate = folder / gold.source
        if candidate.exists():
            return candidate
    raise UserError(
        f"plan {gold.source} for gold file {gold.path} not found (looked in "
        f"{plans or gold.path.parent} and {SEEDS_DIR})"
    )


def _load_geocoder():
    try:
        from geo.geocode import Geocoder
    except Exception as exc:  # not written yet, or broken: place accuracy is n/a
        return None, f"geo.geocode not importable ({type(exc).__name__}: {exc})"
    try:
        return Geocoder.default(), None
    except Exception as exc:
        return None, f"Geocoder.default() failed ({type(exc).__name__}: {exc})"


def predict(plan_path: Path, geocoder) -> tuple[list[Pred], list[PredTarget]]:
    from geo.extract import extract
    from geo.ingest import read_plan
    from geo.parse import parse_document

    plan = read_plan(plan_path)
    doc = parse_document(plan)
    result = extract(doc)
    source = plan_path.name
    preds: list[Pred] = []
    for project in result.projects:
        cap = project.capacity
        pred = Pred(
            source=source,
            name=project.name,
            category=project.category,
            capacity_text=cap.text if cap else None,
            capacity_value=cap.value if cap else None,
            capacity_unit=cap.unit if cap else None,
            owner=project.owner,
            responsible_units=list(project.responsible_units),
            offshore=bool(project.offshore),
            quote=project.quote if project.spans else "",
        )
        if geocoder is not None:
            pred.located = True
            try:
                located = geocoder.locate(project)
            except Exception:  # a geocoder crash on one project counts as unresolved
                located = None
            location = getattr(located, "location", None)
            if location is not None:
                pred.county_adcode = location.county_adcode
                pred.precision = location.precision
                pred.offshore = bool(location.offshore or project.offshore)
        preds.append(pred)
    targets = [PredTarget(source, t.indicator, t.value, t.unit, t.year, t.quote) for t in result.targets]
    return preds, targets


def evaluate(gold_files: list[GoldFile], plans: Path | None = None, geocode: bool = True) -> dict:
    geocoder, geocode_note = (None, "skipped (--no-geocode)")
    if geocode:
        geocoder, geocode_note = _load_geocoder()
    golds: list[dict] = []
    borderlines: list[dict] = []
    gold_targets: list[dict] = []
    preds: list[Pred] = []
    pred_targets: list[PredTarget] = []
    failures: dict[str, str] = {}
    for gf in gold_files:
        source = gf.source
        golds += [{**p, "_source": source} for p in gf.data["projects"]]
        borderlines += [{**b, "_source": source} for b in gf.data.get("borderline") or []]
        gold_targets += [{**t, "_source": source} for t in gf.data["targets"]]
        path = _plan_path(gf, plans)
        try:
            p, t = predict(path, geocoder)
        except ImportError as exc:
            raise UserError(f"the extraction pipeline is not available yet: {exc}") from exc
        except Exception as exc:  # one broken plan must not stop the evaluation
            failures[source] = f"{type(exc).__name__}: {exc}"
            continue
        preds += p
        pred_targets += t
    return {
        "gold_folder": str(gold_files[0].path.parent) if gold_files else None,
        "files": [gf.source for gf in gold_files],
        "geocoding": "on" if geocoder is not None else f"n/a: {geocode_note}",
        "failures": failures,
        "projects": score_projects(preds, golds, borderlines),
        "targets": score_targets(pred_targets, gold_targets),
        "predictions": [asdict(p) for p in preds],
        "links": link_scores(gold_files, plans, geocoder),
    }


# ---------------------------------------------------------------------------------------------------------
# report
# ---------------------------------------------------------------------------------------------------------


def _fmt(x) -> str:
    return "  n/a" if x is None else f"{x:5.2f}"


def _row(label: str, b: dict) -> str:
    return (
        f"{label:<16}{b['gold']:>6}{b['pred']:>6}{b['matched_gold']:>7}"
        f"  {_fmt(b['precision'])} {_fmt(b['recall'])} {_fmt(b['f1'])}"
    )


def format_report(result: dict, show_errors: bool = False) -> str:
    from geo.vocab import CATEGORIES

    pr = result["projects"]
    lines = [
        f"Evaluation on {len(result['files'])} plan(s) from {result['gold_folder']}",
        f"geocoding: {result['geocoding']}",
    ]
    for source, message in result["failures"].items():
        lines.append(f"FAILED {source}: {message}")
    lines += ["", "Projects", f"{'category':<16}{'gold':>6}{'pred':>6}{'match':>7}      P     R    F1"]
    for cat, b in pr["by_category"].items():
        label = f"{cat} {CATEGORIES.get(cat, ('?',))[0]}"
        lines.append(_row(label, b))
    lines.append("-" * 52)
    lines.append(_row("energy", pr["energy"]))
    lines.append(_row("all", pr["all"]))
    lines.append(f"(predictions matching a borderline gold entry, not counted: {pr['lenient']})")
    lines += ["", "By plan", f"{'source':<16}{'gold':>6}{'pred':>6}{'match':>7}      P     R    F1"]
    for source, b in pr["by_source"].items():
        lines.append(_row(source[:15], b))
    lines += ["", "Attribute accuracy on matched pairs"]
    for key, a in pr["accuracy"].items():
        value = "n/a" if a["accuracy"] is None else f"{a['accuracy']:.2f}"
        lines.append(f"  {key:<18}{value:>6}  ({a['correct']}/{a['n']})")
    t = result["targets"]
    lines += [
        "",
        "Targets (indicator, year, value within 1 %)",
        f"  core gold {t['gold']}, predicted (counted) {t['pred']}, matched {t['matched_gold']}:"
        f"  P {_fmt(t['precision'])}  R {_fmt(t['recall'])}  F1 {_fmt(t['f1'])}",
        f"  optional gold {t['optional_gold']} (matched {t['optional_matched']});"
        f" predictions not counted {t['ignored_pred']}",
    ]
    for ind, b in t["by_indicator"].items():
        lines.append(
            f"    {ind:<16} gold {b['gold']:>3}  pred {b['pred']:>3}  matched {b['matched_gold']:>3}"
        )
    lines += format_links(result.get("links"), show_errors)
    if show_errors:
        lines += ["", "Missed projects"]
        lines += [f"  {m['source']}  [{m['category']}] {m['name']}" for m in pr["misses"]] or ["  none"]
        lines += ["", "False positives"]
        lines += [f"  {m['source']}  [{m['category']}] {m['name']}" for m in pr["false_positives"]] or [
            "  none"
        ]
        lines += ["", "Attribute errors"]
        lines += [
            f"  {e['source']}  {e['gold']}  {e['attribute']}: expected {e['expected']}, got {e['got']}"
            for e in pr["attribute_errors"]
        ] or ["  none"]
        lines += ["", "Missed targets"]
        lines += [
            f"  {m['source']}  {m['indicator']} {m['value']} {m['unit']} {m['year']}  {m['quote'][:60]}"
            for m in t["misses"]
        ] or ["  none"]
        lines += ["", "False-positive targets"]
        lines += [
            f"  {m['source']}  {m['indicator']} {m['value']} {m['unit']} {m['year']}  {m['quote'][:60]}"
            for m in t["false_positives"]
        ] or ["  none"]
    return "\n".join(lines)


def _write_json(path: Path, result: dict) -> None:
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc}") from exc


def run(args) -> int:
    from geo import devset

    folder = devset.resolve_folder(Path(args.gold))
    dev = devset.is_devset(folder)
    gold_files = devset.load_devset(folder) if dev else load_gold(folder)
    result = evaluate(gold_files, plans=args.plans, geocode=not args.no_geocode)
    print(format_report(result, show_errors=args.show_errors))
    if dev:
        result["devset"] = devset.summarize(result, gold_files)
        print(devset.format_summary(result["devset"], show_errors=args.show_errors))
    if args.json:
        _write_json(args.json, result)
        print(f"\nwrote {args.json}", file=sys.stderr)
    return 0

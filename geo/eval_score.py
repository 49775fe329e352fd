"""Scoring predictions against gold entries: one-to-one matching (match_projects), detection P/R/F1 by category,
energy and plan, attribute accuracy on matched pairs (score_projects) and targets (score_targets).

Gold entries are dicts of the gold files carrying `_source` (the plan's file name); predictions are the plain
records of geo.eval_records.
"""

from __future__ import annotations

from dataclasses import asdict

from geo.eval_compare import (
    capacity_equal,
    category_equal,
    county_equal,
    has_capacity,
    line_ends_equal,
    name_score,
    owner_equal,
    precision_equal,
    units_equal,
    values_close,
)
from geo.eval_records import Pred, PredTarget


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

    accuracy, attribute_errors = _attribute_accuracy(preds, golds, matches)

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


# attribute -> (whether it is scored on a matched pair, whether the prediction has it right)
_ATTRIBUTE_CHECKS = {
    "category": (lambda p, g: True, category_equal),
    "county": (lambda p, g: p.located, county_equal),
    "precision": (lambda p, g: p.located, precision_equal),
    "capacity": (has_capacity, capacity_equal),
    "responsible_units": (
        lambda p, g: True,
        lambda p, g: units_equal(p.responsible_units, g.get("responsible_units") or []),
    ),
    "owner": (lambda p, g: True, owner_equal),
    "offshore": (lambda p, g: True, lambda p, g: bool(p.offshore) == bool(g.get("offshore"))),
    "status": (lambda p, g: "status" in g, lambda p, g: p.status == g["status"]),
    "line_ends": (lambda p, g: "line_ends" in g, line_ends_equal),
}


def _attribute_accuracy(
    preds: list[Pred], golds: list[dict], matches: list[tuple[int, int, float]]
) -> tuple[dict[str, dict], list[dict]]:
    """Accuracy of each attribute on the matched pairs it applies to, and the pairs that got it wrong."""
    accuracy: dict[str, dict] = {}
    attribute_errors: list[dict] = []
    for key, (applies, equal) in _ATTRIBUTE_CHECKS.items():
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
    return accuracy, attribute_errors


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
        return values_close(float(pred.value), float(gold["value"]))
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

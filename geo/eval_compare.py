"""Comparing a predicted project with a gold one: names (normalize_name, name_score) and attributes (category,
county, precision, capacity, responsible units, owner). See tests/eval/README.md for the conventions.
"""

from __future__ import annotations

import re
import unicodedata

from geo.eval_records import Pred

NAME_RATIO = 0.6  # shorter / longer normalized name, when one is an in-order subsequence of the other
VALUE_TOLERANCE = 0.01

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


def values_close(a: float, b: float) -> bool:
    return abs(a - b) <= VALUE_TOLERANCE * max(abs(b), 1e-9)


def capacity_equal(pred: Pred, gold: dict) -> bool:
    """Value within 1 % and same unit; or, for size classes and texts without a value, both values null and
    the same text (spaces ignored)."""
    g_value = gold.get("capacity_value")
    if g_value is not None:
        return (
            pred.capacity_value is not None
            and pred.capacity_unit == gold.get("capacity_unit")
            and values_close(float(pred.capacity_value), float(g_value))
        )
    if pred.capacity_value is not None:
        return False
    g_text = normalize_name(gold.get("capacity_text") or "")
    p_text = normalize_name(pred.capacity_text or "")
    return g_text == p_text


def has_capacity(pred: Pred, gold: dict) -> bool:
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


def _norm_end(end: str) -> str:
    """A line end without voltage debris and without a closing admin suffix: `千伏冠县` and `冠` compare equal."""
    from geo.placebase import clean_end

    end = normalize_name(clean_end(end))
    return end[:-1] if len(end) > 1 and end[-1] in "省市县区镇乡" else end


def line_ends_equal(pred: Pred, gold: dict) -> bool:
    """Both ends, in either order."""
    if not pred.line_ends:
        return False
    return sorted(map(_norm_end, pred.line_ends)) == sorted(map(_norm_end, gold["line_ends"]))


def precision_equal(pred: Pred, gold: dict) -> bool:
    return pred.precision in [gold.get("precision"), *list(gold.get("alt_precision") or [])]

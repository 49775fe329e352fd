"""Filtering a catalog's projects, and the filters' URL form (so a link reproduces the view):

    filters, warnings = Filters.from_query_params(params, known=catalog.known_values())
    shown = apply_filters(catalog.projects, filters)    # pure: a filtered copy
    filters.to_query_params()                           # -> dict for a URL that reproduces the view

Filter semantics (documented here once):
- list filters (plans, categories, cities, counties, precisions, years, statuses): empty = no restriction,
  else the value must be one of the listed ones (status "unknown": no document states a stage);
- capacity_min / capacity_max are in MW and inclusive; when either is set, only projects whose capacity is a
  value in MW are kept (a capacity in Mt/a or a size class such as 百万千瓦级 has no MW value to compare);
- unit_query: case-insensitive substring of any responsible unit; name_query: case-insensitive substring of
  the project's name or owner.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from geo.catalog import CAPACITY_UNIT, PRECISIONS, REVIEW_STATUSES, STATUSES, UNKNOWN_STATUS
from geo.urlvalues import YEAR_RANGE, capped, cut_query, last_value, parse_capacity, parse_year, shown

# query parameter <-> field
_LIST_KEYS = {
    "plans": "plan",
    "categories": "category",
    "cities": "city",
    "counties": "county",
    "precisions": "precision",
    "years": "year",
    "statuses": "status",
    "review_statuses": "review",
}
_SCALAR_KEYS = {"capacity_min": "cap_min", "capacity_max": "cap_max", "unit_query": "unit", "name_query": "q"}
FILTER_PARAM_KEYS = frozenset([*_LIST_KEYS.values(), *_SCALAR_KEYS.values()])


@dataclass
class Filters:
    plans: list[str] = field(default_factory=list)  # source file names
    categories: list[str] = field(default_factory=list)  # geo.vocab.CATEGORIES codes
    cities: list[str] = field(default_factory=list)
    counties: list[str] = field(default_factory=list)
    precisions: list[str] = field(default_factory=list)
    capacity_min: float | None = None  # MW
    capacity_max: float | None = None  # MW
    years: list[int] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)  # geo.history.STATUS_WORDS codes or UNKNOWN_STATUS
    review_statuses: list[str] = field(default_factory=list)  # REVIEW_STATUSES
    unit_query: str = ""
    name_query: str = ""

    def is_empty(self) -> bool:
        return self == Filters()

    def to_query_params(self) -> dict[str, list[str] | str]:
        """Only the filters that are set; lists as repeated keys (st.query_params accepts lists)."""
        out: dict[str, list[str] | str] = {}
        for attr, key in _LIST_KEYS.items():
            values = getattr(self, attr)
            if values:
                out[key] = [str(v) for v in values]
        for attr in ("capacity_min", "capacity_max"):
            value = getattr(self, attr)
            if value is not None:
                out[_SCALAR_KEYS[attr]] = f"{value:g}"
        for attr in ("unit_query", "name_query"):
            value = getattr(self, attr).strip()
            if value:
                out[_SCALAR_KEYS[attr]] = value
        return out

    @classmethod
    def from_query_params(
        cls,
        params: Mapping[str, Any],
        known: Mapping[str, Iterable] | None = None,
        ignore: Iterable[str] = (),
    ) -> tuple[Filters, list[str]]:
        """Filters from URL query parameters; never raises.

        `params` maps a key to a string or a list of strings (repeated keys); list filters also accept
        comma-separated values (except `plan`). Values that are not valid (an unknown category code, a year
        that is not a number, a city not in `known`...) are dropped with a warning naming the value. Keys in
        `ignore` (the app's own parameters) are skipped; other unknown keys give a warning too."""
        known = {k: set(map(str, v)) for k, v in (known or {}).items()}
        ignore = set(ignore)
        warnings = [
            f"unknown parameter {shown(key)} ignored"
            for key in params
            if key not in FILTER_PARAM_KEYS and key not in ignore
        ]
        values: dict[str, Any] = {
            attr: _list_values(attr, key, _raw_list(params, key), known, warnings)
            for attr, key in _LIST_KEYS.items()
        }
        values.update(_capacities(params, warnings))
        for attr in ("unit_query", "name_query"):
            raw = last_value(params, _SCALAR_KEYS[attr])
            if raw:
                values[attr], warning = cut_query(_SCALAR_KEYS[attr], raw)
                warnings += [warning] if warning else []
        return cls(**values), capped(warnings)

    def replace(self, **changes) -> Filters:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data.update(changes)
        return Filters(**data)


def _raw_list(params: Mapping[str, Any], key: str) -> list[str]:
    """The values given for `key`, repeated or comma-separated (but not `plan`), each once."""
    raw = params.get(key)
    if raw is None:
        return []
    items = raw if isinstance(raw, (list, tuple)) else [raw]
    out: list[str] = []
    for item in items:
        parts = [str(item)] if key == "plan" else str(item).split(",")
        out.extend(p.strip() for p in parts if p.strip())
    return list(dict.fromkeys(out))


def _list_values(attr: str, key: str, raw: list[str], known: dict[str, set], warnings: list[str]) -> list:
    """The valid values of one list filter; a warning for each value dropped."""
    from geo.vocab import CATEGORIES

    allowed = {
        "categories": CATEGORIES,
        "precisions": PRECISIONS,
        "statuses": STATUSES,
        "review_statuses": REVIEW_STATUSES,
    }
    good: list = []
    for v in raw:
        if attr == "years":
            year = parse_year(v)
            if year is None:
                warnings.append(f"year {shown(v)} is not a year ({YEAR_RANGE[0]}-{YEAR_RANGE[1]}); ignored")
            elif year not in good:
                good.append(year)
            continue
        ok = v in allowed[attr] if attr in allowed else (attr not in known or v in known[attr])
        if not ok:
            warnings.append(f"{key} {shown(v)} is not known; ignored")
            continue
        good.append(v)
    return good


def _capacities(params: Mapping[str, Any], warnings: list[str]) -> dict[str, float]:
    """capacity_min / capacity_max from cap_min / cap_max, swapped when the minimum is above the maximum."""
    values: dict[str, float] = {}
    for attr in ("capacity_min", "capacity_max"):
        key = _SCALAR_KEYS[attr]
        raw = last_value(params, key)
        if raw is None or raw == "":
            continue
        num = parse_capacity(raw)
        if num is None:
            warnings.append(f"{key} {shown(raw)} is not a capacity in MW (a number from 0 to 1e7); ignored")
            continue
        values[attr] = num
    lo, hi = values.get("capacity_min"), values.get("capacity_max")
    if lo is not None and hi is not None and lo > hi:
        warnings.append(f"cap_min {lo:g} is above cap_max {hi:g}; swapped")
        values["capacity_min"], values["capacity_max"] = hi, lo
    return values


def apply_filters(projects, filters: Filters):
    """The projects that pass every filter (a copy; the input is not changed)."""
    import pandas as pd

    mask = pd.Series(True, index=projects.index)
    if filters.plans:
        plans = set(filters.plans)
        mask &= projects["sources"].map(lambda files: bool(plans & set(files or []))).astype(bool)
    for attr, col in (
        ("categories", "category"),
        ("cities", "city"),
        ("counties", "county"),
        ("precisions", "precision"),
    ):
        values = getattr(filters, attr)
        if values:
            mask &= projects[col].isin(list(values))
    if filters.statuses:
        mask &= projects["status"].fillna(UNKNOWN_STATUS).isin(list(filters.statuses)).astype(bool)
    if filters.review_statuses:
        review = projects["review_status"].fillna("unreviewed")
        mask &= review.isin(list(filters.review_statuses)).astype(bool)
    if filters.years:
        mask &= projects["target_year"].isin(list(filters.years)).fillna(False).astype(bool)
    if filters.capacity_min is not None or filters.capacity_max is not None:
        cap = projects["capacity_value"]
        ok = projects["capacity_unit"].eq(CAPACITY_UNIT).fillna(False).astype(bool) & cap.notna()
        if filters.capacity_min is not None:
            ok &= cap >= filters.capacity_min
        if filters.capacity_max is not None:
            ok &= cap <= filters.capacity_max
        mask &= ok.fillna(False).astype(bool)
    if filters.unit_query.strip():
        q = filters.unit_query.strip().lower()
        mask &= projects["responsible_units"].map(lambda units: any(q in str(u).lower() for u in units or []))
    if filters.name_query.strip():
        q = filters.name_query.strip().lower()
        name = projects["name"].fillna("").str.lower()
        owner = projects["owner"].fillna("").str.lower()
        mask &= name.str.contains(q, regex=False) | owner.str.contains(q, regex=False)
    return projects[mask.astype(bool)].copy()

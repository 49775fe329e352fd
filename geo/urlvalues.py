"""Values typed into the app's URL, parsed as hostile input: never an exception, a warning naming the value.

Every parser here turns a string into a value or None; a URL can hold anything a browser sends: ``inf``,
``1e400``, ``nan``, ``-2030``, an empty value, 100 kB of text. Warnings quote at most
:data:`SHOWN_CHARS` characters of a value and a page shows at most :data:`MAX_WARNINGS` of them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

YEAR_RANGE = (1990, 2100)
MAX_CAPACITY_MW = 1e7  # 10 TW: more than any region's whole grid, so not a capacity filter
MAX_QUERY_CHARS = 200  # a name or unit search longer than this is cut (with a warning)
MAX_NUMBER_CHARS = 32
SHOWN_CHARS = 40
MAX_WARNINGS = 10
_YEAR = re.compile(r"\+?(\d{1,4})(?:\.0*)?")


def shown(value: Any) -> str:
    """A value as quoted in a warning: repr, cut to SHOWN_CHARS with the full length said."""
    text = str(value)
    if len(text) <= SHOWN_CHARS:
        return repr(text)
    return f"{text[:SHOWN_CHARS]!r}… ({len(text):,} characters)"


def parse_year(text: Any) -> int | None:
    """A year in YEAR_RANGE written as digits ("2030", "2030.0"); None for anything else."""
    match = _YEAR.fullmatch(str(text).strip())
    if match is None:
        return None
    year = int(match.group(1))
    return year if YEAR_RANGE[0] <= year <= YEAR_RANGE[1] else None


def parse_capacity(text: Any) -> float | None:
    """A capacity in MW: a finite number from 0 to MAX_CAPACITY_MW; None for anything else."""
    text = str(text).strip()
    if len(text) > MAX_NUMBER_CHARS:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) and 0 <= value <= MAX_CAPACITY_MW else None


def cut_query(key: str, text: str) -> tuple[str, str | None]:
    """A search text cut to MAX_QUERY_CHARS, and the warning saying so (None when it was not cut)."""
    if len(text) <= MAX_QUERY_CHARS:
        return text, None
    return text[:MAX_QUERY_CHARS], (
        f"{key} is {len(text):,} characters long; only its first {MAX_QUERY_CHARS} are searched"
    )


def capped(warnings: list[str]) -> list[str]:
    """At most MAX_WARNINGS warnings, the rest counted in one more line."""
    if len(warnings) <= MAX_WARNINGS:
        return warnings
    rest = len(warnings) - MAX_WARNINGS
    return [*warnings[:MAX_WARNINGS], f"… and {rest:,} more values ignored"]


def last_value(params: Mapping[str, Any], key: str) -> str | None:
    """The last value of a (possibly repeated) parameter, stripped; None when absent."""
    raw = params.get(key)
    if isinstance(raw, (list, tuple)):
        raw = raw[-1] if raw else None
    return None if raw is None else str(raw).strip()


def parse_view_params(
    params: Mapping[str, Any], *, langs: Iterable[str], shades: Iterable[str], ids: Iterable[str]
) -> tuple[dict[str, Any], list[str]]:
    """The app's own view parameters (lang, shade, sel, ind, tyear): known values or None, and warnings."""
    langs, shades = tuple(langs), tuple(shades)
    view: dict[str, Any] = {
        k: last_value(params, k) or None for k in ("lang", "shade", "sel", "ind", "tyear")
    }
    warnings: list[str] = []
    if view["lang"] is not None and view["lang"] not in langs:
        warnings.append(f"lang {shown(view['lang'])} is not known ({', '.join(langs)}); ignored")
        view["lang"] = None
    if view["shade"] is not None and view["shade"] not in shades:
        warnings.append(f"shade {shown(view['shade'])} is not known ({', '.join(shades)}); ignored")
        view["shade"] = None
    if view["sel"] is not None and view["sel"] not in set(ids):
        warnings.append(f"sel {shown(view['sel'])} is not a project id of this catalog; ignored")
        view["sel"] = None
    if view["ind"] is not None and len(view["ind"]) > SHOWN_CHARS:
        view["ind"] = None  # no indicator name is that long; the shading falls back to the first
    if view["tyear"] is not None:
        year = parse_year(view["tyear"])
        if year is None:
            warnings.append(f"tyear {shown(view['tyear'])} is not a year; ignored")
        view["tyear"] = year
    return view, warnings

"""The evaluation's records of what the pipeline predicted: Pred (a project) and PredTarget (a target).

The scorer (geo.eval_score) and the comparisons (geo.eval_compare) take these plain records, so they can be
tested on hand-made predictions; geo.eval_predict makes them from a plan.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
    status: str | None = None  # the stage the document states (geo.history), scored where the gold gives one
    line_ends: tuple[str, str] | None = (
        None  # a line's two ends as extracted, scored where the gold gives them
    )


@dataclass
class PredTarget:
    source: str
    indicator: str
    value: float
    unit: str
    year: int | None
    quote: str = ""

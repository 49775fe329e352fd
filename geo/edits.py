"""Applying the edit log (geo.store) to a freshly built catalog, so that corrections survive every rebuild.

    applied = apply_edits(located, log, docs, geocoder)   # pure: new LocatedProject list + what was set aside
    write_review_files(folder, applied)                   # orphaned_edits.csv, rejected.csv
    located, summary = apply_to_build(located, store_url, docs, geocoder, folder)   # the build's one call

Edits are applied in the order they were made, keyed by the record id (the `id` column) and checked against
the source sentence the editor saw (`Edit.quote` must still be one of the record's quotes; for an added
project the sentence must still be in its plan). An edit whose record or sentence no longer exists is
*orphaned*: it is listed in `orphaned_edits.csv` with the reason, never dropped silently, and applies again
once its record comes back.

What each action does (the values an edit stores are described in geo.review, which makes them):
- review  confirm / reject: `review_status` confirmed; a rejected record leaves the map and the exports and
          is listed in `rejected.csv` with the reason (a later confirm brings it back).
- edit    name, category, owner, capacity (parsed like the extractor's), status (stage), county (the point moves to the
          county's representative point, precision `county`), township (precision `township`, in the
          record's county: townships have no coordinates, so the point is the county's).
- site    a point a person set: precision `site`, county/city from the polygon it falls in, the note says
          who set it and when.
- merge   the record is folded into another (its quotes and responsible units join it) and listed in
          rejected.csv as merged.
- add     a project the reader missed, from a sentence of a plan, placed at a county.
Exports carry `review_status` (unreviewed / confirmed / edited / added) and `edited_fields`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from geo.model import LocatedProject, Location, Project, SourceSpan
from geo.store import Edit

ORPHANED_FILE = "orphaned_edits.csv"
REJECTED_FILE = "rejected.csv"
# (name, type, description), as geo.schema's tables
ORPHANED_FIELDS: list[tuple[str, str, str]] = [
    ("seq", "int", "the edit's number in the log (order made)"),
    ("record_id", "str", "id of the record it was made on"),
    ("action", "str", "confirm | reject | edit | site | merge | add"),
    ("field", "str", "the field it changed (review, name, county ..., see geo.review)"),
    ("old_value", "str|null", "value the editor saw (JSON for structured values)"),
    ("new_value", "str|null", "value the editor set"),
    ("editor", "str", "who made it"),
    ("created_at", "str", "when (UTC, ISO 8601)"),
    ("reason", "str|null", "the editor's reason"),
    ("source", "str|null", "plan file of the sentence"),
    ("quote", "str|null", "the sentence the editor saw"),
    ("orphaned_because", "str", "why it no longer applies"),
]
REJECTED_FIELDS: list[tuple[str, str, str]] = [
    ("id", "str", "the record's id"),
    ("name", "str", "project name"),
    ("source", "str", "plan file"),
    ("quote", "str|null", "the sentence it was read from"),
    ("status", "str", "rejected | merged"),
    ("merged_into", "str|null", "id of the record it was merged into"),
    ("reason", "str|null", "the editor's reason"),
    ("editor", "str|null", "who rejected or merged it"),
    ("created_at", "str|null", "when (UTC)"),
]
BY_PERSON = "人工"


@dataclass
class _State:
    """One record while the log is applied."""

    lp: LocatedProject
    review: str = "unreviewed"  # unreviewed | confirmed | rejected
    added: bool = False
    edited: list[str] = field(default_factory=list)
    merged_into: str | None = None
    decided_by: Edit | None = None  # the edit that rejected or merged it


@dataclass
class Applied:
    located: list[LocatedProject]
    orphaned: list[dict[str, Any]]
    rejected: list[dict[str, Any]]

    def summary(self) -> dict[str, Any]:
        from collections import Counter

        statuses = Counter(lp.review_status for lp in self.located)
        return {
            "by_review_status": dict(sorted(statuses.items())),
            "rejected": sum(1 for r in self.rejected if r["status"] == "rejected"),
            "merged": sum(1 for r in self.rejected if r["status"] == "merged"),
            "orphaned_edits": len(self.orphaned),
        }


def squeeze(text: str | None) -> str:
    """A sentence compared without whitespace (a rebuild may re-wrap a line)."""
    return re.sub(r"\s+", "", text or "")


# ---------------------------------------------------------------------- applying


def apply_edits(located: list[LocatedProject], log: Iterable[Edit], docs: Iterable, geocoder) -> Applied:
    """The catalog after the log: rejected and merged records set aside, added ones appended (in log order).

    ``docs``: the build's geo.model.Document objects (an added project's sentence is checked in their text);
    ``geocoder``: geo.geocode.Geocoder (admin units with representative points and polygons)."""
    plans = {d.source: d for d in docs}
    states = {lp.id: _State(lp) for lp in located}
    order = [lp.id for lp in located]
    orphaned: list[dict[str, Any]] = []
    for edit in log:
        problem = _apply_one(edit, states, order, plans, geocoder)
        if problem:
            orphaned.append(_orphan_row(edit, problem))
    _fold_merges(states, orphaned)
    kept, rejected = [], []
    for rid in order:
        s = states[rid]
        if s.review == "rejected" or s.merged_into:
            rejected.append(_rejected_row(s))
            continue
        status = "added" if s.added else "edited" if s.edited else s.review
        kept.append(replace(s.lp, review_status=status, edited_fields=list(dict.fromkeys(s.edited))))
    return Applied(kept, orphaned, rejected)


def _apply_one(edit: Edit, states: dict, order: list, plans: dict, geocoder) -> str | None:
    """Apply ``edit`` to ``states``; the reason it cannot be applied (orphaned), else None."""
    if edit.action == "add":
        return _add(edit, states, order, plans, geocoder)
    state = states.get(edit.record_id)
    if state is None:
        return "记录已不在目录中（项目或其所在规划已变）"
    quotes = {squeeze(s.quote) for s in state.lp.project.spans}
    if edit.quote is not None and squeeze(edit.quote) not in quotes:
        return "记录的原文句子已变，与编辑时看到的不同"
    if edit.action in ("confirm", "reject"):
        state.review = edit.new_value or "unreviewed"
        state.decided_by = edit
        return None
    if edit.action == "merge":
        state.merged_into = edit.new_value or None
        state.decided_by = edit
        return None
    if edit.action == "site":
        return _set_site(state, edit, geocoder)
    return _edit_field(state, edit, geocoder)


def _edit_field(state: _State, edit: Edit, geocoder) -> str | None:
    from geo.quantities import parse_capacity

    p, loc, value = state.lp.project, state.lp.location, edit.new_value
    if edit.field in ("name", "category", "owner"):
        value = (value or None) if edit.field == "owner" else value
        state.lp = replace(state.lp, project=replace(p, **{edit.field: value}))
    elif edit.field == "status":
        state.lp = replace(state.lp, status=value or None)
    elif edit.field == "capacity":
        cap = parse_capacity(value or "") if value else None
        if value and cap is None:
            return f"无法识别容量“{value}”"
        state.lp = replace(state.lp, project=replace(p, capacity=cap))
    elif edit.field == "county":
        unit = geocoder.units.get(str(value))
        if unit is None or unit.level != "county":
            return f"区县代码 {value} 不在当前的边界数据中"
        state.lp = replace(state.lp, location=_at_county(geocoder, unit, loc, None, edit))
    elif edit.field == "township":
        unit = geocoder.units.get(loc.county_adcode or "")
        if unit is None:
            return f"记录没有区县，无法设置乡镇“{value}”"
        if value and value not in {t.name for t in geocoder.gazetteer.townships_in(unit.adcode)}:
            return f"乡镇“{value}”不在{unit.name}"
        state.lp = replace(state.lp, location=_at_county(geocoder, unit, loc, value or None, edit))
    else:
        return f"未知字段 {edit.field}"
    state.edited.append(edit.field)
    return None


def _at_county(
    geocoder, unit, loc: Location, township: str | None, edit: Edit, how: str = "改定"
) -> Location:
    """The record at a county (or a township in it) set by a person; at sea off the county when offshore."""
    city = geocoder.units.get(unit.parent)
    lon, lat = unit.lon, unit.lat
    if loc.offshore:
        lon, lat = geocoder.sea_point(unit.adcode) or (lon, lat)
    where = f"{unit.name}{township or ''}"
    note = f"{BY_PERSON}{how}：{edit.editor} {edit.created_at[:10]} 定为{where}；点位为{unit.name}代表点，非项目实际位置"
    return replace(
        loc,
        precision="township" if township else "county",
        lon=lon,
        lat=lat,
        city=city.name if city else None,
        city_adcode=city.adcode if city else None,
        county=unit.name,
        county_adcode=unit.adcode,
        township=township,
        wkt=None,
        note=note,
    )


def _set_site(state: _State, edit: Edit, geocoder) -> str | None:
    import shapely

    try:
        lon, lat = float(edit.new_value["lon"]), float(edit.new_value["lat"])
    except (TypeError, KeyError, ValueError):
        return f"点位 {edit.new_value!r} 不是经纬度"
    point = shapely.Point(lon, lat)
    county = next(
        (u for u in geocoder.units.values() if u.level == "county" and u.geom.intersects(point)), None
    )
    loc = state.lp.location
    if county is None and not loc.offshore:
        return f"点位 {lon:.5f}, {lat:.5f} 不在山东省任何区县内"
    city = geocoder.units.get(county.parent) if county else None
    note = f"场址点位由{edit.editor}于{edit.created_at[:10]}在地图上{BY_PERSON}标注"
    state.lp = replace(
        state.lp,
        location=replace(
            loc,
            precision="site",
            lon=lon,
            lat=lat,
            city=city.name if city else loc.city,
            city_adcode=city.adcode if city else loc.city_adcode,
            county=county.name if county else loc.county,
            county_adcode=county.adcode if county else loc.county_adcode,
            township=None,
            wkt=None,
            note=note,
        ),
    )
    state.edited.append("site")
    return None


def _add(edit: Edit, states: dict, order: list, plans: dict, geocoder) -> str | None:
    from geo.quantities import parse_capacity

    doc = plans.get(edit.source or "")
    if doc is None:
        return f"规划文件 {edit.source} 已不在目录中"
    start = squeeze(doc.text).find(squeeze(edit.quote))
    if not edit.quote or start < 0:
        return f"句子已不在 {edit.source} 中"
    if edit.record_id in states:
        return f"记录 {edit.record_id} 已存在"
    new = edit.new_value or {}
    unit = geocoder.units.get(str(new.get("county_adcode")))
    if unit is None or unit.level != "county":
        return f"区县代码 {new.get('county_adcode')} 不在当前的边界数据中"
    project = Project(
        name=new["name"],
        category=new.get("category") or "other",
        source=doc.source,
        doc_title=doc.meta.title,
        region_adcode=doc.meta.region_adcode,
        spans=[SourceSpan(section=new.get("section") or "", quote=edit.quote, start=0, end=0)],
        owner=new.get("owner") or None,
        capacity=parse_capacity(new.get("capacity") or "") if new.get("capacity") else None,
    )
    base = Location(precision="county", lon=unit.lon, lat=unit.lat)
    location = _at_county(geocoder, unit, base, None, edit, how="补录")
    states[edit.record_id] = _State(LocatedProject(edit.record_id, project, location), added=True)
    order.append(edit.record_id)
    return None


def _fold_merges(states: dict, orphaned: list) -> None:
    """Fold every merged record into the record it was merged into (following chains of merges)."""
    for rid in list(states):
        s = states[rid]
        if not s.merged_into:
            continue
        target, seen = s.merged_into, {rid}
        while target in states and states[target].merged_into and target not in seen:
            seen.add(target)
            target = states[target].merged_into
        if target not in states or target in seen:
            orphaned.append(_orphan_row(s.decided_by, f"合并目标 {s.merged_into} 已不在目录中"))
            s.merged_into = None
            continue
        into = states[target]
        p, q = into.lp.project, s.lp.project
        quotes = {x.quote for x in p.spans}
        merged = replace(
            p,
            spans=p.spans + [x for x in q.spans if x.quote not in quotes],
            responsible_units=list(dict.fromkeys([*p.responsible_units, *q.responsible_units])),
            capacity=p.capacity or q.capacity,
            owner=p.owner or q.owner,
        )
        into.lp = replace(into.lp, project=merged)
        into.edited.append("merged")
        s.merged_into = target


def _text(value: Any) -> str:
    import json

    if value is None:
        return ""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _orphan_row(edit: Edit, because: str) -> dict[str, Any]:
    row = {name: getattr(edit, name, None) for name, _, _ in ORPHANED_FIELDS[:-1]}
    row.update(old_value=_text(edit.old_value), new_value=_text(edit.new_value), orphaned_because=because)
    return row


def _rejected_row(s: _State) -> dict[str, Any]:
    p, e = s.lp.project, s.decided_by
    return {
        "id": s.lp.id,
        "name": p.name,
        "source": p.source,
        "quote": p.quote if p.spans else None,
        "status": "merged" if s.merged_into else "rejected",
        "merged_into": s.merged_into,
        "reason": e.reason if e else None,
        "editor": e.editor if e else None,
        "created_at": e.created_at if e else None,
    }


# ---------------------------------------------------------------------- files and the build


def write_review_files(folder: Path, applied: Applied) -> None:
    from geo.export import write_csv

    write_csv(Path(folder) / ORPHANED_FILE, ORPHANED_FIELDS, applied.orphaned)
    write_csv(Path(folder) / REJECTED_FILE, REJECTED_FIELDS, applied.rejected)


def apply_to_build(located, store_url: str | None, docs, geocoder, folder: Path):
    """The build's hook: apply the store's edit log (none without a store), write the review files into the
    build's folder; returns (located, summary for the build report)."""
    log: list[Edit] = []
    if store_url:
        from geo.store import Store

        with Store.open(store_url) as store:
            log = store.edits()
    applied = apply_edits(located, log, docs, geocoder)
    write_review_files(folder, applied)
    return applied.located, {"store": _describe(store_url), "edits": len(log), **applied.summary()}


def _describe(url: str | None) -> str | None:
    from geo.store import describe

    return describe(url) if url else None


def read_review_file(folder: Path, name: str) -> list[dict[str, str]]:
    """orphaned_edits.csv or rejected.csv of a built catalog as rows ([] when the build had none)."""
    import csv

    path = Path(folder) / name
    if not path.is_file():
        return []
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))

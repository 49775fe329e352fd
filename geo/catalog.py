"""A built catalog: the folder `python -m geo build` writes, loaded as one :class:`Catalog`, and the values its
columns take.

The app (`app.py`), the exports and the briefing (`geo.report`) read the catalog through this module:

    catalog = load_catalog(Path("build"))              # -> Catalog, or CatalogError with a clear message

then filter it with geo.catalog_filters (Filters, apply_filters) and write a selection with geo.catalog_export.
The folder's files and their reading into frames are geo.catalog_files.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from geo.catalog_files import (
    MENTIONS_FILE,
    PROJECTS_FILE,
    REPORT_FILE,
    TARGETS_FILE,
    CatalogError,
    mentions_frame,
    or_none,
    projects_frame,
    read_json,
    targets_frame,
)
from geo.schema import MENTION_FIELDS, names

PRECISIONS = ("site", "township", "county", "city", "region", "province")
# a project's stage (geo.history reads it from the documents' words: the codes of STATUS_WORDS) in the order
# of a project's life, then the filter's value for none stated
UNKNOWN_STATUS = "unknown"
STATUSES = (
    "planned",
    "pre_construction",
    "construction",
    "operating",
    "shelved",
    "cancelled",
    UNKNOWN_STATUS,
)
CAPACITY_UNIT = "MW"  # the unit of the capacity filter
# what a person has done with a project (geo.review): its review_status, the values of the review filter
REVIEW_STATUSES = ("unreviewed", "confirmed", "edited", "added")


@dataclass
class Catalog:
    """A built catalog: projects (GeoDataFrame, EPSG:4326, the columns of geo.schema.PROJECT_FIELDS),
    targets (DataFrame, TARGET_FIELDS), the build report, when it was built and the source plans."""

    folder: Path
    projects: Any  # geopandas.GeoDataFrame
    targets: Any  # pandas.DataFrame
    report: dict
    built_at: str | None
    sources: list[dict]  # [{"source": file name, "title": plan title, "projects": n}]
    mentions: Any = None  # pandas.DataFrame of MENTION_FIELDS, None for a catalog built before linking

    def mentions_of(self, project_id: str) -> list[dict]:
        """What each document says about one project, newest document first (undated last, then by file name):
        one dict of MENTION_FIELDS per document. A catalog without mentions.csv gives the project's own row as
        its one mention."""
        return [dict(r) for r in self._history.get(project_id, [])]

    @cached_property
    def _history(self) -> dict[str, list[dict]]:
        return self.history()

    def history(self) -> dict[str, list[dict]]:
        """mentions_of for every project at once: project id -> its mentions, newest document first."""
        if self.mentions is None:
            rows = [
                {
                    **{k: or_none(r.get(k)) for k in names(MENTION_FIELDS)},
                    "mention_id": r["id"],
                    "project_id": r["id"],
                }
                for r in self.projects.to_dict("records")
            ]
        else:
            rows = [{k: or_none(v) for k, v in r.items()} for r in self.mentions.to_dict("records")]
        rows.sort(key=lambda r: r["source"] or "")
        rows.sort(key=lambda r: _date_key(r["doc_date"]), reverse=True)
        out: dict[str, list[dict]] = {}
        for r in rows:
            out.setdefault(r["project_id"], []).append(r)
        return out

    def known_values(self) -> dict[str, set]:
        """Values a filter may take, for validating query parameters (see Filters.from_query_params).
        Cities and counties are all of Shandong's units when layers/admin_units.csv is there, so a valid
        place without projects is an empty result, not an unknown value."""
        p = self.projects
        known: dict[str, set] = {
            "plans": {s["source"] for s in self.sources} | {f for files in p["sources"] for f in files},
            "cities": set(p["city"].dropna()),
            "counties": set(p["county"].dropna()),
        }
        units = _admin_units()
        if units is not None:
            known["cities"] |= set(units.loc[units["level"] == "city", "name"])
            known["counties"] |= set(units.loc[units["level"] == "county", "name"])
        return known

    def plan_titles(self) -> dict[str, str]:
        return {s["source"]: s.get("title") or s["source"] for s in self.sources}


def _date_key(date) -> tuple[int, str]:
    text = "" if date is None else str(date)
    return (int(text[:4]) if text[:4].isdigit() else 0, text)


def _admin_units():
    """layers/admin_units.csv as a DataFrame, or None when the layers are not built."""
    try:
        from geo.layers_read import admin_units

        return admin_units()
    except Exception:
        return None


def _sources(report: dict, projects) -> list[dict]:
    """The source plans: from the build report when it lists them, else from the projects."""
    counts: dict[str, int] = {}
    for files in projects["sources"]:  # a project counts for every plan naming it
        for f in files:
            counts[f] = counts.get(f, 0) + 1
    titles = {}
    if len(projects):
        titles = projects.dropna(subset=["source"]).groupby("source")["doc_title"].first().to_dict()
    out: dict[str, dict] = {}
    raw = report.get("sources") or report.get("source_files") or report.get("documents") or []
    if isinstance(raw, dict):
        raw = [{"source": k, **(v if isinstance(v, dict) else {"title": v})} for k, v in raw.items()]
    for item in raw if isinstance(raw, list) else []:
        if isinstance(item, str):
            item = {"source": item}
        if not isinstance(item, dict):
            continue
        src = item.get("source") or item.get("file") or item.get("name") or item.get("path")
        if not src:
            continue
        src = Path(str(src)).name
        title = item.get("title") or item.get("doc_title") or titles.get(src)
        out[src] = {"source": src, "title": title or src, "projects": int(counts.get(src, 0))}
    for src, n in counts.items():
        out.setdefault(src, {"source": src, "title": titles.get(src) or src, "projects": int(n)})
    return sorted(out.values(), key=lambda s: s["source"])


def load_catalog(folder: Path | str) -> Catalog:
    """Read a catalog folder written by `python -m geo build` (or scripts/make_synthetic_catalog.py).

    Raises CatalogError naming the folder or file when it is missing, not JSON/CSV, or lacks columns. All files
    come from one build, also while a build replaces them (geo.outdir.read_consistently)."""
    folder = Path(folder)
    if not folder.exists():
        raise CatalogError(
            f"catalog folder {folder} does not exist: build it with `python -m geo build --out {folder}`"
        )
    if not folder.is_dir():
        raise CatalogError(
            f"{folder} is not a folder: the catalog is a folder with {PROJECTS_FILE}, {TARGETS_FILE}, ..."
        )
    from geo.outdir import CatalogBusy, read_consistently

    try:
        return read_consistently(folder, lambda: _read_catalog(folder))
    except CatalogBusy as exc:
        raise CatalogError(str(exc)) from None


def _read_catalog(folder: Path) -> Catalog:
    for name in (PROJECTS_FILE, TARGETS_FILE, REPORT_FILE):
        if not (folder / name).is_file():
            raise CatalogError(f"{folder / name} is missing: rebuild the catalog with `python -m geo build`")
    report = read_json(folder / REPORT_FILE)
    if not isinstance(report, dict):
        raise CatalogError(f"{folder / REPORT_FILE} is not a JSON object")
    projects = projects_frame(folder / PROJECTS_FILE)
    targets = targets_frame(folder / TARGETS_FILE)
    built_at = report.get("built_at") or report.get("generated_at") or report.get("created")
    if not built_at:
        mtime = (folder / PROJECTS_FILE).stat().st_mtime
        built_at = datetime.fromtimestamp(mtime, UTC).isoformat(timespec="seconds")
    return Catalog(
        folder=folder,
        projects=projects,
        targets=targets,
        report=report,
        built_at=str(built_at),
        sources=_sources(report, projects),
        mentions=mentions_frame(folder / MENTIONS_FILE),
    )

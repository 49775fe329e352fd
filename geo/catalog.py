"""Reading a built catalog folder, filtering it, and writing the filtered set back out.

The app (`app.py`) and the briefing export (`geo.report`) read the catalog only through this module:

    catalog = load_catalog(Path("build"))              # -> Catalog, or CatalogError with a clear message
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

import json
import math
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from geo.cli import UserError
from geo.schema import MENTION_FIELDS, PROJECT_FIELDS, TARGET_FIELDS, names
from geo.urlvalues import YEAR_RANGE, capped, cut_query, last_value, parse_capacity, parse_year, shown

PROJECTS_FILE = "projects.geojson"
TARGETS_FILE = "targets.csv"
REPORT_FILE = "build_report.json"
MENTIONS_FILE = "mentions.csv"

PROJECT_COLUMNS = names(PROJECT_FIELDS)
# columns added with cross-document linking; a catalog built before has one document per project
LINK_COLUMNS = ("status", "status_words", "status_date", "mention_count", "sources", "resolution")
REVIEW_COLUMNS = ("review_status", "edited_fields")  # absent from catalogs built before reviews: defaults
TARGET_COLUMNS = names(TARGET_FIELDS)
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


class CatalogError(UserError):
    """The catalog folder is missing, incomplete or unreadable."""


# --------------------------------------------------------------------------------------------
# loading


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
                    **{k: _val(r.get(k)) for k in names(MENTION_FIELDS)},
                    "mention_id": r["id"],
                    "project_id": r["id"],
                }
                for r in self.projects.to_dict("records")
            ]
        else:
            rows = [{k: _val(v) for k, v in r.items()} for r in self.mentions.to_dict("records")]
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


def _read_json(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except json.JSONDecodeError as exc:
        raise CatalogError(
            f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}"
        ) from exc
    except UnicodeDecodeError as exc:
        raise CatalogError(f"{path} is not UTF-8 text: {exc}") from exc
    except OSError as exc:
        raise CatalogError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or type(v).__name__ in ("NAType", "NaTType")


def _as_list(value) -> list[str]:
    """responsible_units as a list of strings, whatever the file stored (array, JSON text, 、-joined text)."""
    if value is None:
        return []
    if isinstance(value, float) and math.isnan(value):
        return []
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if v is not None and str(v).strip()]
    text = str(value).strip()
    if not text:
        return []
    if text.startswith("["):
        try:
            parsed = json.loads(text)
            if isinstance(parsed, list):
                return [str(v) for v in parsed if v is not None and str(v).strip()]
        except json.JSONDecodeError:
            pass
    for sep in ("；", ";", "、", "|"):
        if sep in text:
            return [part.strip() for part in text.split(sep) if part.strip()]
    return [text]


def _projects_frame(path: Path):
    import geopandas as gpd
    import pandas as pd
    from shapely.geometry import shape

    data = _read_json(path)
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise CatalogError(f"{path} is not a GeoJSON FeatureCollection")
    features = data.get("features")
    if not isinstance(features, list):
        raise CatalogError(f"{path} has no 'features' array")
    rows, geoms = [], []
    for i, feat in enumerate(features):
        if not isinstance(feat, dict) or not isinstance(feat.get("properties"), dict):
            raise CatalogError(f"{path}: feature {i} has no properties object")
        try:
            geoms.append(shape(feat["geometry"]) if feat.get("geometry") else None)
        except Exception as exc:
            raise CatalogError(f"{path}: feature {i} has an invalid geometry: {exc}") from exc
        rows.append(feat["properties"])
    frame = pd.DataFrame(rows)
    if rows:
        missing = [
            c for c in PROJECT_COLUMNS if c not in frame.columns and c not in (*LINK_COLUMNS, *REVIEW_COLUMNS)
        ]
        if missing:
            raise CatalogError(
                f"{path} lacks the catalog column(s) {', '.join(missing)}: "
                "rebuild it with `python -m geo build`"
            )
    else:
        frame = pd.DataFrame(columns=PROJECT_COLUMNS)
    gdf = gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geoms, crs="EPSG:4326"), crs="EPSG:4326")
    return _normalize_projects(gdf)


def _normalize_projects(gdf):
    import pandas as pd

    gdf = gdf.copy()
    for col in PROJECT_COLUMNS:
        if col not in gdf.columns:
            gdf[col] = None
    str_cols = [n for n, t, _ in PROJECT_FIELDS if t.startswith("str")]
    for col in str_cols:  # object dtype with None for missing (pandas' str dtype would turn None into NaN)
        gdf[col] = pd.Series(
            [None if _missing(v) else str(v) for v in gdf[col]], index=gdf.index, dtype=object
        )
    gdf["id"] = gdf["id"].map(lambda v: "" if v is None else v)
    gdf["capacity_value"] = _finite_numbers(gdf["capacity_value"])
    gdf["target_year"] = _years(gdf["target_year"])
    gdf["offshore"] = gdf["offshore"].map(
        lambda v: str(v).lower() in ("true", "1", "yes") if v is not None else False
    )
    gdf["offshore"] = gdf["offshore"].astype(bool)
    gdf["responsible_units"] = gdf["responsible_units"].map(_as_list)
    gdf["sources"] = [
        _as_list(v) or ([src] if src else []) for v, src in zip(gdf["sources"], gdf["source"], strict=True)
    ]
    gdf["mention_count"] = [max(len(v), 1) for v in gdf["sources"]]
    gdf["edited_fields"] = gdf["edited_fields"].map(_as_list)
    gdf["review_status"] = gdf["review_status"].map(lambda v: v or "unreviewed")
    ordered = [*PROJECT_COLUMNS, *[c for c in gdf.columns if c not in PROJECT_COLUMNS and c != "geometry"]]
    return gdf[[*ordered, "geometry"]].set_geometry("geometry").reset_index(drop=True)


def _finite_numbers(values):
    """Numbers as float64; text, inf and nan (a catalog file may hold Infinity or 1e400) are missing."""
    import numpy as np
    import pandas as pd

    numbers = pd.to_numeric(values, errors="coerce").astype("float64")
    return numbers.where(np.isfinite(numbers))


def _years(values):
    """Whole years in YEAR_RANGE as Int64; anything else is missing."""
    years = _finite_numbers(values).round()
    return years.where(years.between(*YEAR_RANGE)).astype("Int64")


def _targets_frame(path: Path):
    import pandas as pd

    try:
        frame = pd.read_csv(path, dtype={"region_adcode": str}, encoding="utf-8-sig", keep_default_na=True)
    except pd.errors.EmptyDataError as exc:
        raise CatalogError(f"{path} is empty: expected a header row {','.join(TARGET_COLUMNS)}") from exc
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as exc:
        raise CatalogError(f"{path} is not a readable CSV: {exc}") from exc
    except OSError as exc:
        raise CatalogError(f"cannot read {path}: {exc.strerror or exc}") from exc
    missing = [c for c in TARGET_COLUMNS if c not in frame.columns]
    if missing:
        raise CatalogError(f"{path} lacks the column(s) {', '.join(missing)}")
    from geo.export import from_spreadsheet_safe

    for col in (n for n, t, _ in TARGET_FIELDS if t.startswith("str")):
        frame[col] = frame[col].map(lambda v: from_spreadsheet_safe(v) if isinstance(v, str) else v)
    frame["value"] = _finite_numbers(frame["value"])
    frame["year"] = _years(frame["year"])
    frame["region_adcode"] = frame["region_adcode"].map(
        lambda v: None if v is None or (isinstance(v, float) and math.isnan(v)) else str(v).split(".")[0]
    )
    return frame


def _mentions_frame(path: Path):
    """mentions.csv as a DataFrame (MENTION_FIELDS), or None when the catalog has none."""
    import pandas as pd

    if not path.is_file():
        return None
    text_cols = {n: str for n, t, _ in MENTION_FIELDS if t.startswith("str")}
    try:
        frame = pd.read_csv(path, dtype=text_cols, encoding="utf-8-sig", keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError, ValueError) as exc:
        raise CatalogError(f"{path} is not a readable CSV: {exc}") from exc
    except OSError as exc:
        raise CatalogError(f"cannot read {path}: {exc.strerror or exc}") from exc
    missing = [c for c in names(MENTION_FIELDS) if c not in frame.columns]
    if missing:
        raise CatalogError(
            f"{path} lacks the column(s) {', '.join(missing)}: rebuild with `python -m geo build`"
        )
    for col in text_cols:
        frame[col] = frame[col].map(lambda v: v or None).astype(object)
    frame["capacity_value"] = pd.to_numeric(frame["capacity_value"], errors="coerce")
    frame["target_year"] = pd.to_numeric(frame["target_year"], errors="coerce").round().astype("Int64")
    frame["responsible_units"] = frame["responsible_units"].map(_as_list)
    return frame


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

    Raises CatalogError naming the folder or file when it is missing, not JSON/CSV, or lacks columns."""
    folder = Path(folder)
    if not folder.exists():
        raise CatalogError(
            f"catalog folder {folder} does not exist: build it with `python -m geo build --out {folder}`"
        )
    if not folder.is_dir():
        raise CatalogError(
            f"{folder} is not a folder: the catalog is a folder with {PROJECTS_FILE}, {TARGETS_FILE}, ..."
        )
    for name in (PROJECTS_FILE, TARGETS_FILE, REPORT_FILE):
        if not (folder / name).is_file():
            raise CatalogError(f"{folder / name} is missing: rebuild the catalog with `python -m geo build`")
    report = _read_json(folder / REPORT_FILE)
    if not isinstance(report, dict):
        raise CatalogError(f"{folder / REPORT_FILE} is not a JSON object")
    projects = _projects_frame(folder / PROJECTS_FILE)
    targets = _targets_frame(folder / TARGETS_FILE)
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
        mentions=_mentions_frame(folder / MENTIONS_FILE),
    )


# --------------------------------------------------------------------------------------------
# filters

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
        from geo.vocab import CATEGORIES

        known = {k: set(map(str, v)) for k, v in (known or {}).items()}
        warnings: list[str] = []
        values: dict[str, Any] = {}
        ignore = set(ignore)

        def raw_list(key: str) -> list[str]:
            raw = params.get(key)
            if raw is None:
                return []
            items = raw if isinstance(raw, (list, tuple)) else [raw]
            out: list[str] = []
            for item in items:
                parts = [str(item)] if key == "plan" else str(item).split(",")
                out.extend(p.strip() for p in parts if p.strip())
            return list(dict.fromkeys(out))

        for key in params:
            if key not in FILTER_PARAM_KEYS and key not in ignore:
                warnings.append(f"unknown parameter {shown(key)} ignored")

        checks = {
            "categories": lambda v: v in CATEGORIES,
            "precisions": lambda v: v in PRECISIONS,
            "statuses": lambda v: v in STATUSES,
            "review_statuses": lambda v: v in REVIEW_STATUSES,
        }
        for attr, key in _LIST_KEYS.items():
            good: list = []
            for v in raw_list(key):
                if attr == "years":
                    year = parse_year(v)
                    if year is None:
                        warnings.append(
                            f"year {shown(v)} is not a year ({YEAR_RANGE[0]}-{YEAR_RANGE[1]}); ignored"
                        )
                    elif year not in good:
                        good.append(year)
                    continue
                ok = checks[attr](v) if attr in checks else (attr not in known or v in known[attr])
                if not ok:
                    warnings.append(f"{key} {shown(v)} is not known; ignored")
                    continue
                good.append(v)
            values[attr] = good

        for attr in ("capacity_min", "capacity_max"):
            key = _SCALAR_KEYS[attr]
            raw = last_value(params, key)
            if raw is None or raw == "":
                continue
            num = parse_capacity(raw)
            if num is None:
                warnings.append(
                    f"{key} {shown(raw)} is not a capacity in MW (a number from 0 to 1e7); ignored"
                )
                continue
            values[attr] = num
        lo, hi = values.get("capacity_min"), values.get("capacity_max")
        if lo is not None and hi is not None and lo > hi:
            warnings.append(f"cap_min {lo:g} is above cap_max {hi:g}; swapped")
            values["capacity_min"], values["capacity_max"] = hi, lo
        for attr in ("unit_query", "name_query"):
            raw = last_value(params, _SCALAR_KEYS[attr])
            if raw:
                values[attr], warning = cut_query(_SCALAR_KEYS[attr], raw)
                warnings += [warning] if warning else []
        warnings = capped(warnings)
        return cls(**values), warnings

    def replace(self, **changes) -> Filters:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data.update(changes)
        return Filters(**data)


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


# --------------------------------------------------------------------------------------------
# export of a (filtered) set: the build's own writers (geo.export), so a download has exactly the catalog's
# format. The rows are turned back into the pipeline's LocatedProject / Target records for that.


def _val(v):
    return None if _missing(v) else v


def to_located(projects) -> list:
    """The rows of a catalog GeoDataFrame as geo.model.LocatedProject records (for geo.export)."""
    from geo.model import Capacity, LocatedProject, Location, Project, SourceSpan

    out = []
    for row in projects.itertuples(index=False):
        r = row._asdict()
        g = r["geometry"]
        wkt = None
        lon = lat = None
        if g is not None and not g.is_empty:
            if g.geom_type == "LineString":
                wkt = g.wkt
                lon, lat = g.coords[0]
            else:
                pt = g if g.geom_type == "Point" else g.representative_point()
                lon, lat = pt.x, pt.y
        cap = None
        text, value, unit = _val(r["capacity_text"]), _val(r["capacity_value"]), _val(r["capacity_unit"])
        if text is not None or value is not None:
            cap = Capacity(text=text or "", value=None if value is None else float(value), unit=unit)
        section, quote = _val(r["section"]), _val(r["quote"])
        spans = [] if section is None and quote is None else [SourceSpan(section or "", quote or "", 0, 0)]
        year = _val(r["target_year"])
        project = Project(
            name=r["name"] or "",
            category=r["category"] or "other",
            source=r["source"] or "",
            doc_title=r["doc_title"] or "",
            region_adcode=None,
            spans=spans,
            owner=_val(r["owner"]),
            capacity=cap,
            target_year=None if year is None else int(year),
            responsible_units=list(r["responsible_units"] or []),
            offshore=bool(r["offshore"]),
            doc_kind=_val(r.get("doc_kind")),
        )
        location = Location(
            precision=r["precision"] or "province",
            lon=float(lon) if lon is not None else 0.0,
            lat=float(lat) if lat is not None else 0.0,
            province=r["province"] or "山东省",
            city=_val(r["city"]),
            city_adcode=_val(r["city_adcode"]),
            county=_val(r["county"]),
            county_adcode=_val(r["county_adcode"]),
            township=_val(r["township"]),
            offshore=bool(r["offshore"]),
            wkt=wkt,
            note=_val(r["location_note"]),
        )
        out.append(
            LocatedProject(
                id=r["id"],
                project=project,
                location=location,
                sources=list(r.get("sources") or []),
                status=_val(r.get("status")),
                status_words=_val(r.get("status_words")),
                status_date=_val(r.get("status_date")),
                resolution=_val(r.get("resolution")),
                review_status=r["review_status"] or "unreviewed",
                edited_fields=list(r["edited_fields"]),
            )
        )
    return out


def to_targets(targets) -> list:
    """The rows of the targets DataFrame as geo.model.Target records."""
    from geo.model import Target

    out = []
    for r in targets.itertuples(index=False):
        year = _val(r.year)
        out.append(
            Target(
                region=r.region,
                region_adcode=_val(r.region_adcode),
                indicator=r.indicator,
                value=float(r.value),
                unit=r.unit,
                year=None if year is None else int(year),
                source=r.source,
                quote=_val(r.quote) or "",
            )
        )
    return out


def to_geojson_bytes(projects) -> bytes:
    """projects.geojson of these projects, as `python -m geo build` writes it (RFC 7946)."""
    from geo.export import geojson_text

    return geojson_text(to_located(projects)).encode("utf-8")


def to_csv_bytes(projects) -> bytes:
    """projects.csv of these projects (schema columns + lon, lat, wkt; UTF-8 with BOM)."""
    from geo.export import write_projects_csv

    with tempfile.TemporaryDirectory(prefix="sdcarbon-csv-") as tmp:
        path = Path(tmp) / "projects.csv"
        write_projects_csv(path, to_located(projects))
        return path.read_bytes()


def to_gpkg_bytes(projects, targets=None) -> bytes:
    """A GeoPackage like the build's catalog.gpkg (projects, project_lines, targets, province, cities,
    counties; EPSG:4326) of these projects: the selection's boundaries (the province, the cities the projects
    are in and those cities' counties) and targets (the given targets of the plans the projects come from)."""
    from geo.export import write_gpkg

    with tempfile.TemporaryDirectory(prefix="sdcarbon-gpkg-") as tmp:
        path = Path(tmp) / "projects.gpkg"
        write_gpkg(
            path,
            to_located(projects),
            to_targets(selection_targets(projects, targets)),
            selection_admin(projects),
        )
        return path.read_bytes()


def to_xlsx_bytes(projects, catalog: Catalog) -> bytes:
    """projects.xlsx of these projects: the catalog's build date, the plans they come from, their targets."""
    from geo.export_office import workbook_bytes

    counts: dict[str, int] = {}
    for files in projects["sources"]:
        for f in files:
            counts[f] = counts.get(f, 0) + 1
    sources = [dict(s, projects=counts[s["source"]]) for s in catalog.sources if s["source"] in counts]
    targets = to_targets(selection_targets(projects, catalog.targets))
    return workbook_bytes(to_located(projects), targets, catalog.built_at, sources)


def to_html_bytes(projects, catalog: Catalog, title: str | None = None) -> bytes:
    """The standalone HTML map of these projects (geo.htmlmap): opens offline, e.g. from an e-mail."""
    from geo.htmlmap import map_html

    return map_html(projects, catalog, title).encode("utf-8")


def to_kml_bytes(projects) -> bytes:
    """KML of these projects (Google Earth, 奥维互动地图): folders and colours by category (geo.kml)."""
    from geo.kml import kml_text

    return kml_text(to_located(projects)).encode("utf-8")


def to_kmz_bytes(projects) -> bytes:
    """KMZ: the KML with its icon, zipped."""
    from geo.kml import kmz_bytes

    return kmz_bytes(to_located(projects))


def to_shapefile_zip_bytes(projects) -> bytes:
    """The Shapefile folder of these projects, zipped (geo.export_shapefile)."""
    from geo.export_shapefile import shapefile_zip_bytes

    return shapefile_zip_bytes(to_located(projects))


def selection_admin(projects) -> dict[str, Any]:
    """{"province", "cities", "counties": GeoDataFrame}: full-resolution boundaries of the projects' cities."""
    from geo.layers_read import load_admin

    cities = {c for c in projects["city_adcode"] if not _missing(c)}
    admin = {level: load_admin(level, "full") for level in ("province", "cities", "counties")}
    admin["cities"] = admin["cities"][admin["cities"]["adcode"].isin(cities)]
    admin["counties"] = admin["counties"][admin["counties"]["parent_adcode"].isin(cities)]
    return admin


def selection_targets(projects, targets):
    """The targets of the documents naming the projects (an empty table when none are given)."""
    import pandas as pd

    if targets is None:
        return pd.DataFrame(columns=TARGET_COLUMNS)
    return targets[targets["source"].isin(selection_sources(projects))]


def selection_sources(projects) -> set[str]:
    """The file names of every document naming these projects."""
    return {f for files in projects["sources"] for f in files}


def write_atomic(path: Path, data: bytes) -> None:
    """Write bytes to `path` via a temp file in the same folder and os.replace."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

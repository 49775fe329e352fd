"""The files of a built catalog folder and reading each into a frame: projects.geojson (GeoDataFrame, EPSG:4326,
the columns of geo.schema.PROJECT_FIELDS), targets.csv and mentions.csv (DataFrames), build_report.json.

Catalogs built before cross-document linking or reviews lack some columns: they get their defaults. A file that is
not JSON/CSV or lacks a column raises :class:`CatalogError` naming the file.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from geo.cli import UserError
from geo.schema import MENTION_FIELDS, PROJECT_FIELDS, TARGET_FIELDS, names
from geo.urlvalues import YEAR_RANGE

PROJECTS_FILE = "projects.geojson"
TARGETS_FILE = "targets.csv"
REPORT_FILE = "build_report.json"
MENTIONS_FILE = "mentions.csv"

PROJECT_COLUMNS = names(PROJECT_FIELDS)
# columns added with cross-document linking; a catalog built before has one document per project
LINK_COLUMNS = ("status", "status_words", "status_date", "mention_count", "sources", "resolution")
REVIEW_COLUMNS = ("review_status", "edited_fields")  # absent from catalogs built before reviews: defaults
TARGET_COLUMNS = names(TARGET_FIELDS)


class CatalogError(UserError):
    """The catalog folder is missing, incomplete or unreadable."""


def read_json(path: Path) -> Any:
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


def is_missing(v) -> bool:
    """None, NaN or pandas' NA/NaT."""
    return v is None or (isinstance(v, float) and math.isnan(v)) or type(v).__name__ in ("NAType", "NaTType")


def or_none(v):
    """None for a missing value (None, NaN, pandas' NA/NaT), else the value."""
    return None if is_missing(v) else v


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


def projects_frame(path: Path):
    import geopandas as gpd
    import pandas as pd
    from shapely.geometry import shape

    data = read_json(path)
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
            [None if is_missing(v) else str(v) for v in gdf[col]], index=gdf.index, dtype=object
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


def targets_frame(path: Path):
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


def mentions_frame(path: Path):
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

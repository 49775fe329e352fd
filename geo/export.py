"""Writers for the catalog files (see geo/schema.py for every column).

Formatting decisions, so that a build is reproducible byte for byte where it can be:

- ``projects.geojson``: RFC 7946 FeatureCollection written by hand with ``json.dumps(ensure_ascii=False)``:
  no ``crs`` member, lon/lat WGS-84 rounded to 7 decimals (~1 cm), one feature per line, features in the
  order given (the build sorts them by plan and position in the plan), properties in PROJECT_FIELDS order,
  ``responsible_units`` a JSON array, nulls as ``null``. The Feature also carries ``id`` (= properties.id).
- ``project_lines.geojson``: the LineString projects alone (QGIS shows a mixed GeoJSON as two sublayers).
- CSV files: UTF-8 with BOM (Excel shows the Chinese), RFC 4180 quoting, CRLF line ends. Lists
  (``responsible_units``) are joined with ``；`` (CSV_LIST_SEPARATOR); empty cells are nulls; numbers are
  written without trailing zeros. A text cell starting with = + - @ tab or CR gets a leading ' (OWASP's
  CSV-injection rule; :func:`from_spreadsheet_safe` undoes it). Beside each CSV a GDAL ``.csvt`` gives the
  column types (adcodes String, years Integer, ``wkt`` WKT), and ``projects.prj`` its CRS (EPSG:4326).
- ``catalog.gpkg`` (GDAL via pyogrio, GeoPackage 1.2, EPSG:4326): ``projects`` (Point: a line project is at
  its first end, its line is in ``wkt`` and in the extra layer ``project_lines``), ``project_lines``
  (LineString), ``targets`` and ``mentions`` (attribute tables, no geometry), ``province``, ``cities``,
  ``counties`` (full resolution). List columns (``responsible_units``, ``sources``) are ``；``-joined strings. GeoPackages carry timestamps, so they are not
  byte-stable. Text is kept exact (no spreadsheet escaping).
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from geo.model import LocatedProject, Mention, Target
from geo.schema import (
    CSV_LIST_SEPARATOR,
    MENTION_FIELDS,
    PROJECT_CSV_EXTRA,
    PROJECT_FIELDS,
    SUGGESTED_LINK_FIELDS,
    TARGET_FIELDS,
    UNRESOLVED_FIELDS,
    base_type,
    names,
    ogr_type,
)
from geo.vocab import CATEGORIES

COORD_DECIMALS = 7
PROJECT_COLUMNS = names(PROJECT_FIELDS)


# ---------------------------------------------------------------------- records


def _capacity_cells(cap) -> dict[str, Any]:
    """capacity_text / capacity_value / capacity_unit of a Capacity or None; a NaN or infinite value is
    no value, and without a value there is no unit."""
    value = cap.value if cap is not None and cap.value is not None and math.isfinite(cap.value) else None
    return {
        "capacity_text": cap.text if cap is not None else None,
        "capacity_value": float(value) if value is not None else None,
        "capacity_unit": cap.unit if value is not None else None,
    }


def project_record(lp: LocatedProject) -> dict[str, Any]:
    """Properties of one project, in PROJECT_FIELDS order, JSON-ready."""
    p, loc = lp.project, lp.location
    rec = {
        "id": lp.id,
        "name": p.name,
        "category": p.category,
        "category_zh": CATEGORIES.get(p.category, CATEGORIES["other"])[0],
        "owner": p.owner or None,
        "province": loc.province,
        "city": loc.city,
        "city_adcode": loc.city_adcode,
        "county": loc.county,
        "county_adcode": loc.county_adcode,
        "township": loc.township,
        "precision": loc.precision,
        "offshore": bool(loc.offshore),
        **_capacity_cells(p.capacity),
        "target_year": int(p.target_year) if p.target_year is not None else None,
        "responsible_units": list(p.responsible_units),
        "source": p.source,
        "doc_title": p.doc_title,
        "doc_kind": p.doc_kind,
        "section": p.section if p.spans else None,
        "quote": p.quote if p.spans else None,
        "location_note": loc.note,
        "status": lp.status,
        "status_words": lp.status_words,
        "status_date": lp.status_date,
        "mention_count": len(lp.sources) or 1,
        "sources": list(lp.sources) or [p.source],
        "resolution": lp.resolution,
        "review_status": lp.review_status,
        "edited_fields": list(lp.edited_fields),
    }
    return {k: rec[k] for k in PROJECT_COLUMNS}


def mention_record(m: Mention) -> dict[str, Any]:
    """One row of mentions.csv / the `mentions` layer (MENTION_FIELDS order)."""
    p, loc = m.located.project, m.located.location
    rec = {
        "mention_id": m.id,
        "project_id": m.project_id,
        "source": p.source,
        "doc_title": p.doc_title,
        "doc_kind": m.doc_kind,
        "doc_date": m.doc_date,
        "section": p.section if p.spans else None,
        "quote": p.quote if p.spans else None,
        "name": p.name,
        "category": p.category,
        "owner": p.owner or None,
        **_capacity_cells(p.capacity),
        "target_year": p.target_year,
        "status": m.status,
        "status_text": m.status_text,
        "responsible_units": list(p.responsible_units),
        "city": loc.city,
        "county": loc.county,
        "county_adcode": loc.county_adcode,
        "township": loc.township,
        "precision": loc.precision,
        "link_reason": m.link_reason,
    }
    return {k: rec[k] for k in names(MENTION_FIELDS)}


def _mentions_in_order(mentions: list[Mention]) -> list[Mention]:
    """By project, then newest document first (geo.history.newest_first)."""
    from geo.history import newest_first

    return sorted(newest_first(mentions), key=lambda m: m.project_id)


def _r(x: float) -> float:
    v = round(float(x), COORD_DECIMALS)
    return 0.0 if v == 0 else v


def geometry(lp: LocatedProject) -> dict[str, Any]:
    """GeoJSON geometry: the line when the location has one, else the point."""
    loc = lp.location
    if loc.wkt:
        import shapely

        g = shapely.from_wkt(loc.wkt)
        if g.geom_type == "LineString":
            return {"type": "LineString", "coordinates": [[_r(x), _r(y)] for x, y in g.coords]}
    return {"type": "Point", "coordinates": [_r(loc.lon), _r(loc.lat)]}


def wkt_of(geom: dict[str, Any]) -> str:
    def fmt(c):
        return f"{_num(c[0])} {_num(c[1])}"

    if geom["type"] == "Point":
        return f"POINT ({fmt(geom['coordinates'])})"
    return "LINESTRING (" + ", ".join(fmt(c) for c in geom["coordinates"]) + ")"


def _num(v) -> str:
    """A number without trailing zeros (4000.0 -> 4000, 119.3747500 -> 119.37475)."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    v = float(v)
    if v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return repr(v)


# ---------------------------------------------------------------------- GeoJSON


def geojson_text(located: list[LocatedProject]) -> str:
    lines = []
    for lp in located:
        feature = {"type": "Feature", "id": lp.id, "geometry": geometry(lp), "properties": project_record(lp)}
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":"), allow_nan=False))
    body = ",\n".join(lines)
    return '{"type":"FeatureCollection","features":[\n' + body + ("\n" if lines else "") + "]}\n"


def write_geojson(path: Path, located: list[LocatedProject]) -> None:
    Path(path).write_text(geojson_text(located), encoding="utf-8", newline="\n")


def write_lines_geojson(path: Path, located: list[LocatedProject]) -> None:
    """The LineString projects alone: QGIS opens the mixed projects.geojson as two sublayers."""
    write_geojson(path, [lp for lp in located if geometry(lp)["type"] == "LineString"])


# ---------------------------------------------------------------------- CSV

# OWASP's CSV-injection rule: a spreadsheet runs a cell starting with one of these as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(text: str) -> str:
    """Text that a spreadsheet shows as text: a leading ' before a formula trigger. A text that itself starts
    with ' gets one more, so :func:`from_spreadsheet_safe` gives the exact text back."""
    if text[:1] in FORMULA_TRIGGERS or text[:1] == "'":
        return "'" + text
    return text


def from_spreadsheet_safe(text: str) -> str:
    """The exact text of a cell written with :func:`spreadsheet_safe`."""
    if text[:1] == "'" and (text[1:2] in FORMULA_TRIGGERS or text[1:2] == "'"):
        return text[1:]
    return text


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return spreadsheet_safe(CSV_LIST_SEPARATOR.join(str(x) for x in v))
    if isinstance(v, (bool, int, float)):
        return _num(v)
    return spreadsheet_safe(str(v))


def csvt_line(fields: list[tuple[str, str, str]]) -> str:
    """The one line of a GDAL .csvt: the OGR type of each column, so QGIS/GDAL keep adcodes as text."""
    return ",".join(f'"{ogr_type(t)}"' for _, t, _ in fields) + "\r\n"


def write_csv(path: Path, fields: list[tuple[str, str, str]], rows: Iterable[dict[str, Any]]) -> None:
    """``path`` and, beside it, ``path.csvt`` (column types for GDAL/QGIS)."""
    path = Path(path)
    columns = names(fields)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])
    path.with_suffix(".csvt").write_text(csvt_line(fields), encoding="ascii", newline="")


def write_projects_csv(path: Path, located: list[LocatedProject]) -> None:
    rows = []
    for lp in located:
        rec = project_record(lp)
        geom = geometry(lp)
        first = geom["coordinates"] if geom["type"] == "Point" else geom["coordinates"][0]
        rec.update(lon=first[0], lat=first[1], wkt=wkt_of(geom))
        rows.append(rec)
    write_csv(path, PROJECT_FIELDS + PROJECT_CSV_EXTRA, rows)
    write_prj(Path(path).with_suffix(".prj"))


def write_prj(path: Path) -> None:
    """EPSG:4326 as ESRI WKT: GDAL and QGIS read it beside a CSV as the CSV's CRS."""
    from pyproj import CRS

    Path(path).write_text(CRS.from_epsg(4326).to_wkt("WKT1_ESRI"), encoding="ascii")


def write_mentions_csv(path: Path, mentions: list[Mention]) -> None:
    write_csv(path, MENTION_FIELDS, (mention_record(m) for m in _mentions_in_order(mentions)))


def write_suggested_links_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    write_csv(path, SUGGESTED_LINK_FIELDS, rows)


def target_record(t: Target) -> dict[str, Any]:
    return {
        "region": t.region,
        "region_adcode": t.region_adcode,
        "indicator": t.indicator,
        "value": float(t.value),
        "unit": t.unit,
        "year": t.year,
        "source": t.source,
        "quote": t.quote,
    }


def write_targets_csv(path: Path, targets: list[Target]) -> None:
    write_csv(path, TARGET_FIELDS, (target_record(t) for t in targets))


def write_unresolved_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    write_csv(path, UNRESOLVED_FIELDS, rows)


# ---------------------------------------------------------------------- GeoPackage

# GeoPackage 1.2: what GDAL 3.6 and QGIS 3.22 (Debian 12) read without warnings; newer GDAL writes 1.4 by
# default, whose R-tree triggers GDAL 3.6's validator reports as missing.
GPKG_VERSION = "1.2"


def flat_record(lp: LocatedProject) -> dict[str, Any]:
    """project_record with its lists joined (formats without a list type) and ``wkt`` added."""
    rec = _joined(project_record(lp), PROJECT_FIELDS)
    rec["wkt"] = wkt_of(geometry(lp))
    return rec


def _joined(rec: dict[str, Any], fields: list[tuple[str, str, str]]) -> dict[str, Any]:
    for name, type_, _ in fields:
        if base_type(type_) == "list[str]":
            rec[name] = CSV_LIST_SEPARATOR.join(rec[name] or [])
    return rec


def typed_frame(rows: list[dict[str, Any]], fields: list[tuple[str, str, str]]):
    """A DataFrame whose dtypes follow the schema: int -> Int32 (OGR Integer), float, bool, text."""
    import pandas as pd

    df = pd.DataFrame(rows, columns=names(fields))
    for name, type_, _ in fields:
        kind = base_type(type_)
        if kind == "int":
            df[name] = pd.array([None if _null(v) else int(v) for v in df[name]], dtype="Int32")
        elif kind == "float":
            df[name] = pd.to_numeric(df[name], errors="coerce").astype("float64")
        elif kind == "bool":
            df[name] = df[name].astype(bool)
    return df


def _null(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


PROJECT_GPKG_FIELDS = PROJECT_FIELDS + [f for f in PROJECT_CSV_EXTRA if f[0] == "wkt"]


def project_frames(located: list[LocatedProject]):
    """(points, lines) GeoDataFrames in EPSG:4326: every project as a point (a line at its first end) and the
    line projects as LineStrings, with the flat records as attributes."""
    import geopandas as gpd
    import shapely

    points, lines = [], []
    for lp in located:
        geom = geometry(lp)
        coords = geom["coordinates"]
        points.append((flat_record(lp), shapely.Point(coords if geom["type"] == "Point" else coords[0])))
        if geom["type"] == "LineString":
            lines.append((flat_record(lp), shapely.LineString(coords)))

    def frame(items):
        df = typed_frame([r for r, _ in items], PROJECT_GPKG_FIELDS)
        return gpd.GeoDataFrame(df, geometry=gpd.GeoSeries([g for _, g in items], crs="EPSG:4326"))

    return frame(points), frame(lines)


def write_gpkg(
    path: Path,
    located: list[LocatedProject],
    targets: list[Target],
    admin: dict[str, Any],
    mentions: list[Mention] | None = None,
) -> None:
    """``admin``: {"province": gdf, "cities": gdf, "counties": gdf} in EPSG:4326. ``mentions``, when given,
    become the attribute table ``mentions``."""
    import pyogrio

    path = Path(path)
    points, lines = project_frames(located)
    opts = {"driver": "GPKG", "promote_to_multi": False}
    pyogrio.write_dataframe(
        points,
        path,
        layer="projects",
        geometry_type="Point",
        dataset_options={"VERSION": GPKG_VERSION},
        **opts,
    )
    pyogrio.write_dataframe(lines, path, layer="project_lines", geometry_type="LineString", **opts)
    tdf = typed_frame([target_record(t) for t in targets], TARGET_FIELDS)
    pyogrio.write_dataframe(tdf, path, layer="targets", driver="GPKG")
    if mentions is not None:
        rows = [_joined(mention_record(m), MENTION_FIELDS) for m in _mentions_in_order(mentions)]
        pyogrio.write_dataframe(typed_frame(rows, MENTION_FIELDS), path, layer="mentions", driver="GPKG")
    for layer in ("province", "cities", "counties"):
        gdf = admin[layer]
        gdf = gdf.to_crs("EPSG:4326") if gdf.crs is not None else gdf.set_crs("EPSG:4326")
        pyogrio.write_dataframe(
            gdf, path, layer=layer, driver="GPKG", promote_to_multi=True, geometry_type="MultiPolygon"
        )


# ---------------------------------------------------------------------- report


def write_report(folder: Path, report: dict[str, Any]) -> None:
    folder = Path(folder)
    (folder / "build_report.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8", newline="\n"
    )
    (folder / "build_report.md").write_text(report_markdown(report), encoding="utf-8", newline="\n")


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    out += ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in rows]
    return out


def report_markdown(r: dict[str, Any]) -> str:
    c = r["counts"]
    lines = [
        "# Build report",
        "",
        f"Built {r.get('built_at', '')} from `{r.get('seeds', '')}` in {r['timings_s'].get('total', 0):.2f} s.",
        "",
        f"- projects placed: **{c['projects']}** (offshore {c['offshore']}, lines {c['lines']}), from "
        f"{c.get('mentions', c['projects'])} mentions; suggested links to review: {c.get('suggested_links', 0)}",
        f"- projects not placed: **{c['unplaced']}**; rows in unresolved.csv: **{c['unresolved_rows']}**",
        f"- targets: **{c['targets']}**",
        f"- boundaries: {r.get('boundaries') or 'bundled layers/shandong_admin.gpkg (Amap-derived, learning use)'}",
        "",
        "## Source plans",
        "",
    ]
    lines += _table(
        ["file", "title", "region", "projects", "targets", "unresolved rows"],
        [
            [s["source"], s["title"], f"{s['region'] or ''} {s['region_adcode'] or ''}".strip(), s["projects"],
             s["targets"], s["unresolved_rows"]]
            for s in r["sources"]
        ],
    )  # fmt: skip
    if r.get("skipped"):
        lines += ["", "Skipped files:", ""] + [f"- `{s['source']}`: {s['reason']}" for s in r["skipped"]]
    for key, title in (("by_precision", "precision"), ("by_city", "city"), ("by_category", "category")):
        lines += ["", f"## Projects by {title}", ""]
        lines += _table([title, "projects"], [[k, v] for k, v in c[key].items()])
    lines += ["", "## Timings (s)", ""]
    lines += _table(["stage", "seconds"], [[k, f"{v:.3f}"] for k, v in r["timings_s"].items()])
    if r.get("notes"):
        lines += ["", "## Notes", ""] + [f"- {n}" for n in r["notes"]]
    return "\n".join(lines) + "\n"

"""Writers for the catalog files (see geo/schema.py for every column).

Formatting decisions, so that a build is reproducible byte for byte where it can be:

- ``projects.geojson``: RFC 7946 FeatureCollection written by hand with ``json.dumps(ensure_ascii=False)``:
  no ``crs`` member, lon/lat WGS-84 rounded to 7 decimals (~1 cm), one feature per line, features in the
  order given (the build sorts them by plan and position in the plan), properties in PROJECT_FIELDS order,
  ``responsible_units`` a JSON array, nulls as ``null``. The Feature also carries ``id`` (= properties.id).
- CSV files: UTF-8 with BOM (Excel shows the Chinese), RFC 4180 quoting, CRLF line ends. Lists
  (``responsible_units``) are joined with ``；`` (CSV_LIST_SEPARATOR); empty cells are nulls; numbers are
  written without trailing zeros.
- ``catalog.gpkg`` (GDAL via pyogrio, EPSG:4326): ``projects`` (Point: a line project is at its first end,
  its line is in ``wkt`` and in the extra layer ``project_lines``), ``project_lines`` (LineString),
  ``targets`` (attribute table, no geometry), ``province``, ``cities``, ``counties`` (full resolution).
  ``responsible_units`` is a ``；``-joined string. GeoPackages carry timestamps, so they are not byte-stable.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from geo.model import LocatedProject, Target
from geo.schema import (
    CSV_LIST_SEPARATOR,
    PROJECT_CSV_EXTRA,
    PROJECT_FIELDS,
    TARGET_FIELDS,
    UNRESOLVED_FIELDS,
    names,
)
from geo.vocab import CATEGORIES

COORD_DECIMALS = 7
PROJECT_COLUMNS = names(PROJECT_FIELDS)


# ---------------------------------------------------------------------- records


def project_record(lp: LocatedProject) -> dict[str, Any]:
    """Properties of one project, in PROJECT_FIELDS order, JSON-ready."""
    p, loc = lp.project, lp.location
    cap = p.capacity
    value = cap.value if cap is not None else None
    if value is not None and (isinstance(value, float) and not math.isfinite(value)):
        value = None
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
        "capacity_text": cap.text if cap is not None else None,
        "capacity_value": float(value) if value is not None else None,
        "capacity_unit": cap.unit if cap is not None and value is not None else None,
        "target_year": int(p.target_year) if p.target_year is not None else None,
        "responsible_units": list(p.responsible_units),
        "source": p.source,
        "doc_title": p.doc_title,
        "doc_kind": p.doc_kind,
        "section": p.section if p.spans else None,
        "quote": p.quote if p.spans else None,
        "location_note": loc.note,
    }
    return {k: rec[k] for k in PROJECT_COLUMNS}


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


# ---------------------------------------------------------------------- CSV


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return CSV_LIST_SEPARATOR.join(str(x) for x in v)
    if isinstance(v, (bool, int, float)):
        return _num(v)
    return str(v)


def write_csv(path: Path, columns: list[str], rows: Iterable[dict[str, Any]]) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])


def write_projects_csv(path: Path, located: list[LocatedProject]) -> None:
    columns = PROJECT_COLUMNS + names(PROJECT_CSV_EXTRA)
    rows = []
    for lp in located:
        rec = project_record(lp)
        geom = geometry(lp)
        first = geom["coordinates"] if geom["type"] == "Point" else geom["coordinates"][0]
        rec.update(lon=first[0], lat=first[1], wkt=wkt_of(geom))
        rows.append(rec)
    write_csv(path, columns, rows)


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
    write_csv(path, names(TARGET_FIELDS), (target_record(t) for t in targets))


def write_unresolved_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    write_csv(path, names(UNRESOLVED_FIELDS), rows)


# ---------------------------------------------------------------------- GeoPackage


def write_gpkg(
    path: Path, located: list[LocatedProject], targets: list[Target], admin: dict[str, Any]
) -> None:
    """``admin``: {"province": gdf, "cities": gdf, "counties": gdf} in EPSG:4326."""
    import geopandas as gpd
    import pandas as pd
    import pyogrio
    import shapely

    recs, points, lines, line_recs = [], [], [], []
    for lp in located:
        rec = project_record(lp)
        rec["responsible_units"] = CSV_LIST_SEPARATOR.join(rec["responsible_units"])
        geom = geometry(lp)
        if geom["type"] == "Point":
            pt = geom["coordinates"]
        else:
            pt = geom["coordinates"][0]
            lines.append(shapely.LineString(geom["coordinates"]))
            line_recs.append(dict(rec, wkt=wkt_of(geom)))
        rec["wkt"] = wkt_of(geom)
        points.append(shapely.Point(pt))
        recs.append(rec)
    columns = [*PROJECT_COLUMNS, "wkt"]

    def frame(rows, geoms, gtype):
        df = pd.DataFrame(rows, columns=columns)
        df["capacity_value"] = pd.to_numeric(df["capacity_value"], errors="coerce").astype("float64")
        df["target_year"] = pd.array(
            [
                None if v is None or (isinstance(v, float) and math.isnan(v)) else int(v)
                for v in df["target_year"]
            ],
            dtype="Int64",
        )
        df["offshore"] = df["offshore"].astype(bool)
        return gpd.GeoDataFrame(df, geometry=gpd.GeoSeries(geoms, crs="EPSG:4326"), crs="EPSG:4326")

    path = Path(path)
    opts = {"driver": "GPKG", "promote_to_multi": False}
    pyogrio.write_dataframe(
        frame(recs, points, "Point"), path, layer="projects", geometry_type="Point", **opts
    )
    pyogrio.write_dataframe(
        frame(line_recs, lines, "LineString"), path, layer="project_lines", geometry_type="LineString", **opts
    )
    tdf = pd.DataFrame([target_record(t) for t in targets], columns=names(TARGET_FIELDS))
    tdf["value"] = pd.to_numeric(tdf["value"], errors="coerce").astype("float64")
    tdf["year"] = pd.array([None if v is None else int(v) for v in tdf["year"]], dtype="Int64")
    pyogrio.write_dataframe(tdf, path, layer="targets", driver="GPKG")
    for layer in ("province", "cities", "counties"):
        gdf = admin[layer]
        gdf = gdf.to_crs("EPSG:4326") if gdf.crs is not None else gdf.set_crs("EPSG:4326")
        pyogrio.write_dataframe(gdf, path, layer=layer, driver="GPKG", promote_to_multi=True)


# ---------------------------------------------------------------------- Shapefile (optional)

# ASCII field names of at most 10 characters for the Shapefile (dBASE) export, in PROJECT_FIELDS order.
SHAPEFILE_FIELDS: dict[str, str] = {
    "id": "id",
    "name": "name",
    "category": "category",
    "category_zh": "cat_zh",
    "owner": "owner",
    "province": "province",
    "city": "city",
    "city_adcode": "city_code",
    "county": "county",
    "county_adcode": "cnty_code",
    "township": "township",
    "precision": "precision",
    "offshore": "offshore",
    "capacity_text": "cap_text",
    "capacity_value": "cap_value",
    "capacity_unit": "cap_unit",
    "target_year": "tgt_year",
    "responsible_units": "resp_units",
    "source": "source",
    "doc_title": "doc_title",
    "doc_kind": "doc_kind",
    "section": "section",
    "quote": "quote",
    "location_note": "loc_note",
    "wkt": "wkt",
}
DBF_MAX_BYTES = 254  # a dBASE text field holds at most 254 bytes (about 84 Chinese characters in UTF-8)


def _fit_dbf(text):
    """Cut text to 254 UTF-8 bytes at a character boundary, marking the cut with '…'."""
    if text is None:
        return None
    data = text.encode("utf-8")
    if len(data) <= DBF_MAX_BYTES:
        return text
    cut = data[: DBF_MAX_BYTES - 3].decode("utf-8", errors="ignore")
    return cut + "…"


def write_shapefile(folder: Path, located: list[LocatedProject]) -> None:
    """``projects.shp`` (points; line projects at their first end) and ``project_lines.shp``, UTF-8 (.cpg),
    EPSG:4326 (.prj), ASCII field names, plus ``fields.csv`` mapping each to the catalog column. Text longer
    than 254 bytes is cut (marked '…'): the GeoPackage and the CSV keep it whole."""
    import geopandas as gpd
    import pandas as pd
    import pyogrio
    import shapely

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    points, lines = [], []
    for lp in located:
        rec = project_record(lp)
        rec["responsible_units"] = CSV_LIST_SEPARATOR.join(rec["responsible_units"])
        geom = geometry(lp)
        rec["wkt"] = wkt_of(geom)
        row = {SHAPEFILE_FIELDS[k]: (_fit_dbf(v) if isinstance(v, str) else v) for k, v in rec.items()}
        row["offshore"] = "true" if rec["offshore"] else "false"
        if geom["type"] == "Point":
            points.append((row, shapely.Point(geom["coordinates"])))
        else:
            points.append((row, shapely.Point(geom["coordinates"][0])))
            lines.append((row, shapely.LineString(geom["coordinates"])))
    columns = list(SHAPEFILE_FIELDS.values())
    for name, items, gtype in (("projects", points, "Point"), ("project_lines", lines, "LineString")):
        df = pd.DataFrame([r for r, _ in items], columns=columns)
        df["cap_value"] = pd.to_numeric(df["cap_value"], errors="coerce").astype("float64")
        df["tgt_year"] = pd.array([None if pd.isna(v) else int(v) for v in df["tgt_year"]], dtype="Int64")
        gdf = gpd.GeoDataFrame(
            df, geometry=gpd.GeoSeries([g for _, g in items], crs="EPSG:4326"), crs="EPSG:4326"
        )
        pyogrio.write_dataframe(
            gdf, folder / f"{name}.shp", driver="ESRI Shapefile", geometry_type=gtype, encoding="UTF-8"
        )
    descriptions = {n: d for n, _, d in PROJECT_FIELDS + PROJECT_CSV_EXTRA}
    rows = [
        {"shapefile_field": short, "catalog_field": long, "description": descriptions.get(long, "")}
        for long, short in SHAPEFILE_FIELDS.items()
    ]
    write_csv(folder / "fields.csv", ["shapefile_field", "catalog_field", "description"], rows)


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
        f"- projects placed: **{c['projects']}** (offshore {c['offshore']}, lines {c['lines']})",
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

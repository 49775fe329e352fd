"""Exports of a (filtered) set of a catalog's projects: the build's own writers (geo.export and friends), so a
download has exactly the catalog's format. The rows are turned back into the pipeline's LocatedProject / Target
records for that.

    to_gpkg_bytes(shown, catalog.targets)   # also to_geojson/csv/xlsx/html/kml/kmz/shapefile_zip_bytes
    write_atomic(path, data)                # a file written whole or not at all
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from geo.catalog import Catalog
from geo.catalog_files import TARGET_COLUMNS, is_missing, or_none


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
        text, value, unit = (
            or_none(r["capacity_text"]),
            or_none(r["capacity_value"]),
            or_none(r["capacity_unit"]),
        )
        if text is not None or value is not None:
            cap = Capacity(text=text or "", value=None if value is None else float(value), unit=unit)
        section, quote = or_none(r["section"]), or_none(r["quote"])
        spans = [] if section is None and quote is None else [SourceSpan(section or "", quote or "", 0, 0)]
        year = or_none(r["target_year"])
        project = Project(
            name=r["name"] or "",
            category=r["category"] or "other",
            source=r["source"] or "",
            doc_title=r["doc_title"] or "",
            region_adcode=None,
            spans=spans,
            owner=or_none(r["owner"]),
            capacity=cap,
            target_year=None if year is None else int(year),
            responsible_units=list(r["responsible_units"] or []),
            offshore=bool(r["offshore"]),
            doc_kind=or_none(r.get("doc_kind")),
        )
        location = Location(
            precision=r["precision"] or "province",
            lon=float(lon) if lon is not None else 0.0,
            lat=float(lat) if lat is not None else 0.0,
            province=r["province"] or "山东省",
            city=or_none(r["city"]),
            city_adcode=or_none(r["city_adcode"]),
            county=or_none(r["county"]),
            county_adcode=or_none(r["county_adcode"]),
            township=or_none(r["township"]),
            offshore=bool(r["offshore"]),
            wkt=wkt,
            note=or_none(r["location_note"]),
        )
        out.append(
            LocatedProject(
                id=r["id"],
                project=project,
                location=location,
                sources=list(r.get("sources") or []),
                status=or_none(r.get("status")),
                status_words=or_none(r.get("status_words")),
                status_date=or_none(r.get("status_date")),
                resolution=or_none(r.get("resolution")),
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
        year = or_none(r.year)
        out.append(
            Target(
                region=r.region,
                region_adcode=or_none(r.region_adcode),
                indicator=r.indicator,
                value=float(r.value),
                unit=r.unit,
                year=None if year is None else int(year),
                source=r.source,
                quote=or_none(r.quote) or "",
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

    cities = {c for c in projects["city_adcode"] if not is_missing(c)}
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

"""The files of a selection, one list for the app's 下载 tab and the command line:

    python -m geo export [--catalog DIR] [--plan P] [--city C] [--county X] [--category K] --out FILE

The format is the file name's ending (DOWNLOADS): .geojson, .gpkg, .csv, .xlsx, .kml, .kmz, .zip (Shapefile),
.html (standalone map). Filters are those of ``python -m geo report`` (names, short names or codes). The file
is written to a temporary file beside it and moved into place, so a failed export leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from geo.cli import UserError


@dataclass(frozen=True)
class Download:
    suffix: str  # ".gpkg"
    mime: str
    label_zh: str
    label_en: str
    make: Callable  # (projects GeoDataFrame, Catalog) -> bytes

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en


def _geojson(projects, catalog) -> bytes:
    from geo.catalog_export import to_geojson_bytes

    return to_geojson_bytes(projects)


def _gpkg(projects, catalog) -> bytes:
    from geo.catalog_export import to_gpkg_bytes

    return to_gpkg_bytes(projects, catalog.targets)


def _csv(projects, catalog) -> bytes:
    from geo.catalog_export import to_csv_bytes

    return to_csv_bytes(projects)


def _xlsx(projects, catalog) -> bytes:
    from geo.catalog_export import to_xlsx_bytes

    return to_xlsx_bytes(projects, catalog)


def _kml(projects, catalog) -> bytes:
    from geo.catalog_export import to_kml_bytes

    return to_kml_bytes(projects)


def _kmz(projects, catalog) -> bytes:
    from geo.catalog_export import to_kmz_bytes

    return to_kmz_bytes(projects)


def _shapefile(projects, catalog) -> bytes:
    from geo.catalog_export import to_shapefile_zip_bytes

    return to_shapefile_zip_bytes(projects)


def _html(projects, catalog) -> bytes:
    from geo.catalog_export import to_html_bytes

    return to_html_bytes(projects, catalog)


DOWNLOADS: list[Download] = [
    Download(".geojson", "application/geo+json", "GeoJSON", "GeoJSON", _geojson),
    Download(".gpkg", "application/geopackage+sqlite3", "GeoPackage", "GeoPackage", _gpkg),
    Download(".csv", "text/csv", "CSV", "CSV", _csv),
    Download(
        ".xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel 表格",
        "Excel (XLSX)",
        _xlsx,
    ),
    Download(".kml", "application/vnd.google-earth.kml+xml", "KML（奥维/Google Earth）", "KML", _kml),
    Download(".kmz", "application/vnd.google-earth.kmz", "KMZ（奥维/Google Earth）", "KMZ", _kmz),
    Download(".zip", "application/zip", "Shapefile（zip）", "Shapefile (zip)", _shapefile),
    Download(".html", "text/html", "离线网页地图", "Offline HTML map", _html),
]


def download_for(path: Path | str) -> Download:
    suffix = Path(path).suffix.lower()
    for d in DOWNLOADS:
        if d.suffix == suffix:
            return d
    known = ", ".join(d.suffix for d in DOWNLOADS)
    raise UserError(f"--out {path}: the file name must end in one of {known}")


# ---------------------------------------------------------------------- command line


def add_arguments(parser) -> None:
    from geo import report

    report.add_filter_arguments(parser)
    parser.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help="output file; its ending picks the format: " + ", ".join(d.suffix for d in DOWNLOADS),
    )


def run(args) -> int:
    from geo.catalog_export import write_atomic
    from geo.catalog_filters import apply_filters
    from geo.report import filters_from_args, load_or_build
    from geo.report_select import select

    fmt = download_for(args.out)
    catalog = load_or_build(args.catalog)
    filters = filters_from_args(catalog, args.plan, args.city, args.county, args.category)
    select(catalog, filters)  # a clear message when nothing matches
    projects = apply_filters(catalog.projects, filters)  # in the catalog's order, as the build writes it
    out = Path(args.out).expanduser()
    try:
        write_atomic(out, fmt.make(projects, catalog))
    except OSError as exc:
        raise UserError(f"cannot write {out}: {exc.strerror or exc}") from None
    print(f"wrote {out}: {len(projects)} projects")
    return 0

"""The Shapefile export (``build --shapefile``, the app's zipped download, ``geo export --format shp``).

dBASE limits what a Shapefile can hold, so the folder says what it changed:

- field names are ASCII and at most 10 characters (SHAPEFILE_FIELDS); ``fields.csv`` maps each one to the
  catalog column, with its type and, for text, how many rows were cut;
- a text field holds at most 254 bytes (about 84 Chinese characters in UTF-8): longer text is cut at a
  character boundary and marked '…'; ``projects_fulltext.csv`` has the whole text of the free-text columns,
  one row per project keyed by ``id`` (join it in QGIS: Layer Properties > Joins);
- ``offshore`` is a logical field (dBASE type L), years 32-bit integers, capacities reals;
- ``.cpg`` says UTF-8 and ``.prj`` EPSG:4326; line projects are points at their first end in ``projects.shp``
  and LineStrings in ``project_lines.shp`` (a Shapefile has one geometry type).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from geo.export import PROJECT_GPKG_FIELDS, flat_record, project_frames, write_csv
from geo.model import LocatedProject
from geo.schema import base_type

# ASCII field names of at most 10 characters for the dBASE table, in PROJECT_GPKG_FIELDS order.
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
    "status": "status",
    "status_words": "stat_words",
    "status_date": "stat_date",
    "mention_count": "n_mentions",
    "sources": "sources",
    "resolution": "resolution",
    "review_status": "review",
    "edited_fields": "edited",
    "wkt": "wkt",
}
DBF_MAX_BYTES = 254
FULLTEXT_FILE = "projects_fulltext.csv"
# the free-text columns that can outgrow a dBASE field, kept whole in FULLTEXT_FILE
FULLTEXT_FIELDS = [
    f
    for f in PROJECT_GPKG_FIELDS
    if f[0]
    in (
        "id",
        "name",
        "doc_title",
        "section",
        "quote",
        "responsible_units",
        "location_note",
        "sources",
        "resolution",
        "wkt",
    )
]


def shapefile_name(column: str) -> str:
    """The dBASE name of a catalog column (a column added to the schema later: its first 10 characters)."""
    return SHAPEFILE_FIELDS.get(column, column[:10])


def fit_dbf(text):
    """Text cut to 254 UTF-8 bytes at a character boundary, the cut marked with '…'."""
    if not isinstance(text, str):
        return text
    data = text.encode("utf-8")
    if len(data) <= DBF_MAX_BYTES:
        return text
    return data[: DBF_MAX_BYTES - 3].decode("utf-8", errors="ignore") + "…"


def write_shapefile(folder: Path, located: list[LocatedProject]) -> None:
    """projects.shp, project_lines.shp, fields.csv and projects_fulltext.csv in ``folder``."""
    import pyogrio

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    cut: dict[str, int] = {}
    for name, frame, gtype in zip(
        ("projects", "project_lines"), project_frames(located), ("Point", "LineString"), strict=True
    ):
        for column, type_ in ((n, base_type(t)) for n, t, _ in PROJECT_GPKG_FIELDS):
            if type_ in ("str", "list[str]", "wkt"):
                fitted = frame[column].map(fit_dbf)
                if name == "projects":
                    cut[column] = sum(
                        isinstance(a, str) and a != b for a, b in zip(fitted, frame[column], strict=True)
                    )
                frame[column] = fitted
        frame = frame.rename(columns={c: shapefile_name(c) for c in frame.columns if c != "geometry"})
        pyogrio.write_dataframe(
            frame, folder / f"{name}.shp", driver="ESRI Shapefile", geometry_type=gtype, encoding="UTF-8"
        )
    write_csv(folder / FULLTEXT_FILE, FULLTEXT_FIELDS, (flat_record(lp) for lp in located))
    rows = [
        {
            "shapefile_field": shapefile_name(long),
            "catalog_field": long,
            "type": type_,
            "description": description,
            "note": _note(long, cut.get(long)),
        }
        for long, type_, description in PROJECT_GPKG_FIELDS
    ]
    write_csv(folder / "fields.csv", _FIELDS_CSV, rows)


_FIELDS_CSV = [
    (name, "str", "") for name in ("shapefile_field", "catalog_field", "type", "description", "note")
]


def _note(column: str, n_cut: int | None) -> str:
    if n_cut is None:
        return ""
    whole = f"; whole text in {FULLTEXT_FILE}" if column in {f[0] for f in FULLTEXT_FIELDS} else ""
    return f"text longer than {DBF_MAX_BYTES} bytes is cut and marked …: {n_cut} row(s) in this export{whole}"


def shapefile_zip_bytes(located: list[LocatedProject]) -> bytes:
    """The Shapefile folder as a .zip (files at the top level, as GIS tools expect)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="sdcarbon-shp-") as tmp:
        write_shapefile(Path(tmp), located)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(Path(tmp).iterdir()):
                zf.write(path, path.name)
        return buf.getvalue()

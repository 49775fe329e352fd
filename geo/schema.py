"""The catalog's output schema: one place that says what every column means.

`python -m geo build` writes these files into the output folder (default `build/`):

- `projects.geojson`  RFC 7946 FeatureCollection, one feature per project (one facility, however many documents
                      name it), PROJECT_FIELDS as properties
- `projects.csv`      PROJECT_FIELDS + `lon`, `lat`, `wkt`; UTF-8 with BOM (Excel shows the Chinese)
- `mentions.csv`      MENTION_FIELDS: what each document says about each project (one row per project and document)
- `suggested_links.csv` SUGGESTED_LINK_FIELDS: pairs of projects that may be one facility, not linked automatically
- `targets.csv`       TARGET_FIELDS
- `unresolved.csv`    UNRESOLVED_FIELDS
- `catalog.gpkg`      layers `projects`, `mentions` (attribute table), `targets`, `province`, `cities`,
                      `counties` (EPSG:4326), plus `project_lines` (LineString of the projects between two places)
- `rejected.csv`      records a reviewer rejected or merged into another (geo.edits.REJECTED_FIELDS)
- `orphaned_edits.csv` edits whose record or sentence no longer exists (geo.edits.ORPHANED_FIELDS)
- `build_report.json` counts by city, category and precision; timings; source files (+ `build_report.md`)
- `shapefile/`        only with `--shapefile`: projects.shp, project_lines.shp (ASCII field names, UTF-8 .cpg),
                      fields.csv mapping them to PROJECT_FIELDS (text cut at 254 bytes; GeoPackage/CSV keep it)
- `project_lines.geojson`  the LineString projects alone (projects.geojson mixes Points and LineStrings)
- `projects.xlsx`     projects, sources and build date, targets (text columns stored as text)
- `*.csvt`            beside each CSV: GDAL/QGIS column types (adcodes stay text)

Types are the same in every format (FORMAT_TYPES): `int` is a 32-bit integer (OGR Integer, not Integer64),
`bool` a logical field (OGR Integer(Boolean), dBASE L, PostgreSQL boolean), `list[str]` a JSON array in GeoJSON
only and everywhere else one text joined with CSV_LIST_SEPARATOR (GeoPackage, Shapefile and spreadsheets
have no list type).
"""

from __future__ import annotations

# (name, type, description)
PROJECT_FIELDS: list[tuple[str, str, str]] = [
    (
        "id",
        "str",
        "stable project id: hash of the facility's key (category, place, owner, name core), see below",
    ),
    ("name", "str", "project name as a planner would write it"),
    ("category", "str", "category code (geo.vocab.CATEGORIES)"),
    ("category_zh", "str", "category label in Chinese"),
    ("owner", "str|null", "developer named in the text (华能, 中广核, 中石化 ...)"),
    ("province", "str", "山东省"),
    ("city", "str|null", "prefecture-level city"),
    ("city_adcode", "str|null", "GB/T 2260 code of the city"),
    ("county", "str|null", "county-level unit"),
    ("county_adcode", "str|null", "GB/T 2260 code of the county"),
    ("township", "str|null", "township (镇/乡/街道) when the text names one"),
    ("precision", "str", "site | township | county | city | region | province: how precise the location is"),
    ("offshore", "bool", "true for projects at sea; the point is an approximate position off the coast"),
    ("capacity_text", "str|null", "capacity as written (400万千瓦, 百万千瓦级, 2×9H ...)"),
    ("capacity_value", "float|null", "normalized value; null for size classes"),
    ("capacity_unit", "str|null", "MW | MWh | Mt/a | bcm/a"),
    ("target_year", "int|null", "year the text sets for the project"),
    ("responsible_units", "list[str]", "责任单位 of the clause, plus document-wide rules"),
    ("source", "str", "the plan's file name"),
    ("doc_title", "str", "the plan's title"),
    ("doc_kind", "str|null", "kind of document it was read from: plan | news | notice | report"),
    ("section", "str|null", "heading path of the clause the project was read from"),
    ("quote", "str|null", "the sentence the project was read from"),
    ("location_note", "str|null", "how the location was derived, or why it is approximate"),
    (
        "status",
        "str|null",
        "stage from the newest document stating one: planned | pre_construction | "
        "construction | operating | shelved | cancelled; empty when no document states a stage",
    ),
    ("status_words", "str|null", "the words the status was read from (开工, 并网, 谋划 ...)"),
    ("status_date", "str|null", "date (or year) of the document those words are in"),
    ("mention_count", "int", "number of documents naming this project (rows in mentions.csv)"),
    ("sources", "list[str]", "file names of the documents naming it, newest first"),
    (
        "resolution",
        "str|null",
        "where documents differ: the rule that chose each shown value, and from which file",
    ),
    (
        "review_status",
        "str",
        "unreviewed | confirmed | edited | added: what a person made of it (rejected ones: rejected.csv)",
    ),
    (
        "edited_fields",
        "list[str]",
        "what a person changed: name category owner capacity status county township site merged",
    ),
]

PROJECT_CSV_EXTRA: list[tuple[str, str, str]] = [
    ("lon", "float", "longitude WGS-84 (point, or the line's first end)"),
    ("lat", "float", "latitude WGS-84"),
    ("wkt", "wkt", "geometry as WKT text, WGS-84 (GDAL reads it as the geometry through the .csvt)"),
]

TARGET_FIELDS: list[tuple[str, str, str]] = [
    ("region", "str", "region the target applies to (the plan's city or province)"),
    ("region_adcode", "str|null", "its GB/T 2260 code"),
    ("indicator", "str", "indicator code (geo.vocab.TARGET_INDICATORS)"),
    ("value", "float", "normalized value"),
    ("unit", "str", "MW | MWh | Mt/a | bcm/a | % ..."),
    ("year", "int|null", "target year (“十四五”期间 -> 2025)"),
    ("source", "str", "the plan's file name"),
    ("quote", "str", "the sentence the target was read from"),
]

UNRESOLVED_FIELDS: list[tuple[str, str, str]] = [
    ("source", "str", "the plan's file name"),
    ("project", "str", "project name"),
    ("mention", "str", "the place mention that could not be placed (empty if none was found)"),
    ("reason", "str", "why it could not be placed"),
    (
        "placed_as",
        "str|null",
        "precision at which the project is nevertheless on the map (e.g. city), or empty",
    ),
    ("category", "str", "category code of the project"),
    ("section", "str", "heading path of the clause the project was read from"),
    ("quote", "str", "the sentence the project was read from"),
]

# The boundary layers (catalog.gpkg province / cities / counties, the PostGIS admin tables): admin_units.csv.
ADMIN_FIELDS: list[tuple[str, str, str]] = [
    ("adcode", "str", "GB/T 2260 code of the unit"),
    ("name", "str", "full name (日照市, 莒县)"),
    ("short_name", "str", "short name as plans write it (日照, 莒县)"),
    ("level", "str", "province | city | county"),
    ("parent_adcode", "str|null", "code of the unit it belongs to"),
    ("rep_lon", "float", "longitude of a representative point inside the unit (WGS-84)"),
    ("rep_lat", "float", "latitude of that point"),
]

# Project ids. A project is one facility; its id is the first 12 hex digits of sha1 of its key
#     category | place | owner | core        (geo.link.project_key)
# place: the county adcode, plus "/<township>" when a document's *name* contains the township, else the city
# adcode; regional projects (bases, offshore zones, lines across cities): the region names in their names joined
# by "+", or 370000. owner: normalized (geo.categories.OWNERS: 中国石化 -> 中石化; else without 集团/有限公司 ...),
# and only when a document's name contains it. core: the shortest name core of its mentions (geo.link.name_core:
# the name without places, owner, phase/unit words, capacities and generic words). Projects sharing a key: the
# one holding the smallest mention id keeps sha1(key), each other one gets sha1(key + "\x1f" + its smallest
# mention id). Nothing depends on the order of documents, so a fresh clone builds the same ids; adding or
# removing a document changes no other project's id (except in a shared key, above). A project's own id changes
# only when its key does: a new document gives it its first county (it was known only by city) or a shorter
# core, or the only document whose name carried its township or owner is removed. Mention ids (mentions.csv)
# are sha1(file + normalized name) and never change.
MENTION_FIELDS: list[tuple[str, str, str]] = [
    ("mention_id", "str", "stable id of this document's mention: hash of file name + normalized name"),
    ("project_id", "str", "id of the project (facility) it belongs to (projects.id)"),
    ("source", "str", "the document's file name"),
    ("doc_title", "str", "the document's title"),
    ("doc_kind", "str", "plan | news | notice | report"),
    ("doc_date", "str|null", "the document's date (ISO date, or year)"),
    ("section", "str|null", "heading path of the clause it was read from"),
    ("quote", "str|null", "the sentence it was read from"),
    ("name", "str", "the name as this document writes it"),
    ("category", "str", "category code (geo.vocab.CATEGORIES)"),
    ("owner", "str|null", "developer named in this document"),
    ("capacity_text", "str|null", "capacity as this document writes it"),
    ("capacity_value", "float|null", "its normalized value; null for size classes"),
    ("capacity_unit", "str|null", "MW | MWh | Mt/a | bcm/a"),
    ("target_year", "int|null", "year this document sets"),
    ("status", "str|null", "stage this document's words give (codes as projects.status)"),
    ("status_text", "str|null", "the words the stage was read from (开工, 并网, 谋划 ...)"),
    ("responsible_units", "list[str]", "责任单位 in this document"),
    ("city", "str|null", "city this document's text places it in"),
    ("county", "str|null", "county this document's text places it in"),
    ("county_adcode", "str|null", "GB/T 2260 code of that county"),
    ("township", "str|null", "township this document names"),
    ("precision", "str", "how precisely this document's text places it"),
    ("link_reason", "str", "why it is part of its project (名称核心相同 ...), or 仅此一处提及"),
]

SUGGESTED_LINK_FIELDS: list[tuple[str, str, str]] = [
    ("project_id", "str", "one project"),
    ("other_project_id", "str", "the other project, possibly the same facility"),
    ("name", "str", "the first project's name in the compared mention"),
    ("other_name", "str", "the other's name in the compared mention"),
    ("source", "str", "file of the first mention"),
    ("other_source", "str", "file of the other mention"),
    ("mention_id", "str", "the first mention compared"),
    ("other_mention_id", "str", "the other mention compared"),
    ("score", "float", "name similarity 0..1 (links are made from 0.85 when nothing contradicts)"),
    ("reason", "str", "what is alike and what speaks against a link"),
]

# CSV files join list values (responsible_units, sources) with this separator; GeoJSON keeps them as arrays.
CSV_LIST_SEPARATOR = "；"


# schema type (without "|null") -> (OGR field type as written in a .csvt, PostgreSQL type)
FORMAT_TYPES: dict[str, tuple[str, str]] = {
    "str": ("String", "text"),
    "int": ("Integer", "integer"),
    "float": ("Real", "double precision"),
    "bool": ("Integer(Boolean)", "boolean"),
    "list[str]": ("String", "text"),
    "wkt": ("WKT", "text"),
}


def base_type(type_: str) -> str:
    """The type without "|null": int|null -> int."""
    return type_.split("|")[0]


def ogr_type(type_: str) -> str:
    """The OGR field type of a schema type (int|null -> Integer); text for a type not listed."""
    return FORMAT_TYPES.get(base_type(type_), FORMAT_TYPES["str"])[0]


def pg_type(type_: str) -> str:
    """The PostgreSQL column type of a schema type (float|null -> double precision); text if not listed."""
    return FORMAT_TYPES.get(base_type(type_), FORMAT_TYPES["str"])[1]


def names(fields: list[tuple[str, str, str]]) -> list[str]:
    return [name for name, _, _ in fields]

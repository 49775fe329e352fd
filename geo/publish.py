"""`python -m geo publish --db postgresql://USER@HOST/DB [--schema NAME] [--catalog DIR]`: the catalog into
PostGIS, for a team that shares one catalog (QGIS connects to it directly; README "For GIS analysts").

Tables in the schema (default ``sdcarbon``), all EPSG:4326, every column with the COMMENT of geo/schema.py:

- ``projects`` (Point; a line project at its first end) and ``project_lines`` (LineString): PROJECT_FIELDS,
  primary key ``id`` (the catalog's stable id), ``responsible_units`` ``；``-joined as in every flat format;
- ``mentions`` (no geometry, primary key ``mention_id``) when the catalog has mentions;
- ``targets`` (no geometry): TARGET_FIELDS plus ``id``, a hash of what the target says (plan, region,
  indicator, year, value, unit, quote), so it is the same on every publish;
- ``province``, ``cities``, ``counties`` (MultiPolygon, primary key ``adcode``): the catalog's own boundary
  layers from catalog.gpkg (the bundled ones or those given to ``build --boundaries``).

Geometry columns are ``geom`` with a GiST index. Everything happens in one transaction: each table is
dropped and created again and filled with COPY, then the transaction commits, so a reader sees the previous
catalog or the new one, never half of one, and running it again gives the same tables (no duplicates).
A table that other objects depend on (a user's view) is not dropped: the publish stops with the database's
message and changes nothing.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geo.cli import UserError
from geo.schema import ADMIN_FIELDS, MENTION_FIELDS, PROJECT_FIELDS, TARGET_FIELDS, pg_type

DEFAULT_SCHEMA = "sdcarbon"
SCHEMA_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
TARGET_ID = ("id", "str", "stable id: hash of plan file, region, indicator, year, value, unit and quote")


@dataclass
class Table:
    name: str
    comment: str
    fields: list[tuple[str, str, str]]  # (column, schema type, description)
    key: str | None
    geometry: str | None = None  # PostGIS geometry type, or None for an attribute table
    rows: list[dict[str, Any]] = field(default_factory=list)
    geoms: list = field(default_factory=list)  # shapely geometries, one per row


# ---------------------------------------------------------------------- tables of a catalog


def catalog_tables(catalog) -> list[Table]:
    import shapely

    from geo.catalog_export import to_located, to_targets
    from geo.export import flat_record, geometry, target_record

    located = to_located(catalog.projects)
    projects = Table(
        "projects",
        "carbon-peak plan projects (a line project at its first end)",
        PROJECT_FIELDS,
        "id",
        "Point",
    )
    lines = Table(
        "project_lines", "projects between two places, as lines", PROJECT_FIELDS, "id", "LineString"
    )
    for lp in located:
        rec = flat_record(lp)
        geom = geometry(lp)
        coords = geom["coordinates"]
        projects.rows.append(rec)
        projects.geoms.append(shapely.Point(coords if geom["type"] == "Point" else coords[0]))
        if geom["type"] == "LineString":
            lines.rows.append(rec)
            lines.geoms.append(shapely.LineString(coords))
    targets = Table("targets", "targets the plans set (no geometry)", [TARGET_ID, *TARGET_FIELDS], "id")
    targets.rows = _with_target_ids([target_record(t) for t in to_targets(catalog.targets)])
    tables = [projects, lines, targets]
    mentions = _mentions_table(catalog)
    if mentions is not None:
        tables.append(mentions)
    return tables + admin_tables(Path(catalog.folder) / "catalog.gpkg")


def _with_target_ids(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, int] = {}
    for row in rows:
        what = "\x1f".join(
            str(row[k]) for k in ("source", "region", "indicator", "year", "value", "unit", "quote")
        )
        digest = hashlib.sha1(what.encode("utf-8")).hexdigest()[:12]
        seen[digest] = seen.get(digest, 0) + 1
        row["id"] = digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"  # the same sentence twice
    return rows


def _mentions_table(catalog) -> Table | None:
    """The catalog's mentions (one row per project and document); None for a catalog built before linking."""
    from geo.catalog_files import or_none

    if catalog.mentions is None:
        return None
    rows = [
        {n: _flat(or_none(r.get(n))) for n, _, _ in MENTION_FIELDS}
        for r in catalog.mentions.to_dict("records")
    ]
    return Table(
        "mentions", "what each document says about each project", MENTION_FIELDS, "mention_id", rows=rows
    )


def _flat(v):
    from geo.schema import CSV_LIST_SEPARATOR

    return CSV_LIST_SEPARATOR.join(map(str, v)) if isinstance(v, (list, tuple)) else v


def admin_tables(gpkg: Path) -> list[Table]:
    import pyogrio

    if not gpkg.is_file():
        raise UserError(f"{gpkg} is missing: rebuild the catalog with `python -m geo build`")
    known = {n: (n, t, d) for n, t, d in ADMIN_FIELDS}
    out = []
    for layer, what in (
        ("province", "the province"),
        ("cities", "prefecture-level cities"),
        ("counties", "county-level units"),
    ):
        frame = pyogrio.read_dataframe(gpkg, layer=layer).to_crs("EPSG:4326")
        columns = [c for c in frame.columns if c != "geometry"]
        fields = [
            known.get(c, (c, _kind(frame[c]), "column of the boundary file given to build --boundaries"))
            for c in columns
        ]
        key = "adcode" if "adcode" in columns and frame["adcode"].is_unique else None
        rows = [{c: _plain(r[c]) for c in columns} for r in frame[columns].to_dict("records")]
        out.append(
            Table(
                layer,
                f"boundaries of {what} (catalog.gpkg)",
                fields,
                key,
                "MultiPolygon",
                rows,
                list(frame.geometry),
            )
        )
    return out


def _kind(series) -> str:
    kind = series.dtype.kind
    return {"i": "int", "u": "int", "f": "float", "b": "bool"}.get(kind, "str")


def _plain(v):
    from geo.catalog_files import is_missing

    if is_missing(v):
        return None
    return v.item() if hasattr(v, "item") else v


# ---------------------------------------------------------------------- writing


def _ewkb(geom) -> str | None:
    import shapely

    if geom is None or geom.is_empty:
        return None
    if geom.geom_type == "Polygon":
        geom = shapely.MultiPolygon([geom])
    return shapely.to_wkb(shapely.set_srid(geom, 4326), hex=True, include_srid=True)


def write_table(cur, schema: str, table: Table) -> None:
    from psycopg import sql

    ident = sql.Identifier(schema, table.name)
    cur.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(ident))
    columns = [
        sql.SQL("{} {}{}").format(
            sql.Identifier(n), sql.SQL(pg_type(t)), sql.SQL(" PRIMARY KEY" if n == table.key else "")
        )
        for n, t, _ in table.fields
    ]
    if table.geometry:
        columns.append(sql.SQL("geom geometry({}, 4326)").format(sql.SQL(table.geometry)))
    cur.execute(sql.SQL("CREATE TABLE {} ({})").format(ident, sql.SQL(", ").join(columns)))
    names = [n for n, _, _ in table.fields] + (["geom"] if table.geometry else [])
    copy_sql = sql.SQL("COPY {} ({}) FROM STDIN").format(
        ident, sql.SQL(", ").join(map(sql.Identifier, names))
    )
    with cur.copy(copy_sql) as copy:
        for i, row in enumerate(table.rows):
            values = [row.get(n) for n, _, _ in table.fields]
            copy.write_row([*values, _ewkb(table.geoms[i])] if table.geometry else values)
    if table.geometry:
        index = sql.Identifier(f"{table.name}_geom_idx")
        cur.execute(sql.SQL("CREATE INDEX {} ON {} USING gist (geom)").format(index, ident))
    cur.execute(sql.SQL("COMMENT ON TABLE {} IS {}").format(ident, sql.Literal(table.comment)))
    for n, t, description in table.fields:
        text = f"{description} [{t}]" if description else f"[{t}]"
        cur.execute(
            sql.SQL("COMMENT ON COLUMN {}.{} IS {}").format(ident, sql.Identifier(n), sql.Literal(text))
        )
    if table.geometry:
        cur.execute(
            sql.SQL("COMMENT ON COLUMN {}.geom IS {}").format(
                ident, sql.Literal(f"{table.geometry}, WGS-84 (EPSG:4326)")
            )
        )
    cur.execute(sql.SQL("ANALYZE {}").format(ident))


def publish(catalog, url: str, schema: str = DEFAULT_SCHEMA) -> dict[str, int]:
    """Write the catalog into PostGIS in one transaction; returns {table: rows}."""
    import psycopg
    from psycopg import sql

    if not SCHEMA_NAME.match(schema):
        raise UserError(
            f"--schema {schema!r}: use lower-case letters, digits and _ (at most 63, not starting with a digit)"
        )
    tables = catalog_tables(catalog)
    where = describe_url(url)
    try:
        conn = psycopg.connect(url, connect_timeout=15)
    except (psycopg.Error, ValueError) as exc:
        raise UserError(f"cannot connect to {where}: {_first_line(exc)}") from None
    try:
        with conn, conn.cursor() as cur:  # one transaction: committed at the end, rolled back on any error
            _ensure_postgis(cur, where)
            cur.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))
            for table in tables:
                write_table(cur, schema, table)
    except psycopg.Error as exc:
        raise UserError(f"publishing to {where} failed, nothing was changed: {_first_line(exc)}") from None
    finally:
        conn.close()
    return {t.name: len(t.rows) for t in tables}


def _ensure_postgis(cur, where: str) -> None:
    import psycopg

    cur.execute("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")
    if cur.fetchone():
        return
    try:
        cur.execute("CREATE EXTENSION postgis")
    except psycopg.Error as exc:
        raise UserError(
            f"PostGIS is not enabled in {where} and this user cannot enable it ({_first_line(exc)}): "
            "ask the database's owner to run CREATE EXTENSION postgis"
        ) from None


def describe_url(url: str) -> str:
    """host:port/database of a connection URL, without the password."""
    try:
        from psycopg.conninfo import conninfo_to_dict

        info = conninfo_to_dict(url)
    except Exception:
        return "the database (the --db URL could not be read)"
    host = info.get("host") or "localhost"
    return f"{host}:{info.get('port') or 5432}/{info.get('dbname') or info.get('user') or ''}"


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


# ---------------------------------------------------------------------- command line


def add_arguments(parser) -> None:
    from geo import DEFAULT_BUILD_DIR

    parser.add_argument(
        "--db", required=True, metavar="URL", help="postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE"
    )
    parser.add_argument(
        "--schema", default=DEFAULT_SCHEMA, help=f"schema to write (default {DEFAULT_SCHEMA})"
    )
    parser.add_argument(
        "--catalog", default=str(DEFAULT_BUILD_DIR), metavar="DIR", help="catalog folder (default build/)"
    )


def run(args) -> int:
    from geo.report import load_or_build

    catalog = load_or_build(args.catalog)
    counts = publish(catalog, args.db, args.schema)
    rows = ", ".join(f"{name} {n}" for name, n in counts.items())
    print(f"published {catalog.folder} to {describe_url(args.db)} schema {args.schema}: {rows}")
    return 0

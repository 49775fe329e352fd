"""`python -m geo publish` against a real PostgreSQL + PostGIS that the tests start (tests/pgserver.py):
tables, keys, spatial indexes, column comments, idempotent reruns, one transaction, a spatial query that
agrees with projects.geojson, clear messages for a bad URL or schema; and the projects layer's QGIS style."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
import shapely

from geo import SEEDS_DIR, publish
from geo.build import build_catalog
from geo.catalog import load_catalog
from geo.cli import UserError, main
from geo.layers_read import load_admin
from geo.qml import projects_qml
from geo.schema import PROJECT_FIELDS, names
from geo.vocab import CATEGORIES, CATEGORY_STYLE

psycopg = pytest.importorskip("psycopg")

TABLES = ["projects", "project_lines", "targets", "mentions", "province", "cities", "counties"]


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    out = tmp_path_factory.mktemp("publish") / "catalog"
    build_catalog(SEEDS_DIR, out, progress=False)
    return load_catalog(out)


def _query(url, sql, *params):
    with psycopg.connect(url) as conn:
        return conn.execute(sql, params or None).fetchall()


def _counts(url, schema):
    return {
        t: _query(url, f"SELECT count(*), count(DISTINCT {_key(t)}) FROM {schema}.{t}")[0] for t in TABLES
    }


def _key(table):
    if table == "mentions":
        return "mention_id"
    return "adcode" if table in ("province", "cities", "counties") else "id"


def test_publish_twice_same_rows_keys_indexes_comments(catalog, postgis_url):
    argv = ["publish", "--catalog", str(catalog.folder), "--db", postgis_url, "--schema", "plans"]
    assert main(argv) == 0
    first = _counts(postgis_url, "plans")
    assert main(argv) == 0
    assert _counts(postgis_url, "plans") == first  # a rerun replaces, never duplicates
    lines = (catalog.projects.geometry.geom_type == "LineString").sum()
    expected = {"projects": len(catalog.projects), "project_lines": lines, "targets": len(catalog.targets),
                "mentions": len(catalog.mentions), "province": 1, "cities": 16, "counties": 136}  # fmt: skip
    assert {t: n for t, (n, _) in first.items()} == expected
    assert all(n == distinct for n, distinct in first.values())

    keys = dict(_query(postgis_url, """
        SELECT tc.table_name, kcu.column_name FROM information_schema.table_constraints tc
        JOIN information_schema.key_column_usage kcu USING (constraint_schema, constraint_name)
        WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = 'plans'"""))  # fmt: skip
    assert keys == {t: _key(t) for t in TABLES}
    gist = {
        r[0]
        for r in _query(
            postgis_url,
            "SELECT tablename FROM pg_indexes WHERE schemaname = 'plans' AND indexdef LIKE '%USING gist%'",
        )
    }
    assert gist == set(TABLES) - {"targets", "mentions"}  # attribute tables
    srids = dict(
        _query(postgis_url, "SELECT f_table_name, srid FROM geometry_columns WHERE f_table_schema = 'plans'")
    )
    assert set(srids.values()) == {4326}
    uncommented = _query(postgis_url, """
        SELECT c.table_name, c.column_name FROM information_schema.columns c
        WHERE c.table_schema = 'plans'
          AND col_description(format('%I.%I', c.table_schema, c.table_name)::regclass, c.ordinal_position) IS NULL""")  # fmt: skip
    assert uncommented == []
    columns = [
        r[0]
        for r in _query(
            postgis_url,
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'plans' AND table_name = 'projects' ORDER BY ordinal_position",
        )
    ]
    assert columns == [*names(PROJECT_FIELDS), "geom"]
    ordinal = names(PROJECT_FIELDS).index("quote") + 1
    quote = _query(postgis_url, f"SELECT col_description('plans.projects'::regclass, {ordinal})")[0][0]
    assert quote.startswith("the sentence the project was read from")


def test_spatial_query_agrees_with_projects_geojson(catalog, postgis_url):
    publish.publish(catalog, postgis_url)
    features = json.loads((catalog.folder / "projects.geojson").read_text(encoding="utf-8"))["features"]
    counties = load_admin("counties", "full").set_index("adcode")
    busiest = max(
        {f["properties"]["county_adcode"] for f in features if f["properties"]["county_adcode"]},
        key=lambda code: sum(f["properties"]["county_adcode"] == code for f in features),
    )
    polygon = counties.loc[busiest, "geometry"]
    expected = set()
    for f in features:
        coords = f["geometry"]["coordinates"]
        point = shapely.Point(coords if f["geometry"]["type"] == "Point" else coords[0])
        if point.within(polygon):
            expected.add(f["id"])
    got = {r[0] for r in _query(postgis_url, """
        SELECT p.id FROM sdcarbon.projects p JOIN sdcarbon.counties c ON ST_Within(p.geom, c.geom)
        WHERE c.adcode = %s""", busiest)}  # fmt: skip
    assert got == expected
    assert {f["id"] for f in features if f["properties"]["county_adcode"] == busiest} <= got
    name = _query(
        postgis_url,
        "SELECT name, responsible_units, offshore, target_year FROM sdcarbon.projects WHERE id = %s",
        features[0]["id"],
    )[0]
    props = features[0]["properties"]
    assert name == (
        props["name"],
        "；".join(props["responsible_units"]),
        props["offshore"],
        props["target_year"],
    )


def test_failed_publish_changes_nothing(catalog, postgis_url, monkeypatch):
    publish.publish(catalog, postgis_url)
    before = _counts(postgis_url, "sdcarbon")
    real = publish.write_table

    def failing(cur, schema, table):
        if table.name == "cities":
            cur.execute("SELECT 1/0")  # a database error half-way, after projects were replaced
        real(cur, schema, table)

    monkeypatch.setattr(publish, "write_table", failing)
    smaller = load_catalog(catalog.folder)
    smaller.projects = smaller.projects.iloc[:5]
    with pytest.raises(UserError, match="nothing was changed"):
        publish.publish(smaller, postgis_url)
    assert _counts(postgis_url, "sdcarbon") == before


def test_bad_url_and_schema_give_clear_messages(catalog, pg_server):
    port = pg_server.port
    with pytest.raises(UserError, match=rf"cannot connect to 127.0.0.1:{port}/no_such_db") as info:
        publish.publish(catalog, f"postgresql://postgres:secret@127.0.0.1:{port}/no_such_db")
    assert "secret" not in str(info.value)  # the password is never printed
    with pytest.raises(UserError, match="--schema"):
        publish.publish(catalog, pg_server.url, schema="Robert'); DROP TABLE x;--")


def test_projects_style_is_categorized_by_the_app_colours(catalog):
    root = ET.fromstring(projects_qml().split("\n", 1)[1])
    renderer = root.find("renderer-v2")
    assert renderer.get("type") == "categorizedSymbol" and renderer.get("attr") == "category"
    values = [c.get("value") for c in renderer.find("categories")]
    assert values == list(CATEGORIES)
    symbol = {s.get("name"): s for s in renderer.find("symbols")}
    solar = symbol[str(values.index("solar"))].find("layer/Option/Option[@name='color']").get("value")
    hex_color = CATEGORY_STYLE["solar"]["color"]
    assert solar == f"{int(hex_color[1:3], 16)},{int(hex_color[3:5], 16)},{int(hex_color[5:7], 16)},255"
    assert (catalog.folder / "projects.qml").read_text(encoding="utf-8") == projects_qml()

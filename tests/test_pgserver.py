"""The throwaway PostgreSQL server of tests/pgserver.py: it runs, keeps Chinese text, and enables PostGIS."""

from __future__ import annotations

import psycopg


def test_server_round_trips_chinese_text_in_a_fresh_database(pg_url):
    with psycopg.connect(pg_url) as conn:
        conn.execute("CREATE TABLE plan (name text)")
        conn.execute("INSERT INTO plan VALUES (%s)", ("日照市碳达峰工作方案",))
        assert conn.execute("SELECT name FROM plan").fetchone() == ("日照市碳达峰工作方案",)
        assert conn.execute("SHOW server_encoding").fetchone() == ("UTF8",)


def test_each_test_gets_its_own_database(pg_server):
    first, second = pg_server.create_database(), pg_server.create_database()
    assert first != second
    with psycopg.connect(first) as conn:
        conn.execute("CREATE TABLE only_here (x int)")
    with psycopg.connect(second) as conn:
        found = conn.execute("SELECT count(*) FROM pg_tables WHERE tablename = 'only_here'").fetchone()
    assert found == (0,)


def test_postgis_transforms_to_wgs84(postgis_url):
    with psycopg.connect(postgis_url) as conn:
        srid, x = conn.execute(
            "SELECT ST_SRID(g), round(ST_X(g)::numeric, 4) FROM"
            " (SELECT ST_Transform(ST_SetSRID(ST_MakePoint(119.5269, 35.4164), 4326), 4326) AS g) t"
        ).fetchone()
    assert (srid, float(x)) == (4326, 119.5269)

"""geo.sessions on SQLite and a real PostgreSQL (tests/pgserver.py): a sign-in's one-time grant becomes a
session token once, the token finds its editor until it expires or the session ends, and the store holds only
hashes; geo.session_web's routes set an HttpOnly, SameSite=Strict cookie and refuse other origins."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from geo import sessions
from geo import store as st
from geo.store import Store, StoreError


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    url = (
        f"sqlite:///{tmp_path / 'store.sqlite'}"
        if request.param == "sqlite"
        else request.getfixturevalue("pg_url")
    )
    s = Store.open(url)
    s.add_editor("王工", "correct horse battery")
    yield s
    s.close()


def _rows(store: Store) -> list:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(st.sessions)).all()


def test_a_grant_becomes_a_token_once_and_the_token_finds_the_editor(store):
    sid, grant = sessions.begin(store, "王工")
    assert sessions.editor_for(store, grant) is None  # the grant is not a token
    token, max_age = sessions.redeem(store, grant)
    assert 12 * 3600 - 5 <= max_age <= 12 * 3600
    assert sessions.redeem(store, grant) is None  # used
    assert sessions.editor_for(store, token) == (sid, "王工")
    assert sessions.alive(store, sid)
    stored = " ".join(str(v) for row in _rows(store) for v in row)
    assert token not in stored and grant not in stored and sessions._hash(token) in stored


def test_ending_a_session_or_its_token_signs_out_everywhere(store):
    sid, grant = sessions.begin(store, "王工")
    token, _ = sessions.redeem(store, grant)
    other_sid, other_grant = sessions.begin(store, "王工")
    other_token, _ = sessions.redeem(store, other_grant)
    sessions.end(store, sid)
    assert sessions.editor_for(store, token) is None and not sessions.alive(store, sid)
    assert sessions.editor_for(store, other_token) == (other_sid, "王工")  # another browser stays
    sessions.end_token(store, other_token)
    assert sessions.editor_for(store, other_token) is None and _rows(store) == []


def test_expired_sessions_and_grants_do_not_sign_in_and_are_pruned(store, monkeypatch):
    sid, grant = sessions.begin(store, "王工")
    token, _ = sessions.redeem(store, grant)
    _, late_grant = sessions.begin(store, "王工")
    past = (datetime.now(UTC) - timedelta(seconds=1)).isoformat(timespec="seconds")
    with store.engine.begin() as conn:
        conn.execute(sa.update(st.sessions).values(grant_expires_at=past))
        conn.execute(sa.update(st.sessions).where(st.sessions.c.id == sid).values(expires_at=past))
    assert sessions.editor_for(store, token) is None and not sessions.alive(store, sid)
    assert sessions.redeem(store, late_grant) is None
    monkeypatch.setenv(sessions.HOURS_ENV, "0.5")
    _, new_grant = sessions.begin(store, "王工")  # prunes the expired session
    assert sid not in {r.id for r in _rows(store)}
    assert 1790 <= sessions.redeem(store, new_grant)[1] <= 1800


@pytest.mark.parametrize("hours", ["0", "-1", "forever", "10000"])
def test_a_bad_session_lifetime_is_a_message(hours, monkeypatch):
    monkeypatch.setenv(sessions.HOURS_ENV, hours)
    with pytest.raises(StoreError, match="SDCARBON_SESSION_HOURS"):
        sessions.lifetime()


def test_a_version_2_store_gains_the_sessions_table(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    engine = st._engine(url)
    with engine.begin() as conn:
        st.MIGRATIONS[1](conn)
        st.MIGRATIONS[2](conn)
        conn.execute(sa.insert(st.schema_version).values(version=2))
    engine.dispose()
    with Store.open(url) as s:
        assert (s.migrated_from, s.version()) == (2, 3)
        s.add_editor("王工", "correct horse battery")
        assert sessions.redeem(s, sessions.begin(s, "王工")[1]) is not None


def _post(app, path: str, body: str = "", headers: dict | None = None) -> tuple[int, dict[str, str]]:
    """One POST through the ASGI app (no HTTP client needed): the status and the response's headers."""
    import anyio

    raw = [(k.lower().encode(), v.encode()) for k, v in {"host": "app.test", **(headers or {})}.items()]
    scope = {"type": "http", "method": "POST", "path": path, "raw_path": path.encode(), "query_string": b""}
    scope |= {"headers": raw, "scheme": "http", "server": ("app.test", 80), "http_version": "1.1"}
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": body.encode(), "more_body": False}

    async def send(message):
        sent.append(message)

    anyio.run(app, scope, receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}


def test_the_routes_set_an_httponly_strict_cookie_and_refuse_other_origins(tmp_path, monkeypatch):
    from starlette.applications import Starlette

    from geo import session_web

    monkeypatch.setenv(st.DB_URL_ENV, f"sqlite:///{tmp_path / 'store.sqlite'}")
    app = Starlette(routes=session_web.routes(""))
    with Store.open() as s:
        s.add_editor("王工", "correct horse battery")
        _, grant = sessions.begin(s, "王工")
        status, headers = _post(app, session_web.PATH, grant, {"Origin": "http://evil.test"})
        assert status == 403 and "set-cookie" not in headers
        status, headers = _post(app, session_web.PATH, grant, {"Origin": "http://app.test"})
        assert status == 204
        cookie = headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
        assert "Secure" not in cookie  # plain http here; https (or a proxy saying so) adds it
        token = cookie.split(";")[0].split("=", 1)[1]
        assert sessions.editor_for(s, token)[1] == "王工"
        assert _post(app, session_web.PATH, grant)[0] == 403  # a grant works once
        status, headers = _post(
            app, session_web.PATH + "/end", headers={"Cookie": f"{sessions.COOKIE}={token}"}
        )
        assert status == 204 and "Max-Age=0" in headers["set-cookie"]
        assert sessions.editor_for(s, token) is None

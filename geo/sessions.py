"""Editors staying signed in across a browser refresh or a new tab, for a bounded time.

    sid, grant = begin(store, "王工")     # at sign-in: a session row and a one-time grant (2 minutes)
    token, max_age = redeem(store, grant)  # the app's HTTP route (geo.session_web) swaps it for the cookie
    editor_for(store, token) -> (sid, "王工") | None   # on a new page load, from the cookie
    alive(store, sid), end(store, sid), end_token(store, token)

Streamlit's script cannot set cookies (it talks to the browser over a WebSocket), so the sign-in hands the
browser a one-time grant, which a small same-origin component posts to the app's own route; that route's
response sets the session token as an HttpOnly, SameSite=Strict cookie. The token never passes through the
page's scripts or the URL. The store keeps only SHA-256 hashes of the token and the grant (both 256-bit
random: a fast hash is enough, there is nothing to guess), the editor and the expiry; signing out deletes
the row, so a copied cookie stops working at once. Lifetime: SDCARBON_SESSION_HOURS (default 12).
"""

from __future__ import annotations

import hashlib
import os
import secrets
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from geo.store import Store, StoreError, editors, sessions

COOKIE = "sdcarbon_session"
HOURS_ENV = "SDCARBON_SESSION_HOURS"
DEFAULT_HOURS = 12.0
MAX_HOURS = 24.0 * 30
GRANT_SECONDS = 120


def lifetime() -> timedelta:
    text = os.environ.get(HOURS_ENV, "").strip()
    try:
        hours = float(text) if text else DEFAULT_HOURS
    except ValueError:
        hours = -1.0
    if not 0 < hours <= MAX_HOURS:
        raise StoreError(f"{HOURS_ENV}={text!r}: a number of hours above 0 and at most {MAX_HOURS:g}")
    return timedelta(hours=hours)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _at(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def begin(store: Store, editor: str) -> tuple[str, str]:
    """A new session of ``editor`` (signed in just now): its id and the one-time grant for the cookie."""
    now = datetime.now(UTC)
    sid, grant = secrets.token_urlsafe(16), secrets.token_urlsafe(32)
    with store.engine.begin() as conn:
        conn.execute(sa.delete(sessions).where(sessions.c.expires_at <= _at(now)))
        conn.execute(
            sa.insert(sessions).values(
                id=sid,
                editor=editor,
                grant_hash=_hash(grant),
                grant_expires_at=_at(now + timedelta(seconds=GRANT_SECONDS)),
                created_at=_at(now),
                expires_at=_at(now + lifetime()),
            )
        )
    return sid, grant


def redeem(store: Store, grant: str) -> tuple[str, int] | None:
    """The session token for a valid grant, and the seconds left (the cookie's Max-Age); None for an unknown,
    used or expired grant. A grant works once."""
    now = datetime.now(UTC)
    token = secrets.token_urlsafe(32)
    with store.engine.begin() as conn:
        row = conn.execute(
            sa.select(sessions.c.id, sessions.c.expires_at).where(
                sessions.c.grant_hash == _hash(grant or ""),
                sessions.c.grant_expires_at > _at(now),
                sessions.c.expires_at > _at(now),
            )
        ).first()
        if row is None:
            return None
        done = conn.execute(
            sa.update(sessions)
            .where(sessions.c.id == row.id, sessions.c.grant_hash == _hash(grant))
            .values(token_hash=_hash(token), grant_hash=None, grant_expires_at=None)
        )
        if done.rowcount != 1:  # another request redeemed it meanwhile
            return None
    left = datetime.fromisoformat(row.expires_at) - now
    return token, int(left.total_seconds())


def editor_for(store: Store, token: str | None) -> tuple[str, str] | None:
    """(session id, editor) of an unexpired session with this token whose editor still exists, else None."""
    if not token:
        return None
    with store.engine.connect() as conn:
        row = conn.execute(
            sa.select(sessions.c.id, sessions.c.editor)
            .join(editors, editors.c.name == sessions.c.editor)
            .where(sessions.c.token_hash == _hash(token), sessions.c.expires_at > _at(datetime.now(UTC)))
        ).first()
    return (row.id, row.editor) if row else None


def alive(store: Store, sid: str) -> bool:
    with store.engine.connect() as conn:
        found = conn.execute(
            sa.select(sessions.c.id).where(
                sessions.c.id == sid, sessions.c.expires_at > _at(datetime.now(UTC))
            )
        ).first()
    return found is not None


def end(store: Store, sid: str) -> None:
    with store.engine.begin() as conn:
        conn.execute(sa.delete(sessions).where(sessions.c.id == sid))


def end_token(store: Store, token: str) -> None:
    with store.engine.begin() as conn:
        conn.execute(sa.delete(sessions).where(sessions.c.token_hash == _hash(token)))

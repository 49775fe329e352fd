"""The review store: editors, the append-only edit log and the plan registry, in SQLite or PostgreSQL.

    store = Store.open()                       # SDCARBON_DB_URL, else <data folder>/store.sqlite
    store.add_editor("王工", "long password")   # hashed with scrypt (stdlib hashlib)
    store.check_password("王工", "long password") -> bool
    store.append_edit(Edit(...))               # ConflictError when someone changed the field meanwhile
    store.edits() -> [Edit, ...]               # in the order they were made
    store.register_plan(...), store.plans(), store.plan_content(name), store.mark_plan_removed(...)

Where it lives: `SDCARBON_DB_URL` (`postgresql://user@host/db`, or any SQLAlchemy URL) when set, so several
app instances share one store; otherwise one SQLite file, `store.sqlite` in the data folder
(`SDCARBON_DATA_DIR`, default `<repo>/data`). SQLAlchemy Core gives one API over both; psycopg 3 is the
PostgreSQL driver.

Schema versions (table `schema_version`, one row): opening a store applies every missing migration in order,
so a newer program opens an older store; a store newer than the program is refused with a message.
  1: editors, edits
  2: edits.source (the plan file of the quoted sentence); plans (the plan registry)
  3: sessions (browsers an editor signed in from: geo.sessions)

Conflicts: every edit names the value its editor saw (`old_value`). Per (record, field) the log keeps a
version number, unique in the table: an edit whose `old_value` differs from the last logged value of that
field, or that races another edit to the same version, is refused with ConflictError naming who changed it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from geo import REPO_ROOT
from geo.cli import UserError

SCHEMA_VERSION = 3
DB_URL_ENV = "SDCARBON_DB_URL"
DATA_DIR_ENV = "SDCARBON_DATA_DIR"
STORE_FILE = "store.sqlite"
ACTIONS = ("confirm", "reject", "edit", "site", "merge", "add")
MIN_PASSWORD = 8
MAX_NAME = 64
SCRYPT = {"n": 2**14, "r": 8, "p": 1}  # ~16 MiB, ~50 ms per check

metadata = sa.MetaData()
schema_version = sa.Table("schema_version", metadata, sa.Column("version", sa.Integer, nullable=False))
editors = sa.Table(
    "editors",
    metadata,
    sa.Column("name", sa.String(MAX_NAME), primary_key=True),
    sa.Column("password_hash", sa.String(256), nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
)
edits = sa.Table(
    "edits",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("record_id", sa.String(64), nullable=False),
    sa.Column("field", sa.String(32), nullable=False),
    sa.Column("field_version", sa.Integer, nullable=False),
    sa.Column("action", sa.String(16), nullable=False),
    sa.Column("old_value", sa.Text),  # JSON
    sa.Column("new_value", sa.Text),  # JSON
    sa.Column("editor", sa.String(MAX_NAME), sa.ForeignKey("editors.name"), nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("reason", sa.Text),
    sa.Column("quote", sa.Text),
    sa.Column("source", sa.Text),  # since version 2
    sa.UniqueConstraint("record_id", "field", "field_version", name="uq_edits_field_version"),
)
plans = sa.Table(
    "plans",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(255), nullable=False),
    sa.Column("sha256", sa.String(64), nullable=False),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("added_by", sa.String(MAX_NAME), sa.ForeignKey("editors.name"), nullable=False),
    sa.Column("added_at", sa.String(32), nullable=False),
    sa.Column("removed_by", sa.String(MAX_NAME)),
    sa.Column("removed_at", sa.String(32)),
    sa.Column("content", sa.LargeBinary, nullable=False),
)

sessions = sa.Table(  # only hashes of the secrets are kept (geo.sessions)
    "sessions",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("editor", sa.String(MAX_NAME), sa.ForeignKey("editors.name"), nullable=False),
    sa.Column("token_hash", sa.String(64), unique=True),  # the browser's cookie, once the grant is redeemed
    sa.Column("grant_hash", sa.String(64), unique=True),  # the one-time grant that sets the cookie
    sa.Column("grant_expires_at", sa.String(32)),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("expires_at", sa.String(32), nullable=False),
)


class StoreError(UserError):
    """The store cannot be opened or used; the message names it."""


class ConflictError(StoreError):
    """Someone else changed the same field of the same record since the editor looked at it."""


class AuthError(StoreError):
    """Unknown editor, wrong password, or an editor name / password that cannot be used."""


@dataclass(frozen=True)
class Edit:
    """One row of the edit log. Values are JSON-ready (str, number, list, dict or None)."""

    record_id: str
    action: str  # one of ACTIONS
    field: str  # the catalog column changed, or "review" (confirm/reject), "site", "merged_into", "record"
    old_value: Any
    new_value: Any
    editor: str
    reason: str | None = None
    quote: str | None = None  # the sentence the record was read from, as the editor saw it
    source: str | None = None  # the plan file of that sentence
    created_at: str = ""
    seq: int = 0


@dataclass(frozen=True)
class PlanEntry:
    name: str
    sha256: str
    size: int
    kind: str  # txt | docx | pdf
    added_by: str
    added_at: str
    removed_by: str | None = None
    removed_at: str | None = None


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def data_dir() -> Path:
    return Path(os.environ.get(DATA_DIR_ENV, "").strip() or REPO_ROOT / "data")


def default_url() -> str:
    return os.environ.get(DB_URL_ENV, "").strip() or f"sqlite:///{data_dir() / STORE_FILE}"


def existing_url() -> str | None:
    """The store to apply at build time: SDCARBON_DB_URL, else the data folder's file if there is one."""
    url = default_url()
    if os.environ.get(DB_URL_ENV, "").strip() or (data_dir() / STORE_FILE).is_file():
        return url
    return None


def describe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return "<unparseable URL>"


def _engine(url: str) -> sa.Engine:
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError:
        raise StoreError(
            f"{DB_URL_ENV}: not a database URL: {url!r} (e.g. postgresql://user@host/db)"
        ) from None
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() in ("psycopg2", "psycopg"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() != "sqlite":
        return sa.create_engine(parsed, pool_pre_ping=True)
    if parsed.database:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(parsed, connect_args={"timeout": 15})

    # pysqlite begins transactions lazily and not before DDL; take the write lock at BEGIN instead, so a
    # migration or a check-then-insert runs as one transaction (SQLAlchemy's documented recipe).
    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None
        dbapi_conn.execute("PRAGMA foreign_keys = ON")

    @sa.event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


# ---------------------------------------------------------------------- migrations


def _v1(conn) -> None:
    """Editors and the edit log as version 1 created them (frozen here: later versions alter them)."""
    v1 = sa.MetaData()
    sa.Table("schema_version", v1, sa.Column("version", sa.Integer, nullable=False))
    sa.Table(
        "editors",
        v1,
        sa.Column("name", sa.String(MAX_NAME), primary_key=True),
        sa.Column("password_hash", sa.String(256), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
    )
    sa.Table(
        "edits",
        v1,
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("record_id", sa.String(64), nullable=False),
        sa.Column("field", sa.String(32), nullable=False),
        sa.Column("field_version", sa.Integer, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("old_value", sa.Text),
        sa.Column("new_value", sa.Text),
        sa.Column("editor", sa.String(MAX_NAME), sa.ForeignKey("editors.name"), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("quote", sa.Text),
        sa.UniqueConstraint("record_id", "field", "field_version", name="uq_edits_field_version"),
    )
    v1.create_all(conn)


def _v2(conn) -> None:
    conn.execute(sa.text("ALTER TABLE edits ADD COLUMN source TEXT"))
    plans.create(conn)


def _v3(conn) -> None:
    sessions.create(conn)


MIGRATIONS = {1: _v1, 2: _v2, 3: _v3}  # version -> the step from the version before


def _version(conn) -> int:
    if not sa.inspect(conn).has_table("schema_version"):
        return 0
    return int(conn.execute(sa.select(sa.func.max(schema_version.c.version))).scalar() or 0)


def migrate(engine: sa.Engine, url: str) -> int:
    """Bring the store to SCHEMA_VERSION; returns the version it had."""
    with engine.begin() as conn:
        found = _version(conn)
        if found > SCHEMA_VERSION:
            raise StoreError(
                f"the store {describe(url)} has schema version {found}, newer than this program's "
                f"{SCHEMA_VERSION}: update the program (pip install -U) before opening it"
            )
        for version in range(found + 1, SCHEMA_VERSION + 1):
            MIGRATIONS[version](conn)
        if found < SCHEMA_VERSION:
            conn.execute(sa.delete(schema_version))
            conn.execute(sa.insert(schema_version).values(version=SCHEMA_VERSION))
    return found


# ---------------------------------------------------------------------- passwords


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, **SCRYPT)
    return f"scrypt${SCRYPT['n']}${SCRYPT['r']}${SCRYPT['p']}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p))
    except ValueError:
        return False
    return hmac.compare_digest(got.hex(), digest)


def check_editor_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise AuthError("editor name is empty")
    if len(name) > MAX_NAME or any(not ch.isprintable() for ch in name) or any(c in name for c in "<>&\"'"):
        raise AuthError(
            f"editor name {name[:MAX_NAME]!r}: at most {MAX_NAME} printable characters, no <>&\"'"
        )
    return name


# ---------------------------------------------------------------------- the store


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _load(text: str | None) -> Any:
    return None if text is None else json.loads(text)


class Store:
    def __init__(self, engine: sa.Engine, url: str, migrated_from: int):
        self.engine = engine
        self.url = url
        self.migrated_from = migrated_from  # 0 for a new store

    @classmethod
    def open(cls, url: str | None = None) -> Store:
        url = url or default_url()
        engine = _engine(url)
        try:
            found = migrate(engine, url)
        except sa.exc.SQLAlchemyError as exc:
            engine.dispose()
            raise StoreError(
                f"cannot open the store {describe(url)}: {exc.__class__.__name__}: {exc.orig or exc}"
            ) from None
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, url, found)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def version(self) -> int:
        with self.engine.connect() as conn:
            return _version(conn)

    # -- editors

    def add_editor(self, name: str, password: str) -> str:
        name = check_editor_name(name)
        if len(password or "") < MIN_PASSWORD:
            raise AuthError(f"password for {name!r} too short: at least {MIN_PASSWORD} characters")
        with self.engine.begin() as conn:
            if conn.execute(sa.select(editors.c.name).where(editors.c.name == name)).first():
                raise AuthError(f"editor {name!r} already exists")
            conn.execute(
                sa.insert(editors).values(name=name, password_hash=hash_password(password), created_at=now())
            )
        return name

    def editor_names(self) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.execute(sa.select(editors.c.name).order_by(editors.c.name)).scalars())

    def check_password(self, name: str, password: str) -> bool:
        with self.engine.connect() as conn:
            stored = conn.execute(
                sa.select(editors.c.password_hash).where(editors.c.name == (name or "").strip())
            ).scalar()
        return stored is not None and verify_password(password or "", stored)

    # -- the edit log

    def append_edit(self, edit: Edit) -> Edit:
        """Log one edit; ConflictError when the field's last logged value is not the edit's old value."""
        if edit.action not in ACTIONS:
            raise StoreError(f"unknown edit action {edit.action!r} (one of {', '.join(ACTIONS)})")
        row = replace(edit, created_at=edit.created_at or now())
        try:
            with self.engine.begin() as conn:
                if not conn.execute(sa.select(editors.c.name).where(editors.c.name == row.editor)).first():
                    raise AuthError(f"unknown editor {row.editor!r}: sign in first")
                last = conn.execute(
                    sa.select(edits)
                    .where(edits.c.record_id == row.record_id, edits.c.field == row.field)
                    .order_by(edits.c.field_version.desc())
                    .limit(1)
                ).first()
                if last is not None and _load(last.new_value) != row.old_value:
                    raise ConflictError(_conflict_message(row, last))
                values = _row_values(row)
                values["field_version"] = (last.field_version if last else 0) + 1
                seq = conn.execute(sa.insert(edits).values(**values)).inserted_primary_key[0]
        except sa.exc.IntegrityError:
            # another editor's edit of the same field won the race to this version
            raise ConflictError(
                f"记录 {row.record_id} 的 {row.field} 刚刚被另一位编辑修改：请刷新后再改（未保存）"
            ) from None
        return replace(row, seq=int(seq))

    def edits(self) -> list[Edit]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(edits).order_by(edits.c.seq)).all()
        return [
            Edit(
                record_id=r.record_id,
                action=r.action,
                field=r.field,
                old_value=_load(r.old_value),
                new_value=_load(r.new_value),
                editor=r.editor,
                reason=r.reason,
                quote=r.quote,
                source=r.source,
                created_at=r.created_at,
                seq=r.seq,
            )
            for r in rows
        ]

    # -- the plan registry

    def register_plan(self, name: str, content: bytes, kind: str, added_by: str) -> PlanEntry:
        entry = PlanEntry(
            name=name,
            sha256=hashlib.sha256(content).hexdigest(),
            size=len(content),
            kind=kind,
            added_by=added_by,
            added_at=now(),
        )
        with self.engine.begin() as conn:
            if self._current_plan(conn, name) is not None:
                raise StoreError(f"a plan named {name} is already registered: remove it first")
            conn.execute(sa.insert(plans).values(**entry.__dict__, content=content))
        return entry

    def mark_plan_removed(self, name: str, removed_by: str) -> None:
        with self.engine.begin() as conn:
            current = self._current_plan(conn, name)
            if current is None:
                raise StoreError(f"no registered plan named {name}")
            conn.execute(
                sa.update(plans).where(plans.c.id == current).values(removed_by=removed_by, removed_at=now())
            )

    def plans(self, include_removed: bool = False) -> list[PlanEntry]:
        cols = [c for c in plans.c if c.name not in ("id", "content")]
        query = sa.select(*cols).order_by(plans.c.id)
        if not include_removed:
            query = query.where(plans.c.removed_at.is_(None))
        with self.engine.connect() as conn:
            return [PlanEntry(**r._mapping) for r in conn.execute(query)]

    def plan_content(self, name: str) -> bytes | None:
        with self.engine.connect() as conn:
            current = self._current_plan(conn, name)
            if current is None:
                return None
            return conn.execute(sa.select(plans.c.content).where(plans.c.id == current)).scalar()

    @staticmethod
    def _current_plan(conn, name: str) -> int | None:
        return conn.execute(
            sa.select(plans.c.id).where(plans.c.name == name, plans.c.removed_at.is_(None))
        ).scalar()


def _row_values(row: Edit) -> dict[str, Any]:
    return {
        "record_id": row.record_id,
        "field": row.field,
        "action": row.action,
        "old_value": _dump(row.old_value),
        "new_value": _dump(row.new_value),
        "editor": row.editor,
        "created_at": row.created_at,
        "reason": row.reason,
        "quote": row.quote,
        "source": row.source,
    }


def _conflict_message(row: Edit, last) -> str:
    return (
        f"冲突：{last.editor} 已于 {last.created_at} 把记录 {row.record_id} 的 {row.field} "
        f"从 {_load(last.old_value)!r} 改为 {_load(last.new_value)!r}；你看到的是 {row.old_value!r}。"
        "请刷新后再改（未保存）"
    )

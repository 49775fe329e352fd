"""geo.store on SQLite and on a real PostgreSQL server (tests/pgserver.py): editors, the edit log with
conflict detection, the plan registry, and migrations from an older store."""

from __future__ import annotations

import hashlib
import threading

import pytest
import sqlalchemy as sa

from geo import store as st
from geo.store import AuthError, ConflictError, Edit, Store, StoreError


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(url):
    s = Store.open(url)
    s.add_editor("王工", "correct horse battery")
    s.add_editor("李工", "another long secret")
    yield s
    s.close()


def county_edit(editor: str, old, new) -> Edit:
    return Edit(
        record_id="a1b2c3d4e5f6",
        action="edit",
        field="county",
        old_value=old,
        new_value=new,
        editor=editor,
        reason="文中写明在五莲县",
        quote="（1）五莲县街头、户部抽水蓄能电站项目",
        source="000_1960cbd18c417490.txt",
    )


def test_new_store_is_at_the_current_version_and_reopens_without_migrating(url):
    with Store.open(url) as s:
        assert (s.migrated_from, s.version()) == (0, st.SCHEMA_VERSION)
    with Store.open(url) as s:
        assert (s.migrated_from, s.version()) == (st.SCHEMA_VERSION, st.SCHEMA_VERSION)


def test_default_store_is_one_sqlite_file_in_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv(st.DB_URL_ENV, raising=False)
    monkeypatch.setenv(st.DATA_DIR_ENV, str(tmp_path / "office"))
    with Store.open() as s:
        s.add_editor("王工", "correct horse battery")
    assert [p.name for p in (tmp_path / "office").iterdir()] == ["store.sqlite"]


def test_passwords_are_hashed_and_checked(store):
    with store.engine.connect() as conn:
        stored = conn.execute(
            sa.select(st.editors.c.password_hash).where(st.editors.c.name == "王工")
        ).scalar()
    assert stored.startswith("scrypt$") and "correct horse" not in stored
    assert store.check_password("王工", "correct horse battery")
    assert not store.check_password("王工", "correct horse batterY")
    assert not store.check_password("nobody", "correct horse battery")
    assert store.editor_names() == sorted(["王工", "李工"])


@pytest.mark.parametrize(
    ("name", "password", "message"),
    [
        ("", "long enough pw", "empty"),
        ("<b>x</b>", "long enough pw", "printable"),
        ("张工", "short", "too short"),
        ("王工", "long enough pw", "already exists"),
    ],
)
def test_bad_editor_accounts_are_refused_and_nothing_stored(store, name, password, message):
    with pytest.raises(AuthError, match=message):
        store.add_editor(name, password)
    assert store.editor_names() == sorted(["王工", "李工"])


def test_edits_round_trip_in_order_with_chinese_and_structured_values(store):
    store.append_edit(county_edit("王工", "东港区", "五莲县"))
    site = Edit(
        "a1b2c3d4e5f6", "site", "site", None, {"lon": 119.2, "lat": 35.7}, "李工", quote="q", source="s"
    )
    store.append_edit(site)
    rows = store.edits()
    assert [(r.seq > 0, r.field, r.old_value, r.new_value, r.editor) for r in rows] == [
        (True, "county", "东港区", "五莲县", "王工"),
        (True, "site", None, {"lon": 119.2, "lat": 35.7}, "李工"),
    ]
    assert rows[0].seq < rows[1].seq
    assert rows[0].quote == "（1）五莲县街头、户部抽水蓄能电站项目" and rows[0].created_at.endswith("+00:00")


def test_second_editor_changing_the_same_field_from_the_same_old_value_gets_a_conflict(store):
    store.append_edit(county_edit("王工", "东港区", "五莲县"))
    with pytest.raises(ConflictError) as err:
        store.append_edit(county_edit("李工", "东港区", "岚山区"))
    assert "王工" in str(err.value) and "五莲县" in str(err.value) and "未保存" in str(err.value)
    assert [r.new_value for r in store.edits()] == ["五莲县"]
    # from the value now logged, the change goes through
    store.append_edit(county_edit("李工", "五莲县", "岚山区"))
    assert [r.new_value for r in store.edits()] == ["五莲县", "岚山区"]


def test_edits_of_other_fields_or_records_do_not_conflict(store):
    store.append_edit(county_edit("王工", "东港区", "五莲县"))
    store.append_edit(Edit("a1b2c3d4e5f6", "edit", "name", "甲项目", "乙项目", "李工"))
    store.append_edit(Edit("ffffffffffff", "edit", "county", "东港区", "莒县", "李工"))
    assert len(store.edits()) == 3


def test_simultaneous_edits_of_one_field_let_exactly_one_through(url):
    with Store.open(url) as s:
        s.add_editor("王工", "correct horse battery")
    stores = [Store.open(url) for _ in range(6)]
    start = threading.Barrier(len(stores))
    outcomes: list[str] = []

    def edit(s: Store, i: int) -> None:
        start.wait()
        try:
            s.append_edit(county_edit("王工", "东港区", f"县{i}"))
            outcomes.append("saved")
        except ConflictError:
            outcomes.append("conflict")

    threads = [threading.Thread(target=edit, args=(s, i)) for i, s in enumerate(stores)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in stores:
        s.close()
    assert sorted(outcomes) == ["conflict"] * 5 + ["saved"]
    with Store.open(url) as s:
        assert len(s.edits()) == 1


def test_an_edit_by_an_unknown_editor_or_with_an_unknown_action_is_refused(store):
    with pytest.raises(AuthError, match="unknown editor"):
        store.append_edit(county_edit("陌生人", "东港区", "五莲县"))
    with pytest.raises(StoreError, match="unknown edit action"):
        store.append_edit(Edit("x", "delete", "county", None, None, "王工"))
    assert store.edits() == []


def test_plan_registry_registers_lists_and_removes_files(store):
    content = "日照市碳达峰工作方案\n一、总体要求".encode()
    entry = store.register_plan("日照.txt", content, "txt", "王工")
    assert (entry.sha256, entry.size) == (hashlib.sha256(content).hexdigest(), len(content))
    assert [(p.name, p.kind, p.added_by) for p in store.plans()] == [("日照.txt", "txt", "王工")]
    assert store.plan_content("日照.txt") == content
    with pytest.raises(StoreError, match="already registered"):
        store.register_plan("日照.txt", b"other", "txt", "李工")
    store.mark_plan_removed("日照.txt", "李工")
    assert store.plans() == [] and store.plan_content("日照.txt") is None
    assert [(p.removed_by, p.removed_at is not None) for p in store.plans(include_removed=True)] == [
        ("李工", True)
    ]
    store.register_plan("日照.txt", b"v2", "txt", "李工")  # a new version after removal
    assert store.plan_content("日照.txt") == b"v2"


def _make_v1_store(url: str) -> None:
    """A store as version 1 of the program left it: its tables, one editor, one edit."""
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as conn:
        st.MIGRATIONS[1](conn)
        conn.execute(sa.text("INSERT INTO schema_version (version) VALUES (1)"))
        conn.execute(
            sa.text(
                "INSERT INTO editors (name, password_hash, created_at) VALUES (:n, :h, '2026-01-01T00:00:00+00:00')"
            ),
            {"n": "王工", "h": st.hash_password("correct horse battery")},
        )
        conn.execute(
            sa.text(
                "INSERT INTO edits (record_id, field, field_version, action, old_value, new_value, editor,"
                " created_at, reason, quote) VALUES ('a1b2c3d4e5f6', 'review', 1, 'confirm', '\"unreviewed\"',"
                " '\"confirmed\"', '王工', '2026-01-01T00:00:00+00:00', NULL, '某句')"
            )
        )
        assert "source" not in {c["name"] for c in sa.inspect(conn).get_columns("edits")}
    engine.dispose()


def test_a_newer_program_opens_a_version_1_store_and_keeps_its_rows(url):
    _make_v1_store(url)
    with Store.open(url) as s:
        assert (s.migrated_from, s.version()) == (1, st.SCHEMA_VERSION)
        [old] = s.edits()
        assert (old.action, old.new_value, old.editor, old.source) == ("confirm", "confirmed", "王工", None)
        assert s.check_password("王工", "correct horse battery")
        s.register_plan("新.txt", b"x", "txt", "王工")  # the table version 2 added
        s.append_edit(Edit("a1b2c3d4e5f6", "edit", "name", "甲", "乙", "王工", source="000.txt"))
        assert [e.source for e in s.edits()] == [None, "000.txt"]


def test_a_store_newer_than_the_program_is_refused(url):
    Store.open(url).close()
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE schema_version SET version = 99"))
    engine.dispose()
    with pytest.raises(StoreError, match="schema version 99, newer than this program"):
        Store.open(url)


@pytest.mark.parametrize(
    ("bad_url", "message"),
    [
        ("not a url", "not a database URL"),
        (
            "postgresql://someone@127.0.0.1:1/nowhere",
            "cannot open the store postgresql://someone@127.0.0.1:1/nowhere",
        ),
    ],
)
def test_bad_store_urls_give_a_clear_message(bad_url, message):
    with pytest.raises(StoreError, match=message):
        Store.open(bad_url)


def test_editor_command_adds_an_account_from_stdin_and_refuses_a_short_password(
    tmp_path, monkeypatch, capsys
):
    import io

    from geo.cli import main

    monkeypatch.delenv(st.DB_URL_ENV, raising=False)
    monkeypatch.setenv(st.DATA_DIR_ENV, str(tmp_path))
    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse battery\n"))
    assert main(["editor", "add", "王工", "--password-stdin"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["editor", "add", "李工", "--password-stdin"]) == 2
    assert "too short" in capsys.readouterr().err
    with Store.open() as s:
        assert s.editor_names() == ["王工"] and s.check_password("王工", "correct horse battery")

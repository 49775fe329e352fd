"""The 规划文件 page's package functions: uploads checked like the command line, the registry, removal, and
the background rebuild with its progress."""

from __future__ import annotations

import shutil

import pytest

from geo import SEEDS_DIR
from geo.ingest_errors import PlanReadError
from geo.plans import PlanUploadError, plan_rows, remove_plan, restore_missing, upload_plan
from geo.rebuild import start_build
from geo.store import Store

PLAN = "000_1960cbd18c417490.txt"
ZIBO = "004_04b7c7e4db8a37ee.txt"


@pytest.fixture
def store(tmp_path):
    with Store.open(f"sqlite:///{tmp_path / 'store.sqlite'}") as s:
        s.add_editor("王工", "correct horse battery")
        yield s


@pytest.fixture
def folder(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(SEEDS_DIR / PLAN, seeds / PLAN)
    return seeds


class Huge:
    """An upload as Streamlit hands it over: its size is known before the bytes are read."""

    size = 200 * 2**20

    def getvalue(self):
        raise AssertionError("a file above the limit must not be read")


def test_upload_registers_the_plan_and_puts_it_into_the_folder(store, folder):
    data = (SEEDS_DIR / ZIBO).read_bytes()
    entry = upload_plan(store, folder, "淄博.txt", data, "王工")
    assert (folder / "淄博.txt").read_bytes() == data
    assert (entry.kind, entry.size, entry.added_by) == ("txt", len(data), "王工")
    assert store.plan_content("淄博.txt") == data
    assert sorted(p.name for p in folder.parent.iterdir()) == ["seeds", "store.sqlite"]  # no temp left


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("big.pdf", Huge(), "200.0 MiB, above the 100 MiB limit"),
        ("notes.txt", "天气很好，我们去公园散步吧。".encode(), "does not look like a plan"),
        ("empty.txt", b"", "file is empty"),
        ("../escape.txt", b"x", "may not hold"),
        ("<b>x</b>.txt", b"x", "may not hold"),
        ("plan.doc", b"x", "unsupported file type"),
        (PLAN, b"x", "already in the catalog"),
    ],
)
def test_bad_uploads_are_refused_with_the_reason_and_nothing_is_stored(store, folder, name, data, message):
    before = sorted(p.name for p in folder.iterdir())
    with pytest.raises(PlanReadError, match=message):  # PlanUploadError or the reader's own PlanReadError
        upload_plan(store, folder, name, data, "王工")
    assert sorted(p.name for p in folder.iterdir()) == before
    assert store.plans() == [] and sorted(p.name for p in folder.parent.iterdir()) == [
        "seeds",
        "store.sqlite",
    ]


def test_removed_plan_leaves_the_folder_but_stays_recoverable_in_the_store(store, folder):
    original = (folder / PLAN).read_bytes()
    remove_plan(store, folder, PLAN, "王工")
    assert not (folder / PLAN).exists()
    [entry] = store.plans(include_removed=True)
    assert (entry.name, entry.removed_by) == (PLAN, "王工")
    with pytest.raises(PlanUploadError, match="not in the plans folder"):
        remove_plan(store, folder, PLAN, "王工")
    upload_plan(store, folder, PLAN, original, "王工")
    assert (folder / PLAN).read_bytes() == original


def test_another_instance_sees_the_registered_plans(store, folder, tmp_path):
    upload_plan(store, folder, "淄博.txt", (SEEDS_DIR / ZIBO).read_bytes(), "王工")
    other = tmp_path / "other_instance"
    assert restore_missing(store, other) == ["淄博.txt"]
    assert (other / "淄博.txt").read_bytes() == (folder / "淄博.txt").read_bytes()
    assert restore_missing(store, other) == []


def test_background_build_reports_progress_and_plan_rows_show_what_it_read(
    store, folder, tmp_path, monkeypatch
):
    monkeypatch.setenv("SDCARBON_DATA_DIR", str(tmp_path / "no_store_here"))
    monkeypatch.delenv("SDCARBON_DB_URL", raising=False)
    upload_plan(store, folder, "淄博.txt", (SEEDS_DIR / ZIBO).read_bytes(), "王工")
    out = tmp_path / "build"
    job = start_build(folder, out).wait(300)
    assert job.ok and job.progress == 1.0 and job.done == job.total == 5, job.stderr
    import json

    report = json.loads((out / "build_report.json").read_text(encoding="utf-8"))
    rows = {r["file"]: r for r in plan_rows(store, folder, report)}
    assert rows["淄博.txt"]["region"] == "淄博市" and rows["淄博.txt"]["projects"] > 0
    assert (rows["淄博.txt"]["added_by"], rows[PLAN]["added_by"]) == ("王工", None)
    assert rows[PLAN]["region"] == "日照市" and rows[PLAN]["problem"] is None


def test_a_failed_background_build_names_the_file_and_keeps_the_previous_catalog(
    folder, tmp_path, monkeypatch
):
    monkeypatch.setenv("SDCARBON_DATA_DIR", str(tmp_path / "no_store_here"))
    monkeypatch.delenv("SDCARBON_DB_URL", raising=False)
    out = tmp_path / "build"
    assert start_build(folder, out).wait(300).ok
    before = (out / "projects.geojson").read_bytes()
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    job = start_build(folder, out).wait(300)
    assert not job.ok and "broken.pdf" in job.error and "nothing was written" in job.error
    assert (out / "projects.geojson").read_bytes() == before

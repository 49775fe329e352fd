"""The catalog folder is safe: only the build's own files are replaced, builds are serialized, a kill at the
worst moment is recovered by the next run, a full disk is a message. Real processes, real signals, a real
small filesystem (tmpfs, when this machine lets the tests mount one)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from geo import SEEDS_DIR
from geo.build import build_catalog
from geo.cli import main

ROOT = Path(__file__).resolve().parent.parent
# geo.outdir's names, spelled out: they are part of what a user sees in the folder (and so the tests also
# run, and fail, against code without geo.outdir)
MANIFEST, TEMP_MARKER, JOURNAL = ".sdcarbon-manifest.json", ".sdcarbon-temp", ".sdcarbon-commit.json"
SIGNAL_HOOK_ENV = "SDCARBON_TEST_SIGNAL_AT"


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith(f".{folder.name}."))


def build_process(seeds: Path, out: Path, *extra: str, hook: str | None = None, **kw) -> subprocess.Popen:
    env = dict(os.environ)
    env.pop(SIGNAL_HOOK_ENV, None)
    if hook:
        env[SIGNAL_HOOK_ENV] = hook
    cmd = [sys.executable, "-m", "geo", "build", "--no-progress", "--seeds", str(seeds), "--out", str(out)]
    return subprocess.Popen(
        [*cmd, *extra], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw
    )


def run_build(seeds: Path, out: Path, *extra: str, hook: str | None = None) -> tuple[int, str]:
    proc = build_process(seeds, out, *extra, hook=hook)
    _, err = proc.communicate(timeout=300)
    return proc.returncode, err


def same_catalog(a: dict[str, str], b: dict[str, str]) -> bool:
    """The same build output (the report, the GeoPackage and the workbook hold the build time)."""
    timed = ("build_report.json", "build_report.md", "catalog.gpkg", "projects.xlsx")
    return {k: v for k, v in a.items() if k not in timed} == {k: v for k, v in b.items() if k not in timed}


def run_cli(capsys, *args) -> tuple[int, str]:
    code = main(["build", "--no-progress", *map(str, args)])
    return code, capsys.readouterr().err


@pytest.fixture(scope="module")
def two_plans(tmp_path_factory) -> Path:
    """A smaller input, so a rebuild over the seeds' catalog writes different files."""
    seeds = tmp_path_factory.mktemp("two") / "seeds"
    seeds.mkdir()
    for p in sorted(SEEDS_DIR.glob("*.txt"))[:2]:
        shutil.copy(p, seeds / p.name)
    return seeds


@pytest.fixture(scope="module")
def reference(tmp_path_factory, two_plans) -> dict[str, str]:
    """What a clean build of two_plans writes (projects.geojson is byte-identical between builds)."""
    out = tmp_path_factory.mktemp("ref") / "build"
    build_catalog(two_plans, out)
    return snapshot(out)


@pytest.fixture
def catalog(tmp_path) -> Path:
    out = tmp_path / "catalog"
    build_catalog(SEEDS_DIR, out)
    return out


def add_qgis_files(out: Path) -> dict[str, str]:
    (out / "styles").mkdir()
    (out / "carbon.qgz").write_bytes(b"PK\x03\x04 a QGIS project saved next to the layers")
    (out / "styles" / "projects.qml").write_text("<qgis styleCategories='AllStyleCategories'/>", "utf-8")
    return {k: v for k, v in snapshot(out).items() if k in ("carbon.qgz", "styles/projects.qml")}


# ---------------------------------------------------------------------- what the folder owns


def test_qgis_project_and_styles_saved_in_the_catalog_survive_a_rebuild(catalog, two_plans, reference):
    mine = add_qgis_files(catalog)
    build_catalog(two_plans, catalog)
    after = snapshot(catalog)
    assert {k: after[k] for k in mine} == mine
    assert after["projects.geojson"] == reference["projects.geojson"]
    manifest = json.loads((catalog / MANIFEST).read_text(encoding="utf-8"))
    assert "carbon.qgz" not in manifest["files"] and "projects.geojson" in manifest["files"]
    assert leftovers(catalog) == []


def test_out_dot_in_a_working_folder_is_refused(tmp_path, monkeypatch, capsys):
    """A working folder with plans, notes and a projects.geojson downloaded from the app is no catalog."""
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(sorted(SEEDS_DIR.glob("*.txt"))[0], work / "plan.txt")
    (work / "notes.md").write_text("meeting notes", encoding="utf-8")
    (work / "projects.geojson").write_text('{"type": "FeatureCollection", "features": []}', "utf-8")
    before = snapshot(work)
    monkeypatch.chdir(work)
    code, err = run_cli(capsys, "--seeds", SEEDS_DIR, "--out", ".")
    assert code == 2 and "current folder" in err and "notes.md" in err, err
    code, err = run_cli(capsys, "--seeds", ".", "--out", ".")
    assert code == 2 and "contains the plans folder" in err, err
    assert snapshot(work) == before


def test_out_that_contains_the_seeds_is_refused(catalog, capsys):
    seeds = catalog / "seeds"
    shutil.copytree(SEEDS_DIR, seeds)
    before = snapshot(catalog)
    code, err = run_cli(capsys, "--seeds", seeds, "--out", catalog)
    assert code == 2 and "contains the plans folder" in err and str(seeds) in err, err
    assert snapshot(catalog) == before


def test_folder_with_unknown_files_and_no_manifest_is_never_written(catalog, capsys):
    (catalog / MANIFEST).unlink(missing_ok=True)
    (catalog / "build_report.json").unlink()  # not even a catalog of an older version now
    (catalog / "thesis.docx").write_bytes(b"keep me")
    before = snapshot(catalog)
    code, err = run_cli(capsys, "--out", catalog)
    assert code == 2 and "thesis.docx" in err and "refusing to write there" in err and MANIFEST in err, err
    assert snapshot(catalog) == before


def test_catalog_of_an_older_version_is_adopted_keeping_the_users_files(catalog, two_plans, reference):
    (catalog / MANIFEST).unlink(missing_ok=True)  # as written before manifests existed
    mine = add_qgis_files(catalog)
    build_catalog(two_plans, catalog)
    after = snapshot(catalog)
    assert {k: after[k] for k in mine} == mine
    assert after["projects.geojson"] == reference["projects.geojson"]


def test_a_new_file_never_replaces_a_file_of_the_same_name_the_build_did_not_write(catalog, capsys):
    (catalog / "shapefile").mkdir()
    (catalog / "shapefile" / "projects.shp").write_bytes(b"the user's own shapefile")
    before = snapshot(catalog)
    code, err = run_cli(capsys, "--out", catalog, "--shapefile")
    assert code == 2 and "shapefile/projects.shp" in err and "did not write" in err, err
    assert snapshot(catalog) == before
    assert leftovers(catalog) == []


# ---------------------------------------------------------------------- one build at a time


def _wait_stopped(proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        if state == "T":
            return
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    raise AssertionError("the first build never reached the swap")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc to see a stopped process")
def test_a_second_build_into_the_same_folder_is_refused_while_the_first_runs(catalog, two_plans, reference):
    first = build_process(two_plans, catalog, hook="written:STOP")  # holds the lock, stopped before its swap
    try:
        _wait_stopped(first)
        code, err = run_build(SEEDS_DIR, catalog)
        assert code == 2 and f"another build is running on {catalog}" in err, err
        assert f"process {first.pid}" in err
    finally:
        first.send_signal(signal.SIGCONT)
        _, first_err = first.communicate(timeout=300)
    assert first.returncode == 0, first_err
    assert snapshot(catalog)["projects.geojson"] == reference["projects.geojson"]
    assert leftovers(catalog) == []


# ---------------------------------------------------------------------- kills


def test_kill_between_the_renames_is_finished_by_the_next_run(catalog, two_plans, reference, tmp_path):
    mine = add_qgis_files(catalog)
    code, _ = run_build(two_plans, catalog, hook="mid-swap:KILL")
    assert code == -signal.SIGKILL
    assert catalog.is_dir() and (catalog / "projects.geojson").is_file()  # never a missing folder
    [stranded] = leftovers(catalog)
    assert (catalog.parent / stranded / JOURNAL).is_file()
    # the next run, even one that then fails on its own input, first completes the interrupted swap
    bad = tmp_path / "bad.geojson"
    bad.write_text("not geojson", encoding="utf-8")
    code, err = run_build(two_plans, catalog, "--boundaries", str(bad))
    assert code == 2 and "bad.geojson" in err
    assert f"note: {catalog}: finished the swap a killed build left half done" in err
    after = snapshot(catalog)
    assert set(after) == set(reference) | set(mine)
    assert same_catalog({k: v for k, v in after.items() if k not in mine}, reference)
    assert {k: after[k] for k in mine} == mine
    assert leftovers(catalog) == []


def test_a_first_build_killed_between_the_renames_is_finished_too(tmp_path, two_plans, reference):
    out = tmp_path / "new"
    code, _ = run_build(two_plans, out, hook="mid-swap:KILL")
    assert code == -signal.SIGKILL and not (out / MANIFEST).exists()  # some files moved, no manifest yet
    code, err = run_build(two_plans, out)
    assert code == 0, err
    assert same_catalog(snapshot(out), reference) and leftovers(out) == []


def test_ctrl_c_or_sigterm_during_the_moves_waits_for_them(catalog, two_plans, reference):
    mine = add_qgis_files(catalog)
    code, _ = run_build(two_plans, catalog, hook="mid-swap:TERM")
    assert code == -signal.SIGTERM  # it did stop, but only once the swap was complete
    after = snapshot(catalog)
    assert same_catalog({k: v for k, v in after.items() if k not in mine}, reference)
    assert leftovers(catalog) == []


def test_a_killed_builds_temporary_is_removed_by_the_next_run(catalog, two_plans):
    before = snapshot(catalog)
    code, _ = run_build(two_plans, catalog, hook="written:KILL")
    assert code == -signal.SIGKILL
    assert snapshot(catalog) == before  # the previous catalog is untouched
    [stale] = leftovers(catalog)
    assert (catalog.parent / stale / TEMP_MARKER).is_file() and (
        catalog.parent / stale / "catalog.gpkg"
    ).exists()
    not_ours = catalog.parent / f".{catalog.name}.tmp-mine"  # same pattern, no marker: not the tool's
    not_ours.mkdir()
    build_catalog(two_plans, catalog)
    assert leftovers(catalog) == [not_ours.name]


# ---------------------------------------------------------------------- a full disk


@pytest.fixture
def small_disk(tmp_path):
    mnt = tmp_path / "disk"
    mnt.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=12m", "tmpfs", str(mnt)], capture_output=True, text=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    yield mnt
    subprocess.run(["umount", str(mnt)], check=False)


def _fill(disk: Path, leave: int) -> None:
    free = shutil.disk_usage(disk).free
    with open(disk / "filler", "wb") as fh:
        fh.truncate(0)
        fh.write(b"\0" * max(0, free - leave))
    assert shutil.disk_usage(disk).free <= leave + 8192


@pytest.mark.parametrize("leave", [40_000, 1_000_000], ids=["full-in-geojson", "full-in-geopackage"])
def test_full_disk_is_a_message_and_the_previous_catalog_stays(small_disk, leave, capsys):
    out = small_disk / "catalog"
    build_catalog(SEEDS_DIR, out)
    before = snapshot(out)
    _fill(small_disk, leave)
    code, err = run_cli(capsys, "--out", out)
    assert code == 2 and "disk" in err and "full" in err and "Traceback" not in err, err
    assert snapshot(out) == before
    assert leftovers(out) == []


# ---------------------------------------------------------------------- readers during a swap


def test_a_reader_finishes_the_swap_a_killed_build_left_and_reads_one_build(catalog, two_plans, reference):
    from geo.catalog import load_catalog

    code, _ = run_build(two_plans, catalog, hook="mid-swap:KILL")
    assert code == -signal.SIGKILL and leftovers(catalog)  # files of two builds side by side
    loaded = load_catalog(catalog)
    assert leftovers(catalog) == [] and same_catalog(snapshot(catalog), reference)
    assert set(loaded.projects["id"]) == set(
        loaded.mentions["project_id"]
    )  # one build's projects and mentions


def test_a_reader_waits_while_a_live_build_moves_its_files(catalog, two_plans, reference):
    import fcntl
    import threading

    from geo.catalog import load_catalog
    from geo.outdir import recover

    code, _ = run_build(two_plans, catalog, hook="mid-swap:KILL")
    assert code == -signal.SIGKILL
    fd = os.open(catalog, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # as the build would hold it while it moves the files

    def finish_the_swap():
        time.sleep(0.5)
        recover(catalog)
        os.close(fd)

    mover = threading.Thread(target=finish_the_swap)
    mover.start()
    t0 = time.monotonic()
    loaded = load_catalog(catalog)
    mover.join()
    assert time.monotonic() - t0 >= 0.4  # it waited for the swap instead of reading half of it
    assert same_catalog(snapshot(catalog), reference)
    new_ids = {
        f["properties"]["id"] for f in json.loads((catalog / "projects.geojson").read_bytes())["features"]
    }
    assert set(loaded.projects["id"]) == new_ids == set(loaded.mentions["project_id"])  # the new build, whole


def test_a_read_during_which_a_build_replaced_the_folder_is_repeated(catalog):
    from geo.outdir import read_consistently

    reads = []

    def read():
        reads.append(1)
        if len(reads) == 1:  # a build replaces the manifest (last of its files) during the first read
            tmp = catalog / (MANIFEST + ".new")
            tmp.write_bytes((catalog / MANIFEST).read_bytes())
            os.replace(tmp, catalog / MANIFEST)
        return len(reads)

    assert read_consistently(catalog, read) == 2


def test_a_swap_that_never_ends_is_a_clear_message(catalog, two_plans):
    import fcntl

    from geo.outdir import CatalogBusy, read_consistently, recover

    code, _ = run_build(two_plans, catalog, hook="mid-swap:KILL")
    assert code == -signal.SIGKILL
    fd = os.open(catalog, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        with pytest.raises(CatalogBusy, match=f"still replacing the catalog in {catalog}"):
            read_consistently(catalog, lambda: None, wait=0.3)
    finally:
        os.close(fd)
    recover(catalog)

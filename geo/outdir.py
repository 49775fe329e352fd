"""The catalog folder `geo build` writes: what it owns, one build at a time, and a swap that survives a kill.

Ownership. The folder's ``.sdcarbon-manifest.json`` lists every file the last build wrote. A rebuild replaces
those files and removes the ones it no longer writes; anything else in the folder (a QGIS project, styles,
notes) is never touched. A folder without a manifest is only written when it is empty or is a catalog of an
older version of the tool (its ``build_report.json`` lists the files it wrote). A new file whose name is taken
by a file the tool did not write stops the build.

One build at a time. The build holds an exclusive ``flock`` on the output folder itself (no lock file); a
second build into the same folder stops at once with "another build is running on X".

The swap. A build writes into a sibling ``.<name>.tmp-XXXX`` folder, marked as the tool's by a
``.sdcarbon-temp`` file. When it is complete (files fsync'ed), a journal ``.sdcarbon-commit.json`` is
written into it atomically: from then on the build counts as done. The files are then moved into the folder
one by one (each an atomic rename), the old-only files removed, the manifest moved last and the temporary
removed. The next build into the folder, under the lock, first finishes a committed swap a kill left half
done and removes the uncommitted temporaries of killed builds (only marked ones).

Readers (:func:`read_consistently`, used by geo.catalog.load_catalog) never mix two builds: a committed
journal next to the folder means a swap is under way, so the reader waits for it (or, when no build holds the
lock, finishes the swap a killed build left); and a read during which the manifest was replaced is repeated.
Other programs (QGIS) reading the folder during the few milliseconds of a swap can still see old and new files
side by side.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from contextlib import contextmanager, suppress
from pathlib import Path

from geo.cli import UserError

MANIFEST = ".sdcarbon-manifest.json"
TEMP_MARKER = ".sdcarbon-temp"
JOURNAL = ".sdcarbon-commit.json"
WRITTEN_BY = "shandong-carbon-map geo build"
# tests only: "<point>:<signal>" sends the build that signal at a named point of the swap (KILL, STOP)
SIGNAL_HOOK_ENV = "SDCARBON_TEST_SIGNAL_AT"
DISK_FULL_WORDS = ("disk is full", "no space left", "disk quota")
LOW_SPACE_BYTES = 1024 * 1024


class OutputError(UserError):
    """The output folder cannot be used or written; the message names it."""


# ---------------------------------------------------------------------- before the work


def check_out(out: Path, seeds: Path | None = None) -> None:
    """Refuse an ``--out`` the build cannot write to (raises OutputError); ``out`` is resolved. Whether the
    folder's files are the tool's is checked under the lock (:func:`locked`), after recovery."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"cannot write the catalog to {out}: it is a file, not a folder")
    for parent in [out.parent, *out.parent.parents]:
        if parent.exists():
            if not parent.is_dir():
                raise OutputError(f"cannot write the catalog to {out}: {parent} is a file, not a folder")
            break
    if seeds is not None:
        seeds = seeds.resolve()
        if seeds == out or out in seeds.parents:
            raise OutputError(
                f"--out {out} contains the plans folder --seeds {seeds}; "
                "give an output folder outside it (e.g. a new folder build/)"
            )


def owned_files(out: Path) -> list[str]:
    """The files of ``out`` the last build wrote (relative paths); raises OutputError when ``out`` has files
    of its own and no manifest (so nothing the tool did not write is ever replaced)."""
    manifest = out / MANIFEST
    if manifest.exists():
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
            return [str(f) for f in data["files"]]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise OutputError(
                f"{manifest} is damaged ({type(exc).__name__}), so it is unclear which files of {out} the "
                "tool wrote; restore it, or remove the folder's catalog files and the manifest yourself"
            ) from None
    legacy = _legacy_files(out)
    if legacy is not None:
        return legacy
    from geo.build import OUTPUT_FILES

    # the user's own files first: they are why the folder is refused
    entries = sorted((e.name for e in out.iterdir()), key=lambda n: (n in OUTPUT_FILES, n))
    if not entries:
        return []
    where = "the current folder" if out == Path.cwd().resolve() else "an existing folder"
    shown = ", ".join(entries[:8]) + (f" and {len(entries) - 8} more" if len(entries) > 8 else "")
    raise OutputError(
        f"--out {out} is {where} with files of its own ({shown}) and no {MANIFEST} saying which of them "
        "a build wrote; refusing to write there: give an empty or new folder with --out"
    )


def _legacy_files(out: Path) -> list[str] | None:
    """A catalog of a version without manifests: its build report lists the files it wrote."""
    try:
        report = json.loads((out / "build_report.json").read_text(encoding="utf-8"))
        files = report["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if (
        "schema" not in report
        or not isinstance(files, list)
        or not all(isinstance(f, str) and "/" not in f for f in files)
    ):
        return None
    return [f for f in files if (out / f).is_file()]


# ---------------------------------------------------------------------- the lock


@contextmanager
def locked(out: Path):
    """Hold the output folder's lock (creating the folder if needed), recover what killed builds left, and
    refuse a folder with files the tool did not write (OutputError).

    A folder this call created is removed again when the build leaves it empty (a build that failed)."""
    import fcntl

    created = not out.exists()
    try:
        out.mkdir(parents=True, exist_ok=True)
        fd = os.open(out, os.O_RDONLY)
    except OSError as exc:
        raise OutputError(f"cannot write the catalog to {out}: {exc.strerror or exc}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise OutputError(
                f"another build is running on {out}{_holder(out)}; wait for it to finish and run again"
            ) from None
        except OSError as exc:  # a filesystem without locks
            raise OutputError(f"cannot lock {out} for the build: {exc.strerror or exc}") from None
        for note in recover(out):
            print(f"note: {note}", file=sys.stderr)
        owned_files(out)  # raises when the folder holds files the tool did not write
        yield
    finally:
        os.close(fd)  # releases the lock
        if created:
            with suppress(OSError):
                out.rmdir()  # only succeeds when the failed build left it empty


def _holder(out: Path) -> str:
    for tmp in _temps(out):
        try:
            pid = json.loads((tmp / TEMP_MARKER).read_text(encoding="utf-8"))["pid"]
            return f" (process {int(pid)})"
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return ""


def _temps(out: Path) -> list[Path]:
    """The tool's temporary folders of ``out`` (marked ones only), oldest first."""
    found = [p for p in out.parent.glob(f".{out.name}.tmp-*") if (p / TEMP_MARKER).is_file()]
    return sorted(found, key=lambda p: p.stat().st_mtime_ns)


def recover(out: Path) -> list[str]:
    """Under the lock: finish committed swaps, remove uncommitted temporaries. Returns what was done."""
    done = []
    for tmp in _temps(out):
        if (tmp / JOURNAL).is_file():
            _finish(tmp, out)
            done.append(f"{out}: finished the swap a killed build left half done ({tmp.name})")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
            done.append(f"removed {tmp.name}, left next to {out} by a killed build")
    return done


# ---------------------------------------------------------------------- reading while builds run

SWAP_WAIT_SECONDS = 30.0


class CatalogBusy(OutputError):
    """A swap into the folder did not end in time, or a killed build's half-done swap cannot be finished."""


def swapping(out: Path) -> bool:
    """A build has committed its files and is moving them into ``out`` (or was killed while doing so)."""
    return any((tmp / JOURNAL).is_file() for tmp in _temps(out))


def _stamp(out: Path) -> tuple | None:
    try:
        st = (out / MANIFEST).stat()
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_size


def _finish_killed_swap(out: Path) -> bool:
    """Finish a swap whose build is gone (nobody holds the lock); False while a build holds it."""
    import fcntl

    try:
        fd = os.open(out, os.O_RDONLY)
    except OSError:
        return False
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # a live build: its swap takes milliseconds
        try:
            for note in recover(out):
                print(f"note: {note}", file=sys.stderr)
        except OSError as exc:
            raise CatalogBusy(
                f"a build into {out} was killed while replacing the catalog and the swap cannot be finished "
                f"here ({exc.strerror or exc}); run `python -m geo build --out {out}` to finish it"
            ) from None
        return True
    finally:
        os.close(fd)


def read_consistently(out: Path, read, wait: float = SWAP_WAIT_SECONDS):
    """``read()`` of the catalog in ``out`` with every file from one build: waits out a swap under way,
    finishes one a killed build left, and reads again when a build replaced the folder meanwhile."""
    import time

    deadline = time.monotonic() + wait
    while True:
        if swapping(out) and not _finish_killed_swap(out):
            if time.monotonic() > deadline:
                raise CatalogBusy(
                    f"a build is still replacing the catalog in {out} after {wait:.0f} s; try again"
                )
            time.sleep(0.05)
            continue
        before = _stamp(out)
        value = read()
        if not swapping(out) and _stamp(out) == before:
            return value
        if time.monotonic() > deadline:
            raise CatalogBusy(
                f"the catalog in {out} kept changing while it was read for {wait:.0f} s; try again"
            )


# ---------------------------------------------------------------------- writing and the swap


def make_temp(out: Path) -> Path:
    """A new marked temporary folder next to ``out`` (same filesystem, so the swap is a rename)."""
    import tempfile

    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
        (tmp / TEMP_MARKER).write_text(
            json.dumps({"written_by": WRITTEN_BY, "pid": os.getpid(), "out": str(out)}) + "\n",
            encoding="utf-8",
        )
    except OSError as exc:
        raise write_error(exc, out) from None
    return tmp


def discard(tmp: Path) -> None:
    """Remove a failed build's temporary; a committed one is kept for the next run to finish."""
    if not (tmp / JOURNAL).exists():
        shutil.rmtree(tmp, ignore_errors=True)


def abandon(tmp: Path, out: Path, exc: BaseException) -> BaseException:
    """After a failed build: remove its temporary; the error to raise (see write_error)."""
    try:
        low_space = shutil.disk_usage(tmp).free < LOW_SPACE_BYTES
    except OSError:
        low_space = False
    error = write_error(exc, out, low_space)
    discard(tmp)
    return error


def write_error(exc: BaseException, out: Path, low_space: bool = False) -> BaseException:
    """A clear OutputError for a disk-full or other OS error while writing; other exceptions unchanged.

    GDAL does not always say the disk is full ("Failed to commit transaction"), so an error of the writers
    on a disk with almost no space left counts as one."""
    import errno

    if isinstance(exc, (UserError, KeyboardInterrupt, SystemExit)):
        return exc
    full = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
    text = str(exc).lower()
    if (
        (isinstance(exc, OSError) and exc.errno in full)
        or any(w in text for w in DISK_FULL_WORDS)
        or (low_space and isinstance(exc, (OSError, RuntimeError)))
    ):
        return OutputError(
            f"the disk holding {out.parent} is full; the catalog was not written and {out} is as it was. "
            "Free some space and build again"
        )
    if isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        return OutputError(
            f"cannot write the catalog to {out}{where}: {exc.strerror or exc}; {out} is as it was"
        )
    return exc


def commit(tmp: Path, out: Path) -> None:
    """Make the complete temporary folder ``tmp`` the catalog in ``out`` (under the lock)."""
    _test_hook("written")
    new = sorted(
        p.relative_to(tmp).as_posix()
        for p in tmp.rglob("*")
        if p.is_file() and p.name not in (TEMP_MARKER, JOURNAL)
    )
    old = owned_files(out)
    taken = [f for f in new if (out / f).exists() and f not in old]
    if taken:
        raise OutputError(
            f"{out} already holds {', '.join(taken)}, which the tool did not write; "
            "move them away or give another --out. Nothing was changed"
        )
    try:
        _atomic_json(tmp / MANIFEST, {"written_by": WRITTEN_BY, "files": new})
        for f in new:
            _fsync(tmp / f)
        _atomic_json(tmp / JOURNAL, {"out": str(out), "files": new, "old_files": old})
        _fsync(tmp)
    except OSError as exc:
        raise write_error(exc, out) from None
    _test_hook("committed")
    with _signals_held():
        _finish(tmp, out)


def _finish(tmp: Path, out: Path) -> None:
    """Move a committed temporary's files into ``out``; safe to repeat after a kill at any point."""
    journal = json.loads((tmp / JOURNAL).read_text(encoding="utf-8"))
    new, old = journal["files"], journal["old_files"]
    for i, f in enumerate(new):
        src = tmp / f
        if src.exists():
            (out / f).parent.mkdir(parents=True, exist_ok=True)
            os.replace(src, out / f)
        if i == 0:
            _test_hook("mid-swap")
    for f in sorted(set(old) - set(new)):
        (out / f).unlink(missing_ok=True)
        _remove_empty_parents(out / f, out)
    if (tmp / MANIFEST).exists():
        os.replace(tmp / MANIFEST, out / MANIFEST)
    shutil.rmtree(tmp, ignore_errors=True)


@contextmanager
def _signals_held():
    """Ctrl-C or a polite kill during the moves takes effect after them (SIGKILL is what the journal is for).
    Python handles signals in the main thread only; a build in another thread (the app's) is left as it is."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    held = (signal.SIGINT, signal.SIGTERM)
    previous = {s: signal.signal(s, lambda signum, _frame: caught.append(signum)) for s in held}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        for s in caught:
            signal.raise_signal(s)


def _remove_empty_parents(path: Path, root: Path) -> None:
    for parent in path.parents:
        if parent == root or root not in parent.parents:
            return
        try:
            parent.rmdir()
        except OSError:
            return


def _atomic_json(path: Path, data: dict) -> None:
    part = path.with_name(path.name + ".part")
    with open(part, "w", encoding="utf-8") as fh:
        fh.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(part, path)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _test_hook(point: str) -> None:
    where, _, name = os.environ.get(SIGNAL_HOOK_ENV, "").partition(":")
    if where == point:
        import signal

        os.kill(os.getpid(), getattr(signal, f"SIG{name or 'KILL'}"))

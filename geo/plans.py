"""The plan files the catalog is built from, as the 规划文件 page manages them.

    entry = upload_plan(store, folder, "潍坊.docx", data, "王工")  # PlanUploadError naming the file and why
    remove_plan(store, folder, "潍坊.docx", "王工")
    rows = plan_rows(store, folder, report)                       # one row per file for the page's table
    restore_missing(store, folder)                                 # files another app instance registered

The build reads the plans folder (`python -m geo build --seeds`); the registry in the store (geo.store) keeps
who added each file, when, its sha256 and its bytes, so that a removed file can be recovered and several app
instances sharing one PostgreSQL store see the same plans. An upload is checked with the command line's own
reader and limits (geo.ingest.read_plan) before it enters the folder; it is written to a temporary folder
next to the plans folder and moved in with os.replace, so the folder never holds a half-written file.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from geo.ingest import MAX_PACKED_BYTES, MAX_TEXT_BYTES, SUPPORTED_SUFFIXES, read_plan
from geo.ingest_errors import PlanReadError
from geo.store import PlanEntry, Store

MAX_FILE_NAME = 120
_BAD_NAME = re.compile(r'[\x00-\x1f\x7f<>:"|?*\\/]')


class PlanUploadError(PlanReadError):
    """A file that cannot be added to (or removed from) the plans; ``str()`` is "<file name>: <why>"."""


def size_limit(suffix: str) -> int:
    return MAX_TEXT_BYTES if suffix.lower() == ".txt" else MAX_PACKED_BYTES


def check_name(name: str) -> str:
    """The file name an upload may have: no folders, no hidden or lock files, a supported type."""
    base = (name or "").strip()
    if not base:
        raise PlanUploadError("<upload>", "the file has no name")
    if _BAD_NAME.search(base) or base != Path(base).name:
        raise PlanUploadError(
            base[:MAX_FILE_NAME], 'file name may not hold / \\ < > : " | ? * or control characters'
        )
    if base.startswith((".", "~$")):
        raise PlanUploadError(base, "hidden or Office lock files are not plans")
    if len(base) > MAX_FILE_NAME:
        raise PlanUploadError(base[:MAX_FILE_NAME], f"file name longer than {MAX_FILE_NAME} characters")
    if Path(base).suffix.lower() not in SUPPORTED_SUFFIXES:
        raise PlanUploadError(base, "unsupported file type; plans must be .txt, .docx or .pdf")
    return base


def _size_and_bytes(data: Any) -> tuple[int, Any]:
    """(size, a way to get the bytes): Streamlit's UploadedFile knows its size before being read."""
    if isinstance(data, (bytes, bytearray)):
        return len(data), lambda: bytes(data)
    return int(data.size), data.getvalue


def _write_atomic(folder: Path, name: str, content: bytes) -> Path:
    """Write ``content`` to folder/name via a temporary folder beside ``folder``; returns the temp path
    (the caller moves it in)."""
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.upload-", dir=folder.parent))
    path = tmp / name
    path.write_bytes(content)
    return path


def upload_plan(store: Store, folder: Path, name: str, data: Any, editor: str) -> PlanEntry:
    """Check an uploaded plan like the command line does, put it into ``folder`` and register it."""
    folder = Path(folder)
    name = check_name(name)
    size, read = _size_and_bytes(data)
    limit = size_limit(Path(name).suffix)
    if size > limit:
        raise PlanUploadError(
            name,
            f"file is {size / 2**20:.1f} MiB, above the {limit // 2**20} MiB limit for {Path(name).suffix} plans",
        )
    if (folder / name).exists():
        raise PlanUploadError(name, "a plan of this name is already in the catalog: remove it first")
    folder.mkdir(parents=True, exist_ok=True)
    content = read()
    staged = _write_atomic(folder, name, content)
    try:
        read_plan(staged)  # raises PlanReadError "<name>: <why>", as the command line would
        entry = store.register_plan(name, content, Path(name).suffix.lower().lstrip("."), editor)
        try:
            os.replace(staged, folder / name)
        except OSError as exc:
            store.mark_plan_removed(name, editor)
            raise PlanUploadError(name, f"cannot write into {folder}: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(staged.parent, ignore_errors=True)
    return entry


def remove_plan(store: Store, folder: Path, name: str, editor: str) -> None:
    """Take a plan out of the catalog's folder; its bytes stay in the store's registry (recoverable)."""
    path = Path(folder) / check_name(name)
    if not path.is_file():
        raise PlanUploadError(name, "not in the plans folder")
    if name not in {p.name for p in store.plans()}:
        store.register_plan(name, path.read_bytes(), path.suffix.lower().lstrip("."), editor)
    store.mark_plan_removed(name, editor)
    path.unlink()


def restore_missing(store: Store, folder: Path) -> list[str]:
    """Write the registered plans the folder lacks (another app instance added them); returns their names."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for entry in store.plans():
        if (folder / entry.name).exists():
            continue
        staged = _write_atomic(folder, entry.name, store.plan_content(entry.name) or b"")
        os.replace(staged, folder / entry.name)
        shutil.rmtree(staged.parent, ignore_errors=True)
        written.append(entry.name)
    return written


def plan_rows(store: Store, folder: Path, report: dict | None, lang: str = "zh") -> list[dict[str, Any]]:
    """One row per plan file in ``folder``: kind, size, who added it and when (registry), and the title,
    region, date and number of projects the last build read from it (build report); a problem in ``lang``."""
    from geo.i18n import t

    registry = {p.name: p for p in store.plans()}
    built = {s["source"]: s for s in (report or {}).get("sources", [])}
    skipped = {s["source"]: s["reason"] for s in (report or {}).get("skipped", [])}
    rows = []
    folder = Path(folder)
    files = (
        sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "~$")))
        if folder.is_dir()
        else []
    )
    for path in files:
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        reg, src = registry.get(path.name), built.get(path.name, {})
        rows.append(
            {
                "file": path.name,
                "kind": path.suffix.lower().lstrip("."),
                "size_kb": round(path.stat().st_size / 1024, 1),
                "title": src.get("title"),
                "region": src.get("region"),
                "date": src.get("date"),
                "projects": src.get("projects"),
                "added_by": reg.added_by if reg else None,
                "added_at": reg.added_at[:16].replace("T", " ") if reg else None,
                "problem": skipped.get(path.name) or (None if src else t("plan_not_built", lang)),
            }
        )
    return rows

"""Read plan files (.txt, .docx, .pdf) into clean Simplified-Chinese text.

    read_plans(folder) -> ([PlanText, ...], [PlanReadError, ...])
    read_plan(path)    -> PlanText            (raises PlanReadError)

Each job has its module: geo.ingest_decode (a .txt's bytes and their encoding), geo.ingest_docx, geo.ingest_pdf
(the text of a Word document or a PDF), geo.ingest_clean (clean_text: the cleaned text every later stage works
on, and its rules), geo.ingest_script (Han, common and traditional characters, OpenCC) and geo.ingest_errors
(PlanReadError). This module checks the file before it is read and the text after it is cleaned:

- Size: a `.txt` above MAX_TEXT_BYTES (20 MiB) or a `.docx`/`.pdf` above MAX_PACKED_BYTES (100 MiB) is
  refused from its `stat()` size, before anything is read.
- Not a plan (checked after cleaning): no Chinese at all, or none of the words plans and news about projects
  use (PLAN_WORDS: 碳达峰, 方案, 项目, 工程, 建设 ...) and no energy project named (`光伏电站`, `风电项目`).
  A short news item or notice is read however short it is (a novel or a greeting is not).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from geo.ingest_clean import clean_text
from geo.ingest_decode import decode_bytes
from geo.ingest_docx import read_docx
from geo.ingest_errors import PlanReadError, megabytes
from geo.ingest_pdf import read_pdf
from geo.ingest_script import HAN

SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf")
MAX_TEXT_BYTES = 20 * 1024 * 1024
MAX_PACKED_BYTES = 100 * 1024 * 1024


@dataclass(frozen=True)
class PlanText:
    """One plan file, read and cleaned.

    source:   the file name (not the full path), e.g. "000_1960cbd18c417490.txt"
    text:     cleaned Simplified-Chinese text, one paragraph per line ("\\n"-separated, no empty lines);
              every character span computed later refers to this string
    encoding: how the bytes were decoded: "utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "utf-32",
              "gbk", "gb18030", "big5" for .txt; "docx" or "pdf" otherwise
    """

    source: str
    text: str
    encoding: str


def read_plans(folder: Path) -> tuple[list[PlanText], list[PlanReadError]]:
    """Read every plan in `folder` (not recursive), sorted by file name.

    .txt/.docx/.pdf files (any letter case) are read; hidden files (".name") and Word lock files
    ("~$name") are ignored, as are sub-folders; any other file is reported as a PlanReadError saying it
    was skipped. One bad file never stops the others: its error is collected and reading goes on.
    A missing folder or a path that is not a folder raises PlanReadError. An empty folder gives ([], []).
    """
    folder = Path(folder)
    if not folder.exists():
        raise PlanReadError(folder, f"plans folder not found ({folder})")
    if not folder.is_dir():
        raise PlanReadError(folder, f"is not a folder ({folder}); give the folder that holds the plans")
    plans: list[PlanText] = []
    errors: list[PlanReadError] = []
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith((".", "~$")) or entry.is_dir():
            continue
        suffix = entry.suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            hint = " (save it as .docx)" if suffix in (".doc", ".wps", ".rtf") else ""
            errors.append(
                PlanReadError(
                    entry,
                    f"skipped: unsupported file type '{entry.suffix or entry.name}'{hint}; "
                    "plans must be .txt, .docx or .pdf",
                )
            )
            continue
        try:
            plans.append(read_plan(entry))
        except PlanReadError as exc:
            errors.append(exc)
    return plans, errors


def read_plan(path: Path) -> PlanText:
    """Read one .txt, .docx or .pdf plan and clean it (see the module docstring for the rules).

    Raises PlanReadError (message "<file name>: <problem>") when the file is missing, too large, empty,
    binary, undecodable, a corrupt or encrypted .docx/.pdf, a PDF without a text layer, or does not look
    like a plan.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise PlanReadError(path, f"unsupported file type '{path.suffix}'; plans must be .txt, .docx or .pdf")
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise PlanReadError(path, "file not found") from None
    except OSError as exc:
        raise PlanReadError(path, f"cannot read: {exc.strerror or exc}") from None
    limit = MAX_TEXT_BYTES if suffix == ".txt" else MAX_PACKED_BYTES
    if size > limit:
        raise PlanReadError(
            path, f"file is {megabytes(size)}, above the {megabytes(limit)} limit for {suffix} plans"
        )
    if size == 0:
        raise PlanReadError(path, "file is empty")
    try:
        if suffix == ".txt":
            raw, encoding = decode_bytes(path.read_bytes(), path.name)
        elif suffix == ".docx":
            raw, encoding = read_docx(path), "docx"
        else:
            raw, encoding = read_pdf(path), "pdf"
    except OSError as exc:
        raise PlanReadError(path, f"cannot read: {exc.strerror or exc}") from None
    if not raw.strip():
        raise PlanReadError(path, "file is empty (whitespace only)")
    text = clean_text(raw)
    if not text:
        raise PlanReadError(path, "file is empty after cleaning (only whitespace or conversion debris)")
    problem = _plan_problem(text)
    if problem:
        raise PlanReadError(path, f"does not look like a plan: {problem}")
    return PlanText(source=path.name, text=text, encoding=encoding)


CARBON_WORDS = ("碳达峰", "碳中和", "双碳", "低碳", "碳排放", "减碳", "降碳", "新能源")
PLAN_WORDS = (
    *CARBON_WORDS,
    "方案",
    "规划",
    "计划",
    "行动",
    "工程",
    "项目",
    "实施",
    "意见",
    "通知",
    "建设",
    "发展",
)
_PLAN_RE = re.compile("|".join(PLAN_WORDS))


def _names_energy_project(text: str) -> bool:
    """Whether a text names an energy project: a kind of plant (光伏, 储能 ...) followed by a head noun
    (项目, 电站 ...) within a few characters."""
    from geo.categories import ENERGY_KEYWORDS, RE_HEAD

    return any(RE_HEAD.search(text, m.end(), m.end() + 12) for m in ENERGY_KEYWORDS.finditer(text))


def _plan_problem(text: str) -> str | None:
    """Why a cleaned text does not look like a plan, or None when it does (thresholds in module doc)."""
    if not HAN.search(text):
        return "it contains no Chinese text"
    if not _PLAN_RE.search(text) and not _names_energy_project(text):
        return "none of the words a plan uses (碳达峰, 碳中和, 方案, 规划, 行动, 工程, 项目 ...)"
    return None

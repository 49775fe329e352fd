"""Read plan files (.txt, .docx, .pdf) into clean Simplified-Chinese text.

    read_plans(folder) -> ([PlanText, ...], [PlanReadError, ...])
    read_plan(path)    -> PlanText            (raises PlanReadError)
    clean_text(raw)    -> str                 (pure, deterministic; spans refer to its output)

`PlanText.text` is what every later stage works on: one paragraph per line ("\\n"-separated, no empty
lines, no trailing newline), Simplified Chinese, conversion debris removed, sentences that a page break
split rejoined, a reposted plan's news lead removed where it repeats the body.

Decisions and thresholds (all module constants):

- Size: a `.txt` above MAX_TEXT_BYTES (20 MiB) or a `.docx`/`.pdf` above MAX_PACKED_BYTES (100 MiB) is
  refused from its `stat()` size, before anything is read.
- `.txt` decoding, first match wins: a BOM (UTF-8, UTF-32, UTF-16) -> BOM-less UTF-16 when the bytes hold
  NULs (ASCII digits and newlines put a NUL on every other byte; both byte orders are tried, the better
  one wins) -> strict UTF-8 (a file cut inside its last character is accepted) -> strict GBK -> GB18030
  -> Big5 -> BOM-less UTF-16 without NULs. Every candidate after UTF-8 must pass a mojibake guard: at
  least MIN_COMMON_SHARE (85 %) of its Han characters must be common ones (GB2312 level 1 plus the
  traditional forms of all GB2312 characters) and it must hold no control characters. Real plans score
  > 0.99; UTF-8 read as GB18030 scores ~0.15 and Big5 read as GBK ~0.5 (measured on the seeds).
- Binary: NUL bytes not explained by UTF-16, or more than 0.5 % control bytes -> "looks like a binary file".
- Not a plan (checked after cleaning): no Chinese at all, or none of the words plans and news about projects
  use (PLAN_WORDS: 碳达峰, 方案, 项目, 工程, 建设 ...) and no energy project named (`光伏电站`, `风电项目`).
  A short news item or notice is read however short it is (a novel or a greeting is not).
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from geo.cli import UserError

SUPPORTED_SUFFIXES = (".txt", ".docx", ".pdf")
MAX_TEXT_BYTES = 20 * 1024 * 1024
MAX_PACKED_BYTES = 100 * 1024 * 1024
MAX_UNPACKED_BYTES = 400 * 1024 * 1024  # sum of a .docx's members, against zip bombs
MIN_COMMON_SHARE = 0.85
TABLE_CELL_MAX = 60  # .docx table rows with longer cells are read cell by cell, not as one tab row
MAX_CONTROL_SHARE = 0.005
WRAP_MIN_LINES = 20  # hard-wrap detection needs this many lines of >= 10 cells
WRAP_MIN_SHARE = 0.5
WRAP_MAX_WIDTH = 120
WRAP_FULL = 0.9  # a line this close to the full width wraps on to the next
LEAD_MIN_COVERAGE = 0.5  # share of a lead paragraph's clause text found later in the document
LEAD_MIN_REPEATED = 20  # characters
LEAD_MAX_PARAGRAPHS = 60  # a news lead is looked for among the first paragraphs only


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


class PlanReadError(UserError):
    """A plan file that cannot be used. `str(err)` is "<file name>: <what is wrong>"."""

    def __init__(self, source: str | os.PathLike, reason: str):
        self.source = Path(source).name or str(source)
        self.reason = reason
        super().__init__(f"{self.source}: {reason}")


# --------------------------------------------------------------------------------------------------
# Reading files


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
        raise PlanReadError(path, f"file is {_mb(size)}, above the {_mb(limit)} limit for {suffix} plans")
    if size == 0:
        raise PlanReadError(path, "file is empty")
    try:
        if suffix == ".txt":
            raw, encoding = decode_bytes(path.read_bytes(), path.name)
        elif suffix == ".docx":
            raw, encoding = _read_docx(path), "docx"
        else:
            raw, encoding = _read_pdf(path), "pdf"
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


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


# --------------------------------------------------------------------------------------------------
# .txt decoding

_MAGIC = (
    (b"%PDF-", "it starts like a PDF document; name it .pdf"),
    (b"PK\x03\x04", "it starts like a zip archive (.docx?); name it .docx"),
    (b"\xd0\xcf\x11\xe0", "it starts like an old Word .doc file; save it as .docx"),
    (b"{\\rtf", "it is an RTF document; save it as .docx or .txt"),
)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def decode_bytes(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode a .txt plan's bytes; returns (text, encoding). Raises PlanReadError naming `name`."""
    if not data.strip():
        raise PlanReadError(name, "file is empty" if not data else "file is empty (whitespace only)")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise PlanReadError(
                    name,
                    f"has a {codec.upper()} byte-order mark but invalid {codec.upper()} at byte {exc.start}",
                ) from None
            return text.lstrip("\ufeff"), "utf-8-sig" if codec == "utf-8-sig" else _bom_name(codec, bom)

    utf16 = _bomless_utf16(data)
    if utf16 is not None:
        return utf16
    for magic, hint in _MAGIC:
        if data.startswith(magic):
            raise PlanReadError(name, f"looks like a binary file, not text ({hint})")
    binary = b"\x00" in data or len(_CONTROL_BYTES.findall(data)) > max(8, MAX_CONTROL_SHARE * len(data))

    utf8_error = None
    if not binary:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            utf8_error = exc
        if utf8_error.end == len(data) and utf8_error.reason == "unexpected end of data":
            # a file cut inside its last character: keep everything before it
            with contextlib.suppress(UnicodeDecodeError):
                return data[: utf8_error.start].decode("utf-8"), "utf-8"
    candidates = ["gbk", "gb18030", "big5"]
    if len(data) % 2 == 0:
        candidates += ["utf-16-le", "utf-16-be"]  # BOM-less UTF-16 without ASCII has no NULs
    for codec in candidates:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        share = _common_share(text)
        if share is not None and share >= MIN_COMMON_SHARE and not _has_controls(text):
            return text, codec
    if binary:
        raise PlanReadError(name, "looks like a binary file (NUL or control bytes), not a text plan")
    raise PlanReadError(
        name,
        f"cannot decode the text: not UTF-8 (invalid byte at offset {utf8_error.start}), and GB18030/GBK, "
        "Big5 and UTF-16 give no readable Chinese; save it as UTF-8",
    )


def _bom_name(codec: str, bom: bytes) -> str:
    if codec == "utf-16":
        return "utf-16-le" if bom == b"\xff\xfe" else "utf-16-be"
    return codec


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without BOM: ASCII characters (digits, newlines) put NULs on every other byte. Both byte
    orders are tried on files with NULs; the one that gives clean text with common Chinese wins."""
    sample = data[: 1 << 16]
    if len(data) % 2 or sample.count(0) < 2:
        return None
    best = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _has_controls(text):
            continue
        share = _common_share(text)
        if share is None:  # pure ASCII in UTF-16: the NULs must sit on the high bytes
            share = 1.0 if all(ch.isprintable() or ch in "\t\n\r" for ch in text[:4096]) else 0.0
        if share >= MIN_COMMON_SHARE and (best is None or share > best[0]):
            best = (share, text, codec)
    return None if best is None else (best[1], best[2])


_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _has_controls(text: str) -> bool:
    return len(_CONTROL_CHARS.findall(text)) > max(8, MAX_CONTROL_SHARE * len(text))


def _common_share(text: str) -> float | None:
    """Share of Han characters that are common ones; None when there is no Han character at all.

    Text with non-ASCII characters but no Han at all counts as 0 (a legacy decode that gives no Chinese).
    """
    if len(text) > 200_000:  # a consistently encoded file: head and tail are enough
        text = text[:100_000] + text[-100_000:]
    han = _HAN.findall(text)
    if not han:
        return 0.0 if any(ord(ch) > 0x7F for ch in text) else None
    common = _common_han()
    return sum(1 for ch in han if ch in common) / len(han)


@cache
def _common_han() -> frozenset[str]:
    """GB2312 level-1 characters (the 3,755 most common) plus traditional forms of all GB2312 characters."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xF8):
        for trail in range(0xA1, 0xFF):
            ch = bytes((lead, trail)).decode("gb2312", errors="ignore")
            if ch:
                chars.add(ch)
    level1 = {ch for ch in chars if ch.encode("gb2312")[0] < 0xD8}
    common = set(level1)
    for trad, simps in _ts_characters():
        if any(s in chars for s in simps):
            common.add(trad)
    return frozenset(common)


@cache
def _ts_characters() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """OpenCC's traditional -> simplified character table, as shipped with opencc-python-reimplemented."""
    import opencc

    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            trad, simps = line.split("\t", 1)
            rows.append((trad, tuple(simps.split())))
    return tuple(rows)


@cache
def _traditional_only() -> frozenset[str]:
    """Characters that only occur in traditional script (never a simplified form themselves)."""
    rows = _ts_characters()
    simplified = {s for _, simps in rows for s in simps}
    return frozenset(trad for trad, _ in rows if trad not in simplified)


@cache
def _t2s():
    from opencc import OpenCC

    return OpenCC("t2s")


# --------------------------------------------------------------------------------------------------
# .docx

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _read_docx(path: Path) -> str:
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
                raise PlanReadError(
                    path, f"corrupt or hostile .docx: unpacks to more than {_mb(MAX_UNPACKED_BYTES)}"
                )
    except zipfile.BadZipFile:
        raise PlanReadError(path, _not_a_zip_reason(path)) from None
    if "word/document.xml" not in names:
        raise PlanReadError(path, "corrupt .docx: no word/document.xml inside (not a Word document)")
    try:
        import docx

        document = docx.Document(str(path))
        numbering = _Numbering(document)
        lines = list(_docx_blocks(document.element.body, numbering))
    except PlanReadError:
        raise
    except Exception as exc:  # python-docx / lxml raise many kinds of errors on damaged files
        raise PlanReadError(path, f"corrupt .docx: {type(exc).__name__}: {exc}") from None
    return "\n".join(lines)


def _not_a_zip_reason(path: Path) -> str:
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(b"PK\x03\x04"):
        return "damaged or truncated .docx (its zip archive is incomplete: was a download or copy cut short?)"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Word .doc (97-2003) renamed to .docx: open it in Word or LibreOffice and save as .docx"
    return "corrupt .docx: not a zip archive (not a Word document)"


def _docx_blocks(parent, numbering: _Numbering) -> Iterator[str]:
    """Lines of a body, table cell or text box, in document order."""
    for child in parent:
        tag = child.tag
        if tag == _W + "p":
            text, boxes = _paragraph_text(child)
            text = text.replace("\t", " ")
            prefix = numbering.label(child)  # counted even on an empty paragraph, as Word does
            if text.strip():
                yield prefix + text
            for box in boxes:
                yield from _docx_blocks(box, numbering)
        elif tag == _W + "tbl":
            yield from _docx_table(child, numbering)
        elif tag in (_W + "sdt", _W + "sdtContent", _W + "customXml", _W + "ins", _W + "smartTag"):
            yield from _docx_blocks(child, numbering)


def _docx_table(tbl, numbering: _Numbering) -> Iterator[str]:
    """A row whose cells are one short line each (<= TABLE_CELL_MAX characters) becomes one tab-separated
    line, as in a data table; otherwise each cell's lines follow one another (a 专栏 box, or a
    category | items table whose items cell is long)."""
    for tr in _children(tbl, "tr"):
        cells = [list(_docx_blocks(tc, numbering)) for tc in _children(tr, "tc")]
        filled = [c for c in cells if c]
        if (
            len(filled) >= 2
            and all(len(c) <= 1 for c in cells)
            and all(len(c[0]) <= TABLE_CELL_MAX for c in filled)
        ):
            yield "\t".join(c[0] if c else "" for c in cells)
        else:
            for cell in filled:
                yield from cell


def _children(el, name: str) -> Iterator:
    """Direct children named `name`, looking through content controls (w:sdt) wrapping rows or cells."""
    for child in el:
        if child.tag == _W + name:
            yield child
        elif child.tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
            yield from _children(child, name)


def _paragraph_text(p) -> tuple[str, list]:
    parts: list[str] = []
    boxes: list = []

    def walk(el) -> None:
        for child in el:
            tag = child.tag
            if tag == _W + "t":
                parts.append(child.text or "")
            elif tag == _W + "tab" and el.tag == _W + "r":
                parts.append("\t")
            elif tag in (_W + "br", _W + "cr"):
                parts.append("\n")
            elif tag == _W + "noBreakHyphen":
                parts.append("-")
            elif tag == _W + "txbxContent":
                boxes.append(child)
            elif tag in (_W + "del", _W + "pPr", _W + "rPr", _MC_FALLBACK, _W + "instrText", _W + "delText"):
                continue
            elif isinstance(tag, str):
                walk(child)

    walk(p)
    return "".join(parts), boxes


class _Numbering:
    """Renders Word's automatic list numbers (`一、`, `（一）`, `1.` made by numbering definitions), which
    python-docx leaves out of the paragraph text. Unknown formats render as decimal; bullets as nothing."""

    def __init__(self, document) -> None:
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}  # numId -> (abstractNumId, start overrides)
        # abstractNumId -> ilvl -> (start, numFmt, lvlText)
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self.counters: dict[str, list[int]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for absn in root.iter(_W + "abstractNum"):
            levels = {}
            for lvl in absn.iter(_W + "lvl"):
                levels[int(_wval(lvl, "ilvl", "0"))] = (
                    int(_child_val(lvl, "start") or 1),
                    _child_val(lvl, "numFmt") or "decimal",
                    _child_val(lvl, "lvlText") or "",
                )
            self.levels[_wval(absn, "abstractNumId")] = levels
        for num in root.iter(_W + "num"):
            overrides = {}
            for ov in num.iter(_W + "lvlOverride"):
                start = _child_val(ov, "startOverride")
                if start is not None:
                    overrides[int(_wval(ov, "ilvl", "0"))] = int(start)
            self.nums[_wval(num, "numId")] = (_child_val(num, "abstractNumId") or "", overrides)
        for style in document.styles.element.iter(_W + "style"):
            ppr = style.find(_W + "pPr")
            numpr = ppr.find(_W + "numPr") if ppr is not None else None
            if numpr is not None:
                num_id = _child_val(numpr, "numId")
                if num_id:
                    self.style_num[_wval(style, "styleId")] = (num_id, int(_child_val(numpr, "ilvl") or 0))

    def label(self, p) -> str:
        if not self.nums:
            return ""
        ppr = p.find(_W + "pPr")
        num_id, ilvl = None, 0
        if ppr is not None:
            style = _child_val(ppr, "pStyle")
            if style in self.style_num:
                num_id, ilvl = self.style_num[style]
            numpr = ppr.find(_W + "numPr")
            if numpr is not None:
                num_id = _child_val(numpr, "numId") or num_id
                ilvl = int(_child_val(numpr, "ilvl") or ilvl)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.levels.get(abstract_id, {})
        if ilvl not in levels:
            return ""
        key = num_id if overrides else abstract_id
        counters = self.counters.setdefault(key, [0] * 10)
        if counters[ilvl] == 0:
            counters[ilvl] = overrides.get(ilvl, levels[ilvl][0])
        else:
            counters[ilvl] += 1
        for deeper in range(ilvl + 1, len(counters)):
            counters[deeper] = 0
        _, fmt, text = levels[ilvl]
        if fmt in ("bullet", "none"):
            return ""

        def render(match: re.Match) -> str:
            level = int(match.group(1)) - 1
            start, level_fmt, _ = levels.get(level, (1, "decimal", ""))
            return _format_number(counters[level] or start, level_fmt)

        return re.sub(r"%([1-9])", render, text)


def _wval(el, attr: str, default: str = "") -> str:
    return el.get(_W + attr, default)


def _child_val(el, name: str) -> str | None:
    child = el.find(_W + name)
    return None if child is None else child.get(_W + "val")


_CN_DIGITS = "零一二三四五六七八九"


def _format_number(n: int, fmt: str) -> str:
    if fmt.startswith(("chineseCounting", "ideographDigital", "taiwaneseCounting", "japaneseCounting")):
        return _chinese_number(n)
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return "甲乙丙丁戊己庚辛壬癸"[n - 1]
    if fmt.startswith("decimalEnclosedCircle") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt in ("lowerLetter", "upperLetter") and n >= 1:
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman") and n >= 1:
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(n)


def _chinese_number(n: int) -> str:
    if n < 10:
        return _CN_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")
    return str(n)


def _roman(n: int) -> str:
    out = []
    for value, sym in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


# --------------------------------------------------------------------------------------------------
# .pdf

_PAGE_NUMBER_LINE = re.compile(
    r"^\s*(?:[-—–－]*\s*\d{1,4}\s*[-—–－]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4})\s*$"
)


PDF_LOCKED = (
    "PDF is encrypted with a password; give an unprotected copy (remove the password and save it again)"
)
PDF_AES_UNSUPPORTED = (
    "PDF is encrypted (AES) and this installation cannot open AES without the 'cryptography' package; "
    "give an unprotected copy (remove the protection and save it again) or pip install cryptography"
)


def _read_pdf(path: Path) -> str:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(str(path), strict=False)  # opens with the empty password (permissions only)
        if reader.is_encrypted and not reader.decrypt(""):
            raise PlanReadError(path, PDF_LOCKED)
        pages = []
        for page in reader.pages:
            pages.append(_strip_page_numbers(page.extract_text() or ""))
    except (PlanReadError, PermissionError, FileNotFoundError, IsADirectoryError):
        raise
    except FileNotDecryptedError:
        raise PlanReadError(path, PDF_LOCKED) from None
    except DependencyError:  # AES without the `cryptography` package, whatever the password
        raise PlanReadError(path, PDF_AES_UNSUPPORTED) from None
    except (
        PdfReadError,
        PyPdfError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        AssertionError,
        RecursionError,
        OSError,
    ) as exc:
        raise PlanReadError(path, f"corrupt PDF: {type(exc).__name__}: {exc}") from None
    text = "\n".join(pages)
    if not re.search(r"\w", text):
        raise PlanReadError(
            path,
            f"PDF has no text layer ({len(pages)} page(s), probably scanned images); "
            "OCR is not supported: use a text PDF, .docx or .txt",
        )
    if not _HAN.search(text) and re.search(r"[\ue000-\uf8ff]|\(cid:\d+\)", text):
        raise PlanReadError(
            path,
            "PDF text layer gives no readable Chinese (its fonts have no Unicode map); "
            "export the plan again as a text PDF, .docx or .txt",
        )
    return text


def _strip_page_numbers(page_text: str) -> str:
    lines = page_text.split("\n")
    while lines and (not lines[-1].strip() or _PAGE_NUMBER_LINE.match(lines[-1])):
        lines.pop()
    while lines and (not lines[0].strip() or _PAGE_NUMBER_LINE.match(lines[0])):
        lines.pop(0)
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------------
# Cleaning


def _build_char_table() -> dict[int, str | None]:
    import unicodedata

    table: dict[int, str | None] = {}
    # full-width digits and Latin letters -> ASCII; ％ -> %. Full-width punctuation （）、。：；“” stays.
    for cp in (
        list(range(0xFF10, 0xFF1A)) + list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B)) + [0xFF05]
    ):
        table[cp] = chr(cp - 0xFEE0)
    # spaces -> " "
    for cp in [0x00A0, 0x1680, 0x202F, 0x205F, 0x3000, *range(0x2000, 0x200B)]:
        table[cp] = " "
    # zero-width and invisible format characters -> removed
    for cp in [
        0x00AD,
        0x180E,
        0x200B,
        0x200C,
        0x200D,
        0x200E,
        0x200F,
        0x2060,
        0x2061,
        0x2062,
        0x2063,
        0x2064,
        0xFEFF,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    ]:
        table[cp] = None
    # control characters other than tab and newline -> removed (newline variants handled before)
    for cp in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)]:
        table[cp] = None
    # Kangxi radicals and CJK compatibility ideographs (common PDF extraction artefacts: ⼀ for 一) -> unified
    for cp in [*range(0x2E80, 0x2EF4), *range(0x2F00, 0x2FD6), *range(0xF900, 0xFADA)]:
        ch = chr(cp)
        norm = unicodedata.normalize("NFKC", ch)
        if norm != ch and len(norm) == 1 and _HAN.match(norm):
            table[cp] = norm
    # parenthesized and full-stop numbers used as list labels: ⑴ -> （1）, ⒈ -> 1.
    for i in range(20):
        table[0x2474 + i] = f"（{i + 1}）"
        table[0x2488 + i] = f"{i + 1}."
    return table


_CHAR_TABLE = _build_char_table()
# str.translate is slow on CJK text; a regex scan finds the few characters that need replacing.
_SPECIAL_CHARS = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_CHAR_TABLE)) + "]")


def _replace_special(match: re.Match) -> str:
    return _CHAR_TABLE[ord(match.group())] or ""


_CHAR_REF = re.compile(rb"&#(\d+);")


def _has_traditional(text: str) -> bool:
    """Whether `text` has a traditional-only character. Fast path: encoding to GB2312 runs at C speed and
    leaves only the few characters outside GB2312 to look at; the handful of traditional-only characters
    that GB2312 does hold (後, 摺 ...) are searched for directly."""
    trad, in_gb2312 = _traditional_only(), _traditional_in_gb2312()
    outside = _CHAR_REF.findall(text.encode("gb2312", errors="xmlcharrefreplace"))
    return any(chr(int(cp)) in trad for cp in set(outside)) or any(ch in text for ch in in_gb2312)


@cache
def _traditional_in_gb2312() -> tuple[str, ...]:
    found = []
    for ch in sorted(_traditional_only()):
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            continue
        found.append(ch)
    return tuple(found)


_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_DEBRIS = re.compile(
    r"\[(?:bookmark|anchor|footnoteRef|endnoteRef|commentRef|annotation)\s*:[^\]\n]*\]", re.IGNORECASE
)
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
# markdown at a line start: "# " headings, "* " / "+ " / "> " items and quotes, a run of 2+ stray "*".
# A single character glued to text ("#1机组", "+”工程" after a wrap) is text, not a marker.
_LINE_MARKERS = re.compile(r"^(?:(?:#{1,6}|[*+>])\s+|\*{2,}(?=[^*\s]))+")
_RULE_LINE = re.compile(r"^(?:[-*_=~#]\s*){3,}$|^\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*$")
_DASH_PAGE_NUMBER = re.compile(r"^[-—–－]+\s*\d{1,4}\s*[-—–－]+$")
_SPACES = re.compile(r" {2,}")
# Glosses a news site glues into words: pinyin after a character (`风(fēng)电`, tone marks required except for
# a few toneless particles) and stock-quote tickers after a company or sector word (`能源(850101)`,
# `新能源(HK1250)集团`).
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_GLOSS = re.compile(
    rf"(?<=[\u4e00-\u9fff?_;])(?:[(（](?:[a-zü{_TONED}]*[{_TONED}][a-zü{_TONED}]*"
    r"|le|de|zhe|men|zi|me|ne|ma|ba|\d{6}|HK\d{4,5})[)）])+"
)

# Heading labels a paragraph can start with (the parser's heading grammar, loosely).
_HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}\s*[、.．]"
    r"|[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]"
    r"|\d{1,3}\s*[.．、](?!\d)"
    r"|[（(]\s*\d{1,3}\s*[）)]"
    r"|[①-⑳]"
    r"|第[一二三四五六七八九十百零〇\d]{1,4}[章节条部篇]"
    r"|专栏|附件|附表|附录)"
)
_LEVEL1_HEADING = re.compile(r"^[一二三四五六七八九十]{1,3}\s*、")
# A line ending in one of these closes a sentence or clause; any other ending may be a page break.
_TERMINAL = frozenset("。！？；：…）)!?;:〕】」』")
_SENTENCE_PUNCT = re.compile(r"[，。；！？,;!?]")
_LIST_PUNCT = re.compile(r"[，。；！？、,;!?]")
_STRONG_STOP = re.compile(r"[。；！？;!?]")
_TITLE_MAX = 40
_HEADING_MAX = 60
_CONTINUATION_START = frozenset("，。、；：！？）》〕】」』”,.;:!?)%")
_DOC_TITLE_END = re.compile(r"(?:方案|规划|计划|意见|通知|决定|办法|纲要|要点|措施|行动|报告)\s*$")
_CLAUSE_SPLIT = re.compile(r"[，。；！？：,;!?:\n]")


def clean_text(raw: str) -> str:
    """Clean a plan's raw text. Pure and deterministic; clean_text(clean_text(x)) == clean_text(x).

    1. Newlines normalized (\\r\\n, \\r, U+2028/2029, form feed, vertical tab -> \\n).
    2. Characters: full-width digits/letters and ％ -> ASCII; ideographic space, nbsp and other spaces
       -> " "; zero-width and control characters removed; Kangxi radicals / compatibility ideographs
       -> the unified ideograph (⼀ -> 一); ⑴ -> （1）, ⒈ -> 1. Full-width punctuation （）、。：；“”． stays.
    3. Traditional -> Simplified (OpenCC t2s), only on lines containing a traditional-only character.
    4. Debris: `[bookmark: ...]` and similar conversion anchors, pinyin glosses and stock tickers glued into
       words (`风(fēng)电`, `能源(850101)`), markdown bold `**x**`, line-start `#`,
       `*`, `+`, `>` markers, horizontal rules, `— 3 —` page numbers; runs of spaces collapsed; lines
       stripped; empty lines dropped; later copies of a title-like first line (a PDF's running header) dropped.
    5. Hard-wrapped text (PDF extraction or a fixed-width .txt, detected from its line widths, see
       _hard_wrap_width): a full-width line is joined to the next unless that starts a heading or a table.
       Then page-break joins: a line that does not end with 。！？；：）〕… etc. is joined (without a space) to
       the next non-empty line unless either line is a table row (tab), the next line starts a heading
       (`一、` `（一）` `1.` `1．` `（1）` `①` `第X章` `专栏` `附件`), the line is a heading of its own
       (heading label, no 。；！？, <= 60 chars), the line is title-like (<= 40 chars without ，。；！？),
       or the next line is title-like (<= 40 chars without ，。；！？、). A line with an unclosed （ “ 《
       is joined to a next line that does not start a heading; a next line starting with punctuation
       such as ，。、） is joined unless the line ends a sentence.
    6. News lead: paragraphs before the document's first `一、` heading (or, without one, before its
       last title-like line ending in 方案/规划/通知/...) are dropped when at least half of their clause
       text (clauses of >= 6 characters, >= 20 characters in all) occurs again later in the text.
    """
    text = _SPECIAL_CHARS.sub(_replace_special, _NEWLINES.sub("\n", raw))
    trad = _traditional_only()
    has_trad = _has_traditional(text)
    lines = []
    for line in text.split("\n"):
        if has_trad and not trad.isdisjoint(line):
            line = _t2s().convert(line)
        line = _clean_line(line)
        if line:
            lines.append(line)
    lines = _drop_running_headers(lines)
    full = _hard_wrap_width(lines)
    if full:
        lines = _unwrap(lines, full)
    paragraphs = _join_broken_lines(lines)
    paragraphs = _drop_repeated_lead(paragraphs)
    return "\n".join(paragraphs)


def _clean_line(line: str) -> str:
    if "[" in line:
        line = _DEBRIS.sub("", line)
    if "**" in line:
        line = _BOLD.sub(r"\1", line)
    if "(" in line or "（" in line:
        line = _GLOSS.sub("", line)
    line = line.strip()
    if not line:
        return ""
    if line[0] in "#*+>":
        if _RULE_LINE.match(line) or not line.strip("#*+> "):
            return ""
        line = _LINE_MARKERS.sub("", line).strip()
    elif line[0] in "-_=~|" and _RULE_LINE.match(line):
        return ""
    if line[0] in "-—–－" and _DASH_PAGE_NUMBER.match(line):
        return ""
    if "  " in line:
        line = _SPACES.sub(" ", line)
    return line


def _drop_running_headers(lines: list[str]) -> list[str]:
    """A PDF's running header, the document's title printed again at the top of each page, interrupts the
    sentence a page break splits: later copies of a title-like first line are dropped."""
    if not lines or not _is_title_like(lines[0]) or _HEADING_START.match(lines[0]):
        return lines
    return lines[:1] + [line for line in lines[1:] if line != lines[0]]


def _is_title_like(line: str) -> bool:
    return len(line) <= _TITLE_MAX and not _SENTENCE_PUNCT.search(line)


def _is_heading_only(line: str) -> bool:
    return len(line) <= _HEADING_MAX and bool(_HEADING_START.match(line)) and not _STRONG_STOP.search(line)


def _unclosed(line: str) -> bool:
    return (
        line.count("（") + line.count("(") > line.count("）") + line.count(")")
        or line.count("“") > line.count("”")
        or line.count("《") > line.count("》")
    )


def _joins(prev: str, nxt: str) -> bool:
    """Whether `nxt` continues `prev` across a hard line break (see clean_text, step 5)."""
    if "\t" in prev or "\t" in nxt:
        return False
    if nxt[0] in _CONTINUATION_START:
        return prev[-1] not in "。！？!?"
    if prev[-1] in _TERMINAL or _HEADING_START.match(nxt):
        return False
    if _unclosed(prev):
        return True
    if _is_heading_only(prev) or _is_title_like(prev):
        return False
    return not (len(nxt) <= _TITLE_MAX and not _LIST_PUNCT.search(nxt))


def _width(line: str) -> float:
    """Display width in CJK character cells (ASCII counts half)."""
    return len(line) - 0.5 * len(line.encode("ascii", "ignore"))


def _hard_wrap_width(lines: list[str]) -> float | None:
    """The line width of a hard-wrapped text (PDF extraction, fixed-width .txt), or None.

    A text is hard-wrapped when at least WRAP_MIN_SHARE of its lines (of >= 10 cells) are within
    85-105 % of the 90th-percentile width and that width is at most WRAP_MAX_WIDTH cells. The seeds, one
    paragraph per line, score 0.13-0.17; a wrapped text scores well above 0.5.
    """
    widths = sorted(w for w in map(_width, lines) if w >= 10)
    if len(widths) < WRAP_MIN_LINES:
        return None
    full = widths[int(0.9 * (len(widths) - 1))]
    if full > WRAP_MAX_WIDTH:
        return None
    share = sum(1 for w in widths if 0.85 * full <= w <= 1.05 * full) / len(widths)
    return full if share >= WRAP_MIN_SHARE else None


def _unwrap(lines: list[str], full: float) -> list[str]:
    """Join each full-width line (>= WRAP_FULL of `full`) to the next unless that starts a heading or a
    table row, or both are title-like (a long title followed by a document number)."""
    out: list[str] = []
    previous = ""
    for line in lines:
        if (
            _width(previous) >= WRAP_FULL * full
            and "\t" not in line
            and "\t" not in out[-1]
            and not _HEADING_START.match(line)
            and not (_is_title_like(previous) and _is_title_like(line))
        ):
            out[-1] += line
        else:
            out.append(line)
        previous = line
    return out


def _join_broken_lines(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if out and _joins(out[-1], line):
            out[-1] += line
        else:
            out.append(line)
    return out


def _lead_end(paragraphs: list[str]) -> int:
    """Where a news lead can end at the latest: the first `一、` heading among the first paragraphs, else
    the last title-like line there that ends like a document title (方案, 规划, 通知 ...); 0 if neither."""
    last_title = 0
    for i, para in enumerate(paragraphs[:LEAD_MAX_PARAGRAPHS]):
        if _LEVEL1_HEADING.match(para):
            return i
        if len(para) <= _HEADING_MAX and not _SENTENCE_PUNCT.search(para) and _DOC_TITLE_END.search(para):
            last_title = i
    return last_title


def _drop_repeated_lead(paragraphs: list[str]) -> list[str]:
    """Drop paragraphs before the document's first heading whose clauses mostly occur again later.

    A paragraph goes when its clauses of >= 6 characters that occur again after it cover at least
    LEAD_MIN_COVERAGE of its clause text and at least LEAD_MIN_REPEATED characters. A 发文 notice, the
    addressee line or the preamble are not repeated later and stay (the seeds' addressee line, the closest
    case, scores 0.41 with 12 characters).
    """
    end = _lead_end(paragraphs)
    if end == 0:
        return paragraphs
    full = "\n".join(paragraphs)
    kept = []
    after = 0
    for para in paragraphs[:end]:
        after += len(para) + 1
        clauses = [c for c in (c.strip() for c in _CLAUSE_SPLIT.split(para)) if len(c) >= 6]
        total = sum(len(c) for c in clauses)
        found = sum(len(c) for c in clauses if full.find(c, after) != -1)
        if total and found >= LEAD_MIN_REPEATED and found >= LEAD_MIN_COVERAGE * total:
            continue
        kept.append(para)
    return kept + paragraphs[end:]


# --------------------------------------------------------------------------------------------------
# Is it a plan?

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
    if not _HAN.search(text):
        return "it contains no Chinese text"
    if not _PLAN_RE.search(text) and not _names_energy_project(text):
        return "none of the words a plan uses (碳达峰, 碳中和, 方案, 规划, 行动, 工程, 项目 ...)"
    return None

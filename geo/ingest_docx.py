"""Read a .docx plan's text: read_docx(path) -> str, one line per paragraph, in document order.

Paragraphs in tables, content controls and text boxes are read where they stand; Word's automatic list
numbers (一、 （一） 1.), which python-docx leaves out, are rendered; a table row of short cells becomes one
tab-separated line. The archive is checked before python-docx opens it (zip bombs, an old .doc renamed,
a truncated download).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from geo.ingest_errors import PlanReadError, megabytes

MAX_UNPACKED_BYTES = 400 * 1024 * 1024  # sum of a .docx's members, against zip bombs
TABLE_CELL_MAX = 60  # .docx table rows with longer cells are read cell by cell, not as one tab row

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def read_docx(path: Path) -> str:
    import zipfile

    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            if sum(i.file_size for i in infos) > MAX_UNPACKED_BYTES:
                raise PlanReadError(
                    path, f"corrupt or hostile .docx: unpacks to more than {megabytes(MAX_UNPACKED_BYTES)}"
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

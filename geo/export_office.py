"""The spreadsheet export: ``projects.xlsx`` for Excel, WPS and LibreOffice users (openpyxl).

Sheets: ``projects`` (PROJECT_FIELDS + lon, lat, wkt), ``说明 about`` (build date, coordinate system,
boundary provenance, the source plans, what every column means) and ``targets`` (TARGET_FIELDS).

- Text columns are stored as text cells with the text number format (@), so adcodes stay ``371122`` (no
  number, no ``371122.0``) and an edited cell stays text; numbers, years and ``offshore`` (TRUE/FALSE) are
  numbers and booleans.
- A text starting with = + - @ tab or CR is a string cell marked "quote prefix" (what Excel stores when a
  user types ' before a formula): shown and kept as the exact text, never run as a formula (the XLSX form of
  OWASP's CSV-injection rule).
- The header row is frozen and has an autofilter.

openpyxl is imported with the module: import this module only when writing a workbook.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from geo.export import FORMULA_TRIGGERS, flat_record, geometry, target_record
from geo.model import LocatedProject, Target
from geo.schema import PROJECT_CSV_EXTRA, PROJECT_FIELDS, TARGET_FIELDS, base_type

ABOUT_SHEET = "说明 about"
MAX_WIDTH = 60  # characters; long quotes wrap in the cell instead


def workbook_bytes(
    located: list[LocatedProject], targets: list[Target], built_at: str | None, sources: list[dict]
) -> bytes:
    """``sources``: [{"source": file name, "title": plan title, "projects": n}, ...] (Catalog.sources)."""
    wb = Workbook(write_only=True)  # streams rows: 10,000 projects in seconds, not tens of seconds
    rows = []
    for lp in located:
        rec = flat_record(lp)
        geom = geometry(lp)
        rec["lon"], rec["lat"] = geom["coordinates"] if geom["type"] == "Point" else geom["coordinates"][0]
        rows.append(rec)
    _table(wb.create_sheet("projects"), PROJECT_FIELDS + PROJECT_CSV_EXTRA, rows)
    _about(wb.create_sheet(ABOUT_SHEET), built_at, sources)
    _table(wb.create_sheet("targets"), TARGET_FIELDS, [target_record(t) for t in targets])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write_xlsx(path: Path, located, targets, built_at, sources) -> None:
    Path(path).write_bytes(workbook_bytes(located, targets, built_at, sources))


def _table(ws, fields: list[tuple[str, str, str]], rows: list[dict[str, Any]]) -> None:
    ws.freeze_panes = "A2"
    for c, (name, _, _) in enumerate(fields, start=1):
        longest = max([len(name)] + [len(str(rec.get(name) or "")) for rec in rows[:200]])
        ws.column_dimensions[get_column_letter(c)].width = min(MAX_WIDTH, longest * 1.6 + 2)
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(fields))}{len(rows) + 1}"
    bold = Font(bold=True)
    ws.append([_cell(ws, name, "str", font=bold) for name, _, _ in fields])
    kinds = [(name, base_type(t)) for name, t, _ in fields]
    for rec in rows:
        ws.append([_cell(ws, rec.get(name), kind) for name, kind in kinds])


def _cell(ws, value, kind: str, font=None):
    if value is None or kind in ("int", "float", "bool"):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    cell = WriteOnlyCell(ws, value=text)
    cell.data_type = "s"  # openpyxl would store a text starting with = as a formula
    cell.number_format = "@"
    if text[:1] in FORMULA_TRIGGERS:
        cell.quotePrefix = True
    if font is not None:
        cell.font = font
    return cell


def _about(ws, built_at: str | None, sources: list[dict]) -> None:
    heading = [
        ["山东碳达峰项目地图 · Shandong carbon-peak projects"],
        ["生成时间 built at", built_at or ""],
        ["坐标系 coordinates", "WGS-84 (EPSG:4326), lon/lat"],
        [
            "边界 boundaries",
            "数据来源于高德开放平台，仅供学习交流使用 (Amap-derived, learning use; not an official map)",
        ],
        [],
        ["来源方案 source plans"],
        ["文件 file", "标题 title", "项目 projects"],
    ]
    plans = [[s.get("source"), s.get("title"), s.get("projects")] for s in sources]
    columns = [["字段 column", "类型 type", "说明 meaning"]] + [
        list(f) for f in PROJECT_FIELDS + PROJECT_CSV_EXTRA
    ]
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 70
    bold = Font(bold=True)
    for values in [*heading, *plans, [], *columns]:
        font = bold if len(values) != 3 else None
        ws.append(
            [
                _cell(ws, v, "int" if isinstance(v, int) else "str", font=font if i == 0 else None)
                for i, v in enumerate(values)
            ]
        )

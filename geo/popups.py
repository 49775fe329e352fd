"""The project balloon shared by the KML and the standalone HTML map: an HTML table of what a planner asks
first (kind, capacity, status when the catalog has one, place and precision, year, units, plan, sentence).
Every value is HTML-escaped: plan text is data, never markup."""

from __future__ import annotations

import html
from typing import Any

from geo.i18n import precision_label, status_label


def _x(text: Any) -> str:
    return html.escape(str(text), quote=True)


def capacity_label(rec: dict[str, Any]) -> str | None:
    """E.g. "400万千瓦 (4,000 MW)"; the text alone for a size class (百万千瓦级); None without a capacity."""
    text, value, unit = rec.get("capacity_text"), rec.get("capacity_value"), rec.get("capacity_unit")
    if value is not None and unit:
        number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
        return f"{text} ({number} {unit})" if text else f"{number} {unit}"
    return text or None


def place_label(rec: dict[str, Any]) -> str:
    place = (
        "".join(p for p in (rec.get("city"), rec.get("county"), rec.get("township")) if p) or rec["province"]
    )
    precision = precision_label(rec.get("precision"), "zh")
    return f"{place}（精度：{precision}{'，海上' if rec.get('offshore') else ''}）"


TH_STYLE = ' style="text-align:left;white-space:nowrap;vertical-align:top;padding-right:6px"'
TABLE_STYLE = ' style="font-size:13px;max-width:420px"'


def _status_source(rec: dict[str, Any]) -> str | None:
    """The words the stage was read from and their document's date: “建成”（2024-05-20）."""
    if not rec.get("status_words"):
        return None
    return f"“{rec['status_words']}”（{rec.get('status_date') or '日期未知'}）"


def description(rec: dict[str, Any], inline_style: bool = True) -> str:
    """``rec``: a flat project record (geo.export.flat_record or a catalog row). ``inline_style`` for viewers
    without the page's stylesheet (KML balloons); the HTML map styles ``table.sd-pop`` once instead."""
    rows = [
        ("类别", rec.get("category_zh")),
        ("容量", capacity_label(rec)),
        ("进展", status_label(rec["status"], "zh") if rec.get("status") else None),
        ("进展依据", _status_source(rec)),
        ("业主", rec.get("owner")),
        ("位置", place_label(rec)),
        ("位置说明", rec.get("location_note")),
        ("目标年份", rec.get("target_year")),
        ("责任单位", rec.get("responsible_units")),
        ("来源", " > ".join(p for p in (rec.get("doc_title"), rec.get("section")) if p)),
        ("原文", rec.get("quote")),
    ]
    th, table = (TH_STYLE, TABLE_STYLE) if inline_style else ("", ' class="sd-pop"')
    cells = "".join(f"<tr><th{th}>{_x(k)}</th><td>{_x(v)}</td></tr>" for k, v in rows if v not in (None, ""))
    return f"<table{table}>{cells}</table>"

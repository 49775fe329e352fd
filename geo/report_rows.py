"""The briefing's tables as rows of text: the summary (by category with capacity totals, by city or county,
by location precision) and the project table with its columns, and how sources are cited."""

from __future__ import annotations

import math
from dataclasses import dataclass

from geo.report_select import LINE_TYPES, PRECISION_ZH, Selection
from geo.report_style import PAGE_SIZE_IN
from geo.report_table import Column

TABLE_FONT = 7.2  # the project table's type size


@dataclass
class Summary:
    by_category: list[list[str]]  # 类别, 项目数, 海上, 线状, 规模合计; the last row is 合计
    by_area: list[list[str]]  # city (or county), 项目数, 类别构成; the last row is 合计
    by_precision: list[list[str]]  # 定位精度, 项目数
    area_label: str  # 城市, or 县区 when the selection is one city


def fmt_num(value: float) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 1 or value == 0:
        return f"{value:,.1f}".rstrip("0").rstrip(".")
    return f"{value:.2g}"


def date_text(built_at: str | None) -> str:
    if not built_at:
        return "未知"
    return str(built_at)[:10]


def sources_text(sel: Selection) -> str:
    """The documents, numbered as the table's 来源 column cites them: [1]《...》、[2]《...》."""
    titles = [f"[{k}]《{s.get('title') or s['source']}》" for k, s in enumerate(sel.sources, start=1)]
    return "、".join(titles) if titles else "（无）"


def _source_refs(sel: Selection, files) -> str:
    """The 来源 cell: the numbers of the documents naming a project ([1][3]), as listed under 资料来源."""
    number = {s["source"]: k for k, s in enumerate(sel.sources, start=1)}
    return "".join(f"[{n}]" for n in sorted({number[f] for f in files or [] if f in number}))


def _category_rows(p, is_line) -> list[list[str]]:
    from geo.vocab import CATEGORIES, category_zh

    rows = []
    for code, group in sorted(
        p.groupby("category"),
        key=lambda kv: (-len(kv[1]), list(CATEGORIES).index(kv[0]) if kv[0] in CATEGORIES else 99),
    ):
        totals = []
        caps = group.dropna(subset=["capacity_value", "capacity_unit"])
        for unit, g in caps.groupby("capacity_unit"):
            totals.append(f"{fmt_num(g['capacity_value'].sum())} {unit}")
        label = category_zh(code) if code in CATEGORIES else str(code)
        rows.append(
            [
                label,
                str(len(group)),
                str(int(group["offshore"].sum())) if group["offshore"].any() else "",
                str(int(is_line[group.index].sum())) if is_line[group.index].any() else "",
                "；".join(totals),
            ]
        )
    n_off, n_line = int(p["offshore"].sum()), int(is_line.sum())
    rows.append(["合计", str(len(p)), str(n_off) if n_off else "", str(n_line) if n_line else "", ""])
    return rows


def _area_rows(p, by_county: bool) -> list[list[str]]:
    from geo.vocab import CATEGORIES, category_zh

    key, code_key = ("county", "county_adcode") if by_county else ("city", "city_adcode")
    rows = []
    frame = p.assign(
        _k=p[key].fillna("（未定到" + ("县区" if by_county else "城市") + "）"),
        _c=p[code_key].fillna("999999"),
    )
    for (_code, name), group in sorted(frame.groupby(["_c", "_k"]), key=lambda kv: kv[0]):
        cats = group["category"].value_counts()
        mix = "、".join(f"{category_zh(c) if c in CATEGORIES else c} {n}" for c, n in cats.items())
        rows.append([name, str(len(group)), mix])
    rows.append(["合计", str(len(p)), ""])
    return rows


def _precision_rows(p) -> list[list[str]]:
    import pandas as pd

    rows = []
    counts = p["precision"].value_counts()
    for prec in PRECISION_ZH:
        if prec in counts:
            rows.append([PRECISION_ZH[prec], str(int(counts[prec]))])
    for prec in counts.index:
        if prec not in PRECISION_ZH and pd.notna(prec):
            rows.append([str(prec), str(int(counts[prec]))])
    return rows


def summary(sel: Selection) -> Summary:
    """Page 2's tables; by county when the selection is one city, else by city."""
    p = sel.projects
    is_line = p.geometry.geom_type.isin(LINE_TYPES)
    by_county = len(sel.area_cities) == 1
    return Summary(
        by_category=_category_rows(p, is_line),
        by_area=_area_rows(p, by_county),
        by_precision=_precision_rows(p),
        area_label="县区" if by_county else "城市",
    )


def table_columns() -> list[Column]:
    """The project table's columns, filling the page's width between the margins."""
    W, _ = PAGE_SIZE_IN
    widths = [0.36, 2.2, 1.1, 0.78, 1.15, 0.6, 0.6, 0.55]
    rest = W - 0.84 - sum(widths)
    return [
        Column("序号", widths[0], "right", 1),
        Column("项目名称", widths[1], "left", 8),
        Column("城市 / 县区", widths[2], "left", 4),
        Column("类别", widths[3], "left", 2),
        Column("规模", widths[4], "left", 4),
        Column("目标年份", widths[5], "center", 1),
        Column("定位精度", widths[6], "center", 2),
        Column("来源", widths[7], "left", 3),
        Column("责任单位", rest, "left", 8),
    ]


def _capacity_cell(r) -> str:
    """The capacity as the plan words it, with its value in MW (or the unit's base) when that differs."""
    cap = r.capacity_text if isinstance(r.capacity_text, str) else ""
    if cap and isinstance(r.capacity_value, float) and not math.isnan(r.capacity_value) and r.capacity_unit:
        norm = f"{fmt_num(r.capacity_value)} {r.capacity_unit}"
        if norm.replace(",", "") not in cap.replace(",", ""):
            cap = f"{cap}（{norm}）"
    return cap


def table_rows(sel: Selection) -> list[list[str]]:
    """One row per project, in the selection's order, cells as :func:`table_columns`."""
    from geo.vocab import CATEGORIES, category_zh

    rows = []
    for i, r in enumerate(sel.projects.itertuples(), start=1):
        place = " ".join(x for x in (r.city, r.county) if isinstance(x, str) and x)
        if isinstance(r.township, str) and r.township:
            place += f" {r.township}"
        if r.offshore:
            place = (place or "山东省") + "（海上）"
        year = "" if r.target_year is None or str(r.target_year) == "<NA>" else str(int(r.target_year))
        cat = category_zh(r.category) if r.category in CATEGORIES else (r.category_zh or r.category or "")
        units = "、".join(r.responsible_units or [])
        rows.append(
            [
                str(i),
                r.name or "",
                place or "山东省",
                cat,
                _capacity_cell(r),
                year,
                PRECISION_ZH.get(r.precision, r.precision or ""),
                _source_refs(sel, r.sources),
                units,
            ]
        )
    return rows

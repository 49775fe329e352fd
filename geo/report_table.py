"""Tables drawn as text on a page: wrapping CJK and Latin text to a column's width, row heights, drawing a
header and zebra rows, and splitting rows into pages. Sizes are in inches from the page's lower left corner
(the figure's dpi_scale_trans) and font points."""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.report_style import INK, RULE

CELL_PAD_IN = 0.06  # left/right padding inside a cell
LEADING = 1.32  # line height, in font sizes
ROW_PAD_PT = 3.2  # padding above and below a row's text
ZEBRA = "#F3F6F9"  # every second row's background

_TOKEN = re.compile(r"[《（「『【〈(“‘]*(?:[A-Za-z0-9.%+\-×/:_#°]+|\s+|.)", re.S)
_NO_LINE_START = set("、，。；：！？）」』》〉】,.;:!?)%")


def wrap(text: str, width_em: float, max_lines: int = 0) -> list[str]:
    """Wrap text to lines of at most ``width_em`` (in em of the CJK font): CJK by character, Latin and
    numbers by run, closing punctuation kept on the line before. ``max_lines`` > 0 ends with an ellipsis."""
    from geo.fonts import text_width_em

    lines: list[str] = []
    for para in str(text).split("\n"):
        line, width = "", 0.0
        for tok in _TOKEN.findall(para):
            w = text_width_em(tok)
            if not line and tok.isspace():
                continue
            if width + w <= width_em or not line or tok[0] in _NO_LINE_START:
                if w > width_em and not line:  # a run longer than the line: cut it
                    for ch in tok:
                        cw = text_width_em(ch)
                        if width + cw > width_em and line:
                            lines.append(line)
                            line, width = "", 0.0
                        line += ch
                        width += cw
                    continue
                line += tok
                width += w
            else:
                lines.append(line.rstrip())
                line, width = ("", 0.0) if tok.isspace() else (tok, w)
        lines.append(line.rstrip())
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and text_width_em(last + "…") > width_em:
            last = last[:-1]
        lines[-1] = last + "…"
    return lines


@dataclass
class Column:
    header: str
    width: float  # inches
    align: str = "left"  # left | right | center
    max_lines: int = 8


def _cell_lines(text: str, col: Column, fontsize: float) -> list[str]:
    width_em = (col.width - 2 * CELL_PAD_IN) * 72 / fontsize
    return wrap(text or "", width_em, col.max_lines) or [""]


def row_layout(rows, columns, fontsize):
    """Rows of cell strings -> rows of cells, each cell its wrapped lines."""
    return [
        [_cell_lines(str(cell), col, fontsize) for cell, col in zip(row, columns, strict=True)]
        for row in rows
    ]


def row_height(cells, fontsize) -> float:
    n = max(len(c) for c in cells)
    return (n * fontsize * LEADING + 2 * ROW_PAD_PT) / 72


def _header_height(columns, fontsize) -> float:
    return row_height([[c.header] for c in columns], fontsize)


def table_height(laid, columns, fontsize) -> float:
    return _header_height(columns, fontsize) + sum(row_height(c, fontsize) for c in laid)


def draw_table(fig, columns, laid_rows, x, top, fontsize):
    """Draw header + rows from `top` (inches from the page bottom) down; returns the y of the last line."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    tr = fig.dpi_scale_trans
    total_w = sum(c.width for c in columns)
    hh = _header_height(columns, fontsize)
    fig.add_artist(Rectangle((x, top - hh), total_w, hh, transform=tr, facecolor=RULE, edgecolor="none"))
    cx = x
    for col in columns:
        _cell_text(fig, col, cx, top, [col.header], fontsize, color="white")
        cx += col.width
    y = top - hh
    for i, cells in enumerate(laid_rows):
        h = row_height(cells, fontsize)
        if i % 2 == 1:
            fig.add_artist(Rectangle((x, y - h), total_w, h, transform=tr, facecolor=ZEBRA, edgecolor="none"))
        cx = x
        for col, lines in zip(columns, cells, strict=True):
            _cell_text(fig, col, cx, y, lines, fontsize)
            cx += col.width
        y -= h
    fig.add_artist(Line2D([x, x + total_w], [y, y], transform=tr, color=RULE, lw=0.8))
    return y


def _cell_text(fig, col, cx, ytop, lines, fontsize, color=INK):
    if not any(lines):
        return
    if col.align == "right":
        tx, ha = cx + col.width - CELL_PAD_IN, "right"
    elif col.align == "center":
        tx, ha = cx + col.width / 2, "center"
    else:
        tx, ha = cx + CELL_PAD_IN, "left"
    fig.text(
        tx,
        ytop - ROW_PAD_PT / 72,
        "\n".join(lines),
        transform=fig.dpi_scale_trans,
        ha=ha,
        va="top",
        fontsize=fontsize,
        color=color,
        linespacing=LEADING,
    )


def paginate(laid_rows, fontsize, first_height, height):
    """Split rows into pages: the first page has `first_height` inches for rows, the others `height`."""
    pages, current, used = [], [], 0.0
    avail = first_height
    for cells in laid_rows:
        h = row_height(cells, fontsize)
        if current and used + h > avail:
            pages.append(current)
            current, used, avail = [], 0.0, height
        current.append(cells)
        used += h
    if current:
        pages.append(current)
    return pages

"""The briefing's pages (A4 landscape matplotlib Figures, no pyplot):

1. the map with a side panel: legend with counts, symbol keys, sources, build date, boundaries, projection;
2. summary tables: by category, by city (or county), by location precision;
3+. the project table, header repeated on every page.

Every page has the title and subtitle of the selection at the top and the data note and page number at the
bottom."""

from __future__ import annotations

from pathlib import Path

from geo import LAYERS_DIR
from geo.report_layers import boundary_note
from geo.report_map import draw_map
from geo.report_rows import TABLE_FONT, date_text, sources_text, summary, table_columns, table_rows
from geo.report_select import Selection
from geo.report_style import INK, MAP_BOX_IN, MUTED, PAGE_SIZE_IN, RULE
from geo.report_table import Column, draw_table, paginate, row_height, row_layout, table_height, wrap

MARGIN_IN = 0.42
_SIDE_LEGEND = {
    "loc": "upper left",
    "frameon": False,
    "title_fontsize": 9,
    "alignment": "left",
    "borderaxespad": 0,
}


def _new_page():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=PAGE_SIZE_IN, dpi=100)
    FigureCanvasAgg(fig)
    fig.patch.set_facecolor("white")
    return fig


def _header(fig, title, subtitle, continued=""):
    from matplotlib.lines import Line2D

    W, H = PAGE_SIZE_IN
    tr = fig.dpi_scale_trans
    fig.text(
        MARGIN_IN,
        H - 0.42,
        title + continued,
        transform=tr,
        fontsize=16 if not continued else 13,
        color=INK,
        va="baseline",
    )
    if subtitle:
        fig.text(MARGIN_IN, H - 0.66, subtitle, transform=tr, fontsize=8.5, color=MUTED, va="baseline")
    fig.add_artist(Line2D([MARGIN_IN, W - MARGIN_IN], [H - 0.76, H - 0.76], transform=tr, color=RULE, lw=1.2))


def _footer(fig, page: int, pages: int, built_at):
    W, _ = PAGE_SIZE_IN
    tr = fig.dpi_scale_trans
    fig.text(
        MARGIN_IN,
        0.22,
        f"数据：碳达峰规划项目目录（生成于 {date_text(built_at)}）；项目位置按规划文本可确定的精度示意，非精确厂址。",
        transform=tr,
        fontsize=6.5,
        color=MUTED,
    )
    fig.text(
        W - MARGIN_IN,
        0.22,
        f"第 {page} 页 / 共 {pages} 页",
        transform=tr,
        fontsize=7,
        color=MUTED,
        ha="right",
    )


def _map_rect():
    (W, H), (left, bottom, w, h) = PAGE_SIZE_IN, MAP_BOX_IN
    return (left / W, bottom / H, w / W, h / H)


def map_number_labels(sel: Selection, layers_dir: Path = LAYERS_DIR):
    """The number labels page 1's map carries (geo.report_labels.NumberLabel), as drawn for the PDF."""
    fig = _new_page()
    return draw_map(fig, sel, Path(layers_dir), _map_rect()).numbers


def _legends(fig, handles, keys, panel_x: float, top: float) -> float:
    """The categories with counts, then the symbol keys, from ``top`` down (figure fractions); returns
    the bottom of the second legend."""
    from matplotlib.legend_handler import HandlerPatch
    from matplotlib.patches import Circle

    ncol = 2 if len(handles) > 10 else 1
    leg1 = fig.legend(
        handles=handles,
        bbox_to_anchor=(panel_x, top),
        ncol=ncol,
        title="项目类别（个数）",
        fontsize=7.8,
        handletextpad=0.4,
        columnspacing=0.8,
        labelspacing=0.55,
        handlelength=1.2,
        **_SIDE_LEGEND,
    )
    renderer = fig.canvas.get_renderer()
    bb = leg1.get_window_extent(renderer).transformed(fig.transFigure.inverted())

    def circle_key(legend, orig_handle, xdescent, ydescent, width, height, fontsize):
        return Circle((width / 2 - xdescent, height / 2 - ydescent), height * 0.75)

    ring_keys = {k: HandlerPatch(patch_func=circle_key) for k in keys if k.get_label().startswith("虚线圈")}
    leg2 = fig.legend(
        handler_map=ring_keys,
        handles=keys,
        bbox_to_anchor=(panel_x, bb.y0 - 0.025),
        title="图例说明",
        fontsize=7.5,
        handletextpad=0.5,
        labelspacing=0.5,
        handlelength=2.0,
        **_SIDE_LEGEND,
    )
    return leg2.get_window_extent(renderer).transformed(fig.transFigure.inverted()).y0


def _notes(sel: Selection, layers_dir: Path) -> list[tuple[str, str]]:
    return [
        ("资料来源", sources_text(sel)),
        ("目录生成日期", date_text(sel.built_at)),
        ("边界", boundary_note(layers_dir, sel.report).removeprefix("行政区划边界：")),
        ("投影", "WGS 84 / UTM 50N（EPSG:32650）；经纬网为 WGS 84 经纬度。"),
        (
            "说明",
            "项目符号位于规划文本可确定的最精确地点（乡镇、县区或城市的代表点），非精确厂址；同一地点的多个项目环绕该点排列。"
            "符号旁数字为项目表序号；同一地点的多个项目共用一个标注（如“3–9, 12”）。",
        ),
    ]


def _draw_notes(fig, notes, x_in: float, y_in: float, width_in: float) -> None:
    """The notes as paragraphs from ``y_in`` down; the last that fits is shortened, the rest left out."""
    fs = 6.6
    width_em = (width_in - 0.05) * 72 / fs
    bottom_limit = 0.45
    y = y_in
    for label, text in notes:
        lines = wrap(f"{label}：{text}", width_em)
        height = len(lines) * fs * 1.4 / 72
        if y - height < bottom_limit:
            lines = wrap(f"{label}：{text}", width_em, max(1, int((y - bottom_limit) * 72 / (fs * 1.4))))
            height = len(lines) * fs * 1.4 / 72
        if y - height < bottom_limit:
            break
        fig.text(
            x_in,
            y,
            "\n".join(lines),
            transform=fig.dpi_scale_trans,
            fontsize=fs,
            color="#444444",
            va="top",
            linespacing=1.4,
        )
        y -= height + 0.07


def map_page(sel: Selection, layers_dir: Path, pages: int):
    fig = _new_page()
    W, H = PAGE_SIZE_IN
    _header(fig, sel.title, sel.subtitle)
    map_left, _, map_w, _ = MAP_BOX_IN
    drawing = draw_map(fig, sel, layers_dir, _map_rect())
    # side panel: legend with counts, symbol keys, notes
    panel_x = (map_left + map_w + 0.25) / W
    panel_w_in = W - MARGIN_IN - (map_left + map_w + 0.25)
    legends_bottom = _legends(fig, drawing.handles, drawing.keys, panel_x, (H - 0.95) / H)
    _draw_notes(fig, _notes(sel, layers_dir), panel_x * W, (legends_bottom - 0.03) * H, panel_w_in)
    _footer(fig, 1, pages, sel.built_at)
    return fig


def _shrink_to_fit(height_at, available: float, fs: float = 7.6) -> float:
    """The largest type size from ``fs`` down in 0.3 pt steps (not below ~5 pt) whose tables fit."""
    while height_at(fs) > available and fs > 5.0:
        fs -= 0.3
    return fs


def summary_page(sel: Selection, page: int, pages: int):
    fig = _new_page()
    W, H = PAGE_SIZE_IN
    _header(fig, sel.title, sel.subtitle, "　汇总")
    s = summary(sel)
    tr = fig.dpi_scale_trans
    top, bottom = H - 1.05, 0.62
    heading_h, gap = 0.08, 0.42
    left_cols = [
        Column("类别", 1.05),
        Column("项目数", 0.55, "right"),
        Column("海上", 0.45, "right"),
        Column("线状", 0.45, "right"),
        Column("规模合计（有数值者）", 2.0),
    ]
    right_x = MARGIN_IN + sum(c.width for c in left_cols) + 0.45
    area_cols = [
        Column(s.area_label, 1.3),
        Column("项目数", 0.55, "right"),
        Column("类别构成", W - MARGIN_IN - right_x - 1.85),
    ]
    prec_cols = [Column("定位精度", 1.3), Column("项目数", 0.55, "right")]

    # left: by category; right: by city (or county), then by location precision. Shrink the type to fit.
    fs = _shrink_to_fit(
        lambda f: table_height(row_layout(s.by_category, left_cols, f), left_cols, f),
        top - heading_h - bottom,
    )
    fig.text(MARGIN_IN, top, "按类别", transform=tr, fontsize=10, color=INK, va="bottom")
    draw_table(fig, left_cols, row_layout(s.by_category, left_cols, fs), MARGIN_IN, top - heading_h, fs)

    def right_height(f):
        return (
            table_height(row_layout(s.by_area, area_cols, f), area_cols, f)
            + gap
            + table_height(row_layout(s.by_precision, prec_cols, f), prec_cols, f)
        )

    fs_r = _shrink_to_fit(right_height, top - 2 * heading_h - bottom)
    fig.text(right_x, top, f"按{s.area_label}", transform=tr, fontsize=10, color=INK, va="bottom")
    y = draw_table(fig, area_cols, row_layout(s.by_area, area_cols, fs_r), right_x, top - heading_h, fs_r)
    fig.text(right_x, y - gap + heading_h, "按定位精度", transform=tr, fontsize=10, color=INK, va="bottom")
    draw_table(fig, prec_cols, row_layout(s.by_precision, prec_cols, fs_r), right_x, y - gap, fs_r)
    fig.text(
        MARGIN_IN,
        0.42,
        "规模合计只加总文本给出数值的项目（如“400万千瓦”= 4,000 MW）；“百万千瓦级”等规模等级不计入。"
        "定位精度：项目符号所在位置的精确程度（乡镇、县区、城市的代表点，或区域、全省）。",
        transform=tr,
        fontsize=6.5,
        color=MUTED,
    )
    _footer(fig, page, pages, sel.built_at)
    return fig


def table_pages(sel: Selection, first_page: int, pages: int, laid_pages):
    columns = table_columns()
    figs = []
    for k, laid in enumerate(laid_pages):
        fig = _new_page()
        _header(fig, sel.title, sel.subtitle, f"　项目表（{k + 1}/{len(laid_pages)}）")
        draw_table(fig, columns, laid, MARGIN_IN, PAGE_SIZE_IN[1] - 0.95, TABLE_FONT)
        _footer(fig, first_page + k, pages, sel.built_at)
        figs.append(fig)
    return figs


def plan_table(sel: Selection):
    """The project table's rows, wrapped and split into pages (known before any page is drawn, for the
    page count in the footers)."""
    columns = table_columns()
    laid = row_layout(table_rows(sel), columns, TABLE_FONT)
    header_h = row_height([[c.header] for c in columns], TABLE_FONT)
    avail = PAGE_SIZE_IN[1] - 0.95 - header_h - 0.45
    return paginate(laid, TABLE_FONT, avail, avail)


def page_figures(sel: Selection, layers_dir: Path, laid_pages, pages: int):
    """The pages one by one: the map, then (unless ``pages`` is 1) the summary and the table pages."""
    yield map_page(sel, layers_dir, pages)
    if pages == 1:
        return
    yield summary_page(sel, 2, pages)
    yield from table_pages(sel, 3, pages, laid_pages)

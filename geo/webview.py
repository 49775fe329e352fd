"""What the app's pages show besides the map: the project card, the per-area summary, the table and the
targets frames, the legend pills' colours. Plain functions over the catalog's frames; every text is escaped.
"""

from __future__ import annotations

import html
import math

from geo.catalog import CAPACITY_UNIT
from geo.i18n import (
    category_label,
    display_unit,
    format_number,
    format_quantity,
    indicator_label,
    location_note_label,
    precision_label,
    status_label,
    t,
)


def _esc(v) -> str:
    return html.escape("" if v is None else str(v))


_MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>~:$&")


def md_literal(text: str) -> str:
    """Text (e.g. a value from the URL) shown literally inside Streamlit markdown: no links, images, HTML."""
    return "".join("\\" + c if c in _MD_SPECIAL else c for c in str(text))


def details_html(row, lang: str, titles: dict[str, str], history: list[dict] | None = None) -> str:
    """A card with every field of one project and, with `history` (Catalog.mentions_of), what each document
    naming it says, newest first; all text HTML-escaped."""
    cap = [format_quantity(row["capacity_value"], row["capacity_unit"], lang)]
    if row["capacity_text"]:
        cap.append(f"（{row['capacity_text']}）")
    year = row["target_year"]
    rows = [
        (t("category", lang), category_label(row["category"], lang)),
        (t("capacity_short", lang), " ".join(c for c in cap if c)),
        (t("status", lang), _status_text(row, lang)),
        (t("location", lang), " · ".join(x for x in (row["city"], row["county"], row["township"]) if x)),
        (t("precision", lang), precision_label(row["precision"], lang)),
        (t("offshore", lang), t("offshore_yes", lang) if row["offshore"] else ""),
        (t("owner", lang), row["owner"]),
        (t("target_year_col", lang), "" if year is None or str(year) == "<NA>" else int(year)),
        (t("responsible_units", lang), "、".join(row["responsible_units"] or [])),
        (t("doc_title", lang), titles.get(row["source"], row["doc_title"])),
        (t("source", lang), row["source"]),
        (t("section", lang), row["section"]),
        (t("location_note", lang), location_note_label(row["location_note"], lang)),
        (t("resolution", lang), row.get("resolution")),
        (t("id", lang), row["id"]),
    ]
    body = "".join(
        f"<tr><th style='text-align:left;color:#666;font-weight:400;padding-right:12px;white-space:nowrap;"
        f"vertical-align:top'>{_esc(k)}</th><td>{_esc(v)}</td></tr>"
        for k, v in rows
        if v not in (None, "")
    )
    quote = ""
    if row["quote"]:
        quote = (
            f"<div style='color:#666;margin-top:6px'>{_esc(t('quote', lang))}</div>"
            f"<blockquote style='margin:2px 0;padding:4px 10px;border-left:3px solid #bbb;background:#f6f6f6'>"
            f"{_esc(row['quote'])}</blockquote>"
        )
    return (
        f"<div class='sd-details' data-id='{_esc(row['id'])}'>"
        f"<div style='font-size:1.15rem;font-weight:700;margin-bottom:4px'>{_esc(row['name'])}</div>"
        f"<table style='border-collapse:collapse'>{body}</table>{quote}{_history_html(history, lang, titles)}</div>"
    )


def _status_text(row, lang: str) -> str:
    text = status_label(row.get("status"), lang)
    if row.get("status_words"):
        text += " " + t("status_from", lang, words=row["status_words"], date=row.get("status_date") or "?")
    return text


def _history_html(history: list[dict] | None, lang: str, titles: dict[str, str]) -> str:
    """One line per document naming the project (date, plan, the name and capacity as it writes them, stage
    words), with its sentence; nothing for a project only one document names."""
    if not history or len(history) < 2:
        return ""
    items = []
    for m in history:
        head = " · ".join(
            str(x)
            for x in (
                m.get("doc_date"),
                titles.get(m["source"], m.get("doc_title") or m["source"]),
                m.get("name"),
                m.get("capacity_text"),
                m.get("status_text"),
            )
            if x
        )
        items.append(
            f"<li><div>{_esc(head)}</div><div style='color:#666;font-size:.9em'>{_esc(m.get('quote') or '')}</div></li>"
        )
    return (
        f"<div class='sd-history' style='color:#666;margin-top:8px'>{_esc(t('history', lang))}</div>"
        f"<ol style='margin:2px 0 0 1.2em;padding:0'>{''.join(items)}</ol>"
    )


# Page layout (Streamlit's own elements, by their test ids and widget keys): less empty space above the title,
# and on a phone (<= 640 px) a one-line title, the legend pills in one row that scrolls sideways and a map no
# taller than about two thirds of the screen, so the map is on the first screen.
PAGE_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 3.4rem; padding-bottom: 2rem; }
.st-key-page_head h2 { padding-top: 0; }
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { padding: 3.9rem 0.7rem 1rem 0.7rem; }
  .st-key-page_head h2 { font-size: 1.15rem; line-height: 1.3; padding-bottom: 0; }
  .st-key-page_head [data-testid="stCaptionContainer"] { display: none; }
  .st-key-page_head [data-testid="stAlertContainer"] { padding: 0.3rem 0.6rem; font-size: 0.85rem; }
  .st-key-map_controls [data-testid="stWidgetLabel"] { display: none; }  /* the choice names the shading */
  .st-key-legend [role="toolbar"] { flex-wrap: nowrap; overflow-x: auto; padding-bottom: 4px; }
  .st-key-legend [role="toolbar"] button { flex: none; }
  .st-key-legend [data-testid="stWidgetLabel"] { display: none; }
  .st-key-map_controls [data-testid="stColumn"]:not(:has([data-testid="stElementContainer"])) { display: none; }
  .st-key-map_controls p { font-size: 0.85rem; line-height: 1.35; }
  .st-key-map_controls [data-testid="stHorizontalBlock"] { flex-wrap: nowrap; gap: 0.5rem; }
  .st-key-map_controls [data-testid="stColumn"] { min-width: 0 !important; flex: 1 1 0 !important; }
  iframe[title*="sdcarbon_map"] { height: min(620px, 66vh) !important; }
  .st-key-table { padding-top: 0.6rem; }  /* the grid's toolbar (shown above it on touch) stays off the tabs */
}
</style>"""


def legend_css(key: str, colors: list[str], square: bool = False) -> str:
    """Colour the pills of the widget `key` like the map's symbols: the k-th pill gets colors[k] (config colours
    only, never text from a document). One shared rule, then one short rule per pill (sent on every run)."""
    pill = f".st-key-{key} button[data-variant^='pills']"
    radius = "2px" if square else "50%"
    rules = [
        f"{pill}::before{{content:'';display:inline-block;width:.8em;height:.8em;border-radius:{radius};"
        f"margin-right:.35em;border:1px solid #fff;box-shadow:0 0 0 1px #888}}"
    ]
    rules += [f"{pill}:nth-of-type({k})::before{{background:{c}}}" for k, c in enumerate(colors, start=1)]
    return "<style>" + "".join(rules) + "</style>"


def stats_html(shown, level: str, lang: str) -> str:
    """Project count and total capacity per county or city of the filtered projects, as a small escaped HTML
    table (no data grid: this is the default tab and must stay light). The capacity column only when some
    project of the selection states one in MW; a line says how many do."""
    col = "county" if level == "county" else "city"
    placed = shown.dropna(subset=[col])
    if placed.empty:
        return f"<p style='color:#666'>{_esc(t('stats_none', lang))}</p>"
    count = placed.groupby(col).size()
    is_mw = (placed["capacity_unit"] == CAPACITY_UNIT) & placed["capacity_value"].notna()
    mw = placed[is_mw].groupby(col)["capacity_value"].sum()
    city_of = placed.groupby(col)["city"].first() if col == "county" else None
    order = sorted(count.index, key=lambda k: (-int(count[k]), -float(mw.get(k, 0.0)), str(k)))
    unit, factor = display_unit(CAPACITY_UNIT, lang)
    head = [t(f"level_{level}", lang), t("count", lang)]
    if is_mw.any():
        head.append(t("total_capacity", lang, unit=unit))
    if city_of is not None:
        head.insert(1, t("city", lang))
    cell = "padding:2px 10px;border-bottom:1px solid #eee"
    rows = []
    for k in order:
        cells = [f"<td style='{cell}'>{_esc(k)}</td>"]
        if city_of is not None:
            cells.append(f"<td style='{cell};color:#666'>{_esc(city_of.get(k) or '')}</td>")
        cells.append(f"<td style='{cell};text-align:right'>{int(count[k])}</td>")
        if is_mw.any():
            total = float(mw.get(k, 0.0)) * factor
            cells.append(
                f"<td style='{cell};text-align:right'>{format_number(total) if total > 0 else '–'}</td>"
            )
        rows.append("<tr>" + "".join(cells) + "</tr>")
    n_numeric = sum(1 for h in head if h in (t("count", lang), t("total_capacity", lang, unit=unit)))
    ths = "".join(
        f"<th style='{cell};text-align:{'left' if i < len(head) - n_numeric else 'right'};position:sticky;top:0;"
        f"background:#fff'>{_esc(h)}</th>"
        for i, h in enumerate(head)
    )
    note = t("capacity_count", lang, k=int(is_mw.sum()), n=len(placed))
    return (
        "<div class='sd-stats' style='max-height:420px;overflow:auto;font-size:0.9rem'>"
        f"<table style='border-collapse:collapse'><thead><tr>{ths}</tr></thead><tbody>{''.join(rows)}"
        f"</tbody></table></div><p class='sd-stats-note' style='color:#666;font-size:0.85rem'>{_esc(note)}</p>"
    )


def table_frame(shown, lang: str, titles: dict[str, str]):
    import pandas as pd

    unit, factor = display_unit(CAPACITY_UNIT, lang)
    cap = [
        None if v is None or math.isnan(v) else round(v * factor, 6)
        for v in shown["capacity_value"].astype("float64").where(shown["capacity_unit"] == CAPACITY_UNIT)
    ]
    frame = pd.DataFrame(
        {
            t("name", lang): shown["name"].values,
            t("category", lang): [category_label(c, lang) for c in shown["category"]],
            t("city", lang): shown["city"].values,
            t("county", lang): shown["county"].values,
            t("township", lang): shown["township"].values,
            t("precision", lang): [precision_label(p, lang) for p in shown["precision"]],
            t("capacity_col", lang, unit=unit): cap,
            t("capacity_text", lang): shown["capacity_text"].values,
            t("target_year_col", lang): shown["target_year"].values,
            t("owner", lang): shown["owner"].values,
            t("responsible_units", lang): ["、".join(u or []) for u in shown["responsible_units"]],
            t("doc_title", lang): [titles.get(s, s) for s in shown["source"]],
        }
    )
    # repeated texts as categories: the table's Arrow payload shrinks about 3x
    for col in frame.columns:
        texts = frame[col].dtype == object or str(frame[col].dtype) == "str"
        if texts and len(frame) > 20 and frame[col].nunique() < len(frame) / 2:
            frame[col] = frame[col].astype("category")
    return frame


def targets_html(targets, lang: str, titles: dict[str, str]) -> str:
    """The plans' targets as an escaped HTML table: value in the page's units, the quoted sentence wrapped
    under its row so it can be read (a data grid cuts it to one line)."""
    cell = "padding:3px 8px;border-bottom:1px solid #eee;vertical-align:top"
    head = [t("region", lang), t("indicator", lang), t("year", lang), t("value", lang), t("doc_title", lang)]
    rows = []
    for row in targets.itertuples(index=False):
        year = "" if row.year is None or str(row.year) in ("<NA>", "nan") else int(row.year)
        cells = [
            row.region,
            indicator_label(row.indicator, lang),
            year,
            format_quantity(row.value, row.unit, lang),
            titles.get(row.source, row.source),
        ]
        tds = "".join(
            f"<td style='{cell}{';text-align:right;white-space:nowrap' if k == 3 else ''}'>{_esc(v)}</td>"
            for k, v in enumerate(cells)
        )
        quote = (
            f"<tr><td colspan='{len(head)}' style='{cell};color:#555;font-size:0.85rem;padding-left:18px'>"
            f"{_esc(t('quote', lang))}：{_esc(row.quote)}</td></tr>"
            if row.quote
            else ""
        )
        rows.append(f"<tr class='sd-target'>{tds}</tr>{quote}")
    ths = "".join(
        f"<th style='{cell};text-align:left;position:sticky;top:0;background:#fff'>{_esc(h)}</th>"
        for h in head
    )
    return (
        "<div class='sd-targets' style='max-height:520px;overflow:auto;font-size:0.9rem'>"
        f"<table style='border-collapse:collapse;width:100%'><thead><tr>{ths}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )

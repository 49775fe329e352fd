"""地图 · the map page: category legend-filter, shading controls, the map, the selected project, tabs.

The map iframe is created once and stays across reruns; each run sends it only a small state (the indices of
the filtered projects, the shading, the counts). Project data is written once per catalog to two JSON files
the browser fetches once and keeps (geo.webmap). The map sends nothing back, so panning and clicking never
rerun the script. The first tab under the map is a light HTML summary; the table's data grid (a large part of
Streamlit's JavaScript) loads only when its tab is opened.
"""

from __future__ import annotations

import hashlib

import streamlit as st

from geo import webmap
from geo.catalog import CAPACITY_UNIT, STATUSES, UNKNOWN_STATUS
from geo.catalog_filters import apply_filters
from geo.i18n import category_label, indicator_label, status_label, t
from geo.webview import PAGE_CSS, details_html, legend_css, stats_html, table_frame, targets_html
from ui import shell

MAP_HEIGHT = 620
MAX_TABLE_ROWS = 1000  # the table shows at most this many rows (the downloads have all)

ss = st.session_state
catalog = shell.current_catalog()
lang = shell.current_lang()
projects = catalog.projects
titles = catalog.plan_titles()
styles = shell.category_styles(lang)

# ---------------- filtering: categories and stages are picked in the legends, so each is counted without its
# own filter (and with the other's)
filters = shell.filters_from_widgets()
counts = apply_filters(projects, filters.replace(categories=[]))["category"].value_counts().to_dict()
status_counts = (
    apply_filters(projects, filters.replace(statuses=[]))["status"]
    .fillna(UNKNOWN_STATUS)
    .value_counts()
    .to_dict()
)

# ---------------- header
st.html(PAGE_CSS)
with st.container(key="page_head", gap="small"):
    st.markdown(f"## {t('title', lang)}")
    built = str(catalog.built_at).replace("T", " ").replace("+00:00", " UTC")
    st.caption(t("subtitle", lang, n=len(projects), plans=len(catalog.sources), built=built))
    if catalog.report.get("synthetic") or any(s["source"].startswith("synthetic_") for s in catalog.sources):
        st.warning(t("synthetic_note", lang))
shell.show_url_warnings(filters, lang)

from geo.vocab import CATEGORIES  # noqa: E402

cat_opts = [c for c in CATEGORIES if c in set(projects["category"]) or c in (ss.get("f_cats") or [])]
status_opts = [s for s in STATUSES if s in status_counts or s in (ss.get("f_status") or [])]
st.html(legend_css("f_cats", [styles.get(c, {}).get("color", "#888888") for c in cat_opts]))
st.html(legend_css("f_status", [webmap.STATUS_COLORS[s] for s in status_opts], square=True))
with st.container(key="legend", gap="small"):
    st.pills(
        t("category", lang),
        cat_opts,
        selection_mode="multi",
        key="f_cats",
        format_func=lambda c: f"{category_label(c, lang)} ({counts.get(c, 0)})",
        help=t("legend_help", lang),
    )
    st.pills(
        t("status", lang),
        status_opts,
        selection_mode="multi",
        key="f_status",
        format_func=lambda s: f"{status_label(s, lang)} ({status_counts.get(s, 0)})",
        help=t("status_help", lang),
    )
filters = shell.filters_from_widgets()
shown = apply_filters(projects, filters)

# selection from the table (previous interaction) or from the URL
table_ids = ss.get("_table_ids") or []
table_state = ss.get("table")
if table_state is not None:
    try:
        rows = table_state["selection"]["rows"]
    except (KeyError, TypeError):
        rows = []
    if rows and rows[0] < len(table_ids):
        ss["sel"] = table_ids[rows[0]]
    elif ss.get("_table_had_selection"):
        ss["sel"] = None
    ss["_table_had_selection"] = bool(rows)
sel = ss.get("sel")
if sel is not None and sel not in set(shown["id"]):
    sel = None

# ---------------- count line and shading controls, in one row above the map
n_lines = int(shown.geom_type.isin(["LineString", "MultiLineString"]).sum()) if len(shown) else 0
n_off = int(shown["offshore"].sum()) if len(shown) else 0
line = t("n_shown", lang, n=len(shown), total=len(projects))
if n_lines:
    line += " " + t("n_lines", lang, n=n_lines)
if n_off:
    line += " " + t("n_offshore", lang, n=n_off)
controls = st.container(key="map_controls")
col_n, col_a, col_b, col_c = controls.columns([3, 2, 1.4, 1], vertical_alignment="bottom")
col_n.markdown(f"**{line}**")
with col_a:
    shade = st.selectbox(
        t("map_mode", lang), webmap.SHADES, key="shade", format_func=lambda s: t(f"choro_{s}", lang)
    )
ind = tyear = None
if shade == "target_city":
    tg = catalog.targets
    inds = list(
        tg["indicator"].dropna().value_counts().index
    )  # indicators with targets for most cities first
    with col_b:
        if inds:
            default = ss.get("_ind") if ss.get("_ind") in inds else inds[0]
            ind = st.selectbox(
                t("indicator", lang),
                inds,
                index=inds.index(default),
                format_func=lambda c: indicator_label(c, lang),
            )
            ss["_ind"] = ind
    with col_c:
        yrs = sorted({int(y) for y in tg.loc[tg["indicator"] == ind, "year"].dropna()})
        if yrs:
            default = ss.get("_tyear") if ss.get("_tyear") in yrs else yrs[-1]
            tyear = st.selectbox(t("target_year", lang), yrs, index=yrs.index(default))
            ss["_tyear"] = tyear
choro, choro_msg = webmap.shade_data(shade, shown, catalog, lang, ind, tyear)

shell.write_url(
    filters, {"shade": shade if shade != "none" else None, "ind": ind, "tyear": tyear, "sel": sel}
)

if len(projects) == 0:
    st.info(t("empty_catalog", lang))
elif len(shown) == 0:
    st.info(t("no_results", lang))
if choro_msg:
    st.info(choro_msg)

# ---------------- map
map_component, web_url = shell.map_component()
root = str(webmap.web_root())
layers = shell.published_layers(webmap.layers_signature(), root)
folder, _ = shell.catalog_dir()
data_dir = shell.published_catalog(shell.catalog_signature(folder), root, catalog)
cfg_dir = shell.published_config(lang, web_url, layers["name"], root, layers)
shell.pruned_web_cache((layers["name"], data_dir, cfg_dir), root)
pos = {pid: i for i, pid in enumerate(projects["id"])}
state = {
    "base": f"{web_url}{data_dir}/",
    "idx": None if len(shown) == len(projects) else [int(i) for i in shown.index],
    "sel": pos.get(sel) if sel else None,
    "choro": choro,
    "counts": [[c, int(n)] for c, n in shown["category"].value_counts().items()],
    "status_counts": [
        [s, int(n)] for s in STATUSES if (n := (shown["status"].fillna(UNKNOWN_STATUS) == s).sum())
    ],
    "n_shown": len(shown),
    "n_cap": int(((shown["capacity_unit"] == CAPACITY_UNIT) & shown["capacity_value"].notna()).sum()),
    "fit": "all" if filters.is_empty() else hashlib.sha1(repr(filters).encode()).hexdigest()[:10],
}
if map_component is not None:
    # the iframe stays across reruns: a run sends the configuration's URL (the file is fetched once) and the
    # state (indices, shading, counts); the boundaries' URLs let the map start fetching them at once
    map_component(
        cfg_url=f"{web_url}{cfg_dir}/config.json",
        layers=[web_url + f for f in layers["files"].values()],
        state=state,
        height=MAP_HEIGHT,
        key="map",
        default=None,
    )
st.caption(t("boundaries_note", lang))

shell.sidebar(catalog, lang)

# ---------------- details of the selected project
if sel is not None:
    st.subheader(t("details", lang))
    st.html(details_html(shown[shown["id"] == sel].iloc[0], lang, titles, catalog.mentions_of(sel)))

# ---------------- tabs
# lazy tabs: only the open one runs and is sent to the browser. The first (default) tab is a plain HTML
# summary: the table's data grid costs about 1.7 MB of Streamlit's JavaScript and a second or more of the
# browser's time, which would otherwise compete with drawing the map on the first visit.
tab_stats, tab_table, tab_targets = st.tabs(
    [t("tab_stats", lang), t("tab_table", lang), t("tab_targets", lang)], key="tab", on_change="rerun"
)
if tab_stats.open is not False:
    with tab_stats:
        level = st.segmented_control(
            t("stats_level", lang),
            ["county", "city"],
            format_func=lambda x: t(f"level_{x}", lang),
            key="stats_level",
            default="county",
            required=True,
        )
        st.html(stats_html(shown, level or "county", lang))
        st.caption(t("table_note", lang, n=len(shown), cap=MAX_TABLE_ROWS))
if tab_table.open is not False:
    with tab_table:
        rows = shown.head(MAX_TABLE_ROWS)
        if len(shown) > MAX_TABLE_ROWS:
            st.warning(t("table_capped", lang, n=MAX_TABLE_ROWS, total=len(shown)))
        st.caption(t("pick_hint", lang))
        frame = table_frame(rows, lang, titles)
        ss["_table_ids"] = list(rows["id"])
        # the name column no wider than about half a phone's screen: the category and place show beside it
        widths = {t("name", lang): 180, t("category", lang): 90, t("city", lang): 70, t("county", lang): 70}
        st.dataframe(
            frame,
            hide_index=True,
            on_select="rerun",
            selection_mode="single-row",
            key="table",
            placeholder="",
            height=min(420, 38 + 35 * max(1, len(frame))),
            column_config={name: st.column_config.Column(width=w) for name, w in widths.items()},
        )
if tab_targets.open is not False:
    with tab_targets:
        tg = catalog.targets
        if filters.plans:
            tg = tg[tg["source"].isin(filters.plans)]
        if tg.empty:
            st.info(t("targets_none", lang))
        else:
            st.html(targets_html(tg, lang, titles))

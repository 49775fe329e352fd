"""What every page of the app shares: the catalog (loaded once per version), the filters and their URL, the
sidebar, and the cached web data of the map (geo.webmap behind Streamlit's caches).

The filters are widgets with session-state keys (f_*); they live in the sidebar of every page, and the
legend pills (f_cats) on the map page. keep_widget_state() stops Streamlit from dropping the state of a widget
that the current page does not draw, so switching pages keeps the selection.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import streamlit as st

import geo
from geo import webmap
from geo.catalog import PRECISIONS, REVIEW_STATUSES, Catalog, load_catalog
from geo.catalog_files import CatalogError
from geo.catalog_filters import Filters
from geo.i18n import LANGS, lang_or_default, precision_label, t
from geo.urlvalues import parse_view_params
from geo.webview import md_literal

CATALOG_ENV = "SDCARBON_CATALOG_DIR"
FILTER_KEYS = (
    "f_plans",
    "f_cats",
    "f_cities",
    "f_counties",
    "f_prec",
    "f_cap_min",
    "f_cap_max",
    "f_years",
    "f_status",
    "f_review",
    "f_unit",
    "f_name",
)
# widgets of one page whose value must survive a visit to another page (URL-backed or chosen by the user)
PAGE_WIDGET_KEYS = ("shade", "stats_level")
# URL parameters of the app itself (the filters' own are geo.catalog_filters.FILTER_PARAM_KEYS)
APP_KEYS = ("lang", "shade", "ind", "tyear", "sel")


# ------------------------------------------------------------------------------------------------
# catalog


def catalog_dir() -> tuple[Path, bool]:
    """(folder, is the default build folder)"""
    env = os.environ.get(CATALOG_ENV, "").strip()
    if env:
        return Path(env).expanduser(), False
    return geo.DEFAULT_BUILD_DIR, True


def catalog_signature(folder: Path) -> str:
    files = [folder / n for n in ("projects.geojson", "targets.csv", "build_report.json")]
    return webmap.files_signature([folder.resolve(), *files])


@st.cache_resource(show_spinner=False, max_entries=4)
def cached_catalog(folder: str, signature: str) -> Catalog:
    return load_catalog(Path(folder))


def _build_default_catalog(lang: str) -> str | None:
    """Build build/ from seeds/ (first run). Returns an error message, or None on success."""
    with st.spinner(t("building", lang)):
        try:
            from geo.build import build_catalog

            build_catalog(geo.SEEDS_DIR, geo.DEFAULT_BUILD_DIR)
        except Exception as exc:  # a clear message on the page, never a traceback
            return f"{type(exc).__name__}: {exc}" if not str(exc) else str(exc)
    return None


def catalog_or_stop(lang: str) -> Catalog:
    """The catalog to show (built from the seeds on the first run); a message and st.stop() when it cannot be
    read."""
    folder, is_default = catalog_dir()
    if is_default and not (folder / "projects.geojson").exists():
        err = _build_default_catalog(lang)
        if err:
            st.title(t("title", lang))
            st.error(t("build_failed", lang, err=err))
            st.stop()
    try:
        return cached_catalog(str(folder), catalog_signature(folder))
    except Exception as exc:  # anything wrong in a catalog file: a message, not a traceback
        err = exc if isinstance(exc, CatalogError) else f"{type(exc).__name__}: {exc}"
        st.title(t("title", lang))
        st.error(t("catalog_error", lang, err=err))
        st.info(t("catalog_hint", lang))
        st.stop()


def current_catalog() -> Catalog:
    """The catalog app.py loaded for this run (pages call this)."""
    folder, _ = catalog_dir()
    return cached_catalog(str(folder), catalog_signature(folder))


def current_lang() -> str:
    return lang_or_default(st.session_state.get("lang"))


# ------------------------------------------------------------------------------------------------
# the map's web data, cached per server process


def map_component():
    """The map component (static/index.html, which also serves Leaflet and the app's map code) and the URL of
    the web cache (project data, boundaries) relative to the map's iframe (…/component/<name>/index.html)."""
    import streamlit.components.v1 as components

    try:
        mapc = components.declare_component("sdcarbon_map", path=str(webmap.STATIC_DIR))
        web = components.declare_component("sdcarbon_web", path=str(webmap.web_root()))
        return mapc, f"../{web.name}/"
    except Exception:  # no runtime (bare script): nothing is drawn then
        return None, "../ui.shell.sdcarbon_web/"


@st.cache_resource(show_spinner=False, max_entries=4)
def published_layers(signature: str, root: str) -> dict:
    return webmap.publish_layers(signature, root)


@st.cache_resource(show_spinner=False, max_entries=4)
def published_catalog(catalog_key: str, root: str, _catalog: Catalog) -> str:
    return webmap.publish_catalog(catalog_key, root, _catalog)


@st.cache_resource(show_spinner=False, max_entries=8)
def published_config(lang: str, web_url: str, layers_name: str, root: str, _layers: dict) -> str:
    """The map's configuration for one language and layer version, as a file in the web cache."""
    return webmap.publish_config(webmap.map_config(lang, web_url, _layers, category_styles(lang)), root)


@st.cache_resource(show_spinner=False, max_entries=8)
def pruned_web_cache(names: tuple[str, ...], root: str) -> bool:
    """Clean the web cache once per published set (per server process)."""
    webmap.prune_web_cache(set(names), Path(root))
    return True


@st.cache_data(show_spinner=False)
def category_styles(lang: str) -> dict:
    return webmap.category_styles(lang)


# ------------------------------------------------------------------------------------------------
# URL <-> widgets


def keep_widget_state() -> None:
    ss = st.session_state
    for key in (*FILTER_KEYS, *PAGE_WIDGET_KEYS):
        if key in ss:
            ss[key] = ss[key]


def _params_now() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params.keys()}  # noqa: SIM118


def _normalize(params: dict) -> str:
    norm = {k: (v if isinstance(v, list) else [v]) for k, v in params.items() if v not in (None, "", [])}
    return json.dumps(norm, sort_keys=True, ensure_ascii=False)


def read_url(catalog: Catalog, page: str) -> None:
    """When the URL is new to this session (first run, or a link opened), set the widgets from it. Switching
    pages clears Streamlit's query parameters: the session's filters stay then, and the page writes them back."""
    ss = st.session_state
    params = _params_now()
    sig = _normalize(params)
    switched = ss.get("_page") not in (None, page)
    ss["_page"] = page
    if ss.get("_url_sig") == sig or (switched and not params):
        return
    filters, warnings = Filters.from_query_params(params, known=catalog.known_values(), ignore=APP_KEYS)

    view, view_warnings = parse_view_params(
        params, langs=LANGS, shades=webmap.SHADES, ids=catalog.projects["id"]
    )
    warnings += view_warnings
    lang, shade, sel, ind, tyear = (view[k] for k in ("lang", "shade", "sel", "ind", "tyear"))

    ss["lang"] = lang_or_default(lang)
    ss["f_plans"] = filters.plans
    ss["f_cats"] = filters.categories
    ss["f_cities"] = filters.cities
    ss["f_counties"] = filters.counties
    ss["f_prec"] = filters.precisions
    ss["f_cap_min"] = filters.capacity_min
    ss["f_cap_max"] = filters.capacity_max
    ss["f_years"] = filters.years
    ss["f_status"] = filters.statuses
    ss["f_review"] = filters.review_statuses
    ss["f_unit"] = filters.unit_query
    ss["f_name"] = filters.name_query
    ss["shade"] = shade or "none"
    ss["_ind"] = ind
    ss["_tyear"] = tyear
    ss["sel"] = sel
    ss["_url_filters"] = filters
    ss["_warnings"] = warnings
    ss["_url_sig"] = sig
    ss.pop("table", None)


def filters_from_widgets() -> Filters:
    ss = st.session_state
    return Filters(
        plans=list(ss.get("f_plans") or []),
        categories=list(ss.get("f_cats") or []),
        cities=list(ss.get("f_cities") or []),
        counties=list(ss.get("f_counties") or []),
        precisions=list(ss.get("f_prec") or []),
        capacity_min=ss.get("f_cap_min"),
        capacity_max=ss.get("f_cap_max"),
        years=[int(y) for y in ss.get("f_years") or []],
        statuses=list(ss.get("f_status") or []),
        review_statuses=list(ss.get("f_review") or []),
        unit_query=(ss.get("f_unit") or "").strip(),
        name_query=(ss.get("f_name") or "").strip(),
    )


def write_url(filters: Filters, extra: dict | None = None) -> None:
    """The filters (and a page's own parameters) into the URL, so the link reproduces the view."""
    params = dict(filters.to_query_params())
    lang = current_lang()
    for k, v in {"lang": lang if lang != "zh" else None, **(extra or {})}.items():
        if v not in (None, "", []):
            params[k] = v if isinstance(v, list) else str(v)
    sig = _normalize(params)
    if sig != _normalize(_params_now()):
        st.query_params.from_dict(params)
    st.session_state["_url_sig"] = sig


def show_url_warnings(filters: Filters, lang: str) -> None:
    ss = st.session_state
    if filters != ss.get("_url_filters"):
        ss["_warnings"] = []  # the user has moved on from the link
    for w in ss.get("_warnings") or []:
        st.warning(t("bad_param", lang, msg=md_literal(w)))


def clear_filters() -> None:
    ss = st.session_state
    for key in ("f_plans", "f_cats", "f_cities", "f_counties", "f_prec", "f_years", "f_status", "f_review"):
        ss[key] = []
    for key in ("f_cap_min", "f_cap_max"):
        ss[key] = None
    ss["f_unit"] = ""
    ss["f_name"] = ""
    ss["sel"] = None
    ss.pop("table", None)


# ------------------------------------------------------------------------------------------------
# sidebar


def language_control(lang: str) -> str:
    """The 中文 / English toggle (in the sidebar on every page); returns the language chosen."""
    st.segmented_control(
        t("language", lang),
        options=list(LANGS),
        format_func=lambda x: "中文" if x == "zh" else "English",
        key="lang",
        required=True,
    )
    return lang_or_default(st.session_state.get("lang"))


def page_language() -> str:
    """For a page without the filters (规划文件, 审核): the language toggle in the sidebar, and the language in
    the URL, so a refresh or a copied link keeps it."""
    with st.sidebar:
        lang = language_control(current_lang())
    write_url(Filters())
    return lang


def sidebar(catalog: Catalog, lang: str) -> None:
    """Language and filters. Pages call it after their main content: the widgets' values are already in the
    session state (set from the URL or by the user before this run), so the map is computed and sent first and
    the browser fetches the map's code before the sidebar widgets' code."""
    ss = st.session_state
    projects = catalog.projects
    titles = catalog.plan_titles()
    with st.sidebar:
        lang = language_control(lang)
        st.header(t("filters", lang))
        plan_opts = [s["source"] for s in catalog.sources]
        st.multiselect(
            t("plan", lang),
            plan_opts,
            key="f_plans",
            placeholder=t("choose", lang),
            format_func=lambda s: titles.get(s, s),
        )
        cities = sorted(set(projects["city"].dropna()) | set(ss.get("f_cities") or []))
        st.multiselect(t("city", lang), cities, key="f_cities", placeholder=t("choose", lang))
        county_pool = projects
        if ss.get("f_cities"):
            county_pool = projects[projects["city"].isin(ss["f_cities"])]
        counties = sorted(set(county_pool["county"].dropna()) | set(ss.get("f_counties") or []))
        st.multiselect(t("county", lang), counties, key="f_counties", placeholder=t("choose", lang))
        prec_opts = [
            p for p in PRECISIONS if p in set(projects["precision"]) or p in (ss.get("f_prec") or [])
        ]
        st.multiselect(
            t("precision", lang),
            prec_opts,
            key="f_prec",
            placeholder=t("choose", lang),
            format_func=lambda p: precision_label(p, lang),
        )
        st.caption(t("capacity", lang), help=t("capacity_help", lang))
        c1, c2 = st.columns(2)
        for col, key, label in ((c1, "f_cap_min", "cap_min"), (c2, "f_cap_max", "cap_max")):
            col.number_input(
                t(label, lang), min_value=0.0, value=None, step=50.0, key=key, placeholder=t("any", lang)
            )
        years = sorted({int(y) for y in projects["target_year"].dropna()} | set(ss.get("f_years") or []))
        st.multiselect(t("year", lang), years, key="f_years", placeholder=t("choose", lang))
        st.multiselect(
            t("review_filter", lang),
            list(REVIEW_STATUSES),
            key="f_review",
            placeholder=t("choose", lang),
            format_func=lambda r: t(f"review_{r}", lang),
        )
        st.text_input(t("unit_query", lang), key="f_unit")
        st.text_input(t("name_query", lang), key="f_name")
        st.button(t("clear", lang), on_click=clear_filters, width="stretch")

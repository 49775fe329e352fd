"""山东省碳达峰规划项目地图 · the planners' map: a thin Streamlit view over the built catalog.

    streamlit run serve.py          (or: bash scripts/run.sh; serve.py gzips Streamlit's frontend bundle)

Reads the catalog folder (`build/`, or the folder in the environment variable SDCARBON_CATALOG_DIR) through
geo.catalog; builds `build/` from `seeds/` on the first run when it is missing. Never extracts anything itself.
The pages are short files in ui/ over package functions (geo.webmap: the map's web data; geo.webview: cards
and tables); ui/shell.py holds what they share (catalog, filters and their URL, sidebar).

Works with no network: Leaflet, its marker-cluster plugin, the icons and the app's map code are served from
`static/` (vendored, see static/README.md) as a small Streamlit component (static/index.html), the boundaries
from `layers/display/` and the project data through a web cache folder; OpenStreetMap tiles are an optional
overlay, off by default.
"""

from __future__ import annotations

import streamlit as st

from geo.i18n import lang_or_default, t
from ui import shell

# one line per page: (file, label key in geo.i18n, URL path); the first is the default page (URL "/")
PAGES = (
    ("ui/map.py", "page_map", "map"),
    ("ui/plans.py", "page_plans", "plans"),
    ("ui/review.py", "page_review", "review"),
    ("ui/downloads.py", "page_downloads", "downloads"),
)

ss = st.session_state
lang = lang_or_default(ss.get("lang", (st.query_params.get_all("lang") or [None])[-1]))
st.set_page_config(page_title=t("page_title", lang), layout="wide", page_icon="🗺️")
shell.keep_widget_state()
page = st.navigation(
    [
        st.Page(path, title=t(label, lang), url_path=url, default=k == 0)
        for k, (path, label, url) in enumerate(PAGES)
    ],
    position="top",
)
catalog = shell.catalog_or_stop(lang)
shell.read_url(catalog, page.url_path)
page.run()

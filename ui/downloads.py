"""下载 · the downloads page: the filtered projects in each export format, and the PDF briefing.

The formats are geo.downloads.DOWNLOADS (the same list as `python -m geo export`): a new format is a row there.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from geo.catalog_filters import apply_filters
from geo.downloads import DOWNLOADS
from geo.i18n import category_label, t
from ui import shell


def report_button(catalog, filters, lang: str) -> None:
    """“导出简报”: geo.report_write.render_report over the current filters."""
    try:
        from geo import report_write

        render = getattr(report_write, "render_report", None)
    except Exception:
        render = None
    if render is None:
        st.button(t("report_button", lang), disabled=True, help=t("report_unavailable", lang))
        return
    if st.button(t("report_button", lang), key="report"):
        with st.spinner(t("report_button", lang) + " …"):
            try:
                out = Path(tempfile.mkdtemp(prefix="sdcarbon-report-")) / "briefing.pdf"
                path = render(catalog, filters, out)
                st.session_state["_report_pdf"] = Path(path or out).read_bytes()
            except Exception as exc:
                st.error(t("report_failed", lang, err=exc))
    if st.session_state.get("_report_pdf"):
        st.download_button(
            t("report_ready", lang),
            data=st.session_state["_report_pdf"],
            file_name="shandong_briefing.pdf",
            mime="application/pdf",
            on_click="ignore",
        )


catalog = shell.current_catalog()
lang = shell.current_lang()
filters = shell.filters_from_widgets()
shown = apply_filters(catalog.projects, filters)
shell.write_url(filters)

st.markdown(f"## {t('tab_download', lang)}")
shell.show_url_warnings(filters, lang)
st.caption(t("download_note", lang, n=len(shown)))
if filters.categories:  # picked in the map's legend, which this page does not show
    st.caption(f"{t('category', lang)}: " + "、".join(category_label(c, lang) for c in filters.categories))
stem = "shandong_projects" if filters.is_empty() else "shandong_projects_filtered"
cols = st.columns(4)
for i, fmt in enumerate(DOWNLOADS):
    cols[i % 4].download_button(
        fmt.label(lang),
        data=lambda fmt=fmt: fmt.make(shown, catalog),
        file_name=f"{stem}{fmt.suffix}",
        mime=fmt.mime,
        on_click="ignore",
        disabled=len(shown) == 0,
        key=f"dl{fmt.suffix}",
    )
st.divider()
report_button(catalog, filters, lang)
shell.sidebar(catalog, lang)

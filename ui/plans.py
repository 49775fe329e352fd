"""规划文件: the plans the catalog is built from. Browsing is open; adding and removing files needs an editor.
Adding or removing starts a background rebuild; the map keeps the previous catalog until the new one is done."""

from __future__ import annotations

import streamlit as st

from geo.cli import UserError
from geo.i18n import t
from geo.plans import plan_rows, remove_plan, restore_missing, upload_plan
from ui import editing, shell

COLUMNS = (
    "file",
    "kind",
    "title",
    "region",
    "date",
    "projects",
    "added_by",
    "added_at",
    "size_kb",
    "problem",
)


def main() -> None:
    lang = shell.page_language()
    st.markdown(f"## {t('page_plans', lang)}")
    store = editing.store(lang)
    if store is None:
        return
    editor = editing.sign_in(store, lang)
    folder = editing.plans_dir()
    if restore_missing(store, folder):  # plans another app instance registered in a shared store
        editing.start_rebuild()
    rows = plan_rows(store, folder, shell.current_catalog().report, lang)
    st.caption(t("plans_caption", lang, n=len(rows), folder=editing.plain(folder)))
    if rows:  # a plain table: a few dozen files, readable text (the data grid draws on a canvas)
        labels = {k: t(f"plan_col_{k}", lang) for k in COLUMNS}
        st.table([{labels[k]: "—" if r[k] is None else str(r[k]) for k in COLUMNS} for r in rows])
    editing.show_flash()
    editing.build_status(lang)
    if editor is None:
        st.info(t("plans_sign_in", lang))
        return
    upload_form(store, folder, editor, lang)
    remove_form(store, folder, editor, [r["file"] for r in rows], lang)


def upload_form(store, folder, editor: str, lang: str) -> None:
    with st.form("upload", clear_on_submit=True):
        st.subheader(t("upload_title", lang))
        files = st.file_uploader(
            t("upload_label", lang), type=["txt", "docx", "pdf"], accept_multiple_files=True
        )
        if not st.form_submit_button(t("upload_button", lang)):
            return
    if not files:
        st.warning(t("upload_none", lang))
        return
    added = 0
    for f in files:
        try:
            upload_plan(store, folder, f.name, f, editor)
            added += 1
            editing.flash(t("upload_added", lang, name=editing.plain(f.name)))
        except UserError as exc:
            st.error(t("upload_refused", lang, err=editing.error_text(exc, lang)))
    if added:
        editing.start_rebuild()
        st.rerun()


def remove_form(store, folder, editor: str, names: list[str], lang: str) -> None:
    with st.form("remove"):
        st.subheader(t("remove_title", lang))
        name = st.selectbox(
            t("remove_file", lang), names, index=None, placeholder=t("remove_placeholder", lang)
        )
        sure = st.checkbox(t("remove_sure", lang))
        if not st.form_submit_button(t("remove_button", lang)):
            return
    if not name or not sure:
        st.warning(t("remove_incomplete", lang))
        return
    try:
        remove_plan(store, folder, name, editor)
    except UserError as exc:
        st.error(t("remove_refused", lang, err=editing.error_text(exc, lang)))
        return
    editing.flash(t("removed", lang, name=editing.plain(name)))
    editing.start_rebuild()
    st.rerun()


main()

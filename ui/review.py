"""审核: the queue of what needs a person, each record with its sentence and place, and the actions
(confirm, reject, edit, set the site, merge, add a missed project). Browsing is open; acting needs an editor.
Every action is a row of the edit log (geo.store); the next build applies it (geo.edits)."""

from __future__ import annotations

import streamlit as st

from geo import review
from geo.edits import ORPHANED_FILE, REJECTED_FILE, read_review_file
from geo.i18n import t
from geo.i18n_review import field_label, queue_label
from ui import editing, shell
from ui.review_record import add_tab, record_panel, save


def main() -> None:
    lang = shell.page_language()
    st.markdown(f"## {t('page_review', lang)}")
    store = editing.store(lang)
    if store is None:
        return
    catalog = shell.current_catalog()
    editor = editing.sign_in(store, lang)
    log = store.edits()
    folder = editing.catalog_dir()
    records = {r["id"]: r for r in catalog.projects.to_dict("records")}
    queue = review.review_queue(
        catalog.projects,
        read_review_file(folder, "unresolved.csv"),
        log,
        store.plans(),
        read_review_file(folder, "suggested_links.csv"),
    )
    orphaned = read_review_file(folder, ORPHANED_FILE)
    editing.show_flash()
    pending = sum(1 for e in log if e.created_at > (catalog.built_at or ""))
    if pending:
        st.info(t("pending_edits", lang, n=pending))
    if editor and st.button(t("apply_edits", lang), disabled=not pending):
        editing.start_rebuild()
    editing.build_status(lang)
    views = {
        "queue": t("view_queue", lang, n=len(queue)),
        "all": t("view_all", lang),
        "add": t("view_add", lang),
        "orphaned": t("view_orphaned", lang, n=len(orphaned)),
        "rejected": t("view_rejected", lang),
        "log": t("view_log", lang),
    }
    # one view at a time, kept across reruns (tabs would jump back to the first one after every save)
    view = st.radio(t("view", lang), list(views), format_func=views.get, horizontal=True, key="review_view")
    if view == "queue":
        queue_tab(queue, records, log, store, editor, lang)
    elif view == "all":
        search_tab(records, log, store, editor, lang)
    elif view == "add":
        add_tab(catalog, store, editor, lang)
    elif view == "orphaned":
        st.caption(t("orphaned_note", lang))
        st.table(orphan_rows(orphaned, lang) or [{"": t("nothing", lang)}])
    elif view == "rejected":
        rejected_view(read_review_file(folder, REJECTED_FILE), store, editor, lang)
    elif view == "log":
        st.dataframe(log_rows(log, lang), hide_index=True, width="stretch")


def rejected_view(rows, store, editor, lang: str) -> None:
    labels = {
        "name": "col_name",
        "status": "col_action",
        "reason": "col_reason",
        "editor": "col_editor",
        "created_at": "col_time",
        "merged_into": "col_merged_into",
        "source": "col_plan",
        "quote": "col_quote",
        "id": "col_record",
    }

    def value(row, key):
        if key == "status" and row[key] in ("rejected", "merged"):
            return t(f"done_{row[key]}", lang)
        return row[key] or "—"

    shown = [{t(label, lang): value(r, k) for k, label in labels.items()} for r in rows]
    st.table(shown or [{"": t("nothing", lang)}])
    if not rows or editor is None:
        return
    with st.form("restore"):
        row = st.selectbox(
            t("restore_pick", lang), rows, index=None, format_func=lambda r: f"{r['name']} · {r['id']}"
        )
        if st.form_submit_button(t("restore", lang)) and row is not None:
            save(store, lambda: review.restore(row, editor), None, lang)


def orphan_rows(orphaned, lang: str) -> list[dict]:
    labels = {
        "orphaned_because": "col_why",
        "record_id": "col_record",
        "field": "col_field",
        "new_value": "col_new",
        "editor": "col_editor",
        "created_at": "col_time",
        "source": "col_plan",
        "quote": "col_quote",
    }
    return [{t(label, lang): row.get(key) or "—" for key, label in labels.items()} for row in orphaned]


def log_rows(log, lang: str) -> list[dict]:
    def text(v):
        return v if isinstance(v, str) or v is None else str(v)

    return [
        {
            t("col_time", lang): e.created_at,
            t("col_editor", lang): e.editor,
            t("col_record", lang): e.record_id,
            t("col_field", lang): field_label(e.field, lang),
            t("col_old", lang): text(e.old_value),
            t("col_new", lang): text(e.new_value),
            t("col_reason", lang): e.reason,
        }
        for e in reversed(log)
    ]


def queue_tab(queue, records, log, store, editor, lang: str) -> None:
    if not queue:
        st.success(t("queue_empty", lang))
        return
    kinds = [k for k in review.QUEUE_KINDS if any(i.kind == k for i in queue)]
    open_, close = (" (", ")") if lang == "en" else ("（", "）")
    kind = st.radio(
        t("queue_kind", lang),
        kinds,
        horizontal=True,
        format_func=lambda k: f"{queue_label(k, lang)}{open_}{sum(i.kind == k for i in queue)}{close}",
    )
    items = [i for i in queue if i.kind == kind]
    item = st.selectbox(
        t("queue_item", lang),
        items,
        format_func=lambda i: f"{i.name} · {i.source}",
        key=f"queue:{kind}:{len(items)}",
    )
    if item is None:
        return
    st.caption(editing.plain(item.detail_en if lang == "en" else item.detail))
    if item.record_id in records:
        record_panel(records[item.record_id], records, log, store, editor, lang)
    else:
        st.markdown(
            f"<blockquote>{review.highlight(item.quote, item.name)}</blockquote>", unsafe_allow_html=True
        )
        st.info(t("unplaced_hint", lang))


def search_tab(records, log, store, editor, lang: str) -> None:
    query = st.text_input(t("search_label", lang), key="search")
    found = [r for r in records.values() if query.strip() and query.strip() in (r["name"] or "")]
    if query.strip() and not found:
        st.warning(t("search_none", lang))
    record = st.selectbox(
        t("search_pick", lang),
        found,
        format_func=lambda r: f"{r['name']} · {r['source']}",
        key=f"search_pick:{query}",
    )
    if record is not None:
        record_panel(record, records, log, store, editor, lang)


main()

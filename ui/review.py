"""审核: the queue of what needs a person, each record with its sentence and place, and the actions
(confirm, reject, edit, set the site, merge, add a missed project). Browsing is open; acting needs an editor.
Every action is a row of the edit log (geo.store); the next build applies it (geo.edits)."""

from __future__ import annotations

import streamlit as st

from geo import review
from geo.edits import ORPHANED_FILE, REJECTED_FILE, read_review_file
from ui import editing, shell
from ui.review_record import add_tab, record_panel, save


def main() -> None:
    st.markdown("## 审核")
    store = editing.store()
    if store is None:
        return
    catalog = shell.current_catalog()
    editor = editing.sign_in(store)
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
        st.info(f"有 {pending} 条修改尚未应用到地图：重新生成目录后生效。")
    if editor and st.button("应用修改：重新生成目录", disabled=not pending):
        editing.start_rebuild()
    editing.build_status()
    views = {
        "queue": f"待审核（{len(queue)}）",
        "all": "全部项目",
        "add": "补录项目",
        "orphaned": f"孤立的修改（{len(orphaned)}）",
        "rejected": "已驳回/合并",
        "log": "修改记录",
    }
    # one view at a time, kept across reruns (tabs would jump back to the first one after every save)
    view = st.radio("视图", list(views), format_func=views.get, horizontal=True, key="review_view")
    if view == "queue":
        queue_tab(queue, records, log, store, editor)
    elif view == "all":
        search_tab(records, log, store, editor)
    elif view == "add":
        add_tab(catalog, store, editor)
    elif view == "orphaned":
        st.caption("记录或原文句子已不在目录中的修改：保留在修改记录里，恢复原文后会重新生效。")
        st.table(orphan_rows(orphaned) or [{"": "（无）"}])
    elif view == "rejected":
        rejected_view(read_review_file(folder, REJECTED_FILE), store, editor)
    elif view == "log":
        st.dataframe(log_rows(log), hide_index=True, width="stretch")


def rejected_view(rows, store, editor) -> None:
    labels = {
        "name": "名称",
        "status": "处理",
        "reason": "理由",
        "editor": "编辑",
        "created_at": "时间",
        "merged_into": "并入",
        "source": "规划",
        "quote": "原句",
        "id": "记录",
    }
    shown = [
        {
            label: ({"rejected": "驳回", "merged": "合并"}.get(r[k], r[k]) if k == "status" else r[k]) or "—"
            for k, label in labels.items()
        }
        for r in rows
    ]
    st.table(shown or [{"": "（无）"}])
    if not rows or editor is None:
        return
    with st.form("restore"):
        row = st.selectbox(
            "恢复一条（撤销驳回或合并）", rows, index=None, format_func=lambda r: f"{r['name']} · {r['id']}"
        )
        if st.form_submit_button("恢复") and row is not None:
            save(store, lambda: review.restore(row, editor), None)


def orphan_rows(orphaned) -> list[dict]:
    labels = {
        "orphaned_because": "原因",
        "record_id": "记录",
        "field": "字段",
        "new_value": "新值",
        "editor": "编辑",
        "created_at": "时间",
        "source": "规划",
        "quote": "原句",
    }
    return [{label: row.get(key) or "—" for key, label in labels.items()} for row in orphaned]


def log_rows(log) -> list[dict]:
    def text(v):
        return v if isinstance(v, str) or v is None else str(v)

    return [
        {
            "时间": e.created_at,
            "编辑": e.editor,
            "记录": e.record_id,
            "字段": review.FIELD_ZH.get(e.field, e.field),
            "原值": text(e.old_value),
            "新值": text(e.new_value),
            "理由": e.reason,
        }
        for e in reversed(log)
    ]


def queue_tab(queue, records, log, store, editor) -> None:
    if not queue:
        st.success("没有待审核的项目。")
        return
    kinds = [k for k in review.QUEUE_ZH if any(i.kind == k for i in queue)]
    kind = st.radio(
        "类别",
        kinds,
        horizontal=True,
        format_func=lambda k: f"{review.QUEUE_ZH[k]}（{sum(i.kind == k for i in queue)}）",
    )
    items = [i for i in queue if i.kind == kind]
    item = st.selectbox(
        "条目", items, format_func=lambda i: f"{i.name} · {i.source}", key=f"queue:{kind}:{len(items)}"
    )
    if item is None:
        return
    st.caption(editing.plain(item.detail))
    if item.record_id in records:
        record_panel(records[item.record_id], records, log, store, editor)
    else:
        st.markdown(
            f"<blockquote>{review.highlight(item.quote, item.name)}</blockquote>", unsafe_allow_html=True
        )
        st.info("这条未能定位，不在地图上：可在“补录项目”中从原文句子补录。")


def search_tab(records, log, store, editor) -> None:
    query = st.text_input("按名称查找", key="search")
    found = [r for r in records.values() if query.strip() and query.strip() in (r["name"] or "")]
    if query.strip() and not found:
        st.warning("没有名称含此文字的项目。")
    record = st.selectbox(
        "项目", found, format_func=lambda r: f"{r['name']} · {r['source']}", key=f"search_pick:{query}"
    )
    if record is not None:
        record_panel(record, records, log, store, editor)


main()

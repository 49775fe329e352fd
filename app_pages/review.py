"""审核: the queue of what needs a person, each record with its sentence and place, and the actions
(confirm, reject, edit, set the site, merge, add a missed project). Browsing is open; acting needs an editor.
Every action is a row of the edit log (geo.store); the next build applies it (geo.edits)."""

from __future__ import annotations

import html

import streamlit as st

from app_pages import session
from geo import review
from geo.cli import UserError
from geo.edits import ORPHANED_FILE, REJECTED_FILE, read_review_file
from geo.store import ConflictError
from geo.vocab import CATEGORIES

STATUS_ZH = {"unreviewed": "未审核", "confirmed": "已确认", "edited": "已修改", "added": "人工补录"}
PRECISION_ZH = {
    "site": "场址",
    "township": "乡镇",
    "county": "区县",
    "city": "市",
    "region": "区域",
    "province": "省",
}


def main() -> None:
    st.title("审核")
    store = session.store()
    catalog = session.catalog() if store is not None else None
    if catalog is None:
        return
    editor = session.sign_in(store)
    log = store.edits()
    folder = session.catalog_dir()
    records = {r["id"]: r for r in catalog.projects.to_dict("records")}
    queue = review.review_queue(
        catalog.projects, read_review_file(folder, "unresolved.csv"), log, store.plans()
    )
    orphaned = read_review_file(folder, ORPHANED_FILE)
    session.show_flash()
    pending = sum(1 for e in log if e.created_at > (catalog.built_at or ""))
    if pending:
        st.info(f"有 {pending} 条修改尚未应用到地图：重新生成目录后生效。")
    if editor and st.button("应用修改：重新生成目录", disabled=not pending):
        session.start_rebuild()
    session.build_status()
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
        st.table(read_review_file(folder, REJECTED_FILE) or [{"": "（无）"}])
    elif view == "log":
        st.dataframe(log_rows(log), hide_index=True, width="stretch")


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
    st.caption(session.plain(item.detail))
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


def record_panel(record, records, log, store, editor) -> None:
    rid = record["id"]
    seen_key = f"seen:{rid}"
    seen = st.session_state.setdefault(seen_key, review.current_values(record, log))
    where = record["county"] or record["city"] or record["province"]
    status = STATUS_ZH.get(record["review_status"], record["review_status"])
    st.markdown(
        f"<b>{html.escape(record['name'])}</b> · {html.escape(record['category_zh'] or '')} · {html.escape(where or '')}"
        f"（{PRECISION_ZH.get(record['precision'], '')}） · {status}",
        unsafe_allow_html=True,
    )
    st.markdown(
        f"<blockquote>{review.highlight(record['quote'], record['name'])}</blockquote>",
        unsafe_allow_html=True,
    )
    st.caption(f"{session.plain(record['source'])} · {session.plain(record['section'] or '')} · id {rid}")
    point = record["geometry"].representative_point()
    clicked = session.pick_point(
        point.x,
        point.y,
        record["county_adcode"] or record["city_adcode"],
        key=f"pick:{rid}",
        hint=record["location_note"] or "",
    )
    if editor is None:
        st.info("登录后可确认、驳回或修改。")
        return
    c1, c2 = st.columns(2)
    if c1.button("确认无误", key=f"confirm:{rid}"):
        save(store, lambda: review.confirm(record, seen, editor), seen_key)
    with c2.popover("驳回（不是项目）"):
        reason = st.text_input("理由", key=f"reject_reason:{rid}")
        if st.button("驳回", key=f"reject:{rid}"):
            save(store, lambda: review.reject(record, seen, editor, reason), seen_key)
    edit_form(record, seen, seen_key, store, editor)
    with st.form(f"site:{rid}"):
        st.markdown("**场址点位**（在上图点击选点，或直接填写经纬度）")
        lon = st.text_input("经度", value=str(clicked["lon"]) if clicked else "")
        lat = st.text_input("纬度", value=str(clicked["lat"]) if clicked else "")
        if st.form_submit_button("保存场址"):
            save(store, lambda: review.set_site(record, seen, lon, lat, editor), seen_key)
    with st.form(f"merge:{rid}"):
        st.markdown("**合并**：本记录并入另一条（本条从地图上移除，原文句子并入对方）")
        others = [r for r in records.values() if r["id"] != rid]
        into = st.selectbox(
            "并入", others, index=None, format_func=lambda r: f"{r['name']} · {r['source']} · {r['id']}"
        )
        reason = st.text_input("理由（可选）", key=f"merge_reason:{rid}")
        if st.form_submit_button("合并"):
            save(
                store,
                lambda: review.merge(record, seen, into["id"] if into else "", editor, reason),
                seen_key,
            )


def edit_form(record, seen, seen_key, store, editor) -> None:
    """One form over the editable fields, filled with what the editor sees; each changed field is one edit."""
    rid = record["id"]
    shown = {f: seen.get(f) or "" for f in review.EDITABLE}
    shown["county"] = review.county_name(seen.get("county")) or ""
    codes = list(CATEGORIES)
    with st.form(f"edit:{rid}"):
        st.markdown("**修改**（只保存改动过的字段）")
        given = {
            "name": st.text_input("名称", value=shown["name"]),
            "category": st.selectbox(
                "类别",
                codes,
                index=codes.index(shown["category"]) if shown["category"] in codes else None,
                format_func=lambda c: CATEGORIES[c][0],
            ),
            "owner": st.text_input("业主", value=shown["owner"]),
            "capacity": st.text_input("容量（如 400万千瓦、200 MW）", value=shown["capacity"]),
            "county": st.text_input("区县（名称或代码）", value=shown["county"]),
            "township": st.text_input("乡镇", value=shown["township"]),
        }
        reason = st.text_input("理由（可选）", key=f"edit_reason:{rid}")
        if not st.form_submit_button("保存修改"):
            return
    changed = [f for f in review.EDITABLE if (given[f] or "").strip() != str(shown[f]).strip()]
    if not changed:
        st.warning("没有改动。")
        return
    save(
        store, lambda: review.changes(record, seen, {f: given[f] for f in changed}, editor, reason), seen_key
    )


def add_tab(catalog, store, editor) -> None:
    from geo.ingest import read_plan

    if editor is None:
        st.info("登录后可补录项目。")
        return
    sources = [s["source"] for s in catalog.sources]
    with st.form("add_project"):
        source = st.selectbox("规划文件", sources)
        quote = st.text_area("原文句子（从规划中复制整句）")
        name = st.text_input("项目名称")
        category = st.selectbox("类别", list(CATEGORIES), format_func=lambda c: CATEGORIES[c][0])
        county = st.text_input("区县（名称或代码）")
        capacity = st.text_input("容量（可选，如 400万千瓦）")
        owner = st.text_input("业主（可选）")
        if not st.form_submit_button("补录"):
            return
    try:
        text = read_plan(session.plans_dir() / source).text
    except UserError as exc:
        st.error(session.plain(exc))
        return
    fields = {"name": name, "category": category, "county": county, "capacity": capacity, "owner": owner}
    save(store, lambda: review.add_project(source, text, quote, fields, editor), None)


def save(store, make_edits, seen_key: str | None) -> None:
    """Check the input, log the edit(s); a clear message (nothing stored) on bad input or a conflict."""
    try:
        made = make_edits()
        made = made if isinstance(made, list) else [made]
        for edit in made:
            store.append_edit(edit)
    except ConflictError as exc:
        st.error(session.plain(exc))
        if seen_key:
            st.session_state.pop(seen_key, None)  # show the current values on the next run
        return
    except UserError as exc:
        st.error(session.plain(exc))
        return
    if seen_key:
        st.session_state.pop(seen_key, None)
    fields = "、".join(review.FIELD_ZH.get(e.field, e.field) for e in made)
    session.flash(f"已保存（{fields}），重新生成目录后生效")
    st.rerun()


main()

"""One record on the 审核 page: its sentence with the name highlighted, its place on a small map, and the actions
(confirm, reject, edit, set the site, merge) and adding a missed project. Every action is checked by geo.review
and logged in the store; bad input or a conflict is a message and nothing is stored."""

from __future__ import annotations

import html

import streamlit as st

from geo import review
from geo.cli import UserError
from geo.i18n import precision_label, status_label, t
from geo.store import ConflictError
from geo.vocab import CATEGORIES
from ui import editing


def record_panel(record, records, log, store, editor) -> None:
    rid = record["id"]
    seen_key = f"seen:{rid}"
    seen = st.session_state.setdefault(seen_key, review.current_values(record, log))
    where = record["county"] or record["city"] or record["province"]
    status = t(f"review_{record['review_status']}")
    st.markdown(
        f"<b>{html.escape(record['name'])}</b> · {html.escape(record['category_zh'] or '')} · {html.escape(where or '')}"
        f"（{precision_label(record['precision'])}） · {status}",
        unsafe_allow_html=True,
    )
    st.markdown(
        f"<blockquote>{review.highlight(record['quote'], record['name'])}</blockquote>",
        unsafe_allow_html=True,
    )
    st.caption(f"{editing.plain(record['source'])} · {editing.plain(record['section'] or '')} · id {rid}")
    point = record["geometry"].representative_point()
    clicked = editing.pick_point(
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
        others = review.merge_candidates(record, records.values())
        into = st.selectbox(
            "并入（同名、同区县的记录）",
            others,
            index=None,
            format_func=lambda r: f"{r['name']} · {r['source']} · {r['id']}",
        )
        typed = st.text_input("或填写记录 id", key=f"merge_id:{rid}")
        reason = st.text_input("理由（可选）", key=f"merge_reason:{rid}")
        if st.form_submit_button("合并"):
            target = typed.strip() or (into["id"] if into else "")
            if target and target not in records:
                st.error(f"没有 id 为 {editing.plain(target)} 的记录")
                return
            save(store, lambda: review.merge(record, seen, target, editor, reason), seen_key)


def edit_form(record, seen, seen_key, store, editor) -> None:
    """One form over the editable fields, filled with what the editor sees; each changed field is one edit."""
    rid = record["id"]
    shown = {f: seen.get(f) or "" for f in review.EDITABLE}
    shown["county"] = review.county_name(seen.get("county")) or ""
    codes = list(CATEGORIES)
    statuses = ["", *review.STAGES]
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
            "status": st.selectbox(
                "阶段",
                statuses,
                index=statuses.index(shown["status"]) if shown["status"] in statuses else 0,
                format_func=lambda c: status_label(c) if c else "—",
            ),
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
        text = read_plan(editing.plans_dir() / source).text
    except UserError as exc:
        st.error(editing.plain(exc))
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
        st.error(editing.plain(exc))
        if seen_key:
            st.session_state.pop(seen_key, None)  # show the current values on the next run
        return
    except UserError as exc:
        st.error(editing.plain(exc))
        return
    if seen_key:
        st.session_state.pop(seen_key, None)
    fields = "、".join(review.FIELD_ZH.get(e.field, e.field) for e in made)
    editing.flash(f"已保存（{fields}），重新生成目录后生效")
    st.rerun()

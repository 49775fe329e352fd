"""规划文件: the plans the catalog is built from. Browsing is open; adding and removing files needs an editor.
Adding or removing starts a background rebuild; the map keeps the previous catalog until the new one is done."""

from __future__ import annotations

import streamlit as st

from geo.cli import UserError
from geo.plans import plan_rows, remove_plan, restore_missing, upload_plan
from ui import editing, shell

COLUMNS = {
    "file": "文件",
    "kind": "类型",
    "title": "标题",
    "region": "地区",
    "date": "日期",
    "projects": "项目数",
    "added_by": "添加人",
    "added_at": "添加时间（UTC）",
    "size_kb": "大小（KB）",
    "problem": "问题",
}


def main() -> None:
    st.markdown("## 规划文件")
    store = editing.store()
    if store is None:
        return
    editor = editing.sign_in(store)
    folder = editing.plans_dir()
    if restore_missing(store, folder):  # plans another app instance registered in a shared store
        editing.start_rebuild()
    rows = plan_rows(store, folder, shell.current_catalog().report)
    st.caption(f"{len(rows)} 份文件，目录生成自 {editing.plain(folder)}")
    if rows:  # a plain table: a few dozen files, readable text (the data grid draws on a canvas)
        st.table([{label: "—" if r[k] is None else str(r[k]) for k, label in COLUMNS.items()} for r in rows])
    editing.show_flash()
    editing.build_status()
    if editor is None:
        st.info("登录后可上传或删除规划文件。")
        return
    upload_form(store, folder, editor)
    remove_form(store, folder, editor, [r["file"] for r in rows])


def upload_form(store, folder, editor: str) -> None:
    with st.form("upload", clear_on_submit=True):
        st.subheader("上传规划或新闻")
        files = st.file_uploader(
            "上传 .txt / .docx / .pdf（与命令行相同的读取规则和大小限制）",
            type=["txt", "docx", "pdf"],
            accept_multiple_files=True,
        )
        if not st.form_submit_button("上传并重新生成目录"):
            return
    if not files:
        st.warning("请先选择文件。")
        return
    added = 0
    for f in files:
        try:
            upload_plan(store, folder, f.name, f, editor)
            added += 1
            editing.flash(f"已添加 {editing.plain(f.name)}，正在重新生成目录")
        except UserError as exc:
            st.error(f"未添加：{editing.plain(exc)}")
    if added:
        editing.start_rebuild()
        st.rerun()


def remove_form(store, folder, editor: str, names: list[str]) -> None:
    with st.form("remove"):
        st.subheader("删除规划文件")
        name = st.selectbox("文件", names, index=None, placeholder="选择文件")
        sure = st.checkbox("确认删除（文件仍保存在审核库中，可恢复）")
        if not st.form_submit_button("删除并重新生成目录"):
            return
    if not name or not sure:
        st.warning("请选择文件并勾选确认。")
        return
    try:
        remove_plan(store, folder, name, editor)
    except UserError as exc:
        st.error(f"未删除：{editing.plain(exc)}")
        return
    editing.flash(f"已删除 {editing.plain(name)}，正在重新生成目录")
    editing.start_rebuild()
    st.rerun()


main()

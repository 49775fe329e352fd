"""Labels of the 规划文件 (plans) and 审核 (review) pages in Chinese and English, beside geo.i18n's map labels.

    t("sign_in", "en") -> "Sign in"          (geo.i18n.t looks here too; keys are distinct from its LABELS)
    field_label("county", "en") -> "County"  queue_label("coarse", "en")  stage_label("geocoding", "zh")

Values that are data (place, project, plan, unit and editor names, quotes, reasons) are shown as written.
"""

from __future__ import annotations

REVIEW_LABELS: dict[str, tuple[str, str]] = {
    # sign-in, store, build status (ui/editing.py)
    "store_error": ("无法打开审核库：{err}", "Cannot open the review store: {err}"),
    "signed_in_as": ("已登录编辑：{name}", "Signed in as {name}"),
    "sign_out": ("退出登录", "Sign out"),
    "no_editors": (
        "还没有编辑账号。请在命令行创建：`python -m geo editor add 姓名`",
        "No editor accounts yet. Create one on the command line: `python -m geo editor add NAME`",
    ),
    "sign_in_title": ("编辑登录（浏览无需登录）", "Editor sign-in (browsing needs none)"),
    "editor_name": ("编辑名", "Editor name"),
    "password": ("密码", "Password"),
    "sign_in": ("登录", "Sign in"),
    "bad_login": ("编辑名或密码不对", "Wrong editor name or password"),
    "session_note": (
        "本浏览器自登录起 {hours} 小时内保持登录（刷新或新标签页无需重新登录）。",
        "This browser stays signed in for {hours} hours from sign-in (across a refresh or a new tab).",
    ),
    "build_running": (
        "正在重新生成目录：{stage}（地图仍显示上一版）",
        "Rebuilding the catalog: {stage} (the map still shows the previous one)",
    ),
    "build_done": ("目录已重新生成。", "The catalog has been rebuilt."),
    "build_error": (
        "重新生成失败，地图仍显示上一版：\n\n{err}",
        "The rebuild failed; the map still shows the previous catalog:\n\n{err}",
    ),
    # 规划文件 (ui/plans.py)
    "plans_caption": ("{n} 份文件，目录生成自 {folder}", "{n} files; the catalog is built from {folder}"),
    "plans_sign_in": ("登录后可上传或删除规划文件。", "Sign in to upload or remove plan files."),
    "plan_col_file": ("文件", "File"),
    "plan_col_kind": ("类型", "Type"),
    "plan_col_title": ("标题", "Title"),
    "plan_col_region": ("地区", "Region"),
    "plan_col_date": ("日期", "Date"),
    "plan_col_projects": ("项目数", "Projects"),
    "plan_col_added_by": ("添加人", "Added by"),
    "plan_col_added_at": ("添加时间（UTC）", "Added (UTC)"),
    "plan_col_size_kb": ("大小（KB）", "Size (KB)"),
    "plan_col_problem": ("问题", "Problem"),
    "plan_not_built": ("尚未生成（下次生成目录时读取）", "not built yet (read by the next build)"),
    "upload_title": ("上传规划或新闻", "Upload a plan or news"),
    "upload_label": (
        "上传 .txt / .docx / .pdf（与命令行相同的读取规则和大小限制）",
        "Upload .txt / .docx / .pdf (the command line's reading rules and size limits)",
    ),
    "upload_button": ("上传并重新生成目录", "Upload and rebuild the catalog"),
    "upload_none": ("请先选择文件。", "Choose a file first."),
    "upload_added": ("已添加 {name}，正在重新生成目录", "Added {name}; rebuilding the catalog"),
    "upload_refused": ("未添加：{err}", "Not added: {err}"),
    "remove_title": ("删除规划文件", "Remove a plan file"),
    "remove_file": ("文件", "File"),
    "remove_placeholder": ("选择文件", "Choose a file"),
    "remove_sure": (
        "确认删除（文件仍保存在审核库中，可恢复）",
        "Yes, remove it (the file stays in the review store and can be restored)",
    ),
    "remove_button": ("删除并重新生成目录", "Remove and rebuild the catalog"),
    "remove_incomplete": ("请选择文件并勾选确认。", "Choose a file and tick the confirmation."),
    "remove_refused": ("未删除：{err}", "Not removed: {err}"),
    "removed": ("已删除 {name}，正在重新生成目录", "Removed {name}; rebuilding the catalog"),
    # 审核 (ui/review.py)
    "pending_edits": (
        "有 {n} 条修改尚未应用到地图：重新生成目录后生效。",
        "{n} edits are not on the map yet: they apply when the catalog is rebuilt.",
    ),
    "apply_edits": ("应用修改：重新生成目录", "Apply the edits: rebuild the catalog"),
    "view": ("视图", "View"),
    "view_queue": ("待审核（{n}）", "To review ({n})"),
    "view_all": ("全部项目", "All projects"),
    "view_add": ("补录项目", "Add a project"),
    "view_orphaned": ("孤立的修改（{n}）", "Orphaned edits ({n})"),
    "view_rejected": ("已驳回/合并", "Rejected / merged"),
    "view_log": ("修改记录", "Edit log"),
    "orphaned_note": (
        "记录或原文句子已不在目录中的修改：保留在修改记录里，恢复原文后会重新生效。",
        "Edits whose record or sentence is no longer in the catalog: they stay in the edit log and apply "
        "again when the text comes back.",
    ),
    "nothing": ("（无）", "(none)"),
    "col_name": ("名称", "Name"),
    "col_action": ("处理", "Action"),
    "col_reason": ("理由", "Reason"),
    "col_editor": ("编辑", "Editor"),
    "col_time": ("时间", "Time"),
    "col_merged_into": ("并入", "Merged into"),
    "col_plan": ("规划", "Plan"),
    "col_quote": ("原句", "Sentence"),
    "col_record": ("记录", "Record"),
    "col_why": ("原因", "Why"),
    "col_field": ("字段", "Field"),
    "col_old": ("原值", "Old value"),
    "col_new": ("新值", "New value"),
    "done_rejected": ("驳回", "rejected"),
    "done_merged": ("合并", "merged"),
    "restore_pick": ("恢复一条（撤销驳回或合并）", "Restore one (undo a rejection or a merge)"),
    "restore": ("恢复", "Restore"),
    "queue_empty": ("没有待审核的项目。", "Nothing to review."),
    "queue_kind": ("类别", "Kind"),
    "queue_item": ("条目", "Item"),
    "unplaced_hint": (
        "这条未能定位，不在地图上：可在“补录项目”中从原文句子补录。",
        "This one could not be placed and is not on the map: add it from its sentence under “Add a project”.",
    ),
    "search_label": ("按名称查找", "Find by name"),
    "search_none": ("没有名称含此文字的项目。", "No project name contains this text."),
    "search_pick": ("项目", "Project"),
    # one record (ui/review_record.py)
    "sign_in_to_edit": ("登录后可确认、驳回或修改。", "Sign in to confirm, reject or edit."),
    "confirm": ("确认无误", "Confirm"),
    "reject_open": ("驳回（不是项目）", "Reject (not a project)"),
    "reason": ("理由", "Reason"),
    "reject": ("驳回", "Reject"),
    "site_title": (
        "**场址点位**（在上图点击选点，或直接填写经纬度）",
        "**Site** (click the map above, or type the longitude and latitude)",
    ),
    "lon": ("经度", "Longitude"),
    "lat": ("纬度", "Latitude"),
    "save_site": ("保存场址", "Save the site"),
    "merge_title": (
        "**合并**：本记录并入另一条（本条从地图上移除，原文句子并入对方）",
        "**Merge**: this record joins another one (it leaves the map; its sentence joins the other's)",
    ),
    "merge_into": ("并入（同名、同区县的记录）", "Merge into (records of the same name or county)"),
    "merge_id": ("或填写记录 id", "or type a record id"),
    "reason_optional": ("理由（可选）", "Reason (optional)"),
    "merge": ("合并", "Merge"),
    "merge_unknown": ("没有 id 为 {id} 的记录", "No record has the id {id}"),
    "edit_title": ("**修改**（只保存改动过的字段）", "**Edit** (only the fields you change are saved)"),
    "edit_name": ("名称", "Name"),
    "edit_capacity": ("容量（如 400万千瓦、200 MW）", "Capacity (e.g. 400万千瓦, 200 MW)"),
    "edit_stage": ("阶段", "Stage"),
    "edit_county": ("区县（名称或代码）", "County (name or code)"),
    "save_edit": ("保存修改", "Save the edits"),
    "no_change": ("没有改动。", "Nothing changed."),
    "sign_in_to_add": ("登录后可补录项目。", "Sign in to add projects."),
    "add_source": ("规划文件", "Plan file"),
    "add_quote": ("原文句子（从规划中复制整句）", "Sentence (copy the whole sentence from the plan)"),
    "add_name": ("项目名称", "Project name"),
    "add_capacity": ("容量（可选，如 400万千瓦）", "Capacity (optional, e.g. 400万千瓦)"),
    "add_owner": ("业主（可选）", "Owner (optional)"),
    "add_button": ("补录", "Add the project"),
    "saved": (
        "已保存（{fields}），重新生成目录后生效",
        "Saved ({fields}); applies when the catalog is rebuilt",
    ),
}

# the fields of the edit log (geo.review, geo.edits) and of its forms
FIELD_LABELS: dict[str, tuple[str, str]] = {
    "name": ("名称", "name"),
    "category": ("类别", "category"),
    "owner": ("业主", "owner"),
    "capacity": ("容量", "capacity"),
    "status": ("阶段", "stage"),
    "county": ("区县", "county"),
    "township": ("乡镇", "township"),
    "site": ("场址点位", "site"),
    "review": ("审核", "review"),
    "merged_into": ("合并", "merge"),
    "record": ("补录", "added project"),
    "reason": ("理由", "reason"),
    "reject_reason": ("驳回理由", "reason for rejecting"),
    "quote": ("原文句子", "sentence"),
}

# the kinds of the review queue (geo.review.review_queue), in the order the page lists them
QUEUE_LABELS: dict[str, tuple[str, str]] = {
    "coarse": ("仅定位到市/省", "placed only at city or province"),
    "unresolved": ("未能定位", "could not be placed"),
    "duplicate": ("疑似重复", "possible duplicates"),
    "new": ("新增规划的项目", "projects of new plans"),
}

# the stages of a background build (geo.rebuild, as `python -m geo build` names them on its progress bar)
STAGE_LABELS: dict[str, tuple[str, str]] = {
    "starting": ("启动", "starting"),
    "reading plans": ("读取规划文件", "reading plans"),
    "loading layers and gazetteer": ("加载边界和地名库", "loading layers and gazetteer"),
    "extracting projects": ("抽取项目", "extracting projects"),
    "geocoding": ("定位", "geocoding"),
    "writing the catalog": ("写出目录", "writing the catalog"),
}


def _pick(table: dict[str, tuple[str, str]], code: str | None, lang: str) -> str:
    pair = table.get(code or "")
    if pair is None:
        return code or ""
    return pair[1] if lang == "en" else pair[0]


def field_label(code: str | None, lang: str = "zh") -> str:
    return _pick(FIELD_LABELS, code, lang)


def queue_label(kind: str | None, lang: str = "zh") -> str:
    return _pick(QUEUE_LABELS, kind, lang)


def stage_label(stage: str | None, lang: str = "zh") -> str:
    return _pick(STAGE_LABELS, stage, lang)


def list_sep(lang: str) -> str:
    """How a list of names is joined: 、 in Chinese, ", " in English."""
    return ", " if lang == "en" else "、"

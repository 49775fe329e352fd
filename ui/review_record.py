"""One record on the 审核 page: its sentence with the name highlighted, its place on a small map, and the actions
(confirm, reject, edit, set the site, merge) and adding a missed project. Every action is checked by geo.review
and logged in the store; bad input or a conflict is a message and nothing is stored."""

from __future__ import annotations

import html

import streamlit as st

from geo import review
from geo.cli import UserError
from geo.i18n import category_label, location_note_label, precision_label, status_label, t
from geo.i18n_review import field_label, list_sep
from geo.store import ConflictError
from geo.vocab import CATEGORIES
from ui import editing


def record_panel(record, records, log, store, editor, lang: str) -> None:
    rid = record["id"]
    seen_key = f"seen:{rid}"
    seen = st.session_state.setdefault(seen_key, review.current_values(record, log))
    where = record["county"] or record["city"] or record["province"]
    status = t(f"review_{record['review_status']}", lang)
    precision = precision_label(record["precision"], lang)
    precision = f" ({precision})" if lang == "en" else f"（{precision}）"
    category = category_label(record["category"], lang)
    st.markdown(
        f"<b>{html.escape(record['name'])}</b> · {html.escape(category)} · {html.escape(where or '')}"
        f"{html.escape(precision)} · {status}",
        unsafe_allow_html=True,
    )
    st.markdown(
        f"<blockquote>{review.highlight(record['quote'], record['name'])}</blockquote>",
        unsafe_allow_html=True,
    )
    st.caption(f"{editing.plain(record['source'])} · {editing.plain(record['section'] or '')} · id {rid}")
    point, note = record["geometry"].representative_point(), record["location_note"]
    clicked = editing.pick_point(
        point.x,
        point.y,
        record["county_adcode"] or record["city_adcode"],
        key=f"pick:{rid}",
        hint=location_note_label(note if isinstance(note, str) else "", lang),
    )
    if editor is None:
        st.info(t("sign_in_to_edit", lang))
        return
    c1, c2 = st.columns(2)
    if c1.button(t("confirm", lang), key=f"confirm:{rid}"):
        save(store, lambda: review.confirm(record, seen, editor), seen_key, lang)
    with c2.popover(t("reject_open", lang)):
        reason = st.text_input(t("reason", lang), key=f"reject_reason:{rid}")
        if st.button(t("reject", lang), key=f"reject:{rid}"):
            save(store, lambda: review.reject(record, seen, editor, reason), seen_key, lang)
    edit_form(record, seen, seen_key, store, editor, lang)
    with st.form(f"site:{rid}"):
        st.markdown(t("site_title", lang))
        lon = st.text_input(t("lon", lang), value=str(clicked["lon"]) if clicked else "")
        lat = st.text_input(t("lat", lang), value=str(clicked["lat"]) if clicked else "")
        if st.form_submit_button(t("save_site", lang)):
            save(store, lambda: review.set_site(record, seen, lon, lat, editor), seen_key, lang)
    with st.form(f"merge:{rid}"):
        st.markdown(t("merge_title", lang))
        others = review.merge_candidates(record, records.values())
        into = st.selectbox(
            t("merge_into", lang),
            others,
            index=None,
            format_func=lambda r: f"{r['name']} · {r['source']} · {r['id']}",
        )
        typed = st.text_input(t("merge_id", lang), key=f"merge_id:{rid}")
        reason = st.text_input(t("reason_optional", lang), key=f"merge_reason:{rid}")
        if st.form_submit_button(t("merge", lang)):
            target = typed.strip() or (into["id"] if into else "")
            if target and target not in records:
                st.error(t("merge_unknown", lang, id=editing.plain(target)))
                return
            save(store, lambda: review.merge(record, seen, target, editor, reason), seen_key, lang)


def edit_form(record, seen, seen_key, store, editor, lang: str) -> None:
    """One form over the editable fields, filled with what the editor sees; each changed field is one edit."""
    rid = record["id"]
    shown = {f: seen.get(f) or "" for f in review.EDITABLE}
    shown["county"] = review.county_name(seen.get("county")) or ""
    codes = list(CATEGORIES)
    statuses = ["", *review.STAGES]
    with st.form(f"edit:{rid}"):
        st.markdown(t("edit_title", lang))
        given = {
            "name": st.text_input(t("edit_name", lang), value=shown["name"]),
            "category": st.selectbox(
                t("category", lang),
                codes,
                index=codes.index(shown["category"]) if shown["category"] in codes else None,
                format_func=lambda c: category_label(c, lang),
            ),
            "owner": st.text_input(t("owner", lang), value=shown["owner"]),
            "capacity": st.text_input(t("edit_capacity", lang), value=shown["capacity"]),
            "status": st.selectbox(
                t("edit_stage", lang),
                statuses,
                index=statuses.index(shown["status"]) if shown["status"] in statuses else 0,
                format_func=lambda c: status_label(c, lang) if c else "—",
            ),
            "county": st.text_input(t("edit_county", lang), value=shown["county"]),
            "township": st.text_input(t("township", lang), value=shown["township"]),
        }
        reason = st.text_input(t("reason_optional", lang), key=f"edit_reason:{rid}")
        if not st.form_submit_button(t("save_edit", lang)):
            return
    changed = [f for f in review.EDITABLE if (given[f] or "").strip() != str(shown[f]).strip()]
    if not changed:
        st.warning(t("no_change", lang))
        return
    save(
        store,
        lambda: review.changes(record, seen, {f: given[f] for f in changed}, editor, reason),
        seen_key,
        lang,
    )


def add_tab(catalog, store, editor, lang: str) -> None:
    from geo.ingest import read_plan

    if editor is None:
        st.info(t("sign_in_to_add", lang))
        return
    sources = [s["source"] for s in catalog.sources]
    with st.form("add_project"):
        source = st.selectbox(t("add_source", lang), sources)
        quote = st.text_area(t("add_quote", lang))
        name = st.text_input(t("add_name", lang))
        category = st.selectbox(
            t("category", lang), list(CATEGORIES), format_func=lambda c: category_label(c, lang)
        )
        county = st.text_input(t("edit_county", lang))
        capacity = st.text_input(t("add_capacity", lang))
        owner = st.text_input(t("add_owner", lang))
        if not st.form_submit_button(t("add_button", lang)):
            return
    try:
        text = read_plan(editing.plans_dir() / source).text
    except UserError as exc:
        st.error(editing.error_text(exc, lang))
        return
    fields = {"name": name, "category": category, "county": county, "capacity": capacity, "owner": owner}
    save(store, lambda: review.add_project(source, text, quote, fields, editor), None, lang)


def save(store, make_edits, seen_key: str | None, lang: str) -> None:
    """Check the input, log the edit(s); a clear message (nothing stored) on bad input or a conflict."""
    try:
        made = make_edits()
        made = made if isinstance(made, list) else [made]
        for edit in made:
            store.append_edit(edit)
    except ConflictError as exc:
        st.error(editing.error_text(exc, lang))
        if seen_key:
            st.session_state.pop(seen_key, None)  # show the current values on the next run
        return
    except UserError as exc:
        st.error(editing.error_text(exc, lang))
        return
    if seen_key:
        st.session_state.pop(seen_key, None)
    fields = list_sep(lang).join(field_label(e.field, lang) for e in made)
    editing.flash(t("saved", lang, fields=fields))
    st.rerun()

"""What the 规划文件 and 审核 pages share: the plans folder, the review store, the editor sign-in (kept across
a refresh by a session cookie, geo.sessions), the background build's progress and the small point-picking map. Widgets only; the work is in the package
(geo.store, geo.plans, geo.rebuild); the catalog comes from ui/shell.py like on every page."""

from __future__ import annotations

import json
import os
import secrets
import time
from functools import cache
from pathlib import Path

import streamlit as st

import geo
from geo import sessions
from geo.i18n import t
from geo.i18n_review import stage_label
from geo.rebuild import current_build, start_build
from geo.review import ReviewError
from geo.store import Store, StoreError, default_url
from ui import shell

PLANS_ENV = "SDCARBON_PLANS_DIR"  # the plans the app's catalog is built from (default seeds/)
STATIC_DIR = geo.REPO_ROOT / "static"
_MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>~:$&")


def plans_dir() -> Path:
    return Path(os.environ.get(PLANS_ENV, "").strip() or geo.SEEDS_DIR)


def plain(text) -> str:
    """Text from a file or a user shown literally inside Streamlit markdown (st.error, st.success ...)."""
    return "".join("\\" + c if c in _MD_SPECIAL else c for c in str(text))


@st.cache_resource(show_spinner=False)
def _open_store(url: str) -> Store:
    return Store.open(url)


def error_text(exc: Exception, lang: str) -> str:
    """A refused input's message in the page's language (geo.review's come in both; others as written)."""
    return plain(exc.text(lang) if isinstance(exc, ReviewError) else exc)


def store(lang: str) -> Store | None:
    try:
        return _open_store(default_url())
    except StoreError as exc:
        st.error(t("store_error", lang, err=plain(exc)))
        return None


def catalog_dir() -> Path:
    return shell.catalog_dir()[0]


def editor() -> str | None:
    return st.session_state.get("editor")


def _cookie_token() -> str | None:
    try:
        return st.context.cookies.get(sessions.COOKIE)
    except Exception:  # no browser request behind this run (AppTest)
        return None


def signed_in_editor(s: Store) -> str | None:
    """The editor of this browser: signed in in this session (and not signed out or expired since, in any
    tab), or by the session cookie of an earlier page load (geo.sessions)."""
    ss = st.session_state
    sid = ss.get("session_id")
    if sid is not None and not sessions.alive(s, sid):
        for key in ("editor", "session_id"):
            ss.pop(key, None)
    if editor() is None:
        found = sessions.editor_for(s, _cookie_token())
        if found:
            ss["session_id"], ss["editor"] = found
    return editor()


def _cookie_action(**action) -> None:
    st.session_state["_cookie_action"] = {"id": secrets.token_hex(8), **action}


@cache
def _session_component():
    import streamlit.components.v1 as components

    return components.declare_component("sdcarbon_session", path=str(STATIC_DIR / "session"))


def session_cookie() -> None:
    """The invisible component that has the app's route set or clear the cookie (static/session)."""
    ss = st.session_state
    action = ss.get("_cookie_action")
    try:
        done = _session_component()(action=action, key="session_cookie", default=None)
    except Exception:  # no Streamlit runtime
        return
    if action and isinstance(done, dict) and done.get("id") == action["id"]:
        ss.pop("_cookie_action", None)


def sign_in(s: Store, lang: str) -> str | None:
    """The sidebar's sign-in box; returns the signed-in editor. Browsing needs no sign-in."""
    with st.sidebar:
        try:
            name = _sign_in_box(s, lang)
        except StoreError as exc:  # e.g. a bad SDCARBON_SESSION_HOURS
            st.error(plain(exc))
            name = None
        session_cookie()  # last: its (empty) frame adds no gap between the widgets
    return name


def _sign_in_box(s: Store, lang: str) -> str | None:
    ss = st.session_state
    name = signed_in_editor(s)
    if name:
        st.caption(t("signed_in_as", lang, name=plain(name)))
        if st.button(t("sign_out", lang), key="sign_out"):
            if ss.get("session_id"):
                sessions.end(s, ss["session_id"])
            for key in ("editor", "session_id"):
                ss.pop(key, None)
            _cookie_action(end=True)
            st.rerun()
        st.caption(t("session_note", lang, hours=f"{sessions.lifetime().total_seconds() / 3600:g}"))
        return name
    if not s.editor_names():
        st.info(t("no_editors", lang))
        return None
    with st.form("sign_in"):
        st.caption(t("sign_in_title", lang))
        user = st.text_input(t("editor_name", lang))
        password = st.text_input(t("password", lang), type="password")
        if st.form_submit_button(t("sign_in", lang)):
            if s.check_password(user, password):
                sid, grant = sessions.begin(s, user.strip())
                ss["editor"], ss["session_id"] = user.strip(), sid
                _cookie_action(grant=grant)
                st.rerun()
            time.sleep(1)  # slows down password guessing
            st.error(t("bad_login", lang))
    return None


def flash(message: str, kind: str = "success") -> None:
    """A message shown once after the next rerun (st.rerun would otherwise wipe it)."""
    st.session_state.setdefault("flash", []).append((kind, message))


def show_flash() -> None:
    for kind, message in st.session_state.pop("flash", []):
        getattr(st, kind)(message)


def start_rebuild() -> None:
    start_build(plans_dir(), catalog_dir())


@st.fragment(run_every=1.0)
def build_status(lang: str) -> None:
    """The background build's progress bar (the map keeps the previous catalog until it is done)."""
    job = current_build(catalog_dir())
    if job is None:
        return
    if not job.finished:
        st.progress(job.progress, text=t("build_running", lang, stage=stage_label(job.stage, lang)))
        return
    recent = time.monotonic() - (job.finished_at or 0) < 60
    if job.ok and recent:
        st.success(t("build_done", lang))
    elif not job.ok:
        st.error(t("build_error", lang, err=plain(job.error)))
    if st.session_state.get("build_shown") != id(job):
        st.session_state["build_shown"] = id(job)
        st.rerun(scope="app")  # the tables above show the new catalog


# ---------------------------------------------------------------------- the point-picking map


@cache
def _pick_component():
    import streamlit.components.v1 as components

    pick = components.declare_component("sdcarbon_pick", path=str(STATIC_DIR / "pick"))
    map_component, _ = shell.map_component()  # its folder, static/, holds the vendored Leaflet
    return pick, f"../{map_component.name}/vendor/"


@cache
def _outlines() -> dict[str, dict]:
    out = {}
    for level in ("cities", "counties"):
        path = geo.LAYERS_DIR / "display" / f"{level}.geojson"
        if path.exists():
            for f in json.loads(path.read_text(encoding="utf-8"))["features"]:
                out[str(f["properties"]["adcode"])] = f
    return out


def pick_point(lon: float, lat: float, adcode: str | None, key: str, hint: str = "") -> dict | None:
    """A small map of the record's point and its county (or city); returns the point last clicked."""
    try:
        pick, vendor = _pick_component()
    except Exception:  # no Streamlit runtime
        return None
    outline = _outlines().get(str(adcode)) if adcode else None
    return pick(
        lon=lon, lat=lat, outline=outline, vendor=vendor, hint=hint, height=320, key=key, default=None
    )

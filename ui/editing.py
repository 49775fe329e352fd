"""What the 规划文件 and 审核 pages share: the plans folder, the review store, the editor sign-in, the
background build's progress and the small point-picking map. Widgets only; the work is in the package
(geo.store, geo.plans, geo.rebuild); the catalog comes from ui/shell.py like on every page."""

from __future__ import annotations

import json
import os
import time
from functools import cache
from pathlib import Path

import streamlit as st

import geo
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


def sign_in(s: Store, lang: str) -> str | None:
    """The sidebar's sign-in box; returns the signed-in editor. Browsing needs no sign-in."""
    with st.sidebar:
        name = editor()
        if name:
            st.caption(t("signed_in_as", lang, name=plain(name)))
            if st.button(t("sign_out", lang), key="sign_out"):
                del st.session_state["editor"]
                st.rerun()
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
                    st.session_state["editor"] = user.strip()
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

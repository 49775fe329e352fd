"""Serves the map app (app.py) with Streamlit's frontend bundle gzip-compressed and security headers on every
response (geo/webserver.py), and the route that sets an editor's session cookie (geo/session_web.py).

    streamlit run serve.py          (what scripts/run.sh does)

`streamlit run app.py` works too; it only moves about three times as many bytes on a first visit (see
geo/webserver.py for why Streamlit leaves its bundle uncompressed), and editors are signed out by a refresh.
"""

from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware
from streamlit import config

from geo import session_web
from geo.webserver import CompressedStaticAssets, SecurityHeaders

BASE_URL_PATH = config.get_option("server.baseUrlPath") or ""
app = st.App(
    Path(__file__).with_name("app.py"),
    routes=session_web.routes(BASE_URL_PATH),
    middleware=[
        Middleware(SecurityHeaders),
        Middleware(CompressedStaticAssets, base_url_path=BASE_URL_PATH),
    ],
)

"""Serves the map app (app.py) with Streamlit's frontend bundle gzip-compressed and security headers on every
response (geo/webserver.py).

    streamlit run serve.py          (what scripts/run.sh does)

`streamlit run app.py` works too; it only moves about three times as many bytes on a first visit (see
geo/webserver.py for why Streamlit leaves its bundle uncompressed).
"""

from pathlib import Path

import streamlit as st
from starlette.middleware import Middleware
from streamlit import config

from geo.webserver import CompressedStaticAssets, SecurityHeaders

app = st.App(
    Path(__file__).with_name("app.py"),
    middleware=[
        Middleware(SecurityHeaders),
        Middleware(CompressedStaticAssets, base_url_path=config.get_option("server.baseUrlPath") or ""),
    ],
)

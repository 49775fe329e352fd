"""HTTP middleware for the app (serve.py): compression of Streamlit's frontend bundle, security headers.

Compression (CompressedStaticAssets).

Streamlit (1.67) deliberately serves its own ``/static/`` bundle uncompressed and leaves compression to a reverse
proxy. Planners run this tool straight from ``streamlit run`` with no proxy, so a first visit would move about
3.1 MB of JavaScript and CSS. This ASGI middleware gzips those responses once and keeps the compressed bytes in
memory: the bundle's file names are content-hashed and served ``immutable``, so a path's body never changes while
the server runs and each file is compressed at most once (Streamlit's objection to origin compression is the CPU of
recompressing on every request).

Only plain ``GET`` requests for 200 responses are touched; conditional, ranged and ``HEAD`` requests, WebSockets
and everything outside ``/static/`` pass straight through.

Security headers (SecurityHeaders): ``X-Content-Type-Options: nosniff`` on every HTTP response; on HTML pages
(the only responses a browser applies them to) also a frame policy (``X-Frame-Options: SAMEORIGIN`` and CSP ``frame-ancestors 'self'``: only the app may frame its pages), a
``Content-Security-Policy`` and a ``Permissions-Policy``. The app page's policy allows what Streamlit's frontend
uses: its own scripts plus the hash of the one inline script in its index.html, inline styles (emotion), its
WebSocket. The map component page (``/component/...``, static/index.html in an iframe) gets a stricter one:
scripts only from the server (no inline script, no eval: HTML that slipped into the data cannot run), data only
from the server, images also from OpenStreetMap's tile server (the optional basemap), and a CSP ``sandbox``
that drops the forms, modals and downloads Streamlit's iframe sandbox grants. ``allow-same-origin`` stays with
``allow-scripts``: the map fetches its data from the app's origin and keeps it in Cache Storage, which a
sandboxed opaque origin cannot (Streamlit 1.67 fixes the iframe's own sandbox attribute in its frontend).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import anyio.to_thread

STATIC_PREFIX = "/static/"
COMPRESSIBLE_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "image/svg+xml",
    "application/wasm",
)
MIN_COMPRESS_BYTES = 1024
GZIP_LEVEL = 6
DEFAULT_CACHE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class CompressedResponse:
    headers: list[tuple[bytes, bytes]]
    body: bytes


def static_prefix(base_url_path: str) -> str:
    """The path prefix of Streamlit's frontend bundle under ``server.baseUrlPath``."""
    base = base_url_path.strip("/")
    return f"/{base}{STATIC_PREFIX}" if base else STATIC_PREFIX


def accepts_gzip(headers: list[tuple[bytes, bytes]]) -> bool:
    for name, value in headers:
        if name == b"accept-encoding":
            for coding in value.decode("latin-1").split(","):
                token, _, params = coding.strip().partition(";")
                if token.strip().lower() == "gzip" and params.replace(" ", "") not in (
                    "q=0",
                    "q=0.0",
                    "q=0.00",
                ):
                    return True
    return False


def is_compressible(content_type: str) -> bool:
    return content_type.lower().startswith(COMPRESSIBLE_TYPES)


def compressed_headers(headers: list[tuple[bytes, bytes]], body_length: int) -> list[tuple[bytes, bytes]]:
    """The original response headers with length and encoding for a gzip body."""
    kept = [(k, v) for k, v in headers if k.lower() not in (b"content-length", b"content-encoding", b"vary")]
    vary = [v for k, v in headers if k.lower() == b"vary"]
    vary_value = b", ".join([*vary, b"Accept-Encoding"]) if vary else b"Accept-Encoding"
    return [
        *kept,
        (b"content-encoding", b"gzip"),
        (b"content-length", str(body_length).encode()),
        (b"vary", vary_value),
    ]


class CompressedStaticAssets:
    """ASGI middleware: gzip Streamlit's immutable frontend files once, then serve them from memory."""

    def __init__(self, app, *, base_url_path: str = "", max_cache_bytes: int = DEFAULT_CACHE_BYTES) -> None:
        self.app = app
        self.prefix = static_prefix(base_url_path)
        self.max_cache_bytes = max_cache_bytes
        self._cache: OrderedDict[str, CompressedResponse] = OrderedDict()
        self._cache_bytes = 0

    async def __call__(self, scope, receive, send) -> None:
        if not self._applies(scope):
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        cached = self._cache.get(path)
        if cached is not None:
            self._cache.move_to_end(path)
            await _send(send, 200, cached.headers, cached.body)
            return

        start: dict = {}
        chunks: list[bytes] = []

        async def capture(message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(scope, receive, capture)
        headers = list(start.get("headers", []))
        body = b"".join(chunks)
        status = start.get("status", 500)
        content_type = next((v.decode("latin-1") for k, v in headers if k.lower() == b"content-type"), "")
        already_encoded = any(k.lower() == b"content-encoding" for k, _ in headers)
        if (
            status != 200
            or already_encoded
            or len(body) < MIN_COMPRESS_BYTES
            or not is_compressible(content_type)
        ):
            await _send(send, status, headers, body)
            return
        gz = await anyio.to_thread.run_sync(lambda: gzip.compress(body, compresslevel=GZIP_LEVEL, mtime=0))
        response = CompressedResponse(compressed_headers(headers, len(gz)), gz)
        self._remember(path, response)
        await _send(send, 200, response.headers, response.body)

    def _applies(self, scope) -> bool:
        if scope["type"] != "http" or scope.get("method") != "GET":
            return False
        if not scope.get("path", "").startswith(self.prefix):
            return False
        headers = scope.get("headers", [])
        if any(k in (b"range", b"if-none-match", b"if-modified-since") for k, _ in headers):
            return False
        return accepts_gzip(headers)

    def _remember(self, path: str, response: CompressedResponse) -> None:
        size = len(response.body)
        if size > self.max_cache_bytes:
            return
        old = self._cache.pop(path, None)
        if old is not None:
            self._cache_bytes -= len(old.body)
        self._cache[path] = response
        self._cache_bytes += size
        while self._cache_bytes > self.max_cache_bytes:
            _, evicted = self._cache.popitem(last=False)
            self._cache_bytes -= len(evicted.body)


async def _send(send, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})


# ---------------------------------------------------------------------- security headers

OSM_TILES = "https://tile.openstreetmap.org"  # static/sdmap.js's optional basemap
COMPONENT_PATH = "/component/"
FRAME_POLICY = "frame-ancestors 'self'"
APP_CSP = (
    "default-src 'self'; script-src 'self' {inline}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; media-src 'self' blob:; "
    "worker-src 'self' blob:; frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    + FRAME_POLICY
)
COMPONENT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    f"img-src 'self' data: blob: {OSM_TILES}; font-src 'self' data:; connect-src 'self'; "
    f"object-src 'none'; base-uri 'self'; form-action 'none'; {FRAME_POLICY}; "
    "sandbox allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox"
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


def inline_script_hashes(html: str) -> list[str]:
    """CSP sources ('sha256-...') for the inline <script> elements of a page."""
    out = []
    for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S | re.I):
        if "src=" not in attrs.lower():
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
            out.append(f"'sha256-{digest}'")
    return out


def streamlit_index_html() -> str:
    import streamlit

    try:
        return (Path(streamlit.__file__).parent / "static" / "index.html").read_text(encoding="utf-8")
    except OSError:
        return ""


def security_headers(path: str, app_csp: str, content_type: str = "text/html") -> list[tuple[bytes, bytes]]:
    """The headers for one response. The document policies (frame, CSP, permissions, referrer) act only on
    HTML pages; scripts, styles, fonts and data get ``nosniff`` alone: the same protection, and the ~0.5 KB of
    policy text is not repeated on each of the ~120 files a first visit loads."""
    nosniff = [(b"x-content-type-options", b"nosniff")]
    if not content_type.lower().startswith("text/html"):
        return nosniff
    csp = COMPONENT_CSP if COMPONENT_PATH in path else app_csp
    return [
        *nosniff,
        (b"x-frame-options", b"SAMEORIGIN"),
        (b"content-security-policy", csp.encode("ascii")),
        (b"permissions-policy", PERMISSIONS_POLICY.encode("ascii")),
        (b"referrer-policy", b"same-origin"),
    ]


DOCUMENT_HEADERS = {k for k, _ in security_headers("/", "")}


class SecurityHeaders:
    """ASGI middleware: the headers of :func:`security_headers` on every HTTP response (replacing any the
    app set itself)."""

    def __init__(self, app, *, index_html: str | None = None) -> None:
        self.app = app
        html = streamlit_index_html() if index_html is None else index_html
        self.app_csp = APP_CSP.format(inline=" ".join(inline_script_hashes(html))).replace("  ", " ")

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")

        async def with_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = message.get("headers", [])
                content_type = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                added = security_headers(path, self.app_csp, content_type.decode("latin-1"))
                kept = [(k, v) for k, v in headers if k.lower() not in DOCUMENT_HEADERS]
                message = {**message, "headers": [*kept, *added]}
            await send(message)

        await self.app(scope, receive, with_headers)

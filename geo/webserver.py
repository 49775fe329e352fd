"""HTTP compression for Streamlit's frontend bundle.

Streamlit (1.67) deliberately serves its own ``/static/`` bundle uncompressed and leaves compression to a reverse
proxy. Planners run this tool straight from ``streamlit run`` with no proxy, so a first visit would move about
3.1 MB of JavaScript and CSS. This ASGI middleware gzips those responses once and keeps the compressed bytes in
memory: the bundle's file names are content-hashed and served ``immutable``, so a path's body never changes while
the server runs and each file is compressed at most once (Streamlit's objection to origin compression is the CPU of
recompressing on every request).

Only plain ``GET`` requests for 200 responses are touched; conditional, ranged and ``HEAD`` requests, WebSockets
and everything outside ``/static/`` pass straight through.
"""

from __future__ import annotations

import gzip
from collections import OrderedDict
from dataclasses import dataclass

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

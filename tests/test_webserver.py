"""geo.webserver: Streamlit's frontend bundle gzip-compressed once, everything else untouched."""

import gzip

import anyio

from geo.webserver import CompressedStaticAssets, accepts_gzip

BUNDLE = ("console.log('山东');\n" * 400).encode()


class Origin:
    """A stand-in for Streamlit: serves BUNDLE (or a given status) and counts the requests it sees."""

    def __init__(self, status=200, content_type=b"application/javascript", body=BUNDLE, extra=()):
        self.status, self.content_type, self.body, self.extra = status, content_type, body, list(extra)
        self.calls = 0

    async def __call__(self, scope, receive, send):
        self.calls += 1
        headers = [(b"content-type", self.content_type), (b"content-length", str(len(self.body)).encode())]
        await send({"type": "http.response.start", "status": self.status, "headers": headers + self.extra})
        await send({"type": "http.response.body", "body": self.body[:100], "more_body": True})
        await send({"type": "http.response.body", "body": self.body[100:], "more_body": False})


def request(app, path="/static/js/index.abc.js", method="GET", headers=((b"accept-encoding", b"gzip, br"),)):
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "headers": list(headers)}
    anyio.run(app, scope, receive, send)
    start = sent[0]
    body = b"".join(m.get("body", b"") for m in sent[1:])
    return start["status"], dict(start["headers"]), body


def test_bundle_is_gzipped_once_and_then_served_from_memory():
    origin = Origin()
    app = CompressedStaticAssets(origin)
    for _ in range(3):
        status, headers, body = request(app)
        assert status == 200
        assert headers[b"content-encoding"] == b"gzip"
        assert headers[b"vary"] == b"Accept-Encoding"
        assert int(headers[b"content-length"]) == len(body) < len(BUNDLE) / 10
        assert gzip.decompress(body) == BUNDLE
    assert origin.calls == 1


def test_clients_without_gzip_and_other_paths_get_the_original_bytes():
    origin = Origin()
    app = CompressedStaticAssets(origin)
    assert request(app, headers=[])[2] == BUNDLE
    assert request(app, headers=[(b"accept-encoding", b"gzip;q=0, br")])[2] == BUNDLE
    assert request(app, path="/component/sdcarbon_map/sdmap.js")[2] == BUNDLE
    assert request(app, method="HEAD")[2] == BUNDLE
    assert origin.calls == 4


def test_conditional_and_ranged_requests_pass_through():
    origin = Origin(status=304, body=b"")
    app = CompressedStaticAssets(origin)
    status, headers, body = request(app, headers=[(b"accept-encoding", b"gzip"), (b"if-none-match", b'"x"')])
    assert (status, body) == (304, b"")
    assert b"content-encoding" not in headers
    ranged = request(
        CompressedStaticAssets(Origin()), headers=[(b"accept-encoding", b"gzip"), (b"range", b"0-9")]
    )
    assert ranged[2] == BUNDLE


def test_errors_binary_small_and_encoded_responses_are_not_compressed_or_cached():
    for origin in (
        Origin(status=404),
        Origin(content_type=b"font/woff2"),
        Origin(body=b"x" * 200),
        Origin(extra=[(b"content-encoding", b"br")]),
    ):
        app = CompressedStaticAssets(origin)
        for _ in range(2):
            status, headers, body = request(app)
            assert status == origin.status
            assert body == origin.body
            assert headers.get(b"content-encoding") in (None, b"br")
        assert origin.calls == 2


def test_base_url_path_and_cache_bound():
    origin = Origin()
    app = CompressedStaticAssets(
        origin, base_url_path="/maps/", max_cache_bytes=len(gzip.compress(BUNDLE)) + 10
    )
    assert request(app, path="/static/js/a.js")[1].get(b"content-encoding") is None
    assert request(app, path="/maps/static/js/a.js")[1][b"content-encoding"] == b"gzip"
    request(app, path="/maps/static/js/b.js")  # evicts a.js: the cache holds one body
    request(app, path="/maps/static/js/a.js")
    assert origin.calls == 4


def test_accepts_gzip():
    assert accepts_gzip([(b"accept-encoding", b"gzip, deflate, br, zstd")])
    assert accepts_gzip([(b"accept-encoding", b"br;q=1.0, GZIP;q=0.5")])
    assert not accepts_gzip([(b"accept-encoding", b"br, gzip;q=0")])
    assert not accepts_gzip([(b"accept-encoding", b"identity")])
    assert not accepts_gzip([])


# ---------------------------------------------------------------------- security headers


def test_security_headers_on_the_app_and_the_component_page():
    from geo.webserver import SecurityHeaders

    html = "<html><script>window.prerenderReady = false</script><script src='x.js'></script></html>"
    origin = Origin(content_type=b"text/html", body=b"<html></html>", extra=[(b"x-frame-options", b"DENY")])
    app = SecurityHeaders(origin, index_html=html)
    _, page, _ = request(app, path="/", headers=())
    assert page[b"x-content-type-options"] == b"nosniff"
    assert page[b"x-frame-options"] == b"SAMEORIGIN"  # replaces the origin's own
    csp = page[b"content-security-policy"].decode()
    assert "frame-ancestors 'self'" in csp and "object-src 'none'" in csp
    assert "script-src 'self' 'sha256-" in csp and "unsafe-eval" not in csp
    _, component, _ = request(app, path="/component/app.sdcarbon_map/index.html", headers=())
    csp = component[b"content-security-policy"].decode()
    assert "script-src 'self';" in csp and "sha256" not in csp  # no inline script at all in the map
    assert "sandbox allow-scripts allow-same-origin" in csp and "allow-forms" not in csp
    assert "https://tile.openstreetmap.org" in csp and component[b"x-content-type-options"] == b"nosniff"


def test_scripts_and_data_get_nosniff_only_not_the_page_policies():
    """The document policies mean nothing on a script or a font; repeated on ~120 bundle files they were
    ~56 KB of a first visit."""
    from geo.webserver import SecurityHeaders

    origin = Origin(
        content_type=b"application/javascript", body=b"x" * 10, extra=[(b"x-frame-options", b"DENY")]
    )
    _, script, _ = request(SecurityHeaders(origin, index_html=""), path="/static/js/a.js", headers=())
    assert script[b"x-content-type-options"] == b"nosniff"
    assert not {b"content-security-policy", b"x-frame-options", b"permissions-policy"} & set(script)
    data = Origin(content_type=b"application/json", body=b"{}")
    _, payload, _ = request(
        SecurityHeaders(data, index_html=""), path="/component/x/sdcarbon_web/a.json", headers=()
    )
    assert b"content-security-policy" not in payload and payload[b"x-content-type-options"] == b"nosniff"


def test_inline_script_hash_is_the_browsers():
    import base64
    import hashlib

    from geo.webserver import inline_script_hashes

    body = "\n      window.prerenderReady = false\n    "
    expected = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
    assert inline_script_hashes(f"<script>{body}</script><script type='module' src='a.js'></script>") == [
        f"'sha256-{expected}'"
    ]


def test_websockets_pass_through_security_headers():
    from geo.webserver import SecurityHeaders

    seen = []

    async def ws_app(scope, receive, send):
        seen.append(scope["type"])
        await send({"type": "websocket.accept"})

    sent = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {}

    anyio.run(
        SecurityHeaders(ws_app, index_html=""),
        {"type": "websocket", "path": "/_stcore/stream"},
        receive,
        send,
    )
    assert seen == ["websocket"] and sent == [{"type": "websocket.accept"}]


def test_the_map_page_carries_the_same_policy_without_the_middleware():
    """static/index.html's <meta> policy is the header's minus what only a header can say."""
    import re
    from pathlib import Path

    from geo.webserver import COMPONENT_CSP

    html = (Path(__file__).resolve().parent.parent / "static/index.html").read_text(encoding="utf-8")
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert meta and html.index(meta.group(0)) < html.index("<script")
    header_only = ("frame-ancestors", "sandbox")
    expected = [d.strip() for d in COMPONENT_CSP.split(";") if not d.strip().startswith(header_only)]
    assert [d.strip() for d in meta.group(1).split(";")] == expected

"""The app's HTTP routes that set and clear the editor's session cookie (serve.py mounts them; geo.sessions).

    POST <base>/_sdcarbon/session       body: a one-time grant -> 204 + Set-Cookie (HttpOnly, SameSite=Strict)
    POST <base>/_sdcarbon/session/end   -> 204, the cookie's session deleted and the cookie cleared

Requests whose Origin is not the app's own are refused (403), so another site cannot post to them.
"""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from geo import sessions
from geo.store import Store, default_url

PATH = "/_sdcarbon/session"
MAX_GRANT = 256


@cache
def _store(url: str) -> Store:
    return Store.open(url)


def _same_origin(request: Request) -> bool:
    origin = request.headers.get("origin")
    return origin is None or urlsplit(origin).netloc == request.headers.get("host")


def _https(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"


def _cookie(response: Response, request: Request, path: str, value: str, max_age: int) -> None:
    response.set_cookie(
        sessions.COOKIE,
        value,
        max_age=max_age,
        path=path,
        httponly=True,
        samesite="strict",
        secure=_https(request),
    )


def routes(base_url_path: str = "") -> list[Route]:
    base = "/" + base_url_path.strip("/") if base_url_path.strip("/") else ""
    cookie_path = base or "/"

    async def start(request: Request) -> Response:
        grant = (await request.body())[:MAX_GRANT].decode("ascii", "replace").strip()
        if not _same_origin(request):
            return Response(status_code=403)
        got = await anyio.to_thread.run_sync(sessions.redeem, _store(default_url()), grant)
        if got is None:
            return Response(status_code=403)
        response = Response(status_code=204)
        _cookie(response, request, cookie_path, got[0], got[1])
        return response

    async def end(request: Request) -> Response:
        if not _same_origin(request):
            return Response(status_code=403)
        token = request.cookies.get(sessions.COOKIE)
        if token:
            await anyio.to_thread.run_sync(sessions.end_token, _store(default_url()), token)
        response = Response(status_code=204)
        _cookie(response, request, cookie_path, "", 0)
        return response

    return [Route(base + PATH, start, methods=["POST"]), Route(base + PATH + "/end", end, methods=["POST"])]

"""What stands between a write and the ledger: body size, origin, CSRF token, write token.

- Every POST body is read (up to ``settings.max_bytes`` and a little room for the form
  around it) before the app sees it; a larger one is answered 413 with a one-line reason.
- A POST whose ``Origin`` is another site, or that a browser marks ``Sec-Fetch-Site:
  cross-site``, is refused: a page elsewhere cannot make a visitor's browser write.
- Forms carry a signed double-submit token: a cookie ``oplens_csrf`` holding a random
  value and its HMAC under a per-process secret, echoed in a hidden field. A site that can
  neither read our cookies nor forge the signature cannot produce a matching pair.
- With a write token set (``--token``/``OPLENS_TOKEN``; required off loopback), writes
  need ``Authorization: Bearer TOKEN`` or the signed-in cookie that ``/login`` sets.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from starlette.requests import Request

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSRF_COOKIE = "oplens_csrf"
CSRF_FIELD = "csrf_token"
AUTH_COOKIE = "oplens_auth"
# 64 KiB: room for the multipart boundaries and the other fields (URL, date, tokens) of a
# form whose text or file is at the max_bytes limit; the fields themselves are a few bytes.
FORM_OVERHEAD = 64 * 1024


class RefusedError(Exception):
    """A write was refused: the status to answer and a one-line reason."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def is_loopback(host: str) -> bool:
    """Tell whether a host to listen on is loopback only (127.0.0.0/8, ::1, localhost)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class Guard:
    """Signs and checks CSRF tokens and write tokens for one running app."""

    def __init__(self, token: str, secret: bytes | None = None) -> None:
        """``token``: the write token ('' for none); ``secret``: the CSRF signing key."""
        self.token = token
        self._secret = secret or secrets.token_bytes(32)

    @property
    def token_required(self) -> bool:
        """Whether writes need the write token."""
        return bool(self.token)

    def _sign(self, value: str) -> str:
        return hmac.new(self._secret, value.encode(), hashlib.sha256).hexdigest()

    def new_csrf(self) -> str:
        """Return a fresh CSRF token: a random value and its signature."""
        value = secrets.token_hex(16)
        return f"{value}.{self._sign(value)}"

    def valid_csrf(self, token: str | None) -> bool:
        """Tell whether a CSRF cookie value was signed by this app."""
        if not token or token.count(".") != 1:
            return False
        value, signature = token.split(".")
        return hmac.compare_digest(signature, self._sign(value))

    def check_csrf(self, cookie: str | None, field: str | None) -> None:
        """Refuse a form whose CSRF field does not match its valid, signed cookie.

        Raises:
            RefusedError: 403 with the reason.
        """
        if (
            not cookie
            or not field
            or not self.valid_csrf(cookie)
            or not hmac.compare_digest(cookie, field)
        ):
            raise RefusedError(
                403,
                "the form's security token is missing or out of date: reload the page and "
                "send it again",
            )

    def valid_token(self, given: str) -> bool:
        """Tell whether ``given`` is the write token (in constant time)."""
        return bool(self.token) and hmac.compare_digest(given.encode(), self.token.encode())

    def signed_in_value(self) -> str:
        """The cookie value that proves the write token was given (derived from it)."""
        return hmac.new(self.token.encode(), b"oplens-write-v1", hashlib.sha256).hexdigest()

    def may_write(self, request: Request) -> bool:
        """Tell whether a request carries the write token (always true without one)."""
        if not self.token_required:
            return True
        header = request.headers.get("authorization", "")
        if header.lower().startswith("bearer ") and self.valid_token(header[7:].strip()):
            return True
        cookie = request.cookies.get(AUTH_COOKIE, "")
        return hmac.compare_digest(cookie.encode(), self.signed_in_value().encode())

    def check_write(self, request: Request) -> None:
        """Refuse a write without the write token.

        Raises:
            RefusedError: 401 with the reason.
        """
        if not self.may_write(request):
            raise RefusedError(
                401,
                "this server needs its write token for that: sign in with it, or send "
                "'Authorization: Bearer TOKEN'",
            )


def cross_site(request: Request) -> bool:
    """Tell whether a browser says a request comes from another site."""
    if request.headers.get("sec-fetch-site") == "cross-site":
        return True
    origin = request.headers.get("origin")
    if not origin:
        return False
    if origin == "null":
        return True
    return urlsplit(origin).netloc.lower() != request.headers.get("host", "").lower()


class BodyLimit:
    """ASGI middleware: read each POST body whole, answering 413 once it passes the limit."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        """``limit``: the largest body accepted, in bytes."""
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("POST", "PUT", "PATCH"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._drain(receive)
            await self._refuse(scope, send, int(declared))
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            size += len(message.get("body", b""))
            if size > self.limit:
                await self._drain(receive)
                await self._refuse(scope, send, size)
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body"):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    async def _drain(self, receive: Receive) -> None:
        """Read and drop the rest of a refused body, up to ten times the limit.

        A browser still sending its upload when the answer comes reports a reset
        connection, not our message; past ten times the limit it is not a mistake.
        """
        dropped = 0
        while dropped <= 10 * self.limit:
            message = await receive()
            dropped += len(message.get("body", b""))
            if message["type"] != "http.request" or not message.get("more_body"):
                return

    async def _refuse(self, scope: Scope, send: Send, size: int) -> None:
        limit = self.limit - FORM_OVERHEAD
        message = (
            f"the request is {size:,} bytes or more, over "
            f"this server's limit of {limit:,} bytes of text "
            "(start oplens serve with a larger --max-bytes to raise it)"
        )
        accept = dict(scope["headers"]).get(b"accept", b"").decode("latin-1")
        wants_html = "text/html" in accept and not scope["path"].startswith("/api/")
        if wants_html:
            body = (
                "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
                "<title>Too large</title></head><body><h1>Too large</h1>"
                f"<p>{message}.</p><p><a href='/'>Back to the analyse page</a></p></body></html>"
            ).encode()
            kind = b"text/html; charset=utf-8"
        else:
            body = json.dumps({"detail": message}).encode()
            kind = b"application/json"
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body})

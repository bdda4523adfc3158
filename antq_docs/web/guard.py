"""The ASGI layer in front of every request: odd URLs, the password, the request-body limit,
and the headers every answer carries.

Password (when set): every request carries it as HTTP Basic (any user name) or as the header
`Authorization: Bearer PW`. Each wrong one from an address makes that address wait longer for
its answer (0.1 s, doubling to 5 s), until it gives the right one.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hmac
from collections import OrderedDict

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from antq_docs.web import messages as msg
from antq_docs.web.views import message, too_large_text
from antq_docs.web.workspace import TooLarge

# Every answer: no content sniffing, no framing by another site, no full address sent on,
# and only this site's own files (the pages have no inline script or style).
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}
# The longest URL path of a page (a document's download is under 300 characters).
MAX_PATH_CHARS = 2048
# The wait after a wrong password: doubled at each, up to the most, per client address.
FIRST_DELAY_S = 0.1
MAX_DELAY_S = 5.0
MAX_ADDRESSES_REMEMBERED = 10_000


class Guard:
    """ASGI layer: odd URLs, the password on every request, the request-body limit, and the
    security headers of every answer."""

    def __init__(self, app: ASGIApp, password: str | None, limit: int) -> None:
        self.app = app
        self.password = password
        self.limit = limit
        # Wrong passwords given in a row, by client address (oldest first, bounded).
        self.failures: OrderedDict[str, int] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_headers(send)
        if odd_path(scope):
            await message(404, msg.NO_PAGE, scope)(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if self.password is not None and not await self._let_in(scope, headers):
            await message(401, msg.LOGIN_REQUIRED, scope)(scope, receive, send)
            return
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.limit:
            await message(413, too_large_text(self.limit), scope)(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            received = await receive()
            if received["type"] == "http.request":
                seen += len(received.get("body", b""))
                if seen > self.limit:
                    raise TooLarge(self.limit)
            return received

        await self.app(scope, limited, send)

    async def _let_in(self, scope: Scope, headers: dict[str, str]) -> bool:
        """Whether the request gives the password; a wrong one waits longer each time."""
        assert self.password is not None
        given = headers.get("authorization")
        client = scope.get("client")
        address = client[0] if client else ""
        if given is not None and authorised(given, self.password):
            self.failures.pop(address, None)
            return True
        if given is None:
            return False  # a browser's first request, before it asks for the password
        count = self.failures.pop(address, 0) + 1
        self.failures[address] = count
        if len(self.failures) > MAX_ADDRESSES_REMEMBERED:
            self.failures.popitem(last=False)
        await asyncio.sleep(min(FIRST_DELAY_S * 2 ** (count - 1), MAX_DELAY_S))
        return False


def odd_path(scope: Scope) -> bool:
    """Whether a URL can name no page: a NUL byte (%00) or a path longer than any page's."""
    path = scope.get("path", "")
    return "\x00" in path or len(scope.get("raw_path") or path) > MAX_PATH_CHARS


def _with_headers(send: Send) -> Send:
    """send, with the security headers added to every answer."""

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(scope=message)
            for name, value in SECURITY_HEADERS.items():
                headers.setdefault(name, value)
        await send(message)

    return sending


def authorised(header: str, password: str) -> bool:
    """Whether an Authorization header (Basic, any user name, or Bearer) gives the password."""
    scheme, _, value = header.partition(" ")
    given = ""
    if scheme.lower() == "bearer":
        given = value.strip()
    elif scheme.lower() == "basic":
        try:
            given = base64.b64decode(value.strip()).decode("utf-8").partition(":")[2]
        except (binascii.Error, UnicodeDecodeError):
            return False
    return hmac.compare_digest(given.encode(), password.encode())

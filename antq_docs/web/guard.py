"""The ASGI layer in front of every request: the password, and the request-body limit.

Password (when set): every request carries it as HTTP Basic (any user name) or as the header
`Authorization: Bearer PW`.
"""

from __future__ import annotations

import base64
import binascii
import hmac

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from antq_docs.web import messages as msg
from antq_docs.web.views import message, too_large_text
from antq_docs.web.workspace import TooLarge


class Guard:
    """ASGI layer: the password on every request, and the request-body limit."""

    def __init__(self, app: ASGIApp, password: str | None, limit: int) -> None:
        self.app = app
        self.password = password
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if self.password is not None and not authorised(
            headers.get("authorization", ""), self.password
        ):
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

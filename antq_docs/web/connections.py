"""The server's connections bounded in number and time, below HTTP: what uvicorn lacks.

uvicorn closes a connection idle between requests (timeout_keep_alive) but waits for ever on
one that sends its headers a byte at a time, a body that stops, or nothing at all; and its
limit_concurrency counts every client together, so one address can hold every file
descriptor and lock out the person with the right password. Each connection here has a
deadline for its request's headers, a longest pause inside a body, and each client address
a cap on its open connections.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass
from typing import Any, ClassVar

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

# A request's line and headers arrive within this time of its first byte (or of the
# connection), whatever the pace: a browser sends them in one packet.
HEADER_TIMEOUT_S = 20.0
# A body may pause this long between two packets (a 500 MB upload on a slow line is slow but
# never silent for a minute).
BODY_IDLE_S = 60.0
# A connection idle between two requests is closed after this (uvicorn's keep-alive).
KEEP_ALIVE_S = 5
# Open connections of one client address: a browser opens six at most.
CONNECTIONS_PER_CLIENT = 16
# The largest request line and headers (h11's own limit is 16 KB too; said here, not assumed).
MAX_HEADER_BYTES = 16 << 10


@dataclass(frozen=True)
class ConnectionLimits:
    """How long and how many: the defaults above; tests use shorter ones."""

    header_timeout: float = HEADER_TIMEOUT_S
    body_idle: float = BODY_IDLE_S
    per_client: int = CONNECTIONS_PER_CLIENT


class Bounded(H11Protocol):
    """One connection: refused past its client's cap, closed when a deadline passes."""

    # Set by protocol(): the limits, and the open connections of each address of one server.
    limits: ClassVar[ConnectionLimits] = ConnectionLimits()
    open_by_client: ClassVar[Counter[str]] = Counter()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """A new connection: counted for its address, refused past the cap, its deadline armed."""
        super().connection_made(transport)
        self._address = self.client[0] if self.client else ""
        self._timer: asyncio.TimerHandle | None = None
        self._waiting_headers = False
        self.open_by_client[self._address] += 1
        if self.open_by_client[self._address] > self.limits.per_client:
            # Closed before a byte is read: no request of it ever reaches the app.
            transport.abort()
            return
        self._watch()

    def connection_lost(self, exc: Exception | None) -> None:
        """The connection ended: its timer stopped, its address's count lowered."""
        self._cancel()
        self.open_by_client[self._address] -= 1
        if self.open_by_client[self._address] <= 0:
            del self.open_by_client[self._address]
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        """Bytes of the client: handled by h11, then the deadline the new state calls for."""
        super().data_received(data)
        self._watch()

    def on_response_complete(self) -> None:
        """A response sent: until the next request's first byte, only keep-alive applies."""
        self._cancel()
        self._waiting_headers = False
        super().on_response_complete()
        # Between requests uvicorn's keep-alive timer decides, ours starts at the next byte;
        # a request already sent behind this one (pipelined) is watched at once.
        if self.conn.their_state is not h11.IDLE:
            self._watch()

    def _watch(self) -> None:
        """Arm the deadline the connection's state calls for."""
        state = self.conn.their_state
        if state is h11.IDLE:
            self._headers_deadline()
            return
        self._waiting_headers = False
        if state is h11.SEND_BODY:
            self._arm(self.limits.body_idle)  # every packet of the body pushes it back
        else:
            self._cancel()  # the request is whole: the app works, however long

    def _headers_deadline(self) -> None:
        """One deadline from the first byte of a request: a slow sender cannot push it."""
        if not self._waiting_headers:
            self._waiting_headers = True
            self._arm(self.limits.header_timeout)

    def _arm(self, seconds: float) -> None:
        """Close the connection in seconds unless re-armed or cancelled."""
        self._cancel()
        self._timer = self.loop.call_later(seconds, self._expire)

    def _cancel(self) -> None:
        """Stop the connection's timer."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _expire(self) -> None:
        """A deadline passed: close, unless the pause is the app's own."""
        self._timer = None
        if self.conn.their_state is h11.SEND_BODY and self.flow.read_paused:
            # The app has not read what came: the pause is the server's, not the client's.
            self._arm(self.limits.body_idle)
        elif not self.transport.is_closing():
            self.transport.close()


def protocol(limits: ConnectionLimits) -> type[asyncio.Protocol]:
    """uvicorn's HTTP protocol class holding every connection to these limits."""
    return type("BoundedConnection", (Bounded,), {"limits": limits, "open_by_client": Counter()})


def server_options(limits: ConnectionLimits) -> dict[str, Any]:
    """uvicorn.Config's options for a server bounded by limits."""
    return {
        "http": protocol(limits),
        "timeout_keep_alive": KEEP_ALIVE_S,
        "h11_max_incomplete_event_size": MAX_HEADER_BYTES,
    }

"""The local web page of antq-docs: `serve` starts it; create_app builds it (for tests too)."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from antq_docs.errors import UsageError
from antq_docs.web import messages as msg
from antq_docs.web.workspace import default_data_dir

if TYPE_CHECKING:
    from antq_docs.web.connections import ConnectionLimits

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def is_loopback(host: str) -> bool:
    """Whether a bind address is reachable only from this computer."""
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def create_app(data: Path, **options):
    """The Starlette app over a data folder (see antq_docs.web.app.create_app)."""
    from antq_docs.web.app import create_app as build

    return build(data, **options)


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    data: Path | None = None,
    password: str | None = None,
    *,
    ready: Callable[[str], None] | None = None,
    connections: ConnectionLimits | None = None,
) -> None:
    """Run the web app with uvicorn until Ctrl+C; refuse a network address without password.

    connections bounds each client's connections in number and time (the defaults of
    web.connections; tests give shorter ones).
    """
    if not is_loopback(host) and not password:
        raise UsageError(msg.NETWORK_UNPROTECTED.format(host=host))
    import uvicorn

    from antq_docs.web.connections import ConnectionLimits, server_options

    folder = Path(data) if data is not None else default_data_dir()
    allowed = None
    if is_loopback(host):
        # Only names of this computer: a page elsewhere cannot reach it by renaming itself.
        allowed = ["127.0.0.1", "localhost", "[::1]", "::1"]
        # Any address of 127.0.0.0/8 is this computer too: its own name must be let in.
        if host not in allowed:
            allowed.append(f"[{host}]" if ":" in host else host)
    app = create_app(folder, password=password or None, allowed_hosts=allowed)
    shown = f"[{host}]" if ":" in host else host
    if ready is not None:
        ready(f"http://{shown}:{port}/")
        ready(msg.SERVING.format(folder=folder))
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        timeout_graceful_shutdown=5,
        **server_options(connections or ConnectionLimits()),
    )
    try:
        uvicorn.Server(config).run()
    except OSError as e:
        raise UsageError(msg.PORT_UNAVAILABLE.format(port=port, host=host, why=e.strerror)) from e

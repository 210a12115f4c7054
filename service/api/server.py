"""uvicorn glue: the HTTP protocol with TCP_NODELAY always on.

With several worker processes uvicorn hands the listening socket to spawned children; the
socket they rebuild reports protocol 0 instead of TCP, so asyncio skips its usual
TCP_NODELAY and every small response waits ~40 ms on Nagle + delayed ACK. Setting the
option on each accepted connection removes that stall (measured: /healthz 46 ms -> 2 ms).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket

from uvicorn.protocols.http.h11_impl import H11Protocol


def _nodelay(transport: asyncio.BaseTransport) -> None:
    sock = transport.get_extra_info("socket")
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class NoDelayH11Protocol(H11Protocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        _nodelay(transport)
        super().connection_made(transport)


try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    class NoDelayHttpToolsProtocol(HttpToolsProtocol):
        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            _nodelay(transport)
            super().connection_made(transport)

    HTTP_PROTOCOL: type[asyncio.Protocol] = NoDelayHttpToolsProtocol
except ImportError:  # httptools is optional; h11 is always there
    HTTP_PROTOCOL = NoDelayH11Protocol

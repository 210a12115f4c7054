"""uvicorn glue: the HTTP protocol with TCP_NODELAY always on and a deadline for request headers.

With several worker processes uvicorn hands the listening socket to spawned children; the
socket they rebuild reports protocol 0 instead of TCP, so asyncio skips its usual
TCP_NODELAY and every small response waits ~40 ms on Nagle + delayed ACK. Setting the
option on each accepted connection removes that stall (measured: /healthz 46 ms -> 2 ms).

uvicorn times out idle keep-alive connections but not a request whose headers never end
(a slowloris client holds a connection for ever). Each request's headers must now arrive
within `header_timeout_s` of its first byte (of the connection, for the first request),
else the client gets 408 and the connection is closed. The body has its own deadline in
`service.api.protect`.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from service.config import get_settings

TIMEOUT_RESPONSE = b"HTTP/1.1 408 Request Timeout\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"


def _nodelay(transport: asyncio.BaseTransport) -> None:
    sock = transport.get_extra_info("socket")
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class HeaderDeadline(asyncio.Protocol):
    """Mixin for a uvicorn HTTP protocol (listed before it): TCP_NODELAY on each connection,
    and 408 and close when a request's headers are late. Written once for h11 and httptools."""

    loop: asyncio.AbstractEventLoop
    transport: asyncio.Transport
    cycle: Any
    _header_timer: asyncio.TimerHandle | None = None
    _seen_cycle: Any = None

    def _waiting_for_headers(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def _arm(self) -> None:
        if self._header_timer is None:
            self._header_timer = self.loop.call_later(get_settings().header_timeout_s, self._headers_late)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_late(self) -> None:
        self._header_timer = None
        if not self.transport.is_closing() and self._waiting_for_headers():
            self.transport.write(TIMEOUT_RESPONSE)
            self.transport.close()

    def _after_data(self) -> None:
        """Headers are complete once the protocol started a new request cycle."""
        if self.cycle is not None and self.cycle is not self._seen_cycle:
            self._seen_cycle = self.cycle
            self._disarm()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        _nodelay(transport)
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self._waiting_for_headers():
            self._arm()
        super().data_received(data)
        self._after_data()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)


class NoDelayH11Protocol(HeaderDeadline, H11Protocol):
    """uvicorn's h11 protocol with the `HeaderDeadline` behaviour."""


try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    class NoDelayHttpToolsProtocol(HeaderDeadline, HttpToolsProtocol):
        """uvicorn's httptools protocol with the `HeaderDeadline` behaviour."""

    HTTP_PROTOCOL: type[asyncio.Protocol] = NoDelayHttpToolsProtocol
except ImportError:  # httptools is optional; h11 is always there
    HTTP_PROTOCOL = NoDelayH11Protocol

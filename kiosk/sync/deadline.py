"""One total deadline per HTTP request, headers included.

requests' read timeout bounds each socket read, not the whole request: a server that sends
its status line and headers a byte at a time (each within the read timeout) keeps a request
open for ever, and with it the pack library's lock. The sessions made here remember the
socket each request runs on; :func:`deadline` shuts that socket down when the request's total
time is up, which wakes the blocked read at once. The sync then fails as a timeout and the lock
is released.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from typing import Any

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

_watch = threading.local()


class Watch:
    """The sockets of the requests made on this thread while the watch is on."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self.expired = False

    def add(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            if self.expired:
                _shut(sock)
            else:
                self._sockets.append(sock)

    def expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


class _ReportsSocket(HTTPConnection):
    """Tells the current :class:`Watch` which socket a response is read from (a reused
    keep-alive connection too, so this is at the response, not at connect)."""

    def getresponse(self, *args: Any, **kwargs: Any) -> Any:
        watch: Watch | None = getattr(_watch, "current", None)
        if watch is not None:
            watch.add(self.sock)
        return super().getresponse(*args, **kwargs)


class _WatchedHTTPConnection(_ReportsSocket):
    pass


class _WatchedHTTPSConnection(_ReportsSocket, HTTPSConnection):
    pass


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


_POOLS = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


class WatchedAdapter(HTTPAdapter):
    """An adapter whose connections report their sockets to the current :class:`Watch`."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _POOLS

    def proxy_manager_for(self, proxy: str, **kwargs: Any) -> urllib3.PoolManager:
        manager: urllib3.PoolManager = super().proxy_manager_for(proxy, **kwargs)
        manager.pool_classes_by_scheme = _POOLS
        return manager


def mount_watched(session: requests.Session) -> None:
    adapter = WatchedAdapter()
    session.mount("http://", adapter)
    session.mount("https://", adapter)


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[Watch]:
    """Within the block, requests of this thread end ``seconds`` from now at the latest."""
    watch = Watch()
    previous = getattr(_watch, "current", None)
    _watch.current = watch
    timer = threading.Timer(max(0.0, seconds), watch.expire)
    timer.daemon = True
    timer.start()
    try:
        yield watch
    finally:
        timer.cancel()
        _watch.current = previous

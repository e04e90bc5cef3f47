"""A static channel server on 127.0.0.1 with switchable faults, for the sync tests.

It serves a channel folder like nginx would (ETag, Last-Modified, 304, byte ranges) and can
misbehave on object requests in the ways shop Wi-Fi, proxies and broken CDNs do. It counts
every body byte it sends so tests can assert what a sync fetched, and every HTTP byte both ways
(request and response heads included) for the benchmark. ``rate_bytes_per_s`` makes it a slow
link: one token bucket over the body bytes of all its connections, so the client sees a real
slow server, not a sleep of its own.
"""

from __future__ import annotations

import contextlib
import email.utils
import hashlib
import re
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

_RANGE = re.compile(r"^bytes=(\d+)-$")


@dataclass
class Faults:
    """What to do wrong on ``objects/`` requests (all off by default)."""

    drop_once_at: int | None = None  # close the connection after this many body bytes, once
    stall_s: float = 0.0  # send headers, then nothing for this long
    drip_interval_s: float = 0.0  # send one byte per interval
    truncate: bool = False  # announce the full length, send half, close (every time)
    corrupt: bool = False  # flip one byte in the middle
    length_delta: int = 0  # announce a Content-Length off by this much
    status: int = 0  # answer with this HTTP status instead
    redirect_loop: bool = False
    endless: bool = False  # no Content-Length; send zeros until the client hangs up
    ignore_range: bool = False
    serve_objects: int | None = None  # answer 503 for every object after this many distinct ones
    drip_headers_s: float = 0.0  # send the status line and headers one byte per interval


@dataclass
class Hit:
    path: str
    range: str
    status: int
    sent: int = 0


class RateLimit:
    """A token bucket shared by every connection: at most ``burst_bytes`` ahead of the rate."""

    #: Bytes written at once on a limited link (a fraction of the burst, so a late wake-up
    #: is made up by the next pieces instead of lowering the rate).
    piece_bytes = 16 * 1024

    def __init__(self, bytes_per_s: float, burst_bytes: int = 64 * 1024) -> None:
        self.bytes_per_s = bytes_per_s
        self.burst_bytes = burst_bytes
        self._tokens = float(burst_bytes)
        self._stamp = time.monotonic()
        self._lock = threading.Lock()

    def delay_s(self, size: int) -> float:
        """Take ``size`` bytes' tokens; how long to wait before sending them (a debt makes
        every later sender wait too, so the connections share the rate)."""
        with self._lock:
            now = time.monotonic()
            refill = (now - self._stamp) * self.bytes_per_s
            self._tokens = min(float(self.burst_bytes), self._tokens + refill) - size
            self._stamp = now
            return max(0.0, -self._tokens / self.bytes_per_s)


class _CountingWriter:
    """The handler's ``wfile``, counting every byte written (status line and headers too)."""

    def __init__(self, inner: Any, state: ServerState) -> None:
        self._inner = inner
        self._state = state

    def write(self, data: bytes) -> int:
        with self._state.wire_lock:  # before: once the client has the bytes, they are counted
            self._state.wire_sent += len(data)
        written = self._inner.write(data)
        return int(written) if written is not None else len(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class _CountingReader:
    """The handler's ``rfile``, counting the request bytes it reads."""

    def __init__(self, inner: Any, state: ServerState) -> None:
        self._inner = inner
        self._state = state

    def _count(self, data: bytes) -> bytes:
        with self._state.wire_lock:
            self._state.wire_received += len(data)
        return data

    def readline(self, *args: Any) -> bytes:
        return self._count(self._inner.readline(*args))

    def read(self, *args: Any) -> bytes:
        return self._count(self._inner.read(*args))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


@dataclass
class ServerState:
    root: Path
    faults: Faults = field(default_factory=Faults)
    hits: list[Hit] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    dropped: bool = False
    served_objects: set[str] = field(default_factory=set)
    rate: RateLimit | None = None
    wire_received: int = 0  # HTTP bytes read from clients (request lines, headers)
    wire_sent: int = 0  # HTTP bytes written to clients (status lines, headers, bodies)
    wire_lock: threading.Lock = field(default_factory=threading.Lock)  # a handler may hold lock

    def sent_bytes(self) -> int:
        with self.lock:
            return sum(h.sent for h in self.hits)

    def wire(self) -> tuple[int, int]:
        """(received, sent) HTTP bytes so far, over every connection."""
        with self.wire_lock:
            return self.wire_received, self.wire_sent


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # as nginx (tcp_nodelay): no 40 ms wait for a delayed ACK
    state: ServerState  # set on the subclass per server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def setup(self) -> None:
        super().setup()
        self.rfile = _CountingReader(self.rfile, self.state)  # type: ignore[assignment]
        self.wfile = _CountingWriter(self.wfile, self.state)  # type: ignore[assignment]

    def do_GET(self) -> None:
        st = self.state
        path = self.path.split("?", 1)[0]
        hit = Hit(path, self.headers.get("Range", ""), 0)
        with st.lock:
            st.hits.append(hit)
        faults = st.faults if path.startswith("/objects/") else Faults()
        if faults.serve_objects is not None:
            with st.lock:
                if path not in st.served_objects:
                    if len(st.served_objects) >= faults.serve_objects:
                        return self._head(hit, 503, 0)
                    st.served_objects.add(path)
        if faults.redirect_loop:
            return self._head(hit, 302, 0, {"Location": path})
        if faults.status:
            return self._head(hit, faults.status, 0)
        file = st.root / path.lstrip("/")
        if ".." in path or not file.is_file():
            return self._head(hit, 404, 0)
        data = file.read_bytes()
        stat = file.stat()
        etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
        modified = email.utils.formatdate(stat.st_mtime, usegmt=True)
        if self.headers.get("If-None-Match") == etag:
            return self._head(hit, 304, None, {"ETag": etag})
        start = 0
        match = _RANGE.match(self.headers.get("Range", ""))
        extra = {"ETag": etag, "Last-Modified": modified, "Accept-Ranges": "bytes"}
        status = 200
        if match and not faults.ignore_range:
            start = int(match.group(1))
            status = 206
            extra["Content-Range"] = f"bytes {start}-{len(data) - 1}/{len(data)}"
        body = data[start:]
        if faults.corrupt and body:
            mid = len(body) // 2
            body = body[:mid] + bytes([body[mid] ^ 0xFF]) + body[mid + 1 :]
        if faults.endless:
            return self._endless(hit)
        if faults.drip_headers_s:
            return self._drip_headers(hit, faults.drip_headers_s)
        self._head(hit, status, len(body) + faults.length_delta, extra)
        try:
            self._body(hit, body, faults)
        except OSError:
            self.close_connection = True

    def _head(
        self, hit: Hit, status: int, length: int | None, extra: dict[str, str] | None = None
    ) -> None:
        hit.status = status
        self.send_response(status)
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.end_headers()

    def _drip_headers(self, hit: Hit, interval_s: float) -> None:
        """A status line, then headers that never end: one byte per interval."""
        hit.status = 200
        head = b"HTTP/1.1 200 OK\r\n" + b"X-Slow: " + b"a" * 100_000
        try:
            for i in range(len(head)):
                if self.state.stop.wait(interval_s):
                    break
                self.wfile.write(head[i : i + 1])
                self.wfile.flush()
        except OSError:
            pass
        self.close_connection = True

    def _send(self, hit: Hit, data: bytes) -> None:
        rate = self.state.rate
        if rate is None:
            self._write(hit, data)
            return
        view = memoryview(data)
        for pos in range(0, len(data), rate.piece_bytes):
            piece = view[pos : pos + rate.piece_bytes]
            if self.state.stop.wait(rate.delay_s(len(piece))):
                raise OSError("server closing")
            self._write(hit, piece)

    def _write(self, hit: Hit, data: bytes | memoryview) -> None:
        self.wfile.write(data)
        with self.state.lock:
            hit.sent += len(data)

    def _body(self, hit: Hit, body: bytes, faults: Faults) -> None:
        st = self.state
        if faults.stall_s:
            st.stop.wait(faults.stall_s)
            self.close_connection = True
            return
        if faults.drip_interval_s:
            for i in range(len(body)):
                if st.stop.wait(faults.drip_interval_s):
                    break
                self._send(hit, body[i : i + 1])
            self.close_connection = True
            return
        if faults.truncate:
            self._send(hit, body[: len(body) // 2])
            self._hang_up()
            return
        if faults.drop_once_at is not None and not st.dropped:
            st.dropped = True
            self._send(hit, body[: faults.drop_once_at])
            self._hang_up()
            return
        view = memoryview(body)
        for pos in range(0, len(body), 256 * 1024):
            self._send(hit, bytes(view[pos : pos + 256 * 1024]))
        if faults.length_delta > 0:
            self._hang_up()

    def _endless(self, hit: Hit) -> None:
        hit.status = 200
        self.send_response(200)
        self.send_header("Connection", "close")
        self.end_headers()
        block = b"\0" * 65536
        try:
            while not self.state.stop.is_set():
                self._send(hit, block)
        except OSError:
            pass
        self.close_connection = True

    def _hang_up(self) -> None:
        self.wfile.flush()
        self.connection.shutdown(socket.SHUT_RDWR)
        self.close_connection = True


class _JoinedServer(ThreadingHTTPServer):
    """Closing it ends every connection and joins every handler thread (none outlive it)."""

    daemon_threads = False  # server_close() joins the handler threads

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(address, handler)
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def server_close(self) -> None:
        with self._open_lock:
            still_open = list(self._open)
        for request in still_open:  # a client that kept its connection: wake the handler
            with contextlib.suppress(OSError):
                request.shutdown(socket.SHUT_RDWR)
        super().server_close()


class ChannelServer:
    """``with ChannelServer(folder) as srv: srv.url`` — serves ``folder`` on a free port;
    ``rate_bytes_per_s``: no faster than that, over all connections together."""

    def __init__(self, root: Path, rate_bytes_per_s: float | None = None) -> None:
        self.state = ServerState(Path(root))
        if rate_bytes_per_s:
            self.state.rate = RateLimit(rate_bytes_per_s)
        handler = type("Handler", (_Handler,), {"state": self.state})
        self.httpd = _JoinedServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def faults(self) -> Faults:
        return self.state.faults

    def set_faults(self, **kw: Any) -> None:
        self.state.faults = Faults(**kw)
        self.state.dropped = False

    def clear_faults(self) -> None:
        self.set_faults()

    def __enter__(self) -> ChannelServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.state.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(5)


class _ProxyHandler(BaseHTTPRequestHandler):
    """A plain forwarding HTTP proxy (absolute-URI requests), like a shop's squid."""

    protocol_version = "HTTP/1.1"
    seen: list[str]

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        import http.client
        from urllib.parse import urlsplit

        self.seen.append(self.path)
        target = urlsplit(self.path)
        conn = http.client.HTTPConnection(target.hostname or "", target.port or 80, timeout=5)
        headers = {k: v for k, v in self.headers.items() if k.lower() != "proxy-connection"}
        conn.request("GET", target.path or "/", headers=headers)
        resp = conn.getresponse()
        body = resp.read()
        self.send_response(resp.status)
        for k, v in resp.getheaders():
            if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        conn.close()


class ForwardProxy:
    def __init__(self) -> None:
        self.seen: list[str] = []
        handler = type("Proxy", (_ProxyHandler,), {"seen": self.seen})
        self.httpd = _JoinedServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> ForwardProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(5)


def main() -> None:
    """``python channel_server.py FOLDER [--rate BYTES_PER_S]``: serve a channel folder (no
    faults) from a separate process, so the test process's GIL only carries the client; prints
    the URL, runs until stdin closes. Each line ``wire`` on stdin is answered with one line:
    the HTTP bytes received and sent so far."""
    import argparse
    import sys

    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rate", type=float, default=None, help="bytes per second, all told")
    args = parser.parse_args()
    with ChannelServer(args.folder, args.rate) as server:
        print(server.url, flush=True)
        for line in sys.stdin:
            if line.strip() == "wire":
                received, sent = server.state.wire()
                print(received, sent, flush=True)


if __name__ == "__main__":
    main()

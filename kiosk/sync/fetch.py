"""HTTP for the sync client: bounded small downloads and resumable, deadline-bound objects.

Every request has connect and read timeouts; a read timeout only bounds the gap between
bytes, so object downloads also carry a total deadline that is checked after every read
(``read1`` returns whatever one socket read gave, so a server dripping one byte at a time
cannot hold a read open past the deadline). Transient faults (dropped connection, timeout,
HTTP 5xx/429) are retried with exponential backoff and jitter; an object resumes from the
byte it reached with an HTTP ``Range`` request.

:class:`Prefetcher` downloads a run of objects on one helper thread, a bounded number of
chunks ahead of the consumer, so socket reads (and the next request) overlap checking and
writing the bytes already received.
"""

from __future__ import annotations

import contextlib
import queue
import random
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import requests
import urllib3.exceptions

from kiosk.sync.deadline import Watch, mount_watched
from kiosk.sync.deadline import deadline as total_deadline
from kiosk.util.failure_kinds import Failure, FailureKind

CHUNK_BYTES = 1024 * 1024
#: Chunks a :class:`Prefetcher` may hold ahead of its consumer (bounds memory).
PREFETCH_CHUNKS = 8
_CONTENT_RANGE = re.compile(r"^bytes (\d+)-(\d+)/(\d+|\*)$")


class FetchError(Failure):
    """A download failed; ``reason`` is one plain line, ``retryable`` if it may pass."""

    default_kind = FailureKind.OFFLINE

    def __init__(
        self, reason: str, kind: FailureKind | None = None, retryable: bool = False
    ) -> None:
        super().__init__(reason, kind)
        self.retryable = retryable


@dataclass(frozen=True)
class FetchOptions:
    connect_timeout_s: float = 10.0
    read_timeout_s: float = 30.0
    #: Object deadline = base + size / slowest acceptable rate.
    deadline_base_s: float = 60.0
    min_rate_bytes_per_s: float = 20_000.0
    retries: int = 5
    backoff_base_s: float = 1.0
    backoff_max_s: float = 60.0
    max_redirects: int = 5
    ca_bundle: str = ""
    proxy: str = ""

    def deadline_s(self, size: int) -> float:
        return self.deadline_base_s + size / self.min_rate_bytes_per_s


@dataclass(frozen=True)
class IndexResponse:
    not_modified: bool
    body: bytes
    etag: str
    last_modified: str


def make_session(options: FetchOptions) -> requests.Session:
    """One session per thread. Proxy and CA settings from config; requests' environment
    settings (``HTTPS_PROXY``, ``NO_PROXY``, ``REQUESTS_CA_BUNDLE``) still apply otherwise."""
    session = requests.Session()
    mount_watched(session)  # a total deadline per request, headers included
    session.max_redirects = options.max_redirects
    session.headers["Accept-Encoding"] = "identity"
    session.headers["User-Agent"] = "green-space-kiosk-sync"
    if options.proxy:
        session.proxies = {"http": options.proxy, "https": options.proxy}
    if options.ca_bundle:
        session.verify = options.ca_bundle
    return session


class Fetcher:
    """Downloads for one sync run. ``sleep`` and ``rng`` are injectable for tests."""

    def __init__(
        self,
        session: requests.Session,
        options: FetchOptions,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.session = session
        self.options = options
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._clock = clock
        self.bytes_fetched = 0  # every body byte received, retries included

    # -- small documents -------------------------------------------------------------------
    def get_index(self, url: str, etag: str, last_modified: str) -> IndexResponse:
        headers = {"Cache-Control": "no-cache"}
        if etag:  # exact; a date has one-second resolution, so only when there is no ETag
            headers["If-None-Match"] = etag
        elif last_modified:
            headers["If-Modified-Since"] = last_modified
        resp, body = self._with_retries(lambda: self._get_small(url, headers, 1024 * 1024))
        if resp.status_code == 304:
            return IndexResponse(True, b"", etag, last_modified)
        return IndexResponse(
            False, body, resp.headers.get("ETag", ""), resp.headers.get("Last-Modified", "")
        )

    def get_small(self, url: str, max_bytes: int) -> bytes:
        _resp, body = self._with_retries(lambda: self._get_small(url, {}, max_bytes))
        return body

    def _get_small(
        self, url: str, headers: dict[str, str], max_bytes: int
    ) -> tuple[requests.Response, bytes]:
        limit_s = self.options.deadline_s(max_bytes)
        deadline = self._clock() + limit_s
        with (
            total_deadline(limit_s) as watch,
            _timed_out_if(watch, url),
            self._request(url, headers) as resp,
        ):
            if resp.status_code == 304:
                return resp, b""
            _check_status(resp, url)
            _check_length(resp, max_bytes, url, exact=False)
            body = bytearray()
            for chunk in self._read(resp, deadline, url):
                body += chunk
                if len(body) > max_bytes:
                    raise FetchError(
                        f"{_name(url)}: server sent more than {max_bytes} bytes",
                        FailureKind.DAMAGED,
                    )
            return resp, bytes(body)

    # -- objects ---------------------------------------------------------------------------
    def object_chunks(self, url: str, size: int) -> Iterator[bytes]:
        """Yield exactly ``size`` bytes of ``url``, resuming with Range after a drop.

        Raises FetchError; the bytes are checked by the caller (the library's checker)."""
        got = 0
        failures = 0
        deadline = self._clock() + self.options.deadline_s(size)
        while got < size or size == 0:
            headers = {"Range": f"bytes={got}-"} if got else {}
            try:
                remaining = max(0.0, deadline - self._clock())
                with (
                    total_deadline(remaining) as watch,
                    _timed_out_if(watch, url),
                    self._request(url, headers) as resp,
                ):
                    skip = self._start_object(resp, url, got, size)
                    for chunk in self._read(resp, deadline, url):
                        if skip:
                            cut = min(skip, len(chunk))
                            chunk, skip = chunk[cut:], skip - cut
                        if got + len(chunk) > size:
                            raise FetchError(
                                f"{_name(url)}: server sent more than the {size} bytes "
                                "the signed manifest declares",
                                FailureKind.DAMAGED,
                            )
                        if chunk:
                            got += len(chunk)
                            yield chunk
                    if size == 0:
                        return
            except FetchError as exc:
                if not exc.retryable:
                    raise
                failures += 1
                if failures > self.options.retries:
                    raise FetchError(
                        f"{exc.reason} (gave up after {failures} tries)", exc.kind, retryable=True
                    ) from None
                self._backoff(failures, deadline)

    def _start_object(self, resp: requests.Response, url: str, got: int, size: int) -> int:
        """Check the response head; return how many leading bytes to skip."""
        _check_status(resp, url)
        if got and resp.status_code == 206:
            match = _CONTENT_RANGE.match(resp.headers.get("Content-Range", ""))
            if not match or int(match.group(1)) != got:
                raise FetchError(
                    f"{_name(url)}: server answered a resume with the wrong range",
                    FailureKind.DAMAGED,
                )
            if match.group(3) != "*" and int(match.group(3)) != size:
                raise FetchError(
                    f"{_name(url)}: server says the file has {match.group(3)} bytes, "
                    f"the signed manifest says {size}",
                    FailureKind.DAMAGED,
                )
            _check_length(resp, size - got, url, exact=True)
            return 0
        if resp.status_code == 206:
            raise FetchError(
                f"{_name(url)}: server sent part of a file that was not asked for",
                FailureKind.DAMAGED,
            )
        _check_length(resp, size, url, exact=True)
        return got  # the server ignored Range: skip what we already have

    # -- plumbing --------------------------------------------------------------------------
    def _request(self, url: str, headers: dict[str, str]) -> requests.Response:
        opts = self.options
        try:
            return self.session.get(
                url,
                headers=headers,
                stream=True,
                timeout=(opts.connect_timeout_s, opts.read_timeout_s),
            )
        except requests.TooManyRedirects:
            raise FetchError(
                f"{_name(url)}: the server redirects in a loop", FailureKind.REFUSED
            ) from None
        except requests.exceptions.InvalidURL as exc:
            raise FetchError(
                f"channel URL is not valid: {exc}", FailureKind.NOT_CONFIGURED
            ) from None
        except requests.exceptions.SSLError as exc:
            raise FetchError(f"secure connection failed: {_short(exc)}", retryable=True) from None
        except requests.exceptions.ProxyError as exc:
            raise FetchError(
                f"the proxy refused or failed: {_short(exc)}", retryable=True
            ) from None
        except requests.ConnectTimeout:
            raise FetchError(
                f"{_host(url)}: no answer (connect timeout)", FailureKind.TIMEOUT, retryable=True
            ) from None
        except requests.ReadTimeout:
            raise FetchError(
                f"{_name(url)}: server stopped answering (timeout)", FailureKind.TIMEOUT, True
            ) from None
        except requests.ConnectionError as exc:
            raise FetchError(
                f"cannot reach {_host(url)}: {_not_connected(exc)}", retryable=True
            ) from None
        except requests.RequestException as exc:
            raise FetchError(
                f"{_name(url)}: request failed ({_short(exc)})", retryable=True
            ) from None

    def _read(self, resp: requests.Response, deadline: float, url: str) -> Iterator[bytes]:
        raw = resp.raw
        try:
            while True:
                if self._clock() > deadline:
                    raise FetchError(
                        f"{_name(url)}: download too slow; total time limit reached",
                        FailureKind.TIMEOUT,
                        retryable=True,
                    )
                chunk = raw.read1(CHUNK_BYTES)
                if not chunk:
                    break
                self.bytes_fetched += len(chunk)
                yield chunk
        except urllib3.exceptions.ReadTimeoutError:
            raise FetchError(
                f"{_name(url)}: server stopped sending (timeout)", FailureKind.TIMEOUT, True
            ) from None
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            raise FetchError(
                f"{_name(url)}: connection dropped ({_short(exc)})", retryable=True
            ) from None

    def _with_retries(
        self, op: Callable[[], tuple[requests.Response, bytes]]
    ) -> tuple[requests.Response, bytes]:
        failures = 0
        while True:
            try:
                return op()
            except FetchError as exc:
                failures += 1
                if not exc.retryable or failures > self.options.retries:
                    raise
                self._backoff(failures, None)

    def _backoff(self, failures: int, deadline: float | None) -> None:
        opts = self.options
        delay = min(opts.backoff_max_s, opts.backoff_base_s * 2 ** (failures - 1))
        delay *= self._rng.uniform(0.5, 1.0)
        if deadline is not None and self._clock() + delay > deadline:
            raise FetchError(
                "download too slow; total time limit reached", FailureKind.TIMEOUT, True
            )
        self._sleep(delay)


@contextlib.contextmanager
def _timed_out_if(watch: Watch, url: str) -> Iterator[None]:
    """A request cut off by its total deadline fails as a timeout, whatever broke first."""
    try:
        yield
    except FetchError as exc:
        if watch.expired:
            raise FetchError(
                f"{_name(url)}: download too slow; total time limit reached",
                FailureKind.TIMEOUT,
                retryable=True,
            ) from None
        raise exc


_END = object()


class Prefetcher:
    """Download ``objects`` (url, size) in order on a helper thread; take each one's chunks
    with :meth:`next_object`. At most ``ahead_chunks`` chunks wait in memory. Call
    :meth:`close` (or use as a context manager) however the consumer ends.

    The helper is the only user of the fetcher's session until it ends."""

    def __init__(
        self,
        fetcher: Fetcher,
        objects: Sequence[tuple[str, int]],
        ahead_chunks: int = PREFETCH_CHUNKS,
    ) -> None:
        self._queue: queue.Queue[object] = queue.Queue(ahead_chunks)
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(fetcher, list(objects)), name="sync-prefetch", daemon=True
        )
        self._thread.start()

    def __enter__(self) -> Prefetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def next_object(self) -> Iterator[bytes]:
        """The next object's chunks; raises what its download raised (FetchError)."""
        while True:
            item = self._queue.get()
            if item is _END:
                return
            if isinstance(item, BaseException):
                raise item
            assert isinstance(item, bytes)
            yield item

    def close(self) -> None:
        """Stop downloading and wait for the helper (at most one read timeout)."""
        self._stop.set()
        self._thread.join()

    def _run(self, fetcher: Fetcher, objects: list[tuple[str, int]]) -> None:
        try:
            for url, size in objects:
                for chunk in fetcher.object_chunks(url, size):
                    if not self._put(chunk):
                        return
                if not self._put(_END):
                    return
        except BaseException as exc:  # handed to the consumer, raised there
            self._put(exc)

    def _put(self, item: object) -> bool:
        """Queue ``item``; False once the consumer has closed."""
        while not self._stop.is_set():
            try:
                self._queue.put(item, timeout=0.05)
            except queue.Full:
                continue
            return True
        return False


def _check_status(resp: requests.Response, url: str) -> None:
    code = resp.status_code
    if code in (200, 206):
        return
    if code == 404:
        raise FetchError(
            f"{_name(url)} is not on the channel server (HTTP 404)", FailureKind.NOT_FOUND
        )
    if code == 429 or code >= 500:
        raise FetchError(
            f"{_name(url)}: server busy or failing (HTTP {code})", FailureKind.SERVER_ERROR, True
        )
    raise FetchError(
        f"{_name(url)}: server refused (HTTP {code} {resp.reason})", FailureKind.REFUSED
    )


def _check_length(resp: requests.Response, expected: int, url: str, exact: bool) -> None:
    text = resp.headers.get("Content-Length")
    if text is None:
        return
    try:
        length = int(text)
    except ValueError:
        raise FetchError(
            f"{_name(url)}: server sent a malformed Content-Length", FailureKind.DAMAGED
        ) from None
    if (exact and length != expected) or length > expected:
        raise FetchError(
            f"{_name(url)}: server announces {length} bytes, expected "
            f"{'' if exact else 'at most '}{expected}",
            FailureKind.DAMAGED,
        )


def _name(url: str) -> str:
    tail = url.rstrip("/").rsplit("/", 1)[-1]
    return tail[:16] if len(tail) == 64 else tail


def _host(url: str) -> str:
    return url.split("/")[2] if "://" in url else url


def _not_connected(exc: BaseException) -> str:
    """Why a connection failed, in words (urllib3's text names its own classes)."""
    text = str(exc)
    if "Connection refused" in text or "Errno 111" in text:
        return "connection refused — is the channel server running?"
    if "Name or service not known" in text or "nodename nor servname" in text:
        return "no such host — check [channel] url and the network"
    if "Network is unreachable" in text or "No route to host" in text:
        return "the network is unreachable — check the cable or Wi-Fi"
    return f"cannot connect ({_short(exc)})"


def _short(exc: BaseException) -> str:
    text = str(exc)
    return text if len(text) < 160 else text[:157] + "..."

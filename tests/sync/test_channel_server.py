"""The loopback channel server itself: a rate-limited link and the HTTP bytes it counts, which
the sync benchmark reports (a benchmark on a wrong server measures nothing)."""

from __future__ import annotations

import time
from pathlib import Path

import requests
from channel_server import ChannelServer


def test_rate_limit_holds_every_connection_together_to_the_link_rate(tmp_path: Path) -> None:
    (tmp_path / "objects").mkdir()
    (tmp_path / "objects" / "a").write_bytes(b"a" * 300_000)
    (tmp_path / "objects" / "b").write_bytes(b"b" * 300_000)
    with (
        ChannelServer(tmp_path, rate_bytes_per_s=1_000_000) as server,
        requests.Session() as session,
    ):
        t0 = time.monotonic()
        got = sum(
            len(session.get(f"{server.url}/objects/{name}", timeout=5).content)
            for name in ("a", "b")
        )
        elapsed = time.monotonic() - t0
    assert got == 600_000
    assert 0.53 <= elapsed < 1.5  # 600 kB at 1 MB/s, less the 64 KiB burst of a full bucket


def test_counts_http_bytes_both_ways_including_a_304(tmp_path: Path) -> None:
    (tmp_path / "index.json").write_bytes(b"{}")
    with ChannelServer(tmp_path) as server:
        first = requests.get(f"{server.url}/index.json", timeout=5)
        before = server.state.wire()
        again = requests.get(
            f"{server.url}/index.json", headers={"If-None-Match": first.headers["ETag"]}, timeout=5
        )
        after = server.state.wire()
    assert again.status_code == 304
    received, sent = after[0] - before[0], after[1] - before[1]
    assert 100 < received < 400  # the request line and requests' default headers
    assert 30 < sent < 200  # status line, ETag, the server's own headers; no body

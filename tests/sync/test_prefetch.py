"""The prefetch thread of the sync client: objects arrive whole and in order, a failed
download is raised where its object is taken, and closing early stops the helper with at
most a few chunks held (memory stays flat)."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from channel_server import ChannelServer
from sync_helpers import FAST

from kiosk.sync.fetch import CHUNK_BYTES, Fetcher, FetchError, Prefetcher


@pytest.fixture
def objects_server(tmp_path: Path) -> Iterator[tuple[ChannelServer, dict[str, bytes]]]:
    root = tmp_path / "channel"
    (root / "objects").mkdir(parents=True)
    blobs = {"a": os.urandom(3 * CHUNK_BYTES + 17), "b": b"", "c": os.urandom(1000)}
    blobs["big"] = os.urandom(8 * CHUNK_BYTES)
    for name, data in blobs.items():
        (root / "objects" / name).write_bytes(data)
    with ChannelServer(root) as srv:
        yield srv, blobs


def _fetcher() -> Fetcher:
    return Fetcher(requests.Session(), FAST)


def _helpers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "sync-prefetch"]


def test_objects_arrive_whole_and_in_order(objects_server) -> None:
    srv, blobs = objects_server
    names = ["c", "a", "b"]
    fetcher = _fetcher()
    jobs = [(f"{srv.url}/objects/{n}", len(blobs[n])) for n in names]
    with Prefetcher(fetcher, jobs, ahead_chunks=2) as prefetch:
        got = [b"".join(prefetch.next_object()) for _ in names]
    assert got == [blobs[n] for n in names]
    assert fetcher.bytes_fetched == sum(len(blobs[n]) for n in names)
    assert not _helpers()


def test_failed_download_is_raised_at_its_object(objects_server) -> None:
    srv, blobs = objects_server
    jobs = [(f"{srv.url}/objects/c", 1000), (f"{srv.url}/objects/missing", 10)]
    with Prefetcher(_fetcher(), jobs) as prefetch:
        assert b"".join(prefetch.next_object()) == blobs["c"]
        with pytest.raises(FetchError, match="not on the channel server"):
            list(prefetch.next_object())
    assert not _helpers()


def test_closing_early_stops_the_helper_with_few_chunks_held(objects_server) -> None:
    srv, blobs = objects_server
    fetcher = _fetcher()
    prefetch = Prefetcher(fetcher, [(f"{srv.url}/objects/big", len(blobs["big"]))], 1)
    chunks = prefetch.next_object()
    first = next(chunks)
    assert blobs["big"].startswith(first)
    prefetch.close()
    assert not _helpers()
    # one chunk taken, one queued, one waiting to be queued: never the whole object
    assert fetcher.bytes_fetched <= 3 * CHUNK_BYTES < len(blobs["big"])

"""First sync of a large channel over loopback, next to a plain ``requests`` download of the
same bytes from the same server in the same run; then the bytes fetched for a one-file change.

    .venv/bin/python benchmarks/bench_sync.py [--quick] [--dir DIR]

Full run: a 200 MB channel; --quick: 30 MB. The channel is served by ``python -m http.server``
in a separate process (as in the docs' trial setup). Target: first sync >= 0.7 x the
throughput of the plain download (which only writes the bytes; the sync also verifies every
byte, fsyncs and installs atomically); a one-file change fetches that file plus the index,
manifest and signature.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import psutil
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.content.builder import build_pack
from kiosk.content.keys import TrustedKey, TrustStore
from kiosk.content.library import Library
from kiosk.content.policy import InstallPolicy
from kiosk.content.template import create_example
from kiosk.sync.client import SyncClient, SyncSettings
from kiosk.sync.publisher import publish_pack, read_channel_index
from kiosk.sync.state import StateFile

MB = 1024 * 1024
FILE_MB = 10
ROUNDS = 5


def make_source(root: Path, total_mb: int) -> None:
    """The example pack plus videos of random bytes (incompressible, like real video)."""
    create_example(root)
    (root / "videos").mkdir()
    for i in range(total_mb // FILE_MB):
        write_video(root / "videos" / f"clip{i:02d}.mp4")


def write_video(path: Path) -> None:
    with open(path, "wb") as fh:
        fh.write(b"\0\0\0\x18ftypmp42")
        for _ in range(FILE_MB):
            fh.write(os.urandom(MB))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(channel: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
         "--directory", str(channel)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            requests.get(url + "/index.json", timeout=1).raise_for_status()
            return proc, url
        except requests.RequestException:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("http.server did not start")


def machine_busy_s() -> float:
    """CPU-seconds every core of the machine has spent busy so far (client, server, kernel)."""
    t = psutil.cpu_times()
    return float(sum(t) - t.idle - getattr(t, "iowait", 0.0))


class Timed:
    """Wall time and machine-wide busy CPU-seconds of one ``with`` block."""

    def __enter__(self) -> Timed:
        self._wall, self._busy = time.perf_counter(), machine_busy_s()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.wall = time.perf_counter() - self._wall
        self.busy = machine_busy_s() - self._busy


def sha256_seconds(folder: Path, names: list[str]) -> float:
    """CPU time of SHA-256 over the files (read from the page cache, hashed on one core)."""
    t0 = time.thread_time()
    for name in names:
        with open(folder / name, "rb") as fh:
            hashlib.file_digest(fh, "sha256")
    return time.thread_time() - t0


def plain_download(url: str, names: list[str], out: Path, fsync: bool = False) -> int:
    """What any script would do: stream each file to disk with requests (``fsync``: and
    flush each file to the disk, as an install that survives power loss must)."""
    out.mkdir()
    total = 0
    with requests.Session() as session:
        for name in names:
            with session.get(f"{url}/objects/{name}", stream=True, timeout=30) as resp:
                resp.raise_for_status()
                with open(out / name, "wb") as fh:
                    for chunk in resp.iter_content(MB):
                        fh.write(chunk)
                        total += len(chunk)
                    if fsync:
                        fh.flush()
                        os.fsync(fh.fileno())
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="30 MB instead of 200 MB")
    parser.add_argument("--dir", type=Path, help="work folder (default: a temp folder)")
    args = parser.parse_args()
    total_mb = 30 if args.quick else 200
    work = Path(tempfile.mkdtemp(prefix="bench-sync-", dir=args.dir))
    try:
        run(work, total_mb)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(work: Path, total_mb: int) -> None:
    index_key, pack_key = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    src, channel = work / "src", work / "channel"
    make_source(src, total_mb)
    build_pack(src, pack_key, work / "v1.kpack")
    publish_pack(work / "v1.kpack", channel, index_key, datetime.now(UTC))
    proc, url = serve(channel)
    try:
        settings = SyncSettings(
            url=url,
            index_trust=TrustStore([TrustedKey(index_key.public_key())]),
            pack_trust=TrustStore([TrustedKey(pack_key.public_key())]),
            policy=InstallPolicy(),
        )
        names = sorted(p.name for p in (channel / "objects").iterdir())
        plain: list[Timed] = []
        synced: list[Timed] = []
        syncs: list[Timed] = []
        for round_no in range(ROUNDS):  # alternate, so neither side always has a warm cache
            with Timed() as t:
                plain_bytes = plain_download(url, names, work / "plain")
            plain.append(t)
            shutil.rmtree(work / "plain")
            with Timed() as t:
                plain_download(url, names, work / "plain", fsync=True)
            synced.append(t)
            shutil.rmtree(work / "plain")
            kiosk = work / f"kiosk{round_no}"
            client = SyncClient(Library(kiosk / "library"), StateFile(kiosk / "sync"), settings)
            with Timed() as t:
                first = client.sync_once()
            syncs.append(t)
            assert first.status == "updated", first
            if round_no < ROUNDS - 1:
                shutil.rmtree(kiosk)
        # Each figure from its best round: that round's wall time and busy CPU-seconds.
        best = [min(ts, key=lambda t: t.wall) for ts in (plain, synced, syncs)]
        plain_s, synced_s, sync_s = (t.wall for t in best)
        plain_cpu, synced_cpu, sync_cpu = (t.busy for t in best)
        plain_mbs = plain_bytes / MB / plain_s
        sync_mbs = first.bytes_fetched / MB / sync_s
        synced_mbs = plain_bytes / MB / synced_s
        cores = os.cpu_count() or 1
        print(
            f"channel: {total_mb} MB in {len(names)} objects, served by python -m http.server; "
            f"best of {ROUNDS} alternating rounds; CPU = busy CPU-seconds of the whole "
            f"{cores}-core machine (client, server, kernel)"
        )
        print(
            f"plain requests download     : {plain_bytes / MB:6.1f} MB in {plain_s:5.2f} s "
            f"= {plain_mbs:6.1f} MB/s  CPU {plain_cpu:4.2f} s  (baseline)"
        )
        print(
            f"plain download + fsync/file : {plain_bytes / MB:6.1f} MB in {synced_s:5.2f} s "
            f"= {synced_mbs:6.1f} MB/s  CPU {synced_cpu:4.2f} s  (what crash safety alone costs)"
        )
        print(
            f"first sync (verify+install) : {first.bytes_fetched / MB:6.1f} MB in {sync_s:5.2f} s "
            f"= {sync_mbs:6.1f} MB/s  CPU {sync_cpu:4.2f} s  ratio {sync_mbs / plain_mbs:.2f} "
            f"to baseline (target >= 0.70); {sync_mbs / synced_mbs:.2f} to download + fsync"
        )
        # No client can finish faster than its CPU work spread perfectly over every core; any
        # client that checks the bytes needs at least the plain download's CPU plus SHA-256.
        hash_s = sha256_seconds(channel / "objects", names)
        floor_s = sync_cpu / cores
        least_s = (plain_cpu + hash_s) / cores
        print(
            f"CPU bound: SHA-256 of the same bytes takes {hash_s:.3f} s on one core. Any client "
            f"that checks them needs >= (plain CPU + SHA-256) / {cores} cores = {least_s:.3f} s: "
            f"ratio <= {min(1.0, plain_s / least_s):.2f}. This sync's {sync_cpu:.2f} CPU-s allow "
            f"<= {min(1.0, plain_s / floor_s):.2f}; it reaches {floor_s / sync_s:.0%} of that."
        )

        # http.server's Last-Modified has one-second resolution (no ETag): publish v2 in a
        # later second, or a kiosk that fetched v1 this second would rightly get 304.
        time.sleep(max(0.0, 1.1 - (time.time() % 1.0)))
        write_video(src / "videos" / "clip00.mp4")
        pack_yaml = src / "pack.yaml"
        pack_yaml.write_text(
            pack_yaml.read_text("utf-8").replace("version: 1\n", "version: 2\n"), "utf-8"
        )
        build_pack(src, pack_key, work / "v2.kpack")
        publish_pack(work / "v2.kpack", channel, index_key, datetime.now(UTC))
        index = read_channel_index(channel)
        assert index is not None
        entry = next(iter(index.packs.values()))
        changed = (src / "videos" / "clip00.mp4").stat().st_size
        expected = (
            (channel / "index.json").stat().st_size + entry.manifest_size + entry.signature_size
            + changed + pack_yaml.stat().st_size
        )  # fmt: skip
        t0 = time.perf_counter()
        second = client.sync_once()
        delta_s = time.perf_counter() - t0
        assert second.status == "updated", second
        print(f"one-file change: fetched {second.bytes_fetched:,} bytes in {delta_s:.2f} s; "
              f"changed file {changed:,} + pack.yaml + index + manifest + signature = "
              f"{expected:,} bytes (ratio {second.bytes_fetched / expected:.3f}, target 1.000)")  # fmt: skip
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    main()

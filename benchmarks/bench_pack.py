"""Verify + install throughput of a large content pack, next to plain SHA-256 (+ copy) of the
same bytes measured in the same run, and memory growth while installing.

    .venv/bin/python benchmarks/bench_pack.py [--quick] [--dir DIR]

Full run: a 200 MB pack; --quick: 40 MB. Target: install >= 0.7 x the baseline throughput,
memory flat (growth independent of pack size).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psutil
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.content.builder import build_pack
from kiosk.content.installer import install_kpack, verify_kpack
from kiosk.content.keys import TrustedKey, TrustStore
from kiosk.content.library import Library
from kiosk.content.policy import InstallPolicy
from kiosk.content.template import create_example

MB = 1024 * 1024
CHUNK = 1024 * 1024


def make_source(root: Path, total_mb: int) -> None:
    """The example pack plus videos of random bytes (incompressible, like real video)."""
    create_example(root)
    (root / "videos").mkdir()
    left_mb, i = total_mb, 0
    while left_mb > 0:
        file_mb = min(25, left_mb)
        with open(root / "videos" / f"clip{i:02d}.mp4", "wb") as fh:
            fh.write(b"\0\0\0\x18ftypmp42")
            for _ in range(file_mb):
                fh.write(os.urandom(MB))
        left_mb -= file_mb
        i += 1


def baseline_hash(path: Path) -> None:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            h.update(chunk)


def baseline_hash_copy(path: Path, dest: Path) -> None:
    h = hashlib.sha256()
    with open(path, "rb") as fin, open(dest, "wb") as fout:
        while chunk := fin.read(CHUNK):
            h.update(chunk)
            fout.write(chunk)
        fout.flush()
        os.fsync(fout.fileno())


class PeakRss:
    """Sample this process's RSS every 5 ms while running."""

    def __init__(self) -> None:
        self.proc = psutil.Process()
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.proc.memory_info().rss)
            self._stop.wait(0.005)

    def __enter__(self) -> PeakRss:
        self.start = self.proc.memory_info().rss
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.start) / MB


def best_of(runs: int, fn: Callable[[int], None]) -> float:
    times = []
    for i in range(runs):
        t0 = time.perf_counter()
        fn(i)
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="40 MB pack instead of 200 MB")
    parser.add_argument("--dir", type=Path, default=None, help="work folder (default: temp)")
    args = parser.parse_args()
    size_mb = 40 if args.quick else 200
    runs = 2 if args.quick else 3
    work = Path(tempfile.mkdtemp(prefix="bench-pack-", dir=args.dir))
    try:
        key = Ed25519PrivateKey.generate()
        trust = TrustStore([TrustedKey(key.public_key())])
        policy = InstallPolicy(site_kind="school")
        src, pack = work / "src", work / "big.kpack"
        make_source(src, size_mb)
        build_pack(src, key, pack)
        small_src, small_pack = work / "small-src", work / "small.kpack"
        make_source(small_src, size_mb // 4)
        build_pack(small_src, key, small_pack)
        size, small_size = pack.stat().st_size, small_pack.stat().st_size

        def install(i: int, which: Path = pack) -> None:
            lib_root = work / f"lib-{which.stem}-{i}"
            install_kpack(which, Library(lib_root), trust, policy)
            shutil.rmtree(lib_root)

        def copy(i: int) -> None:
            dest = work / f"copy{i}"
            baseline_hash_copy(pack, dest)
            dest.unlink()

        baseline_hash(pack)  # warm the page cache for every contender alike
        t_hash = best_of(runs, lambda i: baseline_hash(pack))
        t_verify = best_of(runs, lambda i: verify_kpack(pack, trust, policy))
        t_copy = best_of(runs, copy)
        t_install = best_of(runs, install)
        with PeakRss() as mem_big:
            install(99)
        with PeakRss() as mem_small:
            install(98, small_pack)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def mbps(t: float) -> float:
        return size / MB / t

    print(f"pack: {size / MB:.0f} MB ({'quick' if args.quick else 'full'}), best of {runs}")
    print(f"{'':34}{'MB/s':>8}{'baseline MB/s':>15}{'ratio':>8}")
    print(
        f"{'verify (kiosk pack verify)':34}{mbps(t_verify):8.0f}{mbps(t_hash):15.0f}{t_hash / t_verify:8.2f}   baseline: plain SHA-256 of the file"
    )
    print(
        f"{'verify+install (kiosk pack install)':34}{mbps(t_install):8.0f}{mbps(t_copy):15.0f}{t_copy / t_install:8.2f}   baseline: SHA-256 + copy + fsync"
    )
    print(f"memory growth while installing: {mem_big.growth_mb:.1f} MB for {size / MB:.0f} MB, "
          f"{mem_small.growth_mb:.1f} MB for {small_size / MB:.0f} MB")  # fmt: skip
    ok = t_copy / t_install >= 0.7
    print("target (install >= 0.7 x baseline):", "met" if ok else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The staff PIN: scrypt hash with a random salt, wrong-attempt counting and lockout.

State lives in one small JSON file written atomically, so a restart neither forgets the
lockout nor loses the PIN. Hashing is slow on purpose (~50-100 ms): callers in the UI run
:meth:`PinStore.check` through the background task helper.

Guessing is slowed down, not just paused: after ``max_attempts`` wrong PINs the keypad locks
for ``lockout_seconds``; every wrong PIN after that (until the right one) locks it again for
twice as long, up to :data:`MAX_LOCKOUT_S`. Waiting alone never resets the count, so a
4-digit PIN that is not trivial (those are refused) holds for years, not days. A lockout is
timed on the monotonic clock while the app runs, so moving the wall clock either way changes
nothing; across a restart it is kept from the file, never longer than its own length.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import math
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from kiosk.util.atomic import atomic_write_text

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
MIN_PIN_LENGTH = 4
MAX_PIN_LENGTH = 12
MAX_LOCKOUT_S = 24 * 3600.0
#: Among the most used 4-digit PINs that the rules below do not already catch.
COMMON_PINS = frozenset({"1004", "2000", "2001", "6969", "1122", "2580", "0852", "2468", "1357",
                         "8642", "7531", "1998", "1999", "2020", "2021", "2022", "2023", "2024",
                         "2025", "2026", "5683", "0007", "1024"})  # fmt: skip


class PinError(ValueError):
    """A PIN that cannot be stored (too short, not digits)."""


class PinResult(StrEnum):
    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"
    NOT_SET = "not_set"


@dataclass(frozen=True)
class PinCheck:
    result: PinResult
    attempts_left: int
    retry_after_s: float  # how long the keypad stays locked; 0 when not locked


def is_trivial(pin: str) -> bool:
    """One digit repeated, a run up or down (0123, 9876, 7890), a repeated pair (1212) or a
    very common PIN: the first ones anybody tries."""
    steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(pin)}
    if len(steps) == 1 and steps <= {0, 1, 9}:
        return True
    if len(set(pin[0::2])) == 1 and len(set(pin[1::2])) == 1:
        return True
    return pin in COMMON_PINS


def validate_pin(pin: str) -> str:
    pin = pin.strip()
    if not pin.isdigit() or not pin.isascii():
        raise PinError("the PIN must be digits only")
    if not MIN_PIN_LENGTH <= len(pin) <= MAX_PIN_LENGTH:
        raise PinError(f"the PIN must have {MIN_PIN_LENGTH} to {MAX_PIN_LENGTH} digits")
    if is_trivial(pin):
        raise PinError(
            "this PIN is one of the first anybody would try (repeated digits, a run like "
            "1234, a repeated pair or a very common PIN): choose another"
        )
    return pin


def hash_pin(pin: str, salt: bytes | None = None) -> dict[str, object]:
    salt = salt if salt is not None else os.urandom(16)
    digest = hashlib.scrypt(
        pin.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, maxmem=64 * 1024 * 1024
    )
    return {
        "algorithm": "scrypt",
        "n": SCRYPT_N,
        "r": SCRYPT_R,
        "p": SCRYPT_P,
        "salt": base64.b64encode(salt).decode(),
        "hash": base64.b64encode(digest).decode(),
    }


def _verify(pin: str, record: dict[str, object]) -> bool:
    salt = base64.b64decode(str(record["salt"]))
    expected = base64.b64decode(str(record["hash"]))
    digest = hashlib.scrypt(
        pin.encode(),
        salt=salt,
        n=int(record["n"]),  # type: ignore[call-overload]
        r=int(record["r"]),  # type: ignore[call-overload]
        p=int(record["p"]),  # type: ignore[call-overload]
        maxmem=64 * 1024 * 1024,
    )
    return hmac.compare_digest(digest, expected)


class PinStore:
    """PIN hash, wrong-attempt count and lockout in ``path`` (JSON, atomically written).

    File fields: ``pin`` (the hash), ``failures`` (wrong PINs since the last right one),
    ``locked_until`` (wall clock) and ``lock_s`` (that lockout's length).
    """

    def __init__(
        self,
        path: Path,
        *,
        max_attempts: int = 5,
        lockout_seconds: float = 300,
        clock: Callable[[], float] = time.time,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.path = Path(path)
        self.max_attempts = max_attempts
        self.lockout_seconds = lockout_seconds
        self._clock = clock
        self._monotonic = monotonic
        self._lock = threading.Lock()
        #: this process's lockout end on the monotonic clock (None: take it from the file)
        self._locked_until_mono: float | None = None

    def _load(self) -> dict[str, object]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            return {}  # unreadable state: treated as "no PIN set"; set-pin rewrites it
        return data if isinstance(data, dict) else {}

    def _save(self, data: dict[str, object]) -> None:
        atomic_write_text(self.path, json.dumps(data, indent=2), mode=0o600)

    def is_set(self) -> bool:
        return "pin" in self._load()

    def set_pin(self, pin: str) -> None:
        record = hash_pin(validate_pin(pin))
        with self._lock:
            self._locked_until_mono = None
            self._save({"pin": record, "failures": 0, "locked_until": 0, "lock_s": 0})

    def _remaining(self, data: dict[str, object]) -> float:
        """Seconds the keypad stays locked (0: open)."""
        if self._locked_until_mono is not None:
            return max(0.0, self._locked_until_mono - self._monotonic())
        until, length = _number(data.get("locked_until")), _number(data.get("lock_s"))
        if until <= 0:
            return 0.0
        remaining = min(until - self._clock(), length if length > 0 else self.lockout_seconds)
        if remaining > 0:  # from now on, timed on this process's monotonic clock
            self._locked_until_mono = self._monotonic() + remaining
        return max(0.0, remaining)

    def lock_remaining_s(self) -> float:
        with self._lock:
            return self._remaining(self._load())

    def check(self, pin: str) -> PinCheck:
        """Verify ``pin``; counts failures and locks, longer each time, after too many."""
        with self._lock:
            data = self._load()
            remaining = self._remaining(data)
            if remaining > 0:
                return PinCheck(PinResult.LOCKED, 0, remaining)
            record = data.get("pin")
            if not isinstance(record, dict):
                return PinCheck(PinResult.NOT_SET, self.max_attempts, 0)
            if _verify(pin, record):
                self._locked_until_mono = None
                data.update(failures=0, locked_until=0, lock_s=0)
                self._save(data)
                return PinCheck(PinResult.OK, self.max_attempts, 0)
            failures = int(_number(data.get("failures"))) + 1
            if failures < self.max_attempts:
                data.update(failures=failures, locked_until=0, lock_s=0)
                self._save(data)
                return PinCheck(PinResult.WRONG, self.max_attempts - failures, 0)
            doublings = failures - self.max_attempts
            length = min(MAX_LOCKOUT_S, self.lockout_seconds * 2.0 ** min(doublings, 32))
            self._locked_until_mono = self._monotonic() + length
            data.update(failures=failures, locked_until=self._clock() + length, lock_s=length)
            self._save(data)
            return PinCheck(PinResult.LOCKED, 0, length)


def _number(value: object) -> float:
    """A number from the state file; anything else (a hand edit, a bad file) is 0."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return 0.0
    return float(value) if math.isfinite(value) else 0.0

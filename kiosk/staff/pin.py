"""The staff PIN: scrypt hash with a random salt, wrong-attempt counting and lockout.

State lives in one small JSON file written atomically, so a restart neither forgets the
lockout nor loses the PIN. Hashing is slow on purpose (~50-100 ms): callers in the UI run
:meth:`PinStore.check` through the background task helper.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
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
    locked_until: float  # wall-clock seconds; 0 when not locked


def validate_pin(pin: str) -> str:
    pin = pin.strip()
    if not pin.isdigit() or not pin.isascii():
        raise PinError("the PIN must be digits only")
    if not MIN_PIN_LENGTH <= len(pin) <= MAX_PIN_LENGTH:
        raise PinError(f"the PIN must have {MIN_PIN_LENGTH} to {MAX_PIN_LENGTH} digits")
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
    """PIN hash plus attempt counter in ``path`` (JSON, atomically written)."""

    def __init__(
        self,
        path: Path,
        *,
        max_attempts: int = 5,
        lockout_seconds: float = 300,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = Path(path)
        self.max_attempts = max_attempts
        self.lockout_seconds = lockout_seconds
        self._clock = clock
        self._lock = threading.Lock()

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
            self._save({"pin": record, "failures": 0, "locked_until": 0})

    def locked_until(self) -> float:
        until = float(self._load().get("locked_until", 0) or 0)  # type: ignore[arg-type]
        return until if until > self._clock() else 0.0

    def check(self, pin: str) -> PinCheck:
        """Verify ``pin``; counts failures and locks after ``max_attempts`` wrong ones."""
        with self._lock:
            data = self._load()
            now = self._clock()
            until = float(data.get("locked_until", 0) or 0)  # type: ignore[arg-type]
            if until > now:
                return PinCheck(PinResult.LOCKED, 0, until)
            record = data.get("pin")
            if not isinstance(record, dict):
                return PinCheck(PinResult.NOT_SET, self.max_attempts, 0)
            failures = 0 if until else int(data.get("failures", 0) or 0)  # type: ignore[call-overload]
            if _verify(pin, record):
                data.update(failures=0, locked_until=0)
                self._save(data)
                return PinCheck(PinResult.OK, self.max_attempts, 0)
            failures += 1
            if failures >= self.max_attempts:
                until = now + self.lockout_seconds
                data.update(failures=0, locked_until=until)
                self._save(data)
                return PinCheck(PinResult.LOCKED, 0, until)
            data.update(failures=failures, locked_until=0)
            self._save(data)
            return PinCheck(PinResult.WRONG, self.max_attempts - failures, 0)

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.staff.pin import PinError, PinResult, PinStore


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_pin_is_stored_only_as_salted_scrypt_hash(tmp_path: Path) -> None:
    store = PinStore(tmp_path / "staff.json")
    store.set_pin("482916")
    text = (tmp_path / "staff.json").read_text()
    assert "482916" not in text
    record = json.loads(text)["pin"]
    assert record["algorithm"] == "scrypt" and record["n"] >= 2**14
    other = PinStore(tmp_path / "b.json")
    other.set_pin("482916")
    assert json.loads((tmp_path / "b.json").read_text())["pin"]["salt"] != record["salt"]
    assert (tmp_path / "staff.json").stat().st_mode & 0o777 == 0o600


def test_right_and_wrong_pin(tmp_path: Path) -> None:
    store = PinStore(tmp_path / "staff.json")
    assert store.check("1234").result is PinResult.NOT_SET
    store.set_pin("1234")
    assert store.check("1234").result is PinResult.OK
    wrong = store.check("9999")
    assert wrong.result is PinResult.WRONG and wrong.attempts_left == 4


def test_five_wrong_pins_lock_for_five_minutes_even_for_the_right_pin(tmp_path: Path) -> None:
    clock = Clock()
    store = PinStore(tmp_path / "staff.json", max_attempts=5, lockout_seconds=300, clock=clock)
    store.set_pin("1234")
    results = [store.check("0000").result for _ in range(5)]
    assert results == [PinResult.WRONG] * 4 + [PinResult.LOCKED]
    assert store.check("1234").result is PinResult.LOCKED
    # A restart does not forget the lockout.
    again = PinStore(tmp_path / "staff.json", clock=clock)
    assert again.check("1234").result is PinResult.LOCKED
    clock.now += 301
    assert store.check("1234").result is PinResult.OK


@pytest.mark.parametrize("bad", ["12", "abcd", "12 34", "1234567890123", "１２３４"])
def test_bad_pins_are_refused(tmp_path: Path, bad: str) -> None:
    with pytest.raises(PinError):
        PinStore(tmp_path / "staff.json").set_pin(bad)
    assert not (tmp_path / "staff.json").exists()

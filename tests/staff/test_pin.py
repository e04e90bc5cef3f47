from __future__ import annotations

import json
from pathlib import Path

import pytest
from fakeclock import FakeClock

from kiosk.staff.pin import PinError, PinResult, PinStore

T0 = 1_000_000.0


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
    assert store.check("4862").result is PinResult.NOT_SET
    store.set_pin("4862")
    assert store.check("4862").result is PinResult.OK
    wrong = store.check("9999")
    assert wrong.result is PinResult.WRONG and wrong.attempts_left == 4


def test_five_wrong_pins_lock_for_five_minutes_even_for_the_right_pin(tmp_path: Path) -> None:
    clock, mono = FakeClock(T0), FakeClock(T0)
    store = PinStore(
        tmp_path / "staff.json", max_attempts=5, lockout_seconds=300, clock=clock, monotonic=mono
    )
    store.set_pin("4862")
    results = [store.check("0000").result for _ in range(5)]
    assert results == [PinResult.WRONG] * 4 + [PinResult.LOCKED]
    assert store.check("4862").result is PinResult.LOCKED
    # A restart does not forget the lockout.
    again = PinStore(tmp_path / "staff.json", clock=clock, monotonic=mono)
    assert again.check("4862").result is PinResult.LOCKED
    clock.now += 301
    mono.now += 301
    assert store.check("4862").result is PinResult.OK


def lock_out(store: PinStore, clock: FakeClock, mono: FakeClock) -> list[float]:
    """Guess wrong as fast as the lockouts allow; the length of each lockout in turn."""
    lengths = []
    for _ in range(12):
        check = store.check("0000")
        if check.result is PinResult.LOCKED:
            lengths.append(check.retry_after_s)
            clock.now += check.retry_after_s + 1
            mono.now += check.retry_after_s + 1
    return lengths


def test_each_lockout_is_longer_and_waiting_never_resets_the_count(tmp_path: Path) -> None:
    clock, mono = FakeClock(T0), FakeClock(T0)
    store = PinStore(tmp_path / "staff.json", lockout_seconds=300, clock=clock, monotonic=mono)
    store.set_pin("4862")
    lengths = lock_out(store, clock, mono)
    # 5 wrong, then every wrong PIN locks again, twice as long, up to a day
    assert lengths == [300, 600, 1200, 2400, 4800, 9600, 19200, 38400]
    clock.now += 7 * 86_400  # a week of waiting changes nothing:
    mono.now += 7 * 86_400
    assert store.check("0000").retry_after_s == 76_800
    clock.now += 86_401
    mono.now += 86_401
    assert store.check("4862").result is PinResult.OK  # the right PIN resets it
    assert store.check("0000").attempts_left == 4


def test_guessing_a_four_digit_pin_takes_years(tmp_path: Path) -> None:
    """At the fastest the lockouts allow, a day of guessing tries only a handful of PINs."""
    clock, mono = FakeClock(T0), FakeClock(T0)
    store = PinStore(tmp_path / "staff.json", lockout_seconds=300, clock=clock, monotonic=mono)
    store.set_pin("4862")
    start, guesses = mono.now, 0
    while mono.now - start < 30 * 86_400:
        check = store.check(f"{guesses % 10_000:04d}" if guesses != 4862 else "0000")
        guesses += 1
        if check.result is PinResult.LOCKED:
            mono.now += check.retry_after_s
            clock.now += check.retry_after_s
    assert guesses < 60  # 10,000 PINs: on average 5,000 guesses, i.e. many years


def test_setting_the_clock_back_does_not_stretch_a_lockout(tmp_path: Path) -> None:
    clock, mono = FakeClock(T0), FakeClock(T0)
    store = PinStore(tmp_path / "staff.json", lockout_seconds=300, clock=clock, monotonic=mono)
    store.set_pin("4862")
    for _ in range(5):
        store.check("0000")
    clock.now -= 86_400  # the wall clock jumps back a day (NTP, a dead RTC battery)
    assert store.lock_remaining_s() == 300
    # after a restart the file's lockout is capped at its own length
    restarted = PinStore(tmp_path / "staff.json", clock=clock, monotonic=mono)
    assert restarted.lock_remaining_s() == 300
    mono.now += 301
    assert store.check("4862").result is PinResult.OK


def test_setting_the_clock_forward_does_not_end_a_lockout(tmp_path: Path) -> None:
    clock, mono = FakeClock(T0), FakeClock(T0)
    store = PinStore(tmp_path / "staff.json", lockout_seconds=300, clock=clock, monotonic=mono)
    store.set_pin("4862")
    for _ in range(5):
        store.check("0000")
    clock.now += 86_400
    assert store.check("4862").result is PinResult.LOCKED


@pytest.mark.parametrize(
    "trivial", ["0000", "1111", "1234", "4321", "7890", "0987", "1212", "123456", "2580", "2468"]
)
def test_trivial_pins_are_refused(tmp_path: Path, trivial: str) -> None:
    with pytest.raises(PinError, match="first anybody would try"):
        PinStore(tmp_path / "staff.json").set_pin(trivial)


@pytest.mark.parametrize("bad", ["12", "abcd", "12 34", "1234567890123", "１２３４"])
def test_bad_pins_are_refused(tmp_path: Path, bad: str) -> None:
    with pytest.raises(PinError):
        PinStore(tmp_path / "staff.json").set_pin(bad)
    assert not (tmp_path / "staff.json").exists()

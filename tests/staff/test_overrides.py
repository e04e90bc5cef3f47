"""Display choices made on the staff screen: kept across restarts, on top of kiosk.toml, and a
bad file is ignored with a message while the config file's values apply."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk.config import Config
from kiosk.config.loader import parse_config
from kiosk.staff.overrides import StaffOverrides, load_overrides, save_overrides


def config(mode: str = "family", language: str = "zh") -> Config:
    return parse_config({"display": {"mode": mode, "language": language}}, "kiosk.toml")


def test_a_choice_survives_a_restart_and_wins_over_the_config_file(tmp_path: Path) -> None:
    path = tmp_path / "staff-display.json"
    base = config()
    chosen = StaffOverrides().choose(base, "mode", "student").choose(base, "language", "en")
    save_overrides(path, chosen)
    overrides, problem = load_overrides(path)
    assert problem == ""
    assert overrides == chosen
    effective = overrides.apply(base)
    assert (effective.display.mode, effective.display.language) == ("student", "en")
    assert effective.display.idle_seconds == base.display.idle_seconds  # the rest untouched


def test_choosing_the_config_files_value_removes_the_override(tmp_path: Path) -> None:
    path = tmp_path / "staff-display.json"
    base = config(mode="family")
    chosen = StaffOverrides().choose(base, "mode", "student")
    back = chosen.choose(base, "mode", "family")
    assert back == StaffOverrides()
    save_overrides(path, back)
    assert json.loads(path.read_text("utf-8")) == {}
    # so a later edit of kiosk.toml applies again
    assert back.apply(config(mode="student")).display.mode == "student"


def test_a_value_that_is_not_allowed_is_refused() -> None:
    with pytest.raises(ValueError, match=r"display\.mode cannot be 'expert'"):
        StaffOverrides().choose(config(), "mode", "expert")


def test_no_file_means_the_config_file_applies(tmp_path: Path) -> None:
    overrides, problem = load_overrides(tmp_path / "missing.json")
    assert problem == "" and overrides.apply(config()) == config()


@pytest.mark.parametrize(
    ("text", "expected", "problem"),
    [
        ("{not json", StaffOverrides(), "not valid JSON"),
        ("[1, 2]", StaffOverrides(), "expected an object"),
        ('{"mode": "expert", "language": "en"}', StaffOverrides(language="en"),
         "mode = 'expert' is not one of family, student"),
        ('{"volume": 11}', StaffOverrides(), "unknown setting 'volume'"),
    ],
)  # fmt: skip
def test_a_bad_file_is_ignored_with_a_message_saying_what_and_where(
    tmp_path: Path, text: str, expected: StaffOverrides, problem: str
) -> None:
    path = tmp_path / "staff-display.json"
    path.write_text(text, "utf-8")
    overrides, message = load_overrides(path)
    assert overrides == expected
    assert str(path) in message and problem in message

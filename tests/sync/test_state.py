"""The sync state file keeps the last failure's kind, and still reads files written before
kinds existed."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from kiosk.sync.state import STATE_NAME, StateFile, SyncState
from kiosk.util.failure_kinds import FailureKind


def test_failure_kind_round_trips(tmp_path: Path) -> None:
    state_file = StateFile(tmp_path)
    failed = replace(
        SyncState(channel_version=4),
        last_result="failed",
        last_error="index.json: server stopped answering (timeout)",
        last_error_kind=FailureKind.TIMEOUT,
    )
    state_file.save(failed)
    assert state_file.load() == failed
    assert json.loads((tmp_path / STATE_NAME).read_text())["last_error_kind"] == "timeout"


def test_state_file_without_kinds_still_loads(tmp_path: Path) -> None:
    old = {
        "channel_version": 7,
        "last_result": "failed",
        "last_error": "127.0.0.1:9: cannot connect (refused)",
        "pack_id": "my-school",
    }
    (tmp_path / STATE_NAME).write_text(json.dumps(old))
    state = StateFile(tmp_path).load()
    assert state.channel_version == 7  # the rollback floor survives the upgrade
    assert state.last_error == old["last_error"] and state.last_error_kind == ""

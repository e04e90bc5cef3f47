"""The README's quick start is what CI runs."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_readme_opens_with_two_commands_and_ci_runs_the_test_one() -> None:
    text = (ROOT / "README.md").read_text("utf-8")
    block = text.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["bash build_scripts/dev.sh run", "bash build_scripts/dev.sh test"]
    assert "bash build_scripts/dev.sh test" in (ROOT / ".ci" / "run").read_text("utf-8")

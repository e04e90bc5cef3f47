"""Choices around a live figure: one fair answer, clearly different distractors."""

from __future__ import annotations

import random

import pytest

from kiosk.quiz.live import (
    format_live_value,
    live_choice_values,
    round_significant,
)


@pytest.mark.parametrize(
    ("value", "expected"), [(1234.0, 1200.0), (0.456, 0.46), (48.2, 48.0), (9.96, 10.0)]
)
def test_round_significant(value: float, expected: float) -> None:
    assert round_significant(value) == pytest.approx(expected)


@pytest.mark.parametrize("value", [0.8, 3.3, 48.2, 123.4, 9999.0, 250_000.0])
def test_choices_are_distinct_and_well_apart(value: float) -> None:
    for seed in range(20):
        choices = live_choice_values(value, 4, random.Random(seed))
        assert choices is not None
        assert choices[0] == round_significant(value)
        assert len(set(choices)) == 4
        for i, a in enumerate(choices):
            for b in choices[i + 1 :]:
                assert abs(a - b) / max(a, b) >= 0.2


def test_percentages_never_exceed_100() -> None:
    for seed in range(20):
        choices = live_choice_values(80.0, 4, random.Random(seed), upper=100.0)
        assert choices is not None and max(choices) <= 100.0 and choices[0] == 80.0


def test_zero_gives_no_question() -> None:
    assert live_choice_values(0.0, 4, random.Random(0)) is None


def test_format_live_value() -> None:
    assert format_live_value(4000.0) == "4,000"
    assert format_live_value(0.46) == "0.46"
    assert format_live_value(2.5) == "2.5"

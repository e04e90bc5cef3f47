"""Every question kind of the core has an answer widget in the UI, registered by its name."""

from __future__ import annotations

import pytest

from kiosk.quiz.kinds import KINDS
from kiosk.ui.quiz.answers import ANSWER_WIDGETS, answer_widget_class


def test_every_core_kind_has_an_answer_widget_and_nothing_else_does() -> None:
    assert set(ANSWER_WIDGETS) == set(KINDS)


def test_an_unknown_kind_is_refused_by_name() -> None:
    with pytest.raises(LookupError, match="'ranking'"):
        answer_widget_class("ranking")

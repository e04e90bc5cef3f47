"""Store-mode certificate: the pack's link as a QR module matrix the UI can paint."""

from __future__ import annotations

from datetime import date

import pytest
import segno

from kiosk.quiz.certificate import make_certificate, qr_matrix
from kiosk.quiz.models import LocalText, ResultLink
from kiosk.quiz.scoring import AnswerRecord, score_round

URL = "https://example.org/campaign/low-carbon?store=wuhan-01"


def _finder_at(rows: tuple[tuple[bool, ...], ...], top: int, left: int) -> bool:
    """The 7×7 finder pattern: dark ring, light ring, dark 3×3 centre."""
    for r in range(7):
        for c in range(7):
            ring = max(abs(r - 3), abs(c - 3))
            if rows[top + r][left + c] != (ring != 2):
                return False
    return True


def test_qr_matrix_is_a_square_code_with_three_finder_patterns() -> None:
    qr = qr_matrix(URL)
    size = qr.size
    assert all(len(row) == size for row in qr.rows)
    assert (size - 17) % 4 == 0  # QR versions are 21, 25, 29, ... modules wide
    assert _finder_at(qr.rows, 0, 0)
    assert _finder_at(qr.rows, 0, size - 7)
    assert _finder_at(qr.rows, size - 7, 0)
    assert not _finder_at(qr.rows, size - 7, size - 7)
    assert qr.quiet_zone == 4


def test_qr_matrix_matches_segno_encoding_of_the_url() -> None:
    expected = segno.make_qr(URL, error="m", boost_error=False)
    assert qr_matrix(URL).rows == tuple(tuple(bool(m) for m in row) for row in expected.matrix)
    assert qr_matrix(URL) != qr_matrix(URL + "x")


def test_empty_qr_text_is_refused() -> None:
    with pytest.raises(ValueError):
        qr_matrix("")


def test_certificate_carries_score_day_and_link() -> None:
    answers = [AnswerRecord("a", ("a",), True), AnswerRecord("b", (), False)]
    score = score_round(answers, finished=True)
    link = ResultLink(URL, LocalText("扫码了解活动", "Scan for the campaign"))
    cert = make_certificate(score, date(2026, 11, 25), link)
    assert cert.score.points == 15 and cert.score.correct == 1
    assert cert.qr is not None and cert.qr == qr_matrix(URL)
    assert make_certificate(score, date(2026, 11, 25), None).qr is None


def test_abandoned_round_gets_no_finishing_reward() -> None:
    answers = [AnswerRecord("a", ("a",), True)]
    assert score_round(answers, finished=False).points == 10
    assert score_round(answers, finished=True).points == 15


def test_zero_right_answers_earn_zero_points() -> None:
    """Random tapping must not farm points: no finishing reward without a right answer."""
    answers = [AnswerRecord(q, ("x",), False) for q in "abcde"]
    score = score_round(answers, finished=True)
    assert (score.correct, score.asked, score.points) == (0, 5, 0)
    assert score_round([*answers[:4], AnswerRecord("e", ("e",), True)], True).points == 15

"""Every failure kind in the core catalogue has a sentence for staff, translated to Chinese;
an unknown kind reads as an internal error."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from kiosk.ui.failure_text import details_text, failure_text, failure_texts
from kiosk.ui.i18n import Language
from kiosk.util.failure_kinds import FailureKind


@pytest.fixture
def language(qapp: Any) -> Iterator[Language]:
    lang = Language("en")
    yield lang
    lang.close()


def test_every_kind_has_a_sentence(language: Language) -> None:
    texts = failure_texts()
    assert set(texts) == set(FailureKind)
    assert len(set(texts.values())) == len(texts), "two kinds read the same"
    assert failure_text("timeout") == texts[FailureKind.TIMEOUT]
    assert failure_text("no-such-kind") == failure_text("") == texts[FailureKind.INTERNAL]
    assert details_text("HTTP 503") == "Details: HTTP 503"


def test_every_sentence_is_translated_to_chinese(language: Language) -> None:
    english = failure_texts()
    language.set_language("zh")
    chinese = failure_texts()
    for kind in FailureKind:
        assert chinese[kind] != english[kind], f"{kind}: not translated"
        assert not any("a" <= c.lower() <= "z" for c in chinese[kind].replace("U 盘", "")), (
            f"{kind}: English left in {chinese[kind]!r}"
        )
    assert details_text("HTTP 503") == "详细信息：HTTP 503"

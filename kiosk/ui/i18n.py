"""Language switching: Qt translators for the UI chrome, plus the code pack content is read in."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTranslator, Signal

from kiosk.resources import asset

log = logging.getLogger(__name__)

LANGUAGES = ("zh", "en")
_QM_NAMES = {"zh": "kiosk_zh_CN.qm"}


class Language(QObject):
    """The visitor-facing language. Source strings are English; zh loads a compiled .qm."""

    language_did_change = Signal(str)

    def __init__(self, initial: str = "zh", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._code = ""
        self._translator: QTranslator | None = None
        #: One translator per language, loaded once: a visitor toggles all day long.
        self._loaded: dict[str, QTranslator] = {}
        self.set_language(initial)

    @property
    def code(self) -> str:
        return self._code

    def pick(self, zh: str, en: str) -> str:
        """Choose between the two texts of a bilingual field (falls back to the other one)."""
        return (zh or en) if self._code == "zh" else (en or zh)

    def toggle(self) -> None:
        self.set_language("en" if self._code == "zh" else "zh")

    def close(self) -> None:
        """Uninstall this object's translator (when the kiosk shuts down)."""
        app = QCoreApplication.instance()
        if self._translator is not None and app is not None:
            app.removeTranslator(self._translator)
        self._translator = None

    def set_language(self, code: str) -> None:
        if code not in LANGUAGES:
            raise ValueError(f"unknown language {code!r}")
        if code == self._code:
            return
        app = QCoreApplication.instance()
        if self._translator is not None and app is not None:
            app.removeTranslator(self._translator)
            self._translator = None
        qm = _QM_NAMES.get(code)
        if qm and app is not None:
            translator = self._loaded.get(code)
            if translator is None:
                translator = QTranslator(self)
                path = asset("i18n", qm)
                if translator.load(str(path)):
                    self._loaded[code] = translator
                else:
                    log.error("translation file %s is missing or unreadable", path)
                    translator.deleteLater()
                    translator = None
            if translator is not None:
                app.installTranslator(translator)
                self._translator = translator
        QLocale.setDefault(
            QLocale(QLocale.Language.Chinese if code == "zh" else QLocale.Language.English)
        )
        self._code = code
        self.language_did_change.emit(code)

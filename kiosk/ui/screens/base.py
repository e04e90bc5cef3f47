"""The base of every screen: a name, a title, retranslation and visitor-state reset.

How a screen gets the services it shows (:class:`kiosk.services.bundle.Services`):
a screen built after the first frame (listed in :mod:`kiosk.ui.screens.registry` as lazy) is
made by :meth:`Screen.from_services`, which passes what it needs to its typed constructor
and subscribes it to their signals; a screen built before the first frame (eager) gets them
in :meth:`Screen.wire` once they run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Self

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from kiosk.ui.context import UiContext

if TYPE_CHECKING:  # the services' modules are imported after the first frame
    from kiosk.energy.summary import EnergySummary
    from kiosk.services.bundle import Services
    from kiosk.services.energy_service import EnergyService


class Screen(QWidget):
    """One full screen under the top bar. Subclasses set ``name`` and implement ``retranslate``."""

    name: ClassVar[str] = ""
    #: Whether the top bar (home, title, language) is shown on this screen.
    shows_top_bar: ClassVar[bool] = True
    #: Whether a visitor's idle timeout leaves this screen for the attract loop.
    #: (A screen may change it while it runs, e.g. during an install.)
    leaves_on_idle: bool = True

    #: Ask the router to open another screen by name.
    user_did_choose_screen = Signal(str)
    #: The title or the back button changed while the screen is shown.
    top_bar_did_change = Signal()

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName(f"screen-{self.name}")
        ctx.language.language_did_change.connect(self._on_language_did_change)

    @classmethod
    def from_services(cls, ctx: UiContext, services: Services) -> Self:
        """Build the screen with the services it needs (lazy screens override this)."""
        return cls(ctx)

    def wire(self, services: Services) -> None:
        """Subscribe to the services once they run (after ``from_services`` for a lazy screen)."""

    def offers_after(self, name: str) -> bool:
        """Whether this screen wants to open right after screen ``name`` opened."""
        return False

    def title(self) -> str:
        """The title shown in the top bar, in the current language."""
        return ""

    def back_text(self) -> str:
        """The top bar's one back button inside this screen ("← All stories"), or "" for the
        plain "← Home"."""
        return ""

    def go_back(self) -> None:
        """Called when the back button named by :meth:`back_text` is tapped."""

    def retranslate(self) -> None:
        """Set every visible text again in the current language."""

    def on_enter(self) -> None:
        """Called each time the screen becomes visible."""

    def open_at(self, part: str) -> None:
        """Called right after :meth:`on_enter` when the screen was asked for as
        ``"<name>/<part>"`` (the home screen's kids entry opens ``"quiz/kids"``)."""

    def on_leave(self) -> None:
        """Called when another screen replaces this one."""

    def reset_visitor_state(self) -> None:
        """Forget whatever a visitor was doing (called on idle)."""

    def shot_states(self) -> list[str]:
        """States worth a screenshot each (``kiosk shot``); "" is the screen as it opens."""
        return [""]

    def enter_shot_state(self, state: str) -> None:
        """Put the screen into one of :meth:`shot_states` for a screenshot."""

    def _on_language_did_change(self, _code: str) -> None:
        self.retranslate()


class LiveFiguresScreen(Screen):
    """A screen that shows the energy service's newest summary (the attract loop, home).

    While hidden it only keeps the newest summary and shows it when it opens: a hidden
    screen that set its texts every second cost CPU for nobody (``bench_dashboard``)."""

    _energy: EnergyService | None = None
    _pending_summary: EnergySummary | None = None

    def follow_energy(self, services: Services) -> None:
        self._energy = services.energy
        if services.energy is not None:
            services.energy.summary_did_update.connect(self._on_energy_summary_did_update)

    def _on_energy_summary_did_update(self, summary: EnergySummary) -> None:
        if self.isVisible():
            self._pending_summary = None
            self._on_summary_did_update(summary)
        else:
            self._pending_summary = summary

    def showEvent(self, event: QShowEvent) -> None:
        summary, self._pending_summary = self._pending_summary, None
        if summary is not None:  # before the first frame shows the old figures
            self._on_summary_did_update(summary)
        super().showEvent(event)

    def enter_shot_state(self, state: str) -> None:
        """A screenshot shows the newest figures even if it is taken before they arrive."""
        summary = self._energy.current_summary() if self._energy is not None else None
        if summary is not None:
            self._pending_summary = None
            self._on_summary_did_update(summary)

    def _on_summary_did_update(self, summary: EnergySummary) -> None:
        raise NotImplementedError

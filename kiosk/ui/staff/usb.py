"""Staff only: install a content pack from a USB stick.

Reached only after the staff PIN (the staff screen's content panel, or straight after the PIN
when a stick with packs was inserted): a stick inserted while visitors use the kiosk never
interrupts them. Steps shown: choose a pack → copy to the kiosk → check and install →
"installed, you can remove the stick" (or why it was refused, in plain words with the English
detail below for support; nothing changed).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.content.store import PackRef
from kiosk.content.usb import PackCandidate
from kiosk.services.content_service import PROGRESS_STEPS, ContentService
from kiosk.services.usb_watcher import UsbStick, UsbWatcher
from kiosk.ui.context import UiContext
from kiosk.ui.failure_text import details_text, failure_text
from kiosk.ui.screens.base import Screen
from kiosk.ui.widgets.touch import button, discard, label, make_kinetic, set_role
from kiosk.util.failure_kinds import FailureKind

if TYPE_CHECKING:
    from kiosk.services.bundle import Services

LIST, INSTALLING, DONE, FAILED = "list", "installing", "done", "failed"


def _size_text(size_bytes: int) -> str:
    return f"{size_bytes / 1e6:.1f} MB" if size_bytes >= 100_000 else f"{size_bytes / 1e3:.0f} kB"


class UsbScreen(Screen):
    name = "usb"

    def __init__(
        self,
        ctx: UiContext,
        content: ContentService | None = None,
        watcher: UsbWatcher | None = None,
    ) -> None:
        super().__init__(ctx)
        #: each listed pack's title line, set again in each language
        self._titles: list[tuple[QLabel, PackCandidate]] = []
        theme = ctx.theme
        self.content = content
        self.watcher = watcher
        self.state = LIST
        self._pack_name = ""
        self._phase = ""
        self._result = ""
        self._failure_kind = ""
        self._offered: set[Path] = set()  # sticks whose packs were shown after the PIN
        self._sample: UsbStick | None = None  # a made-up stick for the "found" screenshot

        outer = QVBoxLayout(self)
        margin = theme.px(48)
        outer.setContentsMargins(margin, theme.px(24), margin, margin)
        outer.setSpacing(theme.px(24))
        self.headline = label("", "heading")
        self.headline.setObjectName("usb-headline")
        self.detail = label("", "honest")
        self.detail.setObjectName("usb-detail")
        self.reason_detail = label("", "small")
        self.reason_detail.setObjectName("usb-reason-detail")
        self.progress = QProgressBar()
        self.progress.setObjectName("usb-progress")
        self.progress.setRange(0, PROGRESS_STEPS)
        self.progress.setTextVisible(False)
        self.list_scroll = QScrollArea()
        self.list_scroll.setWidgetResizable(True)
        self.list_scroll.setFrameShape(QFrame.Shape.NoFrame)
        make_kinetic(self.list_scroll)
        list_host = QWidget()
        self.pack_rows = QVBoxLayout(list_host)
        self.pack_rows.setContentsMargins(0, 0, 0, 0)
        self.pack_rows.setSpacing(theme.px(16))
        self.pack_rows.addStretch(1)
        self.list_scroll.setWidget(list_host)

        actions = QHBoxLayout()
        actions.setSpacing(theme.px(24))
        self.back_button = button("", "")
        self.back_button.setObjectName("usb-back")
        self.back_button.clicked.connect(self._on_back)
        self.stories_button = button("", "primary")
        self.stories_button.setObjectName("usb-show-stories")
        self.stories_button.clicked.connect(self._on_show_stories)
        self.again_button = button("", "")
        self.again_button.setObjectName("usb-again")
        self.again_button.clicked.connect(self._on_again)
        actions.addWidget(self.back_button)
        actions.addStretch(1)
        actions.addWidget(self.again_button)
        actions.addWidget(self.stories_button)

        self.filler = QWidget()  # keeps the texts at the top while the pack list is hidden
        self.filler.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        outer.addWidget(self.headline)
        outer.addWidget(self.detail)
        outer.addWidget(self.reason_detail)
        outer.addWidget(self.progress)
        outer.addWidget(self.list_scroll, 1)
        outer.addWidget(self.filler, 1)
        outer.addLayout(actions)
        if self.content is not None:
            self.content.install_did_enter_phase.connect(self._on_install_did_enter_phase)
            self.content.install_did_progress.connect(self._on_install_did_progress)
            self.content.install_did_finish.connect(self._on_install_did_finish)
            self.content.install_did_fail.connect(self._on_install_did_fail)
        if self.watcher is not None:
            self.watcher.stick_did_appear.connect(self._on_sticks_did_change)
            self.watcher.stick_did_disappear.connect(self._on_sticks_did_change)
        self._rebuild_rows()
        self.retranslate()

    # -- what there is to offer --------------------------------------------------------------
    def sticks(self) -> list[UsbStick]:
        if self._sample is not None:
            return [self._sample]
        return self.watcher.sticks if self.watcher is not None else []

    def candidates(self) -> list[tuple[UsbStick, PackCandidate]]:
        if self._sample is not None:
            return [(self._sample, pack) for pack in self._sample.packs]
        return [(stick, pack) for stick in self.sticks() for pack in stick.packs]

    @classmethod
    def from_services(cls, ctx: UiContext, services: Services) -> UsbScreen:
        return cls(ctx, services.content, services.usb_watcher)

    def offers_after(self, name: str) -> bool:
        """Right after the staff PIN, this screen opens if a stick with packs is in."""
        return name == "staff" and self.should_offer_after_pin()

    def should_offer_after_pin(self) -> bool:
        """A stick with packs is in that staff have not been shown yet (then mark it shown)."""
        fresh = {s.mount for s in self.sticks() if s.packs} - self._offered
        self._offered |= fresh
        return bool(fresh) and self.state != INSTALLING

    def _on_sticks_did_change(self, _stick: object) -> None:
        present = {s.mount for s in self.sticks()}
        self._offered &= present  # a re-inserted stick is offered again
        self._rebuild_rows()
        self.retranslate()

    def _rebuild_rows(self) -> None:
        while self.pack_rows.count() > 1:
            item = self.pack_rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                discard(widget)
        self._titles = []
        for i, (stick, pack) in enumerate(self.candidates()):
            row = QFrame()
            set_role(row, "card")
            layout = QHBoxLayout(row)
            pad = self.ctx.theme.px(16)
            layout.setContentsMargins(pad, pad, pad, pad)
            title = label(self._pack_title(pack), "heading")
            title.setObjectName(f"usb-title-{i}")
            self._titles.append((title, pack))
            name = label(f"{pack.path.name}  ·  {_size_text(pack.size_bytes)}", "body")
            where = label(str(stick.mount), "small")
            text = QVBoxLayout()
            text.addWidget(title)
            text.addWidget(name)
            text.addWidget(where)
            install = button("", "primary")
            install.setObjectName(f"usb-install-{i}")
            install.setProperty("pack_path", str(pack.path))
            install.clicked.connect(self._on_install_clicked)
            layout.addLayout(text, 1)
            layout.addWidget(install, 0, Qt.AlignmentFlag.AlignVCenter)
            self.pack_rows.insertWidget(i, row)

    def _pack_title(self, pack: PackCandidate) -> str:
        """What the pack says it is: its title and version (checked only when installed)."""
        if not pack.version:
            return self.tr("Not a readable content pack")
        title = self.ctx.language.pick(pack.title_zh, pack.title_en)
        version = self.tr("version %1").replace("%1", f"{pack.display_version} ({pack.version})")
        return f"{title}  ·  {version}"

    def install_buttons(self) -> list[QWidget]:
        host = self.list_scroll.widget()
        if host is None:
            return []
        return [w for w in host.findChildren(QWidget) if w.objectName().startswith("usb-install-")]

    # -- install -----------------------------------------------------------------------------
    def _on_install_clicked(self) -> None:
        sender = self.sender()
        if sender is None or self.content is None:
            return
        path = Path(str(sender.property("pack_path")))
        self._pack_name = path.name
        self._phase = "copy"
        if not self.content.install(path):
            self.detail.setText(
                self.tr("Another install or roll back is running. Try again when it has finished.")
            )
            return
        self.state = INSTALLING
        self.leaves_on_idle = False  # an install is not interrupted by the attract loop
        self.progress.setValue(0)
        self.retranslate()

    def _on_install_did_enter_phase(self, phase: str) -> None:
        self._phase = phase
        self.retranslate()

    def _on_install_did_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _on_install_did_finish(self, ref: PackRef) -> None:
        if self.state != INSTALLING:
            return
        self.state = DONE
        self.leaves_on_idle = True
        self._result = f"{ref.id} · {ref.display_version} ({ref.version})"
        active = self.content.status.active if self.content is not None else None
        if active is not None and active.ref == ref:
            self._result = (
                f"{self.ctx.language.pick(active.title_zh, active.title_en)}  ·  {self._result}"
            )
        self.retranslate()

    def _on_install_did_fail(self, kind: str, reason: str) -> None:
        if self.state != INSTALLING:
            return
        self.state = FAILED
        self.leaves_on_idle = True
        self._failure_kind = kind
        self._result = reason
        self.retranslate()

    def _on_again(self) -> None:
        self.state = LIST
        self._pack_name = ""
        if self.watcher is not None:
            self.watcher.scan_now()
        self.retranslate()

    def _on_back(self) -> None:
        self.user_did_choose_screen.emit("staff")

    def _on_show_stories(self) -> None:
        self.user_did_choose_screen.emit("stories")

    # -- screen protocol ---------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Load content from USB")

    def on_enter(self) -> None:
        if self.state in (DONE, FAILED):
            self._on_again()

    def retranslate(self) -> None:
        self.back_button.setText("← " + self.tr("Back to staff"))
        self.stories_button.setText(self.tr("See the stories"))
        self.again_button.setText(self.tr("Choose another pack"))
        for install in self.install_buttons():
            install.setText(self.tr("Install"))  # type: ignore[attr-defined]
        for title, pack in self._titles:
            title.setText(self._pack_title(pack))
        state = self.state
        self.progress.setVisible(state == INSTALLING)
        self.list_scroll.setVisible(state == LIST)
        self.filler.setVisible(state != LIST)
        self.stories_button.setVisible(state == DONE)
        self.again_button.setVisible(state in (DONE, FAILED))
        self.back_button.setEnabled(state != INSTALLING)
        self.reason_detail.setVisible(state == FAILED)
        if state == LIST:
            self._retranslate_list()
        elif state == INSTALLING:
            self.headline.setText(self.tr("Installing %1").replace("%1", self._pack_name))
            self.detail.setText(
                {
                    "copy": self.tr(
                        "Step 1 of 2: copying the pack to the kiosk. Do not remove the USB stick."
                    ),
                    "install": self.tr(
                        "Step 2 of 2: checking the signature and every file, then installing. "
                        "You can remove the USB stick now."
                    ),
                }.get(self._phase, self.tr("Opening the new content…"))
            )
        elif state == DONE:
            self.headline.setText(self.tr("Installed: %1").replace("%1", self._result))
            self.detail.setText(
                self.tr("The kiosk now shows this pack. You can remove the USB stick.")
            )
        else:
            self.headline.setText(self.tr("Not installed"))
            if self._failure_kind == FailureKind.STICK_REMOVED:  # the sentence says: insert it
                after = self.tr(
                    "%1\n\nNothing was changed: the kiosk keeps showing its current content."
                )
            else:
                after = self.tr(
                    "%1\n\nNothing was changed: the kiosk keeps showing its current content. "
                    "You can remove the USB stick."
                )
            self.detail.setText(after.replace("%1", failure_text(self._failure_kind)))
            self.reason_detail.setText(details_text(self._result))

    def _retranslate_list(self) -> None:
        sticks = self.sticks()
        count = len(self.candidates())
        if not sticks:
            self.headline.setText(self.tr("No USB stick found"))
            self.detail.setText(
                self.tr(
                    "Insert a USB stick with .kpack files at its top level or in a folder "
                    "named kiosk-packs."
                )
            )
        elif count == 0:
            self.headline.setText(self.tr("No content packs on the USB stick"))
            self.detail.setText(
                self.tr("Put .kpack files at its top level or in a folder named kiosk-packs.")
            )
        else:
            self.headline.setText(self.tr("Content packs found: %n", "", count))
            self.detail.setText(
                self.tr(
                    "Choose the pack to install. It is copied to the kiosk and checked before "
                    "anything changes."
                )
            )

    def shot_states(self) -> list[str]:
        return [LIST, "found", INSTALLING, DONE, FAILED]

    def enter_shot_state(self, state: str) -> None:
        found = state == "found"
        self._sample = (
            UsbStick(
                Path("/media/staff/GREEN STICK"),
                (
                    PackCandidate(
                        Path("/media/staff/GREEN STICK/school-2026.kpack"),
                        48_200_000,
                        "我们学校的绿色故事",
                        "Our school's green stories",
                        "2026.1",
                        3,
                    ),
                    PackCandidate(
                        Path("/media/staff/GREEN STICK/kiosk-packs/store.kpack"), 9_100_000
                    ),
                ),
            )
            if found
            else None
        )
        self._rebuild_rows()
        state = LIST if found else state
        self.state = state
        self._pack_name = "school-2026.kpack"
        self._phase = "copy"
        self.progress.setValue(PROGRESS_STEPS // 3)
        self._result = {
            DONE: "my-school · 2026.1 (1)",
            FAILED: "signed by unknown key 3f2a…; not in the trusted keys",
        }.get(state, "")
        self._failure_kind = FailureKind.UNTRUSTED if state == FAILED else ""
        self.retranslate()

"""End of a round: stars and points; in a school the class board, in a store a certificate
with the pack's QR link; then "play again" or "home"."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEasingCurve, QRectF, QSize, Qt, QVariantAnimation, Signal
from PySide6.QtGui import QColor, QHideEvent, QIcon, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.quiz.certificate import Certificate
from kiosk.quiz.scoring import RoundScore
from kiosk.resources import asset
from kiosk.ui.quiz.celebration import Celebration
from kiosk.ui.quiz.leaderboard import LeaderboardView
from kiosk.ui.quiz.paint import draw_star
from kiosk.ui.quiz.qr_widget import QrWidget
from kiosk.ui.quiz.team_chooser import TeamChooser
from kiosk.ui.theme import Theme
from kiosk.ui.widgets.touch import PlainLabel, button, label, set_role

STAR_COUNT = 3


def stars_for(score: RoundScore) -> int:
    """0-3 stars: every right answer counts, a perfect round gets all three."""
    if score.asked == 0 or score.correct == 0:
        return 0
    if score.correct == score.asked:
        return STAR_COUNT
    return 2 if score.correct * 2 >= score.asked else 1


class StarsWidget(QWidget):
    def __init__(self, theme: Theme) -> None:
        super().__init__()
        self._theme = theme
        self.earned = 0
        self._grow = 1.0
        self._anim = QVariantAnimation(self)
        self._anim.setDuration(400)
        self._anim.setStartValue(0.2)
        self._anim.setEndValue(1.0)
        self._anim.setEasingCurve(QEasingCurve.Type.OutBack)
        self._anim.valueChanged.connect(self._on_anim_value)
        self.setFixedSize(QSize(theme.px(120) * STAR_COUNT, theme.px(120)))

    def set_earned(self, earned: int, animate: bool) -> None:
        self.earned = earned
        self.setAccessibleName(f"{earned}/{STAR_COUNT}")
        self._anim.stop()
        self._grow = 0.2 if animate else 1.0
        if animate:
            self._anim.start()
        self.update()

    def _on_anim_value(self, value: object) -> None:
        self._grow = float(value)  # type: ignore[arg-type]
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = self.height()
        for i in range(STAR_COUNT):
            filled = i < self.earned
            scale = self._grow if filled else 1.0
            rect = QRectF(0, 0, side * 0.9 * scale, side * 0.9 * scale)
            rect.moveCenter(QRectF(i * side, 0, side, side).center())
            colour = QColor(self._theme.palette.accent if filled else "#B7C4BB")
            draw_star(painter, rect, filled, colour)
        painter.end()


class CertificateCard(QFrame):
    """Store mode: a friendly certificate; the QR shows only when the pack gives a link."""

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        set_role(self, "card")
        self.setObjectName("quiz-certificate")
        px = theme.px
        layout = QHBoxLayout(self)
        layout.setContentsMargins(px(32), px(28), px(32), px(28))
        layout.setSpacing(px(32))
        text = QVBoxLayout()
        text.setSpacing(px(12))
        issuer = QHBoxLayout()
        issuer.setSpacing(px(16))
        self._logo_px = px(72)
        self.logo = PlainLabel()
        self.logo.setObjectName("certificate-logo")
        self.logo.setFixedSize(self._logo_px, self._logo_px)
        self.site = label("", "heading")
        self.site.setObjectName("certificate-site")
        issuer.addWidget(self.logo)
        issuer.addWidget(self.site, 1)
        text.addLayout(issuer)
        self.title = label("", "quiz-headline")
        self.detail = label("", "body")
        self.day = label("", "small")
        self.link_label = label("", "small")
        for widget in (self.title, self.detail, self.day, self.link_label):
            text.addWidget(widget)
        text.addStretch(1)
        layout.addLayout(text, 1)
        self.qr = QrWidget(px(280))
        layout.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignVCenter)

    def show_certificate(
        self, certificate: Certificate, link_text: str, site: str, logo: Path | None
    ) -> None:
        """``site``: who gives it (the store's or school's name); ``logo``: the pack's logo,
        or our leaf."""
        self.site.setText(site)
        icon = QIcon(str(logo) if logo is not None else str(asset("icons", "leaf.svg")))
        self.logo.setPixmap(icon.pixmap(QSize(self._logo_px, self._logo_px)))
        score = certificate.score
        self.title.setText(self.tr("Low-carbon star certificate"))
        self.detail.setText(
            self.tr("Awarded for answering %1 of %2 questions right.")
            .replace("%1", str(score.correct))
            .replace("%2", str(score.asked))
        )
        self.day.setText(certificate.day.isoformat())
        self.qr.set_matrix(certificate.qr)
        self.qr.setVisible(certificate.qr is not None)
        self.link_label.setText(
            self.tr("Scan the code with your phone: %1").replace("%1", link_text)
            if link_text
            else ""
        )
        self.link_label.setVisible(bool(link_text))


class ResultPage(QWidget):
    play_again_was_tapped = Signal()
    home_was_tapped = Signal()

    def __init__(self, theme: Theme) -> None:
        super().__init__()
        px = theme.px
        outer = QVBoxLayout(self)
        outer.setContentsMargins(px(48), px(32), px(48), px(40))
        outer.setSpacing(px(20))
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setSpacing(px(48))
        summary = QVBoxLayout()
        summary.setSpacing(px(16))
        self.stars = StarsWidget(theme)
        self.headline = label("", "title")
        self.headline.setObjectName("quiz-result-headline")
        self.points = label("", "quiz-points-big")
        self.points.setObjectName("quiz-result-points")
        self.note = label("", "subtitle")
        summary.addWidget(self.stars, 0, Qt.AlignmentFlag.AlignLeft)
        summary.addWidget(self.headline)
        summary.addWidget(self.points)
        summary.addWidget(self.note)
        self.body.addLayout(summary, 1)
        extra = QVBoxLayout()
        self.team_chooser = TeamChooser(theme)
        self.board_heading = label("", "heading")
        self.board = LeaderboardView(theme)
        self.certificate = CertificateCard(theme)
        extra.addWidget(self.team_chooser)
        extra.addWidget(self.board_heading)
        extra.addWidget(self.board)
        extra.addWidget(self.certificate)
        self.body.addLayout(extra, 1)
        self._extra = extra
        outer.addLayout(self.body)
        outer.addStretch(1)
        # portrait: who gets the points is asked right above Play again, within reach
        self._low = QVBoxLayout()
        outer.addLayout(self._low)
        buttons = QHBoxLayout()
        buttons.setSpacing(px(24))
        self.play_again = button("", "primary")
        self.play_again.setObjectName("quiz-play-again")
        self.home = button("", "")
        self.home.setObjectName("quiz-home")
        for btn in (self.play_again, self.home):
            btn.setMinimumHeight(px(110))
            buttons.addWidget(btn, 1)
        self.play_again.clicked.connect(self.play_again_was_tapped)
        self.home.clicked.connect(self.home_was_tapped)
        outer.addLayout(buttons)
        self.celebration = Celebration(theme, self)

    def show_mode(self, school: bool, waiting_for_team: bool = False) -> None:
        """School: the class board, or first the choice of who gets the points; store: the
        certificate."""
        self.team_chooser.setVisible(school and waiting_for_team)
        self.board_heading.setVisible(school and not waiting_for_team)
        self.board.setVisible(school and not waiting_for_team)
        self.certificate.setVisible(not school)

    def hideEvent(self, event: QHideEvent) -> None:
        self.celebration.stop()
        super().hideEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.celebration.setGeometry(self.rect())
        portrait = event.size().height() > event.size().width()
        self.body.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        home, away = (self._low, self._extra) if portrait else (self._extra, self._low)
        if home.indexOf(self.team_chooser) < 0:
            away.removeWidget(self.team_chooser)
            home.insertWidget(0, self.team_chooser)
        super().resizeEvent(event)

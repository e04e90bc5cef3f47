"""A QPainter on an A4 page measured in millimetres: text that wraps and says how tall it
was, boxes, tables and the site's logo. Used by :mod:`kiosk.ui.report.year_pdf`.

Safe on a worker thread: it paints only on the PDF writer it is given (Qt allows painting
on a QPdfWriter, QImage or QPicture off the GUI thread) and reads pictures with QImage and
QSvgRenderer, never QPixmap or QIcon.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtSvg import QSvgRenderer

from kiosk.resources import asset
from kiosk.ui.theme import Palette

A4_W_MM = 210.0
A4_H_MM = 297.0
MARGIN_MM = 18.0
CONTENT_W_MM = A4_W_MM - 2 * MARGIN_MM
Align = Qt.AlignmentFlag


class Sheet:
    def __init__(
        self, painter: QPainter, dots_per_mm: float, families: Sequence[str], palette: Palette
    ) -> None:
        self.painter = painter
        self.d = dots_per_mm
        self.families = list(families)
        self.palette = palette

    def colour(self, name: str) -> QColor:
        return QColor(getattr(self.palette, name))

    def font(self, pt: float, bold: bool = False) -> QFont:
        font = QFont()
        font.setFamilies(self.families)
        font.setPointSizeF(pt)
        font.setBold(bold)
        # Noto CJK's "locl" swaps digits and '-' for glyphs that are in no cmap, and "liga"
        # draws "fi" as one glyph: Qt's PDF engine cannot say which characters those are, so
        # numbers and words would print but could not be searched, copied or read aloud.
        # The cmap's own glyphs look the same.
        for feature in ("locl", "liga"):
            font.setFeature(QFont.Tag(feature), 0)
        return font

    def rect(self, x: float, y: float, w: float, h: float) -> QRectF:
        d = self.d
        return QRectF(x * d, y * d, w * d, h * d)

    def text(
        self,
        x: float,
        y: float,
        w: float,
        words: str,
        pt: float = 10,
        *,
        bold: bool = False,
        colour: str = "text",
        align: Qt.AlignmentFlag = Align.AlignLeft,
        draw: bool = True,
    ) -> float:
        """Draw ``words`` wrapped to ``w`` mm from (x, y) mm; the height used, in mm."""
        p = self.painter
        p.setFont(self.font(pt, bold))
        p.setPen(self.colour(colour))
        area = self.rect(x, y, w, 2000)
        flags = int(align | Align.AlignTop) | int(Qt.TextFlag.TextWordWrap)
        used = p.boundingRect(area, flags, words)
        if draw:
            p.drawText(area, flags, words)
        return used.height() / self.d

    def box(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        fill: str | None = None,
        line: str | None = None,
        dashed: bool = False,
        radius: float = 0.0,
    ) -> None:
        p = self.painter
        if line is None:
            p.setPen(Qt.PenStyle.NoPen)
        else:
            pen = QPen(self.colour(line), 0.25 * self.d)
            if dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
        p.setBrush(self.colour(fill) if fill else Qt.BrushStyle.NoBrush)
        r = radius * self.d
        p.drawRoundedRect(self.rect(x, y, w, h), r, r)

    def line(
        self,
        x1: float,
        y1: float,
        x2: float,
        y2: float,
        colour: str = "muted",
        width_mm: float = 0.25,
    ) -> None:
        d = self.d
        self.painter.setPen(QPen(self.colour(colour), width_mm * d))
        self.painter.drawLine(QPointF(x1 * d, y1 * d), QPointF(x2 * d, y2 * d))

    def table(
        self,
        x: float,
        y: float,
        widths: Sequence[float],
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        *,
        pt: float = 9,
        bold_last: bool = False,
        numeric_from: int = 1,
    ) -> float:
        """A table with a shaded header; columns from ``numeric_from`` on are right-aligned.
        Returns its height in mm."""
        pad = 1.6
        total_w = sum(widths)

        def aligned(i: int) -> Qt.AlignmentFlag:
            return Align.AlignRight if i >= numeric_from else Align.AlignLeft

        head_h = (
            max(
                self.text(0, 0, w - 2 * pad, h, pt, bold=True, draw=False)
                for w, h in zip(widths, header, strict=True)
            )
            + 2 * pad
        )
        self.box(x, y, total_w, head_h, fill="background")
        cx = x
        for i, (w, h) in enumerate(zip(widths, header, strict=True)):
            self.text(cx + pad, y + pad, w - 2 * pad, h, pt, bold=True, align=aligned(i))
            cx += w
        cy = y + head_h
        for n, row in enumerate(rows):
            bold = bold_last and n == len(rows) - 1
            row_h = (
                max(
                    self.text(0, 0, w - 2 * pad, c, pt, bold=bold, draw=False)
                    for w, c in zip(widths, row, strict=True)
                )
                + 2 * pad
            )
            cx = x
            for i, (w, c) in enumerate(zip(widths, row, strict=True)):
                muted = c.startswith(("无数据", "no data"))
                self.text(
                    cx + pad,
                    cy + pad,
                    w - 2 * pad,
                    c,
                    pt,
                    bold=bold,
                    colour="muted" if muted else "text",
                    align=aligned(i),
                )
                cx += w
            cy += row_h
            self.line(x, cy, x + total_w, cy, "background", 0.3)
        return cy - y

    def logo(self, x: float, y: float, size: float, path: Path | None) -> None:
        """The pack's logo (SVG, PNG or JPEG) fitted in a square, or the kiosk's leaf."""
        target = self.rect(x, y, size, size)
        candidates = [path] if path is not None else []
        candidates.append(asset("icons", "leaf.svg"))
        for candidate in candidates:
            if candidate.suffix.lower() == ".svg":
                renderer = QSvgRenderer(str(candidate))
                if renderer.isValid():
                    renderer.render(self.painter, _fit(target, QSizeF(renderer.defaultSize())))
                    return
            else:
                image = QImage(str(candidate))
                if not image.isNull():
                    self.painter.drawImage(_fit(target, QSizeF(image.size())), image)
                    return


def _fit(target: QRectF, size: QSizeF) -> QRectF:
    """``size`` scaled into ``target`` keeping its shape, centred."""
    if size.width() <= 0 or size.height() <= 0:
        return target
    scaled = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
    corner = target.center() - QPointF(scaled.width() / 2, scaled.height() / 2)
    return QRectF(corner, scaled)

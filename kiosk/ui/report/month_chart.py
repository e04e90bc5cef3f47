"""A bar chart of twelve months on a :class:`~kiosk.ui.report.sheet.Sheet`: a labelled value
axis with its unit, month names under the bars (the History chart's own labels), each bar's
value above it, and a dashed "no data" box where a month has no readings (never a 0 bar)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, Qt

from kiosk.ui.report.sheet import Align, Sheet


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """0 and round steps (1, 2, 2.5 or 5 × 10^k) up to at least ``top``."""
    top = max(top, 1e-9)
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    n = math.ceil(top / step - 1e-9)
    return [round(i * step, 10) for i in range(n + 1)]


def _tick_text(value: float, step: float) -> str:
    return f"{value:,.0f}" if step >= 1 else f"{value:,.1f}"


def draw_month_bars(
    sheet: Sheet,
    x: float,
    y: float,
    w: float,
    h: float,
    values: Sequence[float | None],
    labels: Sequence[str],
    axis_title: str,
    empty: Sequence[str],
    colour: str = "primary",
) -> None:
    """Twelve bars in the box (x, y, w, h) mm; ``labels`` may hold two lines each, and
    ``empty`` says, per bar, why it has no value ("no data", "not yet")."""
    label_h = 4.0 * max(len(lb.split("\n")) for lb in labels) + 2
    left, top, bottom = 17.0, 5.0, label_h
    px, py, pw, ph = x + left, y + top, w - left - 1, h - top - bottom
    known = [v for v in values if v is not None]
    ticks = nice_ticks(max(known, default=0.0) or 1.0)
    scale_top = ticks[-1]
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    for tick in ticks:
        ty = py + ph - tick / scale_top * ph
        sheet.line(px, ty, px + pw, ty, "background" if tick else "muted", 0.3)
        sheet.text(
            x + 4.5,
            ty - 1.8,
            left - 6,
            _tick_text(tick, step),
            7,
            colour="muted",
            align=Align.AlignRight,
        )
    _axis_title(sheet, x, py, ph, axis_title)
    slot = pw / len(values)
    decimals = 0 if scale_top >= 100 else 1
    for i, (value, label, no_data) in enumerate(zip(values, labels, empty, strict=True)):
        bx = px + i * slot
        sheet.text(bx, py + ph + 1.2, slot, label, 7, colour="text", align=Align.AlignHCenter)
        if value is None:
            gap_h = min(ph * 0.35, 14.0)
            sheet.box(
                bx + slot * 0.12, py + ph - gap_h, slot * 0.76, gap_h, line="muted", dashed=True
            )
            lines = len(no_data.split("\n"))
            sheet.text(
                bx,
                py + ph - gap_h / 2 - 1.6 * lines,
                slot,
                no_data,
                6,
                colour="muted",
                align=Align.AlignHCenter,
            )
            continue
        bar_h = value / scale_top * ph
        sheet.box(bx + slot * 0.18, py + ph - bar_h, slot * 0.64, bar_h, fill=colour)
        sheet.text(
            bx - 2,
            py + ph - bar_h - 4.2,
            slot + 4,
            f"{value:,.{decimals}f}",
            6.5,
            bold=True,
            align=Align.AlignHCenter,
        )


def _axis_title(sheet: Sheet, x: float, py: float, ph: float, title: str) -> None:
    """The value axis' title with its unit, written upwards beside the tick labels."""
    p = sheet.painter
    p.save()
    d = sheet.d
    p.translate(QPointF(x * d, (py + ph) * d))
    p.rotate(-90)
    p.setFont(sheet.font(7.5, bold=True))
    p.setPen(sheet.colour("text"))
    p.drawText(
        sheet.rect(0, 0, ph, 4),
        int(Align.AlignHCenter | Align.AlignTop) | int(Qt.TextFlag.TextSingleLine),
        title,
    )
    p.restore()

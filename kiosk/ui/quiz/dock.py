"""A button that changes place with the screen's orientation: in portrait the quiz keeps its
big buttons (*Check*, *Next*) in one place under the answers, within a child's reach; in
landscape each goes back where it belongs (under the choices, at the foot of the card)."""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QGridLayout, QSizePolicy, QWidget


def dock(widget: QWidget, home: QBoxLayout, host: QGridLayout | None) -> None:
    """Move ``widget`` into ``host``'s first cell, or with ``None`` back to the end of
    ``home``. Whether it shows stays as its owner set it (a new parent alone would hide it,
    or show it a little later)."""
    target = home if host is None else host
    if widget.parentWidget() is target.parentWidget():
        return
    hidden = widget.isHidden()
    parent = widget.parentWidget()
    current = parent.layout() if parent is not None else None
    if current is not None:
        current.removeWidget(widget)
    if host is None:
        home.addWidget(widget)
    else:
        host.addWidget(widget, 0, 0)
    # in the host's place it fills the place's height; at home it is as tall as it needs
    policy = widget.sizePolicy()
    policy.setVerticalPolicy(
        QSizePolicy.Policy.Fixed if host is None else QSizePolicy.Policy.Expanding
    )
    widget.setSizePolicy(policy)
    widget.setVisible(not hidden)

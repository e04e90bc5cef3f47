"""The yearly report drawn as a printable PDF with Qt (QPdfWriter and QPainter)."""

"""Green Space Kiosk: live solar and water figures, low-carbon quizzes, signed content packs."""

__version__ = "0.1.0"

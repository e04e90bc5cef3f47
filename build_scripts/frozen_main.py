"""Entry point of the frozen build (``green-space-kiosk``): the same CLI as ``kiosk``."""

from __future__ import annotations

import sys

from kiosk.cli import main

if __name__ == "__main__":
    sys.exit(main())

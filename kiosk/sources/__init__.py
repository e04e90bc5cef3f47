"""Data source adapters behind one interface (Qt-free). See :mod:`kiosk.sources.base`."""

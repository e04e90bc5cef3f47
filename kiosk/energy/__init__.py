"""Energy readings, the local store, rollups and carbon accounting (Qt-free)."""

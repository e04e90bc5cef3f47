"""Content packs: source format, manifest, signing, safe archives, the installed library (Qt-free)."""

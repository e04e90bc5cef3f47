"""Staff access: the PIN (stored only as a slow salted hash) and its lockout (Qt-free)."""

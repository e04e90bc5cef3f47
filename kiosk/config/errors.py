from __future__ import annotations


class ConfigError(Exception):
    """A config value is wrong. The message names the file, the key and what is wrong."""

    def __init__(self, file: str, key: str, problem: str) -> None:
        self.file = file
        self.key = key
        self.problem = problem
        where = f"{file}: " if file else ""
        super().__init__(f"{where}{key}: {problem}" if key else f"{where}{problem}")

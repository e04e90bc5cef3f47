"""Typed configuration: one ``kiosk.toml``, a schema with defaults, bounds and titles."""

from kiosk.config.errors import ConfigError
from kiosk.config.loader import load_config
from kiosk.config.model import Config

__all__ = ["Config", "ConfigError", "load_config"]

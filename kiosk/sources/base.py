"""The one interface every data source implements, and its typed failures.

An adapter is plain blocking Python: the poller service calls :meth:`Source.read` on a worker
thread, never on the GUI thread. Push protocols (MQTT) buffer what arrived and hand it out on
the next ``read``. Time is passed in (``now``, Unix seconds) so tests can drive a fake clock.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

from kiosk.energy.metrics import Provenance, Reading


class SourceError(Exception):
    """A source could not deliver readings. ``str(err)`` is plain words for the staff screen."""


class SourceUnavailable(SourceError):
    """Temporary: network down, device busy, timeout. The poller retries with backoff."""


class SourceMisconfigured(SourceError):
    """Permanent until the config changes: bad address, wrong credentials, unknown model."""


class Source(ABC):
    """A data source. Subclasses set ``provenance`` (LIVE for devices, SIMULATED otherwise)."""

    provenance: Provenance = Provenance.LIVE

    def __init__(self, source_id: str) -> None:
        self.source_id = source_id

    @abstractmethod
    def read(self, now: float) -> Sequence[Reading]:
        """Return the readings available now. Raises :class:`SourceError` subclasses only."""

    def history(self, now: float) -> Sequence[Reading]:
        """Past readings to store once, before the first poll, when the store is empty.

        Only the simulator has any: a demo kiosk shows full charts from its first minute.
        """
        return ()

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release sockets and threads. Called once when the app stops or the source is dropped."""

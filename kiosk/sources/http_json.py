"""HTTP JSON adapter: poll a local or cloud API and pick figures out of the response.

Every value is checked on its own: a missing key, ``NaN``, text where a number belongs or
``null`` loses that one figure (listed in :attr:`HttpJsonSource.value_problems` for the staff
screen), not the whole response. A body larger than ``max_body_kb`` or slower than
``total_timeout_seconds`` is dropped whole. Presets (:mod:`kiosk.sources.presets`) fill in the
value map and a request budget for Fronius, Home Assistant and SolarEdge.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

import requests
import requests.auth
import urllib3

from kiosk.config.model import Config
from kiosk.energy.metrics import Metric, Provenance, Reading
from kiosk.sources.base import Source, SourceMisconfigured, SourceUnavailable
from kiosk.sources.jsonpath import PathError, loads_json
from kiosk.sources.options.http_json import HttpJsonOptions, JsonValueOptions
from kiosk.sources.presets import PRESETS, HttpPreset, RequestBudget
from kiosk.sources.values import ValueRule, compile_rule


@dataclass(frozen=True)
class _CompiledValue:
    rule: ValueRule
    options: JsonValueOptions

    @property
    def metric(self) -> Metric:
        return self.rule.metric


class HttpJsonSource(Source):
    """Polls one URL; each ``read`` makes at most one request, if the budget allows."""

    def __init__(self, source_id: str, options: HttpJsonOptions, timezone: str = "UTC") -> None:
        super().__init__(source_id)
        self.options = options
        scheme = urlsplit(options.url).scheme
        if scheme not in ("http", "https") or not urlsplit(options.url).hostname:
            raise SourceMisconfigured(
                f"url must start with http:// or https://, got {options.url!r}"
            )
        self._where = urlsplit(options.url).netloc
        preset = PRESETS.get(options.preset)
        self._values = _compile_values(options, preset)
        self._budget = RequestBudget(
            day_interval_seconds=options.min_interval_seconds
            or (preset.day_interval_seconds if preset else 0.0),
            night_interval_seconds=options.night_interval_seconds
            or (preset.night_interval_seconds if preset else 0.0),
            daily_request_limit=options.daily_request_limit
            or (preset.daily_request_limit if preset else 0),
            timezone=timezone,
            day_start_hour=options.day_start_hour,
            day_end_hour=options.day_end_hour,
        )
        self._session: requests.Session | None = None
        #: Why individual values were dropped in the last response (plain words).
        self.value_problems: tuple[str, ...] = ()

    def mapped_metrics(self) -> frozenset[tuple[Metric, str]]:
        """Every (metric, meter) the values map to."""
        return frozenset((v.metric, v.options.meter) for v in self._values)

    @property
    def budget(self) -> RequestBudget:
        return self._budget

    def read(self, now: float) -> Sequence[Reading]:
        if not self._budget.allows(now):
            return []
        self._budget.record(now)
        body = self._fetch()
        try:
            doc = loads_json(body)
        except (ValueError, RecursionError) as exc:
            raise SourceUnavailable(
                f"{self._where} sent something that is not JSON: {exc}"
            ) from None
        return self.readings_from(doc, now)

    def readings_from(self, doc: Any, now: float) -> list[Reading]:
        """Pick every configured value out of ``doc``; raises only if none is usable."""
        readings: list[Reading] = []
        problems: list[str] = []
        for value in self._values:
            try:
                number = value.rule.number_from(doc)
            except PathError as exc:
                problems.append(f"{value.metric.value}: {exc}")
                continue
            readings.append(
                Reading(
                    value.metric,
                    number,
                    now,
                    self.source_id,
                    Provenance.LIVE,
                    value.options.meter,
                )
            )
        self.value_problems = tuple(problems)
        if not readings:
            raise SourceUnavailable(f"no usable values from {self._where}: " + "; ".join(problems))
        return readings

    def close(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None

    def _fetch(self) -> bytes:
        opts = self.options
        if self._session is None:
            self._session = requests.Session()
        headers = {str(k): str(v) for k, v in (opts.headers or {}).items()}
        headers.setdefault("Accept", "application/json")
        if opts.bearer_token:
            headers["Authorization"] = f"Bearer {opts.bearer_token}"
        params = {opts.api_key_param: opts.api_key} if opts.api_key else None
        auth: requests.auth.AuthBase | None = None
        if opts.username:
            auth = (
                requests.auth.HTTPDigestAuth(opts.username, opts.password)
                if opts.auth == "digest"
                else requests.auth.HTTPBasicAuth(opts.username, opts.password)
            )
        verify: bool | str = opts.ca_file or opts.verify_tls
        deadline = time.monotonic() + opts.total_timeout_seconds
        limit = opts.max_body_kb * 1024
        try:
            with self._session.get(
                opts.url,
                headers=headers,
                params=params,
                auth=auth,
                verify=verify,
                timeout=(opts.connect_timeout_seconds, opts.total_timeout_seconds),
                stream=True,
                allow_redirects=False,
            ) as resp:
                _check_status(resp.status_code, self._where)
                declared = resp.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > limit:
                    raise SourceUnavailable(
                        f"{self._where} sent {int(declared) // 1024} KiB, more than max_body_kb"
                    )
                chunks: list[bytes] = []
                size = 0
                while chunk := resp.raw.read1(64 * 1024, decode_content=True):
                    # read1 returns as soon as bytes arrive, so a slow drip meets the deadline.
                    size += len(chunk)
                    if size > limit:
                        raise SourceUnavailable(
                            f"{self._where} sent more than max_body_kb ({opts.max_body_kb} KiB)"
                        )
                    if time.monotonic() > deadline:
                        raise SourceUnavailable(
                            f"{self._where} took longer than {opts.total_timeout_seconds:g} s"
                        )
                    chunks.append(chunk)
                return b"".join(chunks)
        except requests.exceptions.SSLError:
            raise SourceUnavailable(f"HTTPS certificate check failed for {self._where}") from None
        except requests.exceptions.ConnectionError:
            raise SourceUnavailable(f"cannot connect to {self._where}") from None
        except (requests.exceptions.Timeout, urllib3.exceptions.ReadTimeoutError, TimeoutError):
            raise SourceUnavailable(f"{self._where} did not answer in time") from None
        except (requests.exceptions.RequestException, urllib3.exceptions.HTTPError) as exc:
            # The message may hold the URL and with it the API key; name only the kind of error.
            raise SourceUnavailable(
                f"request to {self._where} failed ({type(exc).__name__})"
            ) from None


def _check_status(status: int, where: str) -> None:
    if status in (401, 403):
        raise SourceMisconfigured(f"{where} refused access (HTTP {status}): check the credentials")
    if status == 429:
        raise SourceUnavailable(f"{where} says too many requests (HTTP 429)")
    if not 200 <= status < 300:
        raise SourceUnavailable(f"{where} answered HTTP {status}")


def _compile_values(
    options: HttpJsonOptions, preset: HttpPreset | None
) -> tuple[_CompiledValue, ...]:
    raw = options.values
    if not raw and preset is not None:
        raw = tuple(v.options() for v in preset.values)
    if not raw:
        hint = ' (this preset needs them, e.g. path = "state")' if preset else ""
        raise SourceMisconfigured(f"options.values: no values configured{hint}")
    compiled = []
    for i, v in enumerate(raw):
        if preset is not None and preset.numeric_strings and not v.numeric_strings:
            v = replace(v, numeric_strings=True)
        if preset is not None and preset.unit_path and not (v.unit or v.unit_path):
            v = replace(v, unit_path=preset.unit_path)
        try:
            rule = compile_rule(
                metric=v.metric, path=v.path, scale=v.scale, sign=v.sign, flip_sign=v.flip_sign,
                unit=v.unit, unit_path=v.unit_path, direction_path=v.direction_path,
                direction=v.direction, numeric_strings=v.numeric_strings,
                null_is_zero=v.null_is_zero,
            )  # fmt: skip
        except PathError as exc:
            raise SourceMisconfigured(f"options.values[{i}].{exc}") from None
        compiled.append(_CompiledValue(rule, v))
    return tuple(compiled)


def create(
    source_id: str, options: HttpJsonOptions, config: Config, clock: Callable[[], float] = time.time
) -> HttpJsonSource:
    return HttpJsonSource(source_id, options, config.site.timezone)

"""Property-based fuzzing of every parser that reads input from outside the kiosk: pack files
(manifest, signature, the whole .kpack), the channel index, kiosk.toml, pack YAML documents and
the device JSON value path. The property is the same for each: the parser returns a value or
refuses with its own typed error — never another exception (a crash, a RecursionError,
an OverflowError that kills a network thread).

The budget is small in the test command (``KIOSK_FUZZ_EXAMPLES``, default 30 per property);
before a release run ``KIOSK_FUZZ_EXAMPLES=5000 .venv/bin/python -m pytest tests/fuzz``
(docs/security.md).
"""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.config import ConfigError, load_config
from kiosk.config.loader import parse_config
from kiosk.content.errors import PackRejected
from kiosk.content.installer import verify_kpack
from kiosk.content.keys import TrustStore
from kiosk.content.manifest import parse_manifest
from kiosk.content.policy import InstallPolicy
from kiosk.content.rules import Limits
from kiosk.sources.jsonpath import PathError, compile_path, loads_json, pick_number
from kiosk.sources.registry import check_sources
from kiosk.sync.index import IndexRejected, read_index
from kiosk.util import strict_json
from kiosk.util.documents import DocumentError, parse_document

EXAMPLES = int(os.environ.get("KIOSK_FUZZ_EXAMPLES", "30"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5)
    ),
    max_leaves=40,
)


@st.composite
def json_texts(draw: st.DrawFn) -> str:
    """JSON documents, broken JSON, hostile numbers and deep nesting."""
    choice = draw(st.integers(0, 4))
    if choice == 0:
        return json.dumps(draw(json_values))
    if choice == 1:
        depth = draw(st.integers(1, 5000))
        return "[" * depth + "]" * draw(st.integers(0, depth))
    if choice == 2:
        return "1" * draw(st.integers(1, 5000))
    if choice == 3:
        return draw(st.sampled_from(["NaN", "-Infinity", "1e999", '{"a": 1e400}', "[1,]", ""]))
    return draw(st.text(max_size=200))


@FUZZ
@given(json_texts())
def test_strict_json_returns_or_refuses(text: str) -> None:
    try:
        strict_json.loads(text.encode("utf-8", "surrogatepass"))
    except ValueError:
        pass


@FUZZ
@given(json_texts(), st.sampled_from(["a", "a.b", "a[0]", "[0].x", 'items[type="eim"].w']))
def test_device_json_value_path_returns_or_refuses(text: str, path: str) -> None:
    try:
        doc = loads_json(text)
    except ValueError:
        return
    try:
        value = pick_number(doc, compile_path(path), numeric_strings=True)
    except PathError:
        return
    assert value == value and abs(value) < float("inf")


@FUZZ
@given(st.one_of(json_texts(), st.binary(max_size=300).map(lambda b: b.decode("latin-1"))))
def test_manifest_and_signature_parsing_returns_or_refuses(text: str) -> None:
    try:
        parse_manifest(text.encode("utf-8", "surrogatepass"), Limits())
    except PackRejected:
        pass


@FUZZ
@given(json_texts())
def test_channel_index_parsing_returns_or_refuses(text: str) -> None:
    try:
        read_index(text.encode("utf-8", "surrogatepass"), TrustStore())
    except IndexRejected:
        pass


toml_values = st.recursive(
    st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.floats() | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=30,
)
SECTIONS = ["site", "display", "staff", "storage", "content", "channel", "quiz", "logging",
            "failover", "aggregate", "sources", "schema_version"]  # fmt: skip


@FUZZ
@given(st.dictionaries(st.sampled_from(SECTIONS) | st.text(max_size=8), toml_values, max_size=6))
def test_config_parsing_returns_or_refuses(raw: dict[str, Any]) -> None:
    try:
        parse_config(raw, "kiosk.toml", check_sources=check_sources)
    except ConfigError:
        pass


@FUZZ
@given(st.text(max_size=400))
def test_config_file_loading_returns_or_refuses(tmp_path_factory: Any, text: str) -> None:
    path = tmp_path_factory.mktemp("cfg") / "kiosk.toml"
    path.write_text(text, "utf-8", errors="surrogatepass")
    try:
        load_config(path, check_sources=check_sources)
    except ConfigError:
        pass


SCHEMA = {"type": "object", "properties": {"title": {"type": "string"}}, "required": ["title"]}


@st.composite
def yaml_texts(draw: st.DrawFn) -> str:
    choice = draw(st.integers(0, 3))
    if choice == 0:
        return draw(st.text(max_size=300))
    if choice == 1:
        depth = draw(st.integers(1, 1200))
        return "title: " + "[" * depth + "]" * depth
    if choice == 2:
        n = draw(st.integers(1, 12))
        lines = ["a0: &a0 [x, x, x, x]"] + [
            f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 6) + "]" for i in range(1, n)
        ]
        return "\n".join(lines) + "\ntitle: t\n"
    return "title: " + json.dumps(draw(json_values))


@FUZZ
@given(yaml_texts())
def test_pack_yaml_documents_return_or_refuse(text: str) -> None:
    try:
        parse_document(text, SCHEMA, "stories/a.yaml")
    except DocumentError:
        pass


@FUZZ
@given(st.binary(max_size=2000), st.integers(0, 3))
def test_kpack_files_are_verified_or_refused(
    tmp_path_factory: Any, noise: bytes, kind: int
) -> None:
    """Random bytes, and ZIPs with random members where a pack's files go."""
    path: Path = tmp_path_factory.mktemp("kpack") / "x.kpack"
    if kind == 0:
        path.write_bytes(noise)
    else:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            zf.writestr("manifest.json", noise if kind == 1 else b'{"format": 1}')
            zf.writestr("signature.json", noise if kind == 2 else b"{}")
            zf.writestr("files/pack.yaml", noise)
        path.write_bytes(buf.getvalue())
    try:
        verify_kpack(path, TrustStore(), InstallPolicy())
    except PackRejected:
        pass

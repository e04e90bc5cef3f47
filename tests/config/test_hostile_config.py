"""Config mistakes and hostile values found by an attack run: each is refused at load (exit 2
from the CLI) with the file, the key and the problem, before anything starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import ConfigError, load_config
from kiosk.sources.registry import check_sources


def load(tmp_path: Path, text: str) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, "utf-8")
    load_config(path, check_sources=check_sources)


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        ('[site]\ntimezone = "Mars/Olympus_Mons"\n', "site.timezone", "unknown time zone"),
        ('[site]\ntimezone = "../../etc/passwd"\n', "site.timezone", "unknown time zone"),
        ('[site]\ntimezone = ""\n', "site.timezone", "unknown time zone"),
        ('[[sources]]\nid = "inv"\ntype = "modbus"\n', "sources[0].options.host", "required"),
        (
            '[[sources]]\nid = "m"\ntype = "modbus_map"\n[sources.options]\nregisters = []\n',
            "sources[0].options.host",
            "required",
        ),
        (
            '[[sources]]\nid = "h"\ntype = "http"\n[sources.options]\nurl = "file:///etc/passwd"\n',
            "sources[0].options.url",
            "http:// or https://",
        ),
        ('[channel]\nurl = "ftp://example.org/ch"\n', "channel.url", "http:// or https://"),
        ('[channel]\nurl = "https://"\n', "channel.url", "no host"),
        ('[content]\ntrusted_keys = ["not base64!"]\n', "content.trusted_keys", "entry 1"),
        (
            '[channel]\ntrusted_keys = ["/nonexistent/channel.pub"]\n',
            "channel.trusted_keys",
            "cannot read",
        ),
        ('[quiz]\nterm_starts = ["13-01"]\n', "quiz.term_starts[0]", "MM-DD"),
        ('[quiz]\nterm_starts = ["09-01", "Sept 1"]\n', "quiz.term_starts[1]", "MM-DD"),
        ("[quiz]\nterm_starts = []\n", "quiz.term_starts", "at least one"),
    ],
)
def test_refused_with_file_key_and_problem(
    tmp_path: Path, text: str, key: str, problem: str
) -> None:
    with pytest.raises(ConfigError) as info:
        load(tmp_path, text)
    assert info.value.file == str(tmp_path / "kiosk.toml")
    assert info.value.key == key
    assert problem in info.value.problem


def test_a_huge_site_name_is_refused_quickly_with_a_short_message(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load(tmp_path, '[site]\nname = "' + "x" * 200_000 + '"\n')
    assert info.value.key == "site.name" and "at most 2,000" in info.value.problem
    assert len(str(info.value)) < 300


def test_twenty_thousand_sources_are_refused(tmp_path: Path) -> None:
    text = "".join(f'[[sources]]\nid = "s{i}"\ntype = "simulator"\n' for i in range(20_000))
    with pytest.raises(ConfigError, match="at most 64"):
        load(tmp_path, text)


def test_a_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="at most 1,048,576"):
        load(tmp_path, "# " + "x" * 2_000_000 + "\n")


def test_deeply_nested_toml_is_refused_not_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid TOML"):
        load(tmp_path, "x = " + "[" * 5000 + "]" * 5000 + "\n")


def test_a_readable_key_file_and_base64_key_are_accepted(tmp_path: Path) -> None:
    import base64

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    raw = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    text = base64.b64encode(raw).decode()
    (tmp_path / "pack.pub").write_text(text + "\n", "utf-8")
    load(tmp_path, f'[content]\ntrusted_keys = ["{text}", "{tmp_path / "pack.pub"}"]\n')

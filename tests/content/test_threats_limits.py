"""Packs that verify yet could hang or kill the kiosk (attack run, item 5 and 6): every parser
has limits, and each of these is refused with a reason, quickly, before anything is shown."""

from __future__ import annotations

import time

from test_threats_archive import honest_members, refused

from kiosk.content.kpack import SIGNATURE_NAME
from kiosk.util.failure_kinds import FailureKind


def _story(text: str) -> bytes:
    return ("id: a\ntitle: {zh: 甲, en: A}\nslides:\n" + text).encode()


def test_deeply_nested_signature_is_refused_not_a_traceback(
    installed, packs, policy, unchanged
) -> None:
    check = unchanged(installed)
    members = [
        (name, b"[" * 2000 + b"]" * 2000) if name == SIGNATURE_NAME else (name, data)
        for name, data in honest_members(packs)
    ]
    refused(
        installed, packs.crafted(members), packs, policy, "nested deeper", FailureKind.INVALID_PACK
    )
    check()


def test_svg_use_bomb_is_refused(installed, packs, policy, unchanged) -> None:
    """5 KB of nested <use>: 10 levels of 10 references each asks the renderer for 10^10."""
    check = unchanged(installed)
    files = packs.minimal_files(version=2)
    levels = ['<g id="l0"><rect width="1" height="1"/></g>']
    for i in range(1, 11):
        uses = "".join(f'<use href="#l{i - 1}"/>' for _ in range(10))
        levels.append(f'<g id="l{i}">{uses}</g>')
    files["images/pic.svg"] = (
        '<svg xmlns="http://www.w3.org/2000/svg"><defs>' + "".join(levels) + "</defs>"
        '<use href="#l10"/></svg>'
    ).encode()
    started = time.monotonic()
    refused(
        installed, packs.crafted(honest_members(packs, files)), packs, policy, "use> references"
    )
    assert time.monotonic() - started < 5
    check()


def test_yaml_alias_bomb_is_refused_quickly_with_a_short_message(
    installed, packs, policy, unchanged
) -> None:
    check = unchanged(installed)
    files = packs.minimal_files(version=2)
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 30)]
    files["stories/a.yaml"] = ("\n".join(lines) + "\n").encode()
    started = time.monotonic()
    refused(installed, packs.crafted(honest_members(packs, files)), packs, policy, "aliases")
    assert time.monotonic() - started < 5
    check()


def test_deep_yaml_is_refused(installed, packs, policy, unchanged) -> None:
    check = unchanged(installed)
    files = packs.minimal_files(version=2)
    files["stories/a.yaml"] = _story("  - text: " + "[" * 900 + "]" * 900 + "\n")
    refused(installed, packs.crafted(honest_members(packs, files)), packs, policy, "nested")
    check()


def test_a_huge_story_title_is_refused(installed, packs, policy, unchanged) -> None:
    """A 4 MB title drove the process to 24 GB when laid out; text fields are bounded."""
    check = unchanged(installed)
    files = packs.minimal_files(version=2)
    files["stories/a.yaml"] = (
        "id: a\ntitle: {zh: 甲, en: " + "A" * 300_000 + "}\nslides:\n  - text: {zh: 你, en: Hi}\n"
        "    image: images/pic.svg\n"
    ).encode()
    refused(installed, packs.crafted(honest_members(packs, files)), packs, policy, "at most 20,000")
    check()

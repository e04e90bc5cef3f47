"""The built-in pack from content/ and what the UI gets from the active pack."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.content.active import start_content
from kiosk.content.builtin import BUILTIN_PACK_NAME, BUILTIN_PUB_NAME, ensure_builtin
from kiosk.content.installer import install_kpack
from kiosk.content.library import Library

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real build script run on the real content/ folder."""
    out = tmp_path_factory.mktemp("bundle")
    script = REPO / "build_scripts" / "build_builtin_pack.py"
    proc = subprocess.run(
        [sys.executable, str(script), "--out-dir", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "built" in proc.stdout
    return out


def test_first_boot_installs_builtin_and_ui_gets_everything(
    library: Library, bundle: Path, policy
) -> None:
    result = ensure_builtin(library, policy, bundle)
    assert result.installed is not None and result.installed.id == "builtin"
    start = start_content(library)
    content = start.content
    assert content is not None and start.problem == ""
    assert content.title.get("en") == "Green Space built-in content"
    assert content.theme.colours["primary"] == "#17784A"
    assert content.theme.logo_path is not None and content.theme.logo_path.read_bytes().startswith(
        b"<svg"
    )
    ids = {s.id for s in content.stories}
    assert {"wuhan-school", "community-compost", "retail-eco-exhibits"} <= ids
    wuhan = next(s for s in content.stories if s.id == "wuhan-school")
    assert "1,400 tonnes" in " ".join(sl.text.en for sl in wuhan.slides)
    assert "1400 吨" in " ".join(sl.text.zh for sl in wuhan.slides)
    assert all(sl.image_path is None or sl.image_path.is_file() for sl in wuhan.slides)
    assert content.attract  # the live scene welcomes; the playlist tells the stories
    assert all(a.kind == "story" or (a.path and a.path.is_file()) for a in content.attract)
    assert {a.story_id for a in content.attract if a.kind == "story"} <= ids
    assert all(p.is_file() for p in content.quiz_files.values())
    library.mark_good()
    assert library.pointer().status == "good"


def test_every_builtin_story_opens_with_a_picture(library: Library, bundle: Path, policy) -> None:
    """The attract loop and the stories screen show a story's first picture; without one the
    eco-calendar days showed an empty white card. Each picture is a small 1280x720 drawing."""
    import xml.etree.ElementTree as ET

    ensure_builtin(library, policy, bundle)
    content = start_content(library).content
    assert content is not None
    eco = {s.id for s in content.stories if s.id.startswith("eco-")}
    assert len(eco) == 6
    for story in content.stories:
        first = story.slides[0].image_path
        assert first is not None and first.is_file(), story.id
        for slide in story.slides:
            if slide.image_path is None or slide.image_path.suffix != ".svg":
                continue
            data = slide.image_path.read_bytes()
            assert len(data) < 8 * 1024, slide.image_path.name
            root = ET.fromstring(data)
            assert root.get("viewBox") == "0 0 1280 720", slide.image_path.name
            assert not [e for e in root.iter() if e.tag.endswith(("}text", "}image"))]


def test_builtin_is_not_reinstalled_and_stays_beside_another_pack(
    library: Library, bundle: Path, packs, policy
) -> None:
    ensure_builtin(library, policy, bundle)
    assert ensure_builtin(library, policy, bundle).message == "built-in pack is up to date"
    install_kpack(packs.honest(), library, packs.trust, policy)
    again = ensure_builtin(library, policy, bundle)
    assert again.installed is None and again.message == "built-in pack is up to date"
    assert sorted(library.pointer().packs) == ["builtin", "test-pack"]


def test_builtin_key_signs_only_the_builtin_pack(
    library: Library, bundle: Path, packs, policy
) -> None:
    from kiosk.content.builtin import builtin_trusted_key

    key = builtin_trusted_key(bundle)
    assert key is not None and key.pack_ids == frozenset({"builtin"})


def test_missing_bundle_gives_honest_no_content(
    library: Library, tmp_path: Path, bundle: Path, policy
) -> None:
    empty = tmp_path / "nothing"
    empty.mkdir()
    result = ensure_builtin(library, policy, empty)
    assert result.installed is None and "no built-in pack" in result.message
    assert start_content(library).content is None
    # a damaged bundle is reported, not raised
    broken = tmp_path / "broken"
    shutil.copytree(bundle, broken)
    (broken / BUILTIN_PACK_NAME).write_bytes(b"PK garbage")
    result = ensure_builtin(library, policy, broken)
    assert result.installed is None and "not a valid pack archive" in result.message
    # a bundle whose key does not match its pack is refused
    other = tmp_path / "other"
    shutil.copytree(bundle, other)
    (other / BUILTIN_PUB_NAME).write_text("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")
    result = ensure_builtin(library, policy, other)
    assert result.installed is None and "unknown key" in result.message

"""Building from a source folder: authors get file and line; nothing unsafe gets packed."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image

from kiosk.content.builder import build_pack, check_source
from kiosk.content.errors import PackRejected
from kiosk.content.kpack import KpackReader
from kiosk.content.rules import Limits
from kiosk.content.source_doc import DocumentError


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def test_example_source_builds_and_is_deterministic(source_dir: Path, packs, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764000000")
    a, b = packs.path(), packs.path()
    build_pack(source_dir, packs.key, a)
    build_pack(source_dir, packs.key, b)
    assert a.read_bytes() == b.read_bytes()
    with KpackReader(a, Limits()) as reader:
        assert b'"created":"2025-11-24T16:00:00Z"' in reader.read_small("manifest.json")


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "pack.yaml",
            "version: 1",
            "version: one",
            "pack.yaml:4: version: version must be a whole number, got 'one'",
        ),
        (
            "pack.yaml",
            "targets: [school]",
            "targets: [museum]",
            "pack.yaml:13: targets/0: 'museum' is not one of: school, store",
        ),
        (
            "theme.yaml",
            '"#2E7D32"',
            '"green"',
            """theme.yaml:3: colours/primary: a colour is written "#RRGGBB", e.g. "#2E7D32"; got 'green'""",
        ),
        (
            "stories/rain-garden.yaml",
            "  en: Our rain garden",
            "  en: [oops",
            "rain-garden.yaml:6: not valid YAML",
        ),
        (
            "attract.yaml",
            "story: rain-garden",
            "story: nope",
            "attract.yaml:3: items/0/story: no story with id 'nope'",
        ),
        (
            "theme.yaml",
            "logo: images/logo.svg",
            "logo: images/none.svg",
            "theme.yaml:8: logo: no file 'images/none.svg'",
        ),
    ],
)
def test_author_errors_name_file_and_line(
    source_dir: Path, file: str, old: str, new: str, expected: str
) -> None:
    edit(source_dir / file, old, new)
    with pytest.raises(DocumentError) as exc:
        check_source(source_dir)
    assert expected in str(exc.value)


def test_symlink_in_source_is_refused(source_dir: Path) -> None:
    os.symlink("/etc/passwd", source_dir / "images" / "passwd.txt")
    with pytest.raises(PackRejected, match=r"images/passwd\.txt: symbolic links are not allowed"):
        check_source(source_dir)


def test_script_in_source_is_refused(source_dir: Path) -> None:
    (source_dir / "tools.py").write_text("import os\n")
    with pytest.raises(PackRejected, match=r"tools.py: file type .py not allowed"):
        check_source(source_dir)


def test_hidden_files_are_skipped(source_dir: Path) -> None:
    (source_dir / ".DS_Store").write_bytes(b"\0\1")
    (source_dir / ".git").mkdir()
    (source_dir / ".git" / "config").write_text("x")
    assert all(not f.path.startswith(".") for f in check_source(source_dir).files)


def test_case_collision_in_source_is_refused(source_dir: Path) -> None:
    (source_dir / "images" / "Logo.svg").write_bytes(
        (source_dir / "images" / "logo.svg").read_bytes()
    )
    with pytest.raises(PackRejected, match="differ only in case"):
        check_source(source_dir)


def test_oversized_image_is_refused_at_build(source_dir: Path) -> None:
    buf = io.BytesIO()
    Image.new("L", (3000, 3000)).save(buf, "PNG")
    (source_dir / "images" / "big.png").write_bytes(buf.getvalue())
    with pytest.raises(DocumentError, match=r"images/big\.png: image is 3000×3000 px; the largest"):
        check_source(source_dir, Limits(max_image_pixels=4_000_000))


def test_quizzes_go_through_the_quiz_validator(source_dir: Path) -> None:
    (source_dir / "quizzes").mkdir()
    (source_dir / "quizzes" / "q.yaml").write_text("schema_version: 1\nid: q\n", "utf-8")
    with pytest.raises(DocumentError, match=r"quizzes/q.yaml.*'title' is a required property"):
        check_source(source_dir)


def test_builtin_content_folder_is_valid() -> None:
    source = check_source(Path(__file__).resolve().parents[2] / "content")
    assert source.info["id"] == "builtin"
    assert "LICENSES.md" in {f.path for f in source.files}


def test_pack_build_reports_every_problem_at_once_in_plain_sentences(
    source_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Four mistakes, one build: each with its file (and line) and what to write instead."""
    from PIL import Image

    from kiosk.cli import main
    from kiosk.content.keys import generate_keypair

    pack = source_dir / "pack.yaml"
    text = pack.read_text("utf-8").replace("id: my-school", "id: Wuhan No3")
    pack.write_text(text.replace("title:", "titel: x\ntitle:", 1), "utf-8")
    theme = source_dir / "theme.yaml"
    theme.write_text(theme.read_text("utf-8").replace('"#2E7D32"', "#2E7D32"), "utf-8")
    Image.new("RGB", (13000, 10)).save(source_dir / "images" / "wide.png")
    key, _, _ = generate_keypair(tmp_path / "k")
    out = tmp_path / "p.kpack"
    code = main(["pack", "build", str(source_dir), "--key", str(key), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1 and not out.exists()
    assert (
        f"{source_dir}/pack.yaml:3: id: id may only use a-z, 0-9 and '-': 'Wuhan No3' → try 'wuhan-no3'"
        in err
    )
    assert "pack.yaml:6: unknown field 'titel' — did you mean 'title'?" in err
    assert 'theme.yaml:3: colours/primary: a colour must be quoted: primary: "#2E7D32"' in err
    assert "images/wide.png: image is 13000×10 px; the largest allowed is 12000×12000 px" in err
    assert "kiosk: not built: 4 problems; fix them and build again" in err

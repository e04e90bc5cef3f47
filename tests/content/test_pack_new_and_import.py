"""``pack new --for`` and the docs' quiz template imported into a new pack as shipped, with the
set id and titles taken from the file name (a Chinese file name too)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from kiosk.cli import main
from kiosk.cli.quiz_cmds import set_id_from_name

DOCS = Path(__file__).resolve().parents[2] / "docs"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("sites", "targets"), [("school", ["school"]), ("store", ["store"]),
                                                 ("both", ["school", "store"])])  # fmt: skip
def test_pack_new_for_sets_the_targets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sites: str, targets: list[str]
) -> None:
    assert run(capsys, "pack", "new", str(tmp_path / "p"), "--for", sites)[0] == 0
    assert yaml.safe_load((tmp_path / "p" / "pack.yaml").read_text("utf-8"))["targets"] == targets


def test_pack_new_takes_the_kiosks_site_kind_or_asks_for_for(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text('[site]\nkind = "store"\n', "utf-8")
    code, out, _ = run(capsys, "pack", "new", str(tmp_path / "p"), "--config", str(cfg))
    assert code == 0 and "[site] kind" in out
    assert yaml.safe_load((tmp_path / "p" / "pack.yaml").read_text("utf-8"))["targets"] == ["store"]
    monkeypatch.setattr("kiosk.cli.pack_cmds.config_path", lambda args: None)  # no kiosk.toml
    code, _, err = run(capsys, "pack", "new", str(tmp_path / "q"))  # stdin is not a terminal
    assert code == 2 and "--for school, --for store or --for both" in err
    assert not (tmp_path / "q").exists()


def test_a_school_pack_on_a_store_kiosk_is_refused_naming_the_setting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "keygen", "--out", str(tmp_path / "k"))[0] == 0
    assert run(capsys, "pack", "new", str(tmp_path / "p"), "--for", "school")[0] == 0
    kpack = tmp_path / "p.kpack"
    assert run(capsys, "pack", "build", str(tmp_path / "p"), "--key",
               str(tmp_path / "k" / "signing.key"), "--out", str(kpack))[0] == 0  # fmt: skip
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text('[site]\nkind = "store"\n', "utf-8")
    code, _, err = run(capsys, "pack", "verify", str(kpack), "--config", str(cfg),
                       "--trust", str(tmp_path / "k" / "signing.pub"))  # fmt: skip
    assert code == 1
    assert "this site is a store ([site] kind in kiosk.toml)" in err
    assert 'kind = "school"' in err and "targets: [school, store]" in err


def test_set_ids_from_file_names() -> None:
    assert set_id_from_name("Energy Week 2") == "energy-week-2"
    assert set_id_from_name("quiz-template") == "quiz-template"
    chinese = set_id_from_name("节能周")
    assert (
        chinese.startswith("quiz-") and len(chinese) == 13 and chinese == set_id_from_name("节能周")
    )


@pytest.mark.parametrize("name", ["quiz-template.csv", "节能周.csv"])
def test_the_docs_template_imports_into_a_new_pack_as_shipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    src = tmp_path / "our-school-pack"
    assert run(capsys, "pack", "new", str(src), "--for", "school")[0] == 0
    sheet = tmp_path / name
    shutil.copy(DOCS / "quiz-template.csv", sheet)
    code, out, err = run(capsys, "quiz", "import", str(sheet), "--into", str(src))
    assert code == 0, err
    stem = Path(name).stem
    written = list((src / "quizzes").glob("*.yaml"))
    assert len(written) == 1 and f"titles {stem.replace('-', ' ')!r}" in out
    doc = yaml.safe_load(written[0].read_text("utf-8"))
    assert doc["id"] == set_id_from_name(stem)
    assert run(capsys, "quiz", "check", str(src))[0] == 0
    assert run(capsys, "keygen", "--out", str(tmp_path / "k"))[0] == 0
    code, _, err = run(capsys, "pack", "build", str(src), "--key",
                       str(tmp_path / "k" / "signing.key"), "--out", str(tmp_path / "p.kpack"))  # fmt: skip
    assert code == 0, err


def test_titles_and_set_id_can_be_given(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "p"
    run(capsys, "pack", "new", str(src), "--for", "school")
    sheet = tmp_path / "节能周.csv"
    shutil.copy(DOCS / "quiz-template.csv", sheet)
    code, _, err = run(capsys, "quiz", "import", str(sheet), "--into", str(src), "--set", "Bad Id")
    assert code == 1 and "--set ID" in err
    code, _, _ = run(capsys, "quiz", "import", str(sheet), "--into", str(src), "--set", "energy-week",
                     "--title-zh", "节能周", "--title-en", "Energy week")  # fmt: skip
    assert code == 0
    doc = yaml.safe_load((src / "quizzes" / "energy-week.yaml").read_text("utf-8"))
    assert doc["title"] == {"zh": "节能周", "en": "Energy week"}

"""The teacher guide in docs/content-packs.md, walked end to end in a temporary folder exactly
as it is written: its shell commands in order (keygen, pack new, quiz import of the docs'
template, build, verify, install), the edits step 2 describes, the kiosk.toml it shows, and
then the real kiosk window on that default kiosk shows the built-in and the new content."""

from __future__ import annotations

import re
import shlex
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest

from kiosk.cli import main
from kiosk.config.paths import AppPaths

DOCS = Path(__file__).resolve().parents[2] / "docs"
WAIT_MS = 20_000


def guide() -> list[tuple[str, str]]:
    """The guide's fenced blocks in order: (language, text)."""
    text = (DOCS / "content-packs.md").read_text("utf-8")
    section = text[text.index("## Make your own content pack") : text.index("## Reference")]
    return [(m[1], m[2]) for m in re.finditer(r"```(\w*)\n(.*?)```", section, re.S)]


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh user: the kiosk's default config and data folders, inside tmp_path."""
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / "user" / name.lower()))
    return AppPaths.resolve(None).data_dir


def edit(folder: Path) -> None:
    """Step 2 as written: id and titles in pack.yaml, a copied story with a new id and title."""
    pack = folder / "pack.yaml"
    text = pack.read_text("utf-8").replace("id: my-school", "id: wuhan-no3-middle")
    text = text.replace("我们学校的绿色故事", "武汉三中的绿色故事")
    pack.write_text(text.replace("Our school's green stories", "Wuhan No.3 green stories"), "utf-8")
    story = (folder / "stories" / "rain-garden.yaml").read_text("utf-8")
    story = story.replace("id: rain-garden", "id: solar-roof").replace("雨水花园", "屋顶光伏")
    (folder / "stories" / "solar-roof.yaml").write_text(
        story.replace("Our rain garden", "Our solar roof"), "utf-8"
    )


def test_the_teacher_guide_works_as_written(
    tmp_path: Path,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    make_kiosk: Any,
    qtbot: Any,
) -> None:
    work = tmp_path / "teacher"
    work.mkdir()
    monkeypatch.chdir(work)
    kiosk_toml: dict[str, Any] = {}
    ran: list[str] = []
    for lang, block in guide():
        if lang == "toml":  # the lines the guide says the kiosk's kiosk.toml needs
            config = AppPaths.default_config_file()
            config.parent.mkdir(parents=True, exist_ok=True)
            config.write_text(block, "utf-8")
            kiosk_toml = tomllib.loads(block)
            continue
        if lang != "sh":
            continue
        for line in block.strip().splitlines():
            argv = shlex.split(line)
            assert argv[0] == "kiosk", line
            if argv[1:3] == ["quiz", "import"]:  # "a spreadsheet made from the template"
                shutil.copy(DOCS / "quiz-template.csv", work / argv[3])
            code = main(argv[1:])
            out, err = capsys.readouterr()
            assert code == 0, f"{line}\n{out}{err}"
            ran.append(" ".join(argv[1:3]))
            if argv[1:3] == ["pack", "new"]:
                edit(work / argv[3])
    assert ran == ["keygen --for", "pack new", "quiz import", "pack build", "pack verify",
                   "pack install"]  # fmt: skip
    assert kiosk_toml["site"]["kind"] == "school"

    kiosk = make_kiosk(kiosk_toml)
    content = kiosk.services.content
    qtbot.waitUntil(
        lambda: content.status.confirmed and content.content is not None, timeout=WAIT_MS
    )
    shown = content.content
    assert [layer.ref.id for layer in shown.layers] == ["wuhan-no3-middle", "builtin"]
    kiosk.window.router.go("stories")
    stories = kiosk.window.router.current
    qtbot.waitUntil(lambda: len(stories._cards) > 2, timeout=WAIT_MS)
    titles = [card.title_label.text() for card in stories._cards]
    assert titles[:2] == ["雨水花园", "屋顶光伏"]  # the school's own first (Chinese by default)
    builtin_ids = {s.id for s in shown.stories} - {"rain-garden", "solar-roof"}
    assert len(titles) == 6 and "wuhan-school" in builtin_ids  # then the built-in stories
    quiz = kiosk.services.quiz
    qtbot.waitUntil(lambda: len(quiz.catalog.sets) > 6, timeout=WAIT_MS)
    set_ids = {s.id for s in quiz.catalog.sets}
    assert {"electricity", "solar", "water"} <= set_ids  # built-in quiz sets
    new = set_ids - {"electricity", "food", "solar", "transport", "waste", "water"}
    assert len(new) == 1 and next(iter(new)).startswith("quiz-")  # 节能周.csv
    imported = next(s for s in quiz.catalog.sets if s.id in new)
    assert imported.questions and all(
        quiz.catalog.picture_path(q.picture) for q in imported.questions if q.picture
    )
    staff_panel_lines = [info.ref.id for info in content.status.layers]
    assert staff_panel_lines == ["wuhan-no3-middle", "builtin"]

"""Layered packs: the built-in pack, a site's own and head office's campaign active side by
side; each installed, rolled back and fallen back on its own; the merge rule; old libraries."""

from __future__ import annotations

import json
from pathlib import Path

from kiosk.cli import main
from kiosk.content.active import start_content
from kiosk.content.builtin import ensure_builtin
from kiosk.content.errors import PackRejected
from kiosk.content.installer import install_kpack
from kiosk.content.library import Library
from kiosk.content.policy import InstallPolicy
from kiosk.content.store import POINTER_NAME, Slot

THEME = 'colours: {primary: "#123456", accent: "#654321", background: "#FFFFFF", text: "#000000"}\n'


def pack_files(pack_id: str, version: int = 1, extra_yaml: str = "", story: str = "a",
               theme: bool = False, quiz_id: str = "") -> dict[str, bytes]:  # fmt: skip
    files = {
        "pack.yaml": (
            f"id: {pack_id}\nversion: {version}\ndisplay_version: v{version}\n"
            f"title: {{zh: {pack_id}, en: {pack_id} title}}\nmin_app_version: '0.1.0'\n"
            f"targets: [school]\n{extra_yaml}"
        ).encode(),
        f"stories/{story}.yaml": (
            f"id: {story}\ntitle: {{zh: 故事{version}, en: {pack_id} story {version}}}\n"
            "slides:\n  - text: {zh: 你好, en: Hello}\n"
        ).encode(),
        "attract.yaml": f"items:\n  - story: {story}\n    seconds: 5\n".encode(),
    }
    if theme:
        files["theme.yaml"] = THEME.encode()
    if quiz_id:
        files[f"quizzes/{quiz_id}.yaml"] = (
            f"schema_version: 1\nid: {quiz_id}\ntheme: {quiz_id}\n"
            f"title: {{zh: {pack_id}问答, en: {pack_id} quiz}}\nquestions:\n"
            "  - id: q1\n    type: true_false\n    difficulty: kids\n"
            "    text: {zh: 太阳会发光。, en: The sun shines.}\n    answer: true\n"
            "    explanation: {zh: 是的。, en: Yes.}\n    source: {title: Test}\n"
        ).encode()
    return files


def kpack(packs, pack_id: str, version: int = 1, **kw: object) -> Path:
    """A signed pack of ``pack_files``."""
    files = pack_files(pack_id, version, **kw)  # type: ignore[arg-type]
    return packs.honest(files, pack_id=pack_id, version=version)  # type: ignore[no-any-return]


def story_titles(library: Library) -> list[str]:
    result = start_content(library)
    assert result.content is not None, result.problem
    return [s.title.en for s in result.content.stories]


def test_builtin_site_and_campaign_show_together_by_the_merge_rule(
    library: Library, packs, policy: InstallPolicy
) -> None:
    assert ensure_builtin(library, policy).installed is not None
    install_kpack(kpack(packs, "our-school", story="rain"), library, packs.trust, policy)
    campaign = kpack(packs, "campaign", extra_yaml="priority: 70\nhides: [wuhan-school, solar]\n",
                     story="energy-week", theme=True, quiz_id="electricity")  # fmt: skip
    install_kpack(campaign, library, packs.trust, policy)
    result = start_content(library)
    content = result.content
    assert content is not None and result.problem == ""
    assert [layer.ref.id for layer in content.layers] == ["campaign", "our-school", "builtin"]
    ids = [s.id for s in content.stories]
    assert ids[:2] == ["energy-week", "rain"]  # highest priority first, built-in last
    assert "community-compost" in ids and "wuhan-school" not in ids  # hidden by the campaign
    assert content.attract[0].story_id == "energy-week"
    assert all(a.story_id != "wuhan-school" for a in content.attract)
    assert content.theme.colours["primary"] == "#123456"  # the campaign's theme
    assert content.equivalents is not None  # only the built-in pack has a table
    sets = sorted(content.quiz_ids.values())
    assert "solar" not in sets and sets.count("electricity") == 1  # hidden; replaced
    assert content.quiz_ids["campaign/quizzes/electricity.yaml"] == "electricity"
    assert "water" in sets and all(p.is_file() for p in content.quiz_files.values())
    assert sorted(library.pointer().packs) == ["builtin", "campaign", "our-school"]


def test_without_a_theme_of_its_own_a_pack_keeps_the_built_in_look(
    library: Library, packs, policy: InstallPolicy
) -> None:
    ensure_builtin(library, policy)
    builtin_theme = start_content(library).content.theme  # type: ignore[union-attr]
    install_kpack(kpack(packs, "our-school"), library, packs.trust, policy)
    assert start_content(library).content.theme == builtin_theme  # type: ignore[union-attr]


def test_roll_back_one_pack_and_keep_the_others(
    library: Library, packs, policy: InstallPolicy
) -> None:
    ensure_builtin(library, policy)
    for version in (1, 2):
        install_kpack(kpack(packs, "our-school", version), library, packs.trust, policy)
    install_kpack(kpack(packs, "campaign", story="c"), library, packs.trust, policy)
    assert "our-school story 2" in story_titles(library)
    library.mark_good()
    ref = library.rollback("our-school")
    assert ref.version == 1
    titles = story_titles(library)
    assert "our-school story 1" in titles and "our-school story 2" not in titles
    assert "campaign story 1" in titles
    ptr = library.pointer()
    assert sorted(ptr.packs) == ["builtin", "campaign", "our-school"]
    assert ptr.packs["campaign"].active.version == 1 and ptr.packs["builtin"].previous is None
    assert ptr.packs["our-school"].previous is not None  # release 2 kept to go forward again


def test_a_bad_pack_is_refused_while_the_others_keep_showing(
    library: Library, packs, policy: InstallPolicy, unchanged
) -> None:
    ensure_builtin(library, policy)
    install_kpack(kpack(packs, "our-school"), library, packs.trust, policy)
    before = story_titles(library)
    check = unchanged(library)
    store_only = pack_files("campaign")
    store_only["pack.yaml"] = store_only["pack.yaml"].replace(b"[school]", b"[store]")
    try:
        bad = packs.honest(store_only, pack_id="campaign", targets=("store",))
        install_kpack(bad, library, packs.trust, policy)
    except PackRejected as exc:
        assert "[site] kind" in exc.reason
    else:
        raise AssertionError("a pack for stores was installed on a school kiosk")
    check()
    assert story_titles(library) == before


def test_a_damaged_pack_is_left_out_at_start_and_the_others_show(
    library: Library, packs, policy: InstallPolicy
) -> None:
    ensure_builtin(library, policy)
    install_kpack(kpack(packs, "our-school"), library, packs.trust, policy)
    installed = library.load(library.pointer().packs["our-school"].active)
    own = next(f for f in installed.manifest.files if f.path == "pack.yaml")
    library.object_path(own.sha256).unlink()  # a disk fault in one pack
    result = start_content(library)
    assert result.content is not None and "pack.yaml is missing" in result.problem
    assert [layer.ref.id for layer in result.content.layers] == ["builtin"]
    assert "our-school" not in library.pointer().packs  # nothing to fall back to: taken out


def test_a_single_pack_library_from_before_layers_migrates(
    library: Library, packs, policy: InstallPolicy
) -> None:
    """Before layered packs, a school's pack replaced the built-in one, which was kept as the
    previous release. Read now, each is a pack of its own and both show."""
    ensure_builtin(library, policy)
    install_kpack(kpack(packs, "our-school"), library, packs.trust, policy)
    ptr = library.pointer()
    school, builtin = ptr.packs["our-school"].active, ptr.packs["builtin"].active
    old = {"format": 1, "active": school.__dict__, "previous": builtin.__dict__,
           "status": "good", "highest": ptr.highest, "last_failed": None}  # fmt: skip
    (library.root / POINTER_NAME).write_text(json.dumps(old), "utf-8")
    migrated = library.pointer()
    assert migrated.packs == {"our-school": Slot(school), "builtin": Slot(builtin)}
    assert migrated.active == school
    titles = story_titles(library)
    assert "our-school story 1" in titles and len(titles) > 1
    install_kpack(kpack(packs, "campaign"), library, packs.trust, policy)  # the next write...
    assert json.loads((library.root / POINTER_NAME).read_text("utf-8"))["format"] == 2  # ...is new
    assert sorted(library.pointer().packs) == ["builtin", "campaign", "our-school"]


def test_pack_list_and_rollback_by_pack_id(
    library: Library, packs, policy: InstallPolicy, data_dir: Path, capsys, tmp_path: Path
) -> None:
    ensure_builtin(library, policy)
    for version in (1, 2):
        install_kpack(kpack(packs, "our-school", version), library, packs.trust, policy)
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text('[site]\nkind = "school"\n', "utf-8")
    common = ["--data-dir", str(data_dir), "--config", str(cfg)]
    assert main(["pack", "list", *common]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("active   our-school release 2") and out[0].endswith("[pending]")
    assert out[1].startswith("previous our-school release 1")
    assert out[2].startswith("active   builtin release")
    assert main(["pack", "rollback", "builtin", *common]) == 1
    assert "no previous release of pack builtin" in capsys.readouterr().err
    assert main(["pack", "rollback", "our-school", *common]) == 0
    assert "the other packs are unchanged" in capsys.readouterr().out
    assert library.pointer().packs["our-school"].active.version == 1

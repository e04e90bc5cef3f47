"""``kiosk pack new``: a small, valid pack source folder for an author to edit."""

from __future__ import annotations

from pathlib import Path

from kiosk import __version__
from kiosk.content.errors import PackRejected
from kiosk.content.template_pictures import QUIZ_PICTURES

_PACK = """\
# What this pack is. Raise `version` by one every time you release a changed pack:
# kiosks refuse a pack whose version is lower than one they already installed.
id: my-school
version: 1
display_version: "2026.1"
title:
  zh: 我们学校的绿色故事
  en: Our school's green stories
description:
  zh: 学校节能节水项目介绍
  en: The energy and water projects at our school
min_app_version: "{app_version}"
targets: {targets}   # which sites may show it: [school], [store], or both: [school, store]
"""

_THEME = """\
# Colours as #RRGGBB. The logo is shown in the top bar (SVG, PNG or JPEG under images/).
colours:
  primary: "#2E7D32"
  accent: "#F9A825"
  background: "#F4F9F1"
  surface: "#FFFFFF"
  text: "#1B3A1F"
logo: images/logo.svg
"""

_STORY = """\
# One story = a few slides. Every text needs Chinese (zh) and English (en).
id: rain-garden
title:
  zh: 雨水花园
  en: Our rain garden
summary:
  zh: 屋顶雨水浇灌校园花园
  en: Roof rain waters the school garden
source: "Our school, 2026"
slides:
  - image: images/rain-garden.svg
    text:
      zh: 下雨时，屋顶的雨水流进水箱。
      en: When it rains, water from the roof flows into a tank.
  - text:
      zh: 我们用这些水浇花，一年节约自来水约 50 吨。
      en: We water the garden with it and save about 50 tonnes of tap water a year.
"""

_ATTRACT = """\
# What plays while nobody touches the screen, in order, then from the top again.
items:
  - story: rain-garden
    seconds: 15
  - image: images/rain-garden.svg
    seconds: 8
"""

_LOGO = """\
<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120" viewBox="0 0 120 120">
  <circle cx="60" cy="60" r="56" fill="#2E7D32"/>
  <path d="M60 24 C86 40 86 80 60 96 C34 80 34 40 60 24 Z" fill="#A5D6A7"/>
  <line x1="60" y1="34" x2="60" y2="96" stroke="#1B5E20" stroke-width="4"/>
</svg>
"""

_GARDEN = """\
<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400" viewBox="0 0 640 400">
  <rect width="640" height="400" fill="#E3F2FD"/>
  <rect y="300" width="640" height="100" fill="#81C784"/>
  <polygon points="120,160 260,80 400,160" fill="#8D6E63"/>
  <rect x="140" y="160" width="240" height="140" fill="#FFF8E1"/>
  <rect x="420" y="200" width="70" height="100" rx="8" fill="#42A5F5"/>
  <path d="M400 160 L455 160 L455 200" stroke="#607D8B" stroke-width="8" fill="none"/>
  <circle cx="540" cy="290" r="26" fill="#E91E63"/>
  <circle cx="590" cy="300" r="20" fill="#FFEB3B"/>
</svg>
"""

TEMPLATE_FILES = {
    "pack.yaml": _PACK,
    "theme.yaml": _THEME,
    "attract.yaml": _ATTRACT,
    "stories/rain-garden.yaml": _STORY,
    "images/logo.svg": _LOGO,
    "images/rain-garden.svg": _GARDEN,
    **QUIZ_PICTURES,
}
#: The site kinds a pack can be made for.
SITE_KINDS = ("school", "store")


def create_example(dest: Path, targets: tuple[str, ...] = ("school",)) -> list[Path]:
    """Write the example source for sites of ``targets`` into ``dest`` (new or empty folder).

    Returns the files. The pictures the docs' quiz template uses are included."""
    dest = Path(dest)
    unknown = [t for t in targets if t not in SITE_KINDS]
    if unknown or not targets:
        raise PackRejected(f"sites must be school and/or store, got {', '.join(unknown) or 'none'}")
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise PackRejected(f"{dest} already exists and is not an empty folder")
    written = []
    for rel, text in TEMPLATE_FILES.items():
        path = dest / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        text = text.replace("{app_version}", __version__)
        path.write_text(text.replace("{targets}", f"[{', '.join(targets)}]"), "utf-8")
        written.append(path)
    return written

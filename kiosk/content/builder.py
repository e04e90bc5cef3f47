"""Turn a pack source folder into a signed ``.kpack``: check everything an author wrote,
naming file and line, then hash every file, sign the manifest and write the archive.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.content.checker import EntryChecker
from kiosk.content.errors import PackRejected
from kiosk.content.kpack import write_kpack
from kiosk.content.manifest import FileEntry, Manifest, SignedManifest, sign_manifest
from kiosk.content.pack_docs import (
    ATTRACT_FILE,
    PACK_FILE,
    THEME_FILE,
    document_kind,
    has_schema,
)
from kiosk.content.rules import Limits, check_relative_path, check_unique, file_kind
from kiosk.content.season_check import SeasonWarning, check_seasons
from kiosk.content.source_doc import DocumentError, find_line, load_document
from kiosk.util.documents import DocumentErrors, problems_of

Progress = Callable[[int, int], None]
QUIZ_VALIDATOR = "kiosk.quiz.validate"


@dataclass(frozen=True)
class SourcePack:
    """A checked source folder: its pack.yaml data and every file to ship, sorted."""

    root: Path
    info: dict[str, Any]
    files: tuple[FileEntry, ...]
    #: items that will never be shown (a season that ended, dates that miss their weekdays)
    warnings: tuple[SeasonWarning, ...] = ()


def scan_files(root: Path) -> list[str]:
    """Relative paths of the files to ship. Hidden files are skipped; links and special files
    are refused (a pack must not depend on what a link points to on the author's machine)."""
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in [*dirnames, *sorted(filenames)]:
            if name.startswith("."):
                continue
            full = Path(dirpath) / name
            rel = full.relative_to(root).as_posix()
            st = full.lstat()
            if stat.S_ISLNK(st.st_mode):
                raise PackRejected(f"{rel}: symbolic links are not allowed in a pack")
            if name in dirnames:
                continue
            if not stat.S_ISREG(st.st_mode):
                raise PackRejected(f"{rel}: not a regular file")
            check_relative_path(rel)
            file_kind(rel)
            found.append(rel)
    check_unique(found)
    return sorted(found)


def check_source(root: Path, limits: Limits | None = None, today: date | None = None) -> SourcePack:
    """Validate every document and file of a source folder. Raises DocumentError (a
    :class:`DocumentErrors` naming every problem found, each with file and line) or
    PackRejected (the folder itself is unusable)."""
    root = Path(root)
    limits = limits or Limits()
    if not (root / PACK_FILE).is_file():
        raise PackRejected(f"{root}: no {PACK_FILE} here; is this a pack source folder?")
    files = scan_files(root)
    docs: dict[str, Any] = {}
    problems: list[DocumentError] = []
    for rel in files:
        kind = document_kind(rel)
        try:
            if kind == "quiz":
                _check_quiz(root / rel, root)
            elif kind is not None and has_schema(kind):
                docs[rel] = load_document(root / rel, kind, str(root / rel))
        except DocumentError as exc:
            problems.extend(problems_of(exc))
    if not problems:  # references are checked in documents that are whole
        _check_references(root, docs, set(files), problems)
    season_problems, warnings = check_seasons(root, files, today or date.today())
    problems.extend(season_problems)
    entries = []
    with_problems = {p.file for p in problems}
    for rel in files:
        if str(root / rel) in with_problems:
            continue  # its problems are listed already, each with its line
        try:
            entries.append(_check_file(root, rel, limits))
        except PackRejected as exc:
            reason = exc.reason.removeprefix(f"{rel}: ")
            problems.append(DocumentError(str(root / rel), None, reason))
    if problems:
        raise DocumentErrors(problems)
    return SourcePack(root, docs[PACK_FILE], tuple(entries), tuple(warnings))


def _check_quiz(path: Path, root: Path) -> None:
    try:
        module = importlib.import_module(QUIZ_VALIDATOR)
    except ModuleNotFoundError as exc:
        if exc.name not in (QUIZ_VALIDATOR, "kiosk.quiz"):
            raise
        if has_schema("quiz"):
            load_document(path, "quiz", str(path))
        return
    module.validate_quiz_file(path, root)


def _check_references(
    root: Path, docs: dict[str, Any], files: set[str], problems: list[DocumentError]
) -> None:
    """Every image, video and story a document names must exist in the pack."""
    story_ids: dict[str, str] = {}
    for rel, data in docs.items():
        if rel.startswith("stories/"):
            if data["id"] in story_ids:
                _ref_error(
                    problems,
                    root,
                    rel,
                    ["id"],
                    f"story id {data['id']!r} also used by {story_ids[data['id']]}",
                )
            story_ids[data["id"]] = rel
            for i, slide in enumerate(data["slides"]):
                if "image" in slide and slide["image"] not in files:
                    _ref_error(
                        problems,
                        root,
                        rel,
                        ["slides", i, "image"],
                        f"no file {slide['image']!r} in the pack",
                    )
    theme = docs.get(THEME_FILE)
    if theme and "logo" in theme and theme["logo"] not in files:
        _ref_error(problems, root, THEME_FILE, ["logo"], f"no file {theme['logo']!r} in the pack")
    attract = docs.get(ATTRACT_FILE)
    for i, item in enumerate(attract["items"] if attract else []):
        for key in ("image", "video"):
            if key in item and item[key] not in files:
                _ref_error(
                    problems,
                    root,
                    ATTRACT_FILE,
                    ["items", i, key],
                    f"no file {item[key]!r} in the pack",
                )
        if "story" in item and item["story"] not in story_ids:
            _ref_error(
                problems,
                root,
                ATTRACT_FILE,
                ["items", i, "story"],
                f"no story with id {item['story']!r}",
            )


def _ref_error(
    problems: list[DocumentError], root: Path, rel: str, json_path: list[Any], message: str
) -> None:
    path = root / rel
    line = find_line(path.read_text("utf-8"), json_path)
    where = "/".join(str(p) for p in json_path)
    problems.append(DocumentError(str(path), line, f"{where}: {message}"))


def _hash_file(path: Path) -> FileEntry:
    h, size = hashlib.sha256(), 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1024 * 1024):
            h.update(chunk)
            size += len(chunk)
    return FileEntry("", size, h.hexdigest())


def _check_file(root: Path, rel: str, limits: Limits) -> FileEntry:
    """Hash a file, then run the verifier's own checks on it so a build never makes a pack
    that kiosks would refuse."""
    hashed = _hash_file(root / rel)
    entry = FileEntry(rel, hashed.size, hashed.sha256)
    checker = EntryChecker(entry, limits)
    with open(root / rel, "rb") as fh:
        while chunk := fh.read(1024 * 1024):
            checker.update(chunk)
    checker.finish()
    return entry


def _created() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    seconds = int(epoch) if epoch and epoch.isdigit() else int(time.time())
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


def build_pack(
    src: Path,
    key: Ed25519PrivateKey,
    out: Path,
    limits: Limits | None = None,
    progress: Progress | None = None,
    warn: Callable[[SeasonWarning], None] | None = None,
) -> SignedManifest:
    """Check ``src``, then write the signed pack to ``out``. Returns the signed manifest;
    ``warn`` hears of items that will never be shown."""
    limits = limits or Limits()
    source = check_source(src, limits)
    if warn is not None:
        for warning in source.warnings:
            warn(warning)
    info = source.info
    manifest = Manifest(
        id=info["id"],
        version=info["version"],
        display_version=info["display_version"],
        created=_created(),
        min_app_version=info["min_app_version"],
        targets=tuple(info["targets"]),
        title_zh=info["title"]["zh"],
        title_en=info["title"]["en"],
        files=source.files,
    )
    if manifest.total_bytes > limits.max_pack_bytes:
        raise PackRejected(f"pack would hold {manifest.total_bytes} bytes; over the limit")
    signed = sign_manifest(manifest, key)
    write_kpack(out, signed, source.root, progress)
    return signed

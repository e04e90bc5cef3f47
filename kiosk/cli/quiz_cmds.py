"""``kiosk quiz``: import a teacher's spreadsheet, check quiz files, show leaderboards."""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from kiosk.cli.common import CliError, add_config_options, load_context
from kiosk.quiz.importer import ImportRefused, SetInfo, import_sheet
from kiosk.quiz.loader import load_quiz_sets
from kiosk.quiz.periods import LeaderboardCalendar, Period
from kiosk.quiz.points_store import PointsStore
from kiosk.quiz.sheets import SheetError


def register(subparsers: Any) -> None:
    quiz = subparsers.add_parser("quiz", help="quizzes: import, check, leaderboard, export")
    sub = quiz.add_subparsers(dest="quiz_command", metavar="ACTION", required=True)

    imp = sub.add_parser(
        "import",
        help="convert a spreadsheet (.csv or .xlsx) into a quiz file",
        epilog="exit codes: 0 written, 1 refused (every problem is listed with its row), 2 usage",
    )
    imp.add_argument("sheet", type=Path, metavar="SHEET", help="the .csv or .xlsx file")
    imp.add_argument(
        "--into",
        type=Path,
        required=True,
        metavar="PACK_SRC_DIR",
        help="the pack source folder (from kiosk pack new); writes quizzes/<set id>.yaml there",
    )
    imp.add_argument(
        "--set",
        dest="set_id",
        metavar="ID",
        help="set id: lower-case letters, digits, '-' and '_' (default: from the file name)",
    )
    imp.add_argument("--title-zh", help="set title in Chinese (default: the file name)")
    imp.add_argument("--title-en", help="set title in English (default: the file name)")
    imp.add_argument("--theme", help="theme of the set (default: the set id)")
    imp.add_argument("--force", action="store_true", help="replace an existing quiz file")
    imp.set_defaults(func=cmd_import)

    check = sub.add_parser("check", help="validate every quizzes/*.yaml of a pack source")
    check.add_argument("pack_dir", type=Path, metavar="PACK_SRC_DIR", help="a pack source folder")
    check.set_defaults(func=cmd_check)

    board = sub.add_parser("leaderboard", help="print class points for a period")
    board.add_argument(
        "--period",
        choices=[p.value for p in Period],
        default="week",
        help="which leaderboard period (default: week)",
    )
    add_config_options(board)
    board.set_defaults(func=cmd_leaderboard)
    exp = sub.add_parser(
        "export",
        help="class points per class per day as CSV (UTF-8 with BOM) for a credit scheme",
    )
    exp.add_argument("--from", dest="first", required=True, metavar="DATE", help="YYYY-MM-DD")
    exp.add_argument(
        "--to", dest="last", required=True, metavar="DATE", help="YYYY-MM-DD (included)"
    )
    exp.add_argument("--out", type=Path, required=True, metavar="FILE", help="the .csv to write")
    add_config_options(exp)
    exp.set_defaults(func=cmd_export)


def set_id_from_name(stem: str) -> str:
    """A set id from a file name: 'Energy Week' -> 'energy-week'; a name without ASCII letters
    or digits ('节能周') -> 'quiz-' and 8 hex digits of its SHA-256 (stable for that name)."""
    slug = re.sub(r"[^a-z0-9_]+", "-", stem.lower()).strip("-_")
    return slug or f"quiz-{hashlib.sha256(stem.encode('utf-8')).hexdigest()[:8]}"


def cmd_import(args: argparse.Namespace) -> int:
    stem = args.sheet.stem
    set_id = args.set_id or set_id_from_name(stem)
    title = re.sub(r"[-_]+", " ", stem).strip() or stem
    info = SetInfo(set_id, args.title_zh or title, args.title_en or title, args.theme or set_id)
    if args.set_id is None:
        print(f"set id {set_id!r} (from the file name; choose another with --set ID)")
    try:
        target = import_sheet(args.sheet, args.into, info, overwrite=args.force)
    except SheetError as exc:
        raise CliError(f"{args.sheet}: {exc}") from None
    except ImportRefused as exc:
        for line in str(exc).splitlines():
            hint = " (choose one with --set ID)" if "set id must" in line else ""
            print(f"kiosk: {line}{hint}", file=sys.stderr)
        raise CliError(
            f"{args.sheet}: refused, nothing written ({len(exc.problems)} problem(s))"
        ) from None
    print(f"wrote {target}: set {set_id}, titles {info.title_zh!r} / {info.title_en!r}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    if not (args.pack_dir / "quizzes").is_dir():
        raise CliError(f"{args.pack_dir}: no quizzes folder", 2)
    loaded = load_quiz_sets(args.pack_dir)
    for error in loaded.errors:
        print(f"kiosk: {error}", file=sys.stderr)
    count = sum(len(s.questions) for s in loaded.sets)
    print(f"{len(loaded.sets)} sets, {count} questions ok, {len(loaded.errors)} files with errors")
    return 1 if loaded.errors else 0


def cmd_export(args: argparse.Namespace) -> int:
    from kiosk.quiz.export import points_csv
    from kiosk.util.atomic import atomic_write_bytes

    try:
        first, last = date.fromisoformat(args.first), date.fromisoformat(args.last)
    except ValueError as exc:
        raise CliError(f"dates are YYYY-MM-DD: {exc}", 2) from None
    if first > last:
        raise CliError("--from must not be after --to", 2)
    config, paths = load_context(args)
    store = PointsStore(
        paths.quiz_db, LeaderboardCalendar.from_config(config), config.quiz.awards_keep_days
    )
    try:
        rows = store.daily_rows(first, last)
    finally:
        store.close()
    try:
        atomic_write_bytes(args.out, points_csv(rows))
    except OSError as exc:
        raise CliError(f"cannot write {args.out}: {exc.strerror or exc}") from None
    print(f"wrote {args.out}: {len(rows)} rows (one per class per day), {first} to {last}")
    return 0


def cmd_leaderboard(args: argparse.Namespace) -> int:
    config, paths = load_context(args)
    calendar = LeaderboardCalendar.from_config(config)
    store = PointsStore(paths.quiz_db, calendar, config.quiz.awards_keep_days)
    try:
        board = store.leaderboard(Period(args.period), datetime.now(UTC), config.quiz.classes)
    finally:
        store.close()
    starts = board.starts.strftime("%Y-%m-%d")
    resets = board.resets_at.strftime("%Y-%m-%d %H:%M")
    print(f"{board.period.value} from {starts}, resets {resets}")
    for row in board.rows:
        print(f"{row.rank:>3}  {row.points:>6}  {row.team}")
    return 0

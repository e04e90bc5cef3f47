"""``kiosk quiz``: import a teacher's spreadsheet, check quiz files, show leaderboards."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.cli.common import CliError, add_config_options, load_context
from kiosk.quiz.importer import ImportRefused, SetInfo, import_sheet
from kiosk.quiz.loader import load_quiz_sets
from kiosk.quiz.periods import LeaderboardCalendar, Period
from kiosk.quiz.points_store import PointsStore
from kiosk.quiz.sheets import SheetError


def register(subparsers: Any) -> None:
    quiz = subparsers.add_parser("quiz", help="quizzes: import, check, leaderboard")
    sub = quiz.add_subparsers(dest="quiz_command", metavar="ACTION", required=True)

    imp = sub.add_parser("import", help="convert a spreadsheet (.csv or .xlsx) into a quiz file")
    imp.add_argument("sheet", type=Path, metavar="SHEET")
    imp.add_argument("--into", type=Path, required=True, metavar="PACK_SRC_DIR")
    imp.add_argument("--set", dest="set_id", metavar="ID", help="set id (default: sheet name)")
    imp.add_argument("--title-zh", required=True, help="set title in Chinese")
    imp.add_argument("--title-en", required=True, help="set title in English")
    imp.add_argument("--theme", help="theme of the set (default: the set id)")
    imp.add_argument("--force", action="store_true", help="replace an existing quiz file")
    imp.set_defaults(func=cmd_import)

    check = sub.add_parser("check", help="validate every quizzes/*.yaml of a pack source")
    check.add_argument("pack_dir", type=Path, metavar="PACK_SRC_DIR")
    check.set_defaults(func=cmd_check)

    board = sub.add_parser("leaderboard", help="print class points for a period")
    board.add_argument("--period", choices=[p.value for p in Period], default="week")
    add_config_options(board)
    board.set_defaults(func=cmd_leaderboard)


def cmd_import(args: argparse.Namespace) -> int:
    set_id = args.set_id or args.sheet.stem.lower()
    info = SetInfo(set_id, args.title_zh, args.title_en, args.theme or set_id)
    try:
        target = import_sheet(args.sheet, args.into, info, overwrite=args.force)
    except SheetError as exc:
        raise CliError(f"{args.sheet}: {exc}") from None
    except ImportRefused as exc:
        for line in str(exc).splitlines():
            print(f"kiosk: {line}", file=sys.stderr)
        raise CliError(
            f"{args.sheet}: refused, nothing written ({len(exc.problems)} problem(s))"
        ) from None
    print(f"wrote {target}")
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


def cmd_leaderboard(args: argparse.Namespace) -> int:
    config, paths = load_context(args)
    calendar = LeaderboardCalendar.from_config(config)
    store = PointsStore(paths.quiz_db, calendar)
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

"""The yearly report's activity pages: green actions entered by staff, quiz participation,
and the class leaderboard of the year (as many pages as it needs)."""

from __future__ import annotations

from kiosk.ui.report.layout import BOTTOM_MM, CLASS_ROWS_PER_PAGE, ReportPages
from kiosk.ui.report.sheet import MARGIN_MM
from kiosk.ui.report.texts import level_name, pick, text

QUIZ_ROWS = 14


class ActivityPages(ReportPages):
    def topic_name(self, theme: str) -> str:
        """A quiz topic as the quiz screen names it (its id if the pack no longer has it)."""
        if theme == "all":
            return self.t("all_topics")
        title = self.r.site.topic_title(theme)
        return pick(self.lang, *title) if title is not None else theme

    def actions_and_quiz(self) -> None:
        s, r, lang = self.s, self.r, self.lang
        y = self.heading(MARGIN_MM, "actions")
        if r.manual:
            header = [
                text(lang, k, sep="\n")
                for k in ("col_action", "col_amount", "col_entries", "col_last")
            ]
            rows = []
            for m in r.manual:
                # a count has no English unit ("12"), but a Chinese one ("12 棵")
                units = {"zh": m.unit_zh, "en": m.unit_en}
                unit = units.get(lang, m.unit_en or m.unit_zh)
                amount = f"{m.total:,.0f}" if m.total == int(m.total) else f"{m.total:,.1f}"
                rows.append(
                    [
                        pick(lang, m.name_zh, m.name_en),
                        f"{amount} {unit}".strip(),
                        str(m.entries),
                        m.last_day.isoformat(),
                    ]
                )
            y += s.table(MARGIN_MM, y, (80, 34, 30, 30), header, rows, pt=9) + 8
        else:
            y = self.empty(y, "no_actions") + 2
        y = self.heading(y, "quiz")
        quiz = r.quiz
        if not quiz.rounds:
            y = self.empty(y, "no_quiz")
        else:
            header = [
                text(lang, k, sep="\n")
                for k in ("col_level", "col_topic", "col_started", "col_finished")
            ]
            rows = [
                [
                    level_name(lang, q.level),
                    self.topic_name(q.topic),
                    f"{q.started:,}",
                    f"{q.finished:,}",
                ]
                for q in quiz.rounds
            ]
            extra = len(rows) - QUIZ_ROWS
            rows = rows[:QUIZ_ROWS]
            if extra > 0:
                rows.append([self.t("more_rows", n=extra), "", "", ""])
            rows.append([self.t("year_total"), "", f"{quiz.started:,}", f"{quiz.finished:,}"])
            y += (
                s.table(
                    MARGIN_MM,
                    y,
                    (40, 74, 30, 30),
                    header,
                    rows,
                    pt=9,
                    bold_last=True,
                    numeric_from=2,
                )
                + 3
            )
        share = quiz.right_share
        y = self.note(
            y,
            self.t(
                "quiz_totals",
                sep="\n",
                sessions=f"{quiz.sessions:,}",
                stories=f"{quiz.stories:,}",
                share="—" if share is None else f"{share:.0%}",
            ),
            9,
            "text",
        )
        self.note(y, self.t("quiz_counts_note", sep="\n"))

    def classes(self, start: int) -> None:
        s, r, lang = self.s, self.r, self.lang
        y = self.heading(MARGIN_MM, "classes", year=r.year)
        if start:
            y = self.note(y, self.t("continued"))
        if not r.classes:
            self.empty(y, "no_classes")
            return
        header = [
            text(lang, k, sep="\n")
            for k in ("col_rank", "col_class", "col_rounds", "col_right", "col_points")
        ]
        rows = [
            [str(c.rank), c.team, f"{c.rounds:,}", f"{c.right_answers:,}", f"{c.points:,}"]
            for c in r.classes[start : start + CLASS_ROWS_PER_PAGE]
        ]
        y += s.table(MARGIN_MM, y, (20, 70, 28, 28, 28), header, rows, pt=9, numeric_from=2) + 3
        if y < BOTTOM_MM - 8:
            self.note(y, self.t("classes_note", sep="\n"))

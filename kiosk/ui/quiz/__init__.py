"""Quiz touch widgets: level and topic picker, class picker, question view with answer buttons,
progress dots and the explanation card, one answer widget per question kind (``answers``,
registered by the kind's name), the result page with stars, leaderboard and certificate.

Widgets only show what they are given and report taps by signal; the round itself lives in
:class:`kiosk.quiz.session.QuizSession`, driven by :mod:`kiosk.ui.screens.quiz`.
"""

"""Low-carbon quizzes, Qt-free: content model, loading and checks, the round state machine,
live-data questions, scoring, class points with leaderboards and the store-mode certificate.

Modules: ``models`` (typed questions and sets), ``kinds`` (one class per question kind: parse,
check, import, ask and score; registered in ``kinds.KINDS``), ``loader`` (pack YAML -> sets),
``validate`` (semantic checks for the pack builder), ``session`` (state machine), ``views``
(state -> text in one language), ``live`` (live figures and their choices), ``scoring``, ``periods`` and
``points_store`` (leaderboards), ``certificate`` (QR matrix), ``sheets`` and ``importer``
(spreadsheet authoring).
"""

"""The tiny JSON path syntax: compiles without eval, explains what is missing."""

from __future__ import annotations

import pytest

from kiosk.sources.jsonpath import PathError, compile_path, format_path, loads_json, pick_number


@pytest.mark.parametrize(
    ("path", "steps"),
    [
        ("Body.Data.Site.P_PV", ("Body", "Data", "Site", "P_PV")),
        ("items[0].value", ("items", 0, "value")),
        ('sensors["temp.out"].v', ("sensors", "temp.out", "v")),
        ("list[-1]", ("list", -1)),
        ("__import__('os')", ("__import__('os')",)),  # just a key name, never evaluated
    ],
)
def test_compile(path: str, steps: tuple[object, ...]) -> None:
    assert compile_path(path) == steps


@pytest.mark.parametrize("bad", ["", "a..b", ".a", "a.", "a[x]", "a b", "a[0"])
def test_compile_rejects(bad: str) -> None:
    with pytest.raises(PathError):
        compile_path(bad)


def test_pick_number_explains_each_failure() -> None:
    doc = loads_json(b'{"a": [1, {"b": NaN}], "s": " 12.5 ", "n": null}')
    assert pick_number(doc, compile_path("a[0]")) == 1.0
    assert pick_number(doc, compile_path("s"), numeric_strings=True) == 12.5
    assert pick_number(doc, compile_path("n"), null_is_zero=True) == 0.0
    cases = {
        "a[1].b": "a[1].b: NaN is not a number",
        "a[2]": "a[2]: index out of range (list has 2 items)",
        "a.b": "a.b: expected an object, found a list",
        "s": "s: expected a number, found text ' 12.5 '",
        "n": "n: null",
        "x": "x: missing",
    }
    for path, message in cases.items():
        with pytest.raises(PathError) as err:
            pick_number(doc, compile_path(path))
        assert str(err.value) == message


def test_format_round_trips() -> None:
    for path in ("a.b[0]", 'a["x.y"][2].c'):
        assert format_path(compile_path(path)) == path

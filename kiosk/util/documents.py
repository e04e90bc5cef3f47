"""Human-edited YAML checked against a JSON Schema, with every problem located by file and line.

The generic half of the kiosk's document loading: content packs (:mod:`kiosk.content.source_doc`
names their schemas), quiz sheets and anything else a person writes in a text editor go
through :func:`parse_document`, so an author always gets ``quizzes/solar.yaml:14: ...``.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import yaml


def _is_whole_number(_checker: object, instance: object) -> bool:
    return isinstance(instance, int) and not isinstance(instance, bool)


#: JSON Schema's "integer" also takes 6.0; a release number or a count written as 6.0 is a
#: mistake that later code would trip over, so here "integer" means a whole number as written.
StrictValidator = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
    jsonschema.Draft202012Validator,
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_whole_number),
)


def strict_validator(schema: dict[str, Any]) -> jsonschema.protocols.Validator:
    """A Draft 2020-12 validator for ``schema`` whose "integer" is a whole number."""
    validator: jsonschema.protocols.Validator = StrictValidator(schema)
    return validator


#: Limits on any document a person writes (a pack's YAML, a quiz sheet): far above real use.
MAX_DOC_CHARS = 2 * 1024 * 1024
MAX_ALIASES = 100
MAX_EXPANDED_VALUES = 100_000
MAX_DEPTH = 32
MAX_TEXT_CHARS = 20_000


class DocumentError(Exception):
    """One problem in a source file, located by file and (1-based) line."""

    def __init__(self, file: str, line: int | None, message: str) -> None:
        self.file = file
        self.line = line
        self.message = message
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {message}")


class DocumentErrors(DocumentError):
    """Every problem found, in order; reads as the first problem to code that wants one, and
    as one problem a line to ``str()``."""

    def __init__(self, problems: Sequence[DocumentError]) -> None:
        first = problems[0]
        super().__init__(first.file, first.line, first.message)
        self.problems = tuple(problems)
        self.args = ("\n".join(str(p) for p in self.problems),)


def problems_of(exc: DocumentError) -> tuple[DocumentError, ...]:
    """The single problems an error stands for."""
    return exc.problems if isinstance(exc, DocumentErrors) else (exc,)


@cache
def load_schema_file(path: Path) -> dict[str, Any]:
    """A JSON Schema file, read once per process."""
    schema: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return schema


def read_text(path: Path, name: str) -> str:
    """``path`` as UTF-8 text. Raises DocumentError naming ``name``."""
    try:
        return Path(path).read_text("utf-8")
    except UnicodeDecodeError:
        raise DocumentError(name, None, "not UTF-8 text") from None
    except OSError as exc:
        raise DocumentError(name, None, f"cannot read: {exc.strerror}") from None


def check_limits(text: str, name: str) -> None:
    """Refuse, before parsing, what no person writes: huge files and alias bombs."""
    if len(text) > MAX_DOC_CHARS:
        raise DocumentError(
            name, None, f"is {len(text):,} characters long; at most {MAX_DOC_CHARS:,} are allowed"
        )
    if "*" not in text:
        return
    aliases = 0
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.AliasToken):
                aliases += 1
                if aliases > MAX_ALIASES:
                    line = token.start_mark.line + 1
                    raise DocumentError(
                        name, line, f"more than {MAX_ALIASES} YAML aliases (*name); write it out"
                    )
    except yaml.YAMLError:
        return  # parsing reports it with its line


def check_expansion(node: yaml.Node | None, name: str) -> None:
    """Refuse aliases that multiply: a few anchors that each repeat the one before expand to
    billions of values (every later walk of the document would take for ever)."""
    sizes: dict[int, int] = {}

    def size(n: yaml.Node) -> int:
        key = id(n)
        if key not in sizes:
            sizes[key] = 0  # a cycle counts as nothing more
            total = 1
            if isinstance(n, yaml.SequenceNode):
                total += sum(size(c) for c in n.value)
            elif isinstance(n, yaml.MappingNode):
                total += sum(size(k) + size(v) for k, v in n.value)
            sizes[key] = min(total, MAX_EXPANDED_VALUES + 1)
        return sizes[key]

    try:
        expanded = size(node) if node is not None else 0
    except RecursionError:
        raise DocumentError(name, None, "not valid YAML: nested too deeply") from None
    if expanded > MAX_EXPANDED_VALUES:
        raise DocumentError(
            name, None, f"its YAML aliases expand to more than {MAX_EXPANDED_VALUES:,} values"
        )


def check_shape(data: Any, node: yaml.Node | None, name: str) -> None:
    """Nesting depth and text length of the parsed document, located by line."""
    stack: list[tuple[Any, list[Any]]] = [(data, [])]
    while stack:
        value, path = stack.pop()
        if len(path) > MAX_DEPTH:
            raise DocumentError(name, line_of(node, path), f"nested deeper than {MAX_DEPTH} levels")
        if isinstance(value, str) and len(value) > MAX_TEXT_CHARS:
            where = "/".join(str(p) for p in path)
            raise DocumentError(
                name,
                line_of(node, path),
                f"{where}: text of {len(value):,} characters; at most {MAX_TEXT_CHARS:,} are allowed",
            )
        if isinstance(value, dict):
            stack.extend((v, [*path, k]) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((v, [*path, i]) for i, v in enumerate(value))


def parse_document(text: str, schema: dict[str, Any], name: str) -> Any:
    """Parse YAML ``text`` and validate it against ``schema``. Raises DocumentError (a
    :class:`DocumentErrors` with every schema problem of the document, each with its line)."""
    check_limits(text, name)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise DocumentError(name, line, f"not valid YAML: {exc.problem}") from None
    except yaml.YAMLError as exc:
        raise DocumentError(name, None, f"not valid YAML: {short(str(exc))}") from None
    except RecursionError:
        raise DocumentError(name, None, "not valid YAML: nested too deeply") from None
    check_expansion(node, name)
    check_shape(data, node, name)
    validator = strict_validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        lines = text.splitlines()
        problems = [_problem(err, node, lines, name) for err in errors]
        raise DocumentErrors(sorted(problems, key=lambda p: p.line or 0))
    return data


def short(message: str, most: int = 300) -> str:
    """A message that quotes the input, cut to a readable length."""
    return message if len(message) <= most else message[: most - 1] + "…"


def _problem(
    err: jsonschema.ValidationError, node: yaml.Node | None, lines: list[str], name: str
) -> DocumentError:
    path = list(err.absolute_path)
    schema = err.schema
    if (
        err.validator == "additionalProperties"
        and isinstance(err.instance, dict)
        and isinstance(schema, Mapping)
    ):
        known = sorted(schema.get("properties", {}))
        extra = next((k for k in err.instance if k not in known), None)
        if extra is not None:
            line = line_of(node, [*path, extra])
            close = difflib.get_close_matches(str(extra), known, n=1)
            hint = f" — did you mean {close[0]!r}?" if close else f"; known: {', '.join(known)}"
            return DocumentError(name, line, short(f"{_where(path)}unknown field {extra!r}{hint}"))
    line = line_of(node, path)
    return DocumentError(name, line, short(_where(path) + _sentence(err, path, lines, line)))


def _where(path: list[Any]) -> str:
    where = "/".join(str(p) for p in path)
    return f"{where}: " if where else ""


_TYPES = {
    "string": "a text",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list",
    "object": "a group of fields",
    "boolean": "true or false",
}


def _sentence(
    err: jsonschema.ValidationError, path: list[Any], lines: list[str], line: int | None
) -> str:
    """A plain sentence for the common mistakes; the schema's own message otherwise."""
    key = str(path[-1]) if path else "value"
    value = err.instance
    if err.validator == "type" and isinstance(err.validator_value, str):
        wanted = _TYPES.get(err.validator_value, err.validator_value)
        source = lines[line - 1] if line and line <= len(lines) else ""
        if value is None and "#" in source:
            colour = source[source.index("#") :].split()[0]
            return f'a colour must be quoted: {key}: "{colour}"'
        if value is None:
            return f"{key} has no value; it must be {wanted}"
        return f"{key} must be {wanted}, got {value!r}"
    if err.validator == "pattern" and isinstance(value, str):
        pattern = str(err.validator_value)
        if pattern.startswith("^#"):
            return f'a colour is written "#RRGGBB", e.g. "#2E7D32"; got {value!r}'
        if pattern.startswith("^[a-z0-9]"):
            allowed = "a-z, 0-9, '-' and '_'" if "_" in pattern else "a-z, 0-9 and '-'"
            suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
            hint = f" → try {suggestion!r}" if suggestion else ""
            return f"{key} may only use {allowed}: {value!r}{hint}"
    if err.validator == "enum" and isinstance(err.validator_value, list):
        choices = ", ".join(str(c) for c in err.validator_value)
        return f"{value!r} is not one of: {choices}"
    if err.validator in ("minimum", "maximum"):
        bound = "at least" if err.validator == "minimum" else "at most"
        return f"{key} must be {bound} {err.validator_value}, got {value!r}"
    return str(err.message)


def find_line(text: str, path: list[Any]) -> int | None:
    """The line (1-based) where the value at JSON ``path`` starts in YAML ``text``."""
    try:
        return line_of(yaml.compose(text, Loader=yaml.SafeLoader), path)
    except yaml.YAMLError:
        return None


def line_of(node: yaml.Node | None, path: list[Any]) -> int | None:
    """Follow a JSON path through the YAML node tree to the line it starts on."""
    if node is None:
        return None
    current = node
    for part in path:
        if isinstance(current, yaml.MappingNode):
            for key_node, value_node in current.value:
                if key_node.value == part:
                    current = value_node
                    break
            else:
                break
        elif isinstance(current, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(current.value):
                break
            current = current.value[part]
        else:
            break
    return int(current.start_mark.line) + 1

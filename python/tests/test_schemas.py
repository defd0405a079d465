"""What the binding returns fits the committed JSON Schemas (data/schemas/), and the
TypedDicts of attesta._types describe those schemas exactly (every key, its type, whether it
is required), so the typed API cannot drift from the JSON."""

from __future__ import annotations

import typing
from pathlib import Path
from types import UnionType
from typing import Any

import jsonschema
import pytest
from conftest import fixture_cases, fixture_options, load_schema

import attesta
from attesta import _types

CASES = fixture_cases()


def outcome(case: Path) -> tuple[str, dict[str, Any]]:
    try:
        validator = attesta.Validator(**fixture_options(case))
        report = validator.validate((case / "input.json").read_bytes())
    except attesta.AttestaError as error:
        return "error", error.details
    return "report", dict(report.to_dict())


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_reports_and_errors_fit_their_schemas(case: Path) -> None:
    kind, value = outcome(case)
    jsonschema.validate(value, load_schema(kind if kind == "report" else "error"))


def test_options_fit_their_schema() -> None:
    options = attesta.Validator(strict=True, reference_date="2026-01-01").options
    jsonschema.validate(options, load_schema("validation-options"))


# JSON Schema types of the TypedDicts' Python annotations.
JSON_TYPES = {bool: "boolean", int: "integer", str: "string", list: "array", dict: "object"}


def _json_types(annotation: Any) -> set[str]:
    if typing.is_typeddict(annotation):
        return {"object"}
    origin = typing.get_origin(annotation) or annotation
    if origin is typing.Union or origin is UnionType:
        return set().union(*(_json_types(a) for a in typing.get_args(annotation)))
    if annotation is type(None):
        return {"null"}
    if origin is typing.Literal:
        return {"string"}
    return {JSON_TYPES[origin]}


def _schema_types(schema: dict[str, Any], root: dict[str, Any]) -> set[str]:
    if "$ref" in schema:
        ref = schema["$ref"]
        return _schema_types(root if ref == "#" else root["$defs"][ref.split("/")[-1]], root)
    if "oneOf" in schema or "anyOf" in schema:
        options = schema.get("oneOf", schema.get("anyOf"))
        return set().union(*(_schema_types(s, root) for s in options))
    kind = schema.get("type")
    if kind is None and "enum" in schema:
        return {"string"}
    types = set(kind) if isinstance(kind, list) else {kind}
    return {"integer" if t == "number" else t for t in types}


@pytest.mark.parametrize(
    ("typed_dict", "schema_name", "definition"),
    [
        (_types.ReportDict, "report", None),
        (_types.FindingDict, "report", "Finding"),
        (_types.ErrorDetailsDict, "error", None),
        (_types.ValidationOptionsDict, "validation-options", None),
    ],
    ids=["Report", "Finding", "ErrorDetails", "ValidationOptions"],
)
def test_typed_dicts_match_the_schemas(
    typed_dict: Any, schema_name: str, definition: str | None
) -> None:
    root = load_schema(schema_name)
    schema = root["$defs"][definition] if definition else root
    hints = typing.get_type_hints(typed_dict)
    assert set(hints) == set(schema["properties"]), "keys"
    required = set(schema.get("required", []))
    if schema_name == "validation-options":
        # Every option has a default in the schema; Validator.options always holds them all.
        required = set(schema["properties"])
    assert typed_dict.__required_keys__ == required, "required keys"
    for key, annotation in hints.items():
        if key not in schema["properties"]:
            continue
        want = _schema_types(schema["properties"][key], root)
        if key not in required:
            # An optional field is left out when empty (`skip_serializing_if`), never null.
            want.discard("null")
        assert _json_types(annotation) == want, key


def test_the_severity_literal_lists_the_schemas_severities() -> None:
    severities = load_schema("report")["$defs"]["Severity"]["oneOf"]
    assert set(typing.get_args(_types.Severity)) == {s["const"] for s in severities}

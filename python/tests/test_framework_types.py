"""The TypedDicts of Frameworks.search, lookup and gap (attesta._types) describe the committed
schemas search-results.json, node-lookup.json and gap-report.json exactly, at every depth:
the same keys, the same required keys, the same types and the same literal values. The real
results of the built-in sample are then checked against the TypedDicts themselves, so a key
that would come back as null, or a float where an int is declared, is caught too."""

from __future__ import annotations

import json
import typing
from types import UnionType
from typing import Any

import pytest
from conftest import ROOT, load_schema

import attesta
from attesta import _types

SCALARS = {bool: {"boolean"}, int: {"integer"}, float: {"number"}, str: {"string"}}


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        ref = schema["$ref"]
        schema = root if ref == "#" else root["$defs"][ref.split("/")[-1]]
    return schema


def _options(schema: dict[str, Any], root: dict[str, Any]) -> list[dict[str, Any]]:
    """The schema as a flat list of alternatives: `oneOf`/`anyOf` and type lists unfolded."""
    schema = _resolve(schema, root)
    if "oneOf" in schema or "anyOf" in schema:
        return [o for s in schema.get("oneOf", schema.get("anyOf")) for o in _options(s, root)]
    kind = schema.get("type")
    if isinstance(kind, list):
        return [{**schema, "type": k} for k in kind]
    return [schema]


def _alternatives(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Union or origin is UnionType:
        return [a for arg in typing.get_args(annotation) for a in _alternatives(arg)]
    if origin is typing.Literal:
        return [typing.Literal[value] for value in typing.get_args(annotation)]
    return [annotation]


def _matches(annotation: Any, schema: dict[str, Any], root: dict[str, Any]) -> bool:
    """Whether one alternative of a Python annotation is one alternative of a schema."""
    if typing.get_origin(annotation) is typing.Literal:
        (value,) = typing.get_args(annotation)
        return schema.get("const") == value
    if annotation is type(None):
        return schema.get("type") == "null"
    if typing.is_typeddict(annotation):
        if schema.get("type") != "object":
            return False
        try:
            assert_describes(annotation, schema, root)
        except AssertionError:
            # One of several object alternatives (a lookup's kinds): another may match.
            return False
        return True
    if typing.get_origin(annotation) is list:
        if schema.get("type") != "array" or "items" not in schema:
            return False
        assert_same(typing.get_args(annotation)[0], schema["items"], root)
        return True
    if typing.get_origin(annotation) is tuple:
        # A fixed-length JSON array (`prefixItems`), e.g. a bundle's `[name, count]`.
        items = schema.get("prefixItems")
        if schema.get("type") != "array" or items is None:
            return False
        args = typing.get_args(annotation)
        assert len(args) == len(items) == schema.get("minItems") == schema.get("maxItems")
        for arg, item in zip(args, items, strict=True):
            assert_same(arg, item, root)
        return True
    return schema.get("type") in SCALARS.get(annotation, set()) and "const" not in schema


def assert_same(annotation: Any, schema: dict[str, Any], root: dict[str, Any]) -> None:
    """Every alternative of the annotation is one of the schema's, and the other way round."""
    mine = _alternatives(annotation)
    theirs = _options(schema, root)
    for alternative in mine:
        assert any(_matches(alternative, s, root) for s in theirs), (alternative, schema)
    assert len(mine) == len(theirs), (annotation, schema)


def assert_describes(typed_dict: Any, schema: dict[str, Any], root: dict[str, Any]) -> None:
    """The TypedDict has the object schema's keys, required keys and value types."""
    schema = _resolve(schema, root)
    hints = typing.get_type_hints(typed_dict)
    properties = schema["properties"]
    assert set(hints) == set(properties), typed_dict.__name__
    required = set(schema.get("required", []))
    assert typed_dict.__required_keys__ == required, typed_dict.__name__
    for key, annotation in hints.items():
        value_schema = properties[key]
        if key not in required:
            # An optional key is left out when it has no value, never null.
            options = [o for o in _options(value_schema, root) if o.get("type") != "null"]
            value_schema = options[0] if len(options) == 1 else {"oneOf": options}
        assert_same(annotation, value_schema, root)


@pytest.mark.parametrize(
    ("annotation", "schema_name"),
    [
        (list[_types.SearchHitDict], "search-results"),
        (_types.NodeLookupDict, "node-lookup"),
        (_types.GapReportDict, "gap-report"),
    ],
    ids=["search-results", "node-lookup", "gap-report"],
)
def test_typed_dicts_match_the_schemas(annotation: Any, schema_name: str) -> None:
    root = load_schema(schema_name)
    assert_same(annotation, root, root)


def conforms(value: Any, annotation: Any) -> bool:
    """Whether a returned value fits a Python annotation (TypedDicts, lists, literals)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Union or origin is UnionType:
        return any(conforms(value, a) for a in typing.get_args(annotation))
    if origin is typing.Literal:
        return value in typing.get_args(annotation)
    if origin is list:
        (item,) = typing.get_args(annotation)
        return isinstance(value, list) and all(conforms(v, item) for v in value)
    if origin is tuple:
        items = typing.get_args(annotation)
        return (
            isinstance(value, list)
            and len(value) == len(items)
            and all(conforms(v, a) for v, a in zip(value, items, strict=True))
        )
    if typing.is_typeddict(annotation):
        hints = typing.get_type_hints(annotation)
        return (
            isinstance(value, dict)
            and annotation.__required_keys__ <= set(value) <= set(hints)
            and all(conforms(v, hints[k]) for k, v in value.items())
        )
    if annotation is float:
        return isinstance(value, float)
    if annotation is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, annotation)


BUILTIN = attesta.Frameworks()
RECORD = json.loads((ROOT / "data" / "examples" / "record-valid.json").read_text("utf-8"))


def test_real_results_conform_to_the_typed_dicts() -> None:
    hits = BUILTIN.search("carrellista")
    assert hits and conforms(hits, list[_types.SearchHitDict])
    for reference, kind in [
        ("rrfp_toscana.qualification:450", _types.QualificationLookupDict),
        ("rrfp_toscana.unit:1948", _types.UnitLookupDict),
        ("atlante_ada:ADA.13.128.385", _types.CodeLookupDict),
    ]:
        found = BUILTIN.lookup(reference)
        assert conforms(found, kind), reference
    gap = BUILTIN.gap(RECORD, "rrfp_toscana.qualification:450")
    assert conforms(gap, _types.GapReportDict)
    assert any("to_cover" in unit for unit in gap["units"])


def test_the_checker_catches_a_null_or_a_wrong_type() -> None:
    gap = BUILTIN.gap(RECORD, "rrfp_toscana.qualification:450")
    assert not conforms({**gap, "eqf_level": None}, _types.GapReportDict)
    assert not conforms({**gap, "title": 3}, _types.GapReportDict)
    summary = {**gap["summary"], "units": True}
    assert not conforms({**gap, "summary": summary}, _types.GapReportDict)
    unit = {**gap["units"][0], "status": "done"}
    assert not conforms({**gap, "units": [unit]}, _types.GapReportDict)

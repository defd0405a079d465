"""The TypedDicts of matching, bundles, imports and repertoires (attesta._data_types) describe
skill-profile, match-options, occupation-matches, bundle-info, import-report and framework
exactly, at every depth; the case view and state TypedDicts describe the top level of
case-view and case-state. Real results are then checked against the TypedDicts, so a null or a
float where an int is declared is caught too."""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, load_schema
from esco_sample import skill, write_esco
from test_framework_types import assert_same, conforms
from test_schemas import _json_types, _schema_types

import attesta
from attesta import _data_types as types


@pytest.mark.parametrize(
    ("annotation", "schema_name"),
    [
        (types.SkillProfileDict, "skill-profile"),
        (types.MatchOptionsDict, "match-options"),
        (types.ProfileMatchesDict, "occupation-matches"),
        (types.BundleInfoDict, "bundle-info"),
        (types.ImportReportDict, "import-report"),
        (types.FrameworkDict, "framework"),
    ],
    ids=lambda v: v if isinstance(v, str) else v.__name__,
)
def test_typed_dicts_match_the_schemas(annotation: Any, schema_name: str) -> None:
    root = load_schema(schema_name)
    if schema_name == "match-options":
        # Every option has a default: none is required of the caller, all are keyword options.
        assert not root.get("required") and not annotation.__required_keys__
        root = {**root, "required": []}
    assert_same(annotation, root, root)


@pytest.mark.parametrize(
    ("typed_dict", "schema_name"),
    [(types.CaseStateDict, "case-state"), (types.CaseViewDict, "case-view")],
    ids=["case-state", "case-view"],
)
def test_case_typed_dicts_match_the_top_level_of_their_schemas(
    typed_dict: Any, schema_name: str
) -> None:
    root = load_schema(schema_name)
    hints = typing.get_type_hints(typed_dict)
    assert set(hints) == set(root["properties"])
    required = set(root["required"])
    assert typed_dict.__required_keys__ == required
    for key, annotation in hints.items():
        want = _schema_types(root["properties"][key], root)
        if key not in required:
            want.discard("null")
        assert _json_types(annotation) == want, key


@pytest.fixture(scope="module")
def esco(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = write_esco(tmp_path_factory.mktemp("esco") / "esco-v1-en")
    bundle = folder.parent / "esco.attb"
    return bundle, dict(attesta.import_framework("esco", folder, bundle))


def test_real_results_conform_to_the_typed_dicts(esco: tuple[Path, dict[str, Any]]) -> None:
    bundle, report = esco
    assert conforms(report, types.ImportReportDict)
    assert conforms(attesta.bundle_info(bundle), types.BundleInfoDict)
    frameworks = attesta.Frameworks([bundle])
    matches = frameworks.match({"id": "p", "skills": [skill("s1"), skill("s6"), "x"]})
    assert matches["matches"] and conforms(matches, types.ProfileMatchesDict)
    framework = frameworks.framework("rrfp_toscana")
    assert framework["qualifications"] and conforms(framework, types.FrameworkDict)
    assert not conforms({**framework, "title": None}, types.FrameworkDict)


def _json_type(value: Any) -> str:
    kinds = [(bool, "boolean"), (int, "integer"), (float, "integer"), (str, "string")]
    kinds += [(list, "array"), (dict, "object")]
    return next(name for kind, name in kinds if isinstance(value, kind))


def test_the_demo_case_view_and_state_conform_at_the_top_level() -> None:
    # The demo case of tests/cases, replayed to its end (validated): most optional keys set.
    events = (ROOT / "tests" / "cases" / "demo-450" / "events.jsonl").read_text("utf-8")
    case = attesta.Case.from_events(attesta.Frameworks(), events)
    for value, typed_dict in ((case.view(), types.CaseViewDict), (case.state, types.CaseStateDict)):
        hints = typing.get_type_hints(typed_dict)
        assert typed_dict.__required_keys__ <= set(value) <= set(hints)
        for key, item in value.items():
            assert _json_type(item) in _json_types(hints[key]), key
    assert {"trasparenza", "validazione"} <= set(case.state)


def test_unknown_framework_ids_are_typed_errors() -> None:
    with pytest.raises(attesta.AttestaError) as error:
        attesta.Frameworks().framework("nope")
    assert error.value.kind == "unknown_framework"

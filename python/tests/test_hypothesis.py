"""Property tests: whatever a caller passes, the interpreter survives and the answer is a
Report or a typed exception (AttestaError for "cannot evaluate", TypeError/ValueError for a
value that is not a record) — never a crash, a SystemError or a pyo3 PanicException."""

from __future__ import annotations

import copy
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from conftest import ROOT, fixture_cases
from esco_sample import skill, write_esco
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import attesta

# Keys records use, so mutations reach the validation rules and not only unknown-field checks.
KEYS = st.sampled_from(
    [
        "schema_version",
        "id",
        "person",
        "experiences",
        "evidence",
        "claims",
        "period",
        "start",
        "end",
        "context",
        "kind",
        "country",
        "code",
        "scheme",
        "target",
        "birth_date",
        "x",
    ]
)
JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
    | st.sampled_from(["1.0", "2019-03", "2030-01-01", "IT", "informale", "work"])
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(KEYS | st.text(), inner, max_size=4),
    max_leaves=20,
)
ANY_VALUES = st.recursive(
    JSON_SCALARS
    | st.floats()
    | st.binary()
    | st.sets(st.integers(), max_size=2)
    | st.builds(object)
    | st.integers(min_value=10**20)
    | st.just("\ud800"),
    lambda inner: st.lists(inner, max_size=4)
    | st.tuples(inner, inner)
    | st.dictionaries(KEYS | st.text() | st.integers(), inner, max_size=4),
    max_leaves=20,
)

VALID_RECORDS = [
    json.loads((c / "input.json").read_bytes())
    for c in fixture_cases()
    if c.name.startswith("valid-")
]
TYPED = (attesta.AttestaError, TypeError, ValueError)
# ATTESTA_HYPOTHESIS_EXAMPLES=5000 for a longer hunt than the default run of make test.
SETTINGS = settings(
    max_examples=int(os.environ.get("ATTESTA_HYPOTHESIS_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


def outcome(record: Any) -> Any:
    try:
        return attesta.validate(record)
    except TYPED as error:
        assert not isinstance(error, (SystemError, RuntimeError)), type(error)
        assert type(error).__name__ != "PanicException"
        return error


@SETTINGS
@given(ANY_VALUES)
def test_any_python_value_gives_a_report_or_a_typed_exception(value: Any) -> None:
    assert isinstance(outcome(value), (attesta.Report, *TYPED))
    assert isinstance(
        outcome({"schema_version": "1.0", "id": "r", "person": value}), (attesta.Report, *TYPED)
    )


@SETTINGS
@given(st.binary(max_size=300))
def test_any_bytes_give_a_report_or_an_attesta_error(data: bytes) -> None:
    assert isinstance(outcome(data), (attesta.Report, attesta.AttestaError))


@st.composite
def mutated_records(draw: st.DrawFn) -> Any:
    """A valid fixture record with a few values replaced, removed or added."""
    record = copy.deepcopy(draw(st.sampled_from(VALID_RECORDS)))
    for _ in range(draw(st.integers(1, 4))):
        node = record
        while True:
            children = list(node.items()) if isinstance(node, dict) else list(enumerate(node))
            containers = [(k, v) for k, v in children if isinstance(v, (dict, list)) and v]
            if not containers or draw(st.booleans()):
                break
            node = draw(st.sampled_from(containers))[1]
        action = draw(st.sampled_from(["replace", "remove", "add"]))
        if isinstance(node, dict):
            keys = list(node)
            if action == "add" or not keys:
                node[draw(KEYS)] = draw(JSON_VALUES)
            elif action == "remove":
                del node[draw(st.sampled_from(keys))]
            else:
                node[draw(st.sampled_from(keys))] = draw(JSON_VALUES)
        elif node:
            index = draw(st.integers(0, len(node) - 1))
            if action == "remove":
                del node[index]
            else:
                node[index] = draw(JSON_VALUES)
    return record


@SETTINGS
@given(mutated_records())
def test_mutated_valid_records_give_the_same_answer_as_their_text(record: Any) -> None:
    validator = attesta.Validator(reference_date="2026-01-01")

    def answer(value: Any) -> Any:
        try:
            return validator.validate(value)
        except attesta.AttestaError as error:
            # A mutation can remove schema_version: then the record cannot be evaluated.
            return error.kind

    report = answer(record)
    assert isinstance(report, (attesta.Report, str))
    assert answer(json.dumps(record)) == report
    assert answer(json.dumps(record, indent=1).encode()) == report
    if isinstance(report, attesta.Report) and not report.valid:
        assert any(f.severity == "error" for f in report.findings)


@SETTINGS
@given(ANY_VALUES)
def test_any_python_value_as_a_document_gives_a_report_or_a_typed_exception(value: Any) -> None:
    for document in (value, {"schema_version": "1.0", "document_type": "certificato", "x": value}):
        try:
            result: Any = attesta.check_document(document)
        except TYPED as error:
            result = error
        assert isinstance(result, (attesta.Report, *TYPED))
        assert type(result).__name__ != "PanicException"


# Frameworks and cases: whatever is passed as an action, an event log, a record or a node
# reference, the answer is a value or a typed exception (a refusal is an AttestaError).
FRAMEWORKS = attesta.Frameworks()
# Half the examples: each one opens a case or replays a log, which records do not.
CASE_SETTINGS = settings(
    SETTINGS, max_examples=int(os.environ.get("ATTESTA_HYPOTHESIS_EXAMPLES", "300")) // 2
)
_STEPS = [
    line.split("\t")
    for line in (ROOT / "data" / "demo" / "steps.tsv").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]
DEMO_ACTIONS = [
    json.loads((ROOT / "data" / "demo" / file).read_text(encoding="utf-8")) for file, _, _ in _STEPS
]


def typed(call: Any) -> Any:
    try:
        return call()
    except TYPED as error:
        assert type(error).__name__ != "PanicException"
        return error


@st.composite
def mutated_actions(draw: st.DrawFn) -> Any:
    """A demo action with one payload value replaced (or the kind of another action)."""
    action = copy.deepcopy(draw(st.sampled_from(DEMO_ACTIONS)))
    payload = action.get("payload")
    if isinstance(payload, dict) and payload and draw(st.booleans()):
        key = draw(st.sampled_from(sorted(payload)))
        payload[key] = draw(JSON_VALUES)
    else:
        action["kind"] = draw(st.sampled_from([a["kind"] for a in DEMO_ACTIONS]))
    return action


@CASE_SETTINGS
@given(ANY_VALUES | mutated_actions())
def test_any_value_as_an_action_gives_an_event_or_a_typed_exception(value: Any) -> None:
    case = attesta.Case.open(FRAMEWORKS, _STEPS[0][2], _STEPS[0][1], DEMO_ACTIONS[0])
    got = typed(lambda: case.act("2025-09-01T09:00:00Z", "op-eitc-01", value))
    assert isinstance(got, (dict, *TYPED))
    # A refused or unreadable action leaves the log as it was.
    assert len(case.events) == (2 if isinstance(got, dict) else 1)
    opened = typed(lambda: attesta.Case.open(FRAMEWORKS, "2025-09-01T09:00:00Z", "x", value))
    assert isinstance(opened, (attesta.Case, *TYPED))


@CASE_SETTINGS
@given(ANY_VALUES | st.lists(JSON_VALUES, max_size=3) | st.binary(max_size=200))
def test_any_value_as_events_or_a_gap_input_gives_a_value_or_a_typed_exception(
    value: Any,
) -> None:
    replayed = typed(lambda: attesta.Case.from_events(FRAMEWORKS, value))
    assert isinstance(replayed, (attesta.Case, *TYPED))
    verified = typed(lambda: attesta.verify(value))
    assert verified is None or isinstance(verified, TYPED)
    target = "rrfp_toscana.qualification:450"
    assert isinstance(typed(lambda: FRAMEWORKS.gap(value, target)), (dict, *TYPED))
    assert isinstance(typed(lambda: FRAMEWORKS.lookup(value)), (dict, *TYPED))
    assert isinstance(typed(lambda: attesta.render_html(value)), (str, *TYPED))
    if isinstance(value, str):
        assert isinstance(typed(lambda: FRAMEWORKS.search(value)), (list, *TYPED))


# Matching: whatever is passed as a profile (or as its skills, or as options), the answer is
# the matches or a typed exception. The ESCO of the tests' tiny package, kept for the module.
_ESCO_DIR = tempfile.TemporaryDirectory()
_ESCO = write_esco(Path(_ESCO_DIR.name) / "esco-v1-en")
attesta.import_framework("esco", _ESCO, _ESCO.parent / "esco.attb")
WITH_ESCO = attesta.Frameworks([_ESCO.parent / "esco.attb"])
SKILLS = st.sampled_from([skill(f"s{n}") for n in range(1, 7)]) | st.text(max_size=40)


@CASE_SETTINGS
@given(
    ANY_VALUES | st.builds(lambda s: {"id": "p", "skills": s}, st.lists(SKILLS, max_size=8)),
    st.dictionaries(st.sampled_from(["limit", "min_score", "explain"]), JSON_VALUES, max_size=2),
)
def test_any_value_as_a_profile_gives_matches_or_a_typed_exception(
    value: Any, options: dict[str, Any]
) -> None:
    got = typed(lambda: WITH_ESCO.match(value, **options))
    assert isinstance(got, (dict, *TYPED))
    if isinstance(got, dict):
        assert got["matches"] == sorted(got["matches"], key=lambda m: -m["score"])
        assert all(0 < m["score"] <= 1 for m in got["matches"])

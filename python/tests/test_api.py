"""The Python API a job-centre back end relies on: reports and findings, errors as typed
exceptions, options, files, and argument types refused with TypeError."""

from __future__ import annotations

import copy
import datetime
import json
import pickle
from pathlib import Path
from typing import Any

import pytest

import attesta

RECORD: dict[str, Any] = {
    "schema_version": "1.0",
    "id": "rec-1",
    "person": {"id": "p-1", "mother_tongues": ["ar"]},
    "experiences": [
        {
            "id": "exp-1",
            "context": "informale",
            "kind": "work",
            "period": {"start": "2019-03", "end": "2018"},
            "country": "MA",
            "role": "Carrellista",
        }
    ],
}
VALID: dict[str, Any] = {"schema_version": "1.0", "id": "r", "person": {"id": "p"}}


def test_a_report_lists_findings_with_code_severity_path_and_message() -> None:
    report = attesta.validate(RECORD)
    assert report.valid is False
    finding = report.findings[0]
    assert finding.code == "experience.end_before_start"
    assert finding.severity == "error"
    assert finding.path == ["experiences", 0, "period", "end"]
    assert finding.pointer == "/experiences/0/period/end"
    assert "2018" in finding.message or finding.message
    assert isinstance(finding.context, dict)
    assert finding.to_dict() == report.to_dict()["findings"][0]
    assert report.findings_omitted == 0
    assert repr(report) == f"<Report valid=False findings={len(report.findings)}>"


def test_dict_str_and_bytes_give_equal_reports() -> None:
    text = json.dumps(RECORD)
    by_dict = attesta.validate(RECORD)
    assert attesta.validate(text) == by_dict
    assert attesta.validate(text.encode()) == by_dict
    assert attesta.validate(bytearray(text.encode())) == by_dict
    assert attesta.validate(VALID) != by_dict


def test_is_valid_and_check() -> None:
    assert attesta.is_valid(VALID)
    assert not attesta.is_valid(RECORD)
    assert not attesta.is_valid("{")  # cannot be evaluated: not valid either
    assert attesta.check(VALID).valid
    with pytest.raises(attesta.ValidationError) as raised:
        attesta.check(RECORD)
    error = raised.value
    assert isinstance(error, attesta.AttestaError) and isinstance(error, ValueError)
    assert error.kind == "invalid_record"
    assert error.report == attesta.validate(RECORD)
    assert error.findings[0].code == "experience.end_before_start"
    assert "experience.end_before_start at /experiences/0/period/end" in str(error)
    # The same error object as the core's `attesta::check` (kind, message rule, report).
    assert error.details["report"] == attesta.validate(RECORD).to_dict()
    assert set(error.details) == {"kind", "message", "report"}


def test_malformed_json_is_an_attesta_error_with_line_and_column() -> None:
    with pytest.raises(attesta.AttestaError) as raised:
        attesta.validate('{\n  "schema_version": ')
    error = raised.value
    assert not isinstance(error, attesta.ValidationError)
    assert (error.kind, error.line, error.column) == ("malformed_json", 2, 20)
    assert error.message == str(error)
    assert error.details == {
        "kind": "malformed_json",
        "message": error.message,
        "line": 2,
        "column": 20,
    }


def test_errors_without_a_position_have_none() -> None:
    with pytest.raises(attesta.AttestaError) as raised:
        attesta.validate("[]")
    assert raised.value.kind == "wrong_top_level_type"
    assert raised.value.line is None and raised.value.column is None


def test_messages_never_quote_the_record() -> None:
    secret = "RSSMRA80A01H501U-secret"
    for record in (f'{{"x": "{secret}"', f'["{secret}"]', f'"{secret}"'):
        with pytest.raises(attesta.AttestaError) as raised:
            attesta.validate(record)
        assert secret not in str(raised.value) and secret not in json.dumps(raised.value.details)


def test_options() -> None:
    validator = attesta.Validator(strict=True, reference_date=datetime.date(2025, 6, 30))
    assert validator.options["strict"] is True
    assert validator.options["reference_date"] == "2025-06-30"
    assert attesta.Validator().options == {
        "strict": False,
        "max_size": 16 * 1024 * 1024,
        "max_depth": 128,
        "reference_date": None,
        "max_findings": 1000,
        "max_item_size": 1024 * 1024,
    }
    future = copy.deepcopy(VALID)
    future["person"]["personal"] = {"given_name": "Esempio", "birth_date": "2030-01-01"}
    assert attesta.Validator().validate(future).valid
    dated = attesta.Validator(reference_date="2026-01-01").validate(future)
    assert [f.code for f in dated.findings] == ["person.birth_date_in_future"]


def test_unknown_options_are_type_errors_naming_them() -> None:
    with pytest.raises(TypeError, match="'stritc'"):
        attesta.Validator(stritc=True)


@pytest.mark.parametrize(
    "options",
    [
        {"strict": "yes"},
        {"max_size": -1},
        {"max_size": 0},
        {"max_depth": 500},
        {"reference_date": "01/01/2026"},
        {"reference_date": 20260101},
        {"max_findings": object()},
    ],
)
def test_wrong_option_values_are_invalid_options(options: dict[str, Any]) -> None:
    with pytest.raises(attesta.AttestaError) as raised:
        attesta.Validator(**options)
    assert raised.value.kind == "invalid_options"
    (name,) = options
    assert name in raised.value.message or "must" in raised.value.message


@pytest.mark.parametrize(
    "record",
    [None, 42, 1.5, ["a"], ("a",), {1, 2}, object(), memoryview(b"{}")],
    ids=lambda r: type(r).__name__,
)
def test_values_that_are_not_records_are_type_errors(record: Any) -> None:
    with pytest.raises(TypeError):
        attesta.validate(record)
    with pytest.raises(TypeError):
        attesta.is_valid(record)


@pytest.mark.parametrize(
    ("record", "error"),
    [
        ({1: "a"}, TypeError),
        ({"a": {1, 2}}, TypeError),
        ({"a": object()}, TypeError),
        ({"a": float("nan")}, ValueError),
        ({"a": float("inf")}, ValueError),
        ({"a": "\ud800"}, ValueError),
    ],
    ids=["int-key", "set", "object", "nan", "inf", "surrogate"],
)
def test_dicts_json_cannot_hold_are_refused(record: Any, error: type[Exception]) -> None:
    with pytest.raises(error) as raised:
        attesta.validate(record)
    assert "\ud800" not in str(raised.value)


def test_deep_and_cyclic_dicts_are_too_deep() -> None:
    deep: dict[str, Any] = {}
    inner = deep
    for _ in range(10_000):
        inner["a"] = {}
        inner = inner["a"]
    cyclic: dict[str, Any] = {"schema_version": "1.0"}
    cyclic["self"] = cyclic
    for record in (deep, cyclic):
        with pytest.raises(attesta.AttestaError) as raised:
            attesta.validate(record)
        assert raised.value.kind == "too_deep"


def test_large_ints_and_floats_are_json_numbers() -> None:
    record = dict(VALID, person={"id": "p", "x": 10**40, "y": 1e300, "z": -0.5})
    assert attesta.validate(record) == attesta.validate(json.dumps(record))


def test_validate_file(root: Path, tmp_path: Path) -> None:
    examples = root / "data" / "examples"
    assert attesta.validate_file(examples / "record-valid.json").valid
    assert not attesta.validate_file(str(examples / "record-with-findings.json")).valid
    with pytest.raises(attesta.AttestaError) as raised:
        attesta.validate_file(tmp_path / "absent.json")
    assert raised.value.kind == "io"
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 2000)
    with pytest.raises(attesta.AttestaError) as raised:
        attesta.Validator(max_size=1000).validate_file(big)
    assert raised.value.kind == "too_large"
    with pytest.raises(TypeError):
        attesta.validate_file(42)  # type: ignore[arg-type]


def test_schemas() -> None:
    assert "report" in attesta.SCHEMA_NAMES and "competence-record" in attesta.SCHEMA_NAMES
    for name in attesta.SCHEMA_NAMES:
        schema = attesta.schema(name)
        assert schema["$id"] == f"urn:attesta:schema:v1:{name}"
    with pytest.raises(ValueError, match="SCHEMA_NAMES"):
        attesta.schema("no-such-schema")


def test_committed_schemas_are_what_the_library_gives(root: Path) -> None:
    for name in attesta.SCHEMA_NAMES:
        committed = json.loads((root / "data" / "schemas" / f"{name}.json").read_text())
        assert attesta.schema(name) == committed, name


def test_version() -> None:
    assert attesta.__version__.count(".") == 2


def test_pickling_keeps_reports_validators_and_errors() -> None:
    report = attesta.validate(RECORD)
    assert pickle.loads(pickle.dumps(report)) == report
    validator = attesta.Validator(strict=True, max_findings=3)
    clone = pickle.loads(pickle.dumps(validator))
    assert clone.options == validator.options
    assert clone.validate(RECORD) == validator.validate(RECORD)
    try:
        attesta.validate("{")
    except attesta.AttestaError as error:
        again = pickle.loads(pickle.dumps(error))
        assert (again.kind, again.details, str(again)) == (error.kind, error.details, str(error))
    try:
        attesta.check(RECORD)
    except attesta.ValidationError as error:
        again = pickle.loads(pickle.dumps(error))
        assert again.report == error.report and str(again) == str(error)


def test_findings_omitted_counts_what_max_findings_left_out() -> None:
    record = copy.deepcopy(VALID)
    record["experiences"] = [{"id": f"e{i}"} for i in range(10)]
    full = attesta.validate(record)
    cut = attesta.Validator(max_findings=3).validate(record)
    assert len(cut.findings) == 4 and cut.findings[-1].code == "report.findings_omitted"
    assert cut.findings_omitted == len(full.findings) - 3
    assert cut.valid is False

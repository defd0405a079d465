"""Privacy from Python: ``redact`` and ``monitoring_export`` give the core's answers (the same
JSON the CLI prints), their TypedDicts match the committed schemas, and canary values planted
in every personal field never come out of a redacted record or the monitoring export."""

from __future__ import annotations

import json
import typing
from typing import Any

import pytest
from conftest import ROOT, load_schema
from test_framework_types import assert_describes, assert_same

import attesta
from attesta import _privacy_types as types

RECORD = json.loads((ROOT / "data" / "examples" / "record-valid.json").read_text("utf-8"))
DEMO_LOG = (ROOT / "tests" / "cases" / "demo-450" / "events.jsonl").read_bytes()
CANARIES = {
    "given_name": "Zqxcanarygiven",
    "family_name": "Zqxcanaryfamily",
    "birth_place": "Zqxcanaryplace",
    "birth_date": "1986-11-23",
}


def with_canaries() -> dict[str, Any]:
    record = json.loads(json.dumps(RECORD))
    record["person"]["personal"].update(CANARIES)
    return record


@pytest.mark.parametrize(
    ("typed_dict", "schema_name"),
    [
        (types.RedactOptionsDict, "redact-options"),
        (types.MonitoringOptionsDict, "monitoring-options"),
    ],
    ids=lambda v: v if isinstance(v, str) else v.__name__,
)
def test_option_dicts_match_their_schemas(typed_dict: Any, schema_name: str) -> None:
    root = load_schema(schema_name)
    # Every option has a default: all are keyword options.
    assert not root.get("required")
    assert_same(typed_dict, root, root)


def test_attribute_dict_has_the_schemas_keys_and_words() -> None:
    root = load_schema("monitoring-attributes")
    hints = typing.get_type_hints(types.MonitoringAttributesDict)
    assert set(hints) == set(root["properties"])
    assert types.MonitoringAttributesDict.__required_keys__ == set(root["required"])
    for key, alias in [("sex", types.Sex), ("age_band", types.AgeBand)]:
        options = root["properties"][key]["anyOf"]
        ref = next(o["$ref"] for o in options if "$ref" in o).split("/")[-1]
        definition = root["$defs"][ref]
        words = (
            {o["const"] for o in definition["oneOf"]}
            if "oneOf" in definition
            else set(definition["enum"])
        )
        assert set(typing.get_args(alias)) == words


def test_report_and_redaction_dicts_match_their_schemas() -> None:
    root = load_schema("monitoring-report")
    hints = typing.get_type_hints(types.MonitoringReportDict)
    assert set(hints) == set(root["properties"])
    row = root["$defs"]["Row"]
    assert set(typing.get_type_hints(types.MonitoringRowDict)) == set(row["properties"])
    table = root["$defs"]["Table"]
    assert set(typing.get_type_hints(types.MonitoringTableDict)) == set(table["properties"])
    assert types.MonitoringTableDict.__required_keys__ == set(table["required"])
    redaction = load_schema("redaction")
    assert set(typing.get_type_hints(types.RedactionDict)) == set(redaction["properties"])
    assert_describes(types.RedactOptionsDict, load_schema("redact-options"), {})


def test_redact_removes_the_personal_block_and_says_where() -> None:
    out = attesta.redact(with_canaries(), keep_birth_year=True)
    assert out["record"]["person"]["personal"] == {"birth_date": "1986"}
    assert "/person/personal/given_name" in out["removed"]
    assert out["pseudonymised"] is False
    text = json.dumps(out)
    assert not any(value in text for value in CANARIES.values() if value != "1986-11-23")
    assert attesta.is_valid(out["record"])


def test_pseudonyms_need_a_real_key_and_are_stable() -> None:
    key = b"k" * 32
    first = attesta.redact(RECORD, pseudonym_key=key)["record"]["person"]["id"]
    again = attesta.redact(json.dumps(RECORD), pseudonym_key=key)["record"]["person"]["id"]
    assert first == again and first.startswith("ps-") and first != RECORD["person"]["id"]
    with pytest.raises(attesta.AttestaError) as short:
        attesta.redact(RECORD, pseudonym_key=b"short")
    assert short.value.kind == "invalid_options"
    with pytest.raises(TypeError):
        attesta.redact(RECORD, pseudonym_key="not bytes")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        attesta.redact(RECORD, no_such_option=True)  # type: ignore[call-arg]


def test_monitoring_export_counts_cases_and_hides_no_identifier() -> None:
    case = attesta.Case.from_events(attesta.Frameworks(), DEMO_LOG)
    attributes = [{"case_id": case.state["case_id"], "sex": "male", "project": "fami_commit"}]
    report = attesta.monitoring_export([case], attributes, k=2, breakdowns=["sex", "project"])
    same = attesta.monitoring_export([case.state], attributes, k=2, breakdowns=["sex", "project"])
    assert report.to_dict() == same.to_dict()
    exported = report.to_dict()
    assert exported["cases"] is None  # one case is under k = 2
    phases = next(
        t for t in exported["tables"] if t["dimension"] == "outcome" and "breakdown" not in t
    )
    assert {r["value"]: r["total"] for r in phases["rows"]}["validated"] is None
    text = json.dumps(exported) + report.to_csv() + report.to_svg()
    assert case.state["case_id"] not in text
    assert case.state["record"]["person"]["personal"]["family_name"] not in text
    assert report.to_csv().startswith("dimension,breakdown,value,column,count,hidden")
    with pytest.raises(attesta.AttestaError) as error:
        attesta.monitoring_export([case], k=1)
    assert error.value.kind == "invalid_options"

"""attesta.findings_table and attesta.coverage_table (the optional ``arrow`` extra): their
columns and Arrow types, every value against the reports they were built from, the pandas
conversion analysts use, and the ImportError naming the extra when pyarrow is missing."""

from __future__ import annotations

import json
import sys
from typing import Any

import pyarrow as pa
import pytest
from conftest import FIXTURES, ROOT, fixture_options

import attesta

RECORD = ROOT / "data" / "examples" / "record-valid.json"
TARGET = "rrfp_toscana.qualification:450"

# Fixture cases with several findings, one with a context, a valid record and an error.
WITH_FINDINGS = "items-are-checked-independently"
VALID = "valid-minimal"
ERROR = "error-truncated-json"


def report_of(name: str) -> attesta.Report | attesta.AttestaError:
    case = FIXTURES / name
    try:
        validator = attesta.Validator(**fixture_options(case))
        return validator.validate((case / "input.json").read_bytes())
    except attesta.AttestaError as error:
        return error


def test_findings_table_has_one_row_per_finding_with_typed_columns() -> None:
    reports = [report_of(WITH_FINDINGS), report_of(VALID), report_of(ERROR)]
    findings = reports[0]
    assert isinstance(findings, attesta.Report)
    assert len(findings.findings) >= 2
    assert isinstance(reports[1], attesta.Report) and reports[1].findings == []
    error = reports[2]
    assert isinstance(error, attesta.AttestaError)

    table = attesta.findings_table(reports, ids=["a", "b", None])
    assert table.schema.names == [
        "record",
        "record_id",
        "evaluated",
        "code",
        "severity",
        "pointer",
        "message",
        "context",
    ]
    assert table.schema.field("record").type == pa.int64()
    assert table.schema.field("evaluated").type == pa.bool_()
    assert table.schema.field("severity").type == pa.dictionary(pa.int32(), pa.string())
    for name in ["record_id", "code", "pointer", "message", "context"]:
        assert table.schema.field(name).type == pa.string(), name

    rows = table.to_pylist()
    assert len(rows) == len(findings.findings) + 1
    for row, finding in zip(rows, findings.findings, strict=False):
        assert row["record"] == 0
        assert row["record_id"] == "a"
        assert row["evaluated"] is True
        assert row["code"] == finding.code
        assert row["severity"] == finding.severity
        assert row["pointer"] == finding.pointer
        assert row["message"] == finding.message
        context = row["context"]
        assert (json.loads(context) if context is not None else {}) == finding.context
    # The valid record gives no row; the record that could not be evaluated gives one.
    last = rows[-1]
    assert last["record"] == 2
    assert last["record_id"] is None
    assert last["evaluated"] is False
    assert (last["code"], last["severity"], last["message"]) == (
        error.kind,
        "error",
        error.message,
    )


def test_findings_table_converts_to_pandas_with_categorical_severities() -> None:
    reports = list(attesta.validate_many([RECORD.read_bytes(), {"schema_version": "1.0"}]))
    table = attesta.findings_table(reports)
    frame = table.to_pandas()
    assert len(frame) == table.num_rows > 0
    assert str(frame["severity"].dtype) == "category"
    assert frame["record_id"].isna().all()
    second = reports[1]
    assert isinstance(second, attesta.Report)
    counts = frame.groupby("record").size().to_dict()
    first = reports[0]
    assert isinstance(first, attesta.Report)
    assert counts.get(0, 0) == len(first.findings)
    assert counts[1] == len(second.findings)


def test_findings_table_of_nothing_is_an_empty_table_with_the_columns() -> None:
    table = attesta.findings_table([])
    assert table.num_rows == 0
    assert table.num_columns == 8


def test_findings_table_refuses_what_is_not_a_report() -> None:
    with pytest.raises(TypeError):
        attesta.findings_table([{"valid": True, "findings": []}])  # type: ignore[list-item]
    with pytest.raises(ValueError):
        attesta.findings_table([report_of(VALID)], ids=["a", "b"])
    with pytest.raises(ValueError):
        attesta.findings_table([report_of(VALID), report_of(VALID)], ids=["a"])


def gap_reports() -> list[dict[str, Any]]:
    frameworks = attesta.Frameworks()
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    return [
        frameworks.gap(record, TARGET),
        frameworks.gap(record, TARGET, validated=["rrfp_toscana.unit:1948"]),
    ]


def test_coverage_table_has_one_row_per_unit_of_each_gap_report() -> None:
    reports = gap_reports()
    table = attesta.coverage_table(reports)
    assert table.schema.names == [
        "report",
        "figure",
        "figure_title",
        "unit",
        "title",
        "status",
        "has_evidence",
    ]
    assert table.schema.field("report").type == pa.int64()
    assert table.schema.field("unit").type == pa.string()
    assert table.schema.field("status").type == pa.dictionary(pa.int32(), pa.string())
    assert table.schema.field("has_evidence").type == pa.bool_()
    rows = table.to_pylist()
    expected = [
        (index, TARGET, report["title"], unit["unit"]["code"], unit["title"], unit["status"])
        for index, report in enumerate(reports)
        for unit in report["units"]
    ]
    got = [
        (r["report"], r["figure"], r["figure_title"], r["unit"], r["title"], r["status"])
        for r in rows
    ]
    assert got == expected
    assert [r["has_evidence"] for r in rows] == [
        unit["has_evidence"] for report in reports for unit in report["units"]
    ]
    # The UC validated earlier shows as such in the second report only.
    status = {(r["report"], r["unit"]): r["status"] for r in rows}
    assert status[(0, "1948")] == "partially_claimed"
    assert status[(1, "1948")] == "validated"


def test_coverage_table_to_pandas_counts_statuses_like_the_summaries() -> None:
    reports = gap_reports()
    frame = attesta.coverage_table(reports).to_pandas()
    assert str(frame["status"].dtype) == "category"
    for index, report in enumerate(reports):
        counts = frame[frame["report"] == index]["status"].value_counts().to_dict()
        summary = report["summary"]
        for status in ["validated", "claimed", "partially_claimed", "missing"]:
            assert counts.get(status, 0) == summary[status], status


def test_coverage_table_refuses_what_is_not_a_gap_report() -> None:
    with pytest.raises(TypeError):
        attesta.coverage_table([{"units": "none"}])
    with pytest.raises(TypeError):
        attesta.coverage_table([{"target": "450", "units": []}])
    with pytest.raises(TypeError):
        attesta.coverage_table([report_of(VALID)])  # type: ignore[list-item]


def test_without_pyarrow_the_tables_raise_an_import_error_naming_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A None entry in sys.modules makes `import pyarrow` fail as if it were not installed.
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ImportError, match=r"attesta\[arrow\]"):
        attesta.findings_table([])
    with pytest.raises(ImportError, match=r"attesta\[arrow\]"):
        attesta.coverage_table([])

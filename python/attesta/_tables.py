"""Reports and gap reports as Arrow tables, for analysts (the optional ``arrow`` extra).

``pip install attesta[arrow]`` brings pyarrow; it is imported only when a table is asked for, so
``import attesta`` never needs it. The tables are built column by column (one Python list per
column, then one Arrow array each), never as a list of row dicts, and convert to pandas with
``table.to_pandas()`` and to Polars with ``polars.from_arrow(table)``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from attesta._attesta import Report
from attesta._errors import AttestaError

if TYPE_CHECKING:
    import pyarrow

__all__ = ["coverage_table", "findings_table"]


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError as missing:
        raise ImportError(
            "attesta's tables need pyarrow: install the extra with `pip install attesta[arrow]`"
        ) from missing
    return pyarrow


def _categories(pa: Any, values: list[str]) -> Any:
    # Few distinct values (severities, statuses) over many rows: a dictionary column stores each
    # once and becomes a pandas Categorical.
    return pa.array(values, type=pa.string()).dictionary_encode()


def findings_table(
    reports: Iterable[Report | AttestaError], *, ids: Iterable[str | None] | None = None
) -> pyarrow.Table:
    """One row per finding of ``reports`` (e.g. what ``validate_many`` yields), in order.

    Columns: ``record`` (int64, the report's position in ``reports``), ``record_id`` (string,
    from ``ids`` at the same position, null without it), ``evaluated`` (bool), ``code``,
    ``severity`` (dictionary), ``pointer`` (JSON Pointer), ``message`` and ``context`` (its JSON
    text, null when empty). A record that could not be evaluated (an ``AttestaError`` in place of
    its report) gives one row with ``evaluated`` false, its error ``kind`` as ``code``, severity
    ``error``, its ``pointer`` when it has one and its message. A valid report without findings
    gives no row. Raises ``ImportError`` without pyarrow and ``TypeError`` for other items.
    """
    pa = _pyarrow()
    id_list = None if ids is None else list(ids)
    record: list[int] = []
    record_id: list[str | None] = []
    evaluated: list[bool] = []
    code: list[str] = []
    severity: list[str] = []
    pointer: list[str] = []
    message: list[str] = []
    context: list[str | None] = []
    count = 0
    for index, item in enumerate(reports):
        count = index + 1
        name = None
        if id_list is not None:
            if index >= len(id_list):
                raise ValueError("`ids` and `reports` differ in length")
            name = id_list[index]
        if isinstance(item, Report):
            for finding in item.findings:
                record.append(index)
                record_id.append(name)
                evaluated.append(True)
                code.append(finding.code)
                severity.append(finding.severity)
                pointer.append(finding.pointer)
                message.append(finding.message)
                found = finding.context
                context.append(json.dumps(found, ensure_ascii=False) if found else None)
        elif isinstance(item, AttestaError):
            record.append(index)
            record_id.append(name)
            evaluated.append(False)
            code.append(item.kind)
            severity.append("error")
            where = item.details.get("pointer")
            pointer.append(where if isinstance(where, str) else "")
            message.append(item.message)
            context.append(None)
        else:
            raise TypeError(
                f"findings_table takes Report or AttestaError items, not {type(item).__name__}"
            )
    if id_list is not None and len(id_list) != count:
        raise ValueError("`ids` and `reports` differ in length")
    return pa.table(
        {
            "record": pa.array(record, type=pa.int64()),
            "record_id": pa.array(record_id, type=pa.string()),
            "evaluated": pa.array(evaluated, type=pa.bool_()),
            "code": pa.array(code, type=pa.string()),
            "severity": _categories(pa, severity),
            "pointer": pa.array(pointer, type=pa.string()),
            "message": pa.array(message, type=pa.string()),
            "context": pa.array(context, type=pa.string()),
        }
    )


def _reference(node: Any) -> str:
    # A FrameworkRef as the `scheme:code` text lookup and gap take.
    if isinstance(node, Mapping) and isinstance(node.get("scheme"), str):
        return f"{node['scheme']}:{node.get('code', '')}"
    raise TypeError("coverage_table takes gap reports (Frameworks.gap results)")


def coverage_table(gap_reports: Iterable[Mapping[str, Any]]) -> pyarrow.Table:
    """One row per UC of each gap report (``Frameworks.gap`` results), in order.

    Columns: ``report`` (int64, the report's position), ``figure`` (the target qualification as
    ``scheme:code``), ``figure_title``, ``unit`` (the UC's code), ``title``, ``status``
    (dictionary: ``validated``, ``claimed``, ``partially_claimed`` or ``missing``) and
    ``has_evidence`` (bool). Raises ``ImportError`` without pyarrow and ``TypeError`` for values
    that are not gap reports.
    """
    pa = _pyarrow()
    report: list[int] = []
    figure: list[str] = []
    figure_title: list[str] = []
    unit: list[str] = []
    title: list[str] = []
    status: list[str] = []
    has_evidence: list[bool] = []
    for index, gap in enumerate(gap_reports):
        if not isinstance(gap, Mapping) or not isinstance(gap.get("units"), list):
            raise TypeError("coverage_table takes gap reports (Frameworks.gap results)")
        target = _reference(gap.get("target"))
        target_title = str(gap.get("title", ""))
        for row in gap["units"]:
            if not isinstance(row, Mapping):
                raise TypeError("coverage_table takes gap reports (Frameworks.gap results)")
            _reference(row.get("unit"))
            report.append(index)
            figure.append(target)
            figure_title.append(target_title)
            unit.append(str(row["unit"]["code"]))
            title.append(str(row.get("title", "")))
            status.append(str(row.get("status", "")))
            has_evidence.append(bool(row.get("has_evidence", False)))
    return pa.table(
        {
            "report": pa.array(report, type=pa.int64()),
            "figure": _categories(pa, figure),
            "figure_title": _categories(pa, figure_title),
            "unit": pa.array(unit, type=pa.string()),
            "title": pa.array(title, type=pa.string()),
            "status": _categories(pa, status),
            "has_evidence": pa.array(has_evidence, type=pa.bool_()),
        }
    )

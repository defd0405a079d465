"""Reports, gap reports, occupation matches and repertoires as Arrow tables, for analysts (the
optional ``arrow`` extra).

``pip install attesta[arrow]`` brings pyarrow; it is imported only when a table is asked for, so
``import attesta`` never needs it. The tables are built column by column (one Python list per
column, then one Arrow array each), never as a list of row dicts, and convert to pandas with
``table.to_pandas()`` and to Polars with ``polars.from_arrow(table)``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from attesta._attesta import Frameworks, Report
from attesta._errors import AttestaError

if TYPE_CHECKING:
    import pyarrow

__all__ = ["coverage_table", "findings_table", "matches_table", "units_table"]


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError as missing:
        raise ImportError(
            "attesta's tables need pyarrow: install the extra with `pip install attesta[arrow]`"
        ) from missing
    return pyarrow


def _categories(pa: Any, values: list[str] | list[str | None]) -> Any:
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


def matches_table(matches: Iterable[Mapping[str, Any]]) -> pyarrow.Table:
    """One row per occupation of each match result (``Frameworks.match`` /
    ``Frameworks.match_many`` results), best first within a profile.

    Columns: ``profile`` (int64, the result's position), ``profile_id`` (string), ``rank``
    (int32, 1 for the best), ``occupation`` (the ESCO occupation URI), ``label`` (null when the
    bundle has no label in the language asked), ``score`` (float64), ``essential_matched``,
    ``essential_total``, ``optional_matched``, ``optional_total`` (int32), ``regulated`` (bool,
    null when ESCO says nothing or only a text) and ``missing_essential`` (list of skill URIs,
    empty without ``explain``). Raises ``ImportError`` without pyarrow and ``TypeError`` for
    values that are not match results.
    """
    pa = _pyarrow()
    columns: dict[str, list[Any]] = {
        name: []
        for name in (
            "profile",
            "profile_id",
            "rank",
            "occupation",
            "label",
            "score",
            "essential_matched",
            "essential_total",
            "optional_matched",
            "optional_total",
            "regulated",
            "missing_essential",
        )
    }
    counts = ("essential_matched", "essential_total", "optional_matched", "optional_total")
    for index, result in enumerate(matches):
        if not isinstance(result, Mapping) or not isinstance(result.get("matches"), list):
            raise TypeError("matches_table takes match results (Frameworks.match results)")
        for rank, hit in enumerate(result["matches"], start=1):
            if not isinstance(hit, Mapping) or not isinstance(hit.get("occupation"), Mapping):
                raise TypeError("matches_table takes match results (Frameworks.match results)")
            columns["profile"].append(index)
            columns["profile_id"].append(str(result.get("id", "")))
            columns["rank"].append(rank)
            columns["occupation"].append(str(hit["occupation"].get("code", "")))
            label = hit.get("label")
            columns["label"].append(label if isinstance(label, str) else None)
            columns["score"].append(float(hit.get("score", 0.0)))
            for name in counts:
                columns[name].append(int(hit.get(name, 0)))
            regulated = hit.get("regulated_profession")
            flag = regulated.get("regulated") if isinstance(regulated, Mapping) else None
            columns["regulated"].append(flag if isinstance(flag, bool) else None)
            columns["missing_essential"].append(
                [str(uri) for uri in hit.get("missing_essential", [])]
            )
    types = {
        "profile": pa.int64(),
        "profile_id": pa.string(),
        "rank": pa.int32(),
        "occupation": pa.string(),
        "label": pa.string(),
        "score": pa.float64(),
        "regulated": pa.bool_(),
        "missing_essential": pa.list_(pa.string()),
        **{name: pa.int32() for name in counts},
    }
    return pa.table({name: pa.array(values, type=types[name]) for name, values in columns.items()})


def units_table(frameworks: Frameworks, *, ids: Iterable[str] | None = None) -> pyarrow.Table:
    """One row per UC of each qualification (figura) of the repertoires loaded in
    ``frameworks`` (those of ``ids``, default every one), in the repertoire's order.

    Columns: ``framework`` (dictionary, the repertoire id), ``qualification`` (its code),
    ``qualification_title``, ``eqf_level`` (int8, null when the repertoire does not say),
    ``sector`` (the sector title, null without one), ``position`` (int32, the UC's place in the
    qualification, from 1), ``unit`` (the UC's code), ``unit_title``, ``atlante_ada`` (list of
    the Atlante ADA codes the UC is linked to), ``capacita`` and ``conoscenze`` (int32 counts).
    A UC listed by a qualification but absent from the repertoire's units keeps its code with a
    null title. Raises ``ImportError`` without pyarrow and ``AttestaError`` (kind
    ``unknown_framework``) for an id not loaded.
    """
    pa = _pyarrow()
    if not isinstance(frameworks, Frameworks):
        raise TypeError("units_table takes an attesta.Frameworks")
    names = (
        "framework",
        "qualification",
        "qualification_title",
        "eqf_level",
        "sector",
        "position",
        "unit",
        "unit_title",
        "atlante_ada",
        "capacita",
        "conoscenze",
    )
    columns: dict[str, list[Any]] = {name: [] for name in names}
    for framework_id in frameworks.ids() if ids is None else list(ids):
        framework = frameworks.framework(framework_id)
        units = {unit["code"]: unit for unit in framework.get("units", [])}
        for qualification in framework.get("qualifications", []):
            sector = qualification.get("sector")
            for position, code in enumerate(qualification["units"], start=1):
                unit = units.get(code)
                columns["framework"].append(framework_id)
                columns["qualification"].append(qualification["code"])
                columns["qualification_title"].append(qualification["title"])
                columns["eqf_level"].append(qualification.get("eqf_level"))
                columns["sector"].append(sector["title"] if sector else None)
                columns["position"].append(position)
                columns["unit"].append(code)
                columns["unit_title"].append(unit["title"] if unit else None)
                columns["atlante_ada"].append(list(unit.get("atlante_ada", [])) if unit else [])
                columns["capacita"].append(len(unit.get("capacita", [])) if unit else 0)
                columns["conoscenze"].append(len(unit.get("conoscenze", [])) if unit else 0)
    return pa.table(
        {
            "framework": _categories(pa, columns["framework"]),
            "qualification": pa.array(columns["qualification"], type=pa.string()),
            "qualification_title": pa.array(columns["qualification_title"], type=pa.string()),
            "eqf_level": pa.array(columns["eqf_level"], type=pa.int8()),
            "sector": _categories(pa, columns["sector"]),
            "position": pa.array(columns["position"], type=pa.int32()),
            "unit": pa.array(columns["unit"], type=pa.string()),
            "unit_title": pa.array(columns["unit_title"], type=pa.string()),
            "atlante_ada": pa.array(columns["atlante_ada"], type=pa.list_(pa.string())),
            "capacita": pa.array(columns["capacita"], type=pa.int32()),
            "conoscenze": pa.array(columns["conoscenze"], type=pa.int32()),
        }
    )

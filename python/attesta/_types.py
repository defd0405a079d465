"""The JSON shapes the functions return, as ``TypedDict``s.

They mirror the committed JSON Schemas (``data/schemas/report.json``, ``error.json``,
``validation-options.json``); ``tests/test_schemas.py`` checks every key, its type and
whether it is required against those files, so these types cannot drift from the JSON.
"""

from __future__ import annotations

from typing import Any, Literal, TypeAlias, TypedDict

__all__ = ["ErrorDetailsDict", "FindingDict", "ReportDict", "Severity", "ValidationOptionsDict"]

Severity: TypeAlias = Literal["info", "warning", "error"]
"""How serious a finding is: ``error`` makes a record invalid, ``warning`` in strict mode."""


# Optional keys through `total=False` subclasses: `NotRequired` is Python 3.11+.
class _FindingRequired(TypedDict):
    code: str
    severity: Severity
    path: str
    message: str


class FindingDict(_FindingRequired, total=False):
    """One finding (``Finding.to_dict()``); ``context`` is absent when empty."""

    context: dict[str, Any]


class ReportDict(TypedDict):
    """A report (``Report.to_dict()``)."""

    valid: bool
    findings: list[FindingDict]


class _ErrorDetailsRequired(TypedDict):
    kind: str
    message: str


class ErrorDetailsDict(_ErrorDetailsRequired, total=False):
    """An error object (``AttestaError.details``): ``kind`` and ``message`` always, the other
    fields when the kind has them (see docs/error-kinds.md)."""

    line: int
    column: int
    path: str
    limit: int
    framework: str
    pointer: str
    refusal: dict[str, Any]
    integrity: dict[str, Any]
    event: dict[str, Any]
    drift: list[dict[str, Any]]
    report: ReportDict
    cause: ErrorDetailsDict


class ValidationOptionsDict(TypedDict):
    """The options of a validator (``Validator.options``)."""

    strict: bool
    max_size: int
    max_depth: int
    reference_date: str | None
    max_findings: int
    max_item_size: int

"""Exceptions of Attesta.

``AttestaError`` is "cannot evaluate" (malformed JSON, over a limit, invalid options...): it is
built from the core's error object (``data/schemas/error.json``), whose every field is kept in
``details``. ``ValidationError`` is raised by ``check`` for a record that was evaluated and
found invalid; it carries the report. ``RefusalError`` is an action a case refused (kind
``refused``): it carries the refusal.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from attesta._attesta import Finding, Report

__all__ = ["AttestaError", "RefusalError", "ValidationError"]


class AttestaError(Exception):
    """A record, file or option that Attesta cannot evaluate.

    ``kind`` is a stable machine-readable name (``malformed_json``, ``too_large``...),
    ``message`` English text that never quotes the input, ``line``/``column`` the 1-based
    position of malformed JSON, and ``details`` the whole error object as the core serializes
    it (the same JSON as the command line's ``--format json``).
    """

    kind: str
    message: str
    line: int | None
    column: int | None
    details: dict[str, Any]

    def __init__(self, details: Mapping[str, Any]) -> None:
        details = dict(details)
        message = str(details.get("message", ""))
        super().__init__(message)
        self.details = details
        self.kind = str(details.get("kind", ""))
        self.message = message
        line = details.get("line")
        column = details.get("column")
        self.line = line if isinstance(line, int) else None
        self.column = column if isinstance(column, int) else None

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.details,))


class ValidationError(AttestaError, ValueError):
    """A record that was evaluated and is invalid (raised by ``check``).

    ``kind`` is ``invalid_record``; ``report`` is the full report and ``findings`` its
    findings.
    """

    report: Report

    def __init__(self, report: Report) -> None:
        # The first error, or in strict mode the first warning: a finding that invalidates.
        first = next((f for f in report.findings if f.severity == "error"), None)
        if first is None:
            first = next((f for f in report.findings if f.severity == "warning"), None)
        message = "the record is invalid"
        if first is not None:
            message += f": {first.code} at {first.pointer or '/'}"
            if len(report.findings) > 1:
                message += f" and {len(report.findings) - 1} more findings"
        # The same object as the core's `invalid_record` error (`attesta::check`): the message
        # is built by the same rule and the details carry the report.
        super().__init__({"kind": "invalid_record", "message": message, "report": report.to_dict()})
        self.report = report

    @property
    def findings(self) -> list[Finding]:
        """The report's findings."""
        return self.report.findings

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.report,))


class RefusalError(AttestaError):
    """An action a case refused (kind ``refused``); the case is unchanged.

    ``refusal`` is the refusal as the core serializes it (``action``, ``phase``, ``allowed``,
    ``reason`` with its own ``kind``), ``allowed`` the kinds of the actions the case's phase
    allows, and ``findings`` the findings of the reason (a document that would not be lawful,
    a record with errors), as dicts; empty when the reason has none.
    """

    refusal: dict[str, Any]
    allowed: list[str]
    findings: list[dict[str, Any]]

    def __init__(self, details: Mapping[str, Any]) -> None:
        super().__init__(details)
        refusal = self.details.get("refusal")
        self.refusal = dict(refusal) if isinstance(refusal, Mapping) else {}
        allowed = self.refusal.get("allowed")
        self.allowed = [str(a) for a in allowed] if isinstance(allowed, list) else []
        reason = self.refusal.get("reason")
        findings = reason.get("findings") if isinstance(reason, Mapping) else None
        self.findings = [dict(f) for f in findings] if isinstance(findings, list) else []


def _from_details(details: Mapping[str, Any]) -> AttestaError:
    """The exception of an error object: its class chosen by ``kind`` (used by the native
    module, so that every error of the core reaches Python as the same classes)."""
    if details.get("kind") == "refused":
        return RefusalError(details)
    return AttestaError(details)

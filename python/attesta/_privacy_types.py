"""The JSON shapes of ``attesta.redact`` and ``attesta.monitoring_export``, as ``TypedDict``s.

They mirror ``redact-options.json``, ``monitoring-attributes.json``, ``monitoring-options.json``
and ``monitoring-report.json`` at every depth, and ``redaction.json`` at the top level (its
``record`` is a competence record); ``tests/test_privacy.py`` checks every key, type and
literal against the committed schemas.
"""

from __future__ import annotations

from typing import Any, Literal, TypeAlias, TypedDict

__all__ = [
    "AgeBand",
    "Breakdown",
    "Dimension",
    "MonitoringAttributesDict",
    "MonitoringOptionsDict",
    "MonitoringReportDict",
    "MonitoringRowDict",
    "MonitoringTableDict",
    "RedactOptionsDict",
    "RedactionDict",
    "ResidencePermit",
    "Sex",
]


class RedactOptionsDict(TypedDict, total=False):
    """What a redaction keeps (the birth year) or also drops (free texts)."""

    keep_birth_year: bool
    drop_free_text: bool


class RedactionDict(TypedDict):
    """A record without direct identifiers, and the JSON Pointers of what was removed."""

    record: dict[str, Any]
    removed: list[str]
    pseudonymised: bool


Sex: TypeAlias = Literal["female", "male"]
AgeBand: TypeAlias = Literal["under_18", "18_24", "25_34", "35_44", "45_54", "55_plus"]
ResidencePermit: TypeAlias = Literal[
    "protezione_internazionale",
    "protezione_speciale",
    "protezione_temporanea",
    "richiesta_asilo",
    "lavoro",
    "famiglia",
    "studio",
    "attesa_occupazione",
    "soggiornanti_lungo_periodo",
    "altro",
]
Dimension: TypeAlias = Literal["phase", "outcome", "figure", "unit", "learning_context"]
Breakdown: TypeAlias = Literal[
    "sex", "age_band", "country_group", "residence_permit", "project", "office"
]


class _MonitoringAttributesRequired(TypedDict):
    case_id: str


class MonitoringAttributesDict(_MonitoringAttributesRequired, total=False):
    """One case's monitoring attributes, kept apart from the record (all optional)."""

    sex: Sex
    age_band: AgeBand
    country_group: str
    residence_permit: ResidencePermit
    project: str
    office: str


class MonitoringOptionsDict(TypedDict, total=False):
    """The suppression threshold and the breakdowns of the monitoring export."""

    k: int
    breakdowns: list[Breakdown]


class _MonitoringRowRequired(TypedDict):
    value: str
    total: int | None


class MonitoringRowDict(_MonitoringRowRequired, total=False):
    """One row of a table; a hidden count is ``None``."""

    cells: list[int | None]


class _MonitoringTableRequired(TypedDict):
    dimension: Dimension
    rows: list[MonitoringRowDict]
    hidden: int


class MonitoringTableDict(_MonitoringTableRequired, total=False):
    """Counts by one dimension, optionally broken down by one attribute."""

    breakdown: Breakdown
    columns: list[str]
    column_totals: list[int | None]
    total: int | None


class _MonitoringReportRequired(TypedDict):
    k: int
    attributes_without_case: int
    tables: list[MonitoringTableDict]


class MonitoringReportDict(_MonitoringReportRequired, total=False):
    """The funder's tables (``MonitoringReport.to_dict()``)."""

    cases: int | None
    cases_without_attributes: int | None

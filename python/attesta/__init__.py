"""Attesta: validation of competence records for the Italian IVC procedure.

A thin layer over the Rust library: the same reports, codes and error kinds as the Rust API
and the ``attesta`` command line. The module-level functions use a validator with the default
options; build an ``attesta.Validator(**options)`` for others (a reference date, strict mode,
limits) and reuse it. ``attesta.Frameworks`` loads repertoires (bundles, JSON, overlays) for
lookup, search, gap analysis and matching to ESCO occupations (``Frameworks.match``);
``attesta.import_framework`` turns official source files into bundles; ``attesta.Case`` runs
the IVC procedure over them; ``attesta.export_credential``, ``sign_credential`` and
``verify_credential`` carry its documents out as Open Badges 3.0, Europass ELM or Libretto
records with Ed25519 proofs. ``attesta.findings_table``, ``coverage_table``, ``matches_table``
and ``units_table`` turn results into Arrow tables (the optional extra ``attesta[arrow]``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from os import PathLike
from typing import Any

from attesta._attesta import (
    SCHEMA_NAMES,
    Case,
    DocumentChecker,
    Finding,
    Frameworks,
    MonitoringReport,
    Report,
    ReportIterator,
    Validator,
    __version__,
    bundle_info,
    export_credential,
    import_framework,
    monitoring_export,
    redact,
    render_html,
    schema,
    sign_credential,
    verify,
    verify_credential,
)
from attesta._data_types import (
    BundleInfoDict,
    BundleKind,
    CaseStateDict,
    CaseViewDict,
    CodeAliasDict,
    FrameworkDict,
    FrameworkLinkDict,
    ImportMode,
    ImportProblemDict,
    ImportReportDict,
    MatchOptionsDict,
    OccupationMatchDict,
    ProblemSeverity,
    ProfileMatchesDict,
    QualificationDict,
    SkillProfileDict,
    UnitDict,
)
from attesta._errors import AttestaError, RefusalError, ValidationError
from attesta._privacy_types import (
    MonitoringAttributesDict,
    MonitoringOptionsDict,
    MonitoringReportDict,
    MonitoringRowDict,
    MonitoringTableDict,
    RedactionDict,
    RedactOptionsDict,
)
from attesta._tables import coverage_table, findings_table, matches_table, units_table
from attesta._types import (
    CodeLookupDict,
    CrossLinkDict,
    ErrorDetailsDict,
    FindingDict,
    FrameworkRefDict,
    GapReportDict,
    GapSummaryDict,
    ItemDict,
    LinkedOccupationDict,
    NodeLookupDict,
    QualificationLookupDict,
    RegulatedProfessionDict,
    ReportDict,
    SearchHitDict,
    SectorDict,
    Severity,
    ToCoverDict,
    UnitGapDict,
    UnitLookupDict,
    UnitStatus,
    UnitSummaryDict,
    ValidationOptionsDict,
)

__all__ = [
    "AttestaError",
    "BundleInfoDict",
    "BundleKind",
    "Case",
    "CaseStateDict",
    "CaseViewDict",
    "CodeAliasDict",
    "CodeLookupDict",
    "CrossLinkDict",
    "DocumentChecker",
    "ErrorDetailsDict",
    "Finding",
    "FindingDict",
    "FrameworkDict",
    "FrameworkLinkDict",
    "FrameworkRefDict",
    "Frameworks",
    "GapReportDict",
    "GapSummaryDict",
    "ImportMode",
    "ImportProblemDict",
    "ImportReportDict",
    "ItemDict",
    "LinkedOccupationDict",
    "MatchOptionsDict",
    "MonitoringAttributesDict",
    "MonitoringOptionsDict",
    "MonitoringReport",
    "MonitoringReportDict",
    "MonitoringRowDict",
    "MonitoringTableDict",
    "NodeLookupDict",
    "OccupationMatchDict",
    "ProblemSeverity",
    "ProfileMatchesDict",
    "QualificationDict",
    "QualificationLookupDict",
    "Record",
    "RedactOptionsDict",
    "RedactionDict",
    "RefusalError",
    "RegulatedProfessionDict",
    "Report",
    "ReportDict",
    "ReportIterator",
    "SCHEMA_NAMES",
    "SearchHitDict",
    "SectorDict",
    "Severity",
    "SkillProfileDict",
    "ToCoverDict",
    "UnitDict",
    "UnitGapDict",
    "UnitLookupDict",
    "UnitStatus",
    "UnitSummaryDict",
    "ValidationError",
    "ValidationOptionsDict",
    "Validator",
    "__version__",
    "bundle_info",
    "check",
    "check_document",
    "coverage_table",
    "export_credential",
    "findings_table",
    "import_framework",
    "is_valid",
    "matches_table",
    "monitoring_export",
    "redact",
    "render_html",
    "schema",
    "sign_credential",
    "units_table",
    "validate",
    "validate_file",
    "validate_jsonl",
    "validate_many",
    "verify",
    "verify_credential",
]

Record = dict[str, Any] | str | bytes | bytearray
"""A competence record: a dict, or its JSON text as str or bytes."""

_DEFAULT = Validator()
_DEFAULT_CHECKER = DocumentChecker()


def validate(record: Record) -> Report:
    """Validates a record with the default options; raises ``AttestaError`` when it cannot be
    evaluated. A dict is validated as its JSON text (``json.dumps``) would be, limits
    included; values JSON cannot hold raise ``TypeError`` (``ValueError`` for NaN, infinity
    and lone surrogates)."""
    return _DEFAULT.validate(record)


def is_valid(record: Record) -> bool:
    """Whether a record is valid with the default options (``False`` also when it cannot be
    evaluated)."""
    return _DEFAULT.is_valid(record)


def check(record: Record) -> Report:
    """Validates a record and returns the report when valid; raises ``ValidationError``
    (carrying the report) when invalid and ``AttestaError`` when it cannot be evaluated."""
    return _DEFAULT.check(record)


def validate_file(path: str | PathLike[str]) -> Report:
    """Validates the record in a file (read within the size limit, 16 MiB by default)."""
    return _DEFAULT.validate_file(path)


def validate_many(records: Iterable[Record]) -> Iterator[Report | AttestaError]:
    """Validates many records on all cores; yields, in order, a ``Report`` or, for a record
    that cannot be evaluated, an ``AttestaError`` (not raised). A value that is not a record
    (wrong type) raises ``TypeError`` at its position. ``records`` is read ahead by up to two
    chunks of 1024 records, which are validated in the background (the GIL released)."""
    return _DEFAULT.validate_many(records)


def validate_jsonl(path: str | PathLike[str]) -> Iterator[Report | AttestaError]:
    """Validates a JSON Lines file, one record a line (a blank line is malformed JSON), streamed
    on all cores with flat memory; yields as ``validate_many`` does, one item a line."""
    return _DEFAULT.validate_jsonl(path)


def check_document(document: Record) -> Report:
    """Checks a Documento di trasparenza / di validazione / Certificato made by another system
    for the content art. 6 D.Lgs. 13/2013 requires, with the default options; raises
    ``AttestaError`` when it cannot be evaluated (e.g. an unknown ``document_type``)."""
    return _DEFAULT_CHECKER.check(document)

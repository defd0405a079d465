"""The native module of Attesta (Rust, pyo3). Use it through the ``attesta`` package."""

from collections.abc import Iterable, Iterator
from datetime import date
from os import PathLike
from typing import Any, Literal, final

from attesta._data_types import (
    BundleInfoDict,
    CaseStateDict,
    CaseViewDict,
    FrameworkDict,
    ImportMode,
    ImportReportDict,
    ProfileMatchesDict,
)
from attesta._errors import AttestaError
from attesta._privacy_types import (
    Breakdown,
    MonitoringAttributesDict,
    MonitoringReportDict,
    RedactionDict,
)
from attesta._types import (
    FindingDict,
    GapReportDict,
    NodeLookupDict,
    ReportDict,
    SearchHitDict,
    ValidationOptionsDict,
)

__all__ = [
    "SCHEMA_NAMES",
    "Case",
    "DocumentChecker",
    "Finding",
    "Frameworks",
    "MonitoringReport",
    "Report",
    "ReportIterator",
    "Validator",
    "__version__",
    "bundle_info",
    "import_framework",
    "export_credential",
    "monitoring_export",
    "redact",
    "render_html",
    "schema",
    "sign_credential",
    "verify",
    "verify_credential",
]

__version__: str
SCHEMA_NAMES: tuple[str, ...]

_Record = dict[str, Any] | str | bytes | bytearray
_Source = str | PathLike[str] | bytes | dict[str, Any]
_NodeRef = str | dict[str, Any]
_Events = str | bytes | Iterable[dict[str, Any]]

def schema(name: str) -> dict[str, Any]:
    """The JSON Schema called ``name`` (one of ``SCHEMA_NAMES``); ``ValueError`` otherwise."""
@final
class Finding:
    """One thing found wrong (or worth noting) in a record."""

    @property
    def code(self) -> str: ...
    @property
    def severity(self) -> Literal["info", "warning", "error"]: ...
    @property
    def path(self) -> list[str | int]: ...
    @property
    def pointer(self) -> str: ...
    @property
    def message(self) -> str: ...
    @property
    def context(self) -> dict[str, Any]: ...
    def to_dict(self) -> FindingDict: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...

@final
class Report:
    """The outcome of validating one record."""

    @property
    def valid(self) -> bool: ...
    @property
    def findings(self) -> list[Finding]: ...
    @property
    def findings_omitted(self) -> int: ...
    def to_dict(self) -> ReportDict: ...
    def to_json(self, *, indent: int | None = None) -> str: ...
    def localized(self, locale: str) -> dict[str, Any]: ...
    @staticmethod
    def from_json(text: str) -> Report: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __ne__(self, value: object, /) -> bool: ...

@final
class ReportIterator(Iterator[Report | AttestaError]):
    """Yields, in input order, a ``Report`` or an ``AttestaError`` for each record."""

    def __iter__(self) -> ReportIterator: ...
    def __next__(self) -> Report | AttestaError: ...

@final
class Validator:
    """A reusable validator over the built-in frameworks."""

    def __new__(
        cls,
        *,
        frameworks: Frameworks | None = ...,
        strict: bool = ...,
        max_size: int = ...,
        max_depth: int = ...,
        reference_date: str | date | None = ...,
        max_findings: int = ...,
        max_item_size: int = ...,
    ) -> Validator: ...
    @property
    def frameworks(self) -> Frameworks | None: ...
    @property
    def options(self) -> ValidationOptionsDict: ...
    def validate(self, record: _Record) -> Report: ...
    def is_valid(self, record: _Record) -> bool: ...
    def check(self, record: _Record) -> Report: ...
    def validate_file(self, path: str | PathLike[str]) -> Report: ...
    def validate_many(self, records: Iterable[_Record]) -> ReportIterator: ...
    def validate_jsonl(self, path: str | PathLike[str]) -> ReportIterator: ...
    def __getnewargs_ex__(self) -> tuple[tuple[()], dict[str, Any]]: ...

@final
class DocumentChecker:
    """A reusable checker of documents made elsewhere (art. 6 D.Lgs. 13/2013)."""

    def __new__(
        cls,
        *,
        strict: bool = ...,
        max_size: int = ...,
        max_depth: int = ...,
        reference_date: str | date | None = ...,
        max_findings: int = ...,
        max_item_size: int = ...,
    ) -> DocumentChecker: ...
    @property
    def options(self) -> ValidationOptionsDict: ...
    def check(self, document: _Record) -> Report: ...
    def __getnewargs_ex__(self) -> tuple[tuple[()], ValidationOptionsDict]: ...

@final
class Frameworks:
    """The frameworks loaded together: the built-in sample and the sources given."""

    def __new__(
        cls, sources: Iterable[_Source] | None = None, *, builtin: bool = True
    ) -> Frameworks: ...
    @staticmethod
    def load(sources: Iterable[_Source] | None = None, *, builtin: bool = True) -> Frameworks: ...
    def ids(self) -> list[str]: ...
    def framework(self, id: str) -> FrameworkDict: ...
    def notices(self) -> list[str]: ...
    def validator(
        self,
        *,
        strict: bool = ...,
        max_size: int = ...,
        max_depth: int = ...,
        reference_date: str | date | None = ...,
        max_findings: int = ...,
        max_item_size: int = ...,
    ) -> Validator: ...
    def lookup(self, reference: _NodeRef, *, locale: str | None = None) -> NodeLookupDict: ...
    def search(
        self,
        text: str,
        *,
        limit: int = ...,
        min_score: float = ...,
        schemes: list[str] = ...,
        node_types: list[str] = ...,
        label_kinds: list[str] = ...,
        languages: list[str] = ...,
        query_language: str | None = ...,
        locale: str | None = None,
    ) -> list[SearchHitDict]: ...
    def gap(
        self,
        record: _Record,
        target: _NodeRef,
        *,
        validated: Iterable[_NodeRef] | None = None,
        locale: str | None = None,
    ) -> GapReportDict: ...
    def match(
        self,
        profile: _Record,
        *,
        language: str | None = None,
        cefr_min_level: str | None = None,
        limit: int = ...,
        min_score: float = ...,
        explain: bool = ...,
    ) -> ProfileMatchesDict: ...
    def match_many(
        self,
        profiles: Iterable[_Record],
        *,
        language: str | None = None,
        cefr_min_level: str | None = None,
        limit: int = ...,
        min_score: float = ...,
        explain: bool = ...,
    ) -> list[ProfileMatchesDict]: ...
    def __getnewargs_ex__(self) -> tuple[tuple[list[str | bytes]], dict[str, Any]]: ...

@final
class Case:
    """An IVC case: its event log and the state replayed from it."""

    @staticmethod
    def open(frameworks: Frameworks, at: str, actor: str, action: _Record) -> Case: ...
    @staticmethod
    def continue_from(
        frameworks: Frameworks, earlier: Case, at: str, actor: str, action: _Record
    ) -> Case: ...
    @staticmethod
    def from_events(frameworks: Frameworks, events: _Events) -> Case: ...
    def act(self, at: str, actor: str, action: _Record) -> dict[str, Any]: ...
    @property
    def events(self) -> list[dict[str, Any]]: ...
    @property
    def state(self) -> CaseStateDict: ...
    def view(self) -> CaseViewDict: ...
    def documents(self) -> list[dict[str, Any]]: ...
    def to_jsonl(self, *, since: _Record | None = None) -> str: ...
    def events_since(self, head: _Record) -> list[dict[str, Any]]: ...
    def append(
        self, events: _Events, *, trusted_key: str | None = None
    ) -> list[dict[str, Any]]: ...
    def sign_pending(self, key_pem: str) -> dict[str, Any] | None: ...

def verify(events: _Events, *, head: _Record | None = None, trusted_key: str | None = None) -> None:
    """Checks a case log; raises ``AttestaError`` (kind ``log_integrity``) when broken."""

def render_html(
    document: _Record, *, second_language: str | None = ..., redact_personal_data: bool = ...
) -> str:
    """Prints a document as a standalone HTML page."""

def import_framework(
    kind: Literal["esco", "rrfp-toscana", "rrfp_toscana", "calabria", "cp2021", "anpal"],
    folder: str | PathLike[str],
    out: str | PathLike[str],
    *,
    mode: ImportMode = "standard",
    source_version: str | None = None,
    languages: list[str] | None = None,
) -> ImportReportDict:
    """Imports official source files into an ``.attb`` bundle (``attesta framework import``)."""

def bundle_info(path: str | PathLike[str]) -> BundleInfoDict:
    """What an ``.attb`` bundle holds (``attesta framework info``)."""

def export_credential(
    document: _Record,
    frameworks: Frameworks | None = None,
    *,
    format: Literal["ob3", "elm", "libretto"] = ...,
    units: list[str] = ...,
    issuer_id: str | None = ...,
    subject_id: str | None = ...,
    include_personal_data: bool = ...,
) -> list[dict[str, Any]]:
    """Exports a Documento di validazione or Certificato as Open Badges 3.0, ELM or Libretto."""

def sign_credential(
    credential: _Record,
    key: str | bytes | dict[str, Any],
    *,
    cryptosuite: Literal["eddsa-rdfc-2022", "eddsa-jcs-2022"] = ...,
    verification_method: str | None = ...,
    created: str | None = ...,
) -> dict[str, Any]:
    """Adds an Ed25519 Data Integrity proof with the host's key."""

def verify_credential(
    credential: _Record, key: str | bytes | dict[str, Any] | None = None
) -> dict[str, Any]:
    """Verifies a credential's Data Integrity proof (schema ``credential-verification``)."""

def redact(
    record: _Record,
    *,
    pseudonym_key: bytes | None = None,
    keep_birth_year: bool = ...,
    drop_free_text: bool = ...,
) -> RedactionDict:
    """The record without direct identifiers, and the JSON Pointers of what was removed."""
@final
class MonitoringReport:
    """The funder's monitoring export: case counts with small cells hidden."""

    def to_dict(self) -> MonitoringReportDict: ...
    def to_csv(self) -> str: ...
    def to_svg(self) -> str: ...

def monitoring_export(
    cases: Iterable[Case | CaseStateDict | str | bytes],
    attributes: Iterable[MonitoringAttributesDict | str | bytes] | None = None,
    *,
    k: int = ...,
    breakdowns: list[Breakdown] = ...,
) -> MonitoringReport:
    """Counts cases by phase, outcome, figure, UC and learning context for the funder."""

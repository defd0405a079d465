"""The native module of Attesta (Rust, pyo3). Use it through the ``attesta`` package."""

from collections.abc import Iterable, Iterator
from datetime import date
from os import PathLike
from typing import Any, Literal, final

from attesta._errors import AttestaError
from attesta._types import FindingDict, ReportDict, ValidationOptionsDict

__all__ = [
    "SCHEMA_NAMES",
    "DocumentChecker",
    "Finding",
    "Report",
    "ReportIterator",
    "Validator",
    "__version__",
    "schema",
]

__version__: str
SCHEMA_NAMES: tuple[str, ...]

_Record = dict[str, Any] | str | bytes | bytearray

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
        strict: bool = ...,
        max_size: int = ...,
        max_depth: int = ...,
        reference_date: str | date | None = ...,
        max_findings: int = ...,
        max_item_size: int = ...,
    ) -> Validator: ...
    @property
    def options(self) -> ValidationOptionsDict: ...
    def validate(self, record: _Record) -> Report: ...
    def is_valid(self, record: _Record) -> bool: ...
    def check(self, record: _Record) -> Report: ...
    def validate_file(self, path: str | PathLike[str]) -> Report: ...
    def validate_many(self, records: Iterable[_Record]) -> ReportIterator: ...
    def validate_jsonl(self, path: str | PathLike[str]) -> ReportIterator: ...
    def __getnewargs_ex__(self) -> tuple[tuple[()], ValidationOptionsDict]: ...

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

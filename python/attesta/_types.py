"""The JSON shapes the functions return, as ``TypedDict``s.

They mirror the committed JSON Schemas (``data/schemas/report.json``, ``error.json``,
``validation-options.json``, and for the frameworks ``search-results.json``,
``node-lookup.json``, ``gap-report.json``); ``tests/test_schemas.py`` and
``tests/test_framework_types.py`` check every key, its type and whether it is required against
those files, so these types cannot drift from the JSON. An optional key is left out when it
has no value (never ``null``).
"""

from __future__ import annotations

from typing import Any, Literal, TypeAlias, TypedDict

__all__ = [
    "CodeLookupDict",
    "CrossLinkDict",
    "ErrorDetailsDict",
    "FindingDict",
    "FrameworkRefDict",
    "GapReportDict",
    "GapSummaryDict",
    "ItemDict",
    "LinkedOccupationDict",
    "NodeLookupDict",
    "QualificationLookupDict",
    "RegulatedProfessionDict",
    "ReportDict",
    "SearchHitDict",
    "SectorDict",
    "Severity",
    "ToCoverDict",
    "UnitGapDict",
    "UnitLookupDict",
    "UnitStatus",
    "UnitSummaryDict",
    "ValidationOptionsDict",
]

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
    fork: dict[str, Any]
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


# Frameworks: search, lookup and gap analysis.

NodeType: TypeAlias = Literal[
    "qualification", "unit", "capacita", "conoscenza", "occupation", "skill", "knowledge", "group"
]
"""The kind of framework node a search hit is."""

LabelKind: TypeAlias = Literal["pref", "alt"]
"""Whether a search matched a node's preferred or an alternative label."""

MappingRelation: TypeAlias = Literal["exact", "close", "broad", "narrow", "related"]
"""How a cross-walk relates two codes (SKOS mapping relations)."""

UnitStatus: TypeAlias = Literal["validated", "claimed", "partially_claimed", "missing"]
"""How far a person covers a UC in a gap report."""


class _FrameworkRefRequired(TypedDict):
    scheme: str
    code: str


class FrameworkRefDict(_FrameworkRefRequired, total=False):
    """A reference to a framework node (``scheme``, ``code``, the framework's ``version``)."""

    version: str


class _SearchHitRequired(TypedDict):
    node: FrameworkRefDict
    node_type: NodeType
    label: str
    matched_label_kind: LabelKind
    language: str
    score: float


class SearchHitDict(_SearchHitRequired, total=False):
    """One hit of ``Frameworks.search`` (``fallback``: the node lacks the asked ``locale``)."""

    fallback: bool


class ItemDict(TypedDict):
    """A capacità or a conoscenza of a UC."""

    code: str
    text: str


class SectorDict(TypedDict):
    """The sector of a qualification."""

    code: str
    title: str


class _RegulatedProfessionRequired(TypedDict):
    note: str


class RegulatedProfessionDict(_RegulatedProfessionRequired, total=False):
    """ESCO's note on an occupation being a regulated profession (``regulated`` absent when
    the note is only a text)."""

    regulated: bool


# `from` is a Python keyword: the functional syntax.
_CrossLinkRequired = TypedDict(
    "_CrossLinkRequired",
    {"from": FrameworkRefDict, "to": FrameworkRefDict, "relation": MappingRelation},
)


class CrossLinkDict(_CrossLinkRequired, total=False):
    """A cross-walk from one code to another (``from``, ``to``, ``relation``)."""

    basis: str
    to_title: str
    to_title_lang: str


class UnitSummaryDict(TypedDict):
    """A UC as a qualification's lookup lists it."""

    unit: FrameworkRefDict
    title: str
    title_lang: str
    atlante_ada: list[str]
    capacita_count: int
    conoscenze_count: int


class _QualificationLookupRequired(TypedDict):
    kind: Literal["qualification"]
    qualification: FrameworkRefDict
    title: str
    title_lang: str
    units: list[UnitSummaryDict]
    atlante_ada: list[str]
    cp2021: list[str]
    crosswalk: list[CrossLinkDict]


class QualificationLookupDict(_QualificationLookupRequired, total=False):
    """``Frameworks.lookup`` of a loaded qualification (figura professionale)."""

    complexity: str
    eqf_level: int
    locale: str
    sector: SectorDict


class _UnitLookupRequired(TypedDict):
    kind: Literal["unit"]
    unit: FrameworkRefDict
    title: str
    title_lang: str
    atlante_ada: list[str]
    capacita: list[ItemDict]
    conoscenze: list[ItemDict]
    qualifications: list[FrameworkRefDict]
    crosswalk: list[CrossLinkDict]


class UnitLookupDict(_UnitLookupRequired, total=False):
    """``Frameworks.lookup`` of a loaded UC."""

    locale: str


class _CodeLookupRequired(TypedDict):
    kind: Literal["code"]
    requested: FrameworkRefDict
    current: FrameworkRefDict
    was_alias: bool
    referenced_by: list[CrossLinkDict]


class CodeLookupDict(_CodeLookupRequired, total=False):
    """``Frameworks.lookup`` of any other code (ESCO, Atlante ADA, an old code...)."""

    title: str
    title_lang: str
    locale: str
    regulated_profession: RegulatedProfessionDict


NodeLookupDict: TypeAlias = QualificationLookupDict | UnitLookupDict | CodeLookupDict
"""What ``Frameworks.lookup`` returns, told apart by ``kind``."""


class GapSummaryDict(TypedDict):
    """Counts of a gap report's UCs by status."""

    units: int
    validated: int
    claimed: int
    partially_claimed: int
    missing: int


class ToCoverDict(TypedDict):
    """What is left to cover of a UC."""

    capacita: list[ItemDict]
    conoscenze: list[ItemDict]


class _UnitGapRequired(TypedDict):
    unit: FrameworkRefDict
    title: str
    title_lang: str
    status: UnitStatus
    has_evidence: bool


class UnitGapDict(_UnitGapRequired, total=False):
    """The coverage of one UC of a gap report's target."""

    claims: list[str]
    to_cover: ToCoverDict


class _LinkedOccupationRequired(TypedDict):
    occupation: FrameworkRefDict
    label: str
    label_lang: str


class LinkedOccupationDict(_LinkedOccupationRequired, total=False):
    """An ESCO occupation the target qualification is linked to."""

    regulated_profession: RegulatedProfessionDict


class _GapReportRequired(TypedDict):
    target: FrameworkRefDict
    title: str
    title_lang: str
    units: list[UnitGapDict]
    summary: GapSummaryDict


class GapReportDict(_GapReportRequired, total=False):
    """What ``Frameworks.gap`` returns."""

    eqf_level: int
    locale: str
    esco_occupations: list[LinkedOccupationDict]
    other_claims: list[str]
    other_validated: list[FrameworkRefDict]

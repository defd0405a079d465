"""The JSON shapes of matching, bundles, imports, repertoires and cases, as ``TypedDict``s.

Matching, bundles, imports and repertoires mirror ``skill-profile.json``,
``match-options.json``, ``occupation-matches.json``, ``bundle-info.json``,
``import-report.json`` and ``framework.json`` at every depth (``tests/test_data_types.py``
checks every key, type and literal). A case's view and state are large (the record, the
rules, every recorded step): their top-level keys are typed here and checked against
``case-view.json`` and ``case-state.json``, and their nested values are the JSON of those
schemas' definitions. An optional key is left out when it has no value (never ``null``).
"""

from __future__ import annotations

from typing import Any, Literal, TypeAlias, TypedDict

from attesta._types import (
    FrameworkRefDict,
    ItemDict,
    MappingRelation,
    RegulatedProfessionDict,
    SectorDict,
)

__all__ = [
    "BundleInfoDict",
    "BundleKind",
    "CaseStateDict",
    "CaseViewDict",
    "CodeAliasDict",
    "FrameworkDict",
    "FrameworkLinkDict",
    "ImportMode",
    "ImportProblemDict",
    "ImportReportDict",
    "MatchOptionsDict",
    "OccupationMatchDict",
    "ProblemSeverity",
    "ProfileMatchesDict",
    "QualificationDict",
    "SkillProfileDict",
    "UnitDict",
]


# Matching: schemas skill-profile, match-options, occupation-matches.


class SkillProfileDict(TypedDict):
    """A person's ESCO skills (``id`` is the caller's, not personal data)."""

    id: str
    skills: list[str]


class MatchOptionsDict(TypedDict, total=False):
    """The keyword options of ``Frameworks.match`` (every one has a default)."""

    limit: int
    min_score: float
    explain: bool


class _OccupationMatchRequired(TypedDict):
    occupation: FrameworkRefDict
    score: float
    essential_matched: int
    essential_total: int
    optional_matched: int
    optional_total: int


class OccupationMatchDict(_OccupationMatchRequired, total=False):
    """One ESCO occupation a profile fits: its weighted skill coverage and, with
    ``explain``, the essential skills matched and missing."""

    label: str
    regulated_profession: RegulatedProfessionDict
    matched_essential: list[str]
    missing_essential: list[str]


class _ProfileMatchesRequired(TypedDict):
    id: str
    matches: list[OccupationMatchDict]


class ProfileMatchesDict(_ProfileMatchesRequired, total=False):
    """What ``Frameworks.match`` returns: the occupations, best first, and the profile's
    skills that the ESCO version loaded does not know."""

    unknown_skills: list[str]


# Bundles and imports: schemas bundle-info, import-report.

BundleKind: TypeAlias = Literal["framework", "esco", "classification"]
"""What a bundle holds."""

ImportMode: TypeAlias = Literal["strict", "standard", "lenient"]
"""How an import treats problems: stop at any, stop at errors only, or load through all."""

ProblemSeverity: TypeAlias = Literal["warning", "error"]
"""A defect of the published files (``warning``) or a malformed row (``error``)."""


class BundleInfoDict(TypedDict):
    """What an ``.attb`` bundle holds (``bundle_info``); ``counts`` are ``[name, count]``."""

    kind: BundleKind
    format_version: int
    id: str
    version: str
    bytes: int
    checksum: str
    counts: list[tuple[str, int]]


class _ImportProblemRequired(TypedDict):
    file: str
    line: int
    reason: str


class ImportProblemDict(_ImportProblemRequired, total=False):
    """One problem of a source file (``line`` 0: the whole file)."""

    column: int
    severity: ProblemSeverity


class ImportReportDict(TypedDict):
    """What ``import_framework`` returns: the bundle written and every problem met."""

    bundle: BundleInfoDict
    mode: ImportMode
    warnings: int
    errors: int
    problems: list[ImportProblemDict]


# Repertoires: schema framework.


class _UnitRequired(TypedDict):
    code: str
    title: str


class UnitDict(_UnitRequired, total=False):
    """A UC (unità di competenza) of a repertoire."""

    description: str
    atlante_ada: list[str]
    capacita: list[ItemDict]
    conoscenze: list[ItemDict]
    attivita: list[ItemDict]


class _QualificationRequired(TypedDict):
    code: str
    title: str
    units: list[str]


class QualificationDict(_QualificationRequired, total=False):
    """A qualification (figura professionale): its UCs by code, in order."""

    description: str
    eqf_level: int
    complexity: str
    sector: SectorDict
    cp2021: list[str]
    ateco: list[str]
    reserved_activity: bool


# `from` is a Python keyword: the functional syntax.
_FrameworkLinkRequired = TypedDict(
    "_FrameworkLinkRequired",
    {"from": FrameworkRefDict, "to": FrameworkRefDict, "relation": MappingRelation},
)


class FrameworkLinkDict(_FrameworkLinkRequired, total=False):
    """A cross-walk a repertoire declares (``from``, ``to``, ``relation``)."""

    basis: str


class CodeAliasDict(TypedDict):
    """An old code of a scheme and the code that replaced it."""

    scheme: str
    alias: str
    current: str


class _FrameworkRequired(TypedDict):
    schema_version: str
    id: str
    title: str
    version: str
    publisher: str
    source: str


class FrameworkDict(_FrameworkRequired, total=False):
    """A repertoire as loaded (``Frameworks.framework(id)``)."""

    qualifications: list[QualificationDict]
    units: list[UnitDict]
    links: list[FrameworkLinkDict]
    aliases: list[CodeAliasDict]
    notes: list[str]


# Cases: schemas case-view and case-state (top level).


class _CaseStateRequired(TypedDict):
    case_id: str
    phase: str
    opened: dict[str, Any]
    head: dict[str, Any]
    last_at: str
    record: dict[str, Any]
    target_ref: FrameworkRefDict
    target: dict[str, Any]
    ente: dict[str, Any]
    operators: list[dict[str, Any]]
    config: dict[str, Any]
    eligibility: dict[str, Any]
    f1_operators: list[str]
    judgements: dict[str, Any]
    credits: list[dict[str, Any]]
    results: list[dict[str, Any]]
    decisions: dict[str, Any]
    findings: list[dict[str, Any]]


class CaseStateDict(_CaseStateRequired, total=False):
    """The state replayed from a case log (``Case.state``); the keys of later phases appear
    once the case has reached them."""

    frameworks: list[dict[str, Any]]
    profile: dict[str, Any]
    continues: dict[str, Any]
    session: dict[str, Any]
    referral: list[Any]
    adesione: dict[str, Any]
    domanda: dict[str, Any]
    plan: dict[str, Any]
    commission_exam: dict[str, Any]
    trasparenza: dict[str, Any]
    validazione: dict[str, Any]
    certificazione_requested: dict[str, Any]
    dossier: dict[str, Any]
    certificato: dict[str, Any]
    withdrawal: list[Any]


class CaseViewDict(TypedDict):
    """A case as ``attesta case show --json`` prints it (``Case.view()``): its state, the
    actions its phase allows, and the checks and coverage of its evidence."""

    state: CaseStateDict
    allowed_actions: list[str]
    evidence_findings: list[dict[str, Any]]
    sufficiency: list[dict[str, Any]]
    unit_checks: dict[str, Any]
    coverage: dict[str, Any]

"""check_document / DocumentChecker on the example documents of tests/documents/ (the same
files core/tests/documents_check.rs checks): the same answers as in Rust, whatever form the
document is passed in."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

import attesta
from conftest import ROOT

DOCUMENTS = sorted((ROOT / "tests" / "documents").glob("*.json"))
VALID = ["documento_trasparenza.json", "documento_validazione.json", "certificato.json"]


def test_the_three_valid_examples_pass_without_errors_or_warnings() -> None:
    for name in VALID:
        report = attesta.check_document((ROOT / "tests" / "documents" / name).read_text())
        assert report.valid, name
        assert all(f.severity == "info" for f in report.findings), name


def test_a_validation_listing_a_negative_uc_at_parte_prima_is_refused() -> None:
    report = attesta.check_document(
        (ROOT / "tests" / "documents" / "invalid_validazione_not_validated.json").read_bytes()
    )
    assert [(f.code, f.pointer) for f in report.findings] == [
        ("document.competence_not_validated", "/competences/1/assessment/outcome"),
        ("document.strength_too_low", "/strength"),
    ]
    context = report.findings[1].context
    assert (context["required"], context["found"]) == ("parte_seconda", "parte_prima")


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.name for p in DOCUMENTS])
def test_text_bytes_and_dict_give_the_same_report(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    report = attesta.check_document(text)
    assert attesta.check_document(text.encode()) == report
    assert attesta.check_document(json.loads(text)) == report
    # Another region's document is read leniently: unknown fields are only warnings.
    assert report.valid == (path.name in VALID or path.name.startswith("foreign_"))


def test_cannot_evaluate_is_an_attesta_error() -> None:
    for document, kind in [
        ('{"schema_version": "1.0"}', "unknown_document_type"),
        ('{"schema_version": "1.0", "document_type": "patente"}', "unknown_document_type"),
        (b"\xff{}", "malformed_json"),
        ("[]", "wrong_top_level_type"),
    ]:
        with pytest.raises(attesta.AttestaError) as raised:
            attesta.check_document(document)
        assert raised.value.kind == kind
    with pytest.raises(TypeError):
        attesta.check_document(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="'strct'"):
        attesta.DocumentChecker(strct=True)


def test_options_and_pickling() -> None:
    checker = attesta.DocumentChecker(strict=True, reference_date="2026-01-01")
    assert checker.options["strict"] is True
    clone = pickle.loads(pickle.dumps(checker))
    assert clone.options == checker.options
    document = (ROOT / "tests" / "documents" / "foreign_lombardia_old_ada.json").read_text()
    assert clone.check(document) == checker.check(document)
    # Another region's document has unknown fields, which are warnings: strict mode refuses it.
    assert any(f.severity == "warning" for f in checker.check(document).findings)
    assert not checker.check(document).valid

"""check_document / DocumentChecker on the documents of tests/documents/ (the files the Rust
tests check): the same answers as in Rust, whatever form the document is passed in.

The corpus is a folder per document (`<name>/input.json`, `expected.json`, optional
`options.json`, see tests/documents/README.md), replayed exactly; a flat `<name>.json` (the
corpus's older layout) is read too."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, fixture_options

import attesta

DOCS = ROOT / "tests" / "documents"
FOLDERS = sorted(p for p in DOCS.iterdir() if (p / "expected.json").exists())
DOCUMENTS = sorted([*DOCS.glob("*.json"), *(p / "input.json" for p in FOLDERS)])
VALID = ["documento_trasparenza", "documento_validazione", "certificato"]


def document(name: str) -> Path:
    """The input file of the document called `name`, in either layout."""
    folder = DOCS / name / "input.json"
    return folder if folder.exists() else DOCS / f"{name}.json"


def name_of(path: Path) -> str:
    return path.parent.name if path.name == "input.json" else path.stem


@pytest.mark.parametrize("case", FOLDERS, ids=[c.name for c in FOLDERS])
def test_the_corpus_gives_the_expected_answer(case: Path) -> None:
    options = fixture_options(case)
    try:
        got = attesta.DocumentChecker(**options).check((case / "input.json").read_bytes())
        answer: Any = got.to_dict()
    except attesta.AttestaError as error:
        answer = {"error": error.details}
    assert answer == json.loads((case / "expected.json").read_text(encoding="utf-8"))


def test_the_three_valid_examples_pass_without_errors_or_warnings() -> None:
    for name in VALID:
        report = attesta.check_document(document(name).read_text())
        assert report.valid, name
        assert all(f.severity == "info" for f in report.findings), name


def test_a_validation_listing_a_negative_uc_at_parte_prima_is_refused() -> None:
    report = attesta.check_document(document("invalid_validazione_not_validated").read_bytes())
    assert [(f.code, f.pointer) for f in report.findings] == [
        ("document.competence_not_validated", "/competences/1/assessment/outcome"),
        ("document.strength_too_low", "/strength"),
    ]
    context = report.findings[1].context
    assert (context["required"], context["found"]) == ("parte_seconda", "parte_prima")


@pytest.mark.parametrize("path", DOCUMENTS, ids=[name_of(p) for p in DOCUMENTS])
def test_text_bytes_and_dict_give_the_same_answer(path: Path) -> None:
    def answer(document: Any) -> Any:
        try:
            return attesta.check_document(document)
        except attesta.AttestaError as error:
            return error.kind

    raw = path.read_bytes()
    report = answer(raw)
    try:
        text = raw.decode("utf-8")
        as_dict = json.loads(text)
    except ValueError:
        return  # not JSON: bytes are the only form it has
    assert answer(text) == report
    if isinstance(report, attesta.Report) and isinstance(as_dict, dict):
        assert answer(as_dict) == report
        # Another region's document is read leniently: unknown fields are only warnings.
        name = name_of(path)
        if name in VALID or name.startswith("foreign_"):
            assert report.valid, name
        elif name.startswith("invalid_"):
            assert not report.valid, name


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
    foreign = document("foreign_lombardia_old_ada").read_text()
    assert clone.check(foreign) == checker.check(foreign)
    # Another region's document has unknown fields, which are warnings: strict mode refuses it.
    assert any(f.severity == "warning" for f in checker.check(foreign).findings)
    assert not checker.check(foreign).valid


RENDERED = sorted(p for p in FOLDERS if (p / "render.json").exists())


def test_the_corpus_has_pages_to_render() -> None:
    assert {"certificato", "documento_trasparenza"} <= {p.name for p in RENDERED}


@pytest.mark.parametrize("case", RENDERED, ids=[c.name for c in RENDERED])
def test_render_html_gives_the_expected_pages(case: Path) -> None:
    # tests/documents/README.md: each page of render.json, byte for byte, with its options.
    pages: dict[str, Any] = json.loads((case / "render.json").read_text(encoding="utf-8"))
    document = (case / "input.json").read_bytes()
    assert pages
    for page, options in pages.items():
        expected = (case / page).read_text(encoding="utf-8")
        assert attesta.render_html(document, **options) == expected, page

"""Findings and documents in the person's language: ``Report.localized(locale)`` and
``render_html(..., second_language=...)`` give what the Rust core gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import attesta

ROOT = Path(__file__).resolve().parents[2]
RECORD = json.loads((ROOT / "data/examples/record-with-findings.json").read_text())


def test_findings_in_italian_and_arabic_say_where_they_came_from() -> None:
    report = attesta.Validator(reference_date="2026-01-01").validate(RECORD)
    before = report.to_dict()
    italian = report.localized("it")
    assert italian["locale"] == "it" and italian["valid"] is False
    assert all(f["locale"] == "it" for f in italian["findings"])
    arabic = report.localized("ar-EG")
    assert arabic["locale"] == "ar" and arabic["rtl"] is True
    assert arabic["fallback_chain"] == ["ar", "en", "it"]
    assert {f["locale"] for f in arabic["findings"]} == {"ar", "en"}
    codes = [f["code"] for f in before["findings"]]
    assert [f["code"] for f in arabic["findings"]] == codes
    english = report.localized("en")
    assert [f["message"] for f in english["findings"]] == [f["message"] for f in before["findings"]]
    assert report.to_dict() == before


def test_an_unknown_locale_is_an_invalid_options_error() -> None:
    report = attesta.validate(RECORD)
    with pytest.raises(attesta.AttestaError) as raised:
        report.localized("tlh")
    assert raised.value.kind == "invalid_options"


def test_the_documento_di_trasparenza_prints_arabic_right_to_left() -> None:
    document = (ROOT / "tests/documents/documento_trasparenza/input.json").read_text()
    page = attesta.render_html(document, second_language="ar")
    expected = ROOT / "tests/documents/documento_trasparenza/expected.it-ar.html"
    assert page == expected.read_text()
    assert 'lang="ar" dir="rtl"' in page

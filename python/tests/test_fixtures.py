"""The shared fixture corpus (tests/fixtures/, see its README) replayed through the wheel: every
answer must be the JSON of expected.json exactly, reports and errors alike, as in Rust."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import attesta
from conftest import fixture_cases, fixture_options

CASES = fixture_cases()


def answer(case: Path, record: Any) -> dict[str, Any]:
    """What Attesta answers for the case, in the JSON form expected.json holds."""
    try:
        validator = attesta.Validator(**fixture_options(case))
        return validator.validate(record).to_dict()  # type: ignore[return-value]
    except attesta.AttestaError as error:
        return {"error": error.details}


def expected(case: Path) -> dict[str, Any]:
    result: dict[str, Any] = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    return result


def test_the_corpus_is_there() -> None:
    assert len(CASES) >= 30, "tests/fixtures holds at least 30 cases"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bytes_give_the_expected_answer(case: Path) -> None:
    assert answer(case, (case / "input.json").read_bytes()) == expected(case)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_text_gives_the_same_answer_as_bytes(case: Path) -> None:
    raw = (case / "input.json").read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        pytest.skip("input is not UTF-8: only bytes can carry it")
    assert answer(case, text) == expected(case)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_to_json_is_the_expected_json(case: Path) -> None:
    want = expected(case)
    if "error" in want:
        pytest.skip("an error case: no report")
    report = attesta.Validator(**fixture_options(case)).validate((case / "input.json").read_bytes())
    assert json.loads(report.to_json()) == want
    assert json.loads(report.to_json(indent=2)) == want
    assert attesta.Report.from_json(report.to_json()) == report


def _object_without_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key")
    return dict(pairs)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_dict_gives_the_same_report_as_its_text(case: Path) -> None:
    """A record passed as a dict is validated as its JSON text would be."""
    want = expected(case)
    options = fixture_options(case)
    if "error" in want or "max_item_size" in options or "max_size" in options:
        pytest.skip("errors carry text positions, and size limits count the text's bytes")
    try:
        record = json.loads(
            (case / "input.json").read_bytes(), object_pairs_hook=_object_without_duplicate_keys
        )
    except ValueError:
        pytest.skip("a dict cannot hold this input (repeated keys)")
    assert answer(case, record) == want

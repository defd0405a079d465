"""The shared fixture corpus (tests/fixtures/, see its README) replayed through the wheel: every
answer must be the JSON of expected.json exactly, reports and errors alike, as in Rust."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import fixture_cases, fixture_options

import attesta

CASES = fixture_cases()


def _is_error(case: Path) -> bool:
    return "error" in json.loads((case / "expected.json").read_text(encoding="utf-8"))


def _is_utf8(case: Path) -> bool:
    try:
        (case / "input.json").read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


REPORT_CASES = [c for c in CASES if not _is_error(c)]
UTF8_CASES = [c for c in CASES if _is_utf8(c)]


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


@pytest.mark.parametrize("case", UTF8_CASES, ids=[c.name for c in UTF8_CASES])
def test_text_gives_the_same_answer_as_bytes(case: Path) -> None:
    text = (case / "input.json").read_bytes().decode("utf-8")
    assert answer(case, text) == expected(case)


@pytest.mark.parametrize("case", REPORT_CASES, ids=[c.name for c in REPORT_CASES])
def test_to_json_is_the_expected_json(case: Path) -> None:
    want = expected(case)
    report = attesta.Validator(**fixture_options(case)).validate((case / "input.json").read_bytes())
    assert json.loads(report.to_json()) == want
    assert json.loads(report.to_json(indent=2)) == want
    assert attesta.Report.from_json(report.to_json()) == report


def _object_without_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key")
    return dict(pairs)


def _as_dict(case: Path) -> Any:
    """The case's input as a dict, or None when a dict cannot hold it (repeated keys)."""
    try:
        return json.loads(
            (case / "input.json").read_bytes(), object_pairs_hook=_object_without_duplicate_keys
        )
    except ValueError:
        return None


# Errors carry positions in the text, and size limits count the text's bytes (white space
# included), so those cases compare text with text only.
DICT_CASES = [
    c
    for c in REPORT_CASES
    if _as_dict(c) is not None and not {"max_size", "max_item_size"} & set(fixture_options(c))
]


@pytest.mark.parametrize("case", DICT_CASES, ids=[c.name for c in DICT_CASES])
def test_a_dict_gives_the_same_report_as_its_text(case: Path) -> None:
    """A record passed as a dict is validated as its JSON text would be."""
    assert answer(case, _as_dict(case)) == expected(case)


def test_most_report_cases_also_run_as_dicts() -> None:
    assert len(DICT_CASES) >= len(REPORT_CASES) - 3

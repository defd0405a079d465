"""validate_many and validate_jsonl: every record's answer, in order, as validate gives it."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import fixture_cases

import attesta

# The fixture inputs that are records (not errors), with their expected reports.
RECORDS = [
    (c / "input.json").read_bytes() for c in fixture_cases() if not (c / "options.json").exists()
]


def answers(items: Any) -> list[Any]:
    return [i.to_dict() if isinstance(i, attesta.Report) else ("error", i.details) for i in items]


def one_by_one(validator: attesta.Validator, records: list[Any]) -> list[Any]:
    out: list[Any] = []
    for record in records:
        try:
            out.append(validator.validate(record).to_dict())
        except attesta.AttestaError as error:
            out.append(("error", error.details))
    return out


def test_validate_many_gives_validates_answers_in_order() -> None:
    # Several chunks' worth (a chunk is 1024 records), records and errors mixed.
    records = RECORDS * 60
    assert len(records) > 3000
    validator = attesta.Validator(reference_date="2026-01-01")
    got = answers(validator.validate_many(iter(records)))
    assert got == one_by_one(validator, records)
    assert any(isinstance(a, tuple) for a in got) and any(isinstance(a, dict) for a in got)


def test_validate_many_takes_dicts_str_and_bytes() -> None:
    record = {"schema_version": "1.0", "id": "r", "person": {"id": "p"}}
    text = json.dumps(record)
    items = list(attesta.validate_many([record, text, text.encode(), "[]"]))
    assert [type(i).__name__ for i in items] == ["Report", "Report", "Report", "AttestaError"]
    assert items[0] == items[1] == items[2]
    assert list(attesta.validate_many([])) == []


def test_validate_many_raises_type_error_at_the_position_of_a_non_record() -> None:
    results = attesta.validate_many([b"{}", 42, b"[]"])
    assert isinstance(next(results), attesta.AttestaError)
    with pytest.raises(TypeError):
        next(results)
    assert isinstance(next(results), attesta.AttestaError)
    with pytest.raises(TypeError):
        attesta.validate_many(42)  # type: ignore[arg-type]


def test_validate_many_passes_on_the_iterators_error() -> None:
    def records() -> Any:
        yield b"{}"
        raise RuntimeError("source failed")

    results = attesta.validate_many(records())
    assert isinstance(next(results), attesta.AttestaError)
    with pytest.raises(RuntimeError, match="source failed"):
        next(results)
    assert list(results) == []


def test_validate_jsonl_gives_one_answer_per_line(tmp_path: Path) -> None:
    lines = [json.dumps(json.loads(r)).encode() for r in RECORDS if _is_json(r)] * 40
    lines.insert(5, b"")  # a blank line is malformed JSON, still one answer
    lines.insert(9, b'{"schema_version": "1.0", "id": "r", "person": {"id": "p"}}\r')
    path = tmp_path / "records.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    validator = attesta.Validator(reference_date="2026-01-01")
    got = answers(validator.validate_jsonl(path))
    want = one_by_one(validator, [line.rstrip(b"\r") for line in lines])
    assert got == want
    assert got[5][1]["kind"] == "malformed_json"
    assert got[9] == {"valid": True, "findings": []}


def test_validate_jsonl_refuses_only_the_lines_over_the_limit(tmp_path: Path) -> None:
    small = b'{"schema_version": "1.0", "id": "r", "person": {"id": "p"}}'
    path = tmp_path / "records.jsonl"
    path.write_bytes(small + b"\n" + b'{"x": "' + b"a" * 5000 + b'"}\n' + small)
    got = answers(attesta.Validator(max_size=1000).validate_jsonl(str(path)))
    assert len(got) == 3
    assert got[0] == got[2] == {"valid": True, "findings": []}
    assert got[1][1]["kind"] == "too_large"


def test_validate_jsonl_of_a_missing_file_fails_at_the_call(tmp_path: Path) -> None:
    with pytest.raises(attesta.AttestaError) as raised:
        attesta.validate_jsonl(tmp_path / "absent.jsonl")
    assert raised.value.kind == "io"


def _is_json(raw: bytes) -> bool:
    try:
        json.loads(raw)
    except ValueError:
        return False
    return True


def _rss_mib() -> float:
    """The process's resident memory now (Linux)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="needs Linux /proc")
def test_validate_jsonl_memory_stays_flat(tmp_path: Path) -> None:
    """200,000 invalid records (~0.5 KB of report each, ~100 MB if kept) stream through in the
    memory of one chunk."""
    line = json.dumps(
        {"schema_version": "1.0", "id": "r", "person": {"id": "p"}, "experiences": [{"id": "e"}]}
    )
    path = tmp_path / "many.jsonl"
    path.write_text((line + "\n") * 200_000)
    rss_early = 0.0
    count = 0
    for count, item in enumerate(attesta.validate_jsonl(path), 1):
        if count == 5_000:
            rss_early = _rss_mib()
        assert isinstance(item, attesta.Report) and not item.valid
    assert count == 200_000
    assert _rss_mib() - rss_early < 30, "memory grew with the number of records"


def test_validators_are_shared_by_threads() -> None:
    """The GIL is released while validating: threads share one validator and get the same
    answers as one thread."""
    from concurrent.futures import ThreadPoolExecutor

    validator = attesta.Validator(reference_date="2026-01-01")
    records = RECORDS * 20
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda r: one_by_one(validator, [r])[0], records))
    assert got == one_by_one(validator, records)


def test_an_abandoned_iterator_over_a_generator_is_collected() -> None:
    import gc
    import weakref

    class Records:
        def __iter__(self) -> Any:
            return self

        def __next__(self) -> bytes:
            return b"{}"

    source = Records()
    results = attesta.validate_many(source)
    next(results)
    source.results = results  # type: ignore[attr-defined]  # a cycle through the iterator
    alive = weakref.ref(source)
    del source, results
    gc.collect()
    assert alive() is None

"""A dict record gets the report of its json.dumps text, whatever the exact types inside it
(the writer takes the built-in types by their exact type and subclasses by a general path),
and validate_many reads str and bytes records (subclasses included) in place."""

from __future__ import annotations

import enum
import json
from collections import OrderedDict
from typing import Any

import attesta


class Kind(enum.IntEnum):
    WORK = 3


class Text(str):
    pass


class Number(float):
    pass


class Raw(bytes):
    pass


# Ids that differ only in characters JSON escapes: a wrong escape merges two of them (a
# duplicate-id finding), breaks the text (an AttestaError) or changes a finding.
TRICKY_IDS = ['e"1', "e\\1", "e\n1", "e\u00011", "e\u001f1", "e\t1", "é€𝄞1", "e/1", "e\u007f1"]


def record_with(experiences: list[Any], person: Any) -> dict[str, Any]:
    return {"schema_version": "1.0", "id": "r", "person": person, "experiences": experiences}


def test_escaped_strings_give_the_report_of_the_json_text() -> None:
    experiences = [
        {"id": i, "kind": "work", "context": "informale", "period": {"start": "2019-03"}}
        for i in TRICKY_IDS + TRICKY_IDS[:2]
    ]
    record = record_with(experiences, {"id": "p"})
    validator = attesta.Validator(reference_date="2026-01-01")
    by_dict = validator.validate(record)
    assert by_dict == validator.validate(json.dumps(record))
    assert by_dict == validator.validate(json.dumps(record, ensure_ascii=False))
    duplicates = [f for f in by_dict.findings if "duplicate" in f.code]
    assert len(duplicates) == 2, [f.code for f in by_dict.findings]


def test_subclasses_are_written_as_their_base_type() -> None:
    person = OrderedDict(
        id=Text("p"), x=[Kind.WORK, Number(0.5), True, None, (1, Text("t"))], y=-(10**30)
    )
    experience = OrderedDict(id=Text("e"), kind=Text("work"), context="informale")
    experience["period"] = {"start": "2019-03"}
    record = record_with([experience], person)
    assert attesta.validate(record) == attesta.validate(json.dumps(record))


def test_numbers_are_written_as_json_dumps_reads_them() -> None:
    for value in [0, -1, 2**63 - 1, -(2**63), 2**64, 10**40, 0.1, -0.0, 1e300, 5e-324, 1.5e16]:
        record = record_with([], {"id": "p", "x": value})
        assert attesta.validate(record) == attesta.validate(json.dumps(record)), value


def test_validate_many_reads_str_and_bytes_subclasses_in_place() -> None:
    record = record_with([], {"id": "p"})
    text = json.dumps(record)
    items = [Text(text), Raw(text.encode()), text, text.encode(), record, bytearray(b"[]")]
    validator = attesta.Validator(reference_date="2026-01-01")
    got = list(validator.validate_many(iter(items)))
    assert got[:5] == [validator.validate(text)] * 5
    assert isinstance(got[5], attesta.AttestaError)
    # A generator that drops every record as soon as it is handed over: the iterator keeps
    # them alive while they are validated.
    many = list(validator.validate_many(json.dumps(record) for _ in range(3000)))
    assert many == [validator.validate(text)] * 3000

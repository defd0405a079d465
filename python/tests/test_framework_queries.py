"""The framework query corpus (tests/frameworks/cases.json, see its README): search, lookup and
gap questions over the built-in frameworks, asked through ``attesta.Frameworks()``, give the
same JSON as the Rust core (which wrote the answers), the ``attesta`` command line
(core/tests/framework_queries.rs) and the npm package (wasm/test/queries.test.mjs)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import ROOT

import attesta

CASES = json.loads((ROOT / "tests" / "frameworks" / "cases.json").read_text(encoding="utf-8"))
FRAMEWORKS = attesta.Frameworks()


def answer(case: dict[str, Any]) -> Any:
    if "search" in case:
        search = case["search"]
        return FRAMEWORKS.search(search["query"], **search.get("options", {}))
    if "lookup" in case:
        return FRAMEWORKS.lookup(case["lookup"], locale=case.get("locale"))
    gap = case["gap"]
    record = (ROOT / gap["record_file"]).read_bytes() if "record_file" in gap else gap["record"]
    return FRAMEWORKS.gap(
        record, gap["target"], validated=gap.get("validated", []), locale=gap.get("locale")
    )


def test_the_corpus_asks_every_kind_of_question() -> None:
    kinds = {next(k for k in ("search", "lookup", "gap") if k in case) for case in CASES}
    assert kinds == {"search", "lookup", "gap"}
    assert any("error" in case for case in CASES)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_the_binding_gives_the_core_answer(case: dict[str, Any]) -> None:
    if "error" in case:
        with pytest.raises(attesta.AttestaError) as raised:
            answer(case)
        assert raised.value.details == case["error"]
    else:
        assert answer(case) == case["expected"]

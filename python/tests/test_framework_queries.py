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


def test_locale_asks_labels_in_a_language_and_the_answer_says_which() -> None:
    # The Tuscan repertoire is Italian only: asked in Arabic or English, its Italian titles,
    # each saying so.
    unit = FRAMEWORKS.lookup("rrfp_toscana.unit:1710", locale="ar")
    assert unit["locale"] == "ar"
    assert unit["title_lang"] == "it"
    assert "locale" not in FRAMEWORKS.lookup("rrfp_toscana.unit:1710")
    hit = FRAMEWORKS.search("preparazione piatti", locale="en", limit=1)[0]
    assert (hit["language"], hit.get("fallback")) == ("it", True)
    assert "fallback" not in FRAMEWORKS.search("preparazione piatti", locale="it", limit=1)[0]
    record = (ROOT / "data" / "examples" / "record-valid.json").read_bytes()
    report = FRAMEWORKS.gap(record, "rrfp_toscana.qualification:450", locale="ti")
    assert report["locale"] == "ti"
    assert {u["title_lang"] for u in report["units"]} == {"it"}
    with pytest.raises(attesta.AttestaError) as raised:
        FRAMEWORKS.search("cuoco", locale="it; en")
    assert raised.value.details["kind"] == "invalid_options"

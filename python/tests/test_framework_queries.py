"""The framework query corpus of tests/framework-queries/ (see its README): search, lookup and
gap questions over the built-in frameworks, asked through ``attesta.Frameworks()``, give the
same JSON as the ``attesta`` command line (its answers are the expected files, checked by
core/tests/framework_queries.rs)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

import attesta

QUERIES = ROOT / "tests" / "framework-queries"
CORPUS = sorted(p for p in QUERIES.iterdir() if (p / "query.json").exists())
FRAMEWORKS = attesta.Frameworks()
SEARCH_OPTIONS = ["limit", "schemes", "node_types", "languages"]


def answer(query: dict[str, Any]) -> Any:
    if "search" in query:
        options = {k: query[k] for k in SEARCH_OPTIONS if k in query}
        return FRAMEWORKS.search(query["search"], **options)
    if "lookup" in query:
        return FRAMEWORKS.lookup(query["lookup"])
    record = (ROOT / query["gap"]).read_bytes()
    return FRAMEWORKS.gap(record, query["target"], validated=query.get("validated", []))


def test_the_corpus_asks_every_kind_of_question() -> None:
    kinds = {next(iter(json.loads((c / "query.json").read_text()))) for c in CORPUS}
    assert kinds == {"search", "lookup", "gap"}


@pytest.mark.parametrize("case", CORPUS, ids=[c.name for c in CORPUS])
def test_the_binding_gives_the_cli_answer(case: Path) -> None:
    query = json.loads((case / "query.json").read_text(encoding="utf-8"))
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    assert answer(query) == expected

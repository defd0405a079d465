"""Shared helpers of the Python tests.

The tests run against the INSTALLED attesta wheel (scripts/python-test.sh runs pytest from a
temporary folder); this file only locates the repository's data files (fixtures, schemas,
README), through ATTESTA_ROOT or this file's place in the source tree.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(os.environ.get("ATTESTA_ROOT", Path(__file__).resolve().parents[2]))
FIXTURES = ROOT / "tests" / "fixtures"
SCHEMAS = ROOT / "data" / "schemas"
# The reference date every fixture case runs with unless its options.json says otherwise.
REFERENCE_DATE = "2026-01-01"


def fixture_cases() -> list[Path]:
    """Every case directory of tests/fixtures, sorted by name."""
    return sorted(p for p in FIXTURES.iterdir() if p.is_dir())


def fixture_options(case: Path) -> dict[str, Any]:
    """The case's options: the corpus default with options.json merged over it."""
    options: dict[str, Any] = {"reference_date": REFERENCE_DATE}
    extra = case / "options.json"
    if extra.exists():
        options.update(json.loads(extra.read_text(encoding="utf-8")))
    return options


def load_schema(name: str) -> dict[str, Any]:
    """A committed JSON Schema of data/schemas."""
    schema: dict[str, Any] = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
    return schema


@pytest.fixture
def root() -> Path:
    """The repository root."""
    return ROOT


def shared_data(name: str) -> Path | None:
    """A folder of the real data files (../shared/data/NAME beside the repository), or None
    when it is missing; under CI=true a missing folder fails the test instead, so CI cannot
    pass by skipping the real-data tests."""
    folder = ROOT.parent / "shared" / "data" / name
    if folder.is_dir():
        return folder
    if os.environ.get("CI") == "true":
        pytest.fail(f"the real data folder {folder} is missing (CI=true)")
    return None

"""python/examples/coverage.py runs as a user would run it (a small N, into a temporary
folder): it writes a PNG chart and prints a summary whose every count is checked against the
records it generates, recounted here independently of the gap analysis."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
from conftest import ROOT

import attesta

EXAMPLE = ROOT / "python" / "examples" / "coverage.py"
RECORDS = 120
SEED = 7


def load_example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("coverage_example", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_generator_is_deterministic_and_has_no_personal_data() -> None:
    example = load_example()
    units = example.units_of(attesta.Frameworks(), example.TARGET)
    assert len(units) >= 2
    first = example.synthetic_records(50, units, SEED)
    assert first == example.synthetic_records(50, units, SEED)
    assert first != example.synthetic_records(50, units, SEED + 1)
    assert all("personal" not in r["person"] for r in first)


def test_the_example_draws_a_png_and_prints_the_right_summary(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    out = tmp_path / "chart.png"
    done = subprocess.run(
        [sys.executable, str(EXAMPLE), "--records", str(RECORDS), "--seed", str(SEED)]
        + ["--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert out.stat().st_size > 1000

    # The expected summary, recounted from the generated records: a record is valid unless
    # its period was reversed; a UC answered `yes` is claimed, `partially` partially claimed,
    # and one not claimed missing.
    example = load_example()
    units = example.units_of(attesta.Frameworks(), example.TARGET)
    records = example.synthetic_records(RECORDS, units, SEED)
    valid = [r for r in records if attesta.is_valid(r)]
    reversed_periods = [
        r
        for r in records
        if r["experiences"][0]["period"]["start"] > r["experiences"][0]["period"]["end"]
    ]
    assert len(valid) == RECORDS - len(reversed_periods)
    assert reversed_periods, "the seed should give some invalid records"
    expected: dict[str, Counter[str]] = {u["code"]: Counter() for u in units}
    for record in valid:
        answers = {c["target"]["code"]: c["self_assessment"] for c in record["claims"]}
        for code, counts in expected.items():
            status = {"yes": "claimed", "partially": "partially_claimed"}.get(
                answers.get(code, ""), "missing"
            )
            counts[status] += 1

    lines = done.stdout.splitlines()
    assert lines[0] == (
        f"records: {RECORDS}  valid: {len(valid)}  invalid: {len(reversed_periods)}"
        "  not evaluated: 0"
    )
    printed = {}
    for line in lines[1:-1]:
        found = re.fullmatch(
            r"UC (\S+): validated (\d+)  claimed (\d+)  partially_claimed (\d+)  missing (\d+)",
            line,
        )
        assert found, line
        code, *counts = found.groups()
        printed[code] = [int(c) for c in counts]
    assert printed == {
        code: [c["validated"], c["claimed"], c["partially_claimed"], c["missing"]]
        for code, c in expected.items()
    }
    assert lines[-1] == f"chart: {out}"

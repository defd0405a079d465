"""python/examples/dask_partitioned.py on a LocalCluster of two worker processes: the
validator and frameworks reach the workers pickled, and the totals over the partitions equal
a single-process run and an independent count of the records written."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from conftest import ROOT

import attesta

EXAMPLE = ROOT / "python" / "examples" / "dask_partitioned.py"


def load_example() -> ModuleType:
    # Not registered in sys.modules, as a script is not importable by the workers either:
    # cloudpickle then ships its functions by value, as it does a script's `__main__`.
    spec = importlib.util.spec_from_file_location("dask_example", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def partitions(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return load_example().write_partitions(tmp_path_factory.mktemp("parts"), 4, 60, seed=5)


def recount(paths: list[Path]) -> dict[str, int]:
    """The outcomes, counted here with the module-level API, record by record."""
    counts = {"valid": 0, "invalid": 0}
    for path in paths:
        for line in path.read_text("utf-8").splitlines():
            counts["valid" if attesta.validate(line).valid else "invalid"] += 1
    return counts


def test_the_cluster_totals_equal_a_single_process_run(partitions: list[Path]) -> None:
    example = load_example()
    distributed = example.run_distributed(partitions, None)
    assert distributed == example.run_single(partitions)
    assert distributed["outcomes"] == recount(partitions)
    assert sum(distributed["outcomes"].values()) == 4 * 60
    # Some records are invalid on purpose, and every UC of figure 450 is counted for the
    # valid ones, one status each.
    assert 0 < distributed["outcomes"]["invalid"] < 4 * 60 * 0.2
    for statuses in distributed["units"].values():
        assert sum(statuses.values()) == distributed["outcomes"]["valid"]


def test_the_script_runs_as_a_user_runs_it(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(EXAMPLE), str(tmp_path / "data"), "--write", "2", "--records", "20"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    printed = json.loads(done.stdout)
    assert sum(printed["outcomes"].values()) == 40
    assert len(list((tmp_path / "data").glob("part-*.jsonl"))) == 2

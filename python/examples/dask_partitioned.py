"""Validation and gap analysis over a partitioned dataset with dask.distributed.

What a regional analyst might run over the records of every job centre: the dataset is a folder
of JSON Lines partitions (one file per centre and month, say); each partition is validated and,
for its valid records, the gap to figure 450 of the built-in Tuscan sample is computed, on a
cluster's workers. The ``Validator`` and ``Frameworks`` are built once here and shipped to the
workers pickled (``Client.scatter``): a pickled ``Frameworks`` carries its sources, so each
worker rebuilds the same frameworks without the whole set crossing the network.

The same code runs on a real cluster: give ``--scheduler tcp://HOST:8786`` instead of the local
cluster of two single-threaded worker processes it starts by default. With ``--write N`` it
first writes N partitions of synthetic records (fixed seed, made-up ids, no person's data;
about one in twenty invalid on purpose) into the folder.

    python dask_partitioned.py DATA_DIR --write 4 --records 200

It prints one JSON object: the record counts (valid, invalid, not evaluated) and, per UC of the
figure, how many valid records have it in each status. Needs dask and distributed.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path
from typing import Any

import attesta

TARGET = "rrfp_toscana.qualification:450"


def write_partitions(folder: Path, partitions: int, records: int, seed: int) -> list[Path]:
    """Writes ``partitions`` JSON Lines files of ``records`` synthetic records each."""
    units = [s["unit"] for s in attesta.Frameworks().lookup(TARGET)["units"]]
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for part in range(partitions):
        lines = []
        for number in range(records):
            end_year = rng.randint(2012, 2024)
            start_year = end_year - rng.randint(1, 8)
            if rng.random() < 0.05:
                # The period ends before it starts: the record is invalid.
                start_year, end_year = end_year, start_year
            claims = [
                {
                    "id": f"cl-{unit['code']}",
                    "target": unit,
                    "self_assessment": answer,
                    "experiences": ["exp-1"],
                }
                for unit in units
                if (answer := rng.choice(["yes", "partially", None])) is not None
            ]
            record_id = f"syn-{part:03d}-{number:06d}"
            record = {
                "schema_version": "1.0",
                "id": record_id,
                "person": {"id": f"p-{record_id}"},
                "experiences": [
                    {
                        "id": "exp-1",
                        "context": "informale",
                        "kind": "work",
                        "period": {"start": str(start_year), "end": str(end_year)},
                        "country": "IT",
                        "role": "Addetto alla movimentazione merci",
                        "tasks": ["Carico e scarico di merci pallettizzate"],
                    }
                ],
                "claims": claims,
            }
            lines.append(json.dumps(record, ensure_ascii=False))
        path = folder / f"part-{part:03d}.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def summarize(
    path: str, validator: attesta.Validator, frameworks: attesta.Frameworks
) -> dict[str, Any]:
    """The counts of one partition: outcomes, and statuses per UC of the valid records.

    Runs on a worker; returns plain dicts (what a scheduler moves cheaply). The records are
    read once: ``validate_jsonl`` streams the reports and the same lines are parsed for the
    gap analysis only when valid.
    """
    outcomes: Counter[str] = Counter()
    per_unit: dict[str, Counter[str]] = {}
    with open(path, encoding="utf-8") as lines:
        for line, report in zip(lines, validator.validate_jsonl(path), strict=True):
            if isinstance(report, attesta.AttestaError):
                outcomes["not_evaluated"] += 1
                continue
            if not report.valid:
                outcomes["invalid"] += 1
                continue
            outcomes["valid"] += 1
            for unit in frameworks.gap(line, TARGET)["units"]:
                per_unit.setdefault(unit["unit"]["code"], Counter())[unit["status"]] += 1
    return {"outcomes": dict(outcomes), "units": {k: dict(v) for k, v in per_unit.items()}}


def merge(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """Adds up the counts of the partitions (the order does not matter)."""
    outcomes: Counter[str] = Counter()
    units: dict[str, Counter[str]] = {}
    for part in parts:
        outcomes.update(part["outcomes"])
        for code, statuses in part["units"].items():
            units.setdefault(code, Counter()).update(statuses)
    return {
        "outcomes": dict(sorted(outcomes.items())),
        "units": {code: dict(sorted(units[code].items())) for code in sorted(units)},
    }


def run_distributed(paths: list[Path], scheduler: str | None) -> dict[str, Any]:
    """Summarizes every partition on the cluster's workers and merges the results."""
    from dask.distributed import Client, LocalCluster

    frameworks = attesta.Frameworks()
    validator = frameworks.validator()
    if scheduler is None:
        cluster = LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    else:
        cluster = None
        client = Client(scheduler)
    try:
        # Sent once to every worker, pickled; each task gets the worker's copy.
        shipped_validator = client.scatter(validator, broadcast=True)
        shipped_frameworks = client.scatter(frameworks, broadcast=True)
        futures = [
            client.submit(summarize, str(p), shipped_validator, shipped_frameworks, pure=False)
            for p in paths
        ]
        return merge(client.gather(futures))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_single(paths: list[Path]) -> dict[str, Any]:
    """The same computation in this process, partition after partition."""
    frameworks = attesta.Frameworks()
    validator = frameworks.validator()
    return merge([summarize(str(p), validator, frameworks) for p in paths])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="folder of *.jsonl partitions")
    parser.add_argument("--write", type=int, default=0, help="first write N partitions")
    parser.add_argument("--records", type=int, default=200, help="records per partition")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--scheduler", help="address of a running dask scheduler")
    args = parser.parse_args()
    if args.write:
        write_partitions(args.folder, args.write, args.records, args.seed)
    paths = sorted(args.folder.glob("*.jsonl"))
    if not paths:
        parser.error(f"no *.jsonl partitions in {args.folder}")
    print(json.dumps(run_distributed(paths, args.scheduler), indent=2))


if __name__ == "__main__":
    main()

"""Coverage of the UCs of a figure over a few thousand records, drawn as a bar chart.

What an analyst at a job centre might run over the records of a year: validate them all
(``attesta.validate_many``, on every core), compute for each valid record the gap to figure 450
of the built-in Tuscan sample (``attesta.Frameworks().gap``), count per UC how many records
claim it fully, partly or not at all, print that summary and save it as a stacked bar chart.

The records are synthetic: generated from a fixed seed, built from the UCs the built-in sample
lists for the figure, with made-up ids and no person's data. About one in twenty is made
invalid on purpose (an experience ending before it starts) to show that invalid records are
counted and left out of the coverage.

    python coverage.py --records 3000 --out coverage.png

Needs matplotlib (drawn with the Agg backend: no display).
"""

from __future__ import annotations

import argparse
import random
from collections import Counter
from pathlib import Path
from typing import Any

import attesta

TARGET = "rrfp_toscana.qualification:450"
STATUSES = ["validated", "claimed", "partially_claimed", "missing"]
COLOURS = {
    "validated": "#1b7837",
    "claimed": "#5aae61",
    "partially_claimed": "#fdb863",
    "missing": "#d9d9d9",
}


def units_of(frameworks: attesta.Frameworks, target: str) -> list[dict[str, Any]]:
    """The UCs of the target figure as the framework lists them (scheme, code, version)."""
    figure = frameworks.lookup(target)
    return [summary["unit"] for summary in figure["units"]]


def synthetic_records(count: int, units: list[dict[str, Any]], seed: int) -> list[dict[str, Any]]:
    """``count`` made-up records claiming random UCs of ``units``; the same for the same seed."""
    rng = random.Random(seed)
    records = []
    for number in range(count):
        end_year = rng.randint(2012, 2024)
        start_year = end_year - rng.randint(1, 8)
        broken = rng.random() < 0.05
        if broken:
            # The period ends before it starts: the record is invalid.
            start_year, end_year = end_year, start_year
        claims = []
        for unit in units:
            answer = rng.choices(["yes", "partially", None], weights=[3, 2, 4])[0]
            if answer is None:
                continue
            claims.append(
                {
                    "id": f"cl-{unit['code']}",
                    "target": unit,
                    "self_assessment": answer,
                    "experiences": ["exp-1"],
                }
            )
        records.append(
            {
                "schema_version": "1.0",
                "id": f"syn-{number:06d}",
                "person": {"id": f"p-syn-{number:06d}"},
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
        )
    return records


def coverage(
    records: list[dict[str, Any]], frameworks: attesta.Frameworks, target: str
) -> tuple[Counter[str], dict[str, Counter[str]], dict[str, str]]:
    """Validates the records and counts, per UC of ``target``, the statuses over valid ones.

    Returns the outcome counts (``valid``, ``invalid``, ``not_evaluated``), the status counts
    per UC code, and each UC's title.
    """
    outcomes: Counter[str] = Counter()
    per_unit: dict[str, Counter[str]] = {}
    titles: dict[str, str] = {}
    validator = frameworks.validator()
    for record, report in zip(records, validator.validate_many(records), strict=True):
        if isinstance(report, attesta.AttestaError):
            outcomes["not_evaluated"] += 1
            continue
        if not report.valid:
            outcomes["invalid"] += 1
            continue
        outcomes["valid"] += 1
        for unit in frameworks.gap(record, target)["units"]:
            code = unit["unit"]["code"]
            titles[code] = unit["title"]
            per_unit.setdefault(code, Counter())[unit["status"]] += 1
    return outcomes, per_unit, titles


def draw(per_unit: dict[str, Counter[str]], titles: dict[str, str], out: Path) -> None:
    """A horizontal stacked bar per UC: how many valid records have it in each status."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    codes = list(per_unit)
    labels = [f"UC {code}: {titles[code][:50]}" for code in codes]
    figure, axes = plt.subplots(figsize=(10, 1.6 + 0.6 * len(codes)))
    left = [0] * len(codes)
    for status in STATUSES:
        widths = [per_unit[code][status] for code in codes]
        axes.barh(labels, widths, left=left, color=COLOURS[status], label=status)
        left = [a + b for a, b in zip(left, widths, strict=True)]
    axes.invert_yaxis()
    axes.set_xlabel("valid records")
    axes.set_title(f"Coverage of the UCs of {TARGET}")
    # Below the axes, so that it never hides a bar.
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.6 / len(codes) - 0.1), ncol=4)
    figure.tight_layout()
    figure.savefig(out, format="png", dpi=100)
    plt.close(figure)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=3000, help="how many records")
    parser.add_argument("--seed", type=int, default=15, help="seed of the generator")
    parser.add_argument("--out", type=Path, default=Path("coverage.png"), help="PNG to write")
    args = parser.parse_args(argv)

    frameworks = attesta.Frameworks()
    records = synthetic_records(args.records, units_of(frameworks, TARGET), args.seed)
    outcomes, per_unit, titles = coverage(records, frameworks, TARGET)
    print(
        f"records: {len(records)}  valid: {outcomes['valid']}  invalid: {outcomes['invalid']}"
        f"  not evaluated: {outcomes['not_evaluated']}"
    )
    for code, counts in per_unit.items():
        print(f"UC {code}: " + "  ".join(f"{status} {counts[status]}" for status in STATUSES))
    draw(per_unit, titles, args.out)
    print(f"chart: {args.out}")


if __name__ == "__main__":
    main()

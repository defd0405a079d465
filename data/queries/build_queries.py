#!/usr/bin/env python3
"""Builds queries.json from queries.spec, resolving every expected node against the real data.

Usage: python3 data/queries/build_queries.py [SHARED_DATA_DIR]
(default: <repo>/../shared/data). Fails when a label or code is not found, or is ambiguous.
"""
import csv
import hashlib
import json
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
DATA = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[1] / ".." / "shared" / "data"


def rows(path):
    with open(DATA / path, encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


def pref_index(path):
    index = {}
    for r in rows(path):
        index.setdefault(r["preferredLabel"], []).append(r["conceptUri"])
    return index


occupations = pref_index("esco-v1.1.1-en/classification/occupations_en.csv")
skills = pref_index("esco-v1.1.1-en/classification/skills_en.csv")
cp = {r["cod_5"].strip(): r["nome_5"].strip() for r in rows("istat-cp2021/cp2021_level5_unita_professionali.csv")}
figures = {r["codice_figura"]: r["denominazione_figura"] for r in rows("toscana-rrfp/rrfp_figure.csv")}
ucs = {r["codice_uc"]: r["denominazione_ada"] for r in rows("toscana-rrfp/rrfp_figura_ada_uc.csv")}


def resolve(spec):
    kind, _, value = spec.partition(":")
    if kind in ("O", "S"):
        found = (occupations if kind == "O" else skills).get(value, [])
        if len(found) != 1:
            raise SystemExit(f"{spec!r}: {len(found)} matches")
        return {"scheme": "esco", "code": found[0], "label": value}
    table, scheme = {"C": (cp, "cp2021"), "F": (figures, "rrfp_toscana.qualification"),
                     "U": (ucs, "rrfp_toscana.unit")}[kind]
    if value not in table:
        raise SystemExit(f"{spec!r}: unknown code")
    return {"scheme": scheme, "code": value, "label": table[value]}


def split_of(query):
    """`tune` or `held_out`, from a hash of the query text: stable, and blind to the answers."""
    return "tune" if hashlib.sha256(query.encode("utf-8")).digest()[0] % 2 == 0 else "held_out"


queries = []
for line in (HERE / "queries.spec").read_text(encoding="utf-8").splitlines():
    if not line.strip() or line.startswith("#"):
        continue
    query, language, expected = (part.strip() for part in line.split("|"))
    queries.append({"query": query, "language": language, "split": split_of(query),
                    "expected": [resolve(e.strip()) for e in expected.split(";")]})
doc = {
    "description": "Job-centre operator queries with the nodes a label search should return "
                   "(ESCO v1.1.1 English labels, ISTAT CP2021 level-5 units, Tuscan RRFP figures). "
                   "Generated from queries.spec by build_queries.py; expected nodes resolved against the real files. "
                   "split: ranking is tuned on `tune` only; `held_out` (half the set, chosen by a hash of "
                   "the query text) measures it.",
    "queries": queries,
}
(HERE / "queries.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(f"{len(queries)} queries written")

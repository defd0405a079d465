#!/usr/bin/env python3
"""Python peers for bench/benches/frameworks.rs. Each subcommand prints one JSON object.

peers.py import DATA_DIR FILE...    pandas.read_csv of the ESCO CSV files Attesta imports (the
                                    bench names them: attesta_bench::floors::ESCO_FILES)
peers.py search LABELS QUERIES      rapidfuzz.process.extract over the same labels
peers.py match DATA_DIR PROFILES RUST_TOP10
                                    scipy.sparse product computing Attesta's matching score
"""

import json
import resource
import sys
import time


def peak_rss_kb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def cmd_import(data, *files):
    import pandas as pd

    base = f"{data}/esco-v1.1.1-en/"
    start = time.perf_counter()
    frames = [pd.read_csv(base + f, dtype=str, keep_default_na=False) for f in files]
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "rows": sum(len(f) for f in frames), "peak_rss_kb": peak_rss_kb()}


def cmd_search(labels_path, queries_path):
    from rapidfuzz import fuzz, process, utils

    nodes, labels = [], []
    with open(labels_path, encoding="utf-8") as f:
        for line in f:
            scheme, code, label = line.rstrip("\n").split("\t", 2)
            nodes.append((scheme, code))
            labels.append(label)
    queries = json.load(open(queries_path, encoding="utf-8"))["queries"]
    times, recall_sum = [], 0.0
    for q in queries:
        start = time.perf_counter()
        hits = process.extract(
            q["query"], labels, scorer=fuzz.WRatio, processor=utils.default_process, limit=50
        )
        times.append(time.perf_counter() - start)
        top, seen = [], set()
        for _, _, i in hits:
            if nodes[i] not in seen:
                seen.add(nodes[i])
                top.append(nodes[i])
        top = set(top[:10])
        exp = [(e["scheme"], e["code"]) for e in q["expected"]]
        recall_sum += sum(e in top for e in exp) / len(exp)
    times.sort()
    return {
        "p50_ms": times[len(times) // 2] * 1e3,
        "p99_ms": times[len(times) * 99 // 100] * 1e3,
        "recall_at_10": recall_sum / len(queries),
        "labels": len(labels),
    }


def cmd_match(data, profiles_path, rust_path):
    import numpy as np
    import pandas as pd
    import scipy.sparse as sp

    base = f"{data}/esco-v1.1.1-en/"

    def read(file):
        return pd.read_csv(base + file, dtype=str, keep_default_na=False)

    skills = sorted(read("classification/skills_en.csv")["conceptUri"])
    occs = sorted(read("classification/occupations_en.csv")["conceptUri"])
    rel = read("relations/occupationSkillRelations.csv")
    s_ix = {u: i for i, u in enumerate(skills)}
    o_ix = {u: i for i, u in enumerate(occs)}
    rel = rel[rel["occupationUri"].isin(o_ix) & rel["skillUri"].isin(s_ix)]
    weight = np.where(rel["relationType"] == "essential", 1.0, 0.25)
    # A skill listed both ways counts once, as essential: keep the largest weight per pair.
    pairs = pd.DataFrame(
        {"s": rel["skillUri"].map(s_ix), "o": rel["occupationUri"].map(o_ix), "w": weight}
    )
    pairs = pairs.groupby(["s", "o"], as_index=False)["w"].max()
    W = sp.csr_matrix((pairs["w"], (pairs["s"], pairs["o"])), shape=(len(skills), len(occs)))
    denom = np.asarray(W.sum(axis=0)).ravel()
    denom[denom == 0] = np.inf
    profiles = json.load(open(profiles_path, encoding="utf-8"))
    start = time.perf_counter()
    rows, cols = [], []
    for r, p in enumerate(profiles):
        ids = {s_ix[u] for u in p if u in s_ix}
        rows.extend([r] * len(ids))
        cols.extend(ids)
    P = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(profiles), len(skills)))
    top10 = []
    for a in range(0, len(profiles), 1000):
        S = (P[a : a + 1000] @ W).toarray() / denom
        idx = np.broadcast_to(np.arange(S.shape[1]), S.shape)
        order = np.lexsort((idx, -S), axis=1)[:, :10]
        for r in range(S.shape[0]):
            top10.append([occs[o] for o in order[r] if S[r, o] > 0])
    seconds = time.perf_counter() - start
    rust = json.load(open(rust_path, encoding="utf-8"))
    # Counted over the shorter list: a short answer shows as fewer identical profiles.
    identical = sum(a == b for a, b in zip(top10, rust, strict=False))
    return {"seconds": seconds, "identical_top10": identical, "profiles": len(profiles)}


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    result = {"import": cmd_import, "search": cmd_search, "match": cmd_match}[cmd](*args)
    print(json.dumps(result))

"""How each metric's time grows with the number of instructions (it should grow about linearly).

    .venv/bin/python scripts/benchmark_metrics.py [--sizes 250 500 1000 2000 4000 8000]

Runs every metric on growing random samples of the Alpaca 9K sample (uncached), prints the seconds
and the cost per record, and the log–log slope of time against size (1 means linear). Writes the
table to _build/benchmarks/metrics.csv. A benchmark, not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent


def metrics(seeds: list[str]):
    from sftsurvey.metrics import (
        complexity,
        embeddings,
        lengths,
        lexical,
        overlap,
        parsing,
        selection,
        structure,
    )

    vectors: dict = {}  # the embeddings of the current sample, reused by the diversity measures
    return {
        "word lengths": lambda t: lengths.word_counts(t),
        "MTLD (corpus)": lambda t: lexical.corpus_mtld(t),
        "distinct-2": lambda t: lexical.distinct_n(t, n=2),
        "ROUGE-L to nearest seed": lambda t: overlap.nearest_rouge_l(list(t), seeds),
        "MiniLM embeddings (numpy)": lambda t: vectors.__setitem__(
            "last", embeddings.embed(list(t))
        ),
        "Vendi score + mean cosine distance (on the embeddings)": lambda t: (
            selection.vendi_score(vectors["last"]),
            selection.mean_pairwise_cosine_distance(vectors["last"]),
        ),
        "spaCy parse + verb–noun + complexity": lambda t: (
            lambda docs: (structure.verb_nouns(docs), complexity.complexity(docs))
        )(parsing.parse(list(t))),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000, 2000, 4000, 8000])
    args = parser.parse_args()
    from sftsurvey import datasets

    pool = datasets.load("alpagasus/random_9k")["instruction"]
    seeds = datasets.load("self-instruct/seed_tasks")["instruction"].tolist()
    funcs = metrics(seeds)
    funcs["spaCy parse + verb–noun + complexity"](pool.head(10))  # load the model once
    rows = []
    for size in args.sizes:
        sample = pool.sample(min(size, len(pool)), random_state=0)
        for name, func in funcs.items():
            start = time.perf_counter()
            func(sample)
            seconds = time.perf_counter() - start
            rows.append(
                {
                    "metric": name,
                    "records": len(sample),
                    "seconds": seconds,
                    "ms_per_record": 1000 * seconds / len(sample),
                }
            )
            print(f"{name:40s} {len(sample):6d} records {seconds:8.3f} s", flush=True)
    table = pd.DataFrame(rows)
    print("\nGrowth (slope of log time against log records; 1 = linear):")
    for name, group in table.groupby("metric", sort=False):
        big = group[group["records"] >= 1000]
        slope = np.polyfit(np.log(big["records"]), np.log(big["seconds"]), 1)[0]
        per = group["ms_per_record"].iloc[-1]
        print(f"  {name:40s} slope {slope:5.2f}   {per:7.3f} ms per record at the largest size")
    out = ROOT / "_build" / "benchmarks"
    out.mkdir(parents=True, exist_ok=True)
    table.to_csv(out / "metrics.csv", index=False)
    print(f"\nwritten: {out / 'metrics.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

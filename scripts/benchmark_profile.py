"""Records per second and peak memory of ``python -m sftsurvey profile``, in-process and on Dask.

    nice .venv/bin/python scripts/benchmark_profile.py [--sizes 10000 100000 1000000]
                                                       [--heavy-sizes 10000 100000 1000000]
                                                       [--engines local dask]

Writes synthetic JSON Lines files (seeded random words, Zipf-distributed; half the records with an
input) under ``_build/benchmarks/``, then runs the command on each in a fresh process with an empty
``SFTSURVEY_CACHE`` (nothing cached), ``--no-compare``, and ``--measures cheap`` (lengths, exact
duplicates, ROUGE-L to the seeds, corpus MTLD and distinct-n on the 10,000-record sample) at every
size, and ``--measures all`` (adds near duplicates, the spaCy parse and the embeddings) at the
heavy sizes. Dask runs on a LocalCluster of two single-threaded worker processes. Peak memory is
the largest resident set of the command and any process it waited for (``wait4``'s
``ru_maxrss``: the larger of the client and each worker); CPU seconds are ``wait4``'s user and
system time of the same processes (less sensitive than wall seconds to others' load); the load
average is read before and after each run, and ``index MB`` is the near-duplicate index's size
from ``profile.json``. Prints a Markdown table (and writes ``_build/benchmarks/profile.csv``), the
log–log slope of seconds against records (1 = linear) and the per-record cost between successive
sizes (the difference of the CPU seconds over the difference of the records: the fixed start-up
cancels). A benchmark, not a test: timings depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "_build" / "benchmarks"


def synthetic(n: int, folder: Path, seed: int = 0) -> Path:
    """``n`` random instruction/input/output records as JSON Lines (written once, then reused)."""
    path = folder / f"synthetic-{n}.jsonl"
    if path.is_file():
        return path
    rng = np.random.default_rng(seed)
    vocabulary = np.array([f"w{i}" for i in range(20_000)])
    ranks = np.arange(1, len(vocabulary) + 1)
    zipf = (1 / ranks) / (1 / ranks).sum()
    tmp = path.with_suffix(".part")
    with open(tmp, "w", encoding="utf-8") as out:
        for start in range(0, n, 10_000):
            size = min(10_000, n - start)
            lengths = rng.integers([4, 0, 10], [30, 60, 120], size=(size, 3))
            lengths[rng.random(size) < 0.5, 1] = 0
            words = rng.choice(vocabulary, size=(size, lengths.max(initial=1)), p=zipf)
            for row, (a, b, c) in zip(words, lengths, strict=True):
                record = {
                    "instruction": "Please " + " ".join(row[:a]),
                    "input": " ".join(row[:b]),
                    "output": " ".join(row[-c:]),
                }
                out.write(json.dumps(record) + "\n")
    tmp.replace(path)
    return path


def run(path: Path, engine: str, measures: str) -> dict:
    """One profile in a fresh process: seconds and peak resident memory."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "SFTSURVEY_CACHE": str(Path(tmp) / "cache")}
        command = [
            sys.executable,
            "-m",
            "sftsurvey",
            "profile",
            str(path),
            "--no-compare",
            "--measures",
            measures,
            "--engine",
            engine,
            "--out",
            str(Path(tmp) / "out"),
        ]
        load_before = os.getloadavg()[0]
        started = time.perf_counter()
        log = Path(tmp) / "stderr.txt"  # a file, not a pipe: a full pipe would stall the run
        with open(log, "w") as stderr, open(os.devnull, "w") as stdout:
            process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=stdout, stderr=stderr)
            _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        if status != 0:
            raise SystemExit(f"{' '.join(command)} failed:\n{log.read_text()}")
        profile = json.loads((Path(tmp) / "out" / "profile.json").read_text())
    near = profile["sketches_and_samples"]["near duplicates"]
    return {
        "seconds": seconds,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "records": profile["records"],
        "peak_mb": usage.ru_maxrss / 1024,
        "index_mb": near["index_bytes"] / 1e6 if near else float("nan"),
        "load": f"{load_before:.1f}-{os.getloadavg()[0]:.1f}",
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--heavy-sizes", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--engines", nargs="+", default=["local", "dask"])
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    plan = [("cheap", n) for n in args.sizes] + [("all", n) for n in args.heavy_sizes]
    rows = []
    for measures, n in plan:
        path = synthetic(n, OUT)
        for engine in args.engines:
            result = run(path, engine, measures)
            row = {
                "measures": measures,
                "engine": engine,
                **result,
                "records_per_s": result["records"] / result["seconds"],
            }
            rows.append(row)
            print(
                f"{measures:5} {engine:5} {n:>9,} records: {row['seconds']:8.1f} s, "
                f"{row['records_per_s']:8,.0f} records/s, CPU {row['cpu_seconds']:8.1f} s, "
                f"peak {row['peak_mb']:6.0f} MB, index {row['index_mb']:.1f} MB, "
                f"load {row['load']}",
                flush=True,
            )
    table = pd.DataFrame(rows)
    table.to_csv(OUT / "profile.csv", index=False)
    print()
    print(
        "| measures | engine | records | seconds | records/s | CPU seconds | peak memory (MB) "
        "| load average |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---|")
    for row in rows:
        print(
            f"| {row['measures']} | {row['engine']} | {row['records']:,} | {row['seconds']:.1f} "
            f"| {row['records_per_s']:,.0f} | {row['cpu_seconds']:.1f} | {row['peak_mb']:.0f} "
            f"| {row['load']} |"
        )
    for (measures, engine), group in table.groupby(["measures", "engine"]):
        if len(group) > 1:
            group = group.sort_values("records")
            slope = np.polyfit(np.log(group["records"]), np.log(group["seconds"]), 1)[0]
            marginal = np.diff(group["cpu_seconds"]) / np.diff(group["records"]) * 1000
            print(
                f"{measures}/{engine}: log-log slope of seconds against records {slope:.2f}; "
                f"CPU ms per record between sizes {', '.join(f'{m:.2f}' for m in marginal)}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())

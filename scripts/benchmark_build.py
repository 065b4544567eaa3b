"""Time the book: a clean build (every notebook executed), each notebook, and a cached rebuild.

Usage: .venv/bin/python scripts/benchmark_build.py [--out DIR] [--no-op-only] [--runs N]
Prints one line per measurement, the slowest notebooks first; exits 1 when a notebook takes a
minute or more (the survey's budget per notebook), or when ``make book`` with nothing changed takes
more than 1.5 times a bare ``jupyter-book build`` of the same tree with nothing changed (what
``make book`` adds, the catalogue check and the cache fingerprint, must stay cheap). The no-op pair
runs in the project's own ``_build`` (brought up to date first); ``--no-op-only`` measures only it.
The numbers belong in the CHANGELOG when they move.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"


NOTEBOOK_BUDGET_SECONDS = 60.0
NO_OP_RATIO_BUDGET = 1.5
BARE_BUILD = [str(JUPYTER_BOOK), "build", ".", "--path-output", ".", "-W", "-n", "--keep-going"]
_EXECUTED = re.compile(r"^(?P<path>\S+?): Executed notebook in (?P<seconds>[0-9.]+) seconds", re.M)


def timed_build(out: Path) -> tuple[float, dict[str, float]]:
    """Seconds for one build, and myst-nb's execution time of each notebook it ran."""
    start = time.perf_counter()
    done = subprocess.run(
        [str(JUPYTER_BOOK), "build", str(ROOT), "--path-output", str(out), "-W", "-n"],
        check=True,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    log = done.stdout + done.stderr
    notebooks = {
        Path(m["path"]).relative_to(ROOT).as_posix(): float(m["seconds"])
        for m in _EXECUTED.finditer(log)
    }
    return seconds, notebooks


def seconds_of(command: list[str]) -> float:
    """Wall seconds of one run of ``command`` in the project folder (it must succeed)."""
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)
    return time.perf_counter() - start


def no_op_times(runs: int) -> tuple[float, float]:
    """The fastest of ``runs`` no-op ``make book`` and bare ``jupyter-book build`` runs
    (interleaved, so that a busy machine slows both alike), after one ``make book``."""
    subprocess.run(["make", "book"], cwd=ROOT, check=True, capture_output=True)
    make, bare = [], []
    for _ in range(runs):
        make.append(seconds_of(["make", "book"]))
        bare.append(seconds_of(BARE_BUILD))
    return min(make), min(bare)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="build folder (default: a temporary one)")
    parser.add_argument("--no-op-only", action="store_true", help="only the no-op pair")
    parser.add_argument("--runs", type=int, default=3, help="runs of each no-op build (best kept)")
    args = parser.parse_args()
    make, bare = no_op_times(args.runs)
    ratio = make / bare
    verdict = "pass" if ratio <= NO_OP_RATIO_BUDGET else "FAIL"
    print(f"make book, nothing changed:         {make:6.1f} s")
    print(f"bare jupyter-book, nothing changed: {bare:6.1f} s")
    print(f"ratio {ratio:.2f} (budget {NO_OP_RATIO_BUDGET}): {verdict}")
    if args.no_op_only:
        return 0 if verdict == "pass" else 1
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        clean, notebooks = timed_build(out)
        print(f"clean build (notebooks executed): {clean:6.1f} s")
        for name, seconds in sorted(notebooks.items(), key=lambda item: -item[1]):
            print(f"  {name:<45} {seconds:6.1f} s")
        cached, rerun = timed_build(out)
        print(f"cached rebuild (nothing changed): {cached:6.1f} s ({len(rerun)} notebooks rerun)")
    slow = [name for name, seconds in notebooks.items() if seconds >= NOTEBOOK_BUDGET_SECONDS]
    if slow:
        print(f"over the {NOTEBOOK_BUDGET_SECONDS:.0f} s budget: {', '.join(slow)}")
    return 1 if slow or verdict != "pass" else 0


if __name__ == "__main__":
    sys.exit(main())

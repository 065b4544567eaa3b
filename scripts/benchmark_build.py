"""Time the book: a clean build (every notebook executed), each notebook, and a cached rebuild.

Usage: .venv/bin/python scripts/benchmark_build.py [--out DIR]
Prints one line per measurement, the slowest notebooks first; exits 1 when a notebook takes a
minute or more (the survey's budget per notebook). The numbers belong in the CHANGELOG when they move.
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="build folder (default: a temporary one)")
    args = parser.parse_args()
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
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

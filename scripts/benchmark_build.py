"""Time the book: a clean build (every notebook executed) and a cached rebuild.

Usage: .venv/bin/python scripts/benchmark_build.py [--out DIR]
Prints one line per measurement; the numbers belong in the CHANGELOG when they move.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"


def timed_build(out: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [str(JUPYTER_BOOK), "build", str(ROOT), "--path-output", str(out), "-W", "-n", "-q"],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="build folder (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        print(f"clean build (notebooks executed): {timed_build(out):6.1f} s")
        print(f"cached rebuild (nothing changed): {timed_build(out):6.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())

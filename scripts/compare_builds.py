"""Build the book twice from clean output folders and compare every file of the two sites, byte by byte.

Usage: .venv/bin/python scripts/compare_builds.py [--keep DIR]
Prints the files that differ (or that only one build has) and exits 1 when there are any. Dates that are
meant to be there ("Last updated", from the last commit) are the same in both builds by construction.
Two clean builds take a few minutes, so this is a script (and `make reproducible`), not a test.
"""

from __future__ import annotations

import argparse
import filecmp
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"


def build(out: Path) -> Path:
    """One clean build of the working tree into ``out``; the site's folder."""
    done = subprocess.run(
        [str(JUPYTER_BOOK), "build", str(ROOT), "--path-output", str(out), "-W", "-n"],
        capture_output=True,
        text=True,
    )
    if done.returncode:
        tail = (done.stdout + done.stderr).strip().splitlines()[-30:]
        sys.exit("the build into " + str(out) + " failed:\n" + "\n".join(tail))
    return out / "_build" / "html"


def differences(first: Path, second: Path) -> list[str]:
    """Relative paths that differ between the two sites, or exist in only one of them."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        found.extend(
            f"{prefix}{name} (only in one build)" for name in cmp.left_only + cmp.right_only
        )
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(f"{prefix}{name}" for name in mismatch + errors)
        for name, sub in sorted(cmp.subdirs.items()):
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(first, second), "")
    return sorted(found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="build into this folder and keep both sites")
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="sftsurvey-reproducible-"))
    sites = [build(base / name) for name in ("first", "second")]
    diff = differences(*sites)
    for path in diff:
        print(f"differs: {path}")
    files = sum(1 for p in sites[0].rglob("*") if p.is_file())
    print(f"{files} files compared: {len(diff)} differ")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())

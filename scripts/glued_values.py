"""Compare every value the book glues with the stored snapshot (no number may change unnoticed).

    .venv/bin/python scripts/glued_values.py            # compare the last build with the snapshot
    .venv/bin/python scripts/glued_values.py --write    # store the last build's values as the snapshot

Reads the executed notebooks of the last ``make book`` from ``_build/.jupyter_cache`` and the
snapshot ``tests/data/glued-values.json``; prints one line per glued value added, removed or
changed, and exits 1 when there is any. After a deliberate change (new data, a new finding),
``--write`` stores the new values and the commit's diff of the snapshot shows each one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sftsurvey import glued  # noqa: E402

SNAPSHOT = ROOT / "tests" / "data" / glued.SNAPSHOT_NAME


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build-dir", type=Path, default=ROOT / "_build")
    parser.add_argument("--snapshot", type=Path, default=SNAPSHOT)
    parser.add_argument("--write", action="store_true", help="store the build's values")
    args = parser.parse_args()
    try:
        now = glued.read_glued(args.build_dir / ".jupyter_cache", ROOT)
    except (FileNotFoundError, LookupError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.write:
        glued.write_snapshot(now, args.snapshot)
        count = sum(len(values) for values in now.values())
        print(f"{args.snapshot.relative_to(ROOT)}: {count} glued values on {len(now)} pages")
        return 0
    differences = glued.compare(glued.load_snapshot(args.snapshot), now)
    for line in differences:
        print(line)
    if differences:
        print(
            f"{len(differences)} glued values differ from {args.snapshot.name}; if deliberate, "
            "run scripts/glued_values.py --write and commit the snapshot",
            file=sys.stderr,
        )
        return 1
    print(f"all {sum(len(v) for v in now.values())} glued values equal the snapshot")
    return 0


if __name__ == "__main__":
    sys.exit(main())

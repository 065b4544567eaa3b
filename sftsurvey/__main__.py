"""Command line: ``python -m sftsurvey check [FILE]`` and ``python -m sftsurvey fingerprint``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sftsurvey import buildcache, catalogue
from sftsurvey.paths import BIB_FILE, display_path


def check(path: Path) -> int:
    """Validate the catalogue; print one line per problem; 0 when clean, 1 otherwise."""
    papers, problems = catalogue.parse(path)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in {display_path(path)}", file=sys.stderr)
        return 1
    print(f"{display_path(path)}: {len(papers)} entries, no problems")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sftsurvey")
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="validate the catalogue (never changes it)")
    check_cmd.add_argument("bib", nargs="?", type=Path, default=BIB_FILE)
    fp = commands.add_parser(
        "fingerprint", help="clear the book's execution cache when its inputs changed"
    )
    fp.add_argument("--build-dir", type=Path, default=Path("_build"))
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.bib)
    return buildcache.refresh(args.build_dir)


if __name__ == "__main__":
    sys.exit(main())

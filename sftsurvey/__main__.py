"""Command line: ``python -m sftsurvey check [FILE]``, ``fingerprint``, ``precompute`` and ``profile``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sftsurvey import buildcache
from sftsurvey.paths import BIB_FILE, RESULTS_DIR, display_path


def check(path: Path, results_dir: Path | None) -> int:
    """Validate the catalogue (and the results tables); one line per problem; exit 0 or 1."""
    # imported here: `fingerprint` runs before every `make book` and needs neither (nor pandas)
    from sftsurvey import catalogue, results

    papers, problems = catalogue.parse(path)
    found = list(problems)
    report = [f"{display_path(path)}: {len(papers)} entries"]
    if results_dir is not None:
        table, result_problems = results.check_all(results_dir, path)
        found.extend(result_problems)
        from sftsurvey.findings import noise  # the tolerances' item counts, beside the results

        try:
            benchmarks = noise.load_benchmarks()
            report.append(
                f"{display_path(noise.BENCHMARKS_FILE)}: "
                f"{len({b.name for b in benchmarks.values()})} benchmarks"
            )
        except noise.BenchmarksError as err:
            found.append(str(err))
        files = len(list(results_dir.glob("*.csv")))
        report.append(f"{display_path(results_dir)}: {files} tables, {len(table)} rows")
    for problem in found:
        print(problem, file=sys.stderr)
    if found:
        print(f"{len(found)} problem(s)", file=sys.stderr)
        return 1
    print("; ".join(report) + "; no problems")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sftsurvey")
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser(
        "check", help="validate the catalogue and the results tables (never changes them)"
    )
    check_cmd.add_argument("bib", nargs="?", type=Path, default=BIB_FILE)
    check_cmd.add_argument(
        "--results", type=Path, default=None, help=f"results folder (default: {RESULTS_DIR})"
    )
    fp = commands.add_parser(
        "fingerprint", help="clear the book's execution cache when its inputs changed"
    )
    fp.add_argument("--build-dir", type=Path, default=Path("_build"))
    commands.add_parser(
        "precompute", help="parse every instruction set the notebooks use, into the cache"
    )
    from sftsurvey.profile import cli as profile_cli

    profile_cli.configure(
        commands.add_parser(
            "profile", help="measure an instruction dataset beside the surveyed sets"
        )
    )
    args = parser.parse_args(argv)
    if args.command == "profile":
        return profile_cli.run(args)
    if args.command == "check":
        # the project's own catalogue is checked with the project's own results
        default = args.bib == BIB_FILE and RESULTS_DIR.is_dir()
        return check(args.bib, args.results or (RESULTS_DIR if default else None))
    if args.command == "precompute":
        from sftsurvey import corpora

        corpora.precompute(progress=True)
        return 0
    return buildcache.refresh(args.build_dir)


if __name__ == "__main__":
    sys.exit(main())

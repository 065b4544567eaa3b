"""Command line: ``python -m sftsurvey check [FILE]``, ``fingerprint``, ``precompute`` and ``profile``.

``check`` validates the catalogue, the results tables, ``data/benchmarks.yaml``, the dataset reading
rules (``data/dataset-rules.yaml``, and with the data mirror whether ``data/datasets.yaml`` is up to
date) and the instruction sets (``data/instruction-sets.yaml``).
"""

from __future__ import annotations

import argparse
import json
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
        found.extend(_check_dataset_files(report))
    for problem in found:
        print(problem, file=sys.stderr)
    if found:
        print(f"{len(found)} problem(s)", file=sys.stderr)
        return 1
    print("; ".join(report) + "; no problems")
    return 0


def _check_dataset_files(report: list[str]) -> list[str]:
    """Problems of the reading rules, the instruction sets and (with the mirror) the registry."""
    from sftsurvey.datasets import REGISTRY_FILE, DatasetError, rules, sets

    found = rules.problems()
    if not found:
        report.append(f"{display_path(rules.RULES_FILE)}: {len(rules.load().rules)} rules")
        manifest = rules.default_manifest()
        if manifest.is_file():  # the registry must be what the rules and the manifest give
            current = REGISTRY_FILE.read_text(encoding="utf-8")
            if rules.render(json.loads(manifest.read_text(encoding="utf-8"))) != current:
                found.append(
                    f"{display_path(REGISTRY_FILE)}: stale for {display_path(rules.RULES_FILE)} "
                    "— run make registry"
                )
    try:
        set_problems = sets.problems()
    except DatasetError as error:  # the registry itself cannot be read
        set_problems = [str(error)]
    found.extend(set_problems)
    if not set_problems:
        report.append(f"{display_path(sets.SETS_FILE)}: {len(sets.instruction_sets())} sets")
    return found


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
        "precompute",
        help="parse every instruction set of data/instruction-sets.yaml, into the cache",
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
        from sftsurvey.datasets import DatasetError

        try:
            corpora.precompute(progress=True)
        except DatasetError as error:  # a missing or bad file, or a bad declaration: one line
            print(error, file=sys.stderr)
            return 1
        return 0
    return buildcache.refresh(args.build_dir)


if __name__ == "__main__":
    sys.exit(main())

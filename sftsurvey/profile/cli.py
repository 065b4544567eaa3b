"""``python -m sftsurvey profile PATH...``: measure a dataset and write profile.json and report.html.

Exit status 0 when the profile is written, 1 for bad input (one located line on stderr: ``FILE:LINE:
what — fix``; with ``--skip-bad`` bad records are counted and listed instead), 2 for bad options.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path
from typing import Any

from sftsurvey.profile.errors import ProfileError
from sftsurvey.profile.reading import FORMATS

MEASURE_CHOICES = ("all", "cheap")


def configure(parser: argparse.ArgumentParser) -> None:
    """The command's arguments (added to ``python -m sftsurvey``'s ``profile`` sub-command)."""
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="data files (.gz too)")
    parser.add_argument("--format", choices=FORMATS, help="default: from each file's suffix")
    parser.add_argument("--instruction-field", metavar="F", help="default: instruction")
    parser.add_argument("--input-field", metavar="F", help="default: input (optional)")
    parser.add_argument("--output-field", metavar="F", help="default: output")
    parser.add_argument(
        "--messages-field",
        metavar="F",
        help="a list of chat messages (default: messages, conversations, conversation or items "
        "when there is no instruction field)",
    )
    parser.add_argument(
        "--sample", type=int, metavar="N", help="profile a seeded sample of N records"
    )
    parser.add_argument("--skip-bad", action="store_true", help="skip (count and list) bad records")
    parser.add_argument("--engine", choices=("local", "dask"), default="local")
    parser.add_argument(
        "--scheduler", metavar="ADDRESS", help="a running Dask scheduler (--engine dask)"
    )
    parser.add_argument(
        "--measures",
        choices=MEASURE_CHOICES,
        default="all",
        help="cheap: lengths, exact duplicates, ROUGE-L, lexical (no parse, embeddings or LSH)",
    )
    parser.add_argument("--out", type=Path, default=Path("profile-report"), metavar="DIR")
    parser.add_argument("--no-compare", action="store_true", help="leave out the surveyed sets")


def run(args: argparse.Namespace) -> int:
    """Profile ``args.paths``; write ``args.out``/profile.json and report.html."""
    if args.sample is not None and args.sample < 1:
        print(f"--sample must be at least 1, got {args.sample}", file=sys.stderr)
        return 2
    if args.scheduler and args.engine != "dask":
        print("--scheduler needs --engine dask", file=sys.stderr)
        return 2
    from sftsurvey.datasets import DatasetError

    try:
        profile, surveyed = build(args)
    except (ProfileError, DatasetError) as error:  # DatasetError: the seeds or surveyed sets
        print(error, file=sys.stderr)
        return 1
    from sftsurvey.profile import report

    args.out.mkdir(parents=True, exist_ok=True)
    report.write_json(profile, args.out / "profile.json")
    report.write_html(profile, surveyed, args.out / "report.html")
    skipped = profile["skipped"]["count"]
    if not profile["records"]:
        files = ", ".join(str(path) for path in args.paths)
        print(
            f"{files}: no record could be profiled ({skipped:,} skipped, listed in "
            f"{args.out / 'report.html'}) — check the file, --format and the field options",
            file=sys.stderr,
        )
        return 1
    print(
        f"{profile['records']:,} records profiled, {skipped:,} skipped"
        f" -> {args.out / 'profile.json'}, {args.out / 'report.html'}"
    )
    return 0


def build(args: argparse.Namespace) -> tuple[dict[str, Any], dict[str, dict]]:
    """The profile (JSON-ready) and the surveyed sets' measurements."""
    from sftsurvey import __version__
    from sftsurvey.profile import PROFILE_VERSION, compare, engines, measures, neardup, records

    for path in args.paths:
        if not path.is_file():
            raise ProfileError(str(path), "no such file", "check the path")
    groups = measures.GROUPS if args.measures == "all" else measures.CHEAP
    fields = records.Fields(
        args.instruction_field, args.input_field, args.output_field, args.messages_field
    )
    tally = records.Tally()
    chunks = records.read_chunks(
        args.paths,
        fields,
        fmt=args.format,
        skip_bad=args.skip_bad,
        sample=args.sample,
        tally=tally,
        progress=True,
    )
    seeds = compare.seed_instructions()
    reference = compare.reference_clusters() if "embeddings" in groups else None
    started = time.perf_counter()
    outcome = engines.run(
        chunks, groups, seeds, reference, engine=args.engine, scheduler=args.scheduler
    )
    seconds = time.perf_counter() - started
    surveyed = {} if args.no_compare else compare.surveyed_profiles(groups)
    defined = {
        name: {
            "value": value,
            "group": measures.DEFINITIONS[name][0],
            "definition": measures.DEFINITIONS[name][1],
            "scope": measures.DEFINITIONS[name][2],
        }
        for name, value in outcome.measurements.items()
    }
    if "topic clusters reached" in defined:
        defined["topic clusters reached"]["definition"] += f" (of {compare.N_CLUSTERS})"
    acc = outcome.accumulator
    profile: dict[str, Any] = {
        "sftsurvey_version": __version__,
        "profile_version": PROFILE_VERSION,
        "inputs": [{"path": str(p), "sha256": _sha256(p)} for p in args.paths],
        "options": {
            "format": args.format,
            "instruction_field": args.instruction_field,
            "input_field": args.input_field,
            "output_field": args.output_field,
            "messages_field": args.messages_field,
            "sample": args.sample,
            "sample_seed": records.SAMPLE_SEED if args.sample else None,
            "skip_bad": args.skip_bad,
            "engine": args.engine,
            "scheduler": args.scheduler,
            "measures": args.measures,
            "groups": list(groups),
            "chunk_size": records.CHUNK_SIZE,
        },
        "records": acc.n,
        "read": tally.read,
        "skipped": {"count": len(tally.skipped), "records": tally.skipped},
        "measurements": defined,
        "sketches_and_samples": {
            "sample": (
                f"--sample {args.sample}: a uniform reservoir sample, seed "
                f"{records.SAMPLE_SEED}, in file order"
                if args.sample
                else None
            ),
            "corpus sample": f"{min(acc.sample.seen, measures.CORPUS_SAMPLE):,} of {acc.n:,} "
            f"records (reservoir, seed {records.SAMPLE_SEED}) for corpus MTLD, distinct-n and "
            "the embeddings",
            "near duplicates": (
                {
                    "method": "MinHash LSH (datasketch)",
                    "num_perm": neardup.NUM_PERM,
                    "seed": neardup.SEED,
                    "threshold": neardup.THRESHOLD,
                    "shingles": f"word {neardup.SHINGLE}-grams",
                    "bands": acc.near.bands[0],
                    "rows_per_band": acc.near.bands[1],
                    "index": "a sorted array of 64-bit BLAKE2b keys, one per distinct band "
                    "(datasketch's banding; at most 8 bytes per band per record)",
                    "index_bytes": acc.near.nbytes,
                }
                if acc.near is not None
                else None
            ),
        },
        "engine": {**outcome.engine, "seconds": round(seconds, 2)},
        "distributions": {"rouge_l": sorted(acc.counts["rouge_l"].items())},
        "top_verb_nouns": acc.top_verb_nouns().to_dict("records") if "structure" in groups else [],
    }
    if not surveyed:
        profile["note"] = "The surveyed sets were left out (--no-compare)."
    return profile, surveyed


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sftsurvey profile")
    configure(parser)
    return run(parser.parse_args(argv))

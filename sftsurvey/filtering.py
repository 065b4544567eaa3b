"""What a quality filter keeps and drops, seen through a random sample of the same pool."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sftsurvey.metrics import lengths


def example_key(frame: pd.DataFrame) -> pd.Series:
    """An exact identity for an instruction example: instruction and input, whitespace-trimmed."""
    return frame["instruction"].str.strip() + "\x1f" + frame["input"].fillna("").str.strip()


def mark_kept(sample: pd.DataFrame, filtered: pd.DataFrame) -> pd.Series:
    """For each example of ``sample``, whether it is in ``filtered`` (exact match).

    When both come from the same pool (a random sample of Alpaca 52K, and Alpaca 52K filtered by a
    rater), the matched examples are exactly what the filter keeps of the sample and the rest is
    what it drops.
    """
    return example_key(sample).isin(set(example_key(filtered))).rename("kept")


def kept_summary(sample: pd.DataFrame, kept: pd.Series, features: pd.DataFrame) -> pd.DataFrame:
    """The kept and the dropped examples of ``sample`` side by side (rows ``kept``, ``dropped``).

    Columns: examples, the median instruction and output words, the share with an input and the
    share of instructions in verb–noun form (``features`` from
    :func:`sftsurvey.corpora.parse_features`).
    """
    described = pd.DataFrame(
        {
            "instruction words": lengths.word_counts(sample["instruction"]),
            "output words": lengths.word_counts(sample["output"]),
            "has input": sample["input"].str.strip() != "",
            "verb–noun form": features["noun"].notna(),
            "kept": kept,
        }
    )
    return (
        described.groupby("kept")
        .agg(
            examples=("kept", "size"),
            instruction_words=("instruction words", "median"),
            output_words=("output words", "median"),
            share_with_input=("has input", "mean"),
            share_verb_noun=("verb–noun form", "mean"),
        )
        .rename(index={True: "kept", False: "dropped"})
    )


def median_output_words(summary: pd.DataFrame) -> tuple[int, int]:
    """The median output words of the kept and of the dropped examples, as displayed (whole words)."""
    return int(summary.loc["kept", "output_words"]), int(summary.loc["dropped", "output_words"])


def length_lean(summary: pd.DataFrame) -> int:
    """The filter's length lean from the displayed medians: +1 keeps longer outputs, −1 shorter, 0 none."""
    kept_words, dropped_words = median_output_words(summary)
    return int(np.sign(kept_words - dropped_words))


def kept_share_by_verb(verbs: pd.Series, kept: pd.Series, top: int) -> pd.Series:
    """The share kept among the instructions led by each of the ``top`` most frequent root verbs,
    from the least to the most kept."""
    by_verb = pd.DataFrame({"verb": verbs, "kept": kept}).dropna()
    frequent = by_verb["verb"].value_counts().head(top).index
    return by_verb[by_verb["verb"].isin(frequent)].groupby("verb")["kept"].mean().sort_values()

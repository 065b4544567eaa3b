"""What a quality filter keeps and drops, seen through a random sample of the same pool."""

from __future__ import annotations

import pandas as pd


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

"""Length bias of an automatic judge: does it prefer the longer of two responses?"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import binomtest, spearmanr

from sftsurvey.metrics.lengths import word_counts


def pairwise_length_preference(annotations: pd.DataFrame) -> pd.DataFrame:
    """One row per decided comparison: the two lengths and whether the longer one was preferred.

    ``annotations`` has ``output_1``, ``output_2`` and ``preference`` (1 or 2 = which output the
    judge preferred). Comparisons with another preference value (ties, failures) and pairs of
    equal length are left out here; :func:`length_bias` counts them.
    """
    decided = annotations[annotations["preference"].isin([1, 2])]
    len1, len2 = word_counts(decided["output_1"]), word_counts(decided["output_2"])
    rows = pd.DataFrame({"words_1": len1, "words_2": len2, "preference": decided["preference"]})
    rows = rows[rows["words_1"] != rows["words_2"]]
    longer = np.where(rows["words_1"] > rows["words_2"], 1, 2)
    rows["longer_preferred"] = longer == rows["preference"]
    rows["length_ratio"] = np.maximum(rows["words_1"], rows["words_2"]) / np.minimum(
        rows["words_1"], rows["words_2"]
    ).clip(lower=1)
    return rows


def length_bias(annotations: pd.DataFrame) -> dict[str, float]:
    """Share of decided comparisons won by the longer response, with a two-sided binomial test."""
    rows = pairwise_length_preference(annotations)
    wins = int(rows["longer_preferred"].sum())
    test = binomtest(wins, len(rows), 0.5)
    low, high = test.proportion_ci(0.95)
    return {
        "comparisons": len(annotations),
        "decided_unequal": len(rows),
        "excluded": len(annotations) - len(rows),
        "share_longer_preferred": wins / len(rows),
        "ci_low": low,
        "ci_high": high,
        "p_value": test.pvalue,
    }


def leaderboard_length_correlation(
    board: pd.DataFrame, score: str = "win_rate"
) -> dict[str, float]:
    """Spearman correlation across models between mean output length and a leaderboard score."""
    usable = board.dropna(subset=["avg_length", score])
    rho, p = spearmanr(usable["avg_length"], usable[score])
    return {"models": len(usable), "rho": float(rho), "p_value": float(p)}

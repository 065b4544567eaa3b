"""Length bias of an automatic judge: does it prefer the longer of two responses?

A judge that prefers the longer response may be preferring the better model, when the better model
also writes longer. Two ways to separate the two with public data:

* :func:`length_bias_by_writer`: within one model pair, split the comparisons by which model
  wrote the longer response. The stronger model wins more often whoever is longer; a length effect
  shows as each model winning more often when it is the longer one. The mean of the two shares
  (:func:`length_effect_balanced`) weighs both writers equally, so the model effect cancels.
* :func:`pairs_against_reference`: across model pairs (each model against the same reference,
  judged by the same judge), how often a model writes the longer output, beside its win rate.
"""

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
    keep = rows["words_1"] != rows["words_2"]
    rows, decided = rows[keep], decided[keep]
    longer = np.where(rows["words_1"] > rows["words_2"], 1, 2)
    rows["longer_preferred"] = longer == rows["preference"]
    if {"generator_1", "generator_2"} <= set(decided.columns):
        rows["longer_generator"] = np.where(
            longer == 1, decided["generator_1"], decided["generator_2"]
        )
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


def length_bias_by_writer(annotations: pd.DataFrame) -> pd.DataFrame:
    """The longer response's win share, split by which model wrote it (one row per model).

    Columns: ``comparisons`` (decided, unequal length), ``longer_wins``, ``share_longer_preferred``
    and its 95% Clopper–Pearson interval ``ci_low``/``ci_high``. Within a row the writer of the
    longer response is fixed, so the share is that model's win rate when it writes longer.
    """
    rows = pairwise_length_preference(annotations)
    if "longer_generator" not in rows:
        raise ValueError("annotations need generator_1 and generator_2 to split by writer")
    out = {}
    for generator, group in rows.groupby("longer_generator", sort=True):
        wins = int(group["longer_preferred"].sum())
        interval = binomtest(wins, len(group), 0.5).proportion_ci(0.95)
        out[generator] = {
            "comparisons": len(group),
            "longer_wins": wins,
            "share_longer_preferred": wins / len(group),
            "ci_low": interval.low,
            "ci_high": interval.high,
        }
    table = pd.DataFrame(out).T
    table.index.name = "longer response written by"
    return table.astype({"comparisons": int, "longer_wins": int})


def length_effect_balanced(by_writer: pd.DataFrame) -> dict[str, float]:
    """Mean of the per-writer shares of :func:`length_bias_by_writer`, with a 95% normal interval.

    With two writers A and B, the share is ``(P(A wins | A longer) + P(B wins | B longer)) / 2``
    ``= 1/2 + (P(A wins | A longer) − P(A wins | B longer)) / 2``: how much more often a model wins
    when it is the longer one, with each model's overall strength cancelled. 0.5 means no length
    effect beyond the model effect.
    """
    p = by_writer["share_longer_preferred"].astype(float)
    n = by_writer["comparisons"].astype(float)
    share = float(p.mean())
    error = float(np.sqrt((p * (1 - p) / n).sum()) / len(p))
    return {"share": share, "ci_low": share - 1.96 * error, "ci_high": share + 1.96 * error}


def pairs_against_reference(
    outputs: dict[str, pd.DataFrame], reference: str, board: pd.DataFrame
) -> pd.DataFrame:
    """Each model against the reference: how often it writes longer, and its leaderboard win rate.

    ``outputs`` maps generator -> its model outputs (``instruction``, ``output``), the reference's
    among them; ``board`` is a leaderboard whose win rates are against that reference (AlpacaEval
    1: text-davinci-003, judged by GPT-4). Outputs are paired by instruction; lengths in words.
    One row per model with a leaderboard row: ``instructions``, ``share_longer`` (the model's
    output has more words than the reference's), ``mean_words``, ``reference_mean_words`` and
    ``win_rate`` (0–1, the leaderboard's, ties counted half).
    """
    base = outputs[reference].set_index("instruction")["output"]
    base_words = word_counts(base)
    rates = board.dropna(subset=["model"]).set_index("model")["win_rate"]
    rows = {}
    for generator, frame in outputs.items():
        if generator == reference or generator not in rates.index:
            continue
        mine = frame.set_index("instruction")["output"]
        shared = base.index.intersection(mine.index)
        words = word_counts(mine.loc[shared])
        rows[generator] = {
            "instructions": len(shared),
            "share_longer": float((words > base_words.loc[shared]).mean()),
            "mean_words": float(words.mean()),
            "reference_mean_words": float(base_words.loc[shared].mean()),
            "win_rate": float(rates[generator]) / 100,
        }
    table = pd.DataFrame(rows).T.sort_values("win_rate", ascending=False)
    table.index.name = f"model (against {reference})"
    return table.astype({"instructions": int})


RATIO_EDGES = (1, 1.25, 1.5, 2, 3, np.inf)
"""Bins of the length ratio (longer / shorter response, words) for :func:`preference_by_ratio`."""


def preference_by_ratio(annotations: pd.DataFrame, edges=RATIO_EDGES) -> pd.DataFrame:
    """Share of decided comparisons won by the longer response, per bin of the length ratio.

    One row per non-empty bin (left-closed intervals of ``edges``): ``share``, its 95% binomial
    interval ``ci_low``–``ci_high``, and ``comparisons``.
    """
    pairs = pairwise_length_preference(annotations)
    bins = pd.cut(pairs["length_ratio"], list(edges), right=False).rename("ratio bin")
    grouped = pairs.groupby(bins, observed=True)["longer_preferred"].agg(["sum", "count"])
    intervals = [binomtest(int(s), int(n)).proportion_ci(0.95) for s, n in grouped.to_numpy()]
    return pd.DataFrame(
        {
            "share": grouped["sum"] / grouped["count"],
            "ci_low": [i.low for i in intervals],
            "ci_high": [i.high for i in intervals],
            "comparisons": grouped["count"],
        }
    )


def lean(ci_low: float, ci_high: float, even: float = 0.5) -> int:
    """+1 if the whole interval lies above ``even``, −1 if below it, 0 if it reaches it."""
    return 1 if ci_low > even else -1 if ci_high < even else 0


JUDGE_LEANS = {
    1: "prefers the longer response",
    -1: "prefers the shorter response",
    0: "shows no clear length preference",
}
"""How a judge's :func:`lean` on length is worded."""


def leans_compared(filter_lean: int, judge_lean: int) -> str:
    """Whether a filter's length lean goes the same way as a judge's, as words."""
    if judge_lean == 0:
        return "(no judge lean to compare)"
    if filter_lean == 0:
        return "(no filter lean to compare)"
    return "the same way as" if filter_lean == judge_lean else "the opposite way to"


def filter_judge_sentence(filter_lean: int, judge_lean: int, kept_phrase: str) -> str:
    """The sentence comparing the Claude-rated filter's length lean with GPT-4's as a judge."""
    judge_phrase = JUDGE_LEANS[judge_lean]
    if judge_lean and filter_lean:
        return (
            f"The Claude-rated filter's length lean goes {leans_compared(filter_lean, judge_lean)} "
            f"GPT-4's: the filter {kept_phrase}, and GPT-4, on the one model pair whose judgements "
            f"are public here, {judge_phrase}."
        )
    return (
        f"The Claude-rated filter {kept_phrase} and GPT-4, on the one model pair whose judgements "
        f"are public here, {judge_phrase}, so there is no pair of length leans to compare."
    )


def losing_models(pairs: pd.DataFrame) -> pd.DataFrame:
    """The models of :func:`pairs_against_reference` that win less than half of the time."""
    return pairs[pairs["win_rate"] < 0.5]


def longer_yet_losing(pairs: pd.DataFrame) -> bool:
    """Whether some model of :func:`pairs_against_reference` is longer in most comparisons yet
    wins less than half of them."""
    return bool(((pairs["share_longer"] > 0.5) & (pairs["win_rate"] < 0.5)).any())

"""Self-Instruct-style statistics of an instruction set, one row per set."""

from __future__ import annotations

import pandas as pd

from sftsurvey.metrics import lengths, lexical, overlap

SAMPLE = 1000
"""distinct-n grows smaller as a corpus grows, so it is compared on equal-size random samples."""


def set_statistics(frame: pd.DataFrame, features: pd.DataFrame, seeds: pd.Series) -> dict:
    """Counts, lengths, verb–noun coverage, overlap with the seeds and lexical diversity.

    ``frame`` has instruction/input/output columns, ``features`` the parse features of its
    instructions (:func:`sftsurvey.corpora.parse_features`), ``seeds`` the seed instructions
    that ROUGE-L novelty is measured against.
    """
    instruction_words = lengths.word_counts(frame["instruction"])
    has_input = frame["input"].str.strip() != ""
    nearest = overlap.nearest_rouge_l(frame["instruction"].tolist(), seeds.tolist())
    return {
        "instructions": len(frame),
        "share with input": float(has_input.mean()),
        "instruction words (mean)": float(instruction_words.mean()),
        "input words (mean, non-empty)": float(
            lengths.word_counts(frame.loc[has_input, "input"]).mean()
        )
        if has_input.any()
        else float("nan"),
        "output words (mean)": float(lengths.word_counts(frame["output"]).mean()),
        "share with verb–noun pair": float(features["noun"].notna().mean()),
        "distinct root verbs": int(features["verb"].nunique()),
        "ROUGE-L to nearest seed (median)": float(nearest["rouge_l"].median()),
        "share with ROUGE-L > 0.7": float(
            (nearest["rouge_l"] > overlap.SELF_INSTRUCT_MAX_ROUGE_L).mean()
        ),
        "MTLD of instructions": lexical.corpus_mtld(frame["instruction"]),
        f"distinct-2 ({SAMPLE} sampled instructions)": lexical.distinct_n(
            frame["instruction"].sample(SAMPLE, random_state=0), n=2
        )
        if len(frame) >= SAMPLE
        else float("nan"),
    }


def statistics_table(
    sets: dict[str, pd.DataFrame], features: dict[str, pd.DataFrame], seeds: pd.Series
) -> pd.DataFrame:
    rows = {label: set_statistics(frame, features[label], seeds) for label, frame in sets.items()}
    return pd.DataFrame(rows).T


PROXIES = ("tokens", "depth", "clauses", "constraints")


def proxy_correlations(features: pd.DataFrame, labels: pd.Series) -> pd.DataFrame:
    """Spearman rank correlation of each complexity proxy with a difficulty label, with p-values."""
    from scipy.stats import spearmanr

    rows = []
    for proxy in PROXIES:
        rho, p = spearmanr(features[proxy], labels)
        rows.append({"proxy": proxy, "rho": float(rho), "p_value": float(p), "n": len(labels)})
    return pd.DataFrame(rows).set_index("proxy")

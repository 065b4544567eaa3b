"""The quality–quantity frontier: every reported (data size, score) point, and where better data
beat more data.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sftsurvey.findings import quality, quantity

FAMILIES = {
    "GSM8K": "math (GSM8K)",
    "HumanEval": "code (HumanEval)",
    "Humaneval": "code (HumanEval)",
    "MMLU": "knowledge (MMLU)",
    "BBH": "reasoning (BBH)",
    "MT-Bench": "chat (MT-Bench)",
    "Drop": "reading (DROP)",
}
"""Benchmark as printed → benchmark family shown on the frontier."""


def frontier_points(results: pd.DataFrame) -> pd.DataFrame:
    """Points with an exactly stated data size: curve, family, curation, n, score."""
    parts = []
    yuan = quantity.yuan_sft_curves(results)
    if not yuan.empty:
        parts.append(
            pd.DataFrame(
                {
                    "curve": "Yuan · " + yuan["model"],
                    "paper": quantity.YUAN,
                    "benchmark": "GSM8K",
                    "curation": "random subsets of one set",
                    "n": yuan["n"],
                    "score": yuan["accuracy"],
                }
            )
        )
    dong = quantity.dong_curves(results)
    if not dong.empty:
        parts.append(
            pd.DataFrame(
                {
                    "curve": "Dong · " + dong["model"] + " · " + dong["benchmark"],
                    "paper": quantity.DONG,
                    "benchmark": dong["benchmark"],
                    "curation": "random subsets of one set",
                    "n": dong["fraction"] * dong["base_size"],
                    "score": dong["value"],
                }
            )
        )
    gasus = quality.alpagasus_comparisons(results)
    if not gasus.empty:
        for kind, label, size in (
            ("random", "random subset", "filtered_n"),
            ("filtered", "rater-filtered subset", "filtered_n"),
            ("full", "full set", "full_n"),
        ):
            parts.append(
                pd.DataFrame(
                    {
                        "curve": "AlpaGasus · "
                        + gasus["pool"]
                        + " · "
                        + gasus["model"]
                        + " · "
                        + gasus["benchmark"],
                        "paper": quality.ALPAGASUS,
                        "benchmark": gasus["benchmark"],
                        "curation": label,
                        "n": gasus[size].astype(float),
                        "score": gasus[kind],
                    }
                )
            )
    if not parts:
        return pd.DataFrame(
            columns=["curve", "paper", "benchmark", "family", "curation", "n", "score"]
        )
    points = pd.concat(parts, ignore_index=True)
    points["family"] = points["benchmark"].map(FAMILIES).fillna(points["benchmark"])
    return points


def quality_vs_quantity(results: pd.DataFrame, tolerance_factor: float = 1.0) -> pd.DataFrame:
    """Per AlpaGasus comparison: the gain from more data against the gain from better data.

    ``gain_more`` = full set − random subset (the data grows by ``doublings``); ``gain_better`` =
    filtered − random subset (same size); ``tolerance`` is the benchmark's granularity (see
    :mod:`sftsurvey.findings.noise`). ``winner`` compares the filtered subset with the full set:
    "better data", "indistinguishable" or "more data". ``equivalent_doublings`` — how many
    doublings of random data would, at the observed gain per doubling, give the filtering gain — is
    computed only where both gains exceed the tolerance, and is capped at the doublings observed
    (``capped``): beyond them it would extrapolate the curve past the data.
    """
    table = quality.alpagasus_comparisons(results)
    if table.empty:
        return table
    table = quality.with_outcomes(table, tolerance_factor)
    table["doublings"] = np.log2(table["full_n"] / table["filtered_n"])
    table["gain_more"] = table["full"] - table["random"]
    table["gain_better"] = table["filtered"] - table["random"]
    decided = (table["gain_more"] > table["tolerance"]) & (
        table["gain_better"] > table["tolerance"]
    )
    per_doubling = table["gain_more"] / table["doublings"]
    raw = table["gain_better"] / per_doubling
    table["equivalent_doublings"] = np.where(decided, np.minimum(raw, table["doublings"]), np.nan)
    table["capped"] = decided & (raw > table["doublings"])
    table["winner"] = table["vs_full"].map(
        {1: "better data", 0: "indistinguishable", -1: "more data"}
    )
    table["family"] = table["benchmark"].map(FAMILIES).fillna(table["benchmark"])
    return table


def families_won_by(table: pd.DataFrame, winner: str = "more data") -> list[str]:
    """The benchmark families of :func:`quality_vs_quantity` with a comparison won by ``winner``."""
    return sorted(set(table.loc[table["winner"] == winner, "family"]))


def uncapped_equivalents(table: pd.DataFrame) -> list[float]:
    """The equivalent doublings of :func:`quality_vs_quantity` that are not capped, smallest first."""
    decided = table["equivalent_doublings"].notna() & ~table["capped"]
    return sorted(table.loc[decided, "equivalent_doublings"])

"""Selecting for quality, diversity, or both: QDIT's greedy rule against k-center and random draws.

On a pool of embedded examples with a quality label (1 = a rater kept the example), each
selection of ``k`` examples is described by its quality (the share kept), its diversity
(facility location over the pool) and its Vendi score; :func:`selection_tradeoff` makes the
table the diversity-embeddings notebook shows, and the helpers word where a value stands.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from sftsurvey.metrics import selection

QUALITY = "quality (share kept)"
DIVERSITY = "diversity (facility location)"


def describe_selection(X: np.ndarray, quality: np.ndarray, chosen, method: str) -> dict:
    """One selection's quality, diversity and Vendi score, labelled ``method``."""
    return {
        "method": method,
        QUALITY: quality[chosen].mean(),
        DIVERSITY: selection.facility_location(X, chosen),
        "Vendi score": selection.vendi_score(X[chosen]),
    }


def qdit_label(alpha: float) -> str:
    """The table's row name of QDIT's selection at weight ``alpha``."""
    return f"QDIT α={alpha:g}"


def random_label(draws: int) -> str:
    """The table's row name of the mean of the random draws."""
    return f"random (mean of {draws})"


def selection_tradeoff(
    X: np.ndarray, quality: np.ndarray, k: int, alphas: Sequence[float], draws: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """QDIT's greedy selection at each weight α, k-center greedy and ``draws`` random selections.

    Returns the table (one row per method, the random draws as their mean) and the random draws
    themselves (one row per draw). Seeds are fixed (0), so the tables are reproducible.
    """
    rows = [
        describe_selection(
            X, quality, selection.facility_location_greedy(X, quality, k, alpha=a), qdit_label(a)
        )
        for a in alphas
    ]
    rows.append(
        describe_selection(
            X, quality, selection.diversity_first(X, k, seed=0), "k-center (diversity only)"
        )
    )
    rng = np.random.default_rng(0)
    randoms = pd.DataFrame(
        [
            describe_selection(X, quality, rng.choice(len(X), k, replace=False), "random")
            for _ in range(draws)
        ]
    )
    rows.append({"method": random_label(draws), **randoms.drop(columns="method").mean().to_dict()})
    return pd.DataFrame(rows).set_index("method"), randoms


def against_draws(value: float, draws: pd.Series, tolerance: float) -> str:
    """Where a selection's value stands against the random draws' range, as words."""
    low, high = draws.min(), draws.max()
    if value < low - tolerance:
        return f"below every one of the {len(draws)} random draws"
    if value > high + tolerance:
        return f"above every one of the {len(draws)} random draws"
    return f"within the range of the {len(draws)} random draws"


def is_clean_tradeoff(trade: pd.DataFrame, alphas: Sequence[float], tolerance: float) -> bool:
    """Whether, as α grows, quality never rises and diversity never falls (beyond ``tolerance``),
    and the largest α is both less approved and more diverse than the smallest."""
    qdit = trade.loc[[qdit_label(a) for a in alphas]]
    first, last = qdit.iloc[0], qdit.iloc[-1]
    quality_never_rises = bool((qdit[QUALITY].diff().dropna() <= tolerance).all())
    diversity_never_falls = bool((qdit[DIVERSITY].diff().dropna() >= -tolerance).all())
    return (
        quality_never_rises
        and diversity_never_falls
        and last[QUALITY] < first[QUALITY] - tolerance
        and last[DIVERSITY] > first[DIVERSITY] + tolerance
    )

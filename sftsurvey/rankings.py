"""Do two measures rank the same items alike? Spearman's ρ, the pairs they order differently,
and the words for both."""

from __future__ import annotations

import pandas as pd
from scipy.stats import spearmanr

from sftsurvey import wording

CLOSE, LOOSE = 0.8, 0.4
"""With ``abs(rho)`` at least CLOSE the rankings agree "closely", at least LOOSE "loosely";
below LOOSE they are unrelated."""


def rank_correlation(a: pd.Series, b: pd.Series) -> float:
    """Spearman's ρ between two measures of the same items."""
    return float(spearmanr(a, b).statistic)


def agreement(rho: float, close: float = CLOSE, loose: float = LOOSE) -> str:
    """How two rankings with Spearman's ``rho`` relate, as words (``'agree closely (|ρ| ≥ 0.8)'``)."""
    if abs(rho) >= close:
        strength = f"closely (|ρ| ≥ {close:g})"
    elif abs(rho) >= loose:
        strength = f"loosely ({loose:g} ≤ |ρ| < {close:g})"
    else:
        return f"are unrelated (|ρ| < {loose:g})"
    return wording.by_sign(rho, f"agree {strength}", f"are {strength} reversed", "are unrelated")


def swapped_pairs(a: pd.Series, b: pd.Series) -> list[str]:
    """The pairs of items (``'x and y'``, in index order) that ``a`` and ``b`` order oppositely."""
    names = list(a.index)
    return [
        f"{x} and {y}"
        for i, x in enumerate(names)
        for y in names[i + 1 :]
        if (a[x] - a[y]) * (b[x] - b[y]) < 0
    ]


def swaps_phrase(a: pd.Series, b: pd.Series, items: str = "sets") -> str:
    """Which pairs of items the two measures order differently, as a clause."""
    swapped = swapped_pairs(a, b)
    if not swapped:
        return f"no pair of {items} is ordered differently by the two"
    n_pairs = len(a) * (len(a) - 1) // 2
    verb = "is" if len(swapped) == 1 else "are"
    return (
        f"{len(swapped)} of the {n_pairs} pairs of {items} {verb} ordered differently by the two: "
        + "; ".join(swapped)
    )

"""Two measures' rankings of the same items: agreement words and the pairs they swap."""

from __future__ import annotations

import pandas as pd
import pytest

from sftsurvey import rankings

A = pd.Series({"p": 1.0, "q": 2.0, "r": 3.0})


def test_agreement_words_follow_rho():
    assert rankings.agreement(0.9) == "agree closely (|ρ| ≥ 0.8)"
    assert rankings.agreement(-0.5) == "are loosely (0.4 ≤ |ρ| < 0.8) reversed"
    assert rankings.agreement(0.1) == "are unrelated (|ρ| < 0.4)"


def test_swapped_pairs_and_phrase():
    same = A * 10
    assert rankings.swapped_pairs(A, same) == []
    assert rankings.swaps_phrase(A, same) == "no pair of sets is ordered differently by the two"
    swapped = pd.Series({"p": 2.0, "q": 1.0, "r": 3.0})
    assert rankings.swapped_pairs(A, swapped) == ["p and q"]
    assert rankings.swaps_phrase(A, swapped) == (
        "1 of the 3 pairs of sets is ordered differently by the two: p and q"
    )
    assert rankings.rank_correlation(A, swapped) == pytest.approx(0.5)

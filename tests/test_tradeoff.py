"""QDIT's quality–diversity trade-off table, on a small synthetic pool."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sftsurvey import tradeoff

Q, D = tradeoff.QUALITY, tradeoff.DIVERSITY


def pool(n: int = 60, seed: int = 3) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 8))
    X /= np.linalg.norm(X, axis=1, keepdims=True)
    return X, (rng.random(n) < 0.4).astype(float)


def test_selection_tradeoff_rows_and_draws():
    X, quality = pool()
    trade, randoms = tradeoff.selection_tradeoff(X, quality, k=10, alphas=(0.0, 1.0), draws=5)
    assert trade.index.tolist() == [
        "QDIT α=0",
        "QDIT α=1",
        "k-center (diversity only)",
        "random (mean of 5)",
    ]
    assert len(randoms) == 5
    assert trade.loc["random (mean of 5)", Q] == randoms[Q].mean()
    # quality alone picks only rater-approved examples when there are enough of them
    assert trade.loc["QDIT α=0", Q] == 1.0
    again, _ = tradeoff.selection_tradeoff(X, quality, k=10, alphas=(0.0, 1.0), draws=5)
    pd.testing.assert_frame_equal(trade, again)  # fixed seeds


def test_against_draws_words():
    draws = pd.Series([0.4, 0.5, 0.6])
    assert tradeoff.against_draws(0.3, draws, 0.01) == "below every one of the 3 random draws"
    assert tradeoff.against_draws(0.605, draws, 0.01) == "within the range of the 3 random draws"
    assert tradeoff.against_draws(0.7, draws, 0.01) == "above every one of the 3 random draws"


def test_is_clean_tradeoff():
    trade = pd.DataFrame(
        {Q: [0.9, 0.7, 0.5], D: [0.2, 0.3, 0.4]}, index=["QDIT α=0", "QDIT α=0.5", "QDIT α=1"]
    )
    assert tradeoff.is_clean_tradeoff(trade, (0, 0.5, 1), 0.001)
    trade.loc["QDIT α=0.5", Q] = 0.95  # quality rises on the way
    assert not tradeoff.is_clean_tradeoff(trade, (0, 0.5, 1), 0.001)

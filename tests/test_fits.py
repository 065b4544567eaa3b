"""Scaling fits recover known parameters from synthetic data."""

from __future__ import annotations

import numpy as np
import pytest

from sftsurvey import fits

N = np.array([250, 500, 1000, 2000, 4000, 8000, 16000])


def test_loglinear_recovers_gain_per_doubling():
    y = 10 + 3.5 * np.log2(N)
    result = fits.fit("loglinear", N, y)
    assert result.params["a"] == pytest.approx(10)
    assert result.gain_per_doubling == pytest.approx(3.5)
    assert result.r2 == pytest.approx(1)


def test_loglinear_with_noise_has_interval_covering_truth():
    rng = np.random.default_rng(1)
    y = 20 + 2.0 * np.log2(N) + rng.normal(0, 0.5, len(N))
    result = fits.fit("loglinear", N, y, bootstrap=500, seed=0)
    low, high = result.ci["b"]
    assert low < 2.0 < high
    assert result.stderr["b"] > 0


def test_bootstrap_is_deterministic():
    y = 20 + 2.0 * np.log2(N) + np.array([0.3, -0.2, 0.1, -0.4, 0.2, 0.0, -0.1])
    assert fits.bootstrap_ci("loglinear", N, y, 200, seed=3) == fits.bootstrap_ci(
        "loglinear", N, y, 200, seed=3
    )


def test_powerlaw_recovers_exponent():
    y = 2.0 * N**0.3
    result = fits.fit("powerlaw", N, y)
    assert result.params["b"] == pytest.approx(0.3, rel=1e-4)
    assert result.params["a"] == pytest.approx(2.0, rel=1e-3)


def test_saturating_recovers_ceiling():
    y = 80 - 300 * N**-0.5
    result = fits.fit("saturating", N, y)
    assert result.params["c"] == pytest.approx(80, rel=1e-3)
    assert result.params["b"] == pytest.approx(0.5, rel=1e-2)
    assert result.predict([1e9])[0] == pytest.approx(80, rel=1e-3)


def test_compare_prefers_the_generating_model():
    rng = np.random.default_rng(0)
    n = np.geomspace(100, 100_000, 10)
    saturating = 70 - 900 * n**-0.6 + rng.normal(0, 0.2, len(n))
    table = fits.compare(n, saturating)
    assert table.iloc[0]["model"] == "saturating"
    assert table["weight"].sum() == pytest.approx(1)
    linear = 5 + 4 * np.log2(n) + rng.normal(0, 0.2, len(n))
    assert fits.compare(n, linear).iloc[0]["model"] == "loglinear"


@pytest.mark.parametrize(
    ("model", "n", "y", "message"),
    [
        ("loglinear", [5], [1], "at least 2 distinct data amounts, got 1"),
        ("loglinear", [100, 100, 100], [1, 2, 3], "at least 2 distinct data amounts, got 1"),
        ("saturating", [10, 100, 1000], [1, 2, 3], "at least 4 distinct data amounts, got 3"),
        ("loglinear", [0, 10, 100], [1, 2, 3], "must be positive"),
        ("loglinear", [10, 100, np.nan], [1, 2, 3], "finite"),
    ],
)
def test_bad_inputs_are_clear_errors(model, n, y, message):
    with pytest.raises(ValueError, match=message):
        fits.fit(model, n, y)


def test_unknown_model():
    with pytest.raises(ValueError, match="unknown model"):
        fits.fit("cubic", N, N)

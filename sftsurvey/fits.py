"""Scaling fits of a metric against the amount of training data, with uncertainty.

Three curve families, fitted by least squares (scipy):

* ``loglinear``  — ``y = a + b·log2(n)``: ``b`` is the gain per doubling of the data;
* ``powerlaw``   — ``y = a·n**b``: unbounded growth, linear on log–log axes;
* ``saturating`` — ``y = c − a·n**(−b)``: growth that levels off at ``c``.

Uncertainty: analytic standard errors from the fit's covariance, and percentile
confidence intervals from a case bootstrap with a fixed seed (deterministic).
Models are compared with the small-sample Akaike criterion (AICc) and Akaike weights.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.optimize import OptimizeWarning, curve_fit

MODELS = ("loglinear", "powerlaw", "saturating")


def _loglinear(n, a, b):
    return a + b * np.log2(n)


def _powerlaw(n, a, b):
    return a * np.power(n, b)


def _saturating(n, c, a, b):
    return c - a * np.power(n, -b)


_CURVES: dict[str, tuple[Callable, tuple[str, ...]]] = {
    "loglinear": (_loglinear, ("a", "b")),
    "powerlaw": (_powerlaw, ("a", "b")),
    "saturating": (_saturating, ("c", "a", "b")),
}


@dataclass(frozen=True)
class Fit:
    """A fitted curve: parameters, their uncertainty, and goodness of fit."""

    model: str
    params: dict[str, float]
    stderr: dict[str, float]
    n_points: int
    rss: float
    r2: float
    aicc: float
    ci: dict[str, tuple[float, float]] = field(default_factory=dict)

    def predict(self, n) -> np.ndarray:
        curve, names = _CURVES[self.model]
        return curve(np.asarray(n, dtype=float), *(self.params[k] for k in names))

    @property
    def gain_per_doubling(self) -> float:
        """For ``loglinear``: the change in the metric when the data doubles."""
        if self.model != "loglinear":
            raise ValueError("gain per doubling is defined for the log-linear fit only")
        return self.params["b"]


def _validate(n, y, min_points: int) -> tuple[np.ndarray, np.ndarray]:
    n = np.asarray(n, dtype=float)
    y = np.asarray(y, dtype=float)
    if n.shape != y.shape or n.ndim != 1:
        raise ValueError("n and y must be one-dimensional and of equal length")
    if np.any(~np.isfinite(n)) or np.any(~np.isfinite(y)):
        raise ValueError("n and y must be finite numbers (no missing values)")
    if np.any(n <= 0):
        raise ValueError("data amounts n must be positive for a scaling fit")
    if len(np.unique(n)) < min_points:
        raise ValueError(
            f"a fit needs at least {min_points} distinct data amounts, got {len(np.unique(n))}"
        )
    return n, y


def _start(model: str, n: np.ndarray, y: np.ndarray) -> list[float]:
    if model == "loglinear":
        b, a = np.polyfit(np.log2(n), y, 1)
        return [a, b]
    if model == "powerlaw":
        positive = np.clip(y, 1e-9, None)
        b, log_a = np.polyfit(np.log(n), np.log(positive), 1)
        return [float(np.exp(log_a)), b]
    span = max(float(np.ptp(y)), 1e-6)
    return [float(np.max(y)) + span, span * float(np.min(n)) ** 0.5, 0.5]


def _aicc(rss: float, n_points: int, k: int) -> float:
    rss = max(rss, 1e-12)
    aic = n_points * np.log(rss / n_points) + 2 * k
    if n_points - k - 1 <= 0:
        return float("inf")
    return float(aic + 2 * k * (k + 1) / (n_points - k - 1))


def _fit_params(model: str, n: np.ndarray, y: np.ndarray):
    curve, _ = _CURVES[model]
    bounds = (-np.inf, np.inf)
    if model == "saturating":
        bounds = ([-np.inf, -np.inf, 1e-6], [np.inf, np.inf, 10.0])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", OptimizeWarning)
        warnings.simplefilter("ignore", RuntimeWarning)
        return curve_fit(curve, n, y, p0=_start(model, n, y), bounds=bounds, maxfev=20000)


def fit(model: str, n, y, *, bootstrap: int = 0, seed: int = 0) -> Fit:
    """Fit ``model`` to (n, y); with ``bootstrap > 0`` add 95% percentile intervals."""
    if model not in _CURVES:
        raise ValueError(f"unknown model {model!r}; choose from {', '.join(MODELS)}")
    curve, names = _CURVES[model]
    n, y = _validate(n, y, min_points=len(names) + (1 if model == "saturating" else 0))
    params, cov = _fit_params(model, n, y)
    residuals = y - curve(n, *params)
    rss = float(residuals @ residuals)
    tss = float(((y - y.mean()) ** 2).sum())
    stderr = (
        np.sqrt(np.clip(np.diag(cov), 0, None)) if np.all(np.isfinite(cov)) else params * np.nan
    )
    result = Fit(
        model=model,
        params=dict(zip(names, map(float, params), strict=True)),
        stderr=dict(zip(names, map(float, stderr), strict=True)),
        n_points=len(n),
        rss=rss,
        r2=1 - rss / tss if tss > 0 else float("nan"),
        aicc=_aicc(rss, len(n), len(names)),
    )
    if bootstrap:
        return Fit(**{**result.__dict__, "ci": bootstrap_ci(model, n, y, bootstrap, seed)})
    return result


def bootstrap_ci(
    model: str, n, y, resamples: int = 1000, seed: int = 0, level: float = 0.95
) -> dict[str, tuple[float, float]]:
    """Percentile intervals of each parameter over case-bootstrap refits (fixed seed)."""
    n, y = np.asarray(n, dtype=float), np.asarray(y, dtype=float)
    _, names = _CURVES[model]
    need = len(names) + (1 if model == "saturating" else 0)
    rng = np.random.default_rng(seed)
    draws = []
    for _ in range(resamples):
        idx = rng.integers(0, len(n), len(n))
        if len(np.unique(n[idx])) < need:
            continue
        try:
            params, _ = _fit_params(model, n[idx], y[idx])
        except (RuntimeError, ValueError):
            continue
        draws.append(params)
    if len(draws) < resamples // 4:
        return {k: (float("nan"), float("nan")) for k in names}
    draws = np.array(draws)
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(draws, [tail, 100 - tail], axis=0)
    return {k: (float(lo), float(hi)) for k, lo, hi in zip(names, low, high, strict=True)}


def compare(n, y, models: tuple[str, ...] = MODELS) -> pd.DataFrame:
    """Fit each model; rank by AICc with Akaike weights (models that cannot be fitted are left out)."""
    rows = []
    for model in models:
        try:
            result = fit(model, n, y)
        except (RuntimeError, ValueError):
            continue
        rows.append(
            {
                "model": model,
                "k": len(result.params),
                "rss": result.rss,
                "r2": result.r2,
                "aicc": result.aicc,
            }
        )
    table = pd.DataFrame(rows)
    if table.empty:
        return table
    finite = np.isfinite(table["aicc"])
    best = table.loc[finite, "aicc"].min() if finite.any() else np.nan
    table["delta_aicc"] = table["aicc"] - best
    weights = np.where(finite, np.exp(-0.5 * table["delta_aicc"].fillna(np.inf)), 0.0)
    table["weight"] = weights / weights.sum() if weights.sum() > 0 else np.nan
    return table.sort_values("aicc", ignore_index=True)

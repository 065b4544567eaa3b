"""The tables and fits the quantity notebooks draw, computed in sftsurvey.findings.quantity."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sftsurvey.findings import quantity
from tests.test_findings import FALLING, LOSS, STRENGTH, yuan_rows


def test_curve_points_and_loglinear_fits_per_model():
    curves = quantity.yuan_sft_curves(yuan_rows(FALLING, STRENGTH))
    points = quantity.curve_points(curves)
    assert set(points) == set(FALLING)
    n, accuracy = points["A"]
    mine = curves[curves["model"] == "A"]
    assert n.tolist() == mine["n"].tolist() and accuracy.tolist() == mine["accuracy"].tolist()
    fitted = quantity.loglinear_fits(curves)
    assert set(fitted) == set(FALLING)
    assert fitted["A"].model == "loglinear"


def test_gains_against_loss_keeps_models_with_a_loss():
    rows = yuan_rows(FALLING, STRENGTH, LOSS)
    gains = quantity.gains_with_errors(quantity.yuan_sft_curves(rows))
    strength = quantity.yuan_model_strength(rows)
    strength.loc[0, "pretraining_loss"] = np.nan
    merged = quantity.gains_against_loss(gains, strength)
    assert len(merged) == len(gains) - 1
    assert {"gain_per_doubling", "gain_se", "pretraining_loss"} <= set(merged.columns)


def test_overlapping_gains_counts_pairs_within_their_standard_error():
    gains = pd.DataFrame({"gain_per_doubling": [1.0, 1.5, 5.0], "gain_se": [0.5, 0.5, 0.5]})
    assert quantity.overlapping_gains(gains) == (1, 3)  # only 1.0 and 1.5 are within √0.5
    assert quantity.overlapping_gains(gains.iloc[:1]) == (0, 0)


def test_dong_mixing_difference():
    keys = {"model": ["7B", "7B"], "benchmark": ["GSM8K", "GSM8K"], "fraction": [0.5, 1.0]}
    single = pd.DataFrame({**keys, "value": [30.0, 35.0]})
    mixed = pd.DataFrame({**keys, "value": [32.0, 33.5]})
    both = quantity.dong_mixing_difference(single, mixed)
    assert both["difference"].tolist() == pytest.approx([2.0, -1.5])
    assert list(both.columns) == [*keys, "value_single", "value_mixed", "difference"]

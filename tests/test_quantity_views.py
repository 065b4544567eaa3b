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


def test_ji_table_gains_rising_and_overall_gap():
    sizes = [200_000, 600_000, 1_000_000, 2_000_000]
    scores = {
        "Math": [0.3, 0.35, 0.4, 0.4],
        "Code": [0.5, 0.5, 0.6, 0.7],
        "COT": [0.6, 0.7, 0.8, 0.7],
        "Overall": [0.45, 0.52, 0.6, 0.6],
    }
    rows = [
        {
            "paper": quantity.JI,
            "experiment": "data-scaling",
            "benchmark": f"score: {category}",
            "n_examples": n,
            "value": v,
        }
        for category, values in scores.items()
        for n, v in zip(sizes, values, strict=True)
    ]
    wide = quantity.ji_table(pd.DataFrame(rows))
    assert list(wide.columns) == ["0.2M", "0.6M", "1M", "2M"]
    assert wide.loc["Code", "1M"] == 0.6
    gains = quantity.ji_gains(wide)
    assert gains.index[:2].tolist() == ["Code", "Overall"] and gains["Code"] == pytest.approx(0.2)
    assert quantity.ji_rising(wide) == ["Math", "COT"]  # Code stays flat from 0.2M to 0.6M
    assert quantity.ji_overall_gap(wide) == pytest.approx(1.4 / 3 - 0.45)  # at 0.2M

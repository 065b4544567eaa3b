"""Quantity curves scaled to their own range of gain, by ability."""

from __future__ import annotations

import pandas as pd

from sftsurvey import results
from sftsurvey.findings import quantity


def test_gain_share_runs_from_zero_to_one_per_curve_and_respects_yuans_range():
    curves = quantity.ability_curves(results.load_results())
    span = curves.dropna(subset=["gain_share"]).groupby("curve")["gain_share"].agg(["min", "max"])
    assert (span["min"] == 0).all() and (span["max"] == 1).all()
    yuan = curves[curves["paper"] == quantity.YUAN]
    assert (yuan["n"] >= 7473 / 8 - 1e-6).all() and yuan["n"].max() == 7473
    assert set(curves["ability"]) >= {"math", "code", "general chat"}


def test_share_reached_reads_the_point_at_the_fraction_not_after_it():
    curves = pd.DataFrame(
        {
            "curve": ["a"] * 3 + ["b"] * 3,
            "ability": ["x"] * 3 + ["y"] * 3,
            "n": [100, 400, 1600] * 2,
            "gain_share": [0.0, 0.9, 1.0, 0.0, 0.2, 1.0],
        }
    )
    table = quantity.gain_reached_by_ability(curves, paper=None).set_index("ability")
    # a quarter of 1,600 is 400: curve a had 0.9 of its gain there, curve b 0.2
    assert table.loc["x", "median_share_reached"] == 0.9
    assert table.loc["y", "median_share_reached"] == 0.2
    assert list(table.index) == ["x", "y"]


def test_abilities_are_compared_within_dong_by_default():
    curves = quantity.ability_curves(results.load_results())
    table = quantity.gain_reached_by_ability(curves)
    assert set(table["ability"]) == {"math", "code", "general chat"}
    assert (table["curves"] == 3).all()

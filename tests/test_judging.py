"""Length bias of a judge, separated from model quality, on small synthetic judgements."""

from __future__ import annotations

import pandas as pd
import pytest

from sftsurvey import judging


def judgements(rows: list[tuple[int, int, int]]) -> pd.DataFrame:
    """(words of A's output, words of B's output, preference 1 = A, 2 = B) -> annotations."""
    return pd.DataFrame(
        {
            "output_1": [" ".join(["w"] * a) for a, _, _ in rows],
            "generator_1": "A",
            "output_2": [" ".join(["w"] * b) for _, b, _ in rows],
            "generator_2": "B",
            "preference": [p for _, _, p in rows],
        }
    )


def test_a_strong_model_that_writes_longer_is_not_a_length_effect():
    # A wins 90% whoever is longer: the longer response wins often, but only because A is longer
    # more often; split by writer, A wins 90% when longer and B wins 10% when longer
    rows = [(20, 10, 1)] * 72 + [(20, 10, 2)] * 8 + [(10, 20, 1)] * 18 + [(10, 20, 2)] * 2
    table = judging.length_bias_by_writer(judgements(rows))
    assert table.loc["A", "comparisons"] == 80 and table.loc["A", "share_longer_preferred"] == 0.9
    assert table.loc["B", "comparisons"] == 20 and table.loc["B", "share_longer_preferred"] == 0.1
    assert judging.length_bias(judgements(rows))["share_longer_preferred"] == pytest.approx(0.74)
    balanced = judging.length_effect_balanced(table)
    assert balanced["share"] == pytest.approx(0.5)  # no length effect beyond the model
    assert balanced["ci_low"] < 0.5 < balanced["ci_high"]


def test_a_pure_length_effect_shows_for_both_writers():
    rows = [(20, 10, 1)] * 40 + [(20, 10, 2)] * 10 + [(10, 20, 2)] * 40 + [(10, 20, 1)] * 10
    table = judging.length_bias_by_writer(judgements(rows))
    assert table["share_longer_preferred"].tolist() == [0.8, 0.8]
    balanced = judging.length_effect_balanced(table)
    assert balanced["share"] == pytest.approx(0.8) and balanced["ci_low"] > 0.5


def test_ties_and_equal_lengths_are_left_out_of_the_split():
    rows = [(20, 10, 1), (20, 10, 0), (10, 10, 1), (10, 20, 2)]
    table = judging.length_bias_by_writer(judgements(rows))
    assert table["comparisons"].sum() == 2
    with pytest.raises(ValueError, match="generator_1 and generator_2"):
        judging.length_bias_by_writer(judgements(rows).drop(columns=["generator_1", "generator_2"]))


def test_pairs_against_reference_pairs_outputs_by_instruction():
    reference = pd.DataFrame({"instruction": ["p", "q", "r"], "output": ["a b", "a b c", "a"]})
    model = pd.DataFrame({"instruction": ["r", "q", "p"], "output": ["a b", "a", "a b c"]})
    other = pd.DataFrame({"instruction": ["p", "q", "r"], "output": ["a", "a", "a"]})
    board = pd.DataFrame({"model": ["m", "ref", None], "win_rate": [60.0, 50.0, 1.0]})
    table = judging.pairs_against_reference(
        {"ref": reference, "m": model, "x": other}, "ref", board
    )
    assert list(table.index) == ["m"]  # x has no leaderboard row, ref is the reference
    row = table.loc["m"]
    assert row["instructions"] == 3
    assert row["share_longer"] == pytest.approx(2 / 3)  # longer on p and r, shorter on q
    assert row["win_rate"] == pytest.approx(0.6)


def test_each_decided_comparison_records_the_longer_writer_and_the_length_ratio():
    rows = judging.pairwise_length_preference(judgements([(30, 10, 2), (5, 20, 2), (7, 7, 1)]))
    assert len(rows) == 2  # equal lengths are left out
    assert rows["longer_preferred"].tolist() == [False, True]
    assert rows["longer_generator"].tolist() == ["A", "B"]
    assert rows["length_ratio"].tolist() == [3.0, 4.0]


def test_length_bias_counts_what_it_excludes_and_tests_against_a_coin():
    rows = [(20, 10, 1)] * 15 + [(20, 10, 2)] * 5 + [(10, 10, 1)] * 3 + [(20, 10, 0)] * 2
    bias = judging.length_bias(judgements(rows))
    assert bias["comparisons"] == 25 and bias["decided_unequal"] == 20 and bias["excluded"] == 5
    assert bias["share_longer_preferred"] == pytest.approx(0.75)
    assert bias["ci_low"] < 0.75 < bias["ci_high"] < 1
    assert bias["p_value"] == pytest.approx(0.0414, abs=1e-4)  # two-sided, 15 of 20
    even = judging.length_bias(judgements([(20, 10, 1)] * 10 + [(20, 10, 2)] * 10))
    assert even["p_value"] == pytest.approx(1.0)


def test_leaderboard_correlation_ranks_length_against_score_and_skips_gaps():
    board = pd.DataFrame(
        {
            "avg_length": [100, 200, 300, 400, None],
            "win_rate": [10.0, 30.0, 20.0, 40.0, 99.0],
        }
    )
    found = judging.leaderboard_length_correlation(board)
    assert found["models"] == 4
    assert found["rho"] == pytest.approx(0.8)
    reversed_board = board.assign(win_rate=-board["win_rate"])
    assert judging.leaderboard_length_correlation(reversed_board)["rho"] == pytest.approx(-0.8)

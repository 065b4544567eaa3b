"""Reasoning paths: equation lists and their deduplication, on hand-made solutions."""

from __future__ import annotations

import pandas as pd

from sftsurvey import reasoning


def test_equation_list_keeps_order_and_drops_spaces():
    text = "She has 16 - 3 = <<16 - 3=13>>13 eggs, so 13 * 2 = $<<13*2=26>>26\nA: 26"
    assert reasoning.equation_list(text) == ("16-3=13", "13*2=26")
    assert reasoning.equation_list("no calculator notes") == ()


def test_paths_per_question_counts_distinct_correct_paths():
    ref = "<<2*3=6>>6 then <<6+1=7>>7"
    samples = pd.DataFrame(
        {
            "instruction": ["q"] * 4,
            "output": [ref, "<<3*2=6>>6, <<6+1=7>>7", "<<3*2=6>> <<6+1=7>>", "<<2+3=5>>5"],
            "reference": [ref] * 4,
            "is_correct": [True, True, True, False],
        }
    )
    row = reasoning.paths_per_question(samples).iloc[0]
    assert (row["samples"], row["correct"]) == (4, 3)
    assert row["distinct_correct_paths"] == 2  # the reference's path and one other
    assert row["new_paths"] == 1


def test_repeated_paths_counts_questions_with_two_shown_solutions():
    samples = pd.DataFrame(
        {
            "instruction": ["q1", "q1", "q1", "q2", "q2", "q3", "q3"],
            "output": [
                "<<1+1=2>>",
                "<<1 + 1=2>>",
                "<<2*1=2>>",
                "<<3=3>>",
                "no work",
                "<<4=4>>",
                "x",
            ],
            "is_correct": [1, 1, 0, 1, 1, 1, 0],
        }
    )
    repeated = reasoning.repeated_paths(samples)
    # q1: two correct with calculations, the same path; q2: one with calculations; q3: one correct
    assert repeated.index.tolist() == ["q1"]
    assert repeated.loc["q1", "size"] == 2 and repeated.loc["q1", "nunique"] == 1
    assert reasoning.share_repeating(repeated) == 1.0
    samples.loc[1, "output"] = "<<1+1=2>> <<2+0=2>>"
    assert reasoning.share_repeating(reasoning.repeated_paths(samples)) == 0.0

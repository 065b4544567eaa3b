"""What a quality filter keeps of a random sample of the same pool, on small tables."""

from __future__ import annotations

import pandas as pd
import pytest

from sftsurvey import filtering


def examples(rows: list[tuple[str, str | None]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["instruction", "input"])


def test_the_key_trims_whitespace_and_reads_a_missing_input_as_empty():
    keys = filtering.example_key(examples([(" Add 2 and 3. ", None), ("Add 2 and 3.", "  ")]))
    assert keys[0] == keys[1] == "Add 2 and 3.\x1f"


def test_the_key_separates_instruction_from_input():
    # "ab" + "c" and "a" + "bc" must not collide
    keys = filtering.example_key(examples([("ab", "c"), ("a", "bc")]))
    assert keys[0] != keys[1]


def test_mark_kept_marks_exactly_the_examples_the_filter_kept():
    sample = examples([("Sort the list.", "3 1 2"), ("Name a colour.", None), ("Translate.", "hi")])
    filtered = examples([("Translate.", "hi "), ("Sort the list.", "1 2 3"), ("Other.", "")])
    kept = filtering.mark_kept(sample, filtered)
    assert kept.name == "kept"
    # the same instruction with another input is a different example
    assert kept.tolist() == [False, False, True]
    assert kept.index.equals(sample.index)


def sample() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "instruction": ["Write a poem", "Give three tips", "Write a story", "Name it"],
            "input": ["", "about sleep", "", ""],
            "output": ["one two three four", "a b c d e f", "x", "y z"],
        }
    )


def test_kept_summary_sets_kept_beside_dropped():
    kept = pd.Series([True, True, False, False])
    features = pd.DataFrame({"noun": ["poem", "tips", None, None]})
    summary = filtering.kept_summary(sample(), kept, features)
    assert summary.loc["kept", "examples"] == 2 and summary.loc["dropped", "examples"] == 2
    assert summary.loc["kept", "output_words"] == 5  # median of 4 and 6 words
    assert summary.loc["dropped", "output_words"] == 1.5
    assert summary.loc["kept", "share_with_input"] == 0.5
    assert summary.loc["dropped", "share_verb_noun"] == 0
    assert filtering.median_output_words(summary) == (5, 1)
    assert filtering.length_lean(summary) == 1
    assert filtering.length_lean(filtering.kept_summary(sample(), ~kept, features)) == -1


def test_kept_share_by_verb_keeps_the_most_frequent_verbs():
    verbs = pd.Series(["write", "write", "give", "write", "name", None])
    kept = pd.Series([True, False, True, True, False, True])
    share = filtering.kept_share_by_verb(verbs, kept, top=2)
    assert share.index.tolist() == ["write", "give"]  # least to most kept
    assert share["write"] == pytest.approx(2 / 3) and share["give"] == 1

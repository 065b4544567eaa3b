"""What a quality filter keeps of a random sample of the same pool, on small tables."""

from __future__ import annotations

import pandas as pd

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

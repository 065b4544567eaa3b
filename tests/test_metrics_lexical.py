"""MTLD and distinct-n on texts whose values are worked out by hand."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from sftsurvey.metrics.lexical import corpus_mtld, distinct_n, mtld, mtld_per_text


def test_distinct_1_and_2_of_a_a_b():
    assert distinct_n("a a b", 1) == pytest.approx(2 / 3)  # 3 unigrams, 2 distinct
    assert distinct_n("a a b", 2) == 1.0  # (a, a), (a, b)


def test_distinct_n_over_a_corpus():
    assert distinct_n(["a b", "a b"], 2) == 0.5
    assert distinct_n(["a b", "b a"], 2) == 1.0
    assert distinct_n(["The cat", "the CAT."], 1) == 0.5  # lower-cased, punctuation dropped
    assert distinct_n(pd.Series(["x y z", "x"]), 1) == 0.75


def test_distinct_n_does_not_cross_texts():
    assert math.isnan(distinct_n(["a", "b"], 2))  # no text has a bigram
    assert math.isnan(distinct_n([""], 1))
    with pytest.raises(ValueError, match="n must be at least 1"):
        distinct_n("a", 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # every word new: the TTR never falls, one factor, MTLD = number of words
        ("a b c d", 4.0),
        # forward: TTR 1, 1/2 <= 0.72 (factor), 1, 1/2 (factor): 4 words / 2 factors; same backward
        ("a a a a", 2.0),
        # forward: a a (factor) b: partial factor (1 - 1)/0.28 = 0, so 3 / 1; backward b a a: 3 / 1
        ("a a b", 3.0),
        # forward: 1, 1, 2/3 (factor), then b alone adds 0: 4 / 1; backward alike
        ("a b a b", 4.0),
        # TTR ends at 5/6 both ways without a full factor: 6 / ((1 - 5/6) / 0.28) = 36 * 0.28
        ("The cat sat on the mat.", 10.08),
    ],
)
def test_mtld_by_hand(text, expected):
    assert mtld(text) == pytest.approx(expected)


def test_mtld_of_a_text_without_words_is_nan():
    assert math.isnan(mtld(""))
    assert math.isnan(mtld("42 - 7"))  # lexicalrichness drops digits and dashes


def test_mtld_per_text_and_over_the_corpus():
    texts = pd.Series(["a b", "a b"], index=["x", "y"])
    per_text = mtld_per_text(texts)
    assert per_text.index.tolist() == ["x", "y"]
    assert per_text.tolist() == [2.0, 2.0]
    # read as one stream "a b a b": 4 words, one factor, not the mean of the per-text values
    assert corpus_mtld(texts) == pytest.approx(mtld("a b a b")) == pytest.approx(4.0)


def test_mtld_threshold_is_passed_on():
    # at 0.72 the TTR 2/3 of "a b a" ends one full factor: 3 / 1 both ways
    assert mtld("a b a") == pytest.approx(3.0)
    # at 0.5 it does not: a partial factor (1 - 2/3) / 0.5 = 2/3, so 3 / (2/3) both ways
    assert mtld("a b a", threshold=0.5) == pytest.approx(4.5)


def test_digits_are_dropped_by_default_and_kept_on_request():
    from sftsurvey.metrics.lexical import mtld, mtld_tokens, wordless

    assert mtld_tokens("Hello, world-wide 42 times!") == ["hello", "worldwide", "times"]
    assert mtld_tokens("Hello, world-wide 42 times!", keep_digits=True) == [
        "hello",
        "worldwide",
        "42",
        "times",
    ]
    assert math.isnan(mtld("3 - 1 = 2")) and mtld("3 - 1 = 2", keep_digits=True) == 3.0
    assert wordless(["42", "1-2", "a b", ""]) == 3
    assert wordless(["42", "1-2", "a b", ""], keep_digits=True) == 1

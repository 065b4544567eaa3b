"""Word and character counts on hand-made texts."""

from __future__ import annotations

import pandas as pd
import pytest

from sftsurvey.metrics.lengths import char_count, char_counts, lengths, word_count, word_counts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Write a poem about cats.", 5),
        ("", 0),
        ("   \n\t ", 0),
        ("It doesn't include eggs, yet has 700-1000 calories.", 8),
        ("a well-known fact", 3),
        ("e.g. this", 3),  # "e", "g", "this"
        ("- milk\n* eggs\n# Shopping", 3),  # Markdown marks are not words
        ("naïve café", 2),  # Unicode letters stay inside one word
        ("snake_case and CamelCase", 3),
        ("it’s", 1),  # a typographic apostrophe joins too
    ],
)
def test_word_count(text, expected):
    assert word_count(text) == expected


def test_char_count_is_code_points():
    assert char_count("naïve") == 5
    assert char_count("") == 0
    assert char_count("a b\n") == 4


def test_counts_align_with_series_index():
    texts = pd.Series(["one two", "", "three"], index=[10, 20, 30])
    words = word_counts(texts)
    assert words.tolist() == [2, 0, 1]
    assert words.index.tolist() == [10, 20, 30]
    assert words.dtype == "int64"
    assert char_counts(texts).tolist() == [7, 0, 5]


def test_lengths_table_from_a_list():
    table = lengths(["Hello, world!", "Hi"])
    assert table.columns.tolist() == ["words", "chars"]
    assert table.to_dict("list") == {"words": [2, 1], "chars": [13, 2]}


def test_missing_text_is_an_error_not_zero():
    with pytest.raises(ValueError, match="1 missing texts.*fill them with ''"):
        word_counts(pd.Series(["a", None]))
    with pytest.raises(TypeError, match="collection of texts"):
        word_counts("just one string")
    with pytest.raises(TypeError, match="must be strings"):
        char_counts([1, 2])

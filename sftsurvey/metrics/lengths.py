"""Lengths of texts: words and characters, for one text or a whole column.

Length is the first thing the surveyed papers report about their data: Self-Instruct
(``wang2022selfinstruct``) plots the length distribution of its generated instructions, inputs and
outputs.

A *word* is a match of :data:`WORD_PATTERN`: a run of letters, digits or underscores, which may
be joined into one word by an apostrophe or a hyphen (``doesn't``, ``well-known``, ``700-1000``).
Punctuation and Markdown marks (``-``, ``*``, ``#``) are not words, and ``e.g.`` is two. This
differs from whitespace splitting (``len(text.split())``, which Self-Instruct's length filter
uses) on texts with free-standing punctuation. ``\\w`` is Unicode-aware, so accented words count
as one; in languages written without spaces (Chinese, Japanese) a run of characters counts as one
word, so use character counts there.

*Characters* are Unicode code points (``len(text)``), not bytes or user-perceived characters.
Missing values (``None``, ``NaN``) raise an error rather than being counted as empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

WORD_PATTERN = r"\w+(?:['’-]\w+)*"
"""The regular expression of a word (see the module's docstring)."""
"""The regular expression one word matches (Python :mod:`re` syntax, Unicode ``\\w``)."""

_WORD = re.compile(WORD_PATTERN)


def word_count(text: str) -> int:
    """Number of words in ``text`` (matches of :data:`WORD_PATTERN`)."""
    return sum(1 for _ in _WORD.finditer(text))


def char_count(text: str) -> int:
    """Number of characters (Unicode code points) in ``text``."""
    return len(text)


def word_counts(texts: pd.Series | Iterable[str]) -> pd.Series:
    """Word count of each text, as an integer Series aligned with ``texts``."""
    series = as_texts(texts)
    return pd.Series([word_count(t) for t in series], index=series.index, dtype="int64")


def char_counts(texts: pd.Series | Iterable[str]) -> pd.Series:
    """Character count of each text, as an integer Series aligned with ``texts``."""
    series = as_texts(texts)
    return pd.Series([len(t) for t in series], index=series.index, dtype="int64")


def lengths(texts: pd.Series | Iterable[str]) -> pd.DataFrame:
    """Word and character counts of each text: columns ``words`` and ``chars``."""
    series = as_texts(texts)
    return pd.DataFrame({"words": word_counts(series), "chars": char_counts(series)})


def as_texts(texts: pd.Series | Iterable[str]) -> pd.Series:
    """``texts`` as a Series, keeping its index; an error for one bare string or a missing text."""
    if isinstance(texts, str):
        raise TypeError("expected a collection of texts, got one string; wrap it in a list")
    series = texts if isinstance(texts, pd.Series) else pd.Series(list(texts), dtype=object)
    missing = series.isna()
    if missing.any():
        where = list(series.index[missing][:5])
        raise ValueError(
            f"{int(missing.sum())} missing texts (at {where}); "
            "drop them, or fill them with '' if they mean empty text"
        )
    bad = [i for i, t in series.items() if not isinstance(t, str)]
    if bad:
        raise TypeError(f"texts must be strings; not at {bad[:5]}")
    return series

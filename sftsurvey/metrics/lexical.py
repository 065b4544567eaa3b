"""Lexical diversity: MTLD per text and over a corpus, and distinct-n over a corpus.

MTLD (McCarthy and Jarvis, 2010) is the mean length of the stretches of text over which the
type–token ratio stays above a threshold, averaged over a forward and a backward pass; it depends
much less on text length than the plain type–token ratio. We call
the ``lexicalrichness`` package with its default threshold (0.72) and its default tokenisation:
lower-cased, digits and hyphens removed, punctuation split off. A text made of digits, hyphens
and punctuation only (``"42"``, ``"3 - 1 = 2"``) thus has no words and no MTLD: an average of
per-text values leaves it out (:func:`wordless` counts them). ``keep_digits=True`` is the
alternative reading: the same tokenisation with digits kept as words (each run of digits one word).
No lemmatisation either way: inflected forms are distinct types.

distinct-n (Li et al., 2016, "A Diversity-Promoting Objective Function for Neural Conversation
Models", NAACL) is the number of distinct n-grams divided by the number of all n-grams. We write
it ourselves because it is a few lines, and the versions in other packages differ silently in
the choices that matter here: the tokenisation, and whether n-grams run across the boundary
between two texts. Here texts are lower-cased and split into words by
:data:`sftsurvey.metrics.lengths.WORD_PATTERN`, and n-grams stay inside one text.
"""

from __future__ import annotations

import math
import re
import string
from collections.abc import Iterable

import pandas as pd
from lexicalrichness import LexicalRichness

from sftsurvey.metrics.lengths import WORD_PATTERN, as_texts

MTLD_THRESHOLD = 0.72
"""MTLD's type–token-ratio threshold: McCarthy and Jarvis's value, ``lexicalrichness``'s default."""

_WORD = re.compile(WORD_PATTERN)


_PUNCTUATION = str.maketrans({char: " " for char in string.punctuation})


def tokens_with_digits(text: str) -> list[str]:
    """``lexicalrichness``'s default tokens, but digits kept: lower-cased, dashes and hyphens
    removed, punctuation replaced by spaces, split on whitespace."""
    text = text.lower().replace("–", "").replace("—", "").replace("-", "")
    return text.translate(_PUNCTUATION).split()


def mtld_tokens(text: str, keep_digits: bool = False) -> list[str]:
    """The words MTLD counts in ``text`` (the library's default tokens, or with digits kept)."""
    if keep_digits:
        return tokens_with_digits(text)
    return LexicalRichness(text).wordlist


def mtld(text: str, threshold: float = MTLD_THRESHOLD, keep_digits: bool = False) -> float:
    """MTLD of one text; ``NaN`` when it has no words (after ``lexicalrichness``'s tokenisation)."""
    if keep_digits:
        richness = LexicalRichness(tokens_with_digits(text), preprocessor=None, tokenizer=None)
    else:
        richness = LexicalRichness(text)
    if richness.words == 0:
        return math.nan
    return float(richness.mtld(threshold=threshold))


def mtld_per_text(
    texts: pd.Series | Iterable[str], threshold: float = MTLD_THRESHOLD, keep_digits: bool = False
) -> pd.Series:
    """MTLD of each text, as a float Series aligned with ``texts`` (``NaN`` for a wordless text)."""
    series = as_texts(texts)
    values = [mtld(t, threshold, keep_digits) for t in series]
    return pd.Series(values, index=series.index, dtype="float64")


def wordless(texts: pd.Series | Iterable[str], keep_digits: bool = False) -> int:
    """How many texts have no MTLD words, so an average of per-text MTLD leaves them out."""
    return sum(not mtld_tokens(text, keep_digits) for text in as_texts(texts))


def corpus_mtld(
    texts: pd.Series | Iterable[str], threshold: float = MTLD_THRESHOLD, keep_digits: bool = False
) -> float:
    """MTLD of all texts read as one stream of words, in order.

    Unlike an average of per-text values, this rewards vocabulary that differs *between* texts,
    and a stretch may run from one text into the next. No text is left out, but the digits of
    every text are, unless ``keep_digits``.
    """
    series = as_texts(texts)
    return mtld(" ".join(series), threshold, keep_digits)


def words(text: str) -> list[str]:
    """The lower-cased words of ``text`` that distinct-n counts."""
    return _WORD.findall(text.lower())


def distinct_n(texts: str | pd.Series | Iterable[str], n: int = 1) -> float:
    """Distinct n-grams / all n-grams over ``texts`` (one text or many); ``NaN`` if there are none.

    ``distinct_n("a a b", 1)`` is 2/3: three unigrams, two of them distinct.
    """
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    series = as_texts([texts] if isinstance(texts, str) else texts)
    seen: set[tuple[str, ...]] = set()
    total = 0
    for text in series:
        tokens = words(text)
        grams = [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
        seen.update(grams)
        total += len(grams)
    return len(seen) / total if total else math.nan

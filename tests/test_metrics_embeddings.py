"""The numpy all-MiniLM-L6-v2 encoder: known similarities, unit norm, and batching invariance.

The match with sentence-transformers 6.2.0 on torch 2.13.0 was checked outside the project (it
needs torch): on 300 real instructions, 30 texts cut at 256 tokens and the 9,229 AlpaGasus
instructions, no component differed by more than 2.5e-7. Here, without torch, we check the
similarities that sentence-transformers gives (recorded in the data mirror's MODELS.md: 0.736
and 0.028).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sftsurvey.metrics.embeddings import DIMENSION, embed, max_seq_length

HEALTHY = "Give three tips for staying healthy."
FIT = "What are some ways to keep fit and healthy?"
REVERSE = "Write a Python function that reverses a string."

TEXTS = [
    HEALTHY,
    FIT,
    REVERSE,
    "",
    "Translate 'good morning' into French.",
    "Sort the following numbers in ascending order: 5, 3, 9, 1.",
    "Écris un poème sur la mer.",
]


@pytest.fixture(scope="module")
def vectors() -> np.ndarray:
    return embed(TEXTS)


def test_shape_type_and_unit_norm(vectors):
    assert vectors.shape == (len(TEXTS), DIMENSION)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-6)


def test_known_similarities(vectors):
    cosine = vectors @ vectors.T
    assert cosine[0, 1] == pytest.approx(0.736, abs=0.001)
    assert cosine[0, 2] == pytest.approx(0.028, abs=0.005)
    assert cosine[0, 1] > 0.7 > 0.1 > cosine[1, 2]


def test_deterministic_and_independent_of_batching(vectors):
    np.testing.assert_array_equal(embed(TEXTS), vectors)
    for batch_size in (1, 3):
        np.testing.assert_allclose(embed(TEXTS, batch_size=batch_size), vectors, atol=1e-6)
    reordered = embed(TEXTS[::-1], batch_size=2)[::-1]
    np.testing.assert_allclose(reordered, vectors, atol=1e-6)
    single = np.vstack([embed([t]) for t in TEXTS[:3]])
    np.testing.assert_allclose(single, vectors[:3], atol=1e-6)


def test_long_texts_are_truncated_to_the_models_length():
    assert max_seq_length() == 256
    long, longer = embed(["Explain photosynthesis. " * 90, "Explain photosynthesis. " * 300])
    np.testing.assert_allclose(long, longer, atol=1e-6)  # the same first 254 word pieces


def test_inputs_and_progress(vectors, capsys):
    series = pd.Series(TEXTS[:2], index=[10, 20])
    np.testing.assert_allclose(embed(series, progress=True), vectors[:2], atol=1e-6)
    assert "Embedding texts" in capsys.readouterr().err
    assert embed([]).shape == (0, DIMENSION)
    with pytest.raises(TypeError, match="one string"):
        embed(HEALTHY)
    with pytest.raises(ValueError, match="missing"):
        embed(pd.Series([HEALTHY, None]))
    with pytest.raises(ValueError, match="batch_size"):
        embed(TEXTS, batch_size=0)

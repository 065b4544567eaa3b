"""The profiler's measurements: exact reductions, and the book's numbers by the same code path."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest

from sftsurvey import corpora, set_measures
from sftsurvey.profile import compare, measures
from sftsurvey.profile.engines import frame_chunks, run
from sftsurvey.profile.measures import mean_of, median_of

CHEAP_AND_PARSE = ("lengths", "duplicates", "overlap", "lexical", "structure", "complexity")


@pytest.mark.parametrize("n", [1, 2, 5, 10, 101])
def test_median_and_mean_of_value_counts_equal_pandas(n):
    rng = np.random.default_rng(n)
    for values in (rng.integers(0, 6, n), rng.random(n).round(2)):
        series = pd.Series(values)
        counts = Counter(values.tolist())
        assert median_of(counts) == series.median()
        assert mean_of(counts) == pytest.approx(series.mean(), rel=1e-12)
    assert np.isnan(median_of(Counter()))


@pytest.fixture(scope="module")
def code_alpaca() -> pd.DataFrame:
    return corpora.load_set("code-alpaca")


@pytest.fixture(scope="module")
def seeds() -> list[str]:
    return compare.seed_instructions()


def test_chunking_changes_no_number(code_alpaca, seeds):
    frame = code_alpaca.head(600)
    one = run(frame_chunks(frame), CHEAP_AND_PARSE, seeds).measurements
    many = run(frame_chunks(frame, size=77), CHEAP_AND_PARSE, seeds).measurements
    assert one.keys() == many.keys()
    for name, value in one.items():
        assert value == pytest.approx(many[name], rel=1e-12, nan_ok=True), name


def test_duplicates_are_counted_against_earlier_records(seeds):
    frame = pd.DataFrame(
        {
            "instruction": ["a", "a", "b", "a"],
            "input": ["", "", "", "x"],
            "output": ["1", "2", "3", "1"],
        }
    )
    found = run(frame_chunks(frame, size=2), ("duplicates",), seeds).measurements
    assert found["exact duplicate rate (prompt)"] == 0.25  # record 2 repeats record 1's prompt
    assert found["exact duplicate rate (record)"] == 0.0


def test_the_self_instruct_statistics_are_the_books(code_alpaca, seeds):
    """The book's statistics table (notebooks/diversity-self-instruct.md) by the profile's code."""
    features = corpora.parse_features(code_alpaca["instruction"])
    book = set_measures.set_statistics(code_alpaca, features, pd.Series(seeds))
    ours = run(frame_chunks(code_alpaca), CHEAP_AND_PARSE, seeds).measurements
    same = [
        "share with input",
        "instruction words (mean)",
        "input words (mean, non-empty)",
        "output words (mean)",
        "share with verb–noun pair",
        "distinct root verbs",
        "ROUGE-L to nearest seed (median)",
        "share with ROUGE-L > 0.7",
        "MTLD of instructions",
        "distinct-2 (1000 sampled instructions)",
    ]
    for name in same:
        assert ours[name] == pytest.approx(book[name], rel=1e-12), name
    assert ours["records"] == book["instructions"]


def test_the_seed_set_is_compared_with_the_other_seeds_as_in_the_book(seeds):
    """Profiling the seeds themselves leaves each seed's match with itself out, as the book does."""
    frame = pd.DataFrame({"instruction": seeds, "input": "", "output": "x"})
    ours = run(frame_chunks(frame), ("overlap",), seeds).measurements
    features = pd.DataFrame({"verb": [None] * len(seeds), "noun": [None] * len(seeds)})
    book = set_measures.set_statistics(frame, features, pd.Series(seeds))
    assert ours["ROUGE-L to nearest seed (median)"] == pytest.approx(
        book["ROUGE-L to nearest seed (median)"], rel=1e-12
    )
    assert ours["ROUGE-L to nearest seed (median)"] < 1.0  # never the seed against itself
    assert ours["share with ROUGE-L > 0.7"] == pytest.approx(book["share with ROUGE-L > 0.7"])


def test_the_diversity_table_is_the_books():
    """notebooks/diversity-embeddings.md computed its table directly before; same numbers now."""
    from sftsurvey.metrics import lengths, lexical, selection

    sets = corpora.load_all()
    vectors = compare.sample_vectors()
    pooled = np.vstack(list(vectors.values()))
    labels = selection.kmeans_labels(pooled, compare.N_CLUSTERS, seed=0)
    offsets = np.cumsum([0] + [len(v) for v in vectors.values()])
    table = compare.comparison_table(compare.surveyed_profiles(), compare.DIVERSITY_COLUMNS)
    for i, (label, frame) in enumerate(sets.items()):
        X = vectors[label]
        book = {
            "instructions": len(frame),
            "instruction words (mean)": lengths.word_counts(frame["instruction"]).mean(),
            "output words (mean)": lengths.word_counts(frame["output"]).mean(),
            "MTLD of instructions": lexical.corpus_mtld(frame["instruction"]),
            "mean pairwise cosine distance": selection.mean_pairwise_cosine_distance(X),
            "Vendi score": selection.vendi_score(X),
            "nearest-neighbour cosine (median)": float(
                np.median(selection.nearest_neighbour_similarity(X))
            ),
            "topic clusters reached (of 30)": len(set(labels[offsets[i] : offsets[i + 1]])),
        }
        for column, value in book.items():
            assert table.loc[label, column] == pytest.approx(value, rel=1e-12), (label, column)


def test_a_new_vector_goes_to_the_nearest_cluster():
    clusters = compare.reference_clusters()
    vectors = compare.sample_vectors()["code-alpaca"]
    assert clusters.reached(vectors) == 20
    moved = vectors + np.float32(1e-4)  # not pooled rows any more: nearest mean
    assert clusters.reached(moved) >= 1
    assert (clusters.assign(moved) == clusters.assign(vectors)).mean() > 0.8


def test_every_measurement_is_defined():
    assert set(measures.DEFINITIONS) >= {
        "near-duplicate rate (prompt)",
        "Vendi score",
        "topic clusters reached",
    }
    for group, definition, scope in measures.DEFINITIONS.values():
        assert group in measures.GROUPS and definition and scope


def test_the_embedding_sample_is_the_books():
    assert measures.EMBED_SAMPLE == corpora.EMBED_SAMPLE

"""The instruction sets of the real-data analyses: loading, sampling and cached features."""

from __future__ import annotations

import pandas as pd
import pytest

from sftsurvey import corpora, datasets


@pytest.fixture
def fake_files(monkeypatch):
    """Replace the registered dataset files by small tables (no download, no mirror)."""
    files = {
        "one": pd.DataFrame(
            {"instruction": ["a", "b"], "input": ["x", None], "output": ["1", "2"], "id": [7, 8]}
        ),
        "two": pd.DataFrame({"instruction": ["c"], "input": [None], "output": [None]}),
    }
    monkeypatch.setattr(datasets, "load", lambda name: files[name].copy())
    monkeypatch.setitem(corpora.INSTRUCTION_SETS, "Both", ("one", "two"))
    return files


def test_a_set_concatenates_its_files_with_their_source(fake_files):
    frame = corpora.load_set("Both")
    assert list(frame.columns) == ["instruction", "input", "output", "source"]
    assert frame["instruction"].tolist() == ["a", "b", "c"]
    assert frame["source"].tolist() == ["one", "one", "two"]
    # a missing input or output is empty text, not NaN; the index runs over the whole set
    assert frame["input"].tolist() == ["x", "", ""] and frame["output"].tolist() == ["1", "2", ""]
    assert frame.index.tolist() == [0, 1, 2]


def test_every_set_names_registered_files():
    registered = datasets.registry()
    for label, names in corpora.INSTRUCTION_SETS.items():
        assert names, label
        for name in names:
            assert name in registered, (label, name)


def test_sample_is_fixed_sorted_and_keeps_small_frames_whole():
    frame = pd.DataFrame({"instruction": [f"i{n}" for n in range(50)]})
    small = frame.head(5)
    assert corpora.sample(small, n=10) is small
    first, again = corpora.sample(frame, n=10), corpora.sample(frame, n=10)
    assert len(first) == 10 and first.index.is_monotonic_increasing
    assert first.index.tolist() == again.index.tolist()
    assert first.index.tolist() != corpora.sample(frame, n=10, seed=1).index.tolist()


def test_parse_features_keep_the_callers_index_and_come_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SFTSURVEY_CACHE", str(tmp_path))
    instructions = pd.Series(["Write a poem about the sea.", "Translate the sentence into French."])
    instructions.index = [10, 20]
    features = corpora.parse_features(instructions)
    assert features.index.tolist() == [10, 20]
    assert features.loc[10, "verb"] == "write" and features.loc[20, "verb"] == "translate"
    assert {"tokens", "depth", "clauses", "constraints"} <= set(features.columns)
    assert len(list((tmp_path / "intermediates").glob("parse-features-*.pkl"))) == 1

    def no_parse(*args, **kwargs):
        raise AssertionError("parsed again although the cache holds these instructions")

    from sftsurvey.metrics import parsing

    monkeypatch.setattr(parsing, "parse", no_parse)
    again = corpora.parse_features(instructions.set_axis([1, 2]))
    assert again.index.tolist() == [1, 2]
    assert again["verb"].tolist() == features["verb"].tolist()


def test_precompute_fills_the_cache_for_every_notebook_column(monkeypatch):
    columns = {"A": pd.Series(["p", "q"]), "B": pd.Series(["r"])}
    sets = {"S": pd.DataFrame({"instruction": ["s", "t", "u"]})}
    parsed, embedded = [], []
    monkeypatch.setattr(corpora, "notebook_instruction_columns", lambda: columns)
    monkeypatch.setattr(corpora, "load_all", lambda: sets)
    monkeypatch.setattr(corpora, "parse_features", lambda c, progress: parsed.append(list(c)))
    monkeypatch.setattr(corpora, "embeddings", lambda t, progress: embedded.append(list(t)))
    assert corpora.precompute(progress=False) == {"A": 2, "B": 1}
    assert parsed == [["p", "q"], ["r"]]
    assert embedded == [["s", "t", "u"]]

"""ROUGE-L: hand-worked values, and the fast nearest-reference path against rouge-score itself."""

from __future__ import annotations

import json
import os
import random
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sftsurvey.metrics.overlap import (
    SELF_INSTRUCT_MAX_ROUGE_L,
    nearest_rouge_l,
    rouge_l,
    rouge_tokens,
)
from sftsurvey.paths import ROOT

DATA = Path(os.environ.get("SFTSURVEY_DATA_MIRROR", ROOT.parent / "shared" / "data"))


def seed_tasks() -> list[dict]:
    path = DATA / "alpaca" / "seed_tasks.jsonl"
    assert path.is_file(), f"missing {path}: set SFTSURVEY_DATA_MIRROR to the shared data folder"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def fast(a: str, b: str) -> float:
    return float(nearest_rouge_l([a], [b])["rouge_l"].iloc[0])


def test_rouge_tokens_are_rouge_scores():
    assert rouge_tokens("Hello, World! It's 2023.") == ["hello", "world", "it", "s", "2023"]


@pytest.mark.parametrize("score", [rouge_l, fast])
def test_identical_disjoint_and_empty(score):
    text = "Write a poem about cats."
    assert score(text, text) == 1.0
    assert score("write a poem", "WRITE, a poem!") == 1.0  # case and punctuation do not count
    assert score(text, "Sort these numbers descending") == 0.0
    assert score(text, "") == 0.0
    assert score("", "") == 0.0


@pytest.mark.parametrize("score", [rouge_l, fast])
def test_hand_worked_pair(score):
    # 6 and 5 tokens; longest common subsequence "write a poem about" has 4, so P = 4/5, R = 4/6
    # and F = 2PR / (P + R) = 2 * 4 / (5 + 6) = 8/11, whichever text is the reference
    a, b = "Write a short poem about cats.", "Write a poem about dogs."
    assert score(a, b) == pytest.approx(8 / 11, abs=1e-15)
    assert score(b, a) == pytest.approx(8 / 11, abs=1e-15)


def _pairs(n: int) -> list[tuple[str, str]]:
    """Real instructions, inputs and outputs, paired at random or with an edited copy."""
    rng = random.Random(0)
    texts = []
    for task in seed_tasks():
        texts.append(task["instruction"])
        texts.extend(v for i in task["instances"] for v in (i["input"], i["output"]) if v)
    pairs = []
    for k in range(n):
        a = rng.choice(texts)
        if k % 2:  # a near-duplicate: drop, repeat and swap some words
            words = a.split()
            words = [w for w in words if rng.random() > 0.2] + rng.sample(words, min(3, len(words)))
            head = words[: len(words) // 3]
            rng.shuffle(head)
            b = " ".join(head + words[len(head) :])
        else:
            b = rng.choice(texts)
        pairs.append((a, b))
    return pairs


def test_fast_path_equals_rouge_score_exactly():
    pairs = _pairs(200)
    expected = [rouge_l(a, b) for a, b in pairs]
    got = [fast(a, b) for a, b in pairs]
    assert got == expected  # equal floats, not just close
    assert len({round(v, 3) for v in expected}) > 50  # the pairs cover a range of scores


def test_nearest_matches_brute_force_on_seed_instructions():
    seeds = [t["instruction"] for t in seed_tasks()]
    candidates = [o for t in seed_tasks()[:15] for i in t["instances"] for o in [i["output"]]]
    candidates += seeds[:5]
    result = nearest_rouge_l(candidates, seeds)
    for k, cand in enumerate(candidates):
        scores = [rouge_l(cand, s) for s in seeds]
        assert result["rouge_l"].iloc[k] == max(scores)
        assert result["nearest"].iloc[k] == int(np.argmax(scores))
    assert result["rouge_l"].iloc[-5:].tolist() == [1.0] * 5  # each seed finds itself
    assert result["nearest"].iloc[-5:].tolist() == [0, 1, 2, 3, 4]


def test_a_set_against_itself_leaves_out_each_member():
    seeds = [t["instruction"] for t in seed_tasks()][:40]
    result = nearest_rouge_l(seeds, seeds, exclude_self=True)
    for k, seed in enumerate(seeds):
        others = [rouge_l(seed, s) if j != k else -1.0 for j, s in enumerate(seeds)]
        assert result["rouge_l"].iloc[k] == max(others)
        assert result["nearest"].iloc[k] == int(np.argmax(others)) != k
    assert (result["rouge_l"] < 1.0).all()  # without the exclusion every seed scores 1.0
    assert (nearest_rouge_l(seeds, seeds)["rouge_l"] == 1.0).all()
    # an exact duplicate at another position is another member, so it still counts
    twice = nearest_rouge_l(["a b", "c", "a b"], ["a b", "c", "a b"], exclude_self=True)
    assert twice["rouge_l"].tolist() == [1.0, 0.0, 1.0] and twice["nearest"].tolist() == [2, 0, 0]
    alone = nearest_rouge_l(["a"], ["a"], exclude_self=True)
    assert alone["rouge_l"].tolist() == [0.0] and alone["nearest"].tolist() == [-1]
    with pytest.raises(ValueError, match="same texts in the same order"):
        nearest_rouge_l(["a", "b"], ["b", "a"], exclude_self=True)


def test_the_seed_row_of_the_statistics_table_compares_seeds_with_other_seeds():
    from sftsurvey import set_measures

    seeds = pd.Series([t["instruction"] for t in seed_tasks()][:30])
    frame = pd.DataFrame({"instruction": seeds, "input": "", "output": "x"})
    features = pd.DataFrame({"noun": ["n"] * 30, "verb": ["v"] * 30})
    row = set_measures.set_statistics(frame, features, seeds)
    others = nearest_rouge_l(seeds, seeds, exclude_self=True)["rouge_l"]
    assert row["ROUGE-L to nearest seed (median)"] == others.median() < 1.0
    assert row["share with ROUGE-L > 0.7"] == (others > 0.7).mean() < 1.0
    # another set is compared with every seed
    other = set_measures.set_statistics(frame.iloc[:10], features.iloc[:10], seeds)
    assert other["ROUGE-L to nearest seed (median)"] == 1.0


def test_nearest_ties_index_and_no_references():
    candidates = pd.Series(["a b", "c d", "x"], index=["p", "q", "r"])
    result = nearest_rouge_l(candidates, ["a", "b", "c d"])
    assert result.index.tolist() == ["p", "q", "r"]
    assert result["nearest"].tolist() == [0, 2, 0]  # "a" and "b" tie: the first wins
    assert result["rouge_l"].tolist() == pytest.approx([2 / 3, 1.0, 0.0])
    empty = nearest_rouge_l(["a"], [])
    assert empty["nearest"].tolist() == [-1]
    assert empty["rouge_l"].tolist() == [0.0]
    assert nearest_rouge_l([], ["a"]).empty
    with pytest.raises(ValueError, match="missing texts"):
        nearest_rouge_l(["a", None], ["a"])


def test_fast_enough_for_tens_of_thousands(capsys):
    seeds = [t["instruction"] for t in seed_tasks()]
    rng = random.Random(1)
    vocabulary = " ".join(seeds).split()
    candidates = [" ".join(rng.choices(vocabulary, k=rng.randint(4, 30))) for _ in range(20_000)]
    start = time.perf_counter()
    result = nearest_rouge_l(candidates, seeds, progress=True)
    elapsed = time.perf_counter() - start
    assert len(result) == 20_000
    assert elapsed < 10, f"{elapsed:.1f} s for 20,000 candidates x 175 seeds"  # ~0.5 s here
    assert "ROUGE-L to nearest reference" in capsys.readouterr().err


def test_self_instruct_threshold():
    assert SELF_INSTRUCT_MAX_ROUGE_L == 0.7

"""Helpers that pair and compare the instruction sets, on small hand-made frames."""

from __future__ import annotations

import pandas as pd

from sftsurvey import corpora


def test_tree_instruct_pairs_by_id():
    original = pd.DataFrame({"id": [1, 2, 3], "instruction": ["a", "b", "c"]})
    rewritten = pd.DataFrame({"id": [3, 1], "instruction": ["C+", "A+"]})
    pairs = corpora.tree_instruct_pairs(original, rewritten)
    assert list(pairs.columns) == ["id", "instruction_original", "instruction_rewritten"]
    assert pairs.set_index("id")["instruction_rewritten"].to_dict() == {1: "A+", 3: "C+"}


def test_split_agreement_counts_shared_tasks_and_matching_inputs():
    alpaca = pd.DataFrame({"instruction": ["t1", "t1", "t2"], "input": ["x", "y", ""]})
    gpt4 = pd.DataFrame({"instruction": ["t1", "t2", "t3"], "input": ["y", "z", ""]})
    assert corpora.split_agreement(alpaca, gpt4) == (2, 1)

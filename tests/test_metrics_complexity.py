"""Complexity proxies on hand-made parses and instructions."""

from __future__ import annotations

import pandas as pd
import pytest
from spacy.tokens import Doc

from sftsurvey.metrics.complexity import (
    complexity,
    constraint_markers,
    count_constraints,
    n_clauses,
    n_tokens,
    tree_depth,
)
from sftsurvey.metrics.parsing import load_model, parse


def rhymes_doc() -> Doc:
    """ "Write a poem that rhymes and explain why." with its parse written out by hand.

    Write (ROOT) -> poem (dobj) -> rhymes (relcl) -> explain (conj) -> why (advmod): why is 4
    arcs below the root. Clauses: Write (ROOT), rhymes (relcl), explain (conj).
    """
    return Doc(
        load_model().vocab,
        words=["Write", "a", "poem", "that", "rhymes", "and", "explain", "why", "."],
        spaces=[True, True, True, True, True, True, True, False, False],
        heads=[0, 2, 0, 4, 2, 4, 4, 6, 0],
        deps=["ROOT", "det", "dobj", "nsubj", "relcl", "cc", "conj", "advmod", "punct"],
        pos=["VERB", "DET", "NOUN", "PRON", "VERB", "CCONJ", "VERB", "SCONJ", "PUNCT"],
    )


def test_hand_made_parse():
    doc = rhymes_doc()
    assert n_tokens(doc) == 8  # the full stop is not a word
    assert tree_depth(doc) == 4
    assert n_clauses(doc) == 3


def test_one_word_sentence_has_depth_zero():
    doc = Doc(load_model().vocab, words=["Go", "!"], heads=[0, 0], deps=["ROOT", "punct"])
    assert tree_depth(doc) == 0
    assert n_tokens(doc) == 1


def test_model_parse_of_a_short_sentence():
    # Write (ROOT) -> poem (dobj) -> about (prep) -> cats (pobj): depth 3; one clause
    doc = parse(["Write a poem about cats."])[0]
    assert [t.head.text for t in doc] == ["Write", "poem", "Write", "poem", "about", "Write"]
    assert (n_tokens(doc), tree_depth(doc), n_clauses(doc)) == (5, 3, 1)


def test_constraint_markers_of_a_hand_made_instruction():
    text = (
        "Write a haiku about autumn in exactly 3 lines. "
        "Do not use the word 'leaf', and answer in JSON."
    )
    assert constraint_markers(text) == [
        ("bound", "exactly"),
        ("length", "3 lines"),  # one marker, not a number and a unit
        ("rule", "Do not"),
        ("format", "JSON"),
    ]
    assert count_constraints(text) == 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Is this sentence positive?", 0),  # a unit without a number names no length
        ("Answer in at least 50 words.", 2),
        ("Summarize it in no more than two paragraphs, as a bulleted list.", 3),
        ("Give a one-sentence summary without jargon.", 2),
        ("Which one is larger, 1,000.5 or 999?", 2),  # "one" alone is not a number
        ("You must use a table or a numbered list.", 3),
        ("", 0),
    ],
)
def test_constraint_counts(text, expected):
    assert count_constraints(text) == expected


def test_complexity_table():
    texts = pd.Series(["Write a poem about cats.", "Is this sentence positive?"], index=["a", "b"])
    table = complexity(texts)
    assert table.index.tolist() == ["a", "b"]
    assert table.columns.tolist() == ["tokens", "depth", "clauses", "constraints"]
    assert table.loc["a"].tolist() == [5, 3, 1, 0]
    assert table.loc["b", "clauses"] == 1  # the auxiliary "Is" is the root
    assert (table.dtypes == "int64").all()
    # already-parsed documents are used as they are
    assert complexity([rhymes_doc()]).iloc[0].tolist() == [8, 4, 3, 0]

"""Self-Instruct's verb–noun analysis: hand-made sentences, and the 175 seed tasks."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pandas as pd
from spacy.tokens import Doc

from sftsurvey.metrics.parsing import load_model, parse
from sftsurvey.metrics.structure import pair_counts, top_verb_nouns, verb_and_object, verb_nouns
from sftsurvey.paths import ROOT

DATA = Path(os.environ.get("SFTSURVEY_DATA_MIRROR", ROOT.parent / "shared" / "data"))


def seed_instructions() -> list[str]:
    path = DATA / "alpaca" / "seed_tasks.jsonl"
    assert path.is_file(), f"missing {path}: set SFTSURVEY_DATA_MIRROR to the shared data folder"
    return [json.loads(line)["instruction"] for line in path.read_text("utf-8").splitlines()]


def test_write_a_poem_about_cats():
    assert verb_and_object(parse(["Write a poem about cats."])[0]) == ("write", "poem")


def test_a_question_has_no_verb_object_pair():
    assert verb_and_object(parse(["Is this sentence positive?"])[0]) == (None, None)


def test_a_pronoun_object_gives_a_verb_without_noun():
    doc = parse(["Tell me if the sentence is grammatical."])[0]
    assert verb_and_object(doc) == ("tell", None)


def test_empty_text():
    assert verb_and_object(parse([""])[0]) == (None, None)


def test_the_rule_descends_through_first_children():
    # a hand-made tree: ROOT "Please" (not a verb) -> first child "rewrite" (a verb) -> dobj
    # "essays" (a noun, lemma "essay"); only the first sentence counts
    doc = Doc(
        load_model().vocab,
        words=["Please", "rewrite", "the", "essays", ".", "Thanks", "."],
        heads=[0, 0, 3, 1, 0, 5, 5],
        deps=["ROOT", "xcomp", "det", "dobj", "punct", "ROOT", "punct"],
        pos=["INTJ", "VERB", "DET", "NOUN", "PUNCT", "INTJ", "PUNCT"],
        lemmas=["please", "rewrite", "the", "essay", ".", "thanks", "."],
    )
    assert verb_and_object(doc) == ("rewrite", "essay")


def test_verb_nouns_table():
    texts = pd.Series(["Write a poem about cats.", "Is this sentence positive?"], index=[7, 9])
    table = verb_nouns(texts)
    assert table.index.tolist() == [7, 9]
    assert table.columns.tolist() == ["verb", "noun"]
    assert table.loc[7].tolist() == ["write", "poem"]
    assert table.loc[9, "verb"] is None and table.loc[9, "noun"] is None
    assert verb_nouns(list(parse(["Write a poem."]))).iloc[0].tolist() == ["write", "poem"]


PAIRS = pd.DataFrame(
    [
        ("write", "poem"),
        ("write", "poem"),
        ("write", "story"),
        ("write", "essay"),
        ("give", "example"),
        ("give", "example"),
        ("give", "tip"),
        ("list", "fruit"),
        ("explain", None),
        (None, None),
    ],
    columns=["verb", "noun"],
)


def test_pair_counts():
    counts = pair_counts(PAIRS)
    assert counts.values.tolist() == [
        ["give", "example", 2],
        ["write", "poem", 2],
        ["give", "tip", 1],
        ["list", "fruit", 1],
        ["write", "essay", 1],
        ["write", "story", 1],
    ]


def test_top_verbs_with_their_top_nouns():
    top = top_verb_nouns(PAIRS, verbs=2, nouns=2)
    assert top.columns.tolist() == ["verb", "noun", "count", "verb_count"]
    assert top.values.tolist() == [
        ["write", "poem", 2, 4],
        ["write", "essay", 1, 4],  # essay and story tie at 1: alphabetical
        ["give", "example", 2, 3],
        ["give", "tip", 1, 3],
    ]  # "explain" has no noun, so it does not count, as in Self-Instruct


def test_seed_tasks_match_the_documented_counts():
    """On the 175 seed tasks (see shared/data/MODELS.md), in a few seconds."""
    instructions = seed_instructions()
    assert len(instructions) == 175
    start = time.perf_counter()
    docs = parse(instructions)
    pairs = verb_nouns(docs)
    assert time.perf_counter() - start < 15
    roots = [next(iter(d.sents)).root for d in docs]
    verb_roots = [r for r in roots if r.pos_ == "VERB"]
    # MODELS.md: 164 instructions with a verb root, 134 with a verb (root) and a direct object
    assert abs(len(verb_roots) - 164) <= 2
    assert abs(sum(any(c.dep_ == "dobj" for c in r.children) for r in verb_roots) - 134) <= 3
    # Self-Instruct's rule also finds verbs below a non-verb root, and keeps only noun objects
    # (not "tell me", "compose them"): here 165 verbs and 120 verb-noun pairs
    has_verb = pairs["verb"].notna()
    assert 160 <= has_verb.sum() <= 170
    assert 115 <= (has_verb & pairs["noun"].notna()).sum() <= 125
    top = top_verb_nouns(pairs, verbs=3, nouns=1)
    assert top["verb"].tolist() == ["write", "give", "generate"]

"""What each column of every instruction set holds, on known records of the data mirror.

``instruction`` is the task as stated, ``input`` the separate input the task works on (``""`` when
there is none), ``output`` the response. The sets the notebooks compare must mean the same by each
column, so that input shares, instruction lengths, ROUGE-L, verb–noun and MTLD values compare like
with like. Skipped without the data mirror.
"""

from __future__ import annotations

import pytest

from sftsurvey import corpora, datasets
from sftsurvey.datasets import split_quoted_input
from sftsurvey.paths import ROOT

MIRROR = ROOT.parent / "shared" / "data"
needs_mirror = pytest.mark.skipif(
    not (MIRROR / "MANIFEST.json").is_file(), reason=f"no data mirror at {MIRROR}"
)

# set ID -> (source file, row in the set, instruction, input, start of the output), read off the raw
# files of the mirror by hand
KNOWN: dict[str, tuple[str, int, str, str, str]] = {
    "self-instruct-seeds": (
        "self-instruct/seed_tasks",
        1,
        "What is the relation between the given pairs?",
        "Night : Day :: Right : Left",
        "The relation between the given pairs is that they are opposites.",
    ),
    "alpaca": (
        "alpagasus/random_9k",
        1,
        "Read this block of text and identify all verbs:",
        "They spoke of the pending threat with a sense of urgency.",
        "speak, pending, threat, sense, urgency.",
    ),
    # raw human turn: 'Develop a sentence which appropriately use the given vocabulary
    # words"prolific, demeanor"' (tree-instruct/alpaca4k, id 50942)
    "alpaca-gpt4": (
        "tree-instruct/alpaca4k",
        1,
        "Develop a sentence which appropriately use the given vocabulary words",
        "prolific, demeanor",
        "He was prolific in his work, churning out masterpiece after masterpiece",
    ),
    "code-alpaca": (
        "code-alpaca/code_alpaca_2k",
        0,
        "What are the distinct values from the given list?",
        "dataList = [3, 9, 3, 5, 7, 9, 5]",
        "The distinct values from the given list are 3, 5, 7 and 9.",
    ),
    "dolly": (
        "alpagasus/dolly_3k",
        11,
        "Where are the British Virgin Islands (BVI) and which islands are a part of the BVI?",
        "The British Virgin Islands (BVI), officially the Virgin Islands, are a British Overseas "
        "Territory in the Caribbean",
        "The British Virgin Islands (BVI), officially the Virgin Islands",
    ),
    "explore-instruct": (
        "explore-instruct/demo_domain/coherence_and_cohesion_improvement",
        0,
        "Improve paragraph coherence and logic",
        "This movie tells the story of a man growing up whose dream was to become a professional",
        "This movie is about the growth of a man",
    ),
}


def test_every_compared_set_has_a_known_record():
    assert set(KNOWN) == set(datasets.compared_sets())


@needs_mirror
@pytest.mark.parametrize("set_id", sorted(KNOWN))
def test_each_column_holds_its_part_on_a_known_record(set_id):
    source, row, instruction, given_input, output = KNOWN[set_id]
    frame = corpora.load_set(set_id)
    assert list(frame.columns) == ["instruction", "input", "output", "source"]
    record = frame.loc[row]
    assert record["source"] == source
    assert record["instruction"] == instruction
    assert record["input"].startswith(given_input) and (given_input == "") == (
        record["input"] == ""
    )
    assert record["output"].startswith(output)


def test_split_quoted_input_finds_the_glued_input_only():
    assert split_quoted_input('Rewrite this sentence."She ran."') == (
        "Rewrite this sentence.",
        "She ran.",
    )
    # a quote after a space is part of the instruction, not the start of an input
    phrase = 'Find the definition of the phrase "machine learning"'
    assert split_quoted_input(phrase) == (phrase, "")
    # an input that itself starts and ends with quotes
    assert split_quoted_input('Make it natural.""I am go home""') == (
        "Make it natural.",
        '"I am go home"',
    )
    # a closing quote inside the instruction is not an opening one
    assert split_quoted_input('Use "x" in a sentence."word"') == ('Use "x" in a sentence.', "word")
    assert split_quoted_input("No input here.") == ("No input here.", "")


@needs_mirror
def test_alpaca_gpt4_split_reproduces_the_released_inputs():
    # alpaca1k carries Alpaca's own input field beside the joined instruction; loading checks that
    # the split agrees with it on every record (a disagreement is a DatasetError)
    originals = datasets.load("tree-instruct/alpaca1k")
    raw = originals["items"].map(lambda items: items[0]["value"])
    assert (originals["input"] != "").sum() == 401
    with_input = originals["input"] != ""
    assert (raw[with_input] != originals.loc[with_input, "instruction"]).all()
    assert (raw[~with_input] == originals.loc[~with_input, "instruction"]).all()
    # the same tasks in the 4K sample split the same way
    sample = datasets.load("tree-instruct/alpaca4k").set_index("id")
    same = sample.loc[originals["id"]]
    assert (same["instruction"].to_numpy() == originals["instruction"].to_numpy()).all()
    assert (same["input"].to_numpy() == originals["input"].to_numpy()).all()


@needs_mirror
def test_alpaca_gpt4_split_matches_alpacas_own_fields_where_the_tasks_align():
    # Alpaca-GPT4 answers Alpaca's 52K tasks; AlpaGasus's random 9K sample holds some of them with
    # Alpaca's own instruction and input fields
    alpaca = datasets.load("alpagasus/random_9k").fillna({"input": ""})
    gpt4 = datasets.load("tree-instruct/alpaca4k")
    inputs_by_instruction = alpaca.groupby("instruction")["input"].agg(set)
    shared = gpt4[gpt4["instruction"].isin(inputs_by_instruction.index)]
    assert len(shared) > 600
    agree = [
        given in inputs_by_instruction[task]
        for task, given in zip(shared["instruction"], shared["input"], strict=True)
    ]
    assert sum(agree) / len(agree) > 0.99
    # and the input share is Alpaca's (about 40%), not 0 as with the joined turn
    assert 0.35 < (gpt4["input"] != "").mean() < 0.45


@needs_mirror
def test_no_instruction_file_glues_its_input_onto_the_instruction():
    for name in datasets.available("instructions"):
        frame = datasets.load(name).fillna({"input": ""})
        has_input = frame["input"] != ""
        glued = [
            instruction.endswith(given)
            for instruction, given in zip(
                frame.loc[has_input, "instruction"], frame.loc[has_input, "input"], strict=True
            )
        ]
        # Alpaca's own data repeat the input in a few instructions (23 of claude_t45's 1,878 with an
        # input); a loader that glued them would do it in every record
        assert sum(glued) <= 0.02 * len(glued), name
        joined = frame.loc[~has_input, "instruction"].map(
            lambda text: split_quoted_input(text)[1] != ""
        )
        assert not len(joined) or joined.mean() < 0.01, name

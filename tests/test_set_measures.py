"""UltraChat-style lexical diversity: per-utterance MTLD and the Table 4 comparison."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from lexicalrichness import LexicalRichness

from sftsurvey import set_measures


def _mtld(text: str) -> float:
    return LexicalRichness(text).mtld(threshold=0.72)


def test_utterance_mtld_averages_user_and_assistant_utterances():
    frame = pd.DataFrame(
        {
            "instruction": ["Name three primary colours", "Rewrite the sentence"],
            "input": ["", "the cat sat on the mat and the cat sat"],
            "output": ["Red, blue and yellow are the primary colours.", ""],
        }
    )
    expected = [
        _mtld("Name three primary colours"),
        _mtld("Rewrite the sentence the cat sat on the mat and the cat sat"),
        _mtld("Red, blue and yellow are the primary colours."),
    ]  # the empty output has no words: left out, not counted as zero
    assert set_measures.utterance_mtld(frame) == pytest.approx(sum(expected) / 3)


def test_utterance_mtld_without_an_input_column():
    frame = pd.DataFrame({"instruction": ["Say hi"], "output": ["hi there friend"]})
    assert set_measures.utterance_mtld(frame) == pytest.approx(
        (_mtld("Say hi") + _mtld("hi there friend")) / 2
    )


def _reported(value: float = 42.8) -> pd.DataFrame:
    base = {"paper": "ding2023enhancing", "source": "Table 4", "file": "ding2023enhancing.csv"}
    rows = []
    for i, (name, size, mtld) in enumerate(
        (("Stanford Alpaca", 52002, value), ("GPT-4-LLM", 61002, 48.9))
    ):
        rows.append(
            {
                **base,
                "benchmark": name,
                "metric": "number of dialogues",
                "value": size,
                "line": 10 + i,
            }
        )
        rows.append(
            {
                **base,
                "benchmark": name,
                "metric": "lexical diversity (MTLD …)",
                "value": mtld,
                "line": 20 + i,
            }
        )
    return pd.DataFrame(rows)


def test_comparison_pairs_our_samples_with_table_4():
    frame = pd.DataFrame({"instruction": ["Say hi"], "input": [""], "output": ["hi there"]})
    sets = {"alpaca": frame, "alpaca-gpt4": frame}
    table = set_measures.ultrachat_mtld_comparison(sets, _reported())
    alpaca = table.loc["alpaca"]
    assert alpaca["Table 4 dataset"] == "Stanford Alpaca" and alpaca["Table 4 size"] == 52002
    assert alpaca["MTLD reported"] == 42.8 and alpaca["reported row"] == "ding2023enhancing.csv:20"
    assert alpaca["our size"] == 1 and not math.isnan(alpaca["MTLD recomputed"])


def test_comparison_names_what_is_missing():
    with pytest.raises(KeyError, match="alpaca-gpt4"):
        set_measures.ultrachat_mtld_comparison({"alpaca": pd.DataFrame()}, _reported())


def test_mtld_definitions_count_the_numeric_answers_the_library_drops():
    frame = pd.DataFrame(
        {
            "instruction": ["Add 2 and 3", "What is 7 times 6?", "Name a colour"],
            "input": ["", "", ""],
            "output": ["5", "42", "Blue is a colour of the sky"],
        }
    )
    table = set_measures.mtld_definitions(frame)
    main = table.loc[set_measures.MTLD_MAIN]
    assert main["texts"] == 6 and main["left out (no words)"] == 2  # "5" and "42" vanish
    assert main["MTLD"] == pytest.approx(set_measures.utterance_mtld(frame))
    kept = table.loc["per utterance, digits kept"]
    assert kept["left out (no words)"] == 0 and kept["MTLD"] != main["MTLD"]
    record = table.loc["per record (user and assistant as one text), digits removed"]
    assert record["texts"] == 3 and record["left out (no words)"] == 0
    assert record["MTLD"] == pytest.approx(
        (
            _mtld("Add 2 and 3 5")
            + _mtld("What is 7 times 6? 42")
            + _mtld("Name a colour Blue is a colour of the sky")
        )
        / 3
    )


def test_ultrachat_table4_rows_by_metric():
    from sftsurvey.results import starts_with

    reported = _reported()
    assert len(set_measures.ultrachat_table4(reported)) == 4
    sizes = set_measures.ultrachat_table4(reported, "number of dialogues")
    assert sizes["value"].tolist() == [52002, 61002]
    mtld = set_measures.ultrachat_table4(reported, starts_with("lexical diversity"))
    assert mtld["line"].tolist() == [20, 21]


def test_ultrachat_agreement_counts():
    comparison = pd.DataFrame(
        {
            "MTLD reported": [42.8, 48.9],
            "MTLD recomputed": [42.83, 47.0],
            "Table 4 size": [52002, 61002],
            "our size": [9000, 70000],
        }
    )
    agreement = set_measures.ultrachat_agreement(comparison)
    assert agreement == {
        "same_order": True,
        "levels_reproduced": 1,
        "lower": 1,
        "larger_in_table4": 1,
    }
    flipped = comparison.assign(**{"MTLD recomputed": [47.0, 42.83]})
    assert set_measures.ultrachat_agreement(flipped)["same_order"] is False


def test_definitions_where_richer():
    variants = pd.DataFrame(
        {"MTLD": [40.0, 50.0, 45.0, 44.0]},
        index=pd.MultiIndex.from_product(
            [["a", "b"], ["main", "digits kept"]], names=["our set", "definition"]
        ),
    )
    assert set_measures.definitions_where_richer(variants, "b", "a") == (1, 2)
    assert set_measures.definitions_where_richer(variants, "a", "b") == (1, 2)


def test_proxy_growth_and_medians_by_group():
    before = pd.DataFrame({p: [1.0, 2.0, 3.0] for p in set_measures.PROXIES})
    after = before.assign(tokens=[2.0, 2.0, 5.0])
    growth = set_measures.proxy_growth(before, after, "after (median)")
    assert growth.loc["tokens"].tolist() == [2.0, 2.0, 2 / 3]
    assert growth.loc["depth", "share of pairs that grew"] == 0
    levels = pd.Series([0, 0, 1], name="level")
    medians = set_measures.proxy_medians_by(after, levels)
    assert medians.index.name == "level" and medians.loc[0, "tokens"] == 2.0
    assert medians.loc[1, "tokens"] == 5.0


def test_against_reported_compares_at_the_printed_precision():
    words = ("longer than", "shorter than", "as long as")
    table = set_measures.against_reported(
        [
            ("a", "words (mean)", 15.9, 15.94, "{:.1f}", None, words, "theirs"),  # within 0.05
            ("b", "output words", 14, 15.2, "{:.1f}", None, words, "theirs"),  # beyond 0.5
            ("c", "share", 0.5, 0.41, "{:.0%}", 0.005, ("higher", "lower", "equal"), "ours"),
        ]
    )
    assert table.index.tolist() == ["words (mean)", "output words", "share"]
    assert table["key"].tolist() == ["a", "b", "c"]
    assert table["ours against reported"].tolist() == ["as long as", "longer than", "lower"]
    assert table["within printed precision"].tolist() == [True, False, False]
    assert table.loc["share", "reported"] == "50%" and table.loc["share", "ours"] == "41%"

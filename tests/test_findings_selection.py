"""The data-selection findings (DEITA, IFD, longest responses, random at scale) and LIMO's."""

from __future__ import annotations

import functools

import pandas as pd
import pytest

from sftsurvey import results
from sftsurvey.findings import REGISTRY, robustness
from sftsurvey.findings.noise import benchmark
from sftsurvey.findings.quantity import limo_against_100k
from sftsurvey.findings.selection import condition_fields, ifd_pairwise, longest_head_to_head
from tests.test_findings_quality import row


@functools.cache
def reported() -> pd.DataFrame:
    return results.load_results()


def test_condition_fields_split_keys_and_values():
    fields = condition_fields(pd.Series(["a=1; b=x=y", "b=2", None]))
    assert fields.loc[0, "a"] == "1" and fields.loc[0, "b"] == "x=y"
    assert fields.loc[1, "b"] == "2" and pd.isna(fields.loc[1, "a"])
    assert pd.isna(fields.loc[2, "b"])


def deita(rows: list[tuple[str, str, str, int, str, float]]) -> pd.DataFrame:
    """Table 6 rows: (model, base, selection, n, benchmark, value)."""
    return pd.DataFrame(
        [
            row(
                paper="liu2023what",
                experiment="deita-vs-open-models",
                model=model,
                condition=f"base_model={base}; data={n // 1000}K / SFT"
                + (f"; selection={selection}" if selection else ""),
                benchmark=bench,
                n_examples=n,
                value=value,
                source="Table 6",
                line=i + 2,
            )
            for i, (model, base, selection, n, bench, value) in enumerate(rows)
        ]
    )


def test_deita_compares_only_on_the_same_base_and_counts_losses():
    table = deita(
        [
            ("DEITA-6K", "B1", "DEITA score-first", 6000, "MT-Bench", 6.5),
            ("Big", "B1", "", 100000, "MT-Bench", 6.9),  # DEITA worse
            ("Other base", "B2", "", 100000, "MT-Bench", 1.0),  # no DEITA on B2: not a case
            ("Small", "B1", "", 20000, "MT-Bench", 9.0),  # under 10x: not a case
        ]
    )
    verdict = REGISTRY["quality-deita-6k-on-par-with-10x"].evaluate(table)
    assert verdict.numbers["comparisons"] == 1 and verdict.numbers["worse"] == 1
    assert verdict.verdict == "not supported"


def test_deita_on_par_within_the_granularity_of_mt_bench():
    table = deita(
        [
            ("DEITA-6K", "B1", "DEITA score-first", 6000, "MT-Bench", 6.500),
            ("Big", "B1", "", 100000, "MT-Bench", 6.505),  # less than 1/160 of a point
        ]
    )
    verdict = REGISTRY["quality-deita-6k-on-par-with-10x"].evaluate(table)
    assert verdict.verdict == "supported" and verdict.numbers["worse"] == 0


def test_deita_on_the_papers_table_names_its_two_losses():
    verdict = REGISTRY["quality-deita-6k-on-par-with-10x"].evaluate(reported())
    assert verdict.verdict == "partly supported"
    assert verdict.numbers["worse"] == 2
    assert "Vicuna-13B-v1.3 on AlpacaEval" in verdict.summary


def test_ifd_pairwise_counts_add_up_to_each_test_set():
    table = ifd_pairwise(reported())
    sizes = table.groupby("benchmark")["n"].unique()
    # Vicuna 80, Koala 180, WizardLM 218, Self-instruct 252, LIMA 300 prompts, for every pool
    assert {b: set(v) for b, v in sizes.items()} == {
        "Vicuna test set": {80},
        "Koala test set": {180},
        "WizardLM test set": {218},
        "Self-instruct test set (SInstruct)": {252},
        "LIMA test set": {300},
    }
    assert (table["win"] > 0).all() and (table["lose"] > 0).all()


def test_ifd_pairwise_pooled_over_test_sets_and_per_set_as_variant():
    item = REGISTRY["quality-difficulty-selected-beats-full-judged"]
    verdict = item.evaluate(reported())
    assert verdict.numbers == {"pairs": 2, "pairs_beyond_noise": 2}
    assert "507 wins, 225 ties, 298 losses of 1030" in verdict.summary
    per_set = item.evaluate(reported(), item.settings(pooled=False))
    assert per_set.numbers == {"pairs": 10, "pairs_beyond_noise": 9}
    assert per_set.verdict == "partly supported"
    assert robustness(item, reported()).label == "fragile"


def test_longest_baseline_depends_on_the_number_of_prompts_assumed():
    item = REGISTRY["quality-longest-responses-beat-selectors"]
    assert item.evaluate(reported()).verdict == "supported"
    # with few prompts the LIMA-1k margins (+18, +21 points) are within one standard error
    few = item.evaluate(reported(), item.settings(prompts=10))
    assert few.verdict == "partly supported"
    table = longest_head_to_head(reported())
    assert set(table["opponent"]) == {"AlpaGasus-1k", "LIMA-1k", "Alpaca-52k"}
    shares = table[["win", "tie", "loss"]].sum(axis=1)
    assert shares.round(1).between(99.9, 100.1).all()


def test_random_at_scale_is_not_testable_and_says_what_would_make_it():
    item = REGISTRY["quality-random-close-at-scale"]
    assert item.evaluate(reported()).verdict == "not testable from reported numbers"
    assert "random subsets of the same size" in item.testable_with


def test_limo_leaves_out_benchmarks_without_a_numinamath_cell():
    table = limo_against_100k(reported())
    assert "Minerva" not in set(table["benchmark"]) and "GPQA" not in set(table["benchmark"])
    assert len(table) == 8
    verdict = REGISTRY["quantity-limo-817-beats-100k"].evaluate(reported())
    assert verdict.verdict == "supported" and verdict.numbers["better"] == 8


def test_limo_fails_when_a_gap_is_within_one_problem():
    rows = pd.DataFrame(
        [
            row(
                paper="ye2025limo",
                experiment="main-comparison",
                model=model,
                condition=f"data={model}; split=in domain",
                benchmark="AIME24",
                value=value,
                line=i + 2,
            )
            for i, (model, value) in enumerate([("LIMO", 50.0), ("NuminaMath (100k)", 48.0)])
        ]
    )
    verdict = REGISTRY["quantity-limo-817-beats-100k"].evaluate(rows)
    # 2 points is less than one of AIME24's 30 problems (3.3 points)
    assert verdict.verdict == "not supported"


@pytest.mark.parametrize(
    "name,items",
    [("AIME24", 30), ("AIME 2024", 30), ("MATH500", 500), ("Gaokao", 79), ("GPQA", 198)],
)
def test_limo_benchmarks_are_registered_with_their_counted_items(name, items):
    assert benchmark(name).items == items


def test_later_relations_follow_the_two_verdicts():
    from sftsurvey.findings.takeaways import challenge, relation

    assert relation("supported", "supported") == "confirms"
    assert relation("supported", "partly supported") == "supports more fully"
    assert relation("partly supported", "partly supported") == "agrees in part with"
    assert relation("partly supported", "supported") == "narrows"
    assert relation("not supported", "supported") == "overturns"
    assert relation("not supported", "partly supported") == "goes against"
    assert relation("supported", "not supported") == (
        "supports, for its own case, what was not supported in"
    )
    assert relation("not testable from reported numbers", "supported") == "cannot speak to"
    assert relation("supported", "not testable from reported numbers").startswith("tests")
    assert challenge("supported", "supported") == "goes against"
    assert challenge("supported", "not supported") == "agrees with the verdict on"
    assert challenge("not supported", "supported") == "leaves standing"


def test_every_link_names_a_registered_current_finding():
    for item in REGISTRY.values():
        for other in (*item.bears_on, *item.challenges):
            assert other in REGISTRY and not REGISTRY[other].withdrawn, (item.id, other)
            assert other != item.id


def test_later_evidence_sentence_names_each_link_with_its_verdict():
    from sftsurvey.findings.takeaways import later_evidence

    verdicts = {k: f.evaluate(reported()).verdict for k, f in REGISTRY.items()}
    text = later_evidence("quantity", REGISTRY, verdicts)
    assert "quantity-curated-1k-reasoning-matches-full (partly supported) tests" in text
    assert "on reasoning benchmarks" in text
    assert later_evidence("complexity", REGISTRY, verdicts).startswith("No later finding")


def test_tulu3_compares_each_removal_with_the_seed_spread():
    verdict = REGISTRY["quantity-tulu3-each-group-pays"].evaluate(reported())
    assert verdict.numbers["groups"] == 4 and verdict.numbers["lower"] == 4
    assert abs(verdict.numbers["seed_range"] - 0.3) < 1e-9


def test_tulu3_removal_within_the_seed_range_is_not_a_drop():
    rows = reported()
    tulu = rows[rows["paper"] == "lambert2024tulu"].copy()
    wildchat = tulu["condition"].str.contains("removed=WildChat") & (
        tulu["benchmark"] == "Average of the 12 development evaluations"
    )
    tulu.loc[wildchat, "value"] = 59.9  # inside the seeds' 59.8–60.1
    verdict = REGISTRY["quantity-tulu3-each-group-pays"].evaluate(tulu)
    assert verdict.numbers["lower"] == 3 and verdict.verdict == "partly supported"


def test_tulu3_share_of_each_drop_on_its_targets_is_computed():
    from sftsurvey.findings.mixtures import tulu3_group_table, tulu3_target_shares

    shares = tulu3_target_shares(reported()).set_index("removed")["share"]
    # Table 10 (v5): most of the WildChat drop is off target, all of the Persona drop on target
    assert round(shares["WildChat"], 2) == 0.34 and round(shares["Safety"], 2) == 0.75
    assert shares["Persona Data"] > 1
    verdict = REGISTRY["quantity-tulu3-each-group-pays"].evaluate(reported())
    assert "WildChat 34% of its 1.22-point drop" in verdict.summary
    assert "much of each drop" not in verdict.summary
    assert len(tulu3_group_table(reported())) == 4


def test_tulu3_off_target_summary_names_its_single_run_reference():
    import dataclasses

    finding = REGISTRY["quantity-tulu3-each-group-pays"]
    settings = finding.settings()
    params = {**settings.params, "evaluations": "off target"}
    verdict = finding.evaluate(reported(), dataclasses.replace(settings, params=params))
    assert verdict.summary.startswith("Against Table 10's single full-mix run")
    assert verdict.verdict == "partly supported"


def test_openthoughts_standard_errors_come_from_the_notes():
    from sftsurvey.findings.mixtures import openthoughts_mixing, printed_standard_error

    assert printed_standard_error(pd.Series(["Standard error 0.6 (gray)", None])).iloc[0] == 0.6
    table = openthoughts_mixing(reported())
    assert sorted(table["sources"]) == [1, 2, 4, 8, 16] and table["se"].notna().all()
    verdict = REGISTRY["diversity-few-question-sources-beat-many"].evaluate(reported())
    assert verdict.verdict == "supported" and verdict.numbers["better"] == 3


def test_deita_against_random_pairs_the_same_size_and_base():
    from sftsurvey.findings.selection import OPEN_LLM_AVERAGE, deita_against_random

    table = deita_against_random(reported())
    assert len(table) == 10 and set(table["n"]) == {6000, 10000}
    six = table[(table["n"] == 6000) & (table["benchmark"] == "MT-Bench")].iloc[0]
    assert (six["deita"], six["random"]) == (6.46, 5.84)  # Table 5, not Table 6's 10K random
    averages = table[table["benchmark"] == OPEN_LLM_AVERAGE]
    # Table 7: LLaMA-1 and LLaMA-2 at 10K; Mistral's DEITA model there is 6K, its random 10K
    assert sorted(averages["base"]) == ["LLaMA-1", "LLaMA-2"]
    assert all(len(scores) == 4 for scores in averages["tolerance_scores"])
    assert len(deita_against_random(reported(), "tasks")) == 8 + 8
    verdict = REGISTRY["quality-deita-beats-random-as-stated"].evaluate(reported())
    assert verdict.verdict == "supported" and verdict.numbers["better"] == 10
    # the evidence is the rows compared: no Alpagasus, DPO or unpaired DEITA-6K rows
    assert not verdict.evidence["condition"].str.contains("Alpagasus|DPO").any()
    assert set(verdict.evidence["source"]) == {"Table 5", "Table 6", "Table 7"}
    assert REGISTRY["quality-deita-selected-beats-random"].withdrawn


def test_deita_against_random_task_by_task_is_partly_supported_beyond_the_claim():
    """Random scores higher on three of Table 7's eight same-size task comparisons."""
    import dataclasses

    finding = REGISTRY["quality-deita-beats-random-as-stated"]
    settings = finding.settings()
    params = {**settings.params, "leaderboard": "tasks"}
    verdict = finding.evaluate(reported(), dataclasses.replace(settings, params=params))
    assert verdict.verdict == "partly supported"
    assert "TruthfulQA" in verdict.summary and "not better" in verdict.summary


def test_deita_random_average_below_random_flips_the_verdict():
    from sftsurvey.findings.selection import OPEN_LLM_AVERAGE

    results = reported().copy()
    lower = (
        (results["paper"] == "liu2023what")
        & (results["benchmark"] == OPEN_LLM_AVERAGE)
        & results["condition"].str.contains("DEITA")
        & results["condition"].str.contains("LLaMA-2")
        & (results["n_examples"] == 10000)
    )
    assert lower.sum() == 1
    results.loc[lower, "value"] = 60.0  # below random's 61.32 beyond the tolerance
    verdict = REGISTRY["quality-deita-beats-random-as-stated"].evaluate(results)
    assert verdict.verdict == "partly supported" and verdict.numbers["better"] == 9

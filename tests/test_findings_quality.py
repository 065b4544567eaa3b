"""The quality, complexity and diversity findings and the frontier, on small synthetic tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sftsurvey import frontier
from sftsurvey.findings import REGISTRY


def row(**fields) -> dict:
    base = dict(
        paper="",
        experiment="",
        model="",
        condition=None,
        benchmark="",
        metric="",
        n_examples=pd.NA,
        fraction=np.nan,
        base_size=pd.NA,
        value=np.nan,
        scale="other",
        source="Table 1",
        source_version="v1",
        extraction="table",
        note=None,
        file="x.csv",
        line=2,
    )
    base.update(fields)
    return base


def alpagasus(
    filtered: float, full: float, random: float, benchmarks=("BBH", "MMLU")
) -> pd.DataFrame:
    rows = []
    for model in ("LLaMA-7B", "LLaMA-13B"):
        for bench in benchmarks:
            for kind, value, n in (
                ("random", random, pd.NA),
                ("filtered", filtered, 9229),
                ("full", full, 52002),
            ):
                rows.append(
                    row(
                        paper="chen2023alpagasus",
                        experiment="benchmarks-alpaca",
                        model=model,
                        benchmark=bench,
                        value=value,
                        n_examples=n,
                        condition=f"data=Alpaca {kind}",
                    )
                )
    return pd.DataFrame(rows)


def test_small_filtered_supported_and_not():
    check = REGISTRY["quality-small-filtered-matches-full"]
    assert check.evaluate(alpagasus(40, 39, 35)).verdict == "supported"
    assert check.evaluate(alpagasus(36, 39, 35)).verdict == "not supported"


def test_frontier_quality_vs_quantity_on_synthetic_table():
    table = frontier.quality_vs_quantity(alpagasus(filtered=40, full=39, random=35))
    first = table.iloc[0]
    assert first["doublings"] == pytest.approx(np.log2(52002 / 9229))
    assert first["gain_more"] == 4 and first["gain_better"] == 5
    # 5 points from filtering at 4 points per 2.49 doublings = 3.11 doublings of random data
    assert first["equivalent_doublings"] == pytest.approx(5 / (4 / np.log2(52002 / 9229)))
    assert set(table["winner"]) == {"better data"}
    worse = frontier.quality_vs_quantity(alpagasus(filtered=36, full=39, random=37))
    assert set(worse["winner"]) == {"more data"}


def test_frontier_points_place_random_subset_at_filtered_size():
    points = frontier.frontier_points(alpagasus(40, 39, 35))
    random = points[points["curation"] == "random subset"]
    assert (random["n"] == 9229).all()
    assert set(points["family"]) == {"reasoning (BBH)", "knowledge (MMLU)"}


def alpha_rows(values: dict[str, float]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            row(
                paper="li2023selfalignment",
                experiment="data-efficiency-alpha",
                condition=f"data={name}; data_source=x",
                value=v,
            )
            for name, v in values.items()
        ]
    )


def test_slope_finding():
    check = REGISTRY["quality-sets-the-slope"]
    assert (
        check.evaluate(alpha_rows({"Humpback (this work)": 7, "Alpaca": 2, "FLAN": 0.5})).verdict
        == "supported"
    )
    assert (
        check.evaluate(alpha_rows({"Humpback (this work)": 2, "Alpaca": 3, "FLAN": 2.5})).verdict
        == "not supported"
    )


def follow_rows(hsr_by_model: dict[str, list[float]]) -> pd.DataFrame:
    rows = []
    for model, values in hsr_by_model.items():
        for level, value in enumerate(values, 1):
            rows.append(
                row(
                    paper="jiang2023followbench",
                    experiment="difficulty-levels",
                    model=model,
                    metric="HSR (hard satisfaction rate)",
                    value=value,
                    condition=f"level={level}; paper_version=v3",
                )
            )
    return pd.DataFrame(rows)


def test_constraints_finding():
    check = REGISTRY["complexity-constraints-degrade-following"]
    falling = follow_rows({"A": [90, 80, 70, 60, 50], "B": [80, 82, 70, 65, 60]})
    verdict = check.evaluate(falling)
    assert verdict.verdict == "supported"
    assert verdict.numbers["median_drop"] == pytest.approx(30)
    assert verdict.numbers["share_monotone"] == 0.5
    rising = follow_rows({"A": [50, 60, 70, 80, 90], "B": [60, 60, 60, 60, 70]})
    assert check.evaluate(rising).verdict == "not supported"


def test_hard_prompts_and_diversity_findings():
    hard = pd.DataFrame(
        [
            row(
                paper="xu2023wizardlm",
                experiment="human-eval-high-difficulty",
                model="WizardLM-7B",
                value=45,
            ),
            row(
                paper="xu2023wizardlm",
                experiment="human-eval-high-difficulty",
                model="ChatGPT",
                value=30,
            ),
        ]
    )
    assert REGISTRY["complexity-helps-hard-prompts"].evaluate(hard).verdict == "partly supported"
    hard.loc[0, "value"] = 20
    assert REGISTRY["complexity-helps-hard-prompts"].evaluate(hard).verdict == "not supported"
    empty = pd.DataFrame(columns=hard.columns)
    assert (
        REGISTRY["diversity-selection-beats-random"].evaluate(empty).verdict
        == "not testable from reported numbers"
    )

"""Findings of the quality, diversity and complexity papers, each checked on the reported results."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sftsurvey.findings.core import Verdict, evidence, finding, grade, not_testable

ALPAGASUS = "chen2023alpagasus"
HUMPBACK = "li2023selfalignment"
LIMA = "zhou2023lima"
FOLLOWBENCH = "jiang2023followbench"
WIZARDLM = "xu2023wizardlm"
TREE = "zhao2023treeinstruct"
QDIT = "bukharin2023data"
INSTAG = "lu2023instag"


def alpagasus_comparisons(results: pd.DataFrame) -> pd.DataFrame:
    """AlpaGasus Tables 2 and 4, one row per model × benchmark × source set.

    Columns: pool (Alpaca, Dolly), model, benchmark, random, filtered, full (scores), and
    filtered_n / full_n (training examples).
    """
    rows = results[
        (results["paper"] == ALPAGASUS)
        & results["experiment"].isin(["benchmarks-alpaca", "benchmarks-dolly"])
    ]
    if rows.empty:
        return pd.DataFrame()
    kind = rows["condition"].str.extract(r"(random|filtered|full)", expand=False)
    rows = rows.assign(
        kind=kind, pool=np.where(rows["experiment"].str.endswith("alpaca"), "Alpaca", "Dolly")
    )
    wide = rows.pivot_table(
        index=["pool", "model", "benchmark"], columns="kind", values="value"
    ).reset_index()
    sizes = rows.pivot_table(index=["pool"], columns="kind", values="n_examples", aggfunc="max")
    wide["filtered_n"] = wide["pool"].map(sizes["filtered"])
    wide["full_n"] = wide["pool"].map(sizes["full"])
    return wide


@finding(
    "quality-small-filtered-matches-full",
    claim="A small, quality-filtered subset of an instruction set matches or beats the full set "
    "it was filtered from, and beats a random subset of the same size.",
    papers=(ALPAGASUS, LIMA),
    topic="quality",
    notebook="notebooks/quality-reported",
)
def check_small_filtered(results: pd.DataFrame) -> Verdict:
    table = alpagasus_comparisons(results)
    if table.empty:
        return not_testable("No AlpaGasus benchmark rows in the results.")
    vs_full = float((table["filtered"] >= table["full"]).mean())
    vs_random = float((table["filtered"] > table["random"]).mean())
    worst = min(vs_full, vs_random)
    verdict = grade(worst, 0.75)
    losses = table[table["filtered"] < table["full"]]
    sizes = "; ".join(
        f"{pool} {int(group['filtered_n'].max()):,} of {int(group['full_n'].max()):,}"
        for pool, group in table.groupby("pool")
    )
    summary = (
        f"Across {len(table)} model–benchmark pairs of AlpaGasus's Tables 2 and 4, the filtered "
        f"subset ({sizes}) matches or beats the full set in {vs_full:.0%} and beats the "
        f"equal-size random subset in {vs_random:.0%}."
        + (
            f" It falls behind the full set on {', '.join(sorted(set(losses['benchmark'])))}."
            if len(losses)
            else ""
        )
    )
    rows = results[
        (results["paper"] == ALPAGASUS)
        & results["experiment"].isin(["benchmarks-alpaca", "benchmarks-dolly"])
    ]
    return Verdict(
        verdict, summary, {"share_vs_full": vs_full, "share_vs_random": vs_random}, evidence(rows)
    )


def humpback_alpha(results: pd.DataFrame) -> pd.DataFrame:
    """Humpback's Table 3: data-scaling coefficient α per instruction dataset."""
    rows = results[
        (results["paper"] == HUMPBACK) & (results["experiment"] == "data-efficiency-alpha")
    ]
    if rows.empty:
        return pd.DataFrame(columns=["dataset", "source_of_data", "alpha"])
    parts = rows["condition"].str.extract(r"data=(?P<dataset>[^;]+)(?:; data_source=(?P<src>.+))?")
    return pd.DataFrame(
        {
            "dataset": parts["dataset"].str.strip(),
            "source_of_data": parts["src"],
            "alpha": rows["value"],
            "file": rows["file"],
            "line": rows["line"],
        }
    ).sort_values("alpha", ascending=False, ignore_index=True)


@finding(
    "quality-sets-the-slope",
    claim="How an instruction dataset was made sets how fast a model improves with more of it: "
    "win rate grows log-linearly with data size, with a slope that differs by dataset and is "
    "steepest for self-curated data.",
    papers=(HUMPBACK,),
    topic="quality",
    notebook="notebooks/quality-reported",
)
def check_slope(results: pd.DataFrame) -> Verdict:
    alpha = humpback_alpha(results)
    if alpha.empty:
        return not_testable("No data-scaling coefficients of Humpback in the results.")
    top = alpha.iloc[0]
    spread = float(alpha["alpha"].max() / alpha["alpha"].min())
    curated_first = "Humpback" in top["dataset"]
    verdict = (
        "supported"
        if curated_first and spread >= 3
        else ("partly supported" if curated_first or spread >= 3 else "not supported")
    )
    summary = (
        f"The reported slopes α range from {alpha['alpha'].min():g} ({alpha.iloc[-1]['dataset']}) "
        f"to {alpha['alpha'].max():g} ({top['dataset']}), a factor of {spread:.0f}. The win rates "
        "behind the fits are only plotted, so the slopes could not be refitted here."
    )
    rows = results[
        (results["paper"] == HUMPBACK) & (results["experiment"] == "data-efficiency-alpha")
    ]
    return Verdict(
        verdict,
        summary,
        {
            "alpha_max": float(alpha["alpha"].max()),
            "alpha_min": float(alpha["alpha"].min()),
            "spread": spread,
        },
        evidence(rows),
    )


def followbench_levels(results: pd.DataFrame, version: str = "v3") -> pd.DataFrame:
    """FollowBench Table 2: hard satisfaction rate (HSR, %) per model and constraint level 1–5."""
    rows = results[
        (results["paper"] == FOLLOWBENCH)
        & results["metric"].str.startswith("HSR")
        & results["condition"].str.contains(f"paper_version={version}", regex=False)
    ]
    level = rows["condition"].str.extract(r"level=(\d)", expand=False)
    rows = rows.assign(level=pd.to_numeric(level)).dropna(subset=["level"])
    return rows.pivot_table(index="model", columns="level", values="value")


@finding(
    "complexity-constraints-degrade-following",
    claim="Instruction following degrades as constraints are added: the share of instructions "
    "whose constraints are all satisfied falls from one constraint to five.",
    papers=(FOLLOWBENCH,),
    topic="complexity",
    notebook="notebooks/complexity-reported",
)
def check_constraints(results: pd.DataFrame) -> Verdict:
    levels = followbench_levels(results)
    if levels.empty:
        return not_testable("No FollowBench HSR rows in the results.")
    drop = levels[1] - levels[5]
    monotone = levels.apply(lambda r: bool((r.diff().dropna() <= 0).all()), axis=1)
    falls = float((drop > 0).mean())
    verdict = grade(falls, 1)
    summary = (
        f"For {int((drop > 0).sum())} of {len(levels)} models in FollowBench's Table 2 (v3), the "
        f"hard satisfaction rate is lower at five constraints than at one; the median drop is "
        f"{drop.median():.1f} points (range {drop.min():.1f} to {drop.max():.1f}). It falls at every "
        f"added level for {int(monotone.sum())} of them."
    )
    rows = results[(results["paper"] == FOLLOWBENCH) & results["metric"].str.startswith("HSR")]
    return Verdict(
        verdict,
        summary,
        {
            "models": len(levels),
            "median_drop": float(drop.median()),
            "share_monotone": float(monotone.mean()),
        },
        evidence(rows),
    )


@finding(
    "complexity-helps-hard-prompts",
    claim="Training on evolved, more complex instructions helps most on hard prompts.",
    papers=(WIZARDLM, TREE),
    topic="complexity",
    notebook="notebooks/complexity-reported",
)
def check_hard_prompts(results: pd.DataFrame) -> Verdict:
    hard = results[
        (results["paper"] == WIZARDLM) & (results["experiment"] == "human-eval-high-difficulty")
    ]
    if hard.empty:
        return not_testable("No difficulty-stratified rows of WizardLM in the results.")
    wizard = float(hard.loc[hard["model"].str.startswith("WizardLM"), "value"].iloc[0])
    chatgpt = float(hard.loc[hard["model"] == "ChatGPT", "value"].iloc[0])
    summary = (
        f"On the high-difficulty part of WizardLM's test set (difficulty ≥ 8), human raters prefer "
        f"WizardLM-7B in {wizard:g}% of comparisons and ChatGPT in {chatgpt:g}% (the authors' "
        "README). The matching numbers for the easier part, which the claim compares against, are "
        "printed only as chart labels and are not in the results, so only half of the claim can "
        "be checked."
    )
    return Verdict(
        "partly supported" if wizard > chatgpt else "not supported",
        summary,
        {"wizardlm_win": wizard, "chatgpt_win": chatgpt},
        evidence(hard),
    )


@finding(
    "diversity-selection-beats-random",
    claim="Selecting training data for diversity beats random selection of the same size.",
    papers=(INSTAG, QDIT),
    topic="diversity",
    notebook="notebooks/diversity-self-instruct",
)
def check_diversity_selection(results: pd.DataFrame) -> Verdict:
    qdit = results[(results["paper"] == QDIT)]
    detail = ""
    if not qdit.empty:
        detail = (
            f" The one number available, from QDIT's first abstract, compares with "
            f"quality-driven rather than random selection (worst-case gain "
            f"{float(qdit['value'].iloc[0]):g}%)."
        )
    return not_testable(
        "Neither InsTag's nor QDIT's comparison tables with random selection could be read from "
        "any available copy." + detail
    )

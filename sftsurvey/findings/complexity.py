"""Findings of the instruction-complexity papers, each checked on the reported results."""

from __future__ import annotations

import pandas as pd

from sftsurvey.findings import noise
from sftsurvey.findings.core import (
    Rule,
    Scope,
    Settings,
    Verdict,
    finding,
    graded,
    not_testable,
)

FOLLOWBENCH = "jiang2023followbench"
WIZARDLM = "xu2023wizardlm"


def followbench_rows(results: pd.DataFrame, version: str = "v3") -> pd.DataFrame:
    """FollowBench Table 2 HSR rows of one paper version (``v1`` or ``v3``), levels 1–5."""
    rows = results[
        (results["paper"] == FOLLOWBENCH)
        & results["metric"].str.startswith("HSR")
        & results["condition"].str.contains(f"paper_version={version}", regex=False)
    ]
    level = rows["condition"].str.extract(r"level=(\d)", expand=False)
    return rows.assign(level=pd.to_numeric(level)).dropna(subset=["level"])


def followbench_levels(results: pd.DataFrame, version: str = "v3") -> pd.DataFrame:
    """FollowBench Table 2: hard satisfaction rate (HSR, %) per model and constraint level 1–5."""
    rows = followbench_rows(results, version)
    table = rows.pivot_table(index="model", columns="level", values="value")
    table.columns = [int(c) for c in table.columns]
    return table


def level_tolerance(score: float, factor: float = 1.0) -> float:
    """FollowBench prints no variance: the binomial SE of a rate on one level's instructions."""
    return noise.granularity("FollowBench level", score).points * factor


@finding(
    "complexity-constraints-degrade-following",
    claim="Instruction following degrades as constraints are added: the share of instructions "
    "whose constraints are all satisfied falls from one constraint to five.",
    papers=(FOLLOWBENCH,),
    topic="complexity",
    notebook="notebooks/complexity-reported",
    stated="we introduce a Multi-level mechanism that incrementally adds a single constraint to "
    "the initial instruction at each increased level. … By evaluating 13 closed-source and "
    "open-source popular LLMs on FollowBench, we highlight the weaknesses of LLMs in "
    "instruction following",
    location="Abstract, arXiv v3 (ACL 2024); the body, where the paper words its level-by-level "
    "result, could not be read",
    scope=Scope(
        data="levels 1 to 5 (one to five added constraints), 164 instructions per level",
        models="the 13 models of Table 2 (v3)",
        benchmarks="FollowBench (English), hard satisfaction rate (HSR)",
        version="arXiv v3 (ACL 2024); v1's Table 2 (9 models, two with other values) is a "
        "sensitivity result",
        quote="Results across five difficulty levels. For each level, we compute the average "
        "score of all constraint categories.",
        location="Table 2 caption, arXiv v3",
    ),
    rule=Rule(
        "Per model, HSR at level 5 is compared with level 1 (lower, indistinguishable within "
        "tolerance, or higher); with monotone = true, the model must also not rise by more than "
        "the tolerance at any added level. The share is the share of models that fall.",
        supported_at=1.0,
        partly_at=0.5,
    ),
    params={"version": "v3", "monotone": False},
    variants={
        "paper version v1 (Table 2, 9 models)": {"version": "v1"},
        "a fall at every added level required": {"monotone": True},
    },
    leave_out=("model",),
)
def check_constraints(results: pd.DataFrame, s: Settings) -> Verdict:
    levels = followbench_levels(results, s["version"])
    if levels.empty or not {1, 5} <= set(levels.columns):
        return not_testable("No FollowBench HSR rows at levels 1 and 5 in the results.")
    tolerance = [
        level_tolerance(min(a, b), s.tolerance_factor)
        for a, b in zip(levels[1], levels[5], strict=True)
    ]
    drops = noise.tally(levels[1] - levels[5], tolerance)
    falls = (levels[1] - levels[5]) > pd.Series(tolerance, index=levels.index)
    steps = levels.diff(axis=1).iloc[:, 1:]
    no_rise = steps.apply(
        lambda r: bool((r <= level_tolerance(levels.loc[r.name].min(), s.tolerance_factor)).all()),
        axis=1,
    )
    holds = falls & no_rise if s["monotone"] else falls
    drop = levels[1] - levels[5]
    summary = (
        f"In FollowBench's Table 2 ({s['version']}), level 5 against level 1 for {len(levels)} "
        f"models: {drops.text('lower', 'higher')}; the median drop is {drop.median():.1f} points "
        f"(range {drop.min():.1f} to {drop.max():.1f}). No added level raises the rate by more "
        f"than the tolerance for {int(no_rise.sum())} of them."
    )
    return graded(
        s,
        float(holds.mean()),
        summary,
        {
            "models": len(levels),
            "median_drop": float(drop.median()),
            "share_no_rise": float(no_rise.mean()),
        },
        followbench_rows(results, s["version"]),
        f"{noise.granularity('FollowBench level', 50).basis} at the lower rate (FollowBench prints "
        "no variance)",
    )


@finding(
    "complexity-helps-hard-prompts",
    claim="Training on evolved, more complex instructions helps most on hard prompts.",
    papers=(WIZARDLM,),
    topic="complexity",
    notebook="notebooks/complexity-reported",
    stated="By analyzing the human evaluation results of the high complexity part, we "
    "demonstrate that outputs from our WizardLM model are preferred to outputs from OpenAI "
    "ChatGPT.",
    location="Abstract, arXiv v1 (dropped from the ICLR 2024 abstract)",
    scope=Scope(
        data="WizardLM-7B trained on 70K evolved instructions",
        models="WizardLM-7B against ChatGPT (and Alpaca-7B, Vicuna-7B in the README's charts)",
        benchmarks="Evol-Instruct test set (218 instructions), human preference, the part with "
        "difficulty 8 or more",
        version="arXiv v1; the numbers are in the authors' README",
    ),
    testable_with="The same base model trained on evolved and on unevolved (seed) instructions "
    "of equal size, scored on the same test prompts split by difficulty, with the number of "
    "prompts per difficulty bin (or the run-to-run spread): 'helps most' is the difference "
    "between the gain on hard prompts and the gain on easy ones. The reported numbers compare "
    "WizardLM with ChatGPT, models trained on different data.",
)
def check_hard_prompts(results: pd.DataFrame, s: Settings) -> Verdict:
    hard = results[
        (results["paper"] == WIZARDLM) & (results["experiment"] == "human-eval-high-difficulty")
    ]
    context = ""
    if not hard.empty:
        wizard = hard.loc[hard["model"].str.startswith("WizardLM"), "value"]
        chatgpt = hard.loc[hard["model"] == "ChatGPT", "value"]
        if len(wizard) and len(chatgpt):
            context = (
                f" The rows shown are the README's only difficulty-split numbers: on prompts of "
                f"difficulty 8 or more, raters prefer WizardLM-7B in {float(wizard.iloc[0]):g}% "
                f"of comparisons and ChatGPT in {float(chatgpt.iloc[0]):g}%, a comparison of two "
                "models trained on different data, not of evolved against unevolved data."
            )
    return not_testable(
        "No reported numbers compare evolved with unevolved training data of the same size, "
        "split by prompt difficulty." + context,
        hard if not hard.empty else None,
    )

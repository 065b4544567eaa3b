"""Findings of the instruction-complexity papers, each checked on the reported results."""

from __future__ import annotations

import numpy as np
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
from sftsurvey.results import contains, select, starts_with

FOLLOWBENCH = "jiang2023followbench"
WIZARDLM = "xu2023wizardlm"


def followbench_rows(results: pd.DataFrame, version: str = "v3") -> pd.DataFrame:
    """FollowBench Table 2 HSR rows of one paper version (``v1`` or ``v3``), levels 1–5."""
    rows = select(
        results,
        paper=FOLLOWBENCH,
        metric=starts_with("HSR"),
        condition=contains(f"paper_version={version}"),
    )
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
    reading="FollowBench's readable text (its abstracts) states the mechanism and the models' "
    "'weaknesses', not a fall with the number of constraints; the claim tested is this survey's "
    "reading of its Table 2.",
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
        "tolerance, or higher). Alternatives also require, at every added level, no rise beyond "
        "the tolerance, or a fall beyond it. The share is the share of models that hold.",
        supported_at=1.0,
        partly_at=0.5,
        why="the survey's reading is about every model evaluated",
    ),
    params={"version": "v3", "steps": "ends"},
    variants={
        "paper version v1 (Table 2, 9 models)": {"version": "v1"},
        "no rise beyond the tolerance at any added level": {"steps": "no rise"},
        "a fall beyond the tolerance at every added level": {"steps": "fall"},
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
    step_tol = {m: level_tolerance(levels.loc[m].min(), s.tolerance_factor) for m in levels.index}
    no_rise = steps.apply(lambda r: bool((r <= step_tol[r.name]).all()), axis=1)
    always_falls = steps.apply(lambda r: bool((r < -step_tol[r.name]).all()), axis=1)
    holds = {"ends": falls, "no rise": falls & no_rise, "fall": falls & always_falls}[s["steps"]]
    drop = levels[1] - levels[5]
    summary = (
        f"In FollowBench's Table 2 ({s['version']}), level 5 against level 1 for {len(levels)} "
        f"models: {drops.text('lower', 'higher')}; the median drop is {drop.median():.1f} points "
        f"(range {drop.min():.1f} to {drop.max():.1f}). No added level raises the rate by more "
        f"than the tolerance for {int(no_rise.sum())} of them; every added level lowers it beyond "
        f"the tolerance for {int(always_falls.sum())}."
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


def win_tie_lose(results: pd.DataFrame) -> pd.DataFrame:
    """WizardLM-7B's win, lose and tie counts per opponent, on all prompts and on the hard part.

    Columns: opponent, part (``all`` or ``level >= 8``), win, lose, tie, n (the README charts).
    """
    rows = select(results, paper=WIZARDLM, experiment="human-eval-win-tie-lose")
    if rows.empty:
        return pd.DataFrame(columns=["opponent", "part", "win", "lose", "tie", "n"])
    parts = rows["condition"].str.extract(
        r"opponent=(?P<opponent>[^;]+); difficulty=(?P<part>[^;]+); outcome=(?P<outcome>\w+)"
    )
    table = parts.assign(value=rows["value"].to_numpy()).pivot_table(
        index=["opponent", "part"], columns="outcome", values="value"
    )
    table.columns.name = None
    table = table.reset_index()
    table["n"] = table[["win", "lose", "tie"]].sum(axis=1)
    return table


def hard_minus_easy(table: pd.DataFrame) -> pd.DataFrame:
    """Per opponent: win-minus-loss margin (points) on hard and on easy prompts, and their difference.

    Easy = all prompts minus the hard part. A margin's standard error on n prompts is
    100 √((w + l)/n − ((w − l)/n)²) / √n; the difference's is the root sum of squares.
    """
    out = []
    for opponent, group in table.groupby("opponent"):
        by = group.set_index("part")
        if not {"all", "level >= 8"} <= set(by.index):
            continue
        hard = by.loc["level >= 8"]
        easy = by.loc["all", ["win", "lose", "tie", "n"]] - hard[["win", "lose", "tie", "n"]]
        margins = [noise.win_loss_margin(p["win"], p["lose"], p["n"]) for p in (hard, easy)]
        (mh, sh), (me, se_) = margins
        out.append(
            {
                "opponent": opponent,
                "hard_margin": mh,
                "easy_margin": me,
                "difference": mh - me,
                "se": float(np.hypot(sh, se_)),
            }
        )
    return pd.DataFrame(out)


WIZARDLM_HARD_CLAIM = (
    "By analyzing the human evaluation results of the high complexity part, we demonstrate that "
    "outputs from our WizardLM model are preferred to outputs from OpenAI ChatGPT."
)
"""WizardLM's abstract (arXiv v1) on the hard part of its test set."""


@finding(
    "complexity-helps-hard-prompts",
    claim="Training on evolved, more complex instructions helps most on hard prompts.",
    papers=(WIZARDLM,),
    topic="complexity",
    notebook="notebooks/complexity-reported",
    stated=WIZARDLM_HARD_CLAIM,
    location="Abstract, arXiv v1 (dropped from the ICLR 2024 abstract)",
    scope=Scope(
        data="WizardLM-7B trained on 70K evolved instructions",
        models="WizardLM-7B against ChatGPT (and Alpaca-7B, Vicuna-7B in the README's charts)",
        benchmarks="Evol-Instruct test set (218 instructions), human preference, the part with "
        "difficulty 8 or more",
        version="arXiv v1; the numbers are in the authors' README",
    ),
    reading="WizardLM's abstract claims a preference over ChatGPT on the hard part (tested as "
    "complexity-wizardlm-preferred-hard); that evolved data helps most on hard prompts is this "
    "survey's reading of it.",
    testable_with="The same base model trained on evolved and on unevolved (seed) instructions "
    "of equal size, scored on the same test prompts split by difficulty, with the number of "
    "prompts per difficulty bin (or the run-to-run spread): 'helps most' is the difference "
    "between the gain on hard prompts and the gain on easy ones. The authors' README charts give "
    "win/tie/lose counts of WizardLM-7B against Alpaca-7B and Vicuna-7B for all and for hard "
    "prompts, an approximate test confounded by data size (70K against 52K) and response source, "
    "shown on the card for context.",
)
def check_hard_prompts(results: pd.DataFrame, s: Settings) -> Verdict:
    hard = select(
        results,
        paper=WIZARDLM,
        experiment=["human-eval-high-difficulty", "human-eval-win-tie-lose"],
    )
    context = ""
    diffs = hard_minus_easy(win_tie_lose(results))
    if not diffs.empty:
        context = (
            " For context only, the authors' README charts give WizardLM-7B's win-minus-loss margin "
            "on hard (difficulty 8 or more) and easier prompts against other models: "
            + "; ".join(
                f"against {r.opponent}, {r.hard_margin:+.1f} points on hard and "
                f"{r.easy_margin:+.1f} on easier prompts, a difference of {r.difference:+.1f} ± "
                f"{r.se:.1f}"
                for r in diffs.itertuples()
            )
            + ". Alpaca-7B was trained on the 52K instructions WizardLM's 70K were evolved from, "
            "with other responses, so this is not a comparison at equal size and cannot decide the "
            "claim."
        )
    return not_testable(
        "No copy read here reports evolved against unevolved training data of the same size, "
        "split by prompt difficulty." + context,
        hard if not hard.empty else None,
    )


@finding(
    "complexity-wizardlm-preferred-hard",
    claim="On the hardest prompts of its test set (difficulty 8 or more), human raters prefer "
    "WizardLM's answers to ChatGPT's.",
    papers=(WIZARDLM,),
    topic="complexity",
    notebook="notebooks/complexity-reported",
    stated=WIZARDLM_HARD_CLAIM,
    location="Abstract, arXiv v1 (dropped from the ICLR 2024 abstract); the numbers are in the "
    "authors' README",
    scope=Scope(
        data="WizardLM-7B trained on 70K evolved instructions",
        models="WizardLM-7B against ChatGPT",
        benchmarks="Evol-Instruct test set, the 63 instructions with difficulty 8 or more, human "
        "pairwise preference (win, tie, lose)",
        version="arXiv v1; README nlpxucan/WizardLM",
        quote="In the high-difficulty section of our test set (difficulty level >= 8), WizardLM "
        "even outperforms ChatGPT",
        location="README",
    ),
    rule=Rule(
        "WizardLM's win share minus ChatGPT's on the hard prompts must exceed the tolerance, the "
        "binomial standard error of that difference over the prompts judged.",
        supported_at=1.0,
        partly_at=0.5,
        why="a single comparison",
    ),
    params={"prompts": "Evol-Instruct testset hard part"},
    leave_out=(),
)
def check_wizardlm_hard(results: pd.DataFrame, s: Settings) -> Verdict:
    hard = select(results, paper=WIZARDLM, experiment="human-eval-high-difficulty")
    wizard = hard.loc[hard["model"].str.startswith("WizardLM"), "value"]
    chatgpt = hard.loc[hard["model"] == "ChatGPT", "value"]
    if wizard.empty or chatgpt.empty:
        return not_testable("No difficulty-split preference rows of WizardLM in the results.")
    n = noise.benchmark(s["prompts"]).items
    win, lose = float(wizard.iloc[0]) / 100, float(chatgpt.iloc[0]) / 100
    difference = 100 * (win - lose)
    se = 100 * float(np.sqrt(max(win + lose - (win - lose) ** 2, 1 / n) / n)) * s.tolerance_factor
    outcome = noise.compare(difference, 0, se)
    word = {1: "preferred beyond the tolerance", 0: "indistinguishable", -1: "less preferred"}
    summary = (
        f"On the {n} hard prompts, raters prefer WizardLM-7B in {win:.1%} and ChatGPT in "
        f"{lose:.1%} of comparisons: a difference of {difference:+.1f} points against a standard "
        f"error of {se:.1f} — {word[outcome]}."
    )
    return graded(
        s,
        1.0 if outcome > 0 else 0.0,
        summary,
        {"difference": difference, "se": se},
        hard,
        f"binomial standard error of a win-minus-loss share on the {n} prompts of difficulty 8 or "
        "more (counted in the authors' test-set file; data/benchmarks.yaml)",
    )

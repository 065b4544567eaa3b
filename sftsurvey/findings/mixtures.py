"""Findings of the large SFT-mixture ablations (Tülu 3, OpenThoughts), each with its paper's noise.

Tülu 3 removes one data group at a time from its SFT mix and prints, in another table, the full
mix's average over several training seeds; OpenThoughts prints a standard error beside every score
of its pipeline ablations. Both give the tolerance their own numbers.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from sftsurvey.findings import noise
from sftsurvey.findings.core import (
    ALL_CASES,
    KIND,
    Rule,
    Scope,
    Settings,
    Verdict,
    finding,
    graded,
    not_testable,
)
from sftsurvey.findings.selection import condition_fields
from sftsurvey.results import contains, select, starts_with

TULU3 = "lambert2024tulu"
OPENTHOUGHTS = "guha2025openthoughts"
AVERAGE = "Average of the 12 development evaluations"
_SE = re.compile(r"[Ss]tandard error (\d+(?:\.\d+)?)")


def printed_standard_error(notes: pd.Series) -> pd.Series:
    """The standard error a row's note says the paper prints beside its value (else NaN)."""
    return notes.fillna("").str.extract(_SE, expand=False).astype(float)


# --- Tülu 3: removing one data group from the SFT mix ------------------------------------------


def tulu3_seed_averages(results: pd.DataFrame, base: str = "Llama 3.1 8B") -> pd.Series:
    """Table 14: the full mix's average over the development evaluations, one value per seed."""
    rows = select(
        results, paper=TULU3, experiment="sft-seeds", condition=contains(f"base_model={base};")
    )
    return select(rows, condition=contains("seed="))["value"]


TULU3_TARGETS = {
    "Safety": ("Safety",),
    "Math Data": ("GSM8K", "MATH"),
    "Persona Data": ("GSM8K", "MATH", "HumanEval", "HumanEval+", "IFEval"),
    "WildChat": ("AlpacaEval 2",),
}
"""The evaluations each removed group targets: safety data the safety score; the math data GSM8K and
MATH; the persona sets (Table 7 files them under math, coding and precise instruction following)
GSM8K, MATH, HumanEval(+) and IFEval; WildChat AlpacaEval 2 (the caption's 'most noticeably')."""


def _tulu3_per_evaluation(results: pd.DataFrame):
    """Table 10's per-evaluation scores: the full run's (by benchmark), and each removed group's."""
    rows = select(
        results, paper=TULU3, experiment="sft-mix-ablation", exclude={"benchmark": AVERAGE}
    )
    fields = condition_fields(rows["condition"])
    rows = rows.assign(removed=fields.get("removed", pd.Series(np.nan, index=rows.index)))
    full = rows[rows["removed"].isna()].set_index("benchmark")["value"]
    return full, rows.dropna(subset=["removed"]).groupby("removed")


def tulu3_off_target(results: pd.DataFrame) -> pd.DataFrame:
    """Table 10 per evaluation: each mix's mean over the evaluations its removed group does not
    target, beside the full mix's mean over the same evaluations."""
    full, groups = _tulu3_per_evaluation(results)
    out = []
    for removed, group in groups:
        keep = [b for b in group["benchmark"] if b not in TULU3_TARGETS.get(removed, ())]
        ablated = group.set_index("benchmark")["value"]
        out.append(
            {
                "removed": removed,
                "evaluations": len(keep),
                "value": float(ablated[keep].mean()),
                "full": float(full[keep].mean()),
            }
        )
    return pd.DataFrame(out, columns=["removed", "evaluations", "value", "full"])


def tulu3_target_shares(results: pd.DataFrame) -> pd.DataFrame:
    """Table 10 per evaluation: how much of each ablation's drop in the average falls on the
    evaluations its group targets (:data:`TULU3_TARGETS`), against Table 10's full-mix run.

    Columns: removed, targets, drop (full minus ablated average, in points), on_target (the part
    of the drop from the target evaluations), share (on_target / drop; above 1 when the other
    evaluations rose).
    """
    full, groups = _tulu3_per_evaluation(results)
    out = []
    for removed, group in groups:
        ablated = group.set_index("benchmark")["value"]
        loss = (full[ablated.index] - ablated) / len(ablated)
        targets = [b for b in ablated.index if b in TULU3_TARGETS.get(removed, ())]
        drop, on_target = float(loss.sum()), float(loss[targets].sum())
        out.append(
            {
                "removed": removed,
                "targets": ", ".join(targets),
                "drop": drop,
                "on_target": on_target,
                "share": on_target / drop if drop else np.nan,
            }
        )
    return pd.DataFrame(out, columns=["removed", "targets", "drop", "on_target", "share"])


def tulu3_group_table(results: pd.DataFrame) -> pd.DataFrame:
    """Each removed group with its target evaluations, the share of its drop on them, and its
    off-target means beside the full run's (the numbers behind the off-target variant)."""
    shares = tulu3_target_shares(results)
    off = tulu3_off_target(results)
    table = shares.merge(off, on="removed")
    return table.rename(
        columns={
            "removed": "group removed",
            "targets": "its target evaluations",
            "drop": "drop in the average",
            "on_target": "part on its targets",
            "share": "share on its targets",
            "evaluations": "off-target evaluations",
            "value": "off-target mean without it",
            "full": "off-target mean, full run",
        }
    ).drop(columns=["part on its targets"])


def tulu3_ablations(results: pd.DataFrame) -> pd.DataFrame:
    """Table 10's averages: the full mix and each mix with one group removed."""
    rows = select(results, paper=TULU3, experiment="sft-mix-ablation", benchmark=AVERAGE)
    fields = condition_fields(rows["condition"])
    return rows.assign(removed=fields.get("removed", pd.Series(np.nan, index=rows.index)))


@finding(
    "quantity-tulu3-each-group-pays",
    claim="Removing any one of the four data groups the paper removes (WildChat, safety, persona "
    "or math data) from Tülu 3's SFT mix lowers the 8B model's average over its development "
    "evaluations by more than the full mix varies between training seeds.",
    papers=(TULU3,),
    topic="quantity",
    notebook="notebooks/quantity-composition",
    reading="The paper states per-skill effects of each group (quoted), not a claim on the "
    "average. The survey tests the average: the paper's seed table (Table 14) measures the noise "
    "of the average only, and per-skill tolerances would need the item counts of Tülu's MATH, "
    "IFEval and safety evaluations, which the paper does not print. The average includes each "
    "group's own target evaluations: how much of each drop falls on them is computed beside the "
    "verdict, and the off-target variant tests the rest.",
    stated="We find that: 1) diverse chat data is beneficial for most skills, most noticeably "
    "Alpaca Eval, 2) safety performance is generally orthogonal to general performance, 3) our new "
    "Persona datasets improve all of the skills that they target, and 4) using mathematics as a "
    "test case, adding high quality skill-specific data substantially improves skill-specific "
    "performance.",
    location="Table 10 caption, arXiv v5 (the COLM 2025 version was not read)",
    scope=Scope(
        data="the 939,344-prompt Tülu 3 SFT mix against the mix without one group (sizes of the "
        "ablated mixes not printed)",
        models="Llama 3.1 8B, one run per ablation",
        benchmarks="the average of the 12 development evaluations (Table 10)",
        version="arXiv v5",
        quote="SFT performance noticeably varies based on the seed, highlighting the importance of "
        "multiple training runs",
        location="Section 4.3.1 (Table 14: five seeds of the 8B full mix; its 'Average' is taken "
        "to be Table 10's average of the 12 evaluations, which its caption does not say)",
    ),
    rule=Rule(
        "Each ablation's average is compared with the mean of the full mix's seeds (Table 14); it "
        "must be lower by more than the tolerance, the range of the seeds' averages (the widest "
        "the full mix itself varied). The share is taken over the four groups.",
        supported_at=1.0,
        partly_at=0.5,
        why="the claim is that every group pays",
    ),
    params={"reference": "seed mean", "evaluations": "all"},
    variants={
        "against Table 10's own full-mix row (60.1) instead of the seed mean": {
            "reference": "table 10",
            KIND: "scope",
        },
        "off-target evaluations only (each group's own targets left out), against Table 10's "
        "single full-mix run": {
            "evaluations": "off target",
        },
    },
    leave_out=("model",),
)
def check_tulu3_groups(results: pd.DataFrame, s: Settings) -> Verdict:
    table = tulu3_ablations(results)
    seeds = tulu3_seed_averages(results)
    seeds70 = tulu3_seed_averages(results, "Llama 3.1 70B")
    if seeds70.empty:
        seeds70 = seeds
    ablated = table.dropna(subset=["removed"])
    full = table[table["removed"].isna()]
    if ablated.empty or full.empty or len(seeds) < 2:
        return not_testable("Tülu 3's ablation averages or its seed table are missing.")
    spread = float(seeds.max() - seeds.min()) * s.tolerance_factor
    reference = (
        float(seeds.mean()) if s["reference"] == "seed mean" else float(full["value"].iloc[0])
    )
    if s["evaluations"] == "off target":
        ablated = tulu3_off_target(results)
        outcome = [
            noise.compare(f, v, spread)
            for f, v in zip(ablated["full"], ablated["value"], strict=True)
        ]
        drops = "; ".join(
            f"without {r.removed} {r.value:.2f} against {r.full:.2f} over {r.evaluations}"
            for r in ablated.itertuples()
        )
    else:
        outcome = [noise.compare(reference, v, spread) for v in ablated["value"]]
        drops = "; ".join(
            f"without {r.removed} {r.value:.1f}" for r in ablated.sort_values("value").itertuples()
        )
    counts = noise.Tally(outcome.count(1), outcome.count(0), outcome.count(-1))
    shares = tulu3_target_shares(results)
    shares_text = "; ".join(
        f"{r.removed} {r.share:.0%} of its {r.drop:.2f}-point drop (on {r.targets})"
        for r in shares.sort_values("share").itertuples()
    )
    if s["evaluations"] == "off target":
        reference_text = (
            f"Against Table 10's single full-mix run ({full['value'].iloc[0]:.1f} on the average; "
            f"the {len(seeds)} seeds' averages have mean {seeds.mean():.2f}, range "
            f"{seeds.min():.1f}–{seeds.max():.1f}), each mix's mean over the evaluations its group "
            "does not target beside the full run's mean over the same"
        )
        caveat = (
            " That run may be the best of the seeds, which would overstate every drop, and the "
            "seeds' range of the 12-evaluation average is used as the tolerance of means over "
            "fewer evaluations, which vary more."
        )
    elif s["reference"] == "seed mean":
        reference_text = (
            f"Against the full mix's {len(seeds)} seeds (mean {seeds.mean():.2f}, range "
            f"{seeds.min():.1f}–{seeds.max():.1f}; Table 10 prints {full['value'].iloc[0]:.1f} "
            "for it)"
        )
        caveat = ""
    else:
        reference_text = (
            f"Against Table 10's full-mix run ({full['value'].iloc[0]:.1f}; the {len(seeds)} "
            f"seeds' averages have mean {seeds.mean():.2f}, range "
            f"{seeds.min():.1f}–{seeds.max():.1f})"
        )
        caveat = ""
    summary = (
        f"{reference_text}: {drops} — {counts.better} of {counts.total} lower beyond the "
        f"seeds' range, {counts.same} within it, {counts.worse} higher.{caveat} Each ablation "
        f"is one run; the 70B model's three seeds span {seeds70.max() - seeds70.min():.1f} "
        "points, so five 8B seeds may understate the noise. Removing a group also shrinks the "
        "mix. The share of each drop (against Table 10's full run) that falls on the group's own "
        f"target evaluations: {shares_text} (above 100%: the other evaluations rose)."
    )
    rows = pd.concat(
        [
            table.drop(columns=["removed"]),
            results[results.index.isin(seeds.index) | results.index.isin(seeds70.index)],
        ]
    )
    return graded(
        s,
        counts.better / counts.total,
        summary,
        {"groups": counts.total, "lower": counts.better, "seed_range": spread},
        rows,
        "the range of the full mix's averages over its training seeds (the paper's Table 14); "
        "the ablations are single runs, whose own seed noise is assumed the same",
    )


# --- OpenThoughts: how many question sources to mix --------------------------------------------


def openthoughts_mixing(results: pd.DataFrame, benchmark_prefix: str = "Average") -> pd.DataFrame:
    """Table 3 (code): the score and printed standard error per number of sources mixed."""
    rows = select(
        results,
        paper=OPENTHOUGHTS,
        experiment="pipeline-question-mixing",
        source="Table 3",
        benchmark=starts_with(benchmark_prefix),
    )
    sources = rows["condition"].str.extract(r"Top (\d+) code sources", expand=False).astype(float)
    return rows.assign(sources=sources, se=printed_standard_error(rows["note"])).dropna(
        subset=["sources"]
    )


LABELS = {"Average": "eight-task average", "Code Avg": "code average", "Math Avg": "math average"}


@finding(
    "diversity-few-question-sources-beat-many",
    claim="At a fixed 31,600 reasoning examples, questions from the best one or two sources give a "
    "better model than questions mixed from the best four, eight or sixteen (code domain).",
    papers=(OPENTHOUGHTS,),
    topic="diversity",
    notebook="notebooks/diversity-reported",
    stated="Our experiments show that mixing many question sources degrades performance: mixing "
    "at most two sources yields the best results across all data domains.",
    location="Section 3.3 (ICLR 2026 copy)",
    scope=Scope(
        data="31,600 questions from the top 1, 2, 4, 8 or 16 code sources of Table 2, answered by "
        "DeepSeek-R1 (the math and science mixing tables, 34 to 36, were not readable)",
        models="Qwen2.5-7B-Instruct, one fine-tune per strategy",
        benchmarks="the average of eight tasks (AIME24, AMC23, MATH500, CodeElo, CodeForces, "
        "LiveCodeBench, GPQA Diamond, JEEBench), with the standard error printed beside each value",
        version="ICLR 2026",
        quote="This result indicates that downstream performance benefits from increased quality "
        "of source data rather than diversity induced by mixing multiple question sources.",
        location="Section 3.3",
    ),
    rule=Rule(
        "The better of the one- and two-source mixes (the paper's 'at most two') is compared with "
        "each of the four-, eight- and sixteen-source mixes on the eight-task average; it must be "
        "better beyond the tolerance, two of the larger printed standard error (the paper's own "
        "convention: its captions treat values within two standard errors of the best as ties). "
        "The share is taken over the three comparisons. The sources are added in the order of "
        "their Table 2 rank, so more sources also means lower-ranked ones: the paper reads the "
        "result as one of source quality, not of diversity.",
        supported_at=1.0,
        partly_at=0.5,
        why=ALL_CASES,
    ),
    params={"benchmark": "Average", "errors": 2.0, "few": (1, 2)},
    variants={
        "one standard error instead of two": {"errors": 1.0, KIND: "tolerance"},
        "the single best source alone as the few-source mix": {"few": (1,)},
        "code average only (CodeElo, CodeForces, LiveCodeBench)": {"benchmark": "Code Avg"},
        "math average only (AIME24, AMC23, MATH500)": {"benchmark": "Math Avg"},
    },
)
def check_openthoughts_mixing(results: pd.DataFrame, s: Settings) -> Verdict:
    table = openthoughts_mixing(results, s["benchmark"])
    if table.empty or table["se"].isna().any():
        return not_testable("OpenThoughts' Table 3 scores or their standard errors are missing.")
    few = table[table["sources"].isin(s["few"])]
    many = table[table["sources"] >= 4].sort_values("sources")
    best = few.loc[few["value"].idxmax()]
    outcome = [
        noise.compare(
            best["value"], r.value, s["errors"] * max(best["se"], r.se) * s.tolerance_factor
        )
        for r in many.itertuples()
    ]
    counts = noise.Tally(outcome.count(1), outcome.count(0), outcome.count(-1))
    parts = "; ".join(
        f"{int(r.sources)} sources {r.value:.1f} ± {r.se:g}" for r in many.itertuples()
    )
    summary = (
        f"On the {LABELS[s['benchmark']]}, the best few-source mix ({int(best['sources'])} "
        f"source{'s' if best['sources'] > 1 else ''}, {best['value']:.1f} ± {best['se']:g}) against "
        f"{parts}: {counts.text()}. One fine-tune per strategy; how the printed standard errors "
        "are computed is in an appendix not read."
    )
    return graded(
        s,
        counts.better / counts.total,
        summary,
        {"comparisons": counts.total, "better": counts.better},
        table,
        "two of the larger of the two standard errors printed beside the scores (Table 3), the "
        "paper's own tie convention",
    )

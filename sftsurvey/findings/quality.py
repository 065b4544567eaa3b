"""Findings of the data-quality papers, each checked on the reported results within its scope."""

from __future__ import annotations

import numpy as np
import pandas as pd

from sftsurvey.findings import noise
from sftsurvey.findings.core import (
    ALL_CASES,
    KIND,
    OUT_OF_SCOPE,
    Rule,
    Scope,
    Settings,
    Verdict,
    finding,
    graded,
    not_testable,
)
from sftsurvey.results import select, starts_with

ALPAGASUS = "chen2023alpagasus"
HUMPBACK = "li2023selfalignment"
POOLS = {"benchmarks-alpaca": "Alpaca", "benchmarks-dolly": "Dolly"}


def alpagasus_rows(
    results: pd.DataFrame, pools: tuple[str, ...] = ("Alpaca", "Dolly")
) -> pd.DataFrame:
    """AlpaGasus's benchmark rows (Table 2: Alpaca pool; Table 4: Dolly pool)."""
    experiments = [e for e, pool in POOLS.items() if pool in pools]
    return select(results, paper=ALPAGASUS, experiment=experiments)


def alpagasus_comparisons(
    results: pd.DataFrame, pools: tuple[str, ...] = ("Alpaca", "Dolly")
) -> pd.DataFrame:
    """AlpaGasus Tables 2 and 4, one row per model × benchmark × source set.

    Columns: pool (Alpaca, Dolly), model, benchmark, random, filtered, full (scores), and
    filtered_n / full_n (training examples).
    """
    rows = alpagasus_rows(results, pools)
    if rows.empty:
        return pd.DataFrame()
    kind = rows["condition"].str.extract(r"(random|filtered|full)", expand=False)
    rows = rows.assign(kind=kind, pool=rows["experiment"].map(POOLS))
    wide = rows.pivot_table(
        index=["pool", "model", "benchmark"], columns="kind", values="value"
    ).reset_index()
    sizes = rows.pivot_table(index=["pool"], columns="kind", values="n_examples", aggfunc="max")
    wide["filtered_n"] = wide["pool"].map(sizes["filtered"])
    wide["full_n"] = wide["pool"].map(sizes["full"])
    wide.columns.name = None
    return wide


def alpagasus_tolerance(
    benchmark: str, score: float, factor: float = 1.0, problems: str = "one problem"
) -> noise.Tolerance:
    """AlpaGasus reports no variance: the benchmark's granularity (scores read as percent).

    ``problems="binomial"`` gives a problem set (HumanEval) the binomial standard error of a pass
    rate on its problems instead of one problem (a robustness alternative).
    """
    bench = noise.benchmark(benchmark)
    if bench.kind == "problems" and problems == "binomial":
        p = score / 100
        se = 100 * float(np.sqrt(max(p * (1 - p), 1 / bench.items) / bench.items))
        return noise.Tolerance(se * factor, f"binomial standard error on {bench.name}'s problems")
    return noise.granularity(benchmark, score).scaled(factor)


def _outcome(
    benchmark: str, a: float, b: float, tolerance: float, problems: str = "one problem"
) -> int:
    """+1, 0 or −1 for score ``a`` against ``b``; on a problem set, in whole problems.

    A printed pass rate is rounded to the number of problems it stands for, so that a gap of
    exactly one problem (20/164 against 19/164, printed 12.20 and 11.59) is not counted as more
    than one problem because of the printed decimals.
    """
    bench = noise.benchmark(benchmark)
    if bench.kind == "problems" and problems == "one problem":
        per_problem = 100 / bench.items
        return noise.compare(
            round(a / per_problem), round(b / per_problem), tolerance / per_problem
        )
    return noise.compare(a, b, tolerance)


def with_outcomes(
    table: pd.DataFrame, factor: float = 1.0, problems: str = "one problem"
) -> pd.DataFrame:
    """Add, per comparison, the tolerance and the filtered subset's outcome against full and random.

    Outcomes are +1 (better by more than the tolerance), 0 (indistinguishable), −1 (worse).
    """
    tolerance = [
        alpagasus_tolerance(b, min(f, r, u), factor, problems).points
        for b, f, r, u in zip(
            table["benchmark"], table["filtered"], table["random"], table["full"], strict=True
        )
    ]
    out = table.assign(tolerance=tolerance)
    for column, other in (("vs_full", "full"), ("vs_random", "random")):
        out[column] = [
            _outcome(b, f, o, t, problems)
            for b, f, o, t in zip(
                out["benchmark"], out["filtered"], out[other], out["tolerance"], strict=True
            )
        ]
    return out


def _tally(outcomes: pd.Series) -> noise.Tally:
    values = list(outcomes)
    return noise.Tally(values.count(1), values.count(0), values.count(-1))


@finding(
    "quality-small-filtered-matches-full",
    claim="A small, quality-filtered subset of an instruction set matches or beats the full set "
    "it was filtered from, and beats a random subset of the same size.",
    papers=(ALPAGASUS,),
    topic="quality",
    notebook="notebooks/quality-reported",
    stated="ALPAGASUS-7B, 13B show superiority on the 3/4 datasets, which demonstrates the "
    "effectiveness of our filtering algorithm. Another interesting finding is that the models "
    "trained with our filtered data can be better on all the benchmarks than training with "
    "randomly selected data.",
    location="Section 4.5 (on Table 2), arXiv v5",
    scope=Scope(
        data="Alpaca: 9,229 rater-filtered examples against all 52,002 and a random 9,229 "
        "(Table 2); the Dolly pool's Table 4 carries no claim in the text",
        models="LLaMA 7B and 13B",
        benchmarks="MMLU (5-shot), BBH (3-shot), DROP (3-shot), HumanEval (0-shot), through "
        "INSTRUCTEVAL; the unit is not stated (read as percent)",
        version="arXiv v5 (ICLR 2024)",
        quote="We show the benchmark results in Table 4 of Dolly and the filtered set.",
        location="Appendix B.2, arXiv v5 (the only sentence on Table 4)",
    ),
    rule=Rule(
        "Per model, as the paper states it: against the full set the filtered subset must be not "
        "worse (better or indistinguishable within tolerance) on at least 3 of the 4 benchmarks "
        "(the paper's '3/4'; its word 'superiority' — better beyond tolerance — is an "
        "alternative), and it must be better than the equal-size random subset beyond tolerance "
        "on all of them (the paper's 'all the benchmarks'). Pass rates on HumanEval are compared "
        "in whole problems. The share is taken over models.",
        supported_at=1.0,
        partly_at=0.5,
        why=ALL_CASES,
    ),
    params={"pools": ("Alpaca",), "vs_full": "not worse", "problems": "one problem"},
    variants={
        "superior to the full set on 3 of 4 (the paper's word)": {"vs_full": "better"},
        "HumanEval: binomial standard error on its 164 problems": {
            "problems": "binomial",
            KIND: "tolerance",
        },
        "both pools (Alpaca and Dolly, Tables 2 and 4)": {
            "pools": ("Alpaca", "Dolly"),
            OUT_OF_SCOPE: True,
        },
    },
    leave_out=("model", "benchmark"),
)
def check_small_filtered(results: pd.DataFrame, s: Settings) -> Verdict:
    table = alpagasus_comparisons(results, s["pools"])
    if table.empty:
        return not_testable("No AlpaGasus benchmark rows in the results.")
    table = with_outcomes(table, s.tolerance_factor, s["problems"])
    vs_full, vs_random = _tally(table["vs_full"]), _tally(table["vs_random"])
    not_worse = (vs_full.better + vs_full.same) / vs_full.total
    beats_random = vs_random.better / vs_random.total
    floor = 1 if s["vs_full"] == "better" else 0
    full_half = table.groupby(["pool", "model"]).apply(
        lambda g: bool((g["vs_full"] >= floor).mean() >= 0.75), include_groups=False
    )
    random_half = table.groupby(["pool", "model"]).apply(
        lambda g: bool((g["vs_random"] > 0).all()), include_groups=False
    )
    per_model = full_half & random_half
    sizes = "; ".join(
        f"{pool} {int(group['filtered_n'].max()):,} of {int(group['full_n'].max()):,}"
        for pool, group in table.groupby("pool")
    )
    losses = table[table["vs_full"] < 0]
    summary = (
        f"Across {len(table)} model–benchmark pairs ({sizes}), the filtered subset against the "
        f"full set: {vs_full.text()}; against the equal-size random subset: {vs_random.text()}."
        + (
            f" It falls behind the full set on {', '.join(sorted(set(losses['benchmark'])))}."
            if len(losses)
            else ""
        )
        + f" Per model, the first half of the stated claim ({'superior' if floor else 'not worse'} "
        f"than the full set on at least 3 of 4 benchmarks) holds for {int(full_half.sum())} of "
        f"{len(full_half)}, the second (better than random on all of them) for "
        f"{int(random_half.sum())} of {len(random_half)}; both for {int(per_model.sum())}."
    )
    numbers = {
        "share_not_worse_than_full": not_worse,
        "share_beats_random": beats_random,
        "models_full_half": int(full_half.sum()),
        "models_random_half": int(random_half.sum()),
    }
    return graded(
        s,
        float(per_model.mean()),
        summary,
        numbers,
        alpagasus_rows(results, s["pools"]),
        "HumanEval: one problem of 164, compared in whole problems; MMLU, BBH, DROP: binomial "
        "standard error of an accuracy on the items evaluated, at the lowest of the three scores "
        "(AlpaGasus reports no variance)",
    )


def humpback_alpha(results: pd.DataFrame) -> pd.DataFrame:
    """Humpback's Table 3: data-scaling coefficient α per instruction dataset."""
    rows = select(results, paper=HUMPBACK, experiment="data-efficiency-alpha")
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


HUMPBACK_SIZES = (100, 800, 1600, 3200, 6400, 12800, 25600, 51200)
"""The training-set sizes N of Humpback's data-scaling runs (Appendix C, arXiv v1/v2)."""
LOG_BASES = {"natural": np.e, "2": 2.0, "10": 10.0}


def humpback_winrate_se(results: pd.DataFrame) -> float | None:
    """The largest ± Humpback prints on a win rate against text-davinci-003 (Tables 7 and 8)."""
    rows = select(results, paper=HUMPBACK, metric=starts_with("win rate ± value"))
    return float(rows["value"].max()) if len(rows) else None


def alpha_se(sigma: float, base: str = "natural", max_n: float | None = None) -> float:
    """Least-squares standard error of α over the N of Appendix C up to ``max_n`` (a dataset's size)."""
    sizes = [n for n in HUMPBACK_SIZES if max_n is None or n <= max_n]
    x = np.log(np.array(sizes, dtype=float)) / np.log(LOG_BASES[base])
    return float(sigma / np.sqrt(((x - x.mean()) ** 2).sum()))


def dataset_sizes(results: pd.DataFrame) -> dict[str, float]:
    """Datasets of Table 3 smaller than the largest N, with their size (LIMA: its training set)."""
    lima = select(results, paper="zhou2023lima", experiment="training-data")
    return {"LIMA": float(lima["value"].iloc[0])} if len(lima) else {}


def alpha_tolerance(
    results: pd.DataFrame, base: str = "natural", factor: float = 1.0
) -> noise.Tolerance:
    """The standard error of the difference of two fitted α, from the paper's win-rate ±.

    α is the slope of w = α log N + C fitted over the N of Appendix C; a least-squares slope's
    standard error is σ / √Σ(log Nᵢ − mean)², with σ the ± the paper prints on its win rates
    against text-davinci-003; two α differ by more than noise beyond √2 times that. The paper does
    not state the base of its logarithm, so the base is a robustness alternative.
    """
    sigma = humpback_winrate_se(results)
    if sigma is None:
        return noise.printed_precision("0.01").scaled(factor)
    se = alpha_se(sigma, base)
    return noise.Tolerance(
        float(np.sqrt(2) * se * factor),
        f"the standard error of a difference of two α, from the paper's largest ± on a win rate "
        f"(±{sigma:g} points, Tables 7–8, which print it for other runs of the same judge) over "
        f"the eight N of Appendix C, logarithm base {base}; a dataset smaller than the largest N "
        "(LIMA, 1,000 examples) has fewer points and a larger standard error",
    )


def _size(dataset: str, sizes: dict[str, float]) -> float | None:
    """The known size of a Table 3 dataset (matched on its name's first word), else None."""
    return next((n for name, n in sizes.items() if dataset.split(" ")[0] == name), None)


@finding(
    "quality-sets-the-slope",
    claim="How an instruction dataset was made sets how fast a model improves with more of it: "
    "win rate grows log-linearly with data size, with a slope that differs by dataset and is "
    "steepest for self-curated data.",
    papers=(HUMPBACK,),
    topic="quality",
    notebook="notebooks/quality-reported",
    withdrawn="Its check could test only the last clause (Humpback's slope against the others in "
    "Table 3): the log-linear form cannot be refitted from plotted win rates, and 'how a dataset "
    "was made sets the slope' is not something one paper's table can show. Replaced by "
    "quality-self-curated-steepest-slope, which claims what is tested.",
)
def check_slope_withdrawn(results: pd.DataFrame, s: Settings) -> Verdict:
    return not_testable("Withdrawn: the claim is broader than its check; see its replacement.")


@finding(
    "quality-self-curated-steepest-slope",
    claim="Of the instruction datasets in Humpback's Table 3, its own self-curated data has the "
    "largest data-scaling coefficient α (the slope of win rate against log data size).",
    papers=(HUMPBACK,),
    topic="quality",
    notebook="notebooks/quality-reported",
    stated="Scaling up augmented data using the A5 data achieved both higher instruction "
    "following performance and more efficient data scaling.",
    location="Section 3.3 ('Data scaling efficiency'), arXiv v1/v2",
    scope=Scope(
        data="N ∈ {100, 800, 1,600, …, 51,200} examples of each dataset (Appendix C); which N "
        "each dataset reached is not stated (LIMA has 1,000 examples)",
        models="LLaMa 7B",
        benchmarks="win rate against text-davinci-003 (GPT-4 judge); α fitted as w = α log N + C "
        "(Table 3, no interval; the base of the logarithm is not stated)",
        version="arXiv v1/v2 (the text read here)",
        quote="We also report an estimate of this efficiency using the data scaling coefficient "
        "α, which is calculated by fitting empirical data with w = α log N + C",
        location="Section 3.3, arXiv v1/v2",
    ),
    rule=Rule(
        "Humpback's α is compared with each other dataset's α in Table 3 (better, "
        "indistinguishable within tolerance, or worse); the share is the share of datasets it "
        "exceeds. Only this part of the claim is tested: the log-linear form cannot be, since the "
        "win rates behind the fits are only plotted.",
        supported_at=1.0,
        partly_at=0.5,
        why="the claim is that self-curated data has the steepest slope of all",
    ),
    params={"base": "natural"},
    variants={
        "logarithm base 2": {"base": "2", KIND: "tolerance"},
        "logarithm base 10": {"base": "10", KIND: "tolerance"},
    },
    leave_out=("condition",),
)
def check_slope(results: pd.DataFrame, s: Settings) -> Verdict:
    alpha = humpback_alpha(results)
    if alpha.empty:
        return not_testable("No data-scaling coefficients of Humpback in the results.")
    ours = alpha[alpha["dataset"].str.contains("Humpback")]
    if ours.empty:
        return not_testable("No α of Humpback's own data in the results.")
    top = float(ours["alpha"].iloc[0])
    others = alpha[~alpha["dataset"].str.contains("Humpback")]
    tol = alpha_tolerance(results, s["base"], s.tolerance_factor)
    sigma = humpback_winrate_se(results)
    sizes = dataset_sizes(results)
    if sigma is None:
        tolerances = [tol.points] * len(others)
    else:
        own = alpha_se(sigma, s["base"])
        tolerances = [
            float(np.hypot(own, alpha_se(sigma, s["base"], _size(d, sizes)))) * s.tolerance_factor
            for d in others["dataset"]
        ]
    counts = noise.tally(top - others["alpha"], tolerances)
    close = [
        d
        for d, a, t in zip(others["dataset"], others["alpha"], tolerances, strict=True)
        if abs(top - a) <= t
    ]
    spread = float(alpha["alpha"].max() / alpha["alpha"].min())
    summary = (
        f"Humpback's α = {top:g} against the {len(others)} other datasets of Table 3: "
        f"{counts.text('below it', 'above it')}"
        + (f" (within the tolerance: {', '.join(close)})" if close else "")
        + f". The slopes range from {alpha['alpha'].min():g} ({alpha.iloc[-1]['dataset']}) to "
        f"{alpha['alpha'].max():g} ({alpha.iloc[0]['dataset']}). The win rates behind the fits "
        "are only plotted, so the log-linear form could not be refitted here."
    )
    rows = select(results, paper=HUMPBACK, experiment="data-efficiency-alpha")
    return graded(
        s,
        counts.better / counts.total if counts.total else 0.0,
        summary,
        {"alpha_humpback": top, "spread": spread, "datasets_below": counts.better},
        rows,
        f"{tol.basis}: {tol.points:.2f}",
    )


IFD = "li2023from"


def ifd_human_comparisons(results: pd.DataFrame) -> pd.DataFrame:
    """IFD's human evaluation against the full data (Section 4.1): wins, ties, losses per pool."""
    rows = select(results, paper=IFD, experiment="human-eval-vs-full")
    if rows.empty:
        return pd.DataFrame(columns=["pool", "selection", "win", "tie", "lose", "n"])
    parts = rows["condition"].str.extract(r"data=(?P<pool>[^;]+); selection=(?P<selection>[^;]+)")
    outcome = rows["metric"].str.extract(r"(wins|ties|loses)", expand=False)
    table = parts.assign(outcome=outcome.to_numpy(), value=rows["value"].to_numpy()).pivot_table(
        index=["pool", "selection"], columns="outcome", values="value"
    )
    table.columns.name = None
    table = table.rename(columns={"wins": "win", "ties": "tie", "loses": "lose"}).reset_index()
    table["n"] = table[["win", "tie", "lose"]].sum(axis=1)
    return table


@finding(
    "quality-difficulty-selected-preferred-over-full",
    claim="A model tuned on the top 5% of Alpaca, or the top 10% of WizardLM, by a difficulty score "
    "(IFD) is preferred by human raters over the model tuned on the whole set.",
    papers=(IFD,),
    topic="quality",
    notebook="notebooks/quality-reported",
    stated="Moreover, the human evaluation results also showcase the usefulness of our method.",
    location="Section 4.1 (the paragraph giving the human evaluation's counts), NAACL 2024; the "
    "section's general sentence ('with merely 10% of selectively chosen data, our models manage to "
    "exceed the results of models trained on the full dataset') is about the GPT-4-judged figures",
    scope=Scope(
        data="Alpaca (52,002) with its top-IFD 5%; WizardLM70K (63,655 after filtering) with its "
        "top-IFD 10%",
        models="LLaMA-7B",
        benchmarks="human evaluation on 100 instructions (20 from each of Vicuna, Koala, WizardLM, "
        "Self-instruct and LIMA test sets), 3 raters, majority vote",
        version="NAACL 2024 (the camera-ready text read here)",
    ),
    rule=Rule(
        "Per pool, the selected-data model's win-minus-loss share against the full-data model on "
        "the human evaluation must exceed its binomial standard error (win, tie and lose on the "
        "prompts judged). The share is taken over the two pools. One standard error is a lenient "
        "bar (about 68% two-sided); the paper reports no rater agreement, and on its leaderboards "
        "it calls the WizardLM selection only 'close' to the full data (Section 4.1, Table 1).",
        supported_at=1.0,
        partly_at=0.5,
        why=ALL_CASES,
    ),
    leave_out=("condition",),
)
def check_ifd_human(results: pd.DataFrame, s: Settings) -> Verdict:
    table = ifd_human_comparisons(results)
    if table.empty:
        return not_testable("No human evaluation of IFD against the full data in the results.")
    parts, holds = [], []
    for r in table.itertuples():
        margin, se = noise.win_loss_margin(r.win, r.lose, r.n)
        se *= s.tolerance_factor
        outcome = noise.compare(margin, 0, se)
        holds.append(outcome > 0)
        word = {1: "preferred beyond noise", 0: "indistinguishable", -1: "less preferred"}[outcome]
        parts.append(
            f"{r.pool}, {r.selection}: {int(r.win)} wins, {int(r.tie)} ties, {int(r.lose)} losses "
            f"of {int(r.n)}, a margin of {margin:+.1f} ± {se:.1f} points — {word}"
        )
    rows = select(results, paper=IFD, experiment="human-eval-vs-full")
    return graded(
        s,
        float(np.mean(holds)),
        "Against the full-data model: " + "; ".join(parts) + ".",
        {"pools_preferred": float(sum(holds))},
        rows,
        "binomial standard error of a win-minus-loss share on the 100 judged instructions "
        "(the paper reports no variance or rater agreement)",
    )

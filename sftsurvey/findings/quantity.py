"""Findings of the data-quantity papers, each checked on the reported results within its scope."""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pandas as pd
from scipy.stats import spearmanr

from sftsurvey import fits
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

YUAN = "yuan2023scaling"
DONG = "dong2023how"
JI = "ji2023exploring"
LIMA = "zhou2023lima"


def yuan_sft_curves(results: pd.DataFrame, schedule: str = "best") -> pd.DataFrame:
    """Yuan et al.'s SFT accuracy per base model and data amount (Table 5).

    The paper trains each fraction of GSM8K with two epoch schedules (3 epochs, and 3/fraction
    epochs); ``schedule="best"`` keeps the better of the two for each (model, fraction), as its
    Figure 3 does; ``schedule="3 epochs"`` keeps the 3-epoch runs only. Columns: model, fraction,
    n (examples = fraction × base size), accuracy, and the evidence rows' columns.
    """
    rows = select(
        results,
        paper=YUAN,
        experiment="sft-data-scaling",
        source="Table 5",
        metric="maj1@1 accuracy",
    )
    if schedule == "3 epochs":
        rows = select(rows, condition="epochs=3")
    if rows.empty:
        return pd.DataFrame(columns=["model", "fraction", "n", "accuracy", "file", "line"])
    best = rows.loc[rows.groupby(["model", "fraction"])["value"].idxmax()]
    out = best.assign(n=best["fraction"] * best["base_size"], accuracy=best["value"])
    keep = ["model", "fraction", "n", "accuracy", *[c for c in best if c not in ("n", "accuracy")]]
    return out[list(dict.fromkeys(keep))].sort_values(["model", "n"])


def in_range(curves: pd.DataFrame, low: float, high: float = 1.0) -> pd.DataFrame:
    """The points whose data fraction lies in [low, high] (fractions compared to 1e-9)."""
    f = curves["fraction"].astype(float)
    return curves[(f >= low - 1e-9) & (f <= high + 1e-9)]


def loglinear_by_model(
    curves: pd.DataFrame, bootstrap: int = 0, families: bool = True
) -> pd.DataFrame:
    """Per model: log-linear fit (gain per doubling, R²) and the AICc-preferred curve family.

    ``families=False`` skips the comparison of curve families (the checks do not use it).
    """
    rows = []
    for model, group in curves.groupby("model", sort=False):
        fit = fits.fit("loglinear", group["n"], group["accuracy"], bootstrap=bootstrap)
        ranking = fits.compare(group["n"], group["accuracy"]) if families else pd.DataFrame()
        low, high = fit.ci.get("b", (np.nan, np.nan))
        doublings = float(np.log2(group["n"].max() / group["n"].min()))
        rows.append(
            {
                "model": model,
                "points": fit.n_points,
                "doublings": doublings,
                "gain_per_doubling": fit.gain_per_doubling,
                "gain_low": low,
                "gain_high": high,
                "r2": fit.r2,
                "rise": fit.gain_per_doubling * doublings,
                "mean_accuracy": float(group["accuracy"].mean()),
                "best_family": ranking.iloc[0]["model"] if len(ranking) else "",
                "loglinear_weight": float(
                    ranking.loc[ranking["model"] == "loglinear", "weight"].iloc[0]
                )
                if len(ranking)
                else np.nan,
            }
        )
    return pd.DataFrame(rows)


def gsm8k_tolerance(score: float, settings: Settings) -> noise.Tolerance:
    """GSM8K: Yuan et al. report no variance, so the binomial SE of the test-set accuracy."""
    return noise.granularity("GSM8K", score).scaled(settings.tolerance_factor)


def yuan_model_strength(results: pd.DataFrame) -> pd.DataFrame:
    """Per base model: ICL accuracy (Table 5) and pre-training loss (Table 1), where reported."""
    rows = select(results, paper=YUAN)
    icl = select(rows, experiment="icl", source="Table 5", metric="maj1@1 accuracy")
    loss = select(rows, experiment="pretraining-loss")
    strength = pd.DataFrame({"model": sorted(set(icl["model"]) | set(loss["model"]))})
    strength["icl_accuracy"] = strength["model"].map(icl.set_index("model")["value"])
    strength["pretraining_loss"] = strength["model"].map(loss.set_index("model")["value"])
    return strength


YUAN_SCOPE = Scope(
    data="1/8 to all of GSM8K's 7,473 training questions (fractions 1/8, 1/4, 1/2, 1)",
    models="LLaMA and LLaMA2 (Table 5: 7B, 13B, 33B, 65B; LLaMA2 7B, 13B, 70B)",
    benchmarks="GSM8K test set, maj1@1 accuracy; the better of two epoch schedules per cell "
    "(Appendix A.2)",
    version="arXiv v2",
    quote="The log-linear relation is stable during {1,1/2,1/4,1/8} amount of the training data.",
    location="Section 3.2, arXiv v2",
)
YUAN_VARIANTS = {
    "narrower range (1/4 to all)": {"low": 1 / 4},
    "wider range (1/32 to all)": {"low": 1 / 32, OUT_OF_SCOPE: True},
    "3-epoch runs only (the paper's curves take the better of two schedules)": {
        "schedule": "3 epochs",
        OUT_OF_SCOPE: True,
    },
}


def doubling_increments(group: pd.DataFrame) -> np.ndarray:
    """The accuracy gained at each doubling of one model's data (points in data order)."""
    ordered = group.sort_values("n")
    return np.diff(ordered["accuracy"].to_numpy(dtype=float))


def slope_standard_error(group: pd.DataFrame, settings: Settings) -> float:
    """Least-squares standard error of the gain per doubling, from each score's binomial SE."""
    x = np.log2(group["n"].to_numpy(dtype=float))
    sigma = gsm8k_tolerance(float(group["accuracy"].mean()), settings).points
    return float(sigma / np.sqrt(((x - x.mean()) ** 2).sum()))


def gains_with_errors(curves: pd.DataFrame) -> pd.DataFrame:
    """Per model: the log-linear fit with the least-squares standard error of its gain per doubling
    (``gain_se``, from each score's binomial standard error), as the findings use it."""
    table = loglinear_by_model(curves)
    table["gain_se"] = [
        slope_standard_error(curves[curves["model"] == m], Settings()) for m in table["model"]
    ]
    return table


def curve_points(curves: pd.DataFrame) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per model: its data sizes ``n`` and accuracies as arrays (the points of a scaling figure)."""
    return {m: (g["n"].to_numpy(), g["accuracy"].to_numpy()) for m, g in curves.groupby("model")}


def loglinear_fits(curves: pd.DataFrame) -> dict[str, fits.Fit]:
    """Per model: the log-linear fit of accuracy against data size (for a scaling figure)."""
    return {m: fits.fit("loglinear", g["n"], g["accuracy"]) for m, g in curves.groupby("model")}


def gains_against_loss(gains: pd.DataFrame, strength: pd.DataFrame) -> pd.DataFrame:
    """The models of :func:`gains_with_errors` that have a pre-training loss, with that loss
    (:func:`yuan_model_strength`) beside their gain per doubling."""
    return gains.merge(strength, on="model").dropna(subset=["pretraining_loss"])


def overlapping_gains(gains: pd.DataFrame) -> tuple[int, int]:
    """How many pairs of models of :func:`gains_with_errors` have gains per doubling that differ
    by no more than the standard error of their difference; and how many pairs there are."""
    pairs = list(combinations(gains.itertuples(), 2))
    close = sum(
        abs(a.gain_per_doubling - b.gain_per_doubling) <= float(np.hypot(a.gain_se, b.gain_se))
        for a, b in pairs
    )
    return int(close), len(pairs)


@finding(
    "quantity-loglinear-gsm8k",
    claim="Supervised fine-tuning accuracy on GSM8K grows log-linearly with the amount of "
    "training data: each doubling adds a roughly constant number of points.",
    papers=(YUAN,),
    topic="quantity",
    notebook="notebooks/quantity-math-scaling",
    stated="The model performance has a log-linear relation versus data amount. When the data "
    "amount doubles, the performance increases by a unit.",
    location="Section 3.2, arXiv v2",
    scope=YUAN_SCOPE,
    rule=Rule(
        "Per base model, over the stated range: every doubling must add a similar number of points "
        "— no difference between successive per-doubling gains (a second difference, whose "
        "standard error is √6 times one score's) larger than z_max of its standard errors — and "
        "the total rise must exceed one score's standard error. The share is taken over base models. (An R² threshold is not used: "
        "with four points, curves that are not log-linear also reach R² ≥ 0.9.)",
        supported_at=1.0,
        partly_at=0.5,
        thresholds={"z_max": "z_max"},
        why=ALL_CASES,
    ),
    params={"low": 1 / 8, "schedule": "best", "shape": "increments", "z_max": 2.0},
    variants=YUAN_VARIANTS,
    leave_out=("model",),
)
def check_loglinear(results: pd.DataFrame, s: Settings) -> Verdict:
    curves = in_range(yuan_sft_curves(results, s["schedule"]), s["low"])
    if curves.empty:
        return not_testable("No SFT data-scaling rows of Yuan et al. in the results.")
    table = loglinear_by_model(curves, families=False)
    rows = []
    for model, group in curves.groupby("model", sort=False):
        sigma = gsm8k_tolerance(float(group["accuracy"].mean()), s).points
        steps = doubling_increments(group)
        second = np.diff(steps)
        even = bool((np.abs(second) <= s["z_max"] * np.sqrt(6) * sigma).all())
        fit = table.set_index("model").loc[model]
        shape_ok = even if s["shape"] == "increments" else bool(fit["r2"] >= 0.9)
        rises = bool(fit["rise"] > sigma)
        rows.append(
            {
                "model": model,
                "gains": ", ".join(f"{v:+.1f}" for v in steps),
                "largest_second_difference": float(np.abs(second).max()) if len(second) else 0.0,
                "tolerance": float(s["z_max"] * np.sqrt(6) * sigma),
                "holds": shape_ok and rises,
            }
        )
    checked = pd.DataFrame(rows)
    good = checked["holds"]
    failing = checked.loc[~good, "model"].tolist()
    shape = (
        f"every doubling adds a similar number of points (second differences within {s['z_max']:g} "
        "standard errors)"
        if s["shape"] == "increments"
        else "a log-linear fit explains at least 90% of the variance"
    )
    summary = (
        f"Over 1/{1 / s['low']:.0f} to all of the data, {shape} and the rise exceeds the tolerance "
        f"for {int(good.sum())} of {len(checked)} base models"
        + (f" (not for {', '.join(failing)})" if failing else "")
        + f"; median gain per doubling {table['gain_per_doubling'].median():.1f} points (range "
        f"{table['gain_per_doubling'].min():.1f} to {table['gain_per_doubling'].max():.1f}), median "
        f"R² {table['r2'].median():.3f}."
    )
    numbers = {
        "models": len(checked),
        "models_loglinear": int(good.sum()),
        "median_gain_per_doubling": float(table["gain_per_doubling"].median()),
        "median_r2": float(table["r2"].median()),
    }
    return graded(
        s,
        float(good.mean()),
        summary,
        numbers,
        curves,
        "binomial standard error of an accuracy on GSM8K's 1,319 items at each model's mean "
        f"accuracy, × √6 for a second difference, × z_max (median {checked['tolerance'].median():.2f} "
        "points); Yuan et al. report no variance",
    )


def concordance(strength: pd.Series, gain: pd.Series, tolerance: float | pd.Series) -> noise.Tally:
    """Model pairs ordered by ``strength``: does the stronger gain less (by more than the tolerance)?

    ``tolerance`` is one number, or one standard error per model (the pair's tolerance is then the
    standard error of the difference, √(se₁² + se₂²)). "better" counts pairs where the stronger
    model's gain is smaller, "worse" where it is larger.
    """
    errors = list(tolerance) if isinstance(tolerance, pd.Series) else [None] * len(strength)
    values = list(zip(strength, gain, errors, strict=True))
    diffs, tols = [], []
    for i, (s_i, g_i, e_i) in enumerate(values):
        for s_j, g_j, e_j in values[i + 1 :]:
            if s_i == s_j:
                continue
            weaker_gain, stronger_gain = (g_i, g_j) if s_i < s_j else (g_j, g_i)
            diffs.append(weaker_gain - stronger_gain)
            tols.append(float(np.hypot(e_i, e_j)) if e_i is not None else float(tolerance))
    return noise.tally(diffs, tols)


STRENGTH = {
    "pretraining_loss": ("pre-training loss", -1),
    "icl_accuracy": ("8-shot ICL accuracy", 1),
}
"""Measures of base-model strength: column → (name, sign that makes larger mean stronger)."""


@finding(
    "quantity-better-base-gains-less",
    claim="Better base models (as the paper measures them, by lower pre-training loss) gain less "
    "from each doubling of supervised data.",
    papers=(YUAN,),
    topic="quantity",
    notebook="notebooks/quantity-math-scaling",
    stated="Better model benefits less when supervised data amount doubles.",
    location="Section 3.2, arXiv v2; Section 3.1 takes the pre-training loss as the measure of a "
    "better model",
    scope=Scope(
        data=YUAN_SCOPE.data,
        models="the models with a pre-training loss in Table 1: LLaMA 7B, 13B, 33B; LLaMA2 7B, 13B "
        "(65B and 70B have none)",
        benchmarks=YUAN_SCOPE.benchmarks,
        version="arXiv v2",
        quote="we find the pre-training loss is a stable performance indicator of the math "
        "reasoning ability and we use it to represent the model",
        location="Section 3.1, arXiv v2",
    ),
    rule=Rule(
        "Take every pair of base models with a pre-training loss; the pair agrees with the claim "
        "when the model with the lower loss has a gain per doubling (the least-squares slope over "
        "the stated range) smaller by more than the standard error of the difference of the two "
        "slopes, is indistinguishable within it, and disagrees otherwise. The share is the share "
        "of pairs that agree.",
        supported_at=1.0,
        partly_at=0.5,
        why=ALL_CASES,
    ),
    params={"low": 1 / 8, "schedule": "best", "strength": "pretraining_loss"},
    variants={
        **YUAN_VARIANTS,
        "strength = 8-shot ICL accuracy (all seven models)": {
            "strength": "icl_accuracy",
            OUT_OF_SCOPE: True,
        },
    },
    leave_out=("model",),
)
def check_better_base_gains_less(results: pd.DataFrame, s: Settings) -> Verdict:
    curves = in_range(yuan_sft_curves(results, s["schedule"]), s["low"])
    if curves.empty:
        return not_testable("No SFT data-scaling rows of Yuan et al. in the results.")
    gains = loglinear_by_model(curves, families=False)
    gains["gain_se"] = [
        slope_standard_error(curves[curves["model"] == m], s) for m in gains["model"]
    ]
    column = s["strength"]
    name, sign = STRENGTH[column]
    table = gains.merge(yuan_model_strength(results), on="model", how="left")
    table = table.dropna(subset=[column])
    if len(table) < 3:
        return not_testable(f"Fewer than three models with both a slope and a {name}.")
    pairs = concordance(
        sign * table[column].astype(float), table["gain_per_doubling"], table["gain_se"]
    )
    rho = float(spearmanr(sign * table[column].astype(float), table["gain_per_doubling"])[0])
    share = pairs.better / pairs.total
    summary = (
        f"Over 1/{1 / s['low']:.0f} to all of the data, with strength measured by {name} "
        f"({len(table)} models, {pairs.total} pairs): the stronger model gains less per doubling in "
        f"{pairs.better} pairs, indistinguishably in {pairs.same}, more in {pairs.worse}"
        + (f" (sign test p = {pairs.sign_test_p:.2g})" if pairs.better + pairs.worse else "")
        + f"; Spearman ρ(strength, gain) = {rho:+.2f}."
    )
    numbers = {
        "pairs_agree": pairs.better,
        "pairs_same": pairs.same,
        "pairs_against": pairs.worse,
        "rho": rho,
        "models": len(table),
    }
    measure = "pretraining-loss" if column == "pretraining_loss" else "icl"
    models = set(table["model"])
    rows = select(
        results,
        paper=YUAN,
        experiment=measure,
        source=["Table 5", "Table 1"],
        metric=["maj1@1 accuracy", "pre-training loss"],
        model=models,
    )
    used = pd.concat([select(curves, model=models), rows])
    return graded(
        s,
        share,
        summary,
        numbers,
        used,
        "standard error of the difference of two least-squares slopes, each from the binomial "
        f"standard error of GSM8K's 1,319 items at the model's mean accuracy (median "
        f"{float(np.median(table['gain_se'])) * np.sqrt(2):.2f} points per doubling)",
    )


def dong_curves(
    results: pd.DataFrame, experiment: str = "individual-source-scaling"
) -> pd.DataFrame:
    """Dong et al.'s scores per model, benchmark and data fraction k (Tables 2 and 3)."""
    rows = select(results, paper=DONG, experiment=experiment, source=["Table 2", "Table 3"])
    return rows.sort_values(["model", "benchmark", "fraction"])


def dong_mixing_difference(single: pd.DataFrame, mixed: pd.DataFrame) -> pd.DataFrame:
    """Mixed-source minus single-source score per model, benchmark and data fraction k, from
    :func:`dong_curves` of the two experiments; columns value_single, value_mixed, difference."""
    keys = ["model", "benchmark", "fraction"]
    both = single[[*keys, "value"]].merge(
        mixed[[*keys, "value"]], on=keys, suffixes=("_single", "_mixed")
    )
    return both.assign(difference=both["value_mixed"] - both["value_single"])


def dong_tolerance(benchmark: str, score: float, settings: Settings) -> noise.Tolerance:
    """Dong et al. report no spread (MT-Bench is an average of three runs): the benchmark's grain."""
    return noise.granularity(benchmark, score, scale=100).scaled(settings.tolerance_factor)


def _at(group: pd.DataFrame, fraction: float) -> float | None:
    hit = group[np.isclose(group["fraction"].astype(float), fraction)]
    return float(hit["value"].iloc[0]) if len(hit) else None


def relative_gain(curves: pd.DataFrame, low: float, high: float) -> pd.DataFrame:
    """Per model and benchmark: (score at ``high`` − score at ``low``) / score at ``low``."""
    rows = []
    for (model, bench), group in curves.groupby(["model", "benchmark"]):
        lo, hi = _at(group, low), _at(group, high)
        if lo and hi is not None:
            rows.append(
                {
                    "model": model,
                    "benchmark": bench,
                    "low": lo,
                    "high": hi,
                    "gain": hi - lo,
                    "relative_gain": (hi - lo) / lo,
                }
            )
    return pd.DataFrame(rows)


DONG_SCOPE = Scope(
    data="k ∈ {1/256, 1/64, 1/16, 1/4, 1} of GSM8K RFT (110K responses), Code Alpaca (20K) and "
    "ShareGPT (about 90K); 'around 1k' samples = k from 1/256 to 1/64",
    models="LLaMA 7B, 13B and 33B; code is claimed to improve consistently only at 33B ('an "
    "irregular scaling curve' at 7B and 13B)",
    benchmarks="GSM8K (maj@1, greedy), HumanEval (pass@1, greedy), MT-Bench (average of three "
    "runs, no spread reported)",
    version="arXiv v1 (the full text read here; later versions rewrote the abstract)",
    quote="general ability emerges with only around 1k data samples (ranging from 1/256 to 1/64), "
    "and after reaching a certain threshold (1/64), their performances improve slowly.",
    location="Section 3.2, arXiv v1",
)


@finding(
    "quantity-general-saturates-early",
    claim="General chat ability (MT-Bench) stops improving after a small amount of data, "
    "while math (GSM8K) and code (HumanEval) keep improving as data grows.",
    papers=(DONG,),
    topic="quantity",
    notebook="notebooks/quantity-composition",
    withdrawn="Its wording ('stops improving', the later abstract's 'plateau') is not what the "
    "version whose tables are read says ('improves slowly'), and MT-Bench still rises well beyond "
    "its tolerance after the threshold; replaced by quantity-general-improves-slowly.",
)
def check_general_saturates(results: pd.DataFrame, s: Settings) -> Verdict:
    return not_testable("Withdrawn: replaced by quantity-general-improves-slowly.")


def share_of_rise(group: pd.DataFrame, at: float, start: float = 1 / 256) -> tuple[float, float]:
    """Share of a curve's rise from ``start`` to all the data already made at ``at``, and the rise."""
    first, middle, last = _at(group, start), _at(group, at), _at(group, 1.0)
    if first is None or middle is None or last is None or last == first:
        return np.nan, np.nan
    return (middle - first) / (last - first), last - first


@finding(
    "quantity-general-improves-slowly",
    claim="Once a model has seen about a thousand examples of general chat data, its general "
    "chat ability (MT-Bench) improves more slowly with more data than math (GSM8K) and code "
    "(HumanEval) do with theirs.",
    papers=(DONG,),
    topic="quantity",
    notebook="notebooks/quantity-composition",
    stated="Mathematical reasoning and code generation improve as data amounts increase "
    "consistently, while the general ability is enhanced with about a thousand samples and "
    "improves slowly.",
    location="Abstract, arXiv v1",
    scope=DONG_SCOPE,
    rule=Rule(
        "Per model size, the threshold k_plateau splits each curve from k = 1/256 to all the "
        "data: MT-Bench must have made a larger share of its whole rise by the threshold than "
        "GSM8K has (and HumanEval, at the sizes where the paper claims code improves: 33B), by "
        "more than the shares' tolerance, and GSM8K (and code there) must still rise beyond its "
        "tolerance after the threshold. Shares of a curve's own rise compare benchmarks on "
        "different scales. The share is taken over model sizes.",
        supported_at=1.0,
        partly_at=0.5,
        thresholds={"k_plateau": "low"},
        why=ALL_CASES,
    ),
    params={"low": 1 / 64, "code_models": ("LLaMA-33B",)},
    variants={
        "threshold k = 1/16 (the paper puts it at 1/64)": {"low": 1 / 16, OUT_OF_SCOPE: True},
        "code required to rise at every size": {
            "code_models": ("LLaMA-7B", "LLaMA-13B", "LLaMA-33B"),
            OUT_OF_SCOPE: True,
        },
    },
    leave_out=("model",),
)
def check_general_slow(results: pd.DataFrame, s: Settings) -> Verdict:
    curves = dong_curves(results)
    if curves.empty:
        return not_testable("No single-source scaling rows of Dong et al. in the results.")
    holds, notes = {}, []
    for model, group in curves.groupby("model"):
        by = {b: g for b, g in group.groupby("benchmark")}
        if not {"GSM8K", "HumanEval", "MT-Bench"} <= set(by):
            continue
        rising = ["GSM8K"] + (["HumanEval"] if model in s["code_models"] else [])
        chat_share, chat_rise = share_of_rise(by["MT-Bench"], s["low"])
        chat_tol = 2 * dong_tolerance("MT-Bench", 0, s).points / abs(chat_rise)
        ok, parts = True, []
        for bench in rising:
            share, rise = share_of_rise(by[bench], s["low"])
            mid = _at(by[bench], s["low"])
            late = _at(by[bench], 1.0) - mid
            tol = dong_tolerance(bench, mid, s).points
            share_tol = chat_tol + 2 * tol / abs(rise)
            ok &= bool(chat_share - share > share_tol) and bool(late > tol)
            parts.append(f"{bench} {share:.0%}")
        holds[model] = ok
        notes.append(
            f"{model}: MT-Bench {chat_share:.0%} of its rise by the threshold, "
            + ", ".join(parts)
            + (" — holds" if ok else " — does not hold")
        )
    if not holds:
        return not_testable("No model with all three benchmarks at the stated amounts.")
    summary = (
        f"Share of each curve's rise from k = 1/256 to all the data already made at k = "
        f"1/{1 / s['low']:.0f}: "
        + "; ".join(notes)
        + f". The claim holds for {sum(holds.values())} of {len(holds)} model sizes (code counted "
        f"only at {', '.join(s['code_models'])})."
    )
    used = curves[
        np.isclose(curves["fraction"].astype(float), 1 / 256)
        | np.isclose(curves["fraction"].astype(float), s["low"])
        | np.isclose(curves["fraction"].astype(float), 1.0)
    ]
    tol = dong_tolerance("HumanEval", 0, s)
    return graded(
        s,
        float(np.mean(list(holds.values()))),
        summary,
        {f"holds_{m}": float(v) for m, v in holds.items()},
        used,
        f"HumanEval: {tol.basis} ({tol.points:.2f} points); GSM8K: binomial standard error at the "
        "score; MT-Bench: one scale step on one of its 160 judged turns; a share's tolerance is "
        "twice its scores' tolerance over the curve's rise (Dong et al. report no spread)",
    )


@finding(
    "quantity-mixing-helps-low-conflicts-high",
    claim="Mixing math, code and general data helps each ability when data is scarce but "
    "hurts it when data is plentiful, compared with training on that ability's data alone.",
    papers=(DONG,),
    topic="quantity",
    notebook="notebooks/quantity-composition",
    stated="We find data composition results in various abilities improvements with low data "
    "amounts, while conflicts of abilities with high data amounts.",
    location="Abstract, arXiv v1",
    scope=Scope(
        data="low resource = k = 1/256, high resource = k = 1 (100%) of each source; mixing = "
        "the three sources at the same k",
        models="LLaMA 7B, 13B and 33B",
        benchmarks=DONG_SCOPE.benchmarks,
        version=DONG_SCOPE.version,
        quote="the models fine-tuned with mixed source data consistently demonstrated performance "
        "conflicts among the three ability domains at high resources (100%) … exhibited "
        "performance gains at low resources (1/256)",
        location="Section 3.3, arXiv v1 (said of LLaMA-7B; the abstract states the claim without "
        "naming a size, so all three sizes are checked)",
    ),
    rule=Rule(
        "At the low-resource amount k_low and with all the data, each model–benchmark pair "
        "compares mixed with single-source training and is counted better, indistinguishable "
        "(within tolerance) or worse. The claim's two halves are the share of pairs where mixing "
        "is better at k_low and the share where it is worse with all the data; the smaller of "
        "the two is graded.",
        supported_at=1.0,
        partly_at=0.5,
        thresholds={"k_low": "low"},
        why=ALL_CASES,
    ),
    params={"low": 1 / 256},
    variants={"low-resource point k = 1/64": {"low": 1 / 64}},
    leave_out=("model", "benchmark"),
)
def check_mixing(results: pd.DataFrame, s: Settings) -> Verdict:
    single, mixed = dong_curves(results), dong_curves(results, "mixed-source-scaling")
    if single.empty or mixed.empty:
        return not_testable("No single- and mixed-source scaling rows of Dong et al.")
    keys = ["model", "benchmark", "fraction"]
    both = single[[*keys, "value"]].merge(
        mixed[[*keys, "value"]], on=keys, suffixes=("_single", "_mixed")
    )
    both["mixed_minus_single"] = both["value_mixed"] - both["value_single"]
    both["tolerance"] = [
        dong_tolerance(b, min(x, y), s).points
        for b, x, y in zip(
            both["benchmark"], both["value_single"], both["value_mixed"], strict=True
        )
    ]
    f = both["fraction"].astype(float)
    low, high = both[np.isclose(f, s["low"])], both[np.isclose(f, 1.0)]
    if low.empty or high.empty:
        return not_testable("No mixed and single-source pair at the stated amounts.")
    at_low = noise.tally(low["mixed_minus_single"], low["tolerance"])
    at_high = noise.tally(high["mixed_minus_single"], high["tolerance"])
    helps_low, hurts_high = at_low.better / at_low.total, at_high.worse / at_high.total
    summary = (
        f"At k = 1/{1 / s['low']:.0f}, mixing against single-source training: {at_low.text()} of "
        f"{at_low.total} model–benchmark pairs; with all the data: {at_high.text()} of "
        f"{at_high.total}."
    )
    numbers = {"share_helps_low": helps_low, "share_hurts_high": hurts_high}
    used = pd.concat([single, mixed])
    g = used["fraction"].astype(float)
    used = used[np.isclose(g, s["low"]) | np.isclose(g, 1.0)]
    tol = dong_tolerance("HumanEval", 0, s)
    return graded(
        s,
        min(helps_low, hurts_high),
        summary,
        numbers,
        used,
        f"HumanEval: {tol.basis} ({tol.points:.2f} points); GSM8K: binomial standard error at the "
        "lower score; MT-Bench: one scale step on one of its 160 judged turns",
    )


JI_PLATEAU = ("Math", "Code", "COT")
JI_STEADY = ("Extract", "Classification", "Closed QA", "Summarization")
JI_ITEMS_ALIAS = {"Extract": "Extraction"}
JI_READING = 0.001
"""The figure reading's own uncertainty (extraction/ji2023exploring-fig1.yaml)."""


def ji_scores(results: pd.DataFrame) -> pd.DataFrame:
    """Ji et al.'s Figure 1 (read off the vector drawing): category × training-set size."""
    rows = select(results, paper=JI, experiment="data-scaling")
    rows = rows.assign(category=rows["benchmark"].str.split(": ").str[-1])
    return rows.sort_values(["category", "n_examples"])


def ji_items(results: pd.DataFrame) -> dict[str, int]:
    """Test instructions per category (Table 1, '#Nums')."""
    rows = select(
        results,
        paper=JI,
        experiment="eval-set-stats",
        metric=starts_with("number of test instructions"),
    )
    return {
        b.split(": ")[-1]: int(v) for b, v in zip(rows["benchmark"], rows["value"], strict=True)
    }


def ji_table(results: pd.DataFrame) -> pd.DataFrame:
    """Ji et al.'s Figure 1 as a table: one row per category (and Overall), one column per
    training-set size, named '0.2M', '0.6M', '1M', '2M'."""
    wide = ji_scores(results).pivot(index="category", columns="n_examples", values="value")
    wide.columns = [f"{n / 1e6:g}M" for n in wide.columns]
    return wide


def ji_overall_gap(wide: pd.DataFrame) -> float:
    """The largest gap, over the sizes, between the Overall bar and the mean of the categories."""
    return float((wide.loc["Overall"] - wide.drop(index="Overall").mean()).abs().max())


def ji_gains(wide: pd.DataFrame, low: str = "0.2M", high: str = "2M") -> pd.Series:
    """Each row's score gain from ``low`` to ``high`` examples, largest first."""
    return (wide[high] - wide[low]).sort_values(ascending=False)


def ji_rising(
    wide: pd.DataFrame, cases=JI_PLATEAU, sizes: tuple[str, ...] = ("0.2M", "0.6M", "1M")
) -> list[str]:
    """The ``cases`` whose score rises at every step over ``sizes``."""
    steps = wide.loc[list(cases), list(sizes)]
    return [c for c in cases if (steps.loc[c].diff().dropna() > 0).all()]


def ji_tolerance(category: str, score: float, items: dict[str, int], settings: Settings) -> float:
    """The binomial standard error of a 0–1 score on the category's test instructions.

    The bars are means of 0/1 ratings (extraction/ji2023exploring-fig1.yaml), so an accuracy's
    standard error applies; ``tolerance = grain`` (an alternative) uses one instruction's full
    score, 1/n. Never below the figure reading's own uncertainty.
    """
    n = items.get(JI_ITEMS_ALIAS.get(category, category))
    if not n:
        return JI_READING * settings.tolerance_factor
    if settings["tolerance"] == "grain":
        base = 1 / n
    else:
        base = float(np.sqrt(max(score * (1 - score), 1 / n) / n))
    return max(base, JI_READING) * settings.tolerance_factor


@finding(
    "quantity-belle-categories-differ",
    claim="Use cases differ in how they scale: math, code and chain-of-thought stop improving "
    "beyond about a million examples, while extraction, classification, closed QA and "
    "summarization keep improving.",
    papers=(JI,),
    topic="quantity",
    notebook="notebooks/quantity-belle-categories",
    stated="Increasing data size still leads to performance improvement in tasks such as "
    "extraction, classification, closed QA, and summarization, indicating that the bottleneck "
    "has not been reached. However, in tasks such as math, code and COT, the model performance "
    "is poor and increasing data size no longer brings about performance improvement.",
    location="Section 5 (Conclusion), arXiv v1",
    scope=Scope(
        data="0.2M, 0.6M, 1M and 2M training examples; both groups are contrasted beyond 1M "
        "('still leads to', 'no longer brings')",
        models="Bloomz-7b1-mt only (BELLE-7B-0.2M … 2M)",
        benchmarks="the paper's 12-category evaluation set (142–200 prompts each, Table 1), "
        "scored by ChatGPT, three times and averaged (no spread reported)",
        version="arXiv v1",
        quote="After increasing the number of training examples to 1 million, the model's "
        "performance improves, then it becomes difficult to further improve the performance",
        location="Section 4.3, arXiv v1 (math, code and COT)",
    ),
    rule=Rule(
        "On the same step, 1M to 2M examples: a plateau category holds when its score rises by no "
        "more than its tolerance; an improving category holds when it rises by more than its "
        "tolerance. The claim's two halves are the shares of each group that hold; the smaller is "
        "graded. With steady = whole "
        "(an alternative reading of 'continuously'), an improving category must instead never "
        "fall beyond its tolerance and rise overall from 0.2M to 2M.",
        supported_at=1.0,
        partly_at=0.5,
        why=ALL_CASES,
    ),
    params={"steady": "last step", "tolerance": "binomial"},
    variants={
        "improving = rising over the whole range, never falling": {"steady": "whole"},
        "tolerance = one instruction's full score (1/n)": {"tolerance": "grain", KIND: "tolerance"},
    },
    leave_out=("benchmark",),
)
def check_belle(results: pd.DataFrame, s: Settings) -> Verdict:
    scores = ji_scores(results)
    if scores.empty:
        return not_testable("No Figure 1 readings of Ji et al. in the results.")
    items = ji_items(results)
    wide = scores.pivot(index="category", columns="n_examples", values="value")
    sizes = sorted(wide.columns)
    tol = {c: ji_tolerance(c, float(wide.loc[c, sizes[-2]]), items, s) for c in wide.index}
    last_step = wide[sizes[-1]] - wide[sizes[-2]]
    named_plateau = [c for c in JI_PLATEAU if c in wide.index]
    named_steady = [c for c in JI_STEADY if c in wide.index]
    if not named_plateau and not named_steady:
        return not_testable("None of the named categories is in the results.")
    plateau = [c for c in named_plateau if last_step[c] <= tol[c]]
    if s["steady"] == "whole":
        steady = [
            c
            for c in named_steady
            if (wide.loc[c].diff().dropna() >= -tol[c]).all()
            and wide.loc[c, sizes[-1]] - wide.loc[c, sizes[0]] > tol[c]
        ]
    else:
        steady = [c for c in named_steady if last_step[c] > tol[c]]
    shares = [len(plateau) / len(named_plateau)] if named_plateau else []
    shares += [len(steady) / len(named_steady)] if named_steady else []
    held = min(shares)

    def step(c: str) -> str:
        word = noise.compare(last_step[c], 0, tol[c])
        label = {1: "rises", 0: "indistinguishable", -1: "falls"}[word]
        return f"{c} {last_step[c]:+.3f} ({label}; tolerance {tol[c]:.3f})"

    summary = (
        "From 1M to 2M examples: "
        + ", ".join(step(c) for c in named_plateau)
        + f" — no rise beyond the tolerance for {len(plateau)} of {len(named_plateau)}; "
        + ", ".join(step(c) for c in named_steady)
        + " — "
        + (
            f"a rise beyond the tolerance for {len(steady)} of {len(named_steady)}"
            if s["steady"] != "whole"
            else f"rising over the whole range without a fall for {len(steady)} of "
            f"{len(named_steady)}"
        )
        + ". Scores are read off the paper's bar chart."
    )
    numbers = {f"last_step_{c}": float(last_step[c]) for c in wide.index}
    return graded(
        s,
        held,
        summary,
        numbers,
        scores[scores["category"].isin(named_plateau + named_steady)],
        "binomial standard error of a 0–1 score on the category's Table 1 count of test "
        "instructions, at its 1M score (the bars are means of 0/1 ratings), at least the figure "
        f"reading's uncertainty ({JI_READING:g})"
        if s["tolerance"] != "grain"
        else "one test instruction's full score (1/n)",
    )


LIMA_PRINTED = "43"
"""LIMA's abstract prints its shares as whole percentages; the size of its test set was read only
in secondary copies, so the tolerance is the printed precision, not a binomial standard error."""


@finding(
    "quantity-lima-competitive",
    claim="A model tuned on a thousand curated examples is judged at least as good as far more "
    "heavily trained assistants in a large share of cases.",
    papers=(LIMA,),
    topic="quantity",
    notebook="notebooks/quantity-small-data",
    stated="In a controlled human study, responses from LIMA are either equivalent or strictly "
    "preferred to GPT-4 in 43% of cases; this statistic is as high as 58% when compared to Bard "
    "and 65% versus DaVinci003, which was trained with human feedback.",
    location="Abstract, arXiv v1 (the same in NeurIPS 2023)",
    scope=Scope(
        data="1,000 training examples (LIMA)",
        models="LIMA (LLaMa 65B) against GPT-4, Bard and DaVinci003",
        benchmarks="LIMA's test prompts, human preference (win or tie)",
        version="arXiv v1 (abstract; same sentence in NeurIPS 2023)",
    ),
    rule=Rule(
        "Against each baseline, LIMA's win-or-tie share must not fall below share_min by more "
        "than the tolerance. The share is taken over baselines. The paper states no threshold: "
        "share_min = 50% reads 'at least as good in a large share of cases' as at least as "
        "often as not.",
        supported_at=1.0,
        partly_at=0.5,
        thresholds={"share_min (%)": "share_min"},
        why=ALL_CASES,
    ),
    params={"share_min": 50.0, "prompts": 0},
    variants={
        "share_min = 40%": {"share_min": 40.0, KIND: "threshold"},
        "share_min = 60%": {"share_min": 60.0, KIND: "threshold"},
        "binomial standard error on 300 prompts (a count read only in secondary copies)": {
            "prompts": 300,
            KIND: "tolerance",
        },
    },
    leave_out=("condition",),
)
def check_lima(results: pd.DataFrame, s: Settings) -> Verdict:
    rows = select(results, paper=LIMA, experiment="human-preference")
    if rows.empty:
        return not_testable("No human-preference rows of LIMA in the results.")
    shares = rows.set_index("condition")["value"]
    tol = noise.printed_precision(LIMA_PRINTED).scaled(s.tolerance_factor)
    tolerances = dict.fromkeys(shares.index, tol.points)
    if s["prompts"]:
        tolerances = {
            k: 100 * np.sqrt(v / 100 * (1 - v / 100) / s["prompts"]) * s.tolerance_factor
            for k, v in shares.items()
        }
    signs = {k: noise.compare(v, s["share_min"], tolerances[k]) for k, v in shares.items()}
    holds = [k for k, sign in signs.items() if sign >= 0]
    summary = (
        "LIMA's answer is equivalent to or preferred over the baseline's in "
        + ", ".join(f"{v:g}% of prompts against {k.split('=')[-1]}" for k, v in shares.items())
        + f" (the abstract's combined win-or-tie shares); not below {s['share_min']:g}% beyond "
        f"the tolerance for {len(holds)} of {len(shares)} baselines."
    )
    numbers = {k.split("=")[-1]: float(v) for k, v in shares.items()}
    return graded(
        s,
        len(holds) / len(shares),
        summary,
        numbers,
        rows,
        f"{tol.basis}, a floor: the test set's size could not be read in a primary copy, so no "
        "binomial standard error is used",
    )


@finding(
    "quantity-lima-ablations",
    claim="LIMA's ablations on 7B models measure how response quality changes with the "
    "diversity, the quality and the quantity of the training data.",
    papers=(LIMA,),
    topic="quantity",
    notebook="notebooks/quantity-small-data",
    withdrawn="It states no direction, so nothing could support or refute it; replaced by "
    "quantity-lima-little-data-suffices.",
)
def check_lima_ablations(results: pd.DataFrame, s: Settings) -> Verdict:
    return not_testable("Withdrawn: the claim states no direction.")


@finding(
    "quantity-lima-little-data-suffices",
    claim="A small amount of curated instruction data is enough to teach a pre-trained model "
    "to produce high-quality output: more instruction data adds little.",
    papers=(LIMA,),
    topic="quantity",
    notebook="notebooks/quantity-small-data",
    stated="Taken together, these results strongly suggest that almost all knowledge in large "
    "language models is learned during pretraining, and only limited instruction tuning data is "
    "necessary to teach models to produce high quality output.",
    location="Abstract, arXiv v1 (the same in NeurIPS 2023)",
    scope=Scope(
        data="1,000 curated examples (LIMA); the ablations train on growing Stack Exchange sets",
        models="LLaMa 65B (LIMA); LLaMa 7B (the ablations)",
        benchmarks="human and model preference on LIMA's test prompts; the ablations' "
        "generation-quality score",
        version="arXiv v1",
    ),
    testable_with="Generation-quality scores of one base model tuned on growing amounts of the "
    "same kind of data, with their intervals — the numbers behind the paper's data-quantity "
    "ablation, which are drawn in a chart and were not readable in any primary copy here.",
)
def check_lima_little_data(results: pd.DataFrame, s: Settings) -> Verdict:
    rows = select(results, paper=LIMA, experiment="ablation")
    if rows.empty:
        return not_testable(
            "The reported numbers compare LIMA with other assistants, not one model tuned on "
            "more and less data; the quantity ablation is reported only as a chart without "
            "printed values, and no number is estimated from it."
        )
    return not_testable("Ablation rows exist but no check is defined for them yet.", rows)


def all_quantity_curves(results: pd.DataFrame) -> pd.DataFrame:
    """Every reported quantity curve in one tidy table: curve id, paper, n, score, normalised score.

    ``normalised`` is the score divided by the same curve's score at its largest data amount, so
    curves on different scales (accuracy %, 1–10, 0–1) can share one plot. Dong et al.'s amounts
    use the dataset sizes the paper states (rounded, e.g. 110K), so their ``n`` is approximate.
    """
    parts = []
    yuan = yuan_sft_curves(results)
    if not yuan.empty:
        parts.append(
            yuan.assign(
                paper=YUAN,
                curve="Yuan: " + yuan["model"] + " · GSM8K",
                score=yuan["accuracy"],
                benchmark="GSM8K",
            )
        )
    dong = dong_curves(results)
    if not dong.empty:
        dong = dong.assign(n=dong["fraction"] * dong["base_size"])
        parts.append(
            dong.assign(
                curve="Dong: " + dong["model"] + " · " + dong["benchmark"], score=dong["value"]
            )
        )
    ji = ji_scores(results)
    if not ji.empty:
        ji = ji[ji["category"] == "Overall"]
        parts.append(
            ji.assign(
                n=ji["n_examples"],
                curve="Ji: BELLE-7B · overall",
                score=ji["value"],
                benchmark="BELLE eval (overall)",
            )
        )
    if not parts:
        return pd.DataFrame(columns=["curve", "paper", "benchmark", "n", "score", "normalised"])
    table = pd.concat(parts, ignore_index=True)[["curve", "paper", "benchmark", "n", "score"]]
    top = table.loc[table.groupby("curve")["n"].idxmax()].set_index("curve")["score"]
    table["normalised"] = table["score"] / table["curve"].map(top)
    return table.sort_values(["paper", "curve", "n"], ignore_index=True)


def gain_per_doubling_by_curve(curves: pd.DataFrame, late_doublings: int = 4) -> pd.DataFrame:
    """Log-linear slope of each normalised curve: percent of the full-data score per doubling.

    ``late_gain_pct_per_doubling`` refits on the points within the last ``late_doublings``
    doublings of each curve (n ≥ n_max / 2**late_doublings): a curve that flattens has a small
    late gain even when its overall slope is large.
    """
    rows = []
    for curve, group in curves.groupby("curve", sort=False):
        overall = fits.fit("loglinear", group["n"], group["normalised"] * 100)
        late = group[group["n"] >= group["n"].max() / 2**late_doublings]
        late_gain = np.nan
        if late["n"].nunique() >= 2:
            late_gain = fits.fit("loglinear", late["n"], late["normalised"] * 100).gain_per_doubling
        rows.append(
            {
                "curve": curve,
                "paper": group["paper"].iloc[0],
                "benchmark": group["benchmark"].iloc[0],
                "points": overall.n_points,
                "gain_pct_per_doubling": overall.gain_per_doubling,
                "r2": overall.r2,
                "late_points": len(late),
                "late_gain_pct_per_doubling": late_gain,
            }
        )
    return pd.DataFrame(rows)


S1 = "muennighoff2025s1"
S1_SUBSETS = ("1K-random", "1K-diverse", "1K-longest")


def s1_ablation_intervals(results: pd.DataFrame) -> pd.DataFrame:
    """s1's Table 2: each data choice's score and its 95% paired bootstrap interval against s1K.

    Columns: data, benchmark, score, low, high (points of the difference data − s1K), and the rows'
    file and line.
    """
    rows = select(results, paper=S1, experiment="data-ablations")
    if rows.empty:
        return pd.DataFrame(columns=["data", "benchmark", "score", "low", "high"])
    rows = rows.assign(
        data=rows["condition"].str.extract(r"data=([^;]+)", expand=False),
        bound=rows["metric"].str.extract(r"(lower|upper) bound", expand=False),
    )
    scores = rows[rows["bound"].isna()].set_index(["data", "benchmark"])["value"]
    bounds = rows.dropna(subset=["bound"]).pivot_table(
        index=["data", "benchmark"], columns="bound", values="value"
    )
    table = bounds.join(scores.rename("score"), how="left").reset_index()
    table.columns.name = None
    return table.rename(columns={"lower": "low", "upper": "high"})


def _scaled_interval(low: float, high: float, factor: float) -> tuple[float, float]:
    """The interval with its half-width scaled by ``factor`` around its midpoint."""
    mid, half = (low + high) / 2, (high - low) / 2 * factor
    return mid - half, mid + half


@finding(
    "quantity-curated-1k-reasoning-matches-full",
    claim="A thousand reasoning examples selected for quality, difficulty and diversity together "
    "do no worse than the full pool of 59K they were selected from (no gain of the full pool beyond "
    "the paper's intervals), and beat on AIME24 thousand-example subsets chosen by any one "
    "criterion alone.",
    papers=(S1,),
    topic="quantity",
    notebook="notebooks/quantity-small-data",
    stated="Random selection, selecting samples with the longest reasoning traces, or only "
    "selecting maximally diverse samples all lead to significantly worse performance (around "
    "−30% on AIME24 on average). Training on our full data pool of 59K examples, a superset of "
    "s1K, does not offer substantial gains over our 1K selection.",
    location="Section 1 (Introduction), arXiv v3",
    scope=Scope(
        data="s1K (1,000 questions) against 1K-random, 1K-diverse, 1K-longest and the full 59K pool",
        models="Qwen2.5-32B-Instruct fine-tuned on each set (one run each)",
        benchmarks="AIME 2024 (30 problems), MATH500, GPQA Diamond, with budget forcing; the "
        "'around −30%' is stated for AIME24",
        version="arXiv v3 (Table 2 is the same in the earlier copy)",
        quote="An interval entirely below 0 means worse than s1K with 95% confidence",
        location="Table 2 caption (10,000 paired bootstrap samples), arXiv v3",
    ),
    rule=Rule(
        "The tolerance is the paper's own 95% paired bootstrap interval of each difference against "
        "s1K. Half one: on every benchmark, the full pool's interval must not lie entirely above 0 "
        "(no gain beyond noise). Half two: each single-criterion 1K subset's interval on AIME24 must "
        "lie entirely below 0 (worse beyond noise); an alternative requires it on every benchmark, "
        "as Section 5.1 says of 1K-random ('across all benchmarks'). The smaller half is graded.",
        supported_at=1.0,
        partly_at=0.5,
        why=ALL_CASES,
    ),
    params={"benchmarks": ("AIME 2024",)},
    variants={
        "single-criterion subsets worse on every benchmark": {
            "benchmarks": ("AIME 2024", "MATH500", "GPQA Diamond")
        },
    },
    leave_out=("benchmark",),
    bears_on=("quantity-lima-little-data-suffices",),
    link_note="both ask whether more data from the same pool adds little; s1 on reasoning "
    "benchmarks, LIMA on chat",
)
def check_s1_curated(results: pd.DataFrame, s: Settings) -> Verdict:
    table = s1_ablation_intervals(results)
    if table.empty or "59K-full" not in set(table["data"]):
        return not_testable("No data-ablation rows of s1 in the results.")
    scaled = [
        _scaled_interval(lo, hi, s.tolerance_factor)
        for lo, hi in zip(table["low"], table["high"], strict=True)
    ]
    table = table.assign(low=[a for a, _ in scaled], high=[b for _, b in scaled])
    full = table[table["data"] == "59K-full"]
    no_gain = full["low"] <= 0
    subsets = table[table["data"].isin(S1_SUBSETS) & table["benchmark"].isin(s["benchmarks"])]
    worse = subsets["high"] < 0
    if full.empty or subsets.empty:
        return not_testable("No intervals for the stated comparisons.")
    halves = [float(no_gain.mean()), float(worse.mean())]

    def interval(r) -> str:
        return f"{r.data} on {r.benchmark} [{r.low:+.1f}, {r.high:+.1f}]"

    summary = (
        "Differences against s1K with the paper's 95% paired bootstrap intervals: the full 59K pool "
        + ", ".join(interval(r) for r in full.itertuples())
        + f" — no gain beyond the interval on {int(no_gain.sum())} of {len(full)} benchmarks; "
        "single-criterion subsets "
        + ", ".join(interval(r) for r in subsets.itertuples())
        + f" — worse beyond the interval in {int(worse.sum())} of {len(subsets)}. An interval as "
        "wide as AIME24's (30 problems) cannot rule out a large gain of the full pool."
    )
    used = select(results, paper=S1, experiment="data-ablations")
    return graded(
        s,
        min(halves),
        summary,
        {"share_full_no_gain": halves[0], "share_subsets_worse": halves[1]},
        used,
        "the paper's own 95% paired bootstrap intervals of each difference against s1K (Table 2, "
        "10,000 bootstrap samples); they resample the evaluation questions only, with one training "
        "run per data choice, so they understate the noise of training",
    )


LIMO = "ye2025limo"


def limo_against_100k(results: pd.DataFrame) -> pd.DataFrame:
    """LIMO v1 Table 3: LIMO (817) and NuminaMath (100k) per benchmark, with the split.

    Columns: benchmark, split (in domain, out of domain), limo, numina; benchmarks where the
    authors' README prints no NuminaMath cell are left out (their other column is o1-preview).
    """
    rows = select(results, paper=LIMO, experiment="main-comparison")
    if rows.empty:
        return pd.DataFrame(columns=["benchmark", "split", "limo", "numina"])
    who = np.where(rows["model"].str.startswith("NuminaMath"), "numina", "limo")
    split = rows["condition"].str.extract(r"split=([^;]+)", expand=False)
    table = rows.assign(who=who, split=split).pivot_table(
        index=["benchmark", "split"], columns="who", values="value"
    )
    table.columns.name = None
    return table.dropna(subset=["numina", "limo"]).reset_index()


@finding(
    "quantity-limo-817-beats-100k",
    claim="A model tuned on 817 curated reasoning examples beats one tuned on 100,000 "
    "(NuminaMath) on each of the eight benchmarks of the comparison entered here, in and out of "
    "domain.",
    papers=(LIMO,),
    topic="quantity",
    notebook="notebooks/quantity-small-data",
    stated="With merely 817 curated training samples, LIMO achieves 57.1% accuracy on AIME and "
    "94.8% on MATH, improving from previous SFT-based models' 6.5% and 59.2% respectively, while "
    "only using 1% of the training data required by previous approaches.",
    location="Abstract, arXiv v1 (v3, COLM 2025: 800 samples, 63.3% and 95.6%); the same abstract "
    "goes on: 'LIMO demonstrates exceptional out-of-distribution generalization, achieving 40.5% "
    "absolute improvement across 10 diverse benchmarks, outperforming models trained on 100x more "
    "data'",
    scope=Scope(
        data="LIMO's 817 examples against NuminaMath's 100k (v1 Table 3)",
        models="Qwen2.5-32B-Instruct for LIMO; the NuminaMath model's base is not stated in the "
        "rows read",
        benchmarks="AIME24, MATH500, AMC23 (in domain); OlympiadBench, CHMath, Gaokao, Kaoyan, "
        "GradeSchool (out of domain); pass@1. v1 Table 3 prints NuminaMath on all ten "
        "benchmarks, but only the eight cells the authors' README also prints are entered "
        "(Minerva and GPQA are not)",
        version="arXiv v1 (the cells the authors' README also prints)",
    ),
    rule=Rule(
        "On each benchmark LIMO must score above the 100k model beyond the tolerance (one problem "
        "on a set of at most 40 problems, else the binomial standard error of an accuracy on the "
        "authors' evaluation set, at the lower score). The share is taken over benchmarks. The "
        "comparison is between two different data sets, not two sizes of one set, so a pass does "
        "not isolate quantity.",
        supported_at=1.0,
        partly_at=0.5,
        why=ALL_CASES,
    ),
    params={"splits": ("in domain", "out of domain")},
    variants={"in-domain benchmarks only (AIME24, MATH500, AMC23)": {"splits": ("in domain",)}},
    leave_out=("benchmark",),
)
def check_limo(results: pd.DataFrame, s: Settings) -> Verdict:
    table = limo_against_100k(results)
    table = table[table["split"].isin(s["splits"])]
    if table.empty:
        return not_testable("No LIMO and NuminaMath cells of v1 Table 3 in the results.")
    tolerance = [
        noise.granularity(b, min(a, c)).scaled(s.tolerance_factor).points
        for b, a, c in zip(table["benchmark"], table["limo"], table["numina"], strict=True)
    ]
    counts = noise.tally(table["limo"] - table["numina"], tolerance)
    gaps = table["limo"] - table["numina"]
    summary = (
        f"On {len(table)} benchmarks ({', '.join(table['benchmark'])}), LIMO (817) against "
        f"NuminaMath (100k): {counts.text()}; the gap runs from {gaps.min():+.1f} to "
        f"{gaps.max():+.1f} points. The two are different data sets, not two sizes of one, and "
        "the rows read do not state the NuminaMath model's base model, so the gap is not one of "
        "size alone."
    )
    rows = select(results, paper=LIMO, experiment="main-comparison")
    rows = select(rows, benchmark=list(table["benchmark"]))
    return graded(
        s,
        counts.better / counts.total,
        summary,
        {"benchmarks": counts.total, "better": counts.better, "min_gap": float(gaps.min())},
        rows,
        "one problem on AIME24 (30) and AMC23 (40), else the binomial standard error on the "
        "authors' evaluation set (counted in GAIR-NLP/LIMO eval/data; the four Chinese sets were "
        "uploaded after v1); LIMO reports no variance",
    )


YUAN_STATED_LOW = 1 / 8
"""The smallest fraction of GSM8K in the range Yuan et al.'s claim states (its finding's ``low``)."""

ABILITY = {
    "GSM8K": "math",
    "HumanEval": "code",
    "MT-Bench": "general chat",
    "BELLE eval (overall)": "general (BELLE, Chinese)",
}
"""The ability each quantity curve's benchmark measures, for colouring curves by ability."""


def ability_curves(results: pd.DataFrame) -> pd.DataFrame:
    """Every quantity curve over its paper's stated range, scaled to its own range of gain.

    ``gain_share`` is 0 at the curve's lowest score and 1 at its highest, so a curve that
    saturates reaches 1 early and stays there while one that keeps rising reaches 1 only at its
    largest amount. Yuan et al.'s curves are cut to the range their claim states (1/8 to all of
    GSM8K); Dong et al.'s and Ji et al.'s are used as reported. A flat curve (no gain) has no
    range and gets NaN.
    """
    curves = all_quantity_curves(results)
    if curves.empty:
        return curves.assign(ability=[], gain_share=[])
    yuan = curves["paper"] == YUAN
    top = curves.groupby("curve")["n"].transform("max")
    curves = curves[~yuan | (curves["n"] >= top * YUAN_STATED_LOW - 1e-9)].copy()
    low = curves.groupby("curve")["score"].transform("min")
    high = curves.groupby("curve")["score"].transform("max")
    span = (high - low).where(high > low)
    curves["gain_share"] = (curves["score"] - low) / span
    curves["ability"] = curves["benchmark"].map(ABILITY).fillna("other")
    return curves.reset_index(drop=True)


def gain_reached_by_ability(
    curves: pd.DataFrame, fraction: float = 1 / 4, paper: str | None = DONG
) -> pd.DataFrame:
    """Per ability: the median share of its own gain a curve had reached with ``fraction`` of its
    data (at its largest amount up to that fraction), and the number of curves.

    By default only Dong et al.'s curves count: theirs is the one design that measures several
    abilities over the same data range, so a difference between abilities is not one between
    papers' ranges (``paper=None`` takes every curve).
    """
    if paper is not None and "paper" in curves:
        curves = select(curves, paper=paper)
    rows = []
    for curve, group in curves.dropna(subset=["gain_share"]).groupby("curve"):
        early = group[group["n"] <= group["n"].max() * fraction + 1e-9]
        if early.empty:
            continue
        point = early.loc[early["n"].idxmax()]
        rows.append({"curve": curve, "ability": point["ability"], "reached": point["gain_share"]})
    table = pd.DataFrame(rows, columns=["curve", "ability", "reached"])
    return (
        table.groupby("ability")["reached"]
        .agg(median_share_reached="median", curves="size")
        .reset_index()
        .sort_values("median_share_reached", ascending=False, ignore_index=True)
    )

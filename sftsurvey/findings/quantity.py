"""Findings of the data-quantity papers, each checked on the reported results."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import spearmanr

from sftsurvey import fits
from sftsurvey.findings.core import Verdict, evidence, finding, grade, not_testable

YUAN = "yuan2023scaling"
GSM8K_BASE = "yuan2023scaling"


def yuan_sft_curves(results: pd.DataFrame) -> pd.DataFrame:
    """Yuan et al.'s SFT accuracy per base model and data amount (Table 5).

    The paper trains each fraction of GSM8K with two epoch schedules and, like its Figure 3,
    we keep the better of the two for each (model, fraction). Columns: model, fraction,
    n (examples = fraction × base size), accuracy, and the evidence rows' file and line.
    """
    rows = results[
        (results["paper"] == YUAN)
        & (results["experiment"] == "sft-data-scaling")
        & (results["source"] == "Table 5")
        & (results["metric"] == "maj1@1 accuracy")
    ]
    if rows.empty:
        return pd.DataFrame(columns=["model", "fraction", "n", "accuracy", "file", "line"])
    best = rows.loc[rows.groupby(["model", "fraction"])["value"].idxmax()]
    out = best.assign(n=best["fraction"] * best["base_size"], accuracy=best["value"])
    return out[
        [
            "model",
            "fraction",
            "n",
            "accuracy",
            "file",
            "line",
            "condition",
            "value",
            "paper",
            "experiment",
            "benchmark",
            "source",
        ]
    ].sort_values(["model", "n"])


def loglinear_by_model(curves: pd.DataFrame, bootstrap: int = 0) -> pd.DataFrame:
    """Per model: log-linear fit (gain per doubling, R²) and the AICc-preferred curve family."""
    rows = []
    for model, group in curves.groupby("model", sort=False):
        fit = fits.fit("loglinear", group["n"], group["accuracy"], bootstrap=bootstrap)
        ranking = fits.compare(group["n"], group["accuracy"])
        low, high = fit.ci.get("b", (np.nan, np.nan))
        rows.append(
            {
                "model": model,
                "points": fit.n_points,
                "gain_per_doubling": fit.gain_per_doubling,
                "gain_low": low,
                "gain_high": high,
                "r2": fit.r2,
                "best_family": ranking.iloc[0]["model"],
                "loglinear_weight": float(
                    ranking.loc[ranking["model"] == "loglinear", "weight"].iloc[0]
                ),
            }
        )
    return pd.DataFrame(rows)


def yuan_model_strength(results: pd.DataFrame) -> pd.DataFrame:
    """Per base model: ICL accuracy (Table 5) and pre-training loss (Table 1), where reported."""
    rows = results[results["paper"] == YUAN]
    icl = rows[
        (rows["experiment"] == "icl")
        & (rows["source"] == "Table 5")
        & (rows["metric"] == "maj1@1 accuracy")
    ]
    loss = rows[rows["experiment"] == "pretraining-loss"]
    strength = pd.DataFrame({"model": sorted(set(icl["model"]) | set(loss["model"]))})
    strength["icl_accuracy"] = strength["model"].map(icl.set_index("model")["value"])
    strength["pretraining_loss"] = strength["model"].map(loss.set_index("model")["value"])
    return strength


@finding(
    "quantity-loglinear-gsm8k",
    claim="Supervised fine-tuning accuracy on GSM8K grows log-linearly with the amount of "
    "training data: each doubling adds a roughly constant number of points.",
    papers=(YUAN,),
    topic="quantity",
    notebook="notebooks/quantity-math-scaling",
)
def check_loglinear(results: pd.DataFrame) -> Verdict:
    curves = yuan_sft_curves(results)
    if curves.empty:
        return not_testable("No SFT data-scaling rows of Yuan et al. in the results.")
    table = loglinear_by_model(curves)
    good = (table["r2"] >= 0.9) & (table["gain_per_doubling"] > 0)
    share = float(good.mean())
    verdict = grade(share, 0.75)
    summary = (
        f"A log-linear fit explains at least 90% of the variance (R² ≥ 0.9) with a positive slope "
        f"for {int(good.sum())} of {len(table)} base models; median gain per doubling "
        f"{table['gain_per_doubling'].median():.1f} points, median R² {table['r2'].median():.3f}."
    )
    numbers = {
        "models": len(table),
        "models_loglinear": int(good.sum()),
        "median_gain_per_doubling": float(table["gain_per_doubling"].median()),
        "median_r2": float(table["r2"].median()),
    }
    return Verdict(verdict, summary, numbers, evidence(curves))


@finding(
    "quantity-better-base-gains-less",
    claim="Better base models (higher few-shot accuracy, lower pre-training loss) gain less "
    "from each doubling of supervised data.",
    papers=(YUAN,),
    topic="quantity",
    notebook="notebooks/quantity-math-scaling",
)
def check_better_base_gains_less(results: pd.DataFrame) -> Verdict:
    curves = yuan_sft_curves(results)
    if curves.empty:
        return not_testable("No SFT data-scaling rows of Yuan et al. in the results.")
    gains = loglinear_by_model(curves)[["model", "gain_per_doubling"]]
    table = gains.merge(yuan_model_strength(results), on="model", how="left")
    with_icl = table.dropna(subset=["icl_accuracy"])
    with_loss = table.dropna(subset=["pretraining_loss"])
    if len(with_icl) < 4 and len(with_loss) < 4:
        return not_testable("Fewer than four models with both a slope and a strength measure.")
    rho_icl = float(spearmanr(with_icl["gain_per_doubling"], with_icl["icl_accuracy"])[0])
    rho_loss = float(spearmanr(with_loss["gain_per_doubling"], with_loss["pretraining_loss"])[0])
    # the claim predicts: higher ICL accuracy -> smaller gain (rho < 0); higher loss -> larger gain
    agree = [rho_icl <= -0.5, rho_loss >= 0.5]
    verdict = "supported" if all(agree) else "partly supported" if any(agree) else "not supported"
    summary = (
        f"Spearman rank correlation of the gain per doubling with ICL accuracy is "
        f"{rho_icl:+.2f} over {len(with_icl)} models (the claim predicts negative), and with "
        f"pre-training loss {rho_loss:+.2f} over {len(with_loss)} models (predicts positive)."
    )
    numbers = {
        "rho_icl": rho_icl,
        "n_icl": len(with_icl),
        "rho_loss": rho_loss,
        "n_loss": len(with_loss),
    }
    rows = results[
        (results["paper"] == YUAN)
        & results["experiment"].isin(["icl", "pretraining-loss"])
        & results["source"].isin(["Table 5", "Table 1"])
    ]
    return Verdict(verdict, summary, numbers, evidence(pd.concat([curves, rows])))


DONG = "dong2023how"
JI = "ji2023exploring"
LIMA = "zhou2023lima"
DONG_DATA = {"GSM8K": "math", "HumanEval": "code", "MT-Bench": "general"}


def dong_curves(
    results: pd.DataFrame, experiment: str = "individual-source-scaling"
) -> pd.DataFrame:
    """Dong et al.'s scores per model, benchmark and data fraction k (Tables 2 and 3)."""
    rows = results[
        (results["paper"] == DONG)
        & (results["experiment"] == experiment)
        & results["source"].isin(["Table 2", "Table 3"])
    ]
    return rows.sort_values(["model", "benchmark", "fraction"])


@finding(
    "quantity-general-saturates-early",
    claim="General chat ability (MT-Bench) stops improving after a small amount of data, "
    "while math (GSM8K) and code (HumanEval) keep improving as data grows.",
    papers=(DONG,),
    topic="quantity",
    notebook="notebooks/quantity-composition",
)
def check_general_saturates(results: pd.DataFrame) -> Verdict:
    curves = dong_curves(results)
    if curves.empty:
        return not_testable("No single-source scaling rows of Dong et al. in the results.")
    table = relative_gain(curves, low=1 / 64, high=1.0)
    per_model = table.pivot(index="model", columns="benchmark", values="relative_gain")
    holds = per_model["MT-Bench"] * 2 < per_model[["GSM8K", "HumanEval"]].min(axis=1)
    share = float(holds.mean())
    verdict = grade(share, 1)
    summary = (
        "From 1/64 of each dataset to all of it, MT-Bench improves by "
        f"{_span(per_model['MT-Bench'])} across model sizes, GSM8K by {_span(per_model['GSM8K'])} "
        f"and HumanEval by {_span(per_model['HumanEval'])} (relative to the 1/64 score); MT-Bench "
        f"gains less than half as much as both others for {int(holds.sum())} of {len(holds)} sizes."
    )
    numbers = {
        f"gain_{b}_{m}": float(v)
        for (m, b), v in table.set_index(["model", "benchmark"])["relative_gain"].items()
    }
    used = curves[curves["fraction"].isin([1 / 64, 1.0]) | np.isclose(curves["fraction"], 1 / 64)]
    return Verdict(verdict, summary, numbers, evidence(used))


def relative_gain(curves: pd.DataFrame, low: float, high: float) -> pd.DataFrame:
    """Per model and benchmark: (score at ``high`` − score at ``low``) / score at ``low``."""
    rows = []
    for (model, bench), group in curves.groupby(["model", "benchmark"]):
        at = dict(zip(group["fraction"].round(6), group["value"], strict=True))
        lo, hi = at.get(round(low, 6)), at.get(round(high, 6))
        if lo and hi is not None:
            rows.append(
                {
                    "model": model,
                    "benchmark": bench,
                    "low": lo,
                    "high": hi,
                    "relative_gain": (hi - lo) / lo,
                }
            )
    return pd.DataFrame(rows)


def _span(values: pd.Series) -> str:
    return f"{values.min():.0%} to {values.max():.0%}"


@finding(
    "quantity-mixing-helps-low-conflicts-high",
    claim="Mixing math, code and general data helps each ability when data is scarce but "
    "hurts it when data is plentiful, compared with training on that ability's data alone.",
    papers=(DONG,),
    topic="quantity",
    notebook="notebooks/quantity-composition",
)
def check_mixing(results: pd.DataFrame) -> Verdict:
    single, mixed = dong_curves(results), dong_curves(results, "mixed-source-scaling")
    if single.empty or mixed.empty:
        return not_testable("No single- and mixed-source scaling rows of Dong et al.")
    keys = ["model", "benchmark", "fraction"]
    both = single[[*keys, "value"]].merge(
        mixed[[*keys, "value"]], on=keys, suffixes=("_single", "_mixed")
    )
    both["mixed_minus_single"] = both["value_mixed"] - both["value_single"]
    low = both[np.isclose(both["fraction"], both["fraction"].min())]
    high = both[np.isclose(both["fraction"], both["fraction"].max())]
    helps_low = float((low["mixed_minus_single"] > 0).mean())
    hurts_high = float((high["mixed_minus_single"] < 0).mean())
    worst = min(helps_low, hurts_high)
    verdict = grade(worst, 0.8)
    summary = (
        f"At the smallest amount (k = 1/{1 / both['fraction'].min():.0f}) mixing beats single-source "
        f"training in {helps_low:.0%} of the {len(low)} model–benchmark pairs; with all the data "
        f"it is worse in {hurts_high:.0%} of {len(high)} pairs."
    )
    numbers = {"share_helps_low": helps_low, "share_hurts_high": hurts_high}
    used = pd.concat([single, mixed])
    used = used[
        np.isclose(used["fraction"], both["fraction"].min())
        | np.isclose(used["fraction"], both["fraction"].max())
    ]
    return Verdict(verdict, summary, numbers, evidence(used))


JI_PLATEAU = ("Math", "Code", "COT")
JI_STEADY = ("Extract", "Classification", "Closed QA", "Summarization")


def ji_scores(results: pd.DataFrame) -> pd.DataFrame:
    """Ji et al.'s Figure 1 (read off the vector drawing): category × training-set size."""
    rows = results[(results["paper"] == JI) & (results["experiment"] == "data-scaling")]
    rows = rows.assign(category=rows["benchmark"].str.split(": ").str[-1])
    return rows.sort_values(["category", "n_examples"])


@finding(
    "quantity-belle-categories-differ",
    claim="Use cases differ in how they scale: math, code and chain-of-thought stop improving "
    "beyond about a million examples, while extraction, classification, closed QA and "
    "summarization keep improving.",
    papers=(JI,),
    topic="quantity",
    notebook="notebooks/quantity-belle-categories",
)
def check_belle(results: pd.DataFrame) -> Verdict:
    scores = ji_scores(results)
    if scores.empty:
        return not_testable("No Figure 1 readings of Ji et al. in the results.")
    wide = scores.pivot(index="category", columns="n_examples", values="value")
    sizes = sorted(wide.columns)
    last_step = wide[sizes[-1]] - wide[sizes[-2]]
    plateau = [c for c in JI_PLATEAU if last_step[c] <= 0.01]
    steady = [c for c in JI_STEADY if (wide.loc[c].diff().dropna() >= 0).all()]
    held = (len(plateau) + len(steady)) / (len(JI_PLATEAU) + len(JI_STEADY))
    verdict = grade(held, 1)
    not_steady = [c for c in JI_STEADY if c not in steady]
    summary = (
        "From 1M to 2M examples the score changes by "
        + ", ".join(f"{c} {last_step[c]:+.3f}" for c in JI_PLATEAU)
        + f" (no further gain for {len(plateau)} of {len(JI_PLATEAU)}); "
        f"{len(steady)} of {len(JI_STEADY)} steadily improving categories rise at every step"
        + (f" ({', '.join(not_steady)} dips once)" if not_steady else "")
        + ". Scores are read off the paper's bar chart."
    )
    numbers = {f"last_step_{c}": float(last_step[c]) for c in wide.index}
    return Verdict(verdict, summary, numbers, evidence(scores))


@finding(
    "quantity-lima-competitive",
    claim="A model tuned on a thousand curated examples is judged at least as good as far more "
    "heavily trained assistants in a large share of cases.",
    papers=(LIMA,),
    topic="quantity",
    notebook="notebooks/quantity-small-data",
)
def check_lima(results: pd.DataFrame) -> Verdict:
    rows = results[(results["paper"] == LIMA) & (results["experiment"] == "human-preference")]
    if rows.empty:
        return not_testable("No human-preference rows of LIMA in the results.")
    shares = rows.set_index("condition")["value"]
    at_least_half = shares[shares >= 50]
    verdict = (
        "supported"
        if len(at_least_half) == len(shares)
        else "partly supported"
        if len(at_least_half)
        else "not supported"
    )
    summary = (
        "LIMA's answer is equivalent to or preferred over the baseline's in "
        + ", ".join(f"{v:g}% of prompts against {k.split('=')[-1]}" for k, v in shares.items())
        + " (the abstract's combined win-or-tie shares; the split and the other baselines are "
        "only in a chart)."
    )
    numbers = {k.split("=")[-1]: float(v) for k, v in shares.items()}
    return Verdict(verdict, summary, numbers, evidence(rows))


@finding(
    "quantity-lima-ablations",
    claim="LIMA's ablations on 7B models measure how response quality changes with the "
    "diversity, the quality and the quantity of the training data.",
    papers=(LIMA,),
    topic="quantity",
    notebook="notebooks/quantity-small-data",
)
def check_lima_ablations(results: pd.DataFrame) -> Verdict:
    rows = results[(results["paper"] == LIMA) & (results["experiment"] == "ablation")]
    if rows.empty:
        return not_testable(
            "The ablations are reported only as a chart without printed values, and no copy of "
            "the figure could be read here; no number is estimated."
        )
    return not_testable("Ablation rows exist but no check is defined yet.")


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

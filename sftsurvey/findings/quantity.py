"""Findings of the data-quantity papers, each checked on the reported results within its scope."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import spearmanr

from sftsurvey import fits
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
    rows = results[
        (results["paper"] == YUAN)
        & (results["experiment"] == "sft-data-scaling")
        & (results["source"] == "Table 5")
        & (results["metric"] == "maj1@1 accuracy")
    ]
    if schedule == "3 epochs":
        rows = rows[rows["condition"] == "epochs=3"]
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
    "wider range (1/32 to all)": {"low": 1 / 32},
    "3-epoch runs only": {"schedule": "3 epochs"},
}


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
        "Per base model, a log-linear fit of accuracy on the number of examples over the stated "
        "range must explain at least R²_min of the variance, and its rise over the range "
        "(gain per doubling × doublings) must exceed the tolerance. The share is taken over base "
        "models.",
        supported_at=0.75,
        partly_at=0.5,
        thresholds={"R²_min": "r2_min"},
    ),
    params={"low": 1 / 8, "schedule": "best", "r2_min": 0.9},
    variants={**YUAN_VARIANTS, "R²_min = 0.8": {"r2_min": 0.8}, "R²_min = 0.95": {"r2_min": 0.95}},
    leave_out=("model",),
)
def check_loglinear(results: pd.DataFrame, s: Settings) -> Verdict:
    curves = in_range(yuan_sft_curves(results, s["schedule"]), s["low"])
    if curves.empty:
        return not_testable("No SFT data-scaling rows of Yuan et al. in the results.")
    table = loglinear_by_model(curves, families=False)
    tolerances = [gsm8k_tolerance(a, s) for a in table["mean_accuracy"]]
    table["tolerance"] = [t.points for t in tolerances]
    good = (table["r2"] >= s["r2_min"]) & (table["rise"] > table["tolerance"])
    share = float(good.mean())
    summary = (
        f"Over 1/{1 / s['low']:.0f} to all of the data, a log-linear fit explains at least "
        f"{s['r2_min']:.0%} of the variance with a rise above the tolerance for {int(good.sum())} "
        f"of {len(table)} base models; median gain per doubling "
        f"{table['gain_per_doubling'].median():.1f} points, median R² {table['r2'].median():.3f}."
    )
    numbers = {
        "models": len(table),
        "models_loglinear": int(good.sum()),
        "median_gain_per_doubling": float(table["gain_per_doubling"].median()),
        "median_r2": float(table["r2"].median()),
    }
    return graded(
        s,
        share,
        summary,
        numbers,
        curves,
        f"{tolerances[0].basis} at each model's mean accuracy (median "
        f"{np.median(table['tolerance']):.2f} points)",
    )


def concordance(strength: pd.Series, gain: pd.Series, tolerance: float) -> noise.Tally:
    """Model pairs ordered by ``strength``: does the stronger gain less (by more than ``tolerance``)?

    "better" counts pairs where the stronger model's gain is smaller, "worse" where it is larger.
    """
    values = list(zip(strength, gain, strict=True))
    diffs = []
    for i, (s_i, g_i) in enumerate(values):
        for s_j, g_j in values[i + 1 :]:
            if s_i == s_j:
                continue
            weaker_gain, stronger_gain = (g_i, g_j) if s_i < s_j else (g_j, g_i)
            diffs.append(weaker_gain - stronger_gain)
    return noise.tally(diffs, [tolerance] * len(diffs))


STRENGTH = {
    "pretraining_loss": ("pre-training loss", -1),
    "icl_accuracy": ("8-shot ICL accuracy", 1),
}
"""Measures of base-model strength: column → (name, sign that makes larger mean stronger)."""


@finding(
    "quantity-better-base-gains-less",
    claim="Better base models (higher few-shot accuracy, lower pre-training loss) gain less "
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
        "when the model with the lower loss has a gain per doubling (over the stated range) "
        "smaller by more than the tolerance, is indistinguishable within it, and disagrees "
        "otherwise. The share is the share of pairs that agree.",
        supported_at=0.75,
        partly_at=0.5,
    ),
    params={"low": 1 / 8, "schedule": "best", "strength": "pretraining_loss"},
    variants={
        **YUAN_VARIANTS,
        "strength = 8-shot ICL accuracy (all seven models)": {"strength": "icl_accuracy"},
    },
    leave_out=("model",),
)
def check_better_base_gains_less(results: pd.DataFrame, s: Settings) -> Verdict:
    curves = in_range(yuan_sft_curves(results, s["schedule"]), s["low"])
    if curves.empty:
        return not_testable("No SFT data-scaling rows of Yuan et al. in the results.")
    gains = loglinear_by_model(curves, families=False)
    column = s["strength"]
    name, sign = STRENGTH[column]
    table = gains.merge(yuan_model_strength(results), on="model", how="left")
    table = table.dropna(subset=[column])
    if len(table) < 3:
        return not_testable(f"Fewer than three models with both a slope and a {name}.")
    # two gains per doubling are indistinguishable when the rises they imply over the range
    # differ by less than one score's tolerance
    tol = gsm8k_tolerance(float(curves["accuracy"].mean()), s)
    gain_tol = tol.points / float(table["doublings"].median())
    pairs = concordance(sign * table[column].astype(float), table["gain_per_doubling"], gain_tol)
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
    rows = results[
        (results["paper"] == YUAN)
        & (results["experiment"] == measure)
        & results["source"].isin(["Table 5", "Table 1"])
        & results["metric"].isin(["maj1@1 accuracy", "pre-training loss"])
        & results["model"].isin(set(table["model"]))
    ]
    used = pd.concat([curves[curves["model"].isin(set(table["model"]))], rows])
    return graded(
        s,
        share,
        summary,
        numbers,
        used,
        f"{tol.basis} at the mean accuracy ({tol.points:.2f} points), spread over the range's "
        f"{table['doublings'].median():.0f} doublings: {gain_tol:.2f} points per doubling",
    )


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


def _span(values: pd.Series) -> str:
    return f"{values.min():.0%} to {values.max():.0%}"


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
    stated="Mathematical reasoning and code generation improve as data amounts increase "
    "consistently, while the general ability is enhanced with about a thousand samples and "
    "improves slowly.",
    location="Abstract, arXiv v1 (later abstract: 'whereas general abilities plateau after "
    "roughly a thousand samples')",
    scope=DONG_SCOPE,
    rule=Rule(
        "Per model size, from the threshold k_plateau to all the data: GSM8K must rise by more "
        "than its tolerance (and HumanEval too, for the sizes at which the paper claims it: "
        "33B), and MT-Bench's relative gain must be below ratio_max times the smallest relative "
        "gain of those rising abilities. The share is taken over model sizes.",
        supported_at=1.0,
        partly_at=0.5,
        thresholds={"k_plateau": "low", "ratio_max": "ratio_max"},
    ),
    params={"low": 1 / 64, "ratio_max": 0.5, "code_models": ("LLaMA-33B",)},
    variants={
        "threshold k = 1/16": {"low": 1 / 16},
        "threshold k = 1/256": {"low": 1 / 256},
        "ratio_max = 0.25": {"ratio_max": 0.25},
        "ratio_max = 1": {"ratio_max": 1.0},
        "code required to rise at every size": {
            "code_models": ("LLaMA-7B", "LLaMA-13B", "LLaMA-33B")
        },
    },
    leave_out=("model",),
)
def check_general_saturates(results: pd.DataFrame, s: Settings) -> Verdict:
    curves = dong_curves(results)
    if curves.empty:
        return not_testable("No single-source scaling rows of Dong et al. in the results.")
    table = relative_gain(curves, low=s["low"], high=1.0)
    if table.empty:
        return not_testable("No single-source scores at the stated amounts.")
    table["tolerance"] = [
        dong_tolerance(b, lo, s).points
        for b, lo in zip(table["benchmark"], table["low"], strict=True)
    ]
    table["rises"] = table["gain"] > table["tolerance"]
    rel = table.pivot(index="model", columns="benchmark", values="relative_gain")
    up = table.pivot(index="model", columns="benchmark", values="rises").astype(bool)
    holds, notes = {}, []
    for model in rel.index:
        rising = ["GSM8K"] + (["HumanEval"] if model in s["code_models"] else [])
        keeps = bool(up.loc[model, rising].all())
        slow = bool(rel.loc[model, "MT-Bench"] < s["ratio_max"] * rel.loc[model, rising].min())
        holds[model] = keeps and slow
        notes.append(
            f"{model}: MT-Bench {rel.loc[model, 'MT-Bench']:+.0%}, "
            + ", ".join(f"{b} {rel.loc[model, b]:+.0%}" for b in ("GSM8K", "HumanEval"))
            + (" — holds" if holds[model] else " — does not hold")
        )
    summary = (
        f"Relative gains from k = 1/{1 / s['low']:.0f} to all the data: "
        + "; ".join(notes)
        + f". The claim holds for {sum(holds.values())} of {len(holds)} model sizes (code counted "
        f"only at {', '.join(s['code_models'])})."
    )
    numbers = {
        f"gain_{b}_{m}": float(v)
        for (m, b), v in table.set_index(["model", "benchmark"])["relative_gain"].items()
    }
    used = curves[
        np.isclose(curves["fraction"].astype(float), s["low"])
        | np.isclose(curves["fraction"].astype(float), 1.0)
    ]
    tol = dong_tolerance("HumanEval", 0, s)
    return graded(
        s,
        float(np.mean(list(holds.values()))),
        summary,
        numbers,
        used,
        f"HumanEval: {tol.basis} ({tol.points:.2f} points); GSM8K: binomial standard error at the "
        "lower score; MT-Bench is compared by its relative gain (Dong et al. report no spread)",
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
        location="Section 3.3, arXiv v1 (said of LLaMA-7B)",
    ),
    rule=Rule(
        "At the low-resource amount k_low and with all the data, each model–benchmark pair "
        "compares mixed with single-source training and is counted better, indistinguishable "
        "(within tolerance) or worse. The claim's two halves are the share of pairs where mixing "
        "is better at k_low and the share where it is worse with all the data; the smaller of "
        "the two is graded.",
        supported_at=0.8,
        partly_at=0.5,
        thresholds={"k_low": "low"},
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
        "lower score; MT-Bench: one scale step on one of its questions",
    )


JI_PLATEAU = ("Math", "Code", "COT")
JI_STEADY = ("Extract", "Classification", "Closed QA", "Summarization")
JI_ITEMS_ALIAS = {"Extract": "Extraction"}
JI_READING = 0.001
"""The figure reading's own uncertainty (extraction/ji2023exploring-fig1.yaml)."""


def ji_scores(results: pd.DataFrame) -> pd.DataFrame:
    """Ji et al.'s Figure 1 (read off the vector drawing): category × training-set size."""
    rows = results[(results["paper"] == JI) & (results["experiment"] == "data-scaling")]
    rows = rows.assign(category=rows["benchmark"].str.split(": ").str[-1])
    return rows.sort_values(["category", "n_examples"])


def ji_items(results: pd.DataFrame) -> dict[str, int]:
    """Test instructions per category (Table 1, '#Nums')."""
    rows = results[
        (results["paper"] == JI)
        & (results["experiment"] == "eval-set-stats")
        & results["metric"].str.startswith("number of test instructions")
    ]
    return {
        b.split(": ")[-1]: int(v) for b, v in zip(rows["benchmark"], rows["value"], strict=True)
    }


def ji_tolerance(category: str, items: dict[str, int], settings: Settings) -> float:
    """One test instruction's full score (1 / n) or the reading uncertainty, whichever is larger."""
    n = items.get(JI_ITEMS_ALIAS.get(category, category))
    grain = 1 / n if n else JI_READING
    return max(grain, JI_READING) * settings.tolerance_factor


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
        data="0.2M, 0.6M, 1M and 2M training examples; for math, code and COT the stall is after "
        "1M",
        models="Bloomz-7b1-mt only (BELLE-7B-0.2M … 2M)",
        benchmarks="the paper's 12-category evaluation set (142–200 prompts each, Table 1), "
        "scored 0–1 by ChatGPT, three times and averaged (no spread reported)",
        version="arXiv v1",
        quote="After increasing the number of training examples to 1 million, the model's "
        "performance improves, then it becomes difficult to further improve the performance",
        location="Section 4.3, arXiv v1 (math, code and COT)",
    ),
    rule=Rule(
        "A plateau category holds when its score rises by no more than its tolerance from 1M "
        "to 2M examples; a steadily improving category holds when no step falls by more than its "
        "tolerance and the total rise from 0.2M to 2M exceeds it. The share is taken over the "
        "seven named categories.",
        supported_at=1.0,
        partly_at=0.5,
    ),
    leave_out=("benchmark",),
)
def check_belle(results: pd.DataFrame, s: Settings) -> Verdict:
    scores = ji_scores(results)
    if scores.empty:
        return not_testable("No Figure 1 readings of Ji et al. in the results.")
    items = ji_items(results)
    wide = scores.pivot(index="category", columns="n_examples", values="value")
    sizes = sorted(wide.columns)
    tol = {c: ji_tolerance(c, items, s) for c in wide.index}
    last_step = wide[sizes[-1]] - wide[sizes[-2]]
    named_plateau = [c for c in JI_PLATEAU if c in wide.index]
    named_steady = [c for c in JI_STEADY if c in wide.index]
    if not named_plateau and not named_steady:
        return not_testable("None of the named categories is in the results.")
    plateau = [c for c in named_plateau if last_step[c] <= tol[c]]
    steady = [
        c
        for c in named_steady
        if (wide.loc[c].diff().dropna() >= -tol[c]).all()
        and wide.loc[c, sizes[-1]] - wide.loc[c, sizes[0]] > tol[c]
    ]
    held = (len(plateau) + len(steady)) / (len(named_plateau) + len(named_steady))
    not_steady = [c for c in named_steady if c not in steady]
    summary = (
        "From 1M to 2M examples the score changes by "
        + ", ".join(f"{c} {last_step[c]:+.3f} (tolerance {tol[c]:.3f})" for c in named_plateau)
        + f": no rise beyond the tolerance for {len(plateau)} of {len(named_plateau)}; "
        f"{len(steady)} of {len(named_steady)} steadily improving categories never fall by more "
        "than their tolerance and rise overall"
        + (f" ({', '.join(not_steady)} does not)" if not_steady else "")
        + ". Scores are read off the paper's bar chart."
    )
    numbers = {f"last_step_{c}": float(last_step[c]) for c in wide.index}
    return graded(
        s,
        held,
        summary,
        numbers,
        scores[scores["category"].isin(named_plateau + named_steady)],
        "one test instruction's full score on the category's Table 1 count (1/n), at least the "
        f"figure reading's uncertainty ({JI_READING:g})",
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
        "than the tolerance. The share is taken over baselines.",
        supported_at=1.0,
        partly_at=0.5,
        thresholds={"share_min (%)": "share_min"},
    ),
    params={"share_min": 50.0},
    variants={"share_min = 40%": {"share_min": 40.0}, "share_min = 60%": {"share_min": 60.0}},
    leave_out=("condition",),
)
def check_lima(results: pd.DataFrame, s: Settings) -> Verdict:
    rows = results[(results["paper"] == LIMA) & (results["experiment"] == "human-preference")]
    if rows.empty:
        return not_testable("No human-preference rows of LIMA in the results.")
    shares = rows.set_index("condition")["value"]
    tol = noise.printed_precision(LIMA_PRINTED).scaled(s.tolerance_factor)
    tolerances = dict.fromkeys(shares.index, tol.points)
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
    rows = results[(results["paper"] == LIMA) & (results["experiment"] == "ablation")]
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

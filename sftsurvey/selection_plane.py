"""Selected subsets on the score–data-size plane, beside each paper's own baselines.

One panel per paper, base model and benchmark: the selected subsets, the paper's random subset or
full pool, and (DEITA) other people's models trained on more data, each at its number of training
examples (log scale) with its tolerance as an error bar. Only comparisons printed in one paper
share a panel, so no score is compared across papers' setups.
"""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import pandas as pd

from sftsurvey import plots
from sftsurvey.findings import noise
from sftsurvey.findings.quantity import LIMO
from sftsurvey.findings.selection import DEITA, IFD, condition_fields

KINDS = ("selected", "random subset", "full pool", "model tuned on other data")
KIND_STYLE = {
    "selected": (plots.PALETTE[1], "o"),
    "random subset": (plots.PALETTE[0], "s"),
    "full pool": (plots.PALETTE[2], "D"),
    "model tuned on other data": ("#9e9e9e", "^"),
}
COLUMNS = ["panel", "label", "kind", "n", "score", "tolerance", "file", "line"]
"""The columns of the selection-plane table, one row per plotted point."""


def _tolerance(benchmark: str, score: float) -> float:
    return noise.granularity(benchmark, score).points


def deita_points(results: pd.DataFrame, benchmark: str = "MT-Bench") -> pd.DataFrame:
    """DEITA Table 6, SFT-only models with a printed data size, per base model, and Table 5's
    random 6K (the same LLaMA-1 13B set-up)."""
    table6 = results[
        (results["paper"] == DEITA) & (results["experiment"] == "deita-vs-open-models")
    ]
    table6 = table6[table6["source"] == "Table 6"]
    table5 = results[
        (results["paper"] == DEITA)
        & (results["experiment"] == "selector-comparison")
        & (results["model"] == "Random")
    ]
    table5 = table5.assign(
        condition=table5["condition"].str.replace("method=Random; ", "", regex=False)
        + "; data=6K / SFT"
    )
    rows = pd.concat([table6, table5])
    rows = rows[rows["benchmark"] == benchmark]
    rows = rows.dropna(subset=["n_examples"])
    fields = condition_fields(rows["condition"])
    sft_only = ~fields["data"].fillna("").str.contains("DPO|RLHF")
    selection = fields.get("selection", pd.Series("", index=rows.index)).fillna("")
    kind = selection.map(lambda s: "selected" if s.startswith("DEITA") else None)
    kind = kind.where(selection != "random", "random subset").fillna("model tuned on other data")
    keep = sft_only & fields["base_model"].notna()
    return pd.DataFrame(
        {
            "panel": "DEITA · " + fields["base_model"][keep] + " · " + benchmark,
            "label": rows["model"][keep],
            "kind": kind[keep],
            "n": rows["n_examples"][keep].astype(float),
            "score": rows["value"][keep],
            "tolerance": [_tolerance(benchmark, v) for v in rows["value"][keep]],
            "file": rows["file"][keep],
            "line": rows["line"][keep],
        }
    )


def ifd_points(results: pd.DataFrame, benchmark: str = "AlpacaEval") -> pd.DataFrame:
    """IFD Tables 1 and 3: the full pool and its top-IFD shares, per base model and pool."""
    rows = results[
        (results["paper"] == IFD)
        & results["experiment"].isin(["leaderboard-llama1", "leaderboard-llama2"])
        & (results["benchmark"] == benchmark)
        & results["source"].str.startswith("Table")
    ]
    fields = condition_fields(rows["condition"])
    pool = fields["data"].str.extract(r"^(\S+)", expand=False)
    full = fields["selection"] == "none"
    sizes = rows["n_examples"].where(full).groupby([rows["model"], pool]).transform("max")
    share = rows["fraction"].where(~full, 1.0)
    n = (share * sizes).round()
    label = share.map(lambda f: "full" if f == 1 else f"top IFD {f:.0%}")
    return pd.DataFrame(
        {
            "panel": "IFD · " + rows["model"] + " · " + pool + " · " + benchmark,
            "label": label,
            "kind": full.map({True: "full pool", False: "selected"}),
            "n": n.astype(float),
            "score": rows["value"],
            "tolerance": [_tolerance(benchmark, v) for v in rows["value"]],
            "file": rows["file"],
            "line": rows["line"],
        }
    ).dropna(subset=["n"])


def limo_points(results: pd.DataFrame, benchmarks=("AIME24", "MATH500")) -> pd.DataFrame:
    """LIMO v1 Table 3: LIMO (817) and NuminaMath (100k), one panel per benchmark."""
    rows = results[
        (results["paper"] == LIMO)
        & (results["experiment"] == "main-comparison")
        & results["benchmark"].isin(benchmarks)
        & results["n_examples"].notna()
    ]
    return pd.DataFrame(
        {
            "panel": "LIMO · " + rows["benchmark"],
            "label": rows["model"],
            "kind": rows["model"].map(
                lambda m: "model tuned on other data" if m.startswith("NuminaMath") else "selected"
            ),
            "n": rows["n_examples"].astype(float),
            "score": rows["value"],
            "tolerance": [
                _tolerance(b, v) for b, v in zip(rows["benchmark"], rows["value"], strict=True)
            ],
            "file": rows["file"],
            "line": rows["line"],
        }
    )


def selection_points(results: pd.DataFrame) -> pd.DataFrame:
    """Every panel's points (:data:`COLUMNS`), DEITA, then IFD, then LIMO."""
    parts = [deita_points(results), ifd_points(results), limo_points(results)]
    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=COLUMNS)
    return pd.concat(parts, ignore_index=True)[COLUMNS]


def _y_range(group: pd.DataFrame, least: float = 0.08) -> tuple[float, float]:
    """The panel's score range with margins, at least ``least`` of its top score wide, so that a
    gap of half a point is not drawn across the whole panel."""
    low = float((group["score"] - group["tolerance"]).min())
    high = float((group["score"] + group["tolerance"]).max())
    span = max(high - low, least * abs(high))
    middle = (low + high) / 2
    return middle - 0.65 * span, middle + 0.65 * span


def selection_panels(points: pd.DataFrame, *, cols: int = 3):
    """Small multiples of :func:`selection_points`: score against examples, ± tolerance."""
    panels = list(dict.fromkeys(points["panel"]))
    rows = max(1, math.ceil(len(panels) / cols))
    fig, axes = plt.subplots(
        rows, cols, figsize=(11, 3.0 * rows + 0.6), squeeze=False, layout="constrained"
    )
    for ax, panel in zip(axes.flat, panels, strict=False):
        group = points[points["panel"] == panel]
        for kind in KINDS:
            part = group[group["kind"] == kind]
            if part.empty:
                continue
            colour, marker = KIND_STYLE[kind]
            ax.errorbar(
                part["n"],
                part["score"],
                yerr=part["tolerance"],
                fmt=marker,
                color=colour,
                markersize=5,
                capsize=2,
                linewidth=0.8,
            )
        ax.margins(x=0.15)
        ax.set_ylim(*_y_range(group))
        plots.scaling_axes(ax, ylabel="Score as printed")
        ax.set_title(panel, fontsize=9)
    for ax in list(axes.flat)[len(panels) :]:
        ax.axis("off")
    handles = [
        plt.Line2D([], [], color=c, marker=m, linestyle="", label=k)
        for k, (c, m) in KIND_STYLE.items()
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=4, frameon=False)
    return fig, axes

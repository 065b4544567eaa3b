"""One figure style for the whole book."""

from __future__ import annotations

import math

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

PALETTE = (
    "#1b6ca8",  # blue
    "#d1495b",  # red
    "#edae49",  # yellow
    "#66a182",  # green
    "#8d6a9f",  # purple
    "#00798c",  # teal
    "#3d3d3d",  # near-black
    "#a65628",  # brown
    "#e377c2",  # pink
    "#9ab82e",  # olive
)
"""Ten distinct colours: more than the most lines of any figure (Yuan et al.'s seven models)."""


def apply_style() -> None:
    """Opaque white backgrounds (readable in dark mode), light grid, SVG output in notebooks."""
    mpl.rcParams.update(
        {
            "figure.facecolor": "white",
            "axes.facecolor": "white",
            "savefig.facecolor": "white",
            "figure.figsize": (6.4, 3.6),
            "figure.dpi": 100,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "axes.prop_cycle": mpl.cycler(color=PALETTE),
            "font.size": 10,
            "svg.hashsalt": "sftsurvey",  # identical SVG from identical data
        }
    )
    try:
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        # no creation date in the SVG: identical figures give identical bytes (and image names)
        set_matplotlib_formats("svg", metadata=SVG_METADATA)
    except ImportError:  # outside IPython
        pass


SVG_METADATA = {"Date": None}
"""SVG metadata for every figure: the date is dropped so that two builds write the same bytes."""


def bar_counts(counts: pd.Series, *, xlabel: str, ylabel: str, horizontal: bool = False):
    """A bar chart of integer counts with the value printed on each bar."""
    fig, ax = plt.subplots()
    labels = [str(i) for i in counts.index]
    if horizontal:
        bars = ax.barh(labels[::-1], counts.values[::-1], color=PALETTE[0])
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.grid(axis="y", visible=False)
    else:
        bars = ax.bar(labels, counts.values, color=PALETTE[0])
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.grid(axis="x", visible=False)
    ax.bar_label(bars, padding=2)
    ax.margins(x=0.08, y=0.12)
    fig.tight_layout()
    return fig, ax


def scaling_axes(ax, *, xlabel: str = "Training examples (log scale)", ylabel: str) -> None:
    """Log x axis (equal spacing per doubling) with round tick labels (100, 1k, 20k …)."""
    ax.set_xscale("log", base=2)
    ax.xaxis.set_major_locator(RoundLogLocator())
    ax.xaxis.set_minor_locator(mpl.ticker.NullLocator())
    ax.xaxis.set_major_formatter(mpl.ticker.FuncFormatter(lambda v, _: _human(v)))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)


def round_log_ticks(low: float, high: float, most: int = 6) -> list[float]:
    """At most ``most`` ticks at 1, 2, 5 × 10^k (or 10^k alone on wide ranges) in [low, high].

    Ticks at powers of two would read 1.024k, 16.384k …; round numbers read at a glance.
    """
    low, high = sorted((max(low, 1e-12), max(high, 1e-12)))
    decades = range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)
    ticks: list[float] = []
    for subs in ((1, 2, 5), (1, 3), (1,)):
        ticks = [m * 10.0**k for k in decades for m in subs if low <= m * 10.0**k <= high]
        if len(ticks) <= most:
            break
    if len(ticks) > most:
        ticks = ticks[:: math.ceil(len(ticks) / most)]
    if len(ticks) < 2:  # a narrow range: two round-ish ends
        ticks = sorted({float(f"{low:.2g}"), float(f"{high:.2g}")})
    return ticks


class RoundLogLocator(mpl.ticker.Locator):
    """Major ticks from :func:`round_log_ticks` for the axis's current view."""

    def __call__(self):
        low, high = self.axis.get_view_interval()
        return self.tick_values(low, high)

    def tick_values(self, vmin, vmax):
        return round_log_ticks(vmin, vmax)


def _human(value: float) -> str:
    for size, suffix in ((1e6, "M"), (1e3, "k")):
        if value >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:.3g}"


def curves_with_fits(groups, *, ylabel: str, fits_by_group=None, ax=None):
    """One line of points per group (label -> (n, y)), with its fitted curve dashed."""
    import numpy as np

    if ax is None:
        fig, ax = plt.subplots()
    else:
        fig = ax.figure
    for i, (label, (n, y)) in enumerate(groups.items()):
        color = PALETTE[i % len(PALETTE)]
        ax.plot(n, y, "o", color=color, label=label)
        if fits_by_group and label in fits_by_group:
            grid = np.geomspace(min(n), max(n), 100)
            ax.plot(grid, fits_by_group[label].predict(grid), "--", color=color, linewidth=1)
    scaling_axes(ax, ylabel=ylabel)
    ax.legend(frameon=False, fontsize=8)
    fig.tight_layout()
    return fig, ax


FRONTIER_COLOURS = {
    "random subsets of one set": "#9e9e9e",
    "random subset": PALETTE[0],
    "rater-filtered subset": PALETTE[1],
    "full set": PALETTE[2],
}


def frontier_panels(points: pd.DataFrame, *, cols: int = 3):
    """One panel per benchmark family of (training examples, score) points, coloured by curation.

    ``points`` is :func:`sftsurvey.frontier.frontier_points`. Curves of random subsets of one set
    with at least three sizes get a dashed log-linear fit; the legend sits below the panels.
    """
    import numpy as np

    from sftsurvey import fits

    families = sorted(points["family"].unique())
    rows = math.ceil(len(families) / cols)
    fig, axes = plt.subplots(
        rows, cols, figsize=(11, 3.4 * rows + 0.6), squeeze=False, layout="constrained"
    )
    for ax, family in zip(axes.flat, families, strict=False):
        group = points[points["family"] == family]
        for _, line in group.groupby("curve"):
            line = line.sort_values("n")
            curation = line["curation"].iloc[0]
            if curation == "random subsets of one set" and line["n"].nunique() >= 3:
                colour = FRONTIER_COLOURS[curation]
                ax.plot(line["n"], line["score"], ".", color=colour, alpha=0.7)
                fit = fits.fit("loglinear", line["n"], line["score"])
                grid = np.geomspace(line["n"].min(), line["n"].max(), 50)
                ax.plot(grid, fit.predict(grid), "--", color=colour, linewidth=0.8)
            else:
                colours = [FRONTIER_COLOURS[c] for c in line["curation"]]
                ax.scatter(line["n"], line["score"], c=colours, s=25, zorder=3)
        ax.margins(x=0.12)
        scaling_axes(ax, ylabel="Score as reported")
        ax.set_title(family, fontsize=10)
    for ax in list(axes.flat)[len(families) :]:
        ax.axis("off")
    handles = [
        plt.Line2D([], [], color=c, marker="o", linestyle="", label=k)
        for k, c in FRONTIER_COLOURS.items()
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=4, frameon=False)
    return fig, axes


def distributions(
    data: pd.DataFrame,
    value: str,
    by: str,
    *,
    xlabel: str,
    ylabel: str = "Share within each group (%)",
    bins=None,
    discrete: bool = False,
    ax=None,
):
    """One step histogram per group (seaborn), each normalised to 100 % of its own group, in the
    book's palette: groups of different sizes compare by shape, not by count."""
    import seaborn as sns

    if ax is None:
        fig, ax = plt.subplots()
    else:
        fig = ax.figure
    groups = sorted(data[by].unique())
    sns.histplot(
        data=data,
        x=value,
        hue=by,
        hue_order=groups,
        stat="percent",
        common_norm=False,
        element="step",
        fill=False,
        bins="auto" if bins is None else bins,
        discrete=discrete,
        palette=list(PALETTE[: len(groups)]),
        linewidth=1.5,
        ax=ax,
    )
    legend = ax.get_legend()
    if legend is not None:
        legend.set_frame_on(False)
        legend.set_title(None)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    fig.tight_layout()
    return fig, ax


def regression_band(x, y, *, ax, colour: str = PALETTE[0], level: int = 95, seed: int = 0):
    """A least-squares line with its bootstrap confidence band (seaborn's ``regplot``), drawn
    under points already on ``ax``; the band's resampling is seeded, so the figure is stable."""
    import seaborn as sns

    sns.regplot(
        x=np.asarray(x, dtype=float),
        y=np.asarray(y, dtype=float),
        ax=ax,
        scatter=False,
        ci=level,
        n_boot=1000,
        seed=seed,
        color=colour,
        line_kws={"linewidth": 1, "linestyle": "--"},
        truncate=True,
    )
    return ax

"""One figure style for the whole book."""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd

PALETTE = ("#1b6ca8", "#d1495b", "#edae49", "#66a182", "#8d6a9f", "#00798c")


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

        set_matplotlib_formats("svg")
    except ImportError:  # outside IPython
        pass


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
    """Log-2 x axis with plain tick labels (250, 1k, 16k …), labelled axes."""
    ax.set_xscale("log", base=2)
    ax.xaxis.set_major_formatter(mpl.ticker.FuncFormatter(lambda v, _: _human(v)))
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)


def _human(value: float) -> str:
    for size, suffix in ((1e6, "M"), (1e3, "k")):
        if value >= size:
            return f"{value / size:g}{suffix}"
    return f"{value:g}"


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

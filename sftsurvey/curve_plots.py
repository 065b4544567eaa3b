"""Quantity curves scaled to their own range of gain, one colour per ability."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from sftsurvey import plots


def ability_panel(curves: pd.DataFrame, ax=None):
    """Each curve of :func:`sftsurvey.findings.quantity.ability_curves` as a line, by ability."""
    if ax is None:
        fig, ax = plt.subplots(figsize=(8, 4.2))
    else:
        fig = ax.figure
    abilities = list(dict.fromkeys(curves.sort_values("ability")["ability"]))
    colours = {a: plots.PALETTE[i % len(plots.PALETTE)] for i, a in enumerate(abilities)}
    for _, line in curves.dropna(subset=["gain_share"]).groupby("curve", sort=False):
        line = line.sort_values("n")
        ax.plot(
            line["n"],
            line["gain_share"],
            marker="o",
            markersize=3,
            linewidth=1,
            alpha=0.8,
            color=colours[line["ability"].iloc[0]],
        )
    plots.scaling_axes(ax, ylabel="Share of the curve's own gain reached")
    ax.set_ylim(-0.05, 1.05)
    handles = [plt.Line2D([], [], color=c, marker="o", label=a) for a, c in colours.items()]
    ax.legend(handles=handles, frameon=False, fontsize=8, loc="lower right")
    fig.tight_layout()
    return fig, ax

"""Interactive versions of the book's figures (plotly), with the static figure as the fallback.

Each figure is shown through :func:`with_fallback`, one output holding both the interactive
figure (``text/html``) and the static matplotlib one (``image/svg+xml``): the HTML site shows the
interactive one, the PDF edition (``singlehtml``, see ``nb_mime_priority_overrides`` in
``_config.yml``) and any reader without JavaScript the static one. Hovering a point names its
paper, model or curve, data size, score and the results row it comes from; dragging zooms and a
double click resets. plotly's JavaScript is served by the site itself (:func:`copy_assets`).
"""

from __future__ import annotations

import hashlib
import io
import math
from pathlib import Path

import numpy as np
import pandas as pd

from sftsurvey import plots

ASSET = "plotly/plotly.min.js"
"""Where plotly's JavaScript lives in the site's ``_static`` folder."""

MARKER = "plotly-graph-div"
"""A class every plotly figure's HTML carries: pages with it load :data:`ASSET`."""

CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d"],
}

HOVER = (
    "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>"
    "data size: %{x:,.0f} examples<br>score: %{y}<br>source: %{customdata[2]}<extra></extra>"
)
"""Hover text: paper, model or curve, data size, score, source row."""


def _source(row) -> str:
    return f"{row['source']} ({row['source_version']}), {row['file']}:{int(row['line'])}"


def _layout(fig, *, ylabel: str, height: int = 420):
    fig.update_layout(
        template="simple_white",
        colorway=list(plots.PALETTE),
        height=height,
        margin={"l": 60, "r": 20, "t": 30, "b": 50},
        legend={"font": {"size": 11}},
        hoverlabel={"align": "left"},
        font={"size": 12},
    )
    fig.update_xaxes(type="log", showgrid=True, gridcolor="#eee")
    fig.update_yaxes(showgrid=True, gridcolor="#eee")
    fig.update_yaxes(title_text=ylabel, col=1)
    return fig


def scaling_figure(curves: pd.DataFrame, fits_by_group=None, *, ylabel: str, y: str = "accuracy"):
    """Points per model (``curves`` as :func:`sftsurvey.findings.quantity.yuan_sft_curves`)
    with each model's fitted curve dashed, in the colours of :func:`~sftsurvey.plots.curves_with_fits`."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    fig = make_subplots(rows=1, cols=1)
    for i, (model, group) in enumerate(curves.groupby("model")):
        colour = plots.PALETTE[i % len(plots.PALETTE)]
        group = group.sort_values("n")
        custom = np.column_stack(
            [group["paper"], [model] * len(group), [_source(r) for _, r in group.iterrows()]]
        )
        fig.add_trace(
            go.Scatter(
                x=group["n"],
                y=group[y],
                mode="markers",
                name=model,
                legendgroup=model,
                marker={"color": colour, "size": 8},
                customdata=custom,
                hovertemplate=HOVER,
            )
        )
        if fits_by_group and model in fits_by_group:
            grid = np.geomspace(group["n"].min(), group["n"].max(), 60)
            fig.add_trace(
                go.Scatter(
                    x=grid,
                    y=fits_by_group[model].predict(grid),
                    mode="lines",
                    name=f"{model} (fit)",
                    legendgroup=model,
                    showlegend=False,
                    line={"color": colour, "dash": "dash", "width": 1},
                    hovertemplate=f"{model}: log-linear fit<br>%{{x:,.0f}} examples → %{{y:.1f}}"
                    "<extra></extra>",
                )
            )
    fig.update_xaxes(title_text="Training examples (log scale)")
    return _layout(fig, ylabel=ylabel)


def _frontier_sources(points: pd.DataFrame, reported: pd.DataFrame | None) -> list[str]:
    """Each point's results rows (same paper, benchmark and value), as 'Table 2, file.csv:12'."""
    if reported is None or reported.empty:
        return [""] * len(points)
    rows = reported.assign(_value=reported["value"].astype(float).round(6))
    by_key = {
        key: [_source(r) for _, r in group.iterrows()]
        for key, group in rows.groupby(["paper", "benchmark", "_value"])
    }
    out = []
    for _, point in points.iterrows():
        found = by_key.get((point["paper"], point["benchmark"], round(float(point["score"]), 6)))
        if not found:
            out.append("")
        elif len(found) > 2:
            out.append("; ".join(found[:2]) + f"; and {len(found) - 2} more rows with this value")
        else:
            out.append("; ".join(found))
    return out


def frontier_figure(points: pd.DataFrame, reported: pd.DataFrame | None = None, *, cols: int = 3):
    """The frontier (``points`` as :func:`sftsurvey.frontier.frontier_points`) as linked panels,
    one per benchmark family, coloured by curation as :func:`~sftsurvey.plots.frontier_panels`; random-subset
    curves with three sizes or more get their dashed log-linear fit."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    from sftsurvey import fits

    families = sorted(points["family"].unique())
    rows = max(1, math.ceil(len(families) / cols))
    fig = make_subplots(
        rows=rows,
        cols=cols,
        subplot_titles=families,
        horizontal_spacing=0.07,
        vertical_spacing=0.16 if rows > 1 else 0.1,
    )
    points = points.assign(source=_frontier_sources(points, reported))
    shown: set[str] = set()
    for index, family in enumerate(families):
        row, col = index // cols + 1, index % cols + 1
        group = points[points["family"] == family]
        for curation, colour in plots.FRONTIER_COLOURS.items():
            part = group[group["curation"] == curation]
            if part.empty:
                continue
            custom = np.column_stack([part["paper"], part["curve"], part["source"]])
            fig.add_trace(
                go.Scatter(
                    x=part["n"],
                    y=part["score"],
                    mode="markers",
                    name=curation,
                    legendgroup=curation,
                    showlegend=curation not in shown,
                    marker={"color": colour, "size": 7, "opacity": 0.85},
                    customdata=custom,
                    hovertemplate=HOVER,
                ),
                row=row,
                col=col,
            )
            shown.add(curation)
        for curve, line in group.groupby("curve"):
            if line["curation"].iloc[0] != "random subsets of one set" or line["n"].nunique() < 3:
                continue
            fit = fits.fit("loglinear", line["n"], line["score"])
            grid = np.geomspace(line["n"].min(), line["n"].max(), 40)
            fig.add_trace(
                go.Scatter(
                    x=grid,
                    y=fit.predict(grid),
                    mode="lines",
                    showlegend=False,
                    line={
                        "color": plots.FRONTIER_COLOURS["random subsets of one set"],
                        "dash": "dash",
                        "width": 1,
                    },
                    hovertemplate=f"{curve}: log-linear fit<extra></extra>",
                ),
                row=row,
                col=col,
            )
    fig.update_layout(legend={"orientation": "h", "y": -0.08, "x": 0.5, "xanchor": "center"})
    fig.update_xaxes(title_text="Training examples", row=rows)
    return _layout(fig, ylabel="Score as reported", height=300 * rows + 80)


def figure_html(fig) -> str:
    """The figure's HTML without plotly's script (the page loads it from ``_static``), with an
    id derived from the figure itself so that two builds write the same bytes."""
    spec = fig.to_json()
    div_id = "plotly-" + hashlib.sha256(spec.encode()).hexdigest()[:12]
    return fig.to_html(
        full_html=False, include_plotlyjs=False, div_id=div_id, config=CONFIG, validate=False
    )


class WithFallback:
    """One notebook output: the interactive figure as HTML, the static figure as SVG."""

    def __init__(self, static_fig, interactive_fig):
        buffer = io.StringIO()
        static_fig.savefig(buffer, format="svg", metadata=plots.SVG_METADATA)
        self.svg = buffer.getvalue()
        self.html = f'<div class="interactive-figure">{figure_html(interactive_fig)}</div>'
        self.title = interactive_fig.layout.title.text or "figure"

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {
            "text/html": self.html,
            "image/svg+xml": self.svg,
            "text/plain": f"<interactive {self.title} with a static SVG fallback>",
        }


def with_fallback(static_fig, interactive_fig) -> WithFallback:
    """Show ``interactive_fig`` with ``static_fig`` (matplotlib) as its fallback; the static
    figure is closed so that it is not shown a second time."""
    import matplotlib.pyplot as plt

    shown = WithFallback(static_fig, interactive_fig)
    plt.close(static_fig)
    return shown


def copy_assets(static_dir: Path) -> None:
    """Write plotly's JavaScript (the pinned version's) into ``static_dir`` at :data:`ASSET`."""
    from plotly.offline import get_plotlyjs

    target = Path(static_dir) / ASSET
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(get_plotlyjs(), encoding="utf-8")

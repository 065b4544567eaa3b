"""The book's figure helpers: round log ticks and the frontier panels."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import pytest

from sftsurvey import plots


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (64, 65536, [100, 300, 1e3, 3e3, 1e4, 3e4]),
        (3000, 40000, [5e3, 1e4, 2e4]),
        (200, 2e6, [1e3, 1e4, 1e5, 1e6]),
        (7000, 9000, [7e3, 9e3]),
    ],
)
def test_round_log_ticks(low, high, expected):
    ticks = plots.round_log_ticks(low, high)
    assert ticks == pytest.approx(expected)
    assert all(low <= t <= high for t in ticks) and len(ticks) <= 6


def test_tick_labels_are_round():
    assert [plots._human(v) for v in (100, 1000, 20000, 1.5e6)] == ["100", "1k", "20k", "1.5M"]


def test_frontier_panels_one_panel_per_family_with_fit_and_legend():
    points = pd.DataFrame(
        {
            "family": ["math"] * 4 + ["chat"] * 2,
            "curve": ["a"] * 4 + ["b", "c"],
            "curation": ["random subsets of one set"] * 4 + ["random subset", "full set"],
            "n": [1000, 2000, 4000, 8000, 9000, 52000],
            "score": [10, 15, 20, 25, 5.0, 5.5],
        }
    )
    fig, axes = plots.frontier_panels(points, cols=2)
    titles = [ax.get_title() for ax in axes.flat]
    assert titles == ["chat", "math"]
    math_ax = axes.flat[1]
    assert any(line.get_linestyle() == "--" for line in math_ax.get_lines()), "no fitted line"
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert labels == list(plots.FRONTIER_COLOURS)
    ticks = [t for t in math_ax.get_xticks() if 1000 <= t <= 8000]
    assert ticks == pytest.approx([1000, 2000, 5000])


def test_inline_svg_figures_are_byte_identical_across_runs():
    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance()
    plots.apply_style()

    def render() -> str:
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots()
        ax.plot([1, 2, 3], [3, 1, 2], label="x")
        ax.legend()
        data, _ = shell.display_formatter.format(fig)
        plt.close(fig)
        return data["image/svg+xml"]

    first, second = render(), render()
    assert first == second
    assert "<dc:date>" not in first

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


def _rgb(colour: str) -> tuple[float, ...]:
    return tuple(int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))


def test_palette_colours_are_distinct_and_enough_for_the_largest_figure():
    import itertools
    import math

    from sftsurvey import results
    from sftsurvey.findings import quantity

    models = quantity.yuan_sft_curves(results.load_results())["model"].nunique()
    assert len(plots.PALETTE) >= models >= 7, "the scaling figure's models share colours"
    closest = min(math.dist(_rgb(a), _rgb(b)) for a, b in itertools.combinations(plots.PALETTE, 2))
    assert closest > 0.15, f"two palette colours are too close ({closest:.2f})"


def test_curves_with_fits_gives_each_group_its_own_colour():
    groups = {f"model {i}": ([100, 200, 400], [1.0 + i, 2.0 + i, 3.0 + i]) for i in range(7)}
    fig, ax = plots.curves_with_fits(groups, ylabel="score")
    colours = {line.get_color() for line in ax.get_lines()}
    assert len(colours) == 7

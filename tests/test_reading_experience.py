"""The reading experience (#14): evidence explorer, interactive figures, PDF edition helpers,
site settings (launch buttons, canonical URL) and the glue-only cell policy."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import pytest
import yaml

from sftsurvey import catalogue, explorer, interactive, pdf, plots, site
from sftsurvey import citation as survey_citation
from sftsurvey.paths import ROOT


def _rows(**extra) -> pd.DataFrame:
    row = {
        "paper": "yuan2023scaling",
        "experiment": "sft-data-scaling",
        "model": "LLaMA-7B",
        "condition": "epochs=3",
        "benchmark": "GSM8K",
        "metric": "maj1@1 accuracy",
        "n_examples": pd.NA,
        "fraction": 0.5,
        "base_size": 7473,
        "value": 35.9,
        "scale": "percent",
        "source": "Table 5",
        "source_version": "arXiv v2",
        "extraction": "table",
        "note": "column <7B> & row 'Data 1/2'",
        "file": "yuan2023scaling.csv",
        "line": 12,
    }
    row.update(extra)
    return pd.DataFrame([row])


def test_explorer_rows_link_their_paper_and_name_their_source():
    cat = catalogue.load()
    table = explorer.evidence_table(_rows(), cat, "../book/catalogue.html")
    row = table.iloc[0]
    assert 'href="../book/catalogue.html#paper-yuan2023scaling"' in row["Paper"]
    assert ">yuan2023scaling</a>" in row["Paper"], (
        "the pane lists papers by key: one name, one paper"
    )
    assert row["Source"] == "Table 5 (arXiv v2)"
    assert row["Row"] == "yuan2023scaling.csv:12"
    assert row["Data size"] == "0.5 × 7,473"
    assert "&lt;7B&gt; &amp;" in row["Note"], "cell text must be escaped (the table renders HTML)"
    assert set(explorer.FILTERED) <= set(table.columns)


def test_explorer_html_loads_datatables_from_the_site_only(tmp_path):
    table = explorer.evidence_table(_rows(), catalogue.load(), "../book/catalogue.html")
    markup = explorer.explorer_html(table, static_href="../_static")
    assert "../_static/itables/dt_bundle.js" in markup
    assert "unpkg" not in markup and "cdn" not in markup.lower()
    assert '"searchPanes"' in markup and '"columns": [0, 1, 5, 6, 11]' in markup
    explorer.copy_assets(tmp_path)
    assert {p.name for p in (tmp_path / "itables").iterdir()} == set(explorer.ASSETS)


def test_every_reported_row_is_in_the_explorer():
    from sftsurvey import results

    assert len(explorer.load_table()) == len(results.load_results())


def _curves() -> pd.DataFrame:
    frames = []
    for i, model in enumerate(["A", "B"]):
        frames.append(
            pd.DataFrame(
                {
                    "model": model,
                    "n": [100.0, 200.0, 400.0],
                    "accuracy": [10.0 + i, 14.0 + i, 18.0 + i],
                    "paper": "yuan2023scaling",
                    "source": "Table 5",
                    "source_version": "arXiv v2",
                    "file": "yuan2023scaling.csv",
                    "line": [10 + i, 20 + i, 30 + i],
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def test_scaling_figure_hover_names_paper_model_and_source_row():
    from sftsurvey import fits

    curves = _curves()
    fitted = {m: fits.fit("loglinear", g["n"], g["accuracy"]) for m, g in curves.groupby("model")}
    fig = interactive.scaling_figure(curves, fitted, ylabel="accuracy")
    points = [t for t in fig.data if t.mode == "markers"]
    assert [t.name for t in points] == ["A", "B"]
    assert list(points[0].customdata[0]) == [
        "yuan2023scaling",
        "A",
        "Table 5 (arXiv v2), yuan2023scaling.csv:10",
    ]
    assert fig.layout.xaxis.type == "log"
    assert len([t for t in fig.data if t.mode == "lines"]) == 2, "one fitted curve per model"
    assert points[0].marker.color != points[1].marker.color


def test_frontier_figure_finds_each_point_s_results_row():
    points = pd.DataFrame(
        {
            "curve": ["AlpaGasus · x", "AlpaGasus · x"],
            "paper": ["chen2023alpagasus"] * 2,
            "benchmark": ["MMLU"] * 2,
            "family": ["knowledge (MMLU)"] * 2,
            "curation": ["random subset", "full set"],
            "n": [9229.0, 52002.0],
            "score": [35.9, 40.0],
        }
    )
    reported = _rows(paper="chen2023alpagasus", benchmark="MMLU", value=35.9)
    fig = interactive.frontier_figure(points, reported)
    sources = [
        row[2] for trace in fig.data if trace.customdata is not None for row in trace.customdata
    ]
    assert sources == ["Table 5 (arXiv v2), yuan2023scaling.csv:12", ""]


def test_with_fallback_is_one_output_with_html_and_static_svg():
    import matplotlib.pyplot as plt

    fig, _ = plots.curves_with_fits({"A": ([100, 200, 400], [1.0, 2.0, 3.0])}, ylabel="y")
    shown = interactive.with_fallback(fig, interactive.scaling_figure(_curves(), ylabel="y"))
    bundle = shown._repr_mimebundle_()
    assert bundle["image/svg+xml"].lstrip().startswith("<?xml")
    assert "plotly-graph-div" in bundle["text/html"]
    assert "<script src" not in bundle["text/html"], "plotly.js comes from the site's _static"
    assert not plt.fignum_exists(fig.number), "the static figure would be shown twice"
    again = interactive.figure_html(interactive.scaling_figure(_curves(), ylabel="y"))
    assert interactive.figure_html(interactive.scaling_figure(_curves(), ylabel="y")) == again


def test_distributions_normalise_each_group_to_its_own_total():
    data = pd.DataFrame({"score": [1] * 10 + [2] * 30 + [1] * 5, "group": ["a"] * 40 + ["b"] * 5})
    fig, ax = plots.distributions(data, "score", "group", xlabel="score", discrete=True)
    peaks = sorted(round(max(line.get_ydata()), 6) for line in ax.get_lines())
    # a: 25 % and 75 %; b: 100 % (with one norm for both, b would peak at 11 %)
    assert peaks == [75.0, 100.0]
    assert ax.get_ylabel() == "Share within each group (%)"
    colours = [matplotlib.colors.to_hex(line.get_color()) for line in ax.get_lines()]
    assert set(colours) == set(plots.PALETTE[:2]), "the book's palette"


def test_title_page_has_version_and_date_and_no_placeholder_url():
    cite = survey_citation.load()
    page = pdf.title_page_html(cite)
    assert f"Version {cite.version}" in page and cite.date_released in page
    assert "example.org" not in page and "Online:" not in page
    assert "Online: https://x.org/s/" in pdf.title_page_html(
        survey_citation.load(url="https://x.org/s/")
    )
    assert pdf.site_path("1.2.3") == "pdf/instruction-tuning-data-survey-1.2.3.pdf"


def test_pdf_metadata_carries_the_version(tmp_path):
    from pypdf import PdfReader, PdfWriter

    path = tmp_path / "a.pdf"
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    with path.open("wb") as handle:
        writer.write(handle)
    cite = survey_citation.load()
    pdf.stamp_metadata(path, cite)
    meta = PdfReader(path).metadata
    assert meta.title == f"{cite.title} (version {cite.version})"
    assert cite.version in meta.subject


def test_site_settings_come_from_one_place(monkeypatch):
    monkeypatch.setenv("SURVEY_BASE_URL", "https://owner.github.io/survey")
    monkeypatch.setenv("SURVEY_REPOSITORY_URL", "https://github.com/owner/survey/")
    assert site.base_url() == "https://owner.github.io/survey/"
    assert site.repository_url() == "https://github.com/owner/survey"
    assert site.binder_url(site.repository_url(), "main", "notebooks/x.md") == (
        "https://mybinder.org/v2/gh/owner/survey/main?urlpath=lab%2Ftree%2Fnotebooks%2Fx.md"
    )
    assert site.colab_url(site.repository_url(), site.base_url(), "_notebooks/x.ipynb") == (
        "https://colab.research.google.com/github/owner/survey/blob/gh-pages/_notebooks/x.ipynb"
    )
    monkeypatch.setenv("SURVEY_BASE_URL", "https://example.com/survey/")
    assert site.colab_url(site.repository_url(), site.base_url(), "x.ipynb") == "", (
        "Colab opens notebooks from GitHub only: not for a site hosted elsewhere"
    )


@pytest.mark.parametrize("repository", ["", "https://gitlab.com/o/r"])
def test_no_button_without_a_github_repository(repository):
    from sftsurvey.sphinx_ext import launch_links_html, run_it_yourself_html

    binder = site.binder_url(repository, "main", "notebooks/x.md")
    colab = site.colab_url(repository, "https://o.github.io/r/", "x.ipynb")
    assert binder == colab == ""
    assert launch_links_html(binder, colab) == ""
    assert "launch-button" not in run_it_yourself_html("a.ipynb", "a.md", binder, colab)
    assert "Open in Binder" in run_it_yourself_html("a.ipynb", "a.md", "https://mybinder.org/x")


def test_citation_cff_repository_code_matches_the_setting():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    configured = ((config.get("repository") or {}).get("url") or "").rstrip("/")
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff.get("repository-code", "") == configured, (
        "CITATION.cff: repository-code must equal repository.url of _config.yml "
        f"({configured or 'unset: then leave repository-code out'})"
    )


@pytest.mark.parametrize(
    ("source", "has_output", "hidden"),
    [
        ('glue("n", 3, display=False)', False, True),
        ('x = 1\nglue("n", x, display=False)', False, True),
        ('glue("n", 3, display=False)\ntable', True, True),
        ('a = 1\nb = 2\nglue("n", a, display=False)\ntable', True, False),
        (
            'for k in "ab":\n    glue(k, 1, display=False)\nv = glue_finding("v", "id", r)',
            True,
            True,
        ),
        ("import numpy as np", False, False),
        ("%time x = 1", False, False),
    ],
)
def test_glue_only_cells_are_hidden(source, has_output, hidden):
    from sftsurvey.sphinx_ext import shows_nothing_new

    assert shows_nothing_new(source, has_output) is hidden

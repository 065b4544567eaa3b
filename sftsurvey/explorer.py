"""The evidence explorer: every reported-results row in one searchable, sortable, filterable table.

The table is rendered with itables (DataTables). Its JavaScript and CSS are served by the site
itself (:func:`copy_assets` puts itables' bundle into ``_static/itables/``, see
:mod:`sftsurvey.sphinx_ext`), never from a CDN, so the page works with no network.
"""

from __future__ import annotations

import html
import shutil
from pathlib import Path

import pandas as pd

from sftsurvey import catalogue, results
from sftsurvey.paths import BIB_FILE

ASSET_DIR = "itables"
"""Folder of ``_static`` that holds itables' DataTables bundle."""

ASSETS = ("dt_bundle.js", "dt_bundle.css")

FILTERED = ("Paper", "Topics", "Benchmark", "Metric", "Extraction")
"""The columns a reader filters by (one search pane each)."""

COLUMNS = (
    "Paper",
    "Topics",
    "Experiment",
    "Model",
    "Condition",
    "Benchmark",
    "Metric",
    "Data size",
    "Value",
    "Scale",
    "Source",
    "Extraction",
    "Row",
    "Note",
)


def catalogue_anchor(key: str) -> str:
    """The id of a paper's row in the catalogue table (``book/catalogue``)."""
    return f"paper-{key}"


def _data_size(row) -> str:
    if pd.notna(row["n_examples"]):
        return f"{int(row['n_examples']):,}"
    if pd.notna(row["fraction"]) and pd.notna(row["base_size"]):
        return f"{row['fraction']:g} × {int(row['base_size']):,}"
    return ""


def evidence_table(
    reported: pd.DataFrame, cat: catalogue.Catalogue, catalogue_href: str
) -> pd.DataFrame:
    """One row per reported number, with its paper linked to ``catalogue_href#paper-KEY``.

    ``Source`` names where the paper prints it (location and version); ``Row`` names the CSV
    file and line it was entered on. Cells are HTML-escaped, links are the only markup.
    """
    known = {paper.key: paper for paper in cat}
    rows = []
    for _, row in reported.iterrows():
        key = row["paper"]
        paper = known.get(key)
        # the key names one paper ("Chen 2023" would be two), as the catalogue and the CSVs do
        label = html.escape(key)
        title = html.escape(f"{paper.title} ({paper.year})" if paper else key, quote=True)
        link = f'<a href="{catalogue_href}#{catalogue_anchor(key)}" title="{title}">'
        rows.append(
            {
                "Paper": f"{link}{label}</a>",
                "Topics": ", ".join(paper.topics) if paper else "",
                "Experiment": row["experiment"],
                "Model": row["model"],
                "Condition": row["condition"] if pd.notna(row["condition"]) else "",
                "Benchmark": row["benchmark"],
                "Metric": row["metric"],
                "Data size": _data_size(row),
                "Value": float(row["value"]),
                "Scale": row["scale"],
                "Source": f"{row['source']} ({row['source_version']})",
                "Extraction": row["extraction"],
                "Row": f"{row['file']}:{int(row['line'])}",
                "Note": row["note"] if pd.notna(row["note"]) else "",
            }
        )
    table = pd.DataFrame(rows, columns=list(COLUMNS))
    for column in COLUMNS:
        if column not in ("Paper", "Value"):  # the value stays a number: it sorts as one
            table[column] = table[column].map(lambda v: html.escape(str(v)))
    return table


def load_table(catalogue_href: str = "../book/catalogue.html") -> pd.DataFrame:
    """The explorer's table from ``data/results`` and ``bib/papers.bib``."""
    return evidence_table(results.load_results(), catalogue.load(BIB_FILE), catalogue_href)


LOADING_FROM = "from the internet"
"""itables' loading message says where the script comes from; here it is the site itself."""


def explorer_html(table: pd.DataFrame, static_href: str = "../_static") -> str:
    """The interactive table as HTML: DataTables loaded from the site's own ``_static``.

    A search box over every column, sorting by any column, one search pane per column of
    :data:`FILTERED`, and every row (no downsampling, 25 rows per page).
    """
    from itables import to_html_datatable
    from itables.typing import JavascriptFunction

    panes = [table.columns.get_loc(c) for c in FILTERED]
    # the panes list papers by name (not their link) and each topic on its own
    by_name = JavascriptFunction(
        "function (data, type) { return type === 'sp' ? data.replace(/<[^>]*>/g, '') : data; }"
    )
    by_topic = JavascriptFunction(
        "function (data, type) { return type === 'sp' ? data.split(', ') : data; }"
    )
    markup = to_html_datatable(
        table,
        connected=True,
        dt_url=f"{static_href}/{ASSET_DIR}/dt_bundle.js",
        table_id="evidence-explorer",
        allow_html=True,
        maxBytes=0,
        showIndex=False,
        classes="display compact",
        style="width:100%",
        display_logo_when_loading=False,
        pageLength=25,
        lengthMenu=[10, 25, 100, 500],
        layout={"top1": "searchPanes", "topStart": "pageLength", "topEnd": "search"},
        searchPanes={
            "columns": panes,
            "cascadePanes": True,
            "initCollapsed": True,
            "layout": f"columns-{len(panes)}",
        },
        autoWidth=False,
        columnDefs=[
            {"targets": [0], "render": by_name, "searchPanes": {"orthogonal": "sp"}},
            {"targets": [1], "render": by_topic, "searchPanes": {"orthogonal": "sp"}},
        ],
    )
    markup = markup.replace(LOADING_FROM, "from this site")
    return f'<div class="evidence-explorer">{markup}</div>'


def copy_assets(static_dir: Path) -> None:
    """Copy itables' DataTables bundle into ``static_dir/itables`` (served by the site)."""
    from itables.utils import find_package_file

    target = Path(static_dir) / ASSET_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name in ASSETS:
        shutil.copyfile(find_package_file(f"html/{name}"), target / name)

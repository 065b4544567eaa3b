"""Views of the reported-results data for readers: its data dictionary and what each paper gave.

Both are generated from ``data/results/schema.yaml`` and the CSVs every time the book is built,
so they cannot go stale.
"""

from __future__ import annotations

import re

import pandas as pd

from sftsurvey import catalogue, results
from sftsurvey.paths import BIB_FILE

PAPER_SOURCE = re.compile(r"^(Table|Figure|Section|Appendix|Abstract|Text)\b")
"""Sources inside the paper itself; everything else (README) comes from the authors' repository."""


def data_dictionary(schema: dict | None = None) -> pd.DataFrame:
    """One row per results column: type, whether required, and its meaning with allowed values."""
    schema = schema or results.load_schema()
    rows = []
    for name, spec in schema["columns"].items():
        meaning = spec.get("description", "")
        if spec.get("enum"):
            meaning += " Allowed: " + ", ".join(map(str, spec["enum"])) + "."
        rows.append(
            {
                "column": name,
                "type": spec.get("type", ""),
                "required": "yes" if spec.get("required") else "no",
                "meaning": meaning,
            }
        )
    return pd.DataFrame(rows).set_index("column")


def _source_kind(source: str) -> str:
    return "paper" if PAPER_SOURCE.match(source) else "repository"


def _sources(values: pd.Series) -> str:
    """Distinct sources in natural order (Table 2 before Table 10)."""

    def key(text: str):
        return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]

    return ", ".join(sorted(values.unique(), key=key))


def paper_inventory(table: pd.DataFrame, bib=BIB_FILE) -> pd.DataFrame:
    """Per paper: how many numbers, from which places, read how, and in which versions.

    ``table`` is :func:`sftsurvey.results.load_results`. Papers of the catalogue with no row are
    listed too (with 0 rows), so a reader sees what could not be extracted.
    """
    papers, _ = catalogue.parse(bib)
    kinds = table.assign(kind=table["source"].map(_source_kind))
    rows = []
    for paper in sorted(papers, key=lambda p: (-len(results.select(kinds, paper=p.key)), p.key)):
        mine = results.select(kinds, paper=paper.key)
        extraction = mine["extraction"].value_counts()
        rows.append(
            {
                "paper": paper.key,
                "rows": len(mine),
                "from the paper": int((mine["kind"] == "paper").sum()),
                "from a repository or blog": int((mine["kind"] == "repository").sum()),
                "table / text / figure": "/".join(
                    str(int(extraction.get(k, 0))) for k in ("table", "text", "figure")
                ),
                "sources": _sources(mine["source"]) if len(mine) else "—",
                "versions": ", ".join(sorted(mine["source_version"].unique()))
                if len(mine)
                else "—",
            }
        )
    return pd.DataFrame(rows).set_index("paper")


def as_html(frame: pd.DataFrame) -> str:
    """A plain, wrapping HTML table (the index as its first column) in the book's style."""
    shown = frame.reset_index()
    return shown.to_html(index=False, escape=True, classes="inventory-table", border=0)

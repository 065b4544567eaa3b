"""The findings page as HTML: an overview, then one anchored card per finding with its evidence.

Each card's anchor is the finding's ID (``findings.html#quantity-loglinear-gsm8k``), so a citation
of a finding can link to it; the rows behind each verdict are listed (file and line of
``data/results/``), so a reader can follow the verdict back to the papers' tables.
"""

from __future__ import annotations

from html import escape

import pandas as pd

from sftsurvey.findings.core import EVIDENCE_COLUMNS, REGISTRY, Finding, Verdict

SHOWN_COLUMNS = tuple(c for c in EVIDENCE_COLUMNS if c not in ("paper", "experiment"))
"""The evidence columns a card shows (its papers are named above the table)."""
RESULTS_DIR = "data/results/"


def evaluate_each(results: pd.DataFrame) -> list[tuple[Finding, Verdict]]:
    """Every registered finding with its verdict, in registry order."""
    return [(item, item.evaluate(results)) for item in REGISTRY.values()]


def verdict_badge(verdict: str) -> str:
    css = "verdict-" + verdict.split(" ")[0] if verdict != "not supported" else "verdict-against"
    return f'<span class="verdict {css}">{escape(verdict)}</span>'


def _cell(value) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return escape(str(value))


def _located(column: str, value):
    """File names as repository paths, so a reader finds the row."""
    if column == "file" and isinstance(value, str) and "/" not in value:
        return RESULTS_DIR + value
    return value


def evidence_table(rows: pd.DataFrame) -> str:
    """The located rows behind a verdict as an HTML table (empty string when there are none)."""
    if rows.empty:
        return ""
    columns = [c for c in SHOWN_COLUMNS if c in rows]
    head = "".join(f"<th>{escape(c.replace('_', ' '))}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(_located(c, row[c]))}</td>" for c in columns) + "</tr>"
        for _, row in rows.iterrows()
    )
    return (
        f"<details><summary>The {len(rows)} reported number{'s' if len(rows) != 1 else ''} "
        f"behind this verdict</summary>"
        f'<div class="evidence-scroll"><table class="evidence-table"><thead><tr>{head}</tr>'
        f"</thead><tbody>{body}</tbody></table></div></details>"
    )


def card(item: Finding, verdict: Verdict, link_prefix: str = "../") -> str:
    """One finding: ID (its anchor), verdict, claim, papers, the numbers, the evidence."""
    notebook = (
        f'<a href="{link_prefix}{escape(item.notebook)}.html">the notebook with the figures →</a>'
        if item.notebook
        else ""
    )
    return (
        f'<section class="finding-card" id="{escape(item.id)}">'
        f'<p class="finding-head"><a class="finding-id" href="#{escape(item.id)}">'
        f"<code>{escape(item.id)}</code></a> {verdict_badge(verdict.verdict)}</p>"
        f'<p class="finding-claim">{escape(item.claim)}</p>'
        f'<p class="finding-verdict">{escape(verdict.summary)}</p>'
        f'<p class="finding-papers">Papers: {escape(", ".join(item.papers))}'
        f"{' · ' + notebook if notebook else ''}</p>"
        f"{evidence_table(verdict.evidence)}"
        "</section>"
    )


def overview(pairs: list[tuple[Finding, Verdict]]) -> str:
    """A compact table: each finding's ID (linked to its card), topic and verdict."""
    rows = "".join(
        f'<tr><td><a href="#{escape(item.id)}"><code>{escape(item.id)}</code></a></td>'
        f"<td>{escape(item.topic)}</td><td>{verdict_badge(verdict.verdict)}</td></tr>"
        for item, verdict in pairs
    )
    return (
        '<table class="findings-overview"><thead><tr><th>finding</th><th>topic</th>'
        f"<th>verdict</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def page_html(pairs: list[tuple[Finding, Verdict]], link_prefix: str = "../") -> str:
    return overview(pairs) + "".join(card(i, v, link_prefix) for i, v in pairs)

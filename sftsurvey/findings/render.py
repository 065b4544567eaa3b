"""The findings page as HTML: an overview, a robustness summary, then one anchored card per finding.

Each card's anchor is the finding's ID (``findings.html#quantity-loglinear-gsm8k``), so a citation
of a finding can link to it. A card shows the claim as its paper states it, the scope, the rule and
its thresholds, the tolerance, the verdict, its robustness under each alternative, and the rows
behind the verdict (file and line of ``data/results/``, with their metric and paper version).
"""

from __future__ import annotations

from html import escape

import pandas as pd

from sftsurvey.findings.core import (
    EVIDENCE_COLUMNS,
    NOT_TESTABLE,
    REGISTRY,
    Finding,
    Robustness,
    Verdict,
    robustness,
)

SHOWN_COLUMNS = tuple(c for c in EVIDENCE_COLUMNS if c not in ("paper", "experiment"))
"""The evidence columns a card shows (its papers are named above the table)."""
RESULTS_DIR = "data/results/"
TOPICS = ("quantity", "quality", "diversity", "complexity")
"""The chapters' order, which the page follows."""

Evaluated = tuple[Finding, Verdict, Robustness]


def evaluate_each(results: pd.DataFrame) -> list[Evaluated]:
    """Every registered finding with its verdict and robustness, in chapter order."""
    items = sorted(
        REGISTRY.values(),
        key=lambda f: TOPICS.index(f.topic) if f.topic in TOPICS else len(TOPICS),
    )
    return [(item, item.evaluate(results), robustness(item, results)) for item in items]


def verdict_badge(verdict: str, withdrawn: bool = False) -> str:
    if withdrawn:
        return '<span class="verdict verdict-withdrawn">withdrawn</span>'
    css = "verdict-" + verdict.split(" ")[0] if verdict != "not supported" else "verdict-against"
    return f'<span class="verdict {css}">{escape(verdict)}</span>'


def robustness_badge(robust: Robustness) -> str:
    return (
        f'<span class="robustness robustness-{robust.label.replace("/", "")}">{robust.label}</span>'
    )


def _cell(value) -> str:
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return escape(str(value))


def _located(column: str, value):
    """File names as repository paths, so a reader finds the row."""
    if column == "file" and isinstance(value, str) and "/" not in value:
        return RESULTS_DIR + value
    return value


def _table(rows: pd.DataFrame, columns: list[str], css: str) -> str:
    head = "".join(f"<th>{escape(c.replace('_', ' '))}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(_located(c, row[c]))}</td>" for c in columns) + "</tr>"
        for _, row in rows.iterrows()
    )
    return f'<table class="{css}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def evidence_table(rows: pd.DataFrame, context: bool = False) -> str:
    """The located rows behind a verdict as an HTML table (empty string when there are none).

    ``context`` labels rows shown beside a claim they cannot test (not evidence for a verdict).
    """
    if rows.empty:
        return ""
    columns = [c for c in SHOWN_COLUMNS if c in rows]
    plural = "s" if len(rows) != 1 else ""
    what = (
        "shown for context (the claim cannot be tested on them)"
        if context
        else "behind this verdict"
    )
    return (
        '<details class="evidence">'
        f"<summary>The {len(rows)} reported number{plural} {what}</summary>"
        f'<div class="evidence-scroll">{_table(rows, columns, "evidence-table")}</div></details>'
    )


def robustness_section(robust: Robustness) -> str:
    """The verdict under each alternative, and what flips it."""
    if robust.table.empty:
        return '<p class="finding-robustness">Robustness: n/a (no verdict to recompute).</p>'
    flips = robust.flips
    head = f"Robustness: {robustness_badge(robust)} — " + (
        f"the verdict changes under {len(flips)} of {len(robust.table)} alternatives: "
        + escape("; ".join(flips))
        + "."
        if flips
        else f"the same verdict under all {len(robust.table)} alternatives."
    )
    table = robust.table.assign(flips=robust.table["flips"].map({True: "yes", False: ""}))
    return (
        f'<p class="finding-robustness">{head}</p>'
        '<details class="robustness-details"><summary>The verdict under each alternative</summary>'
        f'<div class="evidence-scroll">'
        f"{_table(table, ['alternative', 'kind', 'verdict', 'flips'], 'robustness-table')}"
        "</div></details>"
    )


def _field(label: str, text: str, css: str = "finding-field") -> str:
    return f'<p class="{css}"><strong>{escape(label)}</strong> {text}</p>' if text else ""


def _links(ids: tuple[str, ...]) -> str:
    """Earlier findings as links to their cards on the same page."""
    return ", ".join(f'<a href="#{escape(i)}"><code>{escape(i)}</code></a>' for i in ids)


def card(item: Finding, verdict: Verdict, robust: Robustness, link_prefix: str = "../") -> str:
    """One finding: ID (its anchor), verdict, claim as stated, scope, rule, tolerance, robustness."""
    notebook = (
        f'<a href="{link_prefix}{escape(item.notebook)}.html">the notebook with the figures →</a>'
        if item.notebook
        else ""
    )
    scope = item.scope
    scope_html = ""
    if scope is not None:
        quote = f" <q>{escape(scope.quote)}</q> ({escape(scope.location)})" if scope.quote else ""
        scope_html = _field(
            "Scope as stated:",
            f"data: {escape(scope.data)}; models: {escape(scope.models)}; benchmarks: "
            f"{escape(scope.benchmarks)}; version: {escape(scope.version)}.{quote}",
        )
    stated = f"<q>{escape(item.stated)}</q> ({escape(item.location)})" if item.stated else ""
    rule = escape(item.rule.describe(item.params)) if item.rule else ""
    if not rule and verdict.verdict == NOT_TESTABLE:
        rule = "none: the reported numbers cannot test this claim."
    withdrawn = (
        _field("Withdrawn:", escape(item.withdrawn), "finding-withdrawn") if item.withdrawn else ""
    )
    return (
        f'<section class="finding-card" id="{escape(item.id)}">'
        f'<p class="finding-head"><a class="finding-id" href="#{escape(item.id)}">'
        f"<code>{escape(item.id)}</code></a> {verdict_badge(verdict.verdict, bool(item.withdrawn))}"
        f"{'' if item.withdrawn else ' ' + robustness_badge(robust)}</p>"
        f'<p class="finding-claim">{escape(item.claim)}</p>'
        f"{withdrawn}"
        f"{_field('Not stated by the paper:', escape(item.reading), 'finding-reading')}"
        f"{_field('As the paper states it:' if not item.reading else 'The paper’s nearest statement:', stated)}"
        f"{scope_html}"
        f"{_field('Rule:', rule)}"
        f"{_field('Tolerance:', escape(verdict.tolerance.rstrip('.') + '.' if verdict.tolerance else ''))}"
        f"{_field('Verdict:', escape(verdict.verdict) + '. ' + escape(verdict.summary), 'finding-verdict')}"
        f"{_field('Testable with:', escape(item.testable_with))}"
        f"{_field('Tests again:', _links(item.bears_on))}"
        f"{_field('Goes against, if it holds:', _links(item.challenges))}"
        f"{'' if item.withdrawn else robustness_section(robust)}"
        f'<p class="finding-papers">Papers: {escape(", ".join(item.papers))}'
        f"{' · ' + notebook if notebook else ''}</p>"
        f"{evidence_table(verdict.evidence, context=verdict.verdict == NOT_TESTABLE)}"
        "</section>"
    )


def overview(evaluated: list[Evaluated]) -> str:
    """A compact table: each finding's ID (linked to its card), topic, verdict and robustness."""
    rows = "".join(
        f'<tr><td><a href="#{escape(item.id)}"><code>{escape(item.id)}</code></a></td>'
        f"<td>{escape(item.topic)}</td><td>{verdict_badge(verdict.verdict, bool(item.withdrawn))}</td>"
        f"<td>{'' if item.withdrawn else robustness_badge(robust)}</td></tr>"
        for item, verdict, robust in evaluated
    )
    return (
        '<table class="findings-overview"><thead><tr><th>finding</th><th>topic</th>'
        f"<th>verdict</th><th>robustness</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def robustness_summary(evaluated: list[Evaluated]) -> pd.DataFrame:
    """Per current finding: verdict, robustness, alternatives tried, and those that flip it."""
    return pd.DataFrame(
        [
            {
                "finding": item.id,
                "verdict": verdict.verdict,
                "robustness": robust.label,
                "alternatives": len(robust.table),
                "flipped by": "; ".join(robust.flips),
            }
            for item, verdict, robust in evaluated
            if not item.withdrawn
        ]
    )


def robustness_summary_html(evaluated: list[Evaluated]) -> str:
    table = robustness_summary(evaluated)
    if table.empty:
        return ""
    return _table(table, list(table.columns), "robustness-summary")


def page_html(evaluated: list[Evaluated], link_prefix: str = "../") -> str:
    return overview(evaluated) + "".join(card(i, v, r, link_prefix) for i, v, r in evaluated)

"""The findings page's HTML: anchored cards with verdict badges and their located evidence."""

from __future__ import annotations

from html.parser import HTMLParser

import pandas as pd

from sftsurvey.findings import render
from sftsurvey.findings.core import Finding, Verdict


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.links: list[str] = []
        self.cells: list[str] = []
        self._in_td = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a":
            self.links.append(attrs.get("href", ""))
        self._in_td = tag == "td"

    def handle_data(self, data):
        if self._in_td:
            self.cells.append(data)
            self._in_td = False


def _finding(notebook="notebooks/x"):
    return Finding(
        "quality-demo-claim",
        "A <small> set wins.",
        ("a2023b", "c2024d"),
        "quality",
        lambda results: None,
        notebook,
    )


def _verdict():
    rows = pd.DataFrame(
        {
            "file": ["data/results/a2023b.csv"],
            "line": [7],
            "model": ["LLaMA-7B"],
            "benchmark": ["MMLU"],
            "n_examples": [9229.0],
            "value": [38.78],
            "source": ["Table 2"],
        }
    )
    return Verdict("partly supported", "Holds in 3 of 4 cases.", evidence=rows)


def test_card_is_anchored_at_the_id_and_escapes_text():
    html = render.card(_finding(), _verdict())
    parsed = _Collect()
    parsed.feed(html)
    assert parsed.ids == ["quality-demo-claim"]
    assert "#quality-demo-claim" in parsed.links and "../notebooks/x.html" in parsed.links
    assert "A &lt;small&gt; set wins." in html and "<small>" not in html
    assert 'class="verdict verdict-partly"' in html
    assert "The 1 reported number behind this verdict" in html
    assert parsed.cells[:4] == ["data/results/a2023b.csv", "7", "LLaMA-7B", "MMLU"]
    assert "9229" in parsed.cells and "38.78" in parsed.cells and "Table 2" in parsed.cells


def test_card_without_evidence_or_notebook():
    verdict = Verdict("not testable from reported numbers", "No table.")
    html = render.card(_finding(notebook=""), verdict)
    assert "<details>" not in html and "notebook" not in html
    assert 'class="verdict verdict-not"' in html


def test_badges_distinguish_every_verdict():
    classes = {
        v: render.verdict_badge(v)
        for v in (
            "supported",
            "partly supported",
            "not supported",
            "not testable from reported numbers",
        )
    }
    assert len(set(classes.values())) == 4
    assert "verdict-against" in classes["not supported"]


def test_page_lists_every_registered_finding_once_on_the_real_results():
    from sftsurvey import findings, results

    pairs = render.evaluate_each(results.load_results())
    html = render.page_html(pairs)
    parsed = _Collect()
    parsed.feed(html)
    assert sorted(parsed.ids) == sorted(findings.REGISTRY)
    for key in findings.REGISTRY:
        assert parsed.links.count(f"#{key}") == 2  # overview link and the card's own link

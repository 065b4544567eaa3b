"""The findings page's HTML: anchored cards with verdict badges and their located evidence."""

from __future__ import annotations

from html.parser import HTMLParser

import pandas as pd

from sftsurvey.findings import render
from sftsurvey.findings.core import Finding, Robustness, Rule, Scope, Verdict


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


def _finding(notebook="notebooks/x", **fields):
    return Finding(
        "quality-demo-claim",
        "A <small> set wins.",
        ("a2023b", "c2024d"),
        "quality",
        lambda results, settings: None,
        notebook,
        **fields,
    )


def _robust(flips=()):
    rows = [
        {
            "alternative": "wider range",
            "kind": "scope",
            "verdict": "supported",
            "flips": bool(flips),
        },
        {
            "alternative": "tolerance × 2",
            "kind": "tolerance",
            "verdict": "partly supported",
            "flips": False,
        },
    ]
    return Robustness("partly supported", pd.DataFrame(rows))


def _verdict():
    rows = pd.DataFrame(
        {
            "file": ["data/results/a2023b.csv"],
            "line": [7],
            "model": ["LLaMA-7B"],
            "benchmark": ["MMLU"],
            "n_examples": [9229.0],
            "metric": ["accuracy"],
            "value": [38.78],
            "source": ["Table 2"],
            "source_version": ["arXiv v5"],
        }
    )
    return Verdict("partly supported", "Holds in 3 of 4 cases.", evidence=rows)


def test_card_is_anchored_at_the_id_and_escapes_text():
    html = render.card(_finding(), _verdict(), _robust())
    parsed = _Collect()
    parsed.feed(html)
    assert parsed.ids == ["quality-demo-claim"]
    assert "#quality-demo-claim" in parsed.links and "../notebooks/x.html" in parsed.links
    assert "A &lt;small&gt; set wins." in html and "<small>" not in html
    assert 'class="verdict verdict-partly"' in html
    assert "The 1 reported number behind this verdict" in html
    assert [
        c
        for c in parsed.cells
        if c in ("data/results/a2023b.csv", "7", "LLaMA-7B", "MMLU", "accuracy")
    ] == ["data/results/a2023b.csv", "7", "LLaMA-7B", "MMLU", "accuracy"]
    assert "9229" in parsed.cells and "38.78" in parsed.cells and "arXiv v5" in parsed.cells


def test_card_shows_stated_claim_scope_rule_tolerance_and_robustness():
    item = _finding(
        stated="We find X.",
        location="Section 3.2, arXiv v2",
        scope=Scope("1/8 to all", "LLaMA", "GSM8K", "arXiv v2", "stable for 1/8 to 1", "Sec. 3.2"),
        rule=Rule("Count models.", supported_at=0.75, thresholds={"R²_min": "r2"}),
        params={"r2": 0.9},
    )
    verdict = Verdict("partly supported", "3 of 4.", tolerance="one problem of HumanEval's 164")
    html = render.card(item, verdict, _robust(flips=("wider range",)))
    for text in (
        "We find X.",
        "Section 3.2, arXiv v2",
        "1/8 to all",
        "R²_min = 0.9",
        "75%",
        "one problem of HumanEval",
        "robustness-fragile",
        "wider range",
        "tolerance × 2",
    ):
        assert text in html, text
    robust = render.card(item, verdict, _robust())
    assert "robustness-robust" in robust and "the same verdict under all 2 alternatives" in robust


def test_withdrawn_card_is_marked_and_says_why():
    item = _finding(withdrawn="No direction; replaced by quality-new-claim.")
    html = render.card(item, Verdict("not testable from reported numbers", "x"), _robust())
    assert "verdict-withdrawn" in html and "replaced by quality-new-claim" in html


def test_card_without_evidence_or_notebook():
    verdict = Verdict("not testable from reported numbers", "No table.")
    html = render.card(_finding(notebook=""), verdict, Robustness(verdict.verdict, pd.DataFrame()))
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

    evaluated = render.evaluate_each(results.load_results())
    html = render.page_html(evaluated)
    parsed = _Collect()
    parsed.feed(html)
    assert sorted(parsed.ids) == sorted(findings.REGISTRY)
    for key in findings.REGISTRY:
        cited = sum(key in (*i.bears_on, *i.challenges) for i in findings.REGISTRY.values())
        # the overview's link, the card's own link, and one per later card that links to it
        assert parsed.links.count(f"#{key}") == 2 + cited
    topics = [item.topic for item, _, _ in evaluated]
    assert topics == sorted(topics, key=render.TOPICS.index)
    summary = render.robustness_summary(evaluated)
    assert set(summary["robustness"]) <= {"robust", "fragile", "n/a"}
    assert len(summary) == sum(not item.withdrawn for item, _, _ in evaluated)


def test_take_homes_follow_their_verdicts():
    from sftsurvey.findings import REGISTRY, takeaways

    verdicts = {key: "supported" for key in REGISTRY}
    robust = dict.fromkeys(REGISTRY, "robust")
    text = takeaways.quantity(verdicts, robust)
    assert "stronger base models gain less per doubling;" in text and "fragile" not in text
    verdicts["quantity-better-base-gains-less"] = "not supported"
    robust["quantity-better-base-gains-less"] = "fragile"
    text = takeaways.quantity(verdicts, robust)
    assert (
        "stronger base models are not shown to gain less per doubling (a fragile verdict)" in text
    )
    verdicts["complexity-helps-hard-prompts"] = "not testable from reported numbers"
    assert "cannot be tested" in takeaways.complexity(verdicts, robust)
    for chapter in takeaways.CHAPTERS.values():
        assert chapter(verdicts, robust).endswith(".")


def test_missing_cells_are_blank_not_na():
    rows = pd.DataFrame({"file": ["a.csv"], "line": [2], "n_examples": [pd.NA], "value": [1.5]})
    html = render.evidence_table(rows)
    assert "&lt;NA&gt;" not in html and "<td></td>" in html

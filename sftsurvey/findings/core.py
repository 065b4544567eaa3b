"""The registry of key findings (core): claim, paper, check, verdict.

A finding has a stable ID (``quantity-loglinear-gsm8k``) that never changes meaning once
released, so that a reader can cite "finding X in version Y". Its check runs on the
reported-results table and returns a :class:`Verdict` — one of :data:`VERDICTS`, a sentence
with the numbers behind it, and the rows it used (file and line), so a reader can follow the
verdict back to the paper.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

VERDICTS = ("supported", "partly supported", "not supported", "not testable from reported numbers")
_ID = re.compile(r"^[a-z]+(-[a-z0-9]+)+$")


@dataclass(frozen=True)
class Verdict:
    """The outcome of a finding's check."""

    verdict: str
    summary: str
    numbers: dict[str, float] = field(default_factory=dict)
    evidence: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ValueError(f"verdict {self.verdict!r} is not one of {VERDICTS}")


@dataclass(frozen=True)
class Finding:
    """A claim from the literature, in our words, with the check that tests it."""

    id: str
    claim: str
    papers: tuple[str, ...]
    topic: str
    check: Callable[[pd.DataFrame], Verdict] = field(repr=False)
    notebook: str = ""

    def evaluate(self, results: pd.DataFrame) -> Verdict:
        return self.check(results)


REGISTRY: dict[str, Finding] = {}


def finding(id: str, *, claim: str, papers: tuple[str, ...], topic: str, notebook: str = ""):
    """Decorator registering a check function as the finding ``id``."""
    if not _ID.match(id):
        raise ValueError(f"finding id {id!r} must be lower-case words joined by '-'")

    def register(check: Callable[[pd.DataFrame], Verdict]) -> Callable[[pd.DataFrame], Verdict]:
        if id in REGISTRY:
            raise ValueError(f"finding id {id!r} is registered twice")
        REGISTRY[id] = Finding(id, claim, papers, topic, check, notebook)
        return check

    return register


EVIDENCE_COLUMNS = (
    "file",
    "line",
    "paper",
    "experiment",
    "model",
    "condition",
    "benchmark",
    "n_examples",
    "fraction",
    "value",
    "source",
)
"""The columns that locate an evidence row: file, line, and what it measured."""


def evidence(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows behind a verdict, in :data:`EVIDENCE_COLUMNS`."""
    return rows[[c for c in EVIDENCE_COLUMNS if c in rows]].reset_index(drop=True)


def grade(share: float, supported_at: float, partly_at: float = 0.5) -> str:
    """The verdict for the share of cases in which a claim holds."""
    if share >= supported_at:
        return "supported"
    return "partly supported" if share >= partly_at else "not supported"


def not_testable(reason: str) -> Verdict:
    return Verdict("not testable from reported numbers", reason)


def evaluate_all(results: pd.DataFrame) -> pd.DataFrame:
    """Every registered finding with its verdict, as a table."""
    rows = []
    for item in REGISTRY.values():
        verdict = item.evaluate(results)
        rows.append(
            {
                "id": item.id,
                "topic": item.topic,
                "claim": item.claim,
                "papers": ", ".join(item.papers),
                "verdict": verdict.verdict,
                "summary": verdict.summary,
                "evidence_rows": len(verdict.evidence),
                "notebook": item.notebook,
            }
        )
    return pd.DataFrame(rows)

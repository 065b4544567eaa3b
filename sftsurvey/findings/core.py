"""The registry of key findings (core): claim, scope, rule, tolerance, verdict, robustness.

A finding has a stable ID (``quantity-loglinear-gsm8k``) that never changes meaning once
released, so that a reader can cite "finding X in version Y". It records the claim as its paper
states it (quoted, with the location), the scope the paper states for it, and a :class:`Rule`
whose thresholds are shown to the reader. Its check runs on the reported-results table under
:class:`Settings` (the stated scope by default) and returns a :class:`Verdict`: one of
:data:`VERDICTS` decided by :func:`grade`, a sentence with the numbers behind it, the tolerance
used, and the rows used (file and line), so a reader can follow the verdict back to the paper.

:func:`robustness` recomputes a verdict under the reasonable alternatives (the finding's named
scope variants, the tolerance halved and doubled, each paper or model left out in turn).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any

import pandas as pd

VERDICTS = ("supported", "partly supported", "not supported", "not testable from reported numbers")
"""The four verdicts a finding can reach."""
NOT_TESTABLE = VERDICTS[3]
OUT_OF_SCOPE = "out_of_scope"
"""Key of a variant that reads the claim beyond the scope its paper states: shown, never a flip."""
KIND = "kind"
"""Key of a variant naming what it varies (scope, threshold, tolerance); scope by default."""
GRADING_ALTERNATIVES = (0.75, 1.0)
"""The supported thresholds every graded verdict is also recomputed under (robustness)."""
_ID = re.compile(r"^[a-z]+(-[a-z0-9]+)+$")


@dataclass(frozen=True)
class Scope:
    """The scope a paper states for its claim, with the quoted sentence and its location."""

    data: str
    models: str
    benchmarks: str
    version: str
    quote: str = ""
    location: str = ""


@dataclass(frozen=True)
class Rule:
    """How the verdict is decided: a sentence and its named thresholds.

    A check computes the share of its cases (models, pairs, conditions) in which the claim holds;
    :func:`grade` maps it to a verdict: *supported* at ``supported_at`` or above, *partly
    supported* at ``partly_at`` or above, else *not supported*.
    """

    text: str
    supported_at: float = 1.0
    partly_at: float = 0.5
    thresholds: Mapping[str, str] = field(default_factory=dict)
    """Threshold names as shown → the check parameter holding each value."""
    why: str = ""
    """Why the grading thresholds are what they are (the paper's own words, where it has any)."""

    def describe(self, params: Mapping[str, Any]) -> str:
        extra = "; ".join(f"{k} = {_number(params[v])}" for k, v in self.thresholds.items())
        grading = (
            f"supported when the share of cases that hold is at least {self.supported_at:.0%}, "
            f"partly supported from {self.partly_at:.0%}, else not supported"
        )
        why = f" ({self.why})" if self.why else ""
        return f"{self.text} Thresholds: {extra + '; ' if extra else ''}{grading}{why}."


def _number(value: float) -> str:
    """A threshold as a reader would write it: 1/64 for 0.015625, else the shortest decimal."""
    if 0 < value < 1 and abs(1 / value - round(1 / value)) < 1e-9:
        return f"1/{round(1 / value)}"
    return f"{value:g}"


@dataclass(frozen=True)
class Settings:
    """What a check runs under: its scope parameters, a tolerance factor, rows left out."""

    params: Mapping[str, Any] = field(default_factory=dict)
    tolerance_factor: float = 1.0
    label: str = "as stated"
    rule: Rule | None = None

    def __getitem__(self, key: str) -> Any:
        return self.params[key]


@dataclass(frozen=True)
class Verdict:
    """The outcome of a finding's check."""

    verdict: str
    summary: str
    numbers: dict[str, float] = field(default_factory=dict)
    evidence: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    tolerance: str = ""
    share: float | None = None

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ValueError(f"verdict {self.verdict!r} is not one of {VERDICTS}")


Check = Callable[[pd.DataFrame, Settings], Verdict]


@dataclass(frozen=True)
class Finding:
    """A claim from the literature: as stated, in our words, its scope, rule and check."""

    id: str
    claim: str
    papers: tuple[str, ...]
    topic: str
    check: Check = field(repr=False)
    notebook: str = ""
    stated: str = ""
    """The claim in the paper's own words (a short quotation)."""
    location: str = ""
    """Where the quotation stands (section, paper version)."""
    scope: Scope | None = None
    rule: Rule | None = None
    params: Mapping[str, Any] = field(default_factory=dict)
    """The stated scope as check parameters (the verdict's settings)."""
    variants: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Named alternatives to ``params`` (narrower, wider range …): sensitivity results only."""
    leave_out: tuple[str, ...] = ()
    """Evidence columns whose values are left out one at a time (``model``, ``paper``)."""
    testable_with: str = ""
    """Which data would make the claim testable, where the reported numbers cannot."""
    withdrawn: str = ""
    """Why the finding was withdrawn (and by which ID it was replaced); empty while current."""
    reading: str = ""
    """Set when the paper does not state the claim itself: why the survey tests it (its reading)."""
    bears_on: tuple[str, ...] = ()
    """Earlier findings whose claim this later evidence tests again, in the same direction."""
    challenges: tuple[str, ...] = ()
    """Earlier findings whose claim this later evidence, if it holds, goes against."""
    link_note: str = ""
    """What the later and the earlier claims share (and how they differ: domain, measure)."""

    def settings(self, **overrides: Any) -> Settings:
        return Settings(MappingProxyType({**self.params, **overrides}), rule=self.rule)

    def evaluate(self, results: pd.DataFrame, settings: Settings | None = None) -> Verdict:
        return self.check(results, settings or self.settings())


REGISTRY: dict[str, Finding] = {}


def finding(
    id: str,
    *,
    claim: str,
    papers: tuple[str, ...],
    topic: str,
    notebook: str = "",
    stated: str = "",
    location: str = "",
    scope: Scope | None = None,
    rule: Rule | None = None,
    params: Mapping[str, Any] | None = None,
    variants: Mapping[str, Mapping[str, Any]] | None = None,
    leave_out: tuple[str, ...] = (),
    testable_with: str = "",
    withdrawn: str = "",
    reading: str = "",
    bears_on: tuple[str, ...] = (),
    challenges: tuple[str, ...] = (),
    link_note: str = "",
):
    """Decorator registering a check function as the finding ``id``."""
    if not _ID.match(id):
        raise ValueError(f"finding id {id!r} must be lower-case words joined by '-'")

    def register(check: Check) -> Check:
        if id in REGISTRY:
            raise ValueError(f"finding id {id!r} is registered twice")
        REGISTRY[id] = Finding(
            id,
            claim,
            papers,
            topic,
            check,
            notebook,
            stated,
            location,
            scope,
            rule,
            MappingProxyType(dict(params or {})),
            MappingProxyType({k: MappingProxyType(dict(v)) for k, v in (variants or {}).items()}),
            leave_out,
            testable_with,
            withdrawn,
            reading,
            bears_on,
            challenges,
            link_note,
        )
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
    "metric",
    "n_examples",
    "fraction",
    "value",
    "source",
    "source_version",
)
"""The columns that locate an evidence row: file, line, what it measured, metric and version."""


def evidence(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows behind a verdict, in :data:`EVIDENCE_COLUMNS`."""
    return rows[[c for c in EVIDENCE_COLUMNS if c in rows]].reset_index(drop=True)


def grade(share: float, rule: Rule) -> str:
    """The verdict for the share of cases in which a claim holds, under ``rule``'s thresholds."""
    if share >= rule.supported_at:
        return "supported"
    return "partly supported" if share >= rule.partly_at else "not supported"


def graded(
    settings: Settings,
    share: float,
    summary: str,
    numbers: dict[str, float] | None = None,
    rows: pd.DataFrame | None = None,
    tolerance: str = "",
) -> Verdict:
    """A verdict decided by :func:`grade` — the one way a check turns a share into a verdict."""
    if settings.rule is None:
        raise ValueError("a graded verdict needs the finding's rule")
    return Verdict(
        grade(share, settings.rule),
        summary,
        numbers or {},
        evidence(rows) if rows is not None else pd.DataFrame(),
        tolerance,
        share,
    )


def not_testable(reason: str, rows: pd.DataFrame | None = None) -> Verdict:
    return Verdict(
        NOT_TESTABLE, reason, evidence=evidence(rows) if rows is not None else pd.DataFrame()
    )


@dataclass(frozen=True)
class Robustness:
    """A verdict recomputed under alternatives: one row per alternative, and what flips it."""

    verdict: str
    table: pd.DataFrame
    """Columns: alternative, kind (scope, tolerance, leave-out), verdict, flips.

    An alternative under which the claim becomes untestable (its rows left out) is shown but
    does not count as a flip: it neither supports nor refutes the claim."""

    @property
    def flips(self) -> list[str]:
        return list(self.table.loc[self.table["flips"], "alternative"])

    @property
    def label(self) -> str:
        if self.verdict == NOT_TESTABLE:
            return "n/a"
        return "fragile" if self.flips else "robust"


def robustness(item: Finding, results: pd.DataFrame) -> Robustness:
    """Recompute ``item``'s verdict under each reasonable alternative.

    The alternatives are the finding's named scope variants (sensitivity results, never the
    verdict; those beyond the stated scope are shown but do not count as flips), the other
    supported thresholds of :data:`GRADING_ALTERNATIVES`, the tolerance halved and doubled, and each
    value of the ``leave_out`` columns among the verdict's evidence rows left out in turn.
    """
    base = item.evaluate(results)
    rows: list[dict[str, Any]] = []

    def add(label: str, kind: str, verdict: Verdict | str, counts: bool = True) -> None:
        name = verdict if isinstance(verdict, str) else verdict.verdict
        rows.append(
            {
                "alternative": label,
                "kind": kind,
                "verdict": name,
                "flips": counts and name not in (base.verdict, NOT_TESTABLE),
            }
        )

    if base.verdict == NOT_TESTABLE:
        return Robustness(
            base.verdict, pd.DataFrame(columns=["alternative", "kind", "verdict", "flips"])
        )
    for name, overrides in item.variants.items():
        overrides = dict(overrides)
        in_scope = not overrides.pop(OUT_OF_SCOPE, False)
        kind = overrides.pop(KIND, "scope")
        settings = replace(item.settings(**overrides), label=name)
        kind = kind if in_scope else "beyond the stated scope"
        add(name, kind, item.evaluate(results, settings), counts=in_scope)
    if item.rule is not None and base.share is not None:
        for supported_at in GRADING_ALTERNATIVES:
            if supported_at != item.rule.supported_at:
                rule = replace(item.rule, supported_at=supported_at)
                add(f"supported at {supported_at:.0%} of cases", "grading", grade(base.share, rule))
    for factor in (0.5, 2.0):
        settings = replace(
            item.settings(), tolerance_factor=factor, label=f"tolerance × {factor:g}"
        )
        add(settings.label, "tolerance", item.evaluate(results, settings))
    papers = results["paper"].isin(item.papers) if "paper" in results else True
    for column in item.leave_out:
        if column not in base.evidence:
            continue
        for value in sorted(base.evidence[column].dropna().unique(), key=str):
            kept = results[~(papers & (results[column] == value))]
            add(f"without {column} {value}", "leave-out", item.evaluate(kept))
    return Robustness(base.verdict, pd.DataFrame(rows))


def evaluate_all(results: pd.DataFrame) -> pd.DataFrame:
    """Every registered finding with its verdict and robustness, as a table."""
    rows = []
    for item in REGISTRY.values():
        verdict = item.evaluate(results)
        robust = robustness(item, results)
        rows.append(
            {
                "id": item.id,
                "topic": item.topic,
                "claim": item.claim,
                "papers": ", ".join(item.papers),
                "verdict": verdict.verdict,
                "robustness": robust.label,
                "flipped_by": "; ".join(robust.flips),
                "summary": verdict.summary,
                "evidence_rows": len(verdict.evidence),
                "notebook": item.notebook,
                "withdrawn": bool(item.withdrawn),
            }
        )
    return pd.DataFrame(rows)

"""Key findings: each a claim as its paper states it, its scope, a rule, a verdict, its robustness.

Importing this package registers every finding family: one module per chapter
(:mod:`~sftsurvey.findings.quantity`, ``quality``, ``diversity``, ``complexity``) or family of papers
(``selection``, ``mixtures``). The machinery: :mod:`~sftsurvey.findings.core` (the registry, rules
and verdicts), ``noise`` (tolerances), ``present`` (what pages glue), ``render`` (the findings
page) and ``takeaways`` (each chapter's take-home).
"""

from sftsurvey.findings import (  # noqa: F401  (register)
    complexity,
    diversity,
    mixtures,
    quality,
    quantity,
    selection,
)
from sftsurvey.findings.core import (
    REGISTRY,
    VERDICTS,
    Finding,
    Robustness,
    Rule,
    Scope,
    Settings,
    Verdict,
    evaluate_all,
    evidence,
    finding,
    not_testable,
    robustness,
)

__all__ = [
    "REGISTRY",
    "VERDICTS",
    "Finding",
    "Robustness",
    "Rule",
    "Scope",
    "Settings",
    "Verdict",
    "evaluate_all",
    "evidence",
    "finding",
    "not_testable",
    "robustness",
]

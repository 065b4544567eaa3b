"""Key findings: each a claim as its paper states it, its scope, a rule, a verdict, its robustness.

Importing this package registers every finding family (one module per chapter).
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

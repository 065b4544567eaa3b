"""Key findings: each a claim in our words, its paper, a check on the reported results, a verdict.

Importing this package registers every finding family (one module per chapter).
"""

from sftsurvey.findings import quality, quantity  # noqa: F401  (register the findings)
from sftsurvey.findings.core import (
    REGISTRY,
    VERDICTS,
    Finding,
    Verdict,
    evaluate_all,
    evidence,
    finding,
    not_testable,
)

__all__ = [
    "REGISTRY",
    "VERDICTS",
    "Finding",
    "Verdict",
    "evaluate_all",
    "evidence",
    "finding",
    "not_testable",
]

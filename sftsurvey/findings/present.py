"""What a notebook or chapter glues about a finding: verdict, summary, robustness, what flips it."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from sftsurvey.findings.core import REGISTRY, Robustness, Verdict, robustness


@dataclass(frozen=True)
class Presented:
    """A finding's verdict and robustness, and the phrases that state them."""

    verdict: Verdict
    robustness: Robustness

    @property
    def robust_phrase(self) -> str:
        """'robust', 'fragile: flips under …', or 'n/a' — computed, never typed beside a verdict."""
        if self.robustness.label != "fragile":
            return self.robustness.label
        return "fragile: it changes under " + "; ".join(self.robustness.flips)


def present(finding_id: str, results: pd.DataFrame) -> Presented:
    """The finding ``finding_id``'s verdict and robustness on ``results``."""
    item = REGISTRY[finding_id]
    return Presented(item.evaluate(results), robustness(item, results))


def glue_finding(key: str, finding_id: str, results: pd.DataFrame) -> Presented:
    """Glue ``key`` (verdict), ``key_summary``, ``key_robust`` (label) and ``key_robust_phrase``."""
    from myst_nb import glue

    shown = present(finding_id, results)
    glue(key, shown.verdict.verdict, display=False)
    glue(f"{key}_summary", shown.verdict.summary, display=False)
    glue(f"{key}_robust", shown.robustness.label, display=False)
    glue(f"{key}_robust_phrase", shown.robust_phrase, display=False)
    return shown

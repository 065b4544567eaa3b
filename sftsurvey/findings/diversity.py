"""Findings of the instruction-diversity papers, each checked on the reported results."""

from __future__ import annotations

import pandas as pd

from sftsurvey.findings.core import Scope, Settings, Verdict, finding, not_testable
from sftsurvey.results import select

INSTAG = "lu2023instag"
QDIT = "bukharin2023data"


@finding(
    "diversity-selection-beats-random",
    claim="Selecting training data for diversity beats random selection of the same size.",
    papers=(INSTAG, QDIT),
    topic="diversity",
    notebook="notebooks/diversity-self-instruct",
    reading="Neither paper's readable text compares with random selection of the same size "
    "(InsTag compares with models trained on larger data, QDIT with quality-driven selection); "
    "the claim is this survey's reading of what their selection results would need to show.",
    stated="we propose a data selector based on InsTag to select 6K diverse and complex samples "
    "from open-source datasets and fine-tune models on InsTag-selected data. The resulting "
    "models, TagLM, outperform open-source models based on considerably larger SFT data",
    location="InsTag abstract, arXiv v2; QDIT's abstract (v1, v3) compares with quality-driven "
    "selection instead",
    scope=Scope(
        data="InsTag: 6K selected from pooled open-source SFT sets; QDIT: subsets of several "
        "instruction-tuning sets (sizes not readable)",
        models="TagLM (LLaMA 13B); QDIT's models not readable",
        benchmarks="MT-Bench (InsTag); worst-case and average instruction following (QDIT)",
        version="InsTag arXiv v2; QDIT arXiv v1 and v3 (Findings of EMNLP 2024)",
    ),
    testable_with="Scores of models trained on a diversity-selected subset and on a random subset "
    "of the same size drawn from the same pool, on the same base model and benchmark, with the "
    "benchmark's item count or the run-to-run spread (the comparison-with-random tables of the "
    "InsTag and QDIT papers, which no readable copy holds).",
)
def check_diversity_selection(results: pd.DataFrame, s: Settings) -> Verdict:
    qdit = select(results, paper=QDIT)
    detail = ""
    if not qdit.empty:
        detail = (
            " The one number available, from QDIT's first abstract, compares with "
            f"quality-driven rather than random selection (worst-case gain "
            f"{float(qdit['value'].iloc[0]):g}%)."
        )
    return not_testable(
        "Neither paper's readable text compares with random selection of the same size, and "
        "neither comparison table could be read from any available copy." + detail,
        qdit if not qdit.empty else None,
    )

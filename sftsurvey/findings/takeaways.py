"""Each chapter's take-home, written from its findings' verdicts (never typed beside them).

A take-home names what the reported numbers support, only partly support, do not support, or
cannot test, so that when a verdict changes the chapter's conclusion changes with it.
"""

from __future__ import annotations

from collections.abc import Mapping

from sftsurvey.findings.core import NOT_TESTABLE

Verdicts = Mapping[str, str]
"""Finding ID → verdict (and, for robustness, ID → 'robust' / 'fragile' / 'n/a')."""


def phrase(verdict: str, yes: str, partly: str, no: str, untestable: str) -> str:
    """The clause that matches ``verdict``."""
    return {
        "supported": yes,
        "partly supported": partly,
        "not supported": no,
        NOT_TESTABLE: untestable,
    }[verdict]


def hedge(robust: str) -> str:
    """' (a fragile verdict)' for a fragile verdict, else nothing."""
    return " (a fragile verdict)" if robust == "fragile" else ""


def quantity(v: Verdicts, r: Verdicts) -> str:
    math = phrase(
        v["quantity-loglinear-gsm8k"],
        "math accuracy grows log-linearly with data over the range the paper states",
        "math accuracy grows log-linearly for some base models but not all",
        "math accuracy does not grow log-linearly with data",
        "whether math accuracy grows log-linearly cannot be told",
    ) + hedge(r["quantity-loglinear-gsm8k"])
    chat = phrase(
        v["quantity-general-saturates-early"],
        "general chat levels off after about a thousand examples while math and code keep gaining",
        "general chat levels off early for some model sizes only",
        "general chat does not level off earlier than math and code",
        "whether general chat levels off early cannot be told",
    ) + hedge(r["quantity-general-saturates-early"])
    base = phrase(
        v["quantity-better-base-gains-less"],
        "stronger base models gain less per doubling",
        "stronger base models gain less per doubling in only part of the comparisons",
        "stronger base models do not gain less per doubling",
        "whether stronger base models gain less cannot be told",
    ) + hedge(r["quantity-better-base-gains-less"])
    lima = phrase(
        v["quantity-lima-competitive"],
        "a thousand curated examples hold their own against every stronger assistant compared",
        "a thousand curated examples hold their own against some stronger assistants, not all",
        "a thousand curated examples do not hold their own against stronger assistants",
        "LIMA's comparison cannot be checked",
    ) + hedge(r["quantity-lima-competitive"])
    suffices = phrase(
        v["quantity-lima-little-data-suffices"],
        "little data suffices",
        "little data partly suffices",
        "little data does not suffice",
        "the claim that little data suffices cannot be tested from the numbers the papers print",
    )
    return (
        f"How much data pays depends on the ability measured: on the reported numbers, {chat}, and "
        f"{math}. Beyond that, {base}; {lima}; and {suffices}."
    )


def quality(v: Verdicts, r: Verdicts) -> str:
    small = phrase(
        v["quality-small-filtered-matches-full"],
        "a rater-filtered subset matches the full set it came from and beats a random subset of "
        "its size",
        "a rater-filtered subset matches the full set or beats a random subset of its size in only "
        "part of the comparisons",
        "a rater-filtered subset neither matches the full set nor beats a random subset",
        "whether a filtered subset matches the full set cannot be told",
    ) + hedge(r["quality-small-filtered-matches-full"])
    slope = phrase(
        v["quality-sets-the-slope"],
        "self-curated data has the steepest reported scaling slope",
        "self-curated data has one of the steepest reported scaling slopes",
        "self-curated data does not have the steepest reported scaling slope",
        "whether curation sets the scaling slope cannot be told",
    ) + hedge(r["quality-sets-the-slope"])
    return (
        f"On the reported numbers, {small}, and {slope}. Both rest on one paper each, with no "
        "variance reported, so their tolerance is the benchmarks' granularity."
    )


def complexity(v: Verdicts, r: Verdicts) -> str:
    degrade = phrase(
        v["complexity-constraints-degrade-following"],
        "every model follows fewer instructions fully as constraints are added",
        "most models follow fewer instructions fully as constraints are added",
        "adding constraints does not reliably lower instruction following",
        "whether constraints lower instruction following cannot be told",
    ) + hedge(r["complexity-constraints-degrade-following"])
    hard = phrase(
        v["complexity-helps-hard-prompts"],
        "training on evolved instructions helps most on hard prompts",
        "training on evolved instructions helps on hard prompts in part",
        "training on evolved instructions does not help most on hard prompts",
        "whether training on evolved instructions helps most on hard prompts cannot be tested: no "
        "paper reports evolved against unevolved data of the same size by prompt difficulty",
    )
    return f"On the reported numbers, {degrade}; {hard}."


def diversity(v: Verdicts, r: Verdicts) -> str:
    return phrase(
        v["diversity-selection-beats-random"],
        "On the reported numbers, selecting data for diversity beats random selection of the same "
        "size.",
        "On the reported numbers, selecting data for diversity beats random selection of the same "
        "size in part of the comparisons.",
        "On the reported numbers, selecting data for diversity does not beat random selection of "
        "the same size.",
        "Whether selecting for diversity beats random selection of the same size cannot be tested "
        "from the numbers the papers print.",
    )


CHAPTERS = {
    "quantity": quantity,
    "quality": quality,
    "complexity": complexity,
    "diversity": diversity,
}

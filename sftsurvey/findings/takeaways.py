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
    slow = v["quantity-general-improves-slowly"]
    belle = v["quantity-belle-categories-differ"]
    lead = (
        "Whether more data pays depends on the ability measured"
        if slow == belle == "supported"
        else "The reported numbers partly suggest that how much data pays depends on the ability "
        "measured"
        if "supported" in (slow, belle)
        else "The reported numbers do not show that how much data pays depends on the ability"
        if slow == belle == "not supported"
        else "Whether how much data pays depends on the ability cannot be told from these numbers"
        if slow == belle == NOT_TESTABLE
        else "The reported numbers only partly show that how much data pays depends on the ability"
    )
    chat = phrase(
        slow,
        "general chat improves more slowly than math and code after about a thousand examples",
        "general chat improves more slowly than math and code for some model sizes only",
        "general chat does not improve more slowly than math and code",
        "whether general chat improves more slowly cannot be told",
    ) + hedge(r["quantity-general-improves-slowly"])
    cases = phrase(
        belle,
        "math, code and chain-of-thought stop gaining beyond a million examples while other use "
        "cases keep gaining",
        "the split between use cases that stop and keep gaining beyond a million examples holds "
        "only in part",
        "the split between use cases that stop and keep gaining beyond a million examples is not "
        "shown beyond noise",
        "the use-case split cannot be told",
    ) + hedge(r["quantity-belle-categories-differ"])
    math = phrase(
        v["quantity-loglinear-gsm8k"],
        "every doubling of math data adds a similar number of points",
        "every doubling of math data adds a similar number of points for some base models only",
        "doublings of math data do not add a similar number of points",
        "whether math accuracy grows log-linearly cannot be told",
    ) + hedge(r["quantity-loglinear-gsm8k"])
    base = phrase(
        v["quantity-better-base-gains-less"],
        "stronger base models gain less per doubling",
        "stronger base models gain less per doubling in only part of the comparisons",
        "stronger base models are not shown to gain less per doubling",
        "whether stronger base models gain less cannot be told",
    ) + hedge(r["quantity-better-base-gains-less"])
    mixing = phrase(
        v["quantity-mixing-helps-low-conflicts-high"],
        "mixing domains helps when data is scarce and hurts when it is plentiful",
        "mixing domains helps when data is scarce and hurts when it is plentiful in most but not "
        "all comparisons",
        "mixing domains does not help when scarce and hurt when plentiful",
        "the effect of mixing cannot be told",
    ) + hedge(r["quantity-mixing-helps-low-conflicts-high"])
    lima = phrase(
        v["quantity-lima-competitive"],
        "a thousand curated examples hold their own against every stronger assistant compared",
        "a thousand curated examples hold their own against some stronger assistants, not all",
        "a thousand curated examples do not hold their own against stronger assistants",
        "LIMA's comparison cannot be checked",
    ) + hedge(r["quantity-lima-competitive"])
    reasoning = phrase(
        v["quantity-curated-1k-reasoning-matches-full"],
        "a thousand curated reasoning examples do no worse than their full 59K pool and beat "
        "subsets chosen by one criterion",
        "a thousand curated reasoning examples hold up against their full 59K pool and "
        "single-criterion subsets only in part",
        "a thousand curated reasoning examples are not shown to match their full pool and beat "
        "single-criterion subsets",
        "the curated reasoning subset's comparison cannot be checked",
    ) + hedge(r["quantity-curated-1k-reasoning-matches-full"])
    limo = phrase(
        v["quantity-limo-817-beats-100k"],
        "817 curated reasoning chains beat 100,000 NuminaMath examples on every benchmark compared",
        "817 curated reasoning chains beat 100,000 NuminaMath examples on only part of the "
        "benchmarks",
        "817 curated reasoning chains are not shown to beat 100,000 NuminaMath examples",
        "LIMO's comparison cannot be checked",
    ) + hedge(r["quantity-limo-817-beats-100k"])
    suffices = phrase(
        v["quantity-lima-little-data-suffices"],
        "little data suffices",
        "little data partly suffices",
        "little data does not suffice",
        "the claim that little data suffices cannot be tested from the numbers the papers print",
    )
    return (
        f"{lead}: on the reported numbers, {chat}, and {cases}. Beyond that, {math}; {base}; "
        f"{mixing}; {lima}; {reasoning}; {limo}; and {suffices}."
    )


def quality(v: Verdicts, r: Verdicts) -> str:
    small = phrase(
        v["quality-small-filtered-matches-full"],
        "a rater-filtered subset matches the full set it came from and beats a random subset of "
        "its size, as its paper states",
        "a rater-filtered subset matches the full set and beats a random subset of its size for "
        "only some models",
        "a rater-filtered subset is not shown both to match the full set and to beat a random "
        "subset of its size on every benchmark, as its paper states, and its card says which half fails",
        "whether a filtered subset matches the full set cannot be told",
    ) + hedge(r["quality-small-filtered-matches-full"])
    slope = phrase(
        v["quality-self-curated-steepest-slope"],
        "self-curated data has the steepest reported scaling slope",
        "self-curated data has one of the steepest reported scaling slopes",
        "self-curated data does not have the steepest reported scaling slope",
        "whether curation sets the scaling slope cannot be told",
    ) + hedge(r["quality-self-curated-steepest-slope"])
    difficulty = phrase(
        v["quality-difficulty-selected-preferred-over-full"],
        "human raters prefer models tuned on a difficulty-selected 5–10% over the full set",
        "human raters prefer a model tuned on a difficulty-selected few percent over the full set "
        "for only part of the pools",
        "human raters do not prefer models tuned on a difficulty-selected few percent over the "
        "full set",
        "the difficulty-selected subsets' comparison cannot be checked",
    ) + hedge(r["quality-difficulty-selected-preferred-over-full"])
    longest = phrase(
        v["quality-longest-responses-beat-selectors"],
        "the 1,000 longest responses beat a rater's and a curator's 1,000 in GPT-4's and PaLM-2's "
        "judgement",
        "the 1,000 longest responses beat a rater's and a curator's 1,000 for only some judges or "
        "opponents",
        "the 1,000 longest responses are not shown to beat a rater's and a curator's 1,000",
        "the longest-response baseline cannot be checked",
    ) + hedge(r["quality-longest-responses-beat-selectors"])
    return (
        f"On the reported numbers, {small}; {slope}; {difficulty}; and {longest}. Each rests on "
        "one paper."
    )


def complexity(v: Verdicts, r: Verdicts) -> str:
    degrade = phrase(
        v["complexity-constraints-degrade-following"],
        "at five constraints every model fully satisfies fewer instructions than at one",
        "at five constraints most models fully satisfy fewer instructions than at one",
        "adding constraints does not reliably lower instruction following",
        "whether constraints lower instruction following cannot be told",
    ) + hedge(r["complexity-constraints-degrade-following"])
    preferred = phrase(
        v["complexity-wizardlm-preferred-hard"],
        "raters prefer WizardLM to ChatGPT on the hardest prompts",
        "raters prefer WizardLM to ChatGPT on the hardest prompts in part",
        "raters' preference for WizardLM over ChatGPT on the hardest prompts is within noise",
        "the preference on hard prompts cannot be checked",
    ) + hedge(r["complexity-wizardlm-preferred-hard"])
    hard = phrase(
        v["complexity-helps-hard-prompts"],
        "training on evolved instructions helps most on hard prompts",
        "training on evolved instructions helps on hard prompts in part",
        "training on evolved instructions does not help most on hard prompts",
        "whether training on evolved instructions helps most on hard prompts cannot be tested: "
        "no copy read here reports evolved against unevolved data of the same size by prompt "
        "difficulty",
    )
    return f"On the reported numbers, {degrade}; {preferred}; and {hard}."


def diversity(v: Verdicts, r: Verdicts) -> str:
    seed = phrase(
        v["diversity-selection-beats-random"],
        "selecting data for diversity beats random selection of the same size in InsTag's and "
        "QDIT's numbers",
        "selecting data for diversity beats random selection of the same size in part of InsTag's "
        "and QDIT's comparisons",
        "selecting data for diversity does not beat random selection of the same size in InsTag's "
        "and QDIT's numbers",
        "whether InsTag's and QDIT's diversity selection beats random selection of the same size "
        "cannot be tested from the numbers they print",
    )
    deita = phrase(
        v["diversity-deita-diverse-beats-random"],
        "DEITA's diversity-aware selections beat random ones of the same size",
        "DEITA's diversity-aware selections beat random ones of the same size in part",
        "DEITA's diversity-aware selections do not beat random ones beyond noise",
        "DEITA's diversity comparison cannot be checked",
    ) + hedge(r["diversity-deita-diverse-beats-random"])
    sources = phrase(
        v["diversity-few-question-sources-beat-many"],
        "for reasoning data, questions from one or two top sources beat questions mixed from many",
        "for reasoning data, questions from one or two top sources beat a mix of many in part",
        "for reasoning data, one or two top sources do not beat a mix of many beyond noise",
        "OpenThoughts' source-mixing comparison cannot be checked",
    ) + hedge(r["diversity-few-question-sources-beat-many"])
    return f"On the reported numbers, {seed}; {deita}; and {sources}."


CHAPTERS = {
    "quantity": quantity,
    "quality": quality,
    "complexity": complexity,
    "diversity": diversity,
}


RANK = {"not supported": 0, "partly supported": 1, "supported": 2}


def relation(later: str, earlier: str) -> str:
    """What a later verdict does to an earlier one on the same kind of comparison.

    Both supported: *confirms*; the later supported, the earlier partly: *supports more fully*;
    both partly: *agrees in part with*; the later partly against an earlier supported one:
    *narrows*; the later not supported: *overturns* a supported and *goes against* a partly
    supported one; the later (partly) supported against an unsupported one: *(partly) supports,
    for its own case, what was not supported in*; an earlier untestable claim: *tests, where the earlier numbers could not,*; a
    later untestable one: *cannot speak to*.
    """
    if later == NOT_TESTABLE:
        return "cannot speak to"
    if earlier == NOT_TESTABLE:
        return "tests, where the earlier numbers could not,"
    a, b = RANK[later], RANK[earlier]
    if a == 2:
        return {
            2: "confirms",
            1: "supports more fully",
            0: "supports, for its own case, what was not supported in",
        }[b]
    if a == 1:
        return {
            2: "narrows",
            1: "agrees in part with",
            0: "partly supports, for its own case, what was not supported in",
        }[b]
    return {2: "overturns", 1: "goes against", 0: "agrees in not supporting"}[b]


def challenge(later: str, earlier: str) -> str:
    """What a later verdict does to an earlier claim that it goes against if it holds."""
    if later == NOT_TESTABLE:
        return "cannot speak to"
    if later == "not supported":
        return "leaves standing" if earlier != "not supported" else "does not settle"
    if earlier == "not supported":
        return "agrees with the verdict on"
    return "goes against" if later == "supported" else "partly goes against"


def later_evidence(chapter: str, registry, v: Verdicts) -> str:
    """One sentence per later finding of ``chapter`` on the earlier findings it bears on."""
    parts = []
    for item in registry.values():
        if item.topic != chapter or item.withdrawn:
            continue
        links = [(e, relation(v[item.id], v[e])) for e in item.bears_on]
        links += [(e, challenge(v[item.id], v[e])) for e in item.challenges]
        if links:
            said = "; ".join(f"{word} {e} ({v[e]})" for e, word in links)
            note = f" ({item.link_note})" if item.link_note else ""
            parts.append(f"{item.id} ({v[item.id]}) {said}{note}.")
    return " ".join(parts) or "No later finding bears on this chapter's earlier ones."

"""Self-Instruct-style statistics of an instruction set, one row per set."""

from __future__ import annotations

import pandas as pd

from sftsurvey.metrics import lengths, lexical, overlap
from sftsurvey.results import select, starts_with

SAMPLE = 1000
"""distinct-n grows smaller as a corpus grows, so it is compared on equal-size random samples."""


def set_statistics(frame: pd.DataFrame, features: pd.DataFrame, seeds: pd.Series) -> dict:
    """Counts, lengths, verb–noun coverage, overlap with the seeds and lexical diversity.

    ``frame`` has instruction/input/output columns, ``features`` the parse features of its
    instructions (:func:`sftsurvey.corpora.parse_features`), ``seeds`` the seed instructions
    that ROUGE-L novelty is measured against. When the set *is* the seeds (the same instructions
    in the same order), each seed is compared with the other seeds, never with itself.
    """
    instruction_words = lengths.word_counts(frame["instruction"])
    has_input = frame["input"].str.strip() != ""
    candidates = frame["instruction"].tolist()
    nearest = overlap.nearest_rouge_l(
        candidates, seeds.tolist(), exclude_self=candidates == seeds.tolist()
    )
    return {
        "instructions": len(frame),
        "share with input": float(has_input.mean()),
        "instruction words (mean)": float(instruction_words.mean()),
        "input words (mean, non-empty)": float(
            lengths.word_counts(frame.loc[has_input, "input"]).mean()
        )
        if has_input.any()
        else float("nan"),
        "output words (mean)": float(lengths.word_counts(frame["output"]).mean()),
        "share with verb–noun pair": float(features["noun"].notna().mean()),
        "distinct root verbs": int(features["verb"].nunique()),
        "ROUGE-L to nearest seed (median)": float(nearest["rouge_l"].median()),
        "share with ROUGE-L > 0.7": float(
            (nearest["rouge_l"] > overlap.SELF_INSTRUCT_MAX_ROUGE_L).mean()
        ),
        "MTLD of instructions": lexical.corpus_mtld(frame["instruction"]),
        "MTLD of instructions (digits kept)": lexical.corpus_mtld(
            frame["instruction"], keep_digits=True
        ),
        f"distinct-2 ({SAMPLE} sampled instructions)": lexical.distinct_n(
            frame["instruction"].sample(SAMPLE, random_state=0), n=2
        )
        if len(frame) >= SAMPLE
        else float("nan"),
    }


def statistics_table(
    sets: dict[str, pd.DataFrame], features: dict[str, pd.DataFrame], seeds: pd.Series
) -> pd.DataFrame:
    """:func:`set_statistics` of each set, one row per key of ``sets`` (set IDs)."""
    rows = {label: set_statistics(frame, features[label], seeds) for label, frame in sets.items()}
    return pd.DataFrame(rows).T


PROXIES = ("tokens", "depth", "clauses", "constraints")


def proxy_correlations(features: pd.DataFrame, labels: pd.Series) -> pd.DataFrame:
    """Spearman rank correlation of each complexity proxy with a difficulty label, with p-values."""
    from scipy.stats import spearmanr

    rows = []
    for proxy in PROXIES:
        rho, p = spearmanr(features[proxy], labels)
        rows.append({"proxy": proxy, "rho": float(rho), "p_value": float(p), "n": len(labels)})
    return pd.DataFrame(rows).set_index("proxy")


def proxy_growth(before: pd.DataFrame, after: pd.DataFrame, after_label: str) -> pd.DataFrame:
    """Per complexity proxy, for paired instructions before and after a rewrite: the median before,
    the median after (column ``after_label``) and the share of pairs in which the proxy grew."""
    return pd.DataFrame(
        {
            p: {
                "original (median)": before[p].median(),
                after_label: after[p].median(),
                "share of pairs that grew": (after[p] > before[p]).mean(),
            }
            for p in PROXIES
        }
    ).T


def proxy_medians_by(features: pd.DataFrame, groups: pd.Series) -> pd.DataFrame:
    """The median of each complexity proxy per value of ``groups`` (e.g. a constraint level)."""
    return features.assign(**{groups.name: groups}).groupby(groups.name)[list(PROXIES)].median()


def utterances(frame: pd.DataFrame) -> pd.Series:
    """The two utterances of each single-turn example: the user's (instruction, then input when
    there is one), then the assistant's (output); all users' first, then all assistants'."""
    user = frame["instruction"].fillna("")
    if "input" in frame:
        user = (user + " " + frame["input"].fillna("")).str.strip()
    return pd.concat([user, frame["output"].fillna("")], ignore_index=True)


def records(frame: pd.DataFrame) -> pd.Series:
    """Each example as one text: the user's utterance, then the assistant's."""
    texts = utterances(frame)
    n = len(frame)
    return pd.Series(
        [f"{user} {assistant}" for user, assistant in zip(texts[:n], texts[n:], strict=True)]
    )


def cached_mtld_per_text(texts: pd.Series, keep_digits: bool = False) -> pd.Series:
    """:func:`sftsurvey.metrics.lexical.mtld_per_text`, cached by the content hash of the texts."""
    from importlib.metadata import version

    from sftsurvey.intermediates import cached

    def compute(items: list[str]) -> pd.DataFrame:
        return pd.DataFrame(
            {"mtld": lexical.mtld_per_text(items, keep_digits=keep_digits).to_numpy()}
        )

    key = f"lexicalrichness-{version('lexicalrichness')}/t{lexical.MTLD_THRESHOLD}/digits-{keep_digits}/v1"
    table = cached("mtld-per-text", key, texts.tolist(), compute)
    return pd.Series(table["mtld"].to_numpy(), index=texts.index, dtype="float64")


def utterance_mtld(frame: pd.DataFrame, keep_digits: bool = False) -> float:
    """UltraChat's lexical diversity: MTLD of each utterance, averaged over all utterances.

    A single-turn example has two utterances (:func:`utterances`). Utterances without words (MTLD
    undefined: with the library's tokenisation, purely numeric answers) are left out of the mean;
    :func:`mtld_definitions` counts them.
    """
    return float(cached_mtld_per_text(utterances(frame), keep_digits=keep_digits).mean())


MTLD_MAIN = "per utterance, digits removed (lexicalrichness default; the main choice)"
MTLD_ALTERNATIVES = {
    MTLD_MAIN: (utterances, False),
    "per utterance, digits kept": (utterances, True),
    "per record (user and assistant as one text), digits removed": (records, False),
    "per record, digits kept": (records, True),
}
"""Readings of UltraChat's "MTLD of every utterance, averaged": which texts, and digits or not."""


def mtld_definitions(frame: pd.DataFrame) -> pd.DataFrame:
    """Mean MTLD of one set under each reading of :data:`MTLD_ALTERNATIVES`, one row each.

    Columns: ``MTLD`` (the mean over texts with words), ``texts`` (how many the reading has) and
    ``left out (no words)`` (how many of them the mean skips).
    """
    rows = {}
    for name, (texts_of, keep_digits) in MTLD_ALTERNATIVES.items():
        texts = texts_of(frame)
        values = cached_mtld_per_text(texts, keep_digits=keep_digits)
        rows[name] = {
            "MTLD": float(values.mean()),
            "texts": len(texts),
            "left out (no words)": int(values.isna().sum()),
        }
    table = pd.DataFrame(rows).T.astype({"texts": int, "left out (no words)": int})
    table.index.name = "definition"
    return table


ULTRACHAT = "ding2023enhancing"
ULTRACHAT_TABLE4_NAMES = {"alpaca": "Stanford Alpaca", "alpaca-gpt4": "GPT-4-LLM"}
"""Our instruction sets (by ID) that are samples of a dataset in UltraChat's Table 4: Table 4's name."""


def ultrachat_table4(reported: pd.DataFrame, metric=None) -> pd.DataFrame:
    """The rows of UltraChat's Table 4, of one ``metric`` (a :func:`sftsurvey.results.select`
    filter value) or of all."""
    rows = select(reported, paper=ULTRACHAT, source="Table 4")
    return rows if metric is None else select(rows, metric=metric)


def ultrachat_mtld_comparison(
    sets: dict[str, pd.DataFrame], reported: pd.DataFrame
) -> pd.DataFrame:
    """UltraChat's Table 4 lexical diversity beside ours, recomputed on the sets we have.

    ``sets`` are our sets by ID, ``reported`` is :func:`sftsurvey.results.load_results`; one row
    per set of ours (indexed by ID) that samples a dataset of Table 4, with the reported value,
    ours, and the file/line of the reported row.
    """
    rows = ultrachat_table4(reported, starts_with("lexical diversity")).set_index("benchmark")
    missing = [
        f"{label!r} (ours) or {name!r} (Table 4)"
        for label, name in ULTRACHAT_TABLE4_NAMES.items()
        if label not in sets or name not in rows.index
    ]
    if missing:
        raise KeyError("cannot compare with UltraChat's Table 4, missing: " + ", ".join(missing))
    out = []
    for label, name in ULTRACHAT_TABLE4_NAMES.items():
        row = rows.loc[name]
        out.append(
            {
                "our set": label,
                "Table 4 dataset": name,
                "Table 4 size": int(
                    select(ultrachat_table4(reported, "number of dialogues"), benchmark=name)[
                        "value"
                    ].iloc[0]
                ),
                "our size": len(sets[label]),
                "MTLD reported": float(row["value"]),
                "MTLD recomputed": utterance_mtld(sets[label]),
                "utterances left out (no words)": int(
                    cached_mtld_per_text(utterances(sets[label])).isna().sum()
                ),
                "reported row": f"{row['file']}:{row['line']}",
            }
        )
    return pd.DataFrame(out).set_index("our set")


def ultrachat_agreement(comparison: pd.DataFrame) -> dict[str, int | bool]:
    """How :func:`ultrachat_mtld_comparison` (two sets) bears out Table 4.

    ``same_order``: both computations order the two sets alike; ``levels_reproduced``: how many
    recomputed values lie within half a unit of the one decimal Table 4 prints; ``lower``: how many
    are below the reported value; ``larger_in_table4``: how many sets Table 4 counts larger than
    our sample of them.
    """
    reported, ours = comparison["MTLD reported"], comparison["MTLD recomputed"]
    return {
        "same_order": bool((reported.diff().iloc[-1] > 0) == (ours.diff().iloc[-1] > 0)),
        "levels_reproduced": int(((ours - reported).abs() <= 0.05).sum()),
        "lower": int((ours < reported).sum()),
        "larger_in_table4": int((comparison["Table 4 size"] > comparison["our size"]).sum()),
    }


def mtld_definitions_by_set(sets: dict[str, pd.DataFrame], labels) -> pd.DataFrame:
    """:func:`mtld_definitions` of each set of ``labels`` (keys of ``sets``: set IDs), indexed by
    (our set, definition)."""
    return pd.concat({label: mtld_definitions(sets[label]) for label in labels}, names=["our set"])


def definitions_where_richer(variants: pd.DataFrame, richer: str, other: str) -> tuple[int, int]:
    """Under how many of the definitions of :func:`mtld_definitions_by_set` set ``richer`` has
    the higher mean MTLD than ``other``; and how many definitions there are."""
    by_definition = variants["MTLD"].unstack("our set")
    return int((by_definition[richer] > by_definition[other]).sum()), len(by_definition)


def against_reported(rows: list[tuple]) -> pd.DataFrame:
    """Our values beside reported ones, compared at the precision the report prints.

    Each row is ``(key, measure, reported, ours, format, tolerance, words, reported_for)``:
    ``format`` prints both values, ``words`` are the (greater, smaller, equal) words of
    :func:`sftsurvey.wording.compare`, and a ``tolerance`` of ``None`` is half a unit of the last
    digit the reported value is printed with. One row per measure (the index): the ``key``, both
    values as printed, the word, what the value reported is of, and whether ours is within the
    printed precision.
    """
    from sftsurvey import wording
    from sftsurvey.findings.noise import half_last_digit

    out = []
    for key, measure, theirs, mine, fmt, tol, words, reference in rows:
        tol = half_last_digit(theirs) if tol is None else tol
        word = wording.compare(float(mine), float(theirs), *words, tolerance=tol)
        out.append(
            {
                "key": key,
                "measure": measure,
                "reported": fmt.format(theirs),
                "ours": fmt.format(mine),
                "ours against reported": word,
                "reported for": reference,
                "within printed precision": word == words[2],
            }
        )
    return pd.DataFrame(out).set_index("measure")

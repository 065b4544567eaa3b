"""The survey's measurements of one dataset: per chunk (a map), merged (a reduction), finalised.

:func:`measure_chunk` computes every per-record measurement of one chunk of records and keeps
only what the reduction needs: value counts (exact: a mean or median of value counts equals the
one of the values), sums, verb and verb–noun counts, 8-byte hashes for exact duplicates and the
MinHash LSH band keys (8 bytes per band) for near duplicates. :class:`Accumulator` merges chunks in record order and
keeps a seeded sample of at most :data:`CORPUS_SAMPLE` records for the measurements that need
texts side by side (corpus MTLD, distinct-n, embeddings), computed by :func:`sampled_measures`.
Every measurement calls the package's own metric (:mod:`sftsurvey.metrics`); :data:`DEFINITIONS`
says what each is and on what it is computed.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from sftsurvey.metrics import lengths, lexical, overlap
from sftsurvey.profile import neardup
from sftsurvey.profile.records import Reservoir

GROUPS = (
    "lengths",
    "duplicates",
    "overlap",
    "lexical",
    "near-duplicates",
    "structure",
    "complexity",
    "embeddings",
)
"""Measurement groups; ``cheap`` is the first four (no parse, no embeddings, no LSH index)."""
CHEAP = GROUPS[:4]
CORPUS_SAMPLE = 10_000
"""Records (a seeded sample, in file order) for corpus MTLD, distinct-n and the embeddings."""
DISTINCT_SAMPLE = 1000
"""Instructions distinct-n is computed on, as in the book (``set_measures.SAMPLE``)."""
PROXIES = ("tokens", "depth", "clauses", "constraints")
EMBED_SAMPLE = 600
"""Instructions embedded, as in the book (``corpora.EMBED_SAMPLE``; a test checks they agree)."""

_SCOPE_ALL = "all records, exact"
_SCOPE_CORPUS = f"a seeded sample of at most {CORPUS_SAMPLE:,} records (all when fewer), in order"
_SCOPE_DISTINCT = f"{DISTINCT_SAMPLE:,} instructions sampled (seed 0) from the corpus sample"
_SCOPE_EMBED = (
    f"at most {EMBED_SAMPLE} instructions sampled (seed 0) from the corpus sample (all when "
    "fewer), as the book does"
)

DEFINITIONS: dict[str, tuple[str, str, str]] = {
    # name: (group, definition, scope)
    "records": ("lengths", "records profiled (after --sample, without skipped ones)", _SCOPE_ALL),
    "share with input": ("lengths", "share of records with a non-blank input", _SCOPE_ALL),
    "instruction words (mean)": (
        "lengths",
        "mean word count of the instructions (sftsurvey.metrics.lengths.word_counts)",
        _SCOPE_ALL,
    ),
    "instruction words (median)": ("lengths", "median word count of the instructions", _SCOPE_ALL),
    "input words (mean, non-empty)": (
        "lengths",
        "mean word count of the non-blank inputs",
        _SCOPE_ALL,
    ),
    "output words (mean)": ("lengths", "mean word count of the outputs", _SCOPE_ALL),
    "output words (median)": ("lengths", "median word count of the outputs", _SCOPE_ALL),
    "instruction characters (mean)": ("lengths", "mean length in characters", _SCOPE_ALL),
    "output characters (mean)": ("lengths", "mean length in characters", _SCOPE_ALL),
    "turns (mean)": (
        "lengths",
        "mean number of user and assistant messages (a pair counts 2)",
        _SCOPE_ALL,
    ),
    "share multi-turn": ("lengths", "share of records with more than 2 turns", _SCOPE_ALL),
    "exact duplicate rate (prompt)": (
        "duplicates",
        "share of records whose instruction and input equal an earlier record's (64-bit BLAKE2b "
        "hashes; a collision is vanishingly unlikely)",
        _SCOPE_ALL,
    ),
    "exact duplicate rate (record)": (
        "duplicates",
        "share of records whose instruction, input and output all equal an earlier record's",
        _SCOPE_ALL,
    ),
    "near-duplicate rate (prompt)": (
        "near-duplicates",
        f"share of records whose prompt is a near duplicate of an earlier one: MinHash LSH "
        f"(datasketch; {neardup.NUM_PERM} permutations, seed {neardup.SEED}, "
        f"{neardup.BANDS} bands of {neardup.ROWS} rows) on word bigrams, Jaccard threshold "
        f"{neardup.THRESHOLD}; exact duplicates included; the index keeps a 64-bit key per band "
        "(at most 72 bytes per record)",
        "all records, MinHash LSH sketch (seeded; a pair of similarity s is found with probability "
        f"1 - (1 - s^{neardup.ROWS})^{neardup.BANDS}, "
        f"{neardup.detection_probability(0.8):.2f} at 0.8 and "
        f"{neardup.detection_probability(0.9):.2f} at 0.9, so the rate's error depends on how "
        "many pairs lie near the threshold; tests/test_profile_neardup.py)",
    ),
    "ROUGE-L to nearest seed (median)": (
        "overlap",
        "median over instructions of the highest ROUGE-L F-measure to any of the 175 "
        "Self-Instruct seed instructions (sftsurvey.metrics.overlap.nearest_rouge_l)",
        _SCOPE_ALL,
    ),
    "share with ROUGE-L > 0.7": (
        "overlap",
        "share of instructions whose nearest seed has ROUGE-L above Self-Instruct's 0.7 filter",
        _SCOPE_ALL,
    ),
    "MTLD of instructions": (
        "lexical",
        "MTLD (threshold 0.72) of the instructions read as one text, in order "
        "(sftsurvey.metrics.lexical.corpus_mtld)",
        _SCOPE_CORPUS,
    ),
    "distinct-1 (1000 sampled instructions)": (
        "lexical",
        "distinct unigrams / all unigrams, within texts (sftsurvey.metrics.lexical.distinct_n); "
        "missing when there are fewer than 1,000 records",
        _SCOPE_DISTINCT,
    ),
    "distinct-2 (1000 sampled instructions)": (
        "lexical",
        "distinct bigrams / all bigrams, within texts; missing under 1,000 records",
        _SCOPE_DISTINCT,
    ),
    "share with verb–noun pair": (
        "structure",
        "share of instructions with a root verb and a common-noun direct object (Self-Instruct's "
        "rule on spaCy's small English parse, sftsurvey.metrics.structure)",
        _SCOPE_ALL,
    ),
    "distinct root verbs": ("structure", "number of different root verbs", _SCOPE_ALL),
    "distinct verb–noun pairs": ("structure", "number of different verb–noun pairs", _SCOPE_ALL),
    "verb–noun pairs per 100 pairs": (
        "structure",
        "distinct verb–noun pairs per 100 instructions that have one (their diversity)",
        _SCOPE_ALL,
    ),
    **{
        f"{proxy} (mean)": (
            "complexity",
            f"mean complexity proxy '{proxy}' of the instructions (sftsurvey.metrics.complexity)",
            _SCOPE_ALL,
        )
        for proxy in PROXIES
    },
    "mean pairwise cosine distance": (
        "embeddings",
        "1 minus the mean cosine similarity of all pairs of all-MiniLM-L6-v2 embeddings "
        "(sftsurvey.metrics.selection)",
        _SCOPE_EMBED,
    ),
    "Vendi score": (
        "embeddings",
        "effective number of distinct instructions under the cosine kernel",
        _SCOPE_EMBED,
    ),
    "nearest-neighbour cosine (median)": (
        "embeddings",
        "median over instructions of the cosine similarity to the nearest other instruction of "
        "the sample, each left out of its own neighbours (sftsurvey.metrics.selection)",
        _SCOPE_EMBED,
    ),
    "topic clusters reached": (
        "embeddings",
        "how many of the book's k-means topic clusters (fitted on the surveyed sets' samples) "
        "the sample's instructions fall in, each going to the cluster of its nearest mean",
        _SCOPE_EMBED,
    ),
}
"""Every measurement: its group, what it is, and which records it is computed on."""

COUNTED = (
    "instruction words",
    "input words",
    "output words",
    "instruction characters",
    "output characters",
    "turns",
    "rouge_l",
    *PROXIES,
)
"""Per-record values kept as value counts (``input words`` over non-blank inputs only)."""


@dataclass
class Partial:
    """What one chunk contributes to the reduction (small, picklable)."""

    n: int
    counts: dict[str, Counter] = field(default_factory=dict)
    totals: Counter = field(default_factory=Counter)
    verbs: Counter = field(default_factory=Counter)
    pairs: Counter = field(default_factory=Counter)
    hashes: dict[str, np.ndarray] = field(default_factory=dict)
    band_keys: np.ndarray | None = None


def measure_chunk(frame: pd.DataFrame, seeds: list[str], groups: tuple[str, ...]) -> Partial:
    """Per-record measurements of one chunk (columns instruction, input, output, turns)."""
    part = Partial(n=len(frame))
    prompt = _prompts(frame)
    has_input = frame["input"].str.strip() != ""
    if "lengths" in groups:
        part.counts["instruction words"] = _counts(lengths.word_counts(frame["instruction"]))
        part.counts["input words"] = _counts(lengths.word_counts(frame.loc[has_input, "input"]))
        part.counts["output words"] = _counts(lengths.word_counts(frame["output"]))
        part.counts["instruction characters"] = _counts(lengths.char_counts(frame["instruction"]))
        part.counts["output characters"] = _counts(lengths.char_counts(frame["output"]))
        part.counts["turns"] = _counts(frame["turns"])
        part.totals["has input"] = int(has_input.sum())
    if "duplicates" in groups:
        part.hashes["prompt"] = _hashes(prompt)
        part.hashes["record"] = _hashes(prompt + "\x1e" + frame["output"])
    if "overlap" in groups:
        candidates = frame["instruction"].tolist()
        # as the book's set_measures: the seed set itself is compared with the other seeds
        nearest = overlap.nearest_rouge_l(candidates, seeds, exclude_self=candidates == seeds)
        nearest = nearest["rouge_l"]
        part.counts["rouge_l"] = _counts(nearest)
        part.totals["rouge over"] = int((nearest > overlap.SELF_INSTRUCT_MAX_ROUGE_L).sum())
    if "near-duplicates" in groups:
        part.band_keys = neardup.band_keys(neardup.signatures(prompt.tolist()))
    if "structure" in groups or "complexity" in groups:
        from sftsurvey import corpora  # the book's cached parse (loads spaCy)

        features = corpora.parse_features(frame["instruction"].reset_index(drop=True))
        part.verbs = Counter(features["verb"].dropna())
        both = features.dropna(subset=["verb", "noun"])
        part.pairs = Counter(zip(both["verb"], both["noun"], strict=True))
        part.totals["verb noun pair"] = int(features["noun"].notna().sum())
        if "complexity" in groups:
            for proxy in PROXIES:
                part.counts[proxy] = _counts(features[proxy])
    return part


def _prompts(frame: pd.DataFrame) -> pd.Series:
    return frame["instruction"] + "\x1f" + frame["input"]


def _counts(values: pd.Series) -> Counter:
    return Counter(values.tolist())


def _hashes(texts: pd.Series) -> np.ndarray:
    digests = (hashlib.blake2b(t.encode(), digest_size=8).digest() for t in texts)
    return np.frombuffer(b"".join(digests), dtype=np.uint64).copy()


class Accumulator:
    """Merges :class:`Partial` results in record order (the reduction) and finalises them."""

    def __init__(self, groups: tuple[str, ...]):
        self.groups = groups
        self.n = 0
        self.counts: dict[str, Counter] = {name: Counter() for name in COUNTED}
        self.totals: Counter = Counter()
        self.verbs: Counter = Counter()
        self.pairs: Counter = Counter()
        self.hashes: dict[str, list[np.ndarray]] = {"prompt": [], "record": []}
        self.near = neardup.NearDuplicates() if "near-duplicates" in groups else None
        self.sample = Reservoir(CORPUS_SAMPLE)

    def add_records(self, frame: pd.DataFrame) -> None:
        """Offer a chunk's records to the corpus sample (call in record order)."""
        for row in frame.itertuples(index=False):
            self.sample.add(tuple(row))

    def add(self, part: Partial) -> None:
        """Merge one chunk's partial result (call in record order)."""
        self.n += part.n
        for name, counter in part.counts.items():
            self.counts[name].update(counter)
        self.totals.update(part.totals)
        self.verbs.update(part.verbs)
        self.pairs.update(part.pairs)
        for name, values in part.hashes.items():
            self.hashes[name].append(values)
        if self.near is not None and part.band_keys is not None:
            self.near.add(part.band_keys)

    def sample_frame(self) -> pd.DataFrame:
        from sftsurvey.profile.records import COLUMNS

        return pd.DataFrame(self.sample.items(), columns=list(COLUMNS))

    def result(self) -> dict[str, Any]:
        """The reduced measurements (scalars) of the records merged so far."""
        n, c, g = self.n, self.counts, self.groups
        out: dict[str, Any] = {"records": n}
        if "lengths" in g:
            out["share with input"] = _share(self.totals["has input"], n)
            out["instruction words (mean)"] = mean_of(c["instruction words"])
            out["instruction words (median)"] = median_of(c["instruction words"])
            out["input words (mean, non-empty)"] = mean_of(c["input words"])
            out["output words (mean)"] = mean_of(c["output words"])
            out["output words (median)"] = median_of(c["output words"])
            out["instruction characters (mean)"] = mean_of(c["instruction characters"])
            out["output characters (mean)"] = mean_of(c["output characters"])
            out["turns (mean)"] = mean_of(c["turns"])
            out["share multi-turn"] = _share(sum(k for t, k in c["turns"].items() if t > 2), n)
        if "duplicates" in g:
            for name in ("prompt", "record"):
                values = np.concatenate(self.hashes[name]) if self.hashes[name] else np.empty(0)
                out[f"exact duplicate rate ({name})"] = _share(n - len(np.unique(values)), n)
        if self.near is not None:
            out["near-duplicate rate (prompt)"] = _share(self.near.duplicates, self.near.records)
        if "overlap" in g:
            out["ROUGE-L to nearest seed (median)"] = median_of(c["rouge_l"])
            out["share with ROUGE-L > 0.7"] = _share(self.totals["rouge over"], n)
        if "structure" in g:
            with_pair = self.totals["verb noun pair"]
            out["share with verb–noun pair"] = _share(with_pair, n)
            out["distinct root verbs"] = len(self.verbs)
            out["distinct verb–noun pairs"] = len(self.pairs)
            out["verb–noun pairs per 100 pairs"] = _share(100 * len(self.pairs), with_pair)
        if "complexity" in g:
            for proxy in PROXIES:
                out[f"{proxy} (mean)"] = mean_of(c[proxy])
        return out

    def top_verb_nouns(self, verbs: int = 20, nouns: int = 4) -> pd.DataFrame:
        """Self-Instruct's most common verbs and their objects, by the package's own function."""
        from sftsurvey.metrics import structure

        pairs = pd.DataFrame(
            [(v, o) for (v, o), k in self.pairs.items() for _ in range(k)],
            columns=["verb", "noun"],
        )
        return structure.top_verb_nouns(pairs, verbs=verbs, nouns=nouns)


def sampled_measures(sample: pd.DataFrame, groups: tuple[str, ...], reference=None) -> dict:
    """Measurements that need the texts together, on the corpus sample (see :data:`DEFINITIONS`).

    ``reference`` (:class:`sftsurvey.profile.compare.Clusters`) gives the topic clusters; without
    it, ``topic clusters reached`` is left out.
    """
    out: dict[str, Any] = {}
    texts = sample["instruction"]
    if "lexical" in groups:
        out["MTLD of instructions"] = lexical.corpus_mtld(texts) if len(texts) else math.nan
        picked = texts.sample(DISTINCT_SAMPLE, random_state=0) if len(texts) >= 1000 else None
        for n in (1, 2):
            value = lexical.distinct_n(picked, n=n) if picked is not None else math.nan
            out[f"distinct-{n} (1000 sampled instructions)"] = value
    if "embeddings" in groups and len(texts) >= 2:
        from sftsurvey import corpora
        from sftsurvey.metrics import selection

        vectors = corpora.embeddings(corpora.sample(sample)["instruction"])
        out["mean pairwise cosine distance"] = selection.mean_pairwise_cosine_distance(vectors)
        out["Vendi score"] = selection.vendi_score(vectors)
        out["nearest-neighbour cosine (median)"] = float(
            np.median(selection.nearest_neighbour_similarity(vectors))
        )
        if reference is not None:
            out["topic clusters reached"] = reference.reached(vectors)
    return out


def mean_of(counter: Counter) -> float:
    """Mean of the values a value-count holds (``NaN`` when empty)."""
    total = sum(counter.values())
    return float(sum(v * k for v, k in counter.items()) / total) if total else math.nan


def median_of(counter: Counter) -> float:
    """Median of the values a value-count holds, as pandas computes it (``NaN`` when empty)."""
    total = sum(counter.values())
    if not total:
        return math.nan
    low, high = (total - 1) // 2, total // 2  # positions of the middle value(s), from 0
    seen, found = 0, []
    for value in sorted(counter):
        seen += counter[value]
        while len(found) < 2 and seen > (low, high)[len(found)]:
            found.append(value)
        if len(found) == 2:
            break
    return float((found[0] + found[1]) / 2)


def _share(part: int, whole: int) -> float:
    return float(part / whole) if whole else math.nan

"""ROUGE-L overlap between instructions, and each candidate's most similar reference.

Self-Instruct (``wang2022selfinstruct``) keeps a generated instruction only if its ROUGE-L with
every instruction already in the pool is at most 0.7 (:data:`SELF_INSTRUCT_MAX_ROUGE_L`), and
analyses novelty as the distribution of each generated instruction's ROUGE-L to its most similar
seed instruction. Its code scores with ``rouge_score.rouge_scorer.RougeScorer(["rougeL"],
use_stemmer=False)`` and takes the F-measure, which :func:`rouge_l` calls as it is.

:func:`nearest_rouge_l` gives the same numbers far faster. On rouge-score's tokens, with ``L`` the
length of their longest common subsequence and ``m``, ``n`` the token counts, ROUGE-L's precision
is ``L/m``, its recall ``L/n`` and its F-measure ``2PR/(P+R)``. rapidfuzz computes ``L`` in C
(``rapidfuzz.distance.LCSseq``, bit-parallel), and we combine it into the F-measure with the same
floating-point operations as rouge-score, so the values are equal, not just close. Tokens are
mapped to integers first, so that rapidfuzz compares them exactly rather than by hash.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from rapidfuzz import process
from rapidfuzz.distance import LCSseq
from rouge_score import rouge_scorer, tokenizers

from sftsurvey.metrics.lengths import as_texts

SELF_INSTRUCT_MAX_ROUGE_L = 0.7
"""Self-Instruct drops a new instruction whose ROUGE-L to any pool instruction exceeds this."""

_TOKENIZER = tokenizers.DefaultTokenizer(use_stemmer=False)
_SCORER = rouge_scorer.RougeScorer(["rougeL"], use_stemmer=False)
_CELLS_PER_CHUNK = 1 << 20  # candidate × reference scores computed at once (4 MiB of int32)


def rouge_tokens(text: str) -> list[str]:
    """rouge-score's tokens: lower-cased runs of ``[a-z0-9]``, no stemming."""
    return _TOKENIZER.tokenize(text)


def rouge_l(a: str, b: str) -> float:
    """ROUGE-L F-measure of two texts, by rouge-score itself (symmetric in ``a`` and ``b``)."""
    return _SCORER.score(a, b)["rougeL"].fmeasure


def lcs_fmeasure(lcs: np.ndarray, m: np.ndarray, n: np.ndarray) -> np.ndarray:
    """ROUGE-L F-measure from LCS lengths and token counts, as rouge-score computes it.

    Zero where either text has no tokens or they share none.
    """
    lcs, m, n = (np.asarray(x, dtype=np.float64) for x in np.broadcast_arrays(lcs, m, n))
    score = np.zeros(lcs.shape)
    ok = lcs > 0
    precision = lcs[ok] / m[ok]
    recall = lcs[ok] / n[ok]
    score[ok] = 2 * precision * recall / (precision + recall)
    return score


def nearest_rouge_l(
    candidates: pd.Series | Sequence[str],
    references: Sequence[str],
    *,
    progress: bool = False,
    workers: int = 1,
    exclude_self: bool = False,
) -> pd.DataFrame:
    """For each candidate, its highest ROUGE-L F-measure to any reference, and that reference.

    Returns a DataFrame aligned with ``candidates`` with columns ``rouge_l`` (float) and
    ``nearest`` (position in ``references`` of the most similar one: the first on ties, so 0 when
    nothing overlaps, and -1 when there are no references). ``exclude_self`` is for a set
    measured against its own members (``candidates`` and ``references`` the same texts in the same
    order): candidate ``i`` is not compared with reference ``i``, itself, only with the others
    (an exact duplicate at another position still counts). Reference tokens are computed once;
    candidates are scored in chunks, with a tqdm progress bar (stderr) if ``progress``.
    ``workers`` is passed to ``rapidfuzz.process.cdist`` (-1: all cores); it changes speed, never
    the result.
    """
    series = as_texts(candidates)
    candidates = series.tolist()
    reference_texts = as_texts(references).tolist()
    if exclude_self and reference_texts != candidates:
        raise ValueError(
            "exclude_self needs the candidates and the references to be the same texts in the "
            "same order — pass the set as both, or leave exclude_self off"
        )
    vocabulary: dict[str, int] = {}
    ref_ids = [_ids(text, vocabulary) for text in reference_texts]
    ref_len = np.array([len(r) for r in ref_ids], dtype=np.int64)
    best = np.zeros(len(candidates))
    nearest = np.full(len(candidates), -1, dtype=np.int64)
    bar = _progress_bar(len(candidates)) if progress else None
    if ref_ids and candidates:
        chunk = max(1, _CELLS_PER_CHUNK // len(ref_ids))
        for start in range(0, len(candidates), chunk):
            ids = [_ids(text, vocabulary) for text in candidates[start : start + chunk]]
            lcs = process.cdist(
                ids, ref_ids, scorer=LCSseq.similarity, dtype=np.int32, workers=workers
            )
            cand_len = np.array([len(c) for c in ids], dtype=np.int64)[:, None]
            scores = lcs_fmeasure(lcs, cand_len, ref_len[None, :])
            if exclude_self:  # below every real score (>= 0), so never the nearest
                own = np.arange(len(ids))
                scores[own, start + own] = -1.0
            rows = slice(start, start + len(ids))
            nearest[rows] = scores.argmax(axis=1)
            best[rows] = scores.max(axis=1).clip(min=0.0)
            if bar is not None:
                bar.update(len(ids))
    if bar is not None:
        bar.close()
    if exclude_self and len(ref_ids) == 1:  # a set of one has no other member
        nearest[:] = -1
    return pd.DataFrame({"rouge_l": best, "nearest": nearest}, index=series.index)


def _ids(text: str, vocabulary: dict[str, int]) -> list[int]:
    return [vocabulary.setdefault(token, len(vocabulary)) for token in rouge_tokens(text)]


def _progress_bar(total: int):
    from tqdm import tqdm  # only needed with progress=True

    return tqdm(total=total, desc="ROUGE-L to nearest reference", unit="text")

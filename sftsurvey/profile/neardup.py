"""Near-duplicate records: MinHash signatures of word shingles, and an LSH index (datasketch).

Each prompt (instruction, then input) becomes the set of its lower-cased word bigrams (words as
in :func:`sftsurvey.metrics.lexical.words`; a one-word text is its word, an empty text the empty
set). :func:`signatures` computes its MinHash with ``datasketch.MinHash`` (:data:`NUM_PERM`
permutations, seed :data:`SEED`), so equal texts always get equal signatures.
:class:`NearDuplicates` feeds signatures, in record order, through ``datasketch.MinHashLSH``
(:data:`THRESHOLD`): a record is a near duplicate when the index already holds a record whose
signature shares a band with its own. This is a sketch: a pair with Jaccard similarity ``s`` is
found with probability ``1 - (1 - s^r)^b`` (``b`` bands of ``r`` rows, chosen by datasketch to
balance misses and false finds around the threshold), so pairs just under the threshold are
sometimes counted and pairs just over it sometimes missed. ``tests/test_profile_neardup.py``
bounds the resulting error of the rate against exact Jaccard similarities. The index holds every
record (about ``b`` dictionary entries each), so its memory grows with the records.
"""

from __future__ import annotations

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from sftsurvey.metrics.lexical import words

NUM_PERM = 128
"""Permutations per MinHash signature."""
THRESHOLD = 0.8
"""The Jaccard similarity the LSH index is tuned to find."""
SEED = 1
"""The MinHash seed (fixed, so that signatures are the same on every run and worker)."""
SHINGLE = 2
SCHEME = "affine32"
"""datasketch 2's hashing scheme (its default), named so that signatures can be rebuilt."""


def shingles(text: str) -> set[bytes]:
    """The lower-cased word bigrams of ``text`` (its word alone if it has one)."""
    tokens = words(text)
    if len(tokens) < SHINGLE:
        return {t.encode() for t in tokens}
    return {" ".join(tokens[i : i + SHINGLE]).encode() for i in range(len(tokens) - SHINGLE + 1)}


def signatures(texts: list[str]) -> np.ndarray:
    """MinHash signatures of ``texts``: an ``(n, NUM_PERM)`` uint32 array."""
    out = np.empty((len(texts), NUM_PERM), dtype=np.uint32)
    sets = [list(shingles(text)) for text in texts]
    for i, minhash in enumerate(MinHash.bulk(sets, num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)):
        out[i] = minhash.hashvalues
    return out


class NearDuplicates:
    """An LSH index fed in record order; counts the records that match an earlier one."""

    def __init__(self, threshold: float = THRESHOLD):
        self.threshold = threshold
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.records = 0
        self.duplicates = 0

    def add(self, signatures: np.ndarray) -> None:
        for row in signatures:
            minhash = LeanMinHash(seed=SEED, hashvalues=row, scheme=SCHEME)
            if self.lsh.query(minhash):
                self.duplicates += 1
            self.lsh.insert(self.records, minhash, check_duplication=False)
            self.records += 1

    @property
    def bands(self) -> tuple[int, int]:
        """``(b, r)``: the index's bands and rows per band."""
        return self.lsh.b, self.lsh.r

"""Near-duplicate records: MinHash signatures of word shingles, and a compact LSH index.

Each prompt (instruction, then input) becomes the set of its lower-cased word bigrams (words as
in :func:`sftsurvey.metrics.lexical.words`; a one-word text is its word, an empty text the empty
set). :func:`signatures` computes its MinHash with ``datasketch.MinHash`` (:data:`NUM_PERM`
permutations, seed :data:`SEED`), so equal texts always get equal signatures.

The index is datasketch's LSH rule with datasketch's banding: ``datasketch.MinHashLSH`` chooses,
for :data:`THRESHOLD`, ``b`` bands of ``r`` rows (:data:`BANDS`, :data:`ROWS`: 9 of 13), and a
record is a near duplicate when an earlier record has the same ``r`` values in some band (what
``MinHashLSH.query`` returns before ``insert``). :func:`band_keys` turns each band of a signature
into one 64-bit BLAKE2b key (the band's number hashed with its values), and
:class:`NearDuplicates` keeps the keys seen so far in one sorted ``uint64`` array, so its memory
is 8 bytes per distinct key: at most ``8 b`` = 72 bytes per record (about 72 MB per million
records; briefly twice that while a chunk is merged in), against about 3 KB per record in
``MinHashLSH``'s dictionaries. It finds exactly the records ``MinHashLSH`` finds
(``tests/test_profile_neardup.py``), unless two different bands share a key: among the up to 9
million keys of a million records, a chance of about 1 in 450,000 (``K²/2⁶⁵`` for ``K`` keys), and
then one record may be miscounted.

This is a sketch: a pair with Jaccard similarity ``s`` is found with probability
``1 - (1 - s^r)^b`` (:func:`detection_probability`; datasketch chooses ``b`` and ``r`` to balance
misses and false finds around the threshold), so pairs just under the threshold are sometimes
counted and pairs just over it often missed (a pair at exactly 0.8 is found 40% of the time). The
rate's error therefore depends on how many pairs lie near the threshold, and no bound holds for
every dataset: ``tests/test_profile_neardup.py`` checks the detection probability on pairs of
known similarity, and the rate against exact Jaccard similarities on data with few pairs near
the threshold (where it is within 3 points).
"""

from __future__ import annotations

import hashlib

import numpy as np
from datasketch import MinHash, MinHashLSH

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

_BANDING = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
BANDS = _BANDING.b
"""Bands of the LSH index: datasketch's choice for :data:`THRESHOLD` and :data:`NUM_PERM` (9)."""
ROWS = _BANDING.r
"""Signature values per band: datasketch's choice (13)."""
KEY_BYTES = 8
"""Bytes of one band key (a BLAKE2b digest of that size)."""


def detection_probability(similarity: float) -> float:
    """The chance that the index finds a pair of records of Jaccard ``similarity``:
    ``1 - (1 - s^r)^b`` (0.40 at the 0.8 threshold itself, 0.93 at 0.9, 0.08 at 0.7)."""
    return 1.0 - (1.0 - similarity**ROWS) ** BANDS


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


def band_keys(signatures: np.ndarray) -> np.ndarray:
    """One 64-bit key per band of each signature: an ``(n, BANDS)`` uint64 array."""
    signatures = np.ascontiguousarray(signatures, dtype=np.uint32)
    digests = bytearray()
    for row in signatures:
        for band in range(BANDS):
            values = row[band * ROWS : (band + 1) * ROWS].tobytes()
            digests += hashlib.blake2b(
                values, digest_size=KEY_BYTES, person=b"band%d" % band
            ).digest()
    return np.frombuffer(bytes(digests), dtype=np.uint64).reshape(len(signatures), BANDS)


class NearDuplicates:
    """The LSH index, fed band keys in record order; counts records that match an earlier one."""

    def __init__(self):
        self.seen = np.empty(0, dtype=np.uint64)
        self.records = 0
        self.duplicates = 0

    def add(self, keys: np.ndarray) -> np.ndarray:
        """Count and index the records whose :func:`band_keys` are ``keys`` (in record order).

        Returns which of them match an earlier record (a boolean per record).
        """
        n = len(keys)
        if not n:
            return np.zeros(0, dtype=bool)
        flat = keys.ravel()
        unique, first, inverse = np.unique(flat, return_index=True, return_inverse=True)
        places, known = self._find(unique)
        record = np.arange(len(flat)) // BANDS
        earlier = (first // BANDS)[inverse.ravel()] < record  # an earlier record of the chunk
        matched = (known[inverse.ravel()] | earlier).reshape(n, BANDS).any(axis=1)
        self.duplicates += int(matched.sum())
        self.records += n
        self.seen = np.insert(self.seen, places[~known], unique[~known])
        return matched

    def _find(self, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Where sorted ``values`` go in the index, and which of them it holds already."""
        places = np.searchsorted(self.seen, values)
        known = places < len(self.seen)
        known[known] = self.seen[places[known]] == values[known]
        return places, known

    @property
    def bands(self) -> tuple[int, int]:
        """``(b, r)``: the index's bands and rows per band."""
        return BANDS, ROWS

    @property
    def nbytes(self) -> int:
        """Bytes the index holds (8 per distinct band key)."""
        return int(self.seen.nbytes)

"""Near duplicates by MinHash LSH: seeded, as datasketch's index, error against exact Jaccard bounded."""

from __future__ import annotations

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

from sftsurvey.profile import neardup


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def synthetic_prompts(n: int, seed: int = 0) -> list[str]:
    """Random word texts; a third of them edited copies of an earlier text (some near, some far)."""
    rng = np.random.default_rng(seed)
    vocabulary = [f"w{i}" for i in range(3000)]
    out: list[str] = []
    for _ in range(n):
        if out and rng.random() < 0.35:
            words = out[int(rng.integers(len(out)))].split()
            for _ in range(int(rng.integers(0, 5))):  # 0-4 substituted words
                words[int(rng.integers(len(words)))] = vocabulary[int(rng.integers(3000))]
            out.append(" ".join(words))
        else:
            out.append(" ".join(rng.choice(vocabulary, int(rng.integers(20, 40)))))
    return out


def exact_rate(texts: list[str], threshold: float) -> float:
    sets = [neardup.shingles(t) for t in texts]
    hits = sum(
        any(jaccard(sets[i], sets[j]) >= threshold for j in range(i)) for i in range(len(sets))
    )
    return hits / len(sets)


def lsh_rate(texts: list[str], chunk: int = 100) -> float:
    index = neardup.NearDuplicates()
    for start in range(0, len(texts), chunk):
        index.add(neardup.band_keys(neardup.signatures(texts[start : start + chunk])))
    return index.duplicates / index.records


def datasketch_duplicates(texts: list[str]) -> list[bool]:
    """Which records datasketch's own MinHashLSH finds in an earlier record (query, then insert)."""
    lsh = MinHashLSH(threshold=neardup.THRESHOLD, num_perm=neardup.NUM_PERM)
    found = []
    for i, row in enumerate(neardup.signatures(texts)):
        minhash = LeanMinHash(seed=neardup.SEED, hashvalues=row, scheme=neardup.SCHEME)
        found.append(bool(lsh.query(minhash)))
        lsh.insert(i, minhash, check_duplication=False)
    return found


def test_the_compact_index_finds_exactly_what_datasketch_finds():
    texts = synthetic_prompts(800, seed=4)
    expected = datasketch_duplicates(texts)
    assert 100 < sum(expected) < 400  # both kinds of records are there
    index = neardup.NearDuplicates()
    found = []
    for start in range(0, len(texts), 37):  # matches within and across chunks
        found += index.add(
            neardup.band_keys(neardup.signatures(texts[start : start + 37]))
        ).tolist()
    assert found == expected
    assert index.duplicates == sum(expected) and index.records == len(texts)
    lsh = MinHashLSH(threshold=neardup.THRESHOLD, num_perm=neardup.NUM_PERM)
    assert index.bands == (lsh.b, lsh.r)
    assert index.nbytes <= 8 * neardup.BANDS * len(texts)  # the stated bound on its memory


def test_the_lsh_rate_is_within_three_points_of_the_exact_rate():
    texts = synthetic_prompts(600)
    exact = exact_rate(texts, neardup.THRESHOLD)
    assert 0.1 < exact < 0.35  # the data hold near duplicates on both sides of the threshold
    assert abs(lsh_rate(texts) - exact) <= 0.03


def test_signatures_are_seeded_and_chunking_does_not_matter():
    texts = synthetic_prompts(120, seed=1)
    assert np.array_equal(neardup.signatures(texts), neardup.signatures(texts))
    assert lsh_rate(texts, chunk=7) == lsh_rate(texts, chunk=120)


def test_exact_copies_are_always_found_and_unrelated_texts_never():
    texts = ["write a poem about the sea", "translate this sentence into french please"]
    assert lsh_rate(texts + texts) == 0.5
    assert lsh_rate(synthetic_prompts(50, seed=3)[:1] + ["completely different words here"]) == 0


def test_pairs_of_known_similarity_are_found_as_often_as_the_banding_predicts():
    """The sketch's error: pairs at a Jaccard similarity near the threshold are often missed."""
    for similarity in (0.81, 0.9):
        found = []
        for i in range(300):
            base = [f"p{i}w{j}" for j in range(60)]  # 59 distinct bigrams
            shared = round(59 * 2 * similarity / (1 + similarity))  # |A ∩ B| for Jaccard s
            copy = base[: shared + 1] + [f"q{i}w{j}" for j in range(60 - shared - 1)]
            a, b = neardup.shingles(" ".join(base)), neardup.shingles(" ".join(copy))
            s = jaccard(a, b)
            index = neardup.NearDuplicates()
            index.add(neardup.band_keys(neardup.signatures([" ".join(base), " ".join(copy)])))
            found.append((s, index.duplicates == 1))
        mean_s = float(np.mean([s for s, _ in found]))
        share = float(np.mean([f for _, f in found]))
        expected = neardup.detection_probability(mean_s)
        se = (expected * (1 - expected) / len(found)) ** 0.5
        assert abs(share - expected) < 4 * se + 0.05, (similarity, share, expected)
    assert neardup.detection_probability(0.8) < 0.5 < neardup.detection_probability(0.9)

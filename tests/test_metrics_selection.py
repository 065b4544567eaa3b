"""Diversity measures and subset selections on tiny hand-made inputs with known answers.

Rows are scaled to unit length by every function, so 2-D toy points act as directions: a
"cluster" is a few points at nearly the same angle.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np
import pytest

from sftsurvey.metrics.selection import (
    cluster_coverage,
    coverage,
    diversity_first,
    facility_location,
    facility_location_greedy,
    kmeans_labels,
    mean_pairwise_cosine_distance,
    nearest_neighbour_similarity,
    unit_rows,
    vendi_score,
)


def at(*degrees: float) -> np.ndarray:
    """Unit 2-D points at these angles."""
    radians = np.deg2rad(degrees)
    return np.column_stack([np.cos(radians), np.sin(radians)])


# Three clusters of directions: six points near 0°, three near 120°, two near 240°.
CLUSTERS = at(0, 2, 4, 6, 8, 10, 118, 120, 122, 238, 242)
CLUSTER_OF = np.array([0] * 6 + [1] * 3 + [2] * 2)


def clustered(seed: int = 0, sizes=(30, 20, 10), d: int = 16, noise: float = 0.2) -> np.ndarray:
    """Random unit rows around ``len(sizes)`` random centres."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((len(sizes), d))
    rows = [c + noise * rng.standard_normal((m, d)) for c, m in zip(centres, sizes, strict=True)]
    return unit_rows(np.vstack(rows))


# --- measures ---------------------------------------------------------------------------------


def test_mean_pairwise_cosine_distance_known_values():
    assert mean_pairwise_cosine_distance([[1, 0], [2, 0], [3, 0]]) == pytest.approx(0)
    assert mean_pairwise_cosine_distance(np.eye(4)) == pytest.approx(1)
    assert mean_pairwise_cosine_distance([[1, 0], [-5, 0]]) == pytest.approx(2)
    # 0°, 90°, 180°: cosines 0, -1 and 0 -> mean -1/3
    assert mean_pairwise_cosine_distance(at(0, 90, 180)) == pytest.approx(4 / 3)


def test_mean_pairwise_cosine_distance_equals_all_pairs():
    X = np.random.default_rng(1).standard_normal((40, 7))
    U = unit_rows(X)
    pairs = [U[i] @ U[j] for i, j in combinations(range(len(U)), 2)]
    assert mean_pairwise_cosine_distance(X) == pytest.approx(1 - np.mean(pairs), abs=1e-12)


def test_measures_reject_bad_input():
    with pytest.raises(ValueError, match="zero rows"):
        mean_pairwise_cosine_distance([[1, 0], [0, 0]])
    with pytest.raises(ValueError, match="two rows"):
        mean_pairwise_cosine_distance([[1, 0]])
    with pytest.raises(ValueError, match="matrix"):
        vendi_score([1, 2, 3])


def test_nearest_neighbour_leaves_each_row_itself_out():
    X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    # without the exclusion every row's nearest neighbour would be itself, at similarity 1
    assert nearest_neighbour_similarity(X) == pytest.approx([2**-0.5] * 3)
    rng = np.random.default_rng(0)
    Y = rng.normal(size=(50, 8))
    U = Y / np.linalg.norm(Y, axis=1, keepdims=True)
    brute = [max(U[i] @ U[j] for j in range(50) if j != i) for i in range(50)]
    assert nearest_neighbour_similarity(Y) == pytest.approx(brute)
    assert (nearest_neighbour_similarity(Y) < 1).all()
    # an identical row elsewhere is another member: a true near-duplicate
    assert nearest_neighbour_similarity([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])[:2] == pytest.approx(
        [1, 1]
    )
    with pytest.raises(ValueError, match="at least two rows"):
        nearest_neighbour_similarity([[1.0, 0.0]])


def test_vendi_score_known_values():
    assert vendi_score([[1, 0]] * 5) == pytest.approx(1)
    assert vendi_score(np.eye(6)) == pytest.approx(6)
    # two directions, each twice: eigenvalues of K/n are 1/2, 1/2
    two = [[1, 0, 0], [2, 0, 0], [0, 1, 0], [0, 3, 0]]
    assert vendi_score(two) == pytest.approx(2)
    assert vendi_score(two, q=np.inf) == pytest.approx(2)
    assert vendi_score(two, q=2) == pytest.approx(2)
    # 3 copies of one direction and 1 of another: exp(H(3/4, 1/4))
    skewed = [[1, 0]] * 3 + [[0, 1]]
    assert vendi_score(skewed) == pytest.approx(
        np.exp(-(0.75 * np.log(0.75) + 0.25 * np.log(0.25)))
    )
    assert vendi_score(skewed, q=np.inf) == pytest.approx(4 / 3)


@pytest.mark.parametrize("shape", [(30, 5), (5, 30)])
def test_vendi_score_equals_the_n_by_n_kernel(shape):
    U = unit_rows(np.random.default_rng(2).standard_normal(shape))
    eigenvalues = np.linalg.eigvalsh(U @ U.T / len(U))
    p = eigenvalues[eigenvalues > 1e-15]
    assert vendi_score(U) == pytest.approx(np.exp(-(p * np.log(p)).sum()), rel=1e-10)
    assert vendi_score(U, q=2) == pytest.approx(1 / (p**2).sum(), rel=1e-10)


def test_kmeans_finds_the_three_clusters_and_coverage():
    labels = kmeans_labels(CLUSTERS, 3, seed=0)
    for members in (range(6), range(6, 9), range(9, 11)):  # one k-means cluster each
        assert len(set(labels[list(members)])) == 1
    assert len(set(labels)) == 3
    np.testing.assert_array_equal(kmeans_labels(CLUSTERS, 3, seed=0), labels)
    assert cluster_coverage(CLUSTERS, [0, 1, 2, 3], k=3, seed=0) == pytest.approx(1 / 3)
    assert cluster_coverage(CLUSTERS, [0, 6], k=3, seed=0) == pytest.approx(2 / 3)
    assert cluster_coverage(CLUSTERS, [5, 8, 10], k=3, seed=0) == 1
    assert coverage(np.array([0, 0, 1, 5]), [2]) == pytest.approx(1 / 3)  # label 5: 3rd cluster
    with pytest.raises(ValueError, match="k must be"):
        kmeans_labels(CLUSTERS, 12)


def test_facility_location_known_values():
    assert facility_location(at(0, 90), [0]) == pytest.approx(0.5)
    assert facility_location(at(0, 90, 180), [0]) == pytest.approx(1 / 3)  # -1 counts as 0
    assert facility_location(at(0, 60), [1]) == pytest.approx((0.5 + 1) / 2)
    assert facility_location(CLUSTERS, range(len(CLUSTERS))) == pytest.approx(1)
    assert facility_location(CLUSTERS, []) == 0


# --- QDIT: facility-location greedy -----------------------------------------------------------


def greedy_reference(X: np.ndarray, quality: np.ndarray, k: int, alpha: float) -> list[int]:
    """Plain greedy on the same objective, every gain recomputed from scratch (slow, obvious)."""
    U = unit_rows(X)
    sims = np.maximum(U @ U.T, 0)
    q = (quality - quality.min()) / (quality.max() - quality.min())

    def objective(rows: list[int]) -> float:
        diversity = sims[:, rows].max(axis=1).mean() if rows else 0.0
        return alpha * diversity + (1 - alpha) * q[rows].sum() / k

    selected: list[int] = []
    for _ in range(k):
        rest = [i for i in range(len(U)) if i not in selected]
        selected.append(max(rest, key=lambda i: objective([*selected, i])))
    return selected


def test_alpha_0_selects_by_quality_only():
    quality = np.array([0.3, 0.9, 0.1, 0.8, 0.5, 0.95, 0.2, 0.4, 0.6, 0.7, 0.05])
    picks = facility_location_greedy(CLUSTERS, quality, k=4, alpha=0)
    np.testing.assert_array_equal(picks, [5, 1, 3, 9])
    assert picks.dtype == np.int64


def test_alpha_1_spreads_over_the_clusters_whatever_the_quality():
    quality = np.where(CLUSTER_OF == 0, 1.0, 0.0)  # only the big cluster is "good"
    picks = facility_location_greedy(CLUSTERS, quality, k=3, alpha=1)
    assert picks[0] in (2, 3)  # the middle of the largest cluster covers most
    assert sorted(CLUSTER_OF[picks]) == [0, 1, 2]
    # and no three rows cover better (the exhaustive optimum)
    best = max(facility_location(CLUSTERS, list(c)) for c in combinations(range(11), 3))
    assert facility_location(CLUSTERS, picks) == pytest.approx(best)
    # with quality weighted in, the picks stay in the good cluster
    assert set(CLUSTER_OF[facility_location_greedy(CLUSTERS, quality, k=3, alpha=0.2)]) == {0}


@pytest.mark.parametrize("alpha", [0.0, 0.3, 0.7, 1.0])
def test_lazy_greedy_equals_plain_greedy(alpha):
    X = clustered(seed=3)
    quality = np.random.default_rng(4).random(len(X))
    picks = facility_location_greedy(X, quality, k=12, alpha=alpha)
    assert picks.tolist() == greedy_reference(X, quality, 12, alpha)
    assert len(set(picks.tolist())) == 12


def test_facility_location_greedy_is_deterministic_and_checks_input():
    X = clustered(seed=5, sizes=(200, 100, 50), d=32)
    quality = np.random.default_rng(6).random(len(X))
    first = facility_location_greedy(X, quality, k=60, alpha=0.5)
    np.testing.assert_array_equal(facility_location_greedy(X, quality, k=60, alpha=0.5), first)
    assert len(set(first.tolist())) == 60
    assert facility_location_greedy(X, quality, k=0).shape == (0,)
    flat = facility_location_greedy(X, np.ones(len(X)), k=5, alpha=0.5)  # constant quality
    np.testing.assert_array_equal(flat, facility_location_greedy(X, quality, k=5, alpha=1))
    with pytest.raises(ValueError, match="one value per row"):
        facility_location_greedy(X, quality[:-1], k=3)
    with pytest.raises(ValueError, match="alpha"):
        facility_location_greedy(X, quality, k=3, alpha=1.5)
    with pytest.raises(ValueError, match="k must be"):
        facility_location_greedy(X, quality, k=len(X) + 1)


# --- InsTag stand-in: k-center greedy ---------------------------------------------------------


def k_center_reference(X: np.ndarray, k: int, start: int) -> list[int]:
    U = unit_rows(X)
    selected = [start]
    while len(selected) < k:
        rest = [i for i in range(len(U)) if i not in selected]
        selected.append(max(rest, key=lambda i: min(1 - U[i] @ U[j] for j in selected)))
    return selected


def test_diversity_first_known_order():
    # From 0°, the farthest is 180°, then 90° (distance 1 to both), then 4° (the last step
    # away from 0°); the near-duplicates 2° and 92° come last.
    X = at(0, 2, 4, 90, 92, 180)
    for seed in range(20):
        picks = diversity_first(X, 4, seed=seed)
        if picks[0] == 0:
            assert picks.tolist() == [0, 5, 3, 2]
            break
    else:
        pytest.fail("no seed in 0..19 starts at row 0")


def test_diversity_first_spreads_and_is_deterministic():
    for seed in range(5):
        picks = diversity_first(CLUSTERS, 3, seed=seed)
        assert sorted(CLUSTER_OF[picks]) == [0, 1, 2]
        np.testing.assert_array_equal(diversity_first(CLUSTERS, 3, seed=seed), picks)
    starts = {int(diversity_first(CLUSTERS, 1, seed=seed)[0]) for seed in range(20)}
    assert len(starts) > 1  # the seed chooses the start
    everything = diversity_first(CLUSTERS, len(CLUSTERS), seed=0)
    assert sorted(everything.tolist()) == list(range(len(CLUSTERS)))
    assert diversity_first(CLUSTERS, 0).shape == (0,)


def test_diversity_first_equals_plain_k_center():
    X = clustered(seed=7)
    picks = diversity_first(X, 15, seed=8)
    assert picks.tolist() == k_center_reference(X, 15, int(picks[0]))

"""The surveyed sets, measured by the same code as a profiled dataset, and the comparison table.

The sets are the book's compared instruction sets (``compared: true`` in
``data/instruction-sets.yaml``, files of ``data/datasets.yaml`` read from the data mirror), keyed by
their IDs (:func:`sftsurvey.corpora.label` gives the name to show). Each is measured by
:func:`sftsurvey.profile.engines.run` like any profiled dataset; the results are cached as JSON
under ``$SFTSURVEY_CACHE/profile`` by a key over the registry checksums of their files, the
measurement groups and :data:`sftsurvey.profile.PROFILE_VERSION`. The topic clusters
(:class:`Clusters`) are the book's: k-means (seed 0) on the pooled embedding samples of the sets.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from sftsurvey import __version__, corpora, datasets
from sftsurvey.profile import PROFILE_VERSION
from sftsurvey.profile.engines import frame_chunks, run
from sftsurvey.profile.measures import GROUPS

N_CLUSTERS = 30
"""Topic clusters of the book's diversity page."""


@dataclass(frozen=True)
class Clusters:
    """The book's topic clusters: k-means labels of the pooled samples and the cluster means.

    A vector that is one of the pooled rows keeps the cluster k-means gave it, so the surveyed
    sets (and a profiled copy of one) reach exactly the clusters the book reports; any other
    vector goes to the nearest cluster mean (Euclidean, on unit rows: k-means' own assignment
    step, ``scipy.cluster.vq.vq``).
    """

    means: np.ndarray
    known: dict[bytes, int]

    @property
    def k(self) -> int:
        return len(self.means)

    def assign(self, vectors: np.ndarray) -> np.ndarray:
        """The cluster of each vector (see the class docstring)."""
        from scipy.cluster.vq import vq

        from sftsurvey.metrics import selection

        vectors = np.asarray(vectors, dtype=np.float32)
        labels, _ = vq(selection.unit_rows(vectors), self.means)
        for i, row in enumerate(vectors):
            labels[i] = self.known.get(row.tobytes(), labels[i])
        return labels

    def reached(self, vectors: np.ndarray) -> int:
        """How many clusters hold at least one of ``vectors``."""
        return len(np.unique(self.assign(vectors)))


def seed_instructions() -> list[str]:
    """The Self-Instruct seed instructions that ROUGE-L novelty is measured against."""
    return corpora.load_set(corpora.SEEDS)["instruction"].tolist()


def sample_vectors() -> dict[str, np.ndarray]:
    """The book's embedding sample of each surveyed set, by ID (cached by content hash)."""
    return {
        set_id: corpora.embeddings(corpora.sample(frame)["instruction"])
        for set_id, frame in corpora.load_all().items()
    }


@cache
def reference_clusters(k: int = N_CLUSTERS) -> Clusters:
    """k-means (seed 0) on the pooled samples of the surveyed sets, as the book fits it."""
    from sftsurvey.metrics import selection

    pooled = np.vstack(list(sample_vectors().values())).astype(np.float32)
    labels = selection.kmeans_labels(pooled, k, seed=0)
    units = selection.unit_rows(pooled)
    means = np.zeros((k, units.shape[1]))
    for cluster in np.unique(labels):
        means[cluster] = units[labels == cluster].mean(axis=0)
    used = np.unique(labels)  # an empty cluster has no mean: no vector goes there
    means[np.setdiff1d(np.arange(k), used)] = np.inf
    known = {row.tobytes(): int(label) for row, label in zip(pooled, labels, strict=True)}
    return Clusters(means, known)


def _reading_rule(entry) -> list:
    """What decides a surveyed file's records: its bytes and how the registry reads them."""
    return [
        entry.name,
        entry.sha256,
        entry.format,
        entry.layout,
        entry.records_key,
        sorted(entry.fields.items()),
        entry.joined_input,
    ]


def surveyed_profiles(groups: tuple[str, ...] = GROUPS) -> dict[str, dict]:
    """The measurements of each surveyed set by ID, measured like a profiled dataset (cached)."""
    sets = {s: datasets.instruction_set(s).files for s in datasets.compared_sets()}
    files = sorted({name for names in sets.values() for name in names})
    key = hashlib.sha256(
        json.dumps(
            [PROFILE_VERSION, __version__, list(groups), N_CLUSTERS, sets]
            + [_reading_rule(datasets.get(n)) for n in files]
        ).encode()
    ).hexdigest()[:20]
    path = datasets.cache_dir() / "profile" / f"surveyed-{key}.json"
    if path.is_file():
        return json.loads(path.read_text(encoding="utf-8"))
    seeds = seed_instructions()
    reference = reference_clusters() if "embeddings" in groups else None
    profiles = {}
    for set_id, frame in corpora.load_all().items():
        outcome = run(frame_chunks(frame), groups, seeds, reference)
        profiles[set_id] = {
            "measurements": outcome.measurements,
            "rouge_l": sorted(outcome.accumulator.counts["rouge_l"].items()),
        }
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(profiles, allow_nan=True), encoding="utf-8")
    tmp.replace(path)
    return profiles


def comparison_table(profiles: dict[str, dict], columns: dict[str, str]) -> pd.DataFrame:
    """One row per set (the keys of ``profiles``: IDs, to be renamed for display with
    :func:`sftsurvey.corpora.labels`), the measurements ``columns`` names (measurement → title)."""
    rows = {
        label: {title: entry["measurements"].get(name) for name, title in columns.items()}
        for label, entry in profiles.items()
    }
    return pd.DataFrame(rows).T


DIVERSITY_COLUMNS = {
    "records": "instructions",
    "instruction words (mean)": "instruction words (mean)",
    "output words (mean)": "output words (mean)",
    "MTLD of instructions": "MTLD of instructions",
    "mean pairwise cosine distance": "mean pairwise cosine distance",
    "Vendi score": "Vendi score",
    "nearest-neighbour cosine (median)": "nearest-neighbour cosine (median)",
    "topic clusters reached": f"topic clusters reached (of {N_CLUSTERS})",
}
"""The diversity page's comparison table, by measurement."""

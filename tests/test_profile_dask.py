"""``--engine dask`` gives the in-process numbers (a small cluster: 2 worker processes)."""

from __future__ import annotations

import pytest

from sftsurvey import corpora
from sftsurvey.profile import compare, measures
from sftsurvey.profile.engines import frame_chunks, run


def test_dask_equals_in_process_on_a_sample(tmp_path, monkeypatch):
    """Dask first, in worker processes, and each engine with its own empty cache of parses and
    embeddings: neither reads what the other computed."""
    frame = corpora.load_set("dolly").sample(240, random_state=0)
    seeds = compare.seed_instructions()
    groups = measures.GROUPS
    reference = compare.reference_clusters()
    monkeypatch.setenv("SFTSURVEY_CACHE", str(tmp_path / "dask"))
    dask = run(frame_chunks(frame, size=50), groups, seeds, reference, engine="dask")
    monkeypatch.setenv("SFTSURVEY_CACHE", str(tmp_path / "local"))
    local = run(frame_chunks(frame, size=50), groups, seeds, reference)
    assert (tmp_path / "dask" / "intermediates").is_dir()  # the workers parsed, not read a cache
    assert dask.engine["name"] == "dask" and dask.engine["workers"] == 2
    assert local.measurements.keys() == dask.measurements.keys()
    assert set(local.measurements) == set(measures.DEFINITIONS)  # every measurement compared
    for name, value in local.measurements.items():
        assert dask.measurements[name] == pytest.approx(value, rel=1e-12, nan_ok=True), name
    assert local.accumulator.pairs == dask.accumulator.pairs

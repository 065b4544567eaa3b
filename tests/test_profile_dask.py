"""``--engine dask`` gives the in-process numbers (a small cluster: 2 workers in threads)."""

from __future__ import annotations

import pytest

from sftsurvey import corpora
from sftsurvey.profile import compare, measures
from sftsurvey.profile.engines import frame_chunks, run


def test_dask_equals_in_process_on_a_sample():
    frame = corpora.load_set("dolly").sample(240, random_state=0)
    seeds = compare.seed_instructions()
    groups = measures.GROUPS
    reference = compare.reference_clusters()
    local = run(frame_chunks(frame, size=50), groups, seeds, reference)
    dask = run(
        frame_chunks(frame, size=50), groups, seeds, reference, engine="dask", processes=False
    )
    assert dask.engine["name"] == "dask" and dask.engine["workers"] == 2
    assert local.measurements.keys() == dask.measurements.keys()
    assert set(local.measurements) == set(measures.DEFINITIONS)  # every measurement compared
    for name, value in local.measurements.items():
        assert dask.measurements[name] == pytest.approx(value, rel=1e-12, nan_ok=True), name
    assert local.accumulator.pairs == dask.accumulator.pairs

"""Run the measurements in-process or on a Dask cluster: the same map, the same reduction.

Both engines read the records on the calling process, in chunks (so memory holds a few chunks),
and offer each chunk to the corpus sample there. The map, :func:`~sftsurvey.profile.measures.measure_chunk` on each chunk,
runs in the loop (``local``) or as one Dask task per chunk (``dask``: a
``distributed.LocalCluster`` of two single-threaded workers by default, or the cluster at
``scheduler``), with at most two tasks per worker in flight. The reduction,
:meth:`Accumulator.add <sftsurvey.profile.measures.Accumulator.add>`, merges the chunks' results in record order on the calling process: sums
of counts and value counts, unions of verb counts, hashes gathered for the exact-duplicate count,
and the LSH index fed in order, so both engines give identical numbers. The sampled
measurements (corpus MTLD and distinct-n, embeddings) run last, on the calling process with both
engines, so that their floating-point sums are the same.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from sftsurvey.profile.measures import Accumulator, measure_chunk, sampled_measures
from sftsurvey.profile.records import CHUNK_SIZE, COLUMNS

ENGINES = ("local", "dask")
DASK_WORKERS = 2


@dataclass
class Outcome:
    """The measurements of one dataset, with what the report's charts need."""

    measurements: dict[str, Any]
    accumulator: Accumulator
    engine: dict[str, Any]


def run(
    chunks: Iterable[pd.DataFrame],
    groups: tuple[str, ...],
    seeds: list[str],
    reference=None,
    *,
    engine: str = "local",
    scheduler: str | None = None,
    processes: bool = True,
) -> Outcome:
    """Measure the records of ``chunks`` with ``engine`` (see the module docstring)."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; use one of: {', '.join(ENGINES)}")
    accumulator = Accumulator(groups)
    if engine == "local":
        for chunk in chunks:
            accumulator.add_records(chunk)
            accumulator.add(measure_chunk(chunk, seeds, groups))
        sampled = sampled_measures(accumulator.sample_frame(), groups, reference)
        info = {"name": "local", "chunks": "in-process loop"}
    else:
        sampled, info = _run_dask(
            chunks, groups, seeds, reference, accumulator, scheduler, processes
        )
    return Outcome({**accumulator.result(), **sampled}, accumulator, info)


def _run_dask(chunks, groups, seeds, reference, accumulator, scheduler, processes):
    from distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=DASK_WORKERS,
            threads_per_worker=1,
            processes=processes,
            # a free port, never the default 8787: another cluster may hold it (with
            # None, distributed still binds 8787 for its HTTP routes and warns)
            dashboard_address=":0",
        )
        client = Client(cluster)
    try:
        workers = max(1, len(client.scheduler_info()["workers"]))
        seeds_future = client.scatter(seeds, broadcast=True)
        pending: deque = deque()
        for chunk in chunks:
            accumulator.add_records(chunk)
            pending.append(client.submit(measure_chunk, chunk, seeds_future, groups, pure=False))
            while len(pending) > 2 * workers:
                accumulator.add(pending.popleft().result())
        while pending:
            accumulator.add(pending.popleft().result())
        info = {
            "name": "dask",
            "scheduler": scheduler
            or f"LocalCluster({DASK_WORKERS} workers, processes={processes})",
            "workers": workers,
        }
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    # on the calling process, as in-process: a worker's BLAS threads would change the
    # floating-point sums of the embedding measures in their last digits
    return sampled_measures(accumulator.sample_frame(), groups, reference), info


def frame_chunks(frame: pd.DataFrame, size: int = CHUNK_SIZE) -> Iterable[pd.DataFrame]:
    """An in-memory table as chunks of :data:`~sftsurvey.profile.records.COLUMNS` (missing input ``""``, turns 2)."""
    table = frame.assign(
        input=frame["input"].fillna("") if "input" in frame else "",
        output=frame["output"].fillna(""),
        turns=frame.get("turns", 2),
    )[list(COLUMNS)].reset_index(drop=True)
    for start in range(0, len(table), size):
        yield table.iloc[start : start + size].reset_index(drop=True)

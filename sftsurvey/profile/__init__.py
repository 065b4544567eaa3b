"""Profile any instruction dataset with the survey's measurements, beside the surveyed sets.

``python -m sftsurvey profile PATH...`` (:mod:`~sftsurvey.profile.cli`) reads records in chunks
(:mod:`~sftsurvey.profile.reading`, :mod:`~sftsurvey.profile.records`), measures each chunk and
reduces the partial results (:mod:`~sftsurvey.profile.measures`, near duplicates in
:mod:`~sftsurvey.profile.neardup`) in-process or on Dask (:mod:`~sftsurvey.profile.engines`),
measures the surveyed sets the same way (:mod:`~sftsurvey.profile.compare`) and writes
``profile.json`` and a self-contained ``report.html`` (:mod:`~sftsurvey.profile.report`); a bad
input is one :mod:`~sftsurvey.profile.errors` line.
"""

from __future__ import annotations

PROFILE_VERSION = "3"
"""Bumped when a measurement's definition changes (part of the surveyed sets' cache key)."""

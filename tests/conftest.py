"""Shared fixtures: a valid catalogue entry to mutate, and the project root."""

from __future__ import annotations

from pathlib import Path

import pytest

from sftsurvey.paths import ROOT

VALID_ENTRY = """@inproceedings{zhou2023lima,
  title = {{LIMA}: Less Is More for Alignment},
  author = {Zhou, Chunting and Liu, Pengfei},
  booktitle = {Advances in Neural Information Processing Systems},
  year = {2023},
  eprint = {2305.11206},
  archivePrefix = {arXiv},
  primaryClass = {cs.CL},
  doi = {10.52202/075280-2400},
  url = {https://arxiv.org/abs/2305.11206},
  code = {https://github.com/example/lima},
  topics = {quantity, quality},
  origin = {seed},
  summary = {A short summary.},
  origdate = {2023-05-18},
  verified = {https://arxiv.org/abs/2305.11206}
}
"""


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def write_bib(tmp_path):
    """Write BibTeX text to a temporary ``papers.bib`` and return its path."""

    def write(text: str) -> Path:
        path = tmp_path / "papers.bib"
        path.write_text(text, encoding="utf-8")
        return path

    return write


def pytest_configure(config):
    """Use the data mirror beside the project (as the Makefile does) when none is set."""
    import os

    mirror = ROOT.parent / "shared" / "data"
    if not os.environ.get("SFTSURVEY_DATA_MIRROR") and mirror.is_dir():
        os.environ["SFTSURVEY_DATA_MIRROR"] = str(mirror)

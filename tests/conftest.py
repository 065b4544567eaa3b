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


@pytest.fixture(scope="session")
def book_build(tmp_path_factory) -> Path:
    """The whole book built once per test session (warnings are errors); its ``_build`` folder."""
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("book")
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    command = [str(jupyter_book), "build", str(ROOT), "--path-output", str(out), "-W", "-n"]
    run = subprocess.run([*command, "--keep-going"], capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]
    return out / "_build"


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

"""Shared fixtures: a valid catalogue entry to mutate, the project root, and the built book."""

from __future__ import annotations

import os
import re
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


BUILD = Path(os.environ.get("SURVEY_BUILD_DIR", ROOT / "_build")).resolve()
"""The book the book tests read: ``make book``'s (``make test`` runs it first), built once per run."""


def stale_sources(build: Path) -> list[str]:
    """What changed since ``build`` was made: the notebooks' inputs, or a page's source."""
    from sftsurvey import buildcache

    stamp = build / ".inputs-fingerprint"
    if not stamp.is_file() or stamp.read_text().strip() != buildcache.fingerprint(ROOT):
        return [f"{', '.join(buildcache.INPUTS)} (the fingerprint differs)"]
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    stale = []
    for name in re.findall(r"(?:root|file): (\S+)", toc):
        source, built = ROOT / f"{name}.md", build / "html" / f"{name}.html"
        if built.is_file() and source.stat().st_mtime > built.stat().st_mtime:
            stale.append(source.relative_to(ROOT).as_posix())
    return stale


@pytest.fixture(scope="session")
def book_build() -> Path:
    """The ``_build`` folder of ``make book`` (or ``$SURVEY_BUILD_DIR``); a missing or stale build
    fails with the command to run, so the tests never read a book older than its sources."""
    if not (BUILD / "html" / "index.html").is_file():
        pytest.fail(f"no built book in {BUILD}: run `make book` first (`make test` does)")
    stale = stale_sources(BUILD)
    if stale:
        pytest.fail(f"the book in {BUILD} is older than {', '.join(stale)}: run `make book`")
    return BUILD


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

"""One version number everywhere, and a CITATION.cff that validates against the CFF schema."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from sftsurvey import __version__, citation
from sftsurvey.paths import ROOT


def test_versions_agree():
    cff = citation.load()
    assert cff.version == __version__
    zenodo = json.loads((ROOT / ".zenodo.json").read_text())
    assert zenodo["version"] == __version__
    assert zenodo["publication_date"] == cff.date_released
    # the first released section (an '## [Unreleased]' section may sit above it)
    heading = re.search(
        r"^## \[(?!Unreleased\])([^\]]+)\](?: — (\S+))?", (ROOT / "CHANGELOG.md").read_text(), re.M
    )
    assert heading, "CHANGELOG.md needs a '## [version] — date' heading"
    assert heading.group(1) == __version__
    assert heading.group(2) == cff.date_released
    switcher = json.loads((ROOT / "_static" / "switcher.json").read_text())
    assert __version__ in [entry["version"] for entry in switcher]
    assert all({"name", "version", "url"} <= set(entry) for entry in switcher)


def test_citation_renders_every_form():
    cite = citation.load(url="https://example.org/x/")
    assert (
        cite.bibtex().startswith("@misc{sftsurvey")
        and f"version = {{{__version__}}}" in cite.bibtex()
    )
    assert __version__ in cite.formatted()
    tags = dict(cite.meta_tags())
    assert tags["citation_title"] and tags["citation_version"] == __version__
    assert re.fullmatch(r"\d{4}/\d{2}/\d{2}", tags["citation_publication_date"])
    assert tags["citation_public_url"] == "https://example.org/x/"


def test_cff_validates_against_the_schema():
    tool = os.environ.get("CFFCONVERT") or str(ROOT / ".venv-cff" / "bin" / "cffconvert")
    if not Path(tool).exists():
        pytest.fail("cffconvert is not installed: run `make test` (it sets up .venv-cff)")
    run = subprocess.run(
        [tool, "--validate", "-i", str(ROOT / "CITATION.cff")], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_invalid_cff_is_rejected(tmp_path):
    tool = os.environ.get("CFFCONVERT") or str(ROOT / ".venv-cff" / "bin" / "cffconvert")
    if not Path(tool).exists():
        pytest.fail("cffconvert is not installed: run `make test` (it sets up .venv-cff)")
    bad = tmp_path / "CITATION.cff"
    bad.write_text((ROOT / "CITATION.cff").read_text().replace("cff-version: 1.2.0\n", ""))
    run = subprocess.run([tool, "--validate", "-i", str(bad)], capture_output=True, text=True)
    assert run.returncode != 0


def test_every_release_names_a_commit_that_carries_its_version():
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import build_versions

    listed = build_versions.releases()
    assert listed, "releases.yaml lists no release"
    for tag, commit in listed.items():
        source = subprocess.run(
            ["git", "show", f"{commit}:sftsurvey/__init__.py"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert source.returncode == 0, f"{tag}: commit {commit} is not in this repository"
        assert f'__version__ = "{tag[1:]}"' in source.stdout, f"{tag}: {commit} has another version"


def test_a_malformed_release_entry_is_one_line(tmp_path):
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import build_versions

    bad = tmp_path / "releases.yaml"
    bad.write_text("- version: 1.0\n  commit: abc\n", encoding="utf-8")
    with pytest.raises(SystemExit, match=r"releases.yaml entry 1: needs version: X.Y.Z"):
        build_versions.releases(bad)


def test_a_reused_site_is_marked_as_dev_for_the_switcher(tmp_path):
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import build_versions

    options = "DOCUMENTATION_OPTIONS.theme_switcher_version_match = '0.2.0';"
    (tmp_path / "book").mkdir()
    (tmp_path / "book" / "intro.html").write_text(f"<script>{options}</script><p>0.2.0</p>")
    (tmp_path / "index.html").write_text('<meta http-equiv="refresh" content="0; url=book/">')
    assert build_versions.mark_as_dev(tmp_path) == 1
    page = (tmp_path / "book" / "intro.html").read_text()
    assert "theme_switcher_version_match = 'dev';" in page and "<p>0.2.0</p>" in page
    with pytest.raises(SystemExit, match="not a site of make book"):
        build_versions.mark_as_dev(tmp_path / "book" / "empty")

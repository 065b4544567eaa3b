"""The BibTeX export and the survey's own citation, compiled as authors cite them.

Two real toolchains from Debian's TeX Live (``make tex-tools`` installs them; ``make test``
depends on it): pdflatex + natbib + ``plainnat`` + bibtex with ``\\citep`` of every key, and
pdflatex + biblatex + biber with ``\\nocite{*}``. Each must run without a single warning,
leave no citation undefined, and print every proceedings paper with its proceedings' year.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from sftsurvey import catalogue, citation, exports, site

TOOLS = ("pdflatex", "bibtex", "biber")
LETTER = r"(?:\{\\natexlab\{[a-z]\}\})?"
"""plainnat's 2023a/2023b: ``2023{\natexlab{a}}``."""

NATBIB_DOC = r"""\documentclass{article}
\usepackage{natbib}
\usepackage{url}
\begin{document}
\citep{%s}
\bibliographystyle{plainnat}
\bibliography{papers,survey}
\end{document}
"""

BIBLATEX_DOC = r"""\documentclass{article}
\usepackage[backend=biber,style=authoryear]{biblatex}
\addbibresource{papers.bib}
\addbibresource{survey.bib}
\begin{document}
\nocite{*}
\printbibliography
\end{document}
"""


def _run(folder: Path, *command: str) -> str:
    done = subprocess.run(
        command, cwd=folder, capture_output=True, text=True, encoding="utf-8", errors="replace"
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"{' '.join(command)} failed in {folder}:\n{output[-3000:]}"
    return output


def _latex(folder: Path, name: str) -> None:
    _run(folder, "pdflatex", "-draftmode", "-interaction=nonstopmode", "-halt-on-error", name)


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> tuple[Path, catalogue.Catalogue, citation.SurveyCitation]:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} not installed: run `make tex-tools` (make test does)")
    folder = tmp_path_factory.mktemp("tex")
    cat = catalogue.load()
    survey = citation.load(url=site.base_url() or None)  # as How to cite shows it
    (folder / "papers.bib").write_text(exports.to_bibtex(cat), encoding="utf-8")
    (folder / "survey.bib").write_text(survey.bibtex() + "\n", encoding="utf-8")
    return folder, cat, survey


@pytest.fixture(scope="module")
def natbib(sources) -> dict[str, str]:
    folder, cat, survey = sources
    keys = ",".join([*(p.key for p in cat), survey.key])
    (folder / "natbib.tex").write_text(NATBIB_DOC % keys, encoding="utf-8")
    _latex(folder, "natbib")
    _run(folder, "bibtex", "natbib")
    _latex(folder, "natbib")
    _latex(folder, "natbib")
    return {
        ext: (folder / f"natbib.{ext}").read_text(errors="replace") for ext in ("log", "blg", "bbl")
    }


@pytest.fixture(scope="module")
def biber(sources) -> dict[str, str]:
    folder, _, _ = sources
    (folder / "biblatex.tex").write_text(BIBLATEX_DOC, encoding="utf-8")
    _latex(folder, "biblatex")
    _run(folder, "biber", "biblatex")
    _latex(folder, "biblatex")
    _latex(folder, "biblatex")  # authoryear labels settle on the second pass
    return {
        ext: (folder / f"biblatex.{ext}").read_text(errors="replace")
        for ext in ("log", "blg", "bbl")
    }


def _latex_warnings(log: str) -> list[str]:
    lines = [line for line in log.splitlines() if re.search(r"Warning|undefined", line)]
    return [
        line for line in lines if "\\pdfdraftmode enabled" not in line and "infwarerr" not in line
    ]


def test_bibtex_with_plainnat_has_no_warning(natbib):
    assert "Warning--" not in natbib["blg"], natbib["blg"]
    assert re.search(r"^warning\$ -- 0$", natbib["blg"], flags=re.M), natbib["blg"][-800:]
    assert _latex_warnings(natbib["log"]) == []


def test_plainnat_cites_every_key_with_its_cited_year(natbib, sources):
    _, cat, survey = sources
    items = {
        key: label
        for label, key in re.findall(r"\\bibitem\[(.*?)\]\{([^}]+)\}", natbib["bbl"], flags=re.S)
    }
    assert set(items) == {p.key for p in cat} | {survey.key}
    for paper in cat:
        assert re.search(rf"\({paper.year}{LETTER}\)", items[paper.key]), (
            paper.key,
            items[paper.key],
        )
    # the organisation stays one name (braced), not "contributors, The Instruction-Tuning …"
    assert " ".join(items[survey.key].split()).startswith(f"{{{survey.authors[0]}}}({survey.year})")


def test_plainnat_prints_the_proceedings_year_in_each_proceedings_entry(natbib, sources):
    _, cat, _ = sources
    bodies = dict(
        (key, body)
        for key, body in re.findall(
            r"\\bibitem\[.*?\]\{([^}]+)\}(.*?)(?=\\bibitem|\\end\{thebibliography\})",
            natbib["bbl"],
            flags=re.S,
        )
    )
    for paper in cat:
        if paper.entry_type == "inproceedings":
            body = " ".join(bodies[paper.key].split())
            assert re.search(rf"\b{paper.year}{LETTER}\.", body), (paper.key, body)
            if paper.first_year != paper.year:
                assert not re.search(rf", {paper.first_year}{LETTER}\.", body), paper.key


def test_biber_with_biblatex_has_no_warning(biber):
    assert not re.search(r"\b(WARN|ERROR)\b", biber["blg"]), biber["blg"]
    assert _latex_warnings(biber["log"]) == []


def test_biblatex_reads_the_cited_year_and_the_first_version(biber, sources):
    _, cat, survey = sources
    entries = dict(re.findall(r"\\entry\{([^}]+)\}(.*?)\\endentry", biber["bbl"], flags=re.S))
    assert set(entries) == {p.key for p in cat} | {survey.key}
    for paper in cat:
        body = entries[paper.key]
        assert f"\\field{{year}}{{{paper.year}}}" in body, paper.key
        if paper.month:
            assert f"\\field{{month}}{{{paper.month}}}" in body, paper.key
        if paper.get("origdate"):
            assert f"\\field{{origyear}}{{{paper.first_year}}}" in body, paper.key
    assert f"\\field{{year}}{{{survey.year}}}" in entries[survey.key]
    assert f"\\field{{version}}{{{survey.version}}}" in entries[survey.key]

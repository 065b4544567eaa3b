"""The PDF edition (``make pdf``, which ``make browser-test`` runs first): one document of the whole
book, with the version and date on its title page, its figures, and a link from "How to cite"."""

from __future__ import annotations

import functools
import re

import pytest

from browser_tests.helpers import ROOT, SITE, require_file
from sftsurvey import __version__, pdf
from sftsurvey import citation as survey_citation

BUILT = ROOT / "_build" / "pdf" / pdf.pdf_name()
SINGLE_PAGE = ROOT / "_build" / "singlehtml" / pdf.root_page(ROOT / "_toc.yml")


@functools.cache
def _reader():
    from pypdf import PdfReader

    if not BUILT.is_file():
        pytest.fail(f"no PDF edition at {BUILT}: run make pdf")
    return PdfReader(BUILT)


def _xobjects(page) -> int:
    resources = page.get("/Resources") or {}
    xobjects = resources.get("/XObject") or {}
    return len(xobjects)


def test_pdf_title_page_names_version_and_date():
    reader = _reader()
    cite = survey_citation.load()
    first = " ".join(reader.pages[0].extract_text().split())
    assert cite.title in first, first[:300]
    assert f"Version {__version__}" in first and cite.date_released in first, first[:300]
    assert reader.metadata.title == f"{cite.title} (version {__version__})"


def test_pdf_holds_every_chapter_and_its_figures():
    reader = _reader()
    assert len(reader.pages) >= 40, f"only {len(reader.pages)} pages"
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    chapters = ("Data quantity", "Scaling supervised data for math reasoning", "Findings")
    for heading in (*chapters, "References", "How to cite", "Changelog"):
        assert heading in text, f"{heading!r} is not in the PDF"
    # figures: the single page's SVG images are printed (as vector drawings; some as XObjects)
    # with their captions, e.g. the scaling curves, which the site shows interactively
    figures = len(re.findall(r"<img ", SINGLE_PAGE.read_text(encoding="utf-8")))
    assert figures >= 20, f"only {figures} figures in the single-page build"
    assert sum(_xobjects(p) for p in reader.pages) >= 10, "hardly any figure drawn in the PDF"
    assert "GSM8K accuracy (maj1@1, %) of supervised fine-tuning" in text
    # a figure's element, not the class's name quoted on the API page of sftsurvey.interactive
    assert 'class="plotly-graph-div"' not in SINGLE_PAGE.read_text(encoding="utf-8"), (
        "the PDF prints the static figures, not the interactive ones"
    )


def test_how_to_cite_links_the_pdf_of_this_version():
    page = require_file(SITE, "book/how-to-cite.html").read_text(encoding="utf-8")
    href = f"../{pdf.site_path()}"
    assert f'href="{href}"' in page, f"no link to {href}"
    assert (SITE / pdf.site_path()).read_bytes() == BUILT.read_bytes()

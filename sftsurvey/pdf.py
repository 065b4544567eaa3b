"""The PDF edition: the single-page HTML build of the book, printed by Debian's chromium.

``make pdf`` (``scripts/build_pdf.py``) builds the book with Sphinx's ``singlehtml`` builder
(notebooks come from the execution cache; figures are the static SVGs, see
``nb_mime_priority_overrides`` in ``_config.yml``), opens it in headless chromium through
Playwright, puts a title page with the version and date in front, hides the site's navigation and
prints it with ``page.pdf``; pypdf then writes the document's metadata (title, version).
"""

from __future__ import annotations

import html
from pathlib import Path

from sftsurvey import __version__
from sftsurvey import citation as survey_citation

PDF_DIR = "pdf"
"""Folder of the built site that holds the PDF edition (linked from "How to cite")."""


def pdf_name(version: str = __version__) -> str:
    """The PDF's file name for a version: ``instruction-tuning-data-survey-0.1.0.pdf``."""
    return f"instruction-tuning-data-survey-{version}.pdf"


def site_path(version: str = __version__) -> str:
    """The PDF's path inside the built site."""
    return f"{PDF_DIR}/{pdf_name(version)}"


def title_page_html(cite: survey_citation.SurveyCitation) -> str:
    """The title page: title, version, release date, authors, how to cite, where it lives."""
    where = (
        f'<p class="pdf-url">Online: {html.escape(cite.url)}</p>' if cite.url else ""
    )  # no placeholder when the site's address is not set
    return (
        '<section class="pdf-title-page">'
        f"<h1>{html.escape(cite.title)}</h1>"
        f'<p class="pdf-version">Version {html.escape(cite.version)} · '
        f"released {html.escape(cite.date_released)}</p>"
        f'<p class="pdf-authors">{html.escape("; ".join(cite.authors))}</p>'
        f'<p class="pdf-cite">Cite as: {html.escape(cite.formatted())}</p>'
        f"{where}"
        "</section>"
    )


PRINT_CSS = """
@page { size: A4; margin: 16mm 14mm; }
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-header-article, .header-article,
.prev-next-area, .bd-footer, .bd-footer-content, .bd-footer-article, footer, .run-it-yourself,
.cite-this-page, #pst-back-to-top, .headerlink, .toggle-button, .evidence-explorer,
.skip-link, .search-button, .theme-switch-button, #jb-print-docs-body { display: none !important; }
html, body, .bd-page-width, .bd-container, .bd-container__inner, .bd-main, .bd-content,
.bd-article-container, .bd-article, main {
  display: block !important; overflow: visible !important; height: auto !important;
  max-width: 100% !important; position: static !important;
}
.bd-article { padding: 0 !important; }
.pdf-title-page { break-after: page; text-align: center; padding-top: 30%; }
.pdf-title-page h1 { font-size: 2.2em; }
.pdf-version { font-size: 1.3em; margin-top: 2em; }
.pdf-cite, .pdf-url { font-size: 0.9em; margin-top: 3em; }
img, svg, figure, table { break-inside: avoid; max-width: 100% !important; }
.pdf-explorer-note { font-style: italic; }
"""
"""What the print hides (the site's navigation, the explorer's 3,000 rows) and the title page's
layout."""

PREPARE_PAGE = """
([titlePage, css, title]) => {
  const style = document.createElement("style");
  style.textContent = css;
  document.head.appendChild(style);
  const main = document.querySelector("article") || document.querySelector("main") || document.body;
  main.insertAdjacentHTML("afterbegin", titlePage);
  for (const table of document.querySelectorAll(".evidence-explorer")) {
    table.insertAdjacentHTML("afterend",
      '<p class="pdf-explorer-note">The evidence explorer is interactive: open it on the site, ' +
      'or read every row in the results download.</p>');
  }
  document.title = title;
}
"""


def root_page(toc: Path) -> str:
    """The single-page build's page: the book's root document (``root`` of ``_toc.yml``)."""
    import yaml

    return str(yaml.safe_load(Path(toc).read_text(encoding="utf-8"))["root"]) + ".html"


def pdf_title(cite: survey_citation.SurveyCitation) -> str:
    return f"{cite.title} (version {cite.version})"


def stamp_metadata(path: Path, cite: survey_citation.SurveyCitation) -> None:
    """Write the title, authors and version into the PDF's document information."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(path))
    writer.add_metadata(
        {
            "/Title": pdf_title(cite),
            "/Author": "; ".join(cite.authors),
            "/Subject": f"version {cite.version}, released {cite.date_released}",
            "/Keywords": f"version {cite.version}",
        }
    )
    with path.open("wb") as handle:
        writer.write(handle)

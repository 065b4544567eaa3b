"""Sphinx extension: the catalogue inside the book.

* validates ``bib/papers.bib`` when the build starts and reports each problem as
  one located line (with ``-W`` the build then stops);
* ``{catalogue-table}`` renders the papers of a topic (or all of them) as a table
  generated from the catalogue, followed by each paper's summary with a citation;
* registers an author–year label style for the bibliography.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sftsurvey import __version__, catalogue
from sftsurvey.bibstyle import register_pybtex_styles
from sftsurvey.overview import venue_family
from sftsurvey.paths import BIB_FILE

logger = logging.getLogger(__name__)


def _escape_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table_markdown(papers: list[catalogue.Paper], with_topics: bool) -> list[str]:
    """MyST lines: a table of the papers, then one summary line per paper."""
    head = ["Year", "Paper", "Venue", "Code"] + (["Topics"] if with_topics else [])
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for paper in papers:
        title = f"[{_escape_cell(paper.title)}]({paper.url}) {{cite:p}}`{paper.key}`"
        if paper.get("origin") == "added":
            title += " *(added beyond the seed list)*"
        code = f"[code]({paper.code})" if paper.code else "—"
        cells = [str(paper.year), title, venue_family(paper), code]
        if with_topics:
            cells.append(", ".join(paper.topics))
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    for paper in papers:
        lines.append(f"- {{cite:t}}`{paper.key}`: {paper.summary}")
    return lines


class CatalogueTable(SphinxDirective):
    """``{catalogue-table}`` with an optional ``:topic:`` (default: every paper)."""

    has_content = False
    option_spec = {"topic": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        bib = catalogue_path(self.env.app)
        self.env.note_dependency(str(bib))
        try:
            cat = catalogue.load(bib)
        except catalogue.CatalogueError as err:
            raise self.error(
                f"no table: {len(err.problems)} problem(s) in the catalogue, "
                "listed at the start of the build (or run: make check)"
            ) from None
        topic = self.options.get("topic")
        if topic:
            if topic not in catalogue.TOPICS:
                raise self.error(f"unknown topic {topic!r}; use one of {catalogue.TOPICS}")
            papers = cat.by_topic(topic)
        else:
            papers = sorted(cat, key=lambda p: (p.year, p.key))
        container = nodes.container(classes=["catalogue-table"])
        lines = StringList(table_markdown(papers, with_topics=not topic), source=str(bib))
        self.state.nested_parse(lines, self.content_offset, container)
        return [container]


def catalogue_path(app: Sphinx) -> Path:
    """The catalogue: ``survey_bib`` if set, else the first of ``bibtex_bibfiles``."""
    configured = app.config.survey_bib or (app.config.bibtex_bibfiles or [str(BIB_FILE)])[0]
    return Path(app.srcdir, configured)


def _validate_catalogue(app: Sphinx, config) -> None:
    _, problems = catalogue.parse(catalogue_path(app))
    for problem in problems:
        logger.error(str(problem))


def _set_version(app: Sphinx, config) -> None:
    config.version = config.release = __version__


def setup(app: Sphinx) -> dict:
    register_pybtex_styles()
    app.add_config_value("survey_bib", "", "env")
    app.connect("config-inited", _set_version)
    app.connect("config-inited", _validate_catalogue)
    app.add_directive("catalogue-table", CatalogueTable)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}

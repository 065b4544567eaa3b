"""Sphinx extension: the catalogue and the survey's own citation inside the book.

* validates ``bib/papers.bib`` when the build starts and reports each problem as
  one located line (with ``-W`` the build then stops);
* ``{catalogue-table}`` renders the papers of a topic (or all of them) as a table
  generated from the catalogue, followed by each paper's summary with a citation;
  the full catalogue also gets a copy-BibTeX button and a COinS span per paper (Zotero);
* ``{survey-citation}`` renders how to cite the survey, from ``CITATION.cff``;
* adds Highwire ``citation_*`` meta tags to the landing and how-to-cite pages only, and a
  "Cite this page" line with a COinS span (Zotero) to every other content page;
* after the build, writes the downloads (catalogue exports, results bundle, executed
  notebooks); the version switcher reads ``_static/switcher.json``, which
  ``scripts/build_versions.py`` rewrites for the multi-version site;
* registers an author–year label style for the bibliography.
"""

from __future__ import annotations

import ast
import html
import os
import posixpath
import re
import shutil
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from sftsurvey import __version__, catalogue, explorer, interactive, site
from sftsurvey import citation as survey_citation
from sftsurvey.bibstyle import register_pybtex_styles
from sftsurvey.explorer import catalogue_anchor
from sftsurvey.overview import venue_label
from sftsurvey.paths import BIB_FILE

logger = logging.getLogger(__name__)


def _escape_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _cite_cell(paper: catalogue.Paper) -> str:
    """A copy-BibTeX button (the entry sits in a hidden element) and a COinS span for Zotero."""
    from sftsurvey import exports

    # the entry travels in an attribute: text inside the cell would be parsed as Markdown
    entry = html.escape(exports.entry_bibtex(paper), quote=True)
    coins = html.escape(exports.coins(paper), quote=True)
    return (
        f'<button class="copy-bibtex" type="button" data-key="{paper.key}" '
        f'data-bibtex="{entry}" title="Copy the BibTeX entry of {paper.key}">BibTeX</button>'
        f'<span class="Z3988" title="{coins}"></span>'
    ).translate(_TABLE_SAFE)


# characters that would end a table cell or start a MyST substitution inside it
_TABLE_SAFE = str.maketrans({"|": "&#124;", "\n": "&#10;", "{": "&#123;", "}": "&#125;"})


def table_markdown(papers: list[catalogue.Paper], with_topics: bool) -> list[str]:
    """MyST lines: a table of the papers, then one summary line per paper."""
    head = ["Year", "Paper", "Venue", "Code"] + (["Topics", "Cite"] if with_topics else [])
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for paper in papers:
        title = f"[{_escape_cell(paper.title)}]({paper.url}) {{cite:p}}`{paper.key}`"
        if with_topics:  # the full catalogue: an anchor per paper (the evidence explorer links it)
            title = f'<span class="paper-anchor" id="{catalogue_anchor(paper.key)}"></span>' + title
        if paper.get("origin") == "added":
            title += " *(added beyond the seed list)*"
        code = f"[code]({paper.code})" if paper.code else "—"
        cells = [str(paper.first_year), title, venue_label(paper), code]
        if with_topics:
            cells.append(", ".join(paper.topics))
            cells.append(_cite_cell(paper))
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
            papers = sorted(cat, key=lambda p: (p.first_year, p.key))
        container = nodes.container(classes=["catalogue-table"])
        lines = StringList(table_markdown(papers, with_topics=not topic), source=str(bib))
        self.state.nested_parse(lines, self.content_offset, container)
        return [container]


def catalogue_path(app: Sphinx) -> Path:
    """The catalogue: ``survey_bib`` if set, else the first of ``bibtex_bibfiles``."""
    configured = app.config.survey_bib or (app.config.bibtex_bibfiles or [str(BIB_FILE)])[0]
    return Path(app.srcdir, configured)


class SurveyCitationDirective(SphinxDirective):
    """``{survey-citation}``: the formatted citation and BibTeX of the version being read."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        self.env.note_dependency(str(survey_citation.CFF_FILE))
        cite = survey_citation.load(url=self.config.html_baseurl)
        lines = [
            f"> {cite.formatted()}",
            "",
            "```bibtex",
            *cite.bibtex().splitlines(),
            "```",
        ]
        container = nodes.container(classes=["survey-citation"])
        self.state.nested_parse(StringList(lines), self.content_offset, container)
        return [container]


class PdfEditionDirective(SphinxDirective):
    """``{pdf-edition}``: a link to this version's PDF (``make pdf`` writes it into the site)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        from sftsurvey import pdf

        target = pdf.site_path(__version__)
        href = posixpath.relpath(target, posixpath.dirname(self.env.docname) or ".")
        markup = (
            f'<p class="pdf-edition">The whole book of version {html.escape(__version__)} as one '
            f'PDF, with the version and date on its title page: <a class="reference download" '
            f'href="{html.escape(href, quote=True)}">{html.escape(pdf.pdf_name())}</a>.</p>'
        )
        return [nodes.raw("", markup, format="html")]


CITABLE_PAGES = ("book/intro", "book/how-to-cite")
"""Only these pages carry citation_* tags, so that Scholar indexes the survey once."""


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Per page: plotly's script where a figure needs it, the run-it-yourself links, then
    citation meta tags or a cite-this-page line."""
    if interactive.MARKER in context.get("body", ""):
        app.add_js_file(interactive.ASSET)  # this page only (Sphinx >= 3.5)
    _run_it_yourself(app, pagename, context, doctree)
    if pagename not in CITABLE_PAGES:
        _cite_this_page(app, pagename, context, doctree)
        return
    cite = survey_citation.load(url=app.config.html_baseurl)
    tags = "".join(
        f'<meta name="{name}" content="{html.escape(value, quote=True)}" />\n'
        for name, value in cite.meta_tags()
    )
    context["metatags"] = context.get("metatags", "") + tags


def launch_links_html(binder: str = "", colab: str = "") -> str:
    """Binder and Colab buttons; empty when neither is configured (no broken button)."""
    links = [
        f'<a class="launch-button launch-{name.lower()}" href="{html.escape(url, quote=True)}" '
        f'rel="noopener">Open in {name}</a>'
        for name, url in (("Binder", binder), ("Colab", colab))
        if url
    ]
    return f'<p class="launch-buttons">{" ".join(links)}</p>' if links else ""


def run_it_yourself_html(
    ipynb_href: str, source_href: str, binder: str = "", colab: str = ""
) -> str:
    """Links to the page's executed notebook and its text source, and how to rerun it."""
    return (
        '\n<aside class="run-it-yourself" aria-label="Run this notebook">'
        "<p><strong>Run it yourself:</strong> download the "
        f'<a class="reference download" href="{html.escape(ipynb_href, quote=True)}" download>'
        "executed notebook (.ipynb)</a> or its "
        f'<a class="reference download" href="{html.escape(source_href, quote=True)}">'
        "text source (.md)</a>; <code>make book</code> in the repository reruns every notebook.</p>"
        f"{launch_links_html(binder, colab)}"
        "</aside>\n"
    )


def _run_it_yourself(app: Sphinx, pagename: str, context: dict, doctree) -> None:
    """Pages built from an executed notebook link to it (written by :func:`_write_downloads`)."""
    executed = Path(app.outdir).parent / "jupyter_execute" / f"{pagename}.ipynb"
    if doctree is None or "body" not in context or not executed.is_file():
        return
    pathto = context["pathto"]
    ipynb = pathto(f"_notebooks/{pagename}.ipynb", 1)
    source = pathto(f"_sources/{pagename}.md", 1)
    repository = site.repository_url()
    binder = site.binder_url(repository, site.repository_branch(), f"{pagename}.md")
    colab = site.colab_url(repository, site.base_url(), f"_notebooks/{pagename}.ipynb")
    context["body"] += run_it_yourself_html(ipynb, source, binder, colab)


def page_url(baseurl: str, pagename: str) -> str:
    """The published URL of a page (as sphinxext-opengraph's ``og:url``)."""
    return (baseurl.rstrip("/") + "/" if baseurl else "") + pagename + ".html"


def cite_this_page_html(cite: survey_citation.PageCitation) -> str:
    """The visible "Cite this page" line and its COinS span (Zotero saves the page as a
    section of the survey's version; Scholar does not read COinS, so it still sees one work)."""
    text = html.escape(cite.formatted())
    coins = html.escape(cite.coins(), quote=True)
    return (
        '\n<aside class="cite-this-page" aria-label="Cite this page">'
        f"<p><strong>Cite this page:</strong> {text}</p>"
        f'<span class="Z3988" title="{coins}"></span></aside>\n'
    )


def _cite_this_page(app: Sphinx, pagename: str, context: dict, doctree) -> None:
    """Every content page (not the search or index pages) says how to cite it."""
    if doctree is None or "body" not in context:
        return
    title = re.sub(r"<[^>]+>", "", str(context.get("title", ""))).strip()
    title = html.unescape(title) or str(app.config.project)
    url = page_url(str(app.config.html_baseurl), pagename)
    cite = survey_citation.load(url=app.config.html_baseurl).page(title, url)
    context["body"] += cite_this_page_html(cite)


_INLINE_SCRIPT = re.compile(r"[ \t]*<script>[^<]*</script>\n?")


def dedupe_inline_scripts(page: str) -> str:
    """Remove repeated identical inline ``<script>`` blocks, keeping the first of each.

    Jupyter Book 1 (with Sphinx 7.4) emits its thebe and togglebutton set-up scripts twice in
    every page, and the second ``const`` declaration throws a SyntaxError in the browser.
    """
    seen: set[str] = set()

    def keep_first(match: re.Match) -> str:
        body = match.group(0).strip()
        if body in seen:
            return ""
        seen.add(body)
        return match.group(0)

    return _INLINE_SCRIPT.sub(keep_first, page)


def _executed_notebook(path: Path, cache_dir: Path):
    """The notebook with its outputs: on a cache hit myst-nb writes it without them."""
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    if not code or any(c.get("outputs") for c in code) or not cache_dir.is_dir():
        return notebook
    from jupyter_cache import get_cache

    try:
        _, merged = get_cache(str(cache_dir)).merge_match_into_notebook(notebook)
    except KeyError:  # not in the cache: leave it as written
        return notebook
    return merged


def stable_cell_ids(notebook):
    """Number the cells (``cell-0``, ``cell-1``, …) instead of the random ids jupytext gives them,
    so that the downloadable notebook of one commit has the same bytes in every build."""
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index}"
    return notebook


def _tag_landing_redirect(app: Sphinx, index: Path) -> None:
    """Make the root redirect (a bare meta refresh from sphinx-external-toc) a full page with
    a title and OpenGraph tags, so that a shared link to the site gets a preview."""
    if not index.exists():
        return
    text = index.read_text(encoding="utf-8")
    target = re.search(r'http-equiv="Refresh" content="0; url=([^"]+)"', text)
    ours = 'property="og:type" content="website"' in text  # rewritten by an earlier build
    if ("<html" in text and not ours) or not target:
        return
    title = html.escape(str(app.config.project), quote=True)
    url = html.escape(str(app.config.html_baseurl), quote=True)
    page = target.group(1)
    og_url = f'<meta property="og:url" content="{url}" />' if url else ""  # unset: none
    index.write_text(
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8" />'
        f"<title>{title}</title>"
        f'<meta http-equiv="Refresh" content="0; url={page}" />'
        f'<meta property="og:title" content="{title}" />'
        f"{og_url}"
        '<meta property="og:type" content="website" />'
        f'</head><body><a href="{page}">{title}</a></body></html>\n',
        encoding="utf-8",
    )


def _write_downloads(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from sftsurvey import exports

    out = Path(app.outdir)
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        fixed = dedupe_inline_scripts(text)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")
    _tag_landing_redirect(app, out / "index.html")
    if not app.config.html_baseurl:  # no sitemap without the site's address (not even a stale one)
        (out / "sitemap.xml").unlink(missing_ok=True)
    explorer.copy_assets(out / "_static")
    interactive.copy_assets(out / "_static")
    exports.write_exports(out / "exports")
    import nbformat

    executed = Path(app.outdir).parent / "jupyter_execute"
    cache_dir = Path(
        app.config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache"
    )
    for notebook in sorted(executed.rglob("*.ipynb")) if executed.is_dir() else []:
        target = out / "_notebooks" / notebook.relative_to(executed)
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(stable_cell_ids(_executed_notebook(notebook, cache_dir)), target)
        # the page links its text source; an incremental build after a failed one can skip
        # Sphinx's copy of it, so make sure it is there
        rel = notebook.relative_to(executed).with_suffix(".md")
        source, copy = Path(app.srcdir) / rel, out / "_sources" / rel
        if source.is_file() and not copy.is_file():
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, copy)


def _validate_catalogue(app: Sphinx, config) -> None:
    _, problems = catalogue.parse(catalogue_path(app))
    for problem in problems:
        logger.error(str(problem))


GLUE_CALLS = frozenset({"glue", "glue_finding"})


def _is_glue(statement: ast.stmt) -> bool:
    """A statement that only glues: ``glue(…)``, ``x = glue_finding(…)``, or a loop of those."""
    if isinstance(statement, ast.Expr | ast.Assign) and isinstance(statement.value, ast.Call):
        func = statement.value.func
        return isinstance(func, ast.Name) and func.id in GLUE_CALLS
    if isinstance(statement, ast.For):
        return all(_is_glue(s) for s in statement.body)
    return False


def shows_nothing_new(source: str, has_output: bool) -> bool:
    """A code cell whose code is mostly there to ``{glue}`` values into the text: it glues and
    has no output, or at least half of its statements (imports aside) glue. Its input is folded
    one click away (:class:`HideGlueOnlyInput`); its output, if any, stays."""
    try:
        body = [s for s in ast.parse(source).body if not isinstance(s, ast.Import | ast.ImportFrom)]
    except SyntaxError:  # IPython syntax: judge by the text
        return not has_output and "glue(" in source
    glued = sum(_is_glue(s) for s in body)
    if not glued:
        return False
    return not has_output or glued * 2 >= len(body)


class HideGlueOnlyInput(SphinxPostTransform):
    """Give glue-only code cells myst-nb's ``hide-input`` treatment (a "Show code" toggle),
    without tagging every such cell in the notebooks. Runs just before myst-nb's
    ``HideInputCells`` (priority 199), which does the wrapping."""

    default_priority = 198
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for node in self.document.findall(nodes.container):
            if node.get("nb_element") != "cell_code" or node.get("hide_mode") or not node.children:
                continue
            first, last = node.children[0], node.children[-1]
            if first.get("nb_element") != "cell_code_source":
                continue
            has_output = last.get("nb_element") == "cell_code_output"
            if shows_nothing_new(first.astext(), has_output):
                node["hide_mode"] = "input"
                node["prompt_show"] = self.config.nb_code_prompt_show
                node["prompt_hide"] = self.config.nb_code_prompt_hide
                node["classes"].append("glue-only")


def _set_version(app: Sphinx, config) -> None:
    config.version = config.release = __version__
    # `{{ survey_version }}` in any page (MyST substitution) is the package version
    config.myst_substitutions = {**(config.myst_substitutions or {}), "survey_version": __version__}
    switcher = config.html_theme_options.get("switcher")
    if isinstance(switcher, dict):
        # scripts/build_versions.py builds the working tree as "dev"
        switcher["version_match"] = os.environ.get("SURVEY_VERSION_MATCH", __version__)


def _apply_site_settings(app: Sphinx, config) -> None:
    """The base URL and the repository, from their one setting (:mod:`sftsurvey.site`).

    Set, they give canonical links, OpenGraph URLs, the sitemap and the repository button; unset,
    none of these (the sitemap is skipped, since it needs absolute URLs) and no placeholder.
    """
    base, repository = site.base_url(), site.repository_url()
    config.html_baseurl = base
    config.ogp_site_url = base
    theme = config.html_theme_options
    theme["repository_url"] = repository
    theme["use_repository_button"] = bool(repository)
    theme["launch_buttons"] = {}  # ours are in "Run it yourself": the theme's Colab needs .ipynb
    if not base:
        for event in ("html-page-context", "build-finished"):
            for listener in list(app.events.listeners.get(event, [])):
                if getattr(listener.handler, "__module__", "").startswith("sphinx_sitemap"):
                    app.disconnect(listener.id)


def setup(app: Sphinx) -> dict:
    register_pybtex_styles()
    app.add_config_value("survey_bib", "", "env")
    app.connect("config-inited", _set_version)
    app.connect("config-inited", _apply_site_settings)
    app.connect("config-inited", _validate_catalogue)
    app.add_directive("catalogue-table", CatalogueTable)
    app.add_directive("survey-citation", SurveyCitationDirective)
    app.add_directive("pdf-edition", PdfEditionDirective)
    app.connect("html-page-context", _page_context)
    app.add_post_transform(HideGlueOnlyInput)
    app.connect("build-finished", _write_downloads)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}

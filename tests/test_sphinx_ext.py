"""Small pieces of the Sphinx extension that work on text."""

from __future__ import annotations

from sftsurvey.sphinx_ext import dedupe_inline_scripts


def test_repeated_inline_scripts_are_removed_once():
    page = (
        "<head>\n    <script>const A = 1;</script>\n    <script src='x.js'></script>\n"
        "    <script>const A = 1;</script>\n    <script>var b = 2;</script>\n</head>"
    )
    fixed = dedupe_inline_scripts(page)
    assert fixed.count("const A = 1;") == 1
    assert "var b = 2;" in fixed and "x.js" in fixed
    assert dedupe_inline_scripts(fixed) == fixed


def test_page_citation_names_page_survey_version_and_url():
    from urllib.parse import parse_qs

    from sftsurvey import __version__, citation
    from sftsurvey.sphinx_ext import cite_this_page_html, page_url

    url = page_url("https://example.org/survey/", "notebooks/frontier")
    assert url == "https://example.org/survey/notebooks/frontier.html"
    survey = citation.load(url="https://example.org/survey/")
    page = survey.page("The frontier & more", url)
    text = page.formatted()
    assert "The frontier & more" in text and f"(version {__version__})" in text
    assert text.endswith(url) and survey.title in text
    fields = parse_qs(page.coins())
    assert fields["rft.genre"] == ["bookitem"]
    assert fields["rft.atitle"] == ["The frontier & more"]
    assert fields["rft.btitle"] == [survey.title]
    assert fields["rft.au"] == list(survey.authors)
    assert url in fields["rft_id"]
    block = cite_this_page_html(page)
    assert "The frontier &amp; more" in block and 'class="Z3988"' in block


def test_downloadable_notebooks_get_stable_cell_ids(tmp_path):
    import jupytext
    import nbformat

    from sftsurvey.sphinx_ext import stable_cell_ids

    text = "---\njupytext:\n  text_representation: {extension: .md, format_name: myst}\n---\n# T\n\n```{code-cell} ipython3\n1 + 1\n```\n"
    written = []
    for run in range(2):
        notebook = stable_cell_ids(jupytext.reads(text, fmt="md:myst"))
        path = tmp_path / f"{run}.ipynb"
        nbformat.write(notebook, path)
        written.append(path.read_bytes())
    assert written[0] == written[1]
    assert [c["id"] for c in nbformat.reads(written[0].decode(), 4).cells] == ["cell-0", "cell-1"]

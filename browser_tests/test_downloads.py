"""The downloads exist, are well formed, agree with each other, and how-to-cite links to them."""

from __future__ import annotations

import csv
import json
import posixpath
import zipfile

import bibtexparser

from browser_tests.helpers import SITE, html_pages, parse_page, require_file

EXPORTS = [
    "exports/papers.bib",
    "exports/papers.ris",
    "exports/papers.csl.json",
    "exports/papers.csv",
    "exports/results.zip",
]


def test_catalogue_exports_agree():
    bib = bibtexparser.parse_file(str(require_file(SITE, "exports/papers.bib")))
    assert not bib.failed_blocks, f"papers.bib: {len(bib.failed_blocks)} unparsable block(s)"
    keys = sorted(entry.key for entry in bib.entries)
    assert keys, "papers.bib has no entry"

    csl = json.loads(require_file(SITE, "exports/papers.csl.json").read_text(encoding="utf-8"))
    assert sorted(item["id"] for item in csl) == keys, "papers.csl.json ids differ from papers.bib"

    with require_file(SITE, "exports/papers.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(keys), f"papers.csv has {len(rows)} rows for {len(keys)} papers"

    ris = require_file(SITE, "exports/papers.ris").read_text(encoding="utf-8").splitlines()
    starts = sum(line.startswith("TY  - ") for line in ris)
    ends = sum(line.rstrip() == "ER  -" for line in ris)
    assert starts == ends == len(keys), (
        f"papers.ris: {starts} TY / {ends} ER for {len(keys)} papers"
    )


def test_results_bundle_is_a_valid_zip():
    with zipfile.ZipFile(require_file(SITE, "exports/results.zip")) as bundle:
        assert bundle.testzip() is None, "results.zip has a corrupt member"
        names = bundle.namelist()
    assert any(name.endswith(".csv") for name in names), f"no CSV in results.zip: {names}"
    assert any(name.endswith("schema.yaml") for name in names), f"no schema.yaml: {names}"


def test_every_notebook_page_has_its_executed_notebook():
    pages = [p for p in html_pages() if p.startswith("notebooks/")]
    assert pages, f"no notebook pages in {SITE}/notebooks"
    problems = []
    for rel in pages:
        notebook = SITE / "_notebooks" / rel.replace(".html", ".ipynb")
        if not notebook.is_file():
            problems.append(f"{rel}: no {notebook.relative_to(SITE)}")
            continue
        cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
        code = [cell for cell in cells if cell.get("cell_type") == "code"]
        if code and not any(cell.get("outputs") for cell in code):
            problems.append(f"{notebook.relative_to(SITE)}: not executed (no output)")
    assert not problems, "\n  ".join(["executed notebooks:", *problems])


def test_how_to_cite_links_to_the_downloads():
    page = "book/how-to-cite.html"
    links = {
        posixpath.normpath(posixpath.join(posixpath.dirname(page), href.split("#")[0]))
        for href in parse_page(require_file(SITE, page)).links
        if "://" not in href
    }
    missing = [target for target in EXPORTS if target not in links]
    assert not missing, f"{page} does not link to {missing}"
    notebooks = sorted(link for link in links if link.startswith("_notebooks/"))
    assert notebooks, f"{page} links to no executed notebook"
    absent = [target for target in EXPORTS + notebooks if not (SITE / target).is_file()]
    assert not absent, f"{page} links to files that do not exist: {absent}"


def test_notebook_pages_link_their_notebook_and_source(page, site_url):
    """In the browser: each notebook page's "Run it yourself" links serve the executed .ipynb
    (valid JSON with outputs) and the .md source."""
    pages = [p for p in html_pages() if p.startswith("notebooks/")]
    assert pages, f"no notebook pages in {SITE}/notebooks"
    for rel in pages:
        page.goto(site_url + rel, wait_until="load")
        links = page.locator("aside.run-it-yourself a")
        assert links.count() == 2, f"{rel}: {links.count()} links in 'Run it yourself'"
        ipynb_url, md_url = (links.nth(i).evaluate("a => a.href") for i in range(2))
        assert ipynb_url.endswith(rel.replace(".html", ".ipynb")), f"{rel}: {ipynb_url}"
        served = page.request.get(ipynb_url)
        assert served.ok, f"{rel}: {ipynb_url} answered {served.status}"
        cells = json.loads(served.text())["cells"]
        assert any(cell.get("outputs") for cell in cells if cell["cell_type"] == "code"), (
            f"{ipynb_url}: no outputs"
        )
        source = page.request.get(md_url)
        assert source.ok and "```{code-cell}" in source.text(), f"{rel}: {md_url} is not the source"

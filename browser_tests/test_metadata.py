"""Metadata for indexers and link previews: Highwire citation tags, OpenGraph, the sitemap."""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET
from urllib.parse import parse_qs

import pytest

from browser_tests.helpers import (
    SITE,
    html_pages,
    pages_or_placeholder,
    parse_page,
    require_file,
)

CITABLE = ["book/intro.html", "book/how-to-cite.html"]
# Sphinx's generated pages have no content of their own to preview or to list.
GENERATED = {"genindex.html", "search.html"}
PAGES = html_pages()


def _baseurl() -> str:
    """The published URL from its one setting (``_config.yml`` or ``SURVEY_BASE_URL``); "" unset."""
    from sftsurvey import site

    return site.base_url()


def _meta(rel: str) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    for key, content in parse_page(require_file(SITE, rel)).meta:
        tags.setdefault(key, []).append(content)
    return tags


@pytest.mark.parametrize("rel", CITABLE)
def test_citable_pages_carry_citation_tags(rel):
    meta = _meta(rel)
    title = meta.get("citation_title", [])
    authors = [a for a in meta.get("citation_author", []) if a.strip()]
    dates = meta.get("citation_publication_date", [])
    versions = meta.get("citation_version", [])
    assert len(title) == 1 and title[0].strip(), f"{rel}: citation_title {title}"
    assert authors, f"{rel}: no citation_author"
    assert len(dates) == 1 and re.fullmatch(r"\d{4}/\d{2}/\d{2}", dates[0]), (
        f"{rel}: citation_publication_date {dates} is not one YYYY/MM/DD date"
    )
    datetime.datetime.strptime(dates[0], "%Y/%m/%d")  # a real calendar date
    assert len(versions) == 1 and versions[0].strip(), f"{rel}: citation_version {versions}"
    site_version = meta.get("docsearch:version", [])
    assert versions == site_version, (
        f"{rel}: citation_version {versions} but the site is version {site_version}"
    )


def test_other_pages_carry_no_citation_tags():
    assert "book/quantity.html" in PAGES, f"no book/quantity.html in {SITE}"
    tagged = {
        rel: sorted({key for key, _ in parse_page(SITE / rel).meta if key.startswith("citation_")})
        for rel in PAGES
        if rel not in CITABLE
    }
    tagged = {rel: keys for rel, keys in tagged.items() if keys}
    assert not tagged, f"citation_* tags outside {CITABLE}: {tagged}"


@pytest.mark.parametrize("rel", pages_or_placeholder([p for p in PAGES if p not in GENERATED]))
def test_page_has_opengraph_tags(rel):
    meta = _meta(rel)
    titles, urls = meta.get("og:title", []), meta.get("og:url", [])
    assert len(titles) == 1 and titles[0].strip(), f"{rel}: og:title {titles}"
    published = _baseurl()
    if not published and rel == "index.html":  # the redirect names no URL when none is set
        assert not urls, f"{rel}: og:url {urls} but no base URL is set"
        return
    expected = {published + rel} | ({published} if rel.endswith("index.html") else set())
    expected |= {published + rel.removesuffix("index.html")}
    assert len(urls) == 1 and urls[0] in expected, f"{rel}: og:url {urls}, expected {expected}"


def test_sitemap_lists_the_pages():
    if not _baseurl():  # a sitemap needs absolute URLs: none without the site's address
        assert not (SITE / "sitemap.xml").exists(), "sitemap.xml built without a base URL"
        return
    sitemap = require_file(SITE, "sitemap.xml")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [
        loc.text.strip() for loc in ET.parse(sitemap).getroot().findall("s:url/s:loc", namespace)
    ]
    published = _baseurl()
    outside = [loc for loc in locs if not loc.startswith(published)]
    assert not outside, f"sitemap URLs outside {published}: {outside}"
    listed = {loc.removeprefix(published) or "index.html" for loc in locs}
    missing_files = sorted(rel for rel in listed if not (SITE / rel).is_file())
    assert not missing_files, f"sitemap lists pages that do not exist: {missing_files}"
    # index.html only redirects to the first chapter: it need not be listed
    unlisted = sorted(set(PAGES) - listed - {"index.html"})
    assert not unlisted, f"pages missing from sitemap.xml: {unlisted}"


# Every content page other than the survey's own citation pages says how to cite it, with a
# COinS span Zotero's connector imports as a section of the survey's version.
CONTENT = [p for p in PAGES if p not in GENERATED and p not in CITABLE and p != "index.html"]


@pytest.mark.parametrize("rel", pages_or_placeholder(CONTENT))
def test_every_content_page_is_citable(page, site_url, rel):
    require_file(SITE, rel)
    page.goto(site_url + rel, wait_until="load")
    block = page.locator("aside.cite-this-page")
    assert block.count() == 1, f"{rel}: {block.count()} 'Cite this page' blocks"
    box = block.bounding_box()
    assert box and box["height"] > 0, f"{rel}: the 'Cite this page' line is not visible"
    spans = block.locator("span.Z3988")
    assert spans.count() == 1, f"{rel}: no COinS span in 'Cite this page'"
    coins = parse_qs(spans.get_attribute("title") or "")
    meta = _meta(rel)
    assert coins.get("rft.genre") == ["bookitem"], f"{rel}: COinS genre {coins.get('rft.genre')}"
    assert coins.get("rft.atitle") == meta["og:title"], (
        f"{rel}: COinS title {coins.get('rft.atitle')} but og:title {meta['og:title']}"
    )
    assert meta["og:url"][0] in coins.get("rft_id", []), f"{rel}: COinS lacks the page URL"
    assert coins.get("rft.au"), f"{rel}: COinS has no author"
    version = meta.get("docsearch:version", ["?"])[0]
    assert coins.get("rft.edition") == [f"version {version}"], f"{rel}: {coins.get('rft.edition')}"
    assert f"(version {version})" in block.inner_text(), f"{rel}: {block.inner_text()!r}"


@pytest.mark.parametrize("rel", CITABLE)
def test_citation_pages_have_no_page_coins(rel):
    """There Zotero must pick up the survey itself (Highwire tags), not a page of it."""
    assert "Z3988" not in require_file(SITE, rel).read_text(encoding="utf-8")

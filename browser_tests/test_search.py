"""The search page finds a paper by a word of its title, using the built search index."""

from __future__ import annotations

from urllib.parse import urljoin

from browser_tests.helpers import require_file

WORD = "Backtranslation"  # from the title of "Self-Alignment with Instruction Backtranslation"


def test_search_finds_a_paper_by_title_word(page, site_dir, site_url):
    require_file(site_dir, "search.html")
    require_file(site_dir, "searchindex.js")
    page.goto(f"{site_url}search.html?q={WORD}", wait_until="load")
    results = page.locator("#search-results ul.search li a")
    # Sphinx writes "Search finished, found N page(s)" into the summary when it is done
    page.locator("#search-results .search-summary").filter(has_text="found").wait_for()
    summary = page.locator("#search-results .search-summary").inner_text()
    hrefs = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs, f"no results for {WORD!r}: {summary!r}"
    mentioning = []
    for href in dict.fromkeys(h.split("#")[0] for h in hrefs):
        response = page.request.get(urljoin(page.url, href))
        assert response.ok, f"search result {href} -> HTTP {response.status}"
        if WORD.lower() in response.text().lower():
            mentioning.append(href)
    assert mentioning, f"none of the results for {WORD!r} mentions it: {hrefs}"

"""The search page finds a paper by a word of its title, using the built search index."""

from __future__ import annotations

from urllib.parse import urljoin

from browser_tests.helpers import require_file

WORD = "Backtranslation"  # from the title of "Self-Alignment with Instruction Backtranslation"

# Sphinx's searchtools writes its outcome into the summary when the search has finished.
FINISHED = """() => {
  const summary = document.querySelector("#search-results .search-summary");
  return summary && /finished|did not match/i.test(summary.textContent);
}"""


def test_search_finds_a_paper_by_title_word(page, site_dir, site_url):
    require_file(site_dir, "search.html")
    require_file(site_dir, "searchindex.js")
    page.goto(f"{site_url}search.html?q={WORD}", wait_until="load")
    page.wait_for_function(FINISHED)
    summary = page.locator("#search-results .search-summary").inner_text()
    hrefs = page.locator("#search-results ul.search li a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert hrefs, f"no results for {WORD!r}: {summary!r}"
    mentioning = []
    for href in dict.fromkeys(h.split("#")[0] for h in hrefs):
        response = page.request.get(urljoin(page.url, href))
        assert response.ok, f"search result {href} -> HTTP {response.status}"
        if WORD.lower() in response.text().lower():
            mentioning.append(href)
    assert mentioning, f"none of the results for {WORD!r} mentions it: {hrefs}"

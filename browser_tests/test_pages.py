"""Every page loads in the browser without a console error, a script error or a failed request."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from browser_tests.helpers import SITE, html_pages, pages_or_placeholder, parse_page, require_file

# genindex is an empty, generated page; search.html is loaded here too (without a query) and
# exercised with one in test_search.py.
# index.html only redirects (meta refresh) to the landing page, which is tested itself; loading a
# page that navigates away at once races the load-state waits below.
PAGES = [
    p
    for p in html_pages()
    if p != "genindex.html" and 'http-equiv="Refresh"' not in (SITE / p).read_text(errors="replace")
]

# Each page is loaded as a first visit (empty localStorage), as a reader arriving from a
# search engine would see it; otherwise only the first page of the run would show such errors.
FIRST_VISIT = "try { window.localStorage.clear(); } catch (e) {}"


@pytest.fixture(scope="module")
def problems(page, site_url):
    """The page's console errors, uncaught exceptions and failed local requests, per load."""
    found: list[str] = []
    origin = site_url.rstrip("/")
    # The browser asks the server's root for /favicon.ico by itself; the site is published
    # under a path (html_baseurl), so that request is outside the site and is not counted.
    favicon = f"{origin}/favicon.ico"

    def local(url: str) -> bool:
        return url.startswith(origin + "/") and url != favicon

    def on_console(message):
        if message.type == "error" and message.location.get("url") != favicon:
            found.append(f"console error: {message.text} (at {message.location.get('url')})")

    page.add_init_script(FIRST_VISIT)
    page.on("console", on_console)
    page.on("pageerror", lambda error: found.append(f"uncaught exception: {error}"))
    page.on(
        "requestfailed",
        lambda request: (
            local(request.url)
            and found.append(f"request failed: {request.url} ({request.failure})")
        ),
    )
    page.on(
        "response",
        lambda response: (
            local(response.url)
            and response.status >= 400
            and found.append(f"HTTP {response.status}: {response.url}")
        ),
    )
    return found


@pytest.mark.parametrize("rel", pages_or_placeholder(PAGES))
def test_page_loads_cleanly(rel, page, problems, site_url):
    require_file(SITE, rel)
    problems.clear()
    response = page.goto(site_url + rel, wait_until="load")
    status = response.status if response is not None else None
    assert status == 200, f"{rel}: HTTP {status}"
    # the version switcher and other scripts fetch after "load"; let them finish
    page.wait_for_load_state("networkidle")
    path = urlsplit(page.url).path
    assert not problems, f"{rel} (served as {path}):\n  " + "\n  ".join(problems)


def test_no_script_is_included_twice():
    """A script included twice runs twice: its handlers fire twice, its ``const``s clash."""
    twice = {}
    for rel in html_pages():
        scripts = parse_page(SITE / rel).scripts
        repeated = sorted({s for s in scripts if scripts.count(s) > 1})
        if repeated:
            twice[rel] = [s if len(s) < 90 else s[:87] + "..." for s in repeated]
    assert not twice, f"{len(twice)} page(s) include scripts twice, e.g. " + "; ".join(
        f"{rel}: {scripts}" for rel, scripts in list(twice.items())[:3]
    )

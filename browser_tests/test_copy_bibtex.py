"""The copy-BibTeX button of the catalogue puts exactly the paper's entry on the clipboard."""

from __future__ import annotations

import bibtexparser
import pytest

from browser_tests.helpers import require_file


@pytest.fixture(scope="module")
def context(browser, site_url):
    context = browser.new_context()
    context.set_default_timeout(15_000)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    yield context
    context.close()


def test_copy_bibtex_button(page, site_dir, site_url):
    require_file(site_dir, "book/catalogue.html")
    page.goto(site_url + "book/catalogue.html", wait_until="load")
    button = page.locator("button.copy-bibtex").first
    key = button.get_attribute("data-key")
    assert key, "the first copy-BibTeX button has no data-key"
    text = _click_and_read(page, button)
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks, f"clipboard is not valid BibTeX:\n{text}"
    assert [entry.key for entry in library.entries] == [key], f"clipboard for {key}:\n{text}"
    assert len(library.blocks) == 1, f"clipboard holds more than the entry of {key}:\n{text}"
    assert button.inner_text() == "Copied", f"button reads {button.inner_text()!r} after a click"


def _fields(entry) -> dict[str, str]:
    return {field.key.lower(): " ".join(str(field.value).split()) for field in entry.fields}


def _click_and_read(page, button) -> str:
    """Click a copy-BibTeX button; return what it put on the clipboard."""
    page.evaluate("navigator.clipboard.writeText('')")
    button.click()
    page.wait_for_function("async () => (await navigator.clipboard.readText()) !== ''")
    return page.evaluate("navigator.clipboard.readText()")


def test_every_button_copies_the_catalogue_entry(page, site_dir, site_url):
    """Each button copies its paper's entry of exports/papers.bib, field for field."""
    require_file(site_dir, "book/catalogue.html")
    export = bibtexparser.parse_file(str(require_file(site_dir, "exports/papers.bib")))
    expected = {entry.key: _fields(entry) for entry in export.entries}
    page.goto(site_url + "book/catalogue.html", wait_until="load")
    buttons = page.locator("button.copy-bibtex")
    assert buttons.count(), "no copy-BibTeX button on book/catalogue.html"
    wrong, keys = [], []
    for button in buttons.all():
        key = button.get_attribute("data-key")
        keys.append(key)
        text = _click_and_read(page, button)
        library = bibtexparser.parse_string(text)
        found = [entry.key for entry in library.entries]
        if library.failed_blocks or found != [key]:
            last = text.strip().splitlines()[-1] if text.strip() else ""
            wrong.append(f"{key}: not one valid entry (parsed {found}); ends with {last!r}")
        elif _fields(library.entries[0]) != expected.get(key):
            got, want = _fields(library.entries[0]), expected.get(key) or {}
            diff = sorted(k for k in got.keys() | want.keys() if got.get(k) != want.get(k))
            wrong.append(f"{key}: differs from exports/papers.bib in {diff}")
    assert not wrong, f"{len(wrong)} of {len(keys)} copy-BibTeX buttons copy a wrong entry:\n  " + (
        "\n  ".join(wrong)
    )
    missing = sorted(expected.keys() - set(keys))
    assert not missing, f"papers without a copy-BibTeX button: {missing}"

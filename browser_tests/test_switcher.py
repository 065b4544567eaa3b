"""The version switcher of the multi-version site lists every entry of switcher.json."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout


def test_switcher_lists_every_version(page, multiversion_dir, multiversion_url):
    entries = json.loads((multiversion_dir / "switcher.json").read_text(encoding="utf-8"))
    names = [entry.get("name", entry["version"]) for entry in entries]
    assert names, "switcher.json lists no version"
    dev_entries = json.loads((multiversion_dir / "dev" / "_static" / "switcher.json").read_text())
    assert dev_entries == entries, "dev/_static/switcher.json differs from the root's switcher.json"

    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(multiversion_url + "dev/book/intro.html", wait_until="load")
    button = page.locator(".version-switcher__button:visible").first
    button.click()
    items = page.locator(".version-switcher__menu.show a.dropdown-item")
    try:
        items.first.wait_for(timeout=5_000)
    except PlaywrightTimeout:
        pytest.fail(f"the switcher's dropdown lists no version after a click; errors: {errors}")
    listed = [name.strip() for name in items.all_inner_texts()]
    assert listed == names, f"switcher lists {listed}, switcher.json has {names}"
    assert "dev" in button.inner_text(), f"on dev/, the switcher reads {button.inner_text()!r}"


def test_root_redirects_to_a_version(page, multiversion_dir, multiversion_url):
    landing = "latest" if (multiversion_dir / "latest").is_dir() else "dev"
    page.goto(multiversion_url, wait_until="load")
    # two meta refreshes: the root to the version, the version's index to its first page; wait for
    # the last one to finish, so no navigation is still running when the test ends
    first_page = re.compile(rf"^{re.escape(multiversion_url)}{landing}/.+\.html$")
    page.wait_for_url(first_page, wait_until="load")
    assert page.url.startswith(f"{multiversion_url}{landing}/")
    assert page.locator("main h1:visible").count() >= 1, f"{page.url} shows no heading"

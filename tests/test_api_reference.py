"""The package pages document every module once, and notebook code links to them."""

from __future__ import annotations

import pkgutil
import re

import pytest

import sftsurvey
from sftsurvey.paths import ROOT

API = ROOT / "book" / "api"


def _documented() -> list[str]:
    return [
        name
        for page in sorted(API.glob("*.md"))
        for name in re.findall(r"^\.\. automodule:: (\S+)$", page.read_text(encoding="utf-8"), re.M)
    ]


def test_every_module_is_documented_exactly_once():
    modules = {m.name for m in pkgutil.walk_packages(sftsurvey.__path__, "sftsurvey.")}
    documented = _documented()
    missing = sorted(modules - set(documented))
    assert not missing, f"add to a page of book/api/: {missing}"
    assert sorted(set(documented) - modules) == [], "book/api/ documents modules that do not exist"
    twice = sorted({name for name in documented if documented.count(name) > 1})
    assert not twice, f"documented on two pages: {twice}"


def test_every_api_page_is_in_the_table_of_contents():
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    for page in API.glob("*.md"):
        assert f"file: book/api/{page.stem}\n" in toc, f"{page.name} is not in _toc.yml"


@pytest.mark.book
def test_notebook_calls_link_to_the_api_reference(book_build):
    """A call such as ``results.load_results()`` in a code cell is a link to its entry on a package page."""
    html = (book_build / "html" / "notebooks" / "frontier.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="\.\./book/api/\w+\.html#(sftsurvey\.[\w.]+)"', html))
    assert links, "no code-cell link to the package pages on the frontier page"
    api = (book_build / "html" / "book" / "api" / "results.html").read_text(encoding="utf-8")
    assert 'id="sftsurvey.results.load_results"' in api

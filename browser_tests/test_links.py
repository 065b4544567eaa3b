"""Internal links: every link and local resource of every page points at an existing file,
and every ``#fragment`` at an id of its target page. A fast pass over the files, no browser."""

from __future__ import annotations

import posixpath
import urllib.request
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from browser_tests.helpers import html_pages, parse_page


def _published_prefix() -> str:
    """The URL the site is published at (``html.baseurl``): links to it are internal too."""
    from sftsurvey import site

    return site.base_url()


def _target(site: Path, page: str, href: str, published: str) -> tuple[str, str] | None:
    """The (site-relative path, fragment) an internal href points at; None if external."""
    if published and href.startswith(published):
        href = "/" + href[len(published) :]
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None  # another site, mailto:, javascript:, data:
    if not parts.path:
        return page, unquote(parts.fragment)  # "#id" on the same page
    path = unquote(parts.path)
    joined = (
        path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(page), path)
    )
    target = posixpath.normpath(joined)
    if path.endswith("/") or (site / target).is_dir():
        target = posixpath.join(target, "index.html")
    return target, unquote(parts.fragment)


def find_broken(site: Path) -> list[str]:
    published = _published_prefix()
    broken: list[str] = []
    for page in html_pages(site):
        parsed = parse_page(site / page)
        refs = [(href, True) for href in parsed.links] + [(src, False) for src in parsed.resources]
        for href, is_link in refs:
            target = _target(site, page, href, published)
            if target is None:
                continue
            path, fragment = target
            file = site / path
            if path.startswith("../") or path == ".." or not file.is_file():
                broken.append(f"{page}: {href!r} -> {path} does not exist")
                continue
            if (
                is_link
                and fragment
                and path.endswith(".html")
                and fragment not in parse_page(file).ids
            ):
                broken.append(f"{page}: {href!r} -> no id {fragment!r} in {path}")
    return sorted(set(broken))


def test_internal_links_resolve(site_dir):
    pages = html_pages(site_dir)
    assert len(pages) > 5, f"only {pages} in {site_dir}"
    broken = find_broken(site_dir)
    assert not broken, f"{len(broken)} broken internal link(s):\n  " + "\n  ".join(broken)


def test_linked_files_are_served(site_dir, site_url):
    """The server answers 200 for every linked file (a spot check that files are the site)."""
    published = _published_prefix()
    targets = set()
    for page in html_pages(site_dir):
        for href in parse_page(site_dir / page).links:
            target = _target(site_dir, page, href, published)
            if target and not target[0].endswith(".html"):
                targets.add(target[0])
    failing = []
    for path in sorted(targets):
        try:
            with urllib.request.urlopen(site_url + quote(path), timeout=10) as response:
                if response.status != 200:
                    failing.append(f"{path}: HTTP {response.status}")
        except OSError as err:
            failing.append(f"{path}: {err}")
    assert not failing, "linked downloads not served:\n  " + "\n  ".join(failing)

"""Shared helpers of the browser tests: where the site is, its pages, a local server, a parser."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE = Path(os.environ.get("SURVEY_HTML_DIR", ROOT / "_build" / "html")).resolve()
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
NO_SITE = "<no built site: run make book>"


def html_pages(site: Path = SITE) -> list[str]:
    """Every HTML page of a built site, as a POSIX path relative to it, sorted.

    Folders starting with ``_`` hold assets, not pages (``_static`` has theme templates);
    folders starting with ``.`` are not part of the site (a stale build can leave some).
    """
    if not site.is_dir():
        return []
    pages = []
    for path in site.rglob("*.html"):
        rel = path.relative_to(site)
        if any(part.startswith(("_", ".")) for part in rel.parts[:-1]):
            continue
        pages.append(rel.as_posix())
    return sorted(pages)


def pages_or_placeholder(pages: list[str]) -> list[str]:
    """Parametrize with a failing placeholder rather than skipping an empty list silently."""
    return pages or [NO_SITE]


def require_file(site: Path, rel: str) -> Path:
    """The built file ``rel`` of ``site``; the test fails (not skips) when it is missing."""
    if rel == NO_SITE or not (site / rel).is_file():
        pytest.fail(f"{rel} is missing from the built site {site} (make book builds it)")
    return site / rel


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # the browser may drop a connection mid-file (e.g. a download it does not need)


def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free port of 127.0.0.1; yield the base URL (ending in /)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        # shutdown() waits for serve_forever to notice; never let that wait hang the session
        stopper = threading.Thread(target=server.shutdown, daemon=True)
        stopper.start()
        stopper.join(timeout=10)
        server.server_close()
        thread.join(timeout=5)


class PageParser(HTMLParser):
    """Collects a page's ids, links (``<a href>``), local resources and ``<meta>`` tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.resources: list[str] = []
        self.meta: list[tuple[str, str]] = []  # (name or property, content)
        self.scripts: list[str] = []  # each <script>: its src, or its inline code
        self._inline: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {name: value or "" for name, value in attrs}
        if "id" in attr:
            self.ids.add(attr["id"])
        if tag == "a" and "name" in attr:
            self.ids.add(attr["name"])
        if tag == "a" and "href" in attr:
            self.links.append(attr["href"])
        elif tag in ("img", "script") and attr.get("src"):
            self.resources.append(attr["src"])
        if tag == "script":
            if attr.get("src"):
                self.scripts.append(attr["src"].split("?")[0])
            else:
                self._inline = []
        elif tag == "link" and attr.get("href") and attr.get("rel") in ("stylesheet", "preload"):
            self.resources.append(attr["href"])
        elif tag == "meta" and "content" in attr:
            key = attr.get("name") or attr.get("property")
            if key:
                self.meta.append((key, attr["content"]))

    def handle_data(self, data: str) -> None:
        if self._inline is not None:
            self._inline.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._inline is not None:
            code = "".join(self._inline).strip()
            if code:
                self.scripts.append(code)
            self._inline = None


@functools.cache
def parse_page(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser

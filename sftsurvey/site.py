"""Where the survey lives: its repository and its published site, set in one place.

Both come from ``_config.yml`` (``repository.url`` and ``html.baseurl``); the environment
variables ``SURVEY_REPOSITORY_URL`` and ``SURVEY_BASE_URL`` override them for one build. Everything
else derives from these two: the canonical links, OpenGraph URLs and sitemap (base URL), the
Binder and Colab buttons and the repository link (repository URL), and ``repository-code`` in
``CITATION.cff`` (checked by a test). Unset, the book shows no button and no placeholder URL.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from urllib.parse import quote

import yaml

from sftsurvey.paths import ROOT

CONFIG_FILE = ROOT / "_config.yml"
BINDER = "https://mybinder.org"
COLAB = "https://colab.research.google.com"
_GITHUB = re.compile(r"^https://github\.com/([^/]+)/([^/]+?)(?:\.git)?/?$")


@cache
def _config(path: Path = CONFIG_FILE) -> dict:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}


def base_url(config: Path = CONFIG_FILE) -> str:
    """The published site's URL, ending in ``/``; empty when not set."""
    value = os.environ.get("SURVEY_BASE_URL")
    if value is None:
        value = (_config(config).get("html") or {}).get("baseurl") or ""
    value = value.strip()
    return value if not value or value.endswith("/") else value + "/"


def repository_url(config: Path = CONFIG_FILE) -> str:
    """The repository's URL (``https://github.com/OWNER/NAME``); empty when not set."""
    value = os.environ.get("SURVEY_REPOSITORY_URL")
    if value is None:
        value = (_config(config).get("repository") or {}).get("url") or ""
    return value.strip().rstrip("/")


def repository_branch(config: Path = CONFIG_FILE) -> str:
    return (_config(config).get("repository") or {}).get("branch") or "main"


def github_slug(repository: str) -> str:
    """``OWNER/NAME`` of a GitHub repository URL, or empty for another host."""
    match = _GITHUB.match(repository)
    return f"{match.group(1)}/{match.group(2)}" if match else ""


def binder_url(repository: str, branch: str, path: str) -> str:
    """Binder opening ``path`` (a MyST notebook: jupytext, from requirements.txt, opens it)."""
    slug = github_slug(repository)
    if not slug:
        return ""
    return f"{BINDER}/v2/gh/{slug}/{quote(branch)}?urlpath={quote('lab/tree/' + path, safe='')}"


PAGES_BRANCH = "gh-pages"
"""The branch a GitHub Pages site is published from (Colab opens notebooks from GitHub only)."""


def colab_url(repository: str, base: str, notebook: str) -> str:
    """Colab opening the executed notebook the site publishes (``_notebooks/…``).

    Colab opens ``.ipynb`` files from GitHub only, and the repository holds the notebooks as
    MyST text, so the button exists only when the site is the repository's GitHub Pages site
    (``https://OWNER.github.io/NAME/…``), whose files sit on its ``gh-pages`` branch.
    """
    slug = github_slug(repository)
    if not slug or not base:
        return ""
    owner, name = slug.split("/")
    pages = re.match(
        rf"^https://{re.escape(owner)}\.github\.io/{re.escape(name)}/(.*)$", base, re.I
    )
    if not pages:
        return ""
    path = pages.group(1) + notebook
    return f"{COLAB}/github/{slug}/blob/{PAGES_BRANCH}/{quote(path)}"

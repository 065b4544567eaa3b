"""Where the project's files live, and how to show a path to a reader."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
"""The project root (the folder holding ``bib/``, ``book/`` and this package).

:meta hide-value:
"""

BIB_FILE = ROOT / "bib" / "papers.bib"
RESULTS_DIR = ROOT / "data" / "results"


def display_path(path: Path | str) -> str:
    """``path`` relative to the current folder when it lies below it, else absolute."""
    path = Path(path).resolve()
    try:
        return os.path.relpath(path) if path.is_relative_to(Path.cwd()) else str(path)
    except ValueError:  # another drive
        return str(path)

"""Keep the book's execution cache honest.

jupyter-cache keys a notebook on its code cells only, so a change to the package,
the catalogue, the results or the pinned requirements would leave stale outputs.
Before each build we hash those inputs; when the hash changed, the cached
executions and doctrees are removed and everything is executed again.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tomllib
from pathlib import Path

from sftsurvey.paths import ROOT

INPUTS = ("sftsurvey", "bib", "data", "requirements.txt", "pyproject.toml")
CACHED = (".jupyter_cache", ".doctrees", "jupyter_execute")
PYPROJECT_TABLES = ("build-system", "project")
"""What counts of ``pyproject.toml``: the package and its dependencies, not the tools' settings
(a change to pytest's or ruff's configuration re-executes no notebook)."""


def _content(path: Path) -> bytes:
    if path.name != "pyproject.toml":
        return path.read_bytes()
    settings = tomllib.loads(path.read_text(encoding="utf-8"))
    kept = {name: settings.get(name) for name in PYPROJECT_TABLES}
    return json.dumps(kept, sort_keys=True).encode()


def fingerprint(root: Path = ROOT) -> str:
    """sha256 over the names and bytes of every file the notebooks may read."""
    digest = hashlib.sha256()
    for name in INPUTS:
        base = root / name
        files = sorted(base.rglob("*")) if base.is_dir() else [base]
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(_content(path) + b"\0")
    return digest.hexdigest()


def refresh(build_dir: Path, root: Path = ROOT) -> int:
    """Clear the caches under ``build_dir`` when the inputs changed since the last build."""
    stamp = build_dir / ".inputs-fingerprint"
    current = fingerprint(root)
    previous = stamp.read_text().strip() if stamp.exists() else None
    if previous != current:
        for name in CACHED:
            shutil.rmtree(build_dir / name, ignore_errors=True)
        build_dir.mkdir(parents=True, exist_ok=True)
        stamp.write_text(current + "\n")
        state = "first build" if previous is None else "inputs changed"
        print(f"build cache: {state}, notebooks will be executed afresh")
    else:
        print("build cache: inputs unchanged, cached notebook outputs are reused")
    return 0

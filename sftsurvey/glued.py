"""Every value the book glues into its text, read back from the build's execution cache.

A notebook's ``glue(name, value)`` calls leave one output each in the executed notebook that
jupyter-cache stores under ``_build/.jupyter_cache``; this module reads them for every executed
page, as ``{page: {name: text}}`` (the text is what ``{glue}`` prints: the value's plain-text form).
A snapshot of them (``tests/data/glued-values.json``, written by ``scripts/glued_values.py
--write``) lets a refactoring prove that no number in the book changed.
"""

from __future__ import annotations

import json
from pathlib import Path

import jupytext
from jupyter_cache import get_cache

SNAPSHOT_NAME = "glued-values.json"
_TEXT = "text/plain"


def _glue_outputs(notebook) -> dict[str, str]:
    """Each glued name of one executed notebook with its plain-text value."""
    values: dict[str, str] = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            record = output.get("metadata", {}).get("scrapbook")
            if not record:
                continue
            prefix = record.get("mime_prefix", "")
            data = output.get("data", {})
            text = data.get(prefix + _TEXT, data.get(_TEXT, ""))
            values[record["name"]] = "".join(text) if isinstance(text, list) else str(text)
    return values


def read_glued(cache_dir: Path, root: Path) -> dict[str, dict[str, str]]:
    """Glued values of every page executed in this build, keyed by path relative to ``root``.

    For each source page the cache holds, the executed copy is the one whose code matches the
    page's current source (an older execution of an edited page is never read); a page whose
    current source has no executed copy is an error naming it, since its values are unknown.
    """
    if not (cache_dir / "global.db").is_file():
        raise FileNotFoundError(
            f"{cache_dir}: no execution cache; build the book first (make book)"
        )
    cache = get_cache(str(cache_dir))
    pages = sorted({Path(record.uri) for record in cache.list_cache_records()})
    glued: dict[str, dict[str, str]] = {}
    for page in pages:
        if not page.is_file():
            continue  # executed in another checkout (the cache travels with _build)
        try:
            relative = page.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            continue
        try:
            pk = cache.match_cache_notebook(jupytext.read(page)).pk
        except KeyError:
            raise LookupError(
                f"{relative}: its current source was not executed in this build; run make book"
            ) from None
        values = _glue_outputs(cache.get_cache_bundle(pk).nb)
        if values:
            glued[relative] = values
    return glued


def compare(before: dict[str, dict[str, str]], after: dict[str, dict[str, str]]) -> list[str]:
    """One line per glued value added, removed or changed between two readings."""
    lines = []
    for page in sorted(set(before) | set(after)):
        old, new = before.get(page, {}), after.get(page, {})
        for name in sorted(set(old) | set(new)):
            if name not in new:
                lines.append(f"{page}: {name} removed (was {old[name]!r})")
            elif name not in old:
                lines.append(f"{page}: {name} added ({new[name]!r})")
            elif old[name] != new[name]:
                lines.append(f"{page}: {name} changed from {old[name]!r} to {new[name]!r}")
    return lines


def load_snapshot(path: Path) -> dict[str, dict[str, str]]:
    """The stored snapshot (``{page: {name: text}}``)."""
    return json.loads(path.read_text(encoding="utf-8"))


def write_snapshot(glued: dict[str, dict[str, str]], path: Path) -> None:
    """Store a reading as sorted, indented JSON, so that its diffs are readable."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(glued, indent=1, sort_keys=True, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")

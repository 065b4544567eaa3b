"""The instruction sets the notebooks analyse, declared once in ``data/instruction-sets.yaml``.

Each set has a short ID (``alpaca``, ``dolly``, ``code-alpaca``) that code uses, a display label
that tables, charts and text show (never a key), its registry files (names or fnmatch patterns,
expanded in the registry's order) and whether it is one of the sets the diversity pages compare
(``compared``). ``python -m sftsurvey precompute`` parses every declared set;
:func:`problems` checks the file (``make check``), one line per problem.
"""

from __future__ import annotations

import difflib
import fnmatch
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from sftsurvey.datasets import located
from sftsurvey.datasets.entries import DatasetError, registry
from sftsurvey.datasets.located import child, key_lines, line_of, misspelt, use_one_of
from sftsurvey.paths import ROOT, display_path

SETS_FILE = ROOT / "data" / "instruction-sets.yaml"
SET_KEYS: tuple[str, ...] = ("label", "files", "compared")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
"""An ID: lower-case letters and digits, in words joined by single hyphens."""


@dataclass(frozen=True)
class InstructionSet:
    """One declared set: its ID, display label, registry files and whether it is compared."""

    id: str
    label: str
    files: tuple[str, ...]
    compared: bool = False

    @property
    def file(self) -> str:
        """The registry name of a one-file set."""
        if len(self.files) != 1:
            raise DatasetError(
                None,
                f"has {len(self.files)} files, not one",
                "use .files",
                f"instruction set {self.id!r}",
            )
        return self.files[0]


def _expand(pattern: str, names: list[str]) -> list[str]:
    if any(char in pattern for char in "*?["):
        return [name for name in names if fnmatch.fnmatchcase(name, pattern)]
    return [pattern] if pattern in names else []


def _set_problems(set_id: Any, spec: Any, names: list[str]) -> list[tuple[str | None, str, str]]:
    """(key or None, what, fix) for each problem of one set."""
    found: list[tuple[str | None, str, str]] = []
    if not (isinstance(set_id, str) and ID_PATTERN.match(set_id)):
        found.append((None, "not a valid ID", "use lower-case letters, digits and hyphens"))
    if not isinstance(spec, dict):
        return [*found, (None, "not a mapping", "give label and files (and compared: true)")]
    for key in spec:
        if key not in SET_KEYS:
            found.append((key, f"unknown key {key!r}", use_one_of(key, SET_KEYS)))
    typos = misspelt(spec, SET_KEYS)  # a misspelt key is reported once, not also as missing
    if "label" not in typos and not (isinstance(spec.get("label"), str) and spec["label"].strip()):
        found.append(("label", "no label", "give the name tables and charts show"))
    files = spec.get("files")
    if "files" in typos and files is None:
        pass
    elif not (isinstance(files, list) and files and all(isinstance(f, str) for f in files)):
        found.append(("files", "no files", "give `files: [registry name or pattern, ...]`"))
    else:
        for pattern in files:
            if not _expand(pattern, names):
                close = difflib.get_close_matches(pattern, names, n=1)
                hint = f"did you mean {close[0]!r}? " if close else ""
                found.append(
                    (
                        "files",
                        f"{pattern!r} is no file of the registry",
                        f"{hint}use a name of data/datasets.yaml",
                    )
                )
    if not isinstance(spec.get("compared", False), bool):
        found.append(("compared", "not true or false", "write `compared: true` or leave it out"))
    return found


def _read(path: Path) -> tuple[dict[str, InstructionSet] | None, list[str]]:
    where = display_path(path)
    try:
        data, root = located.read(path)
    except located.YamlFileError as error:
        return None, [str(error)]
    if not (isinstance(data, dict) and list(data) == ["sets"] and isinstance(data["sets"], dict)):
        return None, [f"{where}:1: expected one mapping `sets:` of ID: set — see its header"]
    names = list(registry())
    node = child(root, "sets")
    lines = key_lines(node)
    values = {key.value: value for key, value in node.value}
    found, sets, labels = [], {}, {}
    for set_id, spec in data["sets"].items():
        problems = _set_problems(set_id, spec, names)
        if isinstance(spec, dict) and isinstance(spec.get("label"), str):
            if spec["label"] in labels:
                problems.append(
                    ("label", f"label also used by {labels[spec['label']]!r}", "give it its own")
                )
            labels.setdefault(spec["label"], set_id)
        item_lines = key_lines(values.get(set_id))
        for key, what, fix in problems:
            line = item_lines.get(key, lines.get(set_id, line_of(node)))
            found.append(f"{where}:{line}: set {set_id!r}: {what} — {fix}")
        if not problems:
            files = tuple(
                dict.fromkeys(name for pattern in spec["files"] for name in _expand(pattern, names))
            )
            sets[set_id] = InstructionSet(
                set_id, spec["label"], files, bool(spec.get("compared", False))
            )
    return (None, found) if found else (sets, [])


def problems(path: Path | None = None) -> list[str]:
    """Every problem of the declaration, one line each (``FILE:LINE: set 'ID': what — fix``)."""
    return _read(path or SETS_FILE)[1]


@cache
def instruction_sets(path: Path | None = None) -> dict[str, InstructionSet]:
    """Every declared set by ID, in the file's order (default ``data/instruction-sets.yaml``); the first
    problem is raised as :class:`~sftsurvey.datasets.entries.DatasetError`."""
    sets, found = _read(path or SETS_FILE)
    if sets is None:
        raise DatasetError(None, *found[0].split(" — ", 1))
    return sets


def instruction_set(set_id: str) -> InstructionSet:
    """The declared set ``set_id``; an unknown ID (or a label) names the close IDs."""
    sets = instruction_sets()
    if set_id in sets:
        return sets[set_id]
    by_label = [s.id for s in sets.values() if s.label == set_id]
    close = by_label or difflib.get_close_matches(set_id, sets, n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(map(repr, close))}?" if close else "no close ID"
    raise DatasetError(
        None,
        f"instruction set {set_id!r} is not declared in {display_path(SETS_FILE)}",
        f"{hint} (IDs: {', '.join(sets)})",
    )


def compared_sets() -> list[str]:
    """The IDs of the sets the diversity pages compare, in the declared order."""
    return [s.id for s in instruction_sets().values() if s.compared]


def label(set_id: str) -> str:
    """The display label of a set (for tables, charts and text only)."""
    return instruction_set(set_id).label

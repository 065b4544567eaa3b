"""The registry, ``data/datasets.yaml``: its entries by name, each a :class:`DatasetFile`."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath

import yaml

from sftsurvey.paths import ROOT, display_path

REGISTRY_FILE = ROOT / "data" / "datasets.yaml"
MIRROR_ENV = "SFTSURVEY_DATA_MIRROR"
CACHE_ENV = "SFTSURVEY_CACHE"
FORMATS: tuple[str, ...] = ("jsonl", "json", "csv")
JOINED_INPUTS: tuple[str, ...] = ("quoted",)
"""How a source may glue the input onto the instruction (see :func:`sftsurvey.datasets.read.split_quoted_input`)."""
LAYOUTS: tuple[str, ...] = ("records", "lists-by-key", "solutions-by-model", "tree")
"""How records sit in a file: one per line/array element/row (``records``, optionally under
``records_key``); a JSON object of lists (``lists-by-key``); one solution object per model
inside each record (``solutions-by-model``); a tree of ``children`` (``tree``)."""

KIND_COLUMNS: dict[str, tuple[str, ...]] = {
    "instructions": ("instruction", "input", "output"),
    "seed-tasks": ("id", "name", "instruction", "input", "output", "is_classification"),
    "eval-prompts": ("id", "instruction", "input", "category", "reference"),
    "model-outputs": ("instruction", "input", "output", "generator", "reference"),
    "reference-answers": ("id", "generator", "output", "turns"),
    "preferences": (
        "instruction",
        "output_1",
        "generator_1",
        "output_2",
        "generator_2",
        "annotator",
        "preference",
    ),
    "scores": ("generator", "item", "score"),
    "leaderboard": ("model",),
    "judge-prompts": ("name", "prompt"),
    "task-tree": ("task_name", "raw_task_name", "parent", "reason"),
}
"""The documented columns of each kind, in order (see :mod:`sftsurvey.datasets`)."""


class DatasetError(ValueError):
    """A dataset problem, one line: ``dataset 'NAME': [WHERE: ]what — fix``."""

    def __init__(self, name: str | None, what: str, fix: str, where: str = ""):
        self.name = name
        prefix = f"dataset {name!r}: " if name else ""
        location = f"{where}: " if where else ""
        super().__init__(f"{prefix}{location}{what} — {fix}")


@dataclass(frozen=True)
class DatasetFile:
    """One registry entry: a data file, where it comes from, and how to read it."""

    name: str
    dataset: str
    file: str
    kind: str
    format: str
    records: int | None
    size: int | None
    sha256: str | None
    mirror: bool
    canonical_url: str | None
    source_repo: str
    commit: str | None
    license: str | None
    fields: dict[str, str] = field(default_factory=dict, repr=False)
    note: str = ""
    huggingface: str | None = None
    layout: str = "records"
    records_key: str | None = None
    generator: str | None = None
    generators: tuple[str, ...] = ()
    joined_input: str | None = None

    @property
    def stored(self) -> str:
        """The path under the mirror (``.gz`` may be appended), e.g. ``gsm8k/train.jsonl``."""
        return self.name + PurePosixPath(self.file).suffix

    @property
    def columns(self) -> tuple[str, ...]:
        """The documented columns of this entry's kind."""
        return KIND_COLUMNS[self.kind]

    @property
    def rows(self) -> int | None:
        """How many rows :func:`~sftsurvey.datasets.read.load` returns (records, times the models when unpivoted)."""
        if self.records is None:
            return None
        return self.records * (len(self.generators) if self.generators else 1)


# --- the registry --------------------------------------------------------------------------


@cache
def registry(path: Path = REGISTRY_FILE) -> dict[str, DatasetFile]:
    """All registry entries by name, read from ``data/datasets.yaml``."""
    where = display_path(path)
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise DatasetError(
            None, f"cannot read the registry ({one_line(error)})", _REGENERATE, where
        ) from None
    entries = {}
    for name, spec in (data or {}).get("datasets", {}).items():
        try:
            entry = DatasetFile(
                name=name, **{**spec, "generators": tuple(spec.get("generators", ()))}
            )
        except TypeError as error:
            raise DatasetError(name, f"bad registry entry ({error})", _REGENERATE, where) from None
        _check_entry(entry, where)
        entries[name] = entry
    return entries


_REGENERATE = "regenerate it with make registry (the reading rules are data/dataset-rules.yaml)"


def _check_entry(entry: DatasetFile, where: str) -> None:
    problem = None
    if entry.kind not in KIND_COLUMNS:
        problem = f"unknown kind {entry.kind!r} (known: {', '.join(KIND_COLUMNS)})"
    elif entry.format not in FORMATS:
        problem = f"unknown format {entry.format!r} (known: {', '.join(FORMATS)})"
    elif entry.joined_input is not None and entry.joined_input not in JOINED_INPUTS:
        problem = f"unknown joined_input {entry.joined_input!r} (known: {', '.join(JOINED_INPUTS)})"
    elif entry.layout not in LAYOUTS:
        problem = f"unknown layout {entry.layout!r} (known: {', '.join(LAYOUTS)})"
    elif unknown := sorted(set(entry.fields) - set(entry.columns)):
        problem = f"fields {', '.join(unknown)} are not columns of kind {entry.kind!r}"
    elif entry.mirror and not (entry.sha256 and entry.size is not None):
        problem = "a mirrored file needs sha256 and size"
    if problem:
        raise DatasetError(entry.name, problem, _REGENERATE, where)


def get(name: str) -> DatasetFile:
    """The registry entry ``name``; an unknown name suggests close ones."""
    entries = registry()
    if name in entries:
        return entries[name]
    close = difflib.get_close_matches(name, entries, n=3, cutoff=0.6)
    tail = name.rsplit("/", 1)[-1]
    close += [n for n in entries if n.rsplit("/", 1)[-1] == tail and n not in close]
    hint = f"did you mean {', '.join(repr(n) for n in close[:4])}?" if close else "no close name"
    raise DatasetError(
        name,
        f"not in the registry {display_path(REGISTRY_FILE)}",
        f"{hint} (sftsurvey.datasets.available() lists the names)",
    )


def available(kind: str | None = None) -> list[str]:
    """Names of the files in the data mirror (they have a checksum), optionally of one kind."""
    if kind is not None and kind not in KIND_COLUMNS:
        raise DatasetError(None, f"unknown kind {kind!r}", f"use one of: {', '.join(KIND_COLUMNS)}")
    return sorted(
        name
        for name, entry in registry().items()
        if entry.mirror and (kind is None or entry.kind == kind)
    )


def one_line(error: BaseException) -> str:
    """An exception's message on one line."""
    return " ".join(str(error).split())

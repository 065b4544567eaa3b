"""Instruction-tuning data: the registry, verified local copies, and one table shape per kind.

``data/datasets.yaml`` lists every data file the survey uses under a name such as
``gsm8k/train`` (its stored path in the data mirror, without extension): the raw URL pinned to
a commit, the sha256 of the original bytes, size, record count, license, format and *kind*. It is
generated from the data mirror's ``MANIFEST.json`` by ``scripts/make_dataset_registry.py``; do not
edit it by hand.

Where the bytes come from (:func:`path`):

* ``SFTSURVEY_DATA_MIRROR`` names a folder holding the files as ``<name>.<ext>`` or gzipped
  ``<name>.<ext>.gz``: the file is taken from there and the sha256 of its decompressed bytes is
  checked against the registry. The check is remembered by path, size and mtime, so it runs once.
  A gzipped file is decompressed into the cache; nothing is ever written into the mirror.
* Otherwise the file is downloaded from its canonical URL with pooch, which checks the sha256.

Downloads, decompressed copies and remembered checks live in ``SFTSURVEY_CACHE`` (default
``pooch.os_cache("sftsurvey")``, i.e. ``~/.cache/sftsurvey`` on Linux). A few full-size datasets
are not in the mirror and have no checksum (``sha256: null``, ``mirror: false``): they are
downloaded, and their computed hash is printed with a warning that it could not be verified.

Tables (:func:`load`) have one documented column set per kind, first and in this order; every
other field of the source records is kept after them under its own name (prefixed ``source_``
if it would clash with a documented column). Records are never dropped.

``instructions``
    ``instruction``, ``input``, ``output``: instruction-tuning pairs. ``input`` is ``""`` when the
    task has no separate input. GSM8K maps ``question``/``answer``; single-turn ShareGPT-style
    conversations (Tree-Instruct) take the human and the gpt turn, and keep ``items``.
``seed-tasks``
    ``id``, ``name``, ``instruction``, ``input``, ``output``, ``is_classification``: the
    Self-Instruct seed-task format; ``input`` and ``output`` come from the first instance, and
    ``instances`` keeps them all.
``eval-prompts``
    ``id``, ``instruction``, ``input``, ``category``, ``reference``: evaluation prompts.
    ``instruction`` is the prompt as the model sees it (for MT-Bench the first turn; ``turns``
    keeps all); ``input`` a separate input, else ``""``; ``id``, ``category`` and ``reference``
    (the reference answer or target) are missing (NaN) where the file has none.
``model-outputs``
    ``instruction``, ``input``, ``output``, ``generator``, ``reference``: one row per prompt and
    model. GSM8K's example solutions are unpivoted, one row per question and model (so 4 rows
    per record), keeping ``is_correct``.
``reference-answers``
    ``id``, ``generator``, ``output``, ``turns``: reference answers (MT-Bench); ``id`` is the
    question id of the matching ``eval-prompts`` file, ``output`` the first turn's answer.
``preferences``
    ``instruction``, ``output_1``, ``generator_1``, ``output_2``, ``generator_2``, ``annotator``,
    ``preference``: pairwise judgements, ``preference`` as the annotator published it.
``scores``
    ``generator``, ``item``, ``score``: one row per score; ``item`` is the position in that
    generator's list (lists of different generators are not aligned).
``leaderboard``
    ``model``, then the table's own columns as published (names stripped, numbers parsed, empty
    cells missing; a separator row stays, with no model). A Markdown link ``[name](url)`` in
    ``model`` becomes ``model`` plus a ``model_url`` column.
``judge-prompts``
    ``name``, ``prompt``: prompt templates of LLM judges (system prompts etc. kept).
``task-tree``
    ``task_name``, ``raw_task_name``, ``parent``, ``reason``: one row per task below the root of
    an Explore-Instruct domain tree.

Every problem is one line, ``dataset 'NAME': [WHERE: ]what — fix``, raised as
:class:`DatasetError`.
"""

from __future__ import annotations

import csv
import difflib
import gzip
import hashlib
import importlib.util
import json
import os
import re
import sys
import tempfile
import warnings
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any, TextIO

import pandas as pd

with warnings.catch_warnings():
    # pooch imports tqdm.auto, which warns inside Jupyter when ipywidgets is absent
    warnings.filterwarnings("ignore", message="IProgress not found")
    import pooch
import yaml

from sftsurvey.paths import ROOT, display_path

REGISTRY_FILE = ROOT / "data" / "datasets.yaml"
MIRROR_ENV = "SFTSURVEY_DATA_MIRROR"
CACHE_ENV = "SFTSURVEY_CACHE"
FORMATS: tuple[str, ...] = ("jsonl", "json", "csv")
JOINED_INPUTS: tuple[str, ...] = ("quoted",)
"""How a source may glue the input onto the instruction (see :func:`split_quoted_input`)."""
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
"""The documented columns of each kind, in order (see the module docstring)."""

_DEFAULTS: dict[str, Any] = {"input": ""}
"""Value of a documented column the file does not have (missing unless listed here)."""

_MISSING = object()
_POOCH_MISMATCH = re.compile(r"expected \w+:(?P<expected>[0-9a-f]+) but got (?P<got>[0-9a-f]+)")
_MARKDOWN_LINK = re.compile(r"^\[(?P<name>[^\]]+)\]\((?P<url>[^)\s]+)\)$")


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
        """How many rows :func:`load` returns (records, times the models when unpivoted)."""
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
            None, f"cannot read the registry ({_one_line(error)})", _REGENERATE, where
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


_REGENERATE = "regenerate it with scripts/make_dataset_registry.py"


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


# --- getting verified bytes ----------------------------------------------------------------


def cache_dir() -> Path:
    """Where downloads, decompressed copies and remembered checks go (``SFTSURVEY_CACHE``)."""
    configured = os.environ.get(CACHE_ENV)
    return Path(configured).expanduser() if configured else Path(pooch.os_cache("sftsurvey"))


def mirror_dir() -> Path | None:
    """The local data mirror named by ``SFTSURVEY_DATA_MIRROR``, or ``None`` when unset."""
    configured = os.environ.get(MIRROR_ENV)
    return Path(configured).expanduser() if configured else None


def path(name: str) -> Path:
    """A readable local file holding the original bytes of dataset ``name``, verified by sha256.

    From the mirror when ``SFTSURVEY_DATA_MIRROR`` is set (a gzipped copy is decompressed into
    the cache), else downloaded with pooch into the cache.
    """
    entry = get(name)
    mirror = mirror_dir()
    if mirror is None:
        return _download(entry)
    if not mirror.is_dir():
        raise DatasetError(
            name,
            f"{MIRROR_ENV}={mirror} is not a folder",
            f"point it at a copy of the data mirror, or unset it to download {entry.canonical_url}",
        )
    return _from_mirror(entry, mirror)


def file_sha256(file: Path) -> str:
    """The sha256 of a file's bytes, decompressed first when its name ends in ``.gz``."""
    digest = hashlib.sha256()
    opener = gzip.open if file.suffix == ".gz" else open
    with opener(file, "rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _from_mirror(entry: DatasetFile, mirror: Path) -> Path:
    plain = mirror / entry.stored
    packed = plain.with_name(plain.name + ".gz")
    if not plain.is_file() and not packed.is_file():
        if not entry.mirror:  # the mirror is not expected to hold it
            return _download(entry)
        raise DatasetError(
            entry.name,
            f"{entry.stored}(.gz) not found in the mirror {display_path(mirror)}",
            f"point {MIRROR_ENV} at a complete copy of the data mirror, "
            f"or unset it to download {entry.canonical_url}",
        )
    if plain.is_file():
        _verify(entry, plain, _sha256_remembered(entry, plain))
        return plain
    target = cache_dir() / "files" / entry.stored
    known = _remembered(packed)
    if known is not None and target.is_file() and _remembered(target) == known:
        _verify(entry, packed, known)
        return target
    _verify(entry, packed, _gunzip(entry, packed, target))
    return target


def _gunzip(entry: DatasetFile, packed: Path, target: Path) -> str:
    """Decompress ``packed`` to ``target`` (atomically, only if it verifies); its sha256."""
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False, suffix=".part") as out:
        partial = Path(out.name)
        try:
            with gzip.open(packed, "rb") as stream:
                while chunk := stream.read(1 << 20):
                    digest.update(chunk)
                    out.write(chunk)
        except (OSError, EOFError, zlib.error) as error:
            out.close()
            partial.unlink(missing_ok=True)
            raise DatasetError(
                entry.name,
                f"{display_path(packed)} is not a readable gzip file ({_one_line(error)})",
                _replace_fix(entry),
            ) from None
    actual = digest.hexdigest()
    _remember(packed, actual)
    if entry.sha256 is not None and actual != entry.sha256:
        partial.unlink(missing_ok=True)
        return actual
    os.replace(partial, target)
    _remember(target, actual)
    return actual


def _verify(entry: DatasetFile, file: Path, actual: str) -> None:
    if entry.sha256 is None:
        _report_unverified(entry, file, actual)
    elif actual != entry.sha256:
        raise DatasetError(
            entry.name,
            f"{display_path(file)} has sha256 {actual[:12]}…, expected {entry.sha256[:12]}…",
            _replace_fix(entry),
        )


def _replace_fix(entry: DatasetFile) -> str:
    return (
        f"the copy is corrupted or another version; replace it with {entry.canonical_url}, "
        f"or unset {MIRROR_ENV} to download a verified copy into the cache"
    )


def _report_unverified(entry: DatasetFile, file: Path, actual: str) -> None:
    print(
        f"dataset {entry.name!r}: {display_path(file)} has sha256 {actual} — NOT VERIFIED: the "
        "registry has no checksum for this file (it is not in the data mirror); compare the "
        "hash with a trusted copy before relying on it",
        file=sys.stderr,
    )


def _download(entry: DatasetFile) -> Path:
    if not entry.canonical_url:
        raise DatasetError(
            entry.name,
            "has no canonical URL to download from",
            f"see {entry.huggingface or entry.note}",
        )
    stored = PurePosixPath(entry.stored)
    folder = cache_dir() / "files" / stored.parent
    known_hash = f"sha256:{entry.sha256}" if entry.sha256 else None
    try:
        fetched = Path(
            pooch.retrieve(
                entry.canonical_url,
                known_hash=known_hash,
                fname=stored.name,
                path=folder,
                progressbar=importlib.util.find_spec("tqdm") is not None,
            )
        )
    except ValueError as error:  # pooch: the downloaded bytes have another hash
        hashes = _POOCH_MISMATCH.search(str(error))
        what = (
            f"has sha256 {hashes['got'][:12]}…, expected {hashes['expected'][:12]}…"
            if hashes
            else f"does not match the registry ({_one_line(error)})"
        )
        raise DatasetError(
            entry.name,
            f"the download from {entry.canonical_url} {what}",
            "the URL serves other bytes than the pinned commit had; report it, "
            f"or set {MIRROR_ENV} to a copy of the data mirror",
        ) from None
    except Exception as error:  # network and file-system failures, whatever raised them
        raise DatasetError(
            entry.name,
            f"could not download {entry.canonical_url} ({type(error).__name__}: {_one_line(error)})",
            f"check the network connection, or set {MIRROR_ENV} to a copy of the data mirror",
        ) from None
    if entry.sha256 is None:
        _report_unverified(entry, fetched, _sha256_remembered(entry, fetched))
    return fetched


# --- remembered checks: path + size + mtime -> sha256 ----------------------------------------


def _check_key(file: Path) -> Path:
    stat = file.stat()
    key = f"{file.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}"
    return cache_dir() / "verified" / hashlib.sha1(key.encode()).hexdigest()


def _remembered(file: Path) -> str | None:
    try:
        return _check_key(file).read_text(encoding="ascii").strip() or None
    except OSError:
        return None


def _remember(file: Path, sha256: str) -> None:
    key = _check_key(file)
    key.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=key.parent, delete=False, encoding="ascii") as out:
        out.write(sha256)
    os.replace(out.name, key)


def _sha256_remembered(entry: DatasetFile, file: Path) -> str:
    known = _remembered(file)
    if known is not None:
        return known
    try:
        actual = file_sha256(file)
    except (OSError, EOFError, zlib.error) as error:
        raise DatasetError(
            entry.name,
            f"cannot read {display_path(file)} ({_one_line(error)})",
            _replace_fix(entry),
        ) from None
    _remember(file, actual)
    return actual


# --- reading records -------------------------------------------------------------------------


def load(name: str) -> pd.DataFrame:
    """Dataset ``name`` as a table with the documented columns of its kind first.

    ``df.attrs`` holds the name, kind, license and canonical URL, for captions and citations.
    """
    entry = get(name)
    file = path(name)
    rows = list(_rows(entry, file))
    frame = _frame(entry, rows)
    if entry.kind == "leaderboard":
        frame = _tidy_leaderboard(frame)
    frame.attrs.update(
        dataset=entry.name, kind=entry.kind, license=entry.license, url=entry.canonical_url
    )
    return frame


def _rows(entry: DatasetFile, file: Path) -> Iterator[dict[str, Any]]:
    shown = display_path(file)
    if entry.layout == "lists-by-key":
        data = _expect(entry, shown, _read_json(entry, file), dict, "an object of lists")
        for generator, scores in data.items():
            where = f"{shown}: key {generator!r}"
            for item, score in enumerate(_expect(entry, where, scores, list, "a list")):
                yield {"generator": generator, "item": item, "score": score}
        return
    if entry.layout == "tree":
        root = _expect(entry, shown, _read_json(entry, file), dict, "an object")
        yield from _tree_rows(entry, shown, root)
        return
    for where, record, context in _records(entry, file, shown):
        if entry.layout == "solutions-by-model":
            yield from _solution_rows(entry, where, record)
        else:
            yield _row(entry, where, record, context)


def _records(
    entry: DatasetFile, file: Path, shown: str
) -> Iterator[tuple[str, Any, dict[str, Any]]]:
    """``(where, record, context)`` for each record; context: fields shared by all records."""
    if entry.format == "jsonl":
        for number, line in _lines(entry, file):
            yield f"{shown}:{number}", _parse_line(entry, shown, number, line), {}
    elif entry.format == "csv":
        for number, record in _csv_records(entry, file, shown):
            yield f"{shown}:{number}", record, {}
    else:
        data = _read_json(entry, file)
        context: dict[str, Any] = {}
        if entry.records_key:
            data = _expect(entry, shown, data, dict, f"an object with {entry.records_key!r}")
            context = {k: v for k, v in data.items() if k != entry.records_key}
            if entry.records_key not in data:
                raise DatasetError(
                    entry.name, f"has no {entry.records_key!r} list", _content_fix(entry), shown
                )
            data = data[entry.records_key]
        for number, record in enumerate(_expect(entry, shown, data, list, "an array"), 1):
            yield f"{shown}: record {number}", record, context


def _open_text(file: Path) -> TextIO:
    if file.suffix == ".gz":
        return gzip.open(file, "rt", encoding="utf-8-sig", newline="")
    return open(file, encoding="utf-8-sig", newline="")


def _lines(entry: DatasetFile, file: Path) -> Iterator[tuple[int, str]]:
    """Numbered non-blank lines (a blank line holds no record)."""
    try:
        with _open_text(file) as stream:
            for number, line in enumerate(stream, 1):
                if line.strip():
                    yield number, line
    except UnicodeDecodeError as error:
        raise DatasetError(
            entry.name, f"not UTF-8 text ({error.reason})", _content_fix(entry), display_path(file)
        ) from None


def _parse_line(entry: DatasetFile, shown: str, number: int, line: str) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as error:
        raise DatasetError(
            entry.name,
            f"not valid JSON ({error.msg} at column {error.colno})",
            _content_fix(entry),
            f"{shown}:{number}",
        ) from None


def _read_json(entry: DatasetFile, file: Path) -> Any:
    shown = display_path(file)
    try:
        with _open_text(file) as stream:
            return json.load(stream)
    except json.JSONDecodeError as error:
        raise DatasetError(
            entry.name,
            f"not valid JSON ({error.msg} at column {error.colno})",
            _content_fix(entry),
            f"{shown}:{error.lineno}",
        ) from None
    except UnicodeDecodeError as error:
        raise DatasetError(
            entry.name, f"not UTF-8 text ({error.reason})", _content_fix(entry), shown
        ) from None


def _csv_records(
    entry: DatasetFile, file: Path, shown: str
) -> Iterator[tuple[int, dict[str, str]]]:
    with _open_text(file) as stream:
        reader = csv.reader(stream)
        try:
            header = [name.strip() for name in next(reader, [])]
            for row in reader:
                if len(row) != len(header):
                    raise DatasetError(
                        entry.name,
                        f"row has {len(row)} fields, the header has {len(header)}",
                        _content_fix(entry),
                        f"{shown}:{reader.line_num}",
                    )
                yield reader.line_num, dict(zip(header, row, strict=True))
        except csv.Error as error:
            raise DatasetError(
                entry.name,
                f"not valid CSV ({error})",
                _content_fix(entry),
                f"{shown}:{reader.line_num}",
            ) from None


def _expect(entry: DatasetFile, where: str, value: Any, kind: type, described: str) -> Any:
    if not isinstance(value, kind):
        raise DatasetError(
            entry.name,
            f"expected {described}, found {_json_type(value)}",
            _content_fix(entry),
            where,
        )
    return value


def _content_fix(entry: DatasetFile) -> str:
    if entry.sha256 is None:
        return (
            f"this unverified file may be another version than {entry.canonical_url}; "
            "check it, then fix the entry in scripts/make_dataset_registry.py"
        )
    return (
        "the bytes match the registry's checksum, so the entry's format or fields are wrong "
        "(or the source itself is malformed); fix it in scripts/make_dataset_registry.py"
    )


# --- records to rows ----------------------------------------------------------------------------


def _lookup(record: Any, source: str) -> Any:
    """``record[source]``, or a dotted path such as ``instances.0.input``; ``_MISSING`` if absent."""
    if isinstance(record, dict) and source in record:
        return record[source]
    value = record
    for part in source.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return _MISSING
    return value


def _row(
    entry: DatasetFile, where: str, record: Any, context: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The documented columns from ``entry.fields``, then the record's unused fields."""
    record = _expect(entry, where, record, dict, "a JSON object")
    row = {column: _DEFAULTS.get(column) for column in entry.columns}
    if entry.generator:  # the file holds one model's outputs without naming it
        row["generator"] = entry.generator
    used = set()
    for column, spec in entry.fields.items():
        source = spec.removesuffix("?")
        value = _lookup(record, source)
        if value is _MISSING:
            if spec.endswith("?"):
                continue
            raise DatasetError(
                entry.name,
                f"record has no {source!r}, needed for column {column!r} "
                f"(it has: {', '.join(record) or 'nothing'})",
                _content_fix(entry),
                where,
            )
        row[column] = value
        if source in record:
            used.add(source)
    if entry.joined_input == "quoted":
        _split_joined(entry, where, row)
    for key, value in (context or {}).items():
        row.setdefault(key if key not in row else f"source_{key}", value)
    for key, value in record.items():
        if key not in used:
            row[key if key not in entry.columns else f"source_{key}"] = value
    return row


def split_quoted_input(text: str) -> tuple[str, str]:
    """``(instruction, input)`` of a text that may end with its input glued on in double quotes.

    Alpaca-GPT4's conversations (as Tree-Instruct releases them) write a task with an input as
    ``instruction + '"' + input + '"'``, the opening quote right after the instruction's last
    character (``…the following sentence."The cat sat."``). Quotes inside an instruction follow a
    space (``the phrase "machine learning"``) or close an earlier quote, so the input starts at the
    first ``"`` that follows a non-space character after an even number of quotes, provided the
    text ends with ``"``. Without one, the whole text is the instruction and the input is ``""``.
    """
    if not text.endswith('"'):
        return text, ""
    quotes_before = 0
    for position, char in enumerate(text[:-1]):
        if char != '"':
            continue
        if position > 0 and not text[position - 1].isspace() and quotes_before % 2 == 0:
            return text[:position], text[position + 1 : -1]
        quotes_before += 1
    return text, ""


def _split_joined(entry: DatasetFile, where: str, row: dict[str, Any]) -> None:
    """Split ``row["instruction"]`` into instruction and input; a separate input must agree."""
    instruction, joined = split_quoted_input(str(row["instruction"] or ""))
    separate = row.get("input") or ""
    if separate and separate != joined:
        raise DatasetError(
            entry.name,
            f"the input glued onto the instruction ({joined[:40]!r}) differs from the record's "
            f"input ({separate[:40]!r})",
            "the file does not follow the joined_input rule; fix the entry in "
            "scripts/make_dataset_registry.py",
            where,
        )
    row["instruction"], row["input"] = instruction, joined


def _solution_rows(entry: DatasetFile, where: str, record: Any) -> Iterator[dict[str, Any]]:
    """One row per model of a record that holds ``{model: {"solution": …, …}}`` objects."""
    base = _row(entry, where, record)
    for generator in entry.generators:
        base.pop(generator, None)
    for generator in entry.generators:
        solution = _lookup(record, generator)
        if not isinstance(solution, dict) or "solution" not in solution:
            raise DatasetError(
                entry.name,
                f"record has no {generator!r} object with a 'solution'",
                _content_fix(entry),
                where,
            )
        extras = {k: v for k, v in solution.items() if k != "solution"}
        yield {**base, "output": solution["solution"], "generator": generator, **extras}


def _tree_rows(
    entry: DatasetFile, where: str, node: dict[str, Any], parent: str | None = None
) -> Iterator[dict[str, Any]]:
    """Every task below ``node``, depth first, with its parent's ``task_name``."""
    children = node.get("children")
    if not isinstance(children, list):
        raise DatasetError(entry.name, "a task has no 'children' list", _content_fix(entry), where)
    name = _lookup(node, "task_name")
    for number, child in enumerate(children, 1):
        child_where = f"{where}: task {name!r} child {number}"
        child = _expect(entry, child_where, child, dict, "an object")
        row = _row(entry, child_where, {k: v for k, v in child.items() if k != "children"})
        row["parent"] = name
        yield row
        yield from _tree_rows(entry, child_where, child, child.get("task_name"))


def _frame(entry: DatasetFile, rows: list[dict[str, Any]]) -> pd.DataFrame:
    columns = list(entry.columns)
    seen = set(columns)
    for row in rows:
        for key in row:
            if key not in seen:
                seen.add(key)
                columns.append(key)
    frame = pd.DataFrame(rows, columns=columns)
    if entry.format == "csv":
        for column in columns[len(entry.columns) :]:
            frame[column] = _numbers(frame[column])
    return frame


def _numbers(values: pd.Series) -> pd.Series:
    """A CSV column as numbers when every non-empty cell is one; empty cells become missing."""
    text = values.astype(str).str.strip()
    text = text.where(values.notna() & (text != ""))
    try:
        return pd.to_numeric(text)
    except (ValueError, TypeError):
        return values.where(text.notna())


def _tidy_leaderboard(frame: pd.DataFrame) -> pd.DataFrame:
    """Model names stripped, blank ones ``None``; ``[name](url)`` becomes ``name`` + ``model_url``."""
    names = frame["model"].astype(str).str.strip()
    model = names.where(frame["model"].notna() & (names != ""), None)
    links = names.str.extract(_MARKDOWN_LINK)
    if links["name"].notna().any():
        frame.insert(1, "model_url", links["url"].where(links["url"].notna(), None))
        model = links["name"].where(links["name"].notna(), model)
    frame["model"] = model
    return frame


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    return names.get(type(value), "null" if value is None else "a number")


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())

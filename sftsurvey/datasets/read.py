"""Reading records: one table per dataset file, the documented columns of its kind first."""

from __future__ import annotations

import csv
import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from sftsurvey.datasets.entries import DatasetError, DatasetFile, get
from sftsurvey.datasets.fetch import path
from sftsurvey.paths import display_path

_DEFAULTS: dict[str, Any] = {"input": ""}
"""Value of a documented column the file does not have (missing unless listed here)."""

_MISSING = object()
_MARKDOWN_LINK = re.compile(r"^\[(?P<name>[^\]]+)\]\((?P<url>[^)\s]+)\)$")


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
            "check it, then fix its rule in data/dataset-rules.yaml and run make registry"
        )
    return (
        "the bytes match the registry's checksum, so the entry's format or fields are wrong "
        "(or the source itself is malformed); fix its rule in data/dataset-rules.yaml and run "
        "make registry"
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
            "the file does not follow the joined_input rule; fix its rule in "
            "data/dataset-rules.yaml and run make registry",
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

"""Raw records from JSON Lines, JSON, CSV and Parquet files, streamed, each with its location.

:func:`raw_records` yields ``(where, record)`` pairs one at a time, so memory stays bounded by
one record (a JSON array is decoded element by element, Parquet in row batches). ``where`` is
``FILE:LINE`` (the line a JSON Lines record, a JSON array element or a CSV row starts on) or
``FILE:row N`` for Parquet. A record that cannot be decoded is yielded as a
:class:`~sftsurvey.profile.errors.ProfileError` in place of the record, so that the caller
decides whether to stop or skip it; a file that cannot be read at all raises one. Files are only
ever opened for reading; a name ending in ``.gz`` is decompressed on the fly.
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from sftsurvey.profile.errors import ProfileError

FORMATS = ("jsonl", "json", "csv", "parquet")
_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv"}
_SUFFIXES |= {".parquet": "parquet", ".pq": "parquet"}
_READ = 1 << 16  # characters read at a time from a JSON array
PARQUET_BATCH = 4096


def detect_format(path: Path) -> str:
    """The format named by a file's suffix (``.gz`` ignored); a ``.json`` file whose first line
    is a whole JSON object is JSON Lines (many datasets name their JSON Lines ``.json``)."""
    name = path.name[:-3] if path.name.endswith(".gz") else path.name
    suffix = Path(name).suffix.lower()
    if suffix not in _SUFFIXES:
        raise ProfileError(
            str(path),
            f"cannot tell the format from the suffix {suffix or '(none)'!r}",
            f"pass --format (one of: {', '.join(FORMATS)})",
        )
    found = _SUFFIXES[suffix]
    if found == "json":
        with _open_text(path) as stream:
            first = stream.readline()
        try:
            if first.lstrip().startswith("{") and isinstance(json.loads(first), dict):
                return "jsonl"
        except json.JSONDecodeError:
            pass
    return found


def raw_records(path: Path, fmt: str | None = None) -> Iterator[tuple[str, Any]]:
    """``(where, record)`` for every record of one file, in order (see the module docstring)."""
    shown = str(path)
    if not path.is_file():
        raise ProfileError(shown, "no such file", "check the path")
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        raise ProfileError(shown, f"unknown format {fmt!r}", f"use one of: {', '.join(FORMATS)}")
    readers = {"jsonl": _jsonl, "json": _json_array, "csv": _csv, "parquet": _parquet}
    try:
        yield from readers[fmt](path, shown)
    except UnicodeDecodeError as error:
        raise ProfileError(
            shown, f"not UTF-8 text ({error.reason})", "save the file as UTF-8"
        ) from None
    except (OSError, EOFError) as error:
        raise ProfileError(shown, f"cannot read ({_one_line(error)})", "check the file") from None


def _open_text(path: Path) -> TextIO:
    if path.name.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8-sig", newline="")
    return open(path, encoding="utf-8-sig", newline="")


def _open_bytes(path: Path) -> BinaryIO:
    return gzip.open(path, "rb") if path.name.endswith(".gz") else open(path, "rb")


def _jsonl(path: Path, shown: str) -> Iterator[tuple[str, Any]]:
    """Lines decoded one at a time, so that a line that is not UTF-8 is located (and skippable)."""
    with _open_bytes(path) as stream:
        for number, raw in enumerate(stream, 1):
            where = f"{shown}:{number}"
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as error:
                yield (
                    where,
                    ProfileError(
                        where,
                        f"not UTF-8 text ({error.reason} at byte {error.start + 1} of the line)",
                        "save the file as UTF-8, or pass --skip-bad",
                    ),
                )
                continue
            if not line.strip():
                continue  # a blank line holds no record
            try:
                yield where, json.loads(line)
            except json.JSONDecodeError as error:
                yield (
                    where,
                    ProfileError(
                        where,
                        f"not valid JSON ({error.msg} at column {error.colno})",
                        "fix the line (one JSON object per line), or pass --skip-bad",
                    ),
                )


def _json_array(path: Path, shown: str) -> Iterator[tuple[str, Any]]:
    """The elements of a top-level JSON array, decoded one at a time with ``raw_decode``."""
    decoder = json.JSONDecoder()
    with _open_text(path) as stream:
        buffer, pos, line, done = "", 0, 1, False

        def more() -> bool:
            nonlocal buffer, pos, done
            chunk = stream.read(_READ)
            done = not chunk
            buffer = buffer[pos:] + chunk
            pos = 0
            return bool(chunk)

        def skip_space() -> None:
            nonlocal pos, line
            while True:
                while pos < len(buffer) and buffer[pos] in " \t\r\n":
                    line += buffer[pos] == "\n"
                    pos += 1
                if pos < len(buffer) or not more():
                    return

        skip_space()
        if pos >= len(buffer) or buffer[pos] != "[":
            found = "nothing" if pos >= len(buffer) else repr(buffer[pos])
            raise ProfileError(
                f"{shown}:{line}",
                f"expected a JSON array of records, found {found}",
                "give an array [ {...}, ... ], or JSON Lines with --format jsonl",
            )
        pos += 1
        first = True
        while True:
            skip_space()
            if pos < len(buffer) and buffer[pos] == "]":
                return
            if not first:
                if pos >= len(buffer) or buffer[pos] != ",":
                    raise _broken_array(shown, line, "expected ',' or ']' between records")
                pos += 1
                skip_space()
            first = False
            while True:
                try:
                    record, end = decoder.raw_decode(buffer, pos)
                    break
                except json.JSONDecodeError as error:
                    at = line + buffer.count("\n", pos, error.pos)  # before more() moves it
                    if done or not more():  # the element is malformed, not just cut off
                        raise _broken_array(shown, at, f"not valid JSON ({error.msg})") from None
            yield f"{shown}:{line}", record
            line += buffer.count("\n", pos, end)
            pos = end


def _broken_array(shown: str, line: int, what: str) -> ProfileError:
    return ProfileError(
        f"{shown}:{line}",
        what,
        "fix the array there (a broken JSON array cannot be resumed, so --skip-bad cannot skip it)",
    )


def _csv(path: Path, shown: str) -> Iterator[tuple[str, Any]]:
    csv.field_size_limit(sys.maxsize)  # outputs can be long
    with _open_text(path) as stream:
        reader = csv.reader(stream)
        header = [name.strip() for name in next(reader, [])]
        if not header:
            raise ProfileError(f"{shown}:1", "no header row", "start the file with column names")
        repeated = sorted({name for name in header if header.count(name) > 1})
        if repeated:
            raise ProfileError(
                f"{shown}:1",
                f"column {' and '.join(map(repr, repeated))} appears more than once in the header",
                "give each column its own name",
            )
        start = reader.line_num + 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                raise ProfileError(
                    f"{shown}:{reader.line_num}", f"not valid CSV ({error})", "fix the row"
                ) from None
            where = f"{shown}:{start}"
            start = reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                yield (
                    where,
                    ProfileError(
                        where,
                        f"row has {len(row)} fields, the header has {len(header)}",
                        "quote fields that hold commas or line breaks, or pass --skip-bad",
                    ),
                )
                continue
            yield where, dict(zip(header, row, strict=True))


def _parquet(path: Path, shown: str) -> Iterator[tuple[str, Any]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(path)
    except (pa.ArrowInvalid, OSError) as error:
        raise ProfileError(
            shown, f"not a Parquet file ({_one_line(error)})", "check the file or --format"
        ) from None
    number = 0
    batches = table.iter_batches(batch_size=PARQUET_BATCH)
    while True:
        try:
            batch = next(batches)
        except StopIteration:
            return
        except (pa.ArrowInvalid, OSError) as error:
            raise ProfileError(
                f"{shown}:row {number + 1}",
                f"cannot read the Parquet data ({_one_line(error)})",
                "check the file (it may be truncated or corrupt)",
            ) from None
        for record in batch.to_pylist():
            number += 1
            yield f"{shown}:row {number}", record


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())

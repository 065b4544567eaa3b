"""Records as instruction, input, output and turn count; chat messages; chunks with a tally.

A record is either a pair (``instruction``, optional ``input``, ``output`` fields; other names
with ``--instruction-field`` etc.) or a chat: a list of messages (``messages``,
``conversations``, ``conversation`` or ``items``, or ``--messages-field``), each with
``role``/``content`` (OpenAI style) or ``from``/``value`` (ShareGPT style). In a chat the first
user turn is the instruction, the first assistant turn the output, ``input`` is empty, and
``turns`` counts the user and assistant messages (system messages are left out). A pair counts
as 2 turns.

:func:`read_chunks` streams records from files into DataFrames of at most ``chunk_size`` rows,
counting and listing every skipped record in a :class:`Tally`; with ``sample`` it keeps a seeded
uniform sample (reservoir sampling, in file order) instead of every record.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sftsurvey.profile.errors import ProfileError
from sftsurvey.profile.reading import raw_records

COLUMNS = ("instruction", "input", "output", "turns")
"""The columns of a normalised record."""
CHAT_FIELDS = ("messages", "conversations", "conversation", "items")
USER_ROLES = frozenset({"user", "human", "prompter"})
ASSISTANT_ROLES = frozenset({"assistant", "gpt", "bot", "model", "chatgpt"})
SYSTEM_ROLES = frozenset({"system"})
CHUNK_SIZE = 10_000
SAMPLE_SEED = 0


@dataclass(frozen=True)
class Fields:
    """Which fields hold the texts; ``None`` means the default name (see the module docstring)."""

    instruction: str | None = None
    input: str | None = None
    output: str | None = None
    messages: str | None = None


@dataclass
class Tally:
    """What the reading saw: records read, and every record skipped (location, reason)."""

    read: int = 0
    skipped: list[dict[str, str]] = field(default_factory=list)

    def skip(self, error: ProfileError) -> None:
        self.skipped.append({"where": error.where, "what": error.what, "fix": error.fix})


def normalise(where: str, record: Any, fields: Fields) -> tuple[str, str, str, int]:
    """``(instruction, input, output, turns)`` of one record, or a located :class:`~sftsurvey.profile.errors.ProfileError`."""
    if isinstance(record, ProfileError):
        raise record
    if not isinstance(record, dict):
        raise ProfileError(
            where, f"a record must be an object, found {_type(record)}", "give one object a record"
        )
    chat = fields.messages or (
        None
        if fields.instruction or "instruction" in record
        else next((f for f in CHAT_FIELDS if isinstance(record.get(f), list | str)), None)
    )
    if chat:
        return _chat(where, record, chat)
    instruction = _text(where, record, fields.instruction or "instruction", "--instruction-field")
    has_input = fields.input is not None or "input" in record
    text_input = _text(where, record, fields.input or "input", "--input-field") if has_input else ""
    output = _text(where, record, fields.output or "output", "--output-field")
    return instruction, text_input, output, 2


def _text(where: str, record: dict, name: str, option: str) -> str:
    if name not in record:
        found = ", ".join(repr(k) for k in record) or "none"
        raise ProfileError(
            where,
            f"no field {name!r} (the record's fields: {found})",
            f"name the right one with {option}"
            + (" or --messages-field for chats" if option == "--instruction-field" else ""),
        )
    value = record[name]
    if not isinstance(value, str):
        raise ProfileError(
            where, f"field {name!r} is {_type(value)}, not text", "make it a string, or --skip-bad"
        )
    return value


def _chat(where: str, record: dict, name: str) -> tuple[str, str, str, int]:
    if name not in record:
        found = ", ".join(repr(k) for k in record) or "none"
        raise ProfileError(
            where, f"no field {name!r} (the record's fields: {found})", "check --messages-field"
        )
    messages = record[name]
    if isinstance(messages, str):  # a CSV cell holds the list as JSON text
        try:
            messages = json.loads(messages)
        except json.JSONDecodeError:
            messages = None
    if not isinstance(messages, list):
        raise ProfileError(
            where,
            f"field {name!r} is {_type(record[name])}, not a list of messages",
            "give a list of {role, content} or {from, value} objects",
        )
    instruction = output = None
    turns = 0
    for number, message in enumerate(messages, 1):
        role, content = _message(where, name, number, message)
        if role in SYSTEM_ROLES:
            continue
        turns += 1
        if role in USER_ROLES and instruction is None:
            instruction = content
        elif role in ASSISTANT_ROLES and output is None and instruction is not None:
            output = content  # the first assistant turn after the instruction (not a greeting)
    for missing, role in ((instruction, "user"), (output, "assistant")):
        if missing is None:
            raise ProfileError(
                where, f"the chat in {name!r} has no {role} turn", "add one, or pass --skip-bad"
            )
    return instruction, "", output, turns


def _message(where: str, name: str, number: int, message: Any) -> tuple[str, str]:
    at = f"{name}[{number - 1}]"
    if not isinstance(message, dict):
        raise ProfileError(where, f"{at} is {_type(message)}, not a message object", _MESSAGE_FIX)
    role_key = "role" if "role" in message else "from" if "from" in message else None
    content_key = "content" if "content" in message else "value" if "value" in message else None
    if role_key is None or content_key is None:
        found = ", ".join(repr(k) for k in message) or "none"
        raise ProfileError(where, f"{at} has no role/content (its fields: {found})", _MESSAGE_FIX)
    role, content = message[role_key], message[content_key]
    known = USER_ROLES | ASSISTANT_ROLES | SYSTEM_ROLES
    if not isinstance(role, str) or role.lower() not in known:
        raise ProfileError(
            where, f"{at} has the unknown role {role!r}", f"use one of: {', '.join(sorted(known))}"
        )
    if not isinstance(content, str):
        raise ProfileError(where, f"{at} {content_key} is {_type(content)}, not text", _MESSAGE_FIX)
    return role.lower(), content


_MESSAGE_FIX = "give each message role/content (or from/value) strings"


def read_chunks(
    paths: Sequence[Path],
    fields: Fields = Fields(),
    *,
    fmt: str | None = None,
    skip_bad: bool = False,
    chunk_size: int = CHUNK_SIZE,
    sample: int | None = None,
    tally: Tally | None = None,
    progress: bool = False,
) -> Iterator[pd.DataFrame]:
    """DataFrames of :data:`COLUMNS`, at most ``chunk_size`` rows each, in file order.

    A bad record raises its :class:`~sftsurvey.profile.errors.ProfileError` unless ``skip_bad``, when it is counted and
    listed in ``tally``. With ``sample``, a seeded uniform sample of that many records is kept
    (all records when there are fewer) and yielded in file order once every file is read.
    """
    tally = tally if tally is not None else Tally()
    good = _good_records(paths, fields, fmt, skip_bad, tally, progress)
    if sample is not None:
        yield from _chunked(iter(reservoir(good, sample)), chunk_size)
    else:
        yield from _chunked(good, chunk_size)


def _good_records(paths, fields, fmt, skip_bad, tally, progress) -> Iterator[tuple]:
    bar = _progress_bar() if progress else None
    for path in paths:
        for where, record in raw_records(Path(path), fmt):
            try:
                row = normalise(where, record, fields)
            except ProfileError as error:
                if not skip_bad:
                    raise
                tally.skip(error)
                continue
            tally.read += 1
            if bar is not None:
                bar.update(1)
            yield row
    if bar is not None:
        bar.close()


class Reservoir:
    """A seeded uniform sample of ``k`` items (all when fewer), kept in their original order.

    Algorithm R with a numpy generator: item ``i`` (from 0) replaces slot ``j ~ U{0..i}`` when
    ``j < k``. Memory holds ``k`` items; the same items and seed give the same sample.
    """

    def __init__(self, k: int, seed: int = SAMPLE_SEED):
        if k < 1:
            raise ValueError(f"a sample needs at least one record, got {k}")
        self.k = k
        self.seen = 0
        self._rng = np.random.default_rng(seed)
        self._kept: list[tuple[int, Any]] = []

    def add(self, item: Any) -> None:
        i = self.seen
        self.seen += 1
        if i < self.k:
            self._kept.append((i, item))
        else:
            j = int(self._rng.integers(0, i + 1))
            if j < self.k:
                self._kept[j] = (i, item)

    def items(self) -> list[Any]:
        return [item for _, item in sorted(self._kept, key=lambda pair: pair[0])]


def reservoir(rows: Iterator[Any], k: int, seed: int = SAMPLE_SEED) -> list[Any]:
    """A :class:`Reservoir` sample of ``rows``, in their original order."""
    sample = Reservoir(k, seed)
    for row in rows:
        sample.add(row)
    return sample.items()


def _chunked(rows: Iterator[tuple], size: int) -> Iterator[pd.DataFrame]:
    batch: list[tuple] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield pd.DataFrame(batch, columns=list(COLUMNS))
            batch = []
    if batch:
        yield pd.DataFrame(batch, columns=list(COLUMNS))


def _progress_bar():
    from tqdm import tqdm

    return tqdm(desc="reading records", unit=" records", mininterval=0.5, disable=None)


def _type(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    return names.get(type(value), "null" if value is None else f"a {type(value).__name__}")

"""Bibliography helpers in one place: author names, BibTeX writing and COinS records.

The catalogue (validation, display names), the exports (BibTeX, RIS, CSL-JSON, CSV, COinS)
and the survey's own citation all use these functions, so that a name is split, a BibTeX
entry written and an OpenURL record built one way only.

* Names follow BibTeX's rules as bibtexparser implements them: ``and`` at brace depth 0
  separates people; ``Family, Given``, ``von Family, Jr, Given`` and ``Given Family`` are
  split into first / von / last / jr parts; a name wholly in braces is a literal (an
  organisation).
* BibTeX is written by bibtexparser's writer, with month macros (``aug``) left bare, so
  that BibTeX and biber read them as months.
* COinS (an OpenURL ContextObject in a ``<span class="Z3988">``) is what Zotero's
  connector reads from a page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlencode

import bibtexparser
from bibtexparser import model
from bibtexparser.middlewares.names import (
    parse_single_name_into_parts,
    split_multiple_persons_names,
)

MONTHS: tuple[str, ...] = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
)
"""BibTeX's month macros, January first."""


def plain_text(value: str) -> str:
    """A BibTeX value as display text: braces and escapes removed, spaces folded."""
    text = re.sub(r"\\([&%$_#{}])", r"\1", value)
    text = text.replace("{", "").replace("}", "").replace("--", "–")
    return " ".join(text.split())


# --- names -------------------------------------------------------------------------------


def split_names(value: str) -> list[str]:
    """The people of an ``author``/``editor`` field, split on ``and`` outside braces."""
    return [name.strip() for name in split_multiple_persons_names(value) if name.strip()]


def is_literal(name: str) -> bool:
    """``{OpenAI}``: a name wholly in braces, kept as written (an organisation)."""
    name = name.strip()
    if not (name.startswith("{") and name.endswith("}")):
        return False
    depth = 0
    for index, char in enumerate(name):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and index < len(name) - 1:
            return False  # '{A} and {B}'-like: the outer braces do not enclose all of it
    return True


def person_parts(name: str) -> dict[str, str]:
    """A BibTeX name as CSL name parts: ``family``/``given`` (+ ``suffix``) or ``literal``."""
    if is_literal(name):
        return {"literal": plain_text(name)}
    parts = parse_single_name_into_parts(name.strip(), strict=False)
    person = {"family": plain_text(" ".join(parts.von + parts.last))}
    if parts.first:
        person["given"] = plain_text(" ".join(parts.first))
    if parts.jr:
        person["suffix"] = plain_text(" ".join(parts.jr))
    return person


def people(value: str) -> list[dict[str, str]]:
    """Every person of a name field as CSL name parts, in order."""
    return [person_parts(name) for name in split_names(value)]


def family_name(name: str) -> str:
    """The family name (with its ``von`` part) of one BibTeX name, as display text."""
    person = person_parts(name)
    return person.get("family") or person.get("literal", "")


def family_given(person: dict[str, str]) -> str:
    """``Family, Given[, Suffix]`` (RIS, CSV, COinS), or the literal name."""
    if "literal" in person:
        return person["literal"]
    return ", ".join(person[p] for p in ("family", "given", "suffix") if p in person)


# --- dates -------------------------------------------------------------------------------


def month_number(value: str) -> int | None:
    """``mar``, ``March`` or ``3`` → 3; anything else → ``None``."""
    value = plain_text(value).strip().lower()
    if value.isdigit():
        return int(value) if 1 <= int(value) <= 12 else None
    return MONTHS.index(value[:3]) + 1 if value[:3] in MONTHS else None


def date_parts(value: str) -> list[int]:
    """``2023-10-09`` → ``[2023, 10, 9]``, ``2023-10`` → ``[2023, 10]`` (an ISO 8601 date)."""
    return [int(part) for part in value.split("-") if part]


# --- BibTeX --------------------------------------------------------------------------------


def entry(entry_type: str, key: str, fields: Iterable[tuple[str, str]]) -> model.Entry:
    """A bibtexparser entry; empty values are left out and month macros stay bare."""
    written = []
    for name, value in fields:
        if not value:
            continue
        bare = name.lower() == "month" and value.lower() in MONTHS
        written.append(model.Field(name, value, enclosing="no-enclosing" if bare else None))
    return model.Entry(entry_type, key, written)


def write(entries: Sequence[model.Entry], header: str = "") -> str:
    """BibTeX text: two-space indent, one blank line between entries, an optional
    ``%`` comment header."""
    blocks: list[model.Block] = [model.ImplicitComment(header)] if header else []
    blocks.extend(entries)
    style = bibtexparser.BibtexFormat()
    style.indent = "  "
    style.block_separator = "\n"  # blocks end in a newline already: one blank line between
    return bibtexparser.write_string(bibtexparser.Library(blocks), bibtex_format=style)


def write_one(item: model.Entry) -> str:
    """One entry as BibTeX text, ending in a single newline."""
    return write([item]).strip() + "\n"


# --- COinS ---------------------------------------------------------------------------------


def coins(pairs: Iterable[tuple[str, str]]) -> str:
    """A COinS ``title`` value: the OpenURL 1.0 (Z39.88-2004) key/value pairs, URL-encoded,
    after ``ctx_ver``; pairs with an empty value are left out."""
    kept = [("ctx_ver", "Z39.88-2004"), *((k, v) for k, v in pairs if v)]
    return urlencode(kept)


def coins_date(year: int | str, month: int | None = None, day: int | None = None) -> str:
    """``rft.date`` as OpenURL writes it: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    parts = [f"{int(year):04d}"] + [f"{p:02d}" for p in (month, day) if p]
    return "-".join(parts if month else parts[:1])

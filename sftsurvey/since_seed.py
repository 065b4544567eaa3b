"""What was added beyond the seed reading list, why, and what the survey found on it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import pandas as pd

from sftsurvey.catalogue import Catalogue, Paper

_REASON = re.compile(r"Added beyond the seed list:\s*(.+?\.)(?=\s+[A-Z(]|$)", re.DOTALL)
NO_REASON = "(the entry does not say)"
"""Shown when an added entry's note gives no reason for adding it."""


def reason_added(note: str) -> str:
    """The entry note's sentence after "Added beyond the seed list:", else :data:`NO_REASON`."""
    found = _REASON.search(" ".join(note.split()))
    return found.group(1) if found else NO_REASON


def first_public_year(paper: Paper) -> int:
    """The year of the first public version (``origdate`` where the entry has one), else ``year``."""
    origdate = paper.get("origdate")
    return int(origdate[:4]) if origdate[:4].isdigit() else paper.year


def added_works(
    catalogue: Catalogue, findings: Iterable = (), verdicts: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """Every entry with ``origin = {added}``: key, first public year, title, venue, topics, why
    it was added, and the current findings that test it (with their verdicts)."""
    verdicts = verdicts or {}
    items = [f for f in findings if not f.withdrawn]
    rows = []
    for paper in catalogue:
        if paper.get("origin") != "added":
            continue
        tested = [f.id for f in items if paper.key in f.papers]
        rows.append(
            {
                "key": paper.key,
                "first public": first_public_year(paper),
                "title": paper.title,
                "venue": paper.venue,
                "topics": ", ".join(paper.topics),
                "why added": reason_added(paper.get("note")),
                "findings": "; ".join(
                    f"{i} ({verdicts[i]})" if i in verdicts else i for i in tested
                ),
            }
        )
    columns = ["key", "first public", "title", "venue", "topics", "why added", "findings"]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["first public", "key"], ignore_index=True)

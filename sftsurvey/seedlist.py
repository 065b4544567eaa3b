"""The seed reading list the survey started from (``bib/seed/reading-list.txt``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sftsurvey.paths import ROOT

SEED_LIST = ROOT / "bib" / "seed" / "reading-list.txt"

SECTION_TOPICS = {
    "数据数量": "quantity",
    "指令质量": "quality",
    "指令多样性": "diversity",
    "指令复杂度/难度": "complexity",
}
"""Section headings of the list (Chinese) and the catalogue topic each maps to."""

_ITEM = re.compile(r"^(?P<title>.+?)\s*\((?P<where>Arxiv|ACL|Blog post|NeurIPS|Mar\.)[^)]*\)")


@dataclass(frozen=True)
class SeedItem:
    line: int
    title: str
    topic: str


def read_seed_list(path: Path = SEED_LIST) -> list[SeedItem]:
    """Every listed work with its line and the topic of the section it is listed under."""
    items, topic = [], None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
            topic = SECTION_TOPICS.get(heading, topic if heading == "数据质量" else None)
            continue
        if not line:
            continue
        match = _ITEM.match(line)
        if not match or topic is None:
            raise ValueError(f"{path}:{number}: cannot read a listed work from {line!r}")
        items.append(SeedItem(number, match.group("title").strip(), topic))
    return items

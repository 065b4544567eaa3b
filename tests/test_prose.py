"""Prose cannot contradict its numbers: no hand-typed direction word in a sentence with a glued value.

A sentence that glues a number states its direction with a glued word too (``sftsurvey.wording``).
This scan flags, in every chapter and notebook, direction words typed in such a sentence; phrases
that describe a method or a definition rather than a result are listed in ``ALLOWED``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sftsurvey.paths import ROOT

DIRECTION = re.compile(
    r"\b(longer|shorter|higher|lower|rises|rising|falls|falling|grows|drops|fewer|beats|"
    r"outperforms?|improves|declines|exceeds|larger|smaller|steeper|flatter|most recent|latest)\b",
    re.IGNORECASE,
)
GLUE = re.compile(r"\{glue(?::\w+)?\}`[^`]*`")
ROLE = re.compile(r"\{[a-z:]+\}`[^`]*`|`[^`]*`")
ALLOWED = (
    "lower is",  # the direction of a scale ("lower is a better model")
    "lower = ",
    "a smaller late slope than its overall one",  # the definition of flattening
    "the longer one wins",  # the definition of the length-bias share
    "the examples it drops",  # the filter's action, not a result
    "lower at 2M than at 0.2M",  # the definition of the losing count glued before it
    "the longer response won",  # the definition of the length-bias share
    "selecting for diversity beats random selection",  # the claim under test, not a result
    "higher in ours",  # beside the glued name of the set with the higher ratio (an argmax)
    "drops the number",  # what a later paper version did, not a result
    "a lower bound",  # what a capped median is
    "wrote the longer response",  # the conditioning of the by-writer split, not a result
    "wrote the longer one",
    "in which it was the shorter",
    "the longer response wins",  # the definition of the length-bias share
)
PAGES = sorted([*(ROOT / "book").glob("*.md"), *(ROOT / "notebooks").glob("*.md")])


def prose(text: str) -> str:
    """The page without its front matter, code cells and directive blocks."""
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.DOTALL)
    return re.sub(r"```.*?```", "", text, flags=re.DOTALL)


def typed_directions(text: str) -> list[str]:
    """Sentences that glue a value and also type a direction word (outside roles)."""
    found = []
    for paragraph in prose(text).split("\n\n"):
        for sentence in re.split(r"(?<=[.;:])\s+(?=[A-Z*({])", " ".join(paragraph.split())):
            if not GLUE.search(sentence):
                continue
            bare = ROLE.sub("", sentence)
            if "?**" in bare:  # a question label asserts nothing
                bare = bare.split("?**", 1)[1]
            for phrase in ALLOWED:
                bare = bare.replace(phrase, "")
            if DIRECTION.search(bare):
                found.append(sentence)
    return found


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_typed_direction_beside_a_glued_value(page: Path):
    assert typed_directions(page.read_text(encoding="utf-8")) == []


def test_the_scan_catches_a_typed_direction():
    typed = "The kept examples have longer outputs (median {glue}`a` words against {glue}`b`)."
    glued = "The kept examples have {glue:text}`dir` outputs (median {glue}`a` against {glue}`b`)."
    assert typed_directions(typed) == [typed]
    assert typed_directions(glued) == []

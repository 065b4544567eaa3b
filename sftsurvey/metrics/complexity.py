"""Complexity proxies of instructions: size, syntactic depth, clauses and explicit constraints.

The surveyed papers make instructions harder in ways these proxies can see: Evol-Instruct
(``xu2023wizardlm``) rewrites them by adding constraints, deepening and adding reasoning steps;
Tree-Instruct (``zhao2023treeinstruct``) adds nodes to an instruction's semantic tree;
FollowBench (``jiang2023followbench``) and CELLO (``he2023can``) count and classify the
constraints an instruction states (content, format, length, style …). None of them uses these
exact measures: they are cheap, transparent proxies to compare datasets with, from spaCy's
dependency parse (:mod:`sftsurvey.metrics.parsing`) and a small lexicon.

- ``tokens``: words in spaCy's tokenisation, punctuation and whitespace left out.
- ``depth``: the largest number of dependency arcs from a sentence's root down to a word (the
  root alone is depth 0), over all sentences; punctuation and whitespace left out.
- ``clauses``: verbs and auxiliaries (``VERB``, ``AUX``) whose dependency label is the root or a
  clausal one (:data:`CLAUSE_LABELS`): a main clause per sentence with a verbal root, plus each
  complement, adverbial, relative or coordinated clause.
- ``constraints``: matches of :data:`CONSTRAINT_MARKERS` in the raw text (bounds such as "at
  least", rules such as "must" or "do not", lengths such as "3 sentences", formats such as
  "JSON" or "table", other numbers), see :func:`constraint_markers`. It counts markers, not
  constraints: "at least 3 words" is two. A lexicon is crude ("should" in a question counts too),
  so compare datasets with it, and read the markers of a sample before trusting a difference.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd
from spacy.tokens import Doc

from sftsurvey.metrics.parsing import BATCH_SIZE, as_docs, index_of

CLAUSE_LABELS = frozenset(
    {"ROOT", "ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "csubjpass", "conj", "parataxis"}
)
"""Dependency labels (spaCy's English, ClearNLP style) that head a clause when a verb bears them."""

_NUMBER = (
    r"\d+(?:[.,]\d+)*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|fifty|hundred|thousand"
)
_UNIT = r"words?|sentences?|paragraphs?|lines?|characters?|syllables?|bullet points?|items?"

CONSTRAINT_MARKERS: dict[str, str] = {
    # bounds on a quantity; longer phrases first, so that "no more than" is one marker
    "bound": r"at least|at most|no more than|no less than|no fewer than|not more than|"
    r"not exceed(?:ing)?|more than|less than|fewer than|exactly|up to|maximum|minimum",
    # obligations and prohibitions
    "rule": r"must|should|do not|don['’]t|does not|doesn['’]t|never|without|avoid|only|"
    r"make sure|ensure",
    # a number of length units, one marker: "3 sentences", "one paragraph", "a single line"
    "length": rf"(?:{_NUMBER}|one|a single|single)[ -](?:{_UNIT})",
    # output formats
    "format": r"json|yaml|csv|xml|html|markdown|table|bullet(?:ed)?(?: points?| list)?|bullets|"
    r"numbered list|numbered|lists?|format(?:ted)?|headings?",
    # any other number: digits, or a number word ("one" only before a unit: it is mostly a pronoun)
    "number": _NUMBER,
}
"""The constraint lexicon: category → regular expression, matched whole-word in any case.

Markers are found left to right without overlap; where two start at the same word, the earlier
category wins ("3 words" is one ``length`` marker, not a ``number``). Units of length count only
after a number: "this sentence" names no constraint.
"""

_MARKER = re.compile(
    "|".join(rf"(?P<{name}>\b(?:{pattern})\b)" for name, pattern in CONSTRAINT_MARKERS.items()),
    re.IGNORECASE,
)
_SKIPPED = ("PUNCT", "SPACE")


def constraint_markers(text: str) -> list[tuple[str, str]]:
    """The constraint markers in ``text``, in order, as (category, matched text)."""
    return [(m.lastgroup or "", m.group()) for m in _MARKER.finditer(text)]


def count_constraints(text: str) -> int:
    """Number of constraint markers in ``text``."""
    return sum(1 for _ in _MARKER.finditer(text))


def n_tokens(doc: Doc) -> int:
    """Words in ``doc``, without punctuation and whitespace."""
    return sum(1 for t in doc if t.pos_ not in _SKIPPED and not t.is_punct and not t.is_space)


def tree_depth(doc: Doc) -> int:
    """Largest number of arcs from a sentence root down to a word (0 for one-word sentences)."""
    depth = 0
    for token in doc:
        if token.pos_ in _SKIPPED or token.is_punct or token.is_space:
            continue
        depth = max(depth, sum(1 for _ in token.ancestors))
    return depth


def n_clauses(doc: Doc) -> int:
    """Verbs and auxiliaries in ``doc`` that carry a clause label (:data:`CLAUSE_LABELS`)."""
    return sum(1 for t in doc if t.pos_ in ("VERB", "AUX") and t.dep_ in CLAUSE_LABELS)


def complexity(
    instructions: pd.Series | Iterable[str | Doc],
    batch_size: int = BATCH_SIZE,
    progress: bool = False,
) -> pd.DataFrame:
    """Columns ``tokens``, ``depth``, ``clauses``, ``constraints``: one row per instruction."""
    docs = as_docs(instructions, batch_size, progress)
    rows = [(n_tokens(d), tree_depth(d), n_clauses(d), count_constraints(d.text)) for d in docs]
    return pd.DataFrame(
        rows,
        columns=["tokens", "depth", "clauses", "constraints"],
        index=index_of(instructions, len(docs)),
        dtype="int64",
    )

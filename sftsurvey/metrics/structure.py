"""Self-Instruct's verb–noun analysis: each instruction's root verb and its direct-object noun.

Self-Instruct (``wang2022selfinstruct``) shows the diversity of its generated instructions as
the 20 most common root verbs and, for each, its 4 most common direct noun objects. The paper
names the Berkeley Neural Parser; its released notebook
(``self_instruct/instruction_visualize.ipynb``) adds that parser to a spaCy ``en_core_web_md``
pipeline but reads spaCy's own dependency labels, part-of-speech tags and lemmas. We follow that
notebook's rule with spaCy's *small* English model (:mod:`sftsurvey.metrics.parsing`), so the
numbers are a stand-in: a different model tags some words differently.

The rule, on the first sentence of an instruction: start at the root of its dependency tree; while
the current word is not a verb (``pos_ == "VERB"``), move to its first child in word order, and
give up at a word with no children. The verb found is the instruction's verb; its first child
labelled ``dobj`` that is a common noun (``pos_ == "NOUN"``) is the noun. Both are lemmas, lower
case. Questions (``Is this sentence positive?``, whose root is the auxiliary *is*) usually have
neither; a direct object that is a pronoun (*tell me*) or a proper noun gives a verb without noun.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from spacy.tokens import Doc

from sftsurvey.metrics.parsing import BATCH_SIZE, as_docs, index_of


def verb_and_object(doc: Doc) -> tuple[str | None, str | None]:
    """The (verb, noun) lemmas of one parsed instruction; ``None`` for what is not there."""
    sentence = next(iter(doc.sents), None) if len(doc) else None
    if sentence is None:
        return None, None
    word = sentence.root
    while word.pos_ != "VERB":
        word = next(word.children, None)
        if word is None:
            return None, None
    noun = next((c for c in word.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
    return word.lemma_.lower(), noun.lemma_.lower() if noun is not None else None


def verb_nouns(
    instructions: pd.Series | Iterable[str | Doc],
    batch_size: int = BATCH_SIZE,
    progress: bool = False,
) -> pd.DataFrame:
    """Columns ``verb`` and ``noun`` (``None`` where missing), one row per instruction."""
    docs = as_docs(instructions, batch_size, progress)
    pairs = [verb_and_object(doc) for doc in docs]
    return pd.DataFrame(
        pairs, columns=["verb", "noun"], index=index_of(instructions, len(docs)), dtype=object
    )


def pair_counts(pairs: pd.DataFrame) -> pd.DataFrame:
    """How often each (verb, noun) pair occurs, most common first; rows lacking either are dropped.

    Columns ``verb``, ``noun``, ``count``; ties are broken alphabetically.
    """
    complete = pairs.loc[pairs["verb"].notna() & pairs["noun"].notna(), ["verb", "noun"]]
    counts = complete.groupby(["verb", "noun"]).size().rename("count").reset_index()
    counts = counts.sort_values(["count", "verb", "noun"], ascending=[False, True, True])
    return counts.reset_index(drop=True)


def top_verb_nouns(pairs: pd.DataFrame, verbs: int = 20, nouns: int = 4) -> pd.DataFrame:
    """The ``verbs`` most common verbs, each with its ``nouns`` most common nouns.

    Self-Instruct shows 20 verbs with 4 nouns each (the defaults), counted over instructions that
    have both a verb and a noun. One row per (verb, noun) with columns ``verb``, ``noun``,
    ``count`` and ``verb_count`` (that verb's total over all its nouns), ordered by ``verb_count``
    then ``count`` (ties alphabetically): ready for a sunburst (path verb → noun) or a bar chart.
    """
    counts = pair_counts(pairs)
    totals = counts.groupby("verb")["count"].sum().rename("verb_count").reset_index()
    totals = totals.sort_values(["verb_count", "verb"], ascending=[False, True]).head(verbs)
    top = counts.merge(totals, on="verb")
    top = top.sort_values(
        ["verb_count", "verb", "count", "noun"], ascending=[False, True, False, True]
    )
    top = top.groupby("verb", sort=False).head(nouns)
    return top[["verb", "noun", "count", "verb_count"]].reset_index(drop=True)

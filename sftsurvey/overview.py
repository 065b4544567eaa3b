"""The catalogue as a table, and the counts the overview notebook shows."""

from __future__ import annotations

import re

import pandas as pd

from sftsurvey import wording
from sftsurvey.catalogue import TOPICS, Catalogue, Paper

# Venue families, recognised from the booktitle (first match wins).
_VENUE_FAMILIES: tuple[tuple[str, str], ...] = (
    (r"workshop", "Workshop"),
    (r"Findings of the Association for Computational Linguistics: EMNLP", "Findings of EMNLP"),
    (r"Empirical Methods in Natural Language Processing", "EMNLP"),
    (r"LREC-COLING|Language Resources and Evaluation", "LREC-COLING"),
    (r"International Conference on Computational Linguistics", "COLING"),
    (r"Annual Meeting of the Association for Computational Linguistics", "ACL"),
    (r"Neural Information Processing Systems", "NeurIPS"),
    (r"Learning Representations", "ICLR"),
    (r"AAAI", "AAAI"),
    (r"Data Engineering", "ICDE"),
    (r"Conference on Language Modeling", "COLM"),
    (r"International Conference on Machine Learning", "ICML"),
    (r"North American Chapter of the Association for Computational Linguistics", "NAACL"),
)


def venue_family(paper: Paper) -> str:
    """A short venue label: ``ACL``, ``NeurIPS``, …, ``arXiv preprint`` or ``Repository / blog``."""
    if paper.entry_type == "misc":
        return "Repository / blog"
    if not paper.peer_reviewed:
        return paper.venue
    for pattern, family in _VENUE_FAMILIES:
        if re.search(pattern, paper.venue, flags=re.IGNORECASE):
            return family
    return "Other proceedings" if paper.entry_type == "inproceedings" else paper.venue


def venue_label(paper: Paper) -> str:
    """The venue family with the cited version's year for peer-reviewed work (``ACL 2024``)."""
    family = venue_family(paper)
    return f"{family} {paper.year}" if paper.peer_reviewed else family


def papers_frame(cat: Catalogue) -> pd.DataFrame:
    """One row per paper: key, ``year`` of the first public version (the timelines' year),
    ``cited_year`` (the version cited), title, venue family, peer review, code, origin, topics."""
    rows = []
    for paper in cat:
        row = {
            "key": paper.key,
            "year": paper.first_year,
            "cited_year": paper.year,
            "title": paper.title,
            "venue": venue_family(paper),
            "peer_reviewed": paper.peer_reviewed,
            "has_code": bool(paper.code),
            "origin": paper.get("origin"),
        }
        row.update({topic: topic in paper.topics for topic in TOPICS})
        rows.append(row)
    return pd.DataFrame(rows).sort_values(["year", "key"], ignore_index=True)


def topic_counts(frame: pd.DataFrame) -> pd.Series:
    """Works per topic (a work in several topics counts in each), in the book's order."""
    return frame[list(TOPICS)].sum().astype(int).rename("works")


def year_counts(frame: pd.DataFrame) -> pd.Series:
    """Works per year of first public version, every year in the range shown."""
    years = range(frame["year"].min(), frame["year"].max() + 1)
    return frame["year"].value_counts().reindex(years, fill_value=0).rename("works")


def venue_counts(frame: pd.DataFrame) -> pd.Series:
    """Works per venue family, most frequent first (ties by name)."""
    counts = frame["venue"].value_counts()
    return counts.sort_index().sort_values(ascending=False, kind="stable").rename("works")


def code_share_by_topic(frame: pd.DataFrame) -> pd.Series:
    """Fraction (0–1) of the works in each topic that have an official code repository."""
    return pd.Series(
        {topic: frame.loc[frame[topic], "has_code"].mean() for topic in TOPICS},
        name="share with code",
    )


def multi_topic(frame: pd.DataFrame) -> pd.DataFrame:
    """The works tagged with more than one topic, with ``n_topics``: most topics first, then by key."""
    n_topics = frame[list(TOPICS)].sum(axis=1)
    return (
        frame[n_topics > 1]
        .assign(n_topics=n_topics)
        .sort_values(["n_topics", "key"], ascending=[False, True])
    )


def topic_overlap_phrase(multi: pd.DataFrame) -> str:
    """How many works :func:`multi_topic` finds, with the first as an example, as a clause."""
    if multi.empty:
        return "no work does"
    example = multi.iloc[0]
    name = example["title"].split(":")[0]
    in_topics = [t for t in TOPICS if example[t]]
    verb = "does" if len(multi) == 1 else "do"
    return (
        f"{wording.count(len(multi), 'work')} {verb} ({name}, for instance, is read for "
        f"{', '.join(in_topics[:-1])} and {in_topics[-1]})"
    )

"""Catalogue statistics on a small hand-made catalogue with known counts."""

from __future__ import annotations

from sftsurvey import catalogue, overview

from .conftest import VALID_ENTRY


def _entry(key: str, year: str, topics: str, kind: str = "inproceedings", code: bool = True) -> str:
    text = VALID_ENTRY.replace("zhou2023lima", key).replace("{2023}", "{" + year + "}")
    text = text.replace("{2023-05-18}", "{" + year + "-05-18}")
    text = text.replace("{LIMA}: Less Is More", key).replace(
        "2305.11206", f"{year[2:]}05.{sum(map(ord, key)):05d}"
    )
    text = text.replace("quantity, quality", topics)
    if kind == "article":
        text = text.replace("@inproceedings", "@article").replace("booktitle", "journal")
        text = text.replace("Advances in Neural Information Processing Systems", "arXiv preprint")
    if not code:
        text = "".join(line for line in text.splitlines(True) if not line.startswith("  code"))
    return text


def test_counts(write_bib):
    bib = write_bib(
        _entry("zhou2022aaaaa", "2022", "quantity")
        + _entry("zhou2023bbbbb", "2023", "quantity, diversity", kind="article", code=False)
        + _entry("zhou2023ccccc", "2023", "complexity")
    )
    cat = catalogue.load(bib)
    frame = overview.papers_frame(cat)
    assert overview.topic_counts(frame).to_dict() == {
        "quantity": 2,
        "quality": 0,
        "diversity": 1,
        "complexity": 1,
    }
    assert overview.year_counts(frame).to_dict() == {2022: 1, 2023: 2}
    assert overview.venue_counts(frame).to_dict() == {"NeurIPS": 2, "arXiv preprint": 1}
    share = overview.code_share_by_topic(frame)
    assert share["quantity"] == 0.5 and share["complexity"] == 1.0


def test_year_counts_fill_gaps(write_bib):
    bib = write_bib(
        _entry("zhou2020aaaaa", "2020", "quantity") + _entry("zhou2023bbbbb", "2023", "quantity")
    )
    years = overview.year_counts(overview.papers_frame(catalogue.load(bib)))
    assert years.to_dict() == {2020: 1, 2021: 0, 2022: 0, 2023: 1}


def test_venue_family_of_real_catalogue():
    cat = catalogue.load()
    assert overview.venue_family(cat["wang2022selfinstruct"]) == "ACL"
    assert overview.venue_family(cat["bukharin2023data"]) == "Findings of EMNLP"
    assert overview.venue_family(cat["taori2023stanford"]) == "Repository / blog"
    assert overview.venue_family(cat["wang2023difftune"]) == "Workshop"
    assert "Other proceedings" not in {overview.venue_family(p) for p in cat}


def test_multi_topic_works_and_their_phrase(write_bib):
    bib = write_bib(
        _entry("zhou2022aaaaa", "2022", "quantity")
        + _entry("zhou2023bbbbb", "2023", "quantity, diversity")
        + _entry("zhou2023ccccc", "2023", "quantity, quality, complexity")
    )
    frame = overview.papers_frame(catalogue.load(bib))
    multi = overview.multi_topic(frame)
    assert multi["key"].tolist() == ["zhou2023ccccc", "zhou2023bbbbb"]
    assert multi["n_topics"].tolist() == [3, 2]
    assert overview.topic_overlap_phrase(multi) == (
        "2 works do (zhou2023ccccc for Alignment, for instance, is read for quantity, quality and "
        "complexity)"
    )
    assert overview.topic_overlap_phrase(multi.iloc[:0]) == "no work does"

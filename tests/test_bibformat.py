"""The shared bibliography helpers: names, BibTeX writing and COinS (used by the catalogue,
the exports and the survey's own citation)."""

from __future__ import annotations

from urllib.parse import parse_qsl

import bibtexparser
import pytest

from sftsurvey import bibformat, catalogue, citation, exports


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Zhou, Chunting", {"family": "Zhou", "given": "Chunting"}),
        ("van der Berg, Jan", {"family": "van der Berg", "given": "Jan"}),
        ("Jan van der Berg", {"family": "van der Berg", "given": "Jan"}),
        ("King, Jr, Martin Luther", {"family": "King", "given": "Martin Luther", "suffix": "Jr"}),
        ("Weston, Jason E", {"family": "Weston", "given": "Jason E"}),
        ("{Databricks}", {"literal": "Databricks"}),
        ("{Tatsu Lab and Friends}", {"literal": "Tatsu Lab and Friends"}),
        ("Rodríguez-Ávila, María", {"family": "Rodríguez-Ávila", "given": "María"}),
    ],
)
def test_person_parts_follow_bibtex_name_rules(name, parts):
    assert bibformat.person_parts(name) == parts


def test_split_names_keeps_braced_and():
    assert bibformat.split_names("{Smith and Sons} and Doe, J and  Roe, R ") == [
        "{Smith and Sons}",
        "Doe, J",
        "Roe, R",
    ]
    assert bibformat.split_names("") == []


def test_family_name_and_family_given():
    assert bibformat.family_name("van der Berg, Jan") == "van der Berg"
    assert bibformat.family_name("{OpenAI}") == "OpenAI"
    assert bibformat.family_given({"family": "King", "given": "M", "suffix": "Jr"}) == "King, M, Jr"
    assert bibformat.family_given({"literal": "OpenAI"}) == "OpenAI"


def test_catalogue_exports_and_citation_share_the_helpers():
    """One place: the catalogue's and the exports' name functions are the shared ones."""
    assert catalogue.split_authors is bibformat.split_names
    assert catalogue.family_name is bibformat.family_name
    assert exports._family_given is bibformat.family_given
    assert catalogue.plain_text is bibformat.plain_text


def test_dates():
    assert bibformat.month_number("aug") == 8 and bibformat.month_number("March") == 3
    assert bibformat.month_number("13") is None and bibformat.month_number("") is None
    assert bibformat.date_parts("2023-10-09") == [2023, 10, 9]
    assert bibformat.date_parts("2023-10") == [2023, 10]
    assert bibformat.coins_date(2024, 8) == "2024-08"
    assert bibformat.coins_date(2024) == "2024"


def test_written_entry_parses_back_with_bare_month_and_no_empty_fields():
    item = bibformat.entry(
        "misc", "x2024y", [("title", "{A} & B"), ("year", "2024"), ("month", "aug"), ("doi", "")]
    )
    text = bibformat.write_one(item)
    assert "  month = aug,\n" in text or text.rstrip().endswith("month = aug\n}")
    assert "doi" not in text
    parsed = bibtexparser.parse_string(text).entries[0]
    assert parsed.key == "x2024y" and parsed["year"] == "2024"


def test_coins_is_an_openurl_context_object():
    pairs = parse_qsl(bibformat.coins([("rft.atitle", "A & B"), ("rft.date", ""), ("rft.au", "X")]))
    assert pairs == [("ctx_ver", "Z39.88-2004"), ("rft.atitle", "A & B"), ("rft.au", "X")]


def test_survey_citation_bibtex_uses_the_writer():
    cite = citation.load()
    parsed = bibtexparser.parse_string(cite.bibtex()).entries[0]
    assert parsed.key == cite.key and parsed.entry_type == "misc"
    assert parsed["year"] == cite.year
    assert parsed["month"] == bibformat.MONTHS[int(cite.date_released[5:7]) - 1]
    page = dict(parse_qsl(cite.page("Quantity", "https://x/quantity.html").coins()))
    assert page["ctx_ver"] == "Z39.88-2004" and page["rft.date"] == cite.date_released

"""The 'Since the seed list' table: added works, why, and the findings that test them."""

from __future__ import annotations

from sftsurvey import catalogue, since_seed
from sftsurvey.findings import REGISTRY


def test_reason_is_the_sentence_after_the_marker():
    note = "Added beyond the seed list: a key 2025 result (about 1%). Venue: COLM 2025."
    assert since_seed.reason_added(note) == "a key 2025 result (about 1%)."
    assert since_seed.reason_added("Venue only.") == since_seed.NO_REASON


def test_every_added_entry_is_listed_with_its_findings():
    cat = catalogue.load()
    table = since_seed.added_works(cat, REGISTRY.values(), {})
    added = {p.key for p in cat if p.get("origin") == "added"}
    assert set(table["key"]) == added
    limo = table.set_index("key").loc["ye2025limo"]
    assert "quantity-limo-817-beats-100k" in limo["findings"]
    assert limo["why added"] != since_seed.NO_REASON
    assert list(table["first public"]) == sorted(table["first public"])


def test_withdrawn_findings_are_not_listed():
    from types import SimpleNamespace

    cat = catalogue.load()
    items = [
        SimpleNamespace(id="quality-old", papers=("ye2025limo",), withdrawn="replaced"),
        SimpleNamespace(id="quality-new", papers=("ye2025limo",), withdrawn=""),
    ]
    table = since_seed.added_works(cat, items, {"quality-new": "supported"}).set_index("key")
    assert table.loc["ye2025limo", "findings"] == "quality-new (supported)"

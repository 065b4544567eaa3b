"""The findings page: each finding is reachable by its ID and opens onto its evidence rows."""

from __future__ import annotations

from browser_tests.helpers import SITE, require_file


def test_a_finding_link_lands_on_its_card_and_shows_its_rows(page, site_url):
    from sftsurvey import findings

    require_file(SITE, "book/findings.html")
    key = "quantity-loglinear-gsm8k"
    assert key in findings.REGISTRY
    page.goto(f"{site_url}book/findings.html#{key}", wait_until="load")
    card = page.locator(f"section.finding-card#{key}")
    assert card.count() == 1, f"no card with id {key}"
    card.wait_for(state="visible")
    assert card.is_visible() and card.bounding_box()["height"] > 0
    assert page.evaluate("() => document.querySelector(':target')?.id") == key
    badge = card.locator(".verdict")
    assert badge.inner_text() in findings.VERDICTS
    rows = card.locator("details.evidence tbody tr")
    assert not rows.first.is_visible(), "evidence rows should start folded"
    card.locator("details.evidence summary").click()
    assert rows.first.is_visible(), "evidence rows did not unfold on a click"
    assert rows.count() >= 2
    first = rows.first.locator("td").all_inner_texts()
    assert first[0].startswith("data/results/") and first[1].isdigit(), first
    cards = page.locator("section.finding-card")
    assert cards.count() == len(findings.REGISTRY)


def test_a_card_shows_its_rule_and_unfolds_its_robustness(page, site_url):
    require_file(SITE, "book/findings.html")
    key = "quantity-better-base-gains-less"
    page.goto(f"{site_url}book/findings.html#{key}", wait_until="load")
    card = page.locator(f"section.finding-card#{key}")
    text = card.inner_text()
    for field in ("As the paper states it:", "Scope as stated:", "Rule:", "Tolerance:"):
        assert field in text, field
    label = card.locator(".finding-head .robustness").inner_text()
    assert label in ("robust", "fragile")
    alternatives = card.locator("details.robustness-details tbody tr")
    assert not alternatives.first.is_visible(), "alternatives should start folded"
    card.locator("details.robustness-details summary").click()
    assert alternatives.first.is_visible() and alternatives.count() >= 5
    summary = page.locator("table.robustness-summary tbody tr")
    assert summary.count() >= 10

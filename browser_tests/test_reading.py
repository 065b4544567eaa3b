"""The reading experience (#14): the evidence explorer, the interactive figures, and the reading
defects fixed (header version label, wide tables, bold glue, glue-only cells, palette)."""

from __future__ import annotations

import pytest

from browser_tests.helpers import SITE, require_file

EXPLORER = "notebooks/evidence-explorer.html"
SCALING = "notebooks/quantity-math-scaling.html"
FRONTIER = "notebooks/frontier.html"


@pytest.fixture(scope="module")
def requests(page, site_url):
    """Every URL the page asks for, per load (cleared by each test)."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url))
    return seen


def _outside(urls: list[str], site_url: str) -> list[str]:
    return [u for u in urls if not u.startswith((site_url, "data:", "blob:", "about:"))]


def _open(page, site_url, rel, requests):
    require_file(SITE, rel)
    requests.clear()
    page.goto(site_url + rel, wait_until="load")


def test_explorer_search_finds_a_row_offline(page, site_url, requests):
    _open(page, site_url, EXPLORER, requests)
    table = page.locator("table#evidence-explorer.dataTable")
    table.wait_for(state="attached", timeout=30_000)
    search = page.locator(".dt-search input")
    search.fill("yuan2023scaling.csv:11")
    # the search also matches lines 110-119; the filtered table holds only such rows
    page.wait_for_function(
        "() => { const rows = [...document.querySelectorAll('#evidence-explorer tbody tr')];"
        " return rows.length > 0 && rows.length < 25"
        " && rows.every(r => r.textContent.includes('yuan2023scaling.csv:11')); }"
    )
    rows = table.locator("tbody tr").all()
    exact = [r for r in rows if r.locator("td").nth(12).inner_text() == "yuan2023scaling.csv:11"]
    assert len(exact) == 1, [r.inner_text() for r in rows]
    text = exact[0].inner_text()
    assert "Table 5 (arXiv v2)" in text and "LLaMA-13B" in text, text
    link = exact[0].locator("a").first
    assert link.get_attribute("href") == "../book/catalogue.html#paper-yuan2023scaling"
    assert not _outside(requests, site_url), (
        f"requests left the site: {_outside(requests, site_url)}"
    )


def test_explorer_has_a_filter_pane_per_facet_and_sorts(page, site_url, requests):
    _open(page, site_url, EXPLORER, requests)
    page.locator("table#evidence-explorer.dataTable").wait_for(state="attached", timeout=30_000)
    titles = page.locator(".dtsp-searchPane").evaluate_all(
        "panes => panes.filter(p => !p.classList.contains('dtsp-hidden'))"
        ".map(p => (p.querySelector('input.dtsp-paneInputButton') || {}).placeholder)"
    )
    assert titles == ["Paper", "Topics", "Benchmark", "Metric", "Extraction"], titles
    info = page.locator(".dt-info").inner_text()
    total = int(info.split(" of ")[-1].split()[0].replace(",", ""))
    assert total > 2000, info
    # sort by value, descending: the first row holds the largest value
    order = page.locator("#evidence-explorer thead th", has_text="Value").locator(
        ".dt-column-order"
    )
    first_values = (
        "() => [...document.querySelectorAll('#evidence-explorer tbody tr')]"
        ".slice(0, 5).map(r => parseFloat(r.querySelectorAll('td')[8].textContent))"
    )
    order.click()  # ascending
    page.wait_for_function(f"() => {{ const v = ({first_values})(); return v[0] <= v[4]; }}")
    order.click()  # descending
    page.wait_for_function(f"() => {{ const v = ({first_values})(); return v[0] > v[4]; }}")
    values = page.evaluate(first_values)
    assert values == sorted(values, reverse=True) and values[0] >= 1000, values


def test_catalogue_has_the_anchor_the_explorer_links(page, site_url):
    page.goto(site_url + "book/catalogue.html#paper-yuan2023scaling", wait_until="load")
    anchor = page.locator("#paper-yuan2023scaling")
    assert anchor.count() == 1
    row = anchor.locator("xpath=ancestor::tr")
    assert "Scaling" in row.inner_text()


HOVER_TEXT = (
    "() => [...document.querySelectorAll('.hoverlayer .hovertext')].map(h => h.textContent)"
)


@pytest.mark.parametrize(("rel", "expected"), [(SCALING, "yuan2023scaling"), (FRONTIER, "csv:")])
def test_interactive_figure_hover_shows_its_source_row(page, site_url, requests, rel, expected):
    _open(page, site_url, rel, requests)
    graph = page.locator(".interactive-figure .plotly-graph-div").first
    graph.wait_for(timeout=30_000)
    page.wait_for_function(
        "() => document.querySelector('.plotly-graph-div .scatterlayer .point') !== null"
    )
    point = graph.locator(".scatterlayer .point").first
    point.scroll_into_view_if_needed()
    point.hover(force=True)
    page.wait_for_function(f"() => ({HOVER_TEXT})().length > 0", timeout=10_000)
    texts = " ".join(page.evaluate(HOVER_TEXT))
    assert expected in texts and "data size" in texts and "score" in texts, texts
    assert graph.locator(".modebar").count() == 1, "no zoom tool bar"
    assert not _outside(requests, site_url), (
        f"requests left the site: {_outside(requests, site_url)}"
    )
    scripts = page.evaluate("() => [...document.scripts].map(s => s.src).filter(Boolean)")
    assert any(s.startswith(site_url) and "plotly" in s for s in scripts), scripts


def test_scaling_figure_gives_each_model_its_own_colour(page, site_url, requests):
    _open(page, site_url, SCALING, requests)
    page.locator(".plotly-graph-div").first.wait_for(timeout=30_000)
    colours = page.evaluate(
        "() => document.querySelector('.plotly-graph-div').data"
        ".filter(t => t.mode === 'markers').map(t => t.marker.color)"
    )
    assert len(colours) >= 7 and len(set(colours)) == len(colours), colours


def test_header_version_label_is_not_clipped(page, site_url):
    page.goto(site_url + "book/quantity.html", wait_until="load")
    button = page.locator(".bd-header-article .version-switcher__button")
    button.wait_for()
    page.wait_for_function(
        "() => document.querySelector('.version-switcher__button').textContent.trim().length > 0"
    )
    found = page.evaluate(
        """() => {
          const b = document.querySelector('.bd-header-article .version-switcher__button');
          const h = document.querySelector('.bd-header-article').getBoundingClientRect();
          const r = b.getBoundingClientRect();
          const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return {inside: r.top >= h.top - 1 && r.bottom <= h.bottom + 1, top: r.top,
                  header: [h.top, h.bottom], onTop: b.contains(hit),
                  fits: b.scrollWidth <= b.clientWidth + 1};
        }"""
    )
    assert found["inside"] and found["onTop"] and found["fits"], found


WIDE_TABLES = """() => [...document.querySelectorAll('article .cell_output table')].map(t => {
  let box = t.parentElement;
  while (box && getComputedStyle(box).overflowX !== 'auto') box = box.parentElement;
  const art = document.querySelector('article.bd-article').getBoundingClientRect();
  const outer = (box || t).getBoundingClientRect();
  return {wide: t.scrollWidth, right: outer.right, article: art.right,
          scrolls: !!box && box.scrollWidth > box.clientWidth};
}).filter(t => t.right > t.article + 1 || (t.wide > t.right && !t.scrolls))"""


@pytest.mark.parametrize("rel", [FRONTIER, SCALING])
def test_wide_tables_scroll_inside_the_text_column(page, site_url, rel):
    page.goto(site_url + rel, wait_until="load")
    assert page.locator("article .cell_output table").count() > 0
    bad = page.evaluate(WIDE_TABLES)
    assert not bad, f"{rel}: tables running out of the text column: {bad}"


def test_glued_values_are_not_bold(page, site_url):
    page.goto(site_url + FRONTIER, wait_until="load")
    weights = page.evaluate(
        "() => [...document.querySelectorAll('p span.pasted-text')].map(s => "
        "[getComputedStyle(s).fontWeight, getComputedStyle(s.parentElement).fontWeight])"
    )
    assert weights, "no glued text on the frontier page"
    assert all(own == parent for own, parent in weights), weights


def test_glue_only_cells_hide_their_input_one_click_away(page, site_url):
    page.goto(site_url + FRONTIER, wait_until="load")
    hidden = page.locator(".cell.glue-only details.hide")
    assert hidden.count() > 0, "no glue-only cell is folded"
    # the cell gluing the comparison's numbers: its code folded, its table shown
    cell = page.locator(".cell.glue-only", has_text="fr_pairs").first
    assert cell.locator(".cell_output table").is_visible()
    first = hidden.first
    code = first.locator(".cell_input")
    assert not code.is_visible()
    first.locator("summary").click()
    assert code.is_visible() and "glue(" in code.inner_text()

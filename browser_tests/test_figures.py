"""Figures render: on every notebook page, each figure image has loaded and takes up space."""

from __future__ import annotations

import pytest

from browser_tests.helpers import SITE, html_pages, pages_or_placeholder, require_file

# Pages with executed cells (myst-nb marks their outputs with the cell_output class).
NOTEBOOK_PAGES = [
    p for p in html_pages() if 'class="cell_output' in (SITE / p).read_text(encoding="utf-8")
]

IMAGES = "figure img, .cell_output img"

# Waits for every image to finish loading (or failing), then measures each one.
MEASURE = """
async (selector) => {
  const images = [...document.querySelectorAll(selector)];
  await Promise.all(images.map((img) => img.complete ? null : new Promise((done) => {
    img.addEventListener("load", done, { once: true });
    img.addEventListener("error", done, { once: true });
  })));
  return images.map((img) => {
    const box = img.getBoundingClientRect();
    return { src: img.getAttribute("src"), natural: img.naturalWidth,
             width: box.width, height: box.height };
  });
}
"""


def test_there_are_notebook_pages_with_figures():
    pages = [p for p in NOTEBOOK_PAGES if p.startswith("notebooks/")]
    assert pages, f"no executed notebook pages in {SITE}/notebooks"
    with_images = [p for p in NOTEBOOK_PAGES if "<img" in (SITE / p).read_text(encoding="utf-8")]
    assert len(with_images) >= len(pages) // 2, f"few notebook pages have images: {with_images}"


@pytest.mark.parametrize("rel", pages_or_placeholder(NOTEBOOK_PAGES))
def test_figures_render(rel, page, site_url):
    require_file(SITE, rel)
    page.goto(site_url + rel, wait_until="load")
    images = page.evaluate(MEASURE, IMAGES)
    bad = [
        f"{img['src']}: naturalWidth={img['natural']}, box {img['width']:.0f}x{img['height']:.0f}"
        for img in images
        if not (img["natural"] > 0 and img["width"] > 0 and img["height"] > 0)
    ]
    assert not bad, (
        f"{rel}: {len(bad)} of {len(images)} figure(s) do not render:\n  " + "\n  ".join(bad)
    )

"""Build the PDF edition of the book (``make pdf``): single-page HTML, printed by chromium.

    .venv/bin/python scripts/build_pdf.py [--source .] [--out _build/pdf] [--into-site _build/html]

Builds ``SOURCE`` with jupyter-book's ``singlehtml`` builder into ``PATH_OUTPUT/_build`` (default: the
source; notebooks come from
the execution cache when ``make book`` ran first), prints it with Debian's chromium
(``$CHROMIUM``, default ``/usr/bin/chromium``) driven by Playwright, and writes
``OUT/instruction-tuning-data-survey-<version>.pdf``; ``--into-site`` also copies it to the built
site's ``pdf/`` folder, where "How to cite" links it. See :mod:`sftsurvey.pdf`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sftsurvey import citation, pdf, site  # noqa: E402

JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
]


def build_singlehtml(source: Path, path_output: Path) -> Path:
    """The single-page build of ``source``; returns its page (the book's root document)."""
    command = [
        str(JUPYTER_BOOK),
        "build",
        str(source),
        "--builder",
        "singlehtml",
        "--path-output",
        str(path_output),
        "-W",
        "-n",
        "--keep-going",
        "-q",
    ]
    subprocess.run(command, check=True)
    # index.html only redirects to the root document, which holds the whole book
    return path_output / "_build" / "singlehtml" / pdf.root_page(source / "_toc.yml")


def print_pdf(index: Path, target: Path, cite: citation.SurveyCitation) -> None:
    """Open the single page in chromium, add the title page, print it to ``target``."""
    from playwright.sync_api import sync_playwright

    if not os.access(CHROMIUM, os.X_OK):
        sys.exit(f"no chromium at {CHROMIUM}: apt-get install chromium, or set CHROMIUM")
    target.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=60_000
        )
        try:
            page = browser.new_page()
            page.goto(index.resolve().as_uri(), wait_until="load", timeout=120_000)
            page.evaluate(
                pdf.PREPARE_PAGE, [pdf.title_page_html(cite), pdf.PRINT_CSS, pdf.pdf_title(cite)]
            )
            page.emulate_media(media="print")
            page.pdf(
                path=str(target),
                format="A4",
                print_background=True,
                outline=True,
                tagged=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=(
                    '<div style="font-size:8px;width:100%;text-align:center;color:#555">'
                    f"{cite.title}, version {cite.version} · "
                    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
                ),
                margin={"top": "14mm", "bottom": "16mm", "left": "14mm", "right": "14mm"},
            )
        finally:
            browser.close()
    pdf.stamp_metadata(target, cite)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT)
    parser.add_argument(
        "--path-output", type=Path, help="where jupyter-book builds (default: source)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "pdf")
    parser.add_argument("--into-site", type=Path, help="also copy the PDF into this built site")
    args = parser.parse_args()
    source = args.source.resolve()
    cite = citation.load(source / "CITATION.cff", url=site.base_url())
    index = build_singlehtml(source, (args.path_output or source).resolve())
    target = args.out / pdf.pdf_name(cite.version)
    print_pdf(index, target, cite)
    if args.into_site:
        copy = args.into_site / pdf.site_path(cite.version)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(target, copy)
    print(f"The PDF edition is {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

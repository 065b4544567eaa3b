"""The whole book builds with warnings as errors, every notebook executed without error."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest

from sftsurvey import catalogue
from sftsurvey.paths import ROOT

pytestmark = pytest.mark.book

JB = [str(Path(sys.executable).parent / "jupyter-book")]


def build(source: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*JB, "build", str(source), "--path-output", str(out), "-W", "-n", "--keep-going"],
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.fixture(scope="module")
def site(book_build) -> Path:
    return book_build


def page(site: Path, name: str) -> str:
    return (site / "html" / f"{name}.html").read_text(encoding="utf-8")


def text(html: str) -> str:
    """Visible text: tags dropped, entities and typographic quotes undone, spaces folded."""
    plain = unescape(re.sub(r"<[^>]+>", " ", html))
    plain = plain.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(plain.split())


def test_every_toc_page_is_built(site):
    toc = (ROOT / "_toc.yml").read_text()
    for name in re.findall(r"(?:root|file): (\S+)", toc):
        assert (site / "html" / f"{name}.html").exists(), name


def test_chapter_tables_list_their_topic(site):
    cat = catalogue.load()
    for topic, name in [
        ("quantity", "book/quantity"),
        ("quality", "book/quality"),
        ("diversity", "book/diversity"),
        ("complexity", "book/complexity"),
    ]:
        html = page(site, name)
        assert "catalogue-table" in html
        for paper in cat.by_topic(topic):
            assert paper.url.replace("&", "&amp;") in html, (name, paper.key)
            assert " ".join(paper.summary.split())[:60] in text(html), (name, paper.key)


def test_bibliography_has_every_paper_author_year(site):
    html = page(site, "book/references")
    for paper in catalogue.load():
        assert paper.title[:30] in text(html), paper.key
    assert "Zhou <em>et al.</em> 2023" in html or "Zhou et al. 2023" in html


def test_citations_resolve(site):
    html = page(site, "book/quantity")
    assert "references.html#id" in html
    assert "Zhou <em>et al.</em>" in html


def test_notebook_glue_and_figures(site):
    html = page(site, "notebooks/catalogue-at-a-glance")
    cat = catalogue.load()
    n, seed = len(cat), sum(p.get("origin") == "seed" for p in cat)
    assert f"The catalogue holds {n} works: {seed} from the seed reading list" in text(html)
    assert html.count("<figure") >= 4 and html.count("<figcaption") >= 4
    assert f"a reading list of {seed} works" in text(page(site, "book/intro"))


def test_executed_notebooks_have_no_errors(site):
    executed = list((site / "jupyter_execute").rglob("*.ipynb"))
    assert executed, "no executed notebooks found"
    for path in executed:
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            for output in cell.get("outputs", []):
                assert output["output_type"] != "error", (path.name, output.get("ename"))
                assert output.get("name") != "stderr", (path.name, output.get("text"))
    assert not list((site / "html" / "reports").glob("*.log"))


def test_broken_catalogue_fails_the_build_with_a_located_line(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(
        ROOT, project, ignore=shutil.ignore_patterns(".venv", "_build", ".git", "*.egg-info")
    )
    bib = project / "bib" / "papers.bib"
    text = bib.read_text(encoding="utf-8")
    bib.write_text(text.replace("topics = {quantity}", "topics = {quantitty}", 1), "utf-8")
    run = build(project, tmp_path / "out")
    assert run.returncode != 0
    output = run.stdout + run.stderr
    assert re.search(r"bib/papers\.bib:\d+: \w+: unknown topic 'quantitty' — ", output), output[
        -3000:
    ]


def test_findings_page_lists_every_finding_with_a_verdict(site):
    from sftsurvey import findings

    html = text(page(site, "book/findings"))
    for key in findings.REGISTRY:
        assert key in html, key
    assert any(v in html for v in findings.VERDICTS)


def test_findings_cards_show_scope_rule_tolerance_and_robustness(site):
    from sftsurvey import findings

    html = page(site, "book/findings")
    assert "Robustness summary" in html and 'class="robustness-summary"' in html
    cards = html.split('class="finding-card"')[1:]
    assert len(cards) == len(findings.REGISTRY)
    for card in cards:
        if "verdict-withdrawn" in card:
            assert "Withdrawn:" in card
            continue
        stated = "As the paper states it:" in card or (
            "Not stated by the paper:" in card and "nearest statement:" in card
        )
        assert stated, card[:200]
        for field in ("Scope as stated:", "Rule:", "Robustness:"):
            assert field in card, (field, card[:200])
        if "not testable from reported numbers" not in card.split("Verdict:")[1][:60]:
            assert "Tolerance:" in card, card[:200]
        else:
            assert "Testable with:" in card or "Tolerance:" in card, card[:200]


def test_every_chapter_ends_with_a_take_home_from_its_verdicts(site):
    for chapter in ("quantity", "quality", "diversity", "complexity"):
        body = text(page(site, f"book/{chapter}"))
        assert "Take-home" in body, chapter
        assert "{glue" not in body and "most recent" not in body, chapter


def test_quantity_chapter_glues_verdicts(site):
    html = text(page(site, "book/quantity"))
    assert "quantity-loglinear-gsm8k is supported" in html or "quantity-loglinear-gsm8k is" in html
    assert "{glue" not in html and "::" not in html


def test_real_data_notebooks_ran_on_the_mirror(site):
    html = text(page(site, "notebooks/diversity-self-instruct"))
    assert "In the Alpaca sample of 9229 instructions" in html
    quality = text(page(site, "notebooks/quality-real-data"))
    assert re.search(
        r"Of the 9,229 examples in the random sample, the Claude-rated filter keeps \d+", quality
    )
    complexity = text(page(site, "notebooks/complexity-real-data"))
    assert "Across 1000 pairs the median instruction grows" in complexity
    embeddings = text(page(site, "notebooks/diversity-embeddings"))
    assert "is the most topically diverse (Vendi score" in embeddings
    figures = {
        "quality-real-data": 4,
        "complexity-real-data": 2,
        "diversity-self-instruct": 3,
        "diversity-embeddings": 1,
    }
    for name, expected in figures.items():
        assert page(site, f"notebooks/{name}").count("<figcaption") >= expected, name


def test_dates_of_the_cited_version_and_the_first_version(site):
    """In-text labels and the bibliography carry the cited version's year (ACL 2024 for
    dong2023how); the catalogue's Year column is the first public year, its Venue the venue's."""
    refs = text(page(site, "book/references"))
    assert "Dong et al. 2024" in refs and "Wang et al. 2023" in refs
    catalogue_page = text(page(site, "book/catalogue"))
    assert "ACL 2024" in catalogue_page and "ICLR 2024" in catalogue_page


def test_the_profile_page_ran_the_command_and_shows_its_charts(site):
    html = page(site, "notebooks/profile-your-dataset")
    plain = text(html)
    assert "we profile a seeded sample of 300 of its 1,000 records" in plain
    assert (
        "$ python -m sftsurvey profile tree1k_3nodes_response.json --sample 300 --out DIR" in plain
    )
    assert html.count("<figcaption") >= 7

"""The built book: every page, every glued value in its place, every notebook executed cleanly.

These tests read the build of ``make book`` (``_build``, or ``$SURVEY_BUILD_DIR``); ``make test``
runs ``make book`` first, so one CI run builds the book once. A missing or stale build fails with
the command to run. The last test builds a minimal project of its own: a broken catalogue must
stop a build with one located line.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from functools import cache
from html import unescape
from pathlib import Path

import pytest

from sftsurvey import catalogue, datasets
from sftsurvey.paths import ROOT

pytestmark = pytest.mark.book

JB = [str(Path(sys.executable).parent / "jupyter-book")]
TOC_PAGES = re.findall(r"(?:root|file): (\S+)", (ROOT / "_toc.yml").read_text(encoding="utf-8"))


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


def squashed(words: str) -> str:
    """Text compared without spaces or typography (Sphinx curls quotes, dashes and ellipses)."""
    for fancy, plain in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"')):
        words = words.replace(fancy, plain)
    words = words.replace("\u2026", "...").replace("\u2014", "-").replace("\u2013", "-")
    return re.sub(r"-+", "-", "".join(words.split()))


@cache
def glued(site: Path, doc: str) -> dict[str, dict]:
    """The outputs ``doc`` (e.g. ``notebooks/frontier``) glued when executed, by name."""
    path = site / "jupyter_execute" / f"{doc}.glue.json"
    assert path.is_file(), f"{doc} glued nothing: no {path.relative_to(site)}"
    return json.loads(path.read_text(encoding="utf-8"))


def shown(output: dict, role: str, fmt: str) -> str:
    """The text a glue role shows for an output (as myst-nb formats it)."""
    from myst_nb.core.variables import format_plain_text

    plain = output["data"]["text/plain"]
    return plain if role == "glue" else format_plain_text(plain, fmt)


GLUE_ROLE = re.compile(r"\{(?P<role>glue|glue:text)\}`(?P<ref>[^`]+)`")
# characters after (before) which the source's words are no longer the page's words
MARKUP = re.compile(r"[{}\[\]<>|$*_#`]|\n\s*\n(?:\s*(?:[-+]|\d+\.)\s)?|\n\s*(?:[-+]|\d+\.)\s")


def plain(literal: str) -> str:
    """Source text as the page shows it: inline code and bold without their marks (any other
    role, such as a citation or a link, is left as markup)."""
    literal = re.sub(r"\{[^{}`]+\}`[^`]*`", "{}", literal.replace("**", ""))
    return re.sub(r"`([^`{}]+)`", r"\1", literal)


def glue_references(name: str) -> list[tuple[str, str, str, str, str, str]]:
    """Each ``{glue}``/``{glue:text}`` of page ``name``: its document, key, role and format, and
    the source's plain words just before and after it (up to the nearest markup)."""
    source = (ROOT / f"{name}.md").read_text(encoding="utf-8")
    found = []
    matches = list(GLUE_ROLE.finditer(source))
    for i, match in enumerate(matches):
        ref, role = match["ref"], match["role"]
        key, fmt = ref.rsplit(":", 1) if ":" in ref.split("::")[-1] else (ref, "s")
        doc, key = key.split("::", 1) if "::" in key else (name, key)
        start = matches[i - 1].end() if i else 0
        end = matches[i + 1].start() if i + 1 < len(matches) else len(source)
        before = MARKUP.split(plain(source[start : match.start()]))[-1][-40:]
        after = MARKUP.split(plain(source[match.end() : end]))[0][:40]
        found.append((doc.strip("/").removesuffix(".md"), key, role, fmt, before, after))
    assert len(found) == source.count("{glue"), f"{name}: a glue role this test cannot read"
    return found


def test_every_toc_page_is_built(site):
    for name in TOC_PAGES:
        assert (site / "html" / f"{name}.html").exists(), name


@pytest.mark.parametrize("name", TOC_PAGES)
def test_every_glued_value_is_shown_in_its_place(site, name):
    """The page shows each value its notebook glued, between the source's own words."""
    body = squashed(text(page(site, name)))
    references = glue_references(name)
    if references:  # none left as typed (the API pages quote the roles in docstrings)
        assert "{glue" not in body, name
    for doc, key, role, fmt, before, after in references:
        outputs = glued(site, doc)
        assert key in outputs, f"{name}: {doc} glued no {key!r}"
        value = shown(outputs[key], role, fmt)
        expected = squashed(before + value + after)
        assert squashed(value) in body, f"{name}: {doc}::{key} = {value!r} is not shown"
        assert expected in body, f"{name}: {doc}::{key} is not shown as {before + value + after!r}"


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


def test_the_catalogue_counts_are_the_catalogues(site):
    cat = catalogue.load()
    values = glued(site, "notebooks/catalogue-at-a-glance")
    assert shown(values["n_papers"], "glue:text", "s") == str(len(cat))
    seed = sum(p.get("origin") == "seed" for p in cat)
    assert shown(values["n_seed"], "glue:text", "s") == str(seed)
    html = page(site, "notebooks/catalogue-at-a-glance")
    assert html.count("<figure") >= 4 and html.count("<figcaption") >= 4


def executed_notebooks(site: Path) -> list[Path]:
    """The executed notebooks with their outputs (the downloads; on a cache hit myst-nb's own
    ``jupyter_execute`` copies have none)."""
    return sorted((site / "html" / "_notebooks").rglob("*.ipynb"))


def test_executed_notebooks_have_no_errors(site):
    executed = executed_notebooks(site)
    sources = [name for name in TOC_PAGES if (site / "jupyter_execute" / f"{name}.ipynb").is_file()]
    assert len(executed) == len(sources) > 0, "an executed notebook is missing from the downloads"
    for path in executed:
        nb = json.loads(path.read_text(encoding="utf-8"))
        code = [cell for cell in nb["cells"] if cell["cell_type"] == "code"]
        assert any(cell.get("outputs") for cell in code), f"{path.name} has no outputs"
        for cell in code:
            for output in cell.get("outputs", []):
                assert output["output_type"] != "error", (path.name, output.get("ename"))
                assert output.get("name") != "stderr", (path.name, output.get("text"))
    assert not list((site / "html" / "reports").glob("*.log"))


def cards(site: Path) -> dict[str, str]:
    """The findings page's cards by finding ID."""
    html = page(site, "book/findings")
    found = {}
    for card in html.split('<section class="finding-card"')[1:]:
        found[re.match(r' id="([^"]+)"', card)[1]] = card.split("</section>")[0]
    return found


def test_each_finding_card_shows_its_glued_verdict_and_robustness(site):
    from sftsurvey import findings

    values = glued(site, "book/findings")
    found = cards(site)
    assert set(found) == set(findings.REGISTRY)
    for key, card in found.items():
        verdict = shown(values[f"v_{key}"], "glue:text", "s")
        assert verdict in findings.VERDICTS, (key, verdict)
        badge = re.search(r'<span class="verdict [^"]*">([^<]+)</span>', card)[1]
        if findings.REGISTRY[key].withdrawn:
            assert badge == "withdrawn" and "Withdrawn:" in card, key
            continue
        assert unescape(badge) == verdict, (key, badge, verdict)
        assert f"Verdict: {verdict}." in text(card), key
        robust = shown(values[f"r_{key}"], "glue:text", "s")
        assert re.search(rf'<span class="robustness [^"]*">{re.escape(robust)}</span>', card), key


def test_the_glued_verdicts_are_the_findings_modules(site):
    from sftsurvey import results
    from sftsurvey.findings import render

    values = glued(site, "book/findings")
    for item, verdict, robust in render.evaluate_each(results.load_results()):
        assert shown(values[f"v_{item.id}"], "glue:text", "s") == verdict.verdict, item.id
        assert shown(values[f"r_{item.id}"], "glue:text", "s") == robust.label, item.id


def test_findings_cards_show_scope_rule_tolerance_and_robustness(site):
    html = page(site, "book/findings")
    assert "Robustness summary" in html and 'class="robustness-summary"' in html
    for card in cards(site).values():
        if "verdict-withdrawn" in card:
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


def test_every_chapter_ends_with_the_take_home_of_its_verdicts(site):
    values = glued(site, "book/findings")
    for chapter in ("quantity", "quality", "diversity", "complexity"):
        take_home = shown(values[f"takeaway_{chapter}"], "glue:text", "s")
        assert take_home, chapter
        body = squashed(text(page(site, f"book/{chapter}")))
        assert "Take-home." in body and squashed(take_home) in body, chapter
        # the take-home paragraph states it, after the chapter's findings
        assert body.index(squashed(take_home)) > body.index("Take-home."), chapter


def test_the_chapters_state_each_glued_verdict_after_its_finding(site):
    """``finding `ID` is {glue:text}`…::v_…`` shows the verdict glued for that finding."""
    pattern = re.compile(r"`([a-z0-9-]+)` is\s+\{glue:text\}`/([^`]+?)\.md::(v_\w+):s`")
    checked = 0
    for chapter in ("quantity", "quality", "diversity", "complexity"):
        source = (ROOT / "book" / f"{chapter}.md").read_text(encoding="utf-8")
        body = squashed(text(page(site, f"book/{chapter}")))
        for finding_id, doc, key in pattern.findall(source):
            verdict = shown(glued(site, doc)[key], "glue:text", "s")
            assert squashed(f"{finding_id} is {verdict}") in body, (chapter, finding_id, verdict)
            checked += 1
    assert checked >= 10, f"only {checked} verdicts found in the chapters' sources"


def test_real_data_notebooks_ran_on_the_mirror(site):
    """The glued sizes are those of the registered files (the mirror's), not of a stand-in."""
    registry = datasets.registry()
    alpaca = glued(site, "notebooks/diversity-self-instruct")["si_alpaca_n"]
    assert (
        int(ast.literal_eval(alpaca["data"]["text/plain"]))
        == registry["alpagasus/random_9k"].records
    )
    sample = glued(site, "notebooks/quality-real-data")["q_sample_n"]
    assert (
        int(ast.literal_eval(sample["data"]["text/plain"]))
        == registry["alpagasus/random_9k"].records
    )
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
    assert (
        "$ python -m sftsurvey profile tree1k_3nodes_response.json --sample 300 --out DIR" in plain
    )
    assert html.count("<figcaption") >= 7


MINIMAL_CONFIG = """\
title: A minimal book with the survey's extension
only_build_toc_files: true
execute:
  execute_notebooks: "off"
bibtex_bibfiles:
  - bib/papers.bib
sphinx:
  extra_extensions:
    - sftsurvey.sphinx_ext
"""
MINIMAL_PAGE = """\
# Papers

```{catalogue-table}
:topic: quantity
```

```{bibliography}
```
"""


def minimal_project(folder: Path, bib: str) -> Path:
    """A one-page book whose page shows the catalogue ``bib`` with the survey's extension."""
    (folder / "bib").mkdir(parents=True)
    (folder / "bib" / "papers.bib").write_text(bib, encoding="utf-8")
    (folder / "_config.yml").write_text(MINIMAL_CONFIG, encoding="utf-8")
    (folder / "_toc.yml").write_text("format: jb-book\nroot: papers\n", encoding="utf-8")
    (folder / "papers.md").write_text(MINIMAL_PAGE, encoding="utf-8")
    return folder


def build(source: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*JB, "build", str(source), "--path-output", str(out), "-W", "-n", "--keep-going"],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_broken_catalogue_fails_the_build_with_a_located_line(tmp_path):
    from tests.conftest import VALID_ENTRY

    good = build(minimal_project(tmp_path / "good", VALID_ENTRY), tmp_path / "good-out")
    assert good.returncode == 0, good.stdout[-3000:] + good.stderr[-3000:]
    assert "Zhou" in (tmp_path / "good-out" / "_build" / "html" / "papers.html").read_text()

    broken = VALID_ENTRY.replace("topics = {quantity, quality}", "topics = {quantitty, quality}")
    assert broken != VALID_ENTRY
    run = build(minimal_project(tmp_path / "broken", broken), tmp_path / "broken-out")
    assert run.returncode != 0
    output = run.stdout + run.stderr
    located = re.findall(r"bib/papers\.bib:\d+: \w+: unknown topic 'quantitty' — .+", output)
    assert len(located) == 1, output[-3000:]
    assert "Traceback" not in output, output[-3000:]

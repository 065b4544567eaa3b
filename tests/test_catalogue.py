"""The catalogue validator: accepts the real file, rejects each kind of defect with its own message."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys

import pytest

from sftsurvey import catalogue
from sftsurvey.paths import BIB_FILE

from .conftest import VALID_ENTRY

LINE = re.compile(r"^\S+:\d+: \S+: .+ — .+$")


def test_real_catalogue_is_valid():
    papers, problems = catalogue.parse(BIB_FILE)
    assert problems == []
    assert len(papers) >= 27
    cat = catalogue.load()
    assert cat["zhou2023lima"].topics == ("quantity", "quality", "diversity")


def test_valid_entry_passes(write_bib):
    papers, problems = catalogue.parse(write_bib(VALID_ENTRY))
    assert problems == []
    paper = papers[0]
    assert paper.title == "LIMA: Less Is More for Alignment"
    assert paper.authors == ["Zhou, Chunting", "Liu, Pengfei"]
    assert paper.year == 2023 and paper.line == 1


def test_year_is_the_cited_version_and_the_key_the_first(write_bib):
    """A proceedings paper of 2024 first public in 2023 keeps its 2023 key and sorts by 2023."""
    text = _set("booktitle", "Proceedings of the 2024 Conference on X").replace(
        "year = {2023}", "year = {2024},\n  month = aug"
    )
    papers, problems = catalogue.parse(write_bib(text))
    assert problems == []
    paper = papers[0]
    assert (paper.year, paper.month, paper.first_year) == (2024, 8, 2023)
    assert paper.first_date == [2023, 5, 18]


def test_proceedings_year_reads_editions_and_volumes():
    def paper(booktitle: str, volume: str = "") -> catalogue.Paper:
        fields = {"booktitle": booktitle, "volume": volume}
        return catalogue.Paper("x2023y", "inproceedings", 1, fields)

    acl = "Proceedings of the 61st Annual Meeting of the Association for Computational Linguistics"
    assert catalogue.proceedings_year(paper(acl + " (Volume 1: Long Papers)")) == 2023
    assert (
        catalogue.proceedings_year(
            paper("Proceedings of the 41st International Conference on Machine Learning")
        )
        == 2024
    )
    assert (
        catalogue.proceedings_year(paper("Advances in Neural Information Processing Systems", "36"))
        == 2023
    )
    assert catalogue.proceedings_year(paper("Findings of the ACL: EMNLP 2024")) == 2024
    assert catalogue.proceedings_year(paper("Third Workshop on Efficient NLP")) is None


def test_every_proceedings_entry_carries_its_proceedings_year():
    """The real catalogue: the year of each proceedings paper is the one its booktitle states."""
    checked = 0
    for paper in catalogue.load():
        stated = catalogue.proceedings_year(paper) if paper.entry_type == "inproceedings" else None
        if stated:
            assert paper.year == stated, paper.key
            checked += 1
    assert checked >= 20


def _drop(field: str) -> str:
    return re.sub(rf"^  {field} = .*\n", "", VALID_ENTRY, flags=re.M)


def _set(field: str, value: str) -> str:
    return re.sub(rf"^  {field} = .*\n", f"  {field} = {{{value}}},\n", VALID_ENTRY, flags=re.M)


# (case, BibTeX text, expected message fragment, expected line)
DEFECTS = [
    (
        "unbalanced brace",
        VALID_ENTRY.replace("{{LIMA}:", "{{LIMA:")
        + "\n"
        + VALID_ENTRY.replace("zhou2023lima", "zhou2023limb").replace("LIMA", "LIMB"),
        "unbalanced braces",
        1,
    ),
    (
        "duplicate key",
        VALID_ENTRY + "\n" + VALID_ENTRY.replace("LIMA", "Other"),
        "duplicate citation key (first used on line 1)",
        19,
    ),
    ("missing author", _drop("author"), "missing field 'author'", 1),
    ("empty title", _set("title", ""), "field 'title' is empty", 2),
    ("missing topics", _drop("topics"), "missing field 'topics'", 1),
    ("bad arXiv ID", _set("eprint", "arXiv:2305.11206v2"), "malformed arXiv ID", 6),
    ("eprint without prefix", _drop("archivePrefix"), "eprint without archivePrefix", 6),
    ("eprint without class", _drop("primaryClass"), "eprint without primaryClass", 6),
    ("bad DOI", _set("doi", "https://doi.org/10.1/x"), "malformed DOI", 9),
    ("bad URL", _set("url", "arxiv.org/abs/2305.11206"), "malformed URL in 'url'", 10),
    ("bad code URL", _set("code", "github.com/x"), "malformed URL in 'code'", 11),
    ("unknown topic", _set("topics", "quantity, qualty"), "unknown topic 'qualty'", 12),
    ("repeated topic", _set("topics", "quality, quality"), "a topic is listed twice", 12),
    ("unknown origin", _set("origin", "mine"), "unknown origin 'mine'", 13),
    ("implausible year", _set("year", "2203"), "implausible year '2203'", 5),
    ("key form", VALID_ENTRY.replace("zhou2023lima", "Zhou-LIMA"), "is not of the form", 1),
    (
        "key vs author",
        VALID_ENTRY.replace("zhou2023lima", "liu2023lima"),
        "family name and the year of the first public version ('zhou2023')",
        1,
    ),
    ("et al.", _set("author", "Zhou, Chunting and others"), "ends in 'others'", 3),
    (
        "name order",
        _set("author", "Chunting Zhou and Liu, Pengfei"),
        "not written 'Family, Given'",
        3,
    ),
    (
        "latex escape",
        _set("author", 'Zhou, Chunting and M{\\"u}ller, Pengfei'),
        "LaTeX accent escape",
        3,
    ),
    (
        "unknown field",
        VALID_ENTRY.replace("  origin", "  topic = {quality},\n  origin"),
        "unknown field 'topic' — did you mean 'topics'?",
        13,
    ),
    ("entry type", VALID_ENTRY.replace("@inproceedings", "@book"), "entry type @book", 1),
    ("missing booktitle", _drop("booktitle"), "missing field 'booktitle'", 1),
    (
        "duplicate title",
        VALID_ENTRY
        + "\n"
        + VALID_ENTRY.replace("zhou2023lima", "zhou2023limax").replace(
            "2305.11206}", "2305.11207}"
        ),
        "same title as 'zhou2023lima' (line 1)",
        19,
    ),
    (
        "duplicate eprint",
        VALID_ENTRY
        + "\n"
        + VALID_ENTRY.replace("zhou2023lima", "zhou2023other").replace(
            "{LIMA}: Less", "Other: More"
        ),
        "same arXiv ID 2305.11206",
        19,
    ),
    ("stray text", VALID_ENTRY + "\n@ this is not an entry\n", "text outside any entry", 19),
    ("string macro", "@string{nips = {NeurIPS}}\n\n" + VALID_ENTRY, "@string and @preamble", 1),
    (
        "proceedings year",
        _set("booktitle", "Proceedings of the 2024 Conference on Empirical Methods"),
        "year 2023 disagrees with the proceedings' year 2024",
        5,
    ),
    (
        "edition year",
        _set("booktitle", "The Twelfth International Conference on Learning Representations"),
        "disagrees with the proceedings' year 2024",
        5,
    ),
    (
        "NeurIPS volume year",
        VALID_ENTRY.replace("  year", "  volume = {37},\n  year"),
        "disagrees with the proceedings' year 2024",
        6,
    ),
    ("missing origdate", _drop("origdate"), "missing field 'origdate'", 6),
    ("malformed origdate", _set("origdate", "May 2023"), "malformed origdate 'May 2023'", 15),
    (
        "origdate vs arXiv ID",
        _set("origdate", "2023-06"),
        "disagrees with the arXiv ID 2305.11206",
        15,
    ),
    ("origdate after year", _set("origdate", "2024-05"), "after the cited version's year 2023", 15),
]


@pytest.mark.parametrize(("case", "text", "fragment", "line"), DEFECTS, ids=[d[0] for d in DEFECTS])
def test_each_defect_has_its_own_located_message(write_bib, case, text, fragment, line):
    path = write_bib(text)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    _, problems = catalogue.parse(path)
    messages = [str(p) for p in problems]
    hits = [m for m in messages if fragment in m]
    assert hits, f"{case}: expected {fragment!r} in {messages}"
    assert any(m.startswith(f"{path.name}:{line}:") or f"papers.bib:{line}:" in m for m in hits), (
        f"{case}: expected line {line} in {hits}"
    )
    assert all(LINE.match(m) for m in messages), messages
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before, "validation changed the file"


def test_load_raises_with_every_problem(write_bib):
    path = write_bib(_drop("author").replace("2305.11206}", "nonsense}"))
    with pytest.raises(catalogue.CatalogueError) as err:
        catalogue.load(path)
    text = str(err.value)
    assert "missing field 'author'" in text and "malformed arXiv ID 'nonsense'" in text


def test_no_entry_is_silently_dropped(write_bib):
    """A broken entry between two good ones is reported; the good ones still parse."""
    second = VALID_ENTRY.replace("zhou2023lima", "zhou2023second").replace("LIMA", "Second")
    second = second.replace("2305.11206", "2305.11207")
    broken = "@article{broken2023x,\n  title = {Open {brace,\n  year = {2023}\n}\n"
    path = write_bib(VALID_ENTRY + "\n" + broken + "\n" + second)
    papers, problems = catalogue.parse(path)
    assert [p.key for p in papers] == ["zhou2023lima", "zhou2023second"]
    assert any("broken2023x" in str(p) and "unbalanced" in str(p) for p in problems)


def test_missing_file_is_a_located_error(tmp_path):
    _, problems = catalogue.parse(tmp_path / "absent.bib")
    assert len(problems) == 1 and "file not found" in str(problems[0])


def test_cli_reports_one_line_per_problem_and_exit_1(write_bib):
    broken = "@article{broken2023x,\n  title = {Open {brace,\n  year = {2023}\n}\n\n"
    path = write_bib(broken + _drop("author").replace("quantity, quality", "quantity, qualty"))
    before = path.read_bytes()
    run = subprocess.run(
        [sys.executable, "-m", "sftsurvey", "check", str(path)],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert lines[-1].startswith("3 problem(s)")
    assert all(LINE.match(line) for line in lines[:-1]), lines
    assert path.read_bytes() == before


def test_cli_clean_file_exits_0():
    run = subprocess.run(
        [sys.executable, "-m", "sftsurvey", "check"], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert "no problems" in run.stdout


@pytest.mark.parametrize(
    ("raw", "plain"),
    [("{LIMA}: Less", "LIMA: Less"), ("{\\#InsTag}", "#InsTag"), ("a  b\n c", "a b c")],
)
def test_plain_text(raw, plain):
    assert catalogue.plain_text(raw) == plain


def test_split_authors_respects_braces():
    assert catalogue.split_authors("{Smith and Sons} and Doe, J") == ["{Smith and Sons}", "Doe, J"]


def test_ascii_fold():
    assert catalogue.ascii_fold("Rodríguez-Ávila") == "rodriguezavila"


def test_by_topic_orders_and_rejects_unknown():
    cat = catalogue.load()
    quantity = cat.by_topic("quantity")
    assert [p.first_year for p in quantity] == sorted(p.first_year for p in quantity)
    with pytest.raises(ValueError, match="unknown topic"):
        cat.by_topic("speed")

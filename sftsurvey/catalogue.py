"""The catalogue: parse and validate ``bib/papers.bib``, and look papers up.

Validation never changes the file. Every problem is one line,
``FILE:LINE: KEY: what is wrong — how to fix``, so that a contributor can
jump to it from a terminal or an editor.

Dates: ``year`` (and ``month``) are those of the version cited — a proceedings
paper's proceedings, as its venue's own BibTeX gives them; ``origdate`` (biblatex's
field, ISO ``YYYY-MM`` or ``YYYY-MM-DD``) is the first public version (arXiv v1), which
names the key and orders the timelines and catalogue pages (:attr:`Paper.first_year`).
"""

from __future__ import annotations

import datetime as _dt
import difflib
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import bibtexparser
from bibtexparser import model

from sftsurvey import bibformat
from sftsurvey.bibformat import plain_text
from sftsurvey.paths import BIB_FILE, display_path

TOPICS: tuple[str, ...] = ("quantity", "quality", "diversity", "complexity")
"""The controlled vocabulary of the ``topics`` field, in the book's order."""

ORIGINS: tuple[str, ...] = ("seed", "added")
"""``origin``: on the seed reading list, or added beyond it."""

REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "article": ("author", "title", "year", "journal", "url"),
    "inproceedings": ("author", "title", "year", "booktitle", "url"),
    "misc": ("author", "title", "year", "url", "urldate", "howpublished"),
}
OUR_FIELDS: tuple[str, ...] = ("topics", "origin", "summary", "verified")
"""Fields of our own that every entry needs."""

OPTIONAL_FIELDS: frozenset[str] = frozenset(
    {"address", "doi", "eprint", "archiveprefix", "primaryclass", "month", "note", "number"}
    | {"origdate"}
    | {"pages", "publisher", "volume", "editor", "organization", "series", "code", "isbn", "issn"}
)

_KEY = re.compile(r"^[a-z]+\d{4}[a-z0-9]+$")
_ARXIV_NEW = re.compile(r"^\d{4}\.\d{4,5}$")
_ARXIV_OLD = re.compile(r"^[a-z-]+(\.[A-Z]{2})?/\d{7}$")
_ARXIV_CLASS = re.compile(r"^[a-z-]+(\.[A-Za-z-]+)?$")
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_DATE = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01]))?)?$")
_BOOKTITLE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b|\b([A-Z][a-z]+(?:-[a-z]+)?)\b")
_ORDINAL_WORDS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
_NUMBERED_SERIES: tuple[tuple[str, int], ...] = (
    (r"Annual Meeting of the Association for Computational Linguistics", 1962),
    (r"International Conference on Learning Representations", 2012),
    (r"International Conference on Machine Learning", 1983),
)
"""Proceedings named by their edition: the year is the edition plus this offset
(the 61st ACL Annual Meeting met in 2023, the Twelfth ICLR in 2024, the 41st ICML in 2024)."""
_NEURIPS = re.compile(r"^Advances in Neural Information Processing Systems$")
_NEURIPS_OFFSET = 1987
"""NeurIPS proceedings volume N appeared in 1987 + N (volume 36: 2023)."""
_LATEX_ESCAPE = re.compile(r"\\[`'\"^~=.uvHtcdbk]\s*\{?[A-Za-z]|\\(ss|o|O|l|L|ae|AE|aa|AA)\b")
_ENTRY_HEAD = re.compile(r"@\s*(\w+)\s*[{(]\s*([^,\s]*)")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the catalogue, located by file and line."""

    path: str
    line: int
    key: str
    what: str
    fix: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.key}: {self.what} — {self.fix}"


class CatalogueError(ValueError):
    """Raised by :func:`load` when the catalogue has problems; ``str()`` lists them."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Paper:
    """One catalogue entry, with the fields the book and the notebooks use."""

    key: str
    entry_type: str
    line: int
    fields: dict[str, str] = field(repr=False)

    def get(self, name: str, default: str = "") -> str:
        return self.fields.get(name, default)

    @property
    def title(self) -> str:
        return plain_text(self.get("title"))

    @property
    def authors(self) -> list[str]:
        return split_authors(self.get("author"))

    @property
    def year(self) -> int:
        """The year of the version cited (for proceedings papers: the proceedings')."""
        return int(self.get("year"))

    @property
    def month(self) -> int | None:
        """The month of the version cited, if catalogued."""
        return bibformat.month_number(self.get("month"))

    @property
    def first_date(self) -> list[int]:
        """The first public version's date as ``[year, month[, day]]`` (``origdate``, else
        the cited version's year and month)."""
        if self.get("origdate"):
            return bibformat.date_parts(self.get("origdate"))
        return [self.year] + ([self.month] if self.month else [])

    @property
    def first_year(self) -> int:
        """The year of the first public version: the key, the timelines, the catalogue."""
        return self.first_date[0]

    @property
    def topics(self) -> tuple[str, ...]:
        return tuple(t.strip() for t in self.get("topics").split(",") if t.strip())

    @property
    def venue(self) -> str:
        """The peer-reviewed venue, or ``arXiv preprint`` / how it was published."""
        if self.entry_type == "inproceedings":
            return plain_text(self.get("booktitle"))
        journal = plain_text(self.get("journal"))
        if self.entry_type == "article" and journal.lower().startswith("arxiv"):
            return "arXiv preprint"
        return journal or plain_text(self.get("howpublished"))

    @property
    def peer_reviewed(self) -> bool:
        return self.venue not in ("arXiv preprint",) and self.entry_type != "misc"

    @property
    def code(self) -> str:
        return self.get("code")

    @property
    def url(self) -> str:
        return self.get("url")

    @property
    def summary(self) -> str:
        return plain_text(self.get("summary"))


@dataclass(frozen=True)
class Catalogue:
    """All papers of a validated catalogue file."""

    path: Path
    papers: tuple[Paper, ...]

    def __iter__(self) -> Iterator[Paper]:
        return iter(self.papers)

    def __len__(self) -> int:
        return len(self.papers)

    def __getitem__(self, key: str) -> Paper:
        for paper in self.papers:
            if paper.key == key:
                return paper
        raise KeyError(f"no paper with key {key!r} in {display_path(self.path)}")

    def by_topic(self, topic: str) -> list[Paper]:
        """Papers tagged with ``topic``, oldest first, then by key."""
        if topic not in TOPICS:
            raise ValueError(f"unknown topic {topic!r}; the topics are {', '.join(TOPICS)}")
        return sorted(
            (p for p in self.papers if topic in p.topics), key=lambda p: (p.first_year, p.key)
        )


split_authors = bibformat.split_names
family_name = bibformat.family_name


def ascii_fold(text: str) -> str:
    """Lower-case ASCII letters only: ``Rodríguez-Ávila`` → ``rodriguezavila``."""
    decomposed = unicodedata.normalize("NFKD", text)
    return re.sub(r"[^a-z]", "", decomposed.encode("ascii", "ignore").decode().lower())


def _normal_title(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", plain_text(title).lower()).strip()


def parse(path: Path = BIB_FILE) -> tuple[list[Paper], list[Problem]]:
    """Read and check a catalogue file; return its papers and every problem found."""
    path = Path(path)
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return [], [Problem(shown, 0, "-", "file not found", "create it or pass the right path")]
    except UnicodeDecodeError as err:
        line = text_line_of_byte(path.read_bytes(), err.start)
        return [], [Problem(shown, line, "-", "not valid UTF-8", "save the file as UTF-8")]
    parser_log = logging.getLogger("bibtexparser")
    level = parser_log.level
    parser_log.setLevel(logging.CRITICAL)  # its warnings repeat what we report, unlocated
    try:
        library = bibtexparser.parse_string(text)
    finally:
        parser_log.setLevel(level)
    papers: list[Paper] = []
    problems: list[Problem] = []
    first_line: dict[str, int] = {}
    for block in library.blocks:
        line = block.start_line + 1
        if isinstance(block, model.DuplicateBlockKeyBlock):
            problems.append(
                Problem(
                    shown,
                    line,
                    block.key,
                    f"duplicate citation key (first used on line {first_line.get(block.key, '?')})",
                    "give this entry its own key, or merge the two entries",
                )
            )
        elif isinstance(block, model.ParsingFailedBlock):
            problems.append(_parsing_problem(shown, block, text))
        elif isinstance(block, model.Entry):
            first_line.setdefault(block.key, line)
            paper = Paper(
                key=block.key,
                entry_type=block.entry_type.lower(),
                line=line,
                fields={f.key.lower(): str(f.value).strip() for f in block.fields},
            )
            field_lines = {f.key.lower(): f.start_line + 1 for f in block.fields}
            entry_problems = list(_check_entry(shown, paper, field_lines))
            problems.extend(entry_problems)
            papers.append(paper)
        elif isinstance(block, model.String | model.Preamble):
            problems.append(
                Problem(
                    shown,
                    line,
                    getattr(block, "key", "@preamble"),
                    "@string and @preamble are not used in this catalogue",
                    "write the value in place in each entry",
                )
            )
        elif isinstance(block, model.ImplicitComment) and "@" in block.comment:
            head = _ENTRY_HEAD.search(block.comment)
            problems.append(
                Problem(
                    shown,
                    line,
                    head.group(2) if head else "-",
                    "text outside any entry contains '@' and would be ignored",
                    "remove it, or write it as a complete entry '@type{key, ...}'",
                )
            )
    problems.extend(_check_across(shown, papers))
    problems.sort(key=lambda p: p.line)
    return papers, problems


def text_line_of_byte(data: bytes, offset: int) -> int:
    return data[:offset].count(b"\n") + 1


def load(path: Path = BIB_FILE) -> Catalogue:
    """The validated catalogue; raises :class:`CatalogueError` listing every problem."""
    papers, problems = parse(path)
    if problems:
        raise CatalogueError(problems)
    return Catalogue(Path(path), tuple(papers))


def _parsing_problem(shown: str, block: model.ParsingFailedBlock, text: str) -> Problem:
    head = _ENTRY_HEAD.match(block.raw.lstrip())
    key = head.group(2) if head and head.group(2) else "-"
    error = getattr(block, "error", None)
    reason = str(getattr(error, "abort_reason", "") or error or "").strip()
    end = getattr(error, "end_index", None)
    if "closing" in reason or "Unexpected block start" in reason:
        what = "unbalanced braces or quotes"
        if isinstance(end, int):
            what += f": the entry is still open at line {text.count(chr(10), 0, end) + 1}"
        fix = "close every '{' and '\"' in this entry"
    else:
        detail = reason.splitlines()[0].rstrip(". ") if reason else "syntax error"
        what = f"cannot be parsed ({detail})"
        fix = "write it as '@type{key,' then 'field = {value},' lines and a closing '}'"
    return Problem(shown, block.start_line + 1, key, what, fix)


def _check_entry(shown: str, paper: Paper, field_lines: dict[str, int]) -> Iterable[Problem]:
    def problem(what: str, fix: str, name: str | None = None) -> Problem:
        return Problem(shown, field_lines.get(name or "", paper.line), paper.key, what, fix)

    kind = paper.entry_type
    if kind not in REQUIRED_FIELDS:
        yield problem(
            f"entry type @{kind} is not used in this catalogue",
            "use @article (arXiv preprints), @inproceedings (peer-reviewed) or @misc (repositories, blogs)",
        )
        return
    for name in (*REQUIRED_FIELDS[kind], *OUR_FIELDS):
        if name not in paper.fields:
            yield problem(f"missing field '{name}'", f"add {name} = {{...}} ({_FIELD_HINT[name]})")
        elif not paper.fields[name]:
            yield problem(f"field '{name}' is empty", f"fill it in ({_FIELD_HINT[name]})", name)
    known = set(REQUIRED_FIELDS["article"]) | set(REQUIRED_FIELDS["inproceedings"])
    known |= set(REQUIRED_FIELDS["misc"]) | set(OUR_FIELDS) | OPTIONAL_FIELDS
    for name in paper.fields:
        if name not in known:
            close = difflib.get_close_matches(name, sorted(known), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "remove it or use a standard field"
            yield problem(f"unknown field '{name}'", hint, name)
    yield from _check_key(paper, problem)
    yield from _check_values(paper, problem)


_FIELD_HINT = {
    "author": "all authors in order, 'Family, Given and Family, Given'",
    "title": "the exact current title",
    "year": "year of the version cited: the proceedings' year for @inproceedings",
    "journal": "'arXiv preprint arXiv:ID' for preprints",
    "booktitle": "the proceedings' full name",
    "url": "the paper's page, https://...",
    "urldate": "the date the page was read, YYYY-MM-DD",
    "howpublished": "e.g. 'GitHub repository' or 'Blog post'",
    "topics": f"comma-separated, from: {', '.join(TOPICS)}",
    "origin": f"one of: {', '.join(ORIGINS)}",
    "summary": "1–3 sentences in our own words",
    "verified": "the pages the metadata was checked against, ';'-separated",
}


def _check_key(paper: Paper, problem) -> Iterable[Problem]:
    if not _KEY.match(paper.key):
        yield problem(
            f"citation key '{paper.key}' is not of the form firstauthorYEARword",
            "rename it, e.g. 'zhou2023lima' (lower-case letters, 4-digit year, first title word)",
        )
        return
    authors = paper.authors
    year = paper.get("origdate")[:4] or paper.get("year")
    if authors and year:
        expected = ascii_fold(family_name(authors[0]).replace(" ", "")) + year
        if not paper.key.startswith(expected):
            yield problem(
                f"citation key does not start with the first author's family name and the year "
                f"of the first public version ('{expected}')",
                f"rename the key to '{expected}' + the first word of the title",
            )


def _check_values(paper: Paper, problem) -> Iterable[Problem]:
    f = paper.fields
    for name in ("author", "title"):
        if name in f and _LATEX_ESCAPE.search(f[name]):
            yield problem(
                f"LaTeX accent escape in '{name}'",
                "write the character itself in UTF-8 (e.g. ü, é)",
                name,
            )
    if f.get("author"):
        names = paper.authors
        if any(n.lower() in ("others", "et al.", "et al") for n in names):
            yield problem(
                "author list ends in 'others' / 'et al.'", "list every author in order", "author"
            )
        for name in names:
            if "," not in name and not (name.startswith("{") and name.endswith("}")):
                parts = name.split()
                suggestion = f"{parts[-1]}, {' '.join(parts[:-1])}" if len(parts) > 1 else name
                yield problem(
                    f"author '{name}' is not written 'Family, Given'",
                    f"write it as '{suggestion}'",
                    "author",
                )
                break
    if f.get("year"):
        this_year = _dt.date.today().year
        if not re.fullmatch(r"\d{4}", f["year"]) or not 1990 <= int(f["year"]) <= this_year:
            yield problem(
                f"implausible year '{f['year']}'",
                f"give the 4-digit year of the version cited (1990–{this_year})",
                "year",
            )
    yield from _check_dates(paper, problem)
    if "eprint" in f:
        if not (_ARXIV_NEW.match(f["eprint"]) or _ARXIV_OLD.match(f["eprint"])):
            yield problem(
                f"malformed arXiv ID '{f['eprint']}'",
                "write the bare ID without version or prefix, e.g. '2305.11206'",
                "eprint",
            )
        if f.get("archiveprefix", "").lower() != "arxiv":
            yield problem(
                "eprint without archivePrefix = {arXiv}", "add archivePrefix = {arXiv}", "eprint"
            )
        if "primaryclass" in f and not _ARXIV_CLASS.match(f["primaryclass"]):
            yield problem(
                f"malformed primaryClass '{f['primaryclass']}'",
                "write the primary arXiv category, e.g. primaryClass = {cs.CL}",
                "primaryclass",
            )
        elif "primaryclass" not in f and "primaryclass" not in f.get("note", "").lower():
            yield problem(
                "eprint without primaryClass",
                "add the primary arXiv category from the abs page (e.g. primaryClass = {cs.CL}),"
                " or say in note why it could not be confirmed",
                "eprint",
            )
    if "doi" in f and not _DOI.match(f["doi"]):
        yield problem(
            f"malformed DOI '{f['doi']}'",
            "write the bare DOI, e.g. '10.18653/v1/2023.acl-long.754' (no https://doi.org/)",
            "doi",
        )
    for name in ("url", "code"):
        if f.get(name):
            parsed = urlparse(f[name])
            if parsed.scheme not in ("http", "https") or not parsed.netloc or " " in f[name]:
                yield problem(
                    f"malformed URL in '{name}': '{f[name]}'", "give a full https:// address", name
                )
    if f.get("urldate") and not _DATE.match(f["urldate"]):
        yield problem(
            f"malformed urldate '{f['urldate']}'", "write the access date as YYYY-MM-DD", "urldate"
        )
    if f.get("topics"):
        topics = [t.strip() for t in f["topics"].split(",")]
        for topic in topics:
            if topic not in TOPICS:
                close = difflib.get_close_matches(topic, TOPICS, n=1)
                hint = f"did you mean '{close[0]}'? " if close else ""
                yield problem(
                    f"unknown topic '{topic}'",
                    f"{hint}use only: {', '.join(TOPICS)}",
                    "topics",
                )
        if len(set(topics)) != len(topics):
            yield problem("a topic is listed twice", "list each topic once", "topics")
    if f.get("origin") and f["origin"] not in ORIGINS:
        yield problem(
            f"unknown origin '{f['origin']}'",
            "write 'seed' (on the seed reading list) or 'added' (added beyond it)",
            "origin",
        )


def _check_across(shown: str, papers: list[Paper]) -> Iterable[Problem]:
    seen_titles: dict[str, Paper] = {}
    seen_eprints: dict[str, Paper] = {}
    for paper in papers:
        title = _normal_title(paper.get("title"))
        if title and title in seen_titles:
            other = seen_titles[title]
            yield Problem(
                shown,
                paper.line,
                paper.key,
                f"same title as '{other.key}' (line {other.line})",
                "remove the duplicate entry or merge the two",
            )
        seen_titles.setdefault(title, paper)
        eprint = paper.get("eprint")
        if eprint and eprint in seen_eprints:
            other = seen_eprints[eprint]
            yield Problem(
                shown,
                paper.line,
                paper.key,
                f"same arXiv ID {eprint} as '{other.key}' (line {other.line})",
                "remove the duplicate entry or merge the two",
            )
        if eprint:
            seen_eprints.setdefault(eprint, paper)


def _check_dates(paper: Paper, problem) -> Iterable[Problem]:
    """``origdate`` is an ISO date, not after the cited version, agrees with the arXiv ID;
    a proceedings paper's ``year`` is its proceedings' year."""
    f = paper.fields
    year = f.get("year", "")
    if not re.fullmatch(r"\d{4}", year):
        return
    origdate = f.get("origdate", "")
    is_preprint = paper.entry_type == "article" and paper.venue == "arXiv preprint"
    if not origdate and "eprint" in f and not is_preprint:
        yield problem(
            "missing field 'origdate' (the date of the first arXiv version)",
            "add origdate = {YYYY-MM} or {YYYY-MM-DD} from the arXiv abs page's submission "
            "history; year and month stay those of the version cited",
            "eprint",
        )
    if origdate:
        iso = _ISO_DATE.match(origdate)
        if not iso:
            yield problem(
                f"malformed origdate '{origdate}'",
                "write the first public version's date as YYYY-MM-DD or YYYY-MM",
                "origdate",
            )
            return
        if int(iso.group(1)) > int(year):
            yield problem(
                f"origdate {origdate} is after the cited version's year {year}",
                "origdate is the first public version (arXiv v1); year is the version cited",
                "origdate",
            )
        eprint = f.get("eprint", "")
        if _ARXIV_NEW.match(eprint) and iso.group(2):
            id_month = f"20{eprint[:2]}-{eprint[2:4]}"
            if origdate[:7] != id_month:
                yield problem(
                    f"origdate {origdate} disagrees with the arXiv ID {eprint} (first submitted "
                    f"{id_month})",
                    f"give the date of arXiv v1, e.g. origdate = {{{id_month}}}",
                    "origdate",
                )
    if paper.entry_type == "inproceedings":
        stated = proceedings_year(paper)
        if stated and stated != int(year):
            yield problem(
                f"year {year} disagrees with the proceedings' year {stated} "
                f"(booktitle '{plain_text(f.get('booktitle', ''))[:60]}')",
                f"write year = {{{stated}}} (and its month) as the venue's BibTeX does; "
                "the first public date goes in origdate",
                "year",
            )


def proceedings_year(paper: Paper) -> int | None:
    """The year a proceedings' name states: a 4-digit year in the booktitle, or the edition
    of a numbered series (ACL, ICLR, ICML), or the NeurIPS volume; else ``None``."""
    booktitle = plain_text(paper.get("booktitle"))
    years = {int(y) for y in _BOOKTITLE_YEAR.findall(booktitle)}
    if len(years) == 1:
        return years.pop()
    if _NEURIPS.match(booktitle) and paper.get("volume").isdigit():
        return _NEURIPS_OFFSET + int(paper.get("volume"))
    for pattern, offset in _NUMBERED_SERIES:
        if re.search(pattern, booktitle):
            edition = _edition(booktitle.split(re.search(pattern, booktitle).group(0))[0])
            return offset + edition if edition else None
    return None


def _edition(prefix: str) -> int | None:
    """The last ordinal before a series' name: ``62nd`` → 62, ``Twelfth`` → 12."""
    found = None
    for digits, word in _ORDINAL.findall(prefix):
        if digits:
            found = int(digits)
        elif word.lower() in _ORDINAL_WORDS:
            found = _ORDINAL_WORDS.index(word.lower()) + 1
    return found

"""Catalogue downloads for reference managers, and a bundle of the reported results.

Everything is generated from ``bib/papers.bib`` (the single source):

* :func:`to_bibtex` — BibTeX with the standard fields only, entries sorted by key;
* :func:`to_ris` — RIS records (Zotero, EndNote, Mendeley, …);
* :func:`to_csl_json` — CSL-JSON items (Zotero, pandoc, citeproc);
* :func:`to_csv` — one spreadsheet row per paper, with our own fields;
* :func:`write_exports` — the four files plus ``results.zip`` (``data/results``).

Our internal fields never leave the catalogue in the reference formats: ``summary``
(our words, not an abstract), ``verified``, ``note`` (provenance remarks), ``topics``,
``origin`` and ``code``; the CSV keeps ``topics``, ``origin`` and ``code`` on purpose.
Output is deterministic: entries sorted by key, fixed field and key order, no
timestamps, so that two builds give byte-identical files.

Dates: ``year`` and ``month`` are those of the version cited (a proceedings paper's
proceedings, as the venue's own BibTeX gives them): BibTeX ``year``/``month``, RIS ``PY``
and ``DA``, CSL-JSON ``issued``, the CSV's ``year`` and COinS ``rft.date``. The first public
version (arXiv v1, ``origdate``) is a fact of its own: BibTeX ``origdate`` (biblatex reads it;
BibTeX styles ignore it), CSL-JSON ``original-date`` and the CSV's ``first_public``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

from bibtexparser import model

from sftsurvey import bibformat, catalogue
from sftsurvey.bibformat import family_given as _family_given
from sftsurvey.bibformat import plain_text
from sftsurvey.catalogue import Paper
from sftsurvey.paths import BIB_FILE, RESULTS_DIR, display_path

INTERNAL_FIELDS: tuple[str, ...] = ("code", "note", "origin", "summary", "topics", "verified")
"""Our own fields: kept out of the BibTeX, RIS and CSL-JSON exports."""

BIBTEX_FIELDS: tuple[str, ...] = (
    "title",
    "author",
    "editor",
    "booktitle",
    "journal",
    "series",
    "volume",
    "number",
    "pages",
    "publisher",
    "organization",
    "address",
    "howpublished",
    "year",
    "month",
    "origdate",
    "isbn",
    "issn",
    "doi",
    "eprint",
    "archivePrefix",
    "primaryClass",
    "url",
    "urldate",
)
"""The standard fields exported to BibTeX, in the order they are written."""

CSV_COLUMNS: tuple[str, ...] = (
    "key",
    "year",
    "month",
    "first_public",
    "title",
    "authors",
    "venue",
    "peer_reviewed",
    "arxiv",
    "doi",
    "url",
    "code",
    "topics",
    "origin",
)
"""The columns of the catalogue's CSV export, in order."""

EXPORT_FILES: tuple[str, ...] = (
    "papers.bib",
    "papers.ris",
    "papers.csl.json",
    "papers.csv",
    "results.zip",
)
"""The files :func:`write_exports` writes, in this order."""

ZIP_FOLDER = "results"
"""The folder the bundle's files unpack into."""
ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)
"""Every member's timestamp (the earliest a zip can hold), so builds are byte-identical."""

_BIBTEX_HEADER = (
    "% Catalogue of the survey of instruction-tuning data, generated from bib/papers.bib.\n"
    "% Standard fields only; entries sorted by citation key. UTF-8."
)
_RIS_EOL = "\r\n"


def _sorted(cat: Iterable[Paper]) -> list[Paper]:
    return sorted(cat, key=lambda paper: paper.key)


def _is_preprint(paper: Paper) -> bool:
    return paper.entry_type == "article" and paper.venue == "arXiv preprint"


def _is_repository(paper: Paper) -> bool:
    return paper.entry_type == "misc" and "repository" in paper.get("howpublished").lower()


def _is_blog(paper: Paper) -> bool:
    return paper.entry_type == "misc" and "blog" in paper.get("howpublished").lower()


def _issued(paper: Paper) -> list[int]:
    """The cited version's date: ``[year]`` or ``[year, month]``."""
    return [paper.year] + ([paper.month] if paper.month else [])


def _original(paper: Paper) -> list[int] | None:
    """The first public version's date (``origdate``), for a version cited later."""
    return paper.first_date if paper.get("origdate") else None


def _page_range(value: str) -> tuple[str, str]:
    first, _, last = re.sub(r"\s*(--?|–)\s*", "-", plain_text(value)).partition("-")
    return first, last


def _names(paper: Paper, name_field: str) -> list[dict[str, str]]:
    return bibformat.people(paper.get(name_field))


# --- BibTeX -------------------------------------------------------------------------------


def bibtex_entry(paper: Paper) -> model.Entry:
    """The catalogue entry as a bibtexparser ``Entry`` with the standard fields only."""
    fields = [(name, paper.get(name.lower())) for name in BIBTEX_FIELDS]
    return bibformat.entry(paper.entry_type, paper.key, fields)


def to_bibtex(cat: Iterable[Paper]) -> str:
    """BibTeX for readers: standard fields, values as catalogued (braces kept), sorted by key."""
    return bibformat.write([bibtex_entry(paper) for paper in _sorted(cat)], _BIBTEX_HEADER)


# --- RIS --------------------------------------------------------------------------------------


def ris_type(paper: Paper) -> str:
    """``CPAPER`` (proceedings), ``JOUR`` (articles and arXiv preprints), ``COMP``
    (code repositories), ``BLOG`` (blog posts) or ``ELEC`` (other web pages)."""
    if paper.entry_type == "inproceedings":
        return "CPAPER"
    if paper.entry_type == "article":
        return "JOUR"
    if _is_repository(paper):
        return "COMP"
    return "BLOG" if _is_blog(paper) else "ELEC"


def ris_record(paper: Paper) -> list[tuple[str, str]]:
    """The record's ``(tag, value)`` pairs from ``TY`` to ``ER``, in the order written."""
    kind = ris_type(paper)
    tags: list[tuple[str, str]] = [("TY", kind)]
    tags += [("AU", _family_given(p)) for p in _names(paper, "author")]
    tags += [("A2", _family_given(p)) for p in _names(paper, "editor")]
    tags.append(("TI", paper.title))
    tags.append(("PY", str(paper.year)))
    if paper.month:
        tags.append(("DA", f"{paper.year}/{paper.month:02d}//"))
    if kind == "CPAPER":
        tags += [("T2", paper.venue), ("BT", paper.venue)]
    elif kind == "JOUR":
        tags.append(("T2", plain_text(paper.get("journal"))))
    else:
        tags.append(("M3", plain_text(paper.get("howpublished"))))
    tags += [
        ("VL", plain_text(paper.get("volume"))),
        ("IS", plain_text(paper.get("number"))),
    ]
    if paper.get("pages"):
        first, last = _page_range(paper.get("pages"))
        tags += [("SP", first), ("EP", last)]
    tags += [
        ("PB", plain_text(paper.get("publisher"))),
        ("CY", plain_text(paper.get("address"))),
        ("SN", paper.get("isbn") or paper.get("issn")),
        ("DO", paper.get("doi")),
        ("UR", paper.url),
        ("Y2", paper.get("urldate").replace("-", "/")),
    ]
    if paper.get("eprint"):
        category = paper.get("primaryclass")
        tags.append(("N1", f"arXiv:{paper.get('eprint')}" + (f" [{category}]" if category else "")))
    tags.append(("ER", ""))
    return [(tag, value) for tag, value in tags if value or tag == "ER"]


def to_ris(cat: Iterable[Paper]) -> str:
    """RIS: ``TAG  - value`` lines ending in CR LF, records separated by a blank line.

    No ``AB``: our summaries are our own words, not the papers' abstracts.
    """
    records = [
        _RIS_EOL.join(f"{tag}  - {value}" for tag, value in ris_record(paper)) + _RIS_EOL
        for paper in _sorted(cat)
    ]
    return _RIS_EOL.join(records)


# --- CSL-JSON ---------------------------------------------------------------------------------


def csl_type(paper: Paper) -> str:
    """``paper-conference``, ``article`` (preprint), ``article-journal``, ``software``,
    ``post-weblog`` or ``webpage``."""
    if paper.entry_type == "inproceedings":
        return "paper-conference"
    if paper.entry_type == "article":
        return "article" if _is_preprint(paper) else "article-journal"
    if _is_repository(paper):
        return "software"
    return "post-weblog" if _is_blog(paper) else "webpage"


def csl_item(paper: Paper) -> dict:
    """One CSL-JSON item; titles and names as plain text (braces and escapes removed)."""
    kind = csl_type(paper)
    item: dict = {"id": paper.key, "type": kind, "title": paper.title}
    item["author"] = _names(paper, "author")
    if paper.get("editor"):
        item["editor"] = _names(paper, "editor")
    item["issued"] = {"date-parts": [_issued(paper)]}
    if _original(paper):
        item["original-date"] = {"date-parts": [_original(paper)]}
    if kind == "paper-conference":
        item["container-title"] = paper.venue
    elif kind == "article-journal":
        item["container-title"] = plain_text(paper.get("journal"))
    elif kind == "article":
        item["publisher"] = "arXiv"
        if paper.get("eprint"):
            item["number"] = f"arXiv:{paper.get('eprint')}"
    else:
        item["genre"] = plain_text(paper.get("howpublished"))
    for csl_name, bib_name in (
        ("collection-title", "series"),
        ("volume", "volume"),
        ("publisher", "publisher"),
        ("publisher-place", "address"),
        ("ISBN", "isbn"),
        ("ISSN", "issn"),
    ):
        if paper.get(bib_name):
            item[csl_name] = plain_text(paper.get(bib_name))
    if paper.get("number") and kind != "article":
        item["issue" if kind == "article-journal" else "number"] = plain_text(paper.get("number"))
    if paper.get("pages"):
        item["page"] = "-".join(part for part in _page_range(paper.get("pages")) if part)
    if paper.get("doi"):
        item["DOI"] = paper.get("doi")
    item["URL"] = paper.url
    if paper.get("urldate"):
        year, month_, day = (int(part) for part in paper.get("urldate").split("-"))
        item["accessed"] = {"date-parts": [[year, month_, day]]}
    return item


def to_csl_json(cat: Iterable[Paper]) -> list[dict]:
    """CSL-JSON items, sorted by key."""
    return [csl_item(paper) for paper in _sorted(cat)]


def to_csl_json_string(cat: Iterable[Paper]) -> str:
    """:func:`to_csl_json` as a JSON document: UTF-8 text, keys sorted, two-space indent."""
    return json.dumps(to_csl_json(cat), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# --- CSV ----------------------------------------------------------------------------------------


def csv_row(paper: Paper) -> dict[str, str]:
    """The paper's row; lists (authors, topics) are joined by a semicolon and a space."""
    return {
        "key": paper.key,
        "year": str(paper.year),
        "month": str(paper.month or ""),
        "first_public": "-".join(f"{p:02d}" for p in paper.first_date),
        "title": paper.title,
        "authors": "; ".join(_family_given(p) for p in _names(paper, "author")),
        "venue": paper.venue,
        "peer_reviewed": "true" if paper.peer_reviewed else "false",
        "arxiv": paper.get("eprint"),
        "doi": paper.get("doi"),
        "url": paper.url,
        "code": paper.code,
        "topics": "; ".join(paper.topics),
        "origin": paper.get("origin"),
    }


def to_csv(cat: Iterable[Paper]) -> str:
    """One row per paper (sorted by key) in :data:`CSV_COLUMNS`; RFC 4180 (CR LF) lines."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(csv_row(paper) for paper in _sorted(cat))
    return out.getvalue()


# --- results bundle and files -------------------------------------------------------------------


def results_files(results_dir: Path = RESULTS_DIR) -> list[Path]:
    """The files bundled: every ``*.csv``, ``schema.yaml``, ``README.md`` and ``extraction/*``."""
    results_dir = Path(results_dir)
    files = list(results_dir.glob("*.csv"))
    files += [results_dir / name for name in ("schema.yaml", "README.md")]
    extraction = results_dir / "extraction"
    if extraction.is_dir():
        files += [p for p in extraction.rglob("*") if p.is_file()]
    hidden = [p for p in files if any(s.startswith(".") for s in p.relative_to(results_dir).parts)]
    visible = [p for p in files if p.is_file() and p not in hidden]
    return sorted(visible, key=lambda p: p.relative_to(results_dir).as_posix())


def results_zip(results_dir: Path = RESULTS_DIR) -> bytes:
    """The results bundle: members under ``results/``, sorted, with fixed timestamps and modes."""
    results_dir = Path(results_dir)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle:
        for path in results_files(results_dir):
            name = f"{ZIP_FOLDER}/{path.relative_to(results_dir).as_posix()}"
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whichever system builds it
            info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            bundle.writestr(info, path.read_bytes(), compresslevel=9)
    return buffer.getvalue()


def write_exports(
    out_dir: Path, *, bib_file: Path = BIB_FILE, results_dir: Path = RESULTS_DIR
) -> list[Path]:
    """Write :data:`EXPORT_FILES` into ``out_dir`` (created if needed); return their paths.

    Raises :class:`sftsurvey.catalogue.CatalogueError` if the catalogue has problems.
    """
    cat = catalogue.load(bib_file)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    contents: dict[str, bytes] = {
        "papers.bib": to_bibtex(cat).encode("utf-8"),
        "papers.ris": to_ris(cat).encode("utf-8"),
        "papers.csl.json": to_csl_json_string(cat).encode("utf-8"),
        "papers.csv": to_csv(cat).encode("utf-8"),
        "results.zip": results_zip(results_dir),
    }
    written = []
    for name in EXPORT_FILES:
        path = out_dir / name
        path.write_bytes(contents[name])  # bytes: line ends stay as generated on every OS
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """``python -m sftsurvey.exports OUT_DIR``: write the downloads, one line per file."""
    parser = argparse.ArgumentParser(
        prog="python -m sftsurvey.exports", description=__doc__.splitlines()[0]
    )
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--bib", type=Path, default=BIB_FILE)
    parser.add_argument("--results", type=Path, default=RESULTS_DIR)
    args = parser.parse_args(argv)
    for path in write_exports(args.out_dir, bib_file=args.bib, results_dir=args.results):
        print(f"{display_path(path)}: {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


def entry_bibtex(paper: Paper) -> str:
    """One paper's BibTeX entry as readers get it (for the copy button on the catalogue page)."""
    return bibformat.write_one(bibtex_entry(paper))


def coins(paper: Paper) -> str:
    """A COinS ``title`` value (OpenURL ContextObject), which Zotero's connector reads."""
    item = csl_item(paper)
    is_paper = paper.entry_type == "inproceedings"
    pairs = [
        ("rft_val_fmt", "info:ofi/fmt:kev:mtx:" + ("book" if is_paper else "journal")),
        ("rft.genre", "proceeding" if is_paper else "article"),
        ("rft.atitle", item["title"]),
    ]
    if item.get("container-title"):
        pairs.append(("rft.btitle" if is_paper else "rft.jtitle", item["container-title"]))
    pairs.append(("rft.date", bibformat.coins_date(paper.year, paper.month)))
    if item.get("volume"):
        pairs.append(("rft.volume", item["volume"]))
    if item.get("issue"):
        pairs.append(("rft.issue", item["issue"]))
    if item.get("page"):
        pairs.append(("rft.pages", item["page"]))
    pairs += [("rft.au", _family_given(person)) for person in item.get("author", [])]
    if item.get("DOI"):
        pairs.append(("rft_id", f"info:doi/{item['DOI']}"))
    if item.get("URL"):
        pairs.append(("rft_id", item["URL"]))
    return bibformat.coins(pairs)

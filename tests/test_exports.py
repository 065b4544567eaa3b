"""The catalogue downloads: BibTeX, RIS, CSL-JSON, CSV and the results bundle."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import bibtexparser
import pytest

from sftsurvey import catalogue, exports
from sftsurvey.paths import RESULTS_DIR

TINY_BIB = """% A hand-made catalogue: one entry of each kind.
@inproceedings{zhou2023lima,
  title = {{LIMA}: Less Is More for Alignment},
  author = {Zhou, Chunting and Liu, Pengfei and van der Berg, Jan},
  booktitle = {Advances in Neural Information Processing Systems},
  editor = {Oh, Alice and Naumann, Tristan},
  volume = {36},
  pages = {55006--55021},
  year = {2023},
  month = dec,
  origdate = {2023-05-18},
  eprint = {2305.11206},
  archivePrefix = {arXiv},
  primaryClass = {cs.CL},
  doi = {10.52202/075280-2400},
  url = {https://arxiv.org/abs/2305.11206},
  code = {https://github.com/example/lima},
  topics = {quantity, quality},
  origin = {seed},
  summary = {SUMMARY-TEXT in our own words.},
  verified = {VERIFIED-TEXT},
  note = {NOTE-TEXT}
}

@article{chen2023maybe,
  title = {Maybe Only 0.5\\% Data is Needed},
  author = {Chen, Hao and Zhang, Yiming},
  journal = {arXiv preprint arXiv:2305.09246},
  year = {2023},
  month = may,
  eprint = {2305.09246},
  archivePrefix = {arXiv},
  url = {https://arxiv.org/abs/2305.09246},
  topics = {quantity},
  origin = {added},
  summary = {SUMMARY-TEXT},
  verified = {VERIFIED-TEXT},
  note = {primaryClass not confirmed.}
}

@misc{taori2023stanford,
  title = {{Stanford Alpaca}: An Instruction-following {LLaMA} model},
  author = {Taori, Rohan and Hashimoto, Tatsunori B.},
  howpublished = {GitHub repository},
  year = {2023},
  month = mar,
  url = {https://github.com/tatsu-lab/stanford_alpaca},
  urldate = {2026-11-25},
  code = {https://github.com/tatsu-lab/stanford_alpaca},
  topics = {diversity},
  origin = {seed},
  summary = {SUMMARY-TEXT},
  verified = {VERIFIED-TEXT}
}
"""
TINY_KEYS = ["chen2023maybe", "taori2023stanford", "zhou2023lima"]
INTERNAL_VALUES = ("SUMMARY-TEXT", "VERIFIED-TEXT", "NOTE-TEXT", "primaryClass not confirmed")


@pytest.fixture
def tiny(write_bib) -> catalogue.Catalogue:
    return catalogue.load(write_bib(TINY_BIB))


@pytest.fixture(scope="module")
def real() -> catalogue.Catalogue:
    return catalogue.load()


def _parse_bibtex(text: str) -> bibtexparser.Library:
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    return library


# --- BibTeX -----------------------------------------------------------------------------------


def test_bibtex_entry_exact(tiny):
    text = exports.to_bibtex(tiny)
    lima = text[text.index("@inproceedings{zhou2023lima,") :].split("\n}\n")[0] + "\n}\n"
    assert lima == (
        "@inproceedings{zhou2023lima,\n"
        "  title = {{LIMA}: Less Is More for Alignment},\n"
        "  author = {Zhou, Chunting and Liu, Pengfei and van der Berg, Jan},\n"
        "  editor = {Oh, Alice and Naumann, Tristan},\n"
        "  booktitle = {Advances in Neural Information Processing Systems},\n"
        "  volume = {36},\n"
        "  pages = {55006--55021},\n"
        "  year = {2023},\n"
        "  month = dec,\n"
        "  origdate = {2023-05-18},\n"
        "  doi = {10.52202/075280-2400},\n"
        "  eprint = {2305.11206},\n"
        "  archivePrefix = {arXiv},\n"
        "  primaryClass = {cs.CL},\n"
        "  url = {https://arxiv.org/abs/2305.11206}\n"
        "}\n"
    )
    assert "title = {Maybe Only 0.5\\% Data is Needed}" in text


def test_bibtex_sorted_and_without_internal_fields(tiny):
    text = exports.to_bibtex(tiny)
    library = _parse_bibtex(text)
    assert [e.key for e in library.entries] == TINY_KEYS
    for entry in library.entries:
        assert not {f.key.lower() for f in entry.fields} & set(exports.INTERNAL_FIELDS)
    for value in (*INTERNAL_VALUES, "github.com/example"):
        assert value not in text


def test_bibtex_round_trip_on_real_catalogue(real):
    library = _parse_bibtex(exports.to_bibtex(real))
    assert [e.key for e in library.entries] == sorted(p.key for p in real)
    for entry in library.entries:
        paper = real[entry.key]
        assert entry.entry_type == paper.entry_type
        assert entry["title"] == paper.get("title")  # braces and escapes kept
        assert catalogue.split_authors(entry["author"]) == paper.authors
        assert entry.fields_dict.keys() <= set(exports.BIBTEX_FIELDS)
        for field in entry.fields:
            assert field.value == paper.get(field.key.lower())


def test_every_catalogue_field_is_exported_or_internal():
    known = set(catalogue.OUR_FIELDS) | catalogue.OPTIONAL_FIELDS
    known |= {name for names in catalogue.REQUIRED_FIELDS.values() for name in names}
    exported = {name.lower() for name in exports.BIBTEX_FIELDS}
    assert known - exported == set(exports.INTERNAL_FIELDS)


# --- RIS --------------------------------------------------------------------------------------


def _ris_records(text: str) -> dict[str, list[str]]:
    assert "\n" not in text.replace("\r\n", "")  # CR LF line ends only
    records: dict[str, list[str]] = {}
    for block in text.split("\r\n\r\n"):
        lines = block.strip("\r\n").split("\r\n")
        assert lines[0].startswith("TY  - ") and lines[-1] == "ER  - "
        assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines)
        url = next(line for line in lines if line.startswith("UR  - "))
        records[url[6:]] = lines
    return records


def test_ris_records_exact(tiny):
    records = _ris_records(exports.to_ris(tiny))
    assert records["https://arxiv.org/abs/2305.11206"] == [
        "TY  - CPAPER",
        "AU  - Zhou, Chunting",
        "AU  - Liu, Pengfei",
        "AU  - van der Berg, Jan",
        "A2  - Oh, Alice",
        "A2  - Naumann, Tristan",
        "TI  - LIMA: Less Is More for Alignment",
        "PY  - 2023",
        "DA  - 2023/12//",
        "T2  - Advances in Neural Information Processing Systems",
        "BT  - Advances in Neural Information Processing Systems",
        "VL  - 36",
        "SP  - 55006",
        "EP  - 55021",
        "DO  - 10.52202/075280-2400",
        "UR  - https://arxiv.org/abs/2305.11206",
        "N1  - arXiv:2305.11206 [cs.CL]",
        "ER  - ",
    ]
    assert records["https://arxiv.org/abs/2305.09246"] == [
        "TY  - JOUR",
        "AU  - Chen, Hao",
        "AU  - Zhang, Yiming",
        "TI  - Maybe Only 0.5% Data is Needed",
        "PY  - 2023",
        "DA  - 2023/05//",
        "T2  - arXiv preprint arXiv:2305.09246",
        "UR  - https://arxiv.org/abs/2305.09246",
        "N1  - arXiv:2305.09246",
        "ER  - ",
    ]
    alpaca = records["https://github.com/tatsu-lab/stanford_alpaca"]
    assert alpaca[:3] == ["TY  - COMP", "AU  - Taori, Rohan", "AU  - Hashimoto, Tatsunori B."]
    assert "Y2  - 2026/11/25" in alpaca and "M3  - GitHub repository" in alpaca


def test_ris_without_abstract_or_internal_fields(tiny, real):
    for cat in (tiny, real):
        text = exports.to_ris(cat)
        assert "\r\nAB  - " not in text
        for paper in cat:
            assert paper.summary not in text
    assert not any(value in exports.to_ris(tiny) for value in INTERNAL_VALUES)
    assert len(_ris_records(exports.to_ris(real))) == len(real)


# --- CSL-JSON ---------------------------------------------------------------------------------


def test_csl_items_exact(tiny):
    items = {item["id"]: item for item in exports.to_csl_json(tiny)}
    assert list(items) == TINY_KEYS
    assert items["zhou2023lima"] == {
        "id": "zhou2023lima",
        "type": "paper-conference",
        "title": "LIMA: Less Is More for Alignment",
        "author": [
            {"family": "Zhou", "given": "Chunting"},
            {"family": "Liu", "given": "Pengfei"},
            {"family": "van der Berg", "given": "Jan"},
        ],
        "editor": [{"family": "Oh", "given": "Alice"}, {"family": "Naumann", "given": "Tristan"}],
        "issued": {"date-parts": [[2023, 12]]},
        "original-date": {"date-parts": [[2023, 5, 18]]},
        "container-title": "Advances in Neural Information Processing Systems",
        "volume": "36",
        "page": "55006-55021",
        "DOI": "10.52202/075280-2400",
        "URL": "https://arxiv.org/abs/2305.11206",
    }
    preprint = items["chen2023maybe"]
    assert preprint["type"] == "article" and preprint["title"] == "Maybe Only 0.5% Data is Needed"
    assert preprint["issued"] == {"date-parts": [[2023, 5]]} and "original-date" not in preprint
    assert preprint["number"] == "arXiv:2305.09246" and preprint["publisher"] == "arXiv"
    software = items["taori2023stanford"]
    assert software["type"] == "software"
    assert software["title"] == "Stanford Alpaca: An Instruction-following LLaMA model"
    assert software["issued"] == {"date-parts": [[2023, 3]]}
    assert software["accessed"] == {"date-parts": [[2026, 11, 25]]}


def test_csl_json_string_is_the_items_with_sorted_keys(tiny, real):
    text = exports.to_csl_json_string(tiny)
    assert json.loads(text) == exports.to_csl_json(tiny)
    first = json.loads(text)[0]
    assert list(first) == sorted(first)
    for value in INTERNAL_VALUES:
        assert value not in text
    allowed = {"article", "article-journal", "paper-conference", "software", "post-weblog"}
    for item in exports.to_csl_json(real):
        assert item["type"] in allowed | {"webpage"}
        assert "{" not in item["title"] and "}" not in item["title"]
        assert not {"abstract", "note"} & item.keys()
        assert all("family" in name or "literal" in name for name in item["author"])


# --- CSV ----------------------------------------------------------------------------------------


def test_csv_header_and_row(tiny):
    text = exports.to_csv(tiny)
    assert text.splitlines()[0] == (
        "key,year,month,first_public,title,authors,venue,peer_reviewed,arxiv,doi,url,code,topics,origin"
    )
    rows = {row["key"]: row for row in csv.DictReader(io.StringIO(text))}
    assert list(rows) == TINY_KEYS
    assert rows["zhou2023lima"] == {
        "key": "zhou2023lima",
        "year": "2023",
        "month": "12",
        "first_public": "2023-05-18",
        "title": "LIMA: Less Is More for Alignment",
        "authors": "Zhou, Chunting; Liu, Pengfei; van der Berg, Jan",
        "venue": "Advances in Neural Information Processing Systems",
        "peer_reviewed": "true",
        "arxiv": "2305.11206",
        "doi": "10.52202/075280-2400",
        "url": "https://arxiv.org/abs/2305.11206",
        "code": "https://github.com/example/lima",
        "topics": "quantity; quality",
        "origin": "seed",
    }
    assert rows["chen2023maybe"]["venue"] == "arXiv preprint"
    assert rows["chen2023maybe"]["peer_reviewed"] == "false"
    assert (rows["chen2023maybe"]["month"], rows["chen2023maybe"]["first_public"]) == (
        "5",
        "2023-05",
    )
    for value in INTERNAL_VALUES:
        assert value not in text


# --- files and the results bundle --------------------------------------------------------------


def test_write_exports_is_byte_identical(tmp_path):
    first = exports.write_exports(tmp_path / "a")
    second = exports.write_exports(tmp_path / "b")
    assert [p.name for p in first] == list(exports.EXPORT_FILES)
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_results_zip_contents(tmp_path):
    bundle = exports.results_zip()
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        names = archive.namelist()
        infos = archive.infolist()
        assert archive.testzip() is None
        readme = archive.read("results/README.md")
    assert names == sorted(names)
    expected = {f"results/{p.name}" for p in RESULTS_DIR.glob("*.csv")}
    expected |= {"results/schema.yaml", "results/README.md"}
    expected |= {f"results/extraction/{p.name}" for p in (RESULTS_DIR / "extraction").iterdir()}
    assert set(names) == expected
    assert all(info.date_time == exports.ZIP_DATE_TIME for info in infos)
    assert readme == (RESULTS_DIR / "README.md").read_bytes()


def test_results_zip_is_deterministic_on_a_small_folder(tmp_path):
    folder = tmp_path / "results"
    (folder / "extraction").mkdir(parents=True)
    (folder / "b.csv").write_text("x\n1\n")
    (folder / "a.csv").write_text("x\n2\n")
    (folder / "schema.yaml").write_text("columns: {}\n")
    (folder / "README.md").write_text("# Results\n")
    (folder / "extraction" / "a-notes.md").write_text("notes\n")
    (folder / "other.txt").write_text("not bundled\n")
    (folder / "extraction" / ".DS_Store").write_text("hidden\n")
    first = exports.results_zip(folder)
    (folder / "a.csv").touch()  # a newer mtime must not change the bundle
    assert exports.results_zip(folder) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.namelist() == [
            "results/README.md",
            "results/a.csv",
            "results/b.csv",
            "results/extraction/a-notes.md",
            "results/schema.yaml",
        ]


# --- dates of the cited version ----------------------------------------------------------------


def test_every_format_carries_the_cited_versions_date(real):
    """A proceedings paper first public in 2023 and cited from 2024 proceedings (ACL 2024):
    2024 and August everywhere; its arXiv v1 date only as the original date."""
    paper = real["dong2023how"]
    assert (paper.year, paper.month, paper.first_date) == (2024, 8, [2023, 10, 9])
    entry = _parse_bibtex(exports.entry_bibtex(paper)).entries[0]
    assert (entry["year"], entry["month"], entry["origdate"]) == ("2024", "aug", "2023-10-09")
    ris = _ris_records(exports.to_ris([paper]))[paper.url]
    assert "PY  - 2024" in ris and "DA  - 2024/08//" in ris
    item = exports.csl_item(paper)
    assert item["issued"] == {"date-parts": [[2024, 8]]}
    assert item["original-date"] == {"date-parts": [[2023, 10, 9]]}
    row = next(csv.DictReader(io.StringIO(exports.to_csv([paper]))))
    assert (row["year"], row["month"], row["first_public"]) == ("2024", "8", "2023-10-09")
    assert "rft.date=2024-08&" in exports.coins(paper)


def test_proceedings_exports_never_carry_the_first_versions_year(real):
    for paper in real:
        if paper.get("origdate") and paper.first_year != paper.year:
            item = exports.csl_item(paper)
            assert item["issued"]["date-parts"][0][0] == paper.year, paper.key
            assert f"PY  - {paper.year}" in exports.to_ris([paper]), paper.key
            assert f"rft.date={paper.year}" in exports.coins(paper), paper.key


def test_aaai_entry_is_a_journal_article_as_aaai_exports_it(real):
    """AAAI's own BibTeX is @article with journal, volume and number: RIS JOUR with VL and IS,
    CSL article-journal with issue, no 'volume and number' clash for BibTeX styles."""
    paper = real["he2023can"]
    assert paper.entry_type == "article" and paper.peer_reviewed
    item = exports.csl_item(paper)
    assert (item["type"], item["volume"], item["issue"]) == ("article-journal", "38", "16")
    assert (
        item["container-title"] == "Proceedings of the AAAI Conference on Artificial Intelligence"
    )

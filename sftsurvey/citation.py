"""How to cite the survey itself, from one source: ``CITATION.cff`` (and the package version).

The book's how-to-cite page, the Highwire ``citation_*`` meta tags and the BibTeX shown to
readers are all generated from here, so the version and date cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from sftsurvey import bibformat
from sftsurvey.paths import ROOT

CFF_FILE = ROOT / "CITATION.cff"


@dataclass(frozen=True)
class SurveyCitation:
    title: str
    authors: tuple[str, ...]
    version: str
    date_released: str
    abstract: str
    doi: str = ""
    url: str = ""

    @property
    def year(self) -> str:
        return self.date_released[:4]

    @property
    def key(self) -> str:
        return f"sftsurvey{self.year}v{self.version.replace('.', '')}"

    @property
    def month(self) -> int:
        return int(self.date_released[5:7])

    def bibtex(self) -> str:
        """The survey as a BibTeX ``@misc`` entry (natbib/BibTeX and biblatex/biber read it):
        the release's year and month, ``version``, and ``date`` for biblatex."""
        authors = " and ".join(a if "," in a else "{" + a + "}" for a in self.authors)
        fields = [
            ("title", self.title),
            ("author", authors),
            ("year", self.year),
            ("month", bibformat.MONTHS[self.month - 1]),
            ("version", self.version),
            ("note", f"Version {self.version}, released {self.date_released}"),
            ("doi", self.doi),
            ("url", self.url),
        ]
        return bibformat.write_one(bibformat.entry("misc", self.key, fields)).rstrip("\n")

    def formatted(self) -> str:
        doi = f" https://doi.org/{self.doi}" if self.doi else ""
        where = f" {self.url}" if self.url else ""
        return (
            f"{', '.join(self.authors)} ({self.year}). {self.title} (version {self.version})."
            f"{doi or where}"
        )

    def meta_tags(self) -> list[tuple[str, str]]:
        """Highwire Press tags, as Google Scholar and Zotero read them (one per author)."""
        tags = [("citation_title", self.title)]
        tags += [("citation_author", author) for author in self.authors]
        tags += [
            ("citation_publication_date", self.date_released.replace("-", "/")),
            ("citation_date", self.date_released.replace("-", "/")),
            ("citation_version", self.version),
            ("citation_abstract", self.abstract),
        ]
        if self.doi:
            tags.append(("citation_doi", self.doi))
        if self.url:
            tags.append(("citation_public_url", self.url))
        return tags

    def page(self, title: str, url: str) -> PageCitation:
        """The citation of one page of this version of the survey."""
        return PageCitation(survey=self, title=title, url=url)


@dataclass(frozen=True)
class PageCitation:
    """One page of the survey, cited as a section of the survey's version being read."""

    survey: SurveyCitation
    title: str
    url: str

    def formatted(self) -> str:
        s = self.survey
        return (
            f"{', '.join(s.authors)} ({s.year}). {self.title}. In {s.title} "
            f"(version {s.version}). {self.url}"
        )

    def coins(self) -> str:
        """A COinS ``title`` value (OpenURL book section), which Zotero's connector imports."""
        s = self.survey
        pairs = [
            ("rft_val_fmt", "info:ofi/fmt:kev:mtx:book"),
            ("rft.genre", "bookitem"),
            ("rft.atitle", self.title),
            ("rft.btitle", s.title),
            ("rft.edition", f"version {s.version}"),
            ("rft.date", s.date_released),
        ]
        pairs += [("rft.au", author) for author in s.authors]
        if s.doi:
            pairs.append(("rft_id", f"info:doi/{s.doi}"))
        pairs.append(("rft_id", self.url))
        return bibformat.coins(pairs)


def load(path: Path = CFF_FILE, url: str = "") -> SurveyCitation:
    """The citation of the survey, as ``CITATION.cff`` gives it."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    authors = []
    for person in data.get("authors", []):
        if "name" in person:
            authors.append(person["name"])
        else:
            authors.append(f"{person['family-names']}, {person['given-names']}")
    return SurveyCitation(
        title=data["title"],
        authors=tuple(authors),
        version=str(data["version"]),
        date_released=str(data["date-released"]),
        abstract=" ".join(str(data.get("abstract", "")).split()),
        doi=str(data.get("doi", "")),
        url=url or str(data.get("url", "")),
    )

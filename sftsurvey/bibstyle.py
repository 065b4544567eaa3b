"""An author–year look for the book's bibliography (pybtex plugins).

sphinxcontrib-bibtex cites author–year in the text, but pybtex's stock
bibliography styles label entries ``[1]`` or ``[ZLX+23]``. This style labels
them ``Zhou et al. 2023`` (``a``/``b`` added when two labels coincide), sorts by
author, year and title, keeps titles exactly as catalogued (the stock style
lower-cases them), and leaves out ``note`` (our provenance remarks). Year and month are
those of the version cited (a proceedings paper's proceedings); ``origdate``, the first
public version, is not printed by this style.
"""

from __future__ import annotations

from collections import Counter

from pybtex.database import Entry
from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.template import field, sentence

from sftsurvey.bibformat import plain_text

STYLE_NAME = "authoryear"


def _family(person) -> str:
    return plain_text(" ".join(person.prelast_names + person.last_names))


def author_year_label(entry) -> str:
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    year = entry.fields.get("year", "n.d.")
    if not people:
        return f"{plain_text(entry.fields.get('title', entry.key))[:30]} {year}"
    if len(people) == 1:
        names = _family(people[0])
    elif len(people) == 2:
        names = f"{_family(people[0])} and {_family(people[1])}"
    else:
        names = f"{_family(people[0])} et al."
    return f"{names} {year}"


class AuthorYearLabels(BaseLabelStyle):
    def format_labels(self, sorted_entries):
        labels = [author_year_label(e) for e in sorted_entries]
        counts, seen = Counter(labels), Counter()
        for label in labels:
            if counts[label] > 1:
                seen[label] += 1
                yield label + "abcdefghijklmnopqrstuvwxyz"[seen[label] - 1]
            else:
                yield label


HIDDEN_FIELDS = frozenset({"note"})


class AuthorYearStyle(PlainStyle):
    default_label_style = STYLE_NAME
    default_sorting_style = "author_year_title"

    def format_title(self, e, which_field, as_sentence=True):
        title = field(which_field)
        return sentence[title] if as_sentence else title

    def format_entry(self, label, entry, bib_data=None):
        shown = Entry(
            entry.type,
            fields={k: v for k, v in entry.fields.items() if k.lower() not in HIDDEN_FIELDS},
            persons=entry.persons,
        )
        shown.key = entry.key
        return super().format_entry(label, shown, bib_data)


def register_pybtex_styles() -> None:
    """Make ``bibtex_default_style: authoryear`` available (idempotent)."""
    register_plugin("pybtex.style.labels", STYLE_NAME, AuthorYearLabels, force=True)
    register_plugin("pybtex.style.formatting", STYLE_NAME, AuthorYearStyle, force=True)

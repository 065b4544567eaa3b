"""The bibliography's author–year labels and exact titles."""

from __future__ import annotations

from pybtex.database import parse_string
from pybtex.plugin import find_plugin

from sftsurvey.bibstyle import STYLE_NAME, register_pybtex_styles

BIB = """
@article{a2023x, author = {Zhou, A and Liu, B and Xu, C}, title = {{LIMA}: Less Is More},
  journal = {J}, year = {2023}, note = {internal remark}, month = nov, origdate = {2022-05}}
@article{b2023y, author = {Zhou, A and Liu, B and Wu, D}, title = {Second Paper}, journal = {J},
  year = {2023}}
@article{c2022z, author = {Ding, N and Chen, Y}, title = {Two Authors}, journal = {J}, year = {2022}}
@article{d2021w, author = {Solo, S}, title = {Alone}, journal = {J}, year = {2021}}
"""


def formatted():
    register_pybtex_styles()
    style = find_plugin("pybtex.style.formatting", STYLE_NAME)()
    data = parse_string(BIB, "bibtex")
    return {e.key: e for e in style.format_entries(data.entries.values())}


def test_labels_are_author_year_and_disambiguated():
    labels = {k: e.label for k, e in formatted().items()}
    assert labels["c2022z"] == "Ding and Chen 2022"
    assert labels["d2021w"] == "Solo 2021"
    assert {labels["a2023x"], labels["b2023y"]} == {"Zhou et al. 2023a", "Zhou et al. 2023b"}


def test_titles_kept_and_internal_fields_hidden():
    text = formatted()["a2023x"].text.render_as("text")
    assert "LIMA: Less Is More" in text
    assert "internal remark" not in text
    assert "November 2023" in text  # the cited version's month and year
    assert "2022" not in text  # origdate, the first public version, is not printed

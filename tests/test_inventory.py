"""The reported-results inventory and data dictionary shown in the book."""

from __future__ import annotations

import pytest

from sftsurvey import catalogue, inventory, results


@pytest.fixture(scope="module")
def table():
    return results.load_results()


def test_inventory_accounts_for_every_row_and_every_paper(table):
    papers = inventory.paper_inventory(table)
    keys = {paper.key for paper in catalogue.load()}
    assert set(papers.index) == keys
    assert papers["rows"].sum() == len(table)
    assert (papers["from the paper"] + papers["from a repository or blog"] == papers["rows"]).all()
    split = papers["table / text / figure"].str.split("/", expand=True).astype(int)
    assert (split.sum(axis=1) == papers["rows"]).all()
    assert list(papers["rows"]) == sorted(papers["rows"], reverse=True)


def test_inventory_row_of_one_paper(table):
    papers = inventory.paper_inventory(table)
    mine = table[table["paper"] == "wang2022selfinstruct"]
    row = papers.loc["wang2022selfinstruct"]
    assert row["rows"] == len(mine) and row["from a repository or blog"] == 0
    assert row["sources"].startswith("Abstract") and "Table 1" in row["sources"]
    assert row["sources"].index("Table 1") < row["sources"].index("Table 3")


def test_readme_rows_count_as_repository():
    assert inventory._source_kind("README") == "repository"
    for source in ("Table 5", "Figure 1", "Section 4.2", "Appendix B.2", "Abstract", "Text"):
        assert inventory._source_kind(source) == "paper", source


def test_data_dictionary_lists_every_schema_column_with_its_allowed_values():
    schema = results.load_schema()
    dictionary = inventory.data_dictionary(schema)
    assert list(dictionary.index) == list(schema["columns"])
    assert "Allowed: table, text, figure." in dictionary.loc["extraction", "meaning"]
    assert (
        dictionary.loc["value", "required"] == "yes" and dictionary.loc["note", "required"] == "no"
    )


def test_as_html_escapes_and_keeps_the_index():
    import pandas as pd

    html = inventory.as_html(pd.DataFrame({"x": ["<b>"]}, index=pd.Index(["k"], name="paper")))
    assert "&lt;b&gt;" in html and "<th>paper</th>" in html and "inventory-table" in html

"""Results tables: the real ones validate; every kind of bad row gets its own located message."""

from __future__ import annotations

import pandas as pd
import pytest

from sftsurvey import results
from sftsurvey.paths import BIB_FILE, RESULTS_DIR

HEADER = ",".join(results.columns())
GOOD = (
    "yuan2023scaling,sft-data-scaling,LLaMA-7B,epochs=3,GSM8K,maj1@1 accuracy,,0.25,7473,"
    "30.1,percent,Table 5,arXiv v2,table,"
)


def write(tmp_path, *rows: str, name: str = "yuan2023scaling.csv", header: str = HEADER):
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def problems(tmp_path) -> list[str]:
    _, found = results.check_all(tmp_path, BIB_FILE)
    return [str(p) for p in found]


def test_real_results_validate():
    table, found = results.check_all(RESULTS_DIR, BIB_FILE)
    assert found == [], "\n".join(map(str, found))
    assert set(table["paper"]) <= {p.stem for p in RESULTS_DIR.glob("*.csv")}


def test_good_row_loads_typed(tmp_path):
    write(tmp_path, GOOD)
    table = results.load_results(tmp_path, BIB_FILE)
    assert len(table) == 1
    row = table.iloc[0]
    assert row["value"] == 30.1 and row["base_size"] == 7473 and row["line"] == 2


def _edit(column: str, value: str) -> str:
    cells = GOOD.split(",")
    cells[results.columns().index(column)] = value
    return ",".join(cells)


BAD = [
    (
        "not a number",
        _edit("value", "30.1%"),
        "yuan2023scaling.csv:2:value: '30.1%' is not a number",
    ),
    ("bad scale", _edit("scale", "pct"), ":2:scale: 'pct' is not an allowed value — use one of"),
    (
        "bad experiment id",
        _edit("experiment", "SFT scaling"),
        ":2:experiment: 'SFT scaling' does not",
    ),
    ("bad condition", _edit("condition", "3 epochs"), ":2:condition: '3 epochs' does not"),
    ("fraction > 1", _edit("fraction", "2"), ":2:fraction: 2.0 is above the maximum"),
    ("empty required", _edit("benchmark", ""), ":2:benchmark: empty, but required"),
    ("bad extraction", _edit("extraction", "guess"), ":2:extraction: 'guess' is not an allowed"),
    ("no base size", _edit("base_size", ""), ":2:base_size: fraction given without base_size"),
    ("percent range", _edit("value", "130"), ":2:value: 130.0 is outside the range of scale"),
    ("unknown paper", _edit("paper", "yuan2023scalling"), "is not in bib/papers.bib (did you mean"),
    (
        "figure without calibration",
        _edit("extraction", "figure").replace("Table 5", "Figure 2"),
        ":2:extraction: no calibration file",
    ),
    (
        "figure without number",
        _edit("extraction", "figure").replace("Table 5", "Section 3"),
        ":2:source: a figure reading must name its figure",
    ),
]


@pytest.mark.parametrize(("case", "row", "expected"), BAD, ids=[b[0] for b in BAD])
def test_each_bad_row_has_its_own_message(tmp_path, case, row, expected):
    path = write(tmp_path, GOOD.replace("0.25", "0.5"), row)
    before = path.read_bytes()
    found = problems(tmp_path)
    expected = expected.replace(":2:", ":3:")
    assert any(expected in p for p in found), (case, found)
    assert all(" — " in p for p in found)
    assert path.read_bytes() == before


def test_duplicate_row(tmp_path):
    write(tmp_path, GOOD, GOOD)
    assert any(":3:-: same row as line 2" in p for p in problems(tmp_path))


def test_wrong_header(tmp_path):
    write(tmp_path, GOOD, header=HEADER.replace("value", "score"))
    found = problems(tmp_path)
    assert (
        len(found) == 1
        and ":1:-: header differs from the schema; missing value; unknown score" in found[0]
    )


def test_wrong_field_count_is_reported_not_dropped(tmp_path):
    write(tmp_path, GOOD, GOOD.replace("maj1@1 accuracy", "maj1@1, accuracy"))
    assert any(":3:-: 16 fields instead of 15" in p for p in problems(tmp_path))


def test_row_in_wrong_file(tmp_path):
    write(tmp_path, GOOD, name="dong2023how.csv")
    assert any(
        "row of 'yuan2023scaling' in the table of 'dong2023how'" in p for p in problems(tmp_path)
    )


def test_load_raises_listing_everything(tmp_path):
    write(tmp_path, _edit("scale", "pct"), _edit("value", "x"))
    with pytest.raises(results.ResultsError) as err:
        results.load_results(tmp_path, BIB_FILE)
    assert len(err.value.problems) == 2


def test_a_byte_order_mark_and_crlf_line_ends_are_read(tmp_path):
    from sftsurvey.paths import ROOT

    source = ROOT / "data" / "results" / "zhou2023lima.csv"
    text = source.read_text(encoding="utf-8")
    saved = tmp_path / "zhou2023lima.csv"
    saved.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    plain, problems_plain = results.read_rows(source)
    excel, problems_excel = results.read_rows(saved)
    assert problems_plain == problems_excel == []
    assert list(excel.columns) == list(plain.columns)
    assert excel.equals(plain)  # same cells and the same line numbers
    assert saved.read_bytes().startswith(b"\xef\xbb\xbf")  # the file is left as it was


# --- results.select: keyword filters on the reported-results table ---------------------------


@pytest.fixture(scope="module")
def table():
    return results.load_results()


def small_table():
    return pd.DataFrame(
        {
            "paper": ["a", "a", "b", "c"],
            "metric": ["acc", "loss", "acc", "acc"],
            "condition": ["k=1", None, "k=2", "seed=1; k=1"],
            "value": [1.0, 2.0, 3.0, 4.0],
        },
        index=[10, 11, 12, 13],
    )


def test_select_scalar_filters_combine_with_and():
    rows = results.select(small_table(), paper="a", metric="acc")
    assert rows.index.tolist() == [10]


def test_select_list_is_a_set_of_allowed_values_and_keeps_order():
    rows = results.select(small_table(), paper=["c", "a"], metric="acc")
    assert rows.index.tolist() == [10, 13]
    assert results.select(small_table(), paper=("b",)).index.tolist() == [12]


def test_select_none_matches_empty_cells():
    assert results.select(small_table(), condition=None).index.tolist() == [11]
    assert results.select(small_table(), condition=[None, "k=2"]).index.tolist() == [11, 12]


def test_select_matching_nothing_is_empty_with_the_same_columns():
    rows = results.select(small_table(), paper="a", metric="f1")
    assert rows.empty and list(rows.columns) == list(small_table().columns)


def test_select_exclude_and_callables():
    frame = small_table()
    assert results.select(frame, exclude={"paper": "a"}).index.tolist() == [12, 13]
    assert results.select(frame, condition=results.contains("k=1")).index.tolist() == [10, 13]
    assert results.select(frame, condition=results.starts_with("seed")).index.tolist() == [13]


def test_select_unknown_column_names_the_known_ones():
    with pytest.raises(results.UnknownColumnError) as err:
        results.select(small_table(), papr="a")
    message = str(err.value)
    assert "no column 'papr' (did you mean 'paper'?)" in message
    assert "paper, metric, condition, value" in message


def test_select_equals_the_boolean_filter_on_the_real_table(table):
    by_hand = table[
        (table["paper"] == "yuan2023scaling")
        & table["source"].isin(["Table 1", "Table 5"])
        & (table["metric"] == "maj1@1 accuracy")
    ]
    rows = results.select(
        table, paper="yuan2023scaling", source=["Table 1", "Table 5"], metric="maj1@1 accuracy"
    )
    assert len(rows) > 0 and rows.equals(by_hand)


def test_row_and_value_want_exactly_one_row(table):
    assert results.value(
        table,
        paper="chen2023alpagasus",
        condition="data=Alpaca; filter=none",
        metric=results.starts_with("number of training samples"),
    ) == pytest.approx(52002)
    with pytest.raises(LookupError, match="2 rows match"):
        results.row(table, paper="chen2023alpagasus", condition=results.contains("filter=none"))
    with pytest.raises(LookupError, match="0 rows match"):
        results.row(table, paper="no-such-paper")


def test_contradicted_reads_the_note():
    frame = pd.DataFrame({"note": ["differs from Table 3", None, "rounded", "Contradicts Fig. 2"]})
    assert results.contradicted(frame).index.tolist() == [0, 3]

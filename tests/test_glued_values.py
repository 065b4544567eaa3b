"""Every value the book glues equals the stored snapshot, and the comparison reports each change."""

from __future__ import annotations

import nbformat
import pytest

from sftsurvey import glued
from sftsurvey.paths import ROOT

SNAPSHOT = ROOT / "tests" / "data" / glued.SNAPSHOT_NAME


def _glue_cell(name: str, text: str):
    output = nbformat.v4.new_output(
        "display_data",
        data={"application/papermill.record/text/plain": text},
        metadata={"scrapbook": {"name": name, "mime_prefix": "application/papermill.record/"}},
    )
    cell = nbformat.v4.new_code_cell("glue(...)")
    cell.outputs = [output, nbformat.v4.new_output("stream", text="printed, not glued")]
    return cell


def test_glue_outputs_are_read_by_name():
    notebook = nbformat.v4.new_notebook(cells=[_glue_cell("n", "16"), _glue_cell("w", "'rises'")])
    assert glued._glue_outputs(notebook) == {"n": "16", "w": "'rises'"}


def test_compare_names_every_change():
    before = {"a.md": {"n": "16", "gone": "1"}, "b.md": {"x": "2"}}
    after = {"a.md": {"n": "17", "new": "3"}}
    lines = glued.compare(before, after)
    assert lines == [
        "a.md: gone removed (was '1')",
        "a.md: n changed from '16' to '17'",
        "a.md: new added ('3')",
        "b.md: x removed (was '2')",
    ]
    assert glued.compare(before, before) == []


def test_snapshot_round_trips(tmp_path):
    values = {"p.md": {"k": "Ünïcode 1,000"}}
    glued.write_snapshot(values, tmp_path / "s.json")
    assert glued.load_snapshot(tmp_path / "s.json") == values


def test_missing_cache_is_one_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="build the book first"):
        glued.read_glued(tmp_path / ".jupyter_cache", tmp_path)


@pytest.mark.book
def test_no_glued_value_differs_from_the_snapshot(book_build):
    """A refactoring changes no number; a deliberate change updates the snapshot in its commit."""
    now = glued.read_glued(book_build / ".jupyter_cache", ROOT)
    differences = glued.compare(glued.load_snapshot(SNAPSHOT), now)
    assert not differences, (
        "glued values differ from tests/data/glued-values.json (if deliberate: "
        "scripts/glued_values.py --write):\n" + "\n".join(differences[:40])
    )

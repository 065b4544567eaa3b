"""Notebooks hold the question, the call, the figure and the glued result; logic lives in sftsurvey/.

Every code cell of ``notebooks/*.md`` and ``book/*.md`` (MyST ``{code-cell}`` blocks) is parsed
with :mod:`ast`; a function or class definition, or a lambda given a name, fails the test with
the file and line where it is, so it can be moved into the package (and tested there).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from sftsurvey.paths import ROOT

PAGES = sorted([*ROOT.glob("notebooks/*.md"), *ROOT.glob("book/*.md")])
FENCE = re.compile(r"^(`{3,})\{code-cell\}")
MAGIC = re.compile(r"^\s*[%!]")
OPTION = re.compile(r"^:[\w-]+:")


def code_cells(text: str) -> list[tuple[int, str]]:
    """Each code cell's first line number (1-based, in the file) and its source, its options (a
    ``---`` block or ``:key: value`` lines) and IPython magics blanked."""
    lines = text.splitlines()
    cells, i = [], 0
    while i < len(lines):
        opening = FENCE.match(lines[i])
        if not opening:
            i += 1
            continue
        start, end = i + 1, i + 1
        while end < len(lines) and lines[end].rstrip() != opening.group(1):
            end += 1
        body = lines[start:end]
        if body and body[0].strip() == "---":
            close = next((j for j in range(1, len(body)) if body[j].strip() == "---"), 0)
            body = [""] * (close + 1) + body[close + 1 :]
        options = next((j for j, b in enumerate(body) if not OPTION.match(b)), len(body))
        body = [""] * options + body[options:]
        cells.append((start + 1, "\n".join("" if MAGIC.match(b) else b for b in body)))
        i = end + 1
    return cells


def definitions(source: str) -> list[tuple[int, str]]:
    """The line (within ``source``) and a description of each def, class or named lambda."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found.append((node.lineno, f"def {node.name}"))
        elif isinstance(node, ast.ClassDef):
            found.append((node.lineno, f"class {node.name}"))
        elif isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(node.value, ast.Lambda):
            found.append((node.lineno, "lambda assigned to a name"))
    return sorted(found)


def problems(path: Path) -> list[str]:
    shown = path.relative_to(ROOT)
    out = []
    for first, source in code_cells(path.read_text(encoding="utf-8")):
        try:
            found = definitions(source)
        except SyntaxError as err:
            out.append(
                f"{shown}:{first + (err.lineno or 1) - 1}: code cell does not parse: {err.msg}"
            )
            continue
        out += [
            f"{shown}:{first + line - 1}: {what} — move it into sftsurvey/ and call it"
            for line, what in found
        ]
    return out


@pytest.mark.parametrize("path", PAGES, ids=[str(p.relative_to(ROOT)) for p in PAGES])
def test_code_cells_define_nothing(path):
    found = problems(path)
    assert not found, "\n".join(found)


def test_every_notebook_has_code_cells_to_check():
    notebooks = [p for p in PAGES if p.parent.name == "notebooks"]
    assert notebooks and all(code_cells(p.read_text(encoding="utf-8")) for p in notebooks)


def test_a_definition_is_found_with_its_file_line(tmp_path, monkeypatch):
    page = tmp_path / "notebooks" / "bad.md"
    page.parent.mkdir()
    page.write_text(
        "# Bad\n\n```{code-cell} ipython3\n---\nmystnb:\n  figure:\n    name: f\n---\n"
        "%matplotlib inline\nx = 1\n\n\ndef helper(v):\n    return v\n\n\n"
        "square = lambda v: v * v\nclass Thing:\n    pass\nrows = sorted(x, key=lambda r: r)\n```\n"
        "\n```{code-cell} ipython3\n:tags: [remove-input]\nclass Other: ...\n```\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(f"{__name__}.ROOT", tmp_path)
    found = problems(page)
    assert found == [
        "notebooks/bad.md:13: def helper — move it into sftsurvey/ and call it",
        "notebooks/bad.md:17: lambda assigned to a name — move it into sftsurvey/ and call it",
        "notebooks/bad.md:18: class Thing — move it into sftsurvey/ and call it",
        "notebooks/bad.md:25: class Other — move it into sftsurvey/ and call it",
    ]

"""pyproject.toml declares what the package imports, so `pip install .` works outside the Makefile."""

from __future__ import annotations

import ast
import importlib.metadata as metadata
import re
import sys
import tomllib

from sftsurvey.paths import ROOT


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = [*project["dependencies"], *project["optional-dependencies"]["book"]]
    return {_normal(re.split(r"[\[<>=!~ ;]", n, maxsplit=1)[0]) for n in names}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _imported() -> set[str]:
    modules = set()
    for path in (ROOT / "sftsurvey").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return {m for m in modules if m not in sys.stdlib_module_names and m != "sftsurvey"}


def test_every_imported_distribution_is_declared():
    owners = metadata.packages_distributions()
    # matplotlib-inline comes with matplotlib's notebook backend (IPython), a book dependency
    allowed = {"matplotlib-inline"}
    missing = {
        _normal(owners[module][0])
        for module in _imported()
        if module in owners and _normal(owners[module][0]) not in _declared() | allowed
    }
    assert not missing, f"add to pyproject.toml's dependencies: {sorted(missing)}"

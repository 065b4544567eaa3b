"""Hand-edited YAML files read with the line of every key, so each problem names its line."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from sftsurvey.paths import display_path


class YamlFileError(ValueError):
    """A file that cannot be read as YAML, in one line: ``FILE[:LINE]: what — fix``."""


def read(path: Path) -> tuple[Any, yaml.Node | None]:
    """The data of a YAML file and its node tree (for :func:`key_lines`)."""
    where = display_path(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
        return yaml.safe_load(text), yaml.compose(text)
    except OSError as error:
        raise YamlFileError(
            f"{where}: cannot read it ({error.strerror}) — restore it from git"
        ) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise YamlFileError(
            f"{where}{line}: {problem} — fix the indentation or quoting (YAML)"
        ) from None


def key_lines(node: yaml.Node | None) -> dict[Any, int]:
    """Line (1-based) of each key of a YAML mapping node."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: key.start_mark.line + 1 for key, _ in node.value}


def child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The value node of ``key`` in a mapping node, or ``None``."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if key_node.value == key:
                return value
    return None


def line_of(node: yaml.Node | None) -> int:
    """Line (1-based) where a node starts (1 without a node)."""
    return node.start_mark.line + 1 if node is not None else 1


def misspelt(keys: Iterable[Any], known: Iterable[str]) -> set[str]:
    """The known keys that unknown ``keys`` look like misspellings of (reported once, as such)."""
    known = list(known)
    return {
        close
        for key in keys
        if key not in known
        for close in difflib.get_close_matches(str(key), known, n=1)
    }


def use_one_of(value: Any, known: Iterable[str]) -> str:
    """The fix for an unknown value: the closest known one, then all of them."""
    known = list(known)
    close = difflib.get_close_matches(str(value), known, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return f"{hint}use one of: {', '.join(known)}"

"""Small pieces of the Sphinx extension that work on text."""

from __future__ import annotations

from sftsurvey.sphinx_ext import dedupe_inline_scripts


def test_repeated_inline_scripts_are_removed_once():
    page = (
        "<head>\n    <script>const A = 1;</script>\n    <script src='x.js'></script>\n"
        "    <script>const A = 1;</script>\n    <script>var b = 2;</script>\n</head>"
    )
    fixed = dedupe_inline_scripts(page)
    assert fixed.count("const A = 1;") == 1
    assert "var b = 2;" in fixed and "x.js" in fixed
    assert dedupe_inline_scripts(fixed) == fixed

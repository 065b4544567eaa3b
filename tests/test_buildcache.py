"""The execution cache is cleared exactly when the notebooks' inputs change."""

from __future__ import annotations

from sftsurvey import buildcache


def _project(tmp_path):
    (tmp_path / "sftsurvey").mkdir(parents=True)
    (tmp_path / "sftsurvey" / "a.py").write_text("x = 1\n")
    (tmp_path / "bib").mkdir()
    (tmp_path / "bib" / "papers.bib").write_text("% empty\n")
    return tmp_path


def test_cache_cleared_only_when_inputs_change(tmp_path):
    root = _project(tmp_path / "p")
    build = tmp_path / "_build"
    cache = build / ".jupyter_cache"
    buildcache.refresh(build, root)
    cache.mkdir()
    buildcache.refresh(build, root)
    assert cache.exists(), "unchanged inputs must keep the cache"
    (root / "bib" / "papers.bib").write_text("% changed\n")
    buildcache.refresh(build, root)
    assert not cache.exists(), "changed inputs must clear the cache"


def test_fingerprint_ignores_bytecode(tmp_path):
    root = _project(tmp_path)
    before = buildcache.fingerprint(root)
    (root / "sftsurvey" / "__pycache__").mkdir()
    (root / "sftsurvey" / "__pycache__" / "a.pyc").write_bytes(b"\0")
    assert buildcache.fingerprint(root) == before


def test_only_the_package_tables_of_pyproject_count(tmp_path):
    root = _project(tmp_path)
    pyproject = root / "pyproject.toml"
    pyproject.write_text('[project]\nname = "x"\ndependencies = ["a"]\n')
    before = buildcache.fingerprint(root)
    pyproject.write_text(
        '[project]\nname = "x"\ndependencies = ["a"]\n\n[tool.pytest.ini_options]\nxfail_strict = true\n'
    )
    assert buildcache.fingerprint(root) == before, "a tool's settings must keep the cache"
    pyproject.write_text('[project]\nname = "x"\ndependencies = ["a", "b"]\n')
    assert buildcache.fingerprint(root) != before, "a new dependency must clear the cache"

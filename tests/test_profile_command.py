"""``python -m sftsurvey profile`` on the mirror's data in every format: profile.json, report.html."""

from __future__ import annotations

import hashlib
import json
import re

import pytest

from sftsurvey import __version__, corpora
from sftsurvey.__main__ import main
from sftsurvey.profile import measures

FORMATS = ("jsonl", "json", "csv", "parquet")


@pytest.fixture(scope="module")
def profiled(tmp_path_factory) -> dict:
    """A 60-record sample of the mirror's Dolly subset in each format, each profiled."""
    folder = tmp_path_factory.mktemp("profile")
    frame = corpora.load_set("dolly").sample(60, random_state=1)
    frame = frame[["instruction", "input", "output"]].reset_index(drop=True)
    records = frame.to_dict("records")
    paths = {fmt: folder / f"dolly.{fmt}" for fmt in FORMATS}
    paths["jsonl"].write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    paths["json"].write_text(json.dumps(records, indent=1), encoding="utf-8")
    frame.to_csv(paths["csv"], index=False)
    frame.to_parquet(paths["parquet"], index=False)
    before = {fmt: hashlib.sha256(p.read_bytes()).hexdigest() for fmt, p in paths.items()}
    out = {}
    for fmt, path in paths.items():
        target = folder / f"out-{fmt}"
        assert main(["profile", str(path), "--out", str(target)]) == 0
        out[fmt] = (json.loads((target / "profile.json").read_text()), target)
    after = {fmt: hashlib.sha256(p.read_bytes()).hexdigest() for fmt, p in paths.items()}
    return {"profiles": out, "before": before, "after": after, "frame": frame}


def test_every_format_gives_the_same_profile(profiled):
    values = {
        fmt: {k: v["value"] for k, v in p["measurements"].items()}
        for fmt, (p, _) in profiled["profiles"].items()
    }
    assert values["jsonl"]["records"] == 60
    assert set(values["jsonl"]) == set(measures.DEFINITIONS)
    for fmt in FORMATS[1:]:
        assert values[fmt] == values["jsonl"], fmt


def test_profile_json_says_what_was_measured_and_how(profiled):
    profile, _ = profiled["profiles"]["parquet"]
    assert profile["sftsurvey_version"] == __version__
    assert profile["skipped"] == {"count": 0, "records": []}
    assert profile["options"]["engine"] == "local"
    entry = profile["measurements"]["near-duplicate rate (prompt)"]
    assert "MinHash LSH" in entry["definition"] and "sketch" in entry["scope"]
    sketch = profile["sketches_and_samples"]["near duplicates"]
    assert sketch["seed"] == 1 and sketch["num_perm"] == 128
    assert (sketch["bands"], sketch["rows_per_band"]) == (9, 13)
    assert 0 < sketch["index_bytes"] <= 8 * 9 * profile["records"]  # the documented bound
    assert profile["inputs"][0]["sha256"] == profiled["before"]["parquet"]
    assert profile["measurements"]["instruction words (mean)"]["value"] == pytest.approx(
        profiled["frame"]["instruction"].str.count(r"\w+(?:['’-]\w+)*").mean()
    )


def test_the_inputs_are_never_modified(profiled):
    assert profiled["after"] == profiled["before"]


def test_the_report_is_one_self_contained_page_beside_the_surveyed_sets(profiled):
    _, target = profiled["profiles"]["jsonl"]
    page = (target / "report.html").read_text(encoding="utf-8")
    assert len(re.findall(r"<img alt='[^']+' src='data:image/svg\+xml;base64,", page)) >= 6
    assert not re.search(r"""(src|href)=["'](https?:)?//""", page)  # nothing loaded from a network
    assert "<script" not in page and "<link" not in page
    for set_id in corpora.labels():  # the compared sets, each under its short label
        assert corpora.label(set_id).split(" (")[0] in page
    assert "this dataset" in page and "Skipped records (0)" in page


def test_a_missing_file_and_bad_options_are_one_line(tmp_path, capsys):
    assert main(["profile", str(tmp_path / "none.jsonl"), "--out", str(tmp_path)]) == 1
    assert (
        capsys.readouterr().err.strip()
        == f"{tmp_path / 'none.jsonl'}: no such file — check the path"
    )
    path = tmp_path / "a.jsonl"
    path.write_text('{"instruction": "a", "output": "b"}\n')
    assert main(["profile", str(path), "--scheduler", "tcp://x:1", "--out", str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip() == "--scheduler needs --engine dask"


def test_the_dask_engine_from_the_command_line(profiled, tmp_path):
    source = profiled["profiles"]["jsonl"][0]["inputs"][0]["path"]
    runs = {}
    for engine in ("local", "dask"):
        out = tmp_path / engine
        args = ["profile", source, "--measures", "cheap", "--no-compare", "--engine", engine]
        assert main([*args, "--out", str(out)]) == 0
        runs[engine] = json.loads((out / "profile.json").read_text())
    assert runs["dask"]["engine"]["workers"] == 2
    values = {e: {k: v["value"] for k, v in p["measurements"].items()} for e, p in runs.items()}
    assert values["dask"] == values["local"]


def test_a_file_with_no_profilable_record_is_an_error(tmp_path, capsys):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    args = ["--measures", "cheap", "--no-compare", "--out", str(tmp_path / "out")]
    assert main(["profile", str(empty), *args]) == 1
    assert "no record could be profiled (0 skipped" in capsys.readouterr().err
    wrong = tmp_path / "wrong.jsonl"
    wrong.write_text('{"prompt": "a", "response": "b"}\n', encoding="utf-8")
    assert main(["profile", str(wrong), "--skip-bad", *args]) == 1  # every record skipped
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "(1 skipped, listed in" in err[0]

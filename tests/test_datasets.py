"""The dataset registry and loaders: checksums, one column set per kind, one-line errors.

Tests that read real data use the data mirror at ``<repo>/../shared/data`` and are skipped when
it is absent; no test touches the network (``pooch.retrieve`` is replaced).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from sftsurvey import datasets
from sftsurvey.datasets import (
    CACHE_ENV,
    KIND_COLUMNS,
    MIRROR_ENV,
    DatasetError,
    DatasetFile,
    fetch,
    rules,
)
from sftsurvey.datasets import entries as registry_module
from sftsurvey.paths import ROOT

MIRROR = ROOT.parent / "shared" / "data"
MANIFEST = MIRROR / "MANIFEST.json"
needs_mirror = pytest.mark.skipif(not MANIFEST.is_file(), reason=f"no data mirror at {MIRROR}")


@pytest.fixture(autouse=True)
def offline(monkeypatch, tmp_path):
    """No network, and a fresh cache for every test."""

    def no_network(url, **_):
        raise AssertionError(f"a test tried to download {url}")

    monkeypatch.setattr(fetch.pooch, "retrieve", no_network)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.delenv(MIRROR_ENV, raising=False)


@pytest.fixture
def mirror(monkeypatch) -> Path:
    monkeypatch.setenv(MIRROR_ENV, str(MIRROR))
    return MIRROR


@pytest.fixture
def own_mirror(monkeypatch, tmp_path) -> Path:
    """An empty mirror folder of the test's own, to copy (and damage) files into."""
    folder = tmp_path / "mirror"
    folder.mkdir()
    monkeypatch.setenv(MIRROR_ENV, str(folder))
    return folder


def copy_into(folder: Path, stored: str) -> Path:
    target = folder / stored
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(MIRROR / stored, target)
    return target


def one_line_error(call, *args) -> str:
    with pytest.raises(DatasetError) as caught:
        call(*args)
    message = str(caught.value)
    assert "\n" not in message and " — " in message, message
    return message


# --- the registry ----------------------------------------------------------------------------


def test_registry_entries_are_complete_and_consistent():
    entries = datasets.registry()
    assert list(entries) == sorted(entries)
    for name, entry in entries.items():
        assert entry.kind in KIND_COLUMNS and entry.format in datasets.FORMATS, name
        assert set(entry.fields) <= set(KIND_COLUMNS[entry.kind]), name
        assert entry.canonical_url and entry.commit in entry.canonical_url, name
        if entry.mirror:
            assert len(entry.sha256) == 64 and entry.size > 0 and entry.records > 0, name
        else:
            assert entry.sha256 is None and entry.records is None, name
    assert {"alpaca/alpaca_data", "code-alpaca/code_alpaca_20k"} <= set(entries) - set(
        datasets.available()
    )
    assert datasets.available("seed-tasks") == [
        "alpaca/seed_tasks",
        "belle-eval/zh_seed_tasks",
        "code-alpaca/seed_tasks",
        "self-instruct/seed_tasks",
    ]


@needs_mirror
def test_registry_matches_the_mirror_manifest():
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    entries = datasets.registry()
    registry_name = rules.registry_name
    assert len(datasets.available()) == manifest["file_count"] == len(manifest["files"])
    for item in manifest["files"]:
        entry = entries[registry_name(item["stored_file"])]
        assert (entry.sha256, entry.size, entry.records) == (
            item["sha256_original"],
            item["original_size_bytes"],
            item["record_count"],
        )
        assert (entry.canonical_url, entry.commit, entry.license, entry.file) == (
            item["canonical_url"],
            item["snapshot_commit"],
            item["license"],
            item["original_path"],
        )
        stored = MIRROR / item["stored_file"]
        assert stored.name in (entry.stored.rsplit("/")[-1], entry.stored.rsplit("/")[-1] + ".gz")
        assert datasets.file_sha256(stored) == entry.sha256, item["stored_file"]


@needs_mirror
def test_registry_regeneration_is_deterministic_and_committed():
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    text = rules.render(manifest)
    assert text == rules.render(json.loads(MANIFEST.read_text(encoding="utf-8")))
    assert text == datasets.REGISTRY_FILE.read_text(encoding="utf-8"), (
        "data/datasets.yaml is stale — run make registry"
    )


# --- loading: one column set per kind ------------------------------------------------------------


@needs_mirror
def test_every_mirrored_file_loads_with_its_kind_columns_and_record_count(mirror):
    for name in datasets.available():
        entry = datasets.get(name)
        frame = datasets.load(name)
        assert tuple(frame.columns[: len(entry.columns)]) == KIND_COLUMNS[entry.kind], name
        assert len(frame) == entry.rows, name
        assert frame.attrs["dataset"] == name and frame.attrs["url"] == entry.canonical_url


@needs_mirror
def test_instructions(mirror):
    train = datasets.load("gsm8k/train")
    assert len(train) == 7473 and (train["input"] == "").all()
    assert train["instruction"][0].startswith("Natalia sold clips to 48 of her friends")
    dolly = datasets.load("alpagasus/dolly_3k")
    assert list(dolly.columns) == ["instruction", "input", "output", "category"]
    domain = datasets.load("explore-instruct/demo_domain/paraphrase")
    assert len(domain) == 512 and set(domain["task_name"]) == {"paraphrase"}
    shared = datasets.load("tree-instruct/alpaca3k")  # ShareGPT items, human then gpt
    assert shared["instruction"][0] == shared["items"][0][0]["value"]
    assert shared["output"][0] == shared["items"][0][1]["value"]


@needs_mirror
def test_seed_tasks_take_the_first_instance(mirror):
    for name in ("alpaca/seed_tasks", "belle-eval/zh_seed_tasks"):  # the second is JSON Lines
        tasks = datasets.load(name)
        assert len(tasks) == 175 and tasks["is_classification"].dtype == bool
        first = tasks["instances"][1][0]
        assert (tasks["input"][1], tasks["output"][1]) == (first["input"], first["output"])
    assert (
        datasets.load("belle-eval/zh_seed_tasks")["instruction"][0] == "请以下面词语为主题写一首诗"
    )


@needs_mirror
def test_eval_prompts(mirror):
    mt_bench = datasets.load("mt-bench/question")
    assert len(mt_bench) == 80 and mt_bench["id"].tolist()[:2] == [81, 82]
    assert (mt_bench["instruction"] == mt_bench["turns"].str[0]).all()
    test = datasets.load("gsm8k/test")
    assert (
        len(test) == 1319 and test["reference"][0].endswith("#### 18") and test["id"].isna().all()
    )
    followbench = datasets.load("followbench/en/content_constraints")
    assert len(followbench) == 150 and {"source", "level"} <= set(followbench.columns)


@needs_mirror
def test_model_outputs_reference_answers_and_preferences(mirror):
    outputs = datasets.load("alpaca-eval/gpt4_model_outputs")
    assert len(outputs) == 805 and set(outputs["generator"]) == {"gpt4"}
    predictions = datasets.load("self-instruct/human_eval_predictions/davinci_predictions")
    assert set(predictions["generator"]) == {"davinci"}  # the file does not name its model
    solutions = datasets.load("gsm8k/example_model_solutions")  # unpivoted: 4 models per question
    assert len(solutions) == 4 * 1319 and solutions["generator"].value_counts().eq(1319).all()
    assert solutions["is_correct"].dtype == bool
    answers = datasets.load("mt-bench/reference_answer_gpt-4")
    assert len(answers) == 30 and set(answers["id"]) <= set(
        datasets.load("mt-bench/question")["id"]
    )
    assert (answers["output"] == answers["turns"].str[0]).all()
    preferences = datasets.load("alpaca-eval/alpaca-7b_alpaca_eval_gpt4_annotations")
    assert preferences["preference"].value_counts().to_dict() == {1: 584, 2: 205, 0: 16}


@needs_mirror
def test_scores_leaderboards_judge_prompts_and_task_tree(mirror):
    scores = datasets.load("alpaca-gpt4/cmp_data_scores")
    assert len(scores) == 154056
    assert set(scores["generator"]) == {"gpt4", "icm-1.3b", "text-davinci-003"}
    board = datasets.load("instruct-eval/problem_solving_leaderboard")
    assert len(board) == 62 and board["model"].isna().sum() == 1  # a separator row is kept
    gpt4 = board[board["model"] == "GPT-4"].iloc[0]
    assert gpt4["model_url"] == "https://openai.com/gpt-4" and gpt4["MMLU"] == 86.4
    cello = datasets.load("cello/scores/Eg_scores_by_constraints")  # a UTF-8 BOM in the header
    assert cello.columns[0] == "model" and pd.api.types.is_float_dtype(cello["Average"])
    assert len(datasets.load("mt-bench/judge_prompts")) == 8
    assert len(datasets.load("belle-eval/eval_prompt")) == 11
    tree = datasets.load("explore-instruct/demo_domain/tree_meta_info")
    assert len(tree) == 8 and set(tree["parent"]) == {"assistance_for_text_editting"}


# --- where the bytes come from -----------------------------------------------------------------


@needs_mirror
def test_gzipped_files_are_decompressed_into_the_cache_and_checks_remembered(mirror, monkeypatch):
    local = datasets.path("gsm8k/test")
    assert local.is_relative_to(datasets.cache_dir()) and local.name == "test.jsonl"
    assert hashlib.sha256(local.read_bytes()).hexdigest() == datasets.get("gsm8k/test").sha256
    plain = datasets.path("alpaca/seed_tasks")
    assert plain == MIRROR / "alpaca" / "seed_tasks.jsonl"  # read in place, never copied

    def fail(*_):
        raise AssertionError("checked again")

    monkeypatch.setattr(fetch, "file_sha256", fail)
    monkeypatch.setattr(fetch, "_gunzip", fail)
    assert datasets.path("gsm8k/test") == local and datasets.path("alpaca/seed_tasks") == plain


@needs_mirror
def test_a_corrupted_copy_is_a_checksum_error(own_mirror):
    copy = copy_into(own_mirror, "alpaca/seed_tasks.jsonl")
    datasets.load("alpaca/seed_tasks")  # intact: loads, and the check is remembered
    data = bytearray(copy.read_bytes())
    data[200] ^= 0x20  # flip one bit of a letter's case: still valid JSON, other bytes
    copy.write_bytes(bytes(data))
    os.utime(copy, ns=(1, 1))  # a new mtime, as any real change has
    message = one_line_error(datasets.load, "alpaca/seed_tasks")
    assert message.startswith("dataset 'alpaca/seed_tasks': ")
    assert "seed_tasks.jsonl has sha256 " in message and "expected 7779004fa198…" in message
    assert datasets.get("alpaca/seed_tasks").canonical_url in message


@needs_mirror
def test_a_corrupted_gzip_copy_is_an_error_and_leaves_nothing_in_the_cache(own_mirror):
    copy = copy_into(own_mirror, "gsm8k/test.jsonl.gz")
    with gzip.open(copy, "rb") as stream:
        text = stream.read().replace(b"Janet", b"Jenny", 1)
    copy.write_bytes(gzip.compress(text))
    message = one_line_error(datasets.path, "gsm8k/test")
    assert "dataset 'gsm8k/test': " in message and "test.jsonl.gz has sha256 " in message
    data = bytearray(copy.read_bytes())
    data[len(data) // 2] ^= 0xFF
    copy.write_bytes(bytes(data))
    message = one_line_error(datasets.path, "gsm8k/test")
    assert "dataset 'gsm8k/test': " in message and "test.jsonl.gz" in message
    assert not list((datasets.cache_dir() / "files").rglob("*.jsonl*"))


def test_a_missing_mirror_file_is_an_error(own_mirror):
    message = one_line_error(datasets.path, "gsm8k/train")
    assert message.startswith(
        "dataset 'gsm8k/train': gsm8k/train.jsonl(.gz) not found in the mirror "
    )
    assert str(own_mirror) in message or "mirror" in message


def test_a_mirror_that_is_not_a_folder_is_an_error(monkeypatch, tmp_path):
    monkeypatch.setenv(MIRROR_ENV, str(tmp_path / "nowhere"))
    assert "is not a folder" in one_line_error(datasets.path, "gsm8k/train")


def test_an_unknown_name_suggests_close_ones():
    assert "did you mean 'gsm8k/train'" in one_line_error(datasets.load, "gsm8k/trian")
    assert "'gsm8k/train'" in one_line_error(datasets.get, "train")


def test_without_a_mirror_files_are_downloaded_with_their_hash(monkeypatch, capsys):
    calls = []

    def fake_retrieve(url, known_hash, fname, path, progressbar):
        calls.append((url, known_hash, fname, Path(path)))
        target = Path(path) / fname
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("[]", encoding="utf-8")
        return str(target)

    monkeypatch.setattr(fetch.pooch, "retrieve", fake_retrieve)
    entry = datasets.get("gsm8k/train")
    datasets.path("gsm8k/train")
    assert calls[-1][:3] == (entry.canonical_url, f"sha256:{entry.sha256}", "train.jsonl")
    assert calls[-1][3].is_relative_to(datasets.cache_dir())
    assert capsys.readouterr().err == ""
    frame = datasets.load("alpaca/alpaca_data")  # no checksum: the hash is printed, unverified
    assert calls[-1][1] is None and list(frame.columns) == ["instruction", "input", "output"]
    printed = capsys.readouterr().err
    assert "NOT VERIFIED" in printed and hashlib.sha256(b"[]").hexdigest() in printed


def test_a_download_with_another_hash_is_one_error(monkeypatch):
    def mismatch(url, known_hash, **_):  # pooch's message, as of pooch 1.9
        raise ValueError(
            f"SHA256 hash of downloaded file (train.jsonl) does not match the known hash: expected "
            f"{known_hash} but got {'ab' * 32}. Deleted download for safety.\nThe downloaded file…"
        )

    monkeypatch.setattr(fetch.pooch, "retrieve", mismatch)
    entry = datasets.get("gsm8k/train")
    message = one_line_error(datasets.path, "gsm8k/train")
    assert f"the download from {entry.canonical_url} has sha256 abababababab…, expected " in message
    assert f"expected {entry.sha256[:12]}…" in message


# --- malformed content -------------------------------------------------------------------------


def fake_entry(monkeypatch, folder: Path, stored: str, content: str, **changes) -> DatasetFile:
    """Register ``test/<stem>`` for a file written into ``folder``, with its real checksum."""
    file = folder / stored
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(content, encoding="utf-8")
    entry = DatasetFile(
        name=stored.rsplit(".", 1)[0],
        dataset="test",
        file=Path(stored).name,
        kind="instructions",
        format="jsonl",
        records=None,
        size=file.stat().st_size,
        sha256=hashlib.sha256(file.read_bytes()).hexdigest(),
        mirror=True,
        canonical_url="https://example.org/test",
        source_repo="example/test",
        commit="0" * 40,
        license="none",
        fields={"instruction": "instruction", "output": "output"},
    )
    entry = replace(entry, **changes)
    monkeypatch.setattr(registry_module, "registry", lambda: {entry.name: entry})
    return entry


def test_a_malformed_jsonl_line_is_located(monkeypatch, own_mirror):
    lines = '{"instruction": "a", "output": "b"}\n{"instruction": "c", "output": }\n'
    fake_entry(monkeypatch, own_mirror, "test/broken.jsonl", lines)
    message = one_line_error(datasets.load, "test/broken")
    assert message.startswith("dataset 'test/broken': ")
    assert "broken.jsonl:2: not valid JSON (Expecting value at column 32)" in message


def test_a_record_without_a_required_field_is_located(monkeypatch, own_mirror):
    lines = '{"instruction": "a", "output": "b"}\n\n{"instruction": "c"}\n'
    fake_entry(monkeypatch, own_mirror, "test/short.jsonl", lines)
    message = one_line_error(datasets.load, "test/short")
    assert "short.jsonl:3: record has no 'output', needed for column 'output'" in message


def test_malformed_json_and_csv_are_located(monkeypatch, own_mirror):
    fake_entry(
        monkeypatch, own_mirror, "test/array.json", '[\n{"instruction": 1,}\n]', format="json"
    )
    assert "array.json:2: not valid JSON" in one_line_error(datasets.load, "test/array")
    fake_entry(
        monkeypatch,
        own_mirror,
        "test/board.csv",
        "Model,Score\nA,1\nB,2,3\n",
        format="csv",
        kind="leaderboard",
        fields={"model": "Model"},
    )
    assert "board.csv:3: row has 3 fields, the header has 2" in one_line_error(
        datasets.load, "test/board"
    )

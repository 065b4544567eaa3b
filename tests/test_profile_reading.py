"""Reading records for the profiler: every format, chats, located errors, --skip-bad, no writes."""

from __future__ import annotations

import gzip
import hashlib
import json

import pandas as pd
import pytest

from sftsurvey import datasets
from sftsurvey.__main__ import main
from sftsurvey.profile.errors import ProfileError
from sftsurvey.profile.reading import raw_records
from sftsurvey.profile.records import Fields, Reservoir, Tally, normalise, read_chunks


@pytest.fixture(scope="module")
def alpaca() -> pd.DataFrame:
    """40 records of the mirror's Alpaca sample, as instruction/input/output."""
    frame = datasets.load("alpagasus/random_9k").head(40)
    return frame[["instruction", "input", "output"]].fillna("")


def write_formats(frame: pd.DataFrame, folder) -> dict:
    records = frame.to_dict("records")
    paths = {
        "jsonl": folder / "data.jsonl",
        "json": folder / "data.json",
        "csv": folder / "data.csv",
        "parquet": folder / "data.parquet",
    }
    paths["jsonl"].write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    paths["json"].write_text(json.dumps(records, indent=2), encoding="utf-8")
    frame.to_csv(paths["csv"], index=False)
    frame.to_parquet(paths["parquet"], index=False)
    return paths


def texts(paths, **kwargs) -> pd.DataFrame:
    return pd.concat(list(read_chunks(paths, **kwargs)), ignore_index=True)


def test_every_format_reads_the_same_records(alpaca, tmp_path):
    paths = write_formats(alpaca, tmp_path)
    frames = {fmt: texts([path]) for fmt, path in paths.items()}
    for fmt, frame in frames.items():
        assert len(frame) == len(alpaca), fmt
        assert frame["instruction"].tolist() == alpaca["instruction"].tolist(), fmt
        assert frame["output"].tolist() == alpaca["output"].tolist(), fmt
        assert (frame["turns"] == 2).all()


def test_json_lines_named_json_and_gzip_are_detected(alpaca, tmp_path):
    path = tmp_path / "lines.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for record in alpaca.to_dict("records"):
            out.write(json.dumps(record) + "\n")
    assert texts([path])["instruction"].tolist() == alpaca["instruction"].tolist()


def test_chat_conventions(tmp_path):
    path = tmp_path / "chat.jsonl"
    rows = [
        {
            "messages": [
                {"role": "system", "content": "Be brief."},
                {"role": "user", "content": "Name a colour."},
                {"role": "assistant", "content": "Red."},
                {"role": "user", "content": "Another?"},
                {"role": "assistant", "content": "Blue."},
            ]
        },
        {"conversations": [{"from": "human", "value": "Say hi."}, {"from": "gpt", "value": "Hi."}]},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    frame = texts([path])
    assert frame["instruction"].tolist() == ["Name a colour.", "Say hi."]
    assert frame["output"].tolist() == ["Red.", "Hi."]
    assert frame["turns"].tolist() == [4, 2]  # the system message is not a turn
    assert frame["input"].tolist() == ["", ""]


def test_the_mirrors_sharegpt_items_are_chats():
    path = datasets.path("tree-instruct/alpaca4k")
    frame = texts([path], sample=20)
    reference = datasets.load("tree-instruct/alpaca4k")
    assert len(frame) == 20
    # a profiled chat's instruction is its whole first user turn; the registry splits this file's
    # quoted input back off (joined_input: quoted), so join it again to compare
    joined = [
        f'{i}"{x}"' if x else i
        for i, x in zip(reference["instruction"], reference["input"].fillna(""), strict=True)
    ]
    assert set(frame["instruction"]) <= set(joined)


def test_a_chat_without_an_assistant_turn_is_located(tmp_path):
    path = tmp_path / "chat.jsonl"
    path.write_text(json.dumps({"messages": [{"role": "user", "content": "Hi"}]}) + "\n")
    with pytest.raises(
        ProfileError, match=r"chat.jsonl:1: the chat in 'messages' has no assistant"
    ):
        texts([path])


def test_a_missing_field_names_the_fields_found():
    with pytest.raises(ProfileError) as error:
        normalise("f.jsonl:3", {"prompt": "a", "response": "b"}, Fields())
    assert str(error.value) == (
        "f.jsonl:3: no field 'instruction' (the record's fields: 'prompt', 'response') — name the "
        "right one with --instruction-field or --messages-field for chats"
    )
    row = normalise("f", {"prompt": "a", "response": "b"}, Fields("prompt", output="response"))
    assert row == ("a", "", "b", 2)


def hashes(folder) -> dict:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_a_malformed_line_is_one_located_line_and_exit_1(alpaca, tmp_path, capsys):
    data = tmp_path / "in"
    data.mkdir()
    path = data / "bad.jsonl"
    lines = [json.dumps(r) for r in alpaca.head(5).to_dict("records")]
    lines[2] = lines[2][:-5]  # cut off: not valid JSON
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = hashes(data)
    code = main(
        [
            "profile",
            str(path),
            "--measures",
            "cheap",
            "--no-compare",
            "--out",
            str(tmp_path / "out"),
        ]
    )
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert len(err) == 1
    assert err[0].startswith(f"{path}:3: not valid JSON (")
    assert " — fix the line (one JSON object per line), or pass --skip-bad" in err[0]
    assert not (tmp_path / "out" / "profile.json").exists()
    assert hashes(data) == before  # the input is never modified


def test_skip_bad_counts_and_lists_every_skipped_record(alpaca, tmp_path, capsys):
    data = tmp_path / "in"
    data.mkdir()
    path = data / "bad.jsonl"
    lines = [json.dumps(r) for r in alpaca.head(6).to_dict("records")]
    lines[1] = "{not json"
    lines[4] = json.dumps({"question": "q"})
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = hashes(data)
    out = tmp_path / "out"
    code = main(
        [
            "profile",
            str(path),
            "--skip-bad",
            "--measures",
            "cheap",
            "--no-compare",
            "--out",
            str(out),
        ]
    )
    assert code == 0, capsys.readouterr().err
    profile = json.loads((out / "profile.json").read_text())
    assert profile["records"] == 4
    assert profile["skipped"]["count"] == 2
    assert [s["where"] for s in profile["skipped"]["records"]] == [f"{path}:2", f"{path}:5"]
    assert (
        "no field 'instruction' (the record's fields: 'question')"
        in (profile["skipped"]["records"][1]["what"])
    )
    page = (out / "report.html").read_text()
    assert "Skipped records (2)" in page and f"{path}:5" in page
    assert hashes(data) == before


def test_json_array_elements_carry_their_line(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(
        '[\n  {"instruction": "a", "output": "b"},\n\n  {"instruction": 3, "output": "c"}\n]'
    )
    found = list(raw_records(path))
    assert [where for where, _ in found] == [f"{path}:2", f"{path}:4"]
    with pytest.raises(ProfileError, match=rf"{path}:4: field 'instruction' is a int, not text"):
        texts([path])


def test_a_broken_json_array_is_located(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(
        '[\n{"instruction": "a", "output": "b"},\n{"instruction": "a" "output": "b"}\n]'
    )
    with pytest.raises(ProfileError, match=rf"{path}:3: not valid JSON \(Expecting ','"):
        texts([path], skip_bad=True)


def test_csv_and_parquet_rows_are_located(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text('instruction,input,output\n"a\nb",,c\nx,y\n')
    tally = Tally()
    frame = texts([path], skip_bad=True, tally=tally)
    assert frame["instruction"].tolist() == ["a\nb"]
    assert tally.skipped[0]["where"] == f"{path}:4"
    assert "row has 2 fields, the header has 3" in tally.skipped[0]["what"]
    parquet = tmp_path / "a.parquet"
    pd.DataFrame({"instruction": ["a", None], "output": ["b", "c"]}).to_parquet(parquet)
    with pytest.raises(ProfileError, match=rf"{parquet}:row 2: field 'instruction' is null"):
        texts([parquet])


def test_reservoir_sample_is_seeded_uniform_and_in_order():
    first = Reservoir(10)
    second = Reservoir(10)
    for i in range(1000):
        first.add(i)
        second.add(i)
    assert first.items() == second.items() == sorted(first.items())
    small = Reservoir(10)
    for i in range(5):
        small.add(i)
    assert small.items() == [0, 1, 2, 3, 4]
    hits = [0] * 10
    for seed in range(300):  # each item is kept with probability k/n = 1/2
        sample = Reservoir(5, seed)
        for i in range(10):
            sample.add(i)
        for i in sample.items():
            hits[i] += 1
    assert all(110 < h < 190 for h in hits)


def test_json_arrays_stream_across_read_boundaries(alpaca, tmp_path, monkeypatch):
    from sftsurvey.profile import reading

    monkeypatch.setattr(reading, "_READ", 7)  # every element spans many reads
    path = write_formats(alpaca, tmp_path)["json"]
    found = list(raw_records(path))
    assert [r["instruction"] for _, r in found] == alpaca["instruction"].tolist()
    lines = path.read_text().splitlines()
    for where, record in found:
        number = int(where.rsplit(":", 1)[1])
        assert lines[number - 1].strip() == "{", where  # the line the element starts on
        assert json.dumps(record["instruction"])[:20] in lines[number]


def test_a_line_that_is_not_utf8_is_located_and_skippable(tmp_path):
    path = tmp_path / "bad.jsonl"
    good = json.dumps({"instruction": "a", "output": "b"}).encode()
    path.write_bytes(good + b"\n" + good + b"\n" + b'{"instruction": "\xff", "output": "c"}\n')
    with pytest.raises(ProfileError, match=r"bad.jsonl:3: not UTF-8 text \(.*pass --skip-bad"):
        texts([path])
    tally = Tally()
    rows = list(read_chunks([path], Fields(), skip_bad=True, tally=tally))
    assert sum(len(chunk) for chunk in rows) == 2 and len(tally.skipped) == 1


def test_a_csv_header_with_a_repeated_column_is_an_error(tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text("instruction,output,output\na,b,c\n", encoding="utf-8")
    with pytest.raises(ProfileError, match=r"dup.csv:1: column 'output' appears more than once"):
        texts([path])


def test_a_corrupt_parquet_body_is_one_located_line(alpaca, tmp_path):
    path = tmp_path / "data.parquet"
    pd.concat([alpaca] * 50, ignore_index=True).to_parquet(path, row_group_size=500)
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 2000] = b"\0" * 2000  # the footer is intact, a row group is not
    path.write_bytes(bytes(data))
    with pytest.raises(ProfileError, match=r"data.parquet:row \d+: cannot read the Parquet data"):
        texts([path])


def test_a_chats_output_is_the_first_assistant_turn_after_the_instruction():
    chat = {
        "messages": [
            {"role": "assistant", "content": "Hello! How can I help?"},
            {"role": "user", "content": "Add 2 and 2."},
            {"role": "assistant", "content": "4"},
        ]
    }
    assert normalise("c.jsonl:1", chat, Fields()) == ("Add 2 and 2.", "", "4", 3)

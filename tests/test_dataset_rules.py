"""The hand-edited dataset files: reading rules (data/dataset-rules.yaml) and instruction sets
(data/instruction-sets.yaml). Each malformed entry is one line naming file, line, entry and fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from sftsurvey import corpora, datasets
from sftsurvey.__main__ import main
from sftsurvey.datasets import DatasetError, rules, sets

GOOD_RULE = """\
rules:
  - match: [gsm8k/train]
    kind: instructions
    fields: {instruction: question, output: answer}
"""


def write(tmp_path: Path, text: str, name: str = "rules.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def one_problem(found: list[str], path: Path) -> str:
    assert len(found) == 1, found
    line = found[0]
    assert "\n" not in line and " — " in line and line.startswith(str(path)), line
    return line


# --- the project's own files -------------------------------------------------------------------


def test_the_project_files_have_no_problems():
    assert rules.problems() == []
    assert sets.problems() == []


def test_the_first_matching_rule_decides_and_derived_generators_are_filled_in():
    loaded = rules.load()
    # a narrower rule before a wider one: the separator row of this leaderboard has no model
    assert loaded.rule_for("instruct-eval/problem_solving_leaderboard")["fields"] == {
        "model": "Model?"
    }
    assert loaded.rule_for("instruct-eval/other")["fields"] == {"model": "Model"}
    spec = loaded.rule_for("self-instruct/human_eval_predictions/davinci_predictions")
    assert spec["generator"] == "davinci" and spec["kind"] == "model-outputs"
    with pytest.raises(rules.RulesError, match="no rule says how to read it"):
        loaded.rule_for("nowhere/file")


def test_every_registry_entry_reads_as_its_rule_says():
    loaded = rules.load()
    for name, entry in datasets.registry().items():
        spec = loaded.rule_for(name)
        assert (entry.kind, entry.fields, entry.layout) == (
            spec["kind"],
            spec["fields"],
            spec.get("layout", "records"),
        ), name


# --- malformed rules ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            GOOD_RULE.replace("kind: instructions", "kind: instruction"),
            ":3: rule 1 ('gsm8k/train'): unknown kind 'instruction' — did you mean 'instructions'?",
        ),
        (
            GOOD_RULE.replace("output: answer", "answer: answer"),
            ":4: rule 1 ('gsm8k/train'): 'answer' not a column of kind 'instructions' — use its "
            "columns: instruction, input, output",
        ),
        (
            GOOD_RULE.replace("    fields:", "    feilds:"),
            ":4: rule 1 ('gsm8k/train'): unknown key 'feilds' — did you mean 'fields'?",
        ),
        (
            GOOD_RULE.replace("  - match: [gsm8k/train]\n    kind", "  - kind"),
            ":2: rule 1: no name pattern — give `match: [PATTERN, ...]`",
        ),
        (
            GOOD_RULE + "    layout: solutions-by-model\n",
            ":5: rule 1 ('gsm8k/train'): solutions-by-model needs generators — add `generators:",
        ),
        (
            GOOD_RULE.replace("{instruction: question,", "{instruction: question?,"),
            ":4: ",  # a '?' inside a flow mapping is not valid YAML
        ),
        (
            GOOD_RULE + "not_in_mirror:\n  owner/repo: {dataset: x}\n",
            ":6: not_in_mirror 'owner/repo': needs exactly dataset and name",
        ),
        (GOOD_RULE + "extra: 1\n", ":5: unknown section 'extra'"),
    ],
)
def test_a_malformed_rule_is_one_located_line(tmp_path, text, expected):
    path = write(tmp_path, text)
    assert expected in one_problem(rules.problems(path), path)


def test_every_problem_of_the_file_is_reported(tmp_path):
    text = GOOD_RULE.replace("kind: instructions", "kind: nope") + GOOD_RULE.split("\n", 1)[1]
    path = write(tmp_path, text.replace("gsm8k/train]\n    kind: instructions", "x]\n    kind: 3"))
    found = rules.problems(path)
    assert [line.split(": ", 2)[1] for line in found] == ["rule 1 ('gsm8k/train')", "rule 2 ('x')"]
    with pytest.raises(rules.RulesError, match="rule 1"):
        rules.load(path)


# --- instruction sets --------------------------------------------------------------------------


def test_the_declared_sets_are_found_by_id_and_labels_are_for_display():
    declared = datasets.instruction_sets()
    assert datasets.compared_sets() == [
        "self-instruct-seeds",
        "alpaca",
        "alpaca-gpt4",
        "code-alpaca",
        "dolly",
        "explore-instruct",
    ]
    assert list(corpora.load_all()) == datasets.compared_sets()
    assert corpora.label("dolly") == "Dolly (AlpaGasus 3K subset)"
    # patterns expand in the registry's order
    follow = [n for n in datasets.registry() if n.startswith("followbench/en/")]
    assert declared["followbench-en"].files == tuple(follow) and len(follow) == 6
    assert declared["wizardlm-test"].file == "wizardlm/WizardLM_testset"
    with pytest.raises(DatasetError, match="has 6 files, not one"):
        _ = declared["followbench-en"].file


def test_a_label_or_a_typo_is_not_an_id():
    with pytest.raises(DatasetError, match="did you mean 'alpaca'"):
        datasets.instruction_set("Alpaca (random 9K sample)")
    with pytest.raises(DatasetError, match="did you mean 'code-alpaca'"):
        datasets.instruction_set("code_alpaca")


GOOD_SETS = """\
sets:
  alpaca:
    label: Alpaca
    files: [alpagasus/random_9k]
    compared: true
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            GOOD_SETS.replace("random_9k", "random9k"),
            ":4: set 'alpaca': 'alpagasus/random9k' is no file of the registry — did you mean "
            "'alpagasus/random_9k'?",
        ),
        (GOOD_SETS.replace("  alpaca:", "  Alpaca_9K:"), ":2: set 'Alpaca_9K': not a valid ID"),
        (GOOD_SETS.replace("compared: true", "compared: yes please"), ":5: set 'alpaca': not true"),
        (GOOD_SETS.replace("    label", "    lable"), ":3: set 'alpaca': unknown key 'lable'"),
        (
            GOOD_SETS + "  dolly:\n    label: Alpaca\n    files: [alpagasus/dolly_3k]\n",
            ":7: set 'dolly': label also used by 'alpaca' — give it its own",
        ),
        (GOOD_SETS.replace("sets:", "set:"), ":1: expected one mapping `sets:`"),
    ],
)
def test_a_malformed_set_is_one_located_line(tmp_path, text, expected):
    path = write(tmp_path, text, "sets.yaml")
    assert expected in one_problem(sets.problems(path), path)


# --- make check ----------------------------------------------------------------------------------


def test_make_check_reports_the_dataset_files(monkeypatch, tmp_path, capsys):
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "data/dataset-rules.yaml: " in out and "data/instruction-sets.yaml: 10 sets" in out
    bad = write(tmp_path, GOOD_RULE.replace("kind: instructions", "kind: instruction"))
    monkeypatch.setattr(rules, "RULES_FILE", bad)
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:3: rule 1 ('gsm8k/train'): unknown kind 'instruction'" in err


def test_precompute_reports_a_dataset_problem_in_one_line(monkeypatch, capsys):
    def missing(progress):
        raise DatasetError("gsm8k/train", "not found in the mirror", "point it at a full copy")

    monkeypatch.setattr(corpora, "precompute", missing)
    assert main(["precompute"]) == 1
    assert capsys.readouterr().err.strip() == (
        "dataset 'gsm8k/train': not found in the mirror — point it at a full copy"
    )

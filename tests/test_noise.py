"""The tolerance module: granularity defaults, comparisons, tallies and the benchmarks file."""

from __future__ import annotations

import math

import pytest

from sftsurvey.findings import noise


def test_one_problem_of_humaneval():
    tol = noise.granularity("HumanEval")
    assert tol.points == pytest.approx(100 / 164)
    assert "164" in tol.basis
    assert noise.granularity("Humaneval") == tol  # the alias AlpaGasus prints


def test_binomial_standard_error_depends_on_the_score():
    at_half = noise.granularity("GSM8K", 50).points
    assert at_half == pytest.approx(100 * math.sqrt(0.25 / 1319))
    assert noise.granularity("GSM8K", 10).points < at_half
    with pytest.raises(ValueError, match="needs a score"):
        noise.granularity("GSM8K")


def test_judge_score_and_judge_set():
    assert noise.granularity("MT-Bench").points == pytest.approx(1 / 160)
    assert noise.granularity("AlpacaEval").points == pytest.approx(100 / 805)


def test_unknown_benchmark_is_a_clear_error():
    with pytest.raises(KeyError, match="no item count registered for benchmark 'Nope'"):
        noise.granularity("Nope")


def test_printed_precision_and_scaling():
    assert noise.printed_precision("6.95").points == pytest.approx(0.005)
    assert noise.printed_precision("43").points == pytest.approx(0.5)
    doubled = noise.granularity("HumanEval").scaled(2)
    assert doubled.points == pytest.approx(200 / 164) and "× 2" in doubled.basis


def test_a_difference_within_tolerance_is_indistinguishable():
    assert noise.compare(12.2, 11.69, 100 / 164) == 0  # half a HumanEval problem
    assert noise.compare(12.9, 11.69, 100 / 164) == 1
    assert noise.compare(11.0, 11.69, 0.5) == -1


def test_tally_text_and_sign_test():
    counts = noise.tally([3, 2, 0.1, -4, 5, 6], [0.5] * 6)
    assert (counts.better, counts.same, counts.worse) == (4, 1, 1)
    assert counts.sign_test_p == pytest.approx(0.375)
    assert counts.text().startswith("4 better, 1 indistinguishable, 1 worse (sign test p = 0.38)")
    assert math.isnan(noise.tally([0.1], [1]).sign_test_p)
    assert "sign test" not in noise.tally([0.1], [1]).text()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- name: X\n  items: 3\n  kind: problems\n", "entry 1 (X): add source"),
        ("- name: X\n  items: 3\n  kind: odd\n  source: s\n", "kind must be one of"),
        ("- name: X\n  items: -1\n  kind: problems\n  source: s\n", "items must be a positive"),
        ("- name: X\n  items: [\n", "line 3: not valid YAML"),
        ("name: X\n", "expected a list"),
        (
            "- {name: X, items: 1, kind: problems, source: s}\n"
            "- {name: Y, aliases: [x], items: 1, kind: problems, source: s}\n",
            "entry 2: the name 'x' is used twice",
        ),
    ],
)
def test_malformed_benchmarks_file_gives_one_located_line(tmp_path, text, message):
    path = tmp_path / "benchmarks.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(noise.BenchmarksError) as err:
        noise.load_benchmarks(path)
    assert message in str(err.value) and "benchmarks.yaml" in str(err.value)
    assert "\n" not in str(err.value)


def test_every_registered_benchmark_names_its_source():
    for bench in noise.registered().values():
        assert bench.items > 0 and len(bench.source) > 20


def test_check_reports_a_malformed_benchmarks_file_in_one_line(tmp_path, monkeypatch, capsys):
    from sftsurvey import __main__ as cli
    from sftsurvey.paths import BIB_FILE, RESULTS_DIR

    bad = tmp_path / "benchmarks.yaml"
    bad.write_text("- name: X\n  items: 3\n  kind: odd\n  source: s\n", encoding="utf-8")
    monkeypatch.setattr(noise, "BENCHMARKS_FILE", bad)
    monkeypatch.setattr(noise.load_benchmarks, "__defaults__", (bad,))
    assert cli.check(BIB_FILE, RESULTS_DIR) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert any("benchmarks.yaml entry 1 (X): kind must be one of" in line for line in err)
    assert "Traceback" not in "\n".join(err)


def test_half_last_digit():
    from sftsurvey.findings.noise import half_last_digit

    assert half_last_digit(15.9) == pytest.approx(0.05)
    assert half_last_digit(14) == pytest.approx(0.5)
    assert half_last_digit(0.125) == pytest.approx(0.0005)

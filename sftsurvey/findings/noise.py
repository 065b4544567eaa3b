"""Noise: the tolerance below which two reported scores are indistinguishable.

A paper's own variance is used where it reports one (seeds, intervals). Otherwise the default comes
from the benchmark's granularity, one rule per kind of benchmark:

- ``problems``: a benchmark of few scored problems (HumanEval): one problem, ``100 / n`` points;
- ``judge-set``: a judged set of ``n`` prompts: one prompt, ``100 / n`` points of a win rate or share;
- ``judge-score``: a mean of ``n`` judged scores: one scale step on one of them, ``step / n``;
- ``accuracy``: an accuracy on ``n`` items: its binomial standard error ``100 √(p(1 − p) / n)``
  at the reported score ``p``.

A statistic printed with no stated noise gets half a unit of its last printed digit
(:func:`printed_precision`), a floor rather than a measured noise; the findings derive other
tolerances (a fitted slope's standard error, a figure reading's uncertainty) where they need them.

Comparisons then read "x better, y indistinguishable, z worse", with a two-sided sign test on the
decided pairs where there are any.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml
from scipy.stats import binomtest

from sftsurvey.paths import ROOT, display_path

BENCHMARKS_FILE = ROOT / "data" / "benchmarks.yaml"
KINDS = ("problems", "judge-set", "judge-score", "accuracy")


@dataclass(frozen=True)
class Benchmark:
    """What a benchmark's score counts: ``items`` scored units of one ``kind``, and the source."""

    name: str
    items: int
    kind: str
    source: str
    step: float = 1.0
    """One scale step of a mean score (judge-score kind), in the score's own unit."""


class BenchmarksError(ValueError):
    """A malformed entry of the benchmarks file (one line: file, entry, the fix)."""


def load_benchmarks(path: Path = BENCHMARKS_FILE) -> dict[str, Benchmark]:
    """Every benchmark of ``path`` by lower-case name and alias, validated."""
    where = display_path(path)
    try:
        entries = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark else ""
        raise BenchmarksError(
            f"{where}{line}: not valid YAML; fix the indentation or quoting"
        ) from None
    if not isinstance(entries, list):
        raise BenchmarksError(f"{where}: expected a list of benchmarks (- name: ...)")
    found: dict[str, Benchmark] = {}
    for number, entry in enumerate(entries, start=1):
        label = f"{where} entry {number}"
        if not isinstance(entry, dict):
            raise BenchmarksError(f"{label}: expected a mapping with name, items, kind and source")
        missing = [k for k in ("name", "items", "kind", "source") if not entry.get(k)]
        if missing:
            raise BenchmarksError(f"{label} ({entry.get('name', '?')}): add {', '.join(missing)}")
        if entry["kind"] not in KINDS:
            raise BenchmarksError(
                f"{label} ({entry['name']}): kind must be one of {', '.join(KINDS)}"
            )
        if not isinstance(entry["items"], int) or entry["items"] < 1:
            raise BenchmarksError(
                f"{label} ({entry['name']}): items must be a positive whole number"
            )
        bench = Benchmark(
            entry["name"],
            entry["items"],
            entry["kind"],
            entry["source"],
            float(entry.get("step", 1)),
        )
        for name in dict.fromkeys(n.lower() for n in (bench.name, *entry.get("aliases", []))):
            if name in found:
                raise BenchmarksError(f"{label}: the name {name!r} is used twice")
            found[name] = bench
    return found


@functools.cache
def registered() -> dict[str, Benchmark]:
    """The project's benchmarks (``data/benchmarks.yaml``), read once; ``make check`` reports a
    malformed file in one line before any notebook needs it."""
    return load_benchmarks()


@dataclass(frozen=True)
class Tolerance:
    """Two scores closer than ``points`` (in the score's unit) are indistinguishable."""

    points: float
    basis: str

    def scaled(self, factor: float) -> Tolerance:
        if factor == 1:
            return self
        return Tolerance(self.points * factor, f"{self.basis}, × {factor:g}")


def benchmark(name: str) -> Benchmark:
    """The registered benchmark called ``name`` (case-insensitive), or a clear error."""
    found = registered().get(name.strip().lower())
    if found is None:
        known = ", ".join(sorted({b.name for b in registered().values()}))
        raise KeyError(f"no item count registered for benchmark {name!r} (known: {known})")
    return found


def granularity(name: str, score: float | None = None, scale: float = 100.0) -> Tolerance:
    """The default tolerance of a score on benchmark ``name`` from its granularity.

    ``score`` is needed for the binomial standard error of an accuracy (in the unit of ``scale``:
    100 for percent, 1 for a proportion); problems and judge sets do not depend on it.
    """
    bench = benchmark(name)
    if bench.kind == "problems":
        return Tolerance(scale / bench.items, f"one problem of {bench.name}'s {bench.items:,}")
    if bench.kind == "judge-set":
        return Tolerance(
            scale / bench.items, f"one prompt of {bench.name}'s {bench.items:,} judged prompts"
        )
    if bench.kind == "judge-score":
        return Tolerance(
            bench.step / bench.items,
            f"one scale step on one of {bench.name}'s {bench.items:,} judged scores",
        )
    if bench.kind == "accuracy":
        if score is None or not 0 <= score <= scale:
            raise ValueError(
                f"the binomial standard error of {bench.name} needs a score in 0–{scale:g}"
            )
        p = score / scale
        se = scale * math.sqrt(max(p * (1 - p), 1 / bench.items) / bench.items)
        return Tolerance(
            se, f"binomial standard error of an accuracy on {bench.items:,} items ({bench.name})"
        )
    raise ValueError(f"unknown benchmark kind {bench.kind!r} for {bench.name}")


def reported(points: float, what: str) -> Tolerance:
    """A tolerance the paper itself reports (a standard deviation over seeds, an interval)."""
    return Tolerance(points, f"the paper's own {what}")


def printed_precision(value_text: str) -> Tolerance:
    """Half a unit of the last printed digit of ``value_text`` (``'0.52'`` → 0.005)."""
    decimals = len(value_text.split(".")[1]) if "." in value_text else 0
    return Tolerance(0.5 * 10**-decimals, f"half a unit of the last printed digit ({value_text})")


def win_loss_margin(wins: float, losses: float, n: float) -> tuple[float, float]:
    """A pairwise comparison's win-minus-loss share (points) and its binomial standard error.

    With shares w = wins / n and l = losses / n of n judged prompts, the margin is 100 (w − l) and
    its standard error 100 √((w + l − (w − l)²) / n) (a trinomial: win, lose, tie).
    """
    w, lose = wins / n, losses / n
    return 100 * (w - lose), 100 * math.sqrt(max(w + lose - (w - lose) ** 2, 0.0) / n)


def compare(a: float, b: float, tolerance: float) -> int:
    """+1 if ``a`` is better than ``b`` by more than ``tolerance``, −1 if worse, 0 if not distinct."""
    if a - b > tolerance:
        return 1
    if b - a > tolerance:
        return -1
    return 0


@dataclass(frozen=True)
class Tally:
    """Counts of comparisons: better, indistinguishable, worse, and a sign test on the decided."""

    better: int
    same: int
    worse: int

    @property
    def total(self) -> int:
        return self.better + self.same + self.worse

    @property
    def sign_test_p(self) -> float:
        """Two-sided sign test of better against worse (ties dropped); NaN when none is decided."""
        decided = self.better + self.worse
        return float(binomtest(self.better, decided).pvalue) if decided else math.nan

    def text(self, better: str = "better", worse: str = "worse", sign_test: bool = True) -> str:
        """The counts in words; ``sign_test=False`` leaves out the sign test (for comparisons
        that share models, which the test would wrongly count as independent)."""
        p = self.sign_test_p
        test = f" (sign test p = {p:.2g})" if sign_test and not math.isnan(p) else ""
        return f"{self.better} {better}, {self.same} indistinguishable, {self.worse} {worse}{test}"


def tally(differences: Iterable[float], tolerances: Iterable[float]) -> Tally:
    """Tally differences (a − b) against their tolerances."""
    signs = [compare(d, 0.0, t) for d, t in zip(differences, tolerances, strict=True)]
    return Tally(signs.count(1), signs.count(0), signs.count(-1))

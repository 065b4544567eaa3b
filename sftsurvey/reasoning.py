"""Distinct reasoning paths among sampled math solutions, the measure behind rejection sampling.

Rejection-sampling fine-tuning (``yuan2023scaling``) keeps sampled solutions that reach the right
answer and deduplicates them by their list of equations, so that only solutions with a different
calculation process count as new reasoning paths. GSM8K writes each calculation as
``<<expression=result>>``; a solution's path is the sequence of those expressions.
"""

from __future__ import annotations

import re

import pandas as pd

_CALC = re.compile(r"<<([^<>]*)>>")


def equation_list(solution: str) -> tuple[str, ...]:
    """The calculations of a solution, in order, with spaces removed (its reasoning path)."""
    return tuple(expr.replace(" ", "") for expr in _CALC.findall(solution or ""))


def paths_per_question(samples: pd.DataFrame) -> pd.DataFrame:
    """Per question: samples, correct samples, and distinct correct paths (new = not the reference's).

    ``samples`` has one row per sampled solution with ``instruction`` (the question), ``output``,
    ``reference`` (the ground-truth solution) and ``is_correct``.
    """
    rows = []
    for question, group in samples.groupby("instruction", sort=False):
        correct = group[group["is_correct"].astype(bool)]
        paths = {equation_list(s) for s in correct["output"]}
        paths.discard(())
        reference = equation_list(group["reference"].iloc[0])
        rows.append(
            {
                "question": question,
                "samples": len(group),
                "correct": len(correct),
                "distinct_correct_paths": len(paths),
                "new_paths": len(paths - {reference}),
            }
        )
    return pd.DataFrame(rows)


def repeated_paths(samples: pd.DataFrame) -> pd.DataFrame:
    """The questions with at least two correct solutions that show calculations: per question
    (index), how many such solutions (``size``) and how many distinct paths among them
    (``nunique``)."""
    correct = samples[samples["is_correct"].astype(bool)]
    paths = correct.assign(path=correct["output"].map(equation_list))
    paths = (
        paths[paths["path"].map(len) > 0].groupby("instruction")["path"].agg(["size", "nunique"])
    )
    return paths[paths["size"] >= 2]


def share_repeating(repeated: pd.DataFrame) -> float:
    """The share of the questions of :func:`repeated_paths` where two solutions share a path."""
    return float((repeated["nunique"] < repeated["size"]).mean())

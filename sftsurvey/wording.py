"""Words that state a direction, computed from the numbers they describe.

Prose never types "longer", "falls" or "more" beside a glued number: a notebook computes the word
with these helpers and glues it too, so the sentence follows the data when the data change.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


def by_sign(value: float, positive: str, negative: str, zero: str, tolerance: float = 0.0) -> str:
    """``positive`` if ``value`` > tolerance, ``negative`` if < −tolerance, else ``zero``."""
    if value > tolerance:
        return positive
    if value < -tolerance:
        return negative
    return zero


def compare(
    a: float, b: float, greater: str, smaller: str, equal: str, tolerance: float = 0.0
) -> str:
    """The word for how ``a`` stands against ``b`` (``equal`` when within ``tolerance``)."""
    return by_sign(a - b, greater, smaller, equal, tolerance)


def change(before: float, after: float, tolerance: float = 0.0) -> str:
    """'rises to', 'falls to' or 'stays at' for a value going from ``before`` to ``after``."""
    return compare(after, before, "rises to", "falls to", "stays at", tolerance)


def interval_side(
    low: float, high: float, value: float, above: str, below: str, across: str
) -> str:
    """``above`` if the whole interval ``[low, high]`` is above ``value``, ``below`` if below it,
    else ``across`` (the interval includes it)."""
    if low > value:
        return above
    if high < value:
        return below
    return across


def majority(share: float, most: str, few: str, half: str = "half") -> str:
    """``most`` above one half, ``few`` below it, ``half`` at exactly one half."""
    return by_sign(share - 0.5, most, few, half)


def count(n: int, singular: str, plural: str | None = None) -> str:
    """'1 finding', '3 findings'."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def and_list(items: Iterable[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def rank_among(values: pd.Series, label: str, noun: str = "share") -> str:
    """Where ``values[label]`` stands among ``values``: 'the lowest share', 'the third-lowest
    share', …, 'the highest share' (ties share the lower rank)."""
    position = int(values.rank(method="min")[label])
    if position == 1:
        return f"the lowest {noun}"
    if position == len(values):
        return f"the highest {noun}"
    low = {2: "second", 3: "third"}.get(position, f"{position}th")
    return f"the {low}-lowest {noun}"

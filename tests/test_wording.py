"""Direction words follow their numbers: change the inputs and the word changes."""

from __future__ import annotations

from sftsurvey import wording


def test_compare_flips_with_its_inputs():
    assert wording.compare(14, 34, "longer", "shorter", "as long") == "shorter"
    assert wording.compare(34, 14, "longer", "shorter", "as long") == "longer"
    assert wording.compare(14, 14.4, "longer", "shorter", "as long", tolerance=0.5) == "as long"


def test_change_and_sign():
    assert wording.change(0.73, 0.56) == "falls to"
    assert wording.change(0.56, 0.73) == "rises to"
    assert wording.change(0.5, 0.5) == "stays at"
    assert wording.by_sign(-0.009, "gains", "loses", "keeps") == "loses"
    assert wording.by_sign(0.009, "gains", "loses", "keeps", tolerance=0.01) == "keeps"


def test_majority_and_count():
    assert wording.majority(0.24, "mostly do", "mostly do not") == "mostly do not"
    assert wording.majority(0.78, "mostly do", "mostly do not") == "mostly do"
    assert (
        wording.count(1, "finding") == "1 finding" and wording.count(2, "finding") == "2 findings"
    )


def test_interval_side_names_the_side_only_when_the_whole_interval_is_there():
    from sftsurvey.wording import interval_side

    assert interval_side(0.55, 0.7, 0.5, "above", "below", "across") == "above"
    assert interval_side(0.3, 0.45, 0.5, "above", "below", "across") == "below"
    assert interval_side(0.45, 0.55, 0.5, "above", "below", "across") == "across"
    assert interval_side(0.5, 0.6, 0.5, "above", "below", "across") == "across"


def test_and_list():
    assert wording.and_list(["a"]) == "a"
    assert wording.and_list(iter(["a", "b"])) == "a and b"
    assert wording.and_list(["a", "b", "c"]) == "a, b and c"


def test_rank_among():
    import pandas as pd

    shares = pd.Series({"x": 0.1, "y": 0.5, "z": 0.3, "w": 0.4, "v": 0.2})
    assert wording.rank_among(shares, "x") == "the lowest share"
    assert wording.rank_among(shares, "y") == "the highest share"
    assert wording.rank_among(shares, "z") == "the third-lowest share"
    assert wording.rank_among(shares, "w", noun="score") == "the 4th-lowest score"

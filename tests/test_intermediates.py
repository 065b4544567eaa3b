"""The content-hash cache of heavy intermediates: reused, keyed on inputs and code, verified."""

from __future__ import annotations

import pandas as pd
import pytest

from sftsurvey import intermediates


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("SFTSURVEY_CACHE", str(tmp_path))
    return tmp_path


class Counting:
    """A computation that counts its calls: one row per text, its length."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, texts: list[str]) -> pd.DataFrame:
        self.calls += 1
        return pd.DataFrame({"length": [len(t) for t in texts]})


def test_the_key_depends_on_name_version_texts_and_their_order():
    key = intermediates.content_key("parse", "v1", ["a", "b"])
    assert key == intermediates.content_key("parse", "v1", ["a", "b"])
    others = [
        intermediates.content_key("embed", "v1", ["a", "b"]),
        intermediates.content_key("parse", "v2", ["a", "b"]),
        intermediates.content_key("parse", "v1", ["b", "a"]),
        intermediates.content_key("parse", "v1", ["ab"]),  # texts are separated, not joined
    ]
    assert len({key, *others}) == 5


def test_a_second_call_with_the_same_inputs_reads_the_cache(cache):
    compute = Counting()
    first = intermediates.cached("lengths", "v1", ["ab", "cde"], compute)
    again = intermediates.cached("lengths", "v1", ["ab", "cde"], compute)
    assert compute.calls == 1
    pd.testing.assert_frame_equal(first, again)
    assert again["length"].tolist() == [2, 3]
    assert len(list((cache / "intermediates").glob("lengths-*.pkl"))) == 1


def test_new_texts_or_a_new_version_compute_again():
    compute = Counting()
    intermediates.cached("lengths", "v1", ["ab"], compute)
    intermediates.cached("lengths", "v1", ["abc"], compute)
    intermediates.cached("lengths", "v2", ["ab"], compute)
    assert compute.calls == 3


def test_a_corrupted_cache_file_is_reported_and_recomputed(capsys):
    compute = Counting()
    intermediates.cached("lengths", "v1", ["ab"], compute)
    key = intermediates.content_key("lengths", "v1", ["ab"])
    path = intermediates.cache_path("lengths", key)
    path.write_bytes(path.read_bytes()[:-1] + b"x")
    table = intermediates.cached("lengths", "v1", ["ab"], compute)
    assert compute.calls == 2 and table["length"].tolist() == [2]
    assert "do not match their checksum" in capsys.readouterr().err


def test_a_computation_that_loses_rows_is_an_error_and_is_not_cached():
    def short(texts: list[str]) -> pd.DataFrame:
        return pd.DataFrame({"length": [1]})

    with pytest.raises(ValueError, match="lengths: computed 1 rows for 2 texts"):
        intermediates.cached("lengths", "v1", ["a", "b"], short)
    key = intermediates.content_key("lengths", "v1", ["a", "b"])
    assert not intermediates.cache_path("lengths", key).exists()

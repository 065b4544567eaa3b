"""Heavy intermediates (parses, embeddings), computed once and cached by content hash.

A cached table is keyed by the sha256 of its inputs (the texts), the name of the computation and
its version, so a change to either the data or the code that matters gives a new key instead of a
stale result. Each cache file has a ``.sha256`` sidecar; a file whose bytes no longer match it is
reported and recomputed, never silently used. Files live under ``$SFTSURVEY_CACHE/intermediates``.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from sftsurvey.datasets import cache_dir


def content_key(name: str, version: str, texts: Sequence[str]) -> str:
    """sha256 over the computation's name and version and every text (order matters)."""
    digest = hashlib.sha256(f"{name}\0{version}\0".encode())
    for text in texts:
        digest.update(text.encode("utf-8") + b"\0")
    return digest.hexdigest()


def cache_path(name: str, key: str) -> Path:
    return cache_dir() / "intermediates" / f"{name}-{key[:20]}.pkl"


def cached(
    name: str,
    version: str,
    texts: Sequence[str],
    compute: Callable[[list[str]], pd.DataFrame],
) -> pd.DataFrame:
    """``compute(texts)``, read from the cache when the same inputs were computed before."""
    texts = list(texts)
    key = content_key(name, version, texts)
    path = cache_path(name, key)
    sidecar = path.with_suffix(".sha256")
    if path.exists() and sidecar.exists():
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() == sidecar.read_text().strip():
            return pickle.loads(data)
        print(f"{path}: cached bytes do not match their checksum — recomputing", file=sys.stderr)
    table = compute(texts)
    if len(table) != len(texts):
        raise ValueError(f"{name}: computed {len(table)} rows for {len(texts)} texts")
    buffer = io.BytesIO()
    pickle.dump(table, buffer, protocol=pickle.HIGHEST_PROTOCOL)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(buffer.getvalue())
    tmp.replace(path)
    sidecar.write_text(hashlib.sha256(buffer.getvalue()).hexdigest() + "\n")
    return table

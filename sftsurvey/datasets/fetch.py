"""Verified local copies: from the data mirror (``SFTSURVEY_DATA_MIRROR``) or downloaded.

The sha256 of every file is checked against the registry; a check is remembered by path, size
and mtime under ``SFTSURVEY_CACHE``, so it runs once.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import os
import re
import sys
import tempfile
import warnings
import zlib
from pathlib import Path, PurePosixPath

with warnings.catch_warnings():
    # pooch imports tqdm.auto, which warns inside Jupyter when ipywidgets is absent
    warnings.filterwarnings("ignore", message="IProgress not found")
    import pooch

from sftsurvey.datasets.entries import (
    CACHE_ENV,
    MIRROR_ENV,
    DatasetError,
    DatasetFile,
    get,
    one_line,
)
from sftsurvey.paths import display_path

_POOCH_MISMATCH = re.compile(r"expected \w+:(?P<expected>[0-9a-f]+) but got (?P<got>[0-9a-f]+)")


def cache_dir() -> Path:
    """Where downloads, decompressed copies and remembered checks go (``SFTSURVEY_CACHE``)."""
    configured = os.environ.get(CACHE_ENV)
    return Path(configured).expanduser() if configured else Path(pooch.os_cache("sftsurvey"))


def mirror_dir() -> Path | None:
    """The local data mirror named by ``SFTSURVEY_DATA_MIRROR``, or ``None`` when unset."""
    configured = os.environ.get(MIRROR_ENV)
    return Path(configured).expanduser() if configured else None


def path(name: str) -> Path:
    """A readable local file holding the original bytes of dataset ``name``, verified by sha256.

    From the mirror when ``SFTSURVEY_DATA_MIRROR`` is set (a gzipped copy is decompressed into
    the cache), else downloaded with pooch into the cache.
    """
    entry = get(name)
    mirror = mirror_dir()
    if mirror is None:
        return _download(entry)
    if not mirror.is_dir():
        raise DatasetError(
            name,
            f"{MIRROR_ENV}={mirror} is not a folder",
            f"point it at a copy of the data mirror, or unset it to download {entry.canonical_url}",
        )
    return _from_mirror(entry, mirror)


def file_sha256(file: Path) -> str:
    """The sha256 of a file's bytes, decompressed first when its name ends in ``.gz``."""
    digest = hashlib.sha256()
    opener = gzip.open if file.suffix == ".gz" else open
    with opener(file, "rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _from_mirror(entry: DatasetFile, mirror: Path) -> Path:
    plain = mirror / entry.stored
    packed = plain.with_name(plain.name + ".gz")
    if not plain.is_file() and not packed.is_file():
        if not entry.mirror:  # the mirror is not expected to hold it
            return _download(entry)
        raise DatasetError(
            entry.name,
            f"{entry.stored}(.gz) not found in the mirror {display_path(mirror)}",
            f"point {MIRROR_ENV} at a complete copy of the data mirror, "
            f"or unset it to download {entry.canonical_url}",
        )
    if plain.is_file():
        _verify(entry, plain, _sha256_remembered(entry, plain))
        return plain
    target = cache_dir() / "files" / entry.stored
    known = _remembered(packed)
    if known is not None and target.is_file() and _remembered(target) == known:
        _verify(entry, packed, known)
        return target
    _verify(entry, packed, _gunzip(entry, packed, target))
    return target


def _gunzip(entry: DatasetFile, packed: Path, target: Path) -> str:
    """Decompress ``packed`` to ``target`` (atomically, only if it verifies); its sha256."""
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False, suffix=".part") as out:
        partial = Path(out.name)
        try:
            with gzip.open(packed, "rb") as stream:
                while chunk := stream.read(1 << 20):
                    digest.update(chunk)
                    out.write(chunk)
        except (OSError, EOFError, zlib.error) as error:
            out.close()
            partial.unlink(missing_ok=True)
            raise DatasetError(
                entry.name,
                f"{display_path(packed)} is not a readable gzip file ({one_line(error)})",
                _replace_fix(entry),
            ) from None
    actual = digest.hexdigest()
    _remember(packed, actual)
    if entry.sha256 is not None and actual != entry.sha256:
        partial.unlink(missing_ok=True)
        return actual
    os.replace(partial, target)
    _remember(target, actual)
    return actual


def _verify(entry: DatasetFile, file: Path, actual: str) -> None:
    if entry.sha256 is None:
        _report_unverified(entry, file, actual)
    elif actual != entry.sha256:
        raise DatasetError(
            entry.name,
            f"{display_path(file)} has sha256 {actual[:12]}…, expected {entry.sha256[:12]}…",
            _replace_fix(entry),
        )


def _replace_fix(entry: DatasetFile) -> str:
    return (
        f"the copy is corrupted or another version; replace it with {entry.canonical_url}, "
        f"or unset {MIRROR_ENV} to download a verified copy into the cache"
    )


def _report_unverified(entry: DatasetFile, file: Path, actual: str) -> None:
    print(
        f"dataset {entry.name!r}: {display_path(file)} has sha256 {actual} — NOT VERIFIED: the "
        "registry has no checksum for this file (it is not in the data mirror); compare the "
        "hash with a trusted copy before relying on it",
        file=sys.stderr,
    )


def _download(entry: DatasetFile) -> Path:
    if not entry.canonical_url:
        raise DatasetError(
            entry.name,
            "has no canonical URL to download from",
            f"see {entry.huggingface or entry.note}",
        )
    stored = PurePosixPath(entry.stored)
    folder = cache_dir() / "files" / stored.parent
    known_hash = f"sha256:{entry.sha256}" if entry.sha256 else None
    try:
        fetched = Path(
            pooch.retrieve(
                entry.canonical_url,
                known_hash=known_hash,
                fname=stored.name,
                path=folder,
                progressbar=importlib.util.find_spec("tqdm") is not None,
            )
        )
    except ValueError as error:  # pooch: the downloaded bytes have another hash
        hashes = _POOCH_MISMATCH.search(str(error))
        what = (
            f"has sha256 {hashes['got'][:12]}…, expected {hashes['expected'][:12]}…"
            if hashes
            else f"does not match the registry ({one_line(error)})"
        )
        raise DatasetError(
            entry.name,
            f"the download from {entry.canonical_url} {what}",
            "the URL serves other bytes than the pinned commit had; report it, "
            f"or set {MIRROR_ENV} to a copy of the data mirror",
        ) from None
    except Exception as error:  # network and file-system failures, whatever raised them
        raise DatasetError(
            entry.name,
            f"could not download {entry.canonical_url} ({type(error).__name__}: {one_line(error)})",
            f"check the network connection, or set {MIRROR_ENV} to a copy of the data mirror",
        ) from None
    if entry.sha256 is None:
        _report_unverified(entry, fetched, _sha256_remembered(entry, fetched))
    return fetched


# --- remembered checks: path + size + mtime -> sha256 ----------------------------------------


def _check_key(file: Path) -> Path:
    stat = file.stat()
    key = f"{file.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}"
    return cache_dir() / "verified" / hashlib.sha1(key.encode()).hexdigest()


def _remembered(file: Path) -> str | None:
    try:
        return _check_key(file).read_text(encoding="ascii").strip() or None
    except OSError:
        return None


def _remember(file: Path, sha256: str) -> None:
    key = _check_key(file)
    key.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", dir=key.parent, delete=False, encoding="ascii") as out:
        out.write(sha256)
    os.replace(out.name, key)


def _sha256_remembered(entry: DatasetFile, file: Path) -> str:
    known = _remembered(file)
    if known is not None:
        return known
    try:
        actual = file_sha256(file)
    except (OSError, EOFError, zlib.error) as error:
        raise DatasetError(
            entry.name,
            f"cannot read {display_path(file)} ({one_line(error)})",
            _replace_fix(entry),
        ) from None
    _remember(file, actual)
    return actual

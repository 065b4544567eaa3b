"""The one error of the profiler: a located line ``WHERE: what — fix``."""

from __future__ import annotations


class ProfileError(ValueError):
    """A problem with the input, one line: ``FILE:LINE: what — fix``."""

    def __init__(self, where: str, what: str, fix: str):
        self.where = where
        self.what = what
        self.fix = fix
        super().__init__(f"{where}: {what} — {fix}" if where else f"{what} — {fix}")

"""The error every plan reader raises: PlanReadError, "<file name>: <what is wrong>"."""

from __future__ import annotations

import os
from pathlib import Path

from geo.cli import UserError


class PlanReadError(UserError):
    """A plan file that cannot be used. `str(err)` is "<file name>: <what is wrong>"."""

    def __init__(self, source: str | os.PathLike, reason: str):
        self.source = Path(source).name or str(source)
        self.reason = reason
        super().__init__(f"{self.source}: {reason}")


def megabytes(n: int) -> str:
    """A size for a message: "20.0 MB"."""
    return f"{n / (1024 * 1024):.1f} MB"

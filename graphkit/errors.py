"""Errors that point at the user's input: which file, which line, what is wrong."""

from __future__ import annotations

from pathlib import Path

__all__ = ["GraphkitError", "InputError"]


class GraphkitError(Exception):
    """Base class of the errors graphkit reports to its users."""


class InputError(GraphkitError):
    """Bad input, reported as ``FILE:LINE: message`` (the line when it is known)."""

    def __init__(self, source: str | Path, message: str, line: int | None = None) -> None:
        self.source = str(source)
        self.line = line
        self.message = message
        where = f"{self.source}:{line}" if line is not None else self.source
        super().__init__(f"{where}: {message}")

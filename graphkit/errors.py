"""Errors that point at the user's input: which file, which line, what is wrong.

Each error class carries the exit status the command line ends with: 2 for bad input (the
user must change something), 1 for an operation that failed (a server, a disk). Both pickle,
so that an error raised in a worker process reaches the parent intact.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["GraphkitError", "InputError", "OperationError"]


class GraphkitError(Exception):
    """Base class of the errors graphkit reports to its users."""

    #: The command line's exit status for this error.
    exit_status: int = 2


class InputError(GraphkitError):
    """Bad input, reported as ``FILE:LINE: message`` (the line when it is known).

    Examples
    --------
    >>> import pickle
    >>> error = pickle.loads(pickle.dumps(InputError("a.txt", "empty file", 3)))
    >>> str(error), error.line
    ('a.txt:3: empty file', 3)
    """

    exit_status = 2

    def __init__(self, source: str | Path, message: str, line: int | None = None) -> None:
        self.source = str(source)
        self.line = line
        self.message = message
        where = f"{self.source}:{line}" if line is not None else self.source
        super().__init__(f"{where}: {message}")

    def __reduce__(self) -> tuple[type, tuple[str, str, int | None]]:
        # Exception pickles its ``args`` (the formatted text), which __init__ cannot take.
        return (type(self), (self.source, self.message, self.line))


class OperationError(GraphkitError):
    """An operation that failed although the input was good: a disk, a server, a lock."""

    exit_status = 1

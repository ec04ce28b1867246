"""Write output files whole or not at all: a temporary file beside the target, then rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

__all__ = ["atomic_write", "atomic_path", "atomic_paths"]


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; it replaces ``target`` on success.

    On an exception the temporary file is removed and ``target`` is left as it was.
    """
    with atomic_paths([target]) as (tmp,):
        yield tmp


def _temporary_beside(target: Path) -> Path:
    if target.is_dir():
        raise IsADirectoryError(21, "is a directory, not a file", str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    return Path(tmp_name)


@contextlib.contextmanager
def atomic_paths(targets: Sequence[str | Path]) -> Iterator[list[Path]]:
    """Yield one temporary path per target; all replace their targets once the block succeeds.

    Every output is written in full before any target is touched, so a failure while writing
    (a full disk, a bad graph) leaves every target as it was. The renames at the end are
    each atomic; only a crash between two of them can leave a mixed set.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_paths([folder / "a.txt", folder / "b.txt"]) as (a, b):
    ...     _ = a.write_text("A"), b.write_text("B")
    >>> sorted(p.name for p in folder.iterdir())
    ['a.txt', 'b.txt']
    """
    paths = [Path(t) for t in targets]
    temporaries: list[Path] = []
    try:
        for target in paths:
            temporaries.append(_temporary_beside(target))
        yield temporaries
        # mkstemp makes the file private (0600); give it the mode a plain open() would
        umask = os.umask(0)
        os.umask(umask)
        for tmp in temporaries:
            os.chmod(tmp, 0o666 & ~umask)
        for tmp, target in zip(temporaries, paths, strict=True):
            os.replace(tmp, target)
    except BaseException:
        for tmp in temporaries:
            tmp.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def atomic_write(
    target: str | Path, mode: str = "w", encoding: str | None = "utf-8"
) -> Iterator[IO]:
    """Open a temporary file for writing; it replaces ``target`` when the block succeeds."""
    with atomic_path(target) as tmp:
        kwargs = {} if "b" in mode else {"encoding": encoding, "newline": ""}
        with open(tmp, mode, **kwargs) as handle:
            yield handle

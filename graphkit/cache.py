"""A compiled cache: objects that take seconds to build from graphkit's data, pickled once.

Building the extractor (gazetteer and lexicon from YAML, their tries and tables, the
spaCy pipeline) takes seconds, which every worker process of ``--jobs N`` used to pay.
:func:`load_or_build` keeps the built object as a pickle in the user's cache folder, under
a key that hashes everything the object could depend on: the source of every graphkit
module, every file under the ontology folder (gazetteer, lexicon, ontology), graphkit's,
Python's and spaCy's versions, and what the caller adds. Any change to code or data gives
a new key, so a stale object is never read; nothing about the objects' insides is assumed.

The folder is ``$GRAPHKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/graphkit``, else
``~/.cache/graphkit``; it is made private to the user (a pickle runs code when loaded, so
only the user's own files are read). ``GRAPHKIT_CACHE_DIR=off`` turns the cache off.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from graphkit.resources import ontology_dir

__all__ = ["cache_dir", "fingerprint", "load_or_build", "extractor_state", "load_state"]

T = TypeVar("T")
_KEEP = 3  # pickles of one name kept (older keys are removed)


def cache_dir() -> Path | None:
    """The cache folder, or None when ``GRAPHKIT_CACHE_DIR=off``."""
    configured = os.environ.get("GRAPHKIT_CACHE_DIR")
    if configured:
        return None if configured.lower() in ("off", "0", "none") else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "graphkit"


def _files(root: Path, pattern: str) -> Iterable[Path]:
    return sorted(p for p in root.rglob(pattern) if p.is_file() and "__pycache__" not in p.parts)


@cache
def _code_and_data_digest() -> str:
    """A digest of graphkit's source and data files and the versions that matter."""
    from importlib import metadata

    from graphkit import __version__

    versions = []
    for package in ("spacy", "spacy-lookups-data", "numpy"):
        try:
            versions.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package}=none")
    digest = hashlib.blake2b(digest_size=20)
    for part in (__version__, sys.version, *versions, pickle.HIGHEST_PROTOCOL):
        digest.update(f"{part}\0".encode())
    package = Path(__file__).resolve().parent
    for root, pattern in ((package, "*.py"), (ontology_dir(), "*")):
        for path in _files(root, pattern):
            digest.update(str(path.relative_to(root)).encode() + b"\0")
            digest.update(path.read_bytes())
            digest.update(b"\0")
    return digest.hexdigest()


def fingerprint(*parts: Any) -> str:
    """The cache key for an object built from graphkit's code and data and ``parts``
    (strings or bytes: a parser name, a hash of the user's own files ...)."""
    digest = hashlib.blake2b(_code_and_data_digest().encode(), digest_size=20)
    for part in parts:
        digest.update(b"\0" + (part if isinstance(part, bytes) else repr(part).encode()))
    return digest.hexdigest()


def load_or_build(
    name: str, build: Callable[[], T], *parts: Any, unpickle: bool = True
) -> tuple[T | None, bytes]:
    """The object ``build()`` makes, from the cache when its key is there.

    Parameters
    ----------
    name : str
        The kind of object (the start of its file name).
    build : callable
        Makes the object; called only when the cache has none (or cannot be read).
    *parts
        What else the object depends on, beyond graphkit's code and data.
    unpickle : bool
        False: only the pickle is wanted (a parent handing it to workers), so a cached one
        is not loaded (the object is then None).

    Returns
    -------
    (object, bytes)
        The object and its pickle (which worker processes can load without the cache).
    """
    folder = cache_dir()
    path = None if folder is None else folder / f"{name}-{fingerprint(*parts)}.pickle"
    if path is not None and path.is_file():
        try:
            data = path.read_bytes()
            return (pickle.loads(data) if unpickle else None), data
        except Exception:  # noqa: BLE001  (a truncated or foreign pickle: rebuild it)
            path.unlink(missing_ok=True)
    value = build()
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    if path is not None:
        _store(path, data)
    return value, data


def _store(path: Path, data: bytes) -> None:
    """Write the pickle whole or not at all; a cache that cannot be written is no error."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pickle")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
        stale = sorted(path.parent.glob(path.name.rsplit("-", 1)[0] + "-*.pickle"),
                       key=lambda p: p.stat().st_mtime, reverse=True)
        for old in stale[_KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def extractor_state(
    gazetteer: Any = None, parser: str | None = None, *, unpickle: bool = True
) -> tuple[Any, bytes]:
    """A built :class:`~graphkit.extract.pipeline.Extractor` and its pickle, cached.

    A user's own gazetteer is part of the key (by the hash of its pickle).
    """
    from graphkit.extract.pipeline import Extractor

    parts: list[Any] = ["extractor", parser]
    if gazetteer is not None:
        parts.append(hashlib.blake2b(pickle.dumps(gazetteer, protocol=5)).hexdigest())
    return load_or_build("extractor", lambda: Extractor(gazetteer=gazetteer, parser=parser),
                         *parts, unpickle=unpickle)


def load_state(data: bytes) -> Any:
    """An object from the pickle :func:`load_or_build` returned (in a worker process)."""
    return pickle.loads(data)

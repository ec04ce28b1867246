"""Plain RDF that graphkit did not write: count it, and convert it from one format to another.

``graphkit export`` is a converter for any RDF: a graph in graphkit's vocabulary is rewritten
from its stances (see :mod:`graphkit.rdf`), anything else is streamed through pyoxigraph
triple for triple, so that a user never gets an empty file reported as a success.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graphkit.atomic import atomic_path
from graphkit.errors import InputError

__all__ = ["convert_plain", "count_triples", "uses_graphkit_vocabulary"]

_GK = "https://w3id.org/graphkit/ontology#"


def _parse(path: Path) -> Any:
    from graphkit import rdf

    spec = rdf.get_format(path)
    return ox.parse(path=str(path), format=spec.oxigraph)


def count_triples(path: str | Path) -> int:
    """How many triples (or quads) an RDF file holds.

    Raises
    ------
    InputError
        For a syntax error, with its line.
    """
    return sum(1 for _ in _checked(Path(path)))


def uses_graphkit_vocabulary(path: str | Path) -> bool:
    """Whether any triple of the file uses graphkit's ontology (a predicate or a class).

    Raises
    ------
    InputError
        For a syntax error, with its line.
    """
    return any(
        quad.predicate.value.startswith(_GK)
        or (isinstance(quad.object, ox.NamedNode) and quad.object.value.startswith(_GK))
        for quad in _checked(Path(path))
    )


def _checked(path: Path) -> Any:
    """The quads of ``path``; a syntax error becomes an InputError with its line."""
    try:
        yield from _parse(path)
    except SyntaxError as exc:
        raise InputError(path, f"invalid RDF: {exc.msg}", exc.lineno) from None


def _as_triples(quads: Any) -> Any:
    for quad in quads:
        yield ox.Triple(quad.subject, quad.predicate, quad.object)


def convert_plain(source: str | Path, target: str | Path, spec: Any) -> int:
    """Convert any RDF file to the format ``spec`` (an :class:`graphkit.rdf.RdfFormatSpec`).

    Named graphs survive in a dataset format (N-Quads, TriG) and are merged into one graph
    otherwise. ``target`` ``-`` is standard output. Returns the number of statements
    converted; with none, nothing is written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from graphkit.rdf import get_format
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.nt").write_text('<http://ex/a> <http://ex/p> "x" .\\n')
    >>> convert_plain(folder / "a.nt", folder / "a.ttl", get_format("turtle"))
    1
    """
    source = Path(source)
    count = count_triples(source)
    if count == 0:
        return 0
    quads = _parse(source)
    items = quads if spec.dataset else _as_triples(quads)
    from graphkit.rdf import PREFIXES

    prefixes = PREFIXES if spec.prefixes else None
    try:
        if str(target) == "-":
            ox.serialize(items, sys.stdout.buffer, spec.oxigraph, prefixes=prefixes)
            sys.stdout.buffer.flush()
        else:
            with atomic_path(target) as tmp, open(tmp, "wb") as handle:
                ox.serialize(items, handle, spec.oxigraph, prefixes=prefixes)
    except SyntaxError as exc:
        raise InputError(source, f"invalid RDF: {exc.msg}", exc.lineno) from None
    return count

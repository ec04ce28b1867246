"""SHACL validation of graphkit RDF against ``ontology/shapes.ttl``.

The shapes are checked on the data with the ontology mixed in: the class hierarchy
(a gk:State is a gk:Actor) and the declared stance types come from it. Datasets are
validated as the union of their graphs, since each article graph leaves the actors to the
default graph.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import rdflib

from graphkit.errors import InputError
from graphkit.graph import StanceGraph
from graphkit.rdf import get_format, to_quads
from graphkit.resources import ontology_file

__all__ = ["validate"]


@cache
def _shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_file("shapes.ttl"), format="turtle")


@cache
def _ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_file("graphkit.ttl"), format="turtle")


def _union(triples_bytes: bytes) -> rdflib.Graph:
    return rdflib.Graph().parse(data=triples_bytes, format="nt")


def _graph_of(data: StanceGraph | rdflib.Graph | str | Path) -> rdflib.Graph:
    if isinstance(data, StanceGraph):
        quads = to_quads(data, named_graphs=False)
        return _union(ox.serialize(quads, None, ox.RdfFormat.N_TRIPLES))
    if isinstance(data, rdflib.Dataset | rdflib.ConjunctiveGraph):
        union = rdflib.Graph()
        for s, p, o, _ in data.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    if isinstance(data, rdflib.Graph):
        return data
    path = Path(data)
    spec = get_format(path)
    try:
        triples = (
            ox.Triple(q.subject, q.predicate, q.object)
            for q in ox.parse(path=str(path), format=spec.oxigraph)
        )
        return _union(ox.serialize(triples, None, ox.RdfFormat.N_TRIPLES))
    except SyntaxError as exc:
        raise InputError(path, f"invalid RDF: {exc.msg}", exc.lineno) from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc}") from None


def validate(data: StanceGraph | rdflib.Graph | str | Path) -> tuple[bool, str]:
    """Check data against graphkit's SHACL shapes.

    Parameters
    ----------
    data : StanceGraph, rdflib Graph or Dataset, or path
        A path is read in the format its suffix names (see :data:`graphkit.rdf.FORMATS`).

    Returns
    -------
    conforms : bool
    report : str
        pyshacl's text report (it lists each violation: focus node, path, message).

    Raises
    ------
    InputError
        If a file cannot be read or parsed.

    Examples
    --------
    >>> from graphkit.model import Actor, ActorType
    >>> validate(StanceGraph([Actor("chile", "Chile", ActorType.STATE)]))[0]
    True
    """
    # The whole ontology is mixed in (pyshacl's own ont_graph mixing copies only the OWL
    # axioms, not the gk:StanceType individuals the shapes check against).
    mixed = rdflib.Graph()
    for source in (_graph_of(data), _ontology()):
        for triple in source:
            mixed.add(triple)
    conforms, _, report = pyshacl.validate(
        mixed,
        shacl_graph=_shapes(),
        inference="none",
        advanced=True,
        allow_warnings=False,
    )
    return bool(conforms), str(report)

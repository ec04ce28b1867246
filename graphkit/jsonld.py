"""Compact JSON-LD: one ``@context`` that maps to graphkit's ontology, then plain JSON.

pyoxigraph writes JSON-LD in expanded form (full IRIs as keys, every value an object).
This writer compacts it the way a JSON user reads it: ``@vocab`` is the ontology, so
``{"@id": "actor:chile", "@type": "State", "rdfs:label": "Chile", "holder": ...}``; the
other namespaces are prefixes of the context; strings, integers and booleans are plain JSON
values. Any JSON-LD processor (pyoxigraph, rdflib, pyld) expands it back to the same triples.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

__all__ = ["context", "dumps_compact"]

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = _XSD + "string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_TERM_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def context(vocab: str, prefixes: dict[str, str]) -> dict[str, str]:
    """The ``@context``: ``@vocab`` for the ontology, and the other prefixes."""
    return {"@vocab": vocab, **prefixes}


class _Compactor:
    def __init__(self, vocab: str, prefixes: dict[str, str]) -> None:
        self.vocab = vocab
        # longest namespace first, so that gkd:actor/ beats gkd:
        self.prefixes = sorted(((ns, p) for p, ns in prefixes.items()),
                               key=lambda item: -len(item[0]))
        # a bare key that is also a prefix name would expand to the prefix's namespace
        self.reserved = set(prefixes)

    def iri(self, value: str) -> str:
        """A compact IRI (``actor:chile``) when that reads back the same; else the IRI."""
        for namespace, prefix in self.prefixes:
            if value.startswith(namespace):
                local = value[len(namespace):]
                if local and not local.startswith("//"):
                    return f"{prefix}:{local}"
        return value

    def vocab_term(self, value: str) -> str:
        """A key or a type: a bare term for the ontology's names, else a compact IRI."""
        if value.startswith(self.vocab):
            local = value[len(self.vocab):]
            if _TERM_RE.fullmatch(local) and local not in self.reserved:
                return local
        compact = self.iri(value)
        return compact if compact != value or ":" in value else value

    def node(self, term: Any) -> str:
        if isinstance(term, ox.BlankNode):
            return f"_:{term.value}"
        return self.iri(term.value)

    def value(self, term: Any) -> Any:
        if isinstance(term, ox.NamedNode | ox.BlankNode):
            return {"@id": self.node(term)}
        if isinstance(term, ox.Literal):
            datatype = term.datatype.value
            if term.language:
                return {"@value": term.value, "@language": term.language}
            if datatype == _XSD_STRING:
                return term.value
            if datatype == _XSD + "boolean" and term.value in ("true", "false"):
                return term.value == "true"
            if datatype == _XSD + "integer" and re.fullmatch(r"[+-]?\d{1,15}", term.value):
                return int(term.value)
            if datatype == _LANG_STRING:
                return term.value
            return {"@value": term.value, "@type": self.iri(datatype)}
        return {"@value": str(term)}


def dumps_compact(
    quads: Iterable[ox.Quad | ox.Triple], vocab: str, prefixes: dict[str, str]
) -> bytes:
    """Compact JSON-LD for triples (graph names are dropped: graphkit writes the union).

    Examples
    --------
    >>> import pyoxigraph as ox
    >>> t = ox.Triple(ox.NamedNode("http://ex/id/a"), ox.NamedNode("http://ex/o#name"),
    ...               ox.Literal("A"))
    >>> dumps_compact([t], "http://ex/o#", {"id": "http://ex/id/"}).decode()
    '{"@context": {"@vocab": "http://ex/o#", "id": "http://ex/id/"}, "@graph": [{"@id": "id:a", "name": "A"}]}'
    """
    compactor = _Compactor(vocab, prefixes)
    nodes: dict[str, dict[str, Any]] = {}
    for quad in quads:
        subject = compactor.node(quad.subject)
        node = nodes.setdefault(subject, {"@id": subject})
        if quad.predicate.value == _RDF_TYPE and isinstance(quad.object, ox.NamedNode):
            key, item = "@type", compactor.vocab_term(quad.object.value)
        else:
            key, item = compactor.vocab_term(quad.predicate.value), compactor.value(quad.object)
        if key not in node:
            node[key] = item
        else:
            known = node[key]
            if not isinstance(known, list):
                known = node[key] = [known]
            if item not in known:
                known.append(item)
    document = {"@context": context(vocab, prefixes), "@graph": list(nodes.values())}
    return json.dumps(document, ensure_ascii=False).encode("utf-8")

"""StanceGraph <-> RDF, following ``ontology/graphkit.ttl``; one registry of formats.

Each edge of the graph becomes a ``gk:Stance`` node (the n-ary pattern: type, holder,
target, polarity, Goldstein intensity, first and last date, evidence count, confidence,
``prov:wasDerivedFrom`` its evidence) plus the direct triple ``<holder> gk:<type> <target>``
so that simple SPARQL works. Evidence nodes point at ``gk:Article`` nodes.

CAMEO codes are kept per evidence: each ``gk:Evidence`` node carries the ``gk:cameoCode`` of
the lexicon entry that fired and that code's ``gk:goldstein`` value, so a sentence can be
compared with a GDELT or ICEWS event code by code. The stance node carries the code most of
its evidence has (:func:`graphkit.model.dominant_code`) as ``gk:cameoCode``; its
``gk:goldstein`` stays the stance type's intensity, since one edge may hold several codes.
In the dataset
formats (N-Quads, TriG) every article has its own named graph holding its evidence and the
stances it supports; actors are in the default graph. The other formats hold the union.

IRIs are made from canonical ids and hashes only; every piece of text is a literal, never
spliced. pyoxigraph's serialisers write Turtle, TriG, JSON-LD and RDF/XML from
:func:`to_quads`; N-Triples and N-Quads are formatted by :class:`_LineWriter` (building a
pyoxigraph Quad per triple would cost more than rdflib's whole serialiser), which escapes
literals exactly as pyoxigraph does and writes the same bytes as pyoxigraph's own N-Triples
and N-Quads serialisers over :func:`to_quads` (the tests hold it to that). pyoxigraph parses
every format; rdflib only serves code that wants an rdflib Dataset.
"""

from __future__ import annotations

import functools
import hashlib
import io
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
import rdflib

from graphkit.atomic import atomic_path
from graphkit.errors import InputError
from graphkit.graph import StanceGraph
from graphkit.model import (
    Actor,
    ActorType,
    Evidence,
    Polarity,
    Stance,
    dominant_code,
    is_valid_id,
)
from graphkit.nogc import no_collection
from graphkit.ontology import load_ontology

__all__ = [
    "FORMATS",
    "GK",
    "GKD",
    "PREFIXES",
    "RdfFormatSpec",
    "actor_iri",
    "article_iri",
    "dumps",
    "from_quads",
    "get_format",
    "read",
    "stance_iri",
    "to_quads",
    "to_rdflib",
    "write",
]

GK = "https://w3id.org/graphkit/ontology#"
GKD = "https://w3id.org/graphkit/id/"
_ACTOR = GKD + "actor/"
_STANCE = GKD + "stance/"
_EVIDENCE = GKD + "evidence/"
_ARTICLE = GKD + "article/"
_WIKIDATA = "http://www.wikidata.org/entity/"
# Sector individuals of the ontology: gk:sectorCOP, gk:sectorREB ...
_SECTOR = GK + "sector"

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_OWL = "http://www.w3.org/2002/07/owl#"
_PROV = "http://www.w3.org/ns/prov#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_DCT = "http://purl.org/dc/terms/"
_SCHEMA = "https://schema.org/"

PREFIXES: dict[str, str] = {
    "gk": GK,
    "actor": _ACTOR,
    "stance": _STANCE,
    "evidence": _EVIDENCE,
    "article": _ARTICLE,
    "rdf": _RDF,
    "rdfs": _RDFS,
    "xsd": _XSD,
    "owl": _OWL,
    "prov": _PROV,
    "skos": _SKOS,
    "dcterms": _DCT,
    "schema": _SCHEMA,
    "wd": _WIKIDATA,
}

_CLASS_TYPES = {GK + t.value: t for t in ActorType}
_POLARITY_BY_IRI = {GK + p.value: p for p in Polarity}
_PREDICATE_RE = re.compile(r"^[a-z][a-z0-9_]*$")
# XML 1.0 cannot carry these characters at all, not even as character references.
_XML_FORBIDDEN = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")


# -- format registry ------------------------------------------------------------------------


@dataclass(frozen=True)
class RdfFormatSpec:
    """One RDF serialisation: its name, file suffixes, media type and pyoxigraph format.

    ``dataset`` formats keep one named graph per article; the others hold the union.
    ``rdflib`` is rdflib's name for the format; ``lines`` marks the formats graphkit writes
    as text itself, without building pyoxigraph quads (N-Triples, N-Quads and Turtle; see
    :func:`_write_lines`).
    """

    name: str
    suffixes: tuple[str, ...]
    oxigraph: ox.RdfFormat
    rdflib: str
    dataset: bool = False
    prefixes: bool = True
    lines: bool = False

    @property
    def media_type(self) -> str:
        return self.oxigraph.media_type


FORMATS: dict[str, RdfFormatSpec] = {
    spec.name: spec
    for spec in (
        RdfFormatSpec("turtle", (".ttl",), ox.RdfFormat.TURTLE, "turtle", lines=True),
        RdfFormatSpec("ntriples", (".nt",), ox.RdfFormat.N_TRIPLES, "nt",
                      prefixes=False, lines=True),
        RdfFormatSpec("nquads", (".nq",), ox.RdfFormat.N_QUADS, "nquads",
                      dataset=True, prefixes=False, lines=True),
        RdfFormatSpec("trig", (".trig",), ox.RdfFormat.TRIG, "trig", dataset=True),
        RdfFormatSpec("jsonld", (".jsonld",), ox.RdfFormat.JSON_LD, "json-ld", prefixes=False),
        RdfFormatSpec("xml", (".rdf", ".owl"), ox.RdfFormat.RDF_XML, "xml"),
    )
}
_BY_SUFFIX = {suffix: spec for spec in FORMATS.values() for suffix in spec.suffixes}


def get_format(name: str | Path | RdfFormatSpec) -> RdfFormatSpec:
    """The format named ``name`` (``"turtle"``), or with that suffix (``".ttl"``, ``"x.ttl"``).

    Raises
    ------
    ValueError
        If no registered format matches; the message lists the known ones.

    Examples
    --------
    >>> get_format("out/graph.nq").name
    'nquads'
    >>> get_format("ttl").name
    'turtle'
    """
    if isinstance(name, RdfFormatSpec):
        return name
    text = str(name).lower()
    if text in FORMATS:
        return FORMATS[text]
    # Path(".ttl").suffix is "" (a dot file): a bare suffix is taken as it is.
    suffix = Path(text).suffix or (text if text.startswith(".") else "." + text)
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    known = ", ".join(f"{s.name} ({' '.join(s.suffixes)})" for s in FORMATS.values())
    raise ValueError(f"unknown RDF format {str(name)!r}; known formats: {known}")


# -- identifiers ----------------------------------------------------------------------------


_BLAKE16 = functools.partial(hashlib.blake2b, digest_size=16)
_HEX = operator.methodcaller("hexdigest")


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def actor_iri(actor_id: str) -> str:
    """The IRI of an actor; only canonical ids are accepted.

    Examples
    --------
    >>> actor_iri("united_states")
    'https://w3id.org/graphkit/id/actor/united_states'
    """
    if not is_valid_id(actor_id):
        raise ValueError(f"{actor_id!r} is not a canonical actor id; no IRI is made from it")
    return _ACTOR + actor_id


def stance_iri(subject: str, predicate: str, object: str) -> str:
    """The IRI of the stance node of an edge: a hash of ``subject|predicate|object``."""
    return _STANCE + _digest(f"{subject}|{predicate}|{object}")


def article_iri(article_id: str) -> str:
    """The IRI of an article node, which also names the article's graph in N-Quads and TriG.

    Evidence that gives one article several titles, urls, publishers or dates (normally it
    never does) is kept apart under IRIs that hash those too.
    """
    return _ARTICLE + _digest(article_id)


# -- StanceGraph -> rows of terms -----------------------------------------------------------


class _OxTerms:
    """Terms as pyoxigraph objects (for :func:`to_quads` and pyoxigraph's serialisers)."""

    @staticmethod
    def iri(value: str) -> ox.NamedNode:
        return ox.NamedNode(value)

    @staticmethod
    def literal(text: str) -> ox.Literal:
        return ox.Literal(text)

    @staticmethod
    def typed(lexical: str, datatype: str) -> ox.Literal:
        return ox.Literal(lexical, datatype=ox.NamedNode(datatype))


# RDF 1.1 N-Triples ECHAR / UCHAR escaping, exactly as pyoxigraph renders literals (so that
# the line writer and pyoxigraph's serialisers agree byte for byte): the short escapes where
# the grammar has one, \uXXXX for the other control characters and the two noncharacters
# U+FFFE and U+FFFF; everything else stays UTF-8.
_SHORT_ESCAPES = {0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r",
                  0x22: '\\"', 0x5C: "\\\\"}
_ESCAPES = {chr(c): _SHORT_ESCAPES.get(c, f"\\u{c:04X}")
            for c in (*range(0x20), 0x22, 0x5C, 0x7F, 0xFFFE, 0xFFFF)}
_RARE_ESCAPE = re.compile("[" + re.escape("".join(set(_ESCAPES) - set('\\"\n\r'))) + "]")


def _escape_rare(match: re.Match[str]) -> str:
    return _ESCAPES[match.group()]


def _nt_escape(text: str) -> str:
    """The body of an N-Triples string literal for ``text`` (without the quotes).

    Examples
    --------
    >>> print(_nt_escape('say "hi"\\n\\x07'))
    say \\"hi\\"\\n\\u0007
    """
    # isprintable() is False for every character to escape but the quote and the backslash
    # (controls, U+007F and the noncharacters are not printable): one C scan decides that
    # the common text needs at most those two. Chained str.replace is several times faster
    # than str.translate; the backslash goes first so that the escapes added after it are
    # not escaped again.
    if "\\" in text or '"' in text:
        text = text.replace("\\", "\\\\").replace('"', '\\"')
    if not text.isprintable():
        text = text.replace("\n", "\\n").replace("\r", "\\r")
        if _RARE_ESCAPE.search(text) is not None:
            text = _RARE_ESCAPE.sub(_escape_rare, text)
    return text


class _TextTerms:
    """The same terms in N-Triples syntax, for the line writer.

    IRIs need no escaping: the emitter makes them only from canonical ids, checked names,
    Wikidata item ids and hex digests; lexical forms of typed literals only from dates and
    numbers. Text literals are escaped by :func:`_nt_escape`.
    """

    @staticmethod
    def iri(value: str) -> str:
        return f"<{value}>"

    @staticmethod
    def literal(text: str) -> str:
        return f'"{_nt_escape(text)}"'

    @staticmethod
    def typed(lexical: str, datatype: str) -> str:
        return f'"{lexical}"^^<{datatype}>'


def _evidence(graph: StanceGraph) -> Iterator[Evidence]:
    for _, nbrs in graph.nx.adjacency():
        for keyed in nbrs.values():
            for data in keyed.values():
                yield from data["evidence"]


_ArticleKey = tuple[str, str | None, str | None, str | None, date | None]


def _article_key(e: Evidence) -> _ArticleKey:
    return (e.article, e.title, e.url, e.publisher, e.published)


def _evidence_key(e: Evidence) -> str:
    # The repr of the tuple of the fields (unambiguous, and cheaper than the dataclass
    # repr), spelt out: one of the hot spots of writing. (_LineWriter.block spells it out
    # again, with the dates' reprs remembered; the pinned N-Triples bytes hold both to it.)
    return (f"({e.article!r}, {e.sentence!r}, {e.title!r}, {e.url!r}, {e.publisher!r}, "
            f"{e.date!r}, {e.published!r}, {e.start!r}, {e.end!r}, {e.speaker!r}, "
            f"{e.trigger!r}, {e.extractor!r}, {e.confidence!r}"
            # The CAMEO fields came later: evidence without them keeps its old IRI.
            + ("" if e.cameo is None and e.goldstein is None
               else f", {e.cameo!r}, {e.goldstein!r}")
            + ")")


def _decimal(value: float) -> str:
    text = repr(float(value))
    return format(Decimal(text), "f") if "e" in text else text


_LEXICAL = {
    "date": lambda value: (value.isoformat(), _XSD + "date"),
    "decimal": lambda value: (_decimal(value), _XSD + "decimal"),
    "double": lambda value: (repr(float(value)), _XSD + "double"),
    "integer": lambda value: (str(int(value)), _XSD + "integer"),
}


#: One stance edge with the evidence that one article gives for it.
_EdgeItem = tuple[str, str, str, dict[str, Any], list[Evidence]]


class _Emitter:
    """Makes the rows (s, p, o) or (s, p, o, g) of a graph with one kind of terms.

    The terms that repeat (vocabulary, actors, stance types, dates, numbers) are made once.
    """

    def __init__(self, graph: StanceGraph, terms: Any, *, scan_articles: bool = True) -> None:
        self.graph = graph
        self.terms = terms
        iri = terms.iri
        self.TYPE = iri(_RDF + "type")
        self.LABEL = iri(_RDFS + "label")
        self.ALT_LABEL = iri(_SKOS + "altLabel")
        self.SAME_AS = iri(_OWL + "sameAs")
        self.DERIVED_FROM = iri(_PROV + "wasDerivedFrom")
        self.IDENTIFIER = iri(_DCT + "identifier")
        self.TITLE = iri(_DCT + "title")
        self.PUBLISHER = iri(_DCT + "publisher")
        self.ISSUED = iri(_DCT + "issued")
        self.URL = iri(_SCHEMA + "url")
        self.gk = {name: iri(GK + name) for name in (
            "Stance", "Evidence", "Article", "stanceType", "holder", "target", "polarity",
            "goldstein", "evidenceCount", "confidence", "date", "lastSeen", "article",
            "sentence", "extractor", "start", "end", "speaker", "trigger", "iso3",
            "cameoCode", "office", "actsFor", "sector")}
        self.classes = {t: iri(GK + t.value) for t in ActorType}
        self.polarities = {p: iri(GK + p.value) for p in Polarity}
        self.actors: dict[str, Any] = {}
        self.types: dict[str, Any] = {}
        self.caches: dict[str, dict[Any, Any]] = {}
        self.date = self._literal_maker("date")
        self.decimal = self._literal_maker("decimal")
        self.double = self._literal_maker("double")
        self.integer = self._literal_maker("integer")
        self.string = self._literal_maker("string")
        # Keyed by id(): evidence objects live in the graph while it is written, and
        # hashing the dataclass costs more than rendering its IRI.
        self.evidence_nodes: dict[int, Any] = {}
        self.article_nodes: dict[_ArticleKey, Any] = {}
        # Which article ids carry more than one set of metadata (normally none do).
        # (The line writer may skip this pass over all evidence; see _SplitArticle.)
        keys = ({(e.article, e.title, e.url, e.publisher, e.published) for e in _evidence(graph)}
                if scan_articles else set())
        self.split_articles: set[str] = set()
        if len(keys) != len({key[0] for key in keys}):
            self.split_articles = {a for a, n in Counter(key[0] for key in keys).items() if n > 1}

    # -- terms --

    def actor(self, actor_id: str) -> Any:
        node = self.actors.get(actor_id)
        if node is None:
            node = self.actors[actor_id] = self.terms.iri(actor_iri(actor_id))
        return node

    def stance_type(self, name: str) -> Any:
        node = self.types.get(name)
        if node is None:
            if not _PREDICATE_RE.fullmatch(name):
                raise ValueError(f"{name!r} is not a stance type name; no IRI is made from it")
            node = self.types[name] = self.terms.iri(GK + name)
        return node

    def _literal_maker(self, kind: str) -> Any:
        """A cached maker of one kind of literal (closures: the hot path of writing)."""
        cache: dict[Any, Any] = {}
        terms = self.terms
        lexical = _LEXICAL.get(kind)

        self.caches[kind] = cache

        def make(value: Any) -> Any:
            lit = cache.get(value)
            if lit is None:
                lit = terms.literal(value) if lexical is None else terms.typed(*lexical(value))
                if len(cache) < 100_000:
                    cache[value] = lit
            return lit

        return make

    def article(self, e: Evidence) -> Any:
        key = _article_key(e)
        node = self.article_nodes.get(key)
        if node is None:
            iri = article_iri(e.article)
            if e.article in self.split_articles:
                iri = _ARTICLE + _digest(repr(key))
            node = self.article_nodes[key] = self.terms.iri(iri)
        return node

    # -- rows --

    def actor_rows(self, a: Actor) -> list[tuple[Any, ...]]:
        node, gk, lit = self.actor(a.id), self.gk, self.terms.literal
        rows = [(node, self.TYPE, self.classes[a.type]), (node, self.LABEL, lit(a.label))]
        rows.extend((node, self.ALT_LABEL, lit(alias)) for alias in dict.fromkeys(a.aliases))
        if a.country is not None:
            rows.append((node, gk["iso3"], lit(a.country)))
        if a.wikidata is not None:
            rows.append((node, self.SAME_AS, self.terms.iri(_WIKIDATA + a.wikidata)))
        if a.cameo is not None:
            rows.append((node, gk["cameoCode"], lit(a.cameo)))
        if a.role is not None:
            rows.append((node, gk["office"], lit(a.role)))
        if a.acts_for is not None:
            rows.append((node, gk["actsFor"], self.actor(a.acts_for)))
        if a.sector is not None:
            rows.append((node, gk["sector"], self.terms.iri(_SECTOR + a.sector)))
        return rows

    def stance_rows(
        self, u: str, v: str, p: str, data: dict[str, Any]
    ) -> tuple[Any, list[tuple[Any, ...]], tuple[Any, ...]]:
        """The stance node, its rows, and the direct triple (written after the evidence
        links so that Turtle keeps the stance node's triples together)."""
        gk = self.gk
        node = self.terms.iri(stance_iri(u, p, v))
        kind = self.stance_type(p)
        holder, target = self.actor(u), self.actor(v)
        rows = [
            (node, self.TYPE, gk["Stance"]),
            (node, gk["stanceType"], kind),
            (node, gk["holder"], holder),
            (node, gk["target"], target),
            # Polarity is a StrEnum: a plain "conflict" finds gk:conflict too.
            (node, gk["polarity"], self.polarities[data["polarity"]]),
            (node, gk["goldstein"], self.decimal(data["intensity"])),
            (node, gk["evidenceCount"], self.integer(data["count"])),
            (node, gk["confidence"], self.double(data["confidence"])),
        ]
        code = dominant_code(data["evidence"])[0]
        if code is not None:
            rows.append((node, gk["cameoCode"], self.string(code)))
        if data["first_seen"] is not None:
            rows.append((node, gk["date"], self.date(data["first_seen"])))
        if data["last_seen"] is not None:
            rows.append((node, gk["lastSeen"], self.date(data["last_seen"])))
        return node, rows, (holder, kind, target)

    def evidence_rows(self, e: Evidence, node: Any, art: Any) -> list[tuple[Any, ...]]:
        gk = self.gk
        rows = [
            (node, self.TYPE, gk["Evidence"]),
            (node, gk["article"], art),
            (node, gk["sentence"], self.terms.literal(e.sentence)),
            (node, gk["extractor"], self.string(e.extractor)),
            (node, gk["confidence"], self.double(e.confidence)),
        ]
        if e.date is not None:
            rows.append((node, gk["date"], self.date(e.date)))
        if e.start is not None:
            rows.append((node, gk["start"], self.integer(e.start)))
        if e.end is not None:
            rows.append((node, gk["end"], self.integer(e.end)))
        if e.speaker is not None:
            rows.append((node, gk["speaker"], self.actor(e.speaker)))
        if e.trigger is not None:
            rows.append((node, gk["trigger"], self.string(e.trigger)))
        if e.cameo is not None:
            rows.append((node, gk["cameoCode"], self.string(e.cameo)))
        if e.goldstein is not None:
            rows.append((node, gk["goldstein"], self.decimal(e.goldstein)))
        return rows

    def article_rows(self, e: Evidence, node: Any) -> list[tuple[Any, ...]]:
        lit = self.terms.literal
        rows = [(node, self.TYPE, self.gk["Article"]), (node, self.IDENTIFIER, lit(e.article))]
        if e.title is not None:
            rows.append((node, self.TITLE, lit(e.title)))
        if e.url is not None:
            # A url from an article is untrusted text: a literal, never an IRI.
            rows.append((node, self.URL, lit(e.url)))
        if e.publisher is not None:
            rows.append((node, self.PUBLISHER, lit(e.publisher)))
        if e.published is not None:
            rows.append((node, self.ISSUED, self.date(e.published)))
        return rows

    def evidence_block(
        self, stance: Any, evidence: list[Evidence], seen: set[Any], graph: Any = None
    ) -> list[tuple[Any, ...]]:
        """prov:wasDerivedFrom links, then the evidence (and article) nodes not yet in
        ``seen``: nodes are compared by IRI, so equal evidence is written once."""
        nodes = []
        for e in evidence:
            node = self.evidence_nodes.get(id(e))
            if node is None:
                node = self.terms.iri(_EVIDENCE + _digest(_evidence_key(e)))
                self.evidence_nodes[id(e)] = node
            nodes.append(node)
        rows = [(stance, self.DERIVED_FROM, node) for node in nodes]
        for e, node in zip(evidence, nodes, strict=True):
            if node in seen:
                continue
            seen.add(node)
            art = self.article(e) if graph is None else graph
            rows.extend(self.evidence_rows(e, node, art))
            if graph is None and art not in seen:
                seen.add(art)
                rows.extend(self.article_rows(e, art))
        return rows

    def union(self) -> Iterator[list[tuple[Any, ...]]]:
        """Every triple once, in the default graph; in blocks of rows."""
        for actor in self.graph.actors():
            yield self.actor_rows(actor)
        seen: set[Any] = set()
        for u, v, p, data in self.graph.edge_items():
            node, rows, direct = self.stance_rows(u, v, p, data)
            rows.append(direct)
            rows.extend(self.evidence_block(node, data["evidence"], seen))
            yield rows

    def dataset(self) -> Iterator[list[tuple[Any, ...]]]:
        """Actors and unevidenced stances in the default graph; one named graph per article
        holding its evidence and, so that it stands alone, the stances it supports."""
        for actor in self.graph.actors():
            yield self.actor_rows(actor)
        bare, by_article, first_evidence = self.group_by_article()
        for u, v, p, data, _ in bare:
            _, rows, direct = self.stance_rows(u, v, p, data)
            rows.append(direct)
            yield rows
        for art, items in by_article.items():
            rows = self.article_rows(first_evidence[art], art)
            seen: set[Any] = set()
            for u, v, p, data, group in items:
                node, stance_rows, direct = self.stance_rows(u, v, p, data)
                rows.extend(stance_rows)
                rows.append(direct)
                rows.extend(self.evidence_block(node, group, seen, art))
            yield [(*row, art) for row in rows]

    def group_by_article(
        self,
    ) -> tuple[list[_EdgeItem], dict[Any, list[_EdgeItem]], dict[Any, Evidence]]:
        """Edges with no evidence; each article's edges with their evidence from it; and the
        first evidence of each article (which carries its title, url ...).

        Grouping first lets each article's named graph be written as one block.
        """
        bare: list[_EdgeItem] = []
        by_article: dict[Any, list[_EdgeItem]] = defaultdict(list)
        first_evidence: dict[Any, Evidence] = {}
        for u, v, p, data in self.graph.edge_items():
            evidence = data["evidence"]
            if not evidence:
                bare.append((u, v, p, data, evidence))
                continue
            groups: dict[Any, list[Evidence]] = {}
            for e in evidence:
                art = self.article(e)
                groups.setdefault(art, []).append(e)
                first_evidence.setdefault(art, e)
            for art, group in groups.items():
                by_article[art].append((u, v, p, data, group))
        return bare, by_article, first_evidence

    def blocks(self, named_graphs: bool) -> Iterator[list[tuple[Any, ...]]]:
        return self.dataset() if named_graphs else self.union()


def to_quads(graph: StanceGraph, *, named_graphs: bool = True) -> Iterator[ox.Quad]:
    """The graph as pyoxigraph quads.

    Parameters
    ----------
    graph : StanceGraph
    named_graphs : bool
        True: each article's evidence, and the stances it supports, in the named graph
        :func:`article_iri` (each article graph stands alone, so a stance seen in two
        articles is in both); actors and stances with no evidence in the default graph.
        False: everything once, in the default graph.

    Yields
    ------
    pyoxigraph.Quad

    Raises
    ------
    ValueError
        If a speaker or ``acts_for`` is not a canonical id, or a predicate is not a
        snake_case name (no IRI is ever made from other text).
    """
    quad = ox.Quad
    for rows in _Emitter(graph, _OxTerms).blocks(named_graphs):
        for row in rows:
            yield quad(*row)


#: Stances per block of text the line writers format, encode and write at once: a block of
#: about a megabyte is freed and its memory reused for the next, where blocks of tens of
#: megabytes went back to the system and faulted in again each time.
_BLOCK_STANCES = 500


class _LineWriter(_Emitter):
    """N-Triples and N-Quads text, statement for statement in :func:`to_quads`' order.

    Building a pyoxigraph Quad per statement would cost more than rdflib's whole serialiser,
    so lines are formatted here: one f-string per stance node and per evidence node, from
    term strings made once (the vocabulary, actors, stance types, and cached typed
    literals) and held in local variables. ``end`` closes every line: ``" .\\n"``, or the
    graph name and ``" .\\n"`` in N-Quads. Actors and articles (few) reuse the rows of
    :class:`_Emitter`.
    """

    def __init__(self, graph: StanceGraph, *, optimistic: bool = False) -> None:
        super().__init__(graph, _TextTerms, scan_articles=not optimistic)
        self.optimistic = optimistic
        self.first_key: dict[str, _ArticleKey] = {}
        self.article_parts: dict[_ArticleKey, tuple[str, str, str, str]] = {}
        self.date_reprs: dict[date | None, str] = {}

    def article(self, e: Evidence) -> str:
        key = _article_key(e)
        node = self.article_nodes.get(key)
        if node is None:
            if self.optimistic and self.first_key.setdefault(e.article, key) != key:
                raise _SplitArticle(e.article)
            node = super().article(e)
        return node

    @staticmethod
    def lines(rows: list[tuple[Any, ...]], end: str) -> str:
        return "".join([f"{s} {p} {o}{end}" for s, p, o in rows])

    #: What joins two statements about one node: "" repeats the node on a line of its own
    #: (N-Triples, N-Quads); the Turtle writer continues with ``;``.
    separator = ""

    def block(
        self,
        items: list[tuple[str, str, str, dict[str, Any], list[Evidence]]],
        seen: set[str],
        graph: str | None,
        end: str,
    ) -> str:
        """The lines of stances ``(u, v, p, data, evidence)``: what :meth:`_Emitter.stance_rows`
        and :meth:`_Emitter.evidence_block` make, in the same order.

        The statements about one node are written as ``node p o``, then ``{nl}p o`` for each
        further one, then ``end``: with ``nl`` the end of a line and the node again in
        N-Triples, ``" ;\\n    "`` in Turtle. The stance IRIs of the block are hashed in one
        pass first; what evidence of one article shares (its article node, and the reprs of
        the article's fields in the key that the evidence IRI hashes) is made once per article.
        """
        gk = {name: f" {term} " for name, term in self.gk.items()}
        a_stance = f" {self.TYPE} {self.gk['Stance']}"
        a_evidence = f" {self.TYPE} {self.gk['Evidence']}"
        derived_from = f" {self.DERIVED_FROM} "
        p_type, p_holder, p_target = gk["stanceType"], gk["holder"], gk["target"]
        p_polarity, p_goldstein, p_count = gk["polarity"], gk["goldstein"], gk["evidenceCount"]
        p_confidence, p_date, p_last = gk["confidence"], gk["date"], gk["lastSeen"]
        p_article, p_sentence, p_extractor = gk["article"], gk["sentence"], gk["extractor"]
        p_start, p_end, p_speaker, p_trigger = gk["start"], gk["end"], gk["speaker"], gk["trigger"]
        p_code = gk["cameoCode"]
        caches = self.caches
        dates, decimals = caches["date"], caches["decimal"]
        integers, strings = caches["integer"], caches["string"]
        date_, decimal, integer, string = self.date, self.decimal, self.integer, self.string
        actors, types, polarities = self.actors, self.types, self.polarities
        article_parts, date_reprs = self.article_parts, self.date_reprs
        escape, blake2b = _nt_escape, hashlib.blake2b
        # "<https://.../stance/" and ">", or "stance:" and "" in Turtle
        stance_prefix, evidence_prefix = self.terms.iri(_STANCE + "0"), self.terms.iri(
            _EVIDENCE + "0")
        close = ">" if stance_prefix.endswith(">") else ""
        stance_prefix = stance_prefix[:len(stance_prefix) - len(close) - 1]
        evidence_prefix = evidence_prefix[:len(evidence_prefix) - len(close) - 1]
        separator = self.separator
        out: list[str] = []
        append = out.append
        # '"^^<...#double>' or '"^^xsd:double'
        xsd_double = self.terms.typed("", _XSD + "double")[1:]
        # All stance IRIs of the block at once: C loops, no Python frame per hash.
        digests = map(_HEX, map(_BLAKE16, map(str.encode, [
            f"{u}|{p}|{v}" for u, v, p, _, _ in items])))
        for (u, v, p, data, evidence), digest in zip(items, digests, strict=True):
            node = f"{stance_prefix}{digest}{close}"
            # Every statement after the first starts with ``end`` of the previous one and the
            # node: joined once, that is one piece fewer to format per line.
            nl = separator or end + node
            kind = types.get(p) or self.stance_type(p)
            holder = actors.get(u) or self.actor(u)
            target = actors.get(v) or self.actor(v)
            intensity, count, confidence = data["intensity"], data["count"], data["confidence"]
            first, last = data["first_seen"], data["last_seen"]
            ev_all = data["evidence"]
            # Of all the edge's evidence (not this article's): one code in every graph.
            code = (ev_all[0].cameo if len(ev_all) == 1
                    else dominant_code(ev_all)[0] if ev_all else None)
            # Confidences rarely repeat: formatted here, as _LEXICAL["double"] does; the
            # evidence that holds the edge's confidence (the same float) reuses the text.
            shown = repr(confidence if type(confidence) is float else float(confidence))
            append(
                f"{node}{a_stance}{nl}{p_type}{kind}{nl}{p_holder}{holder}"
                f"{nl}{p_target}{target}{nl}{p_polarity}{polarities[data['polarity']]}"
                f"{nl}{p_goldstein}{decimals.get(intensity) or decimal(intensity)}"
                f"{nl}{p_count}{integers.get(count) or integer(count)}"
                f'{nl}{p_confidence}"{shown}{xsd_double}'
                + ("" if code is None else f"{nl}{p_code}{strings.get(code) or string(code)}")
                + ("" if first is None else f"{nl}{p_date}{dates.get(first) or date_(first)}")
                + ("" if last is None else f"{nl}{p_last}{dates.get(last) or date_(last)}")
                + f"{end}{holder} {kind} {target}{end}"
            )
            if not evidence:
                continue
            mine = []
            arts = []
            for e in evidence:
                parts = article_parts.get(
                    (e.article, e.title, e.url, e.publisher, e.published))
                if parts is None:
                    parts = self.parts(e)
                arts.append(parts)
                # _evidence_key(e), with the article's reprs and the dates' remembered. (No
                # cache by object: each evidence is met once, but for the rare object that
                # several edges share.)
                when, trust = e.date, e.confidence
                w = date_reprs.get(when)
                if w is None:
                    w = date_reprs[when] = repr(when)
                t = shown if trust is confidence and type(trust) is float else repr(trust)
                key = (f"{parts[1]}{e.sentence!r}{parts[2]}{w}, {parts[3]}{e.start!r}, "
                       f"{e.end!r}, {e.speaker!r}, {e.trigger!r}, {e.extractor!r}, {t}"
                       + ("" if e.cameo is None and e.goldstein is None
                          else f", {e.cameo!r}, {e.goldstein!r}")
                       + ")")
                mine.append(f"{evidence_prefix}"
                            f"{blake2b(key.encode(), digest_size=16).hexdigest()}{close}")
            append(f"{node}{derived_from}{mine[0]}{end}" if len(mine) == 1 else
                   f"{node}{derived_from}{f'{nl}{derived_from}'.join(mine)}{end}")
            for e, ev, parts in zip(evidence, mine, arts, strict=True):
                if ev in seen:
                    continue
                seen.add(ev)
                art = parts[0] if graph is None else graph
                nl = separator or end + ev
                extractor, trust = e.extractor, e.confidence
                when, start, stop = e.date, e.start, e.end
                speaker, trigger, cameo, goldstein = e.speaker, e.trigger, e.cameo, e.goldstein
                t = (shown if trust is confidence and type(trust) is float
                     else repr(float(trust)))
                append(
                    f"{ev}{a_evidence}{nl}{p_article}{art}"
                    f'{nl}{p_sentence}"{escape(e.sentence)}"'
                    f"{nl}{p_extractor}{strings.get(extractor) or string(extractor)}"
                    f'{nl}{p_confidence}"{t}{xsd_double}'
                    + ("" if when is None else f"{nl}{p_date}{dates.get(when) or date_(when)}")
                    + ("" if start is None
                       else f"{nl}{p_start}{integers.get(start) or integer(start)}")
                    + ("" if stop is None
                       else f"{nl}{p_end}{integers.get(stop) or integer(stop)}")
                    + ("" if speaker is None
                       else f"{nl}{p_speaker}{actors.get(speaker) or self.actor(speaker)}")
                    + ("" if trigger is None
                       else f"{nl}{p_trigger}{strings.get(trigger) or string(trigger)}")
                    + ("" if cameo is None
                       else f"{nl}{p_code}{strings.get(cameo) or string(cameo)}")
                    + ("" if goldstein is None else
                       f"{nl}{p_goldstein}{decimals.get(goldstein) or decimal(goldstein)}")
                    + end
                )
                if graph is None and art not in seen:
                    seen.add(art)
                    append(self.lines(self.article_rows(e, art), end))
        return "".join(out)

    def parts(self, e: Evidence) -> tuple[str, str, str, str]:
        """What the evidence of one article shares in :meth:`block`: the article node, and
        the pieces of :func:`_evidence_key` made of the article's fields (the repr of the
        article id; of title, url and publisher; of the publication date)."""
        key = _article_key(e)
        parts = self.article_parts[key] = (
            self.article(e), f"({e.article!r}, ", f", {e.title!r}, {e.url!r}, {e.publisher!r}, ",
            f"{e.published!r}, ")
        return parts

    def union_text(self) -> Iterator[str]:
        """The text of :meth:`_Emitter.union`, in blocks of a few thousand stances."""
        end = " .\n"
        yield "".join(self.lines(self.actor_rows(actor), end) for actor in self.graph.actors())
        seen: set[str] = set()
        chunk: list[tuple[str, str, str, dict[str, Any], list[Evidence]]] = []
        # The order of edge_items(), with list comprehensions (cheaper than a generator).
        for u, nbrs in self.graph.nx.adjacency():
            chunk += [(u, v, p, data, data["evidence"])
                      for v, keyed in nbrs.items() for p, data in keyed.items()]
            if len(chunk) >= _BLOCK_STANCES:
                yield self.block(chunk, seen, None, end)
                chunk = []
        yield self.block(chunk, seen, None, end)

    def dataset_text(self) -> Iterator[str]:
        """The text of :meth:`_Emitter.dataset`, in blocks."""
        default = " .\n"
        yield "".join(self.lines(self.actor_rows(actor), default)
                      for actor in self.graph.actors())
        bare, by_article, first_evidence = self.group_by_article()
        yield self.block(bare, set(), None, default)
        out: list[str] = []
        size = 0
        for art, items in by_article.items():
            end = f" {art} .\n"
            out.append(self.lines(self.article_rows(first_evidence[art], art), end))
            out.append(self.block(items, set(), art, end))
            size += len(items)
            if size >= _BLOCK_STANCES:
                yield "".join(out)
                out.clear()
                size = 0
        yield "".join(out)


# Local names that need no escaping in Turtle (a subset of PN_LOCAL).
_PLAIN_LOCAL = re.compile(r"^[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?$")
# Longest namespace first, so that gk: never takes what a longer prefix names.
_BY_NAMESPACE = sorted(((ns, prefix) for prefix, ns in PREFIXES.items()),
                       key=lambda item: len(item[0]), reverse=True)


def _prefixed(value: str) -> str:
    """``prefix:local`` for an IRI under a namespace of :data:`PREFIXES`, else ``<iri>``."""
    for namespace, prefix in _BY_NAMESPACE:
        if value.startswith(namespace):
            local = value[len(namespace):]
            if _PLAIN_LOCAL.fullmatch(local):
                return f"{prefix}:{local}"
            break
    return f"<{value}>"


class _TurtleTerms(_TextTerms):
    """Terms in Turtle syntax: prefixed names where they can be; literals as N-Triples."""

    @staticmethod
    def iri(value: str) -> str:
        return "a" if value == _RDF + "type" else _prefixed(value)

    @staticmethod
    def typed(lexical: str, datatype: str) -> str:
        return f'"{lexical}"^^{_prefixed(datatype)}'


class _TurtleWriter(_LineWriter):
    """Turtle text with the statements of :func:`to_quads` (:meth:`_Emitter.union`), each
    node's statements grouped with ``;``: the stance and evidence nodes by
    :meth:`_LineWriter.block` with Turtle's terms and separator, actors and articles from
    the emitter's rows (what pyoxigraph's serialiser needs one Python ``Quad`` per statement
    for, this writes with a few string operations per statement)."""

    separator = " ;\n    "

    def __init__(self, graph: StanceGraph, *, optimistic: bool = False) -> None:
        _Emitter.__init__(self, graph, _TurtleTerms, scan_articles=not optimistic)
        self.optimistic = optimistic
        self.first_key = {}
        self.article_parts = {}
        self.date_reprs = {}

    @staticmethod
    def lines(rows: list[tuple[Any, ...]], end: str) -> str:
        out = []
        append = out.append
        previous = None
        for s, p, o in rows:
            if s == previous:
                append(f" ;\n    {p} {o}")
            else:
                if previous is not None:
                    append(" .\n")
                append(f"{s} {p} {o}")
                previous = s
        if previous is not None:
            append(" .\n")
        return "".join(out)

    def union_text(self) -> Iterator[str]:
        yield "".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in PREFIXES.items())
        yield from super().union_text()

    def dataset_text(self) -> Iterator[str]:
        raise NotImplementedError("Turtle holds one graph; TriG is written by pyoxigraph")


class _SplitArticle(Exception):
    """An article id with a second set of metadata, met by an optimistic :class:`_LineWriter`.

    Such articles (normally there are none) get other IRIs, which must be known before the
    first line naming the article. Rather than scan all evidence first, the writer into a
    seekable output assumes there are none and starts again, with the scan, if it meets one.
    """


def _write_lines(
    graph: StanceGraph, named_graphs: bool, output: IO[bytes],
    writer: type[_LineWriter] = _LineWriter,
) -> None:
    """N-Triples (``named_graphs`` False) or N-Quads, or Turtle with ``writer`` the
    :class:`_TurtleWriter`, written in large chunks."""
    start = output.tell() if output.seekable() else None
    # The writer's strings, tuples and caches hold no cycles; the collector's passes over
    # them (and over the whole graph, in the full collections they set off) are waste.
    with no_collection():
        try:
            _write_blocks(writer(graph, optimistic=start is not None), named_graphs, output)
        except _SplitArticle:
            assert start is not None
            output.seek(start)
            output.truncate()
            _write_blocks(writer(graph), named_graphs, output)


def _write_blocks(writer: _LineWriter, named_graphs: bool, output: IO[bytes]) -> None:
    blocks = writer.dataset_text() if named_graphs else writer.union_text()
    for block in blocks:
        if block:
            output.write(block.encode("utf-8"))


# -- quads -> StanceGraph -------------------------------------------------------------------


def _local(iri: str, prefix: str) -> str | None:
    return iri[len(prefix):] if iri.startswith(prefix) else None


class _Wrong(str):
    """An object of the wrong kind (an IRI where a literal belongs, or the reverse), kept
    as its N-Triples text until the reader names it in an error."""


class _Several(list):  # type: ignore[type-arg]
    """Several different values of a property that has one."""


# How the reader keeps each property of graphkit's nodes: "literal" and "iri" are single
# values (a second, different value is an error), "literals" and "iris" are lists. Adding a
# property to the vocabulary is one line here and one in _Reader's builders.
_READ_AS: dict[str, str] = {
    _RDF + "type": "iris",
    _RDFS + "label": "literal",
    _SKOS + "altLabel": "literals",
    _OWL + "sameAs": "iris",
    _PROV + "wasDerivedFrom": "iris",
    _DCT + "identifier": "literal",
    _DCT + "title": "literal",
    _DCT + "publisher": "literal",
    _DCT + "issued": "literal",
    _SCHEMA + "url": "literal",
    **{GK + name: "iri" for name in (
        "stanceType", "holder", "target", "polarity", "article", "speaker", "actsFor",
        "sector")},
    **{GK + name: "literal" for name in (
        "goldstein", "evidenceCount", "confidence", "date", "lastSeen", "sentence",
        "extractor", "start", "end", "trigger", "iso3", "cameoCode", "office")},
}


class _Reader:
    """Collects the properties of graphkit's nodes from quads, then rebuilds the graph.

    One pass over the quads keeps, per node, a small dict from the property IRI to the
    lexical form or IRI (plain strings: repeated IRIs and dates are shared); only the
    properties graphkit reads are kept. Building the graph consumes the records.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        self.records: dict[str, dict[str, Any]] = {}
        self.direct: set[tuple[str, str, str]] = set()
        self.articles: dict[str, dict[str, Any]] = {}

    def fail(self, message: str) -> InputError:
        return InputError(self.source, message)

    def add(self, quads: Iterable[ox.Quad | ox.Triple]) -> None:
        records, direct = self.records, self.direct
        # Keyed by the parser's own term: no Python string is made for a known predicate.
        read_as = {ox.NamedNode(predicate): (predicate, kind)
                   for predicate, kind in _READ_AS.items()}
        gkd, gk, actor_prefix = GKD, GK, _ACTOR
        named_node, literal = ox.NamedNode, ox.Literal
        shared: dict[str, str] = {}
        # The statements about one node come together in most files: the record of the
        # previous statement's subject is kept at hand (None: a subject graphkit ignores).
        subject: str | None = None
        record: dict[str, Any] | None = None
        for q in quads:
            s = q.subject
            if type(s) is not named_node:
                continue
            value = s.value
            if value != subject:
                subject = value
                if value.startswith(gkd):
                    record = records.get(value)
                    if record is None:
                        record = records[value] = {}
                else:
                    record = None
            if record is None:
                continue
            term = q.predicate
            kind = read_as.get(term)
            o = q.object
            if kind is not None:
                # The table's own string as the key: one copy, not one per statement.
                predicate, kind = kind
            else:
                predicate = term.value
                if (predicate.startswith(gk) and type(o) is named_node
                        and subject.startswith(actor_prefix)):
                    value = o.value
                    if value.startswith(actor_prefix):
                        direct.add((shared.setdefault(subject, subject),
                                    shared.setdefault(predicate, predicate),
                                    shared.setdefault(value, value)))
                continue
            if kind[0] == "l":  # literal(s); short ones (dates, numbers) are shared
                if type(o) is literal:
                    value = o.value
                    if len(value) <= 12:
                        value = shared.setdefault(value, value)
                else:
                    value = _Wrong(o)
            elif type(o) is named_node:
                value = o.value
                value = shared.setdefault(value, value)
            else:
                value = _Wrong(o)
            if kind[-1] == "s":
                values = record.get(predicate)
                if values is None:
                    record[predicate] = [value]
                elif value not in values:
                    values.append(value)
                continue
            old = record.get(predicate)
            if old is None:
                record[predicate] = value
            elif old != value or type(old) is not type(value):
                if type(old) is _Several:
                    if value not in old:
                        old.append(value)
                else:
                    record[predicate] = _Several([old, value])

    # -- typed access to a record --

    def one(self, node: str, predicate: str, required: bool = False) -> Any:
        value = self.records.get(node, {}).get(predicate)
        if value is None:
            if required:
                raise self.fail(f"<{node}> has no <{predicate}>")
            return None
        if type(value) is _Several:
            shown = ", ".join(sorted(_shown(v, predicate) for v in value))
            raise self.fail(f"<{node}> has several values of <{predicate}>: {shown}")
        return value

    def text(self, node: str, predicate: str, required: bool = False) -> str | None:
        value = self.one(node, predicate, required)
        if type(value) is _Wrong:
            raise self.fail(f"<{node}> <{predicate}> should be a literal, not {value}")
        return value

    def iri(self, node: str, predicate: str, prefix: str, required: bool = False) -> str | None:
        value = self.one(node, predicate, required)
        if value is None:
            return None
        local = _local(value, prefix) if type(value) is not _Wrong else None
        if local is None:
            shown = value if type(value) is _Wrong else f"<{value}>"
            raise self.fail(f"<{node}> <{predicate}> should be an IRI under <{prefix}>: {shown}")
        return local

    def convert(self, node: str, predicate: str, kind: type, required: bool = False) -> Any:
        value = self.text(node, predicate, required)
        if value is None:
            return None
        try:
            if kind is date:
                return _date(value)
            return kind(value)
        except ValueError:
            raise self.fail(
                f"<{node}> <{predicate}> {value!r} is not a valid {kind.__name__}"
            ) from None

    # -- builders --

    def actor(self, node: str, types: list[str]) -> Actor:
        kinds = [_CLASS_TYPES[t] for t in types if t in _CLASS_TYPES]
        # A reasoner may have added the superclasses; keep the most specific type.
        specific = [k for k in kinds if k is not ActorType.ORGANIZATION] or kinds
        actor_id = _local(node, _ACTOR)
        label = self.text(node, _RDFS + "label", required=True)
        record = self.records[node]
        wikidata = None
        for value in record.get(_OWL + "sameAs", ()):
            if type(value) is not _Wrong and value.startswith(_WIKIDATA):
                wikidata = value[len(_WIKIDATA):]
        aliases = tuple(sorted(v for v in record.get(_SKOS + "altLabel", ())
                               if type(v) is not _Wrong))
        try:
            return Actor(
                id=actor_id,
                label=label,
                type=specific[0],
                aliases=aliases,
                wikidata=wikidata,
                country=self.text(node, GK + "iso3"),
                cameo=self.text(node, GK + "cameoCode"),
                role=self.text(node, GK + "office"),
                acts_for=self.iri(node, GK + "actsFor", _ACTOR),
                sector=self.iri(node, GK + "sector", _SECTOR),
            )
        except ValueError as exc:
            raise self.fail(f"<{node}>: {exc}") from None

    def article(self, node: str) -> dict[str, Any]:
        fields = self.articles.get(node)
        if fields is None:
            fields = self.articles[node] = {
                "article": self.text(node, _DCT + "identifier", required=True),
                "title": self.text(node, _DCT + "title"),
                "url": self.text(node, _SCHEMA + "url"),
                "publisher": self.text(node, _DCT + "publisher"),
                "published": self.convert(node, _DCT + "issued", date),
            }
        return fields

    def evidence(self, node: str) -> Evidence:
        fast = self.fast_evidence(node)
        return fast if fast is not None else self.checked_evidence(node)

    def fast_evidence(self, node: str) -> Evidence | None:
        """The evidence when its record is well formed (the common case, read straight from
        the record); None sends it through the checks of :meth:`checked_evidence`."""
        r = self.records.get(node)
        if r is None:
            return None
        article, sentence = r.get(_GK_ARTICLE), r.get(_GK_SENTENCE)
        extractor, confidence = r.get(_GK_EXTRACTOR), r.get(_GK_CONFIDENCE)
        when, start, end = r.get(_GK_DATE), r.get(_GK_START), r.get(_GK_END)
        speaker, trigger = r.get(_GK_SPEAKER), r.get(_GK_TRIGGER)
        cameo, goldstein = r.get(_GK_CAMEO), r.get(_GK_GOLDSTEIN)
        fields = self.articles.get(article) if type(article) is str else None
        if fields is None and type(article) is str and article.startswith(_ARTICLE):
            fields = self.article(article)
        if (fields is None or type(sentence) is not str or type(extractor) is not str
                or type(confidence) is not str
                or type(when) not in _STR_OR_NONE or type(start) not in _STR_OR_NONE
                or type(end) not in _STR_OR_NONE or type(trigger) not in _STR_OR_NONE
                or type(cameo) not in _STR_OR_NONE or type(goldstein) not in _STR_OR_NONE
                or (speaker is not None and (type(speaker) is not str
                                             or not speaker.startswith(_ACTOR)))):
            return None
        try:
            return Evidence(
                **fields,
                sentence=sentence,
                date=None if when is None else _date(when),
                start=None if start is None else int(start),
                end=None if end is None else int(end),
                speaker=None if speaker is None else speaker[len(_ACTOR):],
                trigger=trigger,
                extractor=extractor,
                confidence=float(confidence),
                cameo=cameo,
                goldstein=None if goldstein is None else float(goldstein),
            )
        except ValueError:
            return None

    def checked_evidence(self, node: str) -> Evidence:
        # A field added here goes into fast_evidence too (tests/test_perf_paths.py reads
        # evidence with every field set both ways).
        article = self.iri(node, GK + "article", _ARTICLE, required=True)
        try:
            return Evidence(
                **self.article(_ARTICLE + article),
                sentence=self.text(node, GK + "sentence", required=True),
                date=self.convert(node, GK + "date", date),
                start=self.convert(node, GK + "start", int),
                end=self.convert(node, GK + "end", int),
                speaker=self.iri(node, GK + "speaker", _ACTOR),
                trigger=self.text(node, GK + "trigger"),
                extractor=self.text(node, GK + "extractor", required=True),
                confidence=self.convert(node, GK + "confidence", float, required=True),
                cameo=self.text(node, GK + "cameoCode"),
                goldstein=self.convert(node, GK + "goldstein", float),
            )
        except ValueError as exc:
            raise self.fail(f"<{node}>: {exc}") from None

    def graph(self) -> StanceGraph:
        rdf_type, stance_class = _RDF + "type", GK + "Stance"
        typed = [(node, r[rdf_type]) for node, r in self.records.items() if rdf_type in r]
        graph = StanceGraph()
        for node, types in sorted(typed):
            if node.startswith(_ACTOR) and not _CLASS_TYPES.keys().isdisjoint(types):
                graph.add_actor(self.actor(node, types))
        evidence_cache: dict[str, Evidence] = {}
        for node, types in typed:
            if stance_class in types:
                self.add_stance(graph, node, evidence_cache)
        self.add_direct_triples(graph)
        return graph

    def add_stance(self, graph: StanceGraph, node: str, cache: dict[str, Evidence]) -> None:
        r = self.records[node]
        kind, holder, target = r.get(_GK_STANCE_TYPE), r.get(_GK_HOLDER), r.get(_GK_TARGET)
        if (type(kind) is str and type(holder) is str and type(target) is str
                and kind.startswith(GK) and holder.startswith(_ACTOR)
                and target.startswith(_ACTOR)):
            predicate, subject, object_ = (
                kind[len(GK):], holder[len(_ACTOR):], target[len(_ACTOR):])
        else:
            predicate = self.iri(node, GK + "stanceType", GK, required=True)
            subject = self.iri(node, GK + "holder", _ACTOR, required=True)
            object_ = self.iri(node, GK + "target", _ACTOR, required=True)
        # A well-formed record is read straight; anything else goes through the checks.
        polarity_term, intensity = r.get(_GK_POLARITY), r.get(_GK_GOLDSTEIN)
        polarity = _POLARITY_BY_IRI.get(polarity_term) if type(polarity_term) is str else None
        if polarity is None:
            polarity_term = self.one(node, GK + "polarity", required=True)
            polarity = _POLARITY_BY_IRI.get(polarity_term)
            if polarity is None:
                shown = polarity_term if type(polarity_term) is _Wrong else f"<{polarity_term}>"
                raise self.fail(f"<{node}> has an unknown polarity {shown}")
        try:
            intensity = float(intensity) if type(intensity) is str else None
        except ValueError:
            intensity = None
        if intensity is None:
            intensity = self.convert(node, GK + "goldstein", float, required=True)
        evidence = []
        for ev_node in r.get(_PROV + "wasDerivedFrom", ()):
            found = cache.get(ev_node)
            if found is None:
                found = cache[ev_node] = self.evidence(ev_node)
                # Built: its record is not read again (the cache answers), and freeing it
                # as the graph grows keeps the peak near the graph's own size.
                self.records.pop(ev_node, None)
            evidence.append(found)
        nodes = graph.nx._node
        for end in (subject, object_):
            if end not in nodes:
                raise self.fail(f"<{node}> names actor {end!r}, which has no type and label")
        try:
            stance = Stance(subject, predicate, object_, polarity, intensity,
                            evidence=tuple(evidence))
        except ValueError as exc:
            raise self.fail(f"<{node}>: {exc}") from None
        graph.add_stance(stance)
        # Its direct triple says nothing more: not looked at again (add_direct_triples).
        self.direct.discard((_ACTOR + subject, GK + predicate, _ACTOR + object_))
        # Dates of the edge that no evidence carries (a stance added with a date but no
        # evidence) come back from the stance node's first and last dates.
        data = graph.nx._adj[subject][object_][predicate]
        for key, prop in (("first_seen", _GK_DATE), ("last_seen", _GK_LAST_SEEN)):
            text = r.get(prop)
            if text is None:
                continue
            try:
                when = _date(text) if type(text) is str else None
            except ValueError:
                when = None
            if when is None:
                when = self.convert(node, prop, date)
            if when != data[key]:
                graph.add_stance(
                    Stance(subject, predicate, object_, polarity, stance.intensity, date=when)
                )
        del self.records[node]

    def add_direct_triples(self, graph: StanceGraph) -> None:
        """Direct triples with no stance node (hand-written RDF) become bare stances."""
        ontology = load_ontology()
        # The direct triples that repeat a stance node (all of graphkit's own) were dropped
        # as the stance nodes were built (add_stance).
        for s, p, o in sorted(self.direct):
            name, subject, object_ = _local(p, GK), _local(s, _ACTOR), _local(o, _ACTOR)
            if name not in ontology or graph.has_stance(subject, name, object_):
                continue
            if graph.has_actor(subject) and graph.has_actor(object_):
                graph.add_stance(ontology.stance(subject, name, object_))


def _shown(value: str, predicate: str) -> str:
    return value if type(value) is _Wrong else (
        f"<{value}>" if _READ_AS.get(predicate, "l")[0] == "i" else f'"{value}"')


_GK_ARTICLE, _GK_SENTENCE, _GK_EXTRACTOR = GK + "article", GK + "sentence", GK + "extractor"
_GK_CONFIDENCE, _GK_DATE, _GK_START, _GK_END = (
    GK + "confidence", GK + "date", GK + "start", GK + "end")
_GK_SPEAKER, _GK_TRIGGER = GK + "speaker", GK + "trigger"
_GK_CAMEO, _GK_GOLDSTEIN = GK + "cameoCode", GK + "goldstein"
_GK_STANCE_TYPE, _GK_HOLDER, _GK_TARGET = GK + "stanceType", GK + "holder", GK + "target"
_GK_POLARITY, _GK_LAST_SEEN = GK + "polarity", GK + "lastSeen"
_STR_OR_NONE = frozenset({str, type(None)})

_DATES: dict[str, date] = {}


def _date(text: str) -> date:
    """``date.fromisoformat``, remembered: a graph has few distinct dates."""
    found = _DATES.get(text)
    if found is None:
        found = date.fromisoformat(text)
        if len(_DATES) < 100_000:
            _DATES[text] = found
    return found


def from_quads(
    quads: Iterable[ox.Quad | ox.Triple], *, source: str = "<quads>"
) -> StanceGraph:
    """Rebuild a StanceGraph from quads or triples in graphkit's vocabulary.

    Named graphs are merged (each article graph repeats the stances it supports). Nodes
    that are not graphkit's (other vocabularies, the ontology itself) are ignored.

    Raises
    ------
    InputError
        If a graphkit node is incomplete or inconsistent (``source`` names the input).
    """
    with no_collection():
        reader = _Reader(source)
        reader.add(quads)
        return reader.graph()


# -- files and strings ----------------------------------------------------------------------


def _serialize(graph: StanceGraph, spec: RdfFormatSpec, output: str | IO[bytes] | None) -> bytes:
    """Serialise to a file path or binary stream (returns b"") or to bytes (output None)."""
    if spec.lines:
        writer = _TurtleWriter if spec.oxigraph == ox.RdfFormat.TURTLE else _LineWriter
        if isinstance(output, str):
            with open(output, "wb") as handle:
                _write_lines(graph, spec.dataset, handle, writer)
            return b""
        buffer = io.BytesIO() if output is None else output
        _write_lines(graph, spec.dataset, buffer, writer)
        return buffer.getvalue() if output is None else b""
    quads = to_quads(graph, named_graphs=spec.dataset)
    prefixes = PREFIXES if spec.prefixes else None
    if spec.oxigraph == ox.RdfFormat.JSON_LD:
        from graphkit.jsonld import dumps_compact

        return _emit(dumps_compact(quads, GK, PREFIXES), output)
    if spec.oxigraph != ox.RdfFormat.RDF_XML:
        return ox.serialize(quads, output, spec.oxigraph, prefixes=prefixes) or b""
    data = ox.serialize(quads, None, spec.oxigraph, prefixes=prefixes)
    bad = _XML_FORBIDDEN.search(data)
    if bad:
        raise ValueError(
            f"RDF/XML cannot carry the character {bad.group().decode('utf-8')!r} found in "
            "the graph's text; use Turtle, N-Triples or JSON-LD instead"
        )
    # A raw carriage return would be read back as a newline by XML parsers.
    return _emit(data.replace(b"\r", b"&#13;"), output)


def _emit(data: bytes, output: str | IO[bytes] | None) -> bytes:
    """``data`` to a file path or binary stream (returns b"") or back (output None)."""
    if output is None:
        return data
    if isinstance(output, str):
        Path(output).write_bytes(data)
    else:
        output.write(data)
    return b""


def write(
    graph: StanceGraph,
    target: str | Path | IO,
    format: str | RdfFormatSpec | None = None,
) -> None:
    """Write the graph as RDF; the file appears whole or not at all.

    Parameters
    ----------
    graph : StanceGraph
    target : path or file object
        A path (its suffix chooses the format unless ``format`` is given) or a text or
        binary stream.
    format : str, optional
        A name or suffix of :data:`FORMATS`; required for a stream.

    Raises
    ------
    ValueError
        If the format is unknown, or the graph holds what the format cannot carry.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from graphkit.model import Actor, ActorType
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "g.ttl"
    >>> write(StanceGraph([Actor("chile", "Chile", ActorType.STATE)]), out)
    >>> read(out).number_of_actors()
    1
    """
    if isinstance(target, str | Path):
        spec = get_format(format if format is not None else target)
        with atomic_path(target) as tmp:
            _serialize(graph, spec, str(tmp))
        return
    if format is None:
        raise ValueError("give the format when writing to a stream")
    spec = get_format(format)
    if isinstance(target, io.TextIOBase):
        target.write(_serialize(graph, spec, None).decode("utf-8"))
    else:
        _serialize(graph, spec, target)


def dumps(graph: StanceGraph, format: str | RdfFormatSpec = "turtle") -> str:
    """The graph as RDF text in the given format.

    Examples
    --------
    >>> from graphkit.model import Actor, ActorType
    >>> text = dumps(StanceGraph([Actor("chile", "Chile", ActorType.STATE)]), "turtle")
    >>> "actor:chile a gk:State" in text
    True
    """
    return _serialize(graph, get_format(format), None).decode("utf-8")


def _syntax_error(source: str, exc: SyntaxError) -> InputError:
    return InputError(source, f"invalid RDF: {exc.msg}", exc.lineno)


def read(
    source: str | Path | IO | rdflib.Graph, format: str | RdfFormatSpec | None = None
) -> StanceGraph:
    """Read RDF in graphkit's vocabulary back into a StanceGraph.

    Parameters
    ----------
    source : path, file object or rdflib Graph
        A path (its suffix chooses the format unless ``format`` is given), a stream, or an
        rdflib ``Graph`` / ``Dataset`` already in memory.
    format : str, optional

    Raises
    ------
    InputError
        For a syntax error (with the line when the parser gives it) or graphkit nodes that
        are incomplete or inconsistent.
    """
    if isinstance(source, rdflib.Graph):
        return _read_rdflib(source)
    if isinstance(source, str | Path):
        name = str(source)
        spec = get_format(format if format is not None else source)
        kwargs: dict[str, Any] = {"path": name}
    else:
        name = getattr(source, "name", "<stream>")
        if format is None:
            raise ValueError("give the format when reading from a stream")
        spec = get_format(format)
        kwargs = {"input": source}
    try:
        quads = ox.parse(format=spec.oxigraph, **kwargs)
        return from_quads(quads, source=name)
    except SyntaxError as exc:
        raise _syntax_error(name, exc) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(name, f"cannot read: {exc}") from None


def _read_rdflib(source: rdflib.Graph) -> StanceGraph:
    """An rdflib graph, through N-Quads (or N-Triples) so that pyoxigraph parses it."""
    is_dataset = isinstance(source, rdflib.ConjunctiveGraph)
    data = source.serialize(format="nquads" if is_dataset else "nt", encoding="utf-8")
    fmt = ox.RdfFormat.N_QUADS if is_dataset else ox.RdfFormat.N_TRIPLES
    name = f"<rdflib {type(source).__name__}>"
    try:
        return from_quads(ox.parse(data, format=fmt), source=name)
    except SyntaxError as exc:
        raise _syntax_error(name, exc) from None


def to_rdflib(graph: StanceGraph) -> rdflib.Dataset:
    """The graph as an rdflib Dataset (named graphs per article; queries see the union)."""
    buffer = io.BytesIO()
    _write_lines(graph, True, buffer)
    dataset = rdflib.Dataset(default_union=True)
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace)
    dataset.parse(data=buffer.getvalue(), format="nquads")
    return dataset

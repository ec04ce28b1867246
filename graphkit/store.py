"""Triple stores: the embedded Oxigraph store on disk, and what every kind of load shares.

A graph goes into a store as RDF quads: actors in the default graph, each article's stances
and evidence in the article's named graph (``gkd:article/<hash>``, see :mod:`graphkit.rdf`),
and the ontology in its own named graph :data:`ONTOLOGY_GRAPH`. Loading replaces the named
graphs that the input holds and adds to the default graph, so loading the same input twice
changes nothing.

Queries see the *union* of all graphs as their default graph: the embedded store is queried
with pyoxigraph's ``use_default_graph_as_union``; an Oxigraph server gets the same through
its ``union-default-graph`` query parameter (or ``oxigraph serve --union-default-graph``);
Virtuoso and GraphDB query the union by default; Fuseki needs ``tdb2:unionDefaultGraph``.
The named queries are written for that view and count with ``DISTINCT``, since a stance read
in two articles is in two graphs.

How a load stays safe (embedded store)
--------------------------------------
1. The whole input is parsed once before anything is written (:func:`survey`), so a syntax
   error leaves the store untouched.
2. A source whose named graphs are all new goes in whole: as one transaction (pyoxigraph's
   ``Store.load``) up to :data:`TRANSACTION_LIMIT` quads, above that through the bulk
   loader (``bulk_load`` straight from the file), which writes index files directly.
3. A named graph the store already has is replaced by difference: the source is loaded
   into an in-memory store, the quads of a replaced graph that the source's version lacks
   are removed and the source's quads that the store lacks are added. Reloading unchanged
   articles thus writes nothing. A difference of up to :data:`TRANSACTION_LIMIT` quads is
   written as one SPARQL update, a single transaction (the old graphs or the new ones,
   never a mix, even after a crash); a larger one goes through the bulk loader and is then
   flushed and compacted (``optimize``), so that the store stays near the size of a fresh
   one and the next open does not replay a large write-ahead log.

Loads above :data:`TRANSACTION_LIMIT` changed quads are not one transaction: a crash during
one can leave a replaced graph part old, part new (loading the same file again repairs it).
"""

from __future__ import annotations

import csv
import io
import json
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from graphkit.errors import InputError, OperationError
from graphkit.resources import ontology_file

__all__ = [
    "ONTOLOGY_GRAPH",
    "PREFIXES",
    "LoadReport",
    "QueryResult",
    "RdfSource",
    "StoreError",
    "TRANSACTION_LIMIT",
    "Survey",
    "load",
    "ontology_source",
    "open_store",
    "prepare_sources",
    "query",
    "rdf_source",
    "spreadsheet_safe",
    "store_lock",
    "survey",
    "expand_rdf_folders",
    "Increment",
    "held_articles",
    "incremental_articles",
    "incremental_sources",
    "write_with_hashes",
]

#: The named graph that holds ``ontology/graphkit.ttl`` in a store (the ontology's own IRI).
ONTOLOGY_GRAPH = "https://w3id.org/graphkit/ontology"

#: Prefixes used to shorten IRIs in printed tables.
PREFIXES: dict[str, str] = {
    "gk": "https://w3id.org/graphkit/ontology#",
    "actor": "https://w3id.org/graphkit/id/actor/",
    "stance": "https://w3id.org/graphkit/id/stance/",
    "evidence": "https://w3id.org/graphkit/id/evidence/",
    "article": "https://w3id.org/graphkit/id/article/",
    "gkd": "https://w3id.org/graphkit/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
}

GraphName = ox.NamedNode | ox.BlankNode | ox.DefaultGraph
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

_DATASET_FORMATS = {ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG}
_SUFFIX_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
    ".n3": ox.RdfFormat.N3,
}


class StoreError(OperationError):
    """A store could not be read or written: unreachable server, refused credentials ..."""


# -- sources ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RdfSource:
    """An RDF file to load, read twice (once to check and survey it, once to load it).

    ``to_graph`` puts the triples of a graph format (Turtle, N-Triples ...) into that named
    graph instead of the default graph; dataset formats (N-Quads, TriG) name their own.
    """

    path: Path
    format: ox.RdfFormat
    to_graph: str | None = None

    @property
    def is_dataset(self) -> bool:
        return self.format in _DATASET_FORMATS

    def quads(self) -> Iterator[ox.Quad]:
        """The quads of the file; a syntax error is an :class:`InputError` with its line."""
        graph = ox.NamedNode(self.to_graph) if self.to_graph else None
        try:
            for quad in ox.parse(path=self.path, format=self.format):
                if graph is not None and isinstance(quad.graph_name, ox.DefaultGraph):
                    quad = ox.Quad(quad.subject, quad.predicate, quad.object, graph)
                yield quad
        except SyntaxError as exc:
            raise InputError(self.path, f"invalid RDF: {exc.msg}", exc.lineno) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(self.path, f"cannot read: {exc}") from None


def rdf_source(
    path: str | Path, format: str | ox.RdfFormat | None = None, graph: str | None = None
) -> RdfSource:
    """An :class:`RdfSource` for a file, its format from ``format`` or the file suffix.

    Parameters
    ----------
    path : str or Path
    format : str or pyoxigraph.RdfFormat, optional
        A format object, a suffix (``"nq"``), or a media type.
    graph : str, optional
        The named graph for the triples of a graph format (an IRI).

    Raises
    ------
    InputError
        If the file is missing, the format unknown, or ``graph`` is not an IRI.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "no such file")
    fmt = _rdf_format(path, format)
    if graph is not None:
        try:
            ox.NamedNode(graph)
        except ValueError as exc:
            raise InputError(path, f"the target graph {graph!r} is not an IRI: {exc}") from None
        if fmt in _DATASET_FORMATS:
            raise InputError(path, "a dataset format names its own graphs; drop the graph")
    return RdfSource(path, fmt, graph)


def _rdf_format(path: Path, format: str | ox.RdfFormat | None) -> ox.RdfFormat:
    if isinstance(format, ox.RdfFormat):
        return format
    if format is None:
        fmt = _SUFFIX_FORMATS.get(path.suffix.lower())
    else:
        text = format.lower().lstrip(".")
        fmt = (ox.RdfFormat.from_media_type(text) if "/" in text
               else _SUFFIX_FORMATS.get("." + text) or _named_format(text))
    if fmt is None:
        known = " ".join(sorted(_SUFFIX_FORMATS))
        raise InputError(path, f"unknown RDF format; use one of the suffixes {known}")
    return fmt


def _named_format(name: str) -> ox.RdfFormat | None:
    try:
        from graphkit.rdf import get_format

        return get_format(name).oxigraph
    except (ImportError, ValueError):
        return None


def ontology_source() -> RdfSource:
    """graphkit's ontology (``ontology/graphkit.ttl``), bound for :data:`ONTOLOGY_GRAPH`."""
    return RdfSource(ontology_file("graphkit.ttl"), ox.RdfFormat.TURTLE, ONTOLOGY_GRAPH)


# -- surveying --------------------------------------------------------------------------------


@dataclass
class Survey:
    """What a source holds: quads per graph (in order of first appearance), and the graphs
    whose quads are not all next to each other in the file."""

    counts: dict[GraphName, int] = field(default_factory=dict)
    scattered: set[GraphName] = field(default_factory=set)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def named(self) -> list[ox.NamedNode]:
        """The named graphs (blank-node graph names cannot be replaced and are only added)."""
        return [g for g in self.counts if isinstance(g, ox.NamedNode)]


def survey(source: RdfSource) -> Survey:
    """Parse the whole source once: checks its syntax and counts quads per graph.

    Raises
    ------
    InputError
        On a syntax error, naming the file and line; nothing has been written then.
    """
    result = Survey()
    counts = result.counts
    current: Any = None
    for quad in source.quads():
        graph = quad.graph_name
        if graph != current:
            if graph in counts:
                result.scattered.add(graph)
            current = graph
        counts[graph] = counts.get(graph, 0) + 1
    return result


# -- reports ----------------------------------------------------------------------------------


@dataclass
class LoadReport:
    """What a load did: which named graphs were new or replaced, how many triples, how fast.

    The report never holds credentials; ``target`` is the store folder or the URL without
    any user information.
    """

    target: str
    sources: list[str] = field(default_factory=list)
    new_graphs: list[str] = field(default_factory=list)
    replaced_graphs: list[str] = field(default_factory=list)
    default_triples: int = 0
    triples: int = 0
    seconds: float = 0.0
    requests: int = 0
    #: Staging graphs left by an earlier, failed load and dropped by this one.
    stale_staging_dropped: int = 0

    @property
    def rate(self) -> float:
        """Triples per second."""
        return self.triples / self.seconds if self.seconds > 0 else 0.0

    def rows(self) -> list[tuple[str, str]]:
        """The report as (label, value) rows for printing."""
        rows = [
            ("target", self.target),
            ("sources", ", ".join(self.sources)),
            ("triples", str(self.triples)),
            ("named graphs new", str(len(self.new_graphs))),
            ("named graphs replaced", str(len(self.replaced_graphs))),
            ("default graph triples", str(self.default_triples)),
            ("seconds", f"{self.seconds:.2f}"),
            ("triples/s", f"{self.rate:,.0f}"),
        ]
        if self.requests:
            rows.append(("HTTP requests", str(self.requests)))
        if self.stale_staging_dropped:
            rows.append(("stale staging graphs dropped", str(self.stale_staging_dropped)))
        return rows


# -- the embedded store -----------------------------------------------------------------------


def open_store(location: str | Path | None = None) -> ox.Store:
    """Open (or create) an on-disk Oxigraph store; in memory when ``location`` is None.

    Raises
    ------
    StoreError
        If the folder cannot be opened (for instance, another process holds it).
    """
    if location is None:
        return ox.Store()
    path = Path(location)
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path}: not a store folder")
    try:
        return ox.Store(str(path))
    except OSError as exc:
        raise StoreError(f"{path}: cannot open the store: {exc}") from None


class _FolderLock:
    """An exclusive lock on a store folder (``graphkit.lock`` beside it), held for a load, so
    that two loads of one store are serialised: the second is refused at once."""

    def __init__(self, folder: str | Path) -> None:
        self.path = Path(str(folder).rstrip("/") + ".graphkit-lock")
        self.handle: IO[str] | None = None

    def __enter__(self) -> _FolderLock:
        import fcntl

        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held until exit
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise StoreError(f"{self.path.with_suffix('')}: another graphkit load is using "
                             f"this store ({holder}); wait for it to finish") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"process {os.getpid()}\n")
        handle.flush()
        self.handle = handle
        return self

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None:
            self.handle.close()
            self.handle = None


def store_lock(folder: str | Path) -> _FolderLock:
    """The load lock of an embedded store folder (a context manager).

    Raises
    ------
    StoreError
        If another process holds it.
    """
    return _FolderLock(folder)


def load(
    store: ox.Store,
    sources: Iterable[RdfSource],
    *,
    ontology: bool = True,
    batch_size: int = 20_000,
    target: str = "<embedded store>",
) -> LoadReport:
    """Load RDF files into an embedded store, replacing the named graphs they hold.

    Parameters
    ----------
    store : pyoxigraph.Store
    sources : iterable of RdfSource
        Files from :func:`rdf_source` (a StanceGraph is written to N-Quads first).
    ontology : bool
        Also (re)load graphkit's ontology into :data:`ONTOLOGY_GRAPH`, which the named
        queries need for the stance type hierarchy.
    batch_size : int
        Unused (kept for callers); the bulk loader chooses its own batches.
    target : str
        How the report names the store.

    Returns
    -------
    LoadReport

    Raises
    ------
    InputError
        If a source is not valid RDF; the store is then unchanged for that source.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "a.nq"
    >>> _ = path.write_text('<http://ex/a> <http://ex/p> "x" <http://ex/g> .\\n')
    >>> store = open_store()
    >>> load(store, [rdf_source(path)], ontology=False).new_graphs
    ['http://ex/g']
    >>> load(store, [rdf_source(path)], ontology=False).replaced_graphs
    ['http://ex/g']
    >>> len(store)
    1
    """
    report = LoadReport(target=target)
    started = time.perf_counter()
    all_sources = [*([ontology_source()] if ontology else []), *sources]
    for source in all_sources:
        report.sources.append(source.path.name)
        _load_one(store, source, report, batch_size)
    report.seconds = time.perf_counter() - started
    return report


#: Up to this many changed quads, a load is one transaction (all of it or nothing); above,
#: the bulk loader writes it (far faster for large loads, but not one transaction).
TRANSACTION_LIMIT = 100_000


def _load_one(store: ox.Store, source: RdfSource, report: LoadReport, batch_size: int) -> None:
    seen = survey(source)
    existing = {g for g in seen.named if store.contains_named_graph(g)}
    to_graph = ox.NamedNode(source.to_graph) if source.to_graph else None
    try:
        if not existing:
            if seen.total <= TRANSACTION_LIMIT:
                store.load(path=str(source.path), format=source.format, to_graph=to_graph)
            else:
                store.bulk_load(path=str(source.path), format=source.format,
                                to_graph=to_graph)
        else:
            _replace(store, source, existing, to_graph)
    except OSError as exc:
        raise StoreError(f"{report.target}: writing failed: {exc}") from None
    for graph, count in seen.counts.items():
        report.triples += count
        if isinstance(graph, ox.DefaultGraph):
            report.default_triples += count
        elif graph in existing:
            report.replaced_graphs.append(graph.value)
        else:
            report.new_graphs.append(str(getattr(graph, "value", graph)))


@dataclass
class _Change:
    """What a load changes in a store: quads to remove and to add, per graph."""

    removed: dict[GraphName, list[ox.Quad]] = field(default_factory=dict)
    added: dict[GraphName, list[ox.Quad]] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return sum(map(len, self.removed.values())) + sum(map(len, self.added.values()))

    @property
    def blank(self) -> bool:
        """Whether a quad has a blank node (which SPARQL ``DELETE DATA`` cannot name)."""
        blank = ox.BlankNode
        return any(type(q.subject) is blank or type(q.object) is blank
                   or type(q.graph_name) is blank or type(q.subject) is ox.Triple
                   or type(q.object) is ox.Triple
                   for quads in (*self.removed.values(), *self.added.values())
                   for q in quads)


def _replace(store: ox.Store, source: RdfSource, existing: set[ox.NamedNode],
             to_graph: ox.NamedNode | None) -> None:
    """Replace the named graphs the source holds (and add to the default graph) by writing
    only the difference: quads of a replaced graph that the source lacks are removed, and
    the source's quads the store lacks are added.

    Both sides are compared as stores keep them (``"-6.0"^^xsd:decimal`` is stored as
    ``"-6"``): the source goes into an in-memory store first, and membership is tested
    store against store. A replaced graph's old quads are only read back when the source's
    version does not hold all of them (reading terms back from the disk is the slow part).
    A change of at most :data:`TRANSACTION_LIMIT` quads is written as one SPARQL update, a
    single transaction; a larger one goes through the bulk loader and is then flushed and
    compacted, so that the store stays near the size of a fresh one.
    """
    incoming = ox.Store()
    incoming.bulk_load(path=str(source.path), format=source.format, to_graph=to_graph)
    change = _difference(store, incoming, existing, TRANSACTION_LIMIT)
    if change is not None and not change.size:
        return
    if change is not None and not change.blank:
        store.update(_update_text(change))
        store.flush()
        return
    if change is not None:  # small, but with blank nodes
        for quads in change.removed.values():
            for quad in quads:
                store.remove(quad)
        store.bulk_extend(q for quads in change.added.values() for q in quads)
    else:  # large: streamed through the bulk loader, never held in memory
        _replace_streaming(store, incoming, existing)
    store.flush()
    store.optimize()


def _graphs(incoming: ox.Store) -> list[GraphName]:
    return [ox.DefaultGraph(), *sorted(incoming.named_graphs(), key=str)]


def _replace_streaming(store: ox.Store, incoming: ox.Store, existing: set[ox.NamedNode]) -> None:
    """What :func:`_difference` finds, written as it is found: the quads the store lacks
    through the bulk loader, then each replaced graph's stale quads removed."""
    old_counts = _stored_counts(store, existing)
    present: dict[GraphName, int] = {}

    def missing() -> Iterator[ox.Quad]:
        for graph in _graphs(incoming):
            count = 0
            for quad in incoming.quads_for_pattern(None, None, None, graph):
                if quad in store:
                    count += 1
                else:
                    yield quad
            present[graph] = count

    store.bulk_extend(missing())
    for graph in existing:
        if present.get(graph, 0) < old_counts.get(graph.value, 0):
            # (the quads just added are in ``incoming``: only the stale ones go)
            for quad in [q for q in store.quads_for_pattern(None, None, None, graph)
                         if q not in incoming]:
                store.remove(quad)


def _stored_counts(store: ox.Store, graphs: Iterable[ox.NamedNode]) -> dict[str, int]:
    """The number of quads in each of ``graphs``: one constant query, each graph bound to
    ``?g`` as a term (never spliced into the text)."""
    counts = {}
    for graph in graphs:
        rows = store.query(_COUNT_GRAPH, substitutions={_G: graph})
        counts[graph.value] = sum(int(row["n"].value) for row in rows)
    return counts


_G = ox.Variable("g")
_COUNT_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def _difference(store: ox.Store, incoming: ox.Store, existing: set[ox.NamedNode],
                limit: int) -> _Change | None:
    """The quads to remove and to add; None as soon as they are more than ``limit``."""
    change = _Change()
    old_counts = _stored_counts(store, existing)
    size = 0
    for graph in _graphs(incoming):
        added, present = [], 0
        for quad in incoming.quads_for_pattern(None, None, None, graph):
            if quad in store:
                present += 1
            else:
                added.append(quad)
        if added:
            change.added[graph] = added
            size += len(added)
        # The default graph is only added to; a replaced graph loses what the source lacks.
        if (isinstance(graph, ox.NamedNode) and graph in existing
                and present < old_counts.get(graph.value, 0)):
            stale = old_counts[graph.value] - present
            if size + stale > limit:
                return None
            change.removed[graph] = [q for q in store.quads_for_pattern(None, None, None, graph)
                                     if q not in incoming]
            size += stale
        if size > limit:
            return None
    return change


def _update_text(change: _Change) -> str:
    """One SPARQL update, ``DELETE DATA`` then ``INSERT DATA``. Every term is written by
    pyoxigraph's N-Triples serialiser (validated IRIs, escaped literals: valid SPARQL data as
    they are) and every graph name is a validated IRI; blank nodes never get here."""

    def blocks(quads_by_graph: dict[GraphName, list[ox.Quad]]) -> str:
        parts = []
        for graph, quads in quads_by_graph.items():
            if not isinstance(graph, ox.NamedNode | ox.DefaultGraph):
                raise TypeError(f"no SPARQL data for graph name {graph!r}")
            body = ox.serialize([q.triple for q in quads],
                                format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
            parts.append(body if isinstance(graph, ox.DefaultGraph)
                         else f"GRAPH {graph} {{\n{body}}}")
        return "\n".join(parts)

    operations = []
    if change.removed:
        operations.append(f"DELETE DATA {{\n{blocks(change.removed)}\n}}")
    if change.added:
        operations.append(f"INSERT DATA {{\n{blocks(change.added)}\n}}")
    return " ;\n".join(operations)


def query(store: ox.Store, sparql: str) -> QueryResult:
    """Run a SPARQL query on the embedded store, its default graph the union of all graphs.

    Raises
    ------
    InputError
        If the query is not valid SPARQL (the source is ``<query>``).
    """
    try:
        result = store.query(sparql, use_default_graph_as_union=True)
        return QueryResult.from_oxigraph(result)
    except SyntaxError as exc:
        raise InputError("<query>", f"invalid SPARQL: {exc}") from None
    except (OSError, RuntimeError) as exc:
        # e.g. a SERVICE clause: the embedded store does not call out to other servers
        raise StoreError(f"the query failed: {exc}") from None


# -- query results ----------------------------------------------------------------------------


@dataclass
class QueryResult:
    """The answer of a query: rows of terms (SELECT), a boolean (ASK) or triples (CONSTRUCT).

    Both the embedded store and HTTP endpoints return this, so the two print alike.
    """

    variables: list[str] = field(default_factory=list)
    rows: list[tuple[Term | None, ...]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] | None = None

    @classmethod
    def from_oxigraph(cls, result: Any) -> QueryResult:
        if isinstance(result, ox.QueryBoolean):
            return cls(boolean=bool(result))
        if isinstance(result, ox.QueryTriples):
            return cls(triples=list(result))
        variables = [v.value for v in result.variables]
        rows = [tuple(solution[name] for name in variables) for solution in result]
        return cls(variables=variables, rows=rows)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> QueryResult:
        """Read SPARQL 1.1 JSON results (also the older ``typed-literal`` form)."""
        if "boolean" in data:
            return cls(boolean=bool(data["boolean"]))
        variables = list(data.get("head", {}).get("vars", []))
        rows = []
        for binding in data.get("results", {}).get("bindings", []):
            rows.append(tuple(_json_term(binding.get(name)) for name in variables))
        return cls(variables=variables, rows=rows)

    def __len__(self) -> int:
        return len(self.rows)

    def values(self) -> list[dict[str, str | None]]:
        """Rows as dicts of plain strings: IRIs, lexical forms, ``_:`` blank nodes."""
        return [dict(zip(self.variables, map(plain, row), strict=True)) for row in self.rows]

    def column(self, name: str) -> list[str | None]:
        """The plain values of one variable."""
        index = self.variables.index(name)
        return [plain(row[index]) for row in self.rows]

    def write(self, output: IO[str], format: str = "csv") -> None:
        """Write as ``csv`` (header, then one line per row), ``tsv`` or ``json`` (SPARQL
        1.1 results formats; ASK gives ``true``/``false``, CONSTRUCT N-Triples)."""
        if self.triples is not None:
            output.write(ox.serialize(self.triples, format=ox.RdfFormat.N_TRIPLES).decode())
            return
        if format == "json":
            json.dump(self.to_json(), output, ensure_ascii=False, indent=1)
            output.write("\n")
        elif self.boolean is not None:
            output.write(("true" if self.boolean else "false") + "\n")
        elif format == "csv":
            writer = csv.writer(output, lineterminator="\n")
            writer.writerow(self.variables)
            writer.writerows([spreadsheet_safe("" if v is None else v)
                              for v in map(plain, row)] for row in self.rows)
        elif format == "tsv":
            output.write("\t".join("?" + v for v in self.variables) + "\n")
            for row in self.rows:
                output.write("\t".join("" if t is None else str(t) for t in row) + "\n")
        else:
            raise ValueError(f"unknown result format {format!r}: use csv, tsv or json")

    def dumps(self, format: str = "csv") -> str:
        buffer = io.StringIO()
        self.write(buffer, format)
        return buffer.getvalue()

    def to_json(self) -> dict[str, Any]:
        """SPARQL 1.1 Query Results JSON."""
        if self.boolean is not None:
            return {"head": {}, "boolean": self.boolean}
        bindings = [
            {name: _term_json(term) for name, term in zip(self.variables, row, strict=True)
             if term is not None}
            for row in self.rows
        ]
        return {"head": {"vars": self.variables}, "results": {"bindings": bindings}}

    def table_rows(self, prefixes: dict[str, str] | None = None) -> list[list[str]]:
        """Rows of short strings for a printed table (IRIs shortened with ``prefixes``)."""
        prefixes = PREFIXES if prefixes is None else prefixes
        return [[_short(term, prefixes) for term in row] for row in self.rows]


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet will not run as a formula (OWASP CSV injection): a cell that
    starts with ``= + - @``, a tab or a carriage return gets a leading ``'``.

    Examples
    --------
    >>> spreadsheet_safe("=cmd|' /C calc'!A0"), spreadsheet_safe("Chile")
    ("'=cmd|' /C calc'!A0", 'Chile')
    """
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def plain(term: Term | None) -> str | None:
    """The plain string of a term: an IRI, a literal's lexical form, ``_:id`` for a blank."""
    if term is None:
        return None
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Triple):
        return str(term)
    return term.value


def _short(term: Term | None, prefixes: dict[str, str]) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        best = max((ns for ns in prefixes.values() if term.value.startswith(ns)),
                   key=len, default=None)
        if best is not None:
            name = next(p for p, ns in prefixes.items() if ns == best)
            return f"{name}:{term.value[len(best):]}"
    return plain(term) or ""


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _term_json(term: Term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}


def _json_term(data: dict[str, Any] | None) -> Term | None:
    if data is None:
        return None
    kind, value = data.get("type"), data.get("value", "")
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if "xml:lang" in data:
        return ox.Literal(value, language=data["xml:lang"])
    if data.get("datatype"):
        return ox.Literal(value, datatype=ox.NamedNode(data["datatype"]))
    return ox.Literal(value)


# -- inputs -----------------------------------------------------------------------------------


def prepare_sources(
    inputs: Sequence[str | Path],
    folder: Path,
    *,
    graph: str | None = None,
    format: str | None = None,
    build: Any = None,
) -> list[RdfSource]:
    """Turn command-line inputs into RDF files to load.

    N-Quads and TriG files are loaded as they are (their named graphs are replaced); a file
    in a graph format goes into ``graph`` when one is given. Everything else (articles,
    folders, curated statements, graphkit's Turtle or JSON-LD files) is built into one
    StanceGraph by ``build`` (default :func:`graphkit.build.build_graph`) and written to
    N-Quads in ``folder``, so that every article gets its own named graph.

    Raises
    ------
    InputError
        For a missing input or an unknown format.
    """
    sources: list[RdfSource] = []
    rest: list[str] = []
    for item in inputs:
        path = Path(item)
        if str(item) != "-" and path.is_file():
            try:
                fmt: ox.RdfFormat | None = _rdf_format(path, format)
            except InputError:
                fmt = None
            if fmt in _DATASET_FORMATS:
                sources.append(RdfSource(path, fmt))
                continue
            if fmt is not None and graph is not None:
                sources.append(rdf_source(path, fmt, graph))
                continue
        rest.append(str(item))
    if rest:
        from graphkit import rdf

        if build is None:
            from graphkit.build import build_graph as build
        built = build(rest)
        target = folder / "graph.nq"
        rdf.write(built, target, format="nquads")
        sources.append(RdfSource(target, ox.RdfFormat.N_QUADS))
    return sources


def expand_rdf_folders(inputs: Sequence[str | Path]) -> list[str]:
    """Inputs with each folder of N-Quads or TriG shards (and no articles) replaced by its
    files in sorted order, as ``graphkit extract --shards`` writes them."""
    out: list[str] = []
    for item in inputs:
        path = Path(item)
        if str(item) != "-" and path.is_dir():
            files = sorted(p for p in path.iterdir() if p.is_file()
                           and not p.name.startswith("."))
            if files and all(_SUFFIX_FORMATS.get(p.suffix.lower()) in _DATASET_FORMATS
                             for p in files):
                out.extend(str(p) for p in files)
                continue
        out.append(str(item))
    return out


# -- incremental loads ------------------------------------------------------------------------

#: The predicate of an article's content hash, kept in the article's own named graph.
CONTENT_HASH = PREFIXES["gk"] + "contentHash"
_ARTICLE_NS = PREFIXES["article"]
_DCT_IDENTIFIER = "http://purl.org/dc/terms/identifier"
_RDF_TYPE = PREFIXES["rdf"] + "type"


def held_articles(target: Any, iris: Sequence[str]) -> dict[str, str]:
    """The content hashes a store holds for these article IRIs (``{iri: hash}``).

    ``target`` is an embedded :class:`pyoxigraph.Store` or a
    :class:`graphkit.sparql_http.Endpoint`; a SPARQL server is asked in batches of 500 IRIs.
    Article IRIs are hashes made by graphkit, so they are safe to write into a query.
    """
    found: dict[str, str] = {}
    predicate = ox.NamedNode(CONTENT_HASH)
    if isinstance(target, ox.Store):
        for iri in iris:
            node = ox.NamedNode(iri)
            for quad in target.quads_for_pattern(node, predicate, None, node):
                found[iri] = quad.object.value
        return found
    from graphkit import sparql_http

    for start in range(0, len(iris), 500):
        term = sparql_http.sparql_term
        values = " ".join(term(ox.NamedNode(i)) for i in iris[start:start + 500])
        rows = sparql_http.query(target, f"SELECT ?a ?h WHERE {{ VALUES ?a {{ {values} }} "
                                         f"GRAPH ?a {{ ?a {term(predicate)} ?h }} }}")
        for row in rows.values():
            if row["a"] and row["h"]:
                found[row["a"]] = row["h"]
    return found


@dataclass
class Increment:
    """What an incremental load found: articles new, changed, and already held unchanged."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    hashes: dict[str, tuple[str, str]] = field(default_factory=dict)

    def rows(self) -> list[tuple[str, str]]:
        return [("articles new", str(self.new)), ("articles changed", str(self.changed)),
                ("articles unchanged (skipped)", str(self.unchanged))]


def incremental_articles(articles: Iterable[Any], target: Any, increment: Increment,
                         batch: int = 500) -> Iterator[Any]:
    """The articles a store does not hold with the same content, read as they come.

    An article whose identity and content hash the store already holds is skipped (and not
    extracted again); a new or changed one is passed on, its hash noted in ``increment``.
    """
    from graphkit.rdf import article_iri

    def flush(pending: list[Any]) -> Iterator[Any]:
        iris = [article_iri(a.id) for a in pending]
        held = held_articles(target, list(dict.fromkeys(iris)))
        for article, iri in zip(pending, iris, strict=True):
            digest = article.content_hash
            if held.get(iri) == digest or increment.hashes.get(iri, ("", ""))[1] == digest:
                increment.unchanged += 1
                continue
            if iri in held:
                increment.changed += 1
            else:
                increment.new += 1
            increment.hashes[iri] = (article.id, digest)
            yield article

    pending: list[Any] = []
    for article in articles:
        pending.append(article)
        if len(pending) >= batch:
            yield from flush(pending)
            pending = []
    yield from flush(pending)


def _graph_of(line: bytes) -> bytes | None:
    """The graph name of an N-Quads line as graphkit writes them, for article graphs."""
    body = line.rstrip()
    if not body.endswith(b" ."):
        return None
    last = body[:-2].rsplit(b" ", 1)[-1]
    return last if last.startswith(b"<" + _ARTICLE_NS.encode()) and last.endswith(b">") \
        else None


def write_with_hashes(graph: Any, hashes: dict[str, tuple[str, str]], target: Path) -> None:
    """Write ``graph`` as N-Quads with each article's content hash in its named graph.

    The hash quads follow the article's own quads, so each graph stays in one run of lines;
    an article that gave no stance gets a graph of its own holding its id and hash, so that
    the next incremental load knows it too.
    """
    from graphkit import rdf
    from graphkit.atomic import atomic_path

    pending = dict(hashes)

    def hash_lines(iri: str) -> bytes:
        article_id, digest = pending.pop(iri)
        node = ox.NamedNode(iri)
        quads = [ox.Quad(node, ox.NamedNode(CONTENT_HASH), ox.Literal(digest), node)]
        if not written.get(iri):
            quads += [ox.Quad(node, ox.NamedNode(_RDF_TYPE),
                              ox.NamedNode(PREFIXES["gk"] + "Article"), node),
                      ox.Quad(node, ox.NamedNode(_DCT_IDENTIFIER), ox.Literal(article_id), node)]
        return "".join(f"{q} .\n" for q in quads).encode("utf-8")

    written: dict[str, bool] = {}
    plain = target.with_name(target.name + ".stances.nq")
    rdf.write(graph, plain, format="nquads")
    try:
        with open(plain, "rb") as src, atomic_path(target) as tmp, open(tmp, "wb") as out:
            current: str | None = None
            for line in src:
                name = _graph_of(line)
                iri = name[1:-1].decode() if name is not None else None
                if iri != current:
                    if current in pending:
                        out.write(hash_lines(current))
                    current = iri
                    if iri is not None:
                        written[iri] = True
                out.write(line)
            if current in pending:
                out.write(hash_lines(current))
            for iri in list(pending):
                out.write(hash_lines(iri))
    finally:
        plain.unlink(missing_ok=True)


def incremental_sources(articles: Iterable[Any], target: Any, folder: Path,
                        build: Any = None) -> tuple[list[RdfSource], Increment]:
    """RDF to load for an incremental update: only the new and changed ``articles``.

    ``build`` turns the articles to extract into a StanceGraph (default
    :func:`graphkit.extract.pipeline.build_graph`). Returns the N-Quads source (none when
    nothing is new) and what was found.
    """
    if build is None:
        from graphkit.extract.pipeline import build_graph as build
    increment = Increment()
    graph = build(incremental_articles(articles, target, increment))
    if not increment.hashes:
        return [], increment
    path = folder / "increment.nq"
    write_with_hashes(graph, increment.hashes, path)
    return [RdfSource(path, ox.RdfFormat.N_QUADS)], increment

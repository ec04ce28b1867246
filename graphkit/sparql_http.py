"""Load into, and query, any SPARQL 1.1 server over HTTP (Graph Store Protocol + Protocol).

Loading streams the input in batches of N-Triples or N-Quads (one batch in memory at a time)
and keeps each named graph whole: after a failed load every named graph of the input is
either exactly as it was before, or wholly replaced by the new content. How:

* The input is parsed once before anything is sent (a syntax error sends nothing), and the
  server is asked which of the input's named graphs it already has.
* A named graph that fits in one batch, and whose quads are together in the file, is sent
  in a **single request** that the server applies atomically: a Graph Store ``PUT`` (which
  replaces the graph) or, for an Oxigraph server and a graph it does not have yet, part of
  one N-Quads ``POST`` (one transaction per request in Oxigraph).
* Any other named graph (larger than a batch, scattered through the file, or an existing
  graph on a server loaded with N-Quads) is streamed into a **staging graph**
  ``urn:graphkit:staging:<uuid>:<n>`` (``PUT`` then ``POST``\\ s), and only when every batch
  has arrived is it swapped in with one SPARQL Update (drop target, copy, drop staging),
  which the server runs as one update request. If the load fails before the swap, the staging
  graphs are dropped (best effort) and the targets were never touched.
* Staged triples carry their predicate inside ``urn:graphkit:staged:<predicate IRI>``, and the
  swap restores it: no query (graphkit's or a user's) can match a half-loaded staging graph,
  even through the union default graph. Staging graphs a crash left behind are dropped at the
  start of the next load.
* A load takes a lock on the server first (a triple in the graph ``urn:graphkit:lock``,
  refreshed while the load runs), so two loads never mix their graphs: the second is refused
  with who holds the lock. A lock whose process is gone (same host) or that has not been
  refreshed for ten minutes is broken by the next load.
* Every remote call (with its retries) ends within ``timeout`` seconds.
* The default graph (actors) is only ever added to.

Credentials come from options or the environment (``GRAPHKIT_USER``, ``GRAPHKIT_PASSWORD``,
``GRAPHKIT_TOKEN``) and are never printed, logged or put in an error message; URLs are shown
without user information.
"""

from __future__ import annotations

import os
import random
import socket
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pyoxigraph as ox
import requests

from graphkit.errors import InputError
from graphkit.store import (
    LoadReport,
    QueryResult,
    RdfSource,
    StoreError,
    Survey,
    ontology_source,
    survey,
)

__all__ = [
    "LOCK_GRAPH",
    "PRESETS",
    "STAGED_PREDICATE",
    "STAGING_PREFIX",
    "Endpoint",
    "LoadInterrupted",
    "LockHeld",
    "ServerPreset",
    "load",
    "query",
    "update",
]

STAGING_PREFIX = "urn:graphkit:staging:"
#: A staged triple's predicate ``p`` is sent as ``<urn:graphkit:staged:p>``.
STAGED_PREDICATE = "urn:graphkit:staged:"
#: The graph that holds the load lock, and its one predicate.
LOCK_GRAPH = "urn:graphkit:lock"
_HELD_BY = "urn:graphkit:heldBy"


def sparql_term(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> str:
    r"""A pyoxigraph term written for a SPARQL text: the one way values reach a query or
    update sent over HTTP (SPARQL 1.1 Protocol has no bound parameters). pyoxigraph
    validates IRIs and escapes literals; a plain string is refused.

    >>> print(sparql_term(ox.Literal('say "hi" } ;')))
    "say \"hi\" } ;"
    >>> sparql_term("<urn:x>")
    Traceback (most recent call last):
    TypeError: not a pyoxigraph term: '<urn:x>'
    """
    if not isinstance(term, ox.NamedNode | ox.Literal | ox.BlankNode):
        raise TypeError(f"not a pyoxigraph term: {term!r}")
    return str(term)


_LOCK = sparql_term(ox.NamedNode(LOCK_GRAPH))
_STAGED_PREFIX = sparql_term(ox.Literal(STAGED_PREDICATE))
_HELD = sparql_term(ox.NamedNode(_HELD_BY))
_HOLDERS_QUERY = f"SELECT ?h WHERE {{ GRAPH {_LOCK} {{ {_LOCK} {_HELD} ?h }} }}"
#: A lock not refreshed for this long is taken to belong to a load that died.
LOCK_STALE_SECONDS = 600.0
_HEARTBEAT_SECONDS = 60.0
#: Tries at the load lock when other loads keep taking it at the same moment.
_LOCK_ATTEMPTS = 5


class LockHeld(StoreError):
    """Another graphkit load holds the server's lock."""


class LoadInterrupted(StoreError):
    """The user interrupted a load before it completed (exit status 130)."""

    exit_status = 130
_RESULTS_JSON = "application/sparql-results+json"


@dataclass(frozen=True)
class ServerPreset:
    """Where a kind of server keeps its endpoints, relative to a base URL.

    ``dataset_post``: the Graph Store endpoint accepts an N-Quads ``POST`` without a graph
    (Oxigraph does). ``query_params``: sent with every query (Oxigraph's union default graph).
    ``default_graph``: where the default graph's triples go on a server whose Graph Store
    endpoint has no default graph (Virtuoso queries the union of its graphs anyway).
    """

    name: str
    store: str
    query: str
    update: str
    graph_param: str = "graph"
    dataset_post: bool = False
    auth: str = "basic"
    query_params: tuple[tuple[str, str], ...] = ()
    default_graph: str | None = None


PRESETS: dict[str, ServerPreset] = {
    p.name: p
    for p in (
        ServerPreset("oxigraph", "/store", "/query", "/update", dataset_post=True,
                     query_params=(("union-default-graph", ""),)),
        # base: http://host:3030/DATASET
        ServerPreset("fuseki", "/data", "/query", "/update"),
        # base: http://host:7200/repositories/REPOSITORY
        ServerPreset("graphdb", "/rdf-graphs/service", "", "/statements"),
        ServerPreset("virtuoso", "/sparql-graph-crud-auth", "/sparql", "/sparql-auth",
                     graph_param="graph-uri", auth="digest",
                     default_graph="https://w3id.org/graphkit/id/graph/default"),
    )
}


def _redact(url: str) -> str:
    """The URL without user information, for messages."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


def _guess_preset(url: str) -> tuple[ServerPreset | None, str]:
    """The preset whose Graph Store path ends ``url`` (or Oxigraph's ``/query``, ``/update``),
    and the base URL. ``/sparql`` is too common a path to say which server it is."""
    path = urlsplit(url).path.rstrip("/")
    oxigraph = PRESETS["oxigraph"]
    candidates = [(p, p.store) for p in PRESETS.values()]
    candidates += [(oxigraph, oxigraph.query), (oxigraph, oxigraph.update)]
    for preset, suffix in candidates:
        if path.endswith(suffix):
            return preset, url.rstrip("/")[: -len(suffix)]
    return None, url.rstrip("/")


@dataclass
class Endpoint:
    """A SPARQL 1.1 server: its Graph Store, query and update URLs, and how to talk to it.

    Build one with :meth:`from_options`. ``auth`` is a requests auth object or None; a
    bearer token goes in ``headers``; neither is ever shown (see ``__repr__``).
    ``bulk``: on an Oxigraph server, load batches with its bulk loader (``no_transaction``),
    about twice as fast, at the price of the per-request transaction: a server that dies
    during a request may keep part of a new graph (staged graphs stay safe).
    """

    store_url: str | None
    query_url: str | None
    update_url: str | None
    preset: ServerPreset | None = None
    auth: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    timeout: float = 300.0
    connect_timeout: float = 10.0
    retries: int = 3
    backoff: float = 0.5
    bulk: bool = False
    request_count: int = 0
    session: requests.Session = field(default_factory=requests.Session)

    def __repr__(self) -> str:
        return (f"Endpoint(store={self.store_url!r}, query={self.query_url!r}, "
                f"update={self.update_url!r})")

    @classmethod
    def from_options(
        cls,
        endpoint: str,
        *,
        server: str | None = None,
        query_url: str | None = None,
        update_url: str | None = None,
        user: str | None = None,
        password: str | None = None,
        token: str | None = None,
        auth: str | None = None,
        timeout: float = 300.0,
        retries: int = 3,
        backoff: float = 0.5,
    ) -> Endpoint:
        """An endpoint from command-line style options.

        Parameters
        ----------
        endpoint : str
            The Graph Store URL (for a load) or query URL (for a query) the server documents,
            e.g. ``http://127.0.0.1:7878/store``; with ``server`` it may be the base URL.
        server : {"oxigraph", "fuseki", "graphdb", "virtuoso"}, optional
            A preset; guessed from the path of ``endpoint`` when not given.
        query_url, update_url : str, optional
            Override the query and update URLs.
        user, password, token : str, optional
            Credentials; default to ``GRAPHKIT_USER``, ``GRAPHKIT_PASSWORD``, ``GRAPHKIT_TOKEN``.
        auth : {"basic", "digest", "bearer"}, optional
            The scheme; bearer when a token is given, else the preset's (digest for Virtuoso).

        Raises
        ------
        StoreError
            For an unknown preset or scheme, or a URL that is not http(s).
        """
        if urlsplit(endpoint).scheme not in ("http", "https"):
            raise InputError("--endpoint", f"{_redact(endpoint)}: not an http(s) URL")
        if not timeout > 0:
            raise InputError("--timeout", f"{timeout:g}: give a number of seconds above 0")
        if retries < 0:
            raise InputError("--retries", f"{retries}: give 0 or more")
        if server is not None:
            if server not in PRESETS:
                raise InputError("--server", f"unknown server {server!r}; known: "
                                 f"{', '.join(PRESETS)}")
            preset = PRESETS[server]
            guessed, base = _guess_preset(endpoint)
            if guessed is not preset:
                base = endpoint.rstrip("/")
        else:
            preset, base = _guess_preset(endpoint)
        if preset is not None:
            store, query, upd = (base + preset.store, base + preset.query,
                                 base + preset.update)
        else:
            store, query, upd = endpoint, endpoint, None
        user = user if user is not None else os.environ.get("GRAPHKIT_USER")
        password = password if password is not None else os.environ.get("GRAPHKIT_PASSWORD")
        token = token if token is not None else os.environ.get("GRAPHKIT_TOKEN")
        scheme = auth or ("bearer" if token else (preset.auth if preset else "basic"))
        auth_object: Any = None
        headers: dict[str, str] = {}
        if scheme == "bearer":
            if not token:
                raise StoreError("bearer authentication needs a token (GRAPHKIT_TOKEN)")
            headers["Authorization"] = f"Bearer {token}"
        elif scheme in ("basic", "digest"):
            if user is not None:
                auth_cls = (requests.auth.HTTPDigestAuth if scheme == "digest"
                            else requests.auth.HTTPBasicAuth)
                auth_object = auth_cls(user, password or "")
        else:
            raise InputError("--auth", f"unknown authentication {scheme!r}: use basic, digest "
                             "or bearer")
        return cls(
            store_url=store,
            query_url=query_url or query,
            update_url=update_url or upd,
            preset=preset,
            auth=auth_object,
            headers=headers,
            timeout=timeout,
            retries=retries,
            backoff=backoff,
        )

    @property
    def graph_param(self) -> str:
        return self.preset.graph_param if self.preset else "graph"

    @property
    def dataset_post(self) -> bool:
        return bool(self.preset and self.preset.dataset_post)

    # -- HTTP -----------------------------------------------------------------------------

    def request(
        self,
        method: str,
        url: str,
        *,
        idempotent: bool = True,
        what: str = "request",
        **kwargs: Any,
    ) -> requests.Response:
        """One HTTP request with retries (exponential back-off), all within ``timeout`` s.

        Connection failures and 5xx/429 answers are retried; a request that may have been
        applied (a read timeout) is retried only when ``idempotent``. 401/403 fail at once.
        The tries share one deadline: a server that accepts and never answers costs
        ``timeout`` seconds in all, not ``timeout`` per try.
        """
        headers = {**self.headers, **kwargs.pop("headers", {})}
        started = time.monotonic()
        deadline = started + self.timeout
        attempt = 0
        while True:
            attempt += 1
            self.request_count += 1
            left = deadline - time.monotonic()
            try:
                response = self.session.request(
                    method, url, auth=self.auth, headers=headers,
                    timeout=(max(min(self.connect_timeout, left), 0.001), max(left, 0.001)),
                    **kwargs)
            except requests.exceptions.SSLError:
                retry, error = False, ("TLS handshake failed (is it an http:// server "
                                       "rather than https://?)")
            except requests.ConnectTimeout:
                retry, error = True, "cannot connect (no answer to the connection)"
            except requests.ConnectionError as exc:
                retry, error = True, f"cannot connect ({type(exc).__name__})"
            except requests.Timeout:
                retry = idempotent
                error = f"no answer within {time.monotonic() - started:.0f} s"
                if url.startswith("https:"):
                    # an http server never answers a TLS hello: say what to check
                    error += (" (over TLS: if the server speaks plain http, use an http:// "
                              "URL)")
            except requests.RequestException as exc:
                retry, error = False, f"{type(exc).__name__}"
            else:
                status = response.status_code
                if status < 400:
                    return response
                if status in (401, 403):
                    raise StoreError(
                        f"{what} refused by {_redact(url)}: HTTP {status} "
                        f"({'wrong or missing credentials' if status == 401 else 'forbidden'})"
                    )
                # 500 is a definite "failed" (Virtuoso's answer to bad data): not retried.
                retry = status in (429, 502, 503, 504)
                error = f"HTTP {status}: {_snippet(response.text)}"
            pause = self.backoff * 2 ** (attempt - 1)
            out_of_time = time.monotonic() + pause >= deadline
            if not retry or attempt > self.retries or out_of_time:
                spent = time.monotonic() - started
                tries = f" after {attempt} tries in {spent:.0f} s" if attempt > 1 else ""
                raise StoreError(f"{what} failed at {_redact(url)}: {error}{tries}")
            time.sleep(pause)


def _snippet(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + " ..."


# -- queries ----------------------------------------------------------------------------------


def query(endpoint: Endpoint, sparql: str) -> QueryResult:
    """Run a SPARQL query through the SPARQL 1.1 Protocol (POST, form-encoded).

    With the Oxigraph preset the default graph is the union of all graphs
    (``union-default-graph``); Virtuoso and GraphDB query the union by default.

    Raises
    ------
    StoreError
        If the server cannot be reached, refuses the credentials or rejects the query.
    """
    if not endpoint.query_url:
        raise StoreError("no query URL: give --endpoint with the server's query URL")
    params = dict(endpoint.preset.query_params) if endpoint.preset else {}
    response = endpoint.request(
        "POST", endpoint.query_url, params=params, data={"query": sparql},
        headers={"Accept": f"{_RESULTS_JSON}, application/n-triples;q=0.9, text/turtle;q=0.8"},
        what="query",
    )
    kind = response.headers.get("Content-Type", "").split(";")[0].strip()
    if kind in ("application/n-triples", "text/turtle", "text/plain"):
        fmt = ox.RdfFormat.TURTLE if kind == "text/turtle" else ox.RdfFormat.N_TRIPLES
        triples = [ox.Triple(q.subject, q.predicate, q.object)
                   for q in ox.parse(response.content, format=fmt)]
        return QueryResult(triples=triples)
    try:
        return QueryResult.from_json(response.json())
    except ValueError:
        raise StoreError(
            f"query at {_redact(endpoint.query_url)}: the answer is not SPARQL JSON results "
            f"({kind or 'no content type'}): {_snippet(response.text)}"
        ) from None


def update(endpoint: Endpoint, sparql: str, *, what: str = "update") -> None:
    """Run a SPARQL 1.1 Update (POST, form-encoded); never retried after a read timeout."""
    if not endpoint.update_url:
        raise StoreError("no update URL: give --update-endpoint (or --server)")
    endpoint.request("POST", endpoint.update_url, data={"update": sparql},
                     idempotent=False, what=what)


# -- loading ----------------------------------------------------------------------------------


def existing_graphs(endpoint: Endpoint, graphs: list[ox.NamedNode]) -> set[ox.NamedNode]:
    """Which of ``graphs`` the server holds (asked in groups with VALUES)."""
    found: set[ox.NamedNode] = set()
    for start in range(0, len(graphs), 200):
        group = graphs[start:start + 200]
        values = " ".join(str(g) for g in group)
        result = query(endpoint, "SELECT DISTINCT ?g WHERE { VALUES ?g { " + values
                       + " } GRAPH ?g { ?s ?p ?o } }")
        found.update(g for g in (row[0] for row in result.rows) if isinstance(g, ox.NamedNode))
    return found


@dataclass
class _Plan:
    """Per named graph: sent whole in one request (direct) or through a staging graph."""

    staging: dict[ox.NamedNode, ox.NamedNode] = field(default_factory=dict)
    existing: set[ox.NamedNode] = field(default_factory=set)
    moved: set[ox.NamedNode] = field(default_factory=set)
    #: Graphs of the request under way (a lost answer leaves them either way, each whole).
    in_flight: set[Any] = field(default_factory=set)
    swapping: set[ox.NamedNode] = field(default_factory=set)


def _plan(endpoint: Endpoint, seen: Survey, batch_size: int) -> _Plan:
    plan = _Plan()
    named = seen.named
    plan.existing = existing_graphs(endpoint, named) if named else set()
    run = uuid.uuid4().hex
    for graph in named:
        large = seen.counts[graph] > batch_size or graph in seen.scattered
        # A PUT replaces a graph atomically; an N-Quads POST only adds to it.
        needs_stage = large or (endpoint.dataset_post and graph in plan.existing)
        if needs_stage:
            plan.staging[graph] = ox.NamedNode(f"{STAGING_PREFIX}{run}:{len(plan.staging)}")
    return plan


def staged_predicate(predicate: ox.NamedNode) -> ox.NamedNode:
    """The predicate a staged triple is sent with, so that no query matches it.

    Examples
    --------
    >>> staged_predicate(ox.NamedNode("http://ex/p#q")).value
    'urn:graphkit:staged:http://ex/p#q'
    """
    return ox.NamedNode(STAGED_PREDICATE + predicate.value)


def _batches(
    source: RdfSource, plan: _Plan, batch_size: int
) -> Iterator[list[ox.Quad]]:
    """Quads with staged graphs renamed, in batches that never split a direct graph."""
    batch: list[ox.Quad] = []
    current: Any = None
    staging = plan.staging
    for quad in source.quads():
        graph = quad.graph_name
        if graph != current:
            # A boundary between graphs: the only place a direct graph may be cut.
            if len(batch) >= batch_size:
                yield batch
                batch = []
            current = graph
        stage = staging.get(graph)
        if stage is not None:
            quad = ox.Quad(quad.subject, staged_predicate(quad.predicate), quad.object, stage)
            if len(batch) >= batch_size:
                yield batch
                batch = []
        batch.append(quad)
    if batch:
        yield batch


def _send_batch(endpoint: Endpoint, batch: list[ox.Quad], started: set[ox.NamedNode]) -> None:
    store = endpoint.store_url
    assert store is not None
    if endpoint.dataset_post:
        body = ox.serialize(batch, format=ox.RdfFormat.N_QUADS)
        endpoint.request("POST", store, data=body, what="load",
                         params={"no_transaction": ""} if endpoint.bulk else {},
                         headers={"Content-Type": "application/n-quads"})
        return
    groups: dict[Any, list[ox.Triple]] = {}
    for quad in batch:
        groups.setdefault(quad.graph_name, []).append(
            ox.Triple(quad.subject, quad.predicate, quad.object))
    for graph, triples in groups.items():
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        headers = {"Content-Type": "application/n-triples"}
        standin = endpoint.preset.default_graph if endpoint.preset else None
        if isinstance(graph, ox.DefaultGraph):
            method = "POST"
            params = {endpoint.graph_param: standin} if standin else {"default": ""}
        else:
            staged = graph.value.startswith(STAGING_PREFIX)
            # A staging graph is PUT first (clearing any leftover), then added to.
            method = "POST" if staged and graph in started else "PUT"
            started.add(graph)
            params = {endpoint.graph_param: graph.value}
        endpoint.request(method, store, params=params, data=body, headers=headers, what="load")


def load(
    endpoint: Endpoint,
    sources: Iterable[RdfSource],
    *,
    ontology: bool = True,
    batch_size: int = 50_000,
    should_stop: Callable[[], bool] | None = None,
) -> LoadReport:
    """Load RDF files into a SPARQL 1.1 server, replacing the named graphs they hold.

    Parameters
    ----------
    endpoint : Endpoint
    sources : iterable of RdfSource
    ontology : bool
        Also (re)load graphkit's ontology into its named graph.
    batch_size : int
        Triples per request (at most one batch is held in memory).
    should_stop : callable, optional
        Asked between requests; when it answers True the load stops at that safe point
        (staged graphs dropped, swapped graphs kept) with :class:`LoadInterrupted`.

    Returns
    -------
    LoadReport

    Raises
    ------
    InputError
        If a source is not valid RDF (nothing of it has been sent).
    LockHeld
        If another graphkit load holds the server's lock.
    StoreError
        If the server goes away, refuses the credentials or rejects the data; every named
        graph of the failed source is then either as it was or wholly replaced, and the
        message says how many graphs were completed.
    """
    if not endpoint.store_url:
        raise StoreError("no Graph Store URL: give --endpoint")
    report = LoadReport(target=_redact(endpoint.store_url))
    started_at = time.perf_counter()
    before = endpoint.request_count
    stop = should_stop or (lambda: False)
    lock = _Lock(endpoint)
    lock.acquire()
    try:
        report.stale_staging_dropped = drop_stale_staging(endpoint)
        for source in [*([ontology_source()] if ontology else []), *sources]:
            report.sources.append(source.path.name)
            _load_source(endpoint, source, report, batch_size, stop, lock)
    finally:
        lock.release()
    report.seconds = time.perf_counter() - started_at
    report.requests = endpoint.request_count - before
    return report


class _Lock:
    """The server-wide load lock: one ``<lock> <heldBy> "uuid|host|pid|epoch"`` triple."""

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        self.token = f"{uuid.uuid4().hex}|{socket.gethostname()}|{os.getpid()}"
        self.value: str | None = None
        self.refreshed = 0.0

    def _triple(self, value: str) -> str:
        return f"{_LOCK} {_HELD} {sparql_term(ox.Literal(value))}"

    def holders(self) -> list[str]:
        result = query(self.endpoint, _HOLDERS_QUERY)
        return [str(row[0].value) for row in result.rows if row and row[0] is not None]

    def acquire(self) -> None:
        if not self.endpoint.update_url:
            return  # a server without SPARQL Update cannot be locked (nor staged)
        # A load whose insert landed alone holds the lock. Two inserts that landed together
        # (each saw no lock before the other's was written) both step back, wait a random
        # moment and try again, so that one of them goes first; the other then meets its
        # lock and stops.
        for attempt in range(_LOCK_ATTEMPTS):
            value = f"{self.token}|{time.time():.0f}"
            update(self.endpoint, f"INSERT {{ GRAPH {_LOCK} {{ {self._triple(value)} }} }}"
                   f" WHERE {{ FILTER NOT EXISTS {{ GRAPH {_LOCK} {{ {_LOCK} {_HELD} ?any }} }} }}",
                   what="taking the load lock")
            holders = self.holders()
            others = [h for h in holders if h != value]
            if value in holders and not others:
                self.value, self.refreshed = value, time.monotonic()
                return
            if value in holders:  # inserted at the same moment as another load
                self._delete(value)
                time.sleep(random.uniform(0.05, 0.4) * (attempt + 1))
                continue
            stale = [h for h in others if _is_stale(h)]
            if len(stale) < len(others):
                live = next(h for h in others if h not in stale)
                raise LockHeld(f"{_redact(self.endpoint.store_url or '')}: another graphkit "
                               f"load holds the lock ({_describe(live)}); wait for it to "
                               "finish: concurrent loads would mix their graphs")
            for holder in stale:
                self._delete(holder)
        raise LockHeld(f"{_redact(self.endpoint.store_url or '')}: could not take the load "
                       "lock: other graphkit loads kept starting at the same moment; try again")

    def _delete(self, value: str) -> None:
        update(self.endpoint, f"DELETE DATA {{ GRAPH {_LOCK} {{ {self._triple(value)} }} }}",
               what="releasing the load lock")

    def heartbeat(self) -> None:
        if self.value is None or time.monotonic() - self.refreshed < _HEARTBEAT_SECONDS:
            return
        new = f"{self.token}|{time.time():.0f}"
        update(self.endpoint, f"DELETE DATA {{ GRAPH {_LOCK} {{ "
               f"{self._triple(self.value)} }} }} ; INSERT DATA {{ GRAPH {_LOCK} {{ "
               f"{self._triple(new)} }} }}", what="refreshing the load lock")
        self.value, self.refreshed = new, time.monotonic()

    def release(self) -> None:
        """Best effort: a lock left by a dead server is broken by the next load."""
        if self.value is None:
            return
        saved = self.endpoint.retries, self.endpoint.timeout
        self.endpoint.retries, self.endpoint.timeout = 0, min(10.0, self.endpoint.timeout)
        try:
            self._delete(self.value)
        except StoreError:
            pass
        finally:
            self.endpoint.retries, self.endpoint.timeout = saved
            self.value = None


def _fields(holder: str) -> tuple[str, str, int, float]:
    parts = holder.split("|")
    try:
        return parts[0], parts[1], int(parts[2]), float(parts[3])
    except (IndexError, ValueError):
        return holder, "", 0, 0.0


def _describe(holder: str) -> str:
    _, host, pid, since = _fields(holder)
    when = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(since))
    return f"process {pid} on {host}, last seen {when}"


def _is_stale(holder: str) -> bool:
    _, host, pid, since = _fields(holder)
    if time.time() - since > LOCK_STALE_SECONDS:
        return True
    if host == socket.gethostname() and pid > 0:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
    return False


def staging_graphs(endpoint: Endpoint) -> list[str]:
    """The staging graphs on the server (left by a load that died)."""
    result = query(endpoint, "SELECT DISTINCT ?g WHERE { GRAPH ?g { } "
                             f'FILTER(STRSTARTS(STR(?g), "{STAGING_PREFIX}")) }}')
    return [str(row[0].value) for row in result.rows if row and row[0] is not None]


def drop_stale_staging(endpoint: Endpoint) -> int:
    """Drop every staging graph; call it only while holding the lock. Returns how many."""
    if not endpoint.update_url:
        return 0
    graphs = staging_graphs(endpoint)
    for start in range(0, len(graphs), 200):
        group = graphs[start:start + 200]
        update(endpoint, " ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in group),
               what="clean-up of staging graphs left by an earlier load")
    return len(graphs)


def _load_source(
    endpoint: Endpoint,
    source: RdfSource,
    report: LoadReport,
    batch_size: int,
    stop: Callable[[], bool],
    lock: _Lock,
) -> None:
    seen = survey(source)
    plan = _plan(endpoint, seen, batch_size)
    sent: set[ox.NamedNode] = set()
    done: set[Any] = set()
    earlier = len(report.new_graphs) + len(report.replaced_graphs)
    try:
        for batch in _batches(source, plan, batch_size):
            if stop():
                raise LoadInterrupted("interrupted")
            lock.heartbeat()
            plan.in_flight = {q.graph_name for q in batch}
            _send_batch(endpoint, batch, sent)
            done.update(plan.in_flight)
            plan.in_flight = set()
        _swap(endpoint, plan, stop, lock)
    except StoreError as exc:
        _drop_staging(endpoint, plan)
        complete = len([g for g in seen.named
                        if g in plan.moved or (g in done and g not in plan.staging)])
        maybe = len([g for g in plan.in_flight
                     if isinstance(g, ox.NamedNode) and g not in plan.staging])
        maybe += len(plan.swapping)
        doubt = (f"; {maybe} more may have been replaced whole by the last request, whose "
                 "answer was lost" if maybe else "")
        before = (f" ({earlier} graph(s) of the files before it were loaded whole)"
                  if earlier else "")
        kind = LoadInterrupted if isinstance(exc, LoadInterrupted) else StoreError
        what = "interrupted" if kind is LoadInterrupted else f"failed: {exc}"
        raise kind(
            f"loading {source.path.name} {what}. {complete} named graph(s) of it were loaded "
            f"whole{doubt}; every other graph of this file is as it was before{before}"
        ) from None
    for graph, count in seen.counts.items():
        report.triples += count
        if isinstance(graph, ox.DefaultGraph):
            report.default_triples += count
        elif isinstance(graph, ox.NamedNode) and graph in plan.existing:
            report.replaced_graphs.append(graph.value)
        else:
            report.new_graphs.append(str(getattr(graph, "value", graph)))


def _swap_update(graph: ox.NamedNode, stage: ox.NamedNode) -> str:
    # Drop the target, copy the staged triples with their predicates restored, drop the stage.
    graph, stage = sparql_term(graph), sparql_term(stage)  # type: ignore[assignment]
    return (f"DROP SILENT GRAPH {graph} ;\n"
            f"INSERT {{ GRAPH {graph} {{ ?s ?q ?o }} }} WHERE {{ GRAPH {stage} {{ ?s ?p ?o }} "
            f"BIND(IRI(STRAFTER(STR(?p), {_STAGED_PREFIX})) AS ?q) }} ;\n"
            f"DROP SILENT GRAPH {stage}")


def _swap(endpoint: Endpoint, plan: _Plan, stop: Callable[[], bool], lock: _Lock) -> None:
    items = list(plan.staging.items())
    for start in range(0, len(items), 100):
        if stop():
            raise LoadInterrupted("interrupted")
        lock.heartbeat()
        group = items[start:start + 100]
        plan.swapping = {graph for graph, _ in group}
        update(endpoint, " ;\n".join(_swap_update(graph, stage) for graph, stage in group),
               what="swap of staged graphs")
        plan.moved.update(plan.swapping)
        plan.swapping = set()


def _drop_staging(endpoint: Endpoint, plan: _Plan) -> None:
    """Best effort: the server may be gone, which is why we are here."""
    if not plan.staging or not endpoint.update_url:
        return
    drops = " ;\n".join(f"DROP SILENT GRAPH {stage}" for graph, stage in plan.staging.items()
                         if graph not in plan.moved)
    if not drops:
        return
    saved = endpoint.retries, endpoint.timeout
    endpoint.retries, endpoint.timeout = 0, min(10.0, endpoint.timeout)
    try:
        update(endpoint, drops, what="clean-up of staging graphs")
    except StoreError:
        pass
    finally:
        endpoint.retries, endpoint.timeout = saved

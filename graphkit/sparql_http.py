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
  has arrived is it swapped in with one SPARQL Update ``MOVE GRAPH <staging> TO <graph>``
  (drop target, copy, drop staging), which the server runs as one update request. If the load
  fails before the swap, the staging graphs are dropped (best effort) and the targets were
  never touched.
* The default graph (actors) is only ever added to.

Credentials come from options or the environment (``GRAPHKIT_USER``, ``GRAPHKIT_PASSWORD``,
``GRAPHKIT_TOKEN``) and are never printed, logged or put in an error message; URLs are shown
without user information.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pyoxigraph as ox
import requests

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
    "PRESETS",
    "Endpoint",
    "ServerPreset",
    "load",
    "query",
    "update",
]

STAGING_PREFIX = "urn:graphkit:staging:"
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
            raise StoreError(f"{_redact(endpoint)}: not an http(s) URL")
        if server is not None:
            if server not in PRESETS:
                raise StoreError(f"unknown server {server!r}; known: {', '.join(PRESETS)}")
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
            raise StoreError(f"unknown authentication {scheme!r}: use basic, digest or bearer")
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
        """One HTTP request with timeouts and retries (exponential back-off).

        Connection failures and 5xx/429 answers are retried; a request that may have been
        applied (a read timeout) is retried only when ``idempotent``. 401/403 fail at once.
        """
        headers = {**self.headers, **kwargs.pop("headers", {})}
        attempt = 0
        while True:
            attempt += 1
            self.request_count += 1
            try:
                response = self.session.request(
                    method, url, auth=self.auth, headers=headers,
                    timeout=(self.connect_timeout, self.timeout), **kwargs)
            except requests.ConnectionError as exc:
                retry, error = True, f"cannot connect ({type(exc).__name__})"
            except requests.Timeout:
                retry, error = idempotent, f"no answer within {self.timeout:g} s"
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
            if not retry or attempt > self.retries:
                raise StoreError(f"{what} failed at {_redact(url)}: {error}")
            time.sleep(self.backoff * 2 ** (attempt - 1))


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
            quad = ox.Quad(quad.subject, quad.predicate, quad.object, stage)
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

    Returns
    -------
    LoadReport

    Raises
    ------
    InputError
        If a source is not valid RDF (nothing of it has been sent).
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
    for source in [*([ontology_source()] if ontology else []), *sources]:
        report.sources.append(source.path.name)
        _load_source(endpoint, source, report, batch_size)
    report.seconds = time.perf_counter() - started_at
    report.requests = endpoint.request_count - before
    return report


def _load_source(
    endpoint: Endpoint, source: RdfSource, report: LoadReport, batch_size: int
) -> None:
    seen = survey(source)
    plan = _plan(endpoint, seen, batch_size)
    sent: set[ox.NamedNode] = set()
    done: set[Any] = set()
    try:
        for batch in _batches(source, plan, batch_size):
            _send_batch(endpoint, batch, sent)
            done.update(q.graph_name for q in batch)
        _swap(endpoint, plan)
    except StoreError as exc:
        _drop_staging(endpoint, plan)
        complete = len([g for g in seen.named
                        if g in plan.moved or (g in done and g not in plan.staging)])
        raise StoreError(
            f"loading {source.path.name} failed: {exc}. {complete} named graph(s) were "
            f"loaded whole; every other graph of this file is as it was before"
        ) from None
    for graph, count in seen.counts.items():
        report.triples += count
        if isinstance(graph, ox.DefaultGraph):
            report.default_triples += count
        elif isinstance(graph, ox.NamedNode) and graph in plan.existing:
            report.replaced_graphs.append(graph.value)
        else:
            report.new_graphs.append(str(getattr(graph, "value", graph)))


def _swap(endpoint: Endpoint, plan: _Plan) -> None:
    items = list(plan.staging.items())
    for start in range(0, len(items), 100):
        group = items[start:start + 100]
        update(endpoint, " ;\n".join(f"MOVE GRAPH {stage} TO {graph}" for graph, stage in group),
               what="swap of staged graphs")
        plan.moved.update(graph for graph, _ in group)


def _drop_staging(endpoint: Endpoint, plan: _Plan) -> None:
    """Best effort: the server may be gone, which is why we are here."""
    if not plan.staging or not endpoint.update_url:
        return
    drops = " ;\n".join(f"DROP SILENT GRAPH {stage}" for graph, stage in plan.staging.items()
                         if graph not in plan.moved)
    if not drops:
        return
    saved = endpoint.retries, endpoint.timeout
    endpoint.retries, endpoint.timeout = 0, 10.0
    try:
        update(endpoint, drops, what="clean-up of staging graphs")
    except StoreError:
        pass
    finally:
        endpoint.retries, endpoint.timeout = saved

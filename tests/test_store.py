"""The embedded store and SPARQL 1.1 servers: loading, replacing, querying, failing safely.

Real servers: an Oxigraph server (PyPI ``oxigraph``) and Virtuoso Open Source, started per
module by the fixtures of ``tests/servers.py``.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from servers import (  # noqa: F401  (fixtures)
    Server,
    oxigraph_server,
    start_oxigraph,
    virtuoso_server,
)
from typer.testing import CliRunner

from graphkit import queries, rdf, sparql_http, store
from graphkit.cli import app
from graphkit.errors import InputError
from graphkit.graph import StanceGraph
from graphkit.model import Actor, ActorType, Evidence
from graphkit.ontology import load_ontology, make_stance
from graphkit.store import StoreError

ACTOR = "https://w3id.org/graphkit/id/actor/"


def sample_graph(extra_sentence: str | None = None) -> StanceGraph:
    """A small graph written for these tests (three articles, five states and a person)."""
    g = StanceGraph([
        Actor("united_states", "United States", ActorType.STATE, country="USA"),
        Actor("russia", "Russia", ActorType.STATE, country="RUS"),
        Actor("china", "China", ActorType.STATE, country="CHN"),
        Actor("venezuela", "Venezuela", ActorType.STATE, country="VEN"),
        Actor("juan_guaido", "Juan Guaidó", ActorType.PERSON, acts_for="venezuela"),
    ])

    def ev(article: str, sentence: str, day: int) -> Evidence:
        return Evidence(article=article, sentence=sentence, date=date(2019, 1, day),
                        title=f"Report {article}")

    def add(s: str, p: str, o: str, *evidence: Evidence) -> None:
        g.add_stance(make_stance(s, p, o, evidence=evidence))

    add("russia", "threatens", "united_states",
        ev("a1", 'Moscow warned Washington of "grave consequences" {sic}.', 24),
        ev("a2", "The Kremlin threatened Washington again.", 26))
    add("china", "accuses", "united_states",
        ev("a1", "Beijing accused Washington of meddling.", 24))
    add("venezuela", "criticizes", "united_states", ev("a2", "Caracas condemned Washington.", 25))
    add("united_states", "recognizes", "juan_guaido",
        ev("a1", "Washington recognised Guaidó as interim president.", 23))
    add("united_states", "sanctions", "venezuela",
        ev("a3", "Washington froze Caracas' assets.", 28))
    add("russia", "supports", "venezuela", ev("a3", "Moscow backed the government in Caracas.", 27))
    add("china", "supports", "venezuela", ev("a3", "Beijing backed Caracas.", 27))
    add("united_states", "meets", "russia", ev("a2", "Envoys of both capitals met.", 29))
    if extra_sentence is not None:
        add("china", "criticizes", "united_states", ev("a4", extra_sentence, 30))
    return g


def expected_from_networkx(
    graph: StanceGraph, actor: str, parent: str
) -> set[tuple[str, str, int]]:
    """(holder, stance type, evidence count) of the stances of a kind towards ``actor``."""
    kinds = load_ontology().descendants(parent)
    return {
        (u, p, len(data["evidence"]))
        for u, v, p, data in graph.nx.in_edges(actor, keys=True, data=True)
        if p in kinds
    }


def answered(result: store.QueryResult) -> set[tuple[str, str, int]]:
    return {
        (row["holder"].removeprefix(ACTOR), row["stance_type"], int(row["evidence_count"]))
        for row in result.values()
    }


def run(named: str, backend: object, **params: str) -> store.QueryResult:
    text = queries.bind(queries.load_queries()[named], params)
    if isinstance(backend, sparql_http.Endpoint):
        return sparql_http.query(backend, text)
    return store.query(backend, text)


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("rdf") / "sample.nq"
    rdf.write(sample_graph(), path)
    return path


def quads_in(backend: object) -> int:
    result = run_text(backend, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                               "FILTER (STRSTARTS(STR(?g), 'https://w3id.org/graphkit/')) }")
    return int(result.rows[0][0].value)


def run_text(backend: object, text: str) -> store.QueryResult:
    if isinstance(backend, sparql_http.Endpoint):
        return sparql_http.query(backend, text)
    return store.query(backend, text)


# -- embedded store -----------------------------------------------------------------------------


def test_embedded_load_twice_replaces_and_duplicates_nothing(tmp_path: Path, graph_file: Path):
    db = store.open_store(tmp_path / "kg")
    first = store.load(db, [store.rdf_source(graph_file)])
    size = len(db)
    second = store.load(db, [store.rdf_source(graph_file)])
    assert len(db) == size
    assert first.new_graphs and not first.replaced_graphs
    assert sorted(second.replaced_graphs) == sorted(first.new_graphs)
    assert store.ONTOLOGY_GRAPH in second.replaced_graphs


def test_reload_of_a_changed_article_drops_its_old_content(tmp_path: Path):
    db = store.open_store(tmp_path / "kg")
    old, new = tmp_path / "old.nq", tmp_path / "new.nq"
    g = sample_graph()
    rdf.write(g, old)
    # The same article a3 read again, now without the Chinese support.
    g.remove_stance("china", "supports", "venezuela")
    rdf.write(g, new)
    store.load(db, [store.rdf_source(old)])
    assert {r["holder"] for r in run("supports", db, actor="venezuela").values()} == {
        ACTOR + "china", ACTOR + "russia"}
    store.load(db, [store.rdf_source(new)])
    assert {r["holder"] for r in run("supports", db, actor="venezuela").values()} == {
        ACTOR + "russia"}


def all_quads(db: object) -> set[str]:
    return {str(q) for q in db}  # type: ignore[attr-defined]


@pytest.mark.parametrize("limit", [store.TRANSACTION_LIMIT, 0])
def test_a_reload_writes_what_a_fresh_load_of_the_new_version_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: int
):
    # limit 0 sends every change through the bulk loader instead of one SPARQL update
    monkeypatch.setattr(store, "TRANSACTION_LIMIT", limit)
    old, new = tmp_path / "old.nq", tmp_path / "new.nq"
    g = sample_graph()
    rdf.write(g, old)
    g.remove_stance("china", "supports", "venezuela")
    g.add_stance(make_stance("russia", "meets", "venezuela", evidence=[Evidence(
        "a9", 'Moscow\'s envoy met "Caracas" {again}\tat night.\n', date=date(2019, 2, 2),
        confidence=0.5)]))
    rdf.write(g, new)
    db = store.open_store(tmp_path / "kg")
    store.load(db, [store.rdf_source(old)], ontology=False)
    report = store.load(db, [store.rdf_source(new)], ontology=False)
    fresh = store.open_store(tmp_path / "fresh")
    store.load(fresh, [store.rdf_source(new)], ontology=False)
    assert all_quads(db) == all_quads(fresh)
    assert report.new_graphs == [rdf.article_iri("a9")]
    # Nothing changed: nothing written, the same quads.
    before = all_quads(db)
    store.load(db, [store.rdf_source(new)], ontology=False)
    assert all_quads(db) == before


def test_a_reload_killed_midway_leaves_the_old_graphs_or_the_new_ones(tmp_path: Path):
    """A change within TRANSACTION_LIMIT is one transaction: whenever the loading process
    dies, the store holds either version, never a mix."""
    import signal
    import subprocess
    import sys
    import time

    def version(revised: bool) -> StanceGraph:
        ontology = load_ontology()
        graph = StanceGraph([Actor(f"state_{i}", f"State {i}", ActorType.STATE)
                             for i in range(30)])
        for n in range(1500):
            sentence = f"Sentence {n} of article {n // 5}" + (", revised." if revised else ".")
            graph.add_stance(ontology.stance(
                f"state_{n % 30}", "meets", f"state_{(n * 7 + 1) % 30}",
                evidence=[Evidence(f"article-{n // 5}", sentence, confidence=0.8)]))
        return graph

    old, new = tmp_path / "old.nq", tmp_path / "new.nq"
    rdf.write(version(False), old)
    rdf.write(version(True), new)
    fresh = {}
    for name, path in (("old", old), ("new", new)):
        db = store.open_store(tmp_path / name)
        store.load(db, [store.rdf_source(path)], ontology=False)
        fresh[name] = all_quads(db)
        del db
    assert fresh["old"] != fresh["new"]

    def start_reload(kg: Path) -> subprocess.Popen[bytes]:
        db = store.open_store(kg)
        store.load(db, [store.rdf_source(old)], ontology=False)
        del db
        return subprocess.Popen([sys.executable, "-m", "graphkit.cli", "store", "load",
                                 str(new), "--db", str(kg), "--no-ontology"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    # How long a whole reload takes here (start-up included); then kill others near its end,
    # where the store is written.
    child = start_reload(tmp_path / "kg-whole")
    started = time.perf_counter()
    assert child.wait() == 0
    whole = time.perf_counter() - started
    assert all_quads(store.open_store(tmp_path / "kg-whole")) == fresh["new"]
    for fraction in (0.7, 0.85, 0.95):
        kg = tmp_path / f"kg-{fraction}"
        child = start_reload(kg)
        time.sleep(whole * fraction)
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert all_quads(store.open_store(kg)) in (fresh["old"], fresh["new"])


def test_reload_keeps_canonical_literals_and_blank_nodes(tmp_path: Path):
    nq = tmp_path / "a.nq"
    nq.write_text('<http://ex/s> <http://ex/p> "-6.0"^^<http://www.w3.org/2001/XMLSchema#decimal>'
                  ' <http://ex/g> .\n_:b <http://ex/p> "x" <http://ex/g> .\n', encoding="utf-8")
    db = store.open_store(tmp_path / "kg")
    store.load(db, [store.rdf_source(nq)], ontology=False)
    store.load(db, [store.rdf_source(nq)], ontology=False)
    # The graph is replaced: the decimal ("-6" once stored) stays one quad, and the blank
    # node (a new one each load: it names nothing outside its file) is not doubled.
    quads = [str(q) for q in db]
    assert len(quads) == 2
    assert sum('"-6"^^' in q for q in quads) == 1


def test_opposes_finds_every_subtype_as_networkx_does(tmp_path: Path, graph_file: Path):
    db = store.open_store(tmp_path / "kg")
    store.load(db, [store.rdf_source(graph_file)])
    graph = sample_graph()
    got = answered(run("opposes", db, actor="United States"))
    assert got == expected_from_networkx(graph, "united_states", "opposes")
    # threatens, accuses and criticizes are all kinds of opposes
    assert {kind for _, kind, _ in got} == {"threatens", "accuses", "criticizes"}
    assert answered(run("supports", db, actor="Venezuela")) == expected_from_networkx(
        graph, "venezuela", "supports")


def test_without_the_ontology_graph_the_hierarchy_is_not_known(tmp_path: Path, graph_file: Path):
    db = store.open_store(tmp_path / "kg")
    store.load(db, [store.rdf_source(graph_file)], ontology=False)
    assert len(run("opposes", db, actor="united_states")) == 0


def test_the_other_named_queries(tmp_path: Path, graph_file: Path):
    db = store.open_store(tmp_path / "kg")
    store.load(db, [store.rdf_source(graph_file)])
    between = run("between", db, a="Russia", b="United States").values()
    assert [(r["date"], r["stance_type"]) for r in between] == [
        ("2019-01-24", "threatens"), ("2019-01-26", "threatens"), ("2019-01-29", "meets")]
    since = run("between", db, a="russia", b="united_states", since="2019-01-25")
    assert len(since) == 2
    matrix = {(r["holder"], r["target"]): int(r["net"]) for r in run("matrix", db).values()}
    assert matrix[(ACTOR + "russia", ACTOR + "united_states")] == -2
    assert matrix[(ACTOR + "united_states", ACTOR + "russia")] == 0
    assert (ACTOR + "united_states", ACTOR + "juan_guaido") not in matrix  # not a state
    recognition = run("recognition", db, state="Venezuela").values()
    assert [(r["recognizer"], r["leader"]) for r in recognition] == [
        (ACTOR + "united_states", ACTOR + "juan_guaido")]
    evidence = run("evidence", db, holder="russia", target="united_states", type="opposes")
    assert len(evidence) == 2
    paths = run("paths", db, source="China", target="juan_guaido").values()
    assert {(r["length"], r["via1"]) for r in paths} == {
        ("2", ACTOR + "united_states"), ("3", ACTOR + "venezuela")}


def test_injection_through_a_parameter_finds_nothing(tmp_path: Path, graph_file: Path):
    db = store.open_store(tmp_path / "kg")
    store.load(db, [store.rdf_source(graph_file)])
    size = len(db)
    hostile = 'United States" } UNION { ?holder ?p ?o } #'
    assert len(run("opposes", db, actor=hostile)) == 0
    text = '"} } ; DROP ALL ; SELECT * { {"'
    assert len(run("evidence", db, holder="russia", target="united_states", text=text)) == 0
    assert len(db) == size
    # The same characters are searched for as they are: the quotes and braces match.
    found = run("evidence", db, holder="russia", target="united_states",
                text='"grave consequences" {sic}')
    assert [r["sentence"] for r in found.values()] == [
        'Moscow warned Washington of "grave consequences" {sic}.']


def test_bad_input_names_file_and_line_and_writes_nothing(tmp_path: Path):
    bad = tmp_path / "bad.nq"
    bad.write_text('<http://ex/a> <http://ex/p> "ok" <http://ex/g> .\n'
                   '<http://ex/a> <http://ex/p> "unterminated <http://ex/g> .\n')
    db = store.open_store(tmp_path / "kg")
    with pytest.raises(InputError) as info:
        store.load(db, [store.rdf_source(bad)], ontology=False)
    assert str(info.value).startswith(f"{bad}:2:")
    assert len(db) == 0


def test_triples_file_goes_into_the_given_graph(tmp_path: Path):
    nt = tmp_path / "extra.nt"
    nt.write_text('<http://ex/a> <http://ex/p> "one" .\n')
    db = store.open_store(tmp_path / "kg")
    store.load(db, [store.rdf_source(nt, graph="http://ex/extra")], ontology=False)
    nt.write_text('<http://ex/a> <http://ex/p> "two" .\n')
    report = store.load(db, [store.rdf_source(nt, graph="http://ex/extra")], ontology=False)
    assert report.replaced_graphs == ["http://ex/extra"]
    assert [q.object.value for q in db] == ["two"]


def test_result_formats(tmp_path: Path, graph_file: Path):
    db = store.open_store(tmp_path / "kg")
    store.load(db, [store.rdf_source(graph_file)])
    result = run("opposes", db, actor="united_states")
    lines = result.dumps("csv").splitlines()
    assert lines[0] == "holder,holder_label,stance_type,evidence_count,first,last"
    assert len(lines) == 1 + len(result)
    assert result.dumps("tsv").splitlines()[0].startswith("?holder\t")
    assert '"vars"' in result.dumps("json")
    assert store.query(db, "ASK { ?s ?p ?o }").dumps("csv") == "true\n"


def test_bad_parameters_are_input_errors():
    named = queries.load_queries()["between"]
    with pytest.raises(InputError, match="needs --param b"):
        queries.bind(named, {"a": "russia"})
    with pytest.raises(InputError, match="not a date"):
        queries.bind(named, {"a": "russia", "b": "china", "since": "yesterday"})
    with pytest.raises(InputError, match="no parameter"):
        queries.bind(named, {"a": "russia", "b": "china", "actor": "x"})


# -- command line -------------------------------------------------------------------------------


def test_cli_load_then_ask_who_opposes(tmp_path: Path, graph_file: Path):
    runner = CliRunner()
    db = tmp_path / "kg"
    loaded = runner.invoke(app, ["store", "load", str(graph_file), "--db", str(db)])
    assert loaded.exit_code == 0, loaded.output
    asked = runner.invoke(app, ["query", "--name", "opposes", "--param",
                                "actor=United States", "--db", str(db), "--format", "csv"])
    assert asked.exit_code == 0, asked.output
    lines = asked.output.splitlines()
    assert lines[0].startswith("holder,")
    assert {line.split(",")[2] for line in lines[1:]} == {"threatens", "accuses", "criticizes"}
    listing = runner.invoke(app, ["query", "--list"])
    assert "opposes actor=<actor>" in listing.output and "paths" in listing.output
    bad = runner.invoke(app, ["query", "SELECT nonsense", "--db", str(db)])
    assert bad.exit_code == 2


# -- Oxigraph server ----------------------------------------------------------------------------


@pytest.mark.server
def test_oxigraph_server_load_reload_and_query(
    oxigraph_server: Server, graph_file: Path  # noqa: F811
):
    endpoint = sparql_http.Endpoint.from_options(oxigraph_server.base + "/store")
    first = sparql_http.load(endpoint, [store.rdf_source(graph_file)])
    size = quads_in(endpoint)
    second = sparql_http.load(endpoint, [store.rdf_source(graph_file)], batch_size=50)
    assert quads_in(endpoint) == size == first.triples - first.default_triples
    assert sorted(second.replaced_graphs) == sorted(first.new_graphs)
    graph = sample_graph()
    assert answered(run("opposes", endpoint, actor="United States")) == (
        expected_from_networkx(graph, "united_states", "opposes"))
    assert len(run("opposes", endpoint, actor='US" } UNION { ?holder ?p ?o } #')) == 0


@pytest.mark.server
def test_same_answers_from_embedded_store_and_oxigraph(
    oxigraph_server: Server, graph_file: Path, tmp_path: Path  # noqa: F811
):
    endpoint = sparql_http.Endpoint.from_options(oxigraph_server.base + "/store")
    sparql_http.load(endpoint, [store.rdf_source(graph_file)])
    db = store.open_store(tmp_path / "kg")
    store.load(db, [store.rdf_source(graph_file)])
    for name, params in NAMED_CASES:
        assert run(name, endpoint, **params).values() == run(name, db, **params).values(), name


NAMED_CASES = [
    ("opposes", {"actor": "United States"}),
    ("supports", {"actor": "Venezuela"}),
    ("between", {"a": "Russia", "b": "United States"}),
    ("matrix", {}),
    ("recognition", {}),
    ("evidence", {"holder": "Russia", "target": "United States"}),
    ("paths", {"source": "China", "target": "juan_guaido"}),
]


@pytest.mark.server
def test_server_going_away_mid_load_leaves_the_graph_unchanged(tmp_path: Path):
    server = start_oxigraph(tmp_path / "db")
    try:
        endpoint = sparql_http.Endpoint.from_options(server.base + "/store", retries=1,
                                                     timeout=30)
        endpoint.backoff = 0.05
        small = tmp_path / "small.nq"
        rdf.write(sample_graph(), small)
        sparql_http.load(endpoint, [store.rdf_source(small)])
        before = quads_in(endpoint)
        article = rdf.article_iri("a1")
        count_a1 = (f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{article}> {{ ?s ?p ?o }} }}")
        a1_before = int(run_text(endpoint, count_a1).rows[0][0].value)
        # A new version of article a1 with many sentences: streamed in small batches into a
        # staging graph; the server is killed after a few batches.
        big = sample_graph()
        for i in range(300):
            big.add_stance(make_stance("china", "criticizes", "united_states", evidence=[
                Evidence(article="a1", sentence=f"Beijing criticised Washington, part {i}.",
                         date=date(2019, 1, 24), title="Report a1")]))
        big_file = tmp_path / "big.nq"
        rdf.write(big, big_file)
        sent = []
        original = endpoint.request

        def request(method, url, **kwargs):
            if kwargs.get("what") == "load":
                sent.append(url)
                if len(sent) == 3:
                    server.kill()
            return original(method, url, **kwargs)

        endpoint.request = request  # type: ignore[method-assign]
        with pytest.raises(StoreError, match="cannot connect") as info:
            sparql_http.load(endpoint, [store.rdf_source(big_file)], ontology=False,
                             batch_size=100)
        assert "as it was before" in str(info.value)
        server = start_oxigraph(tmp_path / "db")
        endpoint = sparql_http.Endpoint.from_options(server.base + "/store")
        assert int(run_text(endpoint, count_a1).rows[0][0].value) == a1_before
        leftovers = run_text(endpoint, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                                       "FILTER STRSTARTS(STR(?g), 'urn:graphkit:staging:') }")
        # A staging graph may be left (the server died before the clean-up could drop it),
        # but queries never read it as data: the targets are as they were.
        assert quads_in(endpoint) == before
        assert len(leftovers) <= 1
    finally:
        server.stop()


@pytest.mark.server
def test_unreachable_server_is_a_clear_error(graph_file: Path):
    from servers import free_port

    endpoint = sparql_http.Endpoint.from_options(
        f"http://127.0.0.1:{free_port()}/store", retries=1)
    endpoint.backoff = 0.01
    with pytest.raises(StoreError, match="cannot connect"):
        sparql_http.load(endpoint, [store.rdf_source(graph_file)])


def test_credentials_never_appear_in_messages():
    endpoint = sparql_http.Endpoint.from_options(
        "http://someone:s3cret@127.0.0.1:9/store", user="u", password="hunter2", retries=0)
    with pytest.raises(StoreError) as info:
        sparql_http.query(endpoint, "ASK {}")
    assert "s3cret" not in str(info.value) and "hunter2" not in str(info.value)
    assert "hunter2" not in repr(endpoint)


def test_bearer_token_and_basic_auth_reach_the_server():
    """A tiny local HTTP server records the Authorization header it receives."""
    from http.server import BaseHTTPRequestHandler, HTTPServer

    seen: list[str | None] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            seen.append(self.headers.get("Authorization"))
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            ok = seen[-1] in ("Bearer t0ken", "Basic dTpwdw==")
            self.send_response(200 if ok else 401)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.end_headers()
            self.wfile.write(b'{"head": {}, "boolean": true}')

        def log_message(self, *args: object) -> None:
            pass

    httpd = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{httpd.server_port}/sparql"
        assert sparql_http.query(sparql_http.Endpoint.from_options(url, token="t0ken"),
                                 "ASK {}").boolean is True
        assert sparql_http.query(sparql_http.Endpoint.from_options(url, user="u", password="pw"),
                                 "ASK {}").boolean is True
        with pytest.raises(StoreError, match="HTTP 401"):
            sparql_http.query(sparql_http.Endpoint.from_options(url, token="wrong"), "ASK {}")
    finally:
        httpd.shutdown()
    assert seen[:2] == ["Bearer t0ken", "Basic dTpwdw=="]


# -- Virtuoso -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def virtuoso(virtuoso_server: Server) -> sparql_http.Endpoint:  # noqa: F811
    return sparql_http.Endpoint.from_options(virtuoso_server.base, server="virtuoso",
                                             user="dba", password="dba")


# Virtuoso 7.2 cannot compile a transitive path whose end is a variable fixed by VALUES
# ("ssg_print_rvr_fixed_val(): no SPART_VARR_FIXED"), which `evidence` needs for its type.
VIRTUOSO_CASES = [case for case in NAMED_CASES if case[0] != "evidence"]


@pytest.mark.virtuoso
def test_virtuoso_same_rdf_same_answers(virtuoso: sparql_http.Endpoint, graph_file: Path,
                                        tmp_path: Path):
    first = sparql_http.load(virtuoso, [store.rdf_source(graph_file)])
    size = quads_in(virtuoso)
    second = sparql_http.load(virtuoso, [store.rdf_source(graph_file)])
    assert quads_in(virtuoso) == size
    assert sorted(second.replaced_graphs) == sorted(first.new_graphs)
    db = store.open_store(tmp_path / "kg")
    store.load(db, [store.rdf_source(graph_file)])
    for name, params in VIRTUOSO_CASES:
        assert run(name, virtuoso, **params).values() == run(name, db, **params).values(), name
    assert len(run("opposes", virtuoso, actor='US" } UNION { ?holder ?p ?o } #')) == 0


@pytest.mark.virtuoso
def test_virtuoso_wrong_credentials(virtuoso_server: Server, graph_file: Path):  # noqa: F811
    endpoint = sparql_http.Endpoint.from_options(virtuoso_server.base, server="virtuoso",
                                                 user="dba", password="not-the-password")
    with pytest.raises(StoreError, match="HTTP 401 \\(wrong or missing credentials\\)"):
        sparql_http.load(endpoint, [store.rdf_source(graph_file)])


def test_presets_map_a_base_url_to_their_paths():
    e = sparql_http.Endpoint.from_options("http://h:8890", server="virtuoso")
    assert (e.store_url, e.query_url, e.update_url) == (
        "http://h:8890/sparql-graph-crud-auth", "http://h:8890/sparql",
        "http://h:8890/sparql-auth")
    guessed = sparql_http.Endpoint.from_options("http://h:7878/store")
    assert guessed.query_url == "http://h:7878/query"
    assert guessed.update_url == "http://h:7878/update"

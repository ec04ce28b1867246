"""The hardening battery (issue 12): every bad input, fault and careless use, end to end.

Each test runs the real command line (``python -m graphkit`` in a subprocess, or typer's
runner where no process boundary matters) against real files and real Oxigraph servers, and
checks the promise of the README: a clear message naming the input, exit status 2 for bad
input and 1 for a failed operation, no traceback, nothing half written, nothing mixed.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import requests
from servers import Server, oxigraph_server, start_oxigraph  # noqa: F401  (fixtures)

from graphkit import rdf
from graphkit.errors import InputError
from graphkit.graph import StanceGraph
from graphkit.model import Actor, ActorType, Evidence
from graphkit.ontology import make_stance

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
ACTOR = "https://w3id.org/graphkit/id/actor/"
STAGING = "urn:graphkit:staging:"


def gk(*args: str | Path, cwd: Path | None = None, timeout: float = 300,
       stdin: str | None = None, **kwargs) -> subprocess.CompletedProcess:
    """Run ``python -m graphkit ARGS`` and return the finished process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "80"}
    if "stdout" not in kwargs and "stderr" not in kwargs:
        kwargs["capture_output"] = True
    return subprocess.run([sys.executable, "-m", "graphkit", *map(str, args)], cwd=cwd,
                          text=True, timeout=timeout, env=env, input=stdin, **kwargs)


def assert_clean_failure(result: subprocess.CompletedProcess, status: int, *words: str) -> None:
    """Exit ``status``, an ``error:`` line on standard error naming ``words``, no traceback."""
    assert result.returncode == status, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert "error:" in result.stderr
    flat = " ".join(result.stderr.split())
    for word in words:
        assert word in flat, (word, result.stderr)


def no_temporaries(folder: Path) -> bool:
    return not [p for p in folder.rglob("*.tmp")]


# -- table 1: bad input -------------------------------------------------------------------------


def test_input_error_pickles_and_a_bad_article_with_two_jobs_fails_fast(tmp_path: Path):
    error = pickle.loads(pickle.dumps(InputError("a.txt", "empty file", 3)))
    assert (str(error), error.source, error.line) == ("a.txt:3: empty file", "a.txt", 3)
    (tmp_path / "empty.txt").write_text("")
    result = gk("build", "-j", "2", "-o", "g.ttl", "empty.txt", cwd=tmp_path, timeout=120)
    assert_clean_failure(result, 2, "empty.txt", "empty file")
    assert not (tmp_path / "g.ttl").exists()


def test_an_error_raised_while_workers_run_reaches_the_parent(tmp_path: Path):
    """The reading fails after the pool has started: the error must arrive, not hang."""
    from graphkit.extract.pipeline import extract_articles
    from graphkit.ingest import read_articles

    good = tmp_path / "a.jsonl"
    good.write_text("".join(json.dumps({"id": f"a{i}", "text": "Chile criticized Peru."}) + "\n"
                            for i in range(20)))
    (tmp_path / "z.txt").write_text("")
    started = time.monotonic()
    with pytest.raises(InputError, match="z.txt: empty file"):
        for _ in extract_articles(read_articles([good, tmp_path / "z.txt"]), jobs=2):
            pass
    assert time.monotonic() - started < 120


def test_non_latin_names_stay_distinct_actors(tmp_path: Path):
    rows = ("subject,predicate,object,subject_type,object_type\n"
            "Сергей Иванович Петров,criticizes,李小龙先生,Person,Person\n"
            "دولة الخليج,supports,李小龙先生,State,Person\n")
    (tmp_path / "s.csv").write_text(rows, encoding="utf-8")
    result = gk("build", "s.csv", "-o", "g.nq", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    graph = rdf.read(tmp_path / "g.nq")
    labels = {a.label for a in graph.actors()}
    assert {"Сергей Иванович Петров", "李小龙先生", "دولة الخليج"} <= labels
    assert len({a.id for a in graph.actors()}) == graph.number_of_actors() == 3
    assert all(s.subject != s.object for s in graph.stances())
    assert "unnamed" not in {a.id for a in graph.actors()}


def test_two_declared_names_that_read_the_same_are_an_error(tmp_path: Path):
    (tmp_path / "s.csv").write_text("subject,predicate,object,subject_type\n"
                                    "Name>With>Gt,criticizes,Chile,State\n"
                                    "Name_With_Gt,supports,Chile,Person\n")
    result = gk("build", "s.csv", "-o", "g.ttl", cwd=tmp_path)
    assert_clean_failure(result, 2, "s.csv:3", "Name_With_Gt", "clashes", "Name>With>Gt")
    # two labels that slugify alike get two ids; the same id declared twice is an error
    (tmp_path / "a.yaml").write_text("actors:\n  - {label: Acme One, type: Organization}\n"
                                     "  - {label: Acme-One, type: Organization}\n")
    assert gk("build", "a.yaml", "-o", "g.nq", "-q", cwd=tmp_path).returncode == 0
    assert {a.label for a in rdf.read(tmp_path / "g.nq").actors()} == {"Acme One", "Acme-One"}
    (tmp_path / "b.yaml").write_text("actors:\n  - {id: acme, label: Acme One, type: "
                                     "Organization}\n  - {id: acme, label: Acme Two, type: "
                                     "Organization}\n")
    result = gk("build", "b.yaml", "-o", "g.ttl", cwd=tmp_path)
    assert_clean_failure(result, 2, "b.yaml:3", "declared twice")


def test_duplicate_article_ids_in_one_jsonl_are_an_error(tmp_path: Path):
    records = [{"id": "a", "text": "Chile criticized Peru."},
               {"id": "a", "text": "Peru praised Chile."}]
    (tmp_path / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    result = gk("build", "a.jsonl", "-o", "g.ttl", cwd=tmp_path)
    assert_clean_failure(result, 2, "a.jsonl:2", "'a'", "used twice")


def plain_rdf(path: Path, count: int = 50) -> None:
    path.write_text("".join(f"<http://example.org/s{i}> <http://example.org/p> \"v{i}\" .\n"
                            for i in range(count)))


def test_plain_rdf_is_converted_or_refused_clearly(tmp_path: Path):
    plain_rdf(tmp_path / "plain.nt")
    converted = gk("export", "plain.nt", "-o", "plain.ttl", cwd=tmp_path)
    assert converted.returncode == 0, converted.stderr
    assert "50 triple(s) converted" in converted.stderr
    import pyoxigraph as ox

    assert len(list(ox.parse(path=str(tmp_path / "plain.ttl")))) == 50
    stats = gk("stats", "plain.nt", cwd=tmp_path)
    assert_clean_failure(stats, 2, "plain.nt", "50 RDF triple(s)", "no graphkit actors")
    validated = gk("validate", "plain.nt", cwd=tmp_path)
    assert_clean_failure(validated, 1, "plain.nt", "no graphkit actors")
    assert "conforms" not in validated.stdout
    (tmp_path / "empty.nt").write_text("")
    empty = gk("export", "empty.nt", "-o", "e.ttl", cwd=tmp_path)
    assert_clean_failure(empty, 2, "empty.nt", "no RDF triples")
    assert not (tmp_path / "e.ttl").exists()


_BOMB = ('a: &a ["x","x","x","x","x","x","x","x","x"]\n'
         "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
         "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
         "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n")


def test_yaml_alias_bombs_are_refused_in_statements_and_front_matter(tmp_path: Path):
    (tmp_path / "bomb.yaml").write_text(_BOMB + "statements: [*g]\n")
    started = time.monotonic()
    result = gk("build", "bomb.yaml", "-o", "g.ttl", cwd=tmp_path, timeout=60)
    assert_clean_failure(result, 2, "bomb.yaml:2", "aliases")
    (tmp_path / "bomb.md").write_text("---\n" + _BOMB + "title: T\n---\nChile met Peru.\n")
    result = gk("build", "bomb.md", "-o", "g.ttl", cwd=tmp_path, timeout=60)
    assert_clean_failure(result, 2, "bomb.md:3", "aliases")
    assert time.monotonic() - started < 60
    assert no_temporaries(tmp_path) and not (tmp_path / "g.ttl").exists()
    deep = "statements:\n" + "".join("  " * i + "- \n" for i in range(1, 200))
    (tmp_path / "deep.yaml").write_text(deep)
    assert_clean_failure(gk("build", "deep.yaml", "-o", "g.ttl", cwd=tmp_path), 2,
                         "deep.yaml", "nested")


@pytest.fixture(scope="module")
def statements_graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("graph")
    result = gk("build", EXAMPLES / "statements.csv", "-o", folder / "g.ttl", "-q")
    assert result.returncode == 0, result.stderr
    return folder / "g.ttl"


@pytest.mark.parametrize("case", [
    "output-dir", "suffix-xml", "suffix-n3", "deep-json", "long-number-id", "long-id",
    "stats-article", "timeout", "service", "read-only", "disk-full",
])
def test_what_gave_tracebacks_gives_a_message(case: str, tmp_path: Path, statements_graph: Path):
    article = tmp_path / "a.txt"
    article.write_text("Chile criticized Peru over the border.\n")
    if case == "output-dir":
        (tmp_path / "out").mkdir()
        assert_clean_failure(gk("build", article, "-o", tmp_path / "out"), 2, "out",
                             "is a directory")
    elif case.startswith("suffix"):
        name = "x.xml" if case == "suffix-xml" else "x.n3"
        assert_clean_failure(gk("build", article, "-o", tmp_path / name), 2, name,
                             "unknown RDF format", "turtle (.ttl)")
        assert_clean_failure(gk("export", statements_graph, "-o", tmp_path / name), 2, name)
        assert not (tmp_path / name).exists()
    elif case == "deep-json":
        (tmp_path / "d.jsonl").write_text('{"id": "a", "text": ' + "[" * 200_000
                                          + "]" * 200_000 + "}\n")
        assert_clean_failure(gk("build", tmp_path / "d.jsonl", "-o", tmp_path / "g.ttl"), 2,
                             "d.jsonl:1", "nested too deeply")
    elif case == "long-number-id":
        (tmp_path / "n.jsonl").write_text('{"id": ' + "7" * 10_000 + ', "text": "Hi."}\n')
        assert_clean_failure(gk("build", tmp_path / "n.jsonl", "-o", tmp_path / "g.ttl"), 2,
                             "n.jsonl:1")
    elif case == "long-id":
        (tmp_path / "i.jsonl").write_text(json.dumps({"id": "x" * 5000, "text": "Hi."}) + "\n")
        assert_clean_failure(gk("build", tmp_path / "i.jsonl", "-o", tmp_path / "g.ttl"), 2,
                             "i.jsonl:1", "longer than")
    elif case == "stats-article":
        assert_clean_failure(gk("stats", article), 2, "a.txt", "not an RDF file",
                             "graphkit build")
    elif case == "timeout":
        assert_clean_failure(gk("store", "load", statements_graph, "--endpoint",
                                "http://127.0.0.1:9/store", "--timeout", "-1"), 2,
                             "--timeout", "above 0")
    elif case == "service":
        db = tmp_path / "kg"
        assert gk("store", "load", statements_graph, "--db", db).returncode == 0
        query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
        assert_clean_failure(gk("query", query, "--db", db), 1, "the query failed")
    elif case == "read-only":
        # /sys refuses new files even to root: a stand-in for a read-only file system
        assert_clean_failure(gk("build", article, "-o", "/sys/graph.ttl"), 1, "/sys")
    elif case == "disk-full":
        with open("/dev/full", "w") as full:
            result = gk("build", article, "-o", "-", "-q", stdout=full, stderr=subprocess.PIPE)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert "no space left" in result.stderr


def test_build_outputs_are_replaced_together_or_not_at_all(tmp_path: Path):
    article = tmp_path / "a.txt"
    article.write_text("Chile criticized Peru over the border.\n")
    (tmp_path / "g.ttl").write_text("old rdf")
    (tmp_path / "page").mkdir()
    result = gk("build", article, "-o", tmp_path / "g.ttl", "--html", tmp_path / "page")
    assert_clean_failure(result, 2, "page", "is a directory")
    assert (tmp_path / "g.ttl").read_text() == "old rdf"
    # A disk that fills while the page is written: the new RDF must not appear alone.
    (tmp_path / "g.html").write_text("old html")
    import resource

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))

    result = gk("build", article, "-o", tmp_path / "g.ttl", "--html", tmp_path / "g.html",
                preexec_fn=small_files)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert (tmp_path / "g.ttl").read_text() == "old rdf"
    assert (tmp_path / "g.html").read_text() == "old html"
    assert no_temporaries(tmp_path)
    result = gk("build", "a.txt", "-o", "g.ttl", "--html", "g.html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "wrote g.ttl and g.html" in result.stdout  # the summary names both outputs
    assert (tmp_path / "g.html").read_text().lstrip().lower().startswith("<!doctype html")


def test_formula_text_is_neutralised_in_csv(tmp_path: Path):
    formula = "=cmd|' /C calc'!A0"
    (tmp_path / "s.csv").write_text("subject,predicate,object,quote\n"
                                    f"Chile,criticizes,Peru,\"{formula}\"\n")
    assert gk("build", "s.csv", "-o", "g.nq", "-q", cwd=tmp_path).returncode == 0
    assert gk("store", "load", "g.nq", "--db", "kg", cwd=tmp_path).returncode == 0
    result = gk("query", "-n", "evidence", "-p", "holder=Chile", "-p", "target=Peru",
                "--db", "kg", "-f", "csv", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and rows[0]["sentence"] == "'" + formula
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())


# -- servers: staging, locks, deadlines ---------------------------------------------------------


def corpus(version: str, articles: int = 400) -> StanceGraph:
    """Many small articles; ``version`` changes only the titles, which no named query reads."""
    states = ["chile", "peru", "bolivia", "ecuador", "colombia", "uruguay"]
    graph = StanceGraph([Actor(s, s.title(), ActorType.STATE) for s in states])
    kinds = ["criticizes", "accuses", "threatens", "praises", "supports"]
    for i in range(articles):
        evidence = Evidence(article=f"art{i}", sentence=f"Sentence {i} of the wire.",
                            date=date(2020, 1 + i % 12, 1 + i % 28), title=f"{version} {i}")
        a, b = states[i % 6], states[(i * 5 + 1) % 6]
        if a != b:
            graph.add_stance(make_stance(a, kinds[i % 5], b, evidence=(evidence,)))
    return graph


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("versions")
    paths = {}
    for version in ("v1", "v2"):
        paths[version] = folder / f"{version}.nq"
        rdf.write(corpus(version), paths[version])
    return paths


def sparql(base: str, text: str) -> list[dict]:
    response = requests.post(base + "/query", data={"query": text},
                             params={"union-default-graph": ""},
                             headers={"Accept": "application/sparql-results+json"}, timeout=60)
    response.raise_for_status()
    return response.json()["results"]["bindings"]


def staging_graphs(base: str) -> list[str]:
    rows = sparql(base, "SELECT DISTINCT ?g WHERE { GRAPH ?g { } "
                        f'FILTER(STRSTARTS(STR(?g), "{STAGING}")) }}')
    return [row["g"]["value"] for row in rows]


def titles_by_version(base: str) -> dict[str, int]:
    rows = sparql(base, "SELECT ?t (COUNT(*) AS ?n) WHERE { ?a <http://purl.org/dc/terms/title> "
                        "?title BIND(STRBEFORE(?title, ' ') AS ?t) FILTER(?t IN ('v1', 'v2')) } "
                        "GROUP BY ?t")
    return {row["t"]["value"]: int(row["n"]["value"]) for row in rows}


def answers(base: str) -> list[str]:
    """What graphkit's named queries say, through the command line."""
    out = []
    for actor, name in (("Chile", "opposes"), ("Peru", "supports")):
        result = gk("query", "-n", name, "-p", f"actor={actor}", "--endpoint",
                    base + "/query", "--server", "oxigraph", "-f", "csv")
        assert result.returncode == 0, result.stderr
        assert result.stdout.count("\n") > 1  # the answer is not empty
        out.append(result.stdout)
    return out


def load_cmd(path: Path, base: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "graphkit", "store", "load", str(path), "--endpoint",
            base + "/store", *extra]


def popen(cmd: list[str]) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env)


def wait_for_staging(base: str, process: subprocess.Popen, seconds: float = 120) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if staging_graphs(base):
                return True
        except requests.RequestException:
            pass
        time.sleep(0.02)
    return False


@pytest.mark.server
@pytest.mark.slow
def test_server_killed_mid_load_keeps_answers_and_the_next_load_cleans_up(
    tmp_path: Path, versions: dict[str, Path]
):
    folder = tmp_path / "db"
    server = start_oxigraph(folder)
    port = server.base.rsplit(":", 1)[1]
    try:
        first = gk("store", "load", versions["v1"], "--endpoint", server.base + "/store")
        assert first.returncode == 0, first.stderr
        before = answers(server.base)
        loader = popen(load_cmd(versions["v2"], server.base, "--batch-size", "40"))
        assert wait_for_staging(server.base, loader), "the load never staged a graph"
        server.kill()  # kill -9, mid-load
        _, stderr = loader.communicate(timeout=120)
        assert loader.returncode == 1 and "Traceback" not in stderr, stderr
        flat = " ".join(stderr.split())
        complete = int(re.search(r"(\d+) named graph\(s\) of it were loaded whole", flat)[1])
        maybe = re.search(r"(\d+) more may have been replaced", flat)
        server = start_oxigraph(folder, port=int(port))
        # The report is true: as many graphs hold the new version as it said, give or take
        # the last request, whose answer was lost.
        new = titles_by_version(server.base).get("v2", 0)
        assert complete <= new <= complete + (int(maybe[1]) if maybe else 0)
        # Staging graphs may be left on the disk, but no query reads them.
        if new == 0:
            assert answers(server.base) == before
        nxt = gk("store", "load", versions["v1"], "--endpoint", server.base + "/store")
        assert nxt.returncode == 0, nxt.stderr
        assert staging_graphs(server.base) == []
        assert answers(server.base) == before
        assert set(titles_by_version(server.base)) == {"v1"}
    finally:
        server.stop()


@pytest.mark.server
def test_staged_triples_are_invisible_to_queries(tmp_path: Path, versions: dict[str, Path]):
    """A staging graph a crash left behind is not read by graphkit's (or any) query."""
    server = start_oxigraph(tmp_path / "db")
    try:
        assert gk("store", "load", versions["v1"], "--endpoint",
                  server.base + "/store").returncode == 0
        before = answers(server.base)
        import pyoxigraph as ox

        from graphkit.sparql_http import staged_predicate

        quads = [ox.Quad(q.subject, staged_predicate(q.predicate), q.object,
                         ox.NamedNode(STAGING + "dead:0"))
                 for q in ox.parse(path=str(versions["v2"]), format=ox.RdfFormat.N_QUADS)]
        body = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
        requests.post(server.base + "/store", data=body,
                      headers={"Content-Type": "application/n-quads"}, timeout=60
                      ).raise_for_status()
        assert staging_graphs(server.base) == [STAGING + "dead:0"]
        assert answers(server.base) == before
        result = gk("store", "load", versions["v1"], "--endpoint", server.base + "/store")
        assert result.returncode == 0 and "stale staging graphs dropped" in result.stdout
        assert staging_graphs(server.base) == []
    finally:
        server.stop()


@pytest.mark.server
def test_concurrent_loads_of_the_same_graphs_never_mix(tmp_path: Path, versions: dict[str, Path]):
    server = start_oxigraph(tmp_path / "db")
    try:
        assert gk("store", "load", versions["v1"], "--endpoint",
                  server.base + "/store").returncode == 0
        ontology_size = len(sparql(server.base, "SELECT * WHERE { GRAPH "
                                   "<https://w3id.org/graphkit/ontology> { ?s ?p ?o } }"))
        runs = [popen(load_cmd(versions[v], server.base, "--batch-size", "40"))
                for v in ("v1", "v2")]
        results = [(run.communicate(timeout=300), run.returncode) for run in runs]
        codes = [code for _, code in results]
        assert 0 in codes, results
        for (_, stderr), code in results:
            if code != 0:
                assert code == 1 and "another graphkit load" in stderr, stderr
        versions_seen = titles_by_version(server.base)
        # every article graph holds exactly one version, never the union of both
        mixed = sparql(server.base, "SELECT ?g WHERE { GRAPH ?g { ?a <http://purl.org/dc/terms/"
                                    "title> ?t1, ?t2 FILTER(?t1 != ?t2) } } LIMIT 1")
        assert mixed == []
        assert len(sparql(server.base, "SELECT * WHERE { GRAPH <https://w3id.org/graphkit/"
                                       "ontology> { ?s ?p ?o } }")) == ontology_size
        if codes == [0, 0]:
            assert len(versions_seen) == 1
        assert staging_graphs(server.base) == []
    finally:
        server.stop()


@pytest.mark.server
def test_two_loads_taking_the_lock_at_the_same_moment_step_back_and_one_goes_on(
        tmp_path: Path, monkeypatch) -> None:
    """Two inserts of the lock that land together: the load steps back, waits and takes the
    lock on its next try (the other load, having stepped back too, is gone)."""
    from graphkit import sparql_http

    server = start_oxigraph(tmp_path / "db")
    try:
        endpoint = sparql_http.Endpoint.from_options(server.base + "/store")
        lock = sparql_http._Lock(endpoint)
        real_holders = sparql_http._Lock.holders
        seen: list[list[str]] = []
        rival = f"rival|{socket.gethostname()}|{os.getpid()}|{time.time():.0f}"

        def holders(self: sparql_http._Lock) -> list[str]:
            found = real_holders(self)
            if not seen:  # the first look finds a rival that inserted at the same moment
                found = [*found, rival]
            seen.append(found)
            return found

        monkeypatch.setattr(sparql_http._Lock, "holders", holders)
        lock.acquire()
        assert len(seen) == 2 and rival in seen[0]
        # The first try's lock was withdrawn; the lock held now is the second try's alone.
        assert real_holders(lock) == [lock.value] and seen[1] == [lock.value]
        lock.release()
        assert real_holders(lock) == []
    finally:
        server.stop()


def test_concurrent_loads_of_one_embedded_store_are_serialised(tmp_path: Path,
                                                               versions: dict[str, Path]):
    from graphkit import store

    db = tmp_path / "kg"
    with store.store_lock(db):
        result = gk("store", "load", versions["v1"], "--db", db)
    assert_clean_failure(result, 1, "another graphkit load is using this store")
    assert gk("store", "load", versions["v1"], "--db", db).returncode == 0


@pytest.fixture
def silent_server() -> Iterator[int]:
    """A socket that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
                held.append(connection)
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join(timeout=5)
    for connection in held:
        connection.close()
    listener.close()


def test_a_server_that_never_answers_fails_within_the_deadline(silent_server: int):
    base = f"http://127.0.0.1:{silent_server}"
    started = time.monotonic()
    result = gk("query", "ASK {}", "--endpoint", base + "/query", "--timeout", "3")
    elapsed = time.monotonic() - started
    assert_clean_failure(result, 1, "no answer within")
    assert elapsed < 3 + 15  # one deadline for all tries (not 3 s x 4), plus start-up
    started = time.monotonic()
    result = gk("store", "load", EXAMPLES / "statements.csv", "--endpoint", base + "/store",
                "--timeout", "3", "--retries", "5")
    assert_clean_failure(result, 1, "no answer within")
    assert time.monotonic() - started < 3 * 2 + 20


@pytest.mark.server
def test_https_to_an_http_port_says_so(oxigraph_server: Server):  # noqa: F811
    url = oxigraph_server.base.replace("http://", "https://") + "/query"
    started = time.monotonic()
    result = gk("query", "ASK {}", "--endpoint", url, "--timeout", "5")
    assert_clean_failure(result, 1, "TLS")
    assert time.monotonic() - started < 5 + 15


@pytest.mark.server
def test_sigint_during_a_load_stops_at_a_safe_point(tmp_path: Path, versions: dict[str, Path]):
    server = start_oxigraph(tmp_path / "db")
    try:
        assert gk("store", "load", versions["v1"], "--endpoint",
                  server.base + "/store").returncode == 0
        loader = popen(load_cmd(versions["v2"], server.base, "--batch-size", "20"))
        assert wait_for_staging(server.base, loader)
        loader.send_signal(signal.SIGINT)
        stdout, stderr = loader.communicate(timeout=60)
        flat = " ".join(stderr.split())
        assert "Traceback" not in stderr
        if loader.returncode == 130:
            assert "interrupted" in flat and "loaded whole" in flat
            complete = int(re.search(r"(\d+) named graph\(s\) of it were loaded whole", flat)[1])
            assert titles_by_version(server.base).get("v2", 0) == complete
        else:  # the interrupt came after the last write: the load is whole and says so
            assert loader.returncode == 0 and "after the load had completed" in flat
            assert set(titles_by_version(server.base)) == {"v2"}
        assert staging_graphs(server.base) == []
        # the lock was released: the next load runs at once
        assert gk("store", "load", versions["v1"], "--endpoint", server.base + "/store",
                  timeout=120).returncode == 0
    finally:
        server.stop()


# -- table 2: a new user's command line -----------------------------------------------------------


def test_version_help_and_python_m():
    from graphkit import __version__

    for args in (["--version"], ["-V"]):
        result = gk(*args)
        assert result.returncode == 0 and result.stdout.strip() == f"graphkit {__version__}"
    console = shutil.which("graphkit")
    if console is not None:
        assert subprocess.run([console, "--version"], capture_output=True, text=True,
                              env={**os.environ, "PYTHONPATH": str(ROOT)}).returncode == 0
    for args in (["-h"], ["build", "-h"], ["store", "load", "--help"], ["query", "-h"],
                 ["extract", "--help"]):
        result = gk(*args)
        assert result.returncode == 0, result.stderr
        assert "Usage: graphkit" in result.stdout
        for noise in ("<bool>", "<str>", "<path>", "<list[", "{inputs}", "<int", "<float"):
            assert noise not in result.stdout, (args, noise)


def many_articles(path: Path, count: int = 60) -> None:
    text = (EXAMPLES / "venezuela_2019.txt").read_text(encoding="utf-8")
    path.write_text("".join(json.dumps({"id": f"v{i}", "text": text}) + "\n"
                            for i in range(count)), encoding="utf-8")


def test_extract_into_a_closed_pipe_exits_quietly(tmp_path: Path):
    many_articles(tmp_path / "many.jsonl")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        ["bash", "-o", "pipefail", "-c",
         f"{sys.executable} -m graphkit extract many.jsonl -q | head -1"],
        cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert json.loads(result.stdout)["predicate"]


def test_extract_table_reads_at_80_columns_in_a_pipe():
    result = gk("extract", EXAMPLES / "venezuela_2019.txt", "-f", "table", "-q")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["article", "subject"] and "speaker" in lines[0]
    assert all(len(line) <= 80 for line in lines)
    rows = lines[2::2]
    sentences = lines[3::2]
    assert rows and all(row.startswith("venezuela_2") for row in rows)
    text = " ".join((EXAMPLES / "venezuela_2019.txt").read_text(encoding="utf-8").split())
    for sentence in sentences:
        shown = re.fullmatch(r"    [01]\.\d\d  (.+)", sentence)[1]
        assert shown.removesuffix("…") in text  # the sentence, cut at a whole word
        if shown.endswith("…"):
            rest = text[text.index(shown[:-1]) + len(shown) - 1:]
            assert rest[:1] in (" ", "", ",", ";", ":")
    assert "donald_trump" not in result.stdout  # the speaker by name, not by id


def test_a_mistyped_actor_suggests_names(tmp_path: Path, statements_graph: Path):
    assert gk("store", "load", statements_graph, "--db", tmp_path / "kg").returncode == 0
    result = gk("query", "-n", "opposes", "-p", "actor=Untied States", "--db", tmp_path / "kg")
    assert_clean_failure(result, 2, "Untied States", "did you mean 'United States'")


def test_every_input_is_checked_before_extraction(tmp_path: Path):
    folder = tmp_path / "folder"
    folder.mkdir()
    shutil.copy(EXAMPLES / "venezuela_2019.txt", folder / "a.txt")
    stray = gk("extract", EXAMPLES / "venezuela_2019.txt", "-q")
    (folder / "z.jsonl").write_text(stray.stdout)  # graphkit's own extract output
    many = tmp_path / "many.txt"
    shutil.copy(EXAMPLES / "venezuela_2019.txt", many)
    result = gk("extract", many, folder, "-q")
    assert_clean_failure(result, 2, "z.jsonl:1", "missing")
    assert result.stdout == ""  # nothing was extracted before the bad file was found
    result = gk("build", many, folder, "-o", tmp_path / "g.ttl")
    assert_clean_failure(result, 2, "z.jsonl:1")
    assert not (tmp_path / "g.ttl").exists()


def test_recognition_follows_acts_for_chains(tmp_path: Path, statements_graph: Path):
    assert gk("store", "load", statements_graph, "--db", tmp_path / "kg").returncode == 0
    result = gk("query", "-n", "recognition", "--db", tmp_path / "kg", "-f", "csv")
    assert result.returncode == 0, result.stderr
    rows = result.stdout.splitlines()[1:]
    assert any(f"{ACTOR}united_states,{ACTOR}juan_guaido," in row
               and row.split(",")[3] == f"{ACTOR}venezuela" for row in rows), rows


def test_python_api_len_pagerank_and_rdflib(statements_graph: Path):
    import networkx as nx
    import rdflib

    graph = rdf.read(statements_graph)
    assert len(graph) == graph.nx.number_of_nodes() == graph.number_of_actors()
    assert graph.number_of_stances() == graph.nx.number_of_edges() != len(graph)
    ranks = nx.pagerank(graph.nx)
    assert abs(sum(ranks.values()) - 1.0) < 1e-6
    parsed = rdflib.Graph().parse(statements_graph)
    again = rdf.read(parsed)
    assert again.number_of_stances() == graph.number_of_stances()
    assert rdf.read(rdf.to_rdflib(graph)).number_of_actors() == graph.number_of_actors()


def test_jsonld_is_compact_with_a_context(tmp_path: Path, statements_graph: Path):
    result = gk("export", statements_graph, "-o", tmp_path / "g.jsonld")
    assert result.returncode == 0, result.stderr
    document = json.loads((tmp_path / "g.jsonld").read_text(encoding="utf-8"))
    assert document["@context"]["@vocab"] == "https://w3id.org/graphkit/ontology#"
    nodes = {node["@id"]: node for node in document["@graph"]}
    chile_like = nodes["actor:united_states"]
    assert chile_like["@type"] == "State" and chile_like["rdfs:label"] == "United States"
    stance = next(n for n in document["@graph"] if n.get("@type") == "Stance")
    assert stance["holder"]["@id"].startswith("actor:")
    import pyoxigraph as ox

    expanded = set(map(str, ox.parse(path=str(tmp_path / "g.jsonld"),
                                     format=ox.RdfFormat.JSON_LD)))
    turtle = set(map(str, ox.parse(path=str(statements_graph), format=ox.RdfFormat.TURTLE)))
    assert len(expanded) == len(turtle)
    assert rdf.read(tmp_path / "g.jsonld").number_of_stances() == rdf.read(
        statements_graph).number_of_stances()


def test_output_to_standard_output(statements_graph: Path):
    result = gk("export", statements_graph, "-o", "-", "-f", "nt")
    assert result.returncode == 0, result.stderr
    import pyoxigraph as ox

    assert len(list(ox.parse(result.stdout.encode(), format=ox.RdfFormat.N_TRIPLES))) > 50
    built = gk("build", EXAMPLES / "statements.csv", "-o", "-", "-q")
    assert built.returncode == 0 and "@prefix gk:" in built.stdout


def test_debug_shows_the_traceback(tmp_path: Path):
    (tmp_path / "empty.txt").write_text("")
    result = gk("--debug", "build", "empty.txt", "-o", "g.ttl", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" in result.stderr


def test_a_million_character_article_is_read_without_a_traceback(tmp_path: Path):
    """One line of a million characters (spaCy's own limit) is chunked, not an error."""
    line = "Chile criticized Peru over the border. " + "Lorem ipsum dolor sit amet. " * 36_000
    (tmp_path / "long.txt").write_text(line[:1_000_010])
    result = gk("extract", "long.txt", "-q", cwd=tmp_path)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert any(json.loads(row)["predicate"] == "criticizes" for row in result.stdout.splitlines())

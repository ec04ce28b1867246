"""Loading about a million triples: graphkit into the embedded store and into an Oxigraph
server, against the ``oxigraph load`` command-line loader on the same N-Quads file.

Run by hand from the repository root::

    /work/venv/bin/python benchmarks/bench_store.py [--triples 1000000] [--reload]

It prints triples per second for each way of loading.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from servers import oxigraph_binary, start_oxigraph  # noqa: E402

from graphkit import rdf, sparql_http, store  # noqa: E402
from graphkit.graph import StanceGraph  # noqa: E402
from graphkit.model import Actor, ActorType, Evidence  # noqa: E402
from graphkit.ontology import load_ontology  # noqa: E402


def synthetic_graph(target_triples: int, changed: float = 0.0) -> StanceGraph:
    """Articles of four sentences each among 200 made-up states, about 75 triples per article.

    ``changed``: the fraction of articles whose sentences read differently (a second version
    of the same articles, for a reload that changes part of every replaced graph).
    """
    every = round(1 / changed) if changed else 0
    ontology = load_ontology()
    kinds = sorted(name for name in ontology if not ontology[name].is_role)
    actors = [Actor(f"state_{i}", f"State {i}", ActorType.STATE) for i in range(200)]
    graph = StanceGraph(actors)
    articles = max(1, target_triples // 75)
    start = date(2019, 1, 1)
    for a in range(articles):
        for k in range(4):
            n = a * 4 + k
            subject, object_ = actors[n % 200].id, actors[(n * 7 + 3) % 200].id
            if subject == object_:
                object_ = actors[(n + 1) % 200].id
            evidence = Evidence(article=f"article-{a}", title=f"Article {a}",
                                sentence=(f"Sentence {k} of article {a}, revised."
                                          if every and a % every == 0
                                          else f"Sentence {k} of article {a}."),
                                date=start + timedelta(days=a % 2000), confidence=0.8)
            graph.add_stance(ontology.stance(subject, kinds[n % len(kinds)], object_,
                                             evidence=[evidence]))
    return graph


def count_lines(path: Path) -> int:
    with open(path, "rb") as handle:
        return sum(1 for _ in handle)


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def next_query_seconds(location: Path) -> float:
    """How long a new ``graphkit query --db`` process takes to open the store and answer."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "graphkit.cli", "query", "--db", str(location),
                    "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"],
                   check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--reload", action="store_true",
                        help="also time a reload (every named graph replaced)")
    parser.add_argument("--changed", type=float, default=0.05,
                        help="with --reload, also reload a version with this fraction of the "
                             "articles changed")
    parser.add_argument("--embedded-only", action="store_true",
                        help="skip the servers (the reload row of issue 13)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="graphkit-bench-"))
    data = work / "graph.nq"

    started = time.perf_counter()
    rdf.write(synthetic_graph(args.triples), data)
    triples = count_lines(data)
    print(f"made {triples:,} triples ({data.stat().st_size / 1e6:.0f} MB N-Quads) "
          f"in {time.perf_counter() - started:.1f} s")

    def report(label: str, seconds: float) -> float:
        rate = triples / seconds
        print(f"{label:<40} {seconds:7.1f} s  {rate:10,.0f} triples/s")
        return rate

    binary = oxigraph_binary()
    cli_rate = None
    if binary:
        started = time.perf_counter()
        subprocess.run([binary, "load", "--location", str(work / "cli"), "--file", str(data)],
                       check=True, capture_output=True)
        cli_rate = report("oxigraph load (command-line loader)", time.perf_counter() - started)

    db = store.open_store(work / "embedded")
    cpu = time.process_time()
    result = store.load(db, [store.rdf_source(data)], ontology=False)
    new_seconds, new_cpu = result.seconds, time.process_time() - cpu
    embedded_rate = report("graphkit store load --db (new graphs)", result.seconds)
    print(f"{'':<40} {new_cpu:.1f} s of CPU (all threads)")
    del db
    fresh_mb = folder_mb(work / "embedded")
    fresh_open = next_query_seconds(work / "embedded")
    print(f"{'':<40} store {fresh_mb:,.0f} MB; next graphkit query opens in {fresh_open:.1f} s")
    # The bulk loader writes its index files at the bottom level, which Oxigraph's RocksDB
    # options compress (LZ4); levels 0 and 1 are kept uncompressed, and a store this size
    # sits in them after its first compaction. That compaction starts in the background as
    # soon as the store is opened (opening a fresh 1M-quad store and counting its quads took
    # it from 146 to 291 MB with no write), so the first figure is a state a store in use
    # leaves at once. A fresh store once compacted, as every store is after its first use:
    shutil.copytree(work / "embedded", work / "compacted")
    db = store.open_store(work / "compacted")
    db.optimize()
    del db
    compacted_mb = folder_mb(work / "compacted")
    shutil.rmtree(work / "compacted")
    print(f"{'':<40} the fresh store after its first compaction: {compacted_mb:,.0f} MB")
    def reload_into(what: str, source: Path) -> None:
        """Load ``source`` into the embedded store again and compare with the new load."""
        db = store.open_store(work / "embedded")
        cpu = time.process_time()
        result = store.load(db, [store.rdf_source(source)], ontology=False)
        reload_cpu = time.process_time() - cpu
        report(f"graphkit store load --db ({what})", result.seconds)
        print(f"{'':<40} {reload_cpu:.1f} s of CPU (all threads)")
        del db
        reload_mb = folder_mb(work / "embedded")
        reload_open = next_query_seconds(work / "embedded")
        print(f"{'':<40} store {reload_mb:,.0f} MB; next graphkit query opens in "
              f"{reload_open:.1f} s")
        print(f"{what} / new load: time {result.seconds / new_seconds:.2f}x "
              f"(CPU {reload_cpu / new_cpu:.2f}x), "
              f"store on disk {reload_mb / fresh_mb:.2f}x a fresh one, "
              f"{reload_mb / compacted_mb:.2f}x a fresh one after its first compaction "
              "(targets: 1.5x, 1.2x, open < 2 s)")

    if args.reload:
        reload_into("reload", data)
        if args.changed:
            changed = work / "changed.nq"
            rdf.write(synthetic_graph(args.triples, args.changed), changed)
            reload_into(f"{args.changed:.0%} changed", changed)

    if args.embedded_only:
        print(f"(files in {work})")
        return
    server = start_oxigraph(work / "server")
    try:
        endpoint = sparql_http.Endpoint.from_options(server.base + "/store")
        result = sparql_http.load(endpoint, [store.rdf_source(data)], ontology=False)
        server_rate = report("graphkit store load --endpoint (oxigraph)", result.seconds)
        print(f"{'':<40} {result.requests} HTTP requests")
        if args.reload:
            result = sparql_http.load(endpoint, [store.rdf_source(data)], ontology=False)
            report("graphkit store load --endpoint (reload)", result.seconds)
    finally:
        server.stop()
    server = start_oxigraph(work / "server-bulk")
    try:
        endpoint = sparql_http.Endpoint.from_options(server.base + "/store")
        endpoint.bulk = True
        result = sparql_http.load(endpoint, [store.rdf_source(data)], ontology=False)
        report("graphkit store load --endpoint --bulk", result.seconds)
    finally:
        server.stop()
    if cli_rate:
        print(f"embedded / CLI loader: {embedded_rate / cli_rate:.2f}; "
              f"server / CLI loader: {server_rate / cli_rate:.2f}")
    print(f"(files in {work})")


if __name__ == "__main__":
    main()

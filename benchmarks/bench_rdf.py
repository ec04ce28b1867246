"""Write a 100,000-stance graph to N-Triples and Turtle: graphkit's path against rdflib's.

Run by hand from the repository root::

    python benchmarks/bench_rdf.py [--stances 100000] [--skip-rdflib]

Each measurement runs in its own process so that peak memory (``ru_maxrss``) belongs to it
alone. graphkit is timed end to end (StanceGraph -> file); rdflib is timed on its
serializer only, with the rdflib Graph already built (its build time is printed apart), which
favours rdflib.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from graphkit.graph import StanceGraph
from graphkit.model import Actor, ActorType, Evidence
from graphkit.ontology import load_ontology


def build_graph(n_stances: int, seed: int = 7) -> StanceGraph:
    """A synthetic graph: 2,000 actors, ``n_stances`` distinct edges, one evidence each."""
    rng = random.Random(seed)
    ontology = load_ontology()
    kinds = sorted(ontology.descendants("stance", include_self=False))
    types = list(ActorType)
    actors = [
        Actor(f"actor_{i}", f"Actor “{i}” <b>", types[i % len(types)],
              aliases=(f"A{i}",), wikidata=f"Q{i + 1}" if i % 3 == 0 else None)
        for i in range(2000)
    ]
    graph = StanceGraph(actors)
    start = date(2015, 1, 1)
    n_articles = max(n_stances // 10, 1)
    seen: set[tuple[int, str, int]] = set()
    while len(seen) < n_stances:
        key = (rng.randrange(2000), rng.choice(kinds), rng.randrange(2000))
        if key in seen or key[0] == key[2]:
            continue
        seen.add(key)
        article = rng.randrange(n_articles)
        published = start + timedelta(days=article % 3000)
        when = published - timedelta(days=rng.randrange(3))
        evidence = Evidence(
            article=f"news/{article}.html",
            title=f"Headline {article}",
            url=f"https://news.example/{article}",
            publisher="Example News",
            published=published,
            sentence=f"Actor {key[0]} said \"{key[1]}\" about actor {key[2]}.\n",
            date=when,
            trigger=key[1],
            confidence=rng.random(),
        )
        graph.add_stance(ontology.stance(f"actor_{key[0]}", key[1], f"actor_{key[2]}",
                                         evidence=[evidence]))
    return graph


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_graphkit(n: int, folder: Path) -> dict[str, float]:
    from graphkit import rdf

    t0 = time.perf_counter()
    graph = build_graph(n)
    out = {"build_s": time.perf_counter() - t0}
    for fmt, suffix in (("ntriples", ".nt"), ("turtle", ".ttl")):
        t0, c0 = time.perf_counter(), time.process_time()
        rdf.write(graph, folder / f"graphkit{suffix}")
        out[f"{fmt}_s"] = time.perf_counter() - t0
        out[f"{fmt}_cpu"] = time.process_time() - c0
    out["peak_write_mb"] = peak_mb()
    with open(folder / "graphkit.nt", "rb") as handle:
        out["triples"] = sum(1 for _ in handle)
    t0 = time.perf_counter()
    back = rdf.read(folder / "graphkit.nt")
    out["read_nt_s"] = time.perf_counter() - t0
    out["round_trip_equal"] = float(back == graph)
    out["peak_mb"] = peak_mb()
    return out


def run_rdflib(n: int, folder: Path) -> dict[str, float]:
    import pyoxigraph as ox
    import rdflib

    from graphkit import rdf

    graph = build_graph(n)
    t0 = time.perf_counter()
    # The same triples graphkit writes, as rdflib terms.
    nt = ox.serialize(rdf.to_quads(graph, named_graphs=False), None, ox.RdfFormat.N_TRIPLES)
    rg = rdflib.Graph()
    rg.parse(data=nt, format="nt")
    del nt
    out = {"to_rdflib_s": time.perf_counter() - t0, "triples": len(rg)}
    for fmt, name, suffix in (("ntriples", "nt", ".nt"), ("turtle", "turtle", ".ttl")):
        t0, c0 = time.perf_counter(), time.process_time()
        rg.serialize(destination=str(folder / f"rdflib{suffix}"), format=name)
        out[f"{fmt}_s"] = time.perf_counter() - t0
        out[f"{fmt}_cpu"] = time.process_time() - c0
    out["peak_mb"] = peak_mb()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stances", type=int, default=100_000)
    parser.add_argument("--skip-rdflib", action="store_true")
    parser.add_argument("--worker", choices=["graphkit", "rdflib"], help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        run = run_graphkit if args.worker == "graphkit" else run_rdflib
        print(json.dumps(run(args.stances, Path(args.folder))))
        return

    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for worker in ("graphkit", "rdflib"):
            if worker == "rdflib" and args.skip_rdflib:
                continue
            proc = subprocess.run(
                [sys.executable, __file__, "--worker", worker, "--stances", str(args.stances),
                 "--folder", folder],
                check=True, capture_output=True, text=True,
            )
            results[worker] = json.loads(proc.stdout.strip().splitlines()[-1])
    gk = results["graphkit"]
    print(f"graph: {args.stances:,} stances, {int(gk['triples']):,} triples "
          f"(built in {gk['build_s']:.1f} s)")
    print("wall-clock seconds (CPU seconds in brackets: steadier on a busy machine)")
    print(f"{'':10} {'graphkit s':>15} {'triples/s':>10} {'rdflib s':>15} {'triples/s':>10} "
          f"{'speed-up (cpu)':>15}")
    for fmt in ("ntriples", "turtle"):
        wall, cpu = gk[fmt + "_s"], gk[fmt + "_cpu"]
        line = f"{fmt:10} {wall:7.2f} ({cpu:5.2f}) {gk['triples'] / wall:10,.0f}"
        if "rdflib" in results:
            rl = results["rdflib"]
            r_wall, r_cpu = rl[fmt + "_s"], rl[fmt + "_cpu"]
            line += (f" {r_wall:7.2f} ({r_cpu:5.2f}) {rl['triples'] / r_wall:10,.0f}"
                     f" {r_wall / wall:6.1f}x ({r_cpu / cpu:4.1f}x)")
        print(line)
    print(f"graphkit: peak RSS {gk['peak_write_mb']:,.0f} MB building and writing both; "
          f"read N-Triples back in {gk['read_nt_s']:.1f} s, equal graph: "
          f"{bool(gk['round_trip_equal'])}, peak RSS {gk['peak_mb']:,.0f} MB with the read")
    if "rdflib" in results:
        rl = results["rdflib"]
        print(f"rdflib: Graph built in {rl['to_rdflib_s']:.1f} s, {int(rl['triples']):,} "
              f"triples, peak RSS {rl['peak_mb']:,.0f} MB")


if __name__ == "__main__":
    main()

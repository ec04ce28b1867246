"""Issue 13's rows side by side in one run: graphkit against what it should come near.

Run by hand from the repository root::

    python benchmarks/bench_perf.py [--stances 100000] [--rounds 3] [--rdflib-rounds 1]
                                    [--rows write read start store jobs page]
                                    [--store-triples 1000000] [--jobs-mb 2 20]

Every measurement runs in a fresh process (so that its peak memory is its own), and both
wall-clock and CPU seconds are printed: on a shared machine the CPU seconds are the steadier
figure, and the ratios use them. The rows write, read and start run ``--rounds`` times, the
graphkit side and its alternative interleaved (graphkit, alternative, graphkit, ...), and the
medians are printed, so that a burst of load from other processes hits both sides alike.
rdflib, the slow alternative, runs ``--rdflib-rounds`` times (0 leaves it out).

Rows
----
write   N-Triples and Turtle of a ``--stances`` graph (bench_rdf's generator): graphkit's
        writer against pyoxigraph's serialiser over a ready list of quads, and against
        rdflib's serialiser over an rdflib Graph of the same triples.
read    The N-Triples file back into a StanceGraph against pyoxigraph's parse to a list
        and rdflib's parse into a Graph; peak memory against the memory the resulting
        graph holds.
start   What each worker process of ``--jobs N`` pays before its first article: building
        the extractor from the YAML files against loading graphkit's compiled cache.
store   ``bench_store.py --reload --embedded-only``: a new load, a reload of the same file and
        of a version with 5% of the articles changed, store sizes and the next open.
jobs    ``--jobs-mb`` of generated articles (bench_extract's) in one process against
        ``extract_articles(jobs=2)``: wall seconds, and CPU seconds of the parent and its
        workers (on a loaded machine the wall-clock speed-up says little; the CPU figures
        give what two idle cores would: one process's CPU over the busier worker's share).
        Each size of ``--jobs-mb`` is a row.
page    ``bench_html.py --sizes 2000x20000 --pyvis``: graphkit's page of 20k stances against
        bare pyvis's (Python time, page size), and its first draw in headless Chromium.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def rss_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Clock:
    def __enter__(self) -> Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu


def work(task: str, stances: int, folder: Path) -> dict[str, float]:
    """One measurement, in this (fresh) process."""
    sys.path.insert(0, str(HERE))
    if task == "start-build" or task == "start-cache":
        os.environ["GRAPHKIT_CACHE_DIR"] = str(folder / "cache")
        from graphkit import cache

        if task == "start-cache":
            cache.extractor_state()  # fills the cache (not timed)
            with Clock() as clock:
                cache.extractor_state()
        else:
            from graphkit.extract.pipeline import Extractor

            with Clock() as clock:
                Extractor()
        return {"wall": clock.wall, "cpu": clock.cpu}
    if task == "jobs1" or task == "jobs2":
        # Both sides start from the compiled cache, warmed beforehand (see main).
        os.environ["GRAPHKIT_CACHE_DIR"] = str(folder / "cache")
        from bench_extract import make_articles

        from graphkit.extract.pipeline import extract_articles

        articles = make_articles(stances / 1000)  # --stances carries kilobytes here
        words = sum(len(a.text.split()) for a in articles)
        with Clock() as clock:
            found = sum(len(r.stances)
                        for r in extract_articles(articles, jobs=1 if task == "jobs1" else 2))
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return {"wall": clock.wall, "cpu": clock.cpu, "words": float(words),
                "children_cpu": children.ru_utime + children.ru_stime, "stances": float(found)}
    if task == "parse" or task == "read":
        import pyoxigraph as ox

        from graphkit import rdf

        base = rss_mb()
        with Clock() as clock:
            if task == "parse":
                result = list(ox.parse(path=folder / "graph.nt", format=ox.RdfFormat.N_TRIPLES))
            else:
                result = rdf.read(folder / "graph.nt")
        gc.collect()
        out = {"wall": clock.wall, "cpu": clock.cpu, "peak_mb": peak_mb() - base}
        out["items"] = float(len(result) if task == "parse" else result.number_of_stances())
        return out
    if task == "rdflib-write":
        # The same triples as graphkit's N-Triples (written by the graphkit task), parsed
        # into an rdflib Graph outside the clock.
        import rdflib

        from graphkit.rdf import PREFIXES

        graph = rdflib.Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        graph.parse(folder / "graph.nt", format="nt")
        out = {}
        for fmt, name in (("ntriples", "nt"), ("turtle", "turtle")):
            with Clock() as clock:
                graph.serialize(str(folder / f"rdflib.{name}"), format=name)
            out[fmt + "_wall"], out[fmt + "_cpu"] = clock.wall, clock.cpu
        return out
    if task == "rdflib-read":
        import rdflib

        base = rss_mb()
        with Clock() as clock:
            graph = rdflib.Graph().parse(folder / "graph.nt", format="nt")
        return {"wall": clock.wall, "cpu": clock.cpu, "peak_mb": peak_mb() - base,
                "items": float(len(graph))}
    if task == "size":
        # What the graph itself holds: built from scratch in a fresh process.
        from bench_rdf import build_graph

        import graphkit.rdf  # noqa: F401  (its imports are in the reader's baseline too)

        base = rss_mb()
        graph = build_graph(stances)
        gc.collect()
        return {"graph_mb": rss_mb() - base, "stances": graph.number_of_stances()}
    from bench_rdf import build_graph

    from graphkit import rdf

    graph = build_graph(stances)
    if task == "graphkit":
        out: dict[str, float] = {}
        for fmt, suffix in (("ntriples", ".nt"), ("turtle", ".ttl")):
            target = folder / ("graph" + suffix)
            with Clock() as clock:
                rdf.write(graph, target)
            out[fmt + "_wall"], out[fmt + "_cpu"] = clock.wall, clock.cpu
        with open(folder / "graph.nt", "rb") as handle:
            out["triples"] = sum(1 for _ in handle)
        return out
    import pyoxigraph as ox

    with Clock() as clock:
        quads = list(rdf.to_quads(graph, named_graphs=False))
    del graph
    out = {"quads_wall": clock.wall, "quads_cpu": clock.cpu}
    for fmt, oxf in (("ntriples", ox.RdfFormat.N_TRIPLES), ("turtle", ox.RdfFormat.TURTLE)):
        with Clock() as clock:
            ox.serialize(quads, str(folder / f"oxigraph.{fmt}"), oxf,
                         prefixes=rdf.PREFIXES if fmt == "turtle" else None)
        out[fmt + "_wall"], out[fmt + "_cpu"] = clock.wall, clock.cpu
    return out


def run(task: str, stances: int, folder: Path) -> dict[str, float]:
    proc = subprocess.run(
        [sys.executable, __file__, "--worker", task, "--stances", str(stances),
         "--folder", str(folder)],
        check=True, capture_output=True, text=True,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def medians(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def interleaved(tasks: list[str], rounds: int, stances: int, folder: Path
                ) -> list[dict[str, float]]:
    """Each task once per round, in turn; the medians per task."""
    runs: dict[str, list[dict[str, float]]] = {task: [] for task in tasks}
    for _ in range(rounds):
        for task in tasks:
            runs[task].append(run(task, stances, folder))
    return [medians(runs[task]) for task in tasks]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stances", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    rows = ["write", "read", "start", "store", "jobs", "page"]
    parser.add_argument("--rows", nargs="+", default=rows, choices=rows)
    parser.add_argument("--rdflib-rounds", type=int, default=1)
    parser.add_argument("--store-triples", type=int, default=1_000_000)
    parser.add_argument("--jobs-mb", type=float, nargs="+", default=[2.0, 20.0])
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(work(args.worker, args.stances, Path(args.folder))))
        return

    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average at start: {load} ({os.cpu_count()} cores); "
          f"seconds are wall (CPU), medians of {args.rounds} interleaved rounds; ratios of "
          "CPU seconds", flush=True)
    with tempfile.TemporaryDirectory(prefix="graphkit-bench-") as name:
        folder = Path(name)
        if "write" in args.rows or "read" in args.rows:
            tasks = ["graphkit", "oxigraph"] if "write" in args.rows else ["graphkit"]
            results = interleaved(tasks, args.rounds, args.stances, folder)
            gk = results[0]
            print(f"graph: {args.stances:,} stances, {int(gk['triples']):,} triples")
            slow = args.rdflib_rounds > 0
            if slow and "write" in args.rows:
                rdflib_write = interleaved(["rdflib-write"], args.rdflib_rounds, args.stances,
                                           folder)[0]
        if "write" in args.rows:
            ox_ = results[1]
            for fmt in ("ntriples", "turtle"):
                print(f"write {fmt:9} graphkit {gk[fmt + '_wall']:6.2f} s ({gk[fmt + '_cpu']:5.2f})"
                      f"  pyoxigraph from a quad list {ox_[fmt + '_wall']:6.2f} s "
                      f"({ox_[fmt + '_cpu']:5.2f})  graphkit/pyoxigraph time "
                      f"{gk[fmt + '_cpu'] / ox_[fmt + '_cpu']:.2f}x (target <= 1.5x)", flush=True)
                whole = ox_[fmt + "_cpu"] + ox_["quads_cpu"]
                print(f"                pyoxigraph from the StanceGraph (to_quads, then the "
                      f"serialiser) ({whole:5.2f}): graphkit takes {gk[fmt + '_cpu'] / whole:.2f}"
                      "x its time", flush=True)
                if slow:
                    print(f"                rdflib {rdflib_write[fmt + '_wall']:6.2f} s "
                          f"({rdflib_write[fmt + '_cpu']:5.2f}): graphkit is "
                          f"{rdflib_write[fmt + '_cpu'] / gk[fmt + '_cpu']:.1f}x faster "
                          "(target >= 10x)", flush=True)
        if "read" in args.rows:
            parse, read = interleaved(["parse", "read"], args.rounds, args.stances, folder)
            read["graph_mb"] = run("size", args.stances, folder)["graph_mb"]
            print(f"read N-Triples  graphkit {read['wall']:6.2f} s ({read['cpu']:5.2f}), peak "
                  f"{read['peak_mb']:,.0f} MB  pyoxigraph parse to a list {parse['wall']:6.2f} s "
                  f"({parse['cpu']:5.2f}), peak {parse['peak_mb']:,.0f} MB")
            print(f"                time {read['cpu'] / parse['cpu']:.2f}x the parse "
                  f"(target <= 2x); peak {read['peak_mb'] / read['graph_mb']:.2f}x the "
                  f"graph's {read['graph_mb']:,.0f} MB (target <= 2x)", flush=True)
            if slow:
                rdflib_read = interleaved(["rdflib-read"], args.rdflib_rounds, args.stances,
                                          folder)[0]
                print(f"                rdflib parse into a Graph {rdflib_read['wall']:6.2f} s "
                      f"({rdflib_read['cpu']:5.2f}), peak {rdflib_read['peak_mb']:,.0f} MB: "
                      f"graphkit is {rdflib_read['cpu'] / read['cpu']:.1f}x faster", flush=True)
        if "start" in args.rows:
            build, cached = interleaved(["start-build", "start-cache"], args.rounds, 0, folder)
            print(f"worker start    extractor from YAML {build['wall']:6.2f} s "
                  f"({build['cpu']:5.2f})  from the compiled cache {cached['wall']:6.2f} s "
                  f"({cached['cpu']:5.2f})  {build['cpu'] / cached['cpu']:.1f}x faster",
                  flush=True)
        if "jobs" in args.rows and "start" not in args.rows:
            run("start-cache", 0, folder)  # fills the compiled cache
        for megabytes in args.jobs_mb if "jobs" in args.rows else []:
            kilobytes = round(megabytes * 1000)
            one, two = (run("jobs1", kilobytes, folder), run("jobs2", kilobytes, folder))
            print(f"--jobs 2, {megabytes:g} MB ({int(one['words']):,} words): one process "
                  f"{one['wall']:6.1f} s ({one['cpu']:.1f} CPU); two workers "
                  f"{two['wall']:6.1f} s ({two['cpu']:.1f} CPU here + "
                  f"{two['children_cpu']:.1f} in the workers); load "
                  f"{os.getloadavg()[0]:.2f}")
            # On two idle cores the run takes about half the workers' CPU, plus what the
            # parent does: at best alongside them (the larger of the two), at worst before
            # and after them (the sum).
            best = max(two["children_cpu"] / 2, two["cpu"])
            worst = two["children_cpu"] / 2 + two["cpu"]
            print(f"                wall speed-up {one['wall'] / two['wall']:.2f}x; from CPU "
                  f"seconds, on two idle cores {one['cpu'] / worst:.2f}x to "
                  f"{min(2.0, one['cpu'] / best):.2f}x (target >= 1.6x); work added by the "
                  f"workers {(two['children_cpu'] + two['cpu']) / one['cpu']:.2f}x", flush=True)
            if one["stances"] != two["stances"]:
                print(f"                STANCES DIFFER: {one['stances']:.0f} against "
                      f"{two['stances']:.0f}")
    if "store" in args.rows:
        print("store (bench_store.py --reload --embedded-only):", flush=True)
        subprocess.run([sys.executable, str(HERE / "bench_store.py"), "--reload",
                        "--embedded-only", "--triples", str(args.store_triples)], check=True)
    if "page" in args.rows:
        print("page (bench_html.py --sizes 2000x20000 --pyvis):", flush=True)
        subprocess.run([sys.executable, str(HERE / "bench_html.py"), "--sizes", "2000x20000",
                        "--pyvis"], check=True)
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()

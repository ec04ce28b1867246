"""Issue 13's rows side by side in one run: graphkit against what it should come near.

Run by hand from the repository root::

    python benchmarks/bench_perf.py [--stances 100000] [--rows write read start]

Every measurement runs in a fresh process (so that its peak memory is its own), and both
wall-clock and CPU seconds are printed: on a shared machine the CPU seconds are the steadier
figure, and the ratios use them. The store and page rows have their own scripts:
``bench_store.py --reload --embedded-only`` and ``bench_html.py --sizes 2000x20000``.

Rows
----
write   N-Triples and Turtle of a ``--stances`` graph (bench_rdf's generator): graphkit's
        writer against pyoxigraph's serialiser over a ready list of quads.
read    The N-Triples file back into a StanceGraph against pyoxigraph's parse to a list;
        peak memory against the memory the resulting graph holds.
start   What each worker process of ``--jobs N`` pays before its first article: building
        the extractor from the YAML files against loading graphkit's compiled cache.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
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

    quads = list(rdf.to_quads(graph, named_graphs=False))
    del graph
    out = {}
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stances", type=int, default=100_000)
    parser.add_argument("--rows", nargs="+", default=["write", "read", "start"],
                        choices=["write", "read", "start"])
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--folder", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(work(args.worker, args.stances, Path(args.folder))))
        return

    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"load average at start: {load} ({os.cpu_count()} cores); "
          "seconds are wall (CPU); ratios of CPU seconds")
    with tempfile.TemporaryDirectory(prefix="graphkit-bench-") as name:
        folder = Path(name)
        if "write" in args.rows or "read" in args.rows:
            gk = run("graphkit", args.stances, folder)
            print(f"graph: {args.stances:,} stances, {int(gk['triples']):,} triples")
        if "write" in args.rows:
            ox_ = run("oxigraph", args.stances, folder)
            for fmt in ("ntriples", "turtle"):
                print(f"write {fmt:9} graphkit {gk[fmt + '_wall']:6.2f} s ({gk[fmt + '_cpu']:5.2f})"
                      f"  pyoxigraph from a quad list {ox_[fmt + '_wall']:6.2f} s "
                      f"({ox_[fmt + '_cpu']:5.2f})  graphkit/pyoxigraph time "
                      f"{gk[fmt + '_cpu'] / ox_[fmt + '_cpu']:.2f}x (target <= 1.5x)")
        if "read" in args.rows:
            parse, read = run("parse", args.stances, folder), run("read", args.stances, folder)
            read["graph_mb"] = run("size", args.stances, folder)["graph_mb"]
            print(f"read N-Triples  graphkit {read['wall']:6.2f} s ({read['cpu']:5.2f}), peak "
                  f"{read['peak_mb']:,.0f} MB  pyoxigraph parse to a list {parse['wall']:6.2f} s "
                  f"({parse['cpu']:5.2f}), peak {parse['peak_mb']:,.0f} MB")
            print(f"                time {read['cpu'] / parse['cpu']:.2f}x the parse "
                  f"(target <= 2x); peak {read['peak_mb'] / read['graph_mb']:.2f}x the "
                  f"graph's {read['graph_mb']:,.0f} MB (target <= 2x)")
        if "start" in args.rows:
            build, cached = run("start-build", 0, folder), run("start-cache", 0, folder)
            print(f"worker start    extractor from YAML {build['wall']:6.2f} s "
                  f"({build['cpu']:5.2f})  from the compiled cache {cached['wall']:6.2f} s "
                  f"({cached['cpu']:5.2f})  {build['cpu'] / cached['cpu']:.1f}x faster")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()

"""How big the HTML page is and how fast it draws and settles in headless Chromium.

Run by hand from the repository root::

    /work/venv/bin/python benchmarks/bench_html.py [--sizes 15x25 300x1000 1000x5000]

Each size is ACTORSxSTANCES of a random graph (fixed seed): actors of every type, persons
acting for states, stances of every type with one to three evidence sentences. Times are
from navigation start to the first drawn frame and to the settled layout (physics stopped),
as the page itself records them (``window.graphkit.firstDraw`` / ``settled``).

``--pyvis`` also builds the page that bare pyvis makes of the same graph (one node per
actor, one edge per stance with its first sentence as the tooltip, vis-network inlined so
that it works offline) and prints its Python time and size beside graphkit's: the
alternative of issue 13's page row.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from browser import console_errors, drawn_pixels, start_chromium, stop_chromium  # noqa: E402

from graphkit import html  # noqa: E402
from graphkit.graph import StanceGraph  # noqa: E402
from graphkit.model import Actor, ActorType, Evidence  # noqa: E402
from graphkit.ontology import load_ontology, make_stance  # noqa: E402

WORDS = ("talks", "border", "treaty", "envoy", "minister", "summit", "sanctions", "trade",
         "aid", "troops", "ceasefire", "election", "embassy", "statement", "pipeline", "grain",
         "loan", "port", "visit", "vote")


def random_graph(n_actors: int, n_stances: int, seed: int = 1) -> StanceGraph:
    """A reproducible graph of ``n_actors`` actors and ``n_stances`` stance edges."""
    rng = random.Random(seed)
    ontology = load_ontology()
    predicates = sorted(
        name for name in ontology if name not in ontology.role_predicates and name != "stance"
    )
    types = list(ActorType)
    graph = StanceGraph()
    states: list[str] = []
    for i in range(n_actors):
        actor_type = ActorType.STATE if i < max(2, n_actors // 4) else rng.choice(types)
        actor_id = f"actor_{i}"
        acts_for = rng.choice(states) if actor_type is ActorType.PERSON and states else None
        graph.add_actor(Actor(actor_id, f"Actor {i} {rng.choice(WORDS).title()}", actor_type,
                              acts_for=acts_for))
        if actor_type is ActorType.STATE:
            states.append(actor_id)
    ids = [f"actor_{i}" for i in range(n_actors)]
    start = date(2024, 1, 1)
    # Counted here: a MultiDiGraph counts its edges by summing degrees (linear).
    keys: set[tuple[str, str, str]] = set()
    while len(keys) < n_stances:
        u, v = rng.sample(ids, 2)
        evidence = []
        for k in range(rng.randint(1, 3)):
            words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20)))
            evidence.append(Evidence(
                f"article-{rng.randrange(n_stances)}",
                f"{graph.actor(u).label} said {words} about {graph.actor(v).label}.",
                title=f"Report {k}", date=start + timedelta(days=rng.randrange(365)),
                confidence=round(rng.uniform(0.5, 1.0), 2),
            ))
        keys.add(graph.add_stance(make_stance(u, rng.choice(predicates), v, evidence=evidence)))
    return graph


def bare_pyvis(graph: StanceGraph, page: Path) -> tuple[float, float]:
    """Wall and CPU seconds for bare pyvis to write a page of ``graph`` (its defaults:
    physics in the browser, no layout in Python)."""
    from pyvis.network import Network

    t0, c0 = time.perf_counter(), time.process_time()
    net = Network(directed=True, cdn_resources="in_line")
    for actor in graph.actors():
        net.add_node(actor.id, label=actor.label, title=actor.type.value)
    for u, v, p, data in graph.nx.edges(keys=True, data=True):
        evidence = data["evidence"]
        net.add_edge(u, v, label=p, title=evidence[0].sentence if evidence else p)
    page.write_text(net.generate_html(), encoding="utf-8")
    return time.perf_counter() - t0, time.process_time() - c0


def measure(driver, page: Path, timeout: float = 120.0) -> dict[str, float]:
    driver.get_log("browser")
    started = time.perf_counter()
    driver.get(page.resolve().as_uri())
    while True:
        state = driver.execute_script(
            "const g = window.graphkit; return g && g.settled !== null &&"
            " {first: g.firstDraw, settled: g.settled, counts: g.counts()};"
        )
        if state:
            break
        if time.perf_counter() - started > timeout:
            raise TimeoutError(f"{page} did not settle in {timeout}s")
        time.sleep(0.05)
    return {
        "first_draw_s": state["first"] / 1000,
        # With physics the first frame comes after stabilisation: settled is the later one.
        "settled_s": max(state["settled"], state["first"]) / 1000,
        "nodes": state["counts"]["nodes"],
        "edges": state["counts"]["edges"],
        "drawn_px": drawn_pixels(driver),
        "console_errors": len(console_errors(driver)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+",
                        default=["15x25", "300x1000", "1000x5000", "2000x20000"])
    parser.add_argument("--pyvis", action="store_true",
                        help="also time bare pyvis on each graph (the page's alternative)")
    args = parser.parse_args()
    out_dir = Path(tempfile.mkdtemp(prefix="graphkit-bench-"))
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
          "(a shared machine: CPU seconds are the steadier figure)")
    driver = start_chromium()
    try:
        print(f"{'actors':>6} {'stances':>7} {'page edges':>10} {'physics':>7} "
              f"{'python s (cpu)':>14} {'page MB':>7} {'first draw s':>12} {'settled s':>9} errors")
        for size in args.sizes:
            n_actors, n_stances = (int(x) for x in size.split("x"))
            graph = random_graph(n_actors, n_stances)
            page = out_dir / f"graph-{size}.html"
            t0, c0 = time.perf_counter(), time.process_time()
            html.to_html(graph, page)
            python_s, python_cpu = time.perf_counter() - t0, time.process_time() - c0
            edges = html.page_edges(graph)
            settings = html.choose_settings(graph.number_of_actors(), len(edges))
            figures = measure(driver, page)
            print(f"{n_actors:>6} {n_stances:>7} {figures['edges']:>10} "
                  f"{'on' if settings.physics else 'off':>7} {python_s:>6.2f} ({python_cpu:5.2f}) "
                  f"{page.stat().st_size / 1e6:>7.2f} {figures['first_draw_s']:>12.2f} "
                  f"{figures['settled_s']:>9.2f} {figures['console_errors']:>6}", flush=True)
            if args.pyvis:
                bare = out_dir / f"pyvis-{size}.html"
                wall, cpu = bare_pyvis(graph, bare)
                print(f"{'':>6} {'':>7} {'bare pyvis':>10} {'':>7} {wall:>6.2f} ({cpu:5.2f}) "
                      f"{bare.stat().st_size / 1e6:>7.2f}   (graphkit/pyvis Python time "
                      f"{python_cpu / cpu:.2f}x, page size "
                      f"{page.stat().st_size / bare.stat().st_size:.2f}x)", flush=True)
    finally:
        stop_chromium(driver)


if __name__ == "__main__":
    main()

"""Time the analysis functions on a synthetic graph of camps with dated, noisy stances.

Run by hand from the repository root::

    python benchmarks/bench_analysis.py [--actors 500] [--stances 10000] [--camps 3]

Also times the worst case of the exhaustive bloc search: one dense component of 19 actors
(2 ** 18 partitions for k = 2).
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta

from graphkit.analysis import (
    balance,
    blocs,
    dyad_polarity,
    roll_up,
    signed_centrality,
    stance_matrix,
    stance_path,
    timeline,
)
from graphkit.graph import StanceGraph
from graphkit.model import Actor, ActorType, Evidence
from graphkit.ontology import load_ontology


def build(
    n_actors: int, n_stances: int, n_camps: int, seed: int = 11
) -> tuple[StanceGraph, dict[str, int]]:
    rng = random.Random(seed)
    ontology = load_ontology()
    friendly = sorted(ontology.descendants("supports"))
    hostile = sorted(ontology.descendants("opposes"))
    actors = [Actor(f"s{i}", f"State {i}", ActorType.STATE) for i in range(n_actors)]
    actors += [Actor(f"p{i}", f"Minister {i}", ActorType.PERSON, acts_for=f"s{i}")
               for i in range(0, n_actors, 5)]
    graph = StanceGraph(actors)
    ids = [a.id for a in actors]
    camp = {a: rng.randrange(n_camps) for a in ids}
    start = date(2023, 1, 1)
    for k in range(n_stances):
        u, v = rng.sample(ids, 2)
        same = camp[u] == camp[v]
        if rng.random() < 0.1:
            same = not same
        predicate = rng.choice(friendly if same else hostile)
        when = start + timedelta(days=rng.randrange(730))
        evidence = Evidence(f"article{k % 3000}", f"Sentence {k}.", date=when)
        graph.add_stance(ontology.stance(u, predicate, v, evidence=[evidence]))
    return graph, camp


def agreement(found: list[frozenset[str]], truth: dict[str, int]) -> float:
    """The share of placed actors whose found camp's majority planted camp is their own."""
    right = total = 0
    for camp in found:
        planted = [truth[a] for a in camp]
        majority = max(set(planted), key=planted.count)
        right += planted.count(majority)
        total += len(planted)
    return right / total if total else 0.0


def timed(label: str, call) -> object:
    began = time.perf_counter()
    result = call()
    print(f"{label:<28} {time.perf_counter() - began:8.3f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--actors", type=int, default=500)
    parser.add_argument("--stances", type=int, default=10000)
    parser.add_argument("--camps", type=int, default=3)
    args = parser.parse_args()
    graph, truth = timed("build", lambda: build(args.actors, args.stances, args.camps))
    print(graph)
    timed("stance_matrix (all)", lambda: stance_matrix(graph))
    timed("signed_centrality", lambda: signed_centrality(graph))
    report = timed("balance", lambda: balance(graph))
    print(f"  triads {len(report.triads)}, frustration {report.frustration}, "
          f"exact {report.exact}")
    result = timed(f"blocs k={args.camps}", lambda: blocs(graph, k=args.camps))
    print(f"  camps {[len(c) for c in result]}, frustration {result.frustration}, "
          f"between {len(result.between)}, agreement with planted camps "
          f"{agreement(list(result), truth):.3f}")
    timed("stance_path", lambda: stance_path(graph, "s1", "s2", directed=False))
    timed("timeline (all, monthly)", lambda: timeline(graph))
    timed("dyad_polarity", lambda: dyad_polarity(graph, "s1", "s2"))
    timed("roll_up", lambda: roll_up(graph))

    rng = random.Random(3)
    dense = StanceGraph(Actor(f"d{i}", f"D{i}", ActorType.STATE) for i in range(19))
    ontology = load_ontology()
    for i in range(19):
        for j in range(i + 1, 19):
            predicate = "supports" if (i % 2 == j % 2) != (rng.random() < 0.2) else "opposes"
            dense.add_stance(ontology.stance(f"d{i}", predicate, f"d{j}"))
    exhaustive = timed("blocs exhaustive, 19 dense", lambda: blocs(dense))
    print(f"  exact {exhaustive.exact}, frustration {exhaustive.frustration}")


if __name__ == "__main__":
    main()

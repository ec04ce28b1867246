"""The chain of stances that links one actor to another, each step with its evidence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx

from graphkit.analysis._common import check_actors, stance_edges
from graphkit.graph import StanceGraph
from graphkit.model import Evidence, Polarity

__all__ = ["Step", "stance_path"]


@dataclass(frozen=True)
class Step:
    """One stance on a path: who, what, to whom, and the sentences that say so."""

    subject: str
    predicate: str
    object: str
    polarity: Polarity
    count: int
    evidence: tuple[Evidence, ...]

    @property
    def sentences(self) -> tuple[str, ...]:
        """The evidence sentences, without repeats, in evidence order."""
        return tuple(dict.fromkeys(e.sentence for e in self.evidence))

    def __str__(self) -> str:
        return f"{self.subject} --{self.predicate}--> {self.object}"


def _best_edge(edges: dict[str, dict[str, Any]], allowed: set[str]) -> tuple[str, dict] | None:
    """The best-attested stance among parallel edges: most evidence, polar before neutral."""
    choices = [(p, d) for p, d in edges.items() if p in allowed]
    if not choices:
        return None
    return min(choices, key=lambda c: (-c[1]["count"], c[1]["polarity"].sign == 0, c[0]))


def stance_path(
    graph: StanceGraph,
    source: str,
    target: str,
    *,
    directed: bool = True,
    polarity: Polarity | str | None = None,
) -> list[Step]:
    """The shortest chain of stances from ``source`` to ``target``, with evidence per step.

    Among paths with the fewest steps, the one with the best-attested stances wins; between
    two actors, the step takes the stance with the most evidence (cooperation or conflict
    before neutral when tied). Role relations are not stances and are never steps.

    Parameters
    ----------
    graph : StanceGraph
    source, target : str
        Actor ids.
    directed : bool
        Follow stances only from subject to object (default). With ``False`` a step may go
        against a stance's direction; each Step still names its real subject and object.
    polarity : Polarity or str, optional
        Use only stances of this polarity (e.g. the chain of conflict).

    Returns
    -------
    list of Step
        Empty when ``source == target``.

    Raises
    ------
    KeyError
        If either actor is not in the graph.
    networkx.NetworkXNoPath
        If no chain of stances links them.

    Examples
    --------
    >>> from graphkit import Actor, ActorType, Evidence, StanceGraph
    >>> from graphkit.ontology import make_stance
    >>> g = StanceGraph(Actor(i, i.upper(), ActorType.STATE) for i in ("a", "b", "c"))
    >>> _ = g.add_stance(make_stance("a", "aids", "b",
    ...                              evidence=[Evidence("n1", "A sent aid to B.")]))
    >>> _ = g.add_stance(make_stance("b", "threatens", "c",
    ...                              evidence=[Evidence("n2", "B threatened C.")]))
    >>> for step in stance_path(g, "a", "c"):
    ...     print(step, step.sentences)
    a --aids--> b ('A sent aid to B.',)
    b --threatens--> c ('B threatened C.',)
    """
    check_actors(graph, source, target)
    wanted = Polarity(polarity) if polarity is not None else None
    allowed: dict[tuple[str, str], set[str]] = {}
    for u, v, p, data in stance_edges(graph):
        if u != v and (wanted is None or data["polarity"] is wanted):
            allowed.setdefault((u, v), set()).add(p)
    # Each step costs 1 plus a bonus below 1 for the whole path, so fewer steps always win
    # and, among equally short paths, better-attested ones do.
    small = 1.0 / (graph.number_of_actors() + 1)
    hops = nx.DiGraph() if directed else nx.Graph()
    hops.add_nodes_from((source, target))
    for (u, v), predicates in allowed.items():
        _, data = _best_edge(graph.nx[u][v], predicates)  # type: ignore[misc]
        cost = 1.0 + small / data["count"]
        if hops.has_edge(u, v) and hops[u][v]["cost"] <= cost:
            continue
        hops.add_edge(u, v, cost=cost)
    nodes = nx.dijkstra_path(hops, source, target, weight="cost")
    steps = []
    for u, v in zip(nodes, nodes[1:], strict=False):
        candidates = []
        for a, b in ((u, v), (v, u)) if not directed else ((u, v),):
            if (a, b) in allowed:
                predicate, data = _best_edge(graph.nx[a][b], allowed[a, b])  # type: ignore[misc]
                candidates.append((a, b, predicate, data))
        a, b, predicate, data = min(candidates, key=lambda c: (-c[3]["count"], c[0] != u))
        steps.append(Step(a, predicate, b, data["polarity"], data["count"],
                          tuple(data["evidence"])))
    return steps

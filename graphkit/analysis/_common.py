"""What every analysis function shares: which edges are stances, and how much each weighs."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

import networkx as nx

from graphkit.graph import StanceGraph
from graphkit.ontology import load_ontology

WEIGHTS = ("count", "confidence")


@cache
def role_predicates() -> frozenset[str]:
    """The role relations (acts_for, leads, member_of ...): edges of the graph, not stances."""
    return load_ontology().role_predicates


@cache
def acts_for_predicates() -> frozenset[str]:
    """``acts_for`` and its sub-relations: the roles that make one actor speak for another."""
    return frozenset(load_ontology().descendants("acts_for"))


def stance_edges(graph: StanceGraph) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """``(subject, object, predicate, data)`` of every edge that is a stance, in stable order."""
    roles = role_predicates()
    for u, v, p, data in graph.sorted_edge_items():
        if p not in roles:
            yield u, v, p, data


def check_weight(weight: str) -> None:
    if weight not in WEIGHTS:
        raise ValueError(f"unknown weight {weight!r}: use one of {', '.join(WEIGHTS)}")


def edge_weight(data: dict[str, Any], weight: str) -> float:
    """How much one edge counts: its number of evidence items, or the sum of their confidence."""
    if weight == "count":
        return data["count"]
    if weight == "confidence":
        if not data["evidence"]:
            return 1.0
        return sum(e.confidence for e in data["evidence"])
    raise ValueError(f"unknown weight {weight!r}: use one of {', '.join(WEIGHTS)}")


def signed_ties(graph: StanceGraph, weight: str | None = "count") -> nx.Graph:
    """The undirected signed graph: one tie per pair whose cooperation and conflict do not cancel.

    A tie's ``sign`` is that of the pair's net evidence in both directions; its ``weight``
    is the absolute net (``weight=None``: 1 for every tie). Neutral stances, role relations
    and self-loops are left out; every actor is a node.
    """
    if weight is not None:
        check_weight(weight)
    net: dict[tuple[str, str], float] = {}
    for u, v, _, data in stance_edges(graph):
        sign = data["polarity"].sign
        if sign and u != v:
            pair = (u, v) if u < v else (v, u)
            net[pair] = net.get(pair, 0) + sign * edge_weight(data, weight or "count")
    ties = nx.Graph()
    ties.add_nodes_from(a.id for a in graph.actors())
    for (u, v), value in sorted(net.items()):
        if value:
            ties.add_edge(u, v, sign=1 if value > 0 else -1,
                          weight=abs(value) if weight else 1)
    return ties


def check_actors(graph: StanceGraph, *actor_ids: str) -> None:
    """Raise ``KeyError`` naming the first id that is not an actor of ``graph``."""
    for actor_id in actor_ids:
        if not graph.has_actor(actor_id):
            raise KeyError(f"no actor {actor_id!r} in the graph")


def neutral_ties(graph: StanceGraph, weight: str | None = "count") -> nx.Graph:
    """The undirected graph of neutral contact: one tie per pair with a neutral stance.

    A tie's ``weight`` is the pair's neutral evidence in both directions (``weight=None``: 1
    per tie). Meetings, talks and appeals are how mediators show up: they carry no sign,
    so :func:`signed_ties` leaves them out. Role relations and self-loops are left out.
    """
    if weight is not None:
        check_weight(weight)
    ties = nx.Graph()
    ties.add_nodes_from(a.id for a in graph.actors())
    for u, v, _, data in stance_edges(graph):
        if data["polarity"].sign == 0 and u != v:
            amount = edge_weight(data, weight) if weight else 1
            if ties.has_edge(u, v):
                if weight:
                    ties[u][v]["weight"] += amount
            else:
                ties.add_edge(u, v, weight=amount)
    return ties

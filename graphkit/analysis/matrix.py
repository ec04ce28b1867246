"""Who stands how towards whom: the stance matrix and signed centrality."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np

from graphkit.analysis._common import (
    check_actors,
    check_weight,
    edge_weight,
    stance_edges,
)
from graphkit.graph import StanceGraph

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["stance_matrix", "signed_centrality"]

MATRIX_VALUES = ("net", "count", "cooperation", "conflict", "neutral")
BROKER_SAMPLES = 300


def stance_matrix(
    graph: StanceGraph,
    actors: Iterable[str] | None = None,
    *,
    value: str = "net",
    weight: str = "count",
) -> pd.DataFrame:
    """The stances between actors as a square table: rows are subjects, columns objects.

    Role relations (acts_for, member_of ...) are not stances and are left out.

    Parameters
    ----------
    graph : StanceGraph
    actors : iterable of str, optional
        The actor ids to show, in this order. By default every actor that takes part in a
        stance, in id order.
    value : {"net", "count", "cooperation", "conflict", "neutral"}
        ``"net"``: cooperation minus conflict evidence (neutral stances add nothing);
        ``"count"``: all evidence, whatever its polarity; the others: evidence of that
        polarity only.
    weight : {"count", "confidence"}
        Count each evidence item as 1, or as its confidence.

    Returns
    -------
    pandas.DataFrame
        Indexed by subject id (index name ``"subject"``), one column per object id (columns
        name ``"object"``); integers when ``weight="count"``.

    Raises
    ------
    KeyError
        If an id in ``actors`` is not an actor of the graph.
    ValueError
        If ``value`` or ``weight`` is unknown.

    Examples
    --------
    >>> from graphkit import Actor, ActorType, StanceGraph
    >>> from graphkit.ontology import make_stance
    >>> g = StanceGraph(Actor(i, i.upper(), ActorType.STATE) for i in ("a", "b", "c"))
    >>> for triple in [("a", "supports", "b"), ("a", "threatens", "c"),
    ...                ("a", "sanctions", "c"), ("c", "meets", "b")]:
    ...     _ = g.add_stance(make_stance(*triple))
    >>> stance_matrix(g)  # doctest: +NORMALIZE_WHITESPACE
    object   a  b  c
    subject
    a        0  1 -2
    b        0  0  0
    c        0  0  0
    >>> stance_matrix(g, ["a", "c"], value="count")  # doctest: +NORMALIZE_WHITESPACE
    object   a  c
    subject
    a        0  2
    c        0  0
    """
    import pandas as pd

    if value not in MATRIX_VALUES:
        raise ValueError(f"unknown value {value!r}: use one of {', '.join(MATRIX_VALUES)}")
    check_weight(weight)
    if actors is None:
        ids = sorted({end for u, v, _, _ in stance_edges(graph) for end in (u, v)})
    else:
        ids = list(dict.fromkeys(actors))
        check_actors(graph, *ids)
    position = {actor_id: i for i, actor_id in enumerate(ids)}
    cells = np.zeros((len(ids), len(ids)))
    for u, v, _, data in stance_edges(graph):
        if u not in position or v not in position:
            continue
        amount = edge_weight(data, weight)
        polarity = data["polarity"]
        if value == "net":
            amount *= polarity.sign
        elif value != "count" and polarity.value != value:
            continue
        cells[position[u], position[v]] += amount
    frame = pd.DataFrame(cells, index=pd.Index(ids, name="subject"),
                         columns=pd.Index(ids, name="object"))
    return frame.astype(int) if weight == "count" else frame


def signed_centrality(graph: StanceGraph, *, weight: str = "count") -> pd.DataFrame:
    """Who is most supported, most opposed, most active, and who brokers between others.

    ``support_in`` and ``opposition_in`` add up the cooperation and conflict evidence an
    actor receives (``*_out``: what it gives); ``net_in`` is their difference, a signed
    in-degree that ranks the most supported actors first and the most opposed last.

    ``broker`` measures mediation: the share of all conflict evidence (conflict stances
    between two actors, either direction) that lies between pairs whose both sides this
    actor is on peaceful terms with: it has a stance with each (cooperative or neutral:
    meetings, talks, appeals count) and no conflict stance with either. A mediator who meets
    both sides of the only conflict of a graph scores 1; a party to a conflict scores
    nothing for it. ``betweenness`` is the betweenness centrality in the undirected, unsigned
    graph of all stances: the share of shortest paths between other actors that pass
    through the actor (estimated from 300 sampled actors in graphs larger than that, with a
    fixed seed); it misses a mediator whose two sides also talk to each other directly.
    Role relations are left out.

    Parameters
    ----------
    graph : StanceGraph
    weight : {"count", "confidence"}
        Count each evidence item as 1, or as its confidence.

    Returns
    -------
    pandas.DataFrame
        One row per actor, indexed by id, sorted by ``net_in`` (highest first) then id; columns
        ``label, support_in, opposition_in, net_in, support_out, opposition_out, net_out,
        neutral_in, neutral_out, broker, betweenness``.

    Examples
    --------
    >>> from graphkit import Actor, ActorType, StanceGraph
    >>> from graphkit.ontology import make_stance
    >>> g = StanceGraph(Actor(i, i.upper(), ActorType.STATE) for i in ("a", "b", "c"))
    >>> for triple in [("a", "supports", "b"), ("c", "praises", "b"), ("b", "accuses", "c"),
    ...                ("b", "threatens", "c"), ("a", "meets", "c")]:
    ...     _ = g.add_stance(make_stance(*triple))
    >>> table = signed_centrality(g)
    >>> table[["support_in", "opposition_in", "net_in", "broker"]]  # doctest: +NORMALIZE_WHITESPACE
        support_in  opposition_in  net_in  broker
    id
    b            2              0       2     0.0
    a            0              0       0     1.0
    c            0              2      -2     0.0

    b and c are in conflict; a supports b and meets c: it brokers between them.
    """
    import pandas as pd

    check_weight(weight)
    columns = ["support_in", "opposition_in", "support_out", "opposition_out",
               "neutral_in", "neutral_out"]
    rows = {a.id: dict.fromkeys(columns, 0.0) for a in graph.actors()}
    unsigned = nx.Graph()
    unsigned.add_nodes_from(rows)
    conflicts: dict[tuple[str, str], float] = {}
    for u, v, _, data in stance_edges(graph):
        amount = edge_weight(data, weight)
        kind = {1: ("support_out", "support_in"), -1: ("opposition_out", "opposition_in"),
                0: ("neutral_out", "neutral_in")}[data["polarity"].sign]
        rows[u][kind[0]] += amount
        rows[v][kind[1]] += amount
        if u != v:
            unsigned.add_edge(u, v)
            if data["polarity"].sign < 0:
                pair = (u, v) if u < v else (v, u)
                conflicts[pair] = conflicts.get(pair, 0.0) + amount
    # Exact betweenness costs O(actors x ties); large graphs estimate it from sampled sources.
    sample = BROKER_SAMPLES if unsigned.number_of_nodes() > BROKER_SAMPLES else None
    betweenness = nx.betweenness_centrality(unsigned, k=sample, normalized=True, seed=0)
    broker = _mediation(unsigned, conflicts)
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=columns)
    frame.index.name = "id"
    if weight == "count":
        frame = frame.astype(int)
    frame["net_in"] = frame["support_in"] - frame["opposition_in"]
    frame["net_out"] = frame["support_out"] - frame["opposition_out"]
    frame["broker"] = pd.Series(broker, dtype=float)
    frame["betweenness"] = pd.Series(betweenness, dtype=float)
    frame.insert(0, "label", [graph.actor(i).label for i in frame.index])
    frame = frame[["label", "support_in", "opposition_in", "net_in", "support_out",
                   "opposition_out", "net_out", "neutral_in", "neutral_out", "broker",
                   "betweenness"]]
    order = sorted(frame.index, key=lambda i: (-frame.at[i, "net_in"], i))
    return frame.loc[order]


def _mediation(contact: nx.Graph, conflicts: dict[tuple[str, str], float]) -> dict[str, float]:
    """Per actor, the share of all conflict evidence between pairs whose both sides it is on
    peaceful terms with (a stance with each, no conflict stance with either).

    Each pair in conflict looks up the actors both its ends are on such terms with: the cost
    is that of counting triangles, not of every pair of an actor's partners.
    """
    peaceful = {
        node: {other for other in contact[node]
               if ((node, other) if node < other else (other, node)) not in conflicts}
        for node in contact
    }
    score = dict.fromkeys(contact, 0.0)
    total = sum(conflicts.values())
    for (u, v), amount in conflicts.items():
        small, large = sorted((peaceful[u], peaceful[v]), key=len)
        for node in small:
            if node in large:
                score[node] += amount / total
    return score

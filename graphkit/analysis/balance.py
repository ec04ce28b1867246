"""Structural balance (Heider) and blocs: camps of friends with their enemies outside.

A signed graph is balanced when its actors split into camps with cooperation only inside
and conflict only across: "the friend of my friend is my friend, the enemy of my enemy is
my friend". A triangle with one hostile tie ("my friend's friend is my enemy") breaks it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING

import networkx as nx

from graphkit.analysis._common import neutral_ties, signed_ties
from graphkit.analysis._partition import min_frustration
from graphkit.graph import StanceGraph

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["BalanceReport", "Blocs", "Triad", "balance", "blocs"]

Tie = tuple[str, str, int]


@dataclass(frozen=True)
class Triad:
    """Three actors tied in pairs, with the sign of each tie ``(u, v, sign)``, u < v."""

    actors: tuple[str, str, str]
    ties: tuple[Tie, Tie, Tie]

    @property
    def kind(self) -> str:
        """The signs, cooperative first: ``"+++"``, ``"++-"``, ``"+--"`` or ``"---"``."""
        return "".join(sorted("+" if s > 0 else "-" for _, _, s in self.ties))

    @property
    def balanced(self) -> bool:
        """Heider: an even number of hostile ties."""
        return self.kind in ("+++", "+--")

    @property
    def broken_tie(self) -> Tie | None:
        """In a ``++-`` triad, the hostile tie between two friends of the third actor."""
        if self.kind != "++-":
            return None
        return next(t for t in self.ties if t[2] < 0)

    def explain(self) -> str:
        """A sentence on why the triad is (un)balanced."""
        if self.kind == "++-":
            u, v, _ = self.broken_tie  # type: ignore[misc]
            w = next(a for a in self.actors if a not in (u, v))
            return f"{u} and {v} are enemies although both are friends of {w}"
        a, b, c = self.actors
        if self.kind == "---":
            return f"{a}, {b} and {c} are all enemies: no two of them side together"
        if self.kind == "+++":
            return f"{a}, {b} and {c} are all friends"
        u, v, _ = next(t for t in self.ties if t[2] > 0)
        w = next(x for x in self.actors if x not in (u, v))
        return f"{u} and {v} are friends with a common enemy, {w}"


@dataclass(frozen=True)
class BalanceReport:
    """How far a signed graph is from structural balance.

    Attributes
    ----------
    triads : tuple of Triad
        Every triangle of signed ties.
    frustration : float
        The frustration index: the least number of ties (or their total weight) whose sign
        must flip for the graph to be balanced. It counts every cycle, not just triangles.
    camps : tuple of frozenset
        The two camps of the nearest balanced split (the second may be empty). With several
        unconnected parts, each part's larger side goes into the first camp.
    frustrated_ties : tuple of (u, v, sign)
        The ties that break that split: cooperation across camps, conflict inside one.
    ties : int
        The number of signed ties.
    exact : bool
        Whether ``frustration`` is proven least (exhaustive search) or an upper bound.
    """

    triads: tuple[Triad, ...]
    frustration: float
    camps: tuple[frozenset[str], frozenset[str]]
    frustrated_ties: tuple[Tie, ...]
    ties: int
    exact: bool

    @property
    def balanced(self) -> tuple[Triad, ...]:
        return tuple(t for t in self.triads if t.balanced)

    @property
    def unbalanced(self) -> tuple[Triad, ...]:
        return tuple(t for t in self.triads if not t.balanced)

    @property
    def breaking(self) -> tuple[Triad, ...]:
        """The ``++-`` triads: my friend's friend is my enemy."""
        return tuple(t for t in self.triads if t.kind == "++-")

    @property
    def balance_index(self) -> float:
        """The share of balanced triangles (NaN without triangles)."""
        return len(self.balanced) / len(self.triads) if self.triads else math.nan

    @property
    def frustration_ratio(self) -> float:
        """Frustration per tie: 0 for a balanced graph, 0.5 at most for a tie count."""
        return self.frustration / self.ties if self.ties else 0.0

    @property
    def is_balanced(self) -> bool:
        return self.frustration == 0

    def frame(self) -> pd.DataFrame:
        """The triads as a DataFrame: actors, kind, balanced, explanation."""
        import pandas as pd

        rows = [{"a": t.actors[0], "b": t.actors[1], "c": t.actors[2], "kind": t.kind,
                 "balanced": t.balanced, "explanation": t.explain()} for t in self.triads]
        return pd.DataFrame(rows, columns=["a", "b", "c", "kind", "balanced", "explanation"])


def _triads(ties: nx.Graph) -> Iterator[Triad]:
    for u in sorted(ties):
        later = sorted(v for v in ties[u] if v > u)
        for v, w in combinations(later, 2):
            if ties.has_edge(v, w):
                yield Triad((u, v, w), (
                    (u, v, ties[u][v]["sign"]),
                    (u, w, ties[u][w]["sign"]),
                    (v, w, ties[v][w]["sign"]),
                ))


def _frustrated(ties: nx.Graph, labels: dict[str, int]) -> tuple[Tie, ...]:
    out = []
    for u, v, data in ties.edges(data=True):
        same = labels[u] == labels[v]
        if (same and data["sign"] < 0) or (not same and data["sign"] > 0):
            out.append((min(u, v), max(u, v), data["sign"]))
    return tuple(sorted(out))


def balance(graph: StanceGraph, *, weight: str | None = None) -> BalanceReport:
    """Structural balance of the signed graph: triangles, frustration, the triads that break it.

    The signed graph has one undirected tie per pair of actors whose cooperation and
    conflict evidence (both directions) does not cancel out; neutral stances and role
    relations are left out.

    Parameters
    ----------
    graph : StanceGraph
    weight : {None, "count", "confidence"}
        ``None``: the frustration index counts ties; otherwise it adds up their net
        evidence, so that a well-attested tie weighs more than a passing remark.

    Returns
    -------
    BalanceReport

    Examples
    --------
    >>> from graphkit import Actor, ActorType, StanceGraph
    >>> from graphkit.ontology import make_stance
    >>> g = StanceGraph(Actor(i, i.upper(), ActorType.STATE) for i in ("a", "b", "c"))
    >>> for triple in [("a", "allies_with", "b"), ("b", "supports", "c"),
    ...                ("c", "threatens", "a")]:
    ...     _ = g.add_stance(make_stance(*triple))
    >>> report = balance(g)
    >>> report.balance_index, report.frustration, report.is_balanced
    (0.0, 1.0, False)
    >>> report.breaking[0].explain()
    'a and c are enemies although both are friends of b'
    """
    ties = signed_ties(graph, weight)
    partition = min_frustration(ties, 2)
    camps = (
        frozenset(n for n, c in partition.labels.items() if c == 0),
        frozenset(n for n, c in partition.labels.items() if c == 1),
    )
    return BalanceReport(
        triads=tuple(_triads(ties)),
        frustration=partition.cost,
        camps=camps,
        frustrated_ties=_frustrated(ties, partition.labels),
        ties=ties.number_of_edges(),
        exact=partition.exact,
    )


@dataclass(frozen=True, eq=False)
class Blocs:
    """A partition of actors into camps, and who sits between them.

    Iterating gives the camps (largest first), like a networkx community partition.

    Attributes
    ----------
    camps : tuple of frozenset
        The non-empty camps, largest first. Actors that are ``between`` are in none.
    between : tuple of str
        Actors that lean towards two or more camps: into each, their cooperation outweighs
        their hostility, or they have neutral contact (meetings, talks, appeals) and no
        hostility at all. A mediator
        who talks to both sides is one, whether or not it has signed ties; so is a member
        that half-belongs to another camp. They are found against the least-frustrated
        partition and then taken out of its camps.
    frustration : float
        The weight of the ties the partition leaves frustrated (the go-betweens counted
        where the partition put them).
    frustrated_ties : tuple of (u, v, sign)
        Those ties: cooperation across camps, conflict inside one.
    unplaced : tuple of str
        Actors without any signed tie that are not between camps either, in no camp.
    ties : pandas.DataFrame
        Per actor in a camp or between: its ``camp`` (missing for go-betweens), then
        ``support_<c>``, ``oppose_<c>`` and ``neutral_<c>``, the weight of its cooperative,
        hostile and neutral ties into each camp ``c``.
    exact : bool
        Whether the partition is proven least frustrated.
    """

    camps: tuple[frozenset[str], ...]
    between: tuple[str, ...]
    frustration: float
    frustrated_ties: tuple[Tie, ...]
    unplaced: tuple[str, ...]
    ties: pd.DataFrame = field(repr=False)
    exact: bool = True

    def __iter__(self) -> Iterator[frozenset[str]]:
        return iter(self.camps)

    def __len__(self) -> int:
        return len(self.camps)

    def __getitem__(self, index: int) -> frozenset[str]:
        return self.camps[index]

    def camp_of(self, actor_id: str) -> int | None:
        """The index of the actor's camp, or None if it is unplaced."""
        return next((i for i, camp in enumerate(self.camps) if actor_id in camp), None)


def blocs(graph: StanceGraph, k: int = 2, *, weight: str | None = "count") -> Blocs:
    """Split the actors into at most ``k`` camps: cooperation inside, conflict across.

    The partition minimises frustration, the weight of cooperative ties across camps plus
    hostile ties inside a camp (correlation clustering with at most ``k`` clusters). Each
    connected part of the signed graph is searched exhaustively when it is small (``k ** (n
    - 1)`` partitions up to about 260,000, e.g. 19 actors for k = 2); larger parts start from
    signed spectral clustering (the low eigenvectors of the signed Laplacian), a greedy
    split and a few seeded random ones, then move one actor at a time while that lowers the
    frustration, and keep the best (deterministic, but not proven least). Camps of
    different connected parts are numbered by size only.

    Parameters
    ----------
    graph : StanceGraph
    k : int
        The largest number of camps; fewer are returned when more would not help.
    weight : {"count", "confidence", None}
        What a tie weighs: its net evidence (default), its net confidence, or 1.

    Returns
    -------
    Blocs

    Raises
    ------
    ValueError
        If ``k`` is less than 1 or ``weight`` is unknown.

    Examples
    --------
    >>> from graphkit import Actor, ActorType, StanceGraph
    >>> from graphkit.ontology import make_stance
    >>> g = StanceGraph(Actor(i, i.upper(), ActorType.STATE) for i in ("a", "b", "x", "y", "m"))
    >>> for triple in [("a", "allies_with", "b"), ("x", "allies_with", "y"),
    ...                ("a", "sanctions", "x"), ("y", "threatens", "b"),
    ...                ("m", "aids", "a"), ("m", "aids", "y")]:
    ...     _ = g.add_stance(make_stance(*triple))
    >>> result = blocs(g)
    >>> sorted(sorted(camp) for camp in result)
    [['a', 'b'], ['x', 'y']]
    >>> result.between
    ('m',)
    """
    import pandas as pd

    ties = signed_ties(graph, weight)
    contact = neutral_ties(graph, weight)
    partition = min_frustration(ties, k)
    labels = partition.labels

    def leanings(node: str, camp_of: dict[str, int], n: int) -> dict[str, float]:
        row: dict[str, float] = {}
        for i in range(n):
            row[f"support_{i}"] = row[f"oppose_{i}"] = row[f"neutral_{i}"] = 0
        for other, data in ties[node].items():
            if other in camp_of:
                side = "support" if data["sign"] > 0 else "oppose"
                row[f"{side}_{camp_of[other]}"] += data["weight"]
        for other, data in contact[node].items():
            if other in camp_of:
                row[f"neutral_{camp_of[other]}"] += data["weight"]
        return row

    def leans_to(row: dict[str, float], n: int) -> int:
        """Towards how many camps cooperation outweighs hostility, or neutral contact comes
        with no hostility at all (enemies negotiate too: talks do not offset threats)."""
        return sum(row[f"support_{i}"] > row[f"oppose_{i}"]
                   or (row[f"oppose_{i}"] == 0 and row[f"neutral_{i}"] > 0)
                   for i in range(n))

    # Go-betweens are found against the least-frustrated partition, then taken out of it:
    # an actor is in one camp or between camps, never both.
    provisional = sorted(set(labels.values()))
    first = {n: provisional.index(c) for n, c in labels.items()}
    candidates = sorted(set(labels) | {n for n in contact if any(o in first for o in contact[n])})
    between = tuple(n for n in candidates
                    if leans_to(leanings(n, first, len(provisional)), len(provisional)) >= 2)
    members = [frozenset(n for n, c in labels.items() if c == camp and n not in between)
               for camp in provisional]
    camps = tuple(sorted((c for c in members if c), key=lambda c: (-len(c), min(c))))
    camp_of = {n: i for i, camp in enumerate(camps) for n in camp}
    rows = {}
    for node in sorted(set(camp_of) | set(between)):
        rows[node] = {"camp": camp_of.get(node), **leanings(node, camp_of, len(camps))}
    columns = ["camp"] + [f"{s}_{i}" for i in range(len(camps))
                          for s in ("support", "oppose", "neutral")]
    table = pd.DataFrame.from_dict(rows, orient="index", columns=columns)
    table["camp"] = table["camp"].astype("Int64")
    table.index.name = "id"
    placed = set(camp_of) | set(between)
    return Blocs(
        camps=camps,
        between=between,
        frustration=partition.cost,
        frustrated_ties=_frustrated(ties, labels),
        unplaced=tuple(sorted(n for n in ties if n not in placed)),
        ties=table,
        exact=partition.exact,
    )

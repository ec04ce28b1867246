"""The StanceGraph: actors as nodes, stances as typed edges of a ``networkx.MultiDiGraph``.

Each edge is keyed by its predicate, so the same (subject, predicate, object) read in several
articles is one edge that collects all its evidence, a count, and first and last seen dates.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

import networkx as nx

from graphkit.model import Actor, ActorType, Evidence, Polarity, Stance, dominant_code

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["EvidenceList", "StanceGraph"]


#: The ``dates`` of an edge that has none of its own (dates without evidence); read-only.
_NO_DATES: frozenset[date] = frozenset()


class EvidenceList(list):
    """The evidence of one edge: a list in insertion order that holds each item once.

    :meth:`add` is O(1) amortised: short lists (most edges have one or two items) are
    searched, longer ones get a set of their members. Add through :meth:`add` only.
    """

    __slots__ = ("_members",)
    _SEARCHED = 8

    def __init__(self, items: Iterable[Evidence] = ()) -> None:
        super().__init__()
        self._members: set[Evidence] | None = None
        for item in items:
            self.add(item)

    def add(self, item: Evidence) -> bool:
        """Append ``item`` unless it is already there; returns whether it was added."""
        members = self._members
        if members is None:
            if len(self) < self._SEARCHED:
                if item in self:
                    return False
                self.append(item)
                return True
            members = self._members = set(self)
        if item in members:
            return False
        members.add(item)
        self.append(item)
        return True


class StanceGraph:
    """A directed multigraph of actors and the stances between them.

    Parameters
    ----------
    actors : iterable of Actor, optional
    stances : iterable of Stance, optional

    Examples
    --------
    >>> from graphkit.model import Actor, ActorType, Polarity, Stance
    >>> g = StanceGraph([Actor("usa", "United States", ActorType.STATE),
    ...                  Actor("guaido", "Juan Guaidó", ActorType.PERSON)])
    >>> _ = g.add_stance(Stance("usa", "recognizes", "guaido", Polarity.COOPERATION, 6.0))
    >>> g.number_of_stances()
    1
    """

    def __init__(
        self, actors: Iterable[Actor] = (), stances: Iterable[Stance] = ()
    ) -> None:
        self.nx = nx.MultiDiGraph()
        for actor in actors:
            self.add_actor(actor)
        for stance in stances:
            self.add_stance(stance)

    # -- actors ---------------------------------------------------------------------------

    def add_actor(self, actor: Actor) -> Actor:
        """Add an actor, or merge it into the one with the same id. Returns the stored actor."""
        if actor.id in self.nx:
            actor = self.nx.nodes[actor.id]["actor"].merged_with(actor)
        self.nx.add_node(actor.id, actor=actor)
        return actor

    def replace_actor(self, actor: Actor) -> None:
        """Store ``actor`` as it is, replacing any actor with the same id."""
        self.nx.add_node(actor.id, actor=actor)

    def has_actor(self, actor_id: str) -> bool:
        return actor_id in self.nx

    def actor(self, actor_id: str) -> Actor:
        """The actor with this id; ``KeyError`` if there is none."""
        try:
            return self.nx.nodes[actor_id]["actor"]
        except KeyError:
            raise KeyError(f"no actor {actor_id!r} in the graph") from None

    def actors(self) -> Iterator[Actor]:
        """All actors, in id order."""
        for node in sorted(self.nx.nodes):
            yield self.nx.nodes[node]["actor"]

    def number_of_actors(self) -> int:
        return self.nx.number_of_nodes()

    # -- stances --------------------------------------------------------------------------

    def add_stance(self, stance: Stance) -> tuple[str, str, str]:
        """Add a stance; evidence of an existing edge with the same key is merged in.

        Both actors must already be in the graph. Evidence without a date takes the
        stance's date. Returns the edge key ``(subject, predicate, object)``.

        The cost does not grow with the evidence the edge already holds: the evidence is an
        insertion-ordered set (:class:`EvidenceList`), and count, dates and confidence are
        updated with the new evidence only.
        """
        nodes = self.nx._node
        for end in (stance.subject, stance.object):
            if end not in nodes:
                raise KeyError(f"stance {stance.key} names unknown actor {end!r}")
        when = stance.date
        evidence = [
            dataclasses.replace(e, date=when) if e.date is None and when else e
            for e in stance.evidence
        ]
        u, p, v = stance.key
        keyed = self.nx._adj[u].get(v)
        data = keyed.get(p) if keyed is not None else None
        if data is None:
            self.nx.add_edge(u, v, key=p, predicate=p, polarity=stance.polarity,
                             intensity=stance.intensity, evidence=EvidenceList(),
                             dates=_NO_DATES, count=1, first_seen=None, last_seen=None,
                             confidence=1.0)
            data = self.nx._adj[u][v][p]
        store: EvidenceList = data["evidence"]
        had = len(store)
        added = [e for e in evidence if store.add(e)]
        dates = [e.date for e in added if e.date is not None]
        if when is not None and not any(e.date for e in evidence) and (had or not evidence):
            if data["dates"] is _NO_DATES:
                data["dates"] = set()  # most edges never need one: shared until then
            data["dates"].add(when)
            dates.append(when)
        if dates:
            low, high = min(dates), max(dates)
            if data["first_seen"] is None or low < data["first_seen"]:
                data["first_seen"] = low
            if data["last_seen"] is None or high > data["last_seen"]:
                data["last_seen"] = high
        if added:
            best = max(e.confidence for e in added)
            data["confidence"] = best if not had else max(data["confidence"], best)
        data["count"] = max(len(store), 1)
        return stance.key

    def remove_stance(self, subject: str, predicate: str, object: str) -> bool:
        """Remove one edge; returns whether it was there."""
        if self.nx.has_edge(subject, object, key=predicate):
            self.nx.remove_edge(subject, object, key=predicate)
            return True
        return False

    def has_stance(self, subject: str, predicate: str, object: str) -> bool:
        return self.nx.has_edge(subject, object, key=predicate)

    def stance(self, subject: str, predicate: str, object: str) -> Stance:
        """The aggregated stance of one edge; ``KeyError`` if there is none."""
        data = self.nx.edges[subject, object, predicate]
        return self._as_stance(subject, object, predicate, data)

    @staticmethod
    def _as_stance(u: str, v: str, p: str, data: dict[str, Any]) -> Stance:
        return Stance(
            subject=u,
            predicate=p,
            object=v,
            polarity=data["polarity"],
            intensity=data["intensity"],
            date=data["first_seen"],
            evidence=tuple(data["evidence"]),
        )

    def stances(self) -> Iterator[Stance]:
        """One aggregated Stance per edge, in a stable order."""
        for u, v, p, data in self.sorted_edge_items():
            yield self._as_stance(u, v, p, data)

    def edge_items(self) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
        """``(subject, object, predicate, data)`` of every edge, in networkx's order: what
        ``nx.edges(keys=True, data=True)`` gives, for less (the edge view costs microseconds
        an edge, which the writers and the page pay once per stance)."""
        for u, nbrs in self.nx.adjacency():
            for v, keyed in nbrs.items():
                for p, data in keyed.items():
                    yield u, v, p, data

    def sorted_edge_items(self) -> list[tuple[str, str, str, dict[str, Any]]]:
        """:meth:`edge_items` in a stable order: by subject, object, predicate."""
        return sorted(self.edge_items(), key=lambda e: e[:3])

    def edge_data(self, subject: str, predicate: str, object: str) -> dict[str, Any]:
        """The edge's attributes: evidence, count, first_seen, last_seen, confidence ..."""
        return self.nx.edges[subject, object, predicate]

    def number_of_stances(self) -> int:
        return self.nx.number_of_edges()

    def __len__(self) -> int:
        """The number of actors (nodes), as for a networkx graph; see number_of_stances."""
        return self.number_of_actors()

    def evidence(self) -> Iterator[Evidence]:
        for _, _, data in self.nx.edges(data=True):
            yield from data["evidence"]

    def articles(self) -> list[str]:
        """The ids of all articles the evidence comes from."""
        return sorted({e.article for e in self.evidence()})

    # -- combining and comparing ----------------------------------------------------------

    def merge(self, other: StanceGraph) -> StanceGraph:
        """Add every actor and stance of ``other`` into this graph; returns self."""
        for actor in other.actors():
            self.add_actor(actor)
        for stance in other.stances():
            self.add_stance(stance)
        return self

    def copy(self) -> StanceGraph:
        return StanceGraph().merge(self)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, StanceGraph):
            return NotImplemented
        return self.canonical() == other.canonical()

    __hash__ = None  # type: ignore[assignment]

    def canonical(self) -> tuple[tuple[Actor, ...], tuple[tuple[Any, ...], ...]]:
        """A comparable form: actors with sorted aliases, stances with sorted evidence."""
        actors = tuple(
            dataclasses.replace(a, aliases=tuple(sorted(a.aliases))) for a in self.actors()
        )
        stances = tuple(
            (s.subject, s.predicate, s.object, s.polarity, s.intensity, s.date,
             tuple(sorted(s.evidence, key=repr)))
            for s in self.stances()
        )
        return actors, stances

    def __repr__(self) -> str:
        return (
            f"<StanceGraph {self.number_of_actors()} actors, "
            f"{self.number_of_stances()} stances>"
        )

    # -- views ----------------------------------------------------------------------------

    def filter(
        self,
        *,
        start: date | None = None,
        end: date | None = None,
        predicates: Iterable[str] | None = None,
        polarity: Polarity | str | Iterable[Polarity | str] | None = None,
        actor_types: Iterable[ActorType | str] | None = None,
        actors: Iterable[str] | None = None,
    ) -> StanceGraph:
        """A new graph with only the stances that pass every given filter.

        ``start``/``end`` keep the evidence dated within the range (inclusive) and drop
        edges left with none; undated evidence is dropped when a range is given.
        ``predicates`` is a set of stance type names (expand a parent type with
        :meth:`graphkit.ontology.Ontology.descendants` first). ``actor_types`` keeps
        stances whose both ends are of those types; ``actors`` those touching these ids.
        All actors are kept; use :meth:`prune` to drop the isolated ones.
        """
        preds = set(predicates) if predicates is not None else None
        if polarity is None:
            pols = None
        elif isinstance(polarity, (Polarity, str)):
            pols = {Polarity(polarity)}
        else:
            pols = {Polarity(p) for p in polarity}
        types = {ActorType(t) for t in actor_types} if actor_types is not None else None
        keep_actors = set(actors) if actors is not None else None
        out = StanceGraph(self.actors())
        for stance in self.stances():
            if preds is not None and stance.predicate not in preds:
                continue
            if pols is not None and stance.polarity not in pols:
                continue
            if types is not None and not (
                self.actor(stance.subject).type in types and self.actor(stance.object).type in types
            ):
                continue
            if keep_actors is not None and not ({stance.subject, stance.object} & keep_actors):
                continue
            if start is not None or end is not None:
                evidence = tuple(
                    e for e in stance.evidence
                    if e.date is not None
                    and (start is None or e.date >= start)
                    and (end is None or e.date <= end)
                )
                if not evidence:
                    continue
                stance = dataclasses.replace(stance, evidence=evidence, date=None)
            out.add_stance(stance)
        return out

    def prune(self) -> StanceGraph:
        """A copy without the actors that take part in no stance."""
        out = self.copy()
        out.nx.remove_nodes_from([n for n in list(out.nx) if out.nx.degree(n) == 0])
        return out

    def weighted_digraph(self, *, skip: Iterable[str] = ()) -> nx.DiGraph:
        """A simple DiGraph: one edge per ordered pair with ``weight`` (evidence count),
        ``sign`` (net polarity, -1/0/+1), ``net`` (signed count) and ``predicates``."""
        skipped = set(skip)
        out = nx.DiGraph()
        for actor in self.actors():
            out.add_node(actor.id, label=actor.label, type=actor.type.value)
        for u, v, p, data in self.nx.edges(keys=True, data=True):
            if p in skipped:
                continue
            if not out.has_edge(u, v):
                out.add_edge(u, v, weight=0, net=0, predicates=[])
            edge = out.edges[u, v]
            edge["weight"] += data["count"]
            edge["net"] += data["polarity"].sign * data["count"]
            edge["predicates"].append(p)
        for _, _, edge in out.edges(data=True):
            edge["sign"] = (edge["net"] > 0) - (edge["net"] < 0)
            edge["predicates"].sort()
        return out

    def signed_graph(self, *, directed: bool = False) -> nx.Graph:
        """The signed graph of cooperation (+1) and conflict (-1), neutral stances left out.

        Each pair's ``sign`` is the sign of the net evidence count; pairs that cancel out
        are dropped. Undirected by default, as structural balance reads it.
        """
        out: nx.Graph = nx.DiGraph() if directed else nx.Graph()
        for actor in self.actors():
            out.add_node(actor.id, label=actor.label, type=actor.type.value)
        net: dict[tuple[str, str], int] = {}
        for u, v, data in self.nx.edges(data=True):
            sign = data["polarity"].sign
            if sign == 0:
                continue
            pair = (u, v) if directed else tuple(sorted((u, v)))
            net[pair] = net.get(pair, 0) + sign * data["count"]
        for (u, v), value in net.items():
            if value != 0 and u != v:
                out.add_edge(u, v, sign=1 if value > 0 else -1, weight=abs(value))
        return out

    def nodes_frame(self) -> pd.DataFrame:
        """Actors as a pandas DataFrame, one row each, indexed by id."""
        import pandas as pd

        rows = [
            {
                "id": a.id,
                "label": a.label,
                "type": a.type.value,
                "country": a.country,
                "wikidata": a.wikidata,
                "cameo": a.cameo,
                "sector": a.sector,
                "role": a.role,
                "acts_for": a.acts_for,
                "aliases": list(a.aliases),
                "degree": self.nx.degree(a.id),
            }
            for a in self.actors()
        ]
        columns = ["id", "label", "type", "country", "wikidata", "cameo", "sector", "role",
                   "acts_for", "aliases", "degree"]
        return pd.DataFrame(rows, columns=columns).set_index("id", drop=False)

    def edges_frame(self) -> pd.DataFrame:
        """Stances as a pandas DataFrame, one row per edge.

        ``cameo`` and ``goldstein`` are the CAMEO event code most of the edge's evidence was
        read with and its Goldstein value (:func:`graphkit.model.dominant_code`);
        ``cameo_codes`` the code of each evidence, in the order of ``sentences``.
        """
        import pandas as pd

        rows = []
        for u, v, p, data in sorted(self.nx.edges(keys=True, data=True), key=lambda e: e[:3]):
            code, goldstein = dominant_code(data["evidence"])
            rows.append(
                {
                    "subject": u,
                    "subject_label": self.actor(u).label,
                    "predicate": p,
                    "object": v,
                    "object_label": self.actor(v).label,
                    "polarity": data["polarity"].value,
                    "intensity": data["intensity"],
                    "count": data["count"],
                    "first_seen": data["first_seen"],
                    "last_seen": data["last_seen"],
                    "confidence": data["confidence"],
                    "sentences": [e.sentence for e in data["evidence"]],
                    "cameo": code,
                    "goldstein": goldstein,
                    "cameo_codes": [e.cameo for e in data["evidence"]],
                }
            )
        columns = ["subject", "subject_label", "predicate", "object", "object_label",
                   "polarity", "intensity", "count", "first_seen", "last_seen",
                   "confidence", "sentences", "cameo", "goldstein", "cameo_codes"]
        return pd.DataFrame(rows, columns=columns)

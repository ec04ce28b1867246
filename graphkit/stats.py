"""Counts that summarise a StanceGraph: actors by type, stances by type and polarity."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from graphkit.graph import StanceGraph

__all__ = ["Summary", "summarize"]


@dataclass(frozen=True)
class Summary:
    """What is in a graph, at a glance."""

    actors: int
    stances: int
    evidence: int
    articles: int
    actor_types: dict[str, int] = field(default_factory=dict)
    predicates: dict[str, int] = field(default_factory=dict)
    polarities: dict[str, int] = field(default_factory=dict)
    first_date: date | None = None
    last_date: date | None = None


def summarize(graph: StanceGraph) -> Summary:
    """Count actors, stances, evidence and articles of ``graph``.

    Examples
    --------
    >>> summarize(StanceGraph()).stances
    0
    """
    stances = list(graph.stances())
    dates = [e.date for s in stances for e in s.evidence if e.date is not None]
    dates += [s.date for s in stances if s.date is not None]
    return Summary(
        actors=graph.number_of_actors(),
        stances=len(stances),
        evidence=sum(len(s.evidence) for s in stances),
        articles=len(graph.articles()),
        actor_types=dict(Counter(a.type.value for a in graph.actors()).most_common()),
        predicates=dict(Counter(s.predicate for s in stances).most_common()),
        polarities=dict(Counter(s.polarity.value for s in stances).most_common()),
        first_date=min(dates, default=None),
        last_date=max(dates, default=None),
    )

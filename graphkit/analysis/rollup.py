"""The roll-up view: persons and organs folded into the state (or body) they act for."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from graphkit.analysis._common import acts_for_predicates, role_predicates
from graphkit.graph import StanceGraph
from graphkit.model import Actor, ActorType

__all__ = ["principals", "roll_up"]

FOLDED_TYPES = (ActorType.PERSON, ActorType.GOVERNMENT_BODY)


def _non_state_sector(actor: Actor) -> bool:
    """A non-state sector of a country ("Syrian rebels", "Sudanese protesters") keeps its
    country but acts for nobody: it never folds into its state, whatever its type."""
    return actor.sector is not None and actor.acts_for is None


def _direct_principal(graph: StanceGraph, actor_id: str, use_country: bool,
                      states: dict[str, str]) -> str | None:
    actor = graph.actor(actor_id)
    if actor.acts_for and actor.acts_for != actor_id and graph.has_actor(actor.acts_for):
        return actor.acts_for
    roles = acts_for_predicates()
    edges = [(v, data) for _, v, p, data in graph.nx.out_edges(actor_id, keys=True, data=True)
             if p in roles and v != actor_id]
    if edges:
        # A person may have changed office: the most recently attested role wins.
        latest = max(edges, key=lambda e: (e[1]["last_seen"] is not None,
                                           e[1]["last_seen"] or 0, e[1]["count"], e[0]))
        return latest[0]
    if use_country and actor.country and states.get(actor.country, actor_id) != actor_id:
        return states[actor.country]
    return None


def principals(
    graph: StanceGraph,
    *,
    types: Iterable[ActorType | str] = FOLDED_TYPES,
    use_country: bool = True,
) -> dict[str, str]:
    """For each actor that rolls up, the id of the actor it is folded into.

    An actor of one of ``types`` acts for: the actor named by its ``acts_for`` attribute;
    else the object of its ``acts_for`` role edges (``leads``, ``spokesperson_of`` ...; the
    most recently seen when there are several); else, with ``use_country``, the state whose
    ``country`` code it carries. The chain is followed (a spokesperson to a ministry to its
    state) as long as it runs through actors of ``types``. Principals must be in the graph.
    Sector actors fold as their sector says: a state sector ("the Israeli police", acting
    for Israel) into its state, a non-state one ("Syrian rebels", acting for nobody) never.

    Parameters
    ----------
    graph : StanceGraph
    types : iterable of ActorType
        The kinds of actor that fold; persons and government bodies by default. Parties,
        armed groups and media are not organs of a state and stay themselves.
    use_country : bool
        Fold an actor into the state of its ``country`` when nothing else names a principal.

    Returns
    -------
    dict
        Actor id -> principal id, only for actors that fold.

    Examples
    --------
    >>> from graphkit import Actor, ActorType, StanceGraph
    >>> g = StanceGraph([Actor("ruritania", "Ruritania", ActorType.STATE, country="RUR"),
    ...                  Actor("rur_foreign_ministry", "Foreign Ministry",
    ...                        ActorType.GOVERNMENT_BODY, acts_for="ruritania"),
    ...                  Actor("jan_novak", "Jan Novak", ActorType.PERSON,
    ...                        acts_for="rur_foreign_ministry")])
    >>> principals(g)
    {'jan_novak': 'ruritania', 'rur_foreign_ministry': 'ruritania'}
    """
    foldable = {ActorType(t) for t in types}
    states: dict[str, str] = {}
    for actor in graph.actors():
        if actor.type is ActorType.STATE and actor.country:
            states.setdefault(actor.country, actor.id)
    mapping: dict[str, str] = {}
    for actor in graph.actors():
        if actor.type not in foldable or _non_state_sector(actor):
            continue
        seen = {actor.id}
        current = actor.id
        while graph.actor(current).type in foldable \
                and not _non_state_sector(graph.actor(current)):
            step = _direct_principal(graph, current, use_country, states)
            if step is None or step in seen:
                break
            seen.add(step)
            current = step
        if current != actor.id:
            mapping[actor.id] = current
    return mapping


def roll_up(
    graph: StanceGraph,
    *,
    types: Iterable[ActorType | str] = FOLDED_TYPES,
    use_country: bool = True,
) -> StanceGraph:
    """A graph where persons and organs are folded into the actor they act for.

    A minister's threats become her state's threats. Stances that end up with the same
    subject, predicate and object merge their evidence (the same sentence counted once); role
    relations and the self-loops the folding makes (a minister praising her own government)
    are dropped. Folded actors leave the graph; evidence keeps its ``speaker``.

    Parameters
    ----------
    graph : StanceGraph
    types, use_country
        As for :func:`principals`.

    Returns
    -------
    StanceGraph
        A new graph; ``graph`` is not changed.

    Examples
    --------
    >>> from graphkit import Actor, ActorType, StanceGraph
    >>> from graphkit.ontology import make_stance
    >>> g = StanceGraph([Actor("ruritania", "Ruritania", ActorType.STATE),
    ...                  Actor("borduria", "Borduria", ActorType.STATE),
    ...                  Actor("jan_novak", "Jan Novak", ActorType.PERSON,
    ...                        acts_for="ruritania")])
    >>> _ = g.add_stance(make_stance("jan_novak", "threatens", "borduria"))
    >>> [s.key for s in roll_up(g).stances()]
    [('ruritania', 'threatens', 'borduria')]
    """
    mapping = principals(graph, types=types, use_country=use_country)
    roles = role_predicates()
    out = StanceGraph(a for a in graph.actors() if a.id not in mapping)
    seen: dict[tuple[str, str, str], set[tuple[object, ...]]] = {}
    for stance in graph.stances():
        if stance.predicate in roles:
            continue
        subject = mapping.get(stance.subject, stance.subject)
        obj = mapping.get(stance.object, stance.object)
        if subject == obj:
            continue
        key = (subject, stance.predicate, obj)
        known = seen.setdefault(key, set())
        evidence = []
        for item in stance.evidence:
            where = (item.article, item.sentence, item.start)
            if where not in known:
                known.add(where)
                evidence.append(item)
        if stance.evidence and not evidence:
            continue
        out.add_stance(dataclasses.replace(stance, subject=subject, object=obj,
                                           evidence=tuple(evidence)))
    return out

"""The questions an analyst asks first, one call each: who opposes whom, how a pair's relation
changed, and which sentences say so. Actors may be named by id or by name."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graphkit.analysis._common import stance_edges
from graphkit.analysis.timeline import dyad_polarity
from graphkit.graph import StanceGraph
from graphkit.model import Polarity

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["find_actor", "relations", "sentences", "plot_dyad"]


def find_actor(graph: StanceGraph, name: str) -> str:
    """The id of the actor called ``name``: an id, a label or an alias, in any case.

    Raises
    ------
    KeyError
        If no actor of the graph has that id or name.

    Examples
    --------
    >>> from graphkit import Actor, ActorType, StanceGraph
    >>> g = StanceGraph([Actor("united_states", "United States", ActorType.STATE,
    ...                        aliases=("US",))])
    >>> find_actor(g, "united_states"), find_actor(g, "united states"), find_actor(g, "US")
    ('united_states', 'united_states', 'united_states')
    """
    if graph.has_actor(name):
        return name
    wanted = name.strip().casefold()
    for actor in graph.actors():
        if wanted in {n.casefold() for n in (actor.label, *actor.aliases)}:
            return actor.id
    raise KeyError(f"no actor called {name!r} in the graph")


def relations(
    graph: StanceGraph, polarity: Polarity | str | None = "conflict", actor: str | None = None
) -> pd.DataFrame:
    """Who stands how towards whom, one row per ordered pair, the best attested first.

    ``relations(graph)`` answers "who opposes whom"; ``relations(graph, "cooperation")`` who
    supports whom; ``polarity=None`` every stance. Role relations are left out.

    Parameters
    ----------
    graph : StanceGraph
    polarity : Polarity or str, optional
        Only stances of this polarity (default ``"conflict"``); None for all.
    actor : str, optional
        Only the pairs this actor (id or name) is part of, as subject or object.

    Returns
    -------
    pandas.DataFrame
        Columns ``subject, object`` (names), ``stances`` (the stance types, most attested
        first), ``evidence`` (sentences), ``first`` and ``last`` (dates), ``subject_id``,
        ``object_id``; sorted by evidence, then names.

    Examples
    --------
    >>> from datetime import date
    >>> from graphkit import Actor, ActorType, StanceGraph
    >>> from graphkit.ontology import make_stance
    >>> g = StanceGraph(Actor(i, i.title(), ActorType.STATE) for i in ("aland", "borduria"))
    >>> _ = g.add_stance(make_stance("aland", "threatens", "borduria", date=date(2024, 1, 5)))
    >>> _ = g.add_stance(make_stance("aland", "sanctions", "borduria", date=date(2024, 2, 1)))
    >>> _ = g.add_stance(make_stance("borduria", "praises", "aland"))
    >>> relations(g)[["subject", "object", "stances", "evidence", "first", "last"]]
      subject    object               stances  evidence       first        last
    0   Aland  Borduria  sanctions, threatens         2  2024-01-05  2024-02-01
    """
    import pandas as pd

    wanted = Polarity(polarity) if polarity is not None else None
    only = find_actor(graph, actor) if actor is not None else None
    pairs: dict[tuple[str, str], list[tuple[str, dict[str, Any]]]] = {}
    for u, v, p, data in stance_edges(graph):
        if wanted is not None and data["polarity"] is not wanted:
            continue
        if only is not None and only not in (u, v):
            continue
        pairs.setdefault((u, v), []).append((p, data))
    rows = []
    for (u, v), stances in pairs.items():
        stances.sort(key=lambda s: (-s[1]["count"], s[0]))
        dates = [d for _, data in stances for d in (data["first_seen"], data["last_seen"]) if d]
        rows.append({
            "subject": graph.actor(u).label,
            "object": graph.actor(v).label,
            "stances": ", ".join(p for p, _ in stances),
            "evidence": sum(data["count"] for _, data in stances),
            "first": min(dates) if dates else None,
            "last": max(dates) if dates else None,
            "subject_id": u,
            "object_id": v,
        })
    columns = ["subject", "object", "stances", "evidence", "first", "last", "subject_id",
               "object_id"]
    frame = pd.DataFrame(rows, columns=columns)
    if frame.empty:
        return frame
    frame = frame.sort_values(["evidence", "subject", "object"], ascending=[False, True, True],
                              kind="stable")
    return frame.reset_index(drop=True)


def sentences(graph: StanceGraph, a: str, b: str | None = None) -> pd.DataFrame:
    """The evidence sentences of the stances between two actors (either direction), by date.

    With one actor, every sentence of the stances it makes or receives.

    Returns
    -------
    pandas.DataFrame
        Columns ``date, subject, stance, object, polarity, sentence, article, confidence``,
        one row per evidence item, undated ones last.

    Examples
    --------
    >>> from datetime import date
    >>> from graphkit import Actor, ActorType, Evidence, StanceGraph
    >>> from graphkit.ontology import make_stance
    >>> g = StanceGraph(Actor(i, i.title(), ActorType.STATE) for i in ("aland", "borduria"))
    >>> _ = g.add_stance(make_stance("aland", "threatens", "borduria", evidence=[
    ...     Evidence("n1", "Aland threatened Borduria.", date=date(2024, 1, 5))]))
    >>> sentences(g, "Borduria", "aland")[["date", "subject", "stance", "sentence"]]
             date subject     stance                    sentence
    0  2024-01-05   Aland  threatens  Aland threatened Borduria.
    """
    import pandas as pd

    first = find_actor(graph, a)
    second = find_actor(graph, b) if b is not None else None
    rows = []
    for u, v, p, data in stance_edges(graph):
        if first not in (u, v) or (second is not None and second not in (u, v)):
            continue
        for item in data["evidence"]:
            rows.append({
                "date": item.date, "subject": graph.actor(u).label, "stance": p,
                "object": graph.actor(v).label, "polarity": data["polarity"].value,
                "sentence": item.sentence, "article": item.article,
                "confidence": item.confidence,
            })
    columns = ["date", "subject", "stance", "object", "polarity", "sentence", "article",
               "confidence"]
    frame = pd.DataFrame(rows, columns=columns)
    if frame.empty:
        return frame
    frame["_undated"] = frame["date"].isna()
    frame["_day"] = frame["date"].map(lambda d: d.isoformat() if d else "")
    frame = frame.sort_values(["_undated", "_day", "subject", "stance"], kind="stable")
    return frame.drop(columns=["_undated", "_day"]).reset_index(drop=True)


def plot_dyad(graph: StanceGraph, a: str, b: str, freq: str = "M",
              ax: Axes | None = None) -> Axes:
    """Draw how the relation of two actors moved: net stance per period in each direction
    (bars) and the running net (line), above zero cooperation, below conflict.

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.pyplot as plt
    import numpy as np

    first, second = find_actor(graph, a), find_actor(graph, b)
    trend = dyad_polarity(graph, first, second, freq=freq)
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 3.5))
    names = graph.actor(first).label, graph.actor(second).label
    x = np.arange(len(trend))
    ax.bar(x - 0.2, trend[f"{first}->{second}"], width=0.4, color="#4c72b0",
           label=f"{names[0]} towards {names[1]}")
    ax.bar(x + 0.2, trend[f"{second}->{first}"], width=0.4, color="#dd8452",
           label=f"{names[1]} towards {names[0]}")
    ax.plot(x, trend["cumulative"], color="black", marker="o", label="running net")
    ax.axhline(0, color="grey", linewidth=0.8)
    ax.set_xticks(x, [str(p) for p in trend.index], rotation=45)
    ax.set_ylabel("net stance (cooperation - conflict)")
    ax.set_title(f"{names[0]} and {names[1]} over time")
    ax.legend(fontsize=8)
    return ax

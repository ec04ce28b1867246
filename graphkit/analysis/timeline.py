"""Stances over time: what happened per period around an actor or within a dyad."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from graphkit.analysis._common import check_actors, stance_edges
from graphkit.graph import StanceGraph
from graphkit.model import Polarity

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["dated_stances", "dyad_polarity", "timeline"]

_POLARITIES = [p.value for p in (Polarity.COOPERATION, Polarity.NEUTRAL, Polarity.CONFLICT)]


def dated_stances(
    graph: StanceGraph, actor: str | None = None, other: str | None = None
) -> Iterator[tuple[date, str, str, str, Polarity]]:
    """``(date, subject, predicate, object, polarity)`` once per dated evidence item.

    A stance read in three articles happens three times. Undated evidence is left out; a
    stance without evidence counts once per date it carries.
    """
    for u, v, p, data in stance_edges(graph):
        if actor is not None and actor not in (u, v):
            continue
        if other is not None and other not in (u, v):
            continue
        if data["evidence"]:
            dates = [e.date for e in data["evidence"] if e.date is not None]
        else:
            dates = sorted(data.get("dates", ()))
        for when in dates:
            yield when, u, p, v, data["polarity"]


def _empty(columns: list[str], freq: str) -> pd.DataFrame:
    import pandas as pd

    index = pd.PeriodIndex([], freq=freq, name="period")
    return pd.DataFrame({c: pd.Series([], dtype=int) for c in columns}, index=index)


def timeline(
    graph: StanceGraph,
    actor: str | None = None,
    other: str | None = None,
    freq: str = "M",
    *,
    by: str = "polarity",
) -> pd.DataFrame:
    """How many stances each period brought, by the date of their evidence.

    Parameters
    ----------
    graph : StanceGraph
    actor : str, optional
        Only stances made or received by this actor.
    other : str, optional
        With ``actor``: only the stances between the two, in either direction.
    freq : str
        A pandas period alias: ``"D"``, ``"W"``, ``"M"`` (default), ``"Q"``, ``"Y"``.
    by : {"polarity", "predicate"}
        Columns per polarity (``cooperation, neutral, conflict``, then ``net`` =
        cooperation - conflict and ``total``), or one column per stance type plus ``total``.

    Returns
    -------
    pandas.DataFrame
        Indexed by a PeriodIndex named ``period`` covering every period from the first to the
        last dated evidence (quiet periods are rows of zeros), evidence counts as cells.

    Raises
    ------
    KeyError
        If ``actor`` or ``other`` is not an actor of the graph.
    ValueError
        If ``other`` is given without ``actor``, or ``by`` is unknown.

    Examples
    --------
    >>> from datetime import date
    >>> from graphkit import Actor, ActorType, StanceGraph
    >>> from graphkit.ontology import make_stance
    >>> g = StanceGraph(Actor(i, i.upper(), ActorType.STATE) for i in ("a", "b"))
    >>> _ = g.add_stance(make_stance("a", "praises", "b", date=date(2024, 1, 10)))
    >>> _ = g.add_stance(make_stance("b", "accuses", "a", date=date(2024, 3, 2)))
    >>> timeline(g, "a", "b")  # doctest: +NORMALIZE_WHITESPACE
             cooperation  neutral  conflict  net  total
    period
    2024-01            1        0         0    1      1
    2024-02            0        0         0    0      0
    2024-03            0        0         1   -1      1
    """
    import pandas as pd

    if by not in ("polarity", "predicate"):
        raise ValueError(f"unknown by={by!r}: use 'polarity' or 'predicate'")
    if other is not None and actor is None:
        raise ValueError("other needs actor: a dyad has two ends")
    check_actors(graph, *(a for a in (actor, other) if a is not None))
    events = list(dated_stances(graph, actor, other))
    column_of = (lambda e: e[4].value) if by == "polarity" else (lambda e: e[2])
    if not events:
        return _empty(_POLARITIES + ["net", "total"] if by == "polarity" else ["total"], freq)
    frame = pd.DataFrame({
        "period": pd.PeriodIndex([pd.Period(e[0], freq=freq) for e in events], freq=freq),
        "column": [column_of(e) for e in events],
    })
    counts = frame.groupby(["period", "column"]).size().unstack("column", fill_value=0)
    periods = pd.period_range(counts.index.min(), counts.index.max(), freq=freq, name="period")
    columns = _POLARITIES if by == "polarity" else sorted(counts.columns)
    counts = counts.reindex(index=periods, columns=columns, fill_value=0).astype(int)
    counts.columns.name = None
    if by == "polarity":
        counts["net"] = counts["cooperation"] - counts["conflict"]
    counts["total"] = counts[columns].sum(axis=1)
    return counts


def dyad_polarity(graph: StanceGraph, a: str, b: str, freq: str = "M") -> pd.DataFrame:
    """How the net polarity between two actors moves from period to period.

    Parameters
    ----------
    graph : StanceGraph
    a, b : str
        The two actor ids.
    freq : str
        A pandas period alias (``"M"`` months by default).

    Returns
    -------
    pandas.DataFrame
        One row per period from the dyad's first to its last dated evidence. Columns:
        ``a->b`` and ``b->a`` (net evidence, cooperation minus conflict, in each direction,
        named with the ids), ``net`` (both), ``cumulative`` (running net), ``sign`` (-1, 0,
        +1 of ``net``) and ``state``, the polarity of the relation as of that period: the
        sign of the latest non-zero net so far (``"cooperation"``, ``"conflict"``, or
        ``"neutral"`` before anything polar happened).

    Examples
    --------
    >>> from datetime import date
    >>> from graphkit import Actor, ActorType, StanceGraph
    >>> from graphkit.ontology import make_stance
    >>> g = StanceGraph(Actor(i, i.upper(), ActorType.STATE) for i in ("a", "b"))
    >>> _ = g.add_stance(make_stance("a", "agrees", "b", date=date(2024, 1, 10)))
    >>> _ = g.add_stance(make_stance("b", "threatens", "a", date=date(2024, 3, 2)))
    >>> trend = dyad_polarity(g, "a", "b")
    >>> trend[["a->b", "b->a", "net", "state"]]  # doctest: +NORMALIZE_WHITESPACE
             a->b  b->a  net        state
    period
    2024-01     1     0    1  cooperation
    2024-02     0     0    0  cooperation
    2024-03     0    -1   -1     conflict
    """
    import pandas as pd

    if a == b:
        raise ValueError("a dyad needs two different actors")
    check_actors(graph, a, b)
    events = [e for e in dated_stances(graph, a, b) if e[1] != e[3]]
    forward, backward = f"{a}->{b}", f"{b}->{a}"
    columns = [forward, backward, "net", "cumulative", "sign", "state"]
    if not events:
        frame = _empty(columns[:-1], freq)
        frame["state"] = pd.Series([], dtype=object)
        return frame
    frame = pd.DataFrame({
        "period": pd.PeriodIndex([pd.Period(e[0], freq=freq) for e in events], freq=freq),
        "direction": [forward if e[1] == a else backward for e in events],
        "sign": [e[4].sign for e in events],
    })
    net = frame.groupby(["period", "direction"])["sign"].sum().unstack("direction", fill_value=0)
    periods = pd.period_range(net.index.min(), net.index.max(), freq=freq, name="period")
    out = net.reindex(index=periods, columns=[forward, backward], fill_value=0).astype(int)
    out.columns.name = None
    out["net"] = out[forward] + out[backward]
    out["cumulative"] = out["net"].cumsum()
    out["sign"] = out["net"].clip(-1, 1)
    state = out["sign"].replace(0, pd.NA).ffill().fillna(0).astype(int)
    out["state"] = state.map({1: "cooperation", -1: "conflict", 0: "neutral"})
    return out[columns]

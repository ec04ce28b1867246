"""Tests of graphkit.analysis on small signed graphs whose answers are worked out by hand."""

from __future__ import annotations

import doctest
import importlib
import math
import random
from datetime import date

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from graphkit import Actor, ActorType, Evidence, StanceGraph
from graphkit.analysis import (
    balance,
    blocs,
    dyad_polarity,
    principals,
    roll_up,
    signed_centrality,
    stance_matrix,
    stance_path,
    timeline,
)
from graphkit.analysis._common import signed_ties
from graphkit.analysis._partition import EXACT_LIMIT, _Component
from graphkit.ontology import make_stance

FRIEND, ENEMY = "supports", "opposes"


def states(*ids: str) -> StanceGraph:
    return StanceGraph(Actor(i, i.upper(), ActorType.STATE) for i in ids)


def signed(ties: list[tuple[str, str, int]], *extra: str) -> StanceGraph:
    """A graph with one stance per tie: ``supports`` for +1, ``opposes`` for -1."""
    ids = sorted({x for u, v, _ in ties for x in (u, v)} | set(extra))
    graph = states(*ids)
    for u, v, sign in ties:
        graph.add_stance(make_stance(u, FRIEND if sign > 0 else ENEMY, v))
    return graph


def said(article: str, sentence: str, when: date | None = None) -> Evidence:
    return Evidence(article, sentence, date=when)


# -- documentation examples ----------------------------------------------------------------


@pytest.mark.parametrize("module", ["matrix", "balance", "paths", "timeline", "rollup",
                                    "questions"])
def test_docstring_examples_run(module: str) -> None:
    mod = importlib.import_module(f"graphkit.analysis.{module}")
    result = doctest.testmod(mod)
    assert result.attempted > 0
    assert result.failed == 0


# -- stance matrix -------------------------------------------------------------------------


@pytest.fixture
def small_world() -> StanceGraph:
    graph = states("a", "b", "c")
    graph.add_actor(Actor("p", "P", ActorType.PERSON))
    graph.add_stance(make_stance("a", "supports", "b", evidence=[said("n1", "A backs B."),
                                                                   said("n2", "A backs B.")]))
    graph.add_stance(make_stance("a", "threatens", "b", evidence=[said("n3", "A warns B.")]))
    graph.add_stance(make_stance("c", "meets", "a", evidence=[said("n4", "C meets A.")]))
    graph.add_stance(make_stance("p", "acts_for", "a"))
    return graph


def test_stance_matrix_net_and_counts(small_world: StanceGraph) -> None:
    net = stance_matrix(small_world)
    # p only has a role edge, which is not a stance.
    assert list(net.index) == ["a", "b", "c"] == list(net.columns)
    assert net.loc["a", "b"] == 2 - 1
    assert net.loc["c", "a"] == 0  # neutral
    assert net.loc["b", "a"] == 0
    assert net.values.sum() == 1
    counts = stance_matrix(small_world, value="count")
    assert counts.loc["a", "b"] == 3
    assert counts.loc["c", "a"] == 1
    assert stance_matrix(small_world, value="conflict").loc["a", "b"] == 1
    assert stance_matrix(small_world, value="cooperation").loc["a", "b"] == 2
    assert stance_matrix(small_world, value="neutral").loc["c", "a"] == 1


def test_stance_matrix_chosen_actors_and_errors(small_world: StanceGraph) -> None:
    chosen = stance_matrix(small_world, ["b", "a", "p"])
    assert list(chosen.index) == ["b", "a", "p"]
    assert chosen.loc["a", "p"] == 0  # the role edge a <- p is left out
    assert chosen.loc["a", "b"] == 1
    with pytest.raises(KeyError, match="zz"):
        stance_matrix(small_world, ["a", "zz"])
    with pytest.raises(ValueError, match="unknown value"):
        stance_matrix(small_world, value="sum")
    with pytest.raises(ValueError, match="unknown weight"):
        stance_matrix(small_world, weight="heavy")


def test_stance_matrix_confidence_weight() -> None:
    graph = states("a", "b")
    graph.add_stance(make_stance("a", "praises", "b", evidence=[
        Evidence("n1", "A praises B.", confidence=0.5),
        Evidence("n2", "A lauds B.", confidence=0.25)]))
    assert stance_matrix(graph, weight="confidence").loc["a", "b"] == pytest.approx(0.75)


# -- structural balance --------------------------------------------------------------------


def test_balanced_square_without_triangles() -> None:
    # a+b, b-c, c+d, d-a: the cycle has two hostile ties, so {a, b} against {c, d}.
    report = balance(signed([("a", "b", 1), ("b", "c", -1), ("c", "d", 1), ("d", "a", -1)]))
    assert report.triads == ()
    assert math.isnan(report.balance_index)
    assert report.frustration == 0
    assert report.is_balanced
    assert set(report.camps) == {frozenset("ab"), frozenset("cd")}
    assert report.frustrated_ties == ()
    assert report.ties == 4
    assert report.exact


def test_unbalanced_square_counts_the_long_cycle() -> None:
    # One hostile tie on a four-cycle: no triangle, yet one tie must flip.
    report = balance(signed([("a", "b", 1), ("b", "c", 1), ("c", "d", 1), ("d", "a", -1)]))
    assert report.triads == ()
    assert report.frustration == 1
    assert not report.is_balanced
    assert len(report.frustrated_ties) == 1
    assert report.frustration_ratio == pytest.approx(0.25)


def test_balanced_square_with_diagonals() -> None:
    ties = [("a", "b", 1), ("c", "d", 1), ("a", "c", -1), ("a", "d", -1), ("b", "c", -1),
            ("b", "d", -1)]
    report = balance(signed(ties))
    assert len(report.triads) == 4
    assert all(t.kind == "+--" for t in report.triads)
    assert report.balance_index == 1.0
    assert report.frustration == 0
    assert set(report.camps) == {frozenset("ab"), frozenset("cd")}
    frame = report.frame()
    assert list(frame["balanced"]) == [True] * 4
    assert "common enemy" in frame["explanation"][0]


def test_unbalanced_triangle_my_friends_friend_is_my_enemy() -> None:
    report = balance(signed([("a", "b", 1), ("b", "c", 1), ("a", "c", -1)]))
    (triad,) = report.triads
    assert triad.actors == ("a", "b", "c")
    assert triad.kind == "++-"
    assert not triad.balanced
    assert triad.broken_tie == ("a", "c", -1)
    assert report.unbalanced == report.breaking == (triad,)
    assert report.balanced == ()
    assert report.balance_index == 0.0
    assert report.frustration == 1
    assert triad.explain() == "a and c are enemies although both are friends of b"


def test_three_enemies_unbalanced_but_not_a_breaking_triad() -> None:
    report = balance(signed([("a", "b", -1), ("b", "c", -1), ("a", "c", -1)]))
    assert report.triads[0].kind == "---"
    assert report.unbalanced == report.triads
    assert report.breaking == ()
    assert report.triads[0].broken_tie is None
    assert report.frustration == 1


def test_weighted_frustration_flips_the_weakest_tie() -> None:
    graph = states("a", "b", "c")
    graph.add_stance(make_stance("a", "supports", "b", evidence=[said(f"n{i}", "x") for i in
                                                                range(3)]))
    graph.add_stance(make_stance("b", "supports", "c", evidence=[said("n9", "y")]))
    graph.add_stance(make_stance("a", "opposes", "c", evidence=[said("n7", "z"),
                                                                said("n8", "z")]))
    report = balance(graph, weight="count")
    assert report.frustration == 1
    assert report.frustrated_ties == (("b", "c", 1),)
    assert set(report.camps) == {frozenset("ab"), frozenset("c")}


def test_signed_ties_net_both_directions_and_skip_neutral_and_roles() -> None:
    graph = states("a", "b", "c")
    graph.add_actor(Actor("p", "P", ActorType.PERSON))
    graph.add_stance(make_stance("a", "supports", "b"))
    graph.add_stance(make_stance("b", "criticizes", "a"))  # cancels: no tie
    graph.add_stance(make_stance("a", "meets", "c"))  # neutral: no tie
    graph.add_stance(make_stance("p", "acts_for", "a"))  # role: no tie
    graph.add_stance(make_stance("c", "threatens", "b"))
    graph.add_stance(make_stance("b", "sanctions", "c"))
    ties = signed_ties(graph)
    assert sorted(ties.edges(data=True)) == [("b", "c", {"sign": -1, "weight": 2})]
    assert set(ties) == {"a", "b", "c", "p"}


# -- blocs ---------------------------------------------------------------------------------


def two_blocs(*extra: tuple[str, str, int]) -> StanceGraph:
    inside = [("a1", "a2", 1), ("a2", "a3", 1), ("a1", "a3", 1),
              ("b1", "b2", 1), ("b2", "b3", 1), ("b1", "b3", 1)]
    across = [("a1", "b1", -1), ("a2", "b2", -1), ("a3", "b3", -1), ("a1", "b2", -1)]
    return signed(inside + across + list(extra))


def test_two_clean_blocs_recovered_exactly() -> None:
    result = blocs(two_blocs())
    assert set(result) == {frozenset({"a1", "a2", "a3"}), frozenset({"b1", "b2", "b3"})}
    assert len(result) == 2
    assert result.frustration == 0
    assert result.frustrated_ties == ()
    assert result.between == ()
    assert result.exact
    assert result.camp_of("a1") == result.camp_of("a3") != result.camp_of("b2")
    assert result.camp_of("nobody") is None


def test_mediator_between_blocs_is_in_no_camp() -> None:
    result = blocs(two_blocs(("m", "a1", 1), ("m", "b1", 1)))
    assert result.between == ("m",)
    assert result.frustration == 1
    assert set(result) == {frozenset({"a1", "a2", "a3"}), frozenset({"b1", "b2", "b3"})}
    assert result.camp_of("m") is None
    row = result.ties.loc["m"]
    assert row["camp"] is pd.NA
    assert row["support_0"] == row["support_1"] == 1
    assert row["oppose_0"] == row["oppose_1"] == 0
    assert result.unplaced == ()


def test_mediator_with_only_neutral_ties_is_between() -> None:
    graph = two_blocs()
    graph.add_actor(Actor("un", "UN", ActorType.INTERNATIONAL_ORGANIZATION))
    for other in ("a1", "b2"):
        graph.add_stance(make_stance("un", "meets", other))
    graph.add_stance(make_stance("b3", "negotiates", "un"))
    result = blocs(graph)
    assert result.between == ("un",)
    assert "un" not in result.unplaced and result.camp_of("un") is None
    row = result.ties.loc["un"]
    camp_a = result.camp_of("a1")
    assert (row[f"neutral_{camp_a}"], row[f"neutral_{1 - camp_a}"]) == (1, 2)
    assert row[["support_0", "support_1", "oppose_0", "oppose_1"]].tolist() == [0, 0, 0, 0]


def test_talking_to_an_enemy_does_not_make_a_go_between() -> None:
    # b1 negotiates with a1 three times but also opposes camp a: it stays in camp b.
    graph = two_blocs()
    graph.add_stance(make_stance("b1", "negotiates", "a1", evidence=[
        said("n1", "x"), said("n2", "y"), said("n3", "z")]))
    result = blocs(graph)
    assert result.between == ()
    assert result.camp_of("b1") == result.camp_of("b2")


def test_every_actor_is_in_one_camp_or_between_or_unplaced() -> None:
    graph = two_blocs(("m", "a1", 1), ("m", "b1", 1), ("h", "a2", 1))
    graph.add_actor(Actor("n", "N", ActorType.STATE))
    graph.add_stance(make_stance("n", "meets", "a1"))
    result = blocs(graph)
    seen = [a for camp in result for a in camp] + list(result.between) + list(result.unplaced)
    assert sorted(seen) == sorted(a.id for a in graph.actors())
    assert result.unplaced == ("n",)  # neutral contact with one camp only


def test_actor_without_signed_ties_is_unplaced() -> None:
    graph = two_blocs()
    graph.add_actor(Actor("n", "N", ActorType.STATE))
    graph.add_stance(make_stance("n", "meets", "a1"))
    result = blocs(graph)
    assert result.unplaced == ("n",)
    assert all("n" not in camp for camp in result)


def test_three_blocs_need_k3() -> None:
    ties = [("a1", "a2", 1), ("b1", "b2", 1), ("c1", "c2", 1)]
    ties += [(u, v, -1) for u in ("a1", "a2", "b1") for v in ("b2", "c1", "c2")
             if u[0] != v[0]]
    ties += [("a1", "b1", -1), ("a2", "c1", -1)]
    graph = signed(ties)
    three = blocs(graph, k=3)
    assert set(three) == {frozenset({"a1", "a2"}), frozenset({"b1", "b2"}),
                          frozenset({"c1", "c2"})}
    assert three.frustration == 0
    two = blocs(graph, k=2)
    assert len(two) == 2
    assert two.frustration > 0


def test_friends_only_make_one_camp() -> None:
    result = blocs(signed([("a", "b", 1), ("b", "c", 1)]), k=3)
    assert result.camps == (frozenset("abc"),)


def test_blocs_rejects_bad_k() -> None:
    with pytest.raises(ValueError, match="k must be"):
        blocs(two_blocs(), k=0)


def planted(n: int, seed: int, noise: float = 0.0) -> tuple[StanceGraph, set[frozenset[str]]]:
    """Two camps of n/2 actors, random ties, a share ``noise`` of them with the wrong sign."""
    rng = random.Random(seed)
    ids = [f"s{i:02d}" for i in range(n)]
    camp = {i: int(k >= n // 2) for k, i in enumerate(ids)}
    ties = []
    for i, u in enumerate(ids):
        for v in ids[i + 1:]:
            if rng.random() < 0.3 or ids.index(v) == i + 1:
                sign = 1 if camp[u] == camp[v] else -1
                ties.append((u, v, -sign if rng.random() < noise else sign))
    truth = {frozenset(i for i in ids if camp[i] == c) for c in (0, 1)}
    return signed(ties), truth


def test_large_balanced_graph_uses_heuristic_and_recovers_camps() -> None:
    graph, truth = planted(40, seed=3)
    assert EXACT_LIMIT < 2 ** (40 - 1)
    result = blocs(graph)
    assert not result.exact
    assert set(result) == truth
    assert result.frustration == 0
    assert balance(graph).is_balanced


@pytest.mark.parametrize("seed", range(6))
def test_heuristic_close_to_exhaustive_on_small_noisy_graphs(seed: int) -> None:
    graph, _ = planted(12, seed=seed, noise=0.15)
    ties = signed_ties(graph, None)
    nodes = sorted(max(nx.connected_components(ties), key=len))
    component = _Component(ties, nodes)
    exact_labels, exact_cost = component.exhaustive(2)
    labels, cost = component.heuristic(2)
    assert component.cost(exact_labels) == exact_cost
    assert component.cost(labels) == cost
    assert cost == exact_cost


def test_heuristic_recovers_three_planted_camps() -> None:
    rng = random.Random(7)
    ids = [f"s{i:02d}" for i in range(24)]
    ties = []
    for i, u in enumerate(ids):
        for v in ids[i + 1:]:
            if rng.random() < 0.35:
                ties.append((u, v, 1 if int(u[1:]) // 8 == int(v[1:]) // 8 else -1))
    result = blocs(signed(ties), k=3)
    assert not result.exact
    assert result.frustration == 0
    assert set(result) == {frozenset(ids[:8]), frozenset(ids[8:16]), frozenset(ids[16:])}


# -- centrality ----------------------------------------------------------------------------


def test_signed_centrality_ranks_supported_opposed_and_brokers() -> None:
    graph = states("a", "b", "c", "d", "e")
    graph.add_stance(make_stance("a", "supports", "b", evidence=[said("n1", "s"),
                                                                 said("n2", "t")]))
    graph.add_stance(make_stance("c", "praises", "b"))
    graph.add_stance(make_stance("d", "accuses", "b"))
    graph.add_stance(make_stance("a", "threatens", "e"))
    graph.add_stance(make_stance("c", "sanctions", "e"))
    graph.add_stance(make_stance("e", "meets", "d"))
    table = signed_centrality(graph)
    assert list(table.index[:1]) == ["b"] and table.index[-1] == "e"
    assert table.loc["b", ["support_in", "opposition_in", "net_in"]].tolist() == [3, 1, 2]
    assert table.loc["e", "net_in"] == -2
    assert table.loc["a", ["support_out", "opposition_out", "net_out"]].tolist() == [2, 1, 1]
    assert table.loc["e", "neutral_out"] == 1 and table.loc["d", "neutral_in"] == 1
    assert table.loc["b", "label"] == "B"
    # Unsigned undirected graph: the 5-cycle a-b-d-e-a plus the chord c-b, c-e.
    expected = nx.betweenness_centrality(nx.Graph(
        [("a", "b"), ("c", "b"), ("d", "b"), ("a", "e"), ("c", "e"), ("e", "d")]))
    assert table["betweenness"].to_dict() == pytest.approx(expected)
    # Conflicts: d-b (1), a-e (1), c-e (1). d meets e and accuses b: a party to both.
    assert table["broker"].to_dict() == {"a": 0, "b": 0, "c": 0, "d": 0, "e": 0}


def test_betweenness_on_a_chain() -> None:
    graph = states("p", "q", "r", "s")
    for u, v in [("p", "q"), ("q", "r"), ("r", "s")]:
        graph.add_stance(make_stance(u, "negotiates", v))
    table = signed_centrality(graph)
    # q lies on the shortest paths p-r and p-s: 2 of the 3 pairs not involving q.
    assert table.loc["q", "betweenness"] == pytest.approx(2 / 3)
    assert table.loc["p", "betweenness"] == 0
    assert table["broker"].sum() == 0  # no conflict to mediate


def mediated() -> StanceGraph:
    """Two camps in conflict that also talk directly; a mediator meets both sides."""
    graph = two_blocs()
    graph.add_actor(Actor("un", "UN", ActorType.INTERNATIONAL_ORGANIZATION))
    graph.add_stance(make_stance("a1", "negotiates", "b1"))
    graph.add_stance(make_stance("un", "meets", "a1"))
    graph.add_stance(make_stance("un", "appeals", "b1"))
    graph.add_stance(make_stance("un", "praises", "b2"))
    return graph


def test_mediator_with_neutral_ties_to_both_camps_is_the_broker() -> None:
    table = signed_centrality(mediated())
    # Four conflict stances across camps, one each: a1-b1, a2-b2, a3-b3, a1-b2. The UN is on
    # peaceful terms with a1, b1 and b2: both sides of a1-b1 and a1-b2.
    assert table.loc["un", "broker"] == pytest.approx(2 / 4)
    assert table["broker"].drop("un").max() == 0  # every other actor is a party
    # Betweenness misses it: a1 and b1 talk directly, so no shortest path needs the UN.
    assert table.loc["un", "betweenness"] == 0
    assert blocs(mediated()).between == ("un",)


def test_broker_weighs_conflicts_by_their_evidence() -> None:
    graph = states("x", "y", "z", "m", "n")
    graph.add_stance(make_stance("x", "threatens", "y", evidence=[
        said("n1", "a"), said("n2", "b"), said("n3", "c")]))
    graph.add_stance(make_stance("y", "accuses", "z"))
    for u, v in (("m", "x"), ("m", "y"), ("n", "y"), ("n", "z")):
        graph.add_stance(make_stance(u, "meets", v))
    table = signed_centrality(graph)
    assert table.loc["m", "broker"] == pytest.approx(3 / 4)
    assert table.loc["n", "broker"] == pytest.approx(1 / 4)
    assert table.loc["y", "broker"] == 0


# -- stance path ---------------------------------------------------------------------------


@pytest.fixture
def chain() -> StanceGraph:
    graph = states("a", "b", "c", "d", "e", "f")
    graph.add_actor(Actor("p", "P", ActorType.PERSON))
    graph.add_stance(make_stance("a", "aids", "b", evidence=[said("n1", "A sends aid to B.")]))
    graph.add_stance(make_stance("b", "threatens", "c", evidence=[
        said("n2", "B threatens C."), said("n3", "B again threatens C.")]))
    graph.add_stance(make_stance("b", "meets", "c", evidence=[said("n2", "B meets C.")]))
    # A longer way round, and an equally short way with more evidence from a to e.
    graph.add_stance(make_stance("a", "praises", "d"))
    graph.add_stance(make_stance("d", "meets", "e"))
    graph.add_stance(make_stance("e", "criticizes", "c"))
    graph.add_stance(make_stance("a", "supports", "f", evidence=[said("n5", "s5"),
                                                                 said("n6", "s6")]))
    graph.add_stance(make_stance("f", "supports", "e", evidence=[said("n7", "s7")]))
    graph.add_stance(make_stance("p", "acts_for", "a"))
    return graph


def test_stance_path_with_evidence(chain: StanceGraph) -> None:
    steps = stance_path(chain, "a", "c")
    assert [(s.subject, s.predicate, s.object) for s in steps] == [
        ("a", "aids", "b"), ("b", "threatens", "c")]
    assert steps[0].sentences == ("A sends aid to B.",)
    assert steps[1].sentences == ("B threatens C.", "B again threatens C.")
    assert steps[1].count == 2
    assert steps[1].polarity.value == "conflict"
    assert str(steps[0]) == "a --aids--> b"


def test_stance_path_prefers_better_attested_route(chain: StanceGraph) -> None:
    steps = stance_path(chain, "a", "e")
    assert [s.object for s in steps] == ["f", "e"]


def test_stance_path_direction_polarity_and_roles(chain: StanceGraph) -> None:
    with pytest.raises(nx.NetworkXNoPath):
        stance_path(chain, "c", "a")
    back = stance_path(chain, "c", "a", directed=False)
    assert [(s.subject, s.object) for s in back] == [("b", "c"), ("a", "b")]
    conflict = stance_path(chain, "b", "c", polarity="neutral")
    assert [s.predicate for s in conflict] == ["meets"]
    with pytest.raises(nx.NetworkXNoPath):
        stance_path(chain, "p", "a")  # acts_for is a role, not a stance
    assert stance_path(chain, "a", "a") == []
    with pytest.raises(KeyError):
        stance_path(chain, "a", "nowhere")


# -- timeline ------------------------------------------------------------------------------


@pytest.fixture
def souring() -> StanceGraph:
    """a and b cooperate in January and February 2024, then turn hostile in April and May."""
    graph = states("a", "b", "c")
    graph.add_stance(make_stance("a", "agrees", "b", evidence=[
        said("n1", "A and B agree.", date(2024, 1, 5)),
        said("n2", "A agrees with B.", date(2024, 1, 20))]))
    graph.add_stance(make_stance("b", "cooperates", "a", date=date(2024, 2, 14)))
    graph.add_stance(make_stance("b", "threatens", "a", date=date(2024, 4, 2)))
    graph.add_stance(make_stance("a", "sanctions", "b", evidence=[
        said("n5", "A sanctions B.", date(2024, 5, 3))]))
    graph.add_stance(make_stance("a", "meets", "b", evidence=[
        said("n6", "A meets B.", date(2024, 5, 9)), said("n7", "Undated meeting.")]))
    graph.add_stance(make_stance("c", "criticizes", "a", date=date(2024, 7, 1)))
    return graph


def test_timeline_of_a_dyad(souring: StanceGraph) -> None:
    frame = timeline(souring, "a", "b")
    assert [str(p) for p in frame.index] == ["2024-01", "2024-02", "2024-03", "2024-04",
                                             "2024-05"]
    assert frame["cooperation"].tolist() == [2, 1, 0, 0, 0]
    assert frame["conflict"].tolist() == [0, 0, 0, 1, 1]
    assert frame["neutral"].tolist() == [0, 0, 0, 0, 1]  # the undated meeting is left out
    assert frame["net"].tolist() == [2, 1, 0, -1, -1]
    assert frame["total"].tolist() == [2, 1, 0, 1, 2]


def test_timeline_around_an_actor_by_predicate_and_quarter(souring: StanceGraph) -> None:
    frame = timeline(souring, "a", freq="Q", by="predicate")
    assert [str(p) for p in frame.index] == ["2024Q1", "2024Q2", "2024Q3"]
    assert list(frame.columns) == ["agrees", "cooperates", "criticizes", "meets", "sanctions",
                                   "threatens", "total"]
    assert frame.loc[frame.index[0], "agrees"] == 2
    assert frame["total"].tolist() == [3, 3, 1]
    everything = timeline(souring)
    assert everything["total"].sum() == 7


def test_timeline_errors_and_empty() -> None:
    graph = states("a", "b")
    assert timeline(graph).empty
    assert list(timeline(graph).columns) == ["cooperation", "neutral", "conflict", "net",
                                             "total"]
    with pytest.raises(ValueError, match="needs actor"):
        timeline(graph, other="b")
    with pytest.raises(KeyError):
        timeline(graph, "zz")
    with pytest.raises(ValueError, match="by="):
        timeline(graph, by="speaker")


def test_dyad_polarity_flips_from_cooperation_to_conflict(souring: StanceGraph) -> None:
    frame = dyad_polarity(souring, "a", "b")
    assert frame["a->b"].tolist() == [2, 0, 0, 0, -1]
    assert frame["b->a"].tolist() == [0, 1, 0, -1, 0]
    assert frame["net"].tolist() == [2, 1, 0, -1, -1]
    assert frame["cumulative"].tolist() == [2, 3, 3, 2, 1]
    assert frame["sign"].tolist() == [1, 1, 0, -1, -1]
    assert frame["state"].tolist() == ["cooperation"] * 3 + ["conflict"] * 2
    changes = frame["state"].ne(frame["state"].shift())
    assert [str(p) for p in frame.index[changes][1:]] == ["2024-04"]
    reverse = dyad_polarity(souring, "b", "a")
    assert reverse["b->a"].tolist() == frame["b->a"].tolist()


def test_dyad_polarity_errors_and_empty() -> None:
    graph = states("a", "b")
    assert dyad_polarity(graph, "a", "b").empty
    with pytest.raises(ValueError):
        dyad_polarity(graph, "a", "a")
    with pytest.raises(KeyError):
        dyad_polarity(graph, "a", "zz")


# -- roll-up -------------------------------------------------------------------------------


@pytest.fixture
def government() -> StanceGraph:
    graph = StanceGraph([
        Actor("ruritania", "Ruritania", ActorType.STATE, country="RUR"),
        Actor("borduria", "Borduria", ActorType.STATE, country="BOR"),
        Actor("rur_ministry", "Ruritanian Foreign Ministry", ActorType.GOVERNMENT_BODY,
              country="RUR"),
        Actor("ana_minister", "Ana Minister", ActorType.PERSON),
        Actor("sam_speaker", "Sam Speaker", ActorType.PERSON),
        Actor("rur_party", "Ruritanian Opposition Party", ActorType.POLITICAL_PARTY,
              country="RUR"),
        Actor("pact", "The Pact", ActorType.INTERNATIONAL_ORGANIZATION),
    ])
    threat = said("n1", "Minister Ana warned Borduria.", date(2024, 3, 1))
    graph.add_stance(make_stance("ana_minister", "leads", "rur_ministry"))
    graph.add_stance(make_stance("sam_speaker", "spokesperson_of", "rur_ministry"))
    graph.add_stance(make_stance("ruritania", "member_of", "pact"))
    graph.add_stance(make_stance("ana_minister", "threatens", "borduria", evidence=[threat]))
    graph.add_stance(make_stance("ruritania", "threatens", "borduria", evidence=[
        threat, said("n2", "Ruritania threatened Borduria.", date(2024, 3, 4))]))
    graph.add_stance(make_stance("sam_speaker", "criticizes", "borduria", evidence=[
        said("n3", "The spokesman criticised Borduria.")]))
    graph.add_stance(make_stance("ana_minister", "praises", "ruritania"))
    graph.add_stance(make_stance("borduria", "sanctions", "ana_minister", evidence=[
        said("n4", "Borduria sanctioned Ana.")]))
    graph.add_stance(make_stance("rur_party", "criticizes", "ana_minister"))
    return graph


def test_principals_follow_roles_attributes_and_country(government: StanceGraph) -> None:
    assert principals(government) == {
        "ana_minister": "ruritania",  # leads the ministry, which is Ruritania's by country
        "rur_ministry": "ruritania",
        "sam_speaker": "ruritania",
    }
    assert principals(government, use_country=False) == {
        "ana_minister": "rur_ministry", "sam_speaker": "rur_ministry"}


def test_roll_up_minister_into_state(government: StanceGraph) -> None:
    rolled = roll_up(government)
    assert {a.id for a in rolled.actors()} == {"ruritania", "borduria", "rur_party", "pact"}
    assert sorted(s.key for s in rolled.stances()) == [
        ("borduria", "sanctions", "ruritania"),
        ("rur_party", "criticizes", "ruritania"),
        ("ruritania", "criticizes", "borduria"),
        ("ruritania", "threatens", "borduria"),
    ]
    threats = rolled.edge_data("ruritania", "threatens", "borduria")
    # The minister's sentence and the state's are the same sentence, counted once.
    assert [e.sentence for e in threats["evidence"]] == [
        "Minister Ana warned Borduria.", "Ruritania threatened Borduria."]
    assert threats["count"] == 2
    assert rolled.edge_data("ruritania", "criticizes", "borduria")["evidence"][0].sentence == (
        "The spokesman criticised Borduria.")
    # The original is untouched.
    assert government.has_stance("ana_minister", "threatens", "borduria")
    assert balance(rolled).ties == 2  # ruritania-borduria, rur_party-ruritania


def test_roll_up_attribute_wins_and_unknown_principal_stays() -> None:
    graph = StanceGraph([
        Actor("ruritania", "Ruritania", ActorType.STATE),
        Actor("borduria", "Borduria", ActorType.STATE),
        Actor("envoy", "Envoy", ActorType.PERSON, acts_for="borduria"),
        Actor("ghost", "Ghost", ActorType.PERSON, acts_for="atlantis"),
    ])
    graph.add_stance(make_stance("envoy", "acts_for", "ruritania"))
    graph.add_stance(make_stance("envoy", "meets", "ghost"))
    assert principals(graph) == {"envoy": "borduria"}
    assert [s.key for s in roll_up(graph).stances()] == [("borduria", "meets", "ghost")]


def test_roll_up_folds_a_person_known_only_by_country() -> None:
    graph = StanceGraph([
        Actor("ruritania", "Ruritania", ActorType.STATE, country="RUR"),
        Actor("borduria", "Borduria", ActorType.STATE, country="BOR"),
        Actor("ivo_ash", "Ivo Ash", ActorType.PERSON, role="energy minister", country="RUR"),
    ])
    graph.add_stance(make_stance("ivo_ash", "accuses", "borduria"))
    assert principals(graph) == {"ivo_ash": "ruritania"}
    assert [s.key for s in roll_up(graph).stances()] == [("ruritania", "accuses", "borduria")]
    assert principals(graph, use_country=False) == {}


@pytest.mark.parametrize("sentence, person, state", [
    ("Russian Energy Minister Ivan Orlov accused Turkmenistan of breaking a contract.",
     "ivan_orlov", "russia"),
    ("Kazakh Deputy Energy Minister Aida Bekova praised Azerbaijan on Monday.",
     "aida_bekova", "kazakhstan"),
    ("Iranian Oil Minister Karim Rostami criticized Azerbaijan.", "karim_rostami", "iran"),
])
def test_roll_up_folds_persons_read_from_titles(sentence: str, person: str, state: str) -> None:
    from graphkit.extract.pipeline import build_graph
    from graphkit.ingest import Article

    graph = build_graph([Article(id="t", text=sentence)])
    actor = graph.actor(person)  # in no gazetteer: created from the title
    assert (actor.acts_for, actor.country) == (state, graph.actor(state).country)
    assert "minister" in actor.role and actor.role != "minister"
    assert principals(graph) == {person: state}
    rolled = roll_up(graph)
    assert not rolled.has_actor(person)
    assert [s.subject for s in rolled.stances()] == [state]


def test_roll_up_handles_role_cycles() -> None:
    graph = StanceGraph([Actor("x", "X", ActorType.PERSON), Actor("y", "Y", ActorType.PERSON)])
    graph.add_stance(make_stance("x", "acts_for", "y"))
    graph.add_stance(make_stance("y", "acts_for", "x"))
    assert principals(graph) == {"x": "y", "y": "x"}
    assert roll_up(graph).number_of_stances() == 0


def test_spectral_start_splits_a_balanced_graph() -> None:
    graph, truth = planted(20, seed=1)
    ties = signed_ties(graph, None)
    nodes = sorted(ties)
    labels = _Component(ties, nodes)._spectral(2)
    found = {frozenset(n for n, c in zip(nodes, labels, strict=True) if c == k)
             for k in np.unique(labels)}
    assert found == truth


# -- the first questions -------------------------------------------------------------------


def test_relations_and_sentences_answer_the_first_questions() -> None:
    from graphkit.analysis import find_actor, relations, sentences

    graph = states("aland", "borduria", "carpania")
    graph.add_stance(make_stance("aland", "threatens", "borduria", evidence=[
        said("n1", "Aland threatened Borduria.", date(2024, 2, 1)),
        said("n2", "Aland threatened Borduria again.", date(2024, 3, 1))]))
    graph.add_stance(make_stance("aland", "sanctions", "borduria", evidence=[
        said("n3", "Aland sanctioned Borduria.", date(2024, 1, 1))]))
    graph.add_stance(make_stance("carpania", "accuses", "aland"))
    graph.add_stance(make_stance("borduria", "praises", "aland", evidence=[
        said("n4", "Borduria praised Aland.")]))
    assert find_actor(graph, "BORDURIA") == "borduria"
    with pytest.raises(KeyError, match="Atlantis"):
        find_actor(graph, "Atlantis")
    opposed = relations(graph)
    assert opposed[["subject_id", "object_id", "stances", "evidence"]].values.tolist() == [
        ["aland", "borduria", "threatens, sanctions", 3],
        ["carpania", "aland", "accuses", 1],
    ]
    assert opposed.loc[0, "first"] == date(2024, 1, 1)
    assert opposed.loc[0, "last"] == date(2024, 3, 1)
    assert relations(graph, "cooperation")["subject_id"].tolist() == ["borduria"]
    assert relations(graph, None, actor="Carpania")["stances"].tolist() == ["accuses"]
    said_so = sentences(graph, "Borduria", "Aland")
    assert said_so["sentence"].tolist() == [
        "Aland sanctioned Borduria.", "Aland threatened Borduria.",
        "Aland threatened Borduria again.", "Borduria praised Aland."]
    assert sentences(graph, "carpania").empty  # its stance has no evidence

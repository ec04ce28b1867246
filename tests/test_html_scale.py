"""Large pages: the numpy layout, the fast evidence marker, and the deflated page payload."""

from __future__ import annotations

import base64
import json
import re
import sys
import zlib
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from browser import (
    chromium,  # noqa: F401  (a pytest fixture)
    console_errors,
    drawn_pixels,
    edge_point,
    move_mouse,
    open_page,
    requested_urls,
    requires_chromium,
    wait_for,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from test_html import ROLE_PAIRS, STANCE_PAIRS, sample_graph

from graphkit import html
from graphkit.graph import StanceGraph
from graphkit.layout import layout
from graphkit.model import Actor, ActorType, Evidence

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from bench_html import random_graph  # noqa: E402

# -- layout ------------------------------------------------------------------------------------


def mean_lengths(graph: nx.Graph, pos: dict) -> tuple[float, float]:
    """Mean drawn length of the edges, and mean distance between random pairs of nodes."""
    nodes = list(graph)
    points = np.array([pos[n] for n in nodes])
    index = {n: i for i, n in enumerate(nodes)}
    edges = np.array([(index[u], index[v]) for u, v in graph.edges])
    edge = np.linalg.norm(points[edges[:, 0]] - points[edges[:, 1]], axis=1).mean()
    rng = np.random.default_rng(0)
    a, b = rng.integers(len(nodes), size=(2, 5000))
    return float(edge), float(np.linalg.norm(points[a] - points[b], axis=1).mean())


@pytest.mark.parametrize("graph", [
    nx.connected_caveman_graph(12, 6),
    nx.grid_2d_graph(15, 15),
    nx.path_graph(300),
])
def test_layout_puts_neighbours_close(graph: nx.Graph) -> None:
    pos = layout(list(graph), [(u, v, 1.0) for u, v in graph.edges], scale=500)
    edge, random_pair = mean_lengths(graph, pos)
    assert edge < 0.25 * random_pair
    assert max(abs(c) for p in pos.values() for c in p) <= 500 + 1e-6


def test_layout_keeps_components_and_lone_nodes_apart_and_in_view() -> None:
    graph = nx.barabasi_albert_graph(400, 2, seed=1)
    graph.add_nodes_from(range(400, 450))  # lone actors
    graph.add_edges_from((1000 + i, 1001 + i) for i in range(0, 40, 2))  # pairs
    pos = layout(list(graph), [(u, v, 1.0) for u, v in graph.edges], scale=100)
    points = np.array(list(pos.values()))
    gaps = np.linalg.norm(points[:, None] - points[None, :], axis=2)
    np.fill_diagonal(gaps, np.inf)
    assert gaps.min() > 0.1  # no two nodes on one spot
    assert np.abs(points).max() <= 100 + 1e-6
    pairs = np.array([np.linalg.norm(np.subtract(pos[u], pos[v]))
                      for u, v in graph.edges if u >= 1000])
    assert pairs.mean() < np.median(gaps.min(axis=1)) * 4


def test_layout_is_deterministic_and_handles_tiny_graphs() -> None:
    edges = [("a", "b", 1.0), ("b", "c", 2.0), ("c", "a", 1.0)]
    assert layout(["a", "b", "c", "d"], edges) == layout(["a", "b", "c", "d"], edges)
    assert layout([], []) == {}
    assert layout(["x"], []) == {"x": (0.0, 0.0)}
    assert len(layout(["x", "y"], [("x", "x", 1.0)])) == 2


def test_positions_for_a_page_need_no_scipy(monkeypatch) -> None:
    # Above a few hundred nodes networkx's layouts import scipy; graphkit's must not.
    monkeypatch.setitem(sys.modules, "scipy", None)
    graph = random_graph(700, 2500)
    edges = html.page_edges(graph)
    pos = html._positions(graph, edges)
    assert set(pos) == set(graph.nx.nodes)
    assert len(set(pos.values())) == len(pos)


# -- evidence marks: the str.find path finds what the regular expressions find ---------------

WORDS = ["Aland", "aland", "ALAND", "US", "us", "Jane", "Roe", "Jane Roe", "roe", "said",
         "recognizes", "Recognized", "the", "Bordurian government", "_x", "9", "-", ",", "."]


def regex_marks(graph: StanceGraph, ev: Evidence, subject: str, object: str) -> list:
    spans = []
    for actor_id in dict.fromkeys((subject, object, ev.speaker)):
        if actor_id and graph.has_actor(actor_id):
            pattern = html._name_pattern(graph.actor(actor_id))
            if pattern is not None:
                spans += [(m.start(), m.end(), "actor") for m in pattern.finditer(ev.sentence)]
    if ev.trigger:
        trigger = re.compile(rf"(?<!\w){re.escape(ev.trigger)}(?!\w)", re.IGNORECASE)
        spans += [(m.start(), m.end(), "trigger") for m in trigger.finditer(ev.sentence)]
    return html._utf16_spans(ev.sentence, html._without_overlaps(spans))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=12),
       st.lists(st.sampled_from(["", " ", "", "x"]), min_size=12, max_size=12),
       st.sampled_from([None, "recognizes", "recognized", "said", "Roe"]))
def test_fast_marks_equal_the_regular_expressions(words, glue, trigger) -> None:
    graph = StanceGraph([
        Actor("aland", "Aland", ActorType.STATE, aliases=("US", "Aland Republic")),
        Actor("jane_roe", "Jane Roe", ActorType.PERSON),
        Actor("borduria", "Borduria", ActorType.STATE, aliases=("the Bordurian government",)),
    ])
    sentence = "".join(w + g + " " for w, g in zip(words, glue, strict=False))
    ev = Evidence("a", sentence or "x", trigger=trigger, speaker="borduria")
    fast = html._Marker(graph).evidence(ev, "aland", "jane_roe")["marks"]
    assert fast == regex_marks(graph, ev, "aland", "jane_roe")


def test_non_ascii_sentences_take_the_regular_expressions() -> None:
    graph = StanceGraph([Actor("koln", "Köln", ActorType.ORGANIZATION),
                         Actor("aland", "Aland", ActorType.STATE)])
    ev = Evidence("a", "KÖLN and “Aland” met ALAND’s envoy.", trigger="met")
    marks = html._Marker(graph).evidence(ev, "koln", "aland")["marks"]
    assert marks == regex_marks(graph, ev, "koln", "aland")
    assert [m[2] for m in marks] == ["actor", "actor", "trigger", "actor"]


# -- the deflated payload of large pages -------------------------------------------------------


def payload(page: str) -> dict:
    match = re.search(
        r'<script type="application/json" id="gk-data" data-encoding="deflate-base64">'
        r"([A-Za-z0-9+/=]*)</script>", page)
    assert match, "no deflated data element"
    return json.loads(zlib.decompress(base64.b64decode(match.group(1))))


def test_large_pages_carry_their_items_deflated(monkeypatch) -> None:
    monkeypatch.setattr(html, "_COMPACT_FROM_EDGES", 0)
    page = html.to_html_string(sample_graph())
    data = payload(page)
    assert len(data["vis"]["nodes"]) == 9
    assert len(data["vis"]["edges"]) == STANCE_PAIRS + ROLE_PAIRS
    assert set(data["edges"]) == {e["id"] for e in data["vis"]["edges"]}
    assert "new vis.DataSet([])" in page
    # The page script is held as text, to run once the data is inflated.
    assert '<script type="text/plain" id="gk-script">' in page
    assert "Aland formally recognizes" not in page  # all text is inside the deflated data


@pytest.fixture(scope="module")
def page_20k(tmp_path_factory) -> tuple[Path, StanceGraph]:
    graph = random_graph(2000, 20_000)
    out = tmp_path_factory.mktemp("big") / "big.html"
    html.to_html(graph, out)
    return out, graph


@pytest.mark.slow
def test_20k_stances_make_a_small_page(page_20k) -> None:
    path, graph = page_20k
    assert path.stat().st_size < 8e6
    data = payload(path.read_text(encoding="utf-8"))
    assert len(data["vis"]["edges"]) == len(html.page_edges(graph))
    assert all("x" in n and "y" in n for n in data["vis"]["nodes"])


@pytest.mark.browser
@pytest.mark.slow
@requires_chromium
def test_20k_stances_draw_in_chromium(chromium, page_20k) -> None:  # noqa: F811
    path, graph = page_20k
    open_page(chromium, path, timeout=120)
    edges = len(html.page_edges(graph))
    drawn = chromium.execute_script("return window.graphkit.counts()")
    assert drawn["nodes"] == graph.number_of_actors() and drawn["edges"] == edges
    assert drawn_pixels(chromium) > 1000
    assert console_errors(chromium) == []
    urls = requested_urls(chromium, path)
    assert all(u.startswith(("file:", "data:", "blob:")) for u in urls), urls


@pytest.mark.browser
@requires_chromium
def test_deflated_page_works_like_the_plain_one(chromium, tmp_path, monkeypatch) -> None:  # noqa: F811
    monkeypatch.setattr(html, "_COMPACT_FROM_EDGES", 0)
    page = html.to_html(sample_graph(), tmp_path / "g.html", physics=False)
    open_page(chromium, page)
    assert chromium.execute_script("return window.graphkit.counts()") == {
        "nodes": 9, "edges": STANCE_PAIRS + ROLE_PAIRS,
        "visibleNodes": 9, "visibleEdges": STANCE_PAIRS + ROLE_PAIRS}
    edge_id = chromium.execute_script(
        "return network.body.data.edges.get({filter: e => e.from === 'aland'"
        " && e.to === 'borduria'})[0].id")
    move_mouse(chromium, edge_point(chromium, edge_id))
    tip = wait_for(chromium, "const t = document.getElementById('gk-tooltip');"
                   "return !t.hidden && t.textContent.includes('Aland') && t;", 10)
    assert "Aland formally recognizes the Bordurian government, Roe said." in tip.text
    assert console_errors(chromium) == []



@pytest.mark.browser
@requires_chromium
def test_deflated_page_draws_before_its_script_and_without_frombase64(
        chromium, tmp_path, monkeypatch) -> None:  # noqa: F811
    """The graph of a large page is drawn before the page script runs, and a browser
    without ``Uint8Array.fromBase64`` decodes the payload the older way."""
    monkeypatch.setattr(html, "_COMPACT_FROM_EDGES", 0)
    page = html.to_html(sample_graph(), tmp_path / "g.html", physics=False)
    injected = chromium.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": "delete Uint8Array.fromBase64;"})
    try:
        open_page(chromium, page)
        assert chromium.execute_script("return typeof Uint8Array.fromBase64") == "undefined"
        first, scripted, api_first = chromium.execute_script(
            "const m = performance.getEntriesByName('graphkit-scripted')[0];"
            "return [window.graphkitFirstDraw, m && m.startTime, window.graphkit.firstDraw];")
    finally:
        chromium.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument",
                                 {"identifier": injected["identifier"]})
    assert first is not None and scripted is not None and first <= scripted
    assert api_first == first  # the page reports the frame that came first
    assert chromium.execute_script("return window.graphkit.counts()")["visibleEdges"] == (
        STANCE_PAIRS + ROLE_PAIRS)
    assert console_errors(chromium) == []

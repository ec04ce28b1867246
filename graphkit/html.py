"""StanceGraph -> one self-contained, offline, interactive HTML page (pyvis + vis-network).

pyvis renders the page with vis-network in line; this module feeds it nodes and collapsed
edges it has styled itself, removes what pyvis still loads from the network (bootstrap), and
adds a side panel (legend, filters, search) and evidence tooltips written in
``graphkit/html_assets``. Every piece of article text and every actor name reaches the page
only as escaped JSON data that the page's script turns into DOM text nodes, never markup.
"""

from __future__ import annotations

import base64
import html as html_lib
import json
import math
import re
import string
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphkit.atomic import atomic_write
from graphkit.graph import StanceGraph
from graphkit.layout import layout
from graphkit.model import Actor, ActorType, Evidence, Polarity
from graphkit.nogc import no_collection
from graphkit.ontology import cameo_codebook, load_ontology

if TYPE_CHECKING:
    from IPython.display import HTML

__all__ = [
    "ACTOR_STYLES",
    "POLARITY_COLORS",
    "ROLE_COLOR",
    "PageEdge",
    "PageSettings",
    "page_edges",
    "choose_settings",
    "iframe",
    "show",
    "to_html",
    "to_html_string",
]


@dataclass(frozen=True)
class ActorStyle:
    """How one actor type is drawn: its legend label, vis-network shape and colour."""

    label: str
    shape: str
    color: str


# Shapes whose label sits outside the symbol, so that size can show participation.
ACTOR_STYLES: dict[ActorType, ActorStyle] = {
    ActorType.STATE: ActorStyle("State", "dot", "#1f77b4"),
    ActorType.PERSON: ActorStyle("Person", "diamond", "#ff7f0e"),
    ActorType.GOVERNMENT_BODY: ActorStyle("Government body", "square", "#17becf"),
    ActorType.INTERNATIONAL_ORGANIZATION: ActorStyle(
        "International organisation", "hexagon", "#9467bd"
    ),
    ActorType.ORGANIZATION: ActorStyle("Organisation", "hexagon", "#e377c2"),
    ActorType.ARMED_GROUP: ActorStyle("Armed group", "triangle", "#8c564b"),
    ActorType.POLITICAL_PARTY: ActorStyle("Political party", "star", "#bcbd22"),
    ActorType.MEDIA: ActorStyle("Media", "triangleDown", "#7f7f7f"),
}

#: The border of a sector actor's node (its fill is that of its type).
SECTOR_BORDER: dict[str, Any] = {"borderDashes": [4, 3]}

POLARITY_COLORS: dict[str, str] = {
    Polarity.COOPERATION.value: "#2ca02c",
    Polarity.CONFLICT.value: "#d62728",
    Polarity.NEUTRAL.value: "#8c8c8c",
}
ROLE_COLOR = "#b5b5b5"

# The page's own data element; the script looks it up by this id.
_DATA_ID = "gk-data"
_ASSETS = "graphkit.html_assets"
# Only these URL schemes become links; anything else in an article's url stays text.
_SAFE_URL = re.compile(r"^https?://", re.IGNORECASE)


# -- settings by graph size -------------------------------------------------------------


@dataclass(frozen=True)
class PageSettings:
    """How the page lays out and draws the network.

    ``physics`` runs vis-network's force simulation for ``iterations`` steps before the first
    draw and then switches it off; without physics the positions come from networkx.
    ``smooth`` curves edges (so that A->B and B->A do not overlap); straight edges draw much
    faster on large graphs. ``edge_labels`` draws the stance names on the edges.
    """

    physics: bool
    iterations: int = 0
    smooth: bool = True
    edge_labels: bool = True
    hide_edges_on_drag: bool = False


# Measured in headless Chromium on 2 cores (see benchmarks/bench_html.py): curved edges and
# a full simulation are quick up to a few hundred edges; straight edges with ~100 iterations
# up to ~1,500; beyond that networkx positions with physics off draw in a few seconds.
_SMALL_EDGES, _SMALL_NODES = 300, 150
_MEDIUM_EDGES, _MEDIUM_NODES = 1500, 600
# Above this many drawn edges the page data is deflated, vis-network's items with it (see
# html_assets/payload.js): 20,000 stances fit in a few megabytes instead of 26.
_COMPACT_FROM_EDGES = _MEDIUM_EDGES


def choose_settings(n_nodes: int, n_edges: int, physics: bool | None = None) -> PageSettings:
    """Settings for a page of ``n_nodes`` nodes and ``n_edges`` (collapsed) edges.

    Parameters
    ----------
    n_nodes, n_edges : int
        The size of the page's network, after parallel stances are collapsed.
    physics : bool, optional
        Force the simulation on (True) or off (False); by default chosen by size.

    Returns
    -------
    PageSettings

    Examples
    --------
    >>> choose_settings(15, 20).physics
    True
    >>> choose_settings(1000, 5000).physics
    False
    """
    small = n_edges <= _SMALL_EDGES and n_nodes <= _SMALL_NODES
    medium = n_edges <= _MEDIUM_EDGES and n_nodes <= _MEDIUM_NODES
    if physics is None:
        physics = medium
    if small:
        return PageSettings(physics=physics, iterations=400, smooth=True)
    if medium:
        return PageSettings(physics=physics, iterations=100, smooth=False)
    return PageSettings(
        physics=physics, iterations=100, smooth=False, edge_labels=n_edges <= 3000,
        hide_edges_on_drag=True,
    )


# -- the page model: nodes and collapsed edges --------------------------------------------


@dataclass
class PageEdge:
    """One drawn edge: every stance (or role) of one kind from ``source`` to ``target``."""

    id: str
    source: str
    target: str
    role: bool
    stances: list[dict[str, Any]] = field(default_factory=list)

    @property
    def evidence_count(self) -> int:
        return sum(s["count"] for s in self.stances)

    @property
    def predicates(self) -> list[str]:
        return [s["predicate"] for s in self.stances]

    @property
    def mixed(self) -> bool:
        """Whether the edge collapses stances of both polarities (cooperation and conflict)."""
        polarities = {s["polarity"] for s in self.stances}
        return {Polarity.COOPERATION.value, Polarity.CONFLICT.value} <= polarities

    @property
    def shown_polarity(self) -> str:
        """The polarity the edge is drawn in: for a mixed edge that of its latest polar
        stance (then the better-attested), else the net polarity of its evidence."""
        if not self.mixed:
            return self.net_polarity
        polar = [s for s in self.stances if s["polarity"] != Polarity.NEUTRAL.value]
        # ISO dates compare as text; undated stances count as the oldest.
        latest = max(polar, key=lambda s: (s["last"] or "", s["count"],
                                           s["polarity"] == Polarity.CONFLICT.value))
        return latest["polarity"]

    @property
    def net_polarity(self) -> str:
        net = sum(_SIGNS[s["polarity"]] * s["count"] for s in self.stances)
        if net > 0:
            return Polarity.COOPERATION.value
        if net < 0:
            return Polarity.CONFLICT.value
        return Polarity.NEUTRAL.value


_SIGNS = {p.value: p.sign for p in Polarity}


def _role_predicates() -> frozenset[str]:
    return load_ontology().role_predicates


def _label(predicate: str) -> str:
    """The ontology's label of a stance type; a user's own type reads as its name."""
    ontology = load_ontology()
    if predicate in ontology:
        return ontology[predicate].label
    return predicate.replace("_", " ")


def page_edges(
    graph: StanceGraph, *, max_evidence: int | None = None
) -> list[PageEdge]:
    """The edges the page draws: parallel stances between one ordered pair become one edge.

    Stances and roles (``acts_for``, ``leads``, ``spokesperson_of``, ``member_of`` ... as the
    ontology names them) are collapsed separately, since roles are drawn light and dashed.
    An actor's ``acts_for`` attribute adds a role edge when the graph has none for that pair.

    Parameters
    ----------
    graph : StanceGraph
    max_evidence : int, optional
        Keep at most this many evidence records per stance (the count stays exact).

    Returns
    -------
    list of PageEdge
        In a stable order: stances first, by pair, then roles.
    """
    roles = _role_predicates()
    marker = _Marker(graph)
    iso = marker.iso
    labels: dict[str, str] = {}
    # Polarity is a StrEnum: a member finds its value's entry too.
    polarities = {p.value: p.value for p in Polarity}
    groups: dict[tuple[bool, str, str], list[dict[str, Any]]] = defaultdict(list)
    for u, v, p, data in graph.sorted_edge_items():
        evidence = data["evidence"]
        kept = evidence if max_evidence is None else evidence[:max_evidence]
        dates = sorted({e.date for e in evidence if e.date} | set(data["dates"]))
        label = labels.get(p)
        if label is None:
            label = labels[p] = _label(p)
        groups[(p in roles, u, v)].append(
            {
                "predicate": p,
                "label": label,
                "polarity": polarities[data["polarity"]],
                "count": int(data["count"]),
                "confidence": round(float(data["confidence"]), 3),
                "first": iso(data["first_seen"]),
                "last": iso(data["last_seen"]),
                "dates": [iso(d) for d in dates],
                "evidence": [marker.evidence(e, u, v) for e in kept],
                "more": len(evidence) - len(kept),
            }
        )
    for actor in graph.actors():
        target = actor.acts_for
        if target and target != actor.id and graph.has_actor(target):
            key = (True, actor.id, target)
            if not groups[key]:
                groups[key].append(
                    {
                        "predicate": "acts_for", "label": _label("acts_for"),
                        "polarity": Polarity.NEUTRAL.value, "count": 1, "confidence": 1.0,
                        "first": None, "last": None, "dates": [], "evidence": [], "more": 0,
                    }
                )
    edges = []
    for n, ((role, u, v), stances) in enumerate(sorted(groups.items(), key=lambda g: g[0])):
        edges.append(PageEdge(f"e{n}", u, v, role, stances))
    return edges


def cameo_name(code: str | None) -> str | None:
    """The codebook's name of a CAMEO event code ("employ aerial weapons"), if known."""
    if code is None:
        return None
    entry = cameo_codebook().get(code)
    return entry.name if entry is not None and entry.name else None


class _Marker:
    """Finds the actor and trigger words in evidence sentences, as character spans.

    ASCII sentences (nearly all) are searched with ``str.find`` on the lowered text, which
    finds what the regular expressions of :func:`_name_pattern` find, about ten times
    faster (compiling a case-insensitive pattern per actor alone costs a millisecond).
    """

    def __init__(self, graph: StanceGraph) -> None:
        self.graph = graph
        self._patterns: dict[str, re.Pattern[str] | None] = {}
        self._plain: dict[str | None, Any] = {}
        self._iso: dict[date | None, str | None] = {None: None}

    def iso(self, value: date | None) -> str | None:
        """The ISO text of a date (None for none), remembered: a page's dates repeat."""
        text = self._iso.get(value)
        if text is None and value is not None:
            text = self._iso[value] = value.isoformat()
        return text

    def _pattern(self, actor_id: str | None) -> re.Pattern[str] | None:
        if not actor_id or not self.graph.has_actor(actor_id):
            return None
        if actor_id not in self._patterns:
            self._patterns[actor_id] = _name_pattern(self.graph.actor(actor_id))
        return self._patterns[actor_id]

    def _names(self, actor_id: str | None) -> tuple[tuple[str, bool], ...] | None:
        """(name, case-insensitive) longest first; none for an actor the graph lacks; None
        when a name is not ASCII."""
        if actor_id not in self._plain:
            if not actor_id or not self.graph.has_actor(actor_id):
                self._plain[actor_id] = ()
            else:
                names = _actor_names(self.graph.actor(actor_id))
                self._plain[actor_id] = (
                    tuple((n.lower() if len(n) > 3 else n, len(n) > 3) for n in names)
                    if all(n.isascii() for n in names) else None
                )
        return self._plain[actor_id]

    def _actor_spans(self, actor_id: str | None, sentence: str, lowered: str | None,
                     ) -> list[tuple[int, int, str]]:
        names = None
        if lowered is not None:
            # One lookup in the common case (the names are known, absent actors included).
            names = self._plain.get(actor_id, _UNKNOWN)
            if names is _UNKNOWN:
                names = self._names(actor_id)
        if names is None:
            pattern = self._pattern(actor_id)
            return [] if pattern is None else [
                (m.start(), m.end(), "actor") for m in pattern.finditer(sentence)]
        found = []
        for name, fold in names:
            found += _word_spans(lowered if fold else sentence, name)  # type: ignore[arg-type]
        if len(found) > 1:
            found = _leftmost_longest(found)
        return [(a, b, "actor") for a, b in found]

    def evidence(self, ev: Evidence, subject: str, object: str) -> dict[str, Any]:
        sentence = ev.sentence
        lowered = sentence.lower() if sentence.isascii() else None
        spans = self._actor_spans(subject, sentence, lowered)
        spans += self._actor_spans(object, sentence, lowered)
        if ev.speaker not in (subject, object):
            spans += self._actor_spans(ev.speaker, sentence, lowered)
        if ev.trigger:
            if lowered is not None and ev.trigger.isascii():
                found = _leftmost_longest(_word_spans(lowered, ev.trigger.lower()))
                spans += [(a, b, "trigger") for a, b in found]
            else:
                trigger = re.compile(rf"(?<!\w){re.escape(ev.trigger)}(?!\w)", re.IGNORECASE)
                spans += [(m.start(), m.end(), "trigger") for m in trigger.finditer(sentence)]
        marks = _without_overlaps(spans)
        url, speaker, cameo = ev.url, ev.speaker, ev.cameo
        return {
            "sentence": sentence,
            "marks": marks if lowered is not None else _utf16_spans(sentence, marks),
            "date": self.iso(ev.date),
            "article": ev.article,
            "title": ev.title,
            "url": url if url and _SAFE_URL.match(url) else None,
            "publisher": ev.publisher,
            "speaker": None if speaker is None else self._name(speaker),
            "confidence": round(ev.confidence, 3),
            "extractor": ev.extractor,
            "cameo": cameo,
            "cameoName": None if cameo is None else cameo_name(cameo),
            "goldstein": ev.goldstein,
        }

    def _name(self, actor_id: str | None) -> str | None:
        if actor_id and self.graph.has_actor(actor_id):
            return self.graph.actor(actor_id).label
        return actor_id


#: Not yet looked up (:meth:`_Marker._actor_spans`; None means "not ASCII" there).
_UNKNOWN = object()

# What \w matches in ASCII text.
_WORD_CHARS = frozenset(string.ascii_letters + string.digits + "_")


def _word_spans(text: str, name: str) -> list[tuple[int, int]]:
    """Every occurrence of ``name`` in ASCII ``text`` not inside a word (overlaps too)."""
    spans = []
    size = len(name)
    at = text.find(name)
    while at >= 0:
        end = at + size
        if (at == 0 or text[at - 1] not in _WORD_CHARS) and (
                end == len(text) or text[end] not in _WORD_CHARS):
            spans.append((at, end))
        at = text.find(name, at + 1)
    return spans


def _leftmost_longest(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """What a regular expression of the alternatives, longest first, finds in one scan."""
    kept = []
    end = -1
    for start, stop in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start >= end:
            kept.append((start, stop))
            end = stop
    return kept


def _actor_names(actor: Actor) -> list[str]:
    """The names that mark an actor in a sentence, longest first."""
    names = {actor.label, *actor.aliases}
    if actor.type is ActorType.PERSON:
        # Articles name people by surname after the first mention.
        parts = actor.label.split()
        if len(parts) > 1 and len(parts[-1]) >= 4:
            names.add(parts[-1])
    return sorted((n.strip() for n in names if n.strip()), key=len, reverse=True)


def _name_pattern(actor: Actor) -> re.Pattern[str] | None:
    alternatives = []
    for name in _actor_names(actor):
        # Short names ("US", "UN") only match in their own case.
        flag = "(?i:" if len(name) > 3 else "(?:"
        alternatives.append(f"{flag}{re.escape(name)})")
    if not alternatives:
        return None
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)")


def _utf16_spans(text: str, spans: list[list[Any]]) -> list[list[Any]]:
    """Character offsets as JavaScript counts them (UTF-16 code units)."""
    if text.isascii():
        return spans

    def units(index: int) -> int:
        return len(text[:index].encode("utf-16-le")) // 2

    return [[units(start), units(stop), kind] for start, stop, kind in spans]


def _without_overlaps(spans: list[tuple[int, int, str]]) -> list[list[Any]]:
    kept: list[list[Any]] = []
    end = -1
    for start, stop, kind in sorted(spans, key=lambda s: (s[0], -s[1])):
        if start >= end:
            kept.append([start, stop, kind])
            end = stop
    return kept


# -- nodes, layout and vis-network items -------------------------------------------------


def _participation(graph: StanceGraph, roles: frozenset[str]) -> dict[str, int]:
    counts = dict.fromkeys(graph.nx.nodes, 0)
    for u, v, p, data in graph.nx.edges(keys=True, data=True):
        if p not in roles:
            counts[u] += data["count"]
            counts[v] += data["count"]
    return counts


def _node_size(participation: int) -> float:
    return round(min(12 + 5 * math.sqrt(participation), 48), 1)


def _edge_width(count: int) -> float:
    return round(min(1 + 1.5 * math.log2(1 + count), 10), 2)


def _positions(graph: StanceGraph, edges: list[PageEdge]) -> dict[str, tuple[float, float]]:
    """Positions in canvas pixels (used with physics off), from :func:`graphkit.layout.layout`:
    numpy only, about a second for 20,000 stances, where networkx's spring layout takes
    twenty and needs scipy beyond a few hundred nodes."""
    weights: dict[tuple[str, str], float] = defaultdict(float)
    for edge in edges:
        # Roles pull a person right next to the state it acts for; A->B and B->A add up.
        u, v = sorted((edge.source, edge.target))
        weights[u, v] += 4.0 if edge.role else 1.0
    nodes = list(graph.nx.nodes)
    pos = layout(nodes, ((u, v, w) for (u, v), w in weights.items()),
                 scale=120 * math.sqrt(max(len(nodes), 1)))
    return {node: (round(x, 1), round(y, 1)) for node, (x, y) in pos.items()}


def _vis_nodes(
    graph: StanceGraph,
    participation: dict[str, int],
    positions: dict[str, tuple[float, float]],
) -> list[dict[str, Any]]:
    nodes = []
    for actor in graph.actors():
        style = ACTOR_STYLES[actor.type]
        node: dict[str, Any] = {
            "id": actor.id,
            "label": actor.label,
            "shape": style.shape,
            "color": {"background": style.color, "border": "#333333",
                      "highlight": {"background": style.color, "border": "#000000"},
                      "hover": {"background": style.color, "border": "#000000"}},
            "size": _node_size(participation[actor.id]),
        }
        if actor.sector is not None:
            # A sector of a country ("Syrian rebels", "the Israeli police"): its type's shape
            # with a dashed, thicker border, so it reads as a part of a country.
            node["shapeProperties"] = dict(SECTOR_BORDER)
            node["borderWidth"] = 2
        if actor.id in positions:
            node["x"], node["y"] = positions[actor.id]
        nodes.append(node)
    return nodes


def _vis_edge(edge: PageEdge, settings: PageSettings) -> dict[str, Any]:
    item: dict[str, Any] = {"id": edge.id, "from": edge.source, "to": edge.target}
    if edge.role:
        item.update(
            color={"color": ROLE_COLOR, "highlight": "#777777", "hover": "#777777"},
            dashes=[4, 4], width=1, arrows={"to": {"enabled": True, "scaleFactor": 0.4}},
            length=90, font={"size": 9, "color": "#999999"},
        )
        if settings.edge_labels:
            item["label"] = ", ".join(s["label"] for s in edge.stances)
        return item
    # A mixed edge takes its latest stance's colour; the page stripes it with the other.
    color = POLARITY_COLORS[edge.shown_polarity]
    item.update(
        color={"color": color, "highlight": color, "hover": color},
        width=_edge_width(edge.evidence_count),
        arrows="to",
    )
    if settings.edge_labels:
        item["label"] = ", ".join(s["label"] for s in edge.stances)
    return item


def _options(settings: PageSettings) -> dict[str, Any]:
    smooth: Any = (
        {"enabled": True, "type": "curvedCW", "roundness": 0.15}
        if settings.smooth else {"enabled": False}
    )
    physics: dict[str, Any] = {"enabled": settings.physics}
    if settings.physics:
        physics.update(
            solver="forceAtlas2Based",
            forceAtlas2Based={"gravitationalConstant": -140, "centralGravity": 0.012,
                              "springLength": 210, "springConstant": 0.05,
                              "avoidOverlap": 0.9},
            stabilization={"enabled": True, "iterations": settings.iterations,
                           "updateInterval": 25, "fit": True},
            minVelocity=1.0,
        )
    return {
        "nodes": {
            "borderWidth": 1,
            "font": {"size": 14, "color": "#222222", "strokeWidth": 3,
                     "strokeColor": "#ffffff"},
            "widthConstraint": {"maximum": 160},
        },
        "edges": {
            "smooth": smooth,
            "font": {"size": 11, "color": "#444444", "strokeWidth": 3,
                     "strokeColor": "#ffffff"},
            "selectionWidth": 2,
            "hoverWidth": 1.5,
        },
        "physics": physics,
        "interaction": {
            "hover": True,
            "tooltipDelay": 100,
            "hideEdgesOnDrag": settings.hide_edges_on_drag,
            "navigationButtons": False,
            "keyboard": {"enabled": True, "bindToWindow": False},
        },
        "layout": {"improvedLayout": settings.physics and not settings.hide_edges_on_drag,
                   "randomSeed": 7},
    }


# -- page data for the script --------------------------------------------------------------


def _page_data(
    graph: StanceGraph,
    edges: list[PageEdge],
    participation: dict[str, int],
    settings: PageSettings,
    title: str,
) -> dict[str, Any]:
    nodes = {}
    for actor in graph.actors():
        acts_for = actor.acts_for
        nodes[actor.id] = {
            "label": actor.label,
            "type": actor.type.value,
            "aliases": list(actor.aliases),
            "iso3": actor.country,
            "wikidata": actor.wikidata,
            "cameo": actor.cameo,
            "sector": actor.sector,
            "role": actor.role,
            "actsFor": acts_for,
            "actsForLabel": graph.actor(acts_for).label
            if acts_for and graph.has_actor(acts_for) else acts_for,
            "participation": participation[actor.id],
        }
    present_types = {a.type for a in graph.actors()}
    predicates: dict[str, str] = {}
    for edge in edges:
        if not edge.role:
            for stance in edge.stances:
                predicates.setdefault(stance["predicate"], stance["polarity"])
    order = [p.value for p in (Polarity.COOPERATION, Polarity.CONFLICT, Polarity.NEUTRAL)]
    all_dates = [d for e in edges for s in e.stances for d in s["dates"]]
    return {
        "title": title,
        "nodes": nodes,
        "edges": {
            e.id: {"from": e.source, "to": e.target, "role": e.role, "stances": e.stances}
            for e in edges
        },
        "types": [
            {"value": t.value, "label": s.label, "shape": s.shape, "color": s.color,
             "count": sum(1 for a in graph.actors() if a.type is t)}
            for t, s in ACTOR_STYLES.items() if t in present_types
        ],
        "predicates": [
            {"name": p, "label": _label(p), "polarity": pol}
            for p, pol in sorted(predicates.items(), key=lambda i: (order.index(i[1]), i[0]))
        ],
        "polarities": [{"name": p, "color": POLARITY_COLORS[p]} for p in order],
        "roleColor": ROLE_COLOR,
        "dates": [min(all_dates), max(all_dates)] if all_dates else None,
        "settings": {"physics": settings.physics, "edgeLabels": settings.edge_labels},
    }


def _script_json(value: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>``, ``&`` or line
    separators can end the element or the string early."""
    text = json.dumps(value, ensure_ascii=True, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )


def _deflated_json(value: Any) -> str:
    """The JSON of ``value``, deflated (zlib format) and in base64: nothing in it can end a
    ``<script>`` element, and the repeated keys and styles of large pages shrink sevenfold.
    (Level 1: on 20k stances it takes 0.14 s where level 3 takes 0.24, for a page 0.5 MB
    larger.)"""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return base64.b64encode(zlib.compress(text.encode("utf-8"), 1)).decode("ascii")


def _asset(name: str) -> str:
    text = resources.files(_ASSETS).joinpath(name).read_text(encoding="utf-8")
    if "</script" in text.lower() or "</style" in text.lower():
        raise RuntimeError(f"asset {name} would end its element early")
    return text


# -- the page --------------------------------------------------------------------------------

_REMOTE_TAG = re.compile(
    r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>"
    r"|<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>",
    re.IGNORECASE,
)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>", re.IGNORECASE)
# pyvis's template keeps an old vis.js link in an HTML comment.
_STALE_COMMENT = re.compile(r"<!--\s*<link\b.*?-->", re.IGNORECASE | re.DOTALL)


def to_html_string(
    graph: StanceGraph,
    *,
    title: str | None = None,
    physics: bool | None = None,
    max_evidence: int | None = 50,
) -> str:
    """The interactive page of ``graph`` as one self-contained HTML document.

    Parameters
    ----------
    graph : StanceGraph
    title : str, optional
        The page title; by default the graph's size.
    physics : bool, optional
        Run the force simulation (True) or draw at positions computed by networkx (False);
        by default chosen by the graph's size (see :func:`choose_settings`).
    max_evidence : int, optional
        Evidence records kept per stance (default 50); None keeps all.

    Returns
    -------
    str
        The HTML page. It loads nothing from the network.

    Examples
    --------
    >>> from graphkit.model import Actor, ActorType
    >>> page = to_html_string(StanceGraph([Actor("chile", "Chile", ActorType.STATE)]))
    >>> page.startswith("<!DOCTYPE html>") and "vis.Network" in page
    True
    """
    with no_collection():
        return _page(graph, title=title, physics=physics, max_evidence=max_evidence)


def _page(
    graph: StanceGraph, *, title: str | None, physics: bool | None, max_evidence: int | None
) -> str:
    from pyvis.network import Network

    edges = page_edges(graph, max_evidence=max_evidence)
    settings = choose_settings(graph.number_of_actors(), len(edges), physics)
    roles = _role_predicates()
    participation = _participation(graph, roles)
    positions = {} if settings.physics else _positions(graph, edges)
    if title is None:
        title = (
            f"graphkit: {graph.number_of_actors()} actors, "
            f"{graph.number_of_stances()} stances"
        )

    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    # Filled directly: pyvis's add_node/add_edge look up every item in a list (quadratic)
    # and add_node drops a colour given with a group.
    vis_nodes = _vis_nodes(graph, participation, positions)
    vis_edges = [_vis_edge(e, settings) for e in edges]
    data = _page_data(graph, edges, participation, settings, title)
    compact = len(edges) > _COMPACT_FROM_EDGES
    if compact:
        # The items travel inside the deflated data; payload.js adds them (see there).
        data["vis"] = {"nodes": vis_nodes, "edges": vis_edges}
        vis_nodes, vis_edges = [], []
    net.nodes = vis_nodes
    net.node_ids = [n["id"] for n in net.nodes]
    net.edges = vis_edges
    net.options = _options(settings)
    page = net.generate_html()

    page = _REMOTE_TAG.sub("", page)
    page = _EMPTY_HEADING.sub("", page)
    page = _STALE_COMMENT.sub("", page)
    head = (
        f"<title>{html_lib.escape(title)}</title>\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<style>{_asset('page.css')}</style>\n"
    )
    panel = _asset("panel.html").replace("{{title}}", html_lib.escape(title))
    if compact:
        tail = (
            f'<script type="application/json" id="{_DATA_ID}" data-encoding="deflate-base64">'
            f"{_deflated_json(data)}</script>\n"
            f'<script type="text/plain" id="gk-script">{_asset("page.js")}</script>\n'
            f"<script>{_asset('payload.js')}</script>\n"
        )
    else:
        tail = (
            f'<script type="application/json" id="{_DATA_ID}">{_script_json(data)}</script>\n'
            f"<script>{_asset('page.js')}</script>\n"
        )
    page = _insert(page, "</head>", head, before=True)
    page = _insert(page, "<body>", panel, before=False)
    page = _insert(page, "</body>", tail, before=True)
    return "<!DOCTYPE html>\n" + page.lstrip()


def _insert(page: str, tag: str, text: str, *, before: bool) -> str:
    index = page.find(tag)
    if index < 0:
        raise RuntimeError(f"pyvis's page template has no {tag}; unsupported pyvis version")
    at = index if before else index + len(tag)
    return page[:at] + text + page[at:]


def to_html(
    graph: StanceGraph,
    path: str | Path,
    *,
    title: str | None = None,
    physics: bool | None = None,
    max_evidence: int | None = 50,
) -> Path:
    """Write the interactive page of ``graph`` to ``path``, whole or not at all.

    The file holds all its JavaScript and CSS; nothing else is written (no ``lib/`` folder).
    Parameters are those of :func:`to_html_string`.

    Returns
    -------
    Path
        The path written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from graphkit.model import Actor, ActorType
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "g.html"
    >>> to_html(StanceGraph([Actor("chile", "Chile", ActorType.STATE)]), out).is_file()
    True
    """
    page = to_html_string(graph, title=title, physics=physics, max_evidence=max_evidence)
    path = Path(path)
    with atomic_write(path) as handle:
        handle.write(page)
    return path


def iframe(page: str, *, height: int = 700) -> str:
    """An ``<iframe srcdoc>`` holding ``page``: shows in JupyterLab, VS Code and Colab alike.

    The frame runs scripts but gets an opaque origin (no ``allow-same-origin``), so the page
    cannot reach the notebook around it.
    """
    return (
        f'<iframe srcdoc="{html_lib.escape(page, quote=True)}" '
        f'style="width:100%;height:{int(height)}px;border:1px solid #ddd" '
        'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe>'
    )


def show(
    graph: StanceGraph,
    *,
    title: str | None = None,
    physics: bool | None = None,
    height: int = 700,
) -> HTML:
    """The interactive page shown inline in a notebook.

    Returns
    -------
    IPython.display.HTML
        Display it (or leave it last in a cell) to draw the graph.
    """
    from IPython.display import HTML

    # In a <div>: IPython warns about a bare <iframe>, meaning the IFrame that shows blank.
    frame = iframe(to_html_string(graph, title=title, physics=physics), height=height)
    return HTML(f'<div class="graphkit-graph">{frame}</div>')

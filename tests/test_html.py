"""graphkit.html: the page's content in Python, then the page itself in headless Chromium."""

from __future__ import annotations

import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser import (
    chromium,  # noqa: F401  (a pytest fixture)
    click_at,
    console_errors,
    drawn_pixels,
    edge_point,
    label_boxes,
    label_overlaps,
    move_mouse,
    node_point,
    open_page,
    requested_urls,
    requires_chromium,
    wait_for,
)

from graphkit import html
from graphkit.graph import StanceGraph
from graphkit.model import Actor, ActorType, Evidence
from graphkit.ontology import make_stance

A = ActorType


def ev(article: str, sentence: str, day: date | None = None, **kw) -> Evidence:
    return Evidence(article, sentence, date=day, **kw)


def sample_graph() -> StanceGraph:
    """Nine fictional actors of six types; seven stance pairs and five role pairs."""
    g = StanceGraph(
        [
            Actor("aland", "Aland", A.STATE, country="ALA", wikidata="Q5689"),
            Actor("borduria", "Borduria", A.STATE, aliases=("the Bordurian government",)),
            Actor("carpania", "Carpania", A.STATE),
            Actor("jane_roe", "Jane Roe", A.PERSON, role="foreign minister",
                  acts_for="aland"),
            Actor("john_doe", "John Doe", A.PERSON, role="spokesperson", acts_for="borduria"),
            Actor("ministry", "Bordurian Foreign Ministry", A.GOVERNMENT_BODY,
                  acts_for="borduria"),
            Actor("council", "Regional Council", A.INTERNATIONAL_ORGANIZATION),
            Actor("rebels", "Northern Front", A.ARMED_GROUP),
            Actor("daily", "The Daily Ledger", A.MEDIA),
        ]
    )
    stances = [
        make_stance("aland", "recognizes", "borduria", evidence=[
            ev("art-1", "Aland formally recognizes the Bordurian government, Roe said.",
               date(2024, 3, 1), title="Aland moves first", trigger="recognizes",
               speaker="jane_roe", url="https://news.example/aland", confidence=0.9),
            ev("art-2", "On Friday Aland recognized Borduria again.", date(2024, 3, 1),
               trigger="recognized", confidence=0.7),
        ]),
        make_stance("aland", "supports", "borduria", evidence=[
            ev("art-2", "Aland supports Borduria in the talks.", date(2024, 3, 2))]),
        make_stance("borduria", "threatens", "aland", evidence=[
            ev("art-3", "Borduria threatened Aland with reprisals.", date(2024, 3, 5))]),
        make_stance("carpania", "sanctions", "borduria", evidence=[
            ev("art-4", "Carpania imposed sanctions on Borduria.", date(2024, 4, 10))]),
        make_stance("council", "appeals", "borduria"),
        make_stance("jane_roe", "criticizes", "carpania", evidence=[
            ev("art-4", "Jane Roe criticized Carpania.", date(2024, 3, 20))]),
        make_stance("rebels", "attacks", "carpania", evidence=[
            ev("art-5", "The Northern Front attacked a Carpanian garrison.", date(2024, 5, 1))]),
        make_stance("daily", "accuses", "rebels", evidence=[
            ev("art-5", "The Daily Ledger accused the Northern Front.", date(2024, 5, 2))]),
        make_stance("john_doe", "spokesperson_of", "ministry"),
        make_stance("aland", "member_of", "council"),
    ]
    for stance in stances:
        g.add_stance(stance)
    return g


STANCE_PAIRS = 7
ROLE_PAIRS = 5  # two role edges in the graph, three from actors' acts_for


PAYLOADS = (
    "<script>window.pwned=1</script>",
    "<img src=x onerror=window.pwned=1>",
    "\"'><svg onload=window.pwned=1>",
    "`${window.pwned=1}`",
)


def xss_graph() -> StanceGraph:
    evil = " ".join(PAYLOADS)
    g = StanceGraph(
        [
            Actor("evil", f"Evil {PAYLOADS[1]}", A.STATE, aliases=(PAYLOADS[0],),
                  role=PAYLOADS[2]),
            Actor("victim", f"Victim {PAYLOADS[3]}", A.PERSON, role=PAYLOADS[0],
                  acts_for="evil"),
        ]
    )
    g.add_stance(make_stance("evil", "threatens", "victim", evidence=[
        Evidence(f"art-{PAYLOADS[2]}", f"Evil said {evil} \u2028 and </script> too.",
                 title=f"Title {PAYLOADS[1]}", publisher=PAYLOADS[3],
                 url="javascript:window.pwned=1", date=date(2024, 1, 2),
                 trigger=PAYLOADS[0], speaker="victim"),
    ]))
    return g


# -- the page model ---------------------------------------------------------------------------


def test_parallel_stances_collapse_into_one_edge_per_ordered_pair() -> None:
    edges = html.page_edges(sample_graph())
    pairs = [(e.source, e.target, e.role) for e in edges]
    assert len(pairs) == len(set(pairs)) == STANCE_PAIRS + ROLE_PAIRS
    forward = next(e for e in edges if (e.source, e.target) == ("aland", "borduria"))
    assert forward.predicates == ["recognizes", "supports"]
    assert forward.evidence_count == 3
    assert forward.net_polarity == "cooperation"
    backward = next(e for e in edges if (e.source, e.target) == ("borduria", "aland"))
    assert backward.predicates == ["threatens"] and backward.net_polarity == "conflict"
    roles = {(e.source, e.target): e.predicates for e in edges if e.role}
    assert roles == {
        ("john_doe", "ministry"): ["spokesperson_of"],
        ("aland", "council"): ["member_of"],
        ("jane_roe", "aland"): ["acts_for"],
        ("john_doe", "borduria"): ["acts_for"],
        ("ministry", "borduria"): ["acts_for"],
    }


def test_acts_for_attribute_adds_no_second_edge_when_the_graph_has_one() -> None:
    g = sample_graph()
    g.add_stance(make_stance("jane_roe", "leads", "aland"))
    roles = [e for e in html.page_edges(g) if e.role and e.source == "jane_roe"]
    assert [e.predicates for e in roles] == [["leads"]]


def test_evidence_marks_actor_words_and_trigger_in_js_offsets() -> None:
    g = StanceGraph([Actor("aland", "Aland", A.STATE, aliases=("AL",)),
                     Actor("jane_rowan", "Jane Rowan", A.PERSON)])
    sentence = "\U0001F600 Rowan says ALAND backs Jane Rowan; al is no match, AL is."
    g.add_stance(make_stance("aland", "supports", "jane_rowan", evidence=[
        ev("a", sentence, trigger="backs")]))
    [edge] = html.page_edges(g)
    record = edge.stances[0]["evidence"][0]
    # The emoji is two UTF-16 code units, as JavaScript's String.slice counts.
    js = sentence.encode("utf-16-le")
    marked = [(js[2 * s:2 * e].decode("utf-16-le"), kind) for s, e, kind in record["marks"]]
    assert marked == [("Rowan", "actor"), ("ALAND", "actor"), ("backs", "trigger"),
                      ("Jane Rowan", "actor"), ("AL", "actor")]


def test_unsafe_urls_are_not_links() -> None:
    edges = html.page_edges(xss_graph()) + html.page_edges(sample_graph())
    urls = {e["url"] for edge in edges for s in edge.stances for e in s["evidence"]}
    assert urls == {None, "https://news.example/aland"}


def test_max_evidence_keeps_the_count() -> None:
    [edge] = [e for e in html.page_edges(sample_graph(), max_evidence=1)
              if (e.source, e.target) == ("aland", "borduria")]
    recognizes = edge.stances[0]
    assert (len(recognizes["evidence"]), recognizes["more"], recognizes["count"]) == (1, 1, 2)


def test_settings_follow_graph_size() -> None:
    small, medium, large = (html.choose_settings(15, 20), html.choose_settings(300, 1000),
                            html.choose_settings(1000, 5000))
    assert small.physics and small.smooth
    assert medium.physics and not medium.smooth and medium.iterations <= 150
    assert not large.physics and not large.smooth
    assert not html.choose_settings(15, 20, physics=False).physics


# -- the page as a file ------------------------------------------------------------------------


class _Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.external: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            self.scripts += 1
        for name in ("src", "href"):
            value = values.get(name) or ""
            if tag in ("script", "link", "img", "iframe") and value:
                self.external.append(value)


def vis_items(page: str, name: str) -> list[dict]:
    match = re.search(rf"{name} = new vis\.DataSet\((.*?)\);\n", page)
    assert match, name
    return json.loads(match.group(1))


def test_to_html_writes_one_self_contained_file(tmp_path: Path, monkeypatch) -> None:
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    out = tmp_path / "out" / "graph.html"
    assert html.to_html(sample_graph(), out, title="Test graph") == out
    assert sorted(p.name for p in out.parent.iterdir()) == ["graph.html"]
    assert list(workdir.iterdir()) == []  # pyvis wrote no lib/ anywhere
    page = out.read_text(encoding="utf-8")
    parser = _Resources()
    parser.feed(page)
    assert parser.external == []  # nothing is loaded: every script and style is in line
    assert parser.scripts >= 3
    assert "bootstrap" not in page and "jsdelivr" not in page and "cdnjs" not in page
    assert "<title>Test graph</title>" in page
    assert len(vis_items(page, "nodes")) == 9
    assert len(vis_items(page, "edges")) == STANCE_PAIRS + ROLE_PAIRS


def test_drawing_follows_types_polarity_and_evidence() -> None:
    page = html.to_html_string(sample_graph())
    nodes = {n["id"]: n for n in vis_items(page, "nodes")}
    for node_id, actor_type in [("aland", A.STATE), ("jane_roe", A.PERSON),
                                ("council", A.INTERNATIONAL_ORGANIZATION)]:
        style = html.ACTOR_STYLES[actor_type]
        assert nodes[node_id]["shape"] == style.shape
        assert nodes[node_id]["color"]["background"] == style.color
    assert nodes["aland"]["size"] > nodes["daily"]["size"]  # takes part more
    edges = {(e["from"], e["to"]): e for e in vis_items(page, "edges")}
    coop, conflict = edges["aland", "borduria"], edges["borduria", "aland"]
    assert coop["color"]["color"] == html.POLARITY_COLORS["cooperation"]
    assert conflict["color"]["color"] == html.POLARITY_COLORS["conflict"]
    assert edges["council", "borduria"]["color"]["color"] == html.POLARITY_COLORS["neutral"]
    assert coop["width"] > conflict["width"]  # three sentences against one
    assert coop["label"] == "recognizes, supports" and coop["arrows"] == "to"
    role = edges["jane_roe", "aland"]
    assert role["dashes"] and role["width"] == 1 and role["color"]["color"] == html.ROLE_COLOR


def mixed_graph(first: str, then: str) -> StanceGraph:
    """Honduras towards Taiwan: one stance in March 2024, another in June."""
    g = StanceGraph([Actor("honduras", "Honduras", A.STATE), Actor("taiwan", "Taiwan", A.STATE),
                     Actor("china", "China", A.STATE)])
    g.add_stance(make_stance("honduras", first, "taiwan", evidence=[
        ev("m1", "Honduras acted on Taiwan.", date(2024, 3, 1))]))
    g.add_stance(make_stance("honduras", then, "taiwan", evidence=[
        ev("m2", "Honduras acted on Taiwan again.", date(2024, 6, 1))]))
    g.add_stance(make_stance("honduras", "recognizes", "china", evidence=[
        ev("m2", "Honduras recognized China.", date(2024, 6, 1))]))
    return g


@pytest.mark.parametrize("first, then, shown", [("recognizes", "cuts_ties", "conflict"),
                                                ("cuts_ties", "recognizes", "cooperation")])
def test_mixed_pair_takes_the_colour_of_its_latest_stance(first, then, shown) -> None:
    edges = {(e.source, e.target): e for e in html.page_edges(mixed_graph(first, then))}
    mixed, plain = edges["honduras", "taiwan"], edges["honduras", "china"]
    assert mixed.mixed and not plain.mixed
    assert mixed.net_polarity == "neutral"  # one of each: what used to make it grey
    assert mixed.shown_polarity == shown
    page = html.to_html_string(mixed_graph(first, then))
    drawn = {(e["from"], e["to"]): e for e in vis_items(page, "edges")}
    assert drawn["honduras", "taiwan"]["color"]["color"] == html.POLARITY_COLORS[shown]
    assert drawn["honduras", "taiwan"]["label"] == "cuts ties with, recognizes"


def test_untrusted_text_cannot_end_a_script_or_become_markup() -> None:
    page = html.to_html_string(xss_graph(), title=PAYLOADS[1])
    for payload in PAYLOADS[:3]:
        assert payload not in page
    assert "<img" not in page and "<svg" not in page
    assert "\u2028" not in page and "\u2029" not in page
    parser = _Resources()
    parser.feed(page)
    assert parser.scripts == 5  # pyvis's two, vis-network, the data and graphkit's script
    data = re.search(r'<script type="application/json" id="gk-data">(.*?)</script>', page, re.S)
    assert data, "the data element ends early"
    nodes = json.loads(data.group(1))["nodes"]
    assert nodes["evil"]["label"] == f"Evil {PAYLOADS[1]}"
    assert nodes["evil"]["aliases"] == [PAYLOADS[0]]
    assert "<title>Evil" not in page
    assert f"<title>{PAYLOADS[1].replace('<', '&lt;').replace('>', '&gt;')}</title>" in page


def test_iframe_holds_the_whole_page_escaped() -> None:
    page = html.to_html_string(xss_graph())
    frame = html.iframe(page, height=500)
    match = re.fullmatch(r'<iframe srcdoc="([^"<>]*)" style="[^"]*" sandbox="([^"]*)"></iframe>',
                         frame)
    assert match, frame[:200]
    from html import unescape

    assert unescape(match.group(1)) == page
    assert "allow-same-origin" not in match.group(2)
    shown = html.show(sample_graph(), height=500)
    assert shown.data.startswith('<div class="graphkit-graph"><iframe srcdoc=')


def test_empty_graph_makes_a_page() -> None:
    page = html.to_html_string(StanceGraph())
    assert vis_items(page, "nodes") == []


# -- the page in headless Chromium ---------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("page") / "graph.html"
    return html.to_html(sample_graph(), out)


def counts(driver) -> dict:
    return driver.execute_script("return window.graphkit.counts()")


def click(driver, selector: str) -> None:
    driver.find_element("css selector", selector).click()


@pytest.mark.browser
@requires_chromium
@pytest.mark.parametrize("physics", [None, False])
def test_page_draws_offline_without_errors(chromium, tmp_path: Path, physics) -> None:  # noqa: F811
    page = html.to_html(sample_graph(), tmp_path / "g.html", physics=physics)
    open_page(chromium, page)
    assert chromium.find_elements("css selector", "#mynetwork canvas")
    assert drawn_pixels(chromium) > 200
    assert counts(chromium) == {"nodes": 9, "edges": STANCE_PAIRS + ROLE_PAIRS,
                                "visibleNodes": 9, "visibleEdges": STANCE_PAIRS + ROLE_PAIRS}
    assert chromium.execute_script("return network.body.data.edges.length") == 12
    assert console_errors(chromium) == []
    urls = requested_urls(chromium, page)
    assert urls and all(u.startswith(("file:", "data:")) for u in urls), urls
    physics_on = chromium.execute_script("return network.physics.physicsEnabled")
    assert physics_on is False  # it settled and stopped


@pytest.mark.browser
@requires_chromium
def test_hover_shows_evidence_and_click_keeps_it(chromium, sample_page: Path) -> None:  # noqa: F811
    open_page(chromium, sample_page)
    edge_id = chromium.execute_script(
        "return network.body.data.edges.get({filter: e => e.from === 'aland'"
        " && e.to === 'borduria'})[0].id")
    move_mouse(chromium, edge_point(chromium, edge_id))
    tip = wait_for(chromium, "const t = document.getElementById('gk-tooltip');"
                   "return !t.hidden && t.textContent.includes('Aland') && t;", 10)
    text = tip.text
    assert "Aland formally recognizes the Bordurian government, Roe said." in text
    assert "Aland supports Borduria in the talks." in text
    assert "2024-03-01" in text and "Aland moves first" in text and "confidence 0.9" in text
    marks = [m.text for m in tip.find_elements("css selector", "mark")]
    assert marks[:2] == ["Aland", "the Bordurian government"]
    assert [b.text for b in tip.find_elements("css selector", "b")][0] == "recognizes"

    move_mouse(chromium, node_point(chromium, "aland"))
    wait_for(chromium, "return document.getElementById('gk-tooltip').textContent"
             ".includes('Q5689')", 10)
    tip = chromium.find_element("id", "gk-tooltip")
    assert "ALA" in tip.text and "State" in tip.text

    click_at(chromium, edge_point(chromium, edge_id))
    details = wait_for(chromium, "const d = document.getElementById('gk-details');"
                       "return !d.hidden && d;", 10)
    link = details.find_element("css selector", "a")
    assert link.get_attribute("href") == "https://news.example/aland"
    assert link.get_attribute("rel") == "noopener noreferrer"
    assert console_errors(chromium) == []


@pytest.mark.browser
@requires_chromium
def test_filters_and_search_change_what_is_visible(chromium, sample_page: Path) -> None:  # noqa: F811
    open_page(chromium, sample_page)
    total = {"nodes": 9, "edges": 12, "visibleNodes": 9, "visibleEdges": 12}

    click(chromium, "#gk-polarities input[value=conflict]")
    c = counts(chromium)
    assert (c["visibleNodes"], c["visibleEdges"]) == (3, 3)
    assert sorted(chromium.execute_script("return graphkit.visibleNodeIds()")) == [
        "aland", "borduria", "council"]
    hidden = chromium.execute_script("return network.body.data.edges.get("
                                     "{filter: e => e.hidden}).length")
    assert hidden == 9
    click(chromium, "#gk-reset")
    assert counts(chromium) == total

    click(chromium, f"#gk-types input[value={A.PERSON.value}]")
    assert counts(chromium)["visibleNodes"] == 7
    assert counts(chromium)["visibleEdges"] == 8
    click(chromium, "#gk-reset")

    click(chromium, "#gk-pred-none")
    assert counts(chromium) == {**total, "visibleNodes": 0, "visibleEdges": 0}
    click(chromium, "#gk-predicates input[value=recognizes]")
    assert chromium.execute_script("return graphkit.visibleEdgeIds().length") == 1
    label = chromium.execute_script(
        "return network.body.data.edges.get({filter: e => e.from === 'aland'"
        " && e.to === 'borduria'})[0].label")
    assert label == "recognizes"
    click(chromium, "#gk-reset")
    assert counts(chromium) == total

    chromium.execute_script(
        "for (const [id, v] of [['gk-from', '2024-03-01'], ['gk-to', '2024-03-10']]) {"
        " const i = document.getElementById(id); i.value = v;"
        " i.dispatchEvent(new Event('change')); }")
    c = counts(chromium)
    assert (c["visibleNodes"], c["visibleEdges"]) == (2, 2)
    click(chromium, "#gk-reset")

    click(chromium, "#gk-roles input")
    assert counts(chromium)["visibleEdges"] == STANCE_PAIRS
    click(chromium, "#gk-reset")

    search = chromium.find_element("id", "gk-search")
    search.send_keys("bordurian foreign\n")
    wait_for(chromium, "return graphkit.focused === 'ministry'", 5)
    assert chromium.execute_script("return network.getSelectedNodes()") == ["ministry"]
    assert "Bordurian Foreign Ministry" in chromium.find_element("id", "gk-details").text
    search.clear()
    search.send_keys("nobody at all\n")
    assert "No actor matches" in chromium.find_element("id", "gk-search-msg").text
    assert console_errors(chromium) == []


@pytest.mark.browser
@requires_chromium
def test_untrusted_text_shows_as_text_and_runs_nothing(chromium, tmp_path: Path) -> None:  # noqa: F811
    page = html.to_html(xss_graph(), tmp_path / "xss.html", title=PAYLOADS[1])
    open_page(chromium, page)
    assert chromium.title == PAYLOADS[1]
    assert counts(chromium)["edges"] == 2
    move_mouse(chromium, node_point(chromium, "evil"))
    wait_for(chromium, "return !document.getElementById('gk-tooltip').hidden", 10)
    assert PAYLOADS[1] in chromium.find_element("id", "gk-tooltip").text
    assert PAYLOADS[2] in chromium.find_element("id", "gk-tooltip").text
    edge_id = chromium.execute_script(
        "return network.body.data.edges.get({filter: e => !e.dashes})[0].id")
    move_mouse(chromium, edge_point(chromium, edge_id))
    tip = wait_for(chromium, "const t = document.getElementById('gk-tooltip');"
                   "return t.textContent.includes('Evil said') && t;", 10)
    for payload in PAYLOADS:
        assert payload in tip.get_attribute("textContent")
    click_at(chromium, edge_point(chromium, edge_id))
    details = wait_for(chromium, "const d = document.getElementById('gk-details');"
                       "return !d.hidden && d;", 10)
    assert details.find_elements("css selector", "a") == []  # the javascript: url is text
    chromium.find_element("id", "gk-search").send_keys("<script>\n")
    wait_for(chromium, "return graphkit.focused === 'evil'", 5)
    assert chromium.execute_script("return typeof window.pwned") == "undefined"
    assert chromium.execute_script(
        "return document.querySelectorAll('img, svg, #gk-panel script').length") == 0
    assert console_errors(chromium) == []


# -- the command line ----------------------------------------------------------------------------


def test_cli_html_reads_rdf_and_writes_the_page(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from graphkit import rdf
    from graphkit.cli import app

    source = tmp_path / "g.trig"
    rdf.write(sample_graph(), source)
    out = tmp_path / "page" / "g.html"
    result = CliRunner().invoke(app, ["html", str(source), "-o", str(out), "--title", "T"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "<title>T</title>" in page
    assert len(vis_items(page, "nodes")) == 9
    assert len(vis_items(page, "edges")) == STANCE_PAIRS + ROLE_PAIRS


def test_cli_html_bad_input_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from graphkit.cli import app

    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix gk: <https://w3id.org/graphkit/ontology#> .\ngk:a gk:b .\n")
    out = tmp_path / "g.html"
    for source in (bad, tmp_path / "missing.ttl"):
        result = CliRunner().invoke(app, ["html", str(source), "-o", str(out)])
        assert result.exit_code == 2
        assert str(source) in result.output
    assert list(tmp_path.iterdir()) == [bad]


@pytest.mark.browser
@requires_chromium
def test_notebook_iframe_draws_in_a_sandbox(chromium, tmp_path: Path) -> None:  # noqa: F811
    host = tmp_path / "notebook.html"
    host.write_text(f"<!DOCTYPE html><html><body><h1>cell output</h1>"
                    f"{html.show(xss_graph(), height=600).data}</body></html>",
                    encoding="utf-8")
    chromium.get_log("browser")
    chromium.get(host.as_uri())
    chromium.switch_to.frame(chromium.find_element("css selector", "iframe"))
    try:
        wait_for(chromium, "return window.graphkit && window.graphkit.ready", 30)
        assert counts(chromium)["nodes"] == 2
        assert drawn_pixels(chromium) > 100
        assert chromium.execute_script("return typeof window.pwned") == "undefined"
    finally:
        chromium.switch_to.default_content()
    assert chromium.execute_script("return typeof window.pwned") == "undefined"
    assert console_errors(chromium) == []


@pytest.mark.browser
@requires_chromium
def test_bundled_example_built_by_the_cli_draws(chromium, tmp_path: Path) -> None:  # noqa: F811
    from typer.testing import CliRunner

    from graphkit import rdf
    from graphkit.cli import app

    example = Path(__file__).resolve().parent.parent / "examples" / "venezuela_2019.txt"
    ttl, page = tmp_path / "example.ttl", tmp_path / "example.html"
    result = CliRunner().invoke(app, ["build", str(example), "-o", str(ttl), "--html", str(page),
                                      "--quiet"])
    assert result.exit_code == 0, result.output
    graph = rdf.read(ttl)
    open_page(chromium, page)
    assert drawn_pixels(chromium) > 200
    drawn = counts(chromium)
    assert drawn["nodes"] == graph.number_of_actors()
    assert drawn["edges"] == len(html.page_edges(graph))
    assert drawn["visibleEdges"] == drawn["edges"]
    assert len(label_overlaps(label_boxes(chromium))) <= MAX_OVERLAPS
    assert console_errors(chromium) == []
    urls = requested_urls(chromium, page)
    assert urls and all(u.startswith(("file:", "data:")) for u in urls), urls


def stripe_colours(driver, edge_id: str) -> dict[str, int]:
    """How many pixels near the middle stretch of an edge are green, and how many red."""
    return driver.execute_script(
        """
        const edge = network.body.edges[arguments[0]];
        const ctx = document.querySelector('#mynetwork canvas').getContext('2d');
        const ratio = window.devicePixelRatio || 1;
        let green = 0, red = 0;
        for (let i = 30; i <= 70; i++) {
          const p = network.canvasToDOM(edge.edgeType.getPoint(i / 100));
          const d = ctx.getImageData(Math.round(p.x * ratio) - 1, Math.round(p.y * ratio) - 1,
                                     3, 3).data;
          for (let k = 0; k < d.length; k += 4) {
            if (d[k + 1] > 120 && d[k] < 90 && d[k + 2] < 90) green++;
            if (d[k] > 180 && d[k + 1] < 90 && d[k + 2] < 90) red++;
          }
        }
        return {green: green, red: red};
        """,
        edge_id,
    )


@pytest.mark.browser
@requires_chromium
def test_mixed_edge_is_striped_and_the_legend_says_so(chromium, tmp_path: Path) -> None:  # noqa: F811
    page = html.to_html(mixed_graph("recognizes", "cuts_ties"), tmp_path / "mixed.html")
    open_page(chromium, page)
    ids = chromium.execute_script("return graphkit.mixedEdgeIds()")
    assert len(ids) == 1
    legend = chromium.find_element("id", "gk-mixed").text
    assert "mixed" in legend and "latest" in legend
    colours = stripe_colours(chromium, ids[0])
    assert colours["red"] > 5 and colours["green"] > 5, colours  # red line, green stripes
    plain = chromium.execute_script(
        "return network.body.data.edges.get({filter: e => e.to === 'china'})[0].id")
    assert stripe_colours(chromium, plain)["red"] == 0
    # Without the conflict stances the edge is plain cooperation, and no longer mixed.
    click(chromium, "#gk-polarities input[value=conflict]")
    assert chromium.execute_script("return graphkit.mixedEdgeIds()") == []
    assert console_errors(chromium) == []


CORPUS = Path(__file__).resolve().parent.parent / "examples" / "corpus"
# A page of this size may leave this many pairs touching at the default zoom.
MAX_OVERLAPS = 1


@pytest.fixture(scope="module")
def corpus_page(tmp_path_factory) -> Path:
    from graphkit.build import build_graph

    out = tmp_path_factory.mktemp("corpus") / "corpus.html"
    return html.to_html(build_graph([CORPUS]), out)


@pytest.mark.browser
@requires_chromium
def test_corpus_labels_do_not_hide_each_other(chromium, corpus_page: Path) -> None:  # noqa: F811
    open_page(chromium, corpus_page)
    boxes = label_boxes(chromium)
    overlaps = label_overlaps(boxes)
    assert len(overlaps) <= MAX_OVERLAPS, overlaps
    # Not by hiding everything: every actor keeps its name, most stances their label.
    nodes = [b for b in boxes["labels"] if b["kind"] == "node"]
    assert len(nodes) == counts(chromium)["visibleNodes"]
    stance_ids = chromium.execute_script(
        "const d = JSON.parse(document.getElementById('gk-data').textContent).edges;"
        "return Object.keys(d).filter(id => !d[id].role);")
    labelled = {b["id"] for b in boxes["labels"] if b["kind"] == "edge"} & set(stance_ids)
    assert len(labelled) >= 0.5 * len(stance_ids), (len(labelled), len(stance_ids))
    # Readable at the default zoom: node names at 12 px or more, stance labels at 10 px.
    font = {b["id"]: px for b, px in zip(boxes["labels"], boxes["fontPx"], strict=True)}
    assert min(font[b["id"]] for b in nodes) >= 11.5
    assert min(font[i] for i in labelled) >= 9.5
    assert console_errors(chromium) == []


@pytest.mark.browser
@requires_chromium
def test_a_quiet_label_shows_on_hover(chromium, corpus_page: Path) -> None:  # noqa: F811
    open_page(chromium, corpus_page)
    quiet = chromium.execute_script(
        "return Object.keys(network.body.edges).filter(id => {"
        " const e = network.body.edges[id]; return !e.options.hidden"
        " && String(e.options.label).trim() === '' && e.connected; });")
    if not quiet:
        pytest.skip("every label found a free place on this layout")
    edge_id = quiet[0]
    full = chromium.execute_script(
        "const d = JSON.parse(document.getElementById('gk-data').textContent).edges;"
        "return d[arguments[0]].stances.map(s => s.label).join(', ');", edge_id)
    move_mouse(chromium, edge_point(chromium, edge_id))
    wait_for(chromium, "return network.body.edges[arguments[0]].options.label === arguments[1]",
             10, edge_id, full)
    move_mouse(chromium, {"x": 300, "y": 5})
    wait_for(chromium, "return String(network.body.edges[arguments[0]].options.label).trim()"
             " === ''", 10, edge_id)

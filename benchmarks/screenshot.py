"""Save a PNG of the interactive page for the README (``docs/graph.png`` by default).

Run by hand from the repository root::

    /work/venv/bin/python benchmarks/screenshot.py examples/venezuela_2019.txt   # the README's

GRAPH is anything ``graphkit.build.build_graph`` reads (articles, statements, RDF); without
one, a small made-up example of about fifteen actors is built from model objects. The page is
opened offline in headless Chromium, left to settle (labels placed, loading bar gone), and
photographed with one edge's evidence tooltip showing. It prints how many labels hide each
other (tests/browser.py's measure).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from browser import (  # noqa: E402
    label_boxes,
    label_overlaps,
    move_mouse,
    open_page,
    start_chromium,
    stop_chromium,
    wait_for,
)

from graphkit import html  # noqa: E402
from graphkit.graph import StanceGraph  # noqa: E402
from graphkit.model import Actor, ActorType, Evidence  # noqa: E402
from graphkit.ontology import make_stance  # noqa: E402

A = ActorType


def example_graph() -> StanceGraph:
    """A made-up crisis: two rival governments, their backers, and the bodies around them."""
    g = StanceGraph(
        [
            Actor("aland", "Aland", A.STATE, country="ALA"),
            Actor("borduria", "Borduria", A.STATE),
            Actor("carpania", "Carpania", A.STATE),
            Actor("daria", "Daria", A.STATE),
            Actor("elbonia", "Elbonia", A.STATE),
            Actor("syldavia", "Syldavia", A.STATE),
            Actor("ana_lind", "Ana Lind", A.PERSON, role="president", acts_for="borduria"),
            Actor("tomas_vey", "Tomas Vey", A.PERSON, role="opposition leader"),
            Actor("mark_osei", "Mark Osei", A.PERSON, role="secretary of state",
                  acts_for="aland"),
            Actor("aland_treasury", "Aland Treasury", A.GOVERNMENT_BODY, acts_for="aland"),
            Actor("regional_council", "Regional Council", A.INTERNATIONAL_ORGANIZATION),
            Actor("lima_forum", "Harbour Group", A.INTERNATIONAL_ORGANIZATION),
            Actor("border_guard", "Bordurian Army", A.ARMED_GROUP, acts_for="borduria"),
            Actor("unity_party", "Unity Party", A.POLITICAL_PARTY),
            Actor("state_tv", "Borduria State TV", A.MEDIA, acts_for="borduria"),
        ]
    )

    def say(article: str, sentence: str, day: int, trigger: str) -> Evidence:
        return Evidence(article, sentence, title=f"Report {article}",
                        date=date(2024, 1, day), trigger=trigger, confidence=0.85)

    stances = [
        ("aland", "recognizes", "tomas_vey",
         [say("a1", "Aland recognizes Tomas Vey as interim president.", 23, "recognizes")]),
        ("carpania", "recognizes", "tomas_vey",
         [say("a2", "Carpania recognized Vey the same afternoon.", 23, "recognized")]),
        ("lima_forum", "supports", "tomas_vey",
         [say("a2", "The Harbour Group backed Vey's claim.", 24, "backed")]),
        ("mark_osei", "threatens", "ana_lind",
         [say("a1", "Mark Osei warned that Ana Lind would face consequences.", 23, "warned"),
          say("a3", "Osei threatened Lind with further measures.", 25, "threatened")]),
        ("ana_lind", "cuts_ties", "aland",
         [say("a3", "Ana Lind broke off relations with Aland.", 23, "broke off relations")]),
        ("ana_lind", "expels", "aland",
         [say("a3", "Lind gave Aland's diplomats 72 hours to leave.", 23, "leave")]),
        ("daria", "supports", "ana_lind",
         [say("a4", "Daria stood by Ana Lind's government.", 24, "stood by")]),
        ("syldavia", "supports", "borduria",
         [say("a4", "Syldavia pledged support for Borduria.", 24, "support")]),
        ("daria", "criticizes", "aland",
         [say("a4", "Daria criticized Aland's interference.", 24, "criticized")]),
        ("aland_treasury", "sanctions", "borduria",
         [say("a5", "The Aland Treasury imposed sanctions on Borduria's oil firm.", 28,
              "sanctions")]),
        ("regional_council", "appeals", "borduria",
         [say("a5", "The Regional Council called on Borduria to hold talks.", 26, "called on")]),
        ("elbonia", "negotiates", "borduria",
         [say("a6", "Elbonia offered to mediate between the two sides.", 27, "mediate")]),
        ("border_guard", "supports", "ana_lind",
         [say("a6", "The army declared its loyalty to Lind.", 24, "loyalty")]),
        ("state_tv", "accuses", "tomas_vey",
         [say("a6", "State TV accused Vey of staging a coup.", 24, "accused")]),
        ("unity_party", "supports", "tomas_vey",
         [say("a7", "The Unity Party rallied behind Vey.", 23, "rallied behind")]),
        ("borduria", "member_of", "regional_council", []),
        ("aland", "member_of", "regional_council", []),
        ("tomas_vey", "leads", "unity_party", []),
    ]
    for subject, predicate, object, evidence in stances:
        g.add_stance(make_stance(subject, predicate, object, evidence=evidence))
    return g


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", nargs="?", type=Path)
    parser.add_argument("-o", "--output", type=Path, default=Path("docs/graph.png"))
    args = parser.parse_args()
    if args.graph:
        from graphkit.build import build_graph

        graph = build_graph([args.graph])
    else:
        graph = example_graph()
    page = Path(tempfile.mkdtemp(prefix="graphkit-shot-")) / "graph.html"
    html.to_html(graph, page, title="graphkit example: who stands with whom")
    driver = start_chromium(1400, 860)
    try:
        open_page(driver, page)
        # pyvis fades its loading bar out half a second after the layout.
        wait_for(driver, "const b = document.getElementById('loadingBar');"
                 "return !b || getComputedStyle(b).display === 'none'", 10)
        boxes = label_boxes(driver)
        print(f"{len(boxes['labels'])} labels drawn, {len(label_overlaps(boxes))} hide another")
        # Show the evidence tooltip of a well-attested edge (the most evidence, or at least
        # two sentences), pointed at where the tooltip covers the fewest actor names (tried
        # along each such edge, as the page places it).
        points = driver.execute_script(
            """
            const d = JSON.parse(document.getElementById('gk-data').textContent).edges;
            const count = e => e.stances.reduce((s, x) => s + x.evidence.length, 0);
            const ids = Object.keys(d).filter(id => !d[id].role);
            if (!ids.length) return [];
            const most = Math.max(...ids.map(id => count(d[id])));
            const box = document.getElementById('mynetwork').getBoundingClientRect();
            const out = [];
            for (const id of ids.filter(id => count(d[id]) >= Math.min(2, most))) {
              for (let i = 4; i <= 16; i += 2) {
                const p = network.canvasToDOM(network.body.edges[id].edgeType.getPoint(i / 20));
                out.push({x: box.left + p.x, y: box.top + p.y, n: count(d[id])});
              }
            }
            return out;
            """
        )
        frame = driver.execute_script(
            "return document.getElementById('mynetwork').getBoundingClientRect().toJSON()")
        # The label boxes are relative to the network's frame; the tooltip's to the window.
        shown = [(b["left"] + frame["left"], b["top"] + frame["top"],
                  b["right"] + frame["left"], b["bottom"] + frame["top"])
                 for b in boxes["labels"] if b["kind"] == "node"]
        best, fewest = None, None
        for point in points:
            # The page places its tooltip when the pointer enters the edge: leave it first.
            move_mouse(driver, {"x": 300, "y": 5})
            wait_for(driver, "return document.getElementById('gk-tooltip').hidden", 2)
            move_mouse(driver, point)
            try:
                wait_for(driver, "return !document.getElementById('gk-tooltip').hidden", 2)
            except TimeoutError:
                continue
            tip = driver.execute_script(
                "return document.getElementById('gk-tooltip').getBoundingClientRect().toJSON()")
            covered = sum(1 for left, top, right, bottom in shown
                          if left < tip["right"] and tip["left"] < right
                          and top < tip["bottom"] and tip["top"] < bottom)
            score = (covered, -point["n"])
            if fewest is None or score < fewest:
                best, fewest = point, score
        if best is not None:
            move_mouse(driver, {"x": 300, "y": 5})
            move_mouse(driver, best)
            wait_for(driver, "return !document.getElementById('gk-tooltip').hidden", 10)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(args.output))
    finally:
        stop_chromium(driver)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()

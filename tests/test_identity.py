"""Article identity end to end: one article read through several paths, a copy and standard
input is one named graph with one evidence per stance, in the embedded store and in a real
Oxigraph server; the path never becomes an identifier unless asked."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from servers import Server, oxigraph_server  # noqa: F401  (fixture)
from typer.testing import CliRunner

from graphkit import sparql_http, store
from graphkit.build import build_graph
from graphkit.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "venezuela_2019.txt"

COUNTS = """
PREFIX gk: <https://w3id.org/graphkit/ontology#>
SELECT (COUNT(DISTINCT ?g) AS ?graphs) (COUNT(DISTINCT ?e) AS ?evidence)
       (MAX(?n) AS ?most) (SUM(?n) AS ?counted)
WHERE { GRAPH ?g { ?a a gk:Article . ?e gk:article ?a . ?s gk:evidenceCount ?n } }
"""
PATHS = """
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?id WHERE { GRAPH ?g { ?a dcterms:identifier ?id } }
"""


@pytest.fixture
def ways(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Three paths to the example (absolute, relative, through ``..``) and a copy."""
    here = tmp_path / "work" / "news"
    here.mkdir(parents=True)
    shutil.copy(EXAMPLE, here / "venezuela_2019.txt")
    copy = tmp_path / "copy of the story.txt"
    shutil.copy(EXAMPLE, copy)
    monkeypatch.chdir(here)
    return [str(here / "venezuela_2019.txt"), "venezuela_2019.txt",
            os.path.join("..", "news", "venezuela_2019.txt"), str(copy)]


def load(args: list[str], stdin: bytes | None = None) -> None:
    result = CliRunner().invoke(app, ["store", "load", *args, "--no-ontology"], input=stdin)
    assert result.exit_code == 0, result.output


def single(rows: store.QueryResult) -> dict[str, str | None]:
    (row,) = rows.values()
    return row


def test_one_build_of_every_way_in_has_one_evidence_each(ways: list[str]) -> None:
    alone = build_graph([EXAMPLE])
    together = build_graph(ways)
    assert together == alone
    assert {e.article for e in together.evidence()} == {e.article for e in alone.evidence()}
    assert [d["count"] for *_, d in together.nx.edges(data=True)] == [
        d["count"] for *_, d in alone.nx.edges(data=True)]


def test_embedded_store_holds_one_graph_whatever_the_path(ways: list[str],
                                                            tmp_path: Path) -> None:
    db = tmp_path / "kg"
    for way in ways:
        load([way, "--db", str(db)])
    load(["-", "--db", str(db)], stdin=EXAMPLE.read_bytes())
    load([*ways, "-", "--db", str(db)], stdin=EXAMPLE.read_bytes())
    kg = store.open_store(db)
    counts = single(store.query(kg, COUNTS))
    reference = store.open_store(tmp_path / "reference")
    store.load(reference, store.prepare_sources([str(EXAMPLE)], tmp_path), ontology=False)
    assert counts == single(store.query(reference, COUNTS))
    assert counts["graphs"] == "1"
    identifiers = store.query(kg, PATHS).column("id")
    assert identifiers and not any("venezuela" in str(i) or "/" in str(i) for i in identifiers)


def test_path_ids_only_on_request(ways: list[str], tmp_path: Path) -> None:
    db = tmp_path / "kg"
    load([ways[0], ways[3], "--db", str(db), "--path-ids"])
    kg = store.open_store(db)
    assert sorted(store.query(kg, PATHS).column("id")) == sorted([ways[0], ways[3]])
    assert single(store.query(kg, COUNTS))["graphs"] == "2"


def test_two_different_pipes_are_two_graphs(tmp_path: Path) -> None:
    db = tmp_path / "kg"
    load(["-", "--db", str(db)], stdin=EXAMPLE.read_bytes())
    load(["-", "--db", str(db)], stdin=b"Chile recalled its ambassador from Peru.\n")
    assert single(store.query(store.open_store(db), COUNTS))["graphs"] == "2"


@pytest.mark.server
def test_oxigraph_server_holds_one_graph_whatever_the_path(
    oxigraph_server: Server, ways: list[str]  # noqa: F811
) -> None:
    url = oxigraph_server.base + "/store"
    for way in ways:
        load([way, "--endpoint", url])
    load(["-", "--endpoint", url], stdin=EXAMPLE.read_bytes())
    endpoint = sparql_http.Endpoint.from_options(url)
    counts = single(sparql_http.query(endpoint, COUNTS))
    alone = build_graph([EXAMPLE])
    assert counts["graphs"] == "1"
    assert counts["evidence"] == str(len(set(alone.evidence())))
    assert counts["most"] == str(max(d["count"] for *_, d in alone.nx.edges(data=True)))
    identifiers = sparql_http.query(endpoint, PATHS).column("id")
    assert identifiers and not any("venezuela" in str(i) for i in identifiers)

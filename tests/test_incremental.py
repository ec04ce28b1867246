"""Incremental store updates: `graphkit store load --incremental` skips the articles a store
holds unchanged (without extracting them again), adds the new and replaces the changed ones, in
the embedded store and in a real Oxigraph server."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from servers import Server, oxigraph_server  # noqa: F401  (fixture)
from typer.testing import CliRunner

from graphkit import sparql_http, store
from graphkit.cli import app
from graphkit.extract import pipeline

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
ADDED = "\n\nChile condemned Argentina over the dispute on Friday.\n"

SNAPSHOT = """
PREFIX gk: <https://w3id.org/graphkit/ontology#>
SELECT ?g ?sentence WHERE { GRAPH ?g { ?e gk:sentence ?sentence } } ORDER BY ?g ?sentence
"""
GRAPHS = """
PREFIX gk: <https://w3id.org/graphkit/ontology#>
SELECT DISTINCT ?g WHERE { GRAPH ?g { ?g gk:contentHash ?h } } ORDER BY ?g
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for path in sorted(CORPUS.glob("*.txt"))[:4]:
        # With a URL an article keeps its identity when its text is edited (by its text
        # alone, an edited article would be another article).
        url = f"URL: https://news.example.org/{path.stem}\n"
        (folder / path.name).write_text(url + path.read_text())
    (folder / "quiet.txt").write_text("Rain fell over the coast all week.\n")
    return folder


@pytest.fixture
def extracted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the articles extracted, in order."""
    seen: list[str] = []
    real = pipeline.Extractor.extract

    def counting(self, article):
        seen.append(article.source)
        return real(self, article)

    monkeypatch.setattr(pipeline.Extractor, "extract", counting)
    return seen


def load(target: list[str], *inputs: Path | str) -> str:
    result = CliRunner().invoke(app, ["store", "load", *map(str, inputs), *target,
                                      "--incremental", "--no-ontology"])
    assert result.exit_code == 0, result.output
    return result.output


def counts(output: str) -> tuple[int, int, int]:
    def number(label: str) -> int:
        line = next(line for line in output.splitlines() if label in line)
        return int(line.replace("│", " ").split()[-1])

    return (number("articles new"), number("articles changed"), number("articles unchanged"))


def change(corpus: Path) -> tuple[Path, Path]:
    changed = sorted(corpus.glob("0*.txt"))[1]
    changed.write_text(changed.read_text() + ADDED)
    added = CORPUS / sorted(p.name for p in CORPUS.glob("*.txt"))[5]
    shutil.copy(added, corpus / added.name)
    return changed, corpus / added.name


def run_updates(target: list[str], corpus: Path, extracted: list[str], ask) -> None:
    assert counts(load(target, corpus)) == (5, 0, 0)
    assert len(extracted) == 5
    first = ask(SNAPSHOT)
    graphs = ask(GRAPHS)
    assert len(graphs) == 5
    extracted.clear()
    assert counts(load(target, corpus)) == (0, 0, 5)
    assert extracted == [] and ask(SNAPSHOT) == first
    changed, added = change(corpus)
    assert counts(load(target, corpus)) == (1, 1, 4)
    assert sorted(extracted) == sorted([str(changed), str(added)])
    after = ask(SNAPSHOT)
    assert len(ask(GRAPHS)) == 6
    assert any("Chile condemned Argentina" in row["sentence"] for row in after)
    # the changed article's graph was replaced, not added to: as a fresh load of the folder
    fresh = corpus.parent / "fresh"
    CliRunner().invoke(app, ["store", "load", str(corpus), "--db", str(fresh), "--no-ontology"])
    assert after == store.query(store.open_store(fresh), SNAPSHOT).values()
    assert after != first


def test_embedded_store_update(corpus: Path, extracted: list[str], tmp_path: Path) -> None:
    db = tmp_path / "kg"

    def ask(sparql: str) -> list[dict]:
        return store.query(store.open_store(db), sparql).values()

    run_updates(["--db", str(db)], corpus, extracted, ask)


def test_incremental_wants_articles(tmp_path: Path) -> None:
    statements = ROOT / "examples" / "statements.csv"
    result = CliRunner().invoke(app, ["store", "load", str(statements), "--db",
                                      str(tmp_path / "kg"), "--incremental"])
    assert result.exit_code == 2 and "articles only" in result.output


@pytest.mark.server
def test_oxigraph_server_update(oxigraph_server: Server, corpus: Path,  # noqa: F811
                                extracted: list[str]) -> None:
    url = oxigraph_server.base + "/store"
    endpoint = sparql_http.Endpoint.from_options(url)

    def ask(sparql: str) -> list[dict]:
        return sparql_http.query(endpoint, sparql).values()

    run_updates(["--endpoint", url], corpus, extracted, ask)

"""The command line, end to end: build, export, stats, validate, and how bad input fails."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from typer.testing import CliRunner

from graphkit import rdf
from graphkit.cli import app

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
STATEMENTS = EXAMPLES / "statements.csv"
GK = "https://w3id.org/graphkit/ontology#"
runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build") / "seed.ttl"
    result = invoke("build", STATEMENTS, "-o", out)
    assert result.exit_code == 0, result.output
    assert "stances" in result.output
    return out


def recognizers(path: Path, fmt: pyoxigraph.RdfFormat) -> set[tuple[str, str]]:
    store = pyoxigraph.Store()
    store.load(path=str(path), format=fmt)
    query = f"SELECT ?s ?o WHERE {{ GRAPH ?g {{ ?s <{GK}recognizes> ?o }} }}"
    union = f"SELECT ?s ?o WHERE {{ ?s <{GK}recognizes> ?o }}"
    rows = set()
    for q in (query, union):
        rows |= {(r["s"].value, r["o"].value) for r in store.query(q)}
    return rows


def test_build_writes_turtle_that_answers_sparql(built: Path) -> None:
    rows = recognizers(built, pyoxigraph.RdfFormat.TURTLE)
    assert any(s.endswith("/united_states") and o.endswith("/juan_guaido") for s, o in rows)


def test_validate_accepts_our_output(built: Path) -> None:
    result = invoke("validate", built)
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".nq", ".trig", ".jsonld", ".rdf"])
def test_export_every_format_reads_back_equal(built: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"graph{suffix}"
    result = invoke("export", built, "-o", out)
    assert result.exit_code == 0, result.output
    assert rdf.read(out) == rdf.read(built)


def test_stats_prints_counts(built: Path) -> None:
    result = invoke("stats", built)
    assert result.exit_code == 0
    assert "recognizes" in result.output
    assert "actors" in result.output


def test_bad_statement_exits_2_names_line_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("subject,predicate,object\nRussia,supports,China\nAtlantis,attacks,Peru\n")
    out = tmp_path / "out.ttl"
    out.write_text("previous content\n")
    result = invoke("build", bad, "-o", out)
    assert result.exit_code == 2
    assert f"{bad}:3" in result.output
    assert out.read_text() == "previous content\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_missing_input_and_bad_rdf(tmp_path: Path) -> None:
    result = invoke("build", tmp_path / "nope.csv", "-o", tmp_path / "x.ttl")
    assert result.exit_code == 2
    assert "nope.csv" in result.output
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b .\n")
    result = invoke("stats", broken)
    assert result.exit_code == 2
    assert "broken.ttl" in result.output


def test_validate_rejects_malformed_data(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        f"@prefix gk: <{GK}> .\n"
        "<https://w3id.org/graphkit/id/actor/x> a gk:State .\n"  # an actor with no label
    )
    result = invoke("validate", bad)
    assert result.exit_code == 1


@pytest.mark.parametrize(
    "command",
    ["build", "export", "stats", "validate", "extract", "eval", "html", "query", "store",
     "store load"],
)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = invoke(*command.split(), "--help")
    assert result.exit_code == 0
    assert "Example" in result.output

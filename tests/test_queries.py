"""The named query library: headers, listing, and binding parameters safely."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from graphkit import queries
from graphkit.errors import InputError

REQUIRED = {"supports", "opposes", "between", "matrix", "recognition", "evidence", "paths"}


def test_the_library_has_the_queries_analysts_ask():
    library = queries.load_queries()
    assert set(library) >= REQUIRED
    opposes = library["opposes"]
    assert [(p.name, p.kind, p.required) for p in opposes.parameters] == [
        ("actor", "actor", True)]
    assert opposes.signature() == "opposes actor=<actor>"
    assert library["evidence"].parameter("type").default == "stance"
    assert "rdfs:subPropertyOf*" in opposes.text


def test_actor_names_resolve_through_the_gazetteer():
    assert queries.resolve_actor("the U.S.").value.endswith("/actor/united_states")
    assert queries.resolve_actor("Russian Federation").value.endswith("/actor/russia")
    assert queries.resolve_actor("russia").value.endswith("/actor/russia")


@pytest.mark.parametrize("hostile", [
    'Russia" } UNION { ?s ?p ?o } #',
    "Russia> <x",
    "}}}; DROP ALL",
    "a\\\"b\n}",
])
def test_hostile_values_stay_values(hostile: str):
    named = queries.load_queries()["evidence"]
    text = queries.bind(named, {"holder": hostile, "target": "china", "text": hostile})
    # Still one valid query, with the text as one literal and the actor as one slug IRI.
    parsed_ok = ox.Store().query(text)
    assert list(parsed_ok) == []
    values = text[text.index("VALUES"):].split("\n", 1)[0]
    assert str(ox.Literal(hostile)) in values
    assert values.count("<https://w3id.org/graphkit/id/actor/") == 2


def test_unknown_stance_type_is_an_input_error():
    named = queries.load_queries()["evidence"]
    with pytest.raises(InputError, match="not a stance type"):
        queries.bind(named, {"holder": "russia", "target": "china", "type": "gk:opposes> ?x"})


def test_optional_parameters_are_undef():
    text = queries.bind(queries.load_queries()["recognition"], {})
    assert "VALUES (?state ?recognizer) { (UNDEF UNDEF) }" in text


def test_user_folder_and_bad_headers(tmp_path: Path):
    (tmp_path / "mine.rq").write_text(
        "# name: mine\n# description: test\n# param: who actor -- someone\n"
        "SELECT ?x WHERE { ?who ?p ?x }\n")
    assert queries.load_queries(tmp_path)["mine"].parameters[0].name == "who"
    (tmp_path / "bad.rq").write_text("# name: bad\n# param: x colour -- ?\nSELECT * WHERE {}\n")
    with pytest.raises(InputError, match="unknown parameter kind"):
        queries.load_queries(tmp_path)
    (tmp_path / "bad.rq").write_text("# name: bad\nSELECT * WHERE { ?s }\n")
    with pytest.raises(InputError, match="invalid SPARQL"):
        queries.load_queries(tmp_path)

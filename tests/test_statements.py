"""Curated statements: CSV and YAML rows become stances; bad rows name the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphkit.errors import InputError
from graphkit.graph import StanceGraph
from graphkit.model import ActorType, Polarity
from graphkit.statements import apply_curation, load_statements


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_row_resolves_names_through_the_gazetteer(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "s.csv",
        "subject,predicate,object,date,source,quote\n"
        "U.S.,recognizes,Juan Guaido,2019-01-23,desk notes,Washington backs the assembly leader\n",
    )
    graph = load_statements(path).graph
    stance = graph.stance("united_states", "recognizes", "juan_guaido")
    assert stance.polarity is Polarity.COOPERATION
    assert stance.date.isoformat() == "2019-01-23"
    (evidence,) = stance.evidence
    assert evidence.article == "desk notes"
    assert evidence.sentence == "Washington backs the assembly leader"
    assert evidence.extractor == "curated"
    assert graph.actor("juan_guaido").type is ActorType.PERSON


def test_person_brings_the_state_they_act_for(tmp_path: Path) -> None:
    path = write(tmp_path, "s.csv", "subject,predicate,object\nSergey Lavrov,criticizes,NATO\n")
    graph = load_statements(path).graph
    assert graph.actor("sergey_lavrov").acts_for == "russia"
    assert graph.has_actor("russia")


def test_unknown_actor_names_file_and_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "s.csv",
        "subject,predicate,object\nRussia,supports,Venezuela\nNowhereland,threatens,Russia\n",
    )
    with pytest.raises(InputError) as info:
        load_statements(path)
    assert info.value.line == 3
    assert str(path) in str(info.value)
    assert "Nowhereland" in str(info.value)


def test_row_may_declare_a_new_actor(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "s.csv",
        "subject,predicate,object,subject_type\nIvan Petrenko,criticizes,Russia,Person\n",
    )
    graph = load_statements(path).graph
    assert graph.actor("ivan_petrenko").type is ActorType.PERSON
    assert graph.has_stance("ivan_petrenko", "criticizes", "russia")


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Russia,befriends,China,", "unknown stance type"),
        ("Russia,supports,China,27/03/2019", "not a date"),
        ("Russia,supports,,2019-01-01", "missing object"),
    ],
)
def test_bad_rows(tmp_path: Path, row: str, message: str) -> None:
    path = write(tmp_path, "s.csv", f"subject,predicate,object,date\n{row}\n")
    with pytest.raises(InputError, match=message) as info:
        load_statements(path)
    assert info.value.line == 2


def test_unknown_column_and_empty_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown column"):
        load_statements(write(tmp_path, "a.csv", "subject,verb,object\nA,B,C\n"))
    with pytest.raises(InputError, match="empty"):
        load_statements(write(tmp_path, "b.csv", "\n"))


YAML = """\
actors:
  - id: ana_reyes
    label: Ana Reyes
    type: Person
    acts_for: Venezuela
    role: Ambassador
aliases:
  - {actor: United States, alias: Uncle Sam}
statements:
  - subject: Ana Reyes
    predicate: criticizes
    object: Uncle Sam
    date: 2020-05-01
    quote: The ambassador faulted Washington.
suppress:
  - {subject: China, predicate: supports, object: Russia}
"""


def test_yaml_declares_actors_aliases_and_suppressions(tmp_path: Path) -> None:
    curation = load_statements(write(tmp_path, "c.yaml", YAML))
    graph = curation.graph
    assert graph.actor("ana_reyes").country == "VEN"
    assert graph.has_stance("ana_reyes", "criticizes", "united_states")
    assert curation.suppressed == [("china", "supports", "russia")]


def test_suppression_removes_an_edge_from_another_source(tmp_path: Path) -> None:
    found = load_statements(
        write(tmp_path, "found.csv", "subject,predicate,object\nChina,supports,Russia\n")
    ).graph
    assert found.has_stance("china", "supports", "russia")
    curation = load_statements(write(tmp_path, "fix.yaml", YAML))
    merged = apply_curation(StanceGraph().merge(found), curation)
    assert not merged.has_stance("china", "supports", "russia")
    assert merged.has_stance("ana_reyes", "criticizes", "united_states")
    assert "Uncle Sam" in merged.actor("united_states").aliases


def test_yaml_error_has_the_line(tmp_path: Path) -> None:
    text = "statements:\n  - subject: Russia\n    predicate: supports\n    object: Atlantis\n"
    with pytest.raises(InputError) as info:
        load_statements(write(tmp_path, "d.yaml", text))
    assert info.value.line == 2
    with pytest.raises(InputError, match="not valid YAML"):
        load_statements(write(tmp_path, "e.yaml", "statements: [\n"))


def test_bundled_statements_example_loads() -> None:
    example = Path(__file__).resolve().parent.parent / "examples" / "statements.csv"
    graph = load_statements(example).graph
    assert graph.has_stance("united_states", "recognizes", "juan_guaido")
    assert graph.has_stance("donald_trump", "threatens", "russia")
    assert graph.number_of_stances() == 11

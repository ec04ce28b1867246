"""The ontology file and its reader: stance types, hierarchy, polarity, codes."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from graphkit.errors import InputError
from graphkit.model import ActorType, Evidence, Polarity
from graphkit.ontology import GK, load_ontology, make_stance
from graphkit.resources import ontology_file

DESIGN = Path(__file__).resolve().parent.parent / "docs" / "DESIGN.md"

PLOVER = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}


def design_table() -> list[tuple[str, str, str, str | None, str | None]]:
    """The stance type table of docs/DESIGN.md: name, parent, polarity, CAMEO, PLOVER."""
    rows = []
    for line in DESIGN.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 5 and re.fullmatch(r"[a-z_]+", cells[0]) and cells[0] != "name":
            name, parent, polarity, cameo, plover = cells
            rows.append((name, parent, polarity,
                         None if cameo == "-" else cameo, None if plover == "-" else plover))
    return rows


@pytest.fixture(scope="module")
def ont():
    return load_ontology()


def test_design_table_is_read():
    assert len(design_table()) >= 36


@pytest.mark.parametrize("row", design_table(), ids=lambda r: r[0])
def test_every_design_type_matches_the_ontology(ont, row):
    name, parent, polarity, cameo, plover = row
    kind = ont[name]
    assert kind.parent == parent
    assert kind.polarity is Polarity(polarity)
    roots = [r.strip() for r in cameo.split(",")] if cameo else []
    assert kind.cameo == (roots[0] if roots else None)
    assert kind.cameo_roots == frozenset(roots)
    assert kind.plover == plover
    assert kind.definition and kind.label


def test_tops_have_no_parent(ont):
    assert ont["stance"].parent is None
    assert ont["role"].parent is None


def test_every_plover_type_and_cameo_root_is_reachable(ont):
    assert {t.plover for t in ont.types.values() if t.plover} == PLOVER
    assert {t.cameo for t in ont.types.values() if t.cameo} == {f"{i:02d}" for i in range(1, 21)}


def test_goldstein_agrees_with_polarity(ont):
    for kind in ont.types.values():
        assert -10.0 <= kind.goldstein <= 10.0
        if kind.polarity is Polarity.CONFLICT:
            assert kind.goldstein < 0, kind.name
        if kind.polarity is Polarity.COOPERATION:
            assert kind.goldstein > 0, kind.name
    assert ont["threatens"].goldstein == -7.0
    assert ont["recognizes"].goldstein == 6.0


def test_hierarchy(ont):
    assert ont.ancestors("expels") == ["cuts_ties", "opposes", "stance"]
    assert ont.ancestors("stance") == []
    assert ont.is_a("threatens", "opposes")
    assert ont.is_a("recognizes", "supports")
    assert not ont.is_a("recognizes", "opposes")
    assert ont.is_a("opposes", "opposes")
    assert ont.descendants("attacks") == {"attacks", "intervenes", "fights",
                                          "commits_mass_violence"}
    assert "attacks" not in ont.descendants("attacks", include_self=False)
    assert ont.descendants("stance") | ont.descendants("role") == set(ont.types)
    assert ont.role_predicates == {"role", "acts_for", "leads", "spokesperson_of", "member_of"}
    assert not ont.descendants("stance") & ont.role_predicates


def test_unknown_type_names_close_ones(ont):
    with pytest.raises(KeyError, match="threatens"):
        ont["threaten"]
    assert "threaten" not in ont
    assert "threatens" in ont
    with pytest.raises(KeyError):
        ont.descendants("nothing_like_it")


def test_make_stance_fills_polarity_and_intensity():
    ev = Evidence(article="a1", sentence="X recognised Y.")
    s = make_stance("x", "recognizes", "y", date=date(2019, 1, 23), evidence=[ev])
    assert (s.polarity, s.intensity, s.date, s.evidence) == (
        Polarity.COOPERATION, 6.0, date(2019, 1, 23), (ev,))
    assert make_stance("x", "sanctions", "y").polarity is Polarity.CONFLICT
    with pytest.raises(KeyError):
        make_stance("x", "loves", "y")


def test_default_ontology_is_cached():
    assert load_ontology() is load_ontology()


def test_owl_structure_parses_in_rdflib_and_pyoxigraph():
    path = ontology_file("graphkit.ttl")
    graph = rdflib.Graph().parse(path)
    quads = list(pyoxigraph.parse(path=str(path)))
    assert len(quads) == len(graph)
    for actor_type in ActorType:
        cls = GK[actor_type.value]
        assert (cls, RDF.type, OWL.Class) in graph
        assert GK.Actor in set(graph.transitive_objects(cls, RDFS.subClassOf))
    for cls in ("Stance", "Evidence", "Article", "StanceType"):
        assert (GK[cls], RDF.type, OWL.Class) in graph
    for name in load_ontology().types:
        assert (GK[name], RDF.type, OWL.ObjectProperty) in graph
        assert (GK[name], RDF.type, GK.StanceType) in graph


def test_custom_ontology_file(tmp_path):
    extra = tmp_path / "more.ttl"
    extra.write_text(
        ontology_file("graphkit.ttl").read_text(encoding="utf-8")
        + "\ngk:blockades a owl:ObjectProperty , gk:StanceType ;\n"
        "    rdfs:subPropertyOf gk:coerces ; gk:polarity gk:conflict ; gk:goldstein -9.5 ;\n"
        '    gk:cameoRoot "17" ; gk:ploverType "COERCE" .\n',
        encoding="utf-8",
    )
    ont = load_ontology(extra)
    assert ont.ancestors("blockades") == ["coerces", "opposes", "stance"]
    assert ont["blockades"].label == "blockades"
    assert "blockades" in ont.descendants("opposes")
    assert "blockades" not in load_ontology()


def test_bad_ontology_file_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix gk: <https://w3id.org/graphkit/ontology#> .\n\ngk:a gk:b .\n",
                   encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_ontology(bad)
    assert info.value.source == str(bad)
    assert info.value.line == 3

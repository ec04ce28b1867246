"""SHACL: graphkit's own output conforms; each kind of malformed data is rejected."""

from __future__ import annotations

from datetime import date

import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from rdflib import RDF, RDFS, XSD, Literal, Namespace, URIRef
from test_rdf import stance_graphs

from graphkit import rdf
from graphkit.errors import InputError
from graphkit.graph import StanceGraph
from graphkit.model import Actor, ActorType, Evidence
from graphkit.ontology import make_stance
from graphkit.validate import validate

GK = Namespace(rdf.GK)
PROV = Namespace("http://www.w3.org/ns/prov#")


@pytest.fixture()
def graph() -> StanceGraph:
    g = StanceGraph([
        Actor("united_states", "United States", ActorType.STATE, wikidata="Q30", country="USA"),
        Actor("juan_guaido", "Juan Guaidó", ActorType.PERSON, acts_for="venezuela"),
        Actor("venezuela", "Venezuela", ActorType.STATE),
    ])
    g.add_stance(make_stance("united_states", "recognizes", "juan_guaido", evidence=[
        Evidence("a1", "The US recognised Guaidó.", title="T", date=date(2019, 1, 23),
                 published=date(2019, 1, 23), start=3, end=29, speaker="united_states",
                 confidence=0.8)]))
    return g


@pytest.fixture()
def data(graph) -> rdflib.Graph:
    return rdflib.Graph().parse(data=rdf.dumps(graph, "nt"), format="nt")


STANCE = URIRef(rdf.stance_iri("united_states", "recognizes", "juan_guaido"))
USA = URIRef(rdf.actor_iri("united_states"))


def evidence_node(data: rdflib.Graph) -> URIRef:
    return next(iter(data.objects(STANCE, PROV.wasDerivedFrom)))


def assert_rejected(data: rdflib.Graph, *words: str) -> None:
    conforms, report = validate(data)
    assert not conforms
    for word in words:
        assert word in report, report


def test_graphkit_output_conforms(graph, data):
    conforms, report = validate(graph)
    assert conforms, report
    assert validate(data)[0]


@pytest.mark.parametrize("fmt", sorted(rdf.FORMATS))
def test_written_files_conform(graph, tmp_path, fmt):
    out = tmp_path / f"g{rdf.FORMATS[fmt].suffixes[0]}"
    rdf.write(graph, out)
    conforms, report = validate(out)
    assert conforms, report


def test_dataset_is_validated_as_union(graph):
    assert validate(rdf.to_rdflib(graph))[0]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(g=stance_graphs(all_evidenced=True))
def test_generated_graphs_conform(g):
    conforms, report = validate(g)
    assert conforms, report


def test_rejects_stance_without_evidence(data):
    data.remove((STANCE, PROV.wasDerivedFrom, None))
    assert_rejected(data, "needs at least one gk:Evidence")


def test_rejects_graphkit_graph_with_unevidenced_stance(graph):
    graph.add_stance(make_stance("venezuela", "rejects", "united_states"))
    assert not validate(graph)[0]


def test_rejects_actor_without_label(data):
    data.remove((USA, RDFS.label, None))
    assert_rejected(data, "rdfs:label", str(USA))


def test_rejects_actor_without_type(data):
    data.remove((USA, RDF.type, None))
    assert_rejected(data, "must be typed", str(USA))


def test_rejects_actor_with_a_non_actor_type(data):
    data.remove((USA, RDF.type, None))
    data.add((USA, RDF.type, GK.Stance))
    assert not validate(data)[0]


@pytest.mark.parametrize("bad", [
    Literal("2019-02-30", datatype=XSD.date),
    Literal("yesterday", datatype=XSD.date),
    Literal("2019-01-23"),
    Literal("2019-01-23T10:00:00", datatype=XSD.dateTime),
])
def test_rejects_dates_that_are_not_xsd_dates(data, bad):
    data.set((STANCE, GK.date, bad))
    assert_rejected(data, "xsd:date")
    node = evidence_node(data)
    data.set((STANCE, GK.date, Literal(date(2019, 1, 23))))
    assert validate(data)[0]
    data.set((node, GK.date, bad))
    assert_rejected(data, "xsd:date")


def test_rejects_unknown_stance_type(data):
    data.set((STANCE, GK.stanceType, GK.loves))
    data.add((USA, GK.loves, URIRef(rdf.actor_iri("juan_guaido"))))
    assert_rejected(data, "declared in the ontology")


def test_rejects_stance_node_without_direct_triple(data):
    data.remove((USA, GK.recognizes, None))
    assert_rejected(data, "direct triple")


@pytest.mark.parametrize("value", [1.5, -0.1])
def test_rejects_confidence_outside_unit_interval(data, value):
    node = evidence_node(data)
    data.set((node, GK.confidence, Literal(value, datatype=XSD.double)))
    assert_rejected(data, "[0, 1]")
    data.set((node, GK.confidence, Literal(0.5, datatype=XSD.double)))
    data.set((STANCE, GK.confidence, Literal(value, datatype=XSD.double)))
    assert_rejected(data, "[0, 1]")


def test_rejects_evidence_without_article(data):
    data.remove((evidence_node(data), GK.article, None))
    assert_rejected(data, "gk:Article")


def test_validate_bad_file_names_line(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix gk: <https://w3id.org/graphkit/ontology#> .\ngk:a gk:b\n",
                   encoding="utf-8")
    with pytest.raises(InputError) as info:
        validate(bad)
    assert info.value.source == str(bad)
    assert info.value.line is not None

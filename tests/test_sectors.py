"""Sector actors (a country plus a sector, as CAMEO codes them) through the model, the RDF,
the SHACL shapes, the page and the roll-up."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
import rdflib

from graphkit import html, rdf
from graphkit.analysis import principals, roll_up
from graphkit.graph import StanceGraph
from graphkit.model import Actor, ActorType, Evidence
from graphkit.ontology import make_stance
from graphkit.resources import ontology_file
from graphkit.validate import validate

GK = rdflib.Namespace(rdf.GK)


def sector_graph() -> StanceGraph:
    graph = StanceGraph([
        Actor("ruritania", "Ruritania", ActorType.STATE, country="RUR"),
        Actor("ruritania_police", "Ruritanian police", ActorType.GOVERNMENT_BODY,
              country="RUR", cameo="RURCOP", acts_for="ruritania", sector="COP"),
        Actor("ruritania_rebels", "Ruritanian rebels", ActorType.ARMED_GROUP,
              country="RUR", cameo="RURREB", sector="REB"),
        Actor("ruritania_protesters", "Ruritanian protesters", ActorType.ORGANIZATION,
              country="RUR", cameo="RURACT", sector="ACT"),
    ])
    evidence = [Evidence("a1", "Police fought rebels.", date=date(2024, 3, 1))]
    graph.add_stance(make_stance("ruritania_police", "fights", "ruritania_rebels",
                                 evidence=evidence))
    graph.add_stance(make_stance("ruritania_police", "coerces", "ruritania_protesters",
                                 evidence=evidence))
    return graph


def test_sector_codes_are_checked():
    with pytest.raises(ValueError, match="sector"):
        Actor("x", "X", ActorType.ORGANIZATION, sector="rebels")
    old = Actor("x", "X", ActorType.ORGANIZATION)
    assert old.sector is None
    assert old.merged_with(Actor("x", "X", ActorType.ORGANIZATION, sector="REB")).sector == "REB"


@pytest.mark.parametrize("fmt", ["ttl", "nt", "trig", "jsonld", "xml"])
def test_sector_round_trips_through_rdf(fmt):
    graph = sector_graph()
    back = rdf.read(io.BytesIO(rdf.dumps(graph, fmt).encode("utf-8")), fmt)
    assert back == graph
    assert back.actor("ruritania_rebels").sector == "REB"
    assert back.actor("ruritania_police").acts_for == "ruritania"


def test_sector_is_an_ontology_individual_and_conforms():
    data = rdflib.Graph().parse(data=rdf.dumps(sector_graph(), "nt"), format="nt")
    rebels = rdflib.URIRef(rdf.actor_iri("ruritania_rebels"))
    assert data.value(rebels, GK.sector) == GK.sectorREB
    conforms, report = validate(sector_graph())
    assert conforms, report
    # A sector that the ontology does not declare is refused.
    data.set((rebels, GK.sector, GK.sectorXYZ))
    conforms, report = validate(data)
    assert not conforms
    assert "gk:sector" in report


def test_every_sector_of_the_lexicon_is_in_the_ontology():
    import yaml

    onto = rdflib.Graph().parse(ontology_file("graphkit.ttl"), format="turtle")
    declared = {str(onto.value(s, GK.sectorCode)): onto.value(s, GK.stateSector).toPython()
                for s in onto.subjects(rdflib.RDF.type, GK.Sector)}
    sectors = yaml.safe_load(ontology_file("lexicon/sectors.yaml").read_text("utf-8"))
    for code, spec in sectors["sectors"].items():
        assert code in declared, code
        assert declared[code] is bool(spec["state"]), code


def test_roll_up_folds_state_sectors_only():
    graph = sector_graph()
    assert principals(graph) == {"ruritania_police": "ruritania"}
    # Even when organisations and armed groups are asked to fold, non-state sectors stay.
    wide = principals(graph, types=list(ActorType))
    assert "ruritania_rebels" not in wide and "ruritania_protesters" not in wide
    keys = {s.key for s in roll_up(graph).stances()}
    assert keys == {("ruritania", "fights", "ruritania_rebels"),
                    ("ruritania", "coerces", "ruritania_protesters")}


def test_page_marks_sector_actors():
    page = html.to_html_string(sector_graph())
    assert "borderDashes" in page
    match = re.search(r'"ruritania_rebels":\s*\{[^}]*"sector":\s*"REB"', page)
    assert match, "the side panel data carries the sector"


def test_nodes_frame_has_the_sector():
    frame = sector_graph().nodes_frame()
    assert frame.loc["ruritania_police", "sector"] == "COP"

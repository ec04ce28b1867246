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


# -- reading the countryless collectives, stance prefixes and groupings in text ---------------
# (sentences written for these tests)

@pytest.fixture(scope="module")
def ex():
    from graphkit.extract.pipeline import Extractor

    return Extractor()


def _read(ex, text: str):
    from graphkit.ingest import Article

    result = ex.extract(Article(id="t", text=text))
    return {s.key for s in result.stances}, result.actors


def _mentions(ex, text: str) -> list[tuple[str, str]]:
    return _found(ex, text)[0]


def _found(ex, text: str):
    """The mentions of ``text`` (as written, actor id) and the actors they name."""
    from graphkit.extract.actors import ArticleContext

    ctx = ArticleContext()
    doc = ex.nlp(text)
    found = ex.actors.find(doc, ctx)
    return ([(doc[m.start:m.end].text, m.actor) for m in found],
            {m.actor: ex.actors.actor(m.actor, ctx) for m in found})


@pytest.mark.parametrize(("text", "actor", "sector"), [
    ("Jihadist groups ambushed a convoy near the border.", "jihadists", "REB"),
    ("Islamist militias shelled the port overnight.", "jihadists", "REB"),
    ("Terrorists bombed a market in the capital.", "terrorists", "REB"),
    ("Insurgents seized two villages.", "rebels", "REB"),
    ("Mercenaries guarded the gold mines.", "mercenaries", "UAF"),
    ("Aid agencies warned of famine.", "ngos", "NGO"),
    ("NGOs criticised the new law.", "ngos", "NGO"),
    ("Activists gathered outside the court.", "activists", "ACT"),
])
def test_countryless_collectives(ex, text, actor, sector):
    _, actors = _found(ex, text)
    found = actors[actor]
    assert (found.sector, found.country, found.acts_for) == (sector, None, None)


def test_countryless_collective_as_subject_and_object(ex):
    stances, _ = _read(ex, "Jihadists attacked Niger, and Chad condemned the terrorists.")
    assert ("jihadists", "attacks", "niger") in stances
    assert ("chad", "criticizes", "terrorists") in stances


def test_a_demonym_or_place_still_gives_the_country(ex):
    _, actors = _found(ex, "Somali jihadists and terrorists in Kenya raided a base.")
    assert actors["somalia_jihadists"].country == "SOM"
    assert actors["kenya_terrorists"].country == "KEN"


def test_mercenaries_are_from_where_their_demonym_says_not_where_they_are(ex):
    _, actors = _found(ex, "Ghana condemned the arrival of Russian mercenaries in Mali.")
    assert actors["russia_mercenaries"].country == "RUS"
    assert actors["russia_mercenaries"].acts_for is None
    _, actors = _found(ex, "Ghana deplored the presence of mercenaries in Chad.")
    assert "chad_mercenaries" not in actors and actors["mercenaries"].country is None


def test_pro_and_anti_prefixes_are_no_country_of_the_sector(ex):
    stances, actors = _read(ex, "Pro-Serbian militias attacked Kosovar police.")
    assert "serbia_fighters" not in actors
    militias = actors["pro_serbian_militias"]
    assert militias.country is None and militias.label == "Pro-Serbian militias"
    assert ("pro_serbian_militias", "supports", "serbia") in stances
    _, actors = _found(ex, "Anti-Maduro protesters in Venezuela blocked roads.")
    assert actors["venezuela_anti_maduro_protesters"].country == "VEN"
    # with no name after the prefix and no sector noun known as bare, nothing is guessed
    assert [a for _, a in _mentions(ex, "Pro-northern fighters clashed with southern troops.")] \
        == []


def test_the_west_only_as_a_name(ex):
    assert [a for _, a in _mentions(ex, "Russia blamed the West for the crisis.")] == \
        ["russia", "west"]
    for text in ("Israel expanded settlements in the West Bank.",
                 "France keeps troops in West Africa.", "The storm moved west of Cuba."):
        assert "west" not in [a for _, a in _mentions(ex, text)], text


@pytest.mark.parametrize("text", [
    "Bahrain was backed by the Sunni monarchies in the Gulf.",
    "Gulf Arab states backed Bahrain.",
    "The Arab Gulf states backed Bahrain.",
])
def test_descriptions_of_the_gulf_monarchies(ex, text):
    stances, _ = _read(ex, text)
    assert ("gulf_cooperation_council", "supports", "bahrain") in stances


def test_the_object_of_a_gerund_is_not_the_accused(ex):
    # an unresolved description before "of <gerund>" leaves the accusation without an object
    stances, _ = _read(ex, "Chad accused the desert republic of funding terrorist groups.")
    assert not any(o == "terrorists" for _, _, o in stances)
    stances, _ = _read(ex, "Chad accused Sudan of funding terrorist groups.")
    assert ("chad", "accuses", "sudan") in stances


def test_a_faith_before_a_name_does_not_hide_it(ex):
    assert [a for _, a in _mentions(ex, "Israel struck Shiite Hezbollah positions.")] == \
        ["israel", "hezbollah"]


@pytest.mark.parametrize(("text", "body"), [
    ("The Kenyan Ministry of Health denied the report.", "kenya_health_ministry"),
    ("The Russian Ministry of Emergency Situations sent planes.", "russia_emergencies_ministry"),
    ("The Turkish Ministry of National Defence denied it.", "turkey_defense_ministry"),
    ("The Iranian consulate in Baghdad was closed.", "iran_consulate"),
    ("India's High Commission in Dhaka issued a statement.", "india_high_commission"),
])
def test_organs_of_a_state_act_for_it(ex, text, body):
    _, actors = _found(ex, text)
    assert body in actors and actors[body].acts_for == body.split("_")[0]

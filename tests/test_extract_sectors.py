"""Reading sector actors, collective references, names the text defines, honorifics and the
wrong readings to avoid, from sentences written for these tests."""

from __future__ import annotations

import json

import pytest

from graphkit.errors import InputError
from graphkit.extract.actors import ArticleContext
from graphkit.extract.pipeline import Extractor, stance_record
from graphkit.extract.sectors import load_collectives, load_sectors
from graphkit.ingest import Article
from graphkit.model import ActorType


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def read(ex: Extractor, text: str):
    result = ex.extract(Article(id="t", text=text))
    return {s.key for s in result.stances}, result.actors


def mentions(ex: Extractor, *lines: str) -> list[list[tuple[str, str, str]]]:
    ctx = ArticleContext()
    out = []
    for line in lines:
        doc = ex.nlp(line)
        out.append([(doc[m.start:m.end].text, m.actor, m.kind)
                    for m in ex.actors.find(doc, ctx)])
    return out


# -- sectors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "actor", "sector", "cameo", "acts_for"), [
    ("The Israeli police detained Palestinian activists.", "israel_police", "COP", "ISRCOP",
     "israel"),
    ("Pakistan's army shelled Indian positions.", "pakistan_military", "MIL", "PAKMIL",
     "pakistan"),
    ("Syrian rebels shelled Damascus.", "syria_rebels", "REB", "SYRREB", None),
    ("Venezuelan opposition leaders praised Colombia.", "venezuela_opposition", "OPP",
     "VENOPP", None),
    ("Sudanese protesters condemned Egypt.", "sudan_protesters", "ACT", "SDNACT", None),
    ("Afghan civilians accused Pakistan of shelling their villages.", "afghanistan_civilians",
     "CVL", "AFGCVL", None),
])
def test_sector_actor_has_country_sector_and_code(ex, text, actor, sector, cameo, acts_for):
    _, actors = read(ex, text)
    found = actors[actor]
    assert (found.sector, found.cameo, found.acts_for) == (sector, cameo, acts_for)
    assert found.country == cameo[:3]


def test_sector_of_a_people(ex):
    stances, actors = read(ex, "Kurdish fighters accused Turkey of shelling their villages.")
    assert ("kurdish_fighters", "accuses", "turkey") in stances
    fighters = actors["kurdish_fighters"]
    assert (fighters.sector, fighters.cameo, fighters.country) == ("UAF", "KURUAF", None)


def test_same_country_stances_are_kept(ex):
    stances, actors = read(ex, "The Syrian army attacked rebels in Syria on Monday.")
    assert ("syria_military", "attacks", "syria_rebels") in stances
    assert actors["syria_military"].country == actors["syria_rebels"].country == "SYR"
    stances, _ = read(ex, "Egyptian police arrested Egyptian protesters in Cairo.")
    assert ("egypt_police", "coerces", "egypt_protesters") in stances


def test_state_sector_acts_for_its_state_and_non_state_for_nobody(ex):
    result = ex.extract(Article(id="t", text="Nigerian soldiers and the Nigerian police "
                                             "fought Nigerian militants."))
    records = [json.loads(json.dumps(stance_record(s, result.actors)))
               for s in result.stances]
    police = next(r["subject"] for r in records if r["subject"]["id"] == "nigeria_police")
    assert police["acts_for"] == "nigeria" and police["sector"] == "COP"
    assert police["cameo"] == "NGACOP"
    militants = records[0]["object"]
    assert militants["id"] == "nigeria_militants" and militants["acts_for"] is None


def test_rebels_with_no_country_named(ex):
    stances, actors = read(ex, "Rebels attacked government buildings, and Chad condemned "
                               "the rebels.")
    assert ("chad", "criticizes", "rebels") in stances
    assert actors["rebels"].country is None and actors["rebels"].sector == "REB"


def test_a_quality_is_not_an_actor(ex):
    stances, _ = read(ex, "France repeated its opposition to the plan and criticized Italy.")
    assert not any("opposition" in s or "opposition" in o for s, _, o in stances)
    (found,) = mentions(ex, "The rebel-held town was shelled by Mali.")
    assert all(actor != "rebels" for _, actor, _ in found)


def test_its_army_is_that_of_the_state_named_before(ex):
    stances, _ = read(ex, "Washington threatened Ethiopia after its army crossed into Eritrea "
                          "and attacked Eritrea.")
    assert ("ethiopia_military", "attacks", "eritrea") in stances


def test_bare_army_is_left_unread(ex):
    (found,) = mentions(ex, "Germany said the army attacked Poland.")
    assert [a for _, a, _ in found] == ["germany", "poland"]


def test_the_countrys_army(ex):
    found = mentions(ex, "Peru held talks.", "The country's army criticized Chile.")
    assert found[1][0] == ("The country's army", "peru_military", "sector")


# -- collectives ------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "subject"), [
    ("European leaders condemned Russia.", "european_union"),
    ("EU foreign ministers condemned Russia.", "european_union"),
    ("NATO members condemned Russia.", "nato"),
    ("Western countries condemned Russia.", "west"),
    ("Gulf states condemned Iran.", "gulf_cooperation_council"),
    ("The Security Council's permanent members condemned Iran.", "un_security_council"),
])
def test_collective_names_the_organisation(ex, text, subject):
    stances, _ = read(ex, text)
    assert {s for s, _, _ in stances} == {subject}


def test_collective_with_a_number_is_the_listed_actors(ex):
    stances, _ = read(ex, "Chile, Peru and Bolivia recalled their envoys on Monday. "
                          "The three South American states also condemned Brazil.")
    assert {("chile", "criticizes", "brazil"), ("peru", "criticizes", "brazil"),
            ("bolivia", "criticizes", "brazil")} <= stances


@pytest.mark.parametrize("reference", ["The two longtime adversaries", "Both sides",
                                       "The two nuclear-armed neighbours"])
def test_group_references_in_the_same_paragraph(ex, reference):
    stances, _ = read(ex, f"India and Pakistan exchanged fire on Monday. {reference} "
                          "criticized China.")
    assert {("india", "criticizes", "china"), ("pakistan", "criticizes", "china")} <= stances


def test_the_allies(ex):
    stances, _ = read(ex, "Norway and Denmark signed a pact on Monday. Russia condemned the "
                          "allies.")
    assert {("russia", "criticizes", "norway"), ("russia", "criticizes", "denmark")} <= stances


def test_a_group_does_not_refer_to_its_own_sentence(ex):
    stances, _ = read(ex, "Chile, Peru and the OAS urged the parties to talk.")
    assert not any(s == o or {s, o} <= {"chile", "peru", "organization_of_american_states"}
                   for s, _, o in stances)


# -- names defined in the text ----------------------------------------------------------------


def test_abbreviation_of_a_known_actor_is_an_alias(ex):
    stances, _ = read(ex, "The Philippine Coast Guard (PCG) protested. Later the PCG condemned "
                          "China.\n\nOn Tuesday the PCG accused Vietnam.")
    # the gazetteer lists the coast guard itself (acting for the Philippines)
    assert ("philippine_coast_guard", "criticizes", "china") in stances
    assert ("philippine_coast_guard", "accuses", "vietnam") in stances


def test_abbreviation_of_an_unknown_name_makes_an_actor(ex):
    stances, actors = read(ex, "The Ruvuma Liberation Front (RLF) attacked Tanzania.\n\n"
                               "The RLF later accused Mozambique.")
    assert ("ruvuma_liberation_front", "accuses", "mozambique") in stances
    front = actors["ruvuma_liberation_front"]
    assert front.type is ActorType.ARMED_GROUP and "RLF" in front.aliases


def test_abbreviation_then_name(ex):
    stances, _ = read(ex, "The OIC, the Organisation of Islamic Cooperation, met. "
                          "Later the OIC condemned Israel.")
    assert any(s != "israel" and o == "israel" for s, _, o in stances)


def test_words_in_brackets_that_are_no_abbreviation(ex):
    (found,) = mentions(ex, "Chile (and, later, Peru) protested.")
    assert [a for _, a, _ in found] == ["chile", "peru"]


@pytest.mark.parametrize("title", ["Mr", "Mrs.", "Ms", "Dr", "Sheikh", "Ayatollah", "Sir"])
def test_honorifics_name_a_person_without_a_role(ex, title):
    result = ex.extract(Article(id="t", text=f"{title} Farid Nasseri condemned Iraq."))
    assert ("farid_nasseri", "criticizes", "iraq") in {s.key for s in result.stances}
    assert result.actors["farid_nasseri"].role is None
    assert not result.roles


@pytest.mark.parametrize("rank", ["Gen.", "Maj. Gen.", "Lt. Gen.", "Adm.", "Col."])
def test_military_ranks(ex, rank):
    result = ex.extract(Article(id="t", text=f"Egypt's {rank} Samir Fahmy warned Libya."))
    assert result.actors["samir_fahmy"].acts_for == "egypt"


def test_honorific_before_a_known_person(ex):
    stances, _ = read(ex, "Mr Putin criticized Ukraine.")
    assert ("vladimir_putin", "criticizes", "ukraine") in stances


@pytest.mark.parametrize("apostrophe", ["'", "\u2019", "`", "\u00b4"])
def test_possessive_apostrophes(ex, apostrophe):
    stances, _ = read(ex, f"Russia{apostrophe}s army attacked Georgia.")
    assert ("russia_military", "attacks", "georgia") in stances


def test_new_president_is_tied_to_the_state_named_before_not_the_first(ex):
    result = ex.extract(Article(id="t", text=(
        "Brazil hosted the talks on Monday.\n\n"
        "In Quito, Ecuador's delegation arrived late, and President Tomas Arcos criticized "
        "Peru.")))
    assert result.actors["tomas_arcos"].acts_for == "ecuador"


def test_new_leader_follows_the_topic_of_the_article(ex):
    result = ex.extract(Article(id="t", text=(
        "Japan offered aid to the Pacific on Monday.\n\n"
        "Fiji signed a fishing pact with Japan on Tuesday.\n\n"
        "Prime Minister Josefa Vula criticized Australia.")))
    # Not Japan, named first and last before the title: Fiji is what the article is about.
    assert result.actors["josefa_vula"].acts_for == "fiji"


def test_unnamed_office_holder_speaks_for_the_state(ex):
    stances, _ = read(ex, "Libya's defence minister warned France.")
    assert ("libya", "warns", "france") in stances
    stances, _ = read(ex, "A spokesman for the Iranian government criticized Iraq.")
    assert ("iran", "criticizes", "iraq") in stances


def test_its_foreign_minister_is_of_the_state_named_last(ex):
    result = ex.extract(Article(id="t", text=(
        "Chile signed the treaty. Days later Argentina protested, and its foreign minister "
        "Luis Ortega criticized Bolivia.")))
    assert result.actors["luis_ortega"].acts_for == "argentina"


# -- wrong readings ---------------------------------------------------------------------------


def test_ethnic_demonym_is_not_the_state(ex):
    stances, actors = read(ex, "Serbia accused ethnic Albanians of attacking its police.")
    assert ("serbia", "accuses", "ethnic_albanians") in stances
    assert not any(o == "albania" for _, _, o in stances)
    assert actors["ethnic_albanians"].sector == "ETH"


@pytest.mark.parametrize(("text", "actor"), [
    ("Turkish Cypriots criticized Greece.", "turkish_cypriots"),
    ("On Monday, Kosovo Albanians accused Serbia.", "kosovo_albanians"),
])
def test_community_named_by_two_demonyms(ex, text, actor):
    stances, _ = read(ex, text)
    assert {s for s, _, _ in stances} == {actor}


def test_people_named_alone(ex):
    stances, actors = read(ex, "The Kurds accused Iraq of betrayal.")
    assert ("kurds", "accuses", "iraq") in stances
    assert actors["kurds"].sector == "ETH" and actors["kurds"].cameo == "KUR"


# -- the data files ---------------------------------------------------------------------------


def test_sector_file_errors_name_the_file(tmp_path):
    bad = tmp_path / "sectors.yaml"
    bad.write_text("sectors:\n  rebels: {state: false, type: ArmedGroup, label: r}\n")
    with pytest.raises(InputError, match="three capital letters") as info:
        load_sectors(bad)
    assert str(bad) in str(info.value)
    bad.write_text("sectors:\n  REB: {state: maybe, type: ArmedGroup, label: r}\n")
    with pytest.raises(InputError, match="state"):
        load_sectors(bad)
    bad.write_text("sectors:\n  REB: {state: false, type: Gang, label: r}\n")
    with pytest.raises(InputError, match="unknown type"):
        load_sectors(bad)


def test_collectives_file_errors(tmp_path):
    bad = tmp_path / "collectives.yaml"
    bad.write_text("names: [a, b]\n")
    with pytest.raises(InputError, match="names"):
        load_collectives(bad)


def test_every_collective_names_a_gazetteer_actor(ex):
    known = ex.gazetteer.actors
    assert set(load_collectives().names.values()) <= set(known)


def test_clients_of_a_patron_are_not_its_sector(ex):
    stances, actors = read(ex, "Iranian-backed militias attacked US forces.")
    assert ("fighters", "attacks", "us_military") in stances
    assert actors["fighters"].country is None and actors["fighters"].acts_for is None
    stances, _ = read(ex, "Iranian militias attacked US forces.")
    assert ("iran_fighters", "attacks", "us_military") in stances

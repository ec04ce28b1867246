"""Coverage of the built-in gazetteer by kind of actor, and resolution of the new kinds in text.

The floors here are what ``ontology/actors/`` promises: at least 10,000 distinct surface forms,
250 armed groups each with the state they fight in, a dated head of state or government since
2000 for every UN member, and ids that stay unique as the data grows. The sentences are the
tests' own.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest
import yaml
from un_members import UN_MEMBERS

from graphkit.extract.actors import ArticleContext
from graphkit.extract.pipeline import Extractor
from graphkit.gazetteer import Gazetteer, load_gazetteer, normalize_name
from graphkit.model import ActorType
from graphkit.resources import ontology_file

G20 = ["ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR", "MEX",
       "RUS", "SAU", "ZAF", "TUR", "GBR", "USA"]
HEAD_ROLES = re.compile(
    r"^(president|prime minister|premier|chancellor|taoiseach|king|queen|emir|sultan|emperor|"
    r"grand duke|prince|monarch|supreme leader|captain regent|head of state|leader|"
    r"chairman of the presidency|member of the presidency|chairman of the council of ministers|"
    r"state counsellor|chief executive|pope|paramount leader|general secretary|co-prince|"
    r"episcopal co-prince|minister of state)$"
)
SINCE = date(2000, 1, 1)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def _states_with_role(gaz: Gazetteer, pattern: re.Pattern[str]) -> set[str]:
    found = set()
    for person in gaz.of_type(ActorType.PERSON):
        for role in gaz.roles(person.id):
            dated = role.start is not None
            recent = role.end is None or role.end >= SINCE
            if dated and recent and pattern.search(role.role):
                found.add(gaz.actor(role.acts_for).country)
    return found


def test_surface_forms_reach_ten_thousand(gaz: Gazetteer) -> None:
    forms = {normalize_name(sf.text) for sf in gaz.surface_forms()}
    assert len(forms) >= 10_000


def test_armed_groups_each_with_the_state_they_fight_in(gaz: Gazetteer) -> None:
    groups = gaz.of_type(ActorType.ARMED_GROUP)
    placed = [g for g in groups if g.country]
    assert len(placed) >= 250
    for group in placed:
        assert gaz.by_iso3(group.country) is not None, group.id
        assert group.acts_for is None, group.id  # armed groups act for nobody
    # the new file gives every group a country
    raw = yaml.safe_load(ontology_file("actors").joinpath("armed_groups.yaml").read_text("utf-8"))
    assert len(raw) >= 250
    assert all(entry.get("country") for entry in raw)


def test_every_un_member_has_a_dated_head_since_2000(gaz: Gazetteer) -> None:
    covered = _states_with_role(gaz, HEAD_ROLES)
    assert sorted(set(UN_MEMBERS) - covered) == []


def test_foreign_and_defence_ministers_of_most_states(gaz: Gazetteer) -> None:
    foreign = _states_with_role(
        gaz, re.compile(r"foreign (minister|secretary)|secretary of state$"))
    defence = _states_with_role(gaz, re.compile(r"defen[cs]e minister|secretary of defense"))
    assert len(foreign & set(UN_MEMBERS)) >= 180
    assert len(defence & set(UN_MEMBERS)) >= 135
    assert set(G20) <= foreign and set(G20) <= defence


def test_parties_of_the_g20_and_state_forces_and_companies(gaz: Gazetteer) -> None:
    parties = Counter(p.country for p in gaz.of_type(ActorType.POLITICAL_PARTY))
    assert sum(parties.values()) >= 250
    # Saudi Arabia has no parties
    assert [c for c in G20 if parties[c] < 2] == ["SAU"]
    bodies = gaz.of_type(ActorType.GOVERNMENT_BODY)
    assert len(bodies) >= 230
    # every body acts for an actor that is (or acts for) a state with a country code
    assert [b.id for b in bodies if not b.country] == []
    for company in ("gazprom", "rosneft", "saudi_aramco", "cnpc", "naftogaz", "pdvsa", "nioc"):
        assert gaz.actor(company).acts_for is not None


def test_no_two_actors_share_an_id_across_files() -> None:
    ids: Counter[str] = Counter()
    for path in sorted(ontology_file("actors").iterdir()):
        if path.suffix == ".yaml":
            ids.update(entry["id"] for entry in yaml.safe_load(path.read_text("utf-8")) or [])
    assert [i for i, n in ids.items() if n > 1] == []
    assert sum(ids.values()) >= 6000


def test_wikidata_ids_well_formed_and_one_actor_each(gaz: Gazetteer) -> None:
    ids = [a.wikidata for a in gaz if a.wikidata]
    assert len(ids) >= 4000
    assert all(re.fullmatch(r"Q[1-9][0-9]*", q) for q in ids)
    assert [q for q, n in Counter(ids).items() if n > 1] == []


def test_names_shared_by_two_people_never_overlap_in_time(gaz: Gazetteer) -> None:
    by_name: dict[str, list[str]] = {}
    for person in gaz.of_type(ActorType.PERSON):
        by_name.setdefault(normalize_name(person.label), []).append(person.id)
    for ids in (v for v in by_name.values() if len(v) > 1):
        spans = [(r.start or date.min, r.end or date.max) for i in ids for r in gaz.roles(i)]
        owners = [i for i in ids for _ in gaz.roles(i)]
        for a in range(len(spans)):
            for b in range(a + 1, len(spans)):
                if owners[a] != owners[b]:
                    assert spans[a][1] < spans[b][0] or spans[b][1] < spans[a][0], ids


def _found(ex: Extractor, text: str, published: date | None = None) -> list[str]:
    ctx = ArticleContext(published=published)
    doc = ex.nlp(text)
    return [m.actor for m in ex.actors.find(doc, ctx) if not m.is_reference]


def test_armed_group_by_its_alias_and_abbreviation(ex: Extractor) -> None:
    found = _found(
        ex, "Pakistan blamed Tehreek-e-Taliban Pakistan for the ambush; the TTP denied it.")
    assert found.count("ttp") == 2
    assert "pakistan" in found
    assert ex.actors.gazetteer.actor("ttp").country == "PAK"
    assert _found(ex, "Jamaat Nusrat al-Islam wal-Muslimin fighters raided a base.") == ["jnim"]


def test_a_state_force_and_a_state_company_act_for_their_state(ex: Extractor) -> None:
    ctx = ArticleContext(published=date(2023, 5, 2))
    found = _found(ex, "The China Coast Guard shadowed the ship while Gazprom cut deliveries.",
                   published=date(2023, 5, 2))
    assert found == ["china_coast_guard", "gazprom"]
    assert ex.actors.state_of("china_coast_guard", ctx) == "china"
    assert ex.actors.state_of("gazprom", ctx) == "russia"


def test_minister_by_name_inside_the_term_acts_for_the_state(ex: Extractor) -> None:
    text = "Ayman Safadi told reporters that the talks would resume in Amman."
    found = _found(ex, text, published=date(2019, 3, 4))
    assert "ayman_safadi" in found
    ctx = ArticleContext(published=date(2019, 3, 4))
    assert ex.actors.state_of("ayman_safadi", ctx) == "jordan"
    role = ex.actors.gazetteer.role_on("ayman_safadi", date(2019, 3, 4))
    assert role == ("jordan", "foreign minister")


def test_former_leader_outside_the_term_has_no_role(gaz: Gazetteer) -> None:
    mogae = gaz.resolve("Festus Mogae", on=date(2015, 6, 1))
    assert mogae is not None and mogae.id == "festus_mogae"
    assert gaz.role_on("festus_mogae", date(2005, 6, 1)) == ("botswana", "president")
    assert gaz.role_on("festus_mogae", date(2015, 6, 1)) is None


def test_namesakes_in_office_at_different_times_resolve_by_date(gaz: Gazetteer) -> None:
    early = gaz.resolve("Abdoulaye Diop", on=date(2005, 1, 10))
    late = gaz.resolve("Abdoulaye Diop", on=date(2022, 1, 10))
    assert early is not None and late is not None and early.id != late.id
    assert gaz.role_on(early.id, date(2005, 1, 10)) == ("senegal", "finance minister")
    assert gaz.role_on(late.id, date(2022, 1, 10)) == ("mali", "foreign minister")


def test_common_words_and_codes_are_not_names_of_new_actors(gaz: Gazetteer) -> None:
    for word in ("is", "and", "amal", "rafael", "azov", "new people", "national resistance"):
        actor = gaz.resolve(word)
        assert actor is None or actor.type is ActorType.STATE, word
    # an ISO code stays its state's ("BRN" is Brunei, not the Thai insurgents)
    assert gaz.resolve("BRN").id == "brunei"
    assert gaz.resolve("NLD").id == "netherlands"


# -- descriptive names, offices of international bodies, spokespeople (own sentences) ----------


@pytest.mark.parametrize(("text", "expected"), [
    ("Tehran said the Zionist regime would regret the raid.", ["iran", "israel"]),
    ("The Islamic Republic summoned the envoy of the Zionist entity's ally.", ["iran", "israel"]),
    ("The Hermit Kingdom fired two missiles, Seoul said.", ["north_korea", "south_korea"]),
    ("The Permanent Court of Arbitration ruled against Ruritania and for Chile.",
     ["permanent_court_of_arbitration", "chile"]),
    ("US Southern Command sent ships to Guyana.", ["southcom", "guyana"]),
    ("The Guyana Defense Force and the Export-Import Bank of China signed a deal.",
     ["guyana_defence_force", "exim_bank_china"]),
    ("The Asian Infrastructure Investment Bank lent Laos money.", ["aiib", "laos"]),
])
def test_descriptive_and_institutional_names(ex: Extractor, text: str, expected: list[str]) -> None:
    assert _found(ex, text, published=date(2023, 6, 1)) == expected


def test_bodies_of_a_state_act_for_it(gaz: Gazetteer) -> None:
    for body, state in (("guyana_defence_force", "guyana"), ("us_exim_bank", "united_states"),
                        ("jbic", "japan"), ("us_northern_command", "united_states")):
        assert gaz.actor(body).acts_for == state, body
    # multilateral banks and courts act for nobody
    assert gaz.actor("aiib").acts_for is None
    assert gaz.actor("permanent_court_of_arbitration").acts_for is None


def test_popes_by_date(gaz: Gazetteer) -> None:
    assert gaz.role_on("pope_francis", date(2016, 2, 12)) == ("holy_see", "pope")
    assert gaz.role_on("pope_francis", date(2025, 6, 1)) is None
    assert gaz.role_on("pope_leo_xiv", date(2025, 6, 1)) == ("holy_see", "pope")
    assert gaz.role_on("pope_benedict_xvi", date(2010, 1, 1)) == ("holy_see", "pope")
    assert gaz.resolve("Pope Benedict").id == "pope_benedict_xvi"


@pytest.mark.parametrize(("name", "on", "state"), [
    ("Jen Psaki", date(2021, 6, 1), "united_states"),
    ("Ned Price", date(2022, 3, 1), "united_states"),
    ("Hua Chunying", date(2019, 3, 1), "china"),
    ("Hong Lei", date(2014, 3, 1), "china"),
    ("Nasser Kanaani", date(2023, 3, 1), "iran"),
    ("Randhir Jaiswal", date(2024, 9, 1), "india"),
    ("Oncu Keceli", date(2024, 9, 1), "turkey"),
    ("Alexander Lukashevich", date(2013, 5, 1), "russia"),
])
def test_foreign_ministry_and_white_house_spokespeople(gaz: Gazetteer, name: str, on: date,
                                                        state: str) -> None:
    person = gaz.resolve(name, on=on)
    assert person is not None, name
    role = gaz.role_on(person.id, on)
    # for the state, or for its foreign ministry
    assert role is not None and gaz.actor(role[0]).country == gaz.actor(state).country


def test_heads_of_international_bodies_act_for_the_body(gaz: Gazetteer) -> None:
    assert gaz.role_on("catherine_ashton", date(2012, 1, 1)) == (
        "european_union", "high representative")
    assert gaz.role_on("javier_solana", date(1997, 1, 1)) == ("nato", "secretary general")
    assert gaz.role_on("javier_solana", date(2005, 1, 1))[0] == "european_union"
    assert gaz.role_on("fatou_bensouda", date(2015, 1, 1))[0] == "international_criminal_court"
    assert gaz.role_on("amr_moussa", date(2008, 1, 1))[0] == "arab_league"


def test_a_name_without_its_middle_initial(gaz: Gazetteer) -> None:
    assert gaz.resolve("Mark Esper").id == gaz.resolve("Mark T. Esper").id
    assert gaz.resolve("Alyaksandr Lukashenka").id == "alexander_lukashenko"


def test_title_abbreviations_before_a_name(ex: Extractor) -> None:
    ctx = ArticleContext(published=date(2023, 1, 10))
    doc = ex.nlp("DPM Ishaq Dar met FM Wang in Beijing.")
    found = {m.actor: doc[m.start:m.end].text for m in ex.actors.find(doc, ctx)}
    assert found.get("ishaq_dar") == "DPM Ishaq Dar"
    assert found.get("wang_yi") == "FM Wang"

"""Tests of the actor gazetteer: coverage of the built-in data, name resolution, dated roles,
malformed files and user extensions."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from un_members import UN_MEMBERS

from graphkit.errors import InputError
from graphkit.gazetteer import Gazetteer, Role, SurfaceForm, load_gazetteer, normalize_name
from graphkit.model import Actor, ActorType


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- coverage of the built-in data --------------------------------------------------------------


def test_un_member_list_is_complete() -> None:
    assert len(set(UN_MEMBERS)) == 193


def test_every_un_member_and_observer_and_taiwan_and_kosovo(gaz: Gazetteer) -> None:
    states = gaz.of_type(ActorType.STATE)
    assert len(states) >= 197
    codes = {s.country for s in states}
    assert set(UN_MEMBERS) <= codes
    for actor_id in ("holy_see", "palestine", "taiwan", "kosovo"):
        assert gaz.actor(actor_id).type is ActorType.STATE


def test_state_codes_are_unique_and_well_formed(gaz: Gazetteer) -> None:
    # a former state whose code passed to its successor (West Germany) has none of its own
    states = [s for s in gaz.of_type(ActorType.STATE) if s.country is not None]
    assert len(states) >= 200
    codes = Counter(s.country for s in states)
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in codes)
    assert [code for code, n in codes.items() if n > 1] == []
    for state in states:
        assert gaz.by_iso3(state.country) == state


def test_wikidata_ids_are_well_formed_and_unique(gaz: Gazetteer) -> None:
    ids = [a.wikidata for a in gaz if a.wikidata]
    assert len(ids) >= 197
    assert all(re.fullmatch(r"Q[1-9][0-9]*", q) for q in ids)
    assert [q for q, n in Counter(ids).items() if n > 1] == []


def test_well_known_identifiers(gaz: Gazetteer) -> None:
    assert gaz.actor("united_states").wikidata == "Q30"
    assert gaz.actor("russia").wikidata == "Q159"
    assert gaz.actor("romania").cameo == "ROM"  # CAMEO keeps the old code
    assert gaz.actor("russia").cameo == "RUS"
    assert gaz.actor("united_nations").cameo == "UNO"


def test_ids_are_canonical_and_labels_present(gaz: Gazetteer) -> None:
    for actor in gaz:
        assert re.fullmatch(r"[a-z0-9][a-z0-9_]*", actor.id)
        assert actor.label.strip()


def test_other_actor_kinds_are_present(gaz: Gazetteer) -> None:
    counts = Counter(a.type for a in gaz)
    assert counts[ActorType.INTERNATIONAL_ORGANIZATION] >= 30
    assert counts[ActorType.GOVERNMENT_BODY] >= 30
    assert counts[ActorType.PERSON] >= 100
    assert counts[ActorType.ARMED_GROUP] >= 5
    assert counts[ActorType.MEDIA] >= 10
    assert counts[ActorType.POLITICAL_PARTY] >= 5


def test_bodies_act_for_their_state_and_carry_its_country(gaz: Gazetteer) -> None:
    for body in gaz.of_type(ActorType.GOVERNMENT_BODY):
        assert body.acts_for in gaz
        assert body.country is not None
    assert gaz.actor("us_state_department").country == "USA"
    assert gaz.actor("russian_foreign_ministry").acts_for == "russia"


def test_heads_of_g20_members_are_present(gaz: Gazetteer) -> None:
    g20 = ["ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "MEX",
           "RUS", "SAU", "ZAF", "KOR", "TUR", "GBR", "USA"]
    led = {p.country for p in gaz.of_type(ActorType.PERSON)}
    assert set(g20) <= led
    assert any(p.acts_for == "european_commission" for p in gaz.of_type(ActorType.PERSON))


# -- resolution --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("United States", "united_states"),
        ("the U.S.", "united_states"),
        ("US", "united_states"),
        ("U.S.A.", "united_states"),
        ("America", "united_states"),
        ("Americans", "united_states"),
        ("Washington", "united_states"),
        ("the White House", "united_states"),
        ("Russian", "russia"),
        ("Moscow", "russia"),
        ("the Kremlin", "russia"),
        ("Kremlin", "russia"),
        ("Russia's", "russia"),
        ("Beijing", "china"),
        ("PRC", "china"),
        ("Zhongnanhai", "china"),
        ("Downing Street", "united_kingdom"),
        ("UK", "united_kingdom"),
        ("Britain", "united_kingdom"),
        ("the Elysee", "france"),
        ("Élysée Palace", "france"),
        ("Kyiv", "ukraine"),
        ("Kiev", "ukraine"),
        ("DPRK", "north_korea"),
        ("ROK", "south_korea"),
        ("the Blue House", "south_korea"),
        ("UAE", "united_arab_emirates"),
        ("DRC", "democratic_republic_of_the_congo"),
        ("Côte d'Ivoire", "ivory_coast"),
        ("COTE D’IVOIRE", "ivory_coast"),
        ("Guinea Bissau", "guinea_bissau"),
        ("Türkiye", "turkey"),
        ("State Department", "us_state_department"),
        ("the Pentagon", "us_department_of_defense"),
        ("Chinese Foreign Ministry", "chinese_foreign_ministry"),
        ("U.N.", "united_nations"),
        ("NATO", "nato"),
        ("Nicolas Maduro", "nicolas_maduro"),
        ("Nicolás Maduro", "nicolas_maduro"),
        ("Maduro", "nicolas_maduro"),
        ("Juan Guaido", "juan_guaido"),
        ("Lavrov", "sergey_lavrov"),
        ("Xi", "xi_jinping"),
        ("Sputnik News", "sputnik"),
    ],
)
def test_resolve(gaz: Gazetteer, name: str, expected: str) -> None:
    actor = gaz.resolve(name)
    assert actor is not None, name
    assert actor.id == expected


def test_resolve_unknown_and_ambiguous(gaz: Gazetteer) -> None:
    assert gaz.resolve("Atlantis") is None
    assert gaz.resolve("") is None
    # A demonym two states share names neither, but both are candidates.
    assert gaz.resolve("Congolese") is None
    assert {a.id for a in gaz.resolve_all("Congolese")} == {
        "republic_of_the_congo",
        "democratic_republic_of_the_congo",
    }


def test_iso_codes_match_only_in_capitals(gaz: Gazetteer) -> None:
    assert gaz.resolve("RUS").id == "russia"
    assert gaz.resolve("AND").id == "andorra"
    assert gaz.resolve("and") is None
    assert gaz.resolve("can") is None


def test_shared_surname_resolves_by_date(gaz: Gazetteer) -> None:
    assert gaz.resolve("Li", on=date(2018, 6, 1)).id == "li_keqiang"
    assert gaz.resolve("Li", on=date(2024, 6, 1)).id == "li_qiang"
    assert gaz.resolve("Li").id == "li_qiang"  # no date: the one in office now
    assert [a.id for a in gaz.resolve_all("Li", on=date(2018, 6, 1))][0] == "li_keqiang"


def test_normalize_name() -> None:
    assert normalize_name("the U.S.") == normalize_name("US") == "us"
    assert normalize_name("Nicolás  Maduro") == "nicolas maduro"
    assert normalize_name("Trinidad & Tobago") == normalize_name("Trinidad and Tobago")
    assert normalize_name("The") == "the"


def test_surface_forms(gaz: Gazetteer) -> None:
    forms = set(gaz.surface_forms())
    assert SurfaceForm("Kremlin", "russia", "seat") in forms
    assert SurfaceForm("Russians", "russia", "demonym") in forms
    assert SurfaceForm("Moscow", "russia", "capital") in forms
    assert SurfaceForm("RUS", "russia", "code") in forms
    assert SurfaceForm("United States", "united_states", "name") in forms
    assert SurfaceForm("U.S.", "united_states", "alias") in forms
    assert {f.kind for f in forms} == {"name", "alias", "demonym", "capital", "seat", "code"}
    assert not any(f.text.lower().startswith("the ") for f in forms if f.kind == "seat")


def test_demonyms_and_unknown_id(gaz: Gazetteer) -> None:
    assert "Russians" in gaz.demonyms("russia")
    assert gaz.demonyms("nato") == ()
    with pytest.raises(KeyError, match="no_such_actor"):
        gaz.actor("no_such_actor")
    assert "russia" in gaz and "no_such_actor" not in gaz


# -- roles -------------------------------------------------------------------------------------


def test_roles_on_dates(gaz: Gazetteer) -> None:
    assert gaz.role_on("donald_trump", date(2019, 2, 1)) == ("united_states", "president")
    assert gaz.role_on("donald_trump", date(2022, 6, 1)) is None
    assert gaz.role_on("donald_trump") == ("united_states", "president")
    assert gaz.role_on("mike_pompeo", date(2017, 6, 1)) == ("cia", "director")
    assert gaz.role_on("mike_pompeo", date(2019, 2, 1)) == ("united_states", "secretary of state")
    assert gaz.role_on("maria_zakharova", date(2019, 2, 1)) == (
        "russian_foreign_ministry",
        "spokesperson",
    )
    # Year-precision dates cover the whole year.
    assert gaz.role_on("geng_shuang", date(2019, 2, 1)) == (
        "chinese_foreign_ministry",
        "spokesperson",
    )


def test_person_fields_follow_latest_role(gaz: Gazetteer) -> None:
    pompeo = gaz.actor("mike_pompeo")
    assert (pompeo.acts_for, pompeo.role, pompeo.country) == (
        "united_states",
        "secretary of state",
        "USA",
    )
    zakharova = gaz.actor("maria_zakharova")
    assert zakharova.country == "RUS"  # through the ministry she speaks for
    assert gaz.actor("antonio_guterres").country is None  # acts for an organisation


# -- changes -----------------------------------------------------------------------------------


def test_fresh_object_per_load() -> None:
    first = load_gazetteer()
    first.add_alias("russia", "the Bear")
    assert first.resolve("the Bear").id == "russia"
    assert load_gazetteer().resolve("the Bear") is None


def test_add_actor_and_alias() -> None:
    gaz = load_gazetteer()
    gaz.add(Actor("freedonia", "Freedonia", ActorType.STATE, country="FRD"),
            demonyms=["Freedonian"], capitals=["Fredville"], seats=["the Palace"])
    gaz.add(Actor("rufus_firefly", "Rufus T. Firefly", ActorType.PERSON),
            roles=[Role("freedonia", "leader", date(1933, 1, 1))])
    assert gaz.resolve("Freedonians") is None
    assert gaz.resolve("Freedonian").id == "freedonia"
    assert gaz.resolve("Fredville").id == "freedonia"
    assert gaz.actor("rufus_firefly").country == "FRD"
    assert gaz.role_on("rufus_firefly") == ("freedonia", "leader")
    assert gaz.of_type(ActorType.STATE)[-1].id == "freedonia"
    with pytest.raises(ValueError, match="unknown actor"):
        gaz.add(Actor("x", "X", ActorType.PERSON, acts_for="nowhere"))


# -- files -------------------------------------------------------------------------------------


def test_user_file_extends_and_overrides(tmp_path: Path) -> None:
    user = write(tmp_path, "mine.yaml", """
- id: russia
  aliases: [Rossiya]
  seats: [Old Square]
- id: freedonia
  label: Freedonia
  type: State
  iso3: FRD
  capitals: [Fredville]
- id: rufus_firefly
  label: Rufus T. Firefly
  type: Person
  aliases: [Firefly]
  roles:
    - {acts_for: freedonia, role: leader, start: 1933}
- id: newsweek
  label: Newsweek Magazine
""")
    gaz = load_gazetteer([user])
    assert gaz.resolve("Rossiya").id == "russia"
    assert gaz.resolve("Moscow").id == "russia"  # the built-in names stay
    assert gaz.resolve("Old Square").id == "russia"
    assert gaz.resolve("Firefly").country == "FRD"
    assert gaz.role_on("rufus_firefly", date(1933, 1, 1)) == ("freedonia", "leader")
    assert gaz.actor("newsweek").label == "Newsweek Magazine"
    assert gaz.actor("newsweek").type is ActorType.MEDIA


def test_user_folder_is_read(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "- {id: freedonia, label: Freedonia, type: State, iso3: FRD}\n")
    write(tmp_path, "notes.txt", "not a gazetteer")
    assert load_gazetteer([tmp_path]).resolve("FRD").id == "freedonia"


def test_empty_file_is_fine(tmp_path: Path) -> None:
    assert len(load_gazetteer([write(tmp_path, "e.yaml", "")])) == len(load_gazetteer())


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("- {label: X, type: State}\n", 1, "missing 'id'"),
        ("- id: x\n  type: State\n", 1, "missing 'label'"),
        ("- id: x\n  label: X\n", 1, "missing 'type'"),
        ("- {id: a, label: A, type: State}\n- id: x\n  label: X\n  type: Nation\n", 2,
         "unknown type"),
        ("- {id: x, label: X, type: State, iso3: RU}\n", 1, "ISO 3166-1 alpha-3"),
        ("- {id: x, label: X, type: State, wikidata: '159'}\n", 1, "Wikidata item id"),
        ("- {id: x, label: X, type: State}\n- {id: x, label: Y, type: State}\n", 2,
         "duplicate id"),
        ("- {id: x, label: X, type: Person, acts_for: nowhere}\n", 1, "names no actor"),
        ("- id: x\n  label: X\n  type: Person\n  roles:\n    - {acts_for: nowhere, role: r}\n",
         1, "names no actor"),
        ("- id: x\n  label: X\n  type: Person\n  roles:\n    - {acts_for: russia, role: r, "
         "start: someday}\n", 1, "not an ISO date"),
        ("- {id: x, label: X, type: State, alias: [Y]}\n", 1, "unknown key"),
        ("- {id: 'Bad Id', label: X, type: State}\n", 1, "not of the form"),
        ("- just a string\n", 1, "expected a mapping"),
        ("id: x\nlabel: X\n", 1, "YAML list"),
        ("- {id: x, label: [X\n", 2, "not valid YAML"),
    ],
)
def test_malformed_file_names_file_and_line(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    path = write(tmp_path, "bad.yaml", text)
    with pytest.raises(InputError) as info:
        load_gazetteer([path])
    error = info.value
    assert error.source == str(path)
    assert error.line == line
    assert message in error.message
    assert str(error).startswith(f"{path}:{line}: ")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        load_gazetteer([tmp_path / "absent.yaml"])


def test_parsed_files_are_cached_but_changes_are_seen(tmp_path: Path) -> None:
    path = write(tmp_path, "u.yaml", "- {id: freedonia, label: Freedonia, type: State}\n")
    assert load_gazetteer([path]).actor("freedonia").label == "Freedonia"
    path.write_text("- {id: freedonia, label: Fredonia Republic, type: State}\n")
    assert load_gazetteer([path]).actor("freedonia").label == "Fredonia Republic"


# -- news from other decades (ontology/actors/historical.yaml) ----------------------------------


def holders(gaz: Gazetteer, acts_for: str, role: str, on: date) -> list[str]:
    """The persons who held ``role`` for ``acts_for`` on a date, as the role data says."""
    return sorted(
        person.id
        for person in gaz.of_type(ActorType.PERSON)
        if any(r.acts_for == acts_for and r.role == role and r.valid_on(on)
               for r in gaz.roles(person.id))
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Soviet", "soviet_union"),
        ("Soviets", "soviet_union"),
        ("the Soviet Union", "soviet_union"),
        ("U.S.S.R.", "soviet_union"),
        ("SUN", "soviet_union"),
        ("East German", "east_germany"),
        ("GDR", "east_germany"),
        ("East Berlin", "east_germany"),
        ("West Germans", "west_germany"),
        ("Bonn", "west_germany"),
        ("SFRY", "yugoslavia"),  # undated, "Yugoslav" may be either federation
        ("SFRY", "yugoslavia"),
        ("Federal Republic of Yugoslavia", "serbia_and_montenegro"),
        ("Czechoslovak", "czechoslovakia"),
        ("CSK", "czechoslovakia"),
        ("South Vietnamese", "south_vietnam"),
        ("Saigon", "south_vietnam"),
        ("North Vietnamese", "north_vietnam"),
        ("Rhodesians", "rhodesia"),
        ("Zaire", "zaire"),  # its own state now, no longer an alias of the DR Congo
        ("Zairean", "zaire"),
    ],
)
def test_former_states_resolve(gaz: Gazetteer, name: str, expected: str) -> None:
    actor = gaz.resolve(name)
    assert actor is not None, name
    assert actor.id == expected
    assert actor.type is ActorType.STATE


def test_former_states_have_iso_3166_3_codes(gaz: Gazetteer) -> None:
    expected = {"soviet_union": "SUN", "yugoslavia": "YUG", "east_germany": "DDR",
                "czechoslovakia": "CSK", "serbia_and_montenegro": "SCG", "north_vietnam": "VDR",
                "rhodesia": "RHO", "zaire": "ZAR"}
    for actor_id, code in expected.items():
        assert gaz.actor(actor_id).country == code
        assert gaz.by_iso3(code).id == actor_id
    assert gaz.actor("soviet_union").wikidata == "Q15180"


def test_present_states_keep_their_capitals_and_seats(gaz: Gazetteer) -> None:
    # Undated, or dated after a former state ceased, a shared metonym names the present state.
    assert gaz.resolve("Moscow").id == "russia"
    assert gaz.resolve("Moscow", on=date(2014, 3, 1)).id == "russia"
    assert gaz.resolve("the Kremlin").id == "russia"
    assert gaz.resolve("Belgrade").id == "serbia"
    assert gaz.resolve("Belgrade", on=date(2010, 1, 1)).id == "serbia"
    assert gaz.resolve("Kinshasa").id == "democratic_republic_of_the_congo"
    assert gaz.resolve("DRC").id == "democratic_republic_of_the_congo"
    assert gaz.resolve("Russians").id == "russia"


@pytest.mark.parametrize(
    ("name", "on", "expected"),
    [
        ("Moscow", date(1962, 10, 23), "soviet_union"),
        ("the Kremlin", date(1979, 12, 28), "soviet_union"),
        ("Russian", date(1956, 11, 4), "soviet_union"),
        ("Belgrade", date(1968, 5, 1), "yugoslavia"),
        ("Belgrade", date(1999, 3, 24), "serbia_and_montenegro"),
        ("Prague", date(1968, 8, 21), "czechoslovakia"),
        ("Hanoi", date(1968, 1, 31), "north_vietnam"),
        ("Kinshasa", date(1990, 6, 1), "zaire"),
        # a name two states bore goes to the one whose dated existence covers the date
        ("Yugoslavia", date(1980, 5, 4), "yugoslavia"),
        ("Yugoslavia", date(1999, 3, 25), "serbia_and_montenegro"),
        ("Yugoslav", date(1999, 3, 25), "serbia_and_montenegro"),
        ("Belgrade", date(2015, 1, 1), "serbia"),
        ("Zaire", date(1990, 1, 1), "zaire"),
    ],
)
def test_shared_metonyms_follow_the_article_date(gaz: Gazetteer, name: str, on: date,
                                                 expected: str) -> None:
    assert gaz.resolve(name, on=on).id == expected


def test_a_former_states_own_name_means_it_at_any_date(gaz: Gazetteer) -> None:
    assert gaz.resolve("Zaire", on=date(2020, 1, 1)).id == "zaire"
    assert gaz.existed_on("soviet_union", date(1962, 1, 1))
    assert not gaz.existed_on("soviet_union", date(1992, 1, 1))
    assert not gaz.existed_on("soviet_union")
    assert gaz.existed_on("russia")
    assert gaz.period("russia") is None


def test_validity_period_is_read_and_checked(tmp_path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("- id: old_land\n  label: Old Land\n  type: State\n  capitals: [Oldtown]\n"
                    "  start: 1900\n  end: 1950-06\n", encoding="utf-8")
    gaz = load_gazetteer([good])
    assert gaz.period("old_land") == (date(1900, 1, 1), date(1950, 6, 30))
    bad = tmp_path / "bad.yaml"
    bad.write_text("- id: odd_land\n  label: Odd Land\n  type: State\n"
                   "  start: 1950\n  end: 1900\n", encoding="utf-8")
    with pytest.raises(InputError, match="before start"):
        load_gazetteer([bad])


@pytest.mark.parametrize(
    ("name", "expected", "kind"),
    [
        ("Abkhazia", "abkhazia", ActorType.ORGANIZATION),
        ("South Ossetia", "south_ossetia", ActorType.ORGANIZATION),
        ("Transnistria", "transnistria", ActorType.ORGANIZATION),
        ("Republic of Artsakh", "artsakh", ActorType.ORGANIZATION),
        ("TRNC", "northern_cyprus", ActorType.ORGANIZATION),
        ("Somaliland", "somaliland", ActorType.ORGANIZATION),
        ("Donetsk People's Republic", "donetsk_peoples_republic", ActorType.ORGANIZATION),
        ("LPR", "luhansk_peoples_republic", ActorType.ORGANIZATION),
        ("Republika Srpska", "republika_srpska", ActorType.ORGANIZATION),
        ("Bosnian Serb army", "army_of_republika_srpska", ActorType.ARMED_GROUP),
        ("KRG", "kurdistan_regional_government", ActorType.ORGANIZATION),
        ("Western Sahara", "sahrawi_republic", ActorType.STATE),
        ("Polisario", "polisario_front", ActorType.ARMED_GROUP),
        ("PLO", "plo", ActorType.ORGANIZATION),
        ("YPG", "ypg", ActorType.ARMED_GROUP),
        ("Free Syrian Army", "free_syrian_army", ActorType.ARMED_GROUP),
        ("Syrian Opposition Coalition", "syrian_national_coalition", ActorType.ORGANIZATION),
        ("National Transitional Council", "national_transitional_council",
         ActorType.ORGANIZATION),
        ("LNA", "libyan_national_army", ActorType.ARMED_GROUP),
        ("GNA", "government_of_national_accord", ActorType.GOVERNMENT_BODY),
        ("FARC", "farc", ActorType.ARMED_GROUP),
        ("ELN", "eln", ActorType.ARMED_GROUP),
        ("Tamil Tigers", "ltte", ActorType.ARMED_GROUP),
        ("IRA", "provisional_ira", ActorType.ARMED_GROUP),
        ("ETA", "eta", ActorType.ARMED_GROUP),
        ("KLA", "kosovo_liberation_army", ActorType.ARMED_GROUP),
        ("mujahideen", "afghan_mujahideen", ActorType.ARMED_GROUP),
        ("Northern Alliance", "northern_alliance", ActorType.ARMED_GROUP),
        ("Contras", "contras", ActorType.ARMED_GROUP),
        ("Sandinistas", "fsln", ActorType.POLITICAL_PARTY),
        ("UNITA", "unita", ActorType.ARMED_GROUP),
        ("MPLA", "mpla", ActorType.POLITICAL_PARTY),
        ("ANC", "african_national_congress", ActorType.POLITICAL_PARTY),
        ("SWAPO", "swapo", ActorType.POLITICAL_PARTY),
        ("Khmer Rouge", "khmer_rouge", ActorType.ARMED_GROUP),
        ("Vietcong", "viet_cong", ActorType.ARMED_GROUP),
        ("TPLF", "tplf", ActorType.POLITICAL_PARTY),
        ("EEC", "european_community", ActorType.INTERNATIONAL_ORGANIZATION),
        ("Warsaw Pact", "warsaw_pact", ActorType.INTERNATIONAL_ORGANIZATION),
        ("Comecon", "comecon", ActorType.INTERNATIONAL_ORGANIZATION),
        ("SEATO", "seato", ActorType.INTERNATIONAL_ORGANIZATION),
        ("Baghdad Pact", "cento", ActorType.INTERNATIONAL_ORGANIZATION),
        ("League of Nations", "league_of_nations", ActorType.INTERNATIONAL_ORGANIZATION),
        ("OAU", "organisation_of_african_unity", ActorType.INTERNATIONAL_ORGANIZATION),
        ("Non-Aligned Movement", "non_aligned_movement", ActorType.INTERNATIONAL_ORGANIZATION),
        ("Middle East Quartet", "middle_east_quartet", ActorType.INTERNATIONAL_ORGANIZATION),
    ],
)
def test_groups_and_organisations_resolve(
    gaz: Gazetteer, name: str, expected: str, kind: ActorType
) -> None:
    actor = gaz.resolve(name)
    assert actor is not None, name
    assert (actor.id, actor.type) == (expected, kind)


def test_existing_groups_were_not_duplicated(gaz: Gazetteer) -> None:
    known = [("Hamas", "hamas"), ("Hezbollah", "hezbollah"), ("Houthis", "houthis"),
             ("al-Shabaab", "al_shabaab"), ("Boko Haram", "boko_haram"), ("PKK", "pkk"),
             ("SDF", "syrian_democratic_forces"), ("M23", "m23"),
             ("CIS", "commonwealth_of_independent_states")]
    for name, expected in known:
        assert [a.id for a in gaz.resolve_all(name)] == [expected]


def test_namibia_keeps_its_code(gaz: Gazetteer) -> None:
    assert gaz.resolve("NAM").id == "namibia"


@pytest.mark.parametrize(
    ("acts_for", "role", "first_year"),
    [
        ("united_states", "president", 1946),
        ("united_kingdom", "prime minister", 1946),
        ("france", "president", 1959),
        ("united_nations", "secretary-general", 1954),
    ],
)
def test_one_office_holder_every_year(
    gaz: Gazetteer, acts_for: str, role: str, first_year: int
) -> None:
    # Mid-year, away from hand-over days: exactly one holder each year up to now.
    for year in range(first_year, 2026):
        assert len(holders(gaz, acts_for, role, date(year, 7, 1))) == 1, (acts_for, year)


def test_office_holders_by_date(gaz: Gazetteer) -> None:
    assert holders(gaz, "russia", "president", date(1995, 6, 1)) == ["boris_yeltsin"]
    assert holders(gaz, "russia", "president", date(2005, 6, 1)) == ["vladimir_putin"]
    assert holders(gaz, "soviet_union", "president", date(1991, 6, 1)) == ["mikhail_gorbachev"]
    assert holders(gaz, "russia", "president", date(1991, 6, 1)) == []
    assert holders(gaz, "communist_party_of_the_soviet_union", "general secretary",
                   date(1983, 6, 1)) == ["yuri_andropov"]
    assert holders(gaz, "united_states", "secretary of state", date(1974, 6, 1)) == [
        "henry_kissinger"
    ]
    assert holders(gaz, "china", "premier", date(2008, 6, 1)) == ["wen_jiabao"]


def test_gorbachev_and_yeltsin_by_date(gaz: Gazetteer) -> None:
    assert gaz.role_on("mikhail_gorbachev", date(1991, 6, 1)) == ("soviet_union", "president")
    assert gaz.role_on("mikhail_gorbachev", date(1993, 6, 1)) is None
    assert gaz.role_on("boris_yeltsin", date(1991, 6, 1)) == (
        "russia", "chairman of the Supreme Soviet"
    )
    assert gaz.role_on("boris_yeltsin", date(1993, 6, 1)) == ("russia", "president")
    assert gaz.actor("mikhail_gorbachev").country == "SUN"
    assert gaz.actor("boris_yeltsin").country == "RUS"
    # A chancellor of both Germanys: the latest role decides the country.
    assert gaz.role_on("helmut_kohl", date(1985, 6, 1)) == ("west_germany", "chancellor")
    assert gaz.actor("helmut_kohl").country == "DEU"


@pytest.mark.parametrize(
    ("name", "on", "expected"),
    [
        ("Bush", date(1990, 8, 2), "george_h_w_bush"),
        ("Bush", date(2003, 3, 20), "george_w_bush"),
        ("President Bush", date(2003, 3, 20), "george_w_bush"),
        ("Clinton", date(1995, 6, 1), "bill_clinton"),
        ("Clinton", date(2011, 6, 1), "hillary_clinton"),
        ("Assad", date(1982, 2, 1), "hafez_al_assad"),
        ("Assad", date(2013, 8, 21), "bashar_al_assad"),
        ("Castro", date(1962, 10, 22), "fidel_castro"),
        ("Castro", date(2015, 7, 20), "raul_castro"),
        ("Vance", date(1978, 9, 17), "cyrus_vance"),
        ("Vance", date(2025, 6, 1), "jd_vance"),
        ("Gorbachev", date(1987, 12, 8), "mikhail_gorbachev"),
        ("Khrushchev", date(1962, 10, 26), "nikita_khrushchev"),
        ("Milosevic", date(1999, 3, 24), "slobodan_milosevic"),
        ("Qaddafi", date(1986, 4, 15), "muammar_gaddafi"),
        ("Ban Ki-moon", date(2010, 1, 1), "ban_ki_moon"),
    ],
)
def test_shared_surnames_of_past_leaders_resolve_by_date(
    gaz: Gazetteer, name: str, on: date, expected: str
) -> None:
    assert gaz.resolve(name, on=on).id == expected


def test_shared_surnames_without_a_date(gaz: Gazetteer) -> None:
    # Two former office holders and no date: neither is chosen.
    assert gaz.resolve("Bush") is None
    assert {a.id for a in gaz.resolve_all("Bush")} == {"george_h_w_bush", "george_w_bush"}
    # The one in office now wins over a former one.
    assert gaz.resolve("Vance").id == "jd_vance"
    # Common words are not taken as surnames.
    for word in ("Rice", "Ford", "Begin", "Ban", "Major", "Brown"):
        assert gaz.resolve(word) is None, word


def test_add_with_validity_period() -> None:
    gaz = load_gazetteer()
    gaz.add(Actor("old_ruritania", "Ruritania", ActorType.STATE, country="RUR"),
            start=date(1890, 1, 1), end=date(1919, 6, 28))
    assert gaz.period("old_ruritania") == (date(1890, 1, 1), date(1919, 6, 28))
    assert gaz.existed_on("old_ruritania", date(1900, 5, 1))
    assert not gaz.existed_on("old_ruritania", date(1950, 5, 1))
    assert not gaz.existed_on("old_ruritania")
    with pytest.raises(ValueError, match="before start"):
        gaz.add(Actor("bad", "Bad", ActorType.STATE), start=date(2000, 1, 1),
                end=date(1999, 1, 1))


def test_a_user_gazetteer_with_yaml_aliases_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "laughs.yaml"
    path.write_text(
        "- id: freedonia\n  label: Freedonia\n  type: State\n"
        "  aliases: &a [Fredonia, Freedon]\n"
        "- id: sylvania\n  label: Sylvania\n  type: State\n  aliases: *a\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_gazetteer([path])
    assert "aliases (*name) are not allowed" in str(caught.value)
    assert "laughs.yaml" in str(caught.value) and ":8" in str(caught.value)

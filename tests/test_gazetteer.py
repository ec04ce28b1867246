"""Tests of the actor gazetteer: coverage of the built-in data, name resolution, dated roles,
malformed files and user extensions."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from graphkit.errors import InputError
from graphkit.gazetteer import Gazetteer, Role, SurfaceForm, load_gazetteer, normalize_name
from graphkit.model import Actor, ActorType

# ISO 3166-1 alpha-3 codes of the 193 UN member states (written out here on purpose: the
# test must not take its expectations from the data it checks).
UN_MEMBERS = re.findall(
    r"[A-Z]{3}",
    """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA
BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE PRK DNK
DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB
GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO
LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA
KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB
ZWE
""",
)


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
    states = gaz.of_type(ActorType.STATE)
    codes = Counter(s.country for s in states)
    assert all(re.fullmatch(r"[A-Z]{3}", code or "") for code in codes)
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

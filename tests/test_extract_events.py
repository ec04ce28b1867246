"""References to earlier events and stances of the article (graphkit/extract/events.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphkit.errors import InputError
from graphkit.extract.events import load_events
from graphkit.extract.pipeline import Extractor
from graphkit.ingest import Article


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def triples(ex: Extractor, text: str) -> set[tuple[str, str, str]]:
    result = ex.extract(Article(id="t", text=text))
    return {(s.subject, s.predicate, s.object) for s in result.stances}


# -- the reaction goes to the agent of the event -------------------------------------------

def test_condemned_attack_goes_to_the_attacker(ex):
    got = triples(ex, "Armenian artillery shelled two villages in Azerbaijan overnight. "
                      "Turkey condemned the attack on Monday.")
    assert ("turkey", "criticizes", "armenia") in got
    assert ("turkey", "criticizes", "azerbaijan") not in got


def test_coordinated_strikers_are_all_criticised(ex):
    got = triples(ex, "Britain and the United States bombed rebel positions in Yemen. "
                      "Iran denounced the strikes as a violation of international law.")
    assert {("iran", "criticizes", "united_kingdom"),
            ("iran", "criticizes", "united_states")} <= got


def test_expulsions_refer_to_the_expelling_state(ex):
    got = triples(ex, "Poland expelled three Belarusian diplomats on Friday. "
                      "Minsk protested against the expulsions.")
    assert ("belarus", "protests", "poland") in got


def test_agent_written_after_the_noun_is_taken_as_is(ex):
    got = triples(ex, "Denmark deplored the mass expulsion of Danish envoys from Mali.")
    assert ("denmark", "criticizes", "mali") in got


def test_target_narrows_which_attack(ex):
    got = triples(ex, "Ethiopian troops shelled Eritrea. Sudan attacked Chad on Tuesday. "
                      "Egypt condemned the attack on Eritrea.")
    assert ("egypt", "criticizes", "ethiopia") in got
    assert ("egypt", "criticizes", "sudan") not in got


def test_own_side_is_never_the_referent(ex):
    got = triples(ex, "Rwanda attacked Burundi. Burundi then shelled Rwanda. "
                      "Rwanda condemned the strikes.")
    assert ("rwanda", "criticizes", "burundi") in got
    assert not any(s == "rwanda" and o == "rwanda" for s, _, o in got)


def test_welcomed_move_praises_its_maker(ex):
    got = triples(ex, "Norway recognised Palestine on Wednesday. "
                      "The Arab League welcomed the move.")
    assert ("arab_league", "praises", "norway") in got


# -- references that cannot be resolved are dropped -----------------------------------------

def test_no_earlier_event_no_stance(ex):
    got = triples(ex, "Ghana condemned the attack.")
    assert not got


def test_wrong_kind_of_event_is_not_a_referent(ex):
    # An expulsion is no attack: "the attack" finds nothing to refer to.
    got = triples(ex, "Latvia expelled a Russian diplomat. Estonia condemned the attack.")
    assert not any(s == "estonia" for s, _, _ in got)


def test_owned_event_is_read_as_usual(ex):
    got = triples(ex, "Serbia shelled Kosovo. Albania condemned the Serbian attack.")
    assert ("albania", "criticizes", "serbia") in got


def test_negated_reaction_gives_nothing(ex):
    got = triples(ex, "Armenia shelled Azerbaijan. Georgia did not condemn the attack.")
    assert not any(s == "georgia" for s, _, _ in got)


def test_hypothetical_reaction_gives_nothing(ex):
    got = triples(ex, "The International Court of Justice ruled against Peru. "
                      "Peru could reject the ruling, an analyst said.")
    assert not any(s == "peru" and p == "rejects" for s, p, _ in got)


def test_participle_after_a_plain_noun_is_not_the_subjects_reaction(ex):
    got = triples(ex, "Israel bombed a depot in Lebanon. Lebanese television showed crowds "
                      "celebrating the strikes.")
    assert not any(p == "praises" for _, p, _ in got)


def test_dismissed_sanctions_is_no_reading(ex):
    got = triples(ex, "Brussels slapped new penalties on Iran in May. Tehran dismissed the "
                      "sanctions.")
    assert ("iran", "rejects", "european_union") not in got


def test_reference_does_not_take_the_next_verbs_subject(ex):
    got = triples(ex, "Hungary rejected the decision and accused Romania of bad faith.")
    assert ("hungary", "accuses", "romania") in got


# -- rulings and threats of retaliation -----------------------------------------------------

def test_ruling_goes_to_the_court_named_last(ex):
    got = triples(ex, "The International Court of Justice ruled on the maritime border on "
                      "Thursday. Colombia refused to recognise the ruling.")
    assert ("colombia", "rejects", "international_court_of_justice") in got


def test_ruling_without_a_court_is_dropped(ex):
    got = triples(ex, "Colombia rejected the ruling.")
    assert not got


def test_threat_to_retaliate_for_named_strikes(ex):
    got = triples(ex, "Syria vowed to retaliate for Turkish air strikes near Aleppo.")
    assert ("syria", "threatens", "turkey") in got


def test_threat_to_retaliate_for_referred_attack(ex):
    got = triples(ex, "Pakistani jets struck camps in Afghanistan on Sunday. "
                      "Kabul threatened to retaliate for the attack.")
    assert ("afghanistan", "threatens", "pakistan") in got


# -- the data file ----------------------------------------------------------------------------

def test_event_nouns_have_plurals_and_roles():
    ev = load_events()
    assert ev.nouns["strikes"].role == ev.nouns["strike"].role == "deed"
    assert ev.nouns["verdict"].role == "ruling"
    assert "expels" in ev.nouns["expulsions"].refers_to


def test_inactive_group_is_left_out(tmp_path: Path):
    path = tmp_path / "events.yaml"
    path.write_text("events:\n  - role: charge\n    active: false\n    words: [claim]\n"
                    "  - role: ruling\n    words: [verdict]\n", encoding="utf-8")
    ev = load_events(path)
    assert "claim" not in ev.nouns and "verdict" in ev.nouns


def test_bad_role_names_the_file(tmp_path: Path):
    path = tmp_path / "events.yaml"
    path.write_text("events:\n  - role: rumour\n    words: [claim]\n", encoding="utf-8")
    with pytest.raises(InputError, match="events.yaml"):
        load_events(path)


# -- echoes: "Y followed suit" repeats the latest stance of its kind -----------------------

def test_similar_condemnations_repeat_the_latest_condemnation(ex):
    got = triples(ex, "The army of Chad seized power on Monday. France condemned the coup. "
                      "The African Union issued similar condemnations.")
    assert ("african_union", "criticizes", "chad_military") in got


def test_followed_suit_repeats_the_deed_for_each_subject(ex):
    got = triples(ex, "Poland expelled two Russian diplomats. Lithuania and Latvia quickly "
                      "followed suit.")
    assert {("lithuania", "expels", "russia"), ("latvia", "expels", "russia")} <= got


def test_negated_echo_gives_nothing(ex):
    got = triples(ex, "Poland expelled two Russian diplomats. Estonia did not follow suit.")
    assert not any(s == "estonia" for s, _, _ in got)


def test_echoed_call_is_an_appeal(ex):
    got = triples(ex, "Brazil called on Venezuela to free the prisoners. Chile echoed the call.")
    assert ("chile", "appeals", "venezuela") in got


def test_echo_without_an_earlier_stance_gives_nothing(ex):
    assert not triples(ex, "Chile followed suit.")

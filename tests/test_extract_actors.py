"""Actor mentions: demonyms, metonyms, organs, titled persons, short names and references."""

from __future__ import annotations

from datetime import date

import pytest

from graphkit.extract.actors import ArticleContext
from graphkit.extract.pipeline import Extractor
from graphkit.ingest import Article
from graphkit.model import ActorType


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def mentions(ex: Extractor, *lines: str, published: date | None = None):
    ctx = ArticleContext(published=published)
    out = []
    for line in lines:
        doc = ex.nlp(line)
        out.append([(doc[m.start:m.end].text, m.actor, m.kind)
                    for m in ex.actors.find(doc, ctx)])
    return out, ctx


def test_names_and_aliases(ex):
    (found,), _ = mentions(ex, "The U.S. and the United Kingdom spoke.")
    assert [a for _, a, _ in found] == ["united_states", "united_kingdom"]


def test_demonym(ex):
    (found,), _ = mentions(ex, "Chinese officials met Iranian diplomats.")
    ids = [a for _, a, _ in found]
    assert ids == ["china", "iran"]


def test_demonym_inside_another_name_is_not_the_state(ex):
    (found,), _ = mentions(ex, "The Latin American summit opened.")
    assert "united_states" not in [a for _, a, _ in found]


def test_metonyms(ex):
    (found,), _ = mentions(ex, "Moscow said the Kremlin and the White House disagree.")
    assert [a for _, a, _ in found] == ["russia", "russia", "united_states"]


def test_organ_of_a_state_is_a_body_acting_for_it(ex):
    (found,), ctx = mentions(ex, "Brazil's Ministry of Commerce replied.")
    (text, actor_id, kind), = found
    actor = ex.actors.actor(actor_id, ctx)
    assert actor.type is ActorType.GOVERNMENT_BODY
    assert actor.acts_for == "brazil" and actor.country == "BRA"
    assert text == "Brazil's Ministry of Commerce"


def test_government_and_administration_stand_for_the_state(ex):
    (found,), _ = mentions(ex, "The Trump administration and the Iranian government argued.",
                           published=date(2019, 6, 1))
    assert [a for _, a, _ in found] == ["united_states", "iran"]


def test_titled_unknown_person(ex):
    (found,), ctx = mentions(ex, "Brazilian Foreign Minister Ana Paula Lima spoke.")
    (text, actor_id, kind), = found
    assert actor_id == "ana_paula_lima" and kind == "title"
    person = ctx.actors["ana_paula_lima"]
    assert person.type is ActorType.PERSON and person.acts_for == "brazil"
    assert person.country == "BRA" and person.role == "foreign minister"
    (fact,) = ctx.roles
    assert (fact.person, fact.relation, fact.target) == ("ana_paula_lima", "acts_for", "brazil")


def test_spokesperson_of_a_body(ex):
    (found,), ctx = mentions(ex, "Turkish Foreign Ministry spokesperson Deniz Kaya said so.")
    person = ctx.actors["deniz_kaya"]
    assert ex.actors.state_of(person.id, ctx) == "turkey"
    assert ctx.roles[0].relation == "spokesperson_of"


def test_short_name_later_in_the_article(ex):
    (_, second), _ = mentions(ex, "Egyptian President Omar Farid arrived.", "Farid added more.")
    assert second[0][1:] == ("omar_farid", "short")


def test_pronoun_and_role_reference(ex):
    (_, second), _ = mentions(ex, "Polish Defense Minister Jan Nowak met Canada.",
                              "He said the minister and that country agreed.")
    assert [(a, k) for _, a, k in second] == [
        ("jan_nowak", "reference"), ("jan_nowak", "reference"), ("canada", "reference")]


def test_pronoun_as_subject_of_a_stance(ex):
    text = "Kenyan President Amina Otieno spoke on Monday.\nShe condemned Somalia."
    result = ex.extract(Article(id="p", text=text))
    assert ("amina_otieno", "criticizes", "somalia") in {s.key for s in result.stances}


def test_role_stances_for_titled_persons(ex):
    text = "Chilean Foreign Minister Rosa Vidal praised Peru."
    result = ex.extract(Article(id="r", text=text))
    assert ("rosa_vidal", "praises", "peru") in {s.key for s in result.stances}
    role = next(s for s in result.roles)
    assert role.key == ("rosa_vidal", "acts_for", "chile")
    assert role.evidence[0].sentence == text
    assert "rosa_vidal" in result.actors and "chile" in result.actors


def test_capitals_and_seats_of_former_states_follow_the_article_date(ex):
    found, _ = mentions(ex, "Moscow rejected the note.", "The Kremlin replied.",
                        published=date(1968, 8, 21))
    assert [m[1] for m in found[0]] == ["soviet_union"]
    assert [m[1] for m in found[1]] == ["soviet_union"]
    later, _ = mentions(ex, "Moscow rejected the note.", published=date(2015, 5, 1))
    assert [m[1] for m in later[0]] == ["russia"]


def test_title_with_its_state_after_the_name(ex):
    found, ctx = mentions(ex, "Foreign Minister Tomas Ferreyra of Uruguay spoke.")
    assert found[0] == [("Foreign Minister Tomas Ferreyra of Uruguay", "tomas_ferreyra", "title")]
    assert ctx.actors["tomas_ferreyra"].acts_for == "uruguay"


def test_plural_reference_gives_one_mention_per_member(ex):
    (_, found), _ = mentions(ex, "Greece and Turkey held talks.", "Both countries agreed.")
    assert [(t, a) for t, a, _ in found] == [("Both countries", "greece"),
                                            ("Both countries", "turkey")]


def test_ministry_refers_to_last_body(ex):
    (_, found), _ = mentions(ex, "The Russian Foreign Ministry spoke.", "The ministry added.")
    assert found == [("The ministry", "russian_foreign_ministry", "reference")]


def test_titled_name_in_mixed_case(ex):
    (found,), ctx = mentions(ex, "Agency Director General Karim ElHadi spoke in Vienna.")
    assert ("karim_elhadi") in [a for _, a, _ in found]
    assert ctx.actors["karim_elhadi"].label == "Karim ElHadi"


def test_titled_name_with_particles_and_hyphens(ex):
    (first, second), _ = mentions(ex, "Saudi Crown Prince Faisal bin Nayef al-Rashid arrived.",
                                  "Dutch Minister Anna van der Berg spoke.")
    assert "faisal_bin_nayef_al_rashid" in [a for _, a, _ in first]
    assert "anna_van_der_berg" in [a for _, a, _ in second]


def test_honorifics_introduce_unknown_persons(ex):
    (found,), _ = mentions(ex, "Sheikh Omar Haddad and Dr. Lina Farah met in Doha.")
    ids = [a for _, a, _ in found]
    assert "omar_haddad" in ids and "lina_farah" in ids


def test_acronym_does_not_extend_a_name(ex):
    (found,), _ = mentions(ex, "President Ana Soto NATO summit.")
    assert "ana_soto" in [a for _, a, _ in found]


def test_counterpart_joins_coordination(ex):
    (found,), ctx = mentions(ex, "Kenyan President Amos Rono and his Ugandan counterpart "
                                 "Ben Okello met.")
    assert [a for _, a, _ in found] == ["amos_rono", "ben_okello"]
    assert ctx.actors["ben_okello"].acts_for == "uganda"
    assert ("amos_rono", "ben_okello") in ctx.groups


def test_government_of_is_not_read_from_context(ex):
    (found,), _ = mentions(ex, "Chile said the government of President Ana Soto was fine.")
    assert [a for _, a, _ in found].count("chile") == 1


def test_state_organ_seated_in_a_capital(ex):
    (found,), _ = mentions(ex, "The new government in Lima protested.")
    assert [a for _, a, _ in found] == ["peru"]


def test_unplaced_leader_title_falls_back_to_the_articles_first_state(ex):
    _, ctx = mentions(ex, "Fiji signed a deal on Monday.", "Prime Minister Joni Rabuka spoke.")
    assert ctx.actors["joni_rabuka"].acts_for == "fiji"

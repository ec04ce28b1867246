"""Verb frames, control and complement structure (issue 10), on sentences of our own."""

from __future__ import annotations

import pytest

from graphkit.extract.pipeline import Extractor
from graphkit.ingest import Article


@pytest.fixture(scope="module")
def ex() -> Extractor:
    return Extractor()


def triples(ex: Extractor, text: str) -> set[tuple[str, str, str]]:
    return {s.key for s in ex.extract(Article(id="t", text=text)).stances}


def test_trigger_preposition_governs_actor_after_article(ex):
    got = triples(ex, "Estonia would welcome more support from the European Union.")
    assert ("estonia", "appeals", "european_union") in got
    got = triples(ex, "Peru cut diplomatic ties with the government of Bolivia last year.")
    assert ("peru", "cuts_ties", "bolivia") in got


def test_deed_inside_a_denial_is_not_stated(ex):
    got = triples(ex, "Iran repeated its denial that it had any part in an attack on Kuwait.")
    assert ("iran", "attacks", "kuwait") not in got
    got = triples(ex, "Serbia denied that it had shelled Croatia.")
    assert ("serbia", "attacks", "croatia") not in got
    # A plain attack is still read.
    assert ("serbia", "attacks", "croatia") in triples(ex, "Serbia shelled Croatia on Monday.")


def test_second_speech_verb_keeps_the_first_subject(ex):
    result = ex.extract(Article(id="t", text=(
        "Egypt condemned the arrest of its citizens in Libya and reiterated that Sudan "
        "had attacked Chad.")))
    speakers = {e.speaker for s in result.stances for e in s.evidence
                if s.key == ("sudan", "attacks", "chad")}
    assert speakers == {"egypt"}


def test_object_of_a_participle_is_no_subject(ex):
    got = triples(ex, "Observers monitoring Libya sanctions accused Chad of smuggling arms.")
    assert not any(s == "libya" for s, _, _ in got)
    got = triples(ex, "The president is ready to use the Kenyan army to force Somalia out.")
    assert not any(s == "kenya_military" for s, _, _ in got)


def test_charge_after_of_gerund_is_the_accused_deed(ex):
    got = triples(ex, "Poland accused the Belarusian regime of seeking to destabilise Lithuania.")
    assert ("poland", "accuses", "belarus") in got
    assert not any(s == "belarus" for s, _, _ in got)
    got = triples(ex, "Qatar accused the kingdom of ignoring the wishes of Yemen.")
    assert ("qatar", "accuses", "yemen") not in got


def test_verb_particle_is_no_trigger(ex):
    got = triples(ex, "Japan told Russia to pull back its warships.")
    assert ("japan", "supports", "russia") not in got
    got = triples(ex, "Chile called for Peru to pull back its troops.")
    assert ("chile", "supports", "peru") not in got

"""Reversals and polarity: lifted sanctions are concessions, halted talks reduce relations,
offers are intents, refused meetings are rejections, troops sent to a partner cooperate;
each with the CAMEO code of the rule that changed the type. Sentences written for these
tests."""

from __future__ import annotations

import pytest

from graphkit.extract.lexicon import load_lexicon
from graphkit.extract.pipeline import Extractor
from graphkit.ingest import Article
from graphkit.ontology import load_ontology


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def readings(extractor: Extractor, text: str) -> dict[tuple[str, str, str], str | None]:
    result = extractor.extract(Article(id="t", text=text))
    return {(s.subject, s.predicate, s.object): s.evidence[0].cameo for s in result.stances}


@pytest.mark.parametrize("text, triple, code", [
    ("The United States eased sanctions on Cuba.", ("united_states", "concedes", "cuba"), "085"),
    ("Turkey suspended its sanctions against Russia.", ("turkey", "concedes", "russia"), "085"),
    ("Russia halted talks with Ukraine.", ("russia", "cuts_ties", "ukraine"), "164"),
    ("Germany suspended aid to Niger.", ("germany", "sanctions", "niger"), "162"),
    ("Vladimir Putin refused to meet Volodymyr Zelensky.",
     ("vladimir_putin", "rejects", "volodymyr_zelensky"), "125"),
    ("Serbia refused to recognize Kosovo.", ("serbia", "rejects", "kosovo"), "120"),
    # the lexicon may name the intent itself (039, intent to mediate): any intent code
    ("China offered to mediate between Russia and Ukraine.", ("china", "agrees", "russia"),
     "03"),
    ("The EU would impose sanctions on Russia.", ("european_union", "threatens", "russia"),
     "1312"),
    ("Russia sent troops to Belarus at the request of its government.",
     ("russia", "cooperates_militarily", "belarus"), "062"),
])
def test_rules_change_type_and_code(extractor: Extractor, text: str, triple: tuple,
                                    code: str) -> None:
    found = readings(extractor, text)
    assert triple in found, found
    assert found[triple].startswith(code), found[triple]


@pytest.mark.parametrize("text, absent", [
    ("The United States eased sanctions on Cuba.", ("united_states", "sanctions", "cuba")),
    ("Vladimir Putin refused to meet Volodymyr Zelensky.",
     ("vladimir_putin", "meets", "volodymyr_zelensky")),
    ("Russia halted talks with Ukraine.", ("ukraine", "cuts_ties", "russia")),
    ("Russia halted talks with Ukraine.", ("russia", "negotiates", "ukraine")),
    ("Germany declined to comment on Niger.", ("germany", "rejects", "niger")),
])
def test_the_reversed_reading_is_gone(extractor: Extractor, text: str, absent: tuple) -> None:
    assert absent not in readings(extractor, text)


def test_a_deployment_to_a_partner_is_military_cooperation(extractor: Extractor) -> None:
    text = ("Russia signed a military cooperation agreement with Venezuela in March. "
            "Russian troops landed in Venezuela on Saturday.")
    found = readings(extractor, text)
    assert any(p == "cooperates_militarily" and o == "venezuela" for _, p, o in found), found
    assert not any(p == "deploys_forces" for _, p, _ in found)


def test_a_deployment_against_an_enemy_stays_force_posture(extractor: Extractor) -> None:
    text = "Russia deployed troops to Ukraine's border. Russia attacked Ukraine."
    found = readings(extractor, text)
    assert ("russia", "deploys_forces", "ukraine") in found


def test_the_bundled_example_shows_russia_cooperating_not_deploying_against() -> None:
    from pathlib import Path

    from graphkit.ingest import read_article

    path = Path(__file__).parent.parent / "examples" / "venezuela_2019.txt"
    result = Extractor().extract(read_article(path))
    hostile = {(s.subject, s.object) for s in result.stances
               if s.predicate == "deploys_forces"}
    assert not {pair for pair in hostile if pair[1] == "venezuela"}


def test_every_recode_is_a_code_of_the_new_type() -> None:
    lex, ontology = load_lexicon(), load_ontology()
    becomes = {"refused": {lex.refused_becomes}, "halted": {lex.halted_becomes,
                                                            *lex.halted_types.values()},
               "reversed": {lex.reversed_becomes}, "intent": {lex.intent_becomes},
               "threatened": {lex.coercive_becomes}}
    for rule, table in lex.recode.items():
        roots = set().union(*(ontology[t].cameo_roots for t in becomes[rule]))
        for kind, code in table.items():
            assert code[:2] in roots, (rule, kind, code)
    assert lex.hosted_code[:2] in ontology[lex.hosted_becomes].cameo_roots

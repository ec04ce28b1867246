"""The lexicon files: loading, inflection, validation against the ontology."""

from __future__ import annotations

import shutil

import pytest

from graphkit.errors import InputError
from graphkit.extract.lexicon import load_grammar, load_lexicon, noun_forms, verb_forms
from graphkit.resources import ontology_file


def test_inflection():
    assert {"recognize", "recognizes", "recognized", "recognizing"} <= verb_forms("recognize")
    assert {"told", "tells", "telling"} <= verb_forms("tell")
    assert {"cut", "cuts", "cutting"} <= verb_forms("cut")
    assert {"imposed", "imposing"} <= verb_forms("impose")
    assert {"accuse", "accused", "accusing"} <= verb_forms("accuse")
    assert noun_forms("sanction") == {"sanction", "sanctions"}


def test_multiword_triggers_are_inflected_on_their_head():
    lex = load_lexicon()
    for form in [("cut", "ties", "with"), ("cuts", "ties", "with"), ("severed", "ties", "with")]:
        assert lex.triggers[form][0].type == "cuts_ties"
    assert lex.triggers[("leaning", "toward")][0].type == "supports"


def test_every_trigger_type_is_in_the_ontology():
    from graphkit.ontology import load_ontology

    onto = load_ontology()
    lex = load_lexicon()
    assert all(t.type in onto for ts in lex.triggers.values() for t in ts)


def test_cues_are_loaded():
    lex = load_lexicon()
    assert "not" in lex.negation and "on" in lex.blocking_preps
    assert ("refused", "to") in lex.refusal
    assert ("would",) in lex.modality
    assert "said" in lex.speech_verbs and "told" in lex.speech_verbs


def _copy(tmp_path):
    folder = tmp_path / "lexicon"
    shutil.copytree(ontology_file("lexicon"), folder)
    return folder


def test_unknown_stance_type_names_file_and_line(tmp_path):
    folder = _copy(tmp_path)
    path = folder / "stances.yaml"
    path.write_text("- type: recognizes\n  phrases: [hail]\n- type: befriends\n  phrases: [hug]\n")
    with pytest.raises(InputError) as info:
        load_lexicon(folder)
    assert str(path) in str(info.value) and ":3:" in str(info.value)
    assert "befriends" in str(info.value)


def test_user_trigger_file_adds_triggers(tmp_path):
    folder = _copy(tmp_path)
    (folder / "stances_extra.yaml").write_text("- type: praises\n  phrases: [fete]\n")
    lex = load_lexicon(folder)
    assert lex.triggers[("feted",)][0].type == "praises"


def test_bad_yaml(tmp_path):
    folder = _copy(tmp_path)
    (folder / "titles.yaml").write_text("- {title: [unclosed\n")
    with pytest.raises(InputError, match="titles.yaml"):
        load_lexicon(folder)


def test_support_verbs_are_inflected(tmp_path):
    folder = _copy(tmp_path)
    (folder / "stances_extra.yaml").write_text(
        "- type: agrees\n  pos: noun\n  phrases: [compact]\n  support: [forge]\n")
    lex = load_lexicon(folder)
    trigger = next(t for t in lex.triggers[("compacts",)] if t.support)
    assert {"forge", "forged", "forging", "forges"} <= trigger.support


def test_negation_scope_cues_are_loaded():
    lex = load_lexicon()
    assert "any" in lex.negative_quantifiers
    assert "nobody" in lex.negative_objects


def test_grammar_words_are_loaded():
    grammar = load_lexicon().grammar
    assert "von" in grammar.name_particles and ("they",) in grammar.clause_pronouns
    assert grammar.numbers["several"] == 3 and grammar.counts["both"] == 2


def test_grammar_missing_key_names_the_file(tmp_path):
    folder = _copy(tmp_path)
    path = folder / "grammar.yaml"
    kept = [line for line in path.read_text().splitlines() if not line.startswith("verb_links:")]
    path.write_text("\n".join(kept) + "\n")
    with pytest.raises(InputError, match="verb_links") as info:
        load_lexicon(folder)
    assert str(path) in str(info.value)


def test_grammar_wrong_shape_names_the_file(tmp_path):
    path = tmp_path / "grammar.yaml"
    source = (ontology_file("lexicon") / "grammar.yaml").read_text()
    path.write_text(source.replace("counts: {both: 2,", "counts: {both: two,"))
    with pytest.raises(InputError, match="counts") as info:
        load_grammar(path)
    assert str(path) in str(info.value)
    path.write_text(source.replace("gerund_preps: [of, for]", "gerund_preps: of"))
    with pytest.raises(InputError, match="gerund_preps"):
        load_grammar(path)

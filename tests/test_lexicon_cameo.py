"""The CAMEO lexicon: codebook coverage, code/type consistency, size, loader checks and a
few extractions through triggers of several roots."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graphkit.errors import InputError
from graphkit.extract.cameo_lexicon import cameo_entries, codebook, load_codebook
from graphkit.extract.lexicon import load_lexicon
from graphkit.ontology import load_ontology
from graphkit.resources import ontology_file

CAMEO = ontology_file("lexicon") / "cameo"


@pytest.fixture(scope="module")
def ontology():
    return load_ontology()


@pytest.fixture(scope="module")
def entries(ontology):
    return list(cameo_entries(CAMEO, ontology))


def test_codebook_lists_the_cameo_event_codes():
    book = codebook()
    assert len(book) >= 280
    assert {"010", "0211", "195", "204", "2042"} <= set(book)
    assert {c.root for c in book.values()} == {f"{i:02d}" for i in range(1, 21)}
    assert book["195"].goldstein == -10.0 and book["057"].goldstein == 8.0
    assert book["010"].goldstein == 0.0 and book["0874"].goldstein == 10.0


def test_every_code_of_the_codebook_has_an_entry(entries):
    covered = {entry["cameo"] for _, _, entry in entries}
    assert set(codebook()) - covered == set()


def test_every_entry_code_belongs_to_its_type_root(entries, ontology):
    book = codebook()
    for path, _, entry in entries:
        assert entry["cameo"] in book, path
        assert entry["cameo"][:2] == path.name[:2]
        assert entry["cameo"][:2] in ontology[entry["type"]].cameo_roots, (path, entry)


def test_codebook_default_types_cover_their_roots(ontology):
    for code in codebook().values():
        assert code.root in ontology[code.stance_type].cameo_roots, code


def test_lexicon_size(entries):
    phrases = [p for _, _, entry in entries for p in entry["phrases"]]
    assert len(phrases) >= 2500
    forms = load_lexicon().triggers
    assert len(forms) >= 4 * 2500


def test_triggers_carry_code_and_goldstein():
    lex = load_lexicon()
    trigger = lex.triggers[("launched", "an", "airstrike", "on")][0]
    assert (trigger.type, trigger.cameo, trigger.goldstein) == ("attacks", "195", -10.0)
    assert lex.triggers[("lifted", "sanctions", "on")][0].cameo == "085"


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "lexicon"
    shutil.copytree(ontology_file("lexicon"), folder)
    return folder


def _write_root(folder: Path, body: str) -> Path:
    path = folder / "cameo" / "19_fight.yaml"
    path.write_text('root: "19"\nname: Fight\ncodes:\n' + body)
    return path


@pytest.mark.parametrize(("body", "message", "line"), [
    ('  "199":\n    name: x\n    entries:\n      - phrases: [pummel]\n', "not in the codebook", 5),
    ('  "180":\n    name: x\n    entries:\n      - phrases: [pummel]\n', "not of CAMEO root 19", 5),
    ('  "195":\n    name: x\n    entries:\n      - type: praises\n        phrases: [pummel]\n',
     "not of a CAMEO root of praises", 7),
    ('  "195":\n    name: x\n    entries:\n      - phrases: [pummel]\n        colour: red\n',
     "unknown key", 7),
])
def test_bad_entries_name_file_and_line(tmp_path, body, message, line):
    folder = _copy(tmp_path)
    path = _write_root(folder, body)
    with pytest.raises(InputError, match=message) as info:
        load_lexicon(folder)
    assert f"{path}:{line}:" in str(info.value)


def test_bad_codebook_line(tmp_path):
    path = tmp_path / "codebook.tsv"
    path.write_text("code\tname\tgoldstein\tstance_type\n"
                    "195\tEmploy aerial weapons\tlots\tattacks\n")
    with pytest.raises(InputError, match="not a number") as info:
        load_codebook(path)
    assert f"{path}:2" in str(info.value)


def test_type_defaults_to_the_codebook(tmp_path):
    folder = _copy(tmp_path)
    _write_root(folder, '  "195":\n    name: x\n    entries:\n'
                        '      - phrases: [pummel from above]\n')
    trigger = load_lexicon(folder).triggers[("pummelled", "from", "above")][0]
    assert (trigger.type, trigger.cameo) == ("attacks", "195")


@pytest.fixture(scope="module")
def extract():
    from graphkit.extract.pipeline import Extractor
    from graphkit.ingest import Article

    extractor = Extractor()

    def run(text: str) -> set[tuple[str, str, str]]:
        result = extractor.extract(Article(id="cameo-test", text=text))
        return {(s.subject, s.predicate, s.object) for s in result.stances}

    return run


def test_airstrike_nominal_with_support_verb(extract):
    got = extract("Turkey carried out a wave of airstrikes on Syria on Sunday, officials said.")
    assert ("turkey", "attacks", "syria") in got


def test_lifting_sanctions_is_a_concession(extract):
    got = extract("Canada lifted sanctions on Cuba after a decade of talks.")
    assert ("canada", "concedes", "cuba") in got
    assert ("canada", "sanctions", "cuba") not in got
    got = extract("Japan eased the sanctions on Myanmar in March.")
    assert ("japan", "concedes", "myanmar") in got and ("japan", "sanctions", "myanmar") not in got


def test_recalling_an_ambassador_cuts_ties(extract):
    assert ("peru", "cuts_ties", "chile") in extract("Peru recalled its ambassador from Chile.")
    assert ("ghana", "cuts_ties", "togo") in extract("Ghana recalled its ambassador to Togo.")


def test_reduced_relations(extract):
    assert ("canada", "sanctions", "haiti") in extract("Canada suspended aid to Haiti on Monday.")
    assert ("egypt", "cuts_ties", "ethiopia") in extract("Egypt broke off talks with Ethiopia.")


def test_pledges_and_military_cooperation(extract):
    assert ("japan", "agrees", "nepal") in extract("Japan pledged humanitarian aid to Nepal.")
    got = extract("France held joint military exercises with Morocco in May.")
    assert ("france", "cooperates_militarily", "morocco") in got


@pytest.mark.parametrize(("text", "stance"), [
    ("India spoke by phone to Brazil on Friday.", ("india", "meets", "brazil")),
    ("Chile lodged a formal protest with Bolivia.", ("chile", "protests", "bolivia")),
    ("Serbia threatened to impose sanctions on Kosovo.", ("serbia", "threatens", "kosovo")),
    ("Qatar offered to mediate between Ethiopia and Eritrea.", ("qatar", "agrees", "eritrea")),
    ("Hungary vetoed the accession of Ukraine.", ("hungary", "rejects", "ukraine")),
    ("Iran hacked into the networks of Israel.", ("iran", "coerces", "israel")),
    ("Mali imposed a curfew on Niger.", ("mali", "coerces", "niger")),
    ("Russia fired water cannons at Georgia.", ("russia", "coerces", "georgia")),
    ("Greece voiced solidarity with Cyprus.", ("greece", "supports", "cyprus")),
])
def test_other_roots(extract, text, stance):
    assert stance in extract(text)

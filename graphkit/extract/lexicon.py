"""The extraction lexicon: stance triggers, titles, organs, speech verbs and grammatical cues.

Everything the extractor knows about English words lives in ``ontology/lexicon/*.yaml``; this
module reads those files, checks them against the ontology, and expands base forms into the
inflected forms a case-insensitive phrase matcher looks for ("cut ties with" -> "cuts ties
with", "cutting ties with" ...). Irregular forms come from spaCy's English lemma lookup table
(``spacy-lookups-data``), read backwards.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from graphkit.errors import InputError
from graphkit.ontology import Ontology, load_ontology
from graphkit.resources import ontology_file

__all__ = ["Grammar", "Lexicon", "RelationNoun", "Relations", "Title", "Trigger", "load_grammar",
           "load_lexicon", "verb_forms", "noun_forms"]

# Kinds of reference back to an earlier actor: a person, a state, any non-person, an
# international organisation ("the alliance"), a government body ("the ministry"), several
# states or organisations named together before ("both sides", "the two countries").
REFERENCE_CATEGORIES = ("person", "state", "thing", "organization", "body", "group")
_OBJECT_FRAMES = {"right", "clause_subject", "context", "between", "none", "complement",
                  "before"}
_SUBJECT_FRAMES = {"left", "speaker"}
_POS = {"verb", "noun", "fixed"}
_RELATIONS = {"acts_for", "leads", "spokesperson_of"}
_TRIGGER_KEYS = {
    "type", "phrases", "pos", "head", "object", "subject", "preps", "symmetric", "reciprocal",
    "passive",
    "support", "then",
    "subject_kind", "confidence",
}


@dataclass(frozen=True)
class Trigger:
    """One lexicon entry as it applies to one matched phrase: what stance it signals and how
    to find the two sides."""

    type: str
    pos: str = "verb"
    object: str = "right"
    subject: str = "left"
    preps: frozenset[str] = frozenset()
    symmetric: bool = False
    # "X and Y met": coordinated subjects with no object act on each other; "X met Y" is
    # still read one way only.
    reciprocal: bool = False
    passive: str = "swap"
    subject_kind: str | None = None
    confidence: float = 0.8
    support: frozenset[str] = frozenset()
    # Words one of which must follow the object: "called for X to withdraw" (a demand of X),
    # not "called for sanctions on X".
    then: frozenset[str] = frozenset()
    source: str = ""
    line: int | None = None
    # The CAMEO event code of the entry ("195") and its Goldstein value, for the entries of
    # ontology/lexicon/cameo/.
    cameo: str | None = None
    goldstein: float | None = None


@dataclass(frozen=True)
class RelationNoun:
    """A relational noun ("ally", "backer"): the stance it carries and who holds it, the
    actor the noun names (``referent``) or the one it is relative to (``anchor``)."""

    type: str
    holder: str = "referent"
    symmetric: bool = False


@dataclass(frozen=True)
class Relations:
    """The word lists of ``relations.yaml``: relational nouns, the words allowed between
    them and their anchor, owned acts ("X's decision to ..."), hyphen compounds
    ("Iranian-backed") and prefixes ("pro-", "anti-"). All lower case."""

    nouns: dict[str, RelationNoun] = field(default_factory=dict)
    modifiers: frozenset[str] = frozenset()
    determiners: frozenset[str] = frozenset()
    person_pronouns: frozenset[str] = frozenset()
    thing_pronouns: frozenset[str] = frozenset()
    owned_acts: frozenset[str] = frozenset()
    compounds: dict[str, str] = field(default_factory=dict)
    prefixes: dict[str, str] = field(default_factory=dict)
    # "agreement signed with": token forms -> stance type; and its CAMEO code.
    agreements: dict[tuple[str, ...], str] = field(default_factory=dict)
    agreement_code: str | None = None


@dataclass(frozen=True)
class Title:
    """A title before a name ("Foreign Minister"): the role and the role relation it gives."""

    title: str
    relation: str = "acts_for"
    country: str | None = None
    # "Mr", "Sheikh", "Dr": names a person without giving them a role.
    honorific: bool = False


@dataclass(frozen=True)
class Grammar:
    """Closed-class words the extraction rules test single tokens against, from
    ``grammar.yaml`` (see the comments there for what each list is for). All lower case."""

    not_names: frozenset[str] = frozenset()
    context_determiners: frozenset[str] = frozenset()
    subject_pronouns: frozenset[str] = frozenset()
    clause_conjunctions: frozenset[str] = frozenset()
    clause_pronouns: frozenset[tuple[str, ...]] = frozenset()
    skip_determiners: frozenset[str] = frozenset()
    prepositions: frozenset[str] = frozenset()
    counts: dict[str, int] = field(default_factory=dict)
    generic_organization: frozenset[str] = frozenset()
    state_nouns: frozenset[str] = frozenset()
    conjunct_determiners: frozenset[str] = frozenset()
    name_particles: frozenset[str] = frozenset()
    complementisers: frozenset[str] = frozenset()
    month_leads: frozenset[str] = frozenset()
    skip_before_actor: frozenset[str] = frozenset()
    telling: frozenset[str] = frozenset()
    determiners: frozenset[str] = frozenset()
    verb_links: frozenset[str] = frozenset()
    gerund_preps: frozenset[str] = frozenset()
    numbers: dict[str, int] = field(default_factory=dict)
    subordinators: frozenset[str] = frozenset()


_GRAMMAR_COUNTS = ("counts", "numbers")


@dataclass
class Lexicon:
    """All word lists the extractor uses, with forms already inflected and tokenised.

    Phrases are kept as tuples of lower-case tokens (spaCy's English tokenisation), the form
    in which the matchers and the cue checks compare them.
    """

    triggers: dict[tuple[str, ...], list[Trigger]] = field(default_factory=dict)
    titles: dict[tuple[str, ...], Title] = field(default_factory=dict)
    organ_bodies: dict[tuple[str, ...], tuple[str, str]] = field(default_factory=dict)
    organ_state: set[tuple[str, ...]] = field(default_factory=set)
    organ_military: set[tuple[str, ...]] = field(default_factory=set)
    # Organs that, named with no state ("the Foreign Ministry said"), act for the state the
    # article is about at that point.
    organ_context: set[tuple[str, ...]] = field(default_factory=set)
    #: Keys of the bodies a state keeps abroad (embassy ...): no owner after "in".
    organ_abroad: set[str] = field(default_factory=set)
    # Adjectives that may stand between a state and its organ ("Mali's transitional
    # government", "the Greek military junta").
    organ_qualifiers: set[str] = field(default_factory=set)
    speech_verbs: set[str] = field(default_factory=set)
    speech_phrases: set[tuple[str, ...]] = field(default_factory=set)
    # "declared a state of war", "announced a ban": a speech verb with a direct object
    # introduced by one of these words reports a deed, not words.
    speech_deed_objects: set[str] = field(default_factory=set)
    speech_deed_verbs: set[str] = field(default_factory=set)
    sources: set[tuple[str, ...]] = field(default_factory=set)
    negation: set[str] = field(default_factory=set)
    negative_quantifiers: set[str] = field(default_factory=set)
    negative_objects: set[str] = field(default_factory=set)
    refusal: set[tuple[str, ...]] = field(default_factory=set)
    refused_becomes: str = "rejects"
    halt: set[tuple[str, ...]] = field(default_factory=set)
    halted_becomes: str | None = None
    modality: set[tuple[str, ...]] = field(default_factory=set)
    hedges: set[tuple[str, ...]] = field(default_factory=set)
    directives: set[tuple[str, ...]] = field(default_factory=set)
    directive_types: set[str] = field(default_factory=set)
    coercive: set[str] = field(default_factory=set)
    coercive_becomes: str = "threatens"
    conditional_coercive: set[str] = field(default_factory=set)
    conditional: set[tuple[str, ...]] = field(default_factory=set)
    accusation_types: set[str] = field(default_factory=set)
    clause_breaks: set[str] = field(default_factory=set)
    relative: set[str] = field(default_factory=set)
    blocking_preps: set[str] = field(default_factory=set)
    be_forms: set[str] = field(default_factory=set)
    coordination: set[tuple[str, ...]] = field(default_factory=set)
    references: dict[tuple[str, ...], str] = field(default_factory=dict)
    first_person: set[str] = field(default_factory=set)
    verb_contexts: set[str] = field(default_factory=set)
    asked_for: set[tuple[str, ...]] = field(default_factory=set)
    adjunct_heads: set[str] = field(default_factory=set)
    list_markers: set[str] = field(default_factory=set)
    patient_nouns: set[str] = field(default_factory=set)
    question_if: set[str] = field(default_factory=set)
    # "denied that it had attacked X", "Y's denial of any involvement in the attack on X": a
    # deed inside what is denied is not stated.
    denial: set[tuple[str, ...]] = field(default_factory=set)
    # "pull back", "hit back": a trigger word that is the particle of the verb before it.
    particles: set[str] = field(default_factory=set)
    particle_verbs: set[str] = field(default_factory=set)
    # "to use the army to force X out": the forces used are the instrument, not the subject.
    instrument_verbs: set[str] = field(default_factory=set)
    # "China said it will downgrade ties with X": a measure of these types that the actor
    # itself announces with a plain future is decided, not threatened.
    future: set[tuple[str, ...]] = field(default_factory=set)
    announced_types: set[str] = field(default_factory=set)
    # "will not hesitate to retaliate", "did not rule out sanctions": a negated hesitation
    # leaves the deed after it standing (as a threat: these cues are modality too).
    undenied: set[tuple[str, ...]] = field(default_factory=set)
    # Clause breaks that are also prepositions ("as"): a clause opens only with a verb.
    also_prepositions: set[str] = field(default_factory=set)
    # "massed troops near the border with X": for these types X is the target.
    border_nouns: set[str] = field(default_factory=set)
    # "X refused to back down after Y froze trade": a reaction with no object of its own
    # is aimed at the actor of the clause it answers.
    reaction_types: set[str] = field(default_factory=set)
    reaction_clauses: set[str] = field(default_factory=set)
    border_types: set[str] = field(default_factory=set)
    # Type changes: "halted talks" (halted_types), "refused to meet" (refused_also), "lifted
    # sanctions" (reversal), "offered to mediate" (intent), "troops sent at X's request"
    # (invited); recode gives each rule's CAMEO code by the entry's stance type.
    halted_types: dict[str, str] = field(default_factory=dict)
    refused_also: set[str] = field(default_factory=set)
    reversal: set[tuple[str, ...]] = field(default_factory=set)
    reversed_types: set[str] = field(default_factory=set)
    reversed_becomes: str | None = None
    intent: set[tuple[str, ...]] = field(default_factory=set)
    intent_also: set[str] = field(default_factory=set)
    intent_becomes: str | None = None
    recode: dict[str, dict[str, str]] = field(default_factory=dict)
    invited: set[tuple[str, ...]] = field(default_factory=set)
    hosted_types: set[str] = field(default_factory=set)
    hosted_becomes: str | None = None
    hosted_code: str | None = None
    # The cooperation that makes a deployment hosted (praise of the host does not).
    hosting_partners: set[str] = field(default_factory=set)
    # "warned (that) ... would bring consequences for X": words that open a warning's
    # complement clause, and prepositions that make an actor in it a place, not the target.
    complement_openers: set[str] = field(default_factory=set)
    complement_places: set[str] = field(default_factory=set)
    # Words in -ing that describe the actor after them ("the ruling regime in X"), never
    # a participle whose object it is.
    ing_adjectives: set[str] = field(default_factory=set)
    # "X, Y, Z and other countries": words after a comma-linked list that close it as one.
    list_tails: set[tuple[str, ...]] = field(default_factory=set)
    # "X's programme was condemned by Y": act nouns whose possessive owner suffers a passive
    # deed (besides relations.yaml's owned_acts).
    patient_acts: set[str] = field(default_factory=set)
    # "threatened to retaliate after X's strikes on Y": words that end the reach of a
    # modal cue (the strikes are no threat).
    modality_bounds: set[str] = field(default_factory=set)
    grammar: Grammar = field(default_factory=Grammar)
    relations: Relations = field(default_factory=Relations)

    def phrase_forms(self) -> Iterable[tuple[str, ...]]:
        """Every trigger form, for the phrase matcher."""
        return self.triggers.keys()


# --- inflection ------------------------------------------------------------------------------


@cache
def _irregular_forms() -> dict[str, frozenset[str]]:
    """Lemma -> irregular verb forms, from spaCy's English lemma exceptions read backwards
    ("told" -> "tell"); the lookup table itself is keyed by hashes and cannot be inverted."""
    from spacy.lookups import load_lookups

    table = load_lookups("en", ["lemma_exc"]).get_table("lemma_exc")
    forms: dict[str, set[str]] = {}
    for form, lemmas in (table.get("verb") or {}).items():
        for lemma in lemmas:
            forms.setdefault(lemma, set()).add(form)
    return {lemma: frozenset(f) for lemma, f in forms.items()}


def _is_vowel(ch: str) -> bool:
    return ch in "aeiou"


def verb_forms(lemma: str) -> set[str]:
    """The base form of a verb and its inflections (3rd person, past, participles).

    Over-generation is harmless here ("visitting" never occurs), missing forms are not.

    Examples
    --------
    >>> {"cut", "cuts", "cutting"} <= verb_forms("cut")
    True
    >>> "recognized" in verb_forms("recognize")
    True
    """
    word = lemma.lower()
    forms = {word} | set(_irregular_forms().get(word, ()))
    if len(word) < 2 or not word.isalpha():
        return forms
    if word.endswith(("s", "sh", "ch", "x", "z", "o")):
        forms.add(word + "es")
    elif word.endswith("y") and not _is_vowel(word[-2]):
        forms.add(word[:-1] + "ies")
    else:
        forms.add(word + "s")
    if word.endswith("e"):
        forms.add(word + "d")
        forms.add(word[:-2] + "ying" if word.endswith("ie") else word[:-1] + "ing")
        if word.endswith("ee"):
            forms.add(word + "ing")
    elif word.endswith("y") and not _is_vowel(word[-2]):
        forms.update({word[:-1] + "ied", word + "ing"})
    else:
        forms.update({word + "ed", word + "ing"})
        if len(word) >= 3 and not _is_vowel(word[-1]) and _is_vowel(word[-2]) \
                and not _is_vowel(word[-3]) and word[-1] not in "wxy":
            forms.update({word + word[-1] + "ed", word + word[-1] + "ing"})
    return forms


def noun_forms(noun: str) -> set[str]:
    """A noun and its plural."""
    word = noun.lower()
    if word.endswith(("s", "sh", "ch", "x", "z")):
        return {word, word + "es"}
    if word.endswith("y") and len(word) > 1 and not _is_vowel(word[-2]):
        return {word, word[:-1] + "ies"}
    return {word, word + "s"}


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(t.lower_ for t in _tokenizer()(text))


@cache
def _tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


def _inflect(phrase: str, pos: str, head: int = 0) -> set[tuple[str, ...]]:
    words = _tokens(phrase)
    if pos == "fixed" or not words or head >= len(words):
        return {words}
    options = verb_forms(words[head]) if pos == "verb" else noun_forms(words[head])
    out = set()
    for form in options:
        out.add(_tokens(" ".join(words[:head] + (form,) + words[head + 1:])))
    return out


# --- reading the files -------------------------------------------------------------------


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers the line of each mapping, for error messages."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Word lists hold "on", "no" and "off" as words: only true/false are booleans here.
_LineLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_LineLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _read(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(path, f"not valid YAML: {exc}", mark.line + 1 if mark else None) from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None


def _str_list(value: Any, path: Path, what: str, line: int | None) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(path, f"{what} must be a list of non-empty strings", line)
    return [v.strip() for v in value]


def _inflected_cues(items: Iterable[str]) -> set[tuple[str, ...]]:
    out: set[tuple[str, ...]] = set()
    for item in items:
        out |= _inflect(item, "verb")
    return out


def _load_triggers(lex: Lexicon, path: Path, ontology: Ontology) -> None:
    data = _read(path)
    if not isinstance(data, list):
        raise InputError(path, "a trigger file is a YAML list of entries", 1)
    for index, entry in enumerate(data, start=1):
        _load_trigger(lex, path, index, entry, ontology)


def _load_trigger(lex: Lexicon, path: Path, index: int, entry: Any, ontology: Ontology,
                  cameo: str | None = None, goldstein: float | None = None) -> None:
    """Add the forms of one trigger entry (entry ``index`` of ``path``) to the lexicon."""
    line = entry.get("__line__") if isinstance(entry, dict) else None
    if not isinstance(entry, dict):
        raise InputError(path, f"entry {index}: expected a mapping", line)
    unknown = sorted(set(entry) - _TRIGGER_KEYS - {"__line__"})
    if unknown:
        raise InputError(path, f"entry {index}: unknown key(s) {', '.join(unknown)}", line)
    kind = entry.get("type")
    if kind not in ontology:
        raise InputError(path, f"entry {index}: {kind!r} is not a stance type", line)
    pos = entry.get("pos", "verb")
    obj = entry.get("object", "right")
    subj = entry.get("subject", "left")
    if pos not in _POS or obj not in _OBJECT_FRAMES or subj not in _SUBJECT_FRAMES:
        raise InputError(path, f"entry {index}: bad pos, object or subject frame", line)
    confidence = float(entry.get("confidence", 0.8))
    if not 0.0 <= confidence <= 1.0:
        raise InputError(path, f"entry {index}: confidence must be in [0, 1]", line)
    trigger = Trigger(
        type=kind,
        pos=pos,
        object=obj,
        subject=subj,
        preps=frozenset(_str_list(entry.get("preps"), path, "preps", line)),
        symmetric=bool(entry.get("symmetric", False)),
        reciprocal=bool(entry.get("reciprocal", entry.get("symmetric", False))),
        passive=entry.get("passive", "swap"),
        subject_kind=entry.get("subject_kind"),
        confidence=confidence,
        support=frozenset(w for cue in _inflected_cues(
            _str_list(entry.get("support"), path, "support", line)) for w in cue),
        then=frozenset(w.lower() for w in _str_list(entry.get("then"), path, "then", line)),
        source=str(path),
        line=line,
        cameo=cameo,
        goldstein=goldstein,
    )
    phrases = _str_list(entry.get("phrases"), path, "phrases", line)
    if not phrases:
        raise InputError(path, f"entry {index}: no phrases", line)
    head = int(entry.get("head", 0))
    for written in phrases:
        for phrase, at in _alternatives(written, head):
            for form in _inflect(phrase, pos, at):
                bucket = lex.triggers.setdefault(form, [])
                if trigger not in bucket:
                    # An entry that needs a word after its object ("host US troops") is
                    # tried before the plain reading of the same words ("host a visitor").
                    plain = next((k for k, t in enumerate(bucket) if not t.then), len(bucket))
                    bucket.insert(plain if trigger.then else len(bucket), trigger)


def _alternatives(phrase: str, head: int) -> list[tuple[str, int]]:
    """The phrases a written phrase stands for, each with the index of its head word: a word
    ``{deep|grave|}`` is one of its options, an empty option leaving it out ("express
    {deep|grave|} concern over": three phrases)."""
    out: list[tuple[list[str], int]] = [([], head)]
    for k, word in enumerate(phrase.split()):
        if not (word.startswith("{") and word.endswith("}")):
            out = [(words + [word], at) for words, at in out]
            continue
        options = word[1:-1].split("|")
        grown = []
        for words, at in out:
            for option in options:
                if option:
                    grown.append((words + option.split("_"), at + option.count("_")
                                  if k < head else at))
                else:
                    grown.append((words, at - 1 if k < head else at))
        out = grown
    return [(" ".join(words), at) for words, at in out if words]


def _load_titles(lex: Lexicon, path: Path) -> None:
    data = _read(path)
    if not isinstance(data, list):
        raise InputError(path, "a titles file is a YAML list of {title, relation}", 1)
    for entry in data:
        line = entry.get("__line__") if isinstance(entry, dict) else None
        if not isinstance(entry, dict) or not isinstance(entry.get("title"), str):
            raise InputError(path, "each title needs a 'title'", line)
        relation = entry.get("relation", "acts_for")
        if relation not in _RELATIONS:
            raise InputError(path, f"unknown relation {relation!r}", line)
        title = Title(entry["title"].strip().lower(), relation, entry.get("country"),
                      bool(entry.get("honorific", False)))
        # Tokenised as written: "Dr." is one token only with its capital.
        lex.titles.setdefault(_tokens(entry["title"].strip()), title)


def _load_organs(lex: Lexicon, path: Path) -> None:
    data = _read(path) or {}
    if not isinstance(data, dict):
        raise InputError(path, "the organs file is a mapping with body, state, military", 1)
    bodies = data.get("body") or {}
    if not isinstance(bodies, dict):
        raise InputError(path, "'body' maps a key to a list of names", data.get("__line__"))
    for key, names in bodies.items():
        if key == "__line__":
            continue
        names = _str_list(names, path, f"body {key}", bodies.get("__line__"))
        label = names[0].title()
        for name in names:
            lex.organ_bodies[_tokens(name)] = (key, label)
    for name in _str_list(data.get("state"), path, "state", data.get("__line__")):
        lex.organ_state.add(_tokens(name))
    for name in _str_list(data.get("military"), path, "military", data.get("__line__")):
        lex.organ_military.add(_tokens(name))
    for name in _str_list(data.get("from_context"), path, "from_context",
                          data.get("__line__")):
        lex.organ_context.add(_tokens(name))
    for key in _str_list(data.get("abroad", []), path, "abroad", data.get("__line__")):
        if key not in bodies:
            raise InputError(path, f"abroad: {key!r} is not a key of 'body'",
                             data.get("__line__"))
        lex.organ_abroad.add(key)
    for name in _str_list(data.get("qualifiers", []), path, "qualifiers", data.get("__line__")):
        lex.organ_qualifiers.add(name.lower())


def _load_speech(lex: Lexicon, path: Path) -> None:
    data = _read(path) or {}
    line = data.get("__line__") if isinstance(data, dict) else None
    if not isinstance(data, dict):
        raise InputError(path, "the speech file is a mapping with verbs and sources", 1)
    for verb in _str_list(data.get("verbs"), path, "verbs", line):
        for form in _inflect(verb, "verb"):
            if len(form) == 1:
                lex.speech_verbs.add(form[0])
            else:
                lex.speech_phrases.add(form)
    lex.sources = {_tokens(s) for s in _str_list(data.get("sources"), path, "sources", line)}
    lex.speech_deed_objects = {w.lower() for w in _str_list(data.get("deed_objects", []), path,
                                                            "deed_objects", line)}
    for verb in _str_list(data.get("deed_verbs", []), path, "deed_verbs", line):
        lex.speech_deed_verbs |= {form[0] for form in _inflect(verb, "verb") if len(form) == 1}


def _load_cues(lex: Lexicon, path: Path, ontology: Ontology) -> None:
    data = _read(path) or {}
    if not isinstance(data, dict):
        raise InputError(path, "the cues file is a mapping of cue lists", 1)
    line = data.get("__line__")

    def words(key: str) -> list[str]:
        return [w.lower() for w in _str_list(data.get(key), path, key, line)]

    def types(key: str) -> set[str]:
        names = set(words(key))
        bad = sorted(names - set(ontology.types))
        if bad:
            raise InputError(path, f"{key}: {', '.join(bad)} are not stance types", line)
        return names

    lex.negation = set(words("negation"))
    lex.negative_quantifiers = set(words("negative_quantifiers")) if "negative_quantifiers" \
        in data else set()
    lex.negative_objects = set(words("negative_objects")) if "negative_objects" in data \
        else set()
    lex.refusal = _inflected_cues(words("refusal"))
    if "halt" in data:
        lex.halt = _inflected_cues(words("halt"))
        if data.get("halted_becomes") not in ontology:
            raise InputError(path, f"halted_becomes: {data.get('halted_becomes')!r} is not a "
                             "stance type", line)
        lex.halted_becomes = data["halted_becomes"]
    lex.modality = _inflected_cues(words("modality"))
    lex.hedges = _inflected_cues(words("hedges"))
    if "directives" in data:
        lex.directives = _inflected_cues(words("directives"))
        lex.directive_types = types("directive_types")
    lex.conditional = {_tokens(w) for w in words("conditional")}
    lex.coercive = types("coercive")
    lex.accusation_types = types("accusation_types")
    if "conditional_coercive" in data:
        lex.conditional_coercive = types("conditional_coercive")
    for key in ("refused_becomes", "coercive_under_modality_becomes"):
        value = data.get(key)
        if value not in ontology:
            raise InputError(path, f"{key}: {value!r} is not a stance type", line)
    lex.refused_becomes = data["refused_becomes"]
    lex.coercive_becomes = data["coercive_under_modality_becomes"]
    lex.clause_breaks = set(words("clause_breaks"))
    lex.relative = set(words("relative"))
    lex.blocking_preps = set(words("blocking_preps"))
    lex.be_forms = set(words("be_forms"))
    lex.coordination = {_tokens(w) for w in words("coordination")}
    lex.first_person = set(words("first_person"))
    lex.verb_contexts = set(words("verb_contexts")) if "verb_contexts" in data else set()
    lex.asked_for = _inflected_cues(words("asked_for")) if "asked_for" in data else set()
    lex.adjunct_heads = set(words("adjunct_heads")) if "adjunct_heads" in data else set()
    lex.list_markers = set(words("list_markers")) if "list_markers" in data else set()
    lex.patient_nouns = set(words("patient_nouns")) if "patient_nouns" in data else set()
    lex.question_if = set(words("question_if")) if "question_if" in data else set()
    lex.denial = _inflected_cues(words("denial")) if "denial" in data else set()
    lex.particles = set(words("particles")) if "particles" in data else set()
    lex.particle_verbs = {form[0] for form in _inflected_cues(words("particle_verbs"))
                          if len(form) == 1} if "particle_verbs" in data else set()
    lex.also_prepositions = set(words("also_prepositions")) if "also_prepositions" in data \
        else set()
    if "reaction_types" in data:
        lex.reaction_types = types("reaction_types")
        lex.reaction_clauses = set(words("reaction_clauses"))
    if "border_nouns" in data:
        lex.border_nouns = set(words("border_nouns"))
        lex.border_types = types("border_types")
    if "undenied" in data:
        lex.undenied = {_tokens(w) for w in words("undenied")}
    if "future" in data:
        lex.future = {_tokens(w) for w in words("future")}
        lex.announced_types = types("announced_types")
    lex.complement_openers = set(words("complement_openers")) \
        if "complement_openers" in data else set()
    lex.complement_places = set(words("complement_places")) \
        if "complement_places" in data else set()
    lex.ing_adjectives = set(words("ing_adjectives")) if "ing_adjectives" in data else set()
    lex.modality_bounds = set(words("modality_bounds")) if "modality_bounds" in data \
        else set()
    lex.patient_acts = set(words("patient_acts")) if "patient_acts" in data else set()
    lex.list_tails = {_tokens(w) for w in words("list_tails")} if "list_tails" in data \
        else set()
    lex.instrument_verbs = {form[0] for form in _inflected_cues(words("instrument_verbs"))
                            if len(form) == 1} if "instrument_verbs" in data else set()
    _load_type_changes(lex, data, path, ontology, words, types)


def _load_type_changes(lex: Lexicon, data: dict[str, Any], path: Path, ontology: Ontology,
                       words: Any, types: Any) -> None:
    """The cues that change a reading's stance type, and how they recode it."""
    line = data.get("__line__")

    def one_type(key: str) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if value not in ontology:
            raise InputError(path, f"{key}: {value!r} is not a stance type", line)
        return value

    halted = data.get("halted_types") or {}
    if not isinstance(halted, dict):
        raise InputError(path, "halted_types maps a stance type to a stance type", line)
    for key, value in halted.items():
        if key == "__line__":
            continue
        if key not in ontology or value not in ontology:
            raise InputError(path, f"halted_types: {key}: {value} names an unknown type", line)
        lex.halted_types[key] = value
    if "refused_also" in data:
        lex.refused_also = types("refused_also")
    if "reversal" in data:
        lex.reversal = _inflected_cues(words("reversal"))
        lex.reversed_types = types("reversed_types")
        lex.reversed_becomes = one_type("reversed_becomes")
    if "intent" in data:
        lex.intent = _inflected_cues(words("intent"))
        lex.intent_also = types("intent_also") if "intent_also" in data else set()
        lex.intent_becomes = one_type("intent_becomes")
    if "invited" in data:
        lex.invited = {_tokens(w) for w in words("invited")}
        lex.hosted_types = types("hosted_types")
        lex.hosted_becomes = one_type("hosted_becomes")
        lex.hosted_code = str(data.get("hosted_code")) if data.get("hosted_code") else None
        lex.hosting_partners = types("hosting_partners") if "hosting_partners" in data \
            else set()
    recode = data.get("recode") or {}
    if not isinstance(recode, dict):
        raise InputError(path, "recode maps a rule to {stance type: CAMEO code}", line)
    for rule, table in recode.items():
        if rule == "__line__":
            continue
        if not isinstance(table, dict):
            raise InputError(path, f"recode {rule}: expected a mapping", line)
        codes = {}
        for kind, code in table.items():
            if kind == "__line__":
                continue
            if kind != "default" and kind not in ontology:
                raise InputError(path, f"recode {rule}: {kind!r} is not a stance type",
                                 table.get("__line__", line))
            if not (isinstance(code, str) and code.isdigit() and 2 <= len(code) <= 4):
                raise InputError(path, f"recode {rule}: {code!r} is not a CAMEO code (quote it)",
                                 table.get("__line__", line))
            codes[kind] = code
        lex.recode[rule] = codes
    refs = data.get("references") or {}
    for category in REFERENCE_CATEGORIES:
        for phrase in _str_list(refs.get(category), path, f"references {category}", line):
            lex.references[_tokens(phrase)] = category


_HOLDERS = {"referent", "anchor"}


def _load_relations(path: Path, ontology: Ontology) -> Relations:
    data = _read(path) or {}
    if not isinstance(data, dict):
        raise InputError(path, "the relations file is a mapping of noun and word lists", 1)
    line = data.get("__line__")

    def words(key: str, value: Any = None, at: int | None = None) -> frozenset[str]:
        items = _str_list(data.get(key) if value is None else value, path, key, at or line)
        return frozenset(w.lower() for w in items)

    def typed(entry: Any, key: str) -> tuple[str, int | None]:
        at = entry.get("__line__") if isinstance(entry, dict) else line
        if not isinstance(entry, dict):
            raise InputError(path, f"{key}: each entry is a mapping", at)
        kind = entry.get("type")
        if kind not in ontology:
            raise InputError(path, f"{key}: {kind!r} is not a stance type", at)
        return kind, at

    nouns: dict[str, RelationNoun] = {}
    for entry in data.get("nouns") or []:
        kind, at = typed(entry, "nouns")
        holder = entry.get("holder", "referent")
        if holder not in _HOLDERS:
            raise InputError(path, f"nouns: holder must be referent or anchor, not {holder!r}",
                             at)
        noun = RelationNoun(kind, holder, bool(entry.get("symmetric", False)))
        for word in words("nouns", entry.get("nouns"), at):
            for form in noun_forms(word):
                nouns.setdefault(form, noun)
    compounds: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    for key, table in (("compounds", compounds), ("prefixes", prefixes)):
        for entry in data.get(key) or []:
            kind, at = typed(entry, key)
            for word in words(key, entry.get("words"), at):
                table.setdefault(word, kind)
    agreements: dict[tuple[str, ...], str] = {}
    block = data.get("agreements")
    if block is not None:
        kind, at = typed(block, "agreements")
        for noun in words("agreements", block.get("nouns"), at):
            for form in noun_forms(noun):
                for participle in words("agreements", block.get("participles"), at):
                    agreements[(form, participle, "with")] = kind
    pronouns = data.get("possessive_pronouns") or {}
    if not isinstance(pronouns, dict):
        raise InputError(path, "possessive_pronouns maps person and thing to words", line)
    return Relations(
        nouns=nouns,
        modifiers=words("modifiers"),
        determiners=words("determiners"),
        person_pronouns=words("person", pronouns.get("person") or [], line),
        thing_pronouns=words("thing", pronouns.get("thing") or [], line),
        owned_acts=words("owned_acts"),
        compounds=compounds,
        prefixes=prefixes,
        agreements=agreements,
        agreement_code=str(block["code"]) if block and block.get("code") else None,
    )


def _load_grammar(path: Path) -> Grammar:
    data = _read(path)
    if not isinstance(data, dict):
        raise InputError(path, "the grammar file is a mapping of word lists", 1)
    line = data.get("__line__")
    values: dict[str, Any] = {}
    for name in Grammar.__dataclass_fields__:
        if name not in data:
            raise InputError(path, f"missing key {name!r}", line)
        value = data[name]
        if name in _GRAMMAR_COUNTS:
            if not isinstance(value, dict):
                raise InputError(path, f"{name} must map words to whole numbers", line)
            items = {k: v for k, v in value.items() if k != "__line__"}
            if not items or not all(isinstance(k, str) and k.strip() and type(v) is int
                                    for k, v in items.items()):
                raise InputError(path, f"{name} must map words to whole numbers",
                                 value.get("__line__", line))
            values[name] = {k.strip().lower(): v for k, v in items.items()}
            continue
        words = _str_list(value, path, name, line)
        if not words or any(len(w.split()) != 1 for w in words):
            raise InputError(path, f"{name} must be a non-empty list of single words", line)
        lowered = [w.lower() for w in words]
        values[name] = frozenset((w,) for w in lowered) if name == "clause_pronouns" \
            else frozenset(lowered)
    unknown = sorted(set(data) - set(Grammar.__dataclass_fields__) - {"__line__"})
    if unknown:
        raise InputError(path, f"unknown key(s) {', '.join(unknown)}", line)
    return Grammar(**values)


def load_grammar(path: str | Path | None = None) -> Grammar:
    """Read a grammar file (graphkit's ``ontology/lexicon/grammar.yaml`` by default).

    Parameters
    ----------
    path : path, optional
        A YAML mapping with every key of :class:`Grammar`.

    Returns
    -------
    Grammar

    Raises
    ------
    InputError
        For a missing key or a value of the wrong shape, naming the file.

    Examples
    --------
    >>> load_grammar().numbers["three"]
    3
    """
    if path is None:
        return _default_grammar()
    return _load_grammar(Path(path))


@cache
def _default_grammar() -> Grammar:
    return _load_grammar(ontology_file("lexicon") / "grammar.yaml")


def load_lexicon(folder: str | Path | None = None, ontology: Ontology | None = None) -> Lexicon:
    """Read the lexicon files of a folder (graphkit's ``ontology/lexicon`` by default).

    Parameters
    ----------
    folder : path, optional
        A folder with ``stances.yaml``, ``titles.yaml``, ``organs.yaml``, ``speech.yaml``,
        ``cues.yaml`` and ``grammar.yaml``. Extra ``*.yaml`` files whose name starts with
        ``stances`` add triggers.
    ontology : Ontology, optional
        The stance types to check trigger types against.

    Returns
    -------
    Lexicon

    Raises
    ------
    InputError
        For a malformed file, naming the file and the entry's line.

    Examples
    --------
    >>> lex = load_lexicon()
    >>> lex.triggers[("cutting", "ties", "with")][0].type
    'cuts_ties'
    """
    if folder is None and ontology is None:
        return _default_lexicon()
    return _build(Path(folder) if folder else ontology_file("lexicon"),
                  ontology or load_ontology())


@cache
def _default_lexicon() -> Lexicon:
    return _build(ontology_file("lexicon"), load_ontology())


def _build(folder: Path, ontology: Ontology) -> Lexicon:
    lex = Lexicon()
    trigger_files = sorted(folder.glob("stances*.yaml"))
    if not trigger_files and not (folder / "cameo").is_dir():
        raise InputError(folder, "no cameo/ folder and no stances*.yaml trigger file in the "
                         "lexicon folder")
    if (folder / "cameo").is_dir():
        from graphkit.extract.cameo_lexicon import cameo_entries

        for path, index, entry in cameo_entries(folder / "cameo", ontology):
            code, goldstein = entry.pop("cameo"), entry.pop("goldstein")
            _load_trigger(lex, path, index, entry, ontology, cameo=code, goldstein=goldstein)
    for path in trigger_files:
        _load_triggers(lex, path, ontology)
    _load_titles(lex, folder / "titles.yaml")
    _load_organs(lex, folder / "organs.yaml")
    _load_speech(lex, folder / "speech.yaml")
    _load_cues(lex, folder / "cues.yaml", ontology)
    lex.grammar = _load_grammar(folder / "grammar.yaml")
    relations = folder / "relations.yaml"
    if relations.is_file():
        lex.relations = _load_relations(relations, ontology)
    return lex

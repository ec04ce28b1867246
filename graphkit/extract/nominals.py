"""Stances carried by event and attitude nouns: "X's opposition to Y", "support from X",
"talks between X and Y", "X-Y talks", "the condemnation of Y by X", "at X's request".

A noun from ``ontology/lexicon/nominals.yaml`` heads a frame whose arguments are actor
mentions: a possessive holder ("X's", "its"), a holder after an agent preposition ("from X",
"by X"), a target after a target preposition ("to Y", "on Y"), a coordinated pair ("between X
and Y", "X and Y's", "X-Y"), or the subject of the clause when a verb of receiving puts it on
the receiving end ("Z won the backing of X"). No frame, no stance: a noun with no actor in
its frame says nothing of the sentence's subject.

:class:`NominalFinder` runs after :class:`~graphkit.extract.stances.StanceFinder` over the
same doc and revises its list: it adds the readings of the noun frames, drops a trigger
reading whose agent the frame shows to be the holder ("faces pressure from X" is X's
pressure), and drops a deed of a third party the subject only talks about ("X denied
involvement in an attack on Y").
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from graphkit.errors import InputError
from graphkit.extract.actors import ActorFinder, ArticleContext, Mention
from graphkit.extract.lexicon import Lexicon, _read, noun_forms
from graphkit.extract.nlp import sentence_bounds, token_info
from graphkit.extract.stances import Found
from graphkit.model import ActorType, Polarity
from graphkit.ontology import Ontology, cameo_codebook
from graphkit.resources import ontology_file

__all__ = ["NominalFinder", "NominalNoun", "Nominals", "load_nominals"]

#: A stance read from a noun is stated in passing: less sure than a verb's.
CONFIDENCE = 0.65
_POSSESSIVE = frozenset({"'s", "’s", "'", "’", "`s"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
_PRONOUNS = {"its": "thing", "their": "any", "his": "person", "her": "person"}
# How far the grammar looks: words between a noun and its arguments, and back to a subject.
_REACH = 3
# "between the two leaders" names persons, "between the two nations" states.
_PERSON_NOUNS = frozenset({"leaders", "presidents", "men", "women", "ministers", "heads",
                           "premiers", "leader", "chancellors"})
_STATE_NOUNS = frozenset({"nations", "countries", "states", "neighbours", "neighbors",
                          "governments", "capitals", "powers"})
_START = attrgetter("start")
# Words that let a frame name actors of earlier sentences.
_LOOK_BACK = frozenset({"two", "their", "its", "his", "her"})
# Words before a light verb that leave its deed undone ("urged X to hold talks with Y").
_NOT_DONE = frozenset({"to", "would", "could", "might", "may", "should", "must"})
# Verb types that take each of a pair named after them as object ("welcomed ties between X
# and Y").
_ATTITUDES = frozenset({"praises", "supports", "criticizes", "opposes"})
# Stance types a mutual noun said from one side still holds both ways ("X's war with Y").
_TWO_PARTY = frozenset({"fights", "agrees"})
# Words between a relation's actors and its predicative adjective ("have been strained").
_PREDICATE_FILLERS = frozenset({"been", "being", "become", "grown", "very", "also", "since",
                                "long", "further", "more", "now", "still", "remain",
                                "remained", "remains", "turned", "gone", "grew"})
# Verbs of having before a relation noun ("X has close ties with Y").
_HAVING = frozenset({"has", "have", "had", "having", "maintains", "maintain", "maintained",
                     "enjoys", "enjoy", "enjoyed", "keeps", "kept", "built", "forged",
                     "developed", "cultivated", "shares", "share", "shared"})
# Endings of adjectives that may stand between "to" and its actor ("opposition to unilateral
# Chilean measures"); after "to", other words may be verbs ("a call to free ...").
_ADJECTIVE_ENDINGS = ("al", "ic", "ive", "ous", "ian", "ese", "ish", "ful", "less", "ary")
_SUBJECT_REACH = 16


@dataclass(frozen=True)
class NominalNoun:
    """One noun's frame: its stance type and code, and the prepositions of its arguments."""

    type: str
    code: str | None
    goldstein: float | None
    targets: frozenset[str] = frozenset()
    agents: frozenset[str] = frozenset()
    clause_target: bool = False
    at: bool = False
    mutual: str | None = None  # "both" or "once"
    # "signed a deal with Y", "held talks with Y": verbs that make the clause's subject the
    # holder of the noun.
    light: frozenset[str] = frozenset()
    # "did Z against the wishes of X": prepositions before the noun that set X against the
    # clause's subject (both ways).
    defied: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Nominals:
    """The word lists of ``nominals.yaml`` (lower case)."""

    nouns: dict[str, NominalNoun] = field(default_factory=dict)
    # "stand-off": the parts around the hyphen, which the tokenizer splits.
    hyphenated: dict[tuple[str, str], NominalNoun] = field(default_factory=dict)
    # "phone call": two words, read before the last word alone ("call" is a request).
    two_words: dict[tuple[str, str], NominalNoun] = field(default_factory=dict)
    relation_nouns: frozenset[str] = frozenset()
    relation_opposes: frozenset[str] = frozenset()
    relation_code: tuple[str | None, float | None] = (None, None)
    relation_cooperates: frozenset[str] = frozenset()
    relation_cooperates_code: tuple[str | None, float | None] = (None, None)
    receivers: frozenset[str] = frozenset()
    sought: frozenset[str] = frozenset()
    sought_type: str | None = None
    sought_code: tuple[str | None, float | None] = (None, None)
    unrealised: frozenset[str] = frozenset()
    third_party: frozenset[str] = frozenset()
    undone: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    # "X's move drew criticism from Y": nouns of an act whose possessive owner is the one
    # the stance of a received noun is aimed at.
    owned_acts: frozenset[str] = frozenset()


def load_nominals(path: str | Path | None = None, ontology: Ontology | None = None
                  ) -> Nominals:
    """Read ``nominals.yaml`` (graphkit's own by default); a missing file reads as empty.

    Raises
    ------
    InputError
        An entry with an unknown stance type, or a code outside its type's CAMEO roots.
    """
    from graphkit.ontology import load_ontology

    path = Path(path) if path is not None else ontology_file("lexicon", "nominals.yaml")
    if not path.is_file():
        return Nominals()
    ontology = ontology or load_ontology()
    book = cameo_codebook()
    data = _read(path) or {}
    if not isinstance(data, dict):
        raise InputError(path, "the nominals file is a mapping of noun and word lists", 1)
    line = data.get("__line__")

    def words(value: Any, key: str, at: Any) -> frozenset[str]:
        if value is None:
            return frozenset()
        if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
            raise InputError(path, f"{key}: a list of words", at)
        return frozenset(w.lower() for w in value)

    def coded(kind: Any, code: Any, key: str, at: Any) -> tuple[str | None, float | None]:
        if kind not in ontology:
            raise InputError(path, f"{key}: {kind!r} is not a stance type", at)
        if code is None:
            return ontology[kind].cameo_code, ontology[kind].goldstein
        code = str(code)
        entry = book.get(code)
        if entry is None or code[:2] not in ontology[kind].cameo_roots:
            raise InputError(path, f"{key}: code {code} is not under the CAMEO roots of "
                             f"{kind}", at)
        return code, entry.goldstein

    nouns: dict[str, NominalNoun] = {}
    hyphenated: dict[tuple[str, str], NominalNoun] = {}
    two_words: dict[tuple[str, str], NominalNoun] = {}
    for entry in data.get("nouns") or []:
        at = entry.get("__line__", line) if isinstance(entry, dict) else line
        if not isinstance(entry, dict):
            raise InputError(path, "nouns: each entry is a mapping", at)
        code, goldstein = coded(entry.get("type"), entry.get("code"), "nouns", at)
        mutual = entry.get("mutual")
        if mutual not in (None, "both", "once"):
            raise InputError(path, f"nouns: mutual is both or once, not {mutual!r}", at)
        noun = NominalNoun(entry["type"], code, goldstein,
                           words(entry.get("targets"), "targets", at),
                           words(entry.get("agents"), "agents", at),
                           bool(entry.get("clause_target", False)), bool(entry.get("at", False)),
                           mutual, words(entry.get("light"), "light", at),
                           words(entry.get("defied"), "defied", at))
        for word in words(entry.get("words"), "words", at):
            if " " in word:
                first, _, last = word.partition(" ")
                for form in noun_forms(last):
                    two_words.setdefault((first, form), noun)
                continue
            for form in noun_forms(word):
                first, _, second = form.partition("-")
                if second:
                    hyphenated.setdefault((first, second), noun)
                else:
                    nouns.setdefault(form, noun)
    rel = data.get("relations") or {}
    opposes = rel.get("opposes") or {}
    cooperates = rel.get("cooperates") or {}
    sought = data.get("sought") or {}
    sought_type = sought.get("type")
    return Nominals(
        nouns=nouns,
        hyphenated=hyphenated,
        two_words=two_words,
        relation_nouns=words(rel.get("nouns"), "relations", line),
        relation_opposes=words(opposes.get("words"), "relations", line),
        relation_code=coded("opposes", opposes.get("code"), "relations", line),
        relation_cooperates=words(cooperates.get("words"), "relations", line),
        relation_cooperates_code=coded("cooperates", cooperates.get("code"), "relations",
                                       line),
        receivers=words(data.get("receivers"), "receivers", line),
        sought=words(sought.get("words"), "sought", line),
        sought_type=sought_type,
        sought_code=coded(sought_type, sought.get("code"), "sought", line)
        if sought_type else (None, None),
        unrealised=words(data.get("unrealised"), "unrealised", line),
        third_party=words(data.get("third_party"), "third_party", line),
        undone=words(data.get("undone"), "undone", line),
        modifiers=words(data.get("modifiers"), "modifiers", line),
        owned_acts=words(data.get("owned_acts"), "owned_acts", line),
    )


#: One reading of a frame: holders, the noun, targets, how it is mutual, the type and code
#: that replace the noun's (a support asked for is an appeal), and whether the holder came
#: after an agent preposition ("agent") or before the noun ("owned"), or neither ("").
_Reading = tuple[list[Mention], NominalNoun, list[Mention], str | None,
                 tuple[str, tuple[str | None, float | None]] | None, str]


@dataclass
class _Sentence:
    """What the frames of one sentence read: tokens ``[lo, hi)`` and their mentions."""

    lo: int
    hi: int
    mentions: list[Mention]
    by_start: dict[int, Mention]
    by_end: dict[int, Mention]
    ordered: list[Mention]  # the doc's mentions in text order
    first: int  # the index in ``ordered`` of the first mention of this sentence

    @property
    def before(self) -> list[Mention]:
        """The doc's mentions before this sentence, for pronouns."""
        return self.ordered[:self.first]


class NominalFinder:
    """Reads the noun frames of a doc and revises the trigger readings of its sentences.

    Parameters
    ----------
    lexicon : Lexicon
        Negation, clause breaks and prepositions; the relational compounds.
    ontology : Ontology
    actors : ActorFinder
        Actor types and states, to drop stances toward one's own state.
    nominals : Nominals, optional
        The noun frames (``ontology/lexicon/nominals.yaml`` by default).
    """

    def __init__(self, lexicon: Lexicon, ontology: Ontology, actors: ActorFinder,
                 nominals: Nominals | None = None) -> None:
        self.data = nominals if nominals is not None else load_nominals(ontology=ontology)
        self.ontology = ontology
        self.actors = actors
        self.nouns = self.data.nouns
        self.negation = frozenset(lexicon.negation)
        self.breaks = frozenset(lexicon.clause_breaks) | frozenset(lexicon.relative)
        self.preps = frozenset(lexicon.blocking_preps)
        self.compounds = frozenset(lexicon.relations.compounds)
        self.participles = frozenset(p for (_, p, _) in lexicon.relations.agreements)
        self.be_forms = frozenset(lexicon.be_forms) | {"have", "has", "had", "remain",
                                                       "remained", "remains", "become",
                                                       "became", "grown", "grew", "got"}
        self.modifiers = self.data.modifiers
        # A deal, a visit, talks can be cancelled or broken: the conflictual deeds stay.
        self.undoable = frozenset(name for name, kind in ontology.types.items()
                                  if kind.polarity is not Polarity.CONFLICT)
        self.triggers = lexicon.triggers
        self.words = frozenset(self.nouns) | self.data.relation_nouns \
            | frozenset(first for first, _ in self.data.hyphenated) \
            | frozenset(last for _, last in self.data.two_words)
        # Stances of deeds done to someone: what a third-party noun can carry.
        self.deeds = frozenset(t for t in ("attacks", "fights", "intervenes", "coerces",
                                           "sanctions", "commits_mass_violence")
                               if t in ontology)
        self._lw: list[str] = []
        self._tx: list[str] = []
        self._spaces: list[bool] = []
        self._headline = False
        self._pair_end = 0
        # The article being read and the actors its earlier paragraphs named, last first.
        self._article: ArticleContext | None = None
        self._recent: list[str] = []
        self._previous: list[str] = []
        # Pairs written before their noun ("the X-Y talks"): (first, second) mentions.
        self._pairs: list[tuple[Mention, Mention]] = []

    # -- entry point ------------------------------------------------------------------------

    def revise(self, doc: Doc, mentions: list[Mention], found: list[Found],
               ctx: ArticleContext, *, headline: bool = False) -> list[Found]:
        """``found`` (the trigger readings of ``doc``) with the noun frames' readings added
        and the readings they show wrong left out."""
        if self._article is not ctx:
            self._article, self._recent = ctx, []
        self._previous = self._recent
        ordered = sorted(mentions, key=_START)
        self._recent = (self._recent + [m.actor for m in ordered[-12:]])[-12:]
        if not mentions and not self._previous:
            return found
        info = token_info(doc)
        self._lw, self._tx, self._spaces = info.lower, info.texts, info.spaces
        self._headline = headline
        lw = self._lw
        # One pass over the doc: the positions of the words a frame can start at.
        words = self.words
        has_nouns = not words.isdisjoint(lw)
        third = found and not self.data.third_party.isdisjoint(lw)
        if not has_nouns and not third:
            return found
        bounds = sentence_bounds(doc)
        starts = [b[0] for b in bounds]
        if third:
            found = [f for f in found if not self._third_party(f, mentions)]
        if not has_nouns:
            return found
        by_sentence: dict[int, list[Mention]] = {}
        for m in ordered:
            by_sentence.setdefault(bisect_right(starts, m.start) - 1, []).append(m)
        added: list[Found] = []
        # Trigger readings the frames show wrong: (sentence, first and last token of the
        # noun phrase, the actors a reading must not have as subject, or must as object).
        dropped: list[tuple[int, int, int, frozenset[str], frozenset[str]]] = []
        expand: list[tuple[int, Mention, Mention]] = []
        mention_starts = [m.start for m in ordered]
        for index, (lo, hi) in enumerate(bounds):
            sent_mentions = by_sentence.get(index, [])
            # A frame relates two actors; with fewer in the sentence, only a pronoun ("their
            # troops", "its stand-off") or "the two ..." can name the others.
            words_here = lw[lo:hi]
            present = words.intersection(words_here)
            if not present or (len(sent_mentions) < 2 and _LOOK_BACK.isdisjoint(words_here)):
                continue
            positions = sorted(k for w in present for k in _indices(lw, w, lo, hi))
            sent = _Sentence(lo, hi, sent_mentions, {m.start: m for m in sent_mentions},
                             {m.end: m for m in sent_mentions}, ordered,
                             bisect_right(mention_starts, lo - 1))
            self._pairs = []
            for i in positions:
                word = lw[i]
                start = i
                if i > lo and (lw[i - 1], word) in self.data.two_words:
                    readings = self._frames(i, self.data.two_words[(lw[i - 1], word)], sent,
                                            headline, start=i - 1)
                    start = i - 1
                elif word in self.nouns:
                    readings = self._frames(i, self.nouns[word], sent, headline)
                elif word in self.data.relation_nouns:
                    readings = self._relation(i, sent)
                elif i + 2 < hi and self._tx[i + 1] == "-" and not self._spaces[i] \
                        and not self._spaces[i + 1] \
                        and (word, lw[i + 2]) in self.data.hyphenated:
                    noun = self.data.hyphenated[(word, lw[i + 2])]
                    readings = self._frames(i + 2, noun, sent, headline, start=i)
                    i += 2
                else:
                    continue
                if readings and readings[0][3] is not None and not readings[0][2]:
                    added.extend(self._verb_over_pair(readings[0][0], start, sent, ctx))
                for holders, noun, targets, mutual, code, role in readings:
                    text = self._text(start, i + 1)
                    self._emit(added, holders, noun.type if code is None else code[0],
                               targets, mutual, (noun.code, noun.goldstein) if code is None
                               else code[1], text, lo, hi, ctx)
                    actors = frozenset(h.actor for h in holders)
                    if role == "agent":
                        # "faces pressure from X": X is no object of the noun.
                        dropped.append((lo, start, i, frozenset(), actors))
                    elif role == "owned":
                        # "Z sided with X in its stand-off with Y": the stand-off is X's.
                        dropped.append((lo, start, i, actors,
                                        frozenset(t.actor for t in targets)))
            expand.extend((lo, a, b) for a, b in self._pairs)
        if dropped:
            found = [f for f in found if not self._shown_wrong(f, dropped)]
        if expand:
            added.extend(self._pair_objects(found, expand))
        return found + added

    def _verb_over_pair(self, pair: list[Mention], start: int, s: _Sentence,
                        ctx: ArticleContext) -> list[Found]:
        """ "The council hailed improving relations between X and Y": an attitude verb right before
        the noun phrase of a pair takes each of the pair as its object."""
        lw = self._lw
        k = start - 1
        quals = self.modifiers | self.data.relation_cooperates | self.data.relation_opposes
        while k >= s.lo and start - k <= 4 and (lw[k] in _DETERMINERS or lw[k] in quals):
            k -= 1
        if k <= s.lo or self._negated(k, s.lo):
            return []
        triggers = [t for t in self.triggers.get((lw[k],), ()) if t.pos == "verb"
                    and t.type in _ATTITUDES]
        if not triggers:
            return []
        subject = self._clause_subject(k - 1, s, False)
        if not subject:
            return []
        trigger = triggers[0]
        code = trigger.cameo or self.ontology[trigger.type].cameo_code
        goldstein = trigger.goldstein if trigger.cameo else self.ontology[trigger.type].goldstein
        out: list[Found] = []
        self._emit(out, subject, trigger.type, pair, None, (code, goldstein),
                   self._text(k, k + 1), s.lo, s.hi, ctx)
        return out

    def _shown_wrong(self, f: Found, dropped: list[tuple[int, int, int, frozenset[str],
                                                          frozenset[str]]]) -> bool:
        t: int | None = -1
        for lo, start, end, holders, others in dropped:
            if f.start != lo:
                continue
            if t == -1:
                t = self._locate(f.trigger, f.start, f.end) if f.trigger else None
            if t is None or not start <= t <= end:
                continue
            if not holders and f.object in others:
                return True  # the agent read as the object
            if holders and f.subject not in holders and f.object in others:
                return True  # another actor read as the holder
        return False

    def _pair_objects(self, found: list[Found], expand: list[tuple[int, Mention, Mention]]
                      ) -> list[Found]:
        """ "UN hails renewed X-Y ties": a reading whose object is the first of a pair
        written before its noun holds toward the second as well."""
        out = []
        for lo, a, b in expand:
            for f in found:
                if f.start != lo or f.object != a.actor or f.subject == b.actor:
                    continue
                t = self._locate(f.trigger, f.start, f.end) if f.trigger else None
                if t is not None and t < a.start:
                    out.append(dataclasses.replace(f, object=b.actor))
        return out

    # -- frames -----------------------------------------------------------------------------

    def _frames(self, i: int, noun: NominalNoun, s: _Sentence, headline: bool,
                start: int | None = None) -> list[_Reading]:
        """The readings of the noun that ends at ``i`` (and starts at ``start``)."""
        lw = self._lw
        j = (i if start is None else start) - 1
        while j >= s.lo and i - j <= 4 and lw[j] in self.modifiers:
            j -= 1
        out: list[_Reading] = []
        unrealised = self._unrealised(j, s.lo) or (noun.type in self.undoable and any(
            lw[k] in self.data.undone for k in range(max(s.lo, j - 4), j + 1)))
        holders = None if unrealised else self._possessor(j, s, noun)
        # "the deal X and Y struck": the relative clause reports the deal, whatever the
        # sentence then says of it.
        relative = self._relative_pair(i, s, noun) if noun.mutual else None
        if relative is not None:
            return [(relative, noun, [], noun.mutual, None, "")]
        if noun.mutual and not unrealised:
            pair = self._pair(i, j, s, headline) or (
                holders if holders and len({m.actor for m in holders}) > 1 else None)
            if pair is not None:
                return [(pair, noun, [], noun.mutual, None, "")]
        if holders:
            target = self._target(i + 1, s, noun)
            if target is not None:
                # "X's talks with Y", "X's stand-off with Y": said from one side, a mutual
                # noun holds from it only, but a war or a deal has two parties to it.
                mutual = "both" if noun.type in _TWO_PARTY else None
                out.append((holders, noun, target, mutual, None, "owned"))
            elif noun.at and self._at(j, holders, s):
                subject = self._clause_subject(self._phrase_start(j, holders), s, False)
                if subject is not None:
                    out.append((holders, noun, subject, None, None, ""))
            return out
        d = j - 1 if j >= s.lo and lw[j] in _DETERMINERS else j
        if noun.defied and d > s.lo and lw[d] in noun.defied:
            # "held the vote against the wishes of X": X and the subject at odds.
            agent = self._mention_at(i + 2, s) if i + 1 < s.hi and lw[i + 1] == "of" else None
            subject = self._clause_subject(d - 1, s, False) if agent else None
            if agent and subject:
                return [(subject, noun, agent, "both", None, "")]
            return out
        if noun.light and not unrealised:
            subject = self._light_subject(j, s, noun)
            if subject is not None:
                target = self._target(i + 1, s, noun)
                if target is not None:
                    mutual = "both" if noun.type in _TWO_PARTY else None
                    return [(subject, noun, target, mutual, None, "owned")]
        # "support from X (for Y)", "the condemnation of Y by X", "at the request of X".
        k = i + 1
        if k < s.hi and lw[k] in noun.targets:
            target = self._target(k, s, noun, at_prep=True)
            if target is not None:
                end = max(m.end for m in target)
                agent = self._agent_after(end, s, noun)
                if agent is not None:
                    out.append((agent, noun, target, None, None, "agent"))
            return out
        if unrealised and not any(lw[k] in self.data.sought
                                  for k in range(max(s.lo, j - 2), j + 1)):
            return out
        if k < s.hi and lw[k] in noun.agents and not (j >= s.lo and lw[j] == "in"):
            agent = self._mention_at(k + 1, s)
            if agent is None:
                return out
            end = max(m.end for m in agent)
            if end < s.hi and lw[end] in noun.targets:
                target = self._target(end, s, noun, at_prep=True)
                if target is not None:
                    out.append((agent, noun, target, None, None, "agent"))
                    return out
            if noun.at and j >= s.lo and lw[j] == "at":
                subject = self._clause_subject(j, s, False)
                if subject is not None:
                    out.append((agent, noun, subject, None, None, "agent"))
                return out
            if not noun.clause_target:
                return out
            fronted = self._fronted_subject(j, end, s)
            if fronted is not None:
                out.append((agent, noun, fronted, None, None, "agent"))
                return out
            subject, sought = self._receiving_subject(j, s)
            if subject is None:
                return out
            if sought and self.data.sought_type:
                # "Z sought the support of X": Z appeals to X.
                out.append((subject, noun, agent, None,
                            (self.data.sought_type, self.data.sought_code), "agent"))
            elif not sought:
                out.append((agent, noun, subject, None, None, "agent"))
        return out

    def _relation(self, i: int, s: _Sentence) -> list[_Reading]:
        """ "strained relations between X and Y", "ties between X and Y have soured", "X
        has close ties with Y", "X's warming ties with Y": a relation noun says a stance
        only with a word that says how the relation stands."""
        lw = self._lw
        data = self.data
        qualifiers = data.relation_opposes | data.relation_cooperates
        j = i - 1
        while j >= s.lo and i - j <= 4 and (lw[j] in self.modifiers or lw[j] in qualifiers
                                            or lw[j].endswith("ly")):
            j -= 1
        attributive = {lw[k] for k in range(j + 1, i)}
        if self._negated(j + 1, s.lo) or self._unrealised(j, s.lo):
            return []
        pair = self._pair(i, j, s, self._headline)
        end = self._pair_end
        if pair is not None and pair[-1].end == j + 1:
            # "renewed X-Y ties": the words before the pair qualify the noun.
            k = pair[0].start - 1
            while k >= s.lo and pair[0].start - k <= 3 and (lw[k] in qualifiers
                                                            or lw[k] in self.modifiers):
                attributive.add(lw[k])
                k -= 1
        holders = targets = None
        if pair is None:
            holders = self._possessor(j, s, None) or self._having_subject(j, s)
            targets = self._mention_at(i + 2, s) if i + 1 < s.hi and lw[i + 1] == "with" \
                else None
            if not holders or not targets:
                return []
            end = max(m.end for m in targets)
        negative = not attributive.isdisjoint(data.relation_opposes)
        positive = not attributive.isdisjoint(data.relation_cooperates)
        if not (negative or positive):
            # The predicative: "... have been strained", "... is rapidly deteriorating".
            k = end
            while k < min(s.hi, end + 6) and (lw[k] in self.be_forms or lw[k].endswith("ly")
                                              or lw[k] in _PREDICATE_FILLERS):
                k += 1
            negative = k > end and k < s.hi and lw[k] in data.relation_opposes
        if negative:
            noun = NominalNoun("opposes", *data.relation_code, mutual="both")
        elif positive:
            noun = NominalNoun("cooperates", *data.relation_cooperates_code, mutual="once")
        else:
            return []
        if pair is not None:
            return [(pair, noun, [], noun.mutual, None, "")]
        assert holders is not None and targets is not None
        return [(holders, noun, targets, None, None, "owned")]

    def _light_subject(self, j: int, s: _Sentence, noun: NominalNoun) -> list[Mention] | None:
        """ "X signed a $600 million credit agreement with Y": the subject of a light verb a
        few words before the noun phrase that ends at ``j``."""
        lw, tx = self._lw, self._tx
        for k in range(j, max(s.lo - 1, j - 8), -1):
            if lw[k] in noun.light:
                if k - 1 < s.lo or lw[k - 1] in _NOT_DONE:
                    return None  # "urged X to hold talks with Y": asked for, not held
                return self._clause_subject(k - 1, s, False)
            if s.by_end.get(k + 1) is not None or lw[k] in self.breaks \
                    or tx[k] in {",", ";", ":"} or lw[k] in self.negation:
                return None
        return None

    def _having_subject(self, j: int, s: _Sentence) -> list[Mention] | None:
        """ "X has close ties with Y", "X maintains friendly relations with Y": the subject
        before a verb of having."""
        if j < s.lo or self._lw[j] not in _HAVING:
            return None
        m = s.by_end.get(j)
        if m is None and j - 1 >= s.lo and self._lw[j - 1] in {"also", "still", "long"}:
            m = s.by_end.get(j - 1)
        return None if m is None or m.possessive else self._group(m, s)

    # -- arguments --------------------------------------------------------------------------

    def _possessor(self, j: int, s: _Sentence, noun: NominalNoun | None
                   ) -> list[Mention] | None:
        """The holder written before the noun phrase ending at token ``j``: "X's", "X and
        Y's", "its"/"their" (an earlier actor), a demonym ("a Qatari request", "Chinese
        pressure"), a name after a determiner ("the U.S. isolation of ...")."""
        lw = self._lw
        if j < s.lo:
            return None
        m = None
        if lw[j] in _POSSESSIVE:
            m = s.by_end.get(j)
        elif s.by_end.get(j + 1) is not None:
            cand = s.by_end[j + 1]
            before = lw[cand.start - 1] if cand.start - 1 >= s.lo else ""
            if cand.possessive or cand.kind == "demonym" or before in _DETERMINERS \
                    or before == "of":
                m = cand
        elif lw[j] in _PRONOUNS:
            return self._antecedent(j, s, _PRONOUNS[lw[j]])
        if m is None or self._negated(m.start, s.lo):
            return None
        if m.start - 1 >= s.lo and self._tx[m.start - 1] == "-":
            return None  # "the Russia-Ukraine talks": a pair, read by _pair
        return self._group(m, s)

    def _antecedent(self, j: int, s: _Sentence, kind: str) -> list[Mention] | None:
        """The actor(s) a possessive pronoun at ``j`` refers to: the last actor named before
        it in the sentence (a person for his/her), else in the sentences before."""
        pool = [m for m in s.mentions if m.end <= j] or s.before[-6:]
        for m in reversed(pool):
            if m.possessive or m.kind == "demonym":
                continue
            person = self._is_person(m.actor)
            if kind == "person" and not person or kind == "thing" and person:
                continue
            return [x for x in pool if x.group == m.group] or [m]
        return None

    def _target(self, k: int, s: _Sentence, noun: NominalNoun, *,
                at_prep: bool = False) -> list[Mention] | None:
        """The target after the preposition at ``k`` ("to Y", "on the Y", "for Y to"); with
        ``at_prep`` false, ``k`` is the token after the noun, where the preposition must be."""
        lw = self._lw
        if k >= s.hi or lw[k] not in noun.targets:
            return None
        # "a call to free ...": "to" before a verb opens no target.
        return self._mention_at(k + 1, s, loose=lw[k] != "to")

    def _mention_at(self, k: int, s: _Sentence, loose: bool = True) -> list[Mention] | None:
        """The mention (with its coordination group) at ``k``, a determiner and (if
        ``loose``) lower-case adjectives before it allowed ("the embattled X", "unilateral
        US"); a demonym before a name gives way to the name ("the Russian company X")."""
        lw, tx = self._lw, self._tx
        for step in range(_REACH + 1):
            p = k + step
            if p >= s.hi:
                return None
            m = s.by_start.get(p)
            if m is not None:
                if m.end + 1 < s.hi and tx[m.end] == "-" and lw[m.end + 1] in self.compounds:
                    return None  # "strikes on Iranian-backed militias": not Iran
                if m.kind == "demonym":
                    named = next((s.by_start[q] for q in range(m.end, min(s.hi, m.end + 4))
                                  if q in s.by_start), None)
                    if named is not None and all(
                            tx[q].isalpha() and tx[q].islower() and lw[q] not in self.preps
                            for q in range(m.end, named.start)):
                        m = named
                group = self._group(m, s)
                return [x for x in group if x.start >= m.start]
            word = lw[p]
            adjective = loose or word in self.modifiers or word.endswith(_ADJECTIVE_ENDINGS)
            if not (word in _DETERMINERS or (adjective and tx[p].isalpha() and tx[p].islower()
                                             and word not in self.preps
                                             and word not in self.breaks
                                             and word not in self.be_forms)):
                return None
        return None

    def _agent_after(self, end: int, s: _Sentence, noun: NominalNoun) -> list[Mention] | None:
        """ "the condemnation of Y by X": the agent a few words after the target."""
        for k in range(end, min(s.hi, end + 4)):
            if self._lw[k] in noun.agents and self._lw[k] != "of":
                return self._mention_at(k + 1, s)
            if self._lw[k] in self.breaks or self._tx[k] in {",", ";"}:
                return None
        return None

    def _pair(self, i: int, j: int, s: _Sentence, headline: bool) -> list[Mention] | None:
        """Two or more actors the noun at ``i`` relates to each other: "between X and Y",
        "between their troops", "between the two neighbours" (an earlier pair), "X-Y
        talks"; ``j`` ends the words before the noun. Sets ``_pair_end``, the token after
        the phrase that names them."""
        lw, tx = self._lw, self._tx
        self._pair_end = i + 1
        for k in range(i + 1, min(s.hi, i + 5)):
            if lw[k] == "between":
                p = k + 1
                if p < s.hi and lw[p] == "the":
                    p += 1
                m = s.by_start.get(p)
                if m is not None:
                    group = self._group(m, s)
                    self._pair_end = max(x.end for x in group)
                    return group if len({x.actor for x in group}) > 1 else None
                if p < s.hi and (lw[p] == "their" or (lw[p] == "two" and lw[p - 1] == "the")):
                    q = p + 1
                    while q < s.hi and tx[q].isalpha() and tx[q].islower() \
                            and lw[q] not in self.preps and lw[q] not in self.be_forms:
                        q += 1
                    self._pair_end = q
                    return self._pair_before(k, s, loose=lw[p] == "two")
                return None
            if s.by_start.get(k) is not None or lw[k] in self.breaks or tx[k] in {",", ";"} \
                    or lw[k] in self.words or lw[k] == "to":
                break  # "a pact to mend relations between ...": the pair is the relations'
        # "the Chile-Peru talks", "Chile Peru ties" (a headline).
        b = s.by_end.get(j + 1)
        if b is None or b.possessive:
            return None
        if b.start - 2 >= s.lo and tx[b.start - 1] == "-" and not self._spaces[b.start - 2] \
                and not self._spaces[b.start - 1]:
            a = s.by_end.get(b.start - 1)
        elif headline:
            a = s.by_end.get(b.start)
        else:
            a = None
        if a is None or a.actor == b.actor or a.kind == "demonym":
            return None
        self._pairs.append((a, b))
        return [a, b]

    def _pair_before(self, k: int, s: _Sentence, loose: bool = False) -> list[Mention] | None:
        """The last coordinated pair named before token ``k`` ("their troops"); with
        ``loose`` ("the two neighbours", "the two leaders"), else the last two actors of
        the kind the noun names, in this paragraph or the article's paragraphs before."""
        pool = [m for m in s.mentions if m.end <= k] or s.before
        for m in reversed(pool):
            group = [x for x in pool if x.group == m.group]
            if len({x.actor for x in group}) > 1:
                return group
        if not loose:
            return None
        noun = self._lw[self._pair_end - 1] if self._pair_end - 1 < s.hi else ""
        person = True if noun in _PERSON_NOUNS else False if noun in _STATE_NOUNS else None
        # "the French announcement", "Malian officials": a demonym or a body names its
        # state here; each state counts once.
        last: dict[str, Mention] = {}
        named = [(m.actor, m) for m in reversed(pool)] + [
            (actor, None) for actor in reversed(self._previous)]
        for actor, m in named:
            actor = self._of_kind(actor, person)
            if actor is not None and actor not in last:
                last[actor] = Mention(-1, -1, actor, "reference") if m is None or \
                    m.actor != actor else m
                if len(last) == 2:
                    return list(reversed(last.values()))
        return None

    def _of_kind(self, actor_id: str, person: bool | None) -> str | None:
        """The actor as the kind a noun names: itself for a person or any actor, its state
        for "the two countries"."""
        actor = self.actors.actor(actor_id, self._article)
        if actor is None:
            return None
        if person is None:
            return actor_id
        if person:
            return actor_id if actor.type is ActorType.PERSON else None
        if actor.type is ActorType.STATE:
            return actor_id
        if actor.type is ActorType.PERSON or self._article is None:
            return None  # a leader is no country
        return self.actors.state_of(actor_id, self._article)

    def _relative_pair(self, i: int, s: _Sentence, noun: NominalNoun) -> list[Mention] | None:
        """ "the deal X and Y struck in 2018": the parties of an agreement noun named in the
        reduced relative clause after it."""
        if noun.type != "agrees" or i + 1 >= s.hi:
            return None
        m = s.by_start.get(i + 1)
        if m is None or m.possessive:
            return None
        group = self._group(m, s)
        end = max(x.end for x in group)
        if len({x.actor for x in group}) < 2 or end >= s.hi:
            return None
        return group if self._lw[end] in self.participles else None

    def _phrase_start(self, j: int, holders: list[Mention]) -> int:
        """The token before a possessive noun phrase ("at X's request": "at")."""
        return min(m.start for m in holders) - 1

    def _at(self, j: int, holders: list[Mention], s: _Sentence) -> bool:
        """Whether the possessive phrase follows "at" ("at X's request", "at member X's
        request")."""
        k = self._phrase_start(j, holders)
        return any(k - step >= s.lo and self._lw[k - step] == "at" for step in (0, 1))

    def _clause_subject(self, j: int, s: _Sentence, need_receiver: bool
                        ) -> list[Mention] | None:
        """The subject of the clause the noun phrase (ending at ``j``) stands in: the nearest
        actor before it that no preposition governs."""
        lw, tx = self._lw, self._tx
        k = j + 1
        stop = max(s.lo - 1, j - _SUBJECT_REACH)
        while k - 1 > stop:
            k -= 1
            m = s.by_end.get(k + 1)
            if m is not None:
                group = self._group(m, s)
                first = min(x.start for x in group) - 1
                while first >= s.lo and lw[first] in _DETERMINERS:
                    first -= 1
                if m.possessive:
                    # "X's move drew criticism from Y": the act's owner receives it.
                    return group if need_receiver and self._owns_act(m.end, s) else None
                if need_receiver:
                    # "X's use of the Russian company Y drew criticism": Y is in the
                    # subject's "of" phrase; the subject is further left.
                    first = self._phrase_lead(first, s)
                    if first >= s.lo and lw[first] == "of":
                        k = first  # (the loop steps on from the word before "of")
                        continue
                if first >= s.lo and lw[first] in self.preps:
                    return None
                return group
            if lw[k] in self.breaks or tx[k] in {";", ":"}:
                return None
        return None

    def _phrase_lead(self, k: int, s: _Sentence) -> int:
        """The word before the noun phrase whose words before its head end at ``k``:
        determiners, lower-case words and demonyms skipped ("of the Russian company")."""
        lw, tx = self._lw, self._tx
        while k >= s.lo:
            m = s.by_end.get(k + 1)
            if m is not None and m.kind == "demonym":
                k = m.start - 1
            elif lw[k] in _DETERMINERS or (tx[k].isalpha() and tx[k].islower()
                                            and lw[k] not in self.preps):
                k -= 1
            else:
                break
        return k

    def _owns_act(self, end: int, s: _Sentence) -> bool:
        """Whether a possessive actor ending at ``end`` heads the clause's subject as the
        owner of an act ("X's decision", "X's planned use of Y")."""
        lw = self._lw
        k = end
        if k < s.hi and lw[k] in {"'s", "’s", "'", "’"}:
            k += 1
        while k < s.hi and lw[k] in self.modifiers:
            k += 1
        return k < s.hi and lw[k] in self.data.owned_acts

    def _receiving_subject(self, j: int, s: _Sentence) -> tuple[list[Mention] | None, bool]:
        """The clause subject when a verb of receiving (or of asking) stands between it and
        the noun phrase that ends at ``j``; and whether it was asked for."""
        lw = self._lw
        received = sought = False
        for k in range(j, max(s.lo - 1, j - 8), -1):
            if s.by_end.get(k + 1) is not None:
                break
            received = received or lw[k] in self.data.receivers
            sought = sought or lw[k] in self.data.sought
        if not (received or sought) or self._negated(j + 1, s.lo, reach=6):
            return None, False
        return self._clause_subject(j, s, True), sought

    def _fronted_subject(self, j: int, end: int, s: _Sentence) -> list[Mention] | None:
        """ "With the backing of X, Z ...": the subject after the fronted phrase's comma."""
        lw, tx = self._lw, self._tx
        k = j
        while k >= s.lo and lw[k] in _DETERMINERS:
            k -= 1
        if k >= s.lo + 2 and lw[k] == "with" and tx[k - 1] == ",":
            # "Z, with the backing of X, launched ...": the subject before the commas.
            m = s.by_end.get(k - 1)
            close = next((c for c in range(end, min(s.hi, end + 3)) if tx[c] == ","), None)
            if m is None or m.possessive or close is None:
                return None
            group = self._group(m, s)
            first = min(x.start for x in group) - 1
            while first >= s.lo and lw[first] in _DETERMINERS:
                first -= 1
            # (an actor after a preposition is no subject: "talks with Y, with ...")
            return None if first >= s.lo and lw[first] in self.preps else group
        if k < s.lo or lw[k] != "with" or k > s.lo + 1:
            return None
        comma = next((c for c in range(end, min(s.hi, end + 8)) if tx[c] == ","), None)
        if comma is None:
            return None
        for p in range(comma + 1, min(s.hi, comma + 4)):
            m = s.by_start.get(p)
            if m is not None:
                return None if m.possessive else self._group(m, s)
        return None

    # -- precision --------------------------------------------------------------------------

    def _third_party(self, f: Found, mentions: list[Mention]) -> bool:
        """Whether ``f``, a deed, is another actor's the subject only talks about: "X denied
        involvement in an attack on Y", "X condemned the strikes on Y"."""
        if f.predicate not in self.deeds or not f.trigger:
            return False
        t = self._locate(f.trigger, f.start, f.end)
        if t is None:
            return False
        lw = self._lw
        own = [m for m in mentions if m.actor == f.subject and f.start <= m.start < f.end]
        if any(m.start >= t for m in own):
            return False  # "a conflict between X and Y": the holder is in the frame
        before = [m for m in own if m.end <= t]
        if not before:
            return False
        m = before[-1]
        if t - 3 <= m.end and (m.possessive or m.kind == "demonym" or lw[m.end] in _POSSESSIVE):
            return False  # "X's strikes", "Israeli strikes": the deed's own holder
        # The subject, then a word that makes the deed a thing it talks about, then the deed.
        return any(lw[k] in self.data.third_party for k in range(max(m.end, t - 6), t))

    def _locate(self, trigger: str, lo: int, hi: int) -> int | None:
        """The token where the trigger text of a reading starts in sentence ``[lo, hi)``."""
        lw = self._lw
        want = trigger.lower()
        for k in range(lo, hi):
            if want.startswith(lw[k]) and self._text(k, min(hi, k + len(want.split()) + 4)
                                                     ).lower().startswith(want):
                return k
        return None

    def _unrealised(self, j: int, lo: int) -> bool:
        """ "called for talks between ...", "a possible deal": asked for, not held."""
        return any(self._lw[k] in self.data.unrealised for k in range(max(lo, j - 2), j + 1))

    def _negated(self, start: int, lo: int, reach: int = 3) -> bool:
        return any(self._lw[k] in self.negation for k in range(max(lo, start - reach), start))

    # -- output -----------------------------------------------------------------------------

    def _emit(self, out: list[Found], holders: list[Mention], kind: str,
              targets: list[Mention], mutual: str | None,
              code: tuple[str | None, float | None], text: str, lo: int, hi: int,
              ctx: ArticleContext) -> None:
        if targets:
            pairs = [(h.actor, t.actor) for h in holders for t in targets]
            if mutual == "both":
                pairs += [(b, a) for a, b in pairs]
        else:
            actors = list(dict.fromkeys(m.actor for m in holders))
            if mutual == "both":
                pairs = [(a, b) for a in actors for b in actors if a != b]
            else:
                pairs = [(actors[0], b) for b in actors[1:]]
        for a, b in dict.fromkeys(pairs):
            if a == b or self._is_media(a, ctx) or self._is_media(b, ctx) \
                    or self._acts_for(a, b, ctx) or self._acts_for(b, a, ctx):
                continue
            out.append(Found(a, kind, b, CONFIDENCE, text, None, lo, hi, code[0], code[1]))

    def _acts_for(self, agent: str, state: str, ctx: ArticleContext) -> bool:
        return self.actors.acts_for_state(agent, state, ctx)

    def _is_media(self, actor_id: str, ctx: ArticleContext) -> bool:
        actor = self.actors.actor(actor_id, ctx)
        return actor is not None and actor.type is ActorType.MEDIA

    def _is_person(self, actor_id: str) -> bool:
        actor = self.actors.actor(actor_id)
        return actor is not None and actor.type is ActorType.PERSON

    def _group(self, m: Mention, s: _Sentence) -> list[Mention]:
        return [x for x in s.mentions if x.group == m.group] or [m]

    def _text(self, start: int, end: int) -> str:
        end = min(end, len(self._tx))
        return "".join(self._tx[k] + (" " if self._spaces[k] and k < end - 1 else "")
                       for k in range(start, end))


def _indices(words: list[str], word: str, lo: int, hi: int) -> list[int]:
    """The positions of ``word`` in ``words[lo:hi]`` (``list.index`` does the scanning)."""
    out = []
    k = lo
    while True:
        try:
            k = words.index(word, k, hi)
        except ValueError:
            return out
        out.append(k)
        k += 1

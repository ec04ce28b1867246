"""References to earlier events and stances of the same article.

"Turkey condemned the attack", "Kenya denied the accusations", "Chile rejected the ruling":
the object of the reaction is no actor but an event the article reported before. This module
reads the word lists of ``ontology/lexicon/events.yaml`` and works in two steps around the
stance finder, for every paragraph of an article:

1. :meth:`EventReferences.mark` finds event references ("the strikes", "such measures",
   "Sunday's ruling") right after a reaction and gives each a placeholder mention, so that
   the stance finder attaches it like any object (subject, negation, modality and speakers
   all work as usual);
2. :meth:`EventReferences.resolve` replaces each placeholder object by the actor behind the
   event: the agent of the latest fitting stance the article reported (not of the reacting
   actor's own side), the maker of the latest accusation against the reacting actor, or the
   court the article named last. A reference that cannot be resolved is dropped.

The stances of the article so far are kept in an :class:`EventMemory`, one per article.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from graphkit.errors import InputError
from graphkit.extract.actors import ActorFinder, ArticleContext, Mention
from graphkit.extract.lexicon import Lexicon, _inflect, _load_trigger, _tokens, noun_forms
from graphkit.extract.nlp import sentence_bounds, token_info
from graphkit.extract.stances import Found
from graphkit.extract.wordlists import file_mtime, read_mapping, word_list
from graphkit.ontology import Ontology, cameo_codebook
from graphkit.resources import ontology_file

__all__ = ["EventLexicon", "EventMemory", "EventNoun", "EventReferences", "load_events",
           "PLACEHOLDER"]

#: The prefix of a placeholder actor id; no canonical id can start with it.
PLACEHOLDER = "#event:"
_ROLES = {"deed", "charge", "ruling"}
_GENITIVE = frozenset({"'s", "’s"})
# Confidence kept by a stance whose object was resolved through an earlier event.
_RESOLVED = 0.85
# Confidence of a stance repeated by an echo ("Y followed suit").
_ECHO = 0.6
# How far after an event noun its target or agent may be named, in tokens.
_REACH = 7


@dataclass(frozen=True)
class EventNoun:
    """An event noun: what earlier stances it may name and how its phrase says more."""

    role: str
    refers_to: frozenset[str] = frozenset()
    targets: frozenset[str] = frozenset()
    agents: frozenset[str] = frozenset()
    reactions: frozenset[str] | None = None


@dataclass(frozen=True)
class EventLexicon:
    """The word lists of ``events.yaml``, as lower-case tokens."""

    determiners: frozenset[str] = frozenset()
    time_words: frozenset[str] = frozenset()
    # modifier token tuples by their last token, for the walk leftwards from the noun
    modifiers: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    nouns: dict[str, EventNoun] = field(default_factory=dict)
    reaction_types: frozenset[str] = frozenset()
    reaction_phrases: frozenset[tuple[str, ...]] = frozenset()
    modals: frozenset[str] = frozenset()
    court_words: frozenset[str] = frozenset()
    # echo phrases by their first token: (tokens, the stance types they repeat)
    echoes: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = field(
        default_factory=dict)
    echo_between: frozenset[str] = frozenset()
    negations: frozenset[str] = frozenset()
    # trigger entries read only by the stance finder of the pipeline (YAML mappings)
    triggers: tuple[dict[str, Any], ...] = ()
    path: str = ""


def load_events(path: str | Path | None = None) -> EventLexicon:
    """The event references (``ontology/lexicon/events.yaml`` by default).

    Examples
    --------
    >>> ev = load_events()
    >>> ev.nouns["strikes"].role, "attacks" in ev.nouns["strikes"].refers_to
    ('deed', True)
    """
    file = Path(path) if path is not None else ontology_file("lexicon/events.yaml")
    return _cached(str(file), file_mtime(file))



@cache
def _cached(file: str, _mtime: int) -> EventLexicon:
    path = Path(file)
    data = read_mapping(path)
    modifiers: dict[str, set[tuple[str, ...]]] = {}
    for word in word_list(data, "modifiers", path):
        tokens = _tokens(word)
        modifiers.setdefault(tokens[-1], set()).add(tokens)
    nouns: dict[str, EventNoun] = {}
    groups = data.get("events") or []
    if not isinstance(groups, list):
        raise InputError(path, "events: expected a list of noun groups")
    for index, group in enumerate(groups, start=1):
        if not isinstance(group, dict) or group.get("role") not in _ROLES:
            raise InputError(path, f"events entry {index}: expected a mapping with a role "
                             f"of {', '.join(sorted(_ROLES))}")
        reactions = group.get("reactions")
        active = group.get("active", True)
        if not isinstance(active, bool):
            raise InputError(path, f"events entry {index}: active must be true or false")
        if not active:
            continue
        noun = EventNoun(
            role=group["role"],
            refers_to=frozenset(word_list(group, "refers_to", path)),
            targets=frozenset(word_list(group, "targets", path)),
            agents=frozenset(word_list(group, "agents", path)),
            reactions=frozenset(word_list(group, "reactions", path)) if reactions else None)
        for word in word_list(group, "words", path):
            for form in noun_forms(word):
                nouns.setdefault(form, noun)
    phrases: set[tuple[str, ...]] = set()
    for phrase in word_list(data, "reaction_phrases", path):
        phrases.add(_tokens(phrase))
    triggers = data.get("triggers") or []
    if not isinstance(triggers, list) or not all(isinstance(t, dict) for t in triggers):
        raise InputError(path, "triggers: expected a list of trigger entries")
    echoes: dict[str, list[tuple[tuple[str, ...], frozenset[str]]]] = {}
    groups = data.get("echoes") or []
    if not isinstance(groups, list) or not all(isinstance(g, dict) for g in groups):
        raise InputError(path, "echoes: expected a list of phrase groups")
    for group in groups:
        kinds = frozenset(word_list(group, "refers_to", path))
        for phrase in word_list(group, "phrases", path):
            for form in _inflect(phrase, "verb"):
                echoes.setdefault(form[0], []).append((form, kinds))
    return EventLexicon(
        echoes={k: tuple(sorted(v, key=lambda e: -len(e[0]))) for k, v in echoes.items()},
        echo_between=frozenset(word_list(data, "echo_between", path)),
        negations=frozenset(word_list(data, "negations", path)),
        determiners=frozenset(word_list(data, "determiners", path)),
        time_words=frozenset(word_list(data, "time_words", path)),
        modifiers={k: tuple(sorted(v, key=len, reverse=True)) for k, v in modifiers.items()},
        nouns=nouns,
        reaction_types=frozenset(word_list(data, "reaction_types", path)),
        reaction_phrases=frozenset(phrases),
        court_words=frozenset(word_list(data, "court_words", path)),
        modals=frozenset(word_list(data, "modals", path)),
        triggers=tuple(triggers),
        path=str(path),
    )


@dataclass(frozen=True)
class EventRef:
    """One event reference in a doc: tokens ``[start, end)``, its noun, and the target and
    agent its phrase names ("the attack on X", "the expulsion of Y from Z")."""

    start: int
    end: int
    noun: EventNoun
    text: str
    targets: tuple[str, ...] = ()
    agents: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Record:
    order: int
    subject: str
    predicate: str
    object: str
    cameo: str | None = None
    goldstein: float | None = None


@dataclass(frozen=True)
class _Echo:
    """An echo phrase of a doc ("followed suit") and the actors before it."""

    subjects: tuple[str, ...]
    kinds: frozenset[str]
    text: str
    start: int  # the sentence's token bounds
    end: int


@dataclass
class EventMemory:
    """The stances one article has given so far, in reading order."""

    records: list[_Record] = field(default_factory=list)
    sentences: int = 0


class EventReferences:
    """Marks event references in docs and resolves them against an article's stances.

    Parameters
    ----------
    lexicon : Lexicon
    ontology : Ontology
    actors : ActorFinder
    events : EventLexicon, optional
    """

    def __init__(self, lexicon: Lexicon, ontology: Ontology, actors: ActorFinder,
                 events: EventLexicon | None = None) -> None:
        self.events = events if events is not None else load_events()
        self.ontology = ontology
        self.actors = actors
        self._lexicon = lexicon
        reactions = set(self.events.reaction_phrases)
        for form, triggers in lexicon.triggers.items():
            if any(t.type in self.events.reaction_types and t.pos != "noun" for t in triggers):
                reactions.add(form)
        extra = self._extra_triggers(lexicon)
        for form, triggers in extra.items():
            # "vowed to retaliate for the strikes": the entry's prepositions lead to the event.
            reactions.add(form)
            reactions.update(form + (p,) for t in triggers for p in t.preps)
        self._reactions = frozenset(reactions)
        self._reaction_len = max((len(r) for r in reactions), default=0)
        self._extra = extra
        # Placeholders of the doc being read: id -> reference.
        self._refs: dict[str, EventRef] = {}
        self._echoes: list[_Echo] = []
        self._kinds: dict[tuple[str, frozenset[str]], bool] = {}

    # -- the stance finder's lexicon ------------------------------------------------------

    def _extra_triggers(self, lexicon: Lexicon) -> dict[tuple[str, ...], list]:
        """The trigger forms of ``events.yaml`` (built on an empty lexicon)."""
        scratch = Lexicon()
        codebook = cameo_codebook()
        path = Path(self.events.path)
        for index, entry in enumerate(self.events.triggers, start=1):
            entry = dict(entry)
            code = entry.pop("code", None)
            known = codebook.get(str(code)) if code is not None else None
            _load_trigger(scratch, path, index, entry, self.ontology,
                          cameo=str(code) if known is not None else None,
                          goldstein=known.goldstein if known is not None else None)
        return scratch.triggers

    def stance_lexicon(self, lexicon: Lexicon) -> Lexicon:
        """``lexicon`` with the triggers of ``events.yaml`` added (a copy)."""
        triggers = {form: list(found) for form, found in lexicon.triggers.items()}
        for form, found in self._extra.items():
            bucket = triggers.setdefault(form, [])
            bucket.extend(t for t in found if t not in bucket)
        return dataclasses.replace(lexicon, triggers=triggers)

    # -- step 1: placeholders -------------------------------------------------------------

    def mark(self, doc: Any, mentions: list[Mention]) -> list[Mention]:
        """``mentions`` with a placeholder mention for every event reference of ``doc``
        that stands right after a reaction (a new list; ``mentions`` is left as it is)."""
        self._refs = {}
        self._echoes = []
        info = token_info(doc)
        lw = info.lower
        if mentions and not self.events.echoes.keys().isdisjoint(lw):
            self._echoes = self._find_echoes(doc, lw, mentions)
        nouns = self.events.nouns
        if nouns.keys().isdisjoint(lw):
            return mentions
        hits = [i for i, w in enumerate(lw) if w in nouns]
        covered = {i for m in mentions for i in range(m.start, m.end)}
        ends = {m.end for m in mentions}
        by_start = {m.start: m for m in mentions}
        group = max((m.group for m in mentions), default=0) + 1
        added: list[Mention] = []
        for i in hits:
            if i in covered or (i + 1 < len(lw) and lw[i + 1] in nouns):
                continue  # a name's word, or the first noun of a compound ("strike force")
            start = self._opening(lw, i)
            if start is None or any(k in covered for k in range(start, i)):
                continue
            if not self._after_reaction(lw, start, ends) or self._in_trigger(lw, start, i):
                continue
            noun = nouns[lw[i]]
            targets, agents = self._complements(lw, info.texts, i + 1, noun, by_start, mentions)
            ref_id = f"{PLACEHOLDER}{len(self._refs)}"
            text = doc[start:i + 1].text
            self._refs[ref_id] = EventRef(start, i + 1, noun, text, targets, agents)
            # Marked possessive: the subject search passes over it ("rejected the move and
            # accused Y": the first verb's subject accuses), as over "X's" before a verb.
            added.append(Mention(start, i + 1, ref_id, "event", possessive=True, group=group))
            group += 1
        if not added:
            return mentions
        return sorted([*mentions, *added], key=lambda m: m.start)

    def _opening(self, lw: list[str], i: int) -> int | None:
        """Where the reference whose noun is token ``i`` starts: at its determiner, after
        describing words only; None without a determiner."""
        ev = self.events
        k = i - 1
        while k >= 0:
            word = lw[k]
            if word in ev.determiners:
                return k
            if word in {"a", "an"} and k > 0 and lw[k - 1] == "such":
                return k - 1
            if word in _GENITIVE and k > 0 and lw[k - 1] in ev.time_words:
                return k - 2 if k > 1 and lw[k - 2] == "last" else k - 1
            step = next((len(m) for m in ev.modifiers.get(word, ())
                         if tuple(lw[k - len(m) + 1:k + 1]) == m), 0)
            if not step or i - k > 6:
                return None
            k -= step
        return None

    def _find_echoes(self, doc: Any, lw: list[str], mentions: list[Mention]) -> list[_Echo]:
        """The echo phrases of ``doc`` with the actors right before them ("Canada and
        Japan quickly followed suit"); a negated or modal echo is none."""
        ev = self.events
        by_end = {m.end: m for m in mentions}
        bounds = sentence_bounds(doc)
        prepositions = self._lexicon.grammar.prepositions
        out: list[_Echo] = []
        for i, word in enumerate(lw):
            for form, kinds in ev.echoes.get(word, ()):
                if tuple(lw[i:i + len(form)]) != form:
                    continue
                k = i - 1
                while k >= 0 and lw[k] in ev.echo_between:
                    k -= 1
                if k < 0 or lw[k] in ev.negations or lw[k] in ev.modals:
                    break
                m = by_end.get(k + 1)
                if m is None or m.possessive or m.kind == "event":
                    break
                group = [x for x in mentions if x.group == m.group] or [m]
                first = min(x.start for x in group)
                if first > 0 and lw[first - 1] in prepositions:
                    break  # "in Britain, ...": a place, not the one who followed
                lo, hi = next(((a, b) for a, b in bounds if a <= i < b), (0, len(lw)))
                out.append(_Echo(tuple(dict.fromkeys(x.actor for x in group)), kinds,
                                 doc[i:i + len(form)].text, lo, hi))
                break
        return out

    def _echoed(self, echo: _Echo, memory: EventMemory, ctx: ArticleContext) -> list[Found]:
        """The latest stance of the echo's kinds by another side, repeated by its
        subjects."""
        best: int | None = None
        out: list[Found] = []
        for rec in reversed(memory.records):
            if best is not None and rec.order != best:
                break
            if not self._fits(rec.predicate, echo.kinds) or _placeholder(rec.object):
                continue
            if any(self._same_side(rec.subject, s, ctx) or self._same_side(rec.object, s, ctx)
                   for s in echo.subjects) or self._same_side(rec.subject, rec.object, ctx):
                continue
            best = rec.order
            for s in echo.subjects:
                out.append(Found(s, rec.predicate, rec.object, _ECHO, echo.text, None,
                                 echo.start, echo.end, rec.cameo, rec.goldstein))
        return out

    def _in_trigger(self, lw: list[str], start: int, noun: int) -> bool:
        """Whether a lexicon phrase already holds the reference ("applauded the decision
        of X", "attribute the attack to X"): the phrase's own frame reads it."""
        triggers = self._lexicon.triggers
        for a in range(max(0, start - 4), start + 1):
            for b in range(noun + 1, min(len(lw), noun + 4) + 1):
                if tuple(lw[a:b]) in triggers:
                    return True
        return False

    def _after_reaction(self, lw: list[str], start: int, ends: set[int]) -> bool:
        """Whether a stated reaction ends right before token ``start``: not one under a
        modal ("could reject"), nor a participle after a plain noun ("crowds celebrating
        the attack", whose subject is not the sentence's actor)."""
        for n in range(min(self._reaction_len, start), 0, -1):
            if tuple(lw[start - n:start]) not in self._reactions:
                continue
            at = start - n
            before = lw[at - 1] if at > 0 else ""
            if before in self.events.modals or (
                    at > 1 and before in {"not", "also", "then"}
                    and lw[at - 2] in self.events.modals):
                return False
            return not (lw[at].endswith("ing") and before.isalpha() and at not in ends
                        and before not in self._lexicon.be_forms)
        return False

    def _complements(self, lw: list[str], tx: list[str], end: int, noun: EventNoun,
                     by_start: dict[int, Mention], mentions: list[Mention]
                     ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The target ("on X") and the agent ("by Y") written after an event noun."""
        targets: tuple[str, ...] = ()
        agents: tuple[str, ...] = ()
        breaks = self._lexicon.clause_breaks
        k = end
        limit = min(len(lw), end + _REACH)
        while k < limit:
            word = lw[k]
            if tx[k] in {",", ";", ":", "."} or (word in breaks and word.isalpha()):
                break
            if word in noun.agents or word in noun.targets:
                m = by_start.get(k + 1) or (by_start.get(k + 2) if k + 2 < len(lw)
                                            and lw[k + 1] in {"the", "its", "their"} else None)
                if m is not None:
                    actors = tuple(x.actor for x in mentions if x.group == m.group) or (m.actor,)
                    if word in noun.agents and not (word in noun.targets and not targets
                                                    and word == "of"):
                        agents = agents or actors
                    elif not targets:
                        targets = actors
                    k = max(x.end for x in mentions if x.group == m.group)
                    continue
            k += 1
        return targets, agents

    # -- step 2: resolution ----------------------------------------------------------------

    def resolve(self, found: list[Found], memory: EventMemory, ctx: ArticleContext
                ) -> list[Found]:
        """The stances of one doc with placeholder objects resolved (or dropped), each
        sentence's stances added to ``memory`` once read."""
        if not self._refs and not self._echoes:
            # Most docs: nothing to resolve, only to remember (checks wait for a reference).
            self._remember(found, memory)
            return found
        by_sentence: dict[int, list[Found]] = {}
        for f in found:
            by_sentence.setdefault(f.start, []).append(f)
        echoes: dict[int, list[_Echo]] = {}
        for echo in self._echoes:
            echoes.setdefault(echo.start, []).append(echo)
            by_sentence.setdefault(echo.start, [])
        out: list[Found] = []
        for start in sorted(by_sentence):
            plain = [f for f in by_sentence[start] if not _placeholder(f.subject)
                     and not _placeholder(f.object)]
            self._remember(plain, memory)
            resolved: list[Found] = []
            for f in by_sentence[start]:
                if _placeholder(f.subject) or not _placeholder(f.object):
                    continue
                ref = self._refs.get(f.object)
                if ref is None:
                    continue
                for obj in self._referent(f, ref, memory, ctx):
                    resolved.append(dataclasses.replace(
                        f, object=obj, trigger=f"{f.trigger} {ref.text}",
                        confidence=round(f.confidence * _RESOLVED, 3)))
            for echo in echoes.get(start, ()):
                resolved.extend(self._echoed(echo, memory, ctx))
            self._remember(resolved, memory)
            out.extend(plain)
            out.extend(resolved)
        self._refs = {}
        self._echoes = []
        return out

    def _referent(self, f: Found, ref: EventRef, memory: EventMemory,
                  ctx: ArticleContext) -> list[str]:
        noun = ref.noun
        allowed = noun.reactions if noun.reactions is not None else self.events.reaction_types
        if f.predicate not in allowed:
            return []
        if ref.agents:
            return [a for a in ref.agents if not self._same_side(a, f.subject, ctx)]
        if noun.role == "ruling":
            court = self._last_court(ctx)
            return [court] if court is not None and court != f.subject else []
        side = self._side(f.subject, ctx)
        targets = {self._side(t, ctx) for t in ref.targets}
        best: int | None = None
        out: list[str] = []
        for rec in reversed(memory.records):
            if best is not None and rec.order != best:
                break
            if not self._fits(rec.predicate, noun.refers_to):
                continue
            if _placeholder(rec.object) or self._same_side(rec.subject, rec.object, ctx):
                continue  # (a misreading the pipeline drops: no event to refer to)
            if noun.role == "charge":
                # The charge was made against the reacting actor (or its side).
                if self._side(rec.object, ctx) != side:
                    continue
            elif targets and self._side(rec.object, ctx) not in targets:
                continue
            if self._same_side(rec.subject, f.subject, ctx):
                continue
            best = rec.order
            if rec.subject not in out:
                out.append(rec.subject)
        return out

    def _fits(self, predicate: str, kinds: frozenset[str]) -> bool:
        key = (predicate, kinds)
        hit = self._kinds.get(key)
        if hit is None:
            hit = self._kinds[key] = predicate in self.ontology \
                and predicate not in self.ontology.role_predicates and any(
                k in self.ontology and self.ontology.is_a(predicate, k) for k in kinds)
        return hit

    def _last_court(self, ctx: ArticleContext) -> str | None:
        words = self.events.court_words
        for actor_id in reversed(ctx.history[-200:]):
            actor = self.actors.actor(actor_id, ctx)
            if actor is None:
                continue
            names = (actor.label, *actor.aliases)
            if any(w in words for name in names for w in name.lower().split()):
                return actor_id
        return None

    def _remember(self, found: list[Found], memory: EventMemory) -> None:
        """Append stances to the memory, one order number per sentence."""
        last = None
        for f in found:
            if f.start != last:
                memory.sentences += 1
                last = f.start
            memory.records.append(_Record(memory.sentences, f.subject, f.predicate, f.object,
                                          f.cameo, f.goldstein))

    def _side(self, actor_id: str, ctx: ArticleContext) -> str:
        return self.actors.state_of(actor_id, ctx) or actor_id

    def _same_side(self, a: str, b: str, ctx: ArticleContext) -> bool:
        if a == b:
            return True
        chain = self.actors.acts_for_chain
        return chain(a, b, ctx) or chain(b, a, ctx) or self._side(a, ctx) == self._side(b, ctx)


def _placeholder(actor_id: str) -> bool:
    return actor_id.startswith(PLACEHOLDER)


"""Stances in text: trigger phrases from the lexicon, attached to the actors around them.

For each sentence with a trigger, :class:`StanceFinder` works out

* who speaks (a speech verb or "according to X" makes a *region* of the sentence whose
  stances keep that speaker; a claim about others stays theirs),
* the subject and the object of the trigger, by the frame the lexicon gives it (actor on the
  left and on the right; the subject of the clause; "between X and Y"; the actor of an
  if-clause), with active and passive voice, participle clauses ("..., cutting ties with X")
  and fronted phrases ("With a swipe at X, Y said"),
* whether the trigger is negated ("did not condemn": no stance), refused ("refused to
  recognize": rejects), under modality or in a conditional's main clause ("would impose
  sanctions": threatens), or inside the if-clause itself (no stance).

Everything works on token positions of a blank-pipeline ``Doc``; when the doc carries a
dependency parse (``--parser``), the parse is asked first for subject and object.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from graphkit.extract.actors import ActorFinder, ArticleContext, Mention, _Tokenize
from graphkit.extract.lexicon import Lexicon, Trigger
from graphkit.extract.nlp import TokenInfo, filter_ranges, sentence_bounds, token_info
from graphkit.extract.relations import RelationFinder
from graphkit.model import ActorType, Polarity, Stance
from graphkit.ontology import Ontology, cameo_codebook

__all__ = ["Found", "StanceFinder"]

_WINDOW = 14
# A stance read from a relational noun ("X's ally") is stated in passing: a little less
# sure than a verb's.
_RELATION_CONFIDENCE = 0.7
# Words before an owned act besides the relational modifiers: "X's latest move to ...".
_ACT_MODIFIERS = frozenset({"latest", "surprise", "sudden", "unilateral", "abrupt", "recent",
                            "reported", "announced", "stated", "declared", "controversial",
                            "formal", "unprecedented", "earlier", "initial", "final"})


@dataclass(frozen=True)
class Found:
    """A stance read from one sentence, before it becomes a :class:`graphkit.model.Stance`."""

    subject: str
    predicate: str
    object: str
    confidence: float
    trigger: str
    speaker: str | None
    start: int
    end: int
    # The CAMEO event code of the entry that fired (or of the type a rule turned it into)
    # and its Goldstein value.
    cameo: str | None = None
    goldstein: float | None = None


@dataclass(frozen=True)
class _Range:
    """Tokens ``[start, end)`` of a doc: what the rules read of a sentence or a trigger."""

    start: int
    end: int


def _text(doc: Doc, *, info: TokenInfo | None, start: int, end: int) -> str:
    """The text of tokens ``[start, end)`` as written, spaces included."""
    if info is None:
        return doc[start:end].text
    last = end - 1
    return info.text[info.idx[start]:info.idx[last] + len(info.texts[last])]


@dataclass
class _Region:
    """Tokens ``[start, end)`` of a sentence that report what ``speaker`` said."""

    start: int
    end: int
    speaker: Mention


@dataclass
class _Arguments:
    subjects: list[Mention]
    objects: list[Mention]
    factor: float = 1.0
    mutual: bool = False  # coordinated subjects acting on each other ("X and Y met")


class StanceFinder:
    """Finds stances in docs whose actor mentions are known.

    Parameters
    ----------
    lexicon : Lexicon
    ontology : Ontology
    actors : ActorFinder
        Gives actor types and states for the ids in mentions.
    """

    def __init__(self, lexicon: Lexicon, ontology: Ontology, actors: ActorFinder) -> None:
        self.lexicon = lexicon
        self.ontology = ontology
        self.actors = actors
        # Closed-class words from grammar.yaml, bound once for the per-token checks.
        grammar = lexicon.grammar
        self._complementisers = grammar.complementisers
        self._month_leads = grammar.month_leads
        self._skip = grammar.skip_before_actor
        self._skip_noun_phrase = self._skip | frozenset(lexicon.relations.nouns) \
            | (lexicon.relations.modifiers - {"-"})
        self._telling = grammar.telling
        self._verb_links = grammar.verb_links
        self._gerund_preps = grammar.gerund_preps
        vocab = actors.names.vocab
        self.matcher = PhraseMatcher(vocab, attr="LOWER")
        make = _Tokenize(vocab)
        # Agreement nouns with their support verb after them ("an accord signed with"),
        # from relations.yaml, read like noun triggers of the lexicon.
        self._triggers: dict[tuple[str, ...], list[Trigger]] = dict(lexicon.triggers)
        self._codebook = cameo_codebook()
        code = lexicon.relations.agreement_code
        entry = self._codebook.get(code) if code else None
        for form, kind in lexicon.relations.agreements.items():
            self._triggers.setdefault(form, []).append(
                Trigger(type=kind, pos="noun", preps=frozenset({"with"}), symmetric=True,
                        reciprocal=True, confidence=0.75, source="relations.yaml",
                        cameo=code if entry is not None else None,
                        goldstein=entry.goldstein if entry is not None else None))
        # In batches: tens of thousands of pattern Docs at once would hold them all in memory.
        forms = list(self._triggers)
        for i in range(0, len(forms), 500):
            self.matcher.add("TRIGGER", [make(" ".join(f)) for f in forms[i:i + 500]])
        self._sources = PhraseMatcher(vocab, attr="LOWER")
        self._sources.add("SOURCE", [make(" ".join(s)) for s in lexicon.sources])
        self._refusal = _CueSet(lexicon.refusal)
        self._halt = _CueSet(lexicon.halt)
        self._reversal = _CueSet(lexicon.reversal)
        self._intent = _CueSet(lexicon.intent)
        self._invited = _CueSet(lexicon.invited)
        self._modality = _CueSet(lexicon.modality)
        self._directives = _CueSet(lexicon.directives)
        self._asked_for = _CueSet(lexicon.asked_for)
        self._denial = _CueSet(lexicon.denial)
        self._future = _CueSet(lexicon.future)
        self._undenied = _CueSet(lexicon.undenied)
        # "to be attacked", "to have sanctioned": auxiliaries before a participle.
        self._auxiliaries = frozenset(lexicon.be_forms | {"have", "get", "got", "become",
                                                          "remain", "not", "n't", "never"})
        self._other_modality = _CueSet(lexicon.modality - lexicon.future)
        # Past participles ("met", "held", "hit") for the passive test.
        from graphkit.extract.lexicon import _irregular_forms

        self._participles = frozenset(f for forms in _irregular_forms().values() for f in forms)
        # "met the presidents of X and Y": the leaders of a state stand for it.
        heads = {words[-1] for words, title in lexicon.titles.items()
                 if title.relation == "leads" and len(words) == 1}
        self._title_heads = frozenset(heads | {h + "s" for h in heads})
        # "a spokesman for the ministry accused ...": the one the title holder speaks for.
        self._any_title_heads = frozenset(words[-1] for words in lexicon.titles)
        self._hedges = _CueSet(lexicon.hedges)
        self._codebook = cameo_codebook()
        self._relation_finder = RelationFinder(lexicon)
        self._relation_words = self._relation_finder.words
        self._has_parse = False
        self._headline = False
        self._span_memo: tuple | None = None
        self._lw: list[str] = []
        self._tx: list[str] = []
        self._info: TokenInfo | None = None
        self._source_matches: list[tuple[int, int]] = []
        self._trigger_starts: set[int] = set()
        self._noun_starts: set[int] = set()
        # Set when a subject came from a relative clause ("X, which backs Y"): background the
        # writer states, not a report a speaker makes about X.
        self._background = False
        # Words after which a verb-form trigger is a noun ("threatened them with sanctions").
        self._noun_markers = (lexicon.blocking_preps - {"to"}) | grammar.determiners
        # "one targeted site", "two armed groups" (but not "the Group of Seven urged").
        self._number_words = frozenset(grammar.numbers)


    # -- entry point ------------------------------------------------------------------------

    def find(self, doc: Doc, mentions: list[Mention], ctx: ArticleContext, *,
             headline: bool = False) -> list[Found]:
        """The stances of every sentence of ``doc`` that has a trigger or a relational
        noun."""
        matches = self.matcher(doc)
        if not mentions:
            return []
        self._has_parse = doc.has_annotation("DEP")
        self._headline = headline
        # Token strings once per doc: indexing a Doc builds a Token object each time.
        info = self._info = token_info(doc)
        self._tx, self._lw = info.texts, info.lower
        related = len(mentions) > 1 and not self._relation_words.isdisjoint(self._lw)
        if not matches and not related:
            return []
        bounds = sentence_bounds(doc)
        starts = [b[0] for b in bounds]
        triggers = self._triggers
        self._trigger_starts = {s for _, s, e in matches if any(
            t.pos == "verb" for t in triggers.get(tuple(self._lw[s:e]), ()))}
        self._in_mention = {k for m in mentions for k in range(m.start, m.end)}
        self._noun_starts = {s for _, s, e in matches if any(
            t.pos == "noun" for t in triggers.get(tuple(self._lw[s:e]), ()))}
        relations = self._relations(doc, bounds, starts, mentions, ctx) if related else []
        if not matches:
            return relations
        by_sentence: dict[int, list[tuple[int, int]]] = {}
        for s, e in filter_ranges([(s, e) for _, s, e in matches]):
            by_sentence.setdefault(bisect_right(starts, s) - 1, []).append((s, e))
        # Sentences without an actor are skipped before any attachment work.
        with_actor = {bisect_right(starts, m.start) - 1 for m in mentions}
        if not with_actor.intersection(by_sentence):
            return relations
        self._source_matches = [(s, e) for _, s, e in self._sources(doc)]
        out: list[Found] = relations
        for index in sorted(by_sentence):
            if index not in with_actor:
                continue
            lo, hi = bounds[index]
            sent = _Range(lo, hi)
            sent_mentions = [m for m in mentions if lo <= m.start < hi]
            if self._has_parse:
                spans = [doc[s:e] for s, e in by_sentence[index]]
            else:
                # Plain ranges: a Span builds Token objects for what rule code reads as lists.
                spans = [_Range(s, e) for s, e in by_sentence[index]]
            out.extend(self._sentence(doc, sent, spans, sent_mentions, ctx, headline))
        return out

    def _relations(self, doc: Doc, bounds: list[tuple[int, int]], starts: list[int],
                   mentions: list[Mention], ctx: ArticleContext) -> list[Found]:
        """Stances of relational nouns and compounds ("NATO ally Turkey", "Iran, a backer
        of Y,"): background the writer states, so with no speaker."""
        by_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            by_sentence.setdefault(bisect_right(starts, m.start) - 1, []).append(m)
        out: list[Found] = []
        for index, sent_mentions in sorted(by_sentence.items()):
            if len(sent_mentions) < 2:
                continue
            lo, hi = bounds[index]
            sent_mentions.sort(key=lambda m: m.start)
            for rel in self._relation_finder.find(self._lw, self._tx, self._info.spaces, lo,
                                                  hi, sent_mentions, self._is_person,
                                                  frozenset(self._trigger_starts)):
                text = _text(doc, info=self._info, start=rel.start, end=rel.end)
                code, goldstein = self._type_code(rel.type)
                for s in rel.holders:
                    for o in rel.targets:
                        pairs = [(s.actor, o.actor)]
                        if rel.symmetric:
                            pairs.append((o.actor, s.actor))
                        for a, b in pairs:
                            if a == b or self._is_media(b, ctx) \
                                    or self._is_independent_media(a, ctx) \
                                    or self._acts_for(a, b, ctx) or self._acts_for(b, a, ctx):
                                continue
                            out.append(Found(a, rel.type, b, _RELATION_CONFIDENCE, text, None,
                                             lo, hi, code, goldstein))
        return out

    # -- one sentence -----------------------------------------------------------------------

    def _sentence(self, doc: Doc, sent: Span, triggers: list[Span], mentions: list[Mention],
                  ctx: ArticleContext, headline: bool) -> list[Found]:
        regions = self._regions(doc, sent, mentions)
        conditionals = self._conditionals(doc, sent)
        out: list[Found] = []
        last_subjects: list[Mention] = []
        for span in triggers:
            if any(m.start <= span.start < m.end or m.start < span.end <= m.end
                   for m in mentions):
                continue
            key = tuple(self._lw[span.start:span.end])
            region = _innermost(regions, span.start)
            if _inside(conditionals, span.start):
                continue
            for trigger in self._triggers.get(key, ()):
                found = self._attach(doc, sent, span, trigger, mentions, region, conditionals,
                                     last_subjects, ctx, headline)
                if found:
                    out.extend(found)
                    break
        return out

    def _attach(self, doc: Doc, sent: Span, span: Span, trigger: Trigger,
                mentions: list[Mention], region: _Region | None,
                conditionals: list[tuple[int, int]], last_subjects: list[Mention],
                ctx: ArticleContext, headline: bool) -> list[Found]:
        # The clause bounds and cues belong to the span: worked out once for all its readings.
        memo = self._span_memo
        if memo is None or memo[0] is not span:
            lo, hi = self._bounds(doc, sent, span, region)
            memo = self._span_memo = (span, lo, hi, self._cues_before(doc, span.start, lo),
                                      self._negated(doc, span, lo))
        _, lo, hi, cues, negated = memo
        if trigger.support and not any(
                w in trigger.support for w in self._lw[max(lo, span.start - 6):span.start]) \
                and not (region is not None and region.start == lo and lo >= 1
                         and span.start - lo <= 3 and self._lw[lo - 1] in trigger.support):
            # "agreement" counts as a stance only after "sign", "reach" ... (the speech verb
            # that opens a report may be the support: "announced joint drills with")
            return []
        predicate = trigger.type
        factor = 1.0
        if (trigger.pos == "verb" and span.start > lo
                and self._lw[span.start - 1] in self._noun_markers
                and not (self._lw[span.start - 1] in {"by", "after", "before"}
                         and self._lw[span.start].endswith("ing"))):
            return []  # "with sanctions", "the attack": a noun, not the verb
        if (trigger.pos == "verb" and span.end - span.start == 1
                and not self._verb_reading(span.start, lo, mentions)):
            return []  # "Russian attacks on X", "allied forces and": a noun
        if (trigger.pos == "verb" and span.start > lo
                and self._lw[span.start - 1] in self._number_words
                and self._tx[span.start - 1].islower()):
            return []  # "one targeted site": an adjective after a number
        if (trigger.pos == "verb" and span.end - span.start == 1 and span.start - 2 >= lo
                and self._lw[span.start].endswith("ed") and self._lw[span.start - 2] == "to"
                and self._lw[span.start - 1].isalpha()
                and self._lw[span.start - 1] not in self._auxiliaries):
            return []  # "a call to free arrested activists": an adjective after a verb
        if (trigger.pos == "verb" and span.end - span.start == 1
                and self._lw[span.start].endswith("ed") and span.end in self._noun_starts):
            return []  # "targeted sanctions on X": an adjective of the noun trigger after it
        if (trigger.pos == "verb" and span.start == lo and self._lw[span.start].endswith("ed")
                and span.end < hi and self._lw[span.end] in _QUESTION_WORDS):
            return []  # "Asked what X would do, Y said ...": the unnamed asker's question
        if (trigger.pos == "verb" and span.end - span.start == 1 and span.start > lo
                and self._lw[span.start] in self.lexicon.particles
                and self._lw[span.start - 1] in self.lexicon.particle_verbs):
            return []  # "pull back", "hit back": the particle of the verb before it
        if cues["denial"]:
            return []  # "denied that it had attacked X": the deed is denied, not stated
        if trigger.pos == "verb" and self._charged_deed(span.start, lo):
            # "accused X of funding Y": the deed charged to X, not a stance of the speaker.
            return []
        if negated:
            return []
        if (cues["directive"] or self._bare_directive(span, mentions, lo)) \
                and predicate not in self.lexicon.directive_types:
            return []  # "urged X to withdraw": asked of X, not done by anyone
        if (cues["asked_for"] and trigger.pos == "noun"
                and predicate not in self.lexicon.directive_types):
            return []  # "urged dialogue between X and Y": asked for, not held
        lex = self.lexicon
        cooperative = self.ontology[predicate].polarity is Polarity.COOPERATION
        recode: str | None = None  # the rule that changed the type, for its CAMEO code
        if cues["refusal"]:
            if not cooperative and predicate not in lex.refused_also:
                return []
            predicate, factor, recode = lex.refused_becomes, factor * 0.9, "refused"
        elif (cues["halt"] and lex.halted_becomes and not self._licensed(trigger, span, lo)
              and (cooperative or predicate in lex.halted_types)):
            # "suspended arms deliveries to X", "halted talks with X": relations reduced.
            predicate = lex.halted_types.get(predicate, lex.halted_becomes)
            factor, recode = factor * 0.85, "halted"
        elif (cues["reversal"] and lex.reversed_becomes and predicate in lex.reversed_types
              and not self._licensed(trigger, span, lo)):
            # "lifted the sanctions on X": a conflictual deed undone is a concession.
            predicate, factor, recode = lex.reversed_becomes, factor * 0.85, "reversed"
        elif (cues["intent"] and lex.intent_becomes and predicate != lex.intent_becomes
              and (cooperative or predicate in lex.intent_also)):
            # "pledged to help X", "offered to hold talks with X": an intent to cooperate.
            predicate, recode = lex.intent_becomes, "intent"
        elif predicate in lex.hosted_types and lex.hosted_becomes and self._invited_by(
                span.end, hi):
            # "sent troops to X at the request of its government": military cooperation.
            predicate, recode = lex.hosted_becomes, "hosted"
        conditioned = bool(conditionals) and not _inside(conditionals, span.start)
        modal = cues["modality"] or conditioned
        if conditioned and predicate in self.lexicon.conditional_coercive:
            predicate, recode = self.lexicon.coercive_becomes, "threatened"
        elif modal:
            if predicate in self.lexicon.coercive:
                predicate, recode = self.lexicon.coercive_becomes, "threatened"
            elif predicate != self.lexicon.coercive_becomes and recode != "intent":
                factor *= 0.8
        if cues["hedge"]:
            factor *= 0.85
        self._background = False
        args = self._arguments(doc, sent, span, trigger, mentions, region, conditionals,
                               last_subjects, lo, hi, ctx)
        if args is None or not args.subjects or not args.objects:
            return []
        if (recode == "threatened" and not conditioned and cues["future"]
                and trigger.type in lex.announced_types and region is not None
                and all(self._same_side(region.speaker.actor, m.actor, ctx)
                        for m in args.subjects)):
            # "X said it will downgrade ties with Y": X's own decision, announced.
            predicate, recode, factor = trigger.type, None, factor * 0.9
        if trigger.subject_kind == "military" and not all(m.military for m in args.subjects):
            return []
        if not (span.start and self._tx[span.start - 1] == "-"):
            # "UN-recognised Y" modifies a noun: no subject for a later "and"-verb.
            last_subjects[:] = args.subjects
        factor *= args.factor * (0.9 if headline else 1.0)
        if region is not None:
            factor *= 0.95
        speaker = region.speaker.actor if region is not None else None
        confidence = round(max(0.05, min(1.0, trigger.confidence * factor)), 3)
        text = _text(doc, info=self._info, start=span.start, end=span.end)
        code, goldstein = self._code(trigger, predicate, recode)
        # A halted or refused deed is one actor's: a symmetric entry no longer holds both ways.
        symmetric = trigger.symmetric and recode is None
        found: list[Found] = []
        reported: list[Found] = []  # as stated, without the reverse of symmetric stances
        for s in args.subjects:
            for o in args.objects:
                pairs = [(s.actor, o.actor)]
                if symmetric or args.mutual:
                    pairs.append((o.actor, s.actor))
                for a, b in pairs:
                    if a == b or self._is_media(b, ctx) or self._is_independent_media(a, ctx):
                        continue
                    if self._acts_for(a, b, ctx) or self._acts_for(b, a, ctx):
                        continue  # "Rice met US officials": no stance toward one's own state
                    found.append(Found(a, predicate, b, confidence, text, speaker,
                                       sent.start, sent.end, code, goldstein))
                    if a == s.actor:
                        reported.append(found[-1])
        if (region is not None and not modal and not self._background
                and trigger.object != "between"
                and predicate in self.lexicon.accusation_types
                and not self._adjunct_clause(region.start, span.start)):
            # (A "war between X and Y" a speaker mentions is a topic, not a charge; nor is
            # a deed in a clause of time or reason: "saying X ..., as Y took over Z".)
            found.extend(self._accusation(region, reported, ctx, text, sent))
        return found

    def recast_hosted(self, stances: list[Stance], ctx: ArticleContext) -> list[Stance]:
        """An article's deployments to a state it shows the sender cooperating with (an
        agreement, aid, military cooperation, in either direction) and never attacking:
        forces sent to a partner, recast as military cooperation (cues.yaml ``hosted_*``)."""
        lex = self.lexicon
        if not lex.hosted_becomes or not any(s.predicate in lex.hosted_types for s in stances):
            return stances
        coop: set[tuple[str, str]] = set()
        hostile: set[tuple[str, str]] = set()
        for s in stances:
            pair = (self._side(s.subject, ctx) or s.subject, self._side(s.object, ctx) or s.object)
            if s.polarity is Polarity.COOPERATION and (
                    not lex.hosting_partners or s.predicate in lex.hosting_partners):
                coop.update({pair, pair[::-1]})
            elif s.predicate not in lex.hosted_types and s.polarity is Polarity.CONFLICT:
                hostile.update({pair, pair[::-1]})
        out = []
        code = lex.hosted_code
        entry = self._codebook.get(code) if code else None
        for s in stances:
            pair = (self._side(s.subject, ctx) or s.subject, self._side(s.object, ctx) or s.object)
            if s.predicate in lex.hosted_types and pair in coop and pair not in hostile:
                evidence = [dataclasses.replace(
                    e, cameo=code if entry is not None else e.cameo,
                    goldstein=entry.goldstein if entry is not None else e.goldstein)
                    for e in s.evidence]
                s = self.ontology.stance(s.subject, lex.hosted_becomes, s.object, date=s.date,
                                         evidence=evidence)
            out.append(s)
        return out

    def _licensed(self, trigger: Trigger, span: Span, lo: int) -> bool:
        """Whether the entry's own support verb stands before it ("suspended sanctions on"
        read by a concession entry that needs "suspend"): the entry already says what the
        verb does, and the halt and reversal rules must not turn it a second time."""
        return bool(trigger.support) and any(
            w in trigger.support for w in self._lw[max(lo, span.start - 6):span.start])

    def _invited_by(self, end: int, hi: int) -> bool:
        """Whether the clause after a deployment says the host asked for it ("at the
        invitation of", "at the request of", "to help")."""
        return self._invited.occurs_in(tuple(self._lw[end:hi]))

    def _verb_reading(self, i: int, lo: int, mentions: list[Mention]) -> bool:
        """Whether a one-word verb trigger at ``i`` can be the verb: not right after a
        demonym or a possessive ("Russian attacks", "Israel's strike"); and a form in -s
        ("attacks", "forces") only after its subject or a word that leads a verb."""
        word = self._lw[i]
        before = next((m for m in mentions if m.end == i), None)
        if before is not None:
            if word.endswith("s") and not word.endswith("ss") and (
                    self._participle_object(before, mentions, lo)
                    or _token_before(self._lw, before.start, frozenset())
                    in self._noun_markers):
                return False  # "monitoring X sanctions", "on the X sanctions": a noun
            return before.kind != "demonym" and not before.possessive
        if i - 1 >= lo and self._lw[i - 1] in {"'s", "’s"}:
            return False
        if not word.endswith("s") or word.endswith("ss"):
            return True
        if i - 1 < lo:
            return self._headline  # "Sanctions on X ..." opens a sentence as a noun
        prev = self._lw[i - 1]
        if prev in self.lexicon.verb_contexts or (prev.endswith("ly") and prev.isalpha()):
            return True
        if prev in {"and", "or"}:
            # "X criticised Y and threatens Z": a second verb of the clause.
            return any(lo <= t < i - 1 for t in self._trigger_starts)
        return not self.lexicon.verb_contexts  # a lexicon without the cue: as before

    def _accusation(self, region: _Region, found: list[Found], ctx: ArticleContext,
                    text: str, sent: Span) -> list[Found]:
        """A speaker who reports another actor's hostile act is accusing that actor."""
        speaker = region.speaker.actor
        if self._is_media(speaker, ctx):
            return []
        own = self.actors.state_of(speaker, ctx) or speaker
        out = []
        for f in found:
            side = self.actors.state_of(f.subject, ctx) or f.subject
            if f.subject != speaker and side != own:
                out.append(Found(speaker, "accuses", f.subject, 0.5, text, speaker,
                                 sent.start, sent.end, *self._type_code("accuses")))
        return out

    def _code(self, trigger: Trigger, predicate: str, recode: str | None = None
              ) -> tuple[str | None, float | None]:
        """The CAMEO code and Goldstein value of a reading: the entry's own when it names
        one and no rule changed its type; the rule's code for the entry's type (cues.yaml
        ``recode``) when one did; else the representative code of the type."""
        if recode is not None:
            if recode == "hosted" and self.lexicon.hosted_code:
                new = self.lexicon.hosted_code
            else:
                table = self.lexicon.recode.get(recode, {})
                new = table.get(trigger.type) or table.get("default")
            entry = self._codebook.get(new) if new else None
            if entry is not None and entry.goldstein is not None:
                return new, entry.goldstein
            return self._type_code(predicate)
        code = trigger.cameo
        if code is not None and predicate == trigger.type:
            goldstein = trigger.goldstein
            if goldstein is None:
                entry = self._codebook.get(code)
                goldstein = entry.goldstein if entry is not None else None
            if goldstein is None:
                goldstein = self.ontology[predicate].goldstein
            return code, goldstein
        return self._type_code(predicate)

    def _type_code(self, predicate: str) -> tuple[str | None, float | None]:
        kind = self.ontology[predicate]
        return kind.cameo_code, (kind.goldstein if kind.cameo_code is not None else None)

    def _acts_for(self, agent: str, state: str, ctx: ArticleContext) -> bool:
        return self.actors.acts_for_state(agent, state, ctx)

    def _same_side(self, a: str, b: str, ctx: ArticleContext) -> bool:
        """Whether two actors are one or stand for the same state ("the Global Times warned
        that China would respond if ...": China is the paper's own side, not the target)."""
        if a == b:
            return True
        side_a, side_b = self._side(a, ctx), self._side(b, ctx)
        return side_a is not None and side_a == side_b

    def _side(self, actor_id: str, ctx: ArticleContext) -> str | None:
        state = self.actors.state_of(actor_id, ctx)
        if state is not None:
            return state
        actor = self.actors.actor(actor_id, ctx)
        # An armed group's country is where it fights, not a side it stands on.
        if actor is None or not actor.country or actor.type is ActorType.ARMED_GROUP:
            return None
        home = self.actors.gazetteer.by_iso3(actor.country)
        return home.id if home is not None else None

    def _is_independent_media(self, actor_id: str, ctx: ArticleContext) -> bool:
        """Media that report rather than take sides; state-run media (those with a country:
        "the Global Times accused X") speak with a voice of their own."""
        actor = self.actors.actor(actor_id, ctx)
        return actor is not None and actor.type is ActorType.MEDIA and not actor.country

    def _is_media(self, actor_id: str, ctx: ArticleContext) -> bool:
        actor = self.actors.actor(actor_id, ctx)
        return actor is not None and actor.type is ActorType.MEDIA

    # -- grammar cues -----------------------------------------------------------------------

    def _bounds(self, doc: Doc, sent: Span, span: Span, region: _Region | None) -> tuple[int, int]:
        lo, hi = (region.start, region.end) if region else (sent.start, sent.end)
        for i in range(span.start - 1, lo - 1, -1):
            if self._tx[i] in {";", ":"}:
                lo = i + 1
                break
        for i in range(span.end, hi):
            if self._tx[i] in {";", ":"}:
                hi = i
                break
        return lo, hi

    def _window(self, doc: Doc, start: int, lo: int, size: int) -> tuple[str, ...]:
        return tuple(self._lw[max(lo, start - size):start])

    def _cues_before(self, doc: Doc, start: int, lo: int) -> dict[str, bool]:
        before = self._window(doc, start, lo, 8)
        return {
            "refusal": self._refusal.ends_near(before, 2),
            "halt": self._halt.ends_near(before, 2),
            "reversal": self._reversal.ends_near(before, 2),
            "intent": self._intent.ends_near(before, 3),
            "modality": self._modality.occurs_in(self._without_month(
                self._since_bound(before), start)),
            "future": self._future.occurs_in(before)
            and not self._modality_besides(self._without_month(before, start)),
            "hedge": self._hedges.occurs_in(before),
            "directive": self._directives.followed_by(before, self._complementisers)
            or self._directives.followed_by(self._window(doc, start, self._since_comma(
                start, lo), 14), self._complementisers),
            "asked_for": self._asked_for.ends_near(before, 2),
            "denial": self._denial.occurs_in(self._window(doc, start, lo, 12)),
        }

    def _since_bound(self, words: tuple[str, ...]) -> tuple[str, ...]:
        """``words`` after the last word that opens a clause of its own ("after",
        "because"): a modal verb before it governs another verb."""
        bounds = self.lexicon.modality_bounds
        for k in range(len(words) - 1, -1, -1):
            if words[k] in bounds:
                return words[k + 1:]
        return words

    def _modality_besides(self, words: tuple[str, ...]) -> bool:
        """Whether ``words`` hold a modality cue other than a plain future ("could",
        "threatened to", "warned it would")."""
        return self._other_modality.occurs_in(words)

    def _since_comma(self, start: int, lo: int) -> int:
        """The first token after the last comma (or quote) before ``start``: "urged the
        council and the union to convene a meeting" reaches back, a new clause does not."""
        for i in range(start - 1, lo - 1, -1):
            if self._tx[i] == "," and i > lo and i + 2 < start and self._tx[i - 1][:1].isupper() \
                    and (self._tx[i + 1][:1].isupper() or (self._lw[i + 1] in self._skip
                                                         and self._tx[i + 2][:1].isupper())):
                continue  # "urged the UN, the AU, the OIC and ... to": a list of names
            if self._tx[i] in {",", ";", '"', "“", "”"}:
                return i + 1
        return lo

    def _without_month(self, words: tuple[str, ...], end: int) -> tuple[str, ...]:
        """``words`` (the tokens before ``end``) with the month "May" blanked out, so that
        "in May 2021" does not read as a modal verb."""
        if "may" not in words:
            return words
        first = end - len(words)
        out = list(words)
        for k, word in enumerate(words):
            i = first + k
            if word == "may" and self._tx[i] == "May" and (
                    (i + 1 < len(self._tx) and self._tx[i + 1][:1].isdigit())
                    or (i > 0 and self._lw[i - 1] in self._month_leads)):
                out[k] = ""
        return tuple(out)

    def _trigger_pos(self, span: Span) -> str | None:
        """The part of speech all readings of a matched phrase share (None if they differ)."""
        kinds = {t.pos for t in self._triggers.get(
            tuple(self._lw[span.start:span.end]), ())}
        return kinds.pop() if len(kinds) == 1 else None

    def _negated(self, doc: Doc, span: Span, lo: int) -> bool:
        if self._undenied.ends_near(self._window(doc, span.start, lo, 6), 1):
            return False  # "will not hesitate to retaliate": no negation of the deed
        negation = self.lexicon.negation
        lw, tx, spaces = self._lw, self._tx, self._info.spaces
        if span.end < len(lw) and lw[span.end] in self.lexicon.negative_objects:
            return True  # "threatens no one"
        # "did not announce any new tariffs on X": the negation of the verb reaches the noun.
        j = span.start - 1
        while j >= lo and span.start - j <= 3 and lw[j] in self.lexicon.negative_quantifiers:
            j -= 1
        if j < span.start - 1 and any(lw[k] in negation for k in range(max(0, j - 2), j)):
            return True
        # "would not impose an arms embargo on X": a negated verb governs the noun after it.
        if self._trigger_pos(span) == "noun":
            for k in range(max(lo, span.start - 5), span.start - 1):
                if lw[k] in negation and not any(self._info.punct[x]
                                                 for x in range(k + 1, span.start)):
                    return True
        # "did not, however, announce any decision to send troops": a negated plan.
        if span.start - 1 > lo and lw[span.start - 1] in {"to", "of"}:
            anyw = next((k for k in range(span.start - 2, max(lo, span.start - 5) - 1, -1)
                         if lw[k] == "any"), None)
            if anyw is not None and any(
                    lw[k] in negation for k in range(max(lo, anyw - 6), anyw)):
                return True
        for i in range(max(lo, span.start - 3), span.start):
            if lw[i] not in negation:
                continue
            # "not-so-subtle" is no negation of what follows.
            hyphen = i + 1 < len(tx) and tx[i + 1] == "-"
            if not (not spaces[i] and hyphen):
                return True
        return False

    def _conditionals(self, doc: Doc, sent: Span) -> list[tuple[int, int]]:
        """Token ranges of if-clauses: from the cue to the next comma or the sentence end."""
        out = []
        cues = self.lexicon.conditional
        lw = self._lw
        firsts = {c[0] for c in cues}
        for i in range(sent.start, sent.end):
            if lw[i] in firsts and any(tuple(lw[i:i + len(c)]) == c for c in cues) and not (
                    i > sent.start and lw[i - 1] in self.lexicon.question_if):
                end = i + 1
                while end < sent.end and self._tx[end] not in {",", ";", ":"}:
                    end += 1
                out.append((i, end))
        return out

    def _passive(self, doc: Doc, span: Span, trigger: Trigger) -> bool:
        if trigger.pos != "verb":
            return False
        word = self._lw[span.start]
        if word.endswith(("ing", "s")) and not word.endswith("ss"):
            return False
        if not (word.endswith(("ed", "en", "wn", "ne")) or word in self._participles):
            return False
        if span.start > 0 and self._tx[span.start - 1] == "," and span.end < len(self._lw) \
                and self._lw[span.end] == "by":
            return True  # "X, backed by Y, ...": a participle clause in the passive
        for i in range(span.start - 1, max(span.start - 4, -1), -1):
            text = self._lw[i]
            if text in self.lexicon.be_forms:
                return True
            if not (self._info.alpha[i] and (text.endswith("ly") or text in {"not", "also", "then",
                                                                         "now", "already"})):
                return False
        return False

    # -- speakers ---------------------------------------------------------------------------

    def _regions(self, doc: Doc, sent: Span, mentions: list[Mention]) -> list[_Region]:
        regions: list[_Region] = []
        verbs = self.lexicon.speech_verbs
        last_speaker: Mention | None = None
        lw = self._lw
        telling, determiners = self._telling, self.lexicon.grammar.determiners
        inside = {k for m in mentions for k in range(m.start, m.end)}
        for i in range(sent.start, sent.end):
            if lw[i] not in verbs or i in inside:
                continue  # ("the United States" holds no speech verb)
            if i + 1 < sent.end and lw[i + 1] == "to" and lw[i] not in telling:
                continue  # "vowed to retaliate": a commitment, not a report of words
            if i > sent.start and lw[i - 1] in determiners:
                continue  # "a state of war", "the report": a noun
            if i + 2 < sent.end and lw[i + 1] == "by" and lw[i + 2].endswith("ing"):
                continue  # "responded by summoning the envoy": a deed
            if i + 1 < sent.end and lw[i + 1] in self.lexicon.speech_deed_objects \
                    and lw[i] in self.lexicon.speech_deed_verbs:
                continue  # "declared a state of war": a deed, not a report of words
            left = _mention_ending_near(mentions, i, gap=3, punct=self._info.punct)
            if (left is not None and left.end < i
                    and (left.possessive or self._blocked(doc, left, mentions))):
                # "X condemned the expulsion from Y and reiterated ...", "X backed the
                # situation in Y by saying ...": the speaker is the subject of the clause,
                # not a complement after a preposition.
                left = self._first_subject(doc, mentions, sent.start, left.start)
            prev_comma = i > sent.start and self._tx[i - 1] == ","
            comma = _comma_before(self._tx, left.start, sent.start) if left is not None else None
            quoted = comma is not None and (self._tx[comma - 1] in _QUOTES
                                            or self._tx[comma + 1] in _QUOTES)
            if comma is not None and (_at_end(self._info.punct, i + 1, sent.end) or (
                    quoted and not self._reports_more(i + 1, sent.end))):
                # '"...," X told a briefing in Moscow': the quote before the comma is X's.
                # "..., Trump said." / "...," President X told reporters on Wednesday.
                regions.append(_Region(sent.start, comma, left))
                last_speaker = left
                continue
            right = next((m for m in mentions if m.start == i + 1), None)
            if prev_comma and right is not None and _at_end(self._info.punct, right.end, sent.end):
                regions.append(_Region(sent.start, i - 1, right))  # "..., said Trump."
                last_speaker = right
                continue
            speaker = left
            if speaker is None and prev_comma and lw[i].endswith("ing"):
                speaker = last_speaker  # "..., adding that ..."
            if speaker is None:
                continue
            start = i + 1
            if start < sent.end and self._lw[start] == "that":
                start += 1
            regions.append(_Region(start, self._report_end(start, sent.end, mentions),
                                   speaker))
            last_speaker = speaker
        for s, e in self._source_matches:
            if not (sent.start <= s and e <= sent.end):
                continue
            source = next((m for m in mentions if m.start in (e, e + 1)), None)
            if source is None:
                continue
            if s > sent.start and self._tx[s - 1] == ",":
                regions.append(_Region(sent.start, s - 1, source))
            else:
                end = next((i for i in range(source.end, sent.end) if self._tx[i] == ";"),
                           sent.end)
                regions.append(_Region(source.end, end, source))
        return regions

    def _provoker(self, end: int, hi: int, mentions: list[Mention], subject: Mention,
                  ctx: ArticleContext) -> Mention | None:
        """The actor of an "after Y froze trade" clause right after a reaction with no
        object of its own ("X refused to back down after Y ..."): the one reacted to."""
        for k in range(end, min(hi, end + 8)):
            if self._lw[k] in self.lexicon.reaction_clauses:
                found = self._first_subject(None, mentions, k + 1, min(hi, k + 4))
                if found is not None and not found.possessive and not self._same_side(
                        found.actor, subject.actor, ctx) and found.end < hi and (
                        found.end in self._trigger_starts
                        or self._lw[found.end] in self._participles
                        or (self._lw[found.end].endswith("ed") and self._tx[found.end].islower())):
                    return found  # (the clause needs a verb of its own: "after Y froze ...")
                deed = self._deed_owner(mentions, k + 1, min(hi, k + 4))
                if deed is not None and not self._same_side(deed.actor, subject.actor, ctx):
                    return deed  # "after Y's strikes on Z", "after Israeli raids on Z"
                return None
            if self._tx[k] in {",", ";"} or self._lw[k] in self.lexicon.clause_breaks:
                return None
        return None

    def _deed_owner(self, mentions: list[Mention], lo: int, hi: int) -> Mention | None:
        """A demonym or possessive actor in ``[lo, hi)`` right before a noun trigger ("after
        Israeli air strikes on", "after Y's raid on"): the doer of the deed it names."""
        for m in mentions:
            if not (lo <= m.start < hi) or not (m.possessive or m.kind == "demonym"):
                continue
            end = m.end + 1 if m.end < len(self._lw) and self._lw[m.end] in {"'s", "’s"} \
                else m.end
            return m if end in self._noun_starts else None
        return None

    def _border_of(self, start: int) -> bool:
        """Whether an actor at ``start`` follows "border (region) with" ("massed troops in
        the border region with X": X's border)."""
        k = start - 1
        while k >= 0 and self._lw[k] in self._skip:
            k -= 1
        if k < 1 or self._lw[k] != "with":
            return False
        nouns = self.lexicon.border_nouns
        return self._lw[k - 1] in nouns or (k >= 2 and self._lw[k - 2] in nouns)

    def _bare_directive(self, span: Span, mentions: list[Mention], lo: int) -> bool:
        """Whether a verb in its base form follows "demanded X", "insisted X" with no "to"
        or "that" ("demanded the government punish Y"): the deed is asked of X."""
        if span.start <= lo or self._lw[span.start].endswith(("s", "ed", "ing")):
            return False
        before = next((m for m in mentions if m.end == span.start), None)
        if before is None or before.possessive:
            return False
        return self._directives.occurs_in(tuple(self._lw[max(lo, before.start - 3):before.start]))

    def _adjunct_clause(self, start: int, end: int) -> bool:
        """Whether the token at ``end`` lies in an adverbial clause opened in ``[start, end)``
        ("as", "when", "after" with no comma between: "..., as Y took over Z"); a clause
        that a comma closed before it ("while doing X, Y is accusing Z") does not count."""
        breaks = self.lexicon.clause_breaks
        for k in range(end - 1, start - 1, -1):
            if self._tx[k] in {",", ";"}:
                return False
            if self._lw[k] in breaks and self._lw[k].isalpha():
                return True
        return False

    def _report_end(self, start: int, end: int, mentions: list[Mention]) -> int:
        """Where a report opened at ``start`` ends: before ", and <actor>" that starts a
        clause of its own ("X declared ..., and President Y complained that ...")."""
        starts = {m.start for m in mentions}
        for k in range(start, end - 2):
            if self._tx[k] != ",":
                continue
            link = k + 1
            while link < end - 1 and self._tx[link] in _QUOTES:
                link += 1  # '"...," and President Y complained': the quote closes first
            if self._lw[link] in self._verb_links and any(
                    j in starts for j in range(link + 1, min(end, link + 4))):
                first = next(j for j in range(link + 1, min(end, link + 4)) if j in starts)
                if self._lw[link + 1:first] and not all(
                        w in self._skip or self._tx[j].istitle()
                        for j, w in enumerate(self._lw[link + 1:first], start=link + 1)):
                    continue  # ", and in Y ...": a phrase, not a new subject
                return k
        return end

    def _charged_deed(self, start: int, lo: int) -> bool:
        """Whether the gerund at ``start`` follows "of"/"for", directly or as the second of
        coordinated gerunds ("of funding militants and arming Y")."""
        lw, preps = self._lw, self._gerund_preps
        while (start - 2 > lo and lw[start - 1] == "to" and lw[start - 2].endswith("ing")
               and lw[start - 2].isalpha()):
            start -= 2  # "of seeking to destabilise Y": the charge is the gerund's
        if not lw[start].endswith("ing") or start <= lo:
            return False
        if lw[start - 1] in preps:
            return True
        if lw[start - 1] not in {"and", "or"}:
            return False
        return any(lw[j] in preps and lw[j + 1].endswith("ing")
                   for j in range(max(lo, start - 10), start - 2))

    def _reports_more(self, start: int, end: int) -> bool:
        """Whether words after a speech verb hold reported content of their own (a quote or
        a "that" clause), rather than circumstances ("told a briefing in Moscow")."""
        return any(self._lw[i] == "that" or self._tx[i] in _QUOTES or self._tx[i] in _OPENING
                   for i in range(start, end))

    # -- arguments --------------------------------------------------------------------------

    def _arguments(self, doc: Doc, sent: Span, span: Span, trigger: Trigger,
                   mentions: list[Mention], region: _Region | None,
                   conditionals: list[tuple[int, int]], last_subjects: list[Mention],
                   lo: int, hi: int, ctx: ArticleContext) -> _Arguments | None:
        if self._has_parse:
            parsed = self._parsed_arguments(doc, span, mentions)
            if parsed is not None:
                return parsed
        factor = 1.0
        if trigger.object == "between":
            pair = self._between(doc, span, mentions, hi)
            if pair is None:
                return None
            return _Arguments(pair[:1], pair[1:], 1.0)
        if trigger.object == "clause_subject":
            target, _ = self._left(doc, span, trigger, mentions, lo)
            if target is None or region is None or (trigger.confidence < 0.7 and (
                    self._same_side(target.actor, region.speaker.actor, ctx)
                    or (span.end < hi and self._lw[span.end] in self.lexicon.be_forms))):
                # A bare modal is a weak cue: "X said its own army should act" is no appeal,
                # nor is "Y should be involved" one to Y (it asks others about Y).
                return None
            return _Arguments([region.speaker], self._group(mentions, target))
        if trigger.object == "before":
            return self._held_arguments(doc, span, trigger, mentions, lo)
        subject: Mention | None = None
        if trigger.subject == "speaker" and region is not None:
            subject = region.speaker
        passive = self._passive(doc, span, trigger) and trigger.passive == "swap"
        if subject is None:
            subject, factor = self._subject(doc, sent, span, trigger, mentions, region,
                                            last_subjects, lo, hi)
        if trigger.object == "complement":
            target = None if subject is None or passive else self._complement_object(
                span, subject, region, mentions, hi, ctx)
            if target is None:
                return None
            return _Arguments(self._group(mentions, subject), [target], factor * 0.9)
        if trigger.object == "context":
            target = self._context_object(doc, mentions, conditionals, subject, ctx)
            if subject is None or target is None:
                return None
            return _Arguments(self._group(mentions, subject), [target], factor * 0.9)
        if passive:
            agent = self._agent(doc, span, mentions, hi)
            if subject is None and agent is not None:
                subject = self._patient_owner(span, mentions, lo)
            if agent is None or subject is None:
                return None
            return _Arguments(self._group(mentions, agent), self._group(mentions, subject),
                              factor * 0.95)
        obj = self._right(doc, span, trigger, mentions, hi, lo)
        if subject is None:
            return None
        if (obj is None or self._same_side(obj.actor, subject.actor, ctx)) and conditionals and (
                trigger.type in self.lexicon.coercive or trigger.type == "threatens"
                or trigger.type in self.lexicon.conditional_coercive):
            # "If X refuses ..., Y is prepared to use force": the threat is aimed at X.
            obj = self._context_object(doc, mentions, conditionals, subject, ctx)
            factor *= 0.9
        subjects = self._group(mentions, subject)
        if (obj is not None and region is not None and trigger.pos == "verb"
                and span.start - 1 >= lo and self._lw[span.start - 1] in self._verb_links
                and all(m.actor == obj.actor for m in subjects)
                and region.speaker.actor != obj.actor
                and not self._is_media(region.speaker.actor, ctx)):
            # "X said Y was ... and accused Y of ...": no one accuses itself; the second
            # verb is the speaker's.
            subjects = [region.speaker]
        if obj is not None and trigger.then and not self._followed_by(
                self._group(mentions, obj), trigger.then, hi):
            obj = None  # "called for sanctions on X": no one asked to act
        if obj is None and trigger.type in self.lexicon.reaction_types:
            obj = self._provoker(span.end, hi, mentions, subject, ctx)
            factor *= 0.85
        if obj is None:
            if trigger.reciprocal and len(subjects) > 1:
                # "Russia and China signed an agreement": each with each.
                return _Arguments(subjects[:1], subjects[1:], factor, mutual=True)
            return None
        return _Arguments(subjects, self._group(mentions, obj), factor)

    def _subject(self, doc: Doc, sent: Span, span: Span, trigger: Trigger,
                 mentions: list[Mention], region: _Region | None,
                 last_subjects: list[Mention], lo: int, hi: int) -> tuple[Mention | None, float]:
        after_comma = span.start - 1 >= lo and self._tx[span.start - 1] == ","
        if trigger.pos == "verb" and self._lw[span.start].endswith("ing") and after_comma:
            # "..., cutting ties with X": the participle shares the main clause's subject.
            if last_subjects:
                return last_subjects[0], 0.85
            first = self._first_subject(doc, mentions, lo, span.start)
            if first is not None:
                return first, 0.8
        if trigger.pos == "verb" and last_subjects and self._second_verb(span.start, lo):
            # "X accused Y of ... and threatened Z": a second verb shares the first's subject,
            # unless a subordinate clause with a subject of its own came between ("X expelled
            # Y after Z criticised it and accused it ...": Z accused).
            inner = self._subordinate_subject(doc, mentions, last_subjects[0].end, span.start)
            return inner or last_subjects[0], 0.9
        found, reached_start = self._left(doc, span, trigger, mentions, lo)
        if found is not None:
            return found, 1.0
        first_person = self._first_person(doc, span.start, lo)
        if first_person and region is not None:
            return region.speaker, 0.9
        if (region is not None and trigger.pos != "verb" and region.start >= 1
                and 0 <= span.start - region.start <= 3
                and self._lw[region.start - 1] in self.lexicon.speech_deed_verbs
                and not any(region.start <= m.start < span.start for m in mentions)):
            # "X announced joint naval exercises with Y": the deed announced is X's.
            return region.speaker, 0.9
        if reached_start and not self._headline:
            # Headlines front no phrases: "X Recognize Kosovo, Serbia Recalls Envoys".
            # A fronted phrase: "With a swipe at X, Y said ..." / "while doing Z, Y ...".
            comma = next((i for i in range(span.end, hi) if self._tx[i] == ","), None)
            if comma is not None:
                first = self._first_subject(doc, mentions, comma + 1, min(hi, comma + 8))
                if first is not None:
                    return first, 0.8
        return None, 1.0

    def _second_verb(self, start: int, lo: int) -> bool:
        """Whether the verb at ``start`` follows "and" with only auxiliaries, adverbs and
        "to" between ("... and may soon recognise", "... and has since accused"):
        a second predicate of the clause's subject, with no subject of its own."""
        k = start - 1
        while k >= lo and start - k <= 6:
            if self._lw[k] == "and":
                return True
            word = self._tx[k]
            if not (word.isalpha() and word.islower()) or k in self._in_mention:
                return False
            k -= 1
        return False

    def _subordinate_subject(self, doc: Doc, mentions: list[Mention], lo: int,
                             hi: int) -> Mention | None:
        """The subject of the last subordinate clause opened in tokens ``[lo, hi)``."""
        breaks = self.lexicon.clause_breaks
        for i in range(hi - 1, lo - 1, -1):
            if self._lw[i] in breaks and self._lw[i].isalpha():
                found = self._first_subject(doc, mentions, i + 1, min(hi, i + 8))
                # "recognized X as Venezuela's interim president and cut ...": after a
                # word that is also a preposition, a clause of its own needs a verb.
                if found is not None and (self._lw[i] not in self.lexicon.also_prepositions
                                          or any(found.end <= t < hi
                                                 for t in self._trigger_starts)):
                    return found
        return None

    def _first_person(self, doc: Doc, start: int, lo: int) -> bool:
        return any(w in self.lexicon.first_person for w in self._window(doc, start, lo, 4))

    def _first_subject(self, doc: Doc, mentions: list[Mention], lo: int, hi: int) -> Mention | None:
        for m in mentions:
            if lo <= m.start and m.end <= hi and not self._blocked(doc, m, mentions) \
                    and not m.possessive:
                return m
        return None

    def _left(self, doc: Doc, span: Span, trigger: Trigger, mentions: list[Mention],
              lo: int) -> tuple[Mention | None, bool]:
        """The nearest acceptable actor on the left; and whether the scan reached ``lo``."""
        i = span.start - 1
        by_end = {m.end: m for m in mentions}
        breaks = self.lexicon.clause_breaks | self.lexicon.relative
        while i >= lo:
            if self._tx[i] == ",":
                # "Pakistan, which borders Afghanistan, asked ...": skip the relative clause.
                opening = next((j for j in range(i - 1, lo - 1, -1) if self._tx[j] == ","), None)
                if opening is not None and self._inserted_clause(opening + 1, i):
                    i = opening - 1
                    continue
            m = by_end.get(i + 1)
            if m is not None and m.start >= lo:
                near = span.start - m.end <= 3
                if m.possessive and not (trigger.pos != "verb" and near) \
                        and not self._official_of(m, span.start) \
                        and not self._owned_act(m.end, span.start):
                    i = m.start - 1
                    continue
                if self._blocked(doc, m, mentions) or self._participle_object(m, mentions, lo):
                    i = m.start - 1
                    continue
                return m, False
            if (self._lw[i] in self.lexicon.relative and self._lw[i] not in {"that", "whose"}
                    and i - 1 > lo and self._tx[i - 1] == ","):
                # "Peking, which has accused Moscow": the relative clause's antecedent.
                antecedent = by_end.get(i - 1)
                if antecedent is not None and not antecedent.possessive \
                        and not self._blocked(doc, antecedent, mentions):
                    self._background = True
                    return antecedent, False
            if self._lw[i] in breaks and not _hyphenated(doc, i) and not (
                    self._lw[i] == "as" and i + 1 < len(doc) and self._lw[i + 1] == "well"):
                return None, False
            i -= 1
        return None, True

    def _participle_object(self, m: Mention, mentions: list[Mention], lo: int) -> bool:
        """Whether a mention is the object of a participle or gerund before it ("experts
        monitoring X", "open to using the U.S. military to"): no subject of a later verb."""
        first = min((x for x in mentions if x.group == m.group), key=lambda x: x.start)
        k = first.start - 1
        while k >= lo and self._lw[k] in self._skip:
            k -= 1
        if k < lo:
            return False
        word = self._lw[k]
        if word in self.lexicon.instrument_verbs:
            return True
        last = max(x.end for x in mentions if x.group == m.group)
        if last < len(self._lw) and self._lw[last] == "to":
            return False  # "prompting X to criticise Y": X is the subject of the infinitive
        return (word.endswith("ing") and word.isalpha() and self._tx[k].islower()
                and len(word) > 4 and word not in self.lexicon.speech_verbs
                and word not in self.lexicon.list_markers
                and word not in self.lexicon.ing_adjectives)

    def _owned_act(self, end: int, start: int) -> bool:
        """Whether tokens ``[end, start)`` after a possessive actor name an act it owns,
        ending right before the trigger: "X's decision to withdraw from", "X's latest move
        to recognise": X is the subject of the trigger."""
        rel = self.lexicon.relations
        k = end
        if k < start and self._lw[k] in {"'s", "’s", "'", "’"}:
            k += 1
        while k < start and self._lw[k] in rel.modifiers | _ACT_MODIFIERS:
            k += 1
        return k + 2 == start and self._lw[k] in rel.owned_acts and self._lw[k + 1] == "to"

    def _inserted_clause(self, first: int, end: int) -> bool:
        """Whether tokens ``[first, end)`` between commas interrupt a clause: a relative
        clause ("which borders X"), a participle with its agent ("led by a colonel who ...")
        or an apposition ("a company close to X")."""
        word = self._lw[first]
        if word in self.lexicon.relative:
            return word != "that"
        if word in {"a", "an"}:
            return end - first > 2
        if word == "the" and any(self._lw[k] in {"who", "whose"} for k in range(first, end)):
            return True  # "X, the former premier who heads Y's party, criticised Z"
        return word.endswith("ed") and first + 1 < end and self._lw[first + 1] == "by"

    def _blocked(self, doc: Doc, m: Mention, mentions: list[Mention]) -> bool:
        """Whether a mention (its coordination group) follows a preposition: a place or a
        circumstance ("in Venezuela", "of Russia"), not an argument."""
        first = min((x for x in mentions if x.group == m.group), key=lambda x: x.start)
        before = _token_before(self._lw, first.start, self._skip)
        if before is None or before not in self.lexicon.blocking_preps:
            return False
        prep = first.start - 1
        while self._lw[prep] in self._skip:
            prep -= 1
        return not (before in {"for", "of"} and prep > 0
                    and self._lw[prep - 1] in self._any_title_heads)

    def _right(self, doc: Doc, span: Span, trigger: Trigger, mentions: list[Mention],
               hi: int, lo: int) -> Mention | None:
        by_start = {m.start: m for m in mentions}
        breaks = self.lexicon.clause_breaks
        i = span.end
        limit = min(hi, span.end + _WINDOW)
        while i < limit:
            m = by_start.get(i)
            if m is not None and m.end < hi and not m.possessive and m.kind != "demonym" \
                    and self._lw[m.end] in self.lexicon.adjunct_heads \
                    and not _hyphenated(doc, m.end - 1) and self._tx[m.end - 1] != "-":
                i = m.end  # "oppose the Iraq war": the actor modifies a noun
                continue
            if m is not None and m.end + 1 < hi and self._tx[m.end] == "-" \
                    and self._lw[m.end + 1] in self.lexicon.relations.compounds:
                i = m.end + 2  # "airstrikes against Iranian-allied militia": not Iran
                continue
            if m is not None and m.possessive and self._suffers(m.end, hi):
                i = m.end  # "condemned X's detention": X is the victim, not the target
                continue
            if m is not None and m.end + 2 < hi and self._tx[m.end] == "-" \
                    and by_start.get(m.end + 1) is not None \
                    and self._lw[by_start[m.end + 1].end] in self.lexicon.adjunct_heads:
                i = by_start[m.end + 1].end  # "the Turkey-Syria border"
                continue
            if m is not None:
                first = min((x for x in mentions if x.group == m.group), key=lambda x: x.start)
                # "the treatment of his ally Y": the relational noun does not hide "of".
                before = _token_before(self._lw, first.start, self._skip_noun_phrase)
                if before is not None and before in self.lexicon.blocking_preps \
                        and before not in trigger.preps \
                        and not self._right_after(span.end, first.start) \
                        and not self._office_of(first.start) \
                        and not (trigger.type in self.lexicon.border_types
                                 and self._border_of(first.start)):
                    i = self._noun_phrase_end(m.end, hi, by_start)
                    continue
                if _token_before(self._tx, first.start, self._skip) == "," \
                        and self._attribution(m.end, hi):
                    return None  # "..., the ministry said": the speaker, not the object
                if self._office_of(first.start) and m.end + 1 < hi and self._tx[m.end] == ",":
                    # "met the president of the council, Donald Tusk,": the office holder
                    named = by_start.get(m.end + 1)
                    if named is not None and self._is_person(named.actor):
                        return named
                return first
            word = self._lw[i]
            if word in breaks and word not in trigger.preps and not _hyphenated(doc, i):
                return None
            if word == "between" and word not in trigger.preps and trigger.object == "right" \
                    and self.ontology[trigger.type].polarity is Polarity.NEUTRAL:
                # "hosted talks between X, Y and Z": the host meets none of the parties
                # the noun names (its list may be loosely coordinated).
                return None
            if self._tx[i] == "," and i > span.end and self._new_clause(i + 1, hi, by_start):
                return None  # "criticized the killing, and Trump complained": Trump's clause
            if self._tx[i] == "," and self._in_opening_clause(span, lo):
                return None  # "As X battles its worst drought, Y sent aid": Y is not X's foe
            if word in {"of", "for"} and i > span.end and i + 1 < hi \
                    and self._lw[i + 1].endswith("ing") and i + 1 not in by_start:
                return None  # "accused the emirate of funding militants": the gerund's object
            if self._tx[i] == "," and i + 1 < hi and self._lw[i + 1].endswith("ing") \
                    and self._lw[i + 1] not in self.lexicon.list_markers and i > span.end:
                return None  # "..., unsettling India": a participle clause of its own
            if word in self.lexicon.speech_verbs:
                return None
            if word == "that" and "that" not in trigger.preps and i > span.end:
                # "rejected warnings that Y ...": Y belongs to the complement clause.
                return None
            if i > span.end + 1 and i in self._trigger_starts \
                    and self._lw[i - 1] in self._verb_links:
                # "rejected the decision and accused Y": Y is the object of the next verb.
                return None
            i += 1
        return None

    def _in_opening_clause(self, span: Span, lo: int) -> bool:
        """Whether the trigger stands in an adverbial clause that opens its sentence (which
        starts at ``lo``: "As ...", "While ...") and has not reached its first comma yet."""
        return self._lw[lo] in self.lexicon.grammar.subordinators and \
            "," not in self._tx[lo:span.start]

    def _new_clause(self, k: int, hi: int, by_start: dict[int, Mention]) -> bool:
        """Whether ", and X" / ", but X" from ``k`` (after the comma, closing quotes
        skipped) opens a clause with an actor of its own: up to two capitalised words (a
        title) may stand before the actor's mention."""
        while k < hi and self._tx[k] in _QUOTES:
            k += 1
        if k >= hi or self._lw[k] not in self.lexicon.grammar.clause_conjunctions:
            return False
        for j in range(k + 1, min(hi, k + 4)):
            if j in by_start:
                return True
            if not (self._tx[j][:1].isupper() or self._lw[j] in self._skip):
                return False
        return False

    def _noun_phrase_end(self, end: int, hi: int, by_start: dict[int, Mention]) -> int:
        """Where the noun phrase of a mention ending at ``end`` ends: a title and a named
        holder after it belong to it ("the wife of Venezuelan opposition leader X": X
        is inside the phrase a preposition governs)."""
        k = end
        while k < hi and self._lw[k] in self._any_title_heads and self._tx[k].islower():
            k += 1
        named = by_start.get(k)
        return named.end if k > end and named is not None else end

    def _followed_by(self, group: list[Mention], words: frozenset[str], hi: int) -> bool:
        """Whether the word after a coordinated group of mentions is one of ``words``."""
        end = max(m.end for m in group)
        if self._lw[end - 1] in words:
            return True  # "hosts US troops": the word closes the mention itself
        # A modifier may stand between ("hosts US combat troops", "US-led coalition staff").
        for k in range(end, min(hi, end + 4)):
            if self._lw[k] in words:
                return True
            if self._info.punct[k] and self._tx[k] != "-":
                return False
        return False

    def _right_after(self, end: int, start: int) -> bool:
        """Whether an actor at ``start`` follows the trigger ending at ``end`` with at most
        an article between ("support from the African Union": the trigger's own
        preposition governs it)."""
        return all(self._lw[k] in self._skip for k in range(end, start))

    def _suffers(self, end: int, hi: int) -> bool:
        """Whether a possessive actor ending at ``end`` owns an act done to it ("X's
        detention", "X's 'unlawful imprisonment'"), a few adjectives or quotes between."""
        patients = self.lexicon.patient_nouns
        for k in range(end, min(hi, end + 5)):
            word = self._lw[k]
            if word in patients:
                # "X's detention of Y": X detains, and is the one criticised.
                return not (k + 1 < hi and self._lw[k + 1] == "of")
            if word in {"'s", "’s", "'", "’"} or self._tx[k] in _QUOTES or self._tx[k] in _OPENING:
                continue
            if not (word.isalpha() and self._tx[k].islower()):
                return False
        return False

    def _attribution(self, end: int, hi: int) -> bool:
        """Whether a speech verb follows an actor ending at ``end`` after at most three
        words ("..., a UN official said", "..., the Russian foreign ministry said in a
        statement"): the source of the sentence, never an object."""
        for k in range(end, min(hi, end + 4)):
            word = self._lw[k]
            if word in self.lexicon.speech_verbs:
                return True
            if not word.isalpha():
                return False
        return False

    def _official_of(self, m: Mention, limit: int) -> bool:
        """"China's ambassador in Manila met ...": an unnamed official of a state, written
        with a possessive, acts for it (a named one is a mention of their own)."""
        return any(self._lw[k] in self._any_title_heads
                   for k in range(m.end + 1, min(m.end + 3, limit)))

    def _is_person(self, actor_id: str) -> bool:
        actor = self.actors.actor(actor_id)
        return actor is not None and actor.type is ActorType.PERSON

    def _office_of(self, start: int) -> bool:
        """Whether an actor at ``start`` follows "the president(s) of", "leaders of"."""
        if start >= 1 and self._lw[start - 1] == "the":
            start -= 1  # "the president of the European Council"
        return start >= 2 and self._lw[start - 1] == "of" \
            and self._lw[start - 2] in self._title_heads

    def _agent(self, doc: Doc, span: Span, mentions: list[Mention], hi: int) -> Mention | None:
        for i in range(span.end, min(hi, span.end + _WINDOW)):
            if self._lw[i] == "by":
                return next((m for m in mentions if m.start in (i + 1, i + 2)
                             and (m.start == i + 1 or self._lw[i + 1] in self._skip)),
                            None)
        return None

    def _between(self, doc: Doc, span: Span, mentions: list[Mention],
                 hi: int) -> list[Mention] | None:
        for i in range(span.end, min(hi, span.end + 6)):
            if self._lw[i] == "between":
                for m in mentions:
                    if i < m.start <= i + 5:
                        group = self._group(mentions, m)
                        return group if len(group) >= 2 else None
                return None
        # "Russian-Venezuelan cooperation", "cooperation of Russia and Venezuela" are rarer;
        # a possessive pair before the noun ("Russia and Venezuela's cooperation") is read too.
        return None

    def _context_object(self, doc: Doc, mentions: list[Mention],
                        conditionals: list[tuple[int, int]], subject: Mention | None,
                        ctx: ArticleContext) -> Mention | None:
        for start, end in conditionals:
            for m in mentions:
                if start < m.start < end and (subject is None or m.actor != subject.actor):
                    return m
        return None

    def _complement_object(self, span: Span, subject: Mention, region: _Region | None,
                           mentions: list[Mention], hi: int, ctx: ArticleContext
                           ) -> Mention | None:
        """The target of a warning with a clause and no object of its own ("warned that
        any incursion would harm its ties with X", "warned there would be a price for X to
        pay", "warned of the dangers posed by X"): the first actor of the clause that is on
        neither the subject's nor the speaker's side and is no place ("in X") or topic
        ("between X and Y"). Without an opening word ("that", "there", "of") the clause
        needs a modal verb ("warned any attack would ...")."""
        lw, tx = self._lw, self._tx
        end = span.end
        if end >= hi or any(m.start == end for m in mentions):
            return None  # "warned X ...": the object frame's reading, not a clause
        opened = lw[end] in self.lexicon.complement_openers
        limit = min(hi, end + 2 * _WINDOW)
        sides = [subject.actor] + ([region.speaker.actor] if region is not None else [])
        by_start = {m.start: m for m in mentions}
        k = end
        while k < limit:
            if lw[k] in self.lexicon.speech_verbs or (
                    tx[k] == "," and self._new_clause(k + 1, hi, by_start)):
                return None  # another speaker, or a clause of another actor
            m = by_start.get(k)
            if m is None:
                k += 1
                continue
            k = m.end
            first = min((x for x in mentions if x.group == m.group), key=lambda x: x.start)
            before = _token_before(lw, first.start, self._skip)
            if (before in self.lexicon.complement_places or self._is_media(m.actor, ctx)
                    or any(self._same_side(m.actor, a, ctx) for a in sides)):
                continue
            if not opened and not self._modality.occurs_in(tuple(lw[end:min(hi, m.end + 6)])):
                return None
            return m
        return None

    def _patient_owner(self, span: Span, mentions: list[Mention], lo: int) -> Mention | None:
        """The owner of the act a passive verb is said of: "X's bid was vetoed by Y", "X's
        plan, opposed by Y, ...", "the Egyptian proposal was rejected by Y" (X's act
        suffers the deed, so X does)."""
        lw = self._lw
        k = span.start - 1
        while k >= lo and (lw[k] in self.lexicon.be_forms or lw[k] in {",", "being", "been",
                                                                        "also", "not"}
                           or (lw[k].endswith("ly") and lw[k].isalpha())):
            k -= 1
        if k < lo or (lw[k] not in self.lexicon.relations.owned_acts
                      and lw[k] not in self.lexicon.patient_acts):
            return None
        k -= 1
        while k >= lo and (lw[k] in self.lexicon.relations.modifiers
                           or (self._tx[k].isalpha() and self._tx[k].islower()
                               and lw[k] not in self.lexicon.blocking_preps
                               and lw[k] not in self._skip)):
            k -= 1
        by_end = {m.end: m for m in mentions}
        m = by_end.get(k + 1)
        if m is None and k >= lo and lw[k] in {"'s", "’s"}:
            m = by_end.get(k)
        if m is None or not (m.possessive or m.kind == "demonym"):
            return None
        return m

    def _held_arguments(self, doc: Doc, span: Span, trigger: Trigger,
                        mentions: list[Mention], lo: int) -> _Arguments | None:
        """"X held Y responsible for Z", "deemed Y accountable": the object stands right
        before the trigger, the subject left of it (the entry's support verb between)."""
        obj = next((m for m in mentions if m.end == span.start and not m.possessive), None)
        if obj is None:
            return None
        first = min((x for x in mentions if x.group == obj.group), key=lambda x: x.start)
        if not any(w in trigger.support for w in self._lw[max(lo, first.start - 3):first.start]):
            return None  # the support verb governs the object: "held Y responsible"
        subject, _ = self._left(doc, _Range(first.start, first.start), trigger, mentions, lo)
        if subject is None:
            return None
        return _Arguments(self._group(mentions, subject), self._group(mentions, obj))

    def _group(self, mentions: list[Mention], m: Mention) -> list[Mention]:
        return [x for x in mentions if x.group == m.group] or [m]

    def _parsed_arguments(self, doc: Doc, span: Span, mentions: list[Mention]
                          ) -> _Arguments | None:
        """Subject and object from a dependency parse, when the doc has one."""
        head = span.root

        def mention_of(token) -> Mention | None:
            for t in token.subtree:
                for m in mentions:
                    if m.start <= t.i < m.end:
                        return m
            return None

        subject = obj = agent = None
        for child in head.children:
            if child.dep_ == "nsubj":
                subject = mention_of(child)
            elif child.dep_ == "nsubjpass":
                obj = mention_of(child)
            elif child.dep_ == "agent":
                agent = mention_of(child)
            elif child.dep_ in {"dobj", "prep", "dative"} and obj is None:
                obj = mention_of(child)
        if agent is not None:
            subject = agent
        if subject is None or obj is None:
            return None
        return _Arguments(self._group(mentions, subject), self._group(mentions, obj), 1.0)


def _hyphenated(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is part of a hyphenated word ("not-so-subtle")."""
    info = token_info(doc)
    tx, spaces = info.texts, info.spaces
    return (i > 0 and tx[i - 1] == "-" and not spaces[i - 1]) or (
        i + 1 < len(tx) and tx[i + 1] == "-" and not spaces[i])


def _token_before(lw: list[str], start: int, skip: frozenset[str]) -> str | None:
    i = start - 1
    while i >= 0 and lw[i] in skip:
        i -= 1
    return lw[i] if i >= 0 else None


def _mention_ending_near(mentions: list[Mention], i: int, gap: int,
                         punct: list[bool]) -> Mention | None:
    best = None
    for m in mentions:
        if i - gap <= m.end <= i and not any(punct[m.end:i]):
            best = m
    return best


def _comma_before(tx: list[str], start: int, lo: int) -> int | None:
    """The comma that ends a quoted or reported clause right before ``start``."""
    i = start - 1
    if i > lo and tx[i] in _QUOTES:
        i -= 1  # "...," she said: the comma sits inside the closing quote
    return i if i > lo and tx[i] == "," else None


_OPENING = {'"', "“", "‘", "«"}
# Words that open an indirect question after a sentence-initial participle ("Asked
# whether ...").
_QUESTION_WORDS = frozenset({"what", "whether", "if", "about", "how", "why", "when", "who",
                             "which", "where"})
_QUOTES = {'"', "”", "’", "'", "»"}


def _at_end(punct: list[bool], i: int, end: int) -> bool:
    """Whether only a date phrase and punctuation remain from ``i`` to ``end``."""
    return end - i - sum(punct[i:end]) <= 3


def _innermost(regions: list[_Region], i: int) -> _Region | None:
    inside = [r for r in regions if r.start <= i < r.end]
    return max(inside, key=lambda r: r.start) if inside else None


def _inside(ranges: list[tuple[int, int]], i: int) -> bool:
    return any(s <= i < e for s, e in ranges)


class _CueSet:
    """Cue phrases indexed by their first word, to test a short window cheaply."""

    def __init__(self, cues: set[tuple[str, ...]]) -> None:
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        for cue in cues:
            self._by_first.setdefault(cue[0], []).append(cue)
        self._firsts = frozenset(self._by_first)

    def _at(self, words: tuple[str, ...], i: int) -> list[int]:
        """Ends of the cues that start at position ``i``."""
        return [i + len(c) for c in self._by_first.get(words[i], ())
                if words[i:i + len(c)] == c]

    def occurs_in(self, words: tuple[str, ...]) -> bool:
        if self._firsts.isdisjoint(words):
            return False
        return any(self._at(words, i) for i in range(len(words)))

    def followed_by(self, words: tuple[str, ...], after: frozenset[str]) -> bool:
        """Whether a cue occurs in ``words`` with one of ``after`` somewhere behind it."""
        if self._firsts.isdisjoint(words) or after.isdisjoint(words):
            return False
        return any(not after.isdisjoint(words[end:])
                   for i in range(len(words)) for end in self._at(words, i))

    def ends_near(self, words: tuple[str, ...], slack: int) -> bool:
        """Whether a cue ends at most ``slack`` words before the end of ``words``."""
        if self._firsts.isdisjoint(words):
            return False
        n = len(words)
        return any(n - slack <= end <= n for i in range(n) for end in self._at(words, i))

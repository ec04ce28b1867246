"""Actor mentions in text: gazetteer names, demonyms, metonyms, organs, titled persons and
references back to them.

One :class:`ActorFinder` is built per gazetteer and lexicon; it runs over one spaCy ``Doc``
(a paragraph) at a time with an :class:`ArticleContext` that carries what the article has
introduced so far (new persons, their short names, the recent actors for "he" or "that
country"). Matching is done by spaCy ``PhraseMatcher`` objects over the whole doc; Python
only looks at the few places where something matched.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from graphkit.extract.lexicon import Lexicon
from graphkit.extract.nlp import filter_ranges, token_info, token_strings
from graphkit.gazetteer import Gazetteer, normalize_name
from graphkit.model import Actor, ActorType, slugify

__all__ = ["ActorFinder", "ArticleContext", "Mention", "RoleFact"]

_POSSESSIVE = {"'s", "’s", "'", "’"}
_GENITIVE = {"'s", "’s"}
_PERSON = ActorType.PERSON


@dataclass
class Mention:
    """An actor named in the text, as a token span ``[start, end)`` of the doc.

    ``kind`` says how it was found: a gazetteer kind (name, alias, demonym, capital, seat,
    code), ``organ``, ``title`` (a titled person), ``short`` (a later short name) or
    ``reference`` (a pronoun or "the minister", resolved to an earlier actor).
    """

    start: int
    end: int
    actor: str
    kind: str
    military: bool = False
    possessive: bool = False
    group: int = -1

    @property
    def is_reference(self) -> bool:
        return self.kind in {"reference", "short"}


@dataclass(frozen=True)
class RoleFact:
    """A role read from a title: ``person`` <relation> ``target``, in sentence ``sent``."""

    person: str
    relation: str
    target: str
    role: str
    start_char: int
    trigger: str


@dataclass
class ArticleContext:
    """What one article has introduced so far, for references and short names."""

    published: date | None = None
    actors: dict[str, Actor] = field(default_factory=dict)
    short_names: dict[str, str] = field(default_factory=dict)
    history: list[str] = field(default_factory=list)
    roles: list[RoleFact] = field(default_factory=list)
    # Actors named together ("Armenia and Azerbaijan"), latest last, for "both sides".
    groups: list[tuple[str, ...]] = field(default_factory=list)


class ActorFinder:
    """Finds actor mentions in docs, driven by a gazetteer and the lexicon.

    Parameters
    ----------
    gazetteer : Gazetteer
    lexicon : Lexicon
    vocab : spacy.vocab.Vocab
        The vocabulary of the pipeline whose docs will be searched.
    """

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon, vocab: Vocab) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        grammar = lexicon.grammar
        self._not_names = grammar.not_names
        self._context_determiners = grammar.context_determiners
        self._subject_pronouns = grammar.subject_pronouns
        self._skip_determiners = grammar.skip_determiners
        self._prepositions = grammar.prepositions
        self._counts = grammar.counts
        self._generic_organization = grammar.generic_organization
        self._state_nouns = grammar.state_nouns
        self._name_particles = grammar.name_particles
        self.names = PhraseMatcher(vocab, attr="ORTH")
        self.words = PhraseMatcher(vocab, attr="LOWER")
        self._forms: dict[str, list[tuple[str, str]]] = {}
        # The same forms by their token strings, so that matches are looked up without spans.
        self._form_keys: dict[tuple[str, ...], str] = {}
        tokenizer_doc = _Tokenize(vocab)
        patterns = []
        for form in gazetteer.surface_forms():
            variants = {form.text}
            if form.kind in {"name", "alias"} and not form.text.isupper():
                # Names are matched as written; a headline may capitalise every word.
                variants.add(" ".join(w[:1].upper() + w[1:] for w in form.text.split()))
            for text in variants:
                doc = tokenizer_doc(text)
                key = doc.text
                if key not in self._forms:
                    patterns.append(doc)
                    self._form_keys[tuple(t.text for t in doc)] = key
                slot = self._forms.setdefault(key, [])
                if (form.actor_id, form.kind) not in slot:
                    slot.append((form.actor_id, form.kind))
        self.names.add("ACTOR", patterns)
        self._title_words = {key[-1] for key in lexicon.titles}
        groups = {
            "TITLE": lexicon.titles.keys(),
            "BODY": lexicon.organ_bodies.keys(),
            "STATE_ORGAN": lexicon.organ_state,
            "MILITARY": lexicon.organ_military,
            "REF": lexicon.references.keys(),
        }
        for label, phrases in groups.items():
            if label == "TITLE":
                # Titles are kept as tokens already ("dr." is one): no second tokenisation.
                docs = [Doc(vocab, words=list(p)) for p in phrases]
            else:
                docs = [tokenizer_doc(" ".join(p)) for p in phrases]
            self.words.add(label, docs)
        # Named bodies of the gazetteer by (state, organ key), so that "the Foreign Ministry
        # of Russia" finds the same actor as "the Russian Foreign Ministry".
        self._bodies: dict[tuple[str, str], str] = {}
        organ_names = {" ".join(k): v[0] for k, v in lexicon.organ_bodies.items()}
        for actor in gazetteer.of_type(ActorType.GOVERNMENT_BODY):
            if not actor.acts_for:
                continue
            for name in (actor.label, *actor.aliases):
                norm = normalize_name(name)
                for organ, key in organ_names.items():
                    if organ in norm:
                        self._bodies.setdefault((actor.acts_for, key), actor.id)

    # -- lookups ----------------------------------------------------------------------------

    def actor(self, actor_id: str, ctx: ArticleContext | None = None) -> Actor | None:
        """The actor with this id, from the article's new actors or the gazetteer."""
        if ctx is not None and actor_id in ctx.actors:
            return ctx.actors[actor_id]
        return self.gazetteer.actors.get(actor_id)

    def state_of(self, actor_id: str, ctx: ArticleContext) -> str | None:
        """The state an actor is or acts for (following acts_for and dated roles)."""
        seen: set[str] = set()
        current: str | None = actor_id
        while current and current not in seen:
            seen.add(current)
            actor = self.actor(current, ctx)
            if actor is None:
                return None
            if actor.type is ActorType.STATE:
                return actor.id
            nxt = actor.acts_for
            if actor.type is _PERSON and current in self.gazetteer.actors:
                role = self.gazetteer.role_on(current, ctx.published)
                nxt = role[0] if role else nxt
            current = nxt
        return None

    # -- finding ----------------------------------------------------------------------------

    def find(self, doc: Doc, ctx: ArticleContext, *, base_char: int = 0,
             headline: bool = False) -> list[Mention]:
        """All actor mentions of ``doc`` in text order, references resolved.

        ``base_char`` is the offset of the doc in the article (for role evidence);
        ``headline`` turns off the creation of unknown persons from capitalised words.
        """
        token_strings(doc)  # fills the cache that the helpers below read
        mentions = self._gazetteer_mentions(doc, ctx, headline)
        word_matches = self._word_matches(doc)
        mentions = self._organs(doc, mentions, word_matches, ctx)
        mentions = self._titled_persons(doc, mentions, word_matches, ctx, base_char, headline)
        mentions = self._short_names(doc, mentions, ctx)
        if not headline:
            self._whole_names(doc, mentions, ctx)
        mentions = self._references(doc, mentions, word_matches, ctx)
        _group(doc, mentions, self.lexicon)
        _remember_groups(mentions, ctx)
        return mentions

    def _whole_names(self, doc: Doc, mentions: list[Mention], ctx: ArticleContext) -> None:
        """Stretch a known person's mention over the rest of the name written after it
        ("President Xi" + "Jinping"), so that what follows the name reads as after it."""
        info = token_info(doc)
        not_names = self._not_names
        starts = {m.start for m in mentions}
        for m in mentions:
            if m.kind not in {"name", "alias"}:
                continue
            actor = self.actor(m.actor, ctx)
            if actor is None or actor.type is not _PERSON:
                continue
            end = m.end
            while (end < len(doc) and end not in starts and end - m.end < 2
                   and info.alpha[end] and _name_word(info.texts[end])
                   and info.lower[end] not in not_names
                   and info.lower[end] in actor.label.lower().split()):
                end += 1
            m.end = end

    def _gazetteer_mentions(self, doc: Doc, ctx: ArticleContext, headline: bool) -> list[Mention]:
        matches = self.names(doc)
        if not matches:
            return []
        info = token_info(doc)
        texts, lower = info.texts, info.lower
        not_names = self._not_names
        out = []
        for start, end in filter_ranges([(s, e) for _, s, e in matches]):
            text = self._form_keys.get(tuple(texts[start:end]))
            candidates = self._forms.get(text) if text is not None else None
            if not candidates:
                continue
            actor_id, kind = self._choose(text, candidates, ctx)
            if actor_id is None:
                continue
            prev = start - 1
            # "Latin American", "New Mexico": a capitalised word before a name makes it part
            # of another name (headlines capitalise everything, so not there).
            if (not headline and prev >= 0 and info.title[prev] and not info.sent_start[prev]
                    and lower[prev] not in not_names and kind in {"demonym", "name", "alias"}
                    and lower[prev] not in self._title_words):
                continue
            out.append(Mention(start, end, actor_id, kind,
                               military=(lower[end - 1],) in self.lexicon.organ_military,
                               possessive=_is_possessive(doc, end)))
        return out

    def _is_title_word(self, token) -> bool:
        return token.lower_ in self._title_words

    def _choose(self, text: str, candidates: list[tuple[str, str]],
                ctx: ArticleContext) -> tuple[str | None, str]:
        if len(candidates) == 1 or all(a == candidates[0][0] for a, _ in candidates):
            return candidates[0]
        actor = self.gazetteer.resolve(text, on=ctx.published)
        if actor is None:
            return None, ""
        kind = next(k for a, k in candidates if a == actor.id)
        return actor.id, kind

    def _word_matches(self, doc: Doc) -> dict[str, list[tuple[int, int]]]:
        out: dict[str, list[tuple[int, int]]] = {}
        strings = doc.vocab.strings
        for match_id, start, end in self.words(doc):
            out.setdefault(strings[match_id], []).append((start, end))
        for label, spans in out.items():
            # Longest phrase first at each place ("armed forces" over "forces").
            out[label] = filter_ranges(spans)
        return out

    def _owner_before(self, doc: Doc, mentions: list[Mention], start: int) -> Mention | None:
        """The mention that owns what starts at ``start``: "Russia's", "Russian", "Trump".

        Up to two qualifying adjectives may come between ("Mali's transitional government").
        """
        lower = token_strings(doc)[1]
        for _ in range(2):
            if start > 1 and lower[start - 1] in self.lexicon.organ_qualifiers:
                start -= 1
        for m in reversed(mentions):
            if m.end == start:
                return m
            if m.end == start - 1 and token_strings(doc)[0][start - 1] in _POSSESSIVE:
                return m
            if m.end < start - 1:
                break
        return None

    def _owner_past_portfolio(self, doc: Doc, mentions: list[Mention],
                              start: int) -> tuple[Mention | None, int]:
        """"Russian Energy Minister X": the state before a capitalised portfolio (one or two
        words) that the title lexicon does not list; returns the owner and the words skipped."""
        texts = token_strings(doc)[0]
        for skip in (1, 2):
            first = start - skip
            if first < 1 or not all(texts[i].isalpha() and _name_word(texts[i])
                                    for i in range(first, start)):
                break
            owner = self._owner_before(doc, mentions, first)
            if owner is not None and owner.end == first:
                return owner, skip
        return None, 0

    def _owner_after(self, doc: Doc, mentions: list[Mention], end: int) -> Mention | None:
        """"... of Russia", "... of the United States"."""
        lower = token_strings(doc)[1]
        if end < len(lower) and lower[end] == "of":
            for m in mentions:
                if m.start in (end + 1, end + 2) and (m.start == end + 1
                                                      or lower[end + 1] == "the"):
                    return m
        return None

    def _first_state(self, ctx: ArticleContext) -> str | None:
        for actor_id in ctx.history:
            actor = self.actor(actor_id, ctx)
            if actor is not None and actor.type is ActorType.STATE:
                return actor_id
        return None

    def _seat_after(self, doc: Doc, mentions: list[Mention], end: int,
                    ctx: ArticleContext) -> Mention | None:
        """"the government in Havana": a state organ placed in a state or its capital."""
        lower = token_strings(doc)[1]
        if end < len(lower) and lower[end] == "in":
            m = next((m for m in mentions if m.start == end + 1), None)
            if m is not None and self.state_of(m.actor, ctx) is not None:
                return m
        return None

    def _organs(self, doc: Doc, mentions: list[Mention],
                words: dict[str, list[tuple[int, int]]], ctx: ArticleContext) -> list[Mention]:
        spans = [(s, e, label) for label in ("BODY", "STATE_ORGAN", "MILITARY")
                 for s, e in words.get(label, ())]
        if not spans:
            return mentions
        for start, end, label in sorted(spans):
            if any(m.start <= start < m.end for m in mentions):
                continue  # inside a gazetteer name ("Russian Foreign Ministry")
            owner = self._owner_before(doc, mentions, start)
            after = False
            if owner is None:
                owner = self._owner_after(doc, mentions, end)
                if owner is None and label in {"STATE_ORGAN", "BODY"}:
                    # "the government in Havana", "the Foreign Ministry in Athens"
                    owner = self._seat_after(doc, mentions, end, ctx)
                after = owner is not None
            if owner is None:
                state = self._context_state(doc, start, end, mentions, ctx)
                if state is None:
                    continue
                # The organ stands alone: the mention is the organ phrase itself.
                owner = Mention(start, start, state, "context")
            else:
                state = self.state_of(owner.actor, ctx)
            if state is None:
                continue
            if label == "BODY":
                phrase = tuple(token_strings(doc)[1][start:end])
                key, organ_label = self.lexicon.organ_bodies[phrase]
                actor_id = self._body(state, key, organ_label, ctx)
            else:
                actor_id = state
            new = Mention(
                min(start, owner.start), max(end, owner.end), actor_id, "organ",
                military=label == "MILITARY",
                possessive=_is_possessive(doc, owner.end if after else end),
            )
            if after:
                new.possessive = _is_possessive(doc, owner.end)
            mentions = [m for m in mentions if m is not owner] + [new]
            mentions.sort(key=lambda m: m.start)
        return mentions

    def _context_state(self, doc: Doc, start: int, end: int, mentions: list[Mention],
                       ctx: ArticleContext) -> str | None:
        """The state an organ named without one acts for: the last state named before it.

        Only organs introduced by "the", "its" or "their" qualify ("the Foreign Ministry
        said"); a bare plural ("officials said") is too vague to be given a state.
        """
        lower = token_strings(doc)[1]
        if tuple(lower[start:end]) not in self.lexicon.organ_context:
            return None
        while start > 1 and lower[start - 1] in self.lexicon.organ_qualifiers:
            start -= 1  # "the transitional authorities"
        if start == 0 or lower[start - 1] not in self._context_determiners:
            return None
        if end < len(lower) and lower[end] == "of":
            return None  # "the government of President X": owned by what follows
        earlier = [m.actor for m in mentions if m.end <= start and m.kind != "context"]
        for actor_id in reversed(ctx.history[-12:] + earlier):
            state = self.state_of(actor_id, ctx)
            if state is not None:
                return state
        return None

    def _body(self, state: str, key: str, organ_label: str, ctx: ArticleContext) -> str:
        known = self._bodies.get((state, key))
        if known:
            return known
        body_id = f"{state}_{key}"
        if body_id not in ctx.actors and body_id not in self.gazetteer.actors:
            state_actor = self.actor(state, ctx)
            label = f"{state_actor.label} {organ_label}" if state_actor else organ_label
            ctx.actors[body_id] = Actor(
                body_id, label, ActorType.GOVERNMENT_BODY, acts_for=state,
                country=state_actor.country if state_actor else None,
            )
        return body_id

    def _titled_persons(self, doc: Doc, mentions: list[Mention],
                        words: dict[str, list[tuple[int, int]]], ctx: ArticleContext,
                        base_char: int, headline: bool) -> list[Mention]:
        titles = words.get("TITLE")
        if not titles:
            return mentions
        for start, end in titles:
            span = doc[start:end]
            if any(m.start <= start < m.end for m in mentions if m.kind != "organ"):
                continue
            title = self.lexicon.titles[tuple(t.lower_ for t in span)]
            # "Egypt's foreign minister, Sameh Shoukry, said": the name in apposition,
            # between commas, after a title that has its state before it.
            appositive = (not headline and end + 1 < len(doc) and doc[end].text == ","
                          and self._owner_before(doc, mentions, start) is not None)
            if appositive:
                end += 1
            person_mention = next((m for m in mentions if m.start == end), None)
            name_end = end
            if person_mention is not None:
                actor = self.actor(person_mention.actor, ctx)
                if actor is None or actor.type is not _PERSON:
                    continue
                person_id = actor.id
                name_end = person_mention.end
            else:
                info = token_info(doc)
                # Arabic names with a lineage run long: "Sheikh Sabah al-Ahmad al-Jaber al-Sabah".
                while name_end < len(doc) and name_end - end < 14:
                    if (_name_word(info.texts[name_end]) and info.alpha[name_end]
                            and info.lower[name_end] not in self._not_names):
                        name_end += 1
                        continue
                    if name_end > end and _initial(info.texts[name_end]) \
                            and name_end + 1 < len(doc) \
                            and _name_word(info.texts[name_end + 1]):
                        name_end += 1  # a middle initial: "Igor S. Ivanov"
                        continue
                    # "Omar al-Bashir", "Sabah al-Ahmad", "Ursula von der Leyen"
                    step = _name_link(info, name_end, end, self._name_particles)
                    if not step:
                        break
                    name_end += step
                if name_end == end or (appositive and (
                        name_end >= len(doc) or info.texts[name_end] != ",")):
                    continue
                # The name as usually cited, without middle initials ("Igor Ivanov").
                name = "".join(t.text_with_ws for t in doc[end:name_end]
                               if not _initial(t.text)).strip()
                person_name = name
                known = self.gazetteer.resolve(name, on=ctx.published)
                if known is not None and known.type is _PERSON:
                    person_id = known.id
                elif headline:
                    continue
                else:
                    person_id = slugify(name)
            owner = self._owner_before(doc, mentions, start)
            portfolio = 0
            if owner is None and not headline:
                owner, portfolio = self._owner_past_portfolio(doc, mentions, start)
            after = None
            if owner is None and title.country is None:
                # "Foreign Minister Nicanor Costa of Argentina": the state follows the name.
                after = self._owner_after(doc, mentions, name_end)
                if after is not None and self.state_of(after.actor, ctx) is None:
                    after = None
            target = owner.actor if owner is not None else title.country
            if after is not None:
                target = after.actor
            if target is not None and self.actor(target, ctx) is None:
                target = None
            if target is None and person_id in self.gazetteer.actors:
                held = self.gazetteer.role_on(person_id, ctx.published)
                target = held[0] if held else None
            if target is None and title.relation == "leads" and person_id not in \
                    self.gazetteer.actors and not headline:
                # "Prime Minister X" with no country named: the state the article opened with.
                target = self._first_state(ctx)
            if person_id not in self.gazetteer.actors and person_id not in ctx.actors:
                target_actor = self.actor(target, ctx) if target else None
                state = self.state_of(target, ctx) if target else None
                state_actor = self.actor(state, ctx) if state else None
                ctx.actors[person_id] = Actor(
                    person_id, person_name, _PERSON, role=(
                        f"{doc[start - portfolio:start].text.lower()} {title.title}"
                        if portfolio else title.title),
                    acts_for=target_actor.id if target_actor else None,
                    country=state_actor.country if state_actor else None,
                )
            if target is not None:
                role = title.title
                if portfolio:
                    role = f"{doc[start - portfolio:start].text.lower()} {title.title}"
                if owner is not None and owner.kind == "organ":
                    role = f"{doc[owner.start:owner.end].text} {title.title}"
                ctx.roles.append(RoleFact(
                    person_id, title.relation, target, role,
                    base_char + doc[start].idx, span.text,
                ))
            first = owner.start if owner is not None else start
            last = after.end if after is not None else name_end
            mentions = [m for m in mentions if not (first <= m.start < last)]
            mentions.append(Mention(first, last, person_id, "title",
                                    possessive=_is_possessive(doc, last)))
            mentions.sort(key=lambda m: m.start)
            if name_end - end >= 2:
                ctx.short_names.setdefault(doc[name_end - 1].text, person_id)
        return mentions

    def _short_names(self, doc: Doc, mentions: list[Mention], ctx: ArticleContext) -> list[Mention]:
        texts = token_strings(doc)[0]
        for m in mentions:
            if m.end - m.start < 2 or m.kind == "title":
                continue
            actor = self.actor(m.actor, ctx)
            if actor is not None and actor.type is _PERSON:
                ctx.short_names.setdefault(texts[m.end - 1], actor.id)
        if not ctx.short_names:
            return mentions
        taken = {i for m in mentions for i in range(m.start, m.end)}
        short = ctx.short_names
        found = [
            Mention(i, i + 1, short[text], "short", possessive=_is_possessive(doc, i + 1))
            for i, text in enumerate(texts) if text in short and i not in taken
        ]
        if not found:
            return mentions
        return sorted(mentions + found, key=lambda m: m.start)

    def _references(self, doc: Doc, mentions: list[Mention],
                    words: dict[str, list[tuple[int, int]]], ctx: ArticleContext) -> list[Mention]:
        refs = words.get("REF", [])
        taken = {i for m in mentions for i in range(m.start, m.end)}
        pending = [(s, e) for s, e in refs if s not in taken]
        out: list[Mention] = []
        items: list[tuple[int, Mention | tuple[int, int]]] = [(m.start, m) for m in mentions]
        items += [(s, (s, e)) for s, e in pending]
        for _, item in sorted(items, key=lambda x: x[0]):
            if isinstance(item, Mention):
                out.append(item)
                ctx.history.append(item.actor)
                continue
            start, end = item
            phrase = tuple(t.lower_ for t in doc[start:end])
            category = self.lexicon.references[phrase]
            if category == "group":
                members = self._group_antecedent(phrase, ctx)
                out.extend(Mention(start, end, actor_id, "reference",
                                   possessive=_is_possessive(doc, end))
                           for actor_id in members)
                continue
            if category == "person" and end < len(doc) and doc[end].lower_ == "of":
                continue  # "the president of the council": an office of what follows
            actor_id = self._clause_subject(doc, out, start, category, phrase[-1], ctx) \
                or self._antecedent(category, phrase[-1], ctx)
            if actor_id is None:
                continue
            mention = Mention(start, end, actor_id, "reference",
                              possessive=_is_possessive(doc, end))
            out.append(mention)
        return out

    def _group_antecedent(self, phrase: tuple[str, ...], ctx: ArticleContext) -> tuple[str, ...]:
        """The actors of the latest group that fits "both sides", "the three countries"."""
        counts = self._counts
        size = next((counts[w] for w in phrase if w in counts), None)
        for members in reversed(ctx.groups[-6:]):
            if size is None or len(members) == size:
                if phrase[-1] in self._state_nouns:
                    # "both countries" after "X's president and Y's president": their states
                    states = tuple(dict.fromkeys(self.state_of(a, ctx) or a for a in members))
                    if len(states) == len(members):
                        return states
                return members
        return ()

    def _antecedent(self, category: str, head: str, ctx: ArticleContext) -> str | None:
        if category == "organization":
            # "the alliance" is the latest organisation with "alliance" in a name, if any.
            named = self._antecedent("named_organization", head, ctx)
            if named is not None:
                return named
        for actor_id in reversed(ctx.history[-12:]):
            if self._fits(category, head, actor_id, ctx):
                return actor_id
        return None

    def _fits(self, category: str, head: str, actor_id: str, ctx: ArticleContext) -> bool:
        """Whether an actor may be what a reference of ``category`` ("it", "the minister")
        stands for."""
        actor = self.actor(actor_id, ctx)
        if actor is None or actor.type is ActorType.MEDIA:
            return False
        if category == "person":
            if actor.type is not _PERSON:
                return False
            if head not in {"he", "she", "him", "official", "leader"}:
                role = actor.role or ""
                if actor_id in self.gazetteer.actors:
                    found = self.gazetteer.role_on(actor_id, ctx.published)
                    role = found[1] if found else role
                if head not in role.lower():
                    return False
            return True
        if category == "state":
            return actor.type is ActorType.STATE
        if category == "thing":
            return actor.type is not _PERSON
        if category in {"organization", "named_organization"}:
            # "the council" is the latest council; "the bloc" any organisation.
            return actor.type in _ORGANIZATIONS and (
                (category == "organization" and head in self._generic_organization)
                or any(head in n.lower().split() for n in (actor.label, *actor.aliases)))
        return category == "body" and actor.type is ActorType.GOVERNMENT_BODY

    def _clause_subject(self, doc: Doc, out: list[Mention], start: int, category: str,
                        head: str, ctx: ArticleContext) -> str | None:
        """"X accused Y of ..., and it warned ...": a subject pronoun after "and" continues
        the sentence's subject (its first actor not after a preposition), not the latest
        actor named."""
        lower = token_strings(doc)[1]
        if head not in self._subject_pronouns or start == 0 or lower[start - 1] != "and":
            return None
        first = doc[start].sent.start
        prepositions, skip = self._prepositions, self._skip_determiners
        for m in out:
            if m.start < first or m.start >= start:
                continue
            if m.possessive or (m.start > first and lower[m.start - 1] in prepositions) \
                    or (m.start > first + 1 and lower[m.start - 1] in skip
                        and lower[m.start - 2] in prepositions):
                continue
            actor = self.actor(m.actor, ctx)
            if actor is not None and actor.type is ActorType.MEDIA and actor.country \
                    and category == "thing":
                return m.actor  # state-run media speak with a voice of their own
            return m.actor if self._fits(category, head, m.actor, ctx) else None
        return None


_ORGANIZATIONS = {ActorType.INTERNATIONAL_ORGANIZATION, ActorType.ORGANIZATION}


def _initial(text: str) -> bool:
    """A middle initial such as "S." in "Igor S. Ivanov"."""
    return len(text) == 2 and text[0].isupper() and text[1] == "."


def _name_word(text: str) -> bool:
    """A word that may be part of a name: capitalised, mixed case allowed ("ElBaradei",
    "McDonald"), but not an acronym ("NATO")."""
    return text[:1].isupper() and (len(text) == 1 or not text.isupper())




def _name_link(info, i: int, first: int, particles: frozenset[str]) -> int:
    """How many tokens from ``i`` join a name to a following capitalised word: a particle
    ("al", "von der"), a hyphen written without spaces, or both; 0 when none do."""
    texts, n = info.texts, len(info.texts)
    j = i
    while j < n and info.lower[j] in particles and j - i < 3:
        j += 1
    if j < n and texts[j] == "-" and j > first and not info.spaces[j - 1] and not info.spaces[j]:
        j += 1
    if j == i or j >= n or not (_name_word(texts[j]) and info.alpha[j]):
        return 0
    return j - i


def _remember_groups(mentions: list[Mention], ctx: ArticleContext) -> None:
    """Keep the coordinated groups of distinct actors, for later plural references."""
    by_group: dict[int, list[str]] = {}
    for m in mentions:
        if m.kind != "reference":
            by_group.setdefault(m.group, []).append(m.actor)
    for members in by_group.values():
        distinct = tuple(dict.fromkeys(members))
        if len(distinct) >= 2:
            ctx.groups.append(distinct)


def _is_possessive(doc: Doc, end: int) -> bool:
    texts = token_strings(doc)[0]
    return end < len(texts) and texts[end] in _GENITIVE


def _group(doc: Doc, mentions: list[Mention], lexicon: Lexicon) -> None:
    """Give coordinated mentions ("the UK, France and Germany") the same group number.

    A chain linked by commas alone is an apposition or a list of clauses, not coordination:
    it counts only when its last link is a conjunction ("and", "as well as").
    """
    # "X and his counterpart Y": a determiner may open the next conjunct.
    determiners = lexicon.grammar.conjunct_determiners
    pronouns = lexicon.grammar.clause_pronouns
    joiners = {w for phrase in lexicon.coordination for w in phrase} | determiners
    lower = token_strings(doc)[1]
    chains: list[list[Mention]] = []
    links: list[list[bool]] = []
    previous: Mention | None = None
    speech = lexicon.speech_verbs
    for m in mentions:
        between = lower[previous.end:m.start] if previous is not None else []
        # "X criticized China, and Washington said": after a comma, an actor that speaks opens
        # a clause of its own (but "the UK, France, and Germany said" stays one list).
        speaks = (m.end < len(lower) and lower[m.end] in speech and "," in between
                  and bool(chains) and len(chains[-1]) == 1)
        # "..., and it demanded": a subject pronoun after a comma opens a clause of its own.
        speaks = speaks or (m.kind == "reference" and "," in between
                            and tuple(lower[m.start:m.end]) in pronouns)
        if previous is not None and m.start == previous.start:
            # A plural reference ("both sides") stands for several actors at one place.
            chains[-1].append(m)
            links[-1].append(True)
        elif (previous is not None and m.start > previous.end and not previous.possessive
                and not speaks
                and all(w in joiners for w in between)
                and any(w not in determiners for w in between)
                and _conjunction(between, lexicon)):
            chains[-1].append(m)
            links[-1].append(any(w not in determiners and w != "," for w in between))
        else:
            chains.append([m])
            links.append([])
        previous = m
    group = 0
    for chain, conj in zip(chains, links, strict=True):
        if conj and not conj[-1]:
            for m in chain:
                group += 1
                m.group = group
            continue
        group += 1
        for m in chain:
            m.group = group


def _conjunction(between: list[str], lexicon: Lexicon) -> bool:
    """Whether the words between two actors link them as a whole phrase ("as well as",
    "and"), not as a stray word of one ("Nicosia as the council ...")."""
    determiners = lexicon.grammar.conjunct_determiners
    core = tuple(w for w in between if w != "," and w not in determiners)
    return not core or core in lexicon.coordination


class _Tokenize:
    """Tokenise pattern strings with the pipeline's own tokenizer rules, cheaply."""

    def __init__(self, vocab: Vocab) -> None:
        from spacy.lang.en import English

        self._tokenizer = English(vocab=vocab).tokenizer

    def __call__(self, text: str) -> Doc:
        return self._tokenizer(text)

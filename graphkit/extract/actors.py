"""Actor mentions in text: gazetteer names, demonyms, metonyms, organs, titled persons and
references back to them.

One :class:`ActorFinder` is built per gazetteer and lexicon; it runs over one spaCy ``Doc``
(a paragraph) at a time with an :class:`ArticleContext` that carries what the article has
introduced so far (new persons, their short names, the recent actors for "he" or "that
country"). Matching is done by spaCy ``PhraseMatcher`` objects over the whole doc; Python
only looks at the few places where something matched.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from graphkit.extract.lexicon import Lexicon
from graphkit.extract.nlp import filter_ranges, token_info, token_strings
from graphkit.extract.references import References, load_references
from graphkit.extract.sectors import (
    Collectives,
    SectorLexicon,
    load_collectives,
    load_sectors,
)
from graphkit.gazetteer import Gazetteer, normalize_name
from graphkit.model import Actor, ActorType, slugify

__all__ = ["ActorFinder", "ArticleContext", "Mention", "RoleFact"]

# Straight, curly and backtick apostrophes ("Russia's", "Russia’s", "Ladakh`s").
_POSSESSIVE = {"'s", "’s", "`s", "´s", "'", "’", "`"}
_GENITIVE = {"'s", "’s", "`s", "´s"}
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
    # The state of the latest sentence subject that is or acts for a state.
    topic: str | None = None
    # Names the article defines ("the China Coast Guard (CCG)"): first token -> [(tokens, id)].
    aliases: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    # The subject actor of the latest sentence read, if it had one (for "It said ...").
    subject: str | None = None


class ActorFinder:
    """Finds actor mentions in docs, driven by a gazetteer and the lexicon.

    Parameters
    ----------
    gazetteer : Gazetteer
    lexicon : Lexicon
    vocab : spacy.vocab.Vocab
        The vocabulary of the pipeline whose docs will be searched.
    """

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon, vocab: Vocab,
                 sectors: SectorLexicon | None = None,
                 collectives: Collectives | None = None) -> None:
        self.gazetteer = gazetteer
        self.lexicon = lexicon
        self.sectors = sectors if sectors is not None else load_sectors()
        self.collectives = collectives if collectives is not None else load_collectives()
        self.descriptions: References = load_references()
        self._collective_names = {k: v for k, v in self.collectives.names.items()
                                  if v in gazetteer.actors}
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
            "SECTOR": self.sectors.nouns.keys(),
            "ETHNIC_ADJ": self.sectors.group_adjectives.keys(),
            "ETHNIC_NAME": self.sectors.group_names.keys(),
            "COLLECTIVE": self._collective_names.keys(),
            "MEMBERS": self.collectives.member_nouns,
            "GROUP_NOUN": self.collectives.group_nouns,
            "DESC_STATE": self.descriptions.state_heads,
            "DESC_GROUP": self.descriptions.group_heads,
            "DESC_MIL": self.descriptions.military_refs,
        }
        for label, phrases in groups.items():
            if label != "REF" and label not in {"BODY", "STATE_ORGAN", "MILITARY"}:
                # Kept as tokens already ("dr." is one): no second tokenisation.
                docs = [Doc(vocab, words=list(p)) for p in phrases if p]
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

    def acts_for_state(self, agent: str, state: str, ctx: ArticleContext) -> bool:
        """Whether ``agent`` (a person or body, not a state) acts for the state ``state``."""
        actor = self.actor(state, ctx)
        if actor is None or actor.type is not ActorType.STATE:
            return False
        other = self.actor(agent, ctx)
        if other is None or other.type is ActorType.STATE:
            return False
        return self.state_of(agent, ctx) == state

    def acts_for_chain(self, agent: str, principal: str, ctx: ArticleContext) -> bool:
        """Whether ``principal`` is on ``agent``'s chain of acts_for (a spokesperson, her
        ministry, its state)."""
        seen = {agent}
        actor = self.actor(agent, ctx)
        while actor is not None and actor.acts_for and actor.acts_for not in seen:
            if actor.acts_for == principal:
                return True
            seen.add(actor.acts_for)
            actor = self.actor(actor.acts_for, ctx)
        return False

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
        # "the Western countries" (span -> the grouping to fall back on), for _references.
        self._collective_refs: dict[tuple[int, int], str | None] = {}
        # "Turkish Cypriots": (the first mention, end of the demonym after it), for _ethnic.
        self._compounds: list[tuple[Mention, int]] = []
        mentions = self._gazetteer_mentions(doc, ctx, headline)
        word_matches = self._word_matches(doc)
        mentions = self._defined_names(doc, mentions, ctx)
        mentions = self._ethnic(doc, mentions, word_matches, ctx)
        mentions = self._sector_mentions(doc, mentions, word_matches, ctx)
        if not headline:
            # A headline's "Western Powers" are the states its story lists.
            mentions = self._collective(doc, mentions, word_matches, ctx)
        mentions = self._organs(doc, mentions, word_matches, ctx)
        mentions = self._titled_persons(doc, mentions, word_matches, ctx, base_char, headline)
        if not headline:
            mentions = self._abbreviations(doc, mentions, ctx)
        mentions = self._short_names(doc, mentions, ctx)
        if not headline:
            self._whole_names(doc, mentions, ctx)
        if not headline:
            mentions = self._descriptions(doc, mentions, word_matches, ctx)
        if word_matches.get("REF") or word_matches.get("GROUP_NOUN") or self._collective_refs:
            _group(doc, mentions, self.lexicon)  # for "both countries" later in the paragraph
        mentions = self._references(doc, mentions, word_matches, ctx)
        _group(doc, mentions, self.lexicon)
        _remember_groups(mentions, ctx)
        self._remember_topic(doc, mentions, ctx)
        return mentions

    def _remember_topic(self, doc: Doc, mentions: list[Mention], ctx: ArticleContext) -> None:
        """The state the article is about at this point: that of the last sentence whose
        subject is a state or acts for one; and the subject of the doc's last sentence."""
        ctx.subject = None
        if not mentions:
            return
        lower = token_strings(doc)[1]
        starts = [i for i, start in enumerate(token_info(doc).sent_start) if start] or [0]
        seen_sentence, k = -1, 0
        for m in mentions:
            while k + 1 < len(starts) and starts[k + 1] <= m.start:
                k += 1
            sent_start = starts[k]
            if sent_start == seen_sentence:
                continue
            if m.possessive or (m.start > sent_start and lower[m.start - 1] in self._prepositions):
                continue
            seen_sentence = sent_start
            ctx.subject = m.actor if m.kind != "context" else None
            state = self.state_of(m.actor, ctx)
            if state is not None:
                ctx.topic = state
        if seen_sentence != starts[-1]:
            ctx.subject = None  # the last sentence named no subject

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
                if kind == "demonym" and out and out[-1].end == start:
                    # "Turkish Cypriots", "Kosovo Albanians": a community, not either state.
                    self._compounds.append((out[-1], end))
                continue
            if kind == "demonym" and end + 1 < len(lower) and lower[end + 1] == "of" \
                    and lower[end] in self.descriptions.part_nouns:
                continue  # "the Georgian regions of Abkhazia": the places named after "of"
            if (not headline and end < len(lower) and info.title[end] and info.alpha[end]
                    and lower[end].endswith(("an", "ern")) and kind in {"name", "alias"}
                    and self._is_grouping(actor_id)):
                continue  # "West African leaders": a region's adjective, not the West
            out.append(Mention(start, end, actor_id, kind,
                               military=(lower[end - 1],) in self.lexicon.organ_military,
                               possessive=_is_possessive(doc, end)))
        return out

    def _is_grouping(self, actor_id: str) -> bool:
        actor = self.gazetteer.actors.get(actor_id)
        return actor is not None and actor.type is ActorType.ORGANIZATION

    def _is_title_word(self, token) -> bool:
        return token.lower_ in self._title_words

    def _choose(self, text: str, candidates: list[tuple[str, str]],
                ctx: ArticleContext) -> tuple[str | None, str]:
        if len(candidates) == 1 or all(a == candidates[0][0] for a, _ in candidates):
            actor_id, kind = candidates[0]
            if kind in {"capital", "seat"} and not self.gazetteer.stands_for(
                    text, actor_id, ctx.published):
                return None, ""  # "Almaty" in 2015, "Saigon" in 1990: a city, not a state
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

    def _unnamed_office(self, doc: Doc, mentions: list[Mention], start: int, end: int,
                        ctx: ArticleContext) -> Mention | None:
        """The mention for an office named without its holder: the state or body before it
        ("Libya's defence minister", "the Russian foreign minister") or after "for"/"of"
        ("a spokesman for the Foreign Ministry")."""
        lower = token_strings(doc)[1]
        owner = self._owner_before(doc, mentions, start)
        first, last = start, end
        if owner is not None:
            first = owner.start
        elif end + 1 < len(lower) and lower[end] in {"for", "of"}:
            at = end + 2 if lower[end + 1] in self._skip_determiners else end + 1
            owner = next((m for m in mentions if m.start == at), None)
            if owner is not None:
                last = owner.end
                texts = token_strings(doc)[0]
                if last + 1 < len(texts) and texts[last] == "," \
                        and _name_word(texts[last + 1]):
                    return None  # "the chancellor of Germany, Olaf Scholz": named after all
        if owner is None or owner.kind == "context":
            return None
        actor = self.actor(owner.actor, ctx)
        if actor is None or actor.type is _PERSON or self.state_of(owner.actor, ctx) is None:
            return None
        return Mention(first, last, owner.actor, "organ",
                       possessive=_is_possessive(doc, last))

    def _nearest_state(self, doc: Doc, mentions: list[Mention], at: int,
                       ctx: ArticleContext) -> str | None:
        """The state named last before token ``at`` in its sentence."""
        first = doc[at].sent.start
        best: str | None = None
        for m in mentions:
            if m.start < first or m.end > at or m.kind == "context":
                continue
            actor = self.actor(m.actor, ctx)
            if actor is not None and actor.type is ActorType.STATE:
                best = m.actor
        return best

    def _seat_after(self, doc: Doc, mentions: list[Mention], end: int,
                    ctx: ArticleContext) -> Mention | None:
        """"the government in Havana": a state organ placed in a state or its capital."""
        lower = token_strings(doc)[1]
        if end < len(lower) and lower[end] == "in":
            m = next((m for m in mentions if m.start == end + 1), None)
            if m is not None and self.state_of(m.actor, ctx) is not None:
                return m
        return None

    # -- sectors, ethnic groups, collectives, names defined in the text --------------------

    def _sector_actor(self, code: str, kind: str, ctx: ArticleContext, *,
                      state: str | None = None, group: str | None = None,
                      written: str | None = None) -> str:
        """The actor of a sector of a country ("israel_police") or of a people
        ("kurdish_fighters"), or the countryless sector actor ("rebels"); made on first use."""
        sector = self.sectors.sectors[code]
        country = cameo_head = acts_for = None
        if state is not None:
            state_actor = self.actor(state, ctx)
            assert state_actor is not None
            demonyms = self.gazetteer._demonyms.get(state, ()) if state in self.gazetteer \
                else ()
            adjective = demonyms[0] if demonyms else state_actor.label
            actor_id, label = f"{state}_{slugify(kind)}", f"{adjective} {kind}"
            country, cameo_head = state_actor.country, state_actor.cameo or state_actor.country
            acts_for = state if sector.state else None
        elif group is not None:
            people = self.sectors.groups[group]
            actor_id = slugify(f"{people.adjective} {kind}")
            label, cameo_head = f"{people.adjective} {kind}", people.code
        else:
            # Named as written ("jihadist groups"), one actor per kind ("militants").
            actor_id, label = slugify(kind), written or kind
        if actor_id in ctx.actors:
            return actor_id
        known = self.gazetteer.actors.get(actor_id)
        if known is not None:
            # A force the gazetteer lists ("Israel Police"): its own name and ids, with the
            # sector and the CAMEO-style code that event data give it.
            if known.sector is None:
                ctx.actors[actor_id] = replace(
                    known, sector=code, cameo=known.cameo or f"{cameo_head or ''}{code}")
            return actor_id
        ctx.actors[actor_id] = Actor(
            actor_id, label, sector.type, country=country, acts_for=acts_for, sector=code,
            cameo=f"{cameo_head or ''}{code}", role=None,
        )
        return actor_id

    def _group_actor(self, group: str, ctx: ArticleContext) -> str:
        """The actor of a people as a whole ("the Kurds")."""
        people = self.sectors.groups[group]
        if group not in self.gazetteer.actors and group not in ctx.actors:
            label = people.names[0] if people.names else people.adjective
            ctx.actors[group] = Actor(group, label, ActorType.ORGANIZATION, sector="ETH",
                                      cameo=people.code)
        return group

    def _ethnic(self, doc: Doc, mentions: list[Mention],
                words: dict[str, list[tuple[int, int]]], ctx: ArticleContext) -> list[Mention]:
        """"the Kurds", "ethnic Albanians": a people, not a state. A state's demonym after an
        ethnic marker names the people of that origin, who act for no state."""
        names = words.get("ETHNIC_NAME", [])
        markers = self.sectors.ethnic_markers
        lower = token_strings(doc)[1]
        texts = token_strings(doc)[0]
        for a, b in zip(mentions, mentions[1:], strict=False):
            # Both found (at a sentence start): "Turkish Cypriots criticized ...".
            if a.end == b.start and b.kind == "demonym" and a.kind in {"demonym", "name"} \
                    and a.actor != b.actor and texts[b.end - 1].endswith("s") \
                    and not a.possessive:
                self._compounds.append((a, b.end))
                mentions = [m for m in mentions if m is not b]
        for first, end in self._compounds:
            if first not in mentions:
                continue
            state = self.state_of(first.actor, ctx)
            state_actor = self.actor(state, ctx) if state else None
            text = doc[first.start:end].text
            actor_id = slugify(text)
            if actor_id not in ctx.actors and actor_id not in self.gazetteer.actors:
                ctx.actors[actor_id] = Actor(
                    actor_id, text, ActorType.ORGANIZATION, sector="ETH",
                    country=state_actor.country if state_actor else None)
            index = mentions.index(first)
            mentions = mentions[:index] + [Mention(first.start, end, actor_id, "ethnic",
                                                   possessive=_is_possessive(doc, end))] \
                + mentions[index + 1:]
        if not names and markers.isdisjoint(lower):
            return mentions
        taken = {i for m in mentions for i in range(m.start, m.end)}
        out = list(mentions)
        for start, end in names:
            if start in taken:
                continue
            group = self.sectors.group_names[tuple(lower[start:end])]
            out.append(Mention(start, end, self._group_actor(group, ctx), "ethnic",
                               possessive=_is_possessive(doc, end)))
        for i, m in enumerate(out):
            if m.kind != "demonym" or m.start == 0 or lower[m.start - 1] not in markers:
                continue
            text = doc[m.start:m.end].text
            actor_id = slugify(f"ethnic {text}")
            if actor_id not in ctx.actors and actor_id not in self.gazetteer.actors:
                ctx.actors[actor_id] = Actor(actor_id, f"ethnic {text}", ActorType.ORGANIZATION,
                                             sector="ETH")
            out[i] = Mention(m.start - 1, m.end, actor_id, "ethnic", possessive=m.possessive)
        return sorted(out, key=lambda m: m.start)

    def _sector_mentions(self, doc: Doc, mentions: list[Mention],
                         words: dict[str, list[tuple[int, int]]],
                         ctx: ArticleContext) -> list[Mention]:
        """"the Israeli police", "Pakistan's army", "Syrian rebels", "Kurdish fighters",
        "rebels in Libya", bare "rebels" and "the army" (of the state in context)."""
        spans = words.get("SECTOR")
        if not spans:
            return mentions
        lower = token_strings(doc)[1]
        adjectives = {e: s for s, e in words.get("ETHNIC_ADJ", ())}
        for start, end in spans:
            if any(m.start <= start < m.end for m in mentions):
                continue
            if end < len(lower) and lower[end] == "-" and not token_info(doc).spaces[end - 1]:
                continue  # "rebel-held", "insurgent-led": a modifier, not the actor
            code, kind = self.sectors.nouns[tuple(lower[start:end])]
            sector = self.sectors.sectors[code]
            owner = self._owner_before(doc, mentions, start)
            first, last = start, end
            group = state = None
            leaning = None  # "pro-Russian separatists": a stance towards it, not its sector
            if owner is not None and owner.start >= 2 and lower[owner.start - 1] == "-" \
                    and lower[owner.start - 2] in self.sectors.stance_prefixes:
                leaning, owner = doc[owner.start - 2:end].text, None
            if owner is None and start in adjectives:
                group = self.sectors.group_adjectives[tuple(lower[adjectives[start]:start])]
                first = adjectives[start]
            if start >= 3 and lower[start - 2] == "-" \
                    and lower[start - 1] in self.sectors.sponsor_words:
                # "Iranian-backed militias", "Saudi-led forces": a patron's clients, not the
                # patron's own sector; they act for nobody and have no country named.
                actor_id = self._sector_actor(code, kind, ctx,
                                              written=doc[start - 3:end].text)
                mentions.append(Mention(start, end, actor_id, "sector",
                                        possessive=_is_possessive(doc, end)))
                mentions.sort(key=lambda m: m.start)
                continue
            if owner is None and group is None and start >= 3 \
                    and lower[start - 1] in _GENITIVE \
                    and (tuple(lower[start - 3:start - 1]) in self.lexicon.references
                         and self.lexicon.references[tuple(lower[start - 3:start - 1])]
                         == "state"):
                # "the country's military": the state the article is about at that point.
                state = self._latest_state(mentions, start, ctx)
                if state is not None:
                    first = start - 3
            if owner is None and group is None and state is None \
                    and kind not in self.sectors.foreign_kinds:
                owner = self._owner_after(doc, mentions, end) \
                    or self._seat_after(doc, mentions, end, ctx)
            if owner is not None:
                state = self.state_of(owner.actor, ctx)
                if state is None:
                    continue  # "NATO forces", "the company's workers": not a country's sector
                first, last = min(first, owner.start), max(last, owner.end)
            elif group is None and state is None:
                if sector.state:
                    state = self._context_state_for(doc, start, mentions, ctx)
                    if state is None:
                        continue
                elif not (leaning or kind in sector.bare
                          and self._bare_sector(lower, start, end)):
                    continue
                elif not leaning and start and lower[start - 1] == "the":
                    named = self._named_of_type(sector.type, mentions, start, ctx)
                    if named is not None:
                        # "the M23 rebels seized Goma ... supplied the rebels": the group
                        # the article named, not rebels in general.
                        mentions.append(Mention(start - 1, end, named, "reference",
                                                possessive=_is_possessive(doc, end)))
                        mentions.sort(key=lambda m: m.start)
                        continue
            written = (leaning or doc[start:end].text.lower()) \
                if state is None and group is None else None
            actor_id = self._sector_actor(code, leaning or kind, ctx, state=state,
                                          group=group, written=written)
            mentions = [m for m in mentions if m is not owner]
            mentions.append(Mention(first, last, actor_id, "sector", military=code == "MIL",
                                    possessive=_is_possessive(doc, last)))
            mentions.sort(key=lambda m: m.start)
        return mentions

    def _named_of_type(self, kind: ActorType, mentions: list[Mention], start: int,
                       ctx: ArticleContext) -> str | None:
        """The actor of type ``kind`` with a name of its own (not a sector actor) that the
        article named last before token ``start``, if it named one."""
        earlier = [m.actor for m in mentions if m.end <= start and m.kind != "context"]
        for actor_id in reversed(ctx.history[-12:] + earlier):
            actor = self.actor(actor_id, ctx)
            if actor is not None and actor.type is kind and actor.sector is None:
                return actor_id
        return None

    def _bare_sector(self, lower: list[str], start: int, end: int) -> bool:
        """Whether a sector noun with no country names the sector ("rebels said", "the
        opposition"), not a quality ("their opposition to the war")."""
        before = lower[start - 1] if start else ""
        after = lower[end] if end < len(lower) else ""
        return before not in self._owners_words and after not in {"to", "'s", "’s"}

    @property
    def _owners_words(self) -> frozenset[str]:
        return self.lexicon.grammar.conjunct_determiners - {"the"} | {"our", "your", "my"}

    def _context_state_for(self, doc: Doc, start: int, mentions: list[Mention],
                           ctx: ArticleContext) -> str | None:
        """The state of "its army", "their police": the state named last before (in the
        sentence, else in the article so far)."""
        lower = token_strings(doc)[1]
        while start > 1 and lower[start - 1] in self.lexicon.organ_qualifiers:
            start -= 1
        if start == 0 or lower[start - 1] not in self._context_determiners - {"the"}:
            return None
        return self._latest_state(mentions, start, ctx)

    def _latest_state(self, mentions: list[Mention], start: int,
                      ctx: ArticleContext) -> str | None:
        """The state named last before token ``start`` (in the doc, else the article)."""
        earlier = [m.actor for m in mentions if m.end <= start and m.kind != "context"]
        for actor_id in reversed(ctx.history[-12:] + earlier):
            state = self.home_state(actor_id, ctx)
            if state is not None:
                return state
        return None

    def home_state(self, actor_id: str, ctx: ArticleContext) -> str | None:
        """The state an actor is, acts for, or (a non-state sector: "Sudanese protesters")
        belongs to."""
        state = self.state_of(actor_id, ctx)
        if state is not None:
            return state
        actor = self.actor(actor_id, ctx)
        if actor is None or actor.sector is None or not actor.country:
            return None
        home = self.gazetteer.by_iso3(actor.country)
        return home.id if home is not None else None

    def _sentence_subject_state(self, doc: Doc, mentions: list[Mention], start: int,
                                ctx: ArticleContext) -> str | None:
        """The state of the sentence's subject before ``start``: its first actor that is not
        a complement (after a preposition) nor a possessor; what "its" and "their" refer to."""
        lower = token_strings(doc)[1]
        first = doc[start].sent.start
        prepositions = self._prepositions
        for m in mentions:
            if m.start < first or m.end > start:
                continue
            if m.possessive or (m.start > first and lower[m.start - 1] in prepositions) \
                    or (m.start > first + 1 and lower[m.start - 1] in self._skip_determiners
                        and lower[m.start - 2] in prepositions):
                continue
            return self.state_of(m.actor, ctx)
        return None

    def _collective(self, doc: Doc, mentions: list[Mention],
                    words: dict[str, list[tuple[int, int]]], ctx: ArticleContext) -> list[Mention]:
        """"Western countries", "Gulf states" name a grouping; "EU leaders", "NATO members",
        "the Security Council's permanent members" are the organisation itself."""
        for start, end in words.get("COLLECTIVE", ()):
            inside = [m for m in mentions if start <= m.start and m.end <= end]
            if any(m.start < start < m.end or m.start < end < m.end for m in mentions):
                continue
            info = token_info(doc)
            if start > 0 and info.title[start - 1] and not info.sent_start[start - 1]:
                continue  # "East African countries": part of another description
            if end < len(info.texts) and info.title[end] and info.alpha[end] \
                    and info.lower[end].endswith(("an", "ern")):
                continue  # "West African leaders": a region's adjective
            lower = info.lower
            if end - start == 1 and (start == 0 or lower[start - 1] != "the"
                                     or not info.title[start]
                                     or (end < len(lower) and info.title[end])):
                continue  # "the West" only: not "west of", "the West Bank", "West Africa"
            actor_id = self._collective_names[tuple(lower[start:end])]
            first = start
            while first > 0 and (lower[first - 1] in self._counts or lower[first - 1] == "the"):
                first -= 1
            if any(w in self._counts for w in lower[first:start]) \
                    and not any(first <= m.start < start for m in mentions):
                # "four Arab states", "the three Western powers": the ones the article listed
                # (a number says how many), not the grouping.
                self._collective_refs[(first, end)] = None
                mentions = [m for m in mentions if m not in inside]
                continue
            mentions = [m for m in mentions if m not in inside]
            mentions.append(Mention(start, end, actor_id, "collective",
                                    possessive=_is_possessive(doc, end)))
            mentions.sort(key=lambda m: m.start)
        members = words.get("MEMBERS")
        if not members:
            return mentions
        texts = token_strings(doc)[0]
        by_start = {s: e for s, e in members}
        for m in mentions:
            actor = self.actor(m.actor, ctx)
            if actor is None or actor.type not in _ORGANIZATIONS:
                continue
            at = m.end + 1 if m.possessive else m.end
            if m.possessive and at < len(texts) and texts[at - 1] not in _GENITIVE:
                continue
            if at in by_start and not any(o.start == at for o in mentions):
                m.end = by_start[at]
                m.possessive = _is_possessive(doc, m.end)
        return mentions

    def _abbreviations(self, doc: Doc, mentions: list[Mention],
                       ctx: ArticleContext) -> list[Mention]:
        """"the China Coast Guard (CCG)", "the CCG, the China Coast Guard": an abbreviation the
        text defines names the same actor for the rest of the article. An unknown name so
        defined becomes an actor of its own (an organisation, or a body of the state it
        opens with)."""
        texts = token_strings(doc)[0]
        n = len(texts)
        info = token_info(doc)
        parens = "(" in texts
        if not parens and not ("," in texts and "the" in info.lower):
            return mentions
        defined = len(ctx.aliases)
        skip: set[int] = set()
        for i, text in enumerate(texts):
            if text == "(":
                close = next((j for j in range(i + 2, min(n, i + 6)) if texts[j] == ")"), None)
                if close is None:
                    continue
                abbr = tuple(texts[i + 1:close])
                if not _is_abbreviation("".join(abbr)):
                    continue
                owner = next((m for m in mentions if m.end == i), None)
                if owner is None:
                    owner = self._defined_actor(doc, mentions, i, "".join(abbr), ctx)
                    if owner is None:
                        continue
                    mentions = sorted(
                        [m for m in mentions if not (owner.start <= m.start < owner.end)]
                        + [owner], key=lambda m: m.start)
                mentions = [m for m in mentions if not (i < m.start < close)]
                self._define(ctx, abbr, owner.actor)
                skip.update(range(i, close + 1))
            elif text == "," and i > 0 and i + 2 < n and info.lower[i + 1] == "the":
                # "ABBR, the Full Name, ...": the name follows the abbreviation.
                if not _is_abbreviation(texts[i - 1]) or \
                        any(m.start <= i - 1 < m.end for m in mentions):
                    continue
                full = next((m for m in mentions if m.start == i + 2), None)
                if full is None:
                    continue
                self._define(ctx, (texts[i - 1],), full.actor)
                mentions = sorted(mentions + [Mention(i - 1, i, full.actor, "alias")],
                                  key=lambda m: m.start)
        if len(ctx.aliases) != defined or skip:
            # The rest of this paragraph may use the names just defined.
            mentions = self._defined_names(doc, mentions, ctx, skip)
        return mentions

    def _define(self, ctx: ArticleContext, abbr: tuple[str, ...], actor_id: str) -> None:
        slot = ctx.aliases.setdefault(abbr[0], [])
        if (abbr, actor_id) not in slot:
            slot.append((abbr, actor_id))

    def _defined_actor(self, doc: Doc, mentions: list[Mention], paren: int, abbr: str,
                       ctx: ArticleContext) -> Mention | None:
        """A new actor for the capitalised name just before "(ABBR)", if the abbreviation
        could be made from it ("Sudan People's Liberation Movement (SPLM)")."""
        info = token_info(doc)
        start = paren
        links = {"of", "for", "and", "the", "'s", "’s", "-", "&", "de", "al"}
        while start > 0 and (info.texts[start - 1][:1].isupper() or (
                info.lower[start - 1] in links and start - 1 > 0
                and info.texts[start - 2][:1].isupper())):
            start -= 1
            if paren - start > 10:
                return None
        while start < paren and (not info.texts[start][:1].isupper()
                                 or info.lower[start] in self._skip_determiners):
            start += 1
        capitals = [t for t in info.texts[start:paren] if t[:1].isupper()]
        if len(capitals) < 2 or info.sent_start[start] and paren - start < 2:
            return None
        initials = "".join(t[0] for t in capitals).upper()
        letters = "".join(ch for ch in abbr.upper() if ch.isalpha())
        if not letters or not _initials_fit(letters, initials):
            return None
        name = "".join(t.text_with_ws for t in doc[start:paren]).strip()
        known = self.gazetteer.resolve(name, on=ctx.published)
        if known is not None:
            return Mention(start, paren, known.id, "name")
        actor_id = slugify(name)
        if actor_id not in ctx.actors and actor_id not in self.gazetteer.actors:
            head = next((m for m in mentions if m.start == start), None)
            state = self.state_of(head.actor, ctx) if head is not None else None
            kind = self.sectors_types(name)
            if state is not None and kind is ActorType.ORGANIZATION:
                kind = ActorType.GOVERNMENT_BODY
            state_actor = self.actor(state, ctx) if state else None
            ctx.actors[actor_id] = Actor(
                actor_id, name, kind, aliases=(abbr,),
                acts_for=state if kind is ActorType.GOVERNMENT_BODY else None,
                country=state_actor.country if state_actor else None)
        return Mention(start, paren, actor_id, "name")

    def sectors_types(self, name: str) -> ActorType:
        """The type a defined name's head words give it ("... Front" an armed group)."""
        words = name.lower().replace("-", " ").split()
        for word in reversed(words):
            kind = self.sectors.name_heads.get(word)
            if kind is not None:
                return kind
        return ActorType.ORGANIZATION

    def _defined_names(self, doc: Doc, mentions: list[Mention], ctx: ArticleContext,
                       skip: set[int] | None = None) -> list[Mention]:
        """Later uses of the abbreviations the article defined."""
        if not ctx.aliases:
            return mentions
        texts = token_strings(doc)[0]
        taken = {i for m in mentions for i in range(m.start, m.end)} | (skip or set())
        found = []
        for i, text in enumerate(texts):
            slots = ctx.aliases.get(text)
            if not slots or i in taken:
                continue
            for abbr, actor_id in slots:
                if tuple(texts[i:i + len(abbr)]) == abbr:
                    found.append(Mention(i, i + len(abbr), actor_id, "alias",
                                         possessive=_is_possessive(doc, i + len(abbr))))
                    break
        if not found:
            return mentions
        return sorted(mentions + found, key=lambda m: m.start)

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
                if owner is None and label in {"STATE_ORGAN", "BODY"} and not (
                        label == "BODY" and self._abroad(doc, start, end)):
                    # "the government in Havana", "the Foreign Ministry in Athens"; not
                    # "the embassy in Minsk", whose owner is another state
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

    def _abroad(self, doc: Doc, start: int, end: int) -> bool:
        """Whether the body at ``start:end`` is one a state keeps abroad (an embassy)."""
        found = self.lexicon.organ_bodies.get(tuple(token_strings(doc)[1][start:end]))
        return found is not None and found[0] in self.lexicon.organ_abroad

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
            if person_mention is None and title.honorific and end < len(doc) \
                    and doc[end].text in ctx.short_names \
                    and (end + 1 >= len(doc) or not _name_word(doc[end + 1].text)):
                # "Mr. Rhee" after "Syngman Rhee": the person named before.
                mentions = sorted(mentions + [Mention(
                    start, end + 1, ctx.short_names[doc[end].text], "short",
                    possessive=_is_possessive(doc, end + 1))], key=lambda m: m.start)
                continue
            if person_mention is not None and title.honorific:
                # "Mr Chirac": the honorific joins the name it stands before, nothing more.
                if (actor := self.actor(person_mention.actor, ctx)) is not None \
                        and actor.type is _PERSON:
                    person_mention.start = start
                continue
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
                if name_end == end and not appositive and not title.honorific:
                    # "Libya's defence minister warned", "a spokesman for the government
                    # said": an unnamed office holder speaks for the actor that owns it.
                    unnamed = self._unnamed_office(doc, mentions, start, end, ctx)
                    if unnamed is not None:
                        mentions = sorted(
                            [m for m in mentions
                             if not (unnamed.start <= m.start < unnamed.end)] + [unnamed],
                            key=lambda m: m.start)
                    continue
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
            if target is None and not title.honorific and person_id not in \
                    self.gazetteer.actors and start > 0 \
                    and token_strings(doc)[1][start - 1] in {"its", "their"}:
                # "its foreign minister X": the state named last before, not the first.
                target = self._context_state_for(doc, start, mentions, ctx)
            if target is None and title.relation == "leads" and not title.honorific \
                    and person_id not in self.gazetteer.actors and not headline:
                # "President X" with no country named: the state named before it in its
                # sentence, else the state the article was last about, not its first state.
                target = self._nearest_state(doc, mentions, start, ctx) \
                    or ctx.topic or self._first_state(ctx)
            if person_id not in self.gazetteer.actors and person_id not in ctx.actors:
                target_actor = self.actor(target, ctx) if target else None
                state = self.state_of(target, ctx) if target else None
                state_actor = self.actor(state, ctx) if state else None
                ctx.actors[person_id] = Actor(
                    person_id, person_name, _PERSON, role=(
                        None if title.honorific
                        else f"{doc[start - portfolio:start].text.lower()} {title.title}"
                        if portfolio else title.title),
                    acts_for=target_actor.id if target_actor else None,
                    country=state_actor.country if state_actor else None,
                )
            if target is not None and not title.honorific:
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
            if name_end - end >= 2 and _short_name(doc[name_end - 1].text):
                ctx.short_names.setdefault(doc[name_end - 1].text, person_id)
        return mentions

    def _short_names(self, doc: Doc, mentions: list[Mention], ctx: ArticleContext) -> list[Mention]:
        texts = token_strings(doc)[0]
        for m in mentions:
            if m.end - m.start < 2 or m.kind == "title":
                continue
            actor = self.actor(m.actor, ctx)
            if actor is not None and actor.type is _PERSON and _short_name(texts[m.end - 1]):
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
        pending = [(s, e) for s, e in refs if not any(i in taken for i in range(s, e))]
        pending += [span for span in self._collective_refs
                    if span[0] not in taken and span not in pending]
        groups = self._group_nouns(doc, words, taken, pending)
        pending += groups
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
            category = self.lexicon.references.get(phrase, "group")
            if category == "group":
                members = self._group_antecedent(
                    phrase, ctx, _local_groups(out, doc[start].sent.start))
                fallback = self._collective_refs.get((start, end))
                if not members and fallback is not None:
                    members = (fallback,)
                if not members:
                    members = self._recent_pair(doc, phrase, out, start, ctx)
                out.extend(Mention(start, end, actor_id, "reference",
                                   possessive=_is_possessive(doc, end))
                           for actor_id in members)
                continue
            if category == "person" and end < len(doc) and doc[end].lower_ == "of":
                continue  # "the president of the council": an office of what follows
            if category == "state":
                actor_id = self.state_description(doc, out, start, ctx)
            elif category == "body":
                actor_id = self._body_in_focus(phrase[-1],
                                               self._focus_state(doc, out, start, ctx), ctx)
            else:
                actor_id = self._continued_subject(doc, out, start, category, phrase, ctx) \
                    or self._clause_subject(doc, out, start, category, phrase[-1], ctx) \
                    or self._antecedent(category, phrase[-1], ctx,
                                        self._object_of(doc, out, start, category, ctx))
            if actor_id is None:
                continue
            mention = Mention(start, end, actor_id, "reference",
                              possessive=_is_possessive(doc, end))
            out.append(mention)
        return out

    # -- descriptions: "the kingdom", "the East African countries", "the junta" ------------

    def _descriptions(self, doc: Doc, mentions: list[Mention],
                      words: dict[str, list[tuple[int, int]]],
                      ctx: ArticleContext) -> list[Mention]:
        """Descriptions of actors the article named: "the Gulf state" (a state), "the East
        African countries" (the states listed last, resolved with the plural references),
        "the junta", "the coup" (the military of the state in focus). A description whose
        actor cannot be found is dropped."""
        spans = [(s, e, label) for label in ("DESC_STATE", "DESC_GROUP", "DESC_MIL")
                 for s, e in words.get(label, ())]
        if not spans:
            return mentions
        info = token_info(doc)
        lower = info.lower
        refs = self.descriptions
        _group(doc, mentions, self.lexicon)  # the subject's conjuncts are the subject too
        for start, end, label in sorted(spans):
            first = self._description_start(info, start, label)
            if first is None:
                continue
            if any(m.start < end and first < m.end and not (
                    m.kind == "collective" and first < m.start and m.end <= start
                    and info.lower[m.start] == info.texts[m.start]) for m in mentions):
                continue  # a name inside ("the Iranian nation") or around it
            after = lower[end] if end < len(lower) else ""
            if label == "DESC_GROUP":
                if (first, end) not in self._collective_refs:
                    self._collective_refs[(first, end)] = None
                continue
            if label == "DESC_STATE":
                qualifiers = lower[first + 1:start]
                named_after = after == "of" and end + 1 < len(lower) and (
                    info.title[end + 1] or lower[end + 1] == "the")  # "the country of Peru"
                if after in refs.not_after or named_after or (
                        not qualifiers and lower[start] in refs.needs_qualifier):
                    continue
                if (tuple(lower[first:end]) in self.lexicon.references):
                    continue  # "the country": a reference the cues list, resolved there
                actor_id = self.state_description(doc, mentions, first, ctx, qualifiers)
            else:
                if not self._stands_alone(info, end):
                    continue
                actor_id = self.military_in_focus(doc, mentions, first, ctx)
            if actor_id is None:
                continue
            mentions = [m for m in mentions if not (first <= m.start < end)]
            mentions.append(Mention(first, end, actor_id, "reference",
                                    military=label == "DESC_MIL",
                                    possessive=_is_possessive(doc, end)))
            mentions.sort(key=lambda m: m.start)
        return mentions

    def _description_start(self, info, start: int, label: str) -> int | None:
        """Where a description ending in the noun at ``start`` begins ("the", then up to
        three describing words), or None when it is not one."""
        lower, texts = info.lower, info.texts
        refs = self.descriptions
        if label == "DESC_MIL":
            first = start - 1
            if first >= 0 and lower[first] in refs.military_qualifiers:
                first -= 1
            return first if first >= 0 and lower[first] == "the" else None
        first = start - 1
        capitals = 0
        while first >= 0 and start - first <= 4 and lower[first] != "the":
            word = lower[first]
            if word in refs.not_qualifiers or not (info.alpha[first] or word == "-"
                                                   or "-" in word):
                return None
            if label == "DESC_GROUP" and word not in {"of", "-"} and not texts[first][0].isupper():
                return None  # "the two countries", "the neighbouring states": not these
            capitals += texts[first][:1].isupper()
            first -= 1
        if first < 0 or lower[first] != "the":
            return None
        if label == "DESC_GROUP" and not capitals:
            return None  # "the countries" alone may mean any countries
        return first

    def _stands_alone(self, info, end: int) -> bool:
        """Whether a military noun names the actor ("the army said", "the coup in X"), not
        a quality of what follows ("the military exercises")."""
        if end >= len(info.texts):
            return True
        word = info.lower[end]
        if not info.alpha[end] or word in self._prepositions or word in {
                "and", "or", "that", "which", "who", "has", "have", "had", "is", "was",
                "will", "would", "could", "may", "might", "must", "should", "also", "on"}:
            return word != "-"
        return word in self.lexicon.speech_verbs or word.endswith("ed")

    def _subject_before(self, doc: Doc, mentions: list[Mention], start: int,
                        first: int | None = None) -> Mention | None:
        """The subject of the sentence around ``start`` (which begins at ``first``), if
        named before ``start``: its first mention that is neither a complement (after a
        preposition) nor a possessor."""
        lower = token_strings(doc)[1]
        if first is None:
            first = doc[start].sent.start
        prepositions, skip = self._prepositions, self._skip_determiners
        texts = token_strings(doc)[0]
        for m in mentions:
            if m.start < first or m.end > start or m.kind == "context":
                continue
            if m.possessive or (m.start > first and lower[m.start - 1] in prepositions) \
                    or (m.start > first + 1 and lower[m.start - 1] in skip
                        and lower[m.start - 2] in prepositions):
                continue
            if m.start == first and m.end < len(texts) and (
                    texts[m.end] in _DATELINE_MARKS
                    or (texts[m.end] == "," and texts[m.start].isupper()
                        and len(texts[m.start]) > 3)):
                continue  # "MOSCOW:", "Addis Ababa —": a dateline, not the subject
            return m
        return None

    def state_description(self, doc: Doc, mentions: list[Mention], start: int,
                          ctx: ArticleContext, qualifiers: list[str] = ()) -> str | None:
        """The state "the country" or "the Gulf state" at ``start`` names: the state named
        last that is not the sentence's subject (that fits the describing words); when the
        description is the subject itself, the state the article is about."""
        allowed: frozenset[str] | None = None
        for word in qualifiers:
            codes = self.descriptions.qualifier_states.get(word)
            if codes is not None:
                allowed = codes if allowed is None else allowed & codes
        lower = token_strings(doc)[1]
        head = next((lower[i] for i in range(start + 1, min(start + 6, len(lower)))
                     if (lower[i],) in self.descriptions.state_heads), "")
        forms = self.descriptions.state_forms.get(head)

        def fits(state: str | None) -> bool:
            if state is None:
                return False
            actor = self.actor(state, ctx)
            if actor is None:
                return False
            if allowed is not None and actor.country not in allowed:
                return False
            if forms is not None:
                # "the kingdom": a state whose names say it is one ("Kingdom of ...").
                names = " ".join((actor.label, *actor.aliases)).lower().split()
                return any(form in names for form in forms)
            return True

        subject = self._subject_before(doc, mentions, start)
        earlier = [m.actor for m in mentions if m.end <= start and m.kind != "context"]
        if subject is None and self._opens_sentence(doc, start):
            focus = self._focus_state(doc, mentions, start, ctx)
            if fits(focus):
                return focus
        avoid = self.state_of(subject.actor, ctx) if subject is not None else None
        # "X, Y and Z cut ties with Qatar, accusing the emirate": none of the subjects.
        avoided = {avoid} | {self.state_of(m.actor, ctx) for m in mentions
                             if subject is not None and m.group == subject.group >= 0
                             and m.end <= start}
        recent = [self.state_of(a, ctx) for a in reversed(ctx.history[-12:] + earlier)]
        found = next((state for state in recent if state not in avoided and fits(state)),
                     None)
        if found is None and forms is not None and fits(avoid):
            return avoid  # "He warned of attacks on the kingdom": the speaker's own state
        return found

    def military_in_focus(self, doc: Doc, mentions: list[Mention], start: int,
                          ctx: ArticleContext) -> str | None:
        """The military "the army" or "the junta" names: the military the article named
        last. "the junta" and "the coup" name one that holds or seized power, so with none
        named they are the military of the state the article names most (not the sentence's
        subject): the country where it happened."""
        earlier = [m.actor for m in mentions if m.end <= start and m.kind != "context"]
        history = ctx.history[-200:] + earlier
        for actor_id in reversed(history[-60:]):
            if self._is_military(actor_id, ctx):
                return actor_id
        lower = token_strings(doc)[1]
        phrase = next((p for p in self.descriptions.seizing_refs
                       if tuple(lower[start + 1:start + 1 + len(p)]) == p
                       or tuple(lower[start + 2:start + 2 + len(p)]) == p), None)
        if phrase is None:
            return None
        subject = self._subject_before(doc, mentions, start)
        avoid = self.state_of(subject.actor, ctx) if subject is not None else None
        counts: dict[str, int] = {}
        for actor_id in history:
            actor = self.actor(actor_id, ctx)
            if actor is not None and actor.type is ActorType.STATE and actor_id != avoid:
                counts[actor_id] = counts.get(actor_id, 0) + 1
        if not counts:
            return None
        state = max(counts, key=lambda k: counts[k])
        return self._sector_actor("MIL", "military", ctx, state=state)

    def _is_military(self, actor_id: str, ctx: ArticleContext) -> bool:
        actor = self.actor(actor_id, ctx)
        if actor is None or actor.type is not ActorType.GOVERNMENT_BODY:
            return False
        if actor.sector is not None:
            return actor.sector == "MIL"
        names = " ".join((actor.label, *actor.aliases)).lower()
        return any(word in names for word in ("military", "army", "armed forces"))

    def _previous_subject(self, doc: Doc, out: list[Mention], start: int,
                          ctx: ArticleContext) -> str | None:
        """The subject of the sentence before the one at ``start`` (in this doc, else the
        last sentence of the doc before)."""
        info = token_info(doc)
        here = doc[start].sent.start
        if here == 0:
            return ctx.subject
        before = here - 1
        while before > 0 and not info.sent_start[before]:
            before -= 1
        subject = self._subject_before(doc, out, here, before)
        if subject is None:
            return None
        # "X did this, and Y did that.": the subject of the sentence's last clause.
        lower = token_strings(doc)[1]
        for m in out:
            if subject.end <= m.start < here and m.start >= 2 and not m.possessive \
                    and (lower[m.start - 1] == ";" or (
                        lower[m.start - 2] == "," and lower[m.start - 1] in {"and", "but"})):
                subject = m
        return subject.actor

    def _focus_state(self, doc: Doc, out: list[Mention], start: int,
                     ctx: ArticleContext) -> str | None:
        """The state the text is about at ``start``: that of the previous sentence's
        subject, else the article's topic."""
        previous = self._previous_subject(doc, out, start, ctx)
        state = self.state_of(previous, ctx) if previous is not None else None
        return state or ctx.topic

    def _opens_sentence(self, doc: Doc, start: int) -> bool:
        """Whether only quotes, a conjunction or an adverb and comma stand before ``start``
        in its sentence ("It said", "But it said", '"It is')."""
        info = token_info(doc)
        first = doc[start].sent.start
        openers = self.descriptions.sentence_openers
        return all(not info.alpha[i] or info.lower[i] in openers
                   for i in range(first, start))

    def _continued_subject(self, doc: Doc, out: list[Mention], start: int, category: str,
                           phrase: tuple[str, ...], ctx: ArticleContext) -> str | None:
        """A subject pronoun that opens a sentence ("It said", "But he warned") continues
        the subject of the sentence before, if that fits it; "they" only a plural actor (not
        a state, not a person)."""
        if phrase not in self.lexicon.grammar.clause_pronouns or \
                not self._opens_sentence(doc, start):
            return None
        actor_id = self._previous_subject(doc, out, start, ctx)
        if actor_id is None or not self._fits(category, phrase[-1], actor_id, ctx):
            return None
        if phrase[-1] == "they":
            actor = self.actor(actor_id, ctx)
            if actor is None or actor.type in {ActorType.STATE, _PERSON}:
                return None
        return actor_id

    def _body_in_focus(self, head: str, focus: str | None,
                       ctx: ArticleContext) -> str | None:
        """"the ministry": the latest body the article named that acts for the state in
        focus, else the latest body; with none named, the state in focus itself."""
        fallback = None
        for actor_id in reversed(ctx.history[-12:]):
            actor = self.actor(actor_id, ctx)
            if actor is None or actor.type is not ActorType.GOVERNMENT_BODY:
                continue
            if focus is None or self.state_of(actor_id, ctx) == focus:
                return actor_id
            fallback = fallback or actor_id
        return fallback or focus

    def _group_nouns(self, doc: Doc, words: dict[str, list[tuple[int, int]]], taken: set[int],
                     refs: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """"the allies", "both parties", "the two longtime adversaries", "the three
        nuclear-powered countries": plural references to the actors listed last."""
        spans = words.get("GROUP_NOUN")
        if not spans:
            return []
        lower = token_strings(doc)[1]
        counts = self._counts
        busy = taken | {i for s, e in refs for i in range(s, e)}
        out = []
        for start, end in spans:
            if start in busy or start == 0:
                continue
            first = None
            if lower[start - 1] == "both" or (
                    lower[start - 1] == "the"
                    and tuple(lower[start:end]) in self.collectives.bare_group_nouns):
                first = start - 1
            else:
                gap = 0
                for k in range(start - 1, max(-1, start - 3 - 3 * self.collectives.group_gap),
                               -1):
                    if lower[k] in counts:
                        if lower[k] == "both":
                            first = k
                        elif k > 0 and lower[k - 1] == "the":
                            first = k - 1
                        break
                    # Adjectives between ("longtime", "nuclear-armed", "South American").
                    if lower[k] != "-":
                        gap += 1
                    if gap > self.collectives.group_gap or k in busy \
                            or not (doc[k].is_alpha or lower[k] == "-"):
                        break
            if first is not None and not any(i in busy for i in range(first, start)):
                out.append((first, end))
        return out

    def _group_antecedent(self, phrase: tuple[str, ...], ctx: ArticleContext,
                          local: list[tuple[str, ...]] = ()) -> tuple[str, ...]:
        """The actors of the latest group that fits "both sides", "the three countries"."""
        counts = self._counts
        size = next((counts[w] for w in phrase if w in counts), None)
        for members in reversed(ctx.groups[-6:] + list(local)):
            if size is None or len(members) == size:
                if phrase[-1] in self._state_nouns:
                    # "both countries" after "X's president and Y's president": their states
                    states = tuple(dict.fromkeys(self.state_of(a, ctx) or a for a in members))
                    if len(states) == len(members):
                        return states
                return members
        return ()

    def _recent_pair(self, doc: Doc, phrase: tuple[str, ...], out: list[Mention],
                     start: int, ctx: ArticleContext) -> tuple[str, ...]:
        """"the two nations", "both leaders" when no list of two was written: the two
        distinct states (persons for "leaders", "presidents") named last, within the last
        few mentions."""
        if self._counts.get(phrase[0]) != 2 and not (
                len(phrase) > 1 and self._counts.get(phrase[1]) == 2):
            return ()
        head = phrase[-1]
        # "the two leaders" are persons; "the two nations", "both sides", "the two longtime
        # adversaries" the states (or what acts for them) named last.
        kind = _PERSON if head in self.descriptions.person_group_heads else ActorType.STATE
        earlier = [m.actor for m in out if m.end <= start and m.kind != "reference"]
        # "Argentina criticized the two countries": not the subject of the sentence.
        subject = self._subject_before(doc, out, start)
        avoid = None if subject is None else subject.actor if kind is _PERSON \
            else self.state_of(subject.actor, ctx)
        found: list[str] = []
        for actor_id in reversed(ctx.history[-8:] + earlier[-8:]):
            actor_id = (self.state_of(actor_id, ctx) or "") if kind is ActorType.STATE \
                else actor_id
            actor = self.actor(actor_id, ctx) if actor_id else None
            if actor is not None and actor.type is kind and actor_id not in found \
                    and actor_id != avoid:
                found.append(actor_id)
                if len(found) == 2:
                    break
        if len(found) < 2:
            return ()
        # Two of a longer list written before ("Chile, Peru and Bolivia ... the two
        # countries"): which two is unclear, so none.
        for members in ctx.groups[-3:] + _local_groups(out, doc[start].sent.start):
            states = {self.state_of(a, ctx) or a for a in members} \
                if kind is ActorType.STATE else set(members)
            if len(members) > 2 and set(found) <= states:
                return ()
        return tuple(reversed(found))

    def _antecedent(self, category: str, head: str, ctx: ArticleContext,
                    not_of: str | None = None) -> str | None:
        """The latest actor that fits the reference; not ``not_of`` or one acting for it
        (the subject of the clause whose object the reference is)."""
        if category == "organization":
            # "the alliance" is the latest organisation with "alliance" in a name, if any.
            named = self._antecedent("named_organization", head, ctx)
            if named is not None:
                return named
        for actor_id in reversed(ctx.history[-12:]):
            if not_of is not None and (actor_id == not_of or self.acts_for_state(
                    actor_id, self.state_of(not_of, ctx) or not_of, ctx)):
                continue
            if self._fits(category, head, actor_id, ctx):
                return actor_id
        return None

    def _object_of(self, doc: Doc, out: list[Mention], start: int, category: str,
                   ctx: ArticleContext) -> str | None:
        """For "it" / "them" in object position ("Chile urged it to ...", "called on it
        to"), the subject of its clause, which the pronoun cannot stand for."""
        if category != "thing" or start == 0:
            return None
        lower = token_strings(doc)[1]
        before = lower[start - 1]
        if not before.isalpha() or before in self.lexicon.grammar.clause_conjunctions \
                or before in self.lexicon.speech_verbs or before == "that" \
                or before in self.lexicon.grammar.subordinators:
            return None
        # Only the agent of what follows: "urged it to", "provided it with" ("wherever it
        # is", "what it said": a subject; "defend it": a place as often as an actor).
        after = lower[start + 1] if start + 1 < len(lower) else ""
        if after not in self.lexicon.grammar.complementisers | {"with"}:
            return None
        sentence = doc[start].sent.start
        prepositions = self._prepositions
        texts = token_strings(doc)[0]
        # The clause opens after the last comma that an actor follows ("As X battles ...,
        # Y has provided it with": Y's clause), else with the sentence.
        commas = [k for k in range(sentence, start) if texts[k] == ","]
        for first in [*reversed(commas), sentence]:
            for m in out:
                if m.start < first or m.possessive:
                    continue
                if m.end > start:
                    break
                if m.start > first and lower[m.start - 1] in prepositions:
                    continue
                return m.actor  # the clause's subject: its first actor not after a preposition
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
            # "it" is no group named by a plural noun ("activists", "Syrian rebels").
            plural = actor.sector is not None and actor.acts_for is None \
                and actor.label.lower().endswith("s")
            return actor.type is not _PERSON and not plural
        if category in {"organization", "named_organization"}:
            # "the council" is the latest council; "the bloc" any organisation.
            return actor.type in _ORGANIZATIONS and (
                (category == "organization" and head in self._generic_organization)
                or any(head in n.lower().split() for n in (actor.label, *actor.aliases)))
        return category == "body" and actor.type is ActorType.GOVERNMENT_BODY

    def _clause_subject(self, doc: Doc, out: list[Mention], start: int, category: str,
                        head: str, ctx: ArticleContext) -> str | None:
        """"X accused Y of ..., and it warned ...": a subject pronoun after "and" or "but" continues
        the sentence's subject (its first actor not after a preposition), not the latest
        actor named."""
        lower = token_strings(doc)[1]
        if head not in self._subject_pronouns or start == 0:
            return None
        before = lower[start - 1]
        if before == "that" and start > 1 and lower[start - 2] in self.lexicon.speech_verbs:
            before = lower[start - 2]  # "said that it would"
        if before not in self.lexicon.grammar.clause_conjunctions \
                and before not in self.lexicon.speech_verbs:
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
# What follows the place name of a dateline ("MOSCOW:", "Addis Ababa —").
_DATELINE_MARKS = {":", "—", "–", "-", "--"}


def _initial(text: str) -> bool:
    """A middle initial such as "S." in "Igor S. Ivanov"."""
    return len(text) == 2 and text[0].isupper() and text[1] == "."


def _short_name(text: str) -> bool:
    """Whether the last word of a name can name its person later: a capitalised word of two
    letters or more ("Moon Jae-in" ends in "in", which is no name)."""
    return len(text) > 1 and text[0].isupper() and text.isalpha()


def _name_word(text: str) -> bool:
    """A word that may be part of a name: capitalised, mixed case allowed ("ElBaradei",
    "McDonald"), but not an acronym ("NATO")."""
    return text[:1].isupper() and (len(text) == 1 or not text.isupper())




def _is_abbreviation(text: str) -> bool:
    """"CCG", "SPLM-N", "ECOWAS": two to eight capitals, digits or hyphens, mostly capitals."""
    letters = [ch for ch in text if ch.isalpha()]
    return (2 <= len(text) <= 10 and len(letters) >= 2 and text[:1].isupper()
            and sum(ch.isupper() for ch in letters) >= max(2, len(letters) - 1)
            and all(ch.isalnum() or ch in "-&." for ch in text))


def _initials_fit(letters: str, initials: str) -> bool:
    """Whether an abbreviation's letters are the name's initials in order, allowing some
    skipped small words ("SPLM" from "Sudan People's Liberation Movement")."""
    it = iter(initials)
    return letters[0] == initials[0] and all(ch in it for ch in letters)


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


def _local_groups(mentions: list[Mention], before: int) -> list[tuple[str, ...]]:
    """The coordinated groups of distinct actors among ``mentions`` ending before ``before``,
    in text order."""
    by_group: dict[int, list[str]] = {}
    for m in mentions:
        if m.end <= before and m.kind != "reference" and m.group >= 0:
            by_group.setdefault(m.group, []).append(m.actor)
    out = []
    for members in by_group.values():
        distinct = tuple(dict.fromkeys(members))
        if len(distinct) >= 2:
            out.append(distinct)
    return out


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
    comma_links: list[bool] = []  # per chain: whether its first link holds a comma
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
            if len(chains[-1]) == 2:
                comma_links[-1] = "," in between
        else:
            chains.append([m])
            links.append([])
            comma_links.append(False)
        previous = m
    group = 0
    tails = lexicon.list_tails
    for chain, conj, comma in zip(chains, links, comma_links, strict=True):
        end = chain[-1].end
        distinct = len({m.start for m in chain})
        if (conj and not conj[-1] and not any(
                tuple(lower[end:end + len(t)]) == t for t in tails)) \
                or (distinct == 2 and comma and conj[-1]):
            # (A list closed by "and other countries" is one: "X, Y, Z and others".) Two
            # actors joined by ", and" are two clauses ("Peru criticised Chile, and Bolivia
            # backed it"); a list of three may take the comma ("the UK, France, and Germany").
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

"""The extraction pipeline: article -> paragraphs -> sentences -> mentions -> stances -> graph.

The steps are named and run in this order for every paragraph of an article:

1. ``segment``  the spaCy pipeline (blank English + rule-based sentence splitter);
2. ``actors``   :class:`~graphkit.extract.actors.ActorFinder` (names, organs, titles, references);
3. ``stances``  :class:`~graphkit.extract.stances.StanceFinder` (triggers, roles, grammar);
4. ``score``    evidence with dates, spans and confidence, and the role facts of titles.

:func:`build_graph` runs it over many articles, in several processes with ``jobs > 1``.
"""

from __future__ import annotations

import itertools
import re
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from graphkit.cache import extractor_state, load_state
from graphkit.extract.actors import ActorFinder, ArticleContext
from graphkit.extract.dates import find_date
from graphkit.extract.events import EventMemory, EventReferences
from graphkit.extract.lexicon import Lexicon, load_lexicon
from graphkit.extract.nlp import (
    SENTENCE_COMPONENT,
    make_nlp,
    paragraphs,
    sentence_bounds,
    split_sentences,
    token_info,
)
from graphkit.extract.nominals import NominalFinder
from graphkit.extract.stances import StanceFinder
from graphkit.gazetteer import Gazetteer, load_gazetteer
from graphkit.graph import StanceGraph
from graphkit.ingest import Article
from graphkit.model import Actor, Evidence, Stance
from graphkit.ontology import Ontology, load_ontology
from graphkit.progress import Progress

__all__ = ["CHUNK_CHARS", "ArticleResult", "Extractor", "STEPS", "add_result", "batches",
           "bounded_parts", "build_graph", "extract_articles", "stance_record"]

STEPS = ("segment", "actors", "stances", "score")

#: The longest piece of text given to spaCy at once, in characters. Paragraphs longer than this
#: (a story on one line, a feed that drops line breaks) are cut at sentence starts, so that the
#: cost stays linear and nothing comes near spaCy's ``max_length``.
CHUNK_CHARS = 10_000
#: How far back from a cut the next sentence start is looked for, in characters.
_CUT_TAIL = 2_000

#: A sentence can date one clause apart from another only if it writes a number or "year".
_DATE_HINT = re.compile(r"\d| year")


def _version() -> str:
    from graphkit import __version__

    return f"graphkit/{__version__}"


@dataclass
class ArticleResult:
    """What one article gave: stances (role facts apart) and the actors they name."""

    article: str
    stances: list[Stance] = field(default_factory=list)
    roles: list[Stance] = field(default_factory=list)
    actors: dict[str, Actor] = field(default_factory=dict)
    #: Where the article was read (provenance; the identity is ``article``).
    source: str | None = None


class Extractor:
    """Reads stances out of articles.

    Parameters
    ----------
    gazetteer : Gazetteer, optional
        The actor dictionary (the built-in one by default).
    lexicon : Lexicon, optional
    ontology : Ontology, optional
    parser : str, optional
        An installed spaCy pipeline with a dependency parser, used for subject/object
        attachment where it gives an answer.

    Examples
    --------
    >>> from graphkit.ingest import Article
    >>> ex = Extractor()
    >>> result = ex.extract(Article(id="a1", text="Germany recognized Kosovo."))
    >>> [(s.subject, s.predicate) for s in result.stances]
    [('germany', 'recognizes')]
    """

    def __init__(self, gazetteer: Gazetteer | None = None, lexicon: Lexicon | None = None,
                 ontology: Ontology | None = None, parser: str | None = None) -> None:
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
        self.ontology = ontology or load_ontology()
        self.lexicon = lexicon or load_lexicon()
        self.nlp = make_nlp(parser)
        self._blank = parser is None and self.nlp.pipe_names == [SENTENCE_COMPONENT]
        self.actors = ActorFinder(self.gazetteer, self.lexicon, self.nlp.vocab)
        # References to earlier events ("condemned the attack"): placeholders the stance
        # finder attaches, resolved against the article's stances so far.
        self.events = EventReferences(self.lexicon, self.ontology, self.actors)
        self.stances = StanceFinder(self.events.stance_lexicon(self.lexicon), self.ontology,
                                    self.actors)
        self.nominals = NominalFinder(self.lexicon, self.ontology, self.actors)
        self.extractor = _version()

    def extract(self, article: Article) -> ArticleResult:
        """Run every step over one article."""
        ctx = ArticleContext(published=article.date)
        result = ArticleResult(article.id, source=article.source)
        text = article.text
        parts: list[tuple[int, str]] = paragraphs(text)
        title = (article.title or "").strip()
        # A title kept apart from the text (header line, front matter) is read as the
        # headline; its stances carry the title as sentence and no span in the text.
        from_title = bool(title) and not (parts and parts[0][1] == title)
        if from_title:
            parts = [(_TITLE_OFFSET, title[:CHUNK_CHARS]), *parts]
        parts = list(bounded_parts(parts))
        seen: dict[tuple[str, str, str, int], Stance] = {}
        used: set[str] = set()
        numbers = self.lexicon.grammar.numbers
        memory = EventMemory()
        if self._blank:
            # The blank pipeline is a tokenizer and the splitter: call them without the
            # generic pipe machinery, which costs more than the splitter on short paragraphs.
            docs = (split_sentences(self.nlp.make_doc(p)) for _, p in parts)
        else:
            docs = self.nlp.pipe(p for _, p in parts)
        for index, ((offset, _), doc) in enumerate(zip(parts, docs, strict=True)):
            headline = index == 0 and (from_title or _is_headline(doc))
            mentions = self.actors.find(doc, ctx, base_char=offset, headline=headline)
            dated: dict[int, tuple[int | None, int | None, str, Any]] = {}
            mentions = self.events.mark(doc, mentions)
            found_here = self.events.resolve(self.nominals.revise(
                doc, mentions, self.stances.find(doc, mentions, ctx, headline=headline), ctx,
                headline=headline), memory, ctx)
            for found in found_here:
                if self._own_side(found.subject, found.object, ctx):
                    continue
                if found.start not in dated and offset == _TITLE_OFFSET:
                    sentence = doc[found.start:found.end].text
                    dated[found.start] = (None, None, sentence,
                                          find_date(sentence, article.date, numbers=numbers)
                                          or article.date)
                if found.start not in dated:
                    # One sentence often gives several stances: its span and date once.
                    idx = token_info(doc).idx
                    start = offset + idx[found.start]
                    last = doc[found.end - 1]
                    end = offset + last.idx + len(last.text)
                    sentence = text[start:end]
                    dated[found.start] = (start, end, sentence,
                                          find_date(sentence, article.date, numbers=numbers)
                                          or article.date)
                start, end, sentence, when = dated[found.start]
                when = self._dated(sentence, found.trigger, article.date) or when
                evidence = self._evidence(article, sentence, start, end, when, found.trigger,
                                          found.speaker, found.confidence,
                                          cameo=found.cameo, goldstein=found.goldstein)
                key = (found.subject, found.predicate, found.object,
                       -1 if start is None else start)
                if key in seen and seen[key].confidence >= found.confidence:
                    continue
                seen[key] = self.ontology.stance(found.subject, found.predicate, found.object,
                                                 date=when, evidence=[evidence])
                used.update({found.subject, found.object})
                if found.speaker:
                    used.add(found.speaker)
        result.stances = self.stances.recast_hosted(list(seen.values()), ctx)
        result.roles = self._roles(article, ctx, used)
        for stance in result.stances + result.roles:
            for actor_id in (stance.subject, stance.object, stance.evidence[0].speaker):
                if actor_id:
                    actor = self.actors.actor(actor_id, ctx)
                    if actor is not None:
                        result.actors[actor_id] = actor
        for actor in list(result.actors.values()):
            # A body or person acts for someone who must be in the graph as well.
            parent = actor.acts_for
            while parent and parent not in result.actors:
                found_actor = self.actors.actor(parent, ctx)
                if found_actor is None:
                    break
                result.actors[parent] = found_actor
                parent = found_actor.acts_for
        return result

    def _own_side(self, subject: str, obj: str, ctx: ArticleContext) -> bool:
        """Whether one side acts for the other, directly or up a chain ("the Commission
        pressed the Union's members", "Peru recalled its ambassador"): no stance between
        two actors, but a misreading or a body's dealings with its own principal."""
        chain = self.actors.acts_for_chain
        return chain(subject, obj, ctx) or chain(obj, subject, ctx)

    def _dated(self, sentence: str, trigger: str, published: Any) -> Any:
        """The date written nearest the trigger, when the sentence writes more than one.

        Background clauses date their own events ("which invaded Kuwait in 1990").
        """
        # Only digits or "May of this year" can date a clause apart; most sentences skip.
        if not trigger or not _DATE_HINT.search(sentence):
            return None
        anchor = sentence.lower().find(trigger.lower())
        if anchor < 0:
            return None
        return find_date(sentence, published, anchor=anchor,
                         numbers=self.lexicon.grammar.numbers)

    def _evidence(self, article: Article, sentence: str, start: int | None, end: int | None,
                  when: Any,
                  trigger: str, speaker: str | None, confidence: float, *,
                  cameo: str | None = None, goldstein: float | None = None) -> Evidence:
        return Evidence(
            article=article.id, sentence=sentence, title=article.title, url=article.url,
            publisher=article.publisher, date=when, published=article.date, start=start,
            end=end, speaker=speaker, trigger=trigger, extractor=self.extractor,
            confidence=confidence, cameo=cameo, goldstein=goldstein,
        )

    def _roles(self, article: Article, ctx: ArticleContext, used: set[str]) -> list[Stance]:
        """Role stances for the titled persons that take part in the article's stances."""
        out: dict[tuple[str, str, str], Stance] = {}
        text = article.text
        for fact in ctx.roles:
            if fact.person not in used or fact.relation not in self.ontology:
                continue
            if fact.start_char < 0:
                start = end = None
                sentence = article.title or ""
            else:
                start, end = _sentence_around(text, fact.start_char)
                sentence = text[start:end]
            evidence = self._evidence(article, sentence, start, end, article.date,
                                      fact.trigger, None, 0.9)
            key = (fact.person, fact.relation, fact.target)
            if key not in out:
                out[key] = self.ontology.stance(*key, date=article.date, evidence=[evidence])
        return list(out.values())


# The offset given to a title read apart from the text: negative, so that role facts read
# from it are told apart from those of the text.
_TITLE_OFFSET = -1_000_000


def bounded_parts(parts: Iterable[tuple[int, str]], limit: int = CHUNK_CHARS
                  ) -> Iterator[tuple[int, str]]:
    """The ``(offset, text)`` paragraphs, those longer than ``limit`` cut into pieces.

    A long paragraph is cut at the last sentence start (found by the same tokenizer and
    splitter as extraction, run over the last ``_CUT_TAIL`` characters of the window only)
    before ``limit``; a sentence longer than that at a space; text without spaces every
    ``limit`` characters. Offsets stay those of the article text.

    Examples
    --------
    >>> text = "Chile thanked Peru. " * 3
    >>> [(o, t) for o, t in bounded_parts([(0, text.strip())], limit=45)]
    [(0, 'Chile thanked Peru. Chile thanked Peru.'), (40, 'Chile thanked Peru.')]
    """
    for offset, text in parts:
        if len(text) <= limit:
            yield offset, text
            continue
        pos, size = 0, len(text)
        while size - pos > limit:
            cut = _cut(text, pos, pos + limit)
            piece = text[pos:cut].rstrip()
            if piece:
                yield offset + pos, piece
            pos = cut
            while pos < size and text[pos].isspace():
                pos += 1
        if pos < size:
            yield offset + pos, text[pos:]


def _cut(text: str, start: int, end: int) -> int:
    """Where to end a piece of ``text[start:end]``: a sentence start, else a space."""
    nlp = make_nlp()
    for lo in (max(start, end - _CUT_TAIL), start):
        doc = split_sentences(nlp.make_doc(text[lo:end]))
        starts = [s for s, _ in sentence_bounds(doc) if s > 0]
        # The last sentence may run on past the window: end before it.
        if starts:
            cut = lo + doc[starts[-1]].idx
            if cut > start:
                return cut
        if lo == start:
            break
    space = max(text.rfind(" ", start + 1, end), text.rfind("\n", start + 1, end))
    return space if space > start else end


def _sentence_around(text: str, char: int) -> tuple[int, int]:
    """The line around ``char``; role evidence is the paragraph line of the title.

    On a line longer than :data:`CHUNK_CHARS` the search is bounded: the evidence is then
    the stretch between the full stops around ``char``.
    """
    lo = max(0, char - CHUNK_CHARS)
    hi = min(len(text), char + CHUNK_CHARS)
    start = text.rfind("\n", lo, char) + 1
    end = text.find("\n", char, hi)
    if end == -1 and hi == len(text):
        end = len(text)
    if (start == 0 and lo > 0) or end == -1:
        stop = text.rfind(". ", lo, char)
        start = stop + 2 if stop >= 0 else max(start, lo)
        stop = text.find(". ", char, hi)
        end = stop + 1 if stop >= 0 else (hi if end == -1 else end)
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _is_headline(doc) -> bool:
    """Title case: most words of four letters or more start with a capital."""
    info = token_info(doc)
    words = [t for t, alpha in zip(info.texts, info.alpha, strict=True) if alpha and len(t) >= 4]
    if len(words) < 3 or info.texts[-1] == ".":
        return False
    return sum(1 for t in words if t[0].isupper()) / len(words) >= 0.75


# --- many articles ---------------------------------------------------------------------------

_WORKER: Extractor | None = None

#: Below this many characters of input, ``jobs > 1`` runs in one process: starting workers
#: would cost more than it saves (about 2 s of extraction on one core).
PARALLEL_MIN_CHARS = 200_000
#: Articles and characters per task sent to a worker process.
_BATCH_ARTICLES = 32
_BATCH_CHARS = 200_000


def _init_worker(state: bytes) -> None:
    # The parent's extractor, pickled (see graphkit.cache): no worker rebuilds it.
    global _WORKER
    _WORKER = load_state(state)


def _work(article: Article) -> ArticleResult:
    assert _WORKER is not None
    return _WORKER.extract(article)


#: What a worker sends back for one article: its result, or why it failed, and its size.
_Outcome = tuple[ArticleResult | None, str | None, int]


def _extract_one(extractor: Extractor, article: Article, catch: bool) -> _Outcome:
    if not catch:
        return extractor.extract(article), None, len(article.text)
    try:
        return extractor.extract(article), None, len(article.text)
    except Exception as exc:  # noqa: BLE001  (skip_bad: any failure costs one article)
        where = article.source or article.id
        return None, f"skipped {where}: extraction failed: {type(exc).__name__}: {exc}", \
            len(article.text)


def _work_batch(batch: list[Article], catch: bool) -> list[_Outcome]:
    assert _WORKER is not None
    return [_extract_one(_WORKER, article, catch) for article in batch]


def batches(articles: Iterable[Article], size: int = _BATCH_ARTICLES,
            chars: int = _BATCH_CHARS) -> Iterator[list[Article]]:
    """Consecutive groups of articles, at most ``size`` articles or about ``chars`` chars."""
    batch: list[Article] = []
    held = 0
    for article in articles:
        batch.append(article)
        held += len(article.text)
        if len(batch) >= size or held >= chars:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


def _head(articles: Iterator[Article], chars: int) -> tuple[list[Article], bool]:
    """The first articles up to ``chars`` characters, and whether the input went on."""
    head: list[Article] = []
    held = 0
    for article in articles:
        head.append(article)
        held += len(article.text)
        if held >= chars:
            return head, True
    return head, False


def extract_articles(articles: Iterable[Article], *, jobs: int = 1, progress: bool = False,
                     gazetteer: Gazetteer | None = None, parser: str | None = None,
                     skip_bad: bool = False, warn: Callable[[str], None] | None = None,
                     parallel_min_chars: int = PARALLEL_MIN_CHARS,
                     ) -> Iterator[ArticleResult]:
    """Extract articles one by one, in input order, in ``jobs`` processes.

    The input is read as extraction goes: memory does not grow with the number of articles
    (worker processes get a bounded number of batches ahead of the results).

    Parameters
    ----------
    articles : iterable of Article
    jobs : int
        Worker processes; 1 runs in this process, and so does an input shorter than
        ``parallel_min_chars``, where starting workers would not pay off. On Linux the workers
        are forked from this process after it has loaded gazetteer and lexicon once.
    progress : bool
        Show a progress bar (rich, on standard error): articles, characters and their rate.
    gazetteer : Gazetteer, optional
    parser : str, optional
        Name of an installed spaCy pipeline with a dependency parser.
    skip_bad : bool
        An article whose extraction fails is reported through ``warn`` and skipped.
    warn : callable, optional
        Receives one message per skipped article (default: :func:`warnings.warn`).

    Yields
    ------
    ArticleResult
    """
    report = warn or _default_warn
    stream = iter(articles)
    if jobs > 1:
        head, more = _head(stream, parallel_min_chars)
        stream = itertools.chain(head, stream)
        if not more:
            jobs = 1
    if jobs <= 1:
        extractor, _ = extractor_state(gazetteer, parser)
        bar = Progress(progress, "extracting")
        try:
            for article in stream:
                result, message, size = _extract_one(extractor, article, skip_bad)
                bar.advance(1, size)
                if message is not None:
                    report(message)
                elif result is not None:
                    yield result
        finally:
            bar.close()
        return
    yield from _extract_in_pool(stream, jobs, progress, gazetteer, parser, skip_bad, report)


def _extract_in_pool(stream: Iterator[Article], jobs: int, progress: bool,
                     gazetteer: Gazetteer | None, parser: str | None, skip_bad: bool,
                     report: Callable[[str], None]) -> Iterator[ArticleResult]:
    import multiprocessing

    global _WORKER
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods:
        # Forked workers share the gazetteer and lexicon loaded here once, copy-on-write;
        # the pool is started before the progress bar's thread.
        _WORKER, _ = extractor_state(gazetteer, parser)
        pool = multiprocessing.get_context("fork").Pool(jobs)
    else:
        _, state = extractor_state(gazetteer, parser, unpickle=False)
        pool = multiprocessing.get_context("spawn").Pool(
            jobs, initializer=_init_worker, initargs=(state,))
    bar = Progress(progress, "extracting")
    try:
        with pool:
            pending: deque[Any] = deque()
            for batch in batches(stream):
                pending.append(pool.apply_async(_work_batch, (batch, skip_bad)))
                while len(pending) > 2 * jobs or (pending and pending[0].ready()):
                    yield from _outcomes(pending.popleft().get(), bar, report)
            while pending:
                yield from _outcomes(pending.popleft().get(), bar, report)
    finally:
        bar.close()
        _WORKER = None


def _outcomes(outcomes: list[_Outcome], bar: Progress,
              report: Callable[[str], None]) -> Iterator[ArticleResult]:
    for result, message, size in outcomes:
        bar.advance(1, size)
        if message is not None:
            report(message)
        elif result is not None:
            yield result


def _default_warn(message: str) -> None:
    warnings.warn(message, stacklevel=3)


def build_graph(articles: Iterable[Article], *, jobs: int = 1, progress: bool = False,
                gazetteer: Gazetteer | None = None, parser: str | None = None,
                skip_bad: bool = False, warn: Callable[[str], None] | None = None
                ) -> StanceGraph:
    """The stance graph of a collection of articles, role facts included.

    Parameters
    ----------
    articles : iterable of Article
    jobs : int
        Worker processes for extraction.
    progress : bool
        Show a progress bar on standard error.
    gazetteer : Gazetteer, optional
        The actor dictionary (the built-in one by default).
    parser : str, optional
        An installed spaCy pipeline with a dependency parser.
    skip_bad : bool
        Skip (and report through ``warn``) an article whose extraction fails.
    warn : callable, optional

    Returns
    -------
    StanceGraph

    Examples
    --------
    >>> from graphkit.ingest import Article
    >>> g = build_graph([Article(id="a", text="France condemned Iran.")])
    >>> g.has_stance("france", "criticizes", "iran")
    True
    """
    graph = StanceGraph()
    for result in extract_articles(articles, jobs=jobs, progress=progress, gazetteer=gazetteer,
                                   parser=parser, skip_bad=skip_bad, warn=warn):
        add_result(graph, result)
    return graph


def add_result(graph: StanceGraph, result: ArticleResult) -> None:
    """Add one article's actors, stances and role facts to ``graph``."""
    for actor in result.actors.values():
        graph.add_actor(actor)
    for stance in result.stances + result.roles:
        graph.add_stance(stance)


def actor_record(actor: Actor | None, actor_id: str) -> dict[str, Any]:
    """The JSON form of an actor in the extract stream."""
    if actor is None:
        return {"id": actor_id, "label": actor_id, "type": None, "country": None,
                "wikidata": None, "acts_for": None, "sector": None, "cameo": None}
    # acts_for lets a reader (and the evaluator) credit a new person's stance to their state;
    # sector and cameo code a part of a country as event data does ("SYRREB").
    return {"id": actor.id, "label": actor.label, "type": actor.type.value,
            "country": actor.country, "wikidata": actor.wikidata, "acts_for": actor.acts_for,
            "sector": actor.sector, "cameo": actor.cameo}


def stance_record(stance: Stance, actors: dict[str, Actor],
                  source: str | None = None) -> dict[str, Any]:
    """The JSON Lines record of one stance (with its first evidence).

    ``cameo`` and ``goldstein`` are the CAMEO event code and Goldstein value of the lexicon
    entry that fired, for a comparison with GDELT or ICEWS code by code. ``source`` (the
    article's path, :attr:`ArticleResult.source`) goes into the evidence as provenance: the
    evaluator matches gold keyed by file name on it.

    Examples
    --------
    >>> from graphkit.ingest import Article
    >>> r = Extractor().extract(Article(id="x", text="Japan praised India."))
    >>> stance_record(r.stances[0], r.actors)["predicate"]
    'praises'
    """
    ev = stance.evidence[0] if stance.evidence else None
    return {
        "subject": actor_record(actors.get(stance.subject), stance.subject),
        "predicate": stance.predicate,
        "object": actor_record(actors.get(stance.object), stance.object),
        "polarity": stance.polarity.value,
        "cameo": ev.cameo if ev else None,
        "goldstein": ev.goldstein if ev else None,
        "date": stance.date.isoformat() if stance.date else None,
        "confidence": stance.confidence,
        "evidence": {
            "article": ev.article if ev else None,
            "source": source,
            "sentence": ev.sentence if ev else None,
            "start": ev.start if ev else None,
            "end": ev.end if ev else None,
            "speaker": ev.speaker if ev else None,
            "trigger": ev.trigger if ev else None,
            "title": ev.title if ev else None,
            "url": ev.url if ev else None,
        },
    }

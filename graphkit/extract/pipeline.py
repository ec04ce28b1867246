"""The extraction pipeline: article -> paragraphs -> sentences -> mentions -> stances -> graph.

The steps are named and run in this order for every paragraph of an article:

1. ``segment``  the spaCy pipeline (blank English + rule-based sentence splitter);
2. ``actors``   :class:`~graphkit.extract.actors.ActorFinder` (names, organs, titles, references);
3. ``stances``  :class:`~graphkit.extract.stances.StanceFinder` (triggers, roles, grammar);
4. ``score``    evidence with dates, spans and confidence, and the role facts of titles.

:func:`build_graph` runs it over many articles, in several processes with ``jobs > 1``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from graphkit.extract.actors import ActorFinder, ArticleContext
from graphkit.extract.dates import find_date
from graphkit.extract.lexicon import Lexicon, load_lexicon
from graphkit.extract.nlp import (
    SENTENCE_COMPONENT,
    make_nlp,
    paragraphs,
    split_sentences,
    token_info,
)
from graphkit.extract.stances import StanceFinder
from graphkit.gazetteer import Gazetteer, load_gazetteer
from graphkit.graph import StanceGraph
from graphkit.ingest import Article
from graphkit.model import Actor, Evidence, Stance
from graphkit.ontology import Ontology, load_ontology

__all__ = ["ArticleResult", "Extractor", "STEPS", "build_graph", "extract_articles",
           "stance_record"]

STEPS = ("segment", "actors", "stances", "score")

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
        self.stances = StanceFinder(self.lexicon, self.ontology, self.actors)
        self.extractor = _version()

    def extract(self, article: Article) -> ArticleResult:
        """Run every step over one article."""
        ctx = ArticleContext(published=article.date)
        result = ArticleResult(article.id)
        text = article.text
        parts: list[tuple[int, str]] = paragraphs(text)
        title = (article.title or "").strip()
        # A title kept apart from the text (header line, front matter) is read as the
        # headline; its stances carry the title as sentence and no span in the text.
        from_title = bool(title) and not (parts and parts[0][1] == title)
        if from_title:
            parts = [(_TITLE_OFFSET, title), *parts]
        seen: dict[tuple[str, str, str, int], Stance] = {}
        used: set[str] = set()
        numbers = self.lexicon.grammar.numbers
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
            for found in self.stances.find(doc, mentions, ctx, headline=headline):
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


def _sentence_around(text: str, char: int) -> tuple[int, int]:
    """The line around ``char``; role evidence is the paragraph line of the title."""
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    end = len(text) if end == -1 else end
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


def _init_worker(gazetteer: Gazetteer | None, parser: str | None) -> None:
    global _WORKER
    _WORKER = Extractor(gazetteer=gazetteer, parser=parser)


def _work(article: Article) -> ArticleResult:
    assert _WORKER is not None
    return _WORKER.extract(article)


def extract_articles(articles: Iterable[Article], *, jobs: int = 1, progress: bool = False,
                     gazetteer: Gazetteer | None = None, parser: str | None = None
                     ) -> Iterator[ArticleResult]:
    """Extract articles one by one, in input order, in ``jobs`` processes.

    Parameters
    ----------
    articles : iterable of Article
    jobs : int
        Worker processes; 1 runs in this process.
    progress : bool
        Show a progress bar (rich, on standard error).
    gazetteer : Gazetteer, optional
    parser : str, optional
        Name of an installed spaCy pipeline with a dependency parser.

    Yields
    ------
    ArticleResult
    """
    bar = _Progress(progress)
    try:
        if jobs <= 1:
            extractor = Extractor(gazetteer=gazetteer, parser=parser)
            for article in articles:
                result = extractor.extract(article)
                bar.advance(len(article.text))
                yield result
            return
        import multiprocessing

        context = multiprocessing.get_context("spawn")
        with context.Pool(jobs, initializer=_init_worker,
                          initargs=(gazetteer, parser)) as pool:
            for result, size in pool.imap(_work_sized, articles, chunksize=8):
                bar.advance(size)
                yield result
    finally:
        bar.close()


def _work_sized(article: Article) -> tuple[ArticleResult, int]:
    return _work(article), len(article.text)


def build_graph(articles: Iterable[Article], *, jobs: int = 1, progress: bool = False,
                gazetteer: Gazetteer | None = None, parser: str | None = None) -> StanceGraph:
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
                                   parser=parser):
        for actor in result.actors.values():
            graph.add_actor(actor)
        for stance in result.stances + result.roles:
            graph.add_stance(stance)
    return graph


def actor_record(actor: Actor | None, actor_id: str) -> dict[str, Any]:
    """The JSON form of an actor in the extract stream."""
    if actor is None:
        return {"id": actor_id, "label": actor_id, "type": None, "country": None,
                "wikidata": None, "acts_for": None}
    # acts_for lets a reader (and the evaluator) credit a new person's stance to their state.
    return {"id": actor.id, "label": actor.label, "type": actor.type.value,
            "country": actor.country, "wikidata": actor.wikidata, "acts_for": actor.acts_for}


def stance_record(stance: Stance, actors: dict[str, Actor]) -> dict[str, Any]:
    """The JSON Lines record of one stance (with its first evidence).

    ``cameo`` and ``goldstein`` are the CAMEO event code and Goldstein value of the lexicon
    entry that fired, for a comparison with GDELT or ICEWS code by code.

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
            "sentence": ev.sentence if ev else None,
            "start": ev.start if ev else None,
            "end": ev.end if ev else None,
            "speaker": ev.speaker if ev else None,
            "trigger": ev.trigger if ev else None,
            "title": ev.title if ev else None,
            "url": ev.url if ev else None,
        },
    }


class _Progress:
    """A rich progress bar over characters read, on standard error; silent when off."""

    def __init__(self, enabled: bool) -> None:
        self._bar = None
        if enabled:
            from rich.console import Console
            from rich.progress import Progress, TextColumn

            self._bar = Progress(TextColumn("extracting"), *Progress.get_default_columns()[1:-1],
                                 TextColumn("{task.completed:,} chars"),
                                 console=Console(stderr=True), transient=True)
            self._task = self._bar.add_task("extract", total=None)
            self._bar.start()

    def advance(self, size: int) -> None:
        if self._bar is not None:
            self._bar.advance(self._task, size)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()

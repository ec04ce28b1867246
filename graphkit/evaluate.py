"""Precision, recall and F1 of predicted stances against a gold standard.

Gold rows are written by a person: ``{"article": "07_kosovo.txt", "subject": "Germany",
"predicate": "recognizes", "object": "Kosovo", "phenomena": ["coordination"]}``, names as a
person writes them. Predicted rows are the JSON Lines of ``graphkit extract -f jsonl``, whose
actors are canonical. A gold name matches a predicted actor when it is the actor's label or
id, when the gazetteer resolves it to that actor, or when the gold names a state (or
organisation) the predicted person or body acts for: a foreign minister's threat counts as
the state's.

Scoring is over sets. Gold rows are distinct (article, subject, predicate, object) triples;
predictions that match the same gold row count once, so that "Lavrov accused Washington" and
"Russia accused Washington" read from one sentence are one true positive, not a true and a
false one. A prediction that matches no gold row is a false positive.

Gold rows marked ``"absent": true`` are stances a careful reader must *not* find (the
subject "did not condemn", a speaker's claim about someone else); predicting one is counted
as a violation per phenomenon, and as a false positive like any unmatched prediction.
Role rows (``acts_for`` and kin, or rows marked ``"role": true``) are left out unless asked.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePath
from typing import Any

from graphkit.errors import InputError
from graphkit.gazetteer import Gazetteer, load_gazetteer, normalize_name
from graphkit.model import ActorType, slugify
from graphkit.ontology import Ontology, load_ontology

__all__ = [
    "ActorRef",
    "format_scores",
    "GoldStance",
    "PhenomenonScore",
    "PredictedStance",
    "Scores",
    "read_gold",
    "read_predictions",
    "score",
]


@dataclass(frozen=True)
class GoldStance:
    """One stance of the gold standard, names as a person writes them."""

    article: str
    subject: str
    predicate: str
    object: str
    phenomena: tuple[str, ...] = ()
    absent: bool = False
    role: bool = False
    line: int | None = None

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (
            article_key(self.article),
            normalize_name(self.subject),
            self.predicate,
            normalize_name(self.object),
        )


@dataclass(frozen=True)
class ActorRef:
    """A predicted actor as the extract stream describes it."""

    id: str
    label: str
    type: str | None = None
    country: str | None = None
    acts_for: str | None = None


@dataclass(frozen=True)
class PredictedStance:
    """One predicted stance: article, canonical subject and object, stance type."""

    article: str
    subject: ActorRef
    predicate: str
    object: ActorRef
    sentence: str | None = None
    line: int | None = None
    #: The stance's date: gold names are read as of it ("Belgrade" in 1995 is Yugoslavia).
    date: date | None = None
    #: Where the article was read (``evidence.source``): gold keyed by file name matches it
    #: when the article's id is a URL or a hash of its text.
    source: str | None = None

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (article_key(self.article), self.subject.id, self.predicate, self.object.id)


@dataclass(frozen=True)
class PhenomenonScore:
    """How the gold stances showing one phenomenon fared.

    ``gold`` and ``found`` count stances that should be found; ``absent`` counts stances
    that must not be found and ``violated`` those of them that were predicted anyway.
    """

    name: str
    gold: int = 0
    found: int = 0
    absent: int = 0
    violated: int = 0

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None


@dataclass
class Scores:
    """The result of :func:`score`."""

    true_positives: int
    false_positives: int
    false_negatives: int
    phenomena: dict[str, PhenomenonScore] = field(default_factory=dict)
    missed: list[GoldStance] = field(default_factory=list)
    spurious: list[PredictedStance] = field(default_factory=list)
    violations: list[tuple[GoldStance, PredictedStance]] = field(default_factory=list)
    unscored: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary, with the missed and spurious stances."""
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "true_positives": self.true_positives,
            "false_positives": self.false_positives,
            "false_negatives": self.false_negatives,
            "unscored_predictions": self.unscored,
            "phenomena": {
                name: {
                    "gold": p.gold,
                    "found": p.found,
                    "recall": None if p.recall is None else round(p.recall, 4),
                    "absent": p.absent,
                    "violated": p.violated,
                }
                for name, p in sorted(self.phenomena.items())
            },
            "missed": [
                {
                    "article": g.article,
                    "subject": g.subject,
                    "predicate": g.predicate,
                    "object": g.object,
                    "phenomena": list(g.phenomena),
                }
                for g in self.missed
            ],
            "spurious": [
                {
                    "article": p.article,
                    "subject": p.subject.id,
                    "predicate": p.predicate,
                    "object": p.object.id,
                    "sentence": p.sentence,
                }
                for p in self.spurious
            ],
            "violations": [
                {
                    "article": g.article,
                    "subject": p.subject.id,
                    "predicate": p.predicate,
                    "object": p.object.id,
                    "phenomena": list(g.phenomena),
                }
                for g, p in self.violations
            ],
        }


def article_key(article: str) -> str:
    """Articles are matched by file name: a predicted id may be a longer path."""
    return PurePath(str(article).replace("\\", "/")).name


# -- reading -----------------------------------------------------------------------------


def _jsonl_rows(path: str | Path) -> Iterable[tuple[int, dict[str, Any]]]:
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read: {exc}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(path, f"malformed JSON: {exc.msg}", number) from None
        if not isinstance(row, dict):
            raise InputError(path, "each line must be a JSON object", number)
        yield number, row


def _gold_from(row: Mapping[str, Any], source: str, line: int | None) -> GoldStance:
    for key in ("article", "subject", "predicate", "object"):
        if not isinstance(row.get(key), str) or not row[key].strip():
            raise InputError(source, f"gold row needs a non-empty string {key!r}", line)
    phenomena = row.get("phenomena", [])
    if not isinstance(phenomena, list) or not all(isinstance(p, str) for p in phenomena):
        raise InputError(source, "'phenomena' must be a list of strings", line)
    return GoldStance(
        article=row["article"].strip(),
        subject=row["subject"].strip(),
        predicate=row["predicate"].strip(),
        object=row["object"].strip(),
        phenomena=tuple(phenomena),
        absent=bool(row.get("absent", False)),
        role=bool(row.get("role", False)),
        line=line,
    )


def _actor_from(value: Any, source: str, line: int | None, what: str) -> ActorRef:
    if isinstance(value, str):
        return ActorRef(id=value, label=value.replace("_", " "))
    if not isinstance(value, Mapping) or not isinstance(value.get("id"), str):
        raise InputError(source, f"{what!r} must be an object with an 'id'", line)
    return ActorRef(
        id=value["id"],
        label=str(value.get("label") or value["id"]),
        type=value.get("type"),
        country=value.get("country"),
        acts_for=value.get("acts_for"),
    )


def _predicted_from(row: Mapping[str, Any], source: str, line: int | None) -> PredictedStance:
    evidence = row.get("evidence")
    article = evidence.get("article") if isinstance(evidence, Mapping) else row.get("article")
    if not isinstance(article, str) or not article:
        raise InputError(source, "prediction needs 'evidence': {'article': ...}", line)
    if not isinstance(row.get("predicate"), str):
        raise InputError(source, "prediction needs a string 'predicate'", line)
    return PredictedStance(
        article=article,
        subject=_actor_from(row.get("subject"), source, line, "subject"),
        predicate=row["predicate"],
        object=_actor_from(row.get("object"), source, line, "object"),
        sentence=evidence.get("sentence") if isinstance(evidence, Mapping) else None,
        line=line,
        source=evidence.get("source") if isinstance(evidence, Mapping) else row.get("source"),
        date=_date_of(row.get("date")),
    )


def _date_of(value: Any) -> date | None:
    """The ISO date of a prediction, or ``None`` when it has none or an unreadable one."""
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def read_gold(path: str | Path) -> list[GoldStance]:
    """Read a gold file (JSON Lines, one stance a line).

    Raises
    ------
    InputError
        For a malformed line or a row without article, subject, predicate or object.
    """
    return [_gold_from(row, str(path), number) for number, row in _jsonl_rows(path)]


def read_predictions(path: str | Path) -> list[PredictedStance]:
    """Read predictions as written by ``graphkit extract -f jsonl``.

    Raises
    ------
    InputError
        For a malformed line or a row without predicate, subject/object ids or article.
    """
    return [_predicted_from(row, str(path), number) for number, row in _jsonl_rows(path)]


# -- matching ----------------------------------------------------------------------------


class _Matcher:
    """Decides whether a gold name stands for a predicted actor, with caches."""

    def __init__(self, gazetteer: Gazetteer | None) -> None:
        self.gazetteer = gazetteer
        self._resolved: dict[tuple[str, date | None], Any] = {}

    def resolve(self, name: str, on: date | None = None) -> Any:
        if self.gazetteer is None:
            return None
        if (name, on) not in self._resolved:
            self._resolved[(name, on)] = self.gazetteer.resolve(name, on=on)
        return self._resolved[(name, on)]

    def principals(self, actor: ActorRef) -> set[str]:
        """The actor's id and the ids of everyone it acts for, transitively."""
        found = {actor.id}
        if actor.acts_for:
            found.add(actor.acts_for)
        gaz = self.gazetteer
        if gaz is not None:
            if actor.id not in gaz:
                known = self.resolve(actor.label)
                if known is not None:
                    found.add(known.id)
            todo = list(found)
            while todo:
                current = gaz.actors.get(todo.pop())
                if current is not None and current.acts_for and current.acts_for not in found:
                    found.add(current.acts_for)
                    todo.append(current.acts_for)
        return found

    def matches(self, name: str, actor: ActorRef, on: date | None = None) -> bool:
        key = normalize_name(name)
        if key in (normalize_name(actor.label), normalize_name(actor.id.replace("_", " "))):
            return True
        if slugify(name) == actor.id:
            return True
        wanted = self.resolve(name, on)
        if wanted is None:
            return False
        if wanted.id in self.principals(actor):
            return True
        # A person or organ whose country is the gold state stands for that state.
        return (
            wanted.type is ActorType.STATE
            and wanted.country is not None
            and actor.country == wanted.country
        )


# -- scoring -----------------------------------------------------------------------------


def _as_gold(row: GoldStance | Mapping[str, Any]) -> GoldStance:
    return row if isinstance(row, GoldStance) else _gold_from(row, "<gold>", None)


def _as_predicted(row: PredictedStance | Mapping[str, Any]) -> PredictedStance:
    return row if isinstance(row, PredictedStance) else _predicted_from(row, "<predicted>", None)


def score(
    gold_rows: Iterable[GoldStance | Mapping[str, Any]],
    pred_rows: Iterable[PredictedStance | Mapping[str, Any]],
    *,
    gazetteer: Gazetteer | None = None,
    ontology: Ontology | None = None,
    include_roles: bool = False,
) -> Scores:
    """Score predicted stances against gold stances.

    Parameters
    ----------
    gold_rows
        :class:`GoldStance` objects or gold mappings (see the module notes).
    pred_rows
        :class:`PredictedStance` objects or mappings in the ``graphkit extract -f jsonl``
        shape. Predictions for articles that have no gold row are not scored (they are
        counted in ``Scores.unscored``).
    gazetteer
        Resolves gold names; the built-in gazetteer by default.
    ontology
        Says which predicates are roles; the built-in ontology by default.
    include_roles
        Score role relations (``acts_for`` ...) too.

    Returns
    -------
    Scores
        Counts, precision, recall, F1, recall per phenomenon, and the missed, spurious and
        forbidden stances.

    Raises
    ------
    InputError
        When a gold row names a predicate the ontology does not know.

    Examples
    --------
    >>> gold = [{"article": "a.txt", "subject": "Russia", "predicate": "accuses",
    ...          "object": "United States", "phenomena": ["metonym"]}]
    >>> pred = [{"subject": {"id": "russia", "label": "Russia"}, "predicate": "accuses",
    ...          "object": {"id": "united_states", "label": "United States"},
    ...          "evidence": {"article": "news/a.txt"}}]
    >>> s = score(gold, pred)
    >>> (s.precision, s.recall, s.phenomena["metonym"].recall)
    (1.0, 1.0, 1.0)
    """
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    ont = ontology if ontology is not None else load_ontology()
    roles = ont.role_predicates
    matcher = _Matcher(gaz)

    wanted: dict[tuple[str, str, str, str], GoldStance] = {}
    forbidden: dict[tuple[str, str, str, str], GoldStance] = {}
    for row in map(_as_gold, gold_rows):
        if row.predicate not in ont:
            raise InputError("<gold>", f"unknown stance type {row.predicate!r}", row.line)
        if not include_roles and (row.role or row.predicate in roles):
            continue
        (forbidden if row.absent else wanted).setdefault(row.key, row)
    articles = {key[0] for key in wanted} | {key[0] for key in forbidden}

    predicted: dict[tuple[str, str, str, str], PredictedStance] = {}
    unscored = 0
    for pred in map(_as_predicted, pred_rows):
        if not include_roles and pred.predicate in roles:
            continue
        if (article_key(pred.article) not in articles and pred.source
                and article_key(pred.source) in articles):
            pred = dataclasses.replace(pred, article=pred.source)
        if article_key(pred.article) not in articles:
            unscored += 1
            continue
        predicted.setdefault(pred.key, pred)

    by_article: dict[str, list[GoldStance]] = {}
    for gold in wanted.values():
        by_article.setdefault(article_key(gold.article), []).append(gold)
    forbidden_by_article: dict[str, list[GoldStance]] = {}
    for gold in forbidden.values():
        forbidden_by_article.setdefault(article_key(gold.article), []).append(gold)

    def agree(gold: GoldStance, pred: PredictedStance) -> bool:
        return (
            gold.predicate == pred.predicate
            and matcher.matches(gold.subject, pred.subject, pred.date)
            and matcher.matches(gold.object, pred.object, pred.date)
        )

    found: set[tuple[str, str, str, str]] = set()
    spurious: list[PredictedStance] = []
    violations: list[tuple[GoldStance, PredictedStance]] = []
    violated: set[tuple[str, str, str, str]] = set()
    for pred in predicted.values():
        article = article_key(pred.article)
        hits = [g for g in by_article.get(article, ()) if agree(g, pred)]
        found.update(g.key for g in hits)
        if not hits:
            spurious.append(pred)
        for gold in forbidden_by_article.get(article, ()):
            if agree(gold, pred):
                violations.append((gold, pred))
                violated.add(gold.key)

    counts: dict[str, dict[str, int]] = {}
    for gold in wanted.values():
        for name in gold.phenomena:
            slot = counts.setdefault(name, {"gold": 0, "found": 0, "absent": 0, "violated": 0})
            slot["gold"] += 1
            slot["found"] += gold.key in found
    for gold in forbidden.values():
        for name in gold.phenomena:
            slot = counts.setdefault(name, {"gold": 0, "found": 0, "absent": 0, "violated": 0})
            slot["absent"] += 1
            slot["violated"] += gold.key in violated

    missed = [g for g in wanted.values() if g.key not in found]
    return Scores(
        true_positives=len(found),
        false_positives=len(spurious),
        false_negatives=len(missed),
        phenomena={name: PhenomenonScore(name, **c) for name, c in counts.items()},
        missed=missed,
        spurious=spurious,
        violations=violations,
        unscored=unscored,
    )


def format_scores(scores: Scores, *, details: bool = False) -> str:
    """A plain-text report: overall figures, recall per phenomenon, optionally the errors."""
    lines = [
        f"precision {scores.precision:.3f}  recall {scores.recall:.3f}  f1 {scores.f1:.3f}",
        f"true positives {scores.true_positives}  false positives {scores.false_positives}  "
        f"false negatives {scores.false_negatives}",
    ]
    if scores.unscored:
        lines.append(f"{scores.unscored} predictions for articles without gold were not scored")
    if scores.phenomena:
        lines.append("")
        lines.append(f"{'phenomenon':<20} {'gold':>5} {'found':>6} {'recall':>7}  not-found-ok")
        for name, p in sorted(scores.phenomena.items()):
            recall = "-" if p.recall is None else f"{p.recall:.3f}"
            absent = f"{p.absent - p.violated}/{p.absent}" if p.absent else "-"
            lines.append(f"{name:<20} {p.gold:>5} {p.found:>6} {recall:>7}  {absent}")
    if details:
        lines.append("")
        lines.extend(
            f"missed    {g.article}: {g.subject} {g.predicate} {g.object}" for g in scores.missed
        )
        lines.extend(
            f"spurious  {article_key(p.article)}: {p.subject.id} {p.predicate} {p.object.id}"
            for p in scores.spurious
        )
        lines.extend(
            f"forbidden {g.article}: {p.subject.id} {p.predicate} {p.object.id}"
            for g, p in scores.violations
        )
    return "\n".join(lines)

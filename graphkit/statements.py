"""Hand-curated statements: stances, new actors, aliases and suppressions from CSV or YAML.

A curator writes one stance per row, naming actors the way people do ("United States",
"Juan Guaidó"); names resolve through the gazetteer. A name the gazetteer does not know is an
error naming the file and line, unless the row declares the new actor.

CSV columns (header required; order free)::

    subject, predicate, object           required
    date, source, quote                  the stance's date, where it was read, the words
    url, title, publisher, confidence    more evidence; speaker: who said it
    subject_type, object_type            declare an actor the gazetteer does not know
    action                               "add" (default) or "suppress"

YAML::

    actors:      [{id, label, type, aliases, acts_for, iso3, wikidata, ...}]   (gazetteer keys)
    aliases:     [{actor: "United States", alias: "Uncle Sam"}]
    statements:  [{subject, predicate, object, date, source, quote, ...}]       (CSV keys)
    suppress:    [{subject, predicate, object}]
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from graphkit import safe_yaml
from graphkit.errors import InputError
from graphkit.gazetteer import Gazetteer, load_gazetteer
from graphkit.graph import StanceGraph
from graphkit.model import Actor, ActorType, Evidence, slugify
from graphkit.ontology import Ontology, load_ontology

__all__ = ["Curation", "actor_id_for", "apply_curation", "load_statements",
           "STATEMENT_SUFFIXES"]

STATEMENT_SUFFIXES = (".csv", ".yaml", ".yml")
EXTRACTOR = "curated"
_REQUIRED = ("subject", "predicate", "object")
_KNOWN_COLUMNS = {
    "subject", "predicate", "object", "date", "source", "quote", "url", "title",
    "publisher", "confidence", "speaker", "subject_type", "object_type", "action",
}


@dataclass
class Curation:
    """What a statements file says: a graph of curated stances and the edges to suppress."""

    graph: StanceGraph = field(default_factory=StanceGraph)
    suppressed: list[tuple[str, str, str]] = field(default_factory=list)
    new_actors: list[Actor] = field(default_factory=list)
    aliases: list[tuple[str, str]] = field(default_factory=list)


class _Reader:
    """Turns rows into stances, with a gazetteer that learns the file's new actors."""

    def __init__(self, path: Path, gazetteer: Gazetteer, ontology: Ontology) -> None:
        self.path = path
        self.gazetteer = gazetteer
        self.ontology = ontology
        self.curation = Curation()
        #: ids of the actors this file declares, with the line that declared each
        self.declared: dict[str, int | None] = {}

    def error(self, message: str, line: int | None) -> InputError:
        return InputError(self.path, message, line)

    def actor_for(
        self, name: str, declared_type: str | None, on: date | None, line: int | None
    ) -> Actor:
        name = name.strip()
        if not name:
            raise self.error("an actor name is empty", line)
        actor = self.gazetteer.resolve(name, on=on)
        if actor is None and name in self.gazetteer:
            actor = self.gazetteer.actor(name)
        if actor is None and not name.isascii():
            actor = self.transliterated(name, declared_type, on)
        if actor is not None and declared_type and actor.id in self.declared:
            self.check_same(actor, name, declared_type, line)
        if actor is None:
            if not declared_type:
                raise self.error(
                    f"unknown actor {name!r}: add it to the gazetteer, or declare it in this "
                    "row with a subject_type/object_type column (e.g. Person, State)",
                    line,
                )
            try:
                actor = Actor(self.new_id(name), name, ActorType(declared_type.strip()))
            except ValueError:
                kinds = ", ".join(t.value for t in ActorType)
                raise self.error(
                    f"unknown actor type {declared_type!r} (one of: {kinds})", line
                ) from None
            self.gazetteer.add(actor)
            self.curation.new_actors.append(actor)
            self.declared[actor.id] = line
        self.add_actor(actor, on)
        return actor

    def transliterated(self, name: str, declared_type: str | None, on: date | None) -> Actor | None:
        """The known actor a non-Latin name transliterates to ("Владимир Путин" is Vladimir
        Putin), if its type is the one declared."""
        from anyascii import anyascii

        actor = self.gazetteer.resolve(anyascii(name), on=on)
        if actor is None or (declared_type and declared_type.strip() != actor.type.value):
            return None
        return actor

    def new_id(self, name: str) -> str:
        """An id for a new actor: its name transliterated to ASCII and slugified, so that
        "Владимир Путин" is ``vladimir_putin``; a stable hash of the name when nothing of it
        transliterates, or when the id is taken by an actor of another name."""
        actor_id = actor_id_for(name)
        if actor_id in self.gazetteer:
            actor_id = f"{actor_id}_{_name_hash(name)}"
        return actor_id

    def check_same(self, actor: Actor, name: str, declared_type: str, line: int | None) -> None:
        """A row declaring ``name`` with a type resolved to an actor this file declared: the
        same actor, or two declared actors whose names clash (an error, never a merge)."""
        same_name = name.casefold() in {n.casefold() for n in (actor.label, *actor.aliases)}
        same_type = declared_type.strip() == actor.type.value
        if same_name and same_type:
            return
        first = self.declared.get(actor.id)
        where = f" (declared on line {first})" if first else ""
        raise self.error(
            f"{name!r} ({declared_type.strip()}) clashes with the actor {actor.label!r} "
            f"({actor.type.value}){where}: both names read the same; declare them in an "
            "'actors:' section with ids of their own, or use one name", line)

    def add_actor(self, actor: Actor, on: date | None) -> None:
        """Put an actor in the graph, with the actor it acts for so that link is not dangling."""
        graph = self.curation.graph
        graph.add_actor(actor)
        role = self.gazetteer.role_on(actor.id, on) if actor.type is ActorType.PERSON else None
        acts_for = role[0] if role else actor.acts_for
        if acts_for and acts_for in self.gazetteer and not graph.has_actor(acts_for):
            self.add_actor(self.gazetteer.actor(acts_for), on)

    def predicate(self, value: str, line: int | None) -> str:
        name = value.strip().lower().replace(" ", "_").replace("-", "_")
        if name not in self.ontology:
            try:
                self.ontology[name]
            except KeyError as exc:
                raise self.error(f"unknown stance type {value!r}: {exc.args[0]}", line) from None
        return name

    def statement(self, row: Mapping[str, Any], line: int | None) -> None:
        missing = [key for key in _REQUIRED if not str(row.get(key) or "").strip()]
        if missing:
            raise self.error(f"missing {', '.join(missing)}", line)
        action = str(row.get("action") or "add").strip().lower()
        when = _parse_date(row.get("date"), self, line)
        predicate = self.predicate(str(row["predicate"]), line)
        if action == "suppress":
            subject = self.resolve_existing(str(row["subject"]), when, line)
            obj = self.resolve_existing(str(row["object"]), when, line)
            self.curation.suppressed.append((subject, predicate, obj))
            return
        if action != "add":
            raise self.error(f"unknown action {action!r} (add or suppress)", line)
        subject = self.actor_for(str(row["subject"]), _opt(row, "subject_type"), when, line)
        obj = self.actor_for(str(row["object"]), _opt(row, "object_type"), when, line)
        speaker = _opt(row, "speaker")
        speaker_id = self.actor_for(speaker, None, when, line).id if speaker else None
        source = _opt(row, "source") or (f"{self.path}:{line}" if line else str(self.path))
        quote = _opt(row, "quote")
        confidence = _parse_confidence(row.get("confidence"), self, line)
        evidence = Evidence(
            article=source,
            sentence=quote or f"{subject.label} {predicate.replace('_', ' ')} {obj.label}",
            title=_opt(row, "title"),
            url=_opt(row, "url"),
            publisher=_opt(row, "publisher"),
            date=when,
            speaker=speaker_id,
            extractor=EXTRACTOR,
            confidence=confidence,
        )
        stance = self.ontology.stance(
            subject.id, predicate, obj.id, date=when, evidence=(evidence,)
        )
        self.curation.graph.add_stance(stance)

    def resolve_existing(self, name: str, on: date | None, line: int | None) -> str:
        actor = self.gazetteer.resolve(name.strip(), on=on)
        if actor is None and name.strip() in self.gazetteer:
            actor = self.gazetteer.actor(name.strip())
        if actor is None:
            raise self.error(f"unknown actor {name!r} in a suppression", line)
        return actor.id


def _name_hash(name: str) -> str:
    return hashlib.blake2b(name.encode("utf-8"), digest_size=5).hexdigest()


def actor_id_for(name: str) -> str:
    """The id graphkit gives a new actor named ``name``: ASCII, ``[a-z0-9_]``, never empty.

    Examples
    --------
    >>> actor_id_for("Владимир Путин"), actor_id_for("习近平")
    ('vladimir_putin', 'xijinping')
    >>> actor_id_for("☮").startswith("actor_")
    True
    """
    from anyascii import anyascii

    slug = slugify(anyascii(name))
    if slug == "unnamed" or not slug[0].isalnum():
        return f"actor_{_name_hash(name)}"
    return slug[:80].rstrip("_")


def _opt(row: Mapping[str, Any], key: str) -> str | None:
    value = row.get(key)
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _parse_date(value: Any, reader: _Reader, line: int | None) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise reader.error(f"date {value!r} is not a date (use YYYY-MM-DD)", line) from None


def _parse_confidence(value: Any, reader: _Reader, line: int | None) -> float:
    if value is None or str(value).strip() == "":
        return 1.0
    try:
        confidence = float(value)
    except ValueError:
        raise reader.error(f"confidence {value!r} is not a number", line) from None
    if not 0.0 <= confidence <= 1.0:
        raise reader.error(f"confidence {confidence} is outside [0, 1]", line)
    return confidence


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(path, f"not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or str(exc)) from None


def _load_csv(reader: _Reader, text: str) -> None:
    rows = csv.DictReader(io.StringIO(text), skipinitialspace=True)
    header = [h.strip().lower() for h in rows.fieldnames or []]
    if not header:
        raise reader.error("empty file: a statements CSV needs a header line", 1)
    unknown = [h for h in header if h not in _KNOWN_COLUMNS]
    if unknown:
        raise reader.error(f"unknown column(s) {', '.join(unknown)}", 1)
    missing = [key for key in _REQUIRED if key not in header]
    if missing:
        raise reader.error(f"the header lacks column(s) {', '.join(missing)}", 1)
    rows.fieldnames = header
    for row in rows:
        line = rows.line_num
        if (row.get(header[0]) or "").lstrip().startswith("#"):
            continue
        if None in row:
            raise reader.error("more fields than the header names", line)
        if not any((v or "").strip() for v in row.values()):
            continue
        reader.statement(row, line)


def _line_of(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def _load_yaml(reader: _Reader, text: str) -> None:
    try:
        root = safe_yaml.compose(text)
        data = safe_yaml.load(text)
    except safe_yaml.YamlRefused as exc:
        raise reader.error(exc.problem, exc.line) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise reader.error(f"not valid YAML: {getattr(exc, 'problem', exc)}", line) from None
    if data is None:
        raise reader.error("empty file", None)
    if not isinstance(data, dict):
        raise reader.error("expected a mapping with actors/aliases/statements/suppress", 1)
    unknown = set(data) - {"actors", "aliases", "statements", "suppress"}
    if unknown:
        raise reader.error(f"unknown section(s) {', '.join(sorted(unknown))}", 1)
    nodes = {key.value: value for key, value in root.value} if root is not None else {}

    def entries(section: str) -> Iterable[tuple[dict[str, Any], int | None]]:
        items = data.get(section) or []
        if not isinstance(items, list):
            raise reader.error(f"{section!r} must be a list", _line_of(nodes.get(section)))
        node_items = getattr(nodes.get(section), "value", [])
        for index, item in enumerate(items):
            line = _line_of(node_items[index]) if index < len(node_items) else None
            if not isinstance(item, dict):
                raise reader.error(f"each entry of {section!r} must be a mapping", line)
            yield item, line

    for item, line in entries("actors"):
        _declare_actor(reader, item, line)
    for item, line in entries("aliases"):
        if not item.get("actor") or not item.get("alias"):
            raise reader.error("an alias entry needs 'actor' and 'alias'", line)
        actor = reader.actor_for(str(item["actor"]), None, None, line)
        reader.gazetteer.add_alias(actor.id, str(item["alias"]))
        reader.curation.aliases.append((actor.id, str(item["alias"])))
    for item, line in entries("statements"):
        reader.statement(item, line)
    for item, line in entries("suppress"):
        reader.statement({**item, "action": "suppress"}, line)


def _declare_actor(reader: _Reader, item: dict[str, Any], line: int | None) -> None:
    label = _opt(item, "label")
    kind = _opt(item, "type")
    if not label or not kind:
        raise reader.error("an actor needs 'label' and 'type'", line)
    acts_for = _opt(item, "acts_for")
    if acts_for:
        acts_for = reader.actor_for(acts_for, None, None, line).id
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list):
        raise reader.error("'aliases' must be a list", line)
    given_id = _opt(item, "id")
    actor_id = given_id or reader.new_id(label)
    if actor_id in reader.declared:
        first = reader.declared[actor_id]
        raise reader.error(f"actor id {actor_id!r} is declared twice (first on line {first})"
                           + ("" if given_id else f"; {label!r} needs an 'id' of its own"), line)
    try:
        actor = Actor(
            id=actor_id,
            label=label,
            type=ActorType(kind),
            aliases=tuple(str(a) for a in aliases),
            wikidata=_opt(item, "wikidata"),
            country=_opt(item, "iso3") or _opt(item, "country"),
            cameo=_opt(item, "cameo"),
            role=_opt(item, "role"),
            acts_for=acts_for,
        )
    except ValueError as exc:
        raise reader.error(str(exc), line) from None
    if actor.country is None and acts_for:
        country = reader.gazetteer.actor(acts_for).country
        if country:
            actor = Actor(**{**actor.__dict__, "country": country})
    reader.gazetteer.add(actor)
    reader.curation.new_actors.append(actor)
    reader.declared[actor.id] = line
    reader.add_actor(actor, None)


def load_statements(
    path: str | Path,
    *,
    gazetteer: Gazetteer | None = None,
    ontology: Ontology | None = None,
) -> Curation:
    """Read a curated statements file (``.csv``, ``.yaml`` or ``.yml``).

    Parameters
    ----------
    path : str or Path
    gazetteer : Gazetteer, optional
        Resolves names; new actors declared by the file are added to it, so later files
        (and article extraction) know them. A fresh built-in gazetteer by default.
    ontology : Ontology, optional

    Returns
    -------
    Curation
        The curated stances as a StanceGraph, and the edges to suppress.

    Raises
    ------
    InputError
        With the file and line of an unknown actor or stance type, a bad date, a
        malformed row.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "s.csv"
    >>> rows = "subject,predicate,object\\nUnited States,recognizes,Juan Guaidó\\n"
    >>> _ = path.write_text(rows, encoding="utf-8")
    >>> load_statements(path).graph.has_stance("united_states", "recognizes", "juan_guaido")
    True
    """
    path = Path(path)
    reader = _Reader(path, gazetteer or load_gazetteer(), ontology or load_ontology())
    text = _read_text(path)
    if not text.strip():
        raise InputError(path, "empty file")
    if path.suffix.lower() == ".csv":
        _load_csv(reader, text)
    elif path.suffix.lower() in (".yaml", ".yml"):
        _load_yaml(reader, text)
    else:
        raise InputError(path, f"not a statements file (expected {', '.join(STATEMENT_SUFFIXES)})")
    return reader.curation


def apply_curation(graph: StanceGraph, curation: Curation) -> StanceGraph:
    """Merge curated stances into ``graph`` and remove the suppressed edges; returns graph."""
    graph.merge(curation.graph)
    for actor_id, alias in curation.aliases:
        if graph.has_actor(actor_id):
            actor = graph.actor(actor_id)
            graph.replace_actor(actor.merged_with(
                Actor(actor.id, actor.label, actor.type, aliases=(alias,))
            ))
    for subject, predicate, obj in curation.suppressed:
        graph.remove_stance(subject, predicate, obj)
    return graph

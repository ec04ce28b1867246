"""The actor gazetteer: who the actors are and every name they go by.

Actors come from YAML files (``ontology/actors/*.yaml`` plus any files a user gives), one
mapping per actor; see "Gazetteer files" in ``docs/DESIGN.md``. The gazetteer resolves a name
("the U.S.", "Moscow", "the Kremlin", "Russians", "Nicolas Maduro") to a canonical
:class:`~graphkit.model.Actor` and lists every surface form a text matcher should look for.

Name matching ignores case, diacritics, punctuation and a leading "the"; three-letter ISO
codes match only when written in capitals, so that "and" is not Andorra.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from graphkit import safe_yaml
from graphkit.errors import InputError
from graphkit.model import Actor, ActorType, is_valid_id
from graphkit.resources import ontology_file

__all__ = [
    "Gazetteer",
    "Role",
    "SurfaceForm",
    "load_gazetteer",
    "normalize_name",
]

#: How much a kind of name counts when two actors share it (lower wins).
_KIND_RANK = {"name": 0, "alias": 1, "code": 1, "seat": 2, "capital": 2, "demonym": 3}

_KEYS = {
    "id", "label", "type", "aliases", "demonyms", "capitals", "seats", "iso3", "wikidata",
    "cameo", "country", "acts_for", "role", "roles", "start", "end", "sector",
}
_ROLE_KEYS = {"acts_for", "role", "start", "end"}
# Kinds of name that pass from a former state to the state that follows it.
_PASSED_ON = {"capital", "seat", "demonym"}
_METONYMS = {"capital", "seat"}
_ISO3_RE = re.compile(r"[A-Z]{3}")
_WIKIDATA_RE = re.compile(r"Q[1-9][0-9]*")
_CAMEO_RE = re.compile(r"[A-Z0-9]{3,12}")


@dataclass(frozen=True)
class SurfaceForm:
    """A string a text matcher should look for, and the actor it names.

    ``kind`` is one of ``name`` (the label), ``alias``, ``demonym``, ``capital``, ``seat``
    or ``code`` (an ISO alpha-3 code, to be matched case-sensitively).
    """

    text: str
    actor_id: str
    kind: str


@dataclass(frozen=True)
class Role:
    """A dated role of a person: whom they act for and as what, from ``start`` to ``end``."""

    acts_for: str
    role: str
    start: date | None = None
    end: date | None = None

    def valid_on(self, on: date) -> bool:
        """Whether the role was held on ``on`` (open ends count as unbounded)."""
        return _within((self.start, self.end), on)


@dataclass(frozen=True)
class _Entry:
    """One parsed, format-checked entry of a gazetteer file, not yet linked to the others."""

    source: str
    line: int | None
    id: str
    fields: dict[str, Any] = field(hash=False)
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    period: tuple[date | None, date | None] | None = None
    # Capitals and seats that stood for the actor only for a time: name -> (start, end).
    name_periods: dict[str, tuple[date | None, date | None]] = field(default_factory=dict,
                                                                   hash=False)

    def fail(self, message: str) -> InputError:
        return InputError(self.source, f"actor {self.id!r}: {message}", self.line)


def normalize_name(text: str) -> str:
    """The key under which names are compared.

    Case, diacritics and punctuation are dropped, ``&`` reads as "and" and a leading "the"
    is ignored, so that "the U.S." and "US", "Nicolás Maduro" and "nicolas maduro",
    "Guinea-Bissau" and "Guinea Bissau" compare equal.

    Examples
    --------
    >>> normalize_name("the U.S.")
    'us'
    >>> normalize_name("Côte d'Ivoire")
    'cote divoire'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    # Dots and apostrophes join ("U.S." -> "us"); other punctuation separates words.
    text = re.sub(r"[.'\u2019\u2018`\u00b4]", "", text).replace("&", " and ")
    words = re.sub(r"[\W_]+", " ", text).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _strip_article(text: str) -> str:
    """"the Kremlin" -> "Kremlin": matchers find the bare name and the article around it."""
    stripped = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE)
    return stripped or text.strip()


class Gazetteer:
    """Actors by canonical id, with the names, demonyms, capitals, seats and roles behind them.

    Build one with :func:`load_gazetteer`; it may then be extended in place with
    :meth:`add` and :meth:`add_alias`.

    Examples
    --------
    >>> gaz = load_gazetteer()
    >>> gaz.resolve("the U.S.").id
    'united_states'
    >>> gaz.resolve("Kremlin").id
    'russia'
    """

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        self._demonyms: dict[str, tuple[str, ...]] = {}
        self._capitals: dict[str, tuple[str, ...]] = {}
        self._seats: dict[str, tuple[str, ...]] = {}
        self._roles: dict[str, tuple[Role, ...]] = {}
        # Actors that existed only for a time (former states): id -> (start, end).
        self._periods: dict[str, tuple[date | None, date | None]] = {}
        # Metonyms that stood for an actor only for a time (a capital that moved, a city that
        # passed to another state): (normalized name, id) -> (start, end).
        self._name_periods: dict[tuple[str, str], tuple[date | None, date | None]] = {}
        # normalized name -> {actor id: best kind}; codes are kept apart, case-sensitive.
        self._index: dict[str, dict[str, str]] = {}
        self._codes: dict[str, str] = {}

    # -- lookup -----------------------------------------------------------------------------

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self.actors

    def __len__(self) -> int:
        return len(self.actors)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors.values())

    def actor(self, actor_id: str) -> Actor:
        """The actor with canonical id ``actor_id``.

        Raises
        ------
        KeyError
            When no actor has that id.
        """
        try:
            return self.actors[actor_id]
        except KeyError:
            raise KeyError(f"no actor with id {actor_id!r} in the gazetteer") from None

    def by_iso3(self, code: str) -> Actor | None:
        """The state whose ISO 3166-1 alpha-3 code is ``code`` (``None`` when unknown)."""
        actor_id = self._codes.get(code.strip().upper())
        return self.actors[actor_id] if actor_id else None

    def of_type(self, *types: ActorType | str) -> list[Actor]:
        """The actors of the given types (all actors when no type is given), in file order."""
        wanted = {ActorType(t) for t in types}
        return [a for a in self.actors.values() if not wanted or a.type in wanted]

    def demonyms(self, actor_id: str) -> tuple[str, ...]:
        """The demonyms of an actor ("Russian", "Russians"), empty when it has none."""
        self.actor(actor_id)
        return self._demonyms.get(actor_id, ())

    def capitals(self, actor_id: str) -> tuple[str, ...]:
        """The capital cities that stand for a state ("Moscow")."""
        self.actor(actor_id)
        return self._capitals.get(actor_id, ())

    def seats(self, actor_id: str) -> tuple[str, ...]:
        """The seats of government that stand for an actor ("the Kremlin")."""
        self.actor(actor_id)
        return self._seats.get(actor_id, ())

    def period(self, actor_id: str) -> tuple[date | None, date | None] | None:
        """The ``(start, end)`` an actor existed in, ``None`` when it has no dated existence.

        Examples
        --------
        >>> load_gazetteer().period("soviet_union")
        (datetime.date(1922, 12, 30), datetime.date(1991, 12, 26))
        """
        self.actor(actor_id)
        return self._periods.get(actor_id)

    def existed_on(self, actor_id: str, on: date | None = None) -> bool:
        """Whether an actor existed on ``on`` (with no date: whether it exists now)."""
        period = self._periods.get(actor_id)
        if period is None:
            return True
        if on is None:
            return period[1] is None
        return _within(period, on)

    def roles(self, person_id: str) -> tuple[Role, ...]:
        """A person's dated roles, oldest first."""
        self.actor(person_id)
        return self._roles.get(person_id, ())

    def role_on(self, person_id: str, on: date | None = None) -> tuple[str, str] | None:
        """Whom a person acted for, and as what, on a date.

        Parameters
        ----------
        person_id : str
            Canonical id of the person.
        on : date, optional
            The date; ``None`` asks for the current (latest) role.

        Returns
        -------
        tuple of (str, str) or None
            ``(acts_for id, role)``, or ``None`` when no role was held on that date.

        Examples
        --------
        >>> from datetime import date
        >>> load_gazetteer().role_on("mike_pompeo", date(2019, 2, 1))
        ('united_states', 'secretary of state')
        """
        roles = self.roles(person_id)
        if not roles:
            actor = self.actors[person_id]
            if actor.acts_for and actor.role:
                return (actor.acts_for, actor.role)
            return None
        if on is None:
            chosen: Role | None = _latest(roles)
        else:
            valid = [r for r in roles if r.valid_on(on)]
            chosen = max(valid, key=_role_order) if valid else None
        return (chosen.acts_for, chosen.role) if chosen else None

    def resolve(self, name: str, on: date | None = None) -> Actor | None:
        """The one actor a name stands for, or ``None`` when unknown or ambiguous.

        Labels beat aliases and codes, which beat seats and capitals, which beat demonyms.
        Between persons sharing a name, the one in office on ``on`` wins (with no date, the
        one in office now). Between actors sharing a name ("Moscow", "the Kremlin"), one
        that did not exist on ``on`` loses, and one whose dated existence (``start``/``end``)
        covers ``on`` beats one without dates: in 1962 "Moscow" is the Soviet Union.

        Parameters
        ----------
        name : str
            A name as written: "the U.S.", "Nicolas Maduro", "Moscow", "Russians", "RUS".
        on : date, optional
            The date the name was used on.

        Examples
        --------
        >>> gaz = load_gazetteer()
        >>> gaz.resolve("Nicolas Maduro") == gaz.resolve("Nicolás Maduro")
        True
        """
        ranked = self._ranked(name, on)
        if not ranked:
            return None
        best = ranked[0][0]
        ties = [actor for key, actor in ranked if key == best]
        return ties[0] if len(ties) == 1 else None

    def resolve_all(self, name: str, on: date | None = None) -> list[Actor]:
        """Every actor a name may stand for, the likeliest first."""
        return [actor for _, actor in self._ranked(name, on)]

    def surface_forms(self) -> Iterator[SurfaceForm]:
        """Every string a text matcher should look for, with the actor and kind of name.

        A leading "the" is dropped ("the Kremlin" gives "Kremlin"); codes ("RUS") should be
        matched case-sensitively, the rest as the matcher sees fit.
        """
        for actor in self.actors.values():
            seen: set[tuple[str, str]] = set()
            groups: list[tuple[str, Iterable[str]]] = [
                ("name", (actor.label,)),
                ("alias", actor.aliases),
                ("demonym", self._demonyms.get(actor.id, ())),
                ("capital", self._capitals.get(actor.id, ())),
                ("seat", self._seats.get(actor.id, ())),
            ]
            for kind, texts in groups:
                for text in texts:
                    bare = _strip_article(text)
                    key = (bare, kind)
                    if key not in seen:
                        seen.add(key)
                        yield SurfaceForm(bare, actor.id, kind)
            if actor.type is ActorType.STATE and actor.country:
                yield SurfaceForm(actor.country, actor.id, "code")

    # -- changes ----------------------------------------------------------------------------

    def add(
        self,
        actor: Actor,
        *,
        demonyms: Iterable[str] = (),
        capitals: Iterable[str] = (),
        seats: Iterable[str] = (),
        roles: Iterable[Role] = (),
        start: date | None = None,
        end: date | None = None,
    ) -> None:
        """Add an actor, or update the one with the same id.

        Fields set on ``actor`` replace the stored ones; aliases, demonyms, capitals, seats
        and roles are added to those already known. A person's ``acts_for``, ``role`` and
        ``country`` follow from their latest role when roles are known. ``start`` and
        ``end`` give the period the actor existed in (a former state); either may be left
        open, and giving one replaces a stored period.

        Raises
        ------
        ValueError
            When ``acts_for`` (of the actor or a role) names no known actor, or ``end``
            is before ``start``.
        """
        if start is not None and end is not None and end < start:
            raise ValueError(f"actor {actor.id!r}: end {end} is before start {start}")
        roles = tuple(roles)
        for target in [actor.acts_for, *(r.acts_for for r in roles)]:
            if target is not None and target not in self.actors and target != actor.id:
                raise ValueError(f"actor {actor.id!r} acts for unknown actor {target!r}")
        old = self.actors.get(actor.id)
        self._put(
            actor if old is None else _override(old, actor),
            demonyms=tuple(demonyms), capitals=tuple(capitals), seats=tuple(seats), roles=roles,
        )
        if start is not None or end is not None:
            self._periods[actor.id] = (start, end)
        self._settle(actor.id)

    def add_alias(self, actor_id: str, alias: str) -> None:
        """Teach the gazetteer one more name for a known actor."""
        actor = self.actor(actor_id)
        if not alias.strip():
            raise ValueError(f"empty alias for actor {actor_id!r}")
        if alias not in actor.aliases:
            self.actors[actor_id] = dataclasses.replace(actor, aliases=actor.aliases + (alias,))
        self._index_name(alias, actor_id, "alias")

    # -- internals --------------------------------------------------------------------------

    def _put(
        self,
        actor: Actor,
        *,
        demonyms: tuple[str, ...] = (),
        capitals: tuple[str, ...] = (),
        seats: tuple[str, ...] = (),
        roles: tuple[Role, ...] = (),
    ) -> None:
        """Store an actor and index its names, without checking references."""
        self.actors[actor.id] = actor
        for store, extra in (
            (self._demonyms, demonyms),
            (self._capitals, capitals),
            (self._seats, seats),
        ):
            if extra:
                store[actor.id] = tuple(dict.fromkeys(store.get(actor.id, ()) + extra))
        if roles:
            merged = tuple(dict.fromkeys(self._roles.get(actor.id, ()) + roles))
            self._roles[actor.id] = tuple(sorted(merged, key=_role_order))
        self._index_name(actor.label, actor.id, "name")
        for alias in actor.aliases:
            self._index_name(alias, actor.id, "alias")
        for kind, texts in (("demonym", demonyms), ("capital", capitals), ("seat", seats)):
            for text in texts:
                self._index_name(text, actor.id, kind)
        if actor.type is ActorType.STATE and actor.country:
            self._codes[actor.country] = actor.id

    def _settle(self, actor_id: str) -> None:
        """Derive a person's current role and every actor's country from what it acts for."""
        actor = self.actors[actor_id]
        roles = self._roles.get(actor_id)
        if roles:
            latest = _latest(roles)
            actor = dataclasses.replace(actor, acts_for=latest.acts_for, role=latest.role)
        if actor.country is None:
            actor = dataclasses.replace(actor, country=self._country_of(actor))
        self.actors[actor_id] = actor

    def _country_of(self, actor: Actor) -> str | None:
        seen = {actor.id}
        current = actor
        while current.country is None and current.acts_for and current.acts_for not in seen:
            seen.add(current.acts_for)
            parent = self.actors.get(current.acts_for)
            if parent is None:
                return None
            current = parent
        return current.country

    def _index_name(self, text: str, actor_id: str, kind: str) -> None:
        key = normalize_name(text)
        if not key:
            return
        slot = self._index.setdefault(key, {})
        old = slot.get(actor_id)
        if old is None or _KIND_RANK[kind] < _KIND_RANK[old]:
            slot[actor_id] = kind

    def _active(
        self, actor_id: str, on: date | None, kind: str = "name", shared: bool = False
    ) -> bool:
        """Persons count as active when in office on the date (now, with no date); other
        actors, for the names they share by metonymy (capitals, seats, demonyms) or with
        another actor, when they existed on it. A former state's own name that no other
        actor bears ("Zaire") means it at any date; "Yugoslavia" in 1999 is the federation
        of Serbia and Montenegro, in 1980 the socialist federation."""
        if (kind in _PASSED_ON or shared) and not self.existed_on(actor_id, on):
            return False
        roles = self._roles.get(actor_id)
        if not roles:
            return True
        if on is None:
            return any(r.end is None for r in roles)
        return any(r.valid_on(on) for r in roles)

    def stands_for(self, name: str, actor_id: str, on: date | None = None) -> bool:
        """Whether a capital or seat stood for an actor on a date (``None``: now): "Bonn"
        for Germany in 1995 but not in 2015, "Juba" for South Sudan from 2011 only.

        Examples
        --------
        >>> from datetime import date
        >>> gaz = load_gazetteer()
        >>> gaz.stands_for("Almaty", "kazakhstan", date(1995, 1, 1))
        True
        >>> gaz.stands_for("Almaty", "kazakhstan", date(2020, 1, 1))
        False
        """
        return self._stood_for(normalize_name(name), actor_id, on)

    def _stood_for(self, key: str, actor_id: str, on: date | None) -> bool:
        """Whether a capital or seat stood for an actor on a date (``None``: now, for the
        dates given to the name): within the dates the gazetteer gives the name, and within
        the actor's own existence."""
        span = self._name_periods.get((key, actor_id))
        if on is None:
            return span is None or span[1] is None
        if span is not None and not _within(span, on):
            return False
        period = self._periods.get(actor_id)
        return period is None or _within(period, on)

    def _ranked(self, name: str, on: date | None) -> list[tuple[tuple[int, int, int], Actor]]:
        found: dict[str, str] = {}
        stripped = name.strip()
        if _ISO3_RE.fullmatch(stripped) and stripped in self._codes:
            found[self._codes[stripped]] = "code"
        key = normalize_name(stripped)
        hits = self._index.get(key)
        if hits is None and re.search(r"['\u2019]s$", stripped):
            key = normalize_name(stripped[:-2])  # "Russia's" -> "Russia"
            hits = self._index.get(key)
        for actor_id, kind in (hits or {}).items():
            if actor_id not in found or _KIND_RANK[kind] < _KIND_RANK[found[actor_id]]:
                found[actor_id] = kind
        # A former state loses its own name only to an actor whose dated existence covers
        # the date ("Yugoslavia" in 1999); an undated present-day state that lists the old
        # name as an alias does not take it ("Zaire" in a 2020 article is still Zaire).
        successors = {
            actor_id for actor_id in found
            if on is not None and actor_id in self._periods and self.existed_on(actor_id, on)
        }
        # A metonym names an actor only while it stood for it: "Bonn" in 1995 is the seat of
        # united Germany's government, in 1985 West Germany's, in 2015 nobody's. Without a
        # date, a place that no longer stands for the actor it once did is left out.
        found = {
            actor_id: kind for actor_id, kind in found.items()
            if kind not in _METONYMS or self._stood_for(key, actor_id, on)
        }
        ranked = [
            ((0 if self._active(actor_id, on, kind, bool(successors - {actor_id})) else 1,
              0 if on is not None and actor_id in self._periods else 1,
              _KIND_RANK[kind]), self.actors[actor_id])
            for actor_id, kind in found.items()
        ]
        ranked.sort(key=lambda pair: pair[0])
        return ranked


def _within(span: tuple[date | None, date | None], on: date) -> bool:
    start, end = span
    return (start is None or start <= on) and (end is None or on <= end)


def _role_order(role: Role) -> tuple[date, date]:
    return (role.start or date.min, role.end or date.max)


def _latest(roles: Iterable[Role]) -> Role:
    """The current role: an open one if any, the one that started last among those."""
    roles = list(roles)
    open_roles = [r for r in roles if r.end is None]
    return max(open_roles or roles, key=_role_order)


def _override(old: Actor, new: Actor) -> Actor:
    """``old`` with the fields ``new`` sets replaced and the aliases of both."""
    changes = {
        name: getattr(new, name)
        for name in ("wikidata", "country", "cameo", "role", "acts_for", "sector")
        if getattr(new, name) is not None
    }
    return dataclasses.replace(
        old,
        label=new.label,
        type=new.type,
        aliases=tuple(dict.fromkeys(old.aliases + new.aliases)),
        **changes,
    )


# -- files ------------------------------------------------------------------------------------


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe YAML loader that remembers the line of every mapping."""


class _LineDict(dict):  # type: ignore[type-arg]
    line: int | None = None


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> Iterator[_LineDict]:
    data = _LineDict()
    data.line = node.start_mark.line + 1
    yield data
    data.update(loader.construct_mapping(node, deep=True))


class _LineList(list):  # type: ignore[type-arg]
    lines: list[int] = []


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> Iterator[_LineList]:
    # Items that are not mappings (a bare string where an actor belongs) need a line too.
    data = _LineList()
    data.lines = [item.start_mark.line + 1 for item in node.value]
    yield data
    data.extend(loader.construct_sequence(node, deep=True))


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)

_parsed: dict[tuple[str, int, int, bool], tuple[_Entry, ...]] = {}


def _read_file(path: Path, untrusted: bool = False) -> tuple[_Entry, ...]:
    """The entries of one gazetteer file, parsed once per file version."""
    try:
        stat = path.stat()
    except OSError as exc:
        raise InputError(path, f"cannot read gazetteer file: {exc.strerror or exc}") from None
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size, untrusted)
    cached = _parsed.get(key)
    if cached is None:
        cached = _parse(path, untrusted)
        _parsed[key] = cached
    return cached


def _parse(path: Path, untrusted: bool = False) -> tuple[_Entry, ...]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read gazetteer file: {exc}") from None
    try:
        if untrusted:  # a user's file: no aliases ("billion laughs"), bounded nesting
            safe_yaml.compose(text)
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except safe_yaml.YamlRefused as exc:
        raise InputError(path, exc.problem, exc.line) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(path, f"not valid YAML: {problem}", line) from None
    if data is None:
        return ()
    if not isinstance(data, list):
        raise InputError(path, "a gazetteer file is a YAML list of actor mappings", 1)
    entries: list[_Entry] = []
    seen: dict[str, int | None] = {}
    for index, item in enumerate(data):
        lines = getattr(data, "lines", [])
        line = getattr(item, "line", None) or (lines[index] if index < len(lines) else None)
        entry = _parse_entry(path, index, item, line)
        if entry.id in seen:
            first = f"line {seen[entry.id]}" if seen[entry.id] else "earlier"
            raise entry.fail(f"duplicate id (first defined at {first})")
        seen[entry.id] = entry.line
        entries.append(entry)
    return tuple(entries)


def _parse_entry(path: Path, index: int, item: object, line: int | None) -> _Entry:
    where = f"entry {index + 1}"
    if not isinstance(item, dict):
        raise InputError(path, f"{where}: expected a mapping with id, label and type", line)
    actor_id = item.get("id")
    if actor_id is None:
        raise InputError(path, f"{where}: missing 'id'", line)
    if not isinstance(actor_id, str) or not is_valid_id(actor_id):
        raise InputError(path, f"{where}: id {actor_id!r} is not of the form [a-z0-9_]", line)

    def fail(message: str) -> InputError:
        return InputError(path, f"actor {actor_id!r}: {message}", line)

    unknown = sorted(set(map(str, item)) - _KEYS)
    if unknown:
        raise fail(f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(sorted(_KEYS))}")

    fields: dict[str, Any] = {}
    for name in ("label", "type", "iso3", "wikidata", "cameo", "country", "acts_for", "role",
                 "sector"):
        value = item.get(name)
        if value is None:
            continue
        if not isinstance(value, str) or not value.strip():
            raise fail(f"{name!r} must be a non-empty string, not {value!r}")
        fields[name] = value.strip()
    if "type" in fields:
        try:
            fields["type"] = ActorType(fields["type"])
        except ValueError:
            allowed = ", ".join(t.value for t in ActorType)
            raise fail(f"unknown type {fields['type']!r}; one of {allowed}") from None
    for name in ("iso3", "country"):
        if name in fields and not _ISO3_RE.fullmatch(fields[name]):
            raise fail(f"{name} {fields[name]!r} is not an ISO 3166-1 alpha-3 code (e.g. RUS)")
    if "wikidata" in fields and not _WIKIDATA_RE.fullmatch(fields["wikidata"]):
        raise fail(f"wikidata {fields['wikidata']!r} is not a Wikidata item id (e.g. Q159)")
    if "cameo" in fields and not _CAMEO_RE.fullmatch(fields["cameo"]):
        raise fail(f"cameo {fields['cameo']!r} is not a CAMEO actor code (e.g. RUS, IGOUNO)")
    if "acts_for" in fields and not is_valid_id(fields["acts_for"]):
        raise fail(f"acts_for {fields['acts_for']!r} is not an actor id")

    lists: dict[str, Any] = {name: _string_list(item.get(name), name, fail) for name in
                             ("aliases", "demonyms")}
    name_periods: dict[str, tuple[date | None, date | None]] = {}
    for name in ("capitals", "seats"):
        lists[name] = _place_list(item.get(name), name, fail, name_periods)
    roles = _parse_roles(item.get("roles"), fail)
    period = None
    if item.get("start") is not None or item.get("end") is not None:
        start = _as_date(item.get("start"), "start", fail)
        end = _as_date(item.get("end"), "end", fail, end=True)
        if start and end and end < start:
            raise fail(f"end {end} is before start {start}")
        period = (start, end)
    return _Entry(
        source=str(path), line=line, id=actor_id, fields=fields, roles=roles, period=period,
        name_periods=name_periods, **lists
    )


def _string_list(value: object, name: str, fail: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise fail(f"{name!r} must be a list of non-empty strings")
    return tuple(dict.fromkeys(v.strip() for v in value))


def _place_list(
    value: object, name: str, fail: Any, periods: dict[str, tuple[date | None, date | None]]
) -> tuple[str, ...]:
    """Capitals or seats: names, or ``{name, start, end}`` mappings for a place that stood
    for the actor only for a time (a capital that moved, a city that changed hands)."""
    if not isinstance(value, list) or not any(isinstance(v, dict) for v in value):
        return _string_list(value, name, fail)
    names: list[str] = []
    for number, item in enumerate(value, start=1):
        if not isinstance(item, dict):
            names.extend(_string_list([item], name, fail))
            continue
        unknown = sorted(set(map(str, item)) - {"name", "start", "end"})
        if unknown:
            raise fail(f"{name} item {number}: unknown key(s) {', '.join(unknown)}; "
                       "allowed: name, start, end")
        place = item.get("name")
        if not isinstance(place, str) or not place.strip():
            raise fail(f"{name} item {number}: 'name' must be a non-empty string")
        start = _as_date(item.get("start"), f"{name} item {number}: start", fail)
        end = _as_date(item.get("end"), f"{name} item {number}: end", fail, end=True)
        if start and end and end < start:
            raise fail(f"{name} item {number}: end {end} is before start {start}")
        names.append(place.strip())
        periods[place.strip()] = (start, end)
    return tuple(dict.fromkeys(names))


def _parse_roles(value: object, fail: Any) -> tuple[Role, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise fail("'roles' must be a list of {acts_for, role, start, end} mappings")
    roles = []
    for number, item in enumerate(value, start=1):
        if not isinstance(item, dict):
            raise fail(f"role {number} must be a mapping with acts_for and role")
        unknown = sorted(set(map(str, item)) - _ROLE_KEYS)
        if unknown:
            raise fail(f"role {number}: unknown key(s) {', '.join(unknown)}")
        acts_for, role = item.get("acts_for"), item.get("role")
        if not isinstance(acts_for, str) or not is_valid_id(acts_for):
            raise fail(f"role {number}: 'acts_for' must be an actor id, not {acts_for!r}")
        if not isinstance(role, str) or not role.strip():
            raise fail(f"role {number}: 'role' must be a non-empty string")
        start = _as_date(item.get("start"), f"role {number}: start", fail)
        end = _as_date(item.get("end"), f"role {number}: end", fail, end=True)
        if start and end and end < start:
            raise fail(f"role {number}: end {end} is before start {start}")
        roles.append(Role(acts_for, role.strip(), start, end))
    return tuple(roles)


def _as_date(value: object, what: str, fail: Any, *, end: bool = False) -> date | None:
    """An ISO date; a bare year (2016) or year-month ("2016-09") means its first day for a
    start and its last day for an end, so that facts known only to the year stay honest."""
    if value is None or (isinstance(value, date) and not hasattr(value, "hour")):
        return value  # type: ignore[return-value]
    text = str(value).strip() if isinstance(value, int | str) else ""
    try:
        if re.fullmatch(r"\d{4}", text):
            return date(int(text), 12, 31) if end else date(int(text), 1, 1)
        if re.fullmatch(r"\d{4}-\d{2}", text):
            year, month = map(int, text.split("-"))
            first = date(year, month, 1)
            if not end:
                return first
            following = date(year + month // 12, month % 12 + 1, 1)
            return date.fromordinal(following.toordinal() - 1)
        if text:
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise fail(f"{what} {value!r} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)")


def _yaml_files(location: str | Path) -> list[Path]:
    path = Path(location)
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in {".yaml", ".yml"} and p.is_file())
    return [path]


def _builtin_files() -> list[Path]:
    return _yaml_files(ontology_file("actors"))


def load_gazetteer(extra: Iterable[str | Path] = ()) -> Gazetteer:
    """Load the built-in actor files and, after them, the user's own files.

    A user entry whose id is already known extends that actor: the keys it sets replace the
    stored ones, names and roles are added. It may then leave out ``label`` and ``type``.
    Each call returns a fresh gazetteer that the caller may change; parsed files are cached.

    Parameters
    ----------
    extra : iterable of str or Path
        User gazetteer files, or folders of ``*.yaml`` files, read in the order given.

    Returns
    -------
    Gazetteer

    Raises
    ------
    InputError
        For a malformed file or entry, naming the file and the entry's line: missing id,
        label or type; a bad ISO, Wikidata or CAMEO code; a duplicate id; an ``acts_for``
        that names no actor.

    Examples
    --------
    >>> gaz = load_gazetteer()
    >>> gaz.actor("russia").country
    'RUS'
    """
    gazetteer = Gazetteer()
    origin: dict[str, _Entry] = {}
    touched: list[_Entry] = []
    groups = [(False, _builtin_files())] + [(True, _yaml_files(p)) for p in extra]
    for is_user, files in groups:
        for path in files:
            for entry in _read_file(path, untrusted=is_user):
                previous = origin.get(entry.id)
                if previous is not None and not is_user:
                    where = previous.source + (f":{previous.line}" if previous.line else "")
                    raise entry.fail(f"duplicate id, already defined at {where}")
                _store(gazetteer, entry, gazetteer.actors.get(entry.id))
                origin.setdefault(entry.id, entry)
                touched.append(entry)
    for entry in touched:
        targets = [entry.fields.get("acts_for"), *(r.acts_for for r in entry.roles)]
        for target in targets:
            if target is not None and target not in gazetteer.actors:
                raise entry.fail(f"acts_for {target!r} names no actor in the gazetteer")
    for actor_id in list(gazetteer.actors):
        gazetteer._settle(actor_id)
    return gazetteer


def _store(gazetteer: Gazetteer, entry: _Entry, old: Actor | None) -> None:
    fields = entry.fields
    if old is None:
        for name in ("label", "type"):
            if name not in fields:
                raise entry.fail(f"missing {name!r}")
    label = fields.get("label", old.label if old else "")
    kind = fields.get("type", old.type if old else ActorType.STATE)
    country = fields.get("country") or fields.get("iso3")
    try:
        actor = Actor(
            id=entry.id,
            label=label,
            type=kind,
            aliases=entry.aliases,
            wikidata=fields.get("wikidata"),
            country=country,
            cameo=fields.get("cameo"),
            role=fields.get("role"),
            acts_for=fields.get("acts_for"),
            sector=fields.get("sector"),
        )
    except ValueError as exc:
        raise entry.fail(str(exc)) from None
    if fields.get("iso3") and kind is not ActorType.STATE:
        raise entry.fail("only a State has an iso3 code; use 'country' for whom it belongs to")
    if entry.period is not None:
        gazetteer._periods[entry.id] = entry.period
    for place, span in entry.name_periods.items():
        gazetteer._name_periods[(normalize_name(place), entry.id)] = span
    gazetteer._put(
        actor if old is None else _override(old, actor),
        demonyms=entry.demonyms, capitals=entry.capitals, seats=entry.seats, roles=entry.roles,
    )

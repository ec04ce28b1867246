"""Sector nouns, ethnic groups and collective references, from ``ontology/lexicon/sectors.yaml``
and ``ontology/lexicon/collectives.yaml``.

A sector actor is a country plus a sector, as CAMEO, ICEWS and PLOVER code actors ("the Israeli
police" is ISRCOP, "Syrian rebels" SYRREB). This module only reads and checks the word lists;
:class:`graphkit.extract.actors.ActorFinder` finds them in text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from graphkit.errors import InputError
from graphkit.extract.wordlists import file_mtime, read_mapping
from graphkit.model import ActorType
from graphkit.resources import ontology_file

__all__ = ["Collectives", "EthnicGroup", "Sector", "SectorLexicon", "load_collectives",
           "load_sectors"]

_CODE_RE = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True)
class Sector:
    """One sector: its code, whether it acts for its state, and the type of its actors."""

    code: str
    state: bool
    type: ActorType
    label: str
    # The kinds that name an actor with no country named ("rebels said").
    bare: frozenset[str] = frozenset()


@dataclass(frozen=True)
class EthnicGroup:
    """A people named apart from any state ("the Kurds", "Kurdish fighters")."""

    id: str
    code: str
    adjective: str
    names: tuple[str, ...] = ()


@dataclass
class SectorLexicon:
    """Sector nouns by their lower-case tokens, with the sector code and the kind they name."""

    sectors: dict[str, Sector] = field(default_factory=dict)
    nouns: dict[tuple[str, ...], tuple[str, str]] = field(default_factory=dict)
    groups: dict[str, EthnicGroup] = field(default_factory=dict)
    # lower-case adjective token -> group id ("kurdish" -> kurds); names likewise.
    group_adjectives: dict[tuple[str, ...], str] = field(default_factory=dict)
    group_names: dict[tuple[str, ...], str] = field(default_factory=dict)
    ethnic_markers: frozenset[str] = frozenset()
    # "-backed", "-led": after a name and a hyphen, the sector is the name's clients.
    sponsor_words: frozenset[str] = frozenset()
    # Last words of a name that give its actor type ("... Liberation Front": an armed group).
    name_heads: dict[str, ActorType] = field(default_factory=dict)
    # "pro-Russian separatists", "anti-Gaddafi protesters": before a name and a hyphen, words
    # that make the sector noun a stance towards the name, not the name's own sector.
    stance_prefixes: frozenset[str] = frozenset()
    # Kinds whose place ("mercenaries in Mali") is where they operate, not their country.
    foreign_kinds: frozenset[str] = frozenset()


@dataclass
class Collectives:
    """Phrases that name several actors at once."""

    names: dict[tuple[str, ...], str] = field(default_factory=dict)
    member_nouns: set[tuple[str, ...]] = field(default_factory=set)
    group_nouns: set[tuple[str, ...]] = field(default_factory=set)
    bare_group_nouns: set[tuple[str, ...]] = field(default_factory=set)
    group_gap: int = 2


def _tokens(text: str) -> tuple[str, ...]:
    from graphkit.extract.lexicon import _tokens as lexicon_tokens

    return lexicon_tokens(text)


def _words(value: Any, path: Path, what: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(path, f"{what} must be a list of non-empty strings")
    return [v.strip() for v in value]


def _parse_sectors(path: Path) -> SectorLexicon:
    data = read_mapping(path)
    lex = SectorLexicon()
    sectors = data.get("sectors")
    if not isinstance(sectors, dict) or not sectors:
        raise InputError(path, "'sectors' must map sector codes to {state, type, label, nouns}")
    for code, spec in sectors.items():
        where = f"sector {code!r}"
        if not isinstance(code, str) or not _CODE_RE.fullmatch(code):
            raise InputError(path, f"{where}: a sector code is three capital letters")
        if not isinstance(spec, dict) or not isinstance(spec.get("state"), bool):
            raise InputError(path, f"{where}: needs 'state: true' or 'state: false'")
        try:
            kind = ActorType(spec.get("type"))
        except ValueError:
            raise InputError(path, f"{where}: unknown type {spec.get('type')!r}") from None
        label = spec.get("label")
        if not isinstance(label, str) or not label.strip():
            raise InputError(path, f"{where}: needs a 'label'")
        nouns = spec.get("nouns") or {}
        if not isinstance(nouns, dict):
            raise InputError(path, f"{where}: 'nouns' maps a kind to its nouns")
        bare = spec.get("bare", False)
        if bare is True:
            bare = list(nouns)
        elif bare is False:
            bare = []
        bare_kinds = frozenset(_words(bare, path, f"{where}: bare"))
        if not bare_kinds <= set(nouns):
            raise InputError(path, f"{where}: 'bare' names a kind it does not have")
        lex.sectors[code] = Sector(code, spec["state"], kind, label.strip(), bare_kinds)
        for name, forms in nouns.items():
            for form in _words(forms, path, f"{where}: nouns of {name!r}"):
                key = _tokens(form)
                if key in lex.nouns and lex.nouns[key] != (code, name):
                    raise InputError(path, f"{where}: {form!r} is already a noun of "
                                           f"{lex.nouns[key][0]}")
                lex.nouns[key] = (code, str(name))
    for group_id, spec in (data.get("groups") or {}).items():
        if not isinstance(spec, dict) or not _CODE_RE.fullmatch(str(spec.get("code", ""))) \
                or not isinstance(spec.get("adjective"), str):
            raise InputError(path, f"group {group_id!r}: needs a three-letter code and an "
                                   "adjective")
        names = tuple(_words(spec.get("names"), path, f"group {group_id!r}: names"))
        group = EthnicGroup(str(group_id), spec["code"], spec["adjective"].strip(), names)
        lex.groups[group.id] = group
        lex.group_adjectives[_tokens(group.adjective)] = group.id
        for name in names:
            lex.group_names[_tokens(name)] = group.id
    heads = data.get("name_heads") or {}
    if not isinstance(heads, dict):
        raise InputError(path, "'name_heads' maps an actor type to head words")
    for type_name, head_words in heads.items():
        try:
            kind = ActorType(type_name)
        except ValueError:
            raise InputError(path, f"name_heads: unknown actor type {type_name!r}") from None
        for word in _words(head_words, path, f"name_heads of {type_name}"):
            lex.name_heads[word.lower()] = kind
    lex.sponsor_words = frozenset(w.lower() for w in _words(data.get("sponsor_words"), path,
                                                            "sponsor_words"))
    lex.ethnic_markers = frozenset(w.lower() for w in _words(data.get("ethnic_markers"), path,
                                                              "ethnic_markers"))
    lex.stance_prefixes = frozenset(w.lower() for w in _words(data.get("stance_prefixes"), path,
                                                               "stance_prefixes"))
    lex.foreign_kinds = frozenset(_words(data.get("foreign_kinds"), path, "foreign_kinds"))
    kinds = {kind for _, kind in lex.nouns.values()}
    if not lex.foreign_kinds <= kinds:
        raise InputError(path, f"foreign_kinds: {sorted(lex.foreign_kinds - kinds)} "
                               "name no kind of any sector")
    return lex


def _parse_collectives(path: Path) -> Collectives:
    data = read_mapping(path)
    out = Collectives()
    names = data.get("names") or {}
    if not isinstance(names, dict):
        raise InputError(path, "'names' maps an actor id to its phrases")
    for actor_id, phrases in names.items():
        for phrase in _words(phrases, path, f"names of {actor_id!r}"):
            words = _tokens(phrase)
            if words and words[0] == "the" and len(words) > 1:
                words = words[1:]
            out.names[words] = str(actor_id)
    out.member_nouns = {_tokens(p) for p in _words(data.get("member_nouns"), path,
                                                   "member_nouns")}
    out.group_nouns = {_tokens(p) for p in _words(data.get("group_nouns"), path, "group_nouns")}
    out.bare_group_nouns = {_tokens(p) for p in _words(data.get("bare_group_nouns"), path,
                                                       "bare_group_nouns")}
    out.group_nouns |= out.bare_group_nouns
    gap = data.get("group_gap", 2)
    if not isinstance(gap, int) or gap < 0:
        raise InputError(path, "group_gap is a whole number of words")
    out.group_gap = gap
    return out


@cache
def _cached_sectors(path: str, mtime: int) -> SectorLexicon:
    return _parse_sectors(Path(path))


@cache
def _cached_collectives(path: str, mtime: int) -> Collectives:
    return _parse_collectives(Path(path))


def load_sectors(path: str | Path | None = None) -> SectorLexicon:
    """The sector nouns and ethnic groups (``ontology/lexicon/sectors.yaml`` by default).

    Raises
    ------
    InputError
        For a file that is not valid YAML or breaks the format described at its top.

    Examples
    --------
    >>> lex = load_sectors()
    >>> lex.nouns[("police",)]
    ('COP', 'police')
    >>> lex.sectors["REB"].state
    False
    """
    file = Path(path) if path is not None else ontology_file("lexicon/sectors.yaml")
    return _cached_sectors(str(file), file_mtime(file))


def load_collectives(path: str | Path | None = None) -> Collectives:
    """The collective references (``ontology/lexicon/collectives.yaml`` by default).

    Examples
    --------
    >>> load_collectives().names[("western", "countries")]
    'west'
    """
    file = Path(path) if path is not None else ontology_file("lexicon/collectives.yaml")
    return _cached_collectives(str(file), file_mtime(file))

"""Descriptive references to the article's actors, from ``ontology/lexicon/references.yaml``.

"the kingdom", "the Gulf state", "the East African countries", "the junta", "the coup": this
module reads and checks the word lists; :class:`graphkit.extract.actors.ActorFinder` finds the
phrases in text and resolves them to actors the article has named.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from graphkit.errors import InputError
from graphkit.extract.wordlists import file_mtime, read_mapping, word_list
from graphkit.resources import ontology_file

__all__ = ["References", "load_references"]


@dataclass(frozen=True)
class References:
    """The descriptive reference words by their lower-case tokens."""

    state_heads: frozenset[tuple[str, ...]] = frozenset()
    needs_qualifier: frozenset[str] = frozenset()
    not_qualifiers: frozenset[str] = frozenset()
    not_after: frozenset[str] = frozenset()
    # describing word -> the ISO3 codes of the states it allows ("gulf" -> SAU, ARE ...)
    qualifier_states: dict[str, frozenset[str]] = field(default_factory=dict)
    group_heads: frozenset[tuple[str, ...]] = frozenset()
    military_refs: frozenset[tuple[str, ...]] = frozenset()
    military_qualifiers: frozenset[str] = frozenset()
    sentence_openers: frozenset[str] = frozenset()
    # head noun -> the words a state's names must hold for it ("kingdom" -> kingdom)
    state_forms: dict[str, frozenset[str]] = field(default_factory=dict)
    seizing_refs: frozenset[tuple[str, ...]] = frozenset()
    person_group_heads: frozenset[str] = frozenset()
    part_nouns: frozenset[str] = frozenset()


def _tokens(text: str) -> tuple[str, ...]:
    from graphkit.extract.lexicon import _tokens as lexicon_tokens

    return lexicon_tokens(text)



def load_references(path: str | Path | None = None) -> References:
    """The descriptive references (``ontology/lexicon/references.yaml`` by default).

    Examples
    --------
    >>> refs = load_references()
    >>> ("kingdom",) in refs.state_heads, "SAU" in refs.qualifier_states["gulf"]
    (True, True)
    """
    file = Path(path) if path is not None else ontology_file("lexicon/references.yaml")
    return _cached(str(file), file_mtime(file))


@cache
def _cached(file: str, _mtime: int) -> References:
    path = Path(file)
    data = read_mapping(path)
    qualifiers = data.get("qualifier_states") or {}
    if not isinstance(qualifiers, dict):
        raise InputError(path, "qualifier_states: expected a mapping of word -> ISO3 codes")
    states: dict[str, frozenset[str]] = {}
    for word, codes in qualifiers.items():
        if not isinstance(codes, list) or not all(
                isinstance(c, str) and len(c) == 3 and c.isupper() for c in codes):
            raise InputError(path, f"qualifier_states {word}: expected a list of ISO3 codes")
        states[str(word).lower()] = frozenset(codes)
    forms = data.get("state_forms") or {}
    if not isinstance(forms, dict) or not all(
            isinstance(v, list) and all(isinstance(w, str) for w in v) for v in forms.values()):
        raise InputError(path, "state_forms: expected a mapping of noun -> words")
    return References(
        state_forms={str(k).lower(): frozenset(w.lower() for w in v) for k, v in forms.items()},
        seizing_refs=frozenset(_tokens(w) for w in word_list(data, "seizing_refs", path)),
        person_group_heads=frozenset(word_list(data, "person_group_heads", path)),
        part_nouns=frozenset(word_list(data, "part_nouns", path)),
        state_heads=frozenset(_tokens(w) for w in word_list(data, "state_heads", path)),
        needs_qualifier=frozenset(word_list(data, "needs_qualifier", path)),
        not_qualifiers=frozenset(word_list(data, "not_qualifiers", path)),
        not_after=frozenset(word_list(data, "not_after", path)),
        qualifier_states=states,
        group_heads=frozenset(_tokens(w) for w in word_list(data, "group_heads", path)),
        military_refs=frozenset(_tokens(w) for w in word_list(data, "military_refs", path)),
        military_qualifiers=frozenset(word_list(data, "military_qualifiers", path)),
        sentence_openers=frozenset(word_list(data, "sentence_openers", path)),
    )

"""Stances carried by relational nouns and compounds rather than by a verb.

"NATO ally Turkey", "Russia's closest ally, Belarus,", "Iran, another backer of Assad,",
"Y is X's main rival", "Iranian-allied militias", "pro-Russian separatists": the noun (or
the compound) relates the actor it names, the *referent*, to the actor it is relative to,
the *anchor*. The words come from ``ontology/lexicon/relations.yaml``; this module only
knows the shapes of the phrases, over the token arrays of one sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from graphkit.extract.actors import Mention
from graphkit.extract.lexicon import Lexicon

__all__ = ["Relation", "RelationFinder"]

_POSSESSIVE_MARKS = {"'s", "’s", "'", "’", "`s"}


@dataclass(frozen=True)
class Relation:
    """One reading: ``holders`` hold ``type`` toward ``targets``; the trigger is the token
    range ``[start, end)``."""

    holders: tuple[Mention, ...]
    type: str
    targets: tuple[Mention, ...]
    start: int
    end: int
    symmetric: bool = False


class RelationFinder:
    """Reads relational nouns, compounds and prefixes in one sentence at a time.

    Parameters
    ----------
    lexicon : Lexicon
        Its ``relations`` word lists, and the negation and be-form cues.
    """

    def __init__(self, lexicon: Lexicon) -> None:
        rel = lexicon.relations
        self.nouns = rel.nouns
        self.modifiers = rel.modifiers
        self.determiners = rel.determiners
        self.person_pronouns = rel.person_pronouns
        self.thing_pronouns = rel.thing_pronouns
        self.compounds = rel.compounds
        self.prefixes = rel.prefixes
        self.negation = frozenset(lexicon.negation)
        self.be_forms = frozenset(lexicon.be_forms) | {"remains", "remained", "became",
                                                       "becomes", "become", "remain"}
        self.words = frozenset(self.nouns) | frozenset(self.compounds) | frozenset(self.prefixes)
        self._verbs: frozenset[int] = frozenset()
        # Words a compound's referent cannot lie beyond ("allied militia in Yemen").
        self.stops = frozenset(lexicon.blocking_preps) | frozenset(lexicon.clause_breaks) \
            | frozenset(lexicon.relative) | {"and", "or"}

    def find(self, lw: Sequence[str], tx: Sequence[str], spaces: Sequence[bool], lo: int,
             hi: int, mentions: list[Mention], is_person: Callable[[str], bool],
             verbs: frozenset[int] = frozenset()) -> list[Relation]:
        """The relations of tokens ``[lo, hi)``, whose actor mentions are ``mentions``;
        ``verbs`` are the positions of verb triggers, which end a compound's reach."""
        self._verbs = verbs
        if self.words.isdisjoint(lw[lo:hi]):
            return []
        by_start = {m.start: m for m in mentions}
        by_end = {m.end: m for m in mentions}
        groups: dict[int, list[Mention]] = {}
        for m in mentions:
            groups.setdefault(m.group, []).append(m)
        out: list[Relation] = []
        for i in range(lo, hi):
            word = lw[i]
            if word in self.nouns:
                found = self._noun(lw, tx, i, lo, hi, mentions, by_start, by_end, groups,
                                   is_person)
            elif word in self.compounds:
                found = self._compound(lw, tx, spaces, i, hi, by_start, by_end, groups)
            elif word in self.prefixes:
                found = self._prefix(lw, tx, spaces, i, hi, by_start, groups)
            else:
                continue
            if found is not None:
                out.append(found)
        return out

    # -- the shapes ---------------------------------------------------------------------------

    def _noun(self, lw, tx, i, lo, hi, mentions, by_start, by_end, groups,
              is_person) -> Relation | None:
        noun = self.nouns[lw[i]]
        j = i - 1
        while j >= lo and lw[j] in self.modifiers:
            j -= 1
        anchor: Mention | None = None
        referent: list[Mention] | None = None
        left = j  # the first token before the noun phrase
        if j >= lo and lw[j] in _POSSESSIVE_MARKS and by_end.get(j) is not None:
            anchor = by_end[j]  # "Russia's closest ally"
            left = anchor.start - 1
        elif j >= lo and by_end.get(j + 1) is not None:
            anchor = by_end[j + 1]
            if anchor.possessive:
                left = anchor.start - 1
            else:
                # "NATO ally Turkey": the anchor as a title; the referent must follow.
                after = self._after(lw, tx, i + 1, hi, by_start, groups)
                if after is None or self._negated(lw, anchor.start, lo):
                    return None
                return self._make(noun, after, [anchor], i)
        elif j >= lo and (lw[j] in self.person_pronouns or lw[j] in self.thing_pronouns):
            person = lw[j] in self.person_pronouns
            anchor = next((m for m in reversed(mentions) if m.end <= j and not m.possessive
                           and is_person(m.actor) == person), None)
            if anchor is None:
                return None
            left = j - 1
        elif j >= lo and lw[j] in self.determiners and i + 1 < hi and lw[i + 1] == "of":
            k = i + 2
            if k < hi and lw[k] == "the":
                k += 1
            target = by_start.get(k)
            if target is None:
                return None
            anchor = target
            referent = self._before(lw, tx, j - 1, lo, by_end, groups)
            # "but not Iran, another backer of X": a negation before an apposition is not
            # the apposition's; "Y is not a backer of X" is.
            if referent is None or (tx[j - 1] != "," and self._negated(lw, j, lo)):
                return None
            return self._make(noun, referent, [anchor], i)
        if anchor is None:
            return None
        if self._negated(lw, left + 1, lo):
            return None
        referent = self._after(lw, tx, i + 1, hi, by_start, groups)
        if referent is None:
            referent = self._before(lw, tx, left, lo, by_end, groups)
        if referent is None:
            return None
        return self._make(noun, referent, self._group(anchor, groups), i)

    def _compound(self, lw, tx, spaces, i, hi, by_start, by_end, groups) -> Relation | None:
        # "Iranian-backed militia": the actor, a hyphen with no spaces, the participle.
        if i < 2 or tx[i - 1] != "-" or spaces[i - 1] or spaces[i - 2]:
            return None
        anchor = by_end.get(i - 1)
        if anchor is None:
            return None
        referent = self._after(lw, tx, i + 1, hi, by_start, groups, reach=3)
        if referent is None:
            return None
        return Relation(tuple(self._group(anchor, groups)), self.compounds[lw[i]],
                        tuple(referent), anchor.start, i + 1)

    def _prefix(self, lw, tx, spaces, i, hi, by_start, groups) -> Relation | None:
        # "pro-Russian separatists": the prefix, a hyphen with no spaces, the actor.
        if i + 2 >= hi or tx[i + 1] != "-" or spaces[i] or spaces[i + 1]:
            return None
        anchor = by_start.get(i + 2)
        if anchor is None:
            return None
        referent = self._after(lw, tx, anchor.end, hi, by_start, groups, reach=3)
        if referent is None:
            return None
        return Relation(tuple(referent), self.prefixes[lw[i]], (anchor,), i, anchor.end)

    # -- helpers ------------------------------------------------------------------------------

    def _make(self, noun, referent: list[Mention], anchor: list[Mention], i: int) -> Relation:
        if noun.holder == "referent":
            holders, targets = referent, anchor
        else:
            holders, targets = anchor, referent
        return Relation(tuple(holders), noun.type, tuple(targets), i, i + 1, noun.symmetric)

    def _after(self, lw, tx, k, hi, by_start, groups, reach: int = 1) -> list[Mention] | None:
        """The referent right after the noun: "ally Turkey", "ally, Turkey," (``reach``
        words may come between: "Iranian-backed Houthi rebels")."""
        if k < hi and tx[k] == ",":
            k += 1
        for step in range(reach):
            m = by_start.get(k + step)
            if m is not None:
                if m.possessive:
                    return None  # "the ally of Russia's ..." belongs to the next phrase
                # "NATO ally Turkey and U.S. foe Iran": the list ends where the next
                # relational phrase begins.
                out = []
                for member in sorted(self._group(m, groups), key=lambda x: x.start):
                    if member.start < m.start:
                        continue
                    if member is not m and member.end < hi and (
                            lw[member.end] in self.nouns or lw[member.end] in self.modifiers):
                        break
                    out.append(member)
                return out
            if k + step >= hi or not lw[k + step].isalpha() or (k + step) in self._verbs \
                    or lw[k + step] in self.stops:
                return None
        return None

    def _before(self, lw, tx, k, lo, by_end, groups) -> list[Mention] | None:
        """The referent before the noun phrase: an apposition ("Y, a backer of X") or the
        subject of a predicative ("Y is a backer of X"); ``k`` is the token before it."""
        if k < lo:
            return None
        if tx[k] == ",":
            m = by_end.get(k)
            return self._group(m, groups) if m is not None and not m.possessive else None
        if lw[k] in self.be_forms:
            j = k - 1
            while j >= lo and lw[j] in {"also", "still", "now", "long", "been", "has",
                                        "have", "had", "always"}:
                j -= 1
            m = by_end.get(j + 1)
            return self._group(m, groups) if m is not None and not m.possessive else None
        return None

    def _negated(self, lw, start: int, lo: int) -> bool:
        return any(lw[k] in self.negation for k in range(max(lo, start - 3), start))

    @staticmethod
    def _group(m: Mention, groups: dict[int, list[Mention]]) -> list[Mention]:
        return groups.get(m.group) or [m]

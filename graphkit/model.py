"""The small, frozen records that graphkit passes around: actors, evidence and stances.

The model knows no file format and no ontology file; it only names things. Polarity and
intensity of a stance are filled in from the ontology by whoever creates the stance
(see :func:`graphkit.ontology.make_stance`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

__all__ = [
    "Actor",
    "ActorType",
    "Evidence",
    "Polarity",
    "Stance",
    "dominant_code",
    "slugify",
]


class ActorType(StrEnum):
    """The kinds of actor; values are the local names of the OWL classes."""

    STATE = "State"
    PERSON = "Person"
    ORGANIZATION = "Organization"
    GOVERNMENT_BODY = "GovernmentBody"
    INTERNATIONAL_ORGANIZATION = "InternationalOrganization"
    ARMED_GROUP = "ArmedGroup"
    POLITICAL_PARTY = "PoliticalParty"
    MEDIA = "Media"


class Polarity(StrEnum):
    """Whether a stance is cooperative, conflictual, or neither."""

    COOPERATION = "cooperation"
    CONFLICT = "conflict"
    NEUTRAL = "neutral"

    @property
    def sign(self) -> int:
        """+1 for cooperation, -1 for conflict, 0 for neutral."""
        return {"cooperation": 1, "conflict": -1, "neutral": 0}[self.value]


_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_]*$")
# CAMEO event codes: a root "01".."20", then up to two more digits ("195", "1041").
_CAMEO_RE = re.compile(r"(0[1-9]|1[0-9]|20)[0-9]{0,2}")


def slugify(text: str) -> str:
    """Make a canonical id from a name: ASCII, lower case, words joined by ``_``.

    Examples
    --------
    >>> slugify("Nicolás Maduro")
    'nicolas_maduro'
    >>> slugify("U.S. State Department")
    'u_s_state_department'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")
    return slug or "unnamed"


def is_valid_id(actor_id: str) -> bool:
    """Canonical ids are ``[a-z0-9][a-z0-9_]*`` so that they are always safe in an IRI."""
    return bool(_ID_RE.fullmatch(actor_id))


@dataclass(frozen=True)
class Actor:
    """A node of the graph: a state, a body, a person, an organisation or a group.

    ``country`` is the ISO 3166-1 alpha-3 code of the state the actor is or acts for;
    ``acts_for`` the canonical id of the actor it acts for (a minister for a state, a
    spokesperson for a ministry).
    """

    id: str
    label: str
    type: ActorType
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    country: str | None = None
    cameo: str | None = None
    role: str | None = None
    acts_for: str | None = None

    def __post_init__(self) -> None:
        if not is_valid_id(self.id):
            raise ValueError(f"invalid actor id {self.id!r}: use [a-z0-9_] only")
        if not self.label.strip():
            raise ValueError(f"actor {self.id!r} has an empty label")
        # A set of names: duplicates would not survive RDF (and a list is unhashable).
        object.__setattr__(self, "aliases", tuple(dict.fromkeys(self.aliases)))
        if not isinstance(self.type, ActorType):
            object.__setattr__(self, "type", ActorType(self.type))
        if self.wikidata is not None and not re.fullmatch(r"Q[1-9][0-9]*", self.wikidata):
            raise ValueError(f"actor {self.id!r}: {self.wikidata!r} is not a Wikidata item id")
        if self.country is not None and not re.fullmatch(r"[A-Z]{3}", self.country):
            raise ValueError(f"actor {self.id!r}: {self.country!r} is not an ISO alpha-3 code")

    def merged_with(self, other: Actor) -> Actor:
        """This actor with the gaps filled and aliases added from ``other`` (same id)."""
        if other.id != self.id:
            raise ValueError(f"cannot merge actor {other.id!r} into {self.id!r}")
        aliases = tuple(dict.fromkeys(self.aliases + other.aliases))
        return Actor(
            id=self.id,
            label=self.label,
            type=self.type,
            aliases=aliases,
            wikidata=self.wikidata or other.wikidata,
            country=self.country or other.country,
            cameo=self.cameo or other.cameo,
            role=self.role or other.role,
            acts_for=self.acts_for or other.acts_for,
        )


@dataclass(frozen=True)
class Evidence:
    """Where a stance was read: the article, the sentence, and how sure we are.

    ``date`` is the date of the stance according to this evidence (a relative date such as
    "on Wednesday" already resolved); ``published`` is the article's own date. ``speaker``
    is the canonical id of the actor who made the statement, when the stance is reported
    speech. ``start`` and ``end`` are character offsets of the sentence in the article text.
    ``cameo`` is the CAMEO event code of the lexicon entry that fired ("195": employ aerial
    weapons) and ``goldstein`` that code's Goldstein value (-10.0): per evidence, since one
    edge collects sentences read with different codes (see :func:`dominant_code`).
    """

    article: str
    sentence: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    date: date | None = None
    published: date | None = None
    start: int | None = None
    end: int | None = None
    speaker: str | None = None
    trigger: str | None = None
    extractor: str = "graphkit"
    confidence: float = 1.0
    cameo: str | None = None
    goldstein: float | None = None

    def __post_init__(self) -> None:
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence {self.confidence} is outside [0, 1]")
        if self.cameo is not None and not _CAMEO_RE.fullmatch(self.cameo):
            raise ValueError(f"{self.cameo!r} is not a CAMEO event code (two to four digits)")
        if self.goldstein is not None and not -10.0 <= self.goldstein <= 10.0:
            raise ValueError(f"goldstein {self.goldstein} is outside the Goldstein scale")
        if (self.start is None) != (self.end is None):
            raise ValueError("start and end go together")
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"span end {self.end} is before start {self.start}")


@dataclass(frozen=True)
class Stance:
    """A directed, typed relation between two actors, with the evidence for it.

    ``predicate`` is the name of a stance type of the ontology (``recognizes``,
    ``threatens``, ``acts_for`` ...); ``intensity`` is its Goldstein-scale value.
    """

    subject: str
    predicate: str
    object: str
    polarity: Polarity
    intensity: float
    date: date | None = None
    evidence: tuple[Evidence, ...] = field(default=())

    def __post_init__(self) -> None:
        if not isinstance(self.polarity, Polarity):
            object.__setattr__(self, "polarity", Polarity(self.polarity))
        if not -10.0 <= self.intensity <= 10.0:
            raise ValueError(f"intensity {self.intensity} is outside the Goldstein scale")

    @property
    def key(self) -> tuple[str, str, str]:
        """The identity of a stance: the same key from several articles is one edge."""
        return (self.subject, self.predicate, self.object)

    @property
    def confidence(self) -> float:
        """The best confidence among the evidence (1.0 with no evidence)."""
        return max((e.confidence for e in self.evidence), default=1.0)

    @property
    def cameo(self) -> str | None:
        """The CAMEO event code most of the evidence was read with (see
        :func:`dominant_code`); None when no evidence carries one."""
        return dominant_code(self.evidence)[0]

    @property
    def goldstein(self) -> float | None:
        """The Goldstein value of :attr:`cameo`."""
        return dominant_code(self.evidence)[1]


def dominant_code(evidence: Iterable[Evidence]) -> tuple[str | None, float | None]:
    """The CAMEO code (and its Goldstein value) that most of the evidence carries.

    An edge is one (subject, type, object) triple; its sentences may have fired entries
    with different codes ("shelled" 195, "raided" 190). The code a majority carries
    stands for the edge; a tie goes to the code of the most confident evidence, then to
    the first.

    Examples
    --------
    >>> ev = [Evidence("a", "s", cameo="190", goldstein=-10.0),
    ...       Evidence("a", "t", cameo="195", goldstein=-10.0, confidence=0.7),
    ...       Evidence("b", "u", cameo="195", goldstein=-10.0, confidence=0.6)]
    >>> dominant_code(ev)
    ('195', -10.0)
    """
    counts: dict[str, list[Any]] = {}
    for e in evidence:
        if e.cameo is None:
            continue
        entry = counts.get(e.cameo)
        if entry is None:
            counts[e.cameo] = [1, e.confidence, e.goldstein]
        else:
            entry[0] += 1
            entry[1] = max(entry[1], e.confidence)
            if entry[2] is None:
                entry[2] = e.goldstein
    if not counts:
        return None, None
    # max() keeps the first of equal keys: dicts keep the evidence order.
    code = max(counts, key=lambda c: (counts[c][0], counts[c][1]))
    return code, counts[code][2]

"""Stance types read from ``ontology/graphkit.ttl``: hierarchy, polarity, intensity and codes.

The ontology file is the single source of these facts; this module only reads it. Stance
types are the ``gk:StanceType`` individuals of the file, their parents come from
``rdfs:subPropertyOf``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import rdflib
from rdflib.namespace import RDF, RDFS, SKOS

from graphkit.errors import InputError
from graphkit.model import Evidence, Polarity, Stance
from graphkit.resources import ontology_file

__all__ = [
    "GK",
    "GKD",
    "CameoCode",
    "Ontology",
    "StanceType",
    "cameo_codebook",
    "load_ontology",
    "make_stance",
]

GK = rdflib.Namespace("https://w3id.org/graphkit/ontology#")
GKD = rdflib.Namespace("https://w3id.org/graphkit/id/")

_ROLE_TOP = "role"


@dataclass(frozen=True)
class StanceType:
    """One stance type of the ontology.

    ``goldstein`` is its intensity on the Goldstein scale (-10 to +10); ``cameo`` its CAMEO
    root code ("05"), ``plover`` its PLOVER event type ("SUPPORT"); ``is_role`` whether it is
    a role relation (``acts_for`` and kin) rather than a stance proper. ``cameo_roots`` holds
    every CAMEO root the type covers (``cameo`` first among them: the root of its
    representative ``cameo_code``), ``cameo_code`` that representative event code ("051").
    """

    name: str
    label: str
    parent: str | None
    polarity: Polarity
    goldstein: float
    cameo: str | None
    plover: str | None
    is_role: bool
    definition: str
    cameo_roots: frozenset[str] = frozenset()
    cameo_code: str | None = None


class Ontology:
    """The stance types of an ontology file, with their hierarchy.

    Parameters
    ----------
    types : iterable of StanceType

    Examples
    --------
    >>> ont = load_ontology()
    >>> ont["threatens"].polarity.value
    'conflict'
    >>> ont.is_a("threatens", "opposes")
    True
    >>> ont.ancestors("expels")
    ['cuts_ties', 'opposes', 'stance']
    """

    def __init__(self, types: Iterable[StanceType]) -> None:
        self.types: dict[str, StanceType] = {t.name: t for t in types}
        self._children: dict[str, list[str]] = {name: [] for name in self.types}
        for t in self.types.values():
            if t.parent is not None:
                self._children.setdefault(t.parent, []).append(t.name)

    def __getitem__(self, name: str) -> StanceType:
        try:
            return self.types[name]
        except KeyError:
            close = difflib.get_close_matches(str(name), list(self.types), n=3, cutoff=0.6)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise KeyError(f"unknown stance type {name!r}{hint}") from None

    def __contains__(self, name: object) -> bool:
        return name in self.types

    def __iter__(self):
        return iter(self.types)

    def __len__(self) -> int:
        return len(self.types)

    def descendants(self, name: str, include_self: bool = True) -> set[str]:
        """The names of ``name`` and all stance types below it.

        Examples
        --------
        >>> sorted(load_ontology().descendants("cuts_ties"))
        ['cuts_ties', 'expels']
        """
        self[name]
        found: set[str] = {name} if include_self else set()
        todo = list(self._children.get(name, ()))
        while todo:
            child = todo.pop()
            if child not in found:
                found.add(child)
                todo.extend(self._children.get(child, ()))
        return found

    def ancestors(self, name: str) -> list[str]:
        """The parents of ``name``, nearest first, up to the top."""
        out: list[str] = []
        parent = self[name].parent
        while parent is not None and parent not in out:
            out.append(parent)
            parent = self.types[parent].parent if parent in self.types else None
        return out

    def is_a(self, name: str, ancestor: str) -> bool:
        """Whether ``name`` is ``ancestor`` or a kind of it."""
        return name == ancestor or ancestor in self.ancestors(name)

    @property
    def role_predicates(self) -> frozenset[str]:
        """The role relations (``role`` and everything below it)."""
        return frozenset(t.name for t in self.types.values() if t.is_role)

    def stance(
        self,
        subject: str,
        predicate: str,
        object: str,
        *,
        date: date | None = None,
        evidence: Iterable[Evidence] = (),
    ) -> Stance:
        """A Stance with its polarity and intensity taken from the stance type.

        Raises
        ------
        KeyError
            If ``predicate`` is no stance type of this ontology (the message names close ones).

        Examples
        --------
        >>> s = load_ontology().stance("united_states", "recognizes", "juan_guaido")
        >>> (s.polarity.value, s.intensity)
        ('cooperation', 6.0)
        """
        kind = self[predicate]
        return Stance(
            subject=subject,
            predicate=predicate,
            object=object,
            polarity=kind.polarity,
            intensity=kind.goldstein,
            date=date,
            evidence=tuple(evidence),
        )

    def __repr__(self) -> str:
        return f"<Ontology {len(self.types)} stance types>"


def _local_name(term: rdflib.term.Node) -> str | None:
    text = str(term)
    return text[len(GK):] if text.startswith(str(GK)) else None


def _parse(path: Path) -> Ontology:
    graph = rdflib.Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several unrelated types for bad syntax
        line = getattr(exc, "lines", None)  # rdflib's BadSyntax counts lines from 0
        raise InputError(
            path, f"cannot read the ontology: {exc}", line + 1 if line is not None else None
        ) from exc
    declared = {s for s in graph.subjects(RDF.type, GK.StanceType) if _local_name(s)}
    parents: dict[str, str | None] = {}
    for node in declared:
        supers = [p for p in graph.objects(node, RDFS.subPropertyOf) if p in declared]
        if len(supers) > 1:
            raise InputError(path, f"stance type {node} has several parent stance types")
        parents[_local_name(node)] = _local_name(supers[0]) if supers else None

    def is_role(name: str | None) -> bool:
        seen = set()
        while name is not None and name not in seen:
            if name == _ROLE_TOP:
                return True
            seen.add(name)
            name = parents.get(name)
        return False

    types = []
    for node in sorted(declared):
        name = _local_name(node)
        polarity_node = graph.value(node, GK.polarity)
        polarity_name = _local_name(polarity_node) if polarity_node is not None else None
        try:
            polarity = Polarity(polarity_name or "neutral")
        except ValueError:
            raise InputError(
                path, f"stance type {name}: unknown polarity {polarity_node}"
            ) from None
        goldstein = graph.value(node, GK.goldstein)
        roots = sorted(str(r) for r in graph.objects(node, GK.cameoRoot))
        code = graph.value(node, GK.cameoCode)
        cameo = str(code)[:2] if code is not None and str(code)[:2] in roots else \
            (roots[0] if roots else None)
        plover = graph.value(node, GK.ploverType)
        label = graph.value(node, RDFS.label)
        definition = graph.value(node, SKOS.definition)
        types.append(
            StanceType(
                name=name,
                label=str(label) if label is not None else name.replace("_", " "),
                parent=parents[name],
                polarity=polarity,
                goldstein=float(goldstein.toPython()) if goldstein is not None else 0.0,
                cameo=str(cameo) if cameo is not None else None,
                plover=str(plover) if plover is not None else None,
                is_role=is_role(name),
                definition=str(definition) if definition is not None else "",
                cameo_roots=frozenset(roots),
                cameo_code=str(code) if code is not None else None,
            )
        )
    return Ontology(types)


@cache
def _default_ontology() -> Ontology:
    return _parse(ontology_file("graphkit.ttl"))


def load_ontology(path: str | Path | None = None) -> Ontology:
    """Read the stance types of an ontology file (graphkit's own by default, cached).

    Parameters
    ----------
    path : path, optional
        A Turtle file in graphkit's vocabulary; ``None`` for the bundled ``graphkit.ttl``.

    Returns
    -------
    Ontology

    Raises
    ------
    InputError
        If the file cannot be parsed or declares an inconsistent hierarchy.

    Examples
    --------
    >>> "recognizes" in load_ontology()
    True
    """
    if path is None:
        return _default_ontology()
    return _parse(Path(path))


def make_stance(
    subject: str,
    predicate: str,
    object: str,
    *,
    date: date | None = None,
    evidence: Iterable[Evidence] = (),
) -> Stance:
    """A Stance with polarity and intensity from graphkit's own ontology.

    Examples
    --------
    >>> make_stance("russia", "threatens", "ukraine").intensity
    -7.0
    """
    return _default_ontology().stance(subject, predicate, object, date=date, evidence=evidence)


# --- the CAMEO event codebook ------------------------------------------------------------------

#: Where the codebook table may live (the first that exists is read).
_CODEBOOK_PATHS = (("lexicon", "cameo", "codebook.tsv"), ("cameo_codebook.tsv",))


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code: its name, Goldstein value and graphkit stance type."""

    code: str
    name: str
    goldstein: float
    stance_type: str

    @property
    def root(self) -> str:
        """The two-digit CAMEO root ("19" for "195")."""
        return self.code[:2]


def cameo_codebook(path: str | Path | None = None) -> dict[str, CameoCode]:
    """The CAMEO event codes of a tab-separated table with the header ``code``, ``name``,
    ``goldstein``, ``stance_type``; graphkit's own table by default (an empty mapping while
    there is none).

    Raises
    ------
    InputError
        For a malformed line (bad header, code, cell count or Goldstein value), naming the
        file and the line.

    Examples
    --------
    >>> book = cameo_codebook()
    >>> all(code.isdigit() for code in book)
    True
    """
    if path is None:
        return _default_codebook()
    return _read_codebook(Path(path))


@cache
def _default_codebook() -> dict[str, CameoCode]:
    for parts in _CODEBOOK_PATHS:
        candidate = ontology_file(*parts)
        if candidate.is_file():
            return _read_codebook(candidate)
    return {}


_COLUMNS = ["code", "name", "goldstein", "stance_type"]


def _read_codebook(path: Path) -> dict[str, CameoCode]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror}") from None
    if not lines or lines[0].split("\t") != _COLUMNS:
        raise InputError(path, f"the header must be {' / '.join(_COLUMNS)} (tab-separated)", 1)
    out: dict[str, CameoCode] = {}
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != 4:
            raise InputError(path, f"expected 4 tab-separated cells, got {len(cells)}", number)
        code, name, goldstein, stance_type = (c.strip() for c in cells)
        if not (code.isdigit() and len(code) in (3, 4) and "01" <= code[:2] <= "20"):
            raise InputError(path, f"{code!r} is not a CAMEO event code (010 ... 2042)", number)
        if code in out:
            raise InputError(path, f"code {code} is listed twice", number)
        try:
            value = float(goldstein)
        except ValueError:
            raise InputError(path, f"code {code}: Goldstein value {goldstein!r} is not a number",
                             number) from None
        if not -10.0 <= value <= 10.0:
            raise InputError(path, f"code {code}: Goldstein value must be in [-10, 10]", number)
        out[code] = CameoCode(code, name, value, stance_type)
    return out

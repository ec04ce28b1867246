"""The library of named SPARQL queries (``ontology/queries/*.rq``) and safe parameter binding.

Each ``.rq`` file starts with a header of comments::

    # name: opposes
    # description: Who opposes the actor ...
    # param: actor actor -- the actor opposed (a name, alias or id)
    # param: since date optional -- only evidence on or after this day
    # param: type stance_type default=stance -- a stance type name

A parameter ``x`` is the variable ``?x`` of the query. Values are never pasted into the query
text: each becomes an RDF term (an actor IRI resolved through the gazetteer, a stance type
IRI checked against the ontology, or a typed literal), pyoxigraph renders the term (which
escapes it), and the terms are joined to the query as one ``VALUES`` row at the start of its
``WHERE`` group. A name with quotes or braces therefore only changes the value looked for.

The queries reach subtypes through ``rdfs:subPropertyOf*`` paths over the ontology graph
loaded with the data rather than by materialising the RDFS closure on load: article graphs
are replaced on every reload and inferred triples would have to be recomputed with them, a
changed ontology takes effect by reloading one small graph, and any SPARQL 1.1 server
evaluates the paths without a reasoner.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from graphkit.errors import InputError
from graphkit.model import is_valid_id, slugify
from graphkit.resources import ontology_dir

__all__ = [
    "ACTOR_LABELS",
    "NamedQuery",
    "Parameter",
    "actor_arguments",
    "ask_actor",
    "bind",
    "load_queries",
    "nearest_names",
    "resolve_actor",
]

GK = "https://w3id.org/graphkit/ontology#"
ACTOR = "https://w3id.org/graphkit/id/actor/"
_XSD = "http://www.w3.org/2001/XMLSchema#"

KINDS = ("actor", "stance_type", "date", "string", "integer")
_NAME_RE = re.compile(r"[a-z][a-z0-9_]*")
_PARAM_RE = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<kind>[a-z_]+)(?P<flags>(?:\s+[^\s-][^\s]*)*)"
    r"\s*(?:--\s*(?P<help>.*))?$"
)
_WHERE_RE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


@dataclass(frozen=True)
class Parameter:
    """One parameter of a named query: its variable name, kind, and whether it is needed."""

    name: str
    kind: str
    required: bool = True
    default: str | None = None
    description: str = ""


@dataclass(frozen=True)
class NamedQuery:
    """A query of the library: name, description, parameters, and the SPARQL text."""

    name: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str
    path: Path

    def parameter(self, name: str) -> Parameter:
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        known = ", ".join(p.name for p in self.parameters) or "none"
        raise InputError(self.path, f"query {self.name!r} has no parameter {name!r} "
                                    f"(parameters: {known})")

    def signature(self) -> str:
        """``name actor=<actor> [since=<date>]`` for listings."""
        parts = [self.name]
        for p in self.parameters:
            text = f"{p.name}=<{p.kind}>"
            parts.append(text if p.required else f"[{text}]")
        return " ".join(parts)


def _parse_header(path: Path, text: str) -> NamedQuery:
    name = description = None
    parameters: list[Parameter] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        key, _, value = stripped.lstrip("#").strip().partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "name":
            if not _NAME_RE.fullmatch(value):
                raise InputError(path, f"query name {value!r} must be snake_case", number)
            name = value
        elif key == "description":
            description = value
        elif key == "param":
            parameters.append(_parse_param(path, value, number))
    if name is None:
        raise InputError(path, "the header has no '# name:' line", 1)
    if not _WHERE_RE.search(text) and parameters:
        raise InputError(path, "a query with parameters needs a 'WHERE {' group")
    try:
        ox.Store().query(text)
    except SyntaxError as exc:
        raise InputError(path, f"invalid SPARQL: {exc}") from None
    return NamedQuery(name, description or "", tuple(parameters), text, path)


def _parse_param(path: Path, value: str, line: int) -> Parameter:
    match = _PARAM_RE.match(value)
    if not match:
        raise InputError(path, f"cannot read parameter {value!r}: use "
                               "'NAME KIND [optional] [default=VALUE] -- description'", line)
    kind = match["kind"]
    if kind not in KINDS:
        raise InputError(path, f"unknown parameter kind {kind!r}; use {', '.join(KINDS)}", line)
    required, default = True, None
    for flag in (match["flags"] or "").split():
        if flag == "optional":
            required = False
        elif flag.startswith("default="):
            default, required = flag.split("=", 1)[1], False
        else:
            raise InputError(path, f"unknown parameter flag {flag!r}", line)
    return Parameter(match["name"], kind, required, default, (match["help"] or "").strip())


def load_queries(folder: str | Path | None = None) -> dict[str, NamedQuery]:
    """The named queries of a folder (``ontology/queries`` by default), by name.

    Raises
    ------
    InputError
        If a file has no ``# name:`` header, a bad parameter line or invalid SPARQL.
    """
    if folder is None:
        return dict(_builtin_queries())
    return _read_folder(Path(folder))


@cache
def _builtin_queries() -> tuple[tuple[str, NamedQuery], ...]:
    return tuple(_read_folder(ontology_dir() / "queries").items())


def _read_folder(folder: Path) -> dict[str, NamedQuery]:
    queries: dict[str, NamedQuery] = {}
    for path in sorted(folder.glob("*.rq")):
        named = _parse_header(path, path.read_text(encoding="utf-8"))
        if named.name in queries:
            raise InputError(path, f"query name {named.name!r} is also used by "
                                   f"{queries[named.name].path.name}")
        queries[named.name] = named
    return queries


# -- binding ----------------------------------------------------------------------------------


ActorResolver = Callable[[str], str | None]


@cache
def _gazetteer_resolver() -> ActorResolver:
    try:
        from graphkit.gazetteer import load_gazetteer

        gazetteer = load_gazetteer()
    except (ImportError, FileNotFoundError):
        return lambda name: None

    def resolve(name: str) -> str | None:
        actor = gazetteer.resolve(name)
        return actor.id if actor is not None else None

    return resolve


def resolve_actor(name: str, resolver: ActorResolver | None = None) -> ox.NamedNode:
    """The IRI of the actor a name stands for.

    A canonical id is taken as it is; otherwise the gazetteer resolves the name ("Russia",
    "the Kremlin"); a name it does not know becomes ``slugify(name)``, the id graphkit gives
    an unknown actor. The IRI is made from an id (``[a-z0-9_]``) only, never from the text.

    Examples
    --------
    >>> resolve_actor("united_states").value
    'https://w3id.org/graphkit/id/actor/united_states'
    >>> resolve_actor('Nobody "}; DROP ALL', resolver=lambda name: None).value
    'https://w3id.org/graphkit/id/actor/nobody_drop_all'
    """
    text = name.strip()
    if is_valid_id(text):
        return ox.NamedNode(ACTOR + text)
    actor_id = (resolver or _gazetteer_resolver())(text)
    if actor_id is None or not is_valid_id(actor_id):
        actor_id = slugify(text)
    return ox.NamedNode(ACTOR + actor_id)


def _stance_type(value: str) -> ox.NamedNode:
    name = value.strip()
    from graphkit.ontology import load_ontology

    ontology = load_ontology()
    if name not in ontology:
        raise InputError("<parameter>", f"{value!r} is not a stance type; known: "
                                        f"{', '.join(sorted(ontology))}")
    return ox.NamedNode(GK + name)


def _term(
    parameter: Parameter, value: str, resolver: ActorResolver | None
) -> ox.NamedNode | ox.Literal:
    kind = parameter.kind
    try:
        if kind == "actor":
            return resolve_actor(value, resolver)
        if kind == "stance_type":
            return _stance_type(value)
        if kind == "date":
            day = date.fromisoformat(value.strip())
            return ox.Literal(day.isoformat(), datatype=ox.NamedNode(_XSD + "date"))
        if kind == "integer":
            return ox.Literal(str(int(value)), datatype=ox.NamedNode(_XSD + "integer"))
    except ValueError as exc:
        raise InputError("<parameter>", f"{parameter.name}={value!r}: not a {kind} ({exc})") \
            from None
    return ox.Literal(value)


def bind(
    named: NamedQuery,
    values: Mapping[str, str],
    *,
    resolver: ActorResolver | None = None,
) -> str:
    """The query's text with the parameter values joined in as one ``VALUES`` row.

    Parameters
    ----------
    named : NamedQuery
    values : mapping of str to str
        Parameter name to the value as typed by a user.
    resolver : callable, optional
        Name -> actor id (the built-in gazetteer by default).

    Raises
    ------
    InputError
        For an unknown or missing parameter, or a value of the wrong kind.

    Examples
    --------
    >>> q = load_queries()["opposes"]
    >>> "VALUES (?actor) { (<https://w3id.org/graphkit/id/actor/russia>) }" in bind(
    ...     q, {"actor": "russia"})
    True
    """
    for name in values:
        named.parameter(name)
    if not named.parameters:
        return named.text
    terms = []
    for parameter in named.parameters:
        value = values.get(parameter.name, parameter.default)
        if value is None:
            if parameter.required:
                raise InputError(named.path, f"query {named.name!r} needs "
                                             f"--param {parameter.name}=<{parameter.kind}>")
            terms.append("UNDEF")
        else:
            terms.append(str(_term(parameter, value, resolver)))
    variables = " ".join(f"?{p.name}" for p in named.parameters)
    row = "VALUES (" + variables + ") { (" + " ".join(terms) + ") }"
    match = _WHERE_RE.search(named.text)
    assert match is not None  # checked when the file was read
    return named.text[: match.end()] + "\n  " + row + named.text[match.end():]


# -- checking actor arguments -----------------------------------------------------------------

#: The labels of every actor in a store (for suggestions after a mistyped name).
ACTOR_LABELS = (
    "SELECT DISTINCT ?label WHERE { ?actor <http://www.w3.org/2000/01/rdf-schema#label> "
    f'?label . FILTER(STRSTARTS(STR(?actor), "{ACTOR}")) }}'
)


def actor_arguments(
    named: NamedQuery, values: Mapping[str, str], resolver: ActorResolver | None = None
) -> list[tuple[str, str, ox.NamedNode]]:
    """The actor parameters given: (parameter name, value as typed, the actor's IRI)."""
    return [(p.name, values[p.name], resolve_actor(values[p.name], resolver))
            for p in named.parameters if p.kind == "actor" and p.name in values]


def ask_actor(iri: ox.NamedNode) -> str:
    """An ASK query: does the store say anything about (or to) this actor?"""
    return f"ASK {{ {{ {iri} ?p ?o }} UNION {{ ?s ?p {iri} }} }}"


def nearest_names(name: str, candidates: list[str], limit: int = 5) -> list[str]:
    """The candidates closest to a mistyped name, best first.

    Examples
    --------
    >>> nearest_names("Untied States", ["United States", "Russia", "United Kingdom"])
    ['United States', 'United Kingdom']
    """
    import difflib

    folded = {}
    for candidate in candidates:
        folded.setdefault(candidate.casefold(), candidate)
    matches = difflib.get_close_matches(name.casefold(), list(folded), n=limit, cutoff=0.6)
    return [folded[m] for m in matches]

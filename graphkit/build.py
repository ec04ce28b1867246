"""Build one StanceGraph from a mix of inputs: articles, curated statements and RDF graphs.

Statements are read first, so the actors they declare are known when the articles are read;
their suppressions are applied last, so they can remove a wrong edge found in an article.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from graphkit.errors import InputError
from graphkit.gazetteer import Gazetteer, load_gazetteer
from graphkit.graph import StanceGraph
from graphkit.statements import STATEMENT_SUFFIXES, Curation, apply_curation, load_statements

__all__ = ["build_graph", "check_articles", "split_inputs"]


def _rdf_suffixes() -> set[str]:
    from graphkit import rdf

    return {suffix for spec in rdf.FORMATS.values() for suffix in spec.suffixes}


def split_inputs(inputs: Iterable[str | Path]) -> tuple[list[Path], list[Path], list[str]]:
    """Sort inputs into statements files, RDF files, and article inputs (files, folders, ``-``)."""
    statements: list[Path] = []
    graphs: list[Path] = []
    articles: list[str] = []
    rdf_suffixes = _rdf_suffixes()
    for item in inputs:
        text = str(item)
        path = Path(text)
        suffix = path.suffix.lower()
        if text != "-" and not path.exists():
            raise InputError(text, "no such file or directory")
        if path.is_file() and suffix in STATEMENT_SUFFIXES:
            statements.append(path)
        elif path.is_file() and suffix in rdf_suffixes:
            graphs.append(path)
        else:
            articles.append(text)
    return statements, graphs, articles


def check_articles(inputs: Iterable[str | Path], *, skip_bad: bool = False,
                   ids: str = "auto") -> int:
    """Read every article input once, before any extraction, and return how many there are.

    A bad file in the middle of a folder (a stray ``.jsonl`` of graphkit's own extract
    output, say) is then reported in seconds, not after minutes of work. Standard input is
    left for the real pass, which reads it once. Two records with the same ``id`` but
    different texts are an error: they would silently merge into one article (the same
    article read twice, through two paths or from a copy, is one article and no error).

    Raises
    ------
    InputError
        For the first bad input (unless ``skip_bad``, whose warnings the real pass prints)
        and for a repeated article id.
    """
    from graphkit.ingest import read_articles

    seen: dict[str, tuple[str | None, int]] = {}
    count = 0
    files = [item for item in inputs if str(item) != "-"]
    for article in read_articles(files, skip_bad=skip_bad, warn=lambda message: None, ids=ids):
        count += 1
        first, text_hash = seen.get(article.id, ("", 0))
        if first != "" and text_hash != hash(article.text):
            where, _, line = (article.source or article.id).rpartition(":")
            raise InputError(where or article.id, f"article id {article.id!r} is used twice "
                             f"(first at {first}); give each article its own id",
                             int(line) if line.isdigit() else None)
        seen[article.id] = (article.source, hash(article.text))
    return count


def build_graph(
    inputs: Sequence[str | Path],
    *,
    gazetteer: Gazetteer | None = None,
    gazetteer_files: Iterable[str | Path] = (),
    jobs: int = 1,
    skip_bad: bool = False,
    parser: str | None = None,
    progress: bool = False,
    warn: Callable[[str], None] | None = None,
    ids: str = "auto",
    check_first: bool = False,
) -> StanceGraph:
    """Read every input and return the merged graph.

    Parameters
    ----------
    inputs : sequence of str or Path
        Article files (``.txt``, ``.md``, ``.html``, ``.jsonl``), folders of them, ``-`` for
        standard input, curated statements (``.csv``, ``.yaml``), or RDF graphs written by
        graphkit (``.ttl``, ``.nt``, ``.nq``, ``.trig``, ``.jsonld`` ...).
    gazetteer : Gazetteer, optional
        The actor dictionary; the built-in one plus ``gazetteer_files`` by default.
    jobs : int
        Worker processes for article extraction.
    skip_bad : bool
        Warn about and skip unreadable articles instead of stopping.
    parser : str, optional
        Name of an installed spaCy pipeline with a dependency parser.
    progress : bool
        Show a progress bar on standard error.
    warn : callable, optional
        Receives warnings (skipped inputs).
    ids : str
        How articles are identified: ``"auto"`` (own id, else URL, else a hash of the text;
        see :mod:`graphkit.ingest`) or ``"path"`` (the path read).
    check_first : bool
        Read and check every article input (:func:`check_articles`) before extracting.

    Returns
    -------
    StanceGraph

    Raises
    ------
    InputError
        For a missing or malformed input, naming the file and line.
    """
    statements, graphs, articles = split_inputs(inputs)
    if check_first and articles:
        check_articles(articles, skip_bad=skip_bad, ids=ids)
    gazetteer = gazetteer or load_gazetteer(gazetteer_files)
    curations: list[Curation] = [load_statements(p, gazetteer=gazetteer) for p in statements]
    graph = StanceGraph()
    if graphs:
        from graphkit import rdf

        for path in graphs:
            graph.merge(rdf.read(path))
    if articles:
        from graphkit.extract.pipeline import build_graph as extract_graph
        from graphkit.ingest import read_articles

        stream = read_articles(articles, skip_bad=skip_bad, warn=warn, ids=ids)
        extracted = extract_graph(stream, jobs=jobs, progress=progress, gazetteer=gazetteer,
                                  parser=parser, skip_bad=skip_bad, warn=warn)
        # Merging copies every stance: only worth it when there is something to merge into.
        graph = graph.merge(extracted) if graph.number_of_actors() else extracted
    for curation in curations:
        apply_curation(graph, curation)
    return graph

"""Extraction on a Dask cluster, for corpora past one machine.

Each worker process loads gazetteer and lexicon once (:func:`worker_extractor`) and extracts
the articles of the partitions (or batches) it is given. Results come back as the stance
records of ``graphkit extract -f jsonl``, or stay on the workers as shards: JSON Lines of
stance records, or N-Quads with one named graph per article, which
``graphkit store load --bulk FOLDER`` streams into a store.

Needs the optional extra ``pip install "graphkit-geo[dask]"``. The two-line recipe::

    dask scheduler & dask worker tcp://127.0.0.1:8786 --nworkers 4 &
    graphkit extract corpus/ --scheduler tcp://127.0.0.1:8786 --shards out/ --shard-format nq

In Python, over a ``dask.bag`` of :class:`~graphkit.ingest.Article`::

    import dask.bag as db
    from graphkit.distributed import extract_bag
    records = extract_bag(db.from_sequence(articles, npartitions=64)).compute()

Shards are written by the workers: the folder must be one they can all reach (a shared
file system), as it is for a ``LocalCluster``.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphkit.atomic import atomic_path
from graphkit.errors import GraphkitError
from graphkit.extract.pipeline import (
    ArticleResult,
    Extractor,
    add_result,
    batches,
    stance_record,
)
from graphkit.graph import StanceGraph
from graphkit.ingest import Article

if TYPE_CHECKING:
    import dask.bag

__all__ = ["SHARD_FORMATS", "extract_bag", "extract_on_cluster", "results_bag",
           "worker_extractor", "write_shards"]

#: Shard formats and their suffixes.
SHARD_FORMATS = {"jsonl": ".jsonl", "nq": ".nq"}

#: Extractors of this process by (gazetteer files, parser): one load per worker process.
_EXTRACTORS: dict[tuple[tuple[str, ...], str | None], Extractor] = {}
#: How many times this process loaded an extractor (the tests check it is once per worker).
LOADS = 0


def _require_dask() -> None:
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        raise GraphkitError('the Dask engine needs: pip install "graphkit-geo[dask]"') from None


def worker_extractor(gazetteer_files: Sequence[str] = (), parser: str | None = None
                     ) -> Extractor:
    """The extractor of this process, loaded on first use and kept for later tasks."""
    global LOADS
    key = (tuple(str(f) for f in gazetteer_files), parser)
    extractor = _EXTRACTORS.get(key)
    if extractor is None:
        from graphkit.gazetteer import load_gazetteer

        extractor = Extractor(gazetteer=load_gazetteer(list(key[0])), parser=parser)
        _EXTRACTORS[key] = extractor
        LOADS += 1
    return extractor


def _results(articles: Iterable[Article], gazetteer_files: Sequence[str],
             parser: str | None) -> list[ArticleResult]:
    extractor = worker_extractor(gazetteer_files, parser)
    return [extractor.extract(article) for article in articles]


def _records(results: Iterable[ArticleResult], roles: bool) -> list[dict[str, Any]]:
    return [stance_record(stance, result.actors, result.source)
            for result in results
            for stance in result.stances + (result.roles if roles else [])]


def _extract_records(articles: Iterable[Article], gazetteer_files: Sequence[str],
                     parser: str | None, roles: bool) -> list[dict[str, Any]]:
    return _records(_results(articles, gazetteer_files, parser), roles)


def _write_shard(articles: Iterable[Article], path: str, fmt: str,
                 gazetteer_files: Sequence[str], parser: str | None, roles: bool
                 ) -> tuple[str, int, int]:
    """Extract and write one shard; returns its path, articles and stances."""
    results = _results(articles, gazetteer_files, parser)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "jsonl":
        records = _records(results, roles)
        with atomic_path(target) as tmp, open(tmp, "w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return path, len(results), len(records)
    from graphkit import rdf

    graph = StanceGraph()
    for result in results:
        add_result(graph, result)
    rdf.write(graph, target, format="nquads")
    return path, len(results), graph.number_of_stances()


def _check_format(fmt: str) -> str:
    if fmt not in SHARD_FORMATS:
        raise ValueError(f"unknown shard format {fmt!r}: use {' or '.join(SHARD_FORMATS)}")
    return fmt


def results_bag(bag: dask.bag.Bag, *, gazetteer_files: Sequence[str | Path] = (),
                parser: str | None = None) -> dask.bag.Bag:
    """A bag of :class:`~graphkit.extract.pipeline.ArticleResult`, one per article."""
    _require_dask()
    return bag.map_partitions(_results, [str(f) for f in gazetteer_files], parser)


def extract_bag(bag: dask.bag.Bag, *, gazetteer_files: Sequence[str | Path] = (),
                parser: str | None = None, roles: bool = False) -> dask.bag.Bag:
    """A bag of stance records (the JSON objects of ``graphkit extract``) of a bag of articles.

    Parameters
    ----------
    bag : dask.bag.Bag of Article
    gazetteer_files : sequence of path
        Extra actor YAML files, loaded once per worker process with the built-in ones.
    parser : str, optional
        An installed spaCy pipeline with a dependency parser (on every worker).
    roles : bool
        Include the role facts (who acts for whom).

    Returns
    -------
    dask.bag.Bag of dict
    """
    _require_dask()
    return bag.map_partitions(_extract_records, [str(f) for f in gazetteer_files], parser,
                              roles)


def write_shards(bag: dask.bag.Bag, folder: str | Path, *, format: str = "jsonl",
                 gazetteer_files: Sequence[str | Path] = (), parser: str | None = None,
                 roles: bool = False) -> list[Path]:
    """Extract every partition on the cluster and write it as one shard in ``folder``.

    ``format`` is ``"jsonl"`` (stance records) or ``"nq"`` (N-Quads, one named graph per
    article; load them with ``graphkit store load --bulk FOLDER``). Returns the shard paths,
    ``part-00000.jsonl`` ... in partition order.
    """
    _require_dask()
    import dask

    ext = SHARD_FORMATS[_check_format(format)]
    files = [str(f) for f in gazetteer_files]
    tasks = [dask.delayed(_write_shard)(part, str(Path(folder) / f"part-{i:05d}{ext}"),
                                        format, files, parser, roles)
             for i, part in enumerate(bag.to_delayed())]
    return [Path(path) for path, _, _ in dask.compute(*tasks)]


def extract_on_cluster(articles: Iterable[Article], scheduler: str | Any, *,
                       gazetteer_files: Sequence[str | Path] = (), parser: str | None = None,
                       roles: bool = False, shards: str | Path | None = None,
                       shard_format: str = "jsonl", batch_size: int = 64,
                       ) -> Iterator[dict[str, Any]]:
    """Stream articles through a Dask cluster, in batches, a bounded number in flight.

    Parameters
    ----------
    articles : iterable of Article
        Read lazily: memory holds only the batches in flight.
    scheduler : str or distributed.Client
        The scheduler's address (``tcp://host:8786``) or a connected client.
    shards : path, optional
        Write each batch as a shard in this folder (on the workers) instead of sending the
        records back; then one summary record per shard is yielded
        (``{"shard", "articles", "stances"}``).
    shard_format : str
        ``"jsonl"`` or ``"nq"``.
    batch_size : int
        Articles per task (and per shard).

    Yields
    ------
    dict
        Stance records in input order, or shard summaries.

    Raises
    ------
    GraphkitError
        When Dask is not installed or the scheduler cannot be reached.
    """
    _require_dask()
    from distributed import Client

    _check_format(shard_format)
    owned = not isinstance(scheduler, Client)
    try:
        client = Client(scheduler, timeout="20s") if owned else scheduler
    except OSError as exc:
        raise GraphkitError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from None
    files = [str(f) for f in gazetteer_files]
    ext = SHARD_FORMATS[shard_format]
    try:
        window = 2 * max(len(client.scheduler_info().get("workers", {})), 1) + 2
        pending: deque[Any] = deque()
        for number, batch in enumerate(batches(articles, size=batch_size, chars=10**8)):
            if shards is None:
                future = client.submit(_extract_records, batch, files, parser, roles,
                                       pure=False)
            else:
                path = str(Path(shards) / f"part-{number:05d}{ext}")
                future = client.submit(_write_shard, batch, path, shard_format, files, parser,
                                       roles, pure=False)
            pending.append(future)
            while len(pending) >= window:
                yield from _collect(pending.popleft(), shards)
        while pending:
            yield from _collect(pending.popleft(), shards)
    finally:
        if owned:
            client.close()


def _collect(future: Any, shards: str | Path | None) -> Iterator[dict[str, Any]]:
    value = future.result()
    if shards is None:
        yield from value
    else:
        path, count, stances = value
        yield {"shard": path, "articles": count, "stances": stances}

"""The Dask engine on a real LocalCluster of two worker processes: the same stances as one
process, each worker loading gazetteer and lexicon once, and N-Quads shards that load into a
store as the one-process graph does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")
import dask.bag as db  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from graphkit import store  # noqa: E402
from graphkit.cli import app  # noqa: E402
from graphkit.distributed import extract_bag, extract_on_cluster, write_shards  # noqa: E402
from graphkit.extract.pipeline import extract_articles, stance_record  # noqa: E402
from graphkit.ingest import read_articles  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"

COUNTS = """
PREFIX gk: <https://w3id.org/graphkit/ontology#>
SELECT (COUNT(DISTINCT ?g) AS ?graphs) (COUNT(DISTINCT ?e) AS ?evidence)
       (COUNT(DISTINCT ?s) AS ?stances)
WHERE { GRAPH ?g { ?e gk:article ?a . ?s gk:evidenceCount ?n } }
"""


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=40)
    with distributed.Client(cluster) as connected:
        yield connected
    cluster.close()


def ordered(records: list[dict]) -> list[str]:
    return sorted(json.dumps(r, sort_keys=True, ensure_ascii=False) for r in records)


@pytest.fixture(scope="module")
def one_process() -> list[dict]:
    return [stance_record(s, r.actors, r.source)
            for r in extract_articles(read_articles([CORPUS])) for s in r.stances]


def test_bag_gives_the_stances_of_one_process(client, one_process: list[dict]) -> None:
    articles = list(read_articles([CORPUS]))
    records = extract_bag(db.from_sequence(articles, npartitions=4)).compute()
    assert records and ordered(records) == ordered(one_process)
    loads = client.run(lambda: __import__("graphkit.distributed").distributed.LOADS)
    assert sorted(loads.values()) == [1, 1]


def test_streaming_client_keeps_input_order(client, one_process: list[dict]) -> None:
    records = list(extract_on_cluster(read_articles([CORPUS]), client, batch_size=2))
    assert records == one_process


def test_nquads_shards_load_as_one_process_graph(client, tmp_path: Path) -> None:
    articles = list(read_articles([CORPUS]))
    shards = write_shards(db.from_sequence(articles, npartitions=3), tmp_path / "shards",
                          format="nq")
    assert [p.name for p in shards] == ["part-00000.nq", "part-00001.nq", "part-00002.nq"]
    loaded = CliRunner().invoke(app, ["store", "load", "--bulk", str(tmp_path / "shards"),
                                      "--db", str(tmp_path / "kg"), "--no-ontology"])
    assert loaded.exit_code == 0, loaded.output
    reference = store.open_store(tmp_path / "ref")
    store.load(reference, store.prepare_sources([str(CORPUS)], tmp_path), ontology=False)
    got = store.query(store.open_store(tmp_path / "kg"), COUNTS).values()
    assert got == store.query(reference, COUNTS).values()
    assert got[0]["graphs"] == str(len(articles))


def test_cli_scheduler_prints_what_one_process_prints(client, tmp_path: Path) -> None:
    address = client.scheduler.address
    runner = CliRunner()
    local = runner.invoke(app, ["extract", str(CORPUS), "-q"])
    remote = runner.invoke(app, ["extract", str(CORPUS), "-q", "--scheduler", address])
    assert remote.exit_code == 0, remote.output
    assert remote.stdout == local.stdout and local.stdout
    sharded = runner.invoke(app, ["extract", str(CORPUS), "-q", "--scheduler", address,
                                  "--shards", str(tmp_path / "out")])
    assert sharded.exit_code == 0, sharded.output
    written = sorted((tmp_path / "out").glob("part-*.jsonl"))
    lines = [line for p in written for line in p.read_text().splitlines()]
    assert ordered([json.loads(x) for x in lines]) == ordered(
        [json.loads(x) for x in local.stdout.splitlines()])

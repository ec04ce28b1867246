"""build_graph, --jobs, and the `graphkit extract` command's JSON Lines stream."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from graphkit.cli import app
from graphkit.extract.pipeline import (
    STEPS,
    Extractor,
    build_graph,
    extract_articles,
    stance_record,
)
from graphkit.ingest import Article

TEXT = (
    "Chilean Foreign Minister Rosa Vidal praised Peru on Monday.\n"
    "Later, Vidal said Bolivia had attacked Peru.\n"
)

KEYS = {"subject", "predicate", "object", "polarity", "date", "confidence", "evidence"}
ACTOR_KEYS = {"id", "label", "type", "country", "wikidata", "acts_for"}
EVIDENCE_KEYS = {"article", "sentence", "start", "end", "speaker"}


def test_steps_are_named():
    assert STEPS == ("segment", "actors", "stances", "score")


def test_build_graph_has_stances_roles_and_actors():
    graph = build_graph([Article(id="a", text=TEXT, date=date(2021, 6, 11))])
    assert graph.has_stance("rosa_vidal", "praises", "peru")
    assert graph.has_stance("bolivia", "attacks", "peru")
    assert graph.has_stance("rosa_vidal", "accuses", "bolivia")
    assert graph.has_stance("rosa_vidal", "acts_for", "chile")
    assert graph.actor("rosa_vidal").acts_for == "chile"
    data = graph.edge_data("rosa_vidal", "praises", "peru")
    assert data["first_seen"] == date(2021, 6, 7)
    attack = graph.stance("bolivia", "attacks", "peru")
    assert attack.evidence[0].speaker == "rosa_vidal"


def test_jobs_give_the_same_graph():
    articles = [Article(id=f"a{i}", text=TEXT) for i in range(6)]
    assert build_graph(articles, jobs=2) == build_graph(articles, jobs=1)


def test_results_keep_input_order():
    articles = [Article(id=f"a{i}", text=TEXT) for i in range(4)]
    assert [r.article for r in extract_articles(articles, jobs=2)] == ["a0", "a1", "a2", "a3"]


@pytest.fixture()
def article_file(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_cli_extract_jsonl(article_file):
    result = CliRunner().invoke(app, ["extract", str(article_file), "-q"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records
    for r in records:
        assert set(r) >= KEYS and ACTOR_KEYS <= set(r["subject"]) <= set(r["subject"])
        assert set(r["object"]) >= ACTOR_KEYS and set(r["evidence"]) >= EVIDENCE_KEYS
        assert r["evidence"]["article"] == str(article_file)
        start, end = r["evidence"]["start"], r["evidence"]["end"]
        assert TEXT[start:end] == r["evidence"]["sentence"]
        assert r["predicate"] not in {"acts_for", "leads", "spokesperson_of"}
    praise = next(r for r in records if r["predicate"] == "praises")
    assert praise["subject"]["country"] == "CHL" and praise["polarity"] == "cooperation"
    assert praise["object"]["wikidata"] == "Q419"


def test_cli_extract_roles_and_json(article_file):
    result = CliRunner().invoke(app, ["extract", str(article_file), "--roles", "-f", "json"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    assert any(r["predicate"] == "acts_for" for r in records)


def test_cli_extract_bad_input(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00bad")
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    result = CliRunner().invoke(app, ["extract", str(bad)])
    assert result.exit_code == 2


def test_a_title_apart_from_the_text_is_read_as_headline():
    article = Article(id="h", title="Norway And Iceland Condemn Japan Over Whaling",
                      text="Officials met in Oslo on Monday to discuss fisheries.",
                      date=date(2020, 3, 2))
    (result,) = extract_articles([article])
    by_key = {s.key: s for s in result.stances}
    assert ("norway", "criticizes", "japan") in by_key
    assert ("iceland", "criticizes", "japan") in by_key
    evidence = by_key[("norway", "criticizes", "japan")].evidence[0]
    assert evidence.sentence == article.title
    assert evidence.start is None and evidence.end is None


def test_record_names_whom_a_new_person_acts_for():
    result = Extractor().extract(Article(id="r", text="Chilean Minister Rosa Vidal praised Peru."))
    record = stance_record(result.stances[0], result.actors)
    assert record["subject"]["acts_for"] == "chile"
    assert record["object"]["acts_for"] is None

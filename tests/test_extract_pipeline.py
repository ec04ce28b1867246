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
    assert [r.article for r in extract_articles(articles, jobs=2,
                                                               parallel_min_chars=0)] == [
        "a0", "a1", "a2", "a3"]


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
        assert r["evidence"]["source"] == str(article_file)
        assert r["evidence"]["article"].startswith("text-")
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


def test_jobs_on_a_small_input_run_in_one_process(monkeypatch):
    import multiprocessing

    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started for a tiny input")

    monkeypatch.setattr(multiprocessing.context.BaseContext, "Pool", no_pool)
    articles = [Article(id=f"a{i}", text=TEXT) for i in range(3)]
    assert [r.article for r in extract_articles(articles, jobs=2)] == ["a0", "a1", "a2"]


def test_pool_keeps_order_and_reads_the_input_as_it_goes():
    read: list[int] = []

    def articles():
        for i in range(200):
            read.append(i)
            yield Article(id=f"a{i}", text=TEXT)

    stream = extract_articles(articles(), jobs=2, parallel_min_chars=0)
    first = next(stream)
    assert first.article == "a0" and len(read) < 200
    rest = [r.article for r in stream]
    assert rest == [f"a{i}" for i in range(1, 200)]
    one = build_graph([Article(id=f"a{i}", text=TEXT) for i in range(40)])
    two = build_graph([Article(id=f"a{i}", text=TEXT) for i in range(40)], jobs=2)
    assert one == two


def test_skip_bad_reports_a_failed_extraction_and_goes_on(monkeypatch):
    from graphkit.extract import pipeline

    real = pipeline.Extractor.extract

    def fragile(self, article):
        if "boom" in article.text:
            raise ValueError("cannot read this one")
        return real(self, article)

    monkeypatch.setattr(pipeline.Extractor, "extract", fragile)
    articles = [Article(id="a", text=TEXT), Article(id="b", text="boom", source="b.txt"),
                Article(id="c", text=TEXT)]
    messages: list[str] = []
    kept = [r.article for r in extract_articles(articles, skip_bad=True, warn=messages.append)]
    assert kept == ["a", "c"]
    assert messages == ["skipped b.txt: extraction failed: ValueError: cannot read this one"]
    with pytest.raises(ValueError):
        list(extract_articles(articles))


def test_long_lines_are_cut_at_sentence_starts():
    from graphkit.extract.pipeline import CHUNK_CHARS, bounded_parts

    sentence = "Chile praised Peru for its help after the floods. "
    line = (sentence * (3 * CHUNK_CHARS // len(sentence))).strip()
    pieces = list(bounded_parts([(7, line)]))
    assert len(pieces) >= 3 and all(len(t) <= CHUNK_CHARS for _, t in pieces)
    assert all(t.startswith("Chile") and t.endswith(".") for _, t in pieces)
    assert all(line[o - 7:o - 7 + len(t)] == t for o, t in pieces)
    no_stops = " ".join(["word"] * CHUNK_CHARS)
    assert all(len(t) <= CHUNK_CHARS for _, t in bounded_parts([(0, no_stops)]))
    one_word = "x" * (2 * CHUNK_CHARS + 5)
    assert "".join(t for _, t in bounded_parts([(0, one_word)])) == one_word


def test_one_line_article_gives_what_its_paragraphs_give():
    from graphkit.extract.pipeline import CHUNK_CHARS

    body = "Chile praised Peru on Monday. Bolivia condemned Chile on Tuesday. "
    paragraphs = "\n".join([body.strip()] * 400)
    line = " ".join([body.strip()] * 400)
    assert len(line) > 2 * CHUNK_CHARS
    ex = Extractor()
    by_lines = ex.extract(Article(id="p", text=paragraphs))
    one_line = ex.extract(Article(id="l", text=line))
    keys = sorted((s.subject, s.predicate, s.object) for s in by_lines.stances)
    assert sorted((s.subject, s.predicate, s.object) for s in one_line.stances) == keys
    assert all(line[e.start:e.end] == e.sentence for s in one_line.stances for e in s.evidence)


def test_an_article_past_spacys_max_length_extracts(tmp_path):
    from graphkit.extract.nlp import make_nlp

    sentence = "Chile praised Peru. "
    line = sentence * (make_nlp().max_length // len(sentence) + 100)
    path = tmp_path / "huge.txt"
    path.write_text(line)
    result = CliRunner().invoke(app, ["extract", str(path), "-q", "--skip-bad"])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output and "E088" not in result.output
    assert len(result.stdout.splitlines()) >= 1

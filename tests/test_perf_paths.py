"""Issue 13's fast paths: pinned N-Triples bytes, the reader, reloads by difference, and
the compiled extractor cache."""

from __future__ import annotations

import hashlib
import io
import pickle
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from graphkit import cache, rdf, store
from graphkit.errors import InputError

# -- N-Triples and N-Quads stay byte for byte what the writer of issue 13's start wrote ------

def reference_graph():
    """A generated graph whose N-Triples and N-Quads bytes are pinned by digest."""
    import random
    from datetime import date, timedelta

    from graphkit.graph import StanceGraph
    from graphkit.model import Actor, ActorType, Evidence, Polarity, Stance

    rng = random.Random(13)
    types = list(ActorType)
    actors = [Actor(f"actor_{i}", f"Actor “{i}” <b>\\ \t", types[i % len(types)],
                    aliases=(f"A{i}", f"al\"ias\n{i}"), wikidata=f"Q{i + 1}" if i % 3 else None,
                    country="ABC" if i % 4 == 0 else None,
                    acts_for=f"actor_{i - 1}" if i % 7 == 1 else None)
              for i in range(60)]
    graph = StanceGraph(actors)
    kinds = [("supports", Polarity.COOPERATION, 3.5), ("threatens", Polarity.CONFLICT, -6.0),
             ("recognizes", Polarity.COOPERATION, 1.0), ("meets", Polarity.NEUTRAL, 0.0)]
    start = date(2020, 2, 29)
    for n in range(400):
        u, v = rng.sample(range(60), 2)
        kind, polarity, intensity = rng.choice(kinds)
        evidence = tuple(
            Evidence(article=f"news/{rng.randrange(80)}", title=rng.choice([None, "T\r\n"]),
                     url=rng.choice([None, "https://x.example/a?b=1&c=2"]),
                     publisher=rng.choice([None, "Pub"]),
                     published=rng.choice([None, start]),
                     sentence=f"S{n} \x07 \ufffe é {k}\\\"", date=start + timedelta(days=k),
                     start=k, end=k + 9, speaker=f"actor_{u}" if k else None,
                     trigger=kind, confidence=round(rng.random(), 6))
            for k in range(rng.randint(0, 3)))
        graph.add_stance(Stance(f"actor_{u}", kind, f"actor_{v}", polarity, intensity,
                                date=start if not evidence and n % 2 else None,
                                evidence=evidence))
    return graph


# Digests of the old writer's output on reference_graph() (commit 8ce475b).
PINNED = {
    "ntriples": ("f3c88948205d2785c3b202bb788794cf1d394fbea70dd4561a7b32f955a22568", 12498),
    "nquads": ("02773a92e026e229d044ee796d903e8b9421aaade3f546bf4ad5f07cf85b84e9", 15754),
}


@pytest.mark.parametrize("fmt", sorted(PINNED))
def test_line_formats_keep_their_bytes(fmt: str) -> None:
    text = rdf.dumps(reference_graph(), fmt)
    digest, lines = PINNED[fmt]
    assert len(text.splitlines()) == lines
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == digest


@pytest.mark.parametrize("fmt", ["ntriples", "nquads", "turtle", "trig"])
def test_reference_graph_round_trips(fmt: str) -> None:
    graph = reference_graph()
    assert rdf.read(io.BytesIO(rdf.dumps(graph, fmt).encode("utf-8")), fmt) == graph


def test_turtle_holds_the_statements_of_to_quads() -> None:
    import pyoxigraph as ox

    from graphkit.model import Evidence, Polarity, Stance

    graph = reference_graph()
    # CAMEO codes per evidence, and an edge whose evidence disagrees on the code
    coded = tuple(Evidence(article="news/coded", sentence=f"Coded {k}.", cameo=code,
                           goldstein=value, confidence=0.5 + k / 10)
                  for k, (code, value) in enumerate([("190", -10.0), ("195", -10.0),
                                                     ("195", -10.0)]))
    graph.add_stance(Stance("actor_1", "threatens", "actor_2", Polarity.CONFLICT, -6.0,
                            evidence=coded))
    text = rdf.dumps(graph, "turtle")
    written = {str(t) for t in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE)}
    expected = {str(q.triple) for q in rdf.to_quads(graph, named_graphs=False)}
    assert written == expected
    assert any("cameoCode" in t and '"195"' in t for t in written)


# -- the reader's checks still name what is wrong --------------------------------------------

G = "https://w3id.org/graphkit/"
STANCE = f"<{G}id/stance/x>"


def read_text(text: str) -> None:
    rdf.read(io.BytesIO(text.encode("utf-8")), "ntriples")


def test_reader_names_a_second_value_and_a_wrong_kind() -> None:
    base = rdf.dumps(reference_graph(), "ntriples")
    node = next(line.split(" ")[0] for line in base.splitlines()
                if "ontology#stanceType" in line)
    with pytest.raises(InputError, match="several values of <.*ontology#goldstein>"):
        read_text(base + f'{node} <{G}ontology#goldstein> "9.5"^^'
                  "<http://www.w3.org/2001/XMLSchema#decimal> .\n")
    with pytest.raises(InputError, match="should be an IRI under"):
        read_text(base.replace(f"{node} <{G}ontology#holder> <", f"{node} <{G}ontology#x> <")
                  + f'{node} <{G}ontology#holder> "actor_1" .\n')
    evidence = next(line.split(" ")[0] for line in base.splitlines()
                    if "ontology#sentence" in line)
    with pytest.raises(InputError, match="should be a literal"):
        read_text(base.replace(f"{evidence} <{G}ontology#sentence>",
                               f"{evidence} <{G}ontology#y>", 1)
                  + f"{evidence} <{G}ontology#sentence> <{G}nope> .\n")


def test_reader_gathers_a_node_whose_statements_are_scattered() -> None:
    """The reader keeps the previous subject's record at hand: statements about one node
    that do not come together (any order is valid N-Triples) must still be gathered."""
    import random

    graph = reference_graph()
    lines = rdf.dumps(graph, "ntriples").splitlines(keepends=True)
    random.Random(5).shuffle(lines)
    assert rdf.read(io.BytesIO("".join(lines).encode("utf-8")), "ntriples") == graph
    # Foreign subjects between the statements of one node change nothing either.
    foreign = '<https://elsewhere.example/n> <https://elsewhere.example/p> "x" .\n'
    mixed = foreign.join(lines)
    assert rdf.read(io.BytesIO(mixed.encode("utf-8")), "ntriples") == graph


def stance_line(base: str, predicate: str) -> tuple[str, str]:
    """A stance node of ``base`` and its statement of ``predicate`` (an ontology name)."""
    line = next(line for line in base.splitlines()
                if f"ontology#{predicate}> " in line and "/stance/" in line.split(" ")[0])
    return line.split(" ")[0], line + "\n"


@pytest.mark.parametrize(("predicate", "value", "message"), [
    ("polarity", f"<{G}ontology#sideways>", "unknown polarity <.*sideways>"),
    ("polarity", '"conflict"', "unknown polarity"),
    ("goldstein", '"strong"', "'strong' is not a valid float"),
    ("goldstein", '"12.5"^^<http://www.w3.org/2001/XMLSchema#decimal>',
     "outside the Goldstein scale"),
    ("lastSeen", '"2020-02-30"^^<http://www.w3.org/2001/XMLSchema#date>',
     "'2020-02-30' is not a valid date"),
])
def test_reader_checks_what_its_fast_path_skips(predicate: str, value: str,
                                                message: str) -> None:
    base = rdf.dumps(reference_graph(), "ntriples")
    node, line = stance_line(base, predicate)
    changed = base.replace(line, f"{node} <{G}ontology#{predicate}> {value} .\n")
    assert changed != base
    with pytest.raises(InputError, match=message):
        read_text(changed)


# -- reloads by difference ---------------------------------------------------------------------


def quads(db: ox.Store) -> set:
    return set(db.quads_for_pattern(None, None, None, None))


def stored(path: Path) -> set:
    """The quads of a file as a store keeps them (decimals in canonical form ...)."""
    memory = ox.Store()
    memory.bulk_load(path=path)
    return quads(memory)


def test_reload_writes_only_the_difference(tmp_path: Path) -> None:
    graph = reference_graph()
    first = tmp_path / "first.nq"
    rdf.write(graph, first)
    text = first.read_text(encoding="utf-8")
    # A second version: one article's sentences change, another article keeps only its own
    # node (most of the graph goes), everything else is the same.
    lines = text.splitlines(keepends=True)
    graphs = sorted({line.rsplit(" ", 2)[-2] for line in lines if line.count("> <") >= 2
                     and "/article/" in line.rsplit(" ", 2)[-2]})
    changed, shrunk = graphs[0], graphs[1]
    second_lines = []
    for line in lines:
        if line.endswith(f"{shrunk} .\n") and not line.startswith(shrunk):
            continue
        if line.endswith(f"{changed} .\n"):
            line = line.replace('"S', '"Changed S')
        second_lines.append(line)
    second = tmp_path / "second.nq"
    second.write_text("".join(second_lines), encoding="utf-8")

    db = store.open_store(tmp_path / "kg")
    store.load(db, [store.rdf_source(first)], ontology=False)
    assert quads(db) == stored(first)
    report = store.load(db, [store.rdf_source(second)], ontology=False)
    assert len(report.replaced_graphs) == len(graphs)
    expected = stored(second)
    assert quads(db) == expected
    # The same file again changes nothing.
    store.load(db, [store.rdf_source(second)], ontology=False)
    assert quads(db) == expected
    del db
    db = store.open_store(tmp_path / "kg")
    assert quads(db) == expected
    assert rdf.from_quads(db.quads_for_pattern(None, None, None, None)) == rdf.read(second)


def test_reload_keeps_other_graphs(tmp_path: Path) -> None:
    path = tmp_path / "g.nq"
    other = tmp_path / "other.nq"
    path.write_text('<http://ex/a> <http://ex/p> "1" <http://ex/g1> .\n'
                    '<http://ex/a> <http://ex/p> "2" <http://ex/g1> .\n')
    other.write_text('<http://ex/b> <http://ex/p> "3" <http://ex/g2> .\n')
    db = store.open_store(tmp_path / "kg")
    store.load(db, [store.rdf_source(path), store.rdf_source(other)], ontology=False)
    path.write_text('<http://ex/a> <http://ex/p> "9" <http://ex/g1> .\n')
    report = store.load(db, [store.rdf_source(path)], ontology=False)
    assert report.replaced_graphs == ["http://ex/g1"]
    assert {(q.object.value, q.graph_name.value) for q in quads(db)} == {
        ("9", "http://ex/g1"), ("3", "http://ex/g2")}


# -- the compiled cache --------------------------------------------------------------------------


@pytest.fixture
def cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("GRAPHKIT_CACHE_DIR", str(folder))
    return folder


def test_built_once_then_loaded(cache_folder: Path) -> None:
    calls = []

    def build() -> dict:
        calls.append(1)
        return {"tries": list(range(5))}

    value, data = cache.load_or_build("thing", build, "a")
    again, data_again = cache.load_or_build("thing", build, "a")
    assert value == again == pickle.loads(data) and data == data_again
    assert len(calls) == 1
    cache.load_or_build("thing", build, "b")  # other parts, other key
    assert len(calls) == 2
    assert len(list(cache_folder.glob("thing-*.pickle"))) == 2


def test_a_broken_pickle_is_rebuilt(cache_folder: Path) -> None:
    cache.load_or_build("thing", lambda: [1, 2], "x")
    [path] = cache_folder.glob("thing-*.pickle")
    path.write_bytes(b"\x80\x05not a pickle")
    assert cache.load_or_build("thing", lambda: [3], "x")[0] == [3]
    assert pickle.loads(path.read_bytes()) == [3]


def test_cache_can_be_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("GRAPHKIT_CACHE_DIR", "off")
    calls = []
    for _ in range(2):
        cache.load_or_build("thing", lambda: calls.append(1), "x")
    assert len(calls) == 2


def test_any_change_to_data_or_code_changes_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "ontology"
    shutil.copytree(cache.ontology_dir(), data)
    monkeypatch.setattr(cache, "ontology_dir", lambda: data)
    cache._code_and_data_digest.cache_clear()
    try:
        before = cache.fingerprint("extractor")
        assert cache.fingerprint("extractor") == before
        some = next(p for p in sorted(data.rglob("*.yaml")))
        some.write_text(some.read_text(encoding="utf-8") + "\n# one more line\n",
                        encoding="utf-8")
        cache._code_and_data_digest.cache_clear()
        after_data = cache.fingerprint("extractor")
        assert after_data != before
        (data / "actors" / "new.yaml").write_text("[]\n", encoding="utf-8")
        cache._code_and_data_digest.cache_clear()
        assert cache.fingerprint("extractor") != after_data
    finally:
        cache._code_and_data_digest.cache_clear()


def test_the_cached_extractor_extracts_what_a_new_one_does(cache_folder: Path) -> None:
    from graphkit.extract.pipeline import Extractor
    from graphkit.ingest import Article

    article = Article(id="a1", text="Germany recognized Kosovo. Chile criticized Peru.")
    built, data = cache.extractor_state()
    loaded, _ = cache.extractor_state()
    assert list(cache_folder.glob("extractor-*.pickle"))
    fresh = Extractor().extract(article)
    for extractor in (built, loaded, cache.load_state(data)):
        result = extractor.extract(article)
        assert [s.key for s in result.stances] == [s.key for s in fresh.stances]
        assert result.stances == fresh.stances


def test_fast_and_checked_evidence_reading_agree_on_every_field() -> None:
    import dataclasses
    from datetime import date

    from graphkit.graph import StanceGraph
    from graphkit.model import Actor, ActorType, Evidence, Polarity, Stance

    full = Evidence(article="a/1", sentence="Chile backs Peru.", title="T", url="https://x.ex/1",
                    publisher="P", date=date(2024, 1, 2), published=date(2024, 1, 3), start=1,
                    end=9, speaker="chile", trigger="backs", extractor="x/1", confidence=0.5,
                    cameo="051", goldstein=3.4)
    # A new Evidence field must be set above, and read by both of the reader's paths.
    assert all(getattr(full, f.name) is not None for f in dataclasses.fields(Evidence))
    graph = StanceGraph([Actor("chile", "Chile", ActorType.STATE),
                         Actor("peru", "Peru", ActorType.STATE)])
    graph.add_stance(Stance("chile", "supports", "peru", Polarity.COOPERATION, 3.5,
                            evidence=(full,)))
    reader = rdf._Reader("<test>")
    reader.add(rdf.to_quads(graph))
    [node] = [n for n, r in reader.records.items() if "ontology#sentence" in str(list(r))]
    assert reader.fast_evidence(node) == reader.checked_evidence(node) == full
    assert rdf.read(io.BytesIO(rdf.dumps(graph, "ntriples").encode()), "ntriples") == graph

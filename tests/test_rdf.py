"""StanceGraph <-> RDF: the format registry, the n-ary layout, lossless round trips."""

from __future__ import annotations

import io
from datetime import date

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphkit import rdf
from graphkit.errors import InputError
from graphkit.graph import StanceGraph
from graphkit.model import Actor, ActorType, Evidence, Polarity, Stance
from graphkit.ontology import load_ontology, make_stance

GK = rdf.GK

# -- generated graphs -----------------------------------------------------------------------

NASTY = ["<script>alert(1)</script>", '"quoted"', "it's", "line\nbreak", "tab\there",
         "back\\slash", "> .", "@prefix x: <y> .", "Nicolás Maduro", "中华人民共和国", "🙂",
         "\r\n", " ", "]]>", "&amp;"]


def texts(xml_safe: bool) -> st.SearchStrategy[str]:
    # RDF/XML (XML 1.0) cannot carry most control characters; the other formats can.
    excluded = ["Cs"] + (["Cc"] if xml_safe else [])
    chars = st.characters(blacklist_categories=excluded)
    if xml_safe:
        chars = chars | st.sampled_from("\n\r\t")
    return st.one_of(st.text(chars, max_size=30), st.sampled_from(NASTY))


ID = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)
DATE = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
STANCE_TYPES = sorted(load_ontology().types)


@st.composite
def stance_graphs(draw, xml_safe: bool = False, all_evidenced: bool = False) -> StanceGraph:
    text = texts(xml_safe)
    label = text.filter(lambda s: s.strip() != "")
    ids = draw(st.lists(ID, min_size=1, max_size=5, unique=True))
    actors = [
        Actor(
            id=i,
            label=draw(label),
            type=draw(st.sampled_from(list(ActorType))),
            aliases=tuple(draw(st.lists(text, max_size=3))),
            wikidata=draw(st.none() | st.integers(1, 10**8).map(lambda n: f"Q{n}")),
            country=draw(st.none() | st.from_regex(r"[A-Z]{3}", fullmatch=True)),
            cameo=draw(st.none() | text),
            role=draw(st.none() | text),
            acts_for=draw(st.none() | st.sampled_from(ids)),
        )
        for i in ids
    ]
    graph = StanceGraph(actors)
    articles = draw(st.lists(
        st.tuples(text, st.none() | text, st.none() | text, st.none() | text, st.none() | DATE),
        min_size=1, max_size=3))

    def evidence() -> Evidence:
        article, title, url, publisher, published = draw(st.sampled_from(articles))
        if draw(st.booleans()):  # sometimes an article id with other metadata
            title = draw(st.none() | text)
        start = draw(st.none() | st.integers(0, 10**6))
        return Evidence(
            article=article, sentence=draw(text), title=title, url=url, publisher=publisher,
            published=published, date=draw(st.none() | DATE),
            start=start, end=None if start is None else start + draw(st.integers(0, 500)),
            speaker=draw(st.none() | st.sampled_from(ids) | ID),
            trigger=draw(st.none() | text), extractor=draw(st.sampled_from(
                ["graphkit/0.1.0", "curated"]) | text),
            confidence=draw(st.floats(0.0, 1.0)),
            cameo=draw(st.none() | st.from_regex(r"(0[1-9]|1[0-9]|20)[0-9]{0,2}",
                                                 fullmatch=True)),
            goldstein=draw(st.none() | st.floats(-10.0, 10.0)),
        )

    for _ in range(draw(st.integers(0, 6))):
        n_evidence = draw(st.integers(1 if all_evidenced else 0, 3))
        stance = make_stance(
            draw(st.sampled_from(ids)), draw(st.sampled_from(STANCE_TYPES)),
            draw(st.sampled_from(ids)), date=draw(st.none() | DATE),
            evidence=[evidence() for _ in range(n_evidence)],
        )
        if draw(st.booleans()):  # intensities off the ontology's scale points survive too
            stance = Stance(stance.subject, stance.predicate, stance.object,
                            draw(st.sampled_from(list(Polarity))),
                            draw(st.floats(-10.0, 10.0)), stance.date, stance.evidence)
        graph.add_stance(stance)
    return graph


ROUND_TRIP = settings(max_examples=40, deadline=None,
                      suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.mark.parametrize("fmt", sorted(rdf.FORMATS))
@ROUND_TRIP
@given(data=st.data())
def test_round_trip_is_lossless(fmt, data):
    graph = data.draw(stance_graphs(xml_safe=fmt == "xml"))
    text = rdf.dumps(graph, fmt)
    back = rdf.read(io.BytesIO(text.encode("utf-8")), fmt)
    assert back == graph
    # pyoxigraph and rdflib read the same triples.
    ox_triples = {(q.subject, q.predicate, q.object)
                  for q in ox.parse(text, format=rdf.FORMATS[fmt].oxigraph)}
    ds = rdflib.Dataset()
    ds.parse(data=text, format=rdf.FORMATS[fmt].rdflib)
    rdflib_triples = {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))}
    assert len(rdflib_triples) == len(ox_triples)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graph=stance_graphs())
def test_quads_round_trip_through_a_store(graph):
    store = ox.Store()
    store.extend(rdf.to_quads(graph))
    assert rdf.from_quads(store) == graph


# -- a small graph --------------------------------------------------------------------------


@pytest.fixture()
def graph() -> StanceGraph:
    g = StanceGraph([
        Actor("united_states", "United States", ActorType.STATE, aliases=("US", "USA"),
              wikidata="Q30", country="USA", cameo="USA"),
        Actor("juan_guaido", "Juan Guaidó", ActorType.PERSON, role="president of the assembly",
              country="VEN"),
        Actor("venezuela", "Venezuela", ActorType.STATE, wikidata="Q717", country="VEN"),
    ])
    first = Evidence("news/a1.txt", "The United States recognised Juan Guaidó on Wednesday.",
                     title="Recognition", url='https://news.example/a1?x="><script>',
                     publisher="Example", date=date(2019, 1, 23), published=date(2019, 1, 23),
                     start=0, end=54, speaker="united_states", trigger="recognised",
                     extractor="graphkit/0.1.0", confidence=0.9)
    second = Evidence("news/a2.txt", "Washington again backed Guaidó.", date=date(2019, 1, 30),
                      confidence=0.6, extractor="curated")
    g.add_stance(make_stance("united_states", "recognizes", "juan_guaido",
                             evidence=[first, second]))
    g.add_stance(make_stance("venezuela", "cuts_ties", "united_states",
                             evidence=[Evidence("news/a1.txt", "Caracas broke off relations.",
                                                title="Recognition",
                                                url='https://news.example/a1?x="><script>',
                                                publisher="Example",
                                                published=date(2019, 1, 23),
                                                date=date(2019, 1, 23))]))
    return g


def test_simple_sparql_finds_the_direct_triple(graph, tmp_path):
    out = tmp_path / "g.ttl"
    rdf.write(graph, out)
    store = ox.Store()
    store.load(path=str(out))
    rows = list(store.query(f"SELECT ?s ?o {{ ?s <{GK}recognizes> ?o }}"))
    assert [(r["s"].value, r["o"].value) for r in rows] == [
        (rdf.actor_iri("united_states"), rdf.actor_iri("juan_guaido"))]


def test_stance_node_layout(graph):
    ds = rdf.to_rdflib(graph)
    gk = rdflib.Namespace(GK)
    node = rdflib.URIRef(rdf.stance_iri("united_states", "recognizes", "juan_guaido"))
    assert (node, rdflib.RDF.type, gk.Stance) in ds
    assert ds.value(node, gk.stanceType) == gk.recognizes
    assert ds.value(node, gk.holder) == rdflib.URIRef(rdf.actor_iri("united_states"))
    assert ds.value(node, gk.polarity) == gk.cooperation
    assert ds.value(node, gk.goldstein).toPython() == 6
    assert ds.value(node, gk.date).toPython() == date(2019, 1, 23)
    assert ds.value(node, gk.lastSeen).toPython() == date(2019, 1, 30)
    assert ds.value(node, gk.evidenceCount).toPython() == 2
    assert ds.value(node, gk.confidence).toPython() == 0.9
    evidence = set(ds.objects(node, rdflib.PROV.wasDerivedFrom))
    assert len(evidence) == 2
    sentences = {str(ds.value(e, gk.sentence)) for e in evidence}
    assert "Washington again backed Guaidó." in sentences
    actor = rdflib.URIRef(rdf.actor_iri("united_states"))
    assert ds.value(actor, rdflib.OWL.sameAs) == rdflib.URIRef(
        "http://www.wikidata.org/entity/Q30")
    assert {str(x) for x in ds.objects(actor, rdflib.SKOS.altLabel)} == {"US", "USA"}


def test_each_article_graph_stands_alone(graph):
    quads = list(rdf.to_quads(graph))
    by_graph: dict[str, set[tuple]] = {}
    for q in quads:
        by_graph.setdefault(str(q.graph_name), set()).add((q.subject, q.predicate, q.object))
    a1 = ox.NamedNode(rdf.article_iri("news/a1.txt"))
    a2 = ox.NamedNode(rdf.article_iri("news/a2.txt"))
    assert set(by_graph) == {"DEFAULT", str(a1), str(a2)}
    direct = (ox.NamedNode(rdf.actor_iri("united_states")), ox.NamedNode(GK + "recognizes"),
              ox.NamedNode(rdf.actor_iri("juan_guaido")))
    stance = ox.NamedNode(rdf.stance_iri("united_states", "recognizes", "juan_guaido"))
    for art in (a1, a2):
        triples = by_graph[str(art)]
        assert direct in triples
        assert (stance, ox.NamedNode(GK + "holder"), direct[0]) in triples
        assert sum(1 for t in triples if t[1].value.endswith("wasDerivedFrom")
                   and t[0] == stance) == 1
        # each graph on its own reads back as the article's share of the graph
        store = ox.Store()
        store.extend(q for q in quads if q.graph_name == art or q.graph_name == ox.DefaultGraph())
        alone = rdf.from_quads(store)
        assert alone.number_of_actors() == 3
        assert {e.article for e in alone.evidence()} == {"news/a1.txt" if art == a1
                                                         else "news/a2.txt"}
    # actors only in the default graph
    labels = [q for q in quads if q.predicate.value.endswith("#label")]
    assert labels and all(q.graph_name == ox.DefaultGraph() for q in labels)


def test_url_and_text_stay_literals(graph):
    text = rdf.dumps(graph, "ntriples")
    assert '"https://news.example/a1?x=\\"><script>"' in text
    iris = {t for q in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)
            for t in (q.subject, q.predicate, q.object) if isinstance(t, ox.NamedNode)}
    assert not any("news.example" in iri.value for iri in iris)
    assert all(iri.value.startswith(tuple(rdf.PREFIXES.values())) for iri in iris)


@pytest.mark.parametrize("bad", [
    {"speaker": "Nicolás Maduro> <x"},
    {"article": "a", "speaker": "../x"},
])
def test_no_iri_from_raw_text(bad):
    g = StanceGraph([Actor("a", "A", ActorType.STATE), Actor("b", "B", ActorType.STATE)])
    fields = {"article": "a", "sentence": "s"} | bad
    g.add_stance(make_stance("a", "meets", "b", evidence=[Evidence(**fields)]))
    with pytest.raises(ValueError, match="canonical"):
        rdf.dumps(g, "turtle")


def test_predicate_must_be_a_name():
    g = StanceGraph([Actor("a", "A", ActorType.STATE), Actor("b", "B", ActorType.STATE)])
    g.add_stance(Stance("a", "meets> <x", "b", Polarity.NEUTRAL, 0.0))
    with pytest.raises(ValueError, match="stance type name"):
        rdf.dumps(g, "nt")


def test_rdflib_dataset_has_named_graphs(graph):
    ds = rdf.to_rdflib(graph)
    names = {str(g.identifier) for g in ds.graphs()}
    assert rdf.article_iri("news/a1.txt") in names
    assert rdf.article_iri("news/a2.txt") in names
    query = f"SELECT ?s ?o WHERE {{ GRAPH ?g {{ ?s <{GK}cuts_ties> ?o }} }}"
    assert len(list(ds.query(query))) == 1


# -- registry, files, errors ----------------------------------------------------------------


def test_registry_by_name_and_suffix():
    assert {s for f in rdf.FORMATS.values() for s in f.suffixes} == {
        ".ttl", ".nt", ".nq", ".trig", ".jsonld", ".rdf", ".owl"}
    for name, spec in rdf.FORMATS.items():
        assert rdf.get_format(name) is spec
        for suffix in spec.suffixes:
            assert rdf.get_format(f"dir/graph{suffix}") is spec
            assert rdf.get_format(suffix.upper()) is spec
    assert [n for n, s in rdf.FORMATS.items() if s.dataset] == ["nquads", "trig"]
    with pytest.raises(ValueError, match="turtle"):
        rdf.get_format("graph.csv")


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".nq", ".trig", ".jsonld", ".rdf", ".owl"])
def test_write_and_read_files(graph, tmp_path, suffix):
    out = tmp_path / "sub" / f"graph{suffix}"
    rdf.write(graph, out)
    assert rdf.read(out) == graph
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary left
    rdflib.Dataset().parse(out, format=rdf.get_format(suffix).rdflib)


def test_write_to_streams(graph):
    binary = io.BytesIO()
    rdf.write(graph, binary, "trig")
    text = io.StringIO()
    rdf.write(graph, text, "trig")
    assert binary.getvalue().decode("utf-8") == text.getvalue() == rdf.dumps(graph, "trig")
    with pytest.raises(ValueError, match="format"):
        rdf.write(graph, io.BytesIO())


def test_xml_refuses_what_xml_cannot_carry_and_leaves_the_old_file(tmp_path):
    g = StanceGraph([Actor("a", "bell\x07", ActorType.STATE)])
    out = tmp_path / "g.rdf"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(ValueError, match="RDF/XML"):
        rdf.write(g, out)
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["g.rdf"]
    assert rdf.read(io.BytesIO(rdf.dumps(g, "ttl").encode()), "ttl") == g


def test_carriage_return_survives_xml_in_rdflib():
    g = StanceGraph([Actor("a", "one\r\ntwo", ActorType.STATE)])
    text = rdf.dumps(g, "xml")
    parsed = rdflib.Graph().parse(data=text, format="xml")
    assert str(parsed.value(rdflib.URIRef(rdf.actor_iri("a")), rdflib.RDFS.label)) == "one\r\ntwo"


def test_syntax_error_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.nt"
    bad.write_text(
        f'<{rdf.actor_iri("a")}> <http://www.w3.org/2000/01/rdf-schema#label> "A" .\n'
        f'<{rdf.actor_iri("a")}> <http://www.w3.org/2000/01/rdf-schema#label> "A .\n',
        encoding="utf-8")
    with pytest.raises(InputError) as info:
        rdf.read(bad)
    assert info.value.source == str(bad)
    assert info.value.line == 2
    assert str(info.value).startswith(f"{bad}:2: ")


def test_incomplete_stance_node_is_an_input_error(graph, tmp_path):
    text = rdf.dumps(graph, "nt")
    holder = f"<{GK}holder>"
    broken = "\n".join(line for line in text.splitlines() if holder not in line) + "\n"
    path = tmp_path / "broken.nt"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(InputError, match="holder"):
        rdf.read(path)


def test_bad_literal_is_an_input_error(graph):
    text = rdf.dumps(graph, "nt").replace('"2019-01-30"^^', '"2019-02-30"^^')
    with pytest.raises(InputError, match="2019-02-30"):
        rdf.read(io.BytesIO(text.encode()), "nt")


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        rdf.read(tmp_path / "nothing.ttl")


def test_direct_triples_alone_become_stances():
    text = (
        f"@prefix gk: <{GK}> . @prefix actor: <{rdf.GKD}actor/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        'actor:russia a gk:State ; rdfs:label "Russia" .\n'
        'actor:ukraine a gk:State ; rdfs:label "Ukraine" .\n'
        "actor:russia gk:threatens actor:ukraine .\n"
    )
    g = rdf.read(io.StringIO(text), "turtle")
    stance = g.stance("russia", "threatens", "ukraine")
    assert (stance.polarity, stance.intensity, stance.evidence) == (
        Polarity.CONFLICT, -7.0, ())


def test_undated_evidence_and_stance_dates_survive():
    g = StanceGraph([Actor("a", "A", ActorType.STATE), Actor("b", "B", ActorType.STATE)])
    g.add_stance(make_stance("a", "meets", "b", evidence=[Evidence("x", "undated")]))
    g.add_stance(make_stance("a", "meets", "b", date=date(2020, 5, 1)))
    g.add_stance(make_stance("a", "meets", "b", date=date(2020, 4, 1)))
    assert g.edge_data("a", "meets", "b")["first_seen"] == date(2020, 4, 1)
    back = rdf.read(io.StringIO(rdf.dumps(g, "trig")), "trig")
    assert back == g
    assert back.edge_data("a", "meets", "b")["last_seen"] == date(2020, 5, 1)
    assert [e.date for e in back.evidence()] == [None]


def test_article_with_two_titles_keeps_both():
    g = StanceGraph([Actor("a", "A", ActorType.STATE), Actor("b", "B", ActorType.STATE)])
    g.add_stance(make_stance("a", "meets", "b", evidence=[
        Evidence("same", "one", title="First"), Evidence("same", "two", title="Second")]))
    text = rdf.dumps(g, "nquads")
    assert rdf.read(io.StringIO(text), "nquads") == g
    assert rdf.article_iri("same") not in text


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graph=stance_graphs())
def test_line_formats_match_pyoxigraph_serialisers(graph):
    # N-Triples and N-Quads are formatted by graphkit's line writer; Turtle and TriG come
    # from pyoxigraph's serialisers over to_quads(): both must hold the very same statements.
    def statements(fmt: str) -> set:
        return {(q.subject, q.predicate, q.object, q.graph_name)
                for q in ox.parse(rdf.dumps(graph, fmt), format=rdf.FORMATS[fmt].oxigraph)}

    assert statements("ntriples") == statements("turtle")
    assert statements("nquads") == statements("trig") == set(
        (q.subject, q.predicate, q.object, q.graph_name) for q in rdf.to_quads(graph))


def _rdflib_statements(text: str, fmt: str) -> set:
    ds = rdflib.Dataset()
    ds.parse(data=text, format=rdf.FORMATS[fmt].rdflib)
    return {(s, p, o, g) for s, p, o, g in ds.quads((None, None, None, None))}


@pytest.mark.parametrize("fmt", ["ntriples", "nquads"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(graph=stance_graphs())
def test_line_writer_equals_pyoxigraph_reference(fmt, graph):
    # The reference: pyoxigraph's own serialiser over the quads of to_quads().
    spec = rdf.FORMATS[fmt]
    fast = rdf.dumps(graph, fmt)
    reference = ox.serialize(rdf.to_quads(graph, named_graphs=spec.dataset), None,
                             spec.oxigraph).decode("utf-8")
    assert sorted(fast.splitlines()) == sorted(reference.splitlines())
    assert fast == reference  # even the order
    # Both parsers read the same statements from both texts.
    ox_fast = {(q.subject, q.predicate, q.object, q.graph_name)
               for q in ox.parse(fast, format=spec.oxigraph)}
    assert ox_fast == {(q.subject, q.predicate, q.object, q.graph_name)
                       for q in ox.parse(reference, format=spec.oxigraph)}
    assert ox_fast == set((q.subject, q.predicate, q.object,
                           q.graph_name if spec.dataset else ox.DefaultGraph())
                          for q in rdf.to_quads(graph, named_graphs=spec.dataset))
    rdflib_fast = _rdflib_statements(fast, fmt)
    assert rdflib_fast == _rdflib_statements(reference, fmt)
    assert len(rdflib_fast) == len(ox_fast)


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.characters(blacklist_categories=["Cs"])) | st.sampled_from(NASTY))
def test_escaping_matches_pyoxigraph(text):
    assert f'"{rdf._nt_escape(text)}"' == str(ox.Literal(text))


def test_escaping_of_every_special_character():
    for code in [*range(0x300), 0x2028, 0x2029, 0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF, 0x10FFFF]:
        char = chr(code)
        assert f'"{rdf._nt_escape(char)}"' == str(ox.Literal(char)), hex(code)
    assert rdf._nt_escape('a\\"\n\r\x00\x7f') == 'a\\\\\\"\\n\\r\\u0000\\u007F'


@pytest.mark.parametrize("fmt", ["ntriples", "nquads", "turtle"])
def test_no_iri_from_an_id_with_a_trailing_newline(fmt):
    g = StanceGraph([Actor("a", "A", ActorType.STATE), Actor("b", "B", ActorType.STATE)])
    g.add_stance(make_stance("a", "meets", "b", evidence=[Evidence("x", "s", speaker="a\n")]))
    with pytest.raises(ValueError, match="canonical"):
        rdf.dumps(g, fmt)
    g = StanceGraph([Actor("a", "A", ActorType.STATE), Actor("b", "B", ActorType.STATE)])
    g.add_stance(Stance("a", "meets\n", "b", Polarity.NEUTRAL, 0.0))
    with pytest.raises(ValueError, match="stance type name"):
        rdf.dumps(g, fmt)


class _Pipe(io.RawIOBase):
    """A binary stream that cannot seek, like a pipe."""

    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, chunk) -> int:
        self.data += chunk
        return len(chunk)


@pytest.mark.parametrize("fmt", ["ntriples", "nquads"])
def test_article_with_two_titles_in_seekable_and_unseekable_output(fmt):
    # Into a seekable output the line writer starts again when it meets the second title;
    # into a pipe it looks for such articles first. Both write what pyoxigraph writes.
    g = StanceGraph([Actor("a", "A", ActorType.STATE), Actor("b", "B", ActorType.STATE)])
    g.add_stance(make_stance("a", "meets", "b", evidence=[Evidence("same", "one", title="T1")]))
    g.add_stance(make_stance("b", "meets", "a", evidence=[Evidence("same", "two", title="T2")]))
    spec = rdf.FORMATS[fmt]
    reference = ox.serialize(rdf.to_quads(g, named_graphs=spec.dataset), None, spec.oxigraph)
    seekable = io.BytesIO(b"kept\n")
    seekable.seek(0, io.SEEK_END)
    rdf.write(g, seekable, fmt)
    pipe = _Pipe()
    rdf.write(g, pipe, fmt)
    assert seekable.getvalue() == b"kept\n" + reference
    assert bytes(pipe.data) == reference
    assert rdf.read(io.BytesIO(reference), fmt) == g

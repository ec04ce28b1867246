"""The CAMEO event code and Goldstein value of every stance: from the lexicon entry that
fired, through the extract stream, RDF (with the shapes), the page data and edges_frame()."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
import rdflib
from rdflib import Literal, Namespace, URIRef

from graphkit import html, rdf
from graphkit.extract.lexicon import load_lexicon
from graphkit.extract.pipeline import Extractor, stance_record
from graphkit.graph import StanceGraph
from graphkit.ingest import Article
from graphkit.model import Actor, ActorType, Evidence, dominant_code
from graphkit.ontology import cameo_codebook, load_ontology, make_stance
from graphkit.validate import validate

GK = Namespace(rdf.GK)
PROV = Namespace("http://www.w3.org/ns/prov#")
TESTS = Path(__file__).parent


def _code_of(trigger) -> str | None:
    """The code a trigger gives a stance of its own type (its own, or the type's)."""
    return trigger.cameo or load_ontology()[trigger.type].cameo_code


def test_every_lexicon_entry_gives_a_code_under_its_types_root() -> None:
    ontology = load_ontology()
    checked = 0
    for form, triggers in load_lexicon().triggers.items():
        for trigger in triggers:
            kind = ontology[trigger.type]
            code = _code_of(trigger)
            assert code is not None, (form, trigger.type)
            assert code[:2] in kind.cameo_roots, (form, trigger.type, code, kind.cameo_roots)
            checked += 1
    assert checked > 1000


def test_every_stance_type_with_a_root_has_a_representative_code() -> None:
    for kind in load_ontology().types.values():
        if kind.cameo is not None:
            assert kind.cameo_code is not None and kind.cameo_code.startswith(kind.cameo), \
                kind.name


def _articles(folder: Path) -> list[Article]:
    return [Article(id=p.name, text=p.read_text(encoding="utf-8"))
            for p in sorted(folder.glob("*.txt"))]


def test_every_stance_in_the_stream_carries_a_code_of_its_root() -> None:
    ontology = load_ontology()
    extractor = Extractor()
    seen = 0
    articles = _articles(TESTS / "devset" / "articles")
    for article in articles + _articles(TESTS / "blind_long" / "articles"):
        result = extractor.extract(article)
        for stance in result.stances:
            record = json.loads(json.dumps(stance_record(stance, result.actors)))
            kind = ontology[record["predicate"]]
            assert record["cameo"] is not None, record
            assert record["cameo"][:2] in kind.cameo_roots, record
            assert -10.0 <= record["goldstein"] <= 10.0
            seen += 1
    assert seen > 100


def test_a_rule_that_changes_the_type_changes_the_code() -> None:
    # "refused to recognize": the entry is a recognition (05), the stance a rejection (12).
    result = Extractor().extract(Article(id="r", text="Serbia refused to recognize Kosovo."))
    [stance] = result.stances
    assert stance.predicate == "rejects"
    assert stance.evidence[0].cameo.startswith("12")


def test_dominant_code_is_the_majority_then_the_most_confident() -> None:
    ev = [Evidence("a", "one", cameo="190", goldstein=-10.0, confidence=0.9),
          Evidence("a", "two", cameo="195", goldstein=-10.0, confidence=0.5)]
    assert dominant_code(ev) == ("190", -10.0)
    ev.append(Evidence("b", "three", cameo="195", goldstein=-10.0, confidence=0.4))
    assert dominant_code(ev) == ("195", -10.0)
    assert dominant_code([Evidence("a", "x")]) == (None, None)


@pytest.mark.parametrize("code", ["21", "00", "1", "abc", "19 5", "19555"])
def test_evidence_refuses_what_is_no_cameo_code(code: str) -> None:
    with pytest.raises(ValueError, match="CAMEO"):
        Evidence("a", "s", cameo=code)


def test_evidence_refuses_a_goldstein_off_the_scale() -> None:
    with pytest.raises(ValueError, match="Goldstein"):
        Evidence("a", "s", goldstein=-11.0)


@pytest.fixture()
def graph() -> StanceGraph:
    g = StanceGraph([Actor("israel", "Israel", ActorType.STATE),
                     Actor("syria", "Syria", ActorType.STATE)])
    g.add_stance(make_stance("israel", "attacks", "syria", evidence=[
        Evidence("a1", "Israel carried out air strikes on Syria.", date=date(2020, 1, 2),
                 trigger="air strikes on", cameo="195", goldstein=-10.0, confidence=0.8),
        Evidence("a2", "Israel shelled Syrian positions.", trigger="shelled", cameo="194",
                 goldstein=-10.0, confidence=0.6),
        Evidence("a3", "Israel struck Syria again.", trigger="struck", cameo="195",
                 goldstein=-10.0, confidence=0.7),
    ]))
    return g


@pytest.mark.parametrize("fmt", sorted(rdf.FORMATS))
def test_codes_survive_every_rdf_format(graph: StanceGraph, fmt: str) -> None:
    back = rdf.read(io.BytesIO(rdf.dumps(graph, fmt).encode("utf-8")), format=fmt)
    assert back == graph
    assert sorted(e.cameo for e in back.stance("israel", "attacks", "syria").evidence) == \
        ["194", "195", "195"]
    assert back.stance("israel", "attacks", "syria").cameo == "195"


def test_codes_are_on_each_evidence_and_the_majority_on_the_stance(graph: StanceGraph) -> None:
    data = rdflib.Graph().parse(data=rdf.dumps(graph, "nt"), format="nt")
    stance = URIRef(rdf.stance_iri("israel", "attacks", "syria"))
    assert set(data.objects(stance, GK.cameoCode)) == {Literal("195")}
    codes = sorted(str(data.value(ev, GK.cameoCode))
                   for ev in data.objects(stance, PROV.wasDerivedFrom))
    assert codes == ["194", "195", "195"]
    for ev in data.objects(stance, PROV.wasDerivedFrom):
        assert float(data.value(ev, GK.goldstein)) == -10.0
    back = rdf.from_quads(rdf.to_quads(graph))
    assert sorted(e.cameo for e in back.stance("israel", "attacks", "syria").evidence) == \
        ["194", "195", "195"]
    assert back.stance("israel", "attacks", "syria").cameo == "195"


def test_codes_conform_to_the_shapes_and_bad_ones_are_rejected(graph: StanceGraph) -> None:
    conforms, report = validate(graph)
    assert conforms, report
    data = rdflib.Graph().parse(data=rdf.dumps(graph, "nt"), format="nt")
    stance = URIRef(rdf.stance_iri("israel", "attacks", "syria"))
    ev = next(iter(data.objects(stance, PROV.wasDerivedFrom)))
    data.set((ev, GK.cameoCode, Literal("999")))
    conforms, report = validate(data)
    assert not conforms and "CAMEO event code" in report
    data.set((ev, GK.cameoCode, Literal("195")))
    data.set((ev, GK.goldstein, Literal(-12.5)))
    assert not validate(data)[0]
    data.set((ev, GK.goldstein, Literal("-10.0", datatype=rdflib.XSD.decimal)))
    data.add((stance, GK.cameoCode, Literal("194")))
    assert not validate(data)[0]


def test_edges_frame_has_the_codes(graph: StanceGraph) -> None:
    row = graph.edges_frame().iloc[0]
    assert row["cameo"] == "195" and row["goldstein"] == -10.0
    assert list(row["cameo_codes"]) == ["195", "194", "195"]


def test_page_data_carries_code_and_goldstein(graph: StanceGraph) -> None:
    [edge] = html.page_edges(graph)
    evidence = edge.stances[0]["evidence"]
    assert [e["cameo"] for e in evidence] == ["195", "194", "195"]
    assert all(e["goldstein"] == -10.0 for e in evidence)
    book = cameo_codebook()
    if "195" in book:
        assert evidence[0]["cameoName"] == book["195"].name


def test_codebook_reader_names_codes(tmp_path: Path) -> None:
    table = tmp_path / "codebook.tsv"
    table.write_text("code\tname\tgoldstein\tstance_type\n195\temploy aerial weapons\t-10\t"
                     "attacks\n036\texpress intent to meet or negotiate\t4.0\tagrees\n",
                     encoding="utf-8")
    book = cameo_codebook(table)
    assert book["195"].name == "employ aerial weapons" and book["195"].goldstein == -10.0
    assert book["036"].stance_type == "agrees"
    table.write_text("id\tlabel\n1\tx\n", encoding="utf-8")
    with pytest.raises(Exception, match="code"):
        cameo_codebook(table)

"""The blank spaCy pipeline's sentence splitter and paragraph offsets."""

from __future__ import annotations

import importlib.util

import pytest

from graphkit.errors import GraphkitError
from graphkit.extract.nlp import make_nlp, paragraphs


def sentences(text: str) -> list[str]:
    return [s.text for s in make_nlp()(text).sents]


def test_abbreviation_is_no_boundary():
    assert sentences("The U.S. will act. Russia waits.") == ["The U.S. will act.", "Russia waits."]


def test_opening_quote_starts_the_next_sentence():
    got = sentences('He spoke. “We will act,” she said. "Fine." Done.')
    assert got == ["He spoke.", "“We will act,” she said.", '"Fine."', "Done."]


def test_closing_quote_stays_with_its_sentence():
    assert sentences("She said “no.” Then left.") == ["She said “no.”", "Then left."]


def test_paragraph_offsets():
    text = "Title\r\n\r\n  Body one.\nBody two.  \n"
    for offset, para in paragraphs(text):
        assert text[offset:offset + len(para)] == para
    assert [p for _, p in paragraphs(text)] == ["Title", "Body one.", "Body two."]


def test_missing_parser_is_a_clear_error():
    with pytest.raises(GraphkitError, match="not installed"):
        make_nlp("no_such_spacy_pipeline_xyz")


@pytest.mark.skipif(importlib.util.find_spec("en_core_web_sm") is None,
                    reason="no spaCy English pipeline with a parser installed")
def test_parser_attachment():
    from graphkit.extract.pipeline import Extractor
    from graphkit.ingest import Article

    ex = Extractor(parser="en_core_web_sm")
    result = ex.extract(Article(id="p", text="Kosovo was recognized by Germany."))
    assert ("germany", "recognizes", "kosovo") in {s.key for s in result.stances}

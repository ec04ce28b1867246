"""Paragraphs of hard-wrapped copy: lines that continue a sentence are joined, real breaks
(blank lines, headlines, list items, lines that end a sentence) are kept."""

from __future__ import annotations

from graphkit.extract.nlp import paragraphs
from graphkit.extract.pipeline import Extractor
from graphkit.ingest import Article

WRAPPED = """\
OSLO, March 3 The government of Norway on Monday
condemned the seizure of a fishing vessel by Iceland, calling
it a breach of the treaty both states signed in 1995.
The foreign ministry said the matter would be raised with
officials in Reykjavik later this week and that talks on the
quota dispute were suspended until further notice.
Fishing groups in both countries have long argued over the
cod stocks of the North Atlantic, which fell sharply in the
last decade.
"""


def texts(text: str) -> list[str]:
    return [p for _, p in paragraphs(text)]


def test_wrapped_lines_join_into_sentences():
    got = texts(WRAPPED)
    assert len(got) == 3
    assert got[0].startswith("OSLO, March 3 The government of Norway on Monday condemned")
    assert got[0].endswith("signed in 1995.")
    assert got[2].endswith("in the last decade.")


def test_joined_paragraph_keeps_article_offsets():
    for offset, para in paragraphs(WRAPPED):
        assert WRAPPED[offset:offset + len(para)].replace("\n", " ") == para


def test_lower_case_line_continues_even_outside_a_wrapped_block():
    assert texts("Peru said it would\nrecall its envoy.\n\nChile waited.") == [
        "Peru said it would recall its envoy.", "Chile waited."]


def test_one_paragraph_per_line_stays_apart():
    text = ("Kenya Recalls Envoy From Uganda\nBy a staff writer\nNAIROBI\n"
            "Kenya recalled its ambassador to Uganda on Tuesday after a row over an island "
            "in Lake Victoria that both countries claim.\n"
            "Uganda said it regretted the decision and called for calm on both sides.\n")
    assert len(texts(text)) == 5


def test_headline_and_list_items_keep_their_breaks():
    text = ("Ministers Meet In Geneva Over Grain Corridor Deal\n"
            "Delegations from Turkey and Ukraine met in Geneva on Friday to discuss\n"
            "the grain corridor and agreed on the following points of the\n"
            "arrangement that they will put to their governments next week:\n"
            "- inspections of ships at a joint centre\n"
            "- a hotline between the two navies\n")
    got = texts(text)
    assert got[0] == "Ministers Meet In Geneva Over Grain Corridor Deal"
    assert got[1].startswith("Delegations from Turkey") and got[1].endswith("next week:")
    assert got[2:] == ["- inspections of ships at a joint centre",
                       "- a hotline between the two navies"]


def test_wrapped_article_gives_the_stances_of_its_sentences():
    text = ("ACCRA, May 2 Ghana on Friday strongly\n"
            "condemned Togo over the closure of a border post near\n"
            "Aflao, saying the move hurt traders on both sides of the\n"
            "frontier and broke a regional agreement on free movement.\n")
    result = Extractor().extract(Article(id="w", text=text))
    assert ("ghana", "criticizes", "togo") in {s.key for s in result.stances}

"""The spaCy pipeline the extractor runs: a blank English tokenizer and a rule-based sentence
splitter, or, when the user names one, an installed spaCy pipeline with a dependency parser.

No model is downloaded. The sentence splitter is rule-based: it ends a sentence after ``.``,
``!`` or ``?`` together with any closing quotes or brackets that follow, keeps an opening
quote with the sentence it opens, and treats abbreviations such as "U.S." as the tokenizer
does (one token, no boundary inside).
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.attrs import LOWER, ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from graphkit.errors import GraphkitError

__all__ = ["SENTENCE_COMPONENT", "make_nlp", "paragraphs", "token_strings"]

SENTENCE_COMPONENT = "graphkit_sentences"
_STRINGS = "graphkit_token_strings"

_ENDS = {".", "!", "?", "…", "...", "?!", "!?"}
_CLOSERS = {"”", "’", '"', "'", ")", "]", "»"}
_OPENERS = {"“", "‘", "(", "[", "«"}


@Language.component(SENTENCE_COMPONENT)
def split_sentences(doc: Doc) -> Doc:
    """Mark sentence starts after end punctuation (and the closing quotes behind it)."""
    n = len(doc)
    if n == 0:
        return doc
    texts, _, spaces = token_strings(doc)
    starts = [0]
    i = 0
    while i < n:
        text = texts[i]
        if text in _ENDS or ("\n" in text and not text.strip()):
            j = i + 1
            while j < n and (texts[j] in _CLOSERS or texts[j] in _ENDS):
                # A straight quote after the end closes the sentence only when it hugs it.
                if texts[j] in {'"', "'"} and spaces[j - 1]:
                    break
                j += 1
            while j < n and not texts[j].strip():
                j += 1
            if j < n:
                starts.append(j)
            i = j
        else:
            i += 1
    # Tokens left unset do not start a sentence; setting only the starts is much cheaper.
    for j in starts:
        doc[j].is_sent_start = True
    if n > 1 and len(starts) == 1:
        doc[1].is_sent_start = False
    return doc


def token_strings(doc: Doc) -> tuple[list[str], list[str], list[bool]]:
    """The texts, lower-case forms and trailing-space flags of a doc's tokens, computed once.

    Indexing a ``Doc`` builds a ``Token`` object each time, which dominates the cost of rule
    code that looks at neighbouring words; the extractor reads these lists instead.
    """
    cached = doc.user_data.get(_STRINGS)
    if cached is None or len(cached[0]) != len(doc):
        strings = doc.vocab.strings
        array = doc.to_array([ORTH, LOWER, SPACY]).tolist() if len(doc) else []
        cached = ([strings[row[0]] for row in array], [strings[row[1]] for row in array],
                  [bool(row[2]) for row in array])
        doc.user_data[_STRINGS] = cached
    return cached


@cache
def make_nlp(parser: str | None = None) -> Language:
    """The pipeline for ``parser`` (a spaCy package name), or the blank English one.

    Parameters
    ----------
    parser : str, optional
        Name of an installed spaCy pipeline with a dependency parser (``en_core_web_sm``).

    Returns
    -------
    spacy.language.Language

    Raises
    ------
    GraphkitError
        When the named pipeline is not installed or has no parser.
    """
    if parser is None:
        nlp = spacy.blank("en")
        nlp.add_pipe(SENTENCE_COMPONENT)
        return nlp
    try:
        nlp = spacy.load(parser, exclude=["ner", "textcat", "senter"])
    except OSError as exc:
        raise GraphkitError(
            f"spaCy pipeline {parser!r} is not installed; install it or leave out --parser"
        ) from exc
    if "parser" not in nlp.pipe_names:
        raise GraphkitError(f"spaCy pipeline {parser!r} has no dependency parser")
    return nlp


def paragraphs(text: str) -> list[tuple[int, str]]:
    """Split text at line breaks into ``(offset, paragraph)`` pairs, blank lines dropped.

    News text puts headlines, bylines and paragraphs on lines of their own; a line never
    continues a sentence of the line before in the inputs graphkit reads.

    Examples
    --------
    >>> paragraphs("Title\\n\\nFirst line.  \\nSecond.")
    [(0, 'Title'), (7, 'First line.'), (20, 'Second.')]
    """
    out = []
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip()
        lead = len(stripped) - len(stripped.lstrip())
        if stripped.strip():
            out.append((offset + lead, stripped.strip()))
        offset += len(line)
    return out

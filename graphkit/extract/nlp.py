"""The spaCy pipeline the extractor runs: a blank English tokenizer and a rule-based sentence
splitter, or, when the user names one, an installed spaCy pipeline with a dependency parser.

No model is downloaded. The sentence splitter is rule-based: it ends a sentence after ``.``,
``!`` or ``?`` together with any closing quotes or brackets that follow, keeps an opening
quote with the sentence it opens, and treats abbreviations such as "U.S." as the tokenizer
does (one token, no boundary inside).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property

import spacy
from spacy.attrs import IDX, IS_ALPHA, IS_PUNCT, IS_TITLE, LOWER, ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from graphkit.errors import GraphkitError

__all__ = ["SENTENCE_COMPONENT", "TokenInfo", "filter_ranges", "make_nlp", "paragraphs",
           "sentence_bounds", "token_info", "token_strings"]

SENTENCE_COMPONENT = "graphkit_sentences"
_STRINGS = "graphkit_token_strings"
_INFO = "graphkit_token_info"
_STARTS = "graphkit_sentence_starts"

_ENDS = {".", "!", "?", "…", "...", "?!", "!?"}
_CLOSERS = {"”", "’", '"', "'", ")", "]", "»"}
_OPENERS = {"“", "‘", "(", "[", "«"}
# Abbreviated titles that spaCy's English tokenizer splits from their full stop ("Maj", ".");
# the stop after them ends no sentence ("Maj. Gen. Ali", "Lt. Col. Smith").
_TITLE_ABBREVIATIONS = {"Maj", "Lt", "Col", "Capt", "Sgt", "Brig", "Cmdr", "Cdr", "Mme",
                        "Gov", "Sen", "Rep", "Amb", "Supt", "Insp", "Cpl", "Pvt"}


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
        if text == "." and i > 0 and texts[i - 1] in _TITLE_ABBREVIATIONS and not spaces[i - 1]:
            i += 1
            continue
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
    doc.user_data[_STARTS] = starts
    for j in starts:
        doc[j].is_sent_start = True
    if n > 1 and len(starts) == 1:
        doc[1].is_sent_start = False
    return doc


def token_strings(doc: Doc) -> tuple[list[str], list[str], list[int]]:
    """The texts, lower-case forms and trailing-space flags of a doc's tokens, computed once.

    Indexing a ``Doc`` builds a ``Token`` object each time, which dominates the cost of rule
    code that looks at neighbouring words; the extractor reads these lists instead.
    """
    cached = doc.user_data.get(_STRINGS)
    if cached is None or len(cached[0]) != len(doc):
        if len(doc):
            lookup = doc.vocab.strings.__getitem__
            orth, lower, spaces = doc.to_array([ORTH, LOWER, SPACY]).T.tolist()
            cached = (list(map(lookup, orth)), list(map(lookup, lower)), spaces)
        else:
            cached = ([], [], [])
        doc.user_data[_STRINGS] = cached
    return cached


@dataclass
class TokenInfo:
    """Per-token strings and flags of a doc as plain lists, computed once per doc.

    Rule code reads these instead of ``Token`` objects, which spaCy builds anew on every
    ``doc[i]``. Flags are 0 or 1.
    """

    texts: list[str]
    lower: list[str]
    spaces: list[int]
    idx: list[int]
    punct: list[int]
    alpha: list[int]
    title: list[int]
    sent_start: list[bool]

    @cached_property
    def text(self) -> str:
        """The doc's text (``Doc.text`` builds every token to give it)."""
        return "".join(t + " " if s else t for t, s in zip(self.texts, self.spaces, strict=True))


def token_info(doc: Doc) -> TokenInfo:
    """The :class:`TokenInfo` of ``doc`` (cached in ``doc.user_data``)."""
    cached = doc.user_data.get(_INFO)
    if cached is not None and len(cached.texts) == len(doc):
        return cached
    texts, lower, spaces = token_strings(doc)
    if len(doc):
        idx, punct, alpha, title = doc.to_array([IDX, IS_PUNCT, IS_ALPHA, IS_TITLE]).T.tolist()
    else:
        idx, punct, alpha, title = [], [], [], []
    starts = [False] * len(doc)
    for s, _ in sentence_bounds(doc):
        starts[s] = True
    info = TokenInfo(texts, lower, spaces, idx, punct, alpha, title, starts)
    doc.user_data[_INFO] = info
    return info


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges ``[start, end)`` of the sentences of ``doc``, in order."""
    starts = doc.user_data.get(_STARTS)
    if starts is None:
        starts = [s.start for s in doc.sents] if len(doc) else []
        doc.user_data[_STARTS] = starts
    ends = starts[1:] + [len(doc)]
    return list(zip(starts, ends, strict=True))


def filter_ranges(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Non-overlapping token ranges, longest (then earliest) first, returned in text order.

    The same choice as :func:`spacy.util.filter_spans`, on ``(start, end)`` pairs so that no
    ``Span`` objects need to be built.
    """
    if len(ranges) < 2:
        return list(ranges)
    taken: set[int] = set()
    kept = []
    for start, end in sorted(set(ranges), key=lambda r: (r[0] - r[1], r[0])):
        if all(i not in taken for i in range(start, end)):
            kept.append((start, end))
            taken.update(range(start, end))
    kept.sort()
    return kept


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
        _split_odd_possessives(nlp)
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
    _split_odd_possessives(nlp)
    return nlp


def _split_odd_possessives(nlp: Language) -> None:
    """Split a possessive written with a backtick or an acute accent ("Ladakh`s",
    "Russia´s") as spaCy splits "'s" and "’s", so that the name before it is matched."""
    suffixes = [*nlp.Defaults.suffixes, r"(?<=\w)[`´][sS]"]
    nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search


def paragraphs(text: str) -> list[tuple[int, str]]:
    """Split text into ``(offset, paragraph)`` pairs, blank lines dropped.

    News text puts headlines, bylines and paragraphs on lines of their own, and a line is a
    paragraph; but copy wrapped at a fixed width ends lines inside sentences. A line joins
    the line before it when it continues that line's sentence: it opens in lower case after
    a line that ends no sentence, or both stand in a block wrapped at a fixed width (see
    :func:`_wrapped`) and the first ends no sentence. Headlines (title case), list items and
    a blank line keep their breaks. A joined paragraph is the article's text from its first
    to its last character with each line break made a space, so offsets into it stay those
    of the article: ``text[offset:offset + len(p)]`` is ``p`` up to those spaces.

    Examples
    --------
    >>> paragraphs("Title\\n\\nFirst line.  \\nSecond.")
    [(0, 'Title'), (7, 'First line.'), (21, 'Second.')]
    >>> paragraphs("Chile said it\\nthanked Peru.")
    [(0, 'Chile said it thanked Peru.')]
    """
    lines: list[tuple[int, str, int]] = []  # (offset, stripped line, block number)
    offset = block = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            lines.append((offset + len(line) - len(line.lstrip()), stripped, block))
        else:
            block += 1
        offset += len(line)
    wrapped: dict[int, bool] = {}
    for number in {b for _, _, b in lines}:
        wrapped[number] = _wrapped([s for _, s, b in lines if b == number])
    out: list[tuple[int, str]] = []
    first = last = -1
    for k, (start, stripped, number) in enumerate(lines):
        opens_block = k < 2 or lines[k - 2][2] != number
        if first >= 0 and _continues(lines[k - 1][1], stripped, number == lines[k - 1][2],
                                     wrapped[number], opens_block):
            last = start + len(stripped)
            continue
        if first >= 0:
            out.append((first, _flat(text[first:last])))
        first, last = start, start + len(stripped)
    if first >= 0:
        out.append((first, _flat(text[first:last])))
    return out


# A line that ends a sentence: end punctuation, then closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]\u00bb]*$")
# A line that opens a list item, a heading, a quotation block or a table row.
_ITEM = re.compile(r"^(?:[-*\u2022\u2013\u2014#>|+]|\d{1,3}[.)]\s)")
_DATELINE = re.compile(r"^[A-Z][A-Z/ .'-]+(?:,|\s[-\u2013\u2014(:])")
_BREAK = re.compile(r"[ \t]*(?:\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029])[ \t]*")


def _flat(piece: str) -> str:
    """A joined paragraph with its line breaks made spaces (the same length)."""
    if "\n" not in piece and "\r" not in piece:
        return piece
    return _BREAK.sub(lambda m: " " * len(m.group()), piece)


def _continues(before: str, line: str, same_block: bool, wrapped: bool,
               headline_place: bool) -> bool:
    """Whether ``line`` continues the sentence of the line ``before`` it (which opens its
    block if ``headline_place``: a line in title case there is a headline)."""
    if not same_block or _ITEM.match(line) or _SENTENCE_END.search(before) \
            or _ITEM.match(before) or (headline_place and _title_case(before)):
        return False
    if line[0].islower():
        return True
    return wrapped and not before.endswith(":")


def _title_case(line: str) -> bool:
    """A headline: most words of four letters or more start with a capital, the last word
    too (words in capitals are left out). A line that opens with a dateline ("OSLO, March
    3") is the story's first sentence."""
    if _DATELINE.match(line):
        return False
    words = [w for w in re.findall(r"[^\W\d_]{4,}", line) if not w.isupper()]
    return len(words) >= 3 and words[-1][0].isupper() \
        and sum(w[0].isupper() for w in words) / len(words) >= 0.75


def _wrapped(block: list[str]) -> bool:
    """Whether a block of lines (no blank line between them) was wrapped at a fixed width:
    lines that end no sentence are several, a good share of the block, and nearly all
    about as long as its longest line. A headline, byline and dateline above lines that are
    paragraphs are short beside them, so such a block is not wrapped."""
    if len(block) < 3:
        return False
    width = max(map(len, block))
    open_lines = [s for s in block[:-1] if not _SENTENCE_END.search(s)]
    if len(open_lines) < 2 or len(open_lines) < 0.3 * (len(block) - 1) or width > 160:
        return False
    long_lines = sum(len(s) >= 0.7 * width for s in open_lines)
    return long_lines >= 0.8 * len(open_lines)

"""Articles from files, folders and standard input, with their metadata.

Supported inputs:

- ``.txt`` / ``.md``: plain text, optionally opened by header lines (``Title: ...``,
  ``Date: 2019-03-27``, ``URL: ...``, ``Publisher: ...``, ended by a blank line) or by YAML
  front matter between ``---`` lines; in Markdown a leading ``# Heading`` is the title.
- ``.html`` / ``.htm``: the main text, boilerplate dropped, with trafilatura; title, date
  and url from the page's metadata.
- ``.jsonl``: one article per line, ``{"text", "id"?, "title"?, "date"?, "url"?, "publisher"?}``,
  read line by line (a file of any size streams).
- a directory: every file with a known suffix below it, in sorted order.
- ``-``: standard input; JSON Lines if the first non-blank line starts with ``{``, else text.

Article identity
----------------
An article is identified by what it says about itself, never by the path it was read from:

1. its own ``id`` (a JSON Lines field, a front-matter key or an ``Id:`` header line), else
2. its URL (``url`` field, ``URL:`` header, the page's canonical URL for HTML), else
3. ``text-`` and a hash of its normalised text (Unicode NFKC, runs of white space made one
   space), so the same text read from a file, from a copy, through another path or from
   standard input is the same article: one named graph in a store, one evidence per stance.

The path (``path`` or ``path:line``) stays as provenance in :attr:`Article.source`; it is the
identity only when asked (``ids="path"``, ``--path-ids`` on the command line).
:attr:`Article.content_hash` covers text and metadata and tells a changed article from a
known one in an incremental store update.

Bad input raises :class:`graphkit.errors.InputError` naming the file and line; with
``skip_bad=True`` the bad record is reported through ``warn`` and skipped, never lost silently.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

import yaml
from dateutil import parser as dateparser

from graphkit import safe_yaml
from graphkit.errors import InputError

__all__ = [
    "Article",
    "ARTICLE_SUFFIXES",
    "IDS",
    "article_id",
    "normalise_text",
    "parse_date",
    "read_article",
    "read_articles",
]

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
ARTICLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

STDIN_NAME = "<stdin>"
#: Limits on untrusted input, each reported with the file and line.
MAX_ID_CHARS = 512
MAX_RECORD_CHARS = 50_000_000
_HEADER_RE = re.compile(r"^(id|title|date|url|publisher)[ \t]*:[ \t]*(.*?)\s*$", re.IGNORECASE)
_HEADING_RE = re.compile(r"^#[ \t]+(.+?)[ \t#]*$")


@dataclass(frozen=True)
class Article:
    """One news article: its text and what is known about it.

    ``id`` is the article's identity (see the module docstring: its own id, else its URL,
    else a hash of its normalised text); ``source`` says where it was read (``path`` or
    ``path:line``) and is provenance only.
    """

    id: str
    text: str
    title: str | None = None
    date: date | None = None
    url: str | None = None
    publisher: str | None = None
    source: str | None = None

    @property
    def content_hash(self) -> str:
        """A hash of the normalised text and the metadata: equal for the same article read
        twice, different once its text, title, date, url or publisher changes."""
        meta = "\x1f".join("" if v is None else str(v) for v in
                           (self.id, self.title, self.date, self.url, self.publisher))
        return _digest(meta + "\x1e" + normalise_text(self.text))


#: The ways of naming articles: ``"auto"`` (the rule above) or ``"path"`` (the path read).
IDS = ("auto", "path")

_SPACE_RE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """The text an article's hash is taken of: NFKC, white space runs made one space.

    Examples
    --------
    >>> normalise_text("  Kenya\r\n  said\u00a0so. ")
    'Kenya said so.'
    """
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def article_id(text: str, *, given: Any = None, url: str | None = None) -> str:
    """The identity of an article: its own id, else its URL, else a hash of its text.

    Examples
    --------
    >>> article_id("Kenya said so.", given=7)
    '7'
    >>> article_id("Kenya said so.", url="https://example.org/k")
    'https://example.org/k'
    >>> article_id("Kenya  said so.") == article_id("Kenya said so.\n")
    True
    """
    if given is not None and str(given).strip():
        return str(given).strip()
    if url:
        return url
    return "text-" + _digest(normalise_text(text))


def parse_date(value: Any, source: str, line: int | None = None) -> date | None:
    """A calendar date from a header or JSON value; ``None`` for an empty value.

    ISO dates and date-times are read directly; other spellings ("27 March 2019") are read
    only when they name a day, a month and a year, since a guessed day is worse than none.

    Raises
    ------
    InputError
        When the value is not a complete date.

    Examples
    --------
    >>> parse_date("2019-03-27", "a.txt")
    datetime.date(2019, 3, 27)
    >>> parse_date("March 27, 2019", "a.txt")
    datetime.date(2019, 3, 27)
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        raise InputError(source, f"bad date {value!r}: expected a string such as 2019-03-27", line)
    text = value.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        # Two different defaults: if the results differ, the text left a part of the date out.
        first = dateparser.parse(text, default=datetime(1900, 1, 1))
        second = dateparser.parse(text, default=datetime(1904, 2, 2))
    except (ValueError, OverflowError):
        first = second = None
    if first is None or first.date() != second.date():
        raise InputError(source, f"bad date {value!r}: expected a date such as 2019-03-27", line)
    return first.date()


def _decode(data: bytes, source: str, line_offset: int = 0) -> str:
    """UTF-8 text (a byte-order mark is dropped); undecodable bytes are an InputError."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1 + line_offset
        bad = data[exc.start : exc.start + 1].hex()
        raise InputError(
            source,
            f"cannot decode byte 0x{bad} at byte offset {exc.start} as UTF-8 "
            "(convert the file to UTF-8)",
            line,
        ) from None
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1 + line_offset
        raise InputError(source, "contains a NUL character: this looks like a binary file", line)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _split_header(text: str, source: str) -> tuple[dict[str, Any], str, dict[str, int]]:
    """Metadata from header lines or YAML front matter, the body, and each key's line."""
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        for end in range(1, len(lines)):
            if lines[end].strip() in ("---", "..."):
                try:
                    meta = safe_yaml.load("\n".join(lines[1:end]))
                except safe_yaml.YamlRefused as exc:
                    raise InputError(source, f"bad YAML front matter: {exc.problem}",
                                     (exc.line or 0) + 1) from None
                except yaml.YAMLError as exc:
                    mark = getattr(exc, "problem_mark", None)
                    line = mark.line + 2 if mark is not None else 1
                    problem = getattr(exc, "problem", None) or "malformed YAML"
                    raise InputError(source, f"bad YAML front matter: {problem}", line) from None
                if meta is None:
                    meta = {}
                if not isinstance(meta, dict):
                    raise InputError(source, "YAML front matter must be a mapping", 2)
                meta = {str(k).lower(): v for k, v in meta.items()}
                key_lines = {}
                for number in range(1, end):
                    key = lines[number].partition(":")[0].strip().lower()
                    key_lines.setdefault(key, number + 1)
                return meta, "\n".join(lines[end + 1 :]), key_lines
        raise InputError(source, "YAML front matter opened by '---' is never closed", 1)
    meta: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    for number, line in enumerate(lines):
        if not line.strip():
            if meta:
                return meta, "\n".join(lines[number + 1 :]), key_lines
            break
        match = _HEADER_RE.match(line)
        if match is None:
            break
        meta[match.group(1).lower()] = match.group(2)
        key_lines[match.group(1).lower()] = number + 1
    # Not a header block (no blank line after it, or an ordinary first line): all text.
    return {}, text, {}


def _text_article(text: str, source: str, markdown: bool, ids: str = "auto") -> Article:
    meta, body, key_lines = _split_header(text, source)
    title = meta.get("title")
    # The hash is taken before a Markdown heading is moved to the title, so that a file read
    # as text and the same bytes read as Markdown (standard input) are one article.
    identity_text = body
    if markdown:
        stripped = body.lstrip("\n")
        first, _, rest = stripped.partition("\n")
        heading = _HEADING_RE.match(first)
        if heading is not None:
            if title is None:
                title = heading.group(1)
            # The title lives in ``title``, as for header lines; the body starts after it.
            body = rest
    body = body.strip()
    if not body:
        raise InputError(source, "no article text (the file is empty or has only a header)")
    url = _optional_str(meta.get("url"))
    return Article(
        id=source if ids == "path" else article_id(identity_text, given=meta.get("id"),
                                                    url=url),
        text=body,
        title=str(title).strip() if title not in (None, "") else None,
        date=parse_date(meta.get("date"), source, key_lines.get("date")),
        url=url,
        publisher=_optional_str(meta.get("publisher")),
        source=source,
    )


def _optional_str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _html_article(data: bytes, source: str, ids: str = "auto") -> Article:
    import trafilatura  # imported late: it is slow to import and only HTML needs it

    if not data.strip():
        raise InputError(source, "empty file")
    html = _decode(data, source)
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    text = (doc.text or "").strip() if doc is not None else ""
    if not text:
        raise InputError(source, "no main text found in the HTML page")
    title = _optional_str(doc.title)
    first, _, rest = text.partition("\n")
    if title is not None and first.strip() == title:
        text = rest.strip() or text
    try:
        published = parse_date(doc.date, source)
    except InputError:
        published = None  # a page's guessed date is metadata, not the user's input
    url = _optional_str(doc.url)
    return Article(
        id=source if ids == "path" else article_id(text, url=url),
        text=text,
        title=title,
        date=published,
        url=url,
        publisher=_optional_str(doc.sitename),
        source=source,
    )


def _jsonl_record(raw: bytes, source: str, number: int) -> Article | None:
    text = _decode(raw, source, number - 1).strip()
    if not text:
        return None
    if len(text) > MAX_RECORD_CHARS:
        raise InputError(source, f"the record is longer than {MAX_RECORD_CHARS:,} characters; "
                         "split the article", number)
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            source, f"malformed JSON: {exc.msg} (column {exc.colno})", number
        ) from None
    except RecursionError:
        raise InputError(source, "the JSON is nested too deeply", number) from None
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise InputError(source, f"unreadable JSON value: {exc}", number) from None
    if not isinstance(record, dict):
        raise InputError(source, "each line must be a JSON object", number)
    if record.get("text") is None:
        raise InputError(source, "missing 'text'", number)
    given = record.get("id")
    if given is not None and (not isinstance(given, str | int) or isinstance(given, bool)):
        raise InputError(source, "'id' must be a string or an integer", number)
    if given is not None and len(str(given)) > MAX_ID_CHARS:
        raise InputError(source, f"'id' is longer than {MAX_ID_CHARS} characters", number)
    if not isinstance(record["text"], str):
        raise InputError(source, "'text' must be a string", number)
    if not record["text"].strip():
        name = f"article {given!r}" if given is not None else "the article"
        raise InputError(source, f"{name} has empty 'text'", number)
    for key in ("title", "url", "publisher"):
        if record.get(key) is not None and not isinstance(record[key], str):
            raise InputError(source, f"{key!r} must be a string", number)
    text = record["text"].replace("\r\n", "\n").strip()
    url = _optional_str(record.get("url"))
    return Article(
        id=article_id(text, given=given, url=url),
        text=text,
        title=_optional_str(record.get("title")),
        date=parse_date(record.get("date"), source, number),
        url=url,
        publisher=_optional_str(record.get("publisher")),
        source=f"{source}:{number}",
    )


def _jsonl_articles(
    lines: Iterable[bytes], source: str, on_error: Callable[[InputError], None]
) -> Iterator[Article]:
    # Line by line, bytes first, so that one bad line costs only that line; the lines come
    # from an open file, so memory does not grow with the number of articles.
    empty = True
    for number, raw in enumerate(lines, start=1):
        if empty and not raw.strip():
            continue
        empty = False
        try:
            article = _jsonl_record(raw, source, number)
        except InputError as exc:
            on_error(exc)
            continue
        if article is not None:
            yield article
    if empty:
        raise InputError(source, "empty file")


def _looks_like_jsonl(data: bytes) -> bool:
    for raw in data.split(b"\n"):
        if raw.strip():
            return raw.lstrip().lstrip(b"\xef\xbb\xbf").startswith(b"{")
    return False


def _file_articles(
    path: Path, name: str, on_error: Callable[[InputError], None], ids: str = "auto"
) -> Iterator[Article]:
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        known = ", ".join(sorted(ARTICLE_SUFFIXES))
        raise InputError(name, f"unknown file type {suffix or '(no suffix)'!r}; known: {known}")
    try:
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as stream:
                yield from _jsonl_articles(_lines(stream), name, on_error)
            return
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    if suffix in HTML_SUFFIXES:
        yield _html_article(data, name, ids)
    else:
        if not data.strip():
            raise InputError(name, "empty file")
        yield _text_article(_decode(data, name), name, suffix in {".md", ".markdown"}, ids)


def _lines(stream: BinaryIO) -> Iterator[bytes]:
    """The lines of a binary stream without their line ends, read as they come."""
    for raw in stream:
        yield raw.rstrip(b"\n")


def _stdin_articles(stream: BinaryIO, on_error: Callable[[InputError], None],
                    ids: str = "auto") -> Iterator[Article]:
    # Blank lines first, then the first line decides: JSON Lines stream on line by line,
    # anything else is one text article.
    head: list[bytes] = []
    for raw in stream:
        head.append(raw)
        if raw.strip():
            break
    if not any(raw.strip() for raw in head):
        raise InputError(STDIN_NAME, "standard input is empty")
    if _looks_like_jsonl(head[-1]):
        yield from _jsonl_articles(
            (raw.rstrip(b"\n") for part in (head, stream) for raw in part), STDIN_NAME, on_error)
    else:
        data = b"".join(head) + stream.read()
        yield _text_article(_decode(data, STDIN_NAME), STDIN_NAME, True, ids)


def _directory_files(directory: Path) -> list[Path]:
    return sorted(
        p
        for p in directory.rglob("*")
        if p.is_file()
        and p.suffix.lower() in ARTICLE_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(directory).parts)
    )


def _default_warn(message: str) -> None:
    warnings.warn(message, stacklevel=3)


def read_articles(
    inputs: Iterable[str | Path],
    *,
    skip_bad: bool = False,
    warn: Callable[[str], None] | None = None,
    stdin: BinaryIO | None = None,
    ids: str = "auto",
) -> Iterator[Article]:
    """Read articles from files, directories and ``-`` (standard input), lazily.

    Parameters
    ----------
    inputs
        Paths of ``.txt``, ``.md``, ``.html``, ``.htm`` or ``.jsonl`` files, directories
        (searched recursively, in sorted order, for files with those suffixes; hidden
        files are left out), or ``"-"`` for standard input.
    skip_bad
        Report a bad file or line through ``warn`` and go on, instead of raising.
    warn
        Receives one message per skipped input (default: :func:`warnings.warn`).
    stdin
        A binary stream to read for ``-`` (default: ``sys.stdin.buffer``).
    ids
        ``"auto"``: an article is identified by its own id, else its URL, else a hash of its
        normalised text (see the module docstring); ``"path"``: a file's article by the path
        as given (records of JSON Lines keep the ``"auto"`` rule).

    Yields
    ------
    Article
        One per text/HTML file, one per JSON line.

    Raises
    ------
    InputError
        For a missing path, an unknown suffix, undecodable bytes, an empty file, a malformed
        JSON line, a missing ``id`` or ``text``, or a bad date (unless ``skip_bad``).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Title: Talks\\nDate: 2019-03-27\\n\\nChina met Russia.")
    >>> [(a.title, a.date.isoformat(), a.text) for a in read_articles([folder])]
    [('Talks', '2019-03-27', 'China met Russia.')]
    """
    if ids not in IDS:
        raise ValueError(f"unknown ids {ids!r}: use one of {', '.join(IDS)}")
    report = warn or _default_warn

    def on_error(exc: InputError) -> None:
        if not skip_bad:
            raise exc
        report(f"skipped {exc}")

    for given in inputs:
        name = str(given)
        try:
            if name == "-":
                yield from _stdin_articles(stdin or sys.stdin.buffer, on_error, ids)
                continue
            path = Path(given)
            if path.is_dir():
                files = _directory_files(path)
                if not files:
                    known = ", ".join(sorted(ARTICLE_SUFFIXES))
                    raise InputError(name, f"directory holds no article files ({known})")
                for child in files:
                    try:
                        yield from _file_articles(child, str(child), on_error, ids)
                    except InputError as exc:
                        on_error(exc)
            elif path.exists():
                yield from _file_articles(path, name, on_error, ids)
            else:
                raise InputError(name, "no such file or directory")
        except InputError as exc:
            on_error(exc)


def read_article(path: str | Path) -> Article:
    """Read the single article in ``path`` (a text or HTML file, or a one-line JSONL file).

    Raises
    ------
    InputError
        When the file is bad or holds other than exactly one article.
    """
    articles = list(read_articles([path]))
    if len(articles) != 1:
        raise InputError(str(path), f"expected one article, found {len(articles)}")
    return articles[0]

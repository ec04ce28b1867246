"""Tests of graphkit.ingest: every input form, its metadata, and every kind of bad input."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from graphkit.errors import InputError
from graphkit.ingest import Article, article_id, parse_date, read_article, read_articles

BODY = "Kenya said on Monday it would send police officers to Haiti."


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# --- text and markdown ---------------------------------------------------------------


def test_plain_text_without_header(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", BODY + "\n")
    article = read_article(path)
    assert article == Article(id=article_id(BODY), text=BODY, source=str(path))
    assert article.id.startswith("text-") and str(path) not in article.id


def test_header_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.txt",
        "Title: Kenya to lead Haiti mission\nDate: 2023-07-31\nURL: https://example.org/k\n"
        "Publisher: Example Wire\n\n" + BODY,
    )
    article = read_article(path)
    assert article.title == "Kenya to lead Haiti mission"
    assert article.date == date(2023, 7, 31)
    assert article.url == "https://example.org/k"
    assert article.publisher == "Example Wire"
    assert article.text == BODY


def test_header_keys_are_case_insensitive(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "TITLE: Upper\ndate: 2001-09-12\n\n" + BODY)
    article = read_article(path)
    assert (article.title, article.date) == ("Upper", date(2001, 9, 12))


def test_colon_in_first_line_without_blank_is_text(tmp_path: Path) -> None:
    # A sentence that happens to start like a header is not metadata without a blank line.
    content = "Title: a word the minister used\nwas repeated by the envoy.\n"
    article = read_article(write(tmp_path / "a.txt", content))
    assert article.title is None
    assert article.text == content.strip()


def test_yaml_front_matter(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.md",
        "---\ntitle: Talks in Doha\ndate: 2020-02-29\npublisher: Wire\ntags: [x]\n---\n" + BODY,
    )
    article = read_article(path)
    assert (article.title, article.date, article.publisher) == (
        "Talks in Doha",
        date(2020, 2, 29),
        "Wire",
    )
    assert article.text == BODY


def test_markdown_heading_is_title(tmp_path: Path) -> None:
    article = read_article(write(tmp_path / "a.md", "# Kenya Offers Police\n\n" + BODY))
    assert article.title == "Kenya Offers Police"
    assert article.text == BODY


def test_header_title_wins_over_heading(tmp_path: Path) -> None:
    content = "---\ntitle: Given\n---\n# Heading\n" + BODY
    article = read_article(write(tmp_path / "a.md", content))
    assert article.title == "Given"
    assert article.text == BODY


def test_heading_in_txt_is_text(tmp_path: Path) -> None:
    article = read_article(write(tmp_path / "a.txt", "# Not a title\n" + BODY))
    assert article.title is None
    assert article.text.startswith("# Not a title")


def test_crlf_line_ends(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", b"Title: T\r\nDate: 2014-03-18\r\n\r\nLine one.\r\nLine two.")
    article = read_article(path)
    assert (article.title, article.date, article.text) == (
        "T",
        date(2014, 3, 18),
        "Line one.\nLine two.",
    )


def test_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", b"\xef\xbb\xbfTitle: T\n\n" + BODY.encode())
    assert read_article(path).title == "T"


# --- HTML ----------------------------------------------------------------------------

PAGE = """<html><head><title>Envoys Expelled - Example News</title>
<meta property="og:title" content="Poland expels Russian envoys">
<meta property="og:url" content="https://news.example.org/poland">
<meta property="og:site_name" content="Example News">
<meta name="date" content="2022-03-23"></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a> | Subscribe now</nav>
<article><h1>Poland expels Russian envoys</h1>
<p>Poland expelled 45 Russian diplomats on Wednesday, accusing them of working for the
intelligence services under diplomatic cover, the Polish interior minister said.</p>
<p>Moscow called the decision hostile and promised a response in kind, its foreign
ministry said in a statement issued later the same day.</p></article>
<footer>Copyright Example News. All rights reserved. Cookie settings.</footer>
</body></html>"""


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    article = read_article(write(tmp_path / "page.html", PAGE))
    assert article.title == "Poland expels Russian envoys"
    assert article.date == date(2022, 3, 23)
    assert article.url == "https://news.example.org/poland"
    assert "Poland expelled 45 Russian diplomats" in article.text
    assert "Moscow called the decision hostile" in article.text
    for boilerplate in ("Subscribe now", "Cookie settings", "Home"):
        assert boilerplate not in article.text


def test_html_without_text_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "page.htm", "<html><body><script>var a = 1;</script></body></html>")
    with pytest.raises(InputError, match="no main text"):
        read_article(path)


# --- JSON Lines ----------------------------------------------------------------------


def jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_jsonl_records(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.jsonl",
        jsonl(
            {"id": "x1", "text": BODY, "title": "T", "date": "2023-07-31", "url": "u"},
            "",
            {"id": 7, "text": "Second.", "publisher": "P"},
        ),
    )
    articles = list(read_articles([path]))
    assert [a.id for a in articles] == ["x1", "7"]
    assert articles[0].date == date(2023, 7, 31)
    assert articles[0].source == f"{path}:1"
    assert articles[1].source == f"{path}:3"
    assert articles[1].publisher == "P"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"id": "a", "text": "x"', "malformed JSON"),
        ('["a", "b"]', "JSON object"),
        ('{"id": "a", "text": null}', "missing 'text'"),
        ('{"id": true, "text": "x"}', "'id' must be a string or an integer"),
        ('{"id": "a"}', "missing 'text'"),
        ('{"id": "a", "text": "  "}', "empty 'text'"),
        ('{"id": "a", "text": "x", "date": "2019-02-30"}', "bad date"),
        ('{"id": "a", "text": "x", "date": "March 2019"}', "bad date"),
        ('{"id": "a", "text": 5}', "'text' must be a string"),
    ],
)
def test_jsonl_bad_line_names_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = write(tmp_path / "a.jsonl", jsonl({"id": "ok", "text": "Fine."}, line))
    with pytest.raises(InputError, match=message) as info:
        list(read_articles([path]))
    assert info.value.source == str(path)
    assert info.value.line == 2
    assert str(info.value).startswith(f"{path}:2: ")


def test_jsonl_skip_bad_warns_and_keeps_the_rest(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.jsonl",
        jsonl({"id": "a", "text": "One."}, "{oops", {"id": "c", "text": "Three."}),
    )
    warnings: list[str] = []
    articles = list(read_articles([path], skip_bad=True, warn=warnings.append))
    assert [a.id for a in articles] == ["a", "c"]
    assert len(warnings) == 1
    assert f"{path}:2" in warnings[0]


def test_jsonl_undecodable_line_costs_only_that_line(tmp_path: Path) -> None:
    data = (
        b'{"id": "a", "text": "One."}\n{"id": "b", "text": "caf\xe9"}\n{"id": "c", "text": "3"}\n'
    )
    path = write(tmp_path / "a.jsonl", data)
    with pytest.raises(InputError, match="0xe9") as info:
        list(read_articles([path]))
    assert info.value.line == 2
    warnings: list[str] = []
    kept = list(read_articles([path], skip_bad=True, warn=warnings.append))
    assert [a.id for a in kept] == ["a", "c"]
    assert len(warnings) == 1


# --- bad files -----------------------------------------------------------------------


def test_undecodable_bytes_say_offset_and_line(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", b"First line.\nSecond \xff line.\n")
    with pytest.raises(InputError, match=r"0xff at byte offset 19") as info:
        read_article(path)
    assert info.value.line == 2


def test_binary_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="binary"):
        read_article(write(tmp_path / "a.txt", b"abc\x00def"))


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.html", "a.jsonl"])
def test_empty_file_is_an_error(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, "  \n\n")
    with pytest.raises(InputError, match="empty") as info:
        list(read_articles([path]))
    assert info.value.source == str(path)


def test_header_only_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no article text"):
        read_article(write(tmp_path / "a.txt", "Title: Only a title\n\n"))


def test_bad_header_date_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Title: T\nDate: 2019-13-45\n\n" + BODY)
    with pytest.raises(InputError, match="bad date") as info:
        read_article(path)
    assert info.value.line == 2


def test_bad_front_matter(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="never closed"):
        read_article(write(tmp_path / "a.md", "---\ntitle: x\n" + BODY))
    with pytest.raises(InputError, match="YAML"):
        read_article(write(tmp_path / "b.md", "---\ntitle: [x\n---\n" + BODY))


def test_unknown_suffix_and_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown file type '.pdf'"):
        list(read_articles([write(tmp_path / "a.pdf", BODY)]))
    with pytest.raises(InputError, match="no such file"):
        list(read_articles([tmp_path / "missing.txt"]))


def test_skip_bad_files_warns_for_each(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", BODY)
    empty = write(tmp_path / "empty.txt", "")
    warnings: list[str] = []
    inputs = [empty, good, tmp_path / "missing.txt", write(tmp_path / "x.doc", "x")]
    articles = list(read_articles(inputs, skip_bad=True, warn=warnings.append))
    assert [a.source for a in articles] == [str(good)]
    assert len(warnings) == 3
    assert str(empty) in warnings[0]


def test_skip_bad_default_warning(tmp_path: Path) -> None:
    with pytest.warns(UserWarning, match="empty file"):
        assert list(read_articles([write(tmp_path / "e.txt", "")], skip_bad=True)) == []


# --- directories and standard input --------------------------------------------------


def test_directory_is_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    write(tmp_path / "b.txt", "B.")
    write(tmp_path / "a.md", "A.")
    write(tmp_path / "sub" / "c.jsonl", jsonl({"id": "c1", "text": "C."}))
    write(tmp_path / "notes.csv", "ignored,by,suffix")
    write(tmp_path / ".hidden" / "d.txt", "hidden")
    sources = [a.source for a in read_articles([tmp_path])]
    assert sources == [str(tmp_path / "a.md"), str(tmp_path / "b.txt"),
                       f"{tmp_path / 'sub' / 'c.jsonl'}:1"]


def test_empty_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no article files"):
        list(read_articles([tmp_path]))


def test_bad_file_in_directory_with_skip_bad(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "A.")
    write(tmp_path / "b.txt", b"\xff\xfe")
    write(tmp_path / "c.txt", "C.")
    warnings: list[str] = []
    ids = [a.text for a in read_articles([tmp_path], skip_bad=True, warn=warnings.append)]
    assert ids == ["A.", "C."]
    assert "b.txt" in warnings[0]


def test_stdin_plain_text() -> None:
    stream = io.BytesIO(b"Title: From a pipe\n\n" + BODY.encode())
    (article,) = read_articles(["-"], stdin=stream)
    assert (article.id, article.title, article.text) == (article_id(BODY), "From a pipe", BODY)
    assert article.source == "<stdin>"


def test_stdin_json_lines() -> None:
    stream = io.BytesIO(jsonl({"id": "p1", "text": "One."}, {"id": "p2", "text": "Two."}).encode())
    assert [a.id for a in read_articles(["-"], stdin=stream)] == ["p1", "p2"]


def test_stdin_empty_is_an_error() -> None:
    with pytest.raises(InputError, match="standard input is empty"):
        list(read_articles(["-"], stdin=io.BytesIO(b"")))


def test_read_article_wants_exactly_one(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", jsonl({"id": "a", "text": "1"}, {"id": "b", "text": "2"}))
    with pytest.raises(InputError, match="expected one article, found 2"):
        read_article(path)


def test_reading_is_lazy(tmp_path: Path) -> None:
    # The first article arrives before a later bad input is looked at.
    good = write(tmp_path / "a.txt", "A.")
    stream = read_articles([good, tmp_path / "missing.txt"])
    assert next(stream).text == "A."
    with pytest.raises(InputError):
        next(stream)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-03-27", date(2019, 3, 27)),
        ("2019-03-27T10:00:00Z", date(2019, 3, 27)),
        ("27 March 2019", date(2019, 3, 27)),
        ("", None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text, "x") == expected


@pytest.mark.parametrize("text", ["2019", "March 2019", "yesterday", "2019-02-30"])
def test_parse_date_rejects_incomplete_dates(text: str) -> None:
    with pytest.raises(InputError, match="bad date"):
        parse_date(text, "x", 3)


# --- article identity ----------------------------------------------------------------


def test_same_text_through_every_way_in_is_one_article(tmp_path: Path, monkeypatch) -> None:
    content = "Title: Police for Haiti\nDate: 2023-07-31\n\n" + BODY + "\n"
    (tmp_path / "news").mkdir()
    original = write(tmp_path / "news" / "k.txt", content)
    copy = write(tmp_path / "copy.md", content.replace("\n\n", "\n\n  ").replace(".", ". "))
    monkeypatch.chdir(tmp_path / "news")
    ways = [original, "k.txt", "../news/k.txt", copy, "-"]
    articles = list(read_articles(ways, stdin=io.BytesIO(content.encode())))
    assert len({a.id for a in articles}) == 1
    assert len({a.content_hash for a in articles}) == 1
    assert len({a.source for a in articles}) == 5
    assert not any("k.txt" in a.id or "copy" in a.id for a in articles)


def test_own_id_then_url_then_text(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", jsonl(
        {"id": "r1", "url": "https://example.org/1", "text": BODY},
        {"url": "https://example.org/2", "text": BODY},
        {"text": BODY},
    ))
    assert [a.id for a in read_articles([path])] == [
        "r1", "https://example.org/2", article_id(BODY)]
    header = write(tmp_path / "h.txt", "URL: https://example.org/3\n\n" + BODY)
    front = write(tmp_path / "f.md", "---\nid: wire-42\nurl: https://example.org/4\n---\n" + BODY)
    assert read_article(header).id == "https://example.org/3"
    assert read_article(front).id == "wire-42"


def test_two_pipes_are_two_articles() -> None:
    first = read_article_from_stdin(BODY)
    second = read_article_from_stdin("Chile said on Friday it would recall its envoy.")
    assert first.id != second.id


def read_article_from_stdin(text: str) -> Article:
    (article,) = read_articles(["-"], stdin=io.BytesIO(text.encode()))
    return article


def test_path_ids_on_request(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", BODY)
    assert [a.id for a in read_articles([path], ids="path")] == [str(path)]
    with pytest.raises(ValueError, match="unknown ids"):
        list(read_articles([path], ids="name"))


def test_content_hash_changes_with_the_text(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "URL: https://example.org/k\n\n" + BODY)
    before = read_article(path)
    write(path, "URL: https://example.org/k\n\n" + BODY + " It named a commander.")
    after = read_article(path)
    assert before.id == after.id and before.content_hash != after.content_hash


def test_jsonl_streams_from_standard_input() -> None:
    class OneWay(io.RawIOBase):
        """A pipe that can be read once, line by line, and says how far it was read."""

        def __init__(self, lines: list[bytes]) -> None:
            self.lines, self.read_lines = iter(lines), 0

        def readable(self) -> bool:
            return True

        def __next__(self) -> bytes:
            line = next(self.lines)
            self.read_lines += 1
            return line

        def read(self, size: int = -1) -> bytes:
            return b"".join(self.lines)

    pipe = OneWay([b"\n"] + [jsonl({"id": f"a{i}", "text": BODY}).encode() for i in range(50)])
    stream = read_articles(["-"], stdin=pipe)
    assert next(stream).id == "a0"
    assert pipe.read_lines < 10
    assert len(list(stream)) == 49

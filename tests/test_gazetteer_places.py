"""Capitals and seats that stood for a state only for a time: moved capitals, cities of
states founded later, metonyms of former states outside their existence."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graphkit.errors import InputError
from graphkit.gazetteer import Gazetteer, load_gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def _id(gaz: Gazetteer, name: str, on: date | None) -> str | None:
    actor = gaz.resolve(name, on)
    return actor.id if actor else None


@pytest.mark.parametrize(
    ("name", "on", "expected"),
    [
        ("Bonn", date(1985, 6, 1), "west_germany"),
        ("Bonn", date(1995, 6, 1), "germany"),  # seat of government until 1999
        ("Bonn", date(2015, 6, 1), None),
        ("Almaty", date(1995, 6, 1), "kazakhstan"),
        ("Almaty", date(2020, 6, 1), None),
        ("Astana", date(2020, 6, 1), "kazakhstan"),
        ("Lagos", date(1985, 6, 1), "nigeria"),
        ("Abuja", date(1985, 6, 1), None),
        ("Abuja", date(2005, 6, 1), "nigeria"),
        ("Rangoon", date(1990, 6, 1), "myanmar"),
        ("Juba", date(2005, 6, 1), None),  # before South Sudan's independence
        ("Juba", date(2015, 6, 1), "south_sudan"),
        ("Asmara", date(1985, 6, 1), None),
        ("Asmara", date(2000, 6, 1), "eritrea"),
        ("Saigon", date(1990, 6, 1), None),  # South Vietnam had ceased to exist
        ("Saigon", date(1970, 6, 1), "south_vietnam"),
        ("Moscow", date(1970, 6, 1), "soviet_union"),
        ("Moscow", date(2020, 6, 1), "russia"),
    ],
)
def test_dated_metonyms(gaz: Gazetteer, name: str, on: date, expected: str | None) -> None:
    assert _id(gaz, name, on) == expected


def test_undated_articles_read_places_as_they_stand_now(gaz: Gazetteer) -> None:
    assert _id(gaz, "Almaty", None) is None
    assert _id(gaz, "Astana", None) == "kazakhstan"
    assert _id(gaz, "Berlin", None) == "germany"


def test_a_state_is_still_named_by_its_own_name_on_any_date(gaz: Gazetteer) -> None:
    assert _id(gaz, "South Sudan", date(2005, 6, 1)) == "south_sudan"
    assert _id(gaz, "Kazakhstan", date(1995, 6, 1)) == "kazakhstan"


def test_user_file_dates_a_place(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "- id: freedonia\n  label: Freedonia\n  type: State\n  iso3: FRD\n"
        "  capitals: [{name: Old Harbour, end: 2001-05}, {name: Newtown, start: 2001-06}]\n",
        encoding="utf-8",
    )
    gaz = load_gazetteer([path])
    assert _id(gaz, "Old Harbour", date(2001, 5, 31)) == "freedonia"
    assert _id(gaz, "Old Harbour", date(2001, 6, 1)) is None
    assert _id(gaz, "Newtown", date(2001, 6, 1)) == "freedonia"
    assert gaz.capitals("freedonia") == ("Old Harbour", "Newtown")


@pytest.mark.parametrize(
    ("item", "message"),
    [
        ("{name: X, until: 2001}", "unknown key"),
        ("{start: 2001}", "'name' must be a non-empty string"),
        ("{name: X, start: 2005, end: 2001}", "is before start"),
        ("{name: X, start: soon}", "is not an ISO date"),
    ],
)
def test_bad_dated_places_name_the_file_and_line(tmp_path: Path, item: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        f"- id: freedonia\n  label: Freedonia\n  type: State\n  capitals: [{item}]\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        load_gazetteer([path])
    text = str(caught.value)
    assert message in text and "bad.yaml" in text and "1" in text


def test_extraction_reads_a_moved_capital_by_the_article_date() -> None:
    from graphkit.extract.pipeline import Extractor
    from graphkit.ingest import Article

    ex = Extractor()
    text = "Officials in Almaty condemned Moscow on Monday."

    def subjects(on: date) -> set[str]:
        result = ex.extract(Article(id="t", text=text, date=on))
        return {s.subject for s in result.stances}

    assert subjects(date(1995, 3, 1)) == {"kazakhstan"}
    assert subjects(date(2015, 3, 1)) == set()  # by then a city, not the government


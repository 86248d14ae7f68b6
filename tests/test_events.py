"""Dated events: dates read from questions, the events a question refers to, and the
answers computed from them, each citing every event it used."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.engine import Engine
from bot.events import DateQuery, find_dates
from bot.factbase import FactBase
from bot.text import tokens


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what happened on 6 march 2023", [DateQuery(2023, 3, 6)]),
        ("march 6th?", [DateQuery(None, 3, 6)]),
        ("what happened on 21st september 2022?", [DateQuery(2022, 9, 21)]),
        ("the 2nd of march", [DateQuery(None, 3, 2)]),
        ("anything in jan 2023", [DateQuery(2023, 1, None)]),
        ("2023-03-06", [DateQuery(2023, 3, 6)]),
        ("what happened in 2022", [DateQuery(2022)]),
        ("may i ask something", []),  # "may" is a verb unless a day or year stands by it
        ("on may 5", [DateQuery(None, 5, 5)]),
    ],
)
def test_dates_in_questions(text: str, expected: list[DateQuery]) -> None:
    assert find_dates(tokens(text)) == expected


def test_a_date_query_matches_days_months_and_years() -> None:
    day = dt.date(2023, 3, 6)
    assert DateQuery(2023, 3, 6).matches(day) and DateQuery(None, 3).matches(day)
    assert not DateQuery(2023, 3, 2).matches(day)
    assert DateQuery(2023, 3, 6).text() == "6 March 2023"


def test_every_event_is_dated_and_cited_in_order(factbase: FactBase) -> None:
    events = list(factbase.events.values())
    assert [e.date for e in events] == sorted(e.date for e in events)
    assert [(e.id, e.date.isoformat()) for e in events] == [
        ("ms-22-launch", "2022-09-21"),
        ("ms-22-coolant-leak", "2022-12-14"),
        ("rubio-liner-to-endurance", "2023-01-17"),
        ("ms-23-launch", "2023-02-24"),
        ("ms-23-arrival", "2023-02-26"),
        ("crew-liners-to-ms-23", "2023-03-02"),
        ("rubio-liner-to-ms-23", "2023-03-06"),
        ("ms-22-return", "2023-03-28"),
        ("ms-23-landing", "2023-09-27"),
    ]
    for event in events:
        assert any(event.date_text.rsplit(" ", 1)[0] in c.quote for c in event.citations)


def test_a_year_the_source_leaves_out_is_cited_from_the_dates_around_it(
    factbase: FactBase,
) -> None:
    leak = factbase.events["ms-22-coolant-leak"]
    quotes = [c.quote for c in leak.citations]
    assert quotes[0] == "had a coolant leak on 14 December"
    assert any("21 September 2022" in q for q in quotes)
    assert any("28 March 2023" in q for q in quotes)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("how many days after the coolant leak did ms-23 launch?", "72 days"),
        ("how many days between ms-23's launch and its arrival", "2 days"),
        ("days between the leak and ms-22 returning", "104 days"),
        ("how long from ms-23 launch to ms-23 landing", "215 days"),
        # each name goes with the happening word nearest to it
        ("how long after rubio's seat went into ms-23 did ms-22 come home", "22 days"),
        ("how many days after docking were the cosmonauts' liners moved", "4 days"),
        ("how many days between ms-23 docking and ms-22 going home", "30 days"),
        ("how many days after ms-23 arrived did ms-22 head home", "30 days"),
        ("between the leak and ms-22 getting back, how many days", "104 days"),
        # the move "to endurance", not MS-23 named after it; the move on the day given
        ("how long after the seat liner move to endurance did ms-23 arrive", "40 days"),
        ("days from the seat liner move on 17 jan to the ms-23 launch?", "38 days"),
        # the crew, named, lends no happening word: the new Soyuz's launch
        ("how many days did the crew wait between the leak n the new soyuz launching", "72 days"),
        # one happening and a length before or after it: from the craft's first, to its last
        ("ms22 was up how many days before the leak", "84 days"),
        ("how long did ms-22 keep flying after the leak", "104 days"),
        # "the two ...": each of exactly two such events
        ("how many days between the two soyuz landings", "183 days"),
        ("how many days between the two seat liner moves in march", "4 days"),
        ("days between dragon seat move and the replacement launch", "38 days"),
    ],
)
def test_days_between_two_events(engine: Engine, question: str, expected: str) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered", answer.text
    assert expected in answer.text
    assert len(set(answer.citations)) >= 2


@pytest.mark.parametrize(
    ("question", "mission"),
    [
        ("how many days between the coolant leak and the ms-23 launch", "soyuz-ms-23"),
        ("how many days from the ms-23 launch back to the ms-22 launch", "soyuz-ms-23"),
        ("how many days from the leak to the crew finally landing", "soyuz-ms-23"),  # default
        ("how many days after ms-22 launched did it get the leak", "soyuz-ms-22"),  # one
    ],
)
def test_an_answer_over_two_missions_events_is_about_the_one_named(
    engine: Engine, question: str, mission: str
) -> None:
    answer = engine.ask(question)
    assert (answer.status, answer.mission) == ("answered", mission), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "how many days was rubio's seat liner in endurance?",
        "rubio was in the dragon seat from when to when",
    ],
)
def test_how_long_a_thing_stayed_in_a_craft(engine: Engine, question: str) -> None:
    """From the move into Dragon Endurance (17 January) to the next move (6 March)."""
    answer = engine.ask(question)
    assert answer.text.startswith(
        "Francisco Rubio's seat liner was in Crew Dragon Endurance for 48 days"
    )
    assert answer.value is not None and answer.value.value == 48
    quotes = " ".join(c.quote for c in answer.citations)
    assert "17 January 2023" in quotes and "6 March" in quotes


def test_days_between_cite_every_event_used(engine: Engine) -> None:
    answer = engine.ask("how many days after the coolant leak did ms-23 launch?")
    quotes = {c.quote for c in answer.citations}
    assert "had a coolant leak on 14 December" in quotes
    assert "24 February 2023, 00:24UTC" in quotes
    assert answer.value is not None and answer.value.value == 72


def test_which_came_first(engine: Engine) -> None:
    answer = engine.ask("which came first, ms-23's launch or the leak?")
    assert answer.status == "answered"
    assert answer.text.startswith("Soyuz MS-22's coolant leak: 72 days before")
    # a yes-or-no question is answered of the event it names first
    answer = engine.ask("did ms-23 launch before or after the leak?")
    assert answer.text.startswith("Soyuz MS-23 launches uncrewed: 72 days after")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what happened on 6 march 2023", "Rubio's seat liner was transferred"),
        ("what happened on 2 march", "Prokopyev and Dmitry Petelin"),
        ("what happened in january 2023", "Dragon Endurance on 17 January 2023"),
        ("when was the coolant leak", "14 December 2022"),
        ("what happened to ms-22", "Soyuz MS-22's coolant leak"),
    ],
)
def test_what_happened_when(engine: Engine, question: str, expected: str) -> None:
    answer = engine.ask(question)
    assert answer.status == "answered", answer.text
    assert expected in answer.text


def test_a_date_with_no_event_is_not_given(engine: Engine) -> None:
    answer = engine.ask("what happened on 7 march 2023")
    assert answer.status == "unknown"
    assert "record nothing" in answer.text


def test_an_event_unconnected_to_the_named_entity_is_never_used(engine: Engine) -> None:
    for question in ("when did soyuz ms-24 launch", "when did crew-5 land", "when did ms-22 dock"):
        answer = engine.ask(question)
        assert answer.status == "unknown", (question, answer.text)
        assert not answer.citations


def test_two_of_three_events_are_not_guessed(engine: Engine) -> None:
    """Three seat-liner moves: "the two liner moves" does not say which two."""
    answer = engine.ask("how many days between the two liner moves")
    assert "days passed" not in answer.text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "which got moved to ms-23 first, the cosmonauts' liners or rubio's",
            "First: The seat liners of Sergey",
        ),
        ("days between rubio's liner going to dragon and going to ms-23", "48 days"),
    ],
)
def test_a_name_borrowing_a_happening_word_takes_the_one_its_clause_allows(
    engine: Engine, question: str, expected: str
) -> None:
    """Rubio's two moves: the one to MS-23, where the borrowed word's clause names MS-23."""
    answer = engine.ask(question)
    assert answer.status == "answered" and expected in answer.text, answer.text


def test_an_order_not_found_is_not_answered_with_the_topic(engine: Engine) -> None:
    """Which of Rubio's moves is meant is not said: no seat-liner story instead."""
    answer = engine.ask("who moved first rubio or the cosmonauts liners")
    assert answer.status != "answered" or answer.intent == "order", answer.text


def test_an_event_against_a_day_says_before_or_after(engine: Engine) -> None:
    answer = engine.ask("did ms-23 dock before or after march 2")
    assert answer.status == "answered" and "4 days before 2 March 2023" in answer.text
    engine.ask("did ms-23 dock before or after 31 february")  # no such day: no error


def test_a_length_before_a_happening_the_craft_has_no_date_for_is_not_given(
    engine: Engine,
) -> None:
    # MS-22's docking is not dated: "docked before the leak" is not its launch to the leak
    assert engine.ask("how many days was ms-22 docked before the leak").status != "answered"


def test_the_order_of_the_two_moves_into_a_craft_named(engine: Engine) -> None:
    """Three moves may be "the seat liner move"; two of them were into MS-23."""
    answer = engine.ask("whose seat liners were moved into ms-23 first")
    assert answer.status == "answered" and answer.intent == "order"
    assert answer.text.startswith("First: The seat liners of Sergey Prokopyev and Dmitry Petelin")
    assert "4 days after that" in answer.text


def test_a_mission_number_is_no_day_of_a_date() -> None:
    toks = ("before", "it", "went", "into", "ms", "23", "jan", "to", "march")
    assert find_dates(toks)[0] == DateQuery(None, 1, 23)  # read alone, 23 is a day
    assert find_dates(toks, {4, 5}) == [DateQuery(None, 1, None), DateQuery(None, 3, None)]


def test_a_mission_named_before_a_month_gives_no_day(engine: Engine) -> None:
    answer = engine.ask(
        "roughly how many days did rubio's liner sit in endurance before it went into ms-23?"
        " (jan to march)"
    )
    assert "for 48 days" in answer.text, answer.text


def test_a_claimed_month_of_a_happening_is_checked_against_its_day(engine: Engine) -> None:
    """The leak's story has no date of its own; the leak's day settles the claim, and a
    mission that did not have the leak gets a No whatever the month."""
    answer = engine.ask("the ms-22 leak was in november 2022, is that right")
    assert answer.text.startswith("No: A micrometeoroid impact"), answer.text
    answer = engine.ask("the ms-22 leak was in december 2022, right?")
    assert answer.text.startswith("Yes: A micrometeoroid impact"), answer.text
    answer = engine.ask("did ms-23 have a coolant leak in december?")
    assert answer.text.startswith("No: A micrometeoroid impact"), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "rubio's seat liner went into ms-23 before the cosmonauts' ones",
        "which seat liners moved first, rubio's or the cosmonauts'",
    ],
)
def test_the_others_like_happening_is_set_against_the_one_told(
    engine: Engine, question: str
) -> None:
    """His move into MS-23 against theirs, into the same craft (not his move to Endurance)."""
    answer = engine.ask(question)
    assert answer.text.startswith(
        "Prokopyev's and Petelin's seat liners moved to MS-23: 4 days before Rubio's"
    ), answer.text


def test_the_people_a_happening_helped_are_not_set_against_it(engine: Engine) -> None:
    answer = engine.ask("what was the benefit for prokopyev and petelin of moving rubio out")
    assert answer.intent == "outcome", answer.text


def test_a_when_of_a_topic_with_no_day_is_dated_by_its_happening(engine: Engine) -> None:
    """Whether MS-22 launched crewed has no day of its own; its launch has. Another
    occasion asked about (an announcement) is not that day."""
    answer = engine.ask("when did ms-22 go up with the crew")
    assert answer.text == "Soyuz MS-22 launched on 21 September 2022.", answer.text
    answer = engine.ask("when did roscosmos announce ms-23 would launch without a crew")
    assert answer.status == "unknown" and "don't give a date" in answer.text, answer.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what happened on new year's day 2023", [DateQuery(2023, 1, 1)]),
        ("was the leak before or after christmas 2022", [DateQuery(2022, 12, 25)]),
        ("the day after valentines", [DateQuery(None, 2, 14)]),
    ],
)
def test_a_day_people_name_is_a_date(text: str, expected: list[DateQuery]) -> None:
    assert find_dates(tokens(text)) == expected


def test_what_happened_on_a_named_day(engine: Engine) -> None:
    answer = engine.ask("what happened on new years day 2023")
    assert answer.text == "My sources record nothing that happened on 1 January 2023."
    answer = engine.ask("was the leak before or after christmas 2022")
    assert answer.text.startswith("11 days before 25 December 2022"), answer.text

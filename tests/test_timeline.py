"""Which events a timeline shows: the default mission's story, or one mission's events."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.factbase import FactBase
from bot.timeline import (
    as_json,
    find_mission,
    missions_with_events,
    of_mission,
    sections,
    story,
    timeline_for,
)

STORY = [
    ("2022-09-21", "ms-22-launch"),
    ("2022-12-14", "ms-22-coolant-leak"),
    ("2023-01-17", "rubio-liner-to-endurance"),
    ("2023-02-24", "ms-23-launch"),
    ("2023-02-26", "ms-23-arrival"),
    ("2023-03-02", "crew-liners-to-ms-23"),
    ("2023-03-06", "rubio-liner-to-ms-23"),
    ("2023-03-28", "ms-22-return"),
    ("2023-09-27", "ms-23-landing"),
]


def test_the_default_story_runs_from_ms22s_launch_to_ms23s_landing(factbase: FactBase) -> None:
    timeline = timeline_for(factbase, "soyuz-ms-23")
    assert [(e.date.isoformat(), e.id) for e in timeline.events] == STORY
    assert timeline.title == "The story of Soyuz MS-23"
    # Every dated event of the bundled fact base belongs to this document's missions.
    assert [e.id for e in timeline.events] == list(factbase.events)
    assert timeline.missions == (("soyuz-ms-22", "Soyuz MS-22"), ("soyuz-ms-23", "Soyuz MS-23"))


def test_a_mission_timeline_holds_only_the_events_it_takes_part_in(factbase: FactBase) -> None:
    ms22 = of_mission(factbase, "soyuz-ms-22", "soyuz-ms-23")
    assert [e.id for e in ms22.events] == [
        "ms-22-launch",
        "ms-22-coolant-leak",
        "rubio-liner-to-endurance",
        "crew-liners-to-ms-23",  # the liners left MS-22 for MS-23
        "ms-22-return",
    ]
    ms23 = timeline_for(factbase, "soyuz-ms-23", "soyuz-ms-23")
    assert all("soyuz-ms-23" in e.entities for e in ms23.events)
    assert ms23.events[0].id == "ms-23-launch" and ms23.events[-1].id == "ms-23-landing"
    assert ms23.missions == (("soyuz-ms-23", "Soyuz MS-23"),)


def test_a_mission_keeps_its_colour_from_the_story_to_its_own_timeline(
    factbase: FactBase,
) -> None:
    whole = story(factbase, "soyuz-ms-23")
    alone = of_mission(factbase, "soyuz-ms-22", "soyuz-ms-23")
    assert whole.colours == alone.colours == {"soyuz-ms-23": 0, "soyuz-ms-22": 1}


def test_missions_without_dated_events_have_no_timeline(factbase: FactBase) -> None:
    assert missions_with_events(factbase, "soyuz-ms-23") == ["soyuz-ms-23", "soyuz-ms-22"]
    assert of_mission(factbase, "soyuz-32", "soyuz-ms-23").events == ()


@pytest.mark.parametrize(
    ("name", "mission"),
    [
        ("soyuz-ms-22", "soyuz-ms-22"),
        ("MS-22", "soyuz-ms-22"),
        ("ms 22", "soyuz-ms-22"),
        ("Soyuz MS-23", "soyuz-ms-23"),
        ("iss 69s", "soyuz-ms-23"),
        ("ms-32", None),  # one digit off is another mission, never MS-23
        ("ms-2", None),
        ("apollo 11", None),
        ("  ", None),
    ],
)
def test_missions_are_found_by_id_or_alias_never_fuzzily(
    factbase: FactBase, name: str, mission: str | None
) -> None:
    assert find_mission(factbase, name) == mission


def test_sections_tell_where_the_date_is_stated_and_where_its_year_comes_from(
    factbase: FactBase,
) -> None:
    stated, year = sections(factbase.events["rubio-liner-to-ms-23"])
    assert stated == ("soyuz-ms-23.txt · Background",)
    assert year == ("soyuz-ms-23.txt · Infobox: Launch Date", "soyuz-ms-23.txt · Lead")
    assert sections(factbase.events["ms-23-landing"]) == (
        ("soyuz-ms-23.txt · Infobox: Landing Date",),
        (),
    )


def test_json_gives_each_event_its_date_title_entities_and_citations(
    factbase: FactBase,
) -> None:
    [launch, *_] = as_json(of_mission(factbase, "soyuz-ms-23", "soyuz-ms-23"))
    assert launch == {
        "id": "ms-23-launch",
        "date": "2023-02-24",
        "time": "00:24 UTC",
        "title": "Soyuz MS-23 launches uncrewed",
        "mission": "soyuz-ms-23",
        "entities": ["soyuz-ms-23", "soyuz-2-1a"],
        "citations": [
            {
                "source": "soyuz-ms-23.txt",
                "section": "Infobox: Launch Date",
                "quote": "24 February 2023, 00:24UTC",
            }
        ],
    }
    assert dt.date.fromisoformat(launch["date"]) == factbase.events["ms-23-launch"].date

"""A derived mission gets its own timeline: `derive` turns its dated facts into events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.derive import derive
from bot.factbase import FactBase
from bot.source import parse_document
from bot.timeline import story, timeline_for

KESTREL = Path(__file__).resolve().parent / "data" / "kestrel-7.txt"




def test_the_launch_and_landing_facts_become_events_the_empty_docking_does_not(
    derived: FactBase,
) -> None:
    events = derived.events_of("kestrel-7")
    assert [(e.id, e.title, e.date.isoformat(), e.time) for e in events] == [
        ("kestrel-7-launches", "Kestrel 7 launches", "2031-03-03", "14:05 UTC"),
        ("kestrel-7-lands", "Kestrel 7 lands", "2031-06-19", "08:42 UTC"),
    ]
    for event, fact in zip(events, ("kestrel-7-launch", "kestrel-7-landing"), strict=True):
        assert event.citations == derived.facts[fact].citations  # dated by its fact
        assert event.mission == "kestrel-7" and event.entities == ("kestrel-7",)


def test_the_derived_mission_has_its_timeline_on_the_command_line(
    derived_root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    knowledge = ["--knowledge", str(derived_root)]
    assert main(["timeline", "kestrel 7", "--json", *knowledge]) == 0
    events = json.loads(capsys.readouterr().out)
    assert [(e["date"], e["title"]) for e in events] == [
        ("2031-03-03", "Kestrel 7 launches"),
        ("2031-06-19", "Kestrel 7 lands"),
    ]
    assert events[0]["citations"] == [
        {
            "source": "kestrel-7.txt",
            "section": "Infobox: Launch Date",
            "quote": "3 March 2031, 14:05UTC",
        }
    ]
    picture = tmp_path / "kestrel.png"
    assert main(["timeline", "kestrel-7", "--out", str(picture), *knowledge]) == 0
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_default_story_and_its_colours_are_unchanged_by_the_new_mission(
    derived: FactBase, factbase: FactBase
) -> None:
    before, after = story(factbase, "soyuz-ms-23"), story(derived, "soyuz-ms-23")
    assert after.events == before.events
    assert {m: after.colours[m] for m in before.colours} == before.colours
    kestrel = timeline_for(derived, "kestrel-7")  # kestrel-7 as the default mission
    assert [e.id for e in kestrel.events] == ["kestrel-7-launches", "kestrel-7-lands"]


def test_a_date_written_month_first_gets_no_event_but_a_note() -> None:
    text = KESTREL.read_text(encoding="utf-8").replace(
        "Launch Date: 3 March 2031, 14:05UTC", "Launch Date: March 3, 2031 14:05 UTC"
    )
    draft = derive(parse_document(text, "kestrel-7.txt"))
    assert [e["id"] for e in draft.events] == ["kestrel-7-lands"]
    assert draft.undated == ["Infobox: Launch Date ('March 3, 2031 14:05 UTC')"]
    assert "# No timeline event for these dates" in draft.yaml()


def test_an_event_never_takes_an_id_already_in_use() -> None:
    text = (
        "= Kestrel 9 =\n\nKestrel 9\n"
        "- Launch Date: 1 May 2030\n"
        "- Next Mission: Kestrel 9 launches\n"  # a neighbour with the event's id
    )
    draft = derive(parse_document(text, "kestrel-9.txt"))
    assert [m["id"] for m in draft.neighbours] == ["kestrel-9-launches"]
    assert [e["id"] for e in draft.events] == ["kestrel-9-launches-x"]

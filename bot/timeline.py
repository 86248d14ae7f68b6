"""Timelines: which of the fact base's dated events a timeline shows, and in what order.

The events themselves (each dated and cited) are the fact base's (`FactBase.events`);
this module only chooses among them, so the CLI, the Discord command and the picture
always show the same list:

* the *story* of a mission: the events of that mission and of the other missions its
  source document describes (for Soyuz MS-23: MS-22's launch, the leak, the seat-liner
  moves, MS-23's flight and MS-22's return);
* one mission's timeline: the events it takes part in.

Nothing here draws (bot.timeline_chart does) or imports matplotlib or discord.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.entities import EntityIndex
from bot.factbase import Event, FactBase, format_date


@dataclass(frozen=True, slots=True)
class Timeline:
    """The events one timeline shows, in date order, and how to tell its missions apart."""

    key: str
    """Names the timeline within one fact base: a mission id, or `<id>-story`."""
    title: str
    events: tuple[Event, ...]
    missions: tuple[tuple[str, str], ...]
    """(id, name) of the missions the events belong to, in order of first appearance:
    the legend. An event that belongs to no mission is listed under `OTHER`."""
    colours: Mapping[str, int]
    """Mission id -> colour slot, the same in every timeline of one fact base, so a
    mission keeps its colour from the story to its own timeline."""

    @property
    def filename(self) -> str:
        """The picture's file name: letters, digits and dashes, as Discord requires."""
        return f"timeline-{self.key}.png"

    def mission_of(self, event: Event) -> str:
        """The mission `event` is coloured and listed under."""
        return event.mission or OTHER


OTHER = ""
"""The legend key of events that belong to no mission."""


def story(factbase: FactBase, mission: str) -> Timeline:
    """The events of `mission` and of the other missions of its source document."""
    source = factbase.missions[mission].source
    related = {m.id for m in factbase.missions.values() if m.source == source}
    events = [e for e in factbase.events.values() if related.intersection(e.entities)]
    name = factbase.missions[mission].name
    return _timeline(factbase, f"{mission}-story", f"The story of {name}", events, mission)


def of_mission(factbase: FactBase, mission: str, default_mission: str) -> Timeline:
    """The events `mission` takes part in; colours are assigned as in the story of
    `default_mission`, so they match between the two pictures."""
    name = factbase.missions[mission].name
    return _timeline(
        factbase, mission, f"Timeline of {name}", factbase.events_of(mission), default_mission
    )


def timeline_for(factbase: FactBase, default_mission: str, mission: str | None = None) -> Timeline:
    """`/timeline` without a mission tells the default mission's story; with one, its events."""
    if mission is None:
        return story(factbase, default_mission)
    return of_mission(factbase, mission, default_mission)


def find_mission(factbase: FactBase, name: str) -> str | None:
    """The mission `name` (an id or an alias, as people type it: "ms 22") names, or None.

    The engine's own alias index, strict on numbers (MS-22 and MS-23 differ by one
    digit), without building the engine."""
    if name in factbase.missions:
        return name
    return EntityIndex({m.id: m.aliases for m in factbase.missions.values()}).resolve(name)


def missions_with_events(factbase: FactBase, default_mission: str) -> list[str]:
    """Missions that have a timeline: the default first, then the others of its source
    document, then the rest, each group in fact-file order (so adding a document never
    changes the colours of the default story)."""
    having = {e.mission for e in factbase.events.values()}
    having |= {m for e in factbase.events.values() for m in e.entities if m in factbase.missions}
    home = factbase.missions[default_mission].source
    ordered = sorted(
        factbase.missions,
        key=lambda m: (m != default_mission, factbase.missions[m].source != home),
    )
    return [m for m in ordered if m in having]


def date_text(event: Event) -> str:
    """The date written out, with the time where the source gives one."""
    return f"{event.date_text}, {event.time}" if event.time else event.date_text


def sections(event: Event) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The sections whose quotes state the event's day and month, and the further
    sections cited only because they fix its year (the source left it out)."""
    day_month = format_date(event.date, year=False)
    stating = dict.fromkeys(
        f"{c.source} · {c.section}" for c in event.citations if day_month in c.quote
    )
    dating = dict.fromkeys(
        f"{c.source} · {c.section}" for c in event.citations if day_month not in c.quote
    )
    return tuple(stating), tuple(s for s in dating if s not in stating)


def event_dict(event: Event) -> dict[str, Any]:
    """One event for `timeline --json`."""
    return {
        "id": event.id,
        "date": event.date.isoformat(),
        "time": event.time,
        "title": event.title,
        "mission": event.mission,
        "entities": list(event.entities),
        "citations": [c.as_dict() for c in event.citations],
    }


def as_json(timeline: Timeline) -> list[dict[str, Any]]:
    return [event_dict(e) for e in timeline.events]


def _timeline(
    factbase: FactBase, key: str, title: str, events: list[Event], default_mission: str
) -> Timeline:
    events = sorted(events, key=lambda e: e.date)  # already so; stable for equal dates
    order = missions_with_events(factbase, default_mission)
    colours = {m: i for i, m in enumerate(order)}
    legend: dict[str, str] = {}
    for event in events:
        mission = event.mission or OTHER
        if mission not in legend:
            legend[mission] = factbase.missions[mission].name if mission else "Other"
    return Timeline(key, title, tuple(events), tuple(legend.items()), colours)

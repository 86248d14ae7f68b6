"""Draft a fact file for a new mission from its source document (`python -m bot derive`).

A curator adding a mission should not start from an empty YAML file. The source
format is the same for every mission (title, name line, infobox, sections), and
most questions people ask (launch, landing, rocket, site, operator, crew, ids,
orbit) are answered by one infobox field each, so a draft can hold:

* the mission: id and name from the title, aliases from the title, the name line
  and the "Names List" field (plus short forms such as "MS-23" for "Soyuz MS-23");
* one fact per usable infobox field whose topic is an intent, each citing the
  field verbatim, and the mission length derived from launch and landing;
* the missions named as previous and next, so a question about them is refused
  instead of being answered with this mission's facts;
* a timeline event per dated fact (launch, docking, landing), dated by that fact, so
  the mission gets a timeline like the curated ones;
* every garbled or empty field as a `defect` (no citation may quote it) with a
  `gap` for its topic, listed at the top of the file for a person to fix.

The draft must pass `check` as written: everything here is built to satisfy the
loader (verbatim quotes, unique ids and aliases), and `install` proves it by
loading the whole knowledge directory, rolling back if that fails. The wording of
the answers is generated; a person reviews it before relying on it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.factbase import FactBase, format_date, load_factbase
from bot.source import INFOBOX_PREFIX, LEAD, Document, Section
from bot.text import alias_key

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_TIME = (
    r"(?:\s*,?\s*(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"\s*(?P<zone>UTC|GMT|Z)?)?"
)
_DATES = (
    re.compile(r"(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]+)\.?,?\s+(?P<year>\d{4})" + _TIME),
    re.compile(r"(?P<month>[A-Za-z]+)\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})" + _TIME),
    re.compile(
        r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
        r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*(?P<zone>Z|UTC)?)?"
    ),
)
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")
_COSPAR = re.compile(r"\d{4}-\d{3}[A-Z]{1,3}")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z\"“]|\s*$)")
_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


@dataclass(frozen=True, slots=True)
class _Rule:
    """How one infobox field becomes a fact: its intent, how to read it, how to say it."""

    intent: str
    read: str
    """text, names, id, date, people, number, cospar, digits, figures (text with a digit),
    mission."""
    answer: str = ""
    """Template with {name} and {value}; date, people and mission fields build their own."""
    rank: int = 0
    """When several fields answer one intent, the lowest rank wins."""


RULES: dict[str, _Rule] = {
    "names list": _Rule("other_names", "names", "{name} is also known as {value}."),
    "mission type": _Rule("mission_type", "text", "{name}'s mission type: {value}."),
    "operator": _Rule("operator", "text", "{name} was operated by {value}."),
    "cospar id": _Rule("cospar_id", "cospar", "The COSPAR ID of {name} is {value}."),
    "satcat": _Rule("satcat", "digits", "The SATCAT number of {name} is {value}."),
    "spacecraft": _Rule("spacecraft", "id", "{name} flew spacecraft {value}."),
    "spacecraft type": _Rule("spacecraft_type", "text", "{name}'s spacecraft type: {value}."),
    "manufacturer": _Rule("manufacturer", "text", "The {name} spacecraft was built by {value}."),
    "launch date": _Rule("launch", "date", "{name} launched on {value}."),
    "launch rocket": _Rule("rocket", "text", "{name} was launched on {a_value} rocket."),
    "rocket": _Rule("rocket", "text", "{name} was launched on {a_value} rocket.", 1),
    "launch site": _Rule("launch_site", "text", "{name} launched from {value}."),
    "launch contractor": _Rule(
        "launch_contractor", "text", "The launch contractor for {name} was {value}."
    ),
    "landing date": _Rule("landing", "date", "{name} landed on {value}."),
    "landing site": _Rule("landing_site", "text", "{name} landed at {value}."),
    "crew members": _Rule("crew", "people", "{name} flew with a crew of {count}: {value}."),
    "crew": _Rule("crew", "people", "{name} flew with a crew of {count}: {value}.", 1),
    "crew launching": _Rule(
        "crew", "people", "{name} launched with a crew of {count}: {value}.", 2
    ),
    "crew landing": _Rule("crew", "people", "{name} brought {count} people home: {value}.", 3),
    "orbit regime": _Rule("orbit", "text", "{name} flew in {value}."),
    "orbit reference": _Rule("orbit", "text", "{name} flew in {value}.", 1),
    "orbit inclination": _Rule("inclination", "number", "{name}'s orbit was inclined at {value}."),
    "inclination": _Rule("inclination", "number", "{name}'s orbit was inclined at {value}.", 1),
    "apsis": _Rule("apsis", "figures", "The apsides of {name}'s orbit: {value}."),
    "docking": _Rule("docking", "date", "{name} docked on {value}."),
    "cargo mass": _Rule("cargo_mass", "figures", "{name} carried {value} of cargo."),
    "insignia": _Rule("insignia", "text", 'The {name} insignia is the file "{value}".'),
    "crew photo": _Rule("crew_photo", "text", 'The {name} crew photo is the file "{value}".'),
    "programme": _Rule("programme", "text", "{name} was part of the {value}."),
    "program": _Rule("programme", "text", "{name} was part of the {value}.", 1),
    "previous mission": _Rule(
        "previous_mission", "mission", "The mission before {name} was {value}."
    ),
    "next mission": _Rule("next_mission", "mission", "The mission after {name} was {value}."),
}
COMPANIONS = {
    "orbit regime": "orbit reference",
    "insignia": "insignia caption",
    "crew photo": "crew photo caption",
}
"""Fields that add to another field's fact rather than answering on their own."""
RELATED = {
    "apsis": ("orbit", "inclination"),
    "inclination": ("orbit",),
    "docking": ("launch",),
    "launch": ("launch_site",),
    "landing": ("landing_site",),
    "cargo_mass": ("cargo",),
}
"""What a gap offers instead of its missing value ("what they do say")."""
EVENTS = {
    "launch": ("launches", ("launch", "launched", "liftoff", "lift off", "took off", "went up")),
    "docking": ("docks", ("dock", "docked", "docking", "arrive", "arrived", "arrival")),
    "landing": (
        "lands",
        ("land", "landed", "landing", "came back", "came home", "return", "returned"),
    ),
}
"""Dated facts that become timeline events: the verb of the event's title ("Kestrel 7
launches") and the words that name that happening in a question."""


class DeriveError(ValueError):
    """A draft that cannot be made or installed; the message says what to do."""


@dataclass(frozen=True, slots=True)
class Issue:
    """An infobox field that is garbled or empty: a defect for a person to fix."""

    field: str
    line: int
    text: str
    problem: str


@dataclass
class Draft:
    """A fact file for one new mission, ready to write; `yaml()` renders it."""

    mission_id: str
    name: str
    aliases: list[str]
    source: str
    """File name of the source document; the draft cites `sources/<source>`."""
    facts: list[dict[str, Any]] = field(default_factory=list)
    neighbours: list[dict[str, Any]] = field(default_factory=list)
    """Missions the infobox names as previous or next, unknown to the fact base."""
    neighbour_facts: list[dict[str, Any]] = field(default_factory=list)
    defects: list[dict[str, Any]] = field(default_factory=list)
    gaps: list[dict[str, Any]] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)
    """Usable infobox fields no intent covers (kept out of the draft)."""
    dropped_aliases: list[tuple[str, str]] = field(default_factory=list)
    """(alias, mission that already has it)."""
    events: list[dict[str, Any]] = field(default_factory=list)
    """Timeline events, each dated by one of `facts`."""
    undated: list[str] = field(default_factory=list)
    """Infobox fields with a date no event can cite (the day does not come before the
    month, as "3 March" does): add their events by hand."""

    @property
    def intents(self) -> list[str]:
        return [f["intent"] for f in self.facts if f["mission"] == self.mission_id]

    def yaml(self) -> str:
        return _render(self)


# ---------------------------------------------------------------------------- deriving


def slug(text: str) -> str:
    """A mission id from a name: "Soyuz MS-23" -> "soyuz-ms-23"."""
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def derive(
    document: Document,
    existing: FactBase | None = None,
    mission_id: str | None = None,
) -> Draft:
    """The draft fact file for the mission `document` describes.

    `existing` is the fact base the draft joins: its intents decide which fields
    become facts, and aliases or ids it already uses are left out of the draft.
    """
    mission_id = mission_id or slug(document.title)
    if not mission_id or slug(mission_id) != mission_id:
        raise DeriveError(
            f"mission id {mission_id!r} is not usable; pass --id with lower-case letters, "
            "digits and dashes, e.g. --id kestrel-7"
        )
    if existing is not None:
        intents = set(existing.intents)
    else:  # standalone (tests, --out without a fact base): every intent a rule knows
        intents = {*(r.intent for r in RULES.values()), "overview", "duration"}
    claimed = _claimed(existing)
    if existing is not None and mission_id in existing.missions:
        raise DeriveError(
            f"mission id {mission_id!r} is already in the fact base; pass --id with another id"
        )
    name = document.title.strip()
    draft = Draft(mission_id, name, [], document.name)
    infobox = document.infobox
    names = [name]
    if (line := document.section("Name")) is not None:
        names.append(line.text.strip())
    names_list = _field(infobox, "names list")
    if names_list is not None and _usable(names_list.text):
        names += [n for n in re.split(r"[,;]", names_list.text) if n.strip()]
    draft.aliases = _aliases(names, mission_id, claimed, draft.dropped_aliases)

    _overview(draft, document, intents)
    usable: dict[str, Section] = {}
    for key, section in infobox.items():
        problem = _problem(key, section.text)
        if problem is not None:
            draft.issues.append(Issue(key, section.line, section.text, problem))
        else:
            usable[key.casefold()] = section
    chosen: dict[str, tuple[_Rule, str, Section]] = {}
    for key, section in usable.items():
        rule = RULES.get(key)
        if any(COMPANIONS[main] == key and main in usable for main in COMPANIONS):
            continue  # added to its main field's fact below
        if rule is None or rule.intent not in intents:
            draft.unmapped.append(_original(infobox, key))
        elif rule.intent not in chosen or rule.rank < chosen[rule.intent][0].rank:
            chosen[rule.intent] = (rule, key, section)
    for intent in sorted(chosen, key=lambda i: chosen[i][2].start):
        rule, key, section = chosen[intent]
        companion = usable.get(COMPANIONS.get(key, ""))
        draft.facts.append(_fact(draft, rule, section, companion, claimed))
    _duration(draft, intents)
    _events(draft, set(existing.entities) if existing is not None else set())
    titles = {i.id: i.title.casefold() for i in existing.intents.values()} if existing else {}
    _gaps(draft, titles, intents)
    return draft


def _claimed(existing: FactBase | None) -> dict[tuple[str, ...], str]:
    if existing is None:
        return {}
    return {alias_key(a): m.id for m in existing.missions.values() for a in m.aliases}


def _field(infobox: Mapping[str, Section], key: str) -> Section | None:
    return next((s for k, s in infobox.items() if k.casefold() == key), None)


def _original(infobox: Mapping[str, Section], key: str) -> str:
    return next(k for k in infobox if k.casefold() == key)


def _usable(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _aliases(
    names: Sequence[str],
    mission_id: str,
    claimed: dict[tuple[str, ...], str],
    dropped: list[tuple[str, str]],
) -> list[str]:
    """Names plus short forms ("Soyuz MS-23" -> "MS-23"), each naming this mission only."""
    aliases: dict[tuple[str, ...], str] = {}
    for full in names:
        full = " ".join(full.split())
        candidates = [full]
        _, _, rest = full.partition(" ")
        # "MS-23", "69S", "Crew-5": one word with letters and digits still names the
        # mission; "7" of "Kestrel 7" or "Flight 7" of "Halcyon Flight 7" would not.
        if rest and " " not in rest and re.search(r"\d", rest) and re.search(r"[^\W\d_]", rest):
            candidates.append(rest)
        for alias in candidates:
            key = alias_key(alias)
            if not key or key in aliases:
                continue
            owner = claimed.get(key)
            if owner is not None and owner != mission_id:
                dropped.append((alias, owner))
                continue
            aliases[key] = alias
            claimed[key] = mission_id
    return list(aliases.values())


def _problem(key: str, text: str) -> str | None:
    """Why an infobox value cannot be a fact, or None when it can."""
    label = f"the {key} field"
    if not text.strip():
        return f"{label} is empty in the source"
    if not _usable(text):
        return f"{label} holds no value, only {text!r}"
    rule = RULES.get(key.casefold())
    if rule is None:
        return None
    if rule.read == "date" and parse_date(text) is None:
        return f"{label} holds no date, only {text!r}"
    if rule.read in ("figures", "number", "digits") and not re.search(r"\d", text):
        return f"{label} lost its figures, only {text!r} remains"
    if rule.read == "digits" and not text.strip().isdigit():
        return f"{label} should be a number, found {text!r}"
    if rule.read == "cospar" and not _COSPAR.fullmatch(text.strip()):
        return f"{label} is not a COSPAR ID like 2023-024A: {text!r}"
    if rule.read == "people":
        people = [_person(p) for p in text.split(",")]
        if not all(people):
            return f"{label} has an empty name: {text!r}"
        if len(set(people)) < len(people):
            return f"{label} repeats names"
    return None


def _person(text: str) -> str:
    return " ".join(_PARENTHESES.sub("", text).split())


def parse_date(text: str) -> tuple[dt.date, dt.time | None] | None:
    """(date, UTC time or None) of '24 February 2023, 00:24UTC' and similar; None if no date."""
    text = text.strip()
    for pattern in _DATES:
        if match := pattern.fullmatch(text):
            month = match["month"]
            number = int(month) if month.isdigit() else MONTHS.get(month.casefold())
            try:
                date = dt.date(int(match["year"]), number or 0, int(match["day"]))
                time = None
                # A time without a zone is ambiguous: keep only the date.
                if match["hour"] is not None and match["zone"]:
                    time = dt.time(
                        int(match["hour"]), int(match["minute"]), int(match["second"] or 0)
                    )
            except ValueError:
                return None
            return date, time
    return None


def _say_date(date: dt.date, time: dt.time | None) -> str:
    said = f"{date.day} {date.strftime('%B')} {date.year}"
    return said + (f" at {time.strftime('%H:%M')} UTC" if time else "")


def _fact(
    draft: Draft,
    rule: _Rule,
    section: Section,
    companion: Section | None,
    claimed: dict[tuple[str, ...], str],
) -> dict[str, Any]:
    text = " ".join(section.text.split())
    name = draft.name
    cite = [{"section": section.name, "quote": section.text}]
    value: dict[str, Any] | None = {"kind": "text", "value": text}
    said = text
    if rule.read == "date":
        date, time = parse_date(section.text)  # type: ignore[misc]
        said = _say_date(date, time)
        value = (
            {"kind": "datetime", "value": f"{date.isoformat()}T{time.strftime('%H:%M:%S')}Z"}
            if time
            else {"kind": "date", "value": date.isoformat()}
        )
    elif rule.read == "people":
        people = [_person(p) for p in text.split(",")]
        said = _and(people)
        value = {"kind": "people", "value": people}
    elif rule.read == "number":
        number = float(_NUMBER.search(text)[0])  # type: ignore[index]
        unit = "degrees" if "°" in text else None
        value = {"kind": "number", "value": int(number) if number.is_integer() else number}
        if unit:
            value["unit"] = unit
    elif rule.read == "names":
        said = _and([n.strip() for n in re.split(r"[,;]", text) if n.strip()])
    elif rule.read in ("cospar", "digits", "id"):
        value = {"kind": "id", "value": text}
    elif rule.read == "figures":
        value = None
    elif rule.read == "mission":
        value = {"kind": "mission", "value": _neighbour(draft, section, text, rule, claimed)}
    said = said.rstrip(".")  # the template ends the sentence
    answer = rule.answer.format(name=name, value=said, a_value=_a(said), count=_count(value))
    if rule.intent == "orbit":
        answer = f"{name} flew in {_a(_orbit(text))}"
        if companion is not None:
            other = " ".join(companion.text.split())
            answer += f" ({_a(_orbit(other))})"
            cite.append({"section": companion.name, "quote": companion.text})
        answer += "."
    elif companion is not None:
        caption = " ".join(companion.text.split()).rstrip(".")
        answer += f" Its caption: {caption}."
        cite.append({"section": companion.name, "quote": companion.text})
    if rule.intent == "rocket" and "rocket" in text.casefold():
        answer = f"{name} was launched on {text}."
    if rule.intent in ("launch_site", "landing_site"):
        value = {"kind": "place", "value": text}
    fact: dict[str, Any] = {
        "id": f"{draft.mission_id}-{rule.intent.replace('_', '-')}",
        "mission": draft.mission_id,
        "intent": rule.intent,
        "answer": answer,
    }
    if value is not None:
        fact["value"] = value
    fact["cite"] = cite
    return fact


def _count(value: dict[str, Any] | None) -> str:
    if value and value["kind"] == "people":
        n = len(value["value"])
        return _NUMBER_WORDS[n] if n < len(_NUMBER_WORDS) else str(n)
    return ""


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _a(text: str) -> str:
    """'a low Earth orbit', 'an elliptical orbit'."""
    return ("an " if text[:1].casefold() in "aeiou" else "a ") + text


def _orbit(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > 1 and not text[:2].isupper():  # "Low Earth orbit", not "LEO"
        text = text[0].lower() + text[1:]
    return text if "orbit" in text.casefold() else text + " orbit"


def _neighbour(
    draft: Draft, section: Section, name: str, rule: _Rule, claimed: dict[tuple[str, ...], str]
) -> str:
    """The id of the mission a previous/next field names, adding it to the draft if new.

    A mission the fact base does not know would otherwise be invisible to the
    mission detector, and "when did <it> launch?" would get this mission's facts.
    """
    known = claimed.get(alias_key(name))
    if known is not None:
        return known
    existing = {m["id"] for m in draft.neighbours} | {draft.mission_id}
    neighbour_id = slug(name)
    while neighbour_id in existing or neighbour_id in claimed.values():
        neighbour_id += "-x"
    aliases = _aliases([name], neighbour_id, claimed, draft.dropped_aliases)
    draft.neighbours.append({"id": neighbour_id, "name": name, "aliases": aliases})
    relation = "before" if rule.intent == "previous_mission" else "after"
    draft.neighbour_facts.append(
        {
            "id": f"{neighbour_id}-overview",
            "mission": neighbour_id,
            "intent": "overview",
            "answer": f"The source mentions {name} only as the mission {relation} {draft.name}.",
            "cite": [{"section": section.name, "quote": section.text}],
        }
    )
    return neighbour_id


def _overview(draft: Draft, document: Document, intents: set[str]) -> None:
    """The Lead's first sentence, verbatim, as the overview."""
    lead = document.section(LEAD)
    if lead is None or "overview" not in intents:
        return
    end = _SENTENCE_END.search(lead.text)
    sentence = lead.text[: end.end()] if end else lead.text
    if not _usable(sentence):
        return
    draft.facts.append(
        {
            "id": f"{draft.mission_id}-overview",
            "mission": draft.mission_id,
            "intent": "overview",
            "answer": " ".join(sentence.split()),
            "cite": [{"section": LEAD, "quote": sentence}],
        }
    )


def _duration(draft: Draft, intents: set[str]) -> None:
    """Mission length from the launch and landing facts, as `check` recomputes it."""
    by_intent = {f["intent"]: f for f in draft.facts if f["mission"] == draft.mission_id}
    launch, landing = by_intent.get("launch"), by_intent.get("landing")
    if "duration" not in intents or launch is None or landing is None:
        return
    start = dt.date.fromisoformat(launch["value"]["value"][:10])
    end = dt.date.fromisoformat(landing["value"]["value"][:10])
    days = (end - start).days
    if days < 0:
        return
    draft.facts.append(
        {
            "id": f"{draft.mission_id}-duration",
            "mission": draft.mission_id,
            "intent": "duration",
            "answer": (
                f"{draft.name} flew for {days} days, from its launch on {_say_date(start, None)} "
                f"to its landing on {_say_date(end, None)}."
            ),
            "derived": {"kind": "days_between", "from": [launch["id"], landing["id"]]},
        }
    )


def _events(draft: Draft, taken: set[str]) -> None:
    """A timeline event per dated launch, docking or landing fact, dated by the fact.

    The loader dates an event only by a quote that states its day and month as the
    answers write them ("3 March"); a field written "March 3, 2031" gets no event and
    is listed in `undated`."""
    taken |= {draft.mission_id, *(m["id"] for m in draft.neighbours)}
    dated = [
        f
        for f in draft.facts
        if f["intent"] in EVENTS and f.get("value", {}).get("kind") in ("date", "datetime")
    ]
    for fact in sorted(dated, key=lambda f: f["value"]["value"]):
        day = dt.date.fromisoformat(fact["value"]["value"][:10])
        if not any(format_date(day, year=False) in c["quote"] for c in fact["cite"]):
            cited = fact["cite"][0]
            draft.undated.append(f"{cited['section']} ({cited['quote'].strip()!r})")
            continue
        verb, words = EVENTS[fact["intent"]]
        event_id = f"{draft.mission_id}-{verb}"
        while event_id in taken:
            event_id += "-x"
        taken.add(event_id)
        draft.events.append(
            {
                "id": event_id,
                "title": f"{draft.name} {verb}",
                "fact": fact["id"],
                "entities": [draft.mission_id],
                "topic": fact["intent"],
                "words": list(words),
            }
        )


def _gaps(draft: Draft, titles: Mapping[str, str], intents: set[str]) -> None:
    """A defect per issue; a gap where the issue leaves its intent without a fact."""
    answered = set(draft.intents)
    facts = {f["intent"]: f["id"] for f in draft.facts if f["mission"] == draft.mission_id}
    for issue in draft.issues:
        state = "empty" if not issue.text.strip() else "garbled"
        defect_id = f"{draft.mission_id}-{slug(issue.field)}-{state}"
        draft.defects.append(
            {
                "id": defect_id,
                "section": INFOBOX_PREFIX + issue.field,
                "text": issue.text,
                "problem": issue.problem,
            }
        )
        rule = RULES.get(issue.field.casefold())
        if rule is None or rule.intent not in intents or rule.intent in answered:
            continue
        answered.add(rule.intent)
        gap: dict[str, Any] = {
            "id": f"{draft.mission_id}-{rule.intent.replace('_', '-')}-gap",
            "mission": draft.mission_id,
            "intent": rule.intent,
            "missing": f"the {titles.get(rule.intent, issue.field.casefold())} of {draft.name}",
            "defect": defect_id,
        }
        see_also = [facts[i] for i in RELATED.get(rule.intent, ()) if i in facts]
        if see_also:
            gap["see_also"] = see_also
        draft.gaps.append(gap)


# ---------------------------------------------------------------------------- output


def _q(value: Any) -> str:
    """A YAML scalar: JSON strings are valid double-quoted YAML."""
    return json.dumps(value, ensure_ascii=False)


def _flow(value: Mapping[str, Any]) -> str:
    parts = []
    for key, item in value.items():
        shown = "[" + ", ".join(_q(v) for v in item) + "]" if isinstance(item, list) else _q(item)
        parts.append(f"{key}: {item if key == 'kind' else shown}")
    return "{" + ", ".join(parts) + "}"


def _render(draft: Draft) -> str:
    lines = [
        f"# Draft fact file for {draft.name}, derived by `python -m bot derive` from",
        f"# sources/{draft.source}. Each fact cites its infobox field verbatim and",
        "# `python -m bot check` verifies it; the wording of the answers is generated, so",
        '# read them before relying on them. See README, "Adding a mission".',
    ]
    if draft.issues:
        lines += [
            "#",
            "# TO FIX: fields garbled or empty in the source, kept out of the facts. Each is a",
            "# defect below (no citation may quote it); a gap makes the bot say the source does",
            "# not give the value. When you find the real value, add a fact citing a correct",
            "# source and remove the gap.",
        ]
        lines += [f"#   line {i.line}: {i.problem}" for i in draft.issues]
    if draft.unmapped:
        lines += [
            "#",
            "# Fields no intent covers (no fact made): " + ", ".join(draft.unmapped),
        ]
    if draft.dropped_aliases:
        lines += ["#", "# Aliases left out because another mission already has them:"]
        lines += [f"#   {alias!r} (mission {owner})" for alias, owner in draft.dropped_aliases]
    if draft.undated:
        lines += [
            "#",
            "# No timeline event for these dates: an event's quote must state the day before",
            '# the month ("3 March"). Add the event by hand with a quote that does:',
        ]
        lines += [f"#   {field}" for field in draft.undated]
    lines += ["", f"source: sources/{draft.source}", "", "missions:"]
    for mission in [
        {"id": draft.mission_id, "name": draft.name, "aliases": draft.aliases},
        *draft.neighbours,
    ]:
        lines += [
            f"  - id: {mission['id']}",
            f"    name: {_q(mission['name'])}",
            "    aliases: [" + ", ".join(_q(a) for a in mission["aliases"]) + "]",
        ]
    if draft.events:
        lines += [
            "",
            "# The timeline: each event is dated and cited by the fact it names.",
            "events:",
        ]
        for event in draft.events:
            lines += [
                f"  - id: {event['id']}",
                f"    title: {_q(event['title'])}",
                f"    fact: {event['fact']}",
                f"    entities: [{', '.join(event['entities'])}]",
                f"    topic: {event['topic']}",
                "    words: [" + ", ".join(_q(w) for w in event["words"]) + "]",
            ]
    if draft.defects:
        lines += ["", "defects:"]
        for defect in draft.defects:
            lines += [
                f"  - id: {defect['id']}",
                f"    section: {_q(defect['section'])}",
                f"    text: {_q(defect['text'])}",
                f"    problem: {_q(defect['problem'])}",
            ]
    lines += ["", "facts:"]
    for fact in draft.facts + draft.neighbour_facts:
        lines += [
            f"  - id: {fact['id']}",
            f"    mission: {fact['mission']}",
            f"    intent: {fact['intent']}",
            f"    answer: {_q(fact['answer'])}",
        ]
        if "value" in fact:
            lines.append(f"    value: {_flow(fact['value'])}")
        if "derived" in fact:
            lines.append(f"    derived: {_flow(fact['derived'])}")
        if "cite" in fact:
            lines.append("    cite:")
            for citation in fact["cite"]:
                lines += [
                    f"      - section: {_q(citation['section'])}",
                    f"        quote: {_q(citation['quote'])}",
                ]
        lines.append("")
    if draft.gaps:
        lines.append("gaps:")
        for gap in draft.gaps:
            lines += [f"  - id: {gap['id']}"]
            lines += [
                f"    mission: {gap['mission']}",
                f"    intent: {gap['intent']}",
                f"    missing: {_q(gap['missing'])}",
            ]
            lines.append(f"    defect: {gap['defect']}")
            if "see_also" in gap:
                lines.append("    see_also: [" + ", ".join(gap["see_also"]) + "]")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# ---------------------------------------------------------------------------- installing


@dataclass(frozen=True, slots=True)
class Installed:
    """What `install` wrote: the fact file, the source copy (None if already in place)."""

    fact_file: Path
    source: Path | None
    factbase: FactBase


def install(draft: Draft, source_path: Path, knowledge: Path) -> Installed:
    """Copy the source to knowledge/sources/, write knowledge/missions/<id>.yaml, and
    load the whole knowledge directory; on any problem, leave it as it was."""
    fact_file = knowledge / "missions" / f"{draft.mission_id}.yaml"
    if fact_file.exists():
        raise DeriveError(
            f"{fact_file} already exists; delete it to derive again, pass --id for another "
            "mission id, or --out FILE to write the draft elsewhere"
        )
    target = knowledge / "sources" / source_path.name
    copied: Path | None = None
    if target.exists():
        if target.read_bytes() != source_path.read_bytes():
            raise DeriveError(
                f"{target} already exists with other content; rename {source_path.name} "
                "(the fact file cites the source by its file name)"
            )
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source_path, target)
        copied = target
    fact_file.parent.mkdir(parents=True, exist_ok=True)
    fact_file.write_text(draft.yaml(), encoding="utf-8")
    try:
        factbase = load_factbase(knowledge)
    except Exception:
        fact_file.unlink()
        if copied is not None:
            copied.unlink()
        raise
    return Installed(fact_file, copied, factbase)

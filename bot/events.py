"""Questions about time: dates in a question, and which dated events it refers to.

"How many days after the leak did MS-23 launch?" names two events, one by an
alias ("the leak") and one by a word for a kind of happening ("launch") next to
the entity it happened to ("MS-23"). A question is cut into clauses at words
such as "after" and "and", and a happening word is read with the entities of
its own clause first, then those of the whole question, then the conversation's:
"launch" near "MS-23" is MS-23's launch, not MS-22's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from bot.entities import Mention
from bot.factbase import MONTHS, Event

_MONTH_NUMBERS = {name.casefold(): n for n, name in enumerate(MONTHS, start=1)}
_MONTH_NUMBERS |= {name[:3].casefold(): n for name, n in zip(MONTHS, range(1, 13), strict=True)}
_MONTH_NUMBERS["sept"] = 9
MONTH_WORDS = frozenset(_MONTH_NUMBERS)
"""Month names and their short forms, as a question's tokens spell them."""
# "may" is also a verb: it is read as a month only beside a day or a year.
_AMBIGUOUS_MONTHS = frozenset({"may"})
# Days people name rather than number ("what happened on new year's day 2023"), as the
# tokens they read as (a possessive's "s" is dropped): (month, day).
_NAMED_DAYS = {
    ("new", "year", "day"): (1, 1),
    ("new", "years", "day"): (1, 1),
    ("new", "year", "eve"): (12, 31),
    ("new", "years", "eve"): (12, 31),
    ("christmas", "eve"): (12, 24),
    ("christmas",): (12, 25),
    ("xmas",): (12, 25),
    ("boxing", "day"): (12, 26),
    ("valentine", "day"): (2, 14),
    ("valentines", "day"): (2, 14),
    ("valentines",): (2, 14),
    ("halloween",): (10, 31),
}
_ORDINALS = frozenset({"st", "nd", "rd", "th"})
# Words that end one event's clause and start another's.
CLAUSE_BREAKS = frozenset(
    {
        "and",
        "after",
        "before",
        "between",
        "or",
        "than",
        "until",
        "till",
        "vs",
        "versus",
        "then",
        "to",
        "from",
        "through",
    }
)


@dataclass(frozen=True, slots=True)
class DateQuery:
    """A day, a month or a year as a question gives it; missing parts match anything."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def matches(self, date: dt.date, until: dt.date | None = None) -> bool:
        """Whether the query's day, month or year falls on `date` or in [date, until]."""
        if until is not None and until > date:
            days = (date + dt.timedelta(n) for n in range((until - date).days + 1))
            return any(self.matches(day) for day in days)
        return (
            (self.year is None or date.year == self.year)
            and (self.month is None or date.month == self.month)
            and (self.day is None or date.day == self.day)
        )

    def text(self) -> str:
        parts = [
            str(self.day) if self.day else "",
            MONTHS[self.month - 1] if self.month else "",
            str(self.year) if self.year else "",
        ]
        return " ".join(p for p in parts if p)


def find_dates(tokens: Sequence[str], names: Collection[int] = ()) -> list[DateQuery]:
    """Dates in a question's tokens: "6 march 2023", "march 6th", "21st of september",
    "jan 2023", "2023-03-06". The tokens at `names` belong to a name and are no part of
    a date: "ms-23 (jan to march)" is no 23 January."""
    if names:
        tokens = ["" if i in names else t for i, t in enumerate(tokens)]
    found: list[DateQuery] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        iso = _iso_at(tokens, i)
        if iso is not None:
            found.append(iso)
            i += 3
            continue
        named = _named_day_at(tokens, i)
        if named is not None:
            found.append(named[0])
            i = named[1]
            continue
        month = _MONTH_NUMBERS.get(token)
        if month is None:
            i += 1
            continue
        day = year = None
        before = tokens[i - 1] if i > 0 else ""
        if before in _ORDINALS and i > 1 and _day(tokens[i - 2]):
            before = tokens[i - 2]  # "21st september"
        elif before == "of" and i > 2 and tokens[i - 2] in _ORDINALS and _day(tokens[i - 3]):
            before = tokens[i - 3]  # "the 21st of september"
        j = i + 1
        if _day(before):
            day = int(before)
        elif j < len(tokens) and _day(tokens[j]):
            day = int(tokens[j])
            j += 1
            if j < len(tokens) and tokens[j] in _ORDINALS:
                j += 1
        if j < len(tokens) and _year(tokens[j]):
            year = int(tokens[j])
            j += 1
        if token in _AMBIGUOUS_MONTHS and day is None and year is None:
            i += 1
            continue
        found.append(DateQuery(year, month, day))
        i = j
    if not found:
        years = [DateQuery(int(t)) for t in tokens if _year(t)]
        found.extend(years)
    return found


def _named_day_at(tokens: Sequence[str], i: int) -> tuple[DateQuery, int] | None:
    """A named day at i ("christmas 2022"), with the position after it and its year."""
    for phrase in sorted(_NAMED_DAYS, key=len, reverse=True):
        end = i + len(phrase)
        if tuple(tokens[i:end]) == phrase:
            month, day = _NAMED_DAYS[phrase]
            year = int(tokens[end]) if end < len(tokens) and _year(tokens[end]) else None
            return DateQuery(year, month, day), end + (year is not None)
    return None


def _iso_at(tokens: Sequence[str], i: int) -> DateQuery | None:
    if i + 2 < len(tokens) and _year(tokens[i]) and len(tokens[i + 1]) == 2:
        month, day = tokens[i + 1], tokens[i + 2]
        if month.isdigit() and day.isdigit() and 1 <= int(month) <= 12 and _day(day):
            return DateQuery(int(tokens[i]), int(month), int(day))
    return None


def _day(token: str) -> bool:
    return token.isdigit() and 1 <= int(token) <= 31 and len(token) <= 2


def _year(token: str) -> bool:
    return token.isdigit() and len(token) == 4 and 1900 <= int(token) <= 2100


# "the two landings", "both launches": a happening word meaning each of its events.
_BOTH = frozenset({"two", "both"})


class EventFinder:
    """Which events a question refers to; built once per fact base."""

    def __init__(self, events: Mapping[str, Event], stem: Callable[[str], str]) -> None:
        self._events = events
        self._stem = stem
        # (stemmed word sequence) -> events it names, longest sequences first.
        triggers: dict[tuple[str, ...], list[Event]] = {}
        for event in events.values():
            for phrase in event.words:
                key = tuple(stem(t) for t in phrase.casefold().split())
                events_named = triggers.setdefault(key, [])
                if event not in events_named:  # "launch" and "launched" share a stem
                    events_named.append(event)
        # first stem -> (stems, events), longest first: one look-up per word of a question.
        self._triggers: dict[str, list[tuple[tuple[str, ...], list[Event]]]] = {}
        for key, named in sorted(triggers.items(), key=lambda item: -len(item[0])):
            self._triggers.setdefault(key[0], []).append((key, named))

    def named_by_words(self, tokens: Sequence[str]) -> list[Event]:
        """Every event a happening word of `tokens` may name, without choosing between
        them: "the seat liner swap" may be any of three moves."""
        stems = [self._stem(t) for t in tokens]
        found: dict[str, Event] = {}
        for i in range(len(stems)):
            for _, events in self._triggered_at(stems, i):
                found.update((e.id, e) for e in events)
        return list(found.values())

    def _triggered_at(
        self, stems: Sequence[str], i: int
    ) -> Iterator[tuple[tuple[str, ...], list[Event]]]:
        """The happening phrases that start at stem i, longest first, with their events."""
        for key, events in self._triggers.get(stems[i], ()):
            if tuple(stems[i : i + len(key)]) == key:
                yield key, events

    def find(
        self,
        tokens: Sequence[str],
        mentions: Iterable[Mention],
        fallback: Sequence[str] = (),
    ) -> list[Event]:
        """The distinct events `tokens` refers to, in the order the question names them.

        `fallback`: entity ids to read a bare happening word with ("when did it launch"
        in a conversation about MS-22), best first."""
        return self.find_spans(tokens, mentions, fallback)[0]

    def find_spans(
        self,
        tokens: Sequence[str],
        mentions: Iterable[Mention],
        fallback: Sequence[str] = (),
        lenders: Iterable[str] | None = None,
    ) -> tuple[list[Event], set[int]]:
        """`find`, with the positions of the words that named the events. `lenders`: the
        entities that may take a happening word from another clause (default: all);
        a generic name such as "the crew" does not."""
        mentions = [m for m in mentions if m.entity is not None]
        covered = {i for m in mentions for i in range(m.start, m.end)}
        stems = [self._stem(t) for t in tokens]
        clause_of, clause = [], 0
        for token in tokens:
            clause += token in CLAUSE_BREAKS
            clause_of.append(clause)
        found: list[tuple[int, Event]] = [
            (m.start, self._events[m.entity])
            for m in mentions
            if m.entity in self._events  # an event named by its alias: "the leak"
        ]
        words: list[tuple[int, list[Event]]] = []
        ends: list[int] = []
        spans = {i for m in mentions if m.entity in self._events for i in range(m.start, m.end)}
        i = 0
        while i < len(tokens):
            hit = next(self._triggered_at(stems, i), None) if i not in covered else None
            if hit is None:
                i += 1
                continue
            words.append((i, hit[1]))
            ends.append(i + len(hit[0]))
            spans.update(range(i, i + len(hit[0])))
            i += len(hit[0])
        everywhere = [m.entity for m in mentions if m.entity not in self._events]
        clauses_with_words = {clause_of[i] for i, _ in words}

        def in_clause(clause: int) -> list[str]:
            return [
                m.entity
                for m in mentions
                if clause_of[m.start] == clause and m.entity not in self._events
            ]

        nearest = _nearest_words(mentions, words, ends, clause_of, self._events)
        names = {i for m in mentions for i in range(m.start, m.end)}
        dates = find_dates(tokens, names)
        several = len({tuple(e.id for e in c) for _, c in words}) > 1  # a leak and a launch
        for n, (position, candidates) in enumerate(words):
            near = [e for e in in_clause(clause_of[position]) if n in nearest.get(e, (n,))]
            # "rubio's seat liner to MS-23", "the liner move to endurance did ms-23 arrive":
            # the first name of the next clause
            following = in_clause(clause_of[position] + 1)[:1]
            if set(tokens[max(0, position - 2) : position]) & _BOTH and not near:
                # "days between the two soyuz landings", "the two liner moves in march"
                dates = find_dates(tokens, names)
                each = [
                    e
                    for e in candidates
                    if not dates or any(d.matches(e.date, e.until) for d in dates)
                ]
                if len(each) == 2:
                    found.extend((position, event) for event in each)
                    continue
            on_day = [e for e in candidates if any(d.matches(e.date, e.until) for d in dates)]
            if len(candidates) > 1 and len(on_day) == 1 and not near and several:
                # "days from the seat liner move on 17 jan to the launch": of the moves
                # that day's
                found.append((position, on_day[0]))
                continue
            event = self._pick(
                candidates, near, everywhere, () if everywhere else fallback, following, fallback
            )
            if event is not None:
                found.append((position, event))
        # "between the launches of MS-22 and MS-23": an entity whose clause has no word
        # of its own takes the happening words of the others.
        allowed = None if lenders is None else set(lenders)
        for m in mentions:
            if m.entity in self._events or clause_of[m.start] in clauses_with_words:
                continue
            if allowed is not None and m.entity not in allowed:
                continue
            if any(m.entity in event.entities for _, event in found):
                continue  # "rubio's seat liner moved to the new soyuz": one move
            for position, candidates in words:
                own = [e for e in candidates if m.entity in e.entities]
                if len(own) > 1:
                    # "the cosmonauts' liners to ms-23, or rubio's": his move to MS-23
                    beside = [e for e in in_clause(clause_of[position]) if e != m.entity]
                    own = [e for e in own if set(beside) & set(e.entities)]
                if len(own) == 1:
                    found.append((m.start, own[0]))
                    break  # otherwise two moves to MS-23: which one is not said
        ordered = [event for _, event in sorted(found, key=lambda item: item[0])]
        return list(dict.fromkeys(ordered)), spans

    @staticmethod
    def _pick(
        candidates: Sequence[Event],
        near: Sequence[str],
        everywhere: Sequence[str],
        fallback: Sequence[str],
        following: Sequence[str] = (),
        tiebreak: Sequence[str] = (),
    ) -> Event | None:
        """The candidate that involves the entities named nearest, else the conversation's;
        None when none does: "when did MS-24 launch" refers to no dated launch. `tiebreak`:
        the entity the question is about, which decides between equally near candidates."""

        def score(event: Event) -> tuple[int, int, int]:
            return (
                sum(e in event.entities for e in near),
                sum(e in event.entities for e in following),
                sum(e in event.entities for e in everywhere),
            )

        best = max(score(e) for e in candidates)
        if len(candidates) == 1 and not near:
            return candidates[0]  # "leak to MS-23 docking": only one leak
        if near and best[0] == 0:
            return None  # "MS-22 coming home": not MS-23's homecoming named elsewhere
        if best > (0, 0, 0):
            top = [e for e in candidates if score(e) == best]
            if len(top) > 1 and best[0]:
                # "when was his seat liner moved to ms-23": of two moves to MS-23, his
                top = [e for e in top if any(t in e.entities for t in tiebreak[:1])] or top
            return top[0] if len(top) == 1 else None  # two seat-liner moves: ambiguous
        for entity in fallback:
            own = [e for e in candidates if entity in e.entities]
            if own:
                return own[0] if len(own) == 1 else None
        return None


def _nearest_words(
    mentions: Sequence[Mention],
    words: Sequence[tuple[int, list[Event]]],
    ends: Sequence[int],
    clause_of: Sequence[int],
    events: Mapping[str, Event],
) -> dict[str, set[int]]:
    """For each entity named, the happening words of its clause nearest to it: in "after
    rubio's seat went into ms-23 did ms-22 come home", MS-22 goes with "come home" and
    Rubio and MS-23 with the seat. Of a word just before a name and one just after it,
    the one after is nearer: "ms23 landing, ms22 landing" (the commas are gone)."""
    nearest: dict[str, set[int]] = {}

    def gap(m: Mention, position: int, end: int) -> float:
        if position >= m.end:
            return position - m.end
        return m.start - end + 0.5 if m.start >= end else 0

    for m in mentions:
        if m.entity is None or m.entity in events:
            continue
        gaps = {
            n: gap(m, position, end)
            for n, ((position, _), end) in enumerate(zip(words, ends, strict=True))
            if clause_of[position] == clause_of[m.start]
        }
        if gaps:
            closest = min(gaps.values())
            nearest.setdefault(m.entity, set()).update(n for n, g in gaps.items() if g == closest)
    return nearest

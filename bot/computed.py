"""Answers made from the timeline or a list rather than read from one statement: when
something happened, the days between two events, which came first, what happened on a
date, a step along the timeline, and a count of the people an answer listed.

A mixin of `Engine`: it shares the engine's fact base, event finder and outcomes.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import replace

from bot.answer import Answer, Context
from bot.events import MONTH_WORDS, DateQuery
from bot.factbase import Citation, Entity, Event, Fact, Value, format_date
from bot.reading import EngineParts, Question, any_phrase, has_phrase
from bot.text import tokens as tokenize

# "And on the 6th?": a day alone follows the month of the last answer, in a short message.
_ORDINALS = frozenset({"st", "nd", "rd", "th"})
_DAY_WORDS = _ORDINALS | {"the", "of"}
_MAX_DAY_FOLLOW_UP = 6
# Question words that ask a place or a person, not how two events relate in time,
# unless a time is asked too ("who launched first", "how long after...").
_PLACE_OR_PERSON = frozenset({"where", "who", "whom"})
_TIME_ASKED = frozenset({"when", "first", "days", "long", "before", "after", "earlier", "later"})
# What a question naming two events may ask of them.
_RELATIONS = frozenset({"days_between", "order", "when"})


class ComputedAnswers(EngineParts):
    """Dates, spans, orders and counts, each citing every event or statement used.

    Besides `EngineParts` it uses the engine's outcomes (`_answer`,
    `_from_entry`, `_resolve`, `_out_of_scope`, `_in_units`), its cached `_score`, the durations it
    indexed by their two dates (`_spans`) and the intents it found to be computed
    (`_when_intent`, `_on_date_intent`, `_between_intent`)."""

    def _timeline_step(self, ask: Question) -> Answer | None:
        """ "And before that?" after an answer about dated events: the event just before
        the earliest of them (or, for "after", just after the latest), in the timeline."""
        context = ask.context
        words = {t for i, t in enumerate(ask.tokens) if i not in ask.covered}
        table = self.words.steps
        steps = {table[w] for w in words if w in table}
        if ask.named or len(steps) != 1 or not words <= self.words.step_fillers | table.keys():
            return None
        dated = self._dated_events(context)
        if not dated or self._when_intent is None:
            return None
        timeline = list(self.factbase.events.values())
        step = steps.pop()
        edge = min(dated, key=lambda e: e.date) if step < 0 else max(dated, key=lambda e: e.date)
        at = timeline.index(edge) + step
        if not 0 <= at < len(timeline):
            where = "before" if step < 0 else "after"
            text = f"My sources record nothing {where} that: {edge.answer}"
            return self._answer(ask, "unknown", edge.mission, self._when_intent, text, 1.0)
        return self._event_answer(ask, self._when_intent, [timeline[at]], timeline[at].answer, 1.0)

    def _relation(self, ask: Question, event_words: set[int], count: int) -> Answer | None:
        """Two events named: what is asked may be how they relate ("days between the leak
        and the launch", "did MS-22 come back before MS-23 landed") or when each happened,
        rather than either one's topic; but "reading about the leak saga... when did the
        replacement launch?" names the leak only as background, so a relation must be
        asked clearly (`Thresholds.relation`)."""
        if self._when_intent is None:
            return None
        toks, skip = ask.tokens, ask.covered | event_words
        rest = tuple(t for i, t in enumerate(toks) if i not in skip)
        if set(rest) & _PLACE_OR_PERSON and not set(rest) & _TIME_ASKED:
            return None  # "where did it launch from and where did it land?": not a span
        readings = [self._score(rest)]
        if ask.asked_span is not None:  # the relation asked in a rambling message's question
            readings.append(self._score(tuple(toks[i] for i in ask.asked_span if i not in skip)))
        relation = sorted(
            (
                c
                for reading in readings
                for c in reading.candidates
                if self.factbase.intents[c.intent].computed in _RELATIONS
            ),
            key=lambda c: -c.score,
        )
        topic = readings[0].best
        if (
            topic is not None
            and not self.factbase.intents[topic.intent].computed
            and not self.factbase.holders(topic.intent)
            and topic.score >= self.thresholds.answer
            and (not relation or topic.score > relation[0].score)
        ):
            # "when was ms-23 originally scheduled to launch with a crew": a topic the
            # source covers for no one, asked of the events named, is not their dates
            return None
        if count > 2 and relation:
            return self._resolve(ask, self._when_intent, relation[0].score)  # "when X, Y, Z"
        if relation and relation[0].score >= self.thresholds.relation:
            return self._resolve(ask, relation[0].intent, relation[0].score)
        return None

    def _compute(self, ask: Question, intent: str, confidence: float) -> Answer:
        """Answers made from the events or a list rather than read from one fact."""
        kind = self.factbase.intents[intent].computed
        if kind == "count":
            return self._count(ask, intent, confidence)
        if kind == "on_date":
            return self._on_date(ask, intent, confidence)
        fallback = [e for e in (*ask.subjects, ask.context.mission) if e]
        # "how many days did the crew wait between the leak n the new soyuz launching":
        # the crew lends no happening word; MS-23's launch, not MS-22's
        events = self.events.find_spans(ask.tokens, ask.mentions, fallback, lenders=ask.named)[0]
        events += self._counterparts(ask, events)
        if ask.asked_span is not None and len(events) > 2 and kind != "when":
            # A long message's question names the two events it relates; the story may
            # name others ("...the Soyuz that sprang a leak... between the leak and the
            # rescue ship launching?").
            asked = self._happenings(ask, ask.asked_span)
            events = asked if len(asked) == 2 else events
        if kind == "days_between" and len(events) < 2:
            # "days between 6 march and ms-22 return": a day stands for what happened then
            events += [e for e in self._dated_by_day(ask) if e not in events]
        recent = self._dated_events(ask.context)
        if kind == "when":
            if not events and ask.dates:
                # "what happened on 6 march 2023" read as "when": the date's events.
                return self._on_date(ask, self._on_date_intent or intent, confidence)
            if not events and not ask.named and recent:
                events = recent[-1:]  # "when did that happen": the happening just dated
            if not events:
                event = self._event_of(ask)
                events = [event] if event else []
            if not events:
                return self._no_event(ask, intent, confidence)
            told = self._happening_told(ask, events)
            if told is not None:
                return told  # "what happened to ms-22? i heard something about a leak"
            # several told in date order: "put these in order: ms-23 launch, coolant leak..."
            events = sorted(events, key=lambda e: e.date)
            text = " ".join(e.answer for e in events)
            return self._event_answer(ask, intent, events, text, confidence)
        asked_both = len(events) >= 2  # the question names both events, in its order
        if len(events) == 1 and not ask.named:
            # "How many days after its launch was that?": the event the last answers dated
            other = next((e for e in reversed(recent) if e != events[0]), None)
            if other is not None:
                events.append(other)
        if len(events) == 1 and ask.context.entity:
            earlier = self._event_of(replace(ask, subjects=[ask.context.entity]))
            if earlier is not None and earlier != events[0]:
                events.append(earlier)  # "how many days after launch is that"
        if len(events) == 1 and kind == "days_between":
            bound = self._bound_of_stay(ask, events[0])
            if bound is not None:
                events.append(bound)  # "ms22 was up how many days before the leak"
        if len(events) < 2 and kind in ("order", "days_between") and ask.named:
            # "whose seat liners were moved into ms-23 first": of the moves the words may
            # mean, the two that involve what the question names
            both = [
                e
                for e in self.events.named_by_words(ask.tokens)
                if all(n in e.entities for n in ask.named)
            ]
            if len(both) == 2 and set(events) <= set(both):
                events = both
        if not events and len(recent) >= 2 and not ask.named:
            events = recent  # "when did it launch" ... "and land?" ... "how many days is that"
        if len(events) == 1 and kind == "order":
            against = self._against_date(ask, events[0], intent, confidence)
            if against is not None:
                return against  # "did ms-23 dock before or after march 2"
        if len(events) < 2:
            return self._no_event(ask, intent, confidence, "two dated events to compare")
        first, second = sorted(events[:2], key=lambda e: e.date)
        days = (second.date - first.date).days
        span = self._span_fact(first, second)
        if kind == "days_between" and span is not None:
            # From a launch to its landing: the fact base states that as a duration.
            return self._from_entry(ask, span, "duration", span.subjects[0], confidence)
        if days == 0:
            text = f"Both happened on {first.date_text}. {first.answer} {second.answer}"
            value = Value("number", 0, "days") if kind == "days_between" else None
            return self._event_answer(ask, intent, [first, second], text, confidence, value)
        # A yes-or-no question is answered of the event it names first ("did ms-23
        # launch before or after the seat liner was moved": "...came 38 days after...");
        # "which came first" with the first.
        named, other = first, second
        if self._asks_yes_or_no(ask):
            named, other = events[0], events[1]
        where = "before" if named is first else "after"
        relation = f"{named.title}: {days} days {where} {other.title}. " if asked_both else ""
        told = _in_order(first, second, days)
        if kind == "days_between":
            value = Value("number", days, "days")
            text = f"{days} days passed between them.{self._in_units(ask, value)} {relation}{told}"
            answer = self._event_answer(ask, intent, [first, second], text, confidence, value)
            return self._days_only(ask, answer)
        return self._event_answer(ask, intent, [first, second], relation + told, confidence)

    def _happening_told(self, ask: Question, events: Sequence[Event]) -> Answer | None:
        """What happened, asked of one happening named, with no date asked: its topic's
        statement ("...radiator punctured... coolant leak on 14 December"), not its day."""
        spelled = self._spelled(ask)
        if spelled & self._date_words or spelled & self.factbase.time_words:
            return None  # "when did it happen", "what time": the day or the hour
        if len(events) != 1 or events[0].topic is None:
            return None
        if not any_phrase(ask.tokens, self.words.happening):
            return None
        event = events[0]
        entry = self.factbase.lookup(event.id, event.topic)
        if entry is None:
            entry = self.factbase.lookup(event.entities[0], event.topic)
        if not isinstance(entry, Fact) or (event.fact is not None and entry.id != event.fact):
            return None  # the craft's statement of its topic is not this happening's
        return self._from_entry(ask, entry, event.topic, event.id, 1.0)

    def _bound_of_stay(self, ask: Question, event: Event) -> Event | None:
        """For a length asked before or after one happening of a named craft, the craft's
        first or last happening: "how long did ms-22 keep flying after the leak" runs to
        its return."""
        steps = [self.words.steps[t] for t in ask.tokens if t in self.words.steps]
        craft = [e for e in ask.named if e in event.entities and e in self.factbase.missions]
        if len(set(steps)) != 1 or len(craft) != 1:
            return None
        if set(self.events.named_by_words(ask.tokens)) - {event}:
            return None  # "how many days was ms-22 docked before the leak": a docking
        own = sorted(self.factbase.events_of(craft[0]), key=lambda e: e.date)
        bound = own[0] if steps[0] < 0 else own[-1]
        return bound if bound != event else None

    def _took(self, ask: Question, events: Sequence[Event], unexplained: bool) -> Answer | None:
        """How long one happening of a craft took to come about, counted from the craft's
        first happening: "how long did ms-23 take to reach the station", "how many days
        until ms-23 docked" (2 days from its launch), not its whole flight. "Take" is not
        asked of a landing that ends a flight the fact base states ("how long did the
        reentry take" asks for the descent, which it does not give); "until" may be. Not a
        question with words the topics do not know ("...to get to mars"), nor one after an
        answer that dated something else, which it counts from."""
        toks = ask.tokens
        units = self.words.day_units
        long = any(
            (a, b) == ("how", "long") or (a == "how" and b == "many" and c in units)
            for a, b, c in zip(toks, toks[1:], (*toks[2:], ""), strict=False)
        )
        if self._between_intent is None or len(events) != 1 or not long or unexplained:
            return None
        until = bool(set(toks) & self.words.until)
        elapsed = any_phrase(toks, self.words.elapsed)
        if not until and not elapsed and not set(toks) & self.words.took:
            return None
        event = events[0]
        craft = event.entities[0]
        if craft not in self.factbase.missions:
            return None
        named = {m.entity for m in ask.mentions}
        # "i got to know how long until the next day off": no craft's. "How long had the
        # crew been in space when the leak happened" names the happening itself.
        told = {craft, event.id} if elapsed else {craft}
        if craft != ask.context.mission and not told & named:
            return None
        if any(e != event for e in self._dated_events(ask.context)):
            return None  # "when was the leak" -> "how many days until ms-23 docked": from it
        start = min(self.factbase.events_of(craft), key=lambda e: e.date)
        span = self._span_fact(start, event)
        if start == event or (span is not None and not until):
            return None
        if span is not None:  # "how many days until ms-23 landed": its flight
            return self._from_entry(ask, span, "duration", span.subjects[0], 1.0)
        days = (event.date - start.date).days
        value = Value("number", days, "days")
        said = f"{days} days had passed." if elapsed else f"It took {days} days."
        text = f"{said}{self._in_units(ask, value)} " + _in_order(start, event, days)
        answer = self._event_answer(ask, self._between_intent, [start, event], text, 1.0, value)
        return self._days_only(ask, answer)

    def _days_only(self, ask: Question, answer: Answer) -> Answer:
        """A time between happenings asked finer than days ("how many hours did ms-23
        take to dock after launch"): the days are all the events give."""
        if not any_phrase(ask.tokens, self.words.finer_than_days):
            return answer
        text = f"My sources don't give that in hours, only the days: {answer.text}"
        return replace(answer, status="unknown", text=text)

    def _stay(self, ask: Question) -> Answer | None:
        """How long a person's thing stayed in a craft: from the happening that moved it
        in to the next that moved it on ("how many days was rubio's seat liner in
        endurance": 48, from 17 January to 6 March)."""
        toks = ask.tokens
        long = any(a == "how" and b in ("long", "many") for a, b in itertools.pairwise(toks))
        if self._between_intent is None or not (long or has_phrase(toks, ("when", "to", "when"))):
            return None
        kinds = self.factbase.entities
        people = [e for e in ask.named if kinds[e].kind == "person"]
        if not people and ask.reference == "person" and ask.context.people:
            people = [ask.context.people[0]]
        places = self._named_craft(ask)
        if len(people) != 1 or len(places) != 1:
            return None
        moves = [
            e
            for e in self.factbase.events_of(people[0])
            if e.thing and set(tokenize(e.thing)) & set(toks)
        ]
        into = [i for i, e in enumerate(moves[:-1]) if places[0] in e.entities]
        if len(into) != 1:
            return None
        first, second = moves[into[0]], moves[into[0] + 1]
        days = (second.date - first.date).days
        owner, place = kinds[people[0]].name, kinds[places[0]].name
        text = f"{owner}'s {first.thing} was in {place} for {days} days. " + _in_order(
            first, second, days
        )
        value = Value("number", days, "days")
        return self._event_answer(ask, self._between_intent, [first, second], text, 1.0, value)

    def _against_date(
        self, ask: Question, event: Event, intent: str, confidence: float
    ) -> Answer | None:
        """An event against a day the question gives: before it, after it or on it."""
        days = [d for d in ask.dates if d.month and d.day]
        if len(days) != 1:
            return None
        day = days[0]
        try:
            date = dt.date(day.year or event.date.year, day.month, day.day)  # type: ignore[arg-type]
        except ValueError:
            return None  # "before or after 31 february"
        gap = (event.date - date).days
        named = format_date(date)
        if gap == 0:
            text = f"On that day: {event.answer}"
        else:
            where = "before" if gap < 0 else "after"
            text = f"{abs(gap)} days {where} {named}: {event.answer}"
        return self._event_answer(ask, intent, [event], text, confidence)

    def _span_fact(self, first: Event, second: Event) -> Fact | None:
        """The duration the fact base derives from exactly these two events' dates, for an
        entity in both (MS-23's launch to its landing), if there is one."""
        for fact in self._spans.get((first.date, second.date), ()):
            if any(s in first.entities and s in second.entities for s in fact.subjects):
                return fact
        return None

    def _event_of(self, ask: Question) -> Event | None:
        """The event a "when" question without a happening word is about: the subject
        itself, or its event for the topic the conversation was on."""
        for subject in ask.subjects:
            if subject in self.factbase.events:
                return self.factbase.events[subject]
            own = self.factbase.events_of(subject)
            topical = [e for e in own if e.topic == ask.context.intent]
            if topical or len(own) == 1:
                return (topical or own)[0]
        return None

    def _dated_by_day(self, ask: Question) -> list[Event]:
        """For each day the question gives, the one event of that day, if only one
        happened then."""
        found = []
        for day in ask.dates:
            then = self._events_on(day) if day.day is not None else []
            if len(then) == 1:
                found.append(then[0])
        return found

    def _events_on(self, query: DateQuery) -> list[Event]:
        """The events of a day or month, in order."""
        return [e for e in self.factbase.events.values() if query.matches(e.date, e.until)]

    def _dated_events(self, context: Context) -> list[Event]:
        """The events the conversation's last answers dated, still in the fact base."""
        return [self.factbase.events[e] for e in context.dated if e in self.factbase.events]

    def _day_in_context(self, ask: Question) -> DateQuery | None:
        """ "And on the 6th?" after an answer about a day: that day of the same month."""
        dated = self._dated_events(ask.context)
        if not dated or ask.named:
            return None
        toks = ask.tokens
        if ask.dates:
            # "and on the 2nd of march?": a day given in full, in a short follow-up
            days = [d for d in ask.dates if d.day and d.month]
            if len(days) != 1 or len(toks) > _MAX_DAY_FOLLOW_UP + 2:
                return None
            plain = self.words.follow_up | self.words.before_question | _DAY_WORDS
            asked = {t for i, t in enumerate(toks) if i not in ask.covered}
            if any(not t.isdigit() and t not in MONTH_WORDS | plain for t in asked):
                return None
            day = days[0]
            return DateQuery(day.year or dated[-1].date.year, day.month, day.day)
        days = [
            int(a)
            for a, b in itertools.pairwise(toks)
            if a.isdigit() and 1 <= int(a) <= 31 and b in _ORDINALS
        ]
        # "so what happened on the 26th": a filler opening the follow-up does not count
        said = len(toks) - (bool(toks) and toks[0] in self.words.clause_fillers)
        if len(days) != 1 or said > _MAX_DAY_FOLLOW_UP:
            return None
        last = dated[-1].date
        return DateQuery(last.year, last.month, days[0])

    def _on_date(
        self,
        ask: Question,
        intent: str,
        confidence: float,
        dates: Sequence[DateQuery] | None = None,
    ) -> Answer:
        dates = list(dates) if dates else list(ask.dates)
        if dates:
            query = dates[0]
            events = self._events_on(query)
            if not events:
                text = f"My sources record nothing that happened on {query.text()}."
                if query.day is None:
                    text = f"My sources record nothing that happened in {query.text()}."
                return self._answer(ask, "unknown", None, intent, text, confidence)
            if query.day:
                text = f"On {query.text()}: " + " ".join(e.answer for e in events)
            else:
                lines = " ".join(e.answer for e in events)
                count = f"{len(events)} things happened" if len(events) > 1 else "this happened"
                text = f"In {query.text()}, {count}: {lines}"
            return self._event_answer(ask, intent, events, text, confidence)
        if not ask.strict:
            return self._out_of_scope(ask.question, 0.0, ask.top)
        subject = ask.subjects[0]
        events = self.factbase.events_of(subject)
        if not events:
            return self._no_event(ask, intent, confidence)
        name = self.factbase.entities[subject].name
        lines = "; ".join(f"{e.date_text}: {e.title}" for e in events)
        text = f"What happened to {name}, in order: {lines}."
        return self._event_answer(ask, intent, events, text, confidence, subject=subject)

    def _count(self, ask: Question, intent: str, confidence: float) -> Answer:
        listed = ask.context.listed if not ask.mentions else ()
        if not listed and ask.unexplained:
            # "how many people watched the ms-23 launch": not who was on board
            return self._no_event(ask, intent, confidence, "that number", list_events=False)
        if not listed:
            for subject in ask.subjects:
                crew = self.factbase.lookup(subject, "crew")
                if isinstance(crew, Fact) and crew.value and crew.value.kind == "people":
                    answer = self._from_entry(ask, crew, intent, subject, confidence)
                    n = len(crew.value.value)
                    return replace(
                        answer, text=f"{_people(n)}. {crew.answer}", value=Value("number", n)
                    )
            return self._no_event(ask, intent, confidence, "a list to count", list_events=False)
        n = len(listed)
        names = ", ".join(listed[:-1]) + f" and {listed[-1]}" if n > 1 else listed[0]
        text = f"That is {_people(n)}: {names}."
        subject = ask.context.entity
        return self._answer(
            ask,
            "answered",
            ask.context.mission,
            intent,
            text,
            confidence,
            value=Value("number", n),
            entity=self.factbase.entities[subject] if subject else None,
            listed=listed,
        )

    def _event_answer(
        self,
        ask: Question,
        intent: str,
        events: Sequence[Event],
        text: str,
        confidence: float,
        value: Value | None = None,
        subject: str | None = None,
    ) -> Answer:
        citations = tuple(dict.fromkeys(c for e in events for c in e.citations))
        if all(e.time is None for e in events) and self._asks_time(ask):
            entity = self.factbase.entities[events[0].id]
            return self._no_time(
                ask, events[0].mission, intent, text, confidence, citations, entity
            )
        subject = subject or events[0].id
        entity = self.factbase.entities[subject]
        mission = subject if entity.kind == "mission" else self._mission_of(ask, events)
        if value is None and len(events) == 1:
            value = Value("date", events[0].date.isoformat())
        answer = self._answer(
            ask, "answered", mission, intent, text, confidence, citations, value, entity=entity
        )
        return replace(answer, dated=tuple(e.id for e in events))

    def _mission_of(self, ask: Question, events: Sequence[Event]) -> str | None:
        """The mission an answer over events of several missions is about: the one the
        question names ("days between the coolant leak and the ms-23 launch": MS-23),
        else the default mission, else the first event's."""
        missions = list(dict.fromkeys(e.mission for e in events if e.mission))
        if len(missions) < 2:
            return events[0].mission
        named = [m for m in ask.named if m in missions]
        if len(named) == 1:
            return named[0]
        return self.default_mission if self.default_mission in missions else events[0].mission

    def _no_time(
        self,
        ask: Question,
        mission: str | None,
        intent: str,
        dated: str,
        confidence: float,
        citations: tuple[Citation, ...],
        entity: Entity,
        value: Value | None = None,
        fact: str | None = None,
    ) -> Answer:
        """A time of day asked of what the source dates only by the day."""
        text = f"My sources don't give the time, only the date: {dated}"
        return self._answer(
            ask, "unknown", mission, intent, text, confidence, citations, value, fact, entity
        )

    def _no_event(
        self,
        ask: Question,
        intent: str,
        confidence: float,
        what: str = "a date for that",
        list_events: bool = True,
    ) -> Answer:
        """Not given; for a date question, with the events the sources do date."""
        dated = ", ".join(f"{e.title} ({e.date_text})" for e in self.factbase.events.values())
        text = f"My sources don't give {what}."
        if dated and list_events:
            text += f" The events they date: {dated}."
        return self._answer(ask, "unknown", None, intent, text, confidence)


def _in_order(first: Event, second: Event, days: int) -> str:
    """Two happenings told in date order, with the days between them."""
    return f"First: {first.answer} Then, {days} days after that: {second.answer}"


def _people(n: int) -> str:
    return f"{n} {'person' if n == 1 else 'people'}"

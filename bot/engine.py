"""Where a question becomes an answer: `Engine.ask(question, context) -> Answer`.

The engine decides between three outcomes:

* ``answered``: one intent clearly wins and the fact base holds a fact for it;
* ``clarify``: two or three intents are too close to call; they come back as
  suggestions the user can pick from;
* ``unknown``: the question is out of scope, names a mission the fact base does
  not know, or asks for something the source does not give.

A mission the user names is binding: a question about MS-23 is never answered
with MS-22's facts. A question that names no mission is about the conversation's
mission, else the default one; if that mission lacks the topic asked about but
others hold it ("what damaged the radiator?"), the first of them in the fact
files answers, and its answer names it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Literal

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from bot.entities import EntityIndex, Mention
from bot.events import CLAUSE_BREAKS, DateQuery, EventFinder, find_dates
from bot.factbase import Citation, Entity, Event, Fact, FactBase, Gap, Value, as_date, format_date
from bot.matching import QUESTION_WORDS, Candidate, IntentMatcher, MatcherSettings, Scored
from bot.text import alias_key
from bot.text import tokens as tokenize

Status = Literal["answered", "clarify", "unknown"]

# An unknown-mission reply names this many known missions, then "and N more".
_LISTED_MISSIONS = 8

# Fill-in words that leave a follow-up's topic unchanged: "and ms-22?", "what about it".
_FOLLOW_UP_WORDS = frozenset({"and", "what", "about", "how", "for", "then", "also", "same"})

# "And before that?" after dated events: a step along the timeline.
_STEPS = {
    "before": -1,
    "earlier": -1,
    "previous": -1,
    "prior": -1,
    "after": 1,
    "later": 1,
    "next": 1,
}
_STEP_FILLERS = frozenset(
    {"and", "what", "so", "ok", "okay", "then", "that", "it", "happened", "came", "right"}
)
# Sentence ends: a rambling message's question is its last sentence that asks.
_SENTENCES = re.compile(r"(?<=[.?!])\s+")
_MIN_ASKED_TOKENS = 3
# A story shorter than this before a question is not read apart from it.
_MIN_STORY_TOKENS = 5
# Clause ends inside a sentence, and the words a clause that asks begins with.
_CLAUSES = re.compile(r"\s*[,;:—–]\s+|\s+-\s+")
_QUESTION_STARTS = {(w,) for w in QUESTION_WORDS}
_ASKING_WORDS = QUESTION_WORDS | {"is", "was", "were", "did", "does", "do", "has", "had", "can"}
# Two questions in one: "when and where", "launch site + rocket".
_JOINED = re.compile(r"[&+]|\b(?:and|plus)\b")
_JOINS = frozenset({"and", "plus", "n"})
_SYMBOL_JOINS = re.compile(r"[&+]")
# How long a question may be, and how many "and"s are tried, to be read as two.
_MAX_CLAUSED_TOKENS = 40
_MAX_JOINTS = 3
# A facet ("was it a first") wins a close call only when the topic is named too:
# "was the seat liner swap a first", not "and before that?".
_MIN_FACET_WORDS = 4
# How far behind the best topic a facet may be and still be what is asked.
_FACET_MARGIN = 0.07
# Words opening a clause that dates the question: "...before the replacement arrived".
_TIME_CLAUSES = frozenset({"before", "after", "until", "till"})
# Question words that ask a place or a person, not how two events relate in time,
# unless a time is asked too ("who launched first", "how long after...").
_PLACE_OR_PERSON = frozenset({"where", "who", "whom"})
_TIME_ASKED = frozenset({"when", "first", "days", "long", "before", "after", "earlier", "later"})
# A statement that gives its reason: it answers a "why" even if its topic does not.
_REASON = re.compile(
    r"\b(?:because|so that|so it|since|due to|ahead of|after it was|in order to|to provide)\b",
    re.IGNORECASE,
)
# A statement that dates what it tells; a "when" question needs one.
_DATED = re.compile(
    r"\b(?:19|20)\d\d\b|\b(?:January|February|March|April|May|June|July|August|September"
    r"|October|November|December)\b"
)
_WHEN = frozenset((a, b) for a in ("what", "which") for b in ("date", "day", "year", "month"))
_AUXILIARIES = frozenset({"did", "was", "were", "is", "does", "do", "had", "has", "will"})
# Words that may open a clause before its question word: "..., anyway what was...".
_CLAUSE_FILLERS = frozenset(
    {"so", "anyway", "anyways", "but", "ok", "okay", "also", "basically", "like", "well", "then"}
)
# Words before a question asked inside a sentence: "my friend asked when ms-23 landed".
_EMBEDDING = frozenset(
    {
        "asked",
        "asks",
        "asking",
        "remind",
        "wondering",
        "wonder",
        "wondered",
        "know",
        "tell",
        "remember",
        "curious",
        "idea",
        "explain",
        "forgot",
        "forget",
    }
)
# "And on the 6th?": a day alone follows the month of the last answer, in a short message.
_MAX_DAY_FOLLOW_UP = 6
# Words that open a reason the asker gives: "...since nobody was on board".
_BECAUSE = frozenset({"since", "because", "cuz", "coz", "bc"})
# "My car", "our house": the asker's own things, not the document's.
_MINE = frozenset({"my", "our", "mine"})
# Besides "why": "how come", "what for", "for what reason".
_WHY = frozenset({("how", "come"), ("what", "for"), ("what", "reason"), ("which", "reason")})
# What a question naming two events may ask of them.
_RELATIONS = frozenset({"days_between", "order", "when"})
# How far behind the best intent one that the subject holds may be and still be read.
_HELD_MARGIN = 0.1
# Kinds that answer only for the topics they hold: "why did Roscosmos send another
# Soyuz" is about the mission, not about Roscosmos; nor does naming one make a question
# about spaceflight ("how do I get a job at NASA").
_LOOSE_KINDS = frozenset({"organisation"})
# Of several entities a question names, the most specific holding the topic answers:
# "how long was Rubio in space on MS-23" asks about Rubio, not his spacecraft.
_KIND_ORDER = {
    kind: n
    for n, kind in enumerate(
        ("person", "crew", "spacecraft", "rocket", "mission", "event", "organisation")
    )
}


@dataclass(slots=True)
class _Question:
    """One question on its way through the engine."""

    question: str
    tokens: tuple[str, ...]
    mentions: tuple[Mention, ...]
    context: Context
    subjects: list[str] = field(default_factory=list)
    strict: bool = False
    """True when the subjects bind: named, pointed at, or the conversation's."""
    anchored: bool = False
    """True when a word of the question is unmistakably about spaceflight."""
    named: list[str] = field(default_factory=list)
    """Entities named that bind (missions, people, craft, events)."""
    loose: list[str] = field(default_factory=list)
    """Entities named that bind only for topics they hold (an organisation, "the crew")."""
    reference: str | None = None
    """The kind of pointing word in the question: person, thing, other."""
    covered: set[int] = field(default_factory=set)
    """Token positions of names and pointing words: no topic is read in them."""
    asked_span: range | None = None
    """A rambling message's question: its last sentence that asks."""
    spelled: frozenset[str] | None = None
    """Its words as the chat spellings read them; see Engine._spelled."""
    top: tuple[tuple[str, float], ...] = ()
    dates: tuple[DateQuery, ...] = ()
    """The days, months and years the question gives, read once."""


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Decision thresholds on the matcher's score; tuned on the development set."""

    answer: float = 0.6
    """The best intent must score at least this to be answered..."""
    margin: float = 0.03
    """...and lead the runner-up by at least this; otherwise the engine asks."""
    clarify: float = 0.5
    """Below this, the question is out of scope."""
    named_discount: float = 0.15
    """Subtracted from `answer` and `clarify` when the question names a known mission:
    naming one is itself strong evidence that the question is about spaceflight."""
    unanchored_penalty: float = 0.25
    """Added to both when the question names no mission and has no spaceflight word:
    "what's the time" must not get the launch time."""
    relation: float = 0.25
    """A question naming two events asks how they relate (days between, which first)
    when that reading scores at least this; below, the events are background ("reading
    about the leak saga... when did the replacement launch?": relation 0.14, against
    0.29 and more for "how many days from the leak until the crew landed")."""
    max_suggestions: int = 3
    decisive_lead: float = 0.25
    """A best intent that leads the runner-up by this much is answered from the `clarify`
    level up: "how come it flew up with nobody inside" has one plausible reading."""


@dataclass(frozen=True, slots=True)
class Context:
    """What a conversation remembers between questions, so that follow-ups mean what a
    person would mean: "he" is the last person named, "it" what the answer was about,
    "that one" the other mission the answer named, "how many is that" the list it gave."""

    mission: str | None = None
    intent: str | None = None
    entity: str | None = None
    """What the last answer was about (a mission, person, spacecraft, event...)."""
    people: tuple[str, ...] = ()
    """People named in the last question and answer, the one "he" means first."""
    others: tuple[str, ...] = ()
    """Missions, spacecraft and events the last answer named besides `entity`."""
    listed: tuple[str, ...] = ()
    """The list the last answer gave (a crew), for "how many is that"."""
    pointed: str | None = None
    """The mission the last answer gave as its value ("the mission after MS-23 was MS-24"):
    what "that one" then means."""
    dated: tuple[str, ...] = ()
    """The events the last answers dated, latest last: "how many days is that" after
    "when did it launch?" and "when did it come down?" counts between them."""

    def after(self, answer: Answer) -> Context:
        """The context for the next question in the same conversation."""
        if answer.mission is None and answer.entity is None:
            return self
        return Context(
            answer.mission or self.mission,
            answer.intent or self.intent,
            answer.entity.id if answer.entity else answer.mission,
            answer.people or self.people,
            answer.others,
            answer.listed,
            answer.value.value if answer.value and answer.value.kind == "mission" else None,
            _dated(self.dated, answer.dated),
        )


def _dated(before: tuple[str, ...], now: tuple[str, ...]) -> tuple[str, ...]:
    """The events a follow-up may count or order: the ones an answer listed ("what
    happened in march"), or the last two answers' one each ("when did it launch?",
    "and land?")."""
    if len(now) != 1:
        return now
    return (*before[-1:], *now) if before and before[-1] != now[0] else now


@dataclass(frozen=True, slots=True)
class Answer:
    """The engine's reply. `as_dict()` is the stable JSON contract of `ask --json`."""

    question: str
    status: Status
    mission: str | None
    intent: str | None
    text: str
    confidence: float
    citations: tuple[Citation, ...] = ()
    suggestions: tuple[str, ...] = ()
    value: Value | None = None
    fact: str | None = None
    candidates: tuple[tuple[str, float], ...] = field(default=(), compare=False)
    topics: tuple[tuple[str, str], ...] = ()
    """(entity, intent) behind each suggestion, for front ends that offer buttons."""
    entity: Entity | None = None
    """What the answer is about: a mission, person, spacecraft, rocket, organisation, event."""
    people: tuple[str, ...] = field(default=(), compare=False)
    others: tuple[str, ...] = field(default=(), compare=False)
    listed: tuple[str, ...] = field(default=(), compare=False)
    dated: tuple[str, ...] = field(default=(), compare=False)
    """The events the answer dates, for a follow-up that counts days between them."""

    def as_dict(self) -> dict[str, Any]:
        entity = self.entity
        return {
            "question": self.question,
            "status": self.status,
            "mission": self.mission,
            "intent": self.intent,
            "answer": self.text,
            "confidence": round(self.confidence, 3),
            "citations": [c.as_dict() for c in self.citations],
            "suggestions": list(self.suggestions),
            "fact": self.fact,
            "value": self.value.as_dict() if self.value else None,
            "entity": {"id": entity.id, "kind": entity.kind, "name": entity.name}
            if entity
            else None,
        }


class Engine:
    """Answers questions from one validated fact base. Immutable; safe to share."""

    def __init__(
        self,
        factbase: FactBase,
        default_mission: str = "soyuz-ms-23",
        thresholds: Thresholds | None = None,
        matcher_settings: MatcherSettings | None = None,
    ) -> None:
        if default_mission not in factbase.missions:
            known = ", ".join(sorted(factbase.missions))
            raise ValueError(
                f"default mission {default_mission!r} is not in the fact base; use one of: {known}"
            )
        self.factbase = factbase
        self.default_mission = default_mission
        self.thresholds = thresholds or Thresholds()
        self.entities = EntityIndex(
            {e.id: e.aliases for e in factbase.entities.values()},
            {  # surnames: "san francisco" is not Rubio
                e.id: tuple(a for a in e.aliases if len(tokenize(a)) == 1)
                for e in factbase.entities.values()
                if e.kind == "person"
            },
        )
        self.matcher = IntentMatcher(
            factbase.intents,
            factbase.stopwords,
            factbase.domain_terms,
            matcher_settings,
            factbase.vague_terms,
            factbase.spellings,
        )
        self._score = lru_cache(maxsize=4096)(self.matcher.score)
        home = factbase.missions[default_mission].source
        self.mission_order: tuple[str, ...] = tuple(
            sorted(
                factbase.missions,
                key=lambda m: (m != default_mission, factbase.missions[m].source != home),
            )
        )
        """Mission ids for lists and suggestions: the default mission, the others from its
        source document, then the rest, each group in fact-file order."""
        self._by_source: dict[str, list[str]] = {}
        for m in self.mission_order:
            self._by_source.setdefault(factbase.missions[m].source, []).append(m)
        self.events = EventFinder(factbase.events, self.matcher.stem)
        # first word -> (phrase, kind), longest first: one pass over a question's words.
        self._references: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for kind in ("other", "person", "thing"):
            for phrase in map(tokenize, factbase.references.get(kind, ())):
                if phrase:
                    self._references.setdefault(phrase[0], []).append((phrase, kind))
        for phrases in self._references.values():
            phrases.sort(key=lambda item: -len(item[0]))
        self._named_in = lru_cache(maxsize=1024)(self._named_in_uncached)
        # kinds -> (aliases, their entity ids): "did you mean" and autocomplete, per keystroke.
        self._aliases_of: dict[tuple[str, ...], tuple[tuple[str, ...], tuple[str, ...]]] = {}
        self._alias_table(("mission",))  # built now, not on the first keystroke
        self._loose = frozenset(alias_key(a) for e in factbase.entities.values() for a in e.loose)
        self._event_topics = frozenset(e.topic for e in factbase.events.values() if e.topic)
        self._date_words = factbase.date_words | {"when"}
        self._when_words = (
            factbase.time_words | factbase.date_words | {"at", "on", "in", "exactly", "the"}
        )
        # first word -> phrases asking whether a claim is true, longest first
        self._confirmations: dict[str, list[tuple[str, ...]]] = {}
        for phrase in sorted({tokenize(p) for p in factbase.confirmations if tokenize(p)}):
            self._confirmations.setdefault(phrase[0], []).append(phrase)
        for phrases in self._confirmations.values():
            phrases.sort(key=len, reverse=True)
        self._spans: dict[tuple[dt.date, dt.date], list[Fact]] = {}
        for fact in factbase.facts.values():
            ends = [factbase.facts[ref].value for ref in fact.derived_from]
            if len(ends) == 2 and all(ends):
                key = (as_date(ends[0].value), as_date(ends[1].value))  # type: ignore[union-attr]
                self._spans.setdefault(key, []).append(fact)
        # fact -> the events it dates ("MS-23 landed on 27 September 2023"), so that "how
        # many days is that" after two dated answers counts between them.
        by_day: dict[dt.date, list[Event]] = {}
        for event in factbase.events.values():
            by_day.setdefault(event.date, []).append(event)
        self._dates: dict[str, tuple[str, ...]] = {}
        for fact in factbase.facts.values():
            if fact.value is None or fact.value.kind not in ("date", "datetime"):
                continue
            day = as_date(fact.value.value)
            self._dates[fact.id] = tuple(
                e.id
                for e in by_day.get(day, ())
                if e.fact == fact.id or set(e.entities) & set(fact.subjects)
            )
        # The crew "they" means before anyone is named: the largest crew group (by the
        # people its crew statement lists) in the default mission's events.
        in_events = {
            e
            for ev in factbase.events.values()
            if ev.mission == default_mission
            for e in ev.entities
        }
        groups = [g for g in factbase.entities.values() if g.kind == "crew" and g.id in in_events]
        self._crew_of_default = max(
            (g.id for g in groups), key=lambda g: len(_members(factbase, g)), default=None
        )
        # kind -> the topics some entity of that kind holds: a topic no person holds
        # ("operator") is not a reading of a question about a person.
        self._kind_topics: dict[str, set[str]] = {}
        for entity in factbase.entities.values():
            self._kind_topics.setdefault(entity.kind, set()).update(factbase.topics(entity.id))
        computed = {i.computed: i.id for i in reversed(factbase.intents.values()) if i.computed}
        self._when_intent = computed.get("when")
        self._on_date_intent = computed.get("on_date")

    # ------------------------------------------------------------------ public API

    def clear_caches(self) -> None:
        """Forget per-question results (scores, typo repairs, tokens), for cold timings.

        The stem cache stays: it is filled from the examples when the matcher is built."""
        self._score.cache_clear()
        self.matcher.clear_caches()
        tokenize.cache_clear()

    def ask(
        self, question: str, context: Context | None = None, mission: str | None = None
    ) -> Answer:
        """Answer `question`, reading what the conversation was about from `context`.

        `mission`, when given (a command option), binds like a mission named in the text.
        Three steps: read who and what the question names (`_read`), choose the words to
        score (`_scored`), then decide between an answer, a question back and silence.
        """
        ask = self._read(question, self._valid(context or Context()), mission)
        if isinstance(ask, Answer):
            return ask
        context, toks, mentions = ask.context, ask.tokens, ask.mentions
        named, loose, reference = ask.named, ask.loose, ask.reference
        step = self._timeline_step(ask)
        if step is not None:
            return step
        day = self._day_in_context(ask)
        if day is not None and self._on_date_intent is not None:
            return self._on_date(ask, self._on_date_intent, 1.0, [day])  # "and on the 6th?"
        scored = self._scored(ask)
        fallback = [e for e in (*ask.subjects, context.mission) if e]
        events, event_words = self.events.find_spans(toks, mentions, fallback, lenders=named)
        asked = self._happenings(ask, ask.asked_span) if ask.asked_span else events
        if len(events) >= 2 and len(asked) != 1:
            # A rambling message's question that names one happening asks about it; the
            # story's set the scene ("...the radiator getting hit... when did the
            # replacement launch?"). One that names none may ask about the story's.
            related = self._relation(ask, event_words, len(events))
            if related is not None:
                return related
        scored = self._followed(ask, scored, events)
        best = scored.best
        ask.anchored = scored.anchored
        ask.top = tuple((c.intent, round(c.score, 3)) for c in scored.candidates[:5])
        # A date anchors only the questions about dates: "what happened on 6 march 2023",
        # not "put in for time off march 4 to march 6".
        dated = bool(ask.dates) and best is not None
        dated = dated and bool(self.factbase.intents[best.intent].computed)  # type: ignore[union-attr]
        followed = bool(named or ask.strict or context.mission or context.entity or dated)

        if not scored.content or set(scored.content) <= _FOLLOW_UP_WORDS:
            # "ms-23?", "and ms-22?", "what about him": keep the topic, or give the overview.
            if loose and not named and not (reference and ask.strict):
                return self._resolve(replace(ask, subjects=loose, strict=True), "overview", 1.0)
            if named or (reference and ask.strict) or (context.entity and context.intent):
                intent = context.intent if context.intent and not named else "overview"
                if named and context.intent:
                    intent = context.intent
                return self._resolve(ask, intent, 1.0)
            return self._out_of_scope(question, 0.0, ask.top)

        limits = self.thresholds
        between = any(
            self.factbase.intents[c.intent].computed == "days_between"
            for c in scored.candidates[:2]
        )
        if between and not named and len(context.dated) >= 2 and not events and best:
            days = next(
                c for c in scored.candidates[:2] if self.factbase.intents[c.intent].computed
            )
            return self._resolve(ask, days.intent, best.score)  # "how many days apart is that"
        terse = [w for w in scored.content if w not in _FOLLOW_UP_WORDS]
        typed = [t for i, t in enumerate(toks) if i not in ask.covered]  # as typed, unstemmed
        if scored.specific and len(terse) == 1:
            moved = self._related(context, named, [*terse, *typed])
            if moved is not None:
                return self._resolve(ask, moved, 1.0)  # "and the right?" after the crew photo
        if not scored.specific:
            # "ms-23 when?", "what's the time": no topic named, so never a guess; but a
            # terse follow-up ("where?", "what time tho") moves the conversation's topic.
            if best is None or not followed:
                return self._out_of_scope(question, best.score if best else 0.0, ask.top)
            moved = self._related(context, named, [*scored.content, *typed])
            if moved is not None:
                return self._resolve(ask, moved, 1.0)
            computed = None
            if self.factbase.intents[best.intent].computed and (ask.strict or dated):
                computed = self._resolve(ask, best.intent, best.score)  # "when did it happen"
            if computed is None and self._when_intent and (named or len(events) >= 2) and events:
                computed = self._resolve(ask, self._when_intent, best.score)  # "leak date?"
            if computed is not None and computed.status == "answered":
                return computed
            close = list(scored.candidates[: limits.max_suggestions])
            return self._clarify(ask, close, best.score)
        proper = [e for e in loose if self.factbase.entities[e].kind in _LOOSE_KINDS]
        if any(self.factbase.entities[e].kind != "event" for e in named) or (
            best and any(self.factbase.lookup(e, best.intent) for e in proper)
        ):
            # Naming a mission, person or craft is itself evidence the question is about
            # spaceflight; so is naming NASA for a topic NASA holds ("which crew members
            # were from NASA"), but not "the crew" or "a coolant leak" ("my laptop has...").
            discount = limits.named_discount
        elif (scored.anchored or followed) and not self._personal(ask, scored):
            discount = 0.0
        else:
            discount = -limits.unanchored_penalty
        # Two questions in one are looked for only in a question about spaceflight: an
        # unanchored one ("my flight and my hotel") would not be answered half by half.
        pair = self._clauses(ask, limits.answer - discount) if discount >= 0 else None
        if pair is not None:
            return pair
        if best is None or best.score < limits.clarify - discount:
            return self._out_of_scope(question, best.score if best else 0.0, ask.top)
        runner_up = scored.candidates[1].score if len(scored.candidates) > 1 else 0.0
        confident = best.score >= limits.answer - discount or (
            best.score - runner_up >= limits.decisive_lead
        )
        both = (
            self._two_topics(ask, scored.candidates, limits.answer - discount)
            if confident
            else None
        )
        if both is not None:
            return both
        second = scored.candidates[1] if len(scored.candidates) > 1 else None
        topical = len(scored.content) >= _MIN_FACET_WORDS
        if (
            confident
            and topical
            and second is not None
            and self.factbase.intents[second.intent].facet
            and not self.factbase.intents[best.intent].facet
            and best.score - second.score < _FACET_MARGIN
        ):
            # "who made the call to move rubio's seat liner": the liner named, the call asked
            answer = self._resolve(ask, second.intent, second.score)
            if answer.status == "answered" or self.factbase.intents[second.intent].computed:
                return answer  # "who moved first...": an order not found is no liner story
        if confident and best.score - runner_up >= limits.margin:
            return self._resolve(ask, self._reading(ask, scored.candidates), best.score)
        close = [
            c
            for c in scored.candidates[: limits.max_suggestions]
            if best.score - c.score < limits.margin * 2
        ]
        if not confident and len(close) == 1:
            return self._out_of_scope(question, best.score, ask.top)
        held = self._held(ask, scored.candidates[: limits.max_suggestions + 2])
        near = self._held(ask, close)
        kind = self.factbase.entities[ask.subjects[0]].kind
        others = [c for c in close if c not in near]
        inapplicable = all(
            c.intent not in self._kind_topics.get(kind, ()) and self.factbase.holders(c.intent)
            for c in others
        )  # a topic the source covers for no one ("commander") is answered "not given"
        if (
            ask.strict
            and len(near) == 1
            and inapplicable
            and near[0].score >= limits.answer - discount
        ):
            # "prokopyev agency?": operator and agency tie; people have agencies, not
            # operators. (MS-22 lacks a landing site that missions have: that is not given.)
            held = near
        if ask.strict and len(held) == 1 and held[0].score >= limits.answer - discount:
            # Of the close readings, only one is a topic of what the question is about:
            # "what spacecraft did rubio launch on" is his launch, not a rocket.
            return self._resolve(ask, held[0].intent, held[0].score)
        facets = [c for c in close if self.factbase.intents[c.intent].facet]
        if confident and topical and len(facets) == 1 and len(close) == 2:
            # "was the seat liner swap a first?": the topic named, and something asked of it.
            answer = self._resolve(ask, facets[0].intent, facets[0].score)
            if answer.status == "answered" or self.factbase.intents[facets[0].intent].computed:
                return answer
        return self._clarify(ask, held if ask.strict and held else close, best.score)

    def _reading(self, ask: _Question, candidates: Sequence[Candidate]) -> str:
        """The best intent, or for a person, craft or organisation that lacks it, the one
        close behind that it holds: "which agency does Rubio belong to" is not about an
        operator. A mission keeps its best reading, so that a topic it lacks is refused."""
        best = candidates[0]
        subject = ask.subjects[0]
        if not ask.strict or self.factbase.entities[subject].kind == "mission":
            return best.intent
        if not self.factbase.holders(best.intent):
            return best.intent  # a topic the source never covers ("his job title") is refused
        if self._held(ask, candidates[:1]):
            return best.intent
        near = [c for c in candidates[1:4] if best.score - c.score <= _HELD_MARGIN]
        held = self._held(ask, near)
        return held[0].intent if len(held) == 1 else best.intent

    def _two_topics(
        self, ask: _Question, candidates: Sequence[Candidate], level: float
    ) -> Answer | None:
        """ "How long did MS-22 fly, and MS-23?": one topic for each of two missions."""
        if not _JOINED.search(ask.question.casefold()):
            return None
        return self._each_named(ask, candidates[0] if candidates else None, level)

    def _clauses(self, ask: _Question, level: float) -> Answer | None:
        """ "What's MS-23's COSPAR ID, and its SATCAT number?": two questions joined by
        "and", each read on its own words. Both halves must name a topic clearly, each a
        different one its subject holds; otherwise the whole message is read as one."""
        toks, covered = ask.tokens, ask.covered
        span = ask.asked_span or range(len(toks))
        if len(span) > _MAX_CLAUSED_TOKENS:
            return None  # a wall of text is not two questions
        joints = [(i, i + 1) for i in span if toks[i] in _JOINS and i not in covered]
        for symbol in _SYMBOL_JOINS.finditer(ask.question):  # "launch site + rocket"
            at = len(tokenize(ask.question[: symbol.start()]))
            if span.start < at < span.stop:
                joints.append((at, at))
        for joint, after in sorted(joints)[:_MAX_JOINTS]:
            left = [toks[i] for i in range(span.start, joint) if i not in covered]
            right = [toks[i] for i in range(after, span.stop) if i not in covered]
            if left and set(left) <= QUESTION_WORDS:
                # "when and where did MS-23 land": each question word asks of the rest.
                rest = list(itertools.dropwhile(lambda t: t in QUESTION_WORDS, right))
                left = left + rest
            elif right and set(right) <= QUESTION_WORDS | self._when_words:
                # "what did rubio ride home in, and when"; "...launch, and at what time
                # UTC?": the question or time words ask of the rest.
                rest = list(itertools.dropwhile(lambda t: t in QUESTION_WORDS, left))
                right = right + rest
            halves = ((left, range(span.start, joint)), (right, range(after, span.stop)))
            # "...and cosmonauts were aboard for landing": aboard for the landing
            readings = [
                self._followed(ask, self._score(tuple(words)), self._happenings(ask, half))
                for words, half in halves
            ]
            chosen = []
            for reading in readings:
                best = reading.best
                if best is None or not reading.specific or best.score < level:
                    break
                runner_up = reading.candidates[1].score if len(reading.candidates) > 1 else 0.0
                if best.score - runner_up < self.thresholds.margin:
                    break
                if self.factbase.intents[best.intent].computed or not self._held(ask, [best]):
                    break
                chosen.append(best)
            if len(chosen) < 2 or chosen[0].intent == chosen[1].intent:
                continue
            first, second = (self._resolve(ask, c.intent, c.score) for c in chosen)
            if first.status != "answered" or second.status != "answered":
                continue
            if first.entity != second.entity:
                continue  # "which astronauts and cosmonauts...": one question about one crew
            if first.fact == second.fact:
                return first
            return replace(
                first,
                text=f"{first.text} {second.text}",
                citations=tuple(dict.fromkeys((*first.citations, *second.citations))),
                value=None,
            )
        return None

    def _happenings(self, ask: _Question, part: range) -> list[Event]:
        """The events a part of the question names."""
        inside = [
            replace(m, start=m.start - part.start, end=m.end - part.start)
            for m in ask.mentions
            if m.start in part
        ]
        return self.events.find(ask.tokens[part.start : part.stop], inside, ask.subjects)

    def _each_named(self, ask: _Question, best: Candidate | None, level: float) -> Answer | None:
        """ "How long did MS-22 fly, and MS-23?": one topic for each of two named missions."""
        missions = [s for s in ask.subjects if s in self.factbase.missions]
        if (
            best is None
            or best.score < level
            or not ask.strict
            or len(missions) < 2
            or self.factbase.intents[best.intent].computed
        ):
            return None
        entries = [self.factbase.lookup(m, best.intent) for m in missions[:2]]
        if not all(isinstance(e, Fact) for e in entries) or entries[0] is entries[1]:
            return None
        answers = [
            self._from_entry(ask, e, best.intent, m, best.score)  # type: ignore[arg-type]
            for e, m in zip(entries, missions, strict=False)
        ]
        return replace(
            answers[0],
            text=" ".join(a.text for a in answers),
            citations=tuple(dict.fromkeys(c for a in answers for c in a.citations)),
            value=None,
        )

    def _held(self, ask: _Question, candidates: Sequence[Candidate]) -> list[Candidate]:
        """The candidates that the question's subjects hold a fact or gap for, or that can
        be computed for them (a count needs a list, a date question their events)."""
        return [
            c
            for c in candidates
            if any(self.factbase.lookup(s, c.intent) for s in ask.subjects)
            or self._computable(ask, c.intent)
        ]

    def _computable(self, ask: _Question, intent: str) -> bool:
        kind = self.factbase.intents[intent].computed
        if kind is None:
            return False
        if kind == "count":
            return bool(ask.context.listed) or any(
                self.factbase.lookup(s, "crew") for s in ask.subjects
            )
        return kind == "on_date" or any(self.factbase.events_of(s) for s in ask.subjects)

    def answer_topic(self, mission: str, intent: str) -> Answer:
        """The answer for a chosen topic (a button, `/mission topic:`), without matching."""
        if mission not in self.factbase.entities or intent not in self.factbase.intents:
            raise KeyError(f"unknown mission or topic: {mission}/{intent}")
        if self.factbase.intents[intent].computed:
            return self.ask(self.suggestion(mission, intent), mission=None)
        ask = _Question(self.suggestion(mission, intent), (), (), Context(), [mission], True)
        entry = self.factbase.lookup(mission, intent)
        if entry is None:
            return self._no_fact(ask, mission, intent, 1.0)
        return self._from_entry(ask, entry, intent, mission, 1.0)

    def nearest_missions(self, name: str, limit: int = 3) -> list[str]:
        """Mission ids whose names or aliases look most like `name` ("did you mean")."""
        return self.nearest(name, ("mission",), limit)

    def nearest(self, name: str, kinds: Collection[str], limit: int = 3) -> list[str]:
        """Ids of entities of `kinds` whose names or aliases look most like `name`."""
        aliases, owners = self._alias_table(tuple(kinds))
        found = process.extract(
            name,
            aliases,
            scorer=fuzz.WRatio,
            processor=default_process,
            limit=None,
            score_cutoff=50,
        )
        return list(dict.fromkeys(owners[index] for _, _, index in found))[:limit]

    def _alias_table(self, kinds: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The names and aliases of entities of `kinds`, and their ids, built once."""
        if kinds not in self._aliases_of:
            pairs = [
                (alias, entity.id)
                for entity in self.factbase.entities.values()
                if entity.kind in kinds
                for alias in dict.fromkeys((entity.name, *entity.aliases))
            ]
            self._aliases_of[kinds] = (tuple(a for a, _ in pairs), tuple(i for _, i in pairs))
        return self._aliases_of[kinds]

    def people(self) -> list[tuple[str, str]]:
        """(id, name) of the people the fact base knows, in fact-file order."""
        return [(e.id, e.name) for e in self.factbase.entities.values() if e.kind == "person"]

    def complete_people(self, text: str, limit: int = 25) -> list[tuple[str, str]]:
        """(id, name) of people matching what a user has typed so far, best first."""
        if not text.strip():
            return self.people()[:limit]
        return [(p, self.mission_name(p)) for p in self.nearest(text, ("person",), limit)]

    def resolve_person(self, name: str) -> str | None:
        """The person a user-typed name refers to ("rubio", "prokopiev"), or None."""
        if self.factbase.entities.get(name) is not None:
            return name if self.factbase.entities[name].kind == "person" else None
        found = [m.entity for m in self.entities.mentions(tokenize(name)) if m.entity]
        people = [e for e in found if self.factbase.entities[e].kind == "person"]
        return people[0] if len(set(people)) == 1 else None

    def events_of(self, entity: str) -> list[Event]:
        """The dated events an entity takes part in, in date order."""
        return self.factbase.events_of(entity)

    def complete_missions(self, text: str, limit: int = 25) -> list[tuple[str, str]]:
        """(id, name) of missions matching what a user has typed so far, best first."""
        if not text.strip():
            return [(m, self.mission_name(m)) for m in self.mission_order][:limit]
        return [(m, self.mission_name(m)) for m in self.nearest_missions(text, limit)]

    def complete_topics(self, mission: str, text: str, limit: int = 25) -> list[tuple[str, str]]:
        """(intent, title) of the mission's topics matching what a user has typed so far."""
        topics = [(i, self.factbase.intents[i].title) for i in self.factbase.topics(mission)]
        if not text.strip():
            return topics[:limit]
        found = process.extract(
            text,
            {i: f"{i} {t}" for i, t in topics},
            scorer=fuzz.WRatio,
            processor=default_process,
            limit=limit,
            score_cutoff=50,
        )
        titles = dict(topics)
        return [(key, titles[key]) for _, _, key in found]

    def intent_title(self, intent: str) -> str:
        return self.factbase.intents[intent].title

    def mission_name(self, mission: str) -> str:
        """The name of a mission (or of any entity: suggestions also name people)."""
        return self.factbase.entities[mission].name

    def suggestion(self, mission: str, intent: str) -> str:
        """A question that, asked as is, gets the fact for (mission, intent)."""
        spec = self.factbase.intents[intent]
        kind = self.factbase.entities[mission].kind
        template = spec.ask_for.get(kind) or spec.ask or "{name}: " + spec.title.lower()
        return template.format(name=self.mission_name(mission))

    def resolve_mission(self, name: str) -> str | None:
        """The mission id a user-typed name refers to ("ms23", "ISS 69S"), or None."""
        if name in self.factbase.missions:
            return name
        entity = self.entities.resolve(name)
        return entity if entity in self.factbase.missions else None

    def _read(self, question: str, context: Context, mission: str | None) -> _Question | Answer:
        """Who and what the question names: the entities (strict, or loose), a pointing
        word and what it refers to, and the words left for the matcher. An unknown
        mission ("Apollo 11") is refused here."""
        toks = tokenize(question)
        mentions = self.entities.mentions(toks)
        unknown = [m.text for m in mentions if m.entity is None]
        named = list(dict.fromkeys(m.entity for m in mentions if m.entity is not None))
        if mission is not None:
            if mission not in self.factbase.missions:
                raise KeyError(f"unknown mission {mission!r}")
            named = [mission, *(m for m in named if m != mission)]
        if unknown:
            return self._unknown_mission(question, unknown[0])
        # Loose names ("the crew") bind only for topics their entity holds; the words of
        # organisations and events ("roscosmos", "the leak") also say what is asked.
        loose = [  # a named organisation before a generic "the crew"
            *(m.entity for m in mentions if self.factbase.entities[m.entity].kind in _LOOSE_KINDS),
            *(m.entity for m in mentions if alias_key(m.text) in self._loose),
        ]
        background = self._background(toks, mentions, named)
        loose += background
        named = [e for e in named if e not in loose]
        covered = {i for m in mentions if not self._cue(m) for i in range(m.start, m.end)}
        reference, spans = self._reference(toks, covered)
        spans |= self._confirming(toks, covered)
        ask = _Question(question, toks, tuple(mentions), context)
        ask.dates = tuple(find_dates(toks))
        ask.named, ask.loose, ask.reference = named, loose, reference
        ask.covered = covered | spans
        ask.subjects, ask.strict = self._subjects(named, reference, context)
        if not named:
            ask.subjects = list(dict.fromkeys([*loose, *ask.subjects]))
        ask.asked_span = self._asked_span(question, toks, ask.covered, mentions)
        return ask

    def _scored(self, ask: _Question) -> Scored:
        """The matcher's reading of the words the names leave: of the whole message, of
        the name alone ("what's dragon endurance"), or of a rambling message's question."""
        toks, covered = ask.tokens, ask.covered
        rest = tuple(t for i, t in enumerate(toks) if i not in covered)
        scored = self._score(rest)
        names = set(ask.named) | {
            e for e in ask.loose if self.factbase.entities[e].kind in _LOOSE_KINDS
        }
        named_at = {i for m in ask.mentions if m.entity in names for i in range(m.start, m.end)}
        bare = tuple(t for i, t in enumerate(toks) if i not in covered | named_at)
        if len(bare) < len(rest) and set(self.matcher.content(bare)) <= _FOLLOW_UP_WORDS:
            scored = self._score(bare)  # "what's dragon endurance": the name alone
        if ask.asked_span is not None:
            # "Long story short, I'm making a poster. What happened on 17 January 2023?":
            # the question is the last sentence that asks; the story before it only
            # dilutes its words. The names and pointers of the whole message still count.
            alone = self._score(tuple(toks[i] for i in ask.asked_span if i not in covered))
            if alone.best and (scored.best is None or alone.best.score > scored.best.score):
                scored = alone
        because = next((i for i, t in enumerate(toks) if i > 1 and t in _BECAUSE), None)
        if because is not None:
            # "what did ms-23 carry up since nobody was on board": the reason given is not
            # what is asked; the main clause is, when it names a topic clearly.
            main = self._score(tuple(t for i, t in enumerate(toks[:because]) if i not in covered))
            if main.specific and main.best and main.best.score >= self.thresholds.answer:
                scored = main
        return scored

    def _timeline_step(self, ask: _Question) -> Answer | None:
        """ "And before that?" after an answer about dated events: the event just before
        the earliest of them (or, for "after", just after the latest), in the timeline."""
        context = ask.context
        words = {t for i, t in enumerate(ask.tokens) if i not in ask.covered}
        steps = {_STEPS[w] for w in words if w in _STEPS}
        if ask.named or len(steps) != 1 or not words <= _STEP_FILLERS | _STEPS.keys():
            return None
        dated = self._dated_events(context)
        if not dated or context.entity not in self.factbase.events or self._when_intent is None:
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

    def _followed(self, ask: _Question, scored: Scored, events: Sequence[Event]) -> Scored:
        """The reading a question takes after the topic it follows (`follow` in
        intents.yaml): after "when did ms-22 come back", "was anyone on it" asks whether
        it came back crewed; so does "how many people were aboard ms-23 for landing".
        The topic followed is the one happening the question names, else, when it
        names nothing new, the conversation's."""
        topic = ask.context.intent if not ask.named and not events else None
        if len(events) == 1:
            topic = events[0].topic
        best = scored.best
        if topic is None or best is None:
            return scored
        target = self.factbase.intents[topic].follow.get(best.intent)
        if target is None:
            return scored
        moved = replace(best, intent=target)
        rest = tuple(c for c in scored.candidates[1:] if c.intent != target)
        return replace(scored, candidates=(moved, *rest))

    def _relation(self, ask: _Question, event_words: set[int], count: int) -> Answer | None:
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
        if count > 2 and relation:
            return self._resolve(ask, self._when_intent, relation[0].score)  # "when X, Y, Z"
        if relation and relation[0].score >= self.thresholds.relation:
            return self._resolve(ask, relation[0].intent, relation[0].score)
        return None

    def _valid(self, context: Context) -> Context:
        """The context without what a reload has removed since it was remembered."""
        entities, intents = self.factbase.entities, self.factbase.intents
        if context.mission is not None and context.mission not in self.factbase.missions:
            return Context()
        if context.entity is not None and context.entity not in entities:
            return Context()
        if context.intent is not None and context.intent not in intents:
            context = replace(context, intent=None)
        known = (context.people, context.others, context.listed)
        if any(e not in entities for group in known[:2] for e in group):
            context = replace(context, people=(), others=())
        return context

    def _reference(self, toks: tuple[str, ...], covered: set[int]) -> tuple[str | None, set[int]]:
        """What a pointing word refers to ("he": person, "it": thing, "the other one": other),
        and the tokens it spans, which then carry no topic. "The other one" outranks "he",
        which outranks "it"."""
        found: set[str] = set()
        spans: set[int] = set()
        i = 0
        while i < len(toks):
            for phrase, kind in self._references.get(toks[i], ()):
                span = set(range(i, i + len(phrase)))
                if toks[i : i + len(phrase)] == phrase and not span & covered:
                    spans |= span
                    found.add(kind)
                    i += len(phrase) - 1
                    break
            i += 1
        kind = next((k for k in ("other", "person", "thing") if k in found), None)
        return kind, spans

    def _subjects(
        self, named: Sequence[str], reference: str | None, context: Context
    ) -> tuple[list[str], bool]:
        """The entities the question is about, best first, and whether they bind.

        Named entities bind; so does whatever a pointing word refers to. Otherwise the
        conversation's entity and mission are tried, and only a fresh conversation falls
        back to the missions that hold the topic ("what damaged the radiator?")."""
        if named:
            ranked = sorted(named, key=self._kind_rank)
            people = [e for e in named if self.factbase.entities[e].kind in ("person", "crew")]
            if reference == "person" and context.people and not people:
                # "when was his seat liner moved to ms-23": about him, and MS-23
                return [context.people[0], *ranked], True
            return ranked, True  # binding: no loose names added
        referent = None
        if reference == "person" and context.people:
            referent = context.people[0]
        elif reference == "other" and context.others:
            referent = context.others[0]
        elif reference == "thing" and context.pointed in self.factbase.entities:
            referent = context.pointed
        elif reference in ("thing", "other"):
            entity = context.entity
            if entity is not None and self.factbase.entities[entity].kind == "person":
                entity = context.mission
            referent = entity or context.mission
        if referent is not None:
            event = self.factbase.events.get(referent)
            if event is not None and event.mission:
                return [referent, event.mission], True  # "it" after the leak: MS-22 too
            return [referent], True
        if context.entity or context.mission:
            return list(dict.fromkeys(e for e in (context.entity, context.mission) if e)), True
        if reference == "person" and self._crew_of_default is not None:
            # "were they in space more than a year?" with nobody named yet: its crew
            return [self._crew_of_default, self.default_mission], False
        return [self.default_mission], False

    def _asked_span(
        self, question: str, toks: tuple[str, ...], covered: set[int], mentions: Sequence[Mention]
    ) -> range | None:
        """The token positions of the last sentence that asks something, when the message
        has more than one sentence and its story is about spaceflight; None otherwise.
        Within that sentence, a last clause that asks ("my teacher said they land in the
        ocean, where did ms-23 come down") is the question."""
        sentences = _parts(_SENTENCES.split(question.strip()), len(toks))
        if sentences is None:
            return None
        asking = [
            (text, first, end)
            for text, first, end in sentences
            if "?" in text
            or any(
                toks[i] in QUESTION_WORDS and toks[i - 1] in _EMBEDDING
                for i in range(max(first, 1), end)
            )
            or any(
                toks[first + a + _lead(toks[first + a : first + b]) : first + b][:1]
                in _QUESTION_STARTS
                for _, a, b in _parts(_CLAUSES.split(text), end - first) or [(text, 0, end - first)]
            )
        ]
        if len(asking) == 1 and len(sentences) > 1 and asking[0] == sentences[-1]:
            last = asking[0]
            if set(range(last[1], last[2])) <= covered:
                asking = [sentences[-2]]  # "Petelin is a NASA astronaut. Is that true?"
        if not asking:
            return None
        text, first, end = asking[-1]
        for _, start, stop in reversed((_parts(_CLAUSES.split(text), end - first) or [])[1:]):
            lead = _lead(toks[first + start : first + stop])
            start += lead
            words = toks[first + start : first + stop]
            if words[:1] and words[0] in _ASKING_WORDS and stop - start >= _MIN_ASKED_TOKENS:
                # To the sentence's end: "was anyone on it, and when did it launch?";
                # "..., anyway what was the name of the replacement ship"
                clause = range(first + start, end)
                pointing, _ = self._reference(words, set())
                asked = self._score(tuple(toks[i] for i in clause if i not in covered))
                if asked.specific and pointing is None:  # "the crewed one - what happened to it?"
                    first = clause.start
                break
        embedded = [
            i
            for i in range(max(first, 1), end - _MIN_ASKED_TOKENS + 1)
            if toks[i] in QUESTION_WORDS
            and (
                toks[i - 1] in _EMBEDDING
                or (toks[i - 1] == "me" and toks[i - 2 : i - 1] and toks[i - 2] in _EMBEDDING)
            )
        ]
        if embedded:  # "my friend asked when ms-23 landed"
            first = embedded[-1]
        if end - first == len(toks) or end - first < _MIN_ASKED_TOKENS:
            return None  # one sentence, or a bare "why?" after the real question
        named = covered & set(range(first, end))
        about_spaceflight = (
            covered & set(range(first))
            or any(self._binds(m) for m in mentions if m.start in named)
            or bool(find_dates(toks[:first]))  # "I scribbled 28 March 2023... what happened?"
        )
        if not about_spaceflight and first < _MIN_STORY_TOKENS:
            return None  # "i must know how to...": too short a story to set apart
        if not about_spaceflight:  # only then is the story read
            before = self._score(tuple(t for i, t in enumerate(toks[:first]) if i not in covered))
            about_spaceflight = before.anchored or len(before.unexplained) < 2
        if not about_spaceflight:
            return None  # "My car's gauge keeps going up... How do I fix a coolant leak?"
        return range(first, end)

    def _personal(self, ask: _Question, scored: Scored) -> bool:
        """Whether the question is about the asker's own thing: "my car's radiator is
        leaking coolant" shares words with MS-22's damage, not its subject."""
        if ask.context.entity or ask.context.mission:
            return False
        unknown = set(scored.unexplained)
        toks = ask.tokens
        return any(
            t in _MINE and self.matcher.stem(n) in unknown for t, n in itertools.pairwise(toks)
        )

    def _confirming(self, toks: tuple[str, ...], covered: set[int]) -> set[int]:
        """The token positions of phrases asking whether a claim is true ("is that
        right"): they carry no topic, so the claim is what is read."""
        spans: set[int] = set()
        for i, token in enumerate(toks):
            for phrase in self._confirmations.get(token, ()):
                span = range(i, i + len(phrase))
                if toks[i : i + len(phrase)] == phrase and not covered.intersection(span):
                    spans.update(span)
                    break
        return spans

    def _background(
        self, toks: tuple[str, ...], mentions: Sequence[Mention], named: Sequence[str]
    ) -> list[str]:
        """Names that only date what is asked: "what was the plan before the replacement
        arrived" asks about the plan, so the replacement binds only for topics it holds.
        A name is background when a time word ("before", "until") opens its clause."""
        found = []
        for m in mentions:
            if m.entity not in named:
                continue
            start = m.start
            while start > 0 and toks[start - 1] not in CLAUSE_BREAKS:
                start -= 1
            if start > 1 and toks[start - 1] in _TIME_CLAUSES:
                found.append(m.entity)
        return list(dict.fromkeys(found))

    def _binds(self, mention: Mention) -> bool:
        """Whether a name anchors a question in the document by itself: a mission, person
        or craft does ("...who manufactured MS-23?"); "the crew" or "a leak" does not."""
        if mention.entity is None or alias_key(mention.text) in self._loose:
            return False
        return self.factbase.entities[mention.entity].kind not in (*_LOOSE_KINDS, "event")

    def _cue(self, mention: Mention) -> bool:
        """Whether a name's words also say what is asked, and so stay in the question: an
        event's ("the leak": the damage), an organisation's one-word name ("roscosmos":
        the operator) and a loose name ("the crew": the crew)."""
        if alias_key(mention.text) in self._loose:
            return True
        kind = self.factbase.entities[mention.entity or ""].kind
        one_word = mention.end - mention.start == 1
        return kind == "event" or (kind in _LOOSE_KINDS and one_word)

    def _kind_rank(self, entity: str) -> int:
        return _KIND_ORDER.get(self.factbase.entities[entity].kind, len(_KIND_ORDER))

    def _related(
        self, context: Context, named: Sequence[str], content: Sequence[str]
    ) -> str | None:
        """The topic a terse follow-up moves to: "where?" after a launch is the launch site."""
        if context.intent is None or named:
            return None
        related = self.factbase.intents[context.intent].related
        for word in content:
            if word in related:
                return related[word]
        return None

    def _resolve(self, ask: _Question, intent: str, confidence: float) -> Answer:
        """Find the fact for `intent` about the entity the question is about; a "why"
        question only from a topic that gives reasons (see `Intent.why`)."""
        topic = self.factbase.intents[intent]
        if topic.computed:
            return self._compute(ask, intent, confidence)
        if topic.reasons or not self._asks_why(ask):
            return self._resolve_fact(ask, intent, confidence)
        for target in topic.why:
            if any(self.factbase.lookup(s, target) for s in ask.subjects):
                return self._resolve_fact(ask, target, confidence)
        answer = self._resolve_fact(ask, intent, confidence)
        if answer.status != "answered" or _REASON.search(answer.text):
            return answer  # "...carried dry cargo because it launched uncrewed"
        # "why was the crewed flight delayed": the source says it was, not why.
        text = f"My sources don't say why. What they say: {answer.text}"
        return replace(answer, status="unknown", text=text, dated=())

    def _asks_why(self, ask: _Question) -> bool:
        toks = ask.tokens
        return "why" in toks or any(pair in _WHY for pair in itertools.pairwise(toks))

    def _resolve_fact(self, ask: _Question, intent: str, confidence: float) -> Answer:
        answer = self._resolve_topic(ask, intent, confidence)
        dated = self._on_the_day(ask, intent)
        if dated is None or dated.id in answer.dated:
            return answer
        # "which soyuz came back on 28 march 2023": the homecoming of that day
        entry = self.factbase.facts.get(dated.fact or "")
        if entry is not None:
            return self._from_entry(ask, entry, intent, entry.subjects[0], confidence)
        return self._event_answer(ask, intent, [dated], dated.answer, confidence)

    def _on_the_day(self, ask: _Question, intent: str) -> Event | None:
        """The one event of topic `intent` on the day or month the question gives, when
        the question may be about it."""
        dates = [d for d in ask.dates if d.month]
        if not dates:
            return None
        matching = [
            e
            for e in self.factbase.events.values()
            if e.topic == intent and any(d.matches(e.date, e.until) for d in dates)
        ]
        if len(matching) != 1:
            return None
        event = matching[0]
        if ask.named and not set(event.entities) & set(ask.subjects):
            return None  # "did ms-23 land on 28 march": no, MS-23 landed in September
        return event

    def _resolve_topic(self, ask: _Question, intent: str, confidence: float) -> Answer:
        when = bool(self._spelled(ask) & self._date_words)
        named_event = self.factbase.events.get(ask.subjects[0]) if ask.strict else None
        if when and named_event is not None and named_event.topic == intent:
            # "when was the coolant leak": the event's own date, not the damage story.
            answer = self._event_answer(ask, "when", [named_event], named_event.answer, confidence)
            return replace(answer, intent=intent)
        if when:
            # "when did rubio's seat liner go to ms-23": one of several moves, dated.
            fallback = [e for e in (*ask.subjects, ask.context.mission) if e]
            events = [
                e
                for e in self.events.find(ask.tokens, ask.mentions, fallback)
                if e.topic == intent and set(e.entities) & set(ask.subjects)
            ]
            plain = {getattr(self.factbase.lookup(s, intent), "id", None) for s in ask.subjects}
            several = any(
                len([e for e in self.factbase.events_of(s) if e.topic == intent]) > 1
                for s in ask.subjects
            )
            if len(events) == 1 and several and events[0].fact not in plain:
                entry = self.factbase.lookup(events[0].id, intent)
                if entry is None:
                    answer = self._event_answer(ask, "when", events, events[0].answer, confidence)
                    return replace(answer, intent=intent)
                if entry.id not in plain:
                    return self._from_entry(ask, entry, intent, events[0].id, confidence)
        if not ask.strict:
            # "was the seat liner swap a first?": what one of the moves holds, not MS-23's
            # precedent, when the moves the words may mean agree on one statement.
            held = {
                entry.id: (entry, event.id)
                for event in self.events.named_by_words(ask.tokens)
                if (entry := self.factbase.lookup(event.id, intent)) is not None
            }
            if len(held) == 1:
                entry, holder = next(iter(held.values()))
                return self._from_entry(ask, entry, intent, holder, confidence)
        for subject in ask.subjects:
            entry = self.factbase.lookup(subject, intent)
            if entry is not None:
                # Of the names the statement is about, the one the question puts first:
                # "why was crew-5 considered for the ms-22 crew" is about Crew-5.
                first = subject
                if isinstance(entry, Fact) and subject in ask.named:
                    named = (m.entity for m in ask.mentions if m.entity in entry.subjects)
                    first = next(named, subject)
                return self._from_entry(ask, entry, intent, first, confidence)
        if not ask.strict:
            # "What was the lifeboat plan?" is about the missions that had one; the
            # first in the fact files answers, and its answer names it.
            owner = next(iter(self.factbase.missions_with(intent)), None)
            if owner is not None:
                entry = self.factbase.lookup(owner, intent)
                assert entry is not None
                return self._from_entry(ask, entry, intent, owner, confidence)
            entries = self.factbase.entries_for(intent)
            if ask.anchored and len(entries) == 1 and isinstance(entries[0], Fact):
                # "which iss team made the seat decision": one statement answers it.
                fact = entries[0]
                return self._from_entry(ask, fact, intent, fact.subjects[0], confidence)
        return self._no_fact(ask, ask.subjects[0], intent, confidence)

    def _from_entry(
        self, ask: _Question, entry: Fact | Gap, intent: str, subject: str, confidence: float
    ) -> Answer:
        entity = self.factbase.entities[subject]
        mission = subject if entity.kind == "mission" else entry.mission
        if isinstance(entry, Fact):
            topic = self.factbase.intents[intent]
            missing = None
            if not topic.amount and not topic.computed and self._asks_amount(ask):
                # "how much coolant leaked": the damage fact tells of the leak, not how much.
                missing = "that amount"
            elif not topic.computed and self._asks_when(ask) and not _DATED.search(entry.answer):
                # "when was the crewed ms-23 supposed to launch": it was delayed, not when.
                missing = "a date for that"
            if missing is not None:
                text = f"My sources don't give {missing}. What they say: {entry.answer}"
                return self._answer(
                    ask,
                    "unknown",
                    mission,
                    intent,
                    text,
                    confidence,
                    entry.citations,
                    fact=entry.id,
                    entity=entity,
                )
            timed = entry.value is not None and entry.value.kind == "datetime"
            if intent in self._event_topics and not timed and self._asks_time(ask):
                # "what time did MS-23 dock": the source gives the day, not the time.
                return self._no_time(
                    ask,
                    mission,
                    intent,
                    entry.answer,
                    confidence,
                    entry.citations,
                    entity,
                    entry.value,
                    entry.id,
                )
            listed = entry.value.value if entry.value and entry.value.kind == "people" else ()
            return self._answer(
                ask,
                "answered",
                mission,
                intent,
                entry.answer,
                confidence,
                entry.citations,
                value=entry.value,
                fact=entry.id,
                entity=entity,
                listed=tuple(listed),
            )
        related = [self.factbase.facts[ref] for ref in entry.see_also]
        text = f"My sources don't give {entry.missing}: {entry.problem}."
        if related:
            text += " What they do say: " + " ".join(f.answer for f in related)
        topics = tuple((f.mission or subject, f.intent) for f in related)
        return self._answer(
            ask,
            "unknown",
            mission,
            intent,
            text,
            confidence,
            tuple(c for f in related for c in f.citations),
            fact=entry.id,
            entity=entity,
            topics=topics,
        )

    def _no_fact(self, ask: _Question, subject: str, intent: str, confidence: float) -> Answer:
        entity = self.factbase.entities[subject]
        title = self.factbase.intents[intent].title.lower()
        covered = self.factbase.topics(subject)
        others: list[str] = []
        if entity.kind == "mission":
            # Missions from the same document first: "when did ms-24 launch?" suggests
            # MS-23's launch, not a mission from an unrelated document added later.
            wanted = self.thresholds.max_suggestions
            same = [
                m
                for m in self._by_source[entity.source]
                if m != subject and self.factbase.lookup(m, intent) is not None
            ]
            rest = (
                m for m in self.factbase.missions_with(intent) if m != subject and m not in same
            )
            others = (same + list(itertools.islice(rest, wanted)))[:wanted]
        topics = tuple([(m, intent) for m in others] + [(subject, i) for i in covered])[
            : self.thresholds.max_suggestions
        ]
        text = f"My sources don't give the {title} of {entity.name}."
        if covered:
            titles = ", ".join(self.factbase.intents[i].title.lower() for i in covered)
            text += f" About {entity.name} they cover: {titles}."
        mission = subject if entity.kind == "mission" else None
        return self._answer(
            ask, "unknown", mission, intent, text, confidence, entity=entity, topics=topics
        )

    # ------------------------------------------------------------------ computed answers

    def _compute(self, ask: _Question, intent: str, confidence: float) -> Answer:
        """Answers made from the events or a list rather than read from one fact."""
        kind = self.factbase.intents[intent].computed
        if kind == "count":
            return self._count(ask, intent, confidence)
        if kind == "on_date":
            return self._on_date(ask, intent, confidence)
        fallback = [e for e in (*ask.subjects, ask.context.mission) if e]
        events = self.events.find(ask.tokens, ask.mentions, fallback)
        if kind == "when":
            if not events and ask.dates:
                # "what happened on 6 march 2023" read as "when": the date's events.
                return self._on_date(ask, self._on_date_intent or intent, confidence)
            if not events:
                event = self._event_of(ask)
                events = [event] if event else []
            if not events:
                return self._no_event(ask, intent, confidence)
            text = " ".join(e.answer for e in events)
            return self._event_answer(ask, intent, events, text, confidence)
        if len(events) == 1 and ask.context.entity:
            earlier = self._event_of(replace(ask, subjects=[ask.context.entity]))
            if earlier is not None and earlier != events[0]:
                events.append(earlier)  # "how many days after launch is that"
        recent = self._dated_events(ask.context)
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
        if kind == "days_between":
            text = (
                f"{days} days passed between them. First: {first.answer} "
                f"Then, {days} days after that: {second.answer}"
            )
            if days == 0:
                text = f"Both happened on the same day. {first.answer} {second.answer}"
            value = Value("number", days, "days")
            return self._event_answer(ask, intent, [first, second], text, confidence, value)
        text = f"First: {first.answer} Then, {days} days later: {second.answer}"
        if days == 0:
            text = f"Both happened on {first.date_text}. {first.answer} {second.answer}"
        return self._event_answer(ask, intent, [first, second], text, confidence)

    def _against_date(
        self, ask: _Question, event: Event, intent: str, confidence: float
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

    def _asks_when(self, ask: _Question) -> bool:
        """Whether the question asks for a date: "when did/was...", "what year"."""
        return any(
            pair in _WHEN or (pair[0] == "when" and pair[1] in _AUXILIARIES)
            for pair in itertools.pairwise(ask.tokens)
        )

    def _asks_amount(self, ask: _Question) -> bool:
        """Whether the question asks "how much", "how far" and the like."""
        words = self.factbase.amount_words
        toks = ask.tokens
        return any(a == "how" and b in words for a, b in itertools.pairwise(toks))

    def _asks_time(self, ask: _Question) -> bool:
        """Whether the question asks for a time of day ("what time", "utc")."""
        return bool(self._spelled(ask) & self.factbase.time_words)

    def _spelled(self, ask: _Question) -> frozenset[str]:
        """The question's words as the chat spellings read them ("wen" is "when")."""
        if ask.spelled is None:
            ask.spelled = frozenset(self.factbase.spellings.get(t, t) for t in ask.tokens)
        return ask.spelled

    def _span_fact(self, first: Event, second: Event) -> Fact | None:
        """The duration the fact base derives from exactly these two events' dates, for an
        entity in both (MS-23's launch to its landing), if there is one."""
        for fact in self._spans.get((first.date, second.date), ()):
            if any(s in first.entities and s in second.entities for s in fact.subjects):
                return fact
        return None

    def _event_of(self, ask: _Question) -> Event | None:
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

    def _dated_events(self, context: Context) -> list[Event]:
        """The events the conversation's last answers dated, still in the fact base."""
        return [self.factbase.events[e] for e in context.dated if e in self.factbase.events]

    def _day_in_context(self, ask: _Question) -> DateQuery | None:
        """ "And on the 6th?" after an answer about a day: that day of the same month."""
        dated = self._dated_events(ask.context)
        if not dated or ask.named or ask.dates:
            return None
        toks = ask.tokens
        days = [
            int(a)
            for a, b in itertools.pairwise(toks)
            if a.isdigit() and 1 <= int(a) <= 31 and b in ("st", "nd", "rd", "th")
        ]
        if len(days) != 1 or len(toks) > _MAX_DAY_FOLLOW_UP:
            return None
        last = dated[-1].date
        return DateQuery(last.year, last.month, days[0])

    def _on_date(
        self,
        ask: _Question,
        intent: str,
        confidence: float,
        dates: Sequence[DateQuery] | None = None,
    ) -> Answer:
        dates = list(dates) if dates else list(ask.dates)
        if dates:
            query = dates[0]
            events = [e for e in self.factbase.events.values() if query.matches(e.date, e.until)]
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

    def _count(self, ask: _Question, intent: str, confidence: float) -> Answer:
        listed = ask.context.listed if not ask.mentions else ()
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
        ask: _Question,
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
        mission = subject if entity.kind == "mission" else events[0].mission
        if value is None and len(events) == 1:
            value = Value("date", events[0].date.isoformat())
        answer = self._answer(
            ask, "answered", mission, intent, text, confidence, citations, value, entity=entity
        )
        return replace(answer, dated=tuple(e.id for e in events))

    def _no_time(
        self,
        ask: _Question,
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
        ask: _Question,
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

    # ------------------------------------------------------------------ outcomes

    def _answer(
        self,
        ask: _Question,
        status: Status,
        mission: str | None,
        intent: str | None,
        text: str,
        confidence: float,
        citations: tuple[Citation, ...] = (),
        value: Value | None = None,
        fact: str | None = None,
        entity: Entity | None = None,
        topics: tuple[tuple[str, str], ...] = (),
        listed: tuple[str, ...] = (),
    ) -> Answer:
        """An answer, with what a follow-up may point back to."""
        asked = [m.entity for m in ask.mentions if m.entity]
        said = self._named_in(text)
        kinds = self.factbase.entities
        subject = entity.id if entity else None
        value_names = [self.entities.resolve(n) for n in listed]
        people = [e for e in asked if kinds[e].kind == "person"]
        if entity is not None and entity.kind in ("person", "crew"):
            people.append(entity.id)
        people += [e for e in (*value_names, *said) if e and kinds[e].kind in ("person", "crew")]
        value_mission = value.value if value and value.kind == "mission" else None
        dated = self._dates.get(fact or "", ())
        if entity is not None and entity.id in self.factbase.events and status == "answered":
            dated = (*dated, entity.id) if entity.id not in dated else dated
        others = [value_mission] if value_mission else []
        others += [e for e in reversed(said) if kinds[e].kind not in ("person", "crew")]
        others += [e for e in asked if kinds[e].kind not in ("person", "crew")]
        return Answer(
            ask.question,
            status,
            mission,
            intent,
            text,
            confidence,
            citations,
            self._suggestions(topics),
            value,
            fact,
            ask.top,
            topics,
            entity,
            tuple(dict.fromkeys(people)),
            tuple(dict.fromkeys(e for e in others if e and e != subject)),
            listed,
            dated if status == "answered" else (),
        )

    def _named_in_uncached(self, text: str) -> tuple[str, ...]:
        """Entity ids an answer's text names, in order."""
        return tuple(m.entity for m in self.entities.mentions(tokenize(text)) if m.entity)

    def _unknown_mission(self, question: str, mention: str) -> Answer:
        shown = [self.mission_name(m) for m in self.mission_order[:_LISTED_MISSIONS]]
        more = len(self.mission_order) - len(shown)
        known = ", ".join(shown) + (f" and {more} more" if more > 0 else "")
        text = f'I have no facts about "{mention}". I can answer questions about: {known}.'
        return Answer(question, "unknown", None, None, text, 1.0)

    def _out_of_scope(
        self, question: str, best: float, top: tuple[tuple[str, float], ...]
    ) -> Answer:
        name = self.mission_name(self.default_mission)
        text = (
            f"I don't know how to answer that. I answer questions about spaceflight "
            f"missions such as {name}: its launch, landing, crew, rocket and more."
        )
        return Answer(question, "unknown", None, None, text, max(0.0, 1.0 - best), candidates=top)

    def _clarify(self, ask: _Question, close: Sequence[Candidate], best: float) -> Answer:
        subject = ask.subjects[0]
        topics = []
        for candidate in close:
            owner = subject
            if self.factbase.lookup(owner, candidate.intent) is None and not ask.strict:
                owner = next(iter(self.factbase.missions_with(candidate.intent)), owner)
            topics.append((owner, candidate.intent))
        suggestions = self._suggestions(topics)
        text = "I'm not sure which you mean. Did you mean: " + " / ".join(suggestions)
        entity = self.factbase.entities[subject] if ask.strict else None
        mission = subject if entity is not None and entity.kind == "mission" else None
        answer = self._answer(ask, "clarify", mission, None, text, best, entity=entity)
        return replace(answer, suggestions=suggestions, topics=tuple(topics))

    def _suggestions(self, topics: Sequence[tuple[str, str]]) -> tuple[str, ...]:
        return tuple(self.suggestion(m, i) for m, i in topics)


def _lead(words: Sequence[str]) -> int:
    """How many filler words ("so", "anyway", "but") open a clause before what it asks."""
    n = 0
    while n < len(words) and words[n] in _CLAUSE_FILLERS:
        n += 1
    return n


def _parts(parts: Sequence[str], total: int) -> list[tuple[str, int, int]] | None:
    """Each non-empty text part with its token span, or None when the parts do not
    tokenize as the whole does (`total` tokens)."""
    spans, start = [], 0
    for part in parts:
        if part.strip():
            n = len(tokenize(part))
            spans.append((part, start, start + n))
            start += n
    return spans if start == total else None


def _members(factbase: FactBase, group: str) -> tuple[str, ...]:
    """The people a crew group's crew statement lists."""
    fact = factbase.lookup(group, "crew")
    value = fact.value if isinstance(fact, Fact) else None
    return tuple(value.value) if value is not None and value.kind == "people" else ()


def _people(n: int) -> str:
    return f"{n} {'person' if n == 1 else 'people'}"


def with_thresholds(engine: Engine, **changes: float) -> Engine:
    """A copy of `engine` with some thresholds changed (for tuning)."""
    clone = object.__new__(Engine)
    clone.__dict__.update(engine.__dict__)
    clone.thresholds = replace(engine.thresholds, **changes)  # type: ignore[arg-type]
    return clone

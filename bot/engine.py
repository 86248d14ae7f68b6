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
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from bot.answer import Answer, Context, Status
from bot.computed import ComputedAnswers
from bot.entities import EntityIndex
from bot.events import MONTH_WORDS, DateQuery, EventFinder, find_dates
from bot.factbase import (
    Citation,
    Entity,
    Event,
    Fact,
    FactBase,
    Gap,
    Value,
    as_date,
    format_date,
)
from bot.matching import QUESTION_WORDS, Candidate, IntentMatcher, MatcherSettings, Scored
from bot.reading import (
    LOOSE_KINDS,
    PEOPLE_KINDS,
    Question,
    Reading,
    ReadingWords,
    any_phrase,
    has_phrase,
    phrases_in,
    question_word,
)
from bot.text import alias_key
from bot.text import tokens as tokenize

# A one-word name of a spacecraft or organisation this long is matched despite a typo
# ("endurence", "roscosmso"); a shorter one ("Dragon") could be another word misspelt.
_MIN_FUZZY_CRAFT_NAME = 8
# An unknown-mission reply names this many known missions, then "and N more".
_LISTED_MISSIONS = 8

# Two questions in one: "when and where", "launch site + rocket".
_JOINED = re.compile(r"[&+]|\b(?:and|plus|vs|versus)\b")
_JOINS = frozenset({"and", "plus", "n", "vs", "versus"})
_SYMBOL_JOINS = re.compile(r"[&+]")
# Joins that compare two things, each of its own entity: "rubio's days vs ms-23's".
_COMPARISONS = frozenset({"vs", "versus"})
# How long a question may be, and how many "and"s are tried, to be read as two.
_MAX_CLAUSED_TOKENS = 40
# "...and the date", "+ date", "and when": a closing half that asks the date alone
_MAX_DATE_WORDS = 3
_MAX_JOINTS = 3
# A facet ("was it a first") wins a close call only when the topic is named too:
# "was the seat liner swap a first", not "and before that?".
_MIN_FACET_WORDS = 4
# Words that ask for what the next word names: "what year", "which month".
_WHAT = frozenset({"what", "which"})
# How far behind the best reading "what happened on <day>" may be and still be asked.
_DAY_MARGIN = 0.1
# What tokenizing "18th" leaves besides the number.
_ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})
# How far behind the best topic a facet may be and still be what is asked.
_FACET_MARGIN = 0.07
# How far below the best reading one that lists people may be, for a "who" question
_WHO_MARGIN = 0.1
# How many words after "besides" say what is set aside: "besides the ms-22 radiator"
_SET_ASIDE = 4
# How far below a topic nothing of its kind has ("the operator of a person") a topic of
# that kind may be and still be what is asked
_KIND_MARGIN = 0.2
# A time of day in a statement: "at 00:24 UTC"
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b")
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
# How far behind the best intent one that the subject holds may be and still be read.
_HELD_MARGIN = 0.1


# Things that fly in a mission but are not it: a question about one is not answered
# with the mission's own fact ("the rocket's serial number" is not the spacecraft's).
_VEHICLE_KINDS = frozenset({"rocket", "spacecraft"})
_COPULAS = frozenset({"is", "was", "s", "are", "were"})
"""The words that make one name the other in a claim ("petelin was the american one")."""
_RELATIVE = frozenset({"that", "who", "which"})
"""The words that open a clause saying which of those named is meant ("the crew that...")."""

# Words before a place claimed: "did they land in russia", "launched from vostochny".
_AT = frozenset({"in", "at", "from", "near", "on"})


_NUMBER = re.compile(r"\d+(?:\.\d+)?")

# The days in a unit of time, and counts spelled out, for a length a claim gives.
_DAYS_IN = {"day": 1, "week": 7, "month": 30.44, "year": 365.25, "yr": 365.25}
_COUNTS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_COUNTS |= {"seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}


def _joined(answers: Sequence[Answer], text: str | None = None) -> Answer:
    """One reply made of several answers: the first's outcome, every text (or `text`)
    and every citation once; no single value stands for them all."""
    citations = tuple(dict.fromkeys(c for a in answers for c in a.citations))
    text = " ".join(a.text for a in answers) if text is None else text
    return replace(answers[0], text=text, citations=citations, value=None)


def _one_month(ask: Question) -> DateQuery | None:
    """The one day or month a claim gives, if it gives exactly one."""
    dates = [d for d in ask.dates if d.month]
    return dates[0] if len(dates) == 1 else None


def _one_date(ask: Question) -> DateQuery | None:
    """The one day, month or year a claim gives: "ms22 launched in 2023 right?"."""
    return _one_month(ask) or (ask.dates[0] if len(ask.dates) == 1 else None)


def _shape(identifier: str) -> re.Pattern[str]:
    """Any identifier written like this one, its numbers free: "2023-024A" matches
    "2023-025a", "Soyuz MS No.754" matches "soyuz ms no 755"."""
    runs = re.findall(r"\d+|[a-z]+", identifier.lower())
    body = r"\W*".join(r"\d+" if run[0].isdigit() else re.escape(run) for run in runs)
    return re.compile(rf"(?<![\w-]){body}(?![\w-])")


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


class Engine(Reading, ComputedAnswers):
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
        self.words = ReadingWords.of(factbase.reading)
        self.entities = EntityIndex(
            {e.id: e.aliases for e in factbase.entities.values()},
            {  # surnames: "san francisco" is not Rubio; long names of craft and agencies
                e.id: tuple(
                    a
                    for a in e.aliases
                    if len(tokenize(a)) == 1
                    and (e.kind == "person" or len(a) >= _MIN_FUZZY_CRAFT_NAME)
                )
                for e in factbase.entities.values()
                if e.kind in ("person", "spacecraft", "organisation")
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
        # intent -> its title, examples and keywords as stems, one text each, read only
        # when a question asks a property: what these never mention its statements omit.
        self._phrasing = lru_cache(maxsize=None)(self._phrasing_uncached)
        # each property's names, as asked and as stems, and the words they open with:
        # a question holding none of those cannot ask the property
        self._properties = tuple(
            (
                names,
                tuple(self._stems(" ".join(p)) for p in names),
                frozenset(t for p in names for t in p[:1]),
            )
            for names in self.words.properties
        )
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
        for kind in ("others", "other", "person", "thing"):
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
        # what may close a question to ask the date as well: "...launch site and date"
        self._date_asks = factbase.date_words | self.matcher.stopwords | {"when", "what", "its"}
        # first word -> phrases asking whether a claim is true, longest first
        self._confirmations: dict[str, list[tuple[str, ...]]] = {}
        for phrase in sorted({tokenize(p) for p in factbase.confirmations if tokenize(p)}):
            self._confirmations.setdefault(phrase[0], []).append(phrase)
        for phrases in self._confirmations.values():
            phrases.sort(key=len, reverse=True)
        # the phrases asking whether a claim is true whose "or" offers no either-or
        asking = {*self.words.claim_tags, *itertools.chain(*self._confirmations.values())}
        self._or_tags = tuple(p for p in asking if "or" in p)
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
            self._dates[fact.id] = _events_told(factbase, fact, by_day)
        # fact -> the entities it tells of: its subjects and those its statement names
        # ("...launched uncrewed as a replacement like Soyuz 34")
        self._told_of = {
            fact.id: frozenset(
                (*fact.subjects, *(m.entity for m in self.entities.mentions(tokenize(fact.answer))))
            )
            for fact in factbase.facts.values()
        }
        # the identifiers and numbered places the facts give -> the fact: "what's
        # 2023-024A" asks what that is (looked up by a question's runs of words of
        # those lengths, not scanned, so that a thousand missions cost no more)
        self._by_identifier: dict[tuple[str, ...], Fact] = {}
        for fact in factbase.facts.values():
            if fact.value is None or fact.value.kind not in ("id", "place"):
                continue
            words = tokenize(str(fact.value.value))
            if fact.value.kind == "place":
                words = tuple(w for w in words if w.isdigit())
            if len(words) > 1 or (words and len(words[0]) >= 4):
                self._by_identifier.setdefault(words, fact)
        self._identifier_lengths = sorted({len(words) for words in self._by_identifier})
        # facts that tell a happening's first and last day: "how long did the install
        # take" is answered by "moved on 17 January ... continued through 18 January"
        about: dict[str, list[Fact]] = {}
        for fact in factbase.facts.values():
            for subject in fact.subjects:
                about.setdefault(subject, []).append(fact)
        self._spanning = frozenset(
            fact.id
            for e in factbase.events.values()
            if e.until
            for entity in {*e.entities, e.mission}
            for fact in about.get(entity or "", ())
            if format_date(e.date, year=False) in fact.answer
            and format_date(e.until, year=False) in fact.answer
        )
        # topic -> the missions whose happenings it tells of ("was there a leak on ms-23")
        self._happened_to: dict[str, set[str | None]] = {}
        for event in factbase.events.values():
            self._happened_to.setdefault(event.topic, set()).add(event.mission)
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
        # (mission, topic) -> the statements of that mission's own spacecraft: Crew-5's
        # capacity is that of its Dragon
        self._craft_facts: dict[tuple[str, str], list[tuple[Fact, str]]] = {}
        for fact in factbase.facts.values():
            craft = [s for s in fact.subjects if factbase.entities[s].kind == "spacecraft"]
            if fact.mission is None or not craft or fact.mission in fact.subjects:
                continue
            for topic in dict.fromkeys((fact.intent, *fact.intents)):
                self._craft_facts.setdefault((fact.mission, topic), []).append((fact, craft[0]))
        # the people of each crew group -> the group: "they" after an answer naming
        # Rubio, Prokopyev and Petelin is the MS-22 crew
        self._group_of = {
            frozenset(self.entities.resolve(name) for name in _members(factbase, g.id)): g.id
            for g in factbase.entities.values()
            if g.kind == "crew" and _members(factbase, g.id)
        }
        self._people_of = {group: people for people, group in self._group_of.items()}
        # kind -> the topics some entity of that kind holds: a topic no person holds
        # ("operator") is not a reading of a question about a person.
        self._kind_topics: dict[str, set[str]] = {}
        for entity in factbase.entities.values():
            self._kind_topics.setdefault(entity.kind, set()).update(factbase.topics(entity.id))
        computed = {i.computed: i.id for i in reversed(factbase.intents.values()) if i.computed}
        self._when_intent = computed.get("when")
        self._on_date_intent = computed.get("on_date")
        self._order_intent = computed.get("order")
        self._between_intent = computed.get("days_between")

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
            return self._bearing(ask)
        spelt = self._its_thing(ask)
        if spelt is not None:  # "when did it go into the new soyuz": his seat liner
            return replace(self.ask(spelt, context, mission), question=question)
        answer = self._decide(ask)
        if answer.status != "answered":
            # "is endurance a soyuz or a dragon": no topic reads it; what it names does
            answer = self._either_of_kinds(ask) or answer
        return self._bearing(self._verdict(ask, self._doer_asked(ask, answer)))

    def _doer_asked(self, ask: Question, answer: Answer) -> Answer:
        """Silence, with what the sources say, where a "who" question asks who is behind
        the very organisation the answer says did it: "who was running roscosmos back
        then" is not answered by "Roscosmos operated Soyuz MS-23". An organisation
        offered after the question ("who ran it, roscosmos?") is a guess at the answer."""
        intent = self.factbase.intents.get(answer.intent or "")
        if answer.status != "answered" or intent is None or intent.doer is None:
            return answer
        head = len(tokenize(re.split(r"[,;:?!(]", ask.question, maxsplit=1)[0]))
        spelt = self.factbase.spellings
        toks = tuple(spelt.get(t, t) for t in ask.tokens[:head])
        named = {m.entity for m in ask.mentions if m.start < head}
        if question_word(toks) != "who" or len(named) != 1 or "or" in toks or ask.reference:
            return answer
        org = self.factbase.entities.get(next(iter(named)) or "")
        if org is None or org.kind != "organisation":
            return answer
        named_at = {i for m in ask.mentions for i in range(m.start, m.end)}
        rest = (t for i, t in enumerate(toks) if i not in named_at and t not in QUESTION_WORDS)
        if not self.matcher.content(rest):
            return answer  # "who's energia": who it is
        doer = intent.doer.format(name=org.name)
        text = f"My sources don't say {doer}. What they say: {answer.text}"
        return replace(answer, status="unknown", text=text)

    def _bearing(self, answer: Answer) -> Answer:
        """The answer with the other missions it bears on (see `Answer.missions`)."""
        if answer.status != "answered":
            return answer
        value = answer.value
        named = (value.value,) if value and value.kind == "mission" else ()
        entity = answer.entity
        tied = self.factbase.missions_of(entity.id) if entity and entity.kind != "mission" else ()
        missions = tuple(m for m in dict.fromkeys((*named, *sorted(tied))) if m != answer.mission)
        return replace(answer, missions=missions) if missions else answer

    def _decide(self, ask: Question) -> Answer:
        """An answer, a question back or silence, for a question read."""
        aside = {m.entity for w in self._aside(ask) for m in ask.mentions if m.start in w}
        if aside and any(s not in aside for s in ask.subjects):
            # "apart from rubio, who else was on ms-22": about MS-22, Rubio set aside
            kept = [n for n in ask.named if n not in aside]
            ask = replace(
                ask,
                subjects=[s for s in ask.subjects if s not in aside],
                named=kept,
                strict=ask.strict and bool(kept),
            )
        question = ask.question
        context, toks, mentions = ask.context, ask.tokens, ask.mentions
        named, loose, reference = ask.named, ask.loose, ask.reference
        step = self._timeline_step(ask)
        if step is not None:
            return step
        described = self._described(ask) or self._craft_asked(ask)
        if described is not None:  # "which nasa astronaut was involved": who that is
            named = replace(ask, subjects=[described], strict=True)
            for intent in ("overview", "crew"):
                if intent in self.factbase.intents and self.factbase.lookup(described, intent):
                    return self._resolve(named, intent, 1.0)
        role = self._role_asked(ask)
        if role is not None:  # "what was roscosmos's role in ms-23": what it did
            return self._resolve(replace(ask, subjects=[role], strict=True), "overview", 1.0)
        identified = self._identified(ask)
        if identified is not None:
            return identified  # "what's 2023-024A": the COSPAR ID of MS-23
        day = self._day_in_context(ask)
        if day is not None and self._on_date_intent is not None:
            return self._on_date(ask, self._on_date_intent, 1.0, [day])  # "and on the 6th?"
        scored = self._scored(ask)
        fallback = [e for e in (*ask.subjects, context.mission) if e]
        events, event_words = self.events.find_spans(toks, mentions, fallback, lenders=named)
        timed = any(self.factbase.intents[c.intent].computed for c in scored.candidates[:3])
        if timed:  # "rubio's liner went into ms-23 before the cosmonauts' ones", not
            events = [*events, *self._counterparts(ask, events)]  # "...help the cosmonauts"
        ask.happenings = tuple(e.id for e in events)
        asked = self._happenings(ask, ask.asked_span) if ask.asked_span else events
        if len(events) >= 2 and len(asked) != 1:
            # A rambling message's question that names one happening asks about it; the
            # story's set the scene ("...the radiator getting hit... when did the
            # replacement launch?"). One that names none may ask about the story's.
            related = self._relation(ask, event_words, len(events))
            if related is not None:
                return related
        if not ask.reference:
            worded = self._worded_day(ask, scored)
            if worded is not None:
                return worded
        against = (
            self._against_day(ask, events)
            or self._stay(ask)
            or self._took(ask, events, bool(scored.unexplained))
        )
        if against is not None:
            return against
        scored = self._followed(ask, scored, events)
        best = scored.best
        ask.anchored, ask.unexplained = scored.anchored, scored.unexplained
        ask.top = tuple((c.intent, round(c.score, 3)) for c in scored.candidates[:5])
        # A date anchors only the questions about dates: "what happened on 6 march 2023",
        # not "put in for time off march 4 to march 6".
        dated = bool(ask.dates) and best is not None
        dated = dated and bool(self.factbase.intents[best.intent].computed)  # type: ignore[union-attr]
        followed = bool(named or ask.strict or context.mission or context.entity or dated)
        on_day = self._asks_day(ask, scored, events)
        if on_day is not None:
            return self._on_date(ask, on_day.intent, on_day.score)  # "what went down on dec 14th"

        swapped = self._loose_follow_up(ask)
        if swapped is not None:
            return swapped  # "how long was ms-23 in space" -> "and the crew?": 371 days
        bare = not scored.content or set(scored.content) <= self.words.follow_up
        if bare or any_phrase(toks, self.words.compare):
            # "ms-23 = iss 69s?", "is ISS 69S the same thing as soyuz ms-23": one mission
            # by two of its names
            twice = [m for m in mentions if m.entity == (named[0] if named else None)]
            names = {alias_key(m.text) for m in twice}
            if len(named) == 1 and len(names) > 1 and "other_names" in self.factbase.intents:
                answer = self._resolve(ask, "other_names", 1.0)
                if answer.status == "answered":
                    return replace(answer, text=f"Yes: {answer.text}")
        if bare:
            # "ms-23?", "and ms-22?", "what about him": keep the topic, or give the overview.
            if loose and not named and not (reference and ask.strict):
                return self._resolve(replace(ask, subjects=loose, strict=True), "overview", 1.0)
            if named or (reference and ask.strict) or (context.entity and context.intent):
                intent = context.intent if context.intent and not named else "overview"
                if named and context.intent:
                    intent = context.intent
                return self._resolve(ask, intent, 1.0)
            return self._out_of_scope(question, 0.0, ask.top)

        compared = (
            self._compared(ask, best) or self._which_of(ask, scored) or self._which_else(ask, best)
        )
        if compared is not None:
            return compared
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
        # "and the right?", "who's in the middle": one word of a topic, besides question
        # words, after the crew photo
        terse = [
            w for w in scored.content if w not in self.words.follow_up and w not in QUESTION_WORDS
        ]
        typed = [t for i, t in enumerate(toks) if i not in ask.covered]  # as typed, unstemmed
        if scored.specific and len(terse) == 1:
            asked = [t for t in typed if t not in QUESTION_WORDS]
            moved = self._related(context, named, [*terse, *asked])
            if moved is not None:
                return self._resolve(ask, moved, 1.0)  # "and the right?" after the crew photo
        if not scored.specific:
            # "ms-23 when?", "what's the time": no topic named, so never a guess; but a
            # terse follow-up ("where?", "what time tho") moves the conversation's topic.
            if best is None or not followed:
                return self._out_of_scope(question, best.score if best else 0.0, ask.top)
            said = context.intent
            if said and not named and self._why_of(ask, said):
                return self._resolve(ask, said, best.score)  # "why them": why what was said
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
            runner_up = scored.candidates[1].score if len(scored.candidates) > 1 else 0.0
            if (
                ask.strict
                and best.score >= limits.answer
                and best.score - runner_up >= limits.decisive_lead
                and self._held(ask, [best])
            ):
                # "how did it help prokopyev and petelin": a vague word, but the one
                # reading of it that what is named holds, far ahead of any other
                return self._resolve(ask, best.intent, best.score)
            close = list(scored.candidates[: limits.max_suggestions])
            reason = self._reason_reading(ask, self._held(ask, close)) if ask.strict else None
            if reason is not None:
                return self._resolve(ask, reason.intent, reason.score)  # "why crew dragon tho"
            recent = self._dated_events(context)
            if recent and not named and not events and self._one_date_asked(ask, recent[-1:], ()):
                # "what year was that": the date of the happening the last answer dated
                last = recent[-1]
                when = self._when_intent or best.intent
                return self._event_answer(ask, when, [last], last.answer, best.score)
            return self._clarify(ask, close, best.score)
        proper = [e for e in loose if self.factbase.entities[e].kind in LOOSE_KINDS]
        if any(self.factbase.entities[e].kind != "event" for e in (*named, *ask.background)) or (
            best and any(self.factbase.lookup(e, best.intent) for e in proper)
        ):
            # Naming a mission, person or craft is itself evidence the question is about
            # spaceflight, even as a date ("...before ms23 showed up"); so is naming NASA
            # for a topic NASA holds ("which crew members were from NASA"), but not "the
            # crew" or "a coolant leak" ("my laptop has...").
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
        cued = self._cued_facet(ask, scored.candidates[:3]) if confident else None
        if cued is not None:
            # "was moving a seat liner from soyuz to dragon a first": the move named, whether
            # it was a first asked
            answer = self._resolve(ask, cued.intent, cued.score)
            if answer.status == "answered":
                return answer
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
            if answer.fact is not None and answer.citations:
                # "when did the team decide on the liner swap": the decision is told, its
                # date is not; the liner's own date does not answer it
                return answer
        kindly = self._of_its_kind(ask, scored.candidates[:3]) if confident else None
        if kindly is not None:
            # "rubio is from roscosmos isnt he": people have agencies, not operators
            return self._resolve(ask, kindly.intent, kindly.score)
        people = self._people_asked(ask, scored.candidates[:5]) if confident else None
        if people is not None:
            # "who came back to earth on ms-23?": the people, not the landing's date
            return self._resolve(ask, people.intent, people.score)
        relating = self._relating(ask, scored.candidates[:2]) if confident else None
        if relating is not None and relating.score >= limits.clarify - discount:
            # "was ms-23 launched uncrewed like soyuz 32?": the statement that tells of both
            return self._resolve(ask, relating.intent, relating.score)
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
            c.intent not in self._kind_topics.get(kind, ())
            and self.factbase.holders(c.intent)
            and not self.factbase.intents[c.intent].facet
            for c in others
        )  # a topic the source covers for no one ("commander") is answered "not given";
        # so is a facet ("who decided to launch ms-23 empty"): anything may have one
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
        head = self.factbase.entities[ask.subjects[0]]
        declined = any(not self.factbase.holders(c.intent) for c in close)
        if head.kind in LOOSE_KINDS and head.id in ask.loose and not declined:
            # "what did energia make": of the close readings, the one Energia holds (not
            # when one is a topic no one has: "who is the head of roscosmos")
            own = [c for c in close if isinstance(self.factbase.lookup(head.id, c.intent), Fact)]
            if len(own) == 1 and own[0].score >= limits.answer - discount:
                return self._resolve(ask, own[0].intent, own[0].score)
        facets = [c for c in close if self.factbase.intents[c.intent].facet]
        if confident and topical and len(facets) == 1 and len(close) == 2:
            # "was the seat liner swap a first?": the topic named, and something asked of it.
            answer = self._resolve(ask, facets[0].intent, facets[0].score)
            if answer.status == "answered" or self.factbase.intents[facets[0].intent].computed:
                return answer
        offered = held if ask.strict and held else close
        reason = self._reason_reading(ask, offered) if confident else None
        if reason is not None:
            return self._resolve(ask, reason.intent, reason.score)
        amounts = [c for c in close if self._states_amount(c.intent)]
        counted = not scored.unexplained  # not "how many helicopters were at the landing"
        if self._asks_amount(ask) and amounts and len(amounts) < len(close) and counted:
            # "how many days he was in space until he come back": an amount, not a date
            answer = self._resolve(ask, amounts[0].intent, amounts[0].score)
            if answer.status == "answered":
                return answer
        beside = self._beside_clause(ask, events, close)
        if beside is not None:
            # "was ms-23 crewed when it landed": whether it was crewed, at its landing
            answer = self._resolve(ask, beside, best.score)
            if answer.status == "answered":
                return answer
        if self._one_date_asked(ask, events, close):
            # "what year did ms-23 get to the station": one happening named, and its date
            # asked (or given, to be checked), whichever topic's words are close.
            answer = self._resolve(ask, self._when_intent, best.score)  # type: ignore[arg-type]
            if answer.status == "answered":
                return answer
        return self._clarify(ask, offered, best.score)

    def _worded_day(self, ask: Question, scored: Scored) -> Answer | None:
        """ "what got moved on march 2", "who landed on 27 sep 2023": with no entity named, a
        happening word and the one day it happened on name the happening, in a question
        whose every word the topics know ("my package arrived on feb 26" is not one). A
        "who" gets the people its mission carried."""
        if ask.named or ask.loose or scored.unexplained or self._on_date_intent is None:
            return None
        opening = question_word(ask.tokens)
        if opening is None:
            return None
        days = [d for d in ask.dates if d.day]
        if len(days) != 1:
            return None
        on_day = self._events_on(days[0])
        worded = [e for e in self.events.named_by_words(ask.tokens) if e in on_day]
        if not worded:
            return None
        if opening in ("who", "whom") and "crew" in self.factbase.intents:
            for event in worded:
                people = any(self.factbase.entities[e].kind in PEOPLE_KINDS for e in event.entities)
                mission = event.entities[0]
                crew = self.factbase.lookup(mission, "crew")
                if people and mission in self.factbase.missions and isinstance(crew, Fact):
                    return self._resolve(replace(ask, subjects=[mission], strict=True), "crew", 1.0)
        return self._on_date(ask, self._on_date_intent, 1.0, days)

    def _against_day(self, ask: Question, events: Sequence[Event]) -> Answer | None:
        """ "did ms-23 dock before or after march 2": the one happening named, against the
        day given, whichever topic its words are closest to; "in 2022 or 2023?": its date."""
        if len(events) == 1 and len(ask.dates) >= 2 and "or" in ask.tokens and self._when_intent:
            # "ms-22 went up in 2022 or 2023?": the date of the one happening named, told
            # by its own statement where that is a date
            fact = self.factbase.facts.get(events[0].fact or "")
            dated = fact is not None and fact.value is not None
            dated = dated and fact.value.kind in ("date", "datetime")  # type: ignore[union-attr]
            intent = events[0].topic if dated else self._when_intent
            answer = self._resolve(ask, intent, 1.0)
            return answer if answer.status == "answered" else None
        days = [d for d in ask.dates if d.month and d.day]
        years = [d.year for d in ask.dates if d.year and not d.month]
        if len(events) != 1 or self._order_intent is None:
            return None
        if not set(ask.tokens) & self.words.time_clauses:
            return None
        if not days and len(years) == 1 and len(ask.dates) == 1:
            # "did the leak happen before 2023": the happening's year against the one given
            event, year = events[0], years[0]
            gap = event.date.year - year
            if gap == 0:
                return None  # "before or after christmas 2022": the year alone cannot tell
            text = f"{'Before' if gap < 0 else 'After'} {year}: {event.answer}"
            return self._event_answer(ask, self._order_intent, [event], text, 1.0)
        if len(days) != 1:
            return None
        answer = self._resolve(ask, self._order_intent, 1.0)
        return answer if answer.status == "answered" else None

    def _verdict(self, ask: Question, answer: Answer) -> Answer:
        """A yes-or-no question or a claim answered with "Yes:" or "No:" before the fact,
        where the fact base settles it: the day claimed against the day of the answer
        ("did ms-23 land on 28 march"), or the mission named against the person's own
        ("did petelin land in ms-23"). Otherwise the fact alone, as before."""
        if answer.status != "answered" or answer.text.startswith(("Yes", "No")):
            return answer
        if self.factbase.intents[answer.intent or ""].computed == "on_date":
            return answer  # "anything on 18 jan 2023?" lists what happened
        toks = ask.tokens
        tagged = self._tagged(ask.question, toks)
        yes_or_no = self._asks_yes_or_no(ask)
        # "ms-23 launched on 26 feb?", "prokopyev works for nasa?": a statement asked as a
        # question is a claim too
        intoned = (
            ask.question.rstrip().endswith("?")
            and not set(toks) & QUESTION_WORDS
            and not self._request_opening(toks)  # "can you tell me the rocket...?" asks what
        )
        if not (ask.claim or tagged or yes_or_no or intoned):
            return answer
        if not yes_or_no and set(toks) & QUESTION_WORDS:
            return answer  # "...he says RKTs Progress built it. who actually did?"
        if ask.asked_span is not None:
            return answer  # a long message's story ("we went camping in September...")
        if any(t == "or" and not self._in_tag(toks, i) for i, t in enumerate(toks)):
            return answer  # "did he come back on ms-23 or on a dragon?": no yes-or-no
        ordered = bool(set(toks) & self.words.time_clauses)
        if ordered and (answer.value is None or answer.value.kind in ("date", "datetime")):
            return answer  # "did it land after 28 march": an order, answered as one
        said = None if ordered else self._verdict_on_day(ask, answer)
        if said and (ask.unread or self._claimed_places(ask, answer)):
            said = None  # "launched from vostochny on 24 feb?": the day alone is no Yes
        if said is None:
            said = self._verdict_on_identity(ask)
        if said is None:
            said = self._verdict_on_mission(ask, answer)
        if said is None:
            said = self._verdict_on_owner(ask, answer)
        if said is None:
            said = self._verdict_on_value(ask, answer)
            if said is not None and any(d.month for d in ask.dates):
                # "ms-23 launched from baikonur on 24 feb 2023, correct?": the place and
                # the day of the happening named; a day that cannot be checked leaves it open
                day = self._verdict_on_happening(ask)
                said = None if day is None else said and day
                if day is not None and self._when_intent is not None:
                    # ...and the answer gives that day too
                    event = self.factbase.events[ask.happenings[0]]
                    dated = self._event_answer(
                        ask, self._when_intent, [event], event.answer, answer.confidence
                    )
                    if event.answer not in answer.text:
                        answer = _joined([answer, dated])
        if said is None and ask.happenings and answer.value is None:
            # "the ms-22 leak was in november 2022, right?": the story of the leak has no
            # date of its own to check; the leak's day does
            event = self.factbase.events[ask.happenings[0]]
            named = [n for n in ask.named if n in self.factbase.missions]
            if answer.intent == event.topic and answer.mission == event.mission:
                # "did ms-23 have a coolant leak in december": not MS-23's, in any month
                theirs = all(n in event.entities for n in named)
                said = self._verdict_on_happening(ask) if theirs else False
        if said is None and ask.unread and answer.value and answer.value.kind == "people":
            # "ms-23 flew to mir right?": the people on board say nothing of Mir
            unread = " ".join(ask.unread)
            text = f'My sources don\'t give that ("{unread}"). What they say: {answer.text}'
            return replace(answer, status="unknown", text=text)
        if said is None:
            return answer
        return self._verdict_said(answer, said)

    def _verdict_on_identity(self, ask: Question) -> bool | None:
        """Whether the person the claim names is the one it says they are: "petelin was
        the american astronaut" (that is Rubio: No), "rubio is the nasa guy" (Yes)."""
        kinds = self.factbase.entities
        people = [m for m in ask.mentions if m.entity and kinds[m.entity].kind == "person"]
        if len(people) != 2:
            return None
        between = ask.tokens[people[0].end : people[1].start]
        if len(between) != 1 or between[0] not in _COPULAS:
            return None
        return people[0].entity == people[1].entity

    @staticmethod
    def _verdict_said(answer: Answer, said: bool) -> Answer:
        return replace(answer, text=f"{'Yes' if said else 'No'}: {answer.text}")

    def _in_tag(self, toks: tuple[str, ...], i: int) -> bool:
        """Whether the word at i is part of a phrase asking if a claim is true: the "or"
        of "true or false" and "yes or no" offers no either-or."""
        for phrase in self._or_tags:
            for at in range(max(0, i - len(phrase) + 1), i + 1):
                if toks[at : at + len(phrase)] == phrase:
                    return True
        return False

    def _verdict_on_day(self, ask: Question, answer: Answer) -> bool | None:
        """Whether the one day or month the question gives is the answer's date."""
        claimed, value = _one_date(ask), answer.value
        if claimed is None or value is None or value.kind not in ("date", "datetime"):
            return None
        event = self.factbase.events.get(answer.dated[0]) if len(answer.dated) == 1 else None
        day = as_date(str(value.value))
        return claimed.matches(day, event.until if event and event.date == day else None)

    def _claimed_places(self, ask: Question, answer: Answer | None = None) -> list[str]:
        """The words a claim gives as a place ("from vostochny", "in russia"), less those
        the answer names."""
        plain = self.matcher.stopwords | self._date_words | self.factbase.time_words
        told = set(tokenize(answer.text)) if answer is not None else set()
        return [
            b
            for a, b in itertools.pairwise(ask.tokens)
            if a in _AT
            and b.isalpha()
            and b not in plain
            and b not in told
            and not find_dates((b,))
        ]

    def _verdict_on_owner(self, ask: Question, answer: Answer) -> bool | None:
        """No, when the one mission named did not have the one happening named and the
        answer is that happening's statement: "did ms-23 have the leak" (MS-22 had it).
        Never Yes: "did ms-23 launch on time" claims more than that it launched."""
        if len(ask.happenings) != 1 or ask.dates or ask.unread:
            # "the leak on ms-22 was in january, wasn't it", "ms-23 docked with tiangong
            # right?": something more is claimed than who had it
            return None
        event = self.factbase.events[ask.happenings[0]]
        missions = [n for n in ask.named if n in self.factbase.missions]
        if len(missions) != 1 or answer.intent != event.topic or answer.mission != event.mission:
            return None
        return False if missions[0] not in event.entities else None

    def _verdict_on_happening(self, ask: Question) -> bool | None:
        """Whether the one day or month the question gives is that of the one happening
        it names."""
        claimed = _one_month(ask)
        if claimed is None or len(ask.happenings) != 1:
            return None
        event = self.factbase.events[ask.happenings[0]]
        return claimed.matches(event.date, event.until)

    def _verdict_on_value(self, ask: Question, answer: Answer) -> bool | None:
        """Whether the value claimed is the answer's: an identifier of the same shape
        ("is 2023-024A the cospar id of ms-23?"), a count of people ("dragon only fits 4
        people right?"), or a name the fact gives or another of its kind ("was ms-23
        operated by nasa?": Roscosmos)."""
        value = answer.value
        if value is None:
            return None
        toks = ask.tokens
        if ask.claimed_names and value.kind in ("mission", "text"):
            return False  # "ms-21 came right before ms-23 right?": No, MS-22 did
        if value.kind == "id":
            claimed = _shape(str(value.value)).findall(ask.question.lower())
            if len(claimed) != 1:
                return None
            return tokenize(claimed[0]) == tokenize(str(value.value))
        if value.kind == "mission":
            # "ms-24 was the mission before ms-23?": No, MS-22 was
            claimed = [
                m.entity
                for m in ask.mentions
                if m.entity in self.factbase.missions and m.entity != answer.mission
            ]
            return value.value in claimed if claimed else None
        if value.kind == "place":
            # "did they land in russia?": No, in Kazakhstan; "from baikonur?": Yes
            places = set(tokenize(str(value.value)))
            if places & set(toks):
                return True
            return False if self._claimed_places(ask) else None
        if value.kind == "number" and value.unit == "days":
            return self._verdict_on_length(ask, int(value.value))
        if value.kind == "number":
            # "dragon only fits 4 people right?", "was the inclination 51.66 degrees?"
            covered = {i for m in ask.mentions for i in range(m.start, m.end)}
            counts = [t for i, t in enumerate(toks) if _NUMBER.fullmatch(t) and i not in covered]
            return float(counts[0]) == float(value.value) if len(counts) == 1 else None
        if value.kind != "text":
            return None
        if has_phrase(toks, tokenize(str(value.value))):
            return True
        kinds = self.factbase.entities
        said = self.entities.resolve(str(value.value))
        if said is None:
            return None
        rivals = {m.entity for m in ask.mentions if m.entity and m.entity != said}
        return False if any(kinds[e].kind == kinds[said].kind for e in rivals) else None

    def _verdict_on_length(self, ask: Question, days: int) -> bool | None:
        """Whether the one length of time the claim gives fits the days the answer
        counts: "more than a year" (over 365), "about 7 months" (within a tenth), "215
        days" (exactly; a length in weeks, months or years to the nearest one)."""
        toks = ask.tokens
        claimed = []
        for i, token in enumerate(toks):
            unit = _DAYS_IN.get(token.removesuffix("s"))
            if unit is None or i == 0:
                continue
            before = toks[i - 1]
            count = float(before) if before.isdigit() else _COUNTS.get(before)
            if count is None:
                continue
            start = i - 1
            if toks[start - 1 : start] == ("half",):  # "half a year"
                count, start = count / 2, start - 1
            bound = next(
                (
                    sign
                    for phrase, sign in self.words.bounds.items()
                    if toks[max(0, start - len(phrase)) : start] == phrase
                ),
                None,
            )
            claimed.append((count * unit, unit, bound))
        if len(claimed) != 1:
            return None
        length, unit, bound = claimed[0]
        if bound == 1:
            return days > length
        if bound == -1:
            return days < length
        if bound == 0:
            return abs(days - length) <= length / 10
        return days == length if unit == 1 else round(days / unit) == round(length / unit)

    def _verdict_on_mission(self, ask: Question, answer: Answer) -> bool | None:
        """Whether the person named did what the answer tells on the mission named."""
        people, missions = self._named_people(ask), self._named_craft(ask)
        if len(people) != 1 or len(missions) != 1:
            return None
        topics = {answer.intent}
        facet = self.factbase.intents[answer.intent or ""].facet  # "who decided...": not who
        if not facet and answer.intent not in {e.topic for e in self.factbase.events_of(people[0])}:
            # "was petelin on board for the ms-23 landing?" answered with the crew: the
            # happening the question names
            topics = {self.factbase.events[h].topic for h in ask.happenings}
        own = [e for e in self.factbase.events_of(people[0]) if e.topic in topics]
        if not own:
            return None
        return any(missions[0] in e.entities for e in own)

    def _states_amount(self, intent: str) -> bool:
        """Whether a topic answers "how much / how many": one marked `amount`, a count,
        or the days between two events."""
        topic = self.factbase.intents[intent]
        return topic.amount or topic.computed in ("count", "days_between")

    def _one_date_asked(
        self, ask: Question, events: Sequence[Event], close: Sequence[Candidate]
    ) -> bool:
        """Whether the question asks the date of the one happening it names: "when" or
        "what year" is asked, or a date is given to check ("went up on feb 25 right?")
        by a question that asks no place, person or thing ("where did it land on 28
        March"); no facet is close ("on what date did the team decide..."), and no
        group named has its own such happening ("when did the crew of ms-22 land")."""
        if len(events) != 1 or self._when_intent is None:
            return False
        if not (ask.strict or ask.loose):
            return False  # "when should the flight land": nothing of the document named
        if any(self.factbase.intents[c.intent].facet for c in close):
            return False
        event = events[0]
        for group in ask.loose:
            if any(e.topic == event.topic and e != event for e in self.factbase.events_of(group)):
                return False
        date_words = self._date_words | self.words.date_parts
        spelling = self.factbase.spellings
        # chat spellings ("wen"), but not month names: a month gives a date, not asks one
        toks = [t if t in MONTH_WORDS else spelling.get(t, t) for t in ask.tokens]
        date_at = other_at = None
        yes_or_no = self._asks_yes_or_no(ask)
        for i, token in enumerate(toks):
            follows = toks[i + 1] if i + 1 < len(toks) else ""
            if token == "when" and yes_or_no and follows:
                continue  # "was ms-23 crewed when it landed": a clause, no date asked
            if token in date_words or (token in _WHAT and follows in date_words):
                date_at = i if date_at is None else date_at  # "when", "what year"
            elif token in self.words.other_asks and other_at is None:
                other_at = i  # "where", "who" (before a date's "when it came back")
        if date_at is not None:
            return other_at is None or date_at < other_at
        return bool(ask.dates) and other_at is None

    def _beside_clause(
        self, ask: Question, events: Sequence[Event], close: Sequence[Candidate]
    ) -> str | None:
        """What a yes-or-no question asks beside a "when" clause that names one happening:
        not the happening's own topic but the close reading next to it, read as it is
        after that topic ("was anybody in it when it came back": on board for the return,
        not at launch)."""
        toks = ask.tokens
        if len(events) != 1 or not self._asks_yes_or_no(ask) or "when" not in toks[1:-1]:
            return None
        clause = self.factbase.intents.get(events[0].topic)
        if clause is None or clause.id not in {c.intent for c in close}:
            return None
        rest = [
            c.intent
            for c in close
            if c.intent != clause.id and not self.factbase.intents[c.intent].computed
        ]
        return clause.follow.get(rest[0], rest[0]) if rest else None

    def _reason_reading(self, ask: Question, close: Sequence[Candidate]) -> Candidate | None:
        """Of close readings of a "why", the first when it gives a reason, else the only
        one that does: "why did they send ms-23 up empty??"."""
        if not close or not self._asks_why(ask):
            return None
        reasons = [c for c in close if self._gives_reason(ask, c.intent)]
        if reasons and (reasons[0] is close[0] or len(reasons) == 1):
            return reasons[0]
        return None

    def _why_of(self, ask: Question, intent: str) -> bool:
        """Whether a bare "why" asks the reason `intent`'s statement gives."""
        return ask.strict and self._asks_why(ask) and self._gives_reason(ask, intent)

    def _gives_reason(self, ask: Question, intent: str) -> bool:
        """Whether the question's subjects hold a reason under `intent`: a topic of
        reasons, one whose `why` points to a held topic, or a statement that says why."""
        topic = self.factbase.intents[intent]
        if topic.computed:
            return False
        entries = [e for s in ask.subjects if (e := self.factbase.lookup(s, intent))]
        if topic.reasons:
            return bool(entries)
        if any(self.factbase.lookup(s, t) for t in topic.why for s in ask.subjects):
            return True
        return any(isinstance(e, Fact) and _REASON.search(e.answer) for e in entries[:1])

    def _asks_day(self, ask: Question, scored: Scored, events: Sequence[Event]) -> Candidate | None:
        """The what-happened-on-a-date reading, when the question gives a day and names no
        happening, and that reading leads or is close behind: "What is happen on 14
        December with the Soyuz?" asks for the day's events, not a precedent."""
        if events or self._on_date_intent is None or not ask.dates:
            return None
        said = phrases_in(ask.tokens, self.words.happening)
        if said and not ask.named and not self.words.mine.intersection(ask.tokens):
            # "what went down on jan 17 w/ the iss soyuz thing": what happened then, unless
            # the other words are about something else ("...in new york")
            own = {self.matcher.stem(w) for p in said for w in p} | _ORDINAL_SUFFIXES
            if scored.anchored or not set(scored.unexplained) - own:
                return Candidate(self._on_date_intent, 1.0, 1.0, 1.0)
        if not any(d.day for d in ask.dates):
            return None
        best = scored.best
        dates = (self._on_date_intent, self._when_intent)
        found = next((c for c in scored.candidates[:4] if c.intent in dates), None)
        if best is None or found is None or best.score - found.score > _DAY_MARGIN:
            return None
        if found is not best and not (scored.anchored or ask.strict):
            return None
        if found.score < self.thresholds.clarify:
            return None
        return replace(found, intent=self._on_date_intent)

    def _reading(self, ask: Question, candidates: Sequence[Candidate]) -> str:
        """The best intent, or for a person, craft or organisation that lacks it, the one
        close behind that it holds: "which agency does Rubio belong to" is not about an
        operator. A mission keeps its best reading, so that a topic it lacks is refused."""
        best = candidates[0]
        subject = ask.subjects[0]
        if not ask.strict or self.factbase.entities[subject].kind == "mission":
            return best.intent
        about = self.factbase.intents[best.intent].about
        kind = self.factbase.entities[subject].kind
        if not self.factbase.holders(best.intent) and (not about or kind in about):
            return best.intent  # a topic the source never covers ("his job title") is refused
        if self._held(ask, candidates[:1]):
            return best.intent
        near = [c for c in candidates[1:4] if best.score - c.score <= _HELD_MARGIN]
        held = self._held(ask, near)
        return held[0].intent if len(held) == 1 else best.intent

    def _two_topics(
        self, ask: Question, candidates: Sequence[Candidate], level: float
    ) -> Answer | None:
        """ "How long did MS-22 fly, and MS-23?": one topic for each of two missions."""
        if not _JOINED.search(ask.question.casefold()):
            return None
        return self._each_named(ask, candidates[0] if candidates else None, level)

    def _clauses(self, ask: Question, level: float) -> Answer | None:
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
            date_only = len(right) <= _MAX_DATE_WORDS and set(right) <= self._date_asks
            if date_only and set(right) & (self.factbase.date_words | {"when"}):
                dated = self._and_its_date(ask, left, range(span.start, joint), level)
                if dated is not None:
                    return dated  # "ms23 landing site + date", "launch site and date of ms-23"
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
            compared = joint < len(toks) and toks[joint] in _COMPARISONS
            if len(chosen) < 2 or (chosen[0].intent == chosen[1].intent and not compared):
                continue
            first, second = (
                self._resolve(self._half(ask, half), c.intent, c.score)
                for c, (_, half) in zip(chosen, halves, strict=True)
            )
            if first.status != "answered" or second.status != "answered":
                continue
            if first.entity != second.entity and not compared:
                continue  # "which astronauts and cosmonauts...": one question about one crew
            if first.fact == second.fact:
                return first
            return _joined([first, second])
        return None

    def _and_its_date(
        self, ask: Question, left: list[str], part: range, level: float
    ) -> Answer | None:
        """ "ms23 landing site + date": the first half's topic, and the date of the
        happening the question names."""
        if self._when_intent is None:
            return None
        reading = self._followed(ask, self._score(tuple(left)), self._happenings(ask, part))
        best = reading.best
        if best is None or not reading.specific or best.score < level:
            return None
        if self.factbase.intents[best.intent].computed or not self._held(ask, [best]):
            return None
        half = self._half(ask, part)
        first = self._resolve(half, best.intent, best.score)
        # "ms-23 where from and when": the date the topic's own "when" moves to (its
        # launch), where the half names no happening to date
        dating = self.factbase.intents[best.intent].related.get("when", self._when_intent)
        second = self._resolve(half, dating, best.score)
        if first.status != "answered" or second.status != "answered":
            return None
        if second.text in first.text:
            return first
        return _joined([first, second])

    def _half(self, ask: Question, part: range) -> Question:
        """The question as one half of it asks: about what that half names, if anything
        ("rubio total days in orbit vs ms-23 flight days?")."""
        inside = [m.entity for m in ask.mentions if m.entity in ask.named and m.start in part]
        subjects = ask.subjects
        if inside:
            first = sorted(dict.fromkeys(inside), key=self._kind_rank)
            subjects = [*first, *(s for s in ask.subjects if s not in first)]
        return replace(ask, part=part, subjects=subjects)

    def _compared(self, ask: Question, best: Candidate | None) -> Answer | None:
        """ "was rubio's time in space the same as the ms-23 flight length?": the amount
        of each of two entities in view, and (for "the same") whether they are equal."""
        toks = ask.tokens
        if best is None or not self.factbase.intents[best.intent].amount:
            return None
        if not any_phrase(toks, self.words.compare):
            return None
        # a generic name counts here: "how long was ms-22 in space compared to its crew"
        before = ask.context.entity or ask.context.mission
        shown = list(dict.fromkeys((*ask.named, *ask.loose, before)))
        entries = [
            (e, entry)
            for e in shown
            if e and isinstance(entry := self.factbase.lookup(e, best.intent), Fact)
        ]
        if len(entries) < 2:
            return None
        if entries[0][1] is entries[1][1]:
            # "was rubio in space longer than prokopyev": one statement tells of both
            first, fact = entries[0]
            answer = self._from_entry(ask, fact, best.intent, first, best.score)
            text = f"The same for both: {answer.text}"
            return replace(answer, text=text, others=(entries[1][0],))
        (_, a), (second, b) = entries[:2]
        answers = [
            self._from_entry(ask, entry, best.intent, e, best.score) for e, entry in entries[:2]
        ]
        text = " ".join(x.text for x in answers)
        values = [x.value.value if x.value else None for x in (a, b)]
        if has_phrase(toks, ("same",)) and None not in values:
            text = f"{'Yes' if values[0] == values[1] else 'No'}: {text}"
        return replace(_joined(answers, text), others=(second,))

    def _either_of_kinds(self, ask: Question) -> Answer | None:
        """ "is endurance a soyuz or a dragon", "was ms-23 russian or american": of two
        words a yes-or-no question offers of what it names, the one its name or overview
        uses, when only one is; the overview answers, when no topic read the question
        ("was ms-23 crewed or uncrewed" is its crewed launch). A happening named asks of
        it."""
        toks = ask.tokens
        if not ask.strict or "overview" not in self.factbase.intents:
            return None
        if not self._opens_with_auxiliary(toks) or self.events.named_by_words(toks):
            return None  # "which came first, the leak or the move": an order
        subject = ask.subjects[0]
        overview = self.factbase.lookup(subject, "overview")
        if not isinstance(overview, Fact):
            return None
        entity = self.factbase.entities[subject]
        plain = self.matcher.stopwords | self.words.time_clauses  # "forever or until"
        for i, token in enumerate(toks):
            if token != "or" or not 0 < i < len(toks) - 1 or self._in_tag(toks, i):
                continue
            after = i + 1 + (toks[i + 1] in ("a", "an", "the") and i + 2 < len(toks))
            offered = (toks[i - 1], toks[after])
            if not all(w.isalpha() and w not in plain for w in offered):
                return None
            stems = [self.matcher.stem(w) for w in offered]
            for text in (" ".join((entity.name, *entity.aliases)), overview.answer):
                told = set(self._stems(text))
                used = [s for s in stems if s in told]
                if len(used) == 1:
                    return self._from_entry(ask, overview, "overview", subject, 1.0)
                if used:
                    break
            return None
        return None

    def _identified(self, ask: Question) -> Answer | None:
        """The fact whose identifier or numbered place is all the question gives: "what
        is 31/6" is MS-23's launch pad."""
        toks = ask.tokens
        found = (
            (at, words, fact)
            for at in range(len(toks))
            for n in self._identifier_lengths
            if (fact := self._by_identifier.get(words := toks[at : at + n])) is not None
        )
        for at, words, fact in found:
            if ask.strict and ask.subjects[0] not in fact.subjects:
                continue  # "is it 2023-024A?" of MS-22: not MS-23's
            rest = toks[:at] + toks[at + len(words) :]
            if set(self.matcher.content(rest)) <= self.words.follow_up:
                return self._from_entry(ask, fact, fact.intent, fact.subjects[0], 1.0)
        return None

    def _loose_follow_up(self, ask: Question) -> Answer | None:
        """ "and the crew?": a follow-up naming only a loose name ("the crew") keeps the
        topic for what it names, when that holds the topic."""
        intent = ask.context.intent
        if intent is None or ask.named or len(ask.loose) != 1:
            return None
        group = ask.loose[0]
        spans = [range(m.start, m.end) for m in ask.mentions if m.entity == group]
        at = {i for span in spans for i in span}
        # the first question only ("and the crew? they were up longer right"), without a
        # clause that says which of them ("and the crew that rode it down?")
        head = len(tokenize(ask.question.split("?", 1)[0]))
        end = spans[-1].stop if spans else head
        if end < head and ask.tokens[end] in _RELATIVE:
            head = end
        rest = [t for i, t in enumerate(ask.tokens[:head]) if i not in at]
        if not rest or rest[0] not in self.words.follow_up:
            return None  # "and ..." / "what about ..." opens it
        if set(self.matcher.content(rest)) - self.words.follow_up:
            return None
        if not isinstance(self.factbase.lookup(group, intent), Fact):
            return None
        return self._resolve(replace(ask, subjects=[group], strict=True), intent, 1.0)

    def _cued_facet(self, ask: Question, close: Sequence[Candidate]) -> Candidate | None:
        """Of the close readings, a facet whose cue the question says (see `Intent.cues`),
        when the best reading is no facet itself."""
        intents = self.factbase.intents
        if not close or intents[close[0].intent].facet:
            return None
        cued = (c for c in close[1:] if any_phrase(ask.tokens, intents[c.intent].cues))
        return next((c for c in cued if intents[c.intent].facet), None)

    def _people_asked(self, ask: Question, close: Sequence[Candidate]) -> Candidate | None:
        """Of close readings of a question that asks "who", the first whose statement of
        the subject lists people, when the best one's does not ("who was on board ms-23
        when it came back down": the crew, not whether it came back crewed)."""
        opening = question_word(ask.tokens)
        if opening not in ("who", "whom") or not close:
            return None

        def value_kind(candidate: Candidate) -> str | None:
            fact = self.factbase.lookup(ask.subjects[0], candidate.intent)
            value = fact.value if isinstance(fact, Fact) else None
            return value.kind if value is not None else None

        if self._rode(ask):
            # "who launched on ms-22": the people it carried, not who launched it
            return next((c for c in close if value_kind(c) == "people"), None)
        near = [c for c in close[:3] if close[0].score - c.score <= _WHO_MARGIN]
        if len(self._held(ask, near)) < len(near):
            return None  # "who commanded ms-23 for the return": a commander is not given
        return next((c for c in near if value_kind(c) == "people"), None)

    def _role_asked(self, ask: Question) -> str | None:
        """The one organisation whose part in the story the question asks ("what role did
        energia play", "how is nasa involved in ms-23"), where its statement tells it."""
        if not any_phrase(ask.tokens, self.words.role):
            return None
        kinds = self.factbase.entities
        named = {m.entity for m in ask.mentions if m.entity}
        if any(kinds[e].kind in PEOPLE_KINDS for e in named):
            return None  # "what was petelin's role on the crew": his, not given
        bodies = [e for e in named if kinds[e].kind in LOOSE_KINDS]
        if len(bodies) != 1 or "overview" not in self.factbase.intents:
            return None
        fact = self.factbase.lookup(bodies[0], "overview")
        missions = {e for e in named if kinds[e].kind == "mission"}
        if not isinstance(fact, Fact) or (missions and fact.mission not in missions):
            return None  # "how is nasa involved in ms-23": its statement is not of MS-23
        return bodies[0]

    def _rode(self, ask: Question) -> bool:
        """Whether a phrase of travelling in a craft leads up to the mission the question
        names: "who launched on ms-22", "who came home in the new soyuz"."""
        return any(
            ask.tokens[max(0, m.start - len(phrase)) : m.start] == phrase
            for m in ask.mentions
            if m.entity in self.factbase.missions
            for phrase in self.words.rode
        )

    def _of_its_kind(self, ask: Question, close: Sequence[Candidate]) -> Candidate | None:
        """A close reading that is a topic of what the question is about, when the best is
        a topic nothing of its kind has: the source gives operators of missions, and a
        person's agency."""
        if not ask.strict or len(close) < 2:
            return None
        subject = ask.subjects[0]
        topics = self._kind_topics.get(self.factbase.entities[subject].kind, set())
        best = close[0]
        if (
            best.intent in topics
            or self.factbase.intents[best.intent].computed
            or not self.factbase.holders(best.intent)  # "who was the commander": no one's
        ):
            return None
        for candidate in close[1:]:
            if best.score - candidate.score >= _KIND_MARGIN:
                break
            if not self.factbase.holders(candidate.intent):
                break  # "what did petelin say after landing": quotes, which no one has
            if candidate.intent in topics and isinstance(
                self.factbase.lookup(subject, candidate.intent), Fact
            ):
                return candidate
        return None

    def _relating(self, ask: Question, close: Sequence[Candidate]) -> Candidate | None:
        """Of the two best readings of a question about two missions, one a facet (a
        precedent, a decision), the one whose statement of the first tells of the other as
        well, when only one does."""
        missions = [e for e in ask.named if e in self.factbase.missions]
        if len(missions) < 2 or len(close) != 2 or ask.subjects[0] != missions[0]:
            return None
        if not any(self.factbase.intents[c.intent].facet for c in close):
            return None
        first, others = missions[0], set(missions[1:])

        def tells(candidate: Candidate) -> bool:
            fact = self.factbase.lookup(first, candidate.intent)
            return isinstance(fact, Fact) and bool(others & self._told_of[fact.id])

        if tells(close[0]) != tells(close[1]):
            # "how is soyuz 32 related to ms-22": of a close call, the statement that
            # tells of both
            return close[0] if tells(close[0]) else close[1]
        return None

    def _which_else(self, ask: Question, best: Candidate | None) -> Answer | None:
        """ "which spacecraft served as emergency evacuation after crew-5?": a name set in a
        time clause is not what is asked; the one statement of the topic that tells of it
        and is about something else answers."""
        if best is None or "which" not in ask.tokens or ask.named or not ask.background:
            return None
        if best.score < self.thresholds.clarify - self.thresholds.named_discount:
            return None
        behind = set(ask.background)
        others = [
            f
            for f in self.factbase.entries_for(best.intent)
            if isinstance(f, Fact)
            and f.intent == best.intent
            and not behind & set(f.subjects)
            and behind & self._told_of[f.id]
        ]
        if len(others) != 1:
            return None
        holder = others[0].subjects[0]
        one = replace(ask, subjects=[holder], named=[holder], strict=True)
        return self._resolve(one, best.intent, best.score)

    def _which_of(self, ask: Question, scored: Scored) -> Answer | None:
        """ "ms-22 vs ms-23: which one had the radiator hole": of two named, the one that
        holds a close reading's statement, when only one of them does."""
        named = self._named_craft(ask)
        if "which" not in ask.tokens or len(named) < 2:
            return None
        for candidate in scored.candidates[:3]:
            if self.factbase.intents[candidate.intent].computed:
                continue
            holders = [
                e for e in named if isinstance(self.factbase.lookup(e, candidate.intent), Fact)
            ]
            if len(holders) == 1 and candidate.score >= self.thresholds.clarify:
                one = replace(ask, subjects=holders, named=holders, strict=True)
                return self._resolve(one, candidate.intent, candidate.score)
        return None

    def _each_named(self, ask: Question, best: Candidate | None, level: float) -> Answer | None:
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
        return _joined(answers)

    def _held(self, ask: Question, candidates: Sequence[Candidate]) -> list[Candidate]:
        """The candidates that the question's subjects hold a fact or gap for, or that can
        be computed for them (a count needs a list, a date question their events)."""
        return [
            c
            for c in candidates
            if any(self.factbase.lookup(s, c.intent) for s in ask.subjects)
            or self._computable(ask, c.intent)
        ]

    def _computable(self, ask: Question, intent: str) -> bool:
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
        ask = Question(self.suggestion(mission, intent), (), (), Context(), [mission], True)
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

    def _followed(self, ask: Question, scored: Scored, events: Sequence[Event]) -> Scored:
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

    def _related(
        self, context: Context, named: Sequence[str], content: Sequence[str]
    ) -> str | None:
        """The topic a terse follow-up moves to: "where?" after a launch is the launch site."""
        if context.intent is None or named:
            return None
        topics = [context.intent]
        last = self.factbase.events.get(context.dated[-1]) if context.dated else None
        if last is not None and last.topic and last.topic != context.intent:
            topics.append(last.topic)  # the happening the last question or answer named
        for topic in topics:
            related = self.factbase.intents[topic].related
            for word in content:
                if word in related:
                    return related[word]
        return None

    def _resolve(
        self, ask: Question, intent: str, confidence: float, seen: frozenset[str] = frozenset()
    ) -> Answer:
        """Find the fact for `intent` about the entity the question is about; a "why"
        question only from a topic that gives reasons (see `Intent.why`), followed on
        from one that points on: "why was ms-22 brought back" is why it came back
        uncrewed, which is the damage."""
        topic = self.factbase.intents[intent]
        if topic.computed:
            return self._compute(ask, intent, confidence)
        # "when did ms-22 go up with the crew": whether it launched crewed has no day, its
        # launch has; "when did roscosmos announce it would launch without a crew" asks the
        # day of something else
        dated = topic.dated_by
        held = dated is not None and any(self.factbase.lookup(s, dated) for s in ask.subjects)
        if held and self._asks_when(ask) and not ask.unexplained:
            return self._resolve(ask, dated, confidence, seen | {intent})  # type: ignore[arg-type]
        if topic.reasons or not self._asks_why(ask):
            return self._resolve_fact(ask, intent, confidence)
        for target in topic.why:
            if any(self.factbase.lookup(s, target) for s in ask.subjects):
                if self.factbase.intents[target].why and target not in seen:
                    return self._resolve(ask, target, confidence, seen | {intent})
                return self._resolve_fact(ask, target, confidence)
        answer = self._resolve_fact(ask, intent, confidence)
        if answer.status != "answered" or _REASON.search(answer.text):
            return answer  # "...carried dry cargo because it launched uncrewed"
        # "why was the crewed flight delayed": the source says it was, not why.
        text = f"My sources don't say why. What they say: {answer.text}"
        return replace(answer, status="unknown", text=text, dated=())

    def _resolve_fact(self, ask: Question, intent: str, confidence: float) -> Answer:
        answer = self._resolve_topic(ask, intent, confidence)
        dated = self._on_the_day(ask, intent)
        if dated is None or dated.id in answer.dated:
            return answer
        # "which soyuz came back on 28 march 2023": the homecoming of that day
        entry = self.factbase.facts.get(dated.fact or "")
        if entry is not None:
            return self._from_entry(ask, entry, intent, entry.subjects[0], confidence)
        return self._event_answer(ask, intent, [dated], dated.answer, confidence)

    def _counterparts(self, ask: Question, events: Sequence[Event]) -> list[Event]:
        """The like happening of the others a question names beside the one happening it
        tells: "rubio's seat liner went into ms-23 before the cosmonauts' ones" sets his
        move against theirs, into the same craft."""
        if len(events) != 1 or events[0].topic is None:
            return []
        (event,) = events
        kinds = self.factbase.entities
        others = [
            e
            for e in dict.fromkeys((*ask.named, *ask.loose))
            if kinds[e].kind in PEOPLE_KINDS and e not in event.entities
        ]
        like = {
            e.id: e
            for other in others
            for e in self.factbase.events_of(other)
            if e.topic == event.topic and e.mission == event.mission and e.id != event.id
        }
        return list(like.values()) if len(like) == 1 else []

    def _twin_event(self, ask: Question, intent: str) -> Event | None:
        """The named person's own happening like the one the last answer told, when they
        had several of the topic: the one on the same mission."""
        last = self._dated_events(ask.context)[-1:]
        people = self._named_people(ask)
        if not last or last[0].topic != intent or len(people) != 1 or people[0] in last[0].entities:
            return None
        own = [e for e in self.factbase.events_of(people[0]) if e.topic == intent]
        same = [e for e in own if e.mission == last[0].mission]
        return same[0] if len(own) > 1 and len(same) == 1 else None

    def _on_the_day(self, ask: Question, intent: str) -> Event | None:
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
        people = self._named_people(ask)
        if any(p not in event.entities for p in people):
            return None  # "rubio's seat liner was moved to ms-23 on march 2?": theirs was
        return event

    def _resolve_topic(self, ask: Question, intent: str, confidence: float) -> Answer:
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
        if (
            intent == "overview"
            and named_event is not None
            and named_event.topic is not None
            and self.factbase.lookup(named_event.id, intent) is None
        ):
            # "tell me about the leak": a happening's own story is its topic's statement
            entry = self.factbase.lookup(named_event.id, named_event.topic)
            if isinstance(entry, Fact):
                return self._from_entry(ask, entry, named_event.topic, named_event.id, confidence)
        twin = self._twin_event(ask, intent)
        if twin is not None:
            # "...moved to ms-23 on 2 March" then "and rubio's?": his move to MS-23
            entry = self.factbase.lookup(twin.id, intent)
            if entry is None:
                answer = self._event_answer(ask, "when", [twin], twin.answer, confidence)
                return replace(answer, intent=intent)
            return replace(
                self._from_entry(ask, entry, intent, twin.id, confidence), dated=(twin.id,)
            )
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
        # "is ms-22 the one before ms-23": a name set in a time clause holds the topic when
        # what the question is about does not
        head = self.factbase.entities[ask.subjects[0]]
        behind = [e for e in ask.background if self.factbase.entities[e].kind == "mission"]
        if head.kind in PEOPLE_KINDS:
            behind = []  # "had petelin been to space before ms-22": not MS-22's precedent
        for subject in (*ask.subjects, *behind):
            entry = self.factbase.lookup(subject, intent)
            if (
                isinstance(entry, Fact)
                and head.kind in _VEHICLE_KINDS
                and head.id in ask.named
                and head.id not in entry.subjects
            ):
                # "serial number of the soyuz 2.1a rocket used for ms-23": the rocket's,
                # not the one of MS-23's spacecraft
                continue
            if (
                isinstance(entry, Fact)
                and all(m.entity != subject for m in ask.mentions)
                and entry.value is not None
                and entry.value.value in ask.background
            ):
                # "what came after ms-24": MS-23's next mission is MS-24, which says
                # nothing of what came after MS-24
                return self._no_fact(ask, entry.value.value, intent, confidence)
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
            # first in the fact files answers, and its answer names it. An organisation
            # named must be one it tells of: "did spacex help" is, "what role did energia
            # play" is not Crew-5's plan.
            owner = next(iter(self.factbase.missions_with(intent)), None)
            entry = self.factbase.lookup(owner, intent) if owner is not None else None
            if entry is not None and not all(self._tells_of(entry, e) for e in ask.loose):
                owner = None
            if owner is not None:
                entry = self.factbase.lookup(owner, intent)
                assert entry is not None
                return self._from_entry(ask, entry, intent, owner, confidence)
            entries = self.factbase.entries_for(intent)
            if ask.anchored and len(entries) == 1 and isinstance(entries[0], Fact):
                # "which iss team made the seat decision": one statement answers it.
                fact = entries[0]
                return self._from_entry(ask, fact, intent, fact.subjects[0], confidence)
        own = self._craft_facts.get((ask.subjects[0], intent), []) if ask.reference else []
        if len(own) == 1:
            # "why could it take extra people" after Crew-5's plan: "it" is also its Dragon
            [(fact, craft)] = own
            return self._from_entry(ask, fact, intent, craft, confidence)
        elsewhere = self._happened_elsewhere(ask, intent, confidence) or self._their_ship(
            ask, intent, confidence
        )
        if elsewhere is not None:
            return elsewhere
        return self._no_fact(ask, ask.subjects[0], intent, confidence)

    def _their_ship(self, ask: Question, intent: str, confidence: float) -> Answer | None:
        """The statement of the one craft of theirs a happening named picks, where a
        question about a person or crew names a craft of theirs: "when did rubio's soyuz
        start leaking" is MS-22's leak, a topic he himself does not hold. Without a
        happening, "rubio's soyuz" may be either of the two he flew."""
        person = ask.subjects[0]
        if self.factbase.entities[person].kind not in PEOPLE_KINDS or person not in ask.named:
            return None
        if not self.words.craft & set(ask.tokens):
            return None
        theirs = self.factbase.missions_of(person)
        # the happening that picks the craft: its leak, or the flight up or home
        crafts = {e.mission for e in self.events.named_by_words(ask.tokens) if e.mission in theirs}
        held = [(m, f) for m in crafts if isinstance(f := self.factbase.lookup(m, intent), Fact)]
        if len(held) != 1:
            return None
        [(craft, entry)] = held
        return self._from_entry(ask, entry, intent, craft, confidence)

    def _tells_of(self, entry: Fact | Gap, entity: str) -> bool:
        """Whether a statement or the source it quotes names the entity, or the entity's
        own statements come from the same part of the source (the team that decided the
        liner move, in the story of the lifeboat plan)."""
        if not isinstance(entry, Fact):
            return False
        told = " ".join((entry.answer, *(c.quote for c in entry.citations)))
        named = {m.entity for m in self.entities.mentions(tokenize(told))}
        if entity in named:
            return True
        sections = {c.section for c in entry.citations}
        if any(c.section in sections for f in self._own_facts(entity) for c in f.citations):
            return True
        # "what role did nasa play": the plan moved its astronaut's seat liner
        people = (e for e in named if e and self.factbase.entities[e].kind in PEOPLE_KINDS)
        return any(
            f.value is not None and self.entities.resolve(str(f.value.value)) == entity
            for person in people
            for f in self._own_facts(person)
        )

    def _own_facts(self, entity: str) -> list[Fact]:
        entries = (self.factbase.lookup(entity, t) for t in self.factbase.topics(entity))
        return [f for f in entries if isinstance(f, Fact)]

    def _happened_elsewhere(self, ask: Question, intent: str, confidence: float) -> Answer | None:
        """ "was there a leak on ms-23?": a yes-or-no question or claim of a mission about
        a happening the source tells of one other mission only is answered with that
        mission's statement, saying whose it is; the source does not say it of the one
        named."""
        named = ask.subjects[0]
        if named not in self.factbase.missions or named not in ask.named:
            return None
        if not (ask.claim or self._asks_yes_or_no(ask)):
            return None
        holders = self._happened_to.get(intent, set())
        if len(holders) != 1 or None in holders or named in holders:
            return None
        if not any(e.topic == intent for e in self.events.named_by_words(ask.tokens)):
            return None  # the happening itself is named: "leaked", "a leak"
        (holder,) = holders
        entry = self.factbase.lookup(holder, intent)  # type: ignore[arg-type]
        if not isinstance(entry, Fact):
            return None
        answer = self._from_entry(ask, entry, intent, holder, confidence)  # type: ignore[arg-type]
        shown, other = self.mission_name(named), self.mission_name(holder)  # type: ignore[arg-type]
        text = f"My sources tell that of {other}, not of {shown}: {answer.text}"
        return replace(answer, text=text)

    def _from_entry(
        self, ask: Question, entry: Fact | Gap, intent: str, subject: str, confidence: float
    ) -> Answer:
        entity = self.factbase.entities[subject]
        mission = subject if entity.kind == "mission" else entry.mission
        if entity.kind in PEOPLE_KINDS:
            # "who was the nasa astronaut on ms-22": about MS-22, which Rubio flew on
            flown = {e.mission for e in self.factbase.events_of(subject)}
            mission = next((m for m in ask.named if m in flown), mission)
            if mission is None and ask.context.mission in flown and not ask.named:
                mission = ask.context.mission  # "and who did he work for?" after MS-23's crew
        if isinstance(entry, Fact):
            topic = self.factbase.intents[intent]
            missing = None
            spans = entry.id in self._spanning and has_phrase(ask.tokens, ("how", "long"))
            if not (topic.amount or topic.computed or spans) and self._asks_amount(ask):
                # "how much coolant leaked": the damage fact tells of the leak, not how much;
                # "how long did the install take" is told by a happening's first and last day.
                missing = "that amount"
            elif not topic.computed and self._asks_when(ask) and not _DATED.search(entry.answer):
                # "when was the crewed ms-23 supposed to launch": it was delayed, not when.
                missing = "a date for that"
            elif (
                not topic.computed
                and intent not in self._event_topics
                and has_phrase(ask.tokens, ("what", "time"))
                and not _CLOCK.search(entry.answer)
            ):
                # "what time did ms-23 reach orbit": the orbit statement tells no time
                missing = "a time for that"
            elif not topic.computed and (other := self._counted_otherwise(ask, entry)):
                # "how many orbits did ms-23 do": the 215 days count no orbits
                missing = f'that ("{other}")'
            elif not topic.computed and self._defining(ask):
                # "what's a seat liner anyway": the source moves one, defines none
                missing = "what that word means"
            elif self._set_aside(ask, entry):
                # "besides crew-5, what other options were considered": Crew-5 is all
                # the statement tells
                missing = "anything besides that"
            elif not topic.computed and (unstated := self._unstated(ask, intent, entry.answer)):
                # "what was the radiator made of": the damage fact tells of the radiator,
                # not of what it was made of.
                missing = f'that ("{unstated}")'
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
                entry.answer + self._in_units(ask, entry.value),
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

    def _in_units(self, ask: Question, value: Value | None) -> str:
        """A count of days again in the weeks, months or years the question asks it in:
        "how many months was the crew up" is 371 days, "about 12 months"."""
        if value is None or value.kind != "number" or value.unit != "days":
            return ""
        units = [
            t
            for t in ask.tokens
            if t in self.words.day_units and _DAYS_IN.get(t.removesuffix("s"), 1) != 1
        ]
        if len(set(units)) != 1:
            return ""
        unit = units[0].removesuffix("s")
        n = round(float(value.value) / _DAYS_IN[unit])
        if n < 1:
            return ""
        return f" That is about {n} {unit}{'s' if n != 1 else ''}."

    def _set_aside(self, ask: Question, fact: Fact) -> bool:
        """Whether the question asks for more than what it sets aside ("what else besides
        the radiator"), and the statement tells of what it set aside: what the statement
        is about, or a word of it."""
        if not self.words.others.intersection(ask.tokens):
            return False
        told = set(self._stems(fact.answer))
        for window in self._aside(ask):
            named = {m.entity for m in ask.mentions if m.start in window}
            if named & set(fact.subjects):
                return True
            words = [
                ask.tokens[j]
                for j in window
                if j not in ask.covered and ask.tokens[j] not in self.matcher.stopwords
            ]
            if any(self.matcher.stem(w) in told for w in words):
                return True
        return False

    def _counted_otherwise(self, ask: Question, fact: Fact) -> str | None:
        """What "how many" asks to count, when the statement's number counts something
        else: "how many previous flights did petelin have" is not his 371 days."""
        value = fact.value
        if value is None or value.kind != "number" or not value.unit:
            return None
        toks = ask.tokens
        units = {self.matcher.stem(value.unit)}
        for same in (self.words.day_units, self.words.people_units):
            if value.unit in same:  # "how many crew was crew dragon designed for": people
                units |= {self.matcher.stem(w) for w in same}
        for i, (a, b) in enumerate(itertools.pairwise(toks)):
            if (a, b) != ("how", "many"):
                continue
            window = toks[i + 2 : i + 4]
            counted = self.matcher.content(window)  # "ppl" is people
            if counted and not set(counted) & units:
                return next(t for t in window if t not in self.matcher.stopwords)
        return None

    def _defining(self, ask: Question) -> bool:
        """Whether the question, naming nothing, opens by asking what a word means."""
        toks = list(itertools.dropwhile(lambda t: t in self.words.clause_fillers, ask.tokens))
        return not any(m.entity for m in ask.mentions) and any(
            tuple(toks[: len(p)]) == p for p in self.words.defining
        )

    def _aside(self, ask: Question) -> list[range]:
        """The positions of what the question sets aside: "besides the ms-22 radiator"."""
        toks, windows = ask.tokens, []
        for i in range(len(toks)):
            for phrase in self.words.besides:
                if toks[i : i + len(phrase)] == phrase:
                    start = i + len(phrase)
                    end = start
                    while (
                        end < min(len(toks), start + _SET_ASIDE) and toks[end] not in QUESTION_WORDS
                    ):
                        end += 1
                    windows.append(range(start, end))
        return windows

    def _unstated(self, ask: Question, intent: str, text: str) -> str | None:
        """A property the question asks of ("weight", "made of", "in charge") that neither
        the topic's own words nor the statement mention, or None. Only the words asked
        count: the half being answered, or a long message's question."""
        span = ask.part or ask.asked_span or range(len(ask.tokens))
        # without the names in it: "who took the ms-22 crew photo" says "took the crew photo"
        named_at = {
            i
            for m in ask.mentions
            if alias_key(m.text) not in self._loose  # "crew" of "took the crew photo" stays
            for i in range(m.start, m.end)
        }
        toks = tuple(ask.tokens[i] for i in span if i not in named_at)
        present = set(toks)
        for names, stemmed, firsts in self._properties:
            if present.isdisjoint(firsts):
                continue
            asked = next((p for p in names if has_phrase(toks, p)), None)
            if asked is None:
                continue
            told = (*self._phrasing(intent), self._stems(text))
            if not any(has_phrase(words, p) for p in stemmed for words in told):
                return " ".join(asked)
        return None

    def _phrasing_uncached(self, intent: str) -> tuple[tuple[str, ...], ...]:
        topic = self.factbase.intents[intent]
        return tuple(self._stems(text) for text in (topic.title, *topic.examples, *topic.keywords))

    def _stems(self, text: str) -> tuple[str, ...]:
        return tuple(self.matcher.stem(t) for t in tokenize(text))

    def _no_fact(self, ask: Question, subject: str, intent: str, confidence: float) -> Answer:
        event = self.factbase.events.get(subject)
        which = question_word(ask.tokens) in ("which", "what")
        if event is not None and which and self.words.craft & set(ask.tokens):
            # "which soyuz had the leak", "on which spacecraft" after it: the craft it
            # happened to, as the happening's own statement tells it
            craft = event.entities[0]
            fact = self.factbase.lookup(craft, event.topic)
            if isinstance(fact, Fact):
                return self._from_entry(ask, fact, event.topic, craft, confidence)
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

    # ------------------------------------------------------------------ outcomes

    def _answer(
        self,
        ask: Question,
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
        if entity is not None and entity.kind in PEOPLE_KINDS:
            people.append(entity.id)
        people += [e for e in (*value_names, *said) if e and kinds[e].kind in PEOPLE_KINDS]
        value_mission = value.value if value and value.kind == "mission" else None
        dated = self._dates.get(fact or "", ())
        if entity is not None and entity.id in self.factbase.events and status == "answered":
            dated = (*dated, entity.id) if entity.id not in dated else dated
        if not dated and len(ask.happenings) == 1:
            dated = ask.happenings  # "who landed in ms-23" -> "where?": where it landed
        others = [value_mission] if value_mission else []
        others += [e for e in reversed(said) if kinds[e].kind not in PEOPLE_KINDS]
        others += [e for e in asked if kinds[e].kind not in PEOPLE_KINDS]
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
        return Answer(question, "unknown", None, None, text, 1.0, unknown=mention)

    def _out_of_scope(
        self, question: str, best: float, top: tuple[tuple[str, float], ...]
    ) -> Answer:
        name = self.mission_name(self.default_mission)
        text = (
            f"I don't know how to answer that. I answer questions about spaceflight "
            f"missions such as {name}: its launch, landing, crew, rocket and more."
        )
        return Answer(question, "unknown", None, None, text, max(0.0, 1.0 - best), candidates=top)

    def _clarify(self, ask: Question, close: Sequence[Candidate], best: float) -> Answer:
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


def _events_told(
    factbase: FactBase, fact: Fact, by_day: dict[dt.date, list[Event]]
) -> tuple[str, ...]:
    """The events a fact dates: those of its day, for a date ("MS-23 landed on 27
    September 2023"); else the events of its topic and subjects whose day it tells ("the
    seat liners of Prokopyev and Petelin were moved ... on 2 March 2023"), when it tells
    of just one."""
    if fact.value is not None and fact.value.kind in ("date", "datetime"):
        day = as_date(fact.value.value)
        return tuple(
            e.id
            for e in by_day.get(day, ())
            if e.fact == fact.id or set(e.entities) & set(fact.subjects)
        )
    subjects = set(fact.subjects)
    told = tuple(
        e.id
        for e in factbase.events.values()
        if e.topic == fact.intent
        and (e.id in subjects or subjects & set(e.entities))
        and format_date(e.date, year=False) in fact.answer
    )
    return told if len(told) == 1 else ()  # a story of several steps dates none of them


def _members(factbase: FactBase, group: str) -> tuple[str, ...]:
    """The people a crew group's crew statement lists."""
    fact = factbase.lookup(group, "crew")
    value = fact.value if isinstance(fact, Fact) else None
    return tuple(value.value) if value is not None and value.kind == "people" else ()


def with_thresholds(engine: Engine, **changes: float) -> Engine:
    """A copy of `engine` with some thresholds changed (for tuning)."""
    clone = object.__new__(Engine)
    clone.__dict__.update(engine.__dict__)
    clone.thresholds = replace(engine.thresholds, **changes)  # type: ignore[arg-type]
    return clone

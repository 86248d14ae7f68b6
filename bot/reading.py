"""Reading a question before it is scored: who and what it names, what a pointing word
refers to, and where in a long message the question is.

A mixin of `Engine`: it shares the engine's fact base, entity index and matcher.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from bot.answer import Answer, Context
from bot.entities import EntityIndex, Mention
from bot.events import CLAUSE_BREAKS, DateQuery, EventFinder, find_dates
from bot.factbase import Entity, Event, FactBase
from bot.matching import QUESTION_WORDS, IntentMatcher, Scored
from bot.text import alias_key
from bot.text import tokens as tokenize

if TYPE_CHECKING:
    from bot.engine import Thresholds

# Sentence ends: a rambling message's question is its last sentence that asks.
_SENTENCES = re.compile(r"(?<=[.?!:])\s+")
_MIN_ASKED_TOKENS = 3
# "it" alone, which a happening's thing may stand for; "its" and "that one" name entities.
_IT = re.compile(r"\bit\b", re.IGNORECASE)
# How far a claim's reading without the words the source never uses must lead.
_CLAIM_LEAD = 0.15
# Words before a place a claim may name that the source never mentions: "from vostochny"
_PLACE_BEFORE = frozenset({"from", "at"})
# What sets a claim's closing tag apart: "..., right?", "... Correct?"
_ARTICLES = frozenset({"a", "an", "the", "far"})  # "on the far right"
# "who was the nasa astronaut...": asks who someone named by a description is
_WHO_IS = frozenset({("who", "was"), ("who", "is"), ("who", "were"), ("who", "are"), ("whos",)})
# "didn't", "didnt", "wasnt": an auxiliary verb negated
_NEGATED = re.compile(r"n'?t$")
_TAG_BREAKS = re.compile(r"[,.;:!?…—–]+|\s-\s")
_TRAILING = " \t?!.…"
# A story shorter than this before a question is not read apart from it.
_MIN_STORY_TOKENS = 5
# Clause ends inside a sentence, and the words a clause that asks begins with.
_CLAUSES = re.compile(r"\s*[,;:—–]\s+|\s+-\s+")
_QUESTION_STARTS = {(w,) for w in QUESTION_WORDS}
_ASKING_WORDS = QUESTION_WORDS | {"is", "was", "were", "did", "does", "do", "has", "had", "can"}
_WHEN = frozenset((a, b) for a in ("what", "which") for b in ("date", "day", "year", "month"))
AUXILIARIES = frozenset({"did", "was", "were", "is", "does", "do", "had", "has", "will"})
# Kinds that answer only for the topics they hold: "why did Roscosmos send another
# Soyuz" is about the mission, not about Roscosmos; nor does naming one make a question
# about spaceflight ("how do I get a job at NASA").
LOOSE_KINDS = frozenset({"organisation"})
# The kinds "he" and "they" point to, and whose happenings are their own.
PEOPLE_KINDS = frozenset({"person", "crew"})
# The kinds a person flies in, or a thing is moved into.
CRAFT_KINDS = frozenset({"mission", "spacecraft"})
# Of several entities a question names, the most specific holding the topic answers:
# "how long was Rubio in space on MS-23" asks about Rubio, not his spacecraft.
_KIND_ORDER = {
    kind: n
    for n, kind in enumerate(
        ("person", "crew", "spacecraft", "rocket", "mission", "event", "organisation")
    )
}


@dataclass(frozen=True, slots=True)
class ReadingWords:
    """The `reading:` word lists of intents.yaml, in the shapes the engine looks them up in."""

    follow_up: frozenset[str] = frozenset()
    embedding: frozenset[str] = frozenset()
    asked_of: frozenset[str] = frozenset()
    clause_fillers: frozenset[str] = frozenset()
    before_question: frozenset[str] = frozenset()
    requests: frozenset[tuple[str, ...]] = frozenset()
    """Phrases that ask the bot to answer and name nothing ("can you help")."""
    properties: tuple[tuple[tuple[str, ...], ...], ...] = ()
    """Properties a question may ask of a thing, each as the phrases that name it
    ("built", "made by", "manufactured")."""
    claim_tags: frozenset[tuple[str, ...]] = frozenset()
    """Phrases that close a claim to ask whether it is true (", right?")."""
    bare_tags: frozenset[tuple[str, ...]] = frozenset()
    """Claim tags that close a claim unpunctuated too ("the leak was on 14 december
    right"), unless a preposition or article makes them a word of it ("left to right")."""
    because: frozenset[tuple[str, ...]] = frozenset()
    """Phrases that open a reason or purpose the asker gives ("since", "so i can")."""
    conditional: frozenset[tuple[str, ...]] = frozenset()
    """Of those, the ones that open a condition of what is asked ("if"), not a premise."""
    mine: frozenset[str] = frozenset()
    why: tuple[tuple[str, ...], ...] = ()
    time_clauses: frozenset[str] = frozenset()
    craft: frozenset[str] = frozenset()
    date_parts: frozenset[str] = frozenset()
    other_asks: frozenset[str] = frozenset()
    steps: Mapping[str, int] = field(default_factory=dict)
    """A step along the timeline: -1 back ("before"), 1 on ("after")."""
    step_fillers: frozenset[str] = frozenset()
    compare: frozenset[tuple[str, ...]] = frozenset()
    """Phrases that compare two things: "rubio's days vs ms-23's", "the same as"."""
    identity: frozenset[str] = frozenset()
    """Words that, with a person named by a description ("the nasa guy"), ask who that
    is: "which nasa astronaut was involved", "the nasa guy's name on ms-22?"."""
    plural: frozenset[str] = frozenset()
    """Pointing words for several people ("they"): a crew of those last named."""
    role: frozenset[tuple[str, ...]] = frozenset()
    """Phrases that ask an organisation's part in the story ("what role did energia play")."""
    rode: frozenset[tuple[str, ...]] = frozenset()
    """Phrases of travelling in a craft, before its name: "who launched on ms-22" asks
    who it carried."""
    finer_than_days: frozenset[tuple[str, ...]] = frozenset()
    """Phrases asking the time between happenings in units finer than days ("how many
    hours"): the events give days only."""
    besides: frozenset[tuple[str, ...]] = frozenset()
    """Phrases that set aside what the asker knows ("besides crew-5, what other options"):
    a statement that tells only of that does not answer."""
    defining: frozenset[tuple[str, ...]] = frozenset()
    """Openings that ask what a word means ("what's a seat liner"): the source tells of
    things, it defines no words."""
    day_units: frozenset[str] = frozenset()
    """Words a count of days may be asked in: "how many months was the crew up"."""
    people_units: frozenset[str] = frozenset()
    """Words a count of people may be asked in: "how many crew could the dragon seat"."""
    took: frozenset[str] = frozenset()
    """Words that ask how long a happening took to come about ("how long did ms-23 take
    to reach the station"): counted from the first happening of its craft."""
    elapsed: frozenset[tuple[str, ...]] = frozenset()
    """Phrases that ask how far into a flight a happening came ("how long had the crew
    been in space when the leak happened", "how many days into the mission"): counted
    like `took`."""
    until: frozenset[str] = frozenset()
    """Words that count the days to a happening ("how many days until ms-23 docked"), from
    the first happening of its craft, to its landing too."""
    others: frozenset[str] = frozenset()
    """Words that ask for more of the same ("what else", "other options")."""
    occasion: frozenset[tuple[str, ...]] = frozenset()
    """Phrases in which a time word counts occasions, not a time of day ("the first time")."""
    corrections: frozenset[tuple[str, ...]] = frozenset()
    """Phrases that take back what came before them: "when did ms-22 launch... wait no
    sorry, ms-23* launch" asks about MS-23."""
    happening: frozenset[tuple[str, ...]] = frozenset()
    """Phrases that ask what happened ("what went down", "a rundown of"): with a date
    and no happening named, the question asks what happened then."""
    bounds: Mapping[tuple[str, ...], int] = field(default_factory=dict)
    """Phrases before a length a claim gives: 1 more than it ("over a year"), -1 less
    ("under 200 days"), 0 roughly ("about 215 days")."""

    @classmethod
    def of(cls, lists: Mapping[str, frozenset[str]]) -> ReadingWords:
        def phrases(key: str) -> tuple[tuple[str, ...], ...]:
            return tuple(sorted({tokenize(p) for p in lists.get(key, ()) if tokenize(p)}))

        shaped = {
            "why": phrases("why"),
            "claim_tags": frozenset(phrases("claim_tags")),
            "bare_tags": frozenset(phrases("bare_tags")),
            "because": frozenset(phrases("because")),
            "conditional": frozenset(phrases("conditional")),
            "compare": frozenset(phrases("compare")),
            "finer_than_days": frozenset(phrases("finer_than_days")),
            "requests": frozenset(phrases("requests")),
            "besides": frozenset(phrases("besides")),
            "defining": frozenset(phrases("defining")),
            "rode": frozenset(phrases("rode")),
            "role": frozenset(phrases("role")),
            "happening": frozenset(phrases("happening")),
            "occasion": frozenset(phrases("occasion")),
            "corrections": frozenset(phrases("corrections")),
            "elapsed": frozenset(phrases("elapsed")),
            "properties": tuple(
                tuple(tokenize(word) for word in p.split("|") if tokenize(word))
                for p in sorted(lists.get("properties", ()))
            ),
            "steps": {
                **{w: -1 for w in lists.get("step_back", ())},
                **{w: 1 for w in lists.get("step_on", ())},
            },
            "bounds": {
                tokenize(p): sign
                for key, sign in (("more_than", 1), ("less_than", -1), ("roughly", 0))
                for p in lists.get(key, ())
                if tokenize(p)
            },
        }
        plain = {f: lists.get(f, frozenset()) for f in cls.__slots__ if f not in shaped}
        return cls(**plain, **shaped)


@dataclass(slots=True)
class Question:
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
    unexplained: tuple[str, ...] = ()
    """Words of the question no topic knows ("watched" in "how many people watched")."""
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
    """Its words as the chat spellings read them; see Reading._spelled."""
    top: tuple[tuple[str, float], ...] = ()
    dates: tuple[DateQuery, ...] = ()
    """The days, months and years the question gives, read once."""
    background: list[str] = field(default_factory=list)
    """Names that only date what is asked ("...before ms23 showed up")."""
    happenings: tuple[str, ...] = ()
    """The events the question names, in its order (set once they are found)."""
    unread: tuple[str, ...] = ()
    """Words of a claim read without, as a value the source has no word for
    ("geostationary"): what they claim is unchecked, so the claim is never confirmed."""
    claimed_names: tuple[str, ...] = ()
    """Names the fact base lacks, claimed as a value ("is ms-23 also called ISS 68S")."""
    claim: bool = False
    """True when the message states a claim to check ("..., right?", "is that true")."""
    part: range | None = None
    """The half being answered of a question read as two ("who operated it and who
    built it"), else None."""


class EngineParts:
    """What the engine's mixins (`Reading`, `ComputedAnswers`) share of it."""

    factbase: FactBase
    thresholds: Thresholds
    entities: EntityIndex
    matcher: IntentMatcher
    events: EventFinder
    default_mission: str
    words: ReadingWords

    def _asks_yes_or_no(self, ask: Question) -> bool:
        """Whether the question opens, after any filler, with an auxiliary verb: "did
        ms-22 get home before ms-23 landed", "so was the leak first"."""
        return self._opens_with_auxiliary(ask.tokens)

    def _opens_with_auxiliary(self, toks: Sequence[str]) -> bool:
        """...and not with a request ("can you tell me the rocket...", which asks what,
        not whether), unless one asks if ("do you know if it launched from baikonur")."""
        toks = [t for t in toks if t not in self.words.clause_fillers]
        request = self._request_opening(toks)
        if request:
            return toks[request : request + 1] in (["if"], ["whether"])
        return toks[:1] != [] and toks[0] in AUXILIARIES

    def _taken_back(self, question: str) -> str | None:
        """The question with a name the asker took back left out, when a phrase that takes
        back what came before it ("wait no", "i meant") stands between it and a name of
        the same kind: "when did ms-22 launch... wait no sorry, ms-23* launch" asks when
        MS-23 launched. Like a struck-through word, the correction is the asker's."""
        toks = tokenize(question)
        found = list(phrase_starts(toks, self.words.corrections))
        if not found:
            return None
        at, phrase = max(found, key=lambda f: (f[0], len(f[1])))  # the last, longest
        mentions = [m for m in self.entities.mentions(toks) if m.entity is not None]
        before = [m for m in mentions if m.end <= at]
        after = [m for m in mentions if m.start >= at + len(phrase)]
        kinds = self.factbase.entities
        if not before or not after:
            return None
        if kinds[before[-1].entity].kind != kinds[after[0].entity].kind:  # type: ignore[index]
            return None
        dropped = {*range(before[-1].start, before[-1].end), *range(at, at + len(phrase))}
        kept = " ".join(t for i, t in enumerate(toks) if i not in dropped)
        return kept + ("?" if question.rstrip().endswith("?") else "")

    def _request_opening(self, toks: Sequence[str]) -> int:
        """How many tokens of a request to answer open the question ("can you tell me"),
        or 0."""
        return max(
            (len(p) for at, p in phrase_starts(toks, self.words.requests) if at == 0), default=0
        )

    def _claims(self, question: str, toks: tuple[str, ...]) -> bool:
        """Whether the question asks if something is so: it opens with an auxiliary verb
        ("is ms-23 also called ISS 68S") or closes with a tag ("...ms-21 came before ms-23
        right?"). A mission name the fact base lacks is then a value claimed, not asked
        about."""
        return self._opens_with_auxiliary(toks) or self._tagged(question, toks)

    def _tagged(self, question: str, toks: tuple[str, ...]) -> bool:
        """Whether a question mark follows a claim's closing tag, with no comma to set it
        apart: "ms-23 launched in march right?"."""
        return (
            question.rstrip().endswith("?")
            and any(
                toks[-len(tag) :] == tag for tag in self.words.claim_tags if len(tag) < len(toks)
            )
        ) or bool(self._question_tag(question, toks))

    def _question_tag(self, question: str, toks: tuple[str, ...]) -> set[int]:
        """The positions of a closing tag that opens with a negated auxiliary ("...from
        cape canaveral didnt it"): it asks whether the claim holds, even unpunctuated,
        where "...when was it" does not; so does a bare tag, with or without a question
        mark ("the leak was on 14 december right", "ms22 launched in 2023 right?")."""
        for tag in self.words.claim_tags:
            if len(tag) >= len(toks) or toks[-len(tag) :] != tag:
                continue
            before = toks[-len(tag) - 1]
            # "...on 14 december right", not "from left to right"
            plain = tag in self.words.bare_tags and before not in self.words.before_question
            if _NEGATED.search(tag[0]) or (plain and before not in _ARTICLES):
                return set(range(len(toks) - len(tag), len(toks)))
        return set()


class Reading(EngineParts):
    """Who and what a question names, and which of its words are left to score.

    Besides `EngineParts` it uses the engine's cached `_score`, the tables it builds
    once (`_references`, `_confirmations`, `_loose`, `_crew_of_default`, `_group_of`,
    `_people_of`) and its `_unknown_mission` reply."""

    def _read(self, question: str, context: Context, mission: str | None) -> Question | Answer:
        """Who and what the question names: the entities (strict, or loose), a pointing
        word and what it refers to, and the words left for the matcher. An unknown
        mission ("Apollo 11") is refused here."""
        taken_back = self._taken_back(question)
        if taken_back is not None:
            return self._read(taken_back, context, mission)
        toks = tokenize(question)
        mentions = self.entities.mentions(toks)
        unknown = [m.text for m in mentions if m.entity is None]
        named = list(dict.fromkeys(m.entity for m in mentions if m.entity is not None))
        if mission is not None:
            if mission not in self.factbase.missions:
                raise KeyError(f"unknown mission {mission!r}")
            named = [mission, *(m for m in named if m != mission)]
        # "is ms-23 also called ISS 68S?", "ms-21 came right before ms-23 right?": a name
        # written like one of those named is what is claimed, not asked about
        kin_claimed = self._claims(question, toks) and all(
            self.entities.kin(name) & set(named) for name in unknown
        )
        if unknown and not kin_claimed:
            return self._unknown_mission(question, unknown[0])
        claimed_names = {i for m in mentions if m.entity is None for i in range(m.start, m.end)}
        mentions = [m for m in mentions if m.entity is not None]
        others = self._others_craft(mentions)
        if others:
            # "which dragon did crew-6 use": Crew-6's own Dragon, not Crew-5's Endurance;
            # its words still name a craft, no topic
            claimed_names |= {
                i for m in mentions if m.entity in others for i in range(m.start, m.end)
            }
            mentions = [m for m in mentions if m.entity not in others]
            named = [e for e in named if e not in others]
        # Loose names ("the crew") bind only for topics their entity holds; the words of
        # organisations and events ("roscosmos", "the leak") also say what is asked.
        loose = [  # a named organisation before a generic "the crew"
            *(m.entity for m in mentions if self.factbase.entities[m.entity].kind in LOOSE_KINDS),
            *(m.entity for m in mentions if alias_key(m.text) in self._loose),
        ]
        background = self._background(toks, mentions, named)
        loose += background
        riders = self._riders(toks, mentions)
        loose = [e for e in loose if e not in riders]
        named = [*riders, *(e for e in named if e not in loose and e not in riders)]
        named, loose = self._narrowest_first(named), self._narrowest_first(loose)
        covered = {i for m in mentions if not self._cue(m) for i in range(m.start, m.end)}
        covered |= claimed_names
        reference, spans = self._reference(toks, covered)
        if context.unknown and not mentions and mission is None:
            # "what was soyuz ms-25 about" -> "when did it launch": still about MS-25
            asked = self._score(toks)
            topical = asked.specific and asked.best and asked.best.score >= self.thresholds.clarify
            if reference or topical:
                return self._unknown_mission(question, context.unknown)
        claimed = self._confirming(question, toks, covered)
        spans |= claimed | self._requesting(question, toks, covered | spans)
        ask = Question(question, toks, tuple(mentions), context)
        ask.dates = tuple(find_dates(toks, {i for m in mentions for i in range(m.start, m.end)}))
        ask.claim = bool(claimed)
        ask.claimed_names = tuple(unknown)
        ask.named, ask.loose, ask.reference = named, loose, reference
        ask.background = background
        ask.covered = covered | spans
        # "they" is the crew, unless "his" says whose: "what did they do with his seat liner"
        singular = {
            t
            for t in toks
            if t not in self.words.plural
            and any(kind == "person" for _, kind in self._references.get(t, ()))
        }
        plural = bool(set(toks) & self.words.plural) and not singular
        ask.subjects, ask.strict = self._subjects(named, reference, context, plural)
        if not named:
            ask.subjects = list(dict.fromkeys([*loose, *ask.subjects]))
        craft = self._their_craft(ask) if reference == "person" and not named else None
        if craft is not None:
            # "and the spacecraft he landed in, how long was its flight": the craft of
            # his landing, not his own time in space.
            ask.subjects, ask.reference = [craft, *ask.subjects], "thing"
        ask.asked_span = self._asked_span(question, toks, ask.covered, mentions)
        return ask

    def _others_craft(self, mentions: Sequence[Mention]) -> set[str]:
        """Spacecraft named only generically ("the dragon", not "endurance") beside a
        mission they took no part in: that mission's own craft is meant."""
        kinds = self.factbase.entities
        missions = {m.entity for m in mentions if kinds[m.entity].kind == "mission"}
        return {
            m.entity
            for m in mentions
            if kinds[m.entity].kind == "spacecraft"
            and not set(tokenize(m.text)) & _proper(kinds[m.entity])
            and missions - self.factbase.missions_of(m.entity)
        }

    def _riders(self, toks: Sequence[str], mentions: Sequence[Mention]) -> list[str]:
        """Generic names of people ("the crew") that travelling in a named craft follows,
        in a question whether it is so: "did the crew come home on ms-22" asks about the
        crew, not MS-22's return ("how many crew were on crew-5" asks about Crew-5)."""
        if not self._opens_with_auxiliary(toks):
            return []
        starts = {m.start for m in mentions if m.entity in self.factbase.missions}
        return [
            m.entity
            for m in mentions
            if alias_key(m.text) in self._loose
            and self.factbase.entities[m.entity].kind in PEOPLE_KINDS
            and any(
                tuple(toks[m.end : m.end + len(p)]) == p and m.end + len(p) in starts
                for p in self.words.rode
            )
        ]

    def _narrowest_first(self, entities: list[str]) -> list[str]:
        """`entities` with a crew group before any group that holds all its people: "how
        many of the crew were cosmonauts" counts the cosmonauts."""
        members = self._people_of
        groups = [e for e in entities if e in members]
        if len(groups) < 2:
            return entities
        nested = sorted(groups, key=lambda g: len(members[g]))
        if not all(members[a] < members[b] for a, b in itertools.pairwise(nested)):
            return entities
        ranked = iter(nested)
        return [next(ranked) if e in members else e for e in entities]

    def _scored(self, ask: Question) -> Scored:
        """The matcher's reading of the words the names leave: of the whole message, of
        the name alone ("what's dragon endurance"), or of a rambling message's question."""
        toks, covered = ask.tokens, ask.covered
        rest = tuple(t for i, t in enumerate(toks) if i not in covered)
        scored = self._score(rest)
        names = set(ask.named) | {
            e for e in ask.loose if self.factbase.entities[e].kind in LOOSE_KINDS
        }
        named_at = {i for m in ask.mentions if m.entity in names for i in range(m.start, m.end)}
        bare = tuple(t for i, t in enumerate(toks) if i not in covered | named_at)
        if len(bare) < len(rest) and set(self.matcher.content(bare)) <= self.words.follow_up:
            scored = self._score(bare)  # "what's dragon endurance": the name alone
        # "was ms-23 in a geostationary orbit?" asks about one value the source may not
        # have a word for, when it names what it asks about ("is insomnia curable" does not);
        # two such words ask about more than a value ("visible tonight")
        odd_value = bool(names) and self._asks_yes_or_no(ask) and len(set(scored.unexplained)) == 1
        if (ask.claim or odd_value) and scored.unexplained:
            # "MS-23 was in a geostationary orbit, wasn't it?": the claimed value may be one the
            # source never mentions; what is claimed about is read without it.
            odd = set(scored.unexplained)
            # "MS-23 flew from Vostochny": a word the source never uses, after a happening
            # word and "from" or "at", claims where it happened ("start from scratch" not)
            placed = {
                i
                for i in range(2, len(rest))
                if self.matcher.stem(rest[i]) in odd
                and rest[i - 1] in _PLACE_BEFORE
                and self.events.named_by_words(rest[i - 2 : i])
            }
            known = tuple(
                "where" if i in placed else t
                for i, t in enumerate(rest)
                if i in placed or self.matcher.stem(t) not in odd
            )
            claim = self._score(known)
            top = claim.candidates
            lead = top[0].score - top[1].score if len(top) > 1 else 1.0
            if (
                top
                and lead >= _CLAIM_LEAD
                and (scored.best is None or top[0].score > scored.best.score)
            ):
                scored = claim
                ask.unread = tuple(sorted(odd))
        if ask.asked_span is not None:
            # "Long story short, I'm making a poster. What happened on 17 January 2023?":
            # the question is the last sentence that asks; the story before it only
            # dilutes its words. The names and pointers of the whole message still count.
            alone = self._score(tuple(toks[i] for i in ask.asked_span if i not in covered))
            if alone.best and (scored.best is None or alone.best.score > scored.best.score):
                scored = alone
        main_clause = self._main_clause(toks, ask.asked_span)
        if main_clause is not None:
            # "what did ms-23 carry up since nobody was on board", "since it was empty
            # what did they put in ms23": the reason given is not what is asked; the
            # main clause is, when it names a topic clearly.
            main = self._score(tuple(toks[i] for i in main_clause if i not in covered))
            reason = [t for i, t in enumerate(toks) if i not in main_clause]
            # "...get home if the station had to be evacuated": a condition may tell the
            # topic (the lifeboat) apart; a premise after the question ("since nobody was
            # on board") never does. One before it may end anywhere ("since ms-23 flew
            # empty it hauled cargo like what...": the commas are gone).
            premise = main_clause.start == (ask.asked_span or range(len(toks))).start and not (
                any_phrase(reason, self.words.conditional)
            )
            if (
                main.specific
                and (ask.named or main.anchored)  # not "i need to know if my card..."
                and main.best
                and main.best.score >= self.thresholds.answer
                and (premise or _lead(main) > _lead(scored))
            ):
                scored = main
        return scored

    def _main_clause(self, toks: tuple[str, ...], span: range | None = None) -> range | None:
        """The positions of what is asked (in `span`, the asked sentence, if given)
        besides a reason the asker gives: before a reason that follows it ("...so i can
        put it on the menu card"), or from the question word after one that leads."""
        span = span or range(len(toks))

        def opens(i: int) -> bool:
            return any(toks[i : i + len(p)] == p for p in self.words.because)

        if len(span) and opens(span.start):
            start = next((i for i in span if toks[i] in QUESTION_WORDS), None)
            return range(start, span.stop) if start is not None else None
        at = next((i for i in span if i > span.start + 1 and opens(i)), None)
        return range(span.start, at) if at is not None else None

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
        found, spans = self._pointers(toks, covered)
        kind = next((k for k in ("others", "other", "person", "thing") if k in found), None)
        return kind, spans

    def _pointers(self, toks: tuple[str, ...], covered: set[int]) -> tuple[set[str], set[int]]:
        """Every kind of pointing word in `toks` outside `covered`, and the tokens they span."""
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
        return found, spans

    def _named_people(self, ask: Question) -> list[str]:
        """The people and crews the question names, in its order."""
        return [e for e in ask.named if self.factbase.entities[e].kind in PEOPLE_KINDS]

    def _named_craft(self, ask: Question) -> list[str]:
        """The missions and spacecraft the question names, in its order: what a person
        flew in, or what a thing was moved into."""
        return [e for e in ask.named if self.factbase.entities[e].kind in CRAFT_KINDS]

    def _its_thing(self, ask: Question) -> str | None:
        """The question with "it" spelt out, when "it" can only mean what a person's
        happening in the last answer was to: after "Rubio's seat liner was moved to Dragon
        Endurance...", "when did it go into the new soyuz" asks about his seat liner,
        not the new Soyuz. None when "it" means an entity, as it does everywhere else."""
        if ask.reference != "thing" or not _IT.search(ask.question):
            return None
        context, events = ask.context, self.factbase.events
        last = context.entity if context.entity in events else None
        last = last or next((e for e in reversed(context.dated) if e in events), None)
        event = events.get(last) if last else None
        if event is None or event.thing is None:
            return None
        owner = self.factbase.entities[event.entities[0]]
        if owner.kind not in PEOPLE_KINDS or has_phrase(ask.tokens, tokenize(event.thing)):
            return None
        return _IT.sub(f"{owner.name}'s {event.thing}", ask.question, count=1)

    def _described(self, ask: Question) -> str | None:
        """The person or group a question asks to be named, when it names them only by
        a description ("which nasa astronaut was involved", "who were the roscosmos
        cosmonauts in this story") and asks nothing else of them."""
        kinds = self.factbase.entities
        describable = PEOPLE_KINDS | {"spacecraft"}  # "what was the name of the dragon capsule"
        described = [
            m
            for m in ask.mentions
            if m.entity
            and kinds[m.entity].kind in describable
            and not set(tokenize(m.text)) & _proper(kinds[m.entity])
            and alias_key(m.text) not in self._loose  # "which crew members were from nasa"
        ]
        if len(described) != 1:
            return None
        group = PEOPLE_KINDS if kinds[described[0].entity].kind in PEOPLE_KINDS else {"spacecraft"}
        people = {m.entity for m in ask.mentions if m.entity and kinds[m.entity].kind in group}
        # "which of the ms-22 crew was the nasa guy": one of a crew, picked by description
        people -= {g for g in people if described[0].entity in self._people_of.get(g, ())}
        if len(people) != 1:
            return None
        toks = ask.tokens
        if toks[described[0].start - 1 : described[0].start] in (("which",), ("what",)):
            return described[0].entity  # "which two cosmonauts were stuck with it"
        before = [t for t in toks[: described[0].start] if t not in _ARTICLES]
        asking = next((n for n in (1, 2) if tuple(before[-n:]) in _WHO_IS), 0)
        lead = before[: len(before) - asking]
        if asking and all(t in self.matcher.stopwords for t in lead):
            # "yo who was the nasa astronaut stuck with the ms-22 problem": who that is
            return described[0].entity
        if not set(toks) & (QUESTION_WORDS | self.words.identity):
            return None
        return described[0].entity if self._asks_only_which(ask) else None

    def _asks_only_which(self, ask: Question) -> bool:
        """Whether the words besides the names ask only which one or who: question,
        identity, follow-up and craft words ("what was the name of the dragon capsule")."""
        rest = [t for i, t in enumerate(ask.tokens) if i not in ask.covered]
        plain = QUESTION_WORDS | self.words.identity | self.words.follow_up | self.words.craft
        return not set(self.matcher.content(rest)) - {self.matcher.stem(w) for w in plain}

    def _craft_asked(self, ask: Question) -> str | None:
        """The one spacecraft the last answer named, when a follow-up asks only which
        craft that was: "which capsule was it" after Crew-5's lifeboat plan is Dragon
        Endurance."""
        toks = ask.tokens
        if ask.named or ask.loose:
            return None
        asked = any(
            a in ("which", "what") and b in self.words.craft for a, b in itertools.pairwise(toks)
        )
        if not asked or not self._asks_only_which(ask):
            return None
        kinds = self.factbase.entities
        shown = dict.fromkeys(e for e in (ask.context.entity, *ask.context.others) if e)
        craft = [e for e in shown if e in kinds and kinds[e].kind == "spacecraft"]
        return craft[0] if len(craft) == 1 else None

    def _their_craft(self, ask: Question) -> str | None:
        """The mission a person's happening took place on, when the question names a
        craft of theirs and points at it as well ("the spacecraft he landed in, how long
        was its flight"), else None."""
        toks = ask.tokens
        if not set(toks) & self.words.craft or ask.context.entity is None:
            return None
        if "thing" not in self._pointers(toks, set())[0]:
            return None
        person = ask.subjects[0]
        events = [
            e
            for e in self.events.find(toks, ask.mentions, [person])
            if person in e.entities and e.mission
        ]
        return events[0].mission if events else None

    def _subjects(
        self,
        named: Sequence[str],
        reference: str | None,
        context: Context,
        plural: bool = False,
    ) -> tuple[list[str], bool]:
        """The entities the question is about, best first, and whether they bind.

        Named entities bind; so does whatever a pointing word refers to. Otherwise the
        conversation's entity and mission are tried, and only a fresh conversation falls
        back to the missions that hold the topic ("what damaged the radiator?")."""
        if named:
            ranked = sorted(named, key=self._kind_rank)
            people = [e for e in named if self.factbase.entities[e].kind in PEOPLE_KINDS]
            if reference == "person" and context.people and not people:
                # "when was his seat liner moved to ms-23": about him, and MS-23
                return [context.people[0], *ranked], True
            return ranked, True  # binding: no loose names added
        referent = None
        if reference == "person" and context.people:
            referent = context.people[0]
            kinds = self.factbase.entities
            persons = frozenset(p for p in context.people if kinds[p].kind == "person")
            if plural and len(persons) > 1 and persons in self._group_of:
                referent = self._group_of[persons]  # "what agency are they from"
        elif reference == "person" and context.pointed in self.factbase.entities:
            # "who were they" after "...was reassigned to Soyuz MS-24": its crew
            referent = context.pointed
        elif reference == "others" and context.people:
            referent = self._others_of(context.people[0])  # "the other two": not Rubio
            if referent is None:
                return [self.default_mission], False
        elif reference == "other" and context.others:
            referent = context.others[0]
        elif reference == "thing" and context.pointed in self.factbase.entities:
            referent = context.pointed
        elif reference == "other":
            return [self.default_mission], False  # "the other one" when nothing else was named
        elif reference == "thing":
            entity = context.entity
            if entity is not None and self.factbase.entities[entity].kind in PEOPLE_KINDS:
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

    def _others_of(self, person: str) -> str | None:
        """The people of a crew besides `person`, as the group or person they make up:
        "the other two" after Rubio are the cosmonauts."""
        crews = [people for people in self._people_of.values() if person in people]
        if not crews:
            return None
        rest = max(crews, key=len) - {person}
        if len(rest) == 1:
            return next(iter(rest))
        return self._group_of.get(rest)

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
            or self._embedded(toks, first, end)
            or any(
                toks[first + a + self._lead(toks[first + a : first + b]) : first + b][:1]
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
            lead = self._lead(toks[first + start : first + stop])
            start += lead
            words = toks[first + start : first + stop]
            led = bool(words[:1]) and words[0] in self.words.before_question
            opening = words[1:2] if led else words[:1]
            if opening and opening[0] in _ASKING_WORDS and stop - start >= _MIN_ASKED_TOKENS:
                # To the sentence's end: "was anyone on it, and when did it launch?";
                # "..., anyway what was the name of the replacement ship"; "For a piece
                # I'm fact-checking: on what date did Soyuz MS-23 land?"
                clause = range(first + start, end)
                pointing, _ = self._reference(words, set())
                asked = self._score(tuple(toks[i] for i in clause if i not in covered))
                function = QUESTION_WORDS | self.words.before_question
                topical = not led or bool(set(asked.content) - function)  # not "from when"
                timed = {self.matcher.stem(w) for w in self.factbase.time_words}
                topical = topical and bool(set(asked.content) - timed - function)
                # not "was ms-23 launched at night or what, what's the UTC time": the
                # time of what the clause before it names
                if asked.specific and topical and pointing is None:  # "the crewed one - what
                    first = clause.start  # happened to it?" asks of the clause before
                break
        embedded = self._embedded(toks, first, end - _MIN_ASKED_TOKENS + 1)
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
        if first == 0 and not about_spaceflight:
            # "ok so when did that coolant leak happen then? I bet it was in November":
            # the question comes first; what follows is an aside, read apart when the
            # question names a topic of its own.
            asked = self._score(tuple(t for i, t in enumerate(toks[:end]) if i not in covered))
            return range(first, end) if asked.specific and asked.anchored else None
        if not about_spaceflight and first < _MIN_STORY_TOKENS:
            return None  # "i must know how to...": too short a story to set apart
        if not about_spaceflight:  # only then is the story read
            before = self._score(tuple(t for i, t in enumerate(toks[:first]) if i not in covered))
            about_spaceflight = before.anchored or len(before.unexplained) < 2
        if not about_spaceflight:
            return None  # "My car's gauge keeps going up... How do I fix a coolant leak?"
        if self._leans_back(toks, covered, first, end):
            # "...what day they moved Rubio's seat liner into the Dragon. Do you know?":
            # the question points back to the sentence before it, which says what it asks.
            first = max((start for _, start, stop in sentences if stop <= first), default=0)
            if first == 0:
                return None
        return range(first, end)

    def _leans_back(self, toks: tuple[str, ...], covered: set[int], first: int, end: int) -> bool:
        """Whether an asked sentence says nothing of its own, or only a question word and
        what it points back to: "Do you know?", "Who were they?"."""
        words = tuple(toks[i] for i in range(first, end) if i not in covered)
        if not self._score(words).specific:
            return True
        pointing, _ = self._reference(toks[first:end], set())
        return pointing is not None and set(self.matcher.content(words)) <= QUESTION_WORDS

    def _embedded(self, toks: tuple[str, ...], first: int, end: int) -> list[int]:
        """The positions in `first:end` of question words asked inside a sentence: "my
        friend asked when ms-23 landed", "she asked me where it came down"."""
        words = self.words
        found = []
        for i in range(max(first, 1), end):
            if toks[i] not in QUESTION_WORDS:
                continue
            before = toks[i - 1]
            if before in words.asked_of and i >= 2:
                before = toks[i - 2]  # "asked me when"
            if before in words.embedding:
                found.append(i)
        return found

    def _personal(self, ask: Question, scored: Scored) -> bool:
        """Whether the question is about the asker's own thing: "my car's radiator is
        leaking coolant" shares words with MS-22's damage, not its subject."""
        if ask.context.entity or ask.context.mission:
            return False
        unknown = set(scored.unexplained)
        toks = ask.tokens
        return any(
            t in self.words.mine and self.matcher.stem(n) in unknown
            for t, n in itertools.pairwise(toks)
        )

    def _confirming(self, question: str, toks: tuple[str, ...], covered: set[int]) -> set[int]:
        """The token positions of phrases asking whether a claim is true ("is that
        right"): they carry no topic, so the claim is what is read."""
        # "MS-23 flew from Baikonur, correct?", not "from left to right"
        spans = _closing(question, toks, covered, self.words.claim_tags)
        if not spans and not covered & (tag := self._question_tag(question, toks)):
            spans = tag
        for i, token in enumerate(toks):
            for phrase in self._confirmations.get(token, ()):
                span = range(i, i + len(phrase))
                if toks[i : i + len(phrase)] == phrase and not covered.intersection(span):
                    spans.update(span)
                    break
        return spans

    def _requesting(self, question: str, toks: tuple[str, ...], covered: set[int]) -> set[int]:
        """The token positions of a closing request to answer ("...launched ms-23. Can you
        help?", "Do you know it?"): it carries no topic."""
        return _closing(question, toks, covered, self.words.requests)

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
            if start > 0 and toks[start - 1] in self.words.time_clauses:
                found.append(m.entity)
        return list(dict.fromkeys(found))

    def _binds(self, mention: Mention) -> bool:
        """Whether a name anchors a question in the document by itself: a mission, person
        or craft does ("...who manufactured MS-23?"); "the crew" or "a leak" does not."""
        if mention.entity is None or alias_key(mention.text) in self._loose:
            return False
        return self.factbase.entities[mention.entity].kind not in (*LOOSE_KINDS, "event")

    def _cue(self, mention: Mention) -> bool:
        """Whether a name's words also say what is asked, and so stay in the question: an
        event's ("the leak": the damage), an organisation's one-word name ("roscosmos":
        the operator) and a loose name ("the crew": the crew)."""
        if alias_key(mention.text) in self._loose:
            return True
        kind = self.factbase.entities[mention.entity or ""].kind
        one_word = mention.end - mention.start == 1
        return kind == "event" or (kind in LOOSE_KINDS and one_word)

    def _kind_rank(self, entity: str) -> int:
        return _KIND_ORDER.get(self.factbase.entities[entity].kind, len(_KIND_ORDER))

    def _happenings(self, ask: Question, part: range) -> list[Event]:
        """The events a part of the question names."""
        inside = [
            replace(m, start=m.start - part.start, end=m.end - part.start)
            for m in ask.mentions
            if m.start in part
        ]
        return self.events.find(ask.tokens[part.start : part.stop], inside, ask.subjects)

    def _asks_why(self, ask: Question) -> bool:
        return any_phrase(ask.tokens, self.words.why)

    def _asks_when(self, ask: Question) -> bool:
        """Whether the question asks for a date: "when did/was...", "what year", or a
        closing "when" ("ms-22 crew launched when")."""
        toks = ask.tokens[ask.part.start : ask.part.stop] if ask.part else ask.tokens
        return toks[-1:] == ("when",) or any(
            pair in _WHEN or (pair[0] == "when" and pair[1] in AUXILIARIES)
            for pair in itertools.pairwise(toks)
        )

    def _asks_amount(self, ask: Question) -> bool:
        """Whether the question asks "how much", "how far" and the like."""
        words = self.factbase.amount_words
        toks = ask.tokens
        return any(a == "how" and b in words for a, b in itertools.pairwise(toks))

    def _asks_time(self, ask: Question) -> bool:
        """Whether the question asks for a time of day ("what time", "utc"); "the first
        time anyone swapped a seat liner" does not."""
        toks = ask.tokens
        asked = self._spelled(ask) & self.factbase.time_words
        if not asked:
            return False
        occasion = {
            at + k
            for at, phrase in phrase_starts(toks, self.words.occasion)
            for k in range(len(phrase))
        }
        return any(
            self.factbase.spellings.get(t, t) in asked
            for i, t in enumerate(toks)
            if i not in occasion
        )

    def _spelled(self, ask: Question) -> frozenset[str]:
        """The question's words as the chat spellings read them ("wen" is "when")."""
        if ask.spelled is None:
            ask.spelled = frozenset(self.factbase.spellings.get(t, t) for t in ask.tokens)
        return ask.spelled

    def _lead(self, words: Sequence[str]) -> int:
        """How many filler words ("so", "anyway", "but") open a clause before what it asks."""
        n = 0
        while n < len(words) and words[n] in self.words.clause_fillers:
            n += 1
        return n


def _closing(
    question: str,
    toks: tuple[str, ...],
    covered: set[int],
    phrases: Collection[tuple[str, ...]],
) -> set[int]:
    """The token positions of the message's last part, set apart by punctuation, when it
    is one of `phrases` and not all of the message: ", right?", ". Can you help?"."""
    tail = tokenize(_TAG_BREAKS.split(question.rstrip(_TRAILING))[-1])
    if tail not in phrases or len(tail) >= len(toks) or toks[-len(tail) :] != tail:
        return set()
    span = set(range(len(toks) - len(tail), len(toks)))
    return set() if span & covered else span


def _proper(entity: Entity) -> set[str]:
    """The tokens of a name's capitalised words: Prokopyev and Petelin of "cosmonauts
    Prokopyev and Petelin", which an alias that merely describes them lacks; of a craft,
    its own last word (Endurance of Crew Dragon Endurance: "the dragon capsule" lacks it)."""
    if entity.kind not in PEOPLE_KINDS:
        return set(tokenize(entity.name.split()[-1]))
    return {t for word in entity.name.split() if word[:1].isupper() for t in tokenize(word)}


def _lead(scored: Scored) -> float:
    """How far the best reading is ahead of the next: how clearly the words read."""
    top = scored.candidates
    return top[0].score - (top[1].score if len(top) > 1 else 0.0) if top else 0.0


def question_word(toks: Sequence[str]) -> str | None:
    """The first question word of a question ("who", "which"), or None."""
    return next((t for t in toks if t in QUESTION_WORDS), None)


@lru_cache(maxsize=256)
def _by_first(phrases: Collection[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """A word list's phrases by their first word, built once per list."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        if phrase:
            index.setdefault(phrase[0], []).append(phrase)
    return {word: tuple(found) for word, found in index.items()}


def phrase_starts(
    toks: Sequence[str], phrases: Collection[tuple[str, ...]]
) -> Iterator[tuple[int, tuple[str, ...]]]:
    """Where the phrases of a word list (a hashable collection) occur in `toks` as runs of
    whole tokens, with each phrase: one pass over `toks`, not a scan of it per phrase."""
    index = _by_first(phrases)
    for i, token in enumerate(toks):
        for phrase in index.get(token, ()):
            if tuple(toks[i : i + len(phrase)]) == phrase:
                yield i, phrase


def phrases_in(toks: Sequence[str], phrases: Collection[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The phrases of a word list that occur in `toks`, in the list's order."""
    found = {phrase for _, phrase in phrase_starts(toks, phrases)}
    return [p for p in phrases if p in found]


def any_phrase(toks: Sequence[str], phrases: Collection[tuple[str, ...]]) -> bool:
    """Whether any phrase of a word list occurs in `toks`."""
    return next(phrase_starts(toks, phrases), None) is not None


def has_phrase(toks: Sequence[str], phrase: Sequence[str]) -> bool:
    """Whether `phrase` occurs in `toks` as a run of whole tokens."""
    n = len(phrase)
    if n <= 1:
        # An empty phrase occurs everywhere (a value or stem that tokenizes to nothing).
        return n == 0 or phrase[0] in toks
    first, whole = phrase[0], tuple(phrase)
    return any(
        t == first and tuple(toks[i : i + n]) == whole
        for i, t in enumerate(toks[: len(toks) - n + 1])
    )


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

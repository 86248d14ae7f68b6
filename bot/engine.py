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

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Literal

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from bot.factbase import Citation, Fact, FactBase, Gap, Value
from bot.matching import Candidate, IntentMatcher, MatcherSettings
from bot.missions import MissionIndex
from bot.text import tokens as tokenize

Status = Literal["answered", "clarify", "unknown"]

# An unknown-mission reply names this many known missions, then "and N more".
_LISTED_MISSIONS = 8

# Fill-in words that leave a follow-up's topic unchanged: "and ms-22?", "what about it".
_FOLLOW_UP_WORDS = frozenset({"and", "what", "about", "how", "for", "then", "also", "same"})


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
    max_suggestions: int = 3
    decisive_lead: float = 0.25
    """A best intent that leads the runner-up by this much is answered from the `clarify`
    level up: "how come it flew up with nobody inside" has one plausible reading."""


@dataclass(frozen=True, slots=True)
class Context:
    """What a conversation remembers between questions: its mission and last topic."""

    mission: str | None = None
    intent: str | None = None

    def after(self, answer: Answer) -> Context:
        """The context for the next question in the same conversation."""
        if answer.mission is None:
            return self
        return Context(answer.mission, answer.intent or self.intent)


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
    """(mission, intent) behind each suggestion, for front ends that offer buttons."""

    def as_dict(self) -> dict[str, Any]:
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
        self.missions = MissionIndex({m.id: m.aliases for m in factbase.missions.values()})
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
        # alias -> mission id, for "did you mean" and autocomplete on every keystroke.
        self._alias_owner = {
            alias: mission.id for mission in factbase.missions.values() for alias in mission.aliases
        }
        self._aliases = tuple(self._alias_owner)
        self._by_source: dict[str, list[str]] = {}
        for m in self.mission_order:
            self._by_source.setdefault(factbase.missions[m].source, []).append(m)

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
        """Answer `question`, reading the conversation's mission and topic from `context`.

        `mission`, when given (a command option), binds like a mission named in the text.
        """
        context = context or Context()
        if context.mission is not None and context.mission not in self.factbase.missions:
            context = Context()  # remembered before a reload removed that mission
        elif context.intent is not None and context.intent not in self.factbase.intents:
            context = Context(context.mission)
        toks = tokenize(question)
        mentions = self.missions.mentions(toks)
        unknown = [m.text for m in mentions if m.mission is None]
        named = list(dict.fromkeys(m.mission for m in mentions if m.mission is not None))
        if mission is not None:
            if mission not in self.factbase.missions:
                raise KeyError(f"unknown mission {mission!r}")
            named = [mission, *(m for m in named if m != mission)]
        if unknown:
            return self._unknown_mission(question, unknown[0])
        covered = {i for m in mentions for i in range(m.start, m.end)}
        rest = tuple(t for i, t in enumerate(toks) if i not in covered)
        scored = self._score(rest)
        best = scored.best
        top = tuple((c.intent, round(c.score, 3)) for c in scored.candidates[:5])

        if not scored.content or set(scored.content) <= _FOLLOW_UP_WORDS:
            # "ms-23?", "and ms-22?", "what about it": keep the topic, or give the overview.
            if named or (context.mission and context.intent):
                intent = context.intent if context.intent else "overview"
                return self._resolve(question, intent, named, context, 1.0, top)
            return self._out_of_scope(question, 0.0, top)

        limits = self.thresholds
        if not scored.specific:
            # "ms-23 when?", "what's the time": no topic named, so never a guess.
            if best is None or not (named or context.mission):
                return self._out_of_scope(question, best.score if best else 0.0, top)
            close = list(scored.candidates[: limits.max_suggestions])
            return self._clarify(question, close, named, context, best.score, top)
        if named:
            discount = limits.named_discount
        elif scored.anchored or context.mission:
            discount = 0.0
        else:
            discount = -limits.unanchored_penalty
        if best is None or best.score < limits.clarify - discount:
            return self._out_of_scope(question, best.score if best else 0.0, top)
        runner_up = scored.candidates[1].score if len(scored.candidates) > 1 else 0.0
        confident = best.score >= limits.answer - discount or (
            best.score - runner_up >= limits.decisive_lead
        )
        if confident and best.score - runner_up >= limits.margin:
            return self._resolve(question, best.intent, named, context, best.score, top)
        close = [
            c
            for c in scored.candidates[: limits.max_suggestions]
            if best.score - c.score < limits.margin * 2
        ]
        if not confident and len(close) == 1:
            return self._out_of_scope(question, best.score, top)
        return self._clarify(question, close, named, context, best.score, top)

    def answer_topic(self, mission: str, intent: str) -> Answer:
        """The answer for a chosen topic (a button, `/mission topic:`), without matching."""
        if mission not in self.factbase.missions or intent not in self.factbase.intents:
            raise KeyError(f"unknown mission or topic: {mission}/{intent}")
        question = self.suggestion(mission, intent)
        entry = self.factbase.lookup(mission, intent)
        if entry is None:
            return self._no_fact(question, mission, intent, 1.0, ())
        return self._from_entry(question, entry, 1.0, ())

    def nearest_missions(self, name: str, limit: int = 3) -> list[str]:
        """Mission ids whose names or aliases look most like `name` ("did you mean")."""
        found = process.extract(
            name,
            self._aliases,
            scorer=fuzz.WRatio,
            processor=default_process,
            limit=None,
            score_cutoff=50,
        )
        return list(dict.fromkeys(self._alias_owner[alias] for alias, _, _ in found))[:limit]

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
        return self.factbase.missions[mission].name

    def suggestion(self, mission: str, intent: str) -> str:
        """A question that, asked as is, gets the fact for (mission, intent)."""
        template = (
            self.factbase.intents[intent].ask
            or "{name}: " + self.factbase.intents[intent].title.lower()
        )
        return template.format(name=self.mission_name(mission))

    def resolve_mission(self, name: str) -> str | None:
        """The mission id a user-typed name refers to ("ms23", "ISS 69S"), or None."""
        if name in self.factbase.missions:
            return name
        return self.missions.resolve(name)

    # ------------------------------------------------------------------ outcomes

    def _resolve(
        self,
        question: str,
        intent: str,
        named: Sequence[str],
        context: Context,
        confidence: float,
        top: tuple[tuple[str, float], ...],
    ) -> Answer:
        """Find the fact for `intent` about the mission the question is about."""
        if named:
            for mission in named:
                entry = self.factbase.lookup(mission, intent)
                if entry is not None:
                    return self._from_entry(question, entry, confidence, top)
            return self._no_fact(question, named[0], intent, confidence, top)
        mission = context.mission or self.default_mission
        entry = self.factbase.lookup(mission, intent)
        if entry is None:
            # "What was the lifeboat plan?" is about the missions that had one; the
            # first in the fact files answers, and its answer names it.
            owner = next(iter(self.factbase.missions_with(intent)), None)
            if owner is not None:
                entry = self.factbase.lookup(owner, intent)
        if entry is None:
            return self._no_fact(question, mission, intent, confidence, top)
        return self._from_entry(question, entry, confidence, top)

    def _from_entry(
        self,
        question: str,
        entry: Fact | Gap,
        confidence: float,
        top: tuple[tuple[str, float], ...],
    ) -> Answer:
        if isinstance(entry, Fact):
            return Answer(
                question,
                "answered",
                entry.mission,
                entry.intent,
                entry.answer,
                confidence,
                entry.citations,
                (),
                entry.value,
                entry.id,
                top,
            )
        related = [self.factbase.facts[ref] for ref in entry.see_also]
        text = f"My sources don't give {entry.missing}: {entry.problem}."
        if related:
            text += " What they do say: " + " ".join(f.answer for f in related)
        topics = tuple((f.mission, f.intent) for f in related)
        return Answer(
            question,
            "unknown",
            entry.mission,
            entry.intent,
            text,
            confidence,
            tuple(c for f in related for c in f.citations),
            self._suggestions(topics),
            None,
            entry.id,
            top,
            topics,
        )

    def _no_fact(
        self,
        question: str,
        mission: str,
        intent: str,
        confidence: float,
        top: tuple[tuple[str, float], ...],
    ) -> Answer:
        name = self.mission_name(mission)
        title = self.factbase.intents[intent].title.lower()
        covered = self.factbase.topics(mission)
        # Missions from the same document first: "when did ms-24 launch?" suggests
        # MS-23's launch, not a mission from an unrelated document added later.
        source = self.factbase.missions[mission].source
        wanted = self.thresholds.max_suggestions
        same = [
            m
            for m in self._by_source[source]
            if m != mission and self.factbase.lookup(m, intent) is not None
        ]
        rest = (m for m in self.factbase.missions_with(intent) if m != mission and m not in same)
        others = (same + list(itertools.islice(rest, wanted)))[:wanted]
        topics = tuple([(m, intent) for m in others] + [(mission, i) for i in covered])[
            : self.thresholds.max_suggestions
        ]
        text = f"My sources don't give the {title} of {name}."
        if covered:
            titles = ", ".join(self.factbase.intents[i].title.lower() for i in covered)
            text += f" About {name} they cover: {titles}."
        return Answer(
            question,
            "unknown",
            mission,
            intent,
            text,
            confidence,
            (),
            self._suggestions(topics),
            None,
            None,
            top,
            topics,
        )

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

    def _clarify(
        self,
        question: str,
        close: Sequence[Candidate],
        named: Sequence[str],
        context: Context,
        best: float,
        top: tuple[tuple[str, float], ...],
    ) -> Answer:
        mission = named[0] if named else context.mission or self.default_mission
        topics = []
        for candidate in close:
            owner = mission
            if self.factbase.lookup(owner, candidate.intent) is None and not named:
                owner = next(iter(self.factbase.missions_with(candidate.intent)), owner)
            topics.append((owner, candidate.intent))
        suggestions = self._suggestions(topics)
        text = "I'm not sure which you mean. Did you mean: " + " / ".join(suggestions)
        return Answer(
            question,
            "clarify",
            mission if named else None,
            None,
            text,
            best,
            (),
            suggestions,
            None,
            None,
            top,
            tuple(topics),
        )

    def _suggestions(self, topics: Sequence[tuple[str, str]]) -> tuple[str, ...]:
        return tuple(self.suggestion(m, i) for m, i in topics)


def with_thresholds(engine: Engine, **changes: float) -> Engine:
    """A copy of `engine` with some thresholds changed (for tuning)."""
    clone = object.__new__(Engine)
    clone.__dict__.update(engine.__dict__)
    clone.thresholds = replace(engine.thresholds, **changes)  # type: ignore[arg-type]
    return clone

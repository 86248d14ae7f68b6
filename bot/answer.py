"""What the engine replies, and what a conversation remembers between questions.

`Answer.as_dict()` is the stable JSON contract of `ask --json`; `Context` is what a
follow-up ("he", "that one", "how many days is that") points back to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from bot.factbase import Citation, Entity, Value

Status = Literal["answered", "clarify", "unknown"]


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
    unknown: str | None = None
    """A mission the fact base lacks that the last question asked about ("soyuz ms 25"):
    "when did it launch" then asks about it, not about a mission the bot knows."""

    def after(self, answer: Answer) -> Context:
        """The context for the next question in the same conversation."""
        if answer.unknown is not None:
            return Context(unknown=answer.unknown)
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
    if not now:
        return before  # "and the landing site?" between "when did it land" and "how many days"
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
    unknown: str | None = field(default=None, compare=False)
    """The name of a mission the fact base lacks that the question asked about."""
    missions: tuple[str, ...] = field(default=(), compare=False)
    """Every mission the answer bears on beyond `mission`: the one its value names (MS-24
    for "what came after MS-23") and those of the person, craft or event it is about."""

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

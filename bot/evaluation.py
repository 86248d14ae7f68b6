"""Accuracy of the engine on a labelled question set.

A question set is YAML, ``questions: [...]``, labelled in one of two ways:

* by what the answer must contain, so that someone who never saw the intent list
  can write it: ``{q, kind, expect, forbid, mission, conversation}``. `kind` is
  `answer` (the source gives it: the answer must match every `expect` regex and no
  `forbid` regex, case-insensitively), `negative` (about the document, but the
  source does not give it) or `refuse` (not about the document). `mission`, a name
  or id, is the mission the answer must be about.
* by intent (the older sets): ``{q, mission, intent, status}``; `intent: null`
  marks an out-of-scope question.

Rows that share a `conversation` id are asked in file order with the context the
previous answers left; every other row is asked in a fresh conversation.
A **wrong answer** is one given where it should not be: a fact that fails the
labels, another entity's fact, or any answer to a `negative` or `refuse` row.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from bot.conversations import ConversationStore
from bot.engine import Answer, Engine

KINDS = ("answer", "negative", "refuse")


@dataclass(frozen=True, slots=True)
class Labelled:
    question: str
    mission: str | None
    intent: str | None
    status: str
    kind: str | None = None
    """answer | negative | refuse for a set labelled by content; None for one by intent."""
    expect: tuple[re.Pattern[str], ...] = ()
    forbid: tuple[re.Pattern[str], ...] = ()
    conversation: str | None = None

    @property
    def in_scope(self) -> bool:
        return self.kind in ("answer", "negative") if self.kind else self.intent is not None


@dataclass
class Report:
    """Outcomes of one evaluation run; `summary()` is what `bot eval` prints."""

    results: list[tuple[Labelled, Answer]] = field(default_factory=list)

    @property
    def in_scope(self) -> list[tuple[Labelled, Answer]]:
        return [(q, a) for q, a in self.results if q.in_scope]

    @property
    def out_of_scope(self) -> list[tuple[Labelled, Answer]]:
        return [(q, a) for q, a in self.results if not q.in_scope]

    @staticmethod
    def correct(q: Labelled, a: Answer) -> bool:
        if q.kind is not None:
            if q.kind != "answer":
                return a.status != "answered"
            return a.status == "answered" and Report.content_ok(q, a)
        if q.intent is None:
            return a.status != "answered"
        return (a.status, a.mission, a.intent) == (q.status, q.mission, q.intent)

    @staticmethod
    def content_ok(q: Labelled, a: Answer) -> bool:
        """The answer says what the labels ask, of the entity they name."""
        return (
            all(p.search(a.text) for p in q.expect)
            and not any(p.search(a.text) for p in q.forbid)
            and not Report.confused(q, a)
        )

    @staticmethod
    def confused(q: Labelled, a: Answer) -> bool:
        """Answered about another mission than the labelled one: neither the answer's own,
        nor the one its value names, nor one its person, craft or event took part in."""
        return q.mission is not None and q.mission != a.mission and q.mission not in a.missions

    @property
    def wrong_answers(self) -> list[tuple[Labelled, Answer]]:
        """Answered, but with what the labels reject or what should not be answered."""
        return [
            (q, a) for q, a in self.results if a.status == "answered" and not self.correct(q, a)
        ]

    @property
    def wrong_answer_rate(self) -> float:
        """Wrong answers as a share of the whole set."""
        return len(self.wrong_answers) / len(self.results) if self.results else 0.0

    @property
    def accuracy(self) -> float:
        rows = self.in_scope
        return sum(self.correct(q, a) for q, a in rows) / len(rows) if rows else 1.0

    @property
    def false_answers(self) -> list[tuple[Labelled, Answer]]:
        """Answered although the expected outcome is not an answer."""
        return [
            (q, a) for q, a in self.results if q.status != "answered" and a.status == "answered"
        ]

    @property
    def false_answer_rate(self) -> float:
        expected_unknown = [r for r in self.results if r[0].status != "answered"]
        return len(self.false_answers) / len(expected_unknown) if expected_unknown else 0.0

    @property
    def entity_confusions(self) -> list[tuple[Labelled, Answer]]:
        """Answered with another mission's fact than the one asked about."""
        return [(q, a) for q, a in self.results if a.status == "answered" and self.confused(q, a)]

    @property
    def clarified(self) -> int:
        return sum(a.status == "clarify" for _, a in self.in_scope)

    def per_intent(self) -> dict[str, tuple[int, int]]:
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for q, a in self.in_scope:
            counts[q.intent or ""][1] += 1
            counts[q.intent or ""][0] += self.correct(q, a)
        return {k: (v[0], v[1]) for k, v in sorted(counts.items())}

    def per_kind(self) -> dict[str, tuple[int, int]]:
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for q, a in self.results:
            key = q.kind or ("answer" if q.status == "answered" else "negative")
            if q.kind is None and q.intent is None:
                key = "refuse"
            counts[key][1] += 1
            counts[key][0] += self.correct(q, a)
        return {k: (v[0], v[1]) for k, v in sorted(counts.items())}

    def confusions(self) -> Counter[tuple[str, str]]:
        return Counter(
            (f"{q.intent or q.kind}", f"{a.status}:{a.intent}")
            for q, a in self.in_scope
            if not self.correct(q, a)
        )

    def summary(self, verbose: bool = False, aggregates: bool = False) -> str:
        """The report; `aggregates` stops at the overall figures and the counts per kind,
        which is all a held-out set may be read for."""
        lines = [
            f"questions: {len(self.results)} ({len(self.in_scope)} in scope, "
            f"{len(self.out_of_scope)} out of scope)",
            f"in-scope accuracy: {self.accuracy:.1%} "
            f"({sum(self.correct(q, a) for q, a in self.in_scope)}/{len(self.in_scope)}; "
            f"{self.clarified} asked to clarify)",
            f"false answers: {self.false_answer_rate:.1%} ({len(self.false_answers)} of "
            f"{sum(q.status != 'answered' for q, _ in self.results)} that should not be answered)",
            f"wrong answers: {self.wrong_answer_rate:.1%} ({len(self.wrong_answers)} of "
            f"{len(self.results)}: answered with a fact the labels reject, another entity's "
            "fact, or what should not be answered)",
            f"entity confusions: {len(self.entity_confusions)}",
            "",
            "per kind (correct/total): "
            + ", ".join(f"{k} {ok}/{total}" for k, (ok, total) in self.per_kind().items()),
        ]
        if aggregates:
            return "\n".join(lines)
        if any(q.kind is None for q, _ in self.results):
            lines += ["", "per intent (correct/total):"]
        for intent, (ok, total) in self.per_intent().items():
            if intent in KINDS:
                continue
            flag = "" if ok == total else "  <"
            lines.append(f"  {intent:<20} {ok:>3}/{total:<3}{flag}")
        if confusions := self.confusions():
            lines += ["", "confusions (expected -> got):"]
            lines += [f"  {exp} -> {got}: {n}" for (exp, got), n in confusions.most_common()]
        if verbose and self.wrong_answers:
            lines += ["", "wrong answers:"]
            lines += [
                f"  {q.question!r} ({q.kind or q.intent}) -> {a.mission}/{a.intent}: {a.text:.90}"
                for q, a in self.wrong_answers
            ]
        if verbose:
            lines += ["", "misses:"]
            lines += [
                f"  {q.question!r}: expected {q.kind or q.status} {q.mission}/{q.intent}"
                f"{' ' + '; '.join(p.pattern for p in q.expect) if q.expect else ''}, "
                f"got {a.status} {a.mission}/{a.intent} {a.candidates[:3]}"
                for q, a in self.results
                if not self.correct(q, a) and a.status != "answered"
            ]
        return "\n".join(lines)


def load_questions(path: Path | str) -> list[Labelled]:
    """Read a labelled question set; raise ValueError naming the entry that is malformed."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    rows = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise ValueError(f"{path}: expected a top-level 'questions' list")
    questions = []
    for n, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or not isinstance(row.get("q"), str):
            raise ValueError(f"{path}: question {n} needs a text field 'q'")
        if "kind" in row:
            questions.append(_by_content(path, n, row))
            continue
        status = row.get("status", "answered" if row.get("intent") else "unknown")
        if status not in ("answered", "clarify", "unknown"):
            raise ValueError(f"{path}: question {n} has an invalid status {status!r}")
        questions.append(
            Labelled(
                row["q"],
                row.get("mission"),
                row.get("intent"),
                status,
                conversation=_conversation(row),
            )
        )
    return questions


def _by_content(path: Path | str, n: int, row: dict[str, object]) -> Labelled:
    kind = row["kind"]
    if kind not in KINDS:
        raise ValueError(f"{path}: question {n} has kind {kind!r}; use one of: {', '.join(KINDS)}")
    patterns = {}
    for key in ("expect", "forbid"):
        raw = row.get(key) or []
        if not isinstance(raw, list) or not all(isinstance(p, str) for p in raw):
            raise ValueError(f"{path}: question {n}: '{key}' must be a list of regexes")
        try:
            patterns[key] = tuple(re.compile(p, re.IGNORECASE) for p in raw)
        except re.error as exc:
            raise ValueError(f"{path}: question {n}: bad regex in '{key}': {exc}") from exc
    if kind == "answer" and not patterns["expect"]:
        raise ValueError(f"{path}: question {n}: an 'answer' row needs at least one 'expect'")
    mission = row.get("mission")
    return Labelled(
        str(row["q"]),
        str(mission) if mission else None,
        None,
        "answered" if kind == "answer" else "unknown",
        str(kind),
        patterns["expect"],
        patterns["forbid"],
        _conversation(row),
    )


def _conversation(row: dict[str, object]) -> str | None:
    value = row.get("conversation")
    return None if value is None else str(value)


def evaluate(engine: Engine, questions: Iterable[Labelled]) -> Report:
    """Ask every question; rows of one conversation share its context, in order."""
    store = ConversationStore(max_size=100_000, ttl=float("inf"))
    results = []
    for q in questions:
        if q.mission is not None and q.kind is not None:
            mission = engine.resolve_mission(q.mission)
            if mission is None and q.kind == "answer":
                raise ValueError(
                    f"question {q.question!r}: unknown mission {q.mission!r}; an answer "
                    "must be about a mission of the fact base (see `python -m bot check`)"
                )
            # A question the source does not answer may be about a mission it lacks
            # ("what was soyuz ms-25 about"): any answer is then another mission's.
            q = replace(q, mission=mission or q.mission)
        if q.conversation is None:
            answer = engine.ask(q.question)
        else:
            answer = engine.ask(q.question, store.get(q.conversation))
            store.remember(q.conversation, answer)
        results.append((q, answer))
    return Report(results)

"""Accuracy of the engine on a labelled question set.

A question set is YAML: ``questions: [{q, mission, intent, status}, ...]``.
`intent: null` marks an out-of-scope question: any `answered` outcome for it is a
false answer. Each question is asked in a fresh conversation.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bot.engine import Answer, Engine


@dataclass(frozen=True, slots=True)
class Labelled:
    question: str
    mission: str | None
    intent: str | None
    status: str


@dataclass
class Report:
    """Outcomes of one evaluation run; `summary()` is what `bot eval` prints."""

    results: list[tuple[Labelled, Answer]] = field(default_factory=list)

    @property
    def in_scope(self) -> list[tuple[Labelled, Answer]]:
        return [(q, a) for q, a in self.results if q.intent is not None]

    @property
    def out_of_scope(self) -> list[tuple[Labelled, Answer]]:
        return [(q, a) for q, a in self.results if q.intent is None]

    @staticmethod
    def correct(q: Labelled, a: Answer) -> bool:
        if q.intent is None:
            return a.status != "answered"
        return (a.status, a.mission, a.intent) == (q.status, q.mission, q.intent)

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
        return [
            (q, a)
            for q, a in self.results
            if a.status == "answered" and q.mission is not None and a.mission != q.mission
        ]

    @property
    def clarified(self) -> int:
        return sum(a.status == "clarify" for _, a in self.in_scope)

    def per_intent(self) -> dict[str, tuple[int, int]]:
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for q, a in self.in_scope:
            counts[q.intent or ""][1] += 1
            counts[q.intent or ""][0] += self.correct(q, a)
        return {k: (v[0], v[1]) for k, v in sorted(counts.items())}

    def confusions(self) -> Counter[tuple[str, str]]:
        return Counter(
            (f"{q.intent}", f"{a.status}:{a.intent}")
            for q, a in self.in_scope
            if not self.correct(q, a)
        )

    def summary(self, verbose: bool = False) -> str:
        lines = [
            f"questions: {len(self.results)} ({len(self.in_scope)} in scope, "
            f"{len(self.out_of_scope)} out of scope)",
            f"in-scope accuracy: {self.accuracy:.1%} "
            f"({sum(self.correct(q, a) for q, a in self.in_scope)}/{len(self.in_scope)}; "
            f"{self.clarified} asked to clarify)",
            f"false answers: {self.false_answer_rate:.1%} ({len(self.false_answers)} of "
            f"{sum(q.status != 'answered' for q, _ in self.results)} that should not be answered)",
            f"entity confusions: {len(self.entity_confusions)}",
            "",
            "per intent (correct/total):",
        ]
        for intent, (ok, total) in self.per_intent().items():
            flag = "" if ok == total else "  <"
            lines.append(f"  {intent:<20} {ok:>3}/{total:<3}{flag}")
        if confusions := self.confusions():
            lines += ["", "confusions (expected -> got):"]
            lines += [f"  {exp} -> {got}: {n}" for (exp, got), n in confusions.most_common()]
        if self.false_answers:
            lines += ["", "false answers:"]
            lines += [f"  {q.question!r} -> {a.mission}/{a.intent}" for q, a in self.false_answers]
        if verbose:
            lines += ["", "misses:"]
            lines += [
                f"  {q.question!r}: expected {q.status} {q.mission}/{q.intent}, "
                f"got {a.status} {a.mission}/{a.intent} {a.candidates[:3]}"
                for q, a in self.in_scope
                if not self.correct(q, a)
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
        status = row.get("status", "answered" if row.get("intent") else "unknown")
        if status not in ("answered", "clarify", "unknown"):
            raise ValueError(f"{path}: question {n} has an invalid status {status!r}")
        questions.append(Labelled(row["q"], row.get("mission"), row.get("intent"), status))
    return questions


def evaluate(engine: Engine, questions: Iterable[Labelled]) -> Report:
    return Report([(q, engine.ask(q.question)) for q in questions])

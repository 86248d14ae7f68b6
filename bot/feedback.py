"""Learning from unanswered questions: a small SQLite store and the `review` report.

When the option is on, the front ends record every question that ended
`unknown` or `clarify`, and every answer a user marked unhelpful (👎), with the
nearest intents the matcher found. `review` groups those questions by
similarity, most frequent first, so a curator sees what people keep asking and
gets lines ready to paste into an intent's `examples`.

Privacy by construction: a row holds the question text, the outcome, the
intents and scores and the time. No user id is ever stored; a front end may pass
a salted hash (`hash_user`) when the operator asks for it, and rows older than
the retention period are deleted on every write.

The store is the standard library's sqlite3, one file, safe to call from the
Discord event loop's worker threads (one connection behind a lock).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from bot.text import MAX_QUESTION_CHARS, alias_key, clean, tokens

if TYPE_CHECKING:
    from bot.config import FeedbackConfig
    from bot.engine import Answer
    from bot.factbase import FactBase

SCHEMA_VERSION = 1
OUTCOMES = ("unknown", "clarify", "unhelpful")
DAY = 86_400.0
GROUP_THRESHOLD = 70.0
"""token_sort_ratio (0..100) above which two questions are the same question."""
NEAR = 0.3
"""Below this matcher score, the nearest intent is too far to suggest examples for."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS questions (
    id INTEGER PRIMARY KEY,
    asked_at REAL NOT NULL,                  -- Unix time, UTC
    question TEXT NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('unknown', 'clarify', 'unhelpful')),
    mission TEXT,                            -- the mission the engine settled on, if any
    intent TEXT,                             -- the intent the engine settled on, if any
    candidates TEXT NOT NULL DEFAULT '[]',   -- JSON [[intent, score], ...], best first
    user_hash TEXT                           -- salted hash, only when the option says so
);
CREATE INDEX IF NOT EXISTS questions_asked_at ON questions (asked_at);
CREATE TABLE IF NOT EXISTS votes (
    id INTEGER PRIMARY KEY,
    voted_at REAL NOT NULL,
    mission TEXT,
    intent TEXT NOT NULL,
    helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    user_hash TEXT
);
CREATE INDEX IF NOT EXISTS votes_voted_at ON votes (voted_at);
"""


class FeedbackError(ValueError):
    """A feedback database that cannot be used; the message says what to do."""


@dataclass(frozen=True, slots=True)
class Record:
    """One recorded question."""

    question: str
    outcome: str
    candidates: tuple[tuple[str, float], ...]
    asked_at: float
    mission: str | None = None
    intent: str | None = None


@dataclass(frozen=True, slots=True)
class VoteCount:
    intent: str
    helpful: int
    unhelpful: int


def hash_user(user_id: int | str, salt: str) -> str:
    """A keyed hash of a user id: counts one person's questions without storing who."""
    if not salt:
        raise FeedbackError("hashing user ids needs a secret salt; set feedback.user_id_salt")
    return hmac.new(salt.encode(), str(user_id).encode(), hashlib.sha256).hexdigest()[:32]


class FeedbackStore:
    """The recorded questions and votes in one SQLite file; old rows expire."""

    def __init__(
        self, path: Path | str, retention_days: float = 90.0, *, read_only: bool = False
    ) -> None:
        if retention_days <= 0:
            raise FeedbackError("feedback.retention_days must be more than 0")
        self.path = Path(path)
        self.retention = retention_days * DAY
        self._lock = threading.Lock()
        try:
            if read_only:
                if not self.path.is_file():
                    raise FeedbackError(
                        f"{self.path}: no feedback database; turn on [feedback] enabled in the "
                        "bot's config and let it run, or pass --db FILE"
                    )
                uri = self.path.resolve().as_uri() + "?mode=ro"
                self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.path, check_same_thread=False)
        except sqlite3.Error as exc:
            raise FeedbackError(f"{self.path}: cannot open ({exc}); check the path") from None
        try:
            self._prepare(read_only)
        except (sqlite3.DatabaseError, FeedbackError) as exc:
            self._db.close()
            if isinstance(exc, FeedbackError):
                raise
            raise FeedbackError(
                f"{self.path}: not a usable feedback database ({exc}); move it away and a "
                "new one is created"
            ) from None

    def _prepare(self, read_only: bool) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise FeedbackError(
                f"{self.path}: written by a newer mission-bot (schema {version}); "
                "upgrade mission-bot or use another --db file"
            )
        if read_only:
            if version < SCHEMA_VERSION:
                raise FeedbackError(f"{self.path}: not a feedback database; check --db")
            return
        with self._db:
            self._db.executescript(_SCHEMA)
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        self.purge()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> FeedbackStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ writing

    def record(
        self,
        question: str,
        outcome: str,
        candidates: Iterable[tuple[str, float]] = (),
        when: float | None = None,
        user_hash: str | None = None,
        *,
        mission: str | None = None,
        intent: str | None = None,
    ) -> None:
        """Store one question that was not answered well; `when` is Unix time (default now)."""
        if outcome not in OUTCOMES:
            raise ValueError(f"outcome must be one of {', '.join(OUTCOMES)}, got {outcome!r}")
        when = time.time() if when is None else when
        pairs = [[str(i), round(float(s), 3)] for i, s in candidates]
        with self._lock, self._db:
            self._db.execute(
                "INSERT INTO questions (asked_at, question, outcome, mission, intent, "
                "candidates, user_hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    when,
                    question[:MAX_QUESTION_CHARS],
                    outcome,
                    mission,
                    intent,
                    json.dumps(pairs),
                    user_hash,
                ),
            )
            self._purge(when)

    def record_answer(
        self, answer: Answer, when: float | None = None, user_hash: str | None = None
    ) -> bool:
        """Record `answer`'s question if it ended unknown or clarify; True if recorded."""
        if answer.status not in ("unknown", "clarify"):
            return False
        self.record(
            answer.question,
            answer.status,
            answer.candidates,
            when,
            user_hash,
            mission=answer.mission,
            intent=answer.intent,
        )
        return True

    def vote(
        self,
        intent: str,
        helpful: bool,
        when: float | None = None,
        user_hash: str | None = None,
        *,
        mission: str | None = None,
    ) -> None:
        """Count one 👍 (`helpful`) or 👎 for an answer about `intent`."""
        with self._lock, self._db:
            self._db.execute(
                "INSERT INTO votes (voted_at, mission, intent, helpful, user_hash) "
                "VALUES (?, ?, ?, ?, ?)",
                (time.time() if when is None else when, mission, intent, int(helpful), user_hash),
            )

    def vote_answer(
        self,
        answer: Answer,
        helpful: bool,
        when: float | None = None,
        user_hash: str | None = None,
    ) -> None:
        """A button press on `answer`: count the vote; a 👎 also records the question."""
        when = time.time() if when is None else when
        self.vote(answer.intent or "(none)", helpful, when, user_hash, mission=answer.mission)
        if not helpful:
            self.record(
                answer.question,
                "unhelpful",
                answer.candidates,
                when,
                user_hash,
                mission=answer.mission,
                intent=answer.intent,
            )

    def purge(self, now: float | None = None) -> int:
        """Delete rows older than the retention period; the number of rows deleted."""
        with self._lock, self._db:
            return self._purge(time.time() if now is None else now)

    def _purge(self, now: float) -> int:
        cutoff = now - self.retention
        deleted = self._db.execute("DELETE FROM questions WHERE asked_at < ?", (cutoff,)).rowcount
        deleted += self._db.execute("DELETE FROM votes WHERE voted_at < ?", (cutoff,)).rowcount
        return deleted

    # ------------------------------------------------------------------ reading

    def records(self, limit: int = 50_000) -> list[Record]:
        """The most recent `limit` questions, newest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT question, outcome, candidates, asked_at, mission, intent "
                "FROM questions ORDER BY asked_at DESC, id DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [
            Record(q, o, tuple((str(i), float(s)) for i, s in json.loads(c)), t, m, i)
            for q, o, c, t, m, i in rows
        ]

    def vote_counts(self) -> list[VoteCount]:
        """👍 and 👎 per intent, most votes first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT intent, SUM(helpful), SUM(1 - helpful) FROM votes GROUP BY intent "
                "ORDER BY COUNT(*) DESC, intent"
            ).fetchall()
        return [VoteCount(i, int(up), int(down)) for i, up, down in rows]


def read_feedback(
    paths: Sequence[Path], retention_days: float = 90.0
) -> tuple[list[Record], list[VoteCount]]:
    """The questions (newest first) and the votes per intent (most first) of one or more
    feedback files, as one: a bot run as several processes has a file per process."""
    records: list[Record] = []
    votes: Counter[tuple[str, bool]] = Counter()
    for path in dict.fromkeys(Path(p).resolve() for p in paths):  # named twice, read once
        with FeedbackStore(path, retention_days, read_only=True) as store:
            records += store.records()
            for count in store.vote_counts():
                votes[count.intent, True] += count.helpful
                votes[count.intent, False] += count.unhelpful
    records.sort(key=lambda r: r.asked_at, reverse=True)
    intents = {intent for intent, _ in votes}
    merged = [VoteCount(i, votes[i, True], votes[i, False]) for i in intents]
    merged.sort(key=lambda v: (-(v.helpful + v.unhelpful), v.intent))
    return records, merged


# ---------------------------------------------------------------------------- grouping


@dataclass(frozen=True, slots=True)
class Group:
    """Questions that say the same thing, as the curator would add them."""

    utterances: tuple[tuple[str, int], ...]
    """(text with mission names removed, times asked), most frequent first."""
    examples: tuple[str, ...]
    """One utterance per distinct key: "how much did it cost" and "how much did cost"
    are the same example to the matcher, which drops "it" and the mission name."""
    count: int
    outcomes: Mapping[str, int]
    intent: str | None
    """The nearest intent (most often the matcher's first candidate), or None."""
    score: float
    answered: str | None
    """The intent the engine did pick for most of them, or None: a known gap or a fact
    marked unhelpful, which example utterances would not fix."""


class Utterances:
    """Questions -> example utterances: mission names out, as intents.yaml wants them.

    `stopwords` (intents.yaml's) are left out of the similarity `key`: function
    words would make "how much did it cost" look like "how much did it weigh".
    """

    def __init__(self, aliases: Iterable[str] = (), stopwords: Iterable[str] = ()) -> None:
        self.stopwords = frozenset(stopwords)
        parts = sorted({alias_key(a) for a in aliases if alias_key(a)}, key=len, reverse=True)
        if parts:
            names = "|".join(r"[\W_]*".join(re.escape(t) for t in key) for key in parts)
            # Whole words only, with an optional possessive: "ms-23's" goes entirely.
            self._names: re.Pattern[str] | None = re.compile(
                rf"(?<![^\W_])(?:the\s+)?(?:{names})(?:['’]s)?(?![^\W_])", re.IGNORECASE
            )
        else:
            self._names = None

    @classmethod
    def of(cls, factbase: FactBase) -> Utterances:
        """The names the engine reads apart from the topic, taken out of questions: every
        mission's, person's, craft's and group's. Names whose words also say what is
        asked stay, as the engine keeps them: events ("the leak") and one-word
        organisations ("roscosmos")."""
        names = [
            alias
            for entity in factbase.entities.values()
            if entity.kind != "event"
            for alias in entity.aliases
            if not (entity.kind == "organisation" and len(alias_key(alias)) == 1)
        ]
        return cls(names, factbase.stopwords)

    def __call__(self, question: str) -> str:
        text = clean(question).casefold()
        if self._names is not None:
            text = self._names.sub(" ", text)
        text = " ".join(text.split())
        # Trailing punctuation changes nothing for the matcher: "apogee?" is "apogee".
        return re.sub(r"\s+([?!.,])", r"\1", text).rstrip(" ,.?!")

    def key(self, utterance: str) -> str:
        """What similarity is measured on: the words that carry the meaning."""
        words = tokens(utterance)
        return " ".join(w for w in words if w not in self.stopwords) or " ".join(words)


def group_questions(
    records: Iterable[Record],
    utterance: Utterances | None = None,
    threshold: float = GROUP_THRESHOLD,
) -> list[Group]:
    """Cluster questions by similarity (rapidfuzz), biggest group first.

    Greedy and deterministic: distinct utterances are taken most frequent first,
    each joins the first group whose leading utterance's key scores at least
    `threshold` (token_sort_ratio), else starts a group.
    """
    utterance = utterance or Utterances()
    by_text: dict[str, list[Record]] = {}
    for record in records:
        text = utterance(record.question)
        if text:
            by_text.setdefault(text, []).append(record)
    ordered = sorted(by_text, key=lambda t: (-len(by_text[t]), t))
    leaders: list[str] = []  # the key of each group's first utterance
    members: list[list[str]] = []
    for text in ordered:
        key = utterance.key(text)
        found = process.extractOne(
            key, leaders, scorer=fuzz.token_sort_ratio, score_cutoff=threshold
        )
        if found is None:
            leaders.append(key)
            members.append([text])
        else:
            members[found[2]].append(text)
    groups = [_group([(t, by_text[t]) for t in texts], utterance) for texts in members]
    return sorted(groups, key=lambda g: -g.count)


def _group(texts: Sequence[tuple[str, list[Record]]], utterance: Utterances) -> Group:
    rows = [r for _, records in texts for r in records]
    nearest: Counter[str] = Counter()
    scores: dict[str, list[float]] = {}
    for row in rows:
        if row.candidates:
            intent, score = row.candidates[0]
            nearest[intent] += 1
            scores.setdefault(intent, []).append(score)
    intent = nearest.most_common(1)[0][0] if nearest else None
    score = sum(scores[intent]) / len(scores[intent]) if intent else 0.0
    picked, times = Counter(r.intent for r in rows).most_common(1)[0]
    utterances = tuple(sorted(((t, len(r)) for t, r in texts), key=lambda p: -p[1]))
    # Per key, the most asked wins, then the longest: "how much did it cost" reads
    # better than "how much did cost" (asked about MS-23 by name).
    examples = {utterance.key(t): t for t, _ in sorted(utterances, key=lambda p: (p[1], len(p[0])))}
    return Group(
        utterances=utterances,
        examples=tuple(sorted(examples.values(), key=[t for t, _ in utterances].index)),
        count=len(rows),
        outcomes=dict(Counter(r.outcome for r in rows).most_common()),
        intent=intent,
        score=score,
        answered=picked if times * 2 > len(rows) else None,
    )


# ---------------------------------------------------------------------------- the report


def review_report(
    groups: Sequence[Group],
    votes: Sequence[VoteCount],
    limit: int = 10,
    examples: Mapping[str, Iterable[str]] | None = None,
    vague: frozenset[str] = frozenset(),
) -> str:
    """The `review` text: top groups with paste-ready example lines, then votes per intent.

    `examples` (intent -> its current example utterances) keeps lines the intent
    already has out of the paste block, and so does `vague` (stopwords and vague
    terms): an utterance made only of those ("when?") would teach the matcher nothing.
    """
    lines = [review_summary(groups, limit)]
    for number, group in enumerate(groups[:limit], start=1):
        lines += ["", f"{number}. {group_heading(group)}"]
        lines += [f"   {line}" for line in group_lines(group, examples, vague)]
    if votes:
        lines += ["", "Votes per intent (👍 helpful / 👎 not):", *vote_lines(votes)]
    return "\n".join(lines)


def review_summary(groups: Sequence[Group], limit: int = 10) -> str:
    """The report's first line: how many questions, groups and outcomes."""
    if not groups:
        return "No recorded questions."
    outcomes: Counter[str] = Counter()
    for group in groups:
        outcomes.update(group.outcomes)
    return (
        f"{sum(g.count for g in groups)} recorded question(s) in {len(groups)} group(s) "
        f"({_counts(outcomes)}); the {min(limit, len(groups))} largest:"
    )


def group_heading(group: Group) -> str:
    """"12x, nearest intent: launch (0.45); unknown 10, clarify 2"."""
    near = (
        f"nearest intent: {group.intent} ({group.score:.2f})" if group.intent else "no intent near"
    )
    return f"{group.count}x, {near}; {_counts(group.outcomes)}"


def group_lines(
    group: Group,
    examples: Mapping[str, Iterable[str]] | None = None,
    vague: frozenset[str] = frozenset(),
) -> list[str]:
    """What a group's people asked, then what the curator can do about it (see review_report)."""
    lines = [f"{json.dumps(t, ensure_ascii=False)} x{n}" for t, n in group.utterances]
    if group.answered and group.outcomes.get("unhelpful", 0) * 2 > group.count:
        return [
            *lines,
            f"Answered as '{group.answered}' and marked unhelpful: check that fact's "
            "answer, or the intent they meant.",
        ]
    if group.answered:
        return [
            *lines,
            f"Understood as '{group.answered}', which the sources do not give: "
            "add a fact if a source has it.",
        ]
    if group.intent is None or group.score < NEAR:
        return [
            *lines,
            "Out of scope, or a topic without an intent: add an intent to "
            "knowledge/intents.yaml if the sources answer it.",
        ]
    known = {e.casefold() for e in (examples or {}).get(group.intent, ())}
    fresh = [
        t
        for t in group.examples
        if t.casefold() not in known and not set(tokens(t)) <= vague
    ]
    if not fresh:
        return [
            *lines,
            f"Already among the examples of '{group.intent}', or too vague to be one.",
        ]
    return [
        *lines,
        f"If they mean '{group.intent}', paste under its examples in knowledge/intents.yaml:",
        *(f"   - {json.dumps(t, ensure_ascii=False)}" for t in fresh),
    ]


def vote_lines(votes: Sequence[VoteCount]) -> list[str]:
    """One aligned line of 👍/👎 counts per intent."""
    width = max((len(v.intent) for v in votes), default=0)
    return [f"  {v.intent:<{width}}  👍 {v.helpful:>4}  👎 {v.unhelpful:>4}" for v in votes]


def _counts(counter: Mapping[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counter.items())


def open_store(config: FeedbackConfig) -> FeedbackStore | None:
    """The store the bot records into, or None when `[feedback] enabled` is off."""
    if not config.enabled:
        return None
    return FeedbackStore(config.path, config.retention_days)

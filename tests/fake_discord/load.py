"""Bursts of questions through the emulator, and the replies they got.

A :class:`Burst` posts messages as many users across channels and, from the moment it is
created, records every accepted reply (a message whose ``message_reference`` names the
question) with the time the emulator received it. Shared by the load tests and
``benchmarks/discord_load.py``::

    burst = Burst(fake)
    await burst.post(questions, before={1000: fake.drop_connection})
    await burst.wait_answered(timeout=60)
    assert burst.missing() == [] and burst.repeated() == {}
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .payloads import FakeUser

if TYPE_CHECKING:
    from .records import RecordedRequest
    from .server import FakeDiscord

MESSAGE_ROUTE = "/channels/{channel_id}/messages"


@dataclass(frozen=True)
class Question:
    """One message to post: where, by whom, what."""

    channel_id: int
    author: FakeUser
    content: str


def spread(
    contents: Sequence[str], channel_ids: Sequence[int], authors: Sequence[FakeUser], count: int
) -> list[Question]:
    """``count`` questions cycling through ``contents``, round-robin over the channels, each
    author asking ``count / len(authors)`` of them (consecutive questions by different
    people, as in a busy server)."""
    return [
        Question(channel_ids[i % len(channel_ids)], authors[i % len(authors)],
                 contents[i % len(contents)])
        for i in range(count)
    ]


class Burst:
    """Posts questions and tracks, per question, the replies that reference it."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.sent: dict[int, float] = {}  # question id -> time.monotonic() when posted
        self.replies: dict[int, list[float]] = {}  # question id -> arrival of each reply
        self.started: float | None = None
        self.answered_at: float | None = None  # when the last question got its first reply
        self._all_answered = asyncio.Event()
        self._posting = False
        fake.listeners.append(self._on_request)

    def _on_request(self, req: RecordedRequest) -> None:
        if not (req.ok and req.method == "POST" and req.route == MESSAGE_ROUTE):
            return
        reference = (req.json or {}).get("message_reference") or {}
        if reference.get("message_id") is None:
            return
        question = int(reference["message_id"])
        self.replies.setdefault(question, []).append(req.time)
        self._check_done()

    def _check_done(self) -> None:
        if self._posting or self._all_answered.is_set() or not self.sent:
            return
        if all(q in self.replies for q in self.sent):
            self.answered_at = max(min(self.replies[q]) for q in self.sent)
            self._all_answered.set()

    async def post(
        self,
        questions: Sequence[Question],
        *,
        before: Mapping[int, Callable[[], Awaitable[Any]]] | None = None,
    ) -> list[dict[str, Any]]:
        """Post every question in order; ``before[i]`` runs just before question ``i`` (a
        fault in the middle of the burst). Returns the posted message payloads."""
        before = before or {}
        self.started = self.started or time.monotonic()
        self._posting = True
        posted = []
        try:
            for i, question in enumerate(questions):
                if i in before:
                    await before[i]()
                stamp = time.monotonic()
                message = await self.fake.send_message(
                    question.channel_id, question.content, author=question.author)
                self.sent[int(message["id"])] = stamp
                posted.append(message)
                await asyncio.sleep(0)  # people type concurrently with the bot's work
        finally:
            self._posting = False
        self._check_done()
        return posted

    async def wait_answered(self, timeout: float = 60) -> None:
        """Until every posted question has at least one reply; TimeoutError names how many
        are still unanswered."""
        try:
            await asyncio.wait_for(self._all_answered.wait(), timeout)
        except TimeoutError:
            raise TimeoutError(
                f"{len(self.missing())} of {len(self.sent)} questions unanswered after "
                f"{timeout}s") from None

    def missing(self) -> list[int]:
        """Questions with no reply."""
        return [q for q in self.sent if q not in self.replies]

    def repeated(self) -> dict[int, int]:
        """Questions answered more than once -> number of replies."""
        return {q: len(r) for q, r in self.replies.items() if q in self.sent and len(r) > 1}

    def latencies(self) -> list[float]:
        """Seconds from posting each question to its first reply reaching the emulator."""
        return [min(self.replies[q]) - t for q, t in self.sent.items() if q in self.replies]

    @property
    def duration(self) -> float:
        """Seconds from the first question posted to the last first reply."""
        if self.started is None or self.answered_at is None:
            raise RuntimeError("the burst has not been answered yet")
        return self.answered_at - self.started

    @property
    def throughput(self) -> float:
        """Questions answered per second over :attr:`duration`."""
        return len(self.sent) / self.duration

    def close(self) -> None:
        """Stop recording replies."""
        if self._on_request in self.fake.listeners:
            self.fake.listeners.remove(self._on_request)

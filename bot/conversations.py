"""Per-conversation context, bounded in size and in time.

A busy server has many channels; remembering each one forever would grow
without limit, and a follow-up asked an hour later is not a follow-up. The
store keeps at most `max_size` conversations and forgets any untouched for
`ttl` seconds.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable

from bot.engine import Answer, Context


class ConversationStore:
    """Least-recently-used map of conversation key -> Context, with expiry."""

    def __init__(
        self,
        max_size: int = 1000,
        ttl: float = 900.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_size < 1 or ttl <= 0:
            raise ValueError("max_size must be at least 1 and ttl positive")
        self.max_size = max_size
        self.ttl = ttl
        self._clock = clock
        self._items: OrderedDict[Hashable, tuple[float, Context]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: Hashable) -> Context:
        """The conversation's context; a fresh one when unknown or expired."""
        entry = self._items.get(key)
        if entry is None:
            return Context()
        stamp, context = entry
        if self._clock() - stamp > self.ttl:
            del self._items[key]
            return Context()
        return context

    def remember(self, key: Hashable, answer: Answer) -> Context:
        """Record `answer` as the latest turn of conversation `key`; return its new context."""
        context = self.get(key).after(answer)
        self._items[key] = (self._clock(), context)
        self._items.move_to_end(key)
        while len(self._items) > self.max_size:
            self._items.popitem(last=False)
        return context

    def forget(self, key: Hashable) -> None:
        self._items.pop(key, None)

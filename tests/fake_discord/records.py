"""Records of what the bot sent, and fault-injection rules."""

from __future__ import annotations

import fnmatch
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class RecordedRequest:
    """One HTTP request the bot made (``route`` is the template, e.g.
    ``/channels/{channel_id}/messages``; ``json`` is the JSON body or multipart
    ``payload_json``)."""

    method: str
    path: str
    route: str | None
    json: Any
    headers: dict[str, str]
    time: float
    query: dict[str, str] = field(default_factory=dict)
    params: dict[str, str] = field(default_factory=dict)
    files: list[dict[str, Any]] = field(default_factory=list)
    status: int | None = None  # filled in once answered
    response: Any = None  # the JSON we answered with (if any)
    fault: bool = False  # answered by an injected fault
    applied_response: Any = None  # what an ``applied`` fault's request did before failing

    @property
    def ok(self) -> bool:
        """Answered with 2xx (faulted or rejected requests are not ``ok``)."""
        return self.status is not None and 200 <= self.status < 300

    @property
    def key(self) -> str:
        """``"METHOD /route/template"`` — handy in assertions and error messages."""
        return f"{self.method} {self.route or self.path}"


Matcher = str | Callable[[RecordedRequest], bool]


@dataclass
class Fault:
    """An injected failure: the next ``count`` matching requests get ``status``; with
    ``until`` (a ``time.monotonic()`` deadline) only those that arrive before it."""

    matcher: Matcher
    status: int = 429
    retry_after: float = 0.05
    global_: bool = False
    count: int = 1
    scope: str | None = None
    until: float | None = None
    applied: bool = False
    """The request takes effect (a message is created) before the failure is returned,
    as when a proxy times out after Discord acted: a plain retry duplicates it."""
    hits: list[RecordedRequest] = field(default_factory=list)

    @property
    def remaining(self) -> int:
        """How many more requests this fault will still fail (0 once ``until`` passed)."""
        if self.until is not None and time.monotonic() >= self.until:
            return 0
        return self.count - len(self.hits)

    @property
    def active(self) -> bool:
        """Whether the fault still fails matching requests."""
        return self.remaining > 0

    def matches(self, req: RecordedRequest) -> bool:
        """Callables get the request; strings match ``[METHOD ]template`` or a path glob."""
        if not self.active:
            return False
        if callable(self.matcher):
            return bool(self.matcher(req))
        pattern = self.matcher
        method, _, target = pattern.partition(" ") if " " in pattern else ("", "", pattern)
        if method and method.upper() != req.method:
            return False
        return target == req.route or fnmatch.fnmatchcase(req.path, target)

    def response(self) -> tuple[int, dict[str, str], Any]:
        """Status, headers and body of the fault response, shaped like Discord's."""
        if self.status == 429:
            scope = self.scope or ("global" if self.global_ else "user")
            headers = {
                "Retry-After": str(max(1, math.ceil(self.retry_after))),
                "X-RateLimit-Limit": "5", "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset-After": f"{self.retry_after:.3f}",
                "X-RateLimit-Bucket": "fake-fault-bucket", "X-RateLimit-Scope": scope,
                # discord.py treats a 429 *without* Via as a Cloudflare ban and gives up.
                "Via": "1.1 google",
            }
            if self.global_:
                headers["X-RateLimit-Global"] = "true"
            body = {"message": "You are being rate limited.", "retry_after": self.retry_after,
                    "global": self.global_, "code": 0}
            return 429, headers, body
        if self.status == 502:
            return 502, {}, "<html><body>502 Bad Gateway</body></html>"
        return self.status, {}, {"message": f"{self.status}: injected failure", "code": 0}

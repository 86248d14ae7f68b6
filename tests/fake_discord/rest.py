"""REST side of the emulator: routing, body parsing, recording, faults, auth.

The route handlers themselves live in :mod:`.handlers`; this module turns an aiohttp
request into a :class:`RecordedRequest`, applies fault injection and auth, calls the
handler and records the answer.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from aiohttp import BodyPartReader, web

from .records import Fault, RecordedRequest

if TYPE_CHECKING:
    from .server import FakeDiscord

Handler = Callable[[RecordedRequest], Awaitable[web.StreamResponse]]

API_PREFIX_RE = re.compile(r"^/api(?:/v\d+)?")
NO_AUTH_PREFIXES = ("/interactions/", "/webhooks/", "/gateway")
# Interaction responses are not bound by the global rate limit (Discord's docs).
GLOBAL_EXEMPT_PREFIXES = ("/interactions/", "/webhooks/")


class DiscordError(Exception):
    """Raised by handlers to answer with a Discord-style JSON error."""

    def __init__(self, status: int, code: int, message: str, errors: Any = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.errors = status, code, message, errors


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None
                  ) -> web.Response:
    """JSON with an *exact* ``application/json`` content type: discord.py compares the
    header verbatim, so aiohttp's ``; charset=utf-8`` would make it treat JSON as text."""
    all_headers = {"Content-Type": "application/json", **(headers or {})}
    return web.Response(body=json.dumps(data).encode(), status=status, headers=all_headers)


def no_content() -> web.Response:
    """204 No Content."""
    return web.Response(status=204)


def form_error(problems: list[str]) -> DiscordError:
    """400 Invalid Form Body, with problems in the nested ``errors`` shape discord.py flattens."""
    errors = {"payload": {"_errors": [{"code": "BASE_TYPE_BAD_LENGTH", "message": p}
                                      for p in problems]}}
    return DiscordError(400, 50035, "Invalid Form Body", errors)


def _template_regex(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[a-z_]+\})", template)
    rx = "".join(f"(?P<{p[1:-1]}>[^/]+)" if p.startswith("{") else re.escape(p) for p in parts)
    return re.compile(f"^{rx}/?$")


class Router:
    """Method + path template table; first match wins, so list literals before params."""

    def __init__(self) -> None:
        self._routes: list[tuple[str, str, re.Pattern[str], Handler]] = []

    def add(self, method: str, template: str, handler: Handler) -> None:
        """Register ``handler`` for ``METHOD template``."""
        self._routes.append((method, template, _template_regex(template), handler))

    def match(self, method: str, path: str) -> tuple[str | None, dict[str, str], Handler | None]:
        """(template, path params, handler); template is set even on method mismatch."""
        template_hit: str | None = None
        for m, template, rx, handler in self._routes:
            hit = rx.match(path)
            if hit is None:
                continue
            if m == method:
                return template, hit.groupdict(), handler
            template_hit = template_hit or template
        return template_hit, {}, None


async def _read_body(request: web.Request) -> tuple[Any, list[dict[str, Any]]]:
    """JSON body, or multipart ``payload_json`` + ``files[n]`` parts (discord.py uploads)."""
    if request.content_type == "multipart/form-data":
        body: Any = None
        files: list[dict[str, Any]] = []
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if not isinstance(part, BodyPartReader):
                continue  # nested multipart: discord.py never sends one
            data = await part.read(decode=False)
            if part.name == "payload_json":
                body = json.loads(data)
            else:
                files.append({"field": part.name, "filename": part.filename, "size": len(data),
                              "content_type": part.headers.get("Content-Type"), "data": data})
        return body, files
    if not request.can_read_body:
        return None, []
    raw = await request.read()
    if not raw:
        return None, []
    try:
        return json.loads(raw), []
    except ValueError:
        return raw.decode(errors="replace"), []


MAJOR_PARAMETERS = ("channel_id", "guild_id", "interaction_id", "application_id", "token")


class Buckets:
    """Per-route rate-limit buckets, counted honestly like Discord's.

    A bucket is a route template plus its major parameters (the channel, guild, webhook or
    interaction), so replies in different channels never share one. Each allows ``limit``
    requests per fixed window of ``window`` seconds that starts at its first request; the
    headers say how many remain and when the window resets, so discord.py can wait before
    it would be limited. A request past the limit gets a 429 (see ``FakeDiscord.
    bucket_limited``).
    """

    def __init__(self, limit: int, window: float) -> None:
        self.limit, self.window = limit, window
        self._windows: dict[tuple[str, ...], tuple[float, int]] = {}  # key -> (ends, used)

    @staticmethod
    def key(req: RecordedRequest) -> tuple[str, ...]:
        route = req.route or req.path
        return (route, *(req.params[p] for p in MAJOR_PARAMETERS if p in req.params))

    def take(self, req: RecordedRequest, now: float) -> tuple[bool, dict[str, str]]:
        """Count ``req`` against its bucket: (within the limit?, rate-limit headers)."""
        key = self.key(req)
        ends, used = self._windows.get(key, (0.0, 0))
        if now >= ends:
            ends, used = now + self.window, 0
        allowed = used < self.limit
        used += allowed
        self._windows[key] = (ends, used)
        reset_after = ends - now
        headers = {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.limit - used),
            "X-RateLimit-Reset": f"{time.time() + reset_after:.3f}",
            "X-RateLimit-Reset-After": f"{reset_after:.3f}",
            "X-RateLimit-Bucket": hashlib.sha1(key[0].encode()).hexdigest()[:16],
            "X-RateLimit-Scope": "user",
        }
        return allowed, headers


class RestFrontend:
    """Turns aiohttp requests into recorded, fault-injected, authenticated handler calls."""

    def __init__(self, fake: FakeDiscord, router: Router) -> None:
        self.fake = fake
        self.router = router
        self.buckets = Buckets(fake.bucket_limit, fake.bucket_window)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """Catch-all aiohttp handler for everything under ``/api``."""
        fake = self.fake
        path = API_PREFIX_RE.sub("", request.path) or "/"
        template, params, handler = self.router.match(request.method, path)
        body, files = await _read_body(request)
        req = RecordedRequest(
            method=request.method, path=path, route=template if handler else None, json=body,
            headers=dict(request.headers), time=time.monotonic(), query=dict(request.query),
            params=params, files=files,
        )
        fake.requests.append(req)
        try:
            response = await self._answer(req, handler)
        except DiscordError as err:
            data = {"message": err.message, "code": err.code}
            if err.errors is not None:
                data["errors"] = err.errors
            response = json_response(data, err.status)
            req.response = data
        req.status = response.status
        fake._notify(req)
        return response

    @staticmethod
    def _fault_response(req: RecordedRequest, fault: Fault) -> web.Response:
        status, headers, body = fault.response()
        req.response = body
        if isinstance(body, str):
            return web.Response(text=body, status=status, headers=headers,
                                content_type="text/html")
        return json_response(body, status, headers)

    async def _answer(self, req: RecordedRequest, handler: Handler | None) -> web.StreamResponse:
        fake = self.fake
        if handler is None:
            fake.unhandled.append(req)
            raise DiscordError(404 if req.route is None else 405, 0,
                               "404: Not Found" if req.route is None else "405: Method Not Allowed")
        now = time.monotonic()
        if now < fake.global_limit_until and not req.path.startswith(GLOBAL_EXEMPT_PREFIXES):
            # Discord keeps answering 429 until a global limit ends (and counts each such
            # request towards a Cloudflare ban): a client that honours it sends none.
            fake.global_limited.append(req)
            req.fault = True
            return self._fault_response(
                req, Fault("*", retry_after=fake.global_limit_until - now, global_=True))
        applied: Fault | None = None
        for fault in fake.faults:
            if fault.matches(req):
                fault.hits.append(req)
                req.fault = True
                if fault.status == 429 and fault.global_:
                    fake.global_limit_until = max(fake.global_limit_until,
                                                  now + fault.retry_after)
                if not fault.applied:
                    return self._fault_response(req, fault)
                applied = fault  # the request takes effect; the client sees the failure
                break
        allowed, bucket_headers = self.buckets.take(req, now)
        if not allowed:
            fake.bucket_limited.append(req)
            req.fault = True
            retry_after = float(bucket_headers["X-RateLimit-Reset-After"])
            response = self._fault_response(req, Fault("*", retry_after=retry_after))
            response.headers.update(bucket_headers)
            return response
        if not req.path.startswith(NO_AUTH_PREFIXES):
            auth = req.headers.get("Authorization", "")
            token = auth.removeprefix("Bot ")
            if not auth.startswith("Bot ") or not token or (
                fake.token is not None and token != fake.token
            ):
                raise DiscordError(401, 0, "401: Unauthorized")
        response = await handler(req)
        if isinstance(response, web.Response) and response.body is not None:
            try:
                req.response = json.loads(response.body)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                req.response = None
        for key, value in bucket_headers.items():
            response.headers.setdefault(key, value)
        if applied is not None:
            effect = req.response
            failure = self._fault_response(req, applied)
            req.applied_response = effect
            return failure
        return response

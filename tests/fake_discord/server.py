"""``FakeDiscord``: an in-process Discord (REST + gateway) for testing real discord.py bots.

It listens on 127.0.0.1 only, so tests exercise discord.py's real HTTP, rate-limit,
websocket and resume code paths without any network access.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import sys
import time
from collections.abc import Callable
from types import TracebackType
from typing import Any

from aiohttp import web

from .events import EventInjectionMixin
from .gateway import PRIVILEGED_INTENTS, Gateway
from .handlers import Handlers
from .interactions import InteractionState
from .payloads import DM_CHANNEL, MENTION_RE, FakeChannel, FakeGuild, FakeUser
from .records import Fault, Matcher, RecordedRequest
from .rest import RestFrontend, Router

Predicate = Callable[[RecordedRequest], bool]
MESSAGE_ROUTE = "/channels/{channel_id}/messages"
INTERACTION_ROUTE_PREFIXES = ("/interactions/", "/webhooks/")

# GATEWAY_PRESENCE_LIMITED | GATEWAY_GUILD_MEMBERS_LIMITED | GATEWAY_MESSAGE_CONTENT_LIMITED
# | APPLICATION_COMMAND_BADGE — what a small bot with privileged intents toggled on has.
DEFAULT_APPLICATION_FLAGS = (1 << 13) | (1 << 15) | (1 << 19) | (1 << 23)


class FakeDiscord(EventInjectionMixin):
    """Discord emulator. Use as ``async with FakeDiscord() as fake:``.

    Args:
        heartbeat_interval_ms: sent in HELLO; tests use small values.
        token: if set, only this bot token is accepted (REST 401 / gateway 4004).
        guilds: the world; default is one guild with ``#general``, an owner and ``alice``.
        echo_own_messages: dispatch MESSAGE_CREATE/UPDATE/DELETE for the bot's own
            messages like Discord does (a bot must ignore itself).
        reject_invalid: answer hard-limit violations with 400 like Discord (they are
            recorded in ``violations`` either way).
        interaction_timeout: seconds a bot has for the initial response (None = no limit).
        privileged_intents: privileged intents "enabled in the developer portal".
        bucket_limit, bucket_window: each rate-limit bucket (a route in one channel, guild,
            webhook or interaction) allows ``bucket_limit`` requests per ``bucket_window``
            seconds, and says so in its headers; requests past it get a 429 and are listed
            in ``bucket_limited``. Generous by default (Discord allows 5 messages per 5 s in
            a channel) so tests are limited by the bot, not the emulator.
        sharding_required: close an IDENTIFY without sharding (fewer than 2 shards) with
            4011, as Discord does for a bot in 2,500 guilds or more.
    """

    def __init__(
        self,
        *,
        heartbeat_interval_ms: int = 45_000,
        token: str | None = None,
        guilds: list[FakeGuild] | None = None,
        bot_name: str = "FakeBot",
        echo_own_messages: bool = True,
        reject_invalid: bool = True,
        interaction_timeout: float | None = 3.0,
        privileged_intents: int = PRIVILEGED_INTENTS,
        application_flags: int = DEFAULT_APPLICATION_FLAGS,
        bucket_limit: int = 50,
        bucket_window: float = 1.0,
        sharding_required: bool = False,
    ) -> None:
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.token = token
        self.echo_own_messages = echo_own_messages
        self.reject_invalid = reject_invalid
        self.interaction_timeout = interaction_timeout
        self.privileged_intents = privileged_intents
        self.application_flags = application_flags
        self.bucket_limit, self.bucket_window = bucket_limit, bucket_window
        self.sharding_required = sharding_required
        self.bot_user = FakeUser(bot_name, bot=True)
        self.application_id: int = self.bot_user.id
        self.owner = FakeUser("owner")
        self.user = FakeUser("alice")
        self.guilds = guilds if guilds is not None else [
            FakeGuild(members=[self.owner, self.user], owner_id=self.owner.id)
        ]
        self.users: dict[int, FakeUser] = {}
        for user in (self.bot_user, self.owner, self.user):
            self.add_user(user)
        for guild in self.guilds:
            if all(m.id != self.bot_user.id for m in guild.members):
                guild.members.append(self.bot_user)
            for member in guild.members:
                self.add_user(member)
        self.requests: list[RecordedRequest] = []
        self.unhandled: list[RecordedRequest] = []
        self.violations: list[str] = []
        self.faults: list[Fault] = []
        self.global_limit_until = 0.0  # time.monotonic() when a global 429 window ends
        self.global_limited: list[RecordedRequest] = []  # requests sent inside that window
        self.bucket_limited: list[RecordedRequest] = []  # requests past a bucket's limit
        self.listeners: list[Callable[[RecordedRequest], None]] = []
        self.nonces: dict[str, int] = {}  # enforced nonce of a bot message -> its id
        self.deduplicated: list[RecordedRequest] = []  # creates answered by an old message
        self.messages: dict[int, dict[str, Any]] = {}
        self._channel_index: dict[int, list[int]] = {}
        self.interactions: dict[int, InteractionState] = {}
        self.global_commands: list[dict[str, Any]] = []
        self.guild_commands: dict[int, list[dict[str, Any]]] = {}
        self.dm_channels: dict[int, FakeChannel] = {}
        self.gateway = Gateway(self)
        self._waiters: list[tuple[Predicate, asyncio.Future[RecordedRequest]]] = []
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- lifecycle ------------------------------------------------------------------------
    async def start(self) -> FakeDiscord:
        """Bind 127.0.0.1 on a free port and start serving."""
        app = web.Application(client_max_size=32 * 1024 * 1024)  # uploads up to 25 MiB
        router = Router()
        Handlers(self).register(router)
        frontend = RestFrontend(self, router)
        app.router.add_route("GET", "/gateway", self.gateway.handle)
        app.router.add_route("GET", "/gateway/resume", self.gateway.handle)
        app.router.add_route("*", "/api/{tail:.*}", frontend.handle)
        app.router.add_route("*", "/{tail:.*}", frontend.handle)
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.SockSite(self._runner, sock).start()
        return self

    async def close(self) -> None:
        """Close gateway connections, stop the server and fail pending waiters."""
        await self.gateway.close_all()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        for _, fut in self._waiters:
            if not fut.done():
                fut.cancel()
        self._waiters.clear()

    async def __aenter__(self) -> FakeDiscord:
        return await self.start()

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        await self.close()

    # -- addresses ------------------------------------------------------------------------
    @property
    def http_base(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        """What ``discord.http.Route.BASE`` must be set to."""
        return f"{self.http_base}/api/v10"

    @property
    def ws_base(self) -> str:
        """``ws://127.0.0.1:PORT``."""
        return f"ws://127.0.0.1:{self.port}"

    @property
    def gateway_url(self) -> str:
        """Gateway websocket URL (what ``DiscordWebSocket.DEFAULT_GATEWAY`` must be)."""
        return f"{self.ws_base}/gateway"

    # -- world ----------------------------------------------------------------------------
    @property
    def guild(self) -> FakeGuild:
        """The first (default) guild."""
        return self.guilds[0]

    @property
    def channel(self) -> FakeChannel:
        """The first channel of the first guild (``#general`` by default)."""
        return self.guilds[0].channels[0]

    def add_user(self, user: FakeUser) -> FakeUser:
        """Make a user known (for mentions, DMs, GET /users/{id})."""
        self.users[user.id] = user
        return user

    def get_guild(self, guild_id: int) -> FakeGuild | None:
        """Guild by id."""
        return next((g for g in self.guilds if g.id == guild_id), None)

    def get_channel(self, channel_id: int) -> FakeChannel | None:
        """Guild channel or DM channel by id."""
        for guild in self.guilds:
            for channel in guild.channels:
                if channel.id == channel_id:
                    return channel
        return next((c for c in self.dm_channels.values() if c.id == channel_id), None)

    def dm_channel(self, user: FakeUser) -> FakeChannel:
        """The (stable) DM channel between the bot and ``user``."""
        if user.id not in self.dm_channels:
            self.add_user(user)
            self.dm_channels[user.id] = FakeChannel(user.username, type=DM_CHANNEL,
                                                    recipient=user)
        return self.dm_channels[user.id]

    def mentioned_users(self, content: str) -> list[FakeUser]:
        """Known users mentioned as ``<@id>`` / ``<@!id>`` in ``content``."""
        ids = dict.fromkeys(int(m) for m in MENTION_RE.findall(content or ""))
        return [self.users[i] for i in ids if i in self.users]

    def store_message(self, msg: dict[str, Any]) -> None:
        """Keep a message so it can be edited, replied to, fetched or clicked."""
        mid, cid = int(msg["id"]), int(msg["channel_id"])
        self.messages[mid] = msg
        self._channel_index.setdefault(cid, []).append(mid)

    def stored_messages(self, channel_id: int) -> list[dict[str, Any]]:
        """Current state (after edits/deletes) of the messages in a channel, oldest first."""
        return [self.messages[i] for i in self._channel_index.get(channel_id, [])
                if i in self.messages]

    # -- recording & waiting --------------------------------------------------------------
    def _notify(self, req: RecordedRequest) -> None:
        for listener in list(self.listeners):
            listener(req)
        for entry in list(self._waiters):
            predicate, fut = entry
            if fut.done():
                self._waiters.remove(entry)
                continue
            try:
                hit = predicate(req)
            except Exception as exc:  # surface predicate bugs in the test, not the server
                fut.set_exception(exc)
                self._waiters.remove(entry)
                continue
            if hit:
                fut.set_result(req)
                self._waiters.remove(entry)

    async def wait_for_request(self, predicate: Predicate, timeout: float = 5, *,
                               existing: bool = True) -> RecordedRequest:
        """First answered request matching ``predicate`` (already recorded ones count
        unless ``existing=False``); raises ``TimeoutError`` with a request summary."""
        if existing:
            for req in self.requests:
                if req.status is not None and predicate(req):
                    return req
        fut: asyncio.Future[RecordedRequest] = asyncio.get_running_loop().create_future()
        entry = (predicate, fut)
        self._waiters.append(entry)
        try:
            return await asyncio.wait_for(fut, timeout)
        except TimeoutError:
            seen = ", ".join(f"{r.key}->{r.status}" for r in self.requests[-10:])
            raise TimeoutError(f"no matching request within {timeout}s; last: {seen}") from None
        finally:
            with contextlib.suppress(ValueError):
                self._waiters.remove(entry)

    async def wait_for_message(self, channel_id: int | None = None,
                               predicate: Callable[[dict[str, Any]], bool] | None = None,
                               timeout: float = 5) -> dict[str, Any]:
        """Wait for an accepted message-create (optionally in a channel); returns its body."""
        def match(r: RecordedRequest) -> bool:
            return (r.ok and r.method == "POST" and r.route == MESSAGE_ROUTE
                    and (channel_id is None or r.params["channel_id"] == str(channel_id))
                    and (predicate is None or predicate(r.json)))
        return (await self.wait_for_request(match, timeout)).json

    @property
    def sent_messages(self) -> list[dict[str, Any]]:
        """Bodies of every accepted ``POST /channels/{id}/messages``."""
        return [r.json for r in self.requests
                if r.ok and r.method == "POST" and r.route == MESSAGE_ROUTE]

    def messages_in(self, channel_id: int) -> list[dict[str, Any]]:
        """Bodies of accepted message-creates in one channel."""
        return [r.json for r in self.requests if r.ok and r.method == "POST"
                and r.route == MESSAGE_ROUTE and r.params["channel_id"] == str(channel_id)]

    @property
    def interaction_responses(self) -> list[RecordedRequest]:
        """Accepted interaction callbacks, follow-ups and original-response edits."""
        return [r for r in self.requests
                if r.ok and r.route and r.path.startswith(INTERACTION_ROUTE_PREFIXES)]

    def assert_clean(self) -> None:
        """Fail if the bot broke a limit/policy or called an endpoint we don't know."""
        problems = list(self.violations) + [f"unhandled route {r.key}" for r in self.unhandled]
        assert not problems, "Discord emulator problems:\n  " + "\n  ".join(problems)

    # -- fault injection ------------------------------------------------------------------
    def fail_next(self, matcher: Matcher, status: int = 429, retry_after: float = 0.05, *,
                  global_: bool = False, count: int = 1, scope: str | None = None,
                  applied: bool = False) -> Fault:
        """Answer the next ``count`` requests matching ``matcher`` with ``status``.

        ``matcher`` is a route template (``"/channels/{channel_id}/messages"``), optionally
        prefixed by a method (``"POST /channels/{channel_id}/messages"``), a path glob
        (``"/channels/*/typing"``) or a predicate on :class:`RecordedRequest`. With
        ``applied`` the request takes effect before the failure is returned.
        """
        fault = Fault(matcher, status=status, retry_after=retry_after, global_=global_,
                      count=count, scope=scope, applied=applied)
        self.faults.append(fault)
        return fault

    def fail_for(self, matcher: Matcher, seconds: float, status: int = 500, *,
                 applied: bool = False) -> Fault:
        """Answer every request matching ``matcher`` with ``status`` for ``seconds`` (an
        outage: 500, 502, ...), then recover. ``fault.hits`` lists what it failed; with
        ``applied`` each request takes effect before the failure is returned."""
        fault = Fault(matcher, status=status, count=sys.maxsize,
                      until=time.monotonic() + seconds, applied=applied)
        self.faults.append(fault)
        return fault

    # -- gateway control ------------------------------------------------------------------
    @property
    def identify_count(self) -> int:
        """How many IDENTIFYs the gateway accepted."""
        return self.gateway.identify_count

    @property
    def resume_count(self) -> int:
        """How many RESUMEs the gateway accepted."""
        return self.gateway.resume_count

    @property
    def replayed_count(self) -> int:
        """How many buffered events RESUMEs re-sent (missed while the client was away)."""
        return self.gateway.replayed_count

    async def wait_until_connected(self, timeout: float = 5) -> None:
        """Wait until a gateway session is live (READY or RESUMED sent)."""
        async def live() -> None:
            while not (self.gateway.current and self.gateway.current.live):
                await self.gateway.changed()
        await asyncio.wait_for(live(), timeout)

    async def drop_connection(self, code: int = 4000, *, abort: bool = False) -> None:
        """Cut the gateway connection (close ``code``, or abort TCP); the client RESUMEs and
        events dispatched meanwhile are replayed."""
        await self.gateway.drop_connection(code, abort=abort)

    async def invalidate_session(self, resumable: bool = False) -> None:
        """Send INVALID_SESSION; with ``resumable=False`` the client re-IDENTIFYs."""
        await self.gateway.invalidate_session(resumable)

    async def request_reconnect(self) -> None:
        """Send op 7 RECONNECT (client reconnects and RESUMEs)."""
        await self.gateway.request_reconnect()

    async def dispatch(self, event: str, data: dict[str, Any]) -> int | None:
        """Dispatch a raw gateway event (buffered while the client is disconnected)."""
        return await self.gateway.dispatch(event, data)

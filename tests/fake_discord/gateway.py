"""The fake gateway: HELLO/IDENTIFY/READY, heartbeats, sequence numbers, RESUME replay,
shards.

Every dispatch gets a per-session sequence number and is kept in the session buffer, so a
client that RESUMEs after a dropped connection receives exactly the events it missed —
which is what lets tests assert "no event lost, none answered twice".

Sharding works as on Discord: a session that IDENTIFYs with ``shard: [id, count]`` sees
only the guilds with ``(guild_id >> 22) % count == id`` (READY, GUILD_CREATE and every
event about them), and DMs arrive on shard 0 only. Sessions of different shards live side
by side, from one client or from several processes; a new IDENTIFY replaces only the
session of the same shard.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

if TYPE_CHECKING:
    from .server import FakeDiscord

log = logging.getLogger("fake_discord.gateway")

# Opcodes
DISPATCH, HEARTBEAT, IDENTIFY, PRESENCE, VOICE_STATE, RESUME = 0, 1, 2, 3, 4, 6
RECONNECT, REQUEST_MEMBERS, INVALID_SESSION, HELLO, HEARTBEAT_ACK = 7, 8, 9, 10, 11

# Intents that decide which events a session receives.
INTENT_GUILDS = 1 << 0
INTENT_MEMBERS = 1 << 1
INTENT_PRESENCES = 1 << 8
INTENT_GUILD_MESSAGES = 1 << 9
INTENT_GUILD_REACTIONS = 1 << 10
INTENT_DM_MESSAGES = 1 << 12
INTENT_DM_REACTIONS = 1 << 13
INTENT_MESSAGE_CONTENT = 1 << 15
PRIVILEGED_INTENTS = INTENT_MEMBERS | INTENT_PRESENCES | INTENT_MESSAGE_CONTENT


class Connection:
    """One websocket connection (a session may see several over its lifetime)."""

    def __init__(self, ws: web.WebSocketResponse, compress: str | None, path: str) -> None:
        self.ws = ws
        self.path = path
        self.compress = compress
        self._zlib = zlib.compressobj() if compress == "zlib-stream" else None
        self.closed = False
        self.closed_by_server = False

    async def send(self, payload: dict[str, Any]) -> None:
        """Send one gateway payload, zlib-stream compressed if the client asked for it."""
        if self.closed or self.ws.closed:
            raise ConnectionResetError("gateway connection closed")
        text = json.dumps(payload)
        if self._zlib is not None:
            data = self._zlib.compress(text.encode()) + self._zlib.flush(zlib.Z_SYNC_FLUSH)
            await self.ws.send_bytes(data)
        else:
            # zstd-stream cannot be produced without the zstandard module; discord.py only
            # decompresses *binary* frames, so plain text frames are always understood.
            await self.ws.send_str(text)

    async def close(self, code: int, *, abort: bool = False) -> None:
        """Close politely with ``code``, or abort the TCP transport (simulates a network drop)."""
        self.closed = self.closed_by_server = True
        if abort:
            req_transport = getattr(self.ws, "_req", None)
            transport = req_transport.transport if req_transport is not None else None
            if transport is not None:
                transport.abort()
                return
        with contextlib.suppress(Exception):
            await asyncio.wait_for(self.ws.close(code=code), timeout=2)


@dataclass
class Session:
    """A gateway session: identity, intents, sequence counter and the replay buffer."""

    id: str
    intents: int
    seq: int = 0
    buffer: list[dict[str, Any]] = field(default_factory=list)
    conn: Connection | None = None
    live: bool = False  # READY/RESUMED sent: dispatches go out immediately
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    shard: tuple[int, int] = (0, 1)  # (id, count); unsharded is shard 0 of 1

    def owns(self, guild_id: int | None) -> bool:
        """Whether events of this guild (None: a DM) go to this session's shard."""
        shard_id, count = self.shard
        if guild_id is None:
            return shard_id == 0
        return (guild_id >> 22) % count == shard_id

    def wants(self, event: str, data: dict[str, Any]) -> bool:
        """Intent filtering like Discord: no GUILD_MESSAGES intent -> no guild messages."""
        if event.startswith("MESSAGE_REACTION"):
            bit = INTENT_GUILD_REACTIONS if data.get("guild_id") else INTENT_DM_REACTIONS
            return bool(self.intents & bit)
        if event.startswith("MESSAGE_"):
            bit = INTENT_GUILD_MESSAGES if data.get("guild_id") else INTENT_DM_MESSAGES
            return bool(self.intents & bit)
        if event.startswith(("GUILD_", "CHANNEL_", "THREAD_")) and event != "GUILD_MEMBERS_CHUNK":
            return bool(self.intents & INTENT_GUILDS)
        return True

    def shape(self, event: str, data: dict[str, Any], bot_id: int) -> dict[str, Any]:
        """What this session may see: without GUILD_MEMBERS a GUILD_CREATE lists only the
        bot itself; without MESSAGE_CONTENT guild messages arrive without content (except
        mentions of the bot and its own messages)."""
        if event == "GUILD_CREATE" and not self.intents & INTENT_MEMBERS:
            members = [m for m in data.get("members", []) if m["user"]["id"] == str(bot_id)]
            return data | {"members": members}
        if not event.startswith("MESSAGE_") or self.intents & INTENT_MESSAGE_CONTENT:
            return data
        if not data.get("guild_id"):
            return data
        author = (data.get("author") or {}).get("id")
        mentioned = any(m.get("id") == str(bot_id) for m in data.get("mentions") or [])
        if author == str(bot_id) or mentioned:
            return data
        stripped = dict(data)
        for key in ("content",):
            if key in stripped:
                stripped[key] = ""
        for key in ("embeds", "attachments", "components"):
            if key in stripped:
                stripped[key] = []
        return stripped


class Gateway:
    """Websocket endpoint plus session bookkeeping for one :class:`FakeDiscord`."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.sessions: dict[str, Session] = {}
        self.current: Session | None = None
        self.pending: list[tuple[str, dict[str, Any]]] = []  # before any session exists
        self.connections: list[Connection] = []
        self.received: list[dict[str, Any]] = []  # every payload the client sent
        self.identify_count = 0
        self.resume_count = 0
        self.replayed_count = 0
        self._changed = asyncio.Event()

    def _touch(self) -> None:
        """Wake everyone waiting in :meth:`changed` (connection state moved)."""
        old, self._changed = self._changed, asyncio.Event()
        old.set()

    async def changed(self) -> None:
        """Wait for the next connection-state change."""
        await self._changed.wait()

    # -- dispatching ----------------------------------------------------------------------
    async def dispatch(self, event: str, data: dict[str, Any]) -> int | None:
        """Dispatch to the session of the event's shard (buffered while it is disconnected;
        held in ``pending`` while no such session exists). Returns the seq (of the first
        session, should shards overlap)."""
        guild_id = _guild_of(event, data)
        targets = [s for s in self.sessions.values() if s.owns(guild_id)]
        if not targets:
            self.pending.append((event, data))
            return None
        seqs = [await self._dispatch_to(session, event, data) for session in targets]
        return seqs[0]

    async def _dispatch_to(self, session: Session, event: str, data: dict[str, Any]) -> int | None:
        if not session.wants(event, data):
            return None
        async with session.lock:
            return await self._dispatch_locked(session, event, data)

    async def _dispatch_locked(self, session: Session, event: str, data: dict[str, Any]) -> int:
        session.seq += 1
        payload = {"op": DISPATCH, "t": event, "s": session.seq,
                   "d": session.shape(event, data, self.fake.bot_user.id)}
        session.buffer.append(payload)
        if session.live and session.conn is not None:
            await self._send(session, payload)
        return session.seq

    async def _send(self, session: Session, payload: dict[str, Any]) -> None:
        conn = session.conn
        if conn is None:
            return
        try:
            await conn.send(payload)
        except (ConnectionResetError, RuntimeError):
            # The client will RESUME and get this payload replayed from the buffer.
            session.live, session.conn = False, None

    # -- fault injection ------------------------------------------------------------------
    async def drop_connection(self, code: int = 4000, *, abort: bool = False) -> None:
        """Cut the live connection; the session stays resumable and buffers new events."""
        session = self.current
        if session is None or session.conn is None:
            raise RuntimeError("no live gateway connection to drop")
        async with session.lock:
            conn, session.conn, session.live = session.conn, None, False
        self._touch()
        await conn.close(code, abort=abort)

    async def invalidate_session(self, resumable: bool = False) -> None:
        """Send op 9; with ``resumable=False`` the client must IDENTIFY again."""
        session = self.current
        if session is None or session.conn is None:
            raise RuntimeError("no live gateway connection")
        async with session.lock:
            conn = session.conn
            if not resumable:
                session.conn, session.live = None, False
                self.sessions.pop(session.id, None)
                self.current = None
            with contextlib.suppress(ConnectionResetError, RuntimeError):
                await conn.send({"op": INVALID_SESSION, "d": resumable, "s": None, "t": None})
        self._touch()

    async def request_reconnect(self) -> None:
        """Send op 7 RECONNECT; discord.py closes and RESUMEs."""
        session = self.current
        if session is None or session.conn is None:
            raise RuntimeError("no live gateway connection")
        async with session.lock:
            conn, session.conn, session.live = session.conn, None, False
            with contextlib.suppress(ConnectionResetError, RuntimeError):
                await conn.send({"op": RECONNECT, "d": None, "s": None, "t": None})
        self._touch()

    # -- websocket handler ----------------------------------------------------------------
    async def handle(self, request: web.Request) -> web.StreamResponse:
        """aiohttp handler for ``/gateway`` and ``/gateway/resume``."""
        ws = web.WebSocketResponse(autoping=True, max_msg_size=0)
        await ws.prepare(request)
        compress = request.query.get("compress")
        conn = Connection(ws, compress, request.path_qs)
        self.connections.append(conn)
        if request.query.get("encoding", "json") != "json":
            await conn.close(4002)  # only JSON is emulated
            return ws
        await conn.send({"op": HELLO, "d": {"heartbeat_interval": self.fake.heartbeat_interval_ms},
                         "s": None, "t": None})
        session: Session | None = None
        try:
            async for msg in ws:
                if msg.type is not WSMsgType.TEXT:
                    if msg.type is WSMsgType.BINARY:
                        await conn.close(4002)
                    continue
                try:
                    payload = json.loads(msg.data)
                except ValueError:
                    await conn.close(4002)
                    break
                self.received.append(payload)
                session = await self._on_payload(conn, session, payload)
        finally:
            conn.closed = True
            await self._on_closed(conn, session, ws.close_code)
        return ws

    async def _on_payload(
        self, conn: Connection, session: Session | None, payload: dict[str, Any]
    ) -> Session | None:
        op, d = payload.get("op"), payload.get("d")
        if op == HEARTBEAT:
            await conn.send({"op": HEARTBEAT_ACK, "d": None, "s": None, "t": None})
        elif op == IDENTIFY:
            if session is not None:
                await conn.close(4005)  # already authenticated
                return session
            return await self._identify(conn, d or {})
        elif op == RESUME:
            return await self._resume(conn, d or {})
        elif op == REQUEST_MEMBERS and session is not None:
            await self._members_chunk(session, d or {})
        elif op in (PRESENCE, VOICE_STATE):
            pass
        else:
            log.warning("unknown gateway opcode from client: %r", payload)
            await conn.close(4001)
        return session

    def _token_ok(self, token: Any) -> bool:
        expected = self.fake.token
        return isinstance(token, str) and bool(token) and (expected is None or token == expected)

    async def _identify(self, conn: Connection, d: dict[str, Any]) -> Session | None:
        if not self._token_ok(d.get("token")):
            await conn.close(4004)
            return None
        intents = int(d.get("intents", 0))
        if intents & PRIVILEGED_INTENTS & ~self.fake.privileged_intents:
            await conn.close(4014)  # disallowed intents
            return None
        shard = _shard_of(d.get("shard"))
        if shard is None:
            await conn.close(4010)  # invalid shard
            return None
        if self.fake.sharding_required and shard[1] < 2:
            await conn.close(4011)  # sharding required
            return None
        self.identify_count += 1
        for old in [s for s in self.sessions.values() if s.shard == shard]:
            self.sessions.pop(old.id, None)
        session = Session(id=secrets.token_hex(16), intents=intents, conn=conn, shard=shard)
        self.sessions[session.id] = session
        self.current = session
        fake = self.fake
        guilds = [g for g in fake.guilds if session.owns(g.id)]
        async with session.lock:
            session.live = True
            ready = {
                "v": 10, "user": fake.bot_user.payload() | {"verified": True, "mfa_enabled": False},
                "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
                "session_id": session.id, "session_type": "normal",
                "resume_gateway_url": f"{fake.gateway_url}/resume",
                "application": {"id": str(fake.application_id), "flags": fake.application_flags},
                "private_channels": [], "relationships": [], "presences": [],
                "geo_ordered_rtc_regions": [], "guild_join_requests": [],
                "user_settings": {}, "auth_session_id_hash": "fake",
            }
            if "shard" in d:
                ready["shard"] = d["shard"]
            await self._dispatch_locked(session, "READY", ready)
            for guild in guilds:
                if session.wants("GUILD_CREATE", {}):
                    await self._dispatch_locked(session, "GUILD_CREATE", guild.create_payload())
            mine = [(e, data) for e, data in self.pending if session.owns(_guild_of(e, data))]
            self.pending = [item for item in self.pending if item not in mine]
            for event, data in mine:
                if session.wants(event, data):
                    await self._dispatch_locked(session, event, data)
        self._touch()
        return session

    async def _resume(self, conn: Connection, d: dict[str, Any]) -> Session | None:
        session = self.sessions.get(str(d.get("session_id")))
        if session is None or not self._token_ok(d.get("token")):
            with contextlib.suppress(ConnectionResetError, RuntimeError):
                await conn.send({"op": INVALID_SESSION, "d": False, "s": None, "t": None})
            return None
        seq = int(d.get("seq") or 0)
        self.resume_count += 1
        async with session.lock:
            old = session.conn
            session.conn, session.live = conn, False
            if old is not None and old is not conn:
                asyncio.get_running_loop().create_task(old.close(4000))
            for payload in session.buffer:
                if payload["s"] > seq:
                    self.replayed_count += 1
                    await self._send(session, payload)
            session.live = session.conn is conn
            await self._dispatch_locked(session, "RESUMED", {})
        self.current = session
        self._touch()
        return session

    async def _members_chunk(self, session: Session, d: dict[str, Any]) -> None:
        guild = self.fake.get_guild(int(d.get("guild_id", 0)))
        if guild is None:
            return
        from .payloads import member_payload

        data = {"guild_id": str(guild.id), "members": [member_payload(u) for u in guild.members],
                "chunk_index": 0, "chunk_count": 1, "not_found": [], "presences": []}
        if d.get("nonce") is not None:
            data["nonce"] = d["nonce"]
        await self._dispatch_to(session, "GUILD_MEMBERS_CHUNK", data)

    async def _on_closed(self, conn: Connection, session: Session | None, code: int | None) -> None:
        if session is None:
            return
        async with session.lock:
            if session.conn is conn:
                session.conn, session.live = None, False
        client_quit = code in (1000, 1001) and not conn.closed_by_server
        if client_quit and self.sessions.get(session.id) is session:
            # A clean client close ends the session on real Discord (not resumable).
            self.sessions.pop(session.id, None)
            if self.current is session:
                self.current = None
        self._touch()

    def shards(self) -> list[tuple[int, int]]:
        """The (id, count) of every session that is live or resumable, sorted."""
        return sorted(s.shard for s in self.sessions.values())

    async def close_all(self) -> None:
        """Close every open connection (emulator shutdown)."""
        for conn in self.connections:
            if not conn.closed:
                await conn.close(1001)


def _shard_of(value: Any) -> tuple[int, int] | None:
    """IDENTIFY's ``shard`` as (id, count); absent means (0, 1); None when invalid."""
    if value is None:
        return (0, 1)
    if (isinstance(value, list) and len(value) == 2
            and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
            and 0 <= value[0] < value[1]):
        return (value[0], value[1])
    return None


def _guild_of(event: str, data: dict[str, Any]) -> int | None:
    """The guild an event belongs to (its shard follows from it); None for DMs."""
    if event.startswith("GUILD_") and "guild_id" not in data and "id" in data:
        return int(data["id"])  # GUILD_CREATE, GUILD_UPDATE, GUILD_DELETE
    guild_id = data.get("guild_id")
    return int(guild_id) if guild_id is not None else None

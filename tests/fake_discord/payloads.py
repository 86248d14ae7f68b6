"""Data model of the fake Discord world and builders for the JSON shapes discord.py parses.

The shapes are the minimal-but-complete ones discord.py 2.7 accepts without KeyErrors
(checked against ``Guild._from_data``, ``Member``, ``Message``, ``Interaction``...).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any

DISCORD_EPOCH_MS = 1_420_070_400_000
ALL_PERMISSIONS = str((1 << 51) - 1)
ADMINISTRATOR = 1 << 3  # implies every other permission
ATTACH_FILES = 1 << 15
TEXT_CHANNEL = 0
DM_CHANNEL = 1

_counter = itertools.count(1)
_lock = threading.Lock()
_last_ms = 0


def snowflake() -> int:
    """A unique, time-ordered Discord snowflake (discord.py derives timestamps from ids)."""
    global _last_ms
    with _lock:
        ms = max(int(time.time() * 1000), _last_ms)
        _last_ms = ms
        return ((ms - DISCORD_EPOCH_MS) << 22) | (next(_counter) & 0x3FFFFF)


def snowflake_on_shard(shard_id: int, shard_count: int) -> int:
    """A unique snowflake whose guild lands on ``shard_id`` of ``shard_count`` shards, by
    Discord's rule ``(guild_id >> 22) % shard_count``."""
    flake = snowflake()
    ms = flake >> 22
    return ((ms + (shard_id - ms) % shard_count) << 22) | (flake & 0x3FFFFF)


def iso_now() -> str:
    """Current time in Discord's ISO-8601 format."""
    return dt.datetime.now(dt.UTC).isoformat()


@dataclass
class FakeUser:
    """A Discord user known to the emulator."""

    username: str
    id: int = field(default_factory=snowflake)
    bot: bool = False
    global_name: str | None = None

    def payload(self) -> dict[str, Any]:
        """User object as found in READY, messages and member objects."""
        return {
            "id": str(self.id),
            "username": self.username,
            "discriminator": "0",
            "global_name": self.global_name,
            "avatar": None,
            "bot": self.bot,
            "system": False,
            "public_flags": 0,
            "flags": 0,
        }

    @property
    def mention(self) -> str:
        """``<@id>`` — what a user types to mention this user."""
        return f"<@{self.id}>"


@dataclass
class FakeChannel:
    """A text channel in a guild (type 0) or a DM channel (type 1)."""

    name: str
    id: int = field(default_factory=snowflake)
    type: int = TEXT_CHANNEL
    guild_id: int | None = None
    recipient: FakeUser | None = None  # DM channels only

    def payload(self) -> dict[str, Any]:
        """Channel object for GUILD_CREATE / GET /channels/{id} / DM creation."""
        if self.type == DM_CHANNEL:
            recipients = [self.recipient.payload()] if self.recipient else []
            return {"id": str(self.id), "type": DM_CHANNEL, "last_message_id": None,
                    "recipients": recipients, "flags": 0}
        data: dict[str, Any] = {
            "id": str(self.id), "type": self.type, "name": self.name, "position": 0,
            "permission_overwrites": [], "topic": None, "nsfw": False, "parent_id": None,
            "last_message_id": None, "rate_limit_per_user": 0, "flags": 0,
        }
        if self.guild_id is not None:
            data["guild_id"] = str(self.guild_id)
        return data


@dataclass
class FakeGuild:
    """A guild with channels and members; the bot is added as a member automatically."""

    name: str = "Test Guild"
    id: int = field(default_factory=snowflake)
    channels: list[FakeChannel] = field(default_factory=list)
    members: list[FakeUser] = field(default_factory=list)
    owner_id: int | None = None
    permissions: int = int(ALL_PERMISSIONS)
    """What @everyone (and so the bot) may do. To test a bot without a permission, clear
    it and ADMINISTRATOR (which implies them all)."""

    def allows(self, permission: int) -> bool:
        """Whether the bot has `permission` in this guild's channels."""
        return bool(self.permissions & (permission | ADMINISTRATOR))

    def __post_init__(self) -> None:
        if not self.channels:
            self.channels.append(FakeChannel("general"))
        for ch in self.channels:
            ch.guild_id = self.id

    def role_payload(self) -> dict[str, Any]:
        """The @everyone role (id == guild id), with the guild's `permissions`."""
        return {"id": str(self.id), "name": "@everyone", "color": 0, "hoist": False,
                "position": 0, "permissions": str(self.permissions), "managed": False,
                "mentionable": False, "flags": 0, "icon": None, "unicode_emoji": None}

    def create_payload(self) -> dict[str, Any]:
        """GUILD_CREATE payload; member_count == len(members) so no chunking is needed."""
        owner = self.owner_id or (self.members[0].id if self.members else 0)
        return {
            "id": str(self.id), "name": self.name, "icon": None, "splash": None,
            "discovery_splash": None, "owner_id": str(owner), "afk_channel_id": None,
            "afk_timeout": 300, "verification_level": 0, "default_message_notifications": 0,
            "explicit_content_filter": 0, "roles": [self.role_payload()], "emojis": [],
            "stickers": [], "features": [], "mfa_level": 0, "application_id": None,
            "system_channel_id": None, "system_channel_flags": 0, "rules_channel_id": None,
            "vanity_url_code": None, "description": None, "banner": None, "premium_tier": 0,
            "premium_subscription_count": 0, "preferred_locale": "en-US",
            "public_updates_channel_id": None, "nsfw_level": 0, "premium_progress_bar_enabled":
            False, "joined_at": iso_now(), "large": False, "unavailable": False,
            "member_count": len(self.members), "voice_states": [],
            "members": [member_payload(u) for u in self.members],
            "channels": [c.payload() for c in self.channels], "threads": [], "presences": [],
            "stage_instances": [], "guild_scheduled_events": [], "soundboard_sounds": [],
        }


def member_payload(user: FakeUser, *, with_user: bool = True) -> dict[str, Any]:
    """Guild member object; messages carry it without the nested ``user``."""
    data: dict[str, Any] = {
        "roles": [], "joined_at": "2024-01-01T00:00:00+00:00", "deaf": False, "mute": False,
        "flags": 0, "nick": None, "avatar": None, "premium_since": None, "pending": False,
        "communication_disabled_until": None,
    }
    if with_user:
        data["user"] = user.payload()
    return data


MENTION_RE = re.compile(r"<@!?(\d+)>")


def message_payload(
    *,
    channel: FakeChannel,
    author: FakeUser,
    content: str = "",
    message_id: int | None = None,
    mentions: list[FakeUser] | None = None,
    body: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A full message object (gateway MESSAGE_CREATE / REST response shape)."""
    body = body or {}
    data: dict[str, Any] = {
        "id": str(message_id or snowflake()), "channel_id": str(channel.id), "type": 0,
        "author": author.payload(), "content": content, "timestamp": iso_now(),
        "edited_timestamp": None, "tts": bool(body.get("tts", False)),
        "mention_everyone": False, "mentions": [], "mention_roles": [],
        "attachments": [], "embeds": body.get("embeds") or [],
        "components": body.get("components") or [], "pinned": False,
        "flags": int(body.get("flags") or 0), "reactions": [],
    }
    if body.get("nonce") is not None:
        data["nonce"] = body["nonce"]
    if channel.guild_id is not None:
        data["guild_id"] = str(channel.guild_id)
        data["member"] = member_payload(author, with_user=False)
    for user in mentions or []:
        mention = user.payload()
        if channel.guild_id is not None:
            mention["member"] = member_payload(user, with_user=False)
        data["mentions"].append(mention)
    return data

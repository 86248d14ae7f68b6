"""Test-only Discord emulator (REST + gateway on 127.0.0.1) for real discord.py clients.

Typical use::

    async with FakeDiscord(heartbeat_interval_ms=500) as fake:
        async with running_client(fake, my_client):
            await fake.send_message(content=f"{fake.bot_user.mention} hi")
            reply = await fake.wait_for_message(fake.channel.id)
        fake.assert_clean()

The ``fake_discord`` pytest fixture lives in :mod:`tests.fake_discord.fixtures` (load it
via ``pytest_plugins``).
"""

from .client import FAKE_TOKEN, point_discord_py_at, running_client
from .interactions import InteractionHandle
from .limits import (
    check_allowed_mentions,
    check_application_command,
    check_application_commands,
    check_attachments,
    check_choices,
    check_components,
    check_embeds,
    check_message_limits,
    check_message_payload,
    check_modal,
)
from .payloads import FakeChannel, FakeGuild, FakeUser, snowflake, snowflake_on_shard
from .records import Fault, RecordedRequest
from .server import FakeDiscord

__all__ = [
    "FAKE_TOKEN",
    "FakeChannel",
    "FakeDiscord",
    "FakeGuild",
    "FakeUser",
    "Fault",
    "InteractionHandle",
    "RecordedRequest",
    "check_allowed_mentions",
    "check_application_command",
    "check_application_commands",
    "check_attachments",
    "check_choices",
    "check_components",
    "check_embeds",
    "check_message_limits",
    "check_message_payload",
    "check_modal",
    "point_discord_py_at",
    "running_client",
    "snowflake",
    "snowflake_on_shard",
]

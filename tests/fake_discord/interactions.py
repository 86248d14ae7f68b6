"""Interaction bookkeeping and INTERACTION_CREATE payload builders.

The emulator remembers every interaction it dispatched so the REST side can enforce the
real protocol: unknown/expired tokens get 404 10062, a second initial response gets
400 40060, and follow-ups need a prior acknowledgement.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .payloads import DM_CHANNEL, FakeChannel, FakeUser, member_payload, snowflake

if TYPE_CHECKING:
    from .records import RecordedRequest
    from .server import FakeDiscord

APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 2, 3, 4, 5

# Which callback types Discord accepts for which interaction type.
ALLOWED_CALLBACKS: dict[int, frozenset[int]] = {
    APPLICATION_COMMAND: frozenset({4, 5, 9, 10, 12}),
    MESSAGE_COMPONENT: frozenset({4, 5, 6, 7, 9, 10, 12}),
    AUTOCOMPLETE: frozenset({8}),
    MODAL_SUBMIT: frozenset({4, 5, 6, 7, 10}),
}

OPTION_TYPES_BY_PYTHON = {bool: 5, int: 4, float: 10, str: 3}


@dataclass
class InteractionState:
    """Server-side view of one interaction the emulator dispatched."""

    id: int
    token: str
    type: int
    payload: dict[str, Any]
    channel: FakeChannel
    user: FakeUser
    created: float
    acked_type: int | None = None
    original_message_id: int | None = None
    component_message_id: int | None = None


class InteractionHandle:
    """What ``send_*`` helpers return: ids plus ways to await the bot's answer."""

    def __init__(self, fake: FakeDiscord, state: InteractionState) -> None:
        self._fake = fake
        self.state = state
        self.id = state.id
        self.token = state.token
        self.type = state.type
        self.payload = state.payload

    def _mine(self, req: RecordedRequest) -> bool:
        return req.ok and self.token in req.path

    @property
    def responses(self) -> list[RecordedRequest]:
        """Successful callback + follow-up/edit requests for this interaction."""
        return [r for r in self._fake.requests if self._mine(r)]

    @property
    def callback(self) -> RecordedRequest | None:
        """The accepted initial response (``/interactions/{id}/{token}/callback``)."""
        return next((r for r in self.responses if r.path.endswith("/callback")), None)

    async def wait_response(self, timeout: float = 5) -> RecordedRequest:
        """Wait for the accepted initial callback and return it."""
        return await self._fake.wait_for_request(
            lambda r: self._mine(r) and r.path.endswith("/callback"), timeout=timeout
        )

    async def wait_followup(self, timeout: float = 5) -> RecordedRequest:
        """Wait for an accepted follow-up or ``@original`` edit (webhook route)."""
        return await self._fake.wait_for_request(
            lambda r: self._mine(r) and r.path.startswith("/webhooks/"), timeout=timeout
        )

    def __repr__(self) -> str:
        return f"<InteractionHandle id={self.id} type={self.type}>"


def new_interaction(
    fake: FakeDiscord,
    *,
    type_: int,
    data: dict[str, Any] | None,
    channel: FakeChannel,
    user: FakeUser,
    message: dict[str, Any] | None = None,
) -> InteractionState:
    """Build (and register) an INTERACTION_CREATE payload shaped like Discord's."""
    iid, token = snowflake(), "fake-itoken-" + secrets.token_urlsafe(24)
    guild = fake.get_guild(channel.guild_id) if channel.guild_id is not None else None
    permissions = str(guild.permissions) if guild is not None else "2251799813685247"
    payload: dict[str, Any] = {
        "id": str(iid), "application_id": str(fake.application_id), "type": type_,
        "token": token, "version": 1, "app_permissions": permissions,
        "locale": "en-US", "entitlements": [], "attachment_size_limit": 10 * 1024 * 1024,
        "channel_id": str(channel.id), "channel": channel.payload(),
    }
    if data is not None:
        payload["data"] = data
    if channel.type == DM_CHANNEL or channel.guild_id is None:
        payload["user"] = user.payload()
        payload["context"] = 1  # BOT_DM
        payload["authorizing_integration_owners"] = {"0": "0"}
    else:
        gid = str(channel.guild_id)
        payload["guild_id"] = gid
        payload["guild"] = {"id": gid, "locale": "en-US", "features": []}
        payload["guild_locale"] = "en-US"
        payload["member"] = member_payload(user) | {"permissions": permissions}
        payload["context"] = 0  # GUILD
        payload["authorizing_integration_owners"] = {"0": gid}
    if message is not None:
        payload["message"] = message
    state = InteractionState(id=iid, token=token, type=type_, payload=payload, channel=channel,
                             user=user, created=time.monotonic())
    if message is not None:
        state.component_message_id = int(message["id"])
    fake.interactions[iid] = state
    return state


def _find_command(
    fake: FakeDiscord, name: str, guild_id: int | None, ctype: int = 1
) -> tuple[dict[str, Any] | None, bool]:
    """Synced command definition by name (guild commands win), and whether it's a guild one."""
    if guild_id is not None:
        for cmd in fake.guild_commands.get(guild_id, []):
            if cmd["name"] == name and cmd.get("type", 1) == ctype:
                return cmd, True
    for cmd in fake.global_commands:
        if cmd["name"] == name and cmd.get("type", 1) == ctype:
            return cmd, False
    return None, False


def _option_type(defs: list[dict[str, Any]], name: str, value: Any) -> int:
    for d in defs:
        if d.get("name") == name:
            return int(d["type"])
    return OPTION_TYPES_BY_PYTHON.get(type(value), 3)


def command_data(
    fake: FakeDiscord,
    name: str,
    options: dict[str, Any] | list[dict[str, Any]] | None,
    guild_id: int | None,
    focused: str | None = None,
) -> dict[str, Any]:
    """``data`` of a chat-input command; ``name`` may be ``"group sub"`` for subcommands.

    Option types come from the synced definition when the bot synced the command, else
    they are inferred from the Python values.
    """
    root, *path = name.split()
    cmd, is_guild = _find_command(fake, root, guild_id)
    defs: list[dict[str, Any]] = (cmd or {}).get("options") or []
    if isinstance(options, list):
        leaf_options = options
    else:
        leaf_defs = defs
        for part in path:
            leaf_defs = next((o.get("options") or [] for o in leaf_defs if o["name"] == part), [])
        leaf_options = []
        for key, value in (options or {}).items():
            opt = {"name": key, "type": _option_type(leaf_defs, key, value), "value": value}
            if key == focused:
                opt["focused"] = True
            leaf_options.append(opt)
    for depth in range(len(path) - 1, -1, -1):  # innermost is the subcommand (type 1)
        sub_type = 1 if depth == len(path) - 1 else 2  # outer ones are groups
        leaf_options = [{"name": path[depth], "type": sub_type, "options": leaf_options}]
    data: dict[str, Any] = {"id": str(cmd["id"]) if cmd else str(snowflake()), "name": root,
                            "type": 1, "options": leaf_options}
    if is_guild and guild_id is not None:
        data["guild_id"] = str(guild_id)
    return data

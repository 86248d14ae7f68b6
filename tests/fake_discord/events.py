"""Event injection: users posting messages, running commands, clicking buttons.

Mixed into :class:`FakeDiscord`; every helper dispatches a realistic gateway event and
returns something the test can wait on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import limits
from .interactions import (
    APPLICATION_COMMAND,
    AUTOCOMPLETE,
    MESSAGE_COMPONENT,
    MODAL_SUBMIT,
    InteractionHandle,
    command_data,
    new_interaction,
)
from .payloads import FakeChannel, FakeUser, message_payload

if TYPE_CHECKING:
    from .records import RecordedRequest


class EventInjectionMixin:
    """``send_*`` helpers of :class:`FakeDiscord`."""

    if TYPE_CHECKING:
        user: FakeUser
        channel: FakeChannel
        messages: dict[int, dict[str, Any]]

        def get_channel(self, channel_id: int) -> FakeChannel | None: ...
        def add_user(self, user: FakeUser) -> FakeUser: ...
        def dm_channel(self, user: FakeUser) -> FakeChannel: ...
        def mentioned_users(self, content: str) -> list[FakeUser]: ...
        def store_message(self, msg: dict[str, Any]) -> None: ...
        async def dispatch(self, event: str, data: dict[str, Any]) -> int | None: ...
        @property
        def interaction_responses(self) -> list[RecordedRequest]: ...

    # -- event injection ------------------------------------------------------------------
    async def send_message(self, channel_id: int | None = None, content: str = "", *,
                           author: FakeUser | None = None, mentions: list[FakeUser] | None = None,
                           guild_id: int | None = None, **fields: Any) -> dict[str, Any]:
        """A user posts ``content``; dispatches MESSAGE_CREATE and returns the payload.

        ``mentions`` defaults to the known users mentioned in ``content`` (e.g.
        ``fake.bot_user.mention``). Extra ``fields`` are merged into the payload.
        """
        author = author or self.user
        channel = self.get_channel(channel_id or self.channel.id)
        if channel is None:
            raise ValueError(f"unknown channel {channel_id}; add it to a FakeGuild first")
        if guild_id is not None and channel.guild_id != guild_id:
            raise ValueError(f"channel {channel.id} is not in guild {guild_id}")
        self.add_user(author)
        msg = message_payload(channel=channel, author=author, content=content,
                              mentions=self.mentioned_users(content) if mentions is None
                              else mentions)
        msg.update(fields)
        self.store_message(msg)
        await self.dispatch("MESSAGE_CREATE", msg)
        return msg

    async def send_dm(self, content: str, *, author: FakeUser | None = None) -> dict[str, Any]:
        """``author`` (default ``fake.user``) DMs the bot."""
        author = author or self.user
        return await self.send_message(self.dm_channel(author).id, content, author=author)

    async def send_interaction(self, type_: int, data: dict[str, Any] | None, *,
                               channel_id: int | None = None, user: FakeUser | None = None,
                               message: dict[str, Any] | None = None) -> InteractionHandle:
        """Dispatch a raw INTERACTION_CREATE of ``type_`` with ``data``."""
        channel = self.get_channel(channel_id or self.channel.id)
        if channel is None:
            raise ValueError(f"unknown channel {channel_id}")
        state = new_interaction(self, type_=type_, data=data, channel=channel,
                                user=user or self.user, message=message)
        await self.dispatch("INTERACTION_CREATE", state.payload)
        return InteractionHandle(self, state)

    async def send_slash_command(self, name: str, options: dict[str, Any] | None = None, *,
                                 channel_id: int | None = None, user: FakeUser | None = None
                                 ) -> InteractionHandle:
        """Invoke ``/name`` (``"group sub"`` for subcommands) with ``options``; the command id
        and option types come from what the bot synced, if it did."""
        channel = self.get_channel(channel_id or self.channel.id)
        data = command_data(self, name, options, channel.guild_id if channel else None)
        return await self.send_interaction(APPLICATION_COMMAND, data, channel_id=channel_id,
                                           user=user)

    async def send_autocomplete(self, name: str, focused: str, value: Any,
                                options: dict[str, Any] | None = None, *,
                                channel_id: int | None = None, user: FakeUser | None = None
                                ) -> InteractionHandle:
        """Autocomplete for option ``focused`` of ``/name`` while the user typed ``value``."""
        channel = self.get_channel(channel_id or self.channel.id)
        all_options = {**(options or {}), focused: value}
        data = command_data(self, name, all_options, channel.guild_id if channel else None,
                            focused=focused)
        return await self.send_interaction(AUTOCOMPLETE, data, channel_id=channel_id, user=user)

    async def click_button(self, message_id: int | str, custom_id: str, *,
                           user: FakeUser | None = None, component_type: int = 2,
                           values: list[str] | None = None) -> InteractionHandle:
        """Press a button (or pick ``values`` in a select, ``component_type=3``) on a message
        the bot sent."""
        msg = self.messages.get(int(message_id))
        if msg is None:
            raise ValueError(f"unknown message {message_id}")
        data: dict[str, Any] = {"custom_id": custom_id, "component_type": component_type}
        if values is not None:
            data["values"] = values
        return await self.send_interaction(MESSAGE_COMPONENT, data,
                                           channel_id=int(msg["channel_id"]), user=user,
                                           message=msg)

    async def submit_modal(self, custom_id: str, values: dict[str, str], *,
                           channel_id: int | None = None, user: FakeUser | None = None
                           ) -> InteractionHandle:
        """Submit the modal ``custom_id`` the bot showed, with text-input ``values`` keyed by
        custom_id; mirrors the layout (action rows or labels) of the modal the bot sent."""
        shown = [r.json["data"] for r in self.interaction_responses
                 if r.path.endswith("/callback") and r.json.get("type") == 9
                 and r.json["data"].get("custom_id") == custom_id]

        def answer(comp: dict[str, Any]) -> dict[str, Any]:
            return {"type": comp.get("type", 4), "custom_id": comp["custom_id"],
                    "value": values.get(comp["custom_id"], "")}

        components: list[dict[str, Any]] = []
        for top in (shown[-1]["components"] if shown else []):
            if top.get("type") == 18 and isinstance(top.get("component"), dict):
                components.append({"type": 18, "component": answer(top["component"])})
            elif top.get("type") == 1:
                components.append({"type": 1, "components": [
                    answer(c) for c in top.get("components", []) if "custom_id" in c]})
        if not shown:
            components = [{"type": 1, "components": [answer({"custom_id": k})]}
                          for k in values]
        return await self.send_interaction(MODAL_SUBMIT, {"custom_id": custom_id,
                                                          "components": components},
                                           channel_id=channel_id, user=user)

    def buttons(self, message_id: int | str) -> list[dict[str, Any]]:
        """Buttons (flattened) of a stored message — to find custom_ids to click."""
        msg = self.messages.get(int(message_id)) or {}
        found = limits._walk_components(msg.get("components") or [])
        return [c for c in found if c.get("type") == limits.BUTTON_TYPE]

"""REST route handlers: the subset of Discord's API a discord.py bot uses.

Handlers validate every outgoing payload against :mod:`.limits` — hard limits are
answered with ``400 Invalid Form Body`` like real Discord, and every problem (including
mention-policy ones Discord would accept) lands in ``fake.violations``.
"""

from __future__ import annotations

import copy
import time
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import limits
from .interactions import ALLOWED_CALLBACKS, InteractionState
from .payloads import ATTACH_FILES, FakeChannel, FakeUser, message_payload, snowflake
from .records import RecordedRequest
from .rest import DiscordError, Router, form_error, json_response, no_content

if TYPE_CHECKING:
    from .server import FakeDiscord

def _truthy(value: str | None) -> bool:
    return (value or "").lower() in ("1", "true", "yes")


class Handlers:
    """Implements the routes; state lives on the :class:`FakeDiscord` instance."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake

    def register(self, r: Router) -> None:
        """Route table (literal segments such as ``@me`` before parameters)."""
        a, c = "/applications/{application_id}", "/channels/{channel_id}"
        w = "/webhooks/{application_id}/{token}"
        routes = [
            ("GET", "/gateway", self.gateway), ("GET", "/gateway/bot", self.gateway_bot),
            ("GET", "/users/@me", self.me), ("POST", "/users/@me/channels", self.create_dm),
            ("GET", "/users/{user_id}", self.get_user),
            ("GET", "/oauth2/applications/@me", self.app_info),
            ("GET", "/applications/@me", self.app_info),
            ("GET", c, self.get_channel), ("POST", f"{c}/typing", self.typing),
            ("GET", f"{c}/messages", self.history), ("POST", f"{c}/messages", self.create_message),
            ("GET", f"{c}/messages/{{message_id}}", self.get_message),
            ("PATCH", f"{c}/messages/{{message_id}}", self.edit_message),
            ("DELETE", f"{c}/messages/{{message_id}}", self.delete_message),
            ("PUT", f"{c}/messages/{{message_id}}/reactions/{{emoji}}/@me", self.react),
            ("DELETE", f"{c}/messages/{{message_id}}/reactions/{{emoji}}/@me", self.react),
            ("POST", "/interactions/{interaction_id}/{token}/callback", self.callback),
            ("GET", w, self.get_webhook), ("PATCH", w, self.get_webhook),
            ("DELETE", w, self.delete_webhook), ("POST", w, self.followup),
            ("GET", f"{w}/messages/{{message_id}}", self.webhook_get_message),
            ("PATCH", f"{w}/messages/{{message_id}}", self.webhook_edit_message),
            ("DELETE", f"{w}/messages/{{message_id}}", self.webhook_delete_message),
            ("GET", "/guilds/{guild_id}", self.get_guild),
            ("GET", "/guilds/{guild_id}/channels", self.guild_channels),
            ("GET", "/guilds/{guild_id}/members/{user_id}", self.guild_member),
        ]
        for scope in (f"{a}/commands", f"{a}/guilds/{{guild_id}}/commands"):
            routes += [("GET", scope, self.list_commands), ("PUT", scope, self.put_commands),
                       ("POST", scope, self.upsert_command),
                       ("GET", f"{scope}/{{command_id}}", self.get_command),
                       ("PATCH", f"{scope}/{{command_id}}", self.patch_command),
                       ("DELETE", f"{scope}/{{command_id}}", self.delete_command)]
        for method, template, handler in routes:
            r.add(method, template, handler)

    # -- helpers --------------------------------------------------------------------------
    def _violate(self, req: RecordedRequest, problems: list[str]) -> None:
        self.fake.violations.extend(f"{req.key}: {p}" for p in problems)

    def _validate_message(self, req: RecordedRequest, body: Any, where: str, *,
                          creating: bool, kept: dict[str, str] | None = None) -> dict[str, Any]:
        """Limits, mention policy and uploads of a message body; ``kept``: the edited
        message's attachments (id -> filename) an edit may keep or show."""
        if not isinstance(body, dict):
            raise form_error([f"{where}: body must be a JSON object"])
        too_big = limits.oversized(req.files, where)
        if too_big:
            self._violate(req, too_big)
            raise DiscordError(413, 40005, "Request entity too large")
        hard = limits.check_message_limits(body, where, creating=creating)
        hard += limits.check_attachments(body, req.files, where, kept)
        self._violate(req, hard + limits.check_allowed_mentions(body, where))
        if hard and self.fake.reject_invalid:
            raise form_error(hard)
        return body

    def _channel(self, channel_id: str) -> FakeChannel:
        channel = self.fake.get_channel(int(channel_id))
        if channel is None:
            raise DiscordError(404, 10003, "Unknown Channel")
        return channel

    def _message(self, message_id: str | int | None) -> dict[str, Any]:
        msg = self.fake.messages.get(int(message_id)) if message_id is not None else None
        if msg is None:
            raise DiscordError(404, 10008, "Unknown Message")
        return msg

    def _attachments(self, req: RecordedRequest, body: dict[str, Any]) -> list[dict[str, Any]]:
        """Attachment objects for the uploaded parts, as Discord stores them: the name and
        description from ``attachments``, the media type and an image's size sniffed."""
        listed = {str(a.get("id")): a for a in body.get("attachments") or []
                  if isinstance(a, dict)}
        out = []
        for i, f in enumerate(req.files):
            match = limits.FILE_PART_RE.match(str(f["field"] or ""))
            entry = listed.get(str(int(match[1]))) if match else None
            name = (entry or {}).get("filename") or f["filename"] or f"file{i}"
            aid = snowflake()
            url = f"{self.fake.http_base}/attachments/{aid}/{name}"
            data = f.get("data") or b""
            item = {"id": str(aid), "filename": name, "size": f["size"], "url": url,
                    "proxy_url": url,
                    "content_type": limits.image_type(data) or f["content_type"]}
            if (entry or {}).get("description"):
                item["description"] = entry["description"]
            if (size := limits.image_size(data)) is not None:
                item["width"], item["height"] = size
            out.append(item)
        return out

    @staticmethod
    def _show_attachments(msg: dict[str, Any]) -> None:
        """Point each embed's ``attachment://name`` at the stored file, as Discord does."""
        files = {a["filename"]: a for a in msg.get("attachments") or []}
        embeds = copy.deepcopy(msg.get("embeds") or [])  # never the recorded request's body
        for embed in embeds:
            for slot, key in limits.EMBED_MEDIA:
                media = embed.get(slot)
                url = (media or {}).get(key)
                if not isinstance(url, str) or not url.startswith("attachment://"):
                    continue
                found = files.get(url.removeprefix("attachment://"))
                if found is not None:
                    media[key] = found["url"]
                    media["proxy_url" if key == "url" else f"proxy_{key}"] = found["proxy_url"]
                    if key == "url" and "width" in found:
                        media["width"], media["height"] = found["width"], found["height"]
        msg["embeds"] = embeds

    def _new_message(self, req: RecordedRequest, channel: FakeChannel, body: dict[str, Any],
                     **extra: Any) -> dict[str, Any]:
        fake = self.fake
        content = body.get("content") or ""
        msg = message_payload(channel=channel, author=fake.bot_user, content=content,
                              mentions=fake.mentioned_users(content), body=body)
        msg["attachments"] = self._attachments(req, body)
        self._show_attachments(msg)
        msg.update(extra)
        fake.store_message(msg)
        return msg

    @staticmethod
    def _kept(msg: dict[str, Any]) -> dict[str, str]:
        return {str(a["id"]): a["filename"] for a in msg.get("attachments") or []}

    def _apply_edit(self, msg: dict[str, Any], body: dict[str, Any],
                    req: RecordedRequest | None = None) -> None:
        for key in ("content", "embeds", "components", "flags"):
            if key in body:
                value = body[key]
                msg[key] = value if value is not None else ([] if key != "content" else "")
        if "attachments" in body or (req is not None and req.files):
            # An edit keeps the attachments it lists by id and adds the files it uploads.
            listed = {str(a.get("id")) for a in body.get("attachments") or []
                      if isinstance(a, dict)}
            keep = [a for a in msg.get("attachments") or [] if a["id"] in listed]
            msg["attachments"] = keep + (self._attachments(req, body) if req else [])
        self._show_attachments(msg)
        msg["edited_timestamp"] = msg.get("timestamp")
        msg["flags"] = int(msg.get("flags") or 0) & ~limits.FLAG_LOADING

    async def _echo(self, event: str, msg: dict[str, Any]) -> None:
        if self.fake.echo_own_messages and not int(msg.get("flags") or 0) & limits.FLAG_EPHEMERAL:
            await self.fake.dispatch(event, msg)

    # -- gateway / identity ---------------------------------------------------------------
    async def gateway(self, req: RecordedRequest) -> web.Response:
        return json_response({"url": self.fake.gateway_url})

    async def gateway_bot(self, req: RecordedRequest) -> web.Response:
        limit = {"total": 1000, "remaining": 1000 - self.fake.identify_count,
                 "reset_after": 86_400_000, "max_concurrency": 1}
        return json_response({"url": self.fake.gateway_url, "shards": 1,
                              "session_start_limit": limit})

    async def me(self, req: RecordedRequest) -> web.Response:
        return json_response(self.fake.bot_user.payload() | {"verified": True,
                                                             "mfa_enabled": False})

    async def get_user(self, req: RecordedRequest) -> web.Response:
        user = self.fake.users.get(int(req.params["user_id"]))
        if user is None:
            raise DiscordError(404, 10013, "Unknown User")
        return json_response(user.payload())

    async def app_info(self, req: RecordedRequest) -> web.Response:
        fake = self.fake
        return json_response({
            "id": str(fake.application_id), "name": fake.bot_user.username, "icon": None,
            "description": "", "rpc_origins": [], "bot_public": True,
            "bot_require_code_grant": False, "owner": fake.owner.payload(), "summary": "",
            "verify_key": "0" * 64, "team": None, "flags": fake.application_flags,
            "bot": fake.bot_user.payload(), "tags": [], "install_params": None,
            "interactions_endpoint_url": None, "redirect_uris": [],
        })

    async def create_dm(self, req: RecordedRequest) -> web.Response:
        rid = int((req.json or {}).get("recipient_id", 0))
        user = self.fake.users.get(rid) or self.fake.add_user(FakeUser(f"user{rid}", id=rid))
        return json_response(self.fake.dm_channel(user).payload())

    # -- channels & messages --------------------------------------------------------------
    async def get_channel(self, req: RecordedRequest) -> web.Response:
        return json_response(self._channel(req.params["channel_id"]).payload())

    async def typing(self, req: RecordedRequest) -> web.Response:
        self._channel(req.params["channel_id"])
        return no_content()

    async def history(self, req: RecordedRequest) -> web.Response:
        channel = self._channel(req.params["channel_id"])
        limit = int(req.query.get("limit", 50))
        msgs = [m for m in self.fake.stored_messages(channel.id)
                if not int(m.get("flags") or 0) & limits.FLAG_EPHEMERAL]
        return json_response(list(reversed(msgs))[:limit])

    async def create_message(self, req: RecordedRequest) -> web.Response:
        channel = self._channel(req.params["channel_id"])
        guild = self.fake.get_guild(channel.guild_id) if channel.guild_id is not None else None
        if req.files and guild is not None and not guild.allows(ATTACH_FILES):
            # Discord refuses the whole message; a bot should have checked its permissions.
            self._violate(req, ["message: files sent without the Attach Files permission"])
            raise DiscordError(403, 50013, "Missing Permissions")
        body = self._validate_message(req, req.json, "message", creating=True)
        nonce = str(body["nonce"]) if body.get("nonce") is not None else None
        if nonce is not None and body.get("enforce_nonce"):
            # Discord: a second message from the same author with the same enforced nonce
            # (within a few minutes) returns the first one instead of posting again.
            earlier = self.fake.messages.get(self.fake.nonces.get(nonce, 0))
            if earlier is not None:
                self.fake.deduplicated.append(req)
                return json_response(earlier)
        extra: dict[str, Any] = {}
        ref = body.get("message_reference")
        if ref:
            referenced = self.fake.messages.get(int(ref.get("message_id", 0)))
            if referenced is not None:
                extra = {"type": 19, "message_reference": {**ref, "channel_id": str(channel.id)},
                         "referenced_message": referenced}
            elif ref.get("fail_if_not_exists", True):
                raise form_error(["message_reference: Unknown message"])
        msg = self._new_message(req, channel, body, **extra)
        if nonce is not None and body.get("enforce_nonce"):
            self.fake.nonces[nonce] = int(msg["id"])
        await self._echo("MESSAGE_CREATE", msg)
        return json_response(msg)

    async def get_message(self, req: RecordedRequest) -> web.Response:
        return json_response(self._message(req.params["message_id"]))

    async def edit_message(self, req: RecordedRequest) -> web.Response:
        msg = self._message(req.params["message_id"])
        if msg["author"]["id"] != str(self.fake.bot_user.id):
            raise DiscordError(403, 50005, "Cannot edit a message authored by another user")
        body = self._validate_message(req, req.json, "edit", creating=False,
                                      kept=self._kept(msg))
        self._apply_edit(msg, body, req)
        await self._echo("MESSAGE_UPDATE", msg)
        return json_response(msg)

    async def delete_message(self, req: RecordedRequest) -> web.Response:
        msg = self._message(req.params["message_id"])
        self.fake.messages.pop(int(msg["id"]), None)
        data = {"id": msg["id"], "channel_id": msg["channel_id"]}
        if "guild_id" in msg:
            data["guild_id"] = msg["guild_id"]
        await self._echo("MESSAGE_DELETE", data)
        return no_content()

    async def react(self, req: RecordedRequest) -> web.Response:
        msg = self._message(req.params["message_id"])
        emoji = req.params["emoji"]
        if req.method == "PUT":
            msg.setdefault("reactions", []).append({"emoji": {"id": None, "name": emoji},
                                                    "count": 1, "me": True})
        return no_content()

    # -- guilds ---------------------------------------------------------------------------
    def _guild(self, guild_id: str) -> Any:
        guild = self.fake.get_guild(int(guild_id))
        if guild is None:
            raise DiscordError(404, 10004, "Unknown Guild")
        return guild

    async def get_guild(self, req: RecordedRequest) -> web.Response:
        data = self._guild(req.params["guild_id"]).create_payload()
        for key in ("members", "channels", "threads", "presences", "voice_states"):
            data.pop(key, None)
        return json_response(data)

    async def guild_channels(self, req: RecordedRequest) -> web.Response:
        guild = self._guild(req.params["guild_id"])
        return json_response([c.payload() for c in guild.channels])

    async def guild_member(self, req: RecordedRequest) -> web.Response:
        from .payloads import member_payload

        guild = self._guild(req.params["guild_id"])
        user = next((u for u in guild.members if u.id == int(req.params["user_id"])), None)
        if user is None:
            raise DiscordError(404, 10007, "Unknown Member")
        return json_response(member_payload(user))

    # -- interactions ---------------------------------------------------------------------
    def _interaction(self, req: RecordedRequest) -> InteractionState:
        state = self.fake.interactions.get(int(req.params["interaction_id"]))
        if state is None or state.token != req.params["token"]:
            raise DiscordError(404, 10062, "Unknown interaction")
        return state

    def _by_token(self, req: RecordedRequest) -> InteractionState:
        if req.params["application_id"] != str(self.fake.application_id):
            raise DiscordError(404, 10015, "Unknown Webhook")
        state = next((s for s in self.fake.interactions.values()
                      if s.token == req.params["token"]), None)
        if state is None:
            raise DiscordError(404, 10015, "Unknown Webhook")
        if state.acked_type is None:
            self._violate(req, ["follow-up/edit before the interaction was acknowledged"])
            raise DiscordError(404, 10015, "Unknown Webhook")
        return state

    async def callback(self, req: RecordedRequest) -> web.Response:
        state = self._interaction(req)
        body = req.json if isinstance(req.json, dict) else {}
        cb_type, data = body.get("type"), body.get("data") or {}
        fake = self.fake
        if state.acked_type is not None:
            self._violate(req, [f"interaction {state.id} acknowledged twice"])
            raise DiscordError(400, 40060, "Interaction has already been acknowledged.")
        age = time.monotonic() - state.created
        if fake.interaction_timeout is not None and age > fake.interaction_timeout:
            self._violate(req, [f"interaction {state.id} answered after {age:.2f}s (expired)"])
            raise DiscordError(404, 10062, "Unknown interaction")
        if cb_type not in ALLOWED_CALLBACKS.get(state.type, frozenset()):
            problem = f"callback type {cb_type} invalid for interaction type {state.type}"
            self._violate(req, [problem])
            raise form_error([problem])
        if cb_type in (4, 7):
            updated = fake.messages.get(state.component_message_id or 0) if cb_type == 7 else None
            self._validate_message(req, data, "interaction response", creating=cb_type == 4,
                                   kept=self._kept(updated) if updated else None)
        elif cb_type == 8:
            hard = limits.check_choices(data.get("choices"), "autocomplete")
            self._violate(req, hard)
            if hard and fake.reject_invalid:
                raise form_error(hard)
        elif cb_type == 9:
            hard = limits.check_modal(data)
            self._violate(req, hard)
            if hard and fake.reject_invalid:
                raise form_error(hard)
        state.acked_type = cb_type
        message: dict[str, Any] | None = None
        meta = {"webhook_id": str(fake.application_id), "application_id": str(fake.application_id),
                "interaction_metadata": {"id": str(state.id), "type": state.type,
                                         "user": state.user.payload()}}
        if cb_type == 4:
            message = self._new_message(req, state.channel, data, **meta,
                                        type=20 if state.type == 2 else 0)
            await self._echo("MESSAGE_CREATE", message)
        elif cb_type == 5:
            flags = limits.FLAG_LOADING | (int(data.get("flags") or 0) & limits.FLAG_EPHEMERAL)
            message = self._new_message(req, state.channel, {"flags": flags}, **meta,
                                        type=20 if state.type == 2 else 0)
        elif cb_type in (6, 7) and state.component_message_id is not None:
            message = fake.messages.get(state.component_message_id)
            if message is not None and cb_type == 7:
                self._apply_edit(message, data, req)
                await self._echo("MESSAGE_UPDATE", message)
        if message is not None:
            state.original_message_id = int(message["id"])
        if not _truthy(req.query.get("with_response")):
            return no_content()
        flags = int((message or {}).get("flags") or 0)
        interaction: dict[str, Any] = {"id": str(state.id), "type": state.type}
        if message is not None and cb_type in (4, 5, 7):
            interaction |= {"response_message_id": message["id"],
                            "response_message_loading": bool(flags & limits.FLAG_LOADING),
                            "response_message_ephemeral": bool(flags & limits.FLAG_EPHEMERAL)}
            return json_response({"interaction": interaction,
                                  "resource": {"type": cb_type, "message": message}})
        return json_response({"interaction": interaction})

    async def get_webhook(self, req: RecordedRequest) -> web.Response:
        state = self._by_token(req)
        return json_response({"id": str(self.fake.application_id), "type": 3,
                              "application_id": str(self.fake.application_id),
                              "name": self.fake.bot_user.username, "avatar": None,
                              "token": state.token, "channel_id": str(state.channel.id)})

    async def delete_webhook(self, req: RecordedRequest) -> web.Response:
        self._by_token(req)
        return no_content()

    async def followup(self, req: RecordedRequest) -> web.Response:
        state = self._by_token(req)
        body = self._validate_message(req, req.json, "followup", creating=True)
        message = self._new_message(req, state.channel, body,
                                    webhook_id=str(self.fake.application_id),
                                    application_id=str(self.fake.application_id))
        await self._echo("MESSAGE_CREATE", message)
        return json_response(message) if _truthy(req.query.get("wait")) else no_content()

    def _webhook_message(self, req: RecordedRequest, state: InteractionState) -> dict[str, Any]:
        mid = req.params["message_id"]
        return self._message(state.original_message_id if mid == "@original" else mid)

    async def webhook_get_message(self, req: RecordedRequest) -> web.Response:
        return json_response(self._webhook_message(req, self._by_token(req)))

    async def webhook_edit_message(self, req: RecordedRequest) -> web.Response:
        msg = self._webhook_message(req, self._by_token(req))
        body = self._validate_message(req, req.json, "followup edit", creating=False,
                                      kept=self._kept(msg))
        self._apply_edit(msg, body, req)
        await self._echo("MESSAGE_UPDATE", msg)
        return json_response(msg)

    async def webhook_delete_message(self, req: RecordedRequest) -> web.Response:
        msg = self._webhook_message(req, self._by_token(req))
        self.fake.messages.pop(int(msg["id"]), None)
        return no_content()

    # -- application commands -------------------------------------------------------------
    def _command_list(self, req: RecordedRequest) -> list[dict[str, Any]]:
        if req.params["application_id"] != str(self.fake.application_id):
            self._violate(req, [f"wrong application id {req.params['application_id']}"])
            raise DiscordError(403, 50001, "Missing Access")
        if "guild_id" in req.params:
            self._guild(req.params["guild_id"])
            return self.fake.guild_commands.setdefault(int(req.params["guild_id"]), [])
        return self.fake.global_commands

    def _stored(self, req: RecordedRequest, cmd: dict[str, Any], old: dict[str, Any] | None
                ) -> dict[str, Any]:
        stored = {"type": 1, "default_member_permissions": None, "nsfw": False,
                  "description": "", **cmd, "id": old["id"] if old else str(snowflake()),
                  "application_id": str(self.fake.application_id), "version": str(snowflake())}
        if "guild_id" in req.params:
            stored["guild_id"] = req.params["guild_id"]
        return stored

    def _check_commands(self, req: RecordedRequest, body: Any) -> None:
        hard = (limits.check_application_commands(body) if isinstance(body, list) or
                req.method == "PUT" else limits.check_application_command(body or {}))
        self._violate(req, hard)
        if hard and self.fake.reject_invalid:
            raise form_error(hard)

    async def list_commands(self, req: RecordedRequest) -> web.Response:
        return json_response(self._command_list(req))

    async def put_commands(self, req: RecordedRequest) -> web.Response:
        current = self._command_list(req)
        self._check_commands(req, req.json)
        by_key = {(c["name"], c.get("type", 1)): c for c in current}
        new = [self._stored(req, c, by_key.get((c["name"], c.get("type", 1)))) for c in req.json]
        current[:] = new
        return json_response(new)

    async def upsert_command(self, req: RecordedRequest) -> web.Response:
        current = self._command_list(req)
        self._check_commands(req, req.json)
        cmd = req.json
        old = next((c for c in current if (c["name"], c.get("type", 1)) ==
                    (cmd["name"], cmd.get("type", 1))), None)
        stored = self._stored(req, cmd, old)
        if old is not None:
            current[current.index(old)] = stored
        else:
            current.append(stored)
        return json_response(stored, 200 if old else 201)

    def _find(self, req: RecordedRequest) -> tuple[list[dict[str, Any]], dict[str, Any]]:
        current = self._command_list(req)
        for cmd in current:
            if cmd["id"] == req.params["command_id"]:
                return current, cmd
        raise DiscordError(404, 10063, "Unknown application command")

    async def get_command(self, req: RecordedRequest) -> web.Response:
        return json_response(self._find(req)[1])

    async def patch_command(self, req: RecordedRequest) -> web.Response:
        _, cmd = self._find(req)
        merged = {**cmd, **(req.json or {})}
        self._check_commands(req, merged)
        cmd.update(merged)
        return json_response(cmd)

    async def delete_command(self, req: RecordedRequest) -> web.Response:
        current, cmd = self._find(req)
        current.remove(cmd)
        return no_content()

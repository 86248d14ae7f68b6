"""End-to-end tests of the Discord emulator with a *real* discord.py client.

The bots here are tiny throwaway bots defined in the tests; they exercise discord.py's
real REST, rate-limit, gateway, resume and interaction code against ``FakeDiscord``.
"""

from __future__ import annotations

import asyncio
import io
import logging
import time
from typing import Any

import aiohttp
import discord
import pytest
from discord import app_commands
from discord.ext import commands

from tests.fake_discord import (
    FakeChannel,
    FakeDiscord,
    FakeUser,
    check_allowed_mentions,
    check_application_commands,
    check_attachments,
    check_choices,
    check_components,
    check_embeds,
    check_message_payload,
    running_client,
)
from tests.fake_discord.load import Burst, spread
from tests.fake_discord.payloads import ADMINISTRATOR, ATTACH_FILES

# Provides the ``fake_discord`` fixture (a started emulator with a short heartbeat).
pytest_plugins = ["tests.fake_discord.fixtures"]

MISSIONS = ["Apollo 11", "Apollo 13", "Artemis I", "Voyager 1", "Cassini"]
MESSAGE_ROUTE = "/channels/{channel_id}/messages"
# The smallest valid PNG header: signature, then an IHDR chunk of 3 x 2 pixels.
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + (3).to_bytes(4, "big") + (2).to_bytes(
    4, "big") + b"\x08\x06\x00\x00\x00" + b"\x00" * 4


class FastClient(discord.Client):
    """A client that does not wait 5 s before re-IDENTIFYing (discord.py's default
    ``before_identify_hook`` sleeps for every non-initial IDENTIFY)."""

    async def before_identify_hook(self, shard_id: int | None, *, initial: bool = False) -> None:
        return None


def make_client(*, message_content: bool = True, **kwargs: Any) -> FastClient:
    """Client with no-ping defaults and a short ready delay (default 2 s)."""
    intents = discord.Intents.default()
    intents.message_content = message_content
    kwargs.setdefault("allowed_mentions", discord.AllowedMentions.none())
    return FastClient(intents=intents, guild_ready_timeout=0.05, **kwargs)


class EchoBot(FastClient):
    """Replies ``pong: <content>`` to every non-bot message and records what it saw."""

    def __init__(self, **kwargs: Any) -> None:
        intents = discord.Intents.default()
        intents.message_content = True
        super().__init__(intents=intents, guild_ready_timeout=0.05,
                         allowed_mentions=discord.AllowedMentions.none(), **kwargs)
        self.seen: list[discord.Message] = []

    async def on_message(self, message: discord.Message) -> None:
        if message.author.bot:
            return
        self.seen.append(message)
        await message.reply(f"pong: {message.content}")


async def barrier(fake: FakeDiscord, channel_id: int | None = None) -> None:
    """Send a sentinel and wait for its reply: every earlier event has been handled by
    then (the gateway is ordered), so 'exactly once' can be asserted without sleeping."""
    await fake.send_message(channel_id, "barrier")
    await fake.wait_for_message(channel_id, lambda b: b["content"] == "pong: barrier")


def replies(fake: FakeDiscord, text: str) -> list[dict[str, Any]]:
    return [b for b in fake.sent_messages if b.get("content") == f"pong: {text}"]


# --- connection basics ------------------------------------------------------------------
async def test_ready_sees_guild_and_channel(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    async with running_client(fake, make_client()) as client:
        assert client.user is not None and client.user.id == fake.bot_user.id
        guild = client.get_guild(fake.guild.id)
        assert guild is not None and guild.name == fake.guild.name
        assert guild.get_channel(fake.channel.id) is not None
        assert guild.me is not None
        assert guild.get_member(fake.user.id) is None  # no GUILD_MEMBERS intent
        assert client.application_id == fake.application_id
    assert fake.identify_count == 1
    assert fake.gateway.connections[0].compress == "zlib-stream"  # compressed frames work
    keys = {r.key for r in fake.requests}
    assert {"GET /users/@me", "GET /oauth2/applications/@me"} <= keys
    fake.assert_clean()


async def test_reply_carries_allowed_mentions(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    bot = EchoBot()
    async with running_client(fake, bot):
        sent = await fake.send_message(content=f"{fake.bot_user.mention} hello")
        body = await fake.wait_for_message(fake.channel.id)
        assert body["content"] == f"pong: {fake.bot_user.mention} hello"
        assert body["allowed_mentions"] == {"parse": []}
        assert body["message_reference"]["message_id"] == int(sent["id"])
        msg = bot.seen[0]
        assert msg.guild is not None and msg.guild.id == fake.guild.id
        assert isinstance(msg.channel, discord.TextChannel)
        assert bot.user in msg.mentions
        await barrier(fake)  # the bot's own echoed messages must not be answered
    assert len(replies(fake, f"{fake.bot_user.mention} hello")) == 1
    fake.assert_clean()


async def test_dm_message_and_reply(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    bot = EchoBot()
    async with running_client(fake, bot):
        await fake.send_dm("psst")
        dm = fake.dm_channel(fake.user)
        body = await fake.wait_for_message(dm.id)
        assert body["content"] == "pong: psst"
        assert isinstance(bot.seen[0].channel, discord.DMChannel)
        user = await bot.fetch_user(fake.user.id)  # bot-initiated DM: POST /users/@me/channels
        await user.send("hello from the bot")
    assert [b["content"] for b in fake.messages_in(dm.id)] == ["pong: psst", "hello from the bot"]
    assert "POST /users/@me/channels" in {r.key for r in fake.requests}
    fake.assert_clean()


async def test_common_rest_routes(fake_discord: FakeDiscord) -> None:
    """typing, file upload + embed, reaction, edit, fetch, history, delete — all emulated."""
    fake = fake_discord
    done: asyncio.Queue[tuple[discord.Message, discord.Message, list[discord.Message]]] = (
        asyncio.Queue())
    client = make_client()

    @client.event
    async def on_message(message: discord.Message) -> None:
        if message.author.bot:
            return
        async with message.channel.typing():
            embed = discord.Embed(title="Apollo 11", description="First crewed landing")
            sent = await message.channel.send(
                "report", embed=embed, file=discord.File(io.BytesIO(b"data"), "r.txt"))
        await sent.add_reaction("\N{ROCKET}")
        await sent.edit(content="report (edited)")
        fetched = await message.channel.fetch_message(sent.id)
        history = [m async for m in message.channel.history(limit=10)]
        await sent.delete()
        done.put_nowait((sent, fetched, history))

    async with running_client(fake, client):
        await fake.send_message(content="go")
        sent, fetched, history = await asyncio.wait_for(done.get(), 5)
    assert fetched.content == "report (edited)" and history[0].id == sent.id
    create = next(r for r in fake.requests if r.key == f"POST {MESSAGE_ROUTE}" and r.files)
    assert create.files[0]["filename"] == "r.txt" and create.files[0]["data"] == b"data"
    assert create.json["embeds"][0]["title"] == "Apollo 11"
    assert sent.attachments[0].filename == "r.txt"
    assert sent.id not in fake.messages  # deleted
    keys = {r.key for r in fake.requests}
    assert "POST /channels/{channel_id}/typing" in keys
    assert "PUT /channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me" in keys
    fake.assert_clean()


async def test_message_content_is_stripped_without_intent(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    got: asyncio.Queue[str] = asyncio.Queue()
    client = make_client(message_content=False)

    @client.event
    async def on_message(message: discord.Message) -> None:
        got.put_nowait(message.content)

    async with running_client(fake, client):
        await fake.send_message(content="secret")
        await fake.send_message(content=f"{fake.bot_user.mention} visible")
        seen = [await asyncio.wait_for(got.get(), 5) for _ in range(2)]
    assert seen == ["", f"{fake.bot_user.mention} visible"]  # like Discord without the intent


async def test_members_intent_caches_members(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    intents = discord.Intents.default()
    intents.members = True
    client = FastClient(intents=intents, guild_ready_timeout=0.05)
    async with running_client(fake, client):
        guild = client.get_guild(fake.guild.id)
        assert guild is not None and guild.chunked
        member = guild.get_member(fake.user.id)
        assert member is not None and member.name == "alice"
    fake.assert_clean()


async def test_commands_bot_prefix_and_slash(fake_discord: FakeDiscord) -> None:
    fake = fake_discord

    class Bot(commands.Bot):
        async def before_identify_hook(self, shard_id: int | None, *,
                                       initial: bool = False) -> None:
            return None

        async def setup_hook(self) -> None:
            await self.tree.sync()

    intents = discord.Intents.default()
    intents.message_content = True
    bot = Bot(command_prefix="!", intents=intents, guild_ready_timeout=0.05,
              allowed_mentions=discord.AllowedMentions.none())

    @bot.command()
    async def ping(ctx: commands.Context[Bot]) -> None:
        await ctx.send("pong")

    @bot.tree.command(name="status", description="Bot status")
    async def status(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("all systems go")

    async with running_client(fake, bot):
        await fake.send_message(content="!ping")
        assert (await fake.wait_for_message(fake.channel.id))["content"] == "pong"
        handle = await fake.send_slash_command("status")
        assert (await handle.wait_response()).json["data"]["content"] == "all systems go"
    fake.assert_clean()


# --- application commands & components --------------------------------------------------
def make_command_bot() -> tuple[FastClient, list[str]]:
    """A client with /echo, /launch (autocomplete), /slow (defer + follow-up) and /menu."""
    client = make_client()
    tree = app_commands.CommandTree(client)
    clicks: list[str] = []

    class Menu(discord.ui.View):
        @discord.ui.button(label="Go", custom_id="menu:go")
        async def go(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
            clicks.append(button.custom_id or "")
            await interaction.response.edit_message(content="clicked", view=None)

    @tree.command(name="echo", description="Echo some text")
    async def echo(interaction: discord.Interaction, text: str) -> None:
        await interaction.response.send_message(text)

    async def mission_names(interaction: discord.Interaction, current: str
                            ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=m, value=m) for m in MISSIONS
                if current.lower() in m.lower()][:25]

    @tree.command(name="launch", description="Describe a mission")
    @app_commands.autocomplete(mission=mission_names)
    async def launch(interaction: discord.Interaction, mission: str) -> None:
        await interaction.response.send_message(f"launching {mission}")

    @tree.command(name="slow", description="Deferred answer")
    async def slow(interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        await interaction.followup.send("done")

    @tree.command(name="menu", description="Show a button")
    async def menu(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("pick", view=Menu())

    async def setup_hook() -> None:
        await tree.sync()

    client.setup_hook = setup_hook  # type: ignore[method-assign]
    return client, clicks


async def test_slash_command_round_trip(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    client, _ = make_command_bot()
    async with running_client(fake, client):
        synced = {c["name"]: c for c in fake.global_commands}
        assert set(synced) == {"echo", "launch", "slow", "menu"}
        handle = await fake.send_slash_command("echo", {"text": "hi there"})
        assert handle.payload["data"]["id"] == synced["echo"]["id"]
        req = await handle.wait_response()
        assert req.json["type"] == 4
        assert req.json["data"]["content"] == "hi there"
        assert check_allowed_mentions(req.json["data"]) == []
        assert req.query.get("with_response") == "1"
    fake.assert_clean()


async def test_autocomplete_round_trip(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    client, _ = make_command_bot()
    async with running_client(fake, client):
        handle = await fake.send_autocomplete("launch", "mission", "apo")
        req = await handle.wait_response()
        assert req.json == {"type": 8, "data": {"choices": [
            {"name": "Apollo 11", "value": "Apollo 11"},
            {"name": "Apollo 13", "value": "Apollo 13"},
        ]}}
    fake.assert_clean()


async def test_deferred_then_followup(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    client, _ = make_command_bot()
    async with running_client(fake, client):
        handle = await fake.send_slash_command("slow")
        assert (await handle.wait_response()).json["type"] == 5
        followup = await handle.wait_followup()
        assert followup.json["content"] == "done"
        assert len(handle.responses) == 2
    fake.assert_clean()


async def test_button_press_invokes_view_callback(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    client, clicks = make_command_bot()
    async with running_client(fake, client):
        # discord.py registers the view once the callback's HTTP response is back, after the
        # emulator recorded it; a click dispatched before that finds no view (seen on 3.12+).
        completed = asyncio.ensure_future(client.wait_for("app_command_completion", timeout=5))
        await asyncio.sleep(0)
        handle = await fake.send_slash_command("menu")
        req = await handle.wait_response()
        await completed
        message_id = req.response["resource"]["message"]["id"]
        [button] = fake.buttons(message_id)
        click = await fake.click_button(message_id, button["custom_id"])
        answer = await click.wait_response()
        assert answer.json["type"] == 7
        assert clicks == ["menu:go"]
        assert fake.messages[int(message_id)]["content"] == "clicked"
    fake.assert_clean()


async def test_guild_subcommand_with_typed_options(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    client = make_client()
    tree = app_commands.CommandTree(client)
    guild = discord.Object(fake.guild.id)
    group = app_commands.Group(name="mission", description="Mission facts")

    @group.command(name="info", description="Facts about one mission")
    async def info(interaction: discord.Interaction, name: str, year: int) -> None:
        await interaction.response.send_message(f"{name} ({year:d})", ephemeral=True)

    tree.add_command(group, guild=guild)

    async def setup_hook() -> None:
        await tree.sync(guild=guild)

    client.setup_hook = setup_hook  # type: ignore[method-assign]
    async with running_client(fake, client):
        [synced] = fake.guild_commands[fake.guild.id]
        handle = await fake.send_slash_command("mission info", {"name": "Apollo 11",
                                                                "year": 1969})
        data = handle.payload["data"]
        assert data["id"] == synced["id"] and data["guild_id"] == str(fake.guild.id)
        [sub] = data["options"]
        assert [(o["name"], o["type"]) for o in sub["options"]] == [("name", 3), ("year", 4)]
        req = await handle.wait_response()
        assert req.json["data"]["content"] == "Apollo 11 (1969)"
        assert req.json["data"]["flags"] == 64  # ephemeral
    fake.assert_clean()


async def test_modal_round_trip(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    client = make_client()
    tree = app_commands.CommandTree(client)

    class Feedback(discord.ui.Modal, title="Feedback"):
        text: discord.ui.TextInput[Feedback] = discord.ui.TextInput(
            label="Your feedback", custom_id="feedback:text")

        async def on_submit(self, interaction: discord.Interaction) -> None:
            await interaction.response.send_message(f"thanks: {self.text.value}")

    @tree.command(name="feedback", description="Send feedback")
    async def feedback(interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(Feedback(custom_id="feedback"))

    async with running_client(fake, client):
        shown = await (await fake.send_slash_command("feedback")).wait_response()
        assert shown.json["type"] == 9 and shown.json["data"]["title"] == "Feedback"
        submit = await fake.submit_modal("feedback", {"feedback:text": "great emulator"})
        answer = await submit.wait_response()
        assert answer.json["data"]["content"] == "thanks: great emulator"
    fake.assert_clean()


async def test_interaction_protocol_is_enforced(fake_discord: FakeDiscord) -> None:
    """Double acknowledgement and follow-ups on unknown tokens fail like on Discord."""
    fake = fake_discord
    handle = await fake.send_slash_command("anything")  # no client: queued, never delivered
    url = f"{fake.api_base}/interactions/{handle.id}/{handle.token}/callback"
    body = {"type": 4, "data": {"content": "hi", "allowed_mentions": {"parse": []}}}
    async with aiohttp.ClientSession() as session:
        async with session.post(url, json=body) as first:
            assert first.status == 204
        async with session.post(url, json=body) as second:
            assert second.status == 400 and (await second.json())["code"] == 40060
        bogus = f"{fake.api_base}/webhooks/{fake.application_id}/nope"
        async with session.post(bogus, json=body) as followup:
            assert followup.status == 404 and (await followup.json())["code"] == 10015
    assert fake.violations == [
        f"POST /interactions/{{interaction_id}}/{{token}}/callback: interaction {handle.id}"
        " acknowledged twice"
    ]


# --- gateway resilience -----------------------------------------------------------------
@pytest.mark.parametrize("abort", [False, True], ids=["close-4000", "tcp-abort"])
async def test_resume_replays_buffered_events(fake_discord: FakeDiscord, abort: bool) -> None:
    fake = fake_discord
    bot = EchoBot()
    async with running_client(fake, bot):
        await fake.send_message(content="one")
        await fake.wait_for_message(predicate=lambda b: b["content"] == "pong: one")
        await fake.drop_connection(abort=abort)
        await fake.send_message(content="two")  # buffered while disconnected
        await fake.send_message(content="three")
        await fake.wait_for_message(predicate=lambda b: b["content"] == "pong: three")
        await barrier(fake)
    assert fake.resume_count == 1 and fake.identify_count == 1
    assert fake.replayed_count >= 2  # "two" and "three" at least
    for text in ("one", "two", "three"):
        assert len(replies(fake, text)) == 1, text
    assert [m.content for m in bot.seen] == ["one", "two", "three", "barrier"]
    fake.assert_clean()


async def test_invalid_session_reidentifies(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    bot = EchoBot()
    async with running_client(fake, bot):
        await fake.invalidate_session()
        await fake.send_message(content="after")
        await fake.wait_for_message(predicate=lambda b: b["content"] == "pong: after")
        await barrier(fake)
    assert fake.identify_count == 2 and fake.resume_count == 0
    assert len(replies(fake, "after")) == 1
    fake.assert_clean()


# --- REST faults ------------------------------------------------------------------------
@pytest.mark.parametrize("global_", [False, True], ids=["bucket", "global"])
async def test_429_is_retried_and_delivered_once(fake_discord: FakeDiscord,
                                                 global_: bool) -> None:
    fake = fake_discord
    fault = fake.fail_next(f"POST {MESSAGE_ROUTE}", status=429, retry_after=0.05,
                           global_=global_)
    async with running_client(fake, EchoBot()):
        await fake.send_message(content="limited")
        await fake.wait_for_message(predicate=lambda b: b["content"] == "pong: limited")
        await barrier(fake)
    assert len(fault.hits) == 1 and fault.hits[0].status == 429
    assert len(replies(fake, "limited")) == 1
    fake.assert_clean()


async def test_500_then_success_delivered_once(fake_discord: FakeDiscord) -> None:
    """discord.py backs off 1 s after a 5xx (then 3 s, ...), so one failure is enough."""
    fake = fake_discord
    fault = fake.fail_next(MESSAGE_ROUTE, status=500)
    async with running_client(fake, EchoBot()):
        await fake.send_message(content="flaky")
        await fake.wait_for_message(predicate=lambda b: b["content"] == "pong: flaky",
                                    timeout=10)
        await barrier(fake)
    assert [r.status for r in fault.hits] == [500]
    assert len(replies(fake, "flaky")) == 1
    fake.assert_clean()


async def test_outage_for_a_duration_then_recovery(fake_discord: FakeDiscord) -> None:
    """``fail_for``: every matching request fails until the deadline, then all succeed."""
    fake = fake_discord
    async with running_client(fake, EchoBot()):
        outage = fake.fail_for(MESSAGE_ROUTE, 0.3, status=502)
        for text in ("a", "b", "c"):
            await fake.send_message(content=text)
        await fake.wait_for_message(predicate=lambda b: b["content"] == "pong: c", timeout=10)
        await barrier(fake)
    assert outage.hits and {r.status for r in outage.hits} == {502}
    assert not outage.active and outage.remaining == 0
    for text in ("a", "b", "c"):
        assert len(replies(fake, text)) == 1, text
    fake.assert_clean()


async def test_applied_fault_acts_then_fails_and_enforced_nonces_dedupe(
    fake_discord: FakeDiscord,
) -> None:
    """A 502 after the message was created (a proxy timing out): a blind retry posts it
    twice, a retry with the same enforced nonce gets the first message back."""
    fake = fake_discord
    path = f"/channels/{fake.channel.id}/messages"
    base = {"content": "hi", "allowed_mentions": {"parse": []}}
    async with aiohttp.ClientSession() as session:
        for body in (base, {**base, "nonce": "42", "enforce_nonce": True}):
            fake.fail_next(f"POST {MESSAGE_ROUTE}", status=502, applied=True)
            async with session.post(f"{fake.api_base}{path}", json=body,
                                    headers={"Authorization": "Bot x"}) as failed:
                assert failed.status == 502
            status, _, retried = await raw(fake, session, "POST", path, json=body)
            assert status == 200
        ids = [m["id"] for m in fake.stored_messages(fake.channel.id)]
    assert len(ids) == 3  # the blind retry duplicated; the nonce retry returned the first
    assert retried["id"] == ids[2] and len(fake.deduplicated) == 1
    assert fake.faults[1].hits[0].applied_response["id"] == ids[2]


async def raw(fake: FakeDiscord, session: aiohttp.ClientSession, method: str, path: str,
              **kwargs: Any) -> tuple[int, dict[str, str], Any]:
    headers = {"Authorization": "Bot x"}
    async with session.request(method, f"{fake.api_base}{path}", headers=headers,
                               **kwargs) as response:
        return response.status, dict(response.headers), await response.json()


async def test_global_429_opens_a_window_that_rejects_every_route(
    fake_discord: FakeDiscord,
) -> None:
    fake = fake_discord
    channel = f"/channels/{fake.channel.id}"
    message = {"content": "hi", "allowed_mentions": {"parse": []}}
    fake.fail_next(f"POST {MESSAGE_ROUTE}", status=429, retry_after=0.2, global_=True)
    async with aiohttp.ClientSession() as session:
        status, headers, body = await raw(fake, session, "POST", f"{channel}/messages",
                                          json=message)
        assert status == 429 and body["global"] and headers["X-RateLimit-Global"] == "true"
        status, _, body = await raw(fake, session, "GET", channel)  # another route
        assert status == 429 and body["global"] and 0 < body["retry_after"] <= 0.2
        assert [r.key for r in fake.global_limited] == ["GET /channels/{channel_id}"]
        await asyncio.sleep(max(0.0, fake.global_limit_until - time.monotonic()) + 0.01)
        status, _, _ = await raw(fake, session, "POST", f"{channel}/messages", json=message)
        assert status == 200 and len(fake.global_limited) == 1


async def test_discord_py_honours_a_global_429_on_every_route(
    fake_discord: FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    """A real client that hits a global limit sends nothing, on any route, until it ends."""
    fake = fake_discord
    client = make_client()
    caplog.set_level(logging.WARNING, logger="discord.http")
    async with running_client(fake, client):
        channel = client.get_channel(fake.channel.id)
        assert isinstance(channel, discord.TextChannel)
        fake.fail_next(f"POST {MESSAGE_ROUTE}", status=429, retry_after=0.3, global_=True)
        sending = asyncio.create_task(channel.send("held"))
        while not any("Global rate limit" in r.getMessage() for r in caplog.records):
            await asyncio.sleep(0.005)  # until the client has read the 429
        fetched = await client.fetch_channel(fake.channel.id)  # another route, held too
        await sending
    assert fetched.id == fake.channel.id
    assert fake.global_limited == []
    assert [b["content"] for b in fake.sent_messages] == ["held"]
    fake.assert_clean()


async def test_buckets_count_requests_per_route_and_channel() -> None:
    async with FakeDiscord(bucket_limit=3, bucket_window=0.3) as small:
        small.guild.channels.append(FakeChannel("other", guild_id=small.guild.id))
        first, second = (f"/channels/{c.id}" for c in small.guild.channels[:2])
        async with aiohttp.ClientSession() as session:
            seen = [await raw(small, session, "GET", first) for _ in range(4)]
            assert [s for s, _, _ in seen] == [200, 200, 200, 429]
            assert [h["X-RateLimit-Remaining"] for _, h, _ in seen[:3]] == ["2", "1", "0"]
            assert 0 < float(seen[0][1]["X-RateLimit-Reset-After"]) <= 0.3
            assert [r.key for r in small.bucket_limited] == ["GET /channels/{channel_id}"]
            assert (await raw(small, session, "GET", second))[0] == 200  # its own bucket
            await asyncio.sleep(float(seen[3][1]["X-RateLimit-Reset-After"]) + 0.01)
            assert (await raw(small, session, "GET", first))[0] == 200  # a new window


async def test_discord_py_waits_for_a_bucket_instead_of_exceeding_it() -> None:
    async with FakeDiscord(heartbeat_interval_ms=500, bucket_limit=2,
                           bucket_window=0.2) as fake:
        client = make_client()
        async with running_client(fake, client):
            channel = client.get_channel(fake.channel.id)
            assert isinstance(channel, discord.TextChannel)
            for i in range(6):
                await channel.send(f"m{i}")
        assert fake.bucket_limited == []
        assert [b["content"] for b in fake.sent_messages] == [f"m{i}" for i in range(6)]
        fake.assert_clean()


async def test_burst_tracks_each_question_and_its_replies(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    channels = [fake.channel, FakeChannel("second", guild_id=fake.guild.id)]
    fake.guild.channels.append(channels[1])
    async with running_client(fake, EchoBot()):
        burst = Burst(fake)
        people = [FakeUser(f"p{i}") for i in range(3)]
        await burst.post(spread(["q1", "q2"], [c.id for c in channels], people, 30),
                         before={15: fake.drop_connection})
        await burst.wait_answered(timeout=10)
        await barrier(fake)
    assert len(burst.sent) == 30 and burst.missing() == [] and burst.repeated() == {}
    assert len(burst.latencies()) == 30 and all(t >= 0 for t in burst.latencies())
    assert burst.throughput > 0 and fake.resume_count == 1
    burst.close()
    assert burst._on_request not in fake.listeners
    fake.assert_clean()


# --- limits -----------------------------------------------------------------------------
async def test_over_long_reply_is_rejected_and_recorded(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    errors: list[Exception] = []
    client = make_client()

    @client.event
    async def on_message(message: discord.Message) -> None:
        if not message.author.bot:
            try:
                await message.channel.send("x" * 2001)
            except discord.HTTPException as exc:
                errors.append(exc)
                await message.channel.send("sorry")

    async with running_client(fake, client):
        await fake.send_message(content="go")
        await fake.wait_for_message(predicate=lambda b: b["content"] == "sorry")
    assert isinstance(errors[0], discord.HTTPException) and errors[0].code == 50035
    assert fake.violations == [
        "POST /channels/{channel_id}/messages: message: content is 2001 chars (max 2000)"
    ]


def test_checker_flags_long_content_and_missing_allowed_mentions() -> None:
    ok = {"content": "hi", "allowed_mentions": {"parse": []}}
    assert check_message_payload(ok) == []
    long = {"content": "x" * 2001, "allowed_mentions": {"parse": []}}
    assert check_message_payload(long) == ["message: content is 2001 chars (max 2000)"]
    assert check_message_payload({"content": "hi"}) == [
        "message: allowed_mentions missing (content/embeds could ping)"
    ]
    pinging = {"content": "hi", "allowed_mentions": {"parse": ["users"], "roles": ["1"],
                                                      "replied_user": True}}
    assert len(check_allowed_mentions(pinging)) == 3
    assert check_allowed_mentions({"embeds": [], "components": []}) == []  # nothing to ping


def test_checker_embed_component_choice_and_command_limits() -> None:
    big = [{"title": "t" * 257, "description": "d" * 4000,
            "fields": [{"name": "n", "value": "v" * 1025}] * 26}]
    problems = check_embeds(big)
    assert any("title is 257" in p for p in problems)
    assert any("26 fields" in p for p in problems)
    assert any("value is 1025" in p for p in problems)
    assert any("total" in p for p in problems)
    row = {"type": 1, "components": [
        {"type": 2, "style": 1, "label": "l" * 81, "custom_id": f"b{i}"} for i in range(6)
    ]}
    problems = check_components([row] * 6)
    assert any("6 action rows" in p for p in problems)
    assert any("6 buttons" in p for p in problems)
    assert any("label is 81" in p for p in problems)
    assert any("duplicate custom_id" in p for p in problems)
    assert check_choices([{"name": "x", "value": "x"}] * 26) == [
        "autocomplete: 26 choices (max 25)"
    ]
    bad = [{"name": "Bad Name", "description": "", "type": 1,
            "options": [{"name": "o", "description": "d" * 101, "type": 3}]}]
    problems = check_application_commands(bad)
    assert any("does not match" in p for p in problems)
    assert len(check_application_commands([{"name": "ok", "description": "fine"}])) == 0


# --- uploads ----------------------------------------------------------------------------
def chart_message(name: str = "chart.png", shown: str = "chart.png", data: bytes = PNG
                  ) -> dict[str, Any]:
    """What discord.py sends for ``send(embed=..., file=File(data, name))``."""
    return {"embeds": [{"title": "t", "image": {"url": f"attachment://{shown}"}}],
            "attachments": [{"id": 0, "filename": name}]}


def part(name: str = "chart.png", data: bytes = PNG, field: str = "files[0]") -> dict[str, Any]:
    return {"field": field, "filename": name, "size": len(data), "data": data}


def test_checker_matches_uploads_with_attachments_and_embed_references() -> None:
    assert check_attachments(chart_message(), [part()]) == []
    [missing] = check_attachments(chart_message(shown="other.png"), [part()])
    assert "'attachment://other.png' names no file of this message" in missing
    spaced = check_attachments(chart_message("a b.png", "a b.png"), [part("a b.png")])
    assert any("must be ASCII letters, digits, _, - or ." in p for p in spaced)
    [text] = check_attachments(chart_message(), [part(data=b"not a picture")])
    assert "is not a PNG, JPEG, GIF or WebP image" in text
    [unlisted] = check_attachments(chart_message(), [part(field="files[1]")])[:1]
    assert "files[1] is not listed in attachments" in unlisted
    [named] = check_attachments({"attachments": []}, [part(field="file")])
    assert "must be named files[n]" in named
    kept = check_attachments(chart_message(), [], "edit", kept={"0": "chart.png"})
    assert kept == []  # an edit may show an attachment the message already has


async def test_an_uploaded_image_is_stored_and_shown_in_its_embed(fake_discord: FakeDiscord
                                                                   ) -> None:
    fake = fake_discord
    sent: asyncio.Queue[discord.Message] = asyncio.Queue()
    client = make_client()

    @client.event
    async def on_message(message: discord.Message) -> None:
        if not message.author.bot:
            embed = discord.Embed(title="chart").set_image(url="attachment://chart.png")
            upload = discord.File(io.BytesIO(PNG), "chart.png", description="A chart")
            sent.put_nowait(await message.channel.send(embed=embed, file=upload))

    async with running_client(fake, client):
        await fake.send_message(content="go")
        message = await asyncio.wait_for(sent.get(), 5)
    [request] = [r for r in fake.requests if r.key == f"POST {MESSAGE_ROUTE}" and r.files]
    assert request.json["embeds"][0]["image"]["url"] == "attachment://chart.png"
    assert request.json["attachments"] == [
        {"id": 0, "filename": "chart.png", "description": "A chart"}]
    [attachment] = message.attachments
    assert (attachment.filename, attachment.width, attachment.height) == ("chart.png", 3, 2)
    assert (attachment.content_type, attachment.description) == ("image/png", "A chart")
    assert message.embeds[0].image.url == attachment.url  # Discord resolves the reference
    assert message.embeds[0].image.width == 3
    fake.assert_clean()


async def test_broken_references_and_oversized_uploads_are_refused(fake_discord: FakeDiscord
                                                                    ) -> None:
    fake = fake_discord
    errors: list[discord.HTTPException] = []
    client = make_client()

    @client.event
    async def on_message(message: discord.Message) -> None:
        if message.author.bot:
            return
        big = b"\x89PNG" + b"\x00" * (10 * 1024 * 1024)
        for name, shown, data in (("a.png", "b.png", PNG), ("a.png", "a.png", big)):
            embed = discord.Embed(title="chart").set_image(url=f"attachment://{shown}")
            try:
                await message.channel.send(embed=embed, file=discord.File(io.BytesIO(data), name))
            except discord.HTTPException as exc:
                errors.append(exc)
        await message.channel.send("done")

    async with running_client(fake, client):
        await fake.send_message(content="go")
        await fake.wait_for_message(predicate=lambda b: b.get("content") == "done")
    assert [(e.status, e.code) for e in errors] == [(400, 50035), (413, 40005)]
    assert len(fake.violations) == 2
    assert "'attachment://b.png' names no file of this message" in fake.violations[0]
    assert "files[0] is 10485764 bytes (max 10485760)" in fake.violations[1]


async def test_files_need_the_attach_files_permission(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    fake.guild.permissions &= ~(ATTACH_FILES | ADMINISTRATOR)
    seen: asyncio.Queue[tuple[bool, int]] = asyncio.Queue()
    client = make_client()

    @client.event
    async def on_message(message: discord.Message) -> None:
        if message.author.bot:
            return
        allowed = message.channel.permissions_for(message.guild.me).attach_files
        try:
            await message.channel.send(file=discord.File(io.BytesIO(PNG), "chart.png"))
        except discord.Forbidden as exc:
            seen.put_nowait((allowed, exc.code))

    async with running_client(fake, client):
        await fake.send_message(content="go")
        assert await asyncio.wait_for(seen.get(), 5) == (False, 50013)
    assert fake.violations[-1].endswith("files sent without the Attach Files permission")


async def test_a_deferred_slash_command_can_follow_up_with_an_image(fake_discord: FakeDiscord
                                                                     ) -> None:
    fake = fake_discord
    client = make_client()
    tree = app_commands.CommandTree(client)

    @tree.command(name="chart", description="A chart, drawn slowly")
    async def chart(interaction: discord.Interaction) -> None:
        await interaction.response.defer()
        embed = discord.Embed(title="chart").set_image(url="attachment://chart.png")
        sent = await interaction.followup.send(
            embed=embed, file=discord.File(io.BytesIO(PNG), "chart.png"), wait=True)
        # An edit that keeps the attachment may still show it.
        await sent.edit(content="drawn", embed=embed, attachments=sent.attachments)

    async def setup_hook() -> None:
        await tree.sync()

    client.setup_hook = setup_hook  # type: ignore[method-assign]
    async with running_client(fake, client):
        handle = await fake.send_slash_command("chart")
        followup = await handle.wait_followup()
        assert [f["filename"] for f in followup.files] == ["chart.png"]
        assert followup.json["embeds"][0]["image"]["url"] == "attachment://chart.png"
        edit = await fake.wait_for_request(lambda r: r.method == "PATCH" and r.ok)
        stored = fake.messages[int(followup.response["id"])]
        assert stored["content"] == "drawn" and edit.json["attachments"][0]["filename"]
        [attachment] = stored["attachments"]
        assert stored["embeds"][0]["image"]["url"] == attachment["url"]
    fake.assert_clean()


async def test_unknown_route_is_recorded(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    async with aiohttp.ClientSession() as session, session.get(
        f"{fake.api_base}/nope/123", headers={"Authorization": "Bot x"}
    ) as resp:
        assert resp.status == 404
        assert (await resp.json())["message"] == "404: Not Found"
    assert [r.path for r in fake.unhandled] == ["/nope/123"]
    with pytest.raises(AssertionError, match="unhandled route"):
        fake.assert_clean()

"""The real bot, driven end to end through the loopback Discord emulator.

Every test that opens `bot_world` ends with `fake.assert_clean()`: no request the bot
sent broke a Discord limit, allowed a mention, answered an interaction twice or hit a
route the emulator does not know (the emulator checks each request it receives).

Expected answers come from the engine itself where the fact base may be retuned, so
these tests pin the Discord layer's behaviour, not the wording of facts.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from typing import Any

import pytest
from discord.ext import commands

from bot.config import Config
from bot.discord_bot.client import create_bot
from bot.discord_bot.cogs.admin import sync_commands
from bot.discord_cli import run_bot, sync_bot
from bot.engine import Answer, Engine
from tests.fake_discord import (
    FAKE_TOKEN,
    FakeChannel,
    FakeDiscord,
    FakeUser,
    point_discord_py_at,
    running_client,
)
from tests.fake_discord.payloads import message_payload

MESSAGES = "/channels/{channel_id}/messages"
GLOBAL_COMMANDS = "/applications/{application_id}/commands"
EPHEMERAL = 1 << 6
MESSAGE_CONTENT_INTENT = 1 << 15
IDENTIFY = 2
SLASH_COMMANDS = ["about", "ask", "crew", "mission", "timeline"]


async def skip_identify_wait(shard_id: int | None, *, initial: bool = False) -> None:
    """discord.py sleeps 5 s before every re-IDENTIFY; Discord's real limit is irrelevant here."""


@contextlib.asynccontextmanager
async def bot_world(
    engine: Engine, *, sync: bool = True, fake_options: dict[str, Any] | None = None,
    more_answer_channels: int = 0, **changes: Any,
) -> AsyncIterator[tuple[FakeDiscord, commands.Bot, FakeChannel]]:
    """The emulator with #general and an answer channel #missions, and the bot connected.

    `changes` replace Config fields (the owner is the application's owner unless given);
    `fake_options` go to FakeDiscord; `more_answer_channels` adds answer channels
    #answers-0, #answers-1, ... after #missions (see `answer_channels`).
    """
    async with FakeDiscord(**{"heartbeat_interval_ms": 500, **(fake_options or {})}) as fake:
        missions = FakeChannel("missions", guild_id=fake.guild.id)
        fake.guild.channels.append(missions)
        fake.guild.channels += [
            FakeChannel(f"answers-{i}", guild_id=fake.guild.id)
            for i in range(more_answer_channels)
        ]
        config = replace(
            Config(token=FAKE_TOKEN), answer_channels=frozenset(answer_ids(fake, missions))
        )
        config = replace(config, **changes)
        bot = create_bot(config, engine, guild_ready_timeout=0.05)
        bot.before_identify_hook = skip_identify_wait  # type: ignore[method-assign]
        async with running_client(fake, bot):
            if sync:
                await sync_commands(bot, None)
            yield fake, bot, missions
        fake.assert_clean()


def answer_ids(fake: FakeDiscord, missions: FakeChannel) -> list[int]:
    return [missions.id, *(c.id for c in answer_channels(fake))]


def answer_channels(fake: FakeDiscord) -> list[FakeChannel]:
    """The channels `more_answer_channels` added."""
    return [c for c in fake.guild.channels if c.name.startswith("answers-")]


def embed_of(body: dict[str, Any]) -> dict[str, Any]:
    [embed] = body["embeds"]
    return embed


def is_reply_to(message: dict[str, Any]) -> Callable[[dict[str, Any]], bool]:
    def match(body: dict[str, Any]) -> bool:
        return str((body.get("message_reference") or {}).get("message_id")) == message["id"]

    return match


async def reply_to(fake: FakeDiscord, message: dict[str, Any]) -> dict[str, Any]:
    return await fake.wait_for_message(int(message["channel_id"]), is_reply_to(message))


def replies_to(fake: FakeDiscord, message: dict[str, Any]) -> list[dict[str, Any]]:
    return [b for b in fake.messages_in(int(message["channel_id"])) if is_reply_to(message)(b)]


async def barrier(fake: FakeDiscord, channel_id: int) -> None:
    """A question from a third user, mentioning the bot, and its answer.

    The gateway is ordered and the bot handles events in order, so once this is answered
    every earlier event has been handled: "no reply" and "exactly one reply" can be
    asserted without sleeping.
    """
    asker = fake.add_user(FakeUser("barrier"))
    asked = await fake.send_message(
        channel_id, f"{fake.bot_user.mention} what rocket launched soyuz ms-23", author=asker
    )
    await reply_to(fake, asked)


def button_message(fake: FakeDiscord, channel: FakeChannel, custom_id: str) -> dict[str, Any]:
    """A message with one button, as the bot sent it before a restart (not sent now)."""
    button = {"type": 2, "style": 2, "label": "Ask", "custom_id": custom_id}
    components = [{"type": 1, "components": [button]}]
    message = message_payload(channel=channel, author=fake.bot_user,
                              body={"components": components})
    fake.store_message(message)
    return message


def title_of(body: dict[str, Any]) -> str | None:
    """The first embed's title, None for a message without one (a safe predicate)."""
    return (body.get("embeds") or [{}])[0].get("title")


def fields_of(embed: dict[str, Any]) -> dict[str, str]:
    return {f["name"]: f["value"] for f in embed.get("fields", [])}


# --- text commands and questions in chat ------------------------------------------------
async def test_mission_prefix_command_sends_the_overview_embed(engine: Engine) -> None:
    async with bot_world(engine) as (fake, _, _):
        await fake.send_message(content="!mission ms-23")
        embed = embed_of(await fake.wait_for_message(fake.channel.id))
        assert embed["title"] == "Soyuz MS-23"
        assert "Source: soyuz-ms-23.txt · Lead" in embed["description"]
        launch = fields_of(embed)["Launch date and time"]
        assert "24 February 2023" in launch and "Infobox: Launch Date" in launch
        assert "Infobox: Landing Date" in fields_of(embed)["Landing date and time"]


async def test_mission_lists_missions_and_suggests_for_an_unknown_name(engine: Engine) -> None:
    async with bot_world(engine) as (fake, _, _):
        await fake.send_message(content="!mission")
        listing = embed_of(await fake.wait_for_message(fake.channel.id))
        assert listing["title"] == "Missions I know"
        assert "Soyuz MS-22" in listing["description"]
        await fake.send_message(content="!mission ms-32")
        unknown = embed_of(await fake.wait_for_message(
            fake.channel.id, lambda b: title_of(b) == "Unknown mission"))
        assert "Did you mean" in unknown["description"]
        assert "Soyuz MS-23" in unknown["description"]


async def test_mentioned_question_gets_a_reply_citing_its_section(engine: Engine) -> None:
    async with bot_world(engine) as (fake, _, _):
        asked = await fake.send_message(content=f"{fake.bot_user.mention} when did MS-23 land?")
        embed = embed_of(await reply_to(fake, asked))
        assert "27 September 2023" in embed["description"]
        source = fields_of(embed)["Source: soyuz-ms-23.txt · Infobox: Landing Date"]
        assert source.startswith("> ") and "27 September 2023" in source


async def test_mentioned_question_starting_with_a_command_name_is_answered(
    engine: Engine,
) -> None:
    """"@bot mission duration?" asks a question; it is not `!mission duration?`."""
    async with bot_world(engine) as (fake, _, _):
        await fake.send_message(content=f"{fake.bot_user.mention} mission duration?")
        embed = embed_of(await fake.wait_for_message(fake.channel.id))
        assert "215" in embed["description"]
        await fake.send_message(content=f"{fake.bot_user.mention} mission ms-22")
        overview = await fake.wait_for_message(
            fake.channel.id, lambda m: embed_of(m).get("title") == "Soyuz MS-22"
        )
        assert "Source:" in embed_of(overview)["description"]


async def test_answer_channel_answers_questions_and_ignores_chatter(engine: Engine) -> None:
    async with bot_world(engine) as (fake, _, missions):
        chatter = await fake.send_message(missions.id, "lol that game last night was wild")
        asked = await fake.send_message(missions.id, "what rocket launched soyuz ms-23")
        embed = embed_of(await reply_to(fake, asked))
        assert "Soyuz 2.1a" in embed["description"]
        assert "Source: soyuz-ms-23.txt · Infobox: Launch Rocket" in fields_of(embed)
        await barrier(fake, missions.id)
        assert replies_to(fake, chatter) == []
        assert len(fake.messages_in(missions.id)) == 2


async def test_other_channels_need_a_mention_and_unknown_commands_are_ignored(
    engine: Engine,
) -> None:
    async with bot_world(engine) as (fake, _, _):
        plain = await fake.send_message(content="when did ms-23 launch?")
        typo = await fake.send_message(content="!launch ms-23")
        asked = await fake.send_message(content=f"{fake.bot_user.mention} when did ms-23 launch?")
        assert "24 February 2023" in embed_of(await reply_to(fake, asked))["description"]
        await barrier(fake, fake.channel.id)
        assert replies_to(fake, plain) == replies_to(fake, typo) == []
        assert len(fake.messages_in(fake.channel.id)) == 2


async def test_directly_addressed_unknown_question_says_what_it_can_answer(
    engine: Engine,
) -> None:
    async with bot_world(engine) as (fake, _, _):
        asked = await fake.send_message(content=f"{fake.bot_user.mention} what's the weather")
        embed = embed_of(await reply_to(fake, asked))
        assert embed["description"] == engine.ask("what's the weather").text


async def test_dm_question_and_follow_up_keep_the_conversation(engine: Engine) -> None:
    async with bot_world(engine) as (fake, _, _):
        dm = fake.dm_channel(fake.user)
        first = await fake.send_dm("when did ms-22 launch?")
        assert embed_of(await reply_to(fake, first))["title"].startswith("Soyuz MS-22")
        follow_up = await fake.send_dm("and when did it land?")
        second = embed_of(await reply_to(fake, follow_up))
        assert second["title"].startswith("Soyuz MS-22")  # the DM's mission, not the default
        assert len(fake.messages_in(dm.id)) == 2


# --- interactions -----------------------------------------------------------------------
async def test_slash_ask_gets_a_callback_with_the_answer(engine: Engine) -> None:
    async with bot_world(engine) as (fake, _, _):
        handle = await fake.send_slash_command("ask", {"question": "when did ms-23 land?"})
        response = (await handle.wait_response()).json
        assert response["type"] == 4  # a message in the channel, not a deferral
        embed = embed_of(response["data"])
        assert "27 September 2023" in embed["description"]
        assert "Source: soyuz-ms-23.txt · Infobox: Landing Date" in fields_of(embed)
        assert not response["data"].get("flags", 0) & EPHEMERAL


async def test_slash_mission_topic_lookup_and_overview(engine: Engine) -> None:
    async with bot_world(engine) as (fake, _, _):
        handle = await fake.send_slash_command("mission", {"name": "ms-23", "topic": "landing"})
        embed = embed_of((await handle.wait_response()).json["data"])
        assert embed["description"] == engine.answer_topic("soyuz-ms-23", "landing").text
        handle = await fake.send_slash_command("mission", {"name": "soyuz-ms-22"})
        overview = embed_of((await handle.wait_response()).json["data"])
        assert overview["title"] == "Soyuz MS-22"
        handle = await fake.send_slash_command("mission", {"name": "apollo 11"})
        unknown = (await handle.wait_response()).json["data"]
        assert embed_of(unknown)["title"] == "Unknown mission"
        assert unknown["flags"] & EPHEMERAL


async def test_autocomplete_offers_missions_and_the_chosen_missions_topics(
    engine: Engine,
) -> None:
    async with bot_world(engine) as (fake, _, _):
        handle = await fake.send_autocomplete("mission", "name", "ms 2")
        response = (await handle.wait_response()).json
        assert response["type"] == 8
        assert {"name": "Soyuz MS-23", "value": "soyuz-ms-23"} in response["data"]["choices"]
        handle = await fake.send_autocomplete("mission", "topic", "land", {"name": "ms-23"})
        topics = [c["value"] for c in (await handle.wait_response()).json["data"]["choices"]]
        assert "landing" in topics
        handle = await fake.send_autocomplete("mission", "topic", "", {"name": "soyuz-ms-24"})
        topics = [c["value"] for c in (await handle.wait_response()).json["data"]["choices"]]
        ms24 = [i for i, _ in engine.complete_topics("soyuz-ms-24", "", 25)]
        assert topics == ms24 != [i for i, _ in engine.complete_topics("soyuz-ms-23", "", 25)]


async def test_suggestion_buttons_answer_when_pressed(engine: Engine) -> None:
    expected = engine.answer_topic("soyuz-ms-24", "landing")  # no such fact: suggestions
    assert expected.topics
    async with bot_world(engine) as (fake, _, missions):
        await fake.send_message(missions.id, "!mission ms-24 landing")
        shown = await fake.wait_for_message(missions.id, lambda b: bool(b.get("components")))
        assert embed_of(shown)["description"] == expected.text
        stored = fake.stored_messages(missions.id)[-1]
        ids = [b["custom_id"] for b in fake.buttons(stored["id"])]
        assert ids == [f"mb:topic:{m}:{i}" for m, i in expected.topics]

        handle = await fake.click_button(stored["id"], ids[0])
        embed = embed_of((await handle.wait_response()).json["data"])
        assert embed["description"] == engine.answer_topic(*expected.topics[0]).text

        # A button under a message from before a restart still works (DynamicItem).
        old = button_message(fake, missions, "mb:topic:soyuz-ms-23:rocket")
        handle = await fake.click_button(old["id"], "mb:topic:soyuz-ms-23:rocket")
        embed = embed_of((await handle.wait_response()).json["data"])
        assert embed["description"] == engine.answer_topic("soyuz-ms-23", "rocket").text

        gone = button_message(fake, missions, "mb:topic:soyuz-ms-99:landing")
        handle = await fake.click_button(gone["id"], "mb:topic:soyuz-ms-99:landing")
        stale = (await handle.wait_response()).json["data"]
        assert "no longer available" in stale["content"] and stale["flags"] & EPHEMERAL


# --- safety: mentions, spam, other bots -------------------------------------------------
async def test_user_text_never_pings(engine: Engine) -> None:
    async with bot_world(engine) as (fake, _, missions):
        pings = f"@everyone @here <@&{fake.guild.id}> {fake.owner.mention}"
        asked = await fake.send_message(missions.id, f"{pings} when did ms-23 land")
        reply = await reply_to(fake, asked)
        assert reply["allowed_mentions"] == {"parse": [], "replied_user": False}
        await fake.send_message(missions.id, f"!mission {pings}")
        unknown = await fake.wait_for_message(
            missions.id, lambda b: title_of(b) == "Unknown mission")
        assert unknown["allowed_mentions"]["parse"] == []
        text = embed_of(unknown)["description"]
        assert "@everyone" not in text and "@here" not in text and fake.owner.mention not in text
        handle = await fake.send_slash_command("mission", {"name": pings})
        data = (await handle.wait_response()).json["data"]
        assert data["allowed_mentions"]["parse"] == []
        assert "@everyone" not in embed_of(data)["description"]


async def test_cooldown_gives_one_notice_and_spares_other_users(engine: Engine) -> None:
    async with bot_world(engine, cooldown_rate=2, cooldown_per=600.0) as (fake, _, missions):
        asked = [await fake.send_message(missions.id, "when did ms-23 land?") for _ in range(6)]
        await barrier(fake, missions.id)
        replies = [len(replies_to(fake, m)) for m in asked]
        assert replies == [1, 1, 1, 0, 0, 0]  # two answers, then one notice, then silence
        notice = replies_to(fake, asked[2])[0]
        assert "asking quickly" in notice["content"] and "embeds" not in notice

        # One budget per person across chat, slash commands and buttons; a slash command
        # must be answered, so it gets the notice every time, privately.
        for _ in range(2):
            handle = await fake.send_slash_command("ask", {"question": "when did ms-23 land?"})
            data = (await handle.wait_response()).json["data"]
            assert "asking quickly" in data["content"] and data["flags"] & EPHEMERAL
        old = button_message(fake, missions, "mb:topic:soyuz-ms-23:rocket")
        handle = await fake.click_button(old["id"], "mb:topic:soyuz-ms-23:rocket")
        assert "asking quickly" in (await handle.wait_response()).json["data"]["content"]

        again = await fake.send_message(missions.id, "when did ms-23 launch?")
        other = await fake.send_message(missions.id, "when did ms-23 launch?", author=fake.owner)
        assert "24 February 2023" in str(await reply_to(fake, other))
        await barrier(fake, missions.id)
        assert replies_to(fake, again) == []
        notices = [b for b in fake.messages_in(missions.id) if "asking quickly" in str(b)]
        assert len(notices) == 1


async def test_bot_ignores_other_bots_and_itself(engine: Engine) -> None:
    async with bot_world(engine) as (fake, _, missions):
        robot = fake.add_user(FakeUser("robot", bot=True))
        ignored = [
            await fake.send_message(missions.id, "when did ms-23 land?", author=robot),
            await fake.send_message(
                missions.id, f"{fake.bot_user.mention} when did ms-23 land?", author=robot),
            await fake.send_message(missions.id, "!mission ms-23", author=robot),
            await fake.send_message(missions.id, "when did ms-23 land?", author=fake.bot_user),
        ]
        await barrier(fake, missions.id)
        assert all(replies_to(fake, m) == [] for m in ignored)
        assert len(fake.messages_in(missions.id)) == 1


# --- resilience -------------------------------------------------------------------------
async def test_gateway_drop_resumes_without_losing_or_repeating_answers(engine: Engine) -> None:
    async with bot_world(engine) as (fake, _, missions):
        first = await fake.send_message(missions.id, "when did ms-23 land?")
        await reply_to(fake, first)
        await fake.drop_connection()
        during = await fake.send_message(missions.id, "when did ms-23 launch?")  # buffered
        await fake.wait_until_connected()
        after = await fake.send_message(missions.id, "what rocket launched soyuz ms-23")
        assert "24 February 2023" in str(await reply_to(fake, during))
        assert "Soyuz 2.1a" in str(await reply_to(fake, after))
        await barrier(fake, missions.id)
        assert (fake.resume_count, fake.identify_count) == (1, 1)
        assert [len(replies_to(fake, m)) for m in (first, during, after)] == [1, 1, 1]
        assert len(fake.messages_in(missions.id)) == 4


async def test_invalidated_session_reidentifies_and_keeps_answering(engine: Engine) -> None:
    async with bot_world(engine) as (fake, _, missions):
        await fake.invalidate_session()
        asked = await fake.send_message(missions.id, "when did ms-23 land?")
        assert "27 September 2023" in str(await reply_to(fake, asked))
        await barrier(fake, missions.id)
        assert fake.identify_count == 2
        assert len(replies_to(fake, asked)) == 1


async def test_rate_limited_reply_is_delivered_once(engine: Engine) -> None:
    async with bot_world(engine) as (fake, _, missions):
        fault = fake.fail_next(f"POST {MESSAGES}", status=429, retry_after=0.05)
        asked = await fake.send_message(missions.id, "when did ms-23 land?")
        assert "27 September 2023" in str(await reply_to(fake, asked))
        await barrier(fake, missions.id)
        assert [r.status for r in fault.hits] == [429]
        assert fault.hits[0].json["message_reference"]["message_id"] == int(asked["id"])
        assert len(replies_to(fake, asked)) == 1


class BrokenEngine(Engine):
    """An engine whose answers fail, as a bug in it would."""

    def ask(self, *args: Any, **kwargs: Any) -> Answer:
        raise RuntimeError("boom in ask")

    def answer_topic(self, *args: Any, **kwargs: Any) -> Answer:
        raise RuntimeError("boom in answer_topic")


async def test_failures_get_a_friendly_reply_are_logged_and_the_bot_stays_up(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    async with bot_world(engine, cooldown_rate=100) as (fake, bot, missions):
        bot.engine = BrokenEngine(engine.factbase)  # type: ignore[attr-defined]
        with caplog.at_level(logging.ERROR):
            await fake.send_message(missions.id, "!ask when did ms-23 land?")
            await fake.wait_for_message(missions.id, lambda b: "went wrong" in str(b))
            asked = await fake.send_message(missions.id, "when did ms-23 land?")
            assert "went wrong" in (await reply_to(fake, asked))["content"]
            for handle in (
                await fake.send_slash_command("ask", {"question": "when did it land"}),
                await fake.send_slash_command("mission", {"name": "ms-23", "topic": "landing"}),
                await fake.click_button(
                    button_message(fake, missions, "mb:topic:soyuz-ms-23:rocket")["id"],
                    "mb:topic:soyuz-ms-23:rocket",
                ),
            ):
                data = (await handle.wait_response()).json["data"]
                assert "went wrong" in data["content"] and data["flags"] & EPHEMERAL
        failures = [r for r in caplog.records if r.exc_info and r.exc_info[2] is not None]
        assert sorted(str(r.exc_info[1]) for r in failures if r.exc_info) == [
            "boom in answer_topic", "boom in answer_topic",
            "boom in ask", "boom in ask", "boom in ask",
        ]
        assert all(len(m.get("content") or "") < 100 for m in fake.messages_in(missions.id))
        bot.engine = engine  # type: ignore[attr-defined]
        again = await fake.send_message(missions.id, "when did ms-23 launch?")
        assert "24 February 2023" in str(await reply_to(fake, again))


async def test_long_and_odd_input_keeps_every_request_within_limits(engine: Engine) -> None:
    """`assert_clean` (on exit) checks every request; each input here must still be
    answered, so a request Discord would reject fails the wait as well."""
    async with bot_world(engine, cooldown_rate=100) as (fake, _, missions):
        long_name = "x" * 1990
        await fake.send_message(missions.id, f"!mission {long_name}")
        await fake.wait_for_message(missions.id, lambda b: title_of(b) == "Unknown mission")
        asked = await fake.send_message(  # a mention: answered whatever the engine says
            missions.id, f"{fake.bot_user.mention} " + "when did ms-23 land? " * 90)
        await reply_to(fake, asked)
        for mission in engine.factbase.missions:
            await fake.send_message(missions.id, f"!mission {mission}")
            await fake.wait_for_message(
                missions.id, lambda b, m=mission: title_of(b) == engine.mission_name(m))
        await fake.send_message(missions.id, "!help")
        await fake.wait_for_message(missions.id, lambda b: title_of(b) == "About this bot")
        handle = await fake.send_slash_command("ask", {"question": "ms-23 " + "? " * 2900})
        await handle.wait_response()
        handle = await fake.send_autocomplete("mission", "topic", "", {"name": "ms-23"})
        choices = (await handle.wait_response()).json["data"]["choices"]
        assert 0 < len(choices) <= 25
        handle = await fake.send_autocomplete("mission", "name", "ä" * 100)
        await handle.wait_response()
    assert fake.violations == [] and fake.unhandled == []


# --- intents, owner commands, help ------------------------------------------------------
async def test_without_message_content_intent_slash_mentions_and_dms_still_work(
    engine: Engine,
) -> None:
    async with bot_world(engine, message_content=False) as (fake, _, missions):
        [identify] = [p for p in fake.gateway.received if p.get("op") == IDENTIFY]
        assert not identify["d"]["intents"] & MESSAGE_CONTENT_INTENT
        handle = await fake.send_slash_command("ask", {"question": "when did ms-23 launch"})
        assert "24 February 2023" in str((await handle.wait_response()).json)
        asked = await fake.send_message(content=f"{fake.bot_user.mention} when did ms-23 land?")
        assert "27 September 2023" in str(await reply_to(fake, asked))
        dm = await fake.send_dm("when did ms-23 launch?")
        assert "24 February 2023" in str(await reply_to(fake, dm))
        unread = await fake.send_message(missions.id, "when did ms-23 land?")  # no content
        await barrier(fake, missions.id)
        assert replies_to(fake, unread) == []


async def test_owner_only_sync_globally_and_to_a_guild(engine: Engine) -> None:
    async with bot_world(engine, sync=False) as (fake, _, _):
        await fake.send_message(content="!sync", author=fake.user)
        await fake.wait_for_message(fake.channel.id, lambda b: "owner" in str(b))
        assert fake.global_commands == []
        await fake.send_message(content="!sync", author=fake.owner)  # the application's owner
        done = await fake.wait_for_message(fake.channel.id, lambda b: "Synced" in str(b))
        assert "to all guilds" in done["content"]
        assert sorted(c["name"] for c in fake.global_commands) == SLASH_COMMANDS
        await fake.send_message(content=f"!sync {fake.guild.id}", author=fake.owner)
        await fake.wait_for_message(fake.channel.id, lambda b: "to guild" in str(b))
        names = sorted(c["name"] for c in fake.guild_commands[fake.guild.id])
        assert names == SLASH_COMMANDS
        await fake.send_message(content="!sync here", author=fake.owner)
        usage = await fake.wait_for_message(fake.channel.id, lambda b: "Usage" in str(b))
        assert "!sync [guild_id=global]" in usage["content"]
        global_syncs = [r for r in fake.requests if r.key == f"PUT {GLOBAL_COMMANDS}"]
        assert len(global_syncs) == 1  # the typo synced nothing


async def test_configured_owner_ids_replace_the_application_owner(engine: Engine) -> None:
    boss = FakeUser("boss")
    async with bot_world(engine, sync=False, owner_ids=frozenset({boss.id})) as (fake, _, _):
        await fake.send_message(content="!sync", author=fake.owner)
        await fake.wait_for_message(fake.channel.id, lambda b: "owner" in str(b))
        assert fake.global_commands == []
        await fake.send_message(content="!sync", author=boss)
        await fake.wait_for_message(fake.channel.id, lambda b: "Synced" in str(b))
        assert len(fake.global_commands) == len(SLASH_COMMANDS)


async def test_about_via_help_slash_and_a_bare_mention(engine: Engine) -> None:
    async with bot_world(engine) as (fake, _, _):
        await fake.send_message(content="!help")
        embed = embed_of(await fake.wait_for_message(fake.channel.id))
        assert embed["title"] == "About this bot"
        assert "Soyuz MS-23" in fields_of(embed)["Missions"]
        handle = await fake.send_slash_command("about")
        data = (await handle.wait_response()).json["data"]
        assert embed_of(data)["title"] == "About this bot" and data["flags"] & EPHEMERAL
        bare = await fake.send_message(content=fake.bot_user.mention)
        assert embed_of(await reply_to(fake, bare))["title"] == "About this bot"


async def test_sharded_bot_connects_and_answers(engine: Engine) -> None:
    async with bot_world(engine, shard_count=1) as (fake, bot, missions):
        assert isinstance(bot, commands.AutoShardedBot)
        [identify] = [p for p in fake.gateway.received if p.get("op") == IDENTIFY]
        assert identify["d"]["shard"] == [0, 1]
        asked = await fake.send_message(missions.id, "when did ms-23 land?")
        assert "27 September 2023" in str(await reply_to(fake, asked))


# --- the command line's Discord commands ------------------------------------------------
async def test_cli_sync_registers_the_slash_commands(
    engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    async with FakeDiscord() as fake:
        config = Config(token=FAKE_TOKEN)
        with point_discord_py_at(fake):
            assert await sync_bot(config, engine, None) == 0
            assert await sync_bot(config, engine, fake.guild.id) == 0
        assert sorted(c["name"] for c in fake.global_commands) == SLASH_COMMANDS
        assert len(fake.guild_commands[fake.guild.id]) == len(SLASH_COMMANDS)
        fake.assert_clean()
    out = capsys.readouterr().out
    assert f"synced {len(SLASH_COMMANDS)} slash commands globally" in out
    assert f"synced {len(SLASH_COMMANDS)} slash commands to guild" in out


async def test_cli_explains_a_rejected_token_and_a_missing_intent(
    engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    async with FakeDiscord(token="the-real-token") as fake:
        with point_discord_py_at(fake):
            assert await sync_bot(Config(token=FAKE_TOKEN), engine, None) == 2
            assert await run_bot(Config(token=FAKE_TOKEN), engine) == 2
    assert capsys.readouterr().err.count("Discord rejected the token") == 2
    async with FakeDiscord(privileged_intents=0) as fake:
        with point_discord_py_at(fake):
            assert await run_bot(Config(token=FAKE_TOKEN), engine) == 2
    assert "Message Content intent is not enabled" in capsys.readouterr().err

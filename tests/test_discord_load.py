"""Load and faults through the loopback Discord: a 2,000-question burst with the gateway
cut, the session invalidated and the fact base reloaded mid-burst; a REST outage; a
global rate limit.

No wall-clock timing is asserted (benchmarks/discord_load.py reports throughput and
latency); what is asserted is that every question is answered exactly once.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bot.engine import Engine
from tests.fake_discord import FakeDiscord, FakeUser
from tests.fake_discord.load import Burst, Question, spread
from tests.test_discord_bot import MESSAGES, answer_channels, barrier, bot_world, reply_to

QUESTIONS = 2000
CHANNELS = 20
AUTHORS = 400  # 5 questions each: exactly the default cooldown (5 per 30 s)


def burst_questions(engine: Engine, owner: FakeUser, guild_id: int) -> list[str]:
    """Every topic of every mission, asked as its suggestion template; every fifth one
    also tries to ping @everyone, a role or a person."""
    factbase = engine.factbase
    plain = [
        factbase.intents[intent].ask.format(name=mission.name)  # type: ignore[union-attr]
        for mission in factbase.missions.values()
        for intent in factbase.topics(mission.id)
        if factbase.intents[intent].ask
    ]
    pings = ["@everyone", "@here", f"<@&{guild_id}>", owner.mention]
    return [f"{pings[i % len(pings)]} {q}" if i % 5 == 0 else q for i, q in enumerate(plain)]


def no_errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


async def test_burst_of_2000_questions_survives_gateway_faults_and_a_reload(
    engine: Engine, knowledge_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    # The emulator's buckets are wide so the burst measures the bot, not Discord's
    # 5-messages-per-5-seconds channel limit; a conversation store smaller than the
    # number of channels shows that memory stays bounded.
    async with bot_world(
        engine, fake_options={"bucket_limit": 1000}, conversation_size=8,
        more_answer_channels=CHANNELS, knowledge=knowledge_copy,
    ) as (fake, bot, _):
        channels = answer_channels(fake)
        contents = burst_questions(engine, fake.owner, fake.guild.id)
        for content in contents:  # each gets a reply even in a channel that skips chatter
            answer = engine.ask(content)
            assert not (answer.status == "unknown" and answer.mission is None), content
        authors = [FakeUser(f"asker{i}") for i in range(AUTHORS)]
        questions = spread(contents, [c.id for c in channels], authors, QUESTIONS)

        store = bot.conversations  # type: ignore[attr-defined]
        sizes: list[int] = []
        fake.listeners.append(lambda req: sizes.append(len(store)))

        async def reload() -> None:
            await fake.send_message(channels[0].id, "!reload", author=fake.owner)

        async def invalidate() -> None:
            await fake.wait_until_connected()  # resumed after the drop
            await fake.invalidate_session()

        burst = Burst(fake)
        await burst.post(questions, before={
            600: lambda: fake.drop_connection(abort=True),  # TCP reset: in-flight events lost
            1000: reload,
            1400: invalidate,  # not resumable: a fresh IDENTIFY
        })
        await burst.wait_answered(timeout=120)
        for channel in channels:  # anything still queued for a channel is handled by now
            await barrier(fake, channel.id)

        assert burst.missing() == [] and burst.repeated() == {}
        assert len(burst.sent) == QUESTIONS
        assert fake.resume_count >= 1 and fake.replayed_count > 0
        assert fake.identify_count == 2
        assert bot.engine is not engine  # type: ignore[attr-defined]  # reloaded mid-burst
        reloaded = [b for b in fake.messages_in(channels[0].id) if "Reloaded" in str(b)]
        assert len(reloaded) == 1
        assert sizes and max(sizes) <= store.max_size == 8
        assert fake.bucket_limited == [] and fake.global_limited == []
        notices = [b for b in fake.sent_messages if "asking quickly" in str(b.get("content"))]
        assert notices == []
        assert no_errors(caplog) == []
    # bot_world's exit ran assert_clean: no reply pinged anyone or broke a limit.


async def post_and_wait(fake: FakeDiscord, questions: list[Question]) -> Burst:
    burst = Burst(fake)
    await burst.post(questions)
    await burst.wait_answered(timeout=30)
    return burst


async def test_rest_outage_of_500s_and_502s_then_recovery_delivers_each_reply_once(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    async with bot_world(engine, more_answer_channels=3) as (fake, _, missions):
        channels = [missions, *answer_channels(fake)]
        # For half a second every REST request fails: 500 in two channels, 502 (an HTML
        # page, as a proxy sends) everywhere else. discord.py retries after 1 s.
        halves = {str(channels[0].id), str(channels[1].id)}
        errors = fake.fail_for(lambda r: r.params.get("channel_id") in halves, 0.5, status=500)
        outage = fake.fail_for("*", 0.5, status=502)
        authors = [FakeUser(f"asker{i}") for i in range(12)]
        questions = spread(["when did ms-23 land?", "what rocket launched ms-23?"],
                           [c.id for c in channels], authors, 12)
        burst = await post_and_wait(fake, questions)
        for channel in channels:
            await barrier(fake, channel.id)
        assert burst.missing() == [] and burst.repeated() == {}
        assert errors.hits and outage.hits
        failed = {int(r.json["message_reference"]["message_id"])
                  for r in errors.hits + outage.hits}
        assert failed <= set(burst.sent)  # the failed attempts were replies, then retried
        assert not errors.active and not outage.active
        assert no_errors(caplog) == []


async def test_a_reply_discord_posted_before_a_502_is_not_posted_again(engine: Engine) -> None:
    """A proxy's 502 after Discord created the reply: discord.py retries, and the nonce
    it sends (enforced) makes Discord return the first reply instead of posting again."""
    async with bot_world(engine, more_answer_channels=2) as (fake, _, missions):
        channels = [missions, *answer_channels(fake)]
        outage = fake.fail_for(f"POST {MESSAGES}", 0.5, status=502, applied=True)
        asked = [
            await fake.send_message(channel.id, question, author=FakeUser(f"asker{i}"))
            for i, (channel, question) in enumerate(zip(channels, [
                "when did ms-23 land?", "what rocket launched ms-23?", "!ask who flew home?"],
                strict=True))
        ]
        for message in asked[:2]:
            await reply_to(fake, message)
        for channel in channels:
            await barrier(fake, channel.id)
        posted = [m for c in channels for m in fake.stored_messages(c.id)
                  if m["author"]["id"] == str(fake.bot_user.id)]
        referenced = Counter(str((m.get("message_reference") or {}).get("message_id"))
                             for m in posted)
        assert [referenced[m["id"]] for m in asked[:2]] == [1, 1]
        assert len(posted) == 6  # two replies, the !ask answer, three barrier replies
        assert len(outage.hits) == 3 and len(fake.deduplicated) == 3


async def test_global_rate_limit_holds_every_route_until_it_ends(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    """After a global 429 the bot sends nothing, on any route, until retry_after has
    passed: the emulator answers 429 to anything inside the window and lists it in
    `global_limited`, which must stay empty."""
    caplog.set_level(logging.WARNING)
    async with bot_world(engine, more_answer_channels=3) as (fake, _, missions):
        channels = answer_channels(fake)
        fault = fake.fail_next(f"POST {MESSAGES}", status=429, retry_after=0.4, global_=True)
        first = await fake.send_message(missions.id, "when did ms-23 land?")
        await fake.wait_for_request(lambda r: r.fault)
        await until(lambda: any("Global rate limit" in r.getMessage() for r in caplog.records))
        # Questions in other channels (other buckets) and a command, inside the window.
        during = [
            await fake.send_message(c.id, f"{fake.bot_user.mention} when did ms-23 launch?")
            for c in channels
        ]
        await fake.send_message(missions.id, "!mission ms-22")
        for message in [first, *during]:
            await reply_to(fake, message)
        await fake.wait_for_message(missions.id, lambda b: "Soyuz MS-22" in str(b))
        await barrier(fake, missions.id)
        assert fake.global_limited == []
        assert len(fault.hits) == 1
        for message in [first, *during]:
            replies = [b for b in fake.messages_in(int(message["channel_id"]))
                       if str((b.get("message_reference") or {}).get("message_id"))
                       == message["id"]]
            assert len(replies) == 1
        assert no_errors(caplog) == []


async def until(condition: Callable[[], Any], timeout: float = 5) -> None:
    async def poll() -> None:
        while not condition():
            await asyncio.sleep(0.005)

    await asyncio.wait_for(poll(), timeout)

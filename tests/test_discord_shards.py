"""Shards through the loopback Discord: two shards in one process, and two processes with
one shard each. Every guild's questions are answered exactly once, by the process that
runs its shard, and the ready log line names the shards.

The emulator routes as Discord does: a guild's events go to shard
`(guild_id >> 22) % count` only, DMs to shard 0 (see tests/fake_discord/gateway.py).
"""

from __future__ import annotations

import asyncio
import logging
import signal
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot.config import Config
from bot.discord_bot.client import ShardedMissionBot, create_bot
from bot.discord_cli import run_bot
from bot.engine import Engine
from bot.feedback import FeedbackStore, read_feedback
from tests.fake_discord import (
    FAKE_TOKEN,
    FakeDiscord,
    FakeGuild,
    FakeUser,
    point_discord_py_at,
    running_client,
    snowflake_on_shard,
)
from tests.fake_discord.pointed import read_until, start_pointed

ROOT = Path(__file__).resolve().parent.parent
IDENTIFY = 2
QUESTION = "when did ms-23 land?"
UNKNOWN = "how much did the ms-23 flight cost in total"


async def skip_identify_wait(shard_id: int | None, *, initial: bool = False) -> None:
    """discord.py waits 5 s between two shards' IDENTIFYs; the emulator needs no pause."""


def guilds_on(count: int, per_shard: int) -> list[FakeGuild]:
    """`per_shard` guilds on each of `count` shards, in shard order."""
    return [
        FakeGuild(f"guild-{shard}-{n}", id=snowflake_on_shard(shard, count))
        for shard in range(count)
        for n in range(per_shard)
    ]


def shard_of(guild: FakeGuild, count: int) -> int:
    return (guild.id >> 22) % count


def replies_to(fake: FakeDiscord, message: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        body for body in fake.messages_in(int(message["channel_id"]))
        if str((body.get("message_reference") or {}).get("message_id")) == message["id"]
    ]


async def ask_every_guild(fake: FakeDiscord, text: str) -> list[dict[str, Any]]:
    """`text`, mentioning the bot, in each guild's #general, each time from someone new
    (no cooldown); waits for every reply."""
    asked = []
    for guild in fake.guilds:
        asker = fake.add_user(FakeUser(f"asker-{len(fake.users)}"))
        message = await fake.send_message(
            guild.channels[0].id, f"{fake.bot_user.mention} {text}", author=asker
        )
        asked.append(message)
    for message in asked:
        await fake.wait_for_message(
            int(message["channel_id"]), lambda b, m=message: replies_to_id(b, m), timeout=10
        )
    return asked


def replies_to_id(body: dict[str, Any], message: dict[str, Any]) -> bool:
    return str((body.get("message_reference") or {}).get("message_id")) == message["id"]


async def assert_each_answered_once(fake: FakeDiscord, asked: list[dict[str, Any]]) -> None:
    """After a second round in every guild (each shard handles its events in order), no
    question of the first round has a second reply."""
    await ask_every_guild(fake, "what rocket launched soyuz ms-23")
    for message in asked:
        assert len(replies_to(fake, message)) == 1, message["channel_id"]


def identified_shards(fake: FakeDiscord) -> list[list[int]]:
    return sorted(p["d"]["shard"] for p in fake.gateway.received if p.get("op") == IDENTIFY)


async def test_two_shards_in_one_process_answer_every_guild_once(
    engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot")
    async with FakeDiscord(heartbeat_interval_ms=500, guilds=guilds_on(2, 2)) as fake:
        bot = create_bot(Config(token=FAKE_TOKEN, shard_count=2), engine,
                         guild_ready_timeout=0.05)
        assert isinstance(bot, ShardedMissionBot)
        bot.before_identify_hook = skip_identify_wait  # type: ignore[method-assign]
        async with running_client(fake, bot):
            assert identified_shards(fake) == [[0, 2], [1, 2]]
            assert fake.gateway.shards() == [(0, 2), (1, 2)]
            assert {g.id: bot.get_guild(g.id).shard_id for g in fake.guilds} == {
                g.id: shard_of(g, 2) for g in fake.guilds
            }
            asked = await ask_every_guild(fake, QUESTION)
            assert all("27 September 2023" in str(replies_to(fake, m)) for m in asked)
            dm = await fake.send_dm(QUESTION)
            await fake.wait_for_message(int(dm["channel_id"]), lambda b: replies_to_id(b, dm))
            await assert_each_answered_once(fake, [*asked, dm])
        fake.assert_clean()
    [ready] = [r.getMessage() for r in caplog.records if "connected as" in r.getMessage()]
    assert ready.endswith("shards 0, 1 of 2, 4 guild(s)")


async def test_a_process_runs_only_the_shards_its_config_names(engine: Engine) -> None:
    """The other shard's guilds are someone else's: no IDENTIFY, no answer from here."""
    async with FakeDiscord(heartbeat_interval_ms=500, guilds=guilds_on(2, 1)) as fake:
        config = Config(token=FAKE_TOKEN, shard_count=2, shard_ids=(1,))
        bot = create_bot(config, engine, guild_ready_timeout=0.05)
        async with running_client(fake, bot):
            assert identified_shards(fake) == [[1, 2]]
            assert [g.id for g in bot.guilds] == [fake.guilds[1].id]
            mine = await fake.send_message(fake.guilds[1].channels[0].id,
                                           f"{fake.bot_user.mention} {QUESTION}")
            await fake.wait_for_message(int(mine["channel_id"]), lambda b: replies_to_id(b, mine))
            assert fake.gateway.pending == []
            await fake.send_message(fake.guilds[0].channels[0].id,
                                    f"{fake.bot_user.mention} {QUESTION}")
            assert [e for e, _ in fake.gateway.pending] == ["MESSAGE_CREATE"]  # nobody's
        fake.assert_clean()


async def test_discord_requiring_shards_gets_a_message_that_says_which_option(
    engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    async with FakeDiscord(sharding_required=True) as fake:
        with point_discord_py_at(fake):
            assert await run_bot(Config(token=FAKE_TOKEN), engine) == 2
    assert "set [shards] count in the config" in capsys.readouterr().err


# ---------------------------------------------------------------- two processes


def write_config(tmp: Path, shard: int) -> Path:
    """Shard `shard` of 2, with its own feedback file (the one thing processes keep)."""
    path = tmp / f"shard-{shard}.toml"
    path.write_text(
        f"[shards]\ncount = 2\nids = [{shard}]\n\n"
        f'[feedback]\nenabled = true\npath = "feedback-{shard}.sqlite3"\n',
        encoding="utf-8",
    )
    return path


async def test_two_processes_with_one_shard_each_answer_every_guild_once(
    tmp_path: Path, engine: Engine
) -> None:
    async with FakeDiscord(heartbeat_interval_ms=500, guilds=guilds_on(2, 2)) as fake:
        processes = [
            await start_pointed(fake, "bot", "run", "--config", str(write_config(tmp_path, s)),
                                env={"DISCORD_TOKEN": FAKE_TOKEN})
            for s in (0, 1)
        ]
        logs: list[list[str]] = [[], []]
        try:
            ready = [
                await read_until(p, "connected as", log)
                for p, log in zip(processes, logs, strict=True)
            ]
            assert ready[0].rstrip().endswith("shard 0 of 2, 2 guild(s)")
            assert ready[1].rstrip().endswith("shard 1 of 2, 2 guild(s)")
            assert identified_shards(fake) == [[0, 2], [1, 2]]
            asked = await ask_every_guild(fake, QUESTION)
            assert all("27 September 2023" in str(replies_to(fake, m)) for m in asked)
            unanswered = await ask_every_guild(fake, UNKNOWN)
            await assert_each_answered_once(fake, [*asked, *unanswered])
        finally:
            for process in processes:
                if process.returncode is None:
                    process.send_signal(signal.SIGTERM)
            codes = [await asyncio.wait_for(p.wait(), 30) for p in processes]
        for process, log in zip(processes, logs, strict=True):
            log += (await process.stderr.read()).decode().splitlines(keepends=True)
        assert codes == [0, 0], "".join(logs[0] + logs[1])
        assert all("closed" in log[-1] for log in logs)
        fake.assert_clean()
    # Each process recorded its own guilds' unanswered questions; review reads both.
    review = subprocess.run(
        [sys.executable, "-m", "bot", "review", "--db", str(tmp_path / "feedback-0.sqlite3"),
         "--db", str(tmp_path / "feedback-1.sqlite3")],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert review.returncode == 0, review.stderr
    assert review.stdout.startswith("4 recorded question(s) in 1 group(s)")


def test_review_reads_several_feedback_files_as_one(tmp_path: Path) -> None:
    for shard, (asked, up) in enumerate([(2, 1), (1, 3)]):
        with FeedbackStore(tmp_path / f"{shard}.sqlite3") as store:
            for n in range(asked):
                store.record(f"how much did it cost {shard}-{n}", "unknown", when=1000 + n)
            for _ in range(up):
                store.vote("landing", True)
            store.vote("launch", False)
    paths = [tmp_path / "0.sqlite3", tmp_path / "1.sqlite3", tmp_path / "0.sqlite3"]
    records, votes = read_feedback(paths)
    assert sorted(r.question for r in records) == [
        "how much did it cost 0-0", "how much did it cost 0-1", "how much did it cost 1-0"
    ]
    assert [r.asked_at for r in records] == sorted((r.asked_at for r in records), reverse=True)
    assert [(v.intent, v.helpful, v.unhelpful) for v in votes] == [
        ("landing", 4, 0), ("launch", 0, 2)
    ]


def test_config_shards_become_the_sharded_bot(engine: Engine) -> None:
    assert not isinstance(create_bot(Config(token=FAKE_TOKEN), engine), ShardedMissionBot)
    bot = create_bot(replace(Config(token=FAKE_TOKEN), shard_count=4, shard_ids=(1, 3)), engine)
    assert isinstance(bot, ShardedMissionBot)
    assert (bot.shard_count, bot.shard_ids) == (4, [1, 3])


"""Issue 6 in Discord: recording unanswered questions, 👍/👎 votes, `/review`, and a new
mission (Kestrel 7, derived from its source alone) listed by `!mission` and `/mission`.

The real bot runs against the loopback Discord (`tests/fake_discord`); every world ends
with `fake.assert_clean()`, so no request broke a Discord limit or allowed a mention.
Writes to the store happen in worker threads; `cog.flush()` waits for them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import shutil
import sqlite3
import time
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import discord
import pytest
from discord.ext import commands

from bot.cli import main
from bot.config import Config, FeedbackConfig
from bot.discord_bot.client import create_bot
from bot.discord_bot.cogs.admin import sync_commands
from bot.discord_bot.cogs.feedback import Feedback
from bot.discord_bot.feedback_views import VoteButton, review_embed, vote_id, with_vote_buttons
from bot.discord_bot.limits import EMBED_TOTAL
from bot.engine import Answer, Engine
from bot.factbase import DEFAULT_KNOWLEDGE_DIR, load_factbase
from bot.feedback import DAY, FeedbackStore, Record, VoteCount, group_questions, hash_user
from tests.fake_discord import FAKE_TOKEN, FakeChannel, FakeDiscord, FakeUser, running_client
from tests.fake_discord.payloads import message_payload

EPHEMERAL = 1 << 6
KESTREL = Path(__file__).resolve().parent / "data" / "kestrel-7.txt"
SALT = "pepper-pepper-pepper"
VOTE_ID = re.compile(r"mb:vote:(up|down):[\w-]{1,16}:[^:]+:[^:]*")


async def skip_identify_wait(shard_id: int | None, *, initial: bool = False) -> None:
    """discord.py sleeps before a re-IDENTIFY; irrelevant here."""


@contextlib.asynccontextmanager
async def world(
    engine: Engine, db: Path | None = None, *, feedback: dict[str, Any] | None = None,
    **changes: Any,
) -> AsyncIterator[tuple[FakeDiscord, commands.Bot, FakeChannel]]:
    """The emulator with #general and an answer channel #missions, the bot connected and
    its slash commands synced; feedback on (recording into `db`) unless `db` is None."""
    async with FakeDiscord(heartbeat_interval_ms=500) as fake:
        missions = FakeChannel("missions", guild_id=fake.guild.id)
        fake.guild.channels.append(missions)
        options = FeedbackConfig(enabled=db is not None, path=db or Path("unused.sqlite3"))
        config = Config(
            token=FAKE_TOKEN,
            answer_channels=frozenset({missions.id}),
            cooldown_rate=100,
            feedback=replace(options, **(feedback or {})),
        )
        bot = create_bot(replace(config, **changes), engine, guild_ready_timeout=0.05)
        bot.before_identify_hook = skip_identify_wait  # type: ignore[method-assign]
        async with running_client(fake, bot):
            await sync_commands(bot, None)
            yield fake, bot, missions
        fake.assert_clean()


def cog_of(bot: commands.Bot) -> Feedback:
    cog = bot.get_cog("Feedback")
    # load_extension executes the module afresh: its class is not the one imported here.
    assert type(cog).__qualname__ == Feedback.__qualname__
    return cog  # type: ignore[return-value]


def embed_of(body: dict[str, Any]) -> dict[str, Any]:
    [embed] = body["embeds"]
    return embed


async def reply_to(fake: FakeDiscord, message: dict[str, Any]) -> dict[str, Any]:
    """The bot's reply to `message`, as Discord stored it (components included)."""
    def is_reply(body: dict[str, Any]) -> bool:
        return str((body.get("message_reference") or {}).get("message_id")) == message["id"]

    await fake.wait_for_message(int(message["channel_id"]), is_reply)
    return next(
        m for m in reversed(fake.stored_messages(int(message["channel_id"])))
        if str((m.get("message_reference") or {}).get("message_id")) == message["id"]
    )


def vote_ids(fake: FakeDiscord, message: dict[str, Any]) -> list[str]:
    return [b["custom_id"] for b in fake.buttons(message["id"]) if b["custom_id"].startswith(
        "mb:vote:")]


def old_button(fake: FakeDiscord, channel: FakeChannel, custom_id: str) -> dict[str, Any]:
    """A message with one button, as the bot sent it before a restart."""
    components = [{"type": 1, "components": [
        {"type": 2, "style": 2, "emoji": {"name": "👎"}, "custom_id": custom_id}]}]
    message = message_payload(channel=channel, author=fake.bot_user,
                              body={"components": components})
    fake.store_message(message)
    return message


async def click(fake: FakeDiscord, message: dict[str, Any], custom_id: str,
                user: FakeUser | None = None) -> dict[str, Any]:
    handle = await fake.click_button(message["id"], custom_id, user=user)
    return (await handle.wait_response()).json["data"]


def stored(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with contextlib.closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql).fetchall()


# --- recording --------------------------------------------------------------------------
async def test_unanswered_questions_from_every_front_door_are_recorded(
    engine: Engine, tmp_path: Path
) -> None:
    db = tmp_path / "feedback.sqlite3"
    async with world(engine, db) as (fake, bot, missions):
        mention = await fake.send_message(content=f"{fake.bot_user.mention} what's the weather")
        await reply_to(fake, mention)
        await fake.send_message(missions.id, "!ask ms-23 date")  # clarify
        await fake.wait_for_message(missions.id, lambda b: "Did you mean" in str(b))
        handle = await fake.send_slash_command("ask", {"question": "ms-23 mass"})  # a known gap
        await handle.wait_response()
        gap = old_button(fake, missions, "mb:topic:soyuz-ms-24:landing")
        await click(fake, gap, "mb:topic:soyuz-ms-24:landing")
        answered = await fake.send_message(missions.id, "when did ms-23 land?")
        chatter = await fake.send_message(missions.id, "lol what a game last night")
        await reply_to(fake, answered)
        dm = await fake.send_dm("when did it")
        await reply_to(fake, dm)
        await cog_of(bot).flush()
        recorded = {r.question: r for r in cog_of(bot).store.records()}
    button_question = engine.answer_topic("soyuz-ms-24", "landing").question
    assert {q: r.outcome for q, r in recorded.items()} == {
        "what's the weather": "unknown",
        "ms-23 date": "clarify",
        "ms-23 mass": "unknown",
        button_question: "unknown",
        "when did it": "unknown",
    }
    assert chatter["content"] not in recorded  # chatter the bot did not answer stays private
    assert recorded["ms-23 mass"].intent == "cargo_mass"
    assert recorded["ms-23 date"].candidates == tuple(
        (i, round(s, 3)) for i, s in engine.ask("ms-23 date").candidates
    )
    assert stored(db, "SELECT DISTINCT user_hash FROM questions") == [(None,)]


async def test_user_ids_are_stored_only_hashed_and_only_when_asked(
    engine: Engine, tmp_path: Path
) -> None:
    db = tmp_path / "feedback.sqlite3"
    options = {"record_user_ids": True, "salt": SALT}
    async with world(engine, db, feedback=options) as (fake, bot, _):
        asked = await fake.send_message(content=f"{fake.bot_user.mention} what's the weather")
        await reply_to(fake, asked)
        await cog_of(bot).flush()
    assert stored(db, "SELECT user_hash FROM questions") == [(hash_user(fake.user.id, SALT),)]
    with contextlib.closing(sqlite3.connect(db)) as conn:
        dump = "\n".join(conn.iterdump())
    assert str(fake.user.id) not in dump


async def test_retention_applies_to_what_the_bot_records(engine: Engine, tmp_path: Path) -> None:
    db = tmp_path / "feedback.sqlite3"
    with FeedbackStore(db, retention_days=30) as store:
        store.record("old question", "unknown", when=time.time() - 31 * DAY)
        store.record("recent question", "unknown", when=time.time() - 29 * DAY)
    async with world(engine, db, feedback={"retention_days": 30.0}) as (fake, bot, _):
        asked = await fake.send_message(content=f"{fake.bot_user.mention} what's the weather")
        await reply_to(fake, asked)
        await cog_of(bot).flush()
        questions = {r.question for r in cog_of(bot).store.records()}
    assert questions == {"recent question", "what's the weather"}


async def test_a_failing_store_is_logged_and_answering_goes_on(
    engine: Engine, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async with world(engine, tmp_path / "feedback.sqlite3") as (fake, bot, _):
        store = cog_of(bot).store

        def broken(*args: Any, **kwargs: Any) -> None:
            raise sqlite3.OperationalError("disk I/O error")

        store.record_answer = broken  # type: ignore[method-assign]
        store.vote_answer = broken  # type: ignore[method-assign]
        with caplog.at_level(logging.ERROR, logger="bot.discord.feedback"):
            asked = await fake.send_message(content=f"{fake.bot_user.mention} what's the weather")
            assert embed_of(await reply_to(fake, asked))["description"]
            asked = await fake.send_message(content=f"{fake.bot_user.mention} when did ms-23 land")
            reply = await reply_to(fake, asked)
            data = await click(fake, reply, vote_ids(fake, reply)[1])
            assert data["flags"] & EPHEMERAL and "Thanks" in data["content"]
            await cog_of(bot).flush()
    errors = [r for r in caplog.records if "could not record" in r.getMessage()]
    assert len(errors) == 2 and all(r.exc_info for r in errors)


class WatchedWrites(set):  # type: ignore[type-arg]
    """The cog's set of writes, failing the test where flush would wait on it for ever."""

    checks = 0

    def __len__(self) -> int:
        self.checks += 1
        assert self.checks < 100, "flush keeps waiting for writes that are all done"
        return super().__len__()


async def test_flush_returns_once_every_write_is_done(engine: Engine, tmp_path: Path) -> None:
    """A finished write still in the set (its done callback not run yet) must not keep
    flush, and so closing the bot on SIGTERM, waiting: on Python 3.12 it spun for ever."""
    async with world(engine, tmp_path / "feedback.sqlite3") as (_, bot, _):
        cog = cog_of(bot)
        finished = asyncio.get_running_loop().create_task(asyncio.sleep(0))
        await finished
        cog._writes = WatchedWrites({finished})
        await cog.flush()
        cog._writes = set()


async def test_a_store_that_cannot_be_opened_leaves_the_bot_answering(
    engine: Engine, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = tmp_path / "feedback.sqlite3"
    db.write_text("not a database, just text " * 100)
    with caplog.at_level(logging.ERROR, logger="bot.discord.feedback"):
        async with world(engine, db) as (fake, bot, _):
            assert bot.get_cog("Feedback") is None
            asked = await fake.send_message(content=f"{fake.bot_user.mention} when did ms-23 land")
            assert vote_ids(fake, await reply_to(fake, asked)) == []
    assert "cannot be recorded" in caplog.text and "not a usable feedback database" in caplog.text


# --- votes ------------------------------------------------------------------------------
async def test_answers_carry_votes_one_per_person_and_thumbs_down_records_the_question(
    engine: Engine, tmp_path: Path
) -> None:
    async with world(engine, tmp_path / "feedback.sqlite3") as (fake, bot, missions):
        asked = await fake.send_message(missions.id, "when did ms-23 land?")
        reply = await reply_to(fake, asked)
        up, down = vote_ids(fake, reply)
        assert VOTE_ID.fullmatch(up) and VOTE_ID.fullmatch(down)
        assert up.startswith("mb:vote:up:") and up.endswith(":landing:soyuz-ms-23")
        assert [b.get("emoji", {}).get("name") for b in fake.buttons(reply["id"])] == ["👍", "👎"]

        thanks = await click(fake, reply, up)
        assert thanks["flags"] & EPHEMERAL and "Thanks" in thanks["content"]
        again = await click(fake, reply, down)  # the same person, the same message
        assert again["flags"] & EPHEMERAL and "already" in again["content"]
        other = await click(fake, reply, down, user=fake.owner)
        assert other["flags"] & EPHEMERAL and "Thanks" in other["content"]

        # /ask and !mission answers carry them too; an answer that did not answer does not.
        handle = await fake.send_slash_command("ask", {"question": "what rocket launched ms-23"})
        await handle.wait_response()
        slash = fake.messages[handle.state.original_message_id]  # type: ignore[index]
        assert len(vote_ids(fake, slash)) == 2
        await click(fake, slash, vote_ids(fake, slash)[0])
        unknown = await fake.send_message(missions.id, "ms-23 mass")
        assert vote_ids(fake, await reply_to(fake, unknown)) == []

        await cog_of(bot).flush()
        store = cog_of(bot).store
        assert store.vote_counts() == [VoteCount("landing", 1, 1), VoteCount("rocket", 1, 0)]
        unhelpful = [r for r in store.records() if r.outcome == "unhelpful"]
        assert [(r.question, r.mission, r.intent) for r in unhelpful] == [
            ("when did ms-23 land?", "soyuz-ms-23", "landing")
        ]


async def test_votes_sit_on_their_own_row_after_suggestions() -> None:
    view = discord.ui.View(timeout=None)
    for n in range(3):
        view.add_item(discord.ui.Button(label=f"s{n}", custom_id=f"s{n}"))
    answer = _answer("landing", "soyuz-ms-23")
    voted = with_vote_buttons(view, answer, "k")
    assert voted is not None
    rows = [c["components"] for c in voted.to_components()]
    assert [len(r) for r in rows] == [3, 2]
    full = discord.ui.View(timeout=None)
    for n in range(25):
        full.add_item(discord.ui.Button(label=f"s{n}", custom_id=f"s{n}"))
    assert len(with_vote_buttons(full, answer, "k").children) == 25  # type: ignore[union-attr]


def test_vote_ids_stay_within_discords_100_characters() -> None:
    assert vote_id(False, "abcdefgh", "landing", "soyuz-ms-23") == (
        "mb:vote:down:abcdefgh:landing:soyuz-ms-23"
    )
    long_mission = "m" * 90
    custom_id = vote_id(False, "abcdefgh", "landing", long_mission)
    assert custom_id == "mb:vote:down:abcdefgh:landing:"  # the mission is left out
    assert VoteButton(False, "abcdefgh", "landing", long_mission).mission is None
    assert vote_id(True, "abcdefgh", "x" * 90, None) is None
    assert with_vote_buttons(None, _answer("x" * 90, "m"), "k") is None  # no room: no votes


async def test_a_vote_from_before_a_restart_still_counts(engine: Engine, tmp_path: Path) -> None:
    async with world(engine, tmp_path / "feedback.sqlite3") as (fake, bot, missions):
        custom_id = "mb:vote:down:forgotten:landing:soyuz-ms-23"
        data = await click(fake, old_button(fake, missions, custom_id), custom_id)
        assert data["flags"] & EPHEMERAL and "Thanks" in data["content"]
        await cog_of(bot).flush()
        assert cog_of(bot).store.vote_counts() == [VoteCount("landing", 0, 1)]
        assert cog_of(bot).store.records() == []  # the question itself is not known any more


async def test_off_by_default_no_buttons_no_file_no_review(
    engine: Engine, tmp_path: Path
) -> None:
    db = tmp_path / "feedback.sqlite3"
    async with world(engine, None, feedback={"path": db}) as (fake, bot, missions):
        assert bot.get_cog("Feedback") is None
        for question in ("when did ms-23 land?", "ms-23 date", "ms-23 mass"):
            asked = await fake.send_message(missions.id, question)
            assert vote_ids(fake, await reply_to(fake, asked)) == []
        assert "review" not in {c["name"] for c in fake.global_commands}
        custom_id = "mb:vote:up:k:landing:soyuz-ms-23"
        data = await click(fake, old_button(fake, missions, custom_id), custom_id)
        assert data["flags"] & EPHEMERAL and "not being collected" in data["content"]
    assert not db.exists()


# --- /review ----------------------------------------------------------------------------
async def test_review_is_for_the_owner_and_shows_the_top_groups_and_votes(
    engine: Engine, tmp_path: Path
) -> None:
    db = tmp_path / "feedback.sqlite3"
    with FeedbackStore(db) as store:
        for question in ("how fast did ms-23 go", "how fast did it go", "how fast did ms-23 go"):
            store.record_answer(engine.ask(question))
        store.record_answer(engine.ask("ms-23 mass"))
        store.vote("landing", True)
        store.vote("landing", False)
    async with world(engine, db) as (fake, _, _):
        [command] = [c for c in fake.global_commands if c["name"] == "review"]
        assert int(command["default_member_permissions"]) == discord.Permissions.administrator.flag

        await fake.send_message(content="!review", author=fake.user)
        await fake.wait_for_message(fake.channel.id, lambda b: "owner" in str(b))
        handle = await fake.send_slash_command("review", user=fake.user)
        refused = (await handle.wait_response()).json["data"]
        assert refused["flags"] & EPHEMERAL and "owner" in refused["content"]

        handle = await fake.send_slash_command("review", {"groups": 3}, user=fake.owner)
        deferred = (await handle.wait_response()).json
        assert deferred["type"] == 5 and deferred["data"]["flags"] & EPHEMERAL
        shown = (await handle.wait_followup()).json
        assert shown["flags"] & EPHEMERAL
        embed = embed_of(shown)
        assert embed["description"].startswith("4 recorded question(s) in 2 group(s)")
        assert re.search(r"landing\s+👍\s+1\s+👎\s+1", embed["description"])
        first, second = embed["fields"]
        assert first["name"].startswith("1. 3x, nearest intent:")
        assert '"how fast did go" x2' in first["value"]
        assert "cargo_mass" in second["value"]

        # In a server channel, !review goes to the owner's DMs: questions asked in DMs
        # are not for a channel.
        await fake.send_message(content="!review", author=fake.owner)
        ack = await fake.wait_for_message(fake.channel.id, lambda b: "direct message" in str(b))
        assert "embeds" not in ack or not ack["embeds"]
        dm = fake.dm_channel(fake.owner)
        private = await fake.wait_for_message(dm.id)
        assert embed_of(private)["title"] == "Unanswered questions"


def test_the_review_embed_fits_discord_whatever_was_asked() -> None:
    records = [
        Record(f"question {n} " + "`@everyone` **bold** " * 40 + "x" * (n % 7), "unknown",
               ((f"intent_{n}", 0.5),), 0.0)
        for n in range(200)
    ]
    groups = group_questions(records, threshold=100)
    votes = [VoteCount(f"intent_{n}", n, n) for n in range(300)]
    embed = review_embed(groups, votes, 10)
    assert len(embed) <= EMBED_TOTAL and len(embed.description or "") <= 4096
    assert all(len(f.value or "") <= 1024 and len(f.name or "") <= 256 for f in embed.fields)
    assert all(f.value and f.value.count("```") == 2 for f in embed.fields)  # blocks stay shut


# --- a new mission, added by its source and draft only --------------------------------
@pytest.fixture(scope="module")
def kestrel(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root = tmp_path_factory.mktemp("derived") / "knowledge"
    shutil.copytree(DEFAULT_KNOWLEDGE_DIR, root)
    assert main(["derive", str(KESTREL), "--knowledge", str(root)]) == 0
    return Engine(load_factbase(root))


async def test_a_derived_mission_is_listed_by_mission_and_offered_by_slash_mission(
    kestrel: Engine,
) -> None:
    async with world(kestrel) as (fake, _, _):
        await fake.send_message(content="!mission")
        listing = embed_of(await fake.wait_for_message(fake.channel.id))
        assert listing["title"] == "Missions I know"
        assert "**Kestrel 7**: Halcyon Flight 7, HF-7" in listing["description"]
        assert "Soyuz MS-23" in listing["description"]

        handle = await fake.send_slash_command("mission")
        listed = embed_of((await handle.wait_response()).json["data"])
        assert "**Kestrel 7**" in listed["description"]
        handle = await fake.send_autocomplete("mission", "name", "kes")
        choices = (await handle.wait_response()).json["data"]["choices"]
        assert choices[0] == {"name": "Kestrel 7", "value": "kestrel-7"}
        handle = await fake.send_autocomplete("mission", "name", "")
        everything = [c["value"] for c in (await handle.wait_response()).json["data"]["choices"]]
        assert "kestrel-7" in everything and "soyuz-ms-23" in everything

        handle = await fake.send_slash_command("mission", {"name": "kestrel-7", "topic": "rocket"})
        answer = embed_of((await handle.wait_response()).json["data"])
        assert "Heron 4B" in answer["description"]
        await fake.send_message(content="!mission hf-7")
        overview = embed_of(await fake.wait_for_message(
            fake.channel.id, lambda b: (b.get("embeds") or [{}])[0].get("title") == "Kestrel 7"))
        assert "kestrel-7.txt" in overview["description"]


def _answer(intent: str, mission: str) -> Answer:
    return Answer("q", "answered", mission, intent, "text", 1.0)

"""Reloading the fact base, abuse and privacy, through the loopback Discord.

Like tests/test_discord_bot.py, every test that opens `bot_world` ends with
`fake.assert_clean()`: no request broke a Discord limit or allowed a ping.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import logging
import os
import signal
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot.config import Config, load_config
from bot.discord_bot.client import create_bot
from bot.discord_bot.reload import ReloadResult, build_engine
from bot.discord_cli import RedactToken, run_bot
from bot.engine import Engine
from tests.fake_discord import (
    FAKE_TOKEN,
    FakeChannel,
    FakeDiscord,
    FakeUser,
    point_discord_py_at,
    running_client,
)
from tests.test_discord_bot import (
    MESSAGES,
    BrokenEngine,
    barrier,
    bot_world,
    embed_of,
    replies_to,
    reply_to,
    skip_identify_wait,
)

LANDED = "answer: Soyuz MS-23 landed on 27 September 2023 at 11:17 UTC."
CAME_BACK = "answer: Soyuz MS-23 came back to Earth on 27 September 2023 at 11:17 UTC."
GOOD_QUOTE = 'quote: "27 September 2023, 11:17UTC"'
BAD_QUOTE = 'quote: "28 September 2023, 11:17UTC"'


def facts_file(knowledge: Path) -> Path:
    return knowledge / "missions" / "soyuz-ms-23.yaml"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


# --- reload -----------------------------------------------------------------------------
async def test_owner_reload_serves_the_edited_fact_base_and_keeps_conversations(
    knowledge_copy: Path,
) -> None:
    engine = build_engine(knowledge_copy, "soyuz-ms-23")
    async with bot_world(engine, knowledge=knowledge_copy) as (fake, bot, missions):
        before = await fake.send_message(missions.id, "when did ms-22 launch?")
        assert "Soyuz MS-22" in embed_of(await reply_to(fake, before))["title"]
        edit(facts_file(knowledge_copy), LANDED, CAME_BACK)

        await fake.send_message(missions.id, "!reload", author=fake.user)  # not the owner
        await fake.wait_for_message(missions.id, lambda b: "owner" in str(b.get("content")))
        assert bot.engine is engine

        await fake.send_message(missions.id, "!reload", author=fake.owner)
        done = await fake.wait_for_message(missions.id, lambda b: "Reloaded" in str(b))
        assert done["content"] == (
            f"Reloaded the fact base: {len(engine.factbase.missions)} missions, "
            f"{len(engine.factbase.facts)} facts."
        )
        assert bot.engine is not engine
        # The channel's conversation survives the reload: the follow-up is about MS-22.
        follow_up = await fake.send_message(missions.id, "and when did it land?")
        assert embed_of(await reply_to(fake, follow_up))["title"].startswith("Soyuz MS-22")
        asked = await fake.send_message(missions.id, "when did ms-23 land?")
        assert "came back to Earth" in embed_of(await reply_to(fake, asked))["description"]


async def test_failed_reload_keeps_the_old_fact_base_tells_the_owner_and_logs(
    knowledge_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    engine = build_engine(knowledge_copy, "soyuz-ms-23")
    facts = facts_file(knowledge_copy)
    async with bot_world(engine, knowledge=knowledge_copy) as (fake, bot, missions):
        edit(facts, LANDED, CAME_BACK)  # a good edit, in a file that also gets a bad one
        edit(facts, GOOD_QUOTE, BAD_QUOTE)
        with caplog.at_level(logging.INFO, logger="bot"):
            await fake.send_message(missions.id, "!reload", author=fake.owner)
            told = await fake.wait_for_message(missions.id, lambda b: "Reload failed" in str(b))
        assert bot.engine is engine
        text = told["content"]
        assert len(text) <= 2000 and "still serving the previous fact base" in text
        assert f"missions/soyuz-ms-23.yaml:{line_of(facts, BAD_QUOTE)}: fact 'ms23-landing'" in text
        assert str(knowledge_copy) not in text  # paths relative to the knowledge directory
        [logged] = [r for r in caplog.records if r.levelno == logging.ERROR]
        assert "still serving the previous one" in logged.getMessage()
        assert f"{facts}:{line_of(facts, BAD_QUOTE)}" in logged.getMessage()  # full path

        asked = await fake.send_message(missions.id, "when did ms-23 land?")
        answer = embed_of(await reply_to(fake, asked))["description"]
        assert answer == engine.ask("when did ms-23 land?").text  # the old fact base

        # A default mission that vanished fails the reload too.
        bot.config = replace(bot.config, default_mission="soyuz-ms-99")  # type: ignore[attr-defined]
        edit(facts, BAD_QUOTE, GOOD_QUOTE)
        await fake.send_message(missions.id, "!reload", author=fake.owner)
        told = await fake.wait_for_message(
            missions.id, lambda b: "soyuz-ms-99" in str(b.get("content")))
        assert "Reload failed" in told["content"] and bot.engine is engine


def test_reload_report_fits_one_message_however_many_problems() -> None:
    problems = tuple(
        f"missions/m{i}.yaml:{i}: fact 'f{i}': quote @everyone *x* " + "y" * 150
        for i in range(60)
    )
    report = ReloadResult(False, Path("/srv/knowledge"), problems=problems).report()
    assert len(report) <= 2000
    assert report.startswith("Reload failed") and "60 problem(s) in `knowledge/`" in report
    assert "more (the log lists them all)" in report
    assert "@everyone" not in report and "\\*x\\*" in report
    one = ReloadResult(False, Path("k"), problems=("x" * 5000,)).report()
    assert len(one) <= 2000 and one.endswith("then reload again.")


@contextlib.contextmanager
def ignoring_signals(*signals: signal.Signals) -> Iterator[None]:
    """Signals the bot failed to handle must fail the test, not kill pytest."""
    previous = {sig: signal.signal(sig, signal.SIG_IGN) for sig in signals}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="no SIGHUP on this platform")
async def test_sighup_reloads_validates_and_dms_the_owner(
    knowledge_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """`python -m bot run` itself: SIGHUP reloads (a broken fact base is refused and the
    owner told by DM), SIGTERM closes cleanly."""
    facts = facts_file(knowledge_copy)
    engine = build_engine(knowledge_copy, "soyuz-ms-23")
    async with FakeDiscord(heartbeat_interval_ms=500) as fake:
        missions = FakeChannel("missions", guild_id=fake.guild.id)
        fake.guild.channels.append(missions)
        config = Config(token=FAKE_TOKEN, knowledge=knowledge_copy,
                        answer_channels=frozenset({missions.id}))
        dm = fake.dm_channel(fake.owner)
        with point_discord_py_at(fake), caplog.at_level(logging.INFO, logger="bot"), \
                ignoring_signals(signal.SIGHUP, signal.SIGTERM):
            running = asyncio.create_task(run_bot(config, engine, guild_ready_timeout=0.05))
            await fake.wait_until_connected()

            edit(facts, GOOD_QUOTE, BAD_QUOTE)
            os.kill(os.getpid(), signal.SIGHUP)
            refused = await fake.wait_for_message(dm.id, lambda b: "Reload failed" in str(b))
            assert f"soyuz-ms-23.yaml:{line_of(facts, BAD_QUOTE)}" in refused["content"]
            asked = await fake.send_message(missions.id, "when did ms-23 land?")
            assert "27 September 2023" in embed_of(await reply_to(fake, asked))["description"]

            edit(facts, BAD_QUOTE, GOOD_QUOTE)
            edit(facts, LANDED, CAME_BACK)
            os.kill(os.getpid(), signal.SIGHUP)
            await fake.wait_for_message(dm.id, lambda b: "Reloaded" in str(b))
            asked = await fake.send_message(missions.id, "when did ms-23 land?")
            assert "came back" in embed_of(await reply_to(fake, asked))["description"]

            os.kill(os.getpid(), signal.SIGTERM)
            assert await asyncio.wait_for(running, 10) == 0
        fake.assert_clean()
    messages = [r.getMessage() for r in caplog.records]
    assert sum("received SIGHUP" in m for m in messages) == 2
    assert any("still serving the previous one" in m for m in messages)
    assert any(m.startswith("reloaded the fact base") for m in messages)
    assert len([b for b in fake.messages_in(dm.id)]) == 2


# --- abuse ------------------------------------------------------------------------------
async def test_flood_of_50_questions_gets_the_cooldown_and_one_notice(engine: Engine) -> None:
    """Default cooldown (5 per 30 s): the flooder gets 5 answers and one notice while
    five other people asking in the same channel at the same time all get answers."""
    config = Config()
    async with bot_world(engine) as (fake, _, missions):
        others = [fake.add_user(FakeUser(f"other{i}")) for i in range(5)]
        flood, calm = [], []
        for i in range(50):
            flood.append(await fake.send_message(missions.id, "when did ms-23 land?"))
            if i % 10 == 0:
                calm.append(await fake.send_message(
                    missions.id, "what rocket launched ms-23?", author=others[i // 10]))
        await barrier(fake, missions.id)
        counts = [len(replies_to(fake, m)) for m in flood]
        rate = config.cooldown_rate
        assert counts == [1] * (rate + 1) + [0] * (50 - rate - 1)
        assert all("27 September 2023" in str(replies_to(fake, m)) for m in flood[:rate])
        [notice] = replies_to(fake, flood[rate])
        assert "asking quickly" in notice["content"]
        assert all("Soyuz 2.1a" in str(replies_to(fake, m)) for m in calm)
        assert [len(replies_to(fake, m)) for m in calm] == [1] * 5


async def test_questions_full_of_mentions_are_answered_without_pinging(engine: Engine) -> None:
    async with bot_world(engine) as (fake, _, missions):
        pings = f"@everyone @here <@&{fake.guild.id}> <@&12345> {fake.owner.mention}"
        asked = [
            await fake.send_message(missions.id, f"{pings} when did ms-23 land?"),
            await fake.send_message(content=f"{fake.bot_user.mention} {pings} when did ms-23 land"),
            await fake.send_dm(f"{pings} when did ms-23 land?"),
        ]
        replies = [await reply_to(fake, m) for m in asked]
        await fake.send_message(missions.id, f"!ask {pings} when did ms-23 land?")
        replies.append(await fake.wait_for_message(
            missions.id, lambda b: "27 September" in str(b) and "message_reference" not in b))
        handle = await fake.send_slash_command("ask", {"question": f"{pings} when did it land"})
        replies.append((await handle.wait_response()).json["data"])
        for reply in replies:
            assert "27 September 2023" in embed_of(reply)["description"]
            assert reply["allowed_mentions"]["parse"] == []
            assert not reply["allowed_mentions"].get("replied_user")
            assert not reply["allowed_mentions"].get("users")
            assert not reply["allowed_mentions"].get("roles")
            assert "@everyone" not in json.dumps(reply)


# --- the token --------------------------------------------------------------------------
SECRET = "MTE4NDk2.GsEcRt.fake-secret-token-for-the-leak-test-0123456789"


async def test_the_token_never_appears_in_logs_errors_or_replies(
    knowledge_copy: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    """Everything at DEBUG, across answers, failures, a failed reload, REST faults and a
    re-IDENTIFY: the token is only ever in the Authorization header and IDENTIFY."""
    engine = build_engine(knowledge_copy, "soyuz-ms-23")
    caplog.set_level(logging.DEBUG)
    seen_errors: list[BaseException] = []
    async with FakeDiscord(heartbeat_interval_ms=500, token=SECRET) as fake:
        config = Config(token=SECRET, knowledge=knowledge_copy, cooldown_rate=100)
        assert SECRET not in repr(config) and SECRET not in str(config)
        bot = create_bot(config, engine, guild_ready_timeout=0.05)
        bot.before_identify_hook = skip_identify_wait  # type: ignore[method-assign]
        async with running_client(fake, bot, token=SECRET):
            asked = await fake.send_message(content=f"{fake.bot_user.mention} when did ms-23 land")
            await reply_to(fake, asked)
            bot.engine = BrokenEngine(engine.factbase)  # type: ignore[attr-defined]
            broken = await fake.send_message(content=f"{fake.bot_user.mention} when did it land")
            assert "went wrong" in (await reply_to(fake, broken))["content"]
            bot.engine = engine  # type: ignore[attr-defined]
            edit(facts_file(knowledge_copy), GOOD_QUOTE, BAD_QUOTE)
            await fake.send_message(content="!reload", author=fake.owner)
            await fake.wait_for_message(fake.channel.id, lambda b: "Reload failed" in str(b))
            fake.fail_next(f"POST {MESSAGES}", status=500)
            fake.fail_next(f"POST {MESSAGES}", status=429, retry_after=0.05)
            await fake.send_dm("when did ms-23 launch?")
            await fake.wait_for_message(fake.dm_channel(fake.user).id)
            await fake.drop_connection(abort=True)
            await fake.wait_until_connected()
            await fake.invalidate_session()
            handle = await fake.send_slash_command("ask", {"question": "when did it launch"})
            await handle.wait_response()
            try:
                await bot.fetch_user(1)  # an error from Discord, as the bot would see it
            except Exception as exc:
                seen_errors.append(exc)
        fake.assert_clean()
        with point_discord_py_at(fake):
            assert await run_bot(Config(token=SECRET + "x"), engine) == 2  # rejected token
    assert fake.identify_count == 2  # the re-IDENTIFY happened
    assert caplog.records, "nothing was logged: the test would prove nothing"
    assert any(r.exc_info for r in caplog.records)
    formatter = logging.Formatter("%(name)s %(message)s")
    for record in caplog.records:
        assert SECRET not in formatter.format(record), record.getMessage()
    for error in seen_errors:
        assert SECRET not in f"{error!r} {error}"
    for req in fake.requests:
        assert SECRET not in json.dumps(req.json, default=str), req.key
        assert SECRET not in json.dumps(req.response, default=str), req.key
    out, err = capsys.readouterr()
    assert "rejected the token" in err and SECRET not in out + err
    assert SECRET not in str(load_config(None, {"DISCORD_TOKEN": SECRET}))


def test_log_redaction_hides_the_token_even_if_a_library_logs_it() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactToken(SECRET))
    logger = logging.getLogger("tests.redaction")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("connecting with %s", SECRET)
        try:
            raise RuntimeError(f"bad header: Bot {SECRET}")
        except RuntimeError:
            logger.exception("request failed")
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
    text = stream.getvalue()
    assert SECRET not in text
    assert text.count("[token]") == 2 and "Traceback" in text

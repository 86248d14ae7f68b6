"""`run` and `sync`: the Discord subcommands of the CLI (their options are in bot.cli).

Kept apart from bot.cli, which imports this module only when one of them runs, so the
offline commands never import discord.py.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from typing import Any

import discord

from bot.config import Config, ConfigError, load_config
from bot.discord_bot.client import MissionBotMixin, create_bot
from bot.discord_bot.reload import build_engine
from bot.engine import Engine
from bot.factbase import FactBaseError

log = logging.getLogger("bot")
# Gateway close codes that no retry mends: the configuration's [shards] must change.
SHARDING_ERRORS = {
    4010: "Discord rejected the shard settings (invalid shard); check [shards] in the config: "
    "ids must be below count",
    4011: "Discord requires sharding for this bot (it is in 2,500 servers or more); set "
    '[shards] count in the config (README, "Shards")',
}


class RedactToken(logging.Filter):
    """Replace the token wherever it would appear in a log line or traceback."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self.token = token

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.token:
            return True
        message = record.getMessage()
        if self.token in message:
            record.msg, record.args = message.replace(self.token, "[token]"), None
        if record.exc_info and record.exc_info[1] is not None:
            text = logging.Formatter().formatException(record.exc_info)
            if self.token in text:
                record.exc_text = text.replace(self.token, "[token]")
        return True


def setup_logging(config: Config) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactToken(config.token))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(config.log_level)
    logging.getLogger("discord").setLevel(max(logging.INFO, logging.getLevelName(config.log_level)))


def prepare(args: argparse.Namespace) -> tuple[Config, Engine] | int:
    """Config and engine, or an exit code after a message a person can act on."""
    try:
        config = load_config(args.config)
        config.require_token()
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    setup_logging(config)
    try:
        engine = build_engine(config.knowledge, config.default_mission)
    except FactBaseError as exc:
        print(f"error: {exc}\nfix the files above, then run `python -m bot check`", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return config, engine


def cmd_run(args: argparse.Namespace) -> int:
    prepared = prepare(args)
    if isinstance(prepared, int):
        return prepared
    return asyncio.run(run_bot(*prepared))


async def run_bot(config: Config, engine: Engine, **options: Any) -> int:
    """Run until Discord closes us or SIGINT/SIGTERM arrives; then close cleanly.

    SIGHUP reloads the fact base (as `!reload` does) and DMs the outcome to the owners.
    `options` go to discord.py's client."""
    bot = create_bot(config, engine, **options)
    loop = asyncio.get_running_loop()
    tasks: set[asyncio.Task[Any]] = set()  # a running task must stay referenced

    def spawn(coro: Any) -> None:
        task = loop.create_task(coro)
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    def stop(sig: signal.Signals) -> None:
        log.info("received %s, closing", sig.name)
        spawn(bot.close())

    handled = [signal.SIGINT, signal.SIGTERM]
    for sig in handled:
        loop.add_signal_handler(sig, stop, sig)
    if hasattr(signal, "SIGHUP"):  # not on Windows
        handled.append(signal.SIGHUP)
        loop.add_signal_handler(signal.SIGHUP, lambda: spawn(reload_and_report(bot)))
    try:
        async with bot:
            await bot.start(config.token)
    except discord.LoginFailure:
        print(
            "error: Discord rejected the token; check DISCORD_TOKEN (Bot -> Reset Token "
            "in the developer portal)",
            file=sys.stderr,
        )
        return 2
    except discord.ConnectionClosed as exc:
        if exc.code not in SHARDING_ERRORS:
            raise
        print(f"error: {SHARDING_ERRORS[exc.code]}", file=sys.stderr)
        return 2
    except discord.PrivilegedIntentsRequired:
        print(
            "error: the Message Content intent is not enabled for this application; enable "
            "it in the developer portal (Bot -> Privileged Gateway Intents) or set "
            "message_content_intent = false",
            file=sys.stderr,
        )
        return 2
    finally:
        for sig in handled:
            loop.remove_signal_handler(sig)
    log.info("closed")
    return 0


async def reload_and_report(bot: MissionBotMixin) -> None:
    """SIGHUP: reload the fact base, log the outcome and DM it to the owners."""
    log.info("received SIGHUP, reloading the fact base from %s", bot.config.knowledge)
    result = await bot.reload_engine()
    if not await bot.notify_owners(result.report()):
        log.warning("could not DM the reload's outcome to any owner: %s", result.summary())


def cmd_sync(args: argparse.Namespace) -> int:
    prepared = prepare(args)
    if isinstance(prepared, int):
        return prepared
    config, engine = prepared
    return asyncio.run(sync_bot(config, engine, args.guild or config.dev_guild))


async def sync_bot(config: Config, engine: Engine, guild: int | None) -> int:
    from bot.discord_bot.cogs.admin import sync_commands

    bot = create_bot(config, engine)
    try:
        async with bot:
            await bot.login(config.token)
            synced = await sync_commands(bot, guild)
    except discord.LoginFailure:
        print("error: Discord rejected the token; check DISCORD_TOKEN", file=sys.stderr)
        return 2
    print(f"synced {len(synced)} slash commands " + (f"to guild {guild}" if guild else "globally"))
    return 0

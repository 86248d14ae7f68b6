"""End to end through the loopback Discord: message-to-reply latency and throughput.

    python benchmarks/discord_e2e.py [--rounds 3] [--burst 600] [--json FILE]

The real bot (bot.discord_bot.client.create_bot, discord.py) connects to the test
emulator (tests.fake_discord.FakeDiscord: REST + gateway on 127.0.0.1), both in this
process and on one event loop. Each held-out question is posted in #general as
"@bot <question>", so every one gets a reply.

* latency: one question at a time; from just before the emulator dispatches the
  MESSAGE_CREATE to the moment the bot's reply reaches the emulator. Per question the
  median of --rounds (the engine's caches cleared before each round), then p50/p99.
  The engine's in-process p50/p99 on the same questions, measured in the same run,
  gives the ratio: what discord.py, rendering and the loopback add.
* throughput: --burst questions posted back to back by many users over two channels,
  answered per second from the first post to the last first reply (median of
  --rounds, after WARM_UP bursts that are not counted), with the latency each
  question saw under that load.

The per-user spam guard (cooldown_rate) and the emulator's rate-limit buckets
(bucket_limit) are raised out of the way so that repeated rounds measure answering,
not refusing or waiting.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from dataclasses import replace
from typing import Any

from common import (
    EVAL_SET,
    ROOT,
    latencies,
    machine,
    median,
    percentile,
    progress,
    write_json,
)

sys.path.insert(0, str(ROOT))  # tests.fake_discord lives beside the package


from bot.config import Config
from bot.discord_bot.client import create_bot
from bot.engine import Engine
from bot.evaluation import load_questions
from bot.factbase import load_factbase
from tests.fake_discord import (
    FAKE_TOKEN,
    FakeChannel,
    FakeDiscord,
    FakeUser,
    running_client,
)
from tests.fake_discord.load import Burst, Question, spread

WARM_UP = 2
"""Bursts run and not counted before the measured ones."""
BUCKET_LIMIT = 1_000_000
"""The emulator's per-channel rate-limit buckets, raised out of the way: Discord's own
limit (about 5 messages per 5 s per channel) would measure Discord, not the bot."""


async def _skip_identify_wait(shard_id: int | None, *, initial: bool = False) -> None:
    """discord.py sleeps before every IDENTIFY; irrelevant on loopback."""


async def measure(engine: Engine, questions: list[str], rounds: int, burst: int) -> dict[str, Any]:
    async with FakeDiscord(bucket_limit=BUCKET_LIMIT) as fake:
        extra = FakeChannel("missions", guild_id=fake.guild.id)
        fake.guild.channels.append(extra)
        config = replace(Config(token=FAKE_TOKEN), cooldown_rate=1_000_000)
        bot = create_bot(config, engine, guild_ready_timeout=0.05)
        bot.before_identify_hook = _skip_identify_wait  # type: ignore[method-assign]
        users = [fake.add_user(FakeUser(f"user{i}")) for i in range(100)]
        mention = fake.bot_user.mention
        async with running_client(fake, bot):
            # "@bot mission duration?" runs the `mission` command, whose answer is not a
            # reply to the message: such questions are left out (and counted).
            commands = set(bot.all_commands)  # known once setup_hook loaded the cogs
            kept = [q for q in questions if q.split()[0].lower() not in commands]
            contents = [f"{mention} {q}" for q in kept]
            per_question: list[list[float]] = [[] for _ in kept]
            for _ in range(rounds):
                engine.clear_caches()
                for i, content in enumerate(contents):
                    one = Burst(fake)
                    await one.post([Question(fake.channel.id, users[i % len(users)], content)])
                    await one.wait_answered(timeout=30)
                    per_question[i].append(one.latencies()[0])
                    one.close()
            sequential = [median(t) for t in per_question]

            throughputs, loaded = [], []
            channels = [fake.channel.id, extra.id]
            # Warm-up bursts first: discord.py opens one HTTP connection per concurrent
            # request (about one per question in the first burst), and waits on that
            # rather than on answering.
            cold = []
            for measured in [False] * WARM_UP + [True] * rounds:
                engine.clear_caches()
                load = Burst(fake)
                await load.post(spread(contents, channels, users, burst))
                await load.wait_answered(timeout=300)
                if load.missing() or load.repeated():
                    raise RuntimeError(f"burst: {len(load.missing())} unanswered, "
                                       f"{len(load.repeated())} answered twice")
                load.close()
                if measured:
                    throughputs.append(load.throughput)
                    loaded.append(load.latencies())
                else:
                    cold.append(load.throughput)
        fake.assert_clean()
    middle = sorted(range(len(throughputs)), key=throughputs.__getitem__)[len(throughputs) // 2]
    under_load = loaded[middle]  # the latencies of the median-throughput run
    return {
        "questions": len(kept),
        "left_out": [q for q in questions if q not in kept],
        "p50_ms": percentile(sequential, 50) * 1e3,
        "p99_ms": percentile(sequential, 99) * 1e3,
        "max_ms": max(sequential) * 1e3,
        "burst": burst,
        "throughput_per_s": median(throughputs),
        "throughputs": throughputs,
        "cold_throughputs": cold,
        "load_p50_ms": percentile(under_load, 50) * 1e3,
        "load_p99_ms": percentile(under_load, 99) * 1e3,
    }


def run(rounds: int = 3, burst: int = 600, log=print) -> dict[str, Any]:
    logging.getLogger("discord").setLevel(logging.WARNING)
    engine = Engine(load_factbase())
    questions = [q.question for q in load_questions(EVAL_SET)]
    e2e = asyncio.run(measure(engine, questions, rounds, burst))
    kept = [q for q in questions if q not in e2e["left_out"]]
    in_process = latencies(engine, kept, rounds)
    e2e.update(
        machine=machine(),
        rounds=rounds,
        engine_p50_ms=percentile(in_process, 50) * 1e3,
        engine_p99_ms=percentile(in_process, 99) * 1e3,
    )
    e2e["p50_vs_engine"] = e2e["p50_ms"] / e2e["engine_p50_ms"]
    e2e["p99_vs_engine"] = e2e["p99_ms"] / e2e["engine_p99_ms"]
    log(f"discord e2e: p50 {e2e['p50_ms']:.2f} ms, throughput "
        f"{e2e['throughput_per_s']:.0f}/s", flush=True)
    return e2e


def markdown(r: dict[str, Any]) -> str:
    return "\n".join([
        "| measure | value |",
        "| --- | --- |",
        f"| message-to-reply latency, one at a time ({r['questions']} questions"
        f"{'; ' + str(len(r['left_out'])) + ' left out' if r['left_out'] else ''}) | "
        f"p50 {r['p50_ms']:.2f} ms, p99 {r['p99_ms']:.2f} ms |",
        f"| engine alone, same questions, same run | p50 {r['engine_p50_ms']:.2f} ms, "
        f"p99 {r['engine_p99_ms']:.2f} ms |",
        f"| end to end vs engine alone | p50 {r['p50_vs_engine']:.1f}x, "
        f"p99 {r['p99_vs_engine']:.1f}x |",
        f"| throughput, burst of {r['burst']} questions (100 users, 2 channels) | "
        f"{r['throughput_per_s']:.0f} answered/s (runs: "
        + ", ".join(f"{t:.0f}" for t in r["throughputs"]) + ") |",
        f"| latency within that burst (queueing included) | p50 {r['load_p50_ms']:.0f} ms, "
        f"p99 {r['load_p99_ms']:.0f} ms |",
        "| the warm-up bursts before those (connections opening) | "
        + ", ".join(f"{t:.0f}" for t in r["cold_throughputs"]) + " answered/s |",
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--burst", type=int, default=600)
    parser.add_argument("--json", help="also write the raw results to this file")
    args = parser.parse_args()
    results = run(args.rounds, args.burst, log=progress)
    print(f"machine: {results['machine']}")
    print(markdown(results))
    if args.json:
        write_json(args.json, results)


if __name__ == "__main__":
    main()

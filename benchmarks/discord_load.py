"""The load test's burst, timed: 2,000 questions across 20 channels through the loopback
Discord, with the gateway cut, the session invalidated and the fact base reloaded
mid-burst.

    python benchmarks/discord_load.py [--runs 3] [--questions 2000] [--channels 20]
                                      [--no-faults] [--json FILE]

It is the burst of tests/test_discord_load.py (same questions, 400 askers at the
default cooldown, a conversation store of 8 channels), run --runs times, each against a
fresh emulator and bot (so discord.py opens its HTTP connections during the burst, as
after a restart). Reported: throughput (questions answered per second, from the first
post to the last first reply) and reply latency p50/p99 (from just before the emulator
dispatches a question to its reply reaching the emulator, queueing included), each the
median over the runs; and, per run, that every question was answered exactly once.

The emulator's per-channel rate-limit buckets are raised out of the way: Discord's own
limit (about 5 messages per 5 s per channel) would measure Discord, not the bot.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from dataclasses import replace
from typing import Any

from common import ROOT, machine, median, percentile, write_json

sys.path.insert(0, str(ROOT))  # tests.fake_discord lives beside the package

from bot.config import Config
from bot.discord_bot.client import create_bot
from bot.engine import Engine
from bot.factbase import load_factbase
from tests.fake_discord import FAKE_TOKEN, FakeChannel, FakeDiscord, FakeUser, running_client
from tests.fake_discord.load import Burst, spread
from tests.test_discord_load import AUTHORS, CHANNELS, QUESTIONS, burst_questions

BUCKET_LIMIT = 1_000_000


async def _skip_identify_wait(shard_id: int | None, *, initial: bool = False) -> None:
    """discord.py sleeps 5 s before a re-IDENTIFY; irrelevant on loopback."""


async def one_run(engine: Engine, questions: int, channels: int, faults: bool) -> dict[str, Any]:
    async with FakeDiscord(heartbeat_interval_ms=500, bucket_limit=BUCKET_LIMIT) as fake:
        rooms = [FakeChannel(f"answers-{i}", guild_id=fake.guild.id) for i in range(channels)]
        fake.guild.channels.extend(rooms)
        config = replace(
            Config(token=FAKE_TOKEN),
            answer_channels=frozenset(c.id for c in rooms),
            conversation_size=8,
            cooldown_rate=max(5, -(-questions // AUTHORS)),
        )
        bot = create_bot(config, engine, guild_ready_timeout=0.05)
        bot.before_identify_hook = _skip_identify_wait  # type: ignore[method-assign]
        contents = burst_questions(engine, fake.owner, fake.guild.id)
        authors = [FakeUser(f"asker{i}") for i in range(AUTHORS)]
        plan = spread(contents, [c.id for c in rooms], authors, questions)

        async def reload() -> None:
            await fake.send_message(rooms[0].id, "!reload", author=fake.owner)

        async def invalidate() -> None:
            await fake.wait_until_connected()
            await fake.invalidate_session()

        before = {
            questions * 3 // 10: lambda: fake.drop_connection(abort=True),
            questions // 2: reload,
            questions * 7 // 10: invalidate,
        } if faults else {}
        async with running_client(fake, bot):
            burst = Burst(fake)
            await burst.post(plan, before=before)
            await burst.wait_answered(timeout=600)
            burst.close()
        fake.assert_clean()
        latencies = burst.latencies()
        return {
            "throughput_per_s": burst.throughput,
            "p50_ms": percentile(latencies, 50) * 1e3,
            "p99_ms": percentile(latencies, 99) * 1e3,
            "unanswered": len(burst.missing()),
            "answered_twice": len(burst.repeated()),
            "resumes": fake.resume_count,
            "replayed_events": fake.replayed_count,
            "identifies": fake.identify_count,
        }


def run(runs: int, questions: int, channels: int, faults: bool) -> dict[str, Any]:
    logging.basicConfig(level=logging.ERROR)
    logging.getLogger("discord").setLevel(logging.ERROR)
    engine = Engine(load_factbase())
    results = [asyncio.run(one_run(engine, questions, channels, faults)) for _ in range(runs)]
    return {
        "machine": machine(),
        "questions": questions,
        "channels": channels,
        "askers": AUTHORS,
        "faults": faults,
        "runs": results,
        "throughput_per_s": median([r["throughput_per_s"] for r in results]),
        "p50_ms": median([r["p50_ms"] for r in results]),
        "p99_ms": median([r["p99_ms"] for r in results]),
    }


FAULTS = "gateway cut (TCP reset) at 30%, !reload at 50%, invalid session at 70%"


def markdown(results: list[dict[str, Any]]) -> str:
    """One row per `run` result (with faults, without): medians, then every run."""
    lines = [
        "| burst | throughput (median) | reply latency p50 | reply latency p99 "
        "| each run: throughput, p50, p99 | answered exactly once "
        "| each run: resumes / identifies |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        runs = r["runs"]
        once = sum(not (x["unanswered"] or x["answered_twice"]) for x in runs)
        lines.append(" | ".join([
            f"| {r['questions']:,} questions, {r['channels']} channels, {r['askers']} askers; "
            + (FAULTS if r["faults"] else "no faults"),
            f"{r['throughput_per_s']:.0f} msgs/s",
            f"{r['p50_ms']:.0f} ms",
            f"{r['p99_ms']:.0f} ms",
            "; ".join(f"{x['throughput_per_s']:.0f}/s, {x['p50_ms']:.0f} ms, "
                      f"{x['p99_ms']:.0f} ms" for x in runs),
            f"{once} of {len(runs)} runs"
            + "".join(f" (run {i}: {x['unanswered']} unanswered, {x['answered_twice']} twice)"
                      for i, x in enumerate(runs, 1) if x["unanswered"] or x["answered_twice"]),
            "; ".join(f"{x['resumes']} / {x['identifies']}" for x in runs) + " |",
        ]))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--questions", type=int, default=QUESTIONS)
    parser.add_argument("--channels", type=int, default=CHANNELS)
    parser.add_argument("--no-faults", dest="faults", action="store_false",
                        help="no gateway drop, invalid session or reload mid-burst")
    parser.add_argument("--json", help="also write the raw results to this file")
    args = parser.parse_args()
    r = run(args.runs, args.questions, args.channels, args.faults)
    print(f"machine: {r['machine']}")
    faults = FAULTS if r["faults"] else "no faults"
    print(f"burst: {r['questions']} questions, {r['channels']} channels, {r['askers']} askers; "
          f"{faults}")
    for i, run_ in enumerate(r["runs"], 1):
        print(f"  run {i}: {run_['throughput_per_s']:.0f} answered/s, p50 {run_['p50_ms']:.0f} "
              f"ms, p99 {run_['p99_ms']:.0f} ms; unanswered {run_['unanswered']}, answered "
              f"twice {run_['answered_twice']}, resumes {run_['resumes']} (replayed "
              f"{run_['replayed_events']} events), identifies {run_['identifies']}")
    print(f"median of {len(r['runs'])} runs: throughput {r['throughput_per_s']:.0f} msgs/s, "
          f"reply latency p50 {r['p50_ms']:.0f} ms, p99 {r['p99_ms']:.0f} ms")
    if args.json:
        write_json(args.json, r)
    if any(x["unanswered"] or x["answered_twice"] for x in r["runs"]):
        sys.exit("some questions were not answered exactly once")


if __name__ == "__main__":
    main()

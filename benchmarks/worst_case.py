"""Worst-case time of one question: the longest and most repetitive inputs a
Discord user can send (4,000 characters), with every cache cold.

    python benchmarks/worst_case.py [--rounds 5] [--json FILE]

Each input is asked `rounds` times with the engine's and the tokenizer's caches
cleared before each ask; the table shows the median and the maximum.
"""

from __future__ import annotations

import argparse
import random
import string
import time
from typing import Any

from common import machine, median, write_json

from bot.engine import Engine
from bot.factbase import load_factbase

LIMIT = 4000


def fill(unit: str) -> str:
    return (unit * (LIMIT // len(unit) + 1))[:LIMIT]


def inputs(engine: Engine) -> dict[str, str]:
    rng = random.Random(23)
    vocabulary = sorted(engine.matcher._surface)
    letters = string.ascii_lowercase
    return {
        "one long word": "a" * LIMIT,
        "repeated question word": fill("when "),
        "repeated topic word": fill("land "),
        "repeated mission name": fill("soyuz ms-23 "),
        "unknown mission names": " ".join(f"soyuz ms-{n}" for n in range(1, 400))[:LIMIT],
        "misspelt words (typo repair)": " ".join(
            "".join(rng.choice(letters) for _ in range(rng.randint(5, 12))) for _ in range(500)
        )[:LIMIT],
        "near-miss vocabulary": " ".join(
            w[:-1] + rng.choice(letters) for w in rng.choices(vocabulary, k=600) if len(w) > 4
        )[:LIMIT],
        "every known word": " ".join(vocabulary)[:LIMIT],
        "mentions and emoji": fill("<@123456789012345678> @everyone 🚀🛰️ "),
        "code block": "```" + fill("print('ms-23')\n")[:-6] + "```",
        "digits": fill("1234567890 "),
        "bidi and zero-width": fill("ms\u200b-23\u202e land\u2066 "),
        "typical question": "when did ms-23 land?",
    }


def time_one(engine: Engine, question: str) -> float:
    engine.clear_caches()
    start = time.perf_counter()
    engine.ask(question)
    return time.perf_counter() - start


def run(rounds: int = 5) -> dict[str, Any]:
    """Median and maximum time of every input over `rounds` cold asks."""
    engine = Engine(load_factbase())
    engine.ask("warm up")
    rows = []
    for name, question in inputs(engine).items():
        timings = [time_one(engine, question) for _ in range(rounds)]
        rows.append({"input": name, "chars": len(question),
                     "median_ms": median(timings) * 1e3, "max_ms": max(timings) * 1e3})
    worst = max(rows, key=lambda row: row["max_ms"])
    return {"machine": machine(), "rounds": rounds, "limit": LIMIT, "rows": rows,
            "worst_ms": worst["max_ms"], "worst_input": worst["input"]}


def markdown(r: dict[str, Any]) -> str:
    typical = next((row for row in r["rows"] if row["input"] == "typical question"), None)
    lines = [
        "| input | characters | median | max"
        + (" | median vs typical question |" if typical else " |"),
        "| --- | --- | --- | ---" + (" | --- |" if typical else " |"),
    ]
    for row in r["rows"]:
        name = f"**{row['input']}**" if row["input"] == r["worst_input"] else row["input"]
        cells = [name, f"{row['chars']:,}", f"{row['median_ms']:.2f} ms",
                 f"{row['max_ms']:.2f} ms"]
        if typical:
            cells.append(f"{row['median_ms'] / typical['median_ms']:.1f}x")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", help="also write the raw results to this file")
    args = parser.parse_args()
    r = run(args.rounds)
    print(f"machine: {r['machine']}")
    print(f"{'input (4,000 chars unless typical)':40} {'median ms':>10} {'max ms':>10}")
    for row in r["rows"]:
        print(f"{row['input']:40} {row['median_ms']:10.2f} {row['max_ms']:10.2f}")
    print(f"\nworst case of any single question: {r['worst_ms']:.2f} ms")
    if args.json:
        write_json(args.json, r)


if __name__ == "__main__":
    main()

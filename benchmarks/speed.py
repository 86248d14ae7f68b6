"""Per-question latency, fact base load time, and `ask --jsonl` against a plain
rapidfuzz loop.

    python benchmarks/speed.py [--rounds 5]

Latency is measured in process on the held-out questions (plus CLINC150's test
queries when ../shared/data/clinc150 exists) with the engine's result cache
cleared before every round, so each timing is real matching work.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

from common import EVAL_SET, ROOT, clinc_split, machine, median, percentile

from bot.engine import Engine
from bot.evaluation import load_questions
from bot.factbase import load_factbase

_EXTRACT_LOOP = """
import sys
from rapidfuzz import process, fuzz
from bot.factbase import load_factbase
utterances = [e for i in load_factbase().intents.values() for e in i.examples][:500]
for line in sys.stdin:
    process.extractOne(line.strip(), utterances, scorer=fuzz.WRatio)
"""


def time_load(rounds: int) -> float:
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        Engine(load_factbase())
        timings.append(time.perf_counter() - start)
    return median(timings)


def latencies(engine: Engine, questions: list[str], rounds: int) -> list[float]:
    per_question: list[list[float]] = [[] for _ in questions]
    for _ in range(rounds):
        engine._score.cache_clear()
        engine.matcher._correct.cache_clear()
        for i, question in enumerate(questions):
            start = time.perf_counter()
            engine.ask(question)
            per_question[i].append(time.perf_counter() - start)
    return [median(t) for t in per_question]


def run_timed(args: list[str], stdin: str) -> float:
    start = time.perf_counter()
    subprocess.run(args, input=stdin, text=True, check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"machine: {machine()}")
    print(f"fact base + engine load: {time_load(args.rounds) * 1000:.1f} ms (median of "
          f"{args.rounds})")
    engine = Engine(load_factbase())
    sets = {"held-out questions": [q.question for q in load_questions(EVAL_SET)]}
    clinc = clinc_split("test", "oos_test")
    if clinc:
        sets["CLINC150 test+oos_test"] = clinc
    for name, questions in sets.items():
        times = latencies(engine, questions, args.rounds)
        print(f"{name} ({len(questions)}): p50 {percentile(times, 50) * 1e6:.0f} us, "
              f"p99 {percentile(times, 99) * 1e6:.0f} us, max {max(times) * 1e6:.0f} us")
    if clinc:
        stdin = "\n".join(q.replace("\n", " ") for q in clinc) + "\n"
        jsonl = median([run_timed([sys.executable, "-m", "bot", "ask", "--jsonl"], stdin)
                        for _ in range(3)])
        loop = median([run_timed([sys.executable, "-c", _EXTRACT_LOOP], stdin)
                       for _ in range(3)])
        print(f"ask --jsonl on {len(clinc)} CLINC150 queries: {jsonl:.2f} s; plain "
              f"extractOne(WRatio) loop over 500 utterances: {loop:.2f} s; ratio "
              f"{jsonl / loop:.2f} (limit 3)")


if __name__ == "__main__":
    main()

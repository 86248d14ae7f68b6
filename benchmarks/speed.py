"""Per-question latency, load time and peak memory: the engine beside the baselines,
`ask --jsonl` against a plain rapidfuzz loop, and the cold start of a one-off `ask`.

    python benchmarks/speed.py [--rounds 5] [--no-baselines] [--json FILE]

Latency is measured in process, one question at a time, with every result cache
cleared before each round, so each timing is real matching work; per question the
median of --rounds, then p50/p99 over the questions. Load is load_factbase plus
building the engine or the baseline's index (median of --rounds). Memory is
tracemalloc's peak during one such load, and the peak RSS of a fresh process that
imports what the system needs and loads it. The engine is measured on the held-out
questions and, when ../shared/data/clinc150 exists, CLINC150's test + oos_test; the
baselines (the `bench` extra) on the held-out questions. Cold start is the wall time of
fresh processes, run from a scratch directory as a user would (median of --rounds):
`mission-bot ask` (the installed command; `python -m bot ask` when there is none), beside
`python -c "import bot.engine"` and a bare interpreter.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import (
    EVAL_SET,
    ROOT,
    clinc_split,
    latencies,
    machine,
    median,
    peak_rss_mib,
    percentile,
    progress,
    write_json,
)

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

# name -> (kind, config) of each baseline measured; kind None is the engine.
SYSTEMS: dict[str, tuple[str | None, str | None]] = {
    "engine": (None, None),
    "rapidfuzz WRatio": ("fuzzy", "WRatio"),
    "TF-IDF (word 1-2)": ("tfidf", "word 1-2"),
    "TF-IDF (char_wb 2-4)": ("tfidf", "char_wb 2-4"),
    "BM25 Okapi (raw)": ("bm25", "raw"),
    "BM25 Okapi (normalised)": ("bm25", "normalised"),
}


def builder(name: str) -> Callable[[], Any]:
    """A function that loads the fact base and builds system `name` (imports done first)."""
    kind, config = SYSTEMS[name]
    if kind is None:
        return lambda: Engine(load_factbase())
    import importlib

    from baselines import build

    # Imports are not part of the load time: do them now.
    importlib.import_module({"fuzzy": "numpy", "tfidf": "sklearn.feature_extraction.text",
                             "bm25": "rank_bm25"}[kind])
    return lambda: build(kind, load_factbase(), config=config)


def time_load(make: Callable[[], Any], rounds: int) -> float:
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        make()
        timings.append(time.perf_counter() - start)
    return median(timings)


def traced(make: Callable[[], Any]) -> tuple[float, float]:
    """tracemalloc's (peak, retained) bytes: at most while `make` runs, and what the
    system it built still holds."""
    tracemalloc.start()
    system = make()
    retained, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del system
    return peak, retained


def process_rss(name: str) -> float:
    """Peak RSS (MiB) of a fresh process that imports and loads system `name`."""
    out = subprocess.run(
        [sys.executable, __file__, "--rss", name],
        check=True, capture_output=True, text=True, cwd=ROOT,
    ).stdout
    return float(out.strip())


def _figures(times: list[float]) -> dict[str, float]:
    return {"p50_us": percentile(times, 50) * 1e6, "p99_us": percentile(times, 99) * 1e6,
            "max_us": max(times) * 1e6}


def run_timed(args: list[str], stdin: str, cwd: Path | str = ROOT) -> float:
    start = time.perf_counter()
    subprocess.run(args, input=stdin, text=True, check=True, cwd=cwd,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


COLD_QUESTION = "When did MS-23 land?"


def ask_command() -> list[str]:
    """`mission-bot ask` as installed beside this interpreter, else `python -m bot ask`."""
    script = Path(sys.executable).parent / "mission-bot"
    return [str(script), "ask"] if script.is_file() else [sys.executable, "-m", "bot", "ask"]


def cold_start(rounds: int) -> dict[str, Any]:
    """Median seconds of fresh processes: a one-off ask, importing the engine, and the
    interpreter alone (what no change to the bot can save)."""
    ask = ask_command()
    installed = ask[0] != sys.executable
    commands = {
        "ask_s": [*ask, COLD_QUESTION],
        "import_engine_s": [sys.executable, "-c", "import bot.engine"],
        "python_s": [sys.executable, "-c", "pass"],
    }
    with tempfile.TemporaryDirectory() as scratch:
        cwd = scratch if installed else ROOT  # without an install, bot is found from ROOT
        figures: dict[str, Any] = {
            key: median([run_timed(args, "", cwd=cwd) for _ in range(rounds)])
            for key, args in commands.items()
        }
    figures["ask_command"] = "mission-bot ask" if installed else "python -m bot ask"
    return figures


def run(rounds: int = 5, baselines: bool = True, log=print) -> dict[str, Any]:
    """Every figure of this script, as a dict (see markdown())."""
    held_out = [q.question for q in load_questions(EVAL_SET)]
    clinc = clinc_split("test", "oos_test")
    names = list(SYSTEMS) if baselines else ["engine"]
    if baselines:
        try:
            import rank_bm25  # noqa: F401
            import sklearn  # noqa: F401
        except ImportError:
            log("scikit-learn or rank-bm25 missing (pip install -e '.[bench]'): engine only")
            names = ["engine"]
    systems = []
    for name in names:
        make = builder(name)
        system = make()
        peak, retained = traced(make)
        row: dict[str, Any] = {
            "system": name,
            "load_s": time_load(make, rounds),
            "tracemalloc_peak_mib": peak / 2**20,
            "retained_mib": retained / 2**20,
            "max_rss_mib": process_rss(name),
            "held_out": _figures(latencies(system, held_out, rounds)),
        }
        if name == "engine" and clinc:
            row["clinc"] = _figures(latencies(system, clinc, rounds))
        systems.append(row)
        log(f"{name}: load {row['load_s'] * 1000:.0f} ms, held-out p50 "
            f"{row['held_out']['p50_us']:.0f} us", flush=True)
    engine = systems[0]
    for row in systems:
        row["p50_vs_engine"] = row["held_out"]["p50_us"] / engine["held_out"]["p50_us"]
        row["p99_vs_engine"] = row["held_out"]["p99_us"] / engine["held_out"]["p99_us"]
        row["load_vs_engine"] = row["load_s"] / engine["load_s"]
    results: dict[str, Any] = {
        "machine": machine(),
        "rounds": rounds,
        "held_out_questions": len(held_out),
        "clinc_questions": len(clinc),
        "systems": systems,
        "cold_start": cold_start(rounds),
    }
    log(f"cold start: ask {results['cold_start']['ask_s'] * 1000:.0f} ms", flush=True)
    if clinc:
        stdin = "\n".join(q.replace("\n", " ") for q in clinc) + "\n"
        jsonl = median([run_timed([sys.executable, "-m", "bot", "ask", "--jsonl"], stdin)
                        for _ in range(3)])
        loop = median([run_timed([sys.executable, "-c", _EXTRACT_LOOP], stdin)
                       for _ in range(3)])
        results["jsonl"] = {"queries": len(clinc), "jsonl_s": jsonl, "loop_s": loop,
                            "ratio": jsonl / loop}
    return results


def report(results: dict[str, Any]) -> str:
    """The plain-text lines this script has always printed."""
    engine = results["systems"][0]
    lines = [
        f"machine: {results['machine']}",
        f"fact base + engine load: {engine['load_s'] * 1000:.1f} ms (median of "
        f"{results['rounds']}); tracemalloc peak {engine['tracemalloc_peak_mib']:.1f} MiB, "
        f"process peak RSS {engine['max_rss_mib']:.0f} MiB",
    ]
    sets = [("held-out questions", "held_out", results["held_out_questions"]),
            ("CLINC150 test+oos_test", "clinc", results["clinc_questions"])]
    for label, key, count in sets:
        if key in engine:
            f = engine[key]
            lines.append(f"{label} ({count}): p50 {f['p50_us']:.0f} us, p99 {f['p99_us']:.0f} us, "
                         f"max {f['max_us']:.0f} us")
    lines.append(cold_start_line(results["cold_start"]))
    if "jsonl" in results:
        j = results["jsonl"]
        lines.append(f"ask --jsonl on {j['queries']} CLINC150 queries: {j['jsonl_s']:.2f} s; "
                     f"plain extractOne(WRatio) loop over 500 utterances: {j['loop_s']:.2f} s; "
                     f"ratio {j['ratio']:.2f} (limit 3)")
    return "\n".join(lines)


def cold_start_line(c: dict[str, Any]) -> str:
    return (f"cold start (fresh process, median): `{c['ask_command']} \"{COLD_QUESTION}\"` "
            f"{c['ask_s'] * 1000:.0f} ms; `python -c \"import bot.engine\"` "
            f"{c['import_engine_s'] * 1000:.0f} ms; `python -c pass` {c['python_s'] * 1000:.0f} ms")


def markdown(results: dict[str, Any]) -> str:
    """Side-by-side table: one row per system."""
    head = ["system", "load (median)", "load vs engine", "tracemalloc peak", "retained",
            "process peak RSS",
            "held-out p50", "held-out p99", "p50 vs engine", "p99 vs engine"]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for r in results["systems"]:
        h = r["held_out"]
        name = "**engine (bot.engine)**" if r["system"] == "engine" else r["system"]
        lines.append(
            f"| {name} | {r['load_s'] * 1000:.0f} ms | {r['load_vs_engine']:.2f}x "
            f"| {r['tracemalloc_peak_mib']:.1f} MiB | {r['retained_mib']:.1f} MiB "
            f"| {r['max_rss_mib']:.0f} MiB "
            f"| {h['p50_us']:.0f} µs | {h['p99_us']:.0f} µs "
            f"| {r['p50_vs_engine']:.2f}x | {r['p99_vs_engine']:.2f}x |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-baselines", action="store_true", help="measure the engine only")
    parser.add_argument("--json", help="also write the raw results to this file")
    parser.add_argument("--rss", choices=list(SYSTEMS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.rss:
        builder(args.rss)()
        print(peak_rss_mib())
        return
    results = run(args.rounds, not args.no_baselines,
                  log=progress)
    print(report(results))
    if len(results["systems"]) > 1:
        print()
        print(markdown(results))
    if args.json:
        write_json(args.json, results)


if __name__ == "__main__":
    main()

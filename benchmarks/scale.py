"""How the engine scales with the size of the fact base: 1, 10, 100 and 1,000 missions.

    python benchmarks/scale.py [--sizes 1 10 100 1000] [--rounds 5] [--loads 3] [--json FILE]

Each synthetic fact base is generated into a temporary directory from Soyuz MS-23's
source document and facts: mission k is "Soyuz MX-<1000+k>" (aliases "MX-<n>",
"ISS <n>S", "<n>S"), with its own copy of the source in which every "MS-23", "69S",
SATCAT number and spacecraft serial is replaced by mission k's, so each mission has
distinct names and numbers, every quote still stands verbatim in its own source, and
load_factbase validates the whole. Each size is measured in a fresh process:

* load: load_factbase + Engine, median of --loads runs;
* memory: tracemalloc's peak during one load, and the process's peak RSS after it;
* latency: the held-out questions, their "MS-23"/"69S" renamed to a random synthetic
  mission (seeded), each asked --rounds times with every cache cleared; per question
  the median, then p50/p99 over the questions.

The contract: per-question latency at 1,000 missions stays within 2x that at 1.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

import yaml
from common import (
    EVAL_SET,
    ROOT,
    latencies,
    median,
    peak_rss_mib,
    percentile,
    progress,
    write_json,
)

from bot.engine import Engine
from bot.evaluation import load_questions
from bot.factbase import DEFAULT_KNOWLEDGE_DIR, load_factbase

TEMPLATE = "soyuz-ms-23"
FIRST_NUMBER = 1001
LIMIT = 2.0


def _renames(n: int) -> list[tuple[str, str]]:
    """What changes in mission n's copy of the source and its facts."""
    return [("MS-23", f"MX-{n}"), ("69S", f"{n}S"), ("55688", str(55000 + n)),
            ("No.754", f"No.{n}")]


def _as_list(value: object) -> list[object]:
    return value if isinstance(value, list) else [value]


def _rename(value: Any, renames: list[tuple[str, str]]) -> Any:
    if isinstance(value, str):
        for old, new in renames:
            value = value.replace(old, new)
        return value
    if isinstance(value, list):
        return [_rename(v, renames) for v in value]
    if isinstance(value, dict):
        return {k: _rename(v, renames) for k, v in value.items()}
    return value


def mission_id(n: int) -> str:
    return f"soyuz-mx-{n}"


def synthetic_knowledge(
    dest: Path, count: int, template: Path = DEFAULT_KNOWLEDGE_DIR, first: int = FIRST_NUMBER
) -> list[str]:
    """Write a knowledge directory of `count` missions made from MS-23's facts into `dest`.

    Returns the mission ids, first to last. Only MS-23's own facts and gaps are copied
    (references to other missions' facts are dropped), so the fact base holds exactly
    `count` missions.
    """
    facts_file = yaml.safe_load((template / "missions" / f"{TEMPLATE}.yaml").read_text("utf-8"))
    source_text = (template / facts_file["source"]).read_text("utf-8")
    (dest / "missions").mkdir(parents=True, exist_ok=True)
    (dest / "sources").mkdir(exist_ok=True)
    (dest / "intents.yaml").write_text(
        (template / "intents.yaml").read_text("utf-8"), encoding="utf-8"
    )
    template_mission = next(m for m in facts_file["missions"] if m["id"] == TEMPLATE)
    # The mission's own facts, about it alone: its people, craft and events are not copied.
    facts = [
        {k: v for k, v in f.items() if k != "subject"}
        for f in facts_file["facts"]
        if f.get("mission") == TEMPLATE and TEMPLATE in _as_list(f.get("subject", TEMPLATE))
    ]
    gaps = [g for g in facts_file.get("gaps", []) if g["mission"] == TEMPLATE]
    own = {f["id"] for f in facts}
    ids = []
    for n in range(first, first + count):
        renames = _renames(n)
        new_id = mission_id(n)
        prefix = f"mx{n}-"

        def ref(fact_id: str, _prefix: str = prefix) -> str:
            return _prefix + fact_id.split("-", 1)[1]

        copied_facts = []
        for fact in facts:
            fact = _rename(fact, renames)
            fact["id"], fact["mission"] = ref(fact["id"]), new_id
            if "derived" in fact:
                fact["derived"]["from"] = [ref(r) for r in fact["derived"]["from"]]
            copied_facts.append(fact)
        copied_gaps = []
        for gap in gaps:
            gap = _rename(gap, renames)
            gap["id"], gap["mission"] = ref(gap["id"]), new_id
            gap["see_also"] = [ref(r) for r in gap.get("see_also", []) if r in own]
            copied_gaps.append(gap)
        name = _rename(template_mission["name"], renames)
        document = {
            "source": f"sources/{new_id}.txt",
            "missions": [
                {
                    "id": new_id,
                    "name": name,
                    "aliases": [name, f"MX-{n}", f"ISS {n}S", f"{n}S"],
                }
            ],
            "defects": _rename(facts_file.get("defects", []), renames),
            "facts": copied_facts,
            "gaps": copied_gaps,
        }
        (dest / "sources" / f"{new_id}.txt").write_text(
            _rename(source_text, renames), encoding="utf-8"
        )
        (dest / "missions" / f"{new_id}.yaml").write_text(
            yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
        ids.append(new_id)
    return ids


_MS23 = re.compile(r"(?i)\bms[\s-]?23\b")
_69S = re.compile(r"(?i)\b69\s?s\b")


def scaled_questions(questions: list[str], ids: list[str], seed: int = 23) -> list[str]:
    """The questions with MS-23's names replaced by a random synthetic mission's."""
    rng = random.Random(seed)
    out = []
    for question in questions:
        n = int(rng.choice(ids).rsplit("-", 1)[1])
        out.append(_69S.sub(f"{n}S", _MS23.sub(f"MX-{n}", question)))
    return out


def measure(knowledge: Path, default: str, rounds: int, loads: int) -> dict[str, Any]:
    """Load, memory and latency figures for one knowledge directory (run in a fresh process)."""
    start = time.perf_counter()
    engine = Engine(load_factbase(knowledge), default)
    times = [time.perf_counter() - start]
    rss_mib = peak_rss_mib()
    for _ in range(loads - 1):
        del engine
        start = time.perf_counter()
        engine = Engine(load_factbase(knowledge), default)
        times.append(time.perf_counter() - start)
    del engine
    tracemalloc.start()
    engine = Engine(load_factbase(knowledge), default)
    retained, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    ids = list(engine.factbase.missions)
    questions = scaled_questions([q.question for q in load_questions(EVAL_SET)], ids)
    answers = [engine.ask(q) for q in questions]
    times_q = latencies(engine, questions, rounds)
    slowest = sorted(zip(times_q, questions, strict=True), reverse=True)[:5]
    return {
        "missions": len(ids),
        "facts": len(engine.factbase.facts),
        "aliases": len(engine.entities),
        "load_s": median(times),
        "tracemalloc_peak_mib": peak / 2**20,
        "retained_mib": retained / 2**20,
        "max_rss_mib": rss_mib,
        "questions": len(questions),
        "answered": sum(a.status == "answered" for a in answers),
        "p50_us": percentile(times_q, 50) * 1e6,
        "p99_us": percentile(times_q, 99) * 1e6,
        "max_us": max(times_q) * 1e6,
        "slowest": slowest,
        "profile": profile(engine, slowest[0][1]),
    }


def profile(engine: Engine, question: str, top: int = 5) -> list[tuple[str, float]]:
    """Where asking `question` spends its time: the project's functions by own time,
    as shares of the whole ask (for the report when a size is slow)."""
    import cProfile
    import pstats

    engine.clear_caches()
    profiler = cProfile.Profile()
    profiler.runcall(engine.ask, question)
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = sum(tottime for _, _, tottime, _, _ in stats.values()) or 1.0
    own = [
        (f"{Path(file).relative_to(ROOT)}:{line} {name}", tottime / total)
        for (file, line, name), (_, _, tottime, _, _) in stats.items()
        if file.startswith(str(ROOT / "bot"))
    ]
    return sorted(own, key=lambda item: item[1], reverse=True)[:top]


def run(
    sizes: list[int], rounds: int = 5, loads: int = 3, log=print
) -> dict[str, Any]:
    """Generate each size, measure it in a fresh process, and compare with the smallest."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="mission-bot-scale-") as tmp:
        for size in sizes:
            dest = Path(tmp) / f"n{size}"
            start = time.perf_counter()
            ids = synthetic_knowledge(dest, size)
            generated = time.perf_counter() - start
            out = subprocess.run(
                [sys.executable, __file__, "--measure", str(dest), "--default", ids[0],
                 "--rounds", str(rounds), "--loads", str(loads)],
                check=True, capture_output=True, text=True, cwd=ROOT,
            ).stdout
            row = json.loads(out)
            row["generate_s"] = generated
            rows.append(row)
            log(f"{size} missions: load {row['load_s'] * 1000:.0f} ms, p50 {row['p50_us']:.0f} us,"
                f" p99 {row['p99_us']:.0f} us, peak {row['tracemalloc_peak_mib']:.1f} MiB",
                flush=True)
    base = rows[0]
    for row in rows:
        row["p50_ratio"] = row["p50_us"] / base["p50_us"]
        row["p99_ratio"] = row["p99_us"] / base["p99_us"]
    largest = rows[-1]
    return {
        "rows": rows,
        "rounds": rounds,
        "loads": loads,
        "within_limit": largest["p50_ratio"] <= LIMIT and largest["p99_ratio"] <= LIMIT,
    }


def markdown(results: dict[str, Any]) -> str:
    lines = [
        "| missions | facts | aliases | load (median) | tracemalloc peak | retained "
        "| peak RSS | p50 | p99 | p50 vs 1 | p99 vs 1 |",
        "|" + " --- |" * 11,
    ]
    for r in results["rows"]:
        lines.append(
            f"| {r['missions']:,} | {r['facts']:,} | {r['aliases']:,}"
            f" | {r['load_s'] * 1000:,.0f} ms"
            f" | {r['tracemalloc_peak_mib']:.1f} MiB | {r['retained_mib']:.1f} MiB"
            f" | {r['max_rss_mib']:.0f} MiB"
            f" | {r['p50_us']:.0f} µs | {r['p99_us']:.0f} µs"
            f" | {r['p50_ratio']:.2f}x | {r['p99_ratio']:.2f}x |"
        )
    return "\n".join(lines)


def findings(results: dict[str, Any]) -> str:
    """The slowest questions at the largest size, and where the slowest spends its time."""
    largest = results["rows"][-1]
    lines = [f"Slowest questions at {largest['missions']:,} missions (median of "
             f"{results['rounds']}):", ""]
    lines += [f"- {t * 1e6:,.0f} µs: {question!r}" for t, question in largest["slowest"]]
    slowest = largest["slowest"][0][1]
    lines += ["", f"Own time of the project's functions while asking {slowest!r}:", ""]
    lines += [f"- `{where}`: {share:.0%}" for where, share in largest["profile"]]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100, 1000])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--loads", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--default", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.default, args.rounds, args.loads)))
        return 0
    results = run(args.sizes, args.rounds, args.loads,
                  log=progress)
    print(markdown(results))
    largest = results["rows"][-1]
    verdict = "within" if results["within_limit"] else "NOT within"
    print(f"\n{largest['missions']:,} missions vs {results['rows'][0]['missions']}: "
          f"p50 {largest['p50_ratio']:.2f}x, p99 {largest['p99_ratio']:.2f}x ({verdict} {LIMIT}x)")
    if not results["within_limit"]:
        print(findings(results))
    if args.json:
        write_json(args.json, results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

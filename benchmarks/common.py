"""Helpers shared by the benchmark scripts: data locations and percentiles."""

from __future__ import annotations

import json
import platform
import statistics
import sys
import time
from functools import cache
from pathlib import Path
from typing import Any

from bot import text

ROOT = Path(__file__).resolve().parent.parent
CLINC = ROOT.parent / "shared" / "data" / "clinc150" / "data_full.json"
EVAL_SET = ROOT / "tests" / "data" / "eval_questions.yaml"


def clinc_split(*names: str, path: Path = CLINC) -> list[str]:
    """CLINC150 queries of the given splits (empty when the data set is absent)."""
    if not path.exists():
        return []
    data = _clinc(path)
    return [query for name in names for query, _ in data[name]]


@cache
def _clinc(path: Path) -> dict[str, list[list[str]]]:
    """The data set, parsed once per process: a run asks for several splits."""
    return json.loads(path.read_text(encoding="utf-8"))


def progress(*args: Any, **kwargs: Any) -> None:
    """Print to stderr: the scripts' progress lines, kept out of their report on stdout."""
    print(*args, file=sys.stderr, **kwargs)


def write_json(path: str | Path, results: Any) -> None:
    """The raw results of a run, for `--json`."""
    Path(path).write_text(json.dumps(results, indent=2), encoding="utf-8")


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def machine() -> str:
    """CPU model, cores, memory and Python version of this machine."""
    import os

    cpu = platform.processor() or platform.machine()
    memory = ""
    try:
        info = Path("/proc/cpuinfo").read_text()
        cpu = next(line.split(":", 1)[1].strip() for line in info.splitlines()
                   if line.startswith("model name"))
        kib = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal:"))
        memory = f", {kib / 2**20:.0f} GiB"
    except (OSError, StopIteration):
        pass
    return f"{cpu}, {os.cpu_count()} cores{memory}, Python {platform.python_version()}"


def median(values: list[float]) -> float:
    return statistics.median(values)


def peak_rss_mib() -> float:
    """This process's peak resident memory in MiB.

    /proc/self/status VmHWM belongs to the process's own address space; getrusage's
    ru_maxrss, the fallback off Linux, can carry the parent's peak across fork + exec.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def clear_caches(system: Any) -> None:
    """Cold start for the next question: the engine's per-question caches, or (for a
    baseline, which keeps none of its own) the tokenizer's."""
    clear = getattr(system, "clear_caches", None)
    if clear is not None:
        clear()
    else:
        text.tokens.cache_clear()


def latencies(system: Any, questions: list[str], rounds: int) -> list[float]:
    """Per question, the median time of `rounds` asks, every cache cleared before a round."""
    per_question: list[list[float]] = [[] for _ in questions]
    for _ in range(rounds):
        clear_caches(system)
        for i, question in enumerate(questions):
            start = time.perf_counter()
            system.ask(question)
            per_question[i].append(time.perf_counter() - start)
    return [median(t) for t in per_question]

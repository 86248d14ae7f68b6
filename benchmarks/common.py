"""Helpers shared by the benchmark scripts: data locations and percentiles."""

from __future__ import annotations

import json
import platform
import statistics
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLINC = ROOT.parent / "shared" / "data" / "clinc150" / "data_full.json"
EVAL_SET = ROOT / "tests" / "data" / "eval_questions.yaml"


def clinc_split(*names: str, path: Path = CLINC) -> list[str]:
    """CLINC150 queries of the given splits (empty when the data set is absent)."""
    if not path.exists():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    return [query for name in names for query, _ in data[name]]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def machine() -> str:
    import os

    return f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, " \
           f"Python {platform.python_version()}"


def median(values: list[float]) -> float:
    return statistics.median(values)

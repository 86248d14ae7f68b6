"""Accuracy side by side: the engine and four baselines on the same questions.

    python benchmarks/accuracy.py [--clinc PATH] [--json FILE]

Thresholds are tuned on development data only, the data the engine is tuned on
(benchmarks/tune.py): tests/data/dev_questions.yaml and dev2_questions.yaml (in scope
and out of scope) and CLINC150's train, val, oos_train and oos_val splits (all out
of scope). Results are reported on the held-out tests/data/eval_questions.yaml
and CLINC150's test and oos_test splits. Every system is scored by bot.evaluation:
in-scope accuracy (status, mission and intent all right), false answers (answered
although the expected outcome is not an answer) and entity confusions (answered with
another mission's fact than the one asked about). Without ../shared/data/clinc150
the CLINC columns are left out and thresholds are tuned on the dev questions alone.

The classifier baseline also learns from data: the example utterances, plus CLINC150's
train and oos_train splits as an out-of-scope class (development data, like the
thresholds; never the held-out sets).
"""

from __future__ import annotations

import argparse
import math
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from baselines import (
    CONFIGS,
    KINDS,
    Baseline,
    Memoized,
    example_utterances,
    make_matcher,
    mission_lookup,
)
from common import CLINC, EVAL_SET, clinc_split, progress, write_json
from tune import DEV_SETS, MAX_CLINC_FALSE, MAX_DEV_FALSE

from bot.engine import Answer, Engine
from bot.evaluation import Labelled, Report, load_questions
from bot.factbase import FactBase, load_factbase

DEV_CLINC_SPLITS = ("train", "val", "oos_train", "oos_val")
TRAIN_CLINC_SPLITS = ("train", "oos_train")
"""What the classifier baseline learns the out-of-scope class from."""
TEST_CLINC_SPLITS = ("test", "oos_test")


@dataclass(frozen=True, slots=True)
class Tuned:
    threshold: float
    dev_accuracy: float
    dev_false: float
    clinc_false: float
    dev_confusions: int = 0


def tune(baseline: Baseline, dev: Sequence[Labelled], negatives: Sequence[str]) -> dict[str, Tuned]:
    """The baseline's threshold at two operating points, chosen on development data.

    * ``constrained``: the engine's tuning rule: the highest dev accuracy whose false
      answers stay within MAX_CLINC_FALSE on CLINC dev and MAX_DEV_FALSE on the dev
      questions, with no entity confusion (fewer CLINC false answers, then the higher
      threshold, on a tie);
    * ``balanced``: the highest dev accuracy minus CLINC dev false-answer rate, with
      no limit.

    Accuracy changes only at a dev question's score, and raising the threshold up to
    the next one only removes false answers, so the candidates are the dev scores
    (and infinity: answer nothing).
    """
    cands = baseline.candidates([q.question for q in dev])
    inf = math.inf
    score = np.array([c.score for c in cands])
    pairs = list(zip(dev, cands, strict=True))
    hit = np.array([Report.correct(q, baseline.decide(c, -inf)) for q, c in pairs])
    miss = np.array([Report.correct(q, baseline.decide(c, inf)) for q, c in pairs])
    in_scope = np.array([q.intent is not None for q in dev])
    should_not = np.array([q.status != "answered" for q in dev])
    answers_hit = np.array([baseline.decide(c, -inf).status == "answered" for c in cands])
    confused_hit = np.array(
        [
            (a := baseline.decide(c, -inf)).status == "answered"
            and q.mission is not None
            and a.mission != q.mission
            for q, c in pairs
        ]
    )
    neg = baseline.candidates(negatives) if negatives else []
    neg_score = np.array([c.score for c in neg])
    neg_hit = np.array([baseline.decide(c, -inf).status == "answered" for c in neg], dtype=bool)

    rows = []
    for t in sorted({*score.tolist(), inf}):
        above = score >= t
        correct = np.where(above, hit, miss)
        accuracy = correct[in_scope].mean() if in_scope.any() else 1.0
        dev_false = (above & answers_hit & should_not).sum() / max(1, should_not.sum())
        clinc_false = (neg_hit & (neg_score >= t)).sum() / len(neg) if neg else 0.0
        confusions = int((above & confused_hit).sum())
        rows.append(
            Tuned(float(t), float(accuracy), float(dev_false), float(clinc_false), confusions)
        )
    feasible = [
        r
        for r in rows
        if r.clinc_false <= MAX_CLINC_FALSE
        and r.dev_false <= MAX_DEV_FALSE
        and not r.dev_confusions
    ]
    constrained = max(feasible, key=lambda r: (r.dev_accuracy, -r.clinc_false, r.threshold))
    balanced = max(rows, key=lambda r: (r.dev_accuracy - r.clinc_false, r.threshold))
    return {"constrained": constrained, "balanced": balanced}


def _goodness(point: str, tuned: Tuned) -> tuple[float, float]:
    """How `tune` ranks operating points; also picks the TF-IDF configuration."""
    penalty = tuned.clinc_false if point == "balanced" else 0.0
    return (tuned.dev_accuracy - penalty, -tuned.clinc_false)


def held_out(system: Engine | Baseline, questions: Sequence[Labelled]) -> dict[str, object]:
    """bot.evaluation's figures for `system` on a labelled question set."""
    if isinstance(system, Baseline):
        answers = system.answers([q.question for q in questions])
    else:
        answers = [system.ask(q.question) for q in questions]
    report = Report(list(zip(questions, answers, strict=True)))
    pairs = {("soyuz-ms-22", "soyuz-ms-23"), ("soyuz-ms-23", "soyuz-ms-22")}
    return {
        "in_scope": len(report.in_scope),
        "correct": sum(report.correct(q, a) for q, a in report.in_scope),
        "accuracy": report.accuracy,
        "clarified": report.clarified,
        "should_not": sum(q.status != "answered" for q, _ in report.results),
        "false_answers": len(report.false_answers),
        "false_out_of_scope": sum(q.intent is None for q, _ in report.false_answers),
        "entity_confusions": len(report.entity_confusions),
        "ms22_ms23": sum((q.mission, a.mission) in pairs for q, a in report.entity_confusions),
    }


def answered(system: Engine | Baseline, queries: Sequence[str]) -> int:
    if isinstance(system, Baseline):
        found: list[Answer] = system.answers(queries)
    else:
        found = [system.ask(q) for q in queries]
    return sum(a.status == "answered" for a in found)


def clinc_figures(system: Engine | Baseline, clinc: dict[str, list[str]]) -> dict[str, int]:
    return {split: answered(system, queries) for split, queries in clinc.items()}


def run(clinc_path: Path = CLINC, log=print) -> dict[str, object]:
    """Tune every baseline on dev data, then score all four systems on held-out data."""
    started = time.perf_counter()
    factbase: FactBase = load_factbase()
    dev = [q for path in DEV_SETS for q in load_questions(path)]
    evaluation = load_questions(EVAL_SET)
    negatives = clinc_split(*DEV_CLINC_SPLITS, path=clinc_path)
    clinc = {s: clinc_split(s, path=clinc_path) for s in TEST_CLINC_SPLITS}
    clinc = {s: q for s, q in clinc.items() if q}
    if not negatives:
        log(
            f"CLINC150 not found at {clinc_path}: tuning on the dev questions alone, "
            "no CLINC columns"
        )

    engine = Engine(factbase)
    engine_dev = held_out(engine, dev)
    systems: list[dict[str, object]] = [
        {
            "system": "engine (bot.engine)",
            "kind": "engine",
            "missions": "engine",
            "point": "constrained",
            "threshold": None,
            "dev_accuracy": engine_dev["accuracy"],
            "dev_false": engine_dev["false_answers"] / max(1, engine_dev["should_not"]),
            "clinc_dev_false": answered(engine, negatives) / len(negatives) if negatives else 0.0,
            "held_out": held_out(engine, evaluation),
            "clinc": clinc_figures(engine, clinc),
        }
    ]
    log("engine: done", flush=True)
    utterances, owners = example_utterances(factbase)
    training = clinc_split(*TRAIN_CLINC_SPLITS, path=clinc_path)
    tried: list[dict[str, object]] = []
    for kind in KINDS:
        # One matcher per configuration, shared by both mission steps: it remembers
        # the texts it has scored.
        matchers = {
            c: Memoized(make_matcher(kind, utterances, c, owners, training))
            for c in CONFIGS[kind]
        }
        for missions in ("alias", "engine"):
            lookup = mission_lookup(missions, factbase)
            best: dict[str, tuple[Tuned, Baseline, str]] = {}
            for config, matcher in matchers.items():
                baseline = Baseline(factbase, matcher, lookup, owners=owners)
                for point, tuned in tune(baseline, dev, negatives).items():
                    tried.append(
                        {
                            "kind": kind,
                            "config": config,
                            "missions": missions,
                            "point": point,
                            **asdict(tuned),
                        }
                    )
                    old = best.get(point)
                    if old is None or _goodness(point, tuned) > _goodness(point, old[0]):
                        best[point] = (tuned, baseline, config)
            for point, (tuned, baseline, config) in best.items():
                baseline = Baseline(
                    factbase, baseline.matcher, lookup, tuned.threshold, owners=owners
                )
                systems.append(
                    {
                        "system": baseline.name,
                        "kind": kind,
                        "config": config,
                        "missions": missions,
                        "point": point,
                        "threshold": tuned.threshold,
                        "dev_accuracy": tuned.dev_accuracy,
                        "dev_false": tuned.dev_false,
                        "clinc_dev_false": tuned.clinc_false,
                        "held_out": held_out(baseline, evaluation),
                        "clinc": clinc_figures(baseline, clinc),
                    }
                )
            log(f"{kind} ({missions}): done", flush=True)
    return {
        "eval_questions": len(evaluation),
        "dev_questions": len(dev),
        "dev_sets": [path.name for path in DEV_SETS],
        "clinc_dev": len(negatives),
        "clinc_sizes": {s: len(q) for s, q in clinc.items()},
        "systems": systems,
        "tried": tried,
        "seconds": time.perf_counter() - started,
    }


def _threshold(value: float | None) -> str:
    if value is None:
        return "tuned in bot/engine.py"
    return "∞ (never answers)" if math.isinf(value) else f"{value:.3g}"


def markdown(
    results: dict[str, object], missions: str = "alias", point: str = "constrained"
) -> str:
    """One table: the engine plus the baselines with the given mission step and operating point."""
    sizes: dict[str, int] = results["clinc_sizes"]  # type: ignore[assignment]
    head = [
        "system",
        "threshold",
        "dev accuracy",
        "CLINC dev false",
        "held-out in-scope accuracy",
        "held-out false answers",
        "entity confusions",
    ]
    head += [f"CLINC {s} false answers" for s in sizes]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for row in results["systems"]:  # type: ignore[attr-defined]
        if row["kind"] != "engine" and (row["missions"] != missions or row["point"] != point):
            continue
        h = row["held_out"]
        cells = [
            f"**{row['system']}**" if row["kind"] == "engine" else row["system"],
            _threshold(row["threshold"]),
            f"{row['dev_accuracy']:.1%}",
            f"{row['clinc_dev_false']:.2%}" if results["clinc_dev"] else "n/a",
            f"{h['accuracy']:.1%} ({h['correct']}/{h['in_scope']})",
            f"{h['false_answers'] / max(1, h['should_not']):.1%} ({h['false_answers']}/"
            f"{h['should_not']}; {h['false_out_of_scope']} off-topic)",
            f"{h['entity_confusions']} ({h['ms22_ms23']} MS-22↔MS-23)",
        ]
        cells += [f"{row['clinc'][s] / n:.2%} ({row['clinc'][s]}/{n})" for s, n in sizes.items()]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def tried_markdown(results: dict[str, object]) -> str:
    """Every configuration's tuned operating points, on development data only."""
    lines = [
        "| baseline | configuration | mission step | operating point | threshold "
        "| dev accuracy | dev false answers | CLINC dev false |",
        "|" + " --- |" * 8,
    ]
    for row in results["tried"]:  # type: ignore[attr-defined]
        lines.append(
            f"| {row['kind']} | {row['config']} | {row['missions']} | {row['point']} "
            f"| {_threshold(row['threshold'])} | {row['dev_accuracy']:.1%} "
            f"| {row['dev_false']:.1%} | {row['clinc_false']:.2%} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clinc", type=Path, default=CLINC)
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    args = parser.parse_args()
    results = run(args.clinc, log=progress)
    for missions in ("alias", "engine"):
        for point in ("constrained", "balanced"):
            print(f"\nbaselines with {missions} mission step, {point} threshold:")
            print(markdown(results, missions, point))
    if args.json:
        write_json(args.json, results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Grid-search the engine's weights and thresholds on development data only.

Positives and near-scope negatives: tests/data/dev_questions.yaml,
dev2_questions.yaml and dev3_questions.yaml. Everyday negatives: CLINC150's train, val,
oos_train and oos_val splits, read from ../shared/data/clinc150 when present.
The held-out sets (tests/data/eval_questions.yaml, CLINC150 test/oos_test) are
never read here.

    python benchmarks/tune.py [--max-dev-false 0.005] [--max-clinc-false 0.004]

For each matcher setting, the CLINC questions that the most permissive thresholds
would answer are found once; stricter thresholds can only answer a subset of
them, so each threshold combination is scored on that subset. The winner is the
most accurate combination within both false-answer limits.
"""

from __future__ import annotations

import argparse
import itertools
from dataclasses import asdict
from multiprocessing import Pool

from common import ROOT, clinc_split

from bot.engine import Engine, Thresholds, with_thresholds
from bot.evaluation import evaluate, load_questions
from bot.factbase import load_factbase
from bot.matching import MatcherSettings

DATA = ROOT / "tests" / "data"
DEV_SETS = [DATA / f"{name}_questions.yaml" for name in ("dev", "dev2", "dev3")]
SETTINGS = [
    MatcherSettings(weight, idf, assoc_power=power, min_support=support, min_correct_len=correct)
    for weight, idf, power, support, correct in itertools.product(
        (0.4, 0.5, 0.6), (2.5, 3.0, 3.5), (0.5,), (2.0,), (4, 5)
    )
]
THRESHOLDS = [
    Thresholds(answer, margin, clarify, discount, penalty, decisive_lead=lead)
    for answer, margin, clarify, discount, penalty, lead in itertools.product(
        (0.55, 0.6, 0.65),
        (0.03, 0.05),
        (0.4, 0.45, 0.5),
        (0.1, 0.15),
        (0.15, 0.2, 0.25),
        (0.15, 0.2, 0.25, 0.3, 1.0),
    )
    if clarify <= answer
]
MAX_DEV_FALSE = 0.005
"""Right or silent: at most this share of development questions that must not be
answered may be (the baselines in accuracy.py are held to the same limits)."""
MAX_CLINC_FALSE = 0.004
PERMISSIVE = Thresholds(0.4, 0.02, 0.3, 0.2, 0.0, decisive_lead=0.0)


def search(job: tuple[MatcherSettings, float, float]) -> tuple[float, float, float, object, object]:
    settings, max_dev_false, max_clinc_false = job
    factbase = load_factbase()
    dev = [q for path in DEV_SETS for q in load_questions(path)]
    negatives = clinc_split("train", "val", "oos_train", "oos_val")
    base = Engine(factbase, thresholds=PERMISSIVE, matcher_settings=settings)
    reachable = [q for q in negatives if base.ask(q).status == "answered"]
    best: tuple[float, float, float, object, object] = (0.0, 1.0, 1.0, settings, None)
    for thresholds in THRESHOLDS:
        engine = with_thresholds(base, **asdict(thresholds))
        report = evaluate(engine, dev)
        if report.false_answer_rate > max_dev_false or report.entity_confusions:
            continue
        if report.accuracy < best[0]:
            continue
        answered = sum(engine.ask(q).status == "answered" for q in reachable)
        clinc_false = answered / len(negatives) if negatives else 0.0
        if clinc_false > max_clinc_false:
            continue
        candidate = (report.accuracy, report.false_answer_rate, clinc_false, settings, thresholds)
        if (candidate[0], -candidate[2]) > (best[0], -best[2]):
            best = candidate
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-dev-false", type=float, default=MAX_DEV_FALSE)
    parser.add_argument("--max-clinc-false", type=float, default=MAX_CLINC_FALSE)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    jobs = [(s, args.max_dev_false, args.max_clinc_false) for s in SETTINGS]
    results = []
    with Pool(args.processes) as pool:
        for result in pool.imap_unordered(search, jobs):
            results.append(result)
            accuracy, dev_false, clinc_false, settings, thresholds = result
            if thresholds is not None:
                print(
                    f"{accuracy:.3f} dev-false={dev_false:.3f} clinc-false={clinc_false:.4f} "
                    f"{settings} {thresholds}",
                    flush=True,
                )
    accuracy, dev_false, clinc_false, settings, thresholds = max(
        results, key=lambda r: (r[0], -r[2])
    )
    print(
        f"\nbest: accuracy={accuracy:.3f} dev-false={dev_false:.3f} clinc-false={clinc_false:.4f}"
    )
    print(settings)
    print(thresholds)


if __name__ == "__main__":
    main()

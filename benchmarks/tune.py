"""Grid-search the engine's weights and thresholds on development data only.

Positives: tests/data/dev_questions.yaml. Negatives: CLINC150's train and val splits
(and oos_train/oos_val), read from ../shared/data/clinc150 when present. The held-out
sets (tests/data/eval_questions.yaml, CLINC150 test/oos_test) are never read here.

    python benchmarks/tune.py [--clinc PATH]
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path

from bot.engine import Engine, Thresholds
from bot.evaluation import Labelled, evaluate, load_questions
from bot.factbase import load_factbase
from bot.matching import MatcherSettings

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CLINC = ROOT.parent / "shared" / "data" / "clinc150" / "data_full.json"


def clinc_dev(path: Path) -> list[Labelled]:
    data = json.loads(path.read_text())
    rows = data["train"] + data["val"] + data["oos_train"] + data["oos_val"]
    return [Labelled(q, None, None, "unknown") for q, _ in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clinc", type=Path, default=DEFAULT_CLINC)
    parser.add_argument(
        "--max-false",
        type=float,
        default=0.005,
        help="largest CLINC dev false-answer rate accepted",
    )
    args = parser.parse_args()
    factbase = load_factbase()
    dev = load_questions(ROOT / "tests" / "data" / "dev_questions.yaml")
    negatives = clinc_dev(args.clinc) if args.clinc.exists() else []
    results = []
    for weight, unknown_idf, keyword_weight in itertools.product(
        (0.4, 0.5, 0.6), (3.0, 4.0, 5.0), (2.0,)
    ):
        settings = MatcherSettings(weight, unknown_idf, keyword_weight)
        base = Engine(factbase, matcher_settings=settings)
        memo: dict[tuple[str, ...], object] = {}

        def score(toks, _m=base.matcher, _memo=memo):  # type: ignore[no-untyped-def]
            if toks not in _memo:
                _memo[toks] = _m.score(toks)
            return _memo[toks]

        base._score = score  # type: ignore[method-assign]
        for answer, margin, clarify, discount, penalty in itertools.product(
            (0.5, 0.55, 0.6, 0.65), (0.04, 0.07), (0.4, 0.5), (0.1, 0.2), (0.1, 0.2)
        ):
            if clarify > answer:
                continue
            engine = Engine.__new__(Engine)
            engine.__dict__.update(base.__dict__)
            engine.thresholds = Thresholds(answer, margin, clarify, discount, penalty)
            report = evaluate(engine, dev)
            if report.false_answer_rate > 0.06 or report.accuracy < 0.85:
                continue
            false_clinc = sum(engine.ask(q.question).status == "answered" for q in negatives)
            rate = false_clinc / len(negatives) if negatives else 0.0
            results.append(
                (report.accuracy, -report.false_answer_rate, -rate, settings, engine.thresholds)
            )
            print(
                f"{report.accuracy:.3f} dev-false={report.false_answer_rate:.3f} "
                f"clinc-false={rate:.4f} {settings} {engine.thresholds}",
                flush=True,
            )
    ok = [r for r in results if -r[2] <= args.max_false]
    best = max(ok or results, key=lambda r: (r[0], r[1], r[2]))
    print("\nbest:", f"accuracy={best[0]:.3f} dev-false={-best[1]:.3f} clinc-false={-best[2]:.4f}")
    print(best[3])
    print(best[4])


if __name__ == "__main__":
    main()

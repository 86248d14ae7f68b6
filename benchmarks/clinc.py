"""False answers on CLINC150's held-out splits (none of its queries is about a mission).

    python benchmarks/clinc.py [--splits test oos_test] [--show 20]
"""

from __future__ import annotations

import argparse
import sys

from common import CLINC, clinc_split

from bot.engine import Engine
from bot.factbase import load_factbase


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--splits", nargs="+", default=["test", "oos_test"])
    parser.add_argument("--show", type=int, default=20, help="false answers to list")
    args = parser.parse_args()
    queries = clinc_split(*args.splits)
    if not queries:
        print(f"CLINC150 not found at {CLINC}; nothing to measure", file=sys.stderr)
        return 1
    engine = Engine(load_factbase())
    answered = [(q, a) for q in queries if (a := engine.ask(q)).status == "answered"]
    rate = len(answered) / len(queries)
    print(f"CLINC150 {'+'.join(args.splits)}: {len(answered)} of {len(queries)} answered "
          f"({rate:.2%}; limit 1%)")
    for query, answer in answered[: args.show]:
        print(f"  {query!r} -> {answer.mission}/{answer.intent} ({answer.confidence:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

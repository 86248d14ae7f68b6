"""The synthetic fact bases of benchmarks/scale.py validate and answer per mission."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from scale import mission_id, scaled_questions, synthetic_knowledge

from bot.engine import Engine
from bot.factbase import FactBase, load_factbase
from bot.text import alias_key


def test_synthetic_fact_base_has_n_valid_distinct_missions(
    tmp_path: Path, factbase: FactBase
) -> None:
    ids = synthetic_knowledge(tmp_path, 3)
    assert ids == [mission_id(1001), mission_id(1002), mission_id(1003)]
    synthetic = load_factbase(tmp_path)  # raises FactBaseError if anything is invalid
    assert list(synthetic.missions) == ids
    template = [f for f in factbase.facts.values() if "soyuz-ms-23" in f.subjects]
    assert len(synthetic.facts) == 3 * len(template)
    keys = [alias_key(a) for m in synthetic.missions.values() for a in m.aliases]
    assert len(keys) == len(set(keys))
    assert not any("MS-23" in f.answer for f in synthetic.facts.values())

    engine = Engine(synthetic, ids[0])
    answer = engine.ask("when did MX-1002 land?")
    assert (answer.status, answer.mission, answer.intent) == ("answered", ids[1], "landing")
    assert "MX-1002" in answer.text
    answer = engine.ask("what is the satcat number of ISS 1003S")
    assert answer.mission == ids[2] and "56003" in answer.text
    assert engine.ask("when did ms-23 launch").mission is None  # not in this fact base


def test_scaled_questions_name_synthetic_missions() -> None:
    questions = scaled_questions(["when did ms-23 land", "is 69S the same as MS 23?", "hi"],
                                 [mission_id(1001)])
    assert questions == ["when did MX-1001 land", "is 1001S the same as MX-1001?", "hi"]

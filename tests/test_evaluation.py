"""Question sets labelled by what the answer must contain, and the figures bot eval reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import Engine
from bot.evaluation import evaluate, load_questions

SET = """
questions:
  - {q: "when did ms-23 land?", kind: answer, expect: ['27 sep'], forbid: ['28 mar'],
     mission: Soyuz MS-23}
  - {q: "when did ms-23 land?", kind: answer, expect: ['28 mar']}
  - {q: "what was ms-23's apogee?", kind: negative}
  - {q: "when did ms-22 land", kind: negative}
  - {q: "what's the weather in paris", kind: refuse}
  - {q: "tell me about ms-22", kind: answer, expect: ['leak'], conversation: c1}
  - {q: "when did it come back", kind: answer, expect: ['28 march'], conversation: c1}
  - {q: "when did it come back", kind: answer, expect: ['28 march']}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "set.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_answers_are_judged_by_their_content(engine: Engine, tmp_path: Path) -> None:
    report = evaluate(engine, load_questions(write(tmp_path, SET)))
    verdicts = [report.correct(q, a) for q, a in report.results]
    # right; wrong fact; not given; answered although labelled not given; refused;
    # conversation turn 1; turn 2 follows MS-22; without the conversation it is MS-23's
    assert verdicts == [True, False, True, False, True, True, True, False]
    assert [q.question for q, _ in report.wrong_answers] == [
        "when did ms-23 land?",
        "when did ms-22 land",
        "when did it come back",
    ]
    assert report.wrong_answer_rate == pytest.approx(3 / 8)
    assert len(report.in_scope) == 7 and len(report.out_of_scope) == 1
    summary = report.summary()
    assert "wrong answers: 37.5% (3 of 8" in summary
    assert "per kind (correct/total): answer 3/5, negative 1/2, refuse 1/1" in summary


def test_a_mission_label_names_the_mission_the_answer_must_be_about(
    engine: Engine, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "questions:\n  - {q: 'when did ms-22 launch', kind: answer, "
        "expect: ['2022'], mission: MS-23}\n",
    )
    report = evaluate(engine, load_questions(path))
    assert report.entity_confusions and report.wrong_answers


@pytest.mark.parametrize(
    ("question", "label"),
    [
        ("what mission came after ms-23", "Soyuz MS-24"),  # the mission its value names
        ("prokopyev first name?", "Soyuz MS-23"),  # a mission he flew on
        ("how many months was the crew up", "Soyuz MS-23"),
        ("which dragon capsule held rubio's seat liner", "Soyuz MS-22"),  # the craft's
    ],
)
def test_an_answer_is_about_the_missions_its_value_person_or_event_belong_to(
    engine: Engine, tmp_path: Path, question: str, label: str
) -> None:
    """Blind writers label "what came after MS-23" MS-24 and Rubio's landing MS-23: an
    answer with the right content about those is no confusion."""
    path = write(
        tmp_path,
        f"questions:\n  - {{q: {question!r}, kind: answer, expect: ['.'], mission: {label}}}\n",
    )
    report = evaluate(engine, load_questions(path))
    assert report.accuracy == 1.0 and not report.entity_confusions


@pytest.mark.parametrize(
    ("question", "label"),
    [
        ("what mission came after ms-23", "Soyuz MS-22"),
        ("when did ms-23 launch", "Soyuz MS-22"),
        ("when did rubio launch", "Soyuz MS-24"),  # not one of his
        ("when did the coolant leak happen", "Soyuz MS-23"),  # MS-22's
    ],
)
def test_an_answer_about_none_of_the_labelled_missions_is_a_confusion(
    engine: Engine, tmp_path: Path, question: str, label: str
) -> None:
    path = write(
        tmp_path,
        f"questions:\n  - {{q: {question!r}, kind: answer, expect: ['.'], mission: {label}}}\n",
    )
    report = evaluate(engine, load_questions(path))
    assert report.entity_confusions and report.wrong_answers


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("{q: x, kind: maybe}", "kind 'maybe'; use one of: answer, negative, refuse"),
        ("{q: x, kind: answer}", "an 'answer' row needs at least one 'expect'"),
        ("{q: x, kind: answer, expect: ['(']}", "bad regex in 'expect'"),
        ("{q: x, kind: refuse, forbid: 5}", "'forbid' must be a list of regexes"),
    ],
)
def test_malformed_rows_are_named(tmp_path: Path, row: str, message: str) -> None:
    with pytest.raises(ValueError, match="question 1") as info:
        load_questions(write(tmp_path, f"questions:\n  - {row}\n"))
    assert message in str(info.value)


def test_an_unknown_mission_label_is_an_error(engine: Engine, tmp_path: Path) -> None:
    path = write(tmp_path, "questions:\n  - {q: x, kind: answer, expect: [a], mission: MS-99}\n")
    with pytest.raises(ValueError, match="unknown mission 'MS-99'"):
        evaluate(engine, load_questions(path))


def test_a_question_not_answered_may_be_about_a_mission_the_fact_base_lacks(
    engine: Engine, tmp_path: Path
) -> None:
    """Declined, it is right; answered, it is another mission's fact."""
    path = write(
        tmp_path,
        "questions:\n"
        "  - {q: what was soyuz ms-25 about, kind: negative, mission: Soyuz MS-25, "
        "conversation: c1}\n"
        "  - {q: when did it launch, kind: negative, mission: Soyuz MS-25, conversation: c1}\n",
    )
    report = evaluate(engine, load_questions(path))
    assert report.results[0][1].status != "answered"
    assert report.accuracy == 1.0 and not report.entity_confusions


def test_eval_names_the_file_of_a_bad_mission_label(tmp_path: Path, capsys) -> None:
    from bot.cli import main

    path = write(tmp_path, "questions:\n  - {q: x, kind: answer, expect: [a], mission: MS-99}\n")
    assert main(["eval", str(path)]) == 2
    assert f"error: {path}: question 'x': unknown mission 'MS-99'" in capsys.readouterr().err

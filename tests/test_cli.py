"""The command line: `ask` (text, --json, --jsonl), `check` and `eval`, as a user runs them."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import ask_jsonl, main
from bot.engine import Engine

FIELDS = {
    "question",
    "status",
    "mission",
    "intent",
    "answer",
    "confidence",
    "citations",
    "suggestions",
    "entity",
}


def test_ask_prints_the_answer_and_its_citation(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "When did MS-23 land?"]) == 0
    out = capsys.readouterr().out
    assert "27 September 2023" in out
    assert "[soyuz-ms-23.txt, Infobox: Landing Date]" in out


def test_ask_json_is_one_object_with_the_contract_fields(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["ask", "--json", "when did ms-22 launch"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= FIELDS
    assert (data["status"], data["mission"], data["intent"]) == (
        "answered",
        "soyuz-ms-22",
        "launch",
    )
    assert data["citations"] and set(data["citations"][0]) == {"source", "section", "quote"}


def test_jsonl_keeps_order_and_per_conversation_context(engine: Engine) -> None:
    lines = [
        '{"question": "when did ms-22 launch?", "conversation": "a"}',
        '{"question": "when did ms-23 launch?", "conversation": "b"}',
        "plain text: who flew home on ms-23",
        '{"question": "and when did it land?", "conversation": "a"}',
        '{"question": "and when did it land?", "conversation": "b"}',
        "",
        '{"question": "and when did it land?"}',
    ]
    out = io.StringIO()
    assert ask_jsonl(engine, io.StringIO("\n".join(lines) + "\n"), out) == 0
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["question"] for r in rows] == [
        "when did ms-22 launch?",
        "when did ms-23 launch?",
        "plain text: who flew home on ms-23",
        "and when did it land?",
        "and when did it land?",
        "and when did it land?",
    ]
    assert [(r["mission"], r["intent"]) for r in rows[3:]] == [
        ("soyuz-ms-22", "landing"),  # conversation a
        ("soyuz-ms-23", "landing"),  # conversation b
        ("soyuz-ms-23", "landing"),  # no conversation: the default mission
    ]
    assert all(set(r) >= FIELDS for r in rows)


def test_jsonl_rejects_a_malformed_line_with_its_number(
    engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    out = io.StringIO()
    assert ask_jsonl(engine, io.StringIO('when?\n{"question": 3}\n'), out) == 2
    assert "stdin line 2" in capsys.readouterr().err


def test_jsonl_answers_each_line_before_the_next_arrives() -> None:
    """A script can hold the pipe open and read each answer as soon as it asks."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "ask", "--jsonl"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parent.parent,
    )
    assert proc.stdin and proc.stdout
    try:
        for question, intent in [("when did ms-23 land", "landing"), ("ms-23 rocket?", "rocket")]:
            proc.stdin.write(question + "\n")
            proc.stdin.flush()
            assert json.loads(proc.stdout.readline())["intent"] == intent
    finally:
        proc.stdin.close()
        assert proc.wait(timeout=30) == 0


def test_check_reports_ok_and_fails_on_a_broken_fact_base(
    knowledge_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--knowledge", str(knowledge_copy)]) == 0
    assert "fact base OK" in capsys.readouterr().out
    facts = knowledge_copy / "missions" / "soyuz-ms-23.yaml"
    facts.write_text(facts.read_text().replace("27 September 2023, 11:17", "28 September 2023"))
    assert main(["check", "--knowledge", str(knowledge_copy)]) != 0
    err = capsys.readouterr().err
    assert "soyuz-ms-23.yaml:" in err and "verbatim" in err


def test_eval_prints_accuracy_false_answers_and_confusions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    questions = tmp_path / "q.yaml"
    questions.write_text(
        "questions:\n"
        '  - {q: "when did ms-23 land", mission: soyuz-ms-23, intent: landing, status: answered}\n'
        '  - {q: "when does my flight land", mission: null, intent: null, status: unknown}\n'
    )
    assert main(["eval", str(questions)]) == 0
    out = capsys.readouterr().out
    assert "in-scope accuracy: 100.0% (1/1" in out
    assert "false answers: 0.0%" in out

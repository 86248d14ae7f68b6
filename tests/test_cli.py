"""The command line: `ask` (text, --json), `check` and `eval`, as a user runs them.

`ask --jsonl` is tested in test_batch.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import bot.cli
from bot.cli import main

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


def test_eval_of_the_held_out_sets_gives_their_figures_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A held-out set is read for aggregates only: without a FILE, `eval` prints the
    figures and the counts per kind, not which topics were missed."""
    held_out = tmp_path / "held.yaml"
    held_out.write_text(
        "questions:\n"
        '  - {q: "when did ms-23 land", kind: answer, expect: ["27 September"]}\n'
        '  - {q: "what was the apogee of ms-23", kind: answer, expect: ["km"]}\n'
    )
    monkeypatch.setattr(bot.cli, "HELD_OUT_SETS", (held_out,))
    assert main(["eval"]) == 0
    out = capsys.readouterr().out
    assert "in-scope accuracy: 50.0% (1/2" in out and "per kind" in out
    assert "confusions (expected -> got)" not in out
    assert main(["eval", str(held_out)]) == 0  # a set named explicitly: the whole report
    assert "confusions (expected -> got)" in capsys.readouterr().out

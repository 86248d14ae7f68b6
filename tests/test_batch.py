"""`ask --jsonl`: exactly one output line per input line, in order; bad lines are reported
in place and the stream goes on."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.batch import ask_jsonl
from bot.engine import Engine
from tests.test_cli import FIELDS

ROOT = Path(__file__).resolve().parent.parent
ERROR_FIELDS = {"line", "status", "error"}


def run(engine: Engine, lines: list[bytes]) -> tuple[int, list[dict]]:
    out = io.StringIO()
    errors = ask_jsonl(engine, io.BytesIO(b"\n".join(lines) + b"\n"), out)
    return errors, [json.loads(line) for line in out.getvalue().splitlines()]


def test_order_and_per_conversation_context(engine: Engine) -> None:
    lines = [
        b'{"question": "when did ms-22 launch?", "conversation": "a"}',
        b'{"question": "when did ms-23 launch?", "conversation": "b"}',
        b"plain text: who flew home on ms-23",
        b'{"question": "and when did it land?", "conversation": "a"}',
        b'{"question": "and when did it land?", "conversation": 7}',
        b'{"question": "and when did it land?", "conversation": "b"}',
        b'{"question": "and when did it land?"}',
    ]
    errors, rows = run(engine, lines)
    assert errors == 0
    assert [r["question"] for r in rows] == [
        "when did ms-22 launch?",
        "when did ms-23 launch?",
        "plain text: who flew home on ms-23",
        *["and when did it land?"] * 4,
    ]
    assert [(r["mission"], r["intent"]) for r in rows[3:]] == [
        ("soyuz-ms-22", "landing"),  # conversation a
        ("soyuz-ms-23", "landing"),  # conversation 7: new, so the default mission
        ("soyuz-ms-23", "landing"),  # conversation b
        ("soyuz-ms-23", "landing"),  # no conversation: the default mission
    ]
    assert all(set(r) >= FIELDS for r in rows)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (b'{"question": "when did it land?"', "invalid JSON"),
        (b"{question: when}", "invalid JSON"),
        (b'{"conversation": "a"}', "no 'question' field"),
        (b'{"question": 5}', "'question' must be text, got a number"),
        (b'{"question": null}', "'question' must be text, got null"),
        (b'{"question": ["when?"]}', "'question' must be text, got a list"),
        (b'{"question": "   "}', "'question' is blank"),
        (b'{"question": "when?", "conversation": [1]}', "'conversation' must be text or"),
        (b'{"question": "when?", "conversation": true}', "'conversation' must be text or"),
        (b"when did \xff\xfems-23 land?", "not UTF-8 text (byte 0xff at byte 10)"),
        (b"", "blank line"),
        (b" \t ", "blank line"),
    ],
)
def test_a_bad_line_gets_an_error_in_its_place_and_the_stream_goes_on(
    engine: Engine, bad: bytes, message: str
) -> None:
    errors, rows = run(engine, [b"when did ms-23 launch?", bad, b"when did ms-23 land?"])
    assert errors == 1
    assert len(rows) == 3
    assert set(rows[1]) == ERROR_FIELDS
    assert (rows[1]["line"], rows[1]["status"]) == (2, "error")
    assert message in rows[1]["error"]
    assert [rows[0]["intent"], rows[2]["intent"]] == ["launch", "landing"]


def test_an_error_line_leaves_the_conversation_it_interrupts_intact(engine: Engine) -> None:
    errors, rows = run(engine, [
        b'{"question": "when did ms-22 launch?", "conversation": "a"}',
        b'{"question": 5, "conversation": "a"}',
        b'{"question": "and when did it land?", "conversation": "a"}',
    ])
    assert errors == 1 and rows[1]["status"] == "error"
    assert (rows[2]["mission"], rows[2]["intent"]) == ("soyuz-ms-22", "landing")


def test_windows_line_ends_a_bom_and_a_last_line_without_newline(engine: Engine) -> None:
    out = io.StringIO()
    data = b"\xef\xbb\xbfwhen did ms-23 launch?\r\n{\"question\": \"ms-23 rocket?\"}"
    assert ask_jsonl(engine, io.BytesIO(data), out) == 0
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(r["question"], r["intent"]) for r in rows] == [
        ("when did ms-23 launch?", "launch"),
        ("ms-23 rocket?", "rocket"),
    ]


def test_the_command_answers_every_line_and_exits_1_after_errors() -> None:
    lines = [b"when did ms-23 land?", b'{"question": 5}', b"", b"\xff", b"ms-23 rocket?"]
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--jsonl"],
        input=b"\n".join(lines) + b"\n",
        capture_output=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 1
    rows = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [r["status"] for r in rows] == ["answered", "error", "error", "error", "answered"]
    assert [r.get("line") for r in rows] == [None, 2, 3, 4, None]
    assert "3 input line(s) could not be read" in done.stderr.decode()


def test_the_command_exits_0_when_every_line_is_read() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--jsonl"],
        input=b"when did ms-23 land?\n",
        capture_output=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["intent"] == "landing"


def test_each_line_is_answered_before_the_next_arrives() -> None:
    """A script can hold the pipe open and read each answer as soon as it asks."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "ask", "--jsonl"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert proc.stdin and proc.stdout
    try:
        for question, intent in [("when did ms-23 land", "landing"), ("ms-23 rocket?", "rocket")]:
            proc.stdin.write(question + "\n")
            proc.stdin.flush()
            assert json.loads(proc.stdout.readline())["intent"] == intent
        proc.stdin.write('{"question": 5}\n')
        proc.stdin.flush()
        assert json.loads(proc.stdout.readline())["line"] == 3
    finally:
        proc.stdin.close()
        assert proc.wait(timeout=30) == 1

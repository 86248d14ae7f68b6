"""`ask --jsonl`: one JSON object out for every line in, in order, whatever the line holds.

A script pairs answers with its questions by position, so no line may be skipped and
none may stop the stream. A line that cannot be read (bytes that are not UTF-8, broken
JSON, no text `question`, a blank line) gets `{"line": N, "status": "error", "error":
"..."}` in its place and the next line is read as usual.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TextIO

from bot.conversations import ConversationStore
from bot.engine import Engine

BOM = b"\xef\xbb\xbf"
JSON_HINT = 'send plain text or {"question": "...", "conversation": "..."}'
_KINDS = {bool: "true or false", int: "a number", float: "a number", str: "text",
          list: "a list", dict: "an object", type(None): "null"}


class LineError(ValueError):
    """Why one input line cannot be asked; the message becomes its `error`."""


@dataclass(frozen=True, slots=True)
class Request:
    """One readable line: the question and the conversation it continues, if any."""

    question: str
    conversation: str | int | None = None


def read_line(raw: bytes, first: bool = False) -> Request:
    """A line of input (without its newline) as a Request; LineError says what is wrong.

    A line whose first non-blank character is `{` is a JSON object; any other is the
    question itself."""
    if first and raw.startswith(BOM):
        raw = raw[len(BOM):]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LineError(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at byte {exc.start + 1}); "
            "send the questions as UTF-8"
        ) from None
    if not text.strip():
        raise LineError("blank line, no question; send one question per line")
    if not text.lstrip().startswith("{"):
        return Request(text)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise LineError(f"invalid JSON ({exc.msg} at column {exc.colno}); {JSON_HINT}") from None
    if "question" not in data:
        raise LineError(f"no 'question' field; {JSON_HINT}")
    question, conversation = data["question"], data.get("conversation")
    if not isinstance(question, str):
        raise LineError(f"'question' must be text, got {_kind(question)}; {JSON_HINT}")
    if not question.strip():
        raise LineError("'question' is blank; give the question's text")
    if conversation is not None and (
        isinstance(conversation, bool) or not isinstance(conversation, str | int)
    ):
        raise LineError(
            f"'conversation' must be text or a whole number, got {_kind(conversation)}; "
            "lines with the same conversation share context"
        )
    return Request(question, conversation)


def _kind(value: object) -> str:
    return _KINDS.get(type(value), type(value).__name__)


def error_row(number: int, message: str) -> dict[str, Any]:
    """What stands in the output for input line `number`, which could not be read."""
    return {"line": number, "status": "error", "error": message}


def ask_jsonl(engine: Engine, lines: Iterable[bytes], out: TextIO) -> int:
    """Answer each line in order, one JSON line out per line in, each flushed at once (a
    caller may wait for it before sending the next); lines sharing a conversation share
    context. Returns how many lines were errors."""
    store = ConversationStore(max_size=10_000, ttl=float("inf"))
    errors = 0
    for number, raw in enumerate(lines, start=1):
        try:
            request = read_line(raw.rstrip(b"\n").rstrip(b"\r"), first=number == 1)
        except LineError as exc:
            errors += 1
            row = error_row(number, str(exc))
        else:
            key = request.conversation
            answer = engine.ask(request.question, store.get(key) if key is not None else None)
            if key is not None:
                store.remember(key, answer)
            row = answer.as_dict()
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        out.flush()
    return errors

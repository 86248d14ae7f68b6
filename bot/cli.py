"""Command line: `python -m bot` / `mission-bot`.

    ask QUESTION          the answer for a person, with citations
    ask --json QUESTION   one JSON object (see README, "JSON interface")
    ask --jsonl           questions on stdin, one per line; JSON objects out, one per line
    chat                  an interactive prompt that keeps context
    check                 validate the fact base
    eval [FILE]           accuracy report on a labelled question set

The Discord commands (`run`, `sync`) are registered by bot.discord_cli when
discord.py is importable, so the offline commands never pay for it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from bot.conversations import ConversationStore
from bot.engine import Answer, Engine
from bot.evaluation import evaluate, load_questions
from bot.factbase import DEFAULT_KNOWLEDGE_DIR, FactBase, FactBaseError, load_factbase

DEFAULT_EVAL_SET = Path(__file__).resolve().parent.parent / "tests" / "data" / "eval_questions.yaml"

Command = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mission-bot",
        description="Answer questions about spaceflight missions from a cited fact base.",
    )
    parser.add_argument(
        "--knowledge",
        type=Path,
        default=DEFAULT_KNOWLEDGE_DIR,
        help="knowledge directory (default: the bundled one)",
    )
    parser.add_argument(
        "--mission",
        default="soyuz-ms-23",
        help="mission assumed when a question names none (default: %(default)s)",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ask = sub.add_parser("ask", help="answer one question, or many with --jsonl")
    ask.add_argument("question", nargs="?", help="the question (omit with --jsonl)")
    mode = ask.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print one JSON object")
    mode.add_argument(
        "--jsonl",
        action="store_true",
        help='read questions from stdin (text or {"question", "conversation"}),'
        " write one JSON object per line",
    )
    ask.set_defaults(func=cmd_ask)

    chat = sub.add_parser("chat", help="interactive prompt that keeps context")
    chat.set_defaults(func=cmd_chat)

    check = sub.add_parser("check", help="validate the fact base")
    check.set_defaults(func=cmd_check)

    ev = sub.add_parser("eval", help="accuracy report on a labelled question set")
    ev.add_argument(
        "file",
        nargs="?",
        type=Path,
        default=DEFAULT_EVAL_SET,
        help="YAML question set (default: the held-out set in tests/data)",
    )
    ev.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    ev.set_defaults(func=cmd_eval)

    try:
        from bot.discord_cli import register
    except ImportError:  # discord.py missing: the offline commands still work
        pass
    else:
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except FactBaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        print("fix the files above, then run `python -m bot check`", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def load_engine(args: argparse.Namespace) -> Engine:
    factbase = load_factbase(args.knowledge)
    try:
        return Engine(factbase, default_mission=args.mission)
    except ValueError as exc:
        raise SystemExit(f"error: {exc}") from exc


# ---------------------------------------------------------------------------- commands


def cmd_ask(args: argparse.Namespace) -> int:
    engine = load_engine(args)
    if args.jsonl:
        if args.question:
            print(
                "error: --jsonl reads questions from stdin; drop the QUESTION argument",
                file=sys.stderr,
            )
            return 2
        return ask_jsonl(engine, sys.stdin, sys.stdout)
    if not args.question:
        print(
            'error: give a QUESTION, e.g. mission-bot ask "When did MS-23 land?"', file=sys.stderr
        )
        return 2
    answer = engine.ask(args.question)
    if args.json:
        print(json.dumps(answer.as_dict(), ensure_ascii=False))
    else:
        print(render_text(answer))
    return 0


def ask_jsonl(engine: Engine, lines: TextIO, out: TextIO) -> int:
    """Answer each stdin line in order; lines sharing a conversation id share context."""
    store = ConversationStore(max_size=10_000, ttl=float("inf"))
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\n")
        if not line.strip():
            continue
        question, conversation = line, None
        if line.lstrip().startswith("{"):
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                print(
                    f"error: stdin line {number}: invalid JSON ({exc.msg}); send plain text "
                    'or {"question": ...}',
                    file=sys.stderr,
                )
                return 2
            if not isinstance(data, dict) or not isinstance(data.get("question"), str):
                print(
                    f"error: stdin line {number}: a JSON line needs a text field 'question'",
                    file=sys.stderr,
                )
                return 2
            question = data["question"]
            conversation = data.get("conversation")
        context = store.get(conversation) if conversation is not None else None
        answer = engine.ask(question, context)
        if conversation is not None:
            store.remember(conversation, answer)
        out.write(json.dumps(answer.as_dict(), ensure_ascii=False) + "\n")
        out.flush()
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    engine = load_engine(args)
    store = ConversationStore(max_size=1, ttl=float("inf"))
    print("Ask about a mission (Ctrl-D to quit).")
    while True:
        try:
            question = input("> ")
        except EOFError:
            print()
            return 0
        if not question.strip():
            continue
        answer = engine.ask(question, store.get("chat"))
        store.remember("chat", answer)
        print(render_text(answer), end="\n\n")


def cmd_check(args: argparse.Namespace) -> int:
    factbase = load_factbase(args.knowledge)  # raises FactBaseError, reported by main()
    print(describe(factbase))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    engine = load_engine(args)
    report = evaluate(engine, load_questions(args.file))
    print(report.summary(verbose=args.verbose))
    return 0


# ---------------------------------------------------------------------------- output


def render_text(answer: Answer) -> str:
    """An answer as a person reads it in a terminal: text, then each source quoted."""
    lines = [answer.text]
    for citation in answer.citations:
        lines.append(f'  [{citation.source}, {citation.section}] "{citation.quote}"')
    if answer.suggestions:
        lines.append("Try: " + " | ".join(answer.suggestions))
    return "\n".join(lines)


def describe(factbase: FactBase) -> str:
    examples = sum(len(i.examples) for i in factbase.intents.values())
    quotes = sum(len(f.citations) for f in factbase.facts.values())
    return (
        f"fact base OK: {len(factbase.missions)} missions, {len(factbase.facts)} facts "
        f"({quotes} verbatim quotes checked), {len(factbase.gaps)} known gaps, "
        f"{len(factbase.intents)} intents with {examples} example utterances, "
        f"{len(factbase.documents)} source document(s)"
    )


if __name__ == "__main__":
    raise SystemExit(main())

"""Command line: `python -m bot` / `mission-bot`.

ask QUESTION          the answer for a person, with citations
ask --json QUESTION   one JSON object (see README, "JSON interface")
ask --jsonl           questions on stdin, one per line; one JSON object out per line in
chat                  an interactive prompt that keeps context
check                 validate the fact base
eval [FILE]           accuracy report on a labelled question set
derive SOURCE.txt     draft a fact file for a new mission (README, "Adding a mission")
review                what people asked that the bot could not answer, grouped
timeline [MISSION]    the dated events in order, cited (--json; --out FILE.png draws them)

run / sync            the Discord bot (bot.discord_cli, imported only for these two, so
                      the offline commands never load discord.py or aiohttp)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import yaml

from bot.batch import ask_jsonl
from bot.config import ConfigError, load_config
from bot.conversations import ConversationStore
from bot.derive import DeriveError, Draft, derive, install
from bot.engine import Answer, Engine
from bot.evaluation import evaluate, load_questions
from bot.factbase import DEFAULT_KNOWLEDGE_DIR, FactBase, FactBaseError, load_factbase
from bot.feedback import (
    FeedbackError,
    Utterances,
    group_questions,
    read_feedback,
    review_report,
)
from bot.locations import HELD_OUT_SETS, OWN_COPY, copy_hint, not_curatable
from bot.source import SourceError, load_document
from bot.timeline import (
    Timeline,
    as_json,
    date_text,
    find_mission,
    missions_with_events,
    timeline_for,
)

Command = Callable[[argparse.Namespace], int]


def add_common_options(parser: argparse.ArgumentParser) -> None:
    """--knowledge and --mission, accepted before or after the subcommand."""
    parser.add_argument(
        "--knowledge",
        type=Path,
        default=argparse.SUPPRESS,
        help="knowledge directory (default: the bundled one)",
    )
    parser.add_argument(
        "--mission",
        default=argparse.SUPPRESS,
        help="mission assumed when a question names none (default: soyuz-ms-23)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mission-bot",
        description="Answer questions about spaceflight missions from a cited fact base.",
    )
    parser.set_defaults(knowledge=DEFAULT_KNOWLEDGE_DIR, mission="soyuz-ms-23")
    add_common_options(parser)
    # Subcommands inherit them, so `check --knowledge DIR` works like `--knowledge DIR check`.
    common_options = argparse.ArgumentParser(add_help=False)
    add_common_options(common_options)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ask = sub.add_parser(
        "ask", parents=[common_options], help="answer one question, or many with --jsonl"
    )
    ask.add_argument("question", nargs="?", help="the question (omit with --jsonl)")
    mode = ask.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print one JSON object")
    mode.add_argument(
        "--jsonl",
        action="store_true",
        help='read questions from stdin (text or {"question", "conversation"}),'
        " write one JSON object per line; a line that cannot be read gets an error"
        " object in its place, and the exit status is 1",
    )
    ask.set_defaults(func=cmd_ask)

    chat = sub.add_parser(
        "chat", parents=[common_options], help="interactive prompt that keeps context"
    )
    chat.set_defaults(func=cmd_chat)

    check = sub.add_parser("check", parents=[common_options], help="validate the fact base")
    check.set_defaults(func=cmd_check)

    ev = sub.add_parser(
        "eval", parents=[common_options], help="accuracy report on a labelled question set"
    )
    ev.add_argument(
        "file",
        nargs="*",
        type=Path,
        help="YAML question sets (default: the two held-out sets in tests/data, in a source "
        "checkout)",
    )
    ev.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    ev.set_defaults(func=cmd_eval)

    der = sub.add_parser(
        "derive",
        parents=[common_options],
        help="draft a fact file for a new mission from its source document",
    )
    der.add_argument("source", type=Path, help="the source document (title, infobox, sections)")
    der.add_argument(
        "--out",
        type=Path,
        default=None,
        help="write the draft to FILE ('-': stdout) instead of adding it to the knowledge "
        "directory",
    )
    der.add_argument("--id", default=None, help="mission id (default: from the title)")
    der.set_defaults(func=cmd_derive)

    review = sub.add_parser(
        "review",
        parents=[common_options],
        help="group the recorded unanswered questions, with example lines to paste",
    )
    review.add_argument(
        "--db",
        type=Path,
        action="append",
        default=None,
        help="feedback database; repeat it to read several, e.g. one per shard process "
        "(default: from --config, else feedback.sqlite3)",
    )
    review.add_argument("--config", type=Path, default=None, help="the bot's TOML config file")
    review.add_argument("--limit", type=int, default=10, help="groups to show (default: 10)")
    review.set_defaults(func=cmd_review)

    timeline = sub.add_parser(
        "timeline",
        parents=[common_options],
        help="the dated events in order, each cited; --out draws them as a PNG",
    )
    timeline.add_argument(
        "name",
        nargs="?",
        metavar="MISSION",
        help="a mission's own events (default: the story of --mission and the missions of "
        "its source document)",
    )
    timeline.add_argument("--json", action="store_true", help="print the events as JSON")
    timeline.add_argument(
        "--out", type=Path, default=None, metavar="FILE.png", help="draw the timeline to a PNG"
    )
    timeline.set_defaults(func=cmd_timeline)

    add_discord_commands(sub)
    return parser


def add_discord_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`run` and `sync`. Their code, in bot.discord_cli, is imported only when one of them
    runs: discord.py and aiohttp take a third of a one-off `ask`'s start-up time."""
    run = sub.add_parser("run", help="start the Discord bot (SIGHUP reloads the fact base)")
    run.add_argument(
        "--config",
        type=Path,
        default=None,
        help="TOML config file (see config.example.toml); default: none, "
        "with the token from DISCORD_TOKEN",
    )
    run.set_defaults(func=discord_command("cmd_run"))
    sync = sub.add_parser("sync", help="register the slash commands with Discord")
    sync.add_argument("--config", type=Path, default=None, help="TOML config file")
    sync.add_argument(
        "--guild",
        type=int,
        default=None,
        help="sync to this guild only (instant); default: the config's dev_guild, else globally",
    )
    sync.set_defaults(func=discord_command("cmd_sync"))


def discord_command(name: str) -> Command:
    """The command `name` of bot.discord_cli, imported when it is called."""

    def command(args: argparse.Namespace) -> int:
        try:
            from bot import discord_cli
        except ModuleNotFoundError as exc:
            if exc.name not in ("discord", "aiohttp"):
                raise
            print(
                f"error: {exc.name} is not installed, and the Discord commands need it; "
                "reinstall mission-bot (pip install .) to get its dependencies",
                file=sys.stderr,
            )
            return 2
        return int(getattr(discord_cli, name)(args))

    return command


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
        errors = ask_jsonl(engine, stdin_bytes(), sys.stdout)
        if errors:
            print(
                f"{errors} input line(s) could not be read; their output lines have "
                '"status": "error" and say why',
                file=sys.stderr,
            )
        return 1 if errors else 0
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


def stdin_bytes() -> Iterable[bytes]:
    """Standard input line by line, undecoded: a line that is not UTF-8 is reported by
    ask_jsonl in its place instead of ending the stream."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return buffer
    return (line.encode("utf-8", "surrogateescape") for line in sys.stdin)


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
    print(f"knowledge directory: {Path(args.knowledge).resolve()}")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    paths: list[Path] = list(args.file) or list(HELD_OUT_SETS)
    for path in paths:
        if path.is_file():
            continue
        if not args.file:
            print(
                f"error: no question set given, and the held-out sets ({path.name}) come with "
                "a source checkout of mission-bot, not with an installed package; give FILE: "
                "a YAML file with a 'questions' list of {q, kind, expect, forbid} or "
                '{q, mission, intent, status} (README, "Accuracy")',
                file=sys.stderr,
            )
        else:
            print(
                f"error: {path}: file not found; give the path of a YAML question set",
                file=sys.stderr,
            )
        return 2
    try:
        sets = [(path, load_questions(path)) for path in paths]
    except (ValueError, yaml.YAMLError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    engine = load_engine(args)
    held_out = not args.file
    if held_out and args.verbose:
        print(
            "note: listing the held-out sets' misses spends them: tune on the dev*_questions "
            "sets, and have a fresh held-out set written once these have been read",
            file=sys.stderr,
        )
    for n, (path, questions) in enumerate(sets):
        try:
            report = evaluate(engine, questions)
        except ValueError as exc:
            print(f"error: {path}: {exc}", file=sys.stderr)
            return 2
        if len(sets) > 1:
            print(("\n" if n else "") + f"== {path}")
        # The held-out sets by default: their figures, not which topics they miss.
        print(report.summary(verbose=args.verbose, aggregates=held_out and not args.verbose))
    return 0


def cmd_derive(args: argparse.Namespace) -> int:
    """Draft, then (without --out) add the source and the draft to the knowledge directory."""
    source: Path = args.source
    refusal = not_curatable(args.knowledge)
    if args.out is None and refusal is not None:
        print(
            f"error: {refusal}, so derive cannot add to it; {copy_hint(args.knowledge)} and "
            f"pass --knowledge {OWN_COPY}, or write the draft elsewhere with --out FILE",
            file=sys.stderr,
        )
        return 2
    try:
        document = load_document(source)
    except FileNotFoundError:
        print(
            f"error: {source}: file not found; give the path of the source document",
            file=sys.stderr,
        )
        return 2
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        existing: FactBase | None = load_factbase(args.knowledge)
    except FactBaseError:
        if any((args.knowledge / "missions").glob("*.yaml")):
            raise  # a broken fact base is reported by main()
        existing = None  # the first mission of a new knowledge directory
    try:
        draft = derive(document, existing, args.id)
        if args.out is not None:
            if str(args.out) == "-":
                sys.stdout.write(draft.yaml())
            else:
                args.out.write_text(draft.yaml(), encoding="utf-8")
            print(derive_summary(draft, source), file=sys.stderr)
            target, first = args.knowledge, ""
            if refusal is not None:
                target, first = Path(OWN_COPY), f"{refusal}, so {copy_hint(args.knowledge)}; "
            print(
                f"To use it: {first}copy {source} to {target / 'sources'}/ and the draft to "
                f"{target / 'missions'}/, then run `python -m bot --knowledge {target} check`.",
                file=sys.stderr,
            )
            return 0
        installed = install(draft, source, args.knowledge)
    except DeriveError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except FactBaseError as exc:
        print(
            f"error: the draft does not pass check, so nothing was added: {exc}\n"
            "write it with --out FILE to see and fix it",
            file=sys.stderr,
        )
        return 2
    written = [f"  wrote {installed.fact_file}"]
    if installed.source is not None:
        written.append(f"  copied the source to {installed.source}")
    print(derive_summary(draft, source, written))
    print(describe(installed.factbase))
    where = "" if args.knowledge == DEFAULT_KNOWLEDGE_DIR else f" --knowledge {args.knowledge}"
    print(f'Try: mission-bot{where} ask "When did {draft.name} launch?"')
    return 0


def derive_summary(draft: Draft, source: Path, written: Sequence[str] = ()) -> str:
    """What a curator needs after `derive`: what was made, and what to fix in the source."""
    lines = [
        f"Drafted {draft.mission_id} ({draft.name}): {len(draft.facts)} facts, "
        f"{len(draft.gaps)} gaps; aliases: {', '.join(draft.aliases)}",
        *written,
    ]
    if draft.neighbours:
        names = ", ".join(m["name"] for m in draft.neighbours)
        lines.append(f"  also added, as named in the infobox: {names}")
    if draft.issues:
        lines.append("Garbled or empty in the source (kept out of the facts; the bot says so):")
        lines += [
            f"  {source}:{i.line}: {i.problem}; fix the value in the source and add a fact, "
            "or leave the gap"
            for i in draft.issues
        ]
    if draft.unmapped:
        lines.append("No intent for these fields (no fact made): " + ", ".join(draft.unmapped))
    for alias, owner in draft.dropped_aliases:
        lines.append(f"  alias {alias!r} left out: it already names {owner}")
    if draft.events:
        lines.append("Timeline events: " + ", ".join(e["title"] for e in draft.events))
    for field in draft.undated:
        lines.append(
            f"  no timeline event for {field}: an event's quote must state the day before "
            'the month ("3 March"); add it by hand'
        )
    return "\n".join(lines)


def cmd_review(args: argparse.Namespace) -> int:
    """Read-only: the recorded questions, grouped, with example lines ready to paste."""
    knowledge, dbs, retention = args.knowledge, args.db, 90.0
    if args.config is not None:
        try:
            config = load_config(args.config)
        except ConfigError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        dbs = dbs or [config.feedback.path]
        retention = config.feedback.retention_days
        if knowledge == DEFAULT_KNOWLEDGE_DIR:
            knowledge = config.knowledge
    if args.limit < 1:
        print("error: --limit must be at least 1", file=sys.stderr)
        return 2
    refusal = not_curatable(knowledge)
    if refusal is not None:
        print(
            f"error: {refusal}, and review's lines are for pasting into it; "
            f"{copy_hint(knowledge)} and pass --knowledge {OWN_COPY}, or set knowledge_dir "
            "in the --config file",
            file=sys.stderr,
        )
        return 2
    factbase = load_factbase(knowledge)
    try:
        records, votes = read_feedback(dbs or [Path("feedback.sqlite3")], retention)
    except FeedbackError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    names = Utterances.of(factbase)
    print(
        review_report(
            group_questions(records, names),
            votes,
            args.limit,
            {i.id: i.examples for i in factbase.intents.values()},
            factbase.stopwords | factbase.vague_terms,
        )
    )
    return 0


def cmd_timeline(args: argparse.Namespace) -> int:
    """The events in order: as text, as JSON (--json), drawn to a PNG (--out)."""
    factbase = load_factbase(args.knowledge)
    if args.mission not in factbase.missions:
        known = ", ".join(factbase.missions)
        print(
            f"error: --mission {args.mission!r} is not in the fact base; use one of: {known}",
            file=sys.stderr,
        )
        return 2
    having = ", ".join(
        factbase.missions[m].name for m in missions_with_events(factbase, args.mission)
    )
    mission = None
    if args.name is not None:
        mission = find_mission(factbase, args.name)
        if mission is None:
            print(
                f"error: no mission called {args.name!r} in the fact base; name one by its "
                f"id or an alias (missions with a timeline: {having or 'none'})",
                file=sys.stderr,
            )
            return 2
    timeline = timeline_for(factbase, args.mission, mission)
    if args.json:
        print(json.dumps(as_json(timeline), ensure_ascii=False, indent=2))
    if not timeline.events:
        if args.json and args.out is None:
            return 0
        print(
            f"error: the fact base holds no dated events for "
            f"{factbase.missions[mission or args.mission].name}; "
            f"missions with a timeline: {having or 'none'}",
            file=sys.stderr,
        )
        return 1
    if args.out is not None:
        return write_picture(timeline, args.out)
    if not args.json:
        print(render_timeline(timeline))
    return 0


def write_picture(timeline: Timeline, path: Path) -> int:
    try:
        from bot.timeline_chart import draw

        png = draw(timeline)
    except ImportError as exc:
        print(f"error: drawing needs matplotlib ({exc}); run pip install -e .", file=sys.stderr)
        return 2
    try:
        path.write_bytes(png)
    except OSError as exc:
        print(f"error: cannot write {path}: {exc.strerror}; pick another --out", file=sys.stderr)
        return 2
    print(f"wrote {path}: {timeline.title}, {len(timeline.events)} events", file=sys.stderr)
    return 0


# ---------------------------------------------------------------------------- output


def render_timeline(timeline: Timeline) -> str:
    """The events as a person reads them in a terminal: date, what happened, each quote."""
    lines = [f"{timeline.title} ({len(timeline.events)} events)"]
    for event in timeline.events:
        lines.append(f"{date_text(event)}: {event.title}")
        for citation in event.citations:  # the date's, then those that give its year
            lines.append(f'  [{citation.source}, {citation.section}] "{citation.quote}"')
    return "\n".join(lines)


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
    others = len(factbase.entities) - len(factbase.missions) - len(factbase.events)
    return (
        f"fact base OK: {len(factbase.missions)} missions, {others} other entities (people, "
        f"craft, organisations), {len(factbase.events)} dated events, {len(factbase.facts)} facts "
        f"({quotes} verbatim quotes checked), {len(factbase.gaps)} known gaps, "
        f"{len(factbase.intents)} intents with {examples} example utterances, "
        f"{len(factbase.documents)} source document(s)"
    )


if __name__ == "__main__":
    raise SystemExit(main())

"""Reloading the fact base while the bot runs: validate first, swap only on success.

`!reload` (owner only) and SIGHUP both end here. The new fact base is loaded and checked
in a worker thread, so the bot keeps answering meanwhile; only a fact base that passes
every check replaces the engine, in one assignment. On any error the old engine stays,
and the outcome says why, as `file:line: problem` lines a curator can act on.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from pathlib import Path

from bot.discord_bot.embeds import safe
from bot.discord_bot.limits import CONTENT, clip
from bot.engine import Engine
from bot.factbase import FactBaseError, Problem, load_factbase

log = logging.getLogger("bot.discord.reload")
PROBLEM_LINE = 400  # one long problem must not crowd out the others


@dataclass(frozen=True, slots=True)
class ReloadResult:
    """What a reload did. `ok`: the new fact base is being served."""

    ok: bool
    root: Path
    missions: int = 0
    facts: int = 0
    problems: tuple[str, ...] = ()
    """Why it failed: `file:line: message` with file relative to `root`."""

    def summary(self) -> str:
        if self.ok:
            return f"reloaded the fact base: {self.missions} missions, {self.facts} facts"
        return (
            f"reload failed with {len(self.problems)} problem(s); still serving the previous "
            "fact base"
        )

    def report(self, limit: int = CONTENT) -> str:
        """The outcome for the owner, as one Discord message of at most `limit` characters."""
        if self.ok:
            return f"Reloaded the fact base: {self.missions} missions, {self.facts} facts."
        head = (
            "Reload failed, so I'm still serving the previous fact base. "
            f"{len(self.problems)} problem(s) in `{self.root.name}/`:\n"
        )
        tail = "\nFix them, run `python -m bot check`, then reload again."
        budget = limit - len(head) - len(tail)
        lines: list[str] = []
        for i, problem in enumerate(self.problems):
            line = clip("- " + _inline(problem), PROBLEM_LINE)
            left = len(self.problems) - i
            more = f"…and {left} more (the log lists them all)."
            reserve = len(more) + 1 if left > 1 else 0
            if len(line) + 1 + reserve > budget:
                lines.append(more)
                break
            lines.append(line)
            budget -= len(line) + 1
        return clip(head + "\n".join(lines) + tail, limit)


def _inline(text: str) -> str:
    """A problem as one line of Discord text: no newlines, markdown or mentions."""
    return safe(" ".join(text.split()))


def _relative(problem: Problem, root: Path) -> str:
    try:
        path = problem.path.resolve().relative_to(root.resolve())
    except ValueError:
        path = problem.path
    return f"{path}:{problem.line}: {problem.message}"


def build_engine(root: Path, default_mission: str) -> Engine:
    """Load, validate and index `root`: what the bot starts with and what a reload swaps in.

    Raises FactBaseError (every problem, located) or ValueError (e.g. the configured
    default mission is not in the fact base)."""
    return Engine(load_factbase(root), default_mission=default_mission)


async def load_replacement(root: Path, default_mission: str) -> tuple[Engine | None, ReloadResult]:
    """Build a new engine from `root` in a worker thread; (None, why) when it fails.

    Never raises for a bad fact base: every error becomes the result's problems and is
    logged with its full detail."""
    try:
        engine = await asyncio.to_thread(build_engine, root, default_mission)
    except FactBaseError as exc:
        problems = tuple(_relative(p, root) for p in exc.problems)
        log.error(
            "fact base reload from %s failed; still serving the previous one:\n  %s",
            root,
            "\n  ".join(str(p) for p in exc.problems),
        )
        return None, ReloadResult(False, root, problems=problems)
    except Exception as exc:  # an unreadable file, a bad default mission, a loader bug
        log.exception("fact base reload from %s failed; still serving the previous one", root)
        return None, ReloadResult(False, root, problems=(f"{type(exc).__name__}: {exc}",))
    result = ReloadResult(
        True, root, missions=len(engine.factbase.missions), facts=len(engine.factbase.facts)
    )
    log.info("%s from %s", result.summary(), root)
    return engine, result

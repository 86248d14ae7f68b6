"""The offline commands never import discord.py or aiohttp: a one-off `ask` starts fast.

Each command runs in a fresh interpreter (this test process has imported discord.py
already), must succeed, and then reports which of the heavy modules got imported.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import build_parser, main
from bot.feedback import FeedbackStore

ROOT = Path(__file__).resolve().parent.parent
KESTREL = ROOT / "tests" / "data" / "kestrel-7.txt"
HEAVY = ("discord", "aiohttp")

# Runs bot.cli.main(argv) with stdin closed, then writes its exit code and the heavy
# modules it imported to the file named by the first argument.
PROBE = f"""
import json, sys
from bot.cli import main
out, argv = sys.argv[1], sys.argv[2:]
code = main(argv)
heavy = sorted(m for m in sys.modules if m.partition(".")[0] in {HEAVY!r})
with open(out, "w") as f:
    json.dump({{"code": code, "heavy": heavy}}, f)
"""

EVAL_SET = (
    "questions:\n"
    '  - {q: "when did ms-23 land", mission: soyuz-ms-23, intent: landing, status: answered}\n'
)
DISCORD_COMMANDS = {"run", "sync"}
# One line per offline command, with arguments that make it do its real work; "{tmp}" is
# a scratch directory holding eval.yaml and feedback.sqlite3 (see scratch()).
OFFLINE_COMMANDS = {
    "ask": ["ask", "When did MS-23 land?"],
    "ask --jsonl": ["ask", "--jsonl"],
    "chat": ["chat"],
    "check": ["check"],
    "eval": ["eval", "{tmp}/eval.yaml"],
    "derive": ["derive", str(KESTREL), "--out", "{tmp}/draft.yaml"],
    "review": ["review", "--db", "{tmp}/feedback.sqlite3"],
    "timeline": ["timeline", "--json"],
    "timeline --out": ["timeline", "--out", "{tmp}/timeline.png"],
}


def scratch(tmp: Path) -> Path:
    (tmp / "eval.yaml").write_text(EVAL_SET, encoding="utf-8")
    with FeedbackStore(tmp / "feedback.sqlite3") as store:
        store.record("how much did ms-23 cost", "unknown", [("mission_cost", 0.4)])
    return tmp


@pytest.mark.parametrize("command", OFFLINE_COMMANDS)
def test_offline_command_never_imports_discord_or_aiohttp(tmp_path: Path, command: str) -> None:
    tmp = scratch(tmp_path)
    argv = [arg.format(tmp=tmp) for arg in OFFLINE_COMMANDS[command]]
    result = tmp / "result.json"
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(result), *argv],
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    probe = json.loads(result.read_text())
    assert probe["code"] == 0, done.stderr
    imported = sorted({m.partition(".")[0] for m in probe["heavy"]})
    assert not imported, f"`{command}` imported {', '.join(imported)}"


def test_every_command_but_run_and_sync_is_probed() -> None:
    """A new offline command fails this until it has its line in OFFLINE_COMMANDS."""
    [subcommands] = [
        a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)
    ]
    probed = {name.split()[0] for name in OFFLINE_COMMANDS}
    assert set(subcommands.choices) - DISCORD_COMMANDS == probed


def test_the_discord_commands_still_run_through_their_lazy_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", "--config", str(tmp_path / "missing.toml")]) == 2
    assert "config file not found" in capsys.readouterr().err

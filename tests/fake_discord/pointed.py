"""Run a Python module in this process with discord.py pointed at a FakeDiscord elsewhere.

    python -m tests.fake_discord.pointed http://127.0.0.1:PORT MODULE [ARGS...]

For tests that start a bot as a process of its own (several shard processes, signals to
the real command): the emulator runs in the test's event loop, the bot here. It is what
:func:`~tests.fake_discord.client.point_discord_py_at` does in process; the test side
starts it with :func:`start_pointed` and follows its log with :func:`read_until`.
"""

from __future__ import annotations

import asyncio
import os
import runpy
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

if TYPE_CHECKING:
    from .server import FakeDiscord

ROOT = Path(__file__).resolve().parent.parent.parent  # where `tests` is importable


async def start_pointed(
    fake: FakeDiscord, module: str, *args: str, env: dict[str, str] | None = None
) -> asyncio.subprocess.Process:
    """`python -m module args` in a new process pointed at `fake`; stderr is piped.
    `env` is added to this process's environment."""
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", __name__, fake.http_base, module, *args,
        cwd=ROOT, env={**os.environ, **(env or {})},
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


async def read_until(process: asyncio.subprocess.Process, marker: str, seen: list[str],
                     timeout: float = 60) -> str:
    """The next stderr line of `process` holding `marker`; every line read is appended to
    `seen`. Fails with the log so far if the process exits first."""
    assert process.stderr is not None

    async def scan() -> str:
        while line := (await process.stderr.readline()).decode():  # type: ignore[union-attr]
            seen.append(line)
            if marker in line:
                return line
        code = await process.wait()
        raise AssertionError(f"exited with {code} before {marker!r}:\n" + "".join(seen))

    return await asyncio.wait_for(scan(), timeout)


def main() -> None:
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    base, module, *args = sys.argv[1:]
    Route.BASE = f"{base}/api/v10"
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(base.replace("http", "ws", 1) + "/gateway")
    sys.argv = [module, *args]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()

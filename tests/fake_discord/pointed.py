"""Run a Python module in this process with discord.py pointed at a FakeDiscord elsewhere.

    python -m tests.fake_discord.pointed http://127.0.0.1:PORT MODULE [ARGS...]

For tests that start a bot as a process of its own (several shard processes, signals to
the real command): the emulator runs in the test's event loop, the bot here. It is what
:func:`~tests.fake_discord.client.point_discord_py_at` does in process.
"""

from __future__ import annotations

import runpy
import sys

import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route


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

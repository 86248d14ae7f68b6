"""deploy/mission-bot.service: a valid unit, and the command it runs behaves as it expects.

The unit counts on `mission-bot run --config FILE` taking its token from the environment
(EnvironmentFile), reloading on SIGHUP (ExecReload), exiting 0 on SIGTERM (so that
Restart=on-failure leaves a stopped bot stopped) and 2 on what a restart cannot mend
(RestartPreventExitStatus=2). The last test runs the real command that way against the
loopback Discord.
"""

from __future__ import annotations

import shlex
import shutil
import signal
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.fake_discord import FAKE_TOKEN, FakeDiscord
from tests.fake_discord.pointed import read_until, start_pointed

ROOT = Path(__file__).resolve().parent.parent
UNIT = ROOT / "deploy" / "mission-bot.service"


def unit_settings(text: str) -> dict[str, dict[str, list[str]]]:
    """Section -> key -> values (a key may repeat), as systemd reads a unit file."""
    sections: dict[str, dict[str, list[str]]] = {}
    current: dict[str, list[str]] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
            continue
        key, _, value = line.partition("=")
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


def test_the_unit_runs_the_installed_command_as_its_own_user_and_restarts_on_failure() -> None:
    unit = unit_settings(UNIT.read_text(encoding="utf-8"))
    service = {key: values[-1] for key, values in unit["Service"].items()}
    command, *args = shlex.split(service["ExecStart"])
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert Path(command).name in scripts and Path(command).is_absolute()
    assert args[:2] == ["run", "--config"]
    assert service["User"] not in ("", "root")
    assert service["EnvironmentFile"].startswith("/")  # the token: DISCORD_TOKEN=...
    assert (service["Restart"], service["KillSignal"]) == ("on-failure", "SIGTERM")
    assert service["RestartPreventExitStatus"] == "2"
    assert shlex.split(service["ExecReload"])[1:] == ["-HUP", "$MAINPID"]
    assert unit["Install"]["WantedBy"] == ["multi-user.target"]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_systemd_accepts_the_unit(tmp_path: Path) -> None:
    """`systemd-analyze verify`, with ExecStart pointed at this environment's command
    (the unit's /opt/mission-bot exists only on a server): no error, no warning."""
    installed = Path(sys.executable).parent / "mission-bot"
    if not installed.is_file():
        pytest.skip("mission-bot is not installed beside this Python")
    text = UNIT.read_text(encoding="utf-8")
    unit = unit_settings(text)
    command = shlex.split(unit["Service"]["ExecStart"][-1])[0]
    copy = tmp_path / UNIT.name
    copy.write_text(text.replace(command, str(installed)), encoding="utf-8")
    done = subprocess.run(["systemd-analyze", "verify", str(copy)], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0 and done.stderr == "", done.stderr


async def test_the_command_takes_its_token_from_the_environment_reloads_and_stops(
    tmp_path: Path,
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('log_level = "INFO"\n', encoding="utf-8")  # no token in the file
    async with FakeDiscord(heartbeat_interval_ms=500, token=FAKE_TOKEN) as fake:
        bot = await start_pointed(fake, "bot", "run", "--config", str(config),
                                  env={"DISCORD_TOKEN": FAKE_TOKEN})
        log: list[str] = []
        try:
            ready = await read_until(bot, "connected as", log)
            assert ready.rstrip().endswith("unsharded, 1 guild(s)")
            bot.send_signal(signal.SIGHUP)  # what `systemctl reload` sends
            assert "missions" in await read_until(bot, "reloaded the fact base", log)
        finally:
            if bot.returncode is None:
                bot.send_signal(signal.SIGTERM)  # what `systemctl stop` sends
            code = await bot.wait()
        assert bot.stderr is not None
        log += (await bot.stderr.read()).decode().splitlines(keepends=True)
        assert code == 0, "".join(log)
        assert "received SIGTERM, closing" in "".join(log) and "closed" in log[-1]
        assert FAKE_TOKEN not in "".join(log)

        rejected = await start_pointed(fake, "bot", "run", "--config", str(config),
                                       env={"DISCORD_TOKEN": "not-the-token"})
        assert await rejected.wait() == 2  # RestartPreventExitStatus: no restart loop
        assert rejected.stderr is not None
        assert "Discord rejected the token" in (await rejected.stderr.read()).decode()

"""Run a real discord.py client against :class:`FakeDiscord` (no pytest dependency)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Iterator
from typing import TypeVar

import discord
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

from .server import FakeDiscord

ClientT = TypeVar("ClientT", bound=discord.Client)
FAKE_TOKEN = "FAKE.TOKEN.value"


@contextlib.contextmanager
def point_discord_py_at(fake: FakeDiscord) -> Iterator[None]:
    """Point discord.py's REST base and default gateway at ``fake``; restore on exit.

    discord.py 2.7 never asks ``/gateway/bot`` in a plain ``Client``: it connects to the
    hard-coded ``DiscordWebSocket.DEFAULT_GATEWAY`` and falls back to it after an
    INVALID_SESSION, so that class attribute is patched alongside ``Route.BASE``
    (webhooks/interaction responses use the same ``Route``).
    """
    old_base, old_gateway = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
    Route.BASE = fake.api_base
    DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(fake.gateway_url)
    try:
        yield
    finally:
        Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = old_base, old_gateway


@contextlib.asynccontextmanager
async def running_client(
    fake: FakeDiscord, client: ClientT, token: str = FAKE_TOKEN, *, wait_ready: bool = True,
    timeout: float = 10,
) -> AsyncIterator[ClientT]:
    """Log ``client`` in against ``fake``, run its gateway loop in a task, wait for
    ``on_ready``, and always close it cleanly (no unclosed sessions/tasks) afterwards.

    Tip: build clients with ``guild_ready_timeout=0.05`` — discord.py otherwise waits 2 s
    after the last GUILD_CREATE before firing ``on_ready``.
    """
    with point_discord_py_at(fake):
        task: asyncio.Task[None] | None = None
        try:
            await client.login(token)  # also runs setup_hook (e.g. tree.sync())
            task = asyncio.create_task(client.connect(), name="fake-discord-client")
            if wait_ready:
                ready = asyncio.create_task(client.wait_until_ready())
                done, _ = await asyncio.wait({task, ready}, timeout=timeout,
                                             return_when=asyncio.FIRST_COMPLETED)
                if ready not in done:
                    ready.cancel()
                    if task in done:
                        task.result()  # re-raise why the client died
                    raise TimeoutError(f"client not ready within {timeout}s")
            yield client
        finally:
            await client.close()
            if task is not None:
                with contextlib.suppress(asyncio.CancelledError, discord.ConnectionClosed):
                    await asyncio.wait_for(task, timeout)

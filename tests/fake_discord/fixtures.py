"""Pytest fixtures for the Discord emulator.

Load with ``pytest_plugins = ["tests.fake_discord.fixtures"]`` in a test module or in the
root ``conftest.py`` (loading it as a plugin, rather than importing the fixture, keeps
pytest's assertion rewriting and ruff's F811 happy).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio

from .client import FAKE_TOKEN, point_discord_py_at, running_client
from .server import FakeDiscord

__all__ = ["FAKE_TOKEN", "fake_discord", "point_discord_py_at", "running_client"]


@pytest_asyncio.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    """A started emulator with a short heartbeat, closed after the test."""
    async with FakeDiscord(heartbeat_interval_ms=500) as fake:
        yield fake

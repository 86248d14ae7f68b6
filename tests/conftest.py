"""Shared fixtures: the bundled fact base and engine, and a scratch copy to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.factbase import DEFAULT_KNOWLEDGE_DIR, FactBase, load_factbase


@pytest.fixture(scope="session")
def factbase() -> FactBase:
    return load_factbase()


@pytest.fixture(scope="session")
def engine(factbase: FactBase) -> Engine:
    return Engine(factbase)


@pytest.fixture
def knowledge_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled knowledge directory."""
    target = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_KNOWLEDGE_DIR, target)
    return target

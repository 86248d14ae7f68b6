"""Shared fixtures: the bundled fact base and engine, and a scratch copy to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.cli import main
from bot.engine import Engine
from bot.factbase import DEFAULT_KNOWLEDGE_DIR, FactBase, load_factbase

KESTREL = Path(__file__).resolve().parent / "data" / "kestrel-7.txt"


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


@pytest.fixture(scope="module")
def derived_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled knowledge plus Kestrel 7, added by the CLI exactly as a curator would
    (one copy per test module)."""
    root = tmp_path_factory.mktemp("derived") / "knowledge"
    shutil.copytree(DEFAULT_KNOWLEDGE_DIR, root)
    assert main(["derive", str(KESTREL), "--knowledge", str(root)]) == 0
    return root


@pytest.fixture(scope="module")
def derived(derived_root: Path) -> FactBase:
    return load_factbase(derived_root)

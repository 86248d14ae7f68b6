"""Where the shipped files are, and whether a curating command may use a knowledge directory.

An installed mission-bot (`pip install .`, `pipx install .`, a wheel) carries its fact
base inside the package, as bot/knowledge. An upgrade or reinstall replaces those files,
so `derive` (which writes there) and `review` (whose lines are pasted there) refuse it
and ask for a knowledge directory of the curator's own.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PACKAGED_KNOWLEDGE_DIR = PACKAGE_DIR / "knowledge"
"""Exists only in an installed wheel; a source checkout has the top-level knowledge/."""
HELD_OUT_SETS = (
    PACKAGE_DIR.parent / "tests" / "data" / "heldout10_blind_questions.yaml",
    PACKAGE_DIR.parent / "tests" / "data" / "eval_questions.yaml",
)
"""The default `eval` sets: in a source checkout only, never in a wheel. The first was
written blind, from the source document alone, and is labelled by answer content; the
second, older one by intent."""
OWN_COPY = "~/mission-knowledge"


def is_packaged(knowledge: Path) -> bool:
    """True for the fact base installed with the package, or a directory inside it."""
    return knowledge.resolve().is_relative_to(PACKAGED_KNOWLEDGE_DIR)


def not_curatable(knowledge: Path) -> str | None:
    """Why `derive` and `review` must not work on `knowledge`, or None when they may."""
    if is_packaged(knowledge):
        return f"{knowledge} is the fact base installed with mission-bot (an upgrade replaces it)"
    for target in (knowledge, knowledge / "missions", knowledge / "sources"):
        existing = next(p for p in (target, *target.parents) if p.exists())
        if not os.access(existing, os.W_OK):
            return f"{existing} is not writable"
    return None


def copy_hint(knowledge: Path, copy: str = OWN_COPY) -> str:
    """How to make a knowledge directory of one's own from `knowledge`."""
    return f"copy it to a directory of your own (cp -r {knowledge} {copy})"
